/*
 * numbers-test.c -- numbers read as values and written back
 * (text/numbers.c): French decimal comma and space grouping (space,
 * no-break, narrow no-break), English and Chinese points and comma
 * grouping, percentages, full-width digits, Chinese numerals, versions,
 * ranges, dates and ordinals, mixed scripts, bad UTF-8; number_write()
 * after a model in each style.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "text/text.h"
#include "tap.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

struct find_case {
	const char *text;
	const char *lang;
	const char *values;   /* the values found, joined by '|' */
	const char *spans;    /* their texts, joined by '|' (NULL: not checked) */
	const char *why;
};

static const struct find_case finds[] = {
	{ "Beijing abrite 25 laboratoires", "fr", "25", "25",
	  "a plain number" },
	{ "Il mesure 3,5 m.", "fr", "3.5", "3,5",
	  "French decimal comma" },
	{ "soit 1,000 litre", "fr", "1", "1,000",
	  "in French a comma is the decimal mark: 1,000 is 1" },
	{ "1 000 et 1" NBSP "000 000 et 10" NNBSP "000", "fr",
	  "1000|1000000|10000", "1 000|1" NBSP "000 000|10" NNBSP "000",
	  "French grouping by space, no-break and narrow no-break space" },
	{ "1 000,50 euros", "fr", "1000.5", "1 000,50",
	  "grouped with decimals, trailing zeros dropped" },
	{ "en 2023 100 laboratoires", "fr", "2023|100", NULL,
	  "a first group of four digits groups nothing" },
	{ "1 0000", "fr", "1|0", NULL,
	  "a group of four digits is no group" },
	{ "Python 3.5 et 1.000.000", "fr", "3.5|1000000", "3.5|1.000.000",
	  "French: a point is decimal, points in two groups or more group" },
	{ "1.000,5", "fr", "1000.5", NULL, "German style in French" },
	{ "1,000.5", "fr", "1000.5", NULL, "English style in French" },
	{ "25 %, 25" NNBSP "% et 25%", "fr", "25|25|25",
	  "25 %|25" NNBSP "%|25%", "percent signs belong to the number" },
	{ "version 1.2.3 et 192.168.0.1 puis 4", "fr", "4", "4",
	  "versions and addresses are no numbers" },
	{ "1,2,3", "fr", "1|2|3", NULL, "a French list of digits" },
	{ "-3 et 10-20 et UTF-8 et \xe2\x88\x92" "4", "fr", "-3|10|20|8|-4",
	  "-3|10|20|8|\xe2\x88\x92" "4", "signs, ranges and words" },
	{ "le 1er et le 2e", "fr", "1|2", "1|2", "ordinals" },
	{ "%1$s et %2$d, %10s %-5d %.2f %05d, %1 et {0} ou {1,number} "
	  "mais 25% et 100%%3 et {12 pommes}", "fr", "25|100|3|12",
	  "25%|100%|3|12", "placeholders' digits are no numbers" },
	{ "le 15/01/2024", "fr", "15|1|2024", NULL,
	  "dates: leading zeros dropped" },
	{ "-0 et 007 et 0,50", "fr", "0|7|0.5", NULL,
	  "canonical: no minus zero, no leading zeros" },
	{ "3.5 and 1,000 and 1,000,000.25", "en", "3.5|1000|1000000.25",
	  NULL, "English point and comma" },
	{ "1,5 and 12345,678", "en", "1|5|12345|678", NULL,
	  "a comma without three digits after one to three separates" },
	{ "1.2.3", "en", "", NULL, "a version" },
	{ "0,500 et 0.123,5", "fr", "0.5|0.123|5", NULL,
	  "a lone 0 is no thousands group (French)" },
	{ "0,500 and 0.123,5", "en", "0|500|0.123|5", NULL,
	  "a lone 0 is no thousands group (English)" },
	{ "\xe5\x8c\x97\xe4\xba\xac\xe6\x8b\xa5\xe6\x9c\x89" "21"
	  "\xe4\xb8\xaa\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", "zh", "21",
	  "21", "Chinese with digits (北京拥有21个实验室)" },
	{ "3.5%\xe3\x80\x81" "1,000\xe3\x80\x81" "1000", "zh-CN",
	  "3.5|1000|1000", "3.5%|1,000|1000",
	  "Chinese point, comma grouping, percent" },
	{ "\xef\xbc\x92\xef\xbc\x95\xef\xbc\x85", "zh", "25",
	  "\xef\xbc\x92\xef\xbc\x95\xef\xbc\x85",
	  "full-width digits and percent (２５％)" },
	{ "\xe4\xb8\x89\xe4\xb8\xaa\xef\xbc\x8c\xe4\xba\x8c\xe5\x8d\x81"
	  "\xe4\xba\x94\xe4\xb8\xaa\xef\xbc\x8c\xe4\xb8\x80\xe7\x99\xbe",
	  "zh", "3|25|100", NULL, "Han numerals: 三个，二十五个，一百" },
	{ "3\xe4\xb8\x87\xe4\xba\xba\xef\xbc\x8c" "1.5\xe4\xba\xbf", "zh",
	  "30000|150000000", "3\xe4\xb8\x87|1.5\xe4\xba\xbf",
	  "digits with a multiplier: 3万人，1.5亿" },
	{ "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b\xe4\xba\x94\xe5\x92\x8c"
	  "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b" "25", "zh", "5|25",
	  "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b\xe4\xba\x94|"
	  "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b" "25",
	  "百分之五和百分之25" },
	{ "\xe4\xb8\x80\xe7\x99\xbe\xe9\x9b\xb6\xe4\xba\x94 "
	  "\xe4\xb8\x89\xe7\x99\xbe\xe4\xba\x94 "
	  "\xe4\xb8\x80\xe4\xb8\x87\xe4\xba\x94 "
	  "\xe4\xb8\x80\xe4\xba\xbf\xe4\xba\x8c\xe5\x8d\x83\xe4\xb8\x87 "
	  "\xe4\xb8\x89\xe7\x82\xb9\xe4\xba\x94 "
	  "\xe4\xba\x8c\xe3\x80\x87\xe4\xba\x8c\xe5\x9b\x9b",
	  "zh", "105|350|15000|120000000|3.5|2024", NULL,
	  "一百零五 三百五 一万五 一亿二千万 三点五 二〇二四" },
	{ "\xe5\x85\xa9\xe8\x90\xac\xe5\x80\x8b\xe3\x80\x81"
	  "\xe8\xb2\xa0\xe4\xb8\x89", "zh-TW", "20000|-3", NULL,
	  "Traditional: 兩萬個、負三" },
	{ "\xe4\xb8\x80\xe8\xb5\xb7\xe7\xbb\x9f\xe4\xb8\x80\xe5\x8d\x81"
	  "\xe5\x88\x86\xe5\x8d\x83\xe4\xb8\x87\xe7\xac\xac\xe4\xb8\x89",
	  "zh", "3", "\xe4\xb8\x89",
	  "words that are no numbers: 一起统一十分千万, then 第三 is 3" },
	{ "2024\xe5\xb9\xb4" "1\xe6\x9c\x88\xe7\xac\xac" "3",
	  "zh", "2024|1|3", NULL, "2024年1月第3" },
	{ "\xe4\xb8\x89 et 3", "fr", "3", "3",
	  "Han numerals are not read in French" },
	{ "Beijing \xe6\x9c\x89 25 \xe4\xb8\xaa, 3,5 %", NULL, "25|3|5",
	  NULL, "mixed scripts, no language: point decimal, comma separates" },
	{ "12\xff" "34 \xc3\x28 5,5 \xe4\xb8", "fr", "12|34|5.5", NULL,
	  "bad UTF-8 is no digit; reading goes on around it" },
	{ "99999999999999999999999999999999999999999999999999 et 7", "fr",
	  "7", NULL, "a number too long for a value is skipped" },
	{ "", "fr", "", NULL, "empty text" },
};

