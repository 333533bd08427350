/*
 * progress.c -- progress lines on standard error, and the update of the
 * search indexes that draws one.
 *
 * An import only stores units (src/index says why); the indexes that
 * match, concord, suggest and extract search take the new units in when
 * a command that reads them next runs (the token index for match, concord,
 * analyze and pretranslate, the translation index for suggest and
 * extract), or when `tmgloss index` is run.  All of them call
 * progress_update_indexes(), which shows the units indexed on a terminal
 * and leaves no trace of the line once done.  Past a couple of seconds, a
 * progress line says the time elapsed and the time left
 * (format_progress_times() in output.c).
 *
 * Ctrl-C and SIGTERM during import, index and export (interrupt.h): the
 * handler does nothing but store the signal; rolling back, removing a
 * temporary file and the message happen in the command's own loop, where
 * they are safe.  SA_RESTART keeps reads and writes going, so that only the
 * flag tells the loops to stop.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "interrupt.h"

static volatile sig_atomic_t caught_signal;

static void
on_signal(int sig)
{
	caught_signal = sig;
}

void
interrupt_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
interrupt_pending(void)
{
	return caught_signal != 0;
}

int
interrupt_exit(void)
{
	if (isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	fputs(_("tmgloss: interrupted; what was under way was undone\n"), stderr);
	return EXIT_INTERRUPTED;
}

double
monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
progress_wanted(void)
{
	const char *force = getenv("TMGLOSS_PROGRESS");

	if (force && strcmp(force, "1") == 0)
		return 1;
	if (force && strcmp(force, "0") == 0)
		return 0;
	return isatty(STDERR_FILENO);
}

void
progress_bar(int percent)
{
	int bar;

	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	bar = percent / 5;
	fprintf(stderr, "\r[%.*s%*s] %3d%% ", bar, "####################",
		20 - bar, "", percent);
}

void
progress_times(double started, double fraction)
{
	char times[128];

	format_progress_times(times, sizeof times,
			      monotonic_seconds() - started, fraction);
	if (times[0])
		fprintf(stderr, "  %s", times);
}

struct index_progress {
	double started, last_draw;
	int show, drawn;
};

/* memory_progress_fn: a line on stderr, at most ten times a second; after
 * Ctrl-C (tmgloss index), the end of the process.  Before the last call
 * (done == total, after the commit) the pass's one transaction is not
 * committed yet, and SQLite drops it on the next open: the memory stays as
 * it was. */
static void
draw_index_progress(void *data, long long done, long long total)
{
	struct index_progress *p = data;
	double t = monotonic_seconds();
	char got[32], all[32];

	if (interrupt_pending() && done < total)
		exit(interrupt_exit());
	if (!p->show)
		return;
	if (done < total && t - p->last_draw < 0.1)
		return;
	p->last_draw = t;
	format_count(got, sizeof got, done);
	format_count(all, sizeof all, total);
	progress_bar(total > 0 ? (int)(100.0 * (double)done / (double)total)
			       : 100);
	/* TRANSLATORS: progress of indexing: units indexed, units pending */
	fprintf(stderr, ngettext("indexing the memory: %s / %s unit",
				 "indexing the memory: %s / %s units",
				 (unsigned long)total), got, all);
	progress_times(p->started, total > 0 ? (double)done / (double)total
					     : 0);
	fputs("\033[K", stderr);
	fflush(stderr);
	p->drawn = 1;
}

long long
progress_update_indexes(struct tmg_memory *memory, enum memory_indexes which,
			int show)
{
	struct tmg_error err = { 0 };
	struct index_progress p = { 0 };
	long long n;

	p.show = show;
	p.started = monotonic_seconds();
	n = memory_update_indexes(memory, which, draw_index_progress, &p, &err);
	if (p.drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	if (n < 0)
		cli_report(&err);
	return n;
}
