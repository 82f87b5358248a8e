#!/usr/bin/env bash
# pf-pdftext: PDF files in, the record stream out (docs/pf-pdftext.md).
#
# The PDFs are in tests/pdf/, made by scripts/make-test-pdfs (LibreOffice,
# qpdf, head, dd). Golden streams in tests/t1000/ were read by hand once:
# regenerate them with PF_TEST_UPDATE=1 only after changing the PDFs or the
# stage, and read the diff. Each case copies the PDF it reads into its own
# directory, so that the source field (the path as given) is machine-free.
. "$(dirname "$0")/test-lib.sh"

PDF=$TESTDIR/pdf
PDFTEXT=$PF_BIN/pf-pdftext

# doc id of a file: the first 16 hex digits of its SHA-256
doc_id() {
	sha256sum "$1" | cut -c1-16
}

# span texts of the line whose text starts with $1, one per line
spans_of() {
	awk -F '\t' -v s="$1" '$1 == "line" && index($12, s) == 1 {
		for (i = 13; i <= NF; i += 3) print $(i + 2)
	}' "$2"
}

# ---- golden streams ----

test_expect_success 'the 3-page protocol gives its golden stream' '
	cp "$PDF/protocol.pdf" . &&
	"$PDFTEXT" protocol.pdf >out 2>err &&
	test_golden "$GOLDEN/protocol.stream" out &&
	! test -s err
'

test_expect_success 'the table page gives its golden stream' '
	cp "$PDF/table.pdf" . &&
	"$PDFTEXT" table.pdf >out &&
	test_golden "$GOLDEN/table.stream" out
'

test_expect_success 'the output is a stream the other stages read' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	"$PDFTEXT" protocol.pdf table.pdf >out &&
	"$PF_BIN/pf-tables" out >back
'

# ---- records ----

test_expect_success 'doc record: id, source, sha256, pages, producer, title' '
	cp "$PDF/protocol.pdf" . &&
	"$PDFTEXT" protocol.pdf >out &&
	sum=$(sha256sum protocol.pdf | cut -d" " -f1) &&
	printf "doc\t%s\tprotocol.pdf\t%s\t3\tLibreOffice 7.4\tProtokoll Kommunstyrelsen 2024-03-12\n" \
		"$(doc_id protocol.pdf)" "$sum" >expect &&
	stream_records doc out >actual &&
	test_cmp expect actual
'

test_expect_success 'end record: pages, lines, text layer born_digital' '
	cp "$PDF/protocol.pdf" . &&
	"$PDFTEXT" protocol.pdf >out &&
	lines=$(stream_records line out | wc -l) &&
	printf "end\t%s\t3\t%d\tborn_digital\n" "$(doc_id protocol.pdf)" "$lines" >expect &&
	stream_records end out | cut -f1-5 >actual &&
	test_cmp expect actual
'

test_expect_success 'line numbers run 1.. within each page, top to bottom' '
	"$PDFTEXT" "$PDF/protocol.pdf" >out &&
	awk -F "\t" '\''$1 == "line" {
		if ($3 != page) { page = $3; want = 1; y = -1 }
		if ($4 != want++) { print "page " $3 " line " $4 " out of order"; exit 1 }
		if ($8 < y) { print "page " $3 " line " $4 " above the previous"; exit 1 }
		y = $8
	}'\'' out
'

test_expect_success '"§ 12 Title" headings are bold lines, body lines are not' '
	"$PDFTEXT" "$PDF/protocol.pdf" >out &&
	awk -F "\t" '\''$1 == "line" && $12 ~ /^§ [0-9]+ / { print $10, $12 }'\'' out >actual &&
	cat >expect <<-\EOF &&
	1 § 12 Val av justerare
	1 § 13 Ändring av förslaget – ”Överenskommelse om samverkan”
	1 § 14 Fördelning av statsbidrag för 2024
	1 § 15 Anmälan av delegationsbeslut
	1 § 16 Övriga frågor
	EOF
	test_cmp expect actual &&
	awk -F "\t" '\''$1 == "line" && $12 ~ /^att / && $10 != 0 { exit 1 }'\'' out
'

test_expect_success 'Swedish characters come out exact (å ä ö é § – ” Å Ä Ö)' '
	"$PDFTEXT" "$PDF/protocol.pdf" >out &&
	stream_records line out | cut -f12 >texts &&
	grep -Fx "§ 13 Ändring av förslaget – ”Överenskommelse om samverkan”" texts &&
	grep -F "Idén är att samordna" texts &&
	grep -F "gemensam café- och mötesverksamhet." texts &&
	grep -Fx "Plats och tid: Kommunhuset, Stora salen, kl. 13.00–16.30" texts &&
	grep -F "skolan i Ösby" texts &&
	grep -Fx "att uppdra åt kommundirektören att underteckna överenskommelsen." texts
'