/* The numbers' values, or spans, joined by '|'. */
static char *
joined(const char *text, const struct tmg_number *nums, size_t n, int spans)
{
	size_t size = 1;
	char *s;

	for (size_t i = 0; i < n; i++)
		size += (spans ? nums[i].end - nums[i].start
			       : strlen(nums[i].value)) + 1;
	s = malloc(size);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, "|");
		if (spans)
			strncat(s, text + nums[i].start,
				nums[i].end - nums[i].start);
		else
			strcat(s, nums[i].value);
	}
	return s;
}

struct write_case {
	const char *model_text;   /* the first number of it is the model */
	const char *model_lang;
	const char *value;
	const char *lang;
	const char *want;
};

static const struct write_case writes[] = {
	{ "3,5 %", "fr", "25.75", "fr", "25,75 %" },
	{ "3.5%", "zh", "25.75", "zh", "25.75%" },
	{ "25", "fr", "3.5", "fr", "3,5" },
	{ "25", "zh", "3.5", "zh", "3.5" },
	{ "1" NNBSP "000", "fr", "1234567.5", "fr",
	  "1" NNBSP "234" NNBSP "567,5" },
	{ "1" NBSP "000", "fr", "25000", "fr", "25" NBSP "000" },
	{ "1 000", "fr", "250", "fr", "250" },
	{ "1,000", "en", "1234567", "en", "1,234,567" },
	{ "1.000.000", "fr", "2500000", "fr", "2.500.000" },
	{ "\xef\xbc\x92\xef\xbc\x95\xef\xbc\x85", "zh", "30", "zh",
	  "\xef\xbc\x93\xef\xbc\x90\xef\xbc\x85" },
	{ "25" NNBSP "%", "fr", "3", "fr", "3" NNBSP "%" },
	{ "\xe4\xba\x8c\xe5\x8d\x81\xe4\xba\x94", "zh", "15", "zh",
	  "\xe5\x8d\x81\xe4\xba\x94" },
	{ "\xe4\xb8\x89", "zh", "10005", "zh",
	  "\xe4\xb8\x80\xe4\xb8\x87\xe9\x9b\xb6\xe4\xba\x94" },
	{ "\xe4\xb8\x89", "zh", "120000000", "zh",
	  "\xe4\xb8\x80\xe4\xba\xbf\xe4\xba\x8c\xe5\x8d\x83\xe4\xb8\x87" },
	{ "\xe4\xb8\x89", "zh-TW", "20000", "zh-Hant",
	  "\xe4\xba\x8c\xe8\x90\xac" },
	{ "\xe4\xb8\x89", "zh", "-3.05", "zh",
	  "\xe8\xb4\x9f\xe4\xb8\x89\xe7\x82\xb9\xe9\x9b\xb6\xe4\xba\x94" },
	{ "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b\xe4\xba\x94", "zh", "105",
	  "zh", "\xe7\x99\xbe\xe5\x88\x86\xe4\xb9\x8b\xe4\xb8\x80\xe7\x99\xbe"
	  "\xe9\x9b\xb6\xe4\xba\x94" },
	{ "\xe4\xb8\x89", "zh", "1000000000000", "zh", "1000000000000" },
	{ NULL, NULL, "-1234.5", "fr", "-1234,5" },
	{ NULL, NULL, "1.5", "zh", "1.5" },
	{ NULL, NULL, "abc", "fr", "abc" },
	{ "1.000,5", "zh", "1.234", "zh", "1.234" },
	{ "1.000,5", "zh", "1234.5", "zh", "1.234,5" },
};

