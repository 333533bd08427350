/*
 * concept.c -- glossary concepts in memory: the value that travels between
 * a glossary reader (TBX, TSV/CSV), the store and a writer, as struct
 * tmg_unit does for translation units.  Nothing here knows XML or SQL.
 *
 * Ownership: a concept owns its strings, terms and fields; concept_clear()
 * frees them all and leaves an empty concept ready for reuse.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/records.h"
#include "base/xalloc.h"

static const struct {
	const char *value;
	enum term_status status;
} status_values[] = {
	/* TBX-Basic administrativeStatus */
	{ "preferredTerm-admn-sts", TERM_PREFERRED },
	{ "admittedTerm-admn-sts", TERM_ADMITTED },
	{ "deprecatedTerm-admn-sts", TERM_DEPRECATED },
	{ "supersededTerm-admn-sts", TERM_DEPRECATED },
	{ "standardizedTerm-admn-sts", TERM_PREFERRED },
	{ "legalTerm-admn-sts", TERM_PREFERRED },
	{ "regulatedTerm-admn-sts", TERM_PREFERRED },
	/* normativeAuthorization of older TBX and MARTIF files */
	{ "preferredTerm", TERM_PREFERRED },
	{ "admittedTerm", TERM_ADMITTED },
	{ "deprecatedTerm", TERM_DEPRECATED },
	{ "supersededTerm", TERM_DEPRECATED },
	{ "standardizedTerm", TERM_PREFERRED },
	/* TBX-Min usageStatus, and our own names */
	{ "preferred", TERM_PREFERRED },
	{ "admitted", TERM_ADMITTED },
	{ "deprecated", TERM_DEPRECATED },
	{ "notRecommended", TERM_DEPRECATED },
	{ "obsolete", TERM_DEPRECATED },
	{ "superseded", TERM_DEPRECATED },
};

const char *
term_status_name(enum term_status status)
{
	switch (status) {
	case TERM_PREFERRED: return "preferred";
	case TERM_ADMITTED: return "admitted";
	case TERM_DEPRECATED: return "deprecated";
	case TERM_STATUS_NONE: break;
	}
	return "";
}

int
term_status_parse(const char *value, enum term_status *status)
{
	for (size_t i = 0; i < sizeof status_values / sizeof *status_values;
	     i++)
		if (strcasecmp(value, status_values[i].value) == 0) {
			*status = status_values[i].status;
			return 0;
		}
	return -1;
}

void
concept_init(struct tmg_concept *c)
{
	memset(c, 0, sizeof *c);
}

static void
field_free(struct concept_field *f)
{
	free(f->kind);
	free(f->type);
	free(f->lang);
	free(f->value);
}

void
concept_fields_clear(struct concept_fields *fields)
{
	for (size_t i = 0; i < fields->count; i++)
		field_free(&fields->items[i]);
	free(fields->items);
	memset(fields, 0, sizeof *fields);
}

struct concept_field *
concept_fields_add(struct concept_fields *fields, const char *kind,
		   const char *type, const char *lang, const char *value)
{
	struct concept_field *f;

	ALLOC_GROW(fields->items, fields->count + 1, fields->alloc);
	f = &fields->items[fields->count++];
	f->kind = xstrdup(kind);
	f->type = type ? xstrdup(type) : NULL;
	f->lang = lang ? xstrdup(lang) : NULL;
	f->value = xstrdup(value ? value : "");
	return f;
}

const struct concept_field *
concept_fields_find(const struct concept_fields *fields, const char *type,
		    const char *lang)
{
	for (size_t i = 0; i < fields->count; i++) {
		const struct concept_field *f = &fields->items[i];
		if (f->type == NULL || strcmp(f->type, type) != 0)
			continue;
		if (lang && (f->lang == NULL || strcmp(f->lang, lang) != 0))
			continue;
		return f;
	}
	return NULL;
}

void
concept_clear(struct tmg_concept *c)
{
	for (size_t i = 0; i < c->nterms; i++) {
		free(c->terms[i].text);
		free(c->terms[i].part_of_speech);
		concept_fields_clear(&c->terms[i].fields);
	}
	free(c->terms);
	free(c->id);
	free(c->subject_field);
	free(c->origin);
	concept_fields_clear(&c->fields);
	concept_init(c);
}

struct tmg_term *
concept_add_term(struct tmg_concept *c, const char *lang, const char *text)
{
	struct tmg_term *t;

	ALLOC_GROW(c->terms, c->nterms + 1, c->aterms);
	t = &c->terms[c->nterms++];
	memset(t, 0, sizeof *t);
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	t->text = xstrdup(text);
	return t;
}

int
term_status_rank(enum term_status status)
{
	switch (status) {
	case TERM_PREFERRED: return 0;
	case TERM_STATUS_NONE: return 1;
	case TERM_ADMITTED: return 2;
	case TERM_DEPRECATED: return 3;
	}
	return 4;
}
