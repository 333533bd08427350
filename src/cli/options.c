/*
 * options.c -- the one option parser of tmgloss, and the help it prints.
 *
 * Every command declares its options once, in the table of its entry
 * (struct cli_option in cli.h): long name, short letter, the kind of
 * value and a help line.  This file turns a table into getopt_long()'s
 * arrays, checks each value by its kind (a number within its range, a
 * BCP 47 tag, an output format, one of a list of words), stores it where
 * the table says, and runs the command with the operands that are left.
 * --db FILE, --header and -h/--help, which every command takes, are in
 * `common_options` below; tmgloss's own options, before the command's
 * name, are a table of main.c read by the same parser
 * (cli_parse_main_options).  The help of a command, the list of its
 * options that tests/cli/options.sh compares with the manual page, and the
 * parser read the same tables, so the three cannot disagree.
 *
 * Options and operands may come in any order (GNU getopt permutes them);
 * "--" ends the options.  Before a command's name, or a sub-command's
 * (gloss --db FILE list), only options come, and the first operand ends
 * them.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

/* What parse_options() returns when the command should run. */
#define PARSED (-1)
/* The widest left column of a help table; longer spellings get a line of
 * their own. */
#define HELP_COLUMN_MAX 26

static const struct cli_option common_options[] = {
	CLI_DB(NULL, N_("the memory to use (see tmgloss --help)")),
	CLI_HEADER,
	{ "help", 'h', CLI_ARG_NONE, NULL, 0, 0, 0, 0, NULL, NULL,
	  N_("show this help and exit") },
	CLI_OPTIONS_END
};

#define HELP_OPTION (&common_options[2])

/* How parse_options() reads a table. */
enum {
	PARSE_COMMON = 1,         /* common_options too */
	PARSE_OPTIONS_FIRST = 2,  /* stop at the first operand */
};

void
cli_command_name(const struct command *cmd, char *buf, size_t size)
{
	if (cmd->parent)
		snprintf(buf, size, "%s %s", cmd->parent->name, cmd->name);
	else
		snprintf(buf, size, "%s", cmd->name);
}

/* ------------------------------------------------------------ values */

static int
parse_number(const struct command *cmd, const struct cli_option *o,
	     const char *arg, long *value)
{
	char option[64];
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v < o->min || v > o->max) {
		snprintf(option, sizeof option, "--%s", o->name);
		cli_usage_error(cmd, _("%s needs a number from %ld to %ld, "
				       "not '%s'"), option, o->min, o->max,
				arg);
		return -1;
	}
	*value = v;
	return 0;
}

static int
parse_language(const struct command *cmd, const char *arg,
	       struct cli_lang *lang)
{
	if (lang_canonicalize(arg, lang->tag, sizeof lang->tag) < 0) {
		cli_usage_error(cmd, _("'%s' is not a valid language tag"),
				arg);
		return -1;
	}
	lang->arg = arg;
	return 0;
}

/* One of the formats o->max allows, by its name (format_name()). */
static int
parse_format(const struct command *cmd, const struct cli_option *o,
	     const char *arg, int *format)
{
	char names[64] = "";
	size_t len = 0;

	for (int f = FORMAT_TEXT; f < FORMAT_COUNT; f++)
		if ((o->max & FORMAT_BIT(f)) && strcmp(arg, format_name(f)) == 0) {
			*format = f;
			return 0;
		}
	if (o->max == FORMATS_OUTPUT) {
		cli_usage_error(cmd, _("unknown output format '%s' "
				       "(use text, tsv or json)"), arg);
		return -1;
	}
	for (int f = FORMAT_TEXT; f < FORMAT_COUNT; f++)
		if (o->max & FORMAT_BIT(f))
			len += (size_t)snprintf(names + len, sizeof names - len,
						"%s%s", len ? ", " : "",
						format_name(f));
	/* TRANSLATORS: the second %s lists the formats: "tbx, tsv" */
	cli_usage_error(cmd, _("unknown format '%s' (one of: %s)"), arg, names);
	return -1;
}

