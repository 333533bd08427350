## src/local.mk -- the engine, a static library built from one folder per
## layer (doc/DESIGN.md): each layer uses only the layers listed before it.
noinst_LIBRARIES += src/libtmgloss.a
src_libtmgloss_a_SOURCES = src/tmgloss.h

# base: errors, allocation, the records every layer passes (libc only)
src_libtmgloss_a_SOURCES += \
	src/base/error.h src/base/error.c \
	src/base/i18n.h \
	src/base/xalloc.h src/base/xalloc.c \
	src/base/bulkmem.h src/base/bulkmem.c \
	src/base/dynlib.h src/base/dynlib.c \
	src/base/hash.h src/base/varint.h src/base/utf8.h \
	src/base/records.h src/base/unit.c src/base/concept.c \
	src/base/docseg.c

# text: languages, keys, tokens, sentences, collation, term keys (ICU)
src_libtmgloss_a_SOURCES += \
	src/text/text.h src/text/text-internal.h \
	src/text/thread.c src/text/lang.c src/text/utf16.c src/text/keys.c \
	src/text/tokens.c src/text/segment.c src/text/srx.c \
	src/text/collate.c src/text/termkey.c src/text/term-tokens.c \
	src/text/term-ngrams.c src/text/stemmer.h src/text/stemmer.c \
	src/text/icu-i18n.h src/text/icu-i18n.c

# formats: TMX, TBX, TSV/CSV files read and written (libxml2)
src_libtmgloss_a_SOURCES += \
	src/formats/formats.h src/formats/xml-input.h src/formats/xml-input.c \
	src/formats/xml-output.h src/formats/xml-output.c \
	src/formats/tmx-read.c src/formats/tmx-write.c \
	src/formats/tbx-read.c src/formats/tbx-write.c src/formats/tsv.c \
	src/formats/srx-read.c src/formats/sniff.c src/formats/inline.c \
	src/formats/po-read.c src/formats/po-lib.h src/formats/po-lib.c
src_libtmgloss_a_SOURCES += src/formats/xliff-read.c
src_libtmgloss_a_SOURCES += src/formats/po-write.c

# store: the memory file, its schema, units and glossary (SQLite)
src_libtmgloss_a_SOURCES += \
	src/store/store.h src/store/db.h \
	src/store/store.c src/store/pending.c src/store/rows.c \
	src/store/collation.c \
	src/store/memory.c src/store/glossary.c src/store/origins.c

# index: the search indexes and the pass that brings them up to date
src_libtmgloss_a_SOURCES += \
	src/index/index.h src/index/posting-builder.h src/index/posting-builder.c \
	src/index/posting-reader.h src/index/posting-reader.c \
	src/index/fuzzy-index.h src/index/fuzzy-index.c \
	src/index/suggest-index.h src/index/suggest-index.c \
	src/index/index-update.c

# search: match, concordance, terms, suggestions, extraction
src_libtmgloss_a_SOURCES += \
	src/search/search.h src/search/search-internal.h src/search/fuzzy.c src/search/concord.c \
	src/search/terms.c src/search/suggest.c src/search/extract.c

# What a program linking src/libtmgloss.a links too.
# (libstemmer, libgettextpo and libicui18n are opened when first needed:
# base/dynlib.h)
ENGINE_LIBS = $(ICU_LIBS) $(SQLITE_LIBS) $(LIBXML_LIBS) $(ZLIB_LIBS) \
	$(LIBINTL)

# store: removing units (tmgloss remove)
src_libtmgloss_a_SOURCES += src/store/remove.c

# store: whether a memory is whole; its derived parts rebuilt
src_libtmgloss_a_SOURCES += src/store/verify.c

# text: words and characters as translators are paid
src_libtmgloss_a_SOURCES += src/text/wordcount.c

# text: the checks of a segment and its translation (tmgloss check)
src_libtmgloss_a_SOURCES += src/text/qa.c

# documents, XLIFF or PO, read as one; their match analysis
src_libtmgloss_a_SOURCES += src/formats/document.c src/search/analysis.c

# text: numbers read as values, written back in a language's style
src_libtmgloss_a_SOURCES += src/text/numbers.c

# search: a match made the segment's: numbers carried over, codes placed
src_libtmgloss_a_SOURCES += src/search/transfer.c

# documents rewritten with their segments filled (tmgloss pretranslate)
src_libtmgloss_a_SOURCES += src/formats/xliff-write.c
src_libtmgloss_a_SOURCES += src/search/pretranslate.c

# search: the quality checks of translated files (tmgloss check)
src_libtmgloss_a_SOURCES += src/search/check.c
