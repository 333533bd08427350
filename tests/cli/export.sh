#!/bin/sh
# tmgloss export: TMX 1.4b that is valid, lossless and filtered on demand.
. "$top_srcdir/tests/cli/test-lib.sh"

DTD="$DATA/dtd/maxprograms-tmxvalidator/tmx14.dtd"

# everything but the header's creationdate, which is the export's own time
strip_header () {
	sed 's/<header [^>]*>//' "$1"
}

# Heartsome's two UTF-16 files carry <ph id="1">, which TMX 1.4b does not
# allow: the export leaves such attributes out and says so.  Every other
# corpus file must survive the round trip unchanged.
test_expect_success 'setup: the corpus in one memory' '
	for f in "$DATA"/tmx/*/*; do
		case "$f" in *heartsome/utf-16be.tmx|*heartsome/UTF-16LE.TMX) continue;; esac
		tmgloss import -q "$f" 2>>err || return 1
	done &&
	tmgloss stats --format=tsv | grep "^units	" | grep -v "	0$"
'

test_expect_success XMLLINT 'attributes TMX 1.4b forbids are left out, with a warning' '
	tmgloss --db h.db import -q "$DATA/tmx/heartsome/UTF-16LE.TMX" &&
	tmgloss --db h.db export -o h.tmx 2>err &&
	grep "1 attribute or element not allowed by TMX 1.4b was left out" err &&
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" h.tmx
'

test_expect_success 'export everything' '
	tmgloss export -o all.tmx 2>err &&
	grep "all.tmx: 883 units written" err
'

test_expect_success XMLLINT 'the export is valid TMX 1.4b (xmllint --dtdvalid)' '
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" all.tmx
'

test_expect_success 'the header carries every required attribute' '
	grep "<header creationtool=\"tmgloss\" creationtoolversion=\"[^\"]*\" segtype=\"sentence\" o-tmf=\"tmgloss\" adminlang=\"en\" srclang=\"\*all\*\" datatype=\"plaintext\" creationdate=\"[0-9]\{8\}T[0-9]\{6\}Z\"" all.tmx
'

test_expect_success 'import → export → import → export gives the same file' '
	tmgloss --db again.db import -q all.tmx &&
	tmgloss --db again.db export -o again.tmx 2>err &&
	strip_header all.tmx >a && strip_header again.tmx >b && test_cmp a b
'

test_expect_success SQLITE3 'the round trip keeps units, variants, markup, props and notes' '
	sqlite3 "$TMGLOSS_DB" "select count(*), sum(length(text)), sum(length(markup)), sum(length(v.attrs)), sum(length(v.notes)) from variants v" >a &&
	sqlite3 again.db "select count(*), sum(length(text)), sum(length(markup)), sum(length(v.attrs)), sum(length(v.notes)) from variants v" >b &&
	test_cmp a b &&
	sqlite3 "$TMGLOSS_DB" "select count(*), sum(length(notes)), sum(length(attrs)) from units" >a &&
	sqlite3 again.db "select count(*), sum(length(notes)), sum(length(attrs)) from units" >b &&
	test_cmp a b
'

test_expect_success 'inline tags are exported as TMX elements' '
	grep "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>" all.tmx &&
	grep "ALT=&quot;<sub>Start Here!</sub>&quot;&gt;</ph>" all.tmx
'

test_expect_success 'dates are written as YYYYMMDDThhmmssZ' '
	grep -q "changedate=\"" all.tmx &&
	! grep -o "changedate=\"[^\"]*\"" all.tmx | grep -v "changedate=\"[0-9]\{8\}T[0-9]\{6\}Z\""
'

test_expect_success '--src/--tgt keep one pair, source variant first' '
	tmgloss export --src en --tgt zh -o en-zh.tmx 2>err &&
	test $(grep -c "<tu[ >]" en-zh.tmx) -eq 316 &&
	! grep "xml:lang=\"fr" en-zh.tmx
'

test_expect_success XMLLINT 'the one-pair export is valid TMX 1.4b' '
	"$XMLLINT" --noout --nonet --dtdvalid "$DTD" en-zh.tmx
'

test_expect_success '--src reverses the direction: zh first' '
	tmgloss export --src zh-CN --tgt en -o zh-en.tmx 2>err &&
	grep "srclang=\"zh-CN\"" zh-en.tmx &&
	grep -o "<tu[^>]*><tuv xml:lang=\"[^\"]*\"" zh-en.tmx | grep -v "xml:lang=\"zh" | grep -v "srclang" | head -1 >bad &&
	! test -s bad
'

test_expect_success '--origin exports the units of one file with its header notes' '
	tmgloss export --origin header_with_prop_and_note.tmx -o one.tmx 2>err &&
	test $(grep -c "<tu[ >]" one.tmx) -eq 1 &&
	grep "<header[^>]*><prop" one.tmx
'

test_expect_success 'an unknown --origin is an error' '
	test_expect_code 1 tmgloss export --origin nothing.tmx -o x.tmx 2>err &&
	grep "nothing.tmx" err && ! test -e x.tmx &&
	test $(wc -l <err) -eq 1
'

# A small memory for the language filters: fr-FR→zh-CN, zh-CN→fr-FR,
# en with both, and en→es (neither French nor Chinese).
test_expect_success 'setup: a French-Chinese memory' '
	cat >fz.tmx <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<tmx version="1.4"><header creationtool="t" creationtoolversion="1"
	 segtype="sentence" o-tmf="t" adminlang="en" srclang="*all*"
	 datatype="plaintext"/><body>
	<tu srclang="fr-FR"><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>
	 <tuv xml:lang="zh-CN"><seg>你好</seg></tuv></tu>
	<tu srclang="zh-CN"><tuv xml:lang="zh-CN"><seg>谢谢</seg></tuv>
	 <tuv xml:lang="fr-FR"><seg>Merci</seg></tuv></tu>
	<tu srclang="en"><tuv xml:lang="en"><seg>cat</seg></tuv>
	 <tuv xml:lang="fr-FR"><seg>chat</seg></tuv>
	 <tuv xml:lang="zh-CN"><seg>猫</seg></tuv></tu>
	<tu srclang="en"><tuv xml:lang="en"><seg>dog</seg></tuv>
	 <tuv xml:lang="es"><seg>perro</seg></tuv></tu>
	</body></tmx>
	EOF
	tmgloss --db fz.db import -q fz.tmx
'

# the number of units in a TMX file, and of its variants in `lang`
count_tu () {
	grep -c "<tu[ >]" "$1"
}
count_tuv () {
	grep -c "<tuv xml:lang=\"$2\"" "$1"
}
# the units whose first variant, their source, is in `lang`
count_first () {
	grep -c "<tu[^>]*><tuv xml:lang=\"$2\"" "$1"
}

test_expect_success '--src fr-FR exports the units with French, all their variants' '
	tmgloss --db fz.db export --src fr-FR -o fr.tmx 2>err &&
	grep "fr.tmx: 3 units written" err &&
	test $(count_tu fr.tmx) -eq 3 &&
	test $(count_tuv fr.tmx fr-FR) -eq 3 &&
	test $(count_tuv fr.tmx zh-CN) -eq 3 &&
	test $(count_tuv fr.tmx en) -eq 1 &&
	test $(count_first fr.tmx fr-FR) -eq 3 &&
	! grep perro fr.tmx
'

test_expect_success '--src zh and --tgt zh export every unit with Chinese' '
	tmgloss --db fz.db export --src zh -o zh.tmx 2>err &&
	test $(count_tu zh.tmx) -eq 3 &&
	test $(count_tuv zh.tmx fr-FR) -eq 3 &&
	test $(count_first zh.tmx zh-CN) -eq 3 &&
	tmgloss --db fz.db export --tgt zh -o tgt-zh.tmx 2>err &&
	test $(count_tu tgt-zh.tmx) -eq 3 &&
	test $(count_tuv tgt-zh.tmx fr-FR) -eq 3 &&
	test $(grep -c "<tu srclang=\"fr-FR\"" tgt-zh.tmx) -eq 1
'

test_expect_success '-o - --src fr writes the units to standard output' '
	tmgloss --db fz.db export -o - --src fr >out.tmx 2>err &&
	test $(count_tu out.tmx) -eq 3 &&
	test $(count_tuv out.tmx zh-CN) -eq 3 &&
	! test -s err
'

test_expect_success 'a --src export imports again with the same units' '
	tmgloss --db rt.db import fr.tmx >out &&
	tmgloss --db rt.db stats --format=tsv | grep -x "units	3" &&
	tmgloss --db rt.db export -o rt.tmx 2>err &&
	strip_header fr.tmx >a && strip_header rt.tmx >b && test_cmp a b
'

test_expect_success '--src and --tgt together: the units with both, that pair only' '
	tmgloss --db fz.db export --src en --tgt zh -o en-zh.tmx 2>err &&
	test $(count_tu en-zh.tmx) -eq 1 &&
	test $(count_tuv en-zh.tmx fr-FR) -eq 0 &&
	tmgloss --db fz.db export --src fr --tgt zh -o fr-zh.tmx 2>err &&
	test $(count_tu fr-zh.tmx) -eq 3 &&
	! grep "xml:lang=\"en\"" fr-zh.tmx
'

test_expect_success 'a language no unit has: a warning, exit 1, no file' '
	test_expect_code 1 tmgloss --db fz.db export --src de -o de.tmx 2>err &&
	grep -x "tmgloss: warning: no unit has a variant in de" err &&
	! test -e de.tmx && ! ls de.tmx.tmp-* &&
	test_expect_code 1 tmgloss --db fz.db export --tgt de -o - >out 2>err &&
	grep -x "tmgloss: warning: no unit has a variant in de" err &&
	! test -s out &&
	test_expect_code 1 tmgloss --db fz.db export --src es --tgt zh -o es.tmx 2>err &&
	grep -x "tmgloss: warning: no unit has variants in both es and zh" err &&
	! test -e es.tmx
'

# a file whose units were all in the memory already is an origin of none
test_expect_success 'a known origin that selects nothing: the same warning' '
	test_expect_code 1 tmgloss --db fz.db export --origin fz.tmx --src de -o de.tmx 2>err &&
	grep -x "tmgloss: warning: no unit has a variant in de" err &&
	! test -e de.tmx &&
	cp fz.tmx again.tmx &&
	tmgloss --db fz.db import again.tmx >out &&
	grep "0 added" out &&
	test_expect_code 1 tmgloss --db fz.db export --origin again.tmx -o again-out.tmx 2>err &&
	grep -x "tmgloss: warning: no unit comes from .again.tmx." err &&
	! test -e again-out.tmx
'

test_expect_success 'an empty memory still exports an empty TMX' '
	tmgloss --db empty.db gloss add chat 猫 --src fr --tgt zh >out &&
	tmgloss --db empty.db export -o empty.tmx 2>err &&
	grep "empty.tmx: 0 units written" err &&
	grep "<body" empty.tmx
'

test_expect_success 'a bad language tag is a usage error' '
	test_expect_code 2 tmgloss export --src "fr FR" -o x.tmx 2>err
'

test_expect_success 'export without -o is a usage error' '
	test_expect_code 2 tmgloss export 2>err && grep -- "-o" err
'

test_expect_success 'an export to an unwritable place fails and leaves nothing' '
	test_expect_code 1 tmgloss export -o /nonexistent/dir/x.tmx 2>err &&
	grep "/nonexistent/dir/x.tmx" err
'

test_expect_success 'a folder that does not exist is said once, in one line' '
	tmgloss --db nodir.db import -q "$DATA/good-two.tmx" &&
	test_expect_code 1 tmgloss --db nodir.db export -o /nonexistent/dir/x.tmx 2>err &&
	echo "tmgloss: /nonexistent/dir/x.tmx: No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'one unit written is singular' '
	sed "/<\/tu>/q" "$DATA/good-two.tmx" >one.tmx &&
	echo "</body></tmx>" >>one.tmx &&
	tmgloss --db one.db import -q one.tmx &&
	tmgloss --db one.db export -o one-out.tmx 2>err &&
	grep -x "one-out.tmx: 1 unit written" err
'

# big_tmx N: a TMX of N units, fr and zh.
big_tmx () {
	awk -v n="$1" 'BEGIN {
		print "<tmx version=\"1.4\"><header srclang=\"fr\"/><body>"
		for (i = 0; i < n; i++)
			printf "<tu><tuv xml:lang=\"fr\"><seg>phrase %d</seg></tuv>" \
			    "<tuv xml:lang=\"zh\"><seg>句子 %d</seg></tuv></tu>\n", i, i
		print "</body></tmx>"
	}'
}

# 100,000 units: an export long enough to be interrupted while it writes.
test_expect_success 'Ctrl-C during an export removes the temporary file' '
	big_tmx 100000 >big.tmx &&
	tmgloss --db big.db import -q big.tmx &&
	{ timeout 60 tmgloss --db big.db export -o big-out.tmx 2>err & } &&
	pid=$! && n=0 &&
	while ! ls big-out.tmx.tmp-* >/dev/null 2>&1 && [ $n -lt 3000 ]; do
		sleep 0.01; n=$((n + 1))
	done &&
	kill -INT $pid &&
	{ wait $pid; status=$?; } &&
	echo "$status" >status && echo 130 >expect && test_cmp expect status &&
	echo "tmgloss: interrupted; what was under way was undone" >expect &&
	test_cmp expect err &&
	! ls big-out.tmx* 2>/dev/null
'

test_lazy_prereq MKNOD '
	mknod full c 1 7 && test -c full
'
test_lazy_prereq MKFIFO '
	mkfifo fifo && test -p fifo
'
test_lazy_prereq DEV_FULL '
	test -c /dev/full && ! echo x >/dev/full
'
test_lazy_prereq PROC_FD '
	test -e /proc/self/fd/1
'

# export -o PATH: what is at PATH and how standard output is written
# (issue 15), from a memory of its own.
TMGLOSS_DB=$PWD/paths.db
export TMGLOSS_DB

test_expect_success 'setup: a memory of its own, and its export' '
	tmgloss import -q "$DATA/tmx/heartsome/ImportTMXTest.tmx" &&
	tmgloss export -o ref.tmx 2>err &&
	grep "ref.tmx: 314 units written" err
'

# --- export -o PATH: only a regular file (or nothing) is replaced

# A device made here, never the system's /dev/full: a regression would
# replace it with a file.
test_expect_success MKNOD 'export into a character device writes into it and leaves it a device' '
	mknod full c 1 7 &&
	test_expect_code 1 tmgloss export -o full 2>err &&
	test -c full &&
	grep "^tmgloss: full: cannot write the TMX file: " err &&
	! ls full.tmp-* 2>/dev/null
'

test_expect_success MKFIFO 'export into a FIFO gives its reader the whole TMX' '
	mkfifo pipe &&
	{ timeout 60 cat pipe >got & } &&
	timeout 60 tmgloss export -o pipe 2>err &&
	wait &&
	test -p pipe &&
	strip_header ref.tmx >expect && strip_header got >actual &&
	test_cmp expect actual
'

test_expect_success 'export through a symbolic link writes its target; the link stays' '
	echo old >target.tmx &&
	ln -s target.tmx link.tmx &&
	tmgloss export -o link.tmx 2>err &&
	test -h link.tmx &&
	test "$(readlink link.tmx)" = target.tmx &&
	strip_header ref.tmx >expect && strip_header target.tmx >actual &&
	test_cmp expect actual &&
	! ls ./*.tmp-* 2>/dev/null
'

test_expect_success 'a symbolic link to another folder: the file there, no temporary file left' '
	mkdir elsewhere &&
	echo old >elsewhere/t.tmx &&
	ln -s elsewhere/t.tmx far.tmx &&
	tmgloss export -o far.tmx &&
	test -h far.tmx &&
	strip_header ref.tmx >expect && strip_header elsewhere/t.tmx >actual &&
	test_cmp expect actual &&
	test "$(ls elsewhere)" = t.tmx
'

test_expect_success PROC_FD 'export -o /proc/self/fd/1 writes into standard output' '
	tmgloss export -o /proc/self/fd/1 2>err | cat >got &&
	strip_header ref.tmx >expect && strip_header got >actual &&
	test_cmp expect actual
'

# --- standard output: the descriptor the shell gave, errors seen

test_expect_success 'export -o - >> FILE appends' '
	echo first >both &&
	tmgloss export -o - >>both &&
	test "$(head -n 1 both)" = first &&
	test "$(sed -n 2p both)" = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
'

test_expect_success 'gloss export -o - >> FILE appends (the TBX writer too)' '
	tmgloss gloss add chat 猫 --src fr --tgt zh >/dev/null &&
	echo first >tbx &&
	tmgloss gloss export -o - >>tbx &&
	test "$(head -n 1 tbx)" = first &&
	grep "<term>猫</term>" tbx
'

test_expect_success DEV_FULL 'export -o - on a full disk exits 1 and names standard output' '
	test_expect_code 1 tmgloss export -o - >/dev/full 2>err &&
	grep "^tmgloss: -: cannot write the TMX file: " err &&
	! grep "I/O error" err
'

test_done
