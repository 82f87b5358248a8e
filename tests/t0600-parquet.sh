#!/usr/bin/env bash
# lib/parquet.c, the Parquet writer, through tests/tools/parquet-write: what
# it writes must read back exactly in two independent readers, DuckDB
# (@duckdb/node-api) and hyparquet (pure JS), both from tests/js/.
#
# The readers need node and npm. When node_modules is missing the first case
# runs `npm ci` in tests/js (package-lock.json pins the versions). When node
# or npm is missing it installs Debian's nodejs and npm with apt-get if it
# runs as root, and otherwise skips the reader cases (saying so).
. "$(dirname "$0")/test-lib.sh"

PW=$PF_BIN/tools/parquet-write
JS=$TESTDIR/js
TINY=$GOLDEN/tiny.txt

# ---- the readers ----

have_node() { command -v node >/dev/null && command -v npm >/dev/null; }
if ! have_node && test "$(id -u)" = 0; then
	say "# installing nodejs and npm (apt-get) for the Parquet readers"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm; } >"$TRASH/apt.log" 2>&1 ||
		{ say "# apt-get install nodejs npm failed:"; tail -n 20 "$TRASH/apt.log"; }
fi

JS_OK=
if have_js_readers; then JS_OK=1; else say "# $JS_WHY: the reader cases are skipped"; fi

# reader CASE-NAME BODY: a case that needs node, skipped when there is none
reader_case() {
	if test -n "$JS_OK"; then
		test_expect_success "$1" "$2"
	else
		test_skip "$1" "$JS_WHY"
	fi
}

duckdb() { node "$JS/read-parquet.mjs" "$@"; }
hyparquet() { node "$JS/read-hyparquet.mjs" "$@"; }

reader_case 'the readers are installed (npm ci in tests/js when node_modules is missing)' '
	test -d "$JS/node_modules/@duckdb/node-bindings-linux-x64" -o \
	     -d "$JS/node_modules/@duckdb/node-bindings-linux-arm64"
'

# ---- the tiny table: every type, nulls, Swedish text, escapes ----

reader_case 'every type, nulls, Swedish text, quotes and newlines read back exactly in DuckDB' '
	"$PW" -o t.parquet "$TINY" &&
	duckdb t.parquet >actual &&
	test_golden "$GOLDEN/tiny.duckdb" actual
'

reader_case 'the same file reads back exactly in hyparquet, rows identical to DuckDB'"'"'s' '
	"$PW" -o t.parquet "$TINY" &&
	hyparquet t.parquet >actual &&
	test_golden "$GOLDEN/tiny.hyparquet" actual &&
	duckdb --rows t.parquet >rows.duckdb &&
	hyparquet --rows t.parquet >rows.hyparquet &&
	test_cmp rows.duckdb rows.hyparquet &&
	test_line_count 6 rows.duckdb
'

reader_case 'UNCOMPRESSED and GZIP give the same rows; the footer names the codec' '
	"$PW" -c none -o none.parquet "$TINY" &&
	"$PW" -c gzip -o gzip.parquet "$TINY" &&
	for f in none gzip; do
		duckdb --rows $f.parquet >$f.duckdb &&
		hyparquet --rows $f.parquet >$f.hyparquet &&
		duckdb --meta $f.parquet >$f.meta || exit 1
	done &&
	test_cmp none.duckdb gzip.duckdb &&
	test_cmp none.duckdb none.hyparquet &&
	test_cmp none.duckdb gzip.hyparquet &&
	test "$(grep -c " UNCOMPRESSED " none.meta)" = 6 &&
	test "$(grep -c " GZIP " gzip.meta)" = 6
'

test_expect_success 'GZIP pages are gzip-framed (1f 8b), one member per page' '
	"$PW" -c gzip -o t.parquet "$TINY" &&
	od -An -v -tx1 -w1 t.parquet >bytes &&
	awk "{ b[NR] = \$1 } END { for (i = 1; i + 2 <= NR; i++) if (b[i] b[i+1] b[i+2] == \"1f8b08\") n++; print n + 0 }" bytes >members &&
	test "$(cat members)" = 6
'

reader_case 'statistics: null counts and min/max (signed ints, byte-wise strings) as DuckDB reads them' '
	"$PW" -o t.parquet "$TINY" &&
	duckdb --meta t.parquet >actual &&
	test_golden "$GOLDEN/tiny.meta" actual
'

reader_case 'page headers parse in hyparquet; their value and null counts add up' '
	"$PW" -o t.parquet "$TINY" &&
	hyparquet --pages t.parquet >actual &&
	test_golden "$GOLDEN/tiny.pages" actual
'

