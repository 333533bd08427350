/*
 * po-lib.c -- the table of libgettextpo's functions, filled when the
 * first PO file is read (see po-lib.h).
 */
#include <config.h>

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

static void
fill(void *const *slots)
{
	size_t i = 0;

	/* an object's address and a function's are not the same type in
	 * ISO C: copied, not cast */
#define F(name) memcpy(&po_lib.name, &slots[i++], sizeof po_lib.name);
	PO_LIB_FUNCTIONS
#undef F
	po_lib.version = slots[i];
}

static void *slots[NSYMBOLS];
static struct dynlib_once lib = DYNLIB_ONCE(GETTEXTPO_SONAME,
					    N_("reading PO files"), names,
					    slots, NSYMBOLS, fill);

int
po_lib_load(struct tmg_error *err)
{
	return dynlib_load_once(&lib, err);
}
