#!/bin/sh
# suggest.sh -- tmgloss suggest on the demo memory (the Beijing AI article).
. "$top_srcdir/tests/cli/test-lib.sh"

DEMO="$top_srcdir/demo/beijing-ai.fr-zh.tmx"

# The first translation suggested for $1.
first_suggestion () {
	tmgloss suggest --format=tsv "$1" | head -n 1 | cut -f 2
}

test_expect_success 'import the demo memory' '
	tmgloss import "$DEMO" >/dev/null
'

test_expect_success '具身智能 is first translated as "intelligence incarnée"' '
	tmgloss suggest --format=tsv 具身智能 >out &&
	head -n 1 out | cut -f 2 >first &&
	echo "intelligence incarnée" >expect &&
	test_cmp expect first &&
	head -n 1 out | cut -f 4 | grep -x memory
'

test_expect_success '"intelligence incarnée" is first translated as 具身智能' '
	first_suggestion "intelligence incarnée" >first &&
	echo 具身智能 >expect &&
	test_cmp expect first
'

test_expect_success 'no suggestion cuts a Chinese word (issue 11)' '
	tmgloss suggest --format=tsv --max 40 "stratégie prospective" >out &&
	tmgloss suggest --format=tsv --max 40 abrite >>out &&
	tmgloss suggest --format=tsv --max 40 monde >>out &&
	tmgloss suggest --format=tsv --max 40 "intelligence artificielle" >>out &&
	! cut -f 2 out | grep -x -e 北京将前瞻布局具 -e 前瞻布局具 \
		-e 拥有全国重点实验 -e 全球首 -e 家人工智能
'

test_expect_success 'an inflected French form finds the same units' '
	first_suggestion "intelligences incarnées" >first &&
	echo 具身智能 >expect &&
	test_cmp expect first
'

test_expect_success 'TSV lines have four fields and the units are counted' '
	tmgloss suggest --format=tsv --max 3 人工智能 >out &&
	test $(wc -l <out) -eq 3 &&
	awk -F "\t" "NF != 4 || \$3 < 1 { exit 1 }" out
'

test_expect_success 'text output shows example pairs' '
	tmgloss suggest 具身智能 >out &&
	grep "intelligence incarnée" out &&
	grep 具身智能 out
'

test_expect_success 'JSON output names the languages' '
	tmgloss suggest --format=json 具身智能 >out &&
	grep "\"source_lang\": \"zh\"" out &&
	grep "\"translation\": \"intelligence incarnée\"" out
'

test_expect_success 'a term absent from the memory gives no candidate' '
	tmgloss suggest --format=tsv "pomme de terre" >out &&
	test ! -s out
'

test_expect_success 'no term is a usage error' '
	test_expect_code 2 tmgloss suggest
'

test_expect_success 'a bad --max is a usage error' '
	test_expect_code 2 tmgloss suggest --max 0 fichier
'

test_expect_success 'a bad language tag is a usage error' '
	test_expect_code 2 tmgloss suggest --src "!!" fichier
'

test_expect_success 'the glossary translation comes first, marked glossary' '
	tmgloss gloss add "intelligence incarnée" "具身人工智能" \
		--src fr --tgt zh-CN >/dev/null &&
	tmgloss suggest --format=tsv --max 3 "intelligences incarnées" >out &&
	printf "glossary\t具身人工智能\t0\tglossary\n" >expect &&
	head -n 1 out >first &&
	test_cmp expect first &&
	sed -n 2p out | cut -f 2,4 >second &&
	printf "具身智能\tmemory\n" >expect &&
	test_cmp expect second &&
	test $(wc -l <out) -eq 3
'

test_expect_success 'a glossary translation the memory has keeps its units, once' '
	tmgloss gloss add "intelligence artificielle" "人工智能" \
		--src fr --tgt zh-CN >/dev/null &&
	tmgloss suggest --format=tsv "intelligence artificielle" >out &&
	head -n 1 out | cut -f 2,4 >first &&
	printf "人工智能\tglossary\n" >expect &&
	test_cmp expect first &&
	test $(head -n 1 out | cut -f 3) -ge 10 &&
	test $(cut -f 2 out | grep -cx 人工智能) -eq 1
