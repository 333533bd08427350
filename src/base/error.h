/*
 * base/error.h -- what went wrong and where: the one error struct every
 * layer fills, and the conventions of the engine's return values.
 *
 * Return conventions (every engine function follows one of three):
 *   - int functions return 0 on success and -1 on failure, with the reason
 *     in the struct tmg_error passed (when not NULL);
 *   - readers' *_next() functions return 1 when they produced an item, 0
 *     at the end of their input and -1 on failure;
 *   - counting functions (long long) return the count, or -1 on failure.
 * Allocation never fails for the caller: base/xalloc.h exits the process
 * with a message on exhaustion, so no function returns an out-of-memory
 * error and no caller checks for one.
 *
 * Ownership: every "char *" inside a struct is owned by that struct and
 * freed by the struct's *_clear / *_free function, unless a comment says
 * otherwise.
 */
#ifndef TMGLOSS_BASE_ERROR_H
#define TMGLOSS_BASE_ERROR_H

#include <stddef.h>


/* What went wrong and where.  file/line/column are 0/"" when unknown. */
struct tmg_error {
	char file[1024];
	long line;
	long column;
	char message[1024];
};

void tmg_error_set(struct tmg_error *err, const char *file, long line,
		   long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Format "file:line:column: message" into buf. */
void tmg_error_format(const struct tmg_error *err, char *buf, size_t size);

#endif /* TMGLOSS_BASE_ERROR_H */
