/*
 * qa.c -- the checks of `tmgloss check` that one segment and its
 * translation tell by themselves, without a memory or a glossary: number,
 * placeholder, untranslated, whitespace, punctuation and length (the term
 * and consistency checks are search/check.c's).  Each finding is one line
 * in a translator's words, handed to the caller's report function.
 *
 * The texts are plain (inline codes left out); the inline codes come from
 * the segment's markup (TMX 1.4b elements, as the readers store it).  A
 * language is French or Chinese by its tag's language ("fr-CA", "zh-TW"
 * alike); Han characters are those of the Han script (Simplified and
 * Traditional alike).  An empty target, or a target that is the source
 * untranslated, is reported by `untranslated` only: the other checks say
 * nothing of a segment not translated yet.
 *
 * untranslated (error): the target is empty (nothing but white space)
 * while the source is not; or the target is the source itself, white
 * space at both ends aside, and the source has words.  A source has words
 * when it holds a Han character, or a word made of letters only
 * (apostrophes and hyphens inside allowed) with two lower-case letters in
 * a row, no capital after a lower-case letter, and a lower-case first
 * letter or an accent ("fichier", "l'écran", "so_us", "Édition"), or a
 * word of six capitals or more ("AVERTISSEMENT").  Numbers, placeholders,
 * tags, file names, URLs ("%s", "v2.0", "foo_bar.c", "http://..."),
 * acronyms ("GNU", "URL", "GNOME"), names in CamelCase ("PackageKit") and
 * capitalised words without an accent ("Firefox", "GNU Emacs") are no
 * words, so a source made of them alone may stay as it is: a capitalised
 * French word alone ("Fichier") is taken for a name too.
 *
 * placeholder (error): the placeholders of source and target, compared as
 * multisets, so that their order may change where the format allows it:
 *   - printf: %s, %d, %5.2f, %ld, %.*s, %%, %m, and numbered ones (%1$s).
 *     Unnumbered conversions are numbered in their order, as printf takes
 *     their arguments, so "%s %d" may become "%2$d %1$s" but not "%d %s",
 *     which is reported as placeholders in a different order.  When
 *     either text is a strftime date format (it has two conversions only
 *     strftime has: %Y, %H, %M, %B, %b, %I, %y...), its conversions are
 *     the language's to choose and order, and are not compared;
 *   - Qt's numbered arguments: %1, %2 (one or two digits, no conversion
 *     letter after them);
 *   - Python: %(name)s; Python and ICU braces: {0}, {name}, {}, {0,number}
 *     and {count, plural, ...} (compared by the argument's name), and
 *     {{name}};
 *   - tags written in the text: </name>, <name/>, <name attr="value">,
 *     and a bare <name> of an HTML element (<b>, <br>, <p>, <span>...),
 *     compared by name, attributes aside (a translated title= or href= is
 *     no finding); another bare <name> is a metavariable of a usage
 *     message ("<fichier>", "<nom d'hôte>"), which is translated;
 *   - inline codes of the markup: TMX <bpt>, <ept>, <it>, <ph>, <ut> and
 *     <hi>, compared by element.
 * Digits inside placeholders, tags and metavariables are no numbers for
 * the number check.
 *
 * number (error): the numbers of both texts (numbers.c: "3,5" = "3.5",
 * "1 000" = "1000" = "1,000", "25 %" = "25%", Chinese numerals by value:
 * 三 = 3, 二十五 = 25, 3万 = 30000, 百分之五 = 5 %) compared as multisets
 * of values, a percentage apart from the same value without its sign.  A
 * number written in Chinese numerals, or in French words ("un", "une",
 * "premier", "deux" to "seize", "vingt" to "soixante" by tens, "cent",
 * "mille", "zéro", "nul", "double"), counts when it answers a number of
 * the other text, but is never reported alone: 一 and "un" are as often
 * articles as numbers.  Digits that name rather than count are left out:
 * inside a word ("i18n"), a metavariable ("<branche1>"), an e-mail
 * address or a URL.  One finding gives every source number missing from
 * the target, with the target's numbers left over; or, when none is
 * missing, the target's numbers that are not in the source.
 *
 * whitespace (warning): the white space at the start of the target, or at
 * its end, is not the source's (a text ending in full-width punctuation
 * needs no space after it: "Nom : " may become "名称：", and "名称：" may
 * become "Nom : "); the target has more doubled spaces than
 * the source; the target has more spaces between two Han characters than
 * the source (an ideographic space U+3000 or a line break is no finding).
 *
 * punctuation (warning):
 *   - end punctuation: the last mark of each text, closing quotes and
 *     brackets skipped, is of a kind: period (. 。), exclamation (! ！),
 *     question (? ？), colon (: ：), semicolon (; ；), comma (, ， 、),
 *     ellipsis (... … ……) or none; the kinds must be the same;
 *   - brackets and quotes of the target must pair: ( ) with （ ）,
 *     [ ] with 【 】, « » with “ ” 「 」 『 』, 《 》 with 〈 〉, and an even
 *     number of '"', unless the source does not pair them either;
 *   - in a French target, with --french-typography: a narrow no-break
 *     space (U+202F) or a no-break space (U+00A0) before ; ! ? and a
 *     no-break space (U+00A0) before : and inside « », where an ordinary
 *     space or none is a finding; marks followed by a letter or a digit
 *     (URLs, times, code) are left alone, and so is the second mark of
 *     "?!";
 *   - in a French target, full-width punctuation (，。！？：；（）「」 ...)
 *     that does not touch a Han character;
 *   - in a Chinese target, ASCII , : ( ) ; ? ! after a Han character, and
 *     . after one at the end or before white space, where the full-width
 *     mark is expected.  ASCII parentheses around no Han character stay
 *     (accelerators "文件(_F)", "(&T)", Latin asides "(2006-2012)"), and
 *     a pair of them is one finding.
 *
 * length (info): for a source of at least 20 characters, the target's
 * character count over the source's is outside the bounds.  White space,
 * placeholders and tags are not counted, nor the ASCII words both texts
 * hold (names, options, code: "RTL", "--verbose"), so that a Chinese
 * target that quotes Latin text is not taken for a long one.  The bounds
 * are the caller's if it gives them; else those learned from a memory's
 * translations of the language pair (search/check.c hands this file a
 * sample of up to 20,000 of the memory's units, evenly spread over it):
 * qa_length_learn() sorts the samples into three bands of source length,
 * 20-39, 40-79 and 80 characters or more (a short source's translation
 * strays further from the usual ratio), and a band of 200 samples or
 * more is bounded by the 0.5 % and 99.5 % quantiles of its ratios, so
 * that about 1 % of the memory's own segments are reported.  A band with
 * fewer samples, or no memory, takes the pair's defaults.  They come from
 * the 74,000 segments of 20 characters or more of the gettext French-
 * Chinese memory, where Chinese is 0.18-0.61 of the French in 90 % of
 * segments and 0.125-0.89 in 99 %: French (or any alphabetic language) to
 * Chinese or Japanese 0.12 to 0.9; the reverse 1.1 to 8.3; two languages
 * of the same kind 0.5 to 2.0 (about 0.5 % of that memory's segments are
 * reported).  A target written four times over a short translation (0.2
 * of its source) stays within the defaults; the bounds learned from that
 * memory (0.10-0.76 for sources of 20-39 characters, 0.13-0.65 for 40-79,
 * 0.13-0.81 for 80 or more) report 146 of 150 (bench/check.sh), and
 * 0.55 % of the memory's other units.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "text/text.h"

static const char *const qa_check_names[QA_NCHECKS] = {
	[QA_TERM_MISSING] = "term-missing",
	[QA_TERM_DEPRECATED] = "term-deprecated",
	[QA_TERM_ADMITTED] = "term-admitted",
	[QA_NUMBER] = "number",
	[QA_PLACEHOLDER] = "placeholder",
	[QA_UNTRANSLATED] = "untranslated",
	[QA_WHITESPACE] = "whitespace",
	[QA_PUNCTUATION] = "punctuation",
	[QA_INCONSISTENT] = "inconsistent",
	[QA_LENGTH] = "length",
};

const char *
qa_check_name(enum qa_check check)
{
	if ((unsigned)check >= QA_NCHECKS)
		return NULL;
	return qa_check_names[check];
}

int
qa_check_by_name(const char *name)
{
	for (int i = 0; i < QA_NCHECKS; i++)
		if (strcmp(qa_check_names[i], name) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------ the texts */

