/*
 * cmd-gloss.c -- tmgloss gloss: the glossary in the memory.
 *
 *   gloss list   [--lang L] [--sort LOCALE] [--origin FILE] [--format=...]
 *   gloss add    SRC TGT --src L --tgt L [--note TEXT] [--subject TEXT]
 *   gloss add    --concept N [SRC] TGT --src L --tgt L (either or both)
 *   gloss edit   N [--term TEXT [--lang L] [--to TEXT] [--status S]]
 *                [--note TEXT] [--definition TEXT]
 *   gloss remove [--lang L] TERM... | --concept N | --origin FILE
 *                [--dry-run]
 *   gloss export -o FILE [--format=tbx|tsv] [--src L --tgt L] [--origin F]
 *
 * Glossaries come in through `tmgloss import` (TBX, TSV, CSV).  list shows
 * the terms of one language sorted by an ICU collation (glossary_list():
 * French rules for French; Chinese by pinyin, or by stroke with
 * --sort zh@collation=stroke).  Each sub-command is an entry of its own,
 * with its option table; cmd_gloss_entry lists them.  export writes TBX-Basic (TBX v2, valid
 * against TBXcoreStructV02.dtd) or OmegaT's tab-separated format: one row
 * per source term with the concept's preferred target term and its note.
 * export writes a regular file (or a missing one) under a temporary name
 * beside it and renames it into place at the end, so a failed or
 * interrupted export leaves the previous file as it was; through a
 * symbolic link, beside the file it names; anything else (a device such
 * as /dev/full, a FIFO) is written straight into, as a shell's > would.
 * Exit status: 0 done; 1 nothing matched (remove), no such concept or term
 * (add --concept, edit), an empty glossary (export), an --origin never
 * imported, a language or origin selecting nothing (list, export: a
 * warning, and no file) or a database error; 2 bad usage.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"
#include "base/xalloc.h"

static const struct command gloss_list_entry, gloss_add_entry,
	gloss_edit_entry, gloss_remove_entry, gloss_export_entry;

/* A concept number as list shows it into *row; -1 if `s` is not one. */
static int
parse_concept(const char *s, int64_t *row)
{
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	*row = strtoll(s, &end, 10);
	return errno || *end != '\0' ? -1 : 0;
}

/* The best term of concept c in a language answering `lang`, or NULL. */
static const struct tmg_term *
best_term(const struct tmg_concept *c, const char *lang)
{
	const struct tmg_term *best = NULL;

	for (size_t i = 0; i < c->nterms; i++)
		if (lang_matches(lang, c->terms[i].lang, 0) &&
		    (best == NULL || term_status_rank(c->terms[i].status) <
					     term_status_rank(best->status)))
			best = &c->terms[i];
	return best;
}

/* ------------------------------------------------------------ export */

struct export_state {
	struct tbx_writer *tbx;
	FILE *tsv;
	const char *tsv_path;  /* created with its first row */
	const char *src, *tgt;
	long concepts, rows;
	struct strbuf note;
};

