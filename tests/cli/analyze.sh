#!/bin/sh
# tests/cli/analyze.sh -- tmgloss analyze: the match analysis of a PO
# document and of an XLIFF one against a small memory, each band reached
# with known counts (in context, repetitions, 100, 95-99, 85-94, 75-84,
# 50-74, no match), translated and locked segments apart, several files,
# --bands, the TSV, CSV and JSON outputs, and the errors.
. "$top_srcdir/tests/cli/test-lib.sh"

# The memory: sources chosen for their scores against the document below
# (search/fuzzy.c): a number changed 99, one word of ten 90, one of five
# 80, two of five 60; one unit was taken between two neighbours.
cat >memory.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Welcome to the program.</seg></tuv><tuv xml:lang="fr"><seg>Bienvenue dans le programme.</seg></tuv></tu>
<tu><prop type="x-context-pre">Welcome to the program.</prop><prop type="x-context-post">Save your changes.</prop>
<tuv xml:lang="en"><seg>Open the configuration file.</seg></tuv><tuv xml:lang="fr"><seg>Ouvrez le fichier de configuration.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Close the window.</seg></tuv><tuv xml:lang="fr"><seg>Fermez la fenêtre.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>You have 5 new messages.</seg></tuv><tuv xml:lang="fr"><seg>Vous avez 5 nouveaux messages.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The quick brown fox jumps over the lazy sleeping dog</seg></tuv><tuv xml:lang="fr"><seg>Le renard brun saute par-dessus le chien paresseux endormi</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Print the current page now</seg></tuv><tuv xml:lang="fr"><seg>Imprimez la page courante maintenant</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Delete all selected files permanently</seg></tuv><tuv xml:lang="fr"><seg>Supprimez définitivement tous les fichiers sélectionnés</seg></tuv></tu>
</body>
</tmx>
EOF

# The document: "Open the configuration file." first between the unit's
# neighbours (in context), then again elsewhere (a repetition); "Save
# your changes." is translated; the fuzzy message still counts as work.
cat >doc.po <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr\n"

msgid "Welcome to the program."
msgstr ""

msgid "Open the configuration file."
msgstr ""

msgid "Save your changes."
msgstr "Enregistrez vos modifications."

msgid "You have 3 new messages."
msgstr ""

msgid "The quick brown fox jumps over the lazy old dog"
msgstr ""

msgid "Print the current sheet now"
msgstr ""

msgid "Delete all marked items permanently"
msgstr ""

#, fuzzy
msgid "Completely unrelated sentence here"
msgstr "Phrase sans rapport"

msgctxt "menu"
msgid "Open the configuration file."
msgstr ""

msgid "Close the window."
msgstr ""
EOF

cat >expect.tsv <<'EOF'
FILE	BAND	SEGMENTS	WORDS	CHARACTERS	CHARACTERS_NO_SPACES
doc.po	in-context	1	4	28	25
doc.po	repetitions	1	4	28	25
doc.po	100	2	7	40	35
doc.po	95-99	1	5	24	20
doc.po	85-94	1	10	47	38
doc.po	75-84	1	5	27	23
doc.po	50-74	1	5	35	31
doc.po	no-match	1	4	34	31
doc.po	total	9	44	263	228
doc.po	locked	0	0	0	0
doc.po	translated	1	3	18	16
EOF

test_expect_success 'import the memory' '
	tmgloss import memory.tmx
'

test_expect_success 'tsv: every band with its segments, words and characters' '
	tmgloss analyze --header --format=tsv doc.po >out &&
	head -n 12 out >got &&
	test_cmp expect.tsv got &&
	sed -n "13,\$p" out | cut -f 2- >total &&
	sed -n "2,\$p" expect.tsv | cut -f 2- >expect-total &&
	test_cmp expect-total total &&
	sed -n "13,\$p" out | cut -f 1 | sort -u >files &&
	printf "\n" >empty && test_cmp empty files
'

test_expect_success 'tsv: the header row with --header only; csv always has it' '
	tmgloss analyze --format=tsv doc.po >out &&
	sed -n "2,\$p" expect.tsv >expect-rows &&
	head -n 11 out >got &&
	test_cmp expect-rows got &&
	! grep BAND out &&
	tmgloss --header analyze --format=tsv doc.po | head -n 1 >got &&
	head -n 1 expect.tsv >expect-header &&
	test_cmp expect-header got &&
	tmgloss analyze --format=csv doc.po | head -n 1 | tr -d "\r" |
		tr , "\t" >got &&
	test_cmp expect-header got
'

test_expect_success 'the in-context match needs both neighbours: without them, 100' '
	sed "/Welcome/,/^\$/d" doc.po >moved.po &&
	tmgloss analyze --format=tsv moved.po >out &&
	grep -x "moved.po	in-context	0	0	0	0" out &&
	grep -x "moved.po	repetitions	1	4	28	25" out &&
	grep -x "moved.po	100	2	7	45	40" out
'

test_expect_success 'a second file: what the first had is repetitions' '
	cp doc.po again.po &&
	tmgloss analyze --format=tsv doc.po again.po >out &&
	grep -x "again.po	in-context	1	4	28	25" out &&
	grep -x "again.po	repetitions	8	40	235	203" out &&
	grep -x "again.po	no-match	0	0	0	0" out &&
	grep -x "	repetitions	9	44	263	228" out &&
	grep -x "	total	18	88	526	456" out &&
	grep -x "	translated	2	6	36	32" out
'

