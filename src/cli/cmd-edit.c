/*
 * cmd-edit.c -- tmgloss edit: correct one unit's translation or note.
 *
 * The unit is named by the id match and concord print.  A new translation
 * is plain text: the inline codes the old one had are gone.  The change
 * date becomes now (UTC) and the author $USER (or --author).  Because the
 * search indexes take units in by id, a unit whose translation changes is
 * stored again under a new id, which the command prints; the old id names
 * nothing afterwards (store/memory.c, memory_edit_unit).
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct edit_args {
	const char *target;
	struct cli_lang lang;
	const char *note;
	const char *author;
};

static const struct edit_args edit_defaults;

/* The translation to show: the one changed, else the unit's first. */
static const struct tmg_variant *
shown_target(const struct tmg_unit *unit, size_t target)
{
	const struct tmg_variant *source = unit_source_variant(unit);

	if (target != SIZE_MAX)
		return &unit->variants[target];
	for (size_t i = 0; i < unit->nvariants; i++)
		if (&unit->variants[i] != source)
			return &unit->variants[i];
	return NULL;
}

/* The unit's note (its first <note>), or NULL. */
static const char *
unit_note(const struct tmg_unit *unit)
{
	for (size_t i = 0; i < unit->notes.count; i++)
		if (unit->notes.items[i].is_note)
			return unit->notes.items[i].value;
	return NULL;
}

/* A TMX date (YYYYMMDDThhmmssZ) as match shows it: 2026-12-06 10:44. */
static void
shown_date(const char *date, char out[17])
{
	if (date == NULL || strlen(date) != 16) {
		snprintf(out, 17, "%s", date ? date : "");
		return;
	}
	snprintf(out, 17, "%.4s-%.2s-%.2s %.2s:%.2s", date, date + 4,
		 date + 6, date + 9, date + 11);
}

static void
print_edited(const struct cli *cli, const struct tmg_unit *unit,
	     int64_t id, int64_t old_id, const struct tmg_variant *tgt)
{
	const struct tmg_variant *src = unit_source_variant(unit);
	const char *note = unit_note(unit);
	char ids[64], date[17];

	switch (cli->format) {
	case FORMAT_TEXT:
		shown_date(unit->change_date, date);
		if (id != old_id)
			/* TRANSLATORS: unit ids: the edited unit is stored
			 * again under a new one */
			printf(_("Unit %lld (was %lld) changed on %s UTC by "
				 "%s.\n"), (long long)id, (long long)old_id,
			       date, unit->change_id ? unit->change_id : "-");
		else
			printf(_("Unit %lld changed on %s UTC by %s.\n"),
			       (long long)id, date,
			       unit->change_id ? unit->change_id : "-");
		if (src)
			printf("  %s: %s\n", src->lang, src->text);
		if (tgt)
			printf("  %s: %s\n", tgt->lang, tgt->text);
		if (note)
			/* TRANSLATORS: the unit's note, indented */
			printf(_("  note: %s\n"), note);
		break;
	case FORMAT_TSV:
		tsv_header(cli, "id", "previous_id", "source_lang", "source",
			   "target_lang", "target", "change_date", "author",
			   "note", NULL);
		snprintf(ids, sizeof ids, "%lld\t%lld", (long long)id,
			 (long long)old_id);
		fputs(ids, stdout);
		putchar('\t');
		tsv_row(stdout, src ? src->lang : "", src ? src->text : "",
			tgt ? tgt->lang : "", tgt ? tgt->text : "",
			unit->change_date, unit->change_id ? unit->change_id
							   : "",
			note ? note : "", NULL);
		break;
	case FORMAT_JSON:
		printf("{\"id\": %lld, \"previous_id\": %lld", (long long)id,
		       (long long)old_id);
		json_member(stdout, "tuid", unit->tuid);
		json_member(stdout, "source_lang", src ? src->lang : NULL);
		json_member(stdout, "source", src ? src->text : NULL);
		json_member(stdout, "target_lang", tgt ? tgt->lang : NULL);
		json_member(stdout, "target", tgt ? tgt->text : NULL);
		json_member(stdout, "change_date", unit->change_date);
		json_member(stdout, "author", unit->change_id);
		json_member(stdout, "note", note);
		puts("}");
		break;
	}
}

