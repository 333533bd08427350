#!/bin/sh
# Options are declared once per command (src/cli/options.c): the options
# each command accepts, as the program itself lists them, are the options
# the manual page documents for it and those README's command table names;
# -h/--help and --db work after every command; help COMMAND is --help.
. "$top_srcdir/tests/cli/test-lib.sh"

MAN="$top_srcdir/doc/tmgloss.1"
README="$top_srcdir/README"

# The commands, from tmgloss --help, then gloss's sub-commands from its
# help ("gloss list"...): the program's own list, not one kept here.
commands () {
	tmgloss --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'
	tmgloss help gloss | sed -n '/^Subcommands:/,/^$/p' |
		sed -n 's/^  \([a-z][a-z]*\) .*/gloss \1/p'
}

# program_options [COMMAND [SUB]]: the spellings it accepts, one a line,
# sorted (none: the options before the command).
program_options () {
	tmgloss help --options "$@" | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort
}

# man_options NAME: the option spellings in the tags (.TP) of the manual
# page's subsection NAME of COMMANDS, or of its OPTIONS section for "".
man_options () {
	awk -v want="$1" '
		/^\.SH / { section = substr($0, 5); gsub(/"/, "", section)
			   name = section == "OPTIONS" ? "" : "-"; next }
		/^\.SS / { name = substr($0, 5); gsub(/"/, "", name); next }
		/^\.TP/ { tag = 1; next }
		tag { tag = 0; if (name == want) print }
	' "$MAN" | sed 's/\\-/-/g' | grep -o '\\fB--*[A-Za-z][A-Za-z-]*' |
		sed 's/^\\fB//' | LC_ALL=C sort -u
}

# man_sections: the names of the subsections of COMMANDS.
man_sections () {
	sed -n 's/^\.SS "*\([^"]*\)"*$/\1/p' "$MAN"
}

# readme_options NAME: the options README's command table gives NAME.
readme_options () {
	awk -F'|' -v want="$1" '
		/^\| `/ {
			cmd = $2; gsub(/`/, "", cmd); split(cmd, w, " ")
			name = w[1] == "gloss" ? w[1] " " w[2] : w[1]
			if (name == want) { gsub(/`/, "", $3); print $3 }
		}
	' "$README" | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort -u
}

test_expect_success 'the program lists its commands and options' '
	commands >names &&
	grep -x match names && grep -x "gloss export" names &&
	program_options match >opts &&
	grep -x -- "--file" opts && grep -x -- "-f" opts &&
	program_options >main-opts &&
	grep -x -- "--db" main-opts
'

test_expect_success 'the manual page documents the options of every command' '
	commands >names &&
	while read -r name; do
		program_options $name >program &&
		man_options "$name" >man &&
		if ! test_cmp program man; then
			echo "tmgloss $name: the options above (- program, + manual page) differ"
			exit 1
		fi
	done <names
'

test_expect_success 'the manual page documents the options before the command' '
	program_options >program &&
	man_options "" >man &&
	test_cmp program man
'

test_expect_success 'the manual page has a subsection for every command, and no other' '
	commands | LC_ALL=C sort >names &&
	man_sections | LC_ALL=C sort >sections &&
	test_cmp names sections
'

test_expect_success 'README names the options of every command' '
	commands >names &&
	while read -r name; do
		program_options $name >program &&
		readme_options "$name" >readme &&
		if ! grep -q "^| \`$name[ \`]" "$README"; then
			echo "README: no row for tmgloss $name"
			exit 1
		fi &&
		for o in $(cat readme); do
			grep -qx -- "$o" program ||
			{ echo "README: tmgloss $name has no $o"; exit 1; }
		done &&
		tmgloss help --options $name >lines &&
		while read -r long short; do
			grep -qx -- "$long" readme ||
			{ [ -n "$short" ] && grep -qx -- "$short" readme; } ||
			{ echo "README: tmgloss $name $long is missing"; exit 1; }
		done <lines
	done <names
'

test_expect_success 'the help of a command shows each of its options' '
	commands >names &&
	while read -r name; do
		tmgloss help $name >help &&
		tmgloss help --options $name >lines &&
		while read -r long short; do
			grep -q -- "^ *\(-.,\)* $long\([=[]\|  \|\$\)" help ||
			{ echo "tmgloss help $name: no $long"; exit 1; }
		done <lines
	done <names
'

test_expect_success 'tmgloss --help shows each option taken before the command' '
	tmgloss --help >help &&
	tmgloss help --options >lines &&
	test -s lines &&
	while read -r long short; do
		grep -q -- "^ *\(-.,\)* $long\([=[]\|  \|\$\)" help ||
		{ echo "tmgloss --help: no $long"; exit 1; }
	done <lines
'

test_expect_success 'options before the command: -h and -V act at once, errors exit 2' '
	tmgloss -V --no-such-option >out &&
	grep "^tmgloss " out &&
	tmgloss -h --no-such-option >out &&
	grep "^Usage: tmgloss \[--db FILE\] COMMAND" out &&
	test_expect_code 2 tmgloss --no-such-option stats 2>err &&
	grep -F "unknown option '"'"'--no-such-option'"'"'" err &&
	grep -F "Try '"'"'tmgloss --help'"'"'" err &&
	test_expect_code 2 tmgloss --db 2>err &&
	grep -F "option '"'"'--db'"'"' needs a file name" err
'

test_expect_success 'the usage line names only options the command takes' '
	commands >names &&
	while read -r name; do
		program_options $name >program &&
		tmgloss help $name >help &&
		{ head -n 1 help | grep -o -- "--*[a-z][a-z-]*" |
			grep -v -x -- "--db" >usage || :; } &&
		for o in $(cat usage); do
			grep -qx -- "$o" program ||
			{ echo "tmgloss $name: usage names $o"; exit 1; }
		done
	done <names
'

test_expect_success '-h and --help after every command and sub-command' '
	commands >names &&
	while read -r name; do
		for h in -h --help; do
			tmgloss $name $h >out 2>err &&
			test_must_be_empty err &&
			head -n 1 out >first &&
			grep -q "^Usage: tmgloss \[--db FILE\] $name\( \|\$\)" first ||
			{ echo "tmgloss $name $h:"; cat out err; exit 1; }
		done
	done <names
'

test_expect_success '--help after other arguments' '
	tmgloss match --src fr --help >out &&
	grep "^Usage: tmgloss \[--db FILE\] match" out &&
	tmgloss gloss add a b --help >out &&
	grep "^Usage: tmgloss \[--db FILE\] gloss add" out
'

test_expect_success 'tmgloss help COMMAND is tmgloss COMMAND --help' '
	tmgloss help match >help &&
	tmgloss match --help >dash-help &&
	test_cmp help dash-help &&
	commands >names &&
	while read -r name; do
		tmgloss help $name >help &&
		tmgloss $name --help >dash-help &&
		test_cmp help dash-help || exit 1
	done <names
'

test_expect_success 'tmgloss help is tmgloss --help, and lists help' '
	tmgloss help >help &&
	tmgloss --help >dash-help &&
	test_cmp help dash-help &&
	grep "^  help " help
'

test_expect_success 'tmgloss help of an unknown command or sub-command exits 2' '
	test_expect_code 2 tmgloss help frobnicate 2>err &&
	grep "frobnicate" err &&
	test_expect_code 2 tmgloss help gloss frobnicate 2>err &&
	grep "frobnicate" err &&
	test_expect_code 2 tmgloss help match extra 2>err &&
	grep "extra" err
'

test_expect_success '--db after the command name' '
	tmgloss import -q --db after.db "$DATA/good-two.tmx" &&
	tmgloss stats --db after.db --format=tsv >out &&
	test -f after.db &&
	! test -f "$TMGLOSS_DB" &&
	grep -F "path	after.db" out &&
	tmgloss import -q --db=after.db "$DATA/good-two.tmx" &&
	tmgloss --db other.db stats --format=tsv --db after.db >out &&
	grep -x "units	2" out &&
	! test -f other.db &&
	tmgloss gloss list --db after.db &&
	! test -f "$TMGLOSS_DB"
'

test_expect_success '--db and --help before a sub-command name' '
	tmgloss import -q --db=before.db "$DATA/good-two.tmx" &&
	tmgloss gloss add --db before.db chat 猫 --src fr --tgt zh &&
	tmgloss gloss --db before.db list --format=tsv >out &&
	grep "chat" out &&
	! test -f "$TMGLOSS_DB" &&
	tmgloss gloss --db=before.db -h >out &&
	grep "^Usage: tmgloss \[--db FILE\] gloss " out &&
	test_expect_code 2 tmgloss gloss --db before.db 2>err &&
	grep -F "list, add, remove, export" err &&
	test_expect_code 2 tmgloss gloss --format=tsv list 2>err &&
	grep -F "unknown option '"'"'--format=tsv'"'"'" err
'

test_expect_success 'an unknown option exits 2 and names it, for every command' '
	commands >names &&
	while read -r name; do
		test_expect_code 2 tmgloss $name --no-such-option 2>err &&
		grep -F "unknown option '"'"'--no-such-option'"'"'" err &&
		grep -F "Try '"'"'tmgloss $name --help'"'"'" err || exit 1
	done <names &&
	test_expect_code 2 tmgloss stats -x 2>err &&
	grep -F "'"'"'-x'"'"'" err
'

test_expect_success 'a missing or bad value exits 2 and names the option' '
	test_expect_code 2 tmgloss match --min 2>err &&
	grep -F "'"'"'--min'"'"' needs a value" err &&
	test_expect_code 2 tmgloss export -o 2>err &&
	grep -F "'"'"'-o'"'"' needs a value" err &&
	test_expect_code 2 tmgloss match --min 101 x 2>err &&
	grep -F -- "--min needs a number from 1 to 100" err &&
	test_expect_code 2 tmgloss terms --src "not a tag" x 2>err &&
	grep -F "not a valid language tag" err &&
	test_expect_code 2 tmgloss concord --in middle x 2>err &&
	grep -F "middle" err &&
	test_expect_code 2 tmgloss stats --db 2>err &&
	grep -F -- "--db" err
'

test_expect_success 'a command that takes no operand refuses one, exit 2' '
	for name in stats index extract "gloss list"; do
		test_expect_code 2 tmgloss $name extra 2>err &&
		grep -F "unexpected argument '"'"'extra'"'"'" err &&
		grep -F "Try '"'"'tmgloss $name --help'"'"'" err || exit 1
	done
'

test_expect_success 'gloss without a sub-command, or with an unknown one, exits 2' '
	test_expect_code 2 tmgloss gloss 2>err &&
	grep -F "list, add, remove, export" err &&
	test_expect_code 2 tmgloss gloss frobnicate 2>err &&
	grep -F "frobnicate" err
'

test_done
