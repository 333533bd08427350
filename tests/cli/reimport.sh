#!/bin/sh
# Re-importing a corrected file: a unit the file's origin held before,
# with the same source as a unit of the file, is replaced by the newer one
# (change date of the unit or its variants, else the later import); other
# origins' alternatives stay, two units of one file with one source stay,
# --keep-duplicates keeps everything, and a replaced unit is never found
# again by match or concord.
. "$top_srcdir/tests/cli/test-lib.sh"

# save FILE [TARGET DATE]...: an OmegaT project_save.tmx whose units
# translate, in order, "Le laboratoire ferme le vendredi." (first pair),
# "Le train part à midi." (second) and then the laboratory again
# (a third pair: an alternative translation); DATE "-" for none.
save () {
	file=$1
	shift
	mkdir -p "$(dirname "$file")"
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT TMX" adminlang="en" srclang="fr" datatype="plaintext"/><body>'
		n=0
		while [ $# -ge 2 ]; do
			n=$((n + 1))
			case $n in
			2) src="Le train part à midi." ;;
			*) src="Le laboratoire ferme le vendredi." ;;
			esac
			date=
			[ "$2" = - ] || date=" changeid=\"alice\" changedate=\"$2\""
			echo "<tu><tuv xml:lang=\"fr\"><seg>$src</seg></tuv><tuv xml:lang=\"zh-CN\"$date><seg>$1</seg></tuv></tu>"
			shift 2
		done
		echo '</body></tmx>'
	} >"$file"
}

# targets QUERY: the translations match finds for QUERY at 100 %, sorted
targets () {
	tmgloss match --src fr --tgt zh --format=tsv "$1" |
		awk -F '\t' '$2 == 100 { print $4 }' | sort
}

units () {
	tmgloss stats --format=tsv | sed -n 's/^units	//p'
}

test_expect_success 'setup: two projects, indexed' '
	save p1/omegat/project_save.tmx 实验室周五开门。 20250101T100000Z \
		火车中午出发。 20250101T100000Z &&
	save p2/omegat/project_save.tmx 实验室星期五关闭。 20250201T100000Z &&
	tmgloss import -q p1/omegat/project_save.tmx \
		p2/omegat/project_save.tmx &&
	test "$(units)" = 3 &&
	targets "Le laboratoire ferme le vendredi." >out &&
	printf "%s\n" 实验室周五开门。 实验室星期五关闭。 | sort >expect &&
	test_cmp expect out
'

test_expect_success 'a corrected project_save.tmx replaces its own old translation' '
	save p1/omegat/project_save.tmx 实验室周五关门。 20250301T100000Z \
		火车中午出发。 20250101T100000Z &&
	tmgloss import -q p1/omegat/project_save.tmx &&
	test "$(units)" = 3 &&
	targets "Le laboratoire ferme le vendredi." >out &&
	printf "%s\n" 实验室周五关门。 实验室星期五关闭。 | sort >expect &&
	test_cmp expect out
'

test_expect_success 'the replaced translation is never found again' '
	tmgloss concord --src zh --tgt fr 开门 >out &&
	! grep 开门 out &&
	tmgloss concord --src zh --tgt fr 关门 >out &&
	grep 关门 out &&
	tmgloss concord --src fr --tgt zh vendredi >out &&
	! grep 开门 out &&
	tmgloss index -q &&
	targets "Le laboratoire ferme le vendredi." >out &&
	! grep 开门 out
'

test_expect_success 'the same file again changes nothing' '
	tmgloss export -o before.tmx &&
	tmgloss import -q p1/omegat/project_save.tmx &&
	test "$(units)" = 3 &&
	tmgloss export -o after.tmx &&
	grep -v "<header" before.tmx >before &&
	grep -v "<header" after.tmx >after &&
	test_cmp before after
'

test_expect_success 'an older copy of the file does not undo the correction' '
	save old/omegat/project_save.tmx 实验室周五开门。 20250101T100000Z \
		火车中午出发。 20250101T100000Z &&
	tmgloss import -q --origin-name "$PWD/p1/omegat/project_save.tmx" \
		old/omegat/project_save.tmx &&
	test "$(units)" = 3 &&
	targets "Le laboratoire ferme le vendredi." >out &&
	! grep 开门 out &&
	grep 关门 out
'

test_expect_success 'another project keeps its alternative' '
	targets "Le laboratoire ferme le vendredi." >out &&
	grep 实验室星期五关闭。 out
'

test_expect_success 'alternatives of one file both stay, and only a corrected one goes' '
	save alt.tmx 甲一 20250101T100000Z 乙 20250101T100000Z \
		甲二 20250102T100000Z &&
	tmgloss --db alt.db import -q alt.tmx &&
	TMGLOSS_DB=alt.db targets "Le laboratoire ferme le vendredi." >out &&
	printf "%s\n" 甲一 甲二 | sort >expect &&
	test_cmp expect out &&
	tmgloss --db alt.db import -q alt.tmx &&
	TMGLOSS_DB=alt.db targets "Le laboratoire ferme le vendredi." >out &&
	test_cmp expect out &&
	save alt.tmx 甲一 20250101T100000Z 乙 20250101T100000Z \
		甲三 20250301T100000Z &&
	tmgloss --db alt.db import -q alt.tmx &&
	TMGLOSS_DB=alt.db targets "Le laboratoire ferme le vendredi." >out &&
	printf "%s\n" 甲一 甲三 | sort >expect &&
	test_cmp expect out
'

test_expect_success 'without dates the later import wins' '
	save nodate.tmx 丙一 - 丁 - &&
	tmgloss --db nodate.db import -q nodate.tmx &&
	save nodate.tmx 丙二 - 丁 - &&
	tmgloss --db nodate.db import -q nodate.tmx &&
	TMGLOSS_DB=nodate.db targets "Le laboratoire ferme le vendredi." >out &&
	echo 丙二 >expect &&
	test_cmp expect out &&
	test "$(TMGLOSS_DB=nodate.db units)" = 2
'

test_expect_success '--keep-duplicates keeps the old translation beside the new one' '
	save keep.tmx 戊一 20250101T100000Z &&
	tmgloss --db keep.db import -q keep.tmx &&
	save keep.tmx 戊二 20250301T100000Z &&
	tmgloss --db keep.db import -q --keep-duplicates keep.tmx &&
	TMGLOSS_DB=keep.db targets "Le laboratoire ferme le vendredi." >out &&
	printf "%s\n" 戊一 戊二 | sort >expect &&
	test_cmp expect out
'

test_expect_success 'the summary counts the replaced units (text, TSV, JSON)' '
	save sum.tmx 己一 20250101T100000Z 庚 20250101T100000Z &&
	tmgloss --db sum.db import sum.tmx >out &&
	! grep replaced out &&
	save sum.tmx 己二 20250301T100000Z 庚 20250101T100000Z &&
	tmgloss --db sum.db import sum.tmx >out &&
	grep "^  1 older unit of this origin replaced$" out &&
	save sum.tmx 己三 20250401T100000Z 庚二 20250401T100000Z &&
	tmgloss --db sum.db import --format=tsv --header sum.tmx >out &&
	head -n 1 out | grep "	repaired	replaced	" &&
	sed -n 2p out | grep "	ok	2	2	0	0	0	0	2	0	0	0	0	0$" &&
	save sum.tmx 己四 20250501T100000Z 庚二 20250401T100000Z &&
	tmgloss --db sum.db import --format=json sum.tmx >out &&
	grep "\"replaced\": 1," out
'

test_done
