/*
 * text.c -- matching keys and tokens: how the matcher and the glossary see
 * a piece of text.
 *
 * A key is the text NFKC-normalised and case-folded (ICU's NFKC_Casefold,
 * which also turns fullwidth forms into ASCII), with typographic
 * apostrophes (U+2019, U+02BC) read as ASCII ', and optionally:
 *   TEXT_FOLD_ACCENTS      combining marks U+0300-U+036F dropped, and the
 *                          ligatures œ, æ spelt oe, ae (incarnée ~ incarnee)
 *   TEXT_FOLD_TRADITIONAL  ICU's Traditional-Simplified transliterator
 *                          (類腦智能 ~ 类脑智能)
 * A number's key has no group separator: "8 620", "8 620" and "8620" have
 * the key "8620".
 *
 * Tokens come from ICU's word break iterator, then:
 *   - French: an elided article or pronoun (l' d' j' m' n' s' t' c' qu'
 *     jusqu' lorsqu' puisqu', with ' or ’) is split off its word;
 *     "aujourd'hui" is one word because "aujourd'" is not in the list;
 *   - numbers grouped by threes with a space, a no-break space (U+00A0), a
 *     thin space (U+2009) or a narrow no-break space (U+202F) are one token
 *     ("8 620"; "3,5" is already one for ICU);
 *   - Han: in TOKENS_MATCH mode one token per character (with its combining
 *     marks and variation selectors), without running ICU's dictionary; in
 *     TOKENS_WORDS mode ICU's dictionary words.  Latin letters and digits in
 *     Chinese text are tokens of their own ("CCI", "4.0", "64" "卡");
 *   - U+FFFC, the placeholder of an inline tag, is one TOKEN_TAG token;
 *   - white space is not a token.
 * Every token carries its offsets in the input, in code points and bytes.
 *
 * Threads: every function here may be called from several threads at
 * once.  What the layer keeps between calls (the break iterators, one per
 * base language; the transliterator; the scratch buffers; the key memo;
 * the Han folds; the recent texts' tokens) is in `cache`, one per thread
 * (_Thread_local), created on a thread's first call.  The normalisers are
 * ICU's immutable singletons, shared.  A thread's objects are freed when
 * the thread ends, by the destructor of a pthread key
 * (release_thread_cache); text_cleanup() frees the calling thread's
 * objects at once, and is how the main thread frees its own at exit (the
 * key's destructor does not run for it).  Results never depend on what a
 * cache holds: two threads given the same text give the same tokens.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/text-internal.h"
#include "text/text.h"

/* Word break iterators kept, one per base language. */
#define WORD_ITERATORS 8

/* What the Traditional-Simplified transliterator makes of one character
 * (0: empty slot). */
struct han_fold {
	UChar32 c;
	int32_t len;
	UChar folded[4];
};

/* A growable UTF-16 scratch buffer. */
struct ubuf {
	UChar *chars;
	int32_t len, cap;
};

/*
 * The keys of the short non-ASCII tokens last made (a key depends only on
 * the token's UTF-16, the flags and whether it is a number): Han
 * characters and accented words come back all the time, and their key
 * costs up to four ICU calls (the Traditional-Simplified transliterator,
 * NFD, NFC, NFKC_Casefold).  Open addressing over a byte arena; both are
 * emptied when either is full, so its size is fixed.
 */
#define MEMO_SLOTS 16384             /* a power of two */
#define MEMO_ARENA (1u << 20)
#define MEMO_MAX_UNITS 24            /* longer tokens are not kept */

struct key_memo_slot {
	uint64_t hash;     /* 0: free */
	uint32_t at;       /* in the arena: the UTF-16, then the key */
	uint16_t units;    /* UTF-16 units of the token */
	uint16_t key_len;  /* bytes of the key, without its NUL */
};

struct key_memo {
	struct key_memo_slot *slots;
	char *arena;
	size_t arena_used, used;
};

/*
 * The tokens of the last few texts tokenised, without their keys: the
 * import tokenises each variant once for the fuzzy index (keys with
 * Traditional and accents folded) and once for the suggestion index
 * (plain keys), and the word boundaries do not depend on the key flags.
 * A text seen again in the same language and mode only gets new keys,
 * made from the UTF-16 ranges the tokens' keys were made from.
 */
#define RECENT_TEXTS 4

struct recent_tokens {
	char *utf8;             /* the text (owned), NULL: empty entry */
	size_t utf8_len, utf8_alloc;
	char lang[TMG_LANG_MAX];
	enum tokenize_mode mode;
	struct text_token *items; /* keys not kept */
	struct key_range { int32_t start, end; } *ranges; /* UTF-16 */
	size_t count, alloc;
};

