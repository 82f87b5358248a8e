#!/usr/bin/env bash
# pf-tables: tables, cells, allocations and checks.
#
# t0400/tables.sketch is drawn with tests/tools/lines2stream.py and read
# beside the golden output t0400/sketch.tables:
#   page 1   a header block that is not furniture (Datum | Dnr | Sida), the
#            attendance list in two columns, § 10 with a bullet list whose
#            items end in amounts: none of it is a table
#   page 2-3 § 11: "Tabell 1." above an allocation table over the page break
#            (footnote, footer and header furniture between, the header row
#            repeated): a row over all columns, a recipient over three
#            lines and a comment over five, an amount centred between the
#            two lines of its row, an empty cell, n/a, a Totalt that adds
#            up, att-satser that agree with the table
#   page 3   § 12: a table in tkr whose Summa does not add up and an att-sats
#            it contradicts; § 13: an indicator table
#   page 4   § 14: "Namn | Typ av juridisk person"; the signature rows
#   doc 2    a plan without § paragraphs: section "2.1 Ekonomi", para null
# t0400/in-tables.stream is the sketch through lines2stream.py and
# pf-segment, committed so that a change in pf-segment does not move these
# goldens (its para and decision records were checked by hand).
#
# The PDFs in tests/pdf/tables/ (scripts/make-table-pdfs) and
# tests/pdf/table.pdf go through the whole pipeline; their goldens
# t0400/<name>.tables hold what pf-tables added.
. "$(dirname "$0")/test-lib.sh"
IN=$TESTDIR/streams
PDF=$TESTDIR/pdf

tables() {
	"$PF_BIN/pf-tables" "$GOLDEN/in-tables.stream" >out
}

# the records pf-tables writes
added() {
	grep -P '^(table|cell|allocation|check)\t' "$1" || true
}

fields() { stream_records "$1" out | cut -f"$2"; }

test_expect_success 'the committed input is still the sketch' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/tables.sketch" >lines &&
	grep -P "^(stream|doc|page|line|furniture|end)\t" "$GOLDEN/in-tables.stream" >committed &&
	test_cmp lines committed
'

test_expect_success 'tables, cells, allocations and checks of the sketch (golden)' '
	tables &&
	added out >found &&
	test_golden "$GOLDEN/sketch.tables" found
'

# but the amount in the table's row over all columns ("Totalt kan
# rekvireras: 22 282 138 kr"): an amount in a table cell is the table's
test_expect_success 'every input record passes through unchanged, in order' '
	tables &&
	grep -v -P "^(table|cell|allocation|check)\t" out >passed &&
	grep -v -P "^amount\t.*\t22 282 138 kr\t" "$GOLDEN/in-tables.stream" >expect &&
	test_line_count $(($(wc -l <"$GOLDEN/in-tables.stream") - 1)) expect &&
	test_cmp expect passed
'

# A budget in euro whose every cell names its currency, as a scanned
# appendix reads through OCR: pf-segment reads each cell as an amount of
# the text, pf-tables takes back those its table holds. Prose on the same
# page keeps its amounts, also one equal to a cell's, and their seq closes
# the gaps.
test_expect_success 'amounts in a table'"'"'s cells are the table'"'"'s, not the text'"'"'s' '
	cat >budget.sketch <<-\EOF &&
	=== doc 0400bbbb0400bbbb budget.pdf
	=== page
	[b] [y=100] § 5 Bidrag till ungdomsarbete
	[y=124] Föreningen söker 1 300,00 € för handledning och 196 000 euro i år.
	[b] [x=60] [y=160] Utgifter
	[x=60] [y=180] Personalkostnader |@300 150 450,00 €
	[x=60] [y=194] Lönekostnader |@300 122 500,00 €
	[x=60] [y=208] Arbetshandledning |@305 1 300,00 €
	[x=60] [y=222] Finansiering totalt |@300 192 250,00 €
	[y=260] Stadens andel blir 7 282,73 euro.
	EOF
	python3 "$TESTDIR/tools/lines2stream.py" budget.sketch >budget.stream &&
	"$PF_BIN/pf-segment" budget.stream >seg &&
	stream_records amount seg >all && test_line_count 7 all &&
	"$PF_BIN/pf-tables" seg >out &&
	stream_records table out | cut -f7,10,11 >actual &&
	printf "list\t4\t2\n" >expect && test_cmp expect actual &&
	stream_records amount out | cut -f3,4,5,7 >actual &&
	printf "5\t1\t1300.00\t1 300,00 €\n5\t2\t196000\t196 000 euro\n5\t3\t7282.73\t7 282,73 euro\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the attendance list, the header block, bullets with amounts and the signatures are not tables' '
	tables &&
	fields table 3,4,8 >actual &&
	printf "1\t11\t2\n2\t12\t3\n3\t13\t3\n4\t14\t4\n1\t\\\\N\t1\n" >expect &&
	test_cmp expect actual &&
	! fields cell 6 | grep -E "Viktoria|Datum|Sida|Regionledningsförvaltningen|Justeras|Pia Lundin"
