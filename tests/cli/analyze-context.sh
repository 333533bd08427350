#!/bin/sh
# analyze's in-context matches (101 %) from a memory OmegaT wrote: its
# project_save.tmx keeps a unit's neighbours in prev and next props, which
# count as tmgloss's own x-context-pre and x-context-post; a unit that
# keeps no neighbours is never in context, even at a document's edges.
. "$top_srcdir/tests/cli/test-lib.sh"

cat >project_save.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="OmegaT" creationtoolversion="6.0.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="fr" datatype="plaintext"/>
<body>
<tu><prop type="file">article.html</prop><prop type="prev">Beijing accélère.</prop><prop type="next">Les robots arrivent.</prop>
<tuv xml:lang="fr"><seg>Le laboratoire ouvre demain.</seg></tuv><tuv xml:lang="zh-CN"><seg>实验室明天开放。</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Un seul segment.</seg></tuv><tuv xml:lang="zh-CN"><seg>只有一个句段。</seg></tuv></tu>
</body>
</tmx>
EOF

po () {
	printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_CN\\n"\n'
	for s in "$@"; do
		printf '\nmsgid "%s"\nmsgstr ""\n' "$s"
	done
}

test_expect_success 'import the OmegaT memory' '
	tmgloss import project_save.tmx
'

test_expect_success 'between the neighbours OmegaT kept: in context (101 %)' '
	po "Beijing accélère." "Le laboratoire ouvre demain." \
		"Les robots arrivent." >same.po &&
	tmgloss analyze --src fr --format=tsv same.po >out &&
	grep -x "same.po	in-context	1	4	28	25" out
'

test_expect_success 'between other neighbours: 100 %, not in context' '
	po "Autre chose." "Le laboratoire ouvre demain." "Encore autre chose." >other.po &&
	tmgloss analyze --src fr --format=tsv other.po >out &&
	grep -x "other.po	in-context	0	0	0	0" out &&
	grep "^other.po	100	1	" out
'

test_expect_success 'a unit without neighbours is not in context, even alone in a document' '
	po "Un seul segment." >alone.po &&
	tmgloss analyze --src fr --format=tsv alone.po >out &&
	grep -x "alone.po	in-context	0	0	0	0" out &&
	grep "^alone.po	100	1	" out
'

test_done
