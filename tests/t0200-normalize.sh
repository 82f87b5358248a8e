#!/usr/bin/env bash
# pf-normalize: stream in, stream out. in-repairs.stream holds a positive
# and a negative case of every kind of repair (read it beside the golden).
. "$(dirname "$0")/test-lib.sh"
IN=$TESTDIR/streams

test_expect_success 'whitespace in line and span text is collapsed, the rest untouched' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >out &&
	test_golden "$GOLDEN/a.stream" out
'

test_expect_success 'records other than line pass through unchanged and in order' '
	"$PF_BIN/pf-normalize" "$IN/a.stream" >out &&
	grep -v "^line" "$IN/a.stream" >expect &&
	grep -v "^line" out >actual &&
	test_cmp expect actual
'

test_expect_success 'every kind of repair, with trace records (golden)' '
	"$PF_BIN/pf-normalize" --trace "$GOLDEN/in-repairs.stream" >out &&
	test_golden "$GOLDEN/repairs.stream" out
'

# OCR'd words: t0200/ocr-words.sketch has the same text on an OCR'd page
# (repaired) and on a born-digital one (left as printed).
test_expect_success 'OCR pages: words rejoined and split, codes, "8" for §, stray quote, % and /, I/J letters (golden)' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/ocr-words.sketch" >in &&
	"$PF_BIN/pf-normalize" --trace in >out &&
	test_golden "$GOLDEN/ocr-words.stream" out
'

test_expect_success 'born-digital pages keep the same words as printed' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/ocr-words.sketch" >in &&
	"$PF_BIN/pf-normalize" in >out &&
	grep "^line	[^	]*	2	" in | cut -f12 >expect &&
	grep "^line	[^	]*	2	" out | cut -f12 >actual &&
	test_cmp expect actual
'

test_expect_success 'without the dictionary: one warning, the other repairs still run' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/ocr-words.sketch" >in &&
	PF_DICTIONARY=/nonexistent/sv_SE "$PF_BIN/pf-normalize" in >out 2>err &&
	grep -c "no Swedish dictionary at /nonexistent/sv_SE" err >count &&
	echo 1 >one && test_cmp one count &&
	grep -q "24HSN5403" out && grep -q "hälso- och sjukvård snämndens" out
'

test_expect_success '--stats counts every kind on stderr' '
	"$PF_BIN/pf-normalize" --stats "$GOLDEN/in-repairs.stream" >out 2>err &&
	test_golden "$GOLDEN/repairs.stats" err
'

test_expect_success 'nothing is lost: every change is a traced repair' '
	"$PF_BIN/pf-normalize" --trace "$GOLDEN/in-repairs.stream" >out &&
	python3 "$TESTDIR/tools/nothing-lost.py" "$GOLDEN/in-repairs.stream" out
'

test_expect_success 'the checker itself fails on an untraced change' '
	"$PF_BIN/pf-normalize" --trace "$GOLDEN/in-repairs.stream" >out &&
	sed "s/Sammanträdesdatum/Sammantradesdatum/" out >changed &&
	test_expect_code 1 python3 "$TESTDIR/tools/nothing-lost.py" "$GOLDEN/in-repairs.stream" changed
'

