/*
 * main.c -- the tmgloss command: its own options (a table the parser of
 * options.c reads, like every command's), the command table, and the
 * helpers every command uses to report errors.
 *
 * tmgloss [--db FILE] COMMAND [OPTIONS] [ARGS]
 *
 * The memory is --db FILE, else $TMGLOSS_DB, else
 * $XDG_DATA_HOME/tmgloss/memory.db (~/.local/share/tmgloss/memory.db),
 * created by the commands that store (import, gloss add); --read-only
 * never writes it.  Adding a command is one new cmd-*.c file and one line
 * in `commands` below.
 */
#include <config.h>

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli.h"

static const struct command *const commands[] = {
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_stats_entry,
	&cmd_segment_entry,
	&cmd_gloss_entry,
	&cmd_terms_entry,
	&cmd_suggest_entry,
	&cmd_extract_entry,
	&cmd_match_entry,
	&cmd_concord_entry,
	&cmd_analyze_entry,
	&cmd_check_entry,
	&cmd_pretranslate_entry,
	&cmd_index_entry,
	&cmd_remove_entry,
	&cmd_edit_entry,
	&cmd_origins_entry,
	&cmd_serve_entry,
	&cmd_help_entry,
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

struct main_args {
	int help, version;
};

/* The options before the command (--db and --help are taken after it too,
 * options.c).  -h and -V act at once, whatever follows them. */
static const struct cli_option main_options[] = {
	CLI_DB(N_("option '--db' needs a file name"),
	       N_("the memory to use (default: $TMGLOSS_DB, else\n"
		  "$XDG_DATA_HOME/tmgloss/memory.db); created on first use")),
	{ "read-only", 0, CLI_ARG_NONE, NULL, offsetof(struct cli, read_only),
	  CLI_OPTION_COMMON, 0, 0, NULL, NULL,
	  N_("never write the memory: searches answer from the indexes\n"
	     "as they are and check the units not yet indexed one by one") },
	CLI_HEADER,
	{ "help", 'h', CLI_ARG_NONE, NULL, offsetof(struct main_args, help),
	  CLI_OPTION_STOP, 0, 0, NULL, NULL, N_("show this help and exit") },
	{ "version", 'V', CLI_ARG_NONE, NULL,
	  offsetof(struct main_args, version), CLI_OPTION_STOP, 0, 0, NULL,
	  NULL, N_("show the version and exit") },
	CLI_OPTIONS_END
};

/* An error is one line, or lines that go on indented (a list of names):
 * any other control character (a newline in a file name) is written as
 * \n, \t, \r or \xHH. */
void
cli_error(const char *fmt, ...)
{
	va_list ap;
	char small[512], *line = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof small) {
		line = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	fflush(stdout);
	fputs("tmgloss: ", stderr);
	for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
		if (*p == '\n' && p[1] == ' ')
			putc(*p, stderr);
		else if (*p == '\n')
			fputs("\\n", stderr);
		else if (*p == '\t')
			fputs("\\t", stderr);
		else if (*p == '\r')
			fputs("\\r", stderr);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else
			putc(*p, stderr);
	}
	putc('\n', stderr);
	if (line != small)
		free(line);
}

void
cli_report(const struct tmg_error *err)
{
	char buf[2200];

	tmg_error_format(err, buf, sizeof buf);
	cli_error("%s", buf);
}

int
cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	char name[64];
	va_list ap;

	fflush(stdout);
	fputs("tmgloss: ", stderr);
	if (cmd) {
		cli_command_name(cmd, name, sizeof name);
		fprintf(stderr, "%s: ", name);
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	if (cmd)
		fprintf(stderr, _("Try 'tmgloss %s --help' for more information.\n"),
			name);
	else
		fputs(_("Try 'tmgloss --help' for more information.\n"), stderr);
	return EXIT_USAGE;
}

/* Whether `cmd` stores what it reads, and so creates a missing memory:
 * import and gloss add.  Every other command needs an existing one. */
static int
creates_memory(const struct command *cmd)
{
	if (cmd == NULL)
		return 0;
	if (cmd == &cmd_import_entry)
		return 1;
	return cmd->parent == &cmd_gloss_entry && strcmp(cmd->name, "add") == 0;
}

