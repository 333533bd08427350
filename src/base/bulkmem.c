/*
 * bulkmem.c -- huge pages for the heap of a bulk pass (bulkmem.h).
 *
 * Why: an index pass or an import touches tens of megabytes of fresh heap
 * (SQLite's page cache, the posting builder's arrays, the batches), and on
 * a virtual machine each first touch of a 4 KiB page is a fault of 10-16
 * µs: the real memory's first match took 15,000 of them, about a sixth of
 * its CPU.  Touched in 2 MiB pages, the same memory takes some hundreds
 * (BENCHMARKS.md, issue 16).  A short search is a pass of its own: one
 * `tmgloss match TEXT` copies a few hundred pages of the memory, and one
 * huge page zeroed (0.13-0.18 ms here) costs less than the 4 KiB faults
 * it saves (cmd-match.c).  glibc does this for a whole process when
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1 is in its environment at exec,
 * from wherever its heap begins: a small search then touches only the
 * small pages below the heap's first huge page, and is slower.
 *
 * How, with glibc on Linux (elsewhere, nothing is done):
 *   - the main arena (the heap that brk grows): mallopt() makes it grow
 *     BULK_TOP_PAD at a time and keep what is freed at its top, with
 *     allocations up to BULK_MMAP taken from it rather than mapped apart;
 *     the heap is grown once now, its free top (mallinfo2()'s keepcost,
 *     which ends at the break) advised MADV_HUGEPAGE from its first
 *     whole huge page on, and a block that is never touched holds the
 *     small pages below it, so that what the heap gives next starts on
 *     huge pages; the kernel's mode in sysfs must offer them;
 *   - another thread's arena is a mapping that glibc reserves whole and
 *     opens as it grows: the mapping holding a fresh allocation of the
 *     thread, and the reserve right after it, are advised.
 * The advice is for whole 2 MiB pages inside those ranges, memory that
 * belongs to malloc and to nothing else; the kernel may decline it.  An
 * allocation is never moved or changed: only how the kernel backs pages
 * not yet touched.
 *
 * What it costs: resident memory grows in 2 MiB steps, so a pass's peak
 * RSS is up to a few megabytes larger; and while the pass lasts, up to
 * BULK_TRIM of free heap stays with the process.  bulkmem_end() puts the
 * usual thresholds back.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(HAVE_MALLINFO2) && defined(HAVE_MALLOPT) && defined(HAVE_MADVISE)
#include <malloc.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "base/bulkmem.h"

#ifndef __has_feature
#define __has_feature(x) 0
#endif
/* glibc's malloc only: a sanitizer's allocator has mappings of its own */
#if defined(HAVE_MALLINFO2) && defined(HAVE_MALLOPT) && \
	defined(HAVE_MADVISE) && defined(MADV_HUGEPAGE) && \
	defined(M_TOP_PAD) && defined(M_TRIM_THRESHOLD) && \
	defined(M_MMAP_THRESHOLD) && !defined(__SANITIZE_ADDRESS__) && \
	!__has_feature(address_sanitizer)
#define BULKMEM 1
#endif

#ifdef BULKMEM
#define HUGE_PAGE ((uintptr_t)2 << 20)
/* The main heap grows this much at a time during a pass... */
#define BULK_TOP_PAD (64 << 20)
/* ... keeps this much free at its top ... */
#define BULK_TRIM (128 << 20)
/* ... and gives allocations up to this size (the posting builder's
 * arrays) rather than mapping them apart in 4 KiB pages. */
#define BULK_MMAP (32 << 20)
/* glibc's defaults (mallopt(3)), put back at the end. */
#define USUAL_TOP_PAD (128 << 10)
#define USUAL_TRIM (128 << 10)
#define USUAL_MMAP (128 << 10)

/* A server's threads may run passes at once: the counts under a lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int main_advised;
static int depth; /* bulkmem_begin() calls not yet ended */
static void *spacer; /* the main heap's small pages, held (advise_main_heap) */

static int
enabled(void)
{
	const char *env = getenv("TMGLOSS_HUGE_PAGES");

	return !(env && strcmp(env, "0") == 0);
}

/* Advise the whole huge pages within [from, to): 1 if the kernel took it. */
static int
advise(uintptr_t from, uintptr_t to)
{
	from = (from + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	to &= ~(HUGE_PAGE - 1);
	if (to <= from)
		return 0;
	return madvise((void *)from, to - from, MADV_HUGEPAGE) == 0;
}

/*
 * The mapping of /proc/self/maps that holds `p`: its bounds, whether it is
 * the brk heap, and where the inaccessible reserve right after it ends
 * (`*reserve_end` is `*end` when there is none).  0 if it was not found.
 */
static int
find_mapping(uintptr_t p, uintptr_t *start, uintptr_t *end,
	     uintptr_t *reserve_end, int *is_heap)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[512];
	int found = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8];
		int n = 0;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s%n", &lo, &hi, perms,
			   &n) < 3)
			continue;
		if (found) {
			/* the reserve glibc keeps after a thread's heap */
			if (lo == *end && strcmp(perms, "---p") == 0 &&
			    line[n + strspn(line + n, " ")] == '\n')
				*reserve_end = hi;
			break;
		}
		if (p >= lo && p < hi) {
			*start = lo;
			*end = *reserve_end = hi;
			*is_heap = strstr(line + n, "[heap]") != NULL;
			found = 1;
		}
	}
	fclose(f);
	return found;
}