/* Open the tab-separated output, on its first row. */
static int
open_tsv(struct export_state *x, struct tmg_error *err)
{
	x->tsv = strcmp(x->tsv_path, "-") == 0 ? stdout
					       : fopen(x->tsv_path, "w");
	if (x->tsv == NULL) {
		tmg_error_set(err, x->tsv_path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* A failed write to the tab-separated output: the system's reason. */
static int
tsv_failed(const char *path, struct tmg_error *err)
{
	tmg_error_set(err, path, 0, 0, "%s",
		      errno ? strerror(errno) : _("cannot write the file"));
	return -1;
}

static int
export_concept(void *data, const struct tmg_concept *c, struct tmg_error *err)
{
	struct export_state *x = data;
	const struct tmg_term *target;

	if (interrupt_pending()) {
		/* stops glossary_foreach_concept; gloss export says why */
		tmg_error_set(err, NULL, 0, 0, "%s", "interrupted");
		return -1;
	}
	if (x->tbx) {
		x->concepts++;
		return tbx_writer_add_concept(x->tbx, c, err);
	}
	target = best_term(c, x->tgt);
	if (target == NULL)
		return 0;
	strbuf_reset(&x->note);
	for (size_t i = 0; i < c->fields.count; i++) {
		const struct concept_field *f = &c->fields.items[i];
		if (strcmp(f->kind, "note") != 0 || f->lang)
			continue;
		if (x->note.len)
			strbuf_addstr(&x->note, " / ");
		strbuf_addstr(&x->note, f->value);
	}
	x->concepts++;
	for (size_t i = 0; i < c->nterms; i++) {
		if (!lang_matches(x->src, c->terms[i].lang, 0))
			continue;
		if (x->tsv == NULL && open_tsv(x, err) < 0)
			return -1;
		errno = 0;
		if (tsv_write_row(x->tsv, c->terms[i].text, target->text,
				  x->note.buf) < 0)
			return tsv_failed(x->tsv_path, err);
		x->rows++;
	}
	return 0;
}

/* Default export languages, when the glossary has exactly two: the first
 * stored term's language as the source, the other as the target. */
static int
default_pair(struct tmg_memory *memory, char *src, char *tgt)
{
	struct tmg_error err = { 0 };
	char first[TMG_LANG_MAX];
	char **langs;
	size_t n;
	int ok;

	if (glossary_first_language(memory, first, &err) < 0 ||
	    glossary_languages(memory, &langs, &n, &err) < 0) {
		cli_report(&err);
		return -1;
	}
	ok = n == 2;
	if (ok) {
		if (!src[0])
			snprintf(src, TMG_LANG_MAX, "%s",
				 tgt[0] && strcmp(tgt, langs[0]) == 0
				 ? langs[1] : first[0] ? first : langs[0]);
		if (!tgt[0])
			snprintf(tgt, TMG_LANG_MAX, "%s",
				 strcmp(src, langs[0]) == 0 ? langs[1]
							    : langs[0]);
	}
	for (size_t i = 0; i < n; i++)
		free(langs[i]);
	free(langs);
	if (!ok) {
		cli_usage_error(&gloss_export_entry, "%s",
				_("gloss export --format=tsv: give the two "
				  "languages with --src and --tgt"));
		return -1;
	}
	return 0;
}

struct gloss_export_args {
	const char *output;
	int format;            /* FORMAT_TBX or FORMAT_TSV */
	const char *origin;
};

static const struct gloss_export_args gloss_export_defaults = {
	.format = FORMAT_TBX,
};

/* The number of concepts in the glossary, or -1 after an error. */
static long
count_concepts(struct tmg_memory *memory, struct tmg_error *err)
{
	struct glossary_stats s;
	long concepts;

	if (glossary_get_stats(memory, &s, err) < 0)
		return -1;
	concepts = s.concepts;
	glossary_stats_free(&s);
	return concepts;
}

/* Write the glossary's concepts (of `origin`, or all) to `output` in x's
 * format, and close the file. */
static int
write_glossary(struct tmg_memory *memory, const char *output,
	       const char *origin, struct export_state *x,
	       struct tmg_error *err)
{
	int rc;

	if (glossary_foreach_concept(memory, origin, export_concept, x,
				     err) < 0)
		return -1;
	if (x->tbx) {
		rc = tbx_writer_close(x->tbx, err);
		x->tbx = NULL;
		return rc;
	}
	if (x->tsv) {
		errno = 0;
		rc = fflush(x->tsv) != 0 || ferror(x->tsv) ||
		     (x->tsv != stdout && fsync(fileno(x->tsv)) != 0 &&
		      errno != EINVAL && errno != EROFS);
		if (x->tsv != stdout && fclose(x->tsv) != 0)
			rc = 1;
		x->tsv = NULL;
		if (rc)
			return tsv_failed(output, err);
	}
	return 0;
}

/* Open the output file of x (TBX when x->tsv is not wanted; the
 * tab-separated file waits for its first row). */
static int
open_glossary_output(struct export_state *x, const char *output, int tsv,
		     const char *src, struct tmg_error *err)
{
	if (!tsv) {
		x->tbx = tbx_writer_open(output, src[0] ? src : NULL, err);
		return x->tbx ? 0 : -1;
	}
	x->tsv_path = output;
	return 0;
}

static int
count_one(void *data, const struct tmg_concept *c, struct tmg_error *err)
{
	(void)c;
	(void)err;
	++*(long *)data;
	return 0;
}

/* The stored origin `given` names into *origin (the caller frees it), an
 * error unless some concept was imported from it (NULL: none asked, no
 * error). */
static int
check_origin(struct tmg_memory *memory, const char *given, char **origin,
	     struct tmg_error *err)
{
	long n = 0;

	*origin = NULL;
	if (given == NULL)
		return 0;
	if (origins_resolve(memory, given, ORIGIN_CONCEPTS, origin, err) < 0)
		return -1;
	if (glossary_foreach_concept(memory, *origin, count_one, &n, err) < 0)
		return -1;
	if (n == 0) {
		tmg_error_set(err, memory_path(memory), 0, 0,
			      _("no glossary named '%s' was imported into "
				"this memory"), given);
		return -1;
	}
	return 0;
}

static int
gloss_export_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct gloss_export_args *args = data;
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	struct export_state x = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	int tsv = args->format == FORMAT_TSV, status = EXIT_DATA;
	long concepts;
	char *origin = NULL;
	struct cli_output file = { 0 };
	const char *path;

	if (args->output == NULL)
		return cli_usage_error(&gloss_export_entry, "%s",
				       _("gloss export needs -o FILE"));
	if (argc > 0)
		return cli_usage_error(&gloss_export_entry,
				       _("unexpected argument '%s'"), argv[0]);
	snprintf(src, sizeof src, "%s", cli->src.tag);
	snprintf(tgt, sizeof tgt, "%s", cli->tgt.tag);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (tsv && (!src[0] || !tgt[0]) && default_pair(memory, src, tgt) < 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if ((concepts = count_concepts(memory, &err)) < 0)
		goto out;
	if (concepts == 0) {
		cli_error("%s", _("the glossary is empty: nothing to export"));
		goto out;
	}
	if (check_origin(memory, args->origin, &origin, &err) < 0)
		goto out;
	x.src = src;
	x.tgt = tgt;
	path = cli_output_begin(&file, args->output);
	/* Ctrl-C from here on removes the temporary file */
	interrupt_catch();
	if (open_glossary_output(&x, path, tsv, src, &err) < 0 ||
	    write_glossary(memory, path, origin, &x, &err) < 0)
		goto fail;
	if (tsv && x.rows == 0) {
		fprintf(stderr, _("tmgloss: warning: no concept has terms in "
				  "both %s and %s\n"),
			cli->src.arg ? cli->src.arg : src,
			cli->tgt.arg ? cli->tgt.arg : tgt);
		goto out;
	}
	if (interrupt_pending())
		goto fail;
	if (cli_output_commit(&file, &err) < 0)
		goto fail;
	if (strcmp(args->output, "-") != 0) {
		char n[32];
		format_count(n, sizeof n, x.concepts);
		fprintf(stderr, ngettext("%s: %s concept exported\n",
					 "%s: %s concepts exported\n",
					 (unsigned long)x.concepts),
			args->output, n);
	}
	status = EXIT_OK;
	goto out;
fail:
	if (x.tbx)
		tbx_writer_close(x.tbx, NULL);
	x.tbx = NULL;
	if (x.tsv && x.tsv != stdout)
		fclose(x.tsv);
	x.tsv = NULL;
	cli_output_abort(&file, &err);
out:
	if (x.tbx)
		tbx_writer_close(x.tbx, NULL);
	if (x.tsv && x.tsv != stdout)
		fclose(x.tsv);
	strbuf_release(&x.note);
	free(origin);
	cli_output_free(&file);
	if (status != EXIT_OK && interrupt_pending()) {
		memory_close(memory);
		return interrupt_exit();
	}
	return cli_finish(memory, &err, status);
}

static const struct cli_option gloss_export_options[] = {
	CLI_STRING("output", 'o', "FILE", struct gloss_export_args, output,
		   N_("the file to write ('-' for standard output)")),
	CLI_FORMAT_OF(struct gloss_export_args, format,
		      FORMAT_BIT(FORMAT_TBX) | FORMAT_BIT(FORMAT_TSV),
		      N_("tbx: TBX-Basic (default); tsv: OmegaT's\n"
			 "SOURCE<TAB>TARGET<TAB>COMMENT")),
	CLI_SRC(N_("the source language of tsv (default: the\n"
		   "glossary's first, when it has two languages)")),
	CLI_TGT(N_("the target language of tsv (default: the other)")),
	CLI_STRING("origin", 0, "FILE", struct gloss_export_args, origin,
		   N_("only the concepts imported from FILE")),
	CLI_OPTIONS_END
};

static const struct command gloss_export_entry = {
	.name = "export",
	.summary = N_("Write the glossary as TBX-Basic or OmegaT's "
		      "tab-separated format."),
	.usage = N_("-o FILE [--format=tbx|tsv] [--src L --tgt L] "
		    "[--origin FILE]"),
	.help = N_(
"TBX-Basic is TBX v2, valid against TBXcoreStructV02.dtd.  The\n"
"tab-separated format has one row per source term, with the concept's\n"
"preferred target term and its note.\n"),
	.examples = N_(
"  tmgloss gloss export -o glossary.tbx\n"
"  tmgloss gloss export --format=tsv --src fr --tgt zh -o glossary.txt\n"),
	.options = gloss_export_options,
	COMMAND_ARGS(gloss_export_defaults),
	.run = gloss_export_run,
	.parent = &cmd_gloss_entry,
};

/* ------------------------------------------------------------ list */

/* The term as list shows it: with its status unless preferred or none. */
static char *
list_label(const struct glossary_row *r)
{
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, r->term);
	if (r->status == TERM_DEPRECATED || r->status == TERM_ADMITTED) {
		strbuf_addstr(&sb, " (");
		strbuf_addstr(&sb, r->status == TERM_DEPRECATED
			      ? _("deprecated") : _("admitted"));
		strbuf_addch(&sb, ')');
	}
	return strbuf_detach(&sb);
}

static void
print_list_text(const struct glossary_row *r, size_t width)
{
	char *label = list_label(r);

	pad_right(stdout, label, width);
	free(label);
	fputs("  \xe2\x86\x92  ", stdout);
	for (size_t i = 0; i < r->translations.nterms; i++)
		print_translation(stdout, i == 0, r->translations.terms[i].text,
				  r->translations.terms[i].status, 0);
	printf("  #%lld\n", (long long)r->concept);
}

static void
print_list_tsv(const struct glossary_row *r)
{
	printf("%lld\t", (long long)r->concept);
	tsv_field(stdout, r->term);
	printf("\t%s\t", term_status_name(r->status));
	for (size_t i = 0; i < r->translations.nterms; i++) {
		if (i)
			fputs("; ", stdout);
		tsv_field(stdout, r->translations.terms[i].text);
	}
	putchar('\n');
}

static void
print_list_json(const struct glossary_row *r, const char *lang, int first)
{
	printf("%s\n  {\"concept\": %lld, \"lang\": ", first ? "" : ",",
	       (long long)r->concept);
	json_string(stdout, lang);
	json_member(stdout, "term", r->term);
	json_member(stdout, "status", term_status_name(r->status));
	fputs(", \"translations\": [", stdout);
	for (size_t i = 0; i < r->translations.nterms; i++) {
		const struct tmg_term *t = &r->translations.terms[i];
		json_translation(stdout, i == 0, t->lang, t->text, t->status);
	}
	fputs("]}", stdout);
}

struct gloss_list_args {
	struct cli_lang lang;
	const char *sort;
	const char *origin;
};

static const struct gloss_list_args gloss_list_defaults;

/* The widest label of the rows, 40 at most. */
static size_t
list_width(const struct glossary_rows *rows)
{
	size_t width = 0;

	for (size_t i = 0; i < rows->count; i++) {
		char *label = list_label(&rows->items[i]);
		if (display_width(label) > width)
			width = display_width(label);
		free(label);
	}
	return width > 40 ? 40 : width;
}

static void
print_list(const struct cli *cli, const struct glossary_rows *rows,
	   const char *lang)
{
	enum output_format format = cli->format;
	size_t width = format == FORMAT_TEXT ? list_width(rows) : 0;

	tsv_header(cli, "concept", "term", "status", "translations", NULL);
	if (format == FORMAT_JSON)
		fputs("[", stdout);
	for (size_t i = 0; i < rows->count; i++) {
		if (format == FORMAT_TSV)
			print_list_tsv(&rows->items[i]);
		else if (format == FORMAT_JSON)
			print_list_json(&rows->items[i], lang, i == 0);
		else
			print_list_text(&rows->items[i], width);
	}
	if (format == FORMAT_JSON)
		puts(rows->count ? "\n]" : "]");
}

/* The language to list when --lang is not given: the glossary's most
 * common one, else French. */
static int
default_list_language(struct tmg_memory *memory, char *lang,
		      struct tmg_error *err)
{
	char **langs;
	size_t n;

	if (glossary_languages(memory, &langs, &n, err) < 0)
		return -1;
	snprintf(lang, TMG_LANG_MAX, "%s", n ? langs[0] : "fr");
	for (size_t i = 0; i < n; i++)
		free(langs[i]);
	free(langs);
	return 0;
}

/* Is `locale` one ICU can sort by?  A usage error when it is not. */
static int
check_sort_locale(const char *locale)
{
	struct tmg_error err = { 0 };
	struct tmg_collator *collator = collator_open(locale, &err);

	if (collator == NULL) {
		cli_report(&err);
		return -1;
	}
	collator_close(collator);
	return 0;
}

static int
gloss_list_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct gloss_list_args *args = data;
	char lang[TMG_LANG_MAX];
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	struct glossary_rows rows = { 0 };
	int status = EXIT_DATA;
	char *origin = NULL;

	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	snprintf(lang, sizeof lang, "%s", args->lang.tag);
	if (lang[0] == '\0' && default_list_language(memory, lang, &err) < 0)
		goto out;
	if (check_sort_locale(args->sort ? args->sort : lang) < 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if (check_origin(memory, args->origin, &origin, &err) < 0 ||
	    glossary_list(memory, lang, args->sort, origin, &rows, &err) < 0)
		goto out;
	if (rows.count == 0 && (args->lang.tag[0] || args->origin)) {
		fprintf(stderr, _("tmgloss: warning: no concept has a term "
				  "in %s\n"),
			args->lang.arg ? args->lang.arg : lang);
		goto out;
	}
	print_list(cli, &rows, lang);
	status = EXIT_OK;
out:
	glossary_rows_clear(&rows);
	free(origin);
	return cli_finish(memory, &err, status);
}

static const struct cli_option gloss_list_options[] = {
	CLI_LANGUAGE("lang", 'l', struct gloss_list_args, lang,
		     N_("the language of the terms listed (default: the\n"
			"glossary's most common one)")),
	CLI_STRING("sort", 0, "LOCALE", struct gloss_list_args, sort,
		   N_("sort by the ICU collation of LOCALE (default:\n"
		      "LANG; Chinese by pinyin, or zh@collation=stroke)")),
	CLI_STRING("origin", 0, "FILE", struct gloss_list_args, origin,
		   N_("only the concepts imported from FILE")),
	CLI_FORMAT(N_("text (default), tsv (CONCEPT, TERM, STATUS,\n"
		      "TRANSLATIONS) or json")),
	CLI_OPTIONS_END
};

static const struct command gloss_list_entry = {
	.name = "list",
	.summary = N_("List the terms of one language, sorted, with their "
		      "translations."),
	.usage = N_("[--lang L] [--sort LOCALE] [--origin FILE] "
		    "[--format=FORMAT]"),
	.examples = N_(
"  tmgloss gloss list --lang zh --sort zh@collation=stroke\n"),
	.options = gloss_list_options,
	COMMAND_ARGS(gloss_list_defaults),
	.no_operands = 1,
	.run = gloss_list_run,
	.parent = &cmd_gloss_entry,
};

/* ------------------------------------------------------------ add */

struct gloss_add_args {
	const char *note;
	const char *subject;
	const char *concept;
};

static const struct gloss_add_args gloss_add_defaults;

/* Is each of the n operands a term?  A usage error when one is not. */
static int
check_terms(const struct command *entry, int n, char **argv)
{
	for (int i = 0; i < n; i++)
		if (argv[i][strspn(argv[i], " \t")] == '\0' ||
		    text_invalid_utf8(argv[i], strlen(argv[i])) >= 0) {
			cli_usage_error(entry, _("'%s' is not a term"),
					argv[i]);
			return -1;
		}
	return 0;
}

/* gloss add --concept N: the operands join concept N (one operand: in the
 * language of whichever of --src and --tgt is given). */
static int
add_to_concept(struct cli *cli, const struct gloss_add_args *args, int argc,
	       char **argv)
{
	struct tmg_concept terms;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory = NULL;
	int64_t row;
	long added = 0;
	int status = EXIT_DATA;

	if (parse_concept(args->concept, &row) < 0)
		return cli_usage_error(&gloss_add_entry,
				       _("'%s' is not a concept number"),
				       args->concept);
	if (args->note || args->subject)
		return cli_usage_error(&gloss_add_entry, "%s",
				       _("--note and --subject are not for "
					 "--concept: use gloss edit"));
	if (argc == 2 ? !cli->src.arg || !cli->tgt.arg
		      : argc != 1 || !cli->src.arg == !cli->tgt.arg)
		return cli_usage_error(&gloss_add_entry, "%s",
				       _("gloss add --concept N needs SOURCE "
					 "and TARGET with --src and --tgt, or "
					 "one TERM with --src or --tgt"));
	if (check_terms(&gloss_add_entry, argc, argv) < 0)
		return EXIT_USAGE;
	concept_init(&terms);
	if (argc == 2 || cli->src.arg)
		concept_add_term(&terms, cli->src.tag, argv[0]);
	if (cli->tgt.arg)
		concept_add_term(&terms, cli->tgt.tag, argv[argc - 1]);
	if ((memory = cli_open_memory(cli)) == NULL)
		goto out;
	if (glossary_add_terms(memory, row, &terms, &added, &err) < 0)
		goto out;
	if (added == 0)
		printf(_("concept #%lld has these terms already\n"),
		       (long long)row);
	else
		printf(ngettext("%ld term added to concept #%lld\n",
				"%ld terms added to concept #%lld\n",
				(unsigned long)added), added, (long long)row);
	status = EXIT_OK;
out:
	concept_clear(&terms);
	return memory ? cli_finish(memory, &err, status) : status;
}

static int
gloss_add_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct gloss_add_args *args = data;
	struct tmg_concept concept;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	enum glossary_add_result result;
	int64_t row = 0;
	int status = EXIT_DATA;

	if (args->concept)
		return add_to_concept(cli, args, argc, argv);
	if (argc != 2)
		return cli_usage_error(&gloss_add_entry, "%s",
				       _("gloss add needs a SOURCE and a "
					 "TARGET term"));
	if (!cli->src.arg || !cli->tgt.arg)
		return cli_usage_error(&gloss_add_entry, "%s",
				       _("gloss add needs --src and --tgt"));
	if (check_terms(&gloss_add_entry, argc, argv) < 0)
		return EXIT_USAGE;
	concept_init(&concept);
	concept_add_term(&concept, cli->src.tag, argv[0]);
	concept_add_term(&concept, cli->tgt.tag, argv[1]);
	if (args->note)
		concept_fields_add(&concept.fields, "note", NULL, NULL,
				   args->note);
	if (args->subject)
		concept.subject_field = xstrdup(args->subject);
	if ((memory = cli_open_memory(cli)) == NULL)
		goto out;
	if (glossary_add_concept(memory, &concept, &result, &row, &err) < 0)
		goto out;
	if (result == GLOSSARY_UNCHANGED)
		printf(_("already in the glossary: concept #%lld\n"),
		       (long long)row);
	else
		printf(_("added concept #%lld\n"), (long long)row);
	status = EXIT_OK;
out:
	concept_clear(&concept);
	return cli_finish(memory, &err, status);
}

static const struct cli_option gloss_add_options[] = {
	CLI_SRC(N_("the language of SOURCE (required)")),
	CLI_TGT(N_("the language of TARGET (required)")),
	CLI_STRING("note", 0, "TEXT", struct gloss_add_args, note,
		   N_("a note on the concept")),
	CLI_STRING("subject", 0, "TEXT", struct gloss_add_args, subject,
		   N_("the concept's subject field")),
	CLI_STRING("concept", 0, "N", struct gloss_add_args, concept,
		   N_("add the terms to concept number N (shown by\n"
		      "list): a synonym or a translation")),
	CLI_OPTIONS_END
};

static const struct command gloss_add_entry = {
	.name = "add",
	.summary = N_("Add a concept with these two terms."),
	.usage = N_("SOURCE TARGET --src L --tgt L [--note TEXT] "
		    "[--subject TEXT] | --concept N [SOURCE] TARGET"),
	.help = N_(
"A concept whose terms are these, in languages that answer --src and\n"
"--tgt (zh finds zh-CN), is already in the glossary: nothing is added.\n"
"With --concept N, the terms join concept N instead; one TERM with\n"
"--src or --tgt alone adds a term in that language.\n"),
	.examples = N_(
"  tmgloss gloss add \"jumeau num\xc3\xa9rique\" \"\xe6\x95\xb0\xe5\xad\x97\xe5\xad\xaa\xe7\x94\x9f\" --src fr --tgt zh\n"
"  tmgloss gloss add --concept 12 \"double num\xc3\xa9rique\" --src fr\n"),
	.options = gloss_add_options,
	COMMAND_ARGS(gloss_add_defaults),
	.run = gloss_add_run,
	.parent = &cmd_gloss_entry,
};

/* ------------------------------------------------------------ edit */

struct gloss_edit_args {
	const char *term;
	struct cli_lang lang;
	const char *to;
	int status;            /* 1 + the index in term_statuses, 0: none */
	const char *note;
	const char *definition;
};

static const struct gloss_edit_args gloss_edit_defaults;

/* In the order of enum term_status, from TERM_PREFERRED. */
static const char *const term_statuses[] = {
	"preferred", "admitted", "deprecated", NULL
};

static int
gloss_edit_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct gloss_edit_args *args = data;
	struct glossary_edit edit = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	int64_t row;

	if (argc != 1)
		return cli_usage_error(&gloss_edit_entry, "%s",
				       _("gloss edit needs one concept "
					 "number"));
	if (parse_concept(argv[0], &row) < 0)
		return cli_usage_error(&gloss_edit_entry,
				       _("'%s' is not a concept number"),
				       argv[0]);
	if ((args->to || args->status) && !args->term)
		return cli_usage_error(&gloss_edit_entry, "%s",
				       _("--to and --status change the term "
					 "given with --term"));
	if (!args->to && !args->status && !args->note && !args->definition)
		return cli_usage_error(&gloss_edit_entry, "%s",
				       _("nothing to change: give --to, "
					 "--status, --note or --definition"));
	if (args->to && check_terms(&gloss_edit_entry, 1,
				    (char **)&args->to) < 0)
		return EXIT_USAGE;
	edit.term = args->term;
	edit.lang = args->lang.arg ? args->lang.tag : NULL;
	edit.to = args->to;
	edit.status = args->status ? TERM_PREFERRED + args->status - 1 : -1;
	edit.note = args->note;
	edit.definition = args->definition;
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (glossary_edit_concept(memory, row, &edit, &err) < 0)
		return cli_finish(memory, &err, EXIT_DATA);
	printf(_("concept #%lld changed\n"), (long long)row);
	return cli_finish(memory, &err, EXIT_OK);
}