/* What a thread keeps between calls (see the comment at the top). */
struct text_cache {
	int registered;   /* its cleanup is registered (thread.c) */
	const UNormalizer2 *nfkc_cf, *nfd, *nfc;
	UTransliterator *trad_simp;
	int trad_simp_failed;
	struct {
		char lang[16];
		UBreakIterator *it;
	} words[WORD_ITERATORS];
	size_t nwords;
	struct ubuf a, b; /* scratch for keys */
	struct ubuf text; /* the text being tokenised, in UTF-16 */
	size_t *key_at;   /* offsets of the keys in text_tokens.keys */
	size_t key_at_alloc;
	struct han_fold *han;  /* one character's Simplified form, by code
				  point (open addressing; see fold_traditional) */
	size_t nhan, used_han;
	struct key_memo memo;
	struct key_range *key_range; /* of each token being made */
	size_t key_range_alloc;
	struct recent_tokens recent[RECENT_TEXTS];
	size_t recent_next;          /* the entry to replace next */
};

static _Thread_local struct text_cache cache;

/* ------------------------------------------------------------ helpers */

static void
ubuf_reserve(struct ubuf *b, int32_t cap)
{
	if (b->cap >= cap)
		return;
	b->chars = xreallocarray(b->chars, (size_t)cap, sizeof *b->chars);
	b->cap = cap;
}

long
text_invalid_utf8(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, n;

	if (len > INT32_MAX)
		len = INT32_MAX; /* callers check sizes; stay defined */
	n = (int32_t)len;
	while (i < n) {
		int32_t at = i;
		UChar32 c;

		if (p[i] < 0x80) {
			if (p[i] == 0)
				return at;
			i++;
			continue;
		}
		U8_NEXT(p, i, n, c);
		if (c < 0)
			return at;
	}
	return -1;
}

/* Convert into `buf` (grown as needed); see text_utf16_from_utf8(). */
static int
utf16_into(const char *utf8, struct ubuf *buf, struct tmg_error *err)
{
	size_t n = strlen(utf8);
	UErrorCode status = U_ZERO_ERROR;
	long bad;

	if (n >= INT32_MAX / 2) {
		tmg_error_set(err, NULL, 0, 0, "%s",
			      _("text too long (1 GiB at most)"));
		return -1;
	}
	/* UTF-16 never has more units than UTF-8 has bytes. */
	ubuf_reserve(buf, (int32_t)n + 1);
	u_strFromUTF8(buf->chars, buf->cap, &buf->len, utf8, (int32_t)n,
		      &status);
	if (U_FAILURE(status)) {
		/* ICU refuses what text_invalid_utf8 refuses: find where */
		bad = text_invalid_utf8(utf8, n);
		if (bad >= 0)
			tmg_error_set(err, NULL, 0, 0,
				      _("invalid UTF-8 at byte %ld (0x%02X)"),
				      bad, (unsigned)(unsigned char)utf8[bad]);
		else
			tmg_error_set(err, NULL, 0, 0,
				      _("invalid UTF-8 (%s)"),
				      u_errorName(status));
		buf->len = 0;
		return -1;
	}
	return 0;
}

int
text_utf16_from_utf8(const char *utf8, UChar **out, int32_t *len,
		     struct tmg_error *err)
{
	struct ubuf buf = { 0 };

	*out = NULL;
	*len = 0;
	if (utf16_into(utf8, &buf, err) < 0) {
		free(buf.chars);
		return -1;
	}
	*out = buf.chars;
	*len = buf.len;
	return 0;
}

void
offset_cursor_advance(struct offset_cursor *c, int32_t unit)
{
	const UChar *t = c->text;
	int32_t i = c->unit, point = c->point, byte = c->byte;

	while (i < unit) {
		UChar u = t[i];
		if (u < 0x80) {
			byte += 1;
			i++;
		} else if (u < 0x800) {
			byte += 2;
			i++;
		} else if (U16_IS_LEAD(u)) {
			byte += 4;
			i += 2;
		} else {
			byte += 3;
			i++;
		}
		point++;
	}
	c->unit = i;
	c->point = point;
	c->byte = byte;
}

int
text_is_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       (c >= 0x80 && (u_isUWhiteSpace(c) || c == 0xFEFF ||
			      c == 0x200B));
}

void
text_base_language(const char *lang, char *out, size_t size)
{
	size_t i = 0;

	if (size == 0)
		return;
	if (lang)
		for (; lang[i] && i + 1 < size; i++) {
			char c = lang[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c < 'a' || c > 'z')
				break;
			out[i] = c;
		}
	out[i] = '\0';
}

static int
is_french(const char *lang)
{
	char base[8];

	text_base_language(lang, base, sizeof base);
	return strcmp(base, "fr") == 0;
}

const char *
token_kind_name(enum token_kind kind)
{
	switch (kind) {
	case TOKEN_WORD: return "word";
	case TOKEN_NUMBER: return "number";
	case TOKEN_HAN: return "han";
	case TOKEN_PUNCT: return "punct";
	case TOKEN_TAG: return "tag";
	}
	return "?";
}

/* ------------------------------------------------------- ICU objects */

static int
load_normalizers(struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;

	if (cache.nfkc_cf)
		return 0;
	cache.nfd = unorm2_getNFDInstance(&status);
	cache.nfc = unorm2_getNFCInstance(&status);
	cache.nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
	if (U_FAILURE(status)) {
		cache.nfkc_cf = NULL;
		tmg_error_set(err, NULL, 0, 0,
			      _("ICU normalisation data missing (%s)"),
			      u_errorName(status));
		return -1;
	}
	return 0;
}

