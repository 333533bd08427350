#!/bin/sh
# tests/cli/match.sh -- tmgloss match: fr->zh and zh->fr, scores, marked
# differences, output formats, Traditional queries, errors.
. "$top_srcdir/tests/cli/test-lib.sh"

TMX="$DATA/fuzzy/match.fr-zh.tmx"

# match_fields LIST ARG...: the fields LIST (as cut -f takes them) of
# tmgloss match --format=tsv ARG...
match_fields () {
	fields=$1 &&
	shift &&
	tmgloss match --format=tsv "$@" >out &&
	cut -f "$fields" out
}

test_expect_success 'import the test memory' '
	tmgloss import "$TMX"
'

test_expect_success 'an identical sentence scores 100 (fr->zh, tsv)' '
	tmgloss match --format=tsv "Impossible d'"'"'ouvrir le fichier de configuration." >out &&
	printf "1\t100\tImpossible d'"'"'ouvrir le fichier de configuration.\t无法打开配置文件。\n" >expect &&
	cut -f 1-4 out >got && test_cmp expect got &&
	cut -f 5 out | grep "match\.fr-zh\.tmx$"
'

test_expect_success 'a sentence that differs only in a number scores 99' '
	match_fields 1,2,4 "La ville compte 21 laboratoires d'"'"'intelligence artificielle." >got &&
	printf "1\t99\t该市拥有23家人工智能实验室。\n" >expect &&
	test_cmp expect got
'

test_expect_success 'only in case: 99; only in punctuation: 99' '
	match_fields 1,2 "enregistrer le document sous un nouveau nom" \
		"Enregistrer le document sous un nouveau nom." >got &&
	printf "1\t99\n2\t99\n" >expect &&
	test_cmp expect got
'

test_expect_success 'only the inline tags differ: 99' '
	match_fields 2,4 "Cliquez sur Enregistrer pour valider." >got &&
	printf "99\t点击保存以确认。\n" >expect &&
	test_cmp expect got
'

test_expect_success 'differences are marked against the query (text, no terminal)' '
	tmgloss match "Enregistrer le document sous un autre nom" >out &&
	grep -F "Enregistrer le document sous un [-autre-]{+nouveau+} nom" out &&
	grep -F "以新名称保存文档" out &&
	grep -F "2025-06-03 08:00" out
'

test_expect_success 'zh->fr: one character changed' '
	match_fields 1,3,4 --src zh --tgt fr "无法打开日志文件。" >got &&
	printf "1\t无法打开配置文件。\tImpossible d'"'"'ouvrir le fichier de configuration.\n" >expect &&
	test_cmp expect got
'

test_expect_success 'zh->fr: a Traditional query finds the Simplified unit' '
	match_fields 2,3 --src zh-TW --tgt fr "無法打開配置文件。" >got &&
	printf "99\t无法打开配置文件。\n" >expect &&
	test_cmp expect got
'

test_expect_success '--min leaves out weaker matches, --max cuts the list' '
	tmgloss match --format=tsv --min 50 "Impossible d'"'"'ouvrir le document." >low &&
	test -s low &&
	tmgloss match --format=tsv --min 95 "Impossible d'"'"'ouvrir le document." >high &&
	printf "1\t\t\t\t\t\t\t\t\t\t\n" >expect &&
	test_cmp expect high &&
	tmgloss match --format=tsv --min 1 --max 2 "le de la" >two &&
	test "$(wc -l <two)" -le 2
'

test_expect_success '-f FILE: one query per line, numbered by line' '
	printf "%s\n\n%s\n" "Enregistrer le document sous un nouveau nom" \
		"大模型和具身智能是重点方向" >queries &&
	match_fields 1,2 -f queries >got &&
	printf "1\t100\n3\t\n" >expect &&
	test_cmp expect got
'