static const struct cli_option gloss_edit_options[] = {
	CLI_STRING("term", 0, "TEXT", struct gloss_edit_args, term,
		   N_("the term to change (case and accents ignored)")),
	CLI_LANGUAGE("lang", 'l', struct gloss_edit_args, lang,
		     N_("the term's language, when the text names several\n"
			"terms; the language section of --note and\n"
			"--definition (default: the concept's own)")),
	CLI_STRING("to", 0, "TEXT", struct gloss_edit_args, to,
		   N_("the term's new text")),
	CLI_CHOICE("status", 0, "STATUS", struct gloss_edit_args, status, 0,
		   term_statuses,
		   N_("unknown status '%s' (use preferred, admitted or "
		      "deprecated)"),
		   N_("the term's new status: preferred, admitted or\n"
		      "deprecated")),
	CLI_STRING("note", 0, "TEXT", struct gloss_edit_args, note,
		   N_("the new note ('' removes it)")),
	CLI_STRING("definition", 0, "TEXT", struct gloss_edit_args, definition,
		   N_("the new definition ('' removes it)")),
	CLI_OPTIONS_END
};

static const struct command gloss_edit_entry = {
	.name = "edit",
	.summary = N_("Change a term's text or status, or a concept's note or "
		      "definition."),
	.usage = N_("N [--term TEXT [--to TEXT] [--status STATUS]] [--lang L] "
		    "[--note TEXT] [--definition TEXT]"),
	.help = N_(
"N is the concept's number, as list shows it.  --term picks one of its\n"
"terms, which --to and --status change.  --note and --definition replace\n"
"the concept's own, or with --lang those of that language.  Nothing\n"
"changes when the concept or the term is not found.\n"),
	.examples = N_(
"  tmgloss gloss edit 12 --term \"jumeau numerique\" --to \"jumeau num\xc3\xa9rique\"\n"
"  tmgloss gloss edit 12 --lang zh --term \xe6\x95\xb0\xe5\xad\x97\xe5\xad\xaa\xe7\x94\x9f --status preferred\n"),
	.options = gloss_edit_options,
	COMMAND_ARGS(gloss_edit_defaults),
	.run = gloss_edit_run,
	.parent = &cmd_gloss_entry,
};

