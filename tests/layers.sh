#!/bin/sh
# The layer rule of doc/DESIGN.md, checked over the #include lines of src/
# by tests/check-layers.sh: a layer includes only its own headers and the
# public headers of the layers below it.  The checker is tried on broken
# copies of the tree too, so that it cannot pass by finding nothing.
. "$top_srcdir/tests/cli/test-lib.sh"

check="$top_srcdir/tests/check-layers.sh"

test_expect_success 'src/ follows the layer rule' '
	sh "$check" "$top_srcdir/src" >faults &&
	test ! -s faults
'

# A copy of src/ with one line added to one file.
broken_copy () {
	rm -rf copy && cp -R "$top_srcdir/src" copy &&
	printf "%s\n" "$2" >>"copy/$1"
}

test_expect_success 'an include that reaches up is a fault' '
	broken_copy base/xalloc.c "#include \"search/search.h\"" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^base/xalloc.c:[0-9]*: \"search/search.h\" reaches up from base/ to search/" faults
'

test_expect_success 'a private header of another layer is a fault' '
	broken_copy search/concord.c "#include \"text/text-internal.h\"" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^search/concord.c:[0-9]*: \"text/text-internal.h\" is private to text/" faults
'

test_expect_success 'the command line may not include store/db.h' '
	broken_copy cli/main.c "#include \"store/db.h\"" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^cli/main.c:[0-9]*: \"store/db.h\" is private to store/" faults
'

test_expect_success 'the engine does not include tmgloss.h' '
	broken_copy store/memory.c "#include \"tmgloss.h\"" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^store/memory.c:" faults
'

test_expect_success 'formats/ may not use SQLite, text/ may not use libxml2' '
	broken_copy formats/tsv.c "#include <sqlite3.h>" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^formats/tsv.c:[0-9]*: <sqlite3.h> in formats/" faults &&
	broken_copy text/lang.c "#include <libxml/tree.h>" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^text/lang.c:[0-9]*: <libxml/tree.h> in text/" faults
'

test_expect_success 'no SQLite type in a public header' '
	broken_copy store/store.h "struct sqlite3 *memory_handle(void);" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^store/store.h:[0-9]*: SQLite in a public header" faults
'

test_done
