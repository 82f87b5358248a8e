#!/usr/bin/env bash
# The warehouse contract (docs/schema.md), proven by real clients: a
# throwaway PostgreSQL cluster loads every CSV with COPY through
# scripts/load-postgres, twice; DuckDB reads every Parquet and CSV file and
# finds the same rows and types; hyparquet reads every Parquet file;
# scripts/load-duckdb loads twice. The schema files must be what pf-emit
# generates.
. "$(dirname "$0")/test-lib.sh"

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
JS=$TESTDIR/js

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

if test -z "$PG_BIN"; then
	test_skip 'PostgreSQL cases' 'no PostgreSQL server installed (scripts/install-deps installs it)'
	PG=
else
	PG=$(mktemp -d /tmp/pf-pg.XXXXXX)
	chmod 755 "$PG"
	as_pg() { if test "$(id -u)" = 0; then runuser -u postgres -- "$@"; else "$@"; fi; }
	test "$(id -u)" = 0 && chown postgres "$PG"
	stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PG"; }
	trap 'stop_pg; rm -rf "$TRASH"' EXIT
	if as_pg "$PG_BIN/initdb" -D "$PG/data" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG/initdb.log" 2>&1 &&
	   as_pg "$PG_BIN/pg_ctl" -D "$PG/data" -w -l "$PG/server.log" \
		-o "-c listen_addresses='' -k $PG -p 54329 -c fsync=off" start >/dev/null 2>&1; then
		export PGHOST=$PG PGPORT=54329 PGUSER=postgres PGDATABASE=postgres
	else
		cat "$PG/initdb.log" "$PG/server.log" 2>/dev/null | tail -n 20
		PG=
	fi
fi

pg_case() {
	if test -n "$PG"; then test_expect_success "$@"; else test_skip "$1" "no PostgreSQL cluster"; fi
}
q() { psql -X -q -t -A -c "$1"; }

pg_case 'PostgreSQL: the schema loads, then every CSV with COPY' '
	"$PF_ROOT/scripts/load-postgres" "$OUT"
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

pg_case 'PostgreSQL: loading the same output again changes nothing (idempotent)' '
	for t in documents paragraphs decisions errors; do q "SELECT count(*) FROM $t"; done >before &&
	"$PF_ROOT/scripts/load-postgres" "$OUT" &&
	for t in documents paragraphs decisions errors; do q "SELECT count(*) FROM $t"; done >after &&
	test_cmp before after
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
	rc=0 && node "$JS/parquet-vs-csv.mjs" "$PF_ROOT/sql/schema-duckdb.sql" "$OUT" >report 2>&1 || rc=$? &&
	cat report && test $rc = 0 && ! grep -q DIFFERENT report
'

node_case 'DuckDB: scripts/load-duckdb loads, and loads again without doubling' '
	"$PF_ROOT/scripts/load-duckdb" "$OUT" w.duckdb &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" w.duckdb &&
	node -e "
		const { DuckDBInstance } = await import(process.argv[1]);
		const db = await DuckDBInstance.create(\"w.duckdb\");
		const con = await db.connect();
		for (const t of [\"documents\", \"paragraphs\", \"amounts\"]) {
			const r = await con.runAndReadAll(\"SELECT count(*) AS n FROM \" + t);
			console.log(t, Number(r.getRowObjectsJson()[0].n));
		}" "$PF_ROOT/scripts/duckdb/node_modules/@duckdb/node-api/lib/index.js" --input-type=module >actual &&
	for t in documents paragraphs amounts; do echo "$t $(csv_rows "$OUT/$t.csv")"; done >expect &&
	test_cmp expect actual
'

test_done
