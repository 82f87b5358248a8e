#!/usr/bin/env bash
# paragraf run in batches (docs/driver.md, "Batches"): several PDF files
# through one pipe, the tables split per document.
#
# Plan: -b and [run] batch are checked; batches give byte-identical tables,
# state and store to --batch 1 on the test PDFs and the born-digital
# fixtures and zoo, with -j 1 and -j 2; how many pipes run, and with which
# files (min(batch, ceil(to run / jobs)), archive members alone, a chain
# whose first stage is not pf-pdftext one per document, batch = 1 one per
# document); a corrupt PDF in a batch fails alone; a batch whose pipe
# crashes, exits 3, times out or writes a row of no document of the batch
# runs each document alone, and every input ends ok or in errors.csv and
# quarantine.
#
# A wrapper named in [stage pf-pdftext] path logs each call's arguments to
# `calls`, so that a case can count pipes and see their files.
. "$(dirname "$0")/test-lib.sh"
. "$TESTDIR/lib-driver.sh"

# inbox/ with good PDFs and a corrupt one
make_inbox() {
	mkdir -p inbox/2024 &&
	cp "$PDF/protocol.pdf" inbox/2024/protocol.pdf &&
	cp "$PDF/table.pdf" inbox/table.pdf &&
	cp "$PDF/rotated.pdf" inbox/2024/rotated.pdf &&
	cp "$PDF/mixed.pdf" inbox/mixed.pdf &&
	cp "$PDF/corrupt.pdf" inbox/2024/corrupt.pdf
}

# every table, the state file, the store and the quarantine are the same
same_out() { # DIR1 DIR2
	for f in "$1"/*.csv; do
		cmp "$f" "$2/${f##*/}" || return 1
	done &&
	test "$(ls "$1"/*.csv | wc -l)" = "$(ls "$2"/*.csv | wc -l)" &&
	cmp "$1/.paragraf/state.tsv" "$2/.paragraf/state.tsv" &&
	diff -r "$1/.paragraf/docs" "$2/.paragraf/docs" &&
	if test -d "$1/quarantine" || test -d "$2/quarantine"; then
		diff -r "$1/quarantine" "$2/quarantine"
	fi
}


# log-pdftext: pf-pdftext that writes its PDF arguments, one call a line,
# into ./calls (not the driver's --help and options checks)
make_logger() {
	cat >log-pdftext <<-EOF &&
	#!/bin/sh
	case "\$*" in *.pdf*) echo "\$*" | grep -o "[^ ]*\.pdf" | tr "\n" " " >>"$PWD/calls"; echo >>"$PWD/calls" ;; esac
	exec "$PF_BIN/pf-pdftext" "\$@"
	EOF
	chmod +x log-pdftext
}

# a filter stage that does what $2 says when the stream holds more than
# one document (a batch), and is the real stage otherwise
make_bad_batch_stage() { # FILE STAGE ACTION
	cat >"$1" <<-EOF &&
	#!/bin/sh
	f=\$(mktemp); cat >"\$f"
	if [ "\$(cut -f1 "\$f" | grep -cx doc)" -gt 1 ]; then
		$3
	fi
	exec 0<"\$f"; rm -f "\$f"; exec "$PF_BIN/$2" "\$@"
	EOF
	chmod +x "$1"
}

# ---- options ----

test_expect_success '-b and [run] batch: help, bad values exit 2' '
	cp "$PDF/protocol.pdf" . &&
	"$PARAGRAF" run --help >help &&
	test_grep "^usage: paragraf run \[-j N\] \[-b N\]" help &&
	test_grep "^  -b, --batch N " help &&
	test_expect_code 2 "$PARAGRAF" run -b 0 protocol.pdf 2>err &&
	test_grep "\-b needs a whole number from 1 (a pipe per document) to 1024, not .0." err &&
	test_expect_code 2 "$PARAGRAF" run --batch many protocol.pdf 2>err &&
	test_grep "\-b needs a whole number" err &&
	printf "[run]\nbatch = 0\n" >a.conf &&
	test_expect_code 2 "$PARAGRAF" run -c a.conf protocol.pdf 2>err &&
	test_grep "bad configuration .a.conf. line 2: batch: .0. is not a whole number from 1" err &&
	printf "[run]\nbatches = 2\n" >b.conf &&
	test_expect_code 2 "$PARAGRAF" run -c b.conf protocol.pdf 2>err &&
	test_grep "unknown key .batches. in \[run\] (known: jobs, batch, timeout)" err &&
	! test -e out
'

# ---- the same bytes ----

