/*
 * serve-http.c -- tmgloss serve's side of GNU libmicrohttpd: one request's
 * life, from its raw URL to its log line.
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers (the body's fate is decided there: kept in memory for
 * JSON, spooled to a temporary file for an import, refused with 413 when
 * Content-Length is over the limit), then once per piece of the body, then
 * once with nothing, when the answer is queued.  A request that writes or
 * may take long is suspended instead and answered by a job thread, which
 * resumes it; the handler is called once more and queues the job's reply.
 * The URL is taken raw (the URI log callback sees it before
 * libmicrohttpd's lenient unescaping), so that serve-api.c can refuse bad
 * percent-encoding and bad UTF-8 with 400.
 *
 * Every request ends in the completion callback, which writes its log
 * line (method, path without the text searched or the query, status,
 * time, bytes) and counts it out of the requests in flight that a
 * shutdown waits for.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve.h"

/* One request, from its URL to its log line. */
struct serve_request {
	struct server *server;
	char *uri;               /* raw, as sent */
	char *method;
	double started;
	int headers_seen;        /* the first call is done */
	enum serve_body body_kind;
	size_t body_limit;
	struct strbuf body;      /* SERVE_BODY_MEMORY */
	char *spool;             /* SERVE_BODY_FILE: the file's name */
	int spool_fd;
	size_t body_len;
	int too_large;           /* refused: the rest of the body dropped */
	int deferred;            /* the refusal in `reply`, answered once
				  * the body has ended */
	size_t dropped;          /* bytes dropped since */
	int job_done;            /* the job's reply is in `reply` */
	int counted;             /* in server->in_flight (begun before a
				  * shutdown, which waits for it) */
	struct serve_reply reply;
	unsigned status;         /* as answered, for the log */
	unsigned long long bytes;
};

static void
reply_init(struct serve_reply *reply)
{
	memset(reply, 0, sizeof *reply);
	reply->fd = -1;
	reply->type = "application/json";
}

static void
reply_clear(struct serve_reply *reply)
{
	strbuf_release(&reply->body);
	if (reply->fd >= 0)
		close(reply->fd);
	reply->fd = -1;
}

void
serve_reply_error(struct serve_reply *reply, unsigned status,
		  const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	FILE *out;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	out = serve_reply_open(reply, status);
	fputs("{\"error\": ", out);
	json_string(out, message);
	fputs("}\n", out);
	serve_reply_close(reply, out);
}

FILE *
serve_reply_open(struct serve_reply *reply, unsigned status)
{
	FILE *out;

	reply->status = status;
	reply->type = "application/json";
	strbuf_reset(&reply->body);
	reply->stream = NULL;
	reply->stream_len = 0;
	out = open_memstream(&reply->stream, &reply->stream_len);
	if (out == NULL)
		xalloc_die();
	return out;
}

/* The stream's text becomes the body (a strbuf, so that every answer is
 * freed the same way). */
void
serve_reply_close(struct serve_reply *reply, FILE *out)
{
	if (fclose(out) != 0)
		xalloc_die();
	strbuf_add(&reply->body, reply->stream, reply->stream_len);
	free(reply->stream);
	reply->stream = NULL;
}

/* The path as logged: without the query, cut after "/unit/" (the text
 * searched is the translator's, not the log's), bytes that are not
 * printable ASCII as %XX. */
static void
log_path(FILE *log, const char *uri)
{
	size_t len = strcspn(uri, "?");
	const char *unit = strstr(uri, "/unit/");

	if (unit && (size_t)(unit - uri) < len)
		len = (size_t)(unit - uri) + strlen("/unit/");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)uri[i];
		if (c <= 0x20 || c >= 0x7f)
			fprintf(log, "%%%02X", c);
		else
			putc(c, log);
	}
}

static void
log_request(struct serve_request *req)
{
	struct server *server = req->server;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pthread_mutex_lock(&server->log_lock);
	fprintf(server->log, "%s %s ", when,
		req->method ? req->method : "-");
	log_path(server->log, req->uri);
	fprintf(server->log, " %u %.1fms %llu\n", req->status,
		(monotonic_seconds() - req->started) * 1000.0, req->bytes);
	fflush(server->log);
	pthread_mutex_unlock(&server->log_lock);
}

static void
request_free(struct serve_request *req)
{
	if (req->spool_fd >= 0)
		close(req->spool_fd);
	if (req->spool) {
		unlink(req->spool);
		free(req->spool);
	}
	strbuf_release(&req->body);
	reply_clear(&req->reply);
	free(req->uri);
	free(req->method);
	free(req);
}

