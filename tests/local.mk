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

# The TMX reader's read-ahead thread (tests/unit/read-ahead-test.c).
check_PROGRAMS += tests/unit/read-ahead-test
tests_unit_read_ahead_test_SOURCES = tests/unit/read-ahead-test.c \
	tests/unit/tap.h
tests_unit_read_ahead_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_read_ahead_test_LDADD = src/libtmgloss.la $(LIBINTL)
TESTS += tests/unit/read-ahead-test
