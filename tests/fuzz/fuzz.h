/*
 * fuzz.h -- what the fuzz targets share: the readers take a path, so each
 * input is written to a temporary file first.  Each target defines
 * LLVMFuzzerTestOneInput(); libFuzzer drives it (tests/fuzz/run.sh), or
 * tests/fuzz/driver.c runs it on the files named on its command line.
 */
#ifndef TMGLOSS_FUZZ_H
#define TMGLOSS_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmgloss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* `data` written to a new temporary file whose name goes into path[32];
 * returns 0, or -1 when the file cannot be made. */
static inline int
fuzz_write_file(const uint8_t *data, size_t size, const char *suffix,
		char path[32])
{
	int fd;

	snprintf(path, 32, "/tmp/tmgloss-fuzz-XXXXXX%s", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static inline void
fuzz_ignore_warning(void *data, const struct tmg_error *w)
{
	(void)data;
	(void)w;
}

#endif
