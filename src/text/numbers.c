/*
 * numbers.c -- the numbers of a text read as values, and a value written
 * back the way a number of a text was written: what the `number` check
 * compares and what a match's target gets when only numbers changed.
 *
 * A value is a canonical string, [-]digits[.digits], without grouping,
 * leading zeros of the integer part or trailing zeros of the decimals:
 * "1 000", "1,000" (English), "1000" and "一千" are all "1000"; "3,5"
 * (French), "3.5" and "三点五" are "3.5".  Equal values, equal strings.
 *
 * Digits are ASCII or full-width (０-９).  How marks between digit runs
 * are read depends on the language (lang_group(): "fr", "zh"...):
 *   - decimal comma languages (French and most of Europe: fr de es it pt
 *     nl ru pl ...): a comma between digits is the decimal mark ("3,5"
 *     is 3.5, and "1,000" is 1: a French writer groups with a space);
 *     a point between digits is a decimal mark too ("Python 3.5"),
 *     except in "1.000.000" (two groups or more) or "1.000,5" (a decimal
 *     comma follows), where it groups thousands as German writes them;
 *   - other languages (Chinese, English, Japanese, none): the point is
 *     the decimal mark; a comma groups when exactly three digits follow
 *     it after a first group of one to three ("1,000", "1,000,000",
 *     "1,000.5"), else it separates two numbers ("1,5" is 1 and 5);
 *     "1.000,5" (a comma after point groups) is read as Europe writes it;
 *   - everywhere, a space, a no-break space (U+00A0), a narrow one
 *     (U+202F) or a thin one (U+2009) groups thousands: groups of exactly
 *     three digits after a first of one to three ("1 000", "1 000 000",
 *     "1 000,5"); "2023 100" is two numbers; a first group is never a
 *     lone 0 ("0,500" is 0.5 in French, 0 and 500 in English);
 *   - a run of three digit groups or more joined by points that is no
 *     grouping ("1.2.3", "192.168.0.1", "3.24.1") is a version or an
 *     address, not a number: it is skipped whole;
 *   - a minus sign ('-', U+2212, U+FF0D) belongs to the number when no
 *     letter or digit comes just before it: "-3" is -3, "10-20" (a range)
 *     is 10 and 20, "UTF-8" is 8;
 *   - a percent sign (% or ％), right after or after one space of the
 *     kinds above, belongs to the number (NUMBER_PERCENT): "25 %", "25%";
 *   - the digits of a placeholder are no number: printf's position,
 *     width and precision ("%1$s", "%10s", "%.2f"), Qt's "%1", numbered
 *     braces ("{0}", "{1,number}"): they are the placeholder check's;
 *   - digits inside words count: "MP3" has 3, "1er" (an ordinal) is 1,
 *     "第3" is 3; dates are their numbers ("2024-01-15" is 2024, 1, 15;
 *     "2024年1月" is 2024 and 1).
 * A number too long for struct tmg_number's value (47 characters) is
 * skipped.
 *
 * Chinese numerals are read in Chinese and Japanese texts and texts of
 * no language (flag NUMBER_HAN): 三, 二十五, 一百零五, 三百五 (350), 一万五
 * (15000), 两千, 一亿二千万, 三点五 (3.5), digit by digit 二〇二四 (2024),
 * the financial 壹贰叁肆柒捌玖佰仟, Traditional 兩 萬 億 點, a sign 负/負,
 * 百分之五 (5 %, NUMBER_PERCENT), and digits with a multiplier, 3万 and
 * 1.5亿.  A run of units alone (百, 千万) is no number, except one that
 * starts with 十; a numeral that is part of a common word which means no
 * number (一起, 一般, 统一, 万一, 十分...) is skipped.  These readings are
 * weaker evidence than digits: a check uses them to find a source
 * number, not to ask for one.
 *
 * number_write() writes a value as a model number was written: its
 * decimal mark, grouping and separator kind, percent sign and space,
 * full-width digits, or Chinese numerals (Traditional 萬 億 點 負 when the
 * language is zh-Hant, zh-TW, zh-HK or zh-MO) for values below 10^12.
 * Without a model, or when the model has no decimal mark, the language
 * decides the mark; a decimal comma is not written where a comma groups
 * and would make "1,234" read 1234.  Leading zeros of the model ("07")
 * are not kept.
 *
 * Bad UTF-8 is no digit: numbers_find() reads around it and never fails.
 */
#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "text/text.h"

