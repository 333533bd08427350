/*
 * transfer.c -- a memory match made the segment's: its numbers carried
 * over, the segment's own inline codes put in its target.
 *
 * Numbers.  The segment's text and the match's source are read for
 * numbers (text/numbers.c, the source language).  When the two texts are
 * the same once each number is taken out (byte for byte between the
 * numbers) and some values differ, each changed number of the match's
 * source is looked for in the match's target by value: source numbers in
 * order, each taking the first target number of its value not yet taken
 * (so "21 et 21" -> "25 et 30" works in order, and a swap "3 à 5" ->
 * "5 à 3" by value).  Each target number found gets the segment's value,
 * written as that target number was written (number_write(): 25 % after
 * "21 %", 3,5 after "2,5" in French, 3.5 after "2.5", 二十五 after 二十一).
 * When a changed number has no counterpart in the target, the target is
 * left as it is and numbers_only is 0: the match needs a translator.
 *
 * Codes.  The three texts are read as items: runs of text and code
 * elements (TMX 1.4b inline markup, formats/inline.c): bpt, ept, it, ph,
 * ut with their native code, hi (and any element not of TMX) as a start
 * and an end tag around text.  A bpt and the ept of the same i are a
 * pair, as are a start tag and its end.  Codes are aligned twice, the
 * segment's with the match's source, then the match's source's with its
 * target, each time in passes: the same element and x (the XLIFF id the
 * document readers keep there) and type; the same native code; the same
 * element and type, in order; the same element, in order (an it only
 * with an it of the same pos).  A pair is
 * aligned by its opening code and its end follows.  A segment code is put
 * where its counterpart's counterpart stands in the target; one without
 * counterpart that stands at the very start (end) of the segment's text
 * goes to the start (end) of the target, a single one right beside a
 * placed code (no text between) goes beside it; the others are appended
 * at the end of the target and counted (codes_appended, a pair counting
 * once): the segment needs review.  A pair is placed whole or appended whole,
 * and placed pairs that would cross or come end before start are
 * appended instead, so the target stays well nested.  Target codes the
 * segment does not have are dropped: the target holds exactly the
 * segment's codes, as the segment wrote them.
 *
 * The target text is the text of the target items, so target_text and
 * target_markup always say the same text.  A segment without codes gets
 * target_markup NULL and the match's text without its codes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "search/search.h"
#include "text/text.h"

enum code_kind { CODE_SINGLE, CODE_OPEN, CODE_CLOSE };

struct code {
	enum code_kind kind;
	char *name;
	char *x, *type;   /* attributes, "" when absent */
	char *i;          /* bpt/ept: the pairing number */
	char *pos;        /* it: begin or end */
	char *content;    /* native code as stored, "" for none */
	char *raw;        /* the element (open, close: its tag) as stored */
	long partner;     /* the other code of a pair, or -1 */
	size_t offset;    /* where it stands in the plain text */
	size_t item;      /* its item */
};

struct item {
	long code;        /* index in codes, or -1 for text */
	char *text;       /* text, decoded (code: NULL) */
};

/* A segment read as items. */
struct marked {
	struct item *items;
	size_t nitems, items_alloc;
	struct code *codes;
	size_t ncodes, codes_alloc;
	struct strbuf text;   /* the plain text */
};

static void
marked_clear(struct marked *m)
{
	for (size_t i = 0; i < m->nitems; i++)
		free(m->items[i].text);
	for (size_t i = 0; i < m->ncodes; i++) {
		struct code *c = &m->codes[i];

		free(c->name);
		free(c->x);
		free(c->type);
		free(c->i);
		free(c->pos);
		free(c->content);
		free(c->raw);
	}
	free(m->items);
	free(m->codes);
	strbuf_release(&m->text);
	memset(m, 0, sizeof *m);
}

static void
add_text_item(struct marked *m, const char *text, size_t len)
{
	if (len == 0)
		return;
	ALLOC_GROW(m->items, m->nitems + 1, m->items_alloc);
	m->items[m->nitems].code = -1;
	m->items[m->nitems].text = xstrndup(text, len);
	m->nitems++;
	strbuf_add(&m->text, text, len);
}

