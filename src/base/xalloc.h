/*
 * xalloc.h -- allocation that cannot fail: on exhaustion the process prints
 * a message and exits, as git's xmalloc does.  Internal to the engine.
 */
#ifndef TMGLOSS_XALLOC_H
#define TMGLOSS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

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

#endif
