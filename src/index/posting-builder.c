/*
 * posting-builder.c -- posting lists gathered in bounded memory: what an
 * index update (index-update.c) adds to the fuzzy-matching and the
 * translation indexes, handed back sorted by key when the index flushes
 * them, before the update commits (posting-builder.h).
 *
 * In memory: a flat array of postings, each a key (8 bytes) and an id (4
 * bytes, above a base id of the array), appended as they come: an add is
 * a store at the end, with no lookup and no allocation.  When the array
 * is full, it is sorted by key, stably, so that a key's ids stay in the
 * order they came in: a counting sort on the key's top bits into scratch
 * arrays of the same size (the keys are hashes, so the buckets hold a few
 * postings each), then each bucket by insertion, or, if it is large,
 * by counting when it holds a few keys and by radix when it does not.
 * Its lists are written to a temporary file as one *run*, and the array
 * is emptied.  The array, its scratch and the counts are the
 * whole of the budget: 25 bytes a posting, where the hash table of lists
 * this replaced took 112 bytes for a list of one id (most of them), so a
 * run holds several times the postings and there are that many fewer
 * runs to write, read back and merge.
 *
 * The finish merges the runs (and what is still in memory) by key,
 * taking the next record from a tree of losers of the runs; since ids only
 * ascend, the lists of one key in run order are its list cut in pieces,
 * and they are joined back (the first id of a piece becomes a delta
 * again).  An id not above the last one of its key is dropped
 * there (the same id added twice, or added out of order).  Every list is
 * cut the same way whatever the runs were: each piece handed back is the
 * longest that starts where the last one ended and fits in
 * POSTING_RUN_MAX bytes, so the index written does not depend on the
 * budget.
 *
 * Runs are merged as they come, in tiers, so that the finish reads a
 * bounded number of file positions at once and each posting is copied a
 * logarithmic number of times: a spilled run is of level 0, and whenever
 * the newest MERGE_FANIN runs are of one level they are merged into one
 * of the next level.  Levels only fall from the oldest run to the newest,
 * so a merge always takes the newest runs, and the runs stay in the order
 * their ids came in.
 *
 * Record of a run in the file: the key (8 bytes, little-endian), then as
 * varints the first id, last - first, n and the blob's length, then the
 * blob (the first id whole).  The file is tmpfile()'s: unlinked from the
 * start, so nothing of a rolled-back or crashed update stays behind, and
 * the database sees only what the finish writes, inside the caller's
 * transaction.
 *
 * Invariants: base + ids[i] is the id of keys[i], and every id of the
 * array is within 2^32 of the base; within one key, the array's ids came
 * after every id of that key in the runs; a record's blob is at most
 * POSTING_RUN_MAX bytes and is the longest piece that fits, a key's
 * records in the file are in ascending id order.
 */
#include <config.h>

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/varint.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "index/posting-builder.h"

/* Runs of one level merged into one of the next. */
#define MERGE_FANIN 16
/* Room for 8 levels (16^8 runs); past it every run is merged into one. */
#define MAX_RUNS (8 * (MERGE_FANIN - 1) + 1)
/* Longest record header: 8 bytes of key and four varints. */
#define HEADER_MAX (8 + 4 * VARINT_MAX)
/* Bytes a posting takes in memory: its key and id, their room in the
 * sort's scratch arrays, and the sort's count of a bucket for every four
 * postings (bucket_bits()). */
#define POSTING_BYTES (2 * (sizeof(int64_t) + sizeof(uint32_t)) + 1)
_Static_assert(POSTING_BYTES == POSTING_BUILDER_BYTES, "posting bytes");
/* The array's first size, in postings (it doubles up to the budget's). */
#define FIRST_CAP 4096
/* sort_postings()'s buckets: at most 2^15 (128 KiB of counts), and
 * buckets larger than SMALL_BUCKET postings sorted by radix. */
#define MAX_BUCKET_BITS 15
#define SMALL_BUCKET 32
/* A larger bucket of at most FEW_KEYS keys is sorted by counting them. */
#define FEW_KEYS 8
/* Bytes of spill file written at once. */
#define SPILL_BUFFER (64u << 10)
_Static_assert(POSTING_RUN_MAX <= SPILL_BUFFER,
	       "a record's blob fits in the spill buffer");

/* A piece of a key's list: ids ascending, the first written whole. */
struct piece {
	int64_t key, first, last;
	long n;
	const unsigned char *ids;
	size_t len;
};

