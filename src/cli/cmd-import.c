/*
 * cmd-import.c -- tmgloss import: TMX files, documents (XLIFF, PO) and
 * glossaries into the memory.
 *
 * The kind of a file is found from its content (formats/sniff.c): an XML
 * root <tmx> goes to the TMX reader, <martif> or <tbx> to the TBX reader,
 * <xliff> to the XLIFF reader, a PO file (a msgid line, or a .po/.pot
 * name) to the PO reader, other text to the TSV/CSV reader (which needs
 * --src/--tgt when the file has no header row naming its languages).  The
 * name only refuses: a .tmx or .tbx file that is not what it says is an
 * error, not a glossary in columns or a document.
 *
 * XLIFF and PO are read as documents (import_document()): their
 * translated segments become units, each with its neighbours' source texts
 * as context; the rest is counted (untranslated, drafts, locked).
 *
 * Each file is one transaction: it goes in whole, or, on the first error,
 * not at all (the memory is left exactly as it was), and its summary then
 * counts nothing as added.  --skip-invalid skips a faulty unit, row or TBX
 * entry with a warning instead.  Files are streamed; on
 * a terminal a progress line shows bytes, units and the rate.  At the end a
 * summary per file: units read, added, merged, unchanged, skipped, the
 * older units of the same origin replaced, and the language pairs added.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"
#include "base/bulkmem.h"
#include "base/xalloc.h"

struct pair_count {
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	long count;
};

struct import_summary {
	const char *file;
	int failed;
	int glossary;          /* concepts rather than units */
	int document;          /* segments of an XLIFF or PO document */
	char dialect[32];      /* of a glossary: "TBX-Basic v2", "TSV" ...;
				* of a document: "XLIFF 1.2", "PO" */
	long read, added, merged, unchanged, skipped;
	long replaced;         /* older units of the origin (store/memory.c) */
	unsigned long repaired;
	/* segments of a document left out: without a target, drafts
	 * (without --include-drafts), locked without a translation; PO
	 * obsolete messages, XLIFF <alt-trans> matches */
	long untranslated, drafts, locked;
	unsigned long obsolete, alt_trans;
	struct tbx_not_kept not_kept;  /* of a TBX glossary */
	struct pair_count *pairs;
	size_t npairs;
};

struct import_run {
	int progress;          /* draw a progress line on stderr */
	int quiet;
	int include_drafts;    /* documents: import needs-review targets */
	const char *src, *tgt; /* documents: languages the file lacks */
	const char *origin;    /* the name recorded with the file's units */
	const char *spool;     /* standard input's copy, named "-" in messages */
	double started, last_draw;
	struct import_summary *summary;
};

static void
count_pairs(struct import_summary *s, const struct tmg_unit *unit)
{
	const struct tmg_variant *src = unit_source_variant(unit);

	for (size_t i = 0; i < unit->nvariants; i++) {
		const struct tmg_variant *v = &unit->variants[i];
		size_t k;

		if (v == src)
			continue;
		for (k = 0; k < s->npairs; k++)
			if (strcmp(s->pairs[k].src, src->lang) == 0 &&
			    strcmp(s->pairs[k].tgt, v->lang) == 0)
				break;
		if (k == s->npairs) {
			s->pairs = realloc(s->pairs,
					   (s->npairs + 1) * sizeof *s->pairs);
			if (s->pairs == NULL)
				abort();
			memset(&s->pairs[k], 0, sizeof s->pairs[k]);
			snprintf(s->pairs[k].src, TMG_LANG_MAX, "%s", src->lang);
			snprintf(s->pairs[k].tgt, TMG_LANG_MAX, "%s", v->lang);
			s->npairs++;
		}
		s->pairs[k].count++;
	}
}

/* Count what the store did with `unit`. */
static void
count_result(struct import_summary *s, const struct tmg_unit *unit,
	     enum memory_add_result result)
{
	switch (result) {
	case MEMORY_ADDED:
		s->added++;
		count_pairs(s, unit);
		break;
	case MEMORY_MERGED: s->merged++; break;
	case MEMORY_UNCHANGED: s->unchanged++; break;
	}
}

