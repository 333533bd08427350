/*
 * formats/po-lib.h -- libgettextpo, opened when the first PO file is
 * read (base/dynlib.h), not by every tmgloss process: it and libunistring
 * cost each process two libraries to load.
 *
 * A file that uses libgettextpo includes this header instead of
 * <gettext-po.h>, calls po_lib_load() before anything else of it, and
 * calls its functions by their usual names: the macros below send them
 * through the table that po_lib_load() filled.
 */
#ifndef TMGLOSS_FORMATS_PO_LIB_H
#define TMGLOSS_FORMATS_PO_LIB_H

#include <gettext-po.h>

#include "base/error.h"

/* The functions tmgloss calls, by the names the library exports (and
 * one variable, libgettextpo_version). */
#define PO_LIB_FUNCTIONS \
	F(po_file_read_v3) F(po_file_free) F(po_file_domains) \
	F(po_file_domain_header) F(po_header_field) \
	F(po_message_iterator) F(po_message_iterator_free) \
	F(po_next_message) F(po_message_msgctxt) F(po_message_msgid) \
	F(po_message_msgid_plural) F(po_message_msgstr) \
	F(po_message_msgstr_plural) F(po_message_comments) \
	F(po_message_extracted_comments) F(po_message_prev_msgctxt) \
	F(po_message_prev_msgid) F(po_message_prev_msgid_plural) \
	F(po_message_filepos) F(po_message_is_obsolete) \
	F(po_message_is_fuzzy) F(po_message_is_format) \
	F(po_message_is_range) F(po_filepos_file) \
	F(po_filepos_start_line) F(po_format_list)

struct po_lib {
#define F(name) __typeof__(name) *name;
	PO_LIB_FUNCTIONS
#undef F
	int *version;   /* the library's libgettextpo_version */
};

extern struct po_lib po_lib;

/* Loads libgettextpo the first time.  Returns 0, or -1 with `err` set
 * (the library cannot be loaded: a message that names it). */
int po_lib_load(struct tmg_error *err);

#ifndef PO_LIB_TABLE
#define po_file_read_v3 (*po_lib.po_file_read_v3)
#define po_file_free (*po_lib.po_file_free)
#define po_file_domains (*po_lib.po_file_domains)
#define po_file_domain_header (*po_lib.po_file_domain_header)
#define po_header_field (*po_lib.po_header_field)
#define po_message_iterator (*po_lib.po_message_iterator)
#define po_message_iterator_free (*po_lib.po_message_iterator_free)
#define po_next_message (*po_lib.po_next_message)
#define po_message_msgctxt (*po_lib.po_message_msgctxt)
#define po_message_msgid (*po_lib.po_message_msgid)
#define po_message_msgid_plural (*po_lib.po_message_msgid_plural)
#define po_message_msgstr (*po_lib.po_message_msgstr)
#define po_message_msgstr_plural (*po_lib.po_message_msgstr_plural)
#define po_message_comments (*po_lib.po_message_comments)
#define po_message_extracted_comments \
	(*po_lib.po_message_extracted_comments)
#define po_message_prev_msgctxt (*po_lib.po_message_prev_msgctxt)
#define po_message_prev_msgid (*po_lib.po_message_prev_msgid)
#define po_message_prev_msgid_plural (*po_lib.po_message_prev_msgid_plural)
#define po_message_filepos (*po_lib.po_message_filepos)
#define po_message_is_obsolete (*po_lib.po_message_is_obsolete)
#define po_message_is_fuzzy (*po_lib.po_message_is_fuzzy)
#define po_message_is_format (*po_lib.po_message_is_format)
#define po_message_is_range (*po_lib.po_message_is_range)
#define po_filepos_file (*po_lib.po_filepos_file)
#define po_filepos_start_line (*po_lib.po_filepos_start_line)
#define po_format_list (*po_lib.po_format_list)
#define libgettextpo_version (*po_lib.version)
#endif

#endif /* TMGLOSS_FORMATS_PO_LIB_H */
