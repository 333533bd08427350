/*
 * fuzzy.c -- fuzzy matching: the units of the memory whose source is like
 * a query, with a CAT-style score, drawn from the token index exactly.
 *
 * THE SCORE
 *
 * Both texts are tokenised (tokens.c, TOKENS_MATCH): French words, numbers
 * and single Han characters are the *words*; punctuation, white space and
 * inline tags (one token each, U+FFFC in the matching text) are not.
 * Words compare by their key (NFKC, case folded, Traditional folded to
 * Simplified); all numbers compare equal to each other.  With d the edit distance
 * between the two word sequences (insert, delete, substitute: 1 each) and
 * L the longer sequence's length:
 *
 *     base  = floor(100 * (L - d) / L)          (100 when L = 0)
 *     score = base - number - case - tag - punct - space,   at least 0
 *
 *   number  1 for each aligned pair of numbers whose values differ
 *   case    1 if aligned words differ in case or width only ("Fichier" /
 *           "fichier", "ＡＩ" / "AI", 類 / 类)
 *   tag     1 if the inline tags differ (their number, or the codes they
 *           stand for, in order)
 *   punct   1 if the punctuation differs (sequence of its tokens)
 *   space   1 if the white space between tokens differs (when the words
 *           line up with no edit and the punctuation has as many marks)
 *
 * and a score of 100 is lowered to 99 when the texts are not identical:
 * 100 means the same text.  So a unit that differs only in a number scores
 * 99, only in case 99, only in a full stop 99; one word in ten changed
 * scores 90.
 *
 * THE RETRIEVAL BOUND
 *
 * Since every penalty is >= 0, score >= m (the --min) implies
 * base >= m, that is d <= L (1 - m/100).  An alignment with d edits keeps
 * at least L - d words in place, so the query and the unit share at least
 * C >= L - d >= m L / 100 words (as multisets; the index numbers the
 * copies of a word, "de"#1, "de"#2, so that sets count multisets), and
 * C <= min(nq, ns) gives the length bound
 *
 *     ceil(m nq / 100) <= ns <= floor(100 nq / m).
 *
 * The index keys fold more than the score does (accents too, and 32- or
 * 48-bit hashes may collide): two words equal for the score are equal for
 * the index, so counts and distances computed on index keys can only be
 * larger, respectively smaller: bounds, never misses.  The posting lists
 * are partitioned by segment length, and each length ns of the range above
 * is searched on its own: with need = ceil(m max(nq, ns) / 100), a unit of
 * that length sharing `need` words with the query shares one of the
 * query's nq - need + 1 rarest words *at that length* (prefix filter);
 * their lists make the candidates, further lists only add to the counts,
 * and a unit whose count plus the number of unread lists stays below
 * `need` is dropped.  The rest are checked with an edit distance on their stored
 * index keys, and those still at or above m are scored exactly from their
 * text, best bound first, until no bound can beat the hits kept.
 *
 * The exhaustive search scores every unit from its text; a test checks
 * that both give the same lists.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "index/fuzzy-index.h"
#include "index/index.h"
#include "search/search.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* ------------------------------------------------------------ score */

/* One step of an alignment of two token sequences. */
enum edit_op { OP_MATCH, OP_SUBSTITUTE, OP_DELETE, OP_INSERT };

struct alignment {
	unsigned char *ops; /* in text order */
	size_t count;
	size_t distance;
};

/* What makes two tokens the same in an alignment. */
enum align_mode {
	ALIGN_SCORE, /* the words of the score: their keys */
	ALIGN_DIFF,  /* every token, as the score counts it (fuzzy_diff) */
};

/*
 * The same for the marked differences: words by their key (case, width and
 * Traditional folded, as the score compares them), numbers by their value
 * (a different number costs a point), punctuation and tags as they stand
 * (the score compares their sequences so).
 */
static int
diff_same(const struct seg_token *a, const struct seg_token *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case TOKEN_NUMBER:
		return a->exact == b->exact;
	case TOKEN_PUNCT:
	case TOKEN_TAG:
		return a->surface == b->surface;
	default:
		return a->key == b->key;
	}
}

static int
tokens_same(const struct seg_token *a, const struct seg_token *b,
	    enum align_mode mode)
{
	return mode == ALIGN_DIFF ? diff_same(a, b) : a->key == b->key;
}

/*
 * Align a (the query) with b (the candidate) by Levenshtein distance,
 * tokens compared as `mode` says; ties prefer a diagonal step.  The ops
 * array is owned by the caller.
 */
static void
align_tokens(const struct seg_token *a, size_t na, const struct seg_token *b,
	     size_t nb, enum align_mode mode, struct alignment *out)
{
	size_t w = nb + 1;
	uint32_t *dp = xreallocarray(NULL, (na + 1) * w, sizeof *dp);
	size_t i, j, n = 0;

	for (j = 0; j <= nb; j++)
		dp[j] = (uint32_t)j;
	for (i = 1; i <= na; i++) {
		dp[i * w] = (uint32_t)i;
		for (j = 1; j <= nb; j++) {
			int same = tokens_same(&a[i - 1], &b[j - 1], mode);
			uint32_t best = dp[(i - 1) * w + j - 1] + !same;
			uint32_t del = dp[(i - 1) * w + j] + 1;
			uint32_t ins = dp[i * w + j - 1] + 1;
			if (del < best)
				best = del;
			if (ins < best)
				best = ins;
			dp[i * w + j] = best;
		}
	}
	out->distance = dp[na * w + nb];
	out->ops = xmalloc(na + nb + 1);
	i = na;
	j = nb;
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0) {
			int same = tokens_same(&a[i - 1], &b[j - 1], mode);
			if (dp[i * w + j] == dp[(i - 1) * w + j - 1] + !same) {
				out->ops[n++] = same ? OP_MATCH : OP_SUBSTITUTE;
				i--;
				j--;
				continue;
			}
		}
		if (i > 0 && dp[i * w + j] == dp[(i - 1) * w + j] + 1) {
			out->ops[n++] = OP_DELETE;
			i--;
		} else {
			out->ops[n++] = OP_INSERT;
			j--;
		}
	}
	for (size_t k = 0; k < n / 2; k++) {
		unsigned char t = out->ops[k];
		out->ops[k] = out->ops[n - 1 - k];
		out->ops[n - 1 - k] = t;
	}
	out->count = n;
	free(dp);
}

