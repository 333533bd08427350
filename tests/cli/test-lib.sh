# test-lib.sh -- a small library for tmgloss's command-line tests, in the
# spirit of git's t/test-lib.sh.  Source it, write test_expect_success
# blocks, end with test_done.  It prints TAP for Automake's driver.
#
# Each test file runs in its own scratch directory ($TEST_DIR), with a
# memory of its own ($TMGLOSS_DB) and the program on $PATH as `tmgloss`.
# $DATA is tests/data, which holds every file the tests read.
#
# A test body is one &&-chain: test_expect_success first runs it with a
# failing command in front, and a body that goes on after that (a `;` or a
# missing `&&` between two commands, which would let a crash pass) is a
# failed test, "broken &&-chain".
#
# Prerequisites, the git way: a test that needs something a machine may
# lack names it first,
#	test_expect_success XMLLINT 'the export is valid TMX' '...'
# several joined by commas, !NAME for "NAME is missing".  A test whose
# prerequisite is missing is "ok N - description # SKIP missing NAME".
# test_set_prereq NAME declares one; test_lazy_prereq NAME 'commands'
# declares one the commands decide (exit 0: present), run once, the first
# time a test asks.  The prerequisites every file may use are at the end.

set -u
: "${top_srcdir:?run through make check}"
: "${TMGLOSS:?run through make check}"

DATA="$top_srcdir/tests/data"
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
prereq_set=" "
prereq_tested=" "
LF='
'

# test_set_prereq NAME: the machine has NAME.
test_set_prereq () {
	prereq_set="$prereq_set$1 "
}

# test_lazy_prereq NAME 'commands': NAME is there if the commands succeed
# (run in a directory of their own, once, when a test first needs NAME).
test_lazy_prereq () {
	eval "prereq_script_$1=\$2"
}

# test_prereq_reason NAME 'text': said on the SKIP line when NAME is missing.
test_prereq_reason () {
	eval "prereq_why_$1=\$2"
}

# test_have_prereq NAME[,NAME...]: all present (!NAME: NAME absent).
# Sets $prereq_missing to the first one that is not satisfied.
test_have_prereq () {
	prereq_missing=
	for p in $(echo "$1" | tr , ' '); do
		want=yes
		case "$p" in !*) want=no; p=${p#!} ;; esac
		prereq_test "$p"
		case "$prereq_set" in
		*" $p "*) have=yes ;;
		*) have=no ;;
		esac
		if [ "$have" != "$want" ]; then
			prereq_missing=$p
			[ "$want" = no ] && prereq_missing="!$p"
			return 1
		fi
	done
	return 0
}

# Run the lazy prerequisite NAME's commands if it has some not yet run.
prereq_test () {
	case "$prereq_tested" in *" $1 "*) return 0 ;; esac
	prereq_tested="$prereq_tested$1 "
	eval "script=\${prereq_script_$1:-}"
	[ -n "$script" ] || return 0
	mkdir -p "$TEST_DIR/prereq-$1" &&
	if (cd "$TEST_DIR/prereq-$1" && eval "$script") >/dev/null 2>&1; then
		test_set_prereq "$1"
	fi
}

# test_expect_success [PREREQ] 'description' 'shell commands'
test_expect_success () {
	prereq=
	if [ $# -eq 3 ]; then
		prereq=$1
		shift
	fi
	[ $# -eq 2 ] || { echo "Bail out! test_expect_success: $# arguments"; exit 99; }
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! test_have_prereq "$prereq"; then
		eval "why=\${prereq_why_${prereq_missing#!}:-}"
		echo "ok $test_count - $1 # SKIP missing $prereq_missing${why:+ ($why)}"
		return 0
	fi
	(eval "(exit 117) && $2$LF(exit \$?)") >/dev/null 2>&1
	if [ $? -ne 117 ]; then
		echo "not ok $test_count - $1 # broken &&-chain"
		test_failures=$((test_failures + 1))
		return 0
	fi
	if (eval "$2") >"$TEST_DIR/out.$test_count" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TEST_DIR/out.$test_count"
		test_failures=$((test_failures + 1))
	fi
}

# test_expect_code CODE command...: the command exits with CODE exactly
# (a crash, a signal, or another status fails).
test_expect_code () {
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

# test_must_be_empty FILE
test_must_be_empty () {
	if test -s "$1"; then
		echo "$1 is not empty:"
		cat "$1"
		return 1
	fi
}

# Prerequisites any test file may name.
test_lazy_prereq XMLLINT '
	test -n "${XMLLINT:-}" && "$XMLLINT" --version
'
test_lazy_prereq SQLITE3 '
	sqlite3 -version
'
test_lazy_prereq PYTHON3 '
	python3 -c "import json"
'
# A UTF-8 locale in which LANGUAGE counts (glibc ignores it in the C
# locale); $UTF8_LOCALE names it.
UTF8_LOCALE=$(locale -a 2>/dev/null |
	grep -i -m1 -E '^(C|fr_FR|en_US|en_GB|de_DE|zh_CN)\.utf-?8$')
[ -n "$UTF8_LOCALE" ] && test_set_prereq UTF8_LOCALE
# $CORPUS: the project's source corpus, only when TMGLOSS_CORPUS names it.
# The LTAC-Global TBX test files there carry no licence, so tests/data has
# none of them; the tests that read them need LTAC_TBX.
CORPUS=${TMGLOSS_CORPUS:-}
test_lazy_prereq LTAC_TBX '
	test -r "$CORPUS/tbx/ltac-test-files/min_good.tbx"
'
test_prereq_reason LTAC_TBX \
	"no licence to copy them; TMGLOSS_CORPUS=DIR runs them from a corpus"

test_done () {
	echo "1..$test_count"
	[ "$test_failures" -eq 0 ] && cd / && rm -rf "$TEST_DIR"
	[ "$test_failures" -eq 0 ]
}