#define VALUE_MAX (sizeof ((struct tmg_number *)0)->value)
/* Digits kept for one number while reading it; longer is no number. */
#define DIGITS_MAX 64
/* Chinese numeral values past this are not read (nor written). */
#define HAN_LIMIT 1000000000000000000ULL

/* The code point at s[*i] (advancing *i), or -1 for bad UTF-8. */
static int32_t
next_cp(const char *s, size_t len, size_t *i)
{
	int32_t c;
	int32_t j = (int32_t)*i;

	U8_NEXT(s, j, (int32_t)len, c);
	*i = (size_t)j;
	return c < 0 ? -1 : c;
}

/* The code point ending just before s[i], or -1 (start, bad UTF-8). */
static int32_t
prev_cp(const char *s, size_t i)
{
	int32_t c;
	int32_t j = (int32_t)i;

	if (i == 0)
		return -1;
	U8_PREV(s, 0, j, c);
	return c < 0 ? -1 : c;
}

static int
digit_value(int32_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 0xff10 && c <= 0xff19)
		return c - 0xff10;
	return -1;
}

/* A space that may group thousands or stand before %: its NUMBER_ flag
 * for the kind (0 for the ordinary space), or -1 when `c` is none. */
static int
space_kind(int32_t c)
{
	switch (c) {
	case ' ':
		return 0;
	case 0xa0:
		return NUMBER_NBSP;
	case 0x202f:
	case 0x2009:
		return NUMBER_NNBSP;
	default:
		return -1;
	}
}

/* Whether the language writes its decimal mark as a comma. */
static int
lang_decimal_comma(const char *lang)
{
	static const char *const comma[] = {
		"fr", "de", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk",
		"sv", "da", "nb", "nn", "no", "fi", "tr", "el", "hu", "ro",
		"uk", "bg", "hr", "sl", "sr", "lt", "lv", "et", "ca", "id",
		"vi", "be", "kk", "az", "eu", "gl",
	};
	char group[LANG_GROUP_MAX];

	if (!lang || !*lang)
		return 0;
	lang_group(lang, group);
	for (size_t i = 0; i < sizeof comma / sizeof *comma; i++)
		if (!strcmp(group, comma[i]))
			return 1;
	return 0;
}

/* Whether Chinese numerals are read in texts of the language. */
static int
lang_reads_han(const char *lang)
{
	char group[LANG_GROUP_MAX];

	if (!lang || !*lang)
		return 1;
	lang_group(lang, group);
	return !strcmp(group, "zh") || !strcmp(group, "ja");
}

/* Whether the language writes Traditional Chinese. */
static int
lang_traditional(const char *lang)
{
	const char *p;

	if (!lang)
		return 0;
	for (p = lang; *p; p++) {
		if (*p != '-' && *p != '_')
			continue;
		if (!strncasecmp(p + 1, "Hant", 4) ||
		    !strncasecmp(p + 1, "TW", 2) ||
		    !strncasecmp(p + 1, "HK", 2) ||
		    !strncasecmp(p + 1, "MO", 2))
			return 1;
	}
	return 0;
}

/*
 * The canonical value of the digits int_digits (any leading zeros)
 * and frac_digits, times 10^shift, negative when `negative`, into
 * out[VALUE_MAX].  Returns 0, or -1 when it does not fit.
 */
static int
canonical_value(int negative, const char *int_digits, size_t int_len,
		const char *frac_digits, size_t frac_len, size_t shift,
		char *out)
{
	char all[2 * DIGITS_MAX + 16];
	size_t n = 0, point, first, last, o = 0;

	if (int_len + frac_len + shift >= sizeof all)
		return -1;
	memcpy(all, int_digits, int_len);
	memcpy(all + int_len, frac_digits, frac_len);
	n = int_len + frac_len;
	point = int_len + shift;
	while (n < point)
		all[n++] = '0';
	for (first = 0; first + 1 < point && all[first] == '0'; first++)
		;
	for (last = n; last > point && all[last - 1] == '0'; last--)
		;
	if (negative) {
		size_t k;

		for (k = first; k < last && all[k] == '0'; k++)
			;
		negative = k < last;
	}
	if ((size_t)negative + (point - first) + (last > point) +
	    (last - point) + 1 > VALUE_MAX)
		return -1;
	if (negative)
		out[o++] = '-';
	if (point == 0)
		out[o++] = '0';
	memcpy(out + o, all + first, point - first);
	o += point - first;
	if (last > point) {
		out[o++] = '.';
		memcpy(out + o, all + point, last - point);
		o += last - point;
	}
	out[o] = '\0';
	return 0;
}

/* ------------------------------------------------------------ digits */

