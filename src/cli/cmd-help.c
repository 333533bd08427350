/*
 * cmd-help.c -- tmgloss help: the help of tmgloss, of a command or of a
 * sub-command, the same text as `tmgloss COMMAND --help`.
 *
 *   tmgloss help                 what tmgloss --help prints
 *   tmgloss help COMMAND [SUB]   what tmgloss COMMAND [SUB] --help prints
 *   tmgloss help --options [COMMAND [SUB]]
 *                                the options the command takes, one
 *                                spelling a line (hidden: for the test
 *                                that compares them with the manual page)
 */
#include <config.h>

#include "cli.h"

struct help_args {
	int options;
};

static const struct help_args help_defaults;

static const struct cli_option help_options[] = {
	{ "options", 0, CLI_ARG_NONE, NULL,
	  offsetof(struct help_args, options), CLI_OPTION_HIDDEN, 0, 0, NULL,
	  NULL, NULL },
	CLI_OPTIONS_END
};

static int
help_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct help_args *args = data;
	const struct command *cmd = NULL;

	(void)cli;
	if (argc > 0 && (cmd = cli_find_command(argv[0])) == NULL)
		return cli_usage_error(&cmd_help_entry,
				       _("'%s' is not a tmgloss command"),
				       argv[0]);
	if (argc > 1 && (cmd = cli_find_subcommand(cmd, argv[1])) == NULL)
		return EXIT_USAGE;
	if (argc > 2)
		return cli_usage_error(&cmd_help_entry,
				       _("unexpected argument '%s'"), argv[2]);
	if (args->options && cmd)
		cli_list_options(cmd->options);
	else if (args->options)
		cli_list_main_options();
	else if (cmd)
		cli_command_help(cmd);
	else
		cli_main_help();
	return EXIT_OK;
}

const struct command cmd_help_entry = {
	.name = "help",
	.summary = N_("Show the help of tmgloss or of a command."),
	.usage = N_("[COMMAND [SUBCOMMAND]]"),
	.examples = N_(
"  tmgloss help match\n"
"  tmgloss help gloss export\n"),
	.options = help_options,
	COMMAND_ARGS(help_defaults),
	.run = help_run,
};
