/*
 * serve-start.c -- tmgloss serve in tmgloss-serve: the server started and
 * stopped.  The options (cmd-serve.c), the address (a non-loopback one
 * only with a token or --read-only: reads are open to whoever can
 * connect), the token, the memory's connections (one writer, opened
 * first so that the WAL exists for the readers; one reader per worker
 * thread, opened on first use), then the signals.  SIGTERM and SIGINT are
 * blocked in every thread and taken here with sigwait(): the server
 * answers 503 to every new request, lets the requests in flight finish
 * and exits 0.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "serve.h"

/* How long a shutdown waits for the requests in flight (an import). */
#define SERVE_GRACE_SECONDS 600

static __thread struct tmg_memory *thread_reader;

struct tmg_memory *
serve_reader(struct server *server, struct tmg_error *err)
{
	if (thread_reader)
		return thread_reader;
	thread_reader = memory_open(server->db_path, MEMORY_READ_ONLY, err);
	if (thread_reader == NULL)
		return NULL;
	pthread_mutex_lock(&server->readers_lock);
	ALLOC_GROW(server->readers, server->nreaders + 1, server->areaders);
	server->readers[server->nreaders++] = thread_reader;
	pthread_mutex_unlock(&server->readers_lock);
	return thread_reader;
}

/* "64K", "10M", "1G" or bytes, into *out; -1 when it is none. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long n;
	unsigned shift = 0;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		return -1;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: return -1;
	}
	if (*end != '\0' || n == 0 || n > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)(n << shift);
	return 0;
}

/* The address of "ADDR:PORT" ("[V6ADDR]:PORT", "localhost:PORT"). */
static int
parse_listen(const char *listen, struct sockaddr_storage *addr,
	     socklen_t *len, char *host, size_t host_size)
{
	const char *colon = strrchr(listen, ':');
	const char *start = listen;
	size_t hlen;
	struct addrinfo hints = { 0 }, *res;
	char port[16];

	if (colon == NULL || colon[1] == '\0' || strlen(colon + 1) > 5 ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return -1;
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && listen[0] == '[' && listen[hlen - 1] == ']') {
		start++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= host_size)
		return -1;
	memcpy(host, start, hlen);
	host[hlen] = '\0';
	snprintf(port, sizeof port, "%s", colon + 1);
	if (atol(port) > 65535)
		return -1;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	memcpy(addr, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int
is_loopback(const struct sockaddr_storage *addr)
{
	if (addr->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)addr;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (addr->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)addr;
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	return 0;
}

/* The token: the file's first line, trimmed.  NULL after saying why. */
static char *
read_token(const char *path)
{
	struct strbuf sb = { 0 };
	size_t len;

	if (cli_read_file(path, &sb) < 0)
		return NULL;
	len = strcspn(sb.buf ? sb.buf : "", "\r\n");
	while (len > 0 && (sb.buf[len - 1] == ' ' || sb.buf[len - 1] == '\t'))
		len--;
	if (len < 16) {
		cli_error(_("%s: the token must be at least 16 characters on "
			    "the file's first line"), path);
		strbuf_release(&sb);
		return NULL;
	}
	sb.buf[len] = '\0';
	return strbuf_detach(&sb);
}

/* A PEM file for TLS, whole (libmicrohttpd takes the text). */
static char *
read_pem(const char *path)
{
	struct strbuf sb = { 0 };

	if (cli_read_file(path, &sb) < 0)
		return NULL;
	strbuf_grow(&sb, 1);
	return strbuf_detach(&sb);
}

/*
 * How many connections may be open at once: SERVE_CONNECTIONS_MAX, the
 * descriptor limit raised for them when it is lower (up to the hard
 * limit), or what that leaves beside SERVE_SPARE_FDS.  Idle connections
 * then wait for their timeout without crowding out the clients at work:
 * libmicrohttpd shares the limit out among the worker threads, so it
 * must be well above the connections a server is expected to hold.
 */
static unsigned
connection_limit(void)
{
	rlim_t want = SERVE_CONNECTIONS_MAX + SERVE_SPARE_FDS;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 1024 - SERVE_SPARE_FDS;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rlim_t old = rl.rlim_cur;

		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY &&
			      rl.rlim_max < want ? rl.rlim_max : want;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			rl.rlim_cur = old;
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want)
		return rl.rlim_cur > 2 * SERVE_SPARE_FDS ?
		       (unsigned)(rl.rlim_cur - SERVE_SPARE_FDS) :
		       SERVE_SPARE_FDS;
	return SERVE_CONNECTIONS_MAX;
}

/* The program the commands answering requests run as children: the
 * tmgloss that exec'd this server (serve-exec.c says so in
 * TMGLOSS_CHILD_PROGRAM), which starts faster, or this program, which
 * has every command too. */
static char *
self_path(void)
{
	const char *child = getenv("TMGLOSS_CHILD_PROGRAM");
	char buf[PATH_MAX];
	ssize_t n;

	if (child && child[0] == '/' && access(child, X_OK) == 0)
		return xstrdup(child);
	if ((n = readlink("/proc/self/exe", buf, sizeof buf - 1)) <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

int
serve_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct serve_args *args = data;
	struct server server = { 0 };
	struct sockaddr_storage addr;
	socklen_t addr_len;
	char host[256];
	struct MHD_Daemon *daemon = NULL;
	struct tmg_error err = { 0 };
	char *cert = NULL, *key = NULL;
	unsigned port = 0;
	long threads = args->threads;
	sigset_t signals;
	int status = EXIT_DATA, sig;

	if (parse_listen(args->listen, &addr, &addr_len, host,
			 sizeof host) < 0)
		return cli_usage_error(&cmd_serve_entry, _("--listen wants "
				"ADDRESS:PORT (127.0.0.1:8080, [::1]:8080), "
				"not '%s'"), args->listen);
	if (parse_size(args->max_body, &server.max_body) < 0)
		return cli_usage_error(&cmd_serve_entry, _("--max-body wants "
				"a size (bytes, or with K, M or G), not '%s'"),
				args->max_body);
	if (!args->tls_cert != !args->tls_key)
		return cli_usage_error(&cmd_serve_entry, "%s", _("--tls-cert "
				"and --tls-key go together"));
	server.read_only = args->read_only || cli->read_only;
	if (!is_loopback(&addr) && args->token_file == NULL &&
	    !server.read_only) {
		cli_error(_("%s is not a loopback address: anyone who can "
			    "reach it could change the memory; give "
			    "--token-file FILE (writes need its token) or "
			    "--read-only"), host);
		return EXIT_USAGE;
	}
	if (threads == 0) {
		threads = sysconf(_SC_NPROCESSORS_ONLN);
		if (threads < 1)
			threads = 1;
	}
	if (args->token_file &&
	    (server.token = read_token(args->token_file)) == NULL)
		return EXIT_DATA;
	if (args->tls_cert && ((cert = read_pem(args->tls_cert)) == NULL ||
			       (key = read_pem(args->tls_key)) == NULL))
		goto out;
	server.log = stderr;
	if (args->log && (server.log = fopen(args->log, "a")) == NULL) {
		cli_error("%s: %s", args->log, strerror(errno));
		server.log = stderr;
		goto out;
	}
	server.db_path = cli->db_path;
	if ((server.exe = self_path()) == NULL) {
		cli_error("%s", _("cannot find this program's own file "
				  "(/proc/self/exe)"));
		goto out;
	}
	pthread_mutex_init(&server.log_lock, NULL);
	pthread_mutex_init(&server.write_lock, NULL);
	pthread_mutex_init(&server.readers_lock, NULL);
	pthread_mutex_init(&server.jobs_lock, NULL);
	pthread_cond_init(&server.jobs_cond, NULL);

	/* the writer first: it creates the WAL the readers share, and
	 * brings the indexes up to date before the first search */
	if (!server.read_only) {
		server.writer = memory_open(server.db_path, MEMORY_CREATE,
					    &err);
		if (server.writer == NULL)
			goto out;
		/* a unit PUT goes in indexed, as the imports' (--index) */
		memory_on_import_commit(server.writer,
					memory_update_indexes_at_commit, NULL);
		if (progress_update_indexes(server.writer, INDEX_ALL,
					    progress_wanted()) < 0)
			goto out;
	} else {
		struct tmg_memory *probe = memory_open(server.db_path,
						       MEMORY_READ_ONLY, &err);
		if (probe == NULL)
			goto out;
		memory_close(probe);
	}

	/* the signals go to this thread alone, every thread started from
	 * here on blocks them */
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	daemon = serve_http_start(&server, &addr, addr_len,
				  addr.ss_family == AF_INET6,
				  (unsigned)threads, connection_limit(),
				  (unsigned)args->timeout, cert, key, &port);
	if (daemon == NULL) {
		cli_error(_("cannot listen on %s: %s"), args->listen,
			  strerror(errno));
		goto out;
	}
	fprintf(server.log, _("tmgloss: serving %s on %s://%s%s%s:%u/ "
			      "(%ld threads%s)\n"),
		server.db_path, cert ? "https" : "http",
		addr.ss_family == AF_INET6 ? "[" : "", host,
		addr.ss_family == AF_INET6 ? "]" : "", port, threads,
		server.read_only ? _(", read-only") : "");
	fflush(server.log);

	while (sigwait(&signals, &sig) != 0)
		;
	fprintf(server.log, "%s\n", _("tmgloss: stopping: finishing the "
				      "requests under way"));
	fflush(server.log);
	serve_http_stop(&server, daemon, SERVE_GRACE_SECONDS);
	status = EXIT_OK;
out:
	for (size_t i = 0; i < server.nreaders; i++)
		memory_close(server.readers[i]);
	free(server.readers);
	if (server.writer)
		memory_close(server.writer);
	if (err.message[0])
		cli_report(&err);
	if (server.log && server.log != stderr)
		fclose(server.log);
	free(server.exe);
	free(server.token);
	free(cert);
	free(key);
	return status;
}
