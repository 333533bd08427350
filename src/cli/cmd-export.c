/*
 * cmd-export.c -- tmgloss export: the memory, or part of it, as TMX 1.4b.
 *
 * The file is written under a temporary name beside the target and renamed
 * into place at the end, so an interrupted export never leaves a
 * half-written TMX where a CAT tool would pick it up.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct export_run {
	struct tmx_writer *writer;
	long units;
};

static int
write_one(void *data, const struct tmg_unit *unit, struct tmg_error *err)
{
	struct export_run *run = data;

	run->units++;
	return tmx_writer_add_unit(run->writer, unit, err);
}

static int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "src", required_argument, NULL, 's' },
		{ "tgt", required_argument, NULL, 't' },
		{ "origin", required_argument, NULL, 'g' },
		{ "exact-lang", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct memory_filter filter = { 0 };
	struct tmg_annotations notes = { 0 };
	struct tmg_error err = { 0 };
	struct export_run run = { 0 };
	struct tmg_memory *memory;
	char srclang[TMG_LANG_MAX], origin[1024], *tmp = NULL;
	const char *output = NULL;
	int c, status = EXIT_DATA;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 's': filter.src = optarg; break;
		case 't': filter.tgt = optarg; break;
		case 'g': filter.origin = optarg; break;
		case 'x': filter.exact_lang = 1; break;
		case 'h':
			cli_command_help(&cmd_export_entry);
			return EXIT_OK;
		default:
			return cli_option_error(&cmd_export_entry, c, argv);
		}
	}
	if (output == NULL)
		return cli_usage_error(&cmd_export_entry, "%s",
				       _("no output file: give -o FILE"));
	if (optind < argc)
		return cli_usage_error(&cmd_export_entry,
				       _("unexpected argument '%s'"),
				       argv[optind]);
	if ((filter.src &&
	     cli_parse_language(&cmd_export_entry, filter.src, NULL) < 0) ||
	    (filter.tgt &&
	     cli_parse_language(&cmd_export_entry, filter.tgt, NULL) < 0))
		return EXIT_USAGE;
	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;

	if (memory_common_source(memory, filter.origin, srclang, origin,
				 sizeof origin, &err) < 0)
		goto fail;
	if (filter.src) {
		lang_canonicalize(filter.src, srclang, sizeof srclang);
	}
	if (filter.origin && origin[0] == '\0') {
		tmg_error_set(&err, memory_path(memory), 0, 0,
			      _("no file named '%s' was imported into this memory"),
			      filter.origin);
		goto fail;
	}
	if (origin[0] && memory_origin_notes(memory, origin, &notes, &err) < 0)
		goto fail;

	if (strcmp(output, "-") != 0) {
		size_t n = strlen(output) + 32;
		tmp = malloc(n);
		if (tmp == NULL)
			abort();
		snprintf(tmp, n, "%s.tmp-%ld", output, (long)getpid());
	}
	run.writer = tmx_writer_open(tmp ? tmp : "-", srclang, &notes, &err);
	if (run.writer == NULL)
		goto fail;
	if (memory_foreach_unit(memory, &filter, write_one, &run, &err) != 0) {
		tmx_writer_close(run.writer, NULL);
		goto fail;
	}
	{
		unsigned long dropped = tmx_writer_dropped(run.writer);
		if (tmx_writer_close(run.writer, &err) < 0)
			goto fail;
		if (dropped)
			fprintf(stderr, _("tmgloss: warning: %lu attributes or "
					  "elements not allowed by TMX 1.4b "
					  "were left out\n"), dropped);
	}
	if (tmp && rename(tmp, output) != 0) {
		tmg_error_set(&err, output, 0, 0, "%s", strerror(errno));
		goto fail;
	}
	if (tmp) {
		char n[32];
		format_count(n, sizeof n, run.units);
		fprintf(stderr, _("%s: %s units written\n"), output, n);
	}
	status = EXIT_OK;
	goto out;
fail:
	cli_report(&err);
	if (tmp)
		unlink(tmp);
out:
	free(tmp);
	annotations_clear(&notes);
	free(notes.items);
	memory_close(memory);
	return status;
}

const struct command cmd_export_entry = {
	.name = "export",
	.summary = N_("Export the memory as a TMX 1.4b file."),
	.usage = N_("-o FILE [--src LANG] [--tgt LANG] [--origin NAME]"),
	.help = N_(
"Writes the memory, or the units of one imported file, as TMX 1.4b in\n"
"UTF-8, the format every CAT tool imports (OmegaT, Trados, memoQ...).\n"
"The source language's variant comes first in every unit.\n"
"\n"
"Options:\n"
"  -o, --output=FILE   the TMX file to write ('-' for standard output)\n"
"      --src=LANG      only units with a variant in LANG, which becomes\n"
"                      their source (fr matches fr-FR, fr-CA...)\n"
"      --tgt=LANG      only units with a variant in LANG\n"
"      --origin=NAME   only units imported from the file NAME\n"
"      --exact-lang    a region in LANG must match exactly\n"
"\n"
"Examples:\n"
"  tmgloss export -o all.tmx\n"
"  tmgloss export --src zh --tgt fr -o zh-fr.tmx\n"),
	.run = cmd_export,
};
