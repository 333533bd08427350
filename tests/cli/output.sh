#!/bin/sh
# What every command's output shares: --format takes the same names
# everywhere, --header is the one way to get a TSV header line, TSV fields
# are escaped one way, JSON stays valid whatever bytes a file name has,
# counts are singular or plural, sizes are in the user's units, and the
# progress line can be forced on for a log or a test.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success 'setup: a memory with two units and one concept' '
	tmgloss import -q "$DATA/good-two.tmx" &&
	tmgloss gloss add "jumeau numérique" "数字孪生" --src fr --tgt zh >/dev/null
'

# --format

test_expect_success 'gloss export takes --format like every command, not -f' '
	test_expect_code 2 tmgloss gloss export -f tsv -o g.tsv 2>err &&
	grep "unknown option" err && test ! -e g.tsv &&
	tmgloss gloss export --format=tsv --src fr --tgt zh -o g.tsv 2>err &&
	printf "jumeau numérique\t数字孪生\n" >expect && test_cmp expect g.tsv
'

test_expect_success 'a format a command does not write is a usage error naming the ones it does' '
	test_expect_code 2 tmgloss gloss export --format=json -o g.json 2>err &&
	grep "unknown format .json. (one of: tsv, tbx)" err && test ! -e g.json &&
	test_expect_code 2 tmgloss stats --format=tbx 2>err &&
	grep "unknown output format .tbx. (use text, tsv or json)" err
'

# --header

# tsv_commands: one command a line whose TSV output this test knows.
tsv_commands () {
	cat <<-\EOF
	stats
	origins
	index
	gloss list --lang fr
	remove --dry-run 1
	EOF
}

test_expect_success 'TSV has no header line without --header, for every command' '
	tsv_commands >commands &&
	while read -r c; do
		tmgloss $c --format=tsv >out || return 1
		head -n 1 out >first &&
		! grep -E "^(record	value|name	imported|concept	term)" first ||
		{ echo "tmgloss $c: a header without --header"; return 1; }
	done <commands &&
	printf "Un. Deux." | tmgloss segment --lang fr --format=tsv >out &&
	printf "0	0	3	0	3	Un.\n0	4	9	4	9	Deux.\n" >expect &&
	test_cmp expect out
'

test_expect_success '--header: the first line names the columns, for every command' '
	tmgloss stats --format=tsv --header >out &&
	head -n 2 out >first && printf "record	value\nunits	2\n" >expect &&
	test_cmp expect first &&
	tmgloss origins --format=tsv --header | head -n 1 >first &&
	printf "name	imported	units	concepts	languages\n" >expect &&
	test_cmp expect first &&
	tmgloss gloss list --lang fr --format=tsv --header >out &&
	printf "concept	term	status	translations\n1	jumeau numérique		数字孪生\n" >expect &&
	test_cmp expect out &&
	tmgloss index --format=tsv --header | head -n 1 >first &&
	printf "record	value\n" >expect && test_cmp expect first &&
	tmgloss remove --dry-run 1 --format=tsv --header | head -n 1 >first &&
	test_cmp expect first &&
	printf "Un." | tmgloss segment --lang fr --format=tsv --header >out &&
	printf "paragraph	start	end	byte_start	byte_end	sentence\n0	0	3	0	3	Un.\n" >expect &&
	test_cmp expect out
'

test_expect_success 'import: the summary header line with --header only' '
	tmgloss --db imp.db import --format=tsv "$DATA/good-two.tmx" >out &&
	test $(wc -l <out) -eq 1 && grep "^/.*good-two.tmx	ok	2	2	" out &&
	tmgloss --db imp2.db import --format=tsv --header "$DATA/good-two.tmx" >out &&
	head -n 1 out | grep "^file	status	read	added	merged	unchanged	skipped	" &&
	test $(wc -l <out) -eq 2
'

test_expect_success '--header before the command works too; text output ignores it' '
	tmgloss --header stats --format=tsv | head -n 1 >first &&
	printf "record	value\n" >expect && test_cmp expect first &&
	tmgloss stats >plain && tmgloss stats --header >with &&
	test_cmp plain with
'

test_expect_success 'gloss export --format=tsv stays OmegaT s file: no header line' '
	tmgloss gloss export --header --format=tsv --src fr --tgt zh -o h.tsv 2>err &&
	test_cmp g.tsv h.tsv
'

# TSV escaping, documented in the manual page

