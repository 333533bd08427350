/*
 * term-tokens.c -- the term tokens of term statistics: what the translation
 * index (index/suggest-index.c), term suggestion and glossary extraction
 * (search/) count, find and pair.
 *
 * A term token is a token of text_tokenize() (TOKENS_MATCH: Han characters
 * one by one) with a key: the token's matching key (NFKC, case folded;
 * accents kept) with, in French, the endings of number and gender folded
 * (french_inflection_key()), in other languages stemmed with Snowball when
 * it has a stemmer.  A glued hyphen joins its neighbours; a menu mnemonic
 * (_Fichier, &Fichier) is no part of its word.
 *
 * Why French has two recipes.  Glossary recognition (termkey.c) stems with
 * Snowball and folds accents: a term must be found in a text whatever its
 * inflection or derivation and however the text is accented, and a broad
 * merge costs little, since the translator sees the entry and judges.
 * Term statistics cannot merge so broadly: Snowball cuts "utilisateur",
 * "utiliser" and "utilisation" to one stem, which pooled the units of all
 * three and let 使用 outrank 用户 as the translation of "utilisateur".  So
 * here only inflection is folded (plural, feminine), derivation is left
 * apart, and accents stay (été and ete are different words to count).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/stemmer.h"

#include "base/error.h"
#include "base/xalloc.h"
#include "text/text.h"

/*
 * The Snowball stemmers made so far, one per language group.  Not shared
 * between threads: a stemmer keeps the word being stemmed in itself, so
 * a `struct term_stemmers` is used by one thread at a time (each
 * suggest_index and each extraction has its own; a worker thread makes its
 * own with term_tokens_stemmers_new()).  libstemmer keeps no process-wide
 * state.
 */
#define MAX_STEMMERS 8

struct term_stemmers {
	struct {
		char group[16];
		struct sb_stemmer *stemmer; /* NULL: no stemmer for it */
	} items[MAX_STEMMERS];
	size_t count;
	/* kept from text to text: the text's tokens, and where each term
	 * token's fold and key start in the pool while it grows */
	struct text_tokens toks;
	size_t *at;
	size_t at_alloc;
};

struct term_stemmers *
term_tokens_stemmers_new(void)
{
	return xcalloc(1, sizeof(struct term_stemmers));
}

void
term_tokens_stemmers_free(struct term_stemmers *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->count; i++)
		if (s->items[i].stemmer)
			stemmer_delete(s->items[i].stemmer);
	text_tokens_clear(&s->toks);
	free(s->at);
	free(s);
}

static struct sb_stemmer *
stemmer_for(struct term_stemmers *s, const char *group)
{
	struct sb_stemmer *stemmer;

	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].group, group) == 0)
			return s->items[i].stemmer;
	/* Snowball knows ISO 639-1 codes as names ("fr", "de", "en") */
	stemmer = group[0] ? stemmer_new(group) : NULL;
	if (s->count < MAX_STEMMERS) {
		snprintf(s->items[s->count].group, 16, "%s", group);
		s->items[s->count++].stemmer = stemmer;
	} else if (stemmer) {
		/* no room to keep it: use the previous slot */
		stemmer_delete(s->items[MAX_STEMMERS - 1].stemmer);
		snprintf(s->items[MAX_STEMMERS - 1].group, 16, "%s", group);
		s->items[MAX_STEMMERS - 1].stemmer = stemmer;
	}
	return stemmer;
}

static int
is_hyphen(const char *s, size_t n)
{
	return (n == 1 && s[0] == '-') ||
	       (n == 3 && memcmp(s, "\xe2\x80\x90", 3) == 0) || /* U+2010 */
	       (n == 3 && memcmp(s, "\xe2\x80\x91", 3) == 0);   /* U+2011 */
}

/* Free the strings of tokens items[from .. count) unless they are in the
 * pool, and drop the tokens. */
