## src/local.mk -- the engine, a libtool convenience library.
noinst_LTLIBRARIES += src/libtmgloss.la
src_libtmgloss_la_SOURCES = \
	src/tmgloss.h \
	src/error.c \
	src/xalloc.h \
	src/i18n.h \
	src/xml-input.h \
	src/xml-input.c \
	src/xalloc.c \
	src/unit.c \
	src/lang.c \
	src/tmx-read.c \
	src/tmx-write.c \
	src/store.c \
	src/memory.c \
	src/text-internal.h \
	src/text.c \
	src/segment.c \
	src/srx.c \
	src/collate.c \
	src/concept.c \
	src/tbx.c \
	src/tsv.c \
	src/termkey.c \
	src/glossary.c \
	src/terms.c \
	src/fuzzy-index.h \
	src/fuzzy-index.c \
	src/fuzzy.c \
	src/concord.c \
	src/index-update.c
src_libtmgloss_la_LIBADD = $(ICU_LIBS) $(SQLITE_LIBS) $(LIBXML_LIBS) \
	$(STEMMER_LIBS) $(LTLIBINTL)
# term suggestion and glossary extraction (suggest.c, extract.c)
src_libtmgloss_la_SOURCES += src/suggest-internal.h src/suggest-index.c \
	src/suggest.c src/extract.c
src_libtmgloss_la_LIBADD += -lm
# posting lists in bounded memory, for the indexes an import feeds
src_libtmgloss_la_SOURCES += src/posting-builder.h src/posting-builder.c