/* The score of segment s against query segment q (formula at the top). */
static int
score_segments(const struct fuzzy_segment *q, const struct fuzzy_segment *s)
{
	struct alignment al;
	size_t L = q->nwords > s->nwords ? q->nwords : s->nwords;
	size_t i = 0, j = 0;
	int base, score, numbers = 0, case_diff = 0, tag_diff = 0;
	int punct_diff = 0, space_diff;
	size_t al_distance;

	align_tokens(q->words, q->nwords, s->words, s->nwords, ALIGN_SCORE,
		     &al);
	base = L == 0 ? 100 : (int)(100 * (L - al.distance) / L);
	al_distance = al.distance;
	for (size_t k = 0; k < al.count; k++) {
		switch (al.ops[k]) {
		case OP_MATCH: {
			const struct seg_token *a = &q->words[i], *b = &s->words[j];
			if (a->kind == TOKEN_NUMBER) {
				numbers += a->exact != b->exact;
				case_diff |= a->exact == b->exact &&
					     a->surface != b->surface;
			} else {
				case_diff |= a->surface != b->surface;
			}
			i++;
			j++;
			break;
		}
		case OP_SUBSTITUTE:
			i++;
			j++;
			break;
		case OP_DELETE:
			i++;
			break;
		case OP_INSERT:
			j++;
			break;
		}
	}
	free(al.ops);
	if (q->npunct != s->npunct)
		punct_diff = 1;
	for (size_t k = 0; !punct_diff && k < q->npunct; k++)
		punct_diff = q->punct[k].surface != s->punct[k].surface;
	tag_diff = q->ntags != s->ntags;
	for (size_t k = 0; !tag_diff && k < q->ntags; k++)
		tag_diff = q->tags[k].surface != s->tags[k].surface;
	/* spacing counts only where the words line up one to one */
	space_diff = al_distance == 0 && q->npunct == s->npunct &&
		     q->spacing != s->spacing;
	score = base - numbers - case_diff - tag_diff - punct_diff - space_diff;
	if (score < 0)
		score = 0;
	if (score == 100 && strcmp(q->text, s->text) != 0)
		score = 99;
	return score;
}

int
fuzzy_score(const char *query, const char *candidate, const char *lang,
	    struct tmg_error *err)
{
	struct fuzzy_segment q, s;
	int score;

	if (fuzzy_segment_build(&q, query, NULL, lang, SEGMENT_SCORE_FLAGS,
				err) < 0)
		return -1;
	if (fuzzy_segment_build(&s, candidate, NULL, lang, SEGMENT_SCORE_FLAGS,
				err) < 0) {
		fuzzy_segment_clear(&q);
		return -1;
	}
	score = score_segments(&q, &s);
	fuzzy_segment_clear(&q);
	fuzzy_segment_clear(&s);
	return score;
}

/* ------------------------------------------------------------ tags */

/*
 * A segment's markup for display: text as it stands, each code element
 * (bpt, ept, it, ph, ut: native code, left out) as a numbered placeholder
 * where it stands, hi and sub as their text.  The elements are numbered
 * 1, 2, ... in order; a pair keeps one number: <bpt i="k"> is {n} and
 * the <ept i="k"> that closes it {/n}; <it pos="begin"> is {n}, <it
 * pos="end"> {/n}, and ph, ut and a lone ept {n/} or {/n}.  These are the
 * elements the matching text has a U+FFFC for, in the same order, so the
 * differences can show them too (labels).
 */
struct tag_labels {
	char (*items)[24];
	size_t count, alloc;
};

static const char *
piece_attr(const struct inline_piece *piece, const char *name)
{
	for (size_t i = 0; i < piece->nattrs; i++)
		if (strcmp(piece->attrs[i].name, name) == 0)
			return piece->attrs[i].value;
	return NULL;
}

static const char *
tag_label(struct tag_labels *labels, const struct inline_piece *piece,
	  struct strbuf *pairs)
{
	const char *i = piece_attr(piece, "i");
	char key[24], *label;
	int n = 0, open;

	ALLOC_GROW(labels->items, labels->count + 1, labels->alloc);
	label = labels->items[labels->count++];
	if (piece->name_len == 3 && memcmp(piece->name, "ept", 3) == 0) {
		/* the number of the bpt with the same i, if one came */
		const char *p = pairs->buf;
		snprintf(key, sizeof key, "%s", i ? i : "");
		for (size_t at = 0; p && at < pairs->len;
		     at += strlen(p + at) + 1)
			if (strcmp(p + at + strcspn(p + at, "=") + 1, key) == 0)
				n = atoi(p + at);
		if (n == 0)
			n = (int)labels->count;
		snprintf(label, sizeof *labels->items, "{/%d}", n);
		return label;
	}
	n = (int)labels->count;
	if (piece->name_len == 3 && memcmp(piece->name, "bpt", 3) == 0) {
		/* "n=i" remembered for the ept */
		char pair[48];
		int len = snprintf(pair, sizeof pair, "%d=%s", n, i ? i : "");
		strbuf_add(pairs, pair, (size_t)len + 1);
		open = 1;
	} else if (piece->name_len == 2 && memcmp(piece->name, "it", 2) == 0) {
		const char *pos = piece_attr(piece, "pos");
		open = pos == NULL || strcmp(pos, "end") != 0 ? 1 : -1;
	} else {
		open = 0;
	}
	snprintf(label, sizeof *labels->items, open > 0 ? "{%d}" :
		 open < 0 ? "{/%d}" : "{%d/}", n);
	return label;
}

/* The display text of `markup` (above); `labels` (may be NULL) gets each
 * placeholder in order. */
static char *
tagged_text(const char *markup, struct tag_labels *labels)
{
	struct strbuf sb = { 0 }, pairs = { 0 };
	struct tag_labels own = { 0 };
	struct inline_walker walker;
	struct inline_piece piece;
	const struct inline_element *e;

	if (labels == NULL)
		labels = &own;
	strbuf_addstr(&sb, "");
	inline_walker_init(&walker, markup);
	while (inline_walker_next(&walker, &piece) == 1) {
		if (piece.kind == INLINE_TEXT) {
			strbuf_add(&sb, piece.text, piece.text_len);
			continue;
		}
		e = piece.kind == INLINE_END ? NULL :
			inline_element_find(piece.name, piece.name_len);
		if (e == NULL || !e->is_code)
			continue;
		strbuf_addstr(&sb, tag_label(labels, &piece, &pairs));
		/* native code: not shown */
		if (piece.kind == INLINE_START &&
		    inline_walker_skip_element(&walker, NULL) != 1)
			break;
	}
	inline_walker_release(&walker);
	strbuf_release(&pairs);
	free(own.items);
	return strbuf_detach(&sb);
}

char *
fuzzy_tagged_text(const char *text, const char *markup)
{
	return markup ? tagged_text(markup, NULL) : xstrdup(text);
}

/* ------------------------------------------------------------ diff */

/* The caller's function, with the U+FFFC of the source's tags shown as
 * their placeholders. */
struct diff_out {
	fuzzy_diff_fn fn;
	void *data;
	const struct tag_labels *labels;
	size_t next;
};

#define TAG_CHAR "\xef\xbf\xbc" /* U+FFFC, a tag in the matching text */

static void
diff_emit(void *data, enum fuzzy_diff_kind kind, const char *text,
	  size_t len)
{
	struct diff_out *out = data;
	const char *end = text + len;

	while (kind != FUZZY_DELETED && out->next < out->labels->count) {
		const char *tag = text, *label;

		while ((tag = memchr(tag, TAG_CHAR[0], (size_t)(end - tag))) &&
		       (end - tag < 3 || memcmp(tag, TAG_CHAR, 3) != 0))
			tag++;
		if (tag == NULL)
			break;
		if (tag > text)
			out->fn(out->data, kind, text, (size_t)(tag - text));
		label = out->labels->items[out->next++];
		out->fn(out->data, kind, label, strlen(label));
		text = tag + 3;
	}
	if (text < end)
		out->fn(out->data, kind, text, (size_t)(end - text));
}