static void
draw_progress(struct import_run *run, struct tmx_reader *reader, int final)
{
	double t = monotonic_seconds();
	uint64_t done = tmx_reader_bytes_read(reader);
	uint64_t size = tmx_reader_file_size(reader);
	char units[32], rate[32], got[32], total[32];
	double elapsed = t - run->started;

	if (!run->progress || (!final && t - run->last_draw < 0.1))
		return;
	run->last_draw = t;
	format_count(units, sizeof units, run->summary->read);
	format_count(rate, sizeof rate,
		     elapsed > 0 ? (long long)(run->summary->read / elapsed) : 0);
	format_bytes(got, sizeof got, (long long)done);
	format_bytes(total, sizeof total, (long long)size);
	if (size > 0) {
		progress_bar((int)(100.0 * (double)done / (double)size));
		fprintf(stderr, "%s / %s  ", got, total);
	} else {
		fprintf(stderr, "\r%s  ", got);
	}
	/* TRANSLATORS: progress of an import: units read, units per second */
	fprintf(stderr, ngettext("%s unit, %s units/s", "%s units, %s units/s",
				 (unsigned long)run->summary->read), units, rate);
	progress_times(run->started, size > 0 ? (double)done / (double)size
					      : 0);
	fputs("\033[K", stderr);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* An error or warning as the user should see it: standard input's
 * temporary copy is called "-", the name the user gave. */
static struct tmg_error
shown_error(const struct import_run *run, const struct tmg_error *err)
{
	struct tmg_error e = *err;

	if (run->spool && strcmp(e.file, run->spool) == 0)
		snprintf(e.file, sizeof e.file, "%s", "-");
	return e;
}

static void
report(const struct import_run *run, const struct tmg_error *err)
{
	struct tmg_error e = shown_error(run, err);

	cli_report(&e);
}

static void
on_warning(void *data, const struct tmg_error *warning)
{
	struct import_run *run = data;
	struct tmg_error shown = shown_error(run, warning);
	char buf[2200];

	run->summary->skipped++;
	if (run->progress)
		fputs("\r\033[K", stderr);
	tmg_error_format(&shown, buf, sizeof buf);
	fprintf(stderr, _("tmgloss: warning: %s\n"), buf);
}

/*
 * The name recorded as the origin of a file's units or concepts: the
 * --origin-name label, else the path made absolute against the current
 * folder (symbolic links and ".." kept as typed), so that two projects'
 * project_save.tmx stay two origins from whichever folder each was
 * imported.  Standard input ("-") stays "-".  The caller frees it.
 */
static char *
origin_name(const char *label, const char *path)
{
	struct strbuf sb = { 0 };
	char cwd[4096];

	if (label)
		return xstrdup(label);
	if (path[0] == '/' || strcmp(path, "-") == 0 ||
	    getcwd(cwd, sizeof cwd) == NULL)
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (path[0] == '/')
			path++;
	}
	strbuf_addstr(&sb, cwd);
	if (sb.len == 0 || sb.buf[sb.len - 1] != '/')
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, path);
	return strbuf_detach(&sb);
}

/* A file that could not be imported: counted as failed, with its error
 * and what it means. */
static void
import_failed(struct import_run *run, const struct tmg_error *err,
	      const char *path)
{
	/* nothing of the file stays in the memory: nothing was added */
	run->summary->failed = 1;
	run->summary->added = 0;
	run->summary->merged = 0;
	run->summary->unchanged = 0;
	run->summary->npairs = 0;
	if (interrupt_pending())
		return;         /* import_run says it once */
	report(run, err);
	cli_error(_("%s: nothing was imported from this file"),
		  run->spool ? "-" : path);
}

/* Begin the file's transaction once its header is complete: at its first
 * unit, or at its end when it has none. */
static int
begin_tmx(struct tmg_memory *memory, struct tmx_reader *reader,
	  const char *origin, int keep_duplicates,
	  struct memory_import *import, struct tmg_error *err)
{
	import->keep_duplicates = keep_duplicates;
	import->origin = origin;
	import->header = tmx_reader_header(reader);
	return memory_import_begin(memory, import, err);
}

static int
import_tmx(struct tmg_memory *memory, const char *path,
	   const struct tmx_read_options *options, int keep_duplicates,
	   struct import_run *run)
{
	struct tmg_error err = { 0 };
	struct tmx_reader *reader;
	struct tmg_unit unit;
	struct memory_import import = { 0 };
	int ret, begun = 0, bulk;