static int
edit_run(struct cli *cli, void *data, int argc, char **argv)
{
	const struct edit_args *args = data;
	struct memory_edit edit = { 0 };
	struct tmg_error err = { 0 };
	struct tmg_memory *memory;
	struct tmg_unit unit;
	size_t target;
	int64_t id;
	char *end;
	int status = EXIT_DATA;

	if (argc != 1)
		return cli_usage_error(&cmd_edit_entry, "%s",
				       _("give one unit id"));
	errno = 0;
	edit.id = strtoll(argv[0], &end, 10);
	if (argv[0][0] < '0' || argv[0][0] > '9' || *end != '\0' ||
	    errno != 0 || edit.id <= 0)
		return cli_usage_error(&cmd_edit_entry,
				       _("'%s' is not a unit id"), argv[0]);
	if (args->target == NULL && args->note == NULL)
		return cli_usage_error(&cmd_edit_entry, "%s",
				       _("nothing to change: give --target "
					 "or --note"));
	if (args->target && *args->target == '\0')
		return cli_usage_error(&cmd_edit_entry, "%s",
				       _("the new translation is empty"));
	edit.target = args->target;
	edit.lang = args->lang.arg ? args->lang.tag : NULL;
	edit.note = args->note;
	edit.author = args->author ? args->author : getenv("USER");
	if (edit.author && *edit.author == '\0')
		edit.author = NULL;

	if ((memory = cli_open_memory(cli)) == NULL)
		return EXIT_DATA;
	unit_init(&unit);
	if (memory_edit_unit(memory, &edit, &unit, &id, &target, &err) == 0) {
		if (!cli->quiet || cli->format != FORMAT_TEXT)
			print_edited(cli, &unit, id, edit.id,
				     shown_target(&unit, target));
		status = EXIT_OK;
	}
	unit_clear(&unit);
	return cli_finish(memory, &err, status);
}

static const struct cli_option edit_options[] = {
	CLI_STRING("target", 't', "TEXT", struct edit_args, target,
		   N_("the new translation, plain text (inline codes\n"
		      "such as tags are replaced by it)")),
	CLI_LANGUAGE("lang", 0, struct edit_args, lang,
		     N_("the translation to change, when the unit has\n"
			"several languages besides its source")),
	CLI_STRING("note", 0, "TEXT", struct edit_args, note,
		   N_("the unit's note (an empty TEXT removes it)")),
	CLI_STRING("author", 0, "NAME", struct edit_args, author,
		   N_("the author of the change (default: $USER)")),
	CLI_FORMAT(N_("the unit as changed: text (default), tsv or json")),
	CLI_QUIET(N_("no text output")),
	CLI_OPTIONS_END
};

const struct command cmd_edit_entry = {
	.name = "edit",
	.summary = N_("Correct a unit's translation or note."),
	.usage = N_("ID [--target TEXT] [--lang LANG] [--note TEXT]"),
	.help = N_(
"Changes the translation of the unit ID (the id match and concord print)\n"
"and/or its note, and records the change: date now (UTC), author $USER\n"
"or --author.  The new translation is plain text: inline codes (tags)\n"
"the old one had are replaced by the text.  A unit with translations in\n"
"several languages needs --lang.  A changed translation is searched at\n"
"once and the old one never matched again; the unit gets a new id, which\n"
"edit prints (a note alone keeps the id).\n"),
	.examples = N_(
"  tmgloss edit 42 --target '实验室周五关门。'\n"
"  tmgloss edit 42 --lang zh-TW --target '實驗室週五關門。'\n"
"  tmgloss edit 42 --note 'checked with the client'\n"),
	.options = edit_options,
	COMMAND_ARGS(edit_defaults),
	.run = edit_run,
};
