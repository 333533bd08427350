#!/bin/sh
# run.sh -- build the TMX reader fuzz target with clang (libFuzzer, ASan,
# UBSan) and run it for a while on a corpus seeded with tests/data.
# Usage: tests/fuzz/run.sh [SECONDS]
# config.h comes from $TMGLOSS_BUILD, a configured build directory (default:
# the source tree itself, when it was configured in place).
set -eu
seconds=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${TMGLOSS_BUILD:-$top}
work=${TMPDIR:-/tmp}/tmgloss-fuzz
mkdir -p "$work/corpus"
find "$top/tests/data" -iname '*.tmx' -exec cp {} "$work/corpus/" \;
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -I$build -I$top/src \
	$(pkg-config --cflags icu-uc icu-i18n sqlite3 libxml-2.0)"
libs="$(pkg-config --libs icu-uc icu-i18n sqlite3 libxml-2.0) -lstemmer"
# the reader and the layers under it (doc/DESIGN.md): base, text, formats
srcs=$(ls "$top"/src/base/*.c "$top"/src/text/*.c "$top"/src/formats/*.c)
clang $cflags -DPACKAGE='"tmgloss"' -o "$work/tmx-read-fuzz" \
	"$top/tests/fuzz/tmx-read-fuzz.c" $srcs $libs
"$work/tmx-read-fuzz" -max_total_time="$seconds" -max_len=8192 \
	-artifact_prefix="$work/" "$work/corpus"