	reader = tmx_reader_open(path, options, on_warning, run, &err);
	if (reader == NULL) {
		report(run, &err);
		return -1;
	}
	if ((bulk = tmx_reader_file_size(reader) >= BULKMEM_FILE_BYTES))
		bulkmem_begin();
	unit_init(&unit);
	run->started = monotonic_seconds();
	run->last_draw = 0;
	while ((ret = tmx_reader_next(reader, &unit, &err)) == 1) {
		enum memory_add_result result;

		if (!begun) {
			if (begin_tmx(memory, reader, run->origin,
				      keep_duplicates, &import, &err) < 0)
				goto fail;
			begun = 1;
		}
		if (interrupt_pending())
			goto fail;
		run->summary->read++;
		if (memory_add_unit(memory, &unit, &result, &err) < 0)
			goto fail;
		count_result(run->summary, &unit, result);
		if ((run->summary->read & 255) == 0)
			draw_progress(run, reader, 0);
	}
	if (ret < 0)
		goto fail;
	if (!begun) {
		/* no units: still record the file and its header */
		if (begin_tmx(memory, reader, run->origin, keep_duplicates,
			      &import, &err) < 0)
			goto fail;
		begun = 1;
	}
	if (memory_import_commit(memory, &err) < 0) {
		begun = 0;
		goto fail;
	}
	run->summary->repaired = tmx_reader_repairs(reader);
	run->summary->replaced = memory_import_replaced(memory);
	draw_progress(run, reader, 1);
	ret = 0;
	goto out;
fail:
	if (run->progress)
		fputs("\r\033[K", stderr);
	if (begun)
		memory_import_rollback(memory);
	import_failed(run, &err, path);
	ret = -1;
out:
	unit_clear(&unit);
	tmx_reader_close(reader);
	if (bulk)
		bulkmem_end();
	return ret;
}

/*
 * A document: the XLIFF or PO reader behind one pair of calls, and what
 * each counted.
 */
struct document {
	struct xliff_reader *xliff;
	struct po_reader *po;
};

static int
document_next(struct document *doc, struct tmg_docseg *seg,
	      struct tmg_error *err)
{
	return doc->xliff ? xliff_reader_next(doc->xliff, seg, err)
			  : po_reader_next(doc->po, seg, err);
}

/*
 * Is `seg` to become a unit?  Translated and final targets are; drafts
 * with --include-drafts.  A locked segment (translate="no") is imported
 * when its target is confirmed, as CAT tools do: a locked segment is one
 * the translator may not change, not one without a translation.  What is
 * left out is counted.
 */
static int
wanted(struct import_run *run, const struct tmg_docseg *seg)
{
	int has_target = seg->target_text && seg->target_text[0] != '\0';

	if (has_target && (seg->state == DOCSEG_TRANSLATED ||
			   seg->state == DOCSEG_FINAL ||
			   (seg->state == DOCSEG_DRAFT && run->include_drafts)))
		return 1;
	if (seg->locked)
		run->summary->locked++;
	else if (has_target && seg->state == DOCSEG_DRAFT)
		run->summary->drafts++;
	else
		run->summary->untranslated++;
	return 0;
}

/* Store segment `seg`, between the source texts `prev` and `next` (NULL
 * at the document's edges), when it is translated. */
static int
import_segment(struct tmg_memory *memory, struct import_run *run,
	       struct tmg_docseg *seg, const char *prev, const char *next,
	       const char *path, struct tmg_unit *unit, struct tmg_error *err)
{
	enum memory_add_result result;

	if (!wanted(run, seg))
		return 0;
	if (seg->srclang[0] == '\0' && run->src)
		snprintf(seg->srclang, TMG_LANG_MAX, "%s", run->src);
	if (seg->tgtlang[0] == '\0' && run->tgt)
		snprintf(seg->tgtlang, TMG_LANG_MAX, "%s", run->tgt);
	if (seg->tgtlang[0] == '\0' || seg->srclang[0] == '\0') {
		tmg_error_set(err, path, seg->line, 0, "%s",
			      seg->tgtlang[0] == '\0' ?
			      _("the file does not say the language of its "
				"translations: give it with --tgt") :
			      _("the file does not say the language of its "
				"sources: give it with --src"));
		return -1;
	}
	if (docseg_to_unit(seg, prev, next, unit) < 0)
		return 0;
	if (memory_add_unit(memory, unit, &result, err) < 0)
		return -1;
	count_result(run->summary, unit, result);
	return 0;
}

/*
 * Import the translated segments of an XLIFF or PO document, one
 * transaction.  Three segments are held: the one stored, and the ones
 * before and after it, whose source texts are its context (every segment
 * is a neighbour, translated or not, as analyze sees the document).
 */
static int
import_document(struct tmg_memory *memory, const char *path,
		enum file_kind kind, struct import_run *run)
{
	struct tmg_error err = { 0 };
	struct document doc = { 0 };
	struct memory_import import = { 0 };
	struct tmg_docseg segs[3];
	struct tmg_docseg *prev = &segs[0], *cur = &segs[1], *next = &segs[2];
	struct tmg_unit unit;
	int have_cur = 0, begun = 0, ret;

