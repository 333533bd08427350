# test-lib.sh -- a small library for tmgloss's command-line tests, in the
# spirit of git's t/test-lib.sh.  Source it, write test_expect_success
# blocks, end with test_done.  It prints TAP for Automake's driver.
#
# Each test file runs in its own scratch directory ($TEST_DIR), with a
# memory of its own ($TMGLOSS_DB) and the program on $PATH as `tmgloss`.
# $DATA is tests/data; $CORPUS the shared corpus when present.

set -u
: "${top_srcdir:?run through make check}"
: "${TMGLOSS:?run through make check}"

DATA="$top_srcdir/tests/data"
CORPUS="$top_srcdir/../shared/corpus"
test_name=$(basename "$0" .sh)
TEST_DIR="${top_builddir:-.}/tests/tmp/$test_name.$$"
rm -rf "$TEST_DIR"
mkdir -p "$TEST_DIR/bin"
ln -s "$TMGLOSS" "$TEST_DIR/bin/tmgloss"
PATH="$TEST_DIR/bin:$PATH"
TMGLOSS_DB="$TEST_DIR/memory.db"
HOME="$TEST_DIR"
XDG_DATA_HOME="$TEST_DIR/xdg"
LC_ALL=C.UTF-8
LANGUAGE=
export PATH TMGLOSS_DB HOME XDG_DATA_HOME LC_ALL LANGUAGE
unset TMGLOSS_LOCALEDIR
cd "$TEST_DIR" || exit 99

test_count=0
test_failures=0

# test_expect_success 'description' 'shell commands'
test_expect_success () {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TEST_DIR/out.$test_count" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TEST_DIR/out.$test_count"
		test_failures=$((test_failures + 1))
	fi
}

# test_skip 'description' 'reason'
test_skip () {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# test_must_fail STATUS command...: the command exits with STATUS exactly.
test_must_fail () {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "expected exit status $want, got $got: $*"
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL: the files are equal (shows a diff if not).
test_cmp () {
	diff -u "$1" "$2"
}

# memory_snapshot FILE: everything the memory holds, as SQL text.
memory_snapshot () {
	if [ -f "$TMGLOSS_DB" ]; then
		sqlite3 "$TMGLOSS_DB" .dump >"$1"
	else
		: >"$1"
	fi
}

# test_expect_code CODE command...: the same as test_must_fail, any code.
test_expect_code () {
	test_must_fail "$@"
}

# test_must_be_empty FILE
test_must_be_empty () {
	if test -s "$1"; then
		echo "$1 is not empty:"
		cat "$1"
		return 1
	fi
}

have_corpus () {
	[ -d "$CORPUS/tmx" ]
}

test_done () {
	echo "1..$test_count"
	[ "$test_failures" -eq 0 ] && cd / && rm -rf "$TEST_DIR"
	[ "$test_failures" -eq 0 ]
}
