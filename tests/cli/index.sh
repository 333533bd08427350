#!/bin/sh
# tests/cli/index.sh -- indexing on first use: an import only stores units,
# stats counts the units not yet indexed, `tmgloss index` and the searching
# commands take them in, and an interrupted update leaves the memory as it
# was.
. "$top_srcdir/tests/cli/test-lib.sh"

TMX="$DATA/fuzzy/match.fr-zh.tmx"

unindexed() {
	tmgloss stats --format=tsv | sed -n "s/^unindexed	//p"
}

# one_unit_tmx FILE FRENCH CHINESE: a TMX file holding one fr -> zh unit.
one_unit_tmx() {
	cat >"$1" <<-EOT
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header creationtool="t" creationtoolversion="1"
	 segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR"
	 datatype="plaintext"/><body>
	<tu><tuv xml:lang="fr-FR"><seg>$2</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>$3</seg></tuv></tu>
	</body></tmx>
	EOT
}

test_expect_success 'a new memory has nothing to index' '
	tmgloss gloss add --src fr --tgt zh ville 城市 >out &&
	tmgloss index --format=tsv >out &&
	printf "indexed\t0\n" >expect &&
	head -n 1 out >got &&
	test_cmp expect got &&
	tmgloss index >out &&
	grep "up to date" out
'

test_expect_success 'an import stores units and leaves them to index' '
	tmgloss import -q "$TMX" &&
	units=$(tmgloss stats --format=tsv | sed -n "s/^units	//p") &&
	test "$units" -gt 0 &&
	test "$(unindexed)" = "$units" &&
	tmgloss stats >out &&
	grep "Not yet indexed: $units units" out
'

test_expect_success 'tmgloss index takes them all in, once' '
	units=$(tmgloss stats --format=tsv | sed -n "s/^units	//p") &&
	tmgloss index --format=json >out &&
	grep "^{\"indexed\": $units, \"milliseconds\": [0-9]*}$" out &&
	test "$(unindexed)" = 0 &&
	tmgloss index --format=tsv >out &&
	grep "^indexed	0$" out
'

test_expect_success 'a second file: match indexes it before searching' '
	one_unit_tmx more.tmx "Les robots humanoïdes apprennent à marcher." "人形机器人正在学习走路。" &&
	tmgloss import -q more.tmx &&
	test "$(unindexed)" = 1 &&
	tmgloss match --format=tsv --src fr --tgt zh \
		"Les robots humanoïdes apprennent à marcher." >out &&
	cut -f2,4 out >got &&
	printf "100\t人形机器人正在学习走路。\n" >expect &&
	test_cmp expect got &&
	test "$(unindexed)" = 0
'

test_expect_success 'concord and suggest index too' '
	one_unit_tmx third.tmx "Le robot humanoïde porte une caisse." "人形机器人搬着一个箱子。" &&
	tmgloss import -q third.tmx &&
	tmgloss concord --format=tsv --src fr --tgt zh "caisse" >out &&
	grep "箱子" out &&
	test "$(unindexed)" = 0 &&
	sed "s/caisse/boîte/; s/箱子/盒子/" third.tmx >fourth.tmx &&
	tmgloss import -q fourth.tmx &&
	tmgloss suggest --format=tsv --src fr --tgt zh "robot humanoïde" >out &&
	grep "人形机器人" out &&
	test "$(unindexed)" = 0
'

test_expect_success SQLITE3 'an update that cannot write leaves the memory as it was' '
	tmgloss import -q "$DATA/fuzzy/match.fr-zh.tmx" &&
	one_unit_tmx fifth.tmx "Une dernière phrase." "最后一句话。" &&
	tmgloss import -q fifth.tmx &&
	sqlite3 "$TMGLOSS_DB" .dump >before &&
	sqlite3 "$TMGLOSS_DB" "CREATE TRIGGER refuse BEFORE INSERT ON fuzzy_tokens BEGIN SELECT RAISE(ABORT, '"'"'refused by the test'"'"'); END;" &&
	test_expect_code 1 tmgloss index 2>err &&
	grep "refused by the test" err &&
	sqlite3 "$TMGLOSS_DB" "DROP TRIGGER refuse" &&
	sqlite3 "$TMGLOSS_DB" .dump >after &&
	test_cmp before after &&
	test "$(unindexed)" = 1
'

# giant_words N: N distinct-looking words without digits (numbers all
# compare equal for the score), one line.
giant_words() {
	awk -v n="$1" 'BEGIN {
		split("la le ri mo ta pe su ni ko ba de fi", s, " ");
		x = 7;
		for (i = 0; i < n; i++) {
			w = "";
			for (k = 0; k < 3; k++) {
				x = (x * 1103515245 + 12345) % 2147483648;
				w = w s[int(x / 65536) % 12 + 1];
			}
			printf "%s%s", (i ? " " : ""), w;
		}
		printf "\n";
	}'
}

test_expect_success 'a 2 MB segment is indexed, and found by its beginning' '
	giant_words 300000 >giant.txt &&
	test $(wc -c <giant.txt) -gt 2000000 &&
	one_unit_tmx giant.tmx "$(cat giant.txt)" 巨型段落 &&
	TMGLOSS_DB=giant.db timeout 60 tmgloss import -q giant.tmx &&
	TMGLOSS_DB=giant.db timeout 60 tmgloss index >out &&
	grep "Indexed 1 unit" out &&
	cut -d" " -f1-4000 giant.txt >query &&
	TMGLOSS_DB=giant.db timeout 60 tmgloss match --format=tsv -f query \
		>out &&
	cut -f2 out >score &&
	echo 80 >expect &&
	test_cmp expect score &&
	cut -d" " -f3000-3002 giant.txt >phrase &&
	TMGLOSS_DB=giant.db timeout 60 tmgloss concord --format=tsv \
		"$(cat phrase)" >out &&
	test $(wc -l <out) = 1 &&
	cut -d" " -f200000-200002 giant.txt >phrase &&
	TMGLOSS_DB=giant.db timeout 60 tmgloss concord --format=tsv \
		"$(cat phrase)" >out &&
	test ! -s out
'

test_expect_success 'a 128 KB query is matched on its first 5,000 words' '
	giant_words 20000 >query &&
	test $(wc -c <query) -gt 128000 &&
	one_unit_tmx long.tmx "$(cut -d" " -f1-5000 query)" 长段落 &&
	TMGLOSS_DB=long.db tmgloss import -q long.tmx &&
	TMGLOSS_DB=long.db timeout 60 tmgloss match --format=tsv -f query \
		>out &&
	cut -f2 out >score &&
	echo 99 >expect &&
	test_cmp expect score
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 tmgloss index extra 2>err &&
	grep "unexpected argument" err &&
	test_expect_code 2 tmgloss index --bogus 2>err &&
	tmgloss index --help >out &&
	grep "tmgloss import big.tmx && tmgloss index" out
'

test_done
