/*
 * cmd-terms.c -- tmgloss terms: the glossary terms in a text and their
 * translations.
 *
 * tmgloss terms [--src L] [--tgt L] [--format=text|tsv|json] TEXT...
 * tmgloss terms [--src L] [--tgt L] [--format=...] -f FILE
 *
 * TEXT arguments are joined with single spaces into one text; FILE ("-" for
 * standard input) is read whole and must be UTF-8 (a BOM is skipped).
 * Offsets are code points of that text, end exclusive.  Without --src the
 * language is guessed: Chinese when Han characters outnumber letters, else
 * the glossary's most common language that is not Chinese; two languages
 * with as many terms are a tie, and the user is asked for --src.
 *
 * Output: text (one hit per line, its translations after an arrow), tsv
 * (START END MATCHED TERM TRANSLATION STATUS PROPOSED, the preferred
 * translation, the term's own status, "proposed" for a draft's term not
 * yet approved -- TBX processStatus provisionallyProcessed, as extract
 * writes -- else empty), json (every translation, "proposed": true or
 * false).  Exit status 0 whether or not terms were found; 1 for
 * unreadable input.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

/* Is the text mostly Han?  Counts code points by their lead byte range:
 * Han is U+3400-U+9FFF (lead bytes E3-E9) and the extensions (F0). */
static int
mostly_han(const char *s)
{
	long han = 0, letters = 0;
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			letters++;
		else if ((*p >= 0xe3 && *p <= 0xe9) || *p == 0xf0)
			han += 2;  /* one Han character is worth a short word */
	}
	return han > letters;
}

/*
 * The language to read the text in when --src is not given: of the
 * glossary's languages written like the text (Chinese or not), the one
 * with the most terms, a tag answering another counting for both ("zh"
 * takes "zh-CN").  Two languages with as many terms each are a tie: the
 * text could be in either, and guessing one would show nothing when the
 * text is in the other, so the user is asked for --src.  Returns 0, or
 * -1 after saying why.
 */
static int
guess_language(struct tmg_memory *memory, const char *text, char *out,
	       size_t size)
{
	struct tmg_error err = { 0 };
	struct glossary_stats stats = { 0 };
	const char *best = NULL, *tied = NULL;
	long best_count = 0;
	int han = mostly_han(text);

	if (glossary_get_stats(memory, &stats, &err) < 0) {
		cli_report(&err);
		return -1;
	}
	for (size_t i = 0; i < stats.nlanguages; i++) {
		const char *lang = stats.languages[i].name;
		long count = 0;

		if (lang_matches("zh", lang, 0) != han)
			continue;
		for (size_t k = 0; k < stats.nlanguages; k++)
			if (lang_matches(lang, stats.languages[k].name, 0))
				count += stats.languages[k].count;
		if (best && (lang_matches(best, lang, 0) ||
			     lang_matches(lang, best, 0))) {
			if (count > best_count) {
				best = lang; /* the broader tag */
				best_count = count;
			}
			continue;
		}
		if (best == NULL || count > best_count) {
			best = lang;
			best_count = count;
			tied = NULL;
		} else if (count == best_count) {
			tied = lang;
		}
	}
	if (best && tied) {
		cli_error(_("the text could be in %s or in %s (the glossary "
			    "holds as many terms in each): give its language "
			    "with --src"), best, tied);
		glossary_stats_free(&stats);
		return -1;
	}
	snprintf(out, size, "%s", best ? best : han ? "zh" : "fr");
	glossary_stats_free(&stats);
	return 0;
}

static const char *
preferred_translation(const struct term_hit *h)
{
	return h->ntranslations ? h->translations[0].text : "";
}

static void
print_text(const struct term_hit *h)
{
	char span[48];

	snprintf(span, sizeof span, "%d-%d", (int)h->start, (int)h->end);
	pad_right(stdout, span, 10);
	fputs(h->matched, stdout);
	if (strcmp(h->matched, h->term) != 0)
		printf("  [%s]", h->term);
	if (h->status == TERM_DEPRECATED)
		printf("  (%s)", _("deprecated term"));
	if (h->proposed)
		printf("  (%s)", _("proposed term"));
	fputs("  \xe2\x86\x92 ", stdout);
	for (size_t i = 0; i < h->ntranslations; i++)
		print_translation(stdout, i == 0, h->translations[i].text,
				  h->translations[i].status, 1);
	if (h->ntranslations == 0)
		fputs(_("(no translation)"), stdout);
	putchar('\n');
}

static void
print_tsv(const struct term_hit *h)
{
	printf("%d\t%d\t", (int)h->start, (int)h->end);
	tsv_row(stdout, h->matched, h->term, preferred_translation(h),
		term_status_name(h->status), h->proposed ? "proposed" : "",
		NULL);
}

static void
print_json(const struct term_hit *h, int first)
{
	printf("%s\n  {\"start\": %d, \"end\": %d, \"byte_start\": %d, "
	       "\"byte_end\": %d, \"matched\": ", first ? "" : ",",
	       (int)h->start, (int)h->end, (int)h->byte_start,
	       (int)h->byte_end);
	json_string(stdout, h->matched);
	json_member(stdout, "term", h->term);
	json_member(stdout, "lang", h->lang);
	json_member(stdout, "status", term_status_name(h->status));
	printf(", \"deprecated\": %s, \"proposed\": %s, \"concept\": %lld",
	       h->status == TERM_DEPRECATED ? "true" : "false",
	       h->proposed ? "true" : "false", (long long)h->concept);
	json_member(stdout, "subject_field", h->subject_field);
	fputs(", \"translations\": [", stdout);
	for (size_t i = 0; i < h->ntranslations; i++) {
		const struct term_translation *t = &h->translations[i];
		json_translation(stdout, i == 0, t->lang, t->text, t->status);
	}
	fputs("]}", stdout);
}