/* Said once when a command that writes waits for another's write lock
 * (memory_on_wait): without it, a long wait looks like a hang. */
static void
say_waiting(void *data)
{
	struct cli *cli = data;

	cli_error(_("%s: waiting for another tmgloss writing this memory "
		    "(an import or an index update) to finish..."),
		  cli->db_path);
}

/* verify_schema() of `m`, what it says told: -1 when `m` cannot be used
 * (the error printed), else how many parts it put back. */
static int
check_schema(const char *db_path, struct tmg_memory *m, int tables)
{
	struct tmg_error err = { 0 };
	char buf[2200];
	int repaired;

	switch (verify_schema(m, tables, &repaired, &err)) {
	case -1:
		cli_report(&err);
		return -1;
	case 1:
		tmg_error_format(&err, buf, sizeof buf);
		/* TRANSLATORS: %s is "FILE: what is wrong" */
		cli_error(_("warning: %s"), buf);
		break;
	}
	if (repaired)
		fprintf(stderr, ngettext("tmgloss: warning: %s: %d lost part "
					 "of the memory's indexes was put "
					 "back\n",
					 "tmgloss: warning: %s: %d lost parts "
					 "of the memory's indexes were put "
					 "back\n", (unsigned long)repaired),
			db_path, repaired);
	return repaired;
}

/* search: MEMORY_SEARCH rather than MEMORY_EXISTING; tables: the check
 * that no search index was emptied made now (else by
 * cli_check_search_tables()) */
static struct tmg_memory *
open_memory(struct cli *cli, int search, int tables)
{
	struct tmg_error err = { 0 };
	enum memory_mode mode = cli->read_only ? MEMORY_READ_ONLY :
		creates_memory(cli->command) ? MEMORY_CREATE :
		search ? MEMORY_SEARCH : MEMORY_EXISTING;
	struct tmg_memory *m;

	/* SQLite takes these for a memory held in RAM and dropped at exit:
	 * an import would say "added" and keep nothing */
	if (cli->db_path[0] == '\0' || strcmp(cli->db_path, ":memory:") == 0) {
		cli_error(_("--db '%s' names no file: a memory there would be "
			    "lost when tmgloss exits; give the memory's file "
			    "name"), cli->db_path);
		return NULL;
	}
	/* a migration of an older memory waits like any writer */
	m = memory_open_waiting(cli->db_path, mode, say_waiting, cli, &err);
	if (m == NULL) {
		if (err.message[0] == '\0')
			tmg_error_set(&err, cli->db_path, 0, 0, "%s",
				      _("cannot open the memory"));
		cli_report(&err);
		return NULL;
	}
	/* a dropped SQL index or search table is put back here, rather
	 * than slowing every import or failing every search */
	if (check_schema(cli->db_path, m, tables) < 0) {
		memory_close(m);
		return NULL;
	}
	return m;
}

struct tmg_memory *
cli_open_memory(struct cli *cli)
{
	return open_memory(cli, 0, 1);
}

struct tmg_memory *
cli_open_memory_to_search(struct cli *cli)
{
	return open_memory(cli, 1, 1);
}

struct tmg_memory *
cli_open_memory_to_match(struct cli *cli)
{
	return open_memory(cli, 1, 0);
}

int
cli_check_search_tables(struct cli *cli, struct tmg_memory *memory)
{
	return check_schema(cli->db_path, memory, 1);
}

int
cli_require_units(struct cli *cli, struct tmg_memory *memory)
{
	struct tmg_error err = { 0 };
	int empty = memory_is_empty(memory, &err);

	if (empty < 0) {
		cli_report(&err);
		return -1;
	}
	if (empty) {
		cli_error(_("%s: the memory holds no translation units yet; "
			    "import a TMX file first (tmgloss import FILE)"),
			  cli->db_path);
		return -1;
	}
	return 0;
}

