#!/bin/sh
# terms.sh -- tmgloss terms: glossary terms in a text.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success 'setup: import the shipped glossary' '
	tmgloss import "$top_srcdir/glossaries/ai.fr-zh.tbx"
'

test_expect_success 'French: inflection, elision, longest match (tsv)' '
	tmgloss terms --src fr --tgt zh --format=tsv \
		"les grands modèles et l$(printf "\342\200\231")intelligence artificielle générale" >out &&
	printf "4\t18\tgrands modèles\tgrand modèle\t大模型\tpreferred\t\n" >expect &&
	printf "24\t58\tintelligence artificielle générale\tintelligence artificielle générale\t通用人工智能\tpreferred\t\n" >>expect &&
	test_cmp expect out
'

test_expect_success 'a deprecated term is flagged' '
	tmgloss terms --src fr --format=tsv "intelligence générale artificielle" >out &&
	cut -f6 out >status && echo deprecated >expect && test_cmp expect status &&
	tmgloss terms --src fr "intelligence générale artificielle" | grep "deprecated term"
'

test_expect_success 'Chinese: Traditional finds Simplified; longest wins' '
	tmgloss terms --src zh-TW --format=tsv 類腦智能與多模態大模型 >out &&
	cut -f1,2,4 out >got &&
	printf "0\t4\t类脑智能\n5\t11\t多模态大模型\n" >expect &&
	test_cmp expect got
'

test_expect_success 'json lists every translation, preferred first' '
	tmgloss terms --src fr --format=json "IA" >out &&
	grep "\"term\": \"IA\"" out &&
	grep "\"translations\": \[{\"lang\": \"zh-CN\", \"text\": \"人工智能\", \"status\": \"preferred\"}" out
'

test_expect_success 'a file, standard input, and the guessed language' '
	tmgloss terms -f "$top_srcdir/demo/paragraph.fr.txt" --format=tsv >fr &&
	grep "intelligence artificielle générale" fr &&
	tmgloss terms -f - --format=tsv <"$top_srcdir/demo/paragraph.zh.txt" >zh &&
	grep "通用人工智能" zh
'

test_expect_success 'no term: nothing printed, exit 0' '
	tmgloss terms --src fr "rien à voir" >out &&
	test ! -s out
'

test_expect_success 'bad input and usage' '
	printf "caf\351\n" >latin1.txt &&
	test_expect_code 1 tmgloss terms -f latin1.txt 2>err &&
	grep "not UTF-8" err &&
	test_expect_code 2 tmgloss terms &&
	test_expect_code 2 tmgloss terms --format=xml x &&
	test_expect_code 1 tmgloss terms -f /nonexistent
'

test_expect_success 'two languages tie for the text: say so, ask for --src (issue 15)' '
	tmgloss --db tie.db gloss add ordinateur Rechner --src fr --tgt de &&
	tmgloss --db tie.db gloss add fichier Datei --src fr --tgt de &&
	test_expect_code 1 tmgloss --db tie.db terms "le fichier" >out 2>err &&
	test_must_be_empty out &&
	grep "de or in fr" err && grep -e "--src" err &&
	tmgloss --db tie.db terms --src fr --format=tsv "le fichier" >out &&
	grep "Datei" out
'

test_expect_success 'no tie once one language has more terms' '
	tmgloss --db tie.db gloss add disque Festplatte --src fr --tgt de &&
	tmgloss --db tie.db gloss add clavier keyboard --src fr --tgt en &&
	tmgloss --db tie.db terms --format=tsv "le fichier" >out &&
	grep "Datei" out
'

test_expect_success 'one span is listed once, with the translations of every concept (issue 11)' '
	tmgloss --db dup.db gloss add modèle 模型 --src fr --tgt zh &&
	tmgloss --db dup.db gloss add modèle 模特 --src fr --tgt zh-CN &&
	tmgloss --db dup.db terms --src fr --format=tsv "le modèle" >out &&
	test $(wc -l <out) -eq 1 &&
	tmgloss --db dup.db terms --src fr --format=json "le modèle" >out.json &&
	grep 模型 out.json && grep 模特 out.json
'

test_expect_success 'a draft from extract keeps its proposed status: terms marks it (issue 11)' '
	tmgloss --db draft.db import "$top_srcdir/demo/beijing-ai.fr-zh.tmx" >/dev/null &&
	tmgloss --db draft.db extract --min-freq 2 -o draft.tbx &&
	tmgloss --db draft.db import draft.tbx >/dev/null &&
	tmgloss --db draft.db terms --src fr --format=tsv "les laboratoires" >out &&
	printf "4\t16\tlaboratoires\tlaboratoires\t实验室\t\tproposed\n" >expect &&
	test_cmp expect out &&
	tmgloss --db draft.db terms --src fr "les laboratoires" >out &&
	grep "laboratoires  (proposed term)  → 实验室" out &&
	tmgloss --db draft.db terms --src fr --format=json "les laboratoires" >out &&
	grep "\"proposed\": true" out
'

test_expect_success 'a term the shipped glossary confirms is no longer proposed, its translation listed once' '
	tmgloss --db draft.db import "$top_srcdir/glossaries/ai.fr-zh.tbx" >/dev/null &&
	tmgloss --db draft.db terms --src fr --format=tsv "le grand modèle" >out &&
	test $(wc -l <out) -eq 1 &&
	cut -f 5,6,7 out >got &&
	printf "大模型\tpreferred\t\n" >expect &&
	test_cmp expect got &&
	tmgloss --db draft.db terms --src fr "le grand modèle" >out &&
	! grep proposed out &&
	test $(grep -o 大模型 out | wc -l) -eq 1 &&
	tmgloss --db draft.db terms --src fr --format=json "le grand modèle" >out &&
	grep "\"proposed\": false" out &&
	tmgloss terms --src fr --format=json "IA" | grep "\"proposed\": false"
'

test_expect_success 'terms: --header names the TSV columns first; none without it' '
	tmgloss terms --src fr --tgt zh --header --format=tsv "les grands modèles" >out &&
	printf "start\tend\tmatched\tterm\ttranslation\tstatus\tproposed\n" >expect &&
	printf "4\t18\tgrands modèles\tgrand modèle\t大模型\tpreferred\t\n" >>expect &&
	test_cmp expect out &&
	tmgloss terms --src fr --tgt zh --format=tsv "les grands modèles" >out &&
	sed 1d expect >expect-rows &&
	test_cmp expect-rows out
'

test_done
