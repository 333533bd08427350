#!/bin/sh
# The TMX reader on what other tools write: nothing of the user's text is
# lost without a word.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success 'a unit whose segments are all empty is skipped with its line' '
	tmgloss --db empty.db import "$DATA/reader/empty-segs.tmx" >out 2>err &&
	grep "empty-segs.tmx:5: a <tu> whose segments are all empty was skipped" err &&
	test $(grep -c "segments are all empty" err) = 1 &&
	grep "2 units read: 2 added, 0 merged, 0 unchanged, 1 skipped" out
'

test_expect_success 'an unknown inline element is kept and exported as native code' '
	tmgloss --db x.db import "$DATA/reader/unknown-inline.tmx" >out &&
	grep "4 units read: 4 added" out &&
	tmgloss --db x.db export -o x.tmx 2>err &&
	! grep "left out" err &&
	grep "Cliquez sur <ph>&lt;x id=&quot;1&quot;/&gt;</ph>Enregistrer." x.tmx &&
	grep "<ph>&lt;/g&gt;</ph>" x.tmx &&
	grep "<ph x=\"3\">&lt;br/&gt;&lt;x id=&quot;9&quot;/&gt;</ph>" x.tmx
'

test_expect_success 'units differing by an unknown element stay two on re-import' '
	tmgloss --db x2.db import x.tmx >out &&
	grep "4 units read: 4 added" out &&
	tmgloss --db x2.db export -o x2.tmx &&
	tmgloss --db x2.db import x2.tmx >out &&
	grep "4 units read: 0 added, 0 merged, 4 unchanged" out
'

test_expect_success XMLLINT 'the export with unknown elements is valid TMX 1.4b' '
	"$XMLLINT" --noout --nonet --dtdvalid \
		"$DATA/dtd/maxprograms-tmxvalidator/tmx14.dtd" x.tmx
'

test_done
