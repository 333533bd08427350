/*
 * xliff-read-fuzz.c -- a libFuzzer target for the XLIFF reader: any bytes,
 * read as an XLIFF document, must give segments with well-formed markup or
 * a clean error, never a crash, a leak or undefined behaviour.
 * Build and run with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];
	struct tmg_error err;
	struct tmg_docseg seg;
	struct xliff_reader *r;

	if (fuzz_write_file(data, size, ".xlf", path) < 0)
		return 0;
	r = xliff_reader_open(path, fuzz_ignore_warning, NULL, &err);
	if (r != NULL) {
		docseg_init(&seg);
		while (xliff_reader_next(r, &seg, &err) == 1)
			if (inline_markup_check(seg.source_markup) < 0 ||
			    (seg.target_markup &&
			     inline_markup_check(seg.target_markup) < 0))
				abort();
		docseg_clear(&seg);
		xliff_reader_close(r);
	}
	unlink(path);
	return 0;
}
