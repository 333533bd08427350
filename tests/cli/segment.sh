#!/bin/sh
# segment.sh -- tmgloss segment: sentences (ICU and SRX), tokens, formats,
# errors and exit codes.
. "$top_srcdir/tests/cli/test-lib.sh"

printf '%s\n' \
"M. Dupont est là. Il a vu p. ex. des chats, etc. Ensuite il part." \
"Une phrase coupée" "sur deux lignes." "" \
"« Bonjour. » Fin." > "$TEST_DIR/fr.txt"
printf '%s' '北京是首都。它很大！真的吗？是的；当然……他说：“好。”然后走了。' \
	> "$TEST_DIR/zh.txt"

test_expect_success 'French sentences, one per line' '
	cat >expect <<-\EOF &&
	M. Dupont est là.
	Il a vu p. ex. des chats, etc.
	Ensuite il part.
	Une phrase coupée sur deux lignes.
	« Bonjour. »
	Fin.
	EOF
	tmgloss segment --lang fr fr.txt >out &&
	test_cmp expect out
'

test_expect_success 'words ending like an abbreviation ("nationaux.") end sentences' '
	for i in 1 2 3; do
		echo "Beijing abrite $i laboratoires clés nationaux."
	done >labs.txt &&
	echo "Les travaux. Des faux. Voir la fig. Deux. Voir M. Dupont." >>labs.txt &&
	cat >expect <<-\EOF &&
	Beijing abrite 1 laboratoires clés nationaux.
	Beijing abrite 2 laboratoires clés nationaux.
	Beijing abrite 3 laboratoires clés nationaux.
	Les travaux.
	Des faux.
	Voir la fig. Deux.
	Voir M. Dupont.
	EOF
	tmgloss segment --lang fr labs.txt >out &&
	test_cmp expect out
'

test_expect_success 'standard input and "-" are the same' '
	tmgloss segment --lang fr <fr.txt >out1 &&
	tmgloss segment --lang fr - <fr.txt >out2 &&
	test_cmp out1 out2 &&
	test $(wc -l <out1) = 6
'

test_expect_success 'Chinese sentences end at 。！？；and …' '
	cat >expect <<-\EOF &&
	北京是首都。
	它很大！
	真的吗？
	是的；
	当然……
	他说：“好。”
	然后走了。
	EOF
	tmgloss segment --lang zh-CN zh.txt >out &&
	test_cmp expect out
'

test_expect_success 'tsv gives paragraph and offsets in code points and bytes' '
	printf "Été. À bientôt.\n\nFin." | tmgloss segment --lang fr --format=tsv --header >out &&
	cat >expect <<-\EOF &&
	paragraph	start	end	byte_start	byte_end	sentence
	0	0	4	0	6	Été.
	0	5	15	7	19	À bientôt.
	1	17	21	21	25	Fin.
	EOF
	test_cmp expect out
'

test_expect_success 'json output' '
	printf "Un. Deux." | tmgloss segment --lang fr --format=json >out &&
	grep -F "\"text\": \"Un.\"" out &&
	grep -F "{\"paragraph\": 0, \"start\": 4, \"end\": 9, \"byte_start\": 4, \"byte_end\": 9, \"text\": \"Deux.\"}" out &&
	test "$(head -c 1 out)" = "["
'

test_expect_success '--words shows the tokens the matcher sees' '
	printf "l’intelligence incarnée : 8 620 P" |
		tmgloss segment --lang fr --words >out &&
	printf "%s\n" "l’" intelligence incarnée : "8 620" P >expect &&
	test_cmp expect out
'

test_expect_success '--words --format=tsv gives kind, offsets and key' '
	printf "L’IA 8 620 \357\277\274" |
		tmgloss segment --lang fr --words --fold-accents --format=tsv \
			--header >out &&
	cat >expect <<-\EOF &&
	token	kind	start	end	byte_start	byte_end	key
	L’	word	0	2	0	4	l'"'"'
	IA	word	2	4	4	6	ia
	8 620	number	5	10	7	12	8620
	￼	tag	11	12	13	16	￼
	EOF
	test_cmp expect out
'

test_expect_success '--words: Chinese characters one by one, or dictionary words' '
	printf "首个64卡" | tmgloss segment --lang zh --words >out &&
	printf "%s\n" 首 个 64 卡 >expect &&
	test_cmp expect out &&
	printf "北京人工智能" | tmgloss segment --lang zh --words=terms >out &&
	printf "%s\n" 北京 人工 智能 >expect &&
	test_cmp expect out
'

test_expect_success '--fold-traditional shows Simplified keys' '
	printf "類腦智能" |
		tmgloss segment --lang zh-TW --words --fold-traditional --format=json >out &&
	grep -F "\"token\": \"類\"" out &&
	grep -F "\"key\": \"类\"" out &&
	grep -F "\"key\": \"脑\"" out
'

test_expect_success 'empty and blank input give nothing' '
	: | tmgloss segment --lang fr >out &&
	test_must_be_empty out &&
	printf "  \n\n\t\n" | tmgloss segment --lang fr >out &&
	test_must_be_empty out &&
	: | tmgloss segment --lang fr --format=json >out &&
	test "$(cat out)" = "[]"
'

