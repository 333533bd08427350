#!/bin/sh
# tmgloss import: real TMX files from CAT tools go into the memory.
. "$top_srcdir/tests/cli/test-lib.sh"

units () {
	tmgloss stats --format=tsv | sed -n "s/^units	//p"
}

test_expect_success 'every TMX of the corpus imports (invalid.tmx may not crash)' '
	for f in "$DATA"/tmx/*/*; do
		tmgloss import -q "$f" 2>>err
		status=$?
		case "$f" in
		*/invalid.tmx) [ $status -le 1 ] || return 1 ;;
		*) [ $status -eq 0 ] || { echo "failed: $f"; cat err; return 1; } ;;
		esac
	done
'

test_expect_success 'the summary counts units read and added, by language pair' '
	tmgloss --db sum.db import "$DATA/good-two.tmx" >out &&
	grep "2 units read: 2 added, 0 merged, 0 unchanged, 0 skipped" out &&
	grep "fr-FR → zh-CN: 2" out
'

test_expect_success 'importing the same file twice adds nothing' '
	tmgloss --db twice.db import -q "$DATA/good-two.tmx" &&
	tmgloss --db twice.db import "$DATA/good-two.tmx" >out &&
	grep "0 added, 0 merged, 2 unchanged" out &&
	TMGLOSS_DB=twice.db units >n && echo 2 >expect && test_cmp expect n
'

test_expect_success 'the same units in UTF-8, UTF-16LE, UTF-16BE and us-ascii merge' '
	tmgloss --db enc.db import -q "$DATA"/tmx/lisa-compkit/ImportTest1[DEFGH].tmx &&
	TMGLOSS_DB=enc.db units >n && echo 3 >expect && test_cmp expect n
'

test_expect_success 'a single-language unit is kept (OmegaT bug 892; the DTD says tuv+)' '
	tmgloss --db miss.db import "$DATA/tmx/omegat/test-missingSource.tmx" >out 2>err &&
	test_must_be_empty err &&
	grep "4 units read: 4 added, 0 merged, 0 unchanged, 0 skipped" out
'

test_expect_success '--format=tsv summary' '
	tmgloss --db f.db import --format=tsv --header "$DATA/good-two.tmx" >out &&
	head -n 1 out | grep "^file	status	read	added" &&
	sed -n 2p out | grep "good-two.tmx	ok	2	2	0	0	0	0"
'

test_expect_success PYTHON3 '--format=json summary' '
	tmgloss --db f2.db import --format=json "$DATA/good-two.tmx" >out.json &&
	python3 -c "import json; d=json.load(open(\"out.json\")); assert d[0][\"added\"]==2"
'

test_expect_success SQLITE3 'a file with a newer copy of a unit merges it' '
	sed "s/<tu tuid=\"g1\">/<tu tuid=\"g1\" changedate=\"20300101T000000Z\">/" \
		"$DATA/good-two.tmx" >newer.tmx &&
	tmgloss --db twice.db import newer.tmx >out &&
	grep "1 merged, 1 unchanged" out &&
	sqlite3 twice.db "select change_date from units where tuid=\"g1\"" >d &&
	echo 20300101T000000Z >expect && test_cmp expect d
'

test_expect_success 'a different translation of a stored source is kept beside it' '
	sed "s/北京拥有21家全国重点实验室。/北京有21个国家重点实验室。/" \
		"$DATA/good-two.tmx" >alt.tmx &&
	tmgloss --db twice.db import alt.tmx >out &&
	grep "1 added" out &&
	TMGLOSS_DB=twice.db units >n && echo 3 >expect && test_cmp expect n
'

test_expect_success 'no progress line when stderr is not a terminal' '
	tmgloss --db p.db import "$DATA/tmx/heartsome/ImportTMXTest.tmx" >out 2>err &&
	! grep "units/s" err
'

test_expect_success 'import - reads a TMX from standard input and leaves no copy' '
	mkdir spool &&
	TMPDIR=$PWD/spool tmgloss --db stdin.db import - <"$DATA/good-two.tmx" >out &&
	grep -x -- "-: 2 units read: 2 added, 0 merged, 0 unchanged, 0 skipped" out &&
	ls spool >left && test_must_be_empty left
'

test_expect_success 'import - reads a glossary from standard input' '
	printf "fr\tzh-CN\nchat\t猫\n" |
		tmgloss --db stdin.db import - >out &&
	grep -x -- "-: TSV glossary, 1 concept read: 1 added, 0 updated, 0 unchanged, 0 skipped" out
'

