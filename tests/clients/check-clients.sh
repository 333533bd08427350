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
#      sentence replaced by its Chinese translation in target/;
#   4. documents pre-translated from that memory and from the XLIFF files of
#      tests/data (`tmgloss pretranslate`) stay valid against the OASIS
#      XLIFF 1.2 and 2.0 schemas, are read by Translate Toolkit with the
#      same units and the filled targets, pass msgfmt -c (PO), and OmegaT
#      translates the pre-translated XLIFF (see the section below).
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
	command -v msgattrib >/dev/null 2>&1 &&
	command -v java >/dev/null 2>&1 && test -r "$OMEGAT_JAR"
}

packages="translate-toolkit omegat libxml2-utils gettext"
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

# ------------------------------------------------ pre-translated documents
# `tmgloss pretranslate` fills, from the memory above, documents made of its
# French sentences (doc-make.py: XLIFF 1.2, XLIFF 2.0 and PO, one sentence
# in three changed by a word), and every XLIFF file of tests/data/xliff from
# a memory of their own translations (--overwrite).  What it writes must
# stay valid against the OASIS schemas (tests/clients/xsd) whenever the
# input was, be read by Translate Toolkit with the same units and the
# filled targets (doc-check.py), pass msgfmt -c (PO), and be translated by
# OmegaT 3.6 in console mode.  Skipped, and said so, while the tmgloss
# being checked has no pretranslate command.
XSD=$here/xsd
XSD12S=$XSD/xliff12/xliff-core-1.2-strict.xsd
XSD12T=$XSD/xliff12/xliff-core-1.2-transitional.xsd
XSD20=$XSD/xliff20-modules.xsd

skip() {
	count=$((count + 1))
	echo "ok $count # SKIP $1"
}

# The schemas FILE is valid against, among strict and transitional 1.2 and
# 2.0 with its modules ("" when none).
valid_schemas() {
	for xsd in "$XSD12S" "$XSD12T" "$XSD20"; do
		if xmllint --noout --nonet --schema "$xsd" "$1" >/dev/null 2>&1
		then
			printf '%s ' "$(basename "$xsd")"
		fi
	done
}

# pretranslate_to IN OUT [OPTION...]: OUT from IN with the memory $db.
pretranslate_to() {
	in=$1 out=$2
	shift 2
	"$TMGLOSS" --db "$db" pretranslate "$@" -o "$out" "$in" \
		>"$out.log" 2>&1
}

# schema_check NAME IN OUT: OUT is valid against every schema IN is.
schema_check() {
	before=$(valid_schemas "$2")
	after=$(valid_schemas "$3")
	if [ -z "$before" ]; then
		not_ok "$1: the input is valid against no schema (a fault of the check)"
	elif [ "$before" = "$after" ]; then
		ok "$1 stays valid: $before"
	else
		for xsd in "$XSD12S" "$XSD12T" "$XSD20"; do
			xmllint --noout --nonet --schema "$xsd" "$3"
		done >"$work/schema.log" 2>&1
		not_ok "$1: valid against $before before, ${after:-none} after" \
			"$work/schema.log"
	fi
}

# tt_check NAME IN OUT [EXPECTED]: Translate Toolkit reads OUT as IN.
tt_check() {
	name=$1
	shift
	if "$PYTHON" -W ignore "$here/doc-check.py" "$@" >"$work/tt-doc.log" 2>&1
	then
		ok "$name: Translate Toolkit reads $(head -n 1 "$work/tt-doc.log")"
	else
		not_ok "$name: Translate Toolkit reads the output as the input" \
			"$work/tt-doc.log"
	fi
}

