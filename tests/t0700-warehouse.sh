#!/usr/bin/env bash
# The warehouse contract (docs/schema.md), proven by real clients: a
# throwaway PostgreSQL cluster loads every CSV with COPY through
# scripts/load-postgres, and the same rows as csv.gz; DuckDB reads every
# Parquet and CSV file and finds the same rows and types; hyparquet reads
# every Parquet file; scripts/load-duckdb loads Parquet and csv.gz. Both
# loaders say nothing when all is well, load twice as once (every row
# compared), change nothing when a load fails, and load a file's columns by
# name. A warehouse of the first release (884c4e5, tests/t0700: its DDL
# and rows in its columns) and one of contract version 2 (dfa0807, its DDL)
# are upgraded by the load: its documents stay,
# migrated (tests/t0700/upgraded.expect, checked by hand), today's are
# loaded as into a new warehouse, and the tables then have the shape of a
# new one; a warehouse of a newer contract, or with a column that cannot be
# migrated, is refused by name and left as it was. The schema files must be
# what pf-emit generates. The JavaScript runs on Node 18, Debian 12's nodejs.
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
	q "SELECT meeting_time, meeting_end_time, pg_typeof(meeting_time) FROM documents WHERE doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	echo "09:15:00||time without time zone" >expect && test_cmp expect actual &&
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

# ---- PostgreSQL: a warehouse of an earlier contract ----

# The previous release's warehouse (commit 884c4e5: checks."check" keyed by
# table, amounts.amount_sek, no para_letter, votes, quality or seq) with
# rows it loaded: OLD's CSV files, in that release's columns, copied by
# position as its loader did. a1d0...1 and a1d0...2 are not in today's
# load; 0a0b0c0d0e0f1011 is, with old rows that today's must replace.
OLD=$TESTDIR/t0700/out-884c4e5
OLD_TABLES="documents attendees paragraphs sections decisions amounts motions tables table_cells allocations checks errors"
# today's documents' rows: all but the old ones (and the rows of no document)
TODAY="doc_id NOT LIKE 'a1d%'"
qq() { psql -X -q -t -A -P null='\N' -c "$1"; }
pg_old_warehouse() {
	q "CREATE DATABASE $1" &&
	PGDATABASE=$1 psql -X -q -v ON_ERROR_STOP=1 -f "$TESTDIR/t0700/schema-884c4e5.sql" &&
	for t in $OLD_TABLES; do
		(cd "$OLD" && PGDATABASE=$1 psql -X -q -v ON_ERROR_STOP=1 \
			-c "\\copy $t FROM '$t.csv' WITH (FORMAT csv, HEADER true)") || return 1
	done
}
# every table's rows by column name (the column order of an upgraded table
# is not a new one's): count and MD5, of the rows matching $2
pg_dump_named() {
	local t
	for t in $TABLES; do
		q "SELECT '$t', count(*), md5(coalesce(string_agg(j, '|' ORDER BY j), ''))
		   FROM (SELECT (to_jsonb(x) - 'my_note')::text AS j FROM $t x WHERE $1) s" || return 1
	done
}
# the shape of every table: columns, types, nulls, defaults, primary keys
pg_shape() {
	q "SELECT table_name, column_name, data_type, numeric_precision, numeric_scale, is_nullable, column_default
	   FROM information_schema.columns WHERE table_schema = 'public' AND column_name <> 'my_note'
	   ORDER BY 1, 2" &&
	q "SELECT conrelid::regclass, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'p' ORDER BY 1"
}

pg_case 'PostgreSQL: the previous release (884c4e5) warehouse is upgraded by a load, quietly' '
	pg_old_warehouse prev &&
	PGDATABASE=prev q "ALTER TABLE paragraphs ADD COLUMN my_note text; UPDATE paragraphs SET my_note = '"'"'mine'"'"' WHERE para_no = 7" &&
	PGDATABASE=prev "$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	q "CREATE DATABASE fresh" && PGDATABASE=fresh "$PF_ROOT/scripts/load-postgres" "$OUT" &&
	PGDATABASE=fresh pg_shape >want && PGDATABASE=prev pg_shape >got && test_cmp want got
'

pg_case 'PostgreSQL: the old documents are still there, migrated; column kept' '
	while IFS= read -r sql; do
		echo "-- $sql" && PGDATABASE=prev qq "$sql" || exit 1
	done <"$TESTDIR/t0700/upgraded.sql" >got &&
	test_cmp "$TESTDIR/t0700/upgraded.expect" got
'

pg_case 'PostgreSQL: today'"'"'s documents are loaded as into a new warehouse' '
	PGDATABASE=fresh pg_dump_named "$TODAY" >want &&
	PGDATABASE=prev pg_dump_named "$TODAY" >got && test_cmp want got &&
	PGDATABASE=fresh pg_dump_named true >all && test_cmp want all
