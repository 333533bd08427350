#!/bin/sh
# check-clients.sh -- do real CAT-side readers load what `tmgloss export`
# writes?  Run by `make check-clients` (never by `make check`: it needs Java
# and Translate Toolkit, and OmegaT takes seconds to start).
#
# A memory is filled with a French -> Chinese TMX (demo/beijing-ai.fr-zh.tmx
# when the tree has it, and the hand-written sample in tests/data) and two
# real CAT tool exports (OmegaT, Swordfish), exported, then:
#   1. xmllint validates the export against the TMX 1.4b DTD;
#   2. Translate Toolkit's TMX reader (translate.storage.tmx, under Debian's
#      /usr/bin/python3) loads it: unit count, sources, targets and notes are
#      compared with the input files (tests/clients/tt-check.py);
#   3. OmegaT 3.6 in console mode, with the export in a project's tm/auto/,
#      must translate a text made of the French sentences of the input: no
#      TF_TM_LOAD_ERROR in its log (OmegaT exits 0 even then) and every
#      sentence replaced by its Chinese translation in target/.
# Output is TAP; the exit status is 0 only when every check passed.
#
# Environment: TMGLOSS (the built binary), top_srcdir (the source tree);
# both default to this tree.  Missing packages are installed with apt-get
# when run as root, else named.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
TMGLOSS=${TMGLOSS:-$top_srcdir/src/tmgloss}
PYTHON=/usr/bin/python3
OMEGAT_JAR=/usr/share/omegat/OmegaT.jar
DTD=$top_srcdir/tests/data/dtd/maxprograms-tmxvalidator/tmx14.dtd
DATA=$top_srcdir/tests/data/tmx

have_clients() {
	command -v xmllint >/dev/null 2>&1 &&
	"$PYTHON" -c 'import translate.storage.tmx' >/dev/null 2>&1 &&
	command -v java >/dev/null 2>&1 && test -r "$OMEGAT_JAR"
}

packages="translate-toolkit omegat libxml2-utils"
if ! have_clients; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "# installing $packages with apt-get"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q $packages >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 &&
		  apt-get install -y -q $packages >/dev/null 2>&1; }
	fi
	if ! have_clients; then
		echo "Bail out! the client check needs Debian packages:" \
		     "apt-get install $packages"
		exit 1
	fi
fi
if ! [ -x "$TMGLOSS" ]; then
	echo "Bail out! $TMGLOSS is not built (run make first)"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tmgloss-clients.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

count=0
failed=0
ok() {
	count=$((count + 1))
	echo "ok $count - $1"
}
not_ok() {
	count=$((count + 1))
	failed=$((failed + 1))
	echo "not ok $count - $1"
	if [ $# -gt 1 ] && [ -s "$2" ]; then
		sed -e 's/^/# /' "$2" | head -n 20
	fi
}

# ----------------------------------------------------------- the memory
frzh="$top_srcdir/tests/data/clients/beijing-ai-sample.fr-zh.tmx"
if [ -f "$top_srcdir/demo/beijing-ai.fr-zh.tmx" ]; then
	frzh="$top_srcdir/demo/beijing-ai.fr-zh.tmx $frzh"
fi
inputs="$frzh $DATA/omegat/project_save.tmx $DATA/maxprograms/tmxeditor_java_fr.tmx"
db=$work/memory.db
export_tmx=$work/export.tmx

# shellcheck disable=SC2086 # the lists are of paths without spaces
if "$TMGLOSS" --db "$db" import -q $inputs >"$work/import.log" 2>&1 &&
   "$TMGLOSS" --db "$db" export -o "$export_tmx" >"$work/export.log" 2>&1
then
	ok "tmgloss imports $(echo $inputs | wc -w) files and exports them"
else
	not_ok "tmgloss imports and exports" "$work/import.log"
	echo "1..$count"
	exit 1
fi
units=$("$TMGLOSS" --db "$db" stats --format=tsv | awk '$1 == "units" { print $2 }')

# ------------------------------------------------------------- the DTD
# The export names "tmx14.dtd" in its DOCTYPE, as CAT tools write it; a copy
# beside it keeps xmllint from warning that it cannot load the file.
cp "$DTD" "$work/tmx14.dtd"
if (cd "$work" && xmllint --nonet --noout --dtdvalid "$DTD" export.tmx) \
	>"$work/xmllint.log" 2>&1 && ! grep -q . "$work/xmllint.log"; then
	ok "the export is valid TMX 1.4b (xmllint --dtdvalid tmx14.dtd)"
else
	not_ok "the export is valid TMX 1.4b" "$work/xmllint.log"
fi

# ------------------------------------------------ Translate Toolkit
# shellcheck disable=SC2086
if "$PYTHON" -W error::UserWarning "$here/tt-check.py" "$export_tmx" \
	"$units" $inputs >"$work/tt.log" 2>&1; then
	ok "Translate Toolkit loads the $units units with the inputs' texts"
	sed -e 's/^/#   /' "$work/tt.log"
else
	not_ok "Translate Toolkit loads the export" "$work/tt.log"
fi

# ------------------------------------------------------------- OmegaT
project=$work/omegat-project
mkdir -p "$project/source" "$project/target" "$project/tm/auto" \
	"$project/glossary" "$project/dictionary" "$project/omegat" \
	"$work/home"
cat >"$project/omegat.project" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>fr-FR</source_lang>
        <target_lang>zh-CN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
EOF
# One paragraph per sentence, and no sentence segmentation: a segment is a
# sentence of the memory whatever OmegaT's segmentation rules would say.
# shellcheck disable=SC2086
"$PYTHON" "$here/tmx-pairs.py" fr zh $frzh >"$work/pairs.tsv"
cut -f1 "$work/pairs.tsv" | sed -e 'a\
' >"$project/source/article.txt"
cut -f2 "$work/pairs.tsv" >"$work/expected.txt"
cp "$export_tmx" "$project/tm/auto/tmgloss-export.tmx"

if [ "$(wc -l <"$work/pairs.tsv")" -lt 5 ]; then
	not_ok "the French -> Chinese input gives at least 5 plain sentences"
elif ! (cd "$work" && java -Djava.awt.headless=true \
	-Duser.home="$work/home" -jar "$OMEGAT_JAR" "$project" \
	--mode=console-translate) >"$work/omegat.log" 2>&1; then
	not_ok "OmegaT runs in console mode" "$work/omegat.log"
elif grep -q 'TF_TM_LOAD_ERROR' "$work/omegat.log" ||
     ! grep -q 'TMXR_INFO_READING_COMPLETE' "$work/omegat.log"; then
	grep -A5 'TF_TM_LOAD_ERROR' "$work/omegat.log" >"$work/omegat.err"
	not_ok "OmegaT loads the export from tm/auto/" "$work/omegat.err"
else
	ok "OmegaT 3.6 loads the export from tm/auto/ without an error"
	grep -v '^$' "$project/target/article.txt" >"$work/got.txt" 2>/dev/null
	if diff "$work/expected.txt" "$work/got.txt" >"$work/omegat.diff"; then
		ok "OmegaT fills the $(wc -l <"$work/expected.txt") French sentences with their Chinese translations"
	else
		not_ok "OmegaT translates every sentence from the export" \
			"$work/omegat.diff"
	fi
fi

echo "1..$count"
echo "# $((count - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
