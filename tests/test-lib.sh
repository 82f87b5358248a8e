# Test library for paragraf's shell tests, in the spirit of git's t/test-lib.sh.
#
# A test script (tests/tNNNN-<area>-<topic>.sh) does:
#
#   . ./test-lib.sh
#   test_expect_success 'what it checks' '
#       "$PF_BIN/pf-pdftext" "$PDF/x.pdf" >out &&
#       test_cmp "$GOLDEN/x.stream" out
#   '
#   test_done
#
# Each case runs in a subshell, in a fresh empty directory, with `set -e`
# (really in effect: the subshell is not the condition of an `if`); its
# output is kept and shown only when it fails (or always with -v).
# Never pipe the command under test inside a case: the pipe hides its exit
# code. Redirect to a file and check the file.
#
# Chain lint (git's t/test-lib.sh did the same before t/chainlint.pl): the
# commands of a case are joined with && so that the first failure fails the
# case. set -e alone does not do that for a command on the left of && or ||,
# in an `if` condition or after `!`, so before a case runs its body is run
# once as `(exit 117) && BODY`: a chain that holds stops at once with 117,
# a broken one runs on and ends with another status, and the case fails
# with "broken &&-chain" without being run. A loop's body is not linted: end
# a command in a loop with `|| exit 1`. PF_TEST_CHAIN_LINT=0 turns it off.
#
# Environment:
#   PF_BIN           directory of the binaries under test (default: bin/)
#   PF_TEST_VERBOSE  1 shows every case's output
#   PF_TEST_UPDATE   1 makes test_golden write the actual output over the
#                    golden file (then read the diff by hand before committing)
#   PF_TEST_RESULTS  file to which test_done appends "passed failed skipped"
#   PF_TEST_CHAIN_LINT  0 turns the chain lint off (default 1)

export LC_ALL=C.UTF-8
unset CDPATH GREP_OPTIONS

TESTDIR=$(cd "$(dirname "$0")" && pwd)
PF_ROOT=$(cd "$TESTDIR/.." && pwd)
PF_BIN=${PF_BIN:-$PF_ROOT/bin}
TEST_NAME=$(basename "$0" .sh)
# golden files of this script live in tests/<tNNNN>/
GOLDEN=$TESTDIR/${TEST_NAME%%-*}
export TESTDIR PF_ROOT PF_BIN GOLDEN TEST_NAME

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/pf-test.$TEST_NAME.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
export TRASH

case "${1:-}" in -v|--verbose) PF_TEST_VERBOSE=1 ;; esac

test_count=0
test_passed=0
test_failed=0
test_skipped=0

say() { printf '%s\n' "$*"; }

# test_chain_lint_ body: 0 when the body's && chain holds. The body runs as
# `(exit 117) && BODY` in a directory of its own, output thrown away: with
# an unbroken chain nothing after `(exit 117)` runs at all.
test_chain_lint_() {
	local lint="$TRASH/$test_count.lint" rc=0
	mkdir -p "$lint"
	( cd "$lint" && eval "(exit 117) && $1" ) >/dev/null 2>&1 </dev/null || rc=$?
	rm -rf "$lint"
	test "$rc" = 117
}

# test_expect_success 'name' 'body'
test_expect_success() {
	test "$#" = 2 || { say "bug in test script: test_expect_success needs 2 arguments"; exit 1; }
	test_count=$((test_count + 1))
	local dir="$TRASH/$test_count" log="$TRASH/$test_count.log" rc
	if test "${PF_TEST_CHAIN_LINT:-1}" != 0 && ! test_chain_lint_ "$2"; then
		test_failed=$((test_failed + 1))
		say "not ok $test_count - $1 ($TEST_NAME)"
		say "    bug in the test script: broken &&-chain (a command not joined with &&):"
		printf '%s\n' "$2" | sed 's/^/    | /'
		return 0
	fi
	mkdir -p "$dir"
	# a statement of its own: left of || or in an `if`, bash would ignore
	# set -e in the whole body
	( cd "$dir" || exit 1; set -e; eval "$2" ) >"$log" 2>&1
	rc=$?
	if test "$rc" = 0; then
		test_passed=$((test_passed + 1))
		say "ok $test_count - $1"
		test "${PF_TEST_VERBOSE:-}" = 1 && sed 's/^/    /' "$log"
	else
		test_failed=$((test_failed + 1))
		say "not ok $test_count - $1 ($TEST_NAME)"
		sed 's/^/    /' "$log" | tail -n 60
	fi
	return 0
}

