#!/usr/bin/env bash
# § headings in many layouts, and a document that knows when it is
# incomplete (issue 15). The sketches in t0310/ are drawn with
# tests/tools/lines2stream.py:
#   forms.sketch      "KS § 12", a dnr right of the heading and above it,
#                     "§ 15 a" / "§ 15b", "16 §", "§ 17" alone with its
#                     title below, a margin reference "KU § 317 06-12-05"
#   dash.sketch       "5 § – Title", "§ 6 - Title"; "§ 7 – 9" and "§ 6 -
#                     enligt" in text
#   furniture.sketch  one § per page, "§ N" alone where a running header
#                     with a page number would be (it was taken for one)
#   gaps.sketch       "Paragrafer 1–6" but § 3 missing, § 2 printed twice,
#                     § 5 without a title; then a document of prose, no §
#   letters.sketch    "§ 3a" with a decision, an amount and a yrkande
#                     between § 3 and § 4; then a kallelse whose items are
#                     numbered "1.", "2.", no §
#   agenda.sketch     a kallelse whose items are numbered "1." ... "4." at
#                     the margin, with a numbered bold list further in and one
#                     counting from 1 again at the margin; an agenda with §
#                     and a numbered line before the first; minutes with
#                     numbered lines
#   ocr-weight.sketch bold headings on a text layer, then OCR'd pages where
#                     "11§ Budget 2025" is plain, a size off, one span, with
#                     a bold "11 §" in the margin; "14 §" out of turn
#   ocr.sketch        an OCR'd page: "BUN 512", "BUN 8514", "BUN 8 16" for
#                     "BUN § 12" ..., lettered "BUN 815a", "BUN 815b"; a dnr
#                     table whose rule OCR read as "[" and "|"; "BUN 815c"
#                     after § 16; a bold "§ 17 presentation ..." (the
#                     capital read small), a plain "§ 18 som ovan"; a
#                     document of plain headings with "§ 2 som ..." in text
# Then a real protocol (fixtures/pdf/rvn-fu-2024.pdf) with a page removed
# goes through the whole pipeline and the driver.
. "$(dirname "$0")/test-lib.sh"

segment() { # sketch
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/$1.sketch" >in &&
	"$PF_BIN/pf-normalize" in >norm &&
	"$PF_BIN/pf-segment" norm >out 2>err
}

fields() { stream_records "$1" out | cut -f"$2"; }

# para_no, letter, title, dnr of every para record
para_rows() { stream_records para out | awk -F '\t' '{ print $3 "\t" $11 "\t" $4 "\t" $5 }'; }

test_expect_success 'heading forms: organ prefix, letters, number first, title below' '
	segment forms &&
	para_rows >actual &&
	printf "%s\n" "12		Val av justerare	\\N" \
		"13		Budget 2025	KS 2024/45" \
		"14		Delårsrapport	KS 2024/61" \
		"15	a	Lokalförsörjningsplan	\\N" \
		"15	b	Ny förskola	\\N" \
		"16		Taxor	KS 2024/70" \
		"17		Anmälan av delegationsbeslut	\\N" >expect &&
	test_cmp expect actual
'

test_expect_success 'a dash between the number and the title is left out' '
	segment dash &&
	para_rows >actual &&
	printf "%s\n" "5		Dagens gäst; Välfärdschef	\\N" \
		"6		Det våras för ungdomsfullmäktige	\\N" >expect &&
	test_cmp expect actual
'

test_expect_success 'a margin reference and a § in running text stay text' '
	segment forms &&
	! fields para 3 | grep -q "^317$" &&
	grep -q "KU § 317 06-12-05" out
'

test_expect_success 'a complete document: every check holds, no warning' '
	segment forms &&
	fields check 5,8 >actual &&
	printf "%s\ttrue\n" paragraphs_found paragraphs_stated paragraphs_in_sequence \
		paragraphs_unique paragraphs_in_order paragraph_titles >expect &&
	test_cmp expect actual &&
	! test -s err
'

test_expect_success 'one § per page: "§ 35" is a heading, not a running header' '
	segment furniture &&
	fields para 3,4 >actual &&
	printf "34\tVal av justerare\n35\tGodkännande av dagordning\n36\tInformationsärenden\n" >expect &&
	test_cmp expect actual &&
	stream_records furniture norm | cut -f12 >furn &&
	printf "Tekniska nämnden Sida %s\n" 1 2 3 >expect &&
	test_cmp expect furn
