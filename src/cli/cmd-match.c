/*
 * cmd-match.c -- tmgloss match: fuzzy matches of sentences in the memory.
 *
 * For each query (the arguments, or the lines of -f FILE), the best units
 * at or above --min, best first: the score, the unit's source with its
 * differences from the query marked, the translation (inline tags as
 * numbered placeholders, search.h: fuzzy_tagged_text), where it came from,
 * when it last changed and who changed it.  TSV and JSON add the unit's
 * id, its tuid and the markup of both sides, so that a script can act on
 * a hit and a copied translation keeps its tags; TSV columns are only
 * ever added at the end of a line.  A query without a match is still one
 * line of TSV (its number, the other fields empty) and one JSON object
 * (its number and text, the other members null), so that "no match"
 * differs from "not searched".  The score and how candidates are found are
 * explained at the top of src/fuzzy.c.  A query's number is its position
 * among the arguments, or its line in the file (empty lines are skipped
 * but counted).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "base/bulkmem.h"

struct match_run {
	struct cli *cli;
	struct tmg_memory *memory;
	/* the check that no search index was emptied, not made yet: made
	 * when a query finds nothing (cli_open_memory_to_match()) */
	int tables_unchecked;
	struct fuzzy_options options;
	enum output_format format;
	int color;
	int timing;
	int json_first;
};

static void
print_date(const char *date)
{
	/* YYYYMMDDThhmmssZ -> YYYY-MM-DD hh:mm (the time tells two changes
	 * of one day apart) */
	if (date && strlen(date) >= 13)
		printf("%.4s-%.2s-%.2s %.2s:%.2s", date, date + 4, date + 6,
		       date + 9, date + 11);
	else if (date && strlen(date) >= 8)
		printf("%.4s-%.2s-%.2s", date, date + 4, date + 6);
}

static void
print_diff_piece(void *data, enum fuzzy_diff_kind kind, const char *text,
		 size_t len)
{
	const struct match_run *run = data;
	const char *open = "", *close = "";

	if (kind == FUZZY_DELETED) {
		open = run->color ? "\033[31;9m" : "[-";
		close = run->color ? "\033[m" : "-]";
	} else if (kind == FUZZY_INSERTED) {
		open = run->color ? "\033[32;4m" : "{+";
		close = run->color ? "\033[m" : "+}";
	}
	printf("%s%.*s%s", open, (int)len, text, close);
}

static void
print_text(struct match_run *run, long number, const char *query,
	   const struct fuzzy_hits *hits)
{
	struct tmg_error err = { 0 };

	printf(_("Query %ld: %s\n"), number, query);
	if (hits->count == 0)
		printf("  %s\n", _("(no match)"));
	for (size_t i = 0; i < hits->count; i++) {
		const struct fuzzy_hit *h = &hits->items[i];
		char *target = fuzzy_tagged_text(h->target, h->target_markup);
		const char *sep = "";

		printf("  %3d%%  ", h->score);
		if (fuzzy_diff_markup(query, h->source, h->source_markup,
				      h->source_lang, print_diff_piece, run,
				      &err) < 0)
			fputs(h->source, stdout);
		printf("\n        %s\n        ", target);
		free(target);
		/* origin · date · author, each when known */
		if (h->origin) {
			fputs(h->origin, stdout);
			sep = " \xc2\xb7 ";
		}
		if (h->change_date) {
			fputs(sep, stdout);
			print_date(h->change_date);
			sep = " \xc2\xb7 ";
		}
		if (h->author)
			printf("%s%s", sep, h->author);
		putchar('\n');
	}
}