static UTransliterator *
trad_simp(struct tmg_error *err)
{
	static const UChar id[] = u"Traditional-Simplified";
	UErrorCode status = U_ZERO_ERROR;

	if (cache.trad_simp == NULL && !cache.trad_simp_failed) {
		cache.trad_simp = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0,
					       NULL, &status);
		if (U_FAILURE(status)) {
			cache.trad_simp = NULL;
			cache.trad_simp_failed = 1;
		}
	}
	if (cache.trad_simp == NULL)
		tmg_error_set(err, NULL, 0, 0, "%s",
			      _("ICU has no Traditional-Simplified "
				"transliterator"));
	return cache.trad_simp;
}

/* The word break iterator for the base language of `lang` (cached). */
static UBreakIterator *
word_iterator(const char *lang, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	char base[16];
	UBreakIterator *it;
	size_t slot;

	text_base_language(lang, base, sizeof base);
	for (size_t i = 0; i < cache.nwords; i++)
		if (strcmp(cache.words[i].lang, base) == 0)
			return cache.words[i].it;
	it = ubrk_open(UBRK_WORD, base[0] ? base : "root", NULL, 0, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot open ICU word break iterator for "
				"'%s' (%s)"), base, u_errorName(status));
		return NULL;
	}
	if (cache.nwords < WORD_ITERATORS) {
		slot = cache.nwords++;
	} else {
		slot = WORD_ITERATORS - 1; /* the newest guest gives way */
		ubrk_close(cache.words[slot].it);
	}
	memcpy(cache.words[slot].lang, base, sizeof base);
	cache.words[slot].it = it;
	return it;
}

/* Free the calling thread's cache (registered with thread.c). */
static void
text_cache_cleanup(void)
{
	for (size_t i = 0; i < cache.nwords; i++)
		ubrk_close(cache.words[i].it);
	cache.nwords = 0;
	if (cache.trad_simp)
		utrans_close(cache.trad_simp);
	cache.trad_simp = NULL;
	cache.trad_simp_failed = 0;
	free(cache.a.chars);
	free(cache.b.chars);
	free(cache.text.chars);
	free(cache.key_at);
	memset(&cache.a, 0, sizeof cache.a);
	memset(&cache.b, 0, sizeof cache.b);
	memset(&cache.text, 0, sizeof cache.text);
	cache.key_at = NULL;
	cache.key_at_alloc = 0;
	free(cache.han);
	cache.han = NULL;
	cache.nhan = cache.used_han = 0;
	free(cache.memo.slots);
	free(cache.memo.arena);
	memset(&cache.memo, 0, sizeof cache.memo);
	free(cache.key_range);
	cache.key_range = NULL;
	cache.key_range_alloc = 0;
	for (size_t i = 0; i < RECENT_TEXTS; i++) {
		free(cache.recent[i].utf8);
		free(cache.recent[i].items);
		free(cache.recent[i].ranges);
	}
	memset(cache.recent, 0, sizeof cache.recent);
	cache.recent_next = 0;
	cache.registered = 0;
}

/* --------------------------------------------------------------- keys */

static int
has_han_range(const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if ((s[i] >= 0x3400 && s[i] <= 0x9FFF) ||
		    (s[i] >= 0xF900 && s[i] <= 0xFAFF) || U16_IS_LEAD(s[i]))
			return 1;
	return 0;
}