test_expect_success 'a wide gap splits a line into spans, text joins them' '
	"$PDFTEXT" "$PDF/protocol.pdf" >out &&
	spans_of "Anna Öberg, ordförande" out >actual &&
	printf "Anna Öberg, ordförande\nErik Åström, justerare\n" >expect &&
	test_cmp expect actual &&
	grep -F "	Anna Öberg, ordförande Erik Åström, justerare	" out
'

# ---- table spans ----

test_expect_success 'table row: three spans, the amount "17 587 638" is one' '
	"$PDFTEXT" "$PDF/table.pdf" >out &&
	spans_of "Hälso- och" out >actual &&
	printf "%s\n" "Hälso- och sjukvårdsförvaltningen" "17 587 638" "Genomförande" >expect &&
	test_cmp expect actual
'

test_expect_success 'table: every row has its amount as a span of its own' '
	"$PDFTEXT" "$PDF/table.pdf" >out &&
	spans_of "Regionala" out >actual &&
	printf "%s\n" "Regionala utvecklingsförvaltningen" "2 450 000" "Förstudie" >expect &&
	test_cmp expect actual &&
	spans_of "Kultur-" out >actual &&
	printf "%s\n" "Kultur- och fritidsnämnden för" "980 500" "Pågående projekt som fortsätter" >expect &&
	test_cmp expect actual &&
	spans_of "Tekniska" out >actual &&
	printf "%s\n" "Tekniska nämnden" "64 000" "Slutredovisning" >expect &&
	test_cmp expect actual &&
	spans_of "Summa 2" out >actual &&
	printf "%s\n" "Summa" "21 082 138" >expect &&
	test_cmp expect actual
'

test_expect_success 'table: the header has three spans, the wrapped cell two' '
	"$PDFTEXT" "$PDF/table.pdf" >out &&
	spans_of "Mottagare" out >actual &&
	printf "%s\n" Mottagare "Summa kr" Kommentar >expect &&
	test_cmp expect actual &&
	spans_of "ungdomsverksamhet" out >actual &&
	printf "%s\n" "ungdomsverksamhet i ytterområdena" "under hösten 2024" >expect &&
	test_cmp expect actual
'

test_expect_success 'table: amounts are right-aligned spans (same x1), comments share x0' '
	"$PDFTEXT" "$PDF/table.pdf" >out &&
	awk -F "\t" '\''$1 == "line" && $18 ~ /^[0-9][0-9 ]*$/ { print $17 }'\'' out | sort -u >x1 &&
	test_line_count 1 x1 &&
	awk -F "\t" '\''$1 == "line" && NF == 21 { print $19 }'\'' out | sort -u >x0 &&
	test_line_count 1 x0
'

test_expect_success 'a page shown turned (/Rotate 90) gives the same lines upright' '
	"$PDFTEXT" "$PDF/table.pdf" >plain &&
	"$PDFTEXT" "$PDF/rotated.pdf" >turned &&
	stream_records page turned | cut -f3- >actual &&
	printf "1\t595.30\t841.89\t90\t397\tborn_digital\t1.00\tpdf\t\\\\N\n" >expect &&
	test_cmp expect actual &&
	stream_records line plain | cut -f3- >expect &&
	stream_records line turned | cut -f3- >actual &&
	test_cmp expect actual
'

# ---- bad input ----

# bad_file NAME MESSAGE: exit 1, one error record naming the stage with the
# doc id of the bytes, the message on stderr with the file name
bad_file() {
	test_expect_success "bad input: $1 gives one error record, exit 1" '
		cp "$PDF/'"$1"'" . &&
		test_expect_code 1 "$PDFTEXT" '"$1"' >out 2>err &&
		printf "error\t%s\t%s\tpf-pdftext\terror\t%s\n" \
			"$(doc_id '"$1"')" '"$1"' "'"$2"'" >expect &&
		tail -n +2 out >actual &&
		test_cmp expect actual &&
		printf "pf-pdftext: %s: %s\n" '"$1"' "'"$2"'" >expect &&
		test_cmp expect err
	'
}
bad_file corrupt.pdf 'damaged PDF: PDF document is damaged'
bad_file encrypted.pdf 'encrypted: needs a password'
bad_file empty.pdf 'empty file'
bad_file not-a-pdf.pdf 'not a PDF: PDF document is damaged'

test_expect_success 'bad input: a missing file, no doc id' '
	test_expect_code 1 "$PDFTEXT" missing.pdf >out 2>err &&
	printf "error\t\\\\N\tmissing.pdf\tpf-pdftext\terror\tcannot open: No such file or directory\n" >expect &&
	tail -n +2 out >actual &&
	test_cmp expect actual &&
	test_grep "missing.pdf: cannot open: No such file or directory" err
'

test_expect_success 'bad input: a directory' '
	mkdir dir.pdf &&
	test_expect_code 1 "$PDFTEXT" dir.pdf >out 2>err &&
	test_grep "	cannot open: Is a directory$" out
'