/* One side of the pair, as code points (invalid UTF-8 as U+FFFD). */
struct qa_text {
	const char *utf8;
	size_t len;
	UChar32 *cp;
	size_t n;
	int french, chinese;
	int dense;        /* Chinese or Japanese: a character carries words */
};

static void
qa_text_init(struct qa_text *t, const char *utf8, const char *lang)
{
	char group[LANG_GROUP_MAX];
	int32_t i = 0;

	t->utf8 = utf8 ? utf8 : "";
	t->len = strlen(t->utf8);
	t->cp = xreallocarray(NULL, t->len + 1, sizeof *t->cp);
	t->n = 0;
	while (i < (int32_t)t->len) {
		UChar32 c;

		U8_NEXT(t->utf8, i, (int32_t)t->len, c);
		t->cp[t->n++] = c < 0 ? 0xfffd : c;
	}
	lang_group(lang ? lang : "", group);
	t->french = strcmp(group, "fr") == 0;
	t->chinese = strcmp(group, "zh") == 0;
	t->dense = t->chinese || strcmp(group, "ja") == 0;
}

static int
is_han(UChar32 c)
{
	UErrorCode status = U_ZERO_ERROR;

	if (c < 0x2e80)
		return 0;
	return uscript_getScript(c, &status) == USCRIPT_HAN;
}

static int
is_space(UChar32 c)
{
	return u_isUWhiteSpace(c);
}

/* Spaces inside a line: doubled ones, and those between Han characters. */
static int
is_line_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == 0xa0 || c == 0x202f ||
	       c == 0x2009;
}

/* Full-width punctuation: CJK symbols and punctuation, full-width forms. */
static int
is_fullwidth_punct(UChar32 c)
{
	if (c >= 0x3001 && c <= 0x303f)
		return c != 0x3005 && c != 0x3007; /* 々 〇 are letters */
	if (c >= 0xff01 && c <= 0xff65)
		return u_ispunct(c);
	return 0;
}

/* First code point that is not white space, and one past the last. */
static size_t
text_first(const struct qa_text *t)
{
	size_t i = 0;

	while (i < t->n && is_space(t->cp[i]))
		i++;
	return i;
}

static size_t
text_last(const struct qa_text *t)
{
	size_t i = t->n;

	while (i > 0 && is_space(t->cp[i - 1]))
		i--;
	return i;
}

/*
 * Write cp[from..to) to `out` as UTF-8, line breaks and tabs as spaces,
 * cut at a code point boundary when it does not fit.
 */
static void
text_excerpt(const struct qa_text *t, size_t from, size_t to, char *out,
	     size_t size)
{
	size_t len = 0;

	for (size_t i = from; i < to && i < t->n; i++) {
		char buf[4];
		UChar32 c = t->cp[i];
		size_t n;

		if (c < 0x20)
			c = ' ';
		n = utf8_encode(buf, (unsigned long)c);
		if (len + n + 1 > size)
			break;
		memcpy(out + len, buf, n);
		len += n;
	}
	out[len] = '\0';
}

/* A short excerpt of the text around cp[at..end): a few characters on
 * either side. */
static void
text_context(const struct qa_text *t, size_t at, size_t end, char *out,
	     size_t size)
{
	size_t from = at > 6 ? at - 6 : 0;

	text_excerpt(t, from, end + 6, out, size);
}

/* One code point as UTF-8 in `out` (at least 5 bytes). */
static const char *
char_string(UChar32 c, char out[8])
{
	out[utf8_encode(out, (unsigned long)c)] = '\0';
	return out;
}

/* ------------------------------------------------------- reporting */

struct qa_run {
	const struct qa_pair_options *options;
	qa_report_fn report;
	void *data;
	struct qa_text src, tgt;
};