	run->summary->document = 1;
	for (int i = 0; i < 3; i++)
		docseg_init(&segs[i]);
	unit_init(&unit);
	if (kind == FILE_KIND_XLIFF) {
		doc.xliff = xliff_reader_open(path, on_warning, run, &err);
		if (doc.xliff)
			snprintf(run->summary->dialect,
				 sizeof run->summary->dialect, "XLIFF %s",
				 xliff_reader_version(doc.xliff));
	} else {
		struct po_read_options options = { run->src, run->tgt };

		doc.po = po_reader_open(path, &options, on_warning, run, &err);
		snprintf(run->summary->dialect, sizeof run->summary->dialect,
			 "%s", "PO");
	}
	if (doc.xliff == NULL && doc.po == NULL)
		goto fail;
	import.origin = run->origin;
	if (memory_import_begin(memory, &import, &err) < 0)
		goto fail;
	begun = 1;
	for (;;) {
		struct tmg_docseg *t;

		if ((ret = document_next(&doc, next, &err)) < 0)
			goto fail;
		if (interrupt_pending())
			goto fail;
		if (have_cur &&
		    import_segment(memory, run, cur, prev->source_text,
				   ret ? next->source_text : NULL, path, &unit,
				   &err) < 0)
			goto fail;
		if (ret == 0)
			break;
		run->summary->read++;
		/* the next becomes the current, the current the previous */
		t = prev, prev = cur, cur = next, next = t;
		docseg_clear(next);
		have_cur = 1;
	}
	if (memory_import_commit(memory, &err) < 0) {
		begun = 0;
		goto fail;
	}
	run->summary->replaced = memory_import_replaced(memory);
	if (doc.xliff)
		run->summary->alt_trans = xliff_reader_alt_trans(doc.xliff);
	else
		run->summary->obsolete = po_reader_obsolete(doc.po);
	ret = 0;
	goto out;
fail:
	if (begun)
		memory_import_rollback(memory);
	import_failed(run, &err, path);
	ret = -1;
out:
	for (int i = 0; i < 3; i++)
		docseg_clear(&segs[i]);
	unit_clear(&unit);
	if (doc.xliff)
		xliff_reader_close(doc.xliff);
	if (doc.po)
		po_reader_close(doc.po);
	return ret;
}

static void
on_glossary_warning(void *data, const struct tmg_error *warning)
{
	on_warning(data, warning);
}

/* Import one TBX or TSV/CSV glossary: one transaction. */
static int
import_glossary(struct tmg_memory *memory, const char *path,
		enum file_kind kind, const struct tsv_read_options *options,
		struct import_run *run)
{
	struct tmg_error err = { 0 };
	struct tbx_reader *tbx = NULL;
	struct tsv_reader *tsv = NULL;
	struct glossary_import *import = NULL;
	struct tmg_concept concept;
	int ret;

	run->summary->glossary = 1;
	concept_init(&concept);
	if (kind == FILE_KIND_TBX) {
		tbx = tbx_reader_open(path, on_glossary_warning, run, &err);
		if (tbx)
			tbx_reader_skip_invalid(tbx, options->skip_invalid);
	} else
		tsv = tsv_reader_open(path, options, on_glossary_warning, run,
				      &err);
	if (tbx == NULL && tsv == NULL)
		goto fail;
	import = glossary_import_begin(memory, run->origin, &err);
	if (import == NULL)
		goto fail;
	for (;;) {
		enum glossary_add_result result;

		ret = tbx ? tbx_reader_next(tbx, &concept, &err)
			  : tsv_reader_next(tsv, &concept, &err);
		if (ret <= 0)
			break;
		if (interrupt_pending()) {
			ret = -1;
			break;
		}
		run->summary->read++;
		if (glossary_import_add(import, &concept, &result, &err) < 0) {
			if (err.line == 0)
				err.line = concept.line;
			snprintf(err.file, sizeof err.file, "%s", path);
			goto fail;
		}
		switch (result) {
		case GLOSSARY_ADDED: run->summary->added++; break;
		case GLOSSARY_REPLACED: run->summary->merged++; break;
		case GLOSSARY_UNCHANGED: run->summary->unchanged++; break;
		}
	}
	if (ret < 0)
		goto fail;
	snprintf(run->summary->dialect, sizeof run->summary->dialect, "%s",
		 tbx ? tbx_reader_dialect(tbx) : tsv_reader_dialect(tsv));
	if (tbx)
		run->summary->not_kept = *tbx_reader_not_kept(tbx);
	ret = glossary_import_commit(import, &err);
	import = NULL;
	if (ret < 0)
		goto fail;
	goto out;
fail:
	if (import)
		glossary_import_rollback(import);
	import_failed(run, &err, path);
	ret = -1;
out:
	concept_clear(&concept);
	tbx_reader_close(tbx);
	tsv_reader_close(tsv);
	return ret;
}

static int
has_extension(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');

	return dot && strcasecmp(dot, ext) == 0;
}

