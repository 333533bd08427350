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
 *
 * ICU leaves a character the dictionary cannot place as a word of its
 * own; one that is no stop character (a bound character) is most often
 * the rest of a word the dictionary does not know or cut wrongly (实验|室
 * of 实验室, 具|身 of 具身智能, 首|款 of 首款).  The boundaries that glue it
 * to the only side it can belong to are not trusted (trusted_boundary()),
 * and it is no candidate alone: "拥有全国重点实验" before 室, "前瞻布局具"
 * before 身, "全球首" before 款 or 个 are not aligned.
 *
 * Candidates are phrases, not sentences: at most MAX_CONTENT words that
 * are not stop words (MAX_WORDS tokens in all) (MAX_HAN_WORDS of ICU's words in Han text), at most
 * MAX_INNER_STOPS stop words inside ("mot de passe"; none in Han text,
 * where 的, 和 or 将 inside make a clause: "全球影响力的人工"), and no
 * number inside a candidate of several tokens ("Beijing abrite 21
 * laboratoires", "新增算力8620P").  Punctuation already ends a run.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "text/text.h"

#define MAX_WORDS 6
#define MAX_HAN 8
#define MAX_CONTENT 3
#define MAX_INNER_STOPS 2
#define MAX_HAN_WORDS 4

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
	int32_t *starts, *ends;   /* sorted: the trusted boundaries */
	size_t n, nends;
	int32_t *single_starts;   /* one-character words */
	size_t nsingle;
	int32_t *word_starts;     /* every word, for counting words */
	size_t nwords;
	int32_t *bound_starts;    /* bound_character() words */
	size_t nbound;
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

/* Is ICU's word `w` one Han character that is no stop character, most
 * often the rest of a word cut wrongly (see the top of this file)? */
static int
bound_character(const char *text, const char *lang,
		const struct text_token *w)
{
	char c[8];
	size_t n = (size_t)(w->byte_end - w->byte_start);

	if (w->kind != TOKEN_HAN || w->end - w->start != 1 || n >= sizeof c)
		return 0;
	memcpy(c, text + w->byte_start, n);
	c[n] = '\0';
	return !term_ngrams_is_stop_word(lang, c);
}

/* Is ICU's word `w` one Han character? */
static int
single_han(const struct text_token *w)
{
	return w->kind == TOKEN_HAN && w->end - w->start == 1;
}

/* Is ICU's word `w` the classifier 个, which a run of bound characters
 * takes although it is a stop character (首|个 of 全球首个)? */
static int
classifier(const char *text, const struct text_token *w)
{
	return w->byte_end - w->byte_start == 3 &&
	       memcmp(text + w->byte_start, "\xe4\xb8\xaa", 3) == 0;
}

/*
 * Is the boundary between ICU's words i-1 and i (adjacent) trusted?  Not
 * between the first two of a run of bound characters (具|身, 首|款, 多|模,
 * and 首|个; another stop character is no part of a run: 文件|夹|为; further
 * in the run anything goes: 多模态|大模型; and a measure word after a
 * number is not bound to what follows: 132款|大模型); nor before a bound
 * character that a number, a Latin word or punctuation follows (实验|室
 * before 21 or a comma; at the very end of the text it may be a word of
 * its own); nor after one that nothing but punctuation precedes; nor
 * between a number and the bound character after it, its measure word
 * (21|家 of 21家人工智能实验室: no candidate starts with 家).  A bound
 * character between two longer words (颠覆|性|技术, 促进|大|模型) may go
 * either way: both boundaries stay.
 */
static int
trusted_boundary(const char *text, const char *lang,
		 const struct text_tokens *words, size_t i)
{
	const struct text_token *l = &words->items[i - 1];
	const struct text_token *r = &words->items[i];
	const struct text_token *ll = i >= 2 ? l - 1 : NULL;
	const struct text_token *rr = i + 1 < words->count ? r + 1 : NULL;
	int lb = bound_character(text, lang, l);
	int rb = bound_character(text, lang, r);

	if (rb && l->kind == TOKEN_NUMBER)
		return 0; /* the number's measure word: 21家, 132款 */
	if (lb && (rb || classifier(text, r)) &&
	    !(ll && ll->byte_end == l->byte_start &&
	      (ll->kind == TOKEN_NUMBER ||
	       bound_character(text, lang, ll))))
		return 0;
	if (rb && rr && !(rr->byte_start == r->byte_end &&
			  rr->kind == TOKEN_HAN))
		return 0;
	if (lb && !(ll && ll->byte_end == l->byte_start &&
		    ll->kind != TOKEN_PUNCT))
		return 0;
	return 1;
}

/* The trusted word boundaries of ICU's words `words` of `text`. */
static void
mark_words(const char *text, const char *lang,
	   const struct text_tokens *words, struct word_marks *marks)
{
	size_t n = words->count + 1;

	marks->starts = xreallocarray(NULL, n, sizeof(int32_t));
	marks->ends = xreallocarray(NULL, n, sizeof(int32_t));
	marks->single_starts = xreallocarray(NULL, n, sizeof(int32_t));
	marks->word_starts = xreallocarray(NULL, n, sizeof(int32_t));
	marks->bound_starts = xreallocarray(NULL, n, sizeof(int32_t));
	for (size_t i = 0; i < words->count; i++) {
		const struct text_token *w = &words->items[i];
		int after_prev = i > 0 &&
				 w[-1].byte_end == w->byte_start;
		int before_next = i + 1 < words->count &&
				  w[1].byte_start == w->byte_end;

		marks->word_starts[marks->nwords++] = w->byte_start;
		if (bound_character(text, lang, w))
			marks->bound_starts[marks->nbound++] = w->byte_start;
		if (!after_prev || trusted_boundary(text, lang, words, i))
			marks->starts[marks->n++] = w->byte_start;
		if (!before_next || trusted_boundary(text, lang, words, i + 1))
			marks->ends[marks->nends++] = w->byte_end;
		if (single_han(w))
			marks->single_starts[marks->nsingle++] =
				w->byte_start;
	}
}

/*
 * Is tokens[first .. last] a phrase rather than a clause (the top of this
 * file)?  Its edges have been checked already.
 */
static int
is_phrase(const char *lang, int han, const struct term_tokens *t,
	  size_t first, size_t last, const struct word_marks *marks)
{
	size_t content = 0, stops = 0;

	if (first == last)
		return 1;
	for (size_t i = first; i <= last; i++) {
		const struct term_token *tk = &t->items[i];

		if (tk->kind == TOKEN_NUMBER)
			return 0;
		if (han) {
			if (tk->kind == TOKEN_HAN &&
			    has_pos(marks->word_starts, marks->nwords,
				    tk->byte_start))
				content++;
			if (i > first && i < last &&
			    stop_edge(lang, han, t, i, marks))
				return 0;
		} else if (term_ngrams_is_stop_word(lang, tk->fold)) {
			stops++;
		} else {
			content++;
		}
	}
	if (han)
		return content <= MAX_HAN_WORDS;
	return content <= MAX_CONTENT && stops <= MAX_INNER_STOPS;
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
		mark_words(text, lang, &words, &marks);
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
			if (!is_phrase(lang, han, t, i, last, &marks))
				break; /* so is every longer run */
			add_ngram(out, text, t, i, n, !han ||
				  (has_pos(marks.starts, marks.n,
					   t->items[i].byte_start) &&
				   has_pos(marks.ends, marks.nends,
					   t->items[last].byte_end) &&
				   !(n == 1 && has_pos(marks.bound_starts,
						       marks.nbound,
						       t->items[i].byte_start))));
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
	free(marks.word_starts);
	free(marks.bound_starts);
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