/* The bytes of tokens from..to-1 of `all` in `text`, with what is between
 * them. */
static void
diff_span(fuzzy_diff_fn fn, void *data, enum fuzzy_diff_kind kind,
	  const char *text, const struct seg_token *all, size_t from,
	  size_t to)
{
	if (to > from)
		fn(data, kind, text + all[from].byte_start,
		   (size_t)(all[to - 1].byte_end - all[from].byte_start));
}

int
fuzzy_diff(const char *query, const char *source, const char *lang,
	   fuzzy_diff_fn fn, void *data, struct tmg_error *err)
{
	return fuzzy_diff_markup(query, source, NULL, lang, fn, data, err);
}

int
fuzzy_diff_markup(const char *query, const char *source,
		  const char *source_markup, const char *lang,
		  fuzzy_diff_fn caller_fn, void *caller_data,
		  struct tmg_error *err)
{
	struct fuzzy_segment q, s;
	struct alignment al;
	size_t i = 0, j = 0, k = 0, source_len;
	int32_t src_pos = 0;
	int spaced_deletion = 0;
	struct tag_labels labels = { 0 };
	struct diff_out out = { caller_fn, caller_data, &labels, 0 };
	fuzzy_diff_fn fn = diff_emit;
	void *data = &out;

	if (fuzzy_segment_build(&q, query, NULL, lang, SEGMENT_SCORE_FLAGS,
				err) < 0)
		return -1;
	if (fuzzy_segment_build(&s, source, source_markup, lang,
				SEGMENT_SCORE_FLAGS, err) < 0) {
		fuzzy_segment_clear(&q);
		return -1;
	}
	if (source_markup)
		free(tagged_text(source_markup, &labels));
	source_len = strlen(s.text);
	align_tokens(q.all, q.nall, s.all, s.nall, ALIGN_DIFF, &al);
	while (k < al.count) {
		size_t i0 = i, j0 = j;
		int32_t next;

		if (al.ops[k] == OP_MATCH) {
			/* "a [-b-] c": keep a space on both sides */
			if (spaced_deletion && s.all[j].byte_start == src_pos)
				fn(data, FUZZY_SAME, " ", 1);
			spaced_deletion = 0;
			fn(data, FUZZY_SAME, s.text + src_pos,
			   (size_t)(s.all[j].byte_end - src_pos));
			src_pos = s.all[j].byte_end;
			i++;
			j++;
			k++;
			continue;
		}
		/* a block of differences: the query's part deleted, then
		 * the source's part inserted */
		for (; k < al.count && al.ops[k] != OP_MATCH; k++) {
			if (al.ops[k] != OP_INSERT)
				i++;
			if (al.ops[k] != OP_DELETE)
				j++;
		}
		next = j0 < s.nall ? s.all[j0].byte_start : (int32_t)source_len;
		if (next > src_pos)
			fn(data, FUZZY_SAME, s.text + src_pos,
			   (size_t)(next - src_pos));
		spaced_deletion = next > src_pos && j == j0;
		src_pos = next;
		diff_span(fn, data, FUZZY_DELETED, q.text, q.all, i0, i);
		diff_span(fn, data, FUZZY_INSERTED, s.text, s.all, j0, j);
		if (j > j0)
			src_pos = s.all[j - 1].byte_end;
	}
	if ((size_t)src_pos < source_len)
		fn(data, FUZZY_SAME, s.text + src_pos,
		   source_len - (size_t)src_pos);
	free(al.ops);
	free(labels.items);
	fuzzy_segment_clear(&q);
	fuzzy_segment_clear(&s);
	return 0;
}

/* ------------------------------------------------------------ hits */

static void
hit_clear(struct fuzzy_hit *h)
{
	free(h->source);
	free(h->source_markup);
	free(h->source_lang);
	free(h->target);
	free(h->target_markup);
	free(h->target_lang);
	free(h->origin);
	free(h->tuid);
	free(h->change_date);
	free(h->author);
}

void
fuzzy_hits_clear(struct fuzzy_hits *hits)
{
	for (size_t i = 0; i < hits->count; i++)
		hit_clear(&hits->items[i]);
	free(hits->items);
	memset(hits, 0, sizeof *hits);
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? xstrdup(t) : NULL;
}

/* Best first: higher score, then the later change (a date beats none),
 * then the newer (higher) unit id. */
static int
hit_better(const struct fuzzy_hit *a, const struct fuzzy_hit *b)
{
	int c;

	if (a->score != b->score)
		return a->score > b->score;
	c = strcmp(a->change_date ? a->change_date : "",
		   b->change_date ? b->change_date : "");
	if (c != 0)
		return c > 0;
	return a->unit_id > b->unit_id;
}

/* The value of attribute `name` in a variant's stored attributes ("name
 * US value RS ...", store/memory.c), or NULL. */
static char *
attr_dup(const char *attrs, const char *name)
{
	size_t n = strlen(name);

	while (attrs && *attrs) {
		const char *end = strchr(attrs, '\x1e');

		if (end == NULL)
			end = attrs + strlen(attrs);
		if (strncmp(attrs, name, n) == 0 && attrs[n] == '\x1f')
			return xstrndup(attrs + n + 1,
					(size_t)(end - attrs - n - 1));
		attrs = *end ? end + 1 : end;
	}
	return NULL;
}

/* A variant's change date as the TMX reader normalises it
 * (YYYYMMDDThhmmssZ), or NULL; a date it could not read is kept verbatim
 * and is no date here. */
static char *
variant_change_date(const char *attrs)
{
	char *date = attr_dup(attrs, "changedate");

	if (date && (strlen(date) != 16 || date[8] != 'T' || date[15] != 'Z')) {
		free(date);
		date = NULL;
	}
	return date;
}

/* The hit's date and author: the newer variant change (translation or
 * source; OmegaT writes them on <tuv>), else the unit's (<tu>). */
static void
hit_change(struct fuzzy_hit *hit, const char *source_attrs,
	   const char *target_attrs, sqlite3_stmt *unit_st)
{
	char *sdate = variant_change_date(source_attrs);
	char *tdate = variant_change_date(target_attrs);
	const char *attrs = target_attrs;

	if (tdate == NULL || (sdate && strcmp(sdate, tdate) > 0)) {
		free(tdate);
		tdate = sdate;
		sdate = NULL;
		attrs = source_attrs;
	}
	free(sdate);
	if (tdate) {
		hit->change_date = tdate;
		hit->author = attr_dup(attrs, "changeid");
		if (hit->author == NULL)
			hit->author = attr_dup(attrs, "creationid");
		return;
	}
	if (unit_st == NULL)
		return;
	/* unit_st: change_date, origin, tuid, change_id, creation_id */
	hit->change_date = column_dup(unit_st, 0);
	hit->author = column_dup(unit_st, 3);
	if (hit->author == NULL)
		hit->author = column_dup(unit_st, 4);
}

/* ------------------------------------------------------- the search */

struct lang_verdict {
	char lang[TMG_LANG_MAX];
	int src_ok, tgt_ok;
};