'

pg_case 'PostgreSQL: an upgraded warehouse loaded again does not change' '
	PGDATABASE=prev pg_dump_named true >before &&
	PGDATABASE=prev qq "SELECT * FROM paragraf_schema" >stamp.before &&
	PGDATABASE=prev "$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	PGDATABASE=prev pg_dump_named true >after && test_cmp before after &&
	PGDATABASE=prev qq "SELECT * FROM paragraf_schema" >stamp.after && test_cmp stamp.before stamp.after &&
	PGDATABASE=prev pg_shape >got && PGDATABASE=fresh pg_shape >want && test_cmp want got
'

# The release before the meeting's times (dfa0807, contract version 2, its
# DDL in tests/t0700): a warehouse it made and stamped gets the two time
# columns from the contract's generic step, null for the rows it holds.
V2_DOC="INSERT INTO documents (doc_id, organ, meeting_date, place) VALUES ('b2d0000000000001', 'Kommunstyrelsen', '2025-05-05', 'Stadshuset')"
pg_case 'PostgreSQL: a contract-2 warehouse (dfa0807) gets the meeting'"'"'s times, null for its rows' '
	q "CREATE DATABASE v2" &&
	PGDATABASE=v2 psql -X -q -v ON_ERROR_STOP=1 -f "$TESTDIR/t0700/schema-dfa0807.sql" &&
	PGDATABASE=v2 q "CREATE TABLE paragraf_schema (version integer NOT NULL, release text,
		stamped_at timestamp with time zone NOT NULL DEFAULT now());
		INSERT INTO paragraf_schema (version, release) VALUES (2, '"'"'0.1.0'"'"'); $V2_DOC" &&
	PGDATABASE=v2 "$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	PGDATABASE=v2 pg_shape >got && PGDATABASE=fresh pg_shape >want && test_cmp want got &&
	PGDATABASE=v2 qq "SELECT doc_id, meeting_time, meeting_end_time, place FROM documents WHERE doc_id LIKE '"'"'b2d%'"'"'" >actual &&
	echo "b2d0000000000001|\N|\N|Stadshuset" >expect && test_cmp expect actual &&
	PGDATABASE=v2 qq "SELECT version FROM paragraf_schema ORDER BY 1" >actual &&
	printf "2\n3\n" >expect && test_cmp expect actual &&
	PGDATABASE=v2 pg_dump_named "$TODAY AND doc_id NOT LIKE '"'"'b2d%'"'"'" >got &&
	PGDATABASE=fresh pg_dump_named "$TODAY" >want && test_cmp want got
'

pg_case 'PostgreSQL: a warehouse of a newer contract is refused, unchanged' '
	q "CREATE DATABASE newer" && PGDATABASE=newer "$PF_ROOT/scripts/load-postgres" "$OUT" &&
	PGDATABASE=newer q "INSERT INTO paragraf_schema (version, release) VALUES (99, '"'"'9.9'"'"'); DELETE FROM paragraphs WHERE para_no = 29" &&
	PGDATABASE=newer pg_dump_named true >before && PGDATABASE=newer pg_shape >shape.before &&
	test_expect_code 1 env PGDATABASE=newer "$PF_ROOT/scripts/load-postgres" "$OUT" >out 2>err &&
	test_cmp /dev/null out && cat err &&
	test_grep "load-postgres: the warehouse is at contract version 99 (paragraf_schema.version), newer than the version 3" err &&
	test_grep "nothing was changed" err &&
	PGDATABASE=newer pg_dump_named true >after && test_cmp before after &&
	PGDATABASE=newer pg_shape >shape.after && test_cmp shape.before shape.after
'

pg_case 'PostgreSQL: a column that cannot be migrated is named, nothing changed' '
	q "CREATE DATABASE typed" &&
	sed "s/^    pages             integer,/    pages             text,/" "$TESTDIR/t0700/schema-884c4e5.sql" >typed.sql &&
	PGDATABASE=typed psql -X -q -v ON_ERROR_STOP=1 -f typed.sql &&
	PGDATABASE=typed pg_shape >before &&
	test_expect_code 1 env PGDATABASE=typed "$PF_ROOT/scripts/load-postgres" "$OUT" 2>err && cat err &&
	test_grep "load-postgres: the warehouse.s column documents.pages is text, the contract (version 3) says integer" err &&
	PGDATABASE=typed pg_shape >after && test_cmp before after &&
	PGDATABASE=typed q "ALTER TABLE documents ALTER COLUMN pages TYPE integer USING pages::integer; ALTER TABLE errors ADD COLUMN ticket integer NOT NULL" &&
	test_expect_code 1 env PGDATABASE=typed "$PF_ROOT/scripts/load-postgres" "$OUT" 2>err && cat err &&
	test_grep "column errors.ticket is not in the contract (version 3) and is NOT NULL without a default" err
