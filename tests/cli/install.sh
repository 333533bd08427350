#!/bin/sh
# make install puts the program, its catalogs, the shipped glossary and a
# man page that names the glossary's real folder; the installed program
# imports that glossary; make uninstall leaves none of tmgloss's own
# folders behind.
. "$top_srcdir/tests/cli/test-lib.sh"

test_lazy_prereq MAKE 'command -v make'
unset MAKEFLAGS MFLAGS MAKELEVEL

# A prefix other than the default /usr/local the man page source names.
prefix=/opt/tmgloss-test
pkgdatadir="$prefix/share/tmgloss"

root="$PWD/root"
test_expect_success MAKE 'make install into a staging folder' '
	if ! (cd "$top_builddir" && make -s install prefix="$prefix" DESTDIR="$root") >log 2>&1
	then
		cat log && false
	fi
'

test_expect_success MAKE 'the man page names the installed glossary' '
	man="$root$prefix/share/man/man1/tmgloss.1" &&
	test -f "$man" &&
	grep "$pkgdatadir/glossaries/ai.fr-zh.tbx" "$man" &&
	test -f "$root$pkgdatadir/glossaries/ai.fr-zh.tbx"
'

test_expect_success MAKE 'the installed program imports the glossary the man page names' '
	path=$(sed -n "s|^\.I \(.*ai\.fr-zh\.tbx\)$|\1|p" "$root$prefix/share/man/man1/tmgloss.1") &&
	"$root$prefix/bin/tmgloss" --db inst.db import "$root$path" >out &&
	"$root$prefix/bin/tmgloss" --db inst.db gloss list -l fr >terms &&
	grep "intelligence incarnée" terms
'

test_expect_success MAKE 'the installed catalogs are there' '
	test -f "$root$prefix/share/locale/fr/LC_MESSAGES/tmgloss.mo" &&
	test -f "$root$prefix/share/locale/zh_CN/LC_MESSAGES/tmgloss.mo"
'

test_expect_success MAKE 'make uninstall removes every file and tmgloss'"'"'s own folders' '
	if ! (cd "$top_builddir" && make -s uninstall prefix="$prefix" DESTDIR="$root") >log 2>&1
	then
		cat log && false
	fi &&
	find "$root" -type f >left &&
	test_cmp /dev/null left &&
	! test -d "$root$pkgdatadir" &&
	! test -d "$root$prefix/share/doc/tmgloss"
'

test_done
