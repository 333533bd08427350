#!/bin/sh
# terms-packed.sh -- the term finder's packed index (term_index_packed) is
# written by the first `terms` run and never outlives a change to the
# glossary: an import that adds terms, a removal.
. "$top_srcdir/tests/cli/test-lib.sh"

packed_rows() {
	sqlite3 "$TMGLOSS_DB" "SELECT count(*) FROM term_index_packed"
}

test_expect_success 'setup: a glossary of two concepts' '
	printf "fr\tzh-CN\nmodèle de fondation\t基础模型\nagent conversationnel\t对话代理\n" >one.tsv &&
	tmgloss import -q one.tsv
'

test_expect_success SQLITE3 'the first run files the rows, the next reads them' '
	tmgloss terms --src fr --format=tsv "un modèle de fondation" >out1 &&
	cut -f4,5 out1 >got && printf "modèle de fondation\t基础模型\n" >expect &&
	test_cmp expect got &&
	test "$(packed_rows)" = 1 &&
	tmgloss terms --src fr --format=tsv "un modèle de fondation" >out2 &&
	test_cmp out1 out2
'

test_expect_success SQLITE3 'Chinese texts file their own rows' '
	tmgloss terms --src zh --format=tsv "基础模型与对话代理" >out &&
	cut -f4 out >got && printf "基础模型\n对话代理\n" >expect &&
	test_cmp expect got &&
	test "$(packed_rows)" = 2
'

test_expect_success SQLITE3 'an import that changes nothing keeps them' '
	tmgloss import -q one.tsv &&
	test "$(packed_rows)" = 2
'

test_expect_success SQLITE3 'an import empties them: a new term is found' '
	printf "fr\tzh-CN\nmodèles du monde\t世界模型\n" >two.tsv &&
	tmgloss import -q two.tsv &&
	test "$(packed_rows)" = 0 &&
	tmgloss terms --src fr --format=tsv "des modèles du monde" >out &&
	cut -f4 out >got && printf "modèles du monde\n" >expect &&
	test_cmp expect got
'

test_expect_success SQLITE3 'a removal empties them: the term is gone' '
	tmgloss terms --src fr --format=tsv "agent conversationnel" >before &&
	test -s before &&
	test "$(packed_rows)" = 1 &&
	tmgloss gloss remove "agent conversationnel" &&
	test "$(packed_rows)" = 0 &&
	tmgloss terms --src fr --format=tsv "agent conversationnel" >after &&
	test_must_be_empty after
'

test_expect_success SQLITE3 'rows written by another layout are read again from term_index' '
	sqlite3 "$TMGLOSS_DB" "INSERT OR REPLACE INTO term_index_packed VALUES ('"'"'fr'"'"', x'"'"'00'"'"')" &&
	tmgloss terms --src fr --format=tsv "un modèle de fondation" >out &&
	cut -f4 out >got && printf "modèle de fondation\n" >expect &&
	test_cmp expect got
'

test_done
