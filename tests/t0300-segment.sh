#!/usr/bin/env bash
# pf-segment: stream in, stream out.
. ./test-lib.sh
IN=$TESTDIR/streams

test_expect_success 'a para record follows each "§ N Title" line' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" "$IN/b.stream" >norm &&
	"$PF_BIN/pf-segment" norm >out &&
	test_golden "$GOLDEN/ab.stream" out
'

test_expect_success 'the input passes through unchanged around the para records' '
	"$PF_BIN/pf-segment" "$IN/a.stream" >out &&
	grep -v "^para" out >actual &&
	test_cmp "$IN/a.stream" actual
'

test_expect_success 'headings: "§31" alone, "§ 3a." and not "enligt § 44"' '
	"$PF_BIN/pf-segment" "$IN/a.stream" "$IN/b.stream" >out &&
	stream_records para out | cut -f3,4 >actual &&
	printf "29\tÖvergripande  fördelning,   medel\n31\t\\\\N\n3\tSista ärendet\n" >expect &&
	test_cmp expect actual
'

test_done
