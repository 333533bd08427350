#!/bin/sh
# tests/cli/pretranslate.sh -- tmgloss pretranslate of XLIFF 1.2 and 2.0
# (and PO, whose writer po-write-test checks in detail):
# empty targets filled (in context, 100 %, fuzzy), the marks each version
# wants (state, state-qualifier, alt-trans; state, mtc:matches), --min,
# --overwrite, everything outside the filled targets byte for byte, the
# OASIS schemas still satisfied, segmented units, an 8-bit encoding, the
# analysis printed, bad input (its line, no output left), the segment's
# inline codes and numbers, and every corpus XLIFF file of
# tests/data/xliff.
. "$top_srcdir/tests/cli/test-lib.sh"

XSD="$DATA/xsd"

# The memory: "Open the configuration file." was taken between the
# document's neighbours (in context); "Print the current page now" is 80
# against the document's sentence, "Delete all selected files
# permanently" 60.
cat >memory.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Welcome to the program.</seg></tuv><tuv xml:lang="fr"><seg>Bienvenue dans le programme.</seg></tuv></tu>
<tu><prop type="x-context-pre">Welcome to the program.</prop><prop type="x-context-post">Print the current sheet now</prop>
<tuv xml:lang="en"><seg>Open the configuration file.</seg></tuv><tuv xml:lang="fr"><seg>Ouvrez le fichier de configuration.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Close the window.</seg></tuv><tuv xml:lang="fr"><seg>Fermez la fenêtre.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Print the current page now</seg></tuv><tuv xml:lang="fr"><seg>Imprimez la page courante maintenant</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Delete all selected files permanently</seg></tuv><tuv xml:lang="fr"><seg>Supprimez définitivement tous les fichiers sélectionnés</seg></tuv></tu>
</body>
</tmx>
EOF

# XLIFF 1.2 with what must stay as it was: the declaration, a comment, a
# processing instruction, an extension namespace, a CDATA section, odd
# spacing and single quotes; a draft target; a locked unit.
cat >doc.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
<?tool keep="me"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:x="urn:example:ext">
<file original='ui.txt' source-language="en" target-language="fr" datatype="plaintext">
<header><x:tool name="t"/></header>
<body>
  <trans-unit id="1">
    <source>Welcome to the program.</source>
  </trans-unit>
  <trans-unit id="2"   resname='open'>
    <source>Open the configuration file.</source>
    <target state="new"/>
  </trans-unit>
  <trans-unit id="3">
    <source><![CDATA[Print the current sheet now]]></source>
    <x:ext a="1"/>
  </trans-unit>
  <trans-unit id="4">
      <source>Delete all marked items permanently</source>
  </trans-unit>
  <trans-unit id="5">
    <source>Close the window.</source>
    <target state="needs-review-translation">Fermer</target>
    <note>a draft</note>
  </trans-unit>
  <trans-unit id="6" translate="no">
    <source>Welcome to the program.</source>
  </trans-unit>
</body>
</file>
</xliff>
EOF

# The lines that hold no target nor match.
others () {
	grep -a -v -e "<target" -e "<alt-trans" "$1"
}

test_expect_success 'import the memory' '
	tmgloss import memory.tmx
'

test_expect_success 'XLIFF 1.2: in context, 100 % and fuzzy filled, the rest left' '
	cp doc.xlf input.xlf &&
	tmgloss pretranslate -o out.xlf doc.xlf >analysis &&
	test_cmp input.xlf doc.xlf &&
	grep -x "    <target state=\"translated\" state-qualifier=\"exact-match\">Bienvenue dans le programme.</target>" out.xlf &&
	grep -x "    <target state=\"translated\" state-qualifier=\"exact-match\">Ouvrez le fichier de configuration.</target>" out.xlf &&
	grep -x "    <target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">Imprimez la page courante maintenant</target>" out.xlf &&
	grep -c "^ *<target" out.xlf >count &&
	echo 4 >expect && test_cmp expect count &&
	grep -x "    <target state=\"needs-review-translation\">Fermer</target>" out.xlf
'

test_expect_success 'XLIFF 1.2: everything but the targets and matches byte for byte' '
	others doc.xlf >a && others out.xlf >b && test_cmp a b &&
	head -n 3 out.xlf >got && head -n 3 doc.xlf >expect &&
	test_cmp expect got
'

