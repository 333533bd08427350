#!/bin/sh
# demo.sh -- set tmgloss up on a fresh Debian or Ubuntu machine and run the
# demo: install the build dependencies that are missing (apt-get), build in
# place, then load the demo memory and the shipped AI glossary into the
# default memory and show what tmgloss does with them.
#
# Usage: ./demo.sh            (as root, or as a user who may run sudo)
set -eu
cd "$(dirname "$0")"

packages="build-essential autoconf automake autopoint gettext
pkg-config libicu-dev libsqlite3-dev libxml2-dev libstemmer-dev
libxml2-utils sqlite3 python3"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "== installing:$missing"
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi

if [ ! -x src/tmgloss ]; then
	echo "== building"
	[ -x configure ] || autoreconf -fi
	[ -f Makefile ] || ./configure
	make -j"$(nproc)"
fi

# The demo runs the freshly built program from the source tree.
tmgloss() {
	./src/tmgloss "$@"
}
step() {
	echo
	echo "== tmgloss $*"
	tmgloss "$@"
}

step import demo/beijing-ai.fr-zh.tmx glossaries/ai.fr-zh.tbx
step stats
step match --src fr --tgt zh "Beijing abrite 25 laboratoires clés nationaux."
step concord --src fr --tgt zh --max 3 "intelligence incarnée"
echo
echo "== tmgloss terms -f demo/paragraph.fr.txt"
cat demo/paragraph.fr.txt
tmgloss terms -f demo/paragraph.fr.txt
echo
echo "== tmgloss terms -f demo/paragraph.zh.txt"
cat demo/paragraph.zh.txt
tmgloss terms -f demo/paragraph.zh.txt
step suggest --max 3 "intelligence incarnée"
