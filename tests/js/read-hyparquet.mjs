#!/usr/bin/env node
// Reads a Parquet file with hyparquet (a pure JS reader, independent of
// DuckDB) and prints the same rows in the same format as read-parquet.mjs:
//   --types    one line per column: NAME REPETITION PHYSICAL [LOGICAL/CONVERTED]
//              from the file's schema as hyparquet parses it
//   --rows     one line per row, formatted by format.mjs
//   --summary  row count and per-column non-null counts and sums
//   --pages    walks every column chunk's page headers with hyparquet's own
//              Thrift parser and prints, per row group and column, the page
//              count, the values and the nulls summed over the page headers
//   (default)  types, an empty line, rows
// GZIP pages are inflated with node's zlib (hyparquet itself reads only
// uncompressed and snappy pages). Exit 1 when hyparquet cannot read the file.
import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
// not in hyparquet's public exports, hence the path (the version is pinned
// in package-lock.json)
import { parquetHeader } from './node_modules/hyparquet/src/column.js';
import { formatRow, parseArgs, summarize } from './format.mjs';

const { mode, file } = parseArgs(process.argv.slice(2),
  'usage: read-hyparquet.mjs [--rows|--types|--summary|--pages] FILE.parquet\n',
  ['rows', 'types', 'summary', 'pages']);

const compressors = { GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)) };

function logical(el) {
  const parts = [];
  if (el.logical_type) parts.push(`logical=${el.logical_type.type}`);
  if (el.converted_type) parts.push(`converted=${el.converted_type}`);
  return parts.join(' ');
}

async function pages(buf, metadata) {
  let out = '';
  metadata.row_groups.forEach((rg, g) => {
    for (const cc of rg.columns) {
      const md = cc.meta_data;
      const start = Number(md.data_page_offset);
      const size = Number(md.total_compressed_size);
      const bytes = new Uint8Array(buf.slice(start, start + size));
      const reader = { view: new DataView(bytes.buffer), offset: 0 };
      let n = 0, values = 0, nulls = 0n, maxPage = 0;
      while (reader.offset < size) {
        const h = parquetHeader(reader);
        if (h.type !== 'DATA_PAGE') throw new Error(`unexpected page type ${h.type}`);
        n++;
        values += h.data_page_header.num_values;
        nulls += BigInt(h.data_page_header.statistics?.null_count ?? 0n);
        maxPage = Math.max(maxPage, h.uncompressed_page_size);
        reader.offset += h.compressed_page_size;
      }
      if (reader.offset !== size) throw new Error('pages overrun the column chunk');
      out += `rg ${g} ${md.path_in_schema.join('.')} pages ${n} values ${values} nulls ${nulls}` +
        ` max_page ${maxPage}\n`;
    }
  });
  return out;
}

try {
  const buf = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buf);
  const leaves = metadata.schema.slice(1);
  const names = leaves.map((el) => el.name);
  let out = '';
  if (mode === 'pages') {
    out = await pages(await buf.slice(0, buf.byteLength), metadata);
  } else {
    if (mode === 'types' || mode === 'all') {
      for (const el of leaves) {
        out += `${el.name} ${el.repetition_type} ${el.type}`;
        const l = logical(el);
        out += (l ? ' ' + l : '') + '\n';
      }
      if (mode === 'all') out += '\n';
    }
    if (mode !== 'types') {
      const objs = await parquetReadObjects({ file: buf, metadata, compressors });
      const rows = objs.map((o) => names.map((n) => o[n]));
      if (mode === 'summary') out += summarize(names, rows);
      else for (const row of rows) out += formatRow(row) + '\n';
    }
  }
  process.stdout.write(out);
} catch (e) {
  process.stderr.write(`read-hyparquet.mjs: ${file}: ${e.message}\n`);
  process.exit(1);
}
