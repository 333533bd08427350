/*
 * stemmer.c -- libstemmer through functions looked up when the first
 * stemmer is made (see stemmer.h and base/dynlib.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dynlib.h"
#include "base/i18n.h"
#include "text/stemmer.h"

static struct {
	__typeof__(sb_stemmer_new) *new_;
	__typeof__(sb_stemmer_delete) *delete_;
	__typeof__(sb_stemmer_stem) *stem;
	__typeof__(sb_stemmer_length) *length;
} sb;

static const char *const names[] = {
	"sb_stemmer_new", "sb_stemmer_delete", "sb_stemmer_stem",
	"sb_stemmer_length",
};

static void
fill(void *const *slots)
{
	/* an object's address and a function's are not the same type in
	 * ISO C: copied, not cast */
	memcpy(&sb.new_, &slots[0], sizeof sb.new_);
	memcpy(&sb.delete_, &slots[1], sizeof sb.delete_);
	memcpy(&sb.stem, &slots[2], sizeof sb.stem);
	memcpy(&sb.length, &slots[3], sizeof sb.length);
}

static void *slots[sizeof names / sizeof *names];
static struct dynlib_once lib = DYNLIB_ONCE(STEMMER_SONAME,
					    N_("stemming words"), names,
					    slots,
					    sizeof names / sizeof *names,
					    fill);

struct sb_stemmer *
stemmer_new(const char *lang)
{
	struct tmg_error err;

	if (dynlib_load_once(&lib, &err) < 0) {
		char buf[2200];

		tmg_error_format(&err, buf, sizeof buf);
		fflush(stdout);
		fprintf(stderr, "tmgloss: %s\n", buf);
		exit(1);
	}
	return sb.new_(lang, "UTF_8");
}

void
stemmer_delete(struct sb_stemmer *stemmer)
{
	if (stemmer)
		sb.delete_(stemmer);
}

const sb_symbol *
stemmer_stem(struct sb_stemmer *stemmer, const sb_symbol *word, int size)
{
	return sb.stem(stemmer, word, size);
}

int
stemmer_length(struct sb_stemmer *stemmer)
{
	return sb.length(stemmer);
}
