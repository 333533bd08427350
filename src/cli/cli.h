/*
 * cli.h -- what the command files share: the command table entry with
 * its option table, the common options, output formats and the error and
 * help printers.
 *
 * Exit status: 0 success, 1 bad input or data (EXIT_DATA), 2 bad usage.
 */
#ifndef TMGLOSS_CLI_H
#define TMGLOSS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "base/i18n.h"
#include "tmgloss.h"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2,
};

/* A language tag given as an option: as typed, and canonical. */
struct cli_lang {
	const char *arg;          /* NULL when the option is not given */
	char tag[TMG_LANG_MAX];   /* canonical BCP 47; "" when not given */
};

/* The values of --format, one spelling each, the same for every command
 * (options.c, format_name()): text, tsv, json for what a command prints;
 * tbx and csv too for the files some commands write, in an int of their
 * own (CLI_FORMAT_OF). */
enum output_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };
enum { FORMAT_TBX = FORMAT_JSON + 1, FORMAT_CSV, FORMAT_COUNT };
#define FORMAT_BIT(f) (1L << (f))
#define FORMATS_OUTPUT \
	(FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_TSV) | \
	 FORMAT_BIT(FORMAT_JSON))

/* What every command receives: the memory and the common options,
 * parsed once (options.c) for the commands that declare them. */
struct cli {
	const char *db_path;         /* --db, else the default; never NULL */
	enum output_format format;   /* --format=text|tsv|json */
	struct cli_lang src, tgt;    /* --src LANG, --tgt LANG */
	int quiet;                   /* -q, --quiet */
	int read_only;               /* --read-only: never write the memory */
	int header;                  /* --header: a TSV output's first line
				      * names its columns (tsv_header()) */
	const struct command *command; /* the command running */
};

/*
 * Options, declared once per command in a table, in the manner of git's
 * parse_options: the one parser (options.c) reads them, checks their
 * values and stores them, and the help is printed from the same table.
 * A value goes to `offset` in the command's own argument struct (see
 * struct command), or, for the common options, in struct cli.
 */
enum cli_arg {
	CLI_ARG_NONE,      /* a switch: the int at offset becomes 1 */
	CLI_ARG_STRING,    /* the const char * at offset */
	CLI_ARG_NUMBER,    /* the long at offset, within [min, max] */
	CLI_ARG_LANGUAGE,  /* the struct cli_lang at offset: valid BCP 47 */
	CLI_ARG_FORMAT,    /* the enum output_format (or int) at offset,
			    * one of the formats in `max` (FORMAT_BIT()s) */
	CLI_ARG_CHOICE,    /* the int at offset: 1 + the index of the value
			    * in choices (0: not given; a missing optional
			    * value is the first choice) */
};

enum {
	CLI_OPTION_COMMON = 1,     /* the value goes into struct cli */
	CLI_OPTION_OPTIONAL = 2,   /* --name[=VALUE] */
	CLI_OPTION_HIDDEN = 4,     /* neither in help nor in the listing */
	CLI_OPTION_STOP = 8,       /* the parser stops after it (tmgloss -h
				    * and -V, whatever follows) */
};

struct cli_option {
	const char *name;        /* long name, without "--"; NULL ends */
	int short_name;          /* 'o' for -o, or 0 */
	enum cli_arg arg;
	const char *value;       /* the value's name in help: "FILE" */
	size_t offset;
	unsigned flags;
	long min, max;           /* CLI_ARG_NUMBER; CLI_ARG_FORMAT: max is
				  * the formats accepted */
	const char *const *choices;  /* CLI_ARG_CHOICE, NULL-terminated */
	const char *invalid;     /* N_(); CLI_ARG_CHOICE: message for a bad
				  * value, one %s; other kinds: message for
				  * a missing value (NULL: the usual one) */
	const char *help;        /* N_(); lines after the first are
				  * indented under it */
};

/* Table entries.  T is the command's argument struct, F its field. */
#define CLI_SWITCH(name, s, T, F, help) \
	{ name, s, CLI_ARG_NONE, NULL, offsetof(T, F), 0, 0, 0, NULL, NULL, \
	  help }
