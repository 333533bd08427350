#!/bin/sh
# gloss.sh -- importing glossaries (TBX, TSV, CSV) and the gloss command.
. "$top_srcdir/tests/cli/test-lib.sh"
GLOSSARY="$top_srcdir/glossaries/ai.fr-zh.tbx"
DTD="$DATA/dtd/openxliff/TBXcoreStructV02.dtd"

# the memory's glossary tables, in a stable order, to compare
dump() {
	sqlite3 "$TEST_DIR/memory.db" \
		"SELECT * FROM concepts ORDER BY id;
		 SELECT * FROM terms ORDER BY id;
		 SELECT * FROM concept_fields ORDER BY id;
		 SELECT * FROM term_index ORDER BY term_id, key_hash;" | \
		sed 's/|20[0-9]*T[0-9]*Z$/|DATE/'
}

test_expect_success 'import the shipped TBX glossary' '
	tmgloss import "$GLOSSARY" >out &&
	grep "TBX-Basic v2 glossary, 123 concepts read: 123 added" out
'

test_expect_success SQLITE3 'importing it again adds nothing' '
	dump >before &&
	tmgloss import "$GLOSSARY" >out &&
	grep "0 added" out &&
	dump >after &&
	test_cmp before after
'

test_expect_success SQLITE3 'a malformed TBX is refused with its line, memory unchanged' '
	dump >before &&
	cp "$DATA/glossary/missing-lang.tbx" bad.tbx &&
	test_expect_code 1 tmgloss import bad.tbx 2>err &&
	grep "bad.tbx:11: <langSet> without xml:lang" err &&
	grep "nothing was imported" err &&
	dump >after &&
	test_cmp before after
'

test_expect_success SQLITE3 'malformed TBX v3 is refused with its line, memory unchanged' '
	dump >before &&
	test_expect_code 1 tmgloss import "$DATA/tbx/v3/malformed.tbx" 2>err &&
	grep "malformed.tbx:13:[0-9]*: the element <term> begun on line 13 is ended by </termSec>" err &&
	test_expect_code 1 tmgloss import "$DATA/tbx/v3/untyped-admin.tbx" 2>err &&
	grep "untyped-admin.tbx:14: <admin> without a type" err &&
	dump >after &&
	test_cmp before after
'

test_expect_success 'TBX v3 files in DCT and DCA style import' '
	tmgloss --db v3.db import "$DATA/tbx/v3/basic-dct.tbx" \
		"$DATA/tbx/v3/min-dca.tbx" >out &&
	grep "TBX-Basic v3 glossary, 3 concepts read: 3 added" out &&
	grep "TBX-Min v3 glossary, 2 concepts read: 2 added" out &&
	tmgloss --db v3.db gloss list --lang fr --format=tsv | cut -f2- >list &&
	grep "^robot humanoïde	preferred	人形机器人$" list &&
	grep "^puce optique	deprecated	光子芯片$" list &&
	grep "^puissance de calcul		算力$" list
'

test_expect_success LTAC_TBX 'LTAC poorly_formed_xml.tbx is refused with its line' '
	test_expect_code 1 tmgloss --db ltac.db import \
		"$CORPUS/tbx/ltac-test-files/poorly_formed_xml.tbx" 2>err &&
	grep "poorly_formed_xml.tbx:42:" err
'

test_expect_success LTAC_TBX 'LTAC TBX v3 DCT and DCA files import' '
	tmgloss --db ltac.db import \
		"$CORPUS/tbx/ltac-tbx-basic/Example_Astronomy_DCT_VALID.tbx" \
		"$CORPUS/tbx/ltac-test-files/min_good.tbx" >out &&
	grep "TBX-Basic v3 glossary, 45 concepts read: 45 added" out &&
	grep "TBX-Min v3 glossary, 45 concepts read" out
'

test_expect_success 'a file is recognised by its content, not its name' '
	cp "$DATA/tbx/okapi/test02_win1254.tbx" glossary.txt &&
	tmgloss --db other.db import glossary.txt >out &&
	grep "TBX v2 glossary, 1 concept read: 1 added" out
'

test_expect_success 'a TSV without a header asks for --src and --tgt' '
	test_expect_code 1 tmgloss import "$DATA/csv/omegat/test.tab" 2>err &&
	grep "test.tab:1: .*--src and --tgt" err
