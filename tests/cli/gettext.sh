#!/bin/sh
# tmgloss speaks French and Chinese: messages come from po/fr.po and
# po/zh_CN.po, compiled into a locale directory for the test.
. "$top_srcdir/tests/cli/test-lib.sh"

locale_dir="$TEST_DIR/locale"
for lang in fr zh_CN; do
	mkdir -p "$locale_dir/$lang/LC_MESSAGES"
	msgfmt -o "$locale_dir/$lang/LC_MESSAGES/tmgloss.mo" "$top_srcdir/po/$lang.po" ||
		exit 99
done
TMGLOSS_LOCALEDIR="$locale_dir"
export TMGLOSS_LOCALEDIR
# The translated messages need a locale where LANGUAGE counts (test-lib.sh).
if test_have_prereq UTF8_LOCALE; then
	LC_ALL=$UTF8_LOCALE
	export LC_ALL
fi

test_expect_success 'po/POTFILES.in lists every source file with messages' '
	(cd "$top_srcdir" && grep -l -E "\<N?_\(" src/*/*.c | LC_ALL=C sort) >have &&
	grep -v "^#" "$top_srcdir/po/POTFILES.in" | LC_ALL=C sort >listed &&
	comm -23 have listed >unlisted &&
	test_cmp /dev/null unlisted
'

test_expect_success 'the catalogs translate every message of the sources' '
	(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
		-o "$TEST_DIR/all.pot" $(grep -v "^#" po/POTFILES.in)) &&
	for lang in fr zh_CN; do
		msgmerge -q -o merged.po "$top_srcdir/po/$lang.po" all.pot &&
		msgfmt -c --statistics -o /dev/null merged.po 2>stat &&
		cat stat &&
		! grep -E "untranslated|fuzzy" stat || return 1
	done
'

test_expect_success UTF8_LOCALE 'LANGUAGE=fr: help in French' '
	LANGUAGE=fr tmgloss --help >out &&
	grep "Commandes" out
'

test_expect_success UTF8_LOCALE 'LANGUAGE=zh_CN: help in Chinese' '
	LANGUAGE=zh_CN tmgloss --help >out &&
	grep "命令" out
'

test_expect_success UTF8_LOCALE 'LANGUAGE=fr: an import error in French, with file and line' '
	LANGUAGE=fr test_expect_code 1 tmgloss import "$DATA/bad/no-seg.tmx" 2>err &&
	grep "no-seg.tmx:9:" err && grep "<seg>" err && ! grep "has no" err
'

test_expect_success UTF8_LOCALE 'LANGUAGE=zh_CN: a usage error in Chinese' '
	LANGUAGE=zh_CN test_expect_code 2 tmgloss frobnicate 2>err &&
	! grep "is not a tmgloss command" err
'

test_expect_success UTF8_LOCALE 'LANGUAGE=fr and zh_CN: tmgloss index and the units not yet indexed' '
	LANGUAGE=fr tmgloss index >out &&
	grep "Les index sont à jour" out &&
	LANGUAGE=zh_CN tmgloss index >out &&
	grep "索引已是最新" out &&
	tmgloss import -q "$top_srcdir/demo/beijing-ai.fr-zh.tmx" &&
	LANGUAGE=fr tmgloss stats >out &&
	grep "Pas encore indexées : 44 unités" out &&
	LANGUAGE=zh_CN tmgloss stats >out &&
	grep "尚未索引：44 个单元" out
'

test_expect_success UTF8_LOCALE 'the program run from its build tree speaks French without TMGLOSS_LOCALEDIR' '
	test -d "$top_builddir/locale/fr/LC_MESSAGES" &&
	(unset TMGLOSS_LOCALEDIR && LANGUAGE=fr "$TMGLOSS" --help) >out &&
	grep "Commandes" out &&
	(unset TMGLOSS_LOCALEDIR && LANGUAGE=zh_CN "$TMGLOSS" --help) >out &&
	grep "命令" out
'

test_done
