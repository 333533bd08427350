#!/bin/sh
# tmgloss remove: units removed by id, origin, date and language pair, all
# criteria together; --dry-run changes nothing; removed units are never
# found again by match, concord, suggest or extract, kept ones still are.
. "$top_srcdir/tests/cli/test-lib.sh"

tmx_head='<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/><body>'

# one.tmx: units 1-3; two.tmx: units 4-6
test_expect_success 'setup: two files in one memory, indexed' '
	cat >one.tmx <<-EOF &&
	$tmx_head
	<tu creationdate="20190105T100000Z"><tuv xml:lang="fr"><seg>Le laboratoire ferme ses portes le vendredi soir.</seg></tuv><tuv xml:lang="zh-CN"><seg>实验室周五晚上关门。</seg></tuv></tu>
	<tu creationdate="20190105T100000Z" changedate="20240301T100000Z"><tuv xml:lang="fr"><seg>Le jumeau numérique du réacteur est prêt.</seg></tuv><tuv xml:lang="zh-CN"><seg>反应堆的数字孪生已经准备好了。</seg></tuv></tu>
	<tu creationdate="20230105T100000Z"><tuv xml:lang="fr"><seg>La bibliothèque ouvre ses portes le lundi matin.</seg></tuv><tuv xml:lang="en"><seg>The library opens on Monday morning.</seg></tuv></tu>
	</body></tmx>
	EOF
	cat >two.tmx <<-EOF &&
	$tmx_head
	<tu creationdate="20180105T100000Z"><tuv xml:lang="fr"><seg>Le jumeau numérique de la centrale est en panne.</seg></tuv><tuv xml:lang="zh-CN"><seg>电站的数字孪生出故障了。</seg></tuv></tu>
	<tu><tuv xml:lang="fr"><seg>Le train part à midi pile.</seg></tuv><tuv xml:lang="zh-CN"><seg>火车中午准时出发。</seg></tuv></tu>
	<tu creationdate="20250105T100000Z"><tuv xml:lang="fr"><seg>Le bateau part à midi pile.</seg></tuv><tuv xml:lang="en"><seg>The boat leaves at noon sharp.</seg></tuv></tu>
	</body></tmx>
	EOF
	tmgloss import -q one.tmx two.tmx &&
	tmgloss index -q &&
	tmgloss suggest --src fr --tgt zh --format=json "jumeau numérique" >out &&
	grep "电站" out && grep "反应堆" out &&
	tmgloss extract --src fr --tgt zh --min-freq 2 --format=tsv >out &&
	grep "^jumeau numérique	数字[^	]*	.*	2	2$" out
'

# the name stats shows for a file (a base name or a path)
origin_of () {
	tmgloss stats --format=tsv | sed -n "s/^origin	\(.*$1\)	[0-9]*$/\1/p"
}

# suggest_as_fresh TERM: suggest gives what it gives on a new memory that
# holds only the units kept (the statistics count no removed unit)
suggest_as_fresh () {
	rm -f kept.tmx fresh.db &&
	tmgloss export -o kept.tmx 2>/dev/null &&
	tmgloss --db fresh.db import -q kept.tmx &&
	tmgloss suggest --src fr --tgt zh --format=json "$1" >suggest.out &&
	tmgloss --db fresh.db suggest --src fr --tgt zh --format=json "$1" \
		>suggest.expect &&
	test_cmp suggest.expect suggest.out
}

test_expect_success 'no criterion is a usage error, never "remove everything"' '
	test_expect_code 2 tmgloss remove 2>err &&
	grep "say which units to remove" err &&
	test_expect_code 2 tmgloss remove --dry-run 2>err &&
	tmgloss stats --format=tsv | grep -x "units	6"
'

test_expect_success 'bad ids, dates and half a language pair are usage errors' '
	test_expect_code 2 tmgloss remove 1x 2>err &&
	grep "'\''1x'\'' is not a unit id" err &&
	test_expect_code 2 tmgloss remove 0 &&
	test_expect_code 2 tmgloss remove -- -3 &&
	test_expect_code 2 tmgloss remove --before 2020-13-01 2>err &&
	grep "'\''2020-13-01'\'' is not a date (YYYY-MM-DD)" err &&
	test_expect_code 2 tmgloss remove --before yesterday &&
	test_expect_code 2 tmgloss remove --src fr 2>err &&
	grep -- "--src and --tgt go together" err
'

test_expect_success 'an id or an origin the memory lacks is an error; nothing goes' '
	test_expect_code 1 tmgloss remove 2 99 2>err &&
	grep "no unit has the id 99" err &&
	test_expect_code 1 tmgloss remove --origin nothing.tmx 2>err &&
	grep "no file named '\''nothing.tmx'\'' was imported" err &&
	tmgloss stats --format=tsv | grep -x "units	6"
