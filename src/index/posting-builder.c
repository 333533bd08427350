/*
 * posting-builder.c -- posting lists gathered in bounded memory: what an
 * index update (index-update.c) adds to the fuzzy-matching and the
 * translation indexes, handed back sorted by key when the index flushes
 * them, before the update commits (posting-builder.h).
 *
 * In memory: an open-addressing table of lists, each a key, its first and
 * last id, a count and its varint bytes (inline up to INLINE_BYTES, which
 * holds most lists: the many keys seen once cost no allocation).  When the
 * table and the lists' buffers pass the budget, the lists are sorted by
 * key and written to a temporary file as one *run*, and the table is
 * emptied.  The finish merges the runs (and what is still in memory) by
 * key; since ids only ascend, the lists of one key in run order are its
 * list cut in pieces, and they are joined back (the first id of a piece
 * becomes a delta again) into runs of at most POSTING_RUN_MAX bytes.
 *
 * Runs are merged as they come, in tiers, so that the finish reads a
 * bounded number of file positions at once and each posting is copied a
 * logarithmic number of times: a spilled run is of level 0, and whenever
 * the newest MERGE_FANIN runs are of one level they are merged into one
 * of the next level.  Levels only fall from the oldest run to the newest,
 * so a merge always takes the newest runs, and the runs stay in the order
 * their ids came in.  (Merging every run into one whenever there were 32,
 * as was done before, copied the early postings again at every merge:
 * quadratic in the number of runs, most of the time of indexing a million
 * units.)
 *
 * Record of a run in the file: the key (8 bytes, little-endian), then as
 * varints the first id, last - first, n and the blob's length, then the
 * blob (the first id whole).  The file is tmpfile()'s: unlinked from the
 * start, so nothing of a rolled-back or crashed update stays behind, and
 * the database sees only what the finish writes, inside the caller's
 * transaction.
 *
 * Invariants: every key in the table is non-zero; within one key, ids in
 * the table are above every id of that key in the runs; a record's blob
 * is at most POSTING_RUN_MAX bytes.
 */
#include <config.h>

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/varint.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "index/posting-builder.h"

#define INLINE_BYTES 16
/* Runs of one level merged into one of the next. */
#define MERGE_FANIN 16
/* Room for 8 levels (16^8 runs); past it every run is merged into one. */
#define MAX_RUNS (8 * (MERGE_FANIN - 1) + 1)
/* Longest record header: 8 bytes of key and four varints. */
#define HEADER_MAX (8 + 4 * VARINT_MAX)
/* What malloc costs beyond the bytes asked for (accounting only). */
#define MALLOC_OVERHEAD 16

struct list {
	int64_t key; /* 0: free slot */
	int64_t first, last;
	uint32_t n, len, cap; /* cap 0: the bytes are inline */
	union {
		unsigned char bytes[INLINE_BYTES];
		unsigned char *buf;
	} u;
};

/* A piece of a key's list: ids ascending, the first written whole. */
struct piece {
	int64_t key, first, last;
	long n;
	const unsigned char *ids;
	size_t len;
};

/* A used list of the table: its key and slot (sort_table()). */
struct order {
	int64_t key;
	size_t slot;
};

struct run {
	long long start, end; /* byte offsets in the spill file */
	int level;            /* 0 spilled, n + 1 merged from level n */
};

struct posting_builder {
	size_t budget;
	struct list *table;
	size_t size, used;
	struct order *order, *order_tmp; /* sort_table()'s */
	size_t aorder;
	size_t heap_bytes; /* the lists' own buffers */
	FILE *spill;       /* NULL until the first run */
	long long spill_end;
	struct run runs[MAX_RUNS];
	size_t nruns;
};

/* Where joined runs go: the caller's function, or a new run in the file. */
struct sink {
	posting_run_fn write;
	void *arg;
	struct posting_builder *to_file;
	/* the run being joined */
	int64_t key, first, last;
	long n;
	int seen;             /* key and last are set */
	struct strbuf ids;
	struct strbuf scratch; /* piece_above()'s */
};

