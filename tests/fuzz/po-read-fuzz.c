/*
 * po-read-fuzz.c -- a libFuzzer target for the PO reader: any bytes, read
 * as a PO file through libgettextpo, with and without --src/--tgt, must
 * give segments or a clean error (file:line), never a crash, a leak, an
 * exit from inside libgettextpo or undefined behaviour.  Build and run
 * with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];

	if (fuzz_write_file(data, size, ".po", path) < 0)
		return 0;
	for (int mode = 0; mode < 2; mode++) {
		struct po_read_options options = {
			.src = mode ? "fr" : NULL,
			.tgt = mode ? "zh-CN" : NULL,
		};
		struct tmg_error err;
		struct tmg_docseg seg;
		struct po_reader *r = po_reader_open(path, &options,
						     fuzz_ignore_warning, NULL,
						     &err);
		if (r == NULL)
			continue;
		docseg_init(&seg);
		while (po_reader_next(r, &seg, &err) == 1)
			;
		docseg_clear(&seg);
		po_reader_close(r);
	}
	unlink(path);
	return 0;
}
