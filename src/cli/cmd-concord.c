/*
 * cmd-concord.c -- tmgloss concord: how a word or phrase has been
 * translated, as keyword in context with the aligned translation.
 *
 * What matches is described at the top of src/search/concord.c: the
 * words in a row, case- and accent-insensitive, French in any inflected
 * form (with --substring, parts of words), Chinese as a substring,
 * Traditional and Simplified alike.  With --format=tsv each hit is one
 * line LEFT, KEYWORD, RIGHT, TRANSLATION, ORIGIN, UNIT_ID, TUID, QUERY
 * (tab-separated), the segment being LEFT KEYWORD RIGHT; columns are only
 * added at the end, so that scripts reading the first ones keep working.
 * A search without a hit is one line with only QUERY filled (JSON: one
 * object with "query" and null members), so that it differs from no
 * search at all.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "cli.h"
#include "base/xalloc.h"

/* Characters of context shown on each side in text output. */
#define CONTEXT_CHARS 32

/* Start of the last `n` characters of s[0..end). */
static size_t
back_chars(const char *s, size_t end, int n)
{
	int32_t i = (int32_t)end;

	while (n-- > 0 && i > 0)
		U8_BACK_1((const uint8_t *)s, 0, i);
	return (size_t)i;
}

/* End of the first `n` characters of s from `start`. */
static size_t
forward_chars(const char *s, size_t start, int n)
{
	int32_t i = (int32_t)start, len = (int32_t)strlen(s);

	while (n-- > 0 && i < len)
		U8_FWD_1((const uint8_t *)s, i, len);
	return (size_t)i;
}

static void
print_flat(const char *s, size_t len)
{
	/* keep one hit on one line */
	for (size_t i = 0; i < len; i++)
		putchar(s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' '
								      : s[i]);
}

static void
print_text(const struct concord_hits *hits, int color)
{
	for (size_t i = 0; i < hits->count; i++) {
		const struct concord_hit *h = &hits->items[i];
		size_t left = back_chars(h->text, h->match_start,
					 CONTEXT_CHARS);
		size_t right = forward_chars(h->text, h->match_end,
					     CONTEXT_CHARS);

		fputs(left > 0 ? "\xe2\x80\xa6" : " ", stdout);
		print_flat(h->text + left, h->match_start - left);
		fputs(color ? "\033[1;33m" : "[", stdout);
		print_flat(h->text + h->match_start,
			   h->match_end - h->match_start);
		fputs(color ? "\033[m" : "]", stdout);
		print_flat(h->text + h->match_end, right - h->match_end);
		if (h->text[right])
			fputs("\xe2\x80\xa6", stdout);
		fputs("\n    ", stdout);
		print_flat(h->other, strlen(h->other));
		if (h->origin)
			printf("  (%s)", h->origin);
		putchar('\n');
	}
	if (hits->more)
		printf(_("(more matches: raise --max to see them)\n"));
}

/* The text before the keyword and the keyword, as strings (to free); the
 * text after it is h->text + h->match_end. */
struct hit_parts {
	char *left, *keyword;
};

static void
hit_parts_split(const struct concord_hit *h, struct hit_parts *p)
{
	p->left = xstrndup(h->text, h->match_start);
	p->keyword = xstrndup(h->text + h->match_start,
			      h->match_end - h->match_start);
}

static void
hit_parts_free(struct hit_parts *p)
{
	free(p->left);
	free(p->keyword);
}

static void
print_tsv(const char *query, const struct concord_hits *hits)
{
	if (hits->count == 0) {
		/* seven empty fields, then QUERY */
		fputs("\t\t\t\t\t\t\t", stdout);
		tsv_row(stdout, query, NULL);
	}
	for (size_t i = 0; i < hits->count; i++) {
		const struct concord_hit *h = &hits->items[i];
		struct hit_parts p;
		char id[24];

		hit_parts_split(h, &p);
		snprintf(id, sizeof id, "%lld", (long long)h->unit_id);
		tsv_row(stdout, p.left, p.keyword, h->text + h->match_end,
			h->other, h->origin ? h->origin : "", id,
			h->tuid ? h->tuid : "", query, NULL);
		hit_parts_free(&p);
	}
}

static void
print_json(const char *query, const struct concord_hits *hits)
{
	static const char *const members[] = {
		"text", "lang", "left", "keyword", "right", "translation",
		"translation_lang", "origin", "unit_id", "tuid",
	};

	fputs("[", stdout);
	if (hits->count == 0) {
		fputs("\n {\"query\": ", stdout);
		json_string(stdout, query);
		for (size_t m = 0; m < sizeof members / sizeof *members; m++)
			printf(", \"%s\": null", members[m]);
		fputs("}", stdout);
	}
	for (size_t i = 0; i < hits->count; i++) {
		const struct concord_hit *h = &hits->items[i];
		struct hit_parts p;

		hit_parts_split(h, &p);
		fputs(i ? ",\n {\"query\": " : "\n {\"query\": ", stdout);
		json_string(stdout, query);
		json_member(stdout, "text", h->text);
		json_member(stdout, "lang", h->text_lang);
		json_member(stdout, "left", p.left);
		json_member(stdout, "keyword", p.keyword);
		json_member(stdout, "right", h->text + h->match_end);
		json_member(stdout, "translation", h->other);
		json_member(stdout, "translation_lang", h->other_lang);
		json_member(stdout, "origin", h->origin);
		printf(", \"unit_id\": %lld", (long long)h->unit_id);
		json_member(stdout, "tuid", h->tuid);
		putchar('}');
		hit_parts_free(&p);
	}
	puts("\n]");
}