/* Normalise src[0..n) with `norm` into `dst`. */
static int
normalize_into(const UNormalizer2 *norm, const UChar *src, int32_t n,
	       struct ubuf *dst, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t len;

	ubuf_reserve(dst, n + n / 2 + 16);
	len = unorm2_normalize(norm, src, n, dst->chars, dst->cap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		status = U_ZERO_ERROR;
		ubuf_reserve(dst, len + 1);
		len = unorm2_normalize(norm, src, n, dst->chars, dst->cap,
				       &status);
	}
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0, _("normalisation failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	dst->len = len;
	return 0;
}

/* cache.a holds a case-folded key: drop its accents (through cache.b). */
static int
fold_accents(struct tmg_error *err)
{
	int32_t j = 0;

	if (normalize_into(cache.nfd, cache.a.chars, cache.a.len, &cache.b,
			   err) < 0)
		return -1;
	/* œ and æ may become two letters: room for twice the length. */
	ubuf_reserve(&cache.a, cache.b.len * 2 + 1);
	for (int32_t i = 0; i < cache.b.len; i++) {
		UChar c = cache.b.chars[i];
		if (c >= 0x0300 && c <= 0x036F)
			continue;
		if (c == 0x0153) { /* œ */
			cache.a.chars[j++] = 'o';
			cache.a.chars[j++] = 'e';
		} else if (c == 0x00E6) { /* æ */
			cache.a.chars[j++] = 'a';
			cache.a.chars[j++] = 'e';
		} else {
			cache.a.chars[j++] = c;
		}
	}
	cache.a.len = j;
	if (normalize_into(cache.nfc, cache.a.chars, cache.a.len, &cache.b,
			   err) < 0)
		return -1;
	ubuf_reserve(&cache.a, cache.b.len + 1);
	memcpy(cache.a.chars, cache.b.chars, cache.b.len * sizeof(UChar));
	cache.a.len = cache.b.len;
	return 0;
}

/* The slot of `c` in cache.han: its fold, or the empty slot for it. */
static struct han_fold *
han_slot(UChar32 c)
{
	size_t j;

	if (cache.used_han * 2 >= cache.nhan) {
		struct han_fold *old = cache.han;
		size_t nold = cache.nhan;

		cache.nhan = nold ? 2 * nold : 1024;
		cache.han = xcalloc(cache.nhan, sizeof *cache.han);
		for (size_t i = 0; i < nold; i++) {
			if (old[i].c == 0)
				continue;
			j = ((size_t)old[i].c * 2654435761u) & (cache.nhan - 1);
			while (cache.han[j].c)
				j = (j + 1) & (cache.nhan - 1);
			cache.han[j] = old[i];
		}
		free(old);
	}
	j = ((size_t)c * 2654435761u) & (cache.nhan - 1);
	while (cache.han[j].c && cache.han[j].c != c)
		j = (j + 1) & (cache.nhan - 1);
	return &cache.han[j];
}

/*
 * cache.a: Traditional Chinese characters to Simplified, in place.  Han
 * characters come one token each (TOKENS_MATCH), and the transliterator
 * costs microseconds a call: the fold of a lone character is kept by code
 * point (the transliterator sees no context around it, so its answer for
 * that character is always the same).
 */
static int
fold_traditional(struct tmg_error *err)
{
	UTransliterator *trans = trad_simp(err);
	UErrorCode status = U_ZERO_ERROR;
	int32_t len, limit;
	UChar32 single = 0;
	struct han_fold *slot;

	if (trans == NULL)
		return -1;
	if (cache.a.len == 1 && !U16_IS_SURROGATE(cache.a.chars[0]))
		single = cache.a.chars[0];
	else if (cache.a.len == 2 && U16_IS_LEAD(cache.a.chars[0]) &&
		 U16_IS_TRAIL(cache.a.chars[1]))
		single = U16_GET_SUPPLEMENTARY(cache.a.chars[0],
					       cache.a.chars[1]);
	if (single > 0 && (slot = han_slot(single))->c == single) {
		ubuf_reserve(&cache.a, slot->len + 1);
		memcpy(cache.a.chars, slot->folded,
		       (size_t)slot->len * sizeof(UChar));
		cache.a.len = slot->len;
		return 0;
	}
	/* keep a copy: on overflow the transliterator leaves `a` undefined */
	ubuf_reserve(&cache.b, cache.a.len + 1);
	memcpy(cache.b.chars, cache.a.chars, cache.a.len * sizeof(UChar));
	cache.b.len = cache.a.len;
	for (int32_t cap = cache.a.len * 2 + 16;; cap *= 2) {
		ubuf_reserve(&cache.a, cap);
		memcpy(cache.a.chars, cache.b.chars,
		       cache.b.len * sizeof(UChar));
		len = limit = cache.b.len;
		status = U_ZERO_ERROR;
		utrans_transUChars(trans, cache.a.chars, &len, cache.a.cap, 0,
				   &limit, &status);
		if (status != U_BUFFER_OVERFLOW_ERROR)
			break;
		if (cap > INT32_MAX / 4)
			break;
	}
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0,
			      _("Traditional-Simplified folding failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	cache.a.len = len;
	if (single > 0 && len <= 4) {
		slot = han_slot(single);
		slot->c = single;
		slot->len = len;
		memcpy(slot->folded, cache.a.chars, (size_t)len * sizeof(UChar));
		cache.used_han++;
	}
	return 0;
}

static uint64_t
memo_hash(const UChar *s, int32_t n, int flags, int is_number)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)(flags * 2 +
							  is_number);

	for (int32_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	return h ? h : 1;
}

/* The memo's slot for the token (free if it is not known). */
static struct key_memo_slot *
memo_slot(uint64_t hash, const UChar *s, int32_t n)
{
	struct key_memo *m = &cache.memo;
	size_t i = (size_t)hash & (MEMO_SLOTS - 1);

	if (m->slots == NULL) {
		m->slots = xcalloc(MEMO_SLOTS, sizeof *m->slots);
		m->arena = xmalloc(MEMO_ARENA);
	}
	while (m->slots[i].hash != 0) {
		struct key_memo_slot *e = &m->slots[i];
		if (e->hash == hash && e->units == n &&
		    memcmp(m->arena + e->at, s, (size_t)n * sizeof *s) == 0)
			return e;
		i = (i + 1) & (MEMO_SLOTS - 1);
	}
	return &m->slots[i];
}

/* Remember the key just appended to sb (key_len bytes before its NUL). */
static void
memo_keep(uint64_t hash, const UChar *s, int32_t n, const char *key,
	  size_t key_len)
{
	struct key_memo *m = &cache.memo;
	size_t need = (size_t)n * sizeof *s + key_len;
	struct key_memo_slot *e;

	if (key_len > UINT16_MAX)
		return;
	if (2 * (m->used + 1) > MEMO_SLOTS ||
	    m->arena_used + need > MEMO_ARENA) {
		memset(m->slots, 0, MEMO_SLOTS * sizeof *m->slots);
		m->arena_used = m->used = 0;
	}
	e = memo_slot(hash, s, n);
	e->hash = hash;
	e->at = (uint32_t)m->arena_used;
	e->units = (uint16_t)n;
	e->key_len = (uint16_t)key_len;
	memcpy(m->arena + m->arena_used, s, (size_t)n * sizeof *s);
	memcpy(m->arena + m->arena_used + (size_t)n * sizeof *s, key,
	       key_len);
	m->arena_used += need;
	m->used++;
}

static int append_key_uncached(struct strbuf *sb, const UChar *s, int32_t n,
			       int flags, int is_number,
			       struct tmg_error *err);

/*
 * Append the key of s[0..n) and a NUL to `sb`; -1 with `err` set if ICU
 * fails.  A number's key drops its group separators.  Short non-ASCII
 * tokens go through the memo.
 */
static int
append_key(struct strbuf *sb, const UChar *s, int32_t n, int flags,
	   int is_number, struct tmg_error *err)
{
	struct key_memo_slot *e;
	uint64_t hash;
	size_t before = sb->len;
	int32_t i;

	if (n > MEMO_MAX_UNITS || n == 0)
		return append_key_uncached(sb, s, n, flags, is_number, err);
	for (i = 0; i < n && s[i] < 0x80; i++)
		;
	if (i == n) /* ASCII: cheaper than the memo */
		return append_key_uncached(sb, s, n, flags, is_number, err);
	hash = memo_hash(s, n, flags, is_number);
	e = memo_slot(hash, s, n);
	if (e->hash != 0) {
		strbuf_add(sb, cache.memo.arena + e->at +
			       (size_t)e->units * sizeof *s, e->key_len);
		strbuf_addch(sb, '\0');
		return 0;
	}
	if (append_key_uncached(sb, s, n, flags, is_number, err) < 0)
		return -1;
	memo_keep(hash, s, n, sb->buf + before, sb->len - before - 1);
	return 0;
}

static int
append_key_uncached(struct strbuf *sb, const UChar *s, int32_t n, int flags,
	   int is_number, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t ascii = 1, len = 0, j = 0;
	char *key;

	for (int32_t i = 0; i < n && ascii; i++)
		ascii = s[i] < 0x80;
	if (ascii) {
		/* NFKC leaves ASCII alone and its case folding is tolower. */
		strbuf_grow(sb, (size_t)n + 1);
		key = sb->buf + sb->len;
		for (int32_t i = 0; i < n; i++) {
			char c = (char)s[i];
			if (is_number && c == ' ')
				continue;
			key[j++] = (c >= 'A' && c <= 'Z') ?
				   (char)(c - 'A' + 'a') : c;
		}
		key[j] = '\0';
		sb->len += (size_t)j + 1;
		return 0;
	}
	if (load_normalizers(err) < 0)
		return -1;
	/* most words are already folded: then copying is enough */
	if (!(flags & TEXT_FOLD_ACCENTS) &&
	    unorm2_spanQuickCheckYes(cache.nfkc_cf, s, n, &status) == n &&
	    U_SUCCESS(status)) {
		ubuf_reserve(&cache.a, n + 1);
		memcpy(cache.a.chars, s, (size_t)n * sizeof *s);
		cache.a.len = n;
	} else if (normalize_into(cache.nfkc_cf, s, n, &cache.a, err) < 0) {
		return -1;
	}
	status = U_ZERO_ERROR;
	if ((flags & TEXT_FOLD_ACCENTS) && fold_accents(err) < 0)
		return -1;
	if ((flags & TEXT_FOLD_TRADITIONAL) &&
	    has_han_range(cache.a.chars, cache.a.len) &&
	    fold_traditional(err) < 0)
		return -1;
	for (int32_t i = 0; i < cache.a.len; i++) {
		UChar c = cache.a.chars[i];
		if (c == 0x2019 || c == 0x02BC)
			c = '\'';
		/* NFKC made every no-break and thin space a plain one */
		if (is_number && c == ' ')
			continue;
		cache.a.chars[j++] = c;
	}
	cache.a.len = j;
	/* a UTF-16 unit is at most 3 bytes of UTF-8 */
	strbuf_grow(sb, (size_t)j * 3 + 1);
	u_strToUTF8(sb->buf + sb->len, j * 3 + 1, &len, cache.a.chars, j,
		    &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0, _("cannot make a key (%s)"),
			      u_errorName(status));
		return -1;
	}
	sb->len += (size_t)len + 1;
	sb->buf[sb->len - 1] = '\0';
	return 0;
}

