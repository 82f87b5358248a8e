#!/usr/bin/env bash
# pf-tables: the table shapes of issue 19 through the whole pipeline, against
# truth by construction.
#
# tests/pdf/shapes/ is made by scripts/make-shape-pdfs, which writes each
# PDF's HTML and, from the same data, <name>.cells (every cell pf-tables must
# write: table, row, col, text) and <name>.absent (texts that must be in no
# cell: the cover's label/value grid, a list of names in two columns, the
# signature grid; pf-segment reads those).
#   shapes.pdf        a borderless list "Avsändare | Ämne" with a subject over
#                     three lines, a ruled budget grid with an empty top-left
#                     cell and "-2,1", "-405", an indicator table with one data
#                     row, a header over two columns ("2024" over "Kostnader |
#                     Intäkter") at the top of page 2, rules under the header only
#   shapes-break.pdf  an allocation table over a page break, header not repeated
. "$(dirname "$0")/test-lib.sh"
SHAPES=$TESTDIR/pdf/shapes

pipeline() { # pdf
	"$PF_BIN/pf-pdftext" "$1" >s1 &&
	"$PF_BIN/pf-normalize" s1 >s2 &&
	"$PF_BIN/pf-segment" s2 >s3 &&
	"$PF_BIN/pf-tables" s3 >s4
}

for name in shapes shapes-break; do
	test_expect_success "$name.pdf: every cell as the truth has it" '
		pipeline "$SHAPES/'$name'.pdf" &&
		stream_records cell s4 | cut -f3-6 >actual &&
		test_cmp "$SHAPES/'$name'.cells" actual
	'
	test_expect_success "$name.pdf: the grids other stages read are no table" '
		pipeline "$SHAPES/'$name'.pdf" &&
		stream_records cell s4 | cut -f6 >texts &&
		while IFS= read -r t; do
			! grep -qxF "$t" texts || { echo "in a cell: $t"; return 1; }
		done <"$SHAPES/'$name'.absent"
	'
done

test_expect_success 'shapes.pdf: kinds, and the table over the page break is one table' '
	pipeline "$SHAPES/shapes.pdf" &&
	stream_records table s4 | cut -f3,4,7-11 >actual &&
	printf "%s\n" "1	5	list	1	1	5	2" "2	6	other	1	1	5	4" \
		"3	7	indicator	1	1	2	3" "4	7	other	2	2	4	5" >expect &&
	test_cmp expect actual &&
	pipeline "$SHAPES/shapes-break.pdf" &&
	stream_records table s4 | cut -f3,7-9 >actual &&
	printf "1\tallocation\t1\t2\n" >expect &&
	test_cmp expect actual &&
	stream_records check s4 | cut -f5,8 | grep -v "^paragraph" >actual &&
	printf "sum_equals_total\ttrue\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the attendance pf-segment reads from the two-column name list' '
	pipeline "$SHAPES/shapes.pdf" &&
	stream_records attendee s4 | cut -f4 >actual &&
	printf "%s\n" "Anna Berg" "Lars Ek" "Eva Sund" >expect &&
	test_cmp expect actual
'

test_done