'

test_expect_success 'gaps, a § printed twice, an empty and a repeated title: checks and warnings' '
	segment gaps &&
	stream_records check out | grep "^check	3333" | cut -f5-9 >actual &&
	cat >expect <<-\EOF_ &&
	paragraphs_found	\N	5	true	\N
	paragraphs_stated	6	5	false	page 1 states §§ 1–6; missing § 3
	paragraphs_in_sequence	6	5	false	found §§ 1–6; missing § 3
	paragraphs_unique	0	1	false	§ 2 again on page 1, kept as text
	paragraphs_in_order	0	0	true	\N
	paragraph_titles	0	2	false	§ 5 has no title; § 6 repeats the title of § 4
	EOF_
	test_cmp expect actual &&
	stream_records error out | grep "^error	3333" | cut -f4-6 >actual &&
	cat >expect <<-\EOF_ &&
	pf-segment	warning	check paragraphs_stated failed: page 1 states §§ 1–6; missing § 3
	pf-segment	warning	check paragraphs_in_sequence failed: found §§ 1–6; missing § 3
	pf-segment	warning	check paragraphs_unique failed: § 2 again on page 1, kept as text
	pf-segment	warning	check paragraph_titles failed: § 5 has no title; § 6 repeats the title of § 4
	EOF_
	test_cmp expect actual &&
	test_grep "pf-segment: warning: gaps.pdf: check paragraphs_stated failed" err
'

test_expect_success 'pages of text without a § paragraph are reported' '
	segment gaps &&
	stream_records check out | grep "^check	4444" | cut -f5-8 | head -n 1 >actual &&
	printf "paragraphs_found\t\\\\N\t0\tfalse\n" >expect &&
	test_cmp expect actual &&
	test_grep "prose.pdf: check paragraphs_found failed: 0 § found on 2 pages" err
'

# the merge of issue 16 into #15: decide.c, motions.c and amounts.c write
# para_no only; pf-emit gives their rows the letter of the para record
test_expect_success 'the rows of "§ 3a" carry its letter in every table' '
	segment letters &&
	"$PF_BIN/pf-emit" --out tables out &&
	for t in paragraphs decisions amounts motions; do
		awk -F, -v t=$t "NR > 1 { print t, \$2, \$NF }" tables/$t.csv || exit 1
	done >actual &&
	cat >expect <<-\EOF_ &&
	paragraphs 3 ""
	paragraphs 3 a
	paragraphs 4 ""
	decisions 3 ""
	decisions 3 a
	decisions 4 ""
	amounts 3 ""
	amounts 3 a
	motions 3 a
	EOF_
	test_cmp expect actual
'

test_expect_success 'a kallelse whose items have no § is not reported as lost' '
	segment letters &&
	stream_records check out | grep "^check	6666" | cut -f5,8 | head -n 1 >actual &&
	printf "paragraphs_found\ttrue\n" >expect &&
	test_cmp expect actual &&
	! test -s err
'

test_expect_success 'a kallelse: its numbered items are its paragraphs' '
	segment agenda &&
	para_rows | grep -v "^1[23]	" >actual &&
	printf "%s\n" "1		Val av justerare	\\N" \
		"2		Budget 2025	SN 2024/45" \
		"3		Delårsrapport	SN 2024/60" \
		"4		Meddelanden	\\N" >expect &&
	test_cmp expect actual &&
	fields check 2,5,8 | grep "^7777.*in_sequence" >actual &&
	printf "7777777777777777\tparagraphs_in_sequence\ttrue\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a numbered list in an item, a number counting again: text' '
	segment agenda &&
	grep -q "	3\. Nya taxor	" out &&
	grep -q "	1\. Lokaler	" out &&
	! fields para 3,4 | grep -q -e "Nya taxor" -e Lokaler
'

test_expect_success 'a kallelse proposes, it decides nothing' '
	segment agenda &&
	! fields decision 2 | grep -q 7777
'