struct concord_args {
	int in;                /* 1 + the index in concord_sides */
	long max;
	int substring;
};

static const struct concord_args concord_defaults = { .max = 20 };

static const char *const concord_sides[] = { "source", "target", NULL };

/* The words of all arguments, as one phrase (to free). */
static char *
join_words(int argc, char **argv)
{
	struct strbuf phrase = { 0 };

	for (int i = 0; i < argc; i++) {
		if (i > 0)
			strbuf_addch(&phrase, ' ');
		strbuf_addstr(&phrase, argv[i]);
	}
	return strbuf_detach(&phrase);
}

/* --src and --tgt, else the memory's only pair, into opt. */
static int
concord_languages(struct cli *cli, struct tmg_memory *memory,
		  const char *phrase, char *src, char *tgt,
		  struct concord_options *opt)
{
	struct tmg_error err = { 0 };

	/* the phrase's script tells a fr->zh memory's source from a zh->fr
	 * one's */
	if (fuzzy_default_languages(memory, cli->src.arg, cli->tgt.arg,
				    opt->in_target ? NULL : phrase, src, tgt,
				    &err) < 0) {
		cli_report(&err);
		return EXIT_DATA;
	}
	if (src[0] == '\0' || tgt[0] == '\0')
		return cli_usage_error(&cmd_concord_entry, "%s", _("the memory "
				"has several language pairs: say which with "
				"--src and --tgt"));
	opt->src = src;
	opt->tgt = tgt;
	return EXIT_OK;
}

static int
concord_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct concord_args *args = data;
	struct concord_options opt = { 0 };
	struct concord_hits hits;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	char src_lang[TMG_LANG_MAX], tgt_lang[TMG_LANG_MAX], *phrase;
	int status;

	if (argc == 0)
		return cli_usage_error(&cmd_concord_entry, "%s",
				       _("give the words to look for"));
	opt.in_target = args->in == 2;
	opt.substring = args->substring;
	opt.max_hits = (size_t)args->max;
	if ((memory = cli_open_memory_to_search(cli)) == NULL)
		return EXIT_DATA;
	phrase = join_words(argc, argv);
	status = EXIT_DATA;
	if (cli_require_units(cli, memory) < 0)
		goto out;
	/* the languages before the indexes: a wrong one is said at once */
	if ((status = concord_languages(cli, memory, phrase, src_lang,
					tgt_lang, &opt)) != EXIT_OK)
		goto out;
	if (cli_ready_to_search(memory, INDEX_FUZZY | INDEX_STEMS) < 0) {
		status = EXIT_DATA;
		goto out;
	}
	if (concord_search(memory, phrase, &opt, &hits, &err) < 0) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s",
				 _("argument"));
		goto out;
	}
	tsv_header(cli, "left", "keyword", "right", "translation", "origin",
		   "unit_id", "tuid", "query", NULL);
	switch (cli->format) {
	case FORMAT_TEXT:
		print_text(&hits, cli_use_colour(stdout));
		break;
	case FORMAT_TSV: print_tsv(phrase, &hits); break;
	case FORMAT_JSON: print_json(phrase, &hits); break;
	}
	concord_hits_clear(&hits);
out:
	free(phrase);
	return cli_finish(memory, &err, status);
}

static const struct cli_option concord_options[] = {
	CLI_SRC(N_("source language (default: the memory's)")),
	CLI_TGT(N_("target language (default: the memory's other one)")),
	CLI_CHOICE("in", 0, "SIDE", struct concord_args, in, 0, concord_sides,
		   N_("--in wants source or target, not '%s'"),
		   N_("source (default) or target")),
	CLI_NUMBER("max", "N", struct concord_args, max, 1, 1000000,
		   N_("most units shown (default 20)")),
	CLI_SWITCH("substring", 0, struct concord_args, substring,
		   N_("a word also matches the words that contain it\n"
		      "(\"labo\" finds \"laboratoires\")")),
	CLI_FORMAT(N_("text (default); tsv: LEFT, KEYWORD, RIGHT,\n"
		      "TRANSLATION, ORIGIN, UNIT_ID, TUID, QUERY (new\n"
		      "columns come last; no match: one line with only\n"
		      "QUERY); json: an array of objects (no match: one\n"
		      "with the query and nulls)")),
	CLI_OPTIONS_END
};

const struct command cmd_concord_entry = {
	.name = "concord",
	.summary = N_("Show how words have been translated (concordance)."),
	.usage = N_("[--src L] [--tgt L] [--in source|target] [--max N] "
		    "[--substring] [--format=F] WORDS..."),
	.help = N_(
"Lists the units whose source (or, with --in target, whose translation)\n"
"contains WORDS in a row, with some context and the aligned translation,\n"
"in the order they were stored.  Case, accents and Traditional versus\n"
"Simplified characters do not matter; a French word is found in all its\n"
"forms (laboratoire finds laboratoires), and with --substring inside\n"
"longer words; Chinese is found as a substring.  In a segment of more\n"
"than 5,000 words, only the first 5,000 are searched.\n"),
	.examples = N_(
"  tmgloss concord --src fr --tgt zh \"intelligence artificielle\"\n"
"  tmgloss concord --src fr --tgt zh --in target 具身智能\n"),
	.options = concord_options,
	COMMAND_ARGS(concord_defaults),
	.run = concord_run,
};