static int
has_xml_extension(const char *path)
{
	return has_extension(path, ".tmx") || has_extension(path, ".tbx") ||
	       has_extension(path, ".xml");
}

/*
 * Standard input into a temporary file, which import_file() removes once
 * read: the kind of the file is found from its first bytes, then its reader
 * starts again from the beginning, which a pipe cannot do.  Returns the
 * file's name (the caller frees it), or NULL after saying why.
 */
static char *
spool_stdin(void)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf sb = { 0 };
	char buf[65536];
	ssize_t got;
	int fd;

	strbuf_addstr(&sb, dir && *dir ? dir : "/tmp");
	strbuf_addstr(&sb, "/tmgloss-stdin-XXXXXX");
	fd = mkstemp(sb.buf);
	if (fd < 0) {
		cli_error(_("cannot copy standard input to %s: %s"), sb.buf,
			  strerror(errno));
		strbuf_release(&sb);
		return NULL;
	}
	while (!interrupt_pending() &&
	       (got = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || write(fd, buf, (size_t)got) != got) {
			cli_error(_("cannot copy standard input to %s: %s"),
				  sb.buf, strerror(errno));
			goto fail;
		}
	}
	if (close(fd) != 0) {
		fd = -1;
		cli_error(_("cannot copy standard input to %s: %s"), sb.buf,
			  strerror(errno));
		goto fail;
	}
	if (!interrupt_pending())
		return strbuf_detach(&sb);
	fd = -1;
fail:
	if (fd >= 0)
		close(fd);
	unlink(sb.buf);
	strbuf_release(&sb);
	return NULL;
}

/* Pick the reader from the file's content ("-": standard input). */
static int
import_file(struct tmg_memory *memory, const char *path,
	    const struct tmx_read_options *tmx_options, int keep_duplicates,
	    const struct tsv_read_options *tsv_options,
	    struct import_run *run)
{
	struct tmg_error err = { 0 };
	enum file_kind kind;
	char root[64];

	if (strcmp(path, "-") == 0 && run->spool == NULL) {
		char *spool = spool_stdin();
		int ret;

		if (spool == NULL) {
			run->summary->failed = 1;
			return -1;
		}
		run->spool = spool;
		ret = import_file(memory, spool, tmx_options, keep_duplicates,
				  tsv_options, run);
		unlink(spool);
		run->spool = NULL;
		free(spool);
		return ret;
	}
	if (sniff_file(path, &kind, root, sizeof root, &err) < 0) {
		run->summary->failed = 1;
		report(run, &err);
		return -1;
	}
	switch (kind) {
	case FILE_KIND_TMX:
		return import_tmx(memory, path, tmx_options, keep_duplicates,
				  run);
	case FILE_KIND_DELIMITED:
		/* a .tmx or .tbx file that is not XML is broken XML, not a
		 * glossary in columns */
		if (has_xml_extension(path))
			break;
		/* fall through */
	case FILE_KIND_TBX:
		return import_glossary(memory, path, kind, tsv_options, run);
	case FILE_KIND_XLIFF:
		/* an XLIFF file named .tmx or .tbx was meant to be one:
		 * the TMX reader says what it is instead */
		if (has_xml_extension(path) && !has_extension(path, ".xml"))
			break;
		/* fall through */
	case FILE_KIND_PO:
		return import_document(memory, path, kind, run);
	case FILE_KIND_OTHER_XML:
		if (root[0] != '\0' || err.message[0] != '\0') {
			import_failed(run, &err, path);
			return -1;
		}
		break;
	case FILE_KIND_UNKNOWN:
		break;
	}
	/* Neither: the TMX reader says why, with the line of the root
	 * element or libxml2's own diagnosis of broken XML. */
	return import_tmx(memory, path, tmx_options, keep_duplicates, run);
}

/* A summary line counting `n` things, `format` its ngettext() form with
 * one %s for the count; nothing when there are none. */
static void
count_line(long n, const char *format)
{
	char a[32];

	if (n == 0)
		return;
	format_count(a, sizeof a, n);
	printf(format, a);
}

/* What a TBX file held that the glossary does not keep. */
static void
print_not_kept(const struct tbx_not_kept *n)
{
	count_line(n->transactions,
		   ngettext("  %s transaction (who changed an entry, "
			    "when) was not kept\n",
			    "  %s transactions (who changed an entry, "
			    "when) were not kept\n",
			    (unsigned long)n->transactions));
	count_line(n->xref_labels,
		   ngettext("  %s label of a cross-reference was not kept "
			    "(its link was)\n",
			    "  %s labels of cross-references were not kept "
			    "(their links were)\n",
			    (unsigned long)n->xref_labels));
	count_line(n->references,
		   ngettext("  %s link to another entry (<ref>) was not "
			    "kept\n",
			    "  %s links to other entries (<ref>) were not "
			    "kept\n", (unsigned long)n->references));
	if (n->back_matter)
		fputs(_("  the back matter (<back>) was not kept\n"), stdout);
}

