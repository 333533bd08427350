/*
 * cmd-index.c -- tmgloss index: bring the memory's search indexes up to
 * date.
 *
 * An import only stores units (index-update.c says why); the indexes of
 * match, concord, suggest and extract take the new units in when one of
 * them next runs, or when `tmgloss index` is run, for instance by a script
 * right after a large import so that the first search is immediate.  On a
 * terminal a progress line shows the units indexed.  The glossary's term
 * index is brought up to date as well.
 *
 * --rebuild drops every search index and the term index and builds them
 * again from the units and terms, and rebuilds the SQL indexes (REINDEX):
 * what a damaged index needs (tmgloss stats --verify says when).
 */
#include <config.h>

#include "cli.h"
#include "interrupt.h"

struct index_args {
	int rebuild;
};

static const struct index_args index_defaults;

static int
index_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct index_args *args = data;
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	long long n;
	double started, seconds;

	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	started = monotonic_seconds();
	interrupt_catch();
	if (args->rebuild && verify_rebuild_indexes(memory, &err) < 0) {
		cli_report(&err);
		memory_close(memory);
		return EXIT_DATA;
	}
	n = progress_update_indexes(memory, INDEX_ALL,
				    !cli->quiet && progress_wanted());
	/* the glossary's term index too, so that no reading command has
	 * anything left to write */
	if (n >= 0 && glossary_refresh_index(memory, &err) < 0) {
		cli_report(&err);
		n = -1;
	}
	seconds = monotonic_seconds() - started;
	memory_close(memory);
	if (n < 0)
		return EXIT_DATA;
	switch (cli->format) {
	case FORMAT_TEXT:
		if (cli->quiet)
			break;
		if (n == 0) {
			printf("%s\n", _("The indexes are up to date."));
		} else {
			char count[32];

			format_count(count, sizeof count, n);
			printf(ngettext("Indexed %s unit in %.1f s.\n",
					"Indexed %s units in %.1f s.\n", n),
			       count, seconds);
		}
		break;
	case FORMAT_TSV:
		tsv_header(cli, "record", "value", NULL);
		printf("indexed\t%lld\nmilliseconds\t%lld\n", n,
		       (long long)(seconds * 1000));
		break;
	case FORMAT_JSON:
		printf("{\"indexed\": %lld, \"milliseconds\": %lld}\n", n,
		       (long long)(seconds * 1000));
		break;
	}
	return EXIT_OK;
}

static const struct cli_option index_options[] = {
	CLI_SWITCH("rebuild", 0, struct index_args, rebuild,
		   N_("drop the search indexes and build them again from\n"
		      "the units (after tmgloss stats --verify finds them\n"
		      "damaged)")),
	CLI_QUIET(N_("no progress line and no text summary")),
	CLI_FORMAT(N_("text (default), tsv (indexed<TAB>N, then\n"
		      "milliseconds<TAB>MS) or json")),
	CLI_OPTIONS_END
};

const struct command cmd_index_entry = {
	.name = "index",
	.summary = N_("Bring the memory's search indexes up to date."),
	.usage = N_("[--rebuild] [--quiet] [--format=text|tsv|json]"),
	.help = N_(
"An import only stores units, so that a large file goes in at the speed\n"
"of reading it.  The indexes that match, concord, suggest and extract\n"
"search take in the new units when one of these commands next runs; run\n"
"`index` yourself to pay that time now, for instance in a script right\n"
"after importing a large memory.  All the units are indexed in one\n"
"transaction: interrupted, the memory stays as it was.  With --rebuild,\n"
"the indexes are dropped and built again from every unit (interrupted,\n"
"they are left empty, and the next search builds them).\n"),
	.examples = N_(
"  tmgloss import big.tmx && tmgloss index\n"
"  tmgloss index --format=json\n"),
	.options = index_options,
	COMMAND_ARGS(index_defaults),
	.no_operands = 1,
	.run = index_run,
};