test_expect_success 'batches give the tables, state and store of --batch 1 (test PDFs, fixtures, zoo)' '
	make_inbox &&
	cp "$PDF/damaged-page.pdf" "$PDF/empty.pdf" "$PDF/encrypted.pdf" "$PDF/ocr.pdf" \
		"$PDF/not-a-pdf.pdf" inbox/ &&
	mkdir -p inbox/fixtures inbox/zoo &&
	for f in "$PF_ROOT"/fixtures/pdf/*.pdf "$PF_ROOT"/fixtures/zoo/*/*.pdf; do
		case "$f" in *-scan.pdf) continue ;; esac &&
		case "$f" in */zoo/*) cp "$f" inbox/zoo/ ;; *) cp "$f" inbox/fixtures/ ;; esac || exit 1
	done &&
	test_expect_code 1 "$PARAGRAF" run -j 1 --batch 1 --out one inbox 2>log1 &&
	test_expect_code 1 "$PARAGRAF" run -j 1 --out b16 inbox 2>log16 &&
	test_expect_code 1 "$PARAGRAF" run -j 2 -b 5 --out b5j2 inbox 2>log5 &&
	test "$(wc -l <one/documents.csv)" -gt 20 &&
	same_out one b16 &&
	same_out one b5j2 &&
	grep -c "^paragraf: \[[0-9]*/[0-9]*\] ok .*(.* pages\?, [0-9.]* s)$" log16 >n &&
	test "$(cat n)" = "$(($(wc -l <one/documents.csv) - 1))" &&
	test_grep "failed .inbox/2024/corrupt.pdf.: pf-pdftext: damaged PDF" log16 &&
	! grep "each runs alone" log16
'

test_expect_success 'a rerun after a batched run reuses every document' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log1 &&
	cp -r out first &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log2 &&
	test_grep "5 documents: 0 to run, 5 unchanged" log2 &&
	same_out first out
'

# ---- which pipes ----

test_expect_success 'one pipe for the batch; --batch 1 and batch = 1 one per document' '
	make_inbox && rm inbox/2024/corrupt.pdf && make_logger &&
	conf_with_stage pf-pdftext "$PWD/log-pdftext" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	cat >expect <<-\EOF &&
	inbox/2024/protocol.pdf inbox/2024/rotated.pdf inbox/mixed.pdf inbox/table.pdf 
	EOF
	test_cmp expect calls &&
	test_grep "^paragraf: 4 documents: 4 to run, 0 unchanged; 1 at a time, up to 4 files a pipe$" log &&
	rm calls &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --force --out one inbox 2>log &&
	test_line_count 4 calls &&
	test_grep "^paragraf: 4 documents: 4 to run, 0 unchanged; 1 at a time$" log &&
	same_out out one &&
	rm calls &&
	cp test.conf one.conf && printf "[run]\nbatch = 1\n" >>one.conf &&
	"$PARAGRAF" run -c one.conf -j 1 --out conf1 inbox 2>log &&
	test_line_count 4 calls &&
	rm calls &&
	"$PARAGRAF" run -c one.conf -j 1 -b 3 --out opt3 inbox 2>log &&
	test_line_count 2 calls &&
	test_grep "^inbox/2024/protocol.pdf inbox/2024/rotated.pdf inbox/mixed.pdf $" calls
'

test_expect_success 'a batch holds at most ceil(documents to run / jobs): -j 2 uses two pipes' '
	make_inbox && rm inbox/2024/corrupt.pdf && make_logger &&
	conf_with_stage pf-pdftext "$PWD/log-pdftext" &&
	"$PARAGRAF" run -c test.conf -j 2 --out out inbox 2>log &&
	sort calls >actual &&
	printf "%s\n" "inbox/2024/protocol.pdf inbox/2024/rotated.pdf " \
		"inbox/mixed.pdf inbox/table.pdf " >expect &&
	test_cmp expect actual &&
	rm calls &&
	"$PARAGRAF" run -c test.conf -j 3 --force --out three inbox 2>log &&
	test_line_count 2 calls &&
	rm calls &&
	"$PARAGRAF" run -c test.conf -j 4 --force --out four inbox 2>log &&
	test_line_count 4 calls &&
	same_out out four
'

test_expect_success 'archive members are not batched, the files beside them are' '
	make_inbox && rm inbox/2024/corrupt.pdf && make_logger &&
	cp "$PDF/damaged-page.pdf" . &&
	{ cat "$PDF/protocol.pdf" && echo "%another copy"; } >copy.pdf &&
	bsdtar --format zip -cf in.zip damaged-page.pdf copy.pdf &&
	conf_with_stage pf-pdftext "$PWD/log-pdftext" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out in.zip inbox 2>log &&
	cat >expect <<-\EOF &&
	in.zip:copy.pdf 
	in.zip:damaged-page.pdf 
	inbox/2024/protocol.pdf inbox/2024/rotated.pdf inbox/mixed.pdf inbox/table.pdf 
	EOF
	sort calls >actual &&
	test_cmp expect actual &&
	test_line_count 7 out/documents.csv &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one in.zip inbox 2>log &&
	same_out out one
'

test_expect_success 'a chain whose first stage is not pf-pdftext runs one per document' '
	make_inbox && rm inbox/2024/corrupt.pdf && make_logger &&
	cat >test.conf <<-EOF &&
	[pipeline]
	bin = $PF_BIN
	stages = my-pdftext pf-normalize pf-segment pf-tables pf-emit
	[stage my-pdftext]
	path = $PWD/log-pdftext
	EOF
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_line_count 4 calls &&
	test_line_count 5 out/documents.csv
