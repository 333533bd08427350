/*
 * tap.h -- a tiny Test Anything Protocol library for the C unit tests
 * (tests/unit/tap.c, linked into every test with the fixture).
 *
 * ok(cond, name...) prints "ok N - name" or "not ok N - name"; is_str and
 * is_int also print what was expected and what came on a diagnostic line.
 * skip(reason, name...) prints "ok N - name # SKIP reason": a test that
 * could not run here, counted in the plan.
 * done_testing() prints the plan ("1..N") and gives the exit status.
 */
#ifndef TMGLOSS_TAP_H
#define TMGLOSS_TAP_H

int ok(int pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int is_int(long long got, long long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void skip(const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
int done_testing(void);

#endif
