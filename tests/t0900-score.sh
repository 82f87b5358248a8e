#!/usr/bin/env bash
# t0900: scripts/score, the accuracy scorer.
#
# Plan: two truth documents (tests/score/expected: ks-2024, kf-2023, all five tables,
# quoted fields with commas, newlines, doubled quotes and Swedish letters) scored against
#   out-same   the same rows shuffled, columns reordered, an extra column, other doc_id
#              values, CRLF line ends, quoted empties    -> all 1.00, exit 0
#   out-space  the same rows with only whitespace changed -> all 1.00
#   out-wrong  one title changed, one decision missing, one extra allocation row, one
#              amount off by one -> the figures worked out by hand in tests/score/*.expect
# plus folders built here for a missing document, --map, --variants, multiset counting,
# empty tables, and the usage errors (exit 2).
# Golden files: tests/score/*.expect. Every figure in them was computed by hand:
# e.g. ks-2024 decisions 5 expected, 4 got, 4 matched: P 4/4, R 4/5, F1 8/9 = 0.89.

# test-lib.sh finds the repo from $0 itself: source it without cd, so this script
# runs from any directory (bash tests/t0900-score.sh, or tests/run).
. "$(dirname "$0")/test-lib.sh"

SCORE="$PF_ROOT/scripts/score"
D="$PF_ROOT/tests/score"

# Copy truth doc folder(s) or output folders into a fresh folder: mkdir_from DIR SRC...
mkdir_from () {
	dir=$1 && shift &&
	rm -rf "$dir" && mkdir "$dir" &&
	for src in "$@"; do cp -R "$src" "$dir"/ || return 1; done
}

test_expect_success 'identical output scores 1.00 everywhere, exit 0' '
	"$SCORE" --thresholds "$D/thresholds" "$D/expected" "$D/out-same" >actual &&
	test_cmp "$D/perfect.expect" actual
'

test_expect_success 'output equal to the truth files scores 1.00' '
	"$SCORE" "$D/expected" "$D/expected" >actual &&
	test_cmp "$D/perfect.expect" actual
'

test_expect_success 'whitespace differences only score 1.00' '
	"$SCORE" "$D/expected" "$D/out-space" >actual &&
	test_cmp "$D/perfect.expect" actual
'

test_expect_success 'wrong output: hand-computed figures, exit 0 without thresholds' '
	"$SCORE" "$D/expected" "$D/out-wrong" >actual &&
	sed "/^FAIL/d" "$D/wrong.expect" >expect &&
	test_cmp expect actual
'

test_expect_success 'wrong output with thresholds: FAIL lines, exit 1' '
	test_expect_code 1 "$SCORE" --thresholds "$D/thresholds" \
		"$D/expected" "$D/out-wrong" >actual &&
	test_cmp "$D/wrong.expect" actual
'

test_expect_success '-v lists missing and extra rows under each row' '
	"$SCORE" -v "$D/expected" "$D/out-wrong" >actual &&
	test_cmp "$D/wrong-v.expect" actual
'

test_expect_success '--csv and --markdown print the same figures' '
	"$SCORE" --csv "$D/expected" "$D/out-wrong" >actual &&
	test_cmp "$D/wrong.csv.expect" actual &&
	"$SCORE" --markdown "$D/expected" "$D/out-wrong" >actual &&
	test_cmp "$D/wrong.md.expect" actual
'

test_expect_success '--csv keeps FAIL lines off stdout' '
	test_expect_code 1 "$SCORE" --csv --thresholds "$D/thresholds" \
		"$D/expected" "$D/out-wrong" >actual 2>err &&
	test_cmp "$D/wrong.csv.expect" actual &&
	grep "^FAIL" "$D/wrong.expect" >expect &&
	test_cmp expect err
'

test_expect_success 'FAIL shows F1 precisely enough to be seen below the minimum' '
	echo "ks-* decisions 0.89" >rules &&
	test_expect_code 1 "$SCORE" --thresholds rules "$D/expected" "$D/out-wrong" >actual &&
	echo "FAIL ks-2024 decisions 0.889 < 0.89" >expect &&
	grep "^FAIL" actual >got &&
	test_cmp expect got
'

test_expect_success 'thresholds: the last matching rule wins, none removes' '
	cat >rules <<-\EOF &&
	# everything perfect ...
	*      *            1.00
	# ... except ks-2024, not checked at all
	ks-*   *            none
	EOF
	test_expect_code 1 "$SCORE" --thresholds rules "$D/expected" "$D/out-wrong" >actual &&
	echo "FAIL kf-2023 allocations 0.50 < 1.00" >expect &&
	grep "^FAIL" actual >got &&
	test_cmp expect got
