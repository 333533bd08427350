/*
 * cmd-origins.c -- tmgloss origins: the files the memory's units and
 * glossary concepts came from.
 *
 * One line per origin: when it was last imported, its units, its glossary
 * concepts, its languages and its name.  The name is what import recorded:
 * the file's path made absolute, a --origin-name label, or, in a memory
 * from before paths were kept, the file's base name.  The name, or any
 * unambiguous end of it such as the base name, is what export --origin,
 * gloss list --origin and gloss export --origin take.
 */
#include <config.h>

#include <string.h>

#include "cli.h"

/* A TMX date (20261206T094417Z) as ISO 8601 (2026-12-06T09:44:17Z) into
 * buf; anything else as it is. */
static const char *
iso_date(const char *date, char *buf, size_t size)
{
	if (date == NULL)
		return "";
	if (strlen(date) != 16 || date[8] != 'T' || date[15] != 'Z')
		return date;
	snprintf(buf, size, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", date,
		 date + 4, date + 6, date + 9, date + 11, date + 13);
	return buf;
}

static void
print_text(const struct origin_list *list)
{
	const char *h_date = _("Imported (UTC)"), *h_units = _("Units");
	const char *h_concepts = _("Concepts"), *h_langs = _("Languages");
	size_t w_date = display_width(h_date), w_units = display_width(h_units);
	size_t w_concepts = display_width(h_concepts);
	size_t w_langs = display_width(h_langs);

	if (list->count == 0) {
		puts(_("No file has been imported into this memory."));
		return;
	}
	if (w_date < 16)
		w_date = 16;
	for (size_t i = 0; i < list->count; i++) {
		const struct origin *o = &list->items[i];
		char n[32];

		format_count(n, sizeof n, o->units);
		if (display_width(n) > w_units)
			w_units = display_width(n);
		format_count(n, sizeof n, o->concepts);
		if (display_width(n) > w_concepts)
			w_concepts = display_width(n);
		if (o->languages && display_width(o->languages) > w_langs)
			w_langs = display_width(o->languages);
	}
	pad_right(stdout, h_date, w_date + 2);
	pad_left(stdout, h_units, w_units);
	fputs("  ", stdout);
	pad_left(stdout, h_concepts, w_concepts);
	fputs("  ", stdout);
	pad_right(stdout, h_langs, w_langs + 2);
	printf("%s\n", _("Name"));
	for (size_t i = 0; i < list->count; i++) {
		const struct origin *o = &list->items[i];
		char date[32], n[32];

		/* minutes are enough to tell imports apart on a screen */
		iso_date(o->imported, date, sizeof date);
		if (strlen(date) == 20) {
			date[10] = ' ';
			date[16] = '\0';
		}
		pad_right(stdout, date, w_date + 2);
		format_count(n, sizeof n, o->units);
		pad_left(stdout, n, w_units);
		fputs("  ", stdout);
		format_count(n, sizeof n, o->concepts);
		pad_left(stdout, n, w_concepts);
		fputs("  ", stdout);
		pad_right(stdout, o->languages ? o->languages : "",
			  w_langs + 2);
		printf("%s\n", o->name);
	}
}

static void
print_tsv(const struct cli *cli, const struct origin_list *list)
{
	tsv_header(cli, "name", "imported", "units", "concepts", "languages",
		   NULL);
	for (size_t i = 0; i < list->count; i++) {
		const struct origin *o = &list->items[i];
		char date[32];

		tsv_field(stdout, o->name);
		putchar('\t');
		tsv_field(stdout, iso_date(o->imported, date, sizeof date));
		printf("\t%ld\t%ld\t", o->units, o->concepts);
		tsv_field(stdout, o->languages ? o->languages : "");
		putchar('\n');
	}
}

/* The space-separated languages as a JSON array of strings. */
static void
print_languages_json(const char *languages)
{
	const char *p = languages ? languages : "";

	putchar('[');
	while (*p) {
		size_t n = strcspn(p, " ");
		char lang[TMG_LANG_MAX];

		snprintf(lang, sizeof lang, "%.*s", (int)n, p);
		if (p != languages)
			fputs(", ", stdout);
		json_string(stdout, lang);
		p += n;
		p += strspn(p, " ");
	}
	putchar(']');
}

static void
print_json(const struct origin_list *list)
{
	putchar('[');
	for (size_t i = 0; i < list->count; i++) {
		const struct origin *o = &list->items[i];
		char date[32];

		fputs(i ? ",\n  " : "\n  ", stdout);
		fputs("{\"name\": ", stdout);
		json_string(stdout, o->name);
		json_member(stdout, "imported",
			    o->imported ? iso_date(o->imported, date,
						   sizeof date) : NULL);
		printf(", \"units\": %ld, \"concepts\": %ld, \"languages\": ",
		       o->units, o->concepts);
		print_languages_json(o->languages);
		putchar('}');
	}
	puts(list->count ? "\n]" : "]");
}

static int
origins_run(struct cli *cli, void *args, int argc, char **argv)
{
	struct origin_list list = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;

	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	if (origins_list(memory, &list, &err) < 0)
		goto out;
	switch (cli->format) {
	case FORMAT_TEXT:
		print_text(&list);
		break;
	case FORMAT_TSV:
		print_tsv(cli, &list);
		break;
	case FORMAT_JSON:
		print_json(&list);
		break;
	}
	origins_list_free(&list);
out:
	return cli_finish(memory, &err, EXIT_OK);
}

static const struct cli_option origins_options[] = {
	CLI_FORMAT(N_("text (default), tsv (name, imported, units,\n"
		      "concepts, languages) or json")),
	CLI_OPTIONS_END
};

const struct command cmd_origins_entry = {
	.name = "origins",
	.summary = N_("List the files the memory's units and concepts came "
		      "from."),
	.usage = N_("[--format=text|tsv|json]"),
	.help = N_(
"Lists each origin: when it was last imported (UTC), its units, its\n"
"glossary concepts and its languages, and its name.  import records a\n"
"file under its path as given, made absolute (symbolic links are not\n"
"followed), or under the label given with --origin-name; memories\n"
"written by older versions keep the base names they recorded.  export\n"
"--origin, gloss list --origin and gloss export --origin take the name,\n"
"or its base name (or any end of its path) when that names only one\n"
"origin.\n"),
	.examples = N_(
"  tmgloss origins\n"
"  tmgloss origins --format=json\n"),
	.options = origins_options,
	.no_operands = 1,
	.run = origins_run,
};
