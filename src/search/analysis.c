/*
 * analysis.c -- the match analysis of documents: what a document will
 * cost to translate with this memory, as CAT tools print it before a job
 * is quoted.
 *
 * Each segment of the document (formats/document.c) lands in one row:
 *   - locked (translate="no") and already translated (state translated,
 *     final or signed-off, a PO message neither empty nor fuzzy) segments
 *     are counted apart and in no other row: they are no work;
 *   - a segment without text (only white space or inline codes) is not
 *     counted at all;
 *   - in-context exact (101 %): a 100 % match whose unit was taken from a
 *     document between the same neighbours: its x-context-pre and
 *     x-context-post props (base/docseg.c: docseg_to_unit) equal the
 *     sources of the segments before and after this one in the document,
 *     or are both absent at the document's edges (OmegaT's own prev and
 *     next props, in a project_save.tmx, count the same way; a unit with
 *     no context props at all is never in context);
 *   - repetitions: the same source text (same language) was met earlier
 *     in the analysed set, in this file or in one analysed before with
 *     the same `struct analysis`: the first is counted in its own band as
 *     new work, the later ones here.  An in-context match wins over a
 *     repetition (it needs no work at all); a repetition wins over
 *     every other band;
 *   - then the band of the best score (search/fuzzy.c's score, with
 *     min_score the lowest bound): 100 %, 95-99 %, ... down to the lowest
 *     bound, and no match below it.
 * Words and characters are counted on the source text (text/wordcount.c),
 * which holds no inline codes.
 *
 * Memory: a document is read one segment ahead (its neighbour is needed
 * for the context) and repetitions are recognised by a 64-bit hash of the
 * source, eight bytes a distinct segment; nothing grows with the
 * document's size otherwise.  Time: one fuzzy search per segment that is
 * not a repetition, and one row read per 100 % hit for its context.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/i18n.h"
#include "formats/formats.h"
#include "search/search.h"
#include "store/db.h"
#include "text/text.h"

/* An open-addressing set of source hashes (0 is the empty slot). */
struct hash_set {
	uint64_t *slots;
	size_t count, size;  /* size a power of two */
};

struct analysis {
	struct tmg_memory *memory;
	struct analysis_options options;
	struct hash_set seen;
	sqlite3_stmt *notes;  /* a unit's notes, for its context */
};

/* Add `h` to the set; returns 1 when it was there already. */
static int
hash_set_add(struct hash_set *set, uint64_t h)
{
	size_t i;

	if (h == 0)
		h = 1;
	if (2 * (set->count + 1) > set->size) {
		struct hash_set bigger = { 0 };

		bigger.size = set->size ? 2 * set->size : 1024;
		bigger.slots = xcalloc(bigger.size, sizeof *bigger.slots);
		for (i = 0; i < set->size; i++)
			if (set->slots[i])
				hash_set_add(&bigger, set->slots[i]);
		free(set->slots);
		*set = bigger;
	}
	for (i = h & (set->size - 1); set->slots[i];
	     i = (i + 1) & (set->size - 1))
		if (set->slots[i] == h)
			return 1;
	set->slots[i] = h;
	set->count++;
	return 0;
}

struct analysis *
analysis_new(struct tmg_memory *memory, const struct analysis_options *options)
{
	struct analysis *a = xcalloc(1, sizeof *a);

	a->memory = memory;
	a->options = *options;
	return a;
}

void
analysis_free(struct analysis *a)
{
	if (a == NULL)
		return;
	sqlite3_finalize(a->notes);
	free(a->seen.slots);
	free(a);
}

void
analysis_counts_add(struct analysis_counts *a, const struct analysis_counts *b)
{
	for (size_t i = 0; i < ANALYSIS_MAX_ROWS; i++) {
		a->rows[i].segments += b->rows[i].segments;
		wordcount_add(&a->rows[i].count, &b->rows[i].count);
	}
	a->locked.segments += b->locked.segments;
	wordcount_add(&a->locked.count, &b->locked.count);
	a->translated.segments += b->translated.segments;
	wordcount_add(&a->translated.count, &b->translated.count);
}

/*
 * Is the prop `type` of the serialised notes `notes` (store/memory.c:
 * records "kind US =type US lang US encoding US value RS", kind "p" for a
 * prop) equal to `want`, or absent when `want` is NULL?
 */
static int
prop_is(const char *notes, const char *type, const char *want)
{
	size_t tlen = strlen(type);

	for (const char *p = notes; p && *p; ) {
		const char *end = strchr(p, '\x1e'), *f = p;
		const char *value;

		if (end == NULL)
			end = p + strlen(p);
		/* kind, then "=type" */
		if (f[0] == 'p' && f[1] == '\x1f' && f[2] == '=' &&
		    strncmp(f + 3, type, tlen) == 0 && f[3 + tlen] == '\x1f') {
			/* skip type, lang and encoding to the value */
			value = f + 3 + tlen + 1;
			for (int skip = 0; skip < 2 && value < end; skip++) {
				const char *us = memchr(value, '\x1f',
							(size_t)(end - value));
				value = us ? us + 1 : end;
			}
			return want && strlen(want) == (size_t)(end - value) &&
			       memcmp(value, want, (size_t)(end - value)) == 0;
		}
		p = *end ? end + 1 : end;
	}
	return want == NULL || *want == '\0';
}

