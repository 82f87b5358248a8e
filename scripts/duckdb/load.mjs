// Loads a paragraf output folder into a DuckDB database file, in one
// transaction: upgrades a warehouse of an earlier contract to the one of
// sql/schema-duckdb.sql (docs/schema.md, "Upgrading a warehouse"), refuses
// one of a newer contract, creates the tables that are missing, then
// replaces the rows of every document in the folder (idempotent). Reads
// <table>.parquet where there is one, else <table>.csv, else
// <table>.csv.gz, by the names of its columns, never by their position.
// Runs on Node.js 18 (Debian 12's nodejs).
//   node load.mjs SCHEMA.sql DIR DB.duckdb
// Exit status: 0 loaded; 1 failed or refused (nothing was changed).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';

const prog = process.env.PF_LOADER || 'load-duckdb';
const [schemaFile, dir, dbFile] = process.argv.slice(2);
if (!dbFile) {
  process.stderr.write('usage: load.mjs SCHEMA.sql DIR DB.duckdb\n');
  process.exit(2);
}
const schema = readFileSync(schemaFile, 'utf8');
const q = s => `'${String(s).replace(/'/g, "''")}'`;
const id = s => `"${s.replace(/"/g, '""')}"`;

// A refusal: the message names table and column; nothing is changed.
class Refusal extends Error {}