/* A new code of `piece` (a start or empty tag, or an end tag). */
static struct code *
add_code(struct marked *m, enum code_kind kind,
	 const struct inline_piece *piece)
{
	struct code *c;

	ALLOC_GROW(m->codes, m->ncodes + 1, m->codes_alloc);
	c = &m->codes[m->ncodes];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->name = xstrndup(piece->name, piece->name_len);
	c->x = xstrdup("");
	c->type = xstrdup("");
	c->i = xstrdup("");
	c->pos = xstrdup("");
	c->content = xstrdup("");
	c->raw = xstrndup(piece->raw, piece->raw_len);
	c->partner = -1;
	c->offset = m->text.len;
	c->item = m->nitems;
	for (size_t a = 0; kind != CODE_CLOSE && a < piece->nattrs; a++) {
		const struct inline_attribute *attr = &piece->attrs[a];
		char **to = !strcmp(attr->name, "x") ? &c->x
			    : !strcmp(attr->name, "type") ? &c->type
			    : !strcmp(attr->name, "i") ? &c->i
			    : !strcmp(attr->name, "pos") ? &c->pos : NULL;

		if (to) {
			free(*to);
			*to = xstrdup(attr->value);
		}
	}
	ALLOC_GROW(m->items, m->nitems + 1, m->items_alloc);
	m->items[m->nitems].code = (long)m->ncodes;
	m->items[m->nitems].text = NULL;
	m->nitems++;
	return &m->codes[m->ncodes++];
}

/* Pair each bpt with the next ept of the same i. */
static void
pair_bpt_ept(struct marked *m)
{
	for (size_t b = 0; b < m->ncodes; b++) {
		struct code *bpt = &m->codes[b];

		if (strcmp(bpt->name, "bpt") || bpt->partner >= 0)
			continue;
		for (size_t e = b + 1; e < m->ncodes; e++) {
			struct code *ept = &m->codes[e];

			if (!strcmp(ept->name, "ept") && ept->partner < 0 &&
			    !strcmp(ept->i, bpt->i)) {
				bpt->kind = CODE_OPEN;
				ept->kind = CODE_CLOSE;
				bpt->partner = (long)e;
				ept->partner = (long)b;
				break;
			}
		}
	}
}

/*
 * Read `markup` (or, when NULL, the plain `text`) into `m`.  Returns 0,
 * or -1 when the markup is not well formed.
 */
static int
marked_read(struct marked *m, const char *text, const char *markup)
{
	struct inline_walker w;
	struct inline_piece piece;
	long *open = NULL;
	size_t nopen = 0, open_alloc = 0;
	int rc;

	memset(m, 0, sizeof *m);
	strbuf_addstr(&m->text, "");
	if (!markup) {
		add_text_item(m, text, strlen(text));
		return 0;
	}
	inline_walker_init(&w, markup);
	while ((rc = inline_walker_next(&w, &piece)) == 1) {
		const struct inline_element *e;
		struct code *c;

		if (piece.kind == INLINE_TEXT) {
			add_text_item(m, piece.text, piece.text_len);
			continue;
		}
		if (piece.kind == INLINE_END) {
			if (nopen == 0) {
				rc = -1;
				break;
			}
			c = add_code(m, CODE_CLOSE, &piece);
			c->partner = open[--nopen];
			m->codes[c->partner].partner = (long)(m->ncodes - 1);
			continue;
		}
		e = inline_element_find(piece.name, piece.name_len);
		if (piece.kind == INLINE_EMPTY) {
			add_code(m, CODE_SINGLE, &piece);
			continue;
		}
		if (e && e->is_code) {
			/* the element whole, its native code kept */
			struct strbuf content = { 0 };
			size_t at;

			c = add_code(m, CODE_SINGLE, &piece);
			at = m->ncodes - 1;
			if (inline_walker_skip_element(&w, &content) != 1) {
				strbuf_release(&content);
				rc = -1;
				break;
			}
			c = &m->codes[at];
			strbuf_addstr(&content, "");
			free(c->content);
			c->content = xstrdup(content.buf);
			strbuf_release(&content);
			{
				struct strbuf raw = { 0 };

				strbuf_addstr(&raw, c->raw);
				strbuf_addstr(&raw, c->content);
				strbuf_addstr(&raw, "</");
				strbuf_addstr(&raw, c->name);
				strbuf_addstr(&raw, ">");
				free(c->raw);
				c->raw = strbuf_detach(&raw);
			}
			continue;
		}
		/* hi, or an element of no TMX: a start tag around text */
		add_code(m, CODE_OPEN, &piece);
		ALLOC_GROW(open, nopen + 1, open_alloc);
		open[nopen++] = (long)(m->ncodes - 1);
	}
	inline_walker_release(&w);
	free(open);
	if (rc < 0 || nopen > 0)
		return -1;
	pair_bpt_ept(m);
	return 0;
}

