/*
 * xliff-read-test.c -- the XLIFF reader on the files of tests/data/xliff:
 * segments and translated segments against Translate Toolkit's counts (the
 * corpus's xliff-po-reference.tsv), the OASIS XLIFF 2 test suite (valid
 * files read, invalid ones refused where the reader can tell), SDLXLIFF
 * and memoQ states, segmentation by <mrk mtype="seg">, the markup of each
 * kind of inline code, Chinese and French text, a declared ISO-8859-1
 * file, UTF-16, and refusals with their lines.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"

static char *data_dir;
static int warnings;

static void
count_warning(void *data, const struct tmg_error *w)
{
	(void)data;
	(void)w;
	warnings++;
}

static char *
xliff_path(const char *name)
{
	char *path = malloc(strlen(data_dir) + strlen(name) + 16);

	sprintf(path, "%s/xliff/%s", data_dir, name);
	return path;
}

struct counts {
	long segments, targets, news, drafts, translated, finals, locked;
	long bad_markup, bad_lines;
	unsigned long alt_trans;
	int failed;            /* 1: the reader said -1 */
	struct tmg_error err;
	char version[8];
};

/* Read a file (a path of its own when `name` has a '/' at 0) whole. */
static void
read_counts(const char *name, struct counts *c)
{
	char *path = name[0] == '/' ? strdup(name) : xliff_path(name);
	struct tmg_docseg seg;
	struct xliff_reader *r;
	int ret;

	memset(c, 0, sizeof *c);
	docseg_init(&seg);
	r = xliff_reader_open(path, count_warning, NULL, &c->err);
	if (r == NULL) {
		c->failed = 1;
		free(path);
		return;
	}
	snprintf(c->version, sizeof c->version, "%s",
		 xliff_reader_version(r));
	while ((ret = xliff_reader_next(r, &seg, &c->err)) == 1) {
		c->segments++;
		c->targets += seg.target_text != NULL;
		c->news += seg.state == DOCSEG_NEW;
		c->drafts += seg.state == DOCSEG_DRAFT;
		c->translated += seg.state == DOCSEG_TRANSLATED;
		c->finals += seg.state == DOCSEG_FINAL;
		c->locked += seg.locked;
		c->bad_lines += seg.line <= 0;
		if (inline_markup_check(seg.source_markup) < 0 ||
		    (seg.target_markup &&
		     inline_markup_check(seg.target_markup) < 0))
			c->bad_markup++;
	}
	c->failed = ret < 0;
	c->alt_trans = xliff_reader_alt_trans(r);
	docseg_clear(&seg);
	xliff_reader_close(r);
	free(path);
}

/*
 * Real files against Translate Toolkit 3.8.4/3.19 (peer_units,
 * peer_translated of xliff-po-reference.tsv).  Translate Toolkit counts
 * trans-units and, for XLIFF 1.x, calls "translated" only what says
 * approved="yes"; this reader counts segments (each <mrk mtype="seg">) and
 * every target.  `why` says where the figures part.
 */
static const struct real_file {
	const char *name;
	long segments, targets;
	long peer_units, peer_translated;
	const char *why;
} real_files[] = {
	{ "okapi/MQ-12-Test01.xlf", 119, 50, 119, 0,
	  "memoQ: 50 targets, all mq:status=NotStarted (NEW)" },
	{ "okapi/okapi_intro_test15977.sdlxliff", 67, 1, 67, 0,
	  "one target; TT: no approved=yes" },
	{ "okapi/TS09-12-Test01.sdlxliff", 45, 5, 42, 0,
	  "one trans-unit holds 4 <mrk mtype=seg>: 42 units, 45 segments" },
	{ "okapi/Manual-12-AltTrans.xlf", 7, 2, 7, 1,
	  "TT's 1 is the approved=yes unit" },
	{ "okapi/segmented.xlf", 3, 3, 2, 0,
	  "unit 3 is cut in two segments by <mrk mtype=seg>" },
	{ "okapi/sample12.xlf", 4, 2, 4, 1, "TT's 1 is approved=yes" },
	{ "okapi/RB-12-Test02.xlf", 11, 7, 9, 0,
	  "two units of two <mrk mtype=seg> segments each" },
	{ "okapi/BinUnitTest01.xlf", 2, 0, 3, 0,
	  "TT counts the <bin-unit>, which holds no text" },
	{ "okapi/extended-code-type-support.docx_en-US_fr-FR.sdlxliff", 11, 0,
	  9, 0, "a unit of 3 <mrk mtype=seg>" },
	{ "okapi/en-fr.xlf", 2, 2, 2, 2, NULL },
	{ "omegat/file-XLIFFFilter-tags.xlf", 10, 10, 10, 0,
	  "TT: no approved=yes" },
	{ "omegat/ex.9.5.xlf", 8, 1, 8, 1, NULL },
	{ "omegat/file-XLIFFFilter-cdata-bugs418.xlf", 4, 2, 4, 0,
	  "TT: no approved=yes" },
	{ "omegat/file-XLIFFFilter-SMP.xlf", 1, 1, 1, 0,
	  "TT: no approved=yes" },
	{ "translate-toolkit/states.xlf", 8, 8, 8, 8, NULL },
	{ "translate-toolkit/states-approved-no.xlf", 8, 8, 8, 0,
	  "approved=no everywhere: TT's 0" },
	{ "symfony/resname.xlf", 4, 3, 4, 0, "TT: no approved=yes" },
	{ "symfony/with-attributes.xlf", 3, 2, 3, 0, "TT: no approved=yes" },
	{ "symfony/withdoctype.xlf", 1, 1, 1, 0,
	  "Symfony refuses its DOCTYPE; it is not loaded, so it is harmless" },
	{ "symfony/encoding.xlf", 2, 2, 2, 0, "TT: no approved=yes" },
	{ "symfony/resources-2.0-multi-segment-unit.xlf", 2, 2, 2, 2, NULL },
	{ "angular/messages.fr.xlf", 9, 9, 9, 0, "TT: no approved=yes" },
	{ "angular/cli-hello-world-ivy-i18n-messages.fr.xlf", 0, 0, 1, 0,
	  "its one trans-unit has no <source>: skipped with a warning" },
	{ "duplicati-ngclient/messages.zh-Hans.xlf", 918, 772, 918, 0,
	  "TT: no approved=yes" },
	{ "weblate/placeholder-mrk.xliff", 1, 0, 1, 0, NULL },
	{ "weblate/placeholder-x.xliff", 1, 0, 1, 0, NULL },
	{ "oasis-xliff21/core-valid/withReorderedCodes.xlf", 9, 9, 9, 2,
	  "segments without state: TT takes XLIFF 2's default (initial)" },
	{ "oasis-xliff22/withReorderedCodes.xlf", 9, 9, 9, 2,
	  "segments without state: TT takes XLIFF 2's default (initial)" },
};

