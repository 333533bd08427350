/*
 * pretranslate.c -- a document filled from the memory before the
 * translator starts: the targets a CAT tool's "pre-translate" writes.
 *
 * Two passes over the document:
 *   1. the match analysis (analysis.c, analysis_file_each()) reads it
 *      segment by segment, one ahead for the context, and says for each
 *      one the match that wins: in context (101 %) over 100 % over fuzzy,
 *      the newest on ties (fuzzy_search() orders ties so).  A segment is
 *      filled when that match scores at least `min` and the segment has
 *      no target, or, with `overwrite`, an unconfirmed one (new or draft:
 *      the analysis counts translated and final ones apart and searches
 *      nothing for them).  The match goes through transfer_match(): the
 *      segment's numbers carried into its target, the segment's inline
 *      codes placed in it.  Each fill is written, in order, to a spool
 *      file, so that memory stays flat however long the document;
 *   2. the writer of the format (xliff_rewrite(), po_rewrite()) copies
 *      the document and asks for each segment what to put in it: the next
 *      fill of the spool when its index is this segment's.
 * A fill is exact (nothing to review) when its score is 100 or 101 and
 * the transfer appended no code; any other fill is marked for review.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "search/search.h"

struct pretranslate {
	const struct pretranslate_options *options;
	const char *path;
	FILE *spool;
	struct pretranslate_counts *done;
	/* pass 2: the fill read ahead from the spool */
	int have_next;
	uint64_t next_index;
	struct doc_fill next;
};

/* ------------------------------------------------------------ the spool */

static int
spool_string(FILE *f, const char *s)
{
	int64_t len = s ? (int64_t)strlen(s) : -1;

	if (fwrite(&len, sizeof len, 1, f) != 1)
		return -1;
	if (len > 0 && fwrite(s, 1, (size_t)len, f) != (size_t)len)
		return -1;
	return 0;
}

static int
unspool_string(FILE *f, char **s)
{
	int64_t len;

	*s = NULL;
	if (fread(&len, sizeof len, 1, f) != 1 || len < -1)
		return -1;
	if (len < 0)
		return 0;
	*s = xmalloc((size_t)len + 1);
	if (len > 0 && fread(*s, 1, (size_t)len, f) != (size_t)len)
		return -1;
	(*s)[len] = '\0';
	return 0;
}

static int
spool_fill(FILE *f, uint64_t index, const struct doc_fill *fill)
{
	int32_t figures[2] = { fill->score, fill->review };

	if (fwrite(&index, sizeof index, 1, f) != 1 ||
	    fwrite(figures, sizeof figures, 1, f) != 1 ||
	    spool_string(f, fill->target_text) < 0 ||
	    spool_string(f, fill->target_markup) < 0 ||
	    spool_string(f, fill->match_source) < 0 ||
	    spool_string(f, fill->match_source_markup) < 0 ||
	    spool_string(f, fill->origin) < 0)
		return -1;
	return 0;
}

/* The next fill of the spool: 1, 0 at its end, -1 when it is damaged. */
static int
unspool_fill(FILE *f, uint64_t *index, struct doc_fill *fill)
{
	int32_t figures[2];

	memset(fill, 0, sizeof *fill);
	if (fread(index, sizeof *index, 1, f) != 1)
		return ferror(f) ? -1 : 0;
	if (fread(figures, sizeof figures, 1, f) != 1 ||
	    unspool_string(f, &fill->target_text) < 0 ||
	    unspool_string(f, &fill->target_markup) < 0 ||
	    unspool_string(f, &fill->match_source) < 0 ||
	    unspool_string(f, &fill->match_source_markup) < 0 ||
	    unspool_string(f, &fill->origin) < 0) {
		doc_fill_clear(fill);
		return -1;
	}
	fill->score = figures[0];
	fill->review = figures[1];
	return 1;
}

/* ---------------------------------------------------- pass 1: the fills */

static int
has_target(const struct tmg_docseg *seg)
{
	return seg->target_text && seg->target_text[0];
}

