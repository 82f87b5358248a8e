#!/usr/bin/env bash
# pf-tables: stream in, stream out.
. "$(dirname "$0")/test-lib.sh"
IN=$TESTDIR/streams

test_expect_success 'records pass through unchanged' '
	"$PF_BIN/pf-segment" "$IN/a.stream" >seg &&
	"$PF_BIN/pf-tables" seg >out &&
	test_cmp seg out
'

test_done