/* What a document's import left out, one line each. */
static void
print_left_out(const struct import_summary *s)
{
	count_line(s->untranslated,
		   ngettext("  %s untranslated segment left out\n",
			    "  %s untranslated segments left out\n",
			    (unsigned long)s->untranslated));
	count_line(s->drafts,
		   /* TRANSLATORS: segments whose translation needs review
		    * (XLIFF needs-review states, PO fuzzy) */
		   ngettext("  %s draft left out (--include-drafts "
			    "imports drafts)\n",
			    "  %s drafts left out (--include-drafts "
			    "imports drafts)\n", (unsigned long)s->drafts));
	count_line(s->locked,
		   ngettext("  %s locked segment without a confirmed "
			    "translation left out\n",
			    "  %s locked segments without a confirmed "
			    "translation left out\n",
			    (unsigned long)s->locked));
	count_line((long)s->obsolete,
		   ngettext("  %s obsolete message (#~) skipped\n",
			    "  %s obsolete messages (#~) skipped\n",
			    s->obsolete));
	count_line((long)s->alt_trans,
		   ngettext("  %s <alt-trans> match skipped\n",
			    "  %s <alt-trans> matches skipped\n",
			    s->alt_trans));
}

static void
print_summary_text(const struct import_summary *s)
{
	char a[32], b[32], c[32], d[32], e[32];

	format_count(a, sizeof a, s->read);
	format_count(b, sizeof b, s->added);
	format_count(c, sizeof c, s->merged);
	format_count(d, sizeof d, s->unchanged);
	format_count(e, sizeof e, s->skipped);
	if (s->glossary) {
		/* TRANSLATORS: the second %s is the format: TBX, TSV, CSV */
		printf(ngettext("%s: %s glossary, %s concept read: %s added, "
				"%s updated, %s unchanged, %s skipped\n",
				"%s: %s glossary, %s concepts read: %s added, "
				"%s updated, %s unchanged, %s skipped\n",
				(unsigned long)s->read),
		       s->file, s->dialect, a, b, c, d, e);
		print_not_kept(&s->not_kept);
		return;
	}
	if (s->document) {
		char f[32];

		format_count(f, sizeof f,
			     s->added + s->merged + s->unchanged);
		/* TRANSLATORS: the second %s is the format: XLIFF 1.2, PO;
		 * then segments read, units imported, added, merged,
		 * unchanged */
		printf(ngettext("%s: %s document, %s segment read: %s "
				"imported (%s added, %s merged, %s "
				"unchanged)\n",
				"%s: %s document, %s segments read: %s "
				"imported (%s added, %s merged, %s "
				"unchanged)\n", (unsigned long)s->read),
		       s->file, s->dialect, a, f, b, c, d);
		print_left_out(s);
	} else
		printf(ngettext("%s: %s unit read: %s added, %s merged, "
				"%s unchanged, %s skipped\n",
				"%s: %s units read: %s added, %s merged, "
				"%s unchanged, %s skipped\n",
				(unsigned long)s->read),
		       s->file, a, b, c, d, e);
	for (size_t i = 0; i < s->npairs; i++) {
		format_count(a, sizeof a, s->pairs[i].count);
		printf("  %s \xe2\x86\x92 %s: %s\n", s->pairs[i].src,
		       s->pairs[i].tgt, a);
	}
	if (s->replaced) {
		format_count(a, sizeof a, s->replaced);
		/* TRANSLATORS: units of an earlier import of the same file
		 * with the same source, replaced by this import's */
		printf(ngettext("  %s older unit of this origin replaced\n",
				"  %s older units of this origin replaced\n",
				(unsigned long)s->replaced), a);
	}
	if (s->repaired)
		printf(ngettext("  %lu XML-illegal control character "
				"dropped (--repair)\n",
				"  %lu XML-illegal control characters "
				"dropped (--repair)\n", s->repaired),
		       s->repaired);
}

static void
print_summary_tsv(const struct import_summary *s)
{
	tsv_field(stdout, s->file);
	printf("\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%lu\t%ld"
	       "\t%ld\t%ld\t%ld\t%lu\t%lu\n",
	       s->failed ? "failed" : "ok", s->read, s->added, s->merged,
	       s->unchanged, s->skipped, s->repaired, s->replaced,
	       s->untranslated, s->drafts, s->locked, s->obsolete,
	       s->alt_trans);
}

