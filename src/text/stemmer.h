/*
 * text/stemmer.h -- Snowball's stemmers, from libstemmer opened on first
 * use (base/dynlib.h): the commands that never stem (a `match`, an
 * `export`) do not pay for loading it.
 */
#ifndef TMGLOSS_TEXT_STEMMER_H
#define TMGLOSS_TEXT_STEMMER_H

#include <libstemmer.h>

/*
 * sb_stemmer_new(lang, "UTF_8"): NULL when Snowball has no stemmer for
 * `lang`.  Loads libstemmer the first time (from any thread); if it
 * cannot be loaded, says so and exits: stemming silently left out would
 * give other matches and other indexes.
 */
struct sb_stemmer *stemmer_new(const char *lang);
void stemmer_delete(struct sb_stemmer *stemmer);
/* sb_stemmer_stem() and sb_stemmer_length() of a stemmer made above */
const sb_symbol *stemmer_stem(struct sb_stemmer *stemmer,
			      const sb_symbol *word, int size);
int stemmer_length(struct sb_stemmer *stemmer);

#endif /* TMGLOSS_TEXT_STEMMER_H */
