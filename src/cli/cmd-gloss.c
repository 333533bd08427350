/*
 * cmd-gloss.c -- tmgloss gloss: the glossary in the memory.
 *
 *   gloss list   [--lang L] [--sort LOCALE] [--origin FILE] [--format=...]
 *   gloss add    SRC TGT --src L --tgt L [--note TEXT] [--subject TEXT]
 *   gloss remove [--lang L] TERM... | --concept N
 *   gloss export -o FILE [--format=tbx|tsv] [--src L --tgt L] [--origin F]
 *
 * Glossaries come in through `tmgloss import` (TBX, TSV, CSV).  list sorts
 * the terms of one language with an ICU collation registered with SQLite
 * (French rules for French; Chinese by pinyin, or by stroke with
 * --sort zh@collation=stroke).  export writes TBX-Basic (TBX v2, valid
 * against TBXcoreStructV02.dtd) or OmegaT's tab-separated format: one row
 * per source term with the concept's preferred target term and its note.
 * Exit status: 0 done; 1 nothing matched (remove), an empty glossary
 * (export) or a database error; 2 bad usage.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cli.h"
#include "store/db.h" /* gloss list: its SQL moves to the glossary module */
#include "base/xalloc.h"

struct gloss_subcommand {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
};

static int
parse_lang(const char *arg, char *out)
{
	return cli_parse_language(&cmd_gloss_entry, arg, out);
}

/* The rank of a status when choosing a term: preferred first. */
static int
status_rank(enum term_status status)
{
	switch (status) {
	case TERM_PREFERRED: return 0;
	case TERM_STATUS_NONE: return 1;
	case TERM_ADMITTED: return 2;
	case TERM_DEPRECATED: return 3;
	}
	return 4;
}

/* The best term of concept c in a language answering `lang`, or NULL. */
static const struct tmg_term *
best_term(const struct tmg_concept *c, const char *lang)
{
	const struct tmg_term *best = NULL;

	for (size_t i = 0; i < c->nterms; i++)
		if (lang_matches(lang, c->terms[i].lang, 0) &&
		    (best == NULL ||
		     status_rank(c->terms[i].status) < status_rank(best->status)))
			best = &c->terms[i];
	return best;
}

/* ------------------------------------------------------------ export */

struct export_state {
	struct tbx_writer *tbx;
	FILE *tsv;
	const char *src, *tgt;
	long concepts, rows;
	struct strbuf note;
};