test_expect_success 'a good file after bad ones still comes out, exit 1' '
	cp "$PDF/table.pdf" "$PDF/corrupt.pdf" . &&
	test_expect_code 1 "$PDFTEXT" missing.pdf corrupt.pdf table.pdf >out 2>err &&
	cut -f1 out | uniq -c | sed "s/^ *//" >actual &&
	printf "1 stream\n2 error\n1 doc\n1 page\n10 line\n1 end\n" >expect &&
	test_cmp expect actual &&
	test_line_count 2 err
'

test_expect_success 'a page that cannot be read: warning record, the rest goes on' '
	cp "$PDF/damaged-page.pdf" . &&
	"$PDFTEXT" damaged-page.pdf >out 2>err &&
	stream_records error out | cut -f3- >actual &&
	printf "damaged-page.pdf\tpf-pdftext\twarning\tpage 3: cannot read the page (damaged PDF)\n" >expect &&
	test_cmp expect actual &&
	stream_records page out | cut -f3 >actual &&
	printf "1\n2\n" >expect &&
	test_cmp expect actual &&
	stream_records end out | cut -f3 >actual &&
	echo 2 >expect &&
	test_cmp expect actual &&
	test_grep "^line" out &&
	test_grep "damaged-page.pdf: page 3: cannot read the page" err
'

test_expect_success 'an image-only page, --ocr never: warning, exit 0, text layer none' '
	cp "$PDF/image-only.pdf" . &&
	"$PDFTEXT" --ocr never image-only.pdf >out 2>err &&
	id=$(doc_id image-only.pdf) &&
	printf "error\t%s\timage-only.pdf\tpf-pdftext\twarning\tpage 1: no text layer: needs OCR\n" "$id" >expect &&
	stream_records error out >actual &&
	test_cmp expect actual &&
	printf "end\t%s\t1\t0\tnone\t\\N\t0\n" "$id" >expect &&
	stream_records end out >actual &&
	test_cmp expect actual &&
	test_grep "warning: image-only.pdf: page 1: no text layer: needs OCR" err
'

test_expect_success 'a text page and an image-only page, --ocr never: text layer mixed' '
	"$PDFTEXT" --ocr never "$PDF/mixed.pdf" >out 2>err &&
	stream_records end out | cut -f3-5 >actual &&
	printf "2\t10\tmixed\n" >expect &&
	test_cmp expect actual &&
	stream_records error out | cut -f6 >actual &&
	echo "page 2: no text layer: needs OCR" >expect &&
	test_cmp expect actual
'

test_expect_success 'an OCR scan (GlyphLessFont): text layer ocr, same table spans' '
	"$PDFTEXT" "$PDF/ocr.pdf" >out &&
	stream_records end out | cut -f5 >actual &&
	echo ocr >expect &&
	test_cmp expect actual &&
	spans_of "Hälso- och" out >actual &&
	printf "%s\n" "Hälso- och sjukvårdsförvaltningen" "17 587 638" "Genomförande" >expect &&
	test_cmp expect actual &&
	spans_of "Tekniska" out >actual &&
	printf "%s\n" "Tekniska nämnden" "64 000" "Slutredovisning" >expect &&
	test_cmp expect actual
'

test_expect_success 'OCR: a table rule read as "|" splits the row and is dropped' '
	"$PDFTEXT" "$PDF/ocr.pdf" >out &&
	pdftotext -layout "$PDF/ocr.pdf" text &&
	test_grep "2 450 000 | Förstudie" text &&
	spans_of "Regionala" out >actual &&
	printf "%s\n" "Regionala utvecklingsförvaltningen" "2 450 000" "Förstudie" >expect &&
	test_cmp expect actual &&
	! grep -F "|" out
'

test_expect_success '--max-pages: a longer document is skipped with an error' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	test_expect_code 1 "$PDFTEXT" --max-pages 2 protocol.pdf table.pdf >out 2>err &&
	stream_records error out | cut -f6 >actual &&
	echo "too many pages: 3 (--max-pages 2)" >expect &&
	test_cmp expect actual &&
	stream_records doc out | cut -f3 >actual &&
	echo table.pdf >expect &&
	test_cmp expect actual
'

# ---- limits (docs/pf-pdftext.md, "Limits") ----

test_expect_success 'limit: more than 10000 pages by default is an error, the next file goes on' '
	python3 "$TESTDIR/tools/many-pages-pdf.py" 10001 >many.pdf &&
	python3 "$TESTDIR/tools/many-pages-pdf.py" 2 >two.pdf &&
	test_expect_code 1 "$PDFTEXT" many.pdf two.pdf >out 2>err &&
	printf "error\t%s\tmany.pdf\tpf-pdftext\terror\ttoo many pages: 10001 (--max-pages 10000)\n" \
		"$(doc_id many.pdf)" >expect &&
	stream_records error out >actual &&
	test_cmp expect actual &&
	test_grep "^pf-pdftext: many.pdf: too many pages: 10001" err &&
	stream_records end out | cut -f3 >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success 'limit: a line of 65536 bytes is whole' '
	python3 "$TESTDIR/tools/long-line-pdf.py" 6553 >long.pdf &&
	"$PDFTEXT" long.pdf >out 2>err &&
	! test -s err &&
	! grep "^error" out &&
	stream_records line out | cut -f12 >texts &&
	test "$(head -n 1 texts | wc -c)" = 65530
