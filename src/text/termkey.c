/*
 * termkey.c -- the keys under which glossary terms are indexed and found.
 *
 * A term and a text go through the same steps, so that a term is found
 * exactly when its key tokens appear, adjacent and in order, in the text's:
 *   1. text_tokenize() in TOKENS_MATCH mode (Han characters one by one, so
 *      Chinese terms are matched on characters), keys case-folded and
 *      Traditional Chinese folded to Simplified (類腦智能 ~ 类脑智能);
 *   2. a French elided article or pronoun (l', d', qu' ... split off by the
 *      tokenizer) is dropped: "l'intelligence artificielle" holds the term
 *      "intelligence artificielle";
 *   3. a word in a language Snowball knows is stemmed, with its accents
 *      still on (Snowball's rules rely on them), then the stem loses its
 *      accents (TEXT_FOLD_ACCENTS), so "générales", "generale" and
 *      "Général" share a key;
 *   4. French only, what the stemmer leaves apart: a final -ux or -s it
 *      kept (jeux ~ jeu, pneus ~ pneu), -ail ~ -aux (travail ~ travaux), and a
 *      final -e left on a stem (incarnee ~ incarné, when the text has no
 *      accents); and what it folds too far: an agent noun in -ateur,
 *      -atrice (and their plurals) loses that ending to Snowball as its
 *      verb loses -er, so "utilisateur" and "utiliser" would share the
 *      stem "utilis"; the noun's key keeps a mark of its ending, so
 *      "utilisateurs", "utilisatrice" and "utilisateur" share a key, and
 *      "utiliser", "utilisé", "utilisation" another;
 *   5. the token's key is hashed (64-bit FNV-1a), and an n-gram of tokens
 *      by combining the hashes in order.
 * Punctuation and inline-tag tokens are kept (they never match a word), so
 * a term's words must be adjacent in the text.
 *
 * TERM_KEY_VERSION names this recipe; glossary.c stores it beside the index
 * and rebuilds the index when it changes.
 *
 * A keyer caches the key hash of every distinct token it has seen, so a
 * long text costs one stemmer call per distinct word.  Not thread-safe (the
 * stemmer and the cache are the keyer's own).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/stemmer.h"

#include "base/error.h"
#include "base/hash.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/text.h"

struct cache_slot {
	char *key;      /* the token's key from the tokenizer, or NULL */
	uint64_t hash;  /* its normalised key's hash */
	uint32_t seen;  /* the key's own hash (its low bits), compared
			   before the key */
	uint32_t len;   /* its length */
};

struct term_keyer {
	char lang[TMG_LANG_MAX];
	int french;
	struct sb_stemmer *stemmer;  /* NULL when Snowball has no stemmer */
	struct cache_slot *slots;
	size_t nslots, used;
	struct text_tokens tokens;
	struct strbuf scratch;
};

uint64_t
term_key_ngram_extend(uint64_t h, uint64_t token_hash)
{
	unsigned char bytes[8];

	/* the whole token hash, low byte first whatever the machine's byte
	 * order, so the key does not depend on it */
	for (int b = 0; b < 8; b++)
		bytes[b] = (unsigned char)(token_hash >> (8 * b));
	return hash_fnv1a(h, bytes, sizeof bytes);
}

uint64_t
term_key_ngram_hash(const struct term_key_tokens *tokens, size_t first,
		    size_t n)
{
	uint64_t h = TERM_KEY_NGRAM_EMPTY;

	for (size_t i = first; i < first + n; i++)
		h = term_key_ngram_extend(h, tokens->items[i].hash);
	return h;
}

struct term_keyer *
term_keyer_new(const char *lang, struct tmg_error *err)
{
	struct term_keyer *k = xcalloc(1, sizeof *k);
	char base[16];
	size_t n;

	snprintf(k->lang, sizeof k->lang, "%s", lang ? lang : "");
	n = strcspn(k->lang, "-_");
	snprintf(base, sizeof base, "%.*s", (int)(n < 15 ? n : 15), k->lang);
	k->french = strcmp(base, "fr") == 0;
	/* Chinese and Japanese are matched on characters: no stemmer */
	if (base[0] && strcmp(base, "zh") != 0 && strcmp(base, "ja") != 0)
		k->stemmer = stemmer_new(base);
	k->nslots = 1024;
	k->slots = xcalloc(k->nslots, sizeof *k->slots);
	(void)err;
	return k;
}

void
term_keyer_free(struct term_keyer *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->nslots; i++)
		free(k->slots[i].key);
	free(k->slots);
	if (k->stemmer)
		stemmer_delete(k->stemmer);
	text_tokens_clear(&k->tokens);
	free(k->tokens.items);
	strbuf_release(&k->scratch);
	free(k);
}

void
term_key_tokens_clear(struct term_key_tokens *tokens)
{
	free(tokens->items);
	memset(tokens, 0, sizeof *tokens);
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* French endings the stemmer leaves apart (on an accent-free stem). */
static void
french_extras(struct strbuf *sb)
{
	if (sb->len > 3 && ends_with(sb->buf, sb->len, "ail")) {
		/* travail ~ travaux (Snowball: traval) */
		sb->buf[sb->len - 2] = 'l';
		sb->buf[--sb->len] = '\0';
	}
	/* jeux ~ jeu, bijoux ~ bijou, pneus ~ pneu; not IAGX ~ IAG */
	if ((sb->len > 3 && sb->buf[sb->len - 1] == 'x' &&
	     sb->buf[sb->len - 2] == 'u') ||
	    (sb->len > 2 && sb->buf[sb->len - 1] == 's'))
		sb->buf[--sb->len] = '\0';
	if (sb->len > 3 && sb->buf[sb->len - 1] == 'e')
		sb->buf[--sb->len] = '\0';   /* incarnee ~ incarn */
}

/* Is `key` (case folded, accents on) a French agent noun in -ateur or
 * -atrice, singular or plural?  (See step 4 above.) */
static int
is_agent_noun(const char *key)
{
	static const char *const endings[] = { "ateur", "ateurs", "atrice",
					       "atrices" };
	size_t n = strlen(key);

	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++)
		if (n > strlen(endings[i]) + 1 &&
		    ends_with(key, n, endings[i]))
			return 1;
	return 0;
}

