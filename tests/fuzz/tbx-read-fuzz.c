/*
 * tbx-read-fuzz.c -- a libFuzzer target for the TBX reader: any bytes, read
 * as a TBX glossary, must give concepts or a clean error, never a crash, a
 * leak or undefined behaviour.
 * Build and run with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];
	struct tmg_error err;
	struct tmg_concept concept;
	struct tbx_reader *r;

	if (fuzz_write_file(data, size, ".tbx", path) < 0)
		return 0;
	r = tbx_reader_open(path, fuzz_ignore_warning, NULL, &err);
	if (r != NULL) {
		concept_init(&concept);
		while (tbx_reader_next(r, &concept, &err) == 1)
			;
		concept_clear(&concept);
		tbx_reader_close(r);
	}
	unlink(path);
	return 0;
}
