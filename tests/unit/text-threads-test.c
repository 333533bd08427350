/*
 * text-threads-test.c -- the text layer and the index keys from several
 * threads at once.
 *
 * The main thread first computes, alone, what every job gives: the tokens
 * of a French or Chinese text (both modes; plain keys, the score's and the
 * index's key flags), its text_key(), its matching segment
 * (fuzzy_segment_build(), as the fuzzy index sees it) and its terms and
 * their index keys (term_tokens_build() with a stemmer cache of its own,
 * as the suggestion index sees it), and its sentences.  Then THREADS threads run all jobs ROUNDS times, each from a
 * different place in the list so that they tokenise different texts with
 * different flags at the same moment, and every result must equal the one
 * computed alone.  One thread releases its objects with text_cleanup()
 * half-way and goes on.  Threads that end leave nothing behind (the ASan
 * build checks leaks; see text.c for how a thread's objects are freed).
 *
 * text-threads-test [ROUNDS [THREADS]]   (defaults 40 and 4)
 */
#include <config.h>

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/fuzzy-index.h"
#include "index/suggest-index.h"
#include "tap.h"
#include "tmgloss.h"
#include "base/xalloc.h"

/* Inputs from tests/unit/text-test.c and tests/data/text-cases.tsv:
 * elisions, accents, ligatures, grouped numbers (no-break and thin
 * spaces), inline tags (U+FFFC), fullwidth forms, Traditional Chinese,
 * supplementary-plane Han, mixed scripts, and invalid UTF-8. */
static const struct input {
	const char *lang;
	const char *text;
	const char *markup; /* for fuzzy_segment_build(), or NULL */
} inputs[] = {
	{ "fr", "En 2024, la ville a ajouté 8 620 P de puissance de calcul, "
		"atteignant une capacité totale dépassant 33 000 P. Par "
		"ailleurs, elle a publié le corpus linguistique chinois CCI "
		"4.0.\n\nÀ l'avenir, Beijing accélérera sa construction.",
	  NULL },
	{ "fr", "L\u2019Institut d\u2019intelligence artificielle", NULL },
	{ "fr", "aujourd'hui d'aujourd'hui jusqu'à lorsqu'il puisqu'elle "
		"qu'on", NULL },
	{ "fr", "c'est n'a s'élève j'ai m'a t'as quelqu'un presqu'île",
	  NULL },
	{ "fr", "plus de 2 400 entreprises, 8\u00A0620 P, 8\u202F620 P, "
		"8\u2009620 P, 3,5 %, 1 234 567,89 €", NULL },
	{ "fr", "texte \uFFFCgras\uFFFC fin",
	  "texte <bpt i=\"1\">&lt;b&gt;</bpt>gras<ept i=\"1\">&lt;/b&gt;"
	  "</ept> fin" },
	{ "fr", "Élaborée, incarnée, œuvre, Lætitia, « Bonjour ! », ＡＢＣ",
	  NULL },
	{ "fr-CA", "ÉLÈVES ÉCOLE Noël été à", NULL },
	{ "zh", "2024年，北京新增算力8620P，总算力超过33000P。此外，北京还"
		"发布了中文语料库CCI 4.0，并建成全国首个数据基础设施试点区。",
	  NULL },
	{ "zh", "類腦智能與人工智慧，我們在臺北。", NULL },
	{ "zh-TW", "發布了中文語料庫，首個64卡超節點伺服器", NULL },
	{ "zh", "北京\uFFFC上海", "北京<ph x=\"1\"/>上海" },
	{ "zh", "Emu是全球首个原生多模态大模型。占全国的40%以上", NULL },
	{ "zh", "ＣＣＩ　４．０ 𠀀𠀁", NULL },
	{ "de", "Die Straße, die Maße; FÜNF Bücher", NULL },
	{ "fr", "ok \xFF", NULL },
	{ "zh", "北\xE4\xBA", NULL },
};

#define NINPUTS (sizeof inputs / sizeof inputs[0])