static void qa_reportf(struct qa_run *run, enum qa_check check,
		       enum qa_severity severity, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
qa_reportf(struct qa_run *run, enum qa_check check,
	   enum qa_severity severity, const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	for (char *p = message; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	run->report(run->data, check, severity, message);
}

static int
qa_wants(const struct qa_run *run, enum qa_check check)
{
	return (run->options->checks & (1u << check)) != 0;
}

/* ---------------------------------------------------------- placeholders */

struct qa_placeholder {
	char key[64];     /* what must match on the other side */
	char shown[64];   /* as written */
	size_t start, end; /* its bytes in the plain text (end 0: markup) */
	int unnumbered;   /* a printf conversion numbered by its order */
	int printf_like;  /* a printf conversion (strftime reads them too) */
	int used;
};

struct qa_placeholders {
	struct qa_placeholder *items;
	size_t count, alloc;
};

static struct qa_placeholder *
placeholder_add(struct qa_placeholders *list, const char *s, size_t start,
		size_t end)
{
	struct qa_placeholder *ph;
	size_t n = end - start;

	ALLOC_GROW(list->items, list->count + 1, list->alloc);
	ph = &list->items[list->count++];
	memset(ph, 0, sizeof *ph);
	if (n > sizeof ph->shown - 1)
		n = sizeof ph->shown - 1;
	memcpy(ph->shown, s + start, n);
	ph->shown[n] = '\0';
	memcpy(ph->key, ph->shown, n + 1);
	ph->start = start;
	ph->end = end;
	return ph;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_ident(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* A printf width or precision at s[j]: digits, or '*' (one more
 * argument, counted in *stars).  Returns where it ends. */
static size_t
skip_printf_count(const char *s, size_t j, int *stars)
{
	if (s[j] == '*') {
		(*stars)++;
		return j + 1;
	}
	while (is_digit(s[j]))
		j++;
	return j;
}

/*
 * A printf conversion at s[i] ('%'): its length, or 0 when there is none.
 * `*order` counts the arguments unnumbered conversions take.
 */
static size_t
scan_printf(const char *s, size_t i, int *order,
	    struct qa_placeholders *list)
{
	size_t j = i + 1, spec;
	int position = 0, stars = 0;
	struct qa_placeholder *ph;

	if (s[j] == '%') {
		placeholder_add(list, s, i, j + 1)->printf_like = 1;
		return 2;
	}
	if (s[j] == '(') { /* Python: %(name)s */
		size_t k = j + 1;

		while (is_ident(s[k]))
			k++;
		if (k == j + 1 || s[k] != ')')
			return 0;
		j = k + 1;
		while (s[j] && strchr("-+#0", s[j]))
			j++;
		while (is_digit(s[j]) || s[j] == '.')
			j++;
		if (!s[j] || !strchr("diouxXeEfFgGcrsa", s[j]))
			return 0;
		placeholder_add(list, s, i, j + 1);
		return j + 1 - i;
	}
	if (is_digit(s[j]) && s[j] != '0') {
		size_t k = j;

		while (is_digit(s[k]))
			k++;
		if (s[k] == '$') {
			position = atoi(s + j);
			j = k + 1;
		}
	}
	spec = j;
	while (s[j] && strchr("-+#0'", s[j]))
		j++;
	j = skip_printf_count(s, j, &stars);
	if (s[j] == '.')
		j = skip_printf_count(s, j + 1, &stars);
	while (s[j] && strchr("hlLqjzt", s[j]))
		j++;
	if (!s[j] || !strchr("diouxXeEfFgGaAcspnmCS", s[j])) {
		size_t k = i + 1;

		/* Qt's numbered arguments: %1, %2 (digits, and no more). */
		while (is_digit(s[k]))
			k++;
		if (position || k == i + 1 || s[i + 1] == '0' || k > i + 3)
			return 0;
		placeholder_add(list, s, i, k);
		return k - i;
	}
	ph = placeholder_add(list, s, i, j + 1);
	ph->printf_like = 1;
	if (s[j] == 'm') /* glibc's strerror(errno): no argument */
		return j + 1 - i;
	if (!position) {
		*order += stars + 1;
		position = *order;
		ph->unnumbered = 1;
	}
	snprintf(ph->key, sizeof ph->key, "%%%d$%.*s", position,
		 (int)(j + 1 - spec), s + spec);
	return j + 1 - i;
}

/*
 * A brace placeholder at s[i] ('{'): {0}, {name}, {}, {0,number},
 * {count, plural, ...} (to its matching brace) or {{name}}.  Its length,
 * or 0.
 */
static size_t
scan_brace(const char *s, size_t i, struct qa_placeholders *list)
{
	size_t j = i + 1, name;
	int depth = 1;
	struct qa_placeholder *ph;

	if (s[j] == '{') { /* {{name}}, else an escaped brace */
		size_t k = j + 1;

		while (s[k] == ' ')
			k++;
		if (!is_ident(s[k]))
			return 0;
		while (is_ident(s[k]) || s[k] == '.')
			k++;
		while (s[k] == ' ')
			k++;
		if (s[k] != '}' || s[k + 1] != '}')
			return 0;
		placeholder_add(list, s, i, k + 2);
		return k + 2 - i;
	}
	name = j;
	while (is_ident(s[j]) || s[j] == '.')
		j++;
	if (s[j] != '}' && s[j] != ',' && s[j] != ':' && s[j] != '!')
		return 0;
	ph = placeholder_add(list, s, i, j);
	snprintf(ph->key, sizeof ph->key, "{%.*s}", (int)(j - name), s + name);
	memcpy(ph->shown, ph->key, sizeof ph->key);
	for (; s[j]; j++) {
		if (s[j] == '{')
			depth++;
		else if (s[j] == '}' && --depth == 0)
			break;
	}
	if (!s[j]) {
		list->count--;
		return 0;
	}
	ph->end = j + 1;
	return j + 1 - i;
}

/* HTML elements that stand bare in messages (<b>, <br>, <p>): a bare
 * "<name>" of another name is a metavariable ("<fichier>", "<nom>"), a
 * word the translator translates. */
static const char *const html_elements[] = {
	"a", "b", "big", "blockquote", "br", "dd", "div", "dl", "dt", "em",
	"font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd",
	"li", "ol", "p", "pre", "samp", "small", "span", "strike", "strong",
	"sub", "sup", "td", "th", "tr", "tt", "u", "ul",
};

static int
is_html_element(const char *name, size_t len)
{
	for (size_t k = 0; k < sizeof html_elements / sizeof *html_elements;
	     k++)
		if (strlen(html_elements[k]) == len &&
		    strncasecmp(html_elements[k], name, len) == 0)
			return 1;
	return 0;
}

/* The attributes of a tag from s[j]: name="value", name='value',
 * name=value or name alone, each after white space; *count tells those
 * with a value ("<bouton gauche>" has none: a metavariable).  Returns
 * where they end, or 0 when something else stands there. */
static size_t
skip_attributes(const char *s, size_t j, int *count)
{
	*count = 0;
	while (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		while (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')
			j++;
		if (!is_alpha(s[j]))
			return j;
		while (is_ident(s[j]) || s[j] == '-' || s[j] == ':')
			j++;
		if (s[j] != '=')
			continue;
		(*count)++;
		j++;
		if (s[j] == '"' || s[j] == '\'') {
			const char *close = strchr(s + j + 1, s[j]);

			if (!close)
				return 0;
			j = (size_t)(close - s) + 1;
		} else {
			while (s[j] && !strchr(" \t\n<>\"'", s[j]))
				j++;
		}
	}
	return j;
}

/*
 * A tag written in the text at s[i] ('<'): <b>, </b>, <br/>, <a href=..>,
 * <x/>, <x attr=".."> (a bare <x> only of an HTML element).  Its length,
 * or 0.  The key is the tag without its attributes.
 */
static size_t
scan_tag(const char *s, size_t i, struct qa_placeholders *list)
{
	size_t j = i + 1, name, name_len;
	int closing = 0, empty = 0, attributes = 0;
	struct qa_placeholder *ph;

	if (s[j] == '/') {
		closing = 1;
		j++;
	}
	if (!is_alpha(s[j]))
		return 0;
	name = j;
	while (is_ident(s[j]) || s[j] == '-' || s[j] == ':')
		j++;
	name_len = j - name;
	if (!closing && !(j = skip_attributes(s, j, &attributes)))
		return 0;
	if (s[j] == '/' && !closing) {
		empty = 1;
		j++;
	}
	if (s[j] != '>')
		return 0;
	if (!closing && !empty && !attributes &&
	    !is_html_element(s + name, name_len))
		return 0;
	ph = placeholder_add(list, s, i, j + 1);
	snprintf(ph->key, sizeof ph->key, "<%s%.*s%s>", closing ? "/" : "",
		 (int)name_len, s + name, empty ? "/" : "");
	for (char *p = ph->key; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (strlen(ph->shown) > 40)
		memcpy(ph->shown, ph->key, sizeof ph->key);
	return j + 1 - i;
}

/* The placeholders and tags written in a plain text. */
static void
placeholders_of_text(const char *s, struct qa_placeholders *list)
{
	int order = 0;

	for (size_t i = 0; s[i];) {
		size_t n = 0;

		if (s[i] == '%')
			n = scan_printf(s, i, &order, list);
		else if (s[i] == '{')
			n = scan_brace(s, i, list);
		else if (s[i] == '<')
			n = scan_tag(s, i, list);
		i += n ? n : 1;
	}
}

/*
 * The inline codes of a segment's stored markup: every start or empty tag
 * of a TMX code element (text is escaped there, so each '<' opens a tag).
 */
static void
placeholders_of_markup(const char *markup, struct qa_placeholders *list)
{
	static const char *const codes[] = { "bpt", "ept", "it", "ph", "ut",
					     "hi" };

	for (const char *p = markup; p && (p = strchr(p, '<')); p++) {
		size_t n = 0;

		if (p[1] == '/')
			continue;
		while (is_ident(p[1 + n]))
			n++;
		for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
			struct qa_placeholder *ph;

			if (strlen(codes[k]) != n || memcmp(p + 1, codes[k], n))
				continue;
			ph = placeholder_add(list, p, 0, 0);
			snprintf(ph->key, sizeof ph->key, "<%s>", codes[k]);
			memcpy(ph->shown, ph->key, sizeof ph->key);
			break;
		}
	}
}

/*
 * Is the text a date format for strftime ("%A %e %B %Y", "%H:%M")?  Its
 * conversions are then the language's own order and choice, not the
 * arguments of a printf: two conversions only strftime has (%Y, %H, %M,
 * %B, %b, %I, %y, %j, %k, %P, %z, %Z, %T, %R, %D, %F, %V, %G, %U, %W, %C,
 * with glibc's flags - _ 0 ^ #) make it one (one alone may be another
 * tool's: ld's %P).
 */
static int
is_date_format(const char *s)
{
	int count = 0;

	for (const char *p = s; (p = strchr(p, '%')); p++) {
		if (p[1] == '%') {
			p++;
			continue;
		}
		if (p[1] && strchr("-_0^#", p[1]))
			p++;
		if (p[1] && strchr("YHMBbIyjkPzZTRDFVGUWC", p[1]))
			count++;
	}
	return count >= 2;
}

/* Leave the printf conversions of a list out of the comparison. */
static void
placeholders_drop_printf(struct qa_placeholders *list)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].printf_like)
			list->items[i].used = 1;
}

/* Match the two lists as multisets by key (marking `used`; items used
 * already stay out); returns how many items of either list are left. */
static size_t
placeholders_match(struct qa_placeholders *a, struct qa_placeholders *b)
{
	size_t left = 0;

	for (size_t i = 0; i < a->count; i++)
		for (size_t k = 0; k < b->count && !a->items[i].used; k++)
			if (!b->items[k].used &&
			    strcmp(a->items[i].key, b->items[k].key) == 0)
				a->items[i].used = b->items[k].used = 1;
	for (size_t i = 0; i < a->count; i++)
		left += !a->items[i].used;
	for (size_t k = 0; k < b->count; k++)
		left += !b->items[k].used;
	return left;
}

/* The unnumbered conversions of `list`, as written, space-separated. */
static void
unnumbered_sequence(const struct qa_placeholders *list, char *out,
		    size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < list->count; i++) {
		int n;

		if (!list->items[i].unnumbered)
			continue;
		n = snprintf(out + len, size - len, "%s%s", len ? " " : "",
			     list->items[i].shown);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

/* Append the unnumbered conversions of `from` to `to`, keyed as written. */
static void
unnumbered_as_written(const struct qa_placeholders *from,
		      struct qa_placeholders *to)
{
	for (size_t i = 0; i < from->count; i++) {
		struct qa_placeholder *ph;

		if (!from->items[i].unnumbered)
			continue;
		ALLOC_GROW(to->items, to->count + 1, to->alloc);
		ph = &to->items[to->count++];
		*ph = from->items[i];
		memcpy(ph->key, ph->shown, sizeof ph->key);
		ph->used = 0;
	}
}

/* Do the unnumbered conversions of both lists, as written, make the same
 * multiset (only their order differs)? */
static int
same_unnumbered_conversions(const struct qa_placeholders *a,
			    const struct qa_placeholders *b)
{
	struct qa_placeholders x = { 0 }, y = { 0 };
	size_t left;

	unnumbered_as_written(a, &x);
	unnumbered_as_written(b, &y);
	left = placeholders_match(&x, &y);
	free(x.items);
	free(y.items);
	return x.count > 0 && left == 0;
}

static void
check_placeholders(struct qa_run *run, struct qa_placeholders *src,
		   struct qa_placeholders *tgt)
{
	int date = is_date_format(run->src.utf8) ||
		   is_date_format(run->tgt.utf8);

	if (date) {
		placeholders_drop_printf(src);
		placeholders_drop_printf(tgt);
	}
	if (placeholders_match(src, tgt) == 0)
		return;
	if (!date && same_unnumbered_conversions(src, tgt)) {
		char a[256], b[256];

		unnumbered_sequence(src, a, sizeof a);
		unnumbered_sequence(tgt, b, sizeof b);
		qa_reportf(run, QA_PLACEHOLDER, QA_ERROR,
			   _("placeholders '%s' of the source are in another "
			     "order in the target ('%s'); number them "
			     "('%%1$s') to reorder them"), a, b);
		for (size_t i = 0; i < src->count; i++)
			if (src->items[i].unnumbered)
				src->items[i].used = 1;
		for (size_t i = 0; i < tgt->count; i++)
			if (tgt->items[i].unnumbered)
				tgt->items[i].used = 1;
	}
	for (size_t i = 0; i < src->count; i++)
		if (!src->items[i].used)
			qa_reportf(run, QA_PLACEHOLDER, QA_ERROR,
				   _("placeholder '%s' of the source is "
				     "missing from the target"),
				   src->items[i].shown);
	for (size_t i = 0; i < tgt->count; i++)
		if (!tgt->items[i].used)
			qa_reportf(run, QA_PLACEHOLDER, QA_ERROR,
				   _("placeholder '%s' in the target is not "
				     "in the source"), tgt->items[i].shown);
}

/* --------------------------------------------------------------- numbers */

/* A number of one text: its value, and whether it is weak evidence (Chinese
 * numerals, French words) that answers a number but never asks for one. */
struct qa_number {
	char key[56];   /* value, with '%' for a percentage */
	char shown[64]; /* as written */
	int weak;
	int used;
};

struct qa_numbers {
	struct qa_number *items;
	size_t count, alloc;
};

static void
number_add(struct qa_numbers *list, const char *value, int percent,
	   const char *text, size_t start, size_t end, int weak)
{
	struct qa_number *n;
	size_t len = end - start;

	ALLOC_GROW(list->items, list->count + 1, list->alloc);
	n = &list->items[list->count++];
	snprintf(n->key, sizeof n->key, "%s%s", value, percent ? "%" : "");
	if (len > sizeof n->shown - 1)
		len = sizeof n->shown - 1;
	memcpy(n->shown, text + start, len);
	n->shown[len] = '\0';
	n->weak = weak;
	n->used = 0;
}

/* French number words: weak evidence, as "un" is as often an article. */
static const struct { const char *word, *value; } french_numbers[] = {
	{ "un", "1" }, { "une", "1" }, { "deux", "2" }, { "trois", "3" },
	{ "quatre", "4" }, { "cinq", "5" }, { "six", "6" }, { "sept", "7" },
	{ "huit", "8" }, { "neuf", "9" }, { "dix", "10" }, { "onze", "11" },
	{ "douze", "12" }, { "treize", "13" }, { "quatorze", "14" },
	{ "quinze", "15" }, { "seize", "16" }, { "vingt", "20" },
	{ "trente", "30" }, { "quarante", "40" }, { "cinquante", "50" },
	{ "soixante", "60" }, { "cent", "100" }, { "mille", "1000" },
	{ "z\xc3\xa9ro", "0" }, { "nul", "0" }, { "nulle", "0" },
	{ "premier", "1" }, { "premi\xc3\xa8re", "1" }, { "double", "2" },
};

static int
is_word_byte(unsigned char c)
{
	return is_alpha((char)c) || c >= 0x80;
}

static void
french_number_words(const char *s, struct qa_numbers *list)
{
	for (size_t i = 0; s[i];) {
		size_t j = i;

		if (!is_word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		while (s[j] && is_word_byte((unsigned char)s[j]))
			j++;
		for (size_t k = 0; k < sizeof french_numbers /
					 sizeof *french_numbers; k++)
			if (strlen(french_numbers[k].word) == j - i &&
			    strncasecmp(french_numbers[k].word, s + i,
					j - i) == 0)
				number_add(list, french_numbers[k].value, 0, s,
					   i, j, 1);
		i = j;
	}
}

/*
 * Is the number at bytes [start, end) of `s` part of a name rather than
 * a quantity: inside an identifier (a letter on both sides: "i18n",
 * "REP2SCHEMA"), a metavariable ("<branche1>"), an e-mail address or a
 * URL (the white-space-delimited word holds '@' or "://")?
 */
static int
number_in_name(const char *s, size_t start, size_t end)
{
	size_t a = start, b = end;

	if (start > 0 && is_alpha(s[start - 1]) && is_alpha(s[end]))
		return 1;
	while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\t' &&
	       s[a - 1] != '\n')
		a--;
	while (s[b] && s[b] != ' ' && s[b] != '\t' && s[b] != '\n')
		b++;
	for (size_t i = a; i < b; i++)
		if (s[i] == '@' || (s[i] == ':' && s[i + 1] == '/' &&
				    s[i + 2] == '/'))
			return 1;
	for (size_t i = start; i > a; i--)
		if (s[i - 1] == '>')
			break;
		else if (s[i - 1] == '<')
			return strchr(s + end, '>') != NULL;
	return 0;
}

/* The numbers of a text, those inside its placeholders and tags left
 * out ("%1$s", "<h1>"), and those of names (number_in_name()). */
static void
numbers_of_text(const struct qa_text *t, const char *lang,
		const struct qa_placeholders *placeholders,
		struct qa_numbers *list)
{
	struct tmg_number *found = NULL;
	size_t count = numbers_find(t->utf8, lang ? lang : "", &found);

	for (size_t i = 0; i < count; i++) {
		struct tmg_number *n = &found[i];
		int inside = 0;

		for (size_t k = 0; k < placeholders->count && !inside; k++) {
			const struct qa_placeholder *ph =
				&placeholders->items[k];

			if (ph->end == 0 || n->start >= ph->end ||
			    n->end <= ph->start)
				continue;
			/* "0%o": the sign is the placeholder's, not a
			 * percentage's. */
			if ((n->flags & NUMBER_PERCENT) &&
			    ph->start > n->start &&
			    t->utf8[ph->start] == '%') {
				n->end = ph->start;
				n->flags &= ~(unsigned)NUMBER_PERCENT;
				continue;
			}
			inside = 1;
		}
		inside = inside || number_in_name(t->utf8, n->start, n->end);
		if (!inside)
			number_add(list, n->value,
				   (n->flags & NUMBER_PERCENT) != 0, t->utf8,
				   n->start, n->end,
				   (n->flags & NUMBER_HAN) != 0);
	}
	free(found);
	if (t->french)
		french_number_words(t->utf8, list);
}

/* Match the unused numbers of `a` (strong ones, or all when `weak_too`)
 * with the unused ones of `b` of the same value. */
static void
numbers_match(struct qa_numbers *a, struct qa_numbers *b, int weak_too)
{
	for (size_t i = 0; i < a->count; i++) {
		if (a->items[i].used || (a->items[i].weak && !weak_too))
			continue;
		for (size_t k = 0; k < b->count; k++) {
			if (b->items[k].used ||
			    (b->items[k].weak && !weak_too) ||
			    strcmp(a->items[i].key, b->items[k].key))
				continue;
			a->items[i].used = b->items[k].used = 1;
			break;
		}
	}
}

/* The strong numbers of `list` left unmatched, as written, comma-separated;
 * how many. */
static size_t
numbers_left(const struct qa_numbers *list, char *out, size_t size)
{
	size_t count = 0, len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < list->count; i++) {
		int n;

		if (list->items[i].used || list->items[i].weak)
			continue;
		count++;
		n = snprintf(out + len, size - len, "%s%s", len ? ", " : "",
			     list->items[i].shown);
		if (n > 0 && (size_t)n < size - len)
			len += (size_t)n;
	}
	return count;
}

static void
check_numbers(struct qa_run *run, const char *src_lang,
	      const char *tgt_lang, const struct qa_placeholders *src_ph,
	      const struct qa_placeholders *tgt_ph)
{
	struct qa_numbers src = { 0 }, tgt = { 0 };
	char found[200], lost[200];
	size_t extra, missing;

	numbers_of_text(&run->src, src_lang, src_ph, &src);
	numbers_of_text(&run->tgt, tgt_lang, tgt_ph, &tgt);
	/* Strong numbers first, so that a weak one never takes the place
	 * of a strong one that answers. */
	numbers_match(&src, &tgt, 0);
	numbers_match(&src, &tgt, 1);
	extra = numbers_left(&tgt, found, sizeof found);
	missing = numbers_left(&src, lost, sizeof lost);
	if (missing && extra)
		qa_reportf(run, QA_NUMBER, QA_ERROR,
			   dngettext(PACKAGE,
				     "number %s in the source is missing "
				     "from the target (found %s)",
				     "numbers %s in the source are missing "
				     "from the target (found %s)", missing),
			   lost, found);
	else if (missing)
		qa_reportf(run, QA_NUMBER, QA_ERROR,
			   dngettext(PACKAGE,
				     "number %s in the source is missing "
				     "from the target",
				     "numbers %s in the source are missing "
				     "from the target", missing), lost);
	else if (extra)
		qa_reportf(run, QA_NUMBER, QA_ERROR,
			   dngettext(PACKAGE,
				     "number %s in the target is not in the "
				     "source",
				     "numbers %s in the target are not in "
				     "the source", extra), found);
	free(src.items);
	free(tgt.items);
}

/* -------------------------------------------------------- untranslated */

/*
 * Does the text hold words (see the top of the file)?  A Han character,
 * or a word of letters only (apostrophes and hyphens inside allowed, and
 * the accelerator marks _ and &) with two lower-case letters in a row, no
 * capital after a lower-case letter ("PackageKit", "iPhone" are names),
 * and a lower-case first letter or an accented letter ("Édition",
 * "Activé"; "Firefox" is a name); or a word of six capitals or more
 * ("AVERTISSEMENT"; "GNOME" is an acronym).  Commas and semicolons part
 * words ("app;logiciel").
 */
static int
text_has_words(const struct qa_text *t)
{
	size_t i = 0;

	while (i < t->n) {
		size_t start, end, lower_run = 0, best_run = 0, upper = 0;
		int code = 0, camel = 0, accent = 0;

		while (i < t->n && (is_space(t->cp[i]) || t->cp[i] == ',' ||
				    t->cp[i] == ';'))
			i++;
		start = i;
		while (i < t->n && !is_space(t->cp[i]) && t->cp[i] != ',' &&
		       t->cp[i] != ';')
			i++;
		end = i;
		/* Punctuation around a word is not the word's. */
		while (start < end && !u_isalnum(t->cp[start]) &&
		       !is_han(t->cp[start]))
			start++;
		while (end > start && !u_isalnum(t->cp[end - 1]) &&
		       !is_han(t->cp[end - 1]))
			end--;
		for (size_t k = start; k < end; k++) {
			UChar32 c = t->cp[k];

			if (is_han(c))
				return 1;
			if (u_islower(c)) {
				if (++lower_run > best_run)
					best_run = lower_run;
				accent |= c >= 0x80;

			} else if (u_isupper(c) || u_istitle(c)) {
				camel |= lower_run > 0;
				lower_run = 0;
				upper++;
				accent |= c >= 0x80;
			} else if (c == '_' || c == '&' || c == 0xfffd) {
				/* an accelerator ("Co_pier"), or a letter
				   of a wrong encoding (accented, mostly) */
				accent |= c == 0xfffd;
				continue;
			} else if (u_charType(c) != U_NON_SPACING_MARK) {
				lower_run = 0;
				if (!u_isalpha(c) && c != '\'' && c != 0x2019 &&
				    c != '-')
					code = 1;
			}
		}
		if (!code && ((!camel && best_run >= 2 &&
			       (u_islower(t->cp[start]) || accent)) ||
			      (best_run == 0 && upper >= 6)))
			return 1;
	}
	return 0;
}

/* Source and target equal once white space at both ends is left out. */
static int
texts_equal_trimmed(const struct qa_text *a, const struct qa_text *b)
{
	size_t a0 = text_first(a), a1 = text_last(a);
	size_t b0 = text_first(b), b1 = text_last(b);

	return a1 - a0 == b1 - b0 &&
	       memcmp(a->cp + a0, b->cp + b0, (a1 - a0) * sizeof *a->cp) == 0;
}

/* ------------------------------------------------------------ whitespace */

/* Runs of two spaces or more inside the text, and the first's place. */
static size_t
count_doubled_spaces(const struct qa_text *t, size_t *first)
{
	size_t count = 0, end = text_last(t);

	for (size_t i = text_first(t); i + 1 < end; i++) {
		if (!is_line_space(t->cp[i]) || !is_line_space(t->cp[i + 1]))
			continue;
		if (count++ == 0)
			*first = i;
		while (i + 1 < end && is_line_space(t->cp[i + 1]))
			i++;
	}
	return count;
}

/* Spaces between two Han characters, and the first's place. */
static size_t
count_spaces_in_han(const struct qa_text *t, size_t *first)
{
	size_t count = 0;

	for (size_t i = 1; i + 1 < t->n; i++) {
		size_t k = i;

		if (!is_line_space(t->cp[i]) || !is_han(t->cp[i - 1]))
			continue;
		while (k < t->n && is_line_space(t->cp[k]))
			k++;
		if (k < t->n && is_han(t->cp[k]) && count++ == 0)
			*first = i;
		i = k;
	}
	return count;
}

/* Does the text end with full-width punctuation before its end spaces? */
static int
ends_fullwidth(const struct qa_text *t)
{
	size_t last = text_last(t);

	return last > 0 && is_fullwidth_punct(t->cp[last - 1]);
}

static void
check_whitespace(struct qa_run *run)
{
	const struct qa_text *s = &run->src, *t = &run->tgt;
	size_t s0 = text_first(s), t0 = text_first(t);
	size_t s1 = text_last(s), t1 = text_last(t);
	size_t ns, nt, at = 0, ignored;
	char context[96];

	if (s0 != t0 || memcmp(s->cp, t->cp, s0 * sizeof *s->cp))
		qa_reportf(run, QA_WHITESPACE, QA_WARNING,
			   s0 && !t0 ? _("the source begins with white space "
					 "and the target does not")
			   : !s0 && t0 ? _("the target begins with white space "
					   "and the source does not")
			   : _("the target begins with other white space "
			       "than the source"));
	if ((s->n - s1 != t->n - t1 ||
	     memcmp(s->cp + s1, t->cp + t1, (s->n - s1) * sizeof *s->cp)) &&
	    !(t->n == t1 && s->n > s1 && ends_fullwidth(t) &&
	      !ends_fullwidth(s)) &&
	    !(s->n == s1 && t->n > t1 && ends_fullwidth(s) &&
	      !ends_fullwidth(t)))
		qa_reportf(run, QA_WHITESPACE, QA_WARNING,
			   s->n > s1 && t->n == t1
			   ? _("the source ends with white space and the "
			       "target does not")
			   : s->n == s1 && t->n > t1
			   ? _("the target ends with white space and the "
			       "source does not")
			   : _("the target ends with other white space than "
			       "the source"));

	ns = count_doubled_spaces(s, &ignored);
	nt = count_doubled_spaces(t, &at);
	if (nt > ns) {
		text_context(t, at, at + 2, context, sizeof context);
		qa_reportf(run, QA_WHITESPACE, QA_WARNING,
			   _("doubled space in the target: '%s'"), context);
	}
	ns = count_spaces_in_han(s, &ignored);
	nt = count_spaces_in_han(t, &at);
	if (nt > ns) {
		text_excerpt(t, at > 4 ? at - 4 : 0, at + 5, context,
			     sizeof context);
		qa_reportf(run, QA_WHITESPACE, QA_WARNING,
			   _("space between Chinese characters in the "
			     "target: '%s'"), context);
	}
}

/* ----------------------------------------------------------- punctuation */

enum end_kind {
	END_NONE, END_PERIOD, END_EXCLAMATION, END_QUESTION, END_COLON,
	END_SEMICOLON, END_COMMA, END_ELLIPSIS
};

static int
is_closing(UChar32 c)
{
	switch (c) {
	case ')': case ']': case '"': case '\'': case 0xbb: case 0x2019:
	case 0x201d: case 0x203a: case 0xff09: case 0x3011: case 0x300d:
	case 0x300f: case 0x300b: case 0x3009: case 0xff3d:
		return 1;
	}
	return 0;
}

/* The kind of the text's end punctuation, and where it is: t->cp[*at ..
 * *end). */
static enum end_kind
end_punctuation(const struct qa_text *t, size_t *at, size_t *end)
{
	size_t i = text_last(t);

	while (i > 0 && (is_closing(t->cp[i - 1]) || is_space(t->cp[i - 1])))
		i--;
	if (i == 0)
		return END_NONE;
	*at = i - 1;
	*end = i;
	switch (t->cp[i - 1]) {
	case '.':
		if (i >= 3 && t->cp[i - 2] == '.' && t->cp[i - 3] == '.') {
			*at = i - 3;
			return END_ELLIPSIS;
		}
		/* fall through */
	case 0x3002: case 0xff0e: case 0xff61:
		return END_PERIOD;
	case '!': case 0xff01:
		return END_EXCLAMATION;
	case '?': case 0xff1f:
		return END_QUESTION;
	case ':': case 0xff1a:
		return END_COLON;
	case ';': case 0xff1b:
		return END_SEMICOLON;
	case ',': case 0xff0c: case 0x3001:
		return END_COMMA;
	case 0x2026: case 0x22ef:
		while (*at > 0 && (t->cp[*at - 1] == 0x2026 ||
				   t->cp[*at - 1] == 0x22ef))
			(*at)--;
		return END_ELLIPSIS;
	}
	return END_NONE;
}

static void
check_end_punctuation(struct qa_run *run)
{
	size_t sat = 0, send = 0, tat = 0, tend = 0;
	enum end_kind s = end_punctuation(&run->src, &sat, &send);
	enum end_kind t = end_punctuation(&run->tgt, &tat, &tend);
	char a[32], b[32];

	if (s == t)
		return;
	text_excerpt(&run->src, sat, send, a, sizeof a);
	text_excerpt(&run->tgt, tat, tend, b, sizeof b);
	if (t == END_NONE)
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("the source ends with '%s' but the target has no "
			     "end punctuation"), a);
	else if (s == END_NONE)
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("the target ends with '%s' but the source has no "
			     "end punctuation"), b);
	else
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("the source ends with '%s' and the target with "
			     "'%s'"), a, b);
}

