#!/bin/sh
# check-layers.sh SRCDIR -- check the layer rule of doc/DESIGN.md over the
# #include lines of SRCDIR (the src/ folder): a file includes only
#   - the public headers of its own layer and of the layers below it,
#   - private headers of its own layer,
#   - the few engine-private headers the table below opens to the layers
#     above (never to the command line);
# and only the libraries its layer may use.  Prints one line per fault,
# "FILE:LINE: why", and exits 1 if there is any, 0 otherwise.
#
# Layers, bottom to top: base text formats store index search cli.
# Public headers: every header of base/, text/text.h, formats/formats.h,
# store/store.h, index/index.h, search/search.h, and tmgloss.h (all of
# them, for the command line).  Any other header of a layer is private to
# it, except:
#   store/db.h           for index/ and search/ (the engine's own SQL)
#   index/fuzzy-index.h  for search/ (reading the fuzzy index)
#   index/suggest-index.h for search/ (reading the translation index)
set -u
src=${1:?usage: check-layers.sh SRCDIR}
cd "$src" || exit 2

find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort |
while read -r file; do
	awk -v file="$file" '
	BEGIN {
		split("base text formats store index search cli", names, " ")
		for (i = 1; i <= 7; i++) rank[names[i]] = i
		public["text/text.h"] = public["formats/formats.h"] = 1
		public["store/store.h"] = public["index/index.h"] = 1
		public["search/search.h"] = 1
		opened["store/db.h"] = "index search"
		opened["index/fuzzy-index.h"] = "search"
		opened["index/suggest-index.h"] = "search"
		# libraries a layer may not use (its own and those above may)
		lib["unicode/"] = "text"; lib["libstemmer.h"] = "text"
		lib["libxml/"] = "formats"; lib["sqlite3.h"] = "store"
		lib["gettext-po.h"] = "formats"
		layer = file; sub("/.*", "", layer)
		if (!(layer in rank)) layer = "umbrella"
		dir = file; sub("/[^/]*$", "", dir)
	}
	function fault(why) {
		printf "%s:%d: %s\n", file, FNR, why
		bad = 1
	}
	/^[ \t]*#[ \t]*include[ \t]*</ {
		h = $0; sub(/^[^<]*</, "", h); sub(/>.*/, "", h)
		for (l in lib) {
			if (index(h, l) != 1) continue
			if (layer != "umbrella" && rank[layer] < rank[lib[l]])
				fault(sprintf("<%s> in %s/: only %s/ and above may use it", h, layer, lib[l]))
			if (layer == "cli" && l == "sqlite3.h")
				fault("<sqlite3.h> in cli/: the command line goes through the store")
		}
		next
	}
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		h = $0; sub(/^[^"]*"/, "", h); sub(/".*/, "", h)
		if (h == "config.h") next
		if (index(h, "/") == 0) {
			if (h == "tmgloss.h") {
				if (layer != "cli" && file != "tmgloss.h")
					fault("tmgloss.h is the command line'"'"'s header; the engine includes its layers'"'"' headers")
				next
			}
			if (dir != file) h = dir "/" h   # a header beside the file
		}
		hl = h; sub("/.*", "", hl)
		if (!(hl in rank) || hl == "cli") {
			if (hl == "cli" && layer == "cli") next
			fault(sprintf("\"%s\": not a header of a layer", h)); next
		}
		if (layer == "umbrella") {
			if (!(h in public) && hl != "base")
				fault(sprintf("\"%s\" is private to %s/", h, hl))
			next
		}
		if (rank[hl] > rank[layer]) {
			fault(sprintf("\"%s\" reaches up from %s/ to %s/", h, layer, hl)); next
		}
		if (hl == layer || hl == "base" || (h in public)) next
		if ((h in opened) && index(" " opened[h] " ", " " layer " ")) next
		fault(sprintf("\"%s\" is private to %s/", h, hl))
	}
	# No SQLite type in a public header.
	/sqlite3/ && (file == "tmgloss.h" || (file in public) ||
	    (layer == "base" && file ~ /\.h$/)) {
		fault("SQLite in a public header")
	}
	END { exit bad }
	' "$file" || echo FAIL
done | awk '/^FAIL$/ { n++; next } { print } END { exit n > 0 }'
