/*
 * srx-read-fuzz.c -- a libFuzzer target for the SRX reader and the rules it
 * builds: any bytes, read as SRX rules, then (when they load) applied to a
 * short French and Chinese text, must give sentences or a clean error,
 * never a crash, a leak, undefined behaviour or a regular expression that
 * runs without end.  Build and run with tests/fuzz/run.sh.
 */
#include <config.h>

#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const texts[][2] = {
		{ "fr", "M. Dupont arrive. Il dit : « Bonjour ! » Fin...\n\nSuite" },
		{ "zh-CN", "北京是首都。上海呢？\n深圳！" },
	};
	char path[32];
	struct tmg_error err;
	struct srx_rules *rules;

	if (fuzz_write_file(data, size, ".srx", path) < 0)
		return 0;
	rules = srx_load(path, &err);
	unlink(path);
	if (rules == NULL)
		return 0;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct text_spans spans = { 0 };

		srx_sentences(rules, texts[i][1], texts[i][0], &spans, &err);
		text_spans_clear(&spans);
	}
	srx_free(rules);
	return 0;
}