/*
 * A connection's own state: the request whose URL has come and whose
 * access handler has not been called yet.  libmicrohttpd completes only
 * the requests it handed to the handler; one refused earlier (malformed
 * headers) is freed when its connection closes.
 */
struct serve_connection {
	struct serve_request *pending;
};

static void
on_connection(void *cls, struct MHD_Connection *connection,
	      void **socket_context, enum MHD_ConnectionNotificationCode code)
{
	struct serve_connection *state = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = xcalloc(1, sizeof *state);
		return;
	}
	if (state == NULL)
		return;
	if (state->pending)
		request_free(state->pending);
	free(state);
	*socket_context = NULL;
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *connection)
{
	struct serve_request *req = xcalloc(1, sizeof *req);
	const union MHD_ConnectionInfo *info;

	req->server = cls;
	req->uri = xstrdup(uri);
	req->started = monotonic_seconds();
	req->spool_fd = -1;
	reply_init(&req->reply);
	info = MHD_get_connection_info(connection,
				       MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (info && info->socket_context) {
		struct serve_connection *state = info->socket_context;
		if (state->pending)
			request_free(state->pending);
		state->pending = req;
	}
	return req;
}

static void
on_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
	     enum MHD_RequestTerminationCode toe)
{
	struct serve_request *req = *con_cls;

	if (req == NULL)
		return;
	if (!req->headers_seen) {
		/* refused before the handler saw it (malformed headers):
		 * freed here, not again when the connection closes */
		const union MHD_ConnectionInfo *info =
			MHD_get_connection_info(connection,
					MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		struct serve_connection *state = info ? info->socket_context
						      : NULL;
		if (state && state->pending == req)
			state->pending = NULL;
		req->status = 400;
		log_request(req);
		request_free(req);
		*con_cls = NULL;
		return;
	}
	if (req->status == 0)
		req->status = 499; /* the client went before an answer */
	log_request(req);
	if (req->counted)
		atomic_fetch_sub(&req->server->in_flight, 1);
	request_free(req);
	*con_cls = NULL;
}

static void
on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	struct server *server = cls;
	char line[512];
	size_t n;

	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	pthread_mutex_lock(&server->log_lock);
	fprintf(server->log, "tmgloss: serve: libmicrohttpd: %s\n", line);
	fflush(server->log);
	pthread_mutex_unlock(&server->log_lock);
}

/* Queue `reply` (emptied: the response owns its body or file). */
static enum MHD_Result
queue_reply(struct MHD_Connection *connection, struct serve_request *req,
	    struct serve_reply *reply)
{
	struct MHD_Response *response;
	enum MHD_Result ret;

	if (reply->fd >= 0) {
		struct stat st;

		if (fstat(reply->fd, &st) < 0) {
			reply_clear(reply);
			serve_reply_error(reply, MHD_HTTP_INTERNAL_SERVER_ERROR,
					  "%s", strerror(errno));
			return queue_reply(connection, req, reply);
		}
		response = MHD_create_response_from_fd((uint64_t)st.st_size,
						       reply->fd);
		if (response)
			reply->fd = -1;
		req->bytes = (unsigned long long)st.st_size;
	} else {
		size_t len = reply->body.len;
		char *buf = strbuf_detach(&reply->body);

		response = MHD_create_response_from_buffer(len, buf,
						MHD_RESPMEM_MUST_FREE);
		if (response == NULL)
			free(buf);
		req->bytes = len;
	}
	if (response == NULL) {
		reply_clear(reply);
		return MHD_NO;
	}
	MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
				reply->type);
	if (reply->www_authenticate)
		MHD_add_response_header(response,
					MHD_HTTP_HEADER_WWW_AUTHENTICATE,
					"Bearer realm=\"tmgloss\"");
	if (reply->allow)
		MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW,
					reply->allow);
	if (reply->filename) {
		char value[256];
		snprintf(value, sizeof value, "attachment; filename=\"%s\"",
			 reply->filename);
		MHD_add_response_header(response,
					MHD_HTTP_HEADER_CONTENT_DISPOSITION,
					value);
	}
	if (atomic_load(&req->server->stopping))
		MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION,
					"close");
	req->status = reply->status;
	ret = MHD_queue_response(connection, reply->status, response);
	MHD_destroy_response(response);
	reply_clear(reply);
	return ret;
}

static enum MHD_Result
queue_error(struct MHD_Connection *connection, struct serve_request *req,
	    unsigned status, const char *message)
{
	reply_clear(&req->reply);
	reply_init(&req->reply);
	serve_reply_error(&req->reply, status, "%s", message);
	return queue_reply(connection, req, &req->reply);
}