'

test_expect_success 'limit: a longer line is cut at 65536 bytes, with a warning' '
	python3 "$TESTDIR/tools/long-line-pdf.py" 8000 >long.pdf &&
	"$PDFTEXT" long.pdf >out 2>err &&
	stream_records line out | cut -f12 >texts &&
	test "$(head -n 1 texts | wc -c)" = 65537 &&
	sed -n 2p texts >actual &&
	echo Slut >expect &&
	test_cmp expect actual &&
	stream_records line out | head -n 1 | cut -f15 | cmp - <(head -n 1 texts) &&
	printf "error\t%s\tlong.pdf\tpf-pdftext\twarning\tpage 1: 1 line longer than 65536 bytes cut there\n" \
		"$(doc_id long.pdf)" >expect &&
	stream_records error out >actual &&
	test_cmp expect actual &&
	test_grep "^pf-pdftext: warning: long.pdf: page 1: 1 line longer than 65536 bytes cut there$" err &&
	"$PF_BIN/pf-tables" out >/dev/null
'

test_expect_success 'limit: the cut falls before a character that would not fit whole' '
	python3 "$TESTDIR/tools/long-line-pdf.py" 8000 x >long.pdf &&
	"$PDFTEXT" long.pdf >out 2>err &&
	stream_records line out | head -n 1 | cut -f12 >text &&
	test "$(wc -c <text)" = 65535 &&
	test "$(tail -c 11 text)" = "€€ €" &&
	"$PF_BIN/pf-tables" out >/dev/null
'

# ---- inputs ----

test_expect_success '"-" reads stdin: same doc id as the file, source "-"' '
	"$PDFTEXT" - <"$PDF/table.pdf" >out &&
	stream_records doc out | cut -f2,3 >actual &&
	printf "%s\t-\n" "$(doc_id "$PDF/table.pdf")" >expect &&
	test_cmp expect actual &&
	cp "$PDF/table.pdf" . &&
	"$PDFTEXT" table.pdf >file &&
	stream_records line out >a && stream_records line file >b &&
	test_cmp a b
'

test_expect_success '--source names the PDF read from stdin, in doc and error records' '
	"$PF_BIN/pf-pdftext" --source "inbox.zip:2024/p.pdf" - <"$PDF/protocol.pdf" >out &&
	stream_records doc out | cut -f3 >actual &&
	echo "inbox.zip:2024/p.pdf" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 "$PF_BIN/pf-pdftext" --source "inbox.zip:bad.pdf" - <"$PDF/corrupt.pdf" >out 2>err &&
	stream_records error out | cut -f3 >actual &&
	echo "inbox.zip:bad.pdf" >expect &&
	test_cmp expect actual &&
	test_grep "inbox.zip:bad.pdf" err
'

test_expect_success 'a pipe that is not stdin is read too' '
	"$PDFTEXT" <(cat "$PDF/table.pdf") >out &&
	test_grep "^end	$(doc_id "$PDF/table.pdf")	1	10	born_digital	1.00	0$" out
'

test_expect_success 'two documents in one run: one header, doc ... end twice' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	"$PDFTEXT" protocol.pdf table.pdf >out &&
	grep -E "^(stream|doc|end)" out | cut -f1,2 >actual &&
	p=$(doc_id protocol.pdf) t=$(doc_id table.pdf) &&
	printf "stream\tparagraf\ndoc\t$p\nend\t$p\ndoc\t$t\nend\t$t\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--files-from: paths one per line, blank lines skipped' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	printf "protocol.pdf\n\ntable.pdf\r\n" >list &&
	"$PDFTEXT" --files-from list >out &&
	"$PDFTEXT" protocol.pdf table.pdf >expect &&
	test_cmp expect out
'

test_expect_success '--files-from -: the list on stdin, in order with FILEs' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	echo protocol.pdf >list &&
	"$PDFTEXT" table.pdf --files-from - <list >out &&
	stream_records doc out | cut -f3 >actual &&
	printf "table.pdf\nprotocol.pdf\n" >expect &&
	test_cmp expect actual
'

# ---- usage and exit codes ----

test_expect_success '--help: usage, records and exit codes on stdout, exit 0' '
	"$PDFTEXT" --help >out &&
	test_grep "^usage: pf-pdftext" out &&
	test_grep "^  line " out &&
	test_grep "^Exit status: 0" out
'

test_expect_success '--version' '
	"$PDFTEXT" --version >out &&
	test_grep "^pf-pdftext [0-9][0-9.]*$" out
'

test_expect_success 'usage errors exit 2 and write no stream' '
	test_expect_code 2 "$PDFTEXT" --bogus x.pdf >out 2>err &&
	test_grep "unknown option .--bogus." err &&
	test_expect_code 2 "$PDFTEXT" >out2 2>err &&
	test_expect_code 2 "$PDFTEXT" --max-pages 0 x.pdf >>out 2>err &&
	test_expect_code 2 "$PDFTEXT" --max-pages >>out 2>err &&
	test_expect_code 2 "$PDFTEXT" --files-from nolist >>out 2>err &&
	test_expect_code 2 "$PDFTEXT" - - </dev/null >>out 2>err &&
	! test -s out &&
	! test -s out2
