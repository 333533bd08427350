/*
 * base/varint.h -- LEB128 varints, the unsigned integers of the indexes'
 * posting lists (index/): seven bits a byte, low bits first, the high bit
 * set on every byte but the last.  A 64-bit value takes 1 to VARINT_MAX
 * bytes.  What is written is on disk (the `ids` blobs): the format must
 * not change.
 */
#ifndef TMGLOSS_BASE_VARINT_H
#define TMGLOSS_BASE_VARINT_H

#include <stddef.h>
#include <stdint.h>

/* The longest varint of a 64-bit value. */
#define VARINT_MAX 10

/* Write `v` at p (room for VARINT_MAX bytes); returns its length. */
static inline size_t
varint_put(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/*
 * Read the varint at p (not past `end`) into *v.  Returns its length, or
 * 0 when the input ends inside it or it runs past VARINT_MAX bytes (*v
 * untouched).
 */
static inline size_t
varint_get(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	size_t n = 0;
	int shift = 0;

	while (p + n < end && shift <= 63) {
		unsigned char c = p[n++];

		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = x;
			return n;
		}
		shift += 7;
	}
	return 0;
}

#endif /* TMGLOSS_BASE_VARINT_H */
