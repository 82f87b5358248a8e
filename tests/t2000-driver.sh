#!/usr/bin/env bash
# paragraf, the batch driver (docs/driver.md): inputs (folders, zip, tar.gz)
# to merged tables; reruns, changes, a killed run, -j, timeouts, crashes,
# configuration errors, inspect.
#
# Plan: help and version; a folder, a zip and a tar.gz each with a corrupt
# PDF among good ones; the merged tables equal the shell pipeline's; a
# rerun skips everything and gives the same bytes; a changed file is redone;
# a run killed with -9 after its first document leaves the old tables and
# the next run finishes; -j 2 equals -j 1; a hanging stage is killed at the
# timeout; a crashing stage; duplicates, missing inputs; csv.gz; the repo's
# pipeline.conf equals the defaults; configuration errors name file and
# line (exit 2); exit 3 cases; the live line on a terminal; inspect.
#
# Stand-in stages (sleeping, hanging, crashing) are shell scripts named in
# a test configuration's [stage NAME] path. Plain files go through one pipe
# in batches ([run] batch); a case that counts pipes runs with --batch 1.
# t2010-driver-batch.sh tests the batches.
. "$(dirname "$0")/test-lib.sh"
. "$TESTDIR/lib-driver.sh"
# the tables are whatever pf-emit writes, as the driver learns them too
printf 'stream\tparagraf\t1\n' >"$TRASH/empty.stream"
"$PF_BIN/pf-emit" --out "$TRASH/tables" "$TRASH/empty.stream"
TABLES=$(cd "$TRASH/tables" && ls *.csv | sed 's/\.csv$//')

# inbox/ with three good PDFs and a corrupt one, in a subfolder too
make_inbox() {
	mkdir -p inbox/2024 &&
	cp "$PDF/protocol.pdf" inbox/2024/protocol.pdf &&
	cp "$PDF/table.pdf" inbox/table.pdf &&
	cp "$PDF/rotated.pdf" inbox/2024/rotated.pdf &&
	cp "$PDF/corrupt.pdf" inbox/2024/corrupt.pdf &&
	echo "not a document" >inbox/notes.txt
}

# The tables the shell pipeline gives, one document at a time (as the
# driver runs them), in the order given: header once, then each one's rows.
# An argument FILE=NAME reads FILE under the source name NAME (--source).
pipeline_tables() { # OUT FILE[=NAME]...
	local out=$1 n=0 arg t i
	shift
	for arg in "$@"; do
		n=$((n + 1))
		"$PF_BIN/pf-pdftext" --source "${arg#*=}" - <"${arg%%=*}" >s1.$n 2>/dev/null ||
			test $? = 1 || return 1
		"$PF_BIN/pf-normalize" s1.$n >s2.$n && "$PF_BIN/pf-segment" s2.$n >s3.$n &&
			"$PF_BIN/pf-tables" s3.$n >s4.$n || return 1
		"$PF_BIN/pf-emit" --out one.$n s4.$n || test $? = 1 || return 1
	done
	mkdir -p "$out"
	for t in $TABLES; do
		head -n 1 one.1/$t.csv >"$out/$t.csv"
		for i in $(seq $n); do
			tail -n +2 one.$i/$t.csv >>"$out/$t.csv"
		done
	done
}

# the same tables; the driver's rows of skipped inputs (not documents: the
# shell pipeline never sees them) are left out of errors
same_tables() { # DIR1 DIR2
	for t in $TABLES; do
		if test $t = errors; then
			grep -v "^,[^,]*,paragraf,skipped," "$1/$t.csv" >"$1/.errors.cmp"
			grep -v "^,[^,]*,paragraf,skipped," "$2/$t.csv" >"$2/.errors.cmp"
			cmp "$1/.errors.cmp" "$2/.errors.cmp" || return 1
			rm -f "$1/.errors.cmp" "$2/.errors.cmp"
		else
			cmp "$1/$t.csv" "$2/$t.csv" || return 1
		fi
	done
}


