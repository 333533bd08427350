/*
 * cmd-stats.c -- tmgloss stats: what the memory holds.
 *
 * Units, variants per language, language pairs (source -> target), the
 * files units came from, the glossary's concepts and terms per language,
 * and the size of the memory file.  With
 * --format=tsv the first line is "units<TAB>N", then one record per line.
 *
 * --verify checks instead that the memory is whole (store/verify.c):
 * SQLite's integrity check, the schema, and the search indexes against
 * the units; a problem found is a line of the report and exit status 1.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

/* The columns the name of c takes: a pair is "fr \xe2\x86\x92 zh". */
static size_t
count_width(const struct memory_count *c)
{
	size_t w = display_width(c->name);

	return c->name2 ? w + 3 + display_width(c->name2) : w;
}

/* A table of counts: each name padded to the widest, then its count. */
static void
print_counts(const struct memory_count *items, size_t n)
{
	size_t width = 0;

	for (size_t i = 0; i < n; i++)
		if (count_width(&items[i]) > width)
			width = count_width(&items[i]);
	for (size_t i = 0; i < n; i++) {
		char count[32];

		printf("  %s", items[i].name);
		if (items[i].name2)
			printf(" \xe2\x86\x92 %s", items[i].name2);
		printf("%*s", (int)(width - count_width(&items[i])), "");
		format_count(count, sizeof count, items[i].count);
		printf("  %12s\n", count);
	}
}

/* The counts as the members of a JSON object: {"fr": 12, "zh": 10}. */
static void
print_counts_json(const struct memory_count *items, size_t n)
{
	putchar('{');
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", stdout);
		json_string(stdout, items[i].name);
		printf(": %ld", items[i].count);
	}
	putchar('}');
}

/* The last `k` components of a path ("b/c" of "/a/b/c" for 2), or all of
 * it when it has no more. */
static const char *
path_tail(const char *path, int k)
{
	const char *p = path + strlen(path);

	while (p > path) {
		if (p[-1] == '/' && --k == 0)
			break;
		p--;
	}
	return p;
}

/*
 * Origin names are paths, too long for this table: each is shown by its
 * base name, with as many parent folders as tell it from the others
 * ("a/project_save.tmx" and "b/project_save.tmx").  The short names point
 * into the long ones.
 */
static void
shorten_origins(struct memory_count *shown, const struct memory_count *c,
		size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *tail;

		for (int k = 1;; k++) {
			size_t j;

			tail = path_tail(c[i].name, k);
			for (j = 0; j < n; j++)
				if (j != i &&
				    strcmp(path_tail(c[j].name, k), tail) == 0)
					break;
			if (j == n || tail == c[i].name)
				break;
		}
		shown[i] = c[i];
		shown[i].name = (char *)tail;
	}
}

static void
print_glossary_text(const struct glossary_stats *g)
{
	char n[32], t[32], concepts[64], terms[64];

	if (g->concepts == 0)
		return;
	format_count(n, sizeof n, g->concepts);
	format_count(t, sizeof t, g->terms);
	snprintf(concepts, sizeof concepts,
		 ngettext("%s concept", "%s concepts",
			  (unsigned long)g->concepts), n);
	snprintf(terms, sizeof terms,
		 ngettext("%s term", "%s terms", (unsigned long)g->terms), t);
	printf("\n");
	/* TRANSLATORS: "3 concepts", "7 terms" */
	printf(_("Glossary:  %s, %s\n"), concepts, terms);
	print_counts(g->languages, g->nlanguages);
}