/* The first call: the headers are there, the body is not. */
static enum MHD_Result
begin_request(struct MHD_Connection *connection, struct serve_request *req,
	      const char *method)
{
	struct server *server = req->server;
	const union MHD_ConnectionInfo *info;
	const char *length;
	char path[512];

	/* the request is libmicrohttpd's to complete from now on */
	info = MHD_get_connection_info(connection,
				       MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (info && info->socket_context) {
		struct serve_connection *state = info->socket_context;
		if (state->pending == req)
			state->pending = NULL;
	}
	req->headers_seen = 1;
	req->method = xstrdup(method);
	/* counted before the test: a shutdown that begins in between
	 * waits for this request, which goes on */
	atomic_fetch_add(&server->in_flight, 1);
	req->counted = 1;
	if (atomic_load(&server->stopping)) {
		/* answered at once, and not waited for: requests that keep
		 * coming cannot hold a shutdown up */
		atomic_fetch_sub(&server->in_flight, 1);
		req->counted = 0;
		return queue_error(connection, req,
				   MHD_HTTP_SERVICE_UNAVAILABLE,
				   _("the server is shutting down"));
	}
	snprintf(path, sizeof path, "%.*s", (int)strcspn(req->uri, "?"),
		 req->uri);
	req->body_kind = serve_api_body(method, path);
	switch (req->body_kind) {
	case SERVE_BODY_NONE:
		/* dropped, but not forever */
		req->body_limit = SERVE_UNWANTED_BODY_MAX;
		break;
	case SERVE_BODY_MEMORY:
		req->body_limit = server->max_body < SERVE_JSON_BODY_MAX ?
				  server->max_body : SERVE_JSON_BODY_MAX;
		break;
	case SERVE_BODY_FILE:
		req->body_limit = server->max_body;
		break;
	}
	length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
					     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length && strtoull(length, NULL, 10) > req->body_limit) {
		req->too_large = 1;
		return queue_error(connection, req,
				   MHD_HTTP_CONTENT_TOO_LARGE,
				   _("the request body is larger than the "
				     "server takes (--max-body)"));
	}
	return MHD_YES;
}

/*
 * Refuse a request while its body comes (one sent in chunks, without a
 * length, past the limit; a spool that cannot be written): libmicrohttpd
 * takes an answer only before the body or once it has ended, so the rest
 * is read and dropped and the answer waits for its end; a body that goes
 * on past SERVE_UNWANTED_BODY_MAX more bytes has its connection closed.
 */
static enum MHD_Result
defer_error(struct serve_request *req, unsigned status, const char *message)
{
	reply_clear(&req->reply);
	reply_init(&req->reply);
	serve_reply_error(&req->reply, status, "%s", message);
	req->too_large = 1;
	req->deferred = 1;
	req->dropped = 0;
	return MHD_YES;
}

/* A piece of the body: kept, spooled, or (over the limit) refused. */
static enum MHD_Result
take_body(struct serve_request *req, const char *data, size_t size)
{
	if (req->too_large) {
		req->dropped += size;
		if (!req->deferred || req->dropped <= SERVE_UNWANTED_BODY_MAX)
			return MHD_YES;
		req->status = req->reply.status; /* closed, for the log */
		return MHD_NO;
	}
	if (size > req->body_limit - req->body_len)
		return defer_error(req, MHD_HTTP_CONTENT_TOO_LARGE,
				   _("the request body is larger than the "
				     "server takes (--max-body)"));
	req->body_len += size;
	if (req->body_kind == SERVE_BODY_NONE)
		return MHD_YES; /* a body nobody asked for is dropped */
	if (req->body_kind == SERVE_BODY_MEMORY) {
		strbuf_add(&req->body, data, size);
		return MHD_YES;
	}
	if (req->spool_fd < 0) {
		req->spool_fd = serve_temp_file("body", &req->spool);
		if (req->spool_fd < 0)
			return defer_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR,
					   strerror(errno));
	}
	if (write_all(req->spool_fd, data, size) < 0)
		return defer_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR,
				   strerror(errno));
	return MHD_YES;
}

/* A request answered by a job thread. */
struct serve_job {
	struct MHD_Connection *connection;
	struct serve_request *req;
	struct serve_call call;
};

static void *
run_job(void *data)
{
	struct serve_job *job = data;
	struct server *server = job->req->server;

	pthread_mutex_lock(&server->jobs_lock);
	while (server->jobs_running >= SERVE_JOBS_MAX)
		pthread_cond_wait(&server->jobs_cond, &server->jobs_lock);
	server->jobs_running++;
	pthread_mutex_unlock(&server->jobs_lock);

	serve_api_answer(&job->call);

	pthread_mutex_lock(&server->jobs_lock);
	server->jobs_running--;
	pthread_cond_signal(&server->jobs_cond);
	pthread_mutex_unlock(&server->jobs_lock);

	job->req->job_done = 1;
	MHD_resume_connection(job->connection);
	free(job);
	return NULL;
}

