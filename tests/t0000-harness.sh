#!/usr/bin/env bash
# The test harness itself (tests/test-lib.sh): a case that cannot fail is
# worth nothing, so these cases run small test scripts of their own and
# check that a broken &&-chain, a failing command under set -e and a failing
# last command each fail the case, and that a sound case passes.
. "$(dirname "$0")/test-lib.sh"

# run_script NAME BODY: a one-case script in the current folder, run with its
# own results (not this script's), stdout in NAME.out, exit status in NAME.rc
run_script() {
	{
		echo ". \"$TESTDIR/test-lib.sh\""
		printf "test_expect_success '%s' '%s'\n" "$1" "$2"
		echo "test_done"
	} >"$1.sh" &&
	rc=0 &&
	{ PF_TEST_RESULTS= bash "./$1.sh" >"$1.out" 2>&1 || rc=$?; } &&
	echo $rc >"$1.rc"
}

test_expect_success 'a sound chain passes' '
	run_script sound "
		echo one >a &&
		echo two >b &&
		! test_cmp a b
	" &&
	echo 0 >zero && test_cmp zero sound.rc &&
	test_grep "^ok 1 - sound" sound.out
'

# The lint runs the rest of a broken body once (in a folder of its own, its
# output thrown away), as git's did; the case itself is then not run.
test_expect_success 'chain lint: a command not joined with && fails the case' '
	run_script broken "
		false
		echo ran >>$PWD/broken-ran
	" &&
	echo 1 >one && test_cmp one broken.rc &&
	test_grep "^not ok 1 - broken" broken.out &&
	test_grep "broken &&-chain" broken.out &&
	test_line_count 1 broken-ran
'

test_expect_success 'chain lint: a broken chain in the middle of a long one' '
	run_script middle "
		echo a >a &&
		echo b >b
		cat a b >c &&
		test_line_count 2 c
	" &&
	test_grep "^not ok 1 - middle" middle.out &&
	test_grep "broken &&-chain" middle.out
'

test_expect_success 'chain lint: cmd || handler at the top level is flagged too' '
	run_script handler "
		echo a >a ||
		{ echo handled; exit 1; }
	" &&
	test_grep "broken &&-chain" handler.out
'

test_expect_success 'set -e is in effect: a failure inside a loop fails the case' '
	run_script loop "
		for i in 1 2; do
			false
			echo after >>$PWD/loop-ran
		done
	" &&
	test_grep "^not ok 1 - loop" loop.out &&
	! test -e loop-ran
'

test_expect_success 'the last command of a chain failing fails the case' '
	run_script last "
		echo a >a &&
		test_cmp /dev/null a
	" &&
	test_grep "^not ok 1 - last" last.out &&
	! test_grep "broken &&-chain" last.out
'

test_expect_success 'PF_TEST_CHAIN_LINT=0 turns the lint off' '
	{
		echo ". \"$TESTDIR/test-lib.sh\"" &&
		echo "test_expect_success nolint \"echo a; echo b >b\"" &&
		echo "test_done"
	} >nolint.sh &&
	PF_TEST_RESULTS= PF_TEST_CHAIN_LINT=0 bash ./nolint.sh >nolint.out 2>&1 &&
	test_grep "^ok 1 - nolint" nolint.out
'

test_done
