/*
 * error.c -- struct tmg_error: where a problem is and what it is.
 *
 * Every layer reports failure through a struct tmg_error so that the command
 * line can print "file:line:column: message" in the user's language.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/records.h"

void
tmg_error_set(struct tmg_error *err, const char *file, long line, long column,
	      const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

void
tmg_error_format(const struct tmg_error *err, char *buf, size_t size)
{
	if (err->file[0] != '\0' && err->line > 0 && err->column > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line,
			 err->column, err->message);
	else if (err->file[0] != '\0' && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line,
			 err->message);
	else if (err->file[0] != '\0')
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}