test_expect_success '-f FILE: a UTF-8 BOM is skipped (file and standard input)' '
	printf "%s\n%s\n" "Enregistrer le document sous un nouveau nom" \
		"Impossible d'"'"'ouvrir le fichier de configuration." >plain &&
	printf "\357\273\277" | cat - plain >bom &&
	tmgloss match --format=tsv -f plain >expect &&
	tmgloss match --format=tsv -f bom >got &&
	test_cmp expect got &&
	tmgloss match --format=tsv -f - <bom >got &&
	test_cmp expect got &&
	grep "^1	100	" got
'

test_expect_success 'json: an array of hits' '
	tmgloss match --format=json "Le secteur clé pèse près de 350 milliards de yuans." >out &&
	grep -F "\"query_no\": 1" out &&
	grep -F "\"score\": 100" out &&
	grep -F "\"target\": \"核心产业规模近3500亿元。\"" out &&
	head -c 1 out | grep -F "[" &&
	tmgloss match --format=json "rien de rien" >none &&
	test "$(head -n 1 none)" = "[" &&
	grep -F "{\"query_no\": 1, \"query\": \"rien de rien\", \"score\": null, \"source\": null," none &&
	grep -F "\"target_markup\": null}" none &&
	test "$(wc -l <none)" = 3
'

test_expect_success 'unit id and tuid come after the old TSV columns, and in JSON' '
	tmgloss match --format=tsv "Impossible d'"'"'ouvrir le fichier de configuration." >out &&
	test "$(awk -F "\t" "{ print NF }" out)" = 11 &&
	test "$(cut -f6,7 out)" = "$(printf "2\t2")" &&
	tmgloss match --format=json "Impossible d'"'"'ouvrir le fichier de configuration." >out &&
	grep -F "\"unit_id\": 2, \"tuid\": \"2\"" out
'

test_expect_success 'inline tags: numbered placeholders in text, the markup in TSV and JSON' '
	tmgloss match "Cliquez sur Enregistrer pour valider." >out &&
	grep -F "Cliquez sur {+{1}+}Enregistrer{+{/1}+} pour valider." out &&
	grep -F "点击{1}保存{/1}以确认。" out &&
	tmgloss match --format=tsv "Cliquez sur Enregistrer pour valider." >out &&
	cut -f10 out >got &&
	echo "Cliquez sur <bpt i=\"1\">&lt;b&gt;</bpt>Enregistrer<ept i=\"1\">&lt;/b&gt;</ept> pour valider." >expect &&
	test_cmp expect got &&
	cut -f11 out | grep -F "点击<bpt i=\"1\">&lt;b&gt;</bpt>保存" &&
	tmgloss match --format=json "Cliquez sur Enregistrer pour valider." >out &&
	grep -F "\"target_markup\": \"点击<bpt i=\\\"1\\\">" out &&
	tmgloss match --format=json "Impossible d'"'"'ouvrir le fichier de configuration." >out &&
	grep -F "\"source_markup\": null, \"target_markup\": null" out
'

test_expect_success 'a single tag is {n/}: two hits told apart by it' '
	cat >ph.tmx <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header srclang="fr-FR" segtype="sentence"
	 datatype="plaintext" adminlang="en" creationtool="t"
	 creationtoolversion="1" o-tmf="t"/><body>
	<tu><tuv xml:lang="fr-FR"><seg>Le verger compte 21 pommiers.</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>果园有21棵苹果树。</seg></tuv></tu>
	<tu><tuv xml:lang="fr-FR"><seg>Le verger compte 21 pommiers<ph x="1">&lt;sup&gt;1&lt;/sup&gt;</ph>.</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>果园有21棵苹果树<ph x="1">&lt;sup&gt;1&lt;/sup&gt;</ph>。</seg></tuv></tu>
	</body></tmx>
	EOF
	tmgloss --db ph.db import ph.tmx &&
	tmgloss --db ph.db match "Le verger compte 21 pommiers." >out &&
	grep -F "Le verger compte 21 pommiers{+{1/}+}." out &&
	grep -F "果园有21棵苹果树{1/}。" out &&
	test "$(grep -c "果园有21棵苹果树。" out)" = 1