static int
is_word_char_key(const char *key)
{
	/* an elided article keeps its apostrophe in the key: "l'" */
	size_t n = strlen(key);

	return n > 0 && key[n - 1] == '\'';
}

/* The hash of a token's normalised key (steps 3-5 above). */
static int
normalise(struct term_keyer *k, const struct text_token *token,
	  uint64_t *hash, struct tmg_error *err)
{
	const char *key = token->key ? token->key : "";
	char *folded;

	if (token->kind != TOKEN_WORD) {
		/* a kind prefix keeps "1" the number apart from "1" the word */
		*hash = hash_fnv1a_str(HASH_FNV_OFFSET ^
				       (uint64_t)token->kind, key);
		return 0;
	}
	strbuf_reset(&k->scratch);
	if (k->stemmer) {
		const sb_symbol *stem = stemmer_stem(
			k->stemmer, (const sb_symbol *)key, (int)strlen(key));
		if (stem == NULL) /* Snowball's only failure */
			xalloc_die();
		strbuf_add(&k->scratch, (const char *)stem,
			   (size_t)stemmer_length(k->stemmer));
	} else {
		strbuf_addstr(&k->scratch, key);
	}
	folded = text_key(k->scratch.buf, TEXT_FOLD_ACCENTS, err);
	if (folded == NULL)
		return -1;
	strbuf_reset(&k->scratch);
	strbuf_addstr(&k->scratch, folded);
	free(folded);
	if (k->french) {
		french_extras(&k->scratch);
		if (is_agent_noun(key))
			strbuf_addstr(&k->scratch, "\x1f" "ateur");
	}
	*hash = hash_fnv1a(HASH_FNV_OFFSET ^ (uint64_t)TOKEN_WORD,
			   k->scratch.buf, k->scratch.len);
	return 0;
}

static void
cache_grow(struct term_keyer *k)
{
	struct cache_slot *old = k->slots;
	size_t nold = k->nslots;

	k->nslots *= 2;
	k->slots = xcalloc(k->nslots, sizeof *k->slots);
	for (size_t i = 0; i < nold; i++) {
		size_t j;
		if (old[i].key == NULL)
			continue;
		j = old[i].seen & (k->nslots - 1);
		while (k->slots[j].key)
			j = (j + 1) & (k->nslots - 1);
		k->slots[j] = old[i];
	}
	free(old);
}

/* The cached hash of a word token, computing it on first sight. */
static int
word_hash(struct term_keyer *k, const struct text_token *token,
	  uint64_t *hash, struct tmg_error *err)
{
	const char *key = token->key ? token->key : "";
	uint64_t seen = HASH_FNV_OFFSET;
	size_t len = 0, j;

	/* the key's hash and length in one pass */
	for (; key[len]; len++) {
		seen ^= (unsigned char)key[len];
		seen *= HASH_FNV_PRIME;
	}
	j = seen & (k->nslots - 1);
	while (k->slots[j].key) {
		const struct cache_slot *slot = &k->slots[j];

		if (slot->seen == (uint32_t)seen && slot->len == len &&
		    memcmp(slot->key, key, len) == 0) {
			*hash = slot->hash;
			return 0;
		}
		j = (j + 1) & (k->nslots - 1);
	}
	if (normalise(k, token, hash, err) < 0)
		return -1;
	k->slots[j].key = xstrdup(key);
	k->slots[j].hash = *hash;
	k->slots[j].seen = (uint32_t)seen;
	k->slots[j].len = (uint32_t)len;
	if (++k->used * 2 > k->nslots)
		cache_grow(k);
	return 0;
}

int
term_keyer_tokens(struct term_keyer *k, const char *utf8,
		  struct term_key_tokens *out, struct tmg_error *err)
{
	out->count = 0;	/* the array is kept for the next text */
	if (text_tokenize(utf8, k->lang, TOKENS_MATCH, TEXT_FOLD_TRADITIONAL,
			  &k->tokens, err) < 0)
		return -1;
	for (size_t i = 0; i < k->tokens.count; i++) {
		const struct text_token *t = &k->tokens.items[i];
		struct term_key_token *o;
		uint64_t h;

		if (t->kind == TOKEN_WORD && t->key && is_word_char_key(t->key))
			continue; /* l', d', qu' ... */
		if (t->kind == TOKEN_WORD) {
			if (word_hash(k, t, &h, err) < 0)
				return -1;
		} else if (normalise(k, t, &h, err) < 0) {
			return -1;
		}
		ALLOC_GROW(out->items, out->count + 1, out->alloc);
		o = &out->items[out->count++];
		o->hash = h;
		o->start = t->start;
		o->end = t->end;
		o->byte_start = t->byte_start;
		o->byte_end = t->byte_end;
	}
	return 0;
}