// The contract, from the DDL that pf-emit --schema duckdb writes.
const header = schema.match(/^-- paragraf (\S+) .*contract version (\d+)\./);
if (!header) {
  process.stderr.write(`${prog}: '${schemaFile}' names no contract version\n`);
  process.exit(1);
}
const release = header[1];
const contractVersion = Number(header[2]);
const contract = new Map();   // table -> { ddl, cols: [{ name, type, notnull, hasDefault }], key: [] }
for (const m of schema.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(\n([\s\S]*?)\n\);/g)) {
  const cols = [];
  let key = [];
  for (const line of m[2].split('\n')) {
    const pk = line.match(/^\s+PRIMARY KEY \((.*)\)/);
    if (pk) {
      key = pk[1].split(',').map(s => s.trim().replace(/"/g, ''));
      continue;
    }
    const c = line.match(/^\s+"?(\w+)"?\s+(\w+(?:\(\d+,\d+\))?)(.*?),?$/);
    if (c)
      cols.push({ name: c[1], type: c[2], notnull: / NOT NULL/.test(c[3]), hasDefault: / DEFAULT /.test(c[3]) });
  }
  contract.set(m[1], { body: m[2], cols, key });
}
const tables = [...contract.keys()];

// read_csv takes .csv.gz as it is (compression by the file's name)
function fileOf(t) {
  for (const ext of ['parquet', 'csv', 'csv.gz'])
    if (existsSync(`${dir}/${t}.${ext}`))
      return `${dir}/${t}.${ext}`;
  return null;
}

async function rows(con, sql) {
  return (await con.runAndReadAll(sql)).getRowObjectsJson();
}

// The columns of a table's file in their order, each typed as the
// contract says: a name the contract does not have stops the load.
async function fileColumns(con, t, file) {
  const probe = file.endsWith('.parquet')
    ? `read_parquet(${q(file)})`
    : `read_csv(${q(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  const names = (await rows(con, `DESCRIBE SELECT * FROM ${probe}`)).map(r => r.column_name);
  const types = new Map(contract.get(t).cols.map(c => [c.name, c.type]));
  for (const n of names)
    if (!types.has(n))
      throw new Refusal(`'${file}': column '${n}' is not in ${t} of the warehouse contract (version ${contractVersion}); was it written by a newer paragraf?`);
  return names.map(n => ({ name: n, type: types.get(n) }));
}

async function source(con, t) {
  const file = fileOf(t);
  const cols = await fileColumns(con, t, file);
  if (file.endsWith('.parquet'))
    return { cols, from: `read_parquet(${q(file)})` };
  const spec = '{' + cols.map(c => `${q(c.name)}: ${q(c.type)}`).join(', ') + '}';
  return { cols, from: `read_csv(${q(file)}, header = true, auto_detect = false, allow_quoted_nulls = false, columns = ${spec})` };
}

// ---- the upgrade (the same steps as sql/upgrade-postgres.sql) ----

async function tableExists(con, t) {
  return (await rows(con, `SELECT 1 FROM duckdb_tables() WHERE table_name = ${q(t)}
    AND schema_name = current_schema() AND database_name = current_database()`)).length > 0;
}

async function columnsOf(con, t) {
  return rows(con, `SELECT column_name AS name, data_type AS type, is_nullable AS nullable,
      column_default AS dflt FROM duckdb_columns() WHERE table_name = ${q(t)}
      AND schema_name = current_schema() AND database_name = current_database() ORDER BY column_index`);
}

async function keyOf(con, t) {
  const r = await rows(con, `SELECT constraint_column_names AS cols FROM duckdb_constraints()
      WHERE table_name = ${q(t)} AND constraint_type = 'PRIMARY KEY'
      AND schema_name = current_schema() AND database_name = current_database()`);
  return r.length ? r[0].cols : [];
}

// A warehouse stamped with a newer contract: its columns are unknown here.
async function refuseNewer(con) {
  if (!(await tableExists(con, 'paragraf_schema')))
    return;
  const have = await columnsOf(con, 'paragraf_schema');
  if (!have.some(c => c.name === 'version'))
    throw new Refusal("the warehouse's table paragraf_schema has no column version; it was not made by paragraf's loaders");
  const v = (await rows(con, 'SELECT max(version) AS v FROM paragraf_schema'))[0].v;
  if (v !== null && Number(v) > contractVersion)
    throw new Refusal(`the warehouse is at contract version ${v} (paragraf_schema.version), newer than the version ${contractVersion} this loader knows: load it with the paragraf that made it`);
}

// The steps that cannot be inferred, as the value of a contract column
// computed from the old shape of the table (have: its column names), and
// the old columns they consume. Each applies only while the table still
// has the old shape, so any earlier warehouse gets them.
function explicitSteps(t, have) {
  const value = new Map();
  const consumed = new Set();
  if (t === 'checks') {
    // version 2: checks."check" is check_name ("check" is reserved in SQL)
    const name = have.has('check_name') ? 'check_name' : have.has('check') ? 'check' : null;
    if (name === 'check') {
      value.set('check_name', '"check"');
      consumed.add('check');
    }
    // version 2: a document's checks are numbered (key doc_id, seq); the
    // old rows get their numbers in the order of table_no and check_name
    if (!have.has('seq'))
      value.set('seq', `row_number() OVER (PARTITION BY doc_id ORDER BY table_no${name ? `, ${id(name)}` : ''})`);
  }
  // version 2: amount_sek (whole kronor) is amount in units of its
  // currency: the old rows were all kronor. amount_sek is not kept: the new
  // rows would leave it null and a sum over it would silently miss them.
  if (t === 'amounts' && have.has('amount_sek') && !have.has('amount')) {
    value.set('amount', 'CAST(amount_sek AS DECIMAL(18,2))');
    value.set('currency', "'SEK'");
    consumed.add('amount_sek');
  }
  // version 2: para_letter where it may be null (null with para_no): ''
  // where the row has a paragraph, which was never lettered before
  const letter = contract.get(t).cols.find(c => c.name === 'para_letter');
  if (letter && !letter.notnull && !have.has('para_letter') && have.has('para_no'))
    value.set('para_letter', "CASE WHEN para_no IS NOT NULL THEN '' END");
  return { value, consumed };
}

async function upgradeTable(con, t) {
  const want = contract.get(t);
  const have = await columnsOf(con, t);
  const haveBy = new Map(have.map(c => [c.name, c]));
  const key = await keyOf(con, t);
  const { value, consumed } = explicitSteps(t, new Set(haveBy.keys()));
  const n = Number((await rows(con, `SELECT count(*) AS n FROM ${id(t)}`))[0].n);
  let rebuild = value.size > 0 || key.join() !== want.key.join();

  const select = [];   // the new table's columns, from the old one
  for (const c of want.cols) {
    if (value.has(c.name)) {
      select.push(`${value.get(c.name)} AS ${id(c.name)}`);
      continue;
    }
    const h = haveBy.get(c.name);
    if (!h) {
      // generic: a key column gets the contract's DEFAULT, any other null
      if (c.notnull && !c.hasDefault && n > 0)
        throw new Refusal(`the warehouse's table ${t} has no column ${c.name} (a key column of contract version ${contractVersion}, with no value for the ${n} rows it holds): this needs a step in duckdb/load.mjs`);
      rebuild = true;
      continue;
    }
    if (h.type !== c.type)
      throw new Refusal(`the warehouse's column ${t}.${c.name} is ${h.type}, the contract (version ${contractVersion}) says ${c.type}: it cannot be converted without loss, so convert it by hand (docs/schema.md, "Upgrading a warehouse")`);
    if (c.notnull && h.nullable) {
      const nulls = Number((await rows(con, `SELECT count(*) AS n FROM ${id(t)} WHERE ${id(c.name)} IS NULL`))[0].n);
      if (nulls > 0)
        throw new Refusal(`the warehouse's column ${t}.${c.name} holds ${nulls} nulls, and the contract (version ${contractVersion}) says NOT NULL: fill them by hand`);
    }
    if (c.notnull !== !h.nullable)
      rebuild = true;
    select.push(id(c.name));
  }
  // a column the contract does not have: kept when harmless
  const kept = [];
  for (const h of have) {
    if (want.cols.some(c => c.name === h.name) || consumed.has(h.name))
      continue;
    // NOT NULL for an old key's sake only: kept, nullable
    if (!h.nullable && h.dflt === null && !key.includes(h.name))
      throw new Refusal(`the warehouse's column ${t}.${h.name} is not in the contract (version ${contractVersion}) and is NOT NULL without a default, so no new row could be loaded: drop it, or ALTER TABLE ${t} ALTER COLUMN ${h.name} DROP NOT NULL`);
    kept.push(h);
    select.push(id(h.name));
  }
  if (!rebuild)
    return;
  // DuckDB cannot change a primary key in place: the table is made anew
  // from the contract (with the columns kept) and the rows moved by name
  const tmp = `paragraf_upgrade_${t}`;
  await con.run(`CREATE TABLE ${id(tmp)} (\n${want.body}\n)`);
  for (const h of kept)
    await con.run(`ALTER TABLE ${id(tmp)} ADD COLUMN ${id(h.name)} ${h.type}${h.dflt !== null ? ` DEFAULT ${h.dflt}` : ''}`);
  await con.run(`INSERT INTO ${id(tmp)} BY NAME SELECT ${select.join(', ')} FROM ${id(t)}`);
  await con.run(`DROP TABLE ${id(t)}`);
  await con.run(`ALTER TABLE ${id(tmp)} RENAME TO ${id(t)}`);
}

