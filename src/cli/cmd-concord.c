/*
 * cmd-concord.c -- tmgloss concord: how a word or phrase has been
 * translated, as keyword in context with the aligned translation.
 *
 * What matches is described at the top of src/concord.c: the words in a
 * row, case- and accent-insensitive, Chinese as a substring, Traditional
 * and Simplified alike.  With --format=tsv each hit is one line
 * LEFT<TAB>KEYWORD<TAB>RIGHT<TAB>TRANSLATION<TAB>ORIGIN, the segment being
 * LEFT KEYWORD RIGHT.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/utf8.h>

#include "cli.h"

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

static void
tsv_part(const char *s, size_t len)
{
	char *copy = strndup(s, len);

	if (copy) {
		tsv_field(stdout, copy);
		free(copy);
	}
}

static void
print_tsv(const struct concord_hits *hits)
{
	for (size_t i = 0; i < hits->count; i++) {
		const struct concord_hit *h = &hits->items[i];
		tsv_part(h->text, h->match_start);
		putchar('\t');
		tsv_part(h->text + h->match_start,
			 h->match_end - h->match_start);
		putchar('\t');
		tsv_field(stdout, h->text + h->match_end);
		putchar('\t');
		tsv_field(stdout, h->other);
		putchar('\t');
		tsv_field(stdout, h->origin ? h->origin : "");
		putchar('\n');
	}
}

static void
json_part(const char *s, size_t len)
{
	char *copy = strndup(s, len);

	if (copy) {
		json_string(stdout, copy);
		free(copy);
	}
}

static void
print_json(const struct concord_hits *hits)
{
	fputs("[", stdout);
	for (size_t i = 0; i < hits->count; i++) {
		const struct concord_hit *h = &hits->items[i];
		fputs(i ? ",\n {\"text\": " : "\n {\"text\": ", stdout);
		json_string(stdout, h->text);
		fputs(", \"lang\": ", stdout);
		json_string(stdout, h->text_lang);
		fputs(", \"left\": ", stdout);
		json_part(h->text, h->match_start);
		fputs(", \"keyword\": ", stdout);
		json_part(h->text + h->match_start,
			  h->match_end - h->match_start);
		fputs(", \"right\": ", stdout);
		json_string(stdout, h->text + h->match_end);
		fputs(", \"translation\": ", stdout);
		json_string(stdout, h->other);
		fputs(", \"translation_lang\": ", stdout);
		json_string(stdout, h->other_lang);
		fputs(", \"origin\": ", stdout);
		if (h->origin)
			json_string(stdout, h->origin);
		else
			fputs("null", stdout);
		putchar('}');
	}
	puts(hits->count ? "\n]" : "]");
}

static int
cmd_concord(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "in", required_argument, NULL, 'i' },
		{ "max", required_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = &cmd_concord_entry;
	struct concord_options opt = { 0 };
	struct concord_hits hits;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	enum output_format format = FORMAT_TEXT;
	const char *src = NULL, *tgt = NULL;
	char src_lang[TMG_LANG_MAX], tgt_lang[TMG_LANG_MAX];
	struct strbuf_like { char *buf; size_t len; } phrase = { 0 };
	long v;
	int c, status = EXIT_DATA;

	opt.max_hits = 20;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 's': src = optarg; break;
		case 't': tgt = optarg; break;
		case 'i':
			if (strcmp(optarg, "source") == 0)
				opt.in_target = 0;
			else if (strcmp(optarg, "target") == 0)
				opt.in_target = 1;
			else
				return cli_usage_error(cmd, _("--in wants "
					"source or target, not '%s'"), optarg);
			break;
		case 'n':
			if (cli_parse_number(cmd, "--max", optarg, 1, 1000000,
					     &v) < 0)
				return EXIT_USAGE;
			opt.max_hits = (size_t)v;
			break;
		case 'F':
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
		return cli_usage_error(cmd, "%s", _("give the words to look "
						    "for"));
	if ((src && cli_parse_language(cmd, src, NULL) < 0) ||
	    (tgt && cli_parse_language(cmd, tgt, NULL) < 0))
		return EXIT_USAGE;
	/* the words of all arguments, as one phrase */
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);
		char *grown = realloc(phrase.buf, phrase.len + n + 2);
		if (grown == NULL) {
			free(phrase.buf);
			cli_error("%s", _("out of memory"));
			return EXIT_DATA;
		}
		phrase.buf = grown;
		if (phrase.len)
			phrase.buf[phrase.len++] = ' ';
		memcpy(phrase.buf + phrase.len, argv[i], n + 1);
		phrase.len += n;
	}

	if ((memory = cli_open_memory(cli)) == NULL) {
		free(phrase.buf);
		return EXIT_DATA;
	}
	if (cli_require_units(cli, memory) < 0 ||
	    cli_update_indexes(memory) < 0)
		goto out;
	if (fuzzy_default_languages(memory, src, src_lang, tgt_lang,
				    &err) < 0) {
		cli_report(&err);
		goto out;
	}
	if (tgt)
		snprintf(tgt_lang, sizeof tgt_lang, "%s", tgt);
	if (src_lang[0] == '\0' || tgt_lang[0] == '\0') {
		status = cli_usage_error(cmd, "%s", _("the memory has several "
				"language pairs: say which with --src and "
				"--tgt"));
		goto out;
	}
	opt.src = src_lang;
	opt.tgt = tgt_lang;
	if (concord_search(memory, phrase.buf, &opt, &hits, &err) < 0) {
		if (err.file[0] == '\0')
			snprintf(err.file, sizeof err.file, "%s",
				 _("argument"));
		cli_report(&err);
		goto out;
	}
	switch (format) {
	case FORMAT_TEXT:
		print_text(&hits, isatty(STDOUT_FILENO) &&
			   getenv("NO_COLOR") == NULL);
		break;
	case FORMAT_TSV: print_tsv(&hits); break;
	case FORMAT_JSON: print_json(&hits); break;
	}
	concord_hits_clear(&hits);
	status = EXIT_OK;
out:
	free(phrase.buf);
	memory_close(memory);
	return status;
}

const struct command cmd_concord_entry = {
	.name = "concord",
	.summary = N_("Show how words have been translated (concordance)."),
	.usage = N_("[--src L] [--tgt L] [--in source|target] [--max N] "
		    "[--format=F] WORDS..."),
	.help = N_(
"Lists the units whose source (or, with --in target, whose translation)\n"
"contains WORDS in a row, with some context and the aligned translation,\n"
"in the order they were stored.  Case, accents and Traditional versus\n"
"Simplified characters do not matter; Chinese is found as a substring.\n"
"\n"
"Options:\n"
"      --src L        source language (default: the memory's)\n"
"      --tgt L        target language (default: the memory's other one)\n"
"      --in SIDE      source (default) or target\n"
"      --max N        most units shown (default 20)\n"
"      --format=F     text (default); tsv: LEFT, KEYWORD, RIGHT,\n"
"                     TRANSLATION, ORIGIN; json: an array of objects\n"
"\n"
"Examples:\n"
"  tmgloss concord --src fr --tgt zh \"intelligence artificielle\"\n"
"  tmgloss concord --src fr --tgt zh --in target 具身智能\n"),
	.run = cmd_concord,
};
