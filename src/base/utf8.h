/*
 * base/utf8.h -- a code point written in UTF-8, for the readers that turn
 * UTF-16 text (formats/tsv.c) or character references (formats/inline.c)
 * into the UTF-8 the engine holds.  Libc only.
 */
#ifndef TMGLOSS_BASE_UTF8_H
#define TMGLOSS_BASE_UTF8_H

#include <stddef.h>

/*
 * Write the UTF-8 form of the code point `c` to buf[0..4) and return its
 * length, 1 to 4.  `c` is not checked: the caller keeps surrogates out,
 * and a value past U+10FFFF yields four bytes that are not UTF-8.
 */
static inline size_t
utf8_encode(char buf[4], unsigned long c)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | c >> 6);
		buf[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xe0 | c >> 12);
		buf[1] = (char)(0x80 | (c >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | c >> 18);
	buf[1] = (char)(0x80 | (c >> 12 & 0x3f));
	buf[2] = (char)(0x80 | (c >> 6 & 0x3f));
	buf[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

#endif
