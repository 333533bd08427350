/*
 * index/posting-reader.h -- internal to the engine: reading one run of a
 * posting list, the `ids` blob that posting-builder.c writes and both
 * indexes store (fuzzy_postings, suggest_postings): ascending ids,
 * delta-coded as LEB128 varints (base/varint.h), the first written whole.
 *
 * A run that ends inside a varint is damaged: the reader says so and
 * gives no id made of the bytes it has, rather than a wrong one.
 */
#ifndef TMGLOSS_INDEX_POSTING_READER_H
#define TMGLOSS_INDEX_POSTING_READER_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/varint.h"

struct posting_reader {
	const unsigned char *p, *end;
	int64_t id;     /* the last id read */
};

/* Read the run `blob` of `len` bytes (NULL when empty, as SQLite gives
 * an empty blob); the blob must outlive the reader. */
static inline void
posting_reader_init(struct posting_reader *r, const void *blob, size_t len)
{
	r->p = blob;
	r->end = blob ? r->p + len : r->p;
	r->id = 0;
}

/* Set `err`: the run read from the index of `db` is damaged.  Returns -1. */
int posting_reader_damaged(sqlite3 *db, struct tmg_error *err);

/*
 * The next id of the run into *id: 1, or 0 at its end, or -1 with `err`
 * set (posting_reader_damaged(), `db` names the file) when the run ends
 * inside a varint or holds one longer than VARINT_MAX bytes.
 */
static inline int
posting_reader_next(struct posting_reader *r, sqlite3 *db, int64_t *id,
		    struct tmg_error *err)
{
	uint64_t delta;
	size_t len;

	if (r->p >= r->end)
		return 0;
	if (*r->p < 0x80) {	/* most deltas take one byte */
		delta = *r->p++;
	} else {
		len = varint_get(r->p, r->end, &delta);
		if (len == 0)
			return posting_reader_damaged(db, err);
		r->p += len;
	}
	r->id += (int64_t)delta;
	*id = r->id;
	return 1;
}

/* Is the run `blob` of `len` bytes whole: every varint in it complete
 * and of at most VARINT_MAX bytes, as posting_reader_next() reads them
 * (tmgloss stats --verify)? */
static inline int
posting_run_whole(const void *blob, size_t len)
{
	const unsigned char *p = blob, *end = blob ? p + len : p;
	uint64_t v;

	while (p < end) {
		size_t n = varint_get(p, end, &v);

		if (n == 0)
			return 0;
		p += n;
	}
	return 1;
}

#endif /* TMGLOSS_INDEX_POSTING_READER_H */