static int
parse_choice(const struct command *cmd, const struct cli_option *o,
	     const char *arg, int *choice)
{
	if (arg == NULL) {
		*choice = 1;
		return 0;
	}
	for (int i = 0; o->choices[i]; i++)
		if (strcmp(arg, o->choices[i]) == 0) {
			*choice = i + 1;
			return 0;
		}
	cli_usage_error(cmd, _(o->invalid), arg);
	return -1;
}

/* Check the value `arg` of option o (NULL for none) and store it. */
static int
store_value(const struct command *cmd, struct cli *cli, void *args,
	    const struct cli_option *o, const char *arg)
{
	char *base = o->flags & CLI_OPTION_COMMON ? (char *)cli : args;
	void *dest = base + o->offset;

	switch (o->arg) {
	case CLI_ARG_NONE:
		*(int *)dest = 1;
		return 0;
	case CLI_ARG_STRING:
		*(const char **)dest = arg;
		return 0;
	case CLI_ARG_NUMBER:
		return parse_number(cmd, o, arg, dest);
	case CLI_ARG_LANGUAGE:
		return parse_language(cmd, arg, dest);
	case CLI_ARG_FORMAT:
		return parse_format(cmd, o, arg, dest);
	case CLI_ARG_CHOICE:
		return parse_choice(cmd, o, arg, dest);
	}
	return 0;
}

/* ------------------------------------------------------------ parsing */

/* A command's table and the common one, as getopt_long() wants them. */
struct option_set {
	const struct cli_option **all;  /* all[i] is longopts[i] */
	struct option *longopts;
	size_t count;
	char optstring[128];
};

static size_t
table_length(const struct cli_option *table)
{
	size_t n = 0;

	while (table && table[n].name)
		n++;
	return n;
}

static void
option_set_add(struct option_set *set, const struct cli_option *o)
{
	size_t i = set->count++, len = strlen(set->optstring);
	struct option *l = &set->longopts[i];

	set->all[i] = o;
	l->name = o->name;
	l->has_arg = o->arg == CLI_ARG_NONE ? no_argument
		     : o->flags & CLI_OPTION_OPTIONAL ? optional_argument
		     : required_argument;
	l->flag = NULL;
	l->val = 256 + (int)i;
	if (o->short_name && len + 4 < sizeof set->optstring)
		snprintf(set->optstring + len, sizeof set->optstring - len,
			 "%c%s", o->short_name,
			 l->has_arg == no_argument ? ""
			 : l->has_arg == optional_argument ? "::" : ":");
}

static void
option_set_build(struct option_set *set, const struct cli_option *table,
		 unsigned how)
{
	const struct cli_option *common = how & PARSE_COMMON ? common_options
							     : NULL;
	size_t n = table_length(table) + table_length(common);

	set->all = xcalloc(n, sizeof *set->all);
	set->longopts = xcalloc(n + 1, sizeof *set->longopts);
	set->count = 0;
	/* '+': no permuting, the first operand ends the options; then ':':
	 * a missing value is told apart from an unknown option */
	snprintf(set->optstring, sizeof set->optstring, "%s:",
		 how & PARSE_OPTIONS_FIRST ? "+" : "");
	for (size_t i = 0; i < table_length(table); i++)
		option_set_add(set, &table[i]);
	for (size_t i = 0; i < table_length(common); i++)
		option_set_add(set, &common[i]);
}

/* The entry getopt_long() returned `c` for, or NULL for an error. */
static const struct cli_option *
option_set_find(const struct option_set *set, int c)
{
	if (c >= 256 && (size_t)(c - 256) < set->count)
		return set->all[c - 256];
	for (size_t i = 0; i < set->count; i++)
		if (set->all[i]->short_name && set->all[i]->short_name == c)
			return set->all[i];
	return NULL;
}

static void
option_set_free(struct option_set *set)
{
	free(set->all);
	free(set->longopts);
}

/* The usage error for what getopt_long() returned for a bad option: ':'
 * (a missing value) or '?' (an unknown option). */
