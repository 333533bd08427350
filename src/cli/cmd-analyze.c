/*
 * cmd-analyze.c -- tmgloss analyze: what documents (XLIFF, PO) will cost
 * to translate with the memory, the match analysis agencies quote from.
 *
 * For each file, then for all of them, the segments, words and characters
 * (with and without spaces) of each band: in-context exact (101 %),
 * repetitions, 100 %, then the fuzzy bands of --bands, and no match;
 * locked and already translated segments apart (search/analysis.c says
 * what goes where; text/wordcount.c how words are counted).  Text is a
 * table; TSV (a header row with --header) and CSV (always one: what a
 * spreadsheet wants) have one row per file and band,
 * the total's rows with an empty FILE; JSON an object per file and the
 * total.  Band names in TSV, CSV and JSON do not depend on the language:
 * "in-context", "repetitions", "100", "95-99", ..., "no-match",
 * "total", "locked", "translated".
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct analyze_args {
	const char *bands;
	int format;       /* FORMAT_TEXT, _TSV, _JSON or _CSV */
};

static const struct analyze_args analyze_defaults = { 0 };

/* A row to print: its name for scripts, for people, and its figures. */
struct analyze_line {
	char key[16];
	char label[64];
	const struct analysis_row *row;
};

/* The lines of a table: the bands, their total, locked, translated. */
static size_t
analyze_lines(const struct analysis_options *o,
	      const struct analysis_counts *c, struct analysis_row *total,
	      struct analyze_line *lines)
{
	size_t n = 0, rows = ANALYSIS_NO_MATCH(o->nbounds) + 1;

	memset(total, 0, sizeof *total);
	for (size_t r = 0; r < rows; r++) {
		struct analyze_line *l = &lines[n++];

		l->row = &c->rows[r];
		total->segments += c->rows[r].segments;
		wordcount_add(&total->count, &c->rows[r].count);
		if (r == ANALYSIS_IN_CONTEXT) {
			strcpy(l->key, "in-context");
			snprintf(l->label, sizeof l->label, "%s",
				 _("In context (101%)"));
		} else if (r == ANALYSIS_REPETITIONS) {
			strcpy(l->key, "repetitions");
			snprintf(l->label, sizeof l->label, "%s",
				 _("Repetitions"));
		} else if (r == ANALYSIS_NO_MATCH(o->nbounds)) {
			strcpy(l->key, "no-match");
			snprintf(l->label, sizeof l->label, "%s",
				 _("No match"));
		} else {
			size_t b = r - ANALYSIS_FIRST_BAND;
			int lo = o->bounds[b];
			int hi = b == 0 ? 100 : o->bounds[b - 1] - 1;

			if (lo == hi)
				snprintf(l->key, sizeof l->key, "%d", lo);
			else
				snprintf(l->key, sizeof l->key, "%d-%d", lo,
					 hi);
			snprintf(l->label, sizeof l->label, "%s%%", l->key);
		}
	}
	lines[n].row = total;
	strcpy(lines[n].key, "total");
	snprintf(lines[n++].label, sizeof lines->label, "%s", _("Total"));
	lines[n].row = &c->locked;
	strcpy(lines[n].key, "locked");
	snprintf(lines[n++].label, sizeof lines->label, "%s", _("Locked"));
	lines[n].row = &c->translated;
	strcpy(lines[n].key, "translated");
	snprintf(lines[n++].label, sizeof lines->label, "%s",
		 _("Already translated"));
	return n;
}

static void
print_table(const char *title, const struct analysis_options *o,
	    const struct analysis_counts *c)
{
	struct analyze_line lines[ANALYSIS_MAX_ROWS + 3];
	struct analysis_row total;
	const char *heads[] = {
		_("Segments"), _("Words"), _("Characters"),
		_("Without spaces"), _("Percent"),
	};
	size_t widths[5], first = 0, n;

	n = analyze_lines(o, c, &total, lines);
	for (size_t i = 0; i < n; i++)
		if (display_width(lines[i].label) > first)
			first = display_width(lines[i].label);
	for (size_t k = 0; k < 5; k++)
		widths[k] = display_width(heads[k]) > 9
			? display_width(heads[k]) : 9;
	puts(title);
	pad_right(stdout, "", first);
	for (size_t k = 0; k < 5; k++) {
		fputs("  ", stdout);
		pad_left(stdout, heads[k], widths[k]);
	}
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct analysis_row *r = lines[i].row;
		long long figures[4] = { r->segments, r->count.words,
					 r->count.chars,
					 r->count.chars_nospace };
		char buf[32];

		pad_right(stdout, lines[i].label, first);
		for (size_t k = 0; k < 4; k++) {
			format_count(buf, sizeof buf, figures[k]);
			fputs("  ", stdout);
			pad_left(stdout, buf, widths[k]);
		}
		/* the share of the words to translate (not of locked or
		 * translated ones) */
		if (i < n - 2 && total.count.words > 0)
			snprintf(buf, sizeof buf, "%.1f%%", 100.0 *
				 (double)r->count.words /
				 (double)total.count.words);
		else
			buf[0] = '\0';
		fputs("  ", stdout);
		pad_left(stdout, buf, widths[4]);
		putchar('\n');
	}
}

