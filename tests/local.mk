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

## text layer (lang.c, text.c, segment.c, srx.c, collate.c)
TEXT_TEST_LDADD = src/libtmgloss.la $(LIBINTL)
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
TESTS += tests/unit/text-test tests/unit/lang-test tests/unit/collate-test \
	tests/unit/srx-test tests/cli/segment.sh
EXTRA_DIST += tests/cli/test-lib.sh tests/cli/segment.sh \
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

## fuzzy matching and concordance (fuzzy-index.c, fuzzy.c, concord.c)
check_PROGRAMS += tests/unit/fuzzy-test
tests_unit_fuzzy_test_SOURCES = tests/unit/fuzzy-test.c tests/unit/tap.h
tests_unit_fuzzy_test_LDADD = src/libtmgloss.la $(LIBINTL)
TESTS += tests/unit/fuzzy-test tests/cli/match.sh tests/cli/concord.sh
EXTRA_DIST += tests/cli/match.sh tests/cli/concord.sh \
	tests/data/fuzzy/match.fr-zh.tmx
