#!/bin/sh
# bench/terms.sh -- speed of term recognition (tmgloss terms).
#
# Generates a glossary of 100,000 French-Chinese concepts (TSV with a header
# row; terms of two to four made-up French words, one in ten a single
# word, drawn from 60,000 words) and French text of 0.25, 0.5 and 1 MB:
# made-up filler words (Zipf-distributed, as in prose) with glossary terms
# inserted (a third of them inflected: plural; drawn uniformly, the worst
# case for the finder's caches), so that TERM_SHARE (default 0.1: one word
# in ten, as in a technical text) of the words belong to a term.  The
# filler words begin with a consonant cluster (bl, cr, st ...) no term word
# begins with, so that, stemmed or not, they are never terms by accident
# and the share of words in terms is the one asked.  DENSE=1 writes the
# text of the first version of this script instead: filler drawn uniformly
# from the words of the terms, so that 97 % of the words are found in terms
# (119,000 hits per MB, most of them single-word terms met by chance): the
# worst case, kept to compare with the earlier figures.
#
# Imports the glossary, then times `tmgloss terms` on each text (whole
# process: start-up, index load, find, output) and, when the build tree has
# it, bench/terms-bench (the finder alone: term_finder_open apart from
# term_finder_find).  Prints the hit density and MB/s per size: the rate
# should stay flat as the text grows (the finder is linear in the text).
#
#   bench/terms.sh [TMGLOSS]     (default: src/tmgloss of the build tree)
#   TERM_SHARE=0.1 DENSE=0 CONCEPTS=100000 KEEP=1 (keep the files)
#
# Never part of make check.  Needs awk; writes in a temporary directory.
set -eu
TMGLOSS=${1:-${TMGLOSS:-src/tmgloss}}
CONCEPTS=${CONCEPTS:-100000}
TERM_SHARE=${TERM_SHARE:-0.1}
DENSE=${DENSE:-0}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/tmgloss-bench.XXXXXX")
trap 'test -n "${KEEP:-}" || rm -rf "$DIR"' EXIT
DB="$DIR/memory.db"
BENCH=$(dirname "$TMGLOSS")/../bench/terms-bench
make -s -C "$(dirname "$TMGLOSS")/.." bench/terms-bench >/dev/null 2>&1 ||
	BENCH=

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Words: 2-4 syllables from a fixed set; deterministic (srand(42)).
LC_ALL=C awk -v n="$CONCEPTS" -v share="$TERM_SHARE" -v dense="$DENSE" '
BEGIN {
	srand(42)
	split("ba be bi bo bu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo cha che chi cho tra tre tri", syl, " ")
	nsyl = 0; for (k in syl) nsyl++
	split("bl cl fl gl pl br cr dr fr gr pr vr sp st sc", cluster, " ")
	ncluster = 0; for (k in cluster) ncluster++
	split("a e i o ou an on", vowel, " ")
	nvowel = 0; for (k in vowel) nvowel++
	han = "人工智能模型数据计算芯片机器学习网络算法系统平台技术产业创新应用服务安全语言视觉语音图像"
	nw = 60000
	for (w = 1; w <= nw; w++) {
		s = ""; k = 2 + int(rand() * 3)
		for (j = 0; j < k; j++) s = s syl[1 + int(rand() * nsyl)]
		word[w] = s
	}
	print "fr\tzh-CN\tnote" > "'"$DIR"'/glossary.tsv"
	words_in_terms = 0
	for (c = 1; c <= n; c++) {
		k = rand() < 0.1 ? 1 : 2 + int(rand() * 3)
		t = ""
		for (j = 0; j < k; j++) t = t (j ? " " : "") word[1 + int(rand() * nw)]
		z = ""
		for (j = 0; j < 2 + k; j++) z = z substr(han, 1 + 3 * int(rand() * 36), 3)
		printf "%s\t%s\tc%d\n", t, z, c > "'"$DIR"'/glossary.tsv"
		term[c] = t
		words_in_terms += k
	}
	# filler words: a cluster no term word starts with, then syllables
	# as above (DENSE=1: the words of the terms, and the random sequence
	# as the first version of this script)
	for (w = 1; w <= nw; w++) {
		if (dense) {
			filler[w] = word[w]
			continue
		}
		s = cluster[1 + int(rand() * ncluster)] vowel[1 + int(rand() * nvowel)]
		k = 1 + int(rand() * 3)
		for (j = 0; j < k; j++) s = s syl[1 + int(rand() * nsyl)]
		filler[w] = s
	}
	# filler frequencies follow Zipf law (the r-th commonest word 1/r as
	# often as the first), as words of prose do: about 45 % of the filler
	# is its 100 commonest words; DENSE=1 draws uniformly, as before
	for (w = 1; w <= nw; w++) zipf[w] = zipf[w - 1] + 1 / w
	# the chance that a word slot holds a term, for `share` of the words
	# to be in terms (terms are `mean` words long on average)
	mean = words_in_terms / n
	p = dense ? 0.08 : share / (mean - share * (mean - 1))
	# text: about 1 MB, words and terms, sentences of ~15 slots
	out = "'"$DIR"'/text-1.txt"
	size = 0
	while (size < 1048576) {
		line = ""
		for (j = 0; j < 15; j++) {
			if (rand() < p) {
				t = term[1 + int(rand() * n)]
				if (rand() < 0.3) gsub(/ /, "s ", t)
				w = t (rand() < 0.3 ? "s" : "")
			} else if (dense) {
				w = filler[1 + int(rand() * nw)]
			} else {
				# the first rank whose cumulated weight passes u
				u = rand() * zipf[nw]; lo = 1; hi = nw
				while (lo < hi) {
					mid = int((lo + hi) / 2)
					if (zipf[mid] < u) lo = mid + 1; else hi = mid
				}
				w = filler[lo]
			}
			line = line (j ? " " : "") w
		}
		line = toupper(substr(line, 1, 1)) substr(line, 2) "."
		print line > out
		size += length(line) + 1
	}
}'
head -c 262144 "$DIR/text-1.txt" | sed '$d' >"$DIR/text-0.25.txt"
head -c 524288 "$DIR/text-1.txt" | sed '$d' >"$DIR/text-0.5.txt"

