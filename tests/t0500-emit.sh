#!/usr/bin/env bash
# pf-emit: stream in, CSV files out.
. "$(dirname "$0")/test-lib.sh"
IN=$TESTDIR/streams

TABLES="documents attendees paragraphs sections decisions amounts motions tables table_cells allocations checks errors"

test_expect_success 'every table from the skeleton streams (golden)' '
	cat "$IN/a.stream" "$IN/b.stream" >in &&
	"$PF_BIN/pf-normalize" in >norm && "$PF_BIN/pf-segment" norm >seg &&
	"$PF_BIN/pf-emit" --out out seg &&
	for t in documents paragraphs errors; do
		test_golden "$GOLDEN/$t.csv" out/$t.csv || exit 1
	done
'

test_expect_success 'every table from a segmented protocol (golden)' '
	python3 "$TESTDIR/tools/lines2stream.py" "$TESTDIR/t0300/protocol.sketch" >in &&
	"$PF_BIN/pf-segment" in >seg &&
	"$PF_BIN/pf-emit" --out out seg &&
	for t in $TABLES; do
		test_golden "$GOLDEN/protocol/$t.csv" out/$t.csv || exit 1
	done
'

test_expect_success '--gzip writes the same tables gzip-compressed, deterministically' '
	python3 "$TESTDIR/tools/lines2stream.py" "$TESTDIR/t0300/protocol.sketch" >in &&
	"$PF_BIN/pf-segment" in >seg &&
	"$PF_BIN/pf-emit" --out plain seg &&
	"$PF_BIN/pf-emit" --gzip --out gz1 seg && "$PF_BIN/pf-emit" --gzip --out gz2 seg &&
	for t in $TABLES; do
		gzip -dc gz1/$t.csv.gz >$t.csv && test_cmp plain/$t.csv $t.csv &&
		cmp gz1/$t.csv.gz gz2/$t.csv.gz || exit 1
	done
'