char *
text_key(const char *utf8, int flags, struct tmg_error *err)
{
	struct strbuf sb = { 0 };
	UChar *u;
	int32_t n;

	if (!cache.registered) {
		text_thread_register(text_cache_cleanup);
		cache.registered = 1;
	}
	if (text_utf16_from_utf8(utf8, &u, &n, err) < 0)
		return NULL;
	if (append_key(&sb, u, n, flags, 0, err) < 0) {
		free(u);
		strbuf_release(&sb);
		return NULL;
	}
	free(u);
	return strbuf_detach(&sb);
}

/* ------------------------------------------------------------- tokens */

struct tokenizer {
	const UChar *text;
	int32_t len;
	struct offset_cursor cursor;
	struct text_tokens *out;
	struct strbuf keys; /* out->keys while tokenising; offsets of each
			       token's key in cache.key_at */
	int key_flags;
	int french;
	struct tmg_error *err;
};

static int
is_han(UChar32 c)
{
	UErrorCode status = U_ZERO_ERROR;

	if (c < 0x2E80)
		return 0;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
		return 1;
	return uscript_getScript(c, &status) == USCRIPT_HAN;
}

/* Characters that stay with the character before them. */
static int
is_attached(UChar32 c)
{
	if (c < 0x300)
		return 0;
	if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	    c == 0x200D)
		return 1;
	return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0;
}

