#!/bin/sh
# tests/cli/check.sh -- tmgloss check: every check on a small file of its
# own in every format (TMX, XLIFF 1.2, XLIFF 2.0, PO, a pair of text files:
# tests/data/check, written by generate.py there) with the findings
# expected compared exactly; the text, TSV and JSON outputs; --checks,
# --skip, --severity; the exit status; length bounds learned from the
# memory; --against-memory; files that cannot be read.
. "$top_srcdir/tests/cli/test-lib.sh"

CHECK="$DATA/check"

test_expect_success 'import the glossary' '
	tmgloss import -q "$CHECK/glossary.tbx"
'

# expect_tsv CASE FORMAT FILE: the TSV that check should print for FILE,
# from CASE.expect (segment number, check, severity, message; @N in a
# message is where segment N is), with each segment's line and id in
# that format (generate.py says where it puts them).
expect_tsv () {
	awk -F'\t' -v fmt="$2" -v file="$3" '
		function line(i) {
			if (fmt == "tmx" || fmt == "xlf12") return 4 + i
			if (fmt == "xlf20") return 3 + i
			if (fmt == "po") return 4 * i + 3
			return i
		}
		function id(i) {
			if (fmt == "xlf20") return "u" i "/s" i
			if (fmt == "txt") return i
			return "u" i
		}
		BEGIN { OFS = "\t" }
		{
			msg = $4
			while (match(msg, /@[0-9]+/)) {
				n = substr(msg, RSTART + 1, RLENGTH - 1)
				msg = substr(msg, 1, RSTART - 1) file ":" line(n) \
				      substr(msg, RSTART + RLENGTH)
			}
			print file, line($1), id($1), $2, $3, msg
		}' "$CHECK/$1.expect"
}

# check_case CASE CHECK SRC TGT: check CASE's five files for CHECK alone.
check_case () {
	for fmt in tmx xlf12 xlf20 po txt; do
		case $fmt in
		tmx) file="$CHECK/$1.tmx" ;;
		xlf12) file="$CHECK/$1-1.2.xlf" ;;
		xlf20) file="$CHECK/$1-2.0.xlf" ;;
		po) file="$CHECK/$1.po" ;;
		txt) file="$CHECK/$1.tgt.txt" ;;
		esac
		expect_tsv "$1" $fmt "$file" >expect-$fmt || return 1
		if test $fmt = txt; then
			tmgloss check --src "$3" --tgt "$4" --checks "$2" \
				--severity info --format=tsv \
				--source-text "$CHECK/$1.src.txt" \
				--target-text "$file" >got-$fmt
		else
			tmgloss check --src "$3" --checks "$2" --severity info \
				--format=tsv "$file" >got-$fmt
		fi
		rc=$?
		test $rc = 1 || { echo "$1 ($fmt): exit status $rc"; return 1; }
		test_cmp expect-$fmt got-$fmt || return 1
	done
}

for case in term-missing term-deprecated term-admitted number placeholder \
	    untranslated whitespace punctuation inconsistent length; do
	test_expect_success "$case: found in TMX, XLIFF 1.2 and 2.0, PO, text" "
		check_case $case $case fr zh-CN
	"
done

test_expect_success 'punctuation: French typography in a French target' '
	check_case punctuation-fr punctuation zh-CN fr
'

test_expect_success 'text output: FILE:LINE: CHECK: message [id], a summary' '
	cp "$CHECK/term-deprecated.tmx" td.tmx &&
	test_expect_code 1 tmgloss check --checks term-deprecated,term-missing \
		td.tmx >out &&
	cat >expect <<-\EOF &&
	td.tmx:5: term-deprecated: '"'口令'"' is a deprecated term: use '"'密码'"' [u1]

	2 segments checked.
	  term-deprecated: 1 error
	Total: 1 error
	EOF
	test_cmp expect out &&
	test_expect_code 1 tmgloss check -q --checks term-deprecated td.tmx >out &&
	head -n 1 expect >expect-q &&
	test_cmp expect-q out
