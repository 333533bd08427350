/*
 * bulkmem.h -- huge pages for the heap of a bulk pass (an import, an index
 * pass, a short search's copies of pages), where the kernel offers them
 * on request (transparent huge pages in "madvise" mode, Debian's and
 * Ubuntu's default).  Internal to the engine; see bulkmem.c for why and
 * what it costs.
 */
#ifndef TMGLOSS_BULKMEM_H
#define TMGLOSS_BULKMEM_H

/* Input files from this size are read as a bulk pass (an import's). */
#define BULKMEM_FILE_BYTES (8 << 20)

/*
 * Ask for huge pages for what the main heap gives from now on, until
 * bulkmem_end(); call it from the main thread, at the start of the pass
 * (a short search's process: before the memory is opened).
 * Passes may nest (an import that indexes at its commit): only the
 * outermost pair counts.
 * Only advice: it never fails, and does nothing when TMGLOSS_HUGE_PAGES=0
 * is in the environment, when the C library or the kernel has no way to
 * ask, or when the kernel declines.
 */
void bulkmem_begin(void);

/*
 * The same for the malloc arena of a worker thread of the pass, at its
 * start (nothing if that thread allocates from the main heap).
 */
void bulkmem_thread_begin(void);

/*
 * The end of the bulk pass, in the thread that began it first (the main
 * one): the heap is again trimmed as usual, and what the pass left free
 * at its top is given back.
 */
void bulkmem_end(void);

/* Whether bulkmem_begin() had the main heap's advice taken, where the
 * kernel's mode offers huge pages: what the heap gives next is on them,
 * unless the kernel has none free. */
int bulkmem_advised(void);

#endif
