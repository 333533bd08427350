/*
 * tap.c -- the Test Anything Protocol output of the C unit tests (the
 * functions are described in tap.h).  One count for the whole program, so
 * the fixture's checks and the test's own share the plan.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static int tap_count, tap_failed;

static void
tap_vreport(int pass, const char *directive, const char *fmt, va_list ap)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	putchar('\n');
	fflush(stdout);
}

void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, NULL, fmt, ap);
	va_end(ap);
	return pass;
}

int
is_str(const char *got, const char *want, const char *fmt, ...)
{
	int pass = (got == NULL && want == NULL) ||
		   (got && want && strcmp(got, want) == 0);
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, NULL, fmt, ap);
	va_end(ap);
	if (!pass) {
		diag("     got: %s", got ? got : "(null)");
		diag("expected: %s", want ? want : "(null)");
	}
	return pass;
}

int
is_int(long long got, long long want, const char *fmt, ...)
{
	int pass = got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, NULL, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("got %lld, expected %lld", got, want);
	return pass;
}

void
skip(const char *reason, const char *fmt, ...)
{
	char directive[512];
	va_list ap;

	snprintf(directive, sizeof directive, "SKIP %s", reason);
	va_start(ap, fmt);
	tap_vreport(1, directive, fmt, ap);
	va_end(ap);
}

int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
