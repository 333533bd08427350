#!/bin/sh
# tests/cli/concord.sh -- tmgloss concord: words and phrases in context,
# case- and accent-insensitive, Chinese substrings, both sides.
. "$top_srcdir/tests/cli/test-lib.sh"

TMX="$DATA/fuzzy/match.fr-zh.tmx"

test_expect_success 'import the test memory' '
	tmgloss import "$TMX"
'

test_expect_success 'a French phrase, keyword in context with its translation' '
	tmgloss concord --format=tsv "intelligence artificielle" >out &&
	cut -f1-4,6-7 out >got &&
	printf "La ville compte 23 laboratoires d'"'"'\tintelligence artificielle\t.\t该市拥有23家人工智能实验室。\t1\t1\n" >expect &&
	test_cmp expect got &&
	cut -f5 out | grep "match\.fr-zh\.tmx$"
'

test_expect_success 'case and accents do not matter' '
	tmgloss concord --format=tsv "INTELLIGENCE INCARNEE" >out &&
	cut -f2 out >got &&
	echo "intelligence incarnée" >expect &&
	test_cmp expect got
'

test_expect_success 'whole French words only' '
	tmgloss concord --format=tsv "intelli" >out &&
	printf "\t\t\t\t\t\t\tintelli\n" >expect &&
	test_cmp expect out
'

test_expect_success 'Chinese is found as a substring (zh->fr)' '
	tmgloss concord --src zh --tgt fr --format=tsv 具身智能 >out &&
	cut -f1-4,6-7 out >got &&
	printf "大模型和\t具身智能\t是重点方向。\tLes grands modèles et l'"'"'intelligence incarnée sont des axes prioritaires.\t4\t4\n" >expect &&
	test_cmp expect got
'

test_expect_success 'Traditional characters find Simplified text' '
	tmgloss concord --src zh --tgt fr --format=tsv 實驗室 >out &&
	cut -f2 out >got &&
	echo "实验室" >expect &&
	test_cmp expect got
'

test_expect_success '--in target looks in the translations' '
	tmgloss concord --in target --format=tsv 智能 >out &&
	test "$(wc -l <out)" = 2 &&
	cut -f4 out >got &&
	grep -F "La ville compte" got &&
	grep -F "Les grands modèles" got
'

test_expect_success '--max limits the list and says there is more (text)' '
	tmgloss concord --in target --max 1 智能 >out &&
	grep -F "[智能]" out &&
	grep -F -- "--max" out
'

test_expect_success 'json output' '
	tmgloss concord --format=json modèles >out &&
	grep -F "\"keyword\": \"modèles\"" out &&
	grep -F "\"translation\": \"大模型和具身智能是重点方向。\"" out
'

test_expect_success 'unit id and tuid come last in TSV, and in JSON' '
	tmgloss concord --format=tsv "intelligence artificielle" >out &&
	test "$(awk -F "\t" "{ print NF }" out)" = 8 &&
	test "$(cut -f6-8 out)" = "$(printf "1\t1\tintelligence artificielle")" &&
	tmgloss concord --format=json "intelligence artificielle" >out &&
	grep -F "\"unit_id\": 1, \"tuid\": \"1\"}" out
'

test_expect_success 'a unit without tuid: an empty TSV field, null in JSON' '
	cat >notuid.tmx <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header srclang="fr-FR" segtype="sentence"
	 datatype="plaintext" adminlang="en" creationtool="t"
	 creationtoolversion="1" o-tmf="t"/><body>
	<tu><tuv xml:lang="fr-FR"><seg>Un verger sans étiquette.</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>无标签果园。</seg></tuv></tu>
	</body></tmx>
	EOF
	tmgloss import notuid.tmx &&
	tmgloss concord --format=tsv verger >out &&
	test "$(cut -f7 out)" = "" &&
	test "$(cut -f6 out)" -gt 1 &&
	tmgloss concord --format=json verger >out &&
	grep -F "\"tuid\": null" out
'

test_expect_success 'no words to look for, or bad options' '
	test_expect_code 2 tmgloss concord &&
	test_expect_code 2 tmgloss concord --in middle mot &&
	test_expect_code 1 tmgloss concord "..." 2>err &&
	grep "no word" err
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

test_expect_success 'concord: the source language from the text, in a two-way memory' '
	two_way_tmx two.tmx &&
	TMGLOSS_DB=two.db tmgloss import -q two.tmx &&
	TMGLOSS_DB=two.db tmgloss concord --format=tsv 文件 >out &&
	grep 文件 out &&
	TMGLOSS_DB=two.db tmgloss concord --format=tsv "impossible d'"'"'ouvrir le fichier" >out &&
	grep 无法打开文件 out
