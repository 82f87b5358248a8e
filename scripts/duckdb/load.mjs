// Loads a paragraf output folder into a DuckDB database file: creates the
// tables (sql/schema-duckdb.sql) if missing, then in one transaction
// replaces the rows of every document in the folder (idempotent). Reads
// <table>.parquet where there is one, else <table>.csv.
//   node load.mjs SCHEMA.sql DIR DB.duckdb
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';

const [schemaFile, dir, dbFile] = process.argv.slice(2);
if (!dbFile) {
  process.stderr.write('usage: load.mjs SCHEMA.sql DIR DB.duckdb\n');
  process.exit(2);
}
const schema = readFileSync(schemaFile, 'utf8');
const tables = [...schema.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map(m => m[1]);
const q = s => `'${s.replaceAll("'", "''")}'`;

const db = await DuckDBInstance.create(dbFile);
const con = await db.connect();
await con.run(schema);
const source = t => existsSync(`${dir}/${t}.parquet`)
  ? `read_parquet(${q(`${dir}/${t}.parquet`)})`
  : existsSync(`${dir}/${t}.csv`)
    ? `read_csv(${q(`${dir}/${t}.csv`)}, header = true, auto_detect = false, allow_quoted_nulls = false, columns = ${columnsOf(t)})`
    : null;

function columnsOf(t) {
  const body = schema.split(`CREATE TABLE IF NOT EXISTS ${t} (`)[1].split(');')[0];
  const cols = body.split('\n').map(l => l.trim().match(/^"?(\w+)"?\s+(\w+(?:\(\d+,\d+\))?)/)).filter(m => m && m[1] !== 'PRIMARY');
  return '{' + cols.map(m => `${q(m[1])}: ${q(m[2])}`).join(', ') + '}';
}

await con.run('BEGIN TRANSACTION');
try {
  const present = tables.filter(t => source(t));
  const docs = present.map(t => `SELECT doc_id FROM ${source(t)} WHERE doc_id IS NOT NULL`).join(' UNION ');
  await con.run(`CREATE TEMP TABLE load_docs AS ${docs}`);
  for (const t of present) {
    let extra = '';
    if (t === 'errors')
      extra = ` OR (doc_id IS NULL AND source IN (SELECT source FROM ${source(t)} WHERE doc_id IS NULL))`;
    await con.run(`DELETE FROM ${t} WHERE doc_id IN (SELECT doc_id FROM load_docs)${extra}`);
    await con.run(`INSERT INTO ${t} SELECT * FROM ${source(t)}`);
  }
  await con.run('DROP TABLE load_docs');
  await con.run('COMMIT');
} catch (e) {
  await con.run('ROLLBACK');
  process.stderr.write(`load-duckdb: ${e.message}; nothing was changed\n`);
  process.exit(1);
}
