#!/usr/bin/env bash
# make install and what it installs: the programs, the loaders, a man page
# for each (built from the scdoc source beside the code, rendered here
# without a warning, naming every option of --help), share/paragraf; make
# uninstall takes it all away. Then the installed tree runs the cron
# example of docs/examples as it is, paths moved into the tree: a night
# with a bad file loads the others into PostgreSQL and says so; a good
# night says nothing; a missing inbox (exit 3) and an empty one (exit 4)
# load nothing and leave the warehouse as it was. The systemd example runs
# installed programs, loads after 0 and 1 only, and sets PGDATABASE.
. "$(dirname "$0")/test-lib.sh"

PDF=$TESTDIR/pdf
DEST=$TRASH/dest
PREFIX=/usr/local
TREE=$DEST$PREFIX
PROGRAMS="pf-pdftext pf-normalize pf-segment pf-tables pf-emit paragraf"
LOADERS="paragraf-load-postgres paragraf-load-duckdb"

# make install's files, from the binaries under test (PF_BIN: the ASan
# build under make check-asan); `make install` itself builds them first
make -s -C "$PF_ROOT" install-files BIN="$PF_BIN" DESTDIR="$DEST" PREFIX=$PREFIX \
	>"$TRASH/install.log" 2>&1 || cat "$TRASH/install.log"

test_expect_success 'make install: programs, loaders, man pages, share/paragraf' '
	for p in $PROGRAMS $LOADERS; do
		test -x "$TREE/bin/$p" && test -f "$TREE/share/man/man1/$p.1" || { echo "no $p"; exit 1; }
	done &&
	for f in pipeline.conf sql/schema.sql sql/schema-duckdb.sql sql/upgrade-postgres.sql duckdb/load.mjs \
		duckdb/package.json duckdb/package-lock.json examples/paragraf.cron \
		examples/paragraf.service examples/paragraf.timer; do
		test -f "$TREE/share/paragraf/$f" || { echo "no share/paragraf/$f"; exit 1; }
	done &&
	cmp "$PF_ROOT/sql/schema.sql" "$TREE/share/paragraf/sql/schema.sql" &&
	"$TREE/bin/paragraf" --version >v && test_grep "^paragraf " v
'

test_expect_success 'every man page renders without a warning and names every option of --help' '
	if ! command -v groff >/dev/null; then
		echo "no groff (scripts/install-deps installs groff-base)"
		false
	fi &&
	for p in $PROGRAMS $LOADERS; do
		groff -man -ww -z "$TREE/share/man/man1/$p.1" 2>warn && test_cmp /dev/null warn &&
		groff -man -Tutf8 -P-cbou "$TREE/share/man/man1/$p.1" 2>/dev/null >$p.txt &&
		for s in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" "SEE ALSO"; do
			test_grep "^$s" $p.txt || exit 1
		done || exit 1
	done &&
	for p in $PROGRAMS "paragraf run" "paragraf inspect"; do
		"$TREE/bin/"$p --help >help &&
		for o in $(grep -o -E -- "--[a-z][a-z-]+" help | sort -u); do
			grep -q -e "$o" "${p%% *}.txt" || { echo "$p: $o is not in its man page"; exit 1; }
		done || exit 1
	done
'

test_expect_success 'the installed tree finds its own files, wherever it is' '
	test_expect_code 2 "$TREE/bin/paragraf-load-postgres" 2>err &&
	test_grep "^usage: paragraf-load-postgres DIR" err &&
	test_expect_code 2 "$TREE/bin/paragraf-load-duckdb" 2>err &&
	test_grep "^usage: paragraf-load-duckdb DIR DB.duckdb" err &&
	mkdir inbox && cp "$PDF/protocol.pdf" inbox/ &&
	"$TREE/bin/paragraf" run -c "$TREE/share/paragraf/pipeline.conf" --out out inbox 2>log &&
	test_line_count 2 out/documents.csv
'

# ---- the cron example, run from the installed tree ----

CRON=$TREE/share/paragraf/examples/paragraf.cron
T=$TRASH/night
# a path of the example, moved into the test's tree
relocate() {
	sed -e "s|/usr/local|$TREE|g" -e "s|/etc/paragraf/pipeline.conf|$TREE/share/paragraf/pipeline.conf|g" \
	    -e "s|/srv/paragraf|$T/srv|g" -e "s|/var/log/paragraf|$T/log|g" -e "s|/run/lock|$T|g"
}
# the job line without its five times and user
JOB=$(grep -E "^[0-9*]" "$CRON" | sed -E "s/^([^ ]+ +){6}//" | relocate)
# cron's environment lines (PATH, PGDATABASE...), one per line
CRON_ENV=$(grep -E "^[A-Z_]+=" "$CRON" | relocate)

