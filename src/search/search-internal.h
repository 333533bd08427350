/*
 * search/search-internal.h -- what suggest.c offers extract.c and nobody
 * else needs: candidate terms of an already tokenised text, and the form
 * a glossary would hold among a candidate's surface forms.
 */
#ifndef TMGLOSS_SEARCH_SEARCH_INTERNAL_H
#define TMGLOSS_SEARCH_SEARCH_INTERNAL_H

#include "index/suggest-index.h"
#include "search/search.h"

/* A surface form of a candidate and how often it was seen. */
struct form_count {
	char *form;
	long count;
};

/*
 * The form a glossary would hold among a candidate's surface forms: lower
 * case when the memory has it, the singular when it has both, else the
 * most frequent.  Returns a new string.
 */
char *term_glossary_form(const struct form_count *forms, size_t nforms);

/* The candidate terms (term_ngrams()) of `text`, already tokenised. */
int term_ngrams_of_tokens(const char *text, const char *lang,
			  const struct term_tokens *tokens, int max_length,
			  struct term_ngrams *out, struct tmg_error *err);

#endif /* TMGLOSS_SEARCH_SEARCH_INTERNAL_H */
