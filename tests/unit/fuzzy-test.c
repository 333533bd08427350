/*
 * fuzzy-test.c -- the fuzzy score, the marked differences, and the index:
 * on thousands of random queries, in both directions, the indexed search
 * must return exactly the hit lists of an exhaustive scan of the memory.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fixture.h"
#include "tap.h"
#include "store/db.h"
#include "tmgloss.h"
#include "base/xalloc.h"

static int
score(const char *a, const char *b, const char *lang)
{
	struct tmg_error err = { 0 };

	return (int)fixture_checked(fuzzy_score(a, b, lang, &err), &err);
}

/* One line of fuzzy-cases.tsv: LANG, SCORE or <N, QUERY, SOURCE, WHAT. */
static void
one_score(char **fields, const char *file, long lineno, void *data)
{
	int got = score(fields[2], fields[3], fields[0]);

	(void)data;
	if (fields[1][0] == '<')
		ok(got >= 0 && got < atoi(fields[1] + 1), "%s:%ld: %s (%d)",
		   file, lineno, fields[4], got);
	else
		is_int(got, atoi(fields[1]), "%s:%ld: %s", file, lineno,
		       fields[4]);
}

static void
test_scores(void)
{
	long n = fixture_cases("tests/data/fuzzy-cases.tsv", 5, one_score,
			       NULL);

	ok(n > 0, "tests/data/fuzzy-cases.tsv: %ld cases", n);
}

struct diff_buf {
	char text[1024];
};

static void
collect(void *data, enum fuzzy_diff_kind kind, const char *text, size_t len)
{
	struct diff_buf *b = data;
	size_t n = strlen(b->text);

	snprintf(b->text + n, sizeof b->text - n, "%s%.*s%s",
		 kind == FUZZY_DELETED ? "[-" : kind == FUZZY_INSERTED ? "{+"
									 : "",
		 (int)len, text,
		 kind == FUZZY_DELETED ? "-]" : kind == FUZZY_INSERTED ? "+}"
									 : "");
}

static const char *
diff(const char *query, const char *source, const char *lang)
{
	static struct diff_buf b;
	static struct tmg_error err;

	b.text[0] = '\0';
	if (fuzzy_diff(query, source, lang, collect, &b, &err) < 0)
		return err.message;
	return b.text;
}

static void
test_diff(void)
{
	is_str(diff("Ouvrir un fichier", "Ouvrir le fichier", "fr"),
	       "Ouvrir [-un-]{+le+} fichier", "a substituted word");
	is_str(diff("Ouvrir un fichier", "Ouvrir fichier", "fr"),
	       "Ouvrir [-un-] fichier", "a deleted word keeps its spaces");
	is_str(diff("Ouvrir fichier", "Ouvrir le fichier", "fr"),
	       "Ouvrir {+le+} fichier", "an inserted word");
	is_str(diff("Ouvrir le fichier", "Ouvrir le fichier", "fr"),
	       "Ouvrir le fichier", "no difference, no mark");
	is_str(diff("打开文件", "打开文件夹", "zh"), "打开文件{+夹+}",
	       "a Chinese character inserted");
	is_str(diff("la capitale de l'IA", "un pôle de l'IA", "fr"),
	       "[-la capitale-]{+un pôle+} de l'IA",
	       "a block of changes is shown as one");
}

/* ---------------------------------------------------- random memories */

static const char *const fr_words[] = {
	"le", "la", "les", "de", "des", "un", "une", "fichier", "dossier",
	"ouvrir", "fermer", "enregistrer", "document", "fenêtre", "nouveau",
	"impossible", "erreur", "lecture", "écriture", "disque", "réseau",
	"serveur", "client", "Paramètres", "Aide", "annuler", "valider",
	"image", "texte", "police", "taille", "couleur", "page", "Beijing",
	"intelligence", "artificielle", "modèle", "grand", "données", "l'",
};
static const char *const zh_chars[] = {
	"打", "开", "文", "件", "夹", "保", "存", "关", "闭", "新", "建", "错",
	"误", "无", "法", "读", "取", "写", "入", "磁", "盘", "网", "络", "服",
	"务", "器", "设", "置", "帮", "助", "取", "消", "确", "定", "图", "像",
	"北", "京", "人", "工", "智", "能", "模", "型", "数", "据", "的",
};
static const char *const zh_traditional[][2] = {
	{ "开", "開" }, { "关", "關" }, { "闭", "閉" }, { "错", "錯" },
	{ "误", "誤" }, { "无", "無" }, { "读", "讀" }, { "写", "寫" },
	{ "盘", "盤" }, { "网", "網" }, { "络", "絡" }, { "务", "務" },
	{ "设", "設" }, { "帮", "幫" }, { "确", "確" }, { "图", "圖" },
	{ "京", "京" }, { "能", "能" }, { "数", "數" }, { "据", "據" },
};
static const char *const punct[] = { ".", ",", " :", " !", "…", "?" };
static const char *const zh_punct[] = { "。", "，", "：", "！", "……" };