struct run {
	long long start, end; /* byte offsets in the spill file */
	int level;            /* 0 spilled, n + 1 merged from level n */
};

struct posting_builder {
	size_t max;           /* postings the budget holds (at least one) */
	int64_t *keys;        /* the postings: keys[0..n) ... */
	uint32_t *ids;        /* ... and their ids above `base` */
	int64_t *keys_tmp;    /* the sort's scratch */
	uint32_t *ids_tmp;
	uint32_t *buckets;    /* and its counts, 1 << bucket_bits(cap) */
	size_t n, cap;
	int64_t base;
	FILE *spill;          /* NULL until the first run */
	long long spill_end;  /* its size, with the bytes of `out` */
	unsigned char *out;   /* what is not yet written to it */
	size_t out_len;
	struct run runs[MAX_RUNS];
	size_t nruns;
};

/* Where joined runs go: the caller's function, or a new run in the file. */
struct sink {
	posting_run_fn write;
	void *arg;
	struct posting_builder *to_file;
	/* the run being joined: key and last are set once `seen` */
	int64_t key, first, last;
	long n;
	int seen;
	unsigned char *buf; /* POSTING_RUN_MAX bytes */
	size_t len;
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
	b->max = memory_budget / POSTING_BYTES;
	if (b->max == 0)
		b->max = 1;
	if (b->max > UINT32_MAX) /* sort_postings()'s counts */
		b->max = UINT32_MAX;
	return b;
}

/* The bits of the top-bits bucket sort for `n` postings: at least four
 * postings a bucket on average, at most MAX_BUCKET_BITS; 0 below 8
 * postings (one bucket, no counts). */
static unsigned
bucket_bits(size_t n)
{
	unsigned bits = 0;

	while (bits < MAX_BUCKET_BITS && ((size_t)8 << bits) <= n)
		bits++;
	return bits;
}

size_t
posting_builder_memory(const struct posting_builder *b)
{
	unsigned bits = bucket_bits(b->cap);

	return b->cap * (POSTING_BYTES - 1) +
	       (bits ? sizeof *b->buckets << bits : 0);
}

size_t
posting_builder_runs(const struct posting_builder *b)
{
	return b->nruns;
}

/* Room for more postings: the array doubles, up to the budget. */
static void
grow_array(struct posting_builder *b)
{
	size_t cap = b->cap ? 2 * b->cap : FIRST_CAP;

	if (cap > b->max)
		cap = b->max;
	assert(cap > b->cap);
	b->keys = xreallocarray(b->keys, cap, sizeof *b->keys);
	b->ids = xreallocarray(b->ids, cap, sizeof *b->ids);
	/* the scratch holds nothing between sorts */
	free(b->keys_tmp);
	free(b->ids_tmp);
	free(b->buckets);
	b->keys_tmp = xreallocarray(NULL, cap, sizeof *b->keys_tmp);
	b->ids_tmp = xreallocarray(NULL, cap, sizeof *b->ids_tmp);
	if (bucket_bits(cap))
		b->buckets = xreallocarray(NULL,
					   (size_t)1 << bucket_bits(cap),
					   sizeof *b->buckets);
	else
		b->buckets = NULL;
	b->cap = cap;
}

/* A key as an unsigned number that sorts as the signed key does (as
 * SQLite orders them): its sign bit flipped. */
static uint64_t
key_bits(int64_t key)
{
	return (uint64_t)key ^ (1ULL << 63);
}

/*
 * Sort the `n` postings of keys[]/ids[] by key, those of one key in the
 * order they came, with a radix sort of the key's bytes, a byte per pass,
 * least significant first; only the bytes that differ between keys are
 * sorted on (a bucket is often a few keys of many postings each, or one).
 * kt[] and it[] are scratch.
 */
static void
radix_sort(int64_t *keys, uint32_t *ids, int64_t *kt, uint32_t *it,
	   size_t n)
{
	int64_t *const keys0 = keys;
	uint32_t *const ids0 = ids;
	uint64_t differ = 0;

	for (size_t i = 1; i < n; i++)
		differ |= (uint64_t)(keys[i] ^ keys[0]);
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[256] = { 0 }, sum = 0;
		int64_t *k;
		uint32_t *d;

		if (((differ >> shift) & 0xff) == 0)
			continue;
		for (size_t i = 0; i < n; i++)
			count[(key_bits(keys[i]) >> shift) & 0xff]++;
		for (unsigned v = 0; v < 256; v++) {
			size_t here = count[v];
			count[v] = sum;
			sum += here;
		}
		for (size_t i = 0; i < n; i++) {
			size_t to = count[(key_bits(keys[i]) >> shift) & 0xff]++;

			kt[to] = keys[i];
			it[to] = ids[i];
		}
		k = keys, keys = kt, kt = k;
		d = ids, ids = it, it = d;
	}
	if (keys != keys0) {
		memcpy(keys0, keys, n * sizeof *keys);
		memcpy(ids0, ids, n * sizeof *ids);
	}
}

