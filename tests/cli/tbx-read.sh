#!/bin/sh
# tbx-read.sh -- TBX as other tools write it: every valid TBX of the corpus
# that tests/data may hold imports with all its terms; what tools write
# beside the standard is read; a faulty entry costs only itself with
# --skip-invalid, and no term is lost without a warning.
. "$top_srcdir/tests/cli/test-lib.sh"
TOOLS="$DATA/tbx/tools"

# terms stored in memory $1, one "lang|text" a line, sorted
terms() {
	sqlite3 "$1" "SELECT lang || '|' || text FROM terms" | LC_ALL=C sort
}

# the <term> elements of file $1 that have text
file_terms() {
	grep -o '<term[ >][^<]' "$1" | wc -l
}

# import each file DIR/NAME.tbx alone: every one of its terms is stored
all_terms_import() {
	dir=$1 && shift &&
	for f
	do
		rm -f c.db &&
		tmgloss --db c.db import "$dir/$f.tbx" >out 2>err &&
		sqlite3 c.db "SELECT count(*) FROM terms" >n &&
		file_terms "$dir/$f.tbx" >expect &&
		test "$(cat n)" -eq "$(cat expect)" ||
		{ echo "$f: $(cat n) terms of $(cat expect)"; return 1; }
	done
}

test_expect_success SQLITE3 'every valid TBX of the corpus imports with all its terms' '
	all_terms_import "$DATA/tbx/okapi" ibm_tbx maryland medtronic_TBX \
		oracle_TBX sdl_tbx test01 test02_win1254
'

test_expect_success SQLITE3,LTAC_TBX 'the valid LTAC TBX v3 files import with all their terms' '
	all_terms_import "$CORPUS/tbx" ltac-test-files/core_structure_good \
		ltac-test-files/min_good ltac-test-files/basic_good \
		ltac-test-files/min_bad ltac-test-files/basic_bad \
		ltac-tbx-basic/Example_Astronomy_DCT_VALID
'

test_expect_success SQLITE3,LTAC_TBX 'core_structure_bad imports its valid entries with --skip-invalid' '
	test_expect_code 1 tmgloss --db cb.db import \
		"$CORPUS/tbx/ltac-test-files/core_structure_bad.tbx" 2>err &&
	grep "core_structure_bad.tbx:27: .*in entry .c1. (--skip-invalid" err &&
	tmgloss --db cb.db import --skip-invalid \
		"$CORPUS/tbx/ltac-test-files/core_structure_bad.tbx" >out 2>err &&
	grep "core_structure_bad.tbx:27: .*entry .c1. skipped" err &&
	grep "44 concepts read: 44 added, 0 updated, 0 unchanged, 1 skipped" out
'

test_expect_success 'what a TBX holds and the glossary does not keep is said' '
	tmgloss --db nk.db import "$DATA/tbx/okapi/medtronic_TBX.tbx" \
		"$DATA/tbx/okapi/oracle_TBX.tbx" >out &&
	grep "^  130 transactions (who changed an entry, when) were not kept" out &&
	grep "^  2 labels of cross-references were not kept (their links were)" out &&
	tmgloss --db nk.db import "$DATA/tbx/v3/basic-dct.tbx" >out &&
	grep "transactions\{0,1\} (who changed an entry, when)" out
'

test_expect_success SQLITE3 'lang without xml:, and &lt; and &amp; in terms' '
	tmgloss --db a.db import "$TOOLS/lang-attribute.tbx" >out 2>err &&
	test_must_be_empty err &&
	grep "2 concepts read: 2 added" out &&
	terms a.db >actual &&
	printf "%s\n" "fr|A & B < C" "fr|balise <b>" "zh-CN|<b> 标签" \
		"zh-CN|甲 & 乙 < 丙" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 '... and they survive an export and an import' '
	tmgloss --db a.db gloss export -o back.tbx &&
	tmgloss --db a2.db import back.tbx &&
	terms a2.db >actual &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'descrip and termNote without a type; two terms in one tig' '
	tmgloss --db u.db import "$TOOLS/untyped.tbx" >out 2>err &&
	test_must_be_empty err &&
	terms u.db >actual &&
	printf "%s\n" "fr|grand modèle" "fr|grand modèle de langage" \
		"zh-CN|大模型" >expect &&
	test_cmp expect actual &&
	sqlite3 u.db "SELECT kind, type, value FROM concept_fields ORDER BY id" >actual &&
	printf "%s\n" "descrip|definition|un modèle entraîné sur de grands corpus" \
		"note||nom masculin" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'an unusable language tag loses only its entry, with a warning' '
	tmgloss --db l.db import "$TOOLS/bad-lang.tbx" >out 2>err &&
	grep "bad-lang.tbx:9: .---. is not a language tag: entry .b2. skipped" err &&
	grep "2 concepts read: 2 added, 0 updated, 0 unchanged, 1 skipped" out &&
	terms l.db >actual &&
	printf "%s\n" "fr|jeu de données" "fr|puce" "zh-CN|数据集" "zh-CN|芯片" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'a faulty entry refuses the file and says how to import the rest' '
	test_expect_code 1 tmgloss --db s.db import "$TOOLS/untyped-admin.tbx" >out 2>err &&
	grep "untyped-admin.tbx:9: <admin> without a type attribute, in entry .a2. (--skip-invalid" err &&
	grep "nothing was imported" err &&
	sqlite3 s.db "SELECT count(*) FROM terms" >n && echo 0 >expect &&
	test_cmp expect n
