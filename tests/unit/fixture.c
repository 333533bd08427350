/*
 * fixture.c -- what the C unit tests share (see fixture.h): memories built
 * from sentence pairs, paths under top_srcdir, and the case-file reader.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "fixture.h"
#include "tap.h"

void
fixture_unit(struct tmg_unit *u, const char *fr, const char *zh)
{
	struct tmg_variant *v;

	unit_init(u);
	snprintf(u->srclang, sizeof u->srclang, "fr-FR");
	v = unit_add_variant(u);
	snprintf(v->lang, sizeof v->lang, "fr-FR");
	v->text = xstrdup(fr);
	v = unit_add_variant(u);
	snprintf(v->lang, sizeof v->lang, "zh-CN");
	v->text = xstrdup(zh);
}

int
fixture_import_pairs(struct tmg_memory *m, const char *origin,
		     fixture_pair *pairs, size_t n, int commit)
{
	struct memory_import import = { .origin = origin };
	struct tmg_error err = { 0 };
	enum memory_add_result result;

	if (memory_import_begin(m, &import, &err) < 0) {
		diag("import begin: %s", err.message);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct tmg_unit u;
		int ret;

		fixture_unit(&u, pairs[i][0], pairs[i][1]);
		ret = memory_add_unit(m, &u, &result, &err);
		unit_clear(&u);
		if (ret < 0) {
			diag("add '%s': %s", pairs[i][0], err.message);
			memory_import_rollback(m);
			return -1;
		}
	}
	if (!commit) {
		memory_import_rollback(m);
		return 0;
	}
	if (memory_import_commit(m, &err) < 0) {
		diag("import commit: %s", err.message);
		return -1;
	}
	return 0;
}

void
fixture_unlink_memory(const char *path)
{
	char aux[4096];

	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
}

void
fixture_scratch_path(char *buf, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, size, "%s/%s-%ld.db", tmp && *tmp ? tmp : "/tmp", name,
		 (long)getpid());
	fixture_unlink_memory(buf);
}

struct tmg_memory *
fixture_memory(const char *path, fixture_pair *pairs, size_t n)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m;

	fixture_unlink_memory(path);
	if ((m = memory_open(path, MEMORY_CREATE, &err)) == NULL) {
		diag("open %s: %s", path, err.message);
		return NULL;
	}
	if (fixture_import_pairs(m, "test.tmx", pairs, n, 1) < 0) {
		memory_close(m);
		return NULL;
	}
	return m;
}

struct tmg_memory *
fixture_open_memory(const char *path, const char *name)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m = memory_open(path, MEMORY_CREATE, &err);

	if (!ok(m != NULL, "%s", name))
		diag("%s: %s", path, err.message);
	return m;
}

long long
fixture_checked(long long ret, const struct tmg_error *err)
{
	if (ret < 0)
		diag("%s", err->message);
	return ret;
}

char *
fixture_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	struct strbuf sb = { 0 };

	if (rel[0] == '/')
		return xstrdup(rel);
	strbuf_addstr(&sb, top && *top ? top : ".");
	strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, rel);
	return strbuf_detach(&sb);
}

long
fixture_cases(const char *rel, int nfields, fixture_case_fn *fn, void *data)
{
	char *path = fixture_path(rel);
	FILE *in = fopen(path, "r");
	char *line = NULL, **fields;
	size_t size = 0;
	long lineno = 0, cases = 0;

	free(path);
	if (in == NULL) {
		ok(0, "%s opens", rel);
		return -1;
	}
	fields = xreallocarray(NULL, (size_t)nfields, sizeof *fields);
	while (getline(&line, &size, in) > 0) {
		char *p = line;
		int i;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (i = 0; i < nfields && p; i++) {
			fields[i] = p;
			p = i + 1 < nfields ? strchr(p, '\t') : NULL;
			if (p)
				*p++ = '\0';
		}
		if (i < nfields) {
			ok(0, "%s:%ld: %d tab-separated fields", rel, lineno,
			   nfields);
			continue;
		}
		fn(fields, rel, lineno, data);
		cases++;
	}
	free(fields);
	free(line);
	fclose(in);
	return cases;
}