'

test_expect_success 'variant dates and authors (OmegaT): shown, and the newer 100 % first' '
	for f in new old; do
		if test $f = new; then
			d=20250610T101500Z t=新译文 a=alice
		else
			d=20250601T080000Z t=旧译文 a=bob
		fi &&
		cat >$f.tmx <<-EOF || return 1
		<?xml version="1.0" encoding="UTF-8"?>
		<tmx version="1.4"><header srclang="fr-FR" segtype="sentence"
		 datatype="plaintext" adminlang="en" creationtool="OmegaT"
		 creationtoolversion="6" o-tmf="OmegaT TMX"/><body>
		<tu><tuv xml:lang="fr-FR"><seg>Le rapport annuel est publié.</seg></tuv>
		<tuv xml:lang="zh-CN" changeid="$a" changedate="$d" creationid="zoe"
		 creationdate="20250101T000000Z"><seg>$t</seg></tuv></tu>
		</body></tmx>
		EOF
	done &&
	tmgloss --db dates.db import new.tmx &&
	tmgloss --db dates.db import old.tmx &&
	tmgloss --db dates.db match --format=tsv "Le rapport annuel est publié." >out &&
	cut -f2,4,8,9 out >got &&
	printf "100\t新译文\t20250610T101500Z\talice\n100\t旧译文\t20250601T080000Z\tbob\n" >expect &&
	test_cmp expect got &&
	tmgloss --db dates.db match "Le rapport annuel est publié." >out &&
	grep -F "2025-06-10 10:15 · alice" out &&
	tmgloss --db dates.db match --format=json "Le rapport annuel est publié." >out &&
	grep -F "\"change_date\": \"20250610T101500Z\"" out &&
	grep -F "\"author\": \"alice\"" out
'

test_expect_success 'Traditional / Simplified is not marked as a difference' '
	tmgloss match --src zh-TW --tgt fr "無法打開配置文件。" >out &&
	grep -F "无法打开配置文件。" out &&
	! grep -F "[-" out &&
	tmgloss match --src zh --tgt fr "无法打开日志文件。" >out &&
	grep -F "无法打开[-日志-]{+配置+}文件。" out
'

test_expect_success 'the exhaustive scan gives the same matches' '
	for q in "Impossible d'"'"'ouvrir le fichier" "La ville compte des laboratoires" \
		"Les grands modèles sont prioritaires."; do
		tmgloss match --format=tsv --min 30 "$q" >a &&
		tmgloss match --format=tsv --min 30 --exhaustive "$q" >b &&
		test_cmp a b || return 1
	done
'

test_expect_success 'bad usage exits with 2' '
	test_expect_code 2 tmgloss match &&
	test_expect_code 2 tmgloss match --min 0 "x" &&
	test_expect_code 2 tmgloss match --min abc "x" &&
	test_expect_code 2 tmgloss match --max 0 "x" &&
	test_expect_code 2 tmgloss match --src "not a tag!" "x" &&
	test_expect_code 2 tmgloss match --format=xml "x"
'

test_expect_success 'a missing query file is an error (exit 1)' '
	test_expect_code 1 tmgloss match -f no-such-file 2>err &&
	grep "no-such-file" err
'

test_expect_success 'invalid UTF-8 in a query file names the file and line' '
	printf "Ouvrir\n\377\376 fichier\n" >bad &&
	test_expect_code 1 tmgloss match -f bad 2>err &&
	grep "bad:2" err
'

test_expect_success '--help shows the score formula' '
	tmgloss match --help >out &&
	grep -F "floor(100 * (L - d) / L)" out
'