/* A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, quotes doubled. */
static void
csv_field(const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void
print_rows(int format, const char *file, const struct analysis_options *o,
	   const struct analysis_counts *c)
{
	struct analyze_line lines[ANALYSIS_MAX_ROWS + 3];
	struct analysis_row total;
	size_t n = analyze_lines(o, c, &total, lines);

	for (size_t i = 0; i < n; i++) {
		const struct analysis_row *r = lines[i].row;

		if (format == FORMAT_TSV) {
			tsv_field(stdout, file);
			printf("\t%s", lines[i].key);
		} else {
			csv_field(file);
			printf(",%s", lines[i].key);
		}
		printf(format == FORMAT_TSV ? "\t%ld\t%ld\t%ld\t%ld\n"
					     : ",%ld,%ld,%ld,%ld\r\n",
		       r->segments, r->count.words, r->count.chars,
		       r->count.chars_nospace);
	}
}

static void
print_json_counts(const struct analysis_options *o,
		  const struct analysis_counts *c)
{
	struct analyze_line lines[ANALYSIS_MAX_ROWS + 3];
	struct analysis_row total;
	size_t n = analyze_lines(o, c, &total, lines);

	for (size_t i = 0; i < n; i++) {
		const struct analysis_row *r = lines[i].row;

		printf("%s\"%s\": {\"segments\": %ld, \"words\": %ld, "
		       "\"characters\": %ld, \"characters_no_spaces\": %ld}",
		       i ? ",\n    " : "\n    ", lines[i].key, r->segments,
		       r->count.words, r->count.chars,
		       r->count.chars_nospace);
	}
}

static void
print_json_file(int first, const char *file, const struct analysis_options *o,
		const struct analysis_counts *c,
		const struct pretranslate_counts *filled)
{
	printf("%s  {\"file\": ", first ? "" : ",\n");
	json_string(stdout, file);
	json_member(stdout, "format", c->format);
	json_member(stdout, "source_lang", c->srclang[0] ? c->srclang : NULL);
	json_member(stdout, "target_lang", c->tgtlang[0] ? c->tgtlang : NULL);
	fputs(", \"counts\": {", stdout);
	print_json_counts(o, c);
	fputs("}", stdout);
	if (filled)
		printf(", \"filled\": {\"segments\": %ld, \"exact\": %ld, "
		       "\"review\": %ld}", filled->filled, filled->exact,
		       filled->review);
	fputs("}", stdout);
}

/* The printers analyze and pretranslate share: see cli.h. */
void
analyze_print_start(const struct cli *cli, int format)
{
	if (format == FORMAT_TSV)
		tsv_header_to(stdout, cli, "FILE", "BAND", "SEGMENTS", "WORDS",
			      "CHARACTERS", "CHARACTERS_NO_SPACES", NULL);
	else if (format == FORMAT_CSV)
		fputs("FILE,BAND,SEGMENTS,WORDS,CHARACTERS,"
		      "CHARACTERS_NO_SPACES\r\n", stdout);
	else if (format == FORMAT_JSON)
		fputs("{\"files\": [\n", stdout);
}

void
analyze_print_file(int format, int i, const char *file,
		   const struct analysis_options *o,
		   const struct analysis_counts *c,
		   const struct pretranslate_counts *filled)
{
	char title[4200];

	switch (format) {
	case FORMAT_TEXT:
		/* TRANSLATORS: file name, its format (PO, XLIFF
		 * 1.2), source and target languages */
		snprintf(title, sizeof title, _("%s (%s, %s \xe2\x86\x92 "
						"%s)"), file,
			 c->format, c->srclang[0] ? c->srclang : "?",
			 c->tgtlang[0] ? c->tgtlang : "?");
		if (i)
			putchar('\n');
		print_table(title, o, c);
		if (filled) {
			printf(ngettext("Filled: %ld segment", "Filled: %ld "
					"segments", (unsigned long)
					filled->filled), filled->filled);
			printf(ngettext(" (%ld to review)\n",
					" (%ld to review)\n",
					(unsigned long)filled->review),
			       filled->review);
		}
		break;
	case FORMAT_TSV:
	case FORMAT_CSV:
		print_rows(format, file, o, c);
		break;
	case FORMAT_JSON:
		print_json_file(i == 0, file, o, c, filled);
		break;
	}
	fflush(stdout);
}

void
analyze_print_end(int format, int files, const struct analysis_options *o,
		  const struct analysis_counts *sum)
{
	switch (format) {
	case FORMAT_TEXT:
		if (files > 1) {
			char title[128];

			snprintf(title, sizeof title, ngettext(
					 "Total (%d file)", "Total (%d files)",
					 (unsigned long)files), files);
			putchar('\n');
			print_table(title, o, sum);
		}
		break;
	case FORMAT_TSV:
	case FORMAT_CSV:
		print_rows(format, "", o, sum);
		break;
	case FORMAT_JSON:
		fputs("\n],\n\"total\": {", stdout);
		print_json_counts(o, sum);
		fputs("}}\n", stdout);
		break;
	}
}

/* "100,95,85,75,50" into o->bounds; -1 when it is not that. */
int
analyze_parse_bands(const char *arg, struct analysis_options *o)
{
	const char *p = arg;

	o->nbounds = 0;
	for (;;) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p || v < 1 || v > 100 ||
		    o->nbounds == ANALYSIS_MAX_BANDS ||
		    (o->nbounds && v >= o->bounds[o->nbounds - 1]))
			return -1;
		o->bounds[o->nbounds++] = (int)v;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		p = end + 1;
	}
}

