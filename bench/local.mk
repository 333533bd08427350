## bench/local.mk -- benchmarks are shipped, never run by make check.
EXTRA_DIST += bench/make-corpus.sh bench/match.sh
