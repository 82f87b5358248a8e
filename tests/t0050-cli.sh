#!/usr/bin/env bash
# The command line of every binary: --help and --version exit 0 (also after
# a command: paragraf run --version), and a bad option is worded alike
# everywhere, program name first, with the hint to --help, exit 2.
. "$(dirname "$0")/test-lib.sh"

STAGES="pf-pdftext pf-normalize pf-segment pf-tables pf-emit"
VERSION=$(sed -n 's/^VERSION *= *//p' "$PF_ROOT/Makefile")

test_expect_success '--help and --version of every binary and command' '
	for b in $STAGES paragraf "paragraf run" "paragraf inspect"; do
		$PF_BIN/$b --help >help </dev/null && test_grep "^usage: ${b}" help &&
		test_grep "^Exit status: 0 " help &&
		$PF_BIN/$b --version >version </dev/null &&
		echo "${b%% *} $VERSION" >expect && test_cmp expect version || exit 1
	done
'

test_expect_success 'an unknown option, long or short: the same words everywhere, exit 2' '
	for b in $STAGES; do
		test_expect_code 2 $PF_BIN/$b --frobnicate </dev/null 2>err &&
		printf "%s\n" "$b: unknown option '"'"'--frobnicate'"'"'" \
			"Try '"'"'$b --help'"'"' for more information." >expect &&
		test_cmp expect err &&
		test_expect_code 2 $PF_BIN/$b -Q </dev/null 2>err &&
		test_grep "^$b: unknown option '"'"'-Q'"'"'$" err || exit 1
	done &&
	for c in run inspect; do
		test_expect_code 2 $PF_BIN/paragraf $c --frobnicate=3 x.pdf 2>err &&
		printf "%s\n" "paragraf: unknown option '"'"'--frobnicate'"'"'" \
			"Try '"'"'paragraf $c --help'"'"' for more information." >expect &&
		test_cmp expect err || exit 1
	done
'

test_expect_success 'an option without its argument: the same words everywhere, exit 2' '
	for b in "pf-pdftext --max-pages" "pf-emit --out" "paragraf run --out" "paragraf inspect -n"; do
		test_expect_code 2 $PF_BIN/$b </dev/null 2>err &&
		test_grep "^${b%% *}: option '"'"'${b##* }'"'"' needs an argument$" err &&
		test_grep "^Try '"'"'${b% *} --help'"'"' for more information.$" err || exit 1
	done
'

test_expect_success 'pf-emit --help names every table it writes' '
	printf "stream\tparagraf\t1\n" >empty.stream &&
	"$PF_BIN/pf-emit" --out tables empty.stream &&
	"$PF_BIN/pf-emit" --help >help &&
	for t in $(cd tables && ls *.csv | sed "s/\.csv$//"); do
		test_grep "^  $t  " help || exit 1
	done
'

test_done
