/*
 * cmd-extract.c -- tmgloss extract: a draft bilingual glossary of the
 * memory, to review and import.
 *
 * Source terms (frequent n-grams, C-value for nested ones) with their best
 * translation from the memory (extract.c).  Written as TBX-Basic (TBX v2,
 * <martif>, valid against TBXcoreStructV02.dtd) through the glossary's TBX
 * writer: every entry carries a note "proposed by tmgloss extract" with
 * its confidence and support, and each term the ISO 12620 process status
 * "provisionallyProcessed", so that a reviewed import can tell drafts from
 * checked terms.  With --format=tsv: SOURCE, TARGET, CONFIDENCE, UNITS,
 * SOURCE_UNITS, one line per entry, most confident first.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

static int
write_tsv(const struct cli *cli, const char *path,
	  const struct extracted_terms *terms, struct tmg_error *err)
{
	FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");

	if (out == NULL) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	tsv_header_to(out, cli, "source", "target", "confidence", "units",
		      "source_units", NULL);
	for (size_t i = 0; i < terms->count; i++) {
		const struct extracted_term *e = &terms->items[i];
		tsv_field(out, e->source);
		putc('\t', out);
		tsv_field(out, e->target);
		fprintf(out, "\t%.3f\t%ld\t%ld\n", e->confidence, e->units,
			e->source_units);
	}
	if (out != stdout && fclose(out) != 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_tbx(const char *path, const struct extracted_terms *terms,
	  struct tmg_error *err)
{
	struct tbx_writer *w = tbx_writer_open(path, terms->src, err);
	struct tmg_concept c;
	int ret = 0;

	if (w == NULL)
		return -1;
	concept_init(&c);
	for (size_t i = 0; i < terms->count && ret == 0; i++) {
		const struct extracted_term *e = &terms->items[i];
		struct tmg_term *t;
		char note[256], id[32];

		concept_clear(&c);
		snprintf(id, sizeof id, "x%zu", i + 1);
		c.id = xstrdup(id);
		snprintf(note, sizeof note,
			 "proposed by tmgloss extract: confidence %.3f, "
			 "%ld units of %ld", e->confidence, e->units,
			 e->source_units);
		concept_fields_add(&c.fields, "note", NULL, NULL, note);
		t = concept_add_term(&c, terms->src, e->source);
		concept_fields_add(&t->fields, "termNote", "processStatus",
				   NULL, "provisionallyProcessed");
		t = concept_add_term(&c, terms->tgt, e->target);
		concept_fields_add(&t->fields, "termNote", "processStatus",
				   NULL, "provisionallyProcessed");
		ret = tbx_writer_add_concept(w, &c, err);
	}
	concept_clear(&c);
	if (tbx_writer_close(w, err) < 0)
		ret = -1;
	return ret;
}

struct extract_args {
	long min_freq, max;
	const char *output;
	int format;            /* FORMAT_TBX or FORMAT_TSV */
};

static const struct extract_args extract_defaults = {
	.min_freq = 3, .output = "-", .format = FORMAT_TBX,
};

static int
extract_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct extract_args *args = data;
	struct extract_options opts = { 0 };
	struct extracted_terms terms = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	int status = EXIT_DATA;

	opts.src = cli->src.arg;
	opts.tgt = cli->tgt.arg;
	opts.min_freq = args->min_freq;
	opts.max_terms = (size_t)args->max;
	if ((memory = cli_open_for_search(cli, 0, INDEX_SUGGEST)) == NULL)
		return EXIT_DATA;
	if (extract_terms(memory, &opts, &terms, &err) < 0)
		goto out;
	if (terms.count == 0 || terms.src[0] == '\0' || terms.tgt[0] == '\0') {
		cli_error("%s", _("no term found: the memory is empty, has no "
				  "single source language (use --src), or no "
				  "term reaches --min-freq"));
		goto out;
	}
	if ((args->format == FORMAT_TBX
	     ? write_tbx(args->output, &terms, &err)
	     : write_tsv(cli, args->output, &terms, &err)) < 0)
		goto out;
	status = EXIT_OK;
out:
	extracted_terms_clear(&terms);
	return cli_finish(memory, &err, status);
}

static const struct cli_option extract_options[] = {
	CLI_SRC(N_("source language (default: the memory's)")),
	CLI_TGT(N_("target language (default: the other language of\n"
		   "the largest pair)")),
	CLI_NUMBER("min-freq", "N", struct extract_args, min_freq, 2,
		   100000000L,
		   N_("a term must occur in N units at least (default 3)")),
	CLI_NUMBER("max", "N", struct extract_args, max, 1, 100000000L,
		   N_("at most N source terms (default 300)")),
	CLI_STRING("output", 'o', "FILE", struct extract_args, output,
		   N_("write to FILE (default: standard output)")),
	CLI_FORMAT_OF(struct extract_args, format,
		      FORMAT_BIT(FORMAT_TBX) | FORMAT_BIT(FORMAT_TSV),
		      N_("tbx (default) or tsv (SOURCE, TARGET, CONFIDENCE,\n"
			 "UNITS, SOURCE_UNITS)")),
	CLI_OPTIONS_END
};

const struct command cmd_extract_entry = {
	.name = "extract",
	.summary = N_("Extract a draft bilingual glossary from the memory."),
	.usage = N_("[--src LANG] [--tgt LANG] [--min-freq N] [--max N] "
		    "[-o FILE] [--format tbx|tsv]"),
	.help = N_(
"Finds the frequent terms of the source side (n-grams that neither begin\n"
"nor end with a stop word; C-value for terms nested in longer ones),\n"
"pairs each with its best translation in the memory (as 'suggest' does)\n"
"and writes them, most confident first, as a TBX-Basic file whose\n"
"entries are marked as proposed, ready to review and 'tmgloss import'.\n"),
	.options = extract_options,
	COMMAND_ARGS(extract_defaults),
	.no_operands = 1,
	.run = extract_run,
};
