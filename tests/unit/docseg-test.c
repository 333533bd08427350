/*
 * docseg-test.c -- a document's translated segment becomes a unit with
 * its context (x-context-pre/-post props), ids and notes; a segment
 * without a target or languages becomes none; clearing frees and empties.
 */
#include <config.h>

#include <string.h>

#include "base/records.h"
#include "base/xalloc.h"
#include "tap.h"

static const char *
prop(const struct tmg_unit *unit, const char *type)
{
	for (size_t i = 0; i < unit->notes.count; i++)
		if (!unit->notes.items[i].is_note &&
		    strcmp(unit->notes.items[i].type, type) == 0)
			return unit->notes.items[i].value;
	return NULL;
}

static void
fill(struct tmg_docseg *seg)
{
	struct tmg_annotation *n;

	docseg_init(seg);
	strcpy(seg->srclang, "fr");
	strcpy(seg->tgtlang, "zh-CN");
	seg->unit_id = xstrdup("tu7");
	seg->segment_id = xstrdup("2");
	seg->resname = xstrdup("intro.title");
	seg->file = xstrdup("article.html");
	seg->source_text = xstrdup("Beijing abrite 25 laboratoires.");
	seg->source_markup = xstrdup("Beijing abrite <ph x=\"1\">&lt;b&gt;</ph>25 laboratoires.");
	seg->target_text = xstrdup("北京拥有25个实验室。");
	seg->state = DOCSEG_FINAL;
	seg->state_name = xstrdup("final");
	n = annotations_add(&seg->notes, 1);
	n->value = xstrdup("vérifié");
	n = annotations_add(&seg->notes, 0);
	n->type = xstrdup("x-po-flags");
	n->value = xstrdup("c-format");
}

int
main(void)
{
	struct tmg_docseg seg;
	struct tmg_unit unit;

	unit_init(&unit);
	fill(&seg);
	ok(docseg_to_unit(&seg, "Avant.", NULL, &unit) == 0,
	   "a translated segment becomes a unit");
	ok(unit.nvariants == 2 && strcmp(unit.variants[0].lang, "fr") == 0 &&
	   strcmp(unit.variants[1].lang, "zh-CN") == 0,
	   "source then target variant");
	ok(strcmp(unit.srclang, "fr") == 0, "source language");
	ok(strcmp(unit.variants[0].markup, seg.source_markup) == 0 &&
	   strcmp(unit.variants[0].text, seg.source_text) == 0,
	   "source markup keeps its inline code");
	ok(strcmp(unit.variants[1].markup, "北京拥有25个实验室。") == 0,
	   "a target without markup gets its text as markup");
	ok(unit.tuid && strcmp(unit.tuid, "tu7/2") == 0, "tuid: unit/segment");
	ok(prop(&unit, "x-context-pre") &&
	   strcmp(prop(&unit, "x-context-pre"), "Avant.") == 0,
	   "the previous source is the pre context");
	ok(prop(&unit, "x-context-post") == NULL,
	   "no post context at the end of a document");
	ok(prop(&unit, "x-resname") &&
	   strcmp(prop(&unit, "x-resname"), "intro.title") == 0 &&
	   strcmp(prop(&unit, "x-file"), "article.html") == 0,
	   "resname and file kept as props");
	ok(unit.notes.count == 5 && unit.notes.items[3].is_note &&
	   strcmp(unit.notes.items[3].value, "vérifié") == 0,
	   "the segment's note is the unit's note");
	ok(prop(&unit, "x-po-flags") &&
	   strcmp(prop(&unit, "x-po-flags"), "c-format") == 0,
	   "the segment's props stay props, with their type");

	free(seg.target_text);
	seg.target_text = NULL;
	ok(docseg_to_unit(&seg, NULL, NULL, &unit) == -1 &&
	   unit.nvariants == 0, "no target: no unit");
	seg.target_text = xstrdup("北京。");
	seg.tgtlang[0] = '\0';
	ok(docseg_to_unit(&seg, NULL, NULL, &unit) == -1,
	   "no target language: no unit");

	docseg_clear(&seg);
	ok(seg.source_text == NULL && seg.notes.count == 0 &&
	   seg.state == DOCSEG_NEW, "clear empties the segment");
	docseg_clear(&seg);
	ok(1, "clearing twice is harmless");
	unit_clear(&unit);
	return done_testing();
}