static int
is_group_space(UChar c)
{
	return c == 0x0020 || c == 0x00A0 || c == 0x2009 || c == 0x202F;
}

static int
is_ascii_digit(UChar c)
{
	return c >= '0' && c <= '9';
}

/*
 * Is s[0..n) a whole number written with French grouping so far: 1-3
 * digits, then groups of exactly 3 digits after a group space?
 */
static int
is_grouped_integer(const UChar *s, int32_t n)
{
	int32_t run = 0, groups = 0;

	for (int32_t i = 0; i < n; i++) {
		if (is_ascii_digit(s[i])) {
			run++;
		} else if (is_group_space(s[i]) && run > 0) {
			if ((groups == 0 && run > 3) || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
		} else {
			return 0;
		}
	}
	if (run == 0)
		return 0;
	return groups == 0 ? run <= 3 : run == 3;
}

/* Does s[0..n) start with a group of exactly three digits? */
static int
starts_with_group(const UChar *s, int32_t n)
{
	if (n < 3 || !is_ascii_digit(s[0]) || !is_ascii_digit(s[1]) ||
	    !is_ascii_digit(s[2]))
		return 0;
	return n == 3 || !is_ascii_digit(s[3]);
}

static int
add_token(struct tokenizer *tz, enum token_kind kind, int32_t start,
	  int32_t end)
{
	struct text_tokens *out = tz->out;
	struct text_token *t;

	if (out->count == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 32;
		out->items = xreallocarray(out->items, out->alloc,
					   sizeof *out->items);
	}
	if (out->count >= cache.key_at_alloc) {
		cache.key_at_alloc = out->alloc;
		cache.key_at = xreallocarray(cache.key_at, cache.key_at_alloc,
					     sizeof *cache.key_at);
	}
	if (out->count >= cache.key_range_alloc) {
		cache.key_range_alloc = out->alloc;
		cache.key_range = xreallocarray(cache.key_range,
						cache.key_range_alloc,
						sizeof *cache.key_range);
	}
	cache.key_range[out->count].start = start;
	cache.key_range[out->count].end = end;
	t = &out->items[out->count];
	t->kind = kind;
	offset_cursor_advance(&tz->cursor, start);
	t->start = tz->cursor.point;
	t->byte_start = tz->cursor.byte;
	offset_cursor_advance(&tz->cursor, end);
	t->end = tz->cursor.point;
	t->byte_end = tz->cursor.byte;
	t->key = NULL; /* set once the keys stop moving */
	cache.key_at[out->count] = tz->keys.len;
	if (append_key(&tz->keys, tz->text + start, end - start,
		       tz->key_flags, kind == TOKEN_NUMBER, tz->err) < 0)
		return -1;
	out->count++;
	return 0;
}

/* UTF-16 start of the last token (tokens keep only code point offsets). */
struct last_number {
	int32_t start, end; /* UTF-16; start < 0 when none */
};

/* A number: joined to the one before it when it continues its grouping. */
static int
add_number(struct tokenizer *tz, struct last_number *last, int32_t start,
	   int32_t end)
{
	struct text_token *prev;

	if (last->start >= 0 && last->end + 1 == start &&
	    is_group_space(tz->text[last->end]) &&
	    is_grouped_integer(tz->text + last->start,
			       last->end - last->start) &&
	    starts_with_group(tz->text + start, end - start)) {
		prev = &tz->out->items[tz->out->count - 1];
		offset_cursor_advance(&tz->cursor, end);
		prev->end = tz->cursor.point;
		prev->byte_end = tz->cursor.byte;
		/* the number's key was the last one: replace it */
		tz->keys.len = cache.key_at[tz->out->count - 1];
		cache.key_range[tz->out->count - 1].start = last->start;
		cache.key_range[tz->out->count - 1].end = end;
		if (append_key(&tz->keys, tz->text + last->start,
			       end - last->start, tz->key_flags, 1,
			       tz->err) < 0)
			return -1;
		last->end = end;
		return 0;
	}
	if (add_token(tz, TOKEN_NUMBER, start, end) < 0)
		return -1;
	last->start = start;
	last->end = end;
	return 0;
}

/* Length of the French elided prefix of word s[0..n) (apostrophe included),
 * or 0. */
static int32_t
elision_length(const UChar *s, int32_t n)
{
	static const struct {
		const char *text;
		int32_t len;
	} prefixes[] = {
		{ "l", 1 }, { "d", 1 }, { "j", 1 }, { "m", 1 }, { "n", 1 },
		{ "s", 1 }, { "t", 1 }, { "c", 1 }, { "qu", 2 },
		{ "jusqu", 5 }, { "lorsqu", 6 }, { "puisqu", 6 },
	};
	int apostrophe = 0;

	/* the longest prefix has 6 letters: look no further */
	for (int32_t i = 1; i < n && i <= 6 && !apostrophe; i++)
		apostrophe = s[i] == '\'' || s[i] == 0x2019;
	if (!apostrophe)
		return 0;
	for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
		int32_t plen = prefixes[k].len, i;

		if (n <= plen + 1)
			continue;
		for (i = 0; i < plen; i++) {
			UChar c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (UChar)(c - 'A' + 'a');
			if (c != (UChar)prefixes[k].text[i])
				break;
		}
		if (i == plen && (s[plen] == '\'' || s[plen] == 0x2019))
			return plen + 1;
	}
	return 0;
}