int
main(void)
{
	for (size_t i = 0; i < sizeof finds / sizeof *finds; i++) {
		const struct find_case *t = &finds[i];
		struct tmg_number *nums = NULL;
		size_t n = numbers_find(t->text, t->lang, &nums);
		char *values = joined(t->text, nums, n, 0);

		is_str(values, t->values, "find values: %s", t->why);
		if (t->spans) {
			char *spans = joined(t->text, nums, n, 1);

			is_str(spans, t->spans, "find spans: %s", t->why);
			free(spans);
		}
		free(values);
		free(nums);
	}

	/* Flags: how each was written. */
	{
		struct tmg_number *nums = NULL;
		size_t n = numbers_find("1" NNBSP "000,5 " "25" NBSP "%",
					"fr", &nums);

		ok(n == 2 && nums[0].flags == (NUMBER_GROUPED |
			NUMBER_GROUP_SPACE | NUMBER_NNBSP |
			NUMBER_DECIMAL_COMMA) &&
		   nums[1].flags == (NUMBER_PERCENT | NUMBER_SPACED_PERCENT |
				     NUMBER_NBSP),
		   "flags of a French grouped decimal and a spaced percent");
		free(nums);
	}

	/* Each value round trips through its own writing. */
	for (size_t i = 0; i < sizeof finds / sizeof *finds; i++) {
		const struct find_case *t = &finds[i];
		struct tmg_number *nums = NULL, *again = NULL;
		size_t n = numbers_find(t->text, t->lang, &nums);
		int good = 1;

		for (size_t k = 0; k < n; k++) {
			char *w = number_write(nums[k].value, t->lang,
					       &nums[k]);

			if (numbers_find(w, t->lang, &again) != 1 ||
			    strcmp(again[0].value, nums[k].value)) {
				diag("%s written %s", nums[k].value, w);
				good = 0;
			}
			free(again);
			free(w);
		}
		ok(good, "written as found and read back: %s", t->why);
		free(nums);
	}

	for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
		const struct write_case *t = &writes[i];
		struct tmg_number *model = NULL;
		char *w;

		if (t->model_text &&
		    numbers_find(t->model_text, t->model_lang, &model) < 1) {
			ok(0, "model %s read", t->model_text);
			continue;
		}
		w = number_write(t->value, t->lang, model);
		is_str(w, t->want, "%s written after %s in %s", t->value,
		       t->model_text ? t->model_text : "no model", t->lang);
		free(w);
		free(model);
	}
	return done_testing();
}
