/*
 * unit.c -- translation units, variants, attributes, props and notes in
 * memory: the value that travels between a format reader, the store and a
 * format writer.  Nothing here knows XML or SQL.
 *
 * Allocation cannot fail (base/xalloc.h): a tool that runs out of memory
 * halfway through a unit cannot do anything useful, so it exits, and the
 * import's open transaction is rolled back by SQLite.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "base/hash.h"
#include "base/records.h"
#include "base/xalloc.h"

void
attrs_add(struct tmg_attrs *attrs, const char *name, const char *value)
{
	ALLOC_GROW(attrs->items, attrs->count + 1, attrs->alloc);
	attrs->items[attrs->count].name = xstrdup(name);
	attrs->items[attrs->count].value = xstrdup(value);
	attrs->count++;
}

const char *
attrs_get(const struct tmg_attrs *attrs, const char *name)
{
	for (size_t i = 0; i < attrs->count; i++)
		if (strcmp(attrs->items[i].name, name) == 0)
			return attrs->items[i].value;
	return NULL;
}

void
attrs_clear(struct tmg_attrs *attrs)
{
	for (size_t i = 0; i < attrs->count; i++) {
		free(attrs->items[i].name);
		free(attrs->items[i].value);
	}
	attrs->count = 0;
}

static void
attrs_free(struct tmg_attrs *attrs)
{
	attrs_clear(attrs);
	free(attrs->items);
	attrs->items = NULL;
	attrs->alloc = 0;
}

struct tmg_annotation *
annotations_add(struct tmg_annotations *list, int is_note)
{
	struct tmg_annotation *a;

	ALLOC_GROW(list->items, list->count + 1, list->alloc);
	a = &list->items[list->count++];
	memset(a, 0, sizeof *a);
	a->is_note = is_note;
	return a;
}

void
annotations_clear(struct tmg_annotations *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].type);
		free(list->items[i].lang);
		free(list->items[i].encoding);
		free(list->items[i].value);
	}
	list->count = 0;
}

static void
annotations_free(struct tmg_annotations *list)
{
	annotations_clear(list);
	free(list->items);
	list->items = NULL;
	list->alloc = 0;
}

void
unit_init(struct tmg_unit *unit)
{
	memset(unit, 0, sizeof *unit);
	unit->usage_count = -1;
}

static void
variant_clear(struct tmg_variant *v)
{
	free(v->text);
	free(v->markup);
	attrs_free(&v->attrs);
	annotations_free(&v->notes);
	memset(v, 0, sizeof *v);
}

/*
 * Free what the unit owns and make it empty again.  The arrays are freed
 * too: units are cheap to rebuild and this keeps memory use flat however
 * large the previous unit was.
 */
void
unit_clear(struct tmg_unit *unit)
{
	free(unit->tuid);
	free(unit->creation_date);
	free(unit->creation_id);
	free(unit->change_date);
	free(unit->change_id);
	free(unit->last_usage_date);
	attrs_free(&unit->attrs);
	annotations_free(&unit->notes);
	for (size_t i = 0; i < unit->nvariants; i++)
		variant_clear(&unit->variants[i]);
	free(unit->variants);
	unit_init(unit);
}

struct tmg_variant *
unit_add_variant(struct tmg_unit *unit)
{
	struct tmg_variant *v;

	ALLOC_GROW(unit->variants, unit->nvariants + 1, unit->avariants);
	v = &unit->variants[unit->nvariants++];
	memset(v, 0, sizeof *v);
	unit->content_hash_known = 0;
	return v;
}

int
unit_compare_variants(const struct tmg_variant *a, const struct tmg_variant *b)
{
	int c = strcmp(a->lang, b->lang);
	if (c)
		return c;
	c = strcmp(a->text, b->text);
	if (c)
		return c;
	return strcmp(a->markup ? a->markup : "", b->markup ? b->markup : "");
}

