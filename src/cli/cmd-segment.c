/*
 * cmd-segment.c -- tmgloss segment: cut text into sentences, or show the
 * tokens the matcher sees.
 *
 * tmgloss segment [--lang L] [--words[=match|terms]] [--srx FILE]
 *                 [--format=text|tsv|json] [FILE]
 *
 * Reads FILE (or standard input, or "-") whole; it must be UTF-8 (a BOM is
 * skipped).  Without --srx the sentences come from text_sentences() (ICU
 * with our corrections), with it from the SRX file's rules for L.  Offsets
 * in tsv and json output are code points and bytes of the input after the
 * BOM.  The memory is not opened.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

struct segment_options {
	const char *lang;
	const char *srx;
	int words;
	enum tokenize_mode mode;
	int key_flags;
	const struct cli *cli;     /* --format, --header */
};

/* Check that the input is UTF-8 without NUL; prints file:line:column. */
static int
check_utf8(const char *path, const char *s, size_t len)
{
	long bad = text_invalid_utf8(s, len), line = 1, column = 1;
	struct tmg_error err = { 0 };

	if (bad < 0)
		return 0;
	for (long i = 0; i < bad; i++) {
		if (s[i] == '\n') {
			line++;
			column = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			column++;
		}
	}
	if (s[bad] == '\0')
		tmg_error_set(&err, path, line, column, "%s",
			      _("NUL byte in text"));
	else
		tmg_error_set(&err, path, line, column,
			      _("invalid UTF-8 (byte 0x%02X at offset %ld)"),
			      (unsigned)(unsigned char)s[bad], bad);
	cli_report(&err);
	return -1;
}

/* Text output: line breaks inside a sentence become one space. */
static void
print_one_line(const char *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			while (i + 1 < n && (s[i + 1] == '\n' ||
					     s[i + 1] == '\r' ||
					     s[i + 1] == ' ' ||
					     s[i + 1] == '\t'))
				i++;
			putchar(' ');
		} else {
			putchar(s[i]);
		}
	}
	putchar('\n');
}

static char *
slice(const char *s, int32_t start, int32_t end)
{
	return xstrndup(s + start, (size_t)(end - start));
}

/* What comes before the records of a list: the opening of a JSON
 * array (the TSV header line is tsv_header()'s). */
static void
list_begin(enum output_format format)
{
	if (format == FORMAT_JSON)
		putchar('[');
}

/* What ends a list of `count` records. */
static void
list_end(enum output_format format, size_t count)
{
	if (format == FORMAT_JSON)
		puts(count ? "\n]" : "]");
}

static void
print_sentences(const char *text, const struct text_spans *spans,
		const struct cli *cli)
{
	enum output_format format = cli->format;

	tsv_header(cli, "paragraph", "start", "end", "byte_start", "byte_end",
		   "sentence", NULL);
	list_begin(format);
	for (size_t i = 0; i < spans->count; i++) {
		const struct text_span *sp = &spans->items[i];
		char *s = slice(text, sp->byte_start, sp->byte_end);

		switch (format) {
		case FORMAT_TEXT:
			print_one_line(s, sp->byte_end - sp->byte_start);
			break;
		case FORMAT_TSV:
			printf("%d\t%d\t%d\t%d\t%d\t", (int)sp->paragraph,
			       (int)sp->start, (int)sp->end,
			       (int)sp->byte_start, (int)sp->byte_end);
			tsv_field(stdout, s);
			putchar('\n');
			break;
		case FORMAT_JSON:
			printf("%s\n {\"paragraph\": %d, \"start\": %d, "
			       "\"end\": %d, \"byte_start\": %d, "
			       "\"byte_end\": %d, \"text\": ", i ? "," : "",
			       (int)sp->paragraph, (int)sp->start,
			       (int)sp->end, (int)sp->byte_start,
			       (int)sp->byte_end);
			json_string(stdout, s);
			putchar('}');
			break;
		}
		free(s);
	}
	list_end(format, spans->count);
}

static void
print_tokens(const char *text, const struct text_tokens *tokens,
	     const struct cli *cli)
{
	enum output_format format = cli->format;

	tsv_header(cli, "token", "kind", "start", "end", "byte_start",
		   "byte_end", "key", NULL);
	list_begin(format);
	for (size_t i = 0; i < tokens->count; i++) {
		const struct text_token *t = &tokens->items[i];
		char *s = slice(text, t->byte_start, t->byte_end);

		switch (format) {
		case FORMAT_TEXT:
			puts(s);
			break;
		case FORMAT_TSV:
			tsv_field(stdout, s);
			printf("\t%s\t%d\t%d\t%d\t%d\t", token_kind_name(t->kind),
			       (int)t->start, (int)t->end,
			       (int)t->byte_start, (int)t->byte_end);
			tsv_field(stdout, t->key);
			putchar('\n');
			break;
		case FORMAT_JSON:
			printf("%s\n {\"token\": ", i ? "," : "");
			json_string(stdout, s);
			printf(", \"kind\": \"%s\", \"start\": %d, \"end\": %d, "
			       "\"byte_start\": %d, \"byte_end\": %d, "
			       "\"key\": ", token_kind_name(t->kind),
			       (int)t->start, (int)t->end,
			       (int)t->byte_start, (int)t->byte_end);
			json_string(stdout, t->key);
			putchar('}');
			break;
		}
		free(s);
	}
	list_end(format, tokens->count);
}