# the process whose pid is in FILE is gone (after at most 5 s)
gone() { # FILE
	local pid
	pid=$(cat "$1") || return 1
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	echo "process $pid is still running" >&2
	return 1
}

# waits until FILE has a line matching RE (at most 60 s)
wait_for() { # RE FILE
	for _ in $(seq 600); do
		grep -q -e "$1" "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "timed out waiting for '$1' in $2" >&2
	return 1
}

# ---- help ----

test_expect_success 'help, run --help, inspect --help and --version' '
	"$PARAGRAF" --help >help &&
	test_grep "paragraf run \[-j N\] \[-b N\] \[-c CONF\] \[--out DIR\] \[--force\] \[--allow-empty\]$" help &&
	test_grep "^Exit status: 0 ok, 1 some documents or inputs failed" help &&
	"$PARAGRAF" run --help >run-help &&
	test_grep "1 some documents or inputs" run-help &&
	test_grep "4 no$" run-help &&
	test_grep "3 nothing" run-help &&
	"$PARAGRAF" inspect --help >inspect-help &&
	test_grep "^usage: paragraf inspect" inspect-help &&
	"$PARAGRAF" --version >version &&
	test_grep "^paragraf [0-9]" version
'

test_expect_success 'no input, an unknown option or command: exit 2' '
	test_expect_code 2 "$PARAGRAF" run 2>err &&
	test_grep "no input" err &&
	test_expect_code 2 "$PARAGRAF" run --frobnicate x.pdf 2>err &&
	test_grep "unknown option" err &&
	test_expect_code 2 "$PARAGRAF" run -j many x.pdf 2>err &&
	test_grep "\-j needs a whole number" err &&
	test_expect_code 2 "$PARAGRAF" frobnicate 2>err &&
	test_grep "unknown command" err
'

# ---- folders and archives ----

test_expect_success 'a folder: good PDFs land, the corrupt one is quarantined, exit 1' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log &&
	pipeline_tables ref inbox/2024/corrupt.pdf inbox/2024/protocol.pdf \
		inbox/2024/rotated.pdf inbox/table.pdf &&
	same_tables ref out &&
	test_line_count 4 out/documents.csv &&
	test_golden "$GOLDEN/folder-errors.csv" out/errors.csv &&
	test -f out/quarantine/e1ba190bf7cf1ae7-corrupt.pdf &&
	cmp "$PDF/corrupt.pdf" out/quarantine/e1ba190bf7cf1ae7-corrupt.pdf &&
	test_grep "failed .inbox/2024/corrupt.pdf.: pf-pdftext: damaged PDF" log &&
	test_grep "^paragraf: skipped .inbox/notes.txt.: neither PDF nor archive$" log &&
	test_grep "^,inbox/notes.txt,paragraf,skipped,neither PDF nor archive$" out/errors.csv &&
	test_grep "4 documents: 3 done, 0 unchanged, 1 failed" log &&
	ls -A out >files &&
	printf "%s\n" .paragraf quarantine $(for t in $TABLES; do echo $t.csv; done) | sort >expect &&
	sort files >actual && test_cmp expect actual
'

test_expect_success 'a zip with a corrupt member: members read from it, in archive order' '
	make_inbox &&
	(cd inbox && bsdtar --format zip -cf ../inbox.zip table.pdf 2024/corrupt.pdf \
		2024/protocol.pdf notes.txt) &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox.zip 2>log &&
	cut -d, -f2 out/documents.csv >actual &&
	printf "%s\n" source inbox.zip:table.pdf inbox.zip:2024/protocol.pdf >expect &&
	test_cmp expect actual &&
	test_grep "^e1ba190bf7cf1ae7,inbox.zip:2024/corrupt.pdf,pf-pdftext,error,damaged PDF" \
		out/errors.csv &&
	test_grep "^,inbox.zip:notes.txt,paragraf,skipped,not a PDF" out/errors.csv &&
	test_line_count 3 out/errors.csv &&
	cmp "$PDF/corrupt.pdf" out/quarantine/e1ba190bf7cf1ae7-corrupt.pdf &&
	! test -e 2024 && ! test -e table.pdf
'