/* The pairs of brackets and quotes, by family: a family's openers and
 * closers stand for one another across French and Chinese. */
static const struct bracket_family {
	UChar32 open[4], close[4];
} bracket_families[] = {
	{ { '(', 0xff08 }, { ')', 0xff09 } },
	{ { '[', 0x3010, 0xff3b }, { ']', 0x3011, 0xff3d } },
	{ { 0xab, 0x201c, 0x300c, 0x300e }, { 0xbb, 0x201d, 0x300d, 0x300f } },
	{ { 0x300a, 0x3008 }, { 0x300b, 0x3009 } },
};

static int
in_set(const UChar32 set[4], UChar32 c)
{
	for (int i = 0; i < 4 && set[i]; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

/* Do the family's brackets pair in the text?  When not, `*bad` is the
 * first closer without an opener, or the last opener left open. */
static int
brackets_pair(const struct qa_text *t, const struct bracket_family *f,
	      UChar32 *bad)
{
	size_t depth = 0;
	UChar32 last_open = 0;

	for (size_t i = 0; i < t->n; i++) {
		if (in_set(f->open, t->cp[i])) {
			depth++;
			last_open = t->cp[i];
		} else if (in_set(f->close, t->cp[i])) {
			if (depth == 0) {
				*bad = t->cp[i];
				return 0;
			}
			depth--;
		}
	}
	*bad = last_open;
	return depth == 0;
}

static size_t
count_char(const struct qa_text *t, UChar32 c)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += t->cp[i] == c;
	return n;
}

static void
check_brackets(struct qa_run *run)
{
	char buf[8];

	for (size_t f = 0; f < sizeof bracket_families /
				 sizeof *bracket_families; f++) {
		UChar32 bad, ignored;

		if (!brackets_pair(&run->tgt, &bracket_families[f], &bad) &&
		    brackets_pair(&run->src, &bracket_families[f], &ignored))
			qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
				   _("unpaired '%s' in the target"),
				   char_string(bad, buf));
	}
	if (count_char(&run->tgt, '"') % 2 && count_char(&run->src, '"') % 2 == 0)
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("unpaired '%s' in the target"), "\"");
}

