/*
 * cli.h -- what the command files share: the command table entry, the
 * global options, output formats and the error and help printers.
 *
 * Exit status: 0 success, 1 bad input or data (EXIT_DATA), 2 bad usage.
 */
#ifndef TMGLOSS_CLI_H
#define TMGLOSS_CLI_H

#include <stdio.h>

#include "base/i18n.h"
#include "tmgloss.h"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2,
};

struct cli {
	const char *db_path; /* the memory file, resolved by main */
};

struct command {
	const char *name;
	const char *summary;  /* one line, N_() */
	const char *usage;    /* arguments after the name, N_() */
	const char *help;     /* options and examples, N_() */
	int (*run)(struct cli *cli, int argc, char **argv);
};

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
extern const struct command cmd_index_entry;

enum output_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };

/* Parse a --format argument; prints an error and returns -1 if unknown. */
int cli_parse_format(const struct command *cmd, const char *arg,
		     enum output_format *format);

/* Canonicalise the language tag of an option into `out` (may be NULL when
 * only the check is wanted); prints a usage error and returns -1 if the
 * tag is not valid BCP 47. */
int cli_parse_language(const struct command *cmd, const char *tag,
		       char out[TMG_LANG_MAX]);
/* Parse the number `arg` of `option` ("--max"), which must be within
 * [lo, hi]; prints a usage error and returns -1 if it is not. */
int cli_parse_number(const struct command *cmd, const char *option,
		     const char *arg, long lo, long hi, long *value);
/* Print "tmgloss: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print an engine error as "tmgloss: file:line:column: message". */
void cli_report(const struct tmg_error *err);
/* Print the command's usage and help on stdout. */
void cli_command_help(const struct command *cmd);
/* Print a usage error and a hint; returns EXIT_USAGE. */
int cli_usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The usage error for what getopt_long returned for a bad option: ':' (a
 * missing value) or anything else (an unknown option); returns EXIT_USAGE. */
int cli_option_error(const struct command *cmd, int c, char **argv);
/* Open the memory at cli->db_path; prints the error and returns NULL. */
struct tmg_memory *cli_open_memory(struct cli *cli);

/* Print a hint and return -1 when the memory has no units (commands that
 * search units call it before guessing languages). */
int cli_require_units(struct cli *cli, struct tmg_memory *memory);

/* Bring the search indexes up to date (cmd-index.c), with a progress line
 * on a terminal; prints the error and returns -1 on failure.  Commands
 * that search units call it before searching. */
int cli_update_indexes(struct tmg_memory *memory);

/* ---- input.c */

struct strbuf;
/* Append all of `path` ("-": standard input) to `sb`; prints the error and
 * returns -1 when it cannot be read. */
int cli_read_file(const char *path, struct strbuf *sb);

/* ---- output.c */

/* Write s as a JSON string (with quotes). */
void json_string(FILE *out, const char *s);
/* Write s as a TSV field: tab, newline, CR and backslash escaped. */
void tsv_field(FILE *out, const char *s);
/* Columns a UTF-8 string takes on a terminal (East Asian wide = 2). */
size_t display_width(const char *s);
/* Write s padded with spaces to `width` columns. */
void pad_right(FILE *out, const char *s, size_t width);
void pad_left(FILE *out, const char *s, size_t width);
/* "1234567" -> "1,234,567" in the user's locale (thousands grouping). */
void format_count(char *buf, size_t size, long long n);
/* "12.3 MiB" */
void format_bytes(char *buf, size_t size, long long bytes);
/* Seconds on a monotonic clock, for rates and progress lines. */
double monotonic_seconds(void);
/* Start a progress line on stderr: "\r[#####     ]  50% " for `percent`. */
void progress_bar(int percent);

#endif
