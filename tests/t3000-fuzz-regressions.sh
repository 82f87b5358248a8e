#!/usr/bin/env bash
# Every input with which a fuzz target found a bug (tests/fuzz/regressions/
# <target>/, tests/fuzz/README.md) goes through the real binary of that
# target's stage: no crash, no sanitizer report, an exit status the stage
# documents for its input, and output the next stage reads. Under
# `make check-asan` the sanitizers check the binaries themselves.
. "$(dirname "$0")/test-lib.sh"

REG=$TESTDIR/fuzz/regressions

# survived CODE ALLOWED...: the run exited with one of the allowed codes and
# wrote no sanitizer report on stderr (file err)
survived() {
	local code=$1 ok
	shift
	if grep -E "Sanitizer|runtime error:" err >&2; then
		return 1
	fi
	for ok in "$@"; do
		test "$code" = "$ok" && return 0
	done
	echo "exit status $code, expected one of: $*" >&2
	cat err >&2
	return 1
}

# stream_ok FILE: the next stage reads FILE to its end
stream_ok() {
	"$PF_BIN/pf-tables" "$1" >/dev/null 2>reread || { cat reread >&2; return 1; }
}

# replay TARGET INPUT: the body of one case
replay() {
	local t=$1 code=0
	cp "$2" in
	case $t in
	stream|tables)
		"$PF_BIN/pf-tables" in >out 2>err || code=$?
		survived $code 0 1 3 && stream_ok out ;;
	normalize)
		"$PF_BIN/pf-normalize" --trace in >out 2>err || code=$?
		survived $code 0 1 3 && stream_ok out ;;
	segment)
		"$PF_BIN/pf-segment" in >out 2>err || code=$?
		survived $code 0 1 3 && stream_ok out ;;
	emit)
		# and the CSV it wrote is CSV that --from-csv takes (the driver
		# makes Parquet that way)
		"$PF_BIN/pf-emit" --format both --out tables in >out 2>err || code=$?
		survived $code 0 1 3 || return 1
		code=0
		"$PF_BIN/pf-emit" --from-csv tables >out 2>err || code=$?
		survived $code 0 ;;
	pdftext)
		"$PF_BIN/pf-pdftext" in >out 2>err || code=$?
		survived $code 0 1 && stream_ok out ;;
	*)
		echo "no stage for fuzz target '$t'" >&2
		return 1 ;;
	esac
}

n=0
for dir in "$REG"/*/; do
	t=$(basename "$dir")
	for input in "$dir"*; do
		test -f "$input" || continue
		n=$((n + 1))
		test_expect_success "fuzz-$t: $(basename "$input")" "replay $t '$input'"
	done
done
test "$n" -gt 0 || test_skip 'fuzz regressions' "none in $REG"

test_done