static void
print_text(const char *path, const struct memory_stats *s)
{
	char n[32], size[32];

	format_bytes(size, sizeof size, s->file_size);
	printf(_("Memory:    %s (%s)\n"), path, size);
	format_count(n, sizeof n, s->units);
	printf(_("Units:     %s\n"), n);
	format_count(n, sizeof n, s->variants);
	printf(_("Variants:  %s\n"), n);
	if (s->unindexed > 0 &&
	    s->unindexed_fuzzy == s->unindexed_suggest) {
		format_count(n, sizeof n, s->unindexed);
		printf(ngettext("Not yet indexed: %s unit (the next search, "
				"or tmgloss index, takes it in)\n",
				"Not yet indexed: %s units (the next search, "
				"or tmgloss index, takes them in)\n",
				(unsigned long)s->unindexed), n);
	} else {
		/* a search brings the index it reads, not the other */
		if (s->unindexed_fuzzy > 0) {
			format_count(n, sizeof n, s->unindexed_fuzzy);
			printf(ngettext("Not yet in the token index: %s unit "
					"(the next match or concord, or "
					"tmgloss index, takes it in)\n",
					"Not yet in the token index: %s units "
					"(the next match or concord, or "
					"tmgloss index, takes them in)\n",
					(unsigned long)s->unindexed_fuzzy), n);
		}
		if (s->unindexed_suggest > 0) {
			format_count(n, sizeof n, s->unindexed_suggest);
			printf(ngettext("Not yet in the translation index: %s "
					"unit (the next suggest or extract, or "
					"tmgloss index, takes it in)\n",
					"Not yet in the translation index: %s "
					"units (the next suggest or extract, or "
					"tmgloss index, takes them in)\n",
					(unsigned long)s->unindexed_suggest),
			       n);
		}
	}

	if (s->nlanguages) {
		printf("\n%s\n", _("Languages:"));
		print_counts(s->languages, s->nlanguages);
	}
	if (s->npairs) {
		printf("\n%s\n", _("Language pairs (source \xe2\x86\x92 target):"));
		print_counts(s->pairs, s->npairs);
	}
	if (s->norigins) {
		struct memory_count *shown;

		shown = xcalloc(s->norigins, sizeof *shown);
		shorten_origins(shown, s->origins, s->norigins);
		printf("\n%s\n", _("Imported from:"));
		print_counts(shown, s->norigins);
		free(shown);
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
	printf("unindexed_fuzzy\t%lld\n", s->unindexed_fuzzy);
	printf("unindexed_suggest\t%lld\n", s->unindexed_suggest);
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
	       "\"languages\": ", g->concepts, g->terms);
	print_counts_json(g->languages, g->nlanguages);
	putchar('}');
}