'

test_expect_success 'a TSV imports with --src and --tgt' '
	tmgloss --db tsv.db import --src ja --tgt fr \
		"$DATA/csv/omegat/test.tab" >out &&
	grep "TSV glossary, 4 concepts read: 4 added" out
'

test_expect_success SQLITE3 'a bad TSV row is refused with its line, memory unchanged' '
	dump >before &&
	test_expect_code 1 tmgloss import --src en --tgt fr \
		"$DATA/csv/okapi/test01.tsv" 2>err &&
	grep "test01.tsv:8: no separator" err &&
	dump >after &&
	test_cmp before after
'

test_expect_success 'Latin-1 text is refused with its line' '
	test_expect_code 1 tmgloss import "$DATA/glossary/latin1.tsv" 2>err &&
	grep "latin1.tsv:3: the text is not UTF-8" err
'

test_expect_success 'a CSV with a header row and UTF-16 TSV import' '
	printf "fr,zh-CN,note\n\"puce, photonique\",光子芯片,\"dit \"\"optique\"\"\"\n" >g.csv &&
	tmgloss --db csv.db import g.csv "$DATA/glossary/header.tsv" >out &&
	grep "CSV glossary, 1 concept read: 1 added" out &&
	tmgloss --db csv.db gloss list --lang fr --format=tsv >list &&
	grep "puce, photonique		光子芯片" list &&
	tmgloss --db csv.db import --src en --tgt de \
		"$DATA/csv/okapi/test02_utf16be.tsv" >out &&
	grep "2 added" out
'

test_expect_success 'export TBX' '
	tmgloss gloss export -o out.tbx 2>err &&
	grep "123 concepts exported" err
'

test_expect_success XMLLINT 'the TBX export is valid against the TBX v2 DTD' '
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" out.tbx
'

test_expect_success 'import -> export -> import loses nothing (TBX)' '
	tmgloss gloss export -o one.tbx &&
	tmgloss --db two.db import one.tbx &&
	tmgloss --db two.db gloss export -o two.tbx &&
	test_cmp one.tbx two.tbx &&
	tmgloss gloss list --format=tsv >list1 &&
	tmgloss --db two.db gloss list --format=tsv >list2 &&
	test_cmp list1 list2
'

test_expect_success 'import -> export -> import loses nothing (TSV)' '
	tmgloss --db t1.db import --src ja --tgt fr "$DATA/csv/omegat/test.tab" &&
	tmgloss --db t1.db gloss export --format=tsv -o one.tsv &&
	tmgloss --db t2.db import --src ja --tgt fr one.tsv &&
	tmgloss --db t2.db gloss export --format=tsv -o two.tsv &&
	test_cmp one.tsv two.tsv &&
	grep "System Terre	https" one.tsv
'

test_expect_success 'gloss list sorts French with French rules' '
	tmgloss gloss list --lang fr --format=tsv | cut -f2 >terms &&
	head -1 terms | grep "^agent d.IA$" &&
	grep -n "^économie réelle$" terms | cut -d: -f1 >n1 &&
	grep -n "^edge computing$" terms | cut -d: -f1 >n2 &&
	test "$(cat n1)" -lt "$(cat n2)"
'

test_expect_success 'gloss list sorts Chinese by pinyin or by stroke' '
	tmgloss gloss list --lang zh --format=tsv | cut -f2 | head -1 >pinyin &&
	echo 半导体 >expect && test_cmp expect pinyin &&
	tmgloss gloss list --lang zh --sort zh@collation=stroke --format=tsv |
		cut -f2 | head -1 | grep "^人"
'

test_expect_success 'gloss add and remove' '
	tmgloss gloss add "réseau antagoniste génératif" 生成对抗网络 \
		--src fr --tgt zh-CN --note GAN >out &&
	grep "added concept" out &&
	tmgloss gloss add "réseau antagoniste génératif" 生成对抗网络 \
		--src fr --tgt zh-CN >out &&
	grep "already in the glossary" out &&
	tmgloss terms --src fr --format=tsv "des réseaux antagonistes génératifs" >hits &&
	grep "生成对抗网络" hits &&
	tmgloss gloss remove --lang fr "RESEAU ANTAGONISTE GENERATIF" >out &&
	grep "1 concept removed" out &&
	test_expect_code 1 tmgloss gloss remove "réseau antagoniste génératif"