/* ------------------------------------------------------------ remove */

struct gloss_remove_args {
	struct cli_lang lang;
	const char *concept;
	const char *origin;
	int dry_run;
};

static const struct gloss_remove_args gloss_remove_defaults;

/* Concepts (would be) removed: TERM..., --concept N or --origin FILE. */
static int
remove_concepts(struct tmg_memory *memory, const struct gloss_remove_args *args,
		int argc, char **argv, long *total, struct tmg_error *err)
{
	const char *lang = args->lang.arg ? args->lang.tag : NULL;
	long removed = 0;
	int64_t row;

	*total = 0;
	if (args->origin) {
		char *origin;
		int rc = check_origin(memory, args->origin, &origin, err);

		if (rc == 0)
			rc = glossary_remove_origin(memory, origin,
						    args->dry_run, total, err);
		free(origin);
		return rc;
	}
	if (args->concept) {
		struct tmg_concept c;

		parse_concept(args->concept, &row);
		if (!args->dry_run)
			return glossary_remove_concept(memory, row, total,
						       err);
		concept_init(&c);
		removed = glossary_get_concept(memory, row, &c, err);
		concept_clear(&c);
		*total = removed > 0;
		return removed < 0 ? -1 : 0;
	}
	for (int i = 0; i < argc; i++) {
		if ((args->dry_run
		     ? glossary_count_term(memory, argv[i], lang, &removed, err)
		     : glossary_remove_term(memory, argv[i], lang, &removed,
					    err)) < 0)
			return -1;
		if (removed == 0)
			cli_error(_("'%s' is not in the glossary"), argv[i]);
		*total += removed;
	}
	return 0;
}

