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

## fuzzy matching and concordance (fuzzy-index.c, fuzzy.c, concord.c)
check_PROGRAMS += tests/unit/fuzzy-test
tests_unit_fuzzy_test_SOURCES = tests/unit/fuzzy-test.c tests/unit/tap.h
tests_unit_fuzzy_test_LDADD = src/libtmgloss.la $(LIBINTL)
TESTS += tests/unit/fuzzy-test tests/cli/match.sh tests/cli/concord.sh
EXTRA_DIST += tests/cli/test-lib.sh tests/cli/match.sh tests/cli/concord.sh \
	tests/data/fuzzy/match.fr-zh.tmx