'

test_expect_success 'a table broken over a page is one table, its repeated header dropped' '
	tables &&
	stream_records table out | grep -P "^table\t0400aaaa0400aaaa\t1\t" | cut -f4,7-11 >actual &&
	printf "11\tallocation\t2\t3\t9\t3\n" >expect &&
	test_cmp expect actual &&
	stream_records cell out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$3 == 1 && \$6 == \"Mottagare\"" >headers &&
	test_line_count 1 headers &&
	! fields cell 6 | grep -E "Beloppen avser|Ordförandens sign|KOMMUNSTYRELSEN"
'

test_expect_success 'wrapped cells: a recipient over three lines, a comment over five' '
	tables &&
	stream_records cell out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$3 == 1 && \$4 == 3" | cut -f5,6 >actual &&
	printf "%s\n" \
		"0	Regionala utvecklingsförvaltningen, enheten för kollektivtrafik och regional tillväxt" \
		"1	2 450 000" \
		"2	Förstudie som ska redovisas till kommunstyrelsen senast den 30 september 2025 och därefter följas upp av revisionen" >expect &&
	test_cmp expect actual
'

test_expect_success 'an amount centred between the lines of its row stays in that row' '
	tables &&
	stream_records allocation out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$4 == 1 && \$5 == 4" | cut -f6-9 >actual &&
	printf "Kultur- och fritidsnämnden för ungdomsverksamhet i ytterområdena\t980500\tPågående projekt som fortsätter under hösten 2025\tfalse\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'empty cell, n/a, a cell over all columns' '
	tables &&
	stream_records cell out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$3 == 1 && (\$4 == 1 || \$4 == 5 || \$4 == 6)" | cut -f4-7 >actual &&
	printf "%s\n" \
		"1	0	Totalt kan rekvireras: 22 282 138 kr enligt beslut i regionstyrelsen	2" \
		"1	1		\\N" "1	2		\\N" \
		"5	0	Tekniska nämnden	2" "5	1	64 000	2" "5	2		\\N" \
		"6	0	Ytterligare prestationsbaserade medel	2" "6	1	n/a	2" \
		"6	2	Fördelas efter redovisning	2" >expect &&
	test_cmp expect actual &&
	stream_records allocation out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$4 == 1" | cut -f5,7,8 >alloc &&
	! grep -q "^1	" alloc &&
	grep -q "^5	64000	\\\\N$" alloc &&
	grep -q "^6	\\\\N	Fördelas efter redovisning$" alloc
'

test_expect_success 'checks: a total that adds up, one that does not, a decision the table contradicts' '
	tables &&
	fields check 3-8 >actual &&
	printf "%s\n" \
		"11	1	sum_equals_total	22282138	22282138	true" \
		"11	1	decision_matches_table	18568138	18568138	true" \
		"12	2	sum_equals_total	1855000	1755000	false" \
		"12	2	decision_matches_table	1650000	1605000	false" \
		"\\N	1	sum_equals_total	13550000	13550000	true" >expect &&
	test_cmp expect actual
'

