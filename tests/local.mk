## tests/local.mk -- make check: C unit tests and shell CLI tests, all TAP.
##
## One list of tests and one set of flags.  A unit test is one file,
## tests/unit/NAME-test.c (Automake's default source for the program
## tests/unit/NAME-test), compiled with the project's AM_CPPFLAGS and linked
## with the LDADD below: the TAP functions and the fixture
## (tests/unit/libunittest.a), then the engine.  A CLI test is a shell
## script sourcing tests/cli/test-lib.sh.  Both read their files from
## tests/data, which is distributed whole.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	TMGLOSS='$(abs_top_builddir)/src/tmgloss'; \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	XMLLINT='$(XMLLINT)'; \
	export TMGLOSS top_srcdir top_builddir XMLLINT;

check_LIBRARIES = tests/unit/libunittest.a
tests_unit_libunittest_a_SOURCES = tests/unit/tap.h tests/unit/tap.c \
	tests/unit/fixture.h tests/unit/fixture.c
# The default of every program that does not set its own: the unit tests.
LDADD = tests/unit/libunittest.a src/libtmgloss.a $(ENGINE_LIBS)

UNIT_TESTS = \
	tests/unit/lang-test \
	tests/unit/text-test \
	tests/unit/text-threads-test \
	tests/unit/collate-test \
	tests/unit/srx-test \
	tests/unit/tmx-read-test \
	tests/unit/read-ahead-test \
	tests/unit/glossary-test \
	tests/unit/memory-test \
	tests/unit/posting-builder-test \
	tests/unit/index-update-test \
	tests/unit/fuzzy-test \
	tests/unit/suggest-test
check_PROGRAMS += $(UNIT_TESTS)

CLI_TESTS = \
	tests/cli/cli.sh \
	tests/cli/import.sh \
	tests/cli/export.sh \
	tests/cli/bad-input.sh \
	tests/cli/index.sh \
	tests/cli/segment.sh \
	tests/cli/gloss.sh \
	tests/cli/terms.sh \
	tests/cli/terms-packed.sh \
	tests/cli/match.sh \
	tests/cli/concord.sh \
	tests/cli/suggest.sh \
	tests/cli/extract.sh \
	tests/cli/gettext.sh

TESTS += $(UNIT_TESTS) $(CLI_TESTS)
EXTRA_DIST += tests/cli/test-lib.sh $(CLI_TESTS) tests/data

clean-local: clean-test-tmp
clean-test-tmp:
	-rm -rf tests/tmp tests/locale
.PHONY: clean-test-tmp

## added by other modules

## hashes that reach the disk stay bit-identical (base/hash.h)
UNIT_TESTS += tests/unit/hash-test

## a bulk pass's heap advised for huge pages (base/bulkmem.h)
UNIT_TESTS += tests/unit/bulkmem-test

## every command's options against the man page and README (src/cli/options.c)
CLI_TESTS += tests/cli/options.sh

## the layer rule of doc/DESIGN.md over src/'s includes
TESTS += tests/layers.sh
EXTRA_DIST += tests/layers.sh tests/check-layers.sh

## names that say their file: the engine's exported functions (nm)
TESTS += tests/names.sh
EXTRA_DIST += tests/names.sh

## the memory file: created by import and gloss add only, never written by a
## reading command, searched read-only (src/store/memory.c)
CLI_TESTS += tests/cli/memory-file.sh

## tmgloss origins, origin names kept as paths, --origin by base name
## (src/cli/cmd-origins.c, src/store/origins.c)
CLI_TESTS += tests/cli/origins.sh

## tmgloss remove: by origin, id, date, language pair; the indexes follow
## (src/cli/cmd-remove.c, src/store/remove.c)
CLI_TESTS += tests/cli/remove.sh

## make install / uninstall: the man page names the installed glossary
CLI_TESTS += tests/cli/install.sh

## a document's segment and the unit it becomes (src/base/docseg.c)
UNIT_TESTS += tests/unit/docseg-test

## the PO reader (libgettextpo) on tests/data/po
UNIT_TESTS += tests/unit/po-read-test
CLI_TESTS += tests/cli/reimport.sh
CLI_TESTS += tests/cli/edit.sh

## TMX as other tools write it: empty segments, unknown inline elements,
## line numbers past 65535 (src/formats/tmx-read.c, tmx-write.c)
CLI_TESTS += tests/cli/tmx-read.sh

## TBX as other tools write it: lang, untyped categories, TBX-Min 1.0,
## entries skipped with --skip-invalid, terms outside entries
CLI_TESTS += tests/cli/tbx-read.sh

## gloss add --concept, gloss remove --origin, gloss edit (src/cli/cmd-gloss.c)
CLI_TESTS += tests/cli/gloss-edit.sh

## word counts as translators are paid (text/wordcount.c)
UNIT_TESTS += tests/unit/wordcount-test

## the XLIFF reader on tests/data/xliff
UNIT_TESTS += tests/unit/xliff-read-test

## the match analysis of documents (tmgloss analyze)
CLI_TESTS += tests/cli/analyze.sh

## tmgloss import of documents: XLIFF and PO (src/cli/cmd-import.c)
CLI_TESTS += tests/cli/import-docs.sh

## what commands' output shares: --format, --header, TSV and JSON escaping,
## progress times, translated units (src/cli/output.c, progress.c)
UNIT_TESTS += tests/unit/output-test
tests_unit_output_test_SOURCES = tests/unit/output-test.c src/cli/output.c
CLI_TESTS += tests/cli/output.sh

## faults that are not the input: a damaged memory, two writers
## (src/store/store.c, memory.c)
CLI_TESTS += tests/cli/reliability.sh

## analyze: in context through OmegaT's prev/next props too
CLI_TESTS += tests/cli/analyze-context.sh

## numbers read as values and written back (text/numbers.c)
UNIT_TESTS += tests/unit/numbers-test

## the pair checks of tmgloss check: numbers, placeholders, untranslated,
## white space, punctuation, length (src/text/qa.c)
UNIT_TESTS += tests/unit/qa-test

## PO files written again with their segments filled (src/formats/po-write.c)
UNIT_TESTS += tests/unit/po-write-test

## a match made the segment's: numbers and inline codes (search/transfer.c)
UNIT_TESTS += tests/unit/transfer-test

## XLIFF written again with its segments filled (src/formats/xliff-write.c)
UNIT_TESTS += tests/unit/xliff-write-test

## tmgloss pretranslate: XLIFF filled from the memory
CLI_TESTS += tests/cli/pretranslate.sh

## tmgloss check: every check in every format (src/search/check.c,
## src/cli/cmd-check.c; the files: tests/data/check/generate.py)
CLI_TESTS += tests/cli/check.sh
## its consistency tables, in memory or spilled to their temporary file
UNIT_TESTS += tests/unit/check-test

## tmgloss serve: the HTTP API over loopback (src/cli/serve-*.c)
CLI_TESTS += tests/cli/serve.sh

## tmgloss serve execs tmgloss-serve (src/cli/serve-exec.c)
CLI_TESTS += tests/cli/serve-exec.sh

## libstemmer and libgettextpo opened on first use (src/base/dynlib.c)
UNIT_TESTS += tests/unit/dynlib-test
CLI_TESTS += tests/cli/lazy-libs.sh

## rows inserted several at a time (src/store/rows.c)
UNIT_TESTS += tests/unit/store-rows-test