static void
test_real_files(void)
{
	for (size_t i = 0; i < sizeof real_files / sizeof *real_files; i++) {
		const struct real_file *f = &real_files[i];
		struct counts c;

		read_counts(f->name, &c);
		if (!ok(!c.failed, "%s reads", f->name))
			diag("%s:%ld: %s", c.err.file, c.err.line,
			     c.err.message);
		is_int(c.segments, f->segments, "%s: segments", f->name);
		is_int(c.targets, f->targets, "%s: segments with a target",
		       f->name);
		if (f->why == NULL) {
			is_int(c.segments, f->peer_units,
			       "%s: as many as Translate Toolkit", f->name);
			is_int(c.targets, f->peer_translated,
			       "%s: as many translated", f->name);
		}
		is_int(c.bad_markup, 0, "%s: markup well formed", f->name);
		is_int(c.bad_lines, 0, "%s: every segment has a line",
		       f->name);
	}
}

/* ------------------------------------------------- OASIS test suite */

/* Suite files the reader refuses, and the line it names. */
static const struct refused {
	const char *name;
	long line;
	const char *words;    /* a part of the message */
} refused[] = {
	{ "oasis-xliff21/core-invalid/bad_EcBeforeSc.xlf", 6, "<ec>" },
	{ "oasis-xliff21/core-invalid/bad_EmBeforeSm.xlf", 6, "<em>" },
	{ "oasis-xliff21/core-invalid/bad_InvalidHexValueOnCp.xlf", 6,
	  "notOK" },
	{ "oasis-xliff21/core-invalid/bad_InvalidLoneEm.xlf", 6, "<em>" },
	{ "oasis-xliff21/core-invalid/bad_InvalidLoneSm.xlf", 4, "<sm>" },
	{ "oasis-xliff21/core-invalid/bad_InvalidStateValue.xlf", 5,
	  "badState" },
	{ "oasis-xliff21/core-invalid/bad_IsolatedEcWithId.xlf", 6, "<ec>" },
	{ "oasis-xliff21/core-invalid/bad_MissingIsolatedOnEc.xlf", 6,
	  "<ec>" },
	{ "oasis-xliff21/core-invalid/bad_MissingIsolatedOnSc.xlf", 4,
	  "<sc>" },
	{ "oasis-xliff21/core-invalid/bad_NoFile.xlf", 4, "<file>" },
	{ "oasis-xliff21/core-invalid/bad_NoUnitOrGroupInFile.xlf", 3,
	  "<file>" },
	{ "oasis-xliff21/core-invalid/bad_NonIsolatedEcWithoutStartRef.xlf",
	  9, "<ec>" },
	{ "oasis-xliff21/core-invalid/bad_PartIdNotUnique.xlf", 8, "1twice" },
	{ "oasis-xliff21/core-invalid/bad_SegmentIdNotUnique.xlf", 8,
	  "s1twice" },
	{ "oasis-xliff21/core-invalid/bad_SegmentWithoutSource.xlf", 5,
	  "<source>" },
	{ "oasis-xliff21/core-invalid/bad_SrcLangNotWellFormed.xlf", 2,
	  "\"e\"" },
	{ "oasis-xliff21/core-invalid/bad_SubStateWithoutState.xlf", 5,
	  "subState" },
	{ "oasis-xliff21/core-invalid/bad_TrgLangNotWellFormed.xlf", 2,
	  "\"f r\"" },
	{ "oasis-xliff21/core-invalid/bad_TwoSourceInUnit.xlf", 5,
	  "<source>" },
	{ "oasis-xliff21/core-invalid/bad_UnitWithoutSegment.xlf", 4,
	  "<segment>" },
	{ "oasis-xliff21/core-invalid/bad_XmlLangNotWellFormed.xlf", 7,
	  "\"f r\"" },
	/* not well formed: an undeclared namespace prefix */
	{ "oasis-xliff22/Good-pgs_plural.xlf", 4, "pgs" },
};