'

test_expect_success 'an unknown --origin is an error for gloss list and gloss export' '
	test_expect_code 1 tmgloss gloss list --origin nope.tbx >out 2>err &&
	grep "nope.tbx" err && test $(wc -l <err) -eq 1 && ! test -s out &&
	test_expect_code 1 tmgloss gloss export --origin nope.tbx -o nope.out 2>err &&
	grep "nope.tbx" err && test $(wc -l <err) -eq 1 &&
	! test -e nope.out &&
	test_expect_code 1 tmgloss gloss export --format=tsv --src fr --tgt zh \
		--origin nope.tbx -o nope.out 2>err &&
	grep "nope.tbx" err && ! test -e nope.out
'

test_expect_success 'a known --origin exports and lists its concepts' '
	tmgloss gloss list --origin ai.fr-zh.tbx --lang fr --format=tsv >list &&
	test $(wc -l <list) -gt 100 &&
	tmgloss gloss export --origin ai.fr-zh.tbx -o ai.tbx 2>err &&
	grep "123 concepts exported" err
'

test_expect_success 'a language no term has: a warning, exit 1, nothing written' '
	test_expect_code 1 tmgloss gloss list --lang de >out 2>err &&
	grep -x "tmgloss: warning: no concept has a term in de" err &&
	! test -s out &&
	test_expect_code 1 tmgloss gloss list --origin ai.fr-zh.tbx --lang de 2>err &&
	grep -x "tmgloss: warning: no concept has a term in de" err &&
	test_expect_code 1 tmgloss gloss export --format=tsv --src fr --tgt de \
		-o de.txt 2>err &&
	grep -x "tmgloss: warning: no concept has terms in both fr and de" err &&
	! test -e de.txt
'

test_expect_success 'bad usage exits 2' '
	test_expect_code 2 tmgloss gloss &&
	test_expect_code 2 tmgloss gloss frobnicate &&
	test_expect_code 2 tmgloss gloss add onlyone --src fr --tgt zh &&
	test_expect_code 2 tmgloss gloss export &&
	test_expect_code 2 tmgloss import --src xx-!! x.tsv
'

# Three entries with the same terms and different ids (homonyms), two
# that differ only by status, one repeating an id and one without an id.
cat >homonyms.tbx <<'EOF_TBX'
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>homonyms</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="w1"><langSet xml:lang="en"><tig><term>world</term></tig></langSet><langSet xml:lang="es"><tig><term>mundo</term></tig></langSet></termEntry>
<termEntry id="w2"><langSet xml:lang="en"><tig><term>world</term></tig></langSet><langSet xml:lang="es"><tig><term>mundo</term></tig></langSet></termEntry>
<termEntry id="w3"><langSet xml:lang="en"><tig><term>world</term></tig></langSet><langSet xml:lang="es"><tig><term>mundo</term></tig></langSet></termEntry>
<termEntry id="s1"><langSet xml:lang="en"><tig><term>cell</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet><langSet xml:lang="es"><tig><term>celda</term></tig></langSet></termEntry>
<termEntry id="s2"><langSet xml:lang="en"><tig><term>cell</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet><langSet xml:lang="es"><tig><term>celda</term></tig></langSet></termEntry>
<termEntry id="w1"><langSet xml:lang="en"><tig><term>world</term></tig></langSet><langSet xml:lang="es"><tig><term>mundo</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>world</term></tig></langSet><langSet xml:lang="es"><tig><term>mundo</term></tig></langSet></termEntry>
</body></text></martif>
EOF_TBX

test_expect_success 'entries with different ids stay distinct concepts (homonyms)' '
	tmgloss --db hom.db import homonyms.tbx >out &&
	grep "7 concepts read: 5 added, 0 updated, 2 unchanged" out &&
	tmgloss --db hom.db gloss list --lang en --format=tsv | cut -f2- >list &&
	printf "cell\tpreferred\tcelda\ncell\tdeprecated\tcelda\n" >expect &&
	printf "world\t\tmundo\nworld\t\tmundo\nworld\t\tmundo\n" >>expect &&
	test_cmp expect list &&
	tmgloss --db hom.db import homonyms.tbx >out &&
	grep "0 added, 0 updated, 7 unchanged" out
