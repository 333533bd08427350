/*
 * keys.c -- matching keys: how the matcher and the glossary compare a
 * piece of text, a token or a whole string (text_key()).
 *
 * A key is the text NFKC-normalised and case-folded (ICU's NFKC_Casefold,
 * which also turns fullwidth forms into ASCII), with typographic
 * apostrophes (U+2019, U+02BC) read as ASCII ', and optionally:
 *   TEXT_FOLD_ACCENTS      combining marks U+0300-U+036F dropped, and the
 *                          ligatures œ, æ spelt oe, ae (incarnée ~ incarnee)
 *   TEXT_FOLD_TRADITIONAL  ICU's Traditional-Simplified transliterator
 *                          (類腦智能 ~ 类脑智能)
 * A number's key has no group separator: "8 620", "8 620" and "8620" have
 * the key "8620".  The tokenizer (tokens.c) makes each token's key here
 * (text_append_key()).
 *
 * Threads: every function here may be called from several threads at
 * once.  What this file keeps between calls (the transliterator, the
 * scratch buffers, the key memo, the Han folds) is in `cache`, one per
 * thread (_Thread_local), created on a thread's first call and freed when
 * the thread ends or calls text_cleanup() (thread.c runs keys_cleanup()).
 * The normalisers are ICU's immutable singletons, shared.  Keys never
 * depend on what a cache holds.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "text/icu-i18n.h"
#include "text/text-internal.h"
#include "text/text.h"

/* What the Traditional-Simplified transliterator makes of one character
 * (0: empty slot). */
struct han_fold {
	UChar32 c;
	int32_t len;
	UChar folded[4];
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

/* What a thread keeps between calls (see the comment at the top). */
struct keys_cache {
	int registered;   /* its cleanup is registered (thread.c) */
	const UNormalizer2 *nfkc_cf, *nfd, *nfc;
	UTransliterator *trad_simp;
	int trad_simp_failed;
	struct text_ubuf a, b; /* scratch */
	struct han_fold *han;  /* one character's Simplified form, by code
				  point (open addressing; see fold_traditional) */
	size_t nhan, used_han;
	struct key_memo memo;
};

static _Thread_local struct keys_cache cache;

/* Free the calling thread's cache (registered with thread.c). */
static void
keys_cleanup(void)
{
	if (cache.trad_simp)
		utrans_close(cache.trad_simp);
	cache.trad_simp = NULL;
	cache.trad_simp_failed = 0;
	free(cache.a.chars);
	free(cache.b.chars);
	memset(&cache.a, 0, sizeof cache.a);
	memset(&cache.b, 0, sizeof cache.b);
	free(cache.han);
	cache.han = NULL;
	cache.nhan = cache.used_han = 0;
	free(cache.memo.slots);
	free(cache.memo.arena);
	memset(&cache.memo, 0, sizeof cache.memo);
	cache.registered = 0;
}

static void
keys_register(void)
{
	if (!cache.registered) {
		text_thread_register(keys_cleanup);
		cache.registered = 1;
	}
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
		if (icu_i18n_load(err) < 0)
			return NULL;
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

/* --------------------------------------------------------------- keys */

int
text_key_prepare(int flags, struct tmg_error *err)
{
	keys_register();
	if (load_normalizers(err) < 0)
		return -1;
	return (flags & TEXT_FOLD_TRADITIONAL) && trad_simp(err) == NULL ?
		-1 : 0;
}

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
	       struct text_ubuf *dst, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t len;

	text_ubuf_reserve(dst, n + n / 2 + 16);
	len = unorm2_normalize(norm, src, n, dst->chars, dst->cap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		status = U_ZERO_ERROR;
		text_ubuf_reserve(dst, len + 1);
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
	text_ubuf_reserve(&cache.a, cache.b.len * 2 + 1);
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
	text_ubuf_reserve(&cache.a, cache.b.len + 1);
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
		text_ubuf_reserve(&cache.a, slot->len + 1);
		memcpy(cache.a.chars, slot->folded,
		       (size_t)slot->len * sizeof(UChar));
		cache.a.len = slot->len;
		return 0;
	}
	/* keep a copy: on overflow the transliterator leaves `a` undefined */
	text_ubuf_reserve(&cache.b, cache.a.len + 1);
	memcpy(cache.b.chars, cache.a.chars, cache.a.len * sizeof(UChar));
	cache.b.len = cache.a.len;
	for (int32_t cap = cache.a.len * 2 + 16;; cap *= 2) {
		text_ubuf_reserve(&cache.a, cap);
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

/* Short non-ASCII tokens go through the memo. */
int
text_append_key(struct strbuf *sb, const UChar *s, int32_t n, int flags,
		int is_number, struct tmg_error *err)
{
	struct key_memo_slot *e;
	uint64_t hash;
	size_t before = sb->len;
	int32_t i;

	keys_register();
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

/* ASCII: NFKC leaves it alone, case folding is tolower, and no fold of
 * the flags touches it (append_key_uncached()). */
int
text_key_ignores_flags(const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 0;
	return 1;
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
		text_ubuf_reserve(&cache.a, n + 1);
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

	if (text_utf16_from_utf8(utf8, &u, &n, err) < 0)
		return NULL;
	if (text_append_key(&sb, u, n, flags, 0, err) < 0) {
		free(u);
		strbuf_release(&sb);
		return NULL;
	}
	free(u);
	return strbuf_detach(&sb);
}
