#!/bin/sh
# tmgloss edit: a unit's translation or note corrected by id; the change
# dated and signed; match finds the new translation at once and the old
# one is never found again; a unit with several translations needs
# --lang; a bad id is an error that changes nothing.
. "$top_srcdir/tests/cli/test-lib.sh"

USER=tester
export USER

tmx_head='<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/><body>'

# unit_id QUERY: the unit id match gives for QUERY's 100 % hit
unit_id () {
	tmgloss match --src fr --tgt zh --format=json "$1" |
		sed -n 's/.*"unit_id": \([0-9]*\).*/\1/p' | head -n 1
}

# units FILE: the memory's units as export writes them (no header: it
# carries the export's date)
units () {
	tmgloss export -o "$1.tmx" && grep -v "<header" "$1.tmx" >"$1"
}

test_expect_success 'setup: a memory, indexed' '
	cat >m.tmx <<-EOF &&
	$tmx_head
	<tu changedate="20200101T000000Z" changeid="alice"><tuv xml:lang="fr"><seg>Le laboratoire ferme le vendredi.</seg></tuv><tuv xml:lang="zh-CN"><seg>实验室周五<ph x="1">&lt;b/&gt;</ph>开门。</seg></tuv></tu>
	<tu><tuv xml:lang="fr"><seg>Le train part à midi.</seg></tuv><tuv xml:lang="zh-CN"><seg>火车中午出发。</seg></tuv><tuv xml:lang="zh-TW"><seg>火車中午出發。</seg></tuv></tu>
	</body></tmx>
	EOF
	tmgloss import -q m.tmx &&
	id=$(unit_id "Le laboratoire ferme le vendredi.") &&
	test -n "$id" &&
	echo "$id" >lab.id
'

test_expect_success 'edit gives the unit its new translation, dated and signed' '
	id=$(cat lab.id) &&
	tmgloss edit "$id" --target "实验室周五关门。" --format=json >out &&
	grep "\"previous_id\": $id" out &&
	grep "\"target\": \"实验室周五关门。\"" out &&
	grep "\"author\": \"tester\"" out &&
	today=$(date -u +%Y%m%d) &&
	grep "\"change_date\": \"${today}T" out &&
	sed -n "s/.*\"id\": \([0-9]*\),.*/\1/p" out >new.id &&
	test "$(cat new.id)" != "$id"
'

test_expect_success 'match returns the new translation, concord never the old one' '
	tmgloss match --src fr --tgt zh --format=tsv \
		"Le laboratoire ferme le vendredi." >out &&
	grep "	实验室周五关门。	" out &&
	! grep 开门 out &&
	tmgloss concord --src zh --tgt fr 开门 >out &&
	! grep 开门 out &&
	tmgloss concord --src zh --tgt fr 关门 >out &&
	grep 关门 out &&
	tmgloss match --src fr --tgt zh --format=json \
		"Le laboratoire ferme le vendredi." >out &&
	grep "\"unit_id\": $(cat new.id)" out &&
	grep "\"author\": \"tester\"" out
'

test_expect_success 'the new translation is plain text: the old tags are gone' '
	tmgloss export -o out.tmx &&
	grep "<seg>实验室周五关门。</seg>" out.tmx &&
	! grep "<ph" out.tmx &&
	grep "changeid=\"tester\"" out.tmx
'

test_expect_success 'the old id names nothing any more' '
	test_expect_code 1 tmgloss edit "$(cat lab.id)" --target x 2>err &&
	grep "no unit has the id $(cat lab.id)" err
'

test_expect_success 'a unit with two translations needs --lang' '
	id=$(unit_id "Le train part à midi.") &&
	units before &&
	test_expect_code 1 tmgloss edit "$id" --target "火车正午出发。" 2>err &&
	grep "translations in zh-CN, zh-TW: say which one with --lang" err &&
	units after &&
	test_cmp before after &&
	test_expect_code 1 tmgloss edit "$id" --lang en --target x 2>err &&
	grep "has no translation in en" err &&
	tmgloss edit "$id" --lang zh-CN --target "火车正午出发。" \
		--author bob >out &&
	grep "by bob" out &&
	tmgloss match --src fr --tgt zh-TW --format=tsv \
		"Le train part à midi." >out &&
	grep 火車中午出發。 out &&
	tmgloss match --src fr --tgt zh-CN --format=tsv \
		"Le train part à midi." >out &&
	grep 火车正午出发。 out &&
	! grep 火车中午出发。 out
'

test_expect_success 'a note alone is set in place: the id stays' '
	id=$(cat new.id) &&
	tmgloss edit "$id" --note "vu avec le client" --format=tsv >out &&
	grep "^$id	$id	fr	.*	vu avec le client$" out &&
	tmgloss export -o out.tmx &&
	grep "<note>vu avec le client</note>" out.tmx &&
	tmgloss edit "$id" --note "" -q &&
	tmgloss export -o out.tmx &&
	! grep "<note>" out.tmx
'

test_expect_success 'usage errors: no id, a bad id, nothing to change' '
	test_expect_code 2 tmgloss edit --target x 2>err &&
	grep "give one unit id" err &&
	test_expect_code 2 tmgloss edit 1x --target x 2>err &&
	grep "is not a unit id" err &&
	test_expect_code 2 tmgloss edit 1 2>err &&
	grep "nothing to change" err &&
	test_expect_code 2 tmgloss edit 1 --target "" 2>err &&
	grep "the new translation is empty" err
'

test_expect_success 'an unknown id is an error that changes nothing' '
	units before &&
	test_expect_code 1 tmgloss edit 999 --target x 2>err &&
	grep "no unit has the id 999" err &&
	units after &&
	test_cmp before after
'

test_done
