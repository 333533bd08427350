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

# hold_write_lock DB SECONDS: the sqlite3 program holds DB's write lock
# (BEGIN IMMEDIATE) for SECONDS, in the background; returns once it holds
# it, with its process id in $holder.
hold_write_lock () {
	rm -f held || return 1
	{
		echo "BEGIN IMMEDIATE;" &&
		echo ".shell touch held" &&
		sleep "$2" &&
		echo "COMMIT;"
	} | sqlite3 "$1" &
	holder=$! &&
	n=0 &&
	while test ! -e held && test $n -lt 300
	do
		sleep 0.1 && n=$((n + 1))
	done &&
	test -e held
}

test_expect_success SQLITE3 'an import waits for another writer, and says so' '
	tmgloss --db busy.db import -q "$DATA/good-two.tmx" &&
	hold_write_lock busy.db 7 &&
	timeout 120 tmgloss --db busy.db import \
		"$DATA/tmx/okapi/test01.tmx" >out 2>err &&
	wait $holder &&
	grep "busy.db: waiting for another tmgloss writing this memory" err &&
	test $(wc -l <err) = 1 &&
	grep "4 units read: 4 added" out
'

test_expect_success SQLITE3 'so do a glossary import and a removal' '
	hold_write_lock busy.db 3 &&
	timeout 120 tmgloss --db busy.db import \
		"$top_srcdir/glossaries/ai.fr-zh.tbx" >out 2>err &&
	wait $holder &&
	grep "waiting for another tmgloss" err &&
	hold_write_lock busy.db 3 &&
	timeout 120 tmgloss --db busy.db remove \
		--origin "$DATA/tmx/okapi/test01.tmx" >out 2>err &&
	wait $holder &&
	grep "waiting for another tmgloss" err &&
	tmgloss --db busy.db stats --format=tsv >stats &&
	grep "^units	2$" stats
'

test_expect_success 'a newline in a file name is written \n in an error' '
	name=$(printf "two\nlines.tmx") &&
	printf "<tmx version=\"1.4\"><body>\n" >"$name" &&
	test_expect_code 1 tmgloss --db nl.db import "$name" 2>err &&
	! grep -v "^tmgloss: " err &&
	grep "^tmgloss: two\\\\nlines.tmx:1:" err &&
	test_expect_code 1 tmgloss --db "$(printf "no\tsuch\033.db")" stats 2>err &&
	grep "no\\\\tsuch\\\\x1b.db: there is no memory here" err
'

test_expect_success 'an XLIFF attribute of megabytes is refused with its line' '
	{
		printf "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n" &&
		printf "<file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"" &&
		head -c 3000000 /dev/zero | tr "\\000" v &&
		printf "\">\n<body><trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit></body></file></xliff>\n"
	} >bigattr.xlf &&
	test_expect_code 1 tmgloss --db x.db import bigattr.xlf 2>err &&
	grep "bigattr.xlf:3: an attribute value is longer than 1048576 characters" err
'

test_expect_success 'an XLIFF cut short is said to be truncated, never in libxml2 words' '
	for f in "$DATA/xliff/okapi/sample12.xlf" \
		 "$DATA/xliff/okapi/TS09-12-Test01.sdlxliff"; do
		size=$(wc -c <"$f") &&
		for n in $((size / 2)) $((size * 3 / 4)) $((size - 20)) $((size - 2)); do
			head -c $n "$f" >cut.xlf &&
			test_expect_code 1 tmgloss --db cut.db import cut.xlf 2>err &&
			grep "^tmgloss: cut.xlf:[0-9]*:[0-9]*: the file ends in the middle of an element: it was cut short (truncated)$" err ||
			return 1
		done || return 1
	done
'

test_expect_success SQLITE3 'index waits for another writer, says so, then indexes' '
	tmgloss --db idx.db import -q "$DATA/tmx/okapi/test01.tmx" &&
	hold_write_lock idx.db 4 &&
	timeout 120 tmgloss --db idx.db index >out 2>err &&
	wait $holder &&
	grep "idx.db: waiting for another tmgloss writing this memory" err &&
	test $(grep -c . err) = 1 &&
	tmgloss --db idx.db index >out2 2>&1 &&
	grep "up to date" out2
'

test_expect_success SQLITE3 'putting back a lost index waits for another writer too' '
	sqlite3 idx.db "DROP INDEX units_by_hash" &&
	hold_write_lock idx.db 7 &&
	timeout 120 tmgloss --db idx.db stats >out 2>err &&
	wait $holder &&
	grep "idx.db: waiting for another tmgloss writing this memory" err &&
	grep "lost part of the memory.s indexes was put back" err &&
	sqlite3 idx.db "SELECT name FROM sqlite_master WHERE name = \"units_by_hash\"" >n &&
	echo units_by_hash >expect && test_cmp expect n
'

test_expect_success SQLITE3 'the migration of an older memory waits for another writer, and says so' '
	tmgloss --db old.db import -q "$DATA/tmx/okapi/test01.tmx" &&
	sqlite3 old.db "DROP TABLE fuzzy_words; PRAGMA user_version = 7" &&
	hold_write_lock old.db 4 &&
	timeout 120 tmgloss --db old.db stats >out 2>err &&
	wait $holder &&
	grep "old.db: waiting for another tmgloss writing this memory" err &&
	test $(grep -c . err) = 1 &&
	sqlite3 old.db "SELECT name FROM sqlite_master WHERE name = \"fuzzy_words\"" >n &&
	echo fuzzy_words >expect && test_cmp expect n
'

test_expect_success SQLITE3 'stats --verify reports a memory that cannot be opened' '
	test ! -s whole.db-wal &&
	cp whole.db lost.db &&
	sqlite3 lost.db "DROP TABLE variants" &&
	cksum lost.db >before &&
	test_expect_code 1 tmgloss --db lost.db stats --verify >out 2>err &&
	cksum lost.db >after &&
	test_cmp before after &&
	grep "lost.db: the memory is damaged: its table .variants. is missing" err &&
	grep "^lost.db: 3 problems found:" out &&
	grep "the table .variants. is missing" out &&
	grep "the trigger .fuzzy_forget_variant. is missing" out &&
	grep "The file itself is damaged" out &&
	sqlite3 lost.db "SELECT count(*) FROM units" >n &&
	tmgloss --db whole.db stats --format=tsv | sed -n "s/^units	//p" >expect &&
	test_cmp expect n
'

test_expect_success 'and one whose schema SQLite cannot read' '
	cp whole.db schema.db &&
	printf "%03000d" 0 | dd of=schema.db bs=1 seek=100 conv=notrunc 2>/dev/null &&
	test_expect_code 1 tmgloss --db schema.db stats --verify --format=json >out 2>err &&
	grep "schema.db: the memory is damaged" err &&
	grep "\"file_damaged\": true" out &&
	grep "the list of its tables) cannot be read" out
'

test_done