reader_case 'one row per row group (6 row groups) reads back the same rows' '
	"$PW" -r 1 -o one.parquet "$TINY" &&
	"$PW" -o all.parquet "$TINY" &&
	duckdb --meta one.parquet >meta &&
	test_grep "^num_row_groups 6$" meta &&
	duckdb --rows all.parquet >expect &&
	duckdb --rows one.parquet >actual.duckdb &&
	hyparquet --rows one.parquet >actual.hyparquet &&
	test_cmp expect actual.duckdb &&
	test_cmp expect actual.hyparquet
'

test_expect_success 'the bytes of a tiny UNCOMPRESSED file are exactly the golden ones' '
	"$PW" -c none -o t.parquet "$TINY" &&
	test_golden "$GOLDEN/tiny.parquet" t.parquet
'

test_expect_success 'the same rows give the same bytes, GZIP included; the file is framed by PAR1' '
	"$PW" -o one.parquet "$TINY" &&
	"$PW" -o two.parquet <"$TINY" &&
	"$PW" <"$TINY" >three.parquet &&
	cmp one.parquet two.parquet &&
	cmp one.parquet three.parquet &&
	test "$(head -c 4 one.parquet)" = PAR1 &&
	test "$(tail -c 4 one.parquet)" = PAR1
'

# ---- many rows: pages, row groups, level runs ----

# gen N: writes input (N rows), expect.rows (the rows as the readers print
# them) and expect.summary (counts and sums). Nulls come in every pattern
# the RLE/bit-packed level encoder has a branch for: runs of 1000 (amount),
# runs of 17 between runs of 23 (day), strict alternation (alt), sparse
# (name, flag) and none (id, n: REQUIRED). Numbers are printed with %.0f:
# mawk's %d stops at 2^31.
gen() {
	LC_ALL=C awk -v n="$1" '
	function fmt_null(v, isnull) { return isnull ? "\\N" : v }
	BEGIN {
		print "id:int64:required,name:string,amount:int64,day:date,flag:bool,alt:int32,n:int32:required" >"input"
		for (i = 1; i <= n; i++) {
			name_null = i % 7 == 0;   name = "namn " i " åäö"
			amt_null = int(i / 1000) % 3 == 0
			amt = (i % 2) ? i * i : -i * i
			day_null = i % 40 < 17;   dd = i % 28 + 1
			flag_null = i % 3 == 0;   flag = (i % 2) ? "true" : "false"
			alt_null = i % 2 == 0
			nn = (i % 2) ? i : -i
			printf "%.0f\t%s\t%s\t%s\t%s\t%s\t%.0f\n", i,
				fmt_null(name, name_null), fmt_null(sprintf("%.0f", amt), amt_null),
				fmt_null(sprintf("2024-01-%02d", dd), day_null),
				fmt_null(flag, flag_null), fmt_null(sprintf("%.0f", i), alt_null), nn >"input"
			printf "[%.0f, %s, %s, %s, %s, %s, %.0f]\n", i,
				name_null ? "null" : "\"" name "\"",
				amt_null ? "null" : sprintf("%.0f", amt),
				day_null ? "null" : sprintf("2024-01-%02d", dd),
				flag_null ? "null" : flag, alt_null ? "null" : sprintf("%.0f", i), nn >"expect.rows"
			s_id += i
			if (!name_null) { c_name++; s_name += length(name) }
			if (!amt_null) { c_amt++; s_amt += amt }
			if (!day_null) { c_day++; s_day += 19723 + dd - 1 }   # 2024-01-01 is day 19723
			if (!flag_null) { c_flag++; s_flag += (i % 2) }
			if (!alt_null) { c_alt++; s_alt += i }
			s_n += nn
		}
		printf "rows %.0f\n", n >"expect.summary"
		printf "id nonnull %.0f sum %.0f\n", n, s_id >"expect.summary"
		printf "name nonnull %.0f sum %.0f\n", c_name, s_name >"expect.summary"
		printf "amount nonnull %.0f sum %.0f\n", c_amt, s_amt >"expect.summary"
		printf "day nonnull %.0f sum %.0f\n", c_day, s_day >"expect.summary"
		printf "flag nonnull %.0f sum %.0f\n", c_flag, s_flag >"expect.summary"
		printf "alt nonnull %.0f sum %.0f\n", c_alt, s_alt >"expect.summary"
		printf "n nonnull %.0f sum %.0f\n", n, s_n >"expect.summary"
	}'
}

