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

# A memory that cannot be written: --read-only (root writes any file), or
# a file of mode 444 for another user.
test_lazy_prereq NOT_ROOT '
	test "$(id -u)" != 0
'

test_expect_success 'a read-only memory with its indexes up to date answers' '
	sha256sum "$TMGLOSS_DB" >before &&
	tmgloss --read-only stats >out &&
	grep "^Units" out &&
	tmgloss --read-only match "Beijing abrite 21 laboratoires clés nationaux." >out &&
	grep "北京拥有21家全国重点实验室" out &&
	tmgloss --read-only concord ville >out &&
	tmgloss --read-only terms "la ville" >out &&
	tmgloss --read-only gloss list >out &&
	tmgloss --read-only suggest ville >out &&
	sha256sum "$TMGLOSS_DB" >after &&
	test_cmp before after
'

test_expect_success 'set up: units not yet indexed, in a copy' '
	tmgloss --db pending.db import "$A" >out &&
	tmgloss --db pending.db index >out &&
	tmgloss --db pending.db import "$B" >out &&
	cp pending.db ro.db &&
	tmgloss --db ro.db stats --format=tsv >out &&
	grep -v "^unindexed	0$" out | grep "^unindexed	" &&
	sha256sum ro.db >ro-before
'

test_expect_success 'read-only match: the index plus the units not yet indexed' '
	for q in "La ville compte 23 laboratoires d'"'"'intelligence." \
		 "Beijing abrite 21 laboratoires nationaux." \
		 "Impossible d'"'"'ouvrir le fichier."; do
		tmgloss --db ro.db --read-only match --format=tsv "$q" \
			>"ro-$q" &&
		tmgloss --db pending.db match --format=tsv "$q" >"rw-$q" &&
		test -s "rw-$q" &&
		test_cmp "rw-$q" "ro-$q" || exit 1
	done &&
	tmgloss --db ro.db --read-only match --format=tsv --src zh \
		"该市拥有23家人工智能实验室。" >ro-zh &&
	tmgloss --db pending.db match --format=tsv --src zh \
		"该市拥有23家人工智能实验室。" >rw-zh &&
	test -s rw-zh && test_cmp rw-zh ro-zh
'

test_expect_success 'read-only concord: the same hits in the same order' '
	for q in ville laboratoires "intelligence artificielle"; do
		tmgloss --db ro.db --read-only concord --format=tsv "$q" \
			>"ro-$q" &&
		tmgloss --db pending.db concord --format=tsv "$q" >"rw-$q" &&
		test -s "rw-$q" &&
		test_cmp "rw-$q" "ro-$q" || exit 1
	done &&
	sha256sum ro.db >ro-after &&
	test_cmp ro-before ro-after
'

test_expect_success 'read-only suggest answers as indexed; index says why (exit 1)' '
	tmgloss --db ro.db --read-only suggest --format=tsv ville >ro-ville &&
	tmgloss --db pending.db suggest --format=tsv ville >rw-ville &&
	test -s rw-ville && test_cmp rw-ville ro-ville &&
	test_expect_code 1 tmgloss --db ro.db --read-only index 2>err &&
	grep "not up to date and the memory is read-only" err &&
	! grep -i "attempt to write" err
'

test_expect_success NOT_ROOT 'a memory of mode 444 is searched, not written' '
	cp ro.db ro444.db && chmod 444 ro444.db &&
	tmgloss --db ro444.db stats >out &&
	tmgloss --db ro444.db match --format=tsv \
		"Beijing abrite 21 laboratoires nationaux." >out &&
	test_cmp rw-Beijing* out &&
	tmgloss --db ro444.db concord --format=tsv ville >out &&
	test_cmp rw-ville out
'

test_expect_success NOT_ROOT 'a memory in a read-only folder is searched' '
	mkdir rodir && cp ro.db rodir/m.db && chmod 555 rodir &&
	tmgloss --db rodir/m.db stats >out &&
	tmgloss --db rodir/m.db match --format=tsv \
		"Beijing abrite 21 laboratoires nationaux." >out &&
	tmgloss --db rodir/m.db concord --format=tsv ville >out2 &&
	chmod 755 rodir &&
	test_cmp rw-Beijing* out &&
	test_cmp rw-ville out2 &&
	test ! -e rodir/m.db-wal
'

# Another process holding the write lock (as `tmgloss index` does while it
# runs): a search waits for it, and so does a write, which says that it
# waits.
hold_write_lock () {
	rm -f locked &&
	python3 -c "
import sqlite3, time
db = sqlite3.connect('$1', isolation_level=None)
db.execute('BEGIN IMMEDIATE')
open('locked', 'w').close()
time.sleep($2)
db.execute('COMMIT')
" &
	while ! test -f locked; do sleep 0.1; done
}

import_in_background () {
	{ tmgloss --db "$1" import "$2" >import-out 2>import-err
	  echo $? >import-status; } &
}

test_expect_success PYTHON3 'a search waits for a running update; no raw SQLite message' '
	cp pending.db busy.db &&
	hold_write_lock busy.db 7 &&
	import_in_background busy.db "$DATA/good-two.tmx" &&
	tmgloss --db busy.db match --format=tsv \
		"La ville compte 23 laboratoires d'"'"'intelligence." >out 2>err &&
	wait &&
	test_cmp "rw-La ville compte 23 laboratoires d'"'"'intelligence." out &&
	test "$(cat import-status)" = 0 &&
	grep "busy.db: waiting for another tmgloss writing this memory" import-err &&
	! grep -i "database is locked" import-err err
'

REL_TMX="$DATA/tmx/heartsome/ImportTMXTest.tmx"

# --db that names no file (issue 15): refused, nothing "added"

test_expect_success '--db "" and --db :memory: are refused, nothing "added"' '
	test_expect_code 1 tmgloss --db "" import "$REL_TMX" >out 2>err &&
	grep "names no file" err &&
	! grep added out &&
	test_expect_code 1 tmgloss --db :memory: import "$REL_TMX" >out 2>err &&
	grep "names no file" err &&
	! grep added out &&
	TMGLOSS_DB=:memory: test_expect_code 1 tmgloss stats 2>err &&
	grep "names no file" err &&
	! test -e :memory:
'

test_done
