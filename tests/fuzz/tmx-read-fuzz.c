/*
 * tmx-read-fuzz.c -- a libFuzzer target for the TMX reader: any bytes, read
 * as a TMX file with and without --repair and --skip-invalid, must give
 * units or a clean error, never a crash, a leak or undefined behaviour.
 * Build and run with tests/fuzz/run.sh.
 *
 * An input this small is read in the caller's thread, as import reads a
 * small file (tmx-read.c): starting the read-ahead thread for each input,
 * and waiting for it, made the target run 29 inputs a second.  So that the
 * read-ahead path stays fuzzed, one input in eight (chosen by its bytes,
 * so a crash reproduces) is read once more through the thread
 * (TMGLOSS_READ_AHEAD=1), which must give the same units, warnings and
 * end, to the byte, as the reading without it.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

/* FNV-1a over what the caller of the reader sees. */
static void
digest_add(uint64_t *h, const void *data, size_t size)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < size; i++)
		*h = (*h ^ p[i]) * 0x100000001b3ULL;
}

static void
digest_str(uint64_t *h, const char *s)
{
	digest_add(h, s ? s : "(null)", s ? strlen(s) + 1 : 6);
}

static void
digest_warning(void *data, const struct tmg_error *w)
{
	uint64_t *h = data;

	digest_str(h, "warning");
	digest_add(h, &w->line, sizeof w->line);
	digest_add(h, &w->column, sizeof w->column);
	digest_str(h, w->message);
}

/* Read `path` through the reader with options of `mode`; the digest of
 * everything it gave. */
static uint64_t
read_tmx(const char *path, int mode)
{
	struct tmx_read_options options = { .repair = mode,
					    .skip_invalid = mode };
	uint64_t h = 0xcbf29ce484222325ULL;
	struct tmg_error err;
	struct tmg_unit unit;
	struct tmx_reader *r;
	unsigned long repairs;
	int ret;

	r = tmx_reader_open(path, &options, digest_warning, &h, &err);
	if (r == NULL) {
		digest_str(&h, err.message);
		return h;
	}
	unit_init(&unit);
	while ((ret = tmx_reader_next(r, &unit, &err)) == 1) {
		digest_str(&h, unit.tuid);
		digest_str(&h, unit.srclang);
		digest_add(&h, &unit.line, sizeof unit.line);
		for (size_t i = 0; i < unit.nvariants; i++) {
			digest_str(&h, unit.variants[i].lang);
			digest_str(&h, unit.variants[i].text);
			digest_str(&h, unit.variants[i].markup);
		}
	}
	digest_add(&h, &ret, sizeof ret);
	if (ret < 0) {
		digest_add(&h, &err.line, sizeof err.line);
		digest_add(&h, &err.column, sizeof err.column);
		digest_str(&h, err.message);
	}
	repairs = tmx_reader_repairs(r);
	digest_add(&h, &repairs, sizeof repairs);
	unit_clear(&unit);
	tmx_reader_close(r);
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[32];
	uint64_t plain, sum = 0xcbf29ce484222325ULL;

	if (fuzz_write_file(data, size, ".tmx", path) < 0)
		return 0;
	unsetenv("TMGLOSS_READ_AHEAD");
	plain = read_tmx(path, 0);
	read_tmx(path, 1);
	digest_add(&sum, data, size);
	if (sum >> 61 == 0) { /* the well mixed bits of FNV */
		setenv("TMGLOSS_READ_AHEAD", "1", 1);
		if (read_tmx(path, 0) != plain)
			abort(); /* read-ahead changed what the caller sees */
		unsetenv("TMGLOSS_READ_AHEAD");
	}
	unlink(path);
	return 0;
}