/* A run of digits of the text: bytes [start, end), the digits read. */
struct digit_run {
	size_t start, end;
	char digits[DIGITS_MAX];
	size_t count;     /* digits read (more than DIGITS_MAX: too long) */
	int fullwidth;
};

/* Read the digit run at s[i] (empty when none is there). */
static void
read_run(const char *s, size_t len, size_t i, struct digit_run *run)
{
	run->start = run->end = i;
	run->count = 0;
	run->fullwidth = 0;
	while (i < len) {
		size_t j = i;
		int d = digit_value(next_cp(s, len, &j));

		if (d < 0)
			break;
		if (run->count < DIGITS_MAX)
			run->digits[run->count] = (char)('0' + d);
		run->count++;
		run->fullwidth |= j - i > 1;
		i = run->end = j;
	}
}

/* One mark between two digit runs: ',', '.' or a space (' '). */
struct link {
	int mark;
	int space_kind;   /* space_kind() of the space */
	struct digit_run run;
};

#define LINKS_MAX 16

/* The marks and runs that follow the run ending at `i`: a mark directly
 * followed by a digit.  Returns how many (at most LINKS_MAX). */
static size_t
read_links(const char *s, size_t len, size_t i, struct link *links)
{
	size_t n = 0;

	while (n < LINKS_MAX && i < len) {
		size_t j = i;
		int32_t c = next_cp(s, len, &j);
		int kind = space_kind(c);

		if (c != ',' && c != '.' && kind < 0)
			break;
		read_run(s, len, j, &links[n].run);
		if (links[n].run.count == 0)
			break;
		links[n].mark = kind >= 0 ? ' ' : c;
		links[n].space_kind = kind;
		i = links[n].run.end;
		n++;
	}
	return n;
}

/* How many links from links[0] are thousands groups of mark `mark`
 * (three digits each). */
static size_t
count_groups(const struct link *links, size_t n, int mark)
{
	size_t k = 0;

	while (k < n && links[k].mark == mark && links[k].run.count == 3)
		k++;
	return k;
}

/* Append a run's digits to buf[*n] (DIGITS_MAX); -1 when too long. */
static int
add_digits(char *buf, size_t *n, const struct digit_run *run)
{
	if (run->count > DIGITS_MAX || *n + run->count > DIGITS_MAX)
		return -1;
	memcpy(buf + *n, run->digits, run->count);
	*n += run->count;
	return 0;
}

static void
push_number(struct tmg_number **out, size_t *n, size_t *alloc,
	    const struct tmg_number *num)
{
	(*n)++;
	ALLOC_GROW(*out, *n, *alloc);
	(*out)[*n - 1] = *num;
}

/* The Chinese multiplier 万/萬 (4) or 亿/億 (8) at s[i], else 0; its end
 * in *end. */
static size_t
han_multiplier(const char *s, size_t len, size_t i, size_t *end)
{
	int32_t c;

	*end = i;
	c = next_cp(s, len, end);
	if (c == 0x4e07 || c == 0x842c)
		return 4;
	if (c == 0x4ebf || c == 0x5104)
		return 8;
	return 0;
}

/* A percent sign after a number ending at `i`: its end, and flags. */
static size_t
read_percent(const char *s, size_t len, size_t i, unsigned *flags)
{
	size_t j = i;
	int32_t c = next_cp(s, len, &j);
	int kind = space_kind(c);
	unsigned f = NUMBER_PERCENT;

	if (kind >= 0) {
		f |= NUMBER_SPACED_PERCENT | (unsigned)kind;
		c = next_cp(s, len, &j);
	}
	if (c == '%' || c == 0xff05) {
		if (c == 0xff05)
			f |= NUMBER_WIDE_PERCENT;
		*flags |= f;
		return j;
	}
	return i;
}

/*
 * Read the number whose first digit run starts at `i` (the sign, if any,
 * starts at `sign`); `list_mark` is the mark that parted it from the
 * number before (a list, "1,2,3"), never its decimal mark.  Returns where
 * reading goes on; *num is filled and *found set when it is a number.
 */
static size_t
read_digit_number(const char *s, size_t len, size_t i, size_t sign,
		  int list_mark, int comma_lang, int han,
		  struct tmg_number *num, int *found)
{
	struct digit_run first;
	struct link links[LINKS_MAX];
	size_t nlinks, k = 0, used = 0, end, int_n = 0, frac_n = 0;
	size_t shift = 0, mult_end;
	char int_digits[DIGITS_MAX], frac_digits[DIGITS_MAX];
	int group_mark = 0, decimal_mark = 0, fullwidth;
	unsigned flags = 0;

