#!/usr/bin/env bash
# pf-normalize: stream in, stream out.
. ./test-lib.sh
IN=$TESTDIR/streams

test_expect_success 'whitespace in line and span text is collapsed, the rest untouched' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >out &&
	test_golden "$GOLDEN/a.stream" out
'

test_expect_success 'only line records change' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >out &&
	grep -v "^line" "$IN/a.stream" >expect &&
	grep -v "^line" out >actual &&
	test_cmp expect actual
'

test_expect_success 'normalizing twice changes nothing more' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >once &&
	"$PF_BIN/pf-normalize" once >twice &&
	test_cmp once twice
'

test_done
