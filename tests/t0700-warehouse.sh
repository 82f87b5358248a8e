#!/usr/bin/env bash
# The warehouse contract (docs/schema.md), proven by real clients: a
# throwaway PostgreSQL cluster loads every CSV with COPY through
# scripts/load-postgres, and the same rows as csv.gz; DuckDB reads every
# Parquet and CSV file and finds the same rows and types; hyparquet reads
# every Parquet file; scripts/load-duckdb loads Parquet and csv.gz. Both
# loaders say nothing when all is well, load twice as once (every row
# compared), change nothing when a load fails, and rename the
# old column checks."check". The schema files must be what pf-emit
# generates. The JavaScript runs on Node 18, Debian 12's nodejs.
. "$(dirname "$0")/test-lib.sh"

JS=$TESTDIR/js
TABLES=$(sed -n "s/^CREATE TABLE IF NOT EXISTS \([a-z_]*\).*/\1/p" "$PF_ROOT/sql/schema.sql")

# The output under test: the segmented sketch protocol (Swedish text,
# quotes, commas, line breaks), every test PDF and the whole fixture corpus
# through the whole pipe.
OUT=$TRASH/out
{
	python3 "$TESTDIR/tools/lines2stream.py" "$TESTDIR/t0300/protocol.sketch" >"$TRASH/sketch" &&
	"$PF_BIN/pf-segment" "$TRASH/sketch" >"$TRASH/a.stream" &&
	"$PF_BIN/pf-pdftext" "$TESTDIR"/pdf/*.pdf "$PF_ROOT"/fixtures/pdf/*.pdf 2>/dev/null >"$TRASH/pdf.stream"
	"$PF_BIN/pf-normalize" "$TRASH/pdf.stream" >"$TRASH/n.stream" &&
	"$PF_BIN/pf-segment" "$TRASH/n.stream" >"$TRASH/s.stream" &&
	"$PF_BIN/pf-tables" "$TRASH/s.stream" >"$TRASH/b.stream" &&
	"$PF_BIN/pf-emit" --format both --out "$OUT" "$TRASH/a.stream" "$TRASH/b.stream" 2>/dev/null
	# the same rows as csv.gz only (formats = csv.gz)
	"$PF_BIN/pf-emit" --gzip --out "$TRASH/gz" "$TRASH/a.stream" "$TRASH/b.stream" 2>/dev/null
} || true

# rows of a CSV file (records, not lines: fields may hold line breaks)
csv_rows() {
	python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"
}

test_expect_success 'sql/schema.sql, sql/schema-duckdb.sql and docs/schema.md are what pf-emit generates' '
	"$PF_BIN/pf-emit" --schema postgres >pg.sql && test_cmp "$PF_ROOT/sql/schema.sql" pg.sql &&
	"$PF_BIN/pf-emit" --schema duckdb >duck.sql && test_cmp "$PF_ROOT/sql/schema-duckdb.sql" duck.sql &&
	"$PF_BIN/pf-emit" --schema markdown >schema.md && test_cmp "$PF_ROOT/docs/schema.md" schema.md
'

test_expect_success 'every table of the contract is written, in both formats' '
	for t in $(sed -n "s/^CREATE TABLE IF NOT EXISTS \([a-z_]*\).*/\1/p" "$PF_ROOT/sql/schema.sql"); do
		test -f "$OUT/$t.csv" && test -f "$OUT/$t.parquet" || { echo "missing $t"; exit 1; }
	done
'

# ---- PostgreSQL ----

PG=
if pg_start; then PG=1; else say "# $PG_WHY: the PostgreSQL cases are skipped"; fi

pg_case() {
	if test -n "$PG"; then test_expect_success "$@"; else test_skip "$1" "$PG_WHY"; fi
}
q() { psql -X -q -t -A -c "$1"; }
# every table: its row count and an MD5 of its rows in sorted order
pg_dump_tables() {
	local t
	for t in $TABLES; do
		q "SELECT '$t', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM $t x" ||
			return 1
	done
}

pg_case 'PostgreSQL: the schema loads, then every CSV with COPY; nothing said' '
	"$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err
'

pg_case 'PostgreSQL: every table has as many rows as its CSV' '
	for t in $(sed -n "s/^CREATE TABLE IF NOT EXISTS \([a-z_]*\).*/\1/p" "$PF_ROOT/sql/schema.sql"); do
		want=$(csv_rows "$OUT/$t.csv") && got=$(q "SELECT count(*) FROM $t") &&
		test "$want" = "$got" || { echo "$t: csv $want, postgres $got"; exit 1; }
	done
'

pg_case 'PostgreSQL: Swedish text, quotes, commas, line breaks, nulls and types come through' '
	q "SELECT title FROM paragraphs WHERE doc_id = '"'"'0a0b0c0d0e0f1011'"'"' AND para_no = 29" >actual &&
	echo "Övergripande fördelning, medel inom överenskommelsen Ökad tillgänglighet i hälso- och sjukvården 2024" >expect &&
	test_cmp expect actual &&
	q "SELECT text FROM sections WHERE heading = '"'"'Beslutsunderlag'"'"' AND doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	printf "• Tjänsteskrivelse\n• Riktlinje, bilaga\n" >expect && test_cmp expect actual &&
	q "SELECT amount, currency, pg_typeof(amount) FROM amounts WHERE raw = '"'"'-177 miljoner kronor'"'"' AND doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	echo "-177000000.00|SEK|numeric" >expect && test_cmp expect actual &&
	q "SELECT meeting_date, meeting_end_date, pg_typeof(meeting_date) FROM documents WHERE doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	echo "2025-03-20|2025-03-21|date" >expect && test_cmp expect actual &&
	q "SELECT count(*) FROM attendees WHERE party IS NULL AND doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	echo 3 >expect && test_cmp expect actual &&
	q "SELECT DISTINCT title FROM paragraphs WHERE title LIKE '"'"'%”Överenskommelse%'"'"'" >actual &&
	echo "Ändring av förslaget – ”Överenskommelse om samverkan”" >expect && test_cmp expect actual
'

pg_case 'PostgreSQL: loading the same output again changes nothing, says nothing' '
	pg_dump_tables >before &&
	"$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	pg_dump_tables >after &&
	test_cmp before after
'

pg_case 'PostgreSQL: csv.gz loads the same rows as csv, twice as once' '
	test -f "$TRASH/gz/documents.csv.gz" && ! test -e "$TRASH/gz/documents.csv" &&
	q "CREATE DATABASE gz" && pg_dump_tables >want &&
	PGDATABASE=gz "$PF_ROOT/scripts/load-postgres" "$TRASH/gz" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	PGDATABASE=gz pg_dump_tables >got && test_cmp want got &&
	PGDATABASE=gz "$PF_ROOT/scripts/load-postgres" "$TRASH/gz" &&
	PGDATABASE=gz pg_dump_tables >again && test_cmp want again
'

pg_case 'PostgreSQL: a warehouse with the old column checks."check" gets check_name' '
	q "CREATE DATABASE old" &&
	sed "s/check_name/\"check\"/g" "$PF_ROOT/sql/schema.sql" >old.sql &&
	test_grep "\"check\" " old.sql &&
	PGDATABASE=old psql -X -q -f old.sql &&
	PGDATABASE=old "$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null err &&
	PGDATABASE=old q "SELECT check_name, count(*) FROM checks GROUP BY 1 ORDER BY 1" >got &&
	q "SELECT check_name, count(*) FROM checks GROUP BY 1 ORDER BY 1" >want &&
	test_cmp want got && test -s got
'

pg_case 'PostgreSQL: a reloaded document replaces its rows, others stay' '
	mkdir one && "$PF_BIN/pf-emit" --out one "$TRASH/a.stream" &&
	q "UPDATE paragraphs SET title = '"'"'changed'"'"' WHERE doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" &&
	"$PF_ROOT/scripts/load-postgres" one &&
	q "SELECT count(*) FROM paragraphs WHERE title = '"'"'changed'"'"'" >actual &&
	echo 0 >expect && test_cmp expect actual &&
	q "SELECT count(*) FROM documents" >actual &&
	csv_rows "$OUT/documents.csv" >expect && test_cmp expect actual
'

pg_case 'PostgreSQL: a failing load changes nothing' '
	mkdir bad && cp "$OUT"/*.csv bad/ &&
	printf "x,1,not a number\n" >>bad/attendees.csv &&
	q "SELECT count(*) FROM attendees" >before &&
	test_expect_code 1 "$PF_ROOT/scripts/load-postgres" bad 2>err &&
	q "SELECT count(*) FROM attendees" >after &&
	test_cmp before after
'

# ---- DuckDB and hyparquet ----

JS_OK=
if have_js_readers; then JS_OK=1; else say "# $JS_WHY: the DuckDB cases are skipped"; fi
node_case() {
	if test -n "$JS_OK"; then test_expect_success "$@"; else test_skip "$1" "$JS_WHY"; fi
}

node_case 'DuckDB: Parquet and CSV hold the same rows and types; hyparquet reads every file' '
	rc=0 &&
	{ node "$JS/parquet-vs-csv.mjs" "$PF_ROOT/sql/schema-duckdb.sql" "$OUT" >report 2>&1 || rc=$?; } &&
	cat report && test $rc = 0 && ! grep -q DIFFERENT report
'

node_case 'DuckDB: scripts/load-duckdb loads, and loads again: the same rows, nothing said' '
	"$PF_ROOT/scripts/load-duckdb" "$OUT" w.duckdb >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	node "$JS/dump.mjs" w.duckdb $TABLES >once &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" w.duckdb >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	node "$JS/dump.mjs" w.duckdb $TABLES >twice &&
	test_cmp once twice &&
	for t in $TABLES; do echo "$t $(csv_rows "$OUT/$t.csv")"; done >expect &&
	cut -d" " -f1,2 once >actual && test_cmp expect actual &&
	cp once "$TRASH/duck-once"
'

node_case 'DuckDB: csv.gz loads the same rows as Parquet and CSV, twice as once' '
	"$PF_ROOT/scripts/load-duckdb" "$TRASH/gz" g.duckdb >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	node "$JS/dump.mjs" g.duckdb $TABLES >got && test_cmp "$TRASH/duck-once" got &&
	"$PF_ROOT/scripts/load-duckdb" "$TRASH/gz" g.duckdb &&
	node "$JS/dump.mjs" g.duckdb $TABLES >again && test_cmp got again
'

node_case 'DuckDB: a warehouse with the old column checks."check" gets check_name' '
	sed "s/check_name/\"check\"/g" "$PF_ROOT/sql/schema-duckdb.sql" >old.sql &&
	test_grep "\"check\" " old.sql &&
	node "$JS/run-sql.mjs" old.duckdb old.sql &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" old.duckdb >out 2>err &&
	test_cmp /dev/null err &&
	node "$JS/dump.mjs" old.duckdb $TABLES >got &&
	test_cmp "$TRASH/duck-once" got
'

node_case 'DuckDB: a failing load changes nothing' '
	"$PF_ROOT/scripts/load-duckdb" "$OUT" f.duckdb &&
	node "$JS/dump.mjs" f.duckdb $TABLES >before &&
	mkdir bad && cp "$OUT"/*.csv bad/ &&
	printf "x,1,not a number\n" >>bad/attendees.csv &&
	test_expect_code 1 "$PF_ROOT/scripts/load-duckdb" bad f.duckdb 2>err &&
	test_grep "nothing was changed" err &&
	node "$JS/dump.mjs" f.duckdb $TABLES >after && test_cmp before after
'

test_done