# test_skip 'name' 'why': a case that cannot run here, counted as skipped
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	say "ok $test_count # skip $1 ($2)"
}

# test_expect_code N command [args...]: the command must exit with N
test_expect_code() {
	local want=$1 got=0
	shift
	"$@" || got=$?
	if test "$got" != "$want"; then
		say "test_expect_code: '$*' exited $got, expected $want" >&2
		return 1
	fi
}

# test_cmp expected actual
test_cmp() {
	diff -u "$1" "$2"
}

# test_golden golden actual: like test_cmp, but PF_TEST_UPDATE=1 rewrites
# the golden file instead of failing.
test_golden() {
	if test "${PF_TEST_UPDATE:-}" = 1; then
		mkdir -p "$(dirname "$1")"
		cp "$2" "$1"
		return 0
	fi
	test -f "$1" || { say "missing golden file $1 (PF_TEST_UPDATE=1 writes it)" >&2; return 1; }
	diff -u "$1" "$2"
}

# test_grep pattern file: like grep -q, but shows the file when it fails
test_grep() {
	if ! grep -q -e "$1" "$2"; then
		say "'$1' not found in $2:" >&2
		head -n 40 "$2" >&2
		return 1
	fi
}

# test_line_count N file
test_line_count() {
	local n
	n=$(wc -l <"$2")
	test "$n" -eq "$1" || { say "$2 has $n lines, expected $1" >&2; return 1; }
}

# stream_fields TYPE FILE: the records of one type, to compare in a case
stream_records() {
	awk -F '\t' -v t="$1" '$1 == t' "$2"
}

# have_js_readers: node, npm and the Parquet readers of tests/js (DuckDB,
# hyparquet) are ready, installing them with `npm ci` the first time. When
# node is missing or the npm registry cannot be reached (a machine without
# its CA certificates, no network), it says why in $JS_WHY and returns 1,
# so that the cases needing them are skipped with that notice, not failed.
have_js_readers() {
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		JS_WHY="node/npm missing (scripts/install-deps installs them)"
		return 1
	fi
	test -d "$TESTDIR/js/node_modules/@duckdb/node-api" &&
		test -d "$TESTDIR/js/node_modules/hyparquet" && return 0
	if (cd "$TESTDIR/js" && npm ci --no-audit --no-fund --loglevel=error) >"$TRASH/npm.log" 2>&1; then
		return 0
	fi
	JS_WHY="npm ci in tests/js failed: $(grep -m1 -i -E 'err|fail' "$TRASH/npm.log")"
	return 1
}

# pg_start: a throwaway PostgreSQL cluster for this script, on a socket in
# a folder of its own (no TCP), stopped when the script ends; exports
# PGHOST, PGPORT, PGUSER and PGDATABASE (postgres). Returns 1 with the
# reason in $PG_WHY when there is no server or it would not start.
pg_start() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if test -z "$bin"; then
		PG_WHY="no PostgreSQL server installed (scripts/install-deps installs it)"
		return 1
	fi
	PG_DIR=$(mktemp -d /tmp/pf-pg.XXXXXX)
	chmod 755 "$PG_DIR"
	pg_as() { if test "$(id -u)" = 0; then runuser -u postgres -- "$@"; else "$@"; fi; }
	test "$(id -u)" = 0 && chown postgres "$PG_DIR"
	trap 'pg_as "'"$bin"'/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PG_DIR" "$TRASH"' EXIT
	# a port of our own: scripts running at once must not meet
	local port=$((50000 + $$ % 10000))
	if pg_as "$bin/initdb" -D "$PG_DIR/data" -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
		>"$PG_DIR/initdb.log" 2>&1 &&
	   pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
		-o "-c listen_addresses='' -k $PG_DIR -p $port -c fsync=off" start >/dev/null 2>&1; then
		export PGHOST=$PG_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
		return 0
	fi
	PG_WHY="the PostgreSQL cluster would not start: $(cat "$PG_DIR/initdb.log" "$PG_DIR/server.log" 2>/dev/null | tail -n 3 | tr '\n' ' ')"
	return 1
}

test_done() {
	say "# $TEST_NAME: $test_passed passed, $test_failed failed${test_skipped:+, $test_skipped skipped}"
	if test -n "${PF_TEST_RESULTS:-}"; then
		echo "$test_passed $test_failed $test_skipped" >>"$PF_TEST_RESULTS"
	fi
	test "$test_failed" = 0
}