int
cli_ready_to_search(struct tmg_memory *m, enum memory_indexes which)
{
	/* a read-only memory is searched as it is (match and concord check
	 * the units not yet indexed themselves) */
	if (!memory_read_only(m) &&
	    progress_update_indexes(m, which, progress_wanted()) < 0)
		return -1;
	memory_map_reads(m);
	return 0;
}

struct tmg_memory *
cli_open_for_search(struct cli *cli, int need_units,
		    enum memory_indexes which)
{
	struct tmg_memory *m = cli_open_memory_to_search(cli);

	if (m && ((need_units && cli_require_units(cli, m) < 0) ||
		  cli_ready_to_search(m, which) < 0)) {
		memory_close(m);
		m = NULL;
	}
	return m;
}

int
cli_finish(struct tmg_memory *memory, const struct tmg_error *err,
	   int status)
{
	if (err && err->message[0]) {
		cli_report(err);
		status = EXIT_DATA;
	}
	memory_close(memory);
	return status;
}

/* --db, else $TMGLOSS_DB, else the XDG data directory.  Returns a string
 * that lives as long as the process (may be static or from getenv). */
static const char *
default_db_path(void)
{
	static char path[4096];
	const char *env = getenv("TMGLOSS_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		return env;
	if (xdg && *xdg == '/')
		snprintf(path, sizeof path, "%s/tmgloss/memory.db", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.local/share/tmgloss/memory.db",
			 home);
	else
		snprintf(path, sizeof path, "tmgloss-memory.db");
	return path;
}

void
cli_main_help(void)
{
	size_t width = 0;

	printf("%s\n", _("Usage: tmgloss [--db FILE] COMMAND [OPTIONS] [ARGS]"));
	printf("%s\n\n", _("A translation memory and glossary tool for the "
			    "command line, French and Chinese first."));
	printf("%s\n", _("Commands:"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strlen(commands[i]->name) > width)
			width = strlen(commands[i]->name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-*s  %s\n", (int)width, commands[i]->name,
		       _(commands[i]->summary));
	printf("\n%s\n", _("Options:"));
	cli_options_help(main_options);
	printf("\n%s\n", _(
"Run 'tmgloss help COMMAND' or 'tmgloss COMMAND --help' for the options\n"
"of a command.\n"
"Exit status: 0 on success, 1 for bad input or data, 2 for bad usage."));
}

void
cli_list_main_options(void)
{
	cli_list_options(main_options);
}

static void
print_version(void)
{
	printf("tmgloss %s\n", PACKAGE_VERSION);
	puts(_("License GPLv3+: GNU GPL version 3 or later "
	       "<https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change "
	       "and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted "
	       "by law."));
}

const struct command *
cli_find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct main_args args = { 0 };
	const struct command *cmd;
	int first, status;

	/* The categories tmgloss uses: characters (the C library's own
	 * messages come in the terminal's charset), messages, and numbers
	 * (grouped digits, output.c).  Dates are printed as numbers and
	 * text is collated by ICU.  The other nine categories are each a
	 * file opened and mapped: LC_ALL took 0.7-1.2 ms of every process
	 * here, these three 0.4-0.5 ms. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	setlocale(LC_NUMERIC, "");
	bindtextdomain(PACKAGE, cli_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	status = cli_parse_main_options(main_options, &cli, &args, argc, argv,
					&first);
	if (status >= 0)
		return status;
	if (args.help) {
		cli_main_help();
		return EXIT_OK;
	}
	if (args.version) {
		print_version();
		return EXIT_OK;
	}
	if (first >= argc) {
		cli_main_help();
		return EXIT_USAGE;
	}
	cmd = cli_find_command(argv[first]);
	if (cmd == NULL)
		return cli_usage_error(NULL, _("'%s' is not a tmgloss command"),
				       argv[first]);
	if (cli.db_path == NULL)
		cli.db_path = default_db_path();

	/* libxml2 set up here, before any thread of the command uses it */
	if (!cmd->no_xml)
		xmlInitParser();
	/* the command's options, from its name on (options.c) */
	status = cli_run_command(cmd, &cli, argc - first, argv + first);
	if (!cmd->no_xml)
		xmlCleanupParser();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("%s", _("cannot write the output"));
		return EXIT_DATA;
	}
	return status;
}