'

test_expect_success 'missing output document scores recall 0' '
	mkdir_from out "$D/out-same/ks-2024" &&
	"$SCORE" "$D/expected" out >actual &&
	test_cmp "$D/missing-doc.expect" actual
'

test_expect_success 'missing output file counts as empty, -v says so' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	rm out/kf-2023/attendees.csv &&
	"$SCORE" --csv -v "$D/expected" out >actual 2>err &&
	test_grep "^kf-2023,attendees,3,0,0,0.00,0.00,0.00\$" actual &&
	test_grep "! no output file .out/kf-2023/attendees.csv." err
'

test_expect_success 'truth file missing: that table is not scored for that doc' '
	mkdir_from truth "$D/expected/ks-2024" "$D/expected/kf-2023" &&
	rm truth/kf-2023/table_cells.csv &&
	"$SCORE" --csv truth "$D/out-same" >actual &&
	! grep "^kf-2023,table_cells," actual &&
	test_grep "^TOTAL,table_cells,9,9,9,1.00,1.00,1.00\$" actual
'

test_expect_success '--variants scores X-suffix against truth X' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	rm -r out/kf-2023 &&
	cp -R "$D/out-same/kf-2023" out/kf-2023-weasy &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	mkdir out/unrelated &&
	"$SCORE" --variants "$D/expected" out >actual 2>err &&
	test_cmp "$D/variants.expect" actual &&
	test_grep "not scored .unrelated." err
'

# ks-2024-scan (paragraphs 3 of 4) and kf-2023-scan (3 of 3): TOTAL-scan
# paragraphs is 7 expected, 7 got, 6 matched, F1 12/14 = 0.857.
test_expect_success 'TOTAL-<suffix> rows sum a variant and are checked like documents' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	cp -R "$D/out-same/kf-2023" out/kf-2023-scan &&
	"$SCORE" --csv --variants "$D/expected" out >actual &&
	test_grep "^TOTAL-scan,paragraphs,7,7,6,0.86,0.86,0.86$" actual &&
	test_grep "^TOTAL,paragraphs,14,14,13," actual &&
	printf "%s\n" "*-scan paragraphs 0.85" "ks-2024-scan paragraphs none" >rules &&
	"$SCORE" --variants --thresholds rules "$D/expected" out >actual &&
	printf "%s\n" "*-scan paragraphs 0.86" "ks-2024-scan paragraphs none" >rules &&
	test_expect_code 1 "$SCORE" --variants --thresholds rules "$D/expected" out >actual &&
	test_grep "^FAIL TOTAL-scan paragraphs 0.857" actual &&
	! test_grep "FAIL ks-2024-scan" actual
'

test_expect_success '--variants takes the longest truth name before a dash' '
	mkdir_from truth "$D/expected/ks-2024" &&
	cp -R "$D/expected/ks-2024" truth/ks-2024-scan &&
	mkdir_from out "$D/out-same/ks-2024" &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan-300dpi &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	cp -R "$D/out-same/ks-2024" out/ks-2024-weasy-a4 &&
	"$SCORE" --csv --variants truth out >actual &&
	test_grep "^ks-2024-scan-300dpi,paragraphs,4,4,3," actual &&
	test_grep "^ks-2024-weasy-a4,paragraphs,4,4,4," actual &&
	test_grep "^TOTAL,paragraphs,16,16,14," actual
'

test_expect_success 'without --variants, variant folders are not scored' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	"$SCORE" "$D/expected" out >actual 2>err &&
	test_cmp "$D/perfect.expect" actual &&
	test_grep "not scored .ks-2024-scan." err
'

test_expect_success '--map scores a truth against other folders' '
	rm -rf out && mkdir out &&
	cp -R "$D/out-same/kf-2023" out/kf &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	"$SCORE" --map ks-2024=ks-2024-scan --map kf-2023=kf "$D/expected" out >actual &&
	test_cmp "$D/map.expect" actual
'

test_expect_success '--map also keeps the same-named folder when it exists' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-scan &&
	cp -R "$D/out-wrong/ks-2024" out/ks-2024-weasy &&
	"$SCORE" --csv --map ks-2024=ks-2024-scan --map ks-2024=ks-2024-weasy \
		"$D/expected" out >actual &&
	test_grep "^ks-2024,paragraphs,4,4,4," actual &&
	test_grep "^ks-2024-scan,paragraphs,4,4,3," actual &&
	test_grep "^ks-2024-weasy,paragraphs,4,4,3," actual &&
	test_grep "^TOTAL,paragraphs,15,15,13," actual
