#!/bin/sh
# tmgloss serve is the program tmgloss-serve (src/cli/serve-exec.c):
# tmgloss itself loads neither libmicrohttpd, Jansson nor GnuTLS; it
# execs the server, so the process started is the server (its signals,
# its exit status), with the options given before `serve`; without
# tmgloss-serve it says where it looked.  make installcheck runs this
# file on the installed tmgloss too.
. "$top_srcdir/tests/cli/test-lib.sh"

test_lazy_prereq LDD 'ldd "$TMGLOSS"'
test_lazy_prereq CURL 'curl --version'
# the build tree's tmgloss-serve, beside tmgloss (not after make install)
test_lazy_prereq SERVE_BESIDE 'test -x "$(dirname "$TMGLOSS")/tmgloss-serve"'

# wait_serving NAME: wait (10 s at most) for the first log line of the
# server started in the background as $pid, its standard error in
# NAME.log; on failure kill it and show the log.
wait_serving () {
	i=0
	while [ $i -lt 100 ]; do
		grep -q "^tmgloss: serving " "$1.log" && return 0
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 $pid 2>/dev/null
	cat "$1.log"
	return 1
}

# start NAME ARGS...: run `tmgloss ARGS...` in the background, its
# standard error into NAME.log, until it serves; its process id is then
# $pid.
start () {
	name=$1
	shift
	tmgloss "$@" 2>"$name.log" &
	pid=$!
	wait_serving "$name"
}

# start_serve NAME: the same with tmgloss-serve (the build tree's) run
# directly, on the memory other.db, read-only
start_serve () {
	"$(dirname "$TMGLOSS")/tmgloss-serve" --db other.db --read-only \
		serve --listen 127.0.0.1:0 2>"$1.log" &
	pid=$!
	wait_serving "$1"
}

# wait_exit PID: its exit status, 10 s at most (a child of this shell).
wait_exit () {
	i=0
	while kill -0 "$1" 2>/dev/null; do
		[ $i -lt 100 ] || { kill -9 "$1"; return 99; }
		sleep 0.1
		i=$((i + 1))
	done
	wait "$1"
}

test_expect_success LDD 'tmgloss does not load the server libraries' '
	ldd "$TMGLOSS" >libs &&
	grep "libc\.so" libs &&
	! grep -e libmicrohttpd -e libjansson -e libgnutls libs
'

test_expect_success 'options before serve reach the server, which is the process started' '
	tmgloss --db other.db import "$DATA/good-two.tmx" &&
	start ro --db other.db --read-only serve --listen 127.0.0.1:0 &&
	grep "^tmgloss: serving other.db on http://127.0.0.1:[0-9]*/ (.*, read-only)" ro.log &&
	readlink /proc/$pid/exe >exe &&
	grep "/tmgloss-serve\$" exe &&
	kill -TERM $pid &&
	wait_exit $pid &&
	grep "stopping" ro.log
'

test_expect_success 'the server runs its child commands with the tmgloss that started it' '
	start child --db other.db --read-only serve --listen 127.0.0.1:0 &&
	tr "\\000" "\\n" </proc/$pid/environ >environ &&
	grep "^TMGLOSS_CHILD_PROGRAM=$(readlink -f "$TMGLOSS")\$" environ &&
	kill -TERM $pid &&
	wait_exit $pid
'

# a child command goes through TMGLOSS_CHILD_PROGRAM: here a script that
# leaves a mark and runs tmgloss
test_expect_success SERVE_BESIDE,CURL 'a stats request runs the child program named' '
	cat >child.sh <<-EOF &&
	#!/bin/sh
	echo "\$*" >>"$PWD/child.marks"
	exec "$TMGLOSS" "\$@"
	EOF
	chmod +x child.sh &&
	TMGLOSS_CHILD_PROGRAM=$PWD/child.sh start_serve direct &&
	port=$(sed -n "s|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p" direct.log) &&
	test $(curl -s -o stats.json -w "%{http_code}" --max-time 30 \
		"http://127.0.0.1:$port/api/v1/stats") = 200 &&
	grep "\"units\"" stats.json &&
	grep "stats" child.marks &&
	kill -TERM $pid &&
	wait_exit $pid
'

test_expect_success 'the help and usage errors need no server' '
	mkdir alone &&
	cp "$TMGLOSS" alone/tmgloss &&
	alone/tmgloss serve --help >help &&
	grep "^Usage: tmgloss \[--db FILE\] serve " help &&
	test_expect_code 2 alone/tmgloss serve --threads 0
'

# a copy of tmgloss alone in a folder finds no server beside it: unless
# one is installed where make install puts it, it says so
test_lazy_prereq NO_INSTALLED_SERVER '
	mkdir alone &&
	cp "$TMGLOSS" alone/tmgloss &&
	{ alone/tmgloss --db none.db serve --read-only 2>err; true; } &&
	grep "server program is missing" err
'

test_expect_success NO_INSTALLED_SERVER 'without tmgloss-serve: the paths tried, exit 1' '
	mkdir lone &&
	cp "$TMGLOSS" lone/tmgloss &&
	test_expect_code 1 lone/tmgloss --db none.db serve --read-only \
		2>err &&
	grep "^tmgloss: the server program is missing: neither $(pwd -P)/lone/tmgloss-serve nor /.*/tmgloss-serve exists\$" err &&
	test ! -e none.db
'

test_done
