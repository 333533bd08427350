#!/bin/sh
# tests/cli/index.sh -- indexing on first use: an import only stores units,
# stats counts the units not yet indexed (in all and by index), `tmgloss
# index` takes them in, each searching command the index it reads, and an
# interrupted update leaves the memory as it was.
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

# pending_of INDEX: the units INDEX (fuzzy or suggest) has to take in.
pending_of() {
	tmgloss stats --format=tsv | sed -n "s/^unindexed_$1	//p"
}

test_expect_success 'a second file: match brings the token index up to date before searching' '
	one_unit_tmx more.tmx "Les robots humanoïdes apprennent à marcher." "人形机器人正在学习走路。" &&
	tmgloss import -q more.tmx &&
	test "$(unindexed)" = 1 &&
	test "$(pending_of fuzzy)" = 1 &&
	test "$(pending_of suggest)" = 1 &&
	tmgloss match --format=tsv --src fr --tgt zh \
		"Les robots humanoïdes apprennent à marcher." >out &&
	cut -f2,4 out >got &&
	printf "100\t人形机器人正在学习走路。\n" >expect &&
	test_cmp expect got &&
	test "$(pending_of fuzzy)" = 0 &&
	test "$(pending_of suggest)" = 1 &&
	test "$(unindexed)" = 1 &&
	tmgloss stats >out &&
	grep "Not yet in the translation index: 1 unit (the next suggest or extract" out &&
	! grep "token index" out
'

test_expect_success 'concord brings the token index too, suggest the translation index' '
	one_unit_tmx third.tmx "Le robot humanoïde porte une caisse." "人形机器人搬着一个箱子。" &&
	tmgloss import -q third.tmx &&
	tmgloss concord --format=tsv --src fr --tgt zh "caisse" >out &&
	grep "箱子" out &&
	test "$(pending_of fuzzy)" = 0 &&
	test "$(pending_of suggest)" = 2 &&
	sed "s/caisse/boîte/; s/箱子/盒子/" third.tmx >fourth.tmx &&
	tmgloss import -q fourth.tmx &&
	tmgloss suggest --format=tsv --src fr --tgt zh "robot humanoïde" >out &&
	grep "人形机器人" out &&
	test "$(pending_of suggest)" = 0 &&
	test "$(pending_of fuzzy)" = 1 &&
	tmgloss stats >out &&
	grep "Not yet in the token index: 1 unit (the next match or concord" out &&
	tmgloss index --format=tsv >out &&
	grep "^indexed	1$" out &&
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
	test $(wc -l <out) = 1 &&
	test "$(cut -f1-7 out)" = "$(printf "\t\t\t\t\t\t")" &&
	test "$(cut -f8 out)" = "$(cat phrase)"
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

REL_TMX="$DATA/tmx/heartsome/ImportTMXTest.tmx"

# Damaged or dropped indexes (issue 15): put back on open, found by
# stats --verify, built again by index --rebuild.

# The memory's schema, object by object, as SQL.
schema () {
	sqlite3 "$1" "SELECT type, name, sql FROM sqlite_master ORDER BY name"
}

test_expect_success SQLITE3 'setup: an indexed memory with a glossary, its schema' '
	tmgloss --db whole.db import -q "$REL_TMX" &&
	tmgloss --db whole.db gloss add chat 猫 --src fr --tgt zh >/dev/null &&
	tmgloss --db whole.db index >/dev/null &&
	tmgloss --db whole.db match "test modify date" >match.expect &&
	grep "100%" match.expect &&
	schema whole.db >schema.expect
'

test_expect_success SQLITE3 'every SQL index, trigger and search table dropped is put back as it was' '
	sqlite3 whole.db "SELECT type || \" \" || name FROM sqlite_master
		WHERE name NOT LIKE \"sqlite_%\" AND name NOT IN (\"origins\",
		\"units\", \"variants\", \"concepts\", \"terms\",
		\"concept_fields\")" >objects &&
	test $(wc -l <objects) -gt 20 &&
	while read type name; do
		cp whole.db d.db &&
		sqlite3 d.db "DROP $type $name" &&
		tmgloss --db d.db stats >/dev/null 2>err &&
		grep "lost part" err &&
		schema d.db >schema.actual &&
		test_cmp schema.expect schema.actual &&
		tmgloss --db d.db match "test modify date" >match.actual &&
		test_cmp match.expect match.actual || return 1
	done <objects
