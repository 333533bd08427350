/*
 * terms-bench.c -- the term finder by itself, without the command around
 * it: times term_finder_open() (loading the index) and term_finder_find()
 * apart, so bench/terms.sh can state the finder's own throughput next to
 * the whole process's (which adds start-up, reading the file and output).
 *
 * terms-bench DB SRC TGT FILE [RUNS]: FILE is read whole as one text, as
 * `tmgloss terms -f FILE` reads it; RUNS times (default 3) a new finder is
 * opened and searches the text once, as the command does (so the finder's
 * caches start empty); the best open and the best find are kept.  Prints:
 * open seconds, find seconds, hits, finder MB/s.  Not part of make check.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tmgloss.h"
#include "base/xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole of `path` as a string (to free), or NULL. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

int
main(int argc, char **argv)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *memory = NULL;
	struct term_finder *finder = NULL;
	struct term_hits hits = { 0 };
	double t0, best_open = 0, best_find = 0;
	char *text = NULL;
	size_t len = 0;
	int runs, status = 1;

	if (argc < 5) {
		fputs("usage: terms-bench DB SRC TGT FILE [RUNS]\n", stderr);
		return 2;
	}
	runs = argc > 5 ? atoi(argv[5]) : 3;
	if (runs < 1)
		runs = 1;
	if ((text = read_file(argv[4], &len)) == NULL) {
		fprintf(stderr, "terms-bench: cannot read %s\n", argv[4]);
		return 1;
	}
	if ((memory = memory_open(argv[1], MEMORY_EXISTING, &err)) == NULL)
		goto fail;
	for (int run = 0; run < runs; run++) {
		double open_s, find_s;

		term_hits_clear(&hits);
		term_finder_close(finder);
		t0 = now();
		finder = term_finder_open(memory, argv[2], argv[3], &err);
		open_s = now() - t0;
		if (finder == NULL)
			goto fail;
		t0 = now();
		if (term_finder_find(finder, text, &hits, &err) < 0)
			goto fail;
		find_s = now() - t0;
		if (run == 0 || open_s < best_open)
			best_open = open_s;
		if (run == 0 || find_s < best_find)
			best_find = find_s;
	}
	printf("open %.3f s  find %.3f s  %zu hits  %.2f MB/s\n", best_open,
	       best_find, hits.count, (double)len / 1048576 / best_find);
	status = 0;
	goto out;
fail:
	fprintf(stderr, "terms-bench: %s\n", err.message);
out:
	term_hits_clear(&hits);
	term_finder_close(finder);
	memory_close(memory);
	free(text);
	return status;
}
