/*
 * serve.h -- what the parts of `tmgloss serve` share.
 *
 *   cmd-serve.c   the command's options and help, in both programs;
 *   serve-exec.c  its run in tmgloss: exec tmgloss-serve, the program
 *                 that serves (the files below, with libmicrohttpd and
 *                 Jansson), with the same command line;
 *   serve-start.c its run in tmgloss-serve: the listening address, the
 *                 token, the memory connections, signals and shutdown;
 *   serve-http.c  libmicrohttpd's side: one request's life (the raw URL,
 *                 the body up to its limit, suspension while a job runs),
 *                 responses and the log line;
 *   serve-api.c   the routes: the tmserver API and /api/v1/, with the
 *                 URL and JSON readers;
 *   serve-child.c the commands run as child processes (import, export,
 *                 stats, ...), so that the server answers with exactly the
 *                 command line's JSON and files.
 *
 * Threads: libmicrohttpd's pool of --threads workers answers searches
 * itself, each worker with a read connection of its own (WAL readers never
 * wait for the writer).  Whatever can take long or writes (PUT, DELETE,
 * the child commands) runs as a job in a thread of its own while the
 * request is suspended, so a worker never blocks; writes take the one
 * write connection under a mutex, and bring the search indexes up to date
 * before they answer.
 */
#ifndef TMGLOSS_CLI_SERVE_H
#define TMGLOSS_CLI_SERVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/xalloc.h"
#include "cli.h"

/* Bounds that keep one client from hurting the others. */
#define SERVE_TEXT_MAX 4096        /* bytes of a text to search */
#define SERVE_CANDIDATES_MAX 100   /* max_candidates, max */
#define SERVE_BATCH_MAX 1000       /* texts in one POST match */
#define SERVE_JSON_BODY_MAX (4L << 20) /* a JSON body, whatever --max-body */
#define SERVE_UNWANTED_BODY_MAX (64L << 10) /* a body a path does not take */
#define SERVE_JOBS_MAX 4           /* jobs running at once; others wait */
#define SERVE_CONNECTIONS_MAX 4096 /* connections open at once, at most */
#define SERVE_PER_IP_MAX 64        /* of them from one address */
#define SERVE_SPARE_FDS 64         /* descriptors kept for the memory's
				    * files, spools and children */

struct server {
	const char *db_path;
	char *exe;                 /* this program, for the child commands */
	int read_only;             /* --read-only: every write is 403 */
	char *token;               /* --token-file's token, or NULL */
	size_t max_body;           /* --max-body, bytes */
	FILE *log;                 /* stderr or --log */
	pthread_mutex_t log_lock;

	/* the one writer (NULL with --read-only) */
	pthread_mutex_t write_lock;
	struct tmg_memory *writer;

	/* a read connection per worker thread, closed at the end */
	pthread_mutex_t readers_lock;
	struct tmg_memory **readers;
	size_t nreaders, areaders;

	/* jobs running and waiting (SERVE_JOBS_MAX at once) */
	pthread_mutex_t jobs_lock;
	pthread_cond_t jobs_cond;
	int jobs_running;

	atomic_int stopping;       /* SIGTERM came: new requests get 503 */
	atomic_long in_flight;     /* requests begun and not completed */
};

/* What a route answers: a status and a body, or a file to send. */
struct serve_reply {
	unsigned status;
	const char *type;          /* Content-Type */
	struct strbuf body;
	int fd;                    /* a file to send instead (-1: none);
				    * the reply owns it */
	const char *filename;      /* Content-Disposition name, or NULL */
	int www_authenticate;      /* a 401: say "Bearer" */
	const char *allow;         /* a 405: the methods the path takes */
	char *stream;              /* serve_reply_open()'s memory stream */
	size_t stream_len;
};

/* One request as the routes see it. */
struct serve_call {
	struct server *server;
	const char *method;
	const char *path;          /* raw, without the query */
	const char *query;         /* raw, after '?', or "" */
	const char *authorization; /* the header, or NULL */
	const char *content_type;  /* the header, or NULL */
	const char *body;          /* NUL-terminated (JSON bodies), or NULL */
	size_t body_len;
	const char *body_file;     /* a spooled body (import), or NULL */
	struct serve_reply *reply;
};

