#!/bin/sh
# Origins: an imported file is recorded under its path made absolute (or an
# --origin-name label), tmgloss origins lists them, and --origin takes a
# stored name or an unambiguous base name.
. "$top_srcdir/tests/cli/test-lib.sh"

# a one-unit OmegaT-like project memory: $1 its folder, $2 French, $3 Chinese
project () {
	mkdir -p "$1/omegat" &&
	cat >"$1/omegat/project_save.tmx" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="fr" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="OmegaT" creationtoolversion="6" o-tmf="OmegaT"/>
<body><tu><tuv xml:lang="fr"><seg>$2</seg></tuv>
<tuv xml:lang="zh-CN"><seg>$3</seg></tuv></tu></body></tmx>
EOF
}

# Each imported from its own project folder by the same relative path: the
# base name, or the path as typed, would make them one origin.
test_expect_success 'setup: two projects, each imported from its folder' '
	project a "Bonjour" "你好" &&
	project b "Au revoir" "再见" &&
	(cd a && tmgloss import -q omegat/project_save.tmx) &&
	(cd b && tmgloss import -q ./omegat/project_save.tmx)
'

test_expect_success 'two project_save.tmx in different folders are two origins' '
	tmgloss origins --format=tsv --header >out &&
	printf "name\timported\tunits\tconcepts\tlanguages\n" >expect &&
	head -n 1 out >head && test_cmp expect head &&
	grep "^$PWD/a/omegat/project_save.tmx	[0-9-]*T[0-9:]*Z	1	0	fr zh-CN$" out &&
	grep "^$PWD/b/omegat/project_save.tmx	[0-9-]*T[0-9:]*Z	1	0	fr zh-CN$" out &&
	test $(wc -l <out) -eq 3
'

test_expect_success 'import --origin-name records the label instead' '
	tmgloss import -q --origin-name client-x "$DATA/good-two.tmx" &&
	tmgloss origins --format=tsv >out &&
	grep "^client-x	.*	2	0	fr-FR zh-CN$" out &&
	! grep "good-two" out
'

test_expect_success 'a glossary is an origin with its concepts' '
	tmgloss import -q "$top_srcdir/glossaries/ai.fr-zh.tbx" &&
	tmgloss origins --format=tsv >out &&
	grep "/glossaries/ai.fr-zh.tbx	.*	0	123	fr zh-CN$" out
'

test_expect_success 'origins text: a header, then one line per origin' '
	tmgloss origins >out &&
	grep "^Imported (UTC) *Units *Concepts *Languages *Name$" out &&
	grep "^[0-9-]* [0-9:]* *2 *0  fr-FR zh-CN  client-x$" out &&
	grep " 1 *0  fr zh-CN *$PWD/a/omegat/project_save.tmx$" out &&
	test $(wc -l <out) -eq 5
'

test_expect_success PYTHON3 'origins --format=json is an array of objects' '
	tmgloss origins --format=json >out.json &&
	python3 -c "
import json
d = json.load(open(\"out.json\"))
by = {o[\"name\"]: o for o in d}
assert len(d) == 4, d
x = by[\"client-x\"]
assert x[\"units\"] == 2 and x[\"concepts\"] == 0, x
assert x[\"languages\"] == [\"fr-FR\", \"zh-CN\"], x
assert x[\"imported\"].endswith(\"Z\") and x[\"imported\"][4] == \"-\", x
g = [o for o in d if o[\"name\"].endswith(\"/ai.fr-zh.tbx\")][0]
assert g[\"concepts\"] == 123 and g[\"units\"] == 0, g
"
'

test_expect_success 'stats shows each origin by as much of its path as tells it apart' '
	tmgloss stats >out &&
	grep "^  a/omegat/project_save.tmx  *1$" out &&
	grep "^  b/omegat/project_save.tmx  *1$" out &&
	grep "^  client-x  *2$" out &&
	tmgloss stats --format=tsv >out &&
	grep "^origin	$PWD/a/omegat/project_save.tmx	1$" out
'

test_expect_success 'export --origin: an ambiguous base name lists the candidates' '
	test_expect_code 1 tmgloss export --origin project_save.tmx -o x.tmx 2>err &&
	grep "'\''project_save.tmx'\'' names several origins" err &&
	grep "^  $PWD/a/omegat/project_save.tmx$" err &&
	grep "^  $PWD/b/omegat/project_save.tmx$" err &&
	test ! -e x.tmx
'

test_expect_success 'export --origin: the end of a path, the full path, a label' '
	tmgloss export --origin b/omegat/project_save.tmx -o b.tmx 2>err &&
	grep "Au revoir" b.tmx && ! grep "Bonjour" b.tmx &&
	tmgloss export --origin "$PWD/a/omegat/project_save.tmx" -o a.tmx &&
	grep "Bonjour" a.tmx && ! grep "Au revoir" a.tmx &&
	tmgloss export --origin client-x -o c.tmx &&
	test $(grep -c "<tu[ >]" c.tmx) -eq 2
'

test_expect_success 'a base name is not a part of a name' '
	test_expect_code 1 tmgloss export --origin save.tmx -o x.tmx 2>err &&
	grep "no file named '\''save.tmx'\''" err
'

test_expect_success 'gloss list and gloss export take the base name of a glossary' '
	tmgloss gloss list --origin ai.fr-zh.tbx --lang fr --format=tsv >list &&
	test -s list &&
	tmgloss gloss export --origin ai.fr-zh.tbx -o ai.tbx 2>err &&
	grep "123 concepts exported" err &&
	test_expect_code 1 tmgloss gloss list --origin project_save.tmx 2>err &&
	grep "no glossary named" err
'

# Memories written before paths were kept hold base names: still found.
test_expect_success SQLITE3 'an origin stored as a base name is found by it' '
	tmgloss --db old.db import -q "$DATA/good-two.tmx" &&
	sqlite3 old.db "UPDATE origins SET name = '\''good-two.tmx'\''" &&
	tmgloss --db old.db export --origin good-two.tmx -o old.tmx &&
	test $(grep -c "<tu[ >]" old.tmx) -eq 2 &&
	tmgloss --db old.db origins --format=tsv >out &&
	grep "^good-two.tmx	" out
'

test_done
