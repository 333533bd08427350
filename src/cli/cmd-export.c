/*
 * cmd-export.c -- tmgloss export: the memory, or part of it, as TMX 1.4b.
 *
 * A regular file (or a missing one) is written under a temporary name
 * beside it and renamed into place at the end, so an interrupted or failed
 * export never leaves a half-written TMX where a CAT tool would pick it up;
 * through a symbolic link, beside the file it names, so that the link
 * stays a link.  Anything else at the path (a device such as /dev/full, a
 * FIFO, a terminal, /proc/self/fd/N) is written straight into, as a
 * shell's > would: renaming over it would replace it with a file.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"
#include "base/xalloc.h"

/* The file is created with the first unit, so that a filter selecting
 * nothing leaves nothing behind. */
struct export_run {
	struct tmx_writer *writer;
	const char *path, *srclang;
	const struct tmg_annotations *notes;
	long units;
};

static int
open_writer(struct export_run *run, struct tmg_error *err)
{
	run->writer = tmx_writer_open(run->path, run->srclang, run->notes,
				      err);
	return run->writer ? 0 : -1;
}

static int
write_one(void *data, const struct tmg_unit *unit, struct tmg_error *err)
{
	struct export_run *run = data;

	if (interrupt_pending()) {
		/* stops memory_foreach_unit; export_run says why */
		tmg_error_set(err, run->path, 0, 0, "%s", "interrupted");
		return -1;
	}
	if (run->writer == NULL && open_writer(run, err) < 0)
		return -1;
	run->units++;
	return tmx_writer_add_unit(run->writer, unit, err);
}

struct export_args {
	const char *output;
	const char *origin;
	int exact_lang;
};

static const struct export_args export_defaults;

/* Write the units `filter` selects to `path` ("-": standard output) as
 * TMX; reports nothing, the caller does.  When a filter selects no unit,
 * nothing is written at all (*units is 0). */
static int
write_tmx(struct tmg_memory *memory, const struct memory_filter *filter,
	  const char *path, const char *srclang,
	  const struct tmg_annotations *notes, long *units,
	  struct tmg_error *err)
{
	struct export_run run = { 0 };
	unsigned long dropped;

	run.path = path;
	run.srclang = srclang;
	run.notes = notes;
	*units = 0;
	if (memory_foreach_unit(memory, filter, write_one, &run, err) != 0) {
		if (run.writer)
			tmx_writer_close(run.writer, NULL);
		return -1;
	}
	if (run.writer == NULL) {
		if (filter->src || filter->tgt || filter->origin)
			return 0;
		/* an empty memory: an empty TMX */
		if (open_writer(&run, err) < 0)
			return -1;
	}
	dropped = tmx_writer_dropped(run.writer);
	if (tmx_writer_close(run.writer, err) < 0)
		return -1;
	if (dropped)
		fprintf(stderr, ngettext("tmgloss: warning: %lu attribute "
					 "or element not allowed by TMX 1.4b "
					 "was left out\n",
					 "tmgloss: warning: %lu attributes "
					 "or elements not allowed by TMX 1.4b "
					 "were left out\n", dropped), dropped);
	*units = run.units;
	return 0;
}

/* The one-line warning of a filter that selected no unit. */
static void
report_nothing_selected(const struct cli *cli, const char *origin)
{
	if (!cli->src.arg && !cli->tgt.arg)
		fprintf(stderr, _("tmgloss: warning: no unit comes from "
				  "'%s'\n"), origin);
	else if (cli->src.arg && cli->tgt.arg)
		fprintf(stderr, _("tmgloss: warning: no unit has variants in "
				  "both %s and %s\n"),
			cli->src.arg, cli->tgt.arg);
	else
		fprintf(stderr, _("tmgloss: warning: no unit has a variant "
				  "in %s\n"),
			cli->src.arg ? cli->src.arg : cli->tgt.arg);
}

