/*
 * xalloc.h -- allocation that cannot fail: on exhaustion the process prints
 * a message and exits, as git's xmalloc does.  Internal to the engine.
 */
#ifndef TMGLOSS_XALLOC_H
#define TMGLOSS_XALLOC_H

#include <stddef.h>

/* Print "out of memory" and exit: for a library that reports exhaustion
 * instead of allocating through these functions. */
void xalloc_die(void) __attribute__((noreturn));

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Make room for `nr` elements in the array `x` of `alloc` elements, as
 * git's ALLOC_GROW: when nr > alloc, alloc doubles (from 8) until nr
 * fits and `x` is reallocated; elements past the old alloc are not
 * initialised.  `x` and `alloc` are lvalues evaluated more than once.
 */
#define ALLOC_GROW(x, nr, alloc)					\
	do {								\
		if ((size_t)(nr) > (size_t)(alloc)) {			\
			(alloc) = alloc_grow_size((alloc), (nr));	\
			(x) = xreallocarray((x), (alloc), sizeof *(x));	\
		}							\
	} while (0)

/* ALLOC_GROW's new size for an array of `alloc` that must hold `nr`. */
size_t alloc_grow_size(size_t alloc, size_t nr);

/* A growable byte buffer, always NUL-terminated. */
struct strbuf {
	char *buf;
	size_t len, alloc;
};

void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const char *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_reset(struct strbuf *sb);
/* Hand the buffer to the caller (to free) and empty the strbuf. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

struct tmg_error;
/* Append the whole file at `path` to `sb`: 0, or -1 with `err` naming the
 * file and the system's reason. */
int strbuf_read_file(struct strbuf *sb, const char *path,
		     struct tmg_error *err);

/* write(2) all `len` bytes of `buf` to `fd`, again after EINTR and short
 * writes: 0, or -1 with errno set (EIO when write gives 0). */
int write_all(int fd, const void *buf, size_t len);

#endif