#define CLI_STRING(name, s, value, T, F, help) \
	{ name, s, CLI_ARG_STRING, value, offsetof(T, F), 0, 0, 0, NULL, \
	  NULL, help }
#define CLI_NUMBER(name, value, T, F, lo, hi, help) \
	{ name, 0, CLI_ARG_NUMBER, value, offsetof(T, F), 0, lo, hi, NULL, \
	  NULL, help }
#define CLI_LANGUAGE(name, s, T, F, help) \
	{ name, s, CLI_ARG_LANGUAGE, "LANG", offsetof(T, F), 0, 0, 0, NULL, \
	  NULL, help }
#define CLI_CHOICE(name, s, value, T, F, flags, choices, invalid, help) \
	{ name, s, CLI_ARG_CHOICE, value, offsetof(T, F), flags, 0, 0, \
	  choices, invalid, help }
/* The common options: spelt here once, each command saying what they
 * mean for it. */
#define CLI_FORMAT(help) \
	{ "format", 0, CLI_ARG_FORMAT, "FORMAT", offsetof(struct cli, format), \
	  CLI_OPTION_COMMON, 0, FORMATS_OUTPUT, NULL, NULL, help }
/* --format for a file a command writes: the int field F of T, one of
 * the formats `mask` (FORMAT_BIT(FORMAT_TBX) | ...). */
#define CLI_FORMAT_OF(T, F, mask, help) \
	{ "format", 0, CLI_ARG_FORMAT, "FORMAT", offsetof(T, F), 0, 0, mask, \
	  NULL, NULL, help }
/* --header: after the command as before it (options.c, main.c). */
#define CLI_HEADER \
	{ "header", 0, CLI_ARG_NONE, NULL, offsetof(struct cli, header), \
	  CLI_OPTION_COMMON, 0, 0, NULL, NULL, \
	  N_("with --format=tsv, a first line that names the\n" \
	     "columns") }
#define CLI_SRC(help) \
	{ "src", 0, CLI_ARG_LANGUAGE, "LANG", offsetof(struct cli, src), \
	  CLI_OPTION_COMMON, 0, 0, NULL, NULL, help }
#define CLI_TGT(help) \
	{ "tgt", 0, CLI_ARG_LANGUAGE, "LANG", offsetof(struct cli, tgt), \
	  CLI_OPTION_COMMON, 0, 0, NULL, NULL, help }
/* --db FILE, before the command (main.c) and after it (options.c); a
 * missing file name says `missing` (NULL: the usual message). */
#define CLI_DB(missing, help) \
	{ "db", 0, CLI_ARG_STRING, "FILE", offsetof(struct cli, db_path), \
	  CLI_OPTION_COMMON, 0, 0, NULL, missing, help }
#define CLI_QUIET(help) \
	{ "quiet", 'q', CLI_ARG_NONE, NULL, offsetof(struct cli, quiet), \
	  CLI_OPTION_COMMON, 0, 0, NULL, NULL, help }
#define CLI_OPTIONS_END { NULL, 0, CLI_ARG_NONE, NULL, 0, 0, 0, 0, NULL, \
			  NULL, NULL }

/*
 * A command, or a sub-command of one (gloss list): its name, help, option
 * table and run function.  The parser fills a copy of `defaults` (an
 * `args_size` struct; none when 0) and calls run with it and the operands,
 * the arguments that are not options.  A command with sub-commands has no
 * run function: its first operand names the sub-command.
 */
struct command {
	const char *name;
	const char *summary;   /* one line, N_() */
	const char *usage;     /* arguments after the name, N_() */
	const char *help;      /* what it does, N_(); may be NULL */
	const char *examples;  /* N_(); may be NULL */
	const struct cli_option *options;  /* may be NULL */
	const void *defaults;
	size_t args_size;
	int no_operands;       /* an operand is a usage error */
	int no_xml;            /* reads and writes no XML: libxml2 is not set
				* up for it (0.3 ms of a process, main.c) */
	int (*run)(struct cli *cli, void *args, int argc, char **argv);
	const struct command *const *subcommands;  /* NULL-terminated */
	const struct command *parent;              /* of a sub-command */
};

