/*
 * cmd-remove.c -- tmgloss remove: take units out of the memory.
 *
 * Units are named by id (the operands), by the file they were imported
 * from, by date or by language pair; every criterion given must hold.
 * Without any, the command refuses: it never empties a memory by
 * accident.  --dry-run says what would go and changes nothing (the memory
 * is opened read-only).  The store deletes in one transaction and sees to
 * the search indexes (store/remove.c).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

struct remove_args {
	const char *origin;
	const char *before;
	int dry_run;
};

static const struct remove_args remove_defaults;

/* A unit id as typed: digits only, above 0. */
static int
parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static void
print_result(const struct cli *cli, const struct remove_result *r,
	     int dry_run)
{
	char n[32];

	switch (cli->format) {
	case FORMAT_TEXT:
		if (cli->quiet)
			break;
		format_count(n, sizeof n, (long long)r->count);
		if (dry_run)
			printf(ngettext("%s unit would be removed.\n",
					"%s units would be removed.\n",
					r->count), n);
		else
			printf(ngettext("%s unit removed.\n",
					"%s units removed.\n", r->count), n);
		break;
	case FORMAT_TSV:
		tsv_header(cli, "record", "value", NULL);
		printf("units\t%zu\ndry_run\t%d\n", r->count, dry_run);
		for (size_t i = 0; i < r->count; i++)
			printf("id\t%lld\n", (long long)r->ids[i]);
		break;
	case FORMAT_JSON:
		printf("{\"units\": %zu, \"dry_run\": %s, \"ids\": [",
		       r->count, dry_run ? "true" : "false");
		for (size_t i = 0; i < r->count; i++)
			printf("%s%lld", i ? ", " : "", (long long)r->ids[i]);
		printf("]}\n");
		break;
	}
}

static int
remove_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct remove_args *args = data;
	struct remove_filter filter = { 0 };
	struct remove_result result = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	int64_t *ids = NULL;
	char *origin = NULL;
	char before[17];
	int status = EXIT_DATA;

	if (!args->origin && !args->before && !cli->src.arg &&
	    !cli->tgt.arg && argc == 0)
		return cli_usage_error(&cmd_remove_entry, "%s",
				       _("say which units to remove: unit "
					 "ids, --origin, --before, or --src "
					 "with --tgt"));
	if (!cli->src.arg != !cli->tgt.arg)
		return cli_usage_error(&cmd_remove_entry, "%s",
				       _("--src and --tgt go together: the "
					 "units with both languages"));
	if (args->before && tmx_date_normalize(args->before, before) < 0)
		return cli_usage_error(&cmd_remove_entry,
				       _("'%s' is not a date (YYYY-MM-DD)"),
				       args->before);
	if (argc > 0)
		ids = xreallocarray(NULL, (size_t)argc, sizeof *ids);
	for (int i = 0; i < argc; i++)
		if (parse_id(argv[i], &ids[i]) < 0) {
			free(ids);
			return cli_usage_error(&cmd_remove_entry,
					       _("'%s' is not a unit id"),
					       argv[i]);
		}
	filter.ids = ids;
	filter.nids = (size_t)argc;
	filter.before = args->before ? before : NULL;
	filter.src = cli->src.arg ? cli->src.tag : NULL;
	filter.tgt = cli->tgt.arg ? cli->tgt.tag : NULL;

	/* a dry run cannot change the file, whatever happens */
	if (args->dry_run)
		cli->read_only = 1;
	if ((memory = cli_open_memory(cli)) == NULL) {
		free(ids);
		return EXIT_DATA;
	}
	/* the stored name, given in full or by an unambiguous end of it */
	if (args->origin && origins_resolve(memory, args->origin, ORIGIN_UNITS,
					    &origin, &err) < 0)
		goto out;
	filter.origin = origin;
	if (remove_units(memory, &filter, args->dry_run, &result, &err) < 0)
		goto out;
	print_result(cli, &result, args->dry_run);
	status = EXIT_OK;
out:
	remove_result_clear(&result);
	free(origin);
	free(ids);
	return cli_finish(memory, &err, status);
}

static const struct cli_option remove_options[] = {
	CLI_STRING("origin", 0, "NAME", struct remove_args, origin,
		   N_("only units imported from the file NAME")),
	CLI_STRING("before", 0, "DATE", struct remove_args, before,
		   N_("only units changed (else created) before DATE\n"
		      "(YYYY-MM-DD)")),
	CLI_SRC(N_("with --tgt: only units with variants in both")),
	CLI_TGT(N_("with --src: only units with variants in both")),
	CLI_SWITCH("dry-run", 'n', struct remove_args, dry_run,
		   N_("say what would be removed; change nothing")),
	CLI_FORMAT(N_("text, tsv or json (these two list the ids)")),
	CLI_QUIET(N_("no text summary")),
	CLI_OPTIONS_END
};

const struct command cmd_remove_entry = {
	.name = "remove",
	.summary = N_("Remove translation units from the memory."),
	.usage = N_("[ID...] [--origin NAME] [--before DATE] "
		    "[--src LANG --tgt LANG] [--dry-run]"),
	.help = N_(
"Removes the units named by id, by the file they were imported from, by\n"
"date (change date, else creation date) or by language pair; given\n"
"together, every criterion must hold.  Without any, nothing is removed.\n"
"Removed units are never matched again; an imported file left with no\n"
"unit leaves the statistics.  --dry-run only counts.\n"),
	.examples = N_(
"  tmgloss remove --dry-run --origin old.tmx\n"
"  tmgloss remove --before 2020-01-01 --src fr --tgt zh\n"
"  tmgloss remove 12 40\n"),
	.options = remove_options,
	COMMAND_ARGS(remove_defaults),
	.run = remove_run,
};
