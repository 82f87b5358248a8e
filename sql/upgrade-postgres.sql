-- Brings a PostgreSQL warehouse of any earlier paragraf contract to the
-- current one. scripts/load-postgres runs it inside the transaction of the
-- load, before sql/schema.sql, with the contract in the temp table
-- paragraf_contract (one row per column, from schema.sql) and its version
-- in the setting paragraf.contract. docs/schema.md, "Upgrading a
-- warehouse", says what it does and why; in short:
--
--  1. a warehouse stamped with a newer contract (paragraf_schema) is
--     refused;
--  2. the steps that cannot be inferred, each written as "if the table
--     still has the old shape", so that they run on any earlier warehouse,
--     stamped or not, also one made between two releases;
--  3. the generic steps, from the contract: a missing column is added (a
--     key column with the contract's DEFAULT, any other nullable), NOT NULL
--     follows the contract, the primary key becomes the contract's;
--  4. a column the contract does not have is kept when it is harmless
--     (nullable or with a default: new rows get null or the default; one
--     that was NOT NULL for an old key's sake is made nullable); any other
--     NOT NULL one without a default would refuse every new row, and a
--     column of the contract with another type would take values it was
--     not made for: both are refused, naming table and column.
--
-- A refusal is RAISE EXCEPTION 'paragraf: ...': the loader says the rest of
-- the message as its own, rolls back and exits 1.

CREATE FUNCTION pg_temp.paragraf_has(t text, c text) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM information_schema.columns
	               WHERE table_schema = current_schema() AND table_name = t AND column_name = c)
$$;

CREATE FUNCTION pg_temp.paragraf_table(t text) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM information_schema.tables
	               WHERE table_schema = current_schema() AND table_name = t)
$$;

DO $upgrade$
DECLARE
	contract integer := current_setting('paragraf.contract')::integer;
	found_version integer;
	t text;
	c record;
	rel regclass;
	pk_name text;
	pk_cols text[];
	want_cols text[];
	n bigint;
