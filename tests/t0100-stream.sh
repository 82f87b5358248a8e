#!/usr/bin/env bash
# The record stream (docs/stream.md): escaping, headers, concatenation, pass
# through of unknown records, and a clear error with line number for every
# kind of malformed stream. pf-tables is the probe: it passes records through.
. "$(dirname "$0")/test-lib.sh"

IN=$TESTDIR/streams

test_expect_success 'a stream passes through pf-tables byte for byte' '
	"$PF_BIN/pf-tables" "$IN/a.stream" >out &&
	test_cmp "$IN/a.stream" out
'

test_expect_success 'stdin and a named file give the same stream' '
	"$PF_BIN/pf-tables" <"$IN/a.stream" >out1 &&
	"$PF_BIN/pf-tables" - <"$IN/a.stream" >out2 &&
	test_cmp "$IN/a.stream" out1 &&
	test_cmp "$IN/a.stream" out2
'

test_expect_success 'concatenated streams come out as one stream with one header' '
	cat "$IN/a.stream" "$IN/b.stream" >both &&
	"$PF_BIN/pf-tables" both >out &&
	test_line_count 1 <(grep "^stream" out) &&
	{ cat "$IN/a.stream"; tail -n +2 "$IN/b.stream"; } >expect &&
	test_cmp expect out
'

test_expect_success 'several named inputs are read in order' '
	"$PF_BIN/pf-tables" "$IN/a.stream" "$IN/b.stream" >out &&
	{ cat "$IN/a.stream"; tail -n +2 "$IN/b.stream"; } >expect &&
	test_cmp expect out
'

test_expect_success 'escapes survive a stage that rewrites the record' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >out &&
	grep -F "back\\\\slash tab here new line cr x" out
'

test_expect_success 'an empty input gives a header and nothing else' '
	"$PF_BIN/pf-tables" </dev/null >out &&
	printf "stream\tparagraf\t1\n" >expect &&
	test_cmp expect out
'

# malformed streams: exit 3, message with the line number on stderr, and an
# error record in the output so that pf-emit can report it
malformed() {
	name=$1 input=$2 message=$3
	test_expect_success "malformed: $name" '
		printf "$input" >in &&
		test_expect_code 3 "$PF_BIN/pf-tables" in >out 2>err &&
		test_grep "pf-tables: malformed stream .in. $message" err &&
		test_grep "^error	\\\\N	in	pf-tables	error	malformed stream" out
	'
}
H='stream\tparagraf\t1\n'
L='line\t0123456789abcdef\t1\t1\t0\t0\t1\t1\t10\t0\t0\tx\t0\t1\tx'
malformed 'no header' 'doc\t0123456789abcdef\ta\tb\t1\tp\tt\n' 'line 1: stream does not begin with a header'
malformed 'wrong format' 'stream\tother\t1\n' 'line 1: header is not a .paragraf. stream header'
malformed 'newer version' 'stream\tparagraf\t2\n' 'line 1: stream version .2., this program reads version 1'
malformed 'truncated last record' "$H$L" 'line 2: last record has no newline'
malformed 'lone backslash' "$H"'line\t0123456789abcdef\t1\t1\t0\t0\t1\t1\t10\t0\t0\tx\\\n' 'line 2: field 12 ends in a lone backslash'
malformed 'bad document id' "$H"'page\tABC\t1\t1\t1\t0\t0\n' "line 2: record .page. has a bad document id .ABC."
malformed 'too few fields' "$H"'page\t0123456789abcdef\t1\n' "line 2: record .page. has 3 fields, needs at least 7"
malformed 'partial span' "$H$L"'\t5\n' 'line 2: line record has a partial span'
malformed 'empty line' "$H\n" 'line 2: empty line'
malformed 'invalid UTF-8' "$H"'future\t0123456789abcdef\t\303(\n' 'line 2: invalid UTF-8 at byte 25'
malformed 'overlong UTF-8' "$H"'future\t0123456789abcdef\t\300\257\n' 'line 2: invalid UTF-8'
malformed 'NUL byte' "$H"'future\t0123456789abcdef\tA\000B\n' 'line 2: NUL byte in record'
malformed '\N inside text' "$H"'future\t0123456789abcdef\ta\\Nb\n' 'line 2: field 3 has .N inside text'

test_expect_success 'records before a malformed line still come out' '
	printf "stream\tparagraf\t1\nfuture\t0123456789abcdef\tok\n\n" >in &&
	test_expect_code 3 "$PF_BIN/pf-tables" in >out 2>err &&
	test_grep "^future	0123456789abcdef	ok$" out
'

test_expect_success 'a record longer than the limit is refused, not buffered' '
	{ printf "stream\tparagraf\t1\nfuture\t0123456789abcdef\t"; head -c 17000000 /dev/zero | tr "\0" x; echo; } >in &&
	test_expect_code 3 "$PF_BIN/pf-tables" in >out 2>err &&
	test_grep "record longer than" err
'

