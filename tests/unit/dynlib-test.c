/*
 * dynlib-test.c -- a library opened on first use (base/dynlib.h): its
 * symbols are found by name; a library or a symbol that is missing is an
 * error that names it, and what needed it.
 */
#include <config.h>

#include <string.h>

#include <gettext-po.h>

#include "base/dynlib.h"
#include "tap.h"

int
main(void)
{
	static const char *const names[] = {
		"po_file_read_v3", "libgettextpo_version"
	};
	static const char *const missing[] = {
		"po_file_read_v3", "tmgloss_no_such_function"
	};
	void *slots[2] = { NULL, NULL };
	struct tmg_error err = { 0 };
	struct dynlib lib = {
		GETTEXTPO_SONAME, "reading PO files", names, slots, 2
	};

	is_int(dynlib_load(&lib, &err), 0, "libgettextpo is opened");
	ok(slots[0] != NULL, "a function is found");
	/* the same library the header describes, or a later one */
	ok(slots[1] && *(int *)slots[1] >= LIBGETTEXTPO_VERSION,
	   "a variable is found: libgettextpo_version 0x%06x",
	   slots[1] ? *(int *)slots[1] : 0);

	lib.names = missing;
	slots[0] = slots[1] = NULL;
	is_int(dynlib_load(&lib, &err), -1, "a missing symbol is an error");
	ok(strstr(err.message, "tmgloss_no_such_function") &&
	   strstr(err.message, GETTEXTPO_SONAME),
	   "which names it and the library: %s", err.message);

	lib.soname = "libtmgloss-absent.so.0";
	lib.names = names;
	memset(&err, 0, sizeof err);
	is_int(dynlib_load(&lib, &err), -1, "a missing library is an error");
	ok(strstr(err.message, "libtmgloss-absent.so.0") &&
	   strstr(err.message, "reading PO files"),
	   "which names it and what needs it: %s", err.message);
	return done_testing();
}
