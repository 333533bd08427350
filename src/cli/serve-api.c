/*
 * serve-api.c -- what tmgloss serve answers (doc/api.md).
 *
 * The tmserver API of Translate Toolkit (translate/services/tmserver.py),
 * as amaGama serves it too, under / and /tmserver/:
 *   GET    /SRC/TGT/unit/TEXT   the matches, best first, as a JSON array
 *          of {"source", "target", "context", "quality"}; amaGama's
 *          ?min_similarity= (default 75, tmserver's) and ?max_candidates=
 *          (default 3) are honoured.  TEXT is the rest of the path, one
 *          trailing '/' left out (clients add it);
 *   PUT, POST there   store {"source", "target", "context"} (origin
 *          "tmserver": a new translation of a source replaces the one
 *          stored there before, as a corrected file's import does);
 *   DELETE there      forget the units whose source is exactly TEXT.
 * /api/v1/ answers with the command line's JSON: match in the worker
 * threads, the others through the command run as a child (serve-child.c).
 *
 * Every URL is read raw: bad percent-encoding, an encoded NUL or bytes
 * that are not UTF-8 are 400, as is a text past SERVE_TEXT_MAX bytes or a
 * count past its bound.  Writes need the token (compared in constant time),
 * else 401; with --read-only, or no token at all, 403.  Errors are JSON,
 * {"error": "..."}.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "serve-json.h"

/* The tmserver defaults (tmserver.py: min_similarity, max_candidates). */
#define TMSERVER_MIN_SIMILARITY 75
#define TMSERVER_MAX_CANDIDATES 3
/* The origin recorded with the units stored through the tmserver API. */
#define TMSERVER_ORIGIN "tmserver"
/* The unit's prop that keeps a tmserver "context". */
#define TMSERVER_CONTEXT_PROP "x-context"
/* The origin of a POSTed file without ?origin=. */
#define SERVE_IMPORT_ORIGIN "http-import"

/* ------------------------------------------------------ reading URLs */

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode `len` bytes of `s` into `out` (emptied first; '+' is a
 * space in a query, `plus`).  Returns 0, or -1 with `reply` a 400: a '%'
 * not followed by two hex digits, an encoded NUL, or text that is not
 * UTF-8.
 */
static int
url_decode(const char *s, size_t len, int plus, struct strbuf *out,
	   struct serve_reply *reply)
{
	strbuf_reset(out);
	strbuf_grow(out, len + 1);
	for (size_t i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '+' && plus) {
			strbuf_addch(out, ' ');
			continue;
		}
		if (s[i] != '%') {
			strbuf_addch(out, s[i]);
			continue;
		}
		if (i + 2 >= len ||
		    (hi = hex_value((unsigned char)s[i + 1])) < 0 ||
		    (lo = hex_value((unsigned char)s[i + 2])) < 0) {
			serve_reply_error(reply, 400, "%s", _("bad percent-"
					  "encoding in the URL"));
			return -1;
		}
		if (hi == 0 && lo == 0) {
			serve_reply_error(reply, 400, "%s", _("the URL holds "
					  "an encoded NUL (%00)"));
			return -1;
		}
		strbuf_addch(out, (char)(hi * 16 + lo));
		i += 2;
	}
	if (!utf8_valid(out->buf, out->len)) {
		serve_reply_error(reply, 400, "%s", _("the URL is not UTF-8 "
				  "once decoded"));
		return -1;
	}
	return 0;
}

/*
 * The value of parameter `name` in the raw query, decoded, into `out`.
 * Returns 1 when given, 0 when not, -1 with a 400 in `reply`.
 */
static int
query_param(const char *query, const char *name, struct strbuf *out,
	    struct serve_reply *reply)
{
	size_t nlen = strlen(name);
	const char *p = query;

