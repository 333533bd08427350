#!/bin/sh
# tmgloss import of documents (XLIFF, PO): translated segments become
# units of the document's origin with their neighbours as context; drafts
# with --include-drafts; locked segments when confirmed; languages from the
# file or --src/--tgt; a re-import replaces; codes and context survive a TMX
# export; a broken document leaves the memory as it was.
. "$top_srcdir/tests/cli/test-lib.sh"

DTD="$DATA/dtd/maxprograms-tmxvalidator/tmx14.dtd"

# xliff FILE [ID STATE TARGET TRANSLATE]...: an XLIFF 1.2 fr → zh-CN
# document whose trans-unit ID has the source "Phrase ID." and, unless
# TARGET is "-", TARGET in STATE; TRANSLATE "no" locks it.
xliff () {
	file=$1
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
		echo '<file original="doc.txt" source-language="fr" target-language="zh-CN" datatype="plaintext"><body>'
		while [ $# -ge 4 ]; do
			echo "<trans-unit id=\"$1\" translate=\"$4\"><source>Phrase $1.</source>"
			[ "$3" = - ] || echo "<target state=\"$2\">$3</target>"
			echo '</trans-unit>'
			shift 4
		done
		echo '</body></file></xliff>'
	} >"$file"
}

# prop TMX TYPE TUID: the value of prop TYPE of unit TUID in TMX
prop () {
	tr -d '\n' <"$1" | sed 's/<tu /\n<tu /g' | grep "^<tu tuid=\"$3\"" |
		sed -n "s/.*<prop type=\"$2\">\\([^<]*\\)<\\/prop>.*/\\1/p"
}

test_expect_success 'XLIFF 1.2: translated segments in, the rest counted' '
	xliff a.xlf 1 translated 一 yes 2 new - yes 3 final 三 yes \
		4 needs-review-translation 四 yes 5 translated 五 no \
		6 new - no &&
	tmgloss --db a.db import a.xlf >out &&
	grep "^a.xlf: XLIFF 1.2 document, 6 segments read: 3 imported (3 added, 0 merged, 0 unchanged)$" out &&
	grep "^  1 untranslated segment left out$" out &&
	grep "^  1 draft left out (--include-drafts imports drafts)$" out &&
	grep "^  1 locked segment without a confirmed translation left out$" out &&
	grep "^  fr → zh-CN: 3$" out &&
	tmgloss --db a.db stats --format=tsv | grep "^units	3$"
'

test_expect_success 'a locked segment with a confirmed translation is imported' '
	TMGLOSS_DB=a.db tmgloss match --src fr --tgt zh --format=tsv \
		"Phrase 5." | awk -F "\t" "\$2 == 100 { print \$4 }" >out &&
	echo 五 >expect &&
	test_cmp expect out
'

test_expect_success '--include-drafts imports needs-review targets' '
	tmgloss --db d.db import --include-drafts a.xlf >out &&
	grep "6 segments read: 4 imported" out &&
	! grep draft out
'

test_expect_success 'each unit has its neighbours as context, translated or not' '
	tmgloss --db a.db export -o a.tmx &&
	test "$(prop a.tmx x-context-pre 1)" = "" &&
	test "$(prop a.tmx x-context-post 1)" = "Phrase 2." &&
	test "$(prop a.tmx x-context-pre 3)" = "Phrase 2." &&
	test "$(prop a.tmx x-context-post 3)" = "Phrase 4." &&
	test "$(prop a.tmx x-file 3)" = "doc.txt" &&
	grep "<tu tuid=\"3\"" a.tmx
'

test_expect_success 'the context props survive a TMX round trip' '
	tmgloss --db rt.db import -q a.tmx &&
	tmgloss --db rt.db export -o rt.tmx &&
	sed "s/<header [^>]*>//" a.tmx >expect &&
	sed "s/<header [^>]*>//" rt.tmx >actual &&
	test_cmp expect actual
'

test_expect_success 'summary as TSV and JSON' '
	tmgloss --db t.db import --format=tsv --header a.xlf >out &&
	head -n 1 out | grep "	replaced	untranslated	drafts	locked	obsolete	alt-trans$" &&
	sed -n 2p out | grep "^a.xlf	ok	6	3	0	0	0	0	0	1	1	1	0	0$" &&
	tmgloss --db j.db import --format=json a.xlf >out &&
	grep "\"format\": \"XLIFF 1.2\", \"untranslated\": 1, \"drafts\": 1, \"locked\": 1, \"obsolete\": 0, \"alt_trans\": 0}" out
'

test_expect_success 're-importing a corrected document replaces its older units' '
	xliff r.xlf 1 translated 甲 yes 2 translated 乙 yes &&
	tmgloss --db r.db import -q r.xlf &&
	xliff r.xlf 1 translated 甲二 yes 2 translated 乙 yes &&
	tmgloss --db r.db import r.xlf >out &&
	grep "2 imported (1 added, 0 merged, 1 unchanged)" out &&
	grep "^  1 older unit of this origin replaced$" out &&
	TMGLOSS_DB=r.db tmgloss match --src fr --tgt zh --format=tsv \
		"Phrase 1." | awk -F "\t" "\$2 == 100 { print \$4 }" >out &&
	echo 甲二 >expect &&
	test_cmp expect out
'