'

test_expect_success 'rows are multisets; empty vs empty is 1.00, empty vs rows is 0' '
	rm -rf truth out && mkdir -p truth/d out/d &&
	printf "doc_id,name,party,role\nd,Eva Ek,S,ledamot\nd,Eva Ek,S,ledamot\n" \
		>truth/d/attendees.csv &&
	printf "name,party,role\nEva Ek,S,ledamot\nEva Ek,S,ledamot\nEva Ek,S,ledamot\n" \
		>out/d/attendees.csv &&
	printf "doc_id,para_no,text\n" >truth/d/decisions.csv &&
	printf "doc_id,para_no,text\n" >out/d/decisions.csv &&
	printf "doc_id,para_no,title,dnr\n" >truth/d/paragraphs.csv &&
	printf "doc_id,para_no,title,dnr\nd,1,Val,\n" >out/d/paragraphs.csv &&
	"$SCORE" --csv truth out >actual &&
	cat >expect <<-\EOF &&
	doc,table,expected,got,matched,precision,recall,f1
	d,paragraphs,0,1,0,0.00,0.00,0.00
	d,decisions,0,0,0,1.00,1.00,1.00
	d,attendees,2,3,2,0.67,1.00,0.80
	TOTAL,paragraphs,0,1,0,0.00,0.00,0.00
	TOTAL,decisions,0,0,0,1.00,1.00,1.00
	TOTAL,attendees,2,3,2,0.67,1.00,0.80
	EOF
	test_cmp expect actual
'

test_expect_success '-v shows at most 20 mismatches of each kind per row' '
	rm -rf truth out && mkdir -p truth/d out/d &&
	{ echo "doc_id,para_no,text" && for i in $(seq 1 25); do echo "d,$i,a"; done; } \
		>truth/d/decisions.csv &&
	{ echo "doc_id,para_no,text" && for i in $(seq 1 21); do echo "d,$i,b"; done; } \
		>out/d/decisions.csv &&
	"$SCORE" -v truth out >actual &&
	test $(grep -c "^  - expected: " actual) = 20 &&
	test $(grep -c "^  + got: " actual) = 20 &&
	test_grep "^  - \.\.\. and 5 more missing\$" actual &&
	test_grep "^  + \.\.\. and 1 more extra\$" actual
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 "$SCORE" 2>err &&
	test_expect_code 2 "$SCORE" "$D/expected" 2>err &&
	test_expect_code 2 "$SCORE" --no-such-option "$D/expected" "$D/out-same" 2>err &&
	test_expect_code 2 "$SCORE" --csv --markdown "$D/expected" "$D/out-same" 2>err &&
	test_expect_code 2 "$SCORE" no-such-dir "$D/out-same" 2>err &&
	test_grep "no such directory .no-such-dir." err &&
	test_expect_code 2 "$SCORE" "$D/expected" no-such-dir 2>err &&
	test_expect_code 2 "$SCORE" --map ks-2024 "$D/expected" "$D/out-same" 2>err &&
	test_expect_code 2 "$SCORE" --map nobody=x "$D/expected" "$D/out-same" 2>err &&
	test_expect_code 2 "$SCORE" --thresholds no-such-file "$D/expected" "$D/out-same" 2>err &&
	echo "* paragraph 1.00" >rules &&
	test_expect_code 2 "$SCORE" --thresholds rules "$D/expected" "$D/out-same" 2>err &&
	test_grep "rules. line 1" err &&
	echo "* paragraphs 1.5" >rules &&
	test_expect_code 2 "$SCORE" --thresholds rules "$D/expected" "$D/out-same" 2>err &&
	rm -rf empty && mkdir empty &&
	test_expect_code 2 "$SCORE" empty "$D/out-same" 2>err
'