test_expect_success '--bands sets the fuzzy bands' '
	tmgloss analyze --header --format=tsv --bands 90,60 doc.po >out &&
	cut -f 2-4 out >got &&
	cat >expect <<-\EOF &&
	BAND	SEGMENTS	WORDS
	in-context	1	4
	repetitions	1	4
	90-100	4	22
	60-89	2	10
	no-match	1	4
	total	9	44
	locked	0	0
	translated	1	3
	in-context	1	4
	repetitions	1	4
	90-100	4	22
	60-89	2	10
	no-match	1	4
	total	9	44
	locked	0	0
	translated	1	3
	EOF
	test_cmp expect got
'

test_expect_success 'csv: a header row, CRLF lines, the same figures' '
	tmgloss analyze --format=csv doc.po >out &&
	tr -d "\r" <out | tr , "\t" | head -n 12 >got &&
	test_cmp expect.tsv got &&
	test "$(tr -cd "\r" <out | wc -c)" = 23
'

test_expect_success 'csv quotes a file name with a comma' '
	cp doc.po "a,b.po" &&
	tmgloss analyze --format=csv "a,b.po" >out &&
	grep "^\"a,b.po\",100,2,7,40,35" out
'

test_expect_success 'json: the files and the total' '
	tmgloss analyze --format=json doc.po >out &&
	grep -F "{\"file\": \"doc.po\", \"format\": \"PO\", \"source_lang\": \"en\", \"target_lang\": \"fr\"" out &&
	grep -F "\"85-94\": {\"segments\": 1, \"words\": 10, \"characters\": 47, \"characters_no_spaces\": 38}" out &&
	test "$(grep -c "\"in-context\": {\"segments\": 1," out)" = 2
'

test_expect_success PYTHON3 'json: is JSON' '
	tmgloss analyze --format=json doc.po again.po >out &&
	python3 -c "import json; d = json.load(open(\"out\")); assert len(d[\"files\"]) == 2; assert d[\"total\"][\"repetitions\"][\"words\"] == 44; assert d[\"files\"][0][\"counts\"][\"100\"][\"segments\"] == 2"
'

test_expect_success 'text: a table per file with translated headers, then the total' '
	tmgloss analyze doc.po again.po >out &&
	grep "^doc.po (PO, en → fr)$" out &&
	grep "^Total (2 files)$" out &&
	grep -E "^In context \(101%\) +1 +4 +28 +25 +9\.1%$" out &&
	grep -E "^85-94% +1 +10 +47 +38 +22\.7%$" out &&
	grep -E "^Already translated +1 +3 +18 +16 *$" out &&
	LANGUAGE=fr LC_ALL=fr_FR.UTF-8 tmgloss analyze doc.po >fr &&
	test "$(wc -l <fr)" = "$(sed -n "1,13p" out | wc -l)"
'

test_expect_success 'a missing file is exit 1 naming it' '
	test_expect_code 1 tmgloss analyze missing.po 2>err &&
	grep "missing.po" err
'

test_expect_success 'a TMX file is not a document: exit 1, saying what it is' '
	test_expect_code 1 tmgloss analyze memory.tmx 2>err &&
	grep "memory.tmx: not an XLIFF or PO file: its root element is <tmx>" err &&
	printf "source\ttarget\n" >list.txt &&
	test_expect_code 1 tmgloss analyze list.txt 2>err &&
	grep "list.txt: not an XLIFF or PO file: text without a msgid line" err &&
	: >empty.xlf &&
	test_expect_code 1 tmgloss analyze empty.xlf 2>err &&
	grep "empty.xlf: not an XLIFF or PO file: the file is empty" err
'

test_expect_success 'bad usage is exit 2' '
	test_expect_code 2 tmgloss analyze &&
	test_expect_code 2 tmgloss analyze --format=xml doc.po &&
	test_expect_code 2 tmgloss analyze --bands 50,75 doc.po &&
	test_expect_code 2 tmgloss analyze --bands 100,0 doc.po &&
	test_expect_code 2 tmgloss analyze --bands 101 doc.po &&
	test_expect_code 2 tmgloss analyze --bands 95,x doc.po &&
	test_expect_code 2 tmgloss analyze --bands 100,95,90,85,80,75,70,65,60,55,50 doc.po &&
	test_expect_code 2 tmgloss analyze --bands "" doc.po
'

# An XLIFF 1.2 document: an inline code counts nothing and does not stop
# the in-context match; translate="no" is locked; a translated target is
# counted apart.
cat >doc.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ui.txt" source-language="en" target-language="fr" datatype="plaintext">
<body>
<trans-unit id="1"><source>Welcome to the program.</source></trans-unit>
<trans-unit id="2"><source>Open the <g id="1">configuration</g> file.</source></trans-unit>
<trans-unit id="3" translate="no"><source>Save your changes.</source></trans-unit>
<trans-unit id="4"><source>Close the window.</source><target state="translated">Fermez la fenêtre.</target></trans-unit>
</body>
</file>
</xliff>
EOF

test_expect_success 'XLIFF: in context through an inline code, locked and translated apart' '
	tmgloss analyze --format=tsv doc.xlf >out &&
	grep -x "doc.xlf	in-context	1	4	28	25" out &&
	grep -x "doc.xlf	100	1	4	23	20" out &&
	grep -x "doc.xlf	total	2	8	51	45" out &&
	grep -x "doc.xlf	locked	1	3	18	16" out &&
	grep -x "doc.xlf	translated	1	3	17	15" out &&
	tmgloss analyze doc.xlf >text &&
	grep -x "doc.xlf (XLIFF 1.2, en → fr)" text &&
	tmgloss analyze --format=json doc.xlf >json &&
	grep -F "\"format\": \"XLIFF 1.2\"" json
'

test_done