# two_way_tmx FILE: fr -> zh and zh -> fr units in one memory.
two_way_tmx() {
	cat >"$1" <<-EOT
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header creationtool="t" creationtoolversion="1"
	 segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR"
	 datatype="plaintext"/><body>
	<tu srclang="fr-FR"><tuv xml:lang="fr-FR"><seg>impossible d'ouvrir le fichier</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>无法打开文件</seg></tuv></tu>
	<tu srclang="zh-CN"><tuv xml:lang="zh-CN"><seg>打开文件失败</seg></tuv>
	<tuv xml:lang="fr-FR"><seg>échec de l'ouverture du fichier</seg></tuv></tu>
	</body></tmx>
	EOT
}

test_expect_success 'match: the source language from the text, in a two-way memory' '
	two_way_tmx two.tmx &&
	TMGLOSS_DB=two.db tmgloss import -q two.tmx &&
	TMGLOSS_DB=two.db tmgloss match --format=tsv 打开文件失败 >out &&
	grep 文件 out &&
	TMGLOSS_DB=two.db tmgloss match --format=tsv "impossible d'"'"'ouvrir le fichier" >out &&
	grep 无法打开文件 out
'

test_expect_success 'match -f: the first line of the file tells the source language' '
	echo 打开文件失败 >zh.txt &&
	TMGLOSS_DB=two.db tmgloss match --format=tsv -f zh.txt >out &&
	grep "échec" out &&
	printf "\n\nimpossible d'"'"'ouvrir le fichier\n" >fr.txt &&
	TMGLOSS_DB=two.db tmgloss match --format=tsv -f fr.txt >out &&
	grep 无法打开文件 out
'

test_expect_success 'match: a language the memory lacks is named' '
	TMGLOSS_DB=lang.db tmgloss import -q two.tmx &&
	test_expect_code 1 tmgloss --db lang.db match --src en hello 2>err &&
	grep "no text in en" err &&
	! grep "several" err &&
	test_expect_code 1 tmgloss --db lang.db match --src fr --tgt de fichier 2>err &&
	grep "no text in de" err
'

test_expect_success 'match: languages are checked before indexing' '
	TMGLOSS_DB=pending.db tmgloss import -q "$TMX" &&
	units=$(TMGLOSS_DB=pending.db tmgloss stats --format=tsv | sed -n "s/^unindexed	//p") &&
	test "$units" -gt 0 &&
	test_expect_code 1 env TMGLOSS_DB=pending.db tmgloss match --src fr --tgt de "Bonjour." 2>err &&
	grep "no text in de" err &&
	test "$(TMGLOSS_DB=pending.db tmgloss stats --format=tsv | sed -n "s/^unindexed	//p")" = "$units"
'

test_expect_success 'match: a text without a match is still a TSV line and a JSON object' '
	tmgloss match --format=tsv "Le secteur clé pèse près de 350 milliards de yuans." "rien de rien" >out &&
	test "$(wc -l <out)" = 2 &&
	test "$(sed -n 2p out)" = "$(printf "2\t\t\t\t\t\t\t\t\t\t")" &&
	tmgloss match --format=json "Le secteur clé pèse près de 350 milliards de yuans." "rien de rien" >out &&
	grep -F "\"query_no\": 2, \"query\": \"rien de rien\", \"score\": null" out
'

test_expect_success 'match: --header names the TSV columns first; none without it' '
	q="Impossible d'"'"'ouvrir le fichier de configuration." &&
	tmgloss match --header --format=tsv "$q" >out &&
	printf "query_no\tscore\tsource\ttarget\torigin\tunit_id\ttuid\tchange_date\tauthor\tsource_markup\ttarget_markup\n" >expect &&
	head -n 1 out >got &&
	test_cmp expect got &&
	sed -n 2p out | grep "^1	100	" &&
	tmgloss match --format=tsv "$q" >out &&
	head -n 1 out | grep "^1	100	" &&
	! grep query_no out
'

test_done