/* ------------------------------------------------------------ numbers */

/* A number of the target replaced. */
struct replacement {
	size_t start, end;
	char *text;
};

static int
compare_replacements(const void *a, const void *b)
{
	const struct replacement *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The replacements that carry the segment's numbers into `target` (by
 * the rules above), into *out (count in *n).  Returns 1 when the sources
 * differ only in numbers and every changed one was found in the target,
 * else 0 (nothing to replace).
 */
static int
number_replacements(const char *seg, const char *source,
		    const char *src_lang, const char *target,
		    const char *tgt_lang, struct replacement **out, size_t *n)
{
	struct tmg_number *sn = NULL, *mn = NULL, *tn = NULL;
	size_t nsn, nmn, ntn, changed = 0, prev_s = 0, prev_m = 0;
	unsigned char *taken = NULL;
	int ok = 0;

	*out = NULL;
	*n = 0;
	nsn = numbers_find(seg, src_lang, &sn);
	nmn = numbers_find(source, src_lang, &mn);
	if (nsn == 0 || nsn != nmn)
		goto out;
	/* The same text between the numbers. */
	for (size_t k = 0; k <= nsn; k++) {
		size_t s_end = k < nsn ? sn[k].start : strlen(seg);
		size_t m_end = k < nmn ? mn[k].start : strlen(source);

		if (s_end - prev_s != m_end - prev_m ||
		    memcmp(seg + prev_s, source + prev_m, s_end - prev_s))
			goto out;
		if (k < nsn) {
			prev_s = sn[k].end;
			prev_m = mn[k].end;
			changed += strcmp(sn[k].value, mn[k].value) != 0;
		}
	}
	if (changed == 0)
		goto out;
	ntn = numbers_find(target, tgt_lang, &tn);
	taken = xcalloc(ntn + 1, 1);
	*out = xcalloc(changed, sizeof **out);
	for (size_t k = 0; k < nmn; k++) {
		size_t t;

		for (t = 0; t < ntn; t++)
			if (!taken[t] && !strcmp(tn[t].value, mn[k].value))
				break;
		if (t < ntn)
			taken[t] = 1;
		if (!strcmp(sn[k].value, mn[k].value))
			continue;
		if (t == ntn)
			goto out;
		(*out)[*n].start = tn[t].start;
		(*out)[*n].end = tn[t].end;
		(*out)[*n].text = number_write(sn[k].value, tgt_lang, &tn[t]);
		(*n)++;
	}
	qsort(*out, *n, sizeof **out, compare_replacements);
	ok = 1;
out:
	if (!ok) {
		for (size_t k = 0; k < *n; k++)
			free((*out)[k].text);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	free(sn);
	free(mn);
	free(tn);
	free(taken);
	return ok;
}

/* Apply the replacements (sorted, in the plain text's bytes) to the
 * text items of `m`, and rebuild its plain text and code offsets. */
static void
apply_replacements(struct marked *m, const struct replacement *r, size_t n)
{
	size_t off = 0, ri = 0;

	strbuf_reset(&m->text);
	strbuf_addstr(&m->text, "");
	for (size_t i = 0; i < m->nitems; i++) {
		struct item *it = &m->items[i];
		struct strbuf sb = { 0 };
		size_t len, pos, item_end;

		if (it->code >= 0) {
			m->codes[it->code].offset = m->text.len;
			continue;
		}
		len = strlen(it->text);
		item_end = off + len;
		pos = off;
		strbuf_addstr(&sb, "");
		while (ri < n && r[ri].start < item_end) {
			if (r[ri].start >= pos) {
				strbuf_add(&sb, it->text + (pos - off),
					   r[ri].start - pos);
				pos = r[ri].start;
			}
			if (r[ri].start >= off)
				strbuf_addstr(&sb, r[ri].text);
			pos = r[ri].end < item_end ? r[ri].end : item_end;
			if (r[ri].end > item_end)
				break;
			ri++;
		}
		strbuf_add(&sb, it->text + (pos - off), item_end - pos);
		free(it->text);
		it->text = strbuf_detach(&sb);
		strbuf_addstr(&m->text, it->text);
		off = item_end;
	}
}

/* ------------------------------------------------------------ codes */

static int
code_matches(const struct code *a, const struct code *b, int pass)
{
	if (a->kind != b->kind || strcmp(a->name, b->name) ||
	    strcmp(a->pos, b->pos))
		return 0;
	switch (pass) {
	case 0:
		return *a->x && !strcmp(a->x, b->x) && !strcmp(a->type, b->type);
	case 1:
		return *a->content && !strcmp(a->content, b->content);
	case 2:
		return !strcmp(a->type, b->type);
	default:
		return 1;
	}
}

/* Align the codes of `a` with those of `b`: a_to_b[i] is the code of b
 * for a's code i, or -1. */
static void
align_codes(const struct marked *a, const struct marked *b, long *a_to_b)
{
	unsigned char *used = xcalloc(b->ncodes + 1, 1);

	for (size_t i = 0; i < a->ncodes; i++)
		a_to_b[i] = -1;
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < a->ncodes; i++) {
			if (a_to_b[i] >= 0 || a->codes[i].kind == CODE_CLOSE)
				continue;
			for (size_t j = 0; j < b->ncodes; j++)
				if (!used[j] && code_matches(&a->codes[i],
							     &b->codes[j],
							     pass)) {
					a_to_b[i] = (long)j;
					used[j] = 1;
					break;
				}
		}
	/* A pair's end follows its opening. */
	for (size_t i = 0; i < a->ncodes; i++) {
		const struct code *c = &a->codes[i];
		long j = a_to_b[i];

		if (c->kind == CODE_OPEN && j >= 0)
			a_to_b[c->partner] = b->codes[j].partner;
	}
	free(used);
}