'

if test -w /dev/full; then
	test_expect_success 'output that cannot be written: exit 3' '
		test_expect_code 3 "$PDFTEXT" "$PDF/table.pdf" >/dev/full 2>err &&
		test_grep "cannot write output" err
	'
else
	test_skip 'output that cannot be written: exit 3' 'no writable /dev/full here'
fi

# ---- real PDFs (never in the repository; there in CI) ----

REAL=$PF_ROOT/../shared/realpdfs
if test -d "$REAL"; then
	test_expect_success 'real PDFs: no crash, exit 0 or 1, a readable stream, a doc or error each' '
		for f in "$REAL"/*.pdf; do
			code=0
			"$PDFTEXT" --ocr never "$f" >out 2>err || code=$?
			case $code in 0|1) ;; *) echo "$f: exit $code"; cat err; exit 1 ;; esac
			"$PF_BIN/pf-tables" out >/dev/null || { echo "$f: bad stream"; exit 1; }
			grep -q "^doc	\|^error	" out || { echo "$f: no doc, no error"; exit 1; }
		done
	'
else
	test_skip 'real PDFs: no crash' "no $REAL"
fi

# A scanned fixture: tesseract read several en dashes as "-" or "–-"; the
# width of the word box tells them from the hyphens the protocol has.
SCAN=$PF_ROOT/fixtures/pdf/rvn-fu-2021-12-01-scan.pdf
test_expect_success 'page records say which text layer a page has' '
	"$PF_BIN/pf-pdftext" "$SCAN" >out &&
	stream_records page out | cut -f8 | sort -u >actual &&
	echo ocr >expect && test_cmp expect actual &&
	"$PF_BIN/pf-pdftext" "$PF_ROOT/fixtures/pdf/rvn-fu-2021-12-01.pdf" >out &&
	stream_records page out | cut -f8 | sort -u >actual &&
	echo born_digital >expect && test_cmp expect actual
'

# Other OCR engines write their layer in ordinary fonts, invisible: the ink
# under the text in a page-sized image tells it (tests/tools/scan-layer-pdf.py:
# a gray scan, a white letterhead under visible text, a scanner's background
# image and 1-bit stencil, a scan with only a stamp of text).
test_expect_success 'OCR layer in Helvetica over a scan: ocr; over a letterhead: born_digital' '
	python3 "$TESTDIR/tools/scan-layer-pdf.py" >layers.pdf &&
	"$PF_BIN/pf-pdftext" --ocr never layers.pdf >out 2>err &&
	stream_records page out | cut -f3,8,11 >actual &&
	printf "1\tocr\tscan\n2\tborn_digital\t\\\\N\n3\tocr\tscan\n4\tborn_digital\t\\\\N\n" >expect &&
	test_cmp expect actual &&
	stream_records end out | cut -f5 >actual &&
	echo mixed >expect && test_cmp expect actual &&
	spans_of "Summa" out >actual &&
	printf "Summa 17 587 638 kr\n%.0s" 1 2 3 >expect && test_cmp expect actual
'

test_expect_success 'a scan whose only text is a stamp, --ocr never: a warning, needs OCR' '
	python3 "$TESTDIR/tools/scan-layer-pdf.py" >layers.pdf &&
	"$PF_BIN/pf-pdftext" --ocr never layers.pdf >out 2>err &&
	stream_records error out | cut -f5,6 >actual &&
	printf "warning\tpage 4: a scanned image with only 34 characters of text beside its ink: needs OCR\n" >expect &&
	test_cmp expect actual &&
	test_grep "layers.pdf: page 4: a scanned image" err
'

# 12 plain pages, then 12 of each of the four: pages are watched for scans
# on the first three text pages and every eighth (the 17th), then on every
# page.
test_expect_success 'a run of scans late in a document is seen from the next watched page on' '
	python3 "$TESTDIR/tools/scan-layer-pdf.py" --plain 12 >late.pdf &&
	"$PF_BIN/pf-pdftext" --ocr never late.pdf >out &&
	stream_records page out | awk -F "\t" "\$8 == \"ocr\" { print \$3 }" | sed -n "1p;\$p" >actual &&
	printf "17\n48\n" >expect &&
	test_cmp expect actual &&
	stream_records page out | awk -F "\t" "\$3 >= 25 && \$3 <= 36 || \$3 >= 49 { print \$8 }" | sort -u >actual &&
	echo born_digital >expect && test_cmp expect actual
'

test_expect_success 'OCR: a lone dash is an en dash or a hyphen by its width' '
	"$PF_BIN/pf-pdftext" "$SCAN" >out &&
	stream_records line out | cut -f12 >text &&
	grep -c "effekter – Handlingsplan" text >n && test "$(cat n)" -ge 2 &&
	grep -q "Tillämpningsanvisningar – ägarstyrning och uppsikt$" text &&
	grep -q "Corona pandemin - Julgåva 2021" text &&
	grep -q "Regionplanen 2022 - 2024 fastställdes" text &&
	! grep -q "–-" text
'

# OCR writes "-" for the en dash inside "2025–2027"; the scan's ink under
# the word says which it was (tests/tools/scan-dash-pdf.py: an OCR layer of
# hyphens over an image printing one en dash and two hyphens).
test_expect_success 'a scan: a hyphen inside a word is an en dash where its ink is an en wide' '
	python3 "$TESTDIR/tools/scan-dash-pdf.py" >dash.pdf &&
	"$PF_BIN/pf-pdftext" --ocr never dash.pdf >out &&
	stream_records page out | cut -f8,11 >actual &&
	printf "ocr\tscan\n" >expect && test_cmp expect actual &&
	stream_records line out | cut -f12 >actual &&
	printf "Budget 2025–2027\nDatum 2024-03-12\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a scan: the fixtures keep their hyphens and get their en dashes ("2022-2024" is printed both ways)' '
	"$PF_BIN/pf-pdftext" --ocr never "$PF_ROOT/fixtures/zoo/alvby-bun/alvby-bun-scan.pdf" >out &&
	stream_records line out | cut -f12 >text &&
	grep -q "DELÅRSRAPPORT JANUARI–APRIL 2024" text &&
	grep -q "^2024-02-27$" text &&
	"$PF_BIN/pf-pdftext" --ocr never "$PF_ROOT/fixtures/pdf/rvn-fu-2021-12-01-scan.pdf" >out &&
	stream_records line out | cut -f12 >text &&
	grep -q "Verksamhetsplan Regionledningsförvaltningen 2022–2024 med" text &&
	grep -q "verksamhetsplaner 2022-2024 har" text &&
	grep -q "januari-augusti" text &&
	grep -q "att-satsen" text &&
	! grep -q "2021–12" text
'

# ---- trust and OCR (docs/pf-pdftext.md, "Trust" and "OCR") ----

# Born-digital protocols with a good text layer: every page trusted, none
# OCR'd, no warning, under the default --ocr auto.
test_expect_success 'born-digital documents with a good text layer are never OCR'"'"'d' '
	for f in "$PDF/protocol.pdf" "$PDF/table.pdf" "$PF_ROOT"/fixtures/pdf/rvn-fu-2021-12-01.pdf \
		 "$PF_ROOT"/fixtures/pdf/rvn-fu-2024-weasy.pdf "$PF_ROOT"/fixtures/pdf/rvn-hsn-2025-03-20.pdf; do
		"$PDFTEXT" "$f" >out 2>err || exit 1
		stream_records page out | cut -f10 | sort -u >actual &&
		echo pdf >expect && test_cmp expect actual || exit 1
		stream_records page out | awk -F "\t" "\$9 == \"\\\\N\" || \$9 < 0.80" >low &&
		test_line_count 0 low || exit 1
		stream_records end out | cut -f7 >actual &&
		echo 0 >expect && test_cmp expect actual || exit 1
		! grep -q "trusted\|OCR" err || { cat err; exit 1; }
	done
'

test_expect_success 'trust: page and end records carry it (2 decimals, the worst page)' '
	"$PDFTEXT" "$PF_ROOT"/fixtures/pdf/rvn-fu-2021-12-01.pdf >out &&
	{ stream_records page out | cut -f9 | grep -vc "^[01]\.[0-9][0-9]$" >n || :; } &&
	test "$(cat n)" = 0 &&
	worst=$(stream_records page out | cut -f9 | sort -n | head -n 1) &&
	stream_records end out | cut -f6 >actual &&
	echo "$worst" >expect && test_cmp expect actual
'

# tests/tools/lying-pdf.py: Swedish text whose ToUnicode map gives a, a, o
# and a space for å, ä, ö and v, as the Nykarleby protocols' fonts do.
test_expect_success 'a lying text layer: low trust, a warning, and --ocr never keeps it' '
	python3 "$TESTDIR/tools/lying-pdf.py" >lying.pdf &&
	"$PDFTEXT" --ocr never lying.pdf >out 2>err &&
	stream_records page out | cut -f8,10 >actual &&
	printf "born_digital\tpdf\n" >expect && test_cmp expect actual &&
	trust=$(stream_records page out | cut -f9) &&
	awk "BEGIN { exit !($trust < 0.80) }" &&
	stream_records error out | cut -f5,6 >actual &&
	test_grep "^warning	page 1: the text layer is not to be trusted (trust 0\.[0-7][0-9]: .*words in the dictionary.*: OCR is off (--ocr never)$" actual &&
	test_grep "beslutforhet" out
'

# OCR's words, with the sizes of the layer's fonts and the layer's own
# "§ 13" (no letters: a map that lies about letters has it right, where
# OCR reads "$ 13" or "8 13"), and the layer's case where its letters are
# OCR's ("Presentationen", drawn with a small p that the map calls "P").
test_expect_success 'a lying text layer is read by OCR instead, by default' '
	python3 "$TESTDIR/tools/lying-pdf.py" >lying.pdf &&
	"$PDFTEXT" lying.pdf >out 2>err &&
	stream_records page out | cut -f8,10,11 >actual &&
	printf "ocr\ttesseract\ttypeset\n" >expect && test_cmp expect actual &&
	stream_records end out | cut -f5,7 >actual &&
	printf "ocr\t1\n" >expect && test_cmp expect actual &&
	stream_records line out | cut -f9,12 | sed "s/ //g" >actual &&
	# without spaces: where the page'"'"'s font is a stand-in (a minimal machine
	# has other fonts), tesseract may split a long word ("verksamhets berättelsen")
	printf "%s\n" "14.00	§ 13 Sammanträdets laglighet och beslutförhet" \
		"12.00	Ordföranden konstaterar att sammanträdet är lagligt" \
		"12.00	sammankallat och beslutfört. Val av justerare förrättas." \
		"14.00	§ 14 Vårens möten och verksamhetsberättelse" \
		"12.00	Nämnden beslutar att godkänna verksamhetsberättelsen" \
		"12.00	för år 2022 och att förvaltningen ska redovisa" \
		"12.00	vårens mötestider till nästa sammanträde." \
		"14.00	§ 15 Övriga ärenden i välfärdsnämnden" \
		"12.00	Inga övriga ärenden behandlades vid sammanträdet." \
		"12.00	Presentationen av budgeten godkändes." | sed "s/ //g" >expect &&
	test_cmp expect actual &&
	test_grep "read by OCR instead" err &&
	test_grep "lying.pdf: OCR read 1 page in .* s" err
'

# An image-only scan (no text layer at all) of table.pdf at 200 dpi: the
# plain pipe reads it, with the same spans as the text layer gives.
test_expect_success 'an image-only scan is OCR'"'"'d by default: lines, spans, text_layer ocr' '
	pdftoppm -r 200 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 200 page-1.pgm >scan.pdf &&
	"$PDFTEXT" scan.pdf >out 2>err &&
	stream_records page out | cut -f8,9,10,11 >actual &&
	printf "ocr\t\\\\N\ttesseract\tscan\n" >expect && test_cmp expect actual &&
	stream_records end out | cut -f3,5,7 >actual &&
	printf "1\tocr\t1\n" >expect && test_cmp expect actual &&
	spans_of "Hälso- och" out >actual &&
	printf "%s\n" "Hälso- och sjukvårdsförvaltningen" "17 587 638" "Genomförande" >expect &&
	test_cmp expect actual &&
	spans_of "Tekniska" out >actual &&
	printf "%s\n" "Tekniska nämnden" "64 000" "Slutredovisning" >expect &&
	test_cmp expect actual &&
	stream_records error out >errors && test_line_count 0 errors &&
	"$PF_BIN/pf-normalize" out | "$PF_BIN/pf-segment" >seg &&
	test_grep "^para	[0-9a-f]*	21	Fördelning av medel 2024" seg
'

# compare_lines LAYER OCR: of the lines whose page and text are found once
# in LAYER and also in OCR: "MANY FAR SAME", MANY 1 when there are 50 or
# more, FAR how many end (x1) more than 1 pt from LAYER's line, SAME 1 when
# 90 % or more have its size.
compare_lines() {
	awk -F '\t' '
	FNR == 1 { file++ }
	$1 != "line" { next }
	file == 1 { k = $3 SUBSEP $12; n[k]++; x1[k] = $7; sz[k] = $9; next }
	{ k = $3 SUBSEP $12; if (n[k] == 1 && !(k in seen)) { seen[k] = 1; m++
		d = $7 - x1[k]; if (d < 0) d = -d; far += d > 1; same += $9 == sz[k] } }
	END { print (m >= 50), far + 0, (same >= 0.9 * m) }' "$1" "$2"
}

# The same scan without its layer is read as ocrmypdf read it: at the
# scan's own resolution (200 dpi), the words laid out as tesseract's PDF
# renderer writes them (docs/pf-pdftext.md, "OCR"). Read at 300 dpi with
# the letters filling each word, the lines ended ~5 pt further right, a
# fifth of the sizes were a point off, and the hyphens of pages 6 and 20
# were re-read as en dashes (an OCR'd hyphen's box was twice as wide).
test_expect_success 'an image-only scan reads with the geometry of ocrmypdf'"'"'s layer' '
	pdfseparate -f 6 -l 6 "$SCAN" p6.pdf &&
	pdfseparate -f 20 -l 20 "$SCAN" p20.pdf &&
	pdfunite p6.pdf p20.pdf layer.pdf &&
	pdftoppm -r 200 -gray layer.pdf page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 200 page-*.pgm >bare.pdf &&
	"$PDFTEXT" layer.pdf >layer &&
	"$PDFTEXT" bare.pdf >bare 2>err &&
	test_grep "bare.pdf: OCR read 2 pages" err &&
	compare_lines layer bare >actual &&
	echo "1 0 1" >expect && test_cmp expect actual &&
	stream_records line bare | cut -f12 >text &&
	test_grep "Corona pandemin - Julgåva 2021" text &&
	test_grep "^Regionplanen 2022 - 2024 fastställdes" text
'

# tesseract reads the column of list numbers "1. 2. 3. 4." beside the
# lines as one word set sideways ("RENH"): its letters are stacked along
# its box, as poppler sees ocrmypdf's turned text, not laid across the
# line beside it ("att RENH information om ...").
test_expect_success 'OCR: a word set sideways does not join the line beside it' '
	pdftoppm -r 200 -gray -f 12 -l 12 "$PF_ROOT/fixtures/pdf/rvn-fu-2024-scan.pdf" list &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 200 list-*.pgm >list.pdf &&
	"$PDFTEXT" list.pdf >out 2>err &&
	stream_records line out | cut -f12 >text &&
	test_grep "^att information om den återrapportering" text
'

test_expect_success '--ocr always reads a born-digital page by OCR too' '
	"$PDFTEXT" --ocr always "$PDF/table.pdf" >out 2>err &&
	stream_records page out | cut -f8,10,11 >actual &&
	printf "ocr\ttesseract\ttypeset\n" >expect && test_cmp expect actual &&
	spans_of "Tekniska" out >actual &&
	printf "%s\n" "Tekniska nämnden" "64 000" "Slutredovisning" >expect &&
	test_cmp expect actual
'

test_expect_success 'no Swedish language data: one error naming the package, exit 1, the rest goes on' '
	pdftoppm -r 100 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 100 page-1.pgm >scan.pdf &&
	mkdir -p empty &&
	test_expect_code 1 env TESSDATA_PREFIX="$PWD/empty" "$PDFTEXT" scan.pdf "$PDF/table.pdf" >out 2>err &&
	stream_records error out | cut -f5,6 >actual &&
	printf "%s\n" "error	page 1 needs OCR (no text layer), which cannot run: no tesseract language data '"'"'swe'"'"' in $PWD/empty: install the Debian package tesseract-ocr-swe" \
		"warning	page 1: no text layer: needs OCR" >expect &&
	test_cmp expect actual &&
	test_grep "install the Debian package tesseract-ocr-swe" err &&
	stream_records end out | cut -f4 >actual &&
	printf "0\n10\n" >expect && test_cmp expect actual
'

test_expect_success 'no tesseract library: one error naming the package, exit 1, the rest goes on' '
	pdftoppm -r 100 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 100 page-1.pgm >scan.pdf &&
	test_expect_code 1 env PF_TESSERACT="$PWD/none/libtesseract.so.5" "$PDFTEXT" scan.pdf \
		"$PDF/table.pdf" >out 2>err &&
	stream_records error out | cut -f5 >actual &&
	printf "%s\n" error warning >expect && test_cmp expect actual &&
	stream_records error out | cut -f6 | head -n 1 >msg &&
	test_grep "which cannot run: cannot load the tesseract library (.*none/libtesseract.so.5: .*): install the Debian package libtesseract5" msg &&
	stream_records end out | cut -f4 >actual &&
	printf "0\n10\n" >expect && test_cmp expect actual
'

# libtesseract and the ~40 libraries under it cost ~12 ms a start: opened
# only when a page needs OCR (ocr.c)
test_expect_success 'a born-digital document does not load libtesseract; a scan does' '
	LD_DEBUG=libs "$PDFTEXT" --ocr auto "$PDF/table.pdf" >out 2>err &&
	! grep "libtesseract" err &&
	pdftoppm -r 100 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 100 page-1.pgm >scan.pdf &&
	LD_DEBUG=libs "$PDFTEXT" --ocr auto scan.pdf >out 2>err &&
	grep "calling init: .*libtesseract" err
'

test_expect_success 'usage: --ocr takes auto, never or always' '
	test_expect_code 2 "$PDFTEXT" --ocr sometimes x.pdf >out 2>err &&
	test_grep "ocr is auto, never or always, not '"'"'sometimes'"'"'" err &&
	test_line_count 0 out
'

# OCR is one thread per process: -j of the driver gives the parallelism.
test_expect_success 'OCR runs on one thread' '
	pdftoppm -r 200 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 200 page-1.pgm page-1.pgm >scan2.pdf &&
	{ "$PDFTEXT" scan2.pdf >out 2>err & pid=$!; } &&
	most=1 &&
	while kill -0 $pid 2>/dev/null; do
		n=$(ls /proc/$pid/task 2>/dev/null | wc -l) &&
		if test "$n" -gt "$most"; then most=$n; fi &&
		sleep 0.05 || exit 1
	done &&
	wait $pid &&
	stream_records page out | cut -f10 | sort -u >actual &&
	echo tesseract >expect && test_cmp expect actual &&
	{ test "$most" -le 1 || { echo "pf-pdftext ran $most threads"; false; }; }
'

test_done
