#!/bin/sh
# demo.sh -- set tmgloss up on a fresh Debian or Ubuntu machine and run the
# demo: install the build dependencies that are missing (apt-get), build in
# place (make runs every time, so the demo never runs a stale program),
# then load the demo memory and the shipped AI glossary into a memory of
# the demo's own, demo/work/demo.db, made afresh at each run, and show what
# tmgloss does with them.  The user's own memory is never opened.
#
# Usage: ./demo.sh            (as root, as a user who may run sudo, or as
#                              anyone once the packages are installed)
set -eu
cd "$(dirname "$0")"

packages="build-essential autoconf automake autopoint gettext
pkg-config libicu-dev libsqlite3-dev libxml2-dev zlib1g-dev libgettextpo-dev libstemmer-dev
libxml2-utils sqlite3 python3"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		echo "demo.sh: these packages are missing:$missing" >&2
		echo "demo.sh: you are not root and sudo is not installed;" \
		     "as root, run:" >&2
		echo "    apt-get update && apt-get install -y$missing" >&2
		echo "demo.sh: then run ./demo.sh again (as yourself)." >&2
		exit 1
	fi
	echo "== installing:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

# make every time: quiet when the program is up to date, and it rebuilds a
# program older than its sources
[ -x configure ] || { echo "== autoreconf"; autoreconf -fi; }
[ -f Makefile ] || { echo "== configure"; ./configure -q; }
make -s -j"$(nproc)" >/dev/null

db=demo/work/demo.db
rm -rf demo/work
mkdir -p demo/work
echo "== the demo's memory is $db, made afresh at each run;"
echo "== your own memory (--db, \$TMGLOSS_DB or" \
     "~/.local/share/tmgloss/memory.db) is not touched."

# The demo runs the freshly built program from the source tree.
tmgloss() {
	./src/tmgloss --db "$db" "$@"
}
step() {
	echo
	echo "== tmgloss --db $db $*"
	tmgloss "$@"
}

step import demo/beijing-ai.fr-zh.tmx glossaries/ai.fr-zh.tbx
step stats
step match --src fr --tgt zh "Beijing abrite 25 laboratoires clés nationaux."
step concord --src fr --tgt zh --max 3 "intelligence incarnée"
echo
echo "== tmgloss --db $db terms -f demo/paragraph.fr.txt"
cat demo/paragraph.fr.txt
tmgloss terms -f demo/paragraph.fr.txt
echo
echo "== tmgloss --db $db terms -f demo/paragraph.zh.txt"
cat demo/paragraph.zh.txt
tmgloss terms -f demo/paragraph.zh.txt
step suggest --max 3 "intelligence incarnée"
echo
echo "== done.  Try more with ./src/tmgloss --db $db COMMAND;"
echo "== rm -r demo/work removes the demo's memory."