test_expect_success 'a tar.gz with a corrupt member, its rows equal to the shell pipeline' '
	make_inbox &&
	(cd inbox && tar -czf ../inbox.tar.gz 2024/protocol.pdf 2024/corrupt.pdf table.pdf) &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox.tar.gz 2>log &&
	pipeline_tables ref inbox/2024/protocol.pdf=inbox.tar.gz:2024/protocol.pdf \
		inbox/2024/corrupt.pdf=inbox.tar.gz:2024/corrupt.pdf inbox/table.pdf=inbox.tar.gz:table.pdf &&
	same_tables ref out &&
	test_grep "inbox.tar.gz:2024/corrupt.pdf,pf-pdftext,error" out/errors.csv &&
	test_grep "3 documents: 2 done, 0 unchanged, 1 failed" log
'

test_expect_success 'a folder, a zip and a tar.gz at once: good ones land, duplicates are warned' '
	make_inbox &&
	(cd inbox && bsdtar --format zip -cf ../a.zip 2024/corrupt.pdf table.pdf) &&
	cp "$PDF/mixed.pdf" . && tar -czf b.tar.gz mixed.pdf && rm mixed.pdf &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox a.zip b.tar.gz 2>log &&
	cut -d, -f2 out/documents.csv >actual &&
	printf "%s\n" source a.zip:table.pdf b.tar.gz:mixed.pdf inbox/2024/protocol.pdf \
		inbox/2024/rotated.pdf >expect &&
	test_cmp expect actual &&
	test_golden "$GOLDEN/mixed-errors.csv" out/errors.csv
'

# ---- incremental ----

test_expect_success 'a rerun skips every document and gives the same bytes' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log1 &&
	cp -r out first &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log2 &&
	test_grep "4 documents: 0 to run, 4 unchanged" log2 &&
	test_grep "0 done, 3 unchanged, 1 failed (1 in an earlier run)" log2 &&
	! grep "\[1/" log2 &&
	same_tables first out &&
	test_cmp first/.paragraf/state.tsv out/.paragraf/state.tsv
'

test_expect_success 'a changed file is run again, the others are reused' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log1 &&
	cp "$PDF/mixed.pdf" inbox/table.pdf &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log2 &&
	test_grep "4 documents: 1 to run, 3 unchanged" log2 &&
	test_grep "\[1/1\] ok .inbox/table.pdf." log2 &&
	sha=$(sha256sum inbox/table.pdf | cut -c1-64) &&
	test_grep "^${sha%${sha#????????????????}},inbox/table.pdf,$sha," out/documents.csv &&
	grep -P "^inbox/table.pdf\t$sha\tok\t" out/.paragraf/state.tsv &&
	pipeline_tables ref inbox/2024/corrupt.pdf inbox/2024/protocol.pdf \
		inbox/2024/rotated.pdf inbox/table.pdf &&
	same_tables ref out &&
	ls out/.paragraf/docs >stored && test_line_count 4 stored
'

test_expect_success '--force runs everything again, with the same bytes' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log1 &&
	cp -r out first &&
	test_expect_code 1 "$PARAGRAF" run --force --out out inbox 2>log2 &&
	test_grep "4 documents: 4 to run, 0 unchanged" log2 &&
	same_tables first out
'