static int
gloss_remove_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct gloss_remove_args *args = data;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	long total = 0;
	int64_t row;
	int status = EXIT_DATA;

	if ((argc > 0) + (args->concept != NULL) + (args->origin != NULL) != 1)
		return cli_usage_error(&gloss_remove_entry, "%s",
				       _("gloss remove needs TERM..., "
					 "--concept N or --origin FILE"));
	if (args->concept && parse_concept(args->concept, &row) < 0)
		return cli_usage_error(&gloss_remove_entry,
				       _("'%s' is not a concept number"),
				       args->concept);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (remove_concepts(memory, args, argc, argv, &total, &err) < 0)
		goto out;
	if (args->concept && total == 0)
		cli_error(_("there is no concept #%lld in the glossary"),
			  (long long)row);
	if (args->dry_run)
		printf(ngettext("%ld concept would be removed\n",
				"%ld concepts would be removed\n",
				(unsigned long)total), total);
	else
		printf(ngettext("%ld concept removed\n",
				"%ld concepts removed\n",
				(unsigned long)total), total);
	status = total > 0 ? EXIT_OK : EXIT_DATA;
out:
	return cli_finish(memory, &err, status);
}

static const struct cli_option gloss_remove_options[] = {
	CLI_LANGUAGE("lang", 'l', struct gloss_remove_args, lang,
		     N_("only terms of this language")),
	CLI_STRING("concept", 0, "N", struct gloss_remove_args, concept,
		   N_("remove concept number N (shown by list)")),
	CLI_STRING("origin", 0, "FILE", struct gloss_remove_args, origin,
		   N_("remove every concept imported from FILE")),
	CLI_SWITCH("dry-run", 0, struct gloss_remove_args, dry_run,
		   N_("say how many concepts would go; change nothing")),
	CLI_OPTIONS_END
};

