/*
 * xml-output.c -- the opening and closing every XML writer shares (see
 * xml-output.h).
 *
 * The xmlTextWriter writes through callbacks of our own on a file
 * descriptor: the file opened here, or descriptor 1 itself for standard
 * output (opening "/dev/stdout" by name would truncate a file the shell
 * opened with >>, and reopen a pipe).  A file is created here, once, so
 * that a folder that does not exist or cannot be written is one error with
 * the system's reason, not libxml2's own lines on stderr, and so that a
 * FIFO is opened once by its one writer.
 *
 * Why callbacks: libxml2's own file output writes through stdio and
 * ignores what closing the file says, so a full disk (or /dev/full) could
 * end an export with exit status 0.  Here every write() is checked, a
 * regular file we created is synced and closed with both results checked,
 * and the first failure's errno is kept for the message.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/xml-output.h"

/* Where a writer's bytes go. */
struct xml_sink {
	int fd;
	int own;    /* the descriptor is ours to sync and close */
	int error;  /* errno of the first failed write, sync or close */
};

/* The errno of the last writer's failure, for xml_output_failed(): the
 * sink itself is freed by libxml2's close, before the caller asks.  A
 * writer is used by one thread. */
static _Thread_local int last_error;

/* libxml2 prints "I/O error : write error" on stderr when a write
 * callback fails; the caller's message says it with the file's name, so
 * libxml2's handler is silenced while writers are open, and put back
 * after the last one closes. */
static _Thread_local int open_writers;
static _Thread_local xmlGenericErrorFunc saved_handler;
static _Thread_local void *saved_context;

static void
say_nothing(void *context, const char *fmt, ...)
{
	(void)context;
	(void)fmt;
}

static void
silence_libxml(void)
{
	if (open_writers++ == 0) {
		saved_handler = xmlGenericError;
		saved_context = xmlGenericErrorContext;
		xmlSetGenericErrorFunc(NULL, say_nothing);
	}
}

static void
restore_libxml(void)
{
	if (--open_writers == 0)
		xmlSetGenericErrorFunc(saved_context, saved_handler);
}

static int
sink_write(void *data, const char *buf, int len)
{
	struct xml_sink *sink = data;

	if (sink->error)
		return -1;
	if (write_all(sink->fd, buf, (size_t)len) < 0) {
		sink->error = errno;
		last_error = sink->error;
		return -1;
	}
	return len;
}

static int
sink_close(void *data)
{
	struct xml_sink *sink = data;
	int error = sink->error;

	if (sink->own) {
		struct stat st;

		/* a temporary file renamed into place must be on the disk
		 * first; a device or a FIFO has nothing to sync */
		if (error == 0 && fstat(sink->fd, &st) == 0 &&
		    S_ISREG(st.st_mode) && fsync(sink->fd) != 0)
			error = errno;
		if (close(sink->fd) != 0 && error == 0 && errno != EINTR)
			error = errno;
	}
	if (error)
		last_error = error;
	free(sink);
	return error ? -1 : 0;
}

xmlTextWriterPtr
xml_output_open(const char *path, struct tmg_error *err)
{
	struct xml_sink *sink = xcalloc(1, sizeof *sink);
	xmlOutputBufferPtr buf;
	xmlTextWriterPtr xml;

	last_error = 0;
	if (strcmp(path, "-") == 0) {
		/* what the program printed before comes first */
		fflush(stdout);
		sink->fd = STDOUT_FILENO;
	} else {
		sink->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				0666);
		if (sink->fd < 0) {
			tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
			free(sink);
			return NULL;
		}
		sink->own = 1;
	}
	silence_libxml();
	buf = xmlOutputBufferCreateIO(sink_write, sink_close, sink, NULL);
	if (buf == NULL) {
		sink_close(sink);
		goto fail;
	}
	xml = xmlNewTextWriter(buf);
	if (xml == NULL) {
		xmlOutputBufferClose(buf);
		goto fail;
	}
	return xml;
fail:
	restore_libxml();
	tmg_error_set(err, path, 0, 0, "%s", _("cannot create the file"));
	return NULL;
}

int
xml_output_failed(const char *path, const char *message,
		  struct tmg_error *err)
{
	if (last_error)
		tmg_error_set(err, path, 0, 0, "%s: %s", message,
			      strerror(last_error));
	else
		tmg_error_set(err, path, 0, 0, "%s", message);
	return -1;
}

int
xml_output_close(xmlTextWriterPtr xml)
{
	int ret = 0;

	if (xmlTextWriterEndDocument(xml) < 0 || xmlTextWriterFlush(xml) < 0)
		ret = -1;
	/* flushes what is left and closes the sink, which says how that
	 * went in last_error */
	xmlFreeTextWriter(xml);
	restore_libxml();
	return ret < 0 || last_error ? -1 : 0;
}