t0=$(now)
"$TMGLOSS" --db "$DB" import -q "$DIR/glossary.tsv"
t1=$(now)
echo "glossary: $CONCEPTS concepts, import $(elapsed "$t0" "$t1") s"
echo "memory:   $(du -k "$DB" | cut -f1) KiB"
echo "text:     $(test "$DENSE" = 1 && echo "dense (DENSE=1)" ||
	echo "TERM_SHARE=$TERM_SHARE of the words in inserted terms")"
for size in 0.25 0.5 1; do
	f="$DIR/text-$size.txt"
	bytes=$(wc -c <"$f")
	words=$(wc -w <"$f")
	best=
	for run in 1 2 3; do
		t0=$(now)
		"$TMGLOSS" --db "$DB" terms --src fr --tgt zh-CN --format=tsv \
			-f "$f" >"$DIR/hits"
		t1=$(now)
		s=$(elapsed "$t0" "$t1")
		if test -z "$best" || awk -v a="$s" -v b="$best" \
			'BEGIN { exit !(a < b) }'; then best=$s; fi
	done
	# words of the text inside a hit (the MATCHED column)
	inside=$(cut -f3 "$DIR/hits" | wc -w)
	hits=$(wc -l <"$DIR/hits")
	awk -v b="$bytes" -v s="$best" -v h="$hits" -v z="$size" \
	    -v w="$words" -v i="$inside" 'BEGIN {
		printf "text %4s MB: %8d bytes  %6d hits (%6.0f/MB, %4.1f %% of words)  %6.3f s  %6.2f MB/s whole process\n",
		       z, b, h, h / (b / 1048576), 100 * i / w, s,
		       b / 1048576 / s }'
	if test -n "$BENCH"; then
		printf '  finder alone: '
		"$BENCH" "$DB" fr zh-CN "$f" 3
	fi
done
