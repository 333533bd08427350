/*
 * i18n.h -- message translation through gettext, or plain strings when the
 * build has no NLS.  The engine uses dgettext with the package's domain so
 * that it translates even when linked into another program.
 */
#ifndef TMGLOSS_I18N_H
#define TMGLOSS_I18N_H

#if ENABLE_NLS
# include <libintl.h>
#else
# define gettext(msgid) ((const char *)(msgid))
# define dgettext(domain, msgid) ((void)(domain), (const char *)(msgid))
# define ngettext(s, p, n) ((n) == 1 ? (const char *)(s) : (const char *)(p))
# define dngettext(d, s, p, n) ((void)(d), ngettext(s, p, n))
# define textdomain(domain) ((const char *)(domain))
# define bindtextdomain(domain, dir) ((void)(domain), (const char *)(dir))
#endif

#define _(msgid) dgettext(PACKAGE, msgid)
#define N_(msgid) msgid

#endif