test_expect_success 'a run killed with -9 after its first document keeps the old tables; the next finishes' '
	make_inbox &&
	# the first document through pf-tables goes on, later ones sleep while slow exists
	cat >slow-tables <<-EOF &&
	#!/bin/sh
	n=\$(cat "$PWD/count" 2>/dev/null || echo 0); echo \$((n + 1)) >"$PWD/count"
	if [ "\$n" -ge 1 ] && [ -e "$PWD/slow" ]; then echo \$\$ >"$PWD/sleeper"; exec sleep 120; fi
	exec "$PF_BIN/pf-tables" "\$@"
	EOF
	chmod +x slow-tables &&
	conf_with_stage pf-tables "$PWD/slow-tables" &&
	"$PARAGRAF" run -c test.conf -j 1 --out out inbox/2024/protocol.pdf 2>log0 &&
	cp -r out before &&
	rm -f count && touch slow &&
	# --batch 1: the count is of pipes, one per document
	{ "$PARAGRAF" run -c test.conf -j 1 --batch 1 --out out inbox >log1 2>&1 & } &&
	pid=$! &&
	wait_for "\[1/3\]" log1 &&
	sleep 0.3 &&
	kill -9 $pid && { wait $pid || true; } &&
	same_tables before out &&
	test_line_count 2 out/documents.csv &&
	gone sleeper &&
	rm slow &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 1 --out out inbox 2>log2 &&
	test_grep "4 documents: 2 to run, 2 unchanged" log2 &&
	test_expect_code 1 "$PARAGRAF" run --force -c test.conf --out fresh inbox 2>log3 &&
	same_tables fresh out &&
	ls out/.paragraf/tmp >left && test_line_count 0 left &&
	! ls -A out | grep -q "\.tmp$"
'

test_expect_success 'SIGTERM stops every chain: the old tables stay, the driver dies by the signal' '
	make_inbox &&
	cat >slow-tables <<-EOF &&
	#!/bin/sh
	if [ -e "$PWD/slow" ]; then echo \$\$ >"$PWD/sleeper"; exec sleep 120; fi
	exec "$PF_BIN/pf-tables" "\$@"
	EOF
	chmod +x slow-tables &&
	conf_with_stage pf-tables "$PWD/slow-tables" &&
	"$PARAGRAF" run -c test.conf --out out inbox/table.pdf 2>log0 &&
	cp -r out before &&
	touch slow &&
	{ "$PARAGRAF" run -c test.conf -j 2 --out out inbox >log1 2>&1 & } &&
	pid=$! &&
	wait_for . sleeper &&
	kill -TERM $pid &&
	status=0 && { wait $pid || status=$?; } &&
	test $status = 143 &&
	test_grep "interrupted by signal 15: the tables in .out. are as they were" log1 &&
	gone sleeper &&
	same_tables before out &&
	ls out/.paragraf/tmp >left && test_line_count 0 left
'

test_expect_success '-j 2 gives byte-identical tables to -j 1' '
	make_inbox &&
	cp "$PDF/mixed.pdf" "$PDF/ocr.pdf" "$PDF/image-only.pdf" inbox/ &&
	(cd inbox && bsdtar --format zip -cf ../more.zip 2024 table.pdf) &&
	cp "$PDF/encrypted.pdf" "$PDF/damaged-page.pdf" . &&
	test_expect_code 1 "$PARAGRAF" run -j 1 --out one inbox encrypted.pdf damaged-page.pdf 2>log1 &&
	test_expect_code 1 "$PARAGRAF" run -j 2 --out two inbox encrypted.pdf damaged-page.pdf 2>log2 &&
	test_grep "2 at a time" log2 &&
	same_tables one two &&
	test_expect_code 1 "$PARAGRAF" run -j 3 --out three more.zip inbox 2>log3 &&
	test_expect_code 1 "$PARAGRAF" run -j 1 --out four more.zip inbox 2>log4 &&
	same_tables three four
'

# ---- failures ----

test_expect_success 'a stage hanging past the timeout is killed, quarantined, and tried again next run' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . && touch hang &&
	cat >hang-tables <<-EOF &&
	#!/bin/sh
	# hangs on table.pdf
	f=\$(mktemp); cat >"\$f"
	if [ -e "$PWD/hang" ] && grep -q "table.pdf" "\$f"; then
		rm -f "\$f"; echo \$\$ >"$PWD/sleeper"; exec sleep 120
	fi
	exec 0<"\$f"; rm -f "\$f"; exec "$PF_BIN/pf-tables" "\$@"
	EOF
	chmod +x hang-tables &&
	conf_with_stage pf-tables "$PWD/hang-tables" "[run]" "timeout = 4" &&
	start=$(date +%s) &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf -j 2 --out out protocol.pdf table.pdf 2>log &&
	test $(($(date +%s) - start)) -lt 30 &&
	test_grep "^2340b19b6c18b565,table.pdf,pf-tables,error,timed out after 4.0 s: killed$" \
		out/errors.csv &&
	test_grep "^3953f7faa417ad0e,protocol.pdf," out/documents.csv &&
	test_line_count 2 out/documents.csv &&
	cmp table.pdf out/quarantine/2340b19b6c18b565-table.pdf &&
	gone sleeper &&
	test_grep "failed .table.pdf.: pf-tables: timed out" log &&
	rm hang &&
	"$PARAGRAF" run -c test.conf --out out protocol.pdf table.pdf 2>log2 &&
	test_grep "2 documents: 1 to run, 1 unchanged" log2 &&
	test_line_count 3 out/documents.csv &&
	test_line_count 1 out/errors.csv