/* Does the serialised notes hold a prop `type`? */
static int
has_prop(const char *notes, const char *type)
{
	/* an absent prop is equal to NULL; a present one never is */
	return !prop_is(notes, type, NULL);
}

/* Was unit `id` taken between the neighbours `prev` and `next` (NULL at
 * the document's edges)?  1 yes, 0 no, -1 error. */
static int
in_context(struct analysis *a, int64_t id, const char *prev,
	   const char *next, struct tmg_error *err)
{
	sqlite3 *db = memory_db(a->memory);
	const char *notes;
	int rc, yes = 0;

	if (a->notes == NULL &&
	    store_prepare(db, "SELECT notes FROM units WHERE id = ?1",
			  &a->notes, err) < 0)
		return -1;
	sqlite3_bind_int64(a->notes, 1, id);
	rc = sqlite3_step(a->notes);
	if (rc == SQLITE_ROW) {
		notes = (const char *)sqlite3_column_text(a->notes, 0);
		/* tmgloss's own props, else OmegaT's (project_save.tmx);
		 * a unit with neither knows no context */
		if (has_prop(notes, "x-context-pre") ||
		    has_prop(notes, "x-context-post"))
			yes = prop_is(notes, "x-context-pre", prev) &&
			      prop_is(notes, "x-context-post", next);
		else if (has_prop(notes, "prev") || has_prop(notes, "next"))
			yes = prop_is(notes, "prev", prev) &&
			      prop_is(notes, "next", next);
	}
	sqlite3_reset(a->notes);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(a->memory, err);
	return yes;
}

/* The file being analysed: its languages once known, and the row its
 * segments go to. */
struct analysis_doc {
	struct analysis *a;
	const char *path;
	struct analysis_counts *counts;
	struct fuzzy_options fuzzy;
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	int languages_known;
	analysis_segment_fn each;   /* told of each segment, or NULL */
	void *each_data;
};

/* The languages to search with, from the options, else the segment's,
 * else the memory's. */
static int
doc_languages(struct analysis_doc *d, const struct tmg_docseg *seg,
	      struct tmg_error *err)
{
	const struct analysis_options *o = &d->a->options;
	const char *src = o->src ? o->src : seg->srclang[0] ? seg->srclang
							     : NULL;
	const char *tgt = o->tgt ? o->tgt : seg->tgtlang[0] ? seg->tgtlang
							     : NULL;

	if (fuzzy_default_languages(d->a->memory, src, tgt, seg->source_text,
				    d->src, d->tgt, err) < 0)
		return -1;
	if (d->src[0] == '\0' || d->tgt[0] == '\0') {
		tmg_error_set(err, d->path, 0, 0, "%s", d->src[0] == '\0'
			      ? _("the memory has several source languages: "
				  "say which with --src")
			      : _("the memory has several target languages: "
				  "say which with --tgt"));
		return -1;
	}
	memcpy(d->counts->srclang, d->src, TMG_LANG_MAX);
	memcpy(d->counts->tgtlang, d->tgt, TMG_LANG_MAX);
	d->fuzzy.src = d->src;
	d->fuzzy.tgt = d->tgt;
	d->languages_known = 1;
	return 0;
}

/* The row of segment `seg` (not locked, not translated, with text)
 * between `prev` and `next`, its hits into `hits` and the one that wins
 * into `*chosen` (the in-context one, else the first); -1 on error. */
static int
segment_row(struct analysis_doc *d, const struct tmg_docseg *seg,
	    const char *prev, const char *next, struct fuzzy_hits *hits,
	    size_t *chosen, struct tmg_error *err)
{
	const struct analysis_options *o = &d->a->options;
	uint64_t h;
	int repeated, row = ANALYSIS_NO_MATCH(o->nbounds), best;

	if (!d->languages_known && doc_languages(d, seg, err) < 0)
		return -1;
	h = hash_fnv1a_str(HASH_FNV_OFFSET, seg->srclang);
	h = hash_fnv1a(h, "", 1);
	h = hash_mix64(hash_fnv1a_str(h, seg->source_text));
	repeated = hash_set_add(&d->a->seen, h);
	*chosen = 0;
	if (fuzzy_search(d->a->memory, seg->source_text, &d->fuzzy, hits,
			 err) < 0)
		return -1;
	best = hits->count ? hits->items[0].score : 0;
	for (size_t i = 0; i < hits->count && hits->items[i].score == 100;
	     i++) {
		int yes = in_context(d->a, hits->items[i].unit_id, prev, next,
				     err);

		if (yes < 0)
			return -1;
		if (yes) {
			*chosen = i;
			return ANALYSIS_IN_CONTEXT;
		}
	}
	if (repeated)
		return ANALYSIS_REPETITIONS;
	for (size_t i = 0; i < o->nbounds; i++)
		if (hits->count && best >= o->bounds[i]) {
			row = ANALYSIS_FIRST_BAND + (int)i;
			break;
		}
	return row;
}