enum job_kind {
	JOB_TOKENS_PLAIN,   /* TOKENS_MATCH, key flags 0 */
	JOB_TOKENS_INDEX,   /* TOKENS_MATCH, SEGMENT_INDEX_FLAGS */
	JOB_TOKENS_SCORE,   /* TOKENS_MATCH, SEGMENT_SCORE_FLAGS */
	JOB_WORDS_PLAIN,    /* TOKENS_WORDS, key flags 0 */
	JOB_WORDS_INDEX,    /* TOKENS_WORDS, SEGMENT_INDEX_FLAGS */
	JOB_KEY_PLAIN,      /* text_key(), 0 */
	JOB_KEY_INDEX,      /* text_key(), SEGMENT_INDEX_FLAGS */
	JOB_SEGMENT_INDEX,  /* fuzzy_segment_build(), SEGMENT_INDEX_FLAGS */
	JOB_SEGMENT_SCORE,  /* fuzzy_segment_build(), SEGMENT_SCORE_FLAGS */
	JOB_TERMS,          /* term_tokens_build(), suggest_index_unigram_key() */
	JOB_SENTENCES,      /* text_sentences() */
	JOB_KINDS
};

static const char *const job_names[JOB_KINDS] = {
	"tokens match plain", "tokens match index", "tokens match score",
	"tokens words plain", "tokens words index", "key plain", "key index",
	"segment index", "segment score", "terms", "sentences",
};

#define NJOBS (NINPUTS * JOB_KINDS)

static void
render_error(struct strbuf *out, const struct tmg_error *err)
{
	strbuf_addstr(out, "!error: ");
	strbuf_addstr(out, err->message);
}

static void
render_tokens(struct strbuf *out, const struct input *in,
	      enum tokenize_mode mode, int flags)
{
	struct text_tokens tokens = { 0 };
	struct tmg_error err = { 0 };
	char buf[96];

	if (text_tokenize(in->text, in->lang, mode, flags, &tokens, &err) < 0) {
		render_error(out, &err);
	} else {
		for (size_t i = 0; i < tokens.count; i++) {
			const struct text_token *t = &tokens.items[i];

			snprintf(buf, sizeof buf, "%s@%d-%d:%d-%d=",
				 token_kind_name(t->kind), (int)t->start,
				 (int)t->end, (int)t->byte_start,
				 (int)t->byte_end);
			strbuf_addstr(out, buf);
			strbuf_addstr(out, t->key);
			strbuf_addstr(out, " | ");
		}
	}
	text_tokens_clear(&tokens);
}

static void
render_key(struct strbuf *out, const struct input *in, int flags)
{
	struct tmg_error err = { 0 };
	char *key = text_key(in->text, flags, &err);

	if (key == NULL)
		render_error(out, &err);
	else
		strbuf_addstr(out, key);
	free(key);
}

static void
render_seg_token(struct strbuf *out, const struct seg_token *s)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%d@%d-%d:%016" PRIx64 ",%016" PRIx64
		 ",%016" PRIx64 " ", (int)s->kind, (int)s->byte_start,
		 (int)s->byte_end, s->key, s->surface, s->exact);
	strbuf_addstr(out, buf);
}

static void
render_segment(struct strbuf *out, const struct input *in, int flags)
{
	struct fuzzy_segment seg;
	struct tmg_error err = { 0 };
	char buf[64];

	if (fuzzy_segment_build(&seg, in->text, in->markup, in->lang, flags,
				&err) < 0) {
		render_error(out, &err);
		return;
	}
	strbuf_addstr(out, seg.text);
	snprintf(buf, sizeof buf, " [%zu words %zu punct %zu tags] ",
		 seg.nwords, seg.npunct, seg.ntags);
	strbuf_addstr(out, buf);
	for (size_t i = 0; i < seg.nall; i++)
		render_seg_token(out, &seg.all[i]);
	snprintf(buf, sizeof buf, "spacing %016" PRIx64, seg.spacing);
	strbuf_addstr(out, buf);
	fuzzy_segment_clear(&seg);
}

static void
render_terms(struct strbuf *out, struct term_stemmers *stemmers,
	     const struct input *in)
{
	struct term_tokens terms = { 0 };
	struct tmg_error err = { 0 };
	char group[16], buf[64];

	lang_group(in->lang, group);
	if (term_tokens_build(stemmers, in->text, in->lang, &terms, &err) < 0) {
		render_error(out, &err);
	} else {
		for (size_t i = 0; i < terms.count; i++) {
			const struct term_token *t = &terms.items[i];

			snprintf(buf, sizeof buf, "%d@%d-%d%s%s ",
				 (int)t->kind, (int)t->byte_start,
				 (int)t->byte_end, t->is_content ? "c" : "",
				 t->joined ? "j" : "");
			strbuf_addstr(out, buf);
			strbuf_addstr(out, t->fold);
			strbuf_addch(out, '>');
			strbuf_addstr(out, t->key);
			snprintf(buf, sizeof buf, "#%" PRId64 " | ",
				 suggest_index_unigram_key(group, t->key));
			strbuf_addstr(out, buf);
		}
	}
	term_tokens_clear(&terms);
}