static void
fill_call(struct serve_call *call, struct MHD_Connection *connection,
	  struct serve_request *req)
{
	char *query = strchr(req->uri, '?');

	memset(call, 0, sizeof *call);
	call->server = req->server;
	call->method = req->method;
	/* the path ends at '?': the URI is cut there once, for good */
	if (query)
		*query++ = '\0';
	call->path = req->uri;
	call->query = query ? query : "";
	call->authorization = MHD_lookup_connection_value(connection,
				MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	call->content_type = MHD_lookup_connection_value(connection,
				MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (req->body_kind == SERVE_BODY_MEMORY) {
		strbuf_grow(&req->body, 1); /* NUL-terminated, even empty */
		call->body = req->body.buf;
		call->body_len = req->body.len;
	}
	if (req->body_kind == SERVE_BODY_FILE) {
		if (req->spool_fd >= 0 && close(req->spool_fd) == 0)
			call->body_file = req->spool;
		req->spool_fd = -1;
	}
	call->reply = &req->reply;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *connection, const char *url,
	   const char *method, const char *version, const char *upload_data,
	   size_t *upload_data_size, void **con_cls)
{
	struct serve_request *req = *con_cls;
	struct serve_job *job;
	pthread_attr_t attr;
	pthread_t thread;
	int rc;

	if (req == NULL)
		return MHD_NO;
	if (!req->headers_seen)
		return begin_request(connection, req, method);
	if (*upload_data_size > 0) {
		enum MHD_Result ret = take_body(req, upload_data,
						*upload_data_size);
		*upload_data_size = 0;
		return ret;
	}
	if (req->deferred) {
		req->deferred = 0;
		return queue_reply(connection, req, &req->reply);
	}
	if (req->too_large)
		return MHD_YES; /* answered already */
	if (req->job_done)
		return queue_reply(connection, req, &req->reply);

	job = xcalloc(1, sizeof *job);
	job->connection = connection;
	job->req = req;
	fill_call(&job->call, connection, req);
	if (!serve_api_is_job(&job->call)) {
		serve_api_answer(&job->call);
		free(job);
		return queue_reply(connection, req, &req->reply);
	}
	MHD_suspend_connection(connection);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, run_job, job);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		free(job);
		serve_reply_error(&req->reply, MHD_HTTP_SERVICE_UNAVAILABLE,
				  "%s", strerror(rc));
		req->job_done = 1;
		MHD_resume_connection(connection);
	}
	return MHD_YES;
}

struct MHD_Daemon *
serve_http_start(struct server *server, const void *addr, size_t len,
		 int ipv6, unsigned threads, unsigned connections,
		 unsigned timeout, const char *cert, const char *key,
		 unsigned *port)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	struct MHD_OptionItem tls[3] = {
		{ MHD_OPTION_END, 0, NULL },
		{ MHD_OPTION_END, 0, NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	const union MHD_DaemonInfo *info;
	struct MHD_Daemon *daemon;

	(void)len;
	if (ipv6)
		flags |= MHD_USE_IPv6;
	if (cert && key) {
		flags |= MHD_USE_TLS;
		tls[0] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0,
						  (void *)cert };
		tls[1] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0,
						  (void *)key };
	}
	/* the logger first: libmicrohttpd's own would write before it */
	daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, server,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, server,
		MHD_OPTION_SOCK_ADDR, addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)SERVE_PER_IP_MAX,
		MHD_OPTION_CONNECTION_TIMEOUT, timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, server,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, server,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, server,
		MHD_OPTION_ARRAY, tls,
		MHD_OPTION_END);
	if (daemon == NULL)
		return NULL;
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	*port = info ? info->port : 0;
	return daemon;
}

/*
 * The daemon goes on taking connections while the requests in flight
 * finish: a request that comes meanwhile, on a new connection or an open
 * one, is answered 503 at once (with "Connection: close"), instead of
 * waiting unanswered in the listening socket's backlog until the end.
 */
void
serve_http_stop(struct server *server, struct MHD_Daemon *daemon,
		unsigned grace)
{
	double until = monotonic_seconds() + grace;

	atomic_store(&server->stopping, 1);
	while (atomic_load(&server->in_flight) > 0 &&
	       monotonic_seconds() < until) {
		struct timespec pause = { 0, 20 * 1000000L };
		nanosleep(&pause, NULL);
	}
	MHD_stop_daemon(daemon);
}
