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

#include <pthread.h>
#include <stddef.h>

#include "base/error.h"

struct dynlib {
	const char *soname;        /* what the dynamic loader looks for */
	const char *need;          /* what needs it, for the error message:
				      a msgid (N_("reading PO files")),
				      translated when said */
	const char *const *names;  /* the symbols, `count` of them */
	void **slots;              /* where their addresses go */
	size_t count;
};

/*
 * Open `lib` and fill its slots.  Returns 0, or -1 with `err` set (the
 * library or one of its symbols is missing: a message that names it).
 * Not thread-safe by itself, and it opens the library again at each
 * call: a program loads through dynlib_load_once() below.
 */
int dynlib_load(const struct dynlib *lib, struct tmg_error *err);

/*
 * A library loaded once per process, whichever thread asks first:
 * dynlib_load_once() opens it and calls fill(lib.slots), which copies
 * the addresses into the caller's typed table, on its first call; later
 * calls give the same result (0, or -1 and the same error) at the cost
 * of a mutex.  Define one with DYNLIB_ONCE(soname, need, names, slots,
 * count, fill).
 */
struct dynlib_once {
	struct dynlib lib;
	void (*fill)(void *const *slots);
	pthread_mutex_t lock;
	int state;                 /* 0 not tried, 1 loaded, -1 failed */
	struct tmg_error err;
};
#define DYNLIB_ONCE(soname, need, names, slots, count, fill) \
	{ { (soname), (need), (names), (slots), (count) }, (fill), \
	  PTHREAD_MUTEX_INITIALIZER, 0, { "", 0, 0, "" } }
int dynlib_load_once(struct dynlib_once *o, struct tmg_error *err);

#endif /* TMGLOSS_BASE_DYNLIB_H */