BEGIN
	-- 1. a newer warehouse: this loader does not know its columns
	IF pg_temp.paragraf_table('paragraf_schema') THEN
		IF NOT pg_temp.paragraf_has('paragraf_schema', 'version') THEN
			RAISE EXCEPTION 'paragraf: the warehouse''s table paragraf_schema has no column version; it was not made by paragraf''s loaders';
		END IF;
		EXECUTE 'SELECT max(version) FROM paragraf_schema' INTO found_version;
		IF found_version > contract THEN
			RAISE EXCEPTION 'paragraf: the warehouse is at contract version % (paragraf_schema.version), newer than the version % this loader knows: load it with the paragraf that made it',
				found_version, contract;
		END IF;
	END IF;

	-- 2. the steps that cannot be inferred

	-- version 2: checks."check" is check_name ("check" is reserved in SQL)
	IF pg_temp.paragraf_has('checks', 'check') AND NOT pg_temp.paragraf_has('checks', 'check_name') THEN
		ALTER TABLE checks RENAME COLUMN "check" TO check_name;
	END IF;
	-- version 2: a document's checks are numbered (key doc_id, seq) where
	-- they were keyed by table and name; the old rows get their numbers in
	-- the order of table_no and check_name
	IF pg_temp.paragraf_table('checks') AND NOT pg_temp.paragraf_has('checks', 'seq') THEN
		ALTER TABLE checks ADD COLUMN seq integer;
		UPDATE checks ck SET seq = o.seq
		  FROM (SELECT ctid AS row_id,
		               row_number() OVER (PARTITION BY doc_id ORDER BY table_no, check_name) AS seq
		          FROM checks) o
		 WHERE ck.ctid = o.row_id;
	END IF;
	-- version 2: amounts.amount_sek (whole kronor) is amount, in units of
	-- its currency: the old rows were all kronor. amount_sek is not kept:
	-- the new rows would leave it null, and a sum over it would silently
	-- miss them.
	IF pg_temp.paragraf_has('amounts', 'amount_sek') AND NOT pg_temp.paragraf_has('amounts', 'amount') THEN
		ALTER TABLE amounts RENAME COLUMN amount_sek TO amount;
		ALTER TABLE amounts ALTER COLUMN amount TYPE numeric(18,2);
		ALTER TABLE amounts ADD COLUMN currency text;
		UPDATE amounts SET currency = 'SEK';
	END IF;
	-- version 2: para_letter where it may be null (tables, allocations,
	-- checks: null with para_no): '' where the row has a paragraph, which
	-- was never lettered before
	FOR c IN SELECT * FROM paragraf_contract WHERE col = 'para_letter' AND NOT not_null LOOP
		IF pg_temp.paragraf_table(c.tbl) AND NOT pg_temp.paragraf_has(c.tbl, 'para_letter')
		   AND pg_temp.paragraf_has(c.tbl, 'para_no') THEN
			EXECUTE format('ALTER TABLE %I ADD COLUMN %s', c.tbl, c.def);
			EXECUTE format('UPDATE %I SET para_letter = %L WHERE para_no IS NOT NULL', c.tbl, '');
		END IF;
	END LOOP;

	-- 3. the generic steps, table by table (a missing table is made by
	-- schema.sql after this)
	FOR t IN SELECT DISTINCT tbl FROM paragraf_contract ORDER BY 1 LOOP
		CONTINUE WHEN NOT pg_temp.paragraf_table(t);
		rel := format('%I', t)::regclass;

		-- what cannot be migrated, before anything else is (the contract
		-- writes time, which PostgreSQL names time without time zone)
		FOR c IN SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS have, k.type AS want
		           FROM pg_attribute a JOIN paragraf_contract k ON k.tbl = t AND k.col = a.attname
		          WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
		            AND format_type(a.atttypid, a.atttypmod) <>
		                CASE k.type WHEN 'time' THEN 'time without time zone' ELSE k.type END LOOP
			RAISE EXCEPTION 'paragraf: the warehouse''s column %.% is %, the contract (version %) says %: it cannot be converted without loss, so convert it by hand (docs/schema.md, "Upgrading a warehouse")',
				t, c.attname, c.have, contract, c.want;
		END LOOP;
		FOR c IN SELECT a.attname FROM pg_attribute a
		          WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
		            AND a.attnotnull AND NOT a.atthasdef
		            AND NOT EXISTS (SELECT 1 FROM paragraf_contract k WHERE k.tbl = t AND k.col = a.attname)
		            AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = rel AND p.contype = 'p'
		                              AND a.attnum = ANY (p.conkey)) LOOP
			RAISE EXCEPTION 'paragraf: the warehouse''s column %.% is not in the contract (version %) and is NOT NULL without a default, so no new row could be loaded: drop it, or ALTER TABLE % ALTER COLUMN % DROP NOT NULL',
				t, c.attname, contract, t, c.attname;
		END LOOP;

		-- columns the table lacks
		FOR c IN SELECT * FROM paragraf_contract k WHERE k.tbl = t AND NOT pg_temp.paragraf_has(t, k.col) ORDER BY pos LOOP
			IF c.not_null AND c.def NOT LIKE '% DEFAULT %' THEN
				EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
				IF n > 0 THEN
					RAISE EXCEPTION 'paragraf: the warehouse''s table % has no column % (a key column of contract version %, with no value for the % rows it holds): this needs a step in sql/upgrade-postgres.sql',
						t, c.col, contract, n;
				END IF;
			END IF;
			EXECUTE format('ALTER TABLE %I ADD COLUMN %s', t, c.def);
		END LOOP;

		-- the primary key: the contract's
		SELECT p.conname, array_agg(a.attname::text ORDER BY k.ord)
		  INTO pk_name, pk_cols
		  FROM pg_constraint p
		  CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
		  JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
		 WHERE p.conrelid = rel AND p.contype = 'p'
		 GROUP BY p.conname;
		SELECT array_agg(col ORDER BY keypos) INTO want_cols
		  FROM paragraf_contract WHERE tbl = t AND keypos > 0;
		IF pk_cols IS DISTINCT FROM want_cols AND pk_name IS NOT NULL THEN
			EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, pk_name);
			-- a column of the old key that the contract no longer has was
			-- NOT NULL for the key's sake only: kept, nullable
			FOR c IN SELECT x FROM unnest(pk_cols) AS u(x)
			          WHERE NOT EXISTS (SELECT 1 FROM paragraf_contract k WHERE k.tbl = t AND k.col = x) LOOP
				EXECUTE format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', t, c.x);
			END LOOP;
		END IF;

		-- NOT NULL as the contract says (a column of an old key may now be null)
		FOR c IN SELECT a.attname, k.not_null FROM pg_attribute a
		           JOIN paragraf_contract k ON k.tbl = t AND k.col = a.attname
		          WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
		            AND a.attnotnull <> k.not_null LOOP
			IF c.not_null THEN
				EXECUTE format('SELECT count(*) FROM %I WHERE %I IS NULL', t, c.attname) INTO n;
				IF n > 0 THEN
					RAISE EXCEPTION 'paragraf: the warehouse''s column %.% holds % nulls, and the contract (version %) says NOT NULL: fill them by hand',
						t, c.attname, n, contract;
				END IF;
				EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET NOT NULL', t, c.attname);
			ELSE
				EXECUTE format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', t, c.attname);
			END IF;
		END LOOP;

		IF pk_cols IS DISTINCT FROM want_cols AND want_cols IS NOT NULL THEN
			EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (%s)', t,
				(SELECT string_agg(format('%I', x), ', ' ORDER BY o) FROM unnest(want_cols) WITH ORDINALITY AS u(x, o)));
		END IF;
	END LOOP;
END
$upgrade$;
