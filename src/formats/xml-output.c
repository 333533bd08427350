/*
 * xml-output.c -- the opening and closing every XML writer shares (see
 * xml-output.h).
 *
 * Standard output is written through /dev/stdout, so that one kind of
 * xmlTextWriter, on a file name, serves both cases.  A file is created
 * here first, so that a folder that does not exist or cannot be written is
 * one error with the system's reason, not libxml2's own lines on stderr.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "formats/xml-output.h"

xmlTextWriterPtr
xml_output_open(const char *path, struct tmg_error *err)
{
	xmlTextWriterPtr xml;

	if (strcmp(path, "-") != 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0666);

		if (fd < 0) {
			tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
			return NULL;
		}
		close(fd);
	}
	xml = xmlNewTextWriterFilename(strcmp(path, "-") == 0 ?
				       "/dev/stdout" : path, 0);
	if (xml == NULL)
		tmg_error_set(err, path, 0, 0, "%s",
			      _("cannot create the file"));
	return xml;
}

int
xml_output_failed(const char *path, const char *message,
		  struct tmg_error *err)
{
	tmg_error_set(err, path, 0, 0, "%s", message);
	return -1;
}

int
xml_output_close(xmlTextWriterPtr xml)
{
	int ret = 0;

	if (xmlTextWriterEndDocument(xml) < 0 || xmlTextWriterFlush(xml) < 0)
		ret = -1;
	xmlFreeTextWriter(xml);
	return ret;
}