struct search {
	struct tmg_memory *memory;
	sqlite3 *db;
	const struct fuzzy_options *opt;
	struct fuzzy_hits *hits;
	struct tmg_error *err;
	struct fuzzy_segment query;      /* score form */
	sqlite3_stmt *variant_st;  /* text and markup of a variant */
	sqlite3_stmt *target_st;   /* the variants of a unit */
	sqlite3_stmt *unit_st;     /* change date and origin */
	struct lang_verdict *langs;
	size_t nlangs;
	size_t scored;
};

/* Does variant language `lang` answer --src / --tgt?  Cached: ICU's
 * likely-subtags lookups are not free. */
static const struct lang_verdict *
lang_verdict(struct search *s, const char *lang)
{
	struct lang_verdict *v;

	for (size_t i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i].lang, lang) == 0)
			return &s->langs[i];
	s->langs = xreallocarray(s->langs, s->nlangs + 1, sizeof *s->langs);
	v = &s->langs[s->nlangs++];
	snprintf(v->lang, sizeof v->lang, "%s", lang);
	v->src_ok = fuzzy_index_lang_answers(s->opt->src, lang);
	v->tgt_ok = lang_matches(s->opt->tgt, lang, 0);
	return v;
}

static int
prepare_statements(struct search *s)
{
	if (sqlite3_prepare_v2(s->db,
			       "SELECT text, markup, attrs, unit_id, lang"
			       " FROM variants WHERE id = ?1",
			       -1, &s->variant_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "SELECT id, lang, text, markup, attrs"
			       " FROM variants WHERE unit_id = ?1 ORDER BY id",
			       -1, &s->target_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "SELECT u.change_date, o.name, u.tuid,"
			       " u.change_id, u.creation_id FROM units u"
			       " LEFT JOIN origins o ON o.id = u.origin_id"
			       " WHERE u.id = ?1", -1, &s->unit_st,
			       NULL) != SQLITE_OK)
		return memory_db_error(s->memory, s->err);
	return 0;
}

static void
finalize_statements(struct search *s)
{
	sqlite3_finalize(s->variant_st);
	sqlite3_finalize(s->target_st);
	sqlite3_finalize(s->unit_st);
}

/* The lowest score among the hits when the list is full, else -1. */
static int
cutoff(const struct search *s)
{
	const struct fuzzy_hits *h = s->hits;

	if (h->count < s->opt->max_hits)
		return -1;
	return h->items[h->count - 1].score;
}

/*
 * Keep unit `unit_id` (source variant `variant_id` with `source`, its
 * markup and attributes) scoring `score` if it has a translation and
 * ranks among the best.
 */
static int
offer_hit(struct search *s, int64_t unit_id, int64_t variant_id,
	  const char *source, const char *source_markup,
	  const char *source_attrs, const char *source_lang, int score)
{
	struct fuzzy_hits *h = s->hits;
	struct fuzzy_hit hit = { 0 };
	size_t pos;
	int rc;

	/* below the last of a full list whatever its date */
	if (h->count >= s->opt->max_hits &&
	    score < h->items[h->count - 1].score)
		return 0;
	hit.unit_id = unit_id;
	hit.score = score;

	sqlite3_reset(s->target_st);
	sqlite3_bind_int64(s->target_st, 1, unit_id);
	sqlite3_reset(s->unit_st);
	sqlite3_bind_int64(s->unit_st, 1, unit_id);
	while ((rc = sqlite3_step(s->target_st)) == SQLITE_ROW) {
		const char *lang = (const char *)
			sqlite3_column_text(s->target_st, 1);
		if (sqlite3_column_int64(s->target_st, 0) == variant_id ||
		    !lang_verdict(s, lang)->tgt_ok)
			continue;
		hit.target = column_dup(s->target_st, 2);
		hit.target_markup = column_dup(s->target_st, 3);
		hit.target_lang = xstrdup(lang);
		if ((rc = sqlite3_step(s->unit_st)) == SQLITE_ROW) {
			hit.origin = column_dup(s->unit_st, 1);
			hit.tuid = column_dup(s->unit_st, 2);
		} else if (rc != SQLITE_DONE) {
			break;
		}
		hit_change(&hit, source_attrs, (const char *)
			   sqlite3_column_text(s->target_st, 4),
			   rc == SQLITE_ROW ? s->unit_st : NULL);
		rc = SQLITE_DONE;
		break;
	}
	sqlite3_reset(s->target_st);
	sqlite3_reset(s->unit_st);
	if (rc != SQLITE_DONE) {
		hit_clear(&hit);
		return memory_db_error(s->memory, s->err);
	}
	if (hit.target == NULL)
		return 0; /* no translation in the asked language */

	for (pos = 0; pos < h->count; pos++)
		if (h->items[pos].unit_id == unit_id)
			break;
	/* another source variant of a unit already kept, or a full list */
	if ((pos < h->count && !hit_better(&hit, &h->items[pos])) ||
	    (h->count >= s->opt->max_hits && pos == h->count &&
	     !hit_better(&hit, &h->items[h->count - 1]))) {
		hit_clear(&hit);
		return 0;
	}
	hit.source = xstrdup(source);
	hit.source_markup = source_markup ? xstrdup(source_markup) : NULL;
	hit.source_lang = xstrdup(source_lang);

	if (pos < h->count) {
		/* replace the unit's weaker entry */
		hit_clear(&h->items[pos]);
		memmove(&h->items[pos], &h->items[pos + 1],
			(h->count - pos - 1) * sizeof *h->items);
		h->count--;
	} else if (h->count >= s->opt->max_hits) {
		hit_clear(&h->items[h->count - 1]);
		h->count--;
	}
	ALLOC_GROW(h->items, h->count + 1, h->alloc);
	for (pos = h->count; pos > 0 && hit_better(&hit, &h->items[pos - 1]);
	     pos--)
		h->items[pos] = h->items[pos - 1];
	h->items[pos] = hit;
	h->count++;
	return 0;
}

/* Score variant `variant_id` exactly from its text and offer it, if its
 * language answers --src. */
static int
score_variant(struct search *s, int64_t variant_id)
{
	struct fuzzy_segment seg;
	const char *text, *markup, *lang;
	int64_t unit_id;
	int score, rc, ret = 0;

	sqlite3_reset(s->variant_st);
	sqlite3_bind_int64(s->variant_st, 1, variant_id);
	rc = sqlite3_step(s->variant_st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s->variant_st);
		return 0; /* deleted meanwhile */
	}
	if (rc != SQLITE_ROW)
		return memory_db_error(s->memory, s->err);
	lang = (const char *)sqlite3_column_text(s->variant_st, 4);
	if (lang == NULL || !lang_verdict(s, lang)->src_ok) {
		sqlite3_reset(s->variant_st);
		return 0;
	}
	unit_id = sqlite3_column_int64(s->variant_st, 3);
	text = (const char *)sqlite3_column_text(s->variant_st, 0);
	markup = (const char *)sqlite3_column_text(s->variant_st, 1);
	if (fuzzy_segment_build(&seg, text, markup, lang, SEGMENT_SCORE_FLAGS,
				s->err) < 0) {
		sqlite3_reset(s->variant_st);
		return -1;
	}
	s->scored++;
	score = score_segments(&s->query, &seg);
	if (score >= s->opt->min_score)
		ret = offer_hit(s, unit_id, variant_id, text, markup,
				(const char *)sqlite3_column_text(
					s->variant_st, 2), lang, score);
	fuzzy_segment_clear(&seg);
	sqlite3_reset(s->variant_st);
	return ret;
}

