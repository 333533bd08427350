/*
 * posting-builder-test.c -- the posting lists of an import in bounded
 * memory (src/index/posting-builder.c): whatever the budget (no spill, a
 * few runs, more runs than are merged at once, one posting a run), the
 * finish hands back every list exactly, keys ascending, runs of one key
 * by ascending ids, none longer than POSTING_RUN_MAX, and the very same
 * runs byte for byte; the memory held never passes the budget; the edges
 * of the budget (one posting, an array exactly full, a key whose ids
 * span runs, the same id twice, ids too far apart for one array) lose
 * nothing; a discard forgets everything.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "index/posting-builder.h"
#include "tap.h"

#define NKEYS 3000

/* The ids added per key, and what came back. */
struct expect {
	int64_t key;
	int64_t *want, *got;
	size_t nwant, ngot, awant, agot;
};

/* Every run handed back, as bytes: key, first, n, length, blob. */
struct log {
	unsigned char *buf;
	size_t len, alloc;
};

struct check {
	struct expect *keys;
	size_t nkeys;
	struct log log;
	int64_t last_key, last_id;
	long runs;
	int order_ok, size_ok, count_ok, first_ok;
};

static void
push(int64_t **v, size_t *n, size_t *alloc, int64_t x)
{
	if (*n == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 8;
		*v = realloc(*v, *alloc * sizeof **v);
		if (*v == NULL)
			abort();
	}
	(*v)[(*n)++] = x;
}

static void
log_add(struct log *l, const void *data, size_t len)
{
	if (l->len + len > l->alloc) {
		l->alloc = 2 * (l->len + len);
		l->buf = realloc(l->buf, l->alloc);
		if (l->buf == NULL)
			abort();
	}
	memcpy(l->buf + l->len, data, len);
	l->len += len;
}

