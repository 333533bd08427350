/*
 * fixture.h -- what the C unit tests share: memories built from
 * French-Chinese sentence pairs, the files under tests/data, and the reader
 * of the tab-separated case files (tests/data/NAME-cases.tsv).
 *
 * The tests link tests/unit/libfixture.a.  Failures are reported as TAP
 * diagnostics ("# ...") through tap.h's conventions; a function that
 * fails returns -1 or NULL and the test says what it could not do.
 */
#ifndef TMGLOSS_TEST_FIXTURE_H
#define TMGLOSS_TEST_FIXTURE_H

#include <stddef.h>

#include "tmgloss.h"

/* A sentence pair: French (fr-FR) first, Chinese (zh-CN) second. */
typedef const char *const fixture_pair[2];

/*
 * Fill `u` (initialised here) with one sentence pair: source language
 * fr-FR, variants[0] the French `fr`, variants[1] the Chinese `zh` in
 * zh-CN.  The caller may change it (a date, markup, zh-TW) before adding
 * it, and unit_clear()s it after.
 */
void fixture_unit(struct tmg_unit *u, const char *fr, const char *zh);

/*
 * Import pairs[0..n) into `m` as one file named `origin`; committed if
 * `commit`, rolled back if not.  0, or -1 with a diagnostic line.
 */
int fixture_import_pairs(struct tmg_memory *m, const char *origin,
			 fixture_pair *pairs, size_t n, int commit);

/*
 * A new memory at `path` (removed first if there, with its -wal and -shm
 * files) holding pairs[0..n) imported from "test.tmx"; NULL with a
 * diagnostic line if that fails.
 */
struct tmg_memory *fixture_memory(const char *path, fixture_pair *pairs,
				  size_t n);

/* Remove the memory file `path` and its -wal and -shm files. */
void fixture_unlink_memory(const char *path);

/*
 * Write to buf (of `size` bytes) the path of a scratch memory,
 * $TMPDIR/NAME-PID.db (/tmp when TMPDIR is unset or empty), and remove
 * whatever a previous run left there (fixture_unlink_memory).
 */
void fixture_scratch_path(char *buf, size_t size, const char *name);

/*
 * Open the memory at `path` as a check named `name` (with the error on a
 * diagnostic line when it fails); the memory, or NULL.
 */
struct tmg_memory *fixture_open_memory(const char *path, const char *name);

/*
 * `ret`, after a diagnostic line with err's message when it is negative:
 * what an engine call returned, as in
 * fixture_checked(memory_update_indexes(m, INDEX_ALL, NULL, NULL, &err), &err).
 */
long long fixture_checked(long long ret, const struct tmg_error *err);

/* $top_srcdir/rel (the current directory when top_srcdir is not set),
 * or rel itself when it is absolute; freshly allocated. */
char *fixture_path(const char *rel);

/*
 * Read a case file: one case a line, `nfields` tab-separated fields, the
 * last taking the rest of the line; blank lines and lines starting with
 * '#' are skipped, a trailing CR is dropped.  Calls fn on each case with
 * the fields and the line number.  A line with fewer fields is a failed
 * test; so is a file that does not open.  Returns the number of cases run,
 * or -1 if the file did not open.  `rel` is as for fixture_path().
 */
typedef void fixture_case_fn(char **fields, const char *file, long lineno,
			     void *data);
long fixture_cases(const char *rel, int nfields, fixture_case_fn *fn,
		   void *data);

#endif