/* ------------------------------------------------------------- memory */

struct posting_builder *
posting_builder_new(size_t memory_budget)
{
	struct posting_builder *b = xcalloc(1, sizeof *b);
	const char *env = getenv("TMGLOSS_POSTINGS_MEMORY");

	/* tests set a tiny budget to make every update spill and merge */
	if (env && *env)
		memory_budget = (size_t)strtoul(env, NULL, 10);
	b->budget = memory_budget;
	return b;
}

size_t
posting_builder_memory(const struct posting_builder *b)
{
	return b->size * sizeof *b->table + b->heap_bytes;
}

static unsigned char *
list_bytes(struct list *l)
{
	return l->cap ? l->u.buf : l->u.bytes;
}

static struct list *
find_slot(struct list *table, size_t size, int64_t key)
{
	size_t mask = size - 1, i = (size_t)hash_mix64((uint64_t)key) & mask;

	while (table[i].key != 0 && table[i].key != key)
		i = (i + 1) & mask;
	return &table[i];
}

/* Empty the table, keeping its size (it is the budget's larger part). */
static void
clear_table(struct posting_builder *b)
{
	for (size_t i = 0; i < b->size; i++)
		if (b->table[i].key != 0 && b->table[i].cap)
			free(b->table[i].u.buf);
	if (b->table)
		memset(b->table, 0, b->size * sizeof *b->table);
	b->used = 0;
	b->heap_bytes = 0;
}

static void
grow_table(struct posting_builder *b)
{
	size_t size = b->size ? 2 * b->size : 1024;
	struct list *table = xcalloc(size, sizeof *table);

	for (size_t i = 0; i < b->size; i++)
		if (b->table[i].key != 0)
			*find_slot(table, size, b->table[i].key) = b->table[i];
	free(b->table);
	b->table = table;
	b->size = size;
}

/* A digit of a key for sorting: its bits flipped at the sign, so that the
 * keys sort as signed numbers, as SQLite orders them. */
static unsigned
key_digit(int64_t key, unsigned shift)
{
	return (unsigned)((((uint64_t)key ^ (1ULL << 63)) >> shift) & 0xff);
}

/* b->order[0..used): the slots of the used lists in key order.  A radix
 * sort of these 16-byte pairs, a byte of the key per pass (a pass whose
 * byte is the same in every key is skipped): on 20,000 units of the real
 * memory it takes 78 M instructions where qsort() took 286 M, 5.6 % of
 * the index pass. */
static void
sort_table(struct posting_builder *b)
{
	struct order *from, *to, *t;
	size_t count[256], j = 0, n = b->used;

	if (b->aorder < n) {
		b->aorder = n;
		b->order = xreallocarray(b->order, b->aorder,
					 sizeof *b->order);
		b->order_tmp = xreallocarray(b->order_tmp, b->aorder,
					     sizeof *b->order_tmp);
	}
	for (size_t i = 0; i < b->size; i++)
		if (b->table[i].key != 0) {
			b->order[j].key = b->table[i].key;
			b->order[j++].slot = i;
		}
	assert(j == n);
	from = b->order;
	to = b->order_tmp;
	for (unsigned shift = 0; n > 1 && shift < 64; shift += 8) {
		size_t sum = 0;

		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[key_digit(from[i].key, shift)]++;
		if (count[key_digit(from[0].key, shift)] == n)
			continue;
		for (unsigned d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[key_digit(from[i].key, shift)]++] = from[i];
		t = from, from = to, to = t;
	}
	if (from != b->order)
		memcpy(b->order, from, n * sizeof *b->order);
}

/* ------------------------------------------------------ the spill file */

static int
spill_error(struct tmg_error *err, int errnum)
{
	tmg_error_set(err, NULL, 0, 0,
		      _("cannot write the index's temporary file: %s"),
		      strerror(errnum));
	return -1;
}

static int
spill_write(struct posting_builder *b, const void *data, size_t len,
	    struct tmg_error *err)
{
	if (len && fwrite(data, 1, len, b->spill) != len)
		return spill_error(err, errno ? errno : EIO);
	b->spill_end += (long long)len;
	return 0;
}

