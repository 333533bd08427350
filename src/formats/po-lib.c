/*
 * po-lib.c -- the table of libgettextpo's functions, filled when the
 * first PO file is read (see po-lib.h).
 */
#include <config.h>

#include <pthread.h>
#include <string.h>

#define PO_LIB_TABLE
#include "base/dynlib.h"
#include "base/i18n.h"
#include "formats/po-lib.h"

struct po_lib po_lib;

static const char *const names[] = {
#define F(name) #name,
	PO_LIB_FUNCTIONS
#undef F
	"libgettextpo_version",
};

#define NSYMBOLS (sizeof names / sizeof *names)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct tmg_error load_err;
static int load_failed;

static void
load(void)
{
	void *slots[NSYMBOLS];
	const struct dynlib lib = {
		GETTEXTPO_SONAME, _("reading PO files"), names, slots,
		NSYMBOLS
	};
	size_t i = 0;

	if (dynlib_load(&lib, &load_err) < 0) {
		load_failed = 1;
		return;
	}
	/* an object's address and a function's are not the same type in
	 * ISO C: copied, not cast */
#define F(name) memcpy(&po_lib.name, &slots[i++], sizeof po_lib.name);
	PO_LIB_FUNCTIONS
#undef F
	po_lib.version = slots[i];
}

int
po_lib_load(struct tmg_error *err)
{
	pthread_once(&once, load);
	if (load_failed) {
		if (err)
			*err = load_err;
		return -1;
	}
	return 0;
}