documents_check() {
	docs=$work/docs
	mkdir -p "$docs"
	"$PYTHON" "$here/doc-make.py" "$work/pairs.tsv" "$docs"

	# XLIFF 1.2
	if pretranslate_to "$docs/doc12.xlf" "$docs/out12.xlf"; then
		ok "pretranslate fills the XLIFF 1.2 document"
		schema_check "the pre-translated XLIFF 1.2" "$docs/doc12.xlf" \
			"$docs/out12.xlf"
		tt_check "XLIFF 1.2" "$docs/doc12.xlf" "$docs/out12.xlf" \
			"$docs/expected.tsv"
	else
		not_ok "pretranslate fills the XLIFF 1.2 document" \
			"$docs/out12.xlf.log"
	fi

	# XLIFF 2.0: Debian's Translate Toolkit (3.8) has no XLIFF 2 reader
	if pretranslate_to "$docs/doc20.xlf" "$docs/out20.xlf"; then
		ok "pretranslate fills the XLIFF 2.0 document"
		schema_check "the pre-translated XLIFF 2.0 (with its modules)" \
			"$docs/doc20.xlf" "$docs/out20.xlf"
		if "$PYTHON" -c 'import translate.storage.xliff2' 2>/dev/null
		then
			tt_check "XLIFF 2.0" "$docs/doc20.xlf" "$docs/out20.xlf" \
				"$docs/expected.tsv"
		else
			skip "Translate Toolkit $("$PYTHON" -c 'import translate.__version__ as v; print(v.sver)') has no XLIFF 2 reader"
		fi
	else
		not_ok "pretranslate fills the XLIFF 2.0 document" \
			"$docs/out20.xlf.log"
	fi

	# PO: msgfmt -c, the fuzzy messages with their previous msgid as
	# msgattrib sees them, pypo
	if pretranslate_to "$docs/doc.po" "$docs/out.po" --src fr; then
		ok "pretranslate fills the PO document"
		if msgfmt -c -o /dev/null "$docs/out.po" >"$work/msgfmt.log" 2>&1
		then
			ok "msgfmt -c takes the pre-translated PO file"
		else
			not_ok "msgfmt -c takes the pre-translated PO file" \
				"$work/msgfmt.log"
		fi
		fuzzy=$(msgattrib --only-fuzzy --no-wrap "$docs/out.po" 2>&1 |
			grep -c '^msgid "[^"]')
		previous=$(msgattrib --only-fuzzy --no-wrap "$docs/out.po" 2>&1 |
			grep -c '^#| msgid "[^"]')
		if [ "$fuzzy" -gt 0 ] && [ "$fuzzy" = "$previous" ]; then
			ok "msgattrib finds $fuzzy fuzzy messages, each with its previous msgid"
		else
			msgattrib --only-fuzzy "$docs/out.po" >"$work/fuzzy.log" 2>&1
			not_ok "msgattrib finds the fuzzy messages with their previous msgid ($fuzzy fuzzy, $previous #| msgid)" \
				"$work/fuzzy.log"
		fi
		tt_check "PO" "$docs/doc.po" "$docs/out.po" "$docs/expected.tsv"
	else
		not_ok "pretranslate fills the PO document" "$docs/out.po.log"
	fi

	# The corpus's XLIFF files, from a memory of their own translations.
	corpus_db=$work/corpus.db
	xliffs=$(find "$top_srcdir/tests/data/xliff" -type f \
		\( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' \
		   -o -name '*.mqxliff' \) | LC_ALL=C sort)
	for f in $xliffs; do
		"$TMGLOSS" --db "$corpus_db" import -q "$f" >/dev/null 2>&1
	done
	checked=0 bad=0 tt=0 refused=0 nolang=0 changed=0
	: >"$work/corpus.log"
	for f in $xliffs; do
		before=$(valid_schemas "$f")
		[ -n "$before" ] || continue
		checked=$((checked + 1))
		out=$docs/corpus-$checked.xlf
		# a file that names no target language is filled in French
		if ! "$TMGLOSS" --db "$corpus_db" pretranslate --overwrite \
			-o "$out" "$f" >"$out.log" 2>&1 &&
		   ! { grep -q -e '--tgt' "$out.log" &&
		       "$TMGLOSS" --db "$corpus_db" pretranslate --overwrite \
			--tgt fr -o "$out" "$f" >"$out.log" 2>&1; }; then
			# valid against the schemas, invalid by the rules of
			# its suite: refused with its line is right
			case $f in
			*invalid*)
				if grep -q -F "$f:" "$out.log"; then
					refused=$((refused + 1))
					continue
				fi ;;
			esac
			if grep -q 'the memory has no text in' "$out.log"; then
				nolang=$((nolang + 1))
				continue
			fi
			bad=$((bad + 1))
			{ echo "$f: pretranslate failed"; head -n 3 "$out.log"; } \
				>>"$work/corpus.log"
			continue
		fi
		cmp -s "$f" "$out" || changed=$((changed + 1))
		after=$(valid_schemas "$out")
		if [ "$before" != "$after" ]; then
			bad=$((bad + 1))
			echo "$f: valid against $before, after: ${after:-none}" \
				>>"$work/corpus.log"
			continue
		fi
		case $before in *2.0*|*modules*) ;; *)
			# Translate Toolkit reads XLIFF 1.x: the same units
			if "$PYTHON" -W ignore "$here/doc-check.py" "$f" "$f" \
				>/dev/null 2>&1; then
				tt=$((tt + 1))
				if ! "$PYTHON" -W ignore "$here/doc-check.py" "$f" \
					"$out" >"$work/tt-doc.log" 2>&1; then
					bad=$((bad + 1))
					{ echo "$f: Translate Toolkit:"
					  cat "$work/tt-doc.log"; } >>"$work/corpus.log"
				fi
			fi
		esac
	done
	written=$((checked - refused - nolang))
	if [ "$written" -gt 0 ] && [ "$bad" -eq 0 ]; then
		ok "the $written schema-valid XLIFF files of tests/data pretranslate --overwrite writes ($changed with segments filled) stay valid; Translate Toolkit reads $tt of them as before ($refused refused with their line, invalid by their suite's rules; $nolang in a language the memory lacks)"
	else
		not_ok "the schema-valid XLIFF files of tests/data stay valid after pretranslate --overwrite ($bad of $checked wrong)" \
			"$work/corpus.log"
	fi

	# OmegaT: a project whose source is the pre-translated XLIFF 1.2
	if ! [ -s "$docs/out12.xlf" ]; then
		not_ok "OmegaT translates the pre-translated XLIFF (no output to give it)"
		return
	fi
	project2=$work/omegat-docs
	mkdir -p "$project2/source" "$project2/target" "$project2/tm" \
		"$project2/glossary" "$project2/dictionary" "$project2/omegat"
	cp "$project/omegat.project" "$project2/"
	cp "$docs/out12.xlf" "$project2/source/article.xlf"
	doc_units=$(grep -c "<trans-unit" "$docs/out12.xlf")
	if ! (cd "$work" && java -Djava.awt.headless=true \
		-Duser.home="$work/home" -jar "$OMEGAT_JAR" "$project2" \
		--mode=console-translate) >"$work/omegat-docs.log" 2>&1; then
		not_ok "OmegaT translates the pre-translated XLIFF in console mode" \
			"$work/omegat-docs.log"
	elif grep -q ': Error: ' "$work/omegat-docs.log" ||
	     ! grep -q 'Loading: article.xlf' "$work/omegat-docs.log"; then
		grep -A5 -e ': Error: ' -e 'Loading' "$work/omegat-docs.log" \
			>"$work/omegat.err"
		not_ok "OmegaT loads the pre-translated XLIFF without an error" \
			"$work/omegat.err"
	elif ! xmllint --noout --nonet "$project2/target/article.xlf" \
		>"$work/omegat.err" 2>&1 ||
	     [ "$(grep -c '<trans-unit' "$project2/target/article.xlf")" != "$doc_units" ]
	then
		not_ok "OmegaT writes the translated XLIFF with its $doc_units units" \
			"$work/omegat.err"
	else
		ok "OmegaT 3.6 translates the pre-translated XLIFF without an error: target/article.xlf, $doc_units units"
	fi
}