static int
option_error(const struct command *cmd, const struct option_set *set, int c,
	     char **argv)
{
	char letter[3] = { '-', (char)optopt, '\0' };
	const char *option = optopt > 0 && optopt < 256 ? letter
							 : argv[optind - 1];
	const struct cli_option *o = option_set_find(set, optopt);

	if (c == ':' && o && o->arg != CLI_ARG_CHOICE && o->invalid)
		return cli_usage_error(cmd, "%s", _(o->invalid));
	if (c == ':')
		return cli_usage_error(cmd, _("option '%s' needs a value"),
				       option);
	return cli_usage_error(cmd, _("unknown option '%s'"), option);
}

/* Parse argv[1..] against the table (and the common options, as `how`
 * says); *first is then the index of the first operand.  Returns PARSED,
 * or the exit status when the command must not run (its help was asked
 * for, or a usage error was printed).  Usage errors name cmd (NULL:
 * tmgloss itself). */
static int
parse_options(const struct command *cmd, const struct cli_option *table,
	      unsigned how, struct cli *cli, void *args, int argc,
	      char **argv, int *first)
{
	struct option_set set;
	int c, status = PARSED;

	option_set_build(&set, table, how);
	optind = 0;  /* GNU: start afresh, argv[0] is the command's name */
	opterr = 0;
	while (status == PARSED &&
	       (c = getopt_long(argc, argv, set.optstring, set.longopts,
				NULL)) != -1) {
		const struct cli_option *o = option_set_find(&set, c);

		if (o == NULL) {
			status = option_error(cmd, &set, c, argv);
		} else if (o == HELP_OPTION) {
			cli_command_help(cmd);
			status = EXIT_OK;
		} else if (store_value(cmd, cli, args, o, optarg) < 0) {
			status = EXIT_USAGE;
		} else if (o->flags & CLI_OPTION_STOP) {
			break;
		}
	}
	*first = optind;
	option_set_free(&set);
	return status;
}

/* "list, add, remove, export" */
static void
subcommand_names(const struct command *cmd, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; cmd->subcommands[i] && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? ", " : "",
					cmd->subcommands[i]->name);
}

const struct command *
cli_find_subcommand(const struct command *cmd, const char *name)
{
	char names[256];

	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++)
		if (strcmp(cmd->subcommands[i]->name, name) == 0)
			return cmd->subcommands[i];
	if (cmd->subcommands == NULL) {
		cli_usage_error(cmd, _("unexpected argument '%s'"), name);
		return NULL;
	}
	subcommand_names(cmd, names, sizeof names);
	cli_usage_error(cmd, _("'%s' is not a %s subcommand (%s)"), name,
			cmd->name, names);
	return NULL;
}

/* The common options before the sub-command's name, then the
 * sub-command. */
static int
run_subcommand(const struct command *cmd, struct cli *cli, int argc,
	       char **argv)
{
	const struct command *sub;
	char names[256];
	int first, status;

	status = parse_options(cmd, NULL, PARSE_COMMON | PARSE_OPTIONS_FIRST,
			       cli, NULL, argc, argv, &first);
	if (status != PARSED)
		return status;
	if (first >= argc) {
		subcommand_names(cmd, names, sizeof names);
		return cli_usage_error(cmd, _("which one: %s?"), names);
	}
	if ((sub = cli_find_subcommand(cmd, argv[first])) == NULL)
		return EXIT_USAGE;
	return cli_run_command(sub, cli, argc - first, argv + first);
}

int
cli_parse_main_options(const struct cli_option *table, struct cli *cli,
		       void *args, int argc, char **argv, int *first)
{
	return parse_options(NULL, table, PARSE_OPTIONS_FIRST, cli, args,
			     argc, argv, first);
}

int
cli_run_command(const struct command *cmd, struct cli *cli, int argc,
		char **argv)
{
	void *args = NULL;
	int first, status;

	if (cmd->subcommands)
		return run_subcommand(cmd, cli, argc, argv);
	if (cmd->args_size) {
		args = xmalloc(cmd->args_size);
		memcpy(args, cmd->defaults, cmd->args_size);
	}
	status = parse_options(cmd, cmd->options, PARSE_COMMON, cli, args,
			       argc, argv, &first);
	if (status == PARSED && cmd->no_operands && first < argc)
		status = cli_usage_error(cmd, _("unexpected argument '%s'"),
					 argv[first]);
	if (status == PARSED) {
		cli->command = cmd;
		status = cmd->run(cli, args, argc - first, argv + first);
	}
	free(args);
	return status;
}