'

pg_case 'PostgreSQL: columns are loaded by name, in any order in the file' '
	mkdir byname && for f in "$OUT"/*.csv; do
		python3 "$TESTDIR/t0700/reverse-columns.py" "$f" >"byname/${f##*/}" || exit 1
	done &&
	head -n 1 byname/paragraphs.csv | grep "^para_letter,page_end," &&
	q "CREATE DATABASE byname" &&
	PGDATABASE=byname "$PF_ROOT/scripts/load-postgres" byname >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	PGDATABASE=byname pg_dump_tables >got && PGDATABASE=gz pg_dump_tables >want && test_cmp want got
'

pg_case 'PostgreSQL: a column the contract does not have is refused, by file and name' '
	mkdir unknown && cp "$OUT"/*.csv unknown/ &&
	sed -i "1s/\$/,mood/; 2,\$s/\$/,/" unknown/decisions.csv &&
	PGDATABASE=fresh pg_dump_named true >before &&
	test_expect_code 1 env PGDATABASE=fresh "$PF_ROOT/scripts/load-postgres" unknown 2>err && cat err &&
	test_grep "unknown/decisions.csv.: column .mood. is not in decisions of the warehouse contract (version 3)" err &&
	PGDATABASE=fresh pg_dump_named true >after && test_cmp before after
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

# ---- DuckDB: a warehouse of an earlier contract ----

# The previous release's DuckDB warehouse with OLD's rows, copied by
# position as its loader did
duck_old_warehouse() {
	{
		cat "$TESTDIR/t0700/schema-duckdb-884c4e5.sql" &&
		for t in $OLD_TABLES; do
			echo "COPY $t FROM '$OLD/$t.csv' (HEADER, AUTO_DETECT false);"
		done
	} >old-884c4e5.sql &&
	node "$JS/run-sql.mjs" "$1" old-884c4e5.sql
}
dq() { node "$JS/query.mjs" "$@"; }
duck_shape() {
	dq "$1" "SELECT table_name, column_name, data_type, is_nullable, column_default FROM duckdb_columns()
	         WHERE column_name <> 'my_note' AND NOT internal ORDER BY table_name, column_index" &&
	dq "$1" "SELECT table_name, constraint_type, CAST(constraint_column_names AS VARCHAR) FROM duckdb_constraints()
	         ORDER BY 1, 2, 3"
}

node_case 'DuckDB: the previous release (884c4e5) warehouse is upgraded by a load, quietly' '
	duck_old_warehouse "$TRASH/prev.duckdb" &&
	echo "ALTER TABLE paragraphs ADD COLUMN my_note VARCHAR; UPDATE paragraphs SET my_note = '"'"'mine'"'"' WHERE para_no = 7;" >note.sql &&
	node "$JS/run-sql.mjs" "$TRASH/prev.duckdb" note.sql &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" "$TRASH/prev.duckdb" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" "$TRASH/fresh.duckdb" &&
	duck_shape "$TRASH/fresh.duckdb" >want && duck_shape "$TRASH/prev.duckdb" >got && test_cmp want got
'

node_case 'DuckDB: the old documents are still there, migrated; column kept' '
	while IFS= read -r sql; do
		echo "-- $sql" && dq "$TRASH/prev.duckdb" "$sql" || exit 1
	done <"$TESTDIR/t0700/upgraded.sql" >got &&
	test_cmp "$TESTDIR/t0700/upgraded.expect" got
'

node_case 'DuckDB: today'"'"'s documents are loaded as into a new warehouse' '
	DUMP_WHERE="$TODAY" node "$JS/dump.mjs" "$TRASH/fresh.duckdb" $TABLES >want &&
	DUMP_WHERE="$TODAY" DUMP_EXCLUDE=my_note node "$JS/dump.mjs" "$TRASH/prev.duckdb" $TABLES >got &&
	test_cmp want got
'

node_case 'DuckDB: an upgraded warehouse loaded again does not change' '
	node "$JS/dump.mjs" "$TRASH/prev.duckdb" $TABLES paragraf_schema >before &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" "$TRASH/prev.duckdb" >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	node "$JS/dump.mjs" "$TRASH/prev.duckdb" $TABLES paragraf_schema >after && test_cmp before after
'

node_case 'DuckDB: a contract-2 warehouse (dfa0807) gets the meeting'"'"'s times, null for its rows' '
	{
		cat "$TESTDIR/t0700/schema-duckdb-dfa0807.sql" &&
		echo "CREATE TABLE paragraf_schema (version INTEGER NOT NULL, release VARCHAR,
		      stamped_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp());" &&
		echo "INSERT INTO paragraf_schema (version, release) VALUES (2, '"'"'0.1.0'"'"'); $V2_DOC;"
	} >v2.sql &&
	node "$JS/run-sql.mjs" v2.duckdb v2.sql &&
	"$PF_ROOT/scripts/load-duckdb" "$OUT" v2.duckdb >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	duck_shape v2.duckdb >got && duck_shape "$TRASH/fresh.duckdb" >want && test_cmp want got &&
	dq v2.duckdb "SELECT doc_id, meeting_time, meeting_end_time, place FROM documents WHERE doc_id LIKE '"'"'b2d%'"'"'" >actual &&
	echo "b2d0000000000001|\N|\N|Stadshuset" >expect && test_cmp expect actual &&
	dq v2.duckdb "SELECT version FROM paragraf_schema ORDER BY 1" >actual &&
	printf "2\n3\n" >expect && test_cmp expect actual &&
	dq v2.duckdb "SELECT CAST(meeting_time AS VARCHAR), typeof(meeting_time) FROM documents WHERE doc_id = '"'"'0a0b0c0d0e0f1011'"'"'" >actual &&
	echo "09:15:00|TIME" >expect && test_cmp expect actual
'

node_case 'DuckDB: a warehouse of a newer contract is refused, unchanged' '
	"$PF_ROOT/scripts/load-duckdb" "$OUT" newer.duckdb &&
	echo "INSERT INTO paragraf_schema (version, release) VALUES (99, '"'"'9.9'"'"'); DELETE FROM paragraphs WHERE para_no = 29;" >newer.sql &&
	node "$JS/run-sql.mjs" newer.duckdb newer.sql &&
	node "$JS/dump.mjs" newer.duckdb $TABLES paragraf_schema >before && duck_shape newer.duckdb >shape.before &&
	test_expect_code 1 "$PF_ROOT/scripts/load-duckdb" "$OUT" newer.duckdb >out 2>err &&
	test_cmp /dev/null out && cat err &&
	test_grep "^load-duckdb: the warehouse is at contract version 99 (paragraf_schema.version), newer than the version 3" err &&
	test_grep "nothing was changed" err &&
	node "$JS/dump.mjs" newer.duckdb $TABLES paragraf_schema >after && test_cmp before after &&
	duck_shape newer.duckdb >shape.after && test_cmp shape.before shape.after
'

node_case 'DuckDB: a column that cannot be migrated is named, nothing changed' '
	sed "s/^    pages             INTEGER,/    pages             VARCHAR,/" "$TESTDIR/t0700/schema-duckdb-884c4e5.sql" >typed.sql &&
	node "$JS/run-sql.mjs" typed.duckdb typed.sql && duck_shape typed.duckdb >before &&
	test_expect_code 1 "$PF_ROOT/scripts/load-duckdb" "$OUT" typed.duckdb 2>err && cat err &&
	test_grep "^load-duckdb: the warehouse.s column documents.pages is VARCHAR, the contract (version 3) says INTEGER" err &&
	duck_shape typed.duckdb >after && test_cmp before after &&
	echo "ALTER TABLE documents ALTER pages TYPE INTEGER; ALTER TABLE errors ADD COLUMN ticket INTEGER; ALTER TABLE errors ALTER ticket SET NOT NULL;" >fix.sql &&
	node "$JS/run-sql.mjs" typed.duckdb fix.sql &&
	test_expect_code 1 "$PF_ROOT/scripts/load-duckdb" "$OUT" typed.duckdb 2>err && cat err &&
	test_grep "column errors.ticket is not in the contract (version 3) and is NOT NULL without a default" err
'

node_case 'DuckDB: columns are loaded by name, in any order in the file' '
	mkdir byname && for f in "$OUT"/*.csv; do
		python3 "$TESTDIR/t0700/reverse-columns.py" "$f" >"byname/${f##*/}" || exit 1
	done &&
	"$PF_ROOT/scripts/load-duckdb" byname byname.duckdb >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	node "$JS/dump.mjs" byname.duckdb $TABLES >got && test_cmp "$TRASH/duck-once" got
'

node_case 'DuckDB: a column the contract does not have is refused, by file and name' '
	mkdir unknown && cp "$OUT"/*.csv unknown/ &&
	sed -i "1s/\$/,mood/; 2,\$s/\$/,/" unknown/decisions.csv &&
	node "$JS/dump.mjs" "$TRASH/fresh.duckdb" $TABLES >before &&
	test_expect_code 1 "$PF_ROOT/scripts/load-duckdb" unknown "$TRASH/fresh.duckdb" 2>err && cat err &&
	test_grep "unknown/decisions.csv.: column .mood. is not in decisions of the warehouse contract (version 3)" err &&
	node "$JS/dump.mjs" "$TRASH/fresh.duckdb" $TABLES >after && test_cmp before after
'

test_done
