/*
 * serve-child.c -- the commands tmgloss serve runs as child processes:
 * this same program with --db and the command's arguments, its standard
 * output and error into unlinked temporary files (never a pipe that a
 * full buffer could block), waited for by the job thread that started
 * it.  Import, export, stats, origins, concord, terms and suggest answer
 * so: the JSON and the TMX are the command line's own, byte for byte, and
 * an importer that fails takes only its child down.  The child starts
 * with the default signal dispositions and an empty mask (the server
 * blocks SIGTERM and ignores SIGPIPE), and dies with the server
 * (PR_SET_PDEATHSIG: Linux).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "serve.h"

int
serve_temp_file(const char *name, char **path)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf sb = { 0 };
	int fd;

	strbuf_addstr(&sb, dir && *dir ? dir : "/tmp");
	strbuf_addstr(&sb, "/tmgloss-");
	strbuf_addstr(&sb, name);
	strbuf_addstr(&sb, "-XXXXXX");
	fd = mkstemp(sb.buf);
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fd >= 0 && path) {
		*path = strbuf_detach(&sb);
		return fd;
	}
	if (fd >= 0)
		unlink(sb.buf);
	strbuf_release(&sb);
	return fd;
}

/* The whole of `fd` from its start into `sb`. */
static void
read_back(int fd, struct strbuf *sb)
{
	char buf[8192];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		strbuf_add(sb, buf, (size_t)n);
	}
}

int
serve_child_run(struct server *server, struct serve_child *child)
{
	const char **argv;
	size_t n = 0, i = 0;
	int out_fd = -1, err_fd = -1, devnull, rc, wstatus;
	pid_t pid, parent;

	while (child->argv[n])
		n++;
	argv = xcalloc(n + 4, sizeof *argv);
	argv[i++] = server->exe;
	argv[i++] = "--db";
	argv[i++] = server->db_path;
	for (size_t k = 0; k < n; k++)
		argv[i++] = child->argv[k];
	argv[i] = NULL;

	child->out_fd = -1;
	out_fd = serve_temp_file("out", NULL);
	err_fd = serve_temp_file("err", NULL);
	if (out_fd < 0 || err_fd < 0) {
		rc = errno;
		goto fail;
	}
	parent = getpid();
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pid = devnull < 0 ? -1 : fork();
	if (pid == 0) {
		/* only async-signal-safe calls from here to exec */
		sigset_t none;

		/* the child dies with the server (kill -9 included): an
		 * import killed so is rolled back, never left running */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    getppid() != parent)
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(devnull, STDIN_FILENO) < 0 ||
		    dup2(out_fd, STDOUT_FILENO) < 0 ||
		    dup2(err_fd, STDERR_FILENO) < 0)
			_exit(127);
		execv(server->exe, (char *const *)argv);
		_exit(127);
	}
	rc = errno;
	if (devnull >= 0)
		close(devnull);
	if (pid < 0)
		goto fail;
	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR) {
			rc = errno;
			goto fail;
		}
	child->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
					   : 128 + WTERMSIG(wstatus);
	read_back(err_fd, &child->err);
	close(err_fd);
	if (child->keep_output && lseek(out_fd, 0, SEEK_SET) == 0) {
		child->out_fd = out_fd;
	} else {
		read_back(out_fd, &child->out);
		close(out_fd);
	}
	free(argv);
	return 0;
fail:
	if (out_fd >= 0)
		close(out_fd);
	if (err_fd >= 0)
		close(err_fd);
	free(argv);
	errno = rc;
	return -1;
}

void
serve_child_error(const struct serve_child *child, const char *spool,
		  struct serve_reply *reply, unsigned status)
{
	struct strbuf line = { 0 };
	const char *text = child->err.buf ? child->err.buf : "";
	const char *start = text, *p;
	size_t len;

	/* the last line that says something, without the program's name
	 * ("Try 'tmgloss ... --help'" lines are for a terminal) */
	for (p = text; *p; ) {
		const char *end = strchr(p, '\n');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (l > 0 && strncmp(p, "Try '", 5) != 0)
			start = p;
		p += l + (end ? 1 : 0);
	}
	len = strcspn(start, "\n");
	if (strncmp(start, "tmgloss: ", 9) == 0) {
		start += 9;
		len -= 9;
	}
	if (len == 0) {
		serve_reply_error(reply, status, _("the command ended with "
				  "status %d"), child->status);
		return;
	}
	/* the spooled body is the client's, not a file it knows */
	while (len > 0) {
		const char *at = spool ? strstr(start, spool) : NULL;
		if (at == NULL || (size_t)(at - start) >= len) {
			strbuf_add(&line, start, len);
			break;
		}
		strbuf_add(&line, start, (size_t)(at - start));
		strbuf_addstr(&line, _("request body"));
		len -= (size_t)(at - start) + strlen(spool);
		start = at + strlen(spool);
	}
	serve_reply_error(reply, status, "%s", line.buf ? line.buf : "");
	strbuf_release(&line);
}

void
serve_child_clear(struct serve_child *child)
{
	if (child->out_fd >= 0)
		close(child->out_fd);
	child->out_fd = -1;
	strbuf_release(&child->out);
	strbuf_release(&child->err);
}
