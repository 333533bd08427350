## src/cli/local.mk -- the command line: one file per command, in a
## library that both programs link.  tmgloss runs every command but
## serve, which it hands to tmgloss-serve (serve-exec.c): the same
## commands and the HTTP server, the only program linked with
## libmicrohttpd and Jansson (and through them GnuTLS), installed in
## $(pkglibexecdir) as a program that tmgloss runs (doc/DESIGN.md).
noinst_LIBRARIES += src/cli/libcli.a
src_cli_libcli_a_SOURCES = \
	src/cli/cli.h \
	src/cli/main.c \
	src/cli/options.c \
	src/cli/cmd-help.c \
	src/cli/input.c \
	src/cli/output.c \
	src/cli/progress.c \
	src/cli/interrupt.h \
	src/cli/cmd-import.c \
	src/cli/cmd-export.c \
	src/cli/cmd-stats.c \
	src/cli/cmd-segment.c \
	src/cli/cmd-gloss.c \
	src/cli/cmd-terms.c \
	src/cli/cmd-match.c \
	src/cli/cmd-concord.c
src_cli_libcli_a_SOURCES += src/cli/cmd-suggest.c src/cli/cmd-extract.c
src_cli_libcli_a_SOURCES += src/cli/cmd-index.c
src_cli_libcli_a_SOURCES += src/cli/cmd-origins.c
src_cli_libcli_a_SOURCES += src/cli/cmd-remove.c
src_cli_libcli_a_SOURCES += src/cli/locale-dir.c
src_cli_libcli_a_SOURCES += src/cli/cmd-edit.c
src_cli_libcli_a_SOURCES += src/cli/cmd-analyze.c
src_cli_libcli_a_SOURCES += src/cli/cmd-pretranslate.c
src_cli_libcli_a_SOURCES += src/cli/cmd-check.c
src_cli_libcli_a_SOURCES += src/cli/cmd-serve.c src/cli/serve.h

bin_PROGRAMS += src/tmgloss
src_tmgloss_SOURCES = src/cli/serve-exec.c
src_tmgloss_CPPFLAGS = $(AM_CPPFLAGS) \
	-DPKGLIBEXECDIR=\"$(pkglibexecdir)\"
src_tmgloss_LDADD = src/cli/libcli.a src/libtmgloss.a $(ENGINE_LIBS)

## tmgloss serve: the memory over HTTP (libmicrohttpd, Jansson)
pkglibexec_PROGRAMS = src/tmgloss-serve
src_tmgloss_serve_SOURCES = src/cli/serve-start.c \
	src/cli/serve-http.c src/cli/serve-api.c src/cli/serve-child.c \
	src/cli/serve-json.c src/cli/serve-json.h
src_tmgloss_serve_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS)
src_tmgloss_serve_LDADD = src/cli/libcli.a src/libtmgloss.a \
	$(ENGINE_LIBS) $(MHD_LIBS) $(JANSSON_LIBS)
EXTRA_DIST += doc/api.md doc/tmgloss-serve.service

# make installcheck: the installed tmgloss finds the installed server (a
# DESTDIR install is not where its programs look for each other).
installcheck-local:
	TMGLOSS='$(bindir)/tmgloss' top_srcdir='$(abs_top_srcdir)' \
	top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(top_srcdir)/tests/cli/serve-exec.sh
