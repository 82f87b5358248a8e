// Loads a paragraf output folder into a DuckDB database file, in one
// transaction: creates the tables (sql/schema-duckdb.sql) if missing,
// renames checks."check" of an older schema to check_name, then replaces
// the rows of every document in the folder (idempotent). Reads
// <table>.parquet where there is one, else <table>.csv, else
// <table>.csv.gz. Runs on Node.js 18 (Debian 12's nodejs).
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
const q = s => `'${s.replace(/'/g, "''")}'`;

function columnsOf(t) {
  const body = schema.split(`CREATE TABLE IF NOT EXISTS ${t} (`)[1].split(');')[0];
  const cols = body.split('\n').map(l => l.trim().match(/^"?(\w+)"?\s+(\w+(?:\(\d+,\d+\))?)/)).filter(m => m && m[1] !== 'PRIMARY');
  return '{' + cols.map(m => `${q(m[1])}: ${q(m[2])}`).join(', ') + '}';
}

// read_csv takes .csv.gz as it is (compression by the file's name)
function source(t) {
  const base = `${dir}/${t}`;
  if (existsSync(`${base}.parquet`))
    return `read_parquet(${q(`${base}.parquet`)})`;
  for (const f of [`${base}.csv`, `${base}.csv.gz`])
    if (existsSync(f))
      return `read_csv(${q(f)}, header = true, auto_detect = false, allow_quoted_nulls = false, columns = ${columnsOf(t)})`;
  return null;
}

async function main() {
  let con;
  try {
    const db = await DuckDBInstance.create(dbFile);
    con = await db.connect();
  } catch (e) {
    process.stderr.write(`load-duckdb: cannot open '${dbFile}': ${e.message}\n`);
    return 1;
  }
  await con.run('BEGIN TRANSACTION');
  try {
    const old = await con.runAndReadAll(
      "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'checks' AND column_name = 'check'");
    if (Number(old.getRowObjectsJson()[0].n) > 0)
      await con.run('ALTER TABLE checks RENAME COLUMN "check" TO check_name');
    await con.run(schema);
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
    return 1;
  }
  return 0;
}

// no top-level await: a plain promise chain reads the same on every Node
main().then(code => { process.exitCode = code; },
  e => { process.stderr.write(`load-duckdb: ${e.message}\n`); process.exitCode = 1; });