/*
 * Sort the `n` postings of keys[]/ids[] like radix_sort() when they hold
 * at most FEW_KEYS distinct keys (a bucket of a frequent key or two), by
 * counting each key's postings and placing them, stably, through kt[] and
 * it[]: two passes over the postings instead of one for each byte that
 * differs.  Returns 0, leaving the postings as they were, when there are
 * more keys.
 */
static int
few_keys_sort(int64_t *keys, uint32_t *ids, int64_t *kt, uint32_t *it,
	      size_t n)
{
	int64_t distinct[FEW_KEYS];
	size_t count[FEW_KEYS], nd = 0, hit = 0;

	for (size_t i = 0; i < n; i++) {
		if (nd == 0 || keys[i] != distinct[hit]) {
			for (hit = 0; hit < nd && distinct[hit] != keys[i];)
				hit++;
			if (hit == nd) {
				if (nd == FEW_KEYS)
					return 0;
				distinct[nd] = keys[i];
				count[nd++] = 0;
			}
		}
		count[hit]++;
	}
	/* the keys ascending, with their counts */
	for (size_t i = 1; i < nd; i++) {
		int64_t key = distinct[i];
		size_t c = count[i], j = i;

		for (; j > 0 && distinct[j - 1] > key; j--) {
			distinct[j] = distinct[j - 1];
			count[j] = count[j - 1];
		}
		distinct[j] = key;
		count[j] = c;
	}
	/* count[] becomes where each key's next posting goes */
	for (size_t v = 0, sum = 0; v < nd; v++) {
		size_t here = count[v];
		count[v] = sum;
		sum += here;
	}
	hit = 0;
	for (size_t i = 0; i < n; i++) {
		size_t to;

		if (keys[i] != distinct[hit])
			for (hit = 0; distinct[hit] != keys[i];)
				hit++;
		to = count[hit]++;
		kt[to] = keys[i];
		it[to] = ids[i];
	}
	memcpy(keys, kt, n * sizeof *keys);
	memcpy(ids, it, n * sizeof *ids);
	return 1;
}

/* Sort keys[lo..hi) and their ids by insertion, stable. */
static void
insertion_sort(int64_t *keys, uint32_t *ids, size_t lo, size_t hi)
{
	for (size_t i = lo + 1; i < hi; i++) {
		int64_t key = keys[i];
		uint32_t id = ids[i];
		size_t j = i;

		for (; j > lo && keys[j - 1] > key; j--) {
			keys[j] = keys[j - 1];
			ids[j] = ids[j - 1];
		}
		keys[j] = key;
		ids[j] = id;
	}
}

/*
 * Sort the postings by key, those of one key in the order they came: a
 * stable counting sort on the key's top bits into the scratch arrays
 * (keys are hashes: the buckets are small), then each bucket in place, by
 * insertion when it is small, and when it is not by few_keys_sort() or,
 * past a few keys, radix_sort().
 */