static int
log_equal(const struct log *a, const struct log *b)
{
	return a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

/* The varint at *p (written here again, not with the builder's code). */
static uint64_t
next_varint(const unsigned char **p, const unsigned char *end)
{
	uint64_t v = 0;
	int shift = 0;

	while (*p < end && (**p & 0x80)) {
		v |= (uint64_t)(*(*p)++ & 0x7f) << shift;
		shift += 7;
	}
	if (*p < end)
		v |= (uint64_t)*(*p)++ << shift;
	return v;
}

static struct expect *
find(struct check *c, int64_t key)
{
	for (size_t i = 0; i < c->nkeys; i++)
		if (c->keys[i].key == key)
			return &c->keys[i];
	return NULL;
}

static int
collect(void *arg, int64_t key, int64_t first, long n, const void *ids,
	size_t len, struct tmg_error *err)
{
	struct check *c = arg;
	const unsigned char *p = ids, *end = p + len;
	struct expect *e = find(c, key);
	int64_t id = 0;
	long count = 0;

	(void)err;
	c->runs++;
	log_add(&c->log, &key, sizeof key);
	log_add(&c->log, &first, sizeof first);
	log_add(&c->log, &n, sizeof n);
	log_add(&c->log, &len, sizeof len);
	log_add(&c->log, ids, len);
	if (key < c->last_key || (key == c->last_key && first <= c->last_id))
		{ if (c->order_ok) diag("order: key %lld first %lld after key %lld id %lld", (long long)key, (long long)first, (long long)c->last_key, (long long)c->last_id); c->order_ok = 0; }
	if (len > POSTING_RUN_MAX)
		c->size_ok = 0;
	while (p < end) {
		id += (int64_t)next_varint(&p, end);
		if (count == 0 && id != first)
			c->first_ok = 0;
		if (e)
			push(&e->got, &e->ngot, &e->agot, id);
		count++;
	}
	if (count != n)
		c->count_ok = 0;
	c->last_key = key;
	c->last_id = id;
	return 0;
}

/* Fill a builder of `budget` bytes with the same lists every time; the
 * runs handed back are left in *runs, the most runs the builder held at
 * once in *most. */
static void
run_case(size_t budget, const char *name, struct log *runs, size_t *most)
{
	struct posting_builder *b = posting_builder_new(budget);
	struct check c = { 0 };
	struct tmg_error err = { 0 };
	int add_ok = 1, equal = 1, memory_ok = 1;
	unsigned seed = 12345;

	c.keys = calloc(NKEYS, sizeof *c.keys);
	c.nkeys = NKEYS;
	c.order_ok = c.size_ok = c.count_ok = c.first_ok = 1;
	c.last_key = INT64_MIN;
	for (size_t k = 0; k < NKEYS; k++)
		c.keys[k].key = (int64_t)((k * 0x9e3779b97f4a7c15ULL) >> 2) -
				(INT64_C(1) << 60) + 1;
	/* ids ascend; key 0 is in every id (a list far above 64 KiB),
	 * keys 1-9 in many, the others now and then */
	for (int64_t id = 1; id < 200000; id += 1 + (rand_r(&seed) % 3)) {
		size_t picks[6];
		picks[0] = 0;
		picks[1] = 1 + (size_t)rand_r(&seed) % 9;
		for (int i = 2; i < 6; i++)
			picks[i] = (size_t)rand_r(&seed) % NKEYS;
		for (int i = 0; i < 6; i++) {
			struct expect *e = &c.keys[picks[i]];
			if (posting_builder_add(b, e->key, id, &err) < 0)
				add_ok = 0;
			if (posting_builder_memory(b) > budget)
				memory_ok = 0;
			if (posting_builder_runs(b) > *most)
				*most = posting_builder_runs(b);
			if (e->nwant == 0 || e->want[e->nwant - 1] != id)
				push(&e->want, &e->nwant, &e->awant, id);
		}
	}
	ok(add_ok, "%s: every id added", name);
	ok(memory_ok, "%s: never more than the budget in memory", name);
	ok(posting_builder_finish(b, collect, &c, &err) == 0,
	   "%s: the finish succeeds", name);
	for (size_t k = 0; k < NKEYS; k++) {
		struct expect *e = &c.keys[k];
		if (e->nwant != e->ngot ||
		    (e->nwant && memcmp(e->want, e->got,
					e->nwant * sizeof *e->want) != 0))
			equal = 0;
	}
	ok(equal, "%s: every list comes back exactly (%ld runs)", name,
	   c.runs);
	ok(c.order_ok, "%s: keys ascend, a key's runs by ascending ids", name);
	ok(c.size_ok, "%s: no run is longer than POSTING_RUN_MAX", name);
	ok(c.count_ok && c.first_ok,
	   "%s: each run's count and first id are its own", name);

	*runs = c.log;

	/* a discard forgets what was added, spilled or not */
	for (int64_t id = 1; id < 50000; id++)
		posting_builder_add(b, c.keys[id % NKEYS].key, id, &err);
	posting_builder_discard(b);
	c.runs = 0;
	c.log = (struct log){ 0 };
	posting_builder_finish(b, collect, &c, &err);
	is_int(c.runs, 0, "%s: nothing comes back after a discard", name);

	for (size_t k = 0; k < NKEYS; k++) {
		free(c.keys[k].want);
		free(c.keys[k].got);
	}
	free(c.keys);
	free(c.log.buf);
	posting_builder_free(b);
}

/* The runs handed back: key, first id, count and the first 8 ids. */
struct seen {
	int64_t key[64], first[64], ids[64][8];
	long n[64];
	size_t runs;
	int bad;
};

static int
note(void *arg, int64_t key, int64_t first, long n, const void *ids,
     size_t len, struct tmg_error *err)
{
	struct seen *s = arg;
	const unsigned char *p = ids, *end = p + len;
	int64_t id = 0;
	long count = 0;

	(void)err;
	if (s->runs == 64)
		return s->bad = 1, 0;
	s->key[s->runs] = key;
	s->first[s->runs] = first;
	s->n[s->runs] = n;
	while (p < end) {
		id += (int64_t)next_varint(&p, end);
		if (count < 8)
			s->ids[s->runs][count] = id;
		count++;
	}
	if (p != end || count != n)
		s->bad = 1;
	s->runs++;
	return 0;
}

/* Does run `r` of `s` hold `key` and exactly ids[0..n)? */
static int
run_is(const struct seen *s, size_t r, int64_t key, const int64_t *ids,
       long n)
{
	if (r >= s->runs || s->key[r] != key || s->n[r] != n ||
	    s->first[r] != ids[0])
		return 0;
	for (long i = 0; i < n; i++)
		if (s->ids[r][i] != ids[i])
			return 0;
	return 1;
}

/* The edges of the budget, with ids small enough to check one by one. */
static void
edges(void)
{
	struct tmg_error err = { 0 };
	struct posting_builder *b;
	struct seen s;
	const size_t cap = 10;
	int ok_adds = 1;

	/* one posting, with a budget of nothing (room for one is kept) and
	 * with the default one */
	for (int i = 0; i < 2; i++) {
		b = posting_builder_new(i ? POSTING_BUILDER_MEMORY : 0);
		memset(&s, 0, sizeof s);
		ok(posting_builder_add(b, 42, 7, &err) == 0 &&
		   posting_builder_runs(b) == 0 &&
		   posting_builder_finish(b, note, &s, &err) == 0 &&
		   s.runs == 1 && !s.bad && run_is(&s, 0, 42, (int64_t[]){ 7 }, 1),
		   "one posting, budget %s: one run of one id",
		   i ? "default" : "0");
		posting_builder_free(b);
	}

	/* a budget of exactly `cap` postings: full without a spill, and the
	 * next posting spills them */
	b = posting_builder_new(cap * POSTING_BUILDER_BYTES);
	for (int64_t id = 1; id <= (int64_t)cap; id++)
		ok_adds &= posting_builder_add(b, 100 + id % 2, id, &err) == 0;
	ok(ok_adds && posting_builder_runs(b) == 0 &&
	   posting_builder_memory(b) <= cap * POSTING_BUILDER_BYTES,
	   "an array exactly full stays in memory, within the budget");
	ok(posting_builder_add(b, 101, cap + 1, &err) == 0 &&
	   posting_builder_runs(b) == 1,
	   "the next posting spills it as one run");
	memset(&s, 0, sizeof s);
	ok(posting_builder_finish(b, note, &s, &err) == 0 && !s.bad &&
	   s.runs == 2 &&
	   run_is(&s, 0, 100, (int64_t[]){ 2, 4, 6, 8, 10 }, 5) &&
	   run_is(&s, 1, 101, (int64_t[]){ 1, 3, 5, 7, 9, 11 }, 6),
	   "exactly full, then one more: both lists whole, one run each");

	/* one key's ids in every run, the same id twice at the end of a run
	 * and at the start of the next, an id below the key's last */
	ok_adds = 1;
	for (int64_t id = 1; id <= 8; id++) {
		int64_t keys[3] = { -5, 9, -5 };

		/* -5 twice with the same id: the second is the same id again */
		ok_adds &= posting_builder_add_keys(b, keys, 3, id * 10,
						    &err) == 0;
		if (id == 4)
			ok_adds &= posting_builder_add(b, -5, 15, &err) == 0;
	}
	ok(ok_adds && posting_builder_runs(b) >= 2,
	   "a key's ids spread over %zu runs", posting_builder_runs(b));
	memset(&s, 0, sizeof s);
	ok(posting_builder_finish(b, note, &s, &err) == 0 && !s.bad &&
	   s.runs == 2 &&
	   run_is(&s, 0, -5, (int64_t[]){ 10, 20, 30, 40, 50, 60, 70, 80 },
		  8) &&
	   run_is(&s, 1, 9, (int64_t[]){ 10, 20, 30, 40, 50, 60, 70, 80 },
		  8),
	   "ids spanning runs come back as one list; an id again or below "
	   "the key's last is dropped");
	posting_builder_free(b);

	/* one posting a run: the same id added again right after a spill */
	b = posting_builder_new(1);
	ok_adds = 1;
	for (int64_t id = 1; id <= 40; id++) {
		ok_adds &= posting_builder_add(b, 3, id, &err) == 0;
		ok_adds &= posting_builder_add(b, 3, id, &err) == 0;
	}
	memset(&s, 0, sizeof s);
	ok(ok_adds && posting_builder_finish(b, note, &s, &err) == 0 &&
	   !s.bad && s.runs == 1 && s.n[0] == 40 && s.first[0] == 1 &&
	   s.ids[0][7] == 8,
	   "one posting a run: 80 adds, 40 ids, one list");
	posting_builder_free(b);

	/* ids further apart than an array's base can reach, and negative */
	b = posting_builder_new(POSTING_BUILDER_MEMORY);
	ok_adds = posting_builder_add(b, 1, -(INT64_C(1) << 40), &err) == 0 &&
		  posting_builder_add(b, 2, 3, &err) == 0 &&
		  posting_builder_add(b, 1, INT64_C(1) << 40, &err) == 0 &&
		  posting_builder_add(b, 1, INT64_MAX, &err) == 0;
	memset(&s, 0, sizeof s);
	ok(ok_adds && posting_builder_runs(b) == 3 &&
	   posting_builder_finish(b, note, &s, &err) == 0 && !s.bad &&
	   s.runs == 2 &&
	   run_is(&s, 0, 1, (int64_t[]){ -(INT64_C(1) << 40),
					 INT64_C(1) << 40, INT64_MAX }, 3) &&
	   run_is(&s, 1, 2, (int64_t[]){ 3 }, 1),
	   "ids 2^41 apart: a run each, lists whole");
	posting_builder_free(b);
}

/*
 * Buckets of the in-memory sort crowded with keys of the same top bits:
 * a frequent key and a few others (4 and 8 keys: counted), and more (9
 * and 40: radix), on the negative and the positive side; every list
 * comes back whole, keys ascending.
 */
static void
crowded_buckets(void)
{
	static const size_t nkeys[] = { 4, 8, 9, 40 };

	for (size_t t = 0; t < 2 * sizeof nkeys / sizeof nkeys[0]; t++) {
		size_t nk = nkeys[t / 2];
		int64_t top = t % 2 ? INT64_C(0x5a5) << 52
				    : -(INT64_C(0x3c3) << 52);
		struct posting_builder *b =
			posting_builder_new(POSTING_BUILDER_MEMORY);
		struct check c = { 0 };
		struct tmg_error err = { 0 };
		int add_ok = 1, equal = 1;

		c.keys = calloc(nk, sizeof *c.keys);
		c.nkeys = nk;
		c.order_ok = c.size_ok = c.count_ok = c.first_ok = 1;
		c.last_key = INT64_MIN;
		/* keys differing in their low, middle and high bytes, in
		 * no order */
		for (size_t k = 0; k < nk; k++)
			c.keys[k].key = top + (int64_t)(((nk - k) *
							 0x9e3779b9ULL) &
							0xffffffffffffULL);
		/* key 0 in every id, key k in every (k + 1)th */
		for (int64_t id = 1; id <= 3000; id++)
			for (size_t k = 0; k < nk; k++) {
				struct expect *e = &c.keys[k];

				if (id % (int64_t)(k + 1) != 0)
					continue;
				add_ok &= posting_builder_add(b, e->key, id,
							      &err) == 0;
				push(&e->want, &e->nwant, &e->awant, id);
			}
		ok(add_ok && posting_builder_runs(b) == 0 &&
		   posting_builder_finish(b, collect, &c, &err) == 0,
		   "%zu keys in one bucket, %s: added and handed back", nk,
		   t % 2 ? "positive" : "negative");
		for (size_t k = 0; k < nk; k++) {
			struct expect *e = &c.keys[k];

			if (e->nwant != e->ngot ||
			    memcmp(e->want, e->got,
				   e->nwant * sizeof *e->want) != 0)
				equal = 0;
			free(e->want);
			free(e->got);
		}
		ok(equal && c.order_ok && c.count_ok && c.first_ok,
		   "%zu keys in one bucket, %s: every list whole, keys "
		   "ascending", nk, t % 2 ? "positive" : "negative");
		free(c.keys);
		free(c.log.buf);
		posting_builder_free(b);
	}
}

int
main(void)
{
	static const struct {
		size_t budget;
		const char *name;
	} cases[] = {
		{ 64u << 20, "in memory" },
		{ 2u << 20, "a few runs" },
		{ 96u << 10, "more runs than one merge reads" },
		{ 4u << 10, "runs of 170 postings, three levels" },
	};
	enum { NCASES = sizeof cases / sizeof cases[0] };
	struct log runs[NCASES];
	size_t most[NCASES] = { 0 };

	unsetenv("TMGLOSS_POSTINGS_MEMORY");
	for (size_t i = 0; i < NCASES; i++)
		run_case(cases[i].budget, cases[i].name, &runs[i], &most[i]);
	for (size_t i = 1; i < NCASES; i++)
		ok(log_equal(&runs[0], &runs[i]),
		   "%s: the same runs byte for byte as in memory",
		   cases[i].name);
	/* merges of 16 runs of a level at once, and runs of three levels
	 * side by side (15 + 15 + ...) in the last */
	ok(most[2] > 16, "%s: %zu runs at once", cases[2].name, most[2]);
	ok(most[3] > 2 * 15, "%s: %zu runs at once", cases[3].name, most[3]);
	for (size_t i = 0; i < NCASES; i++)
		free(runs[i].buf);
	edges();
	crowded_buckets();
	return done_testing();
}
