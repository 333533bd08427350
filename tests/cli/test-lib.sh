# test-lib.sh -- a small library for the command-line tests, in the manner
# of git's t/test-lib.sh, printing TAP.
#
#   . "$top_srcdir/tests/cli/test-lib.sh"
#   test_expect_success 'what it does' '
#           tmgloss segment --lang fr <in >out &&
#           test_cmp expect out
#   '
#   test_done
#
# Each test runs in a shell function inside $TEST_DIR (a fresh directory,
# removed at the end unless a test failed).  $TMGLOSS is the built binary
# and `tmgloss` calls it with a memory of its own; $DATA is tests/data.

: "${TMGLOSS:?TMGLOSS must name the tmgloss binary}"
: "${top_srcdir:?top_srcdir must be set}"

DATA="$top_srcdir/tests/data"
CORPUS="$top_srcdir/../shared/corpus"
test -d "$CORPUS" || CORPUS=/work/shared/corpus
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tmgloss-test.XXXXXX") || exit 1
test_count=0
test_failed=0
test_skipped=0
export LC_ALL=C.UTF-8 LANGUAGE=
unset TMGLOSS_DB XDG_DATA_HOME
HOME="$TEST_DIR/home"
mkdir -p "$HOME"
export HOME

tmgloss() {
	"$TMGLOSS" --db "$TEST_DIR/memory.db" "$@"
}

test_cmp() {
	diff -u "$1" "$2"
}

# test_expect_code CODE command...: the command must exit with CODE.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if test "$got" != "$want"; then
		echo "# exit status $got, expected $want" >&2
		return 1
	fi
	return 0
}

test_expect_success() {
	test_count=$((test_count + 1))
	if (cd "$TEST_DIR" && eval "$2") >"$TEST_DIR/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TEST_DIR/.out"
		test_failed=$((test_failed + 1))
	fi
}

# test_skip 'desc' 'reason': count a test as skipped.
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

test_done() {
	echo "1..$test_count"
	if test "$test_failed" = 0; then
		rm -rf "$TEST_DIR"
		exit 0
	fi
	echo "# $test_failed test(s) failed; files kept in $TEST_DIR"
	exit 1
}

test_must_be_empty() {
	if test -s "$1"; then
		echo "# $1 is not empty:" >&2
		sed 's/^/# /' "$1" >&2
		return 1
	fi
}
