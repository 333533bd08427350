/*
 * locale-dir.c -- where the message catalogs are.
 *
 * An installed tmgloss finds its catalogs under LOCALEDIR.  A tmgloss run
 * from its build tree (`./src/tmgloss` after `make`, as the demo and a
 * curious user run it) has none installed yet, so its first run would be
 * in English whatever the user's language.  The build therefore copies
 * po/LL.gmo into BUILDDIR/locale/LL/LC_MESSAGES/tmgloss.mo (Makefile.am,
 * all-local), and a program whose own folder is BUILDDIR/src, with
 * BUILDDIR/config.status beside that locale folder, reads them there.
 * $TMGLOSS_LOCALEDIR overrides both.
 */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int
is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
cli_locale_dir(void)
{
	static char found[PATH_MAX + 16];
	const char *env = getenv("TMGLOSS_LOCALEDIR");
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n;
	char *slash;

	if (env != NULL && *env != '\0')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return LOCALEDIR;
	exe[n] = '\0';
	/* BUILDDIR/src/tmgloss -> BUILDDIR */
	if ((slash = strrchr(exe, '/')) == NULL)
		return LOCALEDIR;
	*slash = '\0';
	if ((slash = strrchr(exe, '/')) == NULL || strcmp(slash, "/src") != 0)
		return LOCALEDIR;
	*slash = '\0';
	snprintf(probe, sizeof probe, "%s/config.status", exe);
	if (!is_file(probe))
		return LOCALEDIR;
	snprintf(found, sizeof found, "%s/locale", exe);
	return is_directory(found) ? found : LOCALEDIR;
}