/* Append one record to the spill file (the run being written). */
static int
spill_record(struct posting_builder *b, const struct piece *p,
	     struct tmg_error *err)
{
	unsigned char head[HEADER_MAX];
	size_t n = 0;

	for (int i = 0; i < 8; i++)
		head[n++] = (unsigned char)((uint64_t)p->key >> (8 * i));
	n += varint_put(head + n, (uint64_t)p->first);
	n += varint_put(head + n, (uint64_t)(p->last - p->first));
	n += varint_put(head + n, (uint64_t)p->n);
	n += varint_put(head + n, (uint64_t)p->len);
	if (spill_write(b, head, n, err) < 0 ||
	    spill_write(b, p->ids, p->len, err) < 0)
		return -1;
	return 0;
}

static int
spill_open(struct posting_builder *b, struct tmg_error *err)
{
	if (b->spill)
		return 0;
	b->spill = tmpfile();
	if (b->spill == NULL)
		return spill_error(err, errno);
	setvbuf(b->spill, NULL, _IOFBF, 1 << 16);
	b->spill_end = 0;
	return 0;
}

static void
spill_reset(struct posting_builder *b)
{
	if (b->spill) {
		fclose(b->spill);
		b->spill = NULL;
	}
	b->nruns = 0;
	b->spill_end = 0;
}

/* ---------------------------------------------------------- the joining */

static int
sink_emit(struct sink *s, struct tmg_error *err)
{
	int rc;

	if (s->ids.len == 0)
		return 0;
	if (s->to_file) {
		struct piece p = { s->key, s->first, s->last, s->n,
				   (const unsigned char *)s->ids.buf,
				   s->ids.len };
		rc = spill_record(s->to_file, &p, err);
	} else {
		rc = s->write(s->arg, s->key, s->first, s->n, s->ids.buf,
			      s->ids.len, err);
	}
	strbuf_reset(&s->ids);
	return rc;
}

/*
 * The part of piece `p` above id `last` (ids ascend) into `out`, written
 * in `scratch`; 0 if nothing is left.  An id added again just after a
 * spill starts the next run with the id the last one ended with.
 */
static int
piece_above(const struct piece *p, int64_t last, struct strbuf *scratch,
	    struct piece *out)
{
	const unsigned char *q = p->ids, *end = p->ids + p->len;
	int64_t id = 0;
	long n = p->n;

	while (q < end) {
		uint64_t v;
		size_t k = varint_get(q, end, &v);
		unsigned char whole[VARINT_MAX];

		if (k == 0)
			return 0;
		id += (int64_t)v;
		q += k;
		if (id > last) {
			strbuf_reset(scratch);
			strbuf_add(scratch, (const char *)whole,
				   varint_put(whole, (uint64_t)id));
			strbuf_add(scratch, (const char *)q,
				   (size_t)(end - q));
			*out = (struct piece){ p->key, id, p->last, n,
					       (const unsigned char *)
						       scratch->buf,
					       scratch->len };
			return 1;
		}
		n--;
	}
	return 0;
}

/* Add a piece, which follows the last one in key and id order. */
static int
sink_add(struct sink *s, const struct piece *p, struct tmg_error *err)
{
	struct piece above;

	if (s->key == p->key && s->seen && p->first <= s->last) {
		if (!piece_above(p, s->last, &s->scratch, &above))
			return 0;
		p = &above;
	}
	s->seen = 1;
	if (s->ids.len > 0 && s->key == p->key && p->first > s->last) {
		uint64_t whole;
		size_t head = varint_get(p->ids, p->ids + p->len, &whole);
		unsigned char delta[VARINT_MAX];
		size_t dlen = varint_put(delta,
					 (uint64_t)(p->first - s->last));

		assert(head > 0 && (int64_t)whole == p->first);
		if (s->ids.len + dlen + p->len - head <= POSTING_RUN_MAX) {
			strbuf_add(&s->ids, (const char *)delta, dlen);
			strbuf_add(&s->ids, (const char *)p->ids + head,
				   p->len - head);
			s->last = p->last;
			s->n += p->n;
			return 0;
		}
	}
	if (sink_emit(s, err) < 0)
		return -1;
	s->key = p->key;
	s->first = p->first;
	s->last = p->last;
	s->n = p->n;
	strbuf_add(&s->ids, (const char *)p->ids, p->len);
	return 0;
}