'

test_expect_success SQLITE3 'with its SQL indexes dropped, an import puts them back' '
	cp whole.db d.db &&
	sqlite3 d.db "DROP INDEX units_by_hash; DROP INDEX variants_by_unit" &&
	tmgloss --db d.db import "$REL_TMX" 2>err &&
	grep "2 lost parts" err &&
	schema d.db >schema.actual &&
	test_cmp schema.expect schema.actual
'

test_expect_success SQLITE3 'DROP TABLE fuzzy_postings: match finds again, no SQLite message' '
	cp whole.db d.db &&
	sqlite3 d.db "DROP TABLE fuzzy_postings" &&
	tmgloss --db d.db match "test modify date" >match.actual 2>err &&
	test_cmp match.expect match.actual &&
	! grep "no such table" err
'

test_expect_success SQLITE3 'an emptied token index is noticed when a match finds nothing: it finds again' '
	for t in fuzzy_postings fuzzy_tokens; do
		cp whole.db d.db &&
		sqlite3 d.db "DELETE FROM $t" &&
		tmgloss --db d.db match "test modify date" >match.actual 2>err &&
		grep "lost part" err &&
		test_cmp match.expect match.actual &&
		tmgloss --db d.db stats --verify || return 1
	done
'

test_expect_success SQLITE3 'an emptied translation index: a match that finds leaves it, the next command that checks puts it back' '
	cp whole.db d.db &&
	sqlite3 d.db "DELETE FROM suggest_postings" &&
	tmgloss --db d.db match "test modify date" >match.actual 2>err &&
	test_cmp match.expect match.actual &&
	! grep "lost part" err &&
	tmgloss --db d.db suggest --src en --tgt zh date >/dev/null 2>err &&
	grep "1 lost part" err &&
	tmgloss --db d.db stats --verify
'

test_expect_success SQLITE3 'an emptied token index, read-only: a match that finds nothing says what to do' '
	cp whole.db d.db &&
	sqlite3 d.db "DELETE FROM fuzzy_postings" &&
	test_expect_code 1 tmgloss --db d.db --read-only match "test modify date" 2>err &&
	grep "d.db: the memory.s search indexes are damaged (emptied); its owner can run .tmgloss index --rebuild." err
'

test_expect_success SQLITE3 'a data table dropped: an error that says so, not SQLite' '
	cp whole.db d.db &&
	sqlite3 d.db "DROP TABLE concept_fields" &&
	test_expect_code 1 tmgloss --db d.db stats 2>err &&
	grep "d.db: the memory is damaged: its table .concept_fields. is missing" err
'

test_expect_success SQLITE3 'a read-only memory lacking a search table says what to do' '
	cp whole.db d.db &&
	sqlite3 d.db "DROP TABLE fuzzy_langs" &&
	test_expect_code 1 tmgloss --db d.db --read-only match "test" 2>err &&
	grep "search indexes are damaged (.fuzzy_langs. is missing); its owner can run .tmgloss index --rebuild." err &&
	schema d.db | grep -v fuzzy_langs >schema.actual &&
	grep -v fuzzy_langs schema.expect >expect &&
	test_cmp expect schema.actual
'

test_expect_success SQLITE3 'a read-only memory lacking an SQL index is searched, with a warning' '
	cp whole.db d.db &&
	sqlite3 d.db "DROP INDEX variants_by_unit" &&
	tmgloss --db d.db --read-only match "test modify date" >match.actual 2>err &&
	test_cmp match.expect match.actual &&
	grep "warning: d.db: the memory lacks its SQL index or trigger .variants_by_unit." err
'

test_expect_success 'stats --verify: a whole memory' '
	tmgloss --db whole.db stats --verify >out &&
	grep "whole.db: the memory is whole" out &&
	tmgloss --db whole.db stats --verify --format=json >out &&
	grep "^{\"whole\": true, \"file_damaged\": false, \"problems\": \[\]}$" out
'

test_expect_success SQLITE3 'stats --verify finds an emptied translation index; index --rebuild repairs it' '
	cp whole.db d.db &&
	sqlite3 d.db "DELETE FROM suggest_postings; DELETE FROM suggest_pairs" &&
	test_expect_code 1 tmgloss --db d.db stats --verify >out &&
	grep "the translation index counts 0 language pairs, where its units have 314" out &&
	grep "the translation index has no posting list" out &&
	grep "Run .tmgloss index --rebuild." out &&
	tmgloss --db d.db index --rebuild >out &&
	grep "Indexed 314 units" out &&
	tmgloss --db d.db stats --verify &&
	tmgloss --db d.db match "test modify date" >match.actual &&
	test_cmp match.expect match.actual
