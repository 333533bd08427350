/*
 * cmd-check.c -- tmgloss check: a quality pass over translated files, as
 * a reviewer runs before delivery.
 *
 * tmgloss check [--src L] [--tgt L] [--checks LIST] [--skip LIST]
 *               [--severity error|warning|info] [--against-memory]
 *               [--no-french-typography] [--format=F] FILE...
 * tmgloss check --src L --tgt L --source-text A.txt --target-text B.txt
 *
 * FILEs are TMX (each unit's source variant against its other variants,
 * or the --tgt one), XLIFF 1.x/2.x and PO (every segment that is not
 * locked); a pair of plain-text files is read line by line, line N of
 * one the translation of line N of the other.  Everything is streamed.
 * The checks themselves are search/check.c's and text/qa.c's.
 *
 * Output, one line per finding, like a compiler's:
 *   text  FILE:LINE: CHECK: MESSAGE [ID], then a summary by check and
 *         severity (not with -q);
 *   tsv   FILE LINE ID CHECK SEVERITY MESSAGE (a header with --header);
 *   json  an array of objects with those fields.
 * LINE is the unit's, segment's or PO msgid's line (the text pair's line
 * in the target file); ID the TMX tuid, the XLIFF unit id ("/" and the
 * segment id when it has one), the PO msgctxt or else the line of the
 * msgid, the line number for a text pair.
 *
 * Exit status: 0 when nothing at or above --severity (default warning)
 * was found, 1 when something was -- or when a file could not be read,
 * the project's status for bad input (the error on standard error names
 * FILE:LINE; the other files are still checked) -- and 2 for bad usage.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "base/xalloc.h"

struct check_args {
	const char *checks, *skip;
	int severity;             /* 1 + index in severities; 0: warning */
	int against_memory;
	int no_french_typography;
	const char *source_text, *target_text;
};

static const struct check_args check_defaults;

static const char *const severities[] = { "error", "warning", "info", NULL };

/* The names in the output: they do not depend on the language. */
static const char *
severity_name(enum qa_severity s)
{
	return s == QA_ERROR ? "error" : s == QA_WARNING ? "warning" : "info";
}

/* Where the findings go, and what is counted of them. */
struct check_run {
	struct cli *cli;
	struct checker *checker;
	enum qa_severity least;   /* findings below are not shown */
	const char *file;         /* where the current segment is */
	long line;
	const char *id;
	long counts[QA_NCHECKS][3];
	long found;               /* findings shown */
	long segments;
	int failed;               /* a file could not be read */
	int json_rows;
};

static void
report_finding(void *data, enum qa_check check, enum qa_severity severity,
	       const char *message)
{
	struct check_run *run = data;
	const char *name = qa_check_name(check);
	char line[32];

	if (severity < run->least)
		return;
	run->counts[check][severity]++;
	run->found++;
	snprintf(line, sizeof line, "%ld", run->line);
	switch (run->cli->format) {
	case FORMAT_TSV:
		tsv_row(stdout, run->file, line, run->id, name,
			severity_name(severity), message, NULL);
		break;
	case FORMAT_JSON:
		fputs(run->json_rows++ ? ",\n  {\"file\": " : "\n  {\"file\": ",
		      stdout);
		json_string(stdout, run->file);
		printf(", \"line\": %ld", run->line);
		json_member(stdout, "id", run->id);
		json_member(stdout, "check", name);
		json_member(stdout, "severity", severity_name(severity));
		json_member(stdout, "message", message);
		putchar('}');
		break;
	default:
		printf("%s:%ld: %s: %s", run->file, run->line, name, message);
		if (run->id[0])
			printf(" [%s]", run->id);
		putchar('\n');
	}
}

/* Check one segment; -1 with err. */
static int
check_one(struct check_run *run, const struct check_segment *seg,
	  const char *id, struct tmg_error *err)
{
	run->line = seg->line;
	run->id = id ? id : "";
	run->segments++;
	return check_translation(run->checker, seg, report_finding, run, err);
}

/* ------------------------------------------------------------ TMX */

/* lang_matches() asks ICU; a file has a handful of languages. */
struct lang_cache {
	char want[TMG_LANG_MAX];
	char lang[8][TMG_LANG_MAX];
	int verdict[8];
	size_t count;
};