#define NWORDS(a) (sizeof (a) / sizeof *(a))

static unsigned long rng_state = 20260611;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

/* A random number below `below`, written out. */
static void
add_number(struct strbuf *sb, unsigned below)
{
	char num[16];

	snprintf(num, sizeof num, "%u", rnd(below));
	strbuf_addstr(sb, num);
}

/* A random French sentence of 1..14 words, sometimes with a number. */
static void
french_sentence(struct strbuf *sb)
{
	unsigned n = 1 + rnd(14);

	strbuf_reset(sb);
	for (unsigned i = 0; i < n; i++) {
		const char *w = fr_words[rnd(NWORDS(fr_words))];
		if (i && sb->len && sb->buf[sb->len - 1] != '\'')
			strbuf_addch(sb, ' ');
		if (rnd(12) == 0) {
			add_number(sb, 50);
			continue;
		}
		strbuf_addstr(sb, w);
		if (rnd(15) == 0)
			strbuf_addstr(sb, punct[rnd(NWORDS(punct))]);
	}
	if (rnd(2))
		strbuf_addstr(sb, punct[rnd(NWORDS(punct))]);
}

static void
chinese_sentence(struct strbuf *sb)
{
	unsigned n = 1 + rnd(22);

	strbuf_reset(sb);
	for (unsigned i = 0; i < n; i++) {
		if (rnd(15) == 0) {
			add_number(sb, 3000);
			continue;
		}
		strbuf_addstr(sb, zh_chars[rnd(NWORDS(zh_chars))]);
		if (rnd(12) == 0)
			strbuf_addstr(sb, zh_punct[rnd(NWORDS(zh_punct))]);
	}
}

/*
 * A query made from a stored text: words (or characters) replaced,
 * inserted or deleted, case changed, or Traditional forms used.
 */
static void
mutate(const char *text, int chinese, struct strbuf *out)
{
	const char *p = text;
	unsigned changes = rnd(4);

	strbuf_reset(out);
	while (*p) {
		size_t len = 1;
		unsigned r = rnd(100);

		if (chinese) {
			while ((p[len] & 0xc0) == 0x80)
				len++;
		} else {
			len = strcspn(p, " ");
			if (len == 0)
				len = 1;
		}
		if (changes > 0 && r < 8) {
			changes--;
			if (chinese)
				strbuf_addstr(out,
					zh_chars[rnd(NWORDS(zh_chars))]);
			else
				strbuf_addstr(out,
					fr_words[rnd(NWORDS(fr_words))]);
		} else if (changes > 0 && r < 12) {
			changes--; /* deleted */
		} else if (changes > 0 && r < 16) {
			changes--;
			strbuf_add(out, p, len);
			strbuf_addstr(out, chinese ?
				      zh_chars[rnd(NWORDS(zh_chars))] : " de");
		} else if (chinese && r < 25) {
			const char *t = NULL;
			for (size_t k = 0; k < NWORDS(zh_traditional); k++)
				if (strncmp(p, zh_traditional[k][0], len) == 0)
					t = zh_traditional[k][1];
			if (t)
				strbuf_addstr(out, t);
			else
				strbuf_add(out, p, len);
		} else if (!chinese && r < 20 && *p >= 'a' && *p <= 'z') {
			strbuf_addch(out, (char)(*p - 32));
			strbuf_add(out, p + 1, len - 1);
		} else {
			strbuf_add(out, p, len);
		}
		p += len;
	}
}

struct corpus {
	char **fr, **zh;
	size_t n;
};

static int
add_units(struct tmg_memory *m, struct corpus *c, size_t n, int with_tags,
	  struct tmg_error *err)
{
	struct memory_import import = { 0 };
	struct strbuf sb = { 0 };