if "$TMGLOSS" pretranslate --help >/dev/null 2>&1; then
	documents_check
else
	skip "pre-translated documents: $TMGLOSS has no pretranslate command (yet)"
fi

# ------------------------------------------------ the tmserver API
# Translate Toolkit's own expectations of a tmserver (its
# translate/services/test_tmserver.py): the memory holds a PO file's
# "Hello" -> "Ahoj" (en -> cs), and a real HTTP client (Python's urllib,
# as the test uses) GETs /en/cs/unit/Hello/ and finds "Ahoj" first; then
# a unit PUT as a tmserver client stores one, and amaGama's
# min_similarity and max_candidates are honoured.
tmserver_check() {
	db="$work/tmserver.db"
	log="$work/tmserver.log"
	head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/token"
	"$TMGLOSS" --db "$db" serve --listen 127.0.0.1:0 \
		--token-file "$work/token" 2>"$log" &
	server=$!
	trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
	port=
	i=0
	while [ -z "$port" ] && [ $i -lt 100 ] && kill -0 $server 2>/dev/null
	do
		sleep 0.1
		port=$(sed -n 's|^tmgloss: serving .* on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
		i=$((i + 1))
	done
	if [ -z "$port" ]; then
		not_ok "tmgloss serve starts" "$log"
		return
	fi
	printf 'msgid "Hello"\nmsgstr "Ahoj"\n' >"$work/test.po"
	if "$PYTHON" - "$port" "$work/token" "$work/test.po" \
		>"$work/tmserver.out" 2>&1 <<'PY'
import json, sys
from urllib.request import Request, urlopen

port, token = sys.argv[1], open(sys.argv[2]).read().strip()
base = "http://localhost:%s" % port
auth = {"Authorization": "Bearer " + token}

def get(path):
    return json.loads(urlopen(base + path).read().decode("utf-8"))

# the PO file, as TMServer(tmfiles=[po_file], source_lang="en",
# target_lang="cs") loads it
with open(sys.argv[3], "rb") as f:
    urlopen(Request(base + "/api/v1/import?src=en&tgt=cs&origin=test.po",
                    data=f.read(), headers=auth, method="POST"))
# test_tmserver.py's test_server, word for word
payload = get("/en/cs/unit/Hello/")
assert payload[0]["target"] == "Ahoj", payload
assert set(payload[0]) == {"source", "target", "context", "quality"}
# a client adding a unit, as Virtaal's tmserver plugin does
body = json.dumps({"source": "Hello world", "target": "Ahoj svete"})
urlopen(Request(base + "/tmserver/en/cs/unit/Hello%20world",
                data=body.encode(), headers=auth, method="PUT"))
payload = get("/tmserver/en/cs/unit/Hello%20world")
assert payload[0] == {"source": "Hello world", "target": "Ahoj svete",
                      "context": "", "quality": 100}, payload
assert len(get("/en/cs/unit/Hello%20world?min_similarity=40")) == 2
assert len(get("/en/cs/unit/Hello%20world?min_similarity=40"
               "&max_candidates=1")) == 1
print("ok")
PY
	then
		ok "Translate Toolkit's tmserver expectations through urllib: Hello -> Ahoj, PUT, min_similarity, max_candidates"
	else
		not_ok "Translate Toolkit's tmserver expectations through urllib" \
			"$work/tmserver.out"
	fi
	kill -TERM $server
	wait $server || not_ok "tmgloss serve exits 0 on SIGTERM" "$log"
}

if "$TMGLOSS" serve --help >/dev/null 2>&1; then
	tmserver_check
else
	skip "tmserver API: $TMGLOSS has no serve command (yet)"
fi

echo "1..$count"
echo "# $((count - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