/* ------------------------------------------------------------ help */

/* The left column of an option's help: "  -o, --output=FILE". */
static void
option_spelling(const struct cli_option *o, char *buf, size_t size)
{
	char value[64] = "";

	if (o->arg != CLI_ARG_NONE)
		snprintf(value, sizeof value,
			 o->flags & CLI_OPTION_OPTIONAL ? "[=%s]" : "=%s",
			 o->value);
	if (o->short_name)
		snprintf(buf, size, "  -%c, --%s%s", o->short_name, o->name,
			 value);
	else
		snprintf(buf, size, "      --%s%s", o->name, value);
}

static size_t
help_column(const struct cli_option *table, size_t column)
{
	char left[128];

	for (size_t i = 0; table && table[i].name; i++) {
		size_t w;

		if (table[i].flags & CLI_OPTION_HIDDEN)
			continue;
		option_spelling(&table[i], left, sizeof left);
		w = strlen(left) + 2;
		if (w > column && w <= HELP_COLUMN_MAX)
			column = w;
	}
	return column;
}

/* Each option of the table, its help lines aligned at `column`. */
static void
print_options(const struct cli_option *table, size_t column)
{
	char left[128];

	for (size_t i = 0; table[i].name; i++) {
		const char *help = _(table[i].help);
		size_t w;

		if (table[i].flags & CLI_OPTION_HIDDEN)
			continue;
		option_spelling(&table[i], left, sizeof left);
		fputs(left, stdout);
		w = strlen(left);
		if (w + 2 > column) {
			putchar('\n');
			w = 0;
		}
		for (;;) {
			size_t n = strcspn(help, "\n");

			printf("%*s%.*s\n", (int)(column - w), "", (int)n,
			       help);
			if (help[n] == '\0')
				break;
			help += n + 1;
			w = 0;
		}
	}
}

static int
has_visible_options(const struct cli_option *table)
{
	for (size_t i = 0; table && table[i].name; i++)
		if (!(table[i].flags & CLI_OPTION_HIDDEN))
			return 1;
	return 0;
}

static void
print_subcommands(const struct command *cmd)
{
	printf("\n%s\n", _("Subcommands:"));
	for (size_t i = 0; cmd->subcommands[i]; i++) {
		const struct command *sub = cmd->subcommands[i];

		printf("  %s %s\n        %s\n", sub->name, _(sub->usage),
		       _(sub->summary));
	}
	printf(_("Each has its own options: run 'tmgloss %s SUBCOMMAND "
		 "--help'.\n"), cmd->name);
}

void
cli_command_help(const struct command *cmd)
{
	size_t column = help_column(common_options,
				    help_column(cmd->options, 16));
	char name[64];

	cli_command_name(cmd, name, sizeof name);
	printf(_("Usage: tmgloss [--db FILE] %s %s\n"), name, _(cmd->usage));
	printf("%s\n", _(cmd->summary));
	if (cmd->help)
		printf("\n%s", _(cmd->help));
	if (cmd->subcommands)
		print_subcommands(cmd);
	if (has_visible_options(cmd->options)) {
		printf("\n%s\n", _("Options:"));
		print_options(cmd->options, column);
	}
	if (cmd->examples)
		printf("\n%s\n%s", _("Examples:"), _(cmd->examples));
	printf("\n%s\n", _("Common options:"));
	print_options(common_options, column);
}

void
cli_options_help(const struct cli_option *table)
{
	print_options(table, help_column(table, 16));
}

void
cli_list_options(const struct cli_option *table)
{
	for (size_t i = 0; table && table[i].name; i++) {
		const struct cli_option *o = &table[i];

		if (o->flags & CLI_OPTION_HIDDEN)
			continue;
		printf("--%s", o->name);
		if (o->short_name)
			printf(" -%c", o->short_name);
		putchar('\n');
	}
}
