## bench/local.mk -- benchmarks are shipped, never run by make check.
