/*
 * bulkmem-test.c -- a bulk pass's heap advised for huge pages
 * (base/bulkmem.c): where the kernel takes the advice, the heap's top and
 * a worker thread's arena are eligible for huge pages between
 * bulkmem_begin() and bulkmem_end(), what the heap gives first included;
 * TMGLOSS_HUGE_PAGES=0 turns it off;
 * passes nest; what is allocated meanwhile is memory like any other.
 *
 * Whether the kernel backs a range with huge pages depends on the machine
 * (free memory, its fragmentation), so the test reads the advice itself:
 * /proc/self/smaps' THPeligible of the mappings.
 */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bulkmem.h"
#include "tap.h"

/* The kernel's mode of transparent huge pages: "always", "madvise",
 * "never", or "" when it has none. */
static const char *
thp_mode(void)
{
	static char mode[16];
	char line[128];
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char *open, *close;

	mode[0] = '\0';
	if (f == NULL)
		return mode;
	if (fgets(line, sizeof line, f) && (open = strchr(line, '[')) &&
	    (close = strchr(open, ']')) && close - open - 1 < (long)sizeof mode)
		snprintf(mode, sizeof mode, "%.*s", (int)(close - open - 1),
			 open + 1);
	fclose(f);
	return mode;
}

/* The mapping of /proc/self/smaps holding `p`: whether it is the brk
 * heap, glibc malloc's main arena (not a sanitizer's allocator, say), and
 * whether it is eligible for huge pages (1), not (0), or unknown (-1: no
 * such line on this kernel).  0 if no mapping holds `p`. */
static int
mapping_of(const void *p, int *brk_heap, int *eligible)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0, found = 0;
	uintptr_t at = (uintptr_t)p;

	*brk_heap = 0;
	*eligible = -1;
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		int v;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			if (found)
				break; /* past its fields */
			if ((in = at >= lo && at < hi)) {
				found = 1;
				*brk_heap = strstr(line, "[heap]") != NULL;
			}
			continue;
		}
		if (in && sscanf(line, "THPeligible: %d", &v) == 1)
			*eligible = v;
	}
	fclose(f);
	return found;
}

/* Is the mapping holding `p` eligible for huge pages (see mapping_of())? */
static int
eligible(const void *p)
{
	int brk_heap, yes;

	mapping_of(p, &brk_heap, &yes);
	return yes;
}

/* Is `p` in the brk heap (see mapping_of())? */
static int
in_brk_heap(const void *p)
{
	int brk_heap, yes;

	mapping_of(p, &brk_heap, &yes);
	return brk_heap;
}

/* Fill `n` blocks of `size` bytes, each with its own byte; are they all
 * still what was written once all are allocated? */
static int
fill_and_check(size_t n, size_t size)
{
	unsigned char **blocks = calloc(n, sizeof *blocks);
	int good = blocks != NULL;

	for (size_t i = 0; good && i < n; i++) {
		if ((blocks[i] = malloc(size)) == NULL)
			good = 0;
		else
			memset(blocks[i], (int)(i & 0xff), size);
	}
	for (size_t i = 0; good && i < n; i++)
		for (size_t j = 0; j < size; j += 4093)
			if (blocks[i][j] != (unsigned char)(i & 0xff))
				good = 0;
	for (size_t i = 0; blocks && i < n; i++)
		free(blocks[i]);
	free(blocks);
	return good;
}

struct worker_seen {
	int eligible;
	int good;
};

static void *
worker(void *arg)
{
	struct worker_seen *seen = arg;
	void *p;

	bulkmem_thread_begin();
	p = malloc(1024);
	seen->eligible = eligible(p);
	free(p);
	seen->good = fill_and_check(256, 16 << 10);
	return NULL;
}

int
main(void)
{
	const char *mode = thp_mode();
	int advisable = strcmp(mode, "madvise") == 0 ||
			strcmp(mode, "always") == 0;
	struct worker_seen seen = { -1, 0 };
	pthread_t thread;
	void *p = malloc(64);
	int brk_heap = in_brk_heap(p);

	free(p);
#if !(defined(HAVE_MALLINFO2) && defined(HAVE_MALLOPT) && \
      defined(HAVE_MADVISE))
	brk_heap = 0; /* no way to ask */
#endif

	/* off: nothing asked */
	setenv("TMGLOSS_HUGE_PAGES", "0", 1);
	bulkmem_begin();
	ok(!bulkmem_advised(), "TMGLOSS_HUGE_PAGES=0: no advice asked");
	bulkmem_end();
	unsetenv("TMGLOSS_HUGE_PAGES");

	bulkmem_begin();
	bulkmem_begin(); /* a nested pass: an import indexing at its commit */
	if (!advisable || !brk_heap) {
		const char *why = !*mode ? "no transparent huge pages here" :
				  !advisable ? "transparent huge pages are off" :
				  "malloc is not glibc's brk heap here";

		skip(why, "the heap's top is advised");
		skip(why, "a small allocation of the pass is eligible");
		skip(why, "an allocation of the pass is eligible");
	} else {
		ok(bulkmem_advised(), "the heap's top is advised (%s)", mode);
		/* from the first huge page on, not from the small pages
		 * below it (a short search's few hundred kilobytes) */
		p = malloc(200 << 10);
		ok(p && eligible(p) == 1, "a small allocation of the pass is "
		   "eligible for huge pages");
		free(p);
		/* larger than a huge page: from the advised top */
		p = malloc(4 << 20);
		ok(p && eligible((char *)p + (2 << 20)) == 1,
		   "an allocation of the pass is eligible for huge pages");
		free(p);
	}
	ok(fill_and_check(512, 32 << 10),
	   "16 MiB allocated during the pass hold what was written");
	bulkmem_end();
	ok(fill_and_check(64, 64 << 10),
	   "an inner pass's end keeps the outer one going");
	if (pthread_create(&thread, NULL, worker, &seen) == 0) {
		pthread_join(thread, NULL);
		ok(seen.good, "a worker's allocations hold what was written");
		if (advisable && brk_heap && seen.eligible >= 0)
			ok(seen.eligible == 1,
			   "a worker's arena is eligible for huge pages");
		else
			skip("no advice or no THPeligible here",
			     "a worker's arena is eligible for huge pages");
	} else {
		skip("no thread", "a worker's allocations hold what was written");
		skip("no thread", "a worker's arena is eligible for huge pages");
	}
	bulkmem_end();
	bulkmem_end(); /* one too many: nothing happens */
	ok(fill_and_check(64, 64 << 10), "after the pass, memory as usual");
	return done_testing();
}