void
analyze_warning(void *data, const struct tmg_error *warning)
{
	char buf[2200];

	(void)data;
	tmg_error_format(warning, buf, sizeof buf);
	cli_error(_("warning: %s"), buf);
}

static int
analyze_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct analyze_args *args = data;
	struct analysis_options options = {
		.bounds = { 100, 95, 85, 75, 50 }, .nbounds = 5,
	};
	struct analysis_counts counts, sum;
	struct tmg_memory *memory = NULL;
	struct tmg_error err = { 0 };
	struct analysis *analysis = NULL;
	int format = args->format;

	if (argc == 0)
		return cli_usage_error(&cmd_analyze_entry, "%s",
				       _("give the documents to analyse"));
	if (args->bands && analyze_parse_bands(args->bands, &options) < 0)
		return cli_usage_error(&cmd_analyze_entry, _("--bands '%s': "
				"give up to 10 scores from 1 to 100, highest "
				"first, separated by commas "
				"(100,95,85,75,50)"), args->bands);
	options.src = cli->src.arg ? cli->src.tag : NULL;
	options.tgt = cli->tgt.arg ? cli->tgt.tag : NULL;
	if ((memory = cli_open_for_search(cli, 1, INDEX_FUZZY)) == NULL)
		return EXIT_DATA;
	analysis = analysis_new(memory, &options);
	memset(&sum, 0, sizeof sum);
	analyze_print_start(cli, format);
	for (int i = 0; i < argc; i++) {
		if (analysis_file(analysis, argv[i], analyze_warning, NULL,
				  &counts, &err) < 0)
			goto out;
		analysis_counts_add(&sum, &counts);
		analyze_print_file(format, i, argv[i], &options, &counts,
				   NULL);
	}
	analyze_print_end(format, argc, &options, &sum);
out:
	analysis_free(analysis);
	return cli_finish(memory, &err, EXIT_OK);
}

static const struct cli_option analyze_options[] = {
	CLI_SRC(N_("language of the documents' sources (default: the\n"
		   "document's, else the memory's only one)")),
	CLI_TGT(N_("language of the translations (default: the\n"
		   "document's, else the memory's only one)")),
	CLI_STRING("bands", 0, "LIST", struct analyze_args, bands,
		   N_("lowest score of each fuzzy band, highest first\n"
		      "(default 100,95,85,75,50)")),
	CLI_FORMAT_OF(struct analyze_args, format,
		      FORMATS_OUTPUT | FORMAT_BIT(FORMAT_CSV),
		      N_("text (default): a table per file and the total;\n"
			 "tsv, csv: FILE, BAND, SEGMENTS, WORDS, CHARACTERS,\n"
			 "CHARACTERS_NO_SPACES, a row per file and band, the\n"
			 "total's with an empty FILE (csv always starts with\n"
			 "a row of these names, tsv with --header only);\n"
			 "json: the same as objects")),
	CLI_OPTIONS_END
};

const struct command cmd_analyze_entry = {
	.name = "analyze",
	.summary = N_("Count what documents will cost: the match analysis."),
	.usage = N_("[--src L] [--tgt L] [--bands LIST] [--format=F] "
		    "FILE..."),
	.help = N_(
"Reads each FILE, an XLIFF or PO document, and counts its segments, words\n"
"and characters by how well the memory matches them: in context (101%: a\n"
"100% match taken between the same neighbours), repetitions (a source met\n"
"before in the files analysed: the first counts as new), 100%, the fuzzy\n"
"bands of --bands, and no match.  Locked (translate=\"no\") and already\n"
"translated segments are counted apart.  Words are counted as\n"
"translators are paid: by word boundaries, a number one word, each\n"
"Chinese or Japanese character one word; an inline code is no word.\n"),
	.examples = N_(
"  tmgloss analyze --tgt zh manual.xlf\n"
"  tmgloss analyze --format=csv --bands 100,90,70 *.po > quote.csv\n"),
	.options = analyze_options,
	COMMAND_ARGS(analyze_defaults),
	.run = analyze_run,
};