	*found = 0;
	read_run(s, len, i, &first);
	nlinks = read_links(s, len, first.end, links);
	fullwidth = first.fullwidth;

	/* Version numbers and addresses: 1.2.3, 192.168.0.1. */
	if (nlinks >= 2 && links[0].mark == '.' && links[1].mark == '.' &&
	    !(comma_lang && first.count <= 3 &&
	      count_groups(links, nlinks, '.') >= 2)) {
		size_t v = 0;

		while (v < nlinks && links[v].mark == '.')
			v++;
		return links[v - 1].run.end;
	}

	/* Thousands groups: after one to three digits, not a lone 0. */
	if (first.count <= 3 && nlinks > 0 && first.digits[0] != '0') {
		int m = links[0].mark;
		size_t g = count_groups(links, nlinks, m);
		int next = g < nlinks ? links[g].mark : 0;
		int ok = 0;

		if (m == ' ')
			ok = 1;
		else if (m == ',')
			ok = !comma_lang || next == '.';
		else if (m == '.')
			ok = comma_lang ? (g >= 2 || next == ',') : next == ',';
		if (g > 0 && ok) {
			group_mark = m;
			k = g;
		}
	}

	/* A decimal mark and its digits. */
	if (k < nlinks) {
		int m = links[k].mark;
		int repeated = k + 1 < nlinks && links[k + 1].mark == m;

		if (group_mark == ',' || group_mark == '.')
			decimal_mark = m != group_mark && m != ' ' ? m : 0;
		else if (m == ',')
			decimal_mark = comma_lang && !repeated ? ',' : 0;
		else if (m == '.')
			decimal_mark = repeated ? 0 : '.';
		if (group_mark == ' ' && m != (comma_lang ? ',' : '.'))
			decimal_mark = 0;
		if (decimal_mark == list_mark)
			decimal_mark = 0;
	}

	if (add_digits(int_digits, &int_n, &first) < 0)
		goto too_long;
	for (used = 0; used < k; used++) {
		if (add_digits(int_digits, &int_n, &links[used].run) < 0)
			goto too_long;
		fullwidth |= links[used].run.fullwidth;
		if (group_mark == ' ' && links[used].space_kind > 0)
			flags |= (unsigned)links[used].space_kind;
	}
	end = k > 0 ? links[k - 1].run.end : first.end;
	if (decimal_mark) {
		if (add_digits(frac_digits, &frac_n, &links[k].run) < 0)
			goto too_long;
		fullwidth |= links[k].run.fullwidth;
		end = links[k].run.end;
		flags |= decimal_mark == ',' ? NUMBER_DECIMAL_COMMA
					     : NUMBER_DECIMAL_POINT;
	}
	if (group_mark) {
		flags |= NUMBER_GROUPED;
		if (group_mark == ' ')
			flags |= NUMBER_GROUP_SPACE;
	}
	if (fullwidth)
		flags |= NUMBER_FULLWIDTH;
	if (han && (shift = han_multiplier(s, len, end, &mult_end)) > 0) {
		end = mult_end;
		flags |= NUMBER_HAN;
	}
	end = read_percent(s, len, end, &flags);

	if (canonical_value(sign < i, int_digits, int_n, frac_digits, frac_n,
			    shift, num->value) < 0)
		return end;
	num->start = sign;
	num->end = end;
	num->flags = flags;
	*found = 1;
	return end;

too_long:
	/* Past every digit and mark read. */
	return nlinks > 0 ? links[nlinks - 1].run.end : first.end;
}

/* ---------------------------------------------------- Chinese numerals */

enum { HAN_DIGIT, HAN_UNIT, HAN_BIG, HAN_POINT };

/* The class and value of a Chinese numeral, or -1 for another
 * character.  Characters that mostly mean something else are left out:
 * 陆/陸 (land), 伍 (troop), 拾 (pick up), 参 (take part). */
