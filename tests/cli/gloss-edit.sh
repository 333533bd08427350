#!/bin/sh
# gloss-edit.sh -- looking after a glossary: gloss add --concept, gloss
# edit, gloss remove --origin and --dry-run, and duplicates across
# language tags.
. "$top_srcdir/tests/cli/test-lib.sh"
GLOSSARY="$top_srcdir/glossaries/ai.fr-zh.tbx"

# concept N: the concept number of French term $1, as list shows it
concept () {
	tmgloss gloss list --lang fr --format=tsv | awk -F'	' -v t="$1" '$2 == t { print $1 }'
}

test_expect_success 'import the shipped glossary (zh-CN)' '
	tmgloss import "$GLOSSARY" >out &&
	grep "123 added" out &&
	concept "jumeau numérique" >n && test -s n
'

test_expect_success 'gloss add --tgt zh finds the zh-CN concept: a duplicate' '
	tmgloss gloss add "jumeau numérique" 数字孪生 --src fr --tgt zh >out &&
	echo "already in the glossary: concept #$(cat n)" >expect &&
	test_cmp expect out &&
	tmgloss gloss add "jumeau numérique" 数字孪生 --src fr-FR --tgt zh-Hans >out &&
	test_cmp expect out &&
	tmgloss stats --format=tsv >stats &&
	grep "^concepts	123$" stats
'

test_expect_success 'a traditional-Chinese tag is another term, not a duplicate' '
	tmgloss --db tw.db import "$GLOSSARY" >/dev/null &&
	tmgloss --db tw.db gloss add "jumeau numérique" 数字孪生 --src fr \
		--tgt zh-TW >out &&
	grep "^added concept #124$" out
'

test_expect_success 'gloss add --concept N adds a synonym and a translation' '
	tmgloss gloss add --concept "$(cat n)" "double numérique" --src fr >out &&
	echo "1 term added to concept #$(cat n)" >expect &&
	test_cmp expect out &&
	tmgloss gloss add --concept "$(cat n)" "double numérique" 数码孪生 \
		--src fr --tgt zh >out &&
	grep "^1 term added" out &&
	tmgloss gloss add --concept "$(cat n)" "double numérique" --src fr >out &&
	grep "has these terms already" out &&
	tmgloss gloss list --lang fr --format=tsv >list &&
	grep "^$(cat n)	double numérique	.*数码孪生" list &&
	tmgloss terms --src fr --format=tsv "un double numérique" >hits &&
	grep "数字孪生" hits &&
	tmgloss stats --format=tsv >stats && grep "^concepts	123$" stats
'

test_expect_success 'gloss add --concept: an unknown concept is an error, bad usage 2' '
	test_expect_code 1 tmgloss gloss add --concept 999 x --src fr 2>err &&
	grep "no concept #999" err &&
	test_expect_code 2 tmgloss gloss add --concept x y --src fr &&
	test_expect_code 2 tmgloss gloss add --concept 1 y &&
	test_expect_code 2 tmgloss gloss add --concept 1 y --src fr --tgt zh &&
	test_expect_code 2 tmgloss gloss add --concept 1 y --src fr --note n
'

test_expect_success 'gloss edit changes a term, its status and the concept note' '
	tmgloss gloss edit "$(cat n)" --lang fr --term "DOUBLE NUMERIQUE" \
		--to "double digital" >out &&
	echo "concept #$(cat n) changed" >expect && test_cmp expect out &&
	tmgloss gloss edit "$(cat n)" --term "double digital" \
		--status deprecated >out &&
	tmgloss gloss edit "$(cat n)" --note "voir aussi : jumelage" >out &&
	tmgloss gloss export -o g.tbx &&
	test $(grep -c "alimentée par ses données réelles" g.tbx) -eq 1 &&
	tmgloss gloss edit "$(cat n)" --lang fr \
		--definition "Réplique numérique d'\''un objet." >out &&
	tmgloss gloss list --lang fr --format=tsv >list &&
	grep "^$(cat n)	double digital	deprecated	" list &&
	! grep "double numérique" list &&
	tmgloss terms --src fr --format=tsv "le double digital" >hits &&
	grep "double digital" hits &&
	tmgloss gloss export --format=tsv --src fr --tgt zh -o g.tsv &&
	grep "^double digital	数字孪生	voir aussi : jumelage$" g.tsv &&
	tmgloss gloss export -o g.tbx &&
	grep "Réplique numérique d.un objet.<" g.tbx &&
	! grep "alimentée par ses données réelles" g.tbx &&
	tmgloss gloss edit "$(cat n)" --note "" &&
	tmgloss gloss edit "$(cat n)" --lang fr --definition "" &&
	tmgloss gloss export -o g.tbx &&
	! grep "Réplique numérique d.un objet.<" g.tbx && ! grep jumelage g.tbx
