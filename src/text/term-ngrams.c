/*
 * term-ngrams.c -- the candidate terms of a text: runs of adjacent term
 * tokens (term-tokens.c) that neither begin nor end with a stop word of
 * the language, a number, a single Latin letter or punctuation.  Term
 * suggestion mines the target texts of a term's units for them, glossary
 * extraction counts them over the memory (search/suggest.c, extract.c).
 *
 * In Chinese and Japanese the tokens are Han characters, so the n-grams of
 * 1..MAX_HAN characters cover every word whatever ICU's dictionary makes
 * of it; an n-gram is marked `aligned` when it begins and ends on one of
 * ICU's word boundaries (it may span several words), and ICU's words
 * longer than MAX_HAN characters are added whole.  A Han stop character
 * stops an n-gram only where ICU makes it a word of its own (对 in 对文件,
 * not in 对话框).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "text/text.h"

#define MAX_WORDS 6
#define MAX_HAN 8

/* ----------------------------------------------------------- stop words */

/* Sorted by bytes (bsearch), case folded, apostrophes as ASCII ' (the
 * form of text_key). */
static const char *const french_stop_words[] = {
	"a", "afin", "ai", "aient", "ainsi", "alors", "as", "au",
	"aucun", "aucune", "auquel", "aussi", "autre", "autres", "aux",
	"auxquelles", "auxquels", "avait", "avant", "avec", "avez", "avoir",
	"avons", "c'", "ca", "car", "ce", "ceci", "cela", "celle", "celles",
	"celui", "cependant", "ces", "cet", "cette", "ceux", "chaque", "ci",
	"comme", "comment", "d'", "dans", "de", "depuis", "des", "desquelles",
	"desquels", "dont", "du", "duquel", "elle", "elles", "en", "entre",
	"est", "et", "etc", "eu", "eux", "faire", "fait", "il", "ils", "j'",
	"je", "jusqu'", "l'", "la", "laquelle", "le", "lequel", "les",
	"lesquelles", "lesquels", "leur", "leurs", "lorsqu'", "lorsque",
	"lui", "m'", "ma", "mais", "me", "mes", "moi", "mon", "même", "mêmes",
	"n'", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où",
	"par", "parce", "pas", "peu", "peut", "peuvent", "plus", "pour",
	"pourquoi", "puis", "puisqu'", "qu'", "quand", "que", "quel",
	"quelle", "quelles", "quels", "qui", "quoi", "s'", "sa", "sans", "se",
	"selon", "ses", "si", "sien", "sienne", "soit", "son", "sont", "sous",
	"sur", "t'", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute",
	"toutes", "très", "tu", "un", "une", "unes", "uns", "vers", "via",
	"vos", "votre", "vous", "y", "à", "ça", "ès", "été", "être",
};

static const char *const english_stop_words[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "been", "before", "being", "but", "by", "can", "could",
	"did", "do", "does", "each", "for", "from", "had", "has", "have",
	"he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its",
	"may", "more", "must", "my", "no", "not", "of", "on", "or", "our",
	"she", "should", "so", "some", "such", "than", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "those", "to",
	"too", "was", "we", "were", "what", "when", "where", "which", "while",
	"who", "will", "with", "would", "you", "your",
};

/*
 * Chinese function characters that do not begin or end a term when they
 * stand as a word of their own in ICU's segmentation (对 in 对文件 is one,
 * in 对话框 it is not).
 */
static const char *const chinese_stop_chars[] = {
	"与", "个", "为", "也", "了", "从", "以", "们", "但", "其", "及",
	"向", "吗", "呢", "和", "在", "对", "将", "就", "并", "或", "所",
	"把", "是", "此", "而", "被", "该", "这", "那", "都", "的", "着",
	"给", "您", "你", "我", "他", "她", "它", "之", "于", "由", "且",
	"若", "如", "则", "即", "已", "再", "又", "还", "很", "地", "得",
};

static int
compare_str_ptr(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

static int
in_list(const char *word, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) /* the Chinese list is not sorted */
		if (strcmp(word, list[i]) == 0)
			return 1;
	return 0;
}

#define NELEM(a) (sizeof (a) / sizeof *(a))

/* The stop words of each language group: sorted lists are searched by
 * bisection, the Chinese one (in reading order) from end to end. */
static const struct {
	const char *group;
	const char *const *words;
	size_t count;
	int sorted;
} stop_lists[] = {
	{ "fr", french_stop_words, NELEM(french_stop_words), 1 },
	{ "en", english_stop_words, NELEM(english_stop_words), 1 },
	{ "zh", chinese_stop_chars, NELEM(chinese_stop_chars), 0 },
	{ "ja", chinese_stop_chars, NELEM(chinese_stop_chars), 0 },
};

int
term_ngrams_is_stop_word(const char *lang, const char *word)
{
	char group[16];

	lang_group(lang, group);
	for (size_t i = 0; i < NELEM(stop_lists); i++) {
		if (strcmp(group, stop_lists[i].group) != 0)
			continue;
		if (stop_lists[i].sorted)
			return bsearch(word, stop_lists[i].words,
				       stop_lists[i].count,
				       sizeof *stop_lists[i].words,
				       compare_str_ptr) != NULL;
		return in_list(word, stop_lists[i].words,
			       stop_lists[i].count);
	}
	return 0;
}

static int
is_han_language(const char *lang)
{
	char group[16];

	lang_group(lang, group);
	return strcmp(group, "zh") == 0 || strcmp(group, "ja") == 0;
}

/* --------------------------------------------------------------- n-grams */

