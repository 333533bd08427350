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

# expect_fault FILE LINE REGEX: on a copy of src/ with LINE added to FILE,
# the checker fails and reports FILE with a message that REGEX matches.
expect_fault () {
	broken_copy "$1" "$2" &&
	test_expect_code 1 sh "$check" copy >faults &&
	grep "^$1:[0-9]*: $3" faults
}

# One broken copy a line: title | file | line added | message (a regex).
while IFS='|' read -r title file line message; do
	test_expect_success "$title" '
		expect_fault "$file" "$line" "$message"
	' </dev/null
done <<'EOF'
an include that reaches up is a fault|base/xalloc.c|#include "search/search.h"|"search/search.h" reaches up from base/ to search/
a private header of another layer is a fault|search/concord.c|#include "text/text-internal.h"|"text/text-internal.h" is private to text/
the command line may not include store/db.h|cli/main.c|#include "store/db.h"|"store/db.h" is private to store/
the engine does not include tmgloss.h|store/memory.c|#include "tmgloss.h"|tmgloss.h is the command line's header
no SQLite type in a public header|store/store.h|struct sqlite3 *memory_handle(void);|SQLite in a public header
EOF

test_expect_success 'formats/ may not use SQLite, text/ may not use libxml2' '
	expect_fault formats/tsv.c "#include <sqlite3.h>" "<sqlite3.h> in formats/" &&
	expect_fault text/lang.c "#include <libxml/tree.h>" "<libxml/tree.h> in text/"
'

test_done
