/*
 * cmd-suggest.c -- tmgloss suggest: how has this term been translated in
 * the memory?
 *
 * Candidate translations of TERM, mined from the units whose source holds
 * it and ranked by association against the whole memory (suggest.c), each
 * with the units that support it and up to three example pairs.  With
 * --format=tsv, one line per candidate, best first:
 * SCORE<TAB>TRANSLATION<TAB>UNITS<TAB>FROM, FROM being "memory" (or
 * "glossary" for a translation the glossary holds: those come first).
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
print_text(const char *term, const struct suggestions *list)
{
	char n[32];

	format_count(n, sizeof n, list->term_units);
	printf(_("%s (%s \xe2\x86\x92 %s): in %s units\n"), term, list->src,
	       list->tgt, n);
	if (list->count == 0) {
		printf("  %s\n", _("no translation found in the memory"));
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		format_count(n, sizeof n, g->units);
		printf("%2zu. %s", i + 1, g->translation);
		if (g->from_glossary && g->units)
			printf(_("  [glossary]  (%s units)\n"), n);
		else if (g->from_glossary)
			printf("  [%s]\n", _("glossary; not in the memory"));
		else
			printf(_("  (score %.1f, %s units)\n"), g->score, n);
		for (size_t k = 0; k < g->nexamples; k++) {
			printf("      %s\n", g->examples[k].source);
			printf("      %s\n", g->examples[k].target);
		}
	}
}

static void
print_tsv(const struct suggestions *list)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		printf("%.2f\t", g->score);
		tsv_field(stdout, g->translation);
		printf("\t%ld\t%s\n", g->units,
		       g->from_glossary ? "glossary" : "memory");
	}
}

static void
print_json(const char *term, const struct suggestions *list)
{
	fputs("{\"term\": ", stdout);
	json_string(stdout, term);
	fputs(", \"source_lang\": ", stdout);
	json_string(stdout, list->src);
	fputs(", \"target_lang\": ", stdout);
	json_string(stdout, list->tgt);
	printf(", \"units\": %ld, \"candidates\": [", list->term_units);
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		printf("%s\n {\"translation\": ", i ? "," : "");
		json_string(stdout, g->translation);
		printf(", \"score\": %.2f, \"dice\": %.3f, \"units\": %ld,"
		       " \"from\": \"%s\", \"examples\": [", g->score, g->dice,
		       g->units, g->from_glossary ? "glossary" : "memory");
		for (size_t k = 0; k < g->nexamples; k++) {
			fputs(k ? ", {\"source\": " : "{\"source\": ", stdout);
			json_string(stdout, g->examples[k].source);
			fputs(", \"target\": ", stdout);
			json_string(stdout, g->examples[k].target);
			putchar('}');
		}
		fputs("]}", stdout);
	}
	puts(list->count ? "\n]}" : "]}");
}

static int
cmd_suggest(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "max", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = &cmd_suggest_entry;
	struct suggest_options opts = { .max = 10, .max_examples = 3 };
	enum output_format format = FORMAT_TEXT;
	struct suggestions list = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	struct suggester *suggester = NULL;
	long v;
	int c, status = EXIT_DATA;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 's':
		case 't':
			if (cli_parse_language(cmd, optarg, NULL) < 0)
				return EXIT_USAGE;
			if (c == 's')
				opts.src = optarg;
			else
				opts.tgt = optarg;
			break;
		case 'm':
			if (cli_parse_number(cmd, "--max", optarg, 1, 1000,
					     &v) < 0)
				return EXIT_USAGE;
			opts.max = (size_t)v;
			break;
		case 'f':
			if (cli_parse_format(cmd, optarg, &format) < 0)
				return EXIT_USAGE;
			break;
		case 'h':
			cli_command_help(cmd);
			return EXIT_OK;
		default:
			return cli_option_error(cmd, c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "%s", _("which term? (one argument)"));
	if (optind + 1 < argc)
		return cli_usage_error(cmd, _("unexpected argument '%s' (quote "
					      "a term of several words)"),
				       argv[optind + 1]);
	if (format != FORMAT_TEXT)
		opts.max_examples = format == FORMAT_JSON ? 3 : 0;
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (cli_update_indexes(memory) < 0)
		goto out;
	if ((suggester = suggester_open(memory, &err)) == NULL ||
	    suggest_translations(suggester, argv[optind], &opts, &list,
				 &err) < 0) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s",
				 _("command line"));
		cli_report(&err);
		goto out;
	}
	if (list.src[0] == '\0' || list.tgt[0] == '\0') {
		/* no language pair to work in: an empty memory, no --src/--tgt */
		if (cli_require_units(cli, memory) == 0)
			cli_error("%s", _("say which languages with --src and "
					  "--tgt"));
		goto out;
	}
	switch (format) {
	case FORMAT_TEXT: print_text(argv[optind], &list); break;
	case FORMAT_TSV: print_tsv(&list); break;
	case FORMAT_JSON: print_json(argv[optind], &list); break;
	}
	status = EXIT_OK;
out:
	suggestions_clear(&list);
	suggester_close(suggester);
	memory_close(memory);
	return status;
}

const struct command cmd_suggest_entry = {
	.name = "suggest",
	.summary = N_("Suggest translations of a term from the memory."),
	.usage = N_("[--src LANG] [--tgt LANG] [--max N] "
		    "[--format=text|tsv|json] TERM"),
	.help = N_(
"Gives the glossary's translations of TERM first, marked as such; then\n"
"finds the units whose source holds TERM (French inflected forms too) and\n"
"ranks the words and phrases of their translations by how strongly they\n"
"go with TERM across the whole memory (log-likelihood ratio; a part of a\n"
"translation never outranks the whole).  Each candidate comes with the\n"
"number of units that support it and up to three example pairs.\n"
"\n"
"Options:\n"
"      --src LANG        language of TERM (default: guessed from the\n"
"                        memory's language pairs and TERM's script)\n"
"      --tgt LANG        language of the translations (default: the other\n"
"                        language of the largest pair)\n"
"      --max N           at most N candidates (default 10)\n"
"      --format=FORMAT   text (default), tsv (SCORE, TRANSLATION, UNITS,\n"
"                        FROM; best first) or json\n"
"\n"
"Example:\n"
"  tmgloss suggest \"intelligence incarnée\"\n"),
	.run = cmd_suggest,
};
