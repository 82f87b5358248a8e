#!/usr/bin/env bash
# Extraction accuracy on the fixture corpus: the whole pipeline on every
# fixture PDF, scored against fixtures/expected with the team's thresholds
# (scripts/score-thresholds). A figure below its threshold fails the case.
# The stress PDFs must go through without a crash and be accounted for.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'every fixture scores at or above its threshold' '
	"$PF_ROOT/scripts/run-fixtures" out &&
	"$PF_ROOT/scripts/score" --variants --thresholds "$PF_ROOT/scripts/score-thresholds" \
		"$PF_ROOT/fixtures/expected" out >table 2>err ||
	{ cat table err; exit 1; }
'

test_expect_success 'stress PDFs: no stage crashes, every document is accounted for' '
	for pdf in "$PF_ROOT"/fixtures/pdf/stress/*.pdf; do
		name=$(basename "$pdf" .pdf)
		"$PF_BIN/pf-pdftext" "$pdf" >"$name.1" 2>>err; a=$?
		"$PF_BIN/pf-normalize" "$name.1" >"$name.2"; b=$?
		"$PF_BIN/pf-segment" "$name.2" >"$name.3"; c=$?
		"$PF_BIN/pf-tables" "$name.3" >"$name.4"; d=$?
		"$PF_BIN/pf-emit" --out "$name" "$name.4" 2>>err; e=$?
		test $a -le 1 -a $b = 0 -a $c = 0 -a $d = 0 -a $e -le 1 ||
			{ echo "$name: exit codes $a $b $c $d $e"; exit 1; }
		rows=$(( $(wc -l <"$name/documents.csv") - 1 + $(grep -c ",error," "$name/errors.csv") ))
		test "$rows" -ge 1 || { echo "$name: in neither documents.csv nor errors.csv"; exit 1; }
	done
'

test_done