'

test_expect_success 'concord: a language the memory lacks is named' '
	TMGLOSS_DB=lang.db tmgloss import -q two.tmx &&
	test_expect_code 1 tmgloss --db lang.db concord --src en hello 2>err &&
	grep "no text in en" err &&
	! grep "several" err &&
	test_expect_code 1 tmgloss --db lang.db concord --src fr --tgt de fichier 2>err &&
	grep "no text in de" err
'

test_expect_success 'a French word is found in its inflected forms, shown as found' '
	tmgloss concord --format=tsv laboratoire >out &&
	test "$(cut -f2 out)" = laboratoires &&
	test "$(cut -f8 out)" = laboratoire &&
	tmgloss concord "Grand Modèle" >out &&
	grep -F "Les [grands modèles] et" out &&
	tmgloss concord --format=json laboratoire >out &&
	grep -F "\"keyword\": \"laboratoires\"" out
'

test_expect_success '--substring finds parts of words; Chinese stays a substring' '
	tmgloss concord --format=tsv ratoire >out &&
	test "$(cut -f2 out)" = "" &&
	tmgloss concord --substring --format=tsv ratoire >out &&
	test "$(cut -f2 out)" = laboratoires &&
	tmgloss concord --substring --format=tsv "LABO d'"'"'intel" >out &&
	test "$(cut -f2 out)" = "laboratoires d'"'"'intelligence" &&
	tmgloss concord --substring --src zh --tgt fr --format=tsv 身智 >out &&
	test "$(cut -f2 out)" = 身智
'

test_expect_success 'a search without a hit is one TSV line and one JSON object' '
	tmgloss concord --format=tsv nulle part >out &&
	printf "\t\t\t\t\t\t\tnulle part\n" >expect &&
	test_cmp expect out &&
	tmgloss concord --format=json "nulle part" >out &&
	grep -F "{\"query\": \"nulle part\", \"text\": null," out &&
	grep -F "\"tuid\": null}" out &&
	test "$(wc -l <out)" = 3
'

test_expect_success 'a read-only memory: inflected forms in the units not indexed' '
	cp "$TMGLOSS_DB" ro.db &&
	cat >ro.tmx <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header srclang="fr-FR" segtype="sentence"
	 datatype="plaintext" adminlang="en" creationtool="t"
	 creationtoolversion="1" o-tmf="t"/><body>
	<tu><tuv xml:lang="fr-FR"><seg>Deux chevaux blancs.</seg></tuv>
	<tuv xml:lang="zh-CN"><seg>两匹白马。</seg></tuv></tu>
	</body></tmx>
	EOF
	TMGLOSS_DB=ro.db tmgloss import -q ro.tmx &&
	TMGLOSS_DB=ro.db tmgloss --read-only concord --format=tsv "cheval blanc" >out &&
	test "$(cut -f2 out)" = "chevaux blancs" &&
	TMGLOSS_DB=ro.db tmgloss --read-only concord --substring --format=tsv eva >out &&
	test "$(cut -f2 out)" = chevaux &&
	TMGLOSS_DB=ro.db tmgloss concord --format=tsv "cheval blanc" >out &&
	test "$(cut -f2 out)" = "chevaux blancs"
'

test_expect_success 'concord: languages are checked before indexing' '
	TMGLOSS_DB=pending.db tmgloss import -q "$TMX" &&
	units=$(TMGLOSS_DB=pending.db tmgloss stats --format=tsv | sed -n "s/^unindexed	//p") &&
	test "$units" -gt 0 &&
	test_expect_code 1 env TMGLOSS_DB=pending.db tmgloss concord --src de mot 2>err &&
	grep "no text in de" err &&
	test "$(TMGLOSS_DB=pending.db tmgloss stats --format=tsv | sed -n "s/^unindexed	//p")" = "$units"
'

test_expect_success 'concord: --header names the TSV columns first; none without it' '
	tmgloss concord --header --format=tsv "intelligence artificielle" >out &&
	printf "left\tkeyword\tright\ttranslation\torigin\tunit_id\ttuid\tquery\n" >expect &&
	head -n 1 out >got &&
	test_cmp expect got &&
	test $(wc -l <out) -gt 1 &&
	tmgloss concord --format=tsv "intelligence artificielle" >plain &&
	sed 1d out >rows &&
	test_cmp rows plain
'

test_done