static void
sink_release(struct sink *s)
{
	strbuf_release(&s->ids);
	strbuf_release(&s->scratch);
}

/*
 * Hand list `l` (the first id whole) to `s`, cut into pieces of at most
 * POSTING_RUN_MAX bytes.
 */
static int
sink_add_list(struct sink *s, int64_t key, int64_t first, int64_t last,
	      long n, const unsigned char *ids, size_t len,
	      struct tmg_error *err)
{
	const unsigned char *p = ids, *end = ids + len, *start = ids;
	struct strbuf cut = { 0 };
	int64_t id = 0, piece_first = first;
	long count = 0;
	int rc = 0;

	if (len <= POSTING_RUN_MAX) {
		struct piece whole = { key, first, last, n, ids, len };
		return sink_add(s, &whole, err);
	}
	/* walk the ids; a piece ends before the id that would overflow it */
	while (p < end) {
		uint64_t v;
		size_t k = varint_get(p, end, &v);
		int64_t next = id + (int64_t)v;
		size_t piece_len;

		assert(k > 0);
		piece_len = (size_t)(p - start) + k;
		if (count > 0 && cut.len + piece_len > POSTING_RUN_MAX) {
			struct piece pc;
			strbuf_add(&cut, (const char *)start,
				   (size_t)(p - start));
			pc = (struct piece){ key, piece_first, id, count,
					     (const unsigned char *)cut.buf,
					     cut.len };
			if ((rc = sink_add(s, &pc, err)) < 0)
				break;
			strbuf_reset(&cut);
			/* the next piece starts with its id whole */
			{
				unsigned char w[VARINT_MAX];
				strbuf_add(&cut, (const char *)w,
					   varint_put(w, (uint64_t)next));
			}
			start = p + k;
			piece_first = next;
			count = 0;
		}
		id = next;
		count++;
		p += k;
	}
	if (rc == 0 && count > 0) {
		struct piece pc;
		strbuf_add(&cut, (const char *)start, (size_t)(end - start));
		pc = (struct piece){ key, piece_first, id, count,
				     (const unsigned char *)cut.buf, cut.len };
		rc = sink_add(s, &pc, err);
	}
	strbuf_release(&cut);
	return rc;
}

/* Write the table as a new run in the spill file and empty it. */
static int
spill_table(struct posting_builder *b, struct tmg_error *err)
{
	struct sink s = { .to_file = b };
	int rc = 0;

	if (spill_open(b, err) < 0)
		return -1;
	b->runs[b->nruns].start = b->spill_end;
	sort_table(b);
	for (size_t i = 0; i < b->used && rc == 0; i++) {
		struct list *l = &b->table[b->order[i].slot];
		rc = sink_add_list(&s, l->key, l->first, l->last, (long)l->n,
				   list_bytes(l), l->len, err);
	}
	if (rc == 0)
		rc = sink_emit(&s, err);
	sink_release(&s);
	clear_table(b);
	if (rc < 0)
		return -1;
	b->runs[b->nruns].level = 0;
	b->runs[b->nruns++].end = b->spill_end;
	return 0;
}

/* --------------------------------------------------------- the merging */

/* A run read back through a buffer of its own. */
struct reader {
	long long pos, end;   /* next byte to read from the file, run end */
	unsigned char *buf;
	size_t cap, have, at; /* buffer bytes held, and consumed */
	struct piece cur;
	int done;
};