'

test_expect_success 'a crashing stage and a stage that exits 3 are reported with their stage' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" "$PDF/rotated.pdf" . &&
	cat >bad-segment <<-EOF &&
	#!/bin/sh
	f=\$(mktemp); cat >"\$f"
	if grep -q "table.pdf" "\$f"; then rm -f "\$f"; kill -SEGV \$\$; fi
	if grep -q "rotated.pdf" "\$f"; then rm -f "\$f"; echo "pf-segment: cannot write output: No space left on device" >&2; exit 3; fi
	exec 0<"\$f"; rm -f "\$f"; exec "$PF_BIN/pf-segment" "\$@"
	EOF
	chmod +x bad-segment &&
	conf_with_stage pf-segment "$PWD/bad-segment" &&
	test_expect_code 1 "$PARAGRAF" run -c test.conf --out out protocol.pdf table.pdf rotated.pdf 2>log &&
	test_grep "^2340b19b6c18b565,table.pdf,pf-segment,error,crashed: killed by signal 11 (Segmentation fault)$" \
		out/errors.csv &&
	test_grep "^07e82326f962607a,rotated.pdf,pf-segment,error,exited with status 3: pf-segment: cannot write output: No space left on device$" \
		out/errors.csv &&
	test_line_count 2 out/documents.csv &&
	ls out/quarantine >q && test_line_count 2 q
'

test_expect_success 'empty and encrypted files: every input is in documents or errors' '
	cp "$PDF/protocol.pdf" "$PDF/empty.pdf" "$PDF/encrypted.pdf" . &&
	test_expect_code 1 "$PARAGRAF" run --out out protocol.pdf empty.pdf encrypted.pdf 2>log &&
	test_grep ",empty.pdf,pf-pdftext,error,empty file$" out/errors.csv &&
	test_grep ",encrypted.pdf,pf-pdftext,error,encrypted: needs a password$" out/errors.csv &&
	test_line_count 2 out/documents.csv &&
	grep -P "^empty.pdf\t[0-9a-f]{64}\tfailed\t" out/.paragraf/state.tsv
'

test_expect_success 'an input named that does not exist: exit 3, nothing run or written' '
	cp "$PDF/protocol.pdf" . &&
	test_expect_code 3 "$PARAGRAF" run --out out protocol.pdf nosuch.pdf 2>log &&
	test_grep "^paragraf: cannot read input .nosuch.pdf.: No such file or directory$" log &&
	test_grep "^paragraf: nothing was run: the tables in .out. are as they were$" log &&
	! test -e out
'

test_expect_success 'the same bytes under two names: read once, the second is a warning' '
	cp "$PDF/protocol.pdf" a.pdf && cp "$PDF/protocol.pdf" b.pdf &&
	"$PARAGRAF" run --out out a.pdf b.pdf 2>log &&
	test_line_count 2 out/documents.csv &&
	test_grep "^3953f7faa417ad0e,b.pdf,paragraf,warning,the same file as .a.pdf.: not read again$" \
		out/errors.csv
'

test_expect_success 'an archive that cannot be read is an error row and is quarantined' '
	head -c 300 "$PDF/protocol.pdf" >broken.zip &&
	test_expect_code 1 "$PARAGRAF" run --out out broken.zip 2>log &&
	test_grep "^,broken.zip,paragraf,error,cannot read archive" out/errors.csv &&
	cmp broken.zip out/quarantine/broken.zip