/* Is every code point of s[0..n) white space? */
static int
all_space(const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(s, i, n, c);
		if (!text_is_space(c))
			return 0;
	}
	return 1;
}

/* One ICU word segment [start, end) with rule status `status`. */
static int
add_segment(struct tokenizer *tz, struct last_number *last, int32_t start,
	    int32_t end, int32_t status)
{
	const UChar *s = tz->text + start;
	int32_t n = end - start, cut;

	if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
		return add_number(tz, last, start, end);
	/* white space keeps `last`: "8 620" is a number, a space, a number */
	if (status < UBRK_WORD_NONE_LIMIT && all_space(s, n))
		return 0;
	last->start = -1;
	if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT)
		return add_token(tz, TOKEN_HAN, start, end);
	if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_KANA_LIMIT) {
		if (tz->french && (cut = elision_length(s, n)) > 0) {
			if (add_token(tz, TOKEN_WORD, start, start + cut) < 0)
				return -1;
			start += cut;
		}
		return add_token(tz, TOKEN_WORD, start, end);
	}
	if (s[0] == 0xFFFC) {
		/* one tag token per placeholder, even when ICU joins them */
		for (int32_t i = start; i < end; i++)
			if (tz->text[i] == 0xFFFC &&
			    add_token(tz, TOKEN_TAG, i, i + 1) < 0)
				return -1;
		return 0;
	}
	return add_token(tz, TOKEN_PUNCT, start, end);
}

