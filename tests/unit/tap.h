/*
 * tap.h -- a few macros that print the Test Anything Protocol, for the C
 * unit tests run by Automake's TAP driver (tests/local.mk).
 *
 *   plan(n) or no plan and done_testing();
 *   ok(cond, fmt, ...), is_int(got, want, name), is_str(got, want, name);
 *   skip_all(reason); diag(fmt, ...).
 * A test program exits 1 if any test failed.
 */
#ifndef TMGLOSS_TAP_H
#define TMGLOSS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_run, tap_failed;

static inline void
plan(int n)
{
	printf("1..%d\n", n);
}

static inline void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline int
tap_result(int pass, const char *name)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tap_run, name);
	return pass;
}

static inline int
ok(int pass, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	return tap_result(pass, name);
}

static inline int
is_int(long long got, long long want, const char *name)
{
	if (tap_result(got == want, name))
		return 1;
	diag("  got: %lld", got);
	diag("  expected: %lld", want);
	return 0;
}

static inline int
is_str(const char *got, const char *want, const char *name)
{
	int pass = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);

	if (tap_result(pass, name))
		return 1;
	diag("  got: '%s'", got ? got : "(null)");
	diag("  expected: '%s'", want ? want : "(null)");
	return 0;
}

static inline void
skip_all(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	exit(0);
}

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_run);
	return tap_failed ? 1 : 0;
}

static inline int
exit_status(void)
{
	return tap_failed ? 1 : 0;
}

#endif
