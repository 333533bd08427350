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
UNIT_LDADD = src/libtmgloss.la $(LIBINTL)

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

# Command-line tests, in shell.
CLI_TESTS = \
	tests/cli/cli.sh \
	tests/cli/import.sh \
	tests/cli/export.sh \
	tests/cli/bad-input.sh \
	tests/cli/gettext.sh
TESTS += $(CLI_TESTS)

EXTRA_DIST += tests/cli/test-lib.sh $(CLI_TESTS) tests/data
clean-local: clean-test-tmp
clean-test-tmp:
	-rm -rf tests/tmp tests/locale
.PHONY: clean-test-tmp
