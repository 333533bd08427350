#!/bin/sh
# Bad input: a clear error naming file:line, exit 1, and the memory exactly
# as it was before the command.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success SQLITE3 'setup: a memory with two units' '
	tmgloss import -q "$DATA/good-two.tmx" &&
	memory_snapshot before.sql
'

# bad_file NAME LINE TEXT: importing bad/NAME fails with NAME:LINE and TEXT
bad_file () {
	test_expect_success SQLITE3 "$1 is refused at line $2, memory unchanged" "
		test_expect_code 1 tmgloss import \"\$DATA/bad/$1\" 2>err &&
		grep \"bad/$1:$2:.*$3\" err &&
		grep \"nothing was imported\" err &&
		memory_snapshot after.sql && test_cmp before.sql after.sql
	"
}

bad_file not-xml.tmx 1 ''
bad_file truncated.tmx 7 ''
bad_file not-tmx.tmx 2 'not a TMX file'
bad_file no-lang.tmx 8 'xml:lang'
bad_file no-seg.tmx 9 '<seg>'
bad_file no-tuv.tmx 7 '<tuv>'
bad_file bad-lang.tmx 8 'not a valid language tag'
bad_file control-char.tmx 8 'U+000B, a character XML forbids'

test_expect_success SQLITE3 'an external entity is refused, never loaded' '
	test_expect_code 1 tmgloss import "$DATA/bad/external-entity.tmx" 2>err &&
	grep "external-entity.tmx:8: the file refers to an external entity" err &&
	memory_snapshot after.sql && test_cmp before.sql after.sql
'

test_expect_success SQLITE3 'entity expansion is bounded, and said so' '
	test_expect_code 1 tmgloss import "$DATA/bad/entity-expansion.tmx" 2>err &&
	grep "entity-expansion.tmx:1:4: an entity in the file expands without end" err &&
	! grep "not an XML file" err &&
	memory_snapshot after.sql && test_cmp before.sql after.sql
'

test_expect_success SQLITE3 'good units before a bad one are rolled back too' '
	test_expect_code 1 tmgloss --db fresh.db import "$DATA/bad/no-seg.tmx" 2>err &&
	sqlite3 fresh.db "select count(*) from units" >n && echo 0 >expect &&
	test_cmp expect n
'

test_expect_success 'one bad file does not stop the good ones' '
	test_expect_code 1 tmgloss --db mixed.db import "$DATA/bad/no-seg.tmx" \
		"$DATA/tmx/okapi/test01.tmx" >out 2>err &&
	grep "test01.tmx: 4 units read: 4 added" out
'

test_expect_success '--skip-invalid imports the valid units and names the bad one' '
	tmgloss --db skip.db import --skip-invalid "$DATA/bad/no-lang.tmx" >out 2>err &&
	grep "no-lang.tmx:8:.*xml:lang" err &&
	grep "2 units read: 2 added, 0 merged, 0 unchanged, 1 skipped" out
'

test_expect_success '--skip-invalid does not accept malformed XML' '
	test_expect_code 1 tmgloss --db skip2.db import --skip-invalid "$DATA/bad/truncated.tmx" 2>err
'

test_expect_success 'a cut-short file is said to be truncated, with its line' '
	test_expect_code 1 tmgloss --db cut.db import "$DATA/bad/truncated.tmx" 2>err &&
	grep "truncated.tmx:7:53: the file ends in the middle of an element: it was cut short" err &&
	! grep "Extra content" err
'

test_expect_success 'bytes invalid in the encoding: one message naming the file' '
	for f in utf16-bad-surrogate.tmx bad-shift-jis.tmx; do
		test_expect_code 1 tmgloss --db enc.db import "$DATA/bad/$f" 2>err &&
		grep "^tmgloss: .*bad/$f:[0-9:]* the file holds bytes that are not valid in its encoding (bytes 0x" err &&
		! grep -v "^tmgloss: .*bad/$f" err || return 1
	done
'

