/*
 * cmd-stats.c -- tmgloss stats: what the memory holds.
 *
 * Units, variants per language, language pairs (source -> target), the
 * files units came from, the glossary's concepts and terms per language,
 * and the size of the memory file.  With
 * --format=tsv the first line is "units<TAB>N", then one record per line.
 */
#include <config.h>

#include <string.h>

#include "cli.h"

static void
print_glossary_text(const struct glossary_stats *g)
{
	char n[32], t[32];
	size_t width = 0;

	if (g->concepts == 0)
		return;
	format_count(n, sizeof n, g->concepts);
	format_count(t, sizeof t, g->terms);
	printf("\n");
	printf(_("Glossary:  %s concepts, %s terms\n"), n, t);
	for (size_t i = 0; i < g->nlanguages; i++)
		if (display_width(g->languages[i].name) > width)
			width = display_width(g->languages[i].name);
	for (size_t i = 0; i < g->nlanguages; i++) {
		fputs("  ", stdout);
		pad_right(stdout, g->languages[i].name, width);
		format_count(n, sizeof n, g->languages[i].count);
		printf("  %12s\n", n);
	}
}

static void
print_text(const char *path, const struct memory_stats *s)
{
	char n[32], size[32];
	size_t width = 0;

	format_bytes(size, sizeof size, s->file_size);
	printf(_("Memory:    %s (%s)\n"), path, size);
	format_count(n, sizeof n, s->units);
	printf(_("Units:     %s\n"), n);
	format_count(n, sizeof n, s->variants);
	printf(_("Variants:  %s\n"), n);
	if (s->unindexed > 0) {
		format_count(n, sizeof n, s->unindexed);
		printf(_("Not yet indexed: %s units (the next search, or "
			 "tmgloss index, takes them in)\n"), n);
	}

	if (s->nlanguages) {
		printf("\n%s\n", _("Languages:"));
		for (size_t i = 0; i < s->nlanguages; i++)
			if (display_width(s->languages[i].name) > width)
				width = display_width(s->languages[i].name);
		for (size_t i = 0; i < s->nlanguages; i++) {
			fputs("  ", stdout);
			pad_right(stdout, s->languages[i].name, width);
			format_count(n, sizeof n, s->languages[i].count);
			printf("  %12s\n", n);
		}
	}
	if (s->npairs) {
		printf("\n%s\n", _("Language pairs (source \xe2\x86\x92 target):"));
		width = 0;
		for (size_t i = 0; i < s->npairs; i++) {
			size_t w = display_width(s->pairs[i].name) + 3 +
				   display_width(s->pairs[i].name2);
			if (w > width)
				width = w;
		}
		for (size_t i = 0; i < s->npairs; i++) {
			char pair[2 * TMG_LANG_MAX + 8];
			snprintf(pair, sizeof pair, "%s \xe2\x86\x92 %s",
				 s->pairs[i].name, s->pairs[i].name2);
			fputs("  ", stdout);
			pad_right(stdout, pair, width);
			format_count(n, sizeof n, s->pairs[i].count);
			printf("  %12s\n", n);
		}
	}
	if (s->norigins) {
		printf("\n%s\n", _("Imported from:"));
		width = 0;
		for (size_t i = 0; i < s->norigins; i++)
			if (display_width(s->origins[i].name) > width)
				width = display_width(s->origins[i].name);
		for (size_t i = 0; i < s->norigins; i++) {
			fputs("  ", stdout);
			pad_right(stdout, s->origins[i].name, width);
			format_count(n, sizeof n, s->origins[i].count);
			printf("  %12s\n", n);
		}
	}
}

static void
print_glossary_tsv(const struct glossary_stats *g)
{
	printf("concepts\t%ld\n", g->concepts);
	printf("terms\t%ld\n", g->terms);
	for (size_t i = 0; i < g->nlanguages; i++)
		printf("term_language\t%s\t%ld\n", g->languages[i].name,
		       g->languages[i].count);
}