test_expect_success 'a TSV field: tab, newline, CR and backslash escaped, nothing else' '
	printf "a\tb\\\\c \"d\"" | tmgloss segment --lang fr --format=tsv >out &&
	printf "0	0	9	0	9	a\\\\tb\\\\\\\\c \"d\"\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the manual page says how TSV fields are escaped and what --header does' '
	sed -n "/^\.SH OUTPUT FORMATS/,/^\.SH /p" "$top_srcdir/doc/tmgloss.1" >man &&
	grep "TSV output" man && grep "newline" man && grep "backslash" man &&
	grep "header" man
'

# JSON and bytes that are not UTF-8

test_expect_success PYTHON3 'a Latin-1 file name: origins --format=json stays valid JSON' '
	name=$(printf "caf\351.tmx") &&
	cp "$DATA/good-two.tmx" "$name" &&
	tmgloss --db latin1.db import -q "$name" &&
	tmgloss --db latin1.db origins --format=json >out 2>err &&
	python3 -m json.tool out >/dev/null &&
	grep -F "caf\\ufffd.tmx" out &&
	grep -c "not UTF-8" err >count && echo 1 >expect && test_cmp expect count &&
	tmgloss --db latin1.db stats --format=json >out 2>err &&
	python3 -m json.tool out >/dev/null
'

# Plurals

test_expect_success 'one concept exported is singular' '
	tmgloss gloss export -o one.tbx 2>err &&
	grep "one.tbx: 1 concept exported" err
'

test_expect_success 'stats: one concept, a pending unit count in the plural' '
	tmgloss stats >out &&
	grep "^Glossary:  1 concept, 2 terms$" out &&
	tmgloss --db two.db import -q "$DATA/good-two.tmx" &&
	tmgloss --db two.db stats >out &&
	grep "^Not yet indexed: 2 units (the next search, or tmgloss index, takes them in)$" out
'

test_expect_success 'stats: one unit not yet indexed is singular' '
	printf "%s\n" "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"fr\"/><body>" \
		"<tu><tuv xml:lang=\"fr\"><seg>Un seul.</seg></tuv><tuv xml:lang=\"zh\"><seg>唯一。</seg></tuv></tu>" \
		"</body></tmx>" >one.tmx &&
	tmgloss --db one.db import -q one.tmx &&
	tmgloss --db one.db stats >out &&
	grep "^Not yet indexed: 1 unit (the next search, or tmgloss index, takes it in)$" out
'

# Sizes in the user's units: a catalog of this test's own says Kio

test_expect_success UTF8_LOCALE 'the size units are translated (French says Kio, Mio)' '
	mkdir -p locale/fr/LC_MESSAGES &&
	cat >units.po <<-\EOF &&
	msgid ""
	msgstr "Content-Type: text/plain; charset=UTF-8\n"

	msgid "%.1f KiB"
	msgstr "%.1f Kio"

	msgid "%.1f MiB"
	msgstr "%.1f Mio"
	EOF
	msgfmt -o locale/fr/LC_MESSAGES/tmgloss.mo units.po &&
	LC_ALL=$UTF8_LOCALE LANGUAGE=fr TMGLOSS_LOCALEDIR="$PWD/locale" \
		tmgloss stats >out &&
	grep -E "\([0-9]+[.,][0-9] [KM]io\)" out &&
	LC_ALL=$UTF8_LOCALE LANGUAGE=zh_CN TMGLOSS_LOCALEDIR="$PWD/locale" \
		tmgloss stats >out &&
	grep -E "\([0-9]+[.,][0-9] [KM]iB\)" out
'

# Progress lines

test_expect_success 'TMGLOSS_PROGRESS=1 draws the progress line without a terminal; 0 never' '
	tmgloss --db p.db import "$DATA/good-two.tmx" 2>err >/dev/null &&
	! grep "units/s" err &&
	TMGLOSS_PROGRESS=1 tmgloss --db p1.db import "$DATA/good-two.tmx" 2>err >/dev/null &&
	grep "units/s" err &&
	TMGLOSS_PROGRESS=0 tmgloss --db p0.db import "$DATA/good-two.tmx" 2>err >/dev/null &&
	! grep "units/s" err
'

test_expect_success 'the manual page documents TMGLOSS_PROGRESS' '
	sed -n "/^\.SH ENVIRONMENT/,/^\.SH /p" "$top_srcdir/doc/tmgloss.1" >env &&
	grep "^\.B TMGLOSS_PROGRESS$" env
'

test_done