test_expect_success 'the unit of the header scales: tkr is thousands' '
	tables &&
	stream_records allocation out | awk -F "\t" "\$2 == \"0400aaaa0400aaaa\" && \$4 == 2" | cut -f6,7 >actual &&
	printf "Socialförvaltningen\t1205000\nTekniska förvaltningen\t400000\nKostenheten\t150000\nSumma\t1855000\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'kinds, captions, sections' '
	tables &&
	fields table 5,6,7 >actual &&
	printf "%s\n" \
		"\\N	Tabell 1. Fördelning av medel 2025	allocation" \
		"\\N	Tabell 2. Driftsmedel i tkr	allocation" \
		"\\N	\\N	indicator" "\\N	\\N	list" \
		"2.1 Ekonomi	Tabell 1. Budget per verksamhet 2025	allocation" >expect &&
	test_cmp expect actual
'

test_expect_success 'a paragraph'"'"'s tables come after its decisions and before the next paragraph' '
	tables &&
	grep -n -P "^(para\t0400aaaa0400aaaa\t1[12]\t|decision\t0400aaaa0400aaaa\t11\t2\t|table\t0400aaaa0400aaaa\t1\t)" out |
		cut -d: -f1 >order &&
	sort -n order >sorted && test_cmp sorted order && test_line_count 4 order &&
	grep -n -P "^(table\t0400bbbb0400bbbb\t|end\t0400bbbb0400bbbb)" out | cut -d: -f1 >order2 &&
	sort -n order2 >sorted2 && test_cmp sorted2 order2 && test_line_count 2 order2
'

test_expect_success 'a stream cut off before its end record still gives its tables' '
	grep -v -P "^end\t0400aaaa" "$GOLDEN/in-tables.stream" | head -n 160 >cut &&
	"$PF_BIN/pf-tables" cut >out &&
	test_grep "^table	0400aaaa0400aaaa	1	11	" out &&
	test_grep "^check	0400aaaa0400aaaa	11	1	sum_equals_total" out
'

test_expect_success 'the skeleton streams pass through unchanged' '
	"$PF_BIN/pf-segment" "$IN/a.stream" "$IN/b.stream" >seg &&
	"$PF_BIN/pf-tables" seg >out &&
	test_cmp seg out
'

test_expect_success 'a malformed stream: error record, exit 3' '
	printf "stream\tparagraf\t1\nline\tnot-a-doc\n" >bad &&
	test_expect_code 3 "$PF_BIN/pf-tables" bad >out 2>err &&
	test_grep "^error	" out &&
	test_grep "malformed stream" err
'

test_expect_success 'usage: --help exits 0, an unknown option 2' '
	"$PF_BIN/pf-tables" --help >help &&
	test_grep "^usage: pf-tables" help &&
	test_expect_code 2 "$PF_BIN/pf-tables" --bogus </dev/null >out 2>err &&
	test_line_count 0 out
'

# The whole pipeline, each stage into a file.
pipeline() { # pdf
	"$PF_BIN/pf-pdftext" "$1" >s1 &&
	"$PF_BIN/pf-normalize" s1 >s2 &&
	"$PF_BIN/pf-segment" s2 >s3 &&
	"$PF_BIN/pf-tables" s3 >s4
}

for name in alloc alloc-break nontables; do
	test_expect_success "PDF tables/$name.pdf through the pipeline (golden)" '
		pipeline "$PDF/tables/'$name'.pdf" &&
		added s4 >found &&
		test_golden "$GOLDEN/'$name'.tables" found
	'
done

test_expect_success 'PDF table.pdf through the pipeline (golden)' '
	pipeline "$PDF/table.pdf" &&
	added s4 >found &&
	test_golden "$GOLDEN/table.tables" found
'

test_expect_success 'PDF ocr.pdf (a scan with "|" for the rules) gives the same allocations as table.pdf' '
	pipeline "$PDF/table.pdf" && stream_records allocation s4 | cut -f3- >digital &&
	pipeline "$PDF/ocr.pdf" && stream_records allocation s4 | cut -f3- >scan &&
	test_cmp digital scan
'

test_expect_success 'tables are numbered per document, also in a stream of several' '
	"$PF_BIN/pf-pdftext" "$TESTDIR/pdf/rotated.pdf" "$TESTDIR/pdf/table.pdf" >s1 2>/dev/null &&
	"$PF_BIN/pf-normalize" s1 >s2 && "$PF_BIN/pf-segment" s2 >s3 &&
	"$PF_BIN/pf-tables" s3 >out &&
	stream_records table out | cut -f3 >actual &&
	printf "1\n1\n" >expect &&
	test_cmp expect actual
'

test_done