/* Is the mark at t->cp[i] followed by the end of a phrase: the end, white
 * space, a closing quote or bracket, or more punctuation?  Marks followed
 * by a letter or a digit are code, URLs or times ("http://", "10:30"). */
static int
ends_phrase(const struct qa_text *t, size_t i)
{
	UChar32 c;

	if (i + 1 >= t->n)
		return 1;
	c = t->cp[i + 1];
	return is_space(c) || is_closing(c) ||
	       (u_ispunct(c) && c != '/' && c != '_' && c != '-' &&
		c != '=' && c != '&');
}

/* French typography in a French target (see the top of the file). */
static void
check_french_typography(struct qa_run *run)
{
	const struct qa_text *t = &run->tgt;
	unsigned reported = 0; /* bits: ; ! ? : */
	static const char marks[] = ";!?:";
	char buf[8];

	for (size_t i = 1; i < t->n; i++) {
		UChar32 c = t->cp[i], before = t->cp[i - 1];
		const char *m = c < 0x80 && c ? strchr(marks, (int)c) : NULL;

		if (m) {
			unsigned bit = 1u << (m - marks);
			int ok;

			if (before == ';' || before == '!' || before == '?' ||
			    !ends_phrase(t, i) || reported & bit)
				continue;
			ok = before == 0xa0 || (c != ':' && before == 0x202f);
			if (ok)
				continue;
			reported |= bit;
			if (c == ':')
				qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
					   _("French typography: a no-break "
					     "space is wanted before ':' in "
					     "the target"));
			else
				qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
					   _("French typography: a narrow "
					     "no-break space is wanted before "
					     "'%s' in the target"),
					   char_string(c, buf));
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		int bad = (t->cp[i] == 0xab &&
			   (i + 1 >= t->n || t->cp[i + 1] != 0xa0)) ||
			  (t->cp[i] == 0xbb && (i == 0 || t->cp[i - 1] != 0xa0));

		if (bad) {
			qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
				   _("French typography: no-break spaces are "
				     "wanted inside '\xc2\xab \xc2\xbb' in the "
				     "target"));
			break;
		}
	}
}