test_expect_success 'XLIFF from OmegaT and Okapi: counts as the reader tests say' '
	tmgloss --db k.db import "$DATA/xliff/okapi/Manual-12-AltTrans.xlf" \
		"$DATA/xliff/okapi/RB-12-Test02.xlf" >out &&
	grep "Manual-12-AltTrans.xlf: XLIFF 1.2 document, 7 segments read: 2 imported" out &&
	grep "^  1 <alt-trans> match skipped$" out &&
	grep "RB-12-Test02.xlf: XLIFF 1.2 document, 11 segments read: 7 imported" out &&
	tmgloss --db k.db import "$DATA/xliff/duplicati-ngclient/messages.zh-Hans.xlf" >out &&
	grep "918 segments read: 771 imported (771 added" out &&
	grep "^  en → zh-Hans: 771$" out
'

test_expect_success 'PO: translated messages in, fuzzy ones with --include-drafts' '
	tmgloss --db p.db import "$DATA/po/shadow/zh_CN.po" >out &&
	grep "zh_CN.po: PO document, 663 segments read: 502 imported" out &&
	grep "^  125 drafts left out" out &&
	grep "^  246 obsolete messages (#~) skipped$" out &&
	grep "^  en → zh-CN: 502$" out &&
	tmgloss --db p2.db import --include-drafts "$DATA/po/shadow/zh_CN.po" >out &&
	grep "663 segments read: 627 imported" out
'

test_expect_success 'match finds a segment imported from a PO file' '
	TMGLOSS_DB=p.db tmgloss match --src en --tgt zh-CN --format=tsv \
		"Invalid login time" >out &&
	awk -F "\t" "\$2 == 100" out | grep .
'

test_expect_success 'PO without Language: --tgt asked for, then taken' '
	cat >nolang.po <<-\EOF &&
	msgid ""
	msgstr ""
	"Content-Type: text/plain; charset=UTF-8\n"

	msgid "The laboratory opens at nine."
	msgstr "Le laboratoire ouvre à neuf heures."
	EOF
	test_expect_code 1 tmgloss --db n.db import nolang.po 2>err &&
	grep "^tmgloss: nolang.po:[0-9]*: the file does not say the language of its translations: give it with --tgt$" err &&
	tmgloss --db n.db import --tgt fr nolang.po >out &&
	grep "^  en → fr: 1$" out &&
	tmgloss --db n2.db import --src en-GB --tgt fr - <nolang.po >out &&
	grep "^  en-GB → fr: 1$" out
'

test_expect_success XMLLINT 'XLIFF 2 codes exported as valid TMX 1.4b' '
	tmgloss --db c.db import -q \
		"$DATA/xliff/oasis-xliff21/core-valid/withReorderedCodes.xlf" &&
	tmgloss --db c.db export -o c.tmx &&
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" c.tmx &&
	grep "<bpt i=\"1\" x=\"1\" type=\"x-xliff2-pc\">&lt;pc id=&quot;1&quot;" c.tmx &&
	grep "<ph x=\"3\" type=\"x-xliff2-ph\">&lt;ph id=&quot;3&quot;/&gt;</ph>" c.tmx &&
	grep "<ept i=\"1\">&lt;/pc&gt;</ept>" c.tmx
'

test_expect_success 'a malformed XLIFF: exit 1 with its line, memory unchanged' '
	tmgloss --db a.db stats --format=tsv >before &&
	xliff bad.xlf 7 translated 七 yes 8 translated 八 yes &&
	sed "s|<source>Phrase 8.</source>|<source>Phrase 8.</sourc>|" bad.xlf >bad2.xlf &&
	test_expect_code 1 tmgloss --db a.db import bad2.xlf 2>err &&
	grep "^tmgloss: bad2.xlf:[0-9][0-9]*:" err &&
	grep "^tmgloss: bad2.xlf: nothing was imported from this file$" err &&
	tmgloss --db a.db stats --format=tsv >after &&
	test_cmp before after
'

# Every corpus document imports, or is refused with its line: the files
# their own projects call invalid (the OASIS suite's core-invalid), and
# three more the readers' tests refuse (a PO syntax error, an undeclared
# namespace prefix, a control character).
test_expect_success 'every corpus XLIFF and PO file imports or is refused with its line' '
	for f in $(find "$DATA/xliff" "$DATA/po" -type f \
			\( -name "*.xlf" -o -name "*.xliff" -o -name "*.sdlxliff" \
			   -o -name "*.mqxliff" -o -name "*.po" -o -name "*.pot" \) |
		   LC_ALL=C sort); do
		if tmgloss --db corpus.db import -q --tgt fr "$f" 2>err; then
			echo "$f" >>imported
		else
			grep -v "^tmgloss: warning: " err | head -n 1 |
				grep "^tmgloss: $f:[0-9][0-9]*:" >/dev/null ||
				{ echo "no line: $f"; cat err; return 1; }
			echo "${f#$DATA/}" >>refused
		fi
	done &&
	test $(wc -l <imported) -gt 90 &&
	grep -v "^xliff/oasis-xliff21/core-invalid/" refused >others &&
	printf "%s\n" po/okapi/msgctxt_notes.po \
		xliff/oasis-xliff22/Good-pgs_plural.xlf \
		xliff/okapi/invalid_xml_entity.xlf \
		xliff/weblate/memory-invalid.xliff >expect &&
	test_cmp expect others
'

test_done