test_expect_success 'XLIFF 1.2: the match as <alt-trans>, before the extension' '
	grep -x "    <alt-trans match-quality=\"80\" origin=\"[^\"]*memory.tmx\"><source>Print the current page now</source><target>Imprimez la page courante maintenant</target></alt-trans>" out.xlf &&
	grep -c "<alt-trans match-quality=\"100\"" out.xlf >count &&
	echo 2 >expect && test_cmp expect count &&
	grep -A 1 "<alt-trans match-quality=\"80\"" out.xlf | tail -n 1 >got &&
	echo "    <x:ext a=\"1\"/>" >expect && test_cmp expect got
'

test_expect_success XMLLINT 'XLIFF 1.2: valid against the OASIS schema, as the input was' '
	"$XMLLINT" --noout --nonet --schema "$XSD/xliff12/xliff-core-1.2-transitional.xsd" doc.xlf &&
	"$XMLLINT" --noout --nonet --schema "$XSD/xliff12/xliff-core-1.2-transitional.xsd" out.xlf
'

test_expect_success 'the analysis of the document, with what was filled' '
	grep -x "doc.xlf (XLIFF 1.2, en → fr)" analysis &&
	grep "^In context (101%) *1 " analysis &&
	grep "^75-84% *1 " analysis &&
	grep "^50-74% *1 " analysis &&
	grep -x "Filled: 3 segments (1 to review)" analysis &&
	tmgloss pretranslate --format=json -o out2.xlf doc.xlf >json &&
	grep -F "\"filled\": {\"segments\": 3, \"exact\": 2, \"review\": 1}" json &&
	grep -F "\"format\": \"XLIFF 1.2\"" json &&
	test_cmp out.xlf out2.xlf
'

test_expect_success 'the filled document reads back: its segments translated' '
	tmgloss analyze --format=tsv out.xlf >back &&
	grep -x "out.xlf	translated	2	8	51	45" back &&
	grep -x "out.xlf	75-84	1	5	27	23" back
'

test_expect_success '--min: the 60 % match too' '
	tmgloss pretranslate --min 50 -o low.xlf doc.xlf >/dev/null &&
	grep -x "      <target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">Supprimez définitivement tous les fichiers sélectionnés</target>" low.xlf &&
	grep "<alt-trans match-quality=\"60\"" low.xlf &&
	test_expect_code 2 tmgloss pretranslate --min 0 -o low.xlf doc.xlf 2>err &&
	grep -e "--min" err
'

test_expect_success '--overwrite: the draft target replaced, its other attributes kept' '
	tmgloss pretranslate --overwrite -o over.xlf doc.xlf >/dev/null &&
	grep -x "    <target state=\"translated\" state-qualifier=\"exact-match\">Fermez la fenêtre.</target>" over.xlf &&
	! grep "Fermer<" over.xlf &&
	grep -c "^ *<target" over.xlf >count &&
	echo 4 >expect && test_cmp expect count &&
	others doc.xlf >a && grep -v "Fermer" a >a2 &&
	others over.xlf >b && test_cmp a2 b
'

test_expect_success 'the locked unit is left, translated targets are never touched' '
	sed -n "/id=\"6\"/,/trans-unit>/p" out.xlf >got &&
	sed -n "/id=\"6\"/,/trans-unit>/p" doc.xlf >expect &&
	test_cmp expect got &&
	tmgloss pretranslate -o again.xlf over.xlf >/dev/null &&
	test_cmp over.xlf again.xlf
'

test_expect_success '-o naming the input writes over it; otherwise it is left' '
	cp doc.xlf self.xlf &&
	tmgloss pretranslate -o self.xlf self.xlf >/dev/null &&
	test_cmp out.xlf self.xlf &&
	ls >files && ! grep tmp- files
'

test_expect_success '-o -: the document on standard output, no analysis' '
	tmgloss pretranslate -o - doc.xlf >stdout.xlf &&
	test_cmp out.xlf stdout.xlf
'