static int
run_segment(const struct segment_options *o, const char *path,
	    const char *text)
{
	struct tmg_error err = { 0 };
	struct text_spans spans = { 0 };
	struct text_tokens tokens = { 0 };
	struct srx_rules *rules = NULL;
	int status = EXIT_DATA;

	if (o->words) {
		if (text_tokenize(text, o->lang, o->mode, o->key_flags,
				  &tokens, &err) < 0)
			goto fail;
		print_tokens(text, &tokens, o->cli);
	} else if (o->srx) {
		if ((rules = srx_load(o->srx, &err)) == NULL ||
		    srx_sentences(rules, text, o->lang, &spans, &err) < 0)
			goto fail;
		print_sentences(text, &spans, o->cli);
	} else {
		if (text_sentences(text, o->lang, &spans, &err) < 0)
			goto fail;
		print_sentences(text, &spans, o->cli);
	}
	status = EXIT_OK;
	goto out;
fail:
	if (err.file[0] == '\0')
		snprintf(err.file, sizeof err.file, "%s", path);
	cli_report(&err);
out:
	srx_free(rules);
	text_spans_clear(&spans);
	text_tokens_clear(&tokens);
	text_cleanup();
	return status;
}

struct segment_args {
	struct cli_lang lang;
	int words;            /* 0, or 1 + the index in words_modes */
	const char *srx;
	int fold_accents, fold_traditional;
};

static const struct segment_args segment_defaults;

static const char *const words_modes[] = { "match", "terms", NULL };

static int
segment_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct segment_args *args = data;
	struct segment_options o = { .mode = TOKENS_MATCH };
	struct strbuf input = { 0 };
	const char *path = argc > 0 ? argv[0] : "-", *name, *text;
	int status = EXIT_DATA;

	if (argc > 1)
		return cli_usage_error(&cmd_segment_entry,
				       _("unexpected argument '%s'"), argv[1]);
	if (args->words && args->srx)
		return cli_usage_error(&cmd_segment_entry, "%s",
				       _("--words and --srx do not go together"));
	o.lang = args->lang.arg ? args->lang.tag : NULL;
	o.srx = args->srx;
	o.words = args->words != 0;
	o.mode = args->words == 2 ? TOKENS_WORDS : TOKENS_MATCH;
	o.key_flags = (args->fold_accents ? TEXT_FOLD_ACCENTS : 0) |
		      (args->fold_traditional ? TEXT_FOLD_TRADITIONAL : 0);
	o.cli = cli;
	if (cli_read_file(path, &input) < 0)
		goto out;
	strbuf_addstr(&input, ""); /* a buffer even for empty input */
	text = input.buf;
	text += cli_bom_length(text, input.len);
	name = strcmp(path, "-") ? path : _("<stdin>");
	if (check_utf8(name, text, input.len - (size_t)(text - input.buf)) < 0)
		goto out;
	status = run_segment(&o, name, text);
out:
	strbuf_release(&input);
	return status;
}

static const struct cli_option segment_options[] = {
	CLI_LANGUAGE("lang", 'l', struct segment_args, lang,
		     N_("language of the text (BCP 47: fr, zh-CN, ...)")),
	CLI_STRING("srx", 0, "FILE", struct segment_args, srx,
		   N_("cut by the rules of an SRX 1.0 or 2.0 file\n"
		      "for LANG instead")),
	CLI_CHOICE("words", 0, "MODE", struct segment_args, words,
		   CLI_OPTION_OPTIONAL, words_modes,
		   N_("unknown --words mode '%s' (use match or terms)"),
		   N_("print the tokens the matcher sees, one per line:\n"
		      "MODE match (default: Chinese characters one by\n"
		      "one) or terms (ICU dictionary words)")),
	CLI_SWITCH("fold-accents", 0, struct segment_args, fold_accents,
		   N_("with --words: keys without accents")),
	CLI_SWITCH("fold-traditional", 0, struct segment_args,
		   fold_traditional,
		   N_("with --words: keys in Simplified Chinese")),
	CLI_FORMAT(N_("text (default), tsv or json; tsv and json give\n"
		      "paragraph, offsets in code points and bytes, and\n"
		      "with --words the token kind and matching key")),
	CLI_OPTIONS_END
};

const struct command cmd_segment_entry = {
	.name = "segment",
	.summary = N_("Cut text into sentences, or show its tokens."),
	.usage = N_("[--lang L] [--words[=match|terms]] [--srx FILE] "
		    "[--format=text|tsv|json] [FILE]"),
	.help = N_(
"Reads FILE (standard input when there is none, or '-') as UTF-8 and\n"
"prints one sentence per line.  Blank lines end paragraphs; a single line\n"
"break does not end a sentence.  Sentences come from ICU's sentence break\n"
"with the language's abbreviations (French: M., MM., p. ex., cf., ...;\n"
"Chinese also ends sentences at \xEF\xBC\x9B and \xE2\x80\xA6).\n"),
	.examples = N_(
"  tmgloss segment --lang fr article.txt\n"
"  tmgloss segment --lang zh --srx defaultRules.srx chapitre.txt\n"
"  echo \"l'intelligence incarn\xC3\xA9" "e\" | tmgloss segment --lang fr "
"--words --format=tsv\n"),
	.options = segment_options,
	COMMAND_ARGS(segment_defaults),
	.run = segment_run,
};