test_expect_success 'nothing is lost on real PDFs through pf-pdftext' '
	for pdf in "$TESTDIR"/pdf/protocol.pdf "$TESTDIR"/pdf/table.pdf "$PF_ROOT"/fixtures/pdf/*.pdf; do
		test -f "$pdf" || continue
		"$PF_BIN/pf-pdftext" "$pdf" >in 2>/dev/null || true
		"$PF_BIN/pf-normalize" --trace in >out &&
		python3 "$TESTDIR/tools/nothing-lost.py" in out || exit 1
	done
'

# the Swedish suspended compounds must survive (issue #4)
for kept in "och till barn-" "och ungdomspsykiatri samt produktions-" \
	    "2025 enligt 1:e vice ordförande." "S 3 st ledamöter" "8 29 kr per styck" \
	    "Ärenden" "Handläggaren" "SOS, IO och Olle" "enligt § 12" "345 kr till projektet"; do
	test_expect_success "kept as printed: $kept" '
		"$PF_BIN/pf-normalize" "$GOLDEN/in-repairs.stream" >out &&
		test_grep "$kept" out
	'
done

test_expect_success 'furniture: repeated header and signature row, not the page-1 title' '
	"$PF_BIN/pf-normalize" "$GOLDEN/in-repairs.stream" >out &&
	stream_records furniture out | cut -f3,4 >actual &&
	printf "1\t0\n1\t21\n2\t1\n2\t18\n3\t1\n3\t3\n" >expect &&
	test_cmp expect actual &&
	test_grep "^line	00112233445566aa	1	1	.*Sammanträdesdatum" out
'

test_expect_success 'OCR paragraph signs: stray marks, a quote before the title, a glued 8 in sequence' '
	cat >sketch <<-\EOF_ &&
	=== doc 00112233445566bb scan.pdf
	=== page
	[y=100] &24 =: Val av justerare
	825 Fastställande av föredragningslista
	&28 ”Ansökan om dispens
	899 Ledamöter valdes
	8 99 kr per styck
	EOF_
	python3 "$TESTDIR/tools/lines2stream.py" sketch >in &&
	"$PF_BIN/pf-normalize" in >out &&
	stream_records line out | cut -f12 >actual &&
	cat >expect <<-\EOF_ &&
	§ 24 Val av justerare
	§ 25 Fastställande av föredragningslista
	§ 28 ”Ansökan om dispens
	899 Ledamöter valdes
	8 99 kr per styck
	EOF_
	test_cmp expect actual
'

test_expect_success 'OCR pages: a span of years gets an en dash, " the Swedish quote; dates, longer numbers and born-digital pages do not' '
	t="plan 2022-2024, datum 2024-03-06, 2022-2024-01, nr 12022-2024 och 1999-2001, \"Soppåsar\"." &&
	line="line\t0123456789abcdef\t%d\t1\t57\t%d\t500\t%d\t10\t0\t0\t%s\t57\t500\t%s\n" &&
	page="page\t0123456789abcdef\t%d\t595.30\t841.90\t0\t100\t%s\n" &&
	{ printf "stream\tparagraf\t1\n" &&
	  printf "$page" 1 ocr && printf "$line" 1 300 312 "$t" "$t" &&
	  printf "$page" 2 born_digital && printf "$line" 2 400 412 "$t" "$t"; } >in &&
	"$PF_BIN/pf-normalize" in >out &&
	stream_records line out | cut -f12 >actual &&
	echo "plan 2022–2024, datum 2024-03-06, 2022-2024-01, nr 12022-2024 och 1999–2001, ”Soppåsar”." >expect &&
	echo "$t" >>expect &&
	test_cmp expect actual
'

test_expect_success 'a one-page document loses its page number and signature row' '
	tr "|" "\t" >in <<-\EOF_ &&
	stream|paragraf|1
	page|00112233445566aa|1|595.30|841.90|0|100
	line|00112233445566aa|1|1|57.00|100.00|300.00|112.00|10.00|0|0|Text|57.00|300.00|Text
	line|00112233445566aa|1|2|57.00|790.00|500.00|802.00|10.00|0|0|Ordförandens sign Justerandens sign|57.00|150.00|Ordförandens sign|200.00|300.00|Justerandens sign
	line|00112233445566aa|1|3|280.00|810.00|320.00|822.00|10.00|0|0|Sida 1(1)|280.00|320.00|Sida 1(1)
	EOF_
	"$PF_BIN/pf-normalize" in >out &&
	stream_records furniture out | cut -f4 >actual &&
	printf "2\n3\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'normalizing twice changes nothing more' '
	"$PF_BIN/pf-normalize" "$GOLDEN/in-repairs.stream" >once &&
	"$PF_BIN/pf-normalize" once >twice &&
	sed "s/^furniture/line/" once >once-as-lines &&
	"$PF_BIN/pf-normalize" once-as-lines >thrice &&
	test_cmp once twice && test_cmp once thrice
'

test_expect_success 'concatenated documents are held and written apart' '
	cat "$GOLDEN/in-repairs.stream" "$IN/b.stream" >in &&
	"$PF_BIN/pf-normalize" in >out &&
	"$PF_BIN/pf-normalize" "$GOLDEN/in-repairs.stream" >one &&
	"$PF_BIN/pf-normalize" "$IN/b.stream" >two &&
	{ cat one; tail -n +2 two; } >expect &&
	test_cmp expect out
'

test_done