/* Tokens of text[start, end) through ICU's word break iterator. */
static int
break_words(struct tokenizer *tz, UBreakIterator *it,
	    struct last_number *last, int32_t start, int32_t end)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t from, to;

	ubrk_setText(it, tz->text + start, end - start, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(tz->err, NULL, 0, 0,
			      _("ICU word break failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	from = ubrk_first(it);
	while ((to = ubrk_next(it)) != UBRK_DONE) {
		if (add_segment(tz, last, start + from, start + to,
				ubrk_getRuleStatus(it)) < 0)
			return -1;
		from = to;
	}
	return 0;
}

/* A single code point that is not Han, classified without ICU's break
 * iterator (the common case between Han characters). */
static int
add_single(struct tokenizer *tz, struct last_number *last, int32_t start,
	   int32_t end, UChar32 c)
{
	int32_t status;

	if (u_isdigit(c))
		status = UBRK_WORD_NUMBER;
	else if (u_isalpha(c))
		status = UBRK_WORD_LETTER;
	else
		status = UBRK_WORD_NONE;
	return add_segment(tz, last, start, end, status);
}

/*
 * TOKENS_MATCH: Han characters one by one, the rest through ICU's word
 * break iterator run by run, so that ICU's Chinese dictionary is never run
 * for characters that are split anyway.
 */
static int
tokenize_match(struct tokenizer *tz, UBreakIterator *it)
{
	struct last_number last = { -1, -1 };
	const UChar *s = tz->text;
	int32_t i = 0, n = tz->len;

	while (i < n) {
		int32_t start = i, next;
		UChar32 c;

		U16_NEXT(s, i, n, c);
		if (is_han(c)) {
			while (i < n) {
				UChar32 d;
				next = i;
				U16_NEXT(s, next, n, d);
				if (!is_attached(d))
					break;
				i = next;
			}
			last.start = -1;
			if (add_token(tz, TOKEN_HAN, start, i) < 0)
				return -1;
			continue;
		}
		/* a run up to the next Han character */
		for (next = i; next < n;) {
			int32_t at = next;
			UChar32 d;
			U16_NEXT(s, next, n, d);
			if (is_han(d)) {
				next = at;
				break;
			}
		}
		if (next == i) { /* one code point before Han or the end */
			if (add_single(tz, &last, start, i, c) < 0)
				return -1;
		} else if (break_words(tz, it, &last, start, next) < 0) {
			return -1;
		}
		i = next;
	}
	return 0;
}

/* The recent entry of this text, language and mode, or NULL. */
static struct recent_tokens *
recent_find(const char *utf8, size_t len, const char *lang,
	    enum tokenize_mode mode)
{
	for (size_t i = 0; i < RECENT_TEXTS; i++) {
		struct recent_tokens *r = &cache.recent[i];
		if (r->utf8 && r->mode == mode && r->utf8_len == len &&
		    strcmp(r->lang, lang) == 0 &&
		    memcmp(r->utf8, utf8, len) == 0)
			return r;
	}
	return NULL;
}

/* Remember the tokens just made (in cache.key_range their key ranges). */
static void
recent_keep(const char *utf8, size_t len, const char *lang,
	    enum tokenize_mode mode, const struct text_tokens *out)
{
	struct recent_tokens *r = &cache.recent[cache.recent_next];

	if (strlen(lang) >= sizeof r->lang)
		return;
	cache.recent_next = (cache.recent_next + 1) % RECENT_TEXTS;
	if (len + 1 > r->utf8_alloc) {
		r->utf8_alloc = len + 1;
		r->utf8 = xreallocarray(r->utf8, r->utf8_alloc, 1);
	}
	memcpy(r->utf8, utf8, len + 1);
	r->utf8_len = len;
	memcpy(r->lang, lang, strlen(lang) + 1);
	r->mode = mode;
	if (out->count > r->alloc) {
		r->alloc = out->count;
		r->items = xreallocarray(r->items, r->alloc, sizeof *r->items);
		r->ranges = xreallocarray(r->ranges, r->alloc,
					  sizeof *r->ranges);
	}
	if (out->count) {
		memcpy(r->items, out->items, out->count * sizeof *r->items);
		memcpy(r->ranges, cache.key_range,
		       out->count * sizeof *r->ranges);
	}
	r->count = out->count;
}

/* The tokens of a recent entry with keys of `key_flags`: the text is in
 * cache.text. */
static int
recent_tokens(const struct recent_tokens *r, int key_flags,
	      struct text_tokens *out, struct tmg_error *err)
{
	struct strbuf keys = { out->keys, 0, out->keys_alloc };
	int rc = 0;

	if (r->count > out->alloc) {
		out->alloc = r->count;
		out->items = xreallocarray(out->items, out->alloc,
					   sizeof *out->items);
	}
	if (r->count > cache.key_at_alloc) {
		cache.key_at_alloc = r->count;
		cache.key_at = xreallocarray(cache.key_at, cache.key_at_alloc,
					     sizeof *cache.key_at);
	}
	for (size_t i = 0; i < r->count && rc == 0; i++) {
		out->items[i] = r->items[i];
		cache.key_at[i] = keys.len;
		rc = append_key(&keys, cache.text.chars + r->ranges[i].start,
				r->ranges[i].end - r->ranges[i].start,
				key_flags, r->items[i].kind == TOKEN_NUMBER,
				err);
	}
	out->keys = keys.buf;
	out->keys_alloc = keys.alloc;
	if (rc < 0) {
		out->count = 0;
		out->keys_len = 0;
		return -1;
	}
	out->count = r->count;
	out->keys_len = keys.len;
	for (size_t i = 0; i < out->count; i++)
		out->items[i].key = out->keys + cache.key_at[i];
	return 0;
}

int
text_tokenize(const char *utf8, const char *lang, enum tokenize_mode mode,
	      int key_flags, struct text_tokens *out, struct tmg_error *err)
{
	struct tokenizer tz = { 0 };
	struct recent_tokens *recent;
	size_t utf8_len = strlen(utf8);
	struct last_number last = { -1, -1 };
	UBreakIterator *it;
	UChar *u;
	int32_t n;
	int rc;

	out->count = 0;
	out->keys_len = 0;
	if (!cache.registered) {
		text_thread_register(text_cache_cleanup);
		cache.registered = 1;
	}
	if (utf16_into(utf8, &cache.text, err) < 0)
		return -1;
	if ((recent = recent_find(utf8, utf8_len, lang, mode)) != NULL)
		return recent_tokens(recent, key_flags, out, err);
	u = cache.text.chars;
	n = cache.text.len;
	if ((it = word_iterator(lang, err)) == NULL)
		return -1;
	tz.text = u;
	tz.len = n;
	tz.out = out;
	tz.keys.buf = out->keys;
	tz.keys.alloc = out->keys_alloc;
	tz.key_flags = key_flags;
	tz.french = is_french(lang);
	tz.err = err;
	offset_cursor_init(&tz.cursor, u);
	if (mode == TOKENS_MATCH)
		rc = tokenize_match(&tz, it);
	else
		rc = n ? break_words(&tz, it, &last, 0, n) : 0;
	out->keys = tz.keys.buf;
	out->keys_alloc = tz.keys.alloc;
	out->keys_len = tz.keys.len;
	if (rc < 0) {
		out->count = 0;
		out->keys_len = 0;
		return -1;
	}
	for (size_t i = 0; i < out->count; i++)
		out->items[i].key = out->keys + cache.key_at[i];
	recent_keep(utf8, utf8_len, lang, mode, out);
	return 0;
}

void
text_tokens_clear(struct text_tokens *tokens)
{
	free(tokens->items);
	free(tokens->keys);
	memset(tokens, 0, sizeof *tokens);
}