'

test_expect_success SQLITE3 '--skip-invalid keeps every other entry and names the skipped one' '
	tmgloss --db s.db import --skip-invalid "$TOOLS/untyped-admin.tbx" >out 2>err &&
	grep "warning: .*untyped-admin.tbx:9: <admin> without a type attribute: entry .a2. skipped" err &&
	grep "2 concepts read: 2 added, 0 updated, 0 unchanged, 1 skipped" out &&
	terms s.db >actual &&
	printf "%s\n" "fr|jeu de données" "fr|puce" "zh-CN|数据集" "zh-CN|芯片" >expect &&
	test_cmp expect actual
'

test_expect_success '--skip-invalid does not accept malformed XML' '
	test_expect_code 1 tmgloss --db m.db import --skip-invalid \
		"$DATA/tbx/v3/malformed.tbx" 2>err &&
	grep "malformed.tbx:13:" err
'

test_expect_success SQLITE3 'pre-ISO TBX-Min 1.0' '
	tmgloss --db min.db import "$TOOLS/min-1.0.tbx" >out 2>err &&
	test_must_be_empty err &&
	grep "TBX-Min 1.0 glossary, 2 concepts read: 2 added" out &&
	sqlite3 min.db "SELECT lang, text, status, part_of_speech FROM terms ORDER BY id" >actual &&
	printf "%s\n" "fr|intelligence incarnée|1|noun" "zh-CN|具身智能|0|" \
		"fr|puce photonique|0|" "zh-CN|光子芯片|2|" >expect &&
	test_cmp expect actual &&
	sqlite3 min.db "SELECT subject_field FROM concepts WHERE subject_field IS NOT NULL" >actual &&
	echo "intelligence artificielle" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'langSection is read; a term outside an entry is skipped with its line' '
	tmgloss --db ls.db import "$TOOLS/lang-section.tbx" >out 2>err &&
	grep "lang-section.tbx:9: term .réseau de neurones. outside an entry: skipped" err &&
	grep "lang-section.tbx:10: term .神经网络. outside an entry: skipped" err &&
	grep "1 concept read: 1 added, 0 updated, 0 unchanged, 2 skipped" out &&
	terms ls.db >actual &&
	printf "%s\n" "fr|apprentissage automatique" "zh-CN|机器学习" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'a TBX v3 in another namespace is read, not emptied' '
	tmgloss --db ns.db import "$TOOLS/other-namespace.tbx" >out 2>err &&
	test_must_be_empty err &&
	grep "1 concept read: 1 added" out &&
	sqlite3 ns.db "SELECT lang, text, part_of_speech FROM terms ORDER BY id" >actual &&
	printf "%s\n" "fr|puissance de calcul|noun" "zh-CN|算力|" >expect &&
	test_cmp expect actual
'

test_expect_success 'a root that is neither TMX nor TBX is named, with its line' '
	test_expect_code 1 tmgloss --db h.db import "$TOOLS/html-root.xml" 2>err &&
	grep "html-root.xml:3: the root element is <html>: not a TMX file (<tmx>), a TBX glossary (<martif>, <tbx>) or an XLIFF document (<xliff>)" err &&
	! grep "not <tmx>" err
'