static int
han_numeral(int32_t c, unsigned long long *value)
{
	static const struct {
		int32_t c;
		int kind;
		unsigned long long value;
	} table[] = {
		{ 0x3007, HAN_DIGIT, 0 },  { 0x96f6, HAN_DIGIT, 0 },
		{ 0x4e00, HAN_DIGIT, 1 },  { 0x58f9, HAN_DIGIT, 1 },
		{ 0x4e8c, HAN_DIGIT, 2 },  { 0x4e24, HAN_DIGIT, 2 },
		{ 0x5169, HAN_DIGIT, 2 },  { 0x8d30, HAN_DIGIT, 2 },
		{ 0x8cb3, HAN_DIGIT, 2 },  { 0x4e09, HAN_DIGIT, 3 },
		{ 0x53c1, HAN_DIGIT, 3 },  { 0x56db, HAN_DIGIT, 4 },
		{ 0x8086, HAN_DIGIT, 4 },  { 0x4e94, HAN_DIGIT, 5 },
		{ 0x516d, HAN_DIGIT, 6 },  { 0x4e03, HAN_DIGIT, 7 },
		{ 0x67d2, HAN_DIGIT, 7 },  { 0x516b, HAN_DIGIT, 8 },
		{ 0x634c, HAN_DIGIT, 8 },  { 0x4e5d, HAN_DIGIT, 9 },
		{ 0x7396, HAN_DIGIT, 9 },  { 0x5341, HAN_UNIT, 10 },
		{ 0x767e, HAN_UNIT, 100 }, { 0x4f70, HAN_UNIT, 100 },
		{ 0x5343, HAN_UNIT, 1000 }, { 0x4edf, HAN_UNIT, 1000 },
		{ 0x4e07, HAN_BIG, 10000 }, { 0x842c, HAN_BIG, 10000 },
		{ 0x4ebf, HAN_BIG, 100000000 }, { 0x5104, HAN_BIG, 100000000 },
		{ 0x70b9, HAN_POINT, 0 }, { 0x9ede, HAN_POINT, 0 },
	};

	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].c == c) {
			*value = table[i].value;
			return table[i].kind;
		}
	return -1;
}

/* Words whose numeral means no number. */
static const char *const han_not_numbers[] = {
	"一些", "一起", "一般", "一样", "一樣", "一直", "一定", "一切",
	"一下", "一旦", "一致", "一律", "一边", "一邊", "一面", "一同",
	"一再", "一向", "一味", "一点", "一點", "一会", "一會", "统一",
	"統一", "唯一", "同一", "逐一", "万一", "萬一", "十分", "千万",
	"千萬", "百度", "三明治", "万维网", "萬維網", "一旁", "一番",
};

/* Where one of the words above that starts at or before s[at] ends
 * (0: none there).  The words are UTF-8: a match starts on a character. */
static size_t
han_word_end(const char *s, size_t len, size_t at, int starting_here)
{
	size_t best = 0;

	for (size_t w = 0; w < sizeof han_not_numbers /
			       sizeof *han_not_numbers; w++) {
		const char *word = han_not_numbers[w];
		size_t wl = strlen(word);
		size_t p = starting_here || at < wl ? at : at - wl + 1;

		for (; p <= at && p + wl <= len; p++)
			if (!memcmp(s + p, word, wl) && p + wl > at &&
			    (p < at) != starting_here && p + wl > best)
				best = p + wl;
	}
	return best;
}

/* The numeral characters of a run, read. */
struct han_run {
	int kind[32];
	unsigned long long value[32];
	size_t off[33];    /* where each starts; off[n] its end */
	size_t n;
};

/* Read the run of Chinese numerals at s[i]: a point only between
 * numerals. */
static void
read_han_run(const char *s, size_t len, size_t i, struct han_run *run)
{
	run->n = 0;
	run->off[0] = i;
	while (i < len && run->n < 32) {
		size_t j = i;
		unsigned long long v;
		int kind = han_numeral(next_cp(s, len, &j), &v);

		if (kind < 0)
			break;
		if (kind == HAN_POINT) {
			size_t k = j;
			unsigned long long w;

			if (run->n == 0 ||
			    han_numeral(next_cp(s, len, &k), &w) != HAN_DIGIT)
				break;
		}
		run->kind[run->n] = kind;
		run->value[run->n] = v;
		run->n++;
		run->off[run->n] = i = j;
	}
}

/*
 * The first numeral of the run that is a number's: numerals that end a
 * word begun before the run (统一, 唯一) are not.  Returns run->n when the
 * run is no number: it is all inside such words, or a word starting at
 * that numeral takes the rest of the run (一起, 十分, 千万, 万一); but
 * 三十分 (thirty minutes) keeps its 十 and 一千万 its 千万.
 */
static size_t
han_run_first(const char *s, size_t len, const struct han_run *run)
{
	size_t from = 0, end;

	while (from < run->n &&
	       han_word_end(s, len, run->off[from], 0) > run->off[from])
		from++;
	if (from == run->n)
		return from;
	end = han_word_end(s, len, run->off[from], 1);
	if (end >= run->off[run->n])
		return run->n;
	return from;
}