/* ---- cmd-serve.c */

/* The command's options. */
struct serve_args {
	const char *listen;
	int read_only;
	const char *token_file;
	long threads;
	const char *tls_cert, *tls_key;
	const char *max_body;
	const char *log;
	long timeout;
};
/* The command's run (`args`: a struct serve_args): serve-exec.c's in
 * tmgloss, serve-start.c's in tmgloss-serve. */
int serve_run(struct cli *cli, void *args, int argc, char **argv);

/* ---- serve-api.c */

/* What to do with a request's body, decided from the method and path
 * before it arrives. */
enum serve_body {
	SERVE_BODY_NONE,   /* none expected: any is read and dropped */
	SERVE_BODY_MEMORY, /* a JSON body, kept in memory */
	SERVE_BODY_FILE,   /* a file (import), spooled to a temporary file */
};
enum serve_body serve_api_body(const char *method, const char *path);
/* Whether answering the call can take long or writes: then it runs as
 * a job, out of the worker threads. */
int serve_api_is_job(const struct serve_call *call);
/* Answer the call into call->reply. */
void serve_api_answer(struct serve_call *call);

/* ---- serve-http.c */

/* Start libmicrohttpd on `addr` (len bytes; IPv6 when `ipv6`) with
 * `threads` workers, at most `connections` connections (SERVE_PER_IP_MAX
 * from one address), those idle `timeout` seconds closed, TLS when
 * cert and key (PEM text) are given.  The bound port goes into *port.
 * Returns the daemon, or NULL after saying why. */
struct MHD_Daemon;
struct MHD_Daemon *serve_http_start(struct server *server,
				    const void *addr, size_t len, int ipv6,
				    unsigned threads, unsigned connections,
				    unsigned timeout, const char *cert,
				    const char *key, unsigned *port);
/* Answer 503 to every new request, let the requests in flight finish (up
 * to `grace` seconds), then stop. */
void serve_http_stop(struct server *server, struct MHD_Daemon *daemon,
		     unsigned grace);

/* Reply helpers for the routes. */
void serve_reply_error(struct serve_reply *reply, unsigned status,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The body so far as the reply's JSON: a FILE writing into it. */
FILE *serve_reply_open(struct serve_reply *reply, unsigned status);
void serve_reply_close(struct serve_reply *reply, FILE *out);

/* ---- serve-start.c */

/* The calling worker thread's read connection (opened on first use), or
 * NULL with `err`. */
struct tmg_memory *serve_reader(struct server *server, struct tmg_error *err);

/* ---- serve-child.c */

/* A temporary file $TMPDIR/tmgloss-NAME-XXXXXX, closed on exec; its
 * name into *path (the caller unlinks and frees it), or unlinked at once
 * when path is NULL.  The descriptor, or -1 with errno. */
int serve_temp_file(const char *name, char **path);

/* A tmgloss command run as a child process on the server's memory. */
struct serve_child {
	const char *const *argv;   /* after "tmgloss --db PATH" */
	int keep_output;           /* its standard output stays a file:
				    * out_fd, at its start (the caller
				    * closes it); else read into `out` */
	int out_fd;
	struct strbuf out;         /* its standard output */
	struct strbuf err;         /* its standard error */
	int status;                /* exit status, or 128 + signal */
};
/* Run `child` and wait for it.  0, or -1 with errno when it could not be
 * started. */
int serve_child_run(struct server *server, struct serve_child *child);
/* The child's error, its last line without "tmgloss: ", into `reply`
 * with `status`; `spool` (may be NULL) is called "the request body". */
void serve_child_error(const struct serve_child *child, const char *spool,
		       struct serve_reply *reply, unsigned status);
void serve_child_clear(struct serve_child *child);

#endif /* TMGLOSS_CLI_SERVE_H */