'

test_expect_success 'gloss edit: no such concept or term changes nothing (exit 1)' '
	tmgloss gloss add --concept "$(cat n)" "Double Digital" --src fr-CA &&
	tmgloss gloss export -o before.tbx &&
	test_expect_code 1 tmgloss gloss edit 999 --note x 2>err &&
	grep "no concept #999" err &&
	test_expect_code 1 tmgloss gloss edit "$(cat n)" --term nope \
		--to x --note y 2>err &&
	grep "has no term .nope." err &&
	test_expect_code 1 tmgloss gloss edit "$(cat n)" --term "double DIGITAL" \
		--to x 2>err &&
	grep "give its language with --lang" err &&
	tmgloss gloss export -o after.tbx &&
	test_cmp before.tbx after.tbx &&
	tmgloss gloss edit "$(cat n)" --term "Double Digital" --to "jumeau" &&
	tmgloss gloss edit "$(cat n)" --lang fr-FR --term "double DIGITAL" \
		--to "double numérique" --status admitted &&
	tmgloss gloss list --lang fr --format=tsv >list &&
	grep "^$(cat n)	double numérique	admitted	" list &&
	grep "^$(cat n)	jumeau		" list
'

test_expect_success 'gloss edit: bad usage exits 2' '
	test_expect_code 2 tmgloss gloss edit &&
	test_expect_code 2 tmgloss gloss edit x --note y &&
	test_expect_code 2 tmgloss gloss edit 1 &&
	test_expect_code 2 tmgloss gloss edit 1 --to x &&
	test_expect_code 2 tmgloss gloss edit 1 --term a --status best
'

test_expect_success 'gloss remove --dry-run says what would go and changes nothing' '
	tmgloss gloss export -o before.tbx &&
	tmgloss gloss remove --dry-run "jumeau numérique" >out &&
	echo "1 concept would be removed" >expect && test_cmp expect out &&
	tmgloss gloss remove --dry-run --concept "$(cat n)" >out &&
	test_cmp expect out &&
	test_expect_code 1 tmgloss gloss remove --dry-run --concept 999 >out 2>err &&
	grep "no concept #999" err &&
	tmgloss gloss remove --dry-run --origin ai.fr-zh.tbx >out &&
	echo "123 concepts would be removed" >expect && test_cmp expect out &&
	tmgloss gloss export -o after.tbx &&
	test_cmp before.tbx after.tbx
'

test_expect_success 'gloss remove --origin removes the concepts of that file only' '
	tmgloss gloss add "réseau antagoniste génératif" 生成对抗网络 \
		--src fr --tgt zh >/dev/null &&
	printf "fr\tzh-CN\npuce\t芯片\ncarte\t卡\n" >mine.tsv &&
	tmgloss import mine.tsv >/dev/null &&
	test_expect_code 1 tmgloss gloss remove --origin nope.tbx 2>err &&
	grep "nope.tbx" err &&
	tmgloss gloss remove --origin glossaries/ai.fr-zh.tbx >out &&
	echo "123 concepts removed" >expect && test_cmp expect out &&
	tmgloss gloss list --lang fr --format=tsv | cut -f2 | sort >left &&
	printf "carte\npuce\nréseau antagoniste génératif\n" >expect &&
	test_cmp expect left &&
	tmgloss gloss remove --origin mine.tsv >out &&
	grep "^2 concepts removed$" out &&
	tmgloss terms --src fr --format=tsv "une puce et un jumeau numérique" >hits &&
	test_must_be_empty hits &&
	test_expect_code 2 tmgloss gloss remove --origin mine.tsv puce &&
	test_expect_code 2 tmgloss gloss remove --origin mine.tsv --concept 1
'

test_done