/*
 * The other files of core-invalid and modules-invalid are read: what makes
 * them invalid needs the whole file (ids unique across files and groups,
 * references to notes and data), the modules' rules, attributes the
 * reader has no use for (dir on <source>, translate on <segment>, canCopy,
 * order, canDelete), an extension element where the schema allows none,
 * or an xml:lang other than srcLang/trgLang, or a target without trgLang
 * (warnings: MateCat and OmegaT write such files).
 */
static const char *const invalid_read[] = {
	"oasis-xliff21/core-invalid/bad_CommentWithValueAndRef.xlf",
	"oasis-xliff21/core-invalid/bad_DataIdNotUnique.xlf",
	"oasis-xliff21/core-invalid/bad_DataRefWithoutOriginalData.xlf",
	"oasis-xliff21/core-invalid/bad_DifferentCanCopyInScAndEc.xlf",
	"oasis-xliff21/core-invalid/bad_FileIdNotUnique.xlf",
	"oasis-xliff21/core-invalid/bad_GroupIdNotUnique.xlf",
	"oasis-xliff21/core-invalid/bad_InvalidDirAttributeOnSource.xlf",
	"oasis-xliff21/core-invalid/bad_InvalidExtensionElementInSegment.xlf",
	"oasis-xliff21/core-invalid/bad_InvalidId1.xlf",
	"oasis-xliff21/core-invalid/bad_InvalidNoteRefInUnit.xlf",
	"oasis-xliff21/core-invalid/bad_InvalidTranslateInSegment.xlf",
	"oasis-xliff21/core-invalid/bad_MissingNonRemovable1.xlf",
	"oasis-xliff21/core-invalid/bad_NoTrgLang.xlf",
	"oasis-xliff21/core-invalid/bad_NoTrgLangWithIgnorable.xlf",
	"oasis-xliff21/core-invalid/bad_NotesWithoutNote.xlf",
	"oasis-xliff21/core-invalid/bad_OrderNotUnique1.xlf",
	"oasis-xliff21/core-invalid/bad_UnknownDataRefValue.xlf",
	"oasis-xliff21/core-invalid/bad_WrongLangOnTarget.xlf",
	"oasis-xliff21/core-invalid/bad_WrongReordering1.xlf",
	"oasis-xliff21/core-invalid/bad_WrongSourceLang.xlf",
	"oasis-xliff21/core-invalid/bad_WrongTargetLang.xlf",
	"oasis-xliff21/modules-invalid/Bad-gls_glossEntry-w-o-translation-or-definition.xlf",
	"oasis-xliff21/modules-invalid/Bad-mda_meta-missing-type.xlf",
	"oasis-xliff21/modules-invalid/Bad-mtc_match-ID-not-unique.xlf",
	"oasis-xliff21/modules-invalid/Bad-mtc_match-has-xml_lang.xlf",
	"oasis-xliff21/modules-invalid/Bad-mtc_type-value-not-in-list.xlf",
	"oasis-xliff21/modules-invalid/Bad-slr_sizeInfo-not-integer.xlf",
};