'

test_expect_success 'the glossary works the other way too (zh -> fr)' '
	tmgloss suggest --format=tsv --max 2 具身人工智能 >out &&
	head -n 1 out | cut -f 2,4 >first &&
	printf "intelligence incarnée\tglossary\n" >expect &&
	test_cmp expect first
'

test_expect_success 'a glossary term the memory lacks is still answered from the glossary' '
	printf "fr\tzh-CN\nmodèle massif\t巨模型\n" >old.tsv &&
	tmgloss import old.tsv >/dev/null &&
	tmgloss suggest --format=tsv "modèle massif" >out &&
	head -n 1 out | cut -f 4 | grep -x glossary
'

test_expect_success 'a glossary row says its origin, not a fake 0.00 score (issue 11)' '
	tmgloss suggest --format=tsv "modèle massif" >out &&
	head -n 1 out | cut -f 1 >origin &&
	echo old.tsv >expect && test_cmp expect origin &&
	tmgloss suggest "modèle massif" >out &&
	grep "巨模型  \[glossary: old.tsv; not in the memory\]" out &&
	tmgloss suggest --format=json "modèle massif" >out &&
	grep "\"score\": null" out && grep "\"origin\": \".*old.tsv\"" out &&
	! grep "\"score\": 0.00" out &&
	tmgloss suggest --format=json "intelligences incarnées" >out &&
	grep "\"origin\": null" out
'

# The demo's units $1 to $2, as a TMX file of their own.
demo_units () {
	awk -v lo="$1" -v hi="$2" "
		/<tu[ >]/ { n++ }
		/<\/body>/ { inbody = 0 }
		!inbody || (n >= lo && n <= hi) { print }
		/<body>/ { inbody = 1 }" "$DEMO"
}

# suggest on memory $1 (other options after it) for a few terms, as JSON.
suggest_some () {
	db=$1
	shift
	for q in "intelligence artificielle" 具身智能 laboratoires \
		"grand modèle" monde 人工智能; do
		tmgloss --db "$db" "$@" suggest --format=json "$q" || return 1
	done
}

test_lazy_prereq UNWRITABLE_FILE '
	echo x >unwritable && chmod 444 unwritable &&
	! { echo y >>unwritable; } 2>/dev/null
'

test_expect_success 'a read-only memory: the units not indexed are counted, as once indexed (issue 11)' '
	demo_units 1 30 >first.tmx && demo_units 31 44 >second.tmx &&
	tmgloss --db rw.db import first.tmx >/dev/null &&
	suggest_some rw.db >half.out &&
	cp rw.db ro.db &&
	tmgloss --db rw.db import second.tmx >/dev/null &&
	tmgloss --db ro.db import second.tmx >/dev/null &&
	cksum <ro.db >sum.before &&
	suggest_some rw.db >rw.out &&
	suggest_some ro.db --read-only >ro.out 2>err &&
	test_must_be_empty err &&
	test_cmp rw.out ro.out &&
	! cmp -s half.out ro.out &&
	cksum <ro.db >sum.after &&
	test_cmp sum.before sum.after
'

test_expect_success UNWRITABLE_FILE 'a memory file of mode 444 likewise' '
	cp ro.db ro444.db && chmod 444 ro444.db &&
	suggest_some ro444.db >ro444.out &&
	test_cmp rw.out ro444.out
'

test_expect_success 'suggest: --header names the TSV columns first; none without it' '
	tmgloss suggest --header --format=tsv 具身智能 >out &&
	printf "score\ttranslation\tunits\tfrom\n" >expect &&
	head -n 1 out >got &&
	test_cmp expect got &&
	tmgloss suggest --format=tsv 具身智能 >plain &&
	sed 1d out >rows &&
	test_cmp rows plain &&
	! grep "^score	" plain
'

test_done