test_expect_success 'a UTF-8 BOM is skipped' '
	printf "\357\273\277Un. Deux." | tmgloss segment --lang fr >out &&
	printf "Un.\nDeux.\n" >expect &&
	test_cmp expect out
'

test_expect_success 'invalid UTF-8 is an error naming file:line:column' '
	printf "Bon.\nCaf\351 cr\350me." >latin1.txt &&
	test_expect_code 1 tmgloss segment --lang fr latin1.txt 2>err >out &&
	grep -F "latin1.txt:2:4: invalid UTF-8 (byte 0xE9 at offset 8)" err &&
	test_must_be_empty out
'

test_expect_success 'a NUL byte is an error' '
	printf "Un.\000Deux." >nul.txt &&
	test_expect_code 1 tmgloss segment nul.txt 2>err &&
	grep -F "nul.txt:1:4: NUL byte" err
'

test_expect_success 'bad usage exits with 2' '
	test_expect_code 2 tmgloss segment --lang xx-!! fr.txt 2>err &&
	grep -F "not a valid language tag" err &&
	test_expect_code 2 tmgloss segment --format=xml fr.txt &&
	test_expect_code 2 tmgloss segment --words=foo fr.txt &&
	test_expect_code 2 tmgloss segment --bogus fr.txt &&
	test_expect_code 2 tmgloss segment fr.txt zh.txt &&
	test_expect_code 2 tmgloss segment --words --srx x.srx fr.txt &&
	test_expect_code 2 tmgloss segment --lang
'

test_expect_success 'a missing file exits with 1' '
	test_expect_code 1 tmgloss segment no-such.txt 2>err &&
	grep -F "no-such.txt: cannot open" err
'

test_expect_success '--help' '
	tmgloss segment --help >out &&
	grep -F -- "--srx=FILE" out
'

# OmegaT's French rules take "part." for an abbreviation (partie) and
# know nothing of French spacing before »
test_expect_success 'SRX 2.0 (OmegaT): French and Chinese rules' '
	tmgloss segment --lang fr --srx "$DATA/srx/omegat/defaultRules.srx" fr.txt >out &&
	cat >expect <<-\EOF &&
	M. Dupont est là.
	Il a vu p. ex. des chats, etc.
	Ensuite il part. Une phrase coupée sur deux lignes.
	« Bonjour. » Fin.
	EOF
	test_cmp expect out &&
	tmgloss segment --lang zh --srx "$DATA/srx/omegat/defaultRules.srx" zh.txt >out &&
	cat >expect <<-\EOF &&
	北京是首都。
	它很大！
	真的吗？
	是的；当然……他说：“好。”然后走了。
	EOF
	test_cmp expect out
'

test_expect_success 'SRX 1.0 (Heartsome): maprule and language rules' '
	tmgloss segment --lang zh-CN --srx "$DATA/srx/heartsome/default_rules.srx" \
		--format=tsv zh.txt >out &&
	grep -F "是的；" out &&
	test $(wc -l <out) -gt 5
'

test_expect_success 'SRX from OpenXLIFF and Okapi' '
	tmgloss segment --lang fr --srx "$DATA/srx/openxliff/default.srx" fr.txt >out &&
	grep -F "Ensuite il part." out &&
	printf "Mr. Holmes is from the U.K. Is Dr. Watson? Yes." |
		tmgloss segment --lang en --srx "$DATA/srx/okapi/sample20.srx" >out &&
	printf "%s\n" "Mr. Holmes is from the U.K. Is Dr. Watson? Yes." >expect &&
	test_cmp expect out
'

test_expect_success 'SRX from Okapi: the ICU4J rules and the default rules' '
	for f in okapi_default_icu4j.srx defaultSegmentation.srx; do
		tmgloss segment --lang fr --srx "$DATA/srx/okapi/$f" fr.txt >out &&
		grep -F "Ensuite il part." out || return 1
	done
'

test_expect_success 'bad SRX files are errors with file:line' '
	test_expect_code 1 tmgloss segment --srx "$DATA/srx/bad/bad-regex.srx" fr.txt 2>err &&
	grep "bad-regex.srx:7: rule: ICU cannot compile" err &&
	test_expect_code 1 tmgloss segment --srx "$DATA/srx/bad/not-srx.xml" fr.txt 2>err &&
	grep "not-srx.xml:2: not an SRX file" err &&
	test_expect_code 1 tmgloss segment --srx "$DATA/srx/bad/truncated.srx" fr.txt 2>err &&
	grep "truncated.srx:[0-9]*: " err &&
	test_expect_code 1 tmgloss segment --srx no-such.srx fr.txt 2>err &&
	grep "no-such.srx: cannot open" err
'

test_expect_success 'an SRX external entity is refused, never read, as in TMX' '
	printf "Fin. Suite." >in.txt &&
	test_expect_code 1 tmgloss segment \
		--srx "$DATA/srx/bad/external-entity.srx" in.txt >out 2>err &&
	! grep -q "root:" out err &&
	grep "external-entity.srx:12: the file refers to an external entity" err
'

test_expect_success 'an SRX rule that backtracks without end is stopped, with its line' '
	printf "Fin. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" >bt.txt &&
	test_expect_code 1 tmgloss segment \
		--srx "$DATA/srx/bad/backtracking.srx" bt.txt 2>err &&
	grep "backtracking.srx:11: this rule.s regular expression takes too long" err
'

test_done
