/*
 * serve-exec.c -- tmgloss serve in tmgloss: the server is a program of
 * its own, tmgloss-serve, the only one linked with libmicrohttpd, Jansson
 * and through them GnuTLS, so that every other command starts without
 * loading them (ten shared libraries, a third of a short command's
 * start: BENCHMARKS.md).  tmgloss has read the options by then, and
 * printed the help or a usage error; here it hands the command line, as
 * it was given, to tmgloss-serve, which reads it again and serves.  It
 * execs rather than forks: the server is this process, with its id, its
 * signals and its exit status.
 *
 * tmgloss-serve is looked for beside this program first (the build tree,
 * or both installed in one folder), then where make install puts it,
 * $(pkglibexecdir).  This program's path goes with it in the environment
 * (TMGLOSS_CHILD_PROGRAM): the server runs the commands it answers with
 * (concord, terms, suggest, import, export...) as children of this
 * lighter program rather than of itself, ten libraries fewer to load per
 * request.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"

#define SERVE_PROGRAM "tmgloss-serve"

/* The arguments this process was started with: /proc/self/cmdline, each
 * followed by a NUL, read into `sb`; a NULL-terminated array pointing
 * into it (the caller frees it), or NULL after saying why. */
static char **
command_line(struct strbuf *sb)
{
	char **argv;
	size_t n = 0, k = 0;

	if (cli_read_file("/proc/self/cmdline", sb) < 0)
		return NULL;
	for (size_t i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\0')
			n++;
	if (n == 0) {
		cli_error("%s", _("cannot read this program's arguments "
				  "(/proc/self/cmdline)"));
		return NULL;
	}
	argv = xcalloc(n + 1, sizeof *argv);
	for (size_t i = 0; k < n; i += strlen(sb->buf + i) + 1)
		argv[k++] = sb->buf + i;
	argv[n] = NULL;
	return argv;
}

/* `dir`/tmgloss-serve for the folder of this program's file `exe`, into
 * buf; 0, or -1 when the file cannot be found. */
static int
beside_self(char *exe, char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", exe, PATH_MAX - 1);
	char *slash;

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return -1;
	*slash = '\0';
	n = snprintf(buf, size, "%s/%s", exe, SERVE_PROGRAM);
	*slash = '/';
	return (size_t)n < size ? 0 : -1;
}

int
serve_run(struct cli *cli, void *args, int argc, char **argv)
{
	static const char installed[] = PKGLIBEXECDIR "/" SERVE_PROGRAM;
	char beside[PATH_MAX + sizeof SERVE_PROGRAM], exe[PATH_MAX];
	const char *paths[2];
	struct strbuf sb = { 0 };
	char **line;
	size_t npaths = 0;

	if ((line = command_line(&sb)) == NULL)
		goto out;
	if (beside_self(exe, beside, sizeof beside) == 0) {
		if (strcmp(beside, installed) != 0)
			paths[npaths++] = beside;
		setenv("TMGLOSS_CHILD_PROGRAM", exe, 1);
	}
	paths[npaths++] = installed;
	fflush(NULL);
	for (size_t i = 0; i < npaths; i++) {
		execv(paths[i], line);
		/* returns only when it failed */
		if (errno != ENOENT) {
			cli_error(_("cannot run the server, %s: %s"), paths[i],
				  strerror(errno));
			goto out;
		}
	}
	if (npaths == 2)
		cli_error(_("the server program is missing: neither %s nor "
			    "%s exists"), paths[0], paths[1]);
	else
		cli_error(_("the server program is missing: %s does not "
			    "exist"), paths[0]);
out:
	free(line);
	strbuf_release(&sb);
	return EXIT_DATA;
}