test_expect_success 'bad input: its line, no output left, an old output kept' '
	sed "s|<source>Close the window.</source>|<source>Close the window.</sourc>|" doc.xlf >bad.xlf &&
	test_expect_code 1 tmgloss pretranslate -o bad-out.xlf bad.xlf 2>err &&
	grep "bad.xlf:2[0-9]" err &&
	! test -e bad-out.xlf &&
	echo old >kept.xlf &&
	test_expect_code 1 tmgloss pretranslate -o kept.xlf bad.xlf 2>err &&
	echo old >expect && test_cmp expect kept.xlf &&
	ls >files && ! grep tmp- files &&
	test_expect_code 1 tmgloss pretranslate -o x.xlf memory.tmx 2>err &&
	! test -e x.xlf &&
	test_expect_code 2 tmgloss pretranslate doc.xlf 2>err &&
	grep -e "-o" err
'

cat >doc.po <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr\n"

msgid "Welcome to the program."
msgstr ""

msgid "Print the current sheet now"
msgstr ""

msgid "Close the window."
msgstr "Fermer"
EOF

test_expect_success 'PO: exact and fuzzy fills, the translated message left' '
	tmgloss pretranslate -o out.po doc.po >analysis &&
	grep -x "Filled: 2 segments (1 to review)" analysis &&
	sed -n "/Welcome/{n;p;}" out.po >got &&
	echo "msgstr \"Bienvenue dans le programme.\"" >expect && test_cmp expect got &&
	grep -B 2 -x "msgid \"Print the current sheet now\"" out.po >got &&
	printf "%s\n" "#, fuzzy" "#| msgid \"Print the current page now\"" "msgid \"Print the current sheet now\"" >expect &&
	test_cmp expect got &&
	grep -x "msgstr \"Fermer\"" out.po
'

# XLIFF 1.2 segmented: the target made from <seg-source>, the markers
# filled or left empty.
cat >seg.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ui.txt" source-language="en" target-language="fr" datatype="plaintext">
<body>
<trans-unit id="s">
<source>Close the window. Nothing like this here.</source>
<seg-source><mrk mtype="seg" mid="1">Close the window.</mrk> <mrk mtype="seg" mid="2">Nothing like this here.</mrk></seg-source>
</trans-unit>
<trans-unit id="t">
<source>Welcome to the program. Close the window.</source>
<seg-source><mrk mtype="seg" mid="a">Welcome to the program.</mrk> <mrk mtype="seg" mid="b">Close the window.</mrk></seg-source>
<target><mrk mtype="seg" mid="a"/> <mrk mtype="seg" mid="b"/></target>
</trans-unit>
</body>
</file>
</xliff>
EOF

test_expect_success 'XLIFF 1.2 segmented: markers filled, the target made when missing' '
	tmgloss pretranslate -o seg-out.xlf seg.xlf >/dev/null &&
	grep -x "<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"1\">Fermez la fenêtre.</mrk> <mrk mtype=\"seg\" mid=\"2\"></mrk></target>" seg-out.xlf &&
	grep -x "<target state=\"translated\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"a\">Bienvenue dans le programme.</mrk> <mrk mtype=\"seg\" mid=\"b\">Fermez la fenêtre.</mrk></target>" seg-out.xlf &&
	grep "<alt-trans match-quality=\"100\" origin=\"[^\"]*\" mid=\"b\">" seg-out.xlf &&
	tmgloss analyze --format=tsv seg-out.xlf >back &&
	grep -x "seg-out.xlf	translated	2	7	40	35" back &&
	grep -x "seg-out.xlf	100	1	3	17	15" back
'

test_expect_success XMLLINT 'XLIFF 1.2 segmented: still valid' '
	"$XMLLINT" --noout --nonet --schema "$XSD/xliff12/xliff-core-1.2-transitional.xsd" seg-out.xlf
'

# An 8-bit encoding: what is not ASCII is written as a reference.
printf '%s\n' '<?xml version="1.0" encoding="ISO-8859-1"?>' \
	'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="en" target-language="fr" datatype="plaintext"><body>' \
	'<trans-unit id="1"><source>Close the window.</source><note>caf' >latin1.xlf &&
printf '\351</note></trans-unit></body></file></xliff>\n' >>latin1.xlf

test_expect_success 'ISO-8859-1: the target written with character references' '
	tmgloss pretranslate -o latin1-out.xlf latin1.xlf >/dev/null &&
	grep -a "<target state=\"translated\" state-qualifier=\"exact-match\">Fermez la fen&#xEA;tre.</target>" latin1-out.xlf &&
	LC_ALL=C sed "s|<target.*</target>||; s|<alt-trans.*</alt-trans>||" latin1-out.xlf >b &&
	cmp latin1.xlf b