static int
has_text(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 1;
	return 0;
}

/* Count `seg` (number `index` of the file), between `prev` and `next`,
 * into its row, and tell the caller's function what was found. */
static int
analyse_segment(struct analysis_doc *d, size_t index,
		const struct tmg_docseg *seg, const char *prev,
		const char *next, struct tmg_error *err)
{
	struct analysis_row *row = NULL;
	struct analysis_segment found = { 0 };
	struct fuzzy_hits hits = { 0 };
	struct word_count count;
	size_t chosen = 0;
	int r, ret = -1;

	found.row = ANALYSIS_ROW_NONE;
	if (!has_text(seg->source_text)) {
		;
	} else if (seg->locked) {
		row = &d->counts->locked;
		found.row = ANALYSIS_ROW_LOCKED;
	} else if (seg->state >= DOCSEG_TRANSLATED && seg->target_text) {
		row = &d->counts->translated;
		found.row = ANALYSIS_ROW_TRANSLATED;
	} else {
		if ((r = segment_row(d, seg, prev, next, &hits, &chosen,
				     err)) < 0)
			goto out;
		row = &d->counts->rows[r];
		found.row = r;
		found.best = hits.count ? &hits.items[chosen] : NULL;
		found.src = d->src;
		found.tgt = d->tgt;
	}
	if (row) {
		if (wordcount_text(seg->source_text, seg->srclang, &count,
				   err) < 0) {
			if (err->file[0] == '\0')
				tmg_error_set(err, d->path, seg->line, 0, "%s",
					      err->message);
			goto out;
		}
		row->segments++;
		wordcount_add(&row->count, &count);
	}
	if (d->each && d->each(d->each_data, index, seg, &found, err) < 0)
		goto out;
	ret = 0;
out:
	fuzzy_hits_clear(&hits);
	return ret;
}

int
analysis_file(struct analysis *a, const char *path, glossary_warning_fn warn,
	      void *warn_data, struct analysis_counts *counts,
	      struct tmg_error *err)
{
	return analysis_file_each(a, path, warn, warn_data, counts, NULL,
				  NULL, err);
}

int
analysis_file_each(struct analysis *a, const char *path,
		   glossary_warning_fn warn, void *warn_data,
		   struct analysis_counts *counts, analysis_segment_fn each,
		   void *each_data, struct tmg_error *err)
{
	struct doc_read_options doc_options = { a->options.src,
						a->options.tgt };
	struct analysis_doc d = { 0 };
	struct doc_reader *reader;
	/* three segments: the one before, the one counted, the next */
	struct tmg_docseg segs[3];
	struct tmg_docseg *prev = &segs[0], *cur = &segs[1], *next = &segs[2];
	size_t index = 0;
	int have_cur = 0, rc, ret = -1;

	memset(counts, 0, sizeof *counts);
	for (int i = 0; i < 3; i++)
		docseg_init(&segs[i]);
	reader = doc_reader_open(path, &doc_options, warn, warn_data, err);
	if (reader == NULL)
		return -1;
	snprintf(counts->format, sizeof counts->format, "%s",
		 doc_reader_format(reader));
	d.a = a;
	d.path = path;
	d.counts = counts;
	d.each = each;
	d.each_data = each_data;
	d.fuzzy.min_score = a->options.bounds[a->options.nbounds - 1];
	if (a->options.min_score > 0 &&
	    a->options.min_score < d.fuzzy.min_score)
		d.fuzzy.min_score = a->options.min_score;
	d.fuzzy.max_hits = 10;
	for (;;) {
		struct tmg_docseg *t;

		rc = doc_reader_next(reader, next, err);
		if (rc < 0)
			goto out;
		if (have_cur &&
		    analyse_segment(&d, index++, cur, prev->source_text,
				    rc ? next->source_text : NULL, err) < 0)
			goto out;
		if (rc == 0)
			break;
		/* the next becomes the current, the current the previous;
		 * the previous is cleared to take the next */
		t = prev, prev = cur, cur = next, next = t;
		docseg_clear(next);
		have_cur = 1;
	}
	ret = 0;
out:
	for (int i = 0; i < 3; i++)
		docseg_clear(&segs[i]);
	doc_reader_close(reader);
	return ret;
}