/* Score every variant of the units from `from` on (0: all of them). */
static int
search_exhaustive(struct search *s, int64_t from)
{
	sqlite3_stmt *st;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT id, lang FROM variants"
			       " WHERE unit_id >= ?1 ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK)
		return memory_db_error(s->memory, s->err);
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		if (!lang_verdict(s, lang)->src_ok)
			continue;
		if ((ret = score_variant(s, sqlite3_column_int64(st, 0))) < 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = memory_db_error(s->memory, s->err);
	sqlite3_finalize(st);
	return ret;
}

/* ---- candidates from the index */

struct query_word {
	uint64_t hash;     /* index hash of this copy of the word */
	struct posting_runs runs; /* in the length range, by length */
};

struct candidate {
	int64_t id;        /* variant id; 0 for a free slot */
	unsigned count;    /* query words counted in it */
};

struct candidates {
	struct candidate *slots;
	size_t nslots, used;
};

static uint64_t
id_hash(int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static struct candidate *
candidate_find(struct candidates *c, int64_t id, int add)
{
	size_t mask, i;

	if (add && 2 * (c->used + 1) > c->nslots) {
		struct candidate *old = c->slots;
		size_t nold = c->nslots;
		c->nslots = nold ? 2 * nold : 1024;
		c->slots = xcalloc(c->nslots, sizeof *c->slots);
		mask = c->nslots - 1;
		for (size_t k = 0; k < nold; k++) {
			if (old[k].id == 0)
				continue;
			i = (size_t)id_hash(old[k].id) & mask;
			while (c->slots[i].id != 0)
				i = (i + 1) & mask;
			c->slots[i] = old[k];
		}
		free(old);
	}
	if (c->nslots == 0)
		return NULL;
	mask = c->nslots - 1;
	i = (size_t)id_hash(id) & mask;
	while (c->slots[i].id != 0) {
		if (c->slots[i].id == id)
			return &c->slots[i];
		i = (i + 1) & mask;
	}
	if (!add)
		return NULL;
	c->slots[i].id = id;
	c->used++;
	return &c->slots[i];
}

/* A candidate that passed the filters, with its bound on the score. */
struct survivor {
	int64_t variant_id;
	int bound;
};

/* A query word's postings among segments of one length. */
struct length_df {
	size_t word;              /* index in the query's words */
	long df;                  /* postings at this length */
	int cut;                  /* df is a guess: the runs are not all read */
	size_t first_run, end_run; /* its runs at this length */
};

static int
compare_length_df(const void *a, const void *b)
{
	const struct length_df *x = a, *y = b;
	return (x->df > y->df) - (x->df < y->df);
}

static struct candidate *candidate_find(struct candidates *c, int64_t id,
					int add);

/* Empty the table, keeping its size; `ids` are all the ids it holds (the
 * array is overwritten). */
static void
candidates_reset(struct candidates *c, int64_t *ids, size_t n)
{
	if (c->used == 0)
		return;
	if (8 * n > c->nslots) {
		memset(c->slots, 0, c->nslots * sizeof *c->slots);
	} else {
		/* find every slot first: clearing one breaks probe chains */
		for (size_t k = 0; k < n; k++)
			ids[k] = candidate_find(c, ids[k], 0) - c->slots;
		for (size_t k = 0; k < n; k++)
			memset(&c->slots[ids[k]], 0, sizeof *c->slots);
	}
	c->used = 0;
}

static int
compare_survivors(const void *a, const void *b)
{
	const struct survivor *x = a, *y = b;

	if (x->bound != y->bound)
		return y->bound - x->bound;
	return (y->variant_id > x->variant_id) -
	       (y->variant_id < x->variant_id);
}

static int
compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ceil(m * n / 100): the fewest shared words a unit scoring m needs. */
static unsigned
needed(int m, size_t n)
{
	return (unsigned)(((size_t)m * n + 99) / 100);
}

/* Edit distance of two arrays of 16-bit keys, or > limit (early out). */
static size_t
key_distance(const uint16_t *a, size_t na, const uint16_t *b, size_t nb,
	     size_t limit, uint32_t *row)
{
	for (size_t j = 0; j <= nb; j++)
		row[j] = (uint32_t)j;
	for (size_t i = 1; i <= na; i++) {
		uint32_t diag = row[0], low;
		row[0] = (uint32_t)i;
		low = row[0];
		for (size_t j = 1; j <= nb; j++) {
			uint32_t up = row[j];
			uint32_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
			if (best < low)
				low = best;
		}
		if (low > limit)
			return limit + 1;
	}
	return row[nb];
}

/* What the steps of search_indexed() share. */
struct indexed {
	struct search *s;
	struct fuzzy_segment iq;          /* the query, index flags */
	uint16_t *qkeys;            /* its word keys, as stored */
	struct query_word *words;   /* its words as the index hashes them */
	size_t nwords;
	unsigned lo, hi;            /* the segment lengths that can score */
	sqlite3_stmt *runs_st, *ids_st, *tokens_st;
	/* counting (step 2) */
	struct candidates cands;
	int64_t *ids, *touched;
	size_t ids_alloc, ntouched, touched_alloc;
	/* the candidates past the count filter (step 2), then the edit
	 * distance (step 3) */
	int64_t *order;
	size_t norder, order_alloc;
	struct survivor *surv;
	size_t nsurv;
};

/*
 * A word with more ids than this in the runs of its own rows at one
 * length is not read further in step 1 (fuzzy_index_runs()): counting
 * reads a list of n ids only when n <= 8 candidates + 512, and a prefix
 * word (the rarest) seldom has that many.  Its df at the lengths not read
 * is guessed as the ids seen; it is read whole when a step needs it.
 * Rows of more ids than this, 4,032 bytes each (posting-builder.h), were
 * 161 of the 200 pages one match of the 1 M memory read, and 1.56 of its
 * 2.6 ms (BENCHMARKS.md).  Which lengths a cut word has is not known:
 * step 2 takes each length of the range from where it was cut, so only
 * a range of fewer than RUNS_CUT_LENGTHS lengths is cut (a query of up
 * to 88 words at --min 70, 42 at --min 50).
 */
#define RUNS_CAP 2048
#define RUNS_CUT_LENGTHS 64

/* RUNS_CAP, or TMGLOSS_RUNS_CAP's (tests cut the words of a small
 * memory). */
static long
runs_cap(void)
{
	const char *env = getenv("TMGLOSS_RUNS_CAP");

	return env && *env ? strtol(env, NULL, 10) : RUNS_CAP;
}

/*
 * Step 1: the query's words, each copy of a word hashed with its
 * occurrence number as the index does, and their posting runs within the
 * lengths a segment scoring --min can have, those of a frequent word cut
 * (RUNS_CAP).  A query without words looks for the units without words.
 */
static int
read_query_runs(struct indexed *x)
{
	struct search *s = x->s;
	const int m = s->opt->min_score;
	const struct fuzzy_segment *iq = &x->iq;
	long cap;
	char group[16];

	lang_group(s->opt->src, group);
	x->nwords = iq->nwords;
	x->qkeys = xreallocarray(NULL, x->nwords + 1, sizeof *x->qkeys);
	for (size_t i = 0; i < x->nwords; i++)
		x->qkeys[i] = fuzzy_index_token_key(iq->words[i].key);
	if (x->nwords == 0) {
		/* only units without words can reach any --min >= 1 */
		x->words = xcalloc(1, sizeof *x->words);
		x->words[0].hash = fuzzy_index_empty_hash(group);
		x->lo = x->hi = 0;
		x->nwords = 1;
	} else {
		x->lo = needed(m, x->nwords);
		x->hi = (unsigned)(100 * x->nwords / (size_t)m);
		unsigned *occurrences = xreallocarray(NULL, x->nwords,
						      sizeof *occurrences);

		x->words = xcalloc(x->nwords, sizeof *x->words);
		fuzzy_index_occurrences(iq->words, x->nwords, occurrences);
		for (size_t i = 0; i < x->nwords; i++)
			x->words[i].hash = fuzzy_index_token_hash(
				group, iq->words[i].key, occurrences[i]);
		free(occurrences);
	}
	cap = x->hi - x->lo < RUNS_CUT_LENGTHS ? runs_cap() : 0;
	for (size_t i = 0; i < x->nwords; i++)
		if (fuzzy_index_runs(x->runs_st, x->words[i].hash, x->lo, x->hi,
				     cap, &x->words[i].runs, s->err) < 0)
			return -1;
	return 0;
}

/* Word i's runs at `len` into `w`, from `*cursor` (where its runs of
 * shorter lengths end, moved on); a guess when they were cut. */
static void
word_at_length(struct indexed *x, size_t i, unsigned len,
	       struct length_df *w, size_t *cursor)
{
	const struct posting_runs *runs = &x->words[i].runs;
	size_t r = *cursor;

	while (r < runs->count && runs->items[r].length < len)
		r++;
	*cursor = r;
	w->word = i;
	w->df = 0;
	w->first_run = r;
	for (; r < runs->count && runs->items[r].length == len; r++)
		w->df += runs->items[r].n;
	w->end_run = r;
	w->cut = runs->cut && len >= runs->cut_from;
	if (w->cut)
		w->df = runs->cut_n;
}

/* Read the cut word of `w` whole, and `w` again at `len`. */
static int
read_whole_word(struct indexed *x, struct length_df *w, unsigned len,
		size_t *cursor)
{
	struct query_word *word = &x->words[w->word];

	fuzzy_index_runs_clear(&word->runs);
	if (fuzzy_index_runs(x->runs_st, word->hash, x->lo, x->hi, 0,
			     &word->runs, x->s->err) < 0)
		return -1;
	*cursor = 0;
	word_at_length(x, w->word, len, w, cursor);
	return 0;
}

/* The query words' postings at length `len`, rarest first (a cut
 * word's guessed); `cursor` keeps where each word's runs of shorter
 * lengths end. */
static void
rank_words(struct indexed *x, unsigned len, struct length_df *by_df,
	   size_t *cursor)
{
	for (size_t i = 0; i < x->nwords; i++)
		word_at_length(x, i, len, &by_df[i], &cursor[i]);
	qsort(by_df, x->nwords, sizeof *by_df, compare_length_df);
}

/* Count one query word in the variants of its runs at this length;
 * `adding`: its variants become candidates, else only counted. */
static int
count_word(struct indexed *x, const struct length_df *w, int adding)
{
	const struct posting_runs *runs = &x->words[w->word].runs;
	size_t nids;

	for (size_t r = w->first_run; r < w->end_run; r++) {
		if (fuzzy_index_run_ids(x->ids_st, runs, r, &x->ids,
					&x->ids_alloc, &nids, x->s->err) < 0)
			return -1;
		for (size_t k = 0; k < nids; k++) {
			struct candidate *c = candidate_find(&x->cands,
							     x->ids[k], adding);
			if (c == NULL)
				continue;
			if (c->count++ == 0) {
				ALLOC_GROW(x->touched, x->ntouched + 1,
					   x->touched_alloc);
				x->touched[x->ntouched++] = x->ids[k];
			}
		}
	}
	return 0;
}

static int
compare_lengths(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

/*
 * Step 2: the count filter.  Length by length, since the bound depends on
 * the length: among segments of `len` words, a unit scoring m shares
 * need(len) words with the query, hence one of its nwords - need + 1
 * rarest words (rarest at that length: a word absent there costs
 * nothing; any nwords - need + 1 of them would do, so a guessed df only
 * costs time).  Those lists make the candidates; the others only add to
 * their counts, and a list not read counts as if it had every candidate.
 * The candidates that can still reach `need` go to x->order.
 */
static int
count_candidates(struct indexed *x)
{
	const int m = x->s->opt->min_score;
	const size_t qwords = x->iq.nwords;
	struct length_df *by_df = xcalloc(x->nwords, sizeof *by_df);
	size_t *cursor = xcalloc(x->nwords, sizeof *cursor);
	unsigned *lengths = NULL;
	size_t nlengths = 0, lengths_alloc = 0;
	int ret = -1;

	/* only the lengths some run has: a long query's range is wide;
	 * a cut word may have any from where it was cut */
	for (size_t i = 0; i < x->nwords; i++) {
		const struct posting_runs *runs = &x->words[i].runs;

		for (size_t r = 0; r < runs->count; r++) {
			ALLOC_GROW(lengths, nlengths + 1, lengths_alloc);
			lengths[nlengths++] = runs->items[r].length;
		}
		for (unsigned len = runs->cut_from; runs->cut && len <= x->hi;
		     len++) {
			ALLOC_GROW(lengths, nlengths + 1, lengths_alloc);
			lengths[nlengths++] = len;
		}
	}
	if (nlengths)
		qsort(lengths, nlengths, sizeof *lengths, compare_lengths);
	for (size_t l = 0; l < nlengths; l++) {
		unsigned len = lengths[l];
		unsigned need = qwords == 0 ? 1 :
			needed(m, len > qwords ? len : qwords);
		size_t prefix_size, nread;
		long prefix_df = 0;

		if (l > 0 && lengths[l - 1] == len)
			continue;
		if (len < x->lo || len > x->hi)
			continue;

		if (need > x->nwords || need == 0)
			continue;
		prefix_size = x->nwords - need + 1;
		rank_words(x, len, by_df, cursor);
		for (size_t i = 0; i < prefix_size; i++)
			prefix_df += by_df[i].df;
		if (prefix_df == 0)
			continue;
		for (nread = 0; nread < x->nwords; nread++) {
			struct length_df *w = &by_df[nread];
			int adding = nread < prefix_size;
			size_t cheap = 8 * x->ntouched + 512;

			/* a cut word is read whole only to be counted: left
			 * unread on its guess, it counts as every candidate's */
			if (w->cut && (adding || (size_t)w->df <= cheap) &&
			    read_whole_word(x, w, len, &cursor[w->word]) < 0)
				goto out;
			if (!adding && (size_t)w->df > cheap)
				break; /* cheaper to check the candidates */
			if (count_word(x, w, adding) < 0)
				goto out;
		}
		/* what was counted plus what was not read */
		for (size_t k = 0; k < x->ntouched; k++) {
			struct candidate *c = candidate_find(
				&x->cands, x->touched[k], 0);
			if (c->count + (x->nwords - nread) >= need) {
				ALLOC_GROW(x->order, x->norder + 1,
					   x->order_alloc);
				x->order[x->norder++] = c->id;
			}
		}
		candidates_reset(&x->cands, x->touched, x->ntouched);
		x->ntouched = 0;
	}
	ret = 0;
out:
	free(lengths);
	free(by_df);
	free(cursor);
	return ret;
}

/*
 * Step 3: the edit distance on stored keys.  Each candidate's word keys
 * (fuzzy_tokens) against the query's: a distance d over the longer length
 * L bounds the score by 100 (L - d) / L, so d <= L (100 - m) / 100 or the
 * candidate goes.  Survivors (with their bound) go to x->surv.
 */
static int
filter_by_distance(struct indexed *x)
{
	const int m = x->s->opt->min_score;
	uint32_t *row = NULL;
	uint16_t *keys = NULL;
	size_t row_alloc = 0, keys_alloc = 0;
	int ret = -1;

	qsort(x->order, x->norder, sizeof *x->order, compare_ids);
	x->surv = xreallocarray(NULL, x->norder + 1, sizeof *x->surv);
	for (size_t k = 0; k < x->norder; k++) {
		struct survivor *sv = &x->surv[x->nsurv];
		const unsigned char *blob;
		size_t nkeys, longest, limit, d;
		int rc;

		sqlite3_reset(x->tokens_st);
		sqlite3_bind_int64(x->tokens_st, 1, x->order[k]);
		rc = sqlite3_step(x->tokens_st);
		if (rc == SQLITE_DONE)
			continue; /* a stale posting */
		if (rc != SQLITE_ROW) {
			memory_db_error(x->s->memory, x->s->err);
			goto out;
		}
		/* the language is checked by the score (the variants row):
		 * the index's lists are of the query's language group */
		blob = sqlite3_column_blob(x->tokens_st, 0);
		nkeys = (size_t)sqlite3_column_bytes(x->tokens_st, 0);
		if (nkeys % FUZZY_INDEX_TOKEN_BYTES) {
			tmg_error_set(x->s->err,
				      sqlite3_db_filename(x->s->db, "main"),
				      0, 0,
				      _("the search index is damaged: the "
					"word keys of variant %lld are cut "
					"short"), (long long)x->order[k]);
			goto out;
		}
		nkeys /= FUZZY_INDEX_TOKEN_BYTES;
		ALLOC_GROW(keys, nkeys + 1, keys_alloc);
		for (size_t i = 0; i < nkeys; i++)
			keys[i] = fuzzy_index_token_at(blob, i);
		longest = nkeys > x->iq.nwords ? nkeys : x->iq.nwords;
		limit = longest * (size_t)(100 - m) / 100;
		ALLOC_GROW(row, nkeys + 1, row_alloc);
		d = key_distance(x->qkeys, x->iq.nwords, keys, nkeys, limit,
				 row);
		if (d > limit)
			continue;
		sv->variant_id = x->order[k];
		sv->bound = longest ? (int)(100 * (longest - d) / longest)
				    : 100;
		x->nsurv++;
	}
	ret = 0;
out:
	sqlite3_reset(x->tokens_st);
	free(keys);
	free(row);
	return ret;
}

/* Step 4: exact scores, best bound first, until none can enter the
 * list. */
static int
score_survivors(struct indexed *x)
{
	qsort(x->surv, x->nsurv, sizeof *x->surv, compare_survivors);
	for (size_t k = 0; k < x->nsurv; k++) {
		if (x->surv[k].bound < cutoff(x->s))
			break;
		if (score_variant(x->s, x->surv[k].variant_id) < 0)
			return -1;
	}
	return 0;
}

/*
 * The indexed search: the query's posting runs (step 1), the candidates
 * that share enough words (step 2), those whose stored keys are close
 * enough (step 3), then exact scores (step 4).
 */
static int
search_indexed(struct search *s)
{
	struct indexed x = { .s = s };
	int ret = -1;

	if (fuzzy_segment_build(&x.iq, s->query.text, NULL, s->opt->src,
				SEGMENT_INDEX_FLAGS, s->err) < 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, FUZZY_INDEX_RUNS_SQL, -1, &x.runs_st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, FUZZY_INDEX_RUN_IDS_SQL, -1, &x.ids_st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, FUZZY_INDEX_TOKENS_SQL, -1, &x.tokens_st,
			       NULL) != SQLITE_OK) {
		memory_db_error(s->memory, s->err);
		goto out;
	}
	x.order_alloc = 64;
	x.order = xreallocarray(NULL, x.order_alloc, sizeof *x.order);
	if (read_query_runs(&x) < 0 || count_candidates(&x) < 0 ||
	    filter_by_distance(&x) < 0 || score_survivors(&x) < 0)
		goto out;
	ret = 0;
out:
	for (size_t i = 0; x.words && i < x.nwords; i++)
		fuzzy_index_runs_clear(&x.words[i].runs);
	free(x.words);
	free(x.touched);
	free(x.cands.slots);
	free(x.surv);
	free(x.order);
	free(x.ids);
	free(x.qkeys);
	sqlite3_finalize(x.runs_st);
	sqlite3_finalize(x.ids_st);
	sqlite3_finalize(x.tokens_st);
	fuzzy_segment_clear(&x.iq);
	return ret;
}

int
fuzzy_search(struct tmg_memory *memory, const char *query,
	     const struct fuzzy_options *options, struct fuzzy_hits *hits,
	     struct tmg_error *err)
{
	struct search s = { 0 };
	int ret = -1;

	memset(hits, 0, sizeof *hits);
	if (options->min_score < 1 || options->min_score > 100 ||
	    options->max_hits < 1 || options->src == NULL ||
	    options->tgt == NULL) {
		tmg_error_set(err, "", 0, 0, "%s",
			      _("fuzzy search: bad options"));
		return -1;
	}
	s.memory = memory;
	s.db = memory_db(memory);
	s.opt = options;
	s.hits = hits;
	s.err = err;
	/* a read-only memory is searched as it is (below) */
	if (!memory_read_only(memory) &&
	    memory_update_indexes(memory, INDEX_FUZZY, NULL, NULL, err) < 0)
		return -1;
	if (fuzzy_segment_build(&s.query, query, NULL, options->src,
				SEGMENT_SCORE_FLAGS, err) < 0)
		return -1;
	if (prepare_statements(&s) < 0)
		goto out;
	/* one read transaction: the index and the units agree */
	if (store_exec(s.db, "BEGIN", err) < 0)
		goto out;
	if (options->exhaustive) {
		ret = search_exhaustive(&s, 0);
	} else {
		/* units the index has not taken in (a memory that cannot
		 * be written) are scored one by one: the same hits */
		struct store_pending p;

		ret = store_pending_read(s.db, &p, err);
		if (ret == 0)
			ret = search_indexed(&s);
		if (ret == 0 && p.fuzzy)
			ret = search_exhaustive(&s, p.fuzzy_from);
	}
	sqlite3_exec(s.db, "COMMIT", NULL, NULL, NULL);
	hits->candidates = s.scored;
out:
	finalize_statements(&s);
	fuzzy_segment_clear(&s.query);
	free(s.langs);
	if (ret < 0)
		fuzzy_hits_clear(hits);
	return ret;
}

/* Does `s` hold a Han character (U+3400..U+9FFF)? */
static int
holds_han(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xe3 && *p <= 0xe9 && !(*p == 0xe3 && p[1] < 0x90))
			return 1;
	return 0;
}

static int
han_group(const char *lang)
{
	char g[16];

	lang_group(lang, g);
	return strcmp(g, "zh") == 0 || strcmp(g, "ja") == 0;
}

struct lang_row {
	char lang[TMG_LANG_MAX];
	long long sources;
};

/* Add `sources` to the row of `lang` (a new row when it has none). */
static void
add_lang_row(struct lang_row **rows, size_t *nrows, size_t *alloc,
	     const char *lang, long long sources)
{
	size_t i;

	for (i = 0; i < *nrows; i++)
		if (strcmp((*rows)[i].lang, lang) == 0)
			break;
	if (i == *nrows) {
		ALLOC_GROW(*rows, *nrows + 1, *alloc);
		snprintf((*rows)[i].lang, TMG_LANG_MAX, "%s", lang);
		(*rows)[i].sources = 0;
		(*nrows)++;
	}
	(*rows)[i].sources += sources;
}

static int
compare_lang_rows(const void *a, const void *b)
{
	return strcmp(((const struct lang_row *)a)->lang,
		      ((const struct lang_row *)b)->lang);
}

/* Do the rows hold both requested languages (the source as the index
 * answers it, the target as a tag matches)? */
static int
rows_answer(const struct lang_row *rows, size_t nrows, const char *src,
	    const char *tgt)
{
	int s = 0, t = 0;

	for (size_t i = 0; i < nrows; i++) {
		s |= fuzzy_index_lang_answers(src, rows[i].lang);
		t |= lang_matches(tgt, rows[i].lang, 0);
	}
	return s && t;
}

/* The languages of the token index with their source variants, and of
 * the variants it has not taken in (from `pending_from` on), by language.
 * The pending ones are added up here rather than by a GROUP BY, whose
 * sort of every pending variant took the first match after an import of
 * 892,696 units 0.55 s and 16 MB more (a scan alone: 0.2 s).  When both
 * languages are asked for (`src` and `tgt`, else NULL), only whether the
 * memory has them matters: the scan stops once the rows hold both, and
 * their counts are then partial (0.1-0.2 s of a first match). */
static int
gather_lang_rows(struct tmg_memory *memory, int64_t pending_from,
		 const char *src, const char *tgt, struct lang_row **rows,
		 size_t *nrows, struct tmg_error *err)
{
	static const char *const sql[] = {
		"SELECT lang, sources FROM fuzzy_langs WHERE variants > 0",
		"SELECT lang, is_source <> 0 FROM variants WHERE unit_id >= ?1",
	};
	size_t alloc = 0;
	int answered = 0;

	for (size_t q = 0; q < 2 && !answered; q++) {
		sqlite3_stmt *st;
		int rc;

		if (sqlite3_prepare_v2(memory_db(memory), sql[q], -1, &st,
				       NULL) != SQLITE_OK)
			return memory_db_error(memory, err);
		if (q == 1)
			sqlite3_bind_int64(st, 1, pending_from);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			size_t before = *nrows;

			add_lang_row(rows, nrows, &alloc,
				     (const char *)sqlite3_column_text(st, 0),
				     sqlite3_column_int64(st, 1));
			if (*nrows > before && src && tgt &&
			    (answered = rows_answer(*rows, *nrows, src, tgt)))
				break;
		}
		sqlite3_finalize(st);
		if (answered)
			rc = SQLITE_DONE;
		if (rc != SQLITE_DONE)
			return memory_db_error(memory, err);
	}
	if (*nrows > 1)
		qsort(*rows, *nrows, sizeof **rows, compare_lang_rows);
	return 0;
}

