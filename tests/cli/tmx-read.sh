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

test_expect_success 'a unit of a single language is kept (the DTD says tuv+)' '
	tmgloss --db one.db import "$DATA/reader/single-tuv.tmx" >out 2>err &&
	test_must_be_empty err &&
	grep "3 units read: 3 added, 0 merged, 0 unchanged, 0 skipped" out &&
	tmgloss --db one.db stats --format=tsv >stats &&
	grep "^units	3$" stats &&
	grep "^pair	fr-FR	zh-CN	1$" stats
'

test_expect_success 'and exported back, as it was' '
	tmgloss --db one.db export -o one.tmx &&
	grep "<tu tuid=\"s1\" srclang=\"fr-FR\"><tuv xml:lang=\"fr-FR\"><seg>Une phrase orpheline sans traduction.</seg></tuv></tu>" one.tmx &&
	grep "<tuv xml:lang=\"zh-CN\"><seg>一个孤零零的句子。</seg></tuv></tu>" one.tmx &&
	tmgloss --db one2.db import one.tmx >out &&
	grep "3 units read: 3 added" out &&
	tmgloss --db one.db export --src fr -o fr.tmx &&
	grep -c "<tu " fr.tmx >n && echo 2 >expect && test_cmp expect n
'

test_expect_success 'but never exported as a pair' '
	tmgloss --db one.db export --src fr --tgt zh -o pair.tmx &&
	grep -c "<tu " pair.tmx >n && echo 1 >expect && test_cmp expect n &&
	grep "tuid=\"p1\"" pair.tmx
'

test_expect_success XMLLINT 'the export with single-language units is valid TMX 1.4b' '
	"$XMLLINT" --noout --nonet --dtdvalid \
		"$DATA/dtd/maxprograms-tmxvalidator/tmx14.dtd" one.tmx
'

test_expect_success 'match and concord never give a single-language unit as a pair' '
	tmgloss --db one.db match --min 10 --format=tsv \
		"Une phrase orpheline sans traduction." >out &&
	cut -f7 out >ids && echo p1 >expect && test_cmp expect ids &&
	tmgloss --db one.db concord --format=tsv orpheline >out &&
	! grep "sans traduction" out &&
	tmgloss --db one.db concord --src zh --format=tsv 句子 >out &&
	cut -f7 out >ids && test_cmp expect ids
'

test_expect_success PYTHON3 'an element with 100,000 attributes is refused at once, with its line' '
	python3 -c "
print(\"<tmx version=\\\"1.4\\\">\")
print(\"<header srclang=\\\"fr\\\"/>\")
print(\"<body><tu><tuv xml:lang=\\\"fr\\\"><seg>a</seg></tuv>\")
print(\"<tuv xml:lang=\\\"zh\\\" \" + \" \".join(\"a%d=\\\"x\\\"\" % i for i in range(100000)) + \"><seg>b</seg></tuv></tu>\")
print(\"</body></tmx>\")
" >attrs.tmx &&
	test_expect_code 1 timeout 60 tmgloss --db attrs.db import attrs.tmx 2>err &&
	grep "attrs.tmx:4: an element has more than 1000 attributes" err
'

test_done