'

test_expect_success SQLITE3 'stats --verify finds variants missing from the fuzzy index' '
	cp whole.db d.db &&
	sqlite3 d.db "DELETE FROM fuzzy_tokens WHERE variant_id BETWEEN 100 AND 109" &&
	test_expect_code 1 tmgloss --db d.db stats --verify --format=tsv >out &&
	grep "^problems	2$" out &&
	grep "^problem	the fuzzy-matching index lacks 10 variants it should hold$" out &&
	grep "^problem	the fuzzy-matching index counts 628 variants by language but holds 618$" out &&
	tmgloss --db d.db index --rebuild -q &&
	tmgloss --db d.db stats --verify
'

test_expect_success SQLITE3 'stats --verify reads the posting lists: cut ones are counted, index --rebuild repairs them' '
	cp whole.db d.db &&
	tmgloss --db d.db suggest --format=tsv --src en --tgt zh date >suggest.expect &&
	test -s suggest.expect &&
	sqlite3 d.db "SELECT count(*) FROM suggest_postings WHERE seg < 0" >n &&
	test $(cat n) -gt 2 &&
	sqlite3 d.db "UPDATE suggest_postings SET ids = substr(ids, 1, 3)
			WHERE seg < 0 AND length(ids) > 8 AND key IN
			(SELECT key FROM suggest_postings WHERE seg < 0
			 AND length(ids) > 8 ORDER BY key LIMIT 2);
		UPDATE fuzzy_postings SET ids = x'"'"'8080'"'"'
			WHERE (key, seg) = (SELECT key, seg FROM fuzzy_postings
			ORDER BY key, seg LIMIT 1)" &&
	test_expect_code 1 tmgloss --db d.db stats --verify --format=tsv >out &&
	grep "^problems	2$" out &&
	grep "^problem	the fuzzy-matching index has 1 damaged posting list$" out &&
	grep "^problem	the translation index has 2 damaged posting lists$" out &&
	tmgloss --db d.db index --rebuild -q &&
	tmgloss --db d.db stats --verify &&
	tmgloss --db d.db suggest --format=tsv --src en --tgt zh date >suggest.actual &&
	test_cmp suggest.expect suggest.actual
'

test_expect_success SQLITE3 'a damaged page: stats --verify says the file is damaged, index --rebuild repairs an index' '
	cp whole.db d.db &&
	sqlite3 d.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	page=$(sqlite3 d.db "SELECT rootpage FROM sqlite_master WHERE name = \"variants_by_unit\"") &&
	size=$(sqlite3 d.db "PRAGMA page_size") &&
	printf "%0400d" 0 | tr 0 "\007" |
		dd of=d.db bs=1 seek=$(( (page - 1) * size + 40 )) conv=notrunc 2>/dev/null &&
	test_expect_code 1 tmgloss --db d.db stats --verify >out 2>err &&
	grep "problems found" out &&
	grep "the file.s integrity check: " out &&
	grep "The file itself is damaged" out &&
	test_must_be_empty err &&
	tmgloss --db d.db index --rebuild -q &&
	tmgloss --db d.db stats --verify
'

# import --index (issue 16): the units are indexed in the import's own
# transaction.

# unindexed_in DB: the units of DB not yet indexed.
unindexed_in () {
	tmgloss --db "$1" stats --format=tsv | sed -n "s/^unindexed	//p"
}

# index_tables DB: the search indexes' rows, as SQL.
index_tables () {
	for t in fuzzy_tokens fuzzy_postings fuzzy_langs fuzzy_words \
		suggest_postings suggest_pairs index_pending; do
		sqlite3 "$1" "SELECT '$t', * FROM $t ORDER BY 2, 3" || return 1
	done
}

