/*
 * cmd-suggest.c -- tmgloss suggest: how has this term been translated in
 * the memory?
 *
 * Candidate translations of TERM, mined from the units whose source holds
 * it and ranked by association against the whole memory (suggest.c), each
 * with the units that support it and up to three example pairs.  With
 * --format=tsv, one line per candidate, best first:
 * SCORE<TAB>TRANSLATION<TAB>UNITS<TAB>FROM, FROM being "memory" (or
 * "glossary" for a translation the glossary holds: those come first).  A
 * glossary row has no score: its first field is the glossary it comes
 * from (the base name of its origin, or "glossary" for a term added by
 * hand), and JSON has "score": null and the "origin".
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* What a glossary row shows instead of a score: the base name of the
 * glossary it came from, or "glossary" for a term added by hand. */
static const char *
glossary_label(const struct suggestion *g)
{
	const char *slash;

	if (g->origin == NULL || g->origin[0] == '\0')
		return "glossary";
	slash = strrchr(g->origin, '/');
	return slash && slash[1] ? slash + 1 : g->origin;
}

static void
print_text(const char *term, const struct suggestions *list)
{
	char n[32];

	format_count(n, sizeof n, list->term_units);
	printf(ngettext("%s (%s \xe2\x86\x92 %s): in %s unit\n",
			"%s (%s \xe2\x86\x92 %s): in %s units\n",
			(unsigned long)list->term_units),
	       term, list->src, list->tgt, n);
	if (list->count == 0) {
		printf("  %s\n", _("no translation found in the memory"));
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		format_count(n, sizeof n, g->units);
		printf("%2zu. %s", i + 1, g->translation);
		if (g->from_glossary && g->units)
			printf(ngettext("  [glossary: %s]  (%s unit)\n",
					"  [glossary: %s]  (%s units)\n",
					(unsigned long)g->units),
			       glossary_label(g), n);
		else if (g->from_glossary)
			printf(_("  [glossary: %s; not in the memory]\n"),
			       glossary_label(g));
		else
			printf(ngettext("  (score %.1f, %s unit)\n",
					"  (score %.1f, %s units)\n",
					(unsigned long)g->units),
			       g->score, n);
		for (size_t k = 0; k < g->nexamples; k++) {
			printf("      %s\n", g->examples[k].source);
			printf("      %s\n", g->examples[k].target);
		}
	}
}

static void
print_tsv(const struct cli *cli, const struct suggestions *list)
{
	tsv_header(cli, "score", "translation", "units", "from", NULL);
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		if (g->from_glossary) {
			tsv_field(stdout, glossary_label(g));
			putchar('\t');
		} else {
			printf("%.2f\t", g->score);
		}
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
	json_member(stdout, "source_lang", list->src);
	json_member(stdout, "target_lang", list->tgt);
	printf(", \"units\": %ld, \"candidates\": [", list->term_units);
	for (size_t i = 0; i < list->count; i++) {
		const struct suggestion *g = &list->items[i];

		printf("%s\n {\"translation\": ", i ? "," : "");
		json_string(stdout, g->translation);
		if (g->from_glossary)
			fputs(", \"score\": null", stdout);
		else
			printf(", \"score\": %.2f", g->score);
		printf(", \"dice\": %.3f, \"units\": %ld, \"from\": \"%s\"",
		       g->dice, g->units,
		       g->from_glossary ? "glossary" : "memory");
		fputs(", \"origin\": ", stdout);
		if (g->origin)
			json_string(stdout, g->origin);
		else
			fputs("null", stdout);
		fputs(", \"examples\": [", stdout);
		for (size_t k = 0; k < g->nexamples; k++) {
			fputs(k ? ", {\"source\": " : "{\"source\": ", stdout);
			json_string(stdout, g->examples[k].source);
			json_member(stdout, "target", g->examples[k].target);
			putchar('}');
		}
		fputs("]}", stdout);
	}
	puts(list->count ? "\n]}" : "]}");
}

struct suggest_args {
	long max;
};

static const struct suggest_args suggest_defaults = { .max = 10 };

static int
suggest_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct suggest_args *args = data;
	struct suggest_options opts = { .max_examples = 3 };
	struct suggestions list = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	struct suggester *suggester = NULL;
	int status = EXIT_DATA;

	if (argc == 0)
		return cli_usage_error(&cmd_suggest_entry, "%s",
				       _("which term? (one argument)"));
	if (argc > 1)
		return cli_usage_error(&cmd_suggest_entry, _("unexpected "
					"argument '%s' (quote a term of "
					"several words)"), argv[1]);
	opts.src = cli->src.arg;
	opts.tgt = cli->tgt.arg;
	opts.max = (size_t)args->max;
	if (cli->format != FORMAT_TEXT)
		opts.max_examples = cli->format == FORMAT_JSON ? 3 : 0;
	if ((memory = cli_open_for_search(cli, 0, INDEX_SUGGEST)) == NULL)
		return EXIT_DATA;
	if ((suggester = suggester_open(memory, &err)) == NULL ||
	    suggest_translations(suggester, argv[0], &opts, &list,
				 &err) < 0) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s",
				 _("command line"));
		goto out;
	}
	if (list.src[0] == '\0' || list.tgt[0] == '\0') {
		/* no language pair to work in: an empty memory, no --src/--tgt */
		if (cli_require_units(cli, memory) == 0)
			cli_error("%s", _("say which languages with --src and "
					  "--tgt"));
		goto out;
	}
	switch (cli->format) {
	case FORMAT_TEXT: print_text(argv[0], &list); break;
	case FORMAT_TSV: print_tsv(cli, &list); break;
	case FORMAT_JSON: print_json(argv[0], &list); break;
	}
	status = EXIT_OK;
out:
	suggestions_clear(&list);
	suggester_close(suggester);
	return cli_finish(memory, &err, status);
}

static const struct cli_option suggest_options[] = {
	CLI_SRC(N_("language of TERM (default: guessed from the\n"
		   "memory's language pairs and TERM's script)")),
	CLI_TGT(N_("language of the translations (default: the other\n"
		   "language of the largest pair)")),
	CLI_NUMBER("max", "N", struct suggest_args, max, 1, 1000,
		   N_("at most N candidates (default 10)")),
	CLI_FORMAT(N_("text (default), tsv (SCORE, TRANSLATION, UNITS,\n"
		      "FROM; best first) or json")),
	CLI_OPTIONS_END
};

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
"number of units that support it and up to three example pairs.\n"),
	.examples = N_(
"  tmgloss suggest \"intelligence incarnée\"\n"),
	.options = suggest_options,
	COMMAND_ARGS(suggest_defaults),
	.run = suggest_run,
};