test_expect_success '--from-csv writes the same Parquet bytes as --format both from the stream' '
	python3 "$TESTDIR/tools/lines2stream.py" "$TESTDIR/t0300/protocol.sketch" >in &&
	"$PF_BIN/pf-segment" in >seg &&
	"$PF_BIN/pf-emit" --format both --out both seg &&
	mkdir csv && cp both/*.csv csv/ &&
	"$PF_BIN/pf-emit" --from-csv csv &&
	for t in $TABLES; do cmp both/$t.parquet csv/$t.parquet || exit 1; done
'

test_expect_success '--from-csv refuses a CSV that is not the table, exit 3, no Parquet' '
	"$PF_BIN/pf-emit" --out t </dev/null &&
	printf "doc_id,para_no,oops,text,para_letter\n" >t/decisions.csv &&
	test_expect_code 3 "$PF_BIN/pf-emit" --from-csv t 2>err &&
	test_grep "decisions.csv.: column 3 is .oops., the table has .seq." err &&
	! test -f t/decisions.parquet &&
	printf "doc_id,para_no,seq,text\n0123456789abcdef,1,\"unterminated\n" >t/decisions.csv &&
	test_expect_code 3 "$PF_BIN/pf-emit" --from-csv t 2>err &&
	! test -f t/decisions.parquet
'

test_expect_success 'the same input gives byte-identical files' '
	"$PF_BIN/pf-segment" "$IN/a.stream" >seg &&
	"$PF_BIN/pf-emit" --out one seg && "$PF_BIN/pf-emit" --out two seg &&
	cmp one/paragraphs.csv two/paragraphs.csv &&
	cmp one/documents.csv two/documents.csv &&
	cmp one/errors.csv two/errors.csv
'

test_expect_success 'quotes, commas and newlines are quoted per RFC 4180, null is empty' '
	tr "|" "\t" >in <<-\EOF_ &&
	stream|paragraf|1
	para|0123456789abcdef|7|sa "ja", och\nnej|\N|\N|\N|\N|\N|\N
	para|0123456789abcdef|8||\N|\N|\N|\N|2|\N
	EOF_
	"$PF_BIN/pf-emit" --out out in &&
	cat >expect <<-\EOF_ &&
	doc_id,para_no,title,dnr,case_owner,officer,decided_by,page_start,page_end,para_letter
	0123456789abcdef,7,"sa ""ja"", och nej",,,,,,,""
	0123456789abcdef,8,"",,,,,2,,""
	EOF_
	test_cmp expect out/paragraphs.csv
'

test_expect_success 'an error record of severity error makes exit 1' '
	printf "stream\tparagraf\t1\nerror\t\\\\N\tx.pdf\tpf-pdftext\terror\tnot a PDF\n" >in &&
	test_expect_code 1 "$PF_BIN/pf-emit" --out out in &&
	test_grep "^,x.pdf,pf-pdftext,error,not a PDF$" out/errors.csv
'

test_expect_success 'a warning alone keeps exit 0' '
	printf "stream\tparagraf\t1\nerror\t0123456789abcdef\tx.pdf\tpf-pdftext\twarning\tpage 2: no text layer: needs OCR\n" >in &&
	"$PF_BIN/pf-emit" --out out in
'

test_expect_success 'a malformed stream is recorded in errors.csv, exit 3, rows before it kept' '
	printf "stream\tparagraf\t1\npara\t0123456789abcdef\t7\tTitel\t\\\\N\t\\\\N\t\\\\N\t\\\\N\t1\t1\npara\tbad\n" >in &&
	test_expect_code 3 "$PF_BIN/pf-emit" --out out in 2>err &&
	test_grep "^0123456789abcdef,7,Titel" out/paragraphs.csv &&
	test_grep "pf-emit,error,malformed stream .in. line 3" out/errors.csv
'

test_expect_success 'a row without its key is a warning row, not a lost table (fuzz-emit)' '
	tr "|" "\t" >in <<-\EOF_ &&
	stream|paragraf|1
	motion|0123456789abcdef|7|x1|yrkande|Anna|S|Anna yrkar bifall.|\N|\N|\N
	motion|0123456789abcdef|7|2|yrkande|Erik|M|Erik yrkar avslag.|\N|\N|\N
	para|0123456789abcdef|99999999999|Titel|\N|\N|\N|\N|2025-02-30|\N
	amount|0123456789abcdef|7|1|99999999999999999999|SEK|x|kr|\N|1
	EOF_
	"$PF_BIN/pf-emit" --format both --out out in 2>err &&
	test_line_count 2 out/motions.csv &&
	test_grep "^0123456789abcdef,7,2,yrkande,Erik" out/motions.csv &&
	test_line_count 1 out/paragraphs.csv &&
	test_grep "^0123456789abcdef,7,1,,SEK,x,kr,,1,\"\"$" out/amounts.csv &&
	test_grep "^0123456789abcdef,,pf-emit,warning,motions row left out: key column seq is not of its type$" out/errors.csv &&
	test_grep "paragraphs row left out: key column para_no" out/errors.csv &&
	test_grep "pf-emit: warning: motions row left out" err &&
	"$PF_BIN/pf-emit" --from-csv out
'

test_expect_success 'no temporary files are left behind' '
	"$PF_BIN/pf-emit" --out out "$IN/a.stream" &&
	ls -A out >actual &&
	for t in $TABLES; do echo $t.csv; done | sort >expect &&
	test_cmp expect actual
'

test_expect_success 'a document without an end record still gets its row' '
	head -n 3 "$IN/a.stream" >in &&
	"$PF_BIN/pf-emit" --out out in &&
	test_grep "^0123456789abcdef,protokoll.pdf,a*,2,LibreOffice 7.4,,,,,,,,,,,failed,0,0,,$" out/documents.csv
'

# pf-pdftext's end record: the worst page's trust (0.00-1.00) and the pages
# it OCR'd; documents.csv has the trust in whole per cent. A stream from
# before those fields, or a trust that is not a number from 0 to 1, gives
# nulls.
test_expect_success 'documents.csv: text_trust in per cent and ocr_pages from the end record' '
	id=0123456789abcdef &&
	sha=$(printf "a%.0s" $(seq 64)) &&
	{
		printf "stream\tparagraf\t1\n"
		printf "doc\t%s\ta.pdf\t%s\t3\t\\N\t\\N\n" $id $sha
		printf "end\t%s\t3\t40\tmixed\t0.47\t2\n" $id
		printf "doc\tfedcba9876543210\tb.pdf\t%s\t1\t\\N\t\\N\n" $sha
		printf "end\tfedcba9876543210\t1\t4\tborn_digital\t7.5\t0\n"
	} >in &&
	"$PF_BIN/pf-emit" --out out in &&
	cut -d, -f1,6,19,20 out/documents.csv >actual &&
	printf "doc_id,text_layer,text_trust,ocr_pages\n%s,mixed,47,2\nfedcba9876543210,born_digital,,0\n" $id >expect &&
	test_cmp expect actual
'

# pf-segment's meta record: the meeting's times came after dnr, at the end,
# so a stream written before them still loads (times null); a value that is
# no time of day is null too.
test_expect_success 'documents.csv: the meeting'"'"'s times from the meta record, old streams too' '
	sha=$(printf "a%.0s" $(seq 64)) &&
	{
		printf "stream\tparagraf\t1\n"
		for id in 0123456789abcdef 1123456789abcdef 2123456789abcdef; do
			printf "doc\t%s\ta.pdf\t%s\t3\t\\N\t\\N\n" $id $sha
			case $id in
			0*) printf "meta\t%s\tX kommun\tKS\tprotokoll\t2024-03-12\t\\N\tRum\t\\N\t09:15\t16:00\n" $id ;;
			1*) printf "meta\t%s\tX kommun\tKS\tprotokoll\t2024-03-12\t\\N\tRum\t\\N\n" $id ;;
			2*) printf "meta\t%s\tX kommun\tKS\tprotokoll\t2024-03-12\t\\N\tRum\t\\N\t25:00\t9.00\n" $id ;;
			esac
			printf "end\t%s\t3\t40\tborn_digital\n" $id
		done
	} >in &&
	"$PF_BIN/pf-emit" --format both --out out in &&
	cut -d, -f1,10-14 out/documents.csv >actual &&
	printf "%s\n" "doc_id,meeting_date,meeting_end_date,meeting_time,meeting_end_time,place" \
		"0123456789abcdef,2024-03-12,,09:15,16:00,Rum" "1123456789abcdef,2024-03-12,,,,Rum" \
		"2123456789abcdef,2024-03-12,,,,Rum" >expect &&
	test_cmp expect actual &&
	test -s out/documents.parquet
'

test_expect_success '--out is required' '
	test_expect_code 2 "$PF_BIN/pf-emit" </dev/null 2>err &&
	test_grep "pf-emit: --out DIR is required" err
'

test_expect_success 'an unwritable output folder is exit 3 with a message' '
	test_expect_code 3 "$PF_BIN/pf-emit" --out /proc/no/such </dev/null 2>err &&
	test_grep "pf-emit: cannot create" err
'

test_done
