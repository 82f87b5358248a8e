/*
 * Acceptance (step 6 of detect.c; docs/pf-tables.md, step 8, "What is not
 * a table"): whether the rows table.c built from a run are a table, or
 * the page's header block, text of a drawing, a chart's axis, a list of
 * names or running text in two columns.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/*
 * The thresholds of step 8, by the names docs/pf-tables.md quotes.
 * Shares are per cent of a count, compared in whole numbers.
 */
/* a first column with this share of cells of one or two characters is text
 * of a drawing... */
#define TB_SHORT_FIRST_PCT 50
/* ...unless this share of its steps count 1, 2, 3 (row numbers) */
#define TB_ROW_NUMBERS_PCT 70
/* rows of a table; two when a header is over one row that fills every column */
#define TB_MIN_ROWS 3
/* a run from the page's first line that ends in this top share of the page
 * is its header block (Datum | Dnr | Sida) */
#define TB_PAGE_HEADER_SHARE 0.15
/* a table of words only: header cells of at most so many words... */
#define TB_HEADER_CELL_WORDS 5
/* ...and body cells of at most so many characters on average */
#define TB_WORD_CELL_CHARS 60

/* The y axis of a chart: the first column of most rows holds numbers that
 * fall by one step (450, 400, 350 ... -50), the text beside them is the
 * chart's legend and labels. Row numbers count up, years are labels. */
static int axis_ticks(const trow *rows, int nrow)
{
	int n = 0, body = 0, same = 0;
	double prev = NAN, step = NAN;
	for (int r = 0; r < nrow; r++) {
		if (rows[r].header)
			continue;
		body++;
		const char *x = tb_buf_str(&rows[r].text[0]);
		double v, sc;
		if (!rows[r].has[0] || !tb_parse_amount(x, &v, &sc))
			continue;
		if (!isnan(prev)) {
			double d = v - prev;
			if (!isnan(step) && fabs(d - step) < 1e-9 && step < 0)
				same++;
			step = d;
		}
		prev = v;
		n++;
	}
	return n >= 5 && 2 * n >= body && same + 2 >= n - 1;
}

/* The x axis of a chart: a row of five numbers or more, read across its
 * cells, that start at 0 and rise by one step ("0% 10% 20% ... 100%").
 * Years and row numbers do not start at 0. */
static int axis_row(const trow *r, int ncol)
{
	double prev = NAN, step = NAN;
	int n = 0;
	for (int k = 0; k < ncol; k++) {
		if (!r->has[k])
			continue;
		const char *p = tb_buf_str(&r->text[k]);
		while (*p) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			char *e;
			double v = strtod(p, &e);
			if (e == p)
				return 0;
			if (*e == '%')
				e++;
			if (*e && *e != ' ')
				return 0;
			p = e;
			if (n == 0 && v != 0)
				return 0;
			if (n >= 1) {
				double d = v - prev;
				if (d <= 0 || (n >= 2 && fabs(d - step) > 1e-9 * (1 + fabs(step))))
					return 0;
				step = d;
			}
			prev = v;
			n++;
		}
	}
	return n >= 5;
}

/* Two rows, a header of column names over one row that fills every column:
 * an indicator with its one value. */
static int one_value_indicator(const build *b)
{
	const tb_line *first = b->c->l[0];
	int one_row = b->nrow == 2 && b->has_header && b->row[0].header &&
		      (tb_is_header_line(first) || first->bold);
	for (int k = 0; one_row && k < b->tcol; k++)
		one_row = b->row[1].has[k];
	return one_row;
}

/* Text of a drawing: the first column mostly (TB_SHORT_FIRST_PCT) one or
 * two characters, unless TB_ROW_NUMBERS_PCT of them count 1, 2, 3 ... */
