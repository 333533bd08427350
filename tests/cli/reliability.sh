#!/bin/sh
# Faults that are not the user's input: a damaged memory, another tmgloss
# writing the same memory.  Each one is said in a translator's words.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success 'setup: a memory of a few hundred units, indexed' '
	tmgloss --db whole.db import -q \
		"$DATA/tmx/maxprograms/tmxeditor_fr.ditamap.tmx" \
		"$DATA/tmx/heartsome/ImportTMXTest.tmx" &&
	tmgloss --db whole.db index >/dev/null 2>&1 &&
	tmgloss --db whole.db stats --format=tsv >stats &&
	grep "^units	" stats
'

# A third of the pages, in the middle of the file, overwritten.  The copy
# is taken once its write-ahead log has gone into the file (the last
# connection closed).
test_expect_success 'a damaged memory is said so, never in SQLite words' '
	test ! -s whole.db-wal &&
	cp whole.db broken.db &&
	size=$(wc -c <broken.db) &&
	pages=$((size / 16384)) &&
	test $pages -gt 30 &&
	head -c $((16384 * (pages / 3))) /dev/zero | tr "\\000" x |
		dd of=broken.db bs=16384 seek=$((pages / 3)) conv=notrunc \
			2>/dev/null &&
	for cmd in stats "export -o out.tmx" "match Bonjour" "concord le" \
		   "import -q $DATA/tmx/okapi/test01.tmx"
	do
		test_expect_code 1 tmgloss --db broken.db $cmd >/dev/null \
			2>err || return 1
		grep "broken.db: the memory is damaged; run .tmgloss stats --verify." err ||
			return 1
		! grep -i "malformed\|disk image\|no more rows\|sqlite" err ||
			return 1
	done
'

test_expect_success 'a file that is not SQLite at all is named as such' '
	printf "%04096d" 0 >text.db &&
	test_expect_code 1 tmgloss --db text.db stats 2>err &&
	grep "text.db: this file is not a tmgloss memory, or its first page is damaged" err
'

test_done
