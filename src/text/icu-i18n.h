/*
 * text/icu-i18n.h -- ICU's libicui18n (collation, transliteration,
 * regular expressions), opened when first needed (base/dynlib.h): a
 * `match` of Latin text uses none of it, and loading it costs each
 * process 37 page faults and a million instructions of relocation.
 *
 * A file that uses these functions includes this header after ICU's,
 * calls icu_i18n_load() before it makes a collator, a transliterator or
 * a regular expression, and calls them by their usual names: the macros
 * below send them through the table icu_i18n_load() filled.  ICU's own
 * names carry its version (ucol_open is ucol_open_72): the table is
 * looked up by those.
 */
#ifndef TMGLOSS_TEXT_ICU_I18N_H
#define TMGLOSS_TEXT_ICU_I18N_H

#include <unicode/ucol.h>
#include <unicode/uregex.h>
#include <unicode/utrans.h>

#include "base/error.h"

/* The functions tmgloss calls. */
#define ICU_I18N_FUNCTIONS \
	F(ucol_open) F(ucol_close) F(ucol_strcollUTF8) \
	F(utrans_openU) F(utrans_close) F(utrans_transUChars) \
	F(uregex_open) F(uregex_close) F(uregex_setText) \
	F(uregex_matches) F(uregex_find) F(uregex_start) F(uregex_end) \
	F(uregex_setTimeLimit) F(uregex_setStackLimit)

struct icu_i18n {
#define F(name) __typeof__(name) *p_##name;
	ICU_I18N_FUNCTIONS
#undef F
};

extern struct icu_i18n icu_i18n;

/* Loads libicui18n the first time (from any thread).  Returns 0, or -1
 * with `err` set (the library cannot be loaded: a message that names
 * it). */
int icu_i18n_load(struct tmg_error *err);

#ifndef ICU_I18N_TABLE
#undef ucol_open
#undef ucol_close
#undef ucol_strcollUTF8
#undef utrans_openU
#undef utrans_close
#undef utrans_transUChars
#undef uregex_open
#undef uregex_close
#undef uregex_setText
#undef uregex_matches
#undef uregex_find
#undef uregex_start
#undef uregex_end
#undef uregex_setTimeLimit
#undef uregex_setStackLimit
#define ucol_open (*icu_i18n.p_ucol_open)
#define ucol_close (*icu_i18n.p_ucol_close)
#define ucol_strcollUTF8 (*icu_i18n.p_ucol_strcollUTF8)
#define utrans_openU (*icu_i18n.p_utrans_openU)
#define utrans_close (*icu_i18n.p_utrans_close)
#define utrans_transUChars (*icu_i18n.p_utrans_transUChars)
#define uregex_open (*icu_i18n.p_uregex_open)
#define uregex_close (*icu_i18n.p_uregex_close)
#define uregex_setText (*icu_i18n.p_uregex_setText)
#define uregex_matches (*icu_i18n.p_uregex_matches)
#define uregex_find (*icu_i18n.p_uregex_find)
#define uregex_start (*icu_i18n.p_uregex_start)
#define uregex_end (*icu_i18n.p_uregex_end)
#define uregex_setTimeLimit (*icu_i18n.p_uregex_setTimeLimit)
#define uregex_setStackLimit (*icu_i18n.p_uregex_setStackLimit)
#endif

#endif /* TMGLOSS_TEXT_ICU_I18N_H */
