/*
 * output-test.c -- the pieces of the command line's output that no shell
 * test reaches well: the times a progress line shows (only drawn on a
 * terminal), durations, and the escaping of JSON strings and TSV fields
 * byte by byte, TSV rows (src/cli/output.c, compiled into this test).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tap.h"

/* What `write` writes for s, as a string (malloc'd). */
static char *
written(void (*write)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	write(out, s);
	fclose(out);
	return buf;
}

static void
test_durations(void)
{
	char buf[32];

	format_duration(buf, sizeof buf, 0);
	is_str(buf, "0:00", "no time is 0:00");
	format_duration(buf, sizeof buf, 7.4);
	is_str(buf, "0:07", "seconds round to the nearest");
	format_duration(buf, sizeof buf, 754.6);
	is_str(buf, "12:35", "minutes and seconds");
	format_duration(buf, sizeof buf, 3723);
	is_str(buf, "1:02:03", "hours from an hour on");
	format_duration(buf, sizeof buf, -3);
	is_str(buf, "0:00", "a clock going back is no time");
}

static void
test_progress_times(void)
{
	char buf[128];

	format_progress_times(buf, sizeof buf, 1.9, 0.5);
	is_str(buf, "", "nothing in the first two seconds");
	format_progress_times(buf, sizeof buf, 3, 0.25);
	is_str(buf, "0:03 elapsed, about 0:09 left",
	       "past two seconds: elapsed, and the rest at the same rate");
	format_progress_times(buf, sizeof buf, 90, 0.5);
	is_str(buf, "1:30 elapsed, about 1:30 left", "half done, half left");
	format_progress_times(buf, sizeof buf, 5, 0);
	is_str(buf, "0:05 elapsed", "an unknown fraction: elapsed only");
	format_progress_times(buf, sizeof buf, 5, 1);
	is_str(buf, "0:05 elapsed", "all done: nothing left to guess");
}

static void
test_json_strings(void)
{
	char *s;

	s = written(json_string, "caf\xc3\xa9 \xe5\x8c\x97\xe4\xba\xac");
	is_str(s, "\"caf\xc3\xa9 \xe5\x8c\x97\xe4\xba\xac\"",
	       "UTF-8 goes out as it is");
	free(s);
	s = written(json_string, "caf\xe9.tmx");
	is_str(s, "\"caf\\ufffd.tmx\"", "a Latin-1 byte becomes \\ufffd");
	free(s);
	s = written(json_string, "\xc3\xc3\xa9\xa9");
	is_str(s, "\"\\ufffd\xc3\xa9\\ufffd\"",
	       "one \\ufffd per invalid byte, valid neighbours kept");
	free(s);
	s = written(json_string, "\xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80");
	is_str(s, "\"\\ufffd\\ufffd\\ufffd \\ufffd\\ufffd "
		  "\\ufffd\\ufffd\\ufffd\\ufffd\"",
	       "surrogates, overlong forms, past U+10FFFF are invalid");
	free(s);
	s = written(json_string, "\xe5\x8c");
	is_str(s, "\"\\ufffd\\ufffd\"", "a sequence cut short at the end");
	free(s);
	s = written(json_string, "a\"b\\c\n\t\x01");
	is_str(s, "\"a\\\"b\\\\c\\n\\t\\u0001\"",
	       "quotes, backslashes, control characters escaped");
	free(s);
}

static void
test_tsv_fields(void)
{
	char *s = written(tsv_field, "a\tb\nc\rd\\e f");

	is_str(s, "a\\tb\\nc\\rd\\\\e f",
	       "tab, newline, CR and backslash escaped, nothing else");
	free(s);
}

static void
test_tsv_rows(void)
{
	const char *empty = "";
	const char *a = "a";
	struct cli cli = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	tsv_row(out, empty, "x", empty, empty, NULL);
	tsv_row(out, a, a, "b\tc", NULL);
	cli.header = 1;
	tsv_header_to(out, &cli, a, "b", a, NULL);
	cli.header = 0;
	tsv_header_to(out, &cli, "no", "header", NULL);
	fclose(out);
	is_str(buf, "\tx\t\t\na\ta\tb\\tc\na\tb\ta\n",
	       "a field that is the first one's pointer keeps its tab; "
	       "a header only with --header");
	free(buf);
}

int
main(void)
{
	test_durations();
	test_progress_times();
	test_json_strings();
	test_tsv_fields();
	test_tsv_rows();
	return done_testing();
}