static int
compare_variant_ptrs(const void *a, const void *b)
{
	return unit_compare_variants(*(const struct tmg_variant *const *)a,
				     *(const struct tmg_variant *const *)b);
}

const struct tmg_variant **
unit_sorted_variants(const struct tmg_unit *unit,
		     const struct tmg_variant **buf)
{
	const struct tmg_variant **v =
		unit->nvariants <= UNIT_SORTED_ON_STACK ? buf
		: xreallocarray(NULL, unit->nvariants, sizeof *v);
	for (size_t i = 0; i < unit->nvariants; i++)
		v[i] = &unit->variants[i];
	if (v != buf) {
		qsort(v, unit->nvariants, sizeof *v, compare_variant_ptrs);
		return v;
	}
	/* a handful (two, mostly): sorted by insertion, without qsort's
	 * call per comparison */
	for (size_t i = 1; i < unit->nvariants; i++) {
		const struct tmg_variant *t = v[i];
		size_t j = i;

		for (; j > 0 && unit_compare_variants(v[j - 1], t) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	return v;
}

void
unit_sorted_free(const struct tmg_variant **sorted,
		 const struct tmg_variant **buf)
{
	if (sorted != buf)
		free(sorted);
}

uint64_t
unit_content_hash_sorted(const struct tmg_variant **sorted, size_t n)
{
	uint64_t h = HASH_FNV_OFFSET;

	/* each string with its NUL, so ("ab", "c") and ("a", "bc") differ */
	for (size_t i = 0; i < n; i++) {
		const struct tmg_variant *v = sorted[i];
		h = hash_fnv1a(h, v->lang, strlen(v->lang) + 1);
		h = hash_fnv1a(h, v->text, strlen(v->text) + 1);
		if (v->markup)
			h = hash_fnv1a(h, v->markup, strlen(v->markup));
		h = hash_fnv1a(h, "\x1e", 1);
	}
	return h;
}

uint64_t
unit_content_hash(const struct tmg_unit *unit)
{
	const struct tmg_variant *buf[UNIT_SORTED_ON_STACK];
	const struct tmg_variant **sorted = unit_sorted_variants(unit, buf);
	uint64_t h = unit_content_hash_sorted(sorted, unit->nvariants);

	unit_sorted_free(sorted, buf);
	return h;
}

const struct tmg_variant *
unit_source_variant(const struct tmg_unit *unit)
{
	if (unit->nvariants == 0)
		return NULL;
	for (size_t i = 0; i < unit->nvariants; i++)
		if (strcmp(unit->variants[i].lang, unit->srclang) == 0)
			return &unit->variants[i];
	return &unit->variants[0];
}

static int
take_digits(const char **p, int n, int *value)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*value = v;
	return 0;
}

int
tmx_date_normalize(const char *in, char out[17])
{
	const char *p = in;
	int y, mo, d, h = 0, mi = 0, s = 0;

	if (take_digits(&p, 4, &y) < 0)
		return -1;
	if (*p == '-')
		p++;
	if (take_digits(&p, 2, &mo) < 0)
		return -1;
	if (*p == '-')
		p++;
	if (take_digits(&p, 2, &d) < 0)
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (take_digits(&p, 2, &h) < 0)
			return -1;
		if (*p == ':')
			p++;
		if (take_digits(&p, 2, &mi) < 0)
			return -1;
		if (*p == ':')
			p++;
		if (take_digits(&p, 2, &s) < 0)
			return -1;
		if (*p == '.')	/* fractions of a second are dropped */
			while (isdigit((unsigned char)*++p))
				;
		if (*p == 'Z' || *p == 'z')
			p++;
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60)
		return -1;
	snprintf(out, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u,
		 (unsigned)mo % 100u, (unsigned)d % 100u, (unsigned)h % 100u,
		 (unsigned)mi % 100u, (unsigned)s % 100u);
	return 0;
}

void
unit_date_now(char out[UNIT_DATE_SIZE])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, UNIT_DATE_SIZE, "%Y%m%dT%H%M%SZ", &tm);
}