/*
 * The value of the numerals run->kind/value[from, to): digit by digit
 * when they are digits only, else by units (三百五 is 350, 一百零五 105,
 * 一万五 15000).  Returns 0, or -1 when it is past HAN_LIMIT.
 */
static int
han_integer(const struct han_run *run, size_t from, size_t to,
	    unsigned long long *out)
{
	unsigned long long total = 0, section = 0, last_unit = 0;
	long long digit = -1;
	int units = 0, zero = 0;

	for (size_t i = from; i < to; i++)
		units |= run->kind[i] != HAN_DIGIT;
	if (!units) {
		for (size_t i = from; i < to; i++) {
			if (total > HAN_LIMIT / 10)
				return -1;
			total = total * 10 + run->value[i];
		}
		*out = total;
		return 0;
	}
	for (size_t i = from; i < to; i++) {
		unsigned long long v = run->value[i];

		switch (run->kind[i]) {
		case HAN_DIGIT:
			if (v == 0)
				zero = 1;
			else
				digit = (long long)v;
			break;
		case HAN_UNIT:
			section += (digit < 0 ? 1 : (unsigned long long)digit) * v;
			digit = -1;
			last_unit = v;
			zero = 0;
			break;
		case HAN_BIG: {
			unsigned long long part = section +
				(digit < 0 ? 0 : (unsigned long long)digit);

			if (v == 10000) {
				if (part == 0 && total == 0)
					part = 1;
				total += part * v;
			} else {
				if (part == 0 && total == 0)
					part = 1;
				if (total + part > HAN_LIMIT / v)
					return -1;
				total = (total + part) * v;
			}
			section = 0;
			digit = -1;
			last_unit = v;
			zero = 0;
			break;
		}
		}
		if (total > HAN_LIMIT)
			return -1;
	}
	if (digit > 0)
		section += (unsigned long long)digit *
			   (!zero && last_unit >= 100 ? last_unit / 10 : 1);
	*out = total + section;
	return 0;
}

/* Starts with the UTF-8 string `p` at s[i]? Then its end in *end. */
static int
starts_with(const char *s, size_t len, size_t i, const char *p, size_t *end)
{
	size_t n = strlen(p);

	if (i + n > len || memcmp(s + i, p, n))
		return 0;
	*end = i + n;
	return 1;
}

/*
 * Read a Chinese number at s[i] (百分之, 负/負 and the numerals); digits
 * after 百分之 are read by read_digit_number().  Returns where reading
 * goes on (i + the character when it is no number).
 */
static size_t
read_han_number(const char *s, size_t len, size_t i, int comma_lang,
		struct tmg_number *num, int *found)
{
	struct han_run run;
	size_t at = i, point, p, end, from = 0;
	int negative = 0;
	unsigned flags = NUMBER_HAN;
	unsigned long long integer;
	char int_digits[24], frac_digits[32];
	size_t frac_n = 0;

	*found = 0;
	if (starts_with(s, len, at, "百分之", &p)) {
		size_t j = p;

		flags |= NUMBER_PERCENT;
		if (digit_value(next_cp(s, len, &j)) >= 0) {
			size_t next = read_digit_number(s, len, p, p, 0,
							comma_lang, 0, num,
							found);

			if (*found) {
				num->start = i;
				num->flags |= NUMBER_PERCENT | NUMBER_HAN;
			}
			return next;
		}
		at = p;
	} else if (starts_with(s, len, at, "负", &p) ||
		   starts_with(s, len, at, "負", &p)) {
		negative = 1;
		at = p;
	}
	read_han_run(s, len, at, &run);
	if (run.n == 0) {
		p = i;
		next_cp(s, len, &p);
		return p;
	}
	end = run.off[run.n];
	if (!(flags & NUMBER_PERCENT) && !negative) {
		from = han_run_first(s, len, &run);
		if (from == run.n)
			return end;
		i = run.off[from];
	}
	if (run.kind[from] == HAN_POINT)
		return end;
	/* Units alone are no number, except from 十 (十, 十五). */
	{
		int digits = 0;

		for (size_t k = from; k < run.n; k++)
			digits |= run.kind[k] == HAN_DIGIT;
		if (!digits && run.value[from] != 10)
			return end;
	}
	for (point = from; point < run.n && run.kind[point] != HAN_POINT;
	     point++)
		;
	if (han_integer(&run, from, point, &integer) < 0)
		return end;
	for (size_t k = point + 1; k < run.n; k++) {
		if (run.kind[k] != HAN_DIGIT)
			break;
		frac_digits[frac_n++] = (char)('0' + run.value[k]);
	}
	snprintf(int_digits, sizeof int_digits, "%llu", integer);
	if (canonical_value(negative, int_digits, strlen(int_digits),
			    frac_digits, frac_n, 0, num->value) < 0)
		return end;
	num->start = i;
	num->end = end;
	num->flags = flags;
	*found = 1;
	return end;
}