	while (*p) {
		size_t len = strcspn(p, "&;");
		const char *eq = memchr(p, '=', len);

		if (eq && (size_t)(eq - p) == nlen &&
		    strncmp(p, name, nlen) == 0) {
			if (url_decode(eq + 1, len - nlen - 1, 1, out,
				       reply) < 0)
				return -1;
			return 1;
		}
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

/* A number parameter within [lo, hi], `def` when not given.  -1 with a
 * 400 in `reply`. */
static int
number_param(const struct serve_call *call, const char *name, long lo,
	     long hi, long def, long *value)
{
	struct strbuf sb = { 0 };
	char *end;
	int given = query_param(call->query, name, &sb, call->reply);

	*value = def;
	if (given > 0) {
		errno = 0;
		*value = strtol(sb.buf, &end, 10);
		if (end == sb.buf || *end || errno || *value < lo ||
		    *value > hi) {
			serve_reply_error(call->reply, 400, _("'%s' must be a "
					  "number from %ld to %ld"), name, lo,
					  hi);
			given = -1;
		}
	}
	strbuf_release(&sb);
	return given < 0 ? -1 : 0;
}

/* A text parameter into `out` (NULL... when not given: *given 0); -1 with
 * a 400 when it is past SERVE_TEXT_MAX bytes or not decoded. */
static int
text_param(const struct serve_call *call, const char *name,
	   struct strbuf *out, int *given)
{
	int ret = query_param(call->query, name, out, call->reply);

	if (ret < 0)
		return -1;
	*given = ret;
	if (ret > 0 && out->len > SERVE_TEXT_MAX) {
		serve_reply_error(call->reply, 400, _("'%s' is longer than %d "
				  "bytes"), name, SERVE_TEXT_MAX);
		return -1;
	}
	return 0;
}

/* A language of the URL, canonical into `out`; -1 with a 400. */
static int
language(const char *tag, char out[TMG_LANG_MAX], struct serve_reply *reply)
{
	if (lang_canonicalize(tag, out, TMG_LANG_MAX) < 0) {
		serve_reply_error(reply, 400, _("'%s' is not a language tag"),
				  tag);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------- writes */

/* Equal in a time that depends on the token's length alone. */
static int
token_equal(const char *given, const char *token)
{
	size_t a = strlen(given), b = strlen(token);
	unsigned char diff = a != b;

	for (size_t i = 0; i < b; i++)
		diff |= (unsigned char)((i < a ? given[i] : 0) ^ token[i]);
	return diff == 0;
}

/* Whether the call may write; else the reply is 401 or 403. */
static int
may_write(const struct serve_call *call)
{
	const struct server *server = call->server;
	const char *auth = call->authorization;

	if (server->read_only) {
		serve_reply_error(call->reply, 403, "%s", _("the server is "
				  "read-only (--read-only)"));
		return 0;
	}
	if (server->token == NULL) {
		serve_reply_error(call->reply, 403, "%s", _("the server takes "
				  "no writes: start it with --token-file"));
		return 0;
	}
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		auth += 7;
		while (*auth == ' ')
			auth++;
		if (token_equal(auth, server->token))
			return 1;
	}
	serve_reply_error(call->reply, 401, "%s", _("a write needs "
			  "'Authorization: Bearer TOKEN' with the server's "
			  "token"));
	call->reply->www_authenticate = 1;
	return 0;
}

/* After a write: the indexes take the new units in before the answer, so
 * that the next search finds them through the index. */
static int
update_indexes(struct server *server, struct tmg_error *err)
{
	return memory_update_indexes(server->writer, INDEX_ALL, NULL, NULL,
				     err) < 0 ? -1 : 0;
}

static void
reply_engine_error(struct serve_reply *reply, const struct tmg_error *err)
{
	char buf[2200];

	tmg_error_format(err, buf, sizeof buf);
	serve_reply_error(reply, 500, "%s", buf);
}

/* PUT or POST /SRC/TGT/unit/TEXT: store one unit. */
static void
tmserver_store(struct serve_call *call, const char *src, const char *tgt)
{
	static const char *const keys[] = { "source", "target", "context" };
	static const char *const results[] = { "added", "merged",
					       "unchanged" };
	struct server *server = call->server;
	struct memory_import import = { .origin = TMSERVER_ORIGIN };
	struct tmg_error err = { 0 };
	struct tmg_unit unit;
	struct tmg_variant *v;
	enum memory_add_result result;
	char *values[3], error[512], date[17];
	FILE *out;
	int ok = 0;

	if (serve_json_strings(call->body, call->body_len, keys, values, 3,
			       SERVE_TEXT_MAX, error, sizeof error) < 0) {
		serve_reply_error(call->reply, 400, "%s", error);
		return;
	}
	if (values[0] == NULL || values[1] == NULL || *values[0] == '\0' ||
	    *values[1] == '\0') {
		serve_reply_error(call->reply, 400, "%s", _("the body needs "
				  "\"source\" and \"target\", not empty"));
		goto out;
	}
	unit_init(&unit);
	unit_date_now(date);
	snprintf(unit.srclang, sizeof unit.srclang, "%s", src);
	unit.creation_date = xstrdup(date);
	unit.change_date = xstrdup(date);
	if (values[2] && *values[2]) {
		struct tmg_annotation *a = annotations_add(&unit.notes, 0);
		a->type = xstrdup(TMSERVER_CONTEXT_PROP);
		a->value = xstrdup(values[2]);
	}
	v = unit_add_variant(&unit);
	snprintf(v->lang, sizeof v->lang, "%s", src);
	v->text = xstrdup(values[0]);
	v = unit_add_variant(&unit);
	snprintf(v->lang, sizeof v->lang, "%s", tgt);
	v->text = xstrdup(values[1]);

	pthread_mutex_lock(&server->write_lock);
	if (memory_import_begin(server->writer, &import, &err) == 0) {
		if (memory_add_unit(server->writer, &unit, &result, &err) == 0 &&
		    memory_import_commit(server->writer, &err) == 0)
			ok = update_indexes(server, &err) == 0;
		else
			memory_import_rollback(server->writer);
	}
	pthread_mutex_unlock(&server->write_lock);
	unit_clear(&unit);
	if (!ok) {
		reply_engine_error(call->reply, &err);
		goto out;
	}
	out = serve_reply_open(call->reply, 200);
	fprintf(out, "{\"result\": \"%s\"}\n", results[result]);
	serve_reply_close(call->reply, out);
out:
	for (size_t i = 0; i < 3; i++)
		free(values[i]);
}

/* DELETE /SRC/TGT/unit/TEXT: the units whose source is TEXT, exactly. */
static void
tmserver_forget(struct serve_call *call, const char *text, const char *src,
		const char *tgt)
{
	struct server *server = call->server;
	struct fuzzy_options options = {
		.src = src, .tgt = tgt, .min_score = 100, .max_hits = 100000,
	};
	struct remove_filter filter = { .src = src, .tgt = tgt };
	struct remove_result removed = { 0 };
	struct fuzzy_hits hits = { 0 };
	struct tmg_error err = { 0 };
	int64_t *ids = NULL;
	int ret = -1;
	FILE *out;

	pthread_mutex_lock(&server->write_lock);
	if (fuzzy_search(server->writer, text, &options, &hits, &err) == 0) {
		ids = xcalloc(hits.count + 1, sizeof *ids);
		for (size_t i = 0; i < hits.count; i++)
			ids[i] = hits.items[i].unit_id;
		/* remove_units() wants them ascending */
		for (size_t i = 1; i < hits.count; i++)
			for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
				int64_t t = ids[j];
				ids[j] = ids[j - 1];
				ids[j - 1] = t;
			}
		filter.ids = ids;
		filter.nids = hits.count;
		ret = hits.count == 0 ? 0 :
		      remove_units(server->writer, &filter, 0, &removed, &err);
		if (ret == 0 && removed.count > 0)
			ret = update_indexes(server, &err);
	}
	pthread_mutex_unlock(&server->write_lock);
	fuzzy_hits_clear(&hits);
	free(ids);
	if (ret < 0) {
		reply_engine_error(call->reply, &err);
		return;
	}
	if (removed.count == 0) {
		serve_reply_error(call->reply, 404, "%s", _("no unit has this "
				  "source text"));
		return;
	}
	out = serve_reply_open(call->reply, 200);
	fprintf(out, "{\"removed\": %zu}\n", removed.count);
	serve_reply_close(call->reply, out);
	remove_result_clear(&removed);
}

/* GET /SRC/TGT/unit/TEXT: tmserver's candidates. */
static void
tmserver_search(struct serve_call *call, const char *text, const char *src,
		const char *tgt)
{
	struct fuzzy_options options = { .src = src, .tgt = tgt };
	struct fuzzy_hits hits = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *reader;
	char **contexts;
	long min, max;
	FILE *out;

	if (number_param(call, "min_similarity", 0, 100,
			 TMSERVER_MIN_SIMILARITY, &min) < 0 ||
	    number_param(call, "max_candidates", 1, SERVE_CANDIDATES_MAX,
			 TMSERVER_MAX_CANDIDATES, &max) < 0)
		return;
	options.min_score = min < 1 ? 1 : (int)min;
	options.max_hits = (size_t)max;
	if ((reader = serve_reader(call->server, &err)) == NULL ||
	    fuzzy_search(reader, text, &options, &hits, &err) < 0) {
		reply_engine_error(call->reply, &err);
		return;
	}
	/* the context a PUT stored (or a TMX's x-context prop), read
	 * before the answer begins: an error is then a whole 500 */
	contexts = xcalloc(hits.count + 1, sizeof *contexts);
	for (size_t i = 0; i < hits.count; i++)
		if (memory_unit_prop(reader, hits.items[i].unit_id,
				     TMSERVER_CONTEXT_PROP, &contexts[i],
				     &err) < 0) {
			reply_engine_error(call->reply, &err);
			goto out;
		}
	out = serve_reply_open(call->reply, 200);
	fputc('[', out);
	for (size_t i = 0; i < hits.count; i++) {
		const struct fuzzy_hit *h = &hits.items[i];
		fputs(i ? ",\n {\"source\": " : "\n {\"source\": ", out);
		json_string(out, h->source);
		json_member(out, "target", h->target);
		json_member(out, "context", contexts[i] ? contexts[i] : "");
		fprintf(out, ", \"quality\": %d}", h->score);
	}
	fputs(hits.count ? "\n]\n" : "]\n", out);
	serve_reply_close(call->reply, out);
out:
	for (size_t i = 0; i < hits.count; i++)
		free(contexts[i]);
	free(contexts);
	fuzzy_hits_clear(&hits);
}

/* Is `path` a tmserver unit path?  Its raw languages and text (pointers
 * into path, with their lengths) when it is. */
struct unit_path {
	const char *src, *tgt, *text;
	size_t src_len, tgt_len, text_len;
};

static int
tmserver_path(const char *path, struct unit_path *u)
{
	const char *p = path;

	if (strncmp(p, "/tmserver/", 10) == 0)
		p += 9;
	if (*p++ != '/')
		return 0;
	u->src = p;
	u->src_len = strcspn(p, "/");
	p += u->src_len;
	if (*p++ != '/' || u->src_len == 0)
		return 0;
	u->tgt = p;
	u->tgt_len = strcspn(p, "/");
	p += u->tgt_len;
	if (u->tgt_len == 0 || strncmp(p, "/unit/", 6) != 0)
		return 0;
	u->text = p + 6;
	u->text_len = strlen(u->text);
	if (u->text_len > 0 && u->text[u->text_len - 1] == '/')
		u->text_len--;
	return 1;
}

static void
tmserver_answer(struct serve_call *call, const struct unit_path *u)
{
	struct strbuf text = { 0 }, raw = { 0 };
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	const char *m = call->method;
	int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	int store = strcmp(m, "PUT") == 0 || strcmp(m, "POST") == 0;
	int forget = strcmp(m, "DELETE") == 0;

	if (!get && !store && !forget) {
		serve_reply_error(call->reply, 405, _("%s is not a method of "
				  "this path"), m);
		call->reply->allow = "GET, HEAD, PUT, POST, DELETE";
		goto out;
	}
	if ((store || forget) && !may_write(call))
		goto out;
	if (url_decode(u->src, u->src_len, 0, &raw, call->reply) < 0 ||
	    language(raw.buf, src, call->reply) < 0 ||
	    url_decode(u->tgt, u->tgt_len, 0, &raw, call->reply) < 0 ||
	    language(raw.buf, tgt, call->reply) < 0 ||
	    url_decode(u->text, u->text_len, 0, &text, call->reply) < 0)
		goto out;
	if (text.len > SERVE_TEXT_MAX) {
		serve_reply_error(call->reply, 400, _("the text is longer than "
				  "%d bytes"), SERVE_TEXT_MAX);
		goto out;
	}
	if (text.len == 0 && !store) {
		serve_reply_error(call->reply, 400, "%s", _("no text after "
				  "/unit/"));
		goto out;
	}
	if (get)
		tmserver_search(call, text.buf, src, tgt);
	else if (store)
		tmserver_store(call, src, tgt);
	else
		tmserver_forget(call, text.buf, src, tgt);
out:
	strbuf_release(&text);
	strbuf_release(&raw);
}

/* ------------------------------------------------------- /api/v1/match */

/* The texts of a match: ?q= (each one) or a POSTed {"queries": [...]}. */
struct match_texts {
	char **items;
	size_t count, alloc;
};

static void
match_texts_clear(struct match_texts *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->items[i]);
	free(t->items);
	memset(t, 0, sizeof *t);
}

static int
match_texts_read(const struct serve_call *call, struct match_texts *t)
{
	struct strbuf sb = { 0 };
	char error[512];

	if (strcmp(call->method, "POST") == 0) {
		if (serve_json_string_array(call->body, call->body_len,
					    "queries", &t->items, &t->count,
					    SERVE_BATCH_MAX, SERVE_TEXT_MAX,
					    error, sizeof error) < 0) {
			serve_reply_error(call->reply, 400, "%s", error);
			return -1;
		}
		return 0;
	}
	for (const char *p = call->query; *p; ) {
		size_t len = strcspn(p, "&;");

		if (len > 2 && strncmp(p, "q=", 2) == 0) {
			if (url_decode(p + 2, len - 2, 1, &sb,
				       call->reply) < 0)
				goto fail;
			if (sb.len > SERVE_TEXT_MAX ||
			    t->count >= SERVE_BATCH_MAX) {
				serve_reply_error(call->reply, 400, _("a text "
						  "to match has at most %d "
						  "bytes, a batch at most %d "
						  "texts"), SERVE_TEXT_MAX,
						  SERVE_BATCH_MAX);
				goto fail;
			}
			ALLOC_GROW(t->items, t->count + 1, t->alloc);
			t->items[t->count++] = strbuf_detach(&sb);
		}
		p += len;
		if (*p)
			p++;
	}
	if (t->count == 0) {
		serve_reply_error(call->reply, 400, "%s", _("give the text to "
				  "match as ?q="));
		return -1;
	}
	return 0;
fail:
	strbuf_release(&sb);
	match_texts_clear(t);
	return -1;
}

/* A language parameter: its value (validated) or NULL when not given. */
static int
lang_param(const struct serve_call *call, const char *name,
	   struct strbuf *out, const char **value)
{
	char canonical[TMG_LANG_MAX];
	int given;