static void
render_sentences(struct strbuf *out, const struct input *in)
{
	struct text_spans spans = { 0 };
	struct tmg_error err = { 0 };
	char buf[64];

	if (text_sentences(in->text, in->lang, &spans, &err) < 0) {
		render_error(out, &err);
	} else {
		for (size_t i = 0; i < spans.count; i++) {
			const struct text_span *t = &spans.items[i];

			snprintf(buf, sizeof buf, "%d@%d-%d:%d-%d | ",
				 (int)t->paragraph, (int)t->start,
				 (int)t->end, (int)t->byte_start,
				 (int)t->byte_end);
			strbuf_addstr(out, buf);
		}
	}
	text_spans_clear(&spans);
}

/* What job `job` gives, as a string (malloc'd). */
static char *
run_job(size_t job, struct term_stemmers *stemmers)
{
	const struct input *in = &inputs[job / JOB_KINDS];
	struct strbuf out = { 0 };

	switch ((enum job_kind)(job % JOB_KINDS)) {
	case JOB_TOKENS_PLAIN:
		render_tokens(&out, in, TOKENS_MATCH, 0);
		break;
	case JOB_TOKENS_INDEX:
		render_tokens(&out, in, TOKENS_MATCH, SEGMENT_INDEX_FLAGS);
		break;
	case JOB_TOKENS_SCORE:
		render_tokens(&out, in, TOKENS_MATCH, SEGMENT_SCORE_FLAGS);
		break;
	case JOB_WORDS_PLAIN:
		render_tokens(&out, in, TOKENS_WORDS, 0);
		break;
	case JOB_WORDS_INDEX:
		render_tokens(&out, in, TOKENS_WORDS, SEGMENT_INDEX_FLAGS);
		break;
	case JOB_KEY_PLAIN:
		render_key(&out, in, 0);
		break;
	case JOB_KEY_INDEX:
		render_key(&out, in, SEGMENT_INDEX_FLAGS);
		break;
	case JOB_SEGMENT_INDEX:
		render_segment(&out, in, SEGMENT_INDEX_FLAGS);
		break;
	case JOB_SEGMENT_SCORE:
		render_segment(&out, in, SEGMENT_SCORE_FLAGS);
		break;
	case JOB_TERMS:
		render_terms(&out, stemmers, in);
		break;
	case JOB_SENTENCES:
		render_sentences(&out, in);
		break;
	case JOB_KINDS:
		break;
	}
	strbuf_addch(&out, '\0'); /* an empty result is still a string */
	return strbuf_detach(&out);
}

static char *expected[NJOBS];
static long rounds = 40;
static pthread_barrier_t all_started; /* the threads start together */

struct worker {
	pthread_t thread;
	int index, nthreads;
	int release_half_way; /* text_cleanup() after half the rounds */
	long jobs_run, mismatches;
	size_t first_bad;       /* the job of the first mismatch */
	char *first_got;        /* what it gave (owned) */
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct term_stemmers *stemmers = term_tokens_stemmers_new();
	/* each thread starts elsewhere and walks the jobs with its own
	 * stride, so different texts and flags meet at the same moment */
	size_t at = (size_t)w->index * NJOBS / (size_t)w->nthreads;
	size_t stride = (size_t)(2 * w->index + 1);

	while (NJOBS % stride == 0 && stride > 1)
		stride += 2;
	pthread_barrier_wait(&all_started);
	for (long r = 0; r < rounds; r++) {
		if (w->release_half_way && r == rounds / 2)
			text_cleanup();
		for (size_t k = 0; k < NJOBS; k++) {
			size_t job = (at + k * stride) % NJOBS;
			char *got = run_job(job, stemmers);

			w->jobs_run++;
			if (strcmp(got, expected[job]) != 0) {
				if (w->mismatches++ == 0) {
					w->first_bad = job;
					w->first_got = got;
					got = NULL;
				}
			}
			free(got);
		}
		at = (at + 7) % NJOBS;
	}
	term_tokens_stemmers_free(stemmers);
	return NULL;
}

