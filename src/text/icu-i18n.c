/*
 * icu-i18n.c -- the table of libicui18n's functions, filled when the
 * first collator, transliterator or regular expression is made (see
 * icu-i18n.h): from the library opened then, or from the functions
 * linked in by configure --enable-static-libs.
 */
#include <config.h>

#include <pthread.h>
#include <string.h>

#define ICU_I18N_TABLE
#include "base/dynlib.h"
#include "base/i18n.h"
#include "text/icu-i18n.h"

struct icu_i18n icu_i18n;

#ifdef TMG_STATIC_LIBS

/* The linked functions' addresses. */
static void
fill_linked(void)
{
#define F(name) icu_i18n.p_##name = name;
	ICU_I18N_FUNCTIONS
#undef F
}

int
icu_i18n_load(struct tmg_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)err;
	pthread_once(&once, fill_linked);
	return 0;
}

#else

/* the name as ICU's headers rename it: "ucol_open_72" */
#define NAME_OF(name) NAME_OF_(name)
#define NAME_OF_(name) #name

static const char *const names[] = {
#define F(name) NAME_OF(name),
	ICU_I18N_FUNCTIONS
#undef F
};

#define NSYMBOLS (sizeof names / sizeof *names)

static void
fill(void *const *slots)
{
	size_t i = 0;

	/* an object's address and a function's are not the same type in
	 * ISO C: copied, not cast */
#define F(name) memcpy(&icu_i18n.p_##name, &slots[i++], \
		       sizeof icu_i18n.p_##name);
	ICU_I18N_FUNCTIONS
#undef F
}

static void *slots[NSYMBOLS];
static struct dynlib_once lib = DYNLIB_ONCE(ICU_I18N_SONAME,
	N_("Traditional Chinese folding, sorting or SRX segmentation"),
	names, slots, NSYMBOLS, fill);

int
icu_i18n_load(struct tmg_error *err)
{
	return dynlib_load_once(&lib, err);
}

#endif
