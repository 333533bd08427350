/*
 * tmx-read-fuzz.c -- a libFuzzer target for the TMX reader: any bytes, read
 * as a TMX file with and without --repair and --skip-invalid, must give
 * units or a clean error, never a crash, a leak or undefined behaviour.
 * Build and run with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];

	if (fuzz_write_file(data, size, ".tmx", path) < 0)
		return 0;
	for (int mode = 0; mode < 2; mode++) {
		struct tmx_read_options options = { .repair = mode,
						    .skip_invalid = mode };
		struct tmg_error err;
		struct tmg_unit unit;
		struct tmx_reader *r = tmx_reader_open(path, &options,
						       fuzz_ignore_warning, NULL,
						       &err);
		if (r == NULL)
			continue;
		unit_init(&unit);
		while (tmx_reader_next(r, &unit, &err) == 1)
			;
		unit_clear(&unit);
		tmx_reader_close(r);
	}
	unlink(path);
	return 0;
}