test_expect_success 'a bad document id is quoted short and on one line' '
	{ printf "stream\tparagraf\t1\npara\tx"; head -c 3000 /dev/zero | tr "\0" a | sed "s/a/å/g"; printf "\\\\nx\t1\n"; } >in &&
	test_expect_code 3 "$PF_BIN/pf-tables" in >out 2>err &&
	test_line_count 1 err &&
	test_grep "has a bad document id .xååååååååååååååååååå\.\.\.'"'"'$" err &&
	test $(wc -c <err) -lt 200 &&
	"$PF_BIN/pf-tables" out >/dev/null
'

test_expect_success 'a file name that is not UTF-8 still gives a stream the next stage reads' '
	printf "stream\tparagraf\t1\n\n" >"$(printf "bad\377name")" &&
	test_expect_code 3 "$PF_BIN/pf-tables" "$(printf "bad\377name")" >out 2>err &&
	test_grep "^error	\\\\N	bad�name	pf-tables	error	malformed stream .bad�name. line 2: empty line$" out &&
	"$PF_BIN/pf-tables" out >/dev/null
'

# ---- limits ----

# a.stream: doc, page, 4 lines, future, page, error, end (10 records)
test_expect_success 'limit: a document of PF_MAX_DOC_RECORDS records passes whole' '
	PF_MAX_DOC_RECORDS=10 "$PF_BIN/pf-tables" "$IN/a.stream" >out 2>err &&
	test_cmp "$IN/a.stream" out &&
	! test -s err
'

test_expect_success 'limit: one more, and the rest of the document is left out, exit 1' '
	cat "$IN/a.stream" "$IN/b.stream" >in &&
	test_expect_code 1 env PF_MAX_DOC_RECORDS=3 "$PF_BIN/pf-tables" in >out 2>err &&
	cut -f1,2 out >actual &&
	a=0123456789abcdef b=fedcba9876543210 &&
	printf "%s\n" "stream	paragraf" "doc	$a" "page	$a" "line	$a" "error	$a" "end	$a" \
		"doc	$b" "page	$b" "line	$b" "error	$b" "end	$b" >expect &&
	test_cmp expect actual &&
	test_grep "^error	$a	in	pf-tables	error	document $a has more than 3 records (PF_MAX_DOC_RECORDS): the rest of it is left out$" out &&
	test_grep "^end	$a	2	4	mixed$" out &&
	test_line_count 2 err &&
	test_grep "^pf-tables: in: document $a has more than 3 records" err
'

# the sketch: 0a0b... has 76 records, 1a1b... 20; b.stream 5
test_expect_success 'limit: the error goes to errors.csv, the other documents on' '
	python3 "$TESTDIR/tools/lines2stream.py" "$TESTDIR/t0300/protocol.sketch" >two &&
	cat two "$IN/b.stream" >in &&
	test_expect_code 1 env PF_MAX_DOC_RECORDS=20 "$PF_BIN/pf-segment" in >seg 2>err &&
	test_expect_code 1 "$PF_BIN/pf-emit" --out tables seg &&
	cut -d, -f1-5 tables/errors.csv | grep -v ",pf-segment,warning,\"\\{0,1\\}check " >actual &&
	printf "%s\n" doc_id,source,stage,severity,message \
		"0a0b0c0d0e0f1011,in,pf-segment,error,document 0a0b0c0d0e0f1011 has more than 20 records (PF_MAX_DOC_RECORDS): the rest of it is left out" >expect &&
	test_cmp expect actual &&
	cut -d, -f1 tables/documents.csv >actual &&
	printf "%s\n" doc_id 0a0b0c0d0e0f1011 1a1b1c1d1e1f2021 fedcba9876543210 >expect &&
	test_cmp expect actual &&
	test_grep "^1a1b1c1d1e1f2021," tables/paragraphs.csv
'

test_expect_success 'limit: PF_MAX_DOC_RECORDS must be a number from 1' '
	for v in 0 -1 x 10k; do
		test_expect_code 2 env PF_MAX_DOC_RECORDS=$v "$PF_BIN/pf-tables" "$IN/a.stream" >out 2>err &&
		test_grep "PF_MAX_DOC_RECORDS must be a whole number from 1, not .$v." err || exit 1
	done
'

test_expect_success 'a missing input file is an I/O error naming the file' '
	test_expect_code 3 "$PF_BIN/pf-tables" nosuch.stream >out 2>err &&
	test_grep "pf-tables: cannot open .nosuch.stream.: No such file" err
'

test_expect_success 'every stage answers --help and --version' '
	for s in pf-pdftext pf-normalize pf-segment pf-tables pf-emit; do
		"$PF_BIN/$s" --help >help && test_grep "^usage: $s" help &&
		test_grep "Exit status" help &&
		"$PF_BIN/$s" --version >version && test_grep "^$s [0-9]" version || exit 1
	done
'

test_expect_success 'every stage rejects an unknown option with exit 2' '
	for s in pf-pdftext pf-normalize pf-segment pf-tables pf-emit; do
		test_expect_code 2 "$PF_BIN/$s" --no-such-option </dev/null >out 2>err &&
		test_grep "Try .$s --help." err || exit 1
	done
'

test_done