static int drawing_text(const build *b)
{
	int short0 = 0, all0 = 0, steps = 0, prev = -1;
	for (int r = 0; r < b->nrow; r++) {
		if (!b->row[r].has[0] || b->row[r].header)
			continue;
		const char *x = tb_buf_str(&b->row[r].text[0]);
		all0++;
		short0 += tb_utf8_len(x, strlen(x)) <= 2;
		int v = tb_all_digits(x, strlen(x)) && strlen(x) <= 4 ? atoi(x) : -2;
		steps += prev >= 0 && v == prev + 1;
		prev = v;
	}
	return all0 > 0 && short0 * 100 >= all0 * TB_SHORT_FIRST_PCT &&
	       steps * 100 < (all0 - 1) * TB_ROW_NUMBERS_PCT;
}

/* A chart's axis: its y axis in the first column, or a row of x ticks. */
static int chart_axis(const build *b)
{
	if (axis_ticks(b->row, b->nrow))
		return 1;
	for (int r = 0; r < b->nrow; r++)
		if (!b->row[r].header && axis_row(&b->row[r], b->ncol))
			return 1;
	return 0;
}

/* Rows with at least two filled cells. */
static int rows_of_two_cells(const build *b)
{
	int n = 0;
	for (int r = 0; r < b->nrow; r++) {
		int filled = 0;
		for (int k = 0; k < b->tcol; k++)
			filled += b->row[r].has[k];
		n += filled >= 2;
	}
	return n;
}

static int every_column_filled(const build *b)
{
	for (int k = 0; k < b->tcol; k++) {
		int filled = 0;
		for (int r = 0; r < b->nrow; r++)
			filled += b->row[r].has[k];
		if (filled == 0)
			return 0;
	}
	return 1;
}

static int any_numeric_column(const build *b)
{
	int any = 0;
	for (int k = 0; k < b->tcol; k++)
		any |= b->numeric[k];
	return any;
}

/* The page's header block (Datum | Dnr | Sida): from the page's first text
 * line to no lower than TB_PAGE_HEADER_SHARE of the page. */
static int page_header_block(const build *b)
{
	const tb_line *fl = b->c->l[0], *ll = b->c->l[b->c->n - 1];
	return fl->first_on_page && ll->page == fl->page && fl->page_h > 0 &&
	       ll->y1 < TB_PAGE_HEADER_SHARE * fl->page_h;
}

/* Words in columns, no numbers: a table when a header of short names
 * (TB_HEADER_CELL_WORDS at most) is over short cells (TB_WORD_CELL_CHARS
 * on average), not two columns of running text. */
static int words_table(const build *b)
{
	int vocab = b->has_header && tb_is_header_line(b->c->l[0]);
	int ok = b->has_header && (vocab || b->tcol >= 3);
	size_t chars = 0, cells = 0;
	for (int r = 0; r < b->nrow; r++)
		for (int k = 0; k < b->tcol; k++) {
			if (!b->row[r].has[k])
				continue;
			const char *x = tb_buf_str(&b->row[r].text[k]);
			int words = 1;
			for (const char *p = x; *p; p++)
				words += *p == ' ';
			if (b->row[r].header && words > TB_HEADER_CELL_WORDS)
				ok = 0;
			if (!b->row[r].header) {
				chars += tb_utf8_len(x, strlen(x));
				cells++;
			}
		}
	if (cells > 0 && chars > TB_WORD_CELL_CHARS * cells)
		ok = 0;
	return ok;
}

/* Acceptance (docs/pf-tables.md, step 8). */
int tb_is_table(const build *b)
{
	int multi_rows = rows_of_two_cells(b), any_numeric = any_numeric_column(b);
	int ok = b->nmulti >= 2 && b->tcol >= 2 && (b->nrow >= TB_MIN_ROWS || one_value_indicator(b)) &&
		 !drawing_text(b) && !chart_axis(b) && multi_rows >= 2 && every_column_filled(b) &&
		 !page_header_block(b) && (any_numeric || words_table(b));
	if (getenv("PF_TABLES_DEBUG"))
		fprintf(stderr, "table? ok=%d nmulti=%zu ncol=%d nrow=%d multi_rows=%d numeric=%d header=%d\n",
			ok, b->nmulti, b->ncol, b->nrow, multi_rows, any_numeric, b->has_header);
	return ok;
}
