#!/bin/sh
# extract.sh -- tmgloss extract on the demo memory: a draft glossary that
# validates as TBX v2 and imports back.
. "$top_srcdir/tests/cli/test-lib.sh"

DEMO="$top_srcdir/demo/beijing-ai.fr-zh.tmx"
DTD="$DATA/dtd/openxliff/TBXcoreStructV02.dtd"

test_expect_success 'import the demo memory' '
	tmgloss import "$DEMO" >/dev/null
'

test_expect_success 'extract writes a TSV draft with intelligence artificielle' '
	tmgloss extract --min-freq 2 --format=tsv -o draft.tsv &&
	grep "^intelligence artificielle	人工智能	" draft.tsv &&
	awk -F "\t" "NF != 5 || \$3 <= 0 || \$3 > 1 { exit 1 }" draft.tsv
'

test_expect_success 'a part translated like its whole is left out' '
	grep "^grand modèle	大模型	" draft.tsv &&
	! grep "^modèle	" draft.tsv &&
	! grep "^grand	" draft.tsv
'

test_expect_success 'no translation cuts a Chinese word (issue 11)' '
	! cut -f 2 draft.tsv |
	  grep -x -e 拥有全国重点实验 -e 全球首 -e 北京将前瞻布局具 \
		-e 家人工智能 -e 家人工智能领域 &&
	grep "^abrite	全国重点实验室	" draft.tsv &&
	grep "^laboratoires	实验室	" draft.tsv
'

test_expect_success 'terms are phrases: no number inside, at most three words' '
	! grep "^Beijing abrite 21 laboratoires" draft.tsv &&
	! grep "新增算力8620P" draft.tsv &&
	! cut -f 1 draft.tsv | grep "[^ ] [^ ]* [^ ]* [^ ]* [^ ]* [^ ]"
'

test_expect_success 'extract writes TBX entries marked as proposed' '
	tmgloss extract --min-freq 2 -o draft.tbx &&
	grep -c "<termEntry" draft.tbx >n &&
	test $(cat n) -ge 3 &&
	grep "proposed by tmgloss extract" draft.tbx &&
	grep "provisionallyProcessed" draft.tbx
'

test_expect_success XMLLINT 'the TBX draft is valid against TBXcoreStructV02.dtd' '
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" draft.tbx
'

test_expect_success 'the draft imports cleanly as a glossary' '
	tmgloss import draft.tbx >out 2>err &&
	test ! -s err &&
	tmgloss gloss list --format=tsv >gloss.tsv &&
	grep 人工智能 gloss.tsv
'

test_expect_success 'an empty memory gives an error, not an empty file' '
	test_expect_code 1 tmgloss --db empty.db extract -o none.tbx
'

test_expect_success 'a bad --min-freq is a usage error' '
	test_expect_code 2 tmgloss extract --min-freq 1
'

# The demo's units $1 to $2, as a TMX file of their own.
demo_units () {
	awk -v lo="$1" -v hi="$2" "
		/<tu[ >]/ { n++ }
		/<\/body>/ { inbody = 0 }
		!inbody || (n >= lo && n <= hi) { print }
		/<body>/ { inbody = 1 }" "$DEMO"
}

test_lazy_prereq UNWRITABLE_FILE '
	echo x >unwritable && chmod 444 unwritable &&
	! { echo y >>unwritable; } 2>/dev/null
'

test_expect_success 'a read-only memory: the draft counts the units not indexed, as once indexed (issue 11)' '
	demo_units 1 30 >first.tmx && demo_units 31 44 >second.tmx &&
	tmgloss --db rw.db import first.tmx >/dev/null &&
	tmgloss --db rw.db extract --min-freq 2 --format=tsv -o half.tsv &&
	cp rw.db ro.db &&
	tmgloss --db rw.db import second.tmx >/dev/null &&
	tmgloss --db ro.db import second.tmx >/dev/null &&
	cksum <ro.db >sum.before &&
	tmgloss --db rw.db extract --min-freq 2 --format=tsv -o rw.tsv &&
	tmgloss --db ro.db --read-only extract --min-freq 2 --format=tsv \
		-o ro.tsv 2>err &&
	test_must_be_empty err &&
	test_cmp rw.tsv ro.tsv &&
	! cmp -s half.tsv ro.tsv &&
	cksum <ro.db >sum.after &&
	test_cmp sum.before sum.after
'

test_expect_success UNWRITABLE_FILE 'a memory file of mode 444 likewise' '
	cp ro.db ro444.db && chmod 444 ro444.db &&
	tmgloss --db ro444.db extract --min-freq 2 --format=tsv -o ro444.tsv &&
	test_cmp rw.tsv ro444.tsv
'

test_expect_success 'extract: --header names the TSV columns of the file; none without it' '
	tmgloss extract --min-freq 2 --header --format=tsv -o head.tsv &&
	printf "source\ttarget\tconfidence\tunits\tsource_units\n" >expect &&
	head -n 1 head.tsv >got &&
	test_cmp expect got &&
	tmgloss extract --min-freq 2 --format=tsv -o plain.tsv &&
	sed 1d head.tsv >rows &&
	test_cmp rows plain.tsv &&
	tmgloss extract --min-freq 2 --header --format=tsv >stdout.tsv &&
	test_cmp head.tsv stdout.tsv &&
	test_expect_code 2 tmgloss extract --format=csv 2>err &&
	grep csv err
'

test_done