test_expect_success 'numbered lines: not before the first §, not in minutes' '
	segment agenda &&
	fields para 2,3 | grep -v ^7777 >actual &&
	printf "8888888888888888\t12\n8888888888888888\t13\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'OCR: a misread § read by the sequence, also lettered; specks at a table rule' '
	segment ocr &&
	para_rows | grep -v -e "^1	" -e "^2	" >actual &&
	printf "%s\n" "12		VAL AV JUSTERARE	\\N" \
		"13		GODKÄNNANDE AV DAGORDNING	\\N" \
		"14		DELÅRSRAPPORT	BUN 2024/31" \
		"15	a	LOKALFÖRSÖRJNINGSPLAN	BUN 2023/188" \
		"15	b	NY FÖRSKOLA	\\N" \
		"16		UPPHANDLING	\\N" \
		"17		Presentation av planen	\\N" >expect &&
	test_cmp expect actual &&
	grep -q "	BUN 815c FEL I ORDNINGEN	" out &&
	grep -q "	§ 18 som ovan	" out &&
	fields para 2,3,4 | grep ^bbbb >actual &&
	printf "bbbbbbbbbbbbbbbb\t%s\n" "1	Val av justerare" "2	Budget" >expect &&
	test_cmp expect actual
'

test_expect_success 'OCR: the heading expected next is one without its weight and size' '
	segment ocr-weight &&
	para_rows >actual &&
	printf "%s\n" "10		Val av justerare	\\N" \
		"11		Budget 2025	\\N" \
		"12		Taxor	\\N" >expect &&
	test_cmp expect actual &&
	grep -q "	14 § Kommunallagen gäller	" out &&
	! fields check 5,8 | grep -q false
'

test_expect_success 'OCR: the numbers read so are said in a check row' '
	segment ocr &&
	fields check 5,6,7,8,9 | grep ocr_read >actual &&
	printf "paragraphs_ocr_read\t\\N\t7\ttrue\t%s\n" \
		"§§ 12–14, 15a, 15b, 16, 17 read by the sequence where OCR misread the heading" >expect &&
	test_cmp expect actual &&
	segment forms &&
	! fields check 5 | grep -q ocr_read
'

test_expect_success 'the documents row says which documents can be trusted' '
	segment gaps &&
	"$PF_BIN/pf-emit" --out tables out &&
	cut -d, -f1,16-18 tables/documents.csv >actual &&
	printf "%s\n" doc_id,quality,failed_checks,warnings 3333333333333333,failed_checks,4,4 \
		4444444444444444,failed_checks,1,1 >expect &&
	test_cmp expect actual
'

# quality, failed_checks, warnings: documents.csv's three columns before text_trust, ocr_pages
last3() { awk -F, '{ print $(NF-4) "," $(NF-3) "," $(NF-2) }' "$1"; }

lose_page() { # a copy of the protocol without page 22, which holds all of § 36
	pdfseparate "$PF_ROOT/fixtures/pdf/rvn-fu-2024.pdf" p-%02d.pdf &&
	rm p-22.pdf && pdfunite p-*.pdf lost.pdf && rm p-*.pdf
}

pipeline() { # pdf out
	"$PF_BIN/pf-pdftext" "$1" | "$PF_BIN/pf-normalize" | "$PF_BIN/pf-segment" 2>err |
		"$PF_BIN/pf-tables" | "$PF_BIN/pf-emit" --out "$2"
}

test_expect_success 'the whole protocol: quality ok' '
	pipeline "$PF_ROOT/fixtures/pdf/rvn-fu-2024.pdf" whole &&
	last3 whole/documents.csv >actual &&
	printf "quality,failed_checks,warnings\nok,0,0\n" >expect &&
	test_cmp expect actual
'

# issue 15: a paragraph lost to any cause left no trace
test_expect_success 'a page removed from a protocol: the gap is reported' '
	lose_page &&
	pipeline lost.pdf lost &&
	grep ",paragraphs_in_sequence," lost/checks.csv | cut -d, -f6- >actual &&
	echo "17,16,false,found §§ 25–41; missing § 36," >expect &&
	test_cmp expect actual &&
	test_grep ",pf-segment,warning,check paragraphs_in_sequence failed: found §§ 25–41; missing § 36" lost/errors.csv &&
	last3 lost/documents.csv >actual &&
	printf "quality,failed_checks,warnings\nfailed_checks,1,1\n" >expect &&
	test_cmp expect actual &&
	test_grep "lost.pdf: check paragraphs_in_sequence failed" err
'

test_expect_success 'paragraf run counts the documents by quality' '
	lose_page && mkdir inbox && mv lost.pdf inbox/ &&
	cp "$PF_ROOT/fixtures/pdf/rvn-fu-2024.pdf" inbox/whole.pdf &&
	"$PF_BIN/paragraf" run --out run inbox 2>err &&
	test_grep "paragraf: quality: 1 ok, 0 with warnings, 1 with failed checks" err
'

test_done