static void
sort_postings(struct posting_builder *b)
{
	size_t n = b->n, nb, start;
	unsigned bits = bucket_bits(n), shift = 64 - bits;
	uint32_t *end = b->buckets;
	int64_t *kt = b->keys_tmp;
	uint32_t *it = b->ids_tmp, *swap_ids;
	int64_t *swap_keys;

	if (bits == 0) {
		insertion_sort(b->keys, b->ids, 0, n);
		return;
	}
	nb = (size_t)1 << bits;
	memset(end, 0, nb * sizeof *end);
	for (size_t i = 0; i < n; i++)
		end[key_bits(b->keys[i]) >> shift]++;
	for (size_t v = 0, sum = 0; v < nb; v++) {
		size_t here = end[v];
		end[v] = (uint32_t)sum;
		sum += here;
	}
	for (size_t i = 0; i < n; i++) {
		size_t to = end[key_bits(b->keys[i]) >> shift]++;

		kt[to] = b->keys[i];
		it[to] = b->ids[i];
	}
	/* end[v] is now where bucket v ends */
	start = 0;
	for (size_t v = 0; v < nb; start = end[v++]) {
		size_t m = end[v] - start;

		if (m <= 1)
			continue;
		if (m <= SMALL_BUCKET)
			insertion_sort(kt, it, start, end[v]);
		else if (!few_keys_sort(kt + start, it + start,
					b->keys + start, b->ids + start, m))
			radix_sort(kt + start, it + start, b->keys + start,
				   b->ids + start, m);
	}
	swap_keys = b->keys, b->keys = b->keys_tmp, b->keys_tmp = swap_keys;
	swap_ids = b->ids, b->ids = b->ids_tmp, b->ids_tmp = swap_ids;
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

/* Write out what `out` holds. */
static int
spill_flush(struct posting_builder *b, struct tmg_error *err)
{
	if (b->out_len && fwrite(b->out, 1, b->out_len, b->spill) !=
			  b->out_len)
		return spill_error(err, errno ? errno : EIO);
	b->out_len = 0;
	if (fflush(b->spill) != 0)
		return spill_error(err, errno);
	return 0;
}

static int
spill_write(struct posting_builder *b, const void *data, size_t len,
	    struct tmg_error *err)
{
	if (b->out_len + len > SPILL_BUFFER && spill_flush(b, err) < 0)
		return -1;
	memcpy(b->out + b->out_len, data, len);
	b->out_len += len;
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
	if (b->out == NULL)
		b->out = xmalloc(SPILL_BUFFER);
	b->out_len = 0;
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
	b->out_len = 0;
	b->nruns = 0;
	b->spill_end = 0;
}

/* ---------------------------------------------------------- the joining */

static void
sink_init(struct sink *s, posting_run_fn write, void *arg,
	  struct posting_builder *to_file)
{
	memset(s, 0, sizeof *s);
	s->write = write;
	s->arg = arg;
	s->to_file = to_file;
	s->buf = xmalloc(POSTING_RUN_MAX);
}

static void
sink_release(struct sink *s)
{
	free(s->buf);
	s->buf = NULL;
}

/* Hand on the run being joined, if any. */
static int
sink_emit(struct sink *s, struct tmg_error *err)
{
	int rc;

	if (s->len == 0)
		return 0;
	if (s->to_file) {
		struct piece p = { s->key, s->first, s->last, s->n, s->buf,
				   s->len };
		rc = spill_record(s->to_file, &p, err);
	} else {
		rc = s->write(s->arg, s->key, s->first, s->n, s->buf, s->len,
			      err);
	}
	s->len = 0;
	return rc;
}

/*
 * Add one id of `key`, which comes after the last key or is the same;
 * an id not above the key's last is dropped.  A run ends before the id
 * that would take it past POSTING_RUN_MAX bytes.
 */
static int
sink_add_id(struct sink *s, int64_t key, int64_t id, struct tmg_error *err)
{
	if (s->seen && key == s->key) {
		unsigned char delta[VARINT_MAX];
		size_t k;

		if (id <= s->last)
			return 0;
		k = varint_put(delta, (uint64_t)(id - s->last));
		if (s->len > 0 && s->len + k <= POSTING_RUN_MAX) {
			memcpy(s->buf + s->len, delta, k);
			s->len += k;
			s->last = id;
			s->n++;
			return 0;
		}
	}
	if (sink_emit(s, err) < 0)
		return -1;
	s->seen = 1;
	s->key = key;
	s->first = s->last = id;
	s->n = 1;
	s->len = varint_put(s->buf, (uint64_t)id);
	return 0;
}

/*
 * Add a piece (at most POSTING_RUN_MAX bytes), which follows the last one
 * in key order.  A piece that starts a key, or that fits whole after the
 * run of its key, is copied as it is; any other goes id by id.
 */
static int
sink_add(struct sink *s, const struct piece *p, struct tmg_error *err)
{
	const unsigned char *q = p->ids, *end = p->ids + p->len;
	uint64_t v;
	size_t k = varint_get(q, end, &v);
	int64_t id;

	if (k == 0)
		return 0;
	assert((int64_t)v == p->first);
	if (!s->seen || p->key != s->key) {
		if (sink_emit(s, err) < 0)
			return -1;
		s->seen = 1;
		s->key = p->key;
		s->first = p->first;
		s->last = p->last;
		s->n = p->n;
		memcpy(s->buf, p->ids, p->len);
		s->len = p->len;
		return 0;
	}
	if (p->first > s->last && s->len > 0) {
		unsigned char delta[VARINT_MAX];
		size_t dlen = varint_put(delta,
					 (uint64_t)(p->first - s->last));

		if (s->len + dlen + p->len - k <= POSTING_RUN_MAX) {
			memcpy(s->buf + s->len, delta, dlen);
			memcpy(s->buf + s->len + dlen, q + k, p->len - k);
			s->len += dlen + p->len - k;
			s->last = p->last;
			s->n += p->n;
			return 0;
		}
	}
	for (id = (int64_t)v, q += k;; q += k) {
		if (sink_add_id(s, p->key, id, err) < 0)
			return -1;
		if (id == p->first && s->n == 1 && s->first == id) {
			/* a new run starts with the piece: the rest fits */
			memcpy(s->buf + s->len, q, (size_t)(end - q));
			s->len += (size_t)(end - q);
			s->last = p->last;
			s->n = p->n;
			return 0;
		}
		if (q >= end || (k = varint_get(q, end, &v)) == 0)
			return 0;
		id += (int64_t)v;
	}
}

/* Hand the array, sorted, to `s`, and empty it. */
static int
sink_add_array(struct posting_builder *b, struct sink *s,
	       struct tmg_error *err)
{
	int rc = 0;

	sort_postings(b);
	for (size_t i = 0; i < b->n && rc == 0; i++)
		rc = sink_add_id(s, b->keys[i],
				 (int64_t)((uint64_t)b->base + b->ids[i]), err);
	b->n = 0;
	return rc;
}

/* Write the array as a new run in the spill file and empty it. */
static int
spill_array(struct posting_builder *b, struct tmg_error *err)
{
	struct sink s;
	int rc;

	if (spill_open(b, err) < 0) {
		b->n = 0;
		return -1;
	}
	b->runs[b->nruns].start = b->spill_end;
	sink_init(&s, NULL, NULL, b);
	rc = sink_add_array(b, &s, err);
	if (rc == 0)
		rc = sink_emit(&s, err);
	sink_release(&s);
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

/* Leaves of merge_runs()'s tree: MAX_RUNS rounded up to a power of 2. */
#define MERGE_LEAVES 128
_Static_assert(MAX_RUNS <= MERGE_LEAVES, "a leaf for every run");

/* The order of merge_runs()'s readers: reader i's record comes before
 * reader j's when its key is lower, or the same and rank[i] < rank[j]; a
 * reader done has the highest key, and a rank above every reader's that
 * is not (its index plus MERGE_LEAVES, where the others have their
 * index: between equal keys, the older run first). */
struct merge_order {
	int64_t key[MERGE_LEAVES];
	unsigned rank[MERGE_LEAVES];
};

static int
merge_before(const struct merge_order *o, unsigned i, unsigned j)
{
	return o->key[i] < o->key[j] ||
	       (o->key[i] == o->key[j] && o->rank[i] < o->rank[j]);
}

/* Set reader i's place in `o` after reader_next(). */
static void
merge_place(struct merge_order *o, const struct reader *r, unsigned i)
{
	o->key[i] = r->done ? INT64_MAX : r->cur.key;
	o->rank[i] = r->done ? i + MERGE_LEAVES : i;
}

/*
 * Merge the runs from `from` on into `s`, keys ascending, the records of
 * one key in run order.  The runs' readers are the leaves of a tree of
 * losers (leaves past the runs are done from the start): each node holds
 * the reader that lost the match between its two subtrees, tree[0] the
 * one that won them all, whose record is next; once it has moved on,
 * only the matches on its way up are played again, one a level.
 */
static int
merge_runs(struct posting_builder *b, size_t from, struct sink *s,
	   struct tmg_error *err)
{
	struct reader readers[MERGE_LEAVES];
	unsigned tree[MERGE_LEAVES], wins[2 * MERGE_LEAVES];
	struct merge_order order;
	size_t nruns = b->nruns - from, leaves = 1;
	int rc = 0;

	memset(readers, 0, sizeof readers);
	if (spill_flush(b, err) < 0)
		return -1;
	while (leaves < nruns)
		leaves *= 2;
	for (size_t i = 0; i < leaves; i++) {
		readers[i].done = 1;
		wins[leaves + i] = (unsigned)i;
	}
	for (size_t i = 0; i < nruns && rc == 0; i++) {
		readers[i].done = 0;
		readers[i].pos = b->runs[from + i].start;
		readers[i].end = b->runs[from + i].end;
		readers[i].cap = 16 << 10;
		readers[i].buf = xmalloc(readers[i].cap);
		rc = reader_next(b->spill, &readers[i], err);
	}
	for (size_t i = 0; i < leaves; i++)
		merge_place(&order, &readers[i], (unsigned)i);
	/* the first matches, from the leaves up */
	for (size_t node = leaves - 1; node >= 1; node--) {
		unsigned l = wins[2 * node], r = wins[2 * node + 1];
		int left_wins = merge_before(&order, l, r);

		wins[node] = left_wins ? l : r;
		tree[node] = left_wins ? r : l;
	}
	tree[0] = wins[1];
	while (rc == 0 && !readers[tree[0]].done) {
		unsigned w = tree[0];

		rc = sink_add(s, &readers[w].cur, err);
		if (rc == 0)
			rc = reader_next(b->spill, &readers[w], err);
		merge_place(&order, &readers[w], w);
		for (size_t node = (leaves + w) / 2; node >= 1; node /= 2)
			if (merge_before(&order, tree[node], w)) {
				unsigned t = tree[node];

				tree[node] = w;
				w = t;
			}
		tree[0] = w;
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
	struct sink s;
	long long start = b->spill_end;
	int level = b->runs[from].level + 1;
	int rc;

	sink_init(&s, NULL, NULL, b);
	rc = merge_runs(b, from, &s, err);

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
	if (spill_array(b, err) < 0)
		return -1;
	/* the newest MERGE_FANIN runs, when of one level, become one */
	while (b->nruns >= MERGE_FANIN &&
	       b->runs[b->nruns - MERGE_FANIN].level ==
	       b->runs[b->nruns - 1].level)
		if (merge_into_one(b, b->nruns - MERGE_FANIN, err) < 0)
			return -1;
	return 0;
}

/* id - base, or -1 when the array cannot hold `id` with its base. */
static int64_t
id_offset(const struct posting_builder *b, int64_t id)
{
	uint64_t d = (uint64_t)id - (uint64_t)b->base;

	return (b->base <= id && d <= UINT32_MAX) ? (int64_t)d : -1;
}

/*
 * Room for one posting of `id` at b->keys[b->n]: the array grows, or is
 * spilled when it is full or `id` is too far from its base (an empty
 * array takes a base 2^31 below its first id).  Returns the id's offset,
 * or -1 with `err` set.
 */
static int64_t
make_room(struct posting_builder *b, int64_t id, struct tmg_error *err)
{
	if (b->n > 0 && (b->n == b->max || id_offset(b, id) < 0) &&
	    spill(b, err) < 0)
		return -1;
	if (b->n == b->cap)
		grow_array(b);
	if (b->n == 0)
		b->base = id >= INT64_MIN + (INT64_C(1) << 31) ?
			  id - (INT64_C(1) << 31) : INT64_MIN;
	return id_offset(b, id);
}

int
posting_builder_add(struct posting_builder *b, int64_t key, int64_t id,
		    struct tmg_error *err)
{
	return posting_builder_add_keys(b, &key, 1, id, err);
}

int
posting_builder_add_keys(struct posting_builder *b, const int64_t *keys,
			 size_t n, int64_t id, struct tmg_error *err)
{
	size_t i = 0;

	while (i < n) {
		int64_t off = make_room(b, id, err);
		size_t m = n - i;

		if (off < 0)
			return -1;
		if (m > b->cap - b->n)
			m = b->cap - b->n;
		memcpy(b->keys + b->n, keys + i, m * sizeof *keys);
		for (size_t j = 0; j < m; j++) {
			assert(keys[i + j] != 0);
			b->ids[b->n + j] = (uint32_t)off;
		}
		b->n += m;
		i += m;
	}
	return 0;
}

int
posting_builder_finish(struct posting_builder *b, posting_run_fn write,
		       void *arg, struct tmg_error *err)
{
	struct sink s;
	int rc = 0;

	sink_init(&s, write, arg, NULL);
	if (b->nruns == 0) {
		rc = sink_add_array(b, &s, err);
		if (rc == 0)
			rc = sink_emit(&s, err);
	} else {
		if (b->n > 0)
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
	b->n = 0;
	spill_reset(b);
}

void
posting_builder_free(struct posting_builder *b)
{
	if (b == NULL)
		return;
	posting_builder_discard(b);
	free(b->keys);
	free(b->ids);
	free(b->keys_tmp);
	free(b->ids_tmp);
	free(b->buckets);
	free(b->out);
	free(b);
}