test_expect_success 'bad CSV exits 2 naming the file' '
	mkdir_from out "$D/out-same/ks-2024" "$D/out-same/kf-2023" &&
	printf "doc_id,para_no,title\nx,1,a\n" >out/kf-2023/paragraphs.csv &&
	test_expect_code 2 "$SCORE" "$D/expected" out >actual 2>err &&
	test_grep "missing key column .dnr. in header of .out/kf-2023/paragraphs.csv." err &&
	test ! -s actual &&
	printf "doc_id,para_no,title,dnr\nx,1,\"a\n" >out/kf-2023/paragraphs.csv &&
	test_expect_code 2 "$SCORE" "$D/expected" out 2>err &&
	test_grep "out/kf-2023/paragraphs.csv" err &&
	printf "doc_id,para_no,title,dnr\nx,1,\377,b\n" >out/kf-2023/paragraphs.csv &&
	test_expect_code 2 "$SCORE" "$D/expected" out 2>err &&
	test_grep "not valid UTF-8" err &&
	printf "doc_id,para_no,title,dnr\nx,1,a\n" >out/kf-2023/paragraphs.csv &&
	test_expect_code 2 "$SCORE" "$D/expected" out 2>err &&
	test_grep "line 2: 3 fields, header has 4" err &&
	: >out/kf-2023/paragraphs.csv &&
	test_expect_code 2 "$SCORE" "$D/expected" out 2>err &&
	test_grep "no header row" err
'

test_expect_success 'the shipped scripts/score-thresholds parses' '
	"$SCORE" --variants --thresholds "$PF_ROOT/scripts/score-thresholds" \
		"$D/expected" "$D/out-same" >actual &&
	test_cmp "$D/perfect.expect" actual
'

test_expect_success '--help documents the exit codes' '
	"$SCORE" --help >actual &&
	test_grep "^exit status:" actual &&
	test_grep "^  2  usage error" actual
'

# documents.csv is seven (field, value) rows, compared without regard to case;
# a truth without the later columns meeting_time and meeting_end_time scores
# the other five: organization "SVERIGES RIKSBANK" = "Sveriges riksbank";
# organ and place differ; doc_type and date agree: 5 expected, 5 got, 3
# matched, F1 6/10 = 0.60.
test_expect_success 'documents: scored field by field, case-insensitively' '
	mkdir -p truth/rb out/rb &&
	printf "%s\n" "doc_id,organization,organ,doc_type,meeting_date,place" \
		"rb,Sveriges riksbank,Direktionen,protokoll,2016-01-04," >truth/rb/documents.csv &&
	printf "%s\n" "doc_id,source,organization,organ,doc_type,meeting_date,place" \
		"x,a.pdf,SVERIGES RIKSBANK,,protokoll,2016-01-04,Stockholm" >out/rb/documents.csv &&
	"$SCORE" --csv -v truth out >actual 2>err &&
	test_grep "^rb,documents,5,5,3,0.60,0.60,0.60$" actual &&
	test_grep "expected: (field=\"organ\", value=\"direktionen\")" err &&
	test_grep "got: (field=\"place\", value=\"stockholm\")" err
'

# The meeting's times: truth 13:00 and no end; an output with 13:00 and an
# end 15:30 matches six of seven (the empty end is a row too); an output
# without the time columns (before them) has them empty: six of seven again,
# the start missed this time.
test_expect_success 'documents: meeting_time and meeting_end_time, also from an output without them' '
	mkdir -p truth/rb out/rb old/rb &&
	printf "%s\n" "doc_id,organization,organ,doc_type,meeting_date,meeting_time,meeting_end_time,place" \
		"rb,Sveriges riksbank,Direktionen,protokoll,2016-01-04,13:00,," >truth/rb/documents.csv &&
	printf "%s\n" "doc_id,organization,organ,doc_type,meeting_date,meeting_end_date,meeting_time,meeting_end_time,place" \
		"x,Sveriges riksbank,Direktionen,protokoll,2016-01-04,,13:00,15:30," >out/rb/documents.csv &&
	printf "%s\n" "doc_id,organization,organ,doc_type,meeting_date,place" \
		"x,Sveriges riksbank,Direktionen,protokoll,2016-01-04," >old/rb/documents.csv &&
	"$SCORE" --csv -v truth out >actual 2>err &&
	test_grep "^rb,documents,7,7,6,0.86,0.86,0.86$" actual &&
	test_grep "expected: (field=\"meeting_end_time\", value=\"\")" err &&
	test_grep "got: (field=\"meeting_end_time\", value=\"15:30\")" err &&
	"$SCORE" --csv -v truth old >actual 2>err &&
	test_grep "^rb,documents,7,7,6,0.86,0.86,0.86$" actual &&
	test_grep "expected: (field=\"meeting_time\", value=\"13:00\")" err
'

