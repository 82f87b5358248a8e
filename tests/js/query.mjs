// Runs one SQL query on a DuckDB database file and prints its rows, one a
// line, fields joined by '|' (null as \N); exit 1 on an error.
//   node query.mjs DB.duckdb 'SELECT ...'
import { DuckDBInstance } from '@duckdb/node-api';

const [dbFile, sql] = process.argv.slice(2);
if (!sql) {
  process.stderr.write('usage: query.mjs DB.duckdb SQL\n');
  process.exit(2);
}
const db = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY' });
const con = await db.connect();
const rows = (await con.runAndReadAll(sql)).getRowsJson();
for (const r of rows) console.log(r.map(v => (v === null ? '\\N' : String(v))).join('|'));