static void
print_tsv(const char *path, const struct memory_stats *s)
{
	printf("units\t%ld\n", s->units);
	printf("variants\t%ld\n", s->variants);
	printf("unindexed\t%lld\n", s->unindexed);
	for (size_t i = 0; i < s->nlanguages; i++)
		printf("language\t%s\t%ld\n", s->languages[i].name,
		       s->languages[i].count);
	for (size_t i = 0; i < s->npairs; i++)
		printf("pair\t%s\t%s\t%ld\n", s->pairs[i].name,
		       s->pairs[i].name2, s->pairs[i].count);
	for (size_t i = 0; i < s->norigins; i++) {
		fputs("origin\t", stdout);
		tsv_field(stdout, s->origins[i].name);
		printf("\t%ld\n", s->origins[i].count);
	}
	printf("file_size\t%lld\n", s->file_size);
	fputs("path\t", stdout);
	tsv_field(stdout, path);
	putchar('\n');
}

static void
print_glossary_json(const struct glossary_stats *g)
{
	printf(",\n \"glossary\": {\"concepts\": %ld, \"terms\": %ld, "
	       "\"languages\": {", g->concepts, g->terms);
	for (size_t i = 0; i < g->nlanguages; i++) {
		fputs(i ? ", " : "", stdout);
		json_string(stdout, g->languages[i].name);
		printf(": %ld", g->languages[i].count);
	}
	fputs("}}", stdout);
}

static void
print_json(const char *path, const struct memory_stats *s,
	   const struct glossary_stats *g)
{
	fputs("{\"path\": ", stdout);
	json_string(stdout, path);
	printf(", \"file_size\": %lld, \"schema_version\": %d,"
	       " \"units\": %ld, \"variants\": %ld, \"unindexed\": %lld,"
	       "\n \"languages\": {",
	       s->file_size, s->schema_version, s->units, s->variants,
	       s->unindexed);
	for (size_t i = 0; i < s->nlanguages; i++) {
		fputs(i ? ", " : "", stdout);
		json_string(stdout, s->languages[i].name);
		printf(": %ld", s->languages[i].count);
	}
	fputs("},\n \"pairs\": [", stdout);
	for (size_t i = 0; i < s->npairs; i++) {
		fputs(i ? ", " : "", stdout);
		fputs("{\"source\": ", stdout);
		json_string(stdout, s->pairs[i].name);
		fputs(", \"target\": ", stdout);
		json_string(stdout, s->pairs[i].name2);
		printf(", \"units\": %ld}", s->pairs[i].count);
	}
	fputs("],\n \"origins\": [", stdout);
	for (size_t i = 0; i < s->norigins; i++) {
		fputs(i ? ", " : "", stdout);
		fputs("{\"name\": ", stdout);
		json_string(stdout, s->origins[i].name);
		printf(", \"units\": %ld}", s->origins[i].count);
	}
	fputs("]", stdout);
	print_glossary_json(g);
	puts("}");
}

static int
stats_run(struct cli *cli, void *args, int argc, char **argv)
{
	struct memory_stats stats;
	struct glossary_stats glossary;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;

	if (argc > 0)
		return cli_usage_error(&cmd_stats_entry,
				       _("unexpected argument '%s'"), argv[0]);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (memory_get_stats(memory, &stats, &err) < 0) {
		cli_report(&err);
		memory_close(memory);
		return EXIT_DATA;
	}
	if (glossary_get_stats(memory, &glossary, &err) < 0) {
		cli_report(&err);
		memory_stats_free(&stats);
		memory_close(memory);
		return EXIT_DATA;
	}
	switch (cli->format) {
	case FORMAT_TEXT:
		print_text(cli->db_path, &stats);
		print_glossary_text(&glossary);
		break;
	case FORMAT_TSV:
		print_tsv(cli->db_path, &stats);
		print_glossary_tsv(&glossary);
		break;
	case FORMAT_JSON:
		print_json(cli->db_path, &stats, &glossary);
		break;
	}
	glossary_stats_free(&glossary);
	memory_stats_free(&stats);
	memory_close(memory);
	return EXIT_OK;
}

static const struct cli_option stats_options[] = {
	CLI_FORMAT(N_("text (default), tsv (first line: units<TAB>N)\n"
		      "or json")),
	CLI_OPTIONS_END
};

const struct command cmd_stats_entry = {
	.name = "stats",
	.summary = N_("Show what the memory holds."),
	.usage = N_("[--format=text|tsv|json]"),
	.help = N_(
"Counts the units and variants of the memory, by language, by language\n"
"pair and by imported file, the glossary's concepts and terms by\n"
"language, the units the search indexes have not taken in yet, and the\n"
"size of the memory file.\n"),
	.options = stats_options,
	.run = stats_run,
};