static void
print_tsv(long number, const struct fuzzy_hits *hits)
{
	if (hits->count == 0) /* QUERY_NO and ten empty fields */
		printf("%ld\t\t\t\t\t\t\t\t\t\t\n", number);
	for (size_t i = 0; i < hits->count; i++) {
		const struct fuzzy_hit *h = &hits->items[i];
		char id[24];

		snprintf(id, sizeof id, "%lld", (long long)h->unit_id);
		printf("%ld\t%d\t", number, h->score);
		/* new columns go at the end: scripts count on the first ones */
		tsv_row(stdout, h->source, h->target,
			h->origin ? h->origin : "", id,
			h->tuid ? h->tuid : "",
			h->change_date ? h->change_date : "",
			h->author ? h->author : "",
			h->source_markup ? h->source_markup : "",
			h->target_markup ? h->target_markup : "", NULL);
	}
}

static void
print_json(struct match_run *run, long number, const char *query,
	   const struct fuzzy_hits *hits)
{
	size_t i = 0;

	/* a query without match is one object too, its members null */
	do {
		fputs(run->json_first ? "[\n" : ",\n", stdout);
		run->json_first = 0;
		json_fuzzy_hit(stdout, number, query,
			       hits->count ? &hits->items[i] : NULL);
	} while (++i < hits->count);
}

/* Search one query and print its hits.  `where` names it in errors. */
static int
match_one(struct match_run *run, long number, const char *query,
	  const char *where, long line)
{
	struct fuzzy_hits hits;
	struct tmg_error err = { 0 };
	struct timespec t0, t1;

again:
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (fuzzy_search(run->memory, query, &run->options, &hits,
			 &err) < 0) {
		char message[sizeof err.message];

		snprintf(message, sizeof message, "%s", err.message);
		if (err.file[0] == '\0') {
			tmg_error_set(&err, where, line, 0, "%s", message);
		} else if (line > 0) {
			/* the memory's error, for this query */
			char file[sizeof err.file];

			snprintf(file, sizeof file, "%s", err.file);
			tmg_error_set(&err, file, err.line, err.column,
				      _("%s (the query of %s, line %ld)"),
				      message, where, line);
		}
		cli_report(&err);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* nothing found: an emptied index would say the same, so it is
	 * checked now (once), and the query asked again if it was */
	if (hits.count == 0 && run->tables_unchecked) {
		int repaired;

		run->tables_unchecked = 0;
		if ((repaired = cli_check_search_tables(run->cli,
							run->memory)) < 0)
			return -1;
		if (repaired > 0) {
			fuzzy_hits_clear(&hits);
			if (cli_ready_to_search(run->memory, INDEX_FUZZY) < 0)
				return -1;
			goto again;
		}
	}
	if (run->timing)
		fprintf(stderr, "%ld\t%.0f\t%zu\n", number,
			(t1.tv_sec - t0.tv_sec) * 1e6 +
			(t1.tv_nsec - t0.tv_nsec) / 1e3, hits.candidates);
	switch (run->format) {
	case FORMAT_TEXT: print_text(run, number, query, &hits); break;
	case FORMAT_TSV: print_tsv(number, &hits); break;
	case FORMAT_JSON: print_json(run, number, query, &hits); break;
	}
	fuzzy_hits_clear(&hits);
	return 0;
}

static int
match_file(struct match_run *run, const char *path)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	long number = 0;
	int ret = 0;

	if (in == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &size, in)) >= 0) {
		char *query = line;

		number++;
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		/* a BOM would count as a difference in the first query */
		if (number == 1)
			query += cli_bom_length(line, (size_t)len);
		if (*query == '\0')
			continue;
		if ((ret = match_one(run, number, query, path, number)) < 0)
			break;
	}
	if (ret == 0 && ferror(in)) {
		cli_error("%s: %s", path, strerror(errno));
		ret = -1;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return ret;
}

struct match_args {
	long min, max;
	const char *file;
	int exhaustive, timing;
};

static const struct match_args match_defaults = { .min = 70, .max = 5 };

/* The languages to search in: --src and --tgt, else the memory's only
 * ones (of several source languages, the one of `hint`'s script); a usage
 * error when that leaves several. */
