#!/usr/bin/env bash
# What the compiler and scripts check about the code itself: pf-emit's
# columns follow the record fields of lib/records.h (a field moved there
# alone fails the build), and no function in stages/ or lib/ grows past
# 120 lines (scripts/check-function-length, also run by make check).
. "$(dirname "$0")/test-lib.sh"

CC=${CC:-cc}

# compile_schema LIBDIR: pf-emit's schema.c against the headers in LIBDIR
compile_schema() {
	$CC -std=gnu11 -fsyntax-only -D_GNU_SOURCE -I"$1" "$PF_ROOT/stages/pf-emit/schema.c"
}

if command -v "$CC" >/dev/null; then
	test_expect_success 'schema.c compiles against lib/records.h as it is' '
		cp -r "$PF_ROOT/lib" lib &&
		compile_schema lib
	'

	test_expect_success 'a para field moved in records.h alone fails the build' '
		cp -r "$PF_ROOT/lib" lib &&
		sed -i "s/PF_PARA_DNR, PF_PARA_CASE_OWNER,/PF_PARA_CASE_OWNER, PF_PARA_DNR,/" lib/records.h &&
		! cmp -s lib/records.h "$PF_ROOT/lib/records.h" &&
		test_expect_code 1 compile_schema lib 2>err &&
		test_grep "paragraphs: the columns follow the para record" err
	'

	test_expect_success 'a field added to a record without its column fails the build' '
		cp -r "$PF_ROOT/lib" lib &&
		sed -i "s/PF_CELL_X1, PF_CELL_Y1, PF_CELL_NFIELD/PF_CELL_X1, PF_CELL_Y1, PF_CELL_ROTATION, PF_CELL_NFIELD/" lib/records.h &&
		! cmp -s lib/records.h "$PF_ROOT/lib/records.h" &&
		test_expect_code 1 compile_schema lib 2>err &&
		test_grep "table_cells: the columns follow the cell record" err
	'
else
	test_skip 'schema.c against lib/records.h' "no C compiler '$CC'"
fi

test_expect_success 'no function in stages/ or lib/ over 120 lines' '
	"$PF_ROOT/scripts/check-function-length"
'

test_expect_success 'check-function-length finds a long function' '
	{
		echo "static int long_one(void)" &&
		echo "{" &&
		for i in $(seq 130); do echo "	x();" || exit 1; done &&
		echo "}"
	} >long.c &&
	test_expect_code 1 "$PF_ROOT/scripts/check-function-length" long.c 2>err &&
	test_grep "long.c:2: long_one: 132 lines" err &&
	"$PF_ROOT/scripts/check-function-length" --max 200 long.c
'

test_done