test_expect_success 'an error in standard input names it -, and the copy is removed' '
	mkdir spool2 &&
	printf "<tmx version=\"1.4\"><header" >broken.tmx &&
	(TMPDIR=$PWD/spool2 && export TMPDIR &&
	 test_expect_code 1 tmgloss --db stdin.db import - <broken.tmx 2>err) &&
	grep "^tmgloss: -:1:" err &&
	! grep tmgloss-stdin err &&
	ls spool2 >left && test_must_be_empty left
'

test_expect_success 'a .tmx.gz file is read' '
	gzip -c "$DATA/good-two.tmx" >two.tmx.gz &&
	tmgloss --db gz.db import two.tmx.gz >out &&
	grep "two.tmx.gz: 2 units read: 2 added" out
'

test_expect_success 'one unit read is singular' '
	sed "/<\/tu>/q" "$DATA/good-two.tmx" >one.tmx &&
	echo "</body></tmx>" >>one.tmx &&
	tmgloss --db one.db import one.tmx >out &&
	grep -x "one.tmx: 1 unit read: 1 added, 0 merged, 0 unchanged, 0 skipped" out
'

test_expect_success 'one unit indexed is singular' '
	tmgloss --db one.db index >out &&
	grep "^Indexed 1 unit in " out
'

# 200,000 units: an import long enough to be interrupted in its unit loop.
test_expect_success 'Ctrl-C during an import leaves the memory as it was' '
	echo "<tmx version=\"1.4\"><header srclang=\"fr\"/><body>" >big.tmx &&
	seq 200000 | sed "s|.*|<tu><tuv xml:lang=\"fr\"><seg>phrase &</seg></tuv><tuv xml:lang=\"zh\"><seg>句子 &</seg></tuv></tu>|" >>big.tmx &&
	echo "</body></tmx>" >>big.tmx &&
	tmgloss --db int.db import -q "$DATA/good-two.tmx" &&
	cksum <int.db >before &&
	{ timeout 60 tmgloss --db int.db import -q big.tmx 2>err & } &&
	pid=$! && n=0 &&
	while ! test -e int.db-wal && [ $n -lt 3000 ]; do
		sleep 0.01; n=$((n + 1))
	done &&
	sleep 0.2 &&
	kill -INT $pid &&
	{ wait $pid; status=$?; } &&
	echo "$status" >status && echo 130 >expect && test_cmp expect status &&
	echo "tmgloss: interrupted; what was under way was undone" >expect &&
	test_cmp expect err &&
	cksum <int.db >after && test_cmp before after &&
	TMGLOSS_DB=int.db units >n && echo 2 >expect && test_cmp expect n
'

test_expect_success SQLITE3 'units inserted in batches: duplicates of waiting units merge, ids follow' '
	{
		printf "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"fr-FR\"/><body>\n" &&
		unit () {
			printf "<tu tuid=\"%s\"%s><tuv xml:lang=\"fr-FR\"><seg>source %s</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>译文 %s</seg></tuv></tu>\n" "$1" "$3" "$2" "$2"
		} &&
		many () {
			printf "<tu tuid=\"%s\">" "$1" &&
			i=0 && while [ $i -lt 34 ]; do
				printf "<tuv xml:lang=\"fr-FR\"><seg>variante %s</seg></tuv>" $i &&
				i=$((i + 1))
			done &&
			printf "</tu>\n"
		} &&
		k=1 && while [ $k -le 40 ]; do unit u$k $k ""; k=$((k + 1)); done &&
		unit u41 38 " changedate=\"20300101T000000Z\"" &&
		unit u42 40 "" &&
		many u43 && many u44 &&
		unit u45 45 "" &&
		printf "</body></tmx>\n"
	} >batches.tmx &&
	tmgloss --db batches.db import batches.tmx >out &&
	grep "45 units read: 42 added, 1 merged, 2 unchanged" out &&
	sqlite3 batches.db "select count(*), min(id), max(id) from units" >got &&
	echo "42|1|42" >expect && test_cmp expect got &&
	sqlite3 batches.db "select tuid, change_date from units where id = 38;
		select count(*) from variants;
		select count(*) from variants v where not exists
			(select 1 from units u where u.id = v.unit_id);
		select count(*) from (select unit_id from variants group by unit_id
			having sum(is_source) <> 1);
		select group_concat(text, \"|\") from variants where unit_id = 42
			order by id" >got &&
	printf "%s\n" "u41|20300101T000000Z" 116 0 0 "source 45|译文 45" >expect &&
	test_cmp expect got
'

test_done