static int
cached_match(struct lang_cache *cache, const char *want, const char *lang)
{
	size_t i;

	if (strcmp(cache->want, want) != 0) {
		snprintf(cache->want, sizeof cache->want, "%s", want);
		cache->count = 0;
	}
	for (i = 0; i < cache->count; i++)
		if (strcmp(cache->lang[i], lang) == 0)
			return cache->verdict[i];
	i = cache->count < 8 ? cache->count++ : 7;
	snprintf(cache->lang[i], sizeof cache->lang[i], "%s", lang);
	cache->verdict[i] = lang_matches(want, lang, 0);
	return cache->verdict[i];
}

/* The source variant of a TMX unit: --src's, else the unit's own. */
static const struct tmg_variant *
tmx_source(const struct cli *cli, struct lang_cache *cache,
	   const struct tmg_unit *u)
{
	if (cli->src.arg == NULL)
		return unit_source_variant(u);
	for (size_t i = 0; i < u->nvariants; i++)
		if (cached_match(cache, cli->src.tag, u->variants[i].lang))
			return &u->variants[i];
	return NULL;
}

static int
check_tmx(struct check_run *run, const char *path, struct tmg_error *err)
{
	struct tmx_read_options options = { 0 };
	struct tmx_reader *reader;
	struct tmg_unit unit;
	struct lang_cache src_cache = { 0 }, tgt_cache = { 0 };
	const struct cli *cli = run->cli;
	int rc;

	if ((reader = tmx_reader_open(path, &options, NULL, NULL,
				      err)) == NULL)
		return -1;
	unit_init(&unit);
	while ((rc = tmx_reader_next(reader, &unit, err)) > 0) {
		const struct tmg_variant *s = tmx_source(cli, &src_cache,
							 &unit);

		if (s == NULL)
			continue;
		for (size_t i = 0; i < unit.nvariants && rc > 0; i++) {
			const struct tmg_variant *t = &unit.variants[i];
			struct check_segment seg = {
				.src_lang = s->lang, .tgt_lang = t->lang,
				.source = s->text,
				.source_markup = s->markup,
				.target = t->text, .target_markup = t->markup,
				.line = unit.line,
			};

			if (t == s || (cli->tgt.arg &&
				       !cached_match(&tgt_cache, cli->tgt.tag,
						     t->lang)))
				continue;
			if (check_one(run, &seg, unit.tuid, err) < 0)
				rc = -1;
		}
		if (rc < 0)
			break;
	}
	unit_clear(&unit);
	tmx_reader_close(reader);
	return rc < 0 ? -1 : 0;
}

/* ----------------------------------------------------- XLIFF and PO */

static void
check_warning(void *data, const struct tmg_error *warning)
{
	char buf[2200];

	(void)data;
	tmg_error_format(warning, buf, sizeof buf);
	cli_error(_("warning: %s"), buf);
}

/* The ID column of a document's segment. */
static void
segment_id(const struct tmg_docseg *seg, int po, struct strbuf *sb)
{
	char line[32];

	strbuf_reset(sb);
	if (po) {
		snprintf(line, sizeof line, "%ld", seg->line);
		strbuf_addstr(sb, seg->resname ? seg->resname : line);
		return;
	}
	if (seg->unit_id)
		strbuf_addstr(sb, seg->unit_id);
	if (seg->segment_id) {
		strbuf_addch(sb, '/');
		strbuf_addstr(sb, seg->segment_id);
	}
}

static int
check_document(struct check_run *run, const char *path,
	       struct tmg_error *err)
{
	const struct cli *cli = run->cli;
	struct doc_read_options options = {
		.src = cli->src.arg ? cli->src.tag : NULL,
		.tgt = cli->tgt.arg ? cli->tgt.tag : NULL,
	};
	struct doc_reader *reader;
	struct tmg_docseg seg;
	struct strbuf id = { 0 };
	int rc, po;

	if ((reader = doc_reader_open(path, &options, check_warning, NULL,
				      err)) == NULL)
		return -1;
	po = strcmp(doc_reader_format(reader), "PO") == 0;
	docseg_init(&seg);
	while ((rc = doc_reader_next(reader, &seg, err)) > 0) {
		struct check_segment s = {
			.src_lang = seg.srclang, .tgt_lang = seg.tgtlang,
			.source = seg.source_text,
			.source_markup = seg.source_markup,
			.target = seg.target_text,
			.target_markup = seg.target_markup,
			.line = seg.line,
		};

		if (seg.locked)
			continue;
		segment_id(&seg, po, &id);
		if (check_one(run, &s, id.buf, err) < 0) {
			rc = -1;
			break;
		}
	}
	docseg_clear(&seg);
	strbuf_release(&id);
	doc_reader_close(reader);
	return rc < 0 ? -1 : 0;
}