/*
 * The first non-empty line of a query file, whose script tells the
 * source language as a first text on the command line does; "" for
 * standard input (it cannot be read twice) or an unreadable file, which
 * match_file() reports.  A line cut at `size` is enough for a script.
 */
static void
first_line(const char *path, char *buf, size_t size)
{
	FILE *f;
	size_t start;

	buf[0] = '\0';
	if (strcmp(path, "-") == 0 || (f = fopen(path, "rb")) == NULL)
		return;
	while (fgets(buf, (int)size, f) != NULL) {
		start = cli_bom_length(buf, strlen(buf));
		memmove(buf, buf + start, strlen(buf + start) + 1);
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[strspn(buf, " \t")] != '\0')
			break;
		buf[0] = '\0';
	}
	fclose(f);
}

static int
match_languages(struct cli *cli, struct match_run *run, const char *hint,
		char *src, char *tgt)
{
	struct tmg_error err = { 0 };

	if (fuzzy_default_languages(run->memory, cli->src.arg, cli->tgt.arg,
				    hint, src, tgt, &err) < 0) {
		cli_report(&err);
		return EXIT_DATA;
	}
	if (src[0] == '\0')
		return cli_usage_error(&cmd_match_entry, "%s", _("the memory "
				"has several source languages: say which "
				"with --src"));
	if (tgt[0] == '\0')
		return cli_usage_error(&cmd_match_entry, "%s", _("the memory "
				"has several target languages: say which "
				"with --tgt"));
	run->options.src = src;
	run->options.tgt = tgt;
	return EXIT_OK;
}

static int
match_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct match_args *args = data;
	struct match_run run = { 0 };
	char src_lang[TMG_LANG_MAX], tgt_lang[TMG_LANG_MAX];
	int status = EXIT_DATA;
	char hint[1024] = "";

	if (args->file == NULL && argc == 0)
		return cli_usage_error(&cmd_match_entry, "%s", _("give a text "
						"to match, or -f FILE"));
	if (args->file && argc > 0)
		return cli_usage_error(&cmd_match_entry, "%s", _("give texts "
						"or -f FILE, not both"));
	run.options.min_score = (int)args->min;
	run.options.max_hits = (size_t)args->max;
	run.options.exhaustive = args->exhaustive;
	run.timing = args->timing;
	run.format = cli->format;
	run.json_first = 1;
	run.cli = cli;
	/* Texts on the command line: a short process, which reads a few
	 * hundred pages of the memory.  Copied to a heap on huge pages they
	 * cost less than mapped, each first touch of a page a fault (one
	 * match of the 1 M memory 12.0-12.1 -> 8.1-9.0 ms, BENCHMARKS.md);
	 * a file of queries, which may be long, keeps them mapped. */
	if (args->file == NULL) {
		bulkmem_begin();
		if (bulkmem_advised())
			memory_copy_reads_only();
	}
	if ((run.memory = cli_open_memory_to_match(cli)) == NULL) {
		status = EXIT_DATA;
		goto out;
	}
	run.tables_unchecked = 1;
	if (cli_require_units(cli, run.memory) < 0)
		goto out;
	/* the languages before the indexes: a wrong one is said at once;
	 * the first text's script tells a fr->zh query from a zh->fr one */
	if (args->file)
		first_line(args->file, hint, sizeof hint);
	if ((status = match_languages(cli, &run, argc > 0 ? argv[0] : hint,
				      src_lang, tgt_lang)) != 0)
		goto out;
	status = EXIT_DATA;
	if (cli_ready_to_search(run.memory, INDEX_FUZZY) < 0)
		goto out;
	run.color = run.format == FORMAT_TEXT && cli_use_colour(stdout);
	tsv_header(cli, "query_no", "score", "source", "target", "origin",
		   "unit_id", "tuid", "change_date", "author", "source_markup",
		   "target_markup", NULL);

	if (args->file) {
		if (match_file(&run, args->file) < 0)
			goto out;
	} else {
		for (int i = 0; i < argc; i++) {
			char where[32];
			snprintf(where, sizeof where, _("argument %d"), i + 1);
			if (match_one(&run, i + 1, argv[i], where, 0) < 0)
				goto out;
		}
	}
	if (run.format == FORMAT_JSON)
		puts(run.json_first ? "[]" : "\n]");
	status = EXIT_OK;