'

test_expect_success 'tsv: a header line with --header; json: the same fields' '
	cp "$CHECK/untranslated.po" u.po &&
	test_expect_code 1 tmgloss check --header --format=tsv \
		--checks untranslated u.po >out &&
	printf "FILE\tLINE\tID\tCHECK\tSEVERITY\tMESSAGE\n" >expect &&
	printf "u.po\t7\tu1\tuntranslated\terror\tthe target is the source, untranslated\n" >>expect &&
	printf "u.po\t15\tu3\tuntranslated\terror\tthe target is empty\n" >>expect &&
	test_cmp expect out &&
	test_expect_code 1 tmgloss check --format=json --checks untranslated \
		u.po >out &&
	cat >expect <<-\EOF &&
	[
	  {"file": "u.po", "line": 7, "id": "u1", "check": "untranslated", "severity": "error", "message": "the target is the source, untranslated"},
	  {"file": "u.po", "line": 15, "id": "u3", "check": "untranslated", "severity": "error", "message": "the target is empty"}
	]
	EOF
	test_cmp expect out &&
	tmgloss check --format=json --checks length u.po >out &&
	echo "[]" >expect &&
	test_cmp expect out
'

test_expect_success 'a PO message without msgctxt: its msgid line is the id' '
	sed "/^msgctxt/d" "$CHECK/untranslated.po" >plain.po &&
	test_expect_code 1 tmgloss check --format=tsv --checks untranslated \
		plain.po >out &&
	printf "plain.po\t6\t6\tuntranslated\terror\tthe target is the source, untranslated\n" >expect &&
	printf "plain.po\t12\t12\tuntranslated\terror\tthe target is empty\n" >>expect &&
	test_cmp expect out
'

test_expect_success '--severity: what is shown, and the exit status' '
	tmgloss check --checks length "$CHECK/length.tmx" >out &&
	grep -x "Nothing found." out &&
	test_expect_code 1 tmgloss check --checks length --severity info \
		"$CHECK/length.tmx" >out &&
	grep "length: 1 note" out &&
	tmgloss check --severity error --checks whitespace \
		"$CHECK/whitespace.tmx" &&
	test_expect_code 1 tmgloss check --severity error \
		--checks term-deprecated "$CHECK/term-deprecated.tmx"
'

test_expect_success '--checks and --skip choose the checks' '
	tmgloss check --checks placeholder,untranslated --skip placeholder \
		--format=tsv "$CHECK/placeholder.tmx" >out &&
	test_must_be_empty out &&
	test_expect_code 1 tmgloss check --skip term-missing,length \
		--format=tsv "$CHECK/untranslated.tmx" >out &&
	cut -f 4 out | sort -u >checks &&
	echo untranslated >expect &&
	test_cmp expect checks
'

test_expect_success 'a clean file: nothing found, exit 0' '
	printf "Terminé.\nOuvrez les fichiers du serveur.\n" >ok.fr &&
	printf "完成。\n打开服务器上的文件。\n" >ok.zh &&
	tmgloss check --src fr --tgt zh-CN --source-text ok.fr \
		--target-text ok.zh >out &&
	printf "\n2 segments checked.\nNothing found.\n" >expect &&
	test_cmp expect out
'

test_expect_success 'bad usage: exit 2' '
	test_expect_code 2 tmgloss check &&
	test_expect_code 2 tmgloss check --checks spelling "$CHECK/number.tmx" 2>err &&
	grep "unknown check .spelling." err &&
	test_expect_code 2 tmgloss check --severity fatal "$CHECK/number.tmx" &&
	test_expect_code 2 tmgloss check --source-text ok.fr ok.zh &&
	test_expect_code 2 tmgloss check --source-text ok.fr --target-text ok.zh &&
	test_expect_code 2 tmgloss check --src fr --tgt zh --source-text ok.fr \
		--target-text ok.zh "$CHECK/number.tmx"
'