# amounts: an output with amount_sek and no currency column means kronor (the
# contract before the currency column). Truth 7 000 000 EUR and 1 500 SEK;
# got 7000000 (SEK) and 1500 (SEK): 1 of 2, F1 2/4 = 0.50. With a currency
# column and "1500.00" both match.
test_expect_success 'amounts: amount_sek means SEK; amounts compared as numbers' '
	mkdir -p truth/a out/a &&
	printf "%s\n" "doc_id,para_no,seq,amount,currency,raw" \
		"a,4,1,7000000,EUR,ca 7 miljoner euro" "a,4,2,1500,SEK,1 500 kr" >truth/a/amounts.csv &&
	printf "%s\n" "doc_id,para_no,seq,amount_sek,raw,unit,recipient,page" \
		"x,4,1,7000000,,,," "x,4,2,1500,,,," >out/a/amounts.csv &&
	"$SCORE" --csv truth out >actual &&
	test_grep "^a,amounts,2,2,1,0.50,0.50,0.50$" actual &&
	printf "%s\n" "doc_id,para_no,seq,amount,currency" \
		"x,4,1,7000000,EUR" "x,4,2,1500.00,SEK" >out/a/amounts.csv &&
	"$SCORE" --csv truth out >actual &&
	test_grep "^a,amounts,2,2,2,1.00,1.00,1.00$" actual
'

# para_no "3a" is the § as printed: "§ 3 A" and para_no 3 with para_letter a
# are the same; 3 without a letter is another §: 2 of 3 match, F1 4/6 = 0.67.
test_expect_success 'para_no: letters, spaces, the sign and a para_letter column' '
	mkdir -p truth/p out/p &&
	printf "%s\n" "doc_id,para_no,title,dnr" "p,3,Tre," "p,3a,Tre a," "p,3b,Tre b," \
		>truth/p/paragraphs.csv &&
	printf "%s\n" "doc_id,para_no,para_letter,title,dnr" "x,3,a,Tre a," "x,§ 3 B,,Tre b," \
		"x,3,,Tre c," >out/p/paragraphs.csv &&
	"$SCORE" --csv truth out >actual &&
	test_grep "^p,paragraphs,3,3,2,0.67,0.67,0.67$" actual
'

# Groups: each has its own TOTAL rows; thresholds match GROUP/DOC; a TOTAL row
# is checked only by a rule whose doc glob ends in TOTAL. g1 holds out-same
# (1.00), g2 out-wrong (ks-2024 paragraphs 3 of 4 = 0.75, TOTAL 6 of 7 = 0.86).
test_expect_success '--group: a group column, totals per group, GROUP/DOC rules' '
	"$SCORE" --csv --group g1 "$D/expected" "$D/out-same" \
		--group g2 "$D/expected" "$D/out-wrong" >actual &&
	test_grep "^group,doc,table,expected" actual &&
	test_grep "^g1,ks-2024,paragraphs,4,4,4,1.00,1.00,1.00$" actual &&
	test_grep "^g1,TOTAL,paragraphs,7,7,7," actual &&
	test_grep "^g2,ks-2024,paragraphs,4,4,3,0.75,0.75,0.75$" actual &&
	test_grep "^g2,TOTAL,paragraphs,7,7,6,0.86,0.86,0.86$" actual &&
	printf "%s\n" "* paragraphs 0.70" "g1/* paragraphs 1.00" "g2/kf-* paragraphs 1.00" \
		>rules &&
	"$SCORE" --thresholds rules --group g1 "$D/expected" "$D/out-same" \
		--group g2 "$D/expected" "$D/out-wrong" >actual &&
	printf "%s\n" "g2/* paragraphs 0.9" "g2/ks-2024 paragraphs none" >rules &&
	"$SCORE" --thresholds rules --group g1 "$D/expected" "$D/out-same" \
		--group g2 "$D/expected" "$D/out-wrong" >actual &&
	printf "%s\n" "g2/TOTAL paragraphs 0.9" >rules &&
	test_expect_code 1 "$SCORE" --thresholds rules --group g1 "$D/expected" "$D/out-same" \
		--group g2 "$D/expected" "$D/out-wrong" >actual &&
	test_grep "^FAIL g2/TOTAL paragraphs 0.86 < 0.9$" actual &&
	test_expect_code 2 "$SCORE" --group g1 "$D/expected" "$D/out-same" \
		"$D/expected" "$D/out-same" 2>err &&
	test_grep "not both" err &&
	test_expect_code 2 "$SCORE" --group g1 "$D/expected" "$D/out-same" \
		--group g1 "$D/expected" "$D/out-same" 2>err &&
	test_grep "bad --group name" err
'

test_done