test_expect_success 'a failed file reports nothing added (TSV)' '
	test_expect_code 1 tmgloss --db f.db import --format=tsv --header \
		"$DATA/tbx/v3/malformed.tbx" >out 2>err &&
	sed -n 2p out | cut -f2,4-7 >actual &&
	printf "failed\t0\t0\t0\t0\n" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON3 'a failed file reports nothing added (JSON)' '
	test_expect_code 1 tmgloss --db f.db import --format=json \
		"$DATA/tbx/v3/malformed.tbx" >out.json 2>err &&
	python3 -c "import json; d=json.load(open(\"out.json\"))[0]; assert d[\"status\"]==\"failed\" and d[\"added\"]==0 and d[\"pairs\"]==[], d"
'

# tbx_with NAME ATTRIBUTE: a one-entry TBX whose <termEntry> carries
# ATTRIBUTE (read from standard input), on line 4.
tbx_with () {
	{
		printf "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\">\n<text><body>\n<termEntry id=\"c1\" " &&
		cat &&
		printf ">\n<langSet xml:lang=\"en\"><tig><term>a</term></tig></langSet>\n</termEntry></body></text></martif>\n"
	} >"$1"
}

test_expect_success 'an attribute value of megabytes is refused with its line' '
	{ printf "note=\"" && head -c 5000000 /dev/zero | tr "\\000" x &&
	  printf "\""; } | tbx_with bigattr.tbx &&
	test_expect_code 1 tmgloss --db big.db import bigattr.tbx >out 2>err &&
	grep "bigattr.tbx:4: an attribute value is longer than 1048576 characters" err &&
	test $(grep -c . err) = 2
'

test_expect_success 'so is a name of thousands of characters' '
	{ head -c 2000 /dev/zero | tr "\\000" n && printf "=\"1\""; } |
		tbx_with longname.tbx &&
	test_expect_code 1 tmgloss --db big.db import longname.tbx 2>err &&
	grep "longname.tbx:4: the name of an element or attribute is longer than 1000 characters" err
'

test_expect_success 'and an element with more than 1000 attributes' '
	awk "BEGIN { for (i = 0; i < 1500; i++) printf \"a%d=\\\"1\\\" \", i }" |
		tbx_with attrs.tbx &&
	test_expect_code 1 tmgloss --db big.db import attrs.tbx 2>err &&
	grep "attrs.tbx:4: an element has more than 1000 attributes" err
'

test_expect_success 'a TBX in UTF-16 is read; its errors have their line and column' '
	tmgloss --db u8.db import "$TOOLS/lang-attribute.tbx" >out &&
	sed -n "s/^.*lang-attribute.tbx: //p" out >want &&
	grep "2 concepts read: 2 added" want &&
	for e in UTF-16LE UTF-16BE; do
		{ printf "\\357\\273\\277" &&
		  sed "1s/UTF-8/UTF-16/" "$TOOLS/lang-attribute.tbx"; } |
			iconv -f UTF-8 -t $e >$e.tbx &&
		rm -f u16.db &&
		tmgloss --db u16.db import $e.tbx >out &&
		sed -n "s/^$e.tbx: //p" out >got &&
		test_cmp want got &&
		tmgloss --db u16.db gloss list --lang zh-CN >list &&
		grep "<b> 标签" list || return 1
	done &&
	{ printf "\\357\\273\\277" &&
	  sed "1s/UTF-8/UTF-16/" "$DATA/tbx/v3/malformed.tbx"; } |
		iconv -f UTF-8 -t UTF-16BE >bad16.tbx &&
	test_expect_code 1 tmgloss --db u8.db import "$DATA/tbx/v3/malformed.tbx" 2>err8 &&
	test_expect_code 1 tmgloss --db u8.db import bad16.tbx 2>err16 &&
	sed -n "s/^tmgloss: .*malformed.tbx:/:/p" err8 >want &&
	sed -n "s/^tmgloss: bad16.tbx:/:/p" err16 >got &&
	grep "^:13:43: the element <term> begun on line 13 is ended by </termSec>" got &&
	test_cmp want got
'

test_expect_success 'a TBX cut short is said to be truncated, never in libxml2 words' '
	f="$DATA/tbx/okapi/ibm_tbx.tbx" &&
	size=$(wc -c <"$f") &&
	for n in 200 $((size / 3)) $((size / 2)) $((size - 30)) $((size - 3)); do
		head -c $n "$f" >cut.tbx &&
		test_expect_code 1 tmgloss --db cut.db import cut.tbx 2>err &&
		grep "^tmgloss: cut.tbx:[0-9]*:[0-9]*: the file ends in the middle of an element: it was cut short (truncated)$" err ||
		return 1
	done
'

test_done