test_expect_success 'a file that cannot be read: FILE:LINE on stderr, exit 1, the others checked' '
	printf "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"fr\"/>\n<body>\n<tu><tuv xml:lang=\"fr\"><seg>a</tuv>\n</body></tmx>\n" >broken.tmx &&
	cp "$DATA/check/glossary.tbx" glossary.tbx &&
	test_expect_code 1 tmgloss check --format=tsv --checks untranslated \
		broken.tmx missing.po glossary.tbx u.po >out 2>err &&
	grep "^tmgloss: broken.tmx:5:" err &&
	grep "^tmgloss: missing.po:" err &&
	grep "^tmgloss: glossary.tbx: not a TMX, XLIFF or PO file" err &&
	test $(wc -l <out) = 2 &&
	printf "一\n二\n" >two.zh && printf "un\n" >one.fr &&
	test_expect_code 1 tmgloss check --src fr --tgt zh --source-text one.fr \
		--target-text two.zh 2>err &&
	grep "^tmgloss: one.fr:2: the file ends here, before line 2 of .two.zh." err &&
	test_expect_code 1 tmgloss check --checks untranslated broken.tmx \
		>out 2>err &&
	! grep "Nothing found" out
'

test_expect_success 'without a memory: the term checks are left out, with a note' '
	tmgloss --db none.db check --format=tsv "$CHECK/term-deprecated.tmx" \
		>out 2>err &&
	test_must_be_empty out &&
	grep "note: none.db: no memory" err &&
	! test -e none.db
'

# 300 translations of 31-character sources (Fichier de configuration
# numero N), their targets 9 to 21 characters long: a ratio of 0.29 to
# 0.68, which the length check learns (0.5 % and 99.5 % quantiles)
test_expect_success 'length: the bounds are learned from the memory' '
	{
		printf "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n" &&
		printf "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"fr\" datatype=\"plaintext\"/>\n<body>\n" &&
		i=100 &&
		while test $i -lt 400; do
			t=$(printf "%$((9 + i % 13))s" "" | sed "s/ /文/g") &&
			printf "<tu><tuv xml:lang=\"fr\"><seg>Fichier de configuration numero %d</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>%s</seg></tuv></tu>\n" $i "$t" &&
			i=$((i + 1)) || return 1
		done &&
		printf "</body>\n</tmx>\n"
	} >learn.tmx &&
	tmgloss --db learn.db import -q learn.tmx &&
	test_expect_code 1 tmgloss --db learn.db check --checks length \
		--severity info --format=tsv "$CHECK/length.tmx" >out &&
	f="$CHECK/length.tmx" &&
	printf "%s\t5\tu1\tlength\tinfo\tthe target is short: 4 characters for 39 in the source (0.10 times; expected 0.29 to 0.68)\n" "$f" >expect &&
	printf "%s\t6\tu2\tlength\tinfo\tthe target is short: 8 characters for 39 in the source (0.21 times; expected 0.29 to 0.68)\n" "$f" >>expect &&
	test_cmp expect out &&
	tmgloss --db learn.db check --checks length --format=tsv \
		"$CHECK/length.tmx" >out &&
	test_must_be_empty out
'

test_expect_success '--against-memory: the memory translates a source otherwise' '
	tmgloss import -q "$CHECK/inconsistent.tmx" &&
	cp "$CHECK/term-admitted.tmx" again.tmx &&
	tmgloss check --checks inconsistent --format=tsv again.tmx >out &&
	test_must_be_empty out &&
	test_expect_code 1 tmgloss check --checks inconsistent --against-memory \
		--format=tsv again.tmx >out &&
	printf "again.tmx\t5\tu1\tinconsistent\twarning\tthe memory translates this source otherwise: '"'打开文件。'"'\n" >expect &&
	printf "again.tmx\t6\tu2\tinconsistent\twarning\tthe memory translates this source otherwise: '"'打开文件。'"'\n" >>expect &&
	test_cmp expect out
'

test_done
