// Runs the SQL of a file on a DuckDB database file (made when missing): the
// tests make an old warehouse with it.
//   node run-sql.mjs DB.duckdb FILE.sql
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

async function main() {
  const [dbFile, sqlFile] = process.argv.slice(2);
  const db = await DuckDBInstance.create(dbFile);
  const con = await db.connect();
  await con.run(readFileSync(sqlFile, 'utf8'));
}
main().catch(e => { console.error(`run-sql.mjs: ${e.message}`); process.exitCode = 1; });
