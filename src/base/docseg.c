/*
 * docseg.c -- the segments of documents to translate (XLIFF, PO), as the
 * document readers give them, and the unit a translated one becomes.
 *
 * A segment keeps its context because a translation memory built from
 * documents is judged by its in-context matches: the same source between
 * the same neighbours is a better match than the same source elsewhere.
 * The context travels in TMX props (x-context-pre, x-context-post), the
 * convention other tools read and write, so that it survives an export.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/records.h"
#include "base/xalloc.h"

void
docseg_init(struct tmg_docseg *seg)
{
	memset(seg, 0, sizeof *seg);
}

void
docseg_clear(struct tmg_docseg *seg)
{
	free(seg->file);
	free(seg->unit_id);
	free(seg->segment_id);
	free(seg->resname);
	free(seg->source_text);
	free(seg->source_markup);
	free(seg->target_text);
	free(seg->target_markup);
	free(seg->state_name);
	annotations_clear(&seg->notes);
	free(seg->notes.items);
	docseg_init(seg);
}

static void
add_prop(struct tmg_unit *unit, const char *type, const char *value)
{
	struct tmg_annotation *a;

	if (value == NULL || *value == '\0')
		return;
	a = annotations_add(&unit->notes, 0);
	a->type = xstrdup(type);
	a->value = xstrdup(value);
}

static void
add_variant(struct tmg_unit *unit, const char *lang, const char *text,
	    const char *markup)
{
	struct tmg_variant *v = unit_add_variant(unit);

	memcpy(v->lang, lang, TMG_LANG_MAX);
	v->text = xstrdup(text);
	v->markup = xstrdup(markup ? markup : text);
}

int
docseg_to_unit(const struct tmg_docseg *seg, const char *prev_source,
	       const char *next_source, struct tmg_unit *unit)
{
	struct strbuf id = { 0 };

	unit_clear(unit);
	if (seg->target_text == NULL || seg->source_text == NULL ||
	    seg->srclang[0] == '\0' || seg->tgtlang[0] == '\0')
		return -1;
	memcpy(unit->srclang, seg->srclang, TMG_LANG_MAX);
	add_variant(unit, seg->srclang, seg->source_text, seg->source_markup);
	add_variant(unit, seg->tgtlang, seg->target_text, seg->target_markup);
	/* the tuid names the segment in its document: unit id, then the
	 * segment's within it */
	if (seg->unit_id) {
		strbuf_addstr(&id, seg->unit_id);
		if (seg->segment_id) {
			strbuf_addstr(&id, "/");
			strbuf_addstr(&id, seg->segment_id);
		}
		unit->tuid = strbuf_detach(&id);
	}
	add_prop(unit, "x-context-pre", prev_source);
	add_prop(unit, "x-context-post", next_source);
	add_prop(unit, "x-resname", seg->resname);
	add_prop(unit, "x-file", seg->file);
	for (size_t i = 0; i < seg->notes.count; i++) {
		const struct tmg_annotation *n = &seg->notes.items[i];
		struct tmg_annotation *a = annotations_add(&unit->notes,
							   n->is_note);

		a->type = n->type ? xstrdup(n->type) : NULL;
		a->lang = n->lang ? xstrdup(n->lang) : NULL;
		a->encoding = n->encoding ? xstrdup(n->encoding) : NULL;
		a->value = xstrdup(n->value ? n->value : "");
	}
	return 0;
}