/* ------------------------------------------------------------ reading */

/*
 * Where the digits at text[i] end when they belong to a placeholder: a
 * printf conversion's position, width or precision ("%1$s", "%2$d",
 * "%10s", "%-5d", "%.2f", Qt's "%1"), or a numbered brace ("{0}",
 * "{1,number}"); else i.
 */
static size_t
placeholder_end(const char *text, size_t len, size_t i)
{
	size_t b = i, end = i;

	while (b > 0 && strchr("-+#0.", text[b - 1]) && text[b - 1])
		b--;
	if (b > 0 && text[b - 1] == '%' && !(b > 1 && text[b - 2] == '%')) {
		while (end < len && (isdigit((unsigned char)text[end]) ||
				     text[end] == '.' || text[end] == '$' ||
				     text[end] == '*'))
			end++;
		return end;
	}
	if (i > 0 && text[i - 1] == '{') {
		while (end < len && isdigit((unsigned char)text[end]))
			end++;
		if (end < len && (text[end] == '}' || text[end] == ','))
			return end;
	}
	return i;
}

size_t
numbers_find(const char *text, const char *lang, struct tmg_number **out)
{
	size_t len, i = 0, n = 0, alloc = 0;
	int comma_lang = lang_decimal_comma(lang);
	int han = lang_reads_han(lang);

	*out = NULL;
	if (!text)
		return 0;
	len = strlen(text);
	while (i < len) {
		size_t j = i, next;
		int32_t c = next_cp(text, len, &j);
		struct tmg_number num;
		int found = 0;
		unsigned long long v;

		if (digit_value(c) >= 0 &&
		    (next = placeholder_end(text, len, i)) > i) {
			/* digits of a placeholder: no number */
		} else if (digit_value(c) >= 0) {
			int32_t before = prev_cp(text, i);
			size_t sign = i;

			if (before == '-' || before == 0x2212 ||
			    before == 0xff0d) {
				size_t b = i - (before == '-' ? 1 : 3);
				int32_t bb = prev_cp(text, b);

				if (bb < 0 || !u_isalnum(bb))
					sign = b;
			}
			int list_mark = 0;

			if (n > 0 && i > 0 && (*out)[n - 1].end == i - 1 &&
			    (text[i - 1] == ',' || text[i - 1] == '.'))
				list_mark = text[i - 1];
			next = read_digit_number(text, len, i, sign, list_mark,
						 comma_lang, han, &num, &found);
		} else if (han && (han_numeral(c, &v) >= 0 ||
				   c == 0x8d1f || c == 0x8ca0)) {
			next = read_han_number(text, len, i, comma_lang, &num,
					       &found);
		} else {
			next = j;
		}
		if (found)
			push_number(out, &n, &alloc, &num);
		i = next > i ? next : j;
	}
	return n;
}

/* ------------------------------------------------------------ writing */

static void
add_cp(struct strbuf *sb, int32_t c)
{
	char buf[4];

	strbuf_add(sb, buf, utf8_encode(buf, (unsigned long)c));
}

/* The space of kind flags (NUMBER_NBSP, NUMBER_NNBSP or neither). */
static void
add_space(struct strbuf *sb, unsigned flags)
{
	if (flags & NUMBER_NNBSP)
		add_cp(sb, 0x202f);
	else if (flags & NUMBER_NBSP)
		add_cp(sb, 0xa0);
	else
		strbuf_addch(sb, ' ');
}

static void
add_digit(struct strbuf *sb, char d, int fullwidth)
{
	if (fullwidth)
		add_cp(sb, 0xff10 + (d - '0'));
	else
		strbuf_addch(sb, d);
}

