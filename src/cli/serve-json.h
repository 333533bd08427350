/*
 * serve-json.h -- the JSON bodies tmgloss serve reads, through Jansson
 * (serve-json.c).  A header of its own: Jansson's json_string() is not
 * output.c's, so the two are never in one file.
 */
#ifndef TMGLOSS_CLI_SERVE_JSON_H
#define TMGLOSS_CLI_SERVE_JSON_H

#include <stddef.h>

/*
 * Read `body` (`len` bytes) as a JSON object and, for each of the `n`
 * `keys`, its string value into values[i] (malloc'd), NULL when the key
 * is missing.  A value that is not a string, or longer than `max_len`
 * bytes, a body that is not a UTF-8 JSON object (duplicate keys
 * included) or holds NUL characters: -1 with the reason in `error`.
 */
int serve_json_strings(const char *body, size_t len, const char *const *keys,
		       char **values, size_t n, size_t max_len, char *error,
		       size_t size);
/*
 * The array of strings under `key` in the JSON object `body` into
 * *items (*count of them, each malloc'd, the array too): 1 to
 * `max_items` non-empty strings of at most `max_len` bytes, else -1
 * with the reason in `error`.
 */
int serve_json_string_array(const char *body, size_t len, const char *key,
			    char ***items, size_t *count, size_t max_items,
			    size_t max_len, char *error, size_t size);

#endif /* TMGLOSS_CLI_SERVE_JSON_H */