'

test_expect_success '--dry-run counts, lists the ids and leaves the file as it was' '
	cksum "$TMGLOSS_DB" >before &&
	tmgloss remove --dry-run --before 2020-01-01 >out &&
	echo "2 units would be removed." >expect &&
	test_cmp expect out &&
	tmgloss remove -n --before 2020-01-01 --format=json >out &&
	echo "{\"units\": 2, \"dry_run\": true, \"ids\": [1, 4]}" >expect &&
	test_cmp expect out &&
	tmgloss remove -n --src fr --tgt en --format=tsv >out &&
	printf "units\t2\ndry_run\t1\nid\t3\nid\t6\n" >expect &&
	test_cmp expect out &&
	cksum "$TMGLOSS_DB" >after &&
	test_cmp before after &&
	tmgloss stats --format=tsv | grep -x "units	6"
'

test_expect_success 'criteria together: every one must hold' '
	tmgloss remove -n --format=tsv --before 2020-01-01 --src fr --tgt zh \
		1 2 3 >out &&
	printf "units\t1\ndry_run\t1\nid\t1\n" >expect &&
	test_cmp expect out &&
	origin=$(origin_of two.tmx) && test -n "$origin" &&
	tmgloss remove -n --format=tsv --origin "$origin" --src fr --tgt en >out &&
	printf "units\t1\ndry_run\t1\nid\t6\n" >expect &&
	test_cmp expect out
'

test_expect_success 'by date: the change date counts before the creation date' '
	tmgloss remove --before 2020-01-01 >out &&
	echo "2 units removed." >expect &&
	test_cmp expect out &&
	tmgloss stats --format=tsv | grep -x "units	4" &&
	tmgloss match --src fr --tgt zh --format=tsv \
		"Le jumeau numérique du réacteur est prêt." >out &&
	grep "	100	" out &&
	tmgloss match --src fr --tgt zh --min 90 --format=tsv \
		"Le jumeau numérique de la centrale est en panne." >out &&
	! grep "centrale" out &&
	tmgloss concord --src fr --tgt zh portes >out &&
	! grep "laboratoire" out
'

test_expect_success 'suggest and extract count only the units kept' '
	tmgloss suggest --src fr --tgt zh --format=json "jumeau numérique" >out &&
	grep "反应堆" out &&
	! grep "电站" out &&
	suggest_as_fresh "jumeau numérique" &&
	suggest_as_fresh laboratoire &&
	test_expect_code 1 tmgloss extract --src fr --tgt zh --min-freq 2 \
		--format=tsv >out 2>err &&
	test_must_be_empty out &&
	grep "no term found" err
'

test_expect_success 'by id' '
	tmgloss remove 5 >out &&
	echo "1 unit removed." >expect &&
	test_cmp expect out &&
	tmgloss concord --src fr --tgt zh midi >out &&
	! grep "train" out &&
	tmgloss concord --src fr --tgt en midi >out &&
	grep "bateau" out
'

test_expect_success 'by language pair; the other pair stays' '
	tmgloss remove --src en --tgt fr >out &&
	echo "2 units removed." >expect &&
	test_cmp expect out &&
	test_expect_code 1 tmgloss concord --src fr --tgt en midi >out 2>err &&
	! grep "bateau" out &&
	grep "no text in en" err &&
	tmgloss stats --format=tsv | grep -x "units	1" &&
	tmgloss concord --src fr --tgt zh jumeau >out &&
	grep "réacteur" out
'

test_expect_success 'by origin: an origin left without units leaves stats' '
	origin=$(origin_of two.tmx) && test -z "$origin" &&
	tmgloss import -q two.tmx &&
	origin=$(origin_of two.tmx) && test -n "$origin" &&
	tmgloss remove --origin "$origin" >out &&
	echo "3 units removed." >expect &&
	test_cmp expect out &&
	test -z "$(origin_of two.tmx)" &&
	test -n "$(origin_of one.tmx)" &&
	tmgloss match --src fr --tgt zh --min 50 --format=tsv \
		"Le train part à midi pile." >out &&
	! grep "train" out &&
	tmgloss suggest --src fr --tgt zh --format=json "jumeau numérique" >out &&
	grep "^{\"term\": \"jumeau numérique\", .*\"units\": 1," out &&
	! grep "电站" out &&
	suggest_as_fresh "jumeau numérique"
'

test_expect_success 'by origin: the base name of a stored path will do' '
	tmgloss import -q two.tmx &&
	test -n "$(origin_of two.tmx)" &&
	tmgloss remove --dry-run --origin two.tmx >out &&
	echo "3 units would be removed." >expect &&
	test_cmp expect out &&
	tmgloss remove --origin two.tmx >out &&
	test -z "$(origin_of two.tmx)"
'

test_done