out:
	status = cli_finish(run.memory, NULL, status);
	if (args->file == NULL)
		bulkmem_end();
	return status;
}

static const struct cli_option match_options[] = {
	CLI_SRC(N_("language of the texts (default: the memory's\n"
		   "source language when it has only one); any\n"
		   "Chinese finds any Chinese (Traditional = Simplified)")),
	CLI_TGT(N_("language of the translations (default: the other\n"
		   "language of the memory when there is only one)")),
	CLI_NUMBER("min", "PCT", struct match_args, min, 1, 100,
		   N_("lowest score shown (default 70)")),
	CLI_NUMBER("max", "N", struct match_args, max, 1, 100000,
		   N_("most matches per text (default 5)")),
	CLI_STRING("file", 'f', "FILE", struct match_args, file,
		   N_("one text per line ('-' for standard input)")),
	CLI_FORMAT(N_("text (default); tsv: QUERY_NO, SCORE, SOURCE,\n"
		      "TARGET, ORIGIN, UNIT_ID, TUID, CHANGE_DATE, AUTHOR,\n"
		      "SOURCE_MARKUP, TARGET_MARKUP (empty when none; new\n"
		      "columns come last), one line per match, best first,\n"
		      "and a line with only QUERY_NO for a text without\n"
		      "match; json: an array of the same as objects (null\n"
		      "when none)")),
	CLI_SWITCH("exhaustive", 0, struct match_args, exhaustive,
		   N_("score every unit instead of using the index (slow;\n"
		      "gives the same matches, to check the index)")),
	CLI_SWITCH("timing", 0, struct match_args, timing,
		   N_("print each search's time (microseconds) on stderr")),
	CLI_OPTIONS_END
};

const struct command cmd_match_entry = {
	.name = "match",
	.summary = N_("Find units like a sentence (fuzzy matches)."),
	.usage = N_("[--src L] [--tgt L] [--min PCT] [--max N] "
		    "[--format=F] TEXT... | -f FILE"),
	.help = N_(
"Shows, for each TEXT (or each line of FILE, - for standard input), the\n"
"units of the memory whose source is most like it, best first: the score,\n"
"the source with its differences from the text marked ([-only in the\n"
"text-] {+only in the unit+}, in colour on a terminal), the translation,\n"
"the file it came from, the date it last changed and who changed it.\n"
"Inline tags show as numbered placeholders: {1} and {/1} around text\n"
"(a tag pair), {2/} for a single tag.  Of equal scores, the latest change\n"
"comes first.\n"
"\n"
"The score: words (a Chinese character is a word; punctuation and inline\n"
"tags are not) are compared case-insensitively, Traditional = Simplified,\n"
"any number = any number; with d the word-level edit distance and L the\n"
"longer length,\n"
"  score = floor(100 * (L - d) / L)\n"
"          - 1 for each number that differs\n"
"          - 1 if case or width differs, - 1 if inline tags differ,\n"
"          - 1 if punctuation differs, - 1 if only spacing differs;\n"
"100 only for the identical text.  No unit at or above --min is missed.\n"
"A text or a segment of more than 5,000 words is matched on its first\n"
"5,000.\n"),
	.examples = N_(
"  tmgloss match --src fr --tgt zh \"Le chiffre d'affaires a progressé.\"\n"
"  tmgloss match --src zh --min 80 --format=tsv -f phrases.txt\n"),
	.options = match_options,
	.no_xml = 1,
	COMMAND_ARGS(match_defaults),
	.run = match_run,
};
