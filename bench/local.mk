## bench/local.mk -- benchmarks are shipped, never run by make check.

## text layer: bench/text.sh builds bench/text-bench on demand
EXTRA_PROGRAMS = bench/text-bench
bench_text_bench_SOURCES = bench/text-bench.c
bench_text_bench_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
EXTRA_DIST += bench/text.sh
CLEANFILES += bench/text-bench
EXTRA_DIST += bench/terms.sh
EXTRA_DIST += bench/import.sh bench/cores.sh bench/gen-tmx.py bench/recombine-tmx.py \
	bench/index-size.py bench/index-phases.py
EXTRA_DIST += bench/suggest.sh bench/suggest-reference.tsv bench/suggest-dev.tsv

## matching: bench/make-corpus.sh builds the memories, bench/match.sh measures
EXTRA_DIST += bench/make-corpus.sh bench/match.sh

## terms: bench/terms.sh builds bench/terms-bench (the finder alone)
EXTRA_PROGRAMS += bench/terms-bench
bench_terms_bench_SOURCES = bench/terms-bench.c
bench_terms_bench_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
CLEANFILES += bench/terms-bench

## check: bench/check.sh seeds errors with bench/check-seed.py, then measures
EXTRA_DIST += bench/check.sh bench/check-seed.py

## documents: analyze and pretranslate of a 10,000-segment XLIFF
EXTRA_DIST += bench/documents.sh

## tmgloss serve under load: bench/serve.sh (wrk)
EXTRA_DIST += bench/serve.sh