test_expect_success SQLITE3 'import --index: nothing pending, the same indexes as import then index' '
	tmgloss --db later.db import -q "$TMX" &&
	tmgloss --db later.db index -q &&
	tmgloss --db now.db import -q --index "$TMX" &&
	test "$(unindexed_in now.db)" = 0 &&
	index_tables later.db >expect &&
	index_tables now.db >actual &&
	test $(grep -c "^fuzzy_postings|" actual) -gt 100 &&
	test_cmp expect actual &&
	one_unit_tmx added.tmx "Les robots humanoïdes apprennent à marcher." "人形机器人正在学习走路。" &&
	tmgloss --db now.db import -q --index added.tmx &&
	test "$(unindexed_in now.db)" = 0 &&
	tmgloss --db now.db --read-only match --format=tsv --src fr \
		--tgt zh "Les robots humanoïdes apprennent à marcher." >out &&
	cut -f2,4 out >got &&
	printf "100\t人形机器人正在学习走路。\n" >expect &&
	test_cmp expect got &&
	tmgloss --db now.db --read-only concord --format=tsv --src fr \
		--tgt zh "humanoïdes" >out &&
	grep "人形机器人正在学习走路" out
'

test_expect_success 'import --index takes in the units an earlier import left pending' '
	one_unit_tmx added.tmx "Les robots humanoïdes apprennent à marcher." "人形机器人正在学习走路。" &&
	tmgloss --db mixed.db import -q "$TMX" &&
	test "$(unindexed_in mixed.db)" -gt 0 &&
	tmgloss --db mixed.db import -q --index added.tmx &&
	test "$(unindexed_in mixed.db)" = 0
'

test_expect_success SQLITE3 'a match leaves the French stems to the first concordance; the same index as one pass' '
	one_unit_tmx added.tmx "Les robots humanoïdes apprennent à marcher." "人形机器人正在学习走路。" &&
	tmgloss --db split.db import -q "$TMX" added.tmx &&
	tmgloss --db split.db match --src fr --tgt zh "Les robots" >/dev/null &&
	sqlite3 split.db "SELECT index_name FROM index_pending ORDER BY 1" >got &&
	printf "stems\nsuggest\n" >expect &&
	test_cmp expect got &&
	cp split.db ro.db &&
	tmgloss --db ro.db --read-only concord --format=tsv --src fr --tgt zh \
		"robot humanoïde" >ro.out &&
	grep "人形机器人正在学习走路" ro.out &&
	tmgloss --db split.db concord --format=tsv --src fr --tgt zh \
		"robot humanoïde" >out &&
	grep "人形机器人正在学习走路" out &&
	test_cmp out ro.out &&
	sqlite3 split.db "SELECT index_name FROM index_pending" >got &&
	echo suggest >expect &&
	test_cmp expect got &&
	tmgloss --db split.db index -q &&
	tmgloss --db onepass.db import -q "$TMX" added.tmx &&
	tmgloss --db onepass.db index -q &&
	index_tables onepass.db >expect &&
	index_tables split.db >actual &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'a schema 11 memory: units pending for the token index are pending for its stems' '
	tmgloss --db v11.db import -q added.tmx &&
	sqlite3 v11.db "DELETE FROM index_pending WHERE index_name = '"'"'stems'"'"';
		PRAGMA user_version = 11" &&
	tmgloss --db v11.db stats >/dev/null &&
	sqlite3 v11.db "PRAGMA user_version;
		SELECT index_name, first_unit FROM index_pending ORDER BY 1" >got &&
	printf "13\nfuzzy|1\nstems|1\nsuggest|0\n" >expect &&
	test_cmp expect got &&
	tmgloss --db v11i.db import -q --index added.tmx &&
	sqlite3 v11i.db "PRAGMA user_version = 11" &&
	tmgloss --db v11i.db stats >/dev/null &&
	sqlite3 v11i.db "SELECT index_name FROM index_pending" >got &&
	echo suggest >expect &&
	test_cmp expect got
'

test_expect_success SQLITE3 'import --index that fails to index leaves the memory as it was' '
	tmgloss --db fail.db import -q --index "$TMX" &&
	sqlite3 fail.db .dump >before &&
	sqlite3 fail.db "CREATE TRIGGER refuse BEFORE INSERT ON fuzzy_tokens BEGIN SELECT RAISE(ABORT, '"'"'refused by the test'"'"'); END;" &&
	test_expect_code 1 tmgloss --db fail.db import --index added.tmx >out 2>err &&
	grep "refused by the test" err &&
	grep "nothing was imported from this file" err &&
	sqlite3 fail.db "DROP TRIGGER refuse" &&
	sqlite3 fail.db .dump >after &&
	test_cmp before after &&
	test "$(unindexed_in fail.db)" = 0
