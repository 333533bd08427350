/*
 * serve-json.c -- the JSON bodies tmgloss serve reads (a tmserver unit,
 * a batch of texts to match), parsed by Jansson: strict (no duplicate
 * keys, no NUL characters, UTF-8 only), the bounds checked here.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "serve-json.h"
#include "base/i18n.h"
#include "base/xalloc.h"

/* The body as a JSON object, or NULL with the reason in `error`. */
static json_t *
load_object(const char *body, size_t len, char *error, size_t size)
{
	json_error_t jerr;
	json_t *root;

	if (body == NULL || len == 0) {
		snprintf(error, size, "%s", _("the request needs a JSON body"));
		return NULL;
	}
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		snprintf(error, size, _("the body is not JSON: %s (line %d)"),
			 jerr.text, jerr.line);
		return NULL;
	}
	if (!json_is_object(root)) {
		snprintf(error, size, "%s",
			 _("the body must be a JSON object"));
		json_decref(root);
		return NULL;
	}
	return root;
}

int
serve_json_strings(const char *body, size_t len, const char *const *keys,
		   char **values, size_t n, size_t max_len, char *error,
		   size_t size)
{
	json_t *root = load_object(body, len, error, size);

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	if (root == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(root, keys[i]);

		if (v == NULL)
			continue;
		if (!json_is_string(v) || json_string_length(v) > max_len) {
			snprintf(error, size, _("the body's \"%s\" must be a "
				 "string of at most %zu bytes"), keys[i],
				 max_len);
			for (size_t k = 0; k < i; k++) {
				free(values[k]);
				values[k] = NULL;
			}
			json_decref(root);
			return -1;
		}
		values[i] = xstrdup(json_string_value(v));
	}
	json_decref(root);
	return 0;
}

int
serve_json_string_array(const char *body, size_t len, const char *key,
			char ***items, size_t *count, size_t max_items,
			size_t max_len, char *error, size_t size)
{
	json_t *root = load_object(body, len, error, size);
	json_t *array, *v;
	size_t i;

	*items = NULL;
	*count = 0;
	if (root == NULL)
		return -1;
	array = json_object_get(root, key);
	if (!json_is_array(array) || json_array_size(array) == 0 ||
	    json_array_size(array) > max_items)
		goto bad;
	json_array_foreach(array, i, v)
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > max_len)
			goto bad;
	*items = xcalloc(json_array_size(array), sizeof **items);
	json_array_foreach(array, i, v)
		(*items)[i] = xstrdup(json_string_value(v));
	*count = json_array_size(array);
	json_decref(root);
	return 0;
bad:
	snprintf(error, size, _("the body needs \"%s\": an array of 1 to %zu "
		 "texts of 1 to %zu bytes"), key, max_items, max_len);
	json_decref(root);
	return -1;
}