/* Full-width punctuation in a French target, where it touches no Han
 * character (a Chinese quotation keeps its own). */
static void
check_fullwidth_in_french(struct qa_run *run)
{
	const struct qa_text *t = &run->tgt;
	char buf[8];

	for (size_t i = 0; i < t->n; i++) {
		UChar32 c = t->cp[i];

		if (!is_fullwidth_punct(c))
			continue;
		if ((i > 0 && is_han(t->cp[i - 1])) ||
		    (i + 1 < t->n && is_han(t->cp[i + 1])))
			continue;
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("full-width punctuation '%s' in the French "
			     "target"), char_string(c, buf));
		return;
	}
}

/* Does an ASCII '(' at t->cp[open] enclose a Han character before its
 * ')'?  Accelerators ("(_K)", "(&T)") and Latin asides ("(2006-2012)")
 * keep ASCII parentheses in Chinese interfaces. */
static int
parenthesis_holds_han(const struct qa_text *t, size_t open)
{
	for (size_t i = open + 1; i < t->n && t->cp[i] != ')'; i++)
		if (is_han(t->cp[i]))
			return 1;
	return 0;
}

/* ASCII punctuation after a Han character in a Chinese target. */
static void
check_ascii_in_chinese(struct qa_run *run)
{
	static const char ascii[] = ",:();?!.";
	static const char *const fullwidth[] = {
		"\xef\xbc\x8c", "\xef\xbc\x9a", "\xef\xbc\x88", "\xef\xbc\x89",
		"\xef\xbc\x9b", "\xef\xbc\x9f", "\xef\xbc\x81", "\xe3\x80\x82",
	};
	const struct qa_text *t = &run->tgt;
	unsigned reported = 0;

	for (size_t i = 1; i < t->n; i++) {
		UChar32 c = t->cp[i];
		const char *m = c < 0x80 && c ? strchr(ascii, (int)c) : NULL;
		size_t k;
		char buf[8];

		if (!m || !is_han(t->cp[i - 1]))
			continue;
		k = (size_t)(m - ascii);
		if (c == '.' && i + 1 < t->n && !is_space(t->cp[i + 1]))
			continue;
		if (c == '(' && !parenthesis_holds_han(t, i))
			continue;
		if (reported & (1u << k))
			continue;
		reported |= 1u << k;
		if (c == '(' || c == ')') /* one finding for a pair */
			reported |= 1u << 2 | 1u << 3;
		qa_reportf(run, QA_PUNCTUATION, QA_WARNING,
			   _("ASCII '%s' after a Chinese character in the "
			     "target: write '%s'"), char_string(c, buf),
			   fullwidth[k]);
	}
}

