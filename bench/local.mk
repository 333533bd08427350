## bench/local.mk -- benchmarks are shipped, never run by make check.
EXTRA_DIST += bench/import.sh bench/gen-tmx.py