'

test_expect_success 'entries of another file with the same terms are the same concepts' '
	sed "s/id=\"[a-z0-9]*\"/id=\"x\"/" homonyms.tbx >other.tbx &&
	tmgloss --db hom.db import other.tbx >out &&
	grep "0 added" out
'

# run "$@" with files limited to 100 blocks (50 or 100 KB, more than
# SQLite needs to read a memory): a write beyond fails with EFBIG
small_files () {
	(ulimit -f 100 && trap "" XFSZ && "$@")
}

test_expect_success 'a failed gloss export leaves the previous file as it was' '
	awk "BEGIN { print \"fr\tzh-CN\"; for (i = 0; i < 5000; i++)
		printf \"terme numéro %d\t术语%d\n\", i, i }" >big.tsv &&
	tmgloss --db big.db import big.tsv >/dev/null &&
	tmgloss --db big.db gloss export --format=tsv -o out.tsv &&
	test $(wc -c <out.tsv) -gt 110000 &&
	cp out.tsv keep.tsv &&
	test_expect_code 1 small_files tmgloss --db big.db gloss export \
		--format=tsv -o out.tsv 2>err &&
	echo "tmgloss: out.tsv: File too large" >expect &&
	test_cmp expect err &&
	test_cmp keep.tsv out.tsv &&
	tmgloss gloss export -o out.tbx &&
	cp out.tbx keep.tbx &&
	test_expect_code 1 small_files tmgloss gloss export -o out.tbx 2>err &&
	grep "^tmgloss: out.tbx: .*File too large$" err &&
	test_cmp keep.tbx out.tbx &&
	! ls | grep tmp-
'

test_lazy_prereq UNWRITABLE_DIR '
	mkdir ro && chmod a-w ro && ! touch ro/x
'

test_expect_success UNWRITABLE_DIR 'gloss export into a folder it cannot write: the file survives' '
	mkdir ro && tmgloss gloss export -o ro/g.tbx &&
	cp ro/g.tbx keep.tbx && chmod a-w ro &&
	test_expect_code 1 tmgloss gloss export -o ro/g.tbx 2>err &&
	chmod u+w ro &&
	grep "^tmgloss: ro/g.tbx: " err &&
	test_cmp keep.tbx ro/g.tbx
'

test_expect_success 'gloss export through a symbolic link replaces the file it names' '
	tmgloss gloss export -o real.tbx &&
	cp real.tbx expect.tbx &&
	ln -s real.tbx link.tbx && : >real.tbx &&
	tmgloss gloss export -o link.tbx &&
	test -h link.tbx && test_cmp expect.tbx real.tbx
'

test_lazy_prereq MKNOD '
	mknod full c 1 7 && test -c full
'

test_expect_success MKNOD 'gloss export onto a device writes into it, never replaces it' '
	mknod full c 1 7 &&
	test_expect_code 1 tmgloss gloss export -o full 2>err &&
	grep "^tmgloss: full: .*No space left on device$" err &&
	test -c full &&
	test_expect_code 1 tmgloss gloss export --format=tsv -o full 2>err &&
	echo "tmgloss: full: No space left on device" >expect &&
	test_cmp expect err &&
	test -c full && ! ls | grep tmp- &&
	touch "$TEST_DIR/device-safe"
'

# /dev/full itself only once a copy of it survived (a bug would replace
# the system'"'"'s device for root)
test_lazy_prereq DEV_FULL '
	test -c /dev/full &&
	{ test "$(id -u)" != 0 || test -f "$TEST_DIR/device-safe"; }
'

test_expect_success DEV_FULL 'gloss export -o /dev/full fails and /dev/full stays a device' '
	test_expect_code 1 tmgloss gloss export -o /dev/full 2>err &&
	grep "^tmgloss: /dev/full: .*No space left on device$" err &&
	test_expect_code 1 tmgloss gloss export --format=tsv -o /dev/full 2>err &&
	grep "^tmgloss: /dev/full: No space left on device$" err &&
	test -c /dev/full
'

test_done