'

# XLIFF 2.0: a module before the segments, notes, a group, a segment
# with an id and one without.
cat >doc2.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
 <file id="f1">
  <group id="g1">
   <unit id="u1">
    <notes>
     <note>kept</note>
    </notes>
    <segment id="s1">
     <source>Welcome to the program.</source>
    </segment>
    <ignorable>
     <source> </source>
    </ignorable>
    <segment>
     <source>Print the current sheet now</source>
    </segment>
   </unit>
  </group>
  <unit id="u2">
   <segment id="s3" state="initial" subState="x:y">
    <source>Close the window.</source>
    <target>Fermer</target>
   </segment>
  </unit>
 </file>
</xliff>
EOF

cat >xliff20-mtc.xsd <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="file://$XSD/xliff20/xliff_core_2.0.xsd"/>
<xs:import namespace="urn:oasis:names:tc:xliff:matches:2.0" schemaLocation="file://$XSD/xliff20/matches.xsd"/>
</xs:schema>
EOF

test_expect_success 'XLIFF 2.0: targets and states; the candidates in mtc:matches' '
	tmgloss pretranslate -o out2.xlf doc2.xlf >/dev/null &&
	grep -x "    <segment id=\"s1\" state=\"translated\">" out2.xlf &&
	grep -x "     <target>Bienvenue dans le programme.</target>" out2.xlf &&
	grep -x "    <segment state=\"initial\">" out2.xlf &&
	grep -x "     <target>Imprimez la page courante maintenant</target>" out2.xlf &&
	grep -x "    <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match ref=\"#s1\" matchQuality=\"100\" origin=\"[^\"]*memory.tmx\"><source>Welcome to the program.</source><target>Bienvenue dans le programme.</target></mtc:match></mtc:matches>" out2.xlf &&
	grep -A 1 "<mtc:matches" out2.xlf | tail -n 1 >got &&
	echo "    <notes>" >expect && test_cmp expect got &&
	grep -x "    <target>Fermer</target>" out2.xlf &&
	grep -x "   <segment id=\"s3\" state=\"initial\" subState=\"x:y\">" out2.xlf &&
	grep -v -e "<target" -e "<mtc:matches" -e "<segment" out2.xlf >b &&
	grep -v -e "<target" -e "<segment" doc2.xlf >a &&
	test_cmp a b
'

test_expect_success 'XLIFF 2.0: --overwrite replaces the initial target, subState gone' '
	tmgloss pretranslate --overwrite -o over2.xlf doc2.xlf >/dev/null &&
	grep -x "   <segment id=\"s3\" state=\"translated\">" over2.xlf &&
	grep -x "    <target>Fermez la fenêtre.</target>" over2.xlf &&
	grep -c "<mtc:match " over2.xlf >count &&
	echo 2 >expect && test_cmp expect count
'

test_expect_success XMLLINT 'XLIFF 2.0: valid against the core and matches schemas' '
	"$XMLLINT" --noout --nonet --schema xliff20-mtc.xsd doc2.xlf &&
	"$XMLLINT" --noout --nonet --schema xliff20-mtc.xsd out2.xlf &&
	"$XMLLINT" --noout --nonet --schema xliff20-mtc.xsd over2.xlf
'

# Inline codes and numbers: the memory's codes are its own; the target
# gets the segment's, copied from its source, and the segment's number.
cat >codes.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Save the <bpt i="1">&lt;b&gt;</bpt>current<ept i="1">&lt;/b&gt;</ept> document.</seg></tuv><tuv xml:lang="fr"><seg>Enregistrez le document <bpt i="1">&lt;b&gt;</bpt>courant<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Beijing hosts 25 laboratories.</seg></tuv><tuv xml:lang="fr"><seg>Pékin abrite 25 laboratoires.</seg></tuv></tu>
</body>
</tmx>
EOF

cat >codes.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ui.txt" source-language="en" target-language="fr" datatype="plaintext">
<body>
<trans-unit id="1">
<source>Save the <g id="7" ctype="bold">current</g> document.</source>
</trans-unit>
<trans-unit id="2">
<source>Save the current document<x id="9" ctype="image"/>.</source>
</trans-unit>
<trans-unit id="3">
<source>Beijing hosts 21 laboratories.</source>
</trans-unit>
</body>
</file>
</xliff>
EOF

