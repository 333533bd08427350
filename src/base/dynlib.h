/*
 * base/dynlib.h -- a shared library opened when it is first needed, not
 * when the program starts.
 *
 * Every library a program is linked with is mapped and relocated before
 * main(), whether the command uses it or not: libstemmer alone relocates
 * 10,800 pointers (81 pages written, as many page faults) in each
 * `tmgloss match TEXT`, which never stems.  A library the program needs
 * only for some commands is named here by its soname (found by
 * configure), and its functions (or variables) are looked up by name on
 * first use.
 */
#ifndef TMGLOSS_BASE_DYNLIB_H
#define TMGLOSS_BASE_DYNLIB_H

#include <stddef.h>

#include "base/error.h"

struct dynlib {
	const char *soname;        /* what the dynamic loader looks for */
	const char *need;          /* what needs it, for the error message
				      (translated: "reading PO files") */
	const char *const *names;  /* the symbols, `count` of them */
	void **slots;              /* where their addresses go */
	size_t count;
};

/*
 * Open `lib` and fill its slots.  Returns 0, or -1 with `err` set (the
 * library or one of its symbols is missing: a message that names it).
 * Not thread-safe by itself: callers load once (pthread_once) and keep
 * the result.
 */
int dynlib_load(const struct dynlib *lib, struct tmg_error *err);

#endif /* TMGLOSS_BASE_DYNLIB_H */