#define COMMAND_ARGS(defaults_) \
	.defaults = &(defaults_), .args_size = sizeof(defaults_)

extern const struct command cmd_import_entry;
extern const struct command cmd_export_entry;
extern const struct command cmd_stats_entry;
extern const struct command cmd_segment_entry;
extern const struct command cmd_gloss_entry;
extern const struct command cmd_terms_entry;
extern const struct command cmd_suggest_entry;
extern const struct command cmd_extract_entry;
extern const struct command cmd_match_entry;
extern const struct command cmd_concord_entry;
extern const struct command cmd_analyze_entry;
extern const struct command cmd_check_entry;
extern const struct command cmd_pretranslate_entry;
extern const struct command cmd_index_entry;
extern const struct command cmd_remove_entry;
extern const struct command cmd_edit_entry;
extern const struct command cmd_origins_entry;
extern const struct command cmd_serve_entry;
extern const struct command cmd_help_entry;

/* ---- cmd-analyze.c: the analysis printed, by analyze and pretranslate */

/* What comes before the files: the TSV/CSV header, JSON's opening. */
void analyze_print_start(const struct cli *cli, int format);
/* File number `i` (from 0) of the run; `filled` (pretranslate) adds
 * what was filled, or NULL. */
void analyze_print_file(int format, int i, const char *file,
			const struct analysis_options *o,
			const struct analysis_counts *c,
			const struct pretranslate_counts *filled);
/* The total of `files` files, and what closes the output. */
void analyze_print_end(int format, int files,
		       const struct analysis_options *o,
		       const struct analysis_counts *sum);
/* "100,95,85,75,50" into o->bounds; -1 when it is not that. */
int analyze_parse_bands(const char *arg, struct analysis_options *o);
/* A reader's warning, said on stderr. */
void analyze_warning(void *data, const struct tmg_error *warning);

/* ---- main.c */

/* The command called `name`, or NULL. */
const struct command *cli_find_command(const char *name);
/* Print tmgloss's own help (the commands and the global options). */
void cli_main_help(void);
/* Print the options taken before the command, as cli_list_options(). */
void cli_list_main_options(void);
/* Print "tmgloss: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print an engine error as "tmgloss: file:line:column: message". */
void cli_report(const struct tmg_error *err);
/* Print a usage error and a hint; returns EXIT_USAGE. */
int cli_usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Open the memory at cli->db_path; prints the error and returns NULL. */
struct tmg_memory *cli_open_memory(struct cli *cli);
/* cli_open_memory() for a command that searches (MEMORY_SEARCH): the
 * memory's pages mapped from the start, the schema's too. */
struct tmg_memory *cli_open_memory_to_search(struct cli *cli);
/* cli_open_memory_to_search() without the check that no search index was
 * emptied under its marks (verify_schema()), for a command that runs it
 * only when a search finds nothing: cli_check_search_tables() (a dozen
 * pages read, a tenth of a single match's time).  That check's -1 (the
 * error printed), or how many lost parts it put back (their search
 * indexes are then rebuilt by the next cli_ready_to_search()). */
struct tmg_memory *cli_open_memory_to_match(struct cli *cli);
int cli_check_search_tables(struct cli *cli, struct tmg_memory *memory);

/* Print a hint and return -1 when the memory has no units (commands that
 * search units call it before guessing languages). */
int cli_require_units(struct cli *cli, struct tmg_memory *memory);
/* Before a search: the indexes `which` of a memory that can be written
 * brought up to date (the ones the command reads), with a progress line on
 * a terminal (a read-only one is searched as it is), then its pages mapped
 * (memory_map_reads()).  Prints the error and returns -1. */
int cli_ready_to_search(struct tmg_memory *memory, enum memory_indexes which);
/* Open the memory for a command that searches units (MEMORY_SEARCH): with
 * need_units, cli_require_units(); then cli_ready_to_search(`which`).
 * Prints the error and returns NULL. */