static int
choose_fill(void *data, size_t index, const struct tmg_docseg *seg,
	    const struct analysis_segment *found, struct tmg_error *err)
{
	struct pretranslate *p = data;
	const struct fuzzy_hit *best = found->best;
	struct transfer_result tr = { 0 };
	struct doc_fill fill = { 0 };
	int ret = -1;

	if (found->row < 0 || best == NULL ||
	    best->score < p->options->min ||
	    (has_target(seg) && !p->options->overwrite))
		return 0;
	if (transfer_match(seg->source_text, seg->source_markup, found->src,
			   best->source, best->source_markup, best->target,
			   best->target_markup, found->tgt, &tr, err) < 0) {
		if (err->file[0] == '\0')
			tmg_error_set(err, p->path, seg->line, 0, "%s",
				      err->message);
		return -1;
	}
	fill.target_text = tr.target_text;
	fill.target_markup = tr.target_markup;
	tr.target_text = tr.target_markup = NULL;
	fill.score = found->row == ANALYSIS_IN_CONTEXT ? 101 : best->score;
	fill.review = fill.score < 100 || tr.codes_appended;
	fill.match_source = best->source ? xstrdup(best->source) : NULL;
	fill.match_source_markup = best->source_markup
		? xstrdup(best->source_markup) : NULL;
	fill.origin = best->origin ? xstrdup(best->origin) : NULL;
	if (spool_fill(p->spool, index, &fill) < 0) {
		tmg_error_set(err, p->path, 0, 0,
			      _("cannot write a temporary file: %s"),
			      strerror(errno));
		goto out;
	}
	p->done->filled++;
	if (fill.review)
		p->done->review++;
	else
		p->done->exact++;
	ret = 0;
out:
	doc_fill_clear(&fill);
	transfer_result_clear(&tr);
	return ret;
}

/* ------------------------------------------------- pass 2: the writing */

static int
spool_damaged(struct pretranslate *p, struct tmg_error *err)
{
	tmg_error_set(err, p->path, 0, 0, "%s",
		      _("the temporary file of the matches cannot be read "
			"back"));
	return -1;
}

static int
give_fill(void *data, size_t index, const struct tmg_docseg *seg,
	  struct doc_fill *fill, struct tmg_error *err)
{
	struct pretranslate *p = data;
	int rc;

	(void)seg;
	if (!p->have_next) {
		rc = unspool_fill(p->spool, &p->next_index, &p->next);
		if (rc < 0)
			return spool_damaged(p, err);
		if (rc == 0)
			return 0;
		p->have_next = 1;
	}
	if (p->next_index != index)
		return 0;
	*fill = p->next;
	memset(&p->next, 0, sizeof p->next);
	p->have_next = 0;
	return 1;
}

int
pretranslate_file(struct tmg_memory *memory,
		  const struct pretranslate_options *options,
		  const char *path, int out_fd, glossary_warning_fn warn,
		  void *warn_data, struct analysis_counts *counts,
		  struct pretranslate_counts *done, struct tmg_error *err)
{
	struct analysis_options ao = options->analysis;
	struct pretranslate p = { 0 };
	struct analysis *a = NULL;
	enum file_kind kind;
	char root[64];
	int ret = -1;

	memset(done, 0, sizeof *done);
	if (sniff_file(path, &kind, root, sizeof root, err) < 0)
		return -1;
	p.options = options;
	p.path = path;
	p.done = done;
	if ((p.spool = tmpfile()) == NULL) {
		tmg_error_set(err, path, 0, 0,
			      _("cannot write a temporary file: %s"),
			      strerror(errno));
		return -1;
	}
	ao.min_score = options->min;
	a = analysis_new(memory, &ao);
	if (analysis_file_each(a, path, warn, warn_data, counts, choose_fill,
			       &p, err) < 0)
		goto out;
	if (fflush(p.spool) != 0 || fseek(p.spool, 0, SEEK_SET) != 0) {
		tmg_error_set(err, path, 0, 0,
			      _("cannot write a temporary file: %s"),
			      strerror(errno));
		goto out;
	}
	/* the reader said its warnings in the first pass */
	if (kind == FILE_KIND_PO) {
		struct po_read_options po = { ao.src, ao.tgt };

		if (po_rewrite(path, &po, out_fd, give_fill, &p, NULL, NULL,
			       err) < 0)
			goto out;
	} else if (xliff_rewrite(path, out_fd, give_fill, &p, NULL, NULL,
				 err) < 0) {
		goto out;
	}
	if (p.have_next || unspool_fill(p.spool, &p.next_index,
					&p.next) != 0) {
		/* a fill no segment took: the file changed between passes */
		tmg_error_set(err, path, 0, 0, "%s",
			      _("the document changed while it was being "
				"pre-translated"));
		goto out;
	}
	ret = 0;
out:
	doc_fill_clear(&p.next);
	analysis_free(a);
	fclose(p.spool);
	return ret;
}