'

test_expect_success 'a first stage without --source gets the path; members are read from stdin' '
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" . &&
	bsdtar --format zip -cf in.zip table.pdf &&
	cat >old-pdftext <<-EOF &&
	#!/bin/sh
	# a pf-pdftext from before --source
	[ "\$1" = --help ] && { echo "usage: old-pdftext FILE..."; exit 0; }
	exec "$PF_BIN/pf-pdftext" "\$@"
	EOF
	chmod +x old-pdftext &&
	conf_with_stage pf-pdftext "$PWD/old-pdftext" &&
	"$PARAGRAF" run -c test.conf --out out protocol.pdf in.zip 2>log &&
	test_grep "has no --source option: archive members are named .-." log &&
	cut -d, -f1,2 out/documents.csv >actual &&
	printf "%s\n" doc_id,source 2340b19b6c18b565,- 3953f7faa417ad0e,protocol.pdf >expect &&
	test_cmp expect actual
'

# ---- output formats, configuration ----

test_expect_success 'formats = csv csv.gz writes both, the gzip bytes deterministic' '
	make_inbox &&
	printf "[output]\nformats = csv csv.gz\n" >gz.conf &&
	test_expect_code 1 "$PARAGRAF" run -c gz.conf --out out inbox 2>log &&
	test_expect_code 1 "$PARAGRAF" run -c gz.conf --force --out again inbox 2>log &&
	for t in $TABLES; do
		gzip -dc out/$t.csv.gz >$t.csv && cmp out/$t.csv $t.csv &&
		cmp out/$t.csv.gz again/$t.csv.gz || exit 1
	done
'