	*value = NULL;
	if (text_param(call, name, out, &given) < 0)
		return -1;
	if (!given)
		return 0;
	if (language(out->buf, canonical, call->reply) < 0)
		return -1;
	*value = out->buf;
	return 0;
}

static void
api_match(struct serve_call *call)
{
	struct match_texts texts = { 0 };
	struct strbuf src_arg = { 0 }, tgt_arg = { 0 };
	const char *src_req, *tgt_req;
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	struct fuzzy_options options = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *reader;
	long min, max;
	FILE *out = NULL;

	if (match_texts_read(call, &texts) < 0 ||
	    lang_param(call, "src", &src_arg, &src_req) < 0 ||
	    lang_param(call, "tgt", &tgt_arg, &tgt_req) < 0 ||
	    number_param(call, "min", 1, 100, 70, &min) < 0 ||
	    number_param(call, "max", 1, SERVE_CANDIDATES_MAX, 5, &max) < 0)
		goto out;
	if ((reader = serve_reader(call->server, &err)) == NULL ||
	    fuzzy_default_languages(reader, src_req, tgt_req, texts.items[0],
				    src, tgt, &err) < 0) {
		serve_reply_error(call->reply, 400, "%s", err.message);
		goto out;
	}
	if (src[0] == '\0' || tgt[0] == '\0') {
		serve_reply_error(call->reply, 400, "%s", src[0] == '\0' ?
				  _("the memory has several source languages:"
				    " say which with ?src=") :
				  _("the memory has several target languages:"
				    " say which with ?tgt="));
		goto out;
	}
	options.src = src;
	options.tgt = tgt;
	options.min_score = (int)min;
	options.max_hits = (size_t)max;
	out = serve_reply_open(call->reply, 200);
	for (size_t q = 0; q < texts.count; q++) {
		struct fuzzy_hits hits;
		size_t i = 0;

		if (fuzzy_search(reader, texts.items[q], &options, &hits,
				 &err) < 0) {
			serve_reply_close(call->reply, out);
			out = NULL;
			serve_reply_error(call->reply, 400, "%s", err.message);
			goto out;
		}
		do {
			fputs(q == 0 && i == 0 ? "[\n" : ",\n", out);
			json_fuzzy_hit(out, (long)q + 1, texts.items[q],
				       hits.count ? &hits.items[i] : NULL);
		} while (++i < hits.count);
		fuzzy_hits_clear(&hits);
	}
	fputs("\n]\n", out);
	serve_reply_close(call->reply, out);
out:
	match_texts_clear(&texts);
	strbuf_release(&src_arg);
	strbuf_release(&tgt_arg);
}

/* -------------------------------------- /api/v1/: the child commands */

/* The arguments of a child command, built up. */
struct child_args {
	const char *items[24];
	size_t count;
	char *owned[12];
	size_t nowned;
};

static void
arg_add(struct child_args *a, const char *arg)
{
	if (a->count + 1 < sizeof a->items / sizeof *a->items)
		a->items[a->count++] = arg;
	a->items[a->count] = NULL;
}

/* "--name=VALUE" for a parameter given (one argument: a value that
 * begins with '-' stays a value). */
static void
arg_option(struct child_args *a, const char *option, const char *value)
{
	struct strbuf sb = { 0 };

	if (value == NULL || a->nowned >= sizeof a->owned / sizeof *a->owned)
		return;
	strbuf_addstr(&sb, option);
	strbuf_addch(&sb, '=');
	strbuf_addstr(&sb, value);
	a->owned[a->nowned] = strbuf_detach(&sb);
	arg_add(a, a->owned[a->nowned++]);
}

static void
child_args_clear(struct child_args *a)
{
	for (size_t i = 0; i < a->nowned; i++)
		free(a->owned[i]);
}

/* The parameters that pass through as options, each checked: its name
 * in the query, the option, and what it holds (a switch's value is 1 or
 * 0). */
enum pass_kind { PASS_TEXT, PASS_LANG, PASS_SWITCH };

struct passed {
	const char *param, *option;
	enum pass_kind kind;
};

/* Add the options; *origin says whether ?origin= was given. */
static int
pass_params(const struct serve_call *call, const struct passed *list,
	    struct child_args *a, int *origin)
{
	for (; list->param; list++) {
		struct strbuf sb = { 0 };
		const char *value = NULL;
		int given = 0, ret;

		if (list->kind == PASS_LANG) {
			ret = lang_param(call, list->param, &sb, &value);
			given = value != NULL;
		} else {
			ret = text_param(call, list->param, &sb, &given);
		}
		if (ret == 0 && given && list->kind == PASS_SWITCH) {
			if (strcmp(sb.buf, "1") == 0) {
				arg_add(a, list->option);
			} else if (strcmp(sb.buf, "0") != 0) {
				serve_reply_error(call->reply, 400, _("'%s' "
						  "must be 1 or 0"),
						  list->param);
				ret = -1;
			}
		} else if (ret == 0 && given) {
			arg_option(a, list->option, sb.buf);
		}
		if (given && origin && strcmp(list->param, "origin") == 0)
			*origin = 1;
		strbuf_release(&sb);
		if (ret < 0)
			return -1;
	}
	return 0;
}

/* Run the child and answer with its JSON, or its error.  `spool` is the
 * request body's file, named so in errors. */
static void
answer_child(struct serve_call *call, struct child_args *a,
	     const char *spool)
{
	struct serve_child child = { .argv = a->items, .out_fd = -1 };

	if (serve_child_run(call->server, &child) < 0) {
		serve_reply_error(call->reply, 503, "%s", strerror(errno));
		return;
	}
	if (child.status == EXIT_OK) {
		const char *p = child.out.buf ? child.out.buf : "", *at;

		call->reply->status = 200;
		call->reply->type = "application/json";
		/* the spooled body is "-" in a summary, as standard input
		 * is on the command line */
		while (spool && (at = strstr(p, spool)) != NULL) {
			strbuf_add(&call->reply->body, p, (size_t)(at - p));
			strbuf_addch(&call->reply->body, '-');
			p = at + strlen(spool);
		}
		strbuf_addstr(&call->reply->body, p);
	} else {
		serve_child_error(&child, spool, call->reply,
				  child.status >= 128 ? 500 : 400);
	}
	serve_child_clear(&child);
}

/* stats and origins: the command's JSON as it stands. */
static void
answer_listing(struct serve_call *call, const char *command)
{
	struct child_args a = { 0 };

	arg_add(&a, "--read-only");
	arg_add(&a, command);
	arg_add(&a, "--format=json");
	answer_child(call, &a, NULL);
}

static void
api_stats(struct serve_call *call)
{
	answer_listing(call, "stats");
}

static void
api_origins(struct serve_call *call)
{
	answer_listing(call, "origins");
}

/* concord and suggest: a text (?q=, ?term=) and options. */
static void
api_text_command(struct serve_call *call, const char *command,
		 const char *param, const struct passed *passed)
{
	struct child_args a = { 0 };
	struct strbuf text = { 0 };
	int given;

	arg_add(&a, "--read-only");
	arg_add(&a, command);
	arg_add(&a, "--format=json");
	if (text_param(call, param, &text, &given) < 0 ||
	    pass_params(call, passed, &a, NULL) < 0)
		goto out;
	if (!given || text.len == 0) {
		serve_reply_error(call->reply, 400, _("give the text as "
				  "?%s="), param);
		goto out;
	}
	arg_add(&a, "--");
	arg_add(&a, text.buf);
	answer_child(call, &a, NULL);
out:
	strbuf_release(&text);
	child_args_clear(&a);
}

static void
api_concord(struct serve_call *call)
{
	static const struct passed passed[] = {
		{ "src", "--src", PASS_LANG }, { "tgt", "--tgt", PASS_LANG },
		{ "max", "--max", PASS_TEXT }, { "in", "--in", PASS_TEXT },
		{ "substring", "--substring", PASS_SWITCH },
		{ NULL, NULL, 0 },
	};
	api_text_command(call, "concord", "q", passed);
}

static void
api_suggest(struct serve_call *call)
{
	static const struct passed passed[] = {
		{ "src", "--src", PASS_LANG }, { "tgt", "--tgt", PASS_LANG },
		{ "max", "--max", PASS_TEXT },
		{ NULL, NULL, 0 },
	};
	api_text_command(call, "suggest", "term", passed);
}

/* POST /api/v1/terms: the body is the text (UTF-8), read from a file. */
static void
api_terms(struct serve_call *call)
{
	static const struct passed passed[] = {
		{ "src", "--src", PASS_LANG }, { "tgt", "--tgt", PASS_LANG },
		{ NULL, NULL, 0 },
	};
	struct child_args a = { 0 };
	char *path = NULL;
	int fd = -1;

	if (call->body == NULL || call->body_len == 0 ||
	    !utf8_valid(call->body, call->body_len) ||
	    memchr(call->body, '\0', call->body_len)) {
		serve_reply_error(call->reply, 400, "%s", _("the body must be "
				  "the text to look terms up in, in UTF-8"));
		return;
	}
	/* terms brings the glossary's term index up to date (a write),
	 * unless the server may not write */
	if (call->server->read_only)
		arg_add(&a, "--read-only");
	arg_add(&a, "terms");
	arg_add(&a, "--format=json");
	if (pass_params(call, passed, &a, NULL) < 0)
		goto out;
	if ((fd = serve_temp_file("terms", &path)) < 0 ||
	    write(fd, call->body, call->body_len) != (ssize_t)call->body_len) {
		serve_reply_error(call->reply, 500, "%s", strerror(errno));
		goto out;
	}
	arg_option(&a, "--file", path);
	answer_child(call, &a, path);
out:
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	free(path);
	child_args_clear(&a);
}

/* POST /api/v1/import: the body is a file, imported whole or not at all,
 * and indexed in the same transaction, by `tmgloss import --index`; the
 * writer's index update that follows finds nothing left to do, unless
 * another program imported meanwhile. */
static void
api_import(struct serve_call *call)
{
	static const struct passed passed[] = {
		{ "src", "--src", PASS_LANG }, { "tgt", "--tgt", PASS_LANG },
		{ "origin", "--origin-name", PASS_TEXT },
		{ "include_drafts", "--include-drafts", PASS_SWITCH },
		{ NULL, NULL, 0 },
	};
	struct server *server = call->server;
	struct child_args a = { 0 };
	struct tmg_error err = { 0 };
	int origin = 0, indexed;

	if (!may_write(call))
		return;
	if (call->body_file == NULL) {
		serve_reply_error(call->reply, 400, "%s", _("the request needs "
				  "a body: the file to import"));
		return;
	}
	arg_add(&a, "import");
	/* the units go in indexed, in the import's own transaction: the
	 * searches never see them unindexed (each scored one by one, the
	 * slow window between a COMMIT and an index update) */
	arg_add(&a, "--index");
	arg_add(&a, "--format=json");
	arg_add(&a, "--quiet");
	if (pass_params(call, passed, &a, &origin) < 0)
		goto out;
	/* the origin is a label the client chose, never the spool's name */
	if (!origin)
		arg_add(&a, "--origin-name=" SERVE_IMPORT_ORIGIN);
	arg_add(&a, "--");
	arg_add(&a, call->body_file);
	pthread_mutex_lock(&server->write_lock);
	answer_child(call, &a, call->body_file);
	indexed = call->reply->status != 200 ||
		  update_indexes(server, &err) == 0;
	pthread_mutex_unlock(&server->write_lock);
	if (!indexed) {
		strbuf_reset(&call->reply->body);
		reply_engine_error(call->reply, &err);
	}
out:
	child_args_clear(&a);
}

/* GET /api/v1/export: the memory (or the units the parameters select)
 * as TMX, written by `tmgloss export` into a file that is then sent. */
static void
api_export(struct serve_call *call)
{
	static const struct passed passed[] = {
		{ "src", "--src", PASS_LANG }, { "tgt", "--tgt", PASS_LANG },
		{ "origin", "--origin", PASS_TEXT },
		{ NULL, NULL, 0 },
	};
	struct child_args a = { 0 };
	struct serve_child child = { .keep_output = 1, .out_fd = -1 };
	off_t size;

	arg_add(&a, "--read-only");
	arg_add(&a, "export");
	arg_add(&a, "--output=-");
	if (pass_params(call, passed, &a, NULL) < 0)
		goto out;
	child.argv = a.items;
	if (serve_child_run(call->server, &child) < 0) {
		serve_reply_error(call->reply, 503, "%s", strerror(errno));
		goto out;
	}
	if (child.status != EXIT_OK) {
		serve_child_error(&child, NULL, call->reply,
				  child.status >= 128 ? 500 : 400);
	} else if ((size = lseek(child.out_fd, 0, SEEK_END)) <= 0 ||
		   lseek(child.out_fd, 0, SEEK_SET) != 0) {
		serve_reply_error(call->reply, 404, "%s", _("the memory holds "
				  "no unit to export"));
	} else {
		call->reply->status = 200;
		call->reply->type = "application/x-tmx+xml";
		call->reply->filename = "memory.tmx";
		call->reply->fd = child.out_fd;
		child.out_fd = -1;
	}
	serve_child_clear(&child);
out:
	child_args_clear(&a);
}

/* ----------------------------------------------------------- routing */

struct route {
	const char *name;          /* after /api/v1/ */
	const char *methods;       /* as an Allow header says them */
	enum serve_body body;      /* for POST */
	int job;
	void (*answer)(struct serve_call *call);
};

static const struct route routes[] = {
	{ "match", "GET, POST", SERVE_BODY_MEMORY, 0, api_match },
	{ "concord", "GET", SERVE_BODY_NONE, 1, api_concord },
	{ "terms", "POST", SERVE_BODY_MEMORY, 1, api_terms },
	{ "suggest", "GET", SERVE_BODY_NONE, 1, api_suggest },
	{ "stats", "GET", SERVE_BODY_NONE, 1, api_stats },
	{ "origins", "GET", SERVE_BODY_NONE, 1, api_origins },
	{ "import", "POST", SERVE_BODY_FILE, 1, api_import },
	{ "export", "GET", SERVE_BODY_NONE, 1, api_export },
};

static const struct route *
find_route(const char *path)
{
	if (strncmp(path, "/api/v1/", 8) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
		if (strcmp(path + 8, routes[i].name) == 0)
			return &routes[i];
	return NULL;
}

/* Does the route take `method`?  HEAD goes with GET. */
static int
route_takes(const struct route *r, const char *method)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	size_t len = strlen(m);

	for (const char *p = r->methods; (p = strstr(p, m)); p += len)
		if ((p == r->methods || p[-1] == ' ') &&
		    (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

enum serve_body
serve_api_body(const char *method, const char *path)
{
	const struct route *r = find_route(path);
	struct unit_path u;

	if (r)
		return strcmp(method, "POST") == 0 ? r->body : SERVE_BODY_NONE;
	if (tmserver_path(path, &u) &&
	    (strcmp(method, "PUT") == 0 || strcmp(method, "POST") == 0))
		return SERVE_BODY_MEMORY;
	return SERVE_BODY_NONE;
}

int
serve_api_is_job(const struct serve_call *call)
{
	const struct route *r = find_route(call->path);

	if (r)
		return r->job;
	/* a tmserver write waits for the writer */
	return strcmp(call->method, "GET") != 0 &&
	       strcmp(call->method, "HEAD") != 0;
}

void
serve_api_answer(struct serve_call *call)
{
	const struct route *r = find_route(call->path);
	struct unit_path u;

	if (r) {
		if (!route_takes(r, call->method)) {
			serve_reply_error(call->reply, 405, _("%s is not a "
					  "method of this path"),
					  call->method);
			call->reply->allow = r->methods;
			return;
		}
		r->answer(call);
		return;
	}
	if (tmserver_path(call->path, &u)) {
		tmserver_answer(call, &u);
		return;
	}
	serve_reply_error(call->reply, 404, "%s", _("no such path: see "
			  "doc/api.md for what the server answers"));
}
