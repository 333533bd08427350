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

# utf16_tmx ENCODING: a TMX of two units on standard output, in ENCODING
# with a byte order mark; its second unit holds ERR (a variable).
utf16_tmx () {
	{
		printf "\357\273\277<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\">\n" &&
		printf "<header srclang=\"fr\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"t\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n" &&
		printf "<tu><tuv xml:lang=\"fr\"><seg>été à Noël</seg></tuv><tuv xml:lang=\"zh\"><seg>夏天</seg></tuv></tu>\n" &&
		printf "<tu><tuv xml:lang=\"fr\"><seg>ça va</seg></tuv><tuv xml:lang=\"zh\"><seg>你好$ERR</seg></tuv></tu>\n" &&
		printf "</body></tmx>\n"
	} | iconv -f UTF-8 -t "$1"
}

test_expect_success 'UTF-16 TMX with a byte order mark, little and big endian' '
	for e in UTF-16LE UTF-16BE; do
		ERR= utf16_tmx $e >good-$e.tmx &&
		rm -f u16.db &&
		tmgloss --db u16.db import good-$e.tmx >out &&
		grep "2 units read: 2 added" out &&
		tmgloss --db u16.db concord --format=tsv Noël >hits &&
		grep "夏天" hits || return 1
	done
'

test_expect_success 'a UTF-16 TMX error has the line and column of the UTF-8 one' '
	ERR=" <b>" && export ERR &&
	utf16_tmx UTF-8 | sed "1s/^\\xef\\xbb\\xbf//; 1s/UTF-16/UTF-8/" >bad-UTF-8.tmx &&
	test_expect_code 1 tmgloss --db b.db import bad-UTF-8.tmx 2>err &&
	grep "^tmgloss: bad-UTF-8.tmx:6:82: the element <b> begun on line 6 is ended by </seg>$" err &&
	for e in UTF-16LE UTF-16BE; do
		utf16_tmx $e >bad-$e.tmx &&
		test_expect_code 1 tmgloss --db b.db import bad-$e.tmx 2>err &&
		grep "^tmgloss: bad-$e.tmx:6:82: the element <b> begun on line 6 is ended by </seg>$" err ||
		return 1
	done
'

test_expect_success PYTHON3 'a code unit that is not UTF-16 is named with its line and column' '
	ERR= utf16_tmx UTF-16LE >good.tmx &&
	python3 -c "
import sys
b = open(\"good.tmx\", \"rb\").read()
i = b.index(\"你\".encode(\"utf-16-le\"))
sys.stdout.buffer.write(b[:i] + b\"\\x00\\xd8\" + b[i + 2:])
" >surrogate.tmx &&
	test_expect_code 1 tmgloss --db b.db import surrogate.tmx 2>err &&
	grep "^tmgloss: surrogate.tmx:6:70: the file holds bytes that are not valid in its encoding (bytes 0x00 0xD8)$" err
'

test_expect_success 'a UTF-16 file cut in the middle of a character is said to be cut short' '
	ERR= utf16_tmx UTF-16BE >whole.tmx &&
	head -c $(($(wc -c <whole.tmx) - 21)) whole.tmx >odd.tmx &&
	test_expect_code 1 tmgloss --db b.db import odd.tmx 2>err &&
	grep "^tmgloss: odd.tmx:7:[0-9]*: the file ends in the middle of a character: it was cut short (truncated)$" err
'

test_expect_success 'the attribute guard reads UTF-16 too' '
	{
		printf "\357\273\277<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\">\n<header srclang=\"fr\" " &&
		awk "BEGIN { for (i = 0; i < 1500; i++) printf \"a%d=\\\"1\\\" \", i }" &&
		printf "/>\n<body></body></tmx>\n"
	} | iconv -f UTF-8 -t UTF-16LE >attrs16.tmx &&
	test_expect_code 1 tmgloss --db b.db import attrs16.tmx 2>err &&
	grep "attrs16.tmx:3: an element has more than 1000 attributes" err
'

test_expect_success 'a TMX cut short is said to be truncated, never in libxml2 words' '
	f="$DATA/tmx/lisa-compkit/ImportTest1C.tmx" &&
	size=$(wc -c <"$f") &&
	for n in 150 $((size / 3)) $((size / 2)) $((size - 40)) $((size - 13)) $((size - 9)); do
		head -c $n "$f" >cut.tmx &&
		test_expect_code 1 tmgloss --db cut.db import cut.tmx 2>err &&
		grep "^tmgloss: cut.tmx:[0-9]*:[0-9]*: the file ends in the middle of an element: it was cut short (truncated)$" err ||
		return 1
	done
'

test_expect_success 'what follows the root element is said in our words' '
	cat "$DATA/good-two.tmx" >after.tmx &&
	echo "<tmx/>" >>after.tmx &&
	test_expect_code 1 tmgloss --db after.db import after.tmx 2>err &&
	grep "after.tmx:[0-9]*:[0-9]*: there is more after the end of the document.s root element" err &&
	! grep "Extra content" err
'

test_done
