#!/bin/sh
# tests/cli/memory-file.sh -- the memory file: only the commands that
# store create it, reading commands leave it as it was, and a memory that
# cannot be written is still searched, with the same answers.
. "$top_srcdir/tests/cli/test-lib.sh"

A="$DATA/good-two.tmx"
B="$DATA/fuzzy/match.fr-zh.tmx"

test_expect_success 'a reading command on a missing memory creates nothing' '
	for c in stats "match ville" "concord ville" "terms ville" \
		 "gloss list" index "export -o $TEST_DIR/x.tmx"; do
		test_expect_code 1 tmgloss --db "$TEST_DIR/nodir/m.db" $c \
			>out 2>err &&
		grep "nodir/m.db: there is no memory here" err || exit 1
	done &&
	test ! -e "$TEST_DIR/nodir" && test ! -e "$TEST_DIR/x.tmx" &&
	test_expect_code 1 tmgloss --db "$TEST_DIR/none.db" stats 2>err &&
	test ! -e "$TEST_DIR/none.db"
'

test_expect_success 'import and gloss add create the memory and its folder' '
	tmgloss --db "$TEST_DIR/new/a/m.db" import "$A" >out &&
	test -f "$TEST_DIR/new/a/m.db" &&
	tmgloss --db "$TEST_DIR/new/b/m.db" gloss add --src fr --tgt zh \
		ville 城市 >out &&
	test -f "$TEST_DIR/new/b/m.db"
'

test_expect_success 'reading commands do not change an indexed memory' '
	tmgloss import "$A" >out &&
	tmgloss import "$B" >out &&
	tmgloss index >out &&
	sha256sum "$TMGLOSS_DB" >before &&
	tmgloss stats >out &&
	tmgloss gloss list >out &&
	tmgloss match "La ville compte 23 laboratoires." >out &&
	tmgloss concord ville >out &&
	sha256sum "$TMGLOSS_DB" >after &&
	test_cmp before after
'

# terms files the packed copy of its term index for a language pair the
# first time it is asked (an index brought up to date); then no more.
test_expect_success 'terms writes nothing once its index is filed' '
	tmgloss terms "la ville" >out &&
	sha256sum "$TMGLOSS_DB" >before &&
	tmgloss terms "la ville" >out &&
	tmgloss terms --src fr "la capitale" >out &&
	sha256sum "$TMGLOSS_DB" >after &&
	test_cmp before after
'

test_done
