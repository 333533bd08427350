# bench/cores.sh -- sourced by bench/import.sh: how fast is each core of
# this machine, and where xmllint, the single-threaded floor, runs.
#
# On this project's VM the two cores are not always alike: in the eighth
# session of issue 16 `xmllint --stream` on the same file took 1.2 s
# pinned to one core and 2.0 s pinned to the other, run after run, with
# nothing else running in the machine (the host gives that core less);
# minutes later the other core was the slow one, or neither.  A
# single-threaded peer takes one time or the other as the scheduler
# places it, and tmgloss's two threads have one of each: ratios to the
# peer move with it.  So each run says what its cores were, before and
# after, and xmllint, the floor, runs on every core in each round, the
# best kept: the floor at its best.  build_tmdb is not pinned: it runs
# for minutes, longer than a core stays fast or slow.
#
# core_speeds FILE [WHEN]: `xmllint --stream --noout FILE` pinned to each
# core in turn, best wall time of three; prints one line (beginning with
# WHEN, if given), and sets
#   cores      the numbers of the cores xmllint could be pinned to ("0 1"),
#              empty without taskset: the caller then runs it unpinned.

core_speeds() {
	cores=
	if ! command -v taskset >/dev/null 2>&1; then
		echo "${2:+$2 }cores: no taskset: xmllint runs unpinned"
		return 0
	fi
	cs_line= cs_best= cs_worst= c=0
	while [ "$c" -lt "$(nproc)" ]; do
		cs_t= r=0
		while [ "$r" -lt 3 ]; do
			# time's last line is the seconds; a failed run
			# (taskset refused the core) has a line before it
			s=$(/usr/bin/time -f %e taskset -c "$c" \
				xmllint --stream --noout "$1" 2>&1 >/dev/null)
			case $s in
			[0-9]*) case $s in *"
"*) s= ;; esac ;;
			*) s= ;;
			esac
			if [ -n "$s" ] && { [ -z "$cs_t" ] ||
			   awk "BEGIN { exit !($s < $cs_t) }"; }; then
				cs_t=$s
			fi
			r=$((r + 1))
		done
		if [ -n "$cs_t" ]; then
			cs_line="$cs_line${cs_line:+, }core $c $cs_t s"
			cores="$cores${cores:+ }$c"
			if [ -z "$cs_best" ] ||
			   awk "BEGIN { exit !($cs_t < $cs_best) }"; then
				cs_best=$cs_t
			fi
			if [ -z "$cs_worst" ] ||
			   awk "BEGIN { exit !($cs_t > $cs_worst) }"; then
				cs_worst=$cs_t
			fi
		fi
		c=$((c + 1))
	done
	if [ -z "$cores" ]; then
		echo "${2:+$2 }cores: taskset could not pin xmllint: it runs unpinned"
		return 0
	fi
	echo "${2:+$2 }cores (xmllint --stream --noout $(basename "$1"), pinned, best of 3): $cs_line; the slowest takes $(awk "BEGIN { printf \"%.2f\", $cs_worst / $cs_best }") x the fastest's time"
}
