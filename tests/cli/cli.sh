#!/bin/sh
# The command line itself: help, version, exit codes, where the memory is.
. "$top_srcdir/tests/cli/test-lib.sh"

test_expect_success 'tmgloss --help lists the commands' '
	tmgloss --help >out &&
	grep "^Usage: tmgloss" out &&
	grep "  import " out && grep "  export " out && grep "  stats " out
'

test_expect_success 'every command has --help' '
	for c in import export stats; do
		tmgloss $c --help >out &&
		grep "^Usage: tmgloss \[--db FILE\] $c" out || return 1
	done
'

test_expect_success '--version names the program and its licence' '
	tmgloss --version >out &&
	grep "^tmgloss [0-9]" out && grep "GPLv3+" out
'

test_expect_success 'no command is a usage error (exit 2)' '
	test_expect_code 2 tmgloss >out 2>err
'

test_expect_success 'an unknown command is a usage error (exit 2)' '
	test_expect_code 2 tmgloss frobnicate 2>err &&
	grep "frobnicate" err
'

test_expect_success 'an unknown option is a usage error (exit 2)' '
	test_expect_code 2 tmgloss stats --frobnicate 2>err &&
	grep "stats --help" err
'

test_expect_success 'a bad --format is a usage error (exit 2)' '
	test_expect_code 2 tmgloss stats --format=xml 2>err &&
	grep "xml" err
'

test_expect_success 'a missing file is bad input (exit 1), named' '
	test_expect_code 1 tmgloss import no-such-file.tmx 2>err &&
	grep "no-such-file.tmx" err
'

test_expect_success 'the memory is created by an import under XDG_DATA_HOME' '
	unset TMGLOSS_DB &&
	test_expect_code 1 tmgloss stats 2>err &&
	test ! -e "$XDG_DATA_HOME/tmgloss" &&
	tmgloss import -q "$DATA/good-two.tmx" &&
	tmgloss stats --format=tsv >out &&
	test -f "$XDG_DATA_HOME/tmgloss/memory.db" &&
	head -n 1 out >first && printf "units\t2\n" >expect && test_cmp expect first
'

test_expect_success 'TMGLOSS_DB chooses the memory' '
	TMGLOSS_DB="$TEST_DIR/env.db" tmgloss import -q "$DATA/good-two.tmx" &&
	test -f "$TEST_DIR/env.db"
'

test_expect_success '--db wins over TMGLOSS_DB' '
	test_expect_code 1 env TMGLOSS_DB="$TEST_DIR/env.db" \
		tmgloss --db "$TEST_DIR/opt.db" stats --format=tsv 2>err &&
	grep "opt.db: there is no memory here" err
'

test_expect_success 'a memory that is not SQLite is refused (exit 1)' '
	echo "not a database at all, just text long enough to be read" >fake.db &&
	test_expect_code 1 tmgloss --db fake.db stats 2>err &&
	grep "fake.db" err
'

test_expect_success 'import two units' '
	tmgloss import -q "$DATA/good-two.tmx"
'

test_expect_success PYTHON3 'stats --format=json is JSON' '
	tmgloss stats --format=json >out.json &&
	python3 -c "import json,sys; d=json.load(open(\"out.json\")); assert d[\"units\"]==2, d; assert d[\"pairs\"][0][\"source\"]==\"fr-FR\""
'

test_expect_success 'stats text shows units, languages and pairs' '
	tmgloss stats >out &&
	grep "^Units: *2$" out && grep "fr-FR" out && grep "zh-CN" out &&
	grep "fr-FR → zh-CN" out
'

test_expect_success 'stats counts the glossary too' '
	tmgloss --db g.db import -q "$top_srcdir/glossaries/ai.fr-zh.tbx" &&
	tmgloss --db g.db stats --format=tsv >out &&
	grep "^concepts	123$" out && grep "^term_language	zh-CN	" out &&
	tmgloss --db g.db stats >out && grep "123 concepts" out
'

test_expect_success 'searching an empty memory says to import first (exit 1)' '
	tmgloss --db empty.db gloss add --src fr --tgt zh ville 城市 >out &&
	for c in "match Bonjour" "concord Bonjour" "suggest Bonjour"; do
		test_expect_code 1 tmgloss --db empty.db $c 2>err &&
		grep "import a TMX file first" err || return 1
	done
'

test_done