/* Valid files: segments and targets, as Translate Toolkit counts them. */
static const struct valid_file {
	const char *name;
	long segments, targets;
} valid_files[] = {
	{ "oasis-xliff21/core-valid/allExtensions.xlf", 3, 1 },
	{ "oasis-xliff21/core-valid/almostEmpty.xlf", 0, 0 },
	{ "oasis-xliff21/core-valid/emptySkeletonWithHref.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/everything-core.xlf", 5, 2 },
	{ "oasis-xliff21/core-valid/sample1.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/sourceOnly.xlf", 1, 0 },
	{ "oasis-xliff21/core-valid/testTranslateWithTarget.xlf", 6, 6 },
	{ "oasis-xliff21/core-valid/toJoin.xlf", 5, 5 },
	{ "oasis-xliff21/core-valid/toSegment.xlf", 4, 1 },
	{ "oasis-xliff21/core-valid/toSegmentAndOrder.xlf", 4, 3 },
	{ "oasis-xliff21/core-valid/typeSubTypeValues.xlf", 1, 0 },
	{ "oasis-xliff21/core-valid/withCDataSections.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/withCommentAnnotations.xlf", 1, 0 },
	{ "oasis-xliff21/core-valid/withGlossary.xlf", 2, 2 },
	{ "oasis-xliff21/core-valid/withMatches.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/withModulesAttributesInEc.xlf", 2, 0 },
	{ "oasis-xliff21/core-valid/withNotes.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/withNotes_complex.xlf", 2, 2 },
	{ "oasis-xliff21/core-valid/withReferences.xlf", 3, 2 },
	{ "oasis-xliff21/core-valid/withTBXExtension.xlf", 1, 0 },
	{ "oasis-xliff21/core-valid/withValidation.xlf", 2, 2 },
	{ "oasis-xliff21/core-valid/withXmlLang.xlf", 1, 1 },
	{ "oasis-xliff21/core-valid/withXmlSpace.xlf", 1, 1 },
	{ "oasis-xliff21/in-out/toJoin1_in.xlf", 4, 4 },
	{ "oasis-xliff21/in-out/toJoin1_out.xlf", 3, 3 },
	{ "oasis-xliff21/in-out/toSegment1_in.xlf", 4, 1 },
	{ "oasis-xliff21/in-out/toSegment1_out.xlf", 8, 2 },
	{ "oasis-xliff21/modules-valid/Good-ctr_ref-pointed-to-resolvableID.xlf", 2, 2 },
	{ "oasis-xliff21/modules-valid/Good-fs_fs-with-valid-HTML.xlf", 1, 0 },
	{ "oasis-xliff21/modules-valid/Good-gls_glossEntry-w-translation-or-definition.xlf", 1, 1 },
	{ "oasis-xliff21/modules-valid/Good-itsm_text-analytics.xlf", 2, 0 },
	{ "oasis-xliff21/modules-valid/Good-mtc_match-with-inlines.xlf", 1, 0 },
	{ "oasis-xliff21/modules-valid/Good-mtc_reference-lang.xlf", 1, 1 },
	{ "oasis-xliff21/modules-valid/Good-mtc_subType-w-type-match.xlf", 1, 1 },
	{ "oasis-xliff21/modules-valid/Good-res_source-has-no-content-and-href.xlf", 1, 1 },
	{ "oasis-xliff21/modules-valid/Good-slr_sizeRestriction-patterns.xlf", 2, 0 },
	{ "oasis-xliff21/modules-valid/Good-val_ExactlyOneAttributeOnRule.xlf", 1, 0 },
	{ "oasis-xliff22/Good-mda_top-level.xlf", 1, 0 },
	{ "oasis-xliff22/everything-core.xlf", 5, 2 },
};

static void
test_oasis_suite(void)
{
	struct counts c;

	for (size_t i = 0; i < sizeof valid_files / sizeof *valid_files; i++) {
		read_counts(valid_files[i].name, &c);
		if (!ok(!c.failed, "valid %s reads", valid_files[i].name))
			diag("%s:%ld: %s", c.err.file, c.err.line,
			     c.err.message);
		is_int(c.segments, valid_files[i].segments, "%s: segments",
		       valid_files[i].name);
		is_int(c.targets, valid_files[i].targets, "%s: targets",
		       valid_files[i].name);
		is_int(c.bad_markup, 0, "%s: markup well formed",
		       valid_files[i].name);
	}
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		read_counts(refused[i].name, &c);
		ok(c.failed, "invalid %s is refused", refused[i].name);
		is_int(c.err.line, refused[i].line, "%s: at its line",
		       refused[i].name);
		if (!ok(strstr(c.err.message, refused[i].words) != NULL,
			"%s: the message names %s", refused[i].name,
			refused[i].words))
			diag("message: %s", c.err.message);
	}
	for (size_t i = 0; i < sizeof invalid_read / sizeof *invalid_read;
	     i++) {
		read_counts(invalid_read[i], &c);
		if (!ok(!c.failed && c.bad_markup == 0,
			"invalid %s is read (see above why)", invalid_read[i]))
			diag("%s:%ld: %s", c.err.file, c.err.line,
			     c.err.message);
	}
}

/* ----------------------------------------------- one file's segments */

/* The segments of a file, in order (n of them at most). */
static int
read_segments(const char *name, struct tmg_docseg *segs, int n,
	      struct tmg_error *err)
{
	char *path = name[0] == '/' ? strdup(name) : xliff_path(name);
	struct xliff_reader *r = xliff_reader_open(path, count_warning, NULL,
						   err);
	struct tmg_docseg extra;
	int got = 0, ret;

	free(path);
	if (r == NULL)
		return -1;
	docseg_init(&extra);
	for (;;) {
		ret = xliff_reader_next(r, got < n ? &segs[got] : &extra, err);
		if (ret != 1)
			break;
		got++;
	}
	docseg_clear(&extra);
	xliff_reader_close(r);
	return ret < 0 ? -1 : got;
}

static void
clear_segments(struct tmg_docseg *segs, int n)
{
	for (int i = 0; i < n; i++)
		docseg_clear(&segs[i]);
}

static const char *
prop(const struct tmg_docseg *s, const char *type)
{
	for (size_t i = 0; i < s->notes.count; i++)
		if (!s->notes.items[i].is_note &&
		    strcmp(s->notes.items[i].type, type) == 0)
			return s->notes.items[i].value;
	return NULL;
}

