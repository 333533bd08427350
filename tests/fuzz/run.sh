#!/bin/sh
# run.sh -- build the fuzz targets of the readers (TMX, TBX, TSV/CSV, SRX,
# XLIFF, PO)
# with clang (libFuzzer, ASan, UBSan) and run each for a while on a corpus
# seeded with tests/data.
#
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]
#        tests/fuzz/run.sh --build-only [DIR]
# SECONDS is per target (default 60); TARGET is tmx, tbx, tsv, srx, xliff
# or po (default: all six).  --build-only compiles every target with $CC
# (cc by default) and tests/fuzz/driver.c instead of libFuzzer, into DIR,
# so that CI sees a target that no longer builds; no clang needed.
#
# config.h comes from $TMGLOSS_BUILD, a configured build directory (default:
# the source tree itself, when it was configured in place).  A crash leaves
# its input in $TMPDIR/tmgloss-fuzz/; keep it in tests/data/fuzz/ with a
# CLI test that reads it, so that make check runs it (none found so far).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${TMGLOSS_BUILD:-$top}
work=${TMPDIR:-/tmp}/tmgloss-fuzz
targets="tmx tbx tsv srx xliff po"
pkgs="icu-uc icu-i18n sqlite3 libxml-2.0 zlib"
# the readers and the layers under them (doc/DESIGN.md): base, text, formats
srcs=$(ls "$top"/src/base/*.c "$top"/src/text/*.c "$top"/src/formats/*.c)
incs="-I$build -I$top/src -I$top/tests/fuzz $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lstemmer -lgettextpo -lpthread"

if [ "${1:-}" = --build-only ]; then
	out=${2:-$work}
	mkdir -p "$out/obj"
	cc="${CC:-cc} -std=gnu11 -O1 $incs -DPACKAGE=\"tmgloss\""
	for f in $srcs "$top/tests/fuzz/driver.c"; do
		$cc -c -o "$out/obj/$(basename "$f" .c).o" "$f"
	done
	for t in $targets; do
		$cc -o "$out/$t-read-fuzz" "$top/tests/fuzz/$t-read-fuzz.c" \
			"$out"/obj/*.o $libs
	done
	exit 0
fi

seconds=${1:-60}
[ $# -gt 1 ] && shift && targets=$*
for t in $targets; do
	mkdir -p "$work/$t-corpus"
	case $t in
	tmx) find "$top/tests/data" -iname '*.tmx' -exec cp {} "$work/$t-corpus/" \; ;;
	tbx) find "$top/tests/data" \( -iname '*.tbx' -o -iname '*.xml' \) \
		-path '*tbx*' -exec cp {} "$work/$t-corpus/" \; ;;
	tsv) find "$top/tests/data" \( -iname '*.tsv' -o -iname '*.csv' \
		-o -iname '*.txt' \) -path '*glossary*' -exec cp {} "$work/$t-corpus/" \; ;;
	srx) find "$top/tests/data" -iname '*.srx' -exec cp {} "$work/$t-corpus/" \; ;;
	xliff) find "$top/tests/data/xliff" -type f \( -iname '*.xlf' \
		-o -iname '*.xliff' -o -iname '*.sdlxliff' \) -size -8k \
		-exec cp {} "$work/$t-corpus/" \; ;;
	po) find "$top/tests/data" -iname '*.po' -size -8k \
		-exec cp {} "$work/$t-corpus/" \; ;;
	*) echo "run.sh: unknown target $t (tmx, tbx, tsv, srx, xliff, po)" >&2; exit 2 ;;
	esac
	clang -g -O1 -fsanitize=fuzzer,address,undefined $incs \
		-DPACKAGE='"tmgloss"' -o "$work/$t-read-fuzz" \
		"$top/tests/fuzz/$t-read-fuzz.c" $srcs $libs
	# libgettextpo 0.21 leaks on every file it reads (the file name) and
	# loses what it holds when its fatal error handler jumps out: with
	# libFuzzer's leak check after each such input (a full LeakSanitizer
	# scan), the PO target ran 3 inputs a second.  Its leaks are left to
	# the check at exit, where lsan.supp names libgettextpo's own.
	case $t in
	po) opts="-detect_leaks=0 -rss_limit_mb=4096" ;;
	*) opts= ;;
	esac
	LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan.supp \
		"$work/$t-read-fuzz" -max_total_time="$seconds" -max_len=8192 \
		-timeout=10 $opts -artifact_prefix="$work/$t-" "$work/$t-corpus"
done