struct tmg_memory *cli_open_for_search(struct cli *cli, int need_units,
				       enum memory_indexes which);
/* The end of a command's run: prints `err` when it holds a message, closes
 * the memory (NULL: none) and returns the exit status, EXIT_DATA after an
 * error, else `status`.  A run fills err and goes to its end; it reports
 * only what err cannot hold. */
int cli_finish(struct tmg_memory *memory, const struct tmg_error *err,
	       int status);

/* ---- options.c */

/* Parse the options of `cmd` in argv (argv[0] is its name, or its
 * sub-command's) and run it; returns its exit status.  -h and --help
 * print the help instead, --db FILE sets cli->db_path. */
int cli_run_command(const struct command *cmd, struct cli *cli, int argc,
		    char **argv);
/* The sub-command of `cmd` called `name`; prints a usage error and
 * returns NULL when there is none. */
const struct command *cli_find_subcommand(const struct command *cmd,
					  const char *name);
/* "gloss list" for a sub-command, "match" for a command. */
void cli_command_name(const struct command *cmd, char *buf, size_t size);
/* Print the command's usage and help on stdout, from its table. */
void cli_command_help(const struct command *cmd);
/* Print the options of a table, one a line: "--file -f", for the test
 * that compares them with the manual page. */
void cli_list_options(const struct cli_option *table);
/* Print the help lines of a table's options, aligned. */
void cli_options_help(const struct cli_option *table);
/* Parse tmgloss's own options, those before the command's name, against
 * `table` (values into cli, or args); *first is then the index of the
 * command's name.  Returns -1 to go on, else the exit status (a usage
 * error was printed). */
int cli_parse_main_options(const struct cli_option *table, struct cli *cli,
			   void *args, int argc, char **argv, int *first);

/* ---- progress.c */

/* Seconds on a monotonic clock, for rates and progress lines. */
double monotonic_seconds(void);
/* Whether to draw progress lines: standard error is a terminal, or
 * TMGLOSS_PROGRESS says (1: always, 0: never). */
int progress_wanted(void);
/* Start a progress line on stderr: "\r[#####     ]  50% " for `percent`. */
void progress_bar(int percent);
/* Write format_progress_times() for a task begun at `started`
 * (monotonic_seconds()) on stderr, after two spaces, or nothing. */
void progress_times(double started, double fraction);
/* Bring the memory's search indexes `which` up to date, with a progress
 * line on stderr when `show`; the number of units indexed, or -1 after
 * printing the error.  `tmgloss index` calls it for both, and every
 * command that searches units for the one it reads, before it searches. */
long long progress_update_indexes(struct tmg_memory *memory,
				  enum memory_indexes which, int show);

/* ---- input.c */

struct strbuf;
/* Append all of `path` ("-": standard input) to `sb`; prints the error and
 * returns -1 when it cannot be read. */
int cli_read_file(const char *path, struct strbuf *sb);
/* The length of the UTF-8 byte order mark that `s` (`len` bytes) begins
 * with: 3, or 0 when it has none. */
size_t cli_bom_length(const char *s, size_t len);

/* $TMGLOSS_LOCALEDIR, the build tree's catalogs for an uninstalled
 * program, else LOCALEDIR (locale-dir.c). */
const char *cli_locale_dir(void);

/* ---- output.c */

/* Write s as a JSON string (with quotes). */
void json_string(FILE *out, const char *s);
/* Write s as a TSV field: tab, newline, CR and backslash escaped as \t,
 * \n, \r and \\ (the one escaping of every TSV output; doc/tmgloss.1). */
void tsv_field(FILE *out, const char *s);
/* With --format=tsv and --header, write the column names up to a NULL
 * as one TSV line on standard output; else nothing.  Every command that
 * prints TSV calls it before its first row. */
void tsv_header(const struct cli *cli, const char *column, ...)
	__attribute__((sentinel));
/* The same on `out` for a TSV file the command writes (its own
 * --format, CLI_FORMAT_OF, already found TSV): with --header only. */