static long
note_count(const struct tmg_docseg *s)
{
	long n = 0;

	for (size_t i = 0; i < s->notes.count; i++)
		n += s->notes.items[i].is_note;
	return n;
}

#define NSEGS 64

static void
test_xliff12_states(void)
{
	struct tmg_docseg s[NSEGS] = { 0 };
	struct tmg_error err;
	int n;

	/* approved="no" leaves each state= as it is */
	n = read_segments("translate-toolkit/states-approved-no.xlf", s,
			  NSEGS, &err);
	is_int(n, 8, "states-approved-no: 8 segments");
	if (n == 8) {
		is_str(s[1].state_name, "needs-work", "a state kept as written");
		is_int(s[1].state, DOCSEG_DRAFT, "an unknown state is a draft");
		is_str(s[3].state_name, "needs-review",
		       "a value XLIFF 1.2 does not know kept");
		is_int(s[3].state, DOCSEG_DRAFT, "and a draft");
		is_int(s[5].state, DOCSEG_FINAL, "final is final");
		is_int(s[6].state, DOCSEG_TRANSLATED, "translated");
		is_str(s[0].srclang, "en-US", "source-language canonical");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	n = read_segments("okapi/Manual-12-AltTrans.xlf", s, NSEGS, &err);
	is_int(n, 7, "Manual-12-AltTrans: 7 segments");
	if (n == 7) {
		ok(s[1].locked, "translate=\"no\" locks");
		is_str(s[1].unit_id, "0", "unit id");
		is_int(s[4].state, DOCSEG_FINAL, "approved=\"yes\" is final");
		is_str(s[4].state_name, "approved", "named approved");
		is_str(s[3].target_text, "Texte numéro 2.", "French target");
		is_str(s[0].source_markup,
		       "Text <ph x=\"1\" type=\"x-xliff-ph\">startCode<sub>"
		       "[nested<ph x=\"2\" type=\"x-xliff-ph\">ph-in-sub</ph>"
		       "still in sub]</sub>endCode</ph> text.",
		       "<ph> with a <sub> holding a <ph>");
		is_str(s[0].source_text, "Text  text.",
		       "the code and its sub left out of the text");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	/* memoQ: read as 1.2, mq:status gives the state */
	n = read_segments("okapi/MQ-12-Test01.xlf", s, NSEGS, &err);
	ok(n == -1 || n >= 3, "MQ-12-Test01 reads");
	if (n >= 3) {
		is_int(s[0].state, DOCSEG_NEW, "mq:status NotStarted is new");
		is_str(s[0].state_name, "NotStarted", "memoQ status kept");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);
}

static void
test_segmentation(void)
{
	struct tmg_docseg s[NSEGS] = { 0 };
	struct tmg_error err;
	int n;

	/* no namespace; <seg-source> with <mrk mtype="seg"> */
	n = read_segments("okapi/segmented.xlf", s, NSEGS, &err);
	is_int(n, 3, "segmented.xlf: 3 segments");
	if (n == 3) {
		is_str(s[1].unit_id, "3", "segment of unit 3");
		is_str(s[1].segment_id, "0", "mid 0");
		is_str(s[2].segment_id, "1", "mid 1");
		is_str(s[1].source_text, "Segment one.", "first segment");
		is_str(s[2].target_text, "Segment zwei.",
		       "the target's mrk of the same mid");
		is_str(s[0].source_markup,
		       "The quick brown <bpt i=\"1\" x=\"1\" "
		       "type=\"x-xliff-bpt\">&lt;b&gt;</bpt>fox<ept i=\"1\">"
		       "&lt;/b&gt;</ept> jumped over the lazy dog.",
		       "<bpt>/<ept> paired");
		is_str(s[1].tgtlang, "de", "target-language");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	/* SDLXLIFF: sdl:seg conf, translate="no" structure units */
	n = read_segments("okapi/okapi_intro_test15977.sdlxliff", s, NSEGS,
			  &err);
	ok(n >= 30, "okapi_intro_test15977.sdlxliff reads");
	if (n >= 30) {
		int draft = -1;

		for (int i = 0; i < NSEGS && i < n; i++)
			if (s[i].state_name &&
			    strcmp(s[i].state_name, "Draft") == 0) {
				draft = i;
				break;
			}
		ok(draft >= 0, "an SDL conf=\"Draft\" kept as state name");
		if (draft >= 0) {
			is_str(s[draft].segment_id, "1", "the mrk's mid");
			is_str(s[draft].source_text, "Okapi Framework",
			       "its text");
			is_int(s[draft].state, DOCSEG_NEW,
			       "no target: new whatever the conf");
		}
		ok(s[0].locked, "a translate=\"no\" unit is locked");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);
}

static void
test_inline_12(void)
{
	struct tmg_docseg s[NSEGS] = { 0 };
	struct tmg_error err;
	int n;

	n = read_segments("omegat/file-XLIFFFilter-tags.xlf", s, NSEGS, &err);
	is_int(n, 10, "file-XLIFFFilter-tags: 10 segments");
	if (n == 10) {
		is_str(s[0].target_markup,
		       "Link to <hi type=\"x-xliff-mrk-protected\">"
		       "http://localhost</hi>.", "<mrk> as <hi>");
		is_str(s[0].target_text, "Link to http://localhost.",
		       "the mrk's text is text");
		is_str(s[3].target_markup,
		       "one <it pos=\"begin\" type=\"x-xliff-it\">&lt;a&gt;</it>"
		       " two <it pos=\"begin\" type=\"x-xliff-it\">&lt;b&gt;</it>"
		       " three <it pos=\"begin\" type=\"x-xliff-it\">&lt;c&gt;"
		       "</it> four <it pos=\"end\" type=\"x-xliff-it\">&lt;d&gt;"
		       "</it> five", "<it> with pos");
		is_str(s[5].target_markup,
		       "one <it pos=\"begin\" type=\"x-xliff-bpt\"></it>two"
		       "<it pos=\"end\" type=\"x-xliff-ept\"></it> three",
		       "<bpt>/<ept> that do not pair: <it>");
		is_str(s[8].target_markup,
		       "Nested tags: before <bpt i=\"1\" x=\"0\" "
		       "type=\"x-xliff-g\">&lt;g id=\"0\"&gt;</bpt><bpt i=\"2\" "
		       "x=\"1\" type=\"x-xliff-g\">&lt;g id=\"1\"&gt;</bpt>"
		       "<ph x=\"2\" type=\"x-xliff-x\">&lt;x id=\"2\"/&gt;</ph>"
		       "<ept i=\"2\">&lt;/g&gt;</ept><ept i=\"1\">&lt;/g&gt;"
		       "</ept> after", "nested <g> and <x/>");
		is_str(s[8].target_text, "Nested tags: before  after",
		       "codes left out of the text");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	/* Chinese, and Angular's <x id="INTERPOLATION"/> */
	n = read_segments("duplicati-ngclient/messages.zh-Hans.xlf", s, NSEGS,
			  &err);
	ok(n > 10, "messages.zh-Hans.xlf reads");
	if (n > 10) {
		int x = -1;

		is_str(s[4].target_text, "服务器设置", "Chinese target");
		is_str(s[4].tgtlang, "zh-Hans", "zh-Hans");
		for (int i = 0; i < NSEGS && i < n && x < 0; i++)
			if (strstr(s[i].source_markup, "x-xliff-x"))
				x = i;
		ok(x >= 0 && strstr(s[x].source_markup,
				    "<ph x=\"INTERPOLATION\" "
				    "type=\"x-xliff-x\">&lt;x id=\""
				    "INTERPOLATION\"") != NULL,
		   "an interpolation as <ph> with its tag");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	/* French, notes */
	n = read_segments("angular/messages.fr.xlf", s, NSEGS, &err);
	is_int(n, 9, "angular messages.fr.xlf: 9 segments");
	if (n == 9) {
		ok(note_count(&s[0]) >= 1, "Angular's notes kept");
		is_str(s[0].resname, NULL, "no resname");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	/* a declared ISO-8859-1 file, resname */
	n = read_segments("symfony/encoding.xlf", s, NSEGS, &err);
	is_int(n, 2, "encoding.xlf: 2 segments");
	if (n == 2)
		is_str(s[0].target_text, "bär", "ISO-8859-1 read as such");
	clear_segments(s, n > NSEGS ? NSEGS : n);
	n = read_segments("symfony/resname.xlf", s, NSEGS, &err);
	is_int(n, 4, "resname.xlf: 4 segments");
	if (n == 4) {
		is_str(s[0].resname, "foo", "resname");
		ok(s[3].target_text == NULL && s[3].state == DOCSEG_NEW,
		   "a unit without target is new");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);
}

static void
test_inline_2(void)
{
	struct tmg_docseg s[NSEGS] = { 0 };
	struct tmg_error err;
	int n;

	n = read_segments("oasis-xliff21/core-valid/everything-core.xlf", s,
			  NSEGS, &err);
	is_int(n, 5, "everything-core: 5 segments");
	if (n == 5) {
		is_str(s[0].unit_id, "tu1", "unit id");
		is_str(s[0].segment_id, "1", "segment id");
		is_str(s[0].resname, "unit1", "name as resname");
		is_str(s[0].file, "myfile", "file original");
		is_int(s[0].state, DOCSEG_TRANSLATED, "state translated");
		is_str(prop(&s[0], "x-xliff-substate"), "my:state",
		       "subState kept");
		is_str(s[1].source_text, "Segment's content.",
		       "the ignorable between is no segment");
		ok(!s[0].locked, "translate=\"yes\" on the unit wins over "
		   "the file's no");
		is_str(s[4].source_markup,
		       "<bpt i=\"1\" x=\"1\" type=\"x-xliff2-pc\">[b [#$tu3]   ]"
		       "</bpt>special text<ept i=\"1\">[/b [#t3end]   ]</ept> "
		       "and more\n<ph x=\"2\" type=\"x-xliff2-ph\">"
		       "[rtl-data   ]</ph>.",
		       "<pc> and <ph> with their original data");
		is_str(s[4].source_text, "special text and more\n.",
		       "the text without codes");
		is_str(s[0].srclang, "en", "srcLang");
		is_str(s[0].tgtlang, "fr", "trgLang");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);

	n = read_segments("omegat/ex.9.5.xlf", s, NSEGS, &err);
	is_int(n, 8, "ex.9.5.xlf: 8 segments, the target without trgLang "
	       "read with a warning");
	if (n == 8) {
		int locked = 0;

		for (int i = 0; i < n; i++)
			locked += s[i].locked;
		is_int(locked, 1, "one unit translate=\"no\"");
	}
	clear_segments(s, n > NSEGS ? NSEGS : n);
}

/* ------------------------------------------------- written here */

/* data[0..size) in $TMPDIR/xliff-read-PID-NAME (/tmp without TMPDIR). */
static char *
write_file(const char *name, const char *data, size_t size)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *f;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = malloc(strlen(dir) + strlen(name) + 64);
	sprintf(path, "%s/xliff-read-%d-%s", dir, (int)getpid(), name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size) {
		diag("cannot write %s", path);
		if (f)
			fclose(f);
		return path;
	}
	fclose(f);
	return path;
}

static void
test_codes_written_here(void)
{
	static const char v2[] =
		"<?xml version=\"1.0\"?>\n"
		"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
		"version=\"2.0\" srcLang=\"fr-FR\" trgLang=\"zh-CN\">\n"
		"<file id=\"f\"><unit id=\"u\">\n"
		"<segment id=\"a\" state=\"final\"><source>A<sc id=\"1\"/>b"
		"<ec startRef=\"1\"/><cp hex=\"E9\"/><cp hex=\"0001\"/>"
		"<sm id=\"m\"/>c<em startRef=\"m\"/><mrk id=\"k\" "
		"translate=\"no\">d</mrk><sc id=\"2\" isolated=\"yes\"/></source>"
		"<target>甲<ph id=\"3\"/>乙</target></segment>\n"
		"<segment id=\"b\" state=\"initial\" subState=\"x:y\">"
		"<source>e<ec id=\"4\" isolated=\"yes\"/></source>"
		"<target>丙</target></segment>\n"
		"</unit></file></xliff>\n";
	static const char v1[] =
		"<xliff version=\"1.2\" "
		"xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		"<file original=\"o.txt\" source-language=\"fr\" "
		"target-language=\"zh-CN\" datatype=\"plaintext\"><body>"
		"<group translate=\"no\"><trans-unit id=\"1\">"
		"<source>x<bx id=\"1\" rid=\"r\"/>y<ex id=\"2\" rid=\"r\"/>"
		"<bx id=\"5\"/>&amp;</source>"
		"<target state=\"needs-review-translation\" "
		"state-qualifier=\"fuzzy-match\">z</target>"
		"<note xml:lang=\"fr\">une note</note>"
		"<alt-trans><target>t</target></alt-trans></trans-unit>"
		"</group></body></file></xliff>";
	struct tmg_docseg s[4] = { 0 };
	struct tmg_error err;
	char *path;
	int n;

	path = write_file("v2.xlf", v2, sizeof v2 - 1);
	n = read_segments(path, s, 4, &err);
	is_int(n, 2, "XLIFF 2 codes: 2 segments");
	if (n == 2) {
		is_str(s[0].source_markup,
		       "A<bpt i=\"1\" x=\"1\" type=\"x-xliff2-sc\">&lt;sc "
		       "id=\"1\"/&gt;</bpt>b<ept i=\"1\">&lt;ec startRef=\"1\""
		       "/&gt;</ept>é<ph type=\"x-xliff2-cp\">&lt;cp hex=\"0001\""
		       "/&gt;</ph>c<hi x=\"k\" type=\"x-xliff2-mrk\">d</hi>"
		       "<it pos=\"begin\" x=\"2\" type=\"x-xliff2-sc\">&lt;sc "
		       "id=\"2\" isolated=\"yes\"/&gt;</it>",
		       "sc/ec paired, cp, sm/em dropped, mrk, isolated sc");
		is_str(s[0].source_text, "Abécd", "the text");
		is_str(s[0].target_markup,
		       "甲<ph x=\"3\" type=\"x-xliff2-ph\">&lt;ph id=\"3\"/&gt;"
		       "</ph>乙", "a <ph> without data keeps its tag");
		is_int(s[0].state, DOCSEG_FINAL, "final");
		is_str(s[1].source_markup,
		       "e<it pos=\"end\" x=\"4\" type=\"x-xliff2-ec\">&lt;ec "
		       "id=\"4\" isolated=\"yes\"/&gt;</it>", "isolated ec");
		is_int(s[1].state, DOCSEG_DRAFT, "initial with a target: draft");
		is_str(s[1].tgtlang, "zh-CN", "zh-CN");
		is_str(s[1].srclang, "fr-FR", "fr-FR");
	}
	clear_segments(s, n > 4 ? 4 : n);
	unlink(path);
	free(path);

	path = write_file("v1.xlf", v1, sizeof v1 - 1);
	n = read_segments(path, s, 4, &err);
	is_int(n, 1, "XLIFF 1.2 codes: 1 segment");
	if (n == 1) {
		is_str(s[0].source_markup,
		       "x<bpt i=\"1\" x=\"1\" type=\"x-xliff-bx\">&lt;bx id=\"1\" "
		       "rid=\"r\"/&gt;</bpt>y<ept i=\"1\">&lt;ex id=\"2\" "
		       "rid=\"r\"/&gt;</ept><it pos=\"begin\" x=\"5\" "
		       "type=\"x-xliff-bx\">&lt;bx id=\"5\"/&gt;</it>&amp;",
		       "bx/ex paired by rid, a lone bx as <it>");
		is_str(s[0].source_text, "xy&", "the text");
		ok(s[0].locked, "translate=\"no\" on the group locks");
		is_int(s[0].state, DOCSEG_DRAFT, "needs-review: draft");
		is_str(prop(&s[0], "x-xliff-state-qualifier"), "fuzzy-match",
		       "state-qualifier kept");
		is_int(note_count(&s[0]), 1, "the note, not the alt-trans");
		for (size_t i = 0; i < s[0].notes.count; i++)
			if (s[0].notes.items[i].is_note)
				is_str(s[0].notes.items[i].lang, "fr",
				       "the note's language");
		is_str(s[0].file, "o.txt", "file original");
	}
	clear_segments(s, n > 4 ? 4 : n);
	unlink(path);
	free(path);
}

/* A UTF-16LE file with a byte order mark (none in the corpus). */
static void
test_utf16(void)
{
	static const char text[] =
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
		"<xliff version=\"1.2\" "
		"xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		"<file original=\"a\" source-language=\"fr\" "
		"target-language=\"zh\" datatype=\"plaintext\"><body>"
		"<trans-unit id=\"1\"><source>Pékin</source>"
		"<target>北京</target></trans-unit></body></file></xliff>";
	char *buf = malloc(sizeof text * 2 + 2);
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)text;
	struct tmg_docseg s[2] = { 0 };
	struct tmg_error err;
	char *path;
	int got;

	buf[n++] = (char)0xff;
	buf[n++] = (char)0xfe;
	while (*p) {
		unsigned c = *p;
		int more = c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

		c = more == 2 ? c & 0x0f : more == 1 ? c & 0x1f : c;
		p++;
		while (more-- > 0)
			c = c << 6 | (*p++ & 0x3f);
		buf[n++] = (char)(c & 0xff);
		buf[n++] = (char)(c >> 8);
	}
	path = write_file("utf16.xlf", buf, n);
	got = read_segments(path, s, 2, &err);
	is_int(got, 1, "UTF-16LE: one segment");
	if (got == 1) {
		is_str(s[0].source_text, "Pékin", "UTF-16 source");
		is_str(s[0].target_text, "北京", "UTF-16 target");
	}
	clear_segments(s, got > 2 ? 2 : got);
	unlink(path);
	free(path);
	free(buf);
}

static void
test_refusals(void)
{
	static const char entity[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
		"<xliff version=\"1.2\"><file source-language=\"en\"><body>\n"
		"<trans-unit id=\"1\"><source>&e;</source></trans-unit>\n"
		"</body></file></xliff>\n";
	struct counts c;
	char *path, *tmx;

	read_counts("symfony/empty.xlf", &c);
	ok(c.failed && strstr(c.err.message, "empty"), "an empty file: %s",
	   c.err.message);
	read_counts("okapi/invalid_xml_entity.xlf", &c);
	ok(c.failed, "&#3; is refused");
	is_int(c.err.line, 8, "at its line");
	read_counts("weblate/memory-invalid.xliff", &c);
	ok(c.failed, "a file cut short is refused");
	is_int(c.segments, 2, "after the segments before the cut");
	is_int(c.err.line, 28, "at the line where it ends");

	tmx = malloc(strlen(data_dir) + 32);
	sprintf(tmx, "%s/good-two.tmx", data_dir);
	read_counts(tmx, &c);
	ok(c.failed && strstr(c.err.message, "not an XLIFF file"),
	   "a TMX file is not XLIFF: %s", c.err.message);
	ok(c.err.line > 0, "the root's line");
	free(tmx);

	path = write_file("entity.xlf", entity, sizeof entity - 1);
	read_counts(path, &c);
	ok(c.failed && strstr(c.err.message, "external entity"),
	   "an external entity is refused: %s", c.err.message);
	unlink(path);
	free(path);
}

int
main(void)
{
	data_dir = fixture_path("tests/data");
	test_real_files();
	test_oasis_suite();
	test_xliff12_states();
	test_segmentation();
	test_inline_12();
	test_inline_2();
	test_codes_written_here();
	test_utf16();
	test_refusals();
	free(data_dir);
	return done_testing();
}
