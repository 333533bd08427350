/*
 * dynlib.c -- opening a shared library on first use (see dynlib.h).
 */
#include <config.h>

#include <dlfcn.h>

#include "base/dynlib.h"
#include "base/i18n.h"

int
dynlib_load(const struct dynlib *lib, struct tmg_error *err)
{
	void *handle;
	const char *why;

	/* RTLD_NOW: what the library itself lacks is said here, not at
	 * its first call; RTLD_LOCAL: its names stay out of the program's */
	handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL) {
		why = dlerror();
		/* TRANSLATORS: the first %s is what needs the library
		 * ("reading PO files"), the last dlerror()'s words */
		tmg_error_set(err, "", 0, 0,
			      _("%s needs the library %s, which cannot be "
				"loaded (%s); reinstall it"),
			      _(lib->need), lib->soname, why ? why : "?");
		return -1;
	}
	for (size_t i = 0; i < lib->count; i++) {
		dlerror();
		lib->slots[i] = dlsym(handle, lib->names[i]);
		if (lib->slots[i] == NULL) {
			tmg_error_set(err, "", 0, 0,
				      _("the library %s lacks %s: it is not "
					"the version tmgloss was built with"),
				      lib->soname, lib->names[i]);
			dlclose(handle);
			return -1;
		}
	}
	return 0;
}

int
dynlib_load_once(struct dynlib_once *o, struct tmg_error *err)
{
	int state;

	pthread_mutex_lock(&o->lock);
	if (o->state == 0) {
		o->state = dynlib_load(&o->lib, &o->err) < 0 ? -1 : 1;
		if (o->state > 0)
			o->fill(o->lib.slots);
	}
	state = o->state;
	pthread_mutex_unlock(&o->lock);
	if (state < 0 && err)
		*err = o->err;
	return state < 0 ? -1 : 0;
}