cat >codes2.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;b></data><data id="d2">&lt;/b></data></originalData>
   <segment id="s1">
    <source>Save the <pc id="1" dataRefStart="d1" dataRefEnd="d2">current</pc> document.</source>
   </segment>
   <segment id="s2">
    <source>Save the <sc id="2" dataRef="d1"/>current<ec startRef="2" dataRef="d2"/> document.</source>
   </segment>
  </unit>
 </file>
</xliff>
EOF

test_expect_success 'inline codes: the segment'"'"'s own, copied from its source' '
	tmgloss --db codes.db import -q codes.tmx &&
	tmgloss --db codes.db pretranslate -o codes-out.xlf codes.xlf >/dev/null &&
	grep "^<target state=\"[^\"]*\" state-qualifier=\"[^\"]*\">Enregistrez le document <g id=\"7\" ctype=\"bold\">courant</g>.</target>\$" codes-out.xlf &&
	grep "^<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">[^<]*<x id=\"9\" ctype=\"image\"/>[^<]*</target>\$" codes-out.xlf &&
	grep "<alt-trans [^>]*><source>Save the <bpt id=\"[^\"]*\">&lt;b&gt;</bpt>current<ept id=\"[^\"]*\">&lt;/b&gt;</ept> document.</source>" codes-out.xlf &&
	tmgloss --db codes.db pretranslate -o codes2-out.xlf codes2.xlf >/dev/null &&
	grep -x "    <target>Enregistrez le document <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">courant</pc>.</target>" codes2-out.xlf &&
	grep -x "    <target>Enregistrez le document <sc id=\"2\" dataRef=\"d1\"/>courant<ec startRef=\"2\" dataRef=\"d2\"/>.</target>" codes2-out.xlf
'

test_expect_success 'numbers: the segment'"'"'s number carried into the target' '
	grep "<target [^>]*>Pékin abrite 21 laboratoires.</target>" codes-out.xlf
'

test_expect_success XMLLINT 'inline codes: still valid' '
	"$XMLLINT" --noout --nonet --schema "$XSD/xliff12/xliff-core-1.2-transitional.xsd" codes-out.xlf &&
	"$XMLLINT" --noout --nonet --schema xliff20-mtc.xsd codes2-out.xlf
'

# Every corpus XLIFF file: a memory of their own translations, then each
# one pre-translated (or refused just as analyze refuses it), read back,
# and valid after when it was valid before.
test_expect_success 'every corpus XLIFF file pre-translates or is refused as analyze refuses it' '
	find "$DATA/xliff" -type f \( -name "*.xlf" -o -name "*.xliff" -o -name "*.sdlxliff" \) | sort >corpus &&
	test -s corpus &&
	while read f; do
		tmgloss --db corpus.db import --include-drafts -q "$f" >/dev/null 2>&1
		:
	done <corpus &&
	while read f; do
		if tmgloss --db corpus.db analyze --src en --tgt fr "$f" >/dev/null 2>&1
		then
			tmgloss --db corpus.db pretranslate --src en --tgt fr --min 50 --overwrite -o c.out "$f" >/dev/null 2>err &&
			tmgloss --db corpus.db analyze --src en --tgt fr c.out >/dev/null 2>&1 ||
			{ echo "$f: $(cat err)"; return 1; }
		else
			test_expect_code 1 tmgloss --db corpus.db pretranslate --src en --tgt fr -o c.out "$f" >/dev/null 2>&1 &&
			! test -e c.out || return 1
		fi
		rm -f c.out
	done <corpus
'

test_expect_success XMLLINT 'every corpus XLIFF file valid before is valid after' '
	while read f; do
		case "$f" in
		*/oasis-xliff2*) s=xliff20-mtc.xsd ;;
		*) s="$XSD/xliff12/xliff-core-1.2-transitional.xsd" ;;
		esac
		"$XMLLINT" --noout --nonet --schema "$s" "$f" >/dev/null 2>&1 || continue
		tmgloss --db corpus.db pretranslate --src en --tgt fr --min 50 --overwrite -o c.out "$f" >/dev/null 2>&1 || continue
		"$XMLLINT" --noout --nonet --schema "$s" c.out >/dev/null 2>err ||
		{ echo "$f: $(cat err)"; return 1; }
	done <corpus
'

test_done
