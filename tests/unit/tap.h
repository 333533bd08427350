/*
 * tap.h -- a tiny Test Anything Protocol library for the C unit tests.
 *
 * ok(cond, name...) prints "ok N - name" or "not ok N - name"; is_str and
 * is_int also print what was expected and what came on a diagnostic line.
 * done_testing() prints the plan ("1..N") and gives the exit status.
 * Header-only: each test program includes it once.
 */
#ifndef TMGLOSS_TAP_H
#define TMGLOSS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static void tap_vreport(int pass, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static int ok(int pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));
static int is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static int is_int(long long got, long long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), unused));
static void skip_all(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), unused));
static int done_testing(void) __attribute__((unused));

static void
tap_vreport(int pass, const char *fmt, va_list ap)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

static void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	return pass;
}

static int
is_str(const char *got, const char *want, const char *fmt, ...)
{
	int pass = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass) {
		diag("     got: %s", got ? got : "(null)");
		diag("expected: %s", want ? want : "(null)");
	}
	return pass;
}

static int
is_int(long long got, long long want, const char *fmt, ...)
{
	int pass = got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("got %lld, expected %lld", got, want);
	return pass;
}

/* Skip the whole program: prints "1..0 # SKIP reason". */
static void
skip_all(const char *fmt, ...)
{
	va_list ap;

	fputs("1..0 # SKIP ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