/* -------------------------------------------------- a text pair */

/* The next line of `f` into *line (its end of line taken off); 1, 0 at
 * the end, -1 with err on a read error. */
static int
next_line(FILE *f, const char *path, long lineno, char **line, size_t *size,
	  struct tmg_error *err)
{
	ssize_t n = getline(line, size, f);

	if (n < 0) {
		if (ferror(f)) {
			tmg_error_set(err, path, lineno, 0, "%s",
				      strerror(errno));
			return -1;
		}
		return 0;
	}
	while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
		(*line)[--n] = '\0';
	if (text_invalid_utf8(*line, (size_t)n) >= 0) {
		tmg_error_set(err, path, lineno, 0, "%s",
			      _("the text is not UTF-8"));
		return -1;
	}
	return 1;
}

static int
check_text_pair(struct check_run *run, const char *source_path,
		const char *target_path, struct tmg_error *err)
{
	FILE *sf = fopen(source_path, "r"), *tf = NULL;
	char *sline = NULL, *tline = NULL, id[32];
	size_t ssize = 0, tsize = 0;
	long lineno = 0;
	int ret = -1;

	if (sf == NULL) {
		tmg_error_set(err, source_path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if ((tf = fopen(target_path, "r")) == NULL) {
		tmg_error_set(err, target_path, 0, 0, "%s", strerror(errno));
		goto out;
	}
	for (;;) {
		int rs, rt;
		struct check_segment seg = {
			.src_lang = run->cli->src.tag,
			.tgt_lang = run->cli->tgt.tag,
		};

		lineno++;
		if ((rs = next_line(sf, source_path, lineno, &sline, &ssize,
				    err)) < 0 ||
		    (rt = next_line(tf, target_path, lineno, &tline, &tsize,
				    err)) < 0)
			goto out;
		if (rs == 0 && rt == 0)
			break;
		if (rs == 0 || rt == 0) {
			tmg_error_set(err, rs ? target_path : source_path,
				      lineno, 0, _("the file ends here, before "
						   "line %ld of '%s'"), lineno,
				      rs ? source_path : target_path);
			goto out;
		}
		/* the BOM of a first line is no text */
		seg.source = sline + (lineno == 1 ?
				      cli_bom_length(sline, strlen(sline)) : 0);
		seg.target = tline + (lineno == 1 ?
				      cli_bom_length(tline, strlen(tline)) : 0);
		seg.line = lineno;
		snprintf(id, sizeof id, "%ld", lineno);
		if (check_one(run, &seg, id, err) < 0)
			goto out;
	}
	ret = 0;
out:
	free(sline);
	free(tline);
	fclose(sf);
	if (tf)
		fclose(tf);
	return ret;
}

/* ------------------------------------------------------- the command */

static int
check_file(struct check_run *run, const char *path, struct tmg_error *err)
{
	enum file_kind kind;
	char root[64];

	if (sniff_file(path, &kind, root, sizeof root, err) < 0)
		return -1;
	switch (kind) {
	case FILE_KIND_TMX:
		return check_tmx(run, path, err);
	case FILE_KIND_XLIFF:
	case FILE_KIND_PO:
		return check_document(run, path, err);
	default:
		if (err->message[0] == '\0')
			tmg_error_set(err, path, 0, 0, "%s",
				      _("not a TMX, XLIFF or PO file"));
		return -1;
	}
}

/* "a,b,c" into a set of checks; -1 after a usage error. */
static int
parse_checks(const char *option, const char *list, unsigned *set)
{
	const char *p = list;

	*set = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		char name[64];
		int check;

		snprintf(name, sizeof name, "%.*s", (int)n, p);
		if ((check = qa_check_by_name(name)) < 0) {
			struct strbuf all = { 0 };

			for (int i = 0; i < QA_NCHECKS; i++) {
				if (i)
					strbuf_addstr(&all, ", ");
				strbuf_addstr(&all, qa_check_name(i));
			}
			cli_usage_error(&cmd_check_entry, _("%s: unknown check "
					"'%s' (the checks: %s)"), option, name,
					all.buf);
			strbuf_release(&all);
			return -1;
		}
		*set |= 1u << check;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The counts by severity of one check, "2 warnings, 1 error". */
static void
print_counts(const long counts[3])
{
	int first = 1;

	for (int s = QA_ERROR; s >= QA_INFO; s--) {
		long n = counts[s];

		if (n == 0)
			continue;
		fputs(first ? "" : ", ", stdout);
		first = 0;
		if (s == QA_ERROR)
			printf(ngettext("%ld error", "%ld errors",
					(unsigned long)n), n);
		else if (s == QA_WARNING)
			printf(ngettext("%ld warning", "%ld warnings",
					(unsigned long)n), n);
		else
			printf(ngettext("%ld note", "%ld notes",
					(unsigned long)n), n);
	}
}

static void
print_summary(const struct check_run *run)
{
	long total[3] = { 0 };

	putchar('\n');
	printf(ngettext("%ld segment checked.\n", "%ld segments checked.\n",
			(unsigned long)run->segments), run->segments);
	for (int c = 0; c < QA_NCHECKS; c++) {
		const long *n = run->counts[c];

		if (n[0] + n[1] + n[2] == 0)
			continue;
		printf("  %s: ", qa_check_name(c));
		print_counts(n);
		putchar('\n');
		for (int s = 0; s < 3; s++)
			total[s] += n[s];
	}
	if (run->found == 0) {
		/* a file that could not be read was not checked: not
		 * "nothing found" */
		if (!run->failed)
			puts(_("Nothing found."));
		return;
	}
	/* TRANSLATORS: followed by "2 errors, 3 warnings" */
	fputs(_("Total: "), stdout);
	print_counts(total);
	putchar('\n');
}

/* The memory for the glossary, the length bounds and --against-memory:
 * none when it does not exist and was not asked for (the term checks are
 * then left out, the length check takes its defaults).  *memory NULL
 * then; -1 after an error. */
static int
open_memory(struct cli *cli, const struct check_args *args,
	    unsigned checks, struct tmg_memory **memory)
{
	unsigned wanted = (1u << QA_TERM_MISSING) |
			  (1u << QA_TERM_DEPRECATED) |
			  (1u << QA_TERM_ADMITTED) | (1u << QA_LENGTH);

	*memory = NULL;
	if (!args->against_memory && !(checks & wanted))
		return 0;
	if (!args->against_memory && access(cli->db_path, F_OK) != 0 &&
	    errno == ENOENT)
		return 0;
	return (*memory = cli_open_memory(cli)) ? 0 : -1;
}

static int
check_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct check_args *args = data;
	struct check_options options = {
		.pair = { .french_typography = !args->no_french_typography },
		.against_memory = args->against_memory,
	};
	struct check_run run = { .cli = cli };
	struct tmg_memory *memory = NULL;
	struct tmg_error err = { 0 };
	int text_pair = args->source_text || args->target_text;

	if (text_pair && !(args->source_text && args->target_text))
		return cli_usage_error(&cmd_check_entry, "%s",
				       _("give both --source-text and "
					 "--target-text"));
	if (text_pair && argc > 0)
		return cli_usage_error(&cmd_check_entry, "%s",
				       _("give FILEs or --source-text and "
					 "--target-text, not both"));
	if (!text_pair && argc == 0)
		return cli_usage_error(&cmd_check_entry, "%s",
				       _("give the files to check"));
	if (text_pair && (!cli->src.arg || !cli->tgt.arg))
		return cli_usage_error(&cmd_check_entry, "%s",
				       _("plain-text files need --src and "
					 "--tgt"));
	options.checks = (1u << QA_NCHECKS) - 1;
	if (args->checks && parse_checks("--checks", args->checks,
					 &options.checks) < 0)
		return EXIT_USAGE;
	if (args->skip) {
		unsigned skip;

		if (parse_checks("--skip", args->skip, &skip) < 0)
			return EXIT_USAGE;
		options.checks &= ~skip;
	}
	run.least = args->severity == 1 ? QA_ERROR
		  : args->severity == 3 ? QA_INFO : QA_WARNING;
	/* term-admitted and length find nothing else (the length bounds
	   are then not learned) */
	if (run.least > QA_INFO)
		options.checks &= ~((1u << QA_TERM_ADMITTED) |
				    (1u << QA_LENGTH));
	if (open_memory(cli, args, options.checks, &memory) < 0)
		return EXIT_DATA;
	if (memory == NULL && !cli->quiet &&
	    options.checks & ((1u << QA_TERM_MISSING) |
			      (1u << QA_TERM_DEPRECATED)))
		cli_error(_("note: %s: no memory, so no glossary: the term "
			    "checks are left out"), cli->db_path);
	run.checker = check_new(memory, &options);
	tsv_header(cli, "FILE", "LINE", "ID", "CHECK", "SEVERITY", "MESSAGE",
		   NULL);
	if (cli->format == FORMAT_JSON)
		putchar('[');
	for (int i = 0; i < (text_pair ? 1 : argc); i++) {
		const char *path = text_pair ? args->target_text : argv[i];
		int rc;

		run.file = path;
		check_begin_file(run.checker, path);
		rc = text_pair ? check_text_pair(&run, args->source_text,
						 args->target_text, &err)
			       : check_file(&run, path, &err);
		if (rc < 0) {
			fflush(stdout);
			if (err.file[0] == '\0')
				snprintf(err.file, sizeof err.file, "%s",
					 path);
			cli_report(&err);
			memset(&err, 0, sizeof err);
			run.failed = 1;
		}
	}
	if (cli->format == FORMAT_JSON)
		puts(run.json_rows ? "\n]" : "]");
	else if (cli->format == FORMAT_TEXT && !cli->quiet)
		print_summary(&run);
	check_free(run.checker);
	return cli_finish(memory, &err, run.failed || run.found
						? EXIT_DATA : EXIT_OK);
}

static const struct cli_option check_options[] = {
	CLI_SRC(N_("source language: of a TMX file's source variant\n"
		   "(default: the unit's), of documents that do not say,\n"
		   "of a plain-text pair (needed there)")),
	CLI_TGT(N_("target language: the TMX variant checked (default:\n"
		   "every other), of documents that do not say, of a\n"
		   "plain-text pair (needed there)")),
	CLI_STRING("checks", 0, "LIST", struct check_args, checks,
		   N_("run only these checks (names separated by commas)")),
	CLI_STRING("skip", 0, "LIST", struct check_args, skip,
		   N_("leave these checks out")),
	CLI_CHOICE("severity", 0, "LEVEL", struct check_args, severity, 0,
		   severities,
		   N_("unknown severity '%s' (use error, warning or info)"),
		   N_("show findings of this severity and above: error,\n"
		      "warning (default) or info; the exit status is 1\n"
		      "when one is shown")),
	CLI_SWITCH("against-memory", 0, struct check_args, against_memory,
		   N_("inconsistent: compare with the memory's units too")),
	CLI_SWITCH("no-french-typography", 0, struct check_args,
		   no_french_typography,
		   N_("punctuation: leave the no-break spaces of French\n"
		      "targets unchecked")),
	CLI_STRING("source-text", 0, "FILE", struct check_args, source_text,
		   N_("plain-text sources, one segment per line")),
	CLI_STRING("target-text", 0, "FILE", struct check_args, target_text,
		   N_("their translations, line by line")),
	CLI_FORMAT(N_("text (default): FILE:LINE: CHECK: MESSAGE [ID] and a\n"
		      "summary; tsv: FILE LINE ID CHECK SEVERITY MESSAGE;\n"
		      "json: the same as objects")),
	CLI_QUIET(N_("no summary, no note on standard error")),
	CLI_OPTIONS_END
};

const struct command cmd_check_entry = {
	.name = "check",
	.summary = N_("Check translated files: terms, numbers, tags, "
		      "consistency."),
	.usage = N_("[OPTIONS] FILE... | --source-text A --target-text B"),
	.help = N_(
"Reads translated TMX, XLIFF or PO files (or two plain-text files aligned\n"
"line by line) and reports what a reviewer would: a glossary term left\n"
"untranslated or translated with a deprecated term, numbers, placeholders\n"
"and tags that differ, untranslated segments, white space and punctuation\n"
"(French typography, Chinese full-width marks), inconsistent translations\n"
"and lengths out of proportion.  Each finding is one line, FILE:LINE:\n"
"CHECK: MESSAGE [ID], as compilers write them.  The glossary is the\n"
"memory's; without a memory the term checks are left out.  Exit status 1\n"
"when something at or above --severity was found or a file could not be\n"
"read, 0 otherwise.\n"),
	.examples = N_(
"  tmgloss check --tgt zh-CN manual.xlf\n"
"  tmgloss check --skip length,whitespace --format=tsv po/*.po\n"
"  tmgloss check --src fr --tgt zh --source-text a.txt --target-text b.txt\n"),
	.options = check_options,
	COMMAND_ARGS(check_defaults),
	.run = check_run,
};