static void
check_punctuation(struct qa_run *run)
{
	check_end_punctuation(run);
	check_brackets(run);
	if (run->tgt.french) {
		if (run->options->french_typography)
			check_french_typography(run);
		check_fullwidth_in_french(run);
	}
	if (run->tgt.chinese)
		check_ascii_in_chinese(run);
}

/* ---------------------------------------------------------------- length */

/* Does the ASCII word w[0..len) stand in `text` as a word of its own?
 * (Words past 63 bytes are compared on their first 63.) */
static int
has_ascii_word(const char *text, const char *w, size_t len)
{
	char word[64];

	if (len > sizeof word - 1)
		len = sizeof word - 1;
	memcpy(word, w, len);
	word[len] = '\0';
	for (const char *p = text; (p = strstr(p, word)); p++)
		if ((p == text || !is_ident(p[-1])) && !is_ident(p[len]))
			return 1;
	return 0;
}

/*
 * The characters of a text that a translation turns into others: white
 * space, placeholders and tags, and the ASCII words the other text holds
 * as well (names, options, code: "RTL", "--verbose", "11x17") are not
 * counted, so that a Chinese target quoting Latin text is not "long".
 */
static size_t
count_translated_characters(const struct qa_text *t,
			    const struct qa_placeholders *placeholders,
			    const char *other)
{
	const char *s = t->utf8;
	size_t n = 0, ph = 0;

	for (size_t i = 0; s[i];) {
		size_t k = i;

		while (ph < placeholders->count &&
		       placeholders->items[ph].end <= i)
			ph++;
		if (ph < placeholders->count &&
		    placeholders->items[ph].start <= i &&
		    placeholders->items[ph].end > i) {
			i = placeholders->items[ph].end;
			continue;
		}
		while (is_ident(s[k]) || (k > i && s[k] == '-'))
			k++;
		if (k > i) {
			if (!has_ascii_word(other, s + i, k - i))
				n += k - i;
			i = k;
			continue;
		}
		if (!((unsigned char)s[i] & 0x80)) {
			n += !is_space((unsigned char)s[i]);
			i++;
			continue;
		}
		{
			UChar32 c;
			int32_t at = (int32_t)i;

			U8_NEXT(s, at, (int32_t)t->len, c);
			n += !is_space(c);
			i = (size_t)at;
		}
	}
	return n;
}

#define QA_LENGTH_MIN_SOURCE 20

/* The lower ends of the bands of source lengths the learned bounds are
 * kept for (counted characters). */
static const size_t length_band_min[QA_LENGTH_BANDS] = { 20, 40, 80 };