static void
truncate_tokens(struct term_tokens *t, size_t from)
{
	for (size_t i = from; i < t->count && !t->pooled; i++) {
		free(t->items[i].key);
		free(t->items[i].fold);
	}
	t->count = from;
}

void
term_tokens_clear(struct term_tokens *t)
{
	truncate_tokens(t, 0);
	free(t->items);
	free(t->pool);
	memset(t, 0, sizeof *t);
}

size_t
term_tokens_trim(struct term_tokens *t)
{
	size_t first = 0, end = t->count;

	while (end > 0 && !t->items[end - 1].is_content)
		end--;
	while (first < end && !t->items[first].is_content)
		first++;
	truncate_tokens(t, end);
	if (first > 0) {
		struct term_tokens head = { t->items, first, first, NULL, 0, 0,
					    t->pooled };

		truncate_tokens(&head, 0);
		memmove(t->items, t->items + first,
			(t->count - first) * sizeof *t->items);
		t->count -= first;
	}
	return t->count;
}

static struct term_token *
add_token(struct term_tokens *t)
{
	ALLOC_GROW(t->items, t->count + 1, t->alloc);
	memset(&t->items[t->count], 0, sizeof *t->items);
	return &t->items[t->count++];
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/*
 * The French key of a case-folded word: its inflections (number and
 * gender) folded, its derivations left apart.  Snowball's stemmer, used
 * before, cut "utilisateur", "utiliser" and "utilisation" to one stem,
 * which made the units of "utilisateur" those of every form of "utiliser"
 * and let 使用 outrank 用户.  Here only endings of inflection go, in this
 * order: the plural (-eaux, -eux, -oux -> drop the x; -aux -> -al; a final
 * -s unless the word ends in -ss or is short), then the feminine (-trice ->
 * -teur, -euse -> -eur, -ive -> -if, -elle -> -el, -enne -> -en, -ère ->
 * -er, and a final -e after a vowel or a consonant: "incarnée" ->
 * "incarné", "grande" -> "grand", "page" -> "pag").  The key is never
 * shown: only equal keys matter, so "page"/"pages" and "grand"/"grandes"
 * agree, at the price of rare merges such as "port"/"porte".
 */
static size_t
french_inflection_key(char *key, size_t n)
{
	/* every rule shortens the word: in place */
	if (n <= 3)
		return n;
	/* the plural */
	if (ends_with(key, n, "eaux") || ends_with(key, n, "eux") ||
	    ends_with(key, n, "oux")) {
		n--;
	} else if (ends_with(key, n, "aux") && n > 4) {
		n--;
		key[n - 1] = 'l';
	} else if (key[n - 1] == 's' && !ends_with(key, n, "ss")) {
		n--;
	}
	/* the feminine */
	if (ends_with(key, n, "trice") && n > 6) {
		memcpy(key + n - 5, "teur", 4);
		n--;
	} else if (ends_with(key, n, "euse") && n > 5) {
		key[n - 2] = 'r';
		n--;
	} else if (ends_with(key, n, "ive") && n > 4) {
		key[n - 2] = 'f';
		n--;
	} else if ((ends_with(key, n, "elle") || ends_with(key, n, "enne")) &&
		   n > 5) {
		n -= 2;
	} else if (ends_with(key, n, "\xc3\xa8re") && n > 5) {
		memcpy(key + n - 4, "er", 2); /* è is two bytes */
		n -= 2;
	} else if (n > 3 && key[n - 1] == 'e') {
		n--;
	}
	key[n] = '\0';
	return n;
}

/* Room for `n` more bytes in the pool; returns where they go. */
static char *
pool_room(struct term_tokens *t, size_t n)
{
	ALLOC_GROW(t->pool, t->pool_len + n, t->pool_alloc);
	return t->pool + t->pool_len;
}

/* s[0..n) and a NUL at the end of the pool; returns its offset. */
static size_t
pool_add(struct term_tokens *t, const char *s, size_t n)
{
	char *to = pool_room(t, n + 1);
	size_t at = t->pool_len;

	memcpy(to, s, n);
	to[n] = '\0';
	t->pool_len += n + 1;
	return at;
}

int
term_tokens_build(struct term_stemmers *stemmers, const char *utf8,
		  const char *lang, struct term_tokens *out,
		  struct tmg_error *err)
{
	struct text_tokens *toks = &stemmers->toks;
	struct sb_stemmer *stemmer;
	char group[16];
	int french;

	truncate_tokens(out, 0);
	out->pooled = 1;
	out->pool_len = 0;
	lang_group(lang, group);
	french = strcmp(group, "fr") == 0;
	stemmer = stemmer_for(stemmers, group);
	if (text_tokenize(utf8, lang, TOKENS_MATCH, 0, toks, err) < 0)
		return -1;
	ALLOC_GROW(stemmers->at, 2 * toks->count, stemmers->at_alloc);
	for (size_t i = 0; i < toks->count; i++) {
		const struct text_token *tk = &toks->items[i];
		struct term_token *t;
		int content = tk->kind == TOKEN_WORD ||
			      tk->kind == TOKEN_NUMBER || tk->kind == TOKEN_HAN;
		const char *fold = tk->key;
		size_t fold_len, *at;

		/* a hyphen glued to two content tokens joins them */
		if (tk->kind == TOKEN_PUNCT && out->count > 0 &&
		    i + 1 < toks->count &&
		    is_hyphen(utf8 + tk->byte_start,
			      (size_t)(tk->byte_end - tk->byte_start)) &&
		    out->items[out->count - 1].is_content &&
		    out->items[out->count - 1].byte_end == tk->byte_start &&
		    toks->items[i + 1].byte_start == tk->byte_end &&
		    (toks->items[i + 1].kind == TOKEN_WORD ||
		     toks->items[i + 1].kind == TOKEN_NUMBER ||
		     toks->items[i + 1].kind == TOKEN_HAN))
			continue;
		at = &stemmers->at[2 * out->count];
		t = add_token(out);
		t->kind = tk->kind;
		t->byte_start = tk->byte_start;
		t->byte_end = tk->byte_end;
		t->is_content = content;
		/* a menu mnemonic (GTK "_Fichier", KDE "&Fichier") is no
		 * part of the word */
		if (tk->kind == TOKEN_WORD && (fold[0] == '_' ||
					       fold[0] == '&') &&
		    fold[1] != '\0' && tk->byte_end - tk->byte_start > 1) {
			t->byte_start++;
			fold++;
		}
		/* the fold, then the key (pointers once the pool stops
		 * moving) */
		fold_len = strlen(fold);
		at[0] = pool_add(out, fold, fold_len);
		if (tk->kind == TOKEN_WORD && french) {
			at[1] = pool_add(out, fold, fold_len);
			out->pool_len = at[1] + french_inflection_key(
				out->pool + at[1], fold_len) + 1;
		} else if (tk->kind == TOKEN_WORD && stemmer) {
			const sb_symbol *stem = stemmer_stem(stemmer,
				(const sb_symbol *)fold, (int)fold_len);
			if (stem == NULL) /* Snowball's only failure */
				xalloc_die();
			at[1] = pool_add(out, (const char *)stem,
					 (size_t)stemmer_length(stemmer));
		} else {
			at[1] = at[0]; /* the same string */
		}
	}
	for (size_t i = 0; i < out->count; i++) {
		out->items[i].fold = out->pool + stemmers->at[2 * i];
		out->items[i].key = out->pool + stemmers->at[2 * i + 1];
	}
	/* content tokens are adjacent unless punctuation stands between */
	for (size_t i = 0; i + 1 < out->count; i++)
		out->items[i].joined = out->items[i].is_content &&
				       out->items[i + 1].is_content;
	return 0;
}