static void
print_json(const char *path, const struct memory_stats *s,
	   const struct glossary_stats *g)
{
	fputs("{\"path\": ", stdout);
	json_string(stdout, path);
	printf(", \"file_size\": %lld, \"schema_version\": %d,"
	       " \"units\": %ld, \"variants\": %ld, \"unindexed\": %lld,"
	       " \"unindexed_fuzzy\": %lld, \"unindexed_suggest\": %lld,"
	       "\n \"languages\": ",
	       s->file_size, s->schema_version, s->units, s->variants,
	       s->unindexed, s->unindexed_fuzzy, s->unindexed_suggest);
	print_counts_json(s->languages, s->nlanguages);
	fputs(",\n \"pairs\": [", stdout);
	for (size_t i = 0; i < s->npairs; i++) {
		fputs(i ? ", " : "", stdout);
		fputs("{\"source\": ", stdout);
		json_string(stdout, s->pairs[i].name);
		json_member(stdout, "target", s->pairs[i].name2);
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

/* The posting lists of both indexes read through, as a search would:
 * one more problem per index with damaged lists.  Returns the number of
 * problems in `p`, or -1 with `err` set. */
static int
verify_postings(struct tmg_memory *memory, struct verify_problems *p,
		struct tmg_error *err)
{
	long long fuzzy, suggest;

	if (memory_damaged_postings(memory, &fuzzy, &suggest, err) < 0)
		return -1;
	if (fuzzy)
		verify_problems_add(p, ngettext(
			"the fuzzy-matching index has %lld damaged posting "
			"list", "the fuzzy-matching index has %lld damaged "
			"posting lists", (unsigned long)fuzzy), fuzzy);
	if (suggest)
		verify_problems_add(p, ngettext(
			"the translation index has %lld damaged posting "
			"list", "the translation index has %lld damaged "
			"posting lists", (unsigned long)suggest), suggest);
	return (int)p->count;
}

/* --verify: the report, and what to do about what it found.  A memory
 * that could not be opened (NULL) is checked as a file: what it lacks is
 * said after the error that refused it. */
static int
verify_run(struct cli *cli, struct tmg_memory *memory)
{
	struct verify_problems p;
	struct tmg_error err = { 0 };
	int n, damaged;

	n = memory ? verify_memory(memory, &p, &damaged, &err) :
		     verify_file(cli->db_path, &p, &damaged, &err);
	/* a file that is not there or not SQLite: the open error said it */
	if (memory == NULL && n <= 0)
		return EXIT_DATA;
	if (n < 0)
		return cli_finish(memory, &err, EXIT_DATA);
	if (memory && !damaged && (n = verify_postings(memory, &p, &err)) < 0) {
		verify_problems_clear(&p);
		return cli_finish(memory, &err, EXIT_DATA);
	}
	switch (cli->format) {
	case FORMAT_TEXT:
		if (n == 0) {
			printf(_("%s: the memory is whole (file, schema and "
				 "indexes checked)\n"), cli->db_path);
			break;
		}
		printf(ngettext("%s: %d problem found:\n",
				"%s: %d problems found:\n",
				(unsigned long)n), cli->db_path, n);
		for (size_t i = 0; i < p.count; i++)
			printf("  %s\n", p.lines[i]);
		if (damaged)
			fputs(_("The file itself is damaged.  'tmgloss index "
				"--rebuild' repairs damage to its indexes; if "
				"this check still fails after it, keep a copy, "
				"export what can be read (tmgloss export) and "
				"import it into a new memory.\n"), stdout);
		else
			fputs(_("Run 'tmgloss index --rebuild' to build the "
				"indexes again.\n"), stdout);
		break;
	case FORMAT_TSV:
		tsv_header(cli, "record", "value", NULL);
		printf("problems\t%d\n", n);
		for (size_t i = 0; i < p.count; i++) {
			fputs("problem\t", stdout);
			tsv_field(stdout, p.lines[i]);
			putchar('\n');
		}
		break;
	case FORMAT_JSON:
		printf("{\"whole\": %s, \"file_damaged\": %s, \"problems\": [",
		       n ? "false" : "true", damaged ? "true" : "false");
		for (size_t i = 0; i < p.count; i++) {
			fputs(i ? ", " : "", stdout);
			json_string(stdout, p.lines[i]);
		}
		puts("]}");
		break;
	}
	verify_problems_clear(&p);
	return cli_finish(memory, NULL, n ? EXIT_DATA : EXIT_OK);
}

struct stats_args {
	int verify;
};

static const struct stats_args stats_defaults;

static int
stats_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct stats_args *args = data;
	struct memory_stats stats = { 0 };
	struct glossary_stats glossary = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;

	if ((memory = cli_open_memory(cli)) == NULL)
		return args->verify ? verify_run(cli, NULL) : EXIT_DATA;
	if (args->verify)
		return verify_run(cli, memory);
	if (memory_get_stats(memory, &stats, &err) < 0 ||
	    glossary_get_stats(memory, &glossary, &err) < 0)
		goto out;
	switch (cli->format) {
	case FORMAT_TEXT:
		print_text(cli->db_path, &stats);
		print_glossary_text(&glossary);
		break;
	case FORMAT_TSV:
		tsv_header(cli, "record", "value", NULL);
		print_tsv(cli->db_path, &stats);
		print_glossary_tsv(&glossary);
		break;
	case FORMAT_JSON:
		print_json(cli->db_path, &stats, &glossary);
		break;
	}
out:
	glossary_stats_free(&glossary);
	memory_stats_free(&stats);
	return cli_finish(memory, &err, EXIT_OK);
}

static const struct cli_option stats_options[] = {
	CLI_FORMAT(N_("text (default), tsv (first line: units<TAB>N)\n"
		      "or json")),
	CLI_SWITCH("verify", 0, struct stats_args, verify,
		   N_("check that the memory is whole instead: the file,\n"
		      "its schema and its search indexes (exit 1 when not)")),
	CLI_OPTIONS_END
};

const struct command cmd_stats_entry = {
	.name = "stats",
	.summary = N_("Show what the memory holds."),
	.usage = N_("[--verify] [--format=text|tsv|json]"),
	.help = N_(
"Counts the units and variants of the memory, by language, by language\n"
"pair and by imported file, the glossary's concepts and terms by\n"
"language, the units the search indexes have not taken in yet (each\n"
"index apart: match and concord bring the token index up to date,\n"
"suggest and extract the translation index), and the size of the memory\n"
"file.  --verify runs SQLite's integrity check and checks the search\n"
"indexes against the units instead, and says what to do about what it\n"
"finds.\n"),
	.options = stats_options,
	COMMAND_ARGS(stats_defaults),
	.no_operands = 1,
	.run = stats_run,
};