static void
print_summary_json(const struct import_summary *s, int first)
{
	printf("%s\n  {\"file\": ", first ? "" : ",");
	json_string(stdout, s->file);
	printf(", \"status\": \"%s\", \"read\": %ld, \"added\": %ld, "
	       "\"merged\": %ld, \"unchanged\": %ld, \"skipped\": %ld, "
	       "\"repaired\": %lu, \"replaced\": %ld, \"pairs\": [",
	       s->failed ? "failed" : "ok", s->read, s->added, s->merged,
	       s->unchanged, s->skipped, s->repaired, s->replaced);
	for (size_t i = 0; i < s->npairs; i++) {
		printf("%s{\"source\": ", i ? ", " : "");
		json_string(stdout, s->pairs[i].src);
		json_member(stdout, "target", s->pairs[i].tgt);
		printf(", \"added\": %ld}", s->pairs[i].count);
	}
	fputs("]", stdout);
	if (s->document) {
		json_member(stdout, "format", s->dialect);
		printf(", \"untranslated\": %ld, \"drafts\": %ld, "
		       "\"locked\": %ld, \"obsolete\": %lu, "
		       "\"alt_trans\": %lu", s->untranslated, s->drafts,
		       s->locked, s->obsolete, s->alt_trans);
	}
	fputs("}", stdout);
}

struct import_args {
	int skip_invalid, repair, keep_duplicates, include_drafts;
	int index;
	const char *origin_name;
};

static const struct import_args import_defaults;

static void
print_summaries(const struct cli *cli, const struct import_summary *summaries,
		int n)
{
	enum output_format format = cli->format;

	tsv_header(cli, "file", "status", "read", "added", "merged",
		   "unchanged", "skipped", "repaired", "replaced",
		   "untranslated", "drafts", "locked", "obsolete", "alt-trans",
		   NULL);
	if (format == FORMAT_JSON)
		fputs("[", stdout);
	for (int i = 0; i < n; i++) {
		const struct import_summary *s = &summaries[i];
		if (format == FORMAT_TSV)
			print_summary_tsv(s);
		else if (format == FORMAT_JSON)
			print_summary_json(s, i == 0);
		else if (!s->failed && !cli->quiet)
			print_summary_text(s);
	}
	if (format == FORMAT_JSON)
		puts("\n]");
}

static int
import_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct import_args *args = data;
	struct tmx_read_options read_options = { 0 };
	struct tsv_read_options tsv_options = { 0 };
	struct import_summary *summaries;
	struct tmg_memory *memory;
	int status = EXIT_OK;

	if (argc == 0)
		return cli_usage_error(&cmd_import_entry, "%s",
				       _("no file to import"));
	read_options.skip_invalid = args->skip_invalid;
	read_options.repair = args->repair;
	tsv_options.skip_invalid = args->skip_invalid;
	tsv_options.src = cli->src.arg ? cli->src.tag : NULL;
	tsv_options.tgt = cli->tgt.arg ? cli->tgt.tag : NULL;
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	/* --index: each file's units go in indexed, in its transaction */
	if (args->index)
		memory_on_import_commit(memory,
					memory_update_indexes_at_commit, NULL);

	summaries = xcalloc((size_t)argc, sizeof *summaries);
	/* Ctrl-C rolls the file under way back and stops */
	interrupt_catch();
	for (int i = 0; i < argc && !interrupt_pending(); i++) {
		struct import_run run = { 0 };
		char *origin;

		summaries[i].file = argv[i];
		run.summary = &summaries[i];
		run.quiet = cli->quiet;
		run.include_drafts = args->include_drafts;
		run.src = cli->src.arg ? cli->src.tag : NULL;
		run.tgt = cli->tgt.arg ? cli->tgt.tag : NULL;
		run.progress = !cli->quiet && progress_wanted();
		origin = origin_name(args->origin_name, argv[i]);
		run.origin = origin;
		if (import_file(memory, argv[i], &read_options,
				args->keep_duplicates, &tsv_options, &run) < 0)
			status = EXIT_DATA;
		free(origin);
	}
	if (interrupt_pending())
		status = EXIT_INTERRUPTED;
	else
		print_summaries(cli, summaries, argc);
	for (int i = 0; i < argc; i++)
		free(summaries[i].pairs);
	free(summaries);
	if (status == EXIT_INTERRUPTED) {
		memory_close(memory);
		return interrupt_exit();
	}
	return cli_finish(memory, NULL, status);
}