'

# ---- failures ----

test_expect_success 'a corrupt PDF in a batch: it alone is run again and quarantined' '
	make_inbox && make_logger &&
	conf_with_stage pf-pdftext "$PWD/log-pdftext" &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	cat >expect <<-\EOF &&
	inbox/2024/corrupt.pdf inbox/2024/protocol.pdf inbox/2024/rotated.pdf inbox/mixed.pdf inbox/table.pdf 
	inbox/2024/corrupt.pdf 
	EOF
	test_cmp expect calls &&
	test_line_count 5 out/documents.csv &&
	test_grep "^e1ba190bf7cf1ae7,inbox/2024/corrupt.pdf,pf-pdftext,error,damaged PDF" out/errors.csv &&
	test_line_count 2 out/errors.csv &&
	cmp "$PDF/corrupt.pdf" out/quarantine/e1ba190bf7cf1ae7-corrupt.pdf &&
	test_grep "failed .inbox/2024/corrupt.pdf.: pf-pdftext: damaged PDF" log &&
	test_grep "5 documents: 4 done, 0 unchanged, 1 failed" log &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	same_out out one
'

test_expect_success 'a batch whose pipe crashes: each document runs alone, all land' '
	make_inbox && rm inbox/2024/corrupt.pdf &&
	make_bad_batch_stage bad-normalize pf-normalize "rm -f \"\$f\"; kill -SEGV \$\$" &&
	conf_with_stage pf-normalize "$PWD/bad-normalize" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_grep "^paragraf: a batch of 4 documents from .inbox/2024/protocol.pdf.: pf-normalize crashed: killed by signal 11 (Segmentation fault): each runs alone$" log &&
	test_grep "4 documents: 4 done, 0 unchanged, 0 failed" log &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	! grep "each runs alone" log1 &&
	same_out out one &&
	! test -e out/quarantine
'

test_expect_success 'a stage that crashes on one PDF: that one fails as it does alone, the rest land' '
	make_inbox && rm inbox/2024/corrupt.pdf &&
	cat >bad-segment <<-EOF &&
	#!/bin/sh
	f=\$(mktemp); cat >"\$f"
	if grep -q "table.pdf" "\$f"; then rm -f "\$f"; kill -SEGV \$\$; fi
	exec 0<"\$f"; rm -f "\$f"; exec "$PF_BIN/pf-segment" "\$@"
	EOF
	chmod +x bad-segment &&
	conf_with_stage pf-segment "$PWD/bad-segment" &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_grep "each runs alone" log &&
	test_grep "^2340b19b6c18b565,inbox/table.pdf,pf-segment,error,crashed: killed by signal 11 (Segmentation fault)$" \
		out/errors.csv &&
	test_line_count 4 out/documents.csv &&
	ls out/quarantine >q && test_line_count 1 q &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	same_out out one
'

test_expect_success 'a batch whose stage exits 3: each document runs alone' '
	make_inbox && rm inbox/2024/corrupt.pdf &&
	make_bad_batch_stage bad-tables pf-tables "echo \"pf-tables: cannot write output\" >&2; exit 3" &&
	conf_with_stage pf-tables "$PWD/bad-tables" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_grep "from .inbox/2024/protocol.pdf.: pf-tables exited with status 3: each runs alone$" log &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	same_out out one
'

test_expect_success 'a batch past its timeout (timeout times its documents) is killed; each runs alone' '
	make_inbox && rm inbox/2024/corrupt.pdf inbox/2024/rotated.pdf inbox/mixed.pdf &&
	make_bad_batch_stage hang-segment pf-segment "rm -f \"\$f\"; echo \$\$ >\"$PWD/sleeper\"; exec sleep 120" &&
	conf_with_stage pf-segment "$PWD/hang-segment" "[run]" "timeout = 2" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_grep "^paragraf: a batch of 2 documents from .inbox/2024/protocol.pdf.: timed out after 4.0 s: each runs alone$" log &&
	pid=$(cat sleeper) && ! kill -0 $pid 2>/dev/null &&
	test_line_count 3 out/documents.csv &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	same_out out one
'

test_expect_success 'a row of no document of the batch: each document runs alone' '
	make_inbox && rm inbox/2024/corrupt.pdf &&
	make_bad_batch_stage odd-tables pf-tables "printf \"error\t0123456789abcdef\tx.pdf\tpf-tables\twarning\tstray\n\" >>\"\$f\"" &&
	conf_with_stage pf-tables "$PWD/odd-tables" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log &&
	test_grep "a row of its tables is of no document of the batch: each runs alone$" log &&
	! grep stray out/errors.csv &&
	"$PARAGRAF" run -c test.conf -j 1 --batch 1 --out one inbox 2>log1 &&
	same_out out one
'

test_done