/* Does the kernel give huge pages where they are asked for ("madvise"
 * or "always" in sysfs)?  Elsewhere the advice is taken and does nothing,
 * and a caller that counts on it (memory_copy_reads_only()) would copy
 * into 4 KiB pages. */
static int
kernel_gives_huge_pages(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
	char line[128];
	int yes = 0;

	if (f == NULL)
		return 0;
	if (fgets(line, sizeof line, f))
		yes = strstr(line, "[madvise]") || strstr(line, "[always]");
	fclose(f);
	return yes;
}

/* The main arena: grow its top now, keep it, advise it, and have what
 * it gives next start on its first huge page. */
static void
advise_main_heap(void)
{
	struct mallinfo2 mi;
	uintptr_t brk_end, top, first;
	void *p = NULL;

	mallopt(M_TRIM_THRESHOLD, BULK_TRIM);
	mallopt(M_TOP_PAD, BULK_TOP_PAD);
	mallopt(M_MMAP_THRESHOLD, BULK_MMAP);
	mi = mallinfo2();
	/* an allocation larger than the free top makes the heap grow, by
	 * the allocation and BULK_TOP_PAD */
	if (mi.keepcost < BULK_TOP_PAD / 2)
		p = malloc(mi.keepcost + 4096);
	free(p);
	mi = mallinfo2();
	brk_end = (uintptr_t)sbrk(0);
	if (mi.keepcost == 0 || mi.keepcost >= brk_end ||
	    !kernel_gives_huge_pages())
		return;
	/* the free top begins at `top`; its first whole huge page (with
	 * room below it for the spacer's header) at `first` */
	top = brk_end - mi.keepcost;
	first = (top + 4096 + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (first >= brk_end || !advise(first, brk_end))
		return;
	main_advised = 1;
	/* The pages between `top` and `first` are small ones, up to 2 MiB
	 * of them: a search that allocates a few hundred kilobytes would
	 * touch only those, one fault each (the reason a small search was
	 * slower with huge pages).  A block that fills them, never touched
	 * past its header, makes the next allocations start at `first`:
	 * glibc cuts a block of n bytes as a chunk of n + sizeof(size_t)
	 * rounded up to 16, from the top.  Elsewhere it lands apart and
	 * only wastes addresses until bulkmem_end(). */
	spacer = malloc(first - top - sizeof(size_t));
}

/* The mapping of a fresh allocation of this thread, which shows its
 * arena: 1 and its bounds if found. */
static int
own_arena(uintptr_t *start, uintptr_t *reserve_end, int *is_heap)
{
	uintptr_t end;
	void *p = malloc(64);
	int found;

	if (p == NULL)
		return 0;
	found = find_mapping((uintptr_t)p, start, &end, reserve_end, is_heap);
	free(p);
	return found;
}
#endif

/* Does this thread allocate from the brk heap, which begins past the
 * program's data (`end`) and ends at the break?  Without reading
 * /proc/self/maps (0.1-0.2 ms of a short process). */
static int
allocates_from_brk_heap(void)
{
	extern char end[];
	void *p = malloc(64);
	int yes = p && (uintptr_t)p >= (uintptr_t)end &&
		  (uintptr_t)p < (uintptr_t)sbrk(0);

	free(p);
	return yes;
}

void
bulkmem_begin(void)
{
#ifdef BULKMEM
	pthread_mutex_lock(&lock);
	if (depth++ == 0 && enabled() && allocates_from_brk_heap())
		advise_main_heap();
	pthread_mutex_unlock(&lock);
#endif
}

void
bulkmem_thread_begin(void)
{
#ifdef BULKMEM
	uintptr_t start, reserve_end;
	int is_heap;

	if (enabled() && own_arena(&start, &reserve_end, &is_heap) &&
	    !is_heap)
		advise(start, reserve_end);
#endif
}

void
bulkmem_end(void)
{
#ifdef BULKMEM
	pthread_mutex_lock(&lock);
	if (depth > 0 && --depth == 0) {
		free(spacer);
		spacer = NULL;
		mallopt(M_TOP_PAD, USUAL_TOP_PAD);
		mallopt(M_TRIM_THRESHOLD, USUAL_TRIM);
		mallopt(M_MMAP_THRESHOLD, USUAL_MMAP);
	}
	pthread_mutex_unlock(&lock);
#endif
}

int
bulkmem_advised(void)
{
#ifdef BULKMEM
	int advised;

	pthread_mutex_lock(&lock);
	advised = main_advised;
	pthread_mutex_unlock(&lock);
	return advised;
#else
	return 0;
#endif
}