/* A band needs this many samples to be learned; the quantiles taken. */
#define QA_LENGTH_MIN_SAMPLES 200
#define QA_LENGTH_LOW_QUANTILE 0.005
#define QA_LENGTH_HIGH_QUANTILE 0.995

static size_t
length_band(size_t source_chars)
{
	size_t b = 0;

	while (b + 1 < QA_LENGTH_BANDS && source_chars >= length_band_min[b + 1])
		b++;
	return b;
}

/* The counted characters of source (*ns) and target (*nt). */
static void
length_counts(const struct qa_run *run, const struct qa_placeholders *src_ph,
	      const struct qa_placeholders *tgt_ph, size_t *ns, size_t *nt)
{
	*ns = count_translated_characters(&run->src, src_ph, run->tgt.utf8);
	*nt = count_translated_characters(&run->tgt, tgt_ph, run->src.utf8);
}

static void
check_length(struct qa_run *run, const struct qa_placeholders *src_ph,
	     const struct qa_placeholders *tgt_ph)
{
	const struct qa_length_bounds *learned = run->options->length_learned;
	double low = run->options->length_low, high = run->options->length_high;
	double ratio;
	size_t ns, nt, band;

	length_counts(run, src_ph, tgt_ph, &ns, &nt);
	if (ns < QA_LENGTH_MIN_SOURCE)
		return;
	band = length_band(ns);
	if (learned && learned->low[band] > 0) {
		if (low <= 0)
			low = learned->low[band];
		if (high <= 0)
			high = learned->high[band];
	}
	if (low <= 0 || high <= 0) {
		double dlow, dhigh;

		if (run->tgt.dense && !run->src.dense)
			dlow = 0.12, dhigh = 0.9;
		else if (run->src.dense && !run->tgt.dense)
			dlow = 1.1, dhigh = 8.3;
		else
			dlow = 0.5, dhigh = 2.0;
		if (low <= 0)
			low = dlow;
		if (high <= 0)
			high = dhigh;
	}
	ratio = (double)nt / (double)ns;
	if (ratio >= low && ratio <= high)
		return;
	qa_reportf(run, QA_LENGTH, QA_INFO,
		   ratio < low
		   ? _("the target is short: %zu characters for %zu in the "
		       "source (%.2f times; expected %.2f to %.2f)")
		   : _("the target is long: %zu characters for %zu in the "
		       "source (%.2f times; expected %.2f to %.2f)"),
		   nt, ns, ratio, low, high);
}

int
qa_length_sample(const char *src_lang, const char *tgt_lang,
		 const char *src_text, const char *src_markup,
		 const char *tgt_text, const char *tgt_markup,
		 struct qa_length_sample *sample)
{
	struct qa_run run = { 0 };
	struct qa_placeholders src_ph = { 0 }, tgt_ph = { 0 };
	size_t ns = 0, nt = 0;
	int ret = 0;

	qa_text_init(&run.src, src_text, src_lang);
	qa_text_init(&run.tgt, tgt_text, tgt_lang);
	if (text_first(&run.tgt) == run.tgt.n ||
	    texts_equal_trimmed(&run.src, &run.tgt))
		goto out;
	placeholders_of_text(run.src.utf8, &src_ph);
	placeholders_of_text(run.tgt.utf8, &tgt_ph);
	placeholders_of_markup(src_markup, &src_ph);
	placeholders_of_markup(tgt_markup, &tgt_ph);
	length_counts(&run, &src_ph, &tgt_ph, &ns, &nt);
	if (ns < QA_LENGTH_MIN_SOURCE)
		goto out;
	sample->source_chars = ns;
	sample->ratio = (double)nt / (double)ns;
	ret = 1;
out:
	free(src_ph.items);
	free(tgt_ph.items);
	free(run.src.cp);
	free(run.tgt.cp);
	return ret;
}

static int
by_band_then_ratio(const void *a, const void *b)
{
	const struct qa_length_sample *x = a, *y = b;
	size_t bx = length_band(x->source_chars);
	size_t by = length_band(y->source_chars);

	if (bx != by)
		return bx < by ? -1 : 1;
	return x->ratio < y->ratio ? -1 : x->ratio > y->ratio;
}

/* The q-quantile of sorted ratios r[0..n) (the nearest rank). */
static double
quantile(const struct qa_length_sample *r, size_t n, double q)
{
	size_t i = (size_t)(q * (double)n);

	return r[i < n ? i : n - 1].ratio;
}

int
qa_length_learn(struct qa_length_sample *samples, size_t n,
		struct qa_length_bounds *out)
{
	size_t from = 0;
	int learned = 0;

	memset(out, 0, sizeof *out);
	if (n > 0)
		qsort(samples, n, sizeof *samples, by_band_then_ratio);
	for (size_t b = 0; b < QA_LENGTH_BANDS; b++) {
		size_t to = from;

		while (to < n && length_band(samples[to].source_chars) == b)
			to++;
		out->samples[b] = to - from;
		if (to - from >= QA_LENGTH_MIN_SAMPLES) {
			out->low[b] = quantile(samples + from, to - from,
					       QA_LENGTH_LOW_QUANTILE);
			out->high[b] = quantile(samples + from, to - from,
						QA_LENGTH_HIGH_QUANTILE);
			/* a ratio of 0 (a target of names alone) is no
			   bound: "learned" needs low > 0 */
			if (out->low[b] <= 0)
				out->low[b] = 1e-9;
			learned++;
		}
		from = to;
	}
	return learned;
}

/* ------------------------------------------------------------------ pair */

void
qa_check_pair(const struct qa_pair_options *options, const char *src_lang,
	      const char *tgt_lang, const char *src_text,
	      const char *src_markup, const char *tgt_text,
	      const char *tgt_markup, qa_report_fn report, void *data)
{
	struct qa_run run = { options, report, data, { 0 }, { 0 } };
	struct qa_placeholders src_ph = { 0 }, tgt_ph = { 0 };

	qa_text_init(&run.src, src_text, src_lang);
	qa_text_init(&run.tgt, tgt_text, tgt_lang);

	if (text_first(&run.tgt) == run.tgt.n) {
		/* Not translated yet: nothing else to say of it. */
		if (qa_wants(&run, QA_UNTRANSLATED) &&
		    text_first(&run.src) < run.src.n)
			qa_reportf(&run, QA_UNTRANSLATED, QA_ERROR,
				   _("the target is empty"));
		goto out;
	}
	if (qa_wants(&run, QA_UNTRANSLATED) &&
	    texts_equal_trimmed(&run.src, &run.tgt) &&
	    text_has_words(&run.src)) {
		/* The other findings would only repeat this one (a "long"
		   Chinese target, French punctuation in it). */
		qa_reportf(&run, QA_UNTRANSLATED, QA_ERROR,
			   _("the target is the source, untranslated"));
		goto out;
	}

	placeholders_of_text(run.src.utf8, &src_ph);
	placeholders_of_text(run.tgt.utf8, &tgt_ph);
	placeholders_of_markup(src_markup, &src_ph);
	placeholders_of_markup(tgt_markup, &tgt_ph);
	if (qa_wants(&run, QA_NUMBER))
		check_numbers(&run, src_lang, tgt_lang, &src_ph, &tgt_ph);
	if (qa_wants(&run, QA_PLACEHOLDER))
		check_placeholders(&run, &src_ph, &tgt_ph);
	if (qa_wants(&run, QA_WHITESPACE))
		check_whitespace(&run);
	if (qa_wants(&run, QA_PUNCTUATION))
		check_punctuation(&run);
	if (qa_wants(&run, QA_LENGTH))
		check_length(&run, &src_ph, &tgt_ph);
out:
	free(src_ph.items);
	free(tgt_ph.items);
	free(run.src.cp);
	free(run.tgt.cp);
}