	import.origin = "random.tmx";
	if (memory_import_begin(m, &import, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct tmg_unit unit;
		struct strbuf zh = { 0 };
		enum memory_add_result result;
		int tagged;

		french_sentence(&sb);
		tagged = with_tags && rnd(5) == 0;
		chinese_sentence(&zh);
		fixture_unit(&unit, sb.buf, zh.buf);
		strbuf_release(&zh);
		if (tagged) {
			/* an inline code before the text */
			struct strbuf markup = { 0 };
			strbuf_addstr(&markup, "<ph x=\"1\">&lt;b&gt;</ph>");
			strbuf_addstr(&markup, sb.buf);
			unit.variants[0].markup = strbuf_detach(&markup);
		}
		if (memory_add_unit(m, &unit, &result, err) < 0) {
			unit_clear(&unit);
			strbuf_release(&sb);
			memory_import_rollback(m);
			return -1;
		}
		if (result == MEMORY_ADDED) {
			c->fr = xreallocarray(c->fr, c->n + 1, sizeof *c->fr);
			c->zh = xreallocarray(c->zh, c->n + 1, sizeof *c->zh);
			c->fr[c->n] = xstrdup(unit.variants[0].text);
			c->zh[c->n] = xstrdup(unit.variants[1].text);
			c->n++;
		}
		unit_clear(&unit);
	}
	strbuf_release(&sb);
	return memory_import_commit(m, err);
}

static int
same_hits(const struct fuzzy_hits *a, const struct fuzzy_hits *b)
{
	if (a->count != b->count)
		return 0;
	for (size_t i = 0; i < a->count; i++)
		if (a->items[i].unit_id != b->items[i].unit_id ||
		    a->items[i].score != b->items[i].score ||
		    strcmp(a->items[i].target, b->items[i].target) != 0)
			return 0;
	return 1;
}

/* Run `n` random queries in one direction; returns the number of
 * queries whose indexed and exhaustive lists differ. */
static int
compare_searches(struct tmg_memory *m, const struct corpus *c, int zh_to_fr,
		 int n, long *total_hits)
{
	static const int mins[] = { 30, 50, 70, 85, 95, 100 };
	static const size_t maxes[] = { 1, 3, 5, 20, 1000 };
	struct strbuf query = { 0 };
	int bad = 0;

	for (int q = 0; q < n; q++) {
		struct fuzzy_options o = { 0 };
		struct fuzzy_hits indexed, scanned;
		struct tmg_error err = { 0 };

		o.src = zh_to_fr ? "zh" : "fr";
		o.tgt = zh_to_fr ? "fr" : "zh";
		o.min_score = mins[rnd(NWORDS(mins))];
		o.max_hits = maxes[rnd(NWORDS(maxes))];
		if (rnd(10) == 0) {
			if (zh_to_fr)
				chinese_sentence(&query);
			else
				french_sentence(&query);
		} else {
			size_t k = rnd((unsigned)c->n);
			mutate(zh_to_fr ? c->zh[k] : c->fr[k], zh_to_fr,
			       &query);
		}
		if (fuzzy_search(m, query.buf, &o, &indexed, &err) < 0) {
			diag("indexed search: %s", err.message);
			bad++;
			continue;
		}
		o.exhaustive = 1;
		if (fuzzy_search(m, query.buf, &o, &scanned, &err) < 0) {
			diag("exhaustive search: %s", err.message);
			fuzzy_hits_clear(&indexed);
			bad++;
			continue;
		}
		*total_hits += (long)scanned.count;
		if (!same_hits(&indexed, &scanned)) {
			if (bad < 5) {
				diag("query '%s' (--min %d --max %zu): %zu "
				     "indexed, %zu scanned", query.buf,
				     o.min_score, o.max_hits, indexed.count,
				     scanned.count);
				for (size_t i = 0; i < scanned.count && i < 5;
				     i++)
					diag("  scan: %d %s", scanned.items[i].score,
					     scanned.items[i].source);
				for (size_t i = 0; i < indexed.count && i < 5;
				     i++)
					diag("  index: %d %s", indexed.items[i].score,
					     indexed.items[i].source);
			}
			bad++;
		}
		fuzzy_hits_clear(&indexed);
		fuzzy_hits_clear(&scanned);
	}
	strbuf_release(&query);
	return bad;
}

/* The single integer a query gives, or -1. */
static long long
query_count(struct tmg_memory *m, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(memory_db(m), sql, -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The token index emptied, every unit pending. */
static const char forget_index[] =
	"DELETE FROM fuzzy_tokens; DELETE FROM fuzzy_postings;"
	" DELETE FROM fuzzy_langs; INSERT INTO index_pending VALUES ('fuzzy', 0)";

static void
test_index(void)
{
	char db_path[4096];
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	struct corpus c = { 0 };
	long hits = 0;

	fixture_scratch_path(db_path, sizeof db_path, "fuzzy-test");
	if ((m = fixture_open_memory(db_path, "open a new memory")) == NULL)
		return;
	/* two imports: posting lists of two runs */
	ok(add_units(m, &c, 300, 1, &err) == 0 &&
	   add_units(m, &c, 200, 1, &err) == 0, "import 500 random units");
	/* deleted units leave stale postings behind */
	ok(store_exec(memory_db(m), "DELETE FROM units WHERE id % 13 = 0",
		      &err) == 0, "delete some units");
	ok(add_units(m, &c, 100, 1, &err) == 0, "import 100 more");

	is_int(compare_searches(m, &c, 0, 1500, &hits), 0,
	       "fr->zh: indexed = exhaustive on 1500 random queries");
	diag("%ld hits compared", hits);
	ok(hits > 1000, "the queries found matches to compare");
	hits = 0;
	is_int(compare_searches(m, &c, 1, 1500, &hits), 0,
	       "zh->fr: indexed = exhaustive on 1500 random queries");
	diag("%ld hits compared", hits);
	ok(hits > 1000, "the queries found matches to compare");

	/* an index emptied, every unit pending (what the migration to
	 * version 7 does to an index that was behind) */
	ok(store_exec(memory_db(m), forget_index, &err) == 0,
	   "forget the index");
	hits = 0;
	is_int(compare_searches(m, &c, 0, 200, &hits), 0,
	       "the index is rebuilt from index_pending on first use");
	ok(hits > 100, "and finds matches");

	/* rows of every kind: lists of one row each, several packed rows
	 * for one hash and length range, packed rows of a range's end */
	setenv("TMGLOSS_PACK_RUN_MAX", "5", 1);
	setenv("TMGLOSS_PACK_ROW_MAX", "60", 1);
	ok(store_exec(memory_db(m), forget_index, &err) == 0,
	   "forget the index again");
	hits = 0;
	is_int(compare_searches(m, &c, 0, 300, &hits), 0,
	       "small packed rows: fr->zh indexed = exhaustive");
	is_int(compare_searches(m, &c, 1, 300, &hits), 0,
	       "small packed rows: zh->fr indexed = exhaustive");
	ok(hits > 200, "and finds matches");
	ok(query_count(m, "SELECT count(*) FROM fuzzy_postings"
		       " WHERE seg > 0") > 100 &&
	   query_count(m, "SELECT count(*) FROM (SELECT key >> 22"
		       " FROM fuzzy_postings WHERE seg < 0 GROUP BY 1"
		       " HAVING count(*) > 1)") > 10,
	   "with lists of their own and hashes of several packed rows");
	/* a word of more ids than the cap in its own rows at one length is
	 * cut, its df guessed, and read whole when a step needs it */
	for (int cap = 1; cap <= 4; cap += 3) {
		char value[8];

		snprintf(value, sizeof value, "%d", cap);
		setenv("TMGLOSS_RUNS_CAP", value, 1);
		hits = 0;
		is_int(compare_searches(m, &c, 0, 300, &hits), 0,
		       "words cut past %d ids: fr->zh indexed = exhaustive",
		       cap);
		is_int(compare_searches(m, &c, 1, 300, &hits), 0,
		       "words cut past %d ids: zh->fr indexed = exhaustive",
		       cap);
		ok(hits > 200, "  and finds matches");
	}
	unsetenv("TMGLOSS_RUNS_CAP");
	unsetenv("TMGLOSS_PACK_RUN_MAX");
	unsetenv("TMGLOSS_PACK_ROW_MAX");
	memory_close(m);
	fixture_unlink_memory(db_path);
	for (size_t i = 0; i < c.n; i++) {
		free(c.fr[i]);
		free(c.zh[i]);
	}
	free(c.fr);
	free(c.zh);
}

int
main(void)
{
	test_scores();
	test_diff();
	test_index();
	return done_testing();
}