'

test_expect_success SQLITE3 'a schema 8 or 9 memory: its token index is built again, packed, 16-bit, and finds the same' '
	tmgloss --db v8.db import -q --index \
		"$DATA/tmx/maxprograms/tmxeditor_fr.ditamap.tmx" &&
	sqlite3 v8.db "SELECT text FROM variants WHERE lang = '"'"'fr'"'"'" >queries &&
	test $(grep -c . queries) -gt 400 &&
	tmgloss --db v8.db --read-only match --format=tsv --src fr --tgt en \
		--min 30 -f queries >expect &&
	test $(grep -c . expect) -gt 1000 &&
	cp v8.db v9.db &&
	for v in 8 9
	do
		sqlite3 v$v.db "PRAGMA user_version = $v" &&
		tmgloss --db v$v.db stats >/dev/null &&
		sqlite3 v$v.db "PRAGMA user_version; SELECT count(*) FROM fuzzy_postings" >got &&
		printf "13\n0\n" >want &&
		test_cmp want got &&
		test "$(unindexed_in v$v.db)" = 428 &&
		tmgloss --db v$v.db match --format=tsv --src fr --tgt en --min 30 \
			-f queries >actual &&
		test_cmp expect actual &&
		sqlite3 v$v.db "SELECT count(*) FROM index_pending
			WHERE index_name = '"'"'fuzzy'"'"'" >n &&
		echo 0 >zero && test_cmp zero n &&
		test $(sqlite3 v$v.db "SELECT count(*) FROM fuzzy_postings WHERE seg < 0") -gt 1000 &&
		sqlite3 v$v.db "SELECT count(*) FROM fuzzy_tokens t, variants v
			WHERE v.id = t.variant_id
			AND length(t.tokens) > 2 * length(v.text) + 2" >n &&
		echo 0 >zero && test_cmp zero n || return 1
	done
'

test_expect_success SQLITE3 'a schema 10 memory: fuzzy_tokens loses its unit and language, keeps its keys, and the token index is not rebuilt' '
	cp v9.db v10.db &&
	sqlite3 v10.db "SELECT variant_id, hex(tokens) FROM fuzzy_tokens" >tokens.expect &&
	sqlite3 v10.db "CREATE TABLE k AS SELECT * FROM fuzzy_tokens;
		DROP TABLE fuzzy_tokens;
		CREATE TABLE fuzzy_tokens (variant_id INTEGER PRIMARY KEY,
			unit_id INTEGER NOT NULL, lang TEXT NOT NULL,
			tokens BLOB NOT NULL);
		INSERT INTO fuzzy_tokens SELECT k.variant_id, v.unit_id, v.lang,
			k.tokens FROM k JOIN variants v ON v.id = k.variant_id;
		DROP TABLE k; PRAGMA user_version = 10" &&
	tmgloss --db v10.db stats --verify >out &&
	sqlite3 v10.db "PRAGMA user_version" >got &&
	echo 13 >want && test_cmp want got &&
	sqlite3 v10.db "SELECT count(*) FROM index_pending
		WHERE index_name = '"'"'fuzzy'"'"'" >n &&
	echo 0 >zero && test_cmp zero n &&
	sqlite3 v10.db "SELECT variant_id, hex(tokens) FROM fuzzy_tokens" >tokens.actual &&
	test_cmp tokens.expect tokens.actual &&
	schema v10.db >schema.actual &&
	schema v9.db >schema.v9 &&
	test_cmp schema.v9 schema.actual &&
	tmgloss --db v10.db match --format=tsv --src fr --tgt en --min 30 \
		-f queries >actual &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'a schema 12 memory: its translation index is built again, packed, and suggests and extracts the same' '
	tmgloss --db v12.db import -q --index \
		"$DATA/tmx/maxprograms/tmxeditor_fr.ditamap.tmx" &&
	tmgloss --db v12.db extract --format=tsv --src fr --tgt en >extract.expect &&
	test $(grep -c . extract.expect) -gt 200 &&
	tmgloss --db v12.db suggest --format=tsv --src fr --tgt en \
		"fichier TMX" >suggest.expect &&
	test $(grep -c . suggest.expect) -gt 2 &&
	sqlite3 v12.db "PRAGMA user_version = 12" &&
	tmgloss --db v12.db stats >/dev/null &&
	sqlite3 v12.db "PRAGMA user_version;
		SELECT count(*) FROM suggest_postings;
		SELECT count(*) FROM suggest_pairs;
		SELECT index_name, first_unit FROM index_pending" >got &&
	printf "13\n0\n0\nsuggest|0\n" >want &&
	test_cmp want got &&
	tmgloss --db v12.db --read-only suggest --format=tsv --src fr --tgt en \
		"fichier TMX" >suggest.actual &&
	test_cmp suggest.expect suggest.actual &&
	tmgloss --db v12.db extract --format=tsv --src fr --tgt en >extract.actual &&
	test_cmp extract.expect extract.actual &&
	test "$(unindexed_in v12.db)" = 0 &&
	sqlite3 v12.db "SELECT count(*) FROM suggest_postings WHERE seg < 0" >packed &&
	test $(cat packed) -gt 500 &&
	tmgloss --db v12.db suggest --format=tsv --src fr --tgt en \
		"fichier TMX" >suggest.actual &&
	test_cmp suggest.expect suggest.actual &&
	one_unit_tmx one.tmx "Le fichier TMX est ouvert." "TMX 文件已打开。" &&
	one_unit_tmx two.tmx "Enregistrer le fichier TMX." "保存 TMX 文件。" &&
	tmgloss --db v12.db import -q --index one.tmx two.tmx &&
	sqlite3 v12.db "SELECT count(*) FROM suggest_postings WHERE seg < 0" >packed.after &&
	test_cmp packed packed.after &&
	tmgloss --db v12.db suggest --src fr --tgt zh "fichier TMX" >zh.out &&
	grep "fichier TMX (fr → zh): in 2 units" zh.out &&
	tmgloss --db v12.db suggest --format=tsv --src fr --tgt en \
		"fichier TMX" >suggest.after &&
	test_cmp suggest.expect suggest.after
