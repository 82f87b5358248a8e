#!/usr/bin/env node
// Reads a Parquet file with DuckDB and prints what DuckDB sees:
//   --types    one line per column: NAME TYPE, from
//              DESCRIBE SELECT * FROM read_parquet(FILE)
//   --rows     one line per row, formatted by format.mjs
//   --summary  row count and per-column non-null counts and sums
//   --meta     the footer as DuckDB parses it: parquet_file_metadata() and,
//              per row group and column, parquet_metadata()'s rows, codec,
//              encodings, null count and min/max statistics
//   (default)  types, an empty line, rows
// Exit 1 (message on stderr) when DuckDB cannot read the file.
import { DuckDBInstance } from '@duckdb/node-api';
import { formatRow, parseArgs, summarize } from './format.mjs';

const { mode, file } = parseArgs(process.argv.slice(2),
  'usage: read-parquet.mjs [--rows|--types|--summary|--meta] FILE.parquet\n',
  ['rows', 'types', 'summary', 'meta']);

const quoted = `'${file.replaceAll("'", "''")}'`;

async function meta(con) {
  let out = '';
  const f = await con.runAndReadAll(`SELECT created_by, num_rows, num_row_groups, format_version
    FROM parquet_file_metadata(${quoted})`);
  for (const r of f.getRowObjectsJson())
    out += `created_by ${r.created_by}\nnum_rows ${r.num_rows}\nnum_row_groups ${r.num_row_groups}\n` +
      `format_version ${r.format_version}\n`;
  const m = await con.runAndReadAll(`SELECT row_group_id, row_group_num_rows, path_in_schema, type,
      compression, encodings, num_values, stats_null_count, stats_min_value, stats_max_value
    FROM parquet_metadata(${quoted}) ORDER BY row_group_id, column_id`);
  for (const r of m.getRowObjectsJson())
    out += `rg ${r.row_group_id} rows ${r.row_group_num_rows} ${r.path_in_schema} ${r.type} ` +
      `${r.compression} [${r.encodings}] values ${r.num_values} nulls ${r.stats_null_count} ` +
      `min ${JSON.stringify(r.stats_min_value)} max ${JSON.stringify(r.stats_max_value)}\n`;
  return out;
}

try {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  let out = '';
  if (mode === 'meta') {
    out = await meta(con);
  } else {
    if (mode === 'types' || mode === 'all') {
      const d = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted})`);
      for (const r of d.getRowObjectsJS()) out += `${r.column_name} ${r.column_type}\n`;
      if (mode === 'all') out += '\n';
    }
    if (mode !== 'types') {
      const r = await con.runAndReadAll(`SELECT * FROM read_parquet(${quoted})`);
      const rows = r.getRowsJS();
      if (mode === 'summary') out += summarize(r.columnNames(), rows);
      else for (const row of rows) out += formatRow(row) + '\n';
    }
  }
  process.stdout.write(out);
  con.closeSync();
  instance.closeSync();
} catch (e) {
  process.stderr.write(`read-parquet.mjs: ${file}: ${e.message}\n`);
  process.exit(1);
}