/* Where a segment code goes: before the target's items (0), at target
 * item k (2k + 1), after them (2 * nitems + 2), or nowhere (-1). */
struct place {
	long key;
	size_t code;
};

static int
compare_places(const void *a, const void *b)
{
	const struct place *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* Unplace, in keys[], the pairs that are not both placed or do not nest
 * in the order of their keys.  Returns how many places are left, sorted
 * into places[]. */
static size_t
nest_places(const struct marked *s, long *keys, struct place *places)
{
	size_t n;
	int changed;
	long *stack = xmalloc((s->ncodes + 1) * sizeof *stack);

	for (size_t i = 0; i < s->ncodes; i++) {
		long p = s->codes[i].partner;

		if (s->codes[i].kind != CODE_SINGLE && keys[i] >= 0 &&
		    keys[p] < 0)
			keys[i] = -1;
	}
	do {
		size_t depth = 0;

		changed = 0;
		n = 0;
		for (size_t i = 0; i < s->ncodes; i++)
			if (keys[i] >= 0) {
				places[n].key = keys[i];
				places[n++].code = i;
			}
		qsort(places, n, sizeof *places, compare_places);
		for (size_t k = 0; k < n && !changed; k++) {
			const struct code *c = &s->codes[places[k].code];

			if (c->kind == CODE_OPEN) {
				stack[depth++] = (long)places[k].code;
			} else if (c->kind == CODE_CLOSE) {
				if (depth > 0 && stack[depth - 1] == c->partner) {
					depth--;
				} else {
					keys[places[k].code] = -1;
					keys[c->partner] = -1;
					changed = 1;
				}
			}
		}
	} while (changed);
	free(stack);
	return n;
}

/* Append `text` to sb with &, < and > escaped. */
static void
add_escaped(struct strbuf *sb, const char *text)
{
	for (; *text; text++)
		switch (*text) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		default:
			strbuf_addch(sb, *text);
		}
}

/*
 * The target markup: the target's items with the segment's codes in the
 * places of `keys` (computed by place_codes()), the others appended.
 * Returns how many were appended (a pair once).
 */
static int
write_markup(const struct marked *s, const struct marked *t, long *keys,
	     struct strbuf *out)
{
	struct place *places = xmalloc((s->ncodes + 1) * sizeof *places);
	size_t n = nest_places(s, keys, places), k = 0;
	int appended = 0;

	strbuf_addstr(out, "");
	for (size_t i = 0; i <= t->nitems; i++) {
		long here = 2 * (long)i + 1;

		/* the codes before item i, then item i's own place */
		while (k < n && places[k].key <= here) {
			strbuf_addstr(out, s->codes[places[k].code].raw);
			k++;
		}
		if (i < t->nitems && t->items[i].code < 0)
			add_escaped(out, t->items[i].text);
	}
	while (k < n)
		strbuf_addstr(out, s->codes[places[k++].code].raw);
	for (size_t i = 0; i < s->ncodes; i++) {
		const struct code *c = &s->codes[i];

		if (keys[i] >= 0 || c->kind == CODE_CLOSE)
			continue;
		strbuf_addstr(out, c->raw);
		if (c->kind == CODE_OPEN)
			strbuf_addstr(out, s->codes[c->partner].raw);
		appended++;
	}
	free(places);
	return appended;
}

