/*
 * posting-builder-test.c -- the posting lists of an import in bounded
 * memory (src/posting-builder.c): whatever the budget (no spill, a few
 * runs, more runs than are merged at once), the finish hands back every
 * list exactly, keys ascending, runs of one key by ascending ids, none
 * longer than POSTING_RUN_MAX; a discard forgets everything.
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

struct check {
	struct expect *keys;
	size_t nkeys;
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
	if (key < c->last_key || (key == c->last_key && first <= c->last_id))
		{ if (c->order_ok) diag("order: key %lld first %lld after key %lld id %lld", (long long)key, (long long)first, (long long)c->last_key, (long long)c->last_id); c->order_ok = 0; }
	if (len > POSTING_RUN_MAX)
		c->size_ok = 0;
	while (p < end) {
		uint64_t v = 0;
		int shift = 0;
		while (p < end && (*p & 0x80)) {
			v |= (uint64_t)(*p++ & 0x7f) << shift;
			shift += 7;
		}
		if (p < end)
			v |= (uint64_t)*p++ << shift;
		id += (int64_t)v;
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

/* Fill a builder of `budget` bytes with the same lists every time. */
static void
run_case(size_t budget, const char *name)
{
	struct posting_builder *b = posting_builder_new(budget);
	struct check c = { 0 };
	struct tmg_error err = { 0 };
	int add_ok = 1, equal = 1;
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
			if (e->nwant == 0 || e->want[e->nwant - 1] != id)
				push(&e->want, &e->nwant, &e->awant, id);
		}
	}
	ok(add_ok, "%s: every id added", name);
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

	/* a discard forgets what was added, spilled or not */
	for (int64_t id = 1; id < 50000; id++)
		posting_builder_add(b, c.keys[id % NKEYS].key, id, &err);
	posting_builder_discard(b);
	c.runs = 0;
	posting_builder_finish(b, collect, &c, &err);
	is_int(c.runs, 0, "%s: nothing comes back after a discard", name);

	for (size_t k = 0; k < NKEYS; k++) {
		free(c.keys[k].want);
		free(c.keys[k].got);
	}
	free(c.keys);
	posting_builder_free(b);
}

int
main(void)
{
	unsetenv("TMGLOSS_POSTINGS_MEMORY");
	run_case(64u << 20, "in memory");
	run_case(200u << 10, "a few runs");
	run_case(96u << 10, "more runs than one merge reads");
	return done_testing();
}