static const struct cli_option import_options[] = {
	CLI_SWITCH("skip-invalid", 0, struct import_args, skip_invalid,
		   N_("skip units or glossary rows that cannot be read\n"
		      "and report each one, instead of refusing the file")),
	CLI_SRC(N_("language of a TSV/CSV glossary's first column, or of\n"
		   "a document's sources when it does not say (PO: en)")),
	CLI_TGT(N_("language of its second column, or of a document's\n"
		   "translations when it does not say (PO: Language)")),
	CLI_SWITCH("include-drafts", 0, struct import_args, include_drafts,
		   N_("documents: import translations that need review\n"
		      "(XLIFF needs-review states, PO fuzzy) too")),
	CLI_SWITCH("repair", 0, struct import_args, repair,
		   N_("drop XML-illegal control characters (reported)")),
	CLI_SWITCH("keep-duplicates", 0, struct import_args, keep_duplicates,
		   N_("keep units identical to stored ones, and replace\n"
		      "none of the same origin")),
	CLI_SWITCH("index", 0, struct import_args, index,
		   N_("index each file's units before it commits, so that\n"
		      "they are searchable the moment the import ends")),
	CLI_STRING("origin-name", 0, "LABEL", struct import_args, origin_name,
		   N_("record the files under LABEL instead of their path")),
	CLI_FORMAT(N_("summary as text (default), tsv or json")),
	CLI_QUIET(N_("no progress line and no text summary")),
	CLI_OPTIONS_END
};

const struct command cmd_import_entry = {
	.name = "import",
	.summary = N_("Import TMX files, XLIFF and PO documents, and glossaries "
		      "(TBX, TSV, CSV)."),
	.usage = N_("[OPTIONS] FILE..."),
	.help = N_(
"Reads TMX 1.1 to 1.4b files (UTF-8, UTF-16, any declared encoding) and\n"
"adds their translation units to the memory.  Each file is imported whole\n"
"or, on an error, not at all.  A unit already in the memory with the same\n"
"texts is merged (the newer change date wins); a different translation of a\n"
"stored source is kept beside it, unless it was imported from the same file\n"
"(or --origin-name): then the newer one replaces it, so re-importing a\n"
"corrected project_save.tmx corrects the memory (see the manual page).\n"
"Units go in at the speed of reading the\n"
"file: the indexes that match, concord, suggest and extract search take\n"
"them in when one of these commands next runs (or `tmgloss index`).\n"
"With --index each file's units are indexed in its own transaction, so\n"
"that they are searchable as soon as the import ends; an error while\n"
"indexing leaves the file out, as any other error does.\n"
"\n"
"Documents are recognised by their content too: XLIFF 1.0 to 2.2\n"
"(SDLXLIFF and MQXLIFF included) and gettext PO files.  Their translated\n"
"segments become units (XLIFF translated, final, signed-off or approved;\n"
"PO neither fuzzy nor obsolete; with --include-drafts the targets that\n"
"need review too), each with the source texts of the segments before and\n"
"after it as context (x-context-pre, x-context-post props).  A locked\n"
"segment is imported when its translation is confirmed.  A PO file's\n"
"sources are English unless --src says otherwise; its translations are in\n"
"the header's Language, else give --tgt.\n"
"\n"
"Glossaries are recognised by their content: TBX v2 (martif, TBX-Basic)\n"
"and TBX v3 (Core, Min, Basic; DCA or DCT style), and tab- or\n"
"comma-separated files (OmegaT: source, target, comment; CSV with RFC 4180\n"
"quoting), UTF-8 or UTF-16.  A first row of language tags (fr<TAB>zh-CN)\n"
"names the columns; without one, give the languages with --src and --tgt.\n"
"A concept already stored (same file and entry id, or the same terms) is\n"
"updated or left alone, so importing a file twice adds nothing.  A TBX\n"
"entry that cannot be read refuses the file; with --skip-invalid it is\n"
"skipped with its line and the other entries imported.  Malformed XML\n"
"always refuses the whole file.\n"
"\n"
"A FILE named - is standard input (copied to a temporary file, removed\n"
"at the end, so that its kind can be read first).  A gzip-compressed TMX\n"
"file (.tmx.gz) is read as it is.  Ctrl-C leaves out the file being\n"
"imported, as an error would.\n"),
	.examples = N_(
"  tmgloss import project_save.tmx\n"
"  tmgloss --db client.db import --skip-invalid exports/*.tmx\n"
"  tmgloss import glossaries/ai.fr-zh.tbx\n"
"  tmgloss import --include-drafts chapter1.fr-zh.xlf po/zh_CN.po\n"
"  tmgloss import --src fr --tgt zh-CN glossary.tsv\n"
"  zcat old.tmx.gz | tmgloss import -\n"),
	.options = import_options,
	COMMAND_ARGS(import_defaults),
	.run = import_run,
};