static int
export_concept(void *data, const struct tmg_concept *c, struct tmg_error *err)
{
	struct export_state *x = data;
	const struct tmg_term *target;

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
		if (tsv_write_row(x->tsv, c->terms[i].text, target->text,
				  x->note.buf) < 0) {
			tmg_error_set(err, NULL, 0, 0, "%s",
				      _("cannot write the output"));
			return -1;
		}
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
	sqlite3_stmt *st = NULL;
	char first[TMG_LANG_MAX] = "";
	char **langs;
	size_t n;
	int ok;

	if (glossary_languages(memory, &langs, &n, &err) < 0) {
		cli_report(&err);
		return -1;
	}
	if (sqlite3_prepare_v2(memory_db(memory), "SELECT lang FROM terms"
			       " ORDER BY concept_id, position LIMIT 1", -1,
			       &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(first, sizeof first, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
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
		cli_usage_error(&cmd_gloss_entry, "%s",
				_("gloss export --format=tsv: give the two "
				  "languages with --src and --tgt"));
		return -1;
	}
	return 0;
}

static int
gloss_export(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "origin", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	char src[TMG_LANG_MAX] = "", tgt[TMG_LANG_MAX] = "";
	const char *output = NULL, *origin = NULL;
	struct export_state x = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	int c, tsv = 0, status = EXIT_DATA;

	while ((c = getopt_long(argc, argv, ":o:f:", options, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'O': origin = optarg; break;
		case 'f':
			if (strcmp(optarg, "tbx") == 0)
				tsv = 0;
			else if (strcmp(optarg, "tsv") == 0)
				tsv = 1;
			else
				return cli_usage_error(&cmd_gloss_entry,
					_("unknown glossary format '%s' (use "
					  "tbx or tsv)"), optarg);
			break;
		case 's':
		case 't':
			if (parse_lang(optarg, c == 's' ? src : tgt) < 0)
				return EXIT_USAGE;
			break;
		default:
			return cli_option_error(&cmd_gloss_entry, c, argv);
		}
	}
	if (output == NULL)
		return cli_usage_error(&cmd_gloss_entry, "%s",
				       _("gloss export needs -o FILE"));
	if (optind < argc)
		return cli_usage_error(&cmd_gloss_entry,
				       _("unexpected argument '%s'"),
				       argv[optind]);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (tsv && (!src[0] || !tgt[0]) && default_pair(memory, src, tgt) < 0) {
		memory_close(memory);
		return EXIT_USAGE;
	}
	{
		struct glossary_stats s;
		long concepts;
		if (glossary_get_stats(memory, &s, &err) < 0)
			goto fail;
		concepts = s.concepts;
		glossary_stats_free(&s);
		if (concepts == 0) {
			cli_error("%s", _("the glossary is empty: nothing to "
					  "export"));
			goto out;
		}
	}
	x.src = src;
	x.tgt = tgt;
	if (tsv) {
		x.tsv = strcmp(output, "-") == 0 ? stdout : fopen(output, "w");
		if (x.tsv == NULL) {
			tmg_error_set(&err, output, 0, 0, "%s",
				      _("cannot create the file"));
			goto fail;
		}
	} else {
		x.tbx = tbx_writer_open(output, src[0] ? src : NULL, &err);
		if (x.tbx == NULL)
			goto fail;
	}
	if (glossary_foreach_concept(memory, origin, export_concept, &x,
				     &err) < 0)
		goto fail;
	if (x.tbx) {
		int rc = tbx_writer_close(x.tbx, &err);
		x.tbx = NULL;
		if (rc < 0)
			goto fail;
	}
	if (x.tsv && x.tsv != stdout) {
		int rc = fclose(x.tsv);
		x.tsv = NULL;
		if (rc != 0) {
			tmg_error_set(&err, output, 0, 0, "%s",
				      _("cannot write the file"));
			goto fail;
		}
	}
	if (strcmp(output, "-") != 0) {
		char n[32];
		format_count(n, sizeof n, x.concepts);
		fprintf(stderr, _("%s: %s concepts exported\n"), output, n);
	}
	status = EXIT_OK;
	goto out;
fail:
	cli_report(&err);
out:
	if (x.tbx)
		tbx_writer_close(x.tbx, &err);
	if (x.tsv && x.tsv != stdout)
		fclose(x.tsv);
	strbuf_release(&x.note);
	memory_close(memory);
	return status;
}

/* ------------------------------------------------------------ list */

struct list_row {
	int64_t concept;
	char *term;
	enum term_status status;
	struct tmg_concept translations; /* other-language terms */
};

/* The term as list shows it: with its status unless preferred or none. */
static char *
list_label(const struct list_row *r)
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
print_list_text(const struct list_row *r, size_t width)
{
	char *label = list_label(r);

	pad_right(stdout, label, width);
	free(label);
	fputs("  \xe2\x86\x92  ", stdout);
	for (size_t i = 0; i < r->translations.nterms; i++) {
		const struct tmg_term *t = &r->translations.terms[i];
		printf("%s%s", i ? "; " : "", t->text);
		if (t->status == TERM_DEPRECATED)
			printf(" (%s)", _("deprecated"));
	}
	printf("  #%lld\n", (long long)r->concept);
}

static void
print_list_tsv(const struct list_row *r)
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
print_list_json(const struct list_row *r, const char *lang, int first)
{
	printf("%s\n  {\"concept\": %lld, \"lang\": ", first ? "" : ",",
	       (long long)r->concept);
	json_string(stdout, lang);
	fputs(", \"term\": ", stdout);
	json_string(stdout, r->term);
	fputs(", \"status\": ", stdout);
	json_string(stdout, term_status_name(r->status));
	fputs(", \"translations\": [", stdout);
	for (size_t i = 0; i < r->translations.nterms; i++) {
		const struct tmg_term *t = &r->translations.terms[i];
		fputs(i ? ", {\"lang\": " : "{\"lang\": ", stdout);
		json_string(stdout, t->lang);
		fputs(", \"text\": ", stdout);
		json_string(stdout, t->text);
		fputs(", \"status\": ", stdout);
		json_string(stdout, term_status_name(t->status));
		putchar('}');
	}
	fputs("]}", stdout);
}

/* The other-language terms of `concept`, preferred first, into out. */
static int
load_translations(sqlite3_stmt *st, int64_t concept, const char *lang,
		  struct tmg_concept *out)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, concept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 0);
		struct tmg_term *t;
		if (lang_matches(lang, l, 0))
			continue;
		t = concept_add_term(out, l,
				     (const char *)sqlite3_column_text(st, 1));
		t->status = (enum term_status)sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
gloss_list(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "sort", required_argument, NULL, 's' },
		{ "origin", required_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	char lang[TMG_LANG_MAX] = "", collation[128], sql[512];
	const char *sort = NULL, *origin = NULL;
	enum output_format format = FORMAT_TEXT;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	sqlite3_stmt *terms = NULL, *others = NULL;
	struct list_row *rows = NULL;
	size_t nrows = 0, width = 0;
	sqlite3 *db;
	int c, rc, status = EXIT_DATA;

	while ((c = getopt_long(argc, argv, ":l:", options, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (parse_lang(optarg, lang) < 0)
				return EXIT_USAGE;
			break;
		case 's': sort = optarg; break;
		case 'O': origin = optarg; break;
		case 'f':
			if (cli_parse_format(&cmd_gloss_entry, optarg,
					     &format) < 0)
				return EXIT_USAGE;
			break;
		default:
			return cli_option_error(&cmd_gloss_entry, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_gloss_entry,
				       _("unexpected argument '%s'"),
				       argv[optind]);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	db = memory_db(memory);
	if (lang[0] == '\0') {
		char **langs;
		size_t n;
		if (glossary_languages(memory, &langs, &n, &err) < 0)
			goto fail;
		snprintf(lang, sizeof lang, "%s", n ? langs[0] : "fr");
		for (size_t i = 0; i < n; i++)
			free(langs[i]);
		free(langs);
	}
	if (collate_register(db, sort ? sort : lang, collation,
			     sizeof collation, &err) < 0) {
		cli_report(&err);
		status = EXIT_USAGE;
		goto out;
	}
	/* the collation name is ours: "tmg_" and [A-Za-z0-9_] only */
	snprintf(sql, sizeof sql,
		 "SELECT t.concept_id, t.lang, t.text, t.status FROM terms t"
		 " JOIN concepts c ON c.id = t.concept_id"
		 " WHERE (?1 IS NULL OR c.origin = ?1)"
		 " ORDER BY t.text COLLATE %s, t.concept_id", collation);
	if (sqlite3_prepare_v2(db, sql, -1, &terms, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT lang, text, status FROM terms"
			       " WHERE concept_id = ?1 ORDER BY"
			       " CASE status WHEN 1 THEN 0 WHEN 0 THEN 1"
			       " WHEN 2 THEN 2 ELSE 3 END, position, id", -1,
			       &others, NULL) != SQLITE_OK)
		goto db_fail;
	if (origin)
		sqlite3_bind_text(terms, 1, origin, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(terms)) == SQLITE_ROW) {
		struct list_row *r;
		if (!lang_matches(lang, (const char *)
				  sqlite3_column_text(terms, 1), 0))
			continue;
		rows = xreallocarray(rows, nrows + 1, sizeof *rows);
		r = &rows[nrows++];
		r->concept = sqlite3_column_int64(terms, 0);
		r->term = xstrdup((const char *)sqlite3_column_text(terms, 2));
		r->status = (enum term_status)sqlite3_column_int(terms, 3);
		concept_init(&r->translations);
		if (load_translations(others, r->concept, lang,
				      &r->translations) < 0)
			goto db_fail;
		{
			char *label = list_label(r);
			if (display_width(label) > width)
				width = display_width(label);
			free(label);
		}
	}
	if (rc != SQLITE_DONE)
		goto db_fail;
	if (width > 40)
		width = 40;
	if (format == FORMAT_JSON)
		fputs("[", stdout);
	for (size_t i = 0; i < nrows; i++) {
		if (format == FORMAT_TSV)
			print_list_tsv(&rows[i]);
		else if (format == FORMAT_JSON)
			print_list_json(&rows[i], lang, i == 0);
		else
			print_list_text(&rows[i], width);
	}
	if (format == FORMAT_JSON)
		puts(nrows ? "\n]" : "]");
	status = EXIT_OK;
	goto out;
db_fail:
	tmg_error_set(&err, memory_path(memory), 0, 0, "%s",
		      sqlite3_errmsg(db));
fail:
	cli_report(&err);
out:
	for (size_t i = 0; i < nrows; i++) {
		free(rows[i].term);
		concept_clear(&rows[i].translations);
	}
	free(rows);
	sqlite3_finalize(terms);
	sqlite3_finalize(others);
	memory_close(memory);
	return status;
}

/* ------------------------------------------------------------ add */

static int
gloss_add(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "note", required_argument, NULL, 'n' },
		{ "subject", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	char src[TMG_LANG_MAX] = "", tgt[TMG_LANG_MAX] = "";
	const char *note = NULL, *subject = NULL;
	struct tmg_concept concept;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	enum glossary_add_result result;
	int64_t row = 0;
	int c, status = EXIT_DATA;

	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (c) {
		case 's':
		case 't':
			if (parse_lang(optarg, c == 's' ? src : tgt) < 0)
				return EXIT_USAGE;
			break;
		case 'n': note = optarg; break;
		case 'S': subject = optarg; break;
		default:
			return cli_option_error(&cmd_gloss_entry, c, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(&cmd_gloss_entry, "%s",
				       _("gloss add needs a SOURCE and a "
					 "TARGET term"));
	if (!src[0] || !tgt[0])
		return cli_usage_error(&cmd_gloss_entry, "%s",
				       _("gloss add needs --src and --tgt"));
	for (int i = optind; i < argc; i++)
		if (argv[i][strspn(argv[i], " \t")] == '\0' ||
		    text_invalid_utf8(argv[i], strlen(argv[i])) >= 0)
			return cli_usage_error(&cmd_gloss_entry,
					       _("'%s' is not a term"), argv[i]);
	concept_init(&concept);
	concept_add_term(&concept, src, argv[optind]);
	concept_add_term(&concept, tgt, argv[optind + 1]);
	if (note)
		concept_fields_add(&concept.fields, "note", NULL, NULL, note);
	if (subject)
		concept.subject_field = xstrdup(subject);
	if ((memory = cli_open_memory(cli)) == NULL)
		goto out;
	if (glossary_add_concept(memory, &concept, &result, &row, &err) < 0) {
		cli_report(&err);
		goto out;
	}
	if (result == GLOSSARY_UNCHANGED)
		printf(_("already in the glossary: concept #%lld\n"),
		       (long long)row);
	else
		printf(_("added concept #%lld\n"), (long long)row);
	status = EXIT_OK;
out:
	concept_clear(&concept);
	memory_close(memory);
	return status;
}

/* ------------------------------------------------------------ remove */

static int
gloss_remove(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "concept", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	char lang[TMG_LANG_MAX] = "";
	const char *concept = NULL;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	long removed = 0, total = 0;
	int c, status = EXIT_DATA;

	while ((c = getopt_long(argc, argv, ":l:", options, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (parse_lang(optarg, lang) < 0)
				return EXIT_USAGE;
			break;
		case 'c': concept = optarg; break;
		default:
			return cli_option_error(&cmd_gloss_entry, c, argv);
		}
	}
	if ((concept == NULL) == (optind >= argc))
		return cli_usage_error(&cmd_gloss_entry, "%s",
				       _("gloss remove needs TERM... or "
					 "--concept N"));
	if (concept && (concept[strspn(concept, "0123456789")] != '\0' ||
			concept[0] == '\0'))
		return cli_usage_error(&cmd_gloss_entry,
				       _("'%s' is not a concept number"),
				       concept);
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (concept) {
		if (glossary_remove_concept(memory, strtoll(concept, NULL, 10),
					    &total, &err) < 0)
			goto fail;
	}
	for (int i = optind; i < argc; i++) {
		if (glossary_remove_term(memory, argv[i],
					 lang[0] ? lang : NULL, &removed,
					 &err) < 0)
			goto fail;
		if (removed == 0)
			cli_error(_("'%s' is not in the glossary"), argv[i]);
		total += removed;
	}
	printf(ngettext("%ld concept removed\n", "%ld concepts removed\n",
			(unsigned long)total), total);
	status = total > 0 ? EXIT_OK : EXIT_DATA;
	goto out;
fail:
	cli_report(&err);
out:
	memory_close(memory);
	return status;
}

/* ------------------------------------------------------------ dispatch */

static const struct gloss_subcommand subcommands[] = {
	{ "list", gloss_list },
	{ "add", gloss_add },
	{ "remove", gloss_remove },
	{ "export", gloss_export },
};

static int
cmd_gloss(struct cli *cli, int argc, char **argv)
{
	const char *name;

	if (argc < 2)
		return cli_usage_error(&cmd_gloss_entry, "%s",
				       _("which one: list, add, remove or "
					 "export?"));
	name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		cli_command_help(&cmd_gloss_entry);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++) {
		if (strcmp(subcommands[i].name, name) != 0)
			continue;
		for (int k = 2; k < argc; k++)
			if (strcmp(argv[k], "--help") == 0) {
				cli_command_help(&cmd_gloss_entry);
				return EXIT_OK;
			}
		/* the subcommand parses its options from its own name on */
		optind = 0;
		opterr = 0;
		return subcommands[i].run(cli, argc - 1, argv + 1);
	}
	return cli_usage_error(&cmd_gloss_entry,
			       _("'%s' is not a gloss subcommand (list, add, "
				 "remove, export)"), name);
}

const struct command cmd_gloss_entry = {
	.name = "gloss",
	.summary = N_("List, add, remove and export glossary terms."),
	.usage = N_("list|add|remove|export [OPTIONS] [ARGS]"),
	.help = N_(
"Subcommands:\n"
"  list [--lang L] [--sort LOCALE] [--origin FILE] [--format=FORMAT]\n"
"        the terms of language L (default: the most common one) sorted by\n"
"        the ICU collation of LOCALE (default: L; Chinese by pinyin, or\n"
"        zh@collation=stroke), with their translations\n"
"  add SOURCE TARGET --src L --tgt L [--note TEXT] [--subject TEXT]\n"
"        add a concept with these two terms\n"
"  remove [--lang L] TERM...   remove the concepts that have one of these\n"
"        terms (case and accents ignored)\n"
"  remove --concept N          remove concept number N (shown by list)\n"
"  export -o FILE [--format=tbx|tsv] [--src L --tgt L] [--origin FILE]\n"
"        write TBX-Basic (default) or OmegaT's tab-separated glossary\n"
"        (SOURCE<TAB>TARGET<TAB>COMMENT); '-' for standard output\n"
"\n"
"Glossaries are imported with 'tmgloss import' (TBX, TSV, CSV).\n"
"\n"
"Examples:\n"
"  tmgloss gloss list --lang zh --sort zh@collation=stroke\n"
"  tmgloss gloss add \"jumeau num\xc3\xa9rique\" \"\xe6\x95\xb0\xe5\xad\x97\xe5\xad\xaa\xe7\x94\x9f\" --src fr --tgt zh\n"
"  tmgloss gloss export -o glossary.tbx\n"),
	.run = cmd_gloss,
};