static int
reader_fill(FILE *f, struct reader *r, size_t need, struct tmg_error *err)
{
	if (r->have - r->at >= need)
		return 0;
	memmove(r->buf, r->buf + r->at, r->have - r->at);
	r->have -= r->at;
	r->at = 0;
	if (need > r->cap) {
		r->cap = need;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	while (r->have < r->cap && r->pos < r->end) {
		size_t want = r->cap - r->have;
		ssize_t got;
		if ((long long)want > r->end - r->pos)
			want = (size_t)(r->end - r->pos);
		got = pread(fileno(f), r->buf + r->have, want, (off_t)r->pos);
		if (got <= 0)
			return spill_error(err, got < 0 ? errno : EIO);
		r->have += (size_t)got;
		r->pos += got;
	}
	return 0;
}

/* The next record of the run into r->cur, or r->done. */
static int
reader_next(FILE *f, struct reader *r, struct tmg_error *err)
{
	const unsigned char *p, *end;
	uint64_t first, span, n, len;
	size_t k, used = 8;

	if (r->have == r->at && r->pos >= r->end) {
		r->done = 1;
		return 0;
	}
	if (reader_fill(f, r, HEADER_MAX, err) < 0)
		return -1;
	p = r->buf + r->at;
	end = r->buf + r->have;
	if (end - p < 8)
		goto corrupt;
	r->cur.key = 0;
	for (int i = 0; i < 8; i++)
		r->cur.key |= (int64_t)((uint64_t)p[i] << (8 * i));
	if ((k = varint_get(p + used, end, &first)) == 0)
		goto corrupt;
	used += k;
	if ((k = varint_get(p + used, end, &span)) == 0)
		goto corrupt;
	used += k;
	if ((k = varint_get(p + used, end, &n)) == 0)
		goto corrupt;
	used += k;
	if ((k = varint_get(p + used, end, &len)) == 0 ||
	    len > POSTING_RUN_MAX)
		goto corrupt;
	used += k;
	if (reader_fill(f, r, used + (size_t)len, err) < 0)
		return -1;
	if (r->have - r->at < used + (size_t)len)
		goto corrupt;
	r->cur.first = (int64_t)first;
	r->cur.last = (int64_t)(first + span);
	r->cur.n = (long)n;
	r->cur.ids = r->buf + r->at + used;
	r->cur.len = (size_t)len;
	r->at += used + (size_t)len;
	return 0;
corrupt:
	tmg_error_set(err, NULL, 0, 0, "%s",
		      _("the index's temporary file is damaged"));
	return -1;
}

/* Merge the runs from `from` on into `s`, keys ascending. */
static int
merge_runs(struct posting_builder *b, size_t from, struct sink *s,
	   struct tmg_error *err)
{
	struct reader readers[MAX_RUNS];
	size_t nruns = b->nruns - from;
	int rc = 0;

	memset(readers, 0, sizeof readers);
	if (fflush(b->spill) != 0)
		return spill_error(err, errno);
	for (size_t i = 0; i < nruns && rc == 0; i++) {
		readers[i].pos = b->runs[from + i].start;
		readers[i].end = b->runs[from + i].end;
		readers[i].cap = 16 << 10;
		readers[i].buf = xmalloc(readers[i].cap);
		rc = reader_next(b->spill, &readers[i], err);
	}
	while (rc == 0) {
		struct reader *min = NULL;

		/* the lowest key; between equal keys, the older run */
		for (size_t i = 0; i < nruns; i++)
			if (!readers[i].done &&
			    (min == NULL || readers[i].cur.key < min->cur.key))
				min = &readers[i];
		if (min == NULL)
			break;
		rc = sink_add(s, &min->cur, err);
		if (rc == 0)
			rc = reader_next(b->spill, min, err);
	}
	if (rc == 0)
		rc = sink_emit(s, err);
	for (size_t i = 0; i < nruns; i++)
		free(readers[i].buf);
	return rc;
}

/* Merge the runs from `from` on into one, written after them, of the
 * level above the highest of them (the first's). */
static int
merge_into_one(struct posting_builder *b, size_t from, struct tmg_error *err)
{
	struct sink s = { .to_file = b };
	long long start = b->spill_end;
	int level = b->runs[from].level + 1;
	int rc = merge_runs(b, from, &s, err);

	sink_release(&s);
	if (rc < 0)
		return -1;
	b->runs[from].start = start;
	b->runs[from].end = b->spill_end;
	b->runs[from].level = level;
	b->nruns = from + 1;
	return 0;
}

/* ------------------------------------------------------------- the API */

static int
spill(struct posting_builder *b, struct tmg_error *err)
{
	if (b->nruns == MAX_RUNS && merge_into_one(b, 0, err) < 0)
		return -1;
	if (spill_table(b, err) < 0)
		return -1;
	/* the newest MERGE_FANIN runs, when of one level, become one */
	while (b->nruns >= MERGE_FANIN &&
	       b->runs[b->nruns - MERGE_FANIN].level ==
	       b->runs[b->nruns - 1].level)
		if (merge_into_one(b, b->nruns - MERGE_FANIN, err) < 0)
			return -1;
	return 0;
}

int
posting_builder_add(struct posting_builder *b, int64_t key, int64_t id,
		    struct tmg_error *err)
{
	struct list *l;
	unsigned char *bytes;
	uint64_t v;

	assert(key != 0);
	if (2 * (b->used + 1) > b->size) {
		if (b->used > 0 && 2 * b->size * sizeof *b->table +
				   b->heap_bytes > b->budget) {
			if (spill(b, err) < 0)
				return -1;
		} else {
			grow_table(b);
		}
	}
	l = find_slot(b->table, b->size, key);
	if (l->key == 0) {
		l->key = key;
		l->first = id;
		v = (uint64_t)id;
		b->used++;
	} else if (id <= l->last) {
		return 0;
	} else {
		v = (uint64_t)(id - l->last);
	}
	if (l->len + VARINT_MAX > (l->cap ? l->cap : INLINE_BYTES)) {
		uint32_t cap = l->cap ? 2 * l->cap : 2 * INLINE_BYTES;
		unsigned char *buf = xmalloc(cap);
		memcpy(buf, list_bytes(l), l->len);
		if (l->cap)
			free(l->u.buf);
		b->heap_bytes += cap - l->cap + (l->cap ? 0 : MALLOC_OVERHEAD);
		l->u.buf = buf;
		l->cap = cap;
	}
	bytes = list_bytes(l);
	l->len += (uint32_t)varint_put(bytes + l->len, v);
	l->last = id;
	l->n++;
	if (posting_builder_memory(b) > b->budget && b->used > 1)
		return spill(b, err);
	return 0;
}

#define PREFETCH_AHEAD 8

int
posting_builder_add_keys(struct posting_builder *b, const int64_t *keys,
			 size_t n, int64_t id, struct tmg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n && b->size) {
			size_t slot = (size_t)hash_mix64((uint64_t)
					keys[i + PREFETCH_AHEAD]) &
				      (b->size - 1);
			__builtin_prefetch(&b->table[slot], 1);
		}
		if (posting_builder_add(b, keys[i], id, err) < 0)
			return -1;
	}
	return 0;
}

int
posting_builder_finish(struct posting_builder *b, posting_run_fn write,
		       void *arg, struct tmg_error *err)
{
	struct sink s = { .write = write, .arg = arg };
	int rc = 0;

	if (b->nruns == 0) {
		sort_table(b);
		for (size_t i = 0; i < b->used && rc == 0; i++) {
			struct list *l = &b->table[b->order[i].slot];
			rc = sink_add_list(&s, l->key, l->first, l->last,
					   (long)l->n, list_bytes(l), l->len,
					   err);
		}
		if (rc == 0)
			rc = sink_emit(&s, err);
	} else {
		if (b->used > 0)
			rc = spill(b, err);
		if (rc == 0)
			rc = merge_runs(b, 0, &s, err);
	}
	sink_release(&s);
	posting_builder_discard(b);
	return rc;
}

void
posting_builder_discard(struct posting_builder *b)
{
	if (b == NULL)
		return;
	clear_table(b);
	spill_reset(b);
}

void
posting_builder_free(struct posting_builder *b)
{
	if (b == NULL)
		return;
	posting_builder_discard(b);
	free(b->table);
	free(b->order);
	free(b->order_tmp);
	free(b);
}