static const struct command gloss_remove_entry = {
	.name = "remove",
	.summary = N_("Remove the concepts that have one of these terms."),
	.usage = N_("[--lang L] TERM... | --concept N | --origin FILE "
		    "[--dry-run]"),
	.help = N_(
"Terms are compared without case and accents.  --origin takes a name as\n"
"'tmgloss origins' lists it, or the end of one (its base name) that names\n"
"one glossary only.\n"),
	.options = gloss_remove_options,
	COMMAND_ARGS(gloss_remove_defaults),
	.run = gloss_remove_run,
	.parent = &cmd_gloss_entry,
};

/* ------------------------------------------------------------ gloss */

static const struct command *const gloss_subcommands[] = {
	&gloss_list_entry,
	&gloss_add_entry,
	&gloss_remove_entry,
	&gloss_export_entry,
	&gloss_edit_entry,
	NULL,
};

const struct command cmd_gloss_entry = {
	.name = "gloss",
	.summary = N_("List, add, remove, export and edit glossary terms."),
	.usage = N_("list|add|remove|export|edit [OPTIONS] [ARGS]"),
	.help = N_("Glossaries are imported with 'tmgloss import' (TBX, TSV, "
		   "CSV).\n"),
	.examples = N_(
"  tmgloss gloss list --lang zh --sort zh@collation=stroke\n"
"  tmgloss gloss add \"jumeau num\xc3\xa9rique\" \"\xe6\x95\xb0\xe5\xad\x97\xe5\xad\xaa\xe7\x94\x9f\" --src fr --tgt zh\n"
"  tmgloss gloss export -o glossary.tbx\n"),
	.subcommands = gloss_subcommands,
};