test_expect_success 'bytes invalid in Shift-JIS are named with their line and column' '
	test_expect_code 1 tmgloss --db sjis.db import "$DATA/bad/bad-shift-jis.tmx" 2>err &&
	grep "bad-shift-jis.tmx:5:31: the file holds bytes that are not valid in its encoding (bytes 0x82 0xFF" err
'

test_expect_success 'and far into the file, past what libxml2 converts at once' '
	{
		printf "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<tmx version=\"1.4\">\n<header srclang=\"fr\"/>\n<body>\n" &&
		awk "BEGIN { for (i = 0; i < 3000; i++) printf \"<tu><tuv xml:lang=\\\"fr\\\"><seg>%d \\202\\240</seg></tuv><tuv xml:lang=\\\"ja\\\"><seg>\\202\\240</seg></tuv></tu>\\n\", i }" &&
		printf "<tu><tuv xml:lang=\"fr\"><seg>\202\240\202\377</seg></tuv></tu>\n</body>\n</tmx>\n"
	} >far.tmx &&
	test_expect_code 1 tmgloss --db far.db import far.tmx 2>err &&
	grep "far.tmx:3005:30: the file holds bytes that are not valid in its encoding (bytes 0x82 0xFF" err
'

test_expect_success 'a file cut inside its root element.s name is said to be cut short' '
	printf "<?xml version=\"1.0\"?>\n<tm" >cut-root.tmx &&
	test_expect_code 1 tmgloss --db cutroot.db import cut-root.tmx 2>err &&
	grep "^tmgloss: cut-root.tmx:2:4: the file ends in the middle of an element: it was cut short (truncated)$" err &&
	! grep "root element" err &&
	printf "<xliff" >cut-root.xlf &&
	test_expect_code 1 tmgloss --db cutroot.db import cut-root.xlf 2>err &&
	grep "^tmgloss: cut-root.xlf:1:7: the file ends in the middle of an element: it was cut short (truncated)$" err &&
	test_expect_code 1 tmgloss check cut-root.xlf 2>err &&
	grep "cut-root.xlf:1:7: the file ends in the middle of an element" err &&
	! grep "root element" err
'

test_expect_success 'line numbers go past 65535' '
	{
		printf "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"fr\"/>\n<body>\n" &&
		awk "BEGIN { for (i = 0; i < 70000; i++) print \"\" }" &&
		printf "<tu><tuv><seg>x</seg></tuv></tu>\n</body>\n</tmx>\n"
	} >big.tmx &&
	test_expect_code 1 tmgloss --db big.db import big.tmx 2>err &&
	grep "big.tmx:70005: a <tuv> has no xml:lang attribute" err
'

test_expect_success SQLITE3 '--repair drops control characters and says so' '
	tmgloss --db repair.db import --repair "$DATA/bad/control-char.tmx" >out &&
	grep "2 XML-illegal control characters dropped" out &&
	sqlite3 repair.db "select text from variants where text like \"Un caract%\"" >t &&
	echo "Un caractèrede contrôle" >expect && test_cmp expect t
'

test_expect_success 'a control character written as a reference is named, with its line' '
	test_expect_code 1 tmgloss --db ref.db import "$DATA/bad/control-reference.tmx" 2>err &&
	grep "control-reference.tmx:5:50: a character reference writes U+001F, a character XML forbids" err
'

test_expect_success SQLITE3 '--repair drops control characters written as references, counted' '
	tmgloss --db repref.db import --repair "$DATA/bad/control-reference.tmx" >out &&
	grep "4 XML-illegal control characters dropped" out &&
	sqlite3 repref.db "select text from variants order by id" >t &&
	printf "%s\n" "Un caractère de contrôle écrit en référence." \
		"引用的控制字符。A&	" >expect && test_cmp expect t
'

test_expect_success SQLITE3 'a directory is not a TMX file' '
	test_expect_code 1 tmgloss import "$DATA" 2>err &&
	memory_snapshot after.sql && test_cmp before.sql after.sql
'

test_expect_success 'the corpus file with broken inline pairing imports its unit' '
	tmgloss --db inv.db import "$DATA/tmx/omegat/invalid.tmx" >out &&
	grep "invalid.tmx: 1 unit read: 1 added" out
'

test_done
