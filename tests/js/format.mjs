// Shared by read-parquet.mjs (DuckDB) and read-hyparquet.mjs: one way to
// print rows, so that the two readers' output can be compared with diff.
//
// A row prints as [v1, v2, ...] where null is null, a string is a JSON
// string, an integer is its decimal digits (INT64 arrives as BigInt), a
// date is YYYY-MM-DD without quotes, a boolean is true/false.

export function formatValue(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  throw new Error(`unexpected value ${String(v)} (${typeof v})`);
}

export function formatRow(values) {
  return '[' + values.map(formatValue).join(', ') + ']';
}

// --summary: per column the non-null count and a sum that shows the values
// arrived intact: integers summed exactly (BigInt), dates as days since
// 1970-01-01, strings as their UTF-8 byte length, booleans as count of true.
export function summarize(names, rows) {
  const n = names.length;
  const nonnull = new Array(n).fill(0);
  const sum = new Array(n).fill(0n);
  for (const row of rows) {
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (v === null || v === undefined) continue;
      nonnull[i]++;
      if (typeof v === 'string') sum[i] += BigInt(Buffer.byteLength(v, 'utf8'));
      else if (typeof v === 'boolean') sum[i] += v ? 1n : 0n;
      else if (v instanceof Date) sum[i] += BigInt(Math.round(v.getTime() / 86400000));
      else sum[i] += BigInt(v);
    }
  }
  const out = [`rows ${rows.length}`];
  for (let i = 0; i < n; i++) out.push(`${names[i]} nonnull ${nonnull[i]} sum ${sum[i]}`);
  return out.join('\n') + '\n';
}

// Parses [--MODE] FILE where MODE is one of `modes`; the default, 'all',
// prints types then rows.
export function parseArgs(argv, usage, modes) {
  let mode = 'all';
  const rest = [];
  for (const a of argv) {
    if (a.startsWith('--') && modes.includes(a.slice(2))) mode = a.slice(2);
    else rest.push(a);
  }
  if (rest.length !== 1) {
    process.stderr.write(usage);
    process.exit(2);
  }
  return { mode, file: rest[0] };
}