struct terms_args {
	const char *file;
};

static const struct terms_args terms_defaults;

/* The text to look in: FILE, or the arguments joined by spaces, into sb;
 * returns it (after a BOM), or NULL after reporting that it is not
 * UTF-8 or cannot be read. */
static const char *
read_text(const char *file, int argc, char **argv, struct strbuf *sb)
{
	const char *text;

	if (file) {
		if (cli_read_file(file, sb) < 0)
			return NULL;
	} else {
		for (int i = 0; i < argc; i++) {
			if (i > 0)
				strbuf_addch(sb, ' ');
			strbuf_addstr(sb, argv[i]);
		}
	}
	text = sb->buf ? sb->buf : "";
	text += cli_bom_length(text, sb->len);
	if (text_invalid_utf8(text, strlen(text)) >= 0 ||
	    strlen(text) != sb->len - (size_t)(text - sb->buf)) {
		cli_error(_("%s: the text is not UTF-8"),
			  file ? file : _("(arguments)"));
		return NULL;
	}
	return text;
}

static void
print_hits(const struct cli *cli, const struct term_hits *hits)
{
	enum output_format format = cli->format;

	tsv_header(cli, "start", "end", "matched", "term", "translation",
		   "status", "proposed", NULL);
	if (format == FORMAT_JSON)
		fputs("[", stdout);
	for (size_t i = 0; i < hits->count; i++) {
		if (format == FORMAT_TSV)
			print_tsv(&hits->items[i]);
		else if (format == FORMAT_JSON)
			print_json(&hits->items[i], i == 0);
		else
			print_text(&hits->items[i]);
	}
	if (format == FORMAT_JSON)
		puts(hits->count ? "\n]" : "]");
}

static int
terms_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct terms_args *args = data;
	char src[TMG_LANG_MAX];
	const char *text;
	struct strbuf input = { 0 };
	struct tmg_memory *memory = NULL;
	struct term_finder *finder = NULL;
	struct term_hits hits = { 0 };
	struct tmg_error err = { 0 };
	int status = EXIT_DATA;

	if (args->file && argc > 0)
		return cli_usage_error(&cmd_terms_entry, "%s",
				       _("give a TEXT or -f FILE, not both"));
	if (!args->file && argc == 0)
		return cli_usage_error(&cmd_terms_entry, "%s",
				       _("no text: give TEXT or -f FILE"));
	if ((text = read_text(args->file, argc, argv, &input)) == NULL)
		goto out;
	if ((memory = cli_open_memory(cli)) == NULL)
		goto out;
	snprintf(src, sizeof src, "%s", cli->src.tag);
	if (src[0] == '\0' && guess_language(memory, text, src,
					     sizeof src) < 0)
		goto out;
	finder = term_finder_open(memory, src,
				  cli->tgt.arg ? cli->tgt.tag : NULL, &err);
	if (finder == NULL || term_finder_find(finder, text, &hits, &err) < 0) {
		if (args->file && err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s", args->file);
		goto out;
	}
	print_hits(cli, &hits);
	status = EXIT_OK;
out:
	term_hits_clear(&hits);
	term_finder_close(finder);
	strbuf_release(&input);
	return cli_finish(memory, &err, status);
}

static const struct cli_option terms_options[] = {
	CLI_SRC(N_("language of the text (default: guessed, Chinese\n"
		   "when mostly Han, else the glossary's main one)")),
	CLI_TGT(N_("translations in this language only (default: all\n"
		   "other languages)")),
	CLI_STRING("file", 'f', "FILE", struct terms_args, file,
		   N_("read the text from FILE ('-' for standard input)")),
	CLI_FORMAT(N_("text (default), tsv (START END MATCHED TERM\n"
		      "TRANSLATION STATUS PROPOSED) or json (all\n"
		      "translations)")),
	CLI_OPTIONS_END
};

const struct command cmd_terms_entry = {
	.name = "terms",
	.summary = N_("Find the glossary terms in a text, with translations."),
	.usage = N_("[OPTIONS] TEXT... | -f FILE"),
	.help = N_(
"Finds every glossary term in the text: case and accents do not matter,\n"
"French plurals and feminines match (Snowball stemming), elided articles\n"
"are skipped (l'intelligence artificielle), Traditional Chinese finds\n"
"Simplified terms, and where terms overlap the longest wins.  Each hit shows\n"
"its span (code points, end exclusive), the text as matched, the glossary\n"
"term and its translations, preferred first; a deprecated term is flagged,\n"
"and so is a proposed one (a draft's term not yet approved, as extract\n"
"writes them).\n"),
	.examples = N_(
"  tmgloss terms --src fr --tgt zh \"les modèles d'IA générative\"\n"
"  tmgloss terms --format=tsv -f demo/paragraph.zh.txt\n"),
	.options = terms_options,
	COMMAND_ARGS(terms_defaults),
	.run = terms_run,
};