static int
export_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct export_args *args = data;
	struct memory_filter filter = { 0 };
	struct tmg_annotations notes = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	char srclang[TMG_LANG_MAX], origin[1024];
	char *resolved = NULL;
	struct cli_output file = { 0 };
	const char *path;
	const char *output = args->output;
	long units = 0;
	int status = EXIT_DATA;

	if (output == NULL)
		return cli_usage_error(&cmd_export_entry, "%s",
				       _("no output file: give -o FILE"));
	if (argc > 0)
		return cli_usage_error(&cmd_export_entry,
				       _("unexpected argument '%s'"), argv[0]);
	filter.src = cli->src.arg;
	filter.tgt = cli->tgt.arg;
	filter.exact_lang = args->exact_lang;
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	/* the stored name, given in full or by its base name */
	if (args->origin && origins_resolve(memory, args->origin, ORIGIN_UNITS,
					    &resolved, &err) < 0)
		goto fail;
	filter.origin = resolved;

	if (memory_common_source(memory, filter.origin, srclang, origin,
				 sizeof origin, &err) < 0)
		goto fail;
	if (filter.src)
		snprintf(srclang, sizeof srclang, "%s", cli->src.tag);
	if (filter.origin && origin[0] == '\0') {
		tmg_error_set(&err, memory_path(memory), 0, 0,
			      _("no file named '%s' was imported into this memory"),
			      filter.origin);
		goto fail;
	}
	if (origin[0] && memory_origin_notes(memory, origin, &notes, &err) < 0)
		goto fail;

	path = cli_output_begin(&file, output);
	/* Ctrl-C from here on removes the temporary file */
	interrupt_catch();
	if (write_tmx(memory, &filter, path, srclang, &notes,
		      &units, &err) < 0)
		goto fail;
	if (units == 0 && (filter.src || filter.tgt || filter.origin)) {
		report_nothing_selected(cli, args->origin);
		goto out;
	}
	if (interrupt_pending())
		goto fail;
	if (cli_output_commit(&file, &err) < 0)
		goto fail;
	if (strcmp(output, "-") != 0) {
		char n[32];
		format_count(n, sizeof n, units);
		fprintf(stderr, ngettext("%s: %s unit written\n",
					 "%s: %s units written\n", units),
			output, n);
	}
	status = EXIT_OK;
	goto out;
fail:
	cli_output_abort(&file, &err);
out:
	cli_output_free(&file);
	free(resolved);
	annotations_clear(&notes);
	free(notes.items);
	if (status != EXIT_OK && interrupt_pending()) {
		memory_close(memory);
		return interrupt_exit();
	}
	return cli_finish(memory, &err, status);
}

static const struct cli_option export_options[] = {
	CLI_STRING("output", 'o', "FILE", struct export_args, output,
		   N_("the TMX file to write ('-' for standard output)")),
	CLI_SRC(N_("only units with a variant in LANG, which becomes\n"
		   "their source (fr matches fr-FR, fr-CA...)")),
	CLI_TGT(N_("only units with a variant in LANG")),
	CLI_STRING("origin", 0, "NAME", struct export_args, origin,
		   N_("only units imported from the file NAME")),
	CLI_SWITCH("exact-lang", 0, struct export_args, exact_lang,
		   N_("a region in LANG must match exactly")),
	CLI_OPTIONS_END
};

const struct command cmd_export_entry = {
	.name = "export",
	.summary = N_("Export the memory as a TMX 1.4b file."),
	.usage = N_("-o FILE [--src LANG] [--tgt LANG] [--origin NAME]"),
	.help = N_(
"Writes the memory, or the units of one imported file, as TMX 1.4b in\n"
"UTF-8, the format every CAT tool imports (OmegaT, Trados, memoQ...).\n"
"The source language's variant comes first in every unit.  With --src\n"
"and --tgt together, only the units that have both languages, with\n"
"these two variants; a filter that selects nothing writes no file.\n"),
	.examples = N_(
"  tmgloss export -o all.tmx\n"
"  tmgloss export --src zh --tgt fr -o zh-fr.tmx\n"),
	.options = export_options,
	COMMAND_ARGS(export_defaults),
	.run = export_run,
};
