/*
 * xml-output.h -- what the XML writers (TMX, TBX) share: an xmlTextWriter
 * opened on a file or on standard output, the error of a failed write, and
 * the end of the document.  Internal to the engine.
 */
#ifndef TMGLOSS_XML_OUTPUT_H
#define TMGLOSS_XML_OUTPUT_H

#include <libxml/xmlwriter.h>

#include "base/error.h"

/* A writer on the file `path` (created, or truncated, and written
 * straight into), or on descriptor 1 for "-"; NULL, with the error in
 * `err`, when the file cannot be created. */
xmlTextWriterPtr xml_output_open(const char *path, struct tmg_error *err);

/* Set `err` to `message`, the failure of a write to `path`, followed by
 * the system's reason when a write, sync or close failed; returns -1. */
int xml_output_failed(const char *path, const char *message,
		      struct tmg_error *err);

/* End the document, flush, sync (a file it created) and free the
 * writer: 0, or -1 when one of these failed (the writer is freed all the
 * same). */
int xml_output_close(xmlTextWriterPtr xml);

#endif
