// For every table of a paragraf output folder, checks that the Parquet file
// and the CSV file hold the same rows with the same types, as DuckDB reads
// them (the CSV read with the column types of sql/schema-duckdb.sql), and
// that hyparquet, an independent reader, reads the same number of rows.
// Prints one line per table; exit 1 on any difference.
//   node parquet-vs-csv.mjs SCHEMA.sql DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';

const [schemaFile, dir] = process.argv.slice(2);
const schema = readFileSync(schemaFile, 'utf8');
const tables = [...schema.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*)\);/g)].map(m => ({
  name: m[1],
  cols: m[2].split('\n').map(l => l.trim().match(/^"?(\w+)"?\s+(\w+(?:\(\d+,\d+\))?)/)).filter(c => c && c[1] !== 'PRIMARY')
    .map(c => [c[1], c[2]]),
}));
const q = s => `'${s.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
let bad = 0;
for (const t of tables) {
  const pq = `read_parquet(${q(`${dir}/${t.name}.parquet`)})`;
  const csv = `read_csv(${q(`${dir}/${t.name}.csv`)}, header = true, auto_detect = false, allow_quoted_nulls = false, ` +
    `columns = {${t.cols.map(([n, ty]) => `${q(n)}: ${q(ty)}`).join(', ')}})`;
  const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${pq}`)).getRowObjectsJson()
    .map(r => `${r.column_name} ${r.column_type}`).join(', ');
  const want = t.cols.map(([n, ty]) => `${n} ${ty}`).join(', ');
  const count = s => con.runAndReadAll(`SELECT count(*) AS n FROM ${s}`).then(r => Number(r.getRowObjectsJson()[0].n));
  const np = await count(pq), nc = await count(csv);
  const onlyPq = await count(`(SELECT * FROM ${pq} EXCEPT ALL SELECT * FROM ${csv})`);
  const onlyCsv = await count(`(SELECT * FROM ${csv} EXCEPT ALL SELECT * FROM ${pq})`);
  const buf = readFileSync(`${dir}/${t.name}.parquet`);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const meta = await parquetMetadataAsync(file);
  const rows = await parquetReadObjects({ file, metadata: meta, compressors: { GZIP: b => zlib.gunzipSync(b) } });
  const ok = types === want && np === nc && onlyPq === 0 && onlyCsv === 0 && rows.length === np;
  if (!ok) bad++;
  console.log(`${t.name}: ${np} rows, ${ok ? 'parquet = csv, types as schema, hyparquet agrees' :
    `DIFFERENT: types [${types}] want [${want}], csv ${nc}, only-parquet ${onlyPq}, only-csv ${onlyCsv}, hyparquet ${rows.length}`}`);
}
process.exit(bad ? 1 : 0);
