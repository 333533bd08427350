/*
 * cmd-pretranslate.c -- tmgloss pretranslate: a document (XLIFF, PO)
 * filled from the memory before the translator starts.
 *
 * search/pretranslate.c chooses the matches and formats/xliff-write.c
 * or po-write.c writes the document again with them, everything else as
 * it was.  The output goes to a temporary file beside OUT, renamed over
 * it once complete: a failure or Ctrl-C leaves OUT as it was.  The input
 * is written over only when -o names it.  Then the analysis of the
 * document is printed as analyze prints it (text or JSON), with what was
 * filled.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"

struct pretranslate_args {
	const char *output;
	const char *bands;
	long min;
	int overwrite;
	int format;       /* FORMAT_TEXT or FORMAT_JSON */
};

static const struct pretranslate_args pretranslate_defaults = { .min = 75 };

static int
pretranslate_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct pretranslate_args *args = data;
	struct pretranslate_options options = {
		.analysis = { .bounds = { 100, 95, 85, 75, 50 },
			      .nbounds = 5 },
	};
	struct analysis_counts counts;
	struct pretranslate_counts done;
	struct tmg_memory *memory = NULL;
	struct tmg_error err = { 0 };
	struct cli_output file = { 0 };
	const char *path;
	const char *output = args->output;
	int fd = -1, status = EXIT_DATA;

	if (argc == 0)
		return cli_usage_error(&cmd_pretranslate_entry, "%s",
				       _("give the document to pre-translate"));
	if (argc > 1)
		return cli_usage_error(&cmd_pretranslate_entry,
				       _("unexpected argument '%s'"), argv[1]);
	if (output == NULL)
		return cli_usage_error(&cmd_pretranslate_entry, "%s",
				       _("no output file: give -o FILE"));
	if (args->bands &&
	    analyze_parse_bands(args->bands, &options.analysis) < 0)
		return cli_usage_error(&cmd_pretranslate_entry, _("--bands "
				"'%s': give up to 10 scores from 1 to 100, "
				"highest first, separated by commas "
				"(100,95,85,75,50)"), args->bands);
	options.analysis.src = cli->src.arg ? cli->src.tag : NULL;
	options.analysis.tgt = cli->tgt.arg ? cli->tgt.tag : NULL;
	options.min = (int)args->min;
	options.overwrite = args->overwrite;
	if ((memory = cli_open_for_search(cli, 1, INDEX_FUZZY)) == NULL)
		return EXIT_DATA;
	path = cli_output_begin(&file, output);
	if (file.tmp) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	} else if (strcmp(output, "-") == 0) {
		fd = dup(STDOUT_FILENO);
	} else {
		fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0666);
	}
	if (fd < 0) {
		tmg_error_set(&err, output, 0, 0, _("cannot write: %s"),
			      strerror(errno));
		goto fail;
	}
	/* Ctrl-C from here on removes the temporary file */
	interrupt_catch();
	if (pretranslate_file(memory, &options, argv[0], fd, analyze_warning,
			      NULL, &counts, &done, &err) < 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		tmg_error_set(&err, output, 0, 0, _("cannot write: %s"),
			      strerror(errno));
		goto fail;
	}
	fd = -1;
	if (interrupt_pending())
		goto fail;
	if (cli_output_commit(&file, &err) < 0)
		goto fail;
	/* the document went to standard output: the analysis to stderr
	 * would mix with it, so none */
	if (strcmp(output, "-") != 0) {
		analyze_print_start(cli, args->format);
		analyze_print_file(args->format, 0, argv[0], &options.analysis,
				   &counts, &done);
		analyze_print_end(args->format, 1, &options.analysis, &counts);
	}
	status = EXIT_OK;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	cli_output_abort(&file, &err);
out:
	cli_output_free(&file);
	if (status != EXIT_OK && interrupt_pending()) {
		memory_close(memory);
		return interrupt_exit();
	}
	return cli_finish(memory, &err, status);
}

static const struct cli_option pretranslate_options[] = {
	CLI_STRING("output", 'o', "FILE", struct pretranslate_args, output,
		   N_("the document to write ('-' for standard output,\n"
		      "then without the analysis); may name FILE itself")),
	CLI_NUMBER("min", "SCORE", struct pretranslate_args, min, 1, 100,
		   N_("lowest match score filled in (default 75)")),
	CLI_SWITCH("overwrite", 0, struct pretranslate_args, overwrite,
		   N_("fill unconfirmed targets too (new, draft, PO\n"
		      "fuzzy), not only empty ones")),
	CLI_SRC(N_("language of the document's sources (default: the\n"
		   "document's, else the memory's only one)")),
	CLI_TGT(N_("language of the translations (default: the\n"
		   "document's, else the memory's only one)")),
	CLI_STRING("bands", 0, "LIST", struct pretranslate_args, bands,
		   N_("lowest score of each fuzzy band of the analysis,\n"
		      "highest first (default 100,95,85,75,50)")),
	CLI_FORMAT_OF(struct pretranslate_args, format,
		      FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON),
		      N_("of the analysis: text (default), a table, or json,\n"
			 "as analyze writes them, with what was filled")),
	CLI_OPTIONS_END
};

const struct command cmd_pretranslate_entry = {
	.name = "pretranslate",
	.summary = N_("Fill a document's empty targets from the memory."),
	.usage = N_("-o OUT [--min SCORE] [--overwrite] [--src L] [--tgt L] "
		    "[--format=F] FILE"),
	.help = N_(
"Reads FILE, an XLIFF (1.2 or 2.x) or PO document, and writes it to OUT\n"
"with each empty target filled with the memory's best match at or above\n"
"--min: in context (101%) over 100% over fuzzy, the newest on ties.\n"
"Numbers that differ are carried over and the segment's inline codes\n"
"placed in the target.  Exact matches are marked translated, fuzzy ones\n"
"for review (XLIFF 1.2 state and state-qualifier, XLIFF 2 state, PO\n"
"fuzzy), and the match is kept beside the target (XLIFF 1.2 alt-trans,\n"
"XLIFF 2 Translation Candidates, PO previous msgid).  Everything else is\n"
"written byte for byte as it was.  Then prints the analysis of FILE.\n"),
	.examples = N_(
"  tmgloss pretranslate --tgt zh -o manual.zh.xlf manual.xlf\n"
"  tmgloss pretranslate --min 85 --overwrite -o fr.po fr.po\n"),
	.options = pretranslate_options,
	COMMAND_ARGS(pretranslate_defaults),
	.run = pretranslate_run,
};
