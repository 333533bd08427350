/*
 * base/hash.h -- the engine's two hash functions: 64-bit FNV-1a over bytes,
 * and the 64-bit finaliser of MurmurHash3 ("fmix64") that spreads a hash's
 * bits over the whole word.
 *
 * Stored keys are made of them: a unit's and a concept's content hash
 * (base/unit.c, store/), the fuzzy index's token hashes and posting keys, the
 * translation index's keys (index/), the glossary's term keys (text/).
 * Changing either function, or the way a caller feeds it, changes what a
 * memory holds on disk; tests/unit/hash-test.c pins the values.
 *
 * Static inline: the indexes hash every token of every segment, and a call
 * through a library boundary would cost more than the hash.
 */
#ifndef TMGLOSS_BASE_HASH_H
#define TMGLOSS_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_OFFSET 0xcbf29ce484222325ULL /* 14695981039346656037 */
#define HASH_FNV_PRIME 0x100000001b3ULL       /* 1099511628211 */

/* FNV-1a: hash `h` (HASH_FNV_OFFSET to begin) continued over data[0..n). */
static inline uint64_t
hash_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= HASH_FNV_PRIME;
	}
	return h;
}

/* hash_fnv1a() over the bytes of `s` before its NUL. */
static inline uint64_t
hash_fnv1a_str(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= HASH_FNV_PRIME;
	}
	return h;
}

/* MurmurHash3's fmix64: every bit of the result depends on every bit of
 * `h`; 0 maps to 0. */
static inline uint64_t
hash_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif /* TMGLOSS_BASE_HASH_H */
