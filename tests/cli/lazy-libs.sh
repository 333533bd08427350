#!/bin/sh
# lazy-libs.sh -- libstemmer, libgettextpo and ICU's libicui18n are
# opened when a command first needs them (src/base/dynlib.h), not when
# tmgloss starts: a match of French text in an indexed memory loads none
# of them; the index pass of a French memory (stems), a PO file and a
# Traditional Chinese query (ICU's transliterator) load them, and give
# what they gave when linked.
. "$top_srcdir/tests/cli/test-lib.sh"

test_lazy_prereq LDD 'ldd "$TMGLOSS"'
# configure --enable-static-libs links ICU, libxml2 and SQLite in: there
# is nothing of theirs to load, lazily or not
test_lazy_prereq DYNAMIC 'ldd "$TMGLOSS" | grep -q libsqlite3'
test_lazy_prereq STATIC '
	ldd "$TMGLOSS" >libs && ! grep -q -e libsqlite3 -e libicu -e libxml2 libs
'
# glibc's dynamic loader names each library it opens (LD_DEBUG=files)
test_lazy_prereq LD_DEBUG '
	LD_DEBUG=files "$TMGLOSS" --version 2>debug >/dev/null &&
	grep -q "file=libc\.so" debug
'

test_expect_success LDD,DYNAMIC 'tmgloss is linked with none of them' '
	ldd "$TMGLOSS" >libs &&
	grep libsqlite3 libs &&
	! grep -e libstemmer -e libgettextpo -e libicui18n libs
'

test_expect_success LD_DEBUG,DYNAMIC 'the index pass of a French memory opens libstemmer' '
	tmgloss import "$DATA/fuzzy/match.fr-zh.tmx" &&
	LD_DEBUG=files tmgloss index 2>debug >out &&
	grep "file=libstemmer\.so.*dynamically loaded" debug &&
	! grep "file=libgettextpo" debug
'

test_expect_success LD_DEBUG,DYNAMIC 'a match of French text in the indexed memory opens none' '
	LD_DEBUG=files tmgloss --read-only match --format=tsv \
		"Impossible d'"'"'ouvrir le fichier de configuration." \
		2>debug >out &&
	printf "1\t100\tImpossible d'"'"'ouvrir le fichier de configuration.\t无法打开配置文件。\n" >expect &&
	cut -f 1-4 out >got && test_cmp expect got &&
	grep "file=libsqlite3" debug &&
	! grep -e "file=libstemmer" -e "file=libgettextpo" \
		-e "file=libicui18n" debug
'

test_expect_success LD_DEBUG,DYNAMIC 'a Traditional query opens libicui18n, and finds the Simplified unit' '
	LD_DEBUG=files tmgloss --read-only match --format=tsv --src zh-TW \
		--tgt fr "無法打開配置文件。" 2>debug >out &&
	grep "file=libicui18n\.so.*dynamically loaded" debug &&
	printf "99\t无法打开配置文件。\n" >expect &&
	cut -f 2,3 out >got && test_cmp expect got
'

test_expect_success LD_DEBUG,DYNAMIC 'a PO file opens libgettextpo, and is read as before' '
	LD_DEBUG=files tmgloss --db p.db import "$DATA/po/shadow/zh_CN.po" \
		2>debug >out &&
	grep "file=libgettextpo\.so.*dynamically loaded" debug &&
	grep "zh_CN.po: PO document, 663 segments read: 502 imported" out
'

test_expect_success STATIC 'a static build: ICU, libxml2 and SQLite linked in, libstemmer and libgettextpo still opened when needed' '
	tmgloss --db s.db import "$DATA/fuzzy/match.fr-zh.tmx" &&
	tmgloss --db s.db --read-only match --format=tsv --src zh-TW \
		--tgt fr "無法打開配置文件。" >out &&
	printf "99\t无法打开配置文件。\n" >expect &&
	cut -f 2,3 out >got && test_cmp expect got &&
	ldd "$TMGLOSS" >libs &&
	! grep -e libstemmer -e libgettextpo -e libstdc libs &&
	tmgloss --db p.db import "$DATA/po/shadow/zh_CN.po" >out &&
	grep "zh_CN.po: PO document, 663 segments read: 502 imported" out
'

test_done