'

# many_units N: a TMX of N French-Chinese units that share their words
# but for a number.
many_units () {
	awk -v n="$1" 'BEGIN {
		q = "\""
		print "<?xml version=" q "1.0" q "?><tmx version=" q "1.4" q ">"
		print "<header creationtool=" q "t" q " creationtoolversion=" q "1" q \
			" segtype=" q "sentence" q " o-tmf=" q "t" q " adminlang=" q "en" q \
			" srclang=" q "fr" q " datatype=" q "plaintext" q "/><body>"
		for (i = 0; i < n; i++)
			printf "<tu><tuv xml:lang=%sfr%s><seg>Le fichier %d est ouvert.</seg></tuv><tuv xml:lang=%szh%s><seg>文件 %d 已打开。</seg></tuv></tu>\n", q, q, i, q, q, i
		print "</body></tmx>"
	}'
}

test_expect_success SQLITE3 'a long posting list is cut in runs that stay on their B-tree leaves' '
	many_units 5000 >runs.tmx &&
	tmgloss --db runs.db import -q --index runs.tmx &&
	for t in suggest_postings fuzzy_postings
	do
		test $(sqlite3 runs.db "SELECT max(length(ids)) FROM $t") -le 4032 &&
		test $(sqlite3 runs.db "SELECT count(*) FROM $t
			GROUP BY key ORDER BY 1 DESC LIMIT 1") -gt 1 || return 1
	done &&
	sqlite3 runs.db "SELECT count(*) FROM dbstat WHERE pagetype = '"'"'overflow'"'"'
		AND name IN ('"'"'suggest_postings'"'"', '"'"'fuzzy_postings'"'"')" >n &&
	echo 0 >zero && test_cmp zero n &&
	tmgloss --db runs.db match --format=tsv --src fr --tgt zh \
		"Le fichier 4999 est ouvert." | head -n 1 | cut -f 2,4 >got &&
	printf "100\t文件 4999 已打开。\n" >expect && test_cmp expect got
'

test_expect_success SQLITE3 'word keys cut short in the token index: match says the index is damaged' '
	cp v9.db cut.db &&
	sqlite3 cut.db "UPDATE fuzzy_tokens SET tokens = substr(tokens, 1, 3)
		WHERE length(tokens) >= 4" &&
	head -n 20 queries >q20 &&
	test_expect_code 1 tmgloss --db cut.db match --src fr --tgt en \
		--min 30 -f q20 >out 2>err &&
	grep "cut.db: the search index is damaged: the word keys of variant [0-9]* are cut short (the query of q20, line 1)" err
'

test_done