static void
run_threads(int nthreads)
{
	struct worker *workers = xcalloc((size_t)nthreads, sizeof *workers);
	int started = 0;

	pthread_barrier_init(&all_started, NULL, (unsigned)nthreads);
	for (int i = 0; i < nthreads; i++) {
		workers[i].index = i;
		workers[i].nthreads = nthreads;
		workers[i].release_half_way = i == 1;
		if (pthread_create(&workers[i].thread, NULL, work,
				   &workers[i]) != 0) {
			ok(0, "start thread %d", i);
			exit(1); /* the others wait for it at the barrier */
		}
		started++;
	}
	for (int i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
	pthread_barrier_destroy(&all_started);
	for (int i = 0; i < started; i++) {
		struct worker *w = &workers[i];

		ok(w->mismatches == 0 && w->jobs_run == rounds * (long)NJOBS,
		   "%d threads: thread %d ran %ld jobs, all as one thread "
		   "alone%s", nthreads, i, w->jobs_run,
		   w->release_half_way ? " (text_cleanup() half-way)" : "");
		if (w->mismatches) {
			diag("%ld mismatches; the first: %s of input %zu",
			     w->mismatches, job_names[w->first_bad % JOB_KINDS],
			     w->first_bad / JOB_KINDS);
			diag("     got: %s", w->first_got);
			diag("expected: %s", expected[w->first_bad]);
		}
		free(w->first_got);
	}
	free(workers);
}

/* A thread that tokenises once and ends: its objects go with it (the
 * sanitizer build reports a leak otherwise). */
static void *
tokenize_once(void *arg)
{
	char **got = arg;

	*got = run_job(JOB_TOKENS_INDEX + JOB_KINDS * 9, NULL);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct term_stemmers *stemmers = term_tokens_stemmers_new();
	int nthreads = 4, distinct = 1;
	pthread_t thread;
	char *got = NULL;

	if (argc > 1)
		rounds = atol(argv[1]);
	if (argc > 2)
		nthreads = atoi(argv[2]);
	if (rounds < 2 || nthreads < 2) {
		fputs("usage: text-threads-test [ROUNDS>1 [THREADS>1]]\n",
		      stderr);
		return 2;
	}
	/* one thread alone: the results every thread must give */
	for (size_t job = 0; job < NJOBS; job++)
		expected[job] = run_job(job, stemmers);
	term_tokens_stemmers_free(stemmers);
	/* the jobs must tell the flags apart, or equal results would prove
	 * little */
	distinct &= strcmp(expected[JOB_TOKENS_PLAIN + JOB_KINDS * 9],
			   expected[JOB_TOKENS_INDEX + JOB_KINDS * 9]) != 0;
	distinct &= strcmp(expected[JOB_TOKENS_PLAIN + JOB_KINDS * 6],
			   expected[JOB_TOKENS_INDEX + JOB_KINDS * 6]) != 0;
	distinct &= strcmp(expected[JOB_TOKENS_PLAIN + JOB_KINDS * 8],
			   expected[JOB_WORDS_PLAIN + JOB_KINDS * 8]) != 0;
	distinct &= strncmp(expected[JOB_KEY_PLAIN + JOB_KINDS * 15],
			    "!error", 6) == 0;
	ok(distinct, "the reference results differ where the flags and "
	   "modes do");
	is_str(expected[JOB_KEY_INDEX + JOB_KINDS * 9],
	       "类脑智能与人工智慧,我们在台北。",
	       "reference: the index key folds Traditional Chinese");

	if (pthread_create(&thread, NULL, tokenize_once, &got) == 0) {
		pthread_join(thread, NULL);
		is_str(got, expected[JOB_TOKENS_INDEX + JOB_KINDS * 9],
		       "a thread that tokenises once and ends");
	} else {
		ok(0, "start a thread");
	}
	free(got);

	run_threads(2);
	run_threads(nthreads);

	for (size_t job = 0; job < NJOBS; job++)
		free(expected[job]);
	text_cleanup();
	return done_testing();
}