reader_case '100,000 rows in 4 row groups of many pages: counts, sums and every row agree with the input' '
	gen 100000 &&
	"$PW" -p 1k -r 30000 -o big.parquet input &&
	duckdb --summary big.parquet >summary.duckdb &&
	hyparquet --summary big.parquet >summary.hyparquet &&
	test_cmp expect.summary summary.duckdb &&
	test_cmp expect.summary summary.hyparquet &&
	duckdb --rows big.parquet >rows.duckdb &&
	hyparquet --rows big.parquet >rows.hyparquet &&
	test_cmp expect.rows rows.duckdb &&
	test_cmp expect.rows rows.hyparquet &&
	duckdb --meta big.parquet >meta &&
	test_grep "^num_row_groups 4$" meta &&
	test_grep "^num_rows 100000$" meta &&
	hyparquet --pages big.parquet >pages &&
	test_line_count 28 pages &&
	awk "\$5 < 2 { print \"one page only:\", \$0; bad = 1 } END { exit bad }" pages
'

reader_case 'page and row-group sizes by bytes: 100,000 rows UNCOMPRESSED, 256 KiB row groups' '
	gen 100000 &&
	"$PW" -c none -p 8k -g 256k -o big.parquet input &&
	duckdb --summary big.parquet >summary.duckdb &&
	test_cmp expect.summary summary.duckdb &&
	hyparquet --rows big.parquet >rows.hyparquet &&
	test_cmp expect.rows rows.hyparquet &&
	duckdb --meta big.parquet >meta &&
	n=$(sed -n "s/^num_row_groups //p" meta) &&
	test "$n" -gt 4 &&
	hyparquet --pages big.parquet >pages &&
	awk "\$11 > 8192 + 4096 { print \"page too big:\", \$0; bad = 1 } END { exit bad }" pages
'

reader_case 'random null runs of 1..60 rows across pages of odd sizes read back exactly' '
	LC_ALL=C awk "BEGIN {
		srand(7); print \"v:int32,s:string,b:bool\"
		while (i < 20000) {
			len = int(rand() * rand() * 60) + 1; isnull = rand() < 0.5
			for (k = 0; k < len && i < 20000; k++) {
				i++
				printf \"%s\\t%s\\t%s\\n\", isnull ? \"\\\\N\" : i,
					rand() < 0.3 ? \"\\\\N\" : \"s\" i,
					isnull ? \"\\\\N\" : (i % 3 ? \"true\" : \"false\")
			}
		}
	}" >in &&
	LC_ALL=C awk -F "\t" "NR > 1 { printf \"[%s, %s, %s]\\n\",
		\$1 == \"\\\\N\" ? \"null\" : \$1,
		\$2 == \"\\\\N\" ? \"null\" : \"\\\"\" \$2 \"\\\"\",
		\$3 == \"\\\\N\" ? \"null\" : \$3 }" in >expect &&
	test_line_count 20000 expect &&
	"$PW" -p 777 -r 7000 -o r.parquet in &&
	duckdb --rows r.parquet >rows.duckdb &&
	hyparquet --rows r.parquet >rows.hyparquet &&
	test_cmp expect rows.duckdb &&
	test_cmp expect rows.hyparquet
'

test_expect_success 'memory stays flat: 1,000,000 rows peak no higher than 100,000 rows (+4 MiB)' '
	gen 100000 && mv input small &&
	gen 1000000 && mv input large &&
	"$PW" -s -g 1M -o small.parquet small 2>small.stats &&
	"$PW" -s -g 1M -o large.parquet large 2>large.stats &&
	cat small.stats large.stats &&
	small=$(sed -n "s/.*max_rss_kib //p" small.stats) &&
	large=$(sed -n "s/.*max_rss_kib //p" large.stats) &&
	test "$large" -le $((small + 4096))
'

# ---- edges and errors ----

reader_case 'a zero-row table is a valid file: schema, no row group' '
	printf "doc_id:string:required,amount:int64,day:date\n" >in &&
	"$PW" -o z.parquet in &&
	duckdb z.parquet >actual.duckdb &&
	hyparquet z.parquet >actual.hyparquet &&
	duckdb --meta z.parquet >meta &&
	printf "doc_id VARCHAR\namount BIGINT\nday DATE\n\n" >expect.duckdb &&
	printf "doc_id REQUIRED BYTE_ARRAY logical=STRING converted=UTF8\namount OPTIONAL INT64\nday OPTIONAL INT32 logical=DATE converted=DATE\n\n" >expect.hyparquet &&
	test_cmp expect.duckdb actual.duckdb &&
	test_cmp expect.hyparquet actual.hyparquet &&
	test_grep "^num_rows 0$" meta &&
	test_grep "^num_row_groups 0$" meta
'

reader_case 'strings longer than 128 bytes: min/max left out, null count kept, values intact' '
	long=$(printf "%0200d" 7) &&
	{ echo "t:string"; echo "kort"; echo "\\N"; echo "$long"; } >in &&
	"$PW" -o t.parquet in &&
	duckdb --meta t.parquet >meta &&
	test_grep " nulls 1 min null max null$" meta &&
	duckdb --rows t.parquet >rows &&
	printf "[\"kort\"]\n[null]\n[\"%s\"]\n" "$long" >expect &&
	test_cmp expect rows
