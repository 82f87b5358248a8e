// Prints, for each table named, its row count and an MD5 of its rows in
// sorted order: two databases with the same lines hold the same rows.
// DUMP_WHERE, when set, is a condition on the rows counted; DUMP_EXCLUDE a
// column left out where a table has it (a column kept by an upgrade).
//   [DUMP_WHERE=COND] [DUMP_EXCLUDE=COLUMN] node dump.mjs DB.duckdb TABLE...
// No top-level await (Node 18 runs it either way; node -e would not).
import { DuckDBInstance } from '@duckdb/node-api';

async function main() {
  const [dbFile, ...tables] = process.argv.slice(2);
  const where = process.env.DUMP_WHERE ? `WHERE ${process.env.DUMP_WHERE}` : '';
  const cols = process.env.DUMP_EXCLUDE ? `COLUMNS(c -> c <> '${process.env.DUMP_EXCLUDE}')` : '*';
  const db = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  for (const t of tables) {
    const r = await con.runAndReadAll(
      `SELECT count(*) AS n, md5(coalesce(string_agg(CAST(x AS VARCHAR), '|' ORDER BY CAST(x AS VARCHAR)), '')) AS h FROM (SELECT ${cols} FROM ${t} ${where}) AS x`);
    const row = r.getRowObjectsJson()[0];
    console.log(t, Number(row.n), row.h);
  }
}
main().catch(e => { console.error(`dump.mjs: ${e.message}`); process.exitCode = 1; });
