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
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

static int
write_tsv(const char *path, const struct extracted_terms *terms,
	  struct tmg_error *err)
{
	FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");

	if (out == NULL) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
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

static int
cmd_extract(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "min-freq", required_argument, NULL, 'n' },
		{ "max", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = &cmd_extract_entry;
	struct extract_options opts = { .min_freq = 3 };
	struct extracted_terms terms = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	const char *output = "-";
	char lang[TMG_LANG_MAX];
	int tbx = 1, c, status = EXIT_DATA;
	long v;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		switch (c) {
		case 's':
		case 't':
			if (cli_parse_language(cmd, optarg, lang) < 0)
				return EXIT_USAGE;
			if (c == 's')
				opts.src = optarg;
			else
				opts.tgt = optarg;
			break;
		case 'n':
			if (cli_parse_number(cmd, "--min-freq", optarg, 2,
					     100000000L, &opts.min_freq) < 0)
				return EXIT_USAGE;
			break;
		case 'm':
			if (cli_parse_number(cmd, "--max", optarg, 1,
					     100000000L, &v) < 0)
				return EXIT_USAGE;
			opts.max_terms = (size_t)v;
			break;
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "tbx") == 0)
				tbx = 1;
			else if (strcmp(optarg, "tsv") == 0)
				tbx = 0;
			else
				return cli_usage_error(cmd, _("unknown format "
						       "'%s' (use tbx or tsv)"),
						       optarg);
			break;
		case 'h':
			cli_command_help(cmd);
			return EXIT_OK;
		default:
			return cli_option_error(cmd, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, _("unexpected argument '%s'"),
				       argv[optind]);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (cli_update_indexes(memory) < 0)
		goto out;
	if (extract_terms(memory, &opts, &terms, &err) < 0) {
		cli_report(&err);
		goto out;
	}
	if (terms.count == 0 || terms.src[0] == '\0' || terms.tgt[0] == '\0') {
		cli_error("%s", _("no term found: the memory is empty, has no "
				  "single source language (use --src), or no "
				  "term reaches --min-freq"));
		goto out;
	}
	if ((tbx ? write_tbx(output, &terms, &err)
		 : write_tsv(output, &terms, &err)) < 0) {
		cli_report(&err);
		goto out;
	}
	status = EXIT_OK;
out:
	extracted_terms_clear(&terms);
	memory_close(memory);
	return status;
}

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
"entries are marked as proposed, ready to review and 'tmgloss import'.\n"
"\n"
"Options:\n"
"      --src LANG        source language (default: the memory's)\n"
"      --tgt LANG        target language (default: the other language of\n"
"                        the largest pair)\n"
"      --min-freq N      a term must occur in N units at least (default 3)\n"
"      --max N           at most N source terms (default 300)\n"
"  -o, --output FILE     write to FILE (default: standard output)\n"
"      --format=FORMAT   tbx (default) or tsv (SOURCE, TARGET, CONFIDENCE,\n"
"                        UNITS, SOURCE_UNITS)\n"),
	.run = cmd_extract,
};
