/*
 * search/search-internal.h -- what suggest.c offers extract.c and nobody
 * else needs: the form a glossary would hold among a candidate's surface
 * forms.
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
char *suggest_glossary_form(const struct form_count *forms, size_t nforms);

#endif /* TMGLOSS_SEARCH_SEARCH_INTERNAL_H */