test_expect_success 'formats = parquet writes Parquet from the merged CSV, -j 2 the same bytes' '
	make_inbox &&
	printf "[output]\nformats = parquet\n" >pq.conf &&
	test_expect_code 1 "$PARAGRAF" run -c pq.conf -j 1 --out out inbox 2>log &&
	test_expect_code 1 "$PARAGRAF" run -c pq.conf -j 2 --force --out again inbox 2>log &&
	for t in $TABLES; do
		test -f out/$t.csv && cmp out/$t.parquet again/$t.parquet || exit 1
	done &&
	mkdir fresh && cp out/*.csv fresh/ &&
	"$PF_BIN/pf-emit" --from-csv fresh &&
	for t in $TABLES; do cmp out/$t.parquet fresh/$t.parquet || exit 1; done
'

test_expect_success 'the repository pipeline.conf gives what the built-in defaults give' '
	make_inbox &&
	test_expect_code 1 "$PARAGRAF" run --out one inbox 2>log1 &&
	test_expect_code 1 "$PARAGRAF" run -c "$PF_ROOT/pipeline.conf" --out two inbox 2>log2 &&
	same_tables one two &&
	test "$(sed -n 2p one/.paragraf/state.tsv)" = "$(sed -n 2p two/.paragraf/state.tsv)"
'

test_expect_success 'configuration errors name the file and the line, exit 2' '
	cp "$PDF/protocol.pdf" . &&
	cat >bad.conf <<-\EOF &&
	# a broken configuration
	[pipeline]
	stages = pf-pdftext pf-normalize pf-segment pf-emit

	[stage pf-tabels]
	options = --x
	[run]
	jobs = many
	timeout = 5 minutes
	[output]
	formats = csv xlsx
	colour = blue
	[misc]
	EOF
	test_expect_code 2 "$PARAGRAF" run -c bad.conf --out out protocol.pdf 2>err &&
	cat >expect <<-\EOF &&
	paragraf: bad configuration '"'"'bad.conf'"'"' line 5: [stage pf-tabels]: '"'"'pf-tabels'"'"' is not in the chain ([pipeline] stages)
	paragraf: bad configuration '"'"'bad.conf'"'"' line 8: jobs: '"'"'many'"'"' is not a whole number from 0 (one per CPU) to 256
	paragraf: bad configuration '"'"'bad.conf'"'"' line 9: timeout: '"'"'5 minutes'"'"' is not a time such as 90, 90s, 10m or 1h (0: none; at most 7 days)
	paragraf: bad configuration '"'"'bad.conf'"'"' line 11: formats: unknown format '"'"'xlsx'"'"' (csv, csv.gz, parquet)
	paragraf: bad configuration '"'"'bad.conf'"'"' line 12: unknown key '"'"'colour'"'"' in [output] (known: dir, formats, state, quarantine)
	paragraf: bad configuration '"'"'bad.conf'"'"' line 13: unknown section '"'"'[misc]'"'"' (known: [pipeline], [stage NAME], [output], [run])
	EOF
	test_cmp expect err &&
	! test -e out
'

test_expect_success 'more configuration errors: a missing binary, a twice-set key, rejected options' '
	cp "$PDF/protocol.pdf" . &&
	printf "[stage pf-tables]\npath = ./no-such-stage\n" >a.conf &&
	test_expect_code 2 "$PARAGRAF" run -c a.conf protocol.pdf 2>err &&
	test_grep "bad configuration .a.conf. line 2: stage .pf-tables.: cannot run .*no-such-stage.: No such file or directory" err &&
	printf "[run]\njobs = 2\njobs = 3\n" >b.conf &&
	test_expect_code 2 "$PARAGRAF" run -c b.conf protocol.pdf 2>err &&
	test_grep "bad configuration .b.conf. line 3: .jobs. is set twice (first on line 2)" err &&
	printf "[stage pf-normalize]\noptions = --bogus\n" >c.conf &&
	test_expect_code 2 "$PARAGRAF" run -c c.conf --out out protocol.pdf 2>err &&
	test_grep "bad configuration .c.conf. line 2: options of .pf-normalize.: the stage rejects them: pf-normalize: unknown option .--bogus." err &&
	printf "[stage pf-emit]\noptions = --out elsewhere\n" >d.conf &&
	test_expect_code 2 "$PARAGRAF" run -c d.conf protocol.pdf 2>err &&
	test_grep "bad configuration .d.conf. line 2: options of .pf-emit.: --out is set by paragraf itself" err &&
	printf "[stage pf-segment]\noptions = \"open\n" >e.conf &&
	test_expect_code 2 "$PARAGRAF" run -c e.conf protocol.pdf 2>err &&
	test_grep "bad configuration .e.conf. line 2: options: a double quote is not closed" err &&
	test_expect_code 2 "$PARAGRAF" run -c nosuch.conf protocol.pdf 2>err &&
	test_grep "cannot read configuration .nosuch.conf." err
'

# [stage pf-pdftext] ocr = auto | never | always becomes the stage's --ocr
# (docs/driver.md): an image-only scan is read by OCR by default, and with
# ocr = never it is a warning in errors.csv.
test_expect_success 'ocr in pipeline.conf: auto reads an image-only scan, never warns' '
	mkdir -p scans &&
	pdftoppm -r 150 -gray "$PDF/table.pdf" page &&
	python3 "$TESTDIR/tools/image-only-pdf.py" 150 page-1.pgm >scans/scan.pdf &&
	"$PARAGRAF" run --out auto scans 2>log &&
	cut -d, -f6,19,20 auto/documents.csv >actual &&
	printf "text_layer,text_trust,ocr_pages
ocr,,1
" >expect &&
	test_cmp expect actual &&
	grep -c "^[0-9a-f]*,21," auto/paragraphs.csv >n && test "$(cat n)" = 1 &&
	printf "[stage pf-pdftext]
ocr = never
" >never.conf &&
	"$PARAGRAF" run -c never.conf --out never scans 2>log &&
	cut -d, -f6,19,20 never/documents.csv >actual &&
	printf "text_layer,text_trust,ocr_pages
none,,0
" >expect &&
	test_cmp expect actual &&
	test_grep "page 1: no text layer: needs OCR" never/errors.csv
'

test_expect_success 'ocr in pipeline.conf: a bad value, another stage, --ocr in options too' '
	cp "$PDF/protocol.pdf" . &&
	printf "[stage pf-pdftext]
ocr = sometimes
" >a.conf &&
	test_expect_code 2 "$PARAGRAF" run -c a.conf protocol.pdf 2>err &&
	test_grep "bad configuration .a.conf. line 2: ocr: .sometimes. is not auto, never or always" err &&
	printf "[stage pf-normalize]
ocr = never
" >b.conf &&
	test_expect_code 2 "$PARAGRAF" run -c b.conf protocol.pdf 2>err &&
	test_grep "bad configuration .b.conf. line 2: unknown key .ocr. in \[stage pf-normalize\] (known: path, options)" err &&
	printf "[stage pf-pdftext]
options = --ocr always
ocr = never
" >c.conf &&
	test_expect_code 2 "$PARAGRAF" run -c c.conf protocol.pdf 2>err &&
	test_grep "bad configuration .c.conf. line 2: options of .pf-pdftext.: --ocr is set by the ocr key (line 3)" err
'

test_expect_success 'nothing can run: exit 3 (stages missing, output not writable, locked)' '
	cp "$PDF/protocol.pdf" . &&
	mkdir alone && cp "$PARAGRAF" alone/ &&
	test_expect_code 3 alone/paragraf run --out out protocol.pdf 2>err &&
	test_grep "cannot find stage .pf-pdftext." err &&
	test_expect_code 3 "$PARAGRAF" run --out /proc/no/such protocol.pdf 2>err &&
	test_grep "cannot create ./proc/no/such." err &&
	mkdir -p out/.paragraf &&
	test_expect_code 3 flock out/.paragraf/lock "$PARAGRAF" run --out out protocol.pdf 2>err &&
	test_grep "another paragraf run is using .out/.paragraf." err
'

if command -v script >/dev/null; then
	test_expect_success 'on a terminal: a live line, failures and the summary' '
		make_inbox &&
		{ script -qec "\"$PARAGRAF\" run -j 1 --out out inbox" typescript >/dev/null 2>&1 </dev/null ||
			test $? = 1; } &&
		tr "\r" "\n" <typescript >screen &&
		test_grep "paragraf: [0-9]/4 documents.*failed" screen &&
		test_grep "\[[0-9]/4\] failed .inbox/2024/corrupt.pdf." screen &&
		test_grep "4 documents: 3 done" screen &&
		! grep -q "ok .inbox/table.pdf. (" screen
	'
else
	test_skip 'on a terminal: a live line' 'no script(1) here (bsdutils)'
fi

# ---- inspect ----

test_expect_success 'inspect protocol.pdf: every stage, its records, the tables' '
	cp "$PDF/protocol.pdf" . &&
	"$PARAGRAF" inspect protocol.pdf >out &&
	test_grep "^protocol.pdf: 37905 bytes, sha256 3953f7fa" out &&
	test_grep "^== 1/5 pf-pdftext: exited with status 0" out &&
	test_grep "^   line  *38$" out &&
	test_grep "^     doc | 3953f7faa417ad0e | protocol.pdf |" out &&
	test_grep "^== 3/5 pf-segment: exited with status 0" out &&
	test_grep "^   para  *5  (new)$" out &&
	test_grep "^     para | 3953f7faa417ad0e | 12 | Val av justerare" out &&
	test_grep "^== 5/5 pf-emit" out &&
	test_grep "^   paragraphs.csv  *5 rows$" out &&
	test_grep "^   errors.csv  *0 rows$" out &&
	test_grep "^result: ok$" out
'

test_expect_success 'inspect corrupt.pdf shows the error, exit 1' '
	cp "$PDF/corrupt.pdf" . &&
	test_expect_code 1 "$PARAGRAF" inspect corrupt.pdf >out &&
	test_grep "^== 1/5 pf-pdftext: exited with status 1" out &&
	test_grep "stderr: pf-pdftext: corrupt.pdf: damaged PDF" out &&
	test_grep "^   ! error pf-pdftext: damaged PDF: PDF document is damaged$" out &&
	test_grep "^result: failed$" out
'

test_done