void tsv_header_to(FILE *out, const struct cli *cli, const char *column, ...)
	__attribute__((sentinel));
/* The spelling of a format: "tsv". */
const char *format_name(int format);
/* Write `, "key": value` to continue a JSON object: the string, or null
 * when value is NULL. */
void json_member(FILE *out, const char *key, const char *value);
/* Write a glossary translation as a JSON object {"lang", "text",
 * "status"}, after ", " unless it is the first of its array. */
void json_translation(FILE *out, int first, const char *lang,
		      const char *text, enum term_status status);
/* Write a fuzzy match as `tmgloss match --format=json` does, an object
 * with the query's number and text; a NULL hit is the query's object
 * without match (every other member null). */
void json_fuzzy_hit(FILE *out, long number, const char *query,
		    const struct fuzzy_hit *hit);
/* Whether `len` bytes of `s` (NUL-terminated after them) are well-formed
 * UTF-8, as json_string() reads it. */
int utf8_valid(const char *s, size_t len);
/* Write the fields up to a NULL as one TSV line: tsv_field() each,
 * tabs between, a newline after. */
void tsv_row(FILE *out, const char *field, ...)
	__attribute__((sentinel));
/* Write a translation of a glossary term in a "; "-separated list (no
 * "; " before the first), marked "(deprecated)", and "(admitted)" too
 * when show_admitted. */
void print_translation(FILE *out, int first, const char *text,
		       enum term_status status, int show_admitted);
/* Columns a UTF-8 string takes on a terminal (East Asian wide = 2). */
size_t display_width(const char *s);
/* Write s padded with spaces to `width` columns. */
void pad_right(FILE *out, const char *s, size_t width);
void pad_left(FILE *out, const char *s, size_t width);
/* "1234567" -> "1,234,567" in the user's locale (thousands grouping). */
void format_count(char *buf, size_t size, long long n);
/* "12.3 MiB", the unit in the user's language ("12,3 Mio"). */
void format_bytes(char *buf, size_t size, long long bytes);
/* A duration as "m:ss", or "h:mm:ss" from an hour on. */
void format_duration(char *buf, size_t size, double seconds);
/* What a progress line says of time once PROGRESS_TIMES_AFTER seconds have
 * passed ("" before): the time elapsed and, when `fraction` of the work
 * (between 0 and 1, exclusive) is done, the time left at the rate so
 * far. */
#define PROGRESS_TIMES_AFTER 2.0
void format_progress_times(char *buf, size_t size, double elapsed,
			   double fraction);
/* Whether to write colour escapes to `out`: it is a terminal, NO_COLOR is
 * not set and TERM is not "dumb".  Every coloured output asks here. */
int cli_use_colour(FILE *out);
/* Where export and gloss export rename their temporary file to
 * (malloc'd): `output` when it is a regular file or missing, the file a
 * symbolic link names; NULL when `output` is written straight into
 * (standard output "-", a device, a FIFO, a dangling link), as a shell's
 * > would: renaming over it would replace it with a file. */
char *cli_rename_target(const char *output);
/* A file that export, gloss export and pretranslate write: into a
 * temporary file beside it, renamed into place once all is written
 * (when cli_rename_target() says so), so a failure, a full disk or
 * Ctrl-C leaves what was there before.  cli_output_begin() returns the
 * path to write to; cli_output_commit() renames (0, or -1 with `err`
 * set); cli_output_abort() removes the temporary file after a failure
 * and puts the user's name for the file in `err` where the temporary
 * one's was; cli_output_free() frees the names. */
struct cli_output {
	const char *name;	/* as the user gave it */
	char *target;		/* what the temporary file becomes, or NULL */
	char *tmp;		/* the temporary file, or NULL */
};
const char *cli_output_begin(struct cli_output *out, const char *name);
int cli_output_commit(struct cli_output *out, struct tmg_error *err);
void cli_output_abort(struct cli_output *out, struct tmg_error *err);
void cli_output_free(struct cli_output *out);

#endif