'

reader_case 'a column of nulls only, over several row groups: read back, no min/max' '
	{ echo "id:int32:required,x:int64,y:string"; for i in 1 2 3 4 5; do printf "%d\t\\N\t\\N\n" $i; done; } >in &&
	"$PW" -r 2 -o n.parquet in &&
	duckdb --rows n.parquet >rows.duckdb &&
	hyparquet --rows n.parquet >rows.hyparquet &&
	printf "[%d, null, null]\n" 1 2 3 4 5 >expect &&
	test_cmp expect rows.duckdb &&
	test_cmp expect rows.hyparquet &&
	duckdb --meta n.parquet >meta &&
	test "$(grep -c " nulls [12] min null max null$" meta)" = 6
'

reader_case 'a TIME column (a meeting'"'"'s time) reads back as local TIME in both readers' '
	printf "%s\n" "t:time,d:date" "09:00	2024-03-12" "\\N	\\N" "23:59:59	2024-03-13" "00:00	2024-03-14" >in &&
	"$PW" -o t.parquet in &&
	duckdb --types t.parquet >types &&
	printf "t TIME\nd DATE\n" >expect.types &&
	test_cmp expect.types types &&
	hyparquet --types t.parquet >htypes &&
	test_grep "^t OPTIONAL INT32 logical=TIME converted=TIME_MILLIS$" htypes &&
	duckdb --meta t.parquet >meta &&
	test_grep " t INT32 .* nulls 1 min \"00:00:00\" max \"23:59:59\"$" meta &&
	duckdb --rows t.parquet >rows.duckdb &&
	hyparquet --rows t.parquet >rows.hyparquet &&
	printf "[%s]\n" "32400000000, 2024-03-12" "null, null" "86399000000, 2024-03-13" "0, 2024-03-14" >expect.duckdb &&
	printf "[%s]\n" "32400000, 2024-03-12" "null, null" "86399000, 2024-03-13" "0, 2024-03-14" >expect.hyparquet &&
	test_cmp expect.duckdb rows.duckdb &&
	test_cmp expect.hyparquet rows.hyparquet
'

test_expect_success 'null in a REQUIRED column: exit 1, and the file gets no footer' '
	printf "a:string:required,b:int64\nx\t1\ny\t2\n\\\\N\t3\n" >in &&
	test_expect_code 1 "$PW" -r 1 -o t.parquet in 2>err &&
	test_grep "line 4: row 3, column .a.: null in a REQUIRED column" err &&
	test "$(wc -c <t.parquet)" -gt 12 &&
	tail -c 4 t.parquet >last && printf PAR1 >magic &&
	! cmp -s magic last
'

if test -w /dev/full; then
	test_expect_success 'a write error (full disk) is reported: exit 1' '
		test_expect_code 1 "$PW" -o /dev/full "$TINY" 2>err &&
		test_grep "write failed\|cannot write" err
	'
else
	test_skip 'a write error (full disk) is reported: exit 1' 'no writable /dev/full here'
fi

test_expect_success 'malformed input: exit 3 with the line (bad number, bad date, bad time, short row)' '
	printf "a:int64\n12x\n" >num &&
	printf "d:date\n2023-02-29\n" >date &&
	printf "t:time\n24:00\n" >time &&
	printf "a:int32,b:int32\n1\n" >short &&
	printf "a:int32\n2147483648\n" >range &&
	test_expect_code 3 "$PW" -o t.parquet num 2>err.num &&
	test_grep "line 2: bad value for column .a." err.num &&
	test_expect_code 3 "$PW" -o t.parquet date 2>err.date &&
	test_grep "line 2: bad value for column .d." err.date &&
	test_expect_code 3 "$PW" -o t.parquet time 2>err.time &&
	test_grep "line 2: bad value for column .t." err.time &&
	test_expect_code 3 "$PW" -o t.parquet short 2>err.short &&
	test_grep "line 2: 1 fields, expected 2" err.short &&
	test_expect_code 1 "$PW" -o t.parquet range 2>err.range &&
	test_grep "does not fit in INT32" err.range
'

test_expect_success 'bad schema and options: exit 3 and 2' '
	printf "a:float\n" >in &&
	test_expect_code 3 "$PW" -o t.parquet in &&
	printf "a:int32,a:int64\n" >dup &&
	test_expect_code 1 "$PW" -o t.parquet dup 2>err &&
	test_grep "appears twice" err &&
	test_expect_code 2 "$PW" -c snappy "$TINY"
'

test_done