# runs the job as cron would: its environment, sh, what it prints is the mail
night() { # MAIL
	(
		while IFS= read -r kv; do export "${kv?}"; done <<-EOF
		$CRON_ENV
		EOF
		export PGHOST PGPORT PGUSER
		/bin/sh -c "$JOB"
	) >"$1" 2>&1
}

PG=
if pg_start; then PG=1; else say "# $PG_WHY: the cron cases are skipped"; fi
pg_case() {
	if test -n "$PG"; then test_expect_success "$@"; else test_skip "$1" "$PG_WHY"; fi
}
q() { psql -X -q -t -A -c "$1"; }
warehouse() { # the rows the warehouse holds
	for t in documents paragraphs errors; do
		PGDATABASE=warehouse q "SELECT '$t', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM $t x"
	done
}

pg_case 'the cron example sets PGDATABASE; the job has the installed paths' '
	test_grep "^PGDATABASE=" "$CRON" &&
	test_grep "$TREE/bin/paragraf run" - <<-EOF &&
	$JOB
	EOF
	test_grep "$TREE/bin/paragraf-load-postgres" - <<-EOF
	$JOB
	EOF
'

pg_case 'cron: a night with a bad file loads the others and says so (exit 1)' '
	q "CREATE DATABASE warehouse" &&
	mkdir -p "$T/srv/inbox/2024" "$T/log" &&
	cp "$PDF/protocol.pdf" "$PDF/table.pdf" "$T/srv/inbox/2024/" &&
	cp "$PDF/corrupt.pdf" "$T/srv/inbox/minutes.pdf" &&
	night mail &&
	echo "paragraf run: some documents or inputs failed (exit 1), the others are loaded: see $T/srv/out/errors.csv" >expect &&
	test_cmp expect mail &&
	PGDATABASE=warehouse q "SELECT source FROM documents ORDER BY 1" >actual &&
	printf "%s\n" inbox/2024/protocol.pdf inbox/2024/table.pdf >expect &&
	sed "s|^$T/srv/||" actual >got && test_cmp expect got &&
	PGDATABASE=warehouse q "SELECT count(*) FROM errors WHERE severity = '"'"'error'"'"'" >n &&
	echo 1 >one && test_cmp one n &&
	test_grep "1 failed" "$T/log/run.log"
'

pg_case 'cron: a good night says nothing, and loading twice is loading once' '
	rm "$T/srv/inbox/minutes.pdf" &&
	night mail && test_cmp /dev/null mail &&
	warehouse >once &&
	night mail && test_cmp /dev/null mail &&
	warehouse >twice && test_cmp once twice
'

pg_case 'cron: the inbox is missing (a share not mounted): exit 3, nothing loaded or changed' '
	# rows the out folder has and the warehouse not: a load would bring them
	PGDATABASE=warehouse q "DELETE FROM paragraphs" &&
	warehouse >before &&
	cp -a "$T/srv/out" out.before &&
	mv "$T/srv/inbox" "$T/srv/away" &&
	night mail &&
	echo "paragraf run exited 3: nothing loaded, the tables are as they were: see $T/log/run.log" >expect &&
	test_cmp expect mail &&
	warehouse >after && test_cmp before after &&
	diff -r out.before "$T/srv/out" &&
	test_grep "cannot read input .$T/srv/inbox." "$T/log/run.log"
'

pg_case 'cron: the inbox is empty: exit 4, nothing loaded or changed' '
	PGDATABASE=warehouse q "DELETE FROM paragraphs" &&
	warehouse >before &&
	mkdir "$T/srv/inbox" &&
	night mail &&
	echo "paragraf run: no documents in $T/srv/inbox (exit 4): is the share mounted? Nothing loaded" >expect &&
	test_cmp expect mail &&
	warehouse >after && test_cmp before after &&
	test_line_count 3 "$T/srv/out/documents.csv"
'

test_expect_success 'the systemd example runs installed programs, loads after 0 and 1 only' '
	SERVICE="$TREE/share/paragraf/examples/paragraf.service" &&
	test_grep "^Environment=PGDATABASE=" "$SERVICE" &&
	test_grep "^SuccessExitStatus=1$" "$SERVICE" &&
	grep -E "^Exec(Start|StartPost)=" "$SERVICE" >exec && test_line_count 2 exec &&
	for p in $(sed -E "s/^[^=]+=([^ ]+).*/\1/" exec); do
		case $p in /usr/local/bin/*) test -x "$TREE/bin/${p##*/}" || exit 1 ;; *) echo "$p"; exit 1 ;; esac
	done &&
	test_grep "^ExecStart=/usr/local/bin/paragraf run " exec &&
	test_grep "^ExecStartPost=/usr/local/bin/paragraf-load-postgres " exec
'

test_expect_success 'make uninstall removes every file make install put there' '
	make -s -C "$PF_ROOT" uninstall DESTDIR="$DEST" PREFIX=$PREFIX >log 2>&1 &&
	find "$DEST" -type f >left && test_cmp /dev/null left
'

test_done