/*
 * Where each segment code goes in the target: keys[] as struct place
 * says.  s: the segment, m: the match's source, t: its target.
 */
static void
place_codes(const struct marked *s, const struct marked *m,
	    const struct marked *t, long *keys)
{
	long *s_to_m = xmalloc((s->ncodes + 1) * sizeof *s_to_m);
	long *m_to_t = xmalloc((m->ncodes + 1) * sizeof *m_to_t);

	align_codes(s, m, s_to_m);
	align_codes(m, t, m_to_t);
	for (size_t i = 0; i < s->ncodes; i++) {
		long j = s_to_m[i], k = j >= 0 ? m_to_t[j] : -1;

		if (k >= 0)
			keys[i] = 2 * (long)t->codes[k].item + 1;
		else if (s->codes[i].offset == 0)
			keys[i] = 0;
		else if (s->codes[i].offset == s->text.len)
			keys[i] = 2 * (long)t->nitems + 2;
		else
			keys[i] = -1;
	}
	/* A single code right before or after a placed one (no text
	 * between them in the segment) goes beside it. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < s->ncodes; k++) {
			size_t i = pass ? s->ncodes - 1 - k : k;
			const struct code *c = &s->codes[i];
			size_t item = c->item;
			long beside;

			if (keys[i] >= 0 || c->kind != CODE_SINGLE)
				continue;
			if (pass == 0 && item > 0)
				beside = s->items[item - 1].code;
			else if (pass == 1 && item + 1 < s->nitems)
				beside = s->items[item + 1].code;
			else
				continue;
			if (beside >= 0 && keys[beside] >= 0)
				keys[i] = keys[beside];
		}
	free(s_to_m);
	free(m_to_t);
}

/* ------------------------------------------------------------ the match */

static int
check_utf8(const char *s, struct tmg_error *err)
{
	long bad;

	if (!s)
		return 0;
	bad = text_invalid_utf8(s, strlen(s));
	if (bad < 0)
		return 0;
	tmg_error_set(err, "", 0, 0, _("invalid UTF-8 at byte %ld (0x%02X)"),
		      bad, (unsigned)(unsigned char)s[bad]);
	return -1;
}

int
transfer_match(const char *seg_text, const char *seg_markup,
	       const char *src_lang, const char *match_source,
	       const char *match_source_markup, const char *match_target,
	       const char *match_target_markup, const char *tgt_lang,
	       struct transfer_result *out, struct tmg_error *err)
{
	struct marked s, m, t;
	struct replacement *r = NULL;
	size_t nr = 0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&s, 0, sizeof s);
	memset(&m, 0, sizeof m);
	memset(&t, 0, sizeof t);
	if (check_utf8(seg_text, err) < 0 || check_utf8(seg_markup, err) < 0 ||
	    check_utf8(match_source, err) < 0 ||
	    check_utf8(match_source_markup, err) < 0 ||
	    check_utf8(match_target, err) < 0 ||
	    check_utf8(match_target_markup, err) < 0)
		return -1;
	if (marked_read(&s, seg_text, seg_markup) < 0 ||
	    marked_read(&m, match_source, match_source_markup) < 0 ||
	    marked_read(&t, match_target, match_target_markup) < 0) {
		tmg_error_set(err, "", 0, 0, "%s",
			      _("the inline codes of a segment or its match "
				"are not well formed"));
		goto out;
	}

	out->numbers_only = number_replacements(s.text.buf, m.text.buf,
						src_lang, t.text.buf,
						tgt_lang, &r, &nr);
	if (out->numbers_only)
		apply_replacements(&t, r, nr);
	out->target_text = xstrdup(t.text.buf);

	if (s.ncodes > 0) {
		long *keys = xmalloc((s.ncodes + 1) * sizeof *keys);
		struct strbuf markup = { 0 };

		place_codes(&s, &m, &t, keys);
		out->codes_appended = write_markup(&s, &t, keys, &markup);
		out->target_markup = strbuf_detach(&markup);
		free(keys);
	}
	rc = 0;
out:
	for (size_t k = 0; k < nr; k++)
		free(r[k].text);
	free(r);
	marked_clear(&s);
	marked_clear(&m);
	marked_clear(&t);
	return rc;
}

void
transfer_result_clear(struct transfer_result *r)
{
	free(r->target_text);
	free(r->target_markup);
	memset(r, 0, sizeof *r);
}