int
fuzzy_default_languages(struct tmg_memory *memory, const char *src_request,
			const char *tgt_request, const char *hint,
			char src[TMG_LANG_MAX], char tgt[TMG_LANG_MAX],
			struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	struct lang_row *rows = NULL;
	size_t nrows = 0, nsrc = 0, nhinted = 0, nother = 0;
	struct store_pending p;
	int ret = -1;

	src[0] = tgt[0] = '\0';
	/* no index update here: the languages are checked before it */
	if (store_pending_read(db, &p, err) < 0)
		return -1;
	/* the languages of the index, and of the units it has not taken in */
	if (gather_lang_rows(memory, p.fuzzy ? p.fuzzy_from : INT64_MAX,
			     src_request && tgt_request ? src_request : NULL,
			     tgt_request, &rows, &nrows, err) < 0)
		goto out;
	if (src_request) {
		size_t i;
		for (i = 0; i < nrows; i++)
			if (fuzzy_index_lang_answers(src_request, rows[i].lang))
				break;
		if (i == nrows) {
			tmg_error_set(err, "", 0, 0, _("the memory has no text"
				      " in %s"), src_request);
			goto out;
		}
		snprintf(src, TMG_LANG_MAX, "%s", src_request);
	}
	if (tgt_request) {
		size_t i;
		for (i = 0; i < nrows; i++)
			if (lang_matches(tgt_request, rows[i].lang, 0))
				break;
		if (i == nrows) {
			tmg_error_set(err, "", 0, 0, _("the memory has no text"
				      " in %s"), tgt_request);
			goto out;
		}
	}
	if (!src_request) {
		/* the only source language; of several, the only one whose
		 * script the text has (Han or not), as suggest guesses */
		for (size_t i = 0; i < nrows; i++) {
			if (rows[i].sources <= 0)
				continue;
			if (nsrc++ == 0)
				snprintf(src, TMG_LANG_MAX, "%s", rows[i].lang);
		}
		if (nsrc > 1 && hint) {
			for (size_t i = 0; i < nrows; i++)
				if (rows[i].sources > 0 &&
				    han_group(rows[i].lang) == holds_han(hint) &&
				    nhinted++ == 0)
					snprintf(src, TMG_LANG_MAX, "%s",
						 rows[i].lang);
			nsrc = nhinted;
		}
		if (nsrc != 1) {
			src[0] = '\0';
			ret = 0;
			goto out;
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		if (fuzzy_index_lang_answers(src, rows[i].lang))
			continue;
		if (nother++ == 0)
			snprintf(tgt, TMG_LANG_MAX, "%s", rows[i].lang);
	}
	if (nother != 1)
		tgt[0] = '\0';
	if (tgt_request)
		snprintf(tgt, TMG_LANG_MAX, "%s", tgt_request);
	ret = 0;
out:
	free(rows);
	return ret;
}
