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

test_expect_success 'a single-language unit is skipped with its line (OmegaT bug 892)' '
	tmgloss --db miss.db import "$DATA/tmx/omegat/test-missingSource.tmx" >out 2>err &&
	grep "test-missingSource.tmx:23:" err &&
	grep "3 units read: 3 added, 0 merged, 0 unchanged, 1 skipped" out
'

test_expect_success '--format=tsv summary' '
	tmgloss --db f.db import --format=tsv "$DATA/good-two.tmx" >out &&
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

test_done
