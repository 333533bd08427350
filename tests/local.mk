## tests/local.mk -- make check: C unit tests and shell CLI tests, all TAP.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	TMGLOSS='$(abs_top_builddir)/src/tmgloss'; \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	XMLLINT='$(XMLLINT)'; \
	export TMGLOSS top_srcdir top_builddir XMLLINT;

# C unit tests: one program per module.
UNIT_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-DTEST_DATA_DIR=\"$(abs_top_srcdir)/tests/data\"
UNIT_LDADD = src/libtmgloss.a $(ENGINE_LIBS)

check_PROGRAMS += tests/unit/tmx-read-test
tests_unit_tmx_read_test_SOURCES = tests/unit/tmx-read-test.c tests/unit/tap.h
tests_unit_tmx_read_test_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_tmx_read_test_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/tmx-read-test

check_PROGRAMS += tests/unit/memory-test
tests_unit_memory_test_SOURCES = tests/unit/memory-test.c tests/unit/tap.h
tests_unit_memory_test_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_memory_test_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/memory-test

check_PROGRAMS += tests/unit/index-update-test
tests_unit_index_update_test_SOURCES = tests/unit/index-update-test.c \
	tests/unit/tap.h
tests_unit_index_update_test_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_index_update_test_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/index-update-test

# Command-line tests, in shell.
CLI_TESTS = \
	tests/cli/cli.sh \
	tests/cli/import.sh \
	tests/cli/export.sh \
	tests/cli/bad-input.sh \
	tests/cli/index.sh \
	tests/cli/gettext.sh
TESTS += $(CLI_TESTS)

EXTRA_DIST += tests/cli/test-lib.sh $(CLI_TESTS) tests/cli/segment.sh tests/data
clean-local: clean-test-tmp
clean-test-tmp:
	-rm -rf tests/tmp tests/locale
.PHONY: clean-test-tmp

## text layer (lang.c, text.c, segment.c, srx.c, collate.c)
TEXT_TEST_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
check_PROGRAMS += tests/unit/text-test tests/unit/lang-test \
	tests/unit/collate-test tests/unit/srx-test
tests_unit_text_test_SOURCES = tests/unit/text-test.c tests/unit/tap.h
tests_unit_text_test_LDADD = $(TEXT_TEST_LDADD)
tests_unit_lang_test_SOURCES = tests/unit/lang-test.c tests/unit/tap.h
tests_unit_lang_test_LDADD = $(TEXT_TEST_LDADD)
tests_unit_collate_test_SOURCES = tests/unit/collate-test.c tests/unit/tap.h
tests_unit_collate_test_LDADD = $(TEXT_TEST_LDADD)
tests_unit_srx_test_SOURCES = tests/unit/srx-test.c tests/unit/tap.h
tests_unit_srx_test_LDADD = $(TEXT_TEST_LDADD)
TESTS += tests/cli/segment.sh tests/unit/text-test tests/unit/lang-test tests/unit/collate-test \
	tests/unit/srx-test
EXTRA_DIST += \
	tests/data/text-cases.tsv tests/data/SOURCES.md \
	tests/data/srx/omegat/defaultRules.srx \
	tests/data/srx/heartsome/default_rules.srx \
	tests/data/srx/heartsome/trados_rules.srx \
	tests/data/srx/okapi/sample20.srx \
	tests/data/srx/openxliff/default.srx \
	tests/data/srx/bad/external-entity.srx \
	tests/data/srx/bad/bad-regex.srx \
	tests/data/srx/bad/not-srx.xml \
	tests/data/srx/bad/unknown-rule.srx \
	tests/data/srx/bad/truncated.srx

## glossaries (concept.c, tbx.c, tsv.c, termkey.c, glossary.c, terms.c)
check_PROGRAMS += tests/unit/glossary-test
tests_unit_glossary_test_SOURCES = tests/unit/glossary-test.c tests/unit/tap.h
tests_unit_glossary_test_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
TESTS += tests/unit/glossary-test tests/cli/gloss.sh tests/cli/terms.sh
EXTRA_DIST += tests/cli/gloss.sh tests/cli/terms.sh \
	tests/data/terms-cases.tsv tests/data/terms-cases-more.tsv \
	tests/data/tbx/okapi/ibm_tbx.tbx tests/data/tbx/okapi/maryland.tbx \
	tests/data/tbx/okapi/medtronic_TBX.tbx \
	tests/data/tbx/okapi/oracle_TBX.tbx tests/data/tbx/okapi/sdl_tbx.tbx \
	tests/data/tbx/okapi/test01.tbx tests/data/tbx/okapi/test02_win1254.tbx \
	tests/data/tbx/heartsome/ImportTBXTest.tbx \
	tests/data/csv/omegat/test.csv tests/data/csv/omegat/test.tab \
	tests/data/csv/omegat/test-magiccomment-bom.tab \
	tests/data/csv/okapi/test01.csv tests/data/csv/okapi/test01.tsv \
	tests/data/csv/okapi/test02_utf16be.tsv \
	tests/data/glossary/missing-lang.tbx \
	tests/data/glossary/external-entity.tbx \
	tests/data/glossary/latin1.tsv tests/data/glossary/unclosed-quote.csv \
	tests/data/glossary/header.tsv
## suggest and extract (suggest.c, suggest-index.c, extract.c)
check_PROGRAMS += tests/unit/suggest-test
tests_unit_suggest_test_SOURCES = tests/unit/suggest-test.c tests/unit/tap.h
tests_unit_suggest_test_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_suggest_test_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/suggest-test tests/cli/suggest.sh tests/cli/extract.sh
EXTRA_DIST += tests/cli/suggest.sh tests/cli/extract.sh
# The TMX reader's read-ahead thread (tests/unit/read-ahead-test.c).
check_PROGRAMS += tests/unit/read-ahead-test
tests_unit_read_ahead_test_SOURCES = tests/unit/read-ahead-test.c \
	tests/unit/tap.h
tests_unit_read_ahead_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_read_ahead_test_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
TESTS += tests/unit/read-ahead-test
## fuzzy matching and concordance (fuzzy-index.c, fuzzy.c, concord.c)
check_PROGRAMS += tests/unit/fuzzy-test
tests_unit_fuzzy_test_SOURCES = tests/unit/fuzzy-test.c tests/unit/tap.h
tests_unit_fuzzy_test_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
TESTS += tests/unit/fuzzy-test tests/cli/match.sh tests/cli/concord.sh
EXTRA_DIST += tests/cli/match.sh tests/cli/concord.sh \
	tests/data/fuzzy/match.fr-zh.tmx

## the term finder's packed index (terms.c)
TESTS += tests/cli/terms-packed.sh
EXTRA_DIST += tests/cli/terms-packed.sh
## index postings in bounded memory (posting-builder.c)
check_PROGRAMS += tests/unit/posting-builder-test
tests_unit_posting_builder_test_SOURCES = \
	tests/unit/posting-builder-test.c tests/unit/tap.h
tests_unit_posting_builder_test_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/src -I$(top_srcdir)/tests/unit
tests_unit_posting_builder_test_LDADD = src/libtmgloss.a $(ENGINE_LIBS)
TESTS += tests/unit/posting-builder-test
## the text layer from several threads at once (text.c's per-thread caches)
check_PROGRAMS += tests/unit/text-threads-test
tests_unit_text_threads_test_SOURCES = tests/unit/text-threads-test.c \
	tests/unit/tap.h
tests_unit_text_threads_test_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_text_threads_test_LDADD = $(UNIT_LDADD)
TESTS += tests/unit/text-threads-test
