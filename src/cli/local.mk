## src/cli/local.mk -- the tmgloss command: one file per command.
bin_PROGRAMS += src/tmgloss
src_tmgloss_SOURCES = \
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
src_tmgloss_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
src_tmgloss_SOURCES += src/cli/cmd-suggest.c src/cli/cmd-extract.c
src_tmgloss_SOURCES += src/cli/cmd-index.c
src_tmgloss_SOURCES += src/cli/cmd-origins.c
src_tmgloss_SOURCES += src/cli/cmd-remove.c
src_tmgloss_SOURCES += src/cli/locale-dir.c
src_tmgloss_SOURCES += src/cli/cmd-edit.c
src_tmgloss_SOURCES += src/cli/cmd-analyze.c
src_tmgloss_SOURCES += src/cli/cmd-pretranslate.c
src_tmgloss_SOURCES += src/cli/cmd-check.c
## tmgloss serve: the memory over HTTP (libmicrohttpd, Jansson)
src_tmgloss_SOURCES += src/cli/cmd-serve.c src/cli/serve.h \
	src/cli/serve-http.c src/cli/serve-api.c src/cli/serve-child.c \
	src/cli/serve-json.c src/cli/serve-json.h
src_tmgloss_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS)
src_tmgloss_LDADD += $(MHD_LIBS) $(JANSSON_LIBS)
EXTRA_DIST += doc/api.md doc/tmgloss-serve.service
