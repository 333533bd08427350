/*
 * text-bench.c -- tokenisation throughput of text_tokenize() next to the
 * floor: a bare ICU word break loop (UTF-8 to UTF-16, ubrk_setText, every
 * boundary and its rule status) over the same lines.
 *
 * text-bench LANG FILE [SECONDS]: each non-empty line of FILE is one
 * segment, as the matcher sees them; each method runs over all lines until
 * SECONDS (default 1) have passed.  Prints MB/s of UTF-8 input and the
 * ratio to the floor.  Not part of make check (bench/text.sh runs it).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "tmgloss.h"
#include "base/xalloc.h"

struct lines {
	char **items;
	size_t count;
	size_t bytes;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
read_lines(const char *path, struct lines *lines)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (f == NULL)
		return -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		lines->items = xreallocarray(lines->items, lines->count + 1,
					     sizeof *lines->items);
		lines->items[lines->count++] = xstrdup(line);
		lines->bytes += (size_t)n;
	}
	free(line);
	fclose(f);
	return 0;
}

static long sink;

/* The floor: what ICU's word break costs by itself. */
static int
floor_pass(const struct lines *lines, UBreakIterator *it, UChar **buf,
	   int32_t *cap)
{
	for (size_t i = 0; i < lines->count; i++) {
		UErrorCode status = U_ZERO_ERROR;
		int32_t n = 0, b;
		size_t len = strlen(lines->items[i]);

		if ((int32_t)len + 1 > *cap) {
			*cap = (int32_t)len + 1;
			*buf = xreallocarray(*buf, (size_t)*cap, sizeof **buf);
		}
		u_strFromUTF8(*buf, *cap, &n, lines->items[i], (int32_t)len,
			      &status);
		ubrk_setText(it, *buf, n, &status);
		if (U_FAILURE(status))
			return -1;
		for (b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it))
			sink += b + ubrk_getRuleStatus(it);
	}
	return 0;
}

static int
tokenize_pass(const struct lines *lines, const char *lang,
	      enum tokenize_mode mode, struct text_tokens *tokens)
{
	struct tmg_error err = { 0 };

	for (size_t i = 0; i < lines->count; i++) {
		if (text_tokenize(lines->items[i], lang, mode, 0, tokens,
				  &err) < 0) {
			fprintf(stderr, "text-bench: %s\n", err.message);
			return -1;
		}
		sink += (long)tokens->count;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct lines lines = { 0 };
	struct text_tokens tokens = { 0 };
	const char *lang;
	double seconds, start, elapsed, mbs[3];
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *it;
	UChar *buf = NULL;
	int32_t cap = 0;
	long passes;

	if (argc < 3) {
		fputs("usage: text-bench LANG FILE [SECONDS]\n", stderr);
		return 2;
	}
	lang = argv[1];
	seconds = argc > 3 ? atof(argv[3]) : 1.0;
	if (read_lines(argv[2], &lines) < 0 || lines.count == 0) {
		fprintf(stderr, "text-bench: cannot read lines of %s\n",
			argv[2]);
		return 1;
	}
	it = ubrk_open(UBRK_WORD, lang, NULL, 0, &status);
	if (U_FAILURE(status))
		return 1;

	/* warm up ICU's data and the caches, then measure */
	floor_pass(&lines, it, &buf, &cap);
	tokenize_pass(&lines, lang, TOKENS_MATCH, &tokens);
	tokenize_pass(&lines, lang, TOKENS_WORDS, &tokens);
	for (int method = 0; method < 3; method++) {
		passes = 0;
		start = now();
		do {
			int rc = method == 0 ?
				 floor_pass(&lines, it, &buf, &cap) :
				 tokenize_pass(&lines, lang, method == 1 ?
					       TOKENS_MATCH : TOKENS_WORDS,
					       &tokens);
			if (rc < 0)
				return 1;
			passes++;
			elapsed = now() - start;
		} while (elapsed < seconds);
		mbs[method] = (double)lines.bytes * (double)passes / elapsed /
			      1e6;
	}
	printf("%-4s %6zu lines %8zu bytes  floor (ICU ubrk) %7.2f MB/s  "
	       "text_tokenize match %7.2f MB/s (%.2fx floor)  "
	       "terms %7.2f MB/s (%.2fx floor)\n",
	       lang, lines.count, lines.bytes, mbs[0], mbs[1],
	       mbs[0] / mbs[1], mbs[2], mbs[0] / mbs[2]);
	ubrk_close(it);
	free(buf);
	text_tokens_clear(&tokens);
	text_cleanup();
	for (size_t i = 0; i < lines.count; i++)
		free(lines.items[i]);
	free(lines.items);
	return sink == 42 ? 3 : 0; /* keep `sink` alive */
}