async function upgrade(con) {
  await refuseNewer(con);
  for (const t of tables)
    if (await tableExists(con, t))
      await upgradeTable(con, t);
  await con.run(schema);
  await con.run(`CREATE TABLE IF NOT EXISTS paragraf_schema (
      version     INTEGER NOT NULL,
      release     VARCHAR,
      stamped_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp())`);
  await con.run(`INSERT INTO paragraf_schema (version, release) SELECT ${contractVersion}, ${q(release)}
      WHERE NOT EXISTS (SELECT 1 FROM paragraf_schema WHERE version >= ${contractVersion})`);
}

async function load(con) {
  const present = tables.filter(t => fileOf(t));
  const src = new Map();
  for (const t of present)
    src.set(t, await source(con, t));
  const docs = present.map(t => `SELECT doc_id FROM ${src.get(t).from} WHERE doc_id IS NOT NULL`).join(' UNION ');
  await con.run(`CREATE TEMP TABLE load_docs AS ${docs}`);
  for (const t of present) {
    const { cols, from } = src.get(t);
    const names = cols.map(c => id(c.name)).join(', ');
    let extra = '';
    if (t === 'errors')
      extra = ` OR (doc_id IS NULL AND source IN (SELECT source FROM ${from} WHERE doc_id IS NULL))`;
    await con.run(`DELETE FROM ${t} WHERE doc_id IN (SELECT doc_id FROM load_docs)${extra}`);
    await con.run(`INSERT INTO ${t} (${names}) SELECT ${names} FROM ${from}`);
  }
  await con.run('DROP TABLE load_docs');
}

async function main() {
  let con;
  try {
    const db = await DuckDBInstance.create(dbFile);
    con = await db.connect();
  } catch (e) {
    process.stderr.write(`${prog}: cannot open '${dbFile}': ${e.message}\n`);
    return 1;
  }
  await con.run('BEGIN TRANSACTION');
  try {
    await upgrade(con);
    await load(con);
    await con.run('COMMIT');
  } catch (e) {
    await con.run('ROLLBACK');
    process.stderr.write(`${prog}: ${e.message}; nothing was changed\n`);
    return 1;
  }
  return 0;
}

// no top-level await: a plain promise chain reads the same on every Node
main().then(code => { process.exitCode = code; },
  e => { process.stderr.write(`${prog}: ${e.message}\n`); process.exitCode = 1; });
