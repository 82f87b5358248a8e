#!/usr/bin/env bash
# The example queries of the README, as printed there, on the real corpus
# (../shared/realpdfs, the documents of fixtures/real) loaded into DuckDB
# with scripts/load-duckdb: each must return rows. Skipped where the real
# PDFs or node are missing.
. "$(dirname "$0")/test-lib.sh"

REAL=${PF_REALPDFS:-$PF_ROOT/../shared/realpdfs}

# the README's ```sql blocks, one query a file: q1.sql, q2.sql
readme_queries() {
	awk '/^```sql$/ { n++; f = "q" n ".sql"; on = 1; next }
	     /^```$/ { on = 0 } on { print > f }' "$PF_ROOT/README.md"
}

if ! test -d "$REAL"; then
	test_skip 'the README queries return rows on the real corpus' "no $REAL here"
elif ! have_js_readers; then
	test_skip 'the README queries return rows on the real corpus' "$JS_WHY"
else
	test_expect_success 'the README queries return rows on the real corpus' '
		for d in "$PF_ROOT"/fixtures/real/*/; do
			echo "$REAL/$(basename "$d").pdf"
		done >pdfs &&
		xargs "$PF_BIN/paragraf" run --out out <pdfs >run.log 2>&1 &&
		"$PF_ROOT/scripts/load-duckdb" out w.duckdb &&
		readme_queries && test -f q1.sql && test -f q2.sql &&
		node "$TESTDIR/js/query.mjs" w.duckdb "$(cat q1.sql)" >money &&
		test_grep "|EUR|" money && test_grep "|SEK|" money &&
		node "$TESTDIR/js/query.mjs" w.duckdb "$(cat q2.sql)" >decided &&
		test_line_count 5 decided &&
		test_grep "^4|Penningpolitiskt beslut|1|om ytterligare likviditetsfrämjande" decided
	'
fi

test_done
