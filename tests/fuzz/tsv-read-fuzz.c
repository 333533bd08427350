/*
 * tsv-read-fuzz.c -- a libFuzzer target for the TSV/CSV glossary reader:
 * any bytes, with and without languages given and invalid rows skipped,
 * must give concepts or a clean error, never a crash, a leak or undefined
 * behaviour.  Build and run with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];

	if (fuzz_write_file(data, size, ".tsv", path) < 0)
		return 0;
	for (int mode = 0; mode < 2; mode++) {
		struct tsv_read_options options = {
			.src = mode ? "fr" : NULL,
			.tgt = mode ? "zh-CN" : NULL,
			.skip_invalid = mode,
		};
		struct tmg_error err;
		struct tmg_concept concept;
		struct tsv_reader *r = tsv_reader_open(path, &options,
						       fuzz_ignore_warning,
						       NULL, &err);
		if (r == NULL)
			continue;
		concept_init(&concept);
		while (tsv_reader_next(r, &concept, &err) == 1)
			;
		concept_clear(&concept);
		tsv_reader_close(r);
	}
	unlink(path);
	return 0;
}
