/*
 * check-test.c -- the consistency check of `tmgloss check` (search/check.c)
 * over many segments: the same findings, in the same order and with the
 * same places, whether its tables stay in memory or spill to their
 * temporary file after every few entries; and the findings themselves on
 * a few French and Chinese cases (accents, plurals folded, Traditional
 * Chinese).
 *
 * The texts are written in UTF-8 here for the reader's sake.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "search/search.h"
#include "text/text.h"
#include "tap.h"

/* Segments per file of the generated run. */
#define NSEG 3000

/* Every finding as "check|line|message\n". */
struct log {
	struct strbuf text;
	long line;   /* the segment being checked */
	int count;
};

static void
report(void *data, enum qa_check check, enum qa_severity severity,
       const char *message)
{
	struct log *log = data;
	char head[64];

	(void)severity;
	snprintf(head, sizeof head, "%s|%ld|", qa_check_name(check),
		 log->line);
	strbuf_addstr(&log->text, head);
	strbuf_addstr(&log->text, message);
	strbuf_addch(&log->text, '\n');
	log->count++;
}

static int
check_one(struct checker *c, struct log *log, const char *src,
	  const char *tgt, long line)
{
	struct check_segment seg = {
		.src_lang = "fr", .tgt_lang = "zh-CN", .source = src,
		.target = tgt, .line = line,
	};
	struct tmg_error err = { 0 };

	log->line = line;
	if (check_translation(c, &seg, report, log, &err) < 0) {
		diag("line %ld: %s", line, err.message);
		return -1;
	}
	return 0;
}

/* Two files of NSEG segments: distinct ones, with sources met before
 * translated otherwise and translations given to another source, some
 * far back (spilled long before), some near. */
static int
run(size_t limit, struct log *log)
{
	struct check_options o = {
		.checks = 1u << QA_INCONSISTENT, .table_limit = limit,
	};
	struct checker *c = check_new(NULL, &o);
	char src[128], tgt[128];
	int rc = 0;

	memset(log, 0, sizeof *log);
	for (int file = 0; file < 2 && rc == 0; file++) {
		check_begin_file(c, file ? "b.xlf" : "a.tmx");
		for (int i = 0; i < NSEG && rc == 0; i++) {
			int n = file * NSEG + i;

			if (file == 1 && i % 7 == 0) {
				/* a source of a.tmx, another translation */
				snprintf(src, sizeof src, "Élément numéro %d",
					 (i * 13) % NSEG);
				snprintf(tgt, sizeof tgt, "另一个项目 %d", n);
			} else if (file == 1 && i % 11 == 0) {
				/* a translation of a.tmx, another source */
				snprintf(src, sizeof src, "Autre élément %d",
					 n);
				snprintf(tgt, sizeof tgt, "項目編號 %d",
					 (i * 17) % NSEG);
			} else if (i % 5 == 0 && i > 0) {
				/* the segment before, again: consistent */
				snprintf(src, sizeof src, "Élément numéro %d",
					 n - 1 - file * NSEG);
				snprintf(tgt, sizeof tgt, "項目編號 %d",
					 n - 1 - file * NSEG);
			} else {
				snprintf(src, sizeof src, "Élément numéro %d",
					 n);
				snprintf(tgt, sizeof tgt, "項目編號 %d", n);
			}
			rc = check_one(c, log, src, tgt, 10 + i);
		}
	}
	check_free(c);
	return rc;
}

int
main(void)
{
	struct log whole, spilled;
	size_t limits[] = { 1, 2, 3, 100, 2999, 3000, 3001 };

	/* ------------------------------------------------ a few findings */
	{
		struct check_options o = {
			.checks = 1u << QA_INCONSISTENT, .table_limit = 1,
		};
		struct checker *c = check_new(NULL, &o);
		struct log log = { 0 };

		check_begin_file(c, "a.tmx");
		check_one(c, &log, "Fichier ouvert", "文件已打开", 3);
		check_one(c, &log, "Dossier créé", "文件夹已创建", 4);
		check_one(c, &log, "Fichier fermé", "文件已关闭", 5);
		check_begin_file(c, "b.po");
		/* plural and case folded: the same source */
		check_one(c, &log, "fichiers ouverts", "檔案已開啟", 7);
		/* the same translation, another source */
		check_one(c, &log, "Répertoire créé", "文件夹已创建", 8);
		/* met before with this very translation: nothing */
		check_one(c, &log, "Fichier fermé", "文件已关闭", 9);
		is_int(log.count, 2, "two findings, no more");
		ok(log.text.buf && strstr(log.text.buf,
			"inconsistent|7|") && strstr(log.text.buf, "a.tmx:3"),
		   "a plural source translated otherwise names a.tmx:3");
		ok(log.text.buf && strstr(log.text.buf,
			"inconsistent|8|") && strstr(log.text.buf, "a.tmx:4"),
		   "a translation given to another source names a.tmx:4");
		strbuf_release(&log.text);
		check_free(c);
	}

	/* ------------------------- the same findings, spilled or not */
	if (run(0, &whole) < 0)
		return done_testing(), 1;
	/* b.xlf's i % 7 == 0 (429) and i % 11 == 0 but not % 7 (234),
	   less those whose a.tmx segment is not there (a.tmx repeats the
	   segment before at each i % 5 == 0 past 0): 344 sources
	   translated otherwise, 187 translations given another source */
	is_int(whole.count, 344 + 187, "the generated run's findings");
	for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
		if (run(limits[k], &spilled) < 0) {
			ok(0, "limit %zu: the run failed", limits[k]);
			continue;
		}
		is_int(spilled.count, whole.count,
		       "limit %zu: as many findings", limits[k]);
		ok(spilled.text.len == whole.text.len &&
		   memcmp(spilled.text.buf, whole.text.buf,
			  whole.text.len) == 0,
		   "limit %zu: the same findings, places and order",
		   limits[k]);
		strbuf_release(&spilled.text);
	}
	strbuf_release(&whole.text);
	return done_testing();
}