/* Write the integer n (below 10^12) in Chinese numerals. */
static void
add_han_integer(struct strbuf *sb, unsigned long long n, int traditional)
{
	static const char *const digits[] = {
		"零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	static const char *const units[] = { "千", "百", "十", "" };
	const char *big[] = { traditional ? "億" : "亿",
			      traditional ? "萬" : "万", "" };
	unsigned sections[3] = {
		(unsigned)(n / 100000000ULL % 10000),
		(unsigned)(n / 10000 % 10000),
		(unsigned)(n % 10000),
	};
	int started = 0, zero_pending = 0;

	if (n == 0) {
		strbuf_addstr(sb, digits[0]);
		return;
	}
	for (int s = 0; s < 3; s++) {
		unsigned sec = sections[s];
		unsigned div = 1000;

		if (sec == 0) {
			zero_pending = started;
			continue;
		}
		for (int u = 0; u < 4; u++, div /= 10) {
			unsigned d = sec / div % 10;

			if (d == 0) {
				zero_pending = started;
				continue;
			}
			if (zero_pending)
				strbuf_addstr(sb, digits[0]);
			zero_pending = 0;
			/* 十五, not 一十五, at the start. */
			if (!(d == 1 && u == 2 && !started))
				strbuf_addstr(sb, digits[d]);
			strbuf_addstr(sb, units[u]);
			started = 1;
		}
		strbuf_addstr(sb, big[s]);
	}
}

/* Write `value` in Chinese numerals; 0 when it cannot be (too large). */
static int
add_han(struct strbuf *sb, int negative, const char *int_part,
	size_t int_len, const char *frac, int percent, int traditional)
{
	static const char *const digits[] = {
		"零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	unsigned long long n = 0;

	if (int_len > 12)
		return 0;
	for (size_t i = 0; i < int_len; i++)
		n = n * 10 + (unsigned long long)(int_part[i] - '0');
	if (n >= 1000000000000ULL)
		return 0;
	if (percent)
		strbuf_addstr(sb, "百分之");
	if (negative)
		strbuf_addstr(sb, traditional ? "負" : "负");
	add_han_integer(sb, n, traditional);
	if (frac && *frac) {
		strbuf_addstr(sb, traditional ? "點" : "点");
		for (; *frac; frac++)
			strbuf_addstr(sb, digits[*frac - '0']);
	}
	return 1;
}

/* Whether `value` is canonical enough to write: [-]digits[.digits]. */
static int
value_parts(const char *value, int *negative, size_t *int_len,
	    const char **frac)
{
	const char *p = value;

	*negative = *p == '-';
	p += *negative;
	*int_len = strspn(p, "0123456789");
	if (*int_len == 0)
		return 0;
	*frac = NULL;
	if (p[*int_len] == '.') {
		*frac = p + *int_len + 1;
		if (!**frac || (*frac)[strspn(*frac, "0123456789")])
			return 0;
	} else if (p[*int_len]) {
		return 0;
	}
	return 1;
}

char *
number_write(const char *value, const char *lang,
	     const struct tmg_number *model)
{
	struct strbuf sb = { 0 };
	unsigned flags = model ? model->flags : 0;
	const char *int_part, *frac;
	size_t int_len;
	int negative, decimal_comma, fullwidth = !!(flags & NUMBER_FULLWIDTH);
	int group_char = 0;

	if (!value_parts(value, &negative, &int_len, &frac))
		return xstrdup(value);
	int_part = value + negative;

	if ((flags & NUMBER_HAN) &&
	    add_han(&sb, negative, int_part, int_len, frac,
		    !!(flags & NUMBER_PERCENT), lang_traditional(lang)))
		return strbuf_detach(&sb);

	if (flags & NUMBER_DECIMAL_COMMA)
		decimal_comma = 1;
	else if (flags & NUMBER_DECIMAL_POINT)
		decimal_comma = 0;
	else
		decimal_comma = lang_decimal_comma(lang);
	/* "1,234" would read as 1234 where a comma groups: a point then. */
	if (decimal_comma && !lang_decimal_comma(lang) && frac &&
	    strlen(frac) == 3 && int_len <= 3)
		decimal_comma = 0;
	if (flags & NUMBER_GROUPED)
		group_char = flags & NUMBER_GROUP_SPACE ? ' '
			     : decimal_comma ? '.' : ',';

	if (negative)
		strbuf_addch(&sb, '-');
	for (size_t i = 0; i < int_len; i++) {
		if (group_char && i > 0 && (int_len - i) % 3 == 0) {
			if (group_char == ' ')
				add_space(&sb, flags);
			else
				strbuf_addch(&sb, (char)group_char);
		}
		add_digit(&sb, int_part[i], fullwidth);
	}
	if (frac) {
		strbuf_addch(&sb, decimal_comma ? ',' : '.');
		for (; *frac; frac++)
			add_digit(&sb, *frac, fullwidth);
	}
	if (flags & NUMBER_PERCENT) {
		if (flags & NUMBER_SPACED_PERCENT)
			add_space(&sb, flags);
		if (flags & NUMBER_WIDE_PERCENT)
			add_cp(&sb, 0xff05);
		else
			strbuf_addch(&sb, '%');
	}
	return strbuf_detach(&sb);
}