/* Empty `g`, keeping its array. */
static void
ngrams_reset(struct term_ngrams *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].key);
		free(g->items[i].form);
	}
	g->count = 0;
}

void
term_ngrams_clear(struct term_ngrams *g)
{
	ngrams_reset(g);
	free(g->items);
	memset(g, 0, sizeof *g);
}

static void
add_ngram(struct term_ngrams *g, const char *text,
	  const struct term_tokens *t, size_t first, size_t n, int aligned)
{
	struct term_ngram *ng;
	struct strbuf key = { 0 };

	for (size_t i = first; i < first + n; i++) {
		if (i > first)
			strbuf_addch(&key, '\x1f');
		strbuf_addstr(&key, t->items[i].key);
	}
	ALLOC_GROW(g->items, g->count + 1, g->alloc);
	ng = &g->items[g->count++];
	ng->key = strbuf_detach(&key);
	ng->byte_start = t->items[first].byte_start;
	ng->byte_end = t->items[first + n - 1].byte_end;
	ng->form = xstrndup(text + ng->byte_start,
			    (size_t)(ng->byte_end - ng->byte_start));
	ng->length = (int)n;
	ng->aligned = aligned;
}

/* Byte positions of ICU's dictionary words in a Han-language text. */
struct word_marks {
	int32_t *starts, *ends;   /* sorted */
	size_t n;
	int32_t *single_starts;   /* one-character words */
	size_t nsingle;
};

static int
has_pos(const int32_t *v, size_t n, int32_t pos)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == pos;
}

/* Is token i a stop word at the edge of a candidate? */
static int
stop_edge(const char *lang, int han, const struct term_tokens *t, size_t i,
	  const struct word_marks *marks)
{
	const struct term_token *tk = &t->items[i];

	if (tk->kind == TOKEN_NUMBER)
		return 1; /* numbers do not begin or end a term */
	if (tk->kind == TOKEN_WORD && tk->fold[0] && !tk->fold[1])
		return 1; /* nor does a single Latin letter ("fichier(s)") */
	if (!term_ngrams_is_stop_word(lang, tk->fold))
		return 0;
	if (han && tk->kind == TOKEN_HAN && marks)
		return has_pos(marks->single_starts, marks->nsingle,
			       tk->byte_start);
	return 1;
}

/* The n-grams of already tokenised text (text.h). */
int
term_ngrams_of_tokens(const char *text, const char *lang,
		      const struct term_tokens *t, int max_length,
		      struct term_ngrams *out, struct tmg_error *err)
{
	int han = is_han_language(lang);
	struct word_marks marks = { 0 };
	struct text_tokens words = { 0 };
	int ret = 0;

	ngrams_reset(out);
	if (max_length <= 0)
		max_length = han ? MAX_HAN : MAX_WORDS;
	if (han) {
		if (text_tokenize(text, lang, TOKENS_WORDS, 0, &words,
				  err) < 0)
			return -1;
		marks.starts = xreallocarray(NULL, words.count + 1,
					     sizeof(int32_t));
		marks.ends = xreallocarray(NULL, words.count + 1,
					   sizeof(int32_t));
		marks.single_starts = xreallocarray(NULL, words.count + 1,
						    sizeof(int32_t));
		for (size_t i = 0; i < words.count; i++) {
			const struct text_token *w = &words.items[i];
			marks.starts[marks.n] = w->byte_start;
			marks.ends[marks.n++] = w->byte_end;
			if (w->kind == TOKEN_HAN && w->end - w->start == 1)
				marks.single_starts[marks.nsingle++] =
					w->byte_start;
		}
	}
	for (size_t i = 0; i < t->count; i++) {
		if (!t->items[i].is_content ||
		    stop_edge(lang, han, t, i, &marks))
			continue;
		for (size_t n = 1; n <= (size_t)max_length && i + n <= t->count;
		     n++) {
			size_t last = i + n - 1;
			if (n > 1 && !t->items[last - 1].joined)
				break;
			if (stop_edge(lang, han, t, last, &marks))
				continue;
			add_ngram(out, text, t, i, n, !han ||
				  (has_pos(marks.starts, marks.n,
					   t->items[i].byte_start) &&
				   has_pos(marks.ends, marks.n,
					   t->items[last].byte_end)));
		}
	}
	/* ICU words longer than the n-grams (or crossing scripts) */
	for (size_t w = 0; han && w < words.count; w++) {
		const struct text_token *wt = &words.items[w];
		size_t first = t->count, last = t->count;

		if (wt->kind == TOKEN_PUNCT || wt->kind == TOKEN_TAG)
			continue;
		for (size_t i = 0; i < t->count; i++) {
			if (t->items[i].byte_start == wt->byte_start)
				first = i;
			if (t->items[i].byte_end == wt->byte_end)
				last = i;
		}
		if (first == t->count || last == t->count || last < first ||
		    last - first + 1 <= (size_t)max_length)
			continue;
		add_ngram(out, text, t, first, last - first + 1, 1);
	}
	free(marks.starts);
	free(marks.ends);
	free(marks.single_starts);
	text_tokens_clear(&words);
	return ret;
}

int
term_ngrams(const char *utf8, const char *lang, int max_length,
	    struct term_ngrams *out, struct tmg_error *err)
{
	struct term_stemmers *stemmers = term_tokens_stemmers_new();
	struct term_tokens tokens = { 0 };
	int ret = -1;

	if (term_tokens_build(stemmers, utf8, lang, &tokens, err) == 0)
		ret = term_ngrams_of_tokens(utf8, lang, &tokens, max_length,
					    out, err);
	term_tokens_clear(&tokens);
	term_tokens_stemmers_free(stemmers);
	return ret;
}
