/*
 * One run of lines to a table (steps 4 to 6 of detect.c): the header and
 * its repeats, columns, cells, rows, acceptance, caption and kind.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/* ---- tables ---- */

void tb_table_free(tb_table *t)
{
	if (!t)
		return;
	for (int r = 0; r < t->nrow; r++) {
		for (int k = 0; k < t->ncol; k++)
			free(t->row[r].cell[k].text);
		free(t->row[r].cell);
	}
	free(t->row);
	for (int i = 0; i < t->nalloc; i++) {
		free(t->alloc[i].recipient);
		free(t->alloc[i].comment);
	}
	free(t->alloc);
	free(t->section);
	free(t->caption);
	free(t);
}

char *tb_norm_key(const char *s)
{
	char *l = tb_lower(s);
	size_t o = 0;
	for (size_t i = 0; l[i]; i++)
		if (l[i] != ' ' && l[i] != '|')
			l[o++] = l[i];
	l[o] = '\0';
	return l;
}

/* Leading header lines of a table. */
size_t tb_header_lines(tb_line **l, size_t n)
{
	/* a header and one row is a table too (an indicator with one value) */
	if (n < 2)
		return 0;
	size_t h = 0;
	if (l[0]->bold) {
		size_t nb = 0;
		/* bold lines; one with a number only as a wrapped header cell
		 * ("Målnivå" over "2026"), set as close as lines of one cell */
		while (h < n && h < 3 && l[h]->bold &&
		       (!tb_line_has_number(l[h]) ||
			(h > 0 && l[h]->page == l[h - 1]->page &&
			 l[h]->y0 - l[h - 1]->y1 <= 0.3 * l[h]->size)))
			h++;
		for (size_t i = h; i < n; i++)
			nb += l[i]->bold;
		if (h > 0 && h < n && nb * 2 < n - h)
			return h;
		h = 0;
	}
	if (tb_is_header_line(l[0])) {
		h = 1;
		while (h < n && h < 3 && !tb_line_has_number(l[h]) && l[h]->page == l[0]->page &&
		       l[h]->y0 - l[h - 1]->y1 <= 0.3 * l[0]->size && l[h]->kind != TB_L_LIST &&
		       l[h]->nspan == 1)
			h++;
		return h;
	}
	/* column names over numbers: lines of several spans without a number */
	size_t withnum = 0;
	for (size_t i = 0; i < n; i++)
		withnum += tb_line_has_number(l[i]);
	if (withnum * 3 < n)
		return 0;
	/* years name columns only over a line of names ("2024 | 2025" over
	 * "Kostnader | Intäkter ..."), else they are a row of values */
	while (h < n && h < 4 && l[h]->nspan >= 2) {
		int num = tb_number_after_label(l[h]);
		if (num == 1 || (num == 2 && !(h + 1 < n && l[h + 1]->nspan >= 2 &&
					       tb_number_after_label(l[h + 1]) == 0)))
			break;
		h++;
	}
	return h < n ? h : 0;
}

/* The caption: a "Tabell N" line above or below, else bold title lines
 * right above. Marks the lines used. */
static char *find_caption(tb_line **win, size_t n, const cand *c)
{
	tb_line *first = c->l[0], *last = c->l[c->n - 1];
	double size = first->size > 0 ? first->size : 10;
	/* above */
	size_t k = c->wfirst;
	tb_line *below_line = first;
	size_t title_from = (size_t)-1;
	for (int seen = 0; k > 0 && seen < 3; seen++) {
		tb_line *m = win[k - 1];
		if (m->used || m->page != first->page || below_line->y0 - m->y1 > 2.5 * size)
			break;
		if (m->kind == TB_L_CAPTION) {
			m->used = 1;
			return tb_collapse(tb_strdup(m->text));
		}
		if (!m->bold || m->nspan != 1 || m->kind == TB_L_HEADING)
			break;
		/* a title's lines are close together; a heading further up is not
		 * part of it */
		if (title_from != (size_t)-1 && below_line->y0 - m->y1 > 0.5 * size)
			break;
		title_from = k - 1;
		below_line = m;
		k--;
	}
	/* below */
	if (c->wlast + 1 < n) {
		tb_line *m = win[c->wlast + 1];
		if (!m->used && m->kind == TB_L_CAPTION && m->page == last->page &&
		    m->y0 - last->y1 <= 3 * size) {
			tb_buf b = { 0 };
			tb_buf_adds(&b, m->text);
			m->used = 1;
			for (size_t q = c->wlast + 2; q < n; q++) {
				tb_line *f = win[q];
				if (f->used || f->page != m->page || f->y0 - win[q - 1]->y1 > 0.35 * f->size ||
				    fabs(f->x0 - m->x0) > 2 || f->kind != TB_L_TEXT)
					break;
				tb_buf_addc(&b, ' ');
				tb_buf_adds(&b, f->text);
				f->used = 1;
			}
			char *cap = tb_collapse(tb_strdup(tb_buf_str(&b)));
			tb_buf_free(&b);
			return cap;
		}
	}
	if (title_from != (size_t)-1) {
		tb_buf b = { 0 };
		for (size_t q = title_from; q < c->wfirst; q++) {
			if (b.len)
				tb_buf_addc(&b, ' ');
			tb_buf_adds(&b, win[q]->text);
			win[q]->used = 1;
		}
		char *cap = tb_collapse(tb_strdup(tb_buf_str(&b)));
		tb_buf_free(&b);
		return cap;
	}
	return NULL;
}

static void set_kind(tb_table *t, const int *numeric)
{
	t->amount_col = t->recipient_col = t->comment_col = -1;
	t->scale = 1;
	const tb_row *h = t->has_header ? &t->row[0] : NULL;
	for (int k = 1; k < t->ncol && t->amount_col < 0; k++) {
		if (!numeric[k])
			continue;
		double sc = h ? tb_unit_scale(h->cell[k].text) : 0;
		if (sc == 0 && !h) {
			/* no header: the cells say kr */
			int kr = 0, all = 0;
			for (int r = 0; r < t->nrow; r++) {
				const char *x = t->row[r].cell[k].text;
				double v;
				if (!*x)
					continue;
				all++;
				if (tb_parse_amount(x, &v, &sc) && sc > 0)
					kr++;
			}
			sc = all > 0 && kr * 5 >= all * 3 ? 1 : 0;
		}
		if (sc > 0) {
			t->amount_col = k;
			t->scale = h ? sc : 1;
		}
	}
	if (t->amount_col > 0) {
		for (int k = t->amount_col - 1; k >= 0 && t->recipient_col < 0; k--)
			if (!numeric[k])
				t->recipient_col = k;
		for (int k = t->amount_col + 1; k < t->ncol && t->comment_col < 0; k++)
			if (!numeric[k])
				t->comment_col = k;
	}
	if (t->amount_col > 0 && t->recipient_col >= 0) {
		t->kind = "allocation";
		return;
	}
	t->amount_col = t->recipient_col = t->comment_col = -1;
	if (h) {
		int ind = 0;
		static const char *const words[] = { "indikator", "indicator", "målnivå",
						     "målvärde", "nyckeltal", NULL };
		for (int k = 0; k < t->ncol; k++) {
			char *low = tb_lower(h->cell[k].text);
			for (const char *const *w = words; *w; w++)
				ind |= strstr(low, *w) != NULL;
			free(low);
		}
		if (ind) {
			t->kind = "indicator";
			return;
		}
	}
	t->kind = t->ncol == 2 ? "list" : "other";
}

/* How many lines at l repeat the header whose lines have keys hkey[0..nh)
 * (written as one line the first time and two later, or the other way
 * round); 0 when they do not. */
size_t tb_repeated_header(tb_line **l, size_t n, char **hkey, size_t nh)
{
	tb_buf want = { 0 }, got = { 0 };
	for (size_t q = 0; q < nh; q++)
		tb_buf_adds(&want, hkey[q]);
	size_t found = 0;
	for (size_t k = 0; k < n && k < 4; k++) {
		char *key = tb_norm_key(l[k]->text);
		tb_buf_adds(&got, key);
		free(key);
		if (strcmp(tb_buf_str(&got), tb_buf_str(&want)) == 0) {
			found = k + 1;
			break;
		}
		if (got.len >= want.len)
			break;
	}
	tb_buf_free(&want);
	tb_buf_free(&got);
	return found;
}

/* A header line over another one (a two-level header: "2024" over
 * "Kostnader | Intäkter"): a span set centred over two or more columns, and
 * over no other span of its line, names each of them, so each column gets
 * its whole name ("2024 Kostnader", "2024 Intäkter"). The columns' extents
 * come from the lines from the last header line (last_h) on. Other spans
 * go in as in any header line. */
static void fill_upper_header(lrow *r, const lrow *lr, size_t nl, size_t last_h, const sep *sp,
			      int nsep, int ncol)
{
	double *x0 = tb_alloc((size_t)ncol * sizeof *x0), *x1 = tb_alloc((size_t)ncol * sizeof *x1);
	for (int k = 0; k < ncol; k++)
		x0[k] = INFINITY, x1[k] = -INFINITY;
	for (size_t i = last_h; i < nl; i++)
		for (int k = 0; k < ncol; k++) {
			const lcell *c = &lr[i].cell[k];
			if (!c->has)
				continue;
			if (c->x0 < x0[k])
				x0[k] = c->x0;
			if (c->x1 > x1[k])
				x1[k] = c->x1;
		}
	tb_line *l = r->line;
	tb_line one = *l;
	for (int s = 0; s < l->nspan; s++) {
		const tb_span *sn = &l->span[s];
		double mid = (sn->x0 + sn->x1) / 2;
		int best_a = -1, best_b = -1;
		for (int a = 0; a < ncol; a++)
			for (int b = a + 1; b < ncol; b++) {
				if (isinf(x0[a]) || isinf(x1[b]))
					continue;
				double u0 = x0[a], u1 = x1[b], w = u1 - u0;
				if (w <= 0 || fabs(mid - (u0 + u1) / 2) > (0.05 * w > 2 ? 0.05 * w : 2) ||
				    sn->x0 < u0 - 0.1 * w || sn->x1 > u1 + 0.1 * w)
					continue;
				int alone = 1;
				for (int o = 0; o < l->nspan; o++) {
					double om = (l->span[o].x0 + l->span[o].x1) / 2;
					if (o != s && om >= u0 && om <= u1)
						alone = 0;
				}
				if (alone && b - a > best_b - best_a)
					best_a = a, best_b = b;
			}
		if (best_a < 0) {
			/* as any header span: one line of this span alone */
			lrow part = *r;
			one.span = (tb_span *)sn;
			one.nspan = 1;
			part.line = &one;
			tb_fill_cells(&part, sp, nsep, 1);
			continue;
		}
		for (int k = best_a; k <= best_b; k++)
			tb_lcell_put(&r->cell[k], sn->text, strlen(sn->text), sn->x0, sn->x1, sn->y0,
				     sn->y1, l->page);
	}
	free(x0);
	free(x1);
}

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

/* A row with text in its first column only. */
static int only_first_cell(const trow *r, int ncol)
{
	if (r->header || !r->has[0])
		return 0;
	for (int k = 1; k < ncol; k++)
		if (r->has[k])
			return 0;
	return 1;
}

/* Builds a table from candidate c, or returns NULL when it is not one. */
tb_table *tb_build_table(tb_line **win, size_t n, cand *c)
{
	/* the header, then repeated headers after page breaks dropped */
	size_t nh = tb_header_lines(c->l, c->n);
	char **hkey = tb_alloc((nh + 1) * sizeof *hkey);
	for (size_t i = 0; i < nh; i++)
		hkey[i] = tb_norm_key(c->l[i]->text);
	lrow *lr = tb_alloc((c->n + 1) * sizeof *lr);
	size_t nl = 0, b = 0;
	int pending_brk = 0;
	for (size_t i = 0; i < c->n; i++) {
		int brk = 0;
		while (b < c->nbrk && c->brk[b] == i) {
			brk = 1;
			b++;
		}
		/* the header again: after a page break, or over the next part of
		 * a table that repeats it */
		size_t skip = i >= nh && nh > 0 ? tb_repeated_header(c->l + i, c->n - i, hkey, nh) : 0;
		if (skip > 0) {
			for (size_t q = 0; q < skip; q++)
				c->l[i + q]->used = 1;
			i += skip - 1;
			pending_brk = 1;   /* the next kept line starts the page */
			continue;
		}
		lr[nl].line = c->l[i];
		lr[nl].header = i < nh;
		lr[nl].brk = brk || pending_brk;
		pending_brk = 0;
		nl++;
	}
	for (size_t i = 0; i < nh; i++)
		free(hkey[i]);
	free(hkey);

	/* columns from the body lines of two or more spans */
	tb_line **ml = tb_alloc((nl + 1) * sizeof *ml);
	size_t nm = 0, nmulti = 0;
	for (size_t i = 0; i < nl; i++) {
		nmulti += lr[i].line->nspan >= 2;
		if (lr[i].line->nspan >= 2 && !lr[i].header)
			ml[nm++] = lr[i].line;
	}
	if (nm < 2) {
		nm = 0;
		for (size_t i = 0; i < nl; i++)
			if (lr[i].line->nspan >= 2)
				ml[nm++] = lr[i].line;
	}
	sep *sp = NULL;
	int nsep = nmulti >= 2 ? tb_find_separators(ml, nm, &sp) : 0;
	free(ml);
	int ncol = nsep + 1;
	tb_table *t = NULL;
	if (nsep == 0)
		goto done;

	/* cells: lines of several spans and header lines first; a header line
	 * over another, last, so that its spans can be set over the columns
	 * the lines below give */
	size_t last_h = 0;
	for (size_t i = 0; i < nl; i++)
		if (lr[i].header)
			last_h = i;
	for (size_t i = 0; i < nl; i++) {
		lr[i].cell = tb_alloc((size_t)ncol * sizeof *lr[i].cell);
		if ((lr[i].line->nspan >= 2 || lr[i].header) && !(lr[i].header && i < last_h))
			tb_fill_cells(&lr[i], sp, nsep, 1);
	}
	for (size_t i = 0; i < last_h; i++)
		if (lr[i].header)
			fill_upper_header(&lr[i], lr, nl, last_h, sp, nsep, ncol);
	int *numeric = tb_alloc((size_t)ncol * sizeof *numeric);
	for (int k = 0; k < ncol; k++) {
		int num = 0, real = 0, all = 0;
		for (size_t i = 0; i < nl; i++) {
			if (lr[i].header || !lr[i].cell[k].has)
				continue;
			const char *x = tb_buf_str(&lr[i].cell[k].text);
			all++;
			if (tb_is_numeric(x)) {
				num++;
				real += !tb_is_dash(x);
			}
		}
		numeric[k] = real > 0 && num * 5 >= all * 3;
	}
	/* single-span lines: a cell, a cell over columns, or a row of
	 * numbers glued together */
	for (size_t i = 0; i < nl; i++) {
		tb_line *l = lr[i].line;
		if (l->nspan >= 2 || lr[i].header)
			continue;
		const tb_span *s = &l->span[0];
		int a = tb_column_of(sp, nsep, s->x0 + 0.25);
		int z = tb_column_of(sp, nsep, s->x1 - 0.25);
		if (a == z) {
			tb_fill_cells(&lr[i], sp, nsep, 0);
			continue;
		}
		size_t from[64], to[64];
		double px0[64], px1[64];
		int col[64], exact, fits = 1, nums = 0;
		int np = tb_split_span(s, sp, nsep, from, to, px0, px1, col, &exact);
		for (int p = 0; p < np; p++) {
			char *piece = tb_strndup(s->text + from[p], to[p] - from[p]);
			if (numeric[col[p]]) {
				if (tb_is_numeric(piece))
					nums++;
				else
					fits = 0;
			}
			free(piece);
		}
		if (exact && fits && nums > 0) {
			tb_fill_cells(&lr[i], sp, nsep, 1);
		} else {
			/* a cell over the columns it reaches; only one from the
			 * first column makes a row of its own */
			tb_lcell_put(&lr[i].cell[a], s->text, strlen(s->text), s->x0, s->x1, s->y0,
				     s->y1, l->page);
			lr[i].spanning = a == 0;
		}
	}

	/* a margin column of single characters (a stamp set vertically) */
	int tcol = ncol;
	if (ncol > 2) {
		int filled = 0, single = 1;
		for (size_t i = 0; i < nl; i++) {
			lcell *m = &lr[i].cell[ncol - 1];
			if (!m->has)
				continue;
			filled++;
			single &= tb_utf8_len(m->text.s, m->text.len) <= 1;
		}
		if (single && (size_t)filled * 10 < nl * 3) {
			tcol = ncol - 1;
			for (size_t i = 0; i < nl; i++) {
				tb_buf_free(&lr[i].cell[ncol - 1].text);
				lr[i].cell[ncol - 1].has = 0;
			}
		}
	}

	/* rows */
	double size = tb_median_size(c->l, c->n);
	double thr = tb_row_gap_threshold(lr, nl, size);
	trow *rows = tb_alloc((nl + 1) * sizeof *rows);
	int nrow = 0;
	int has_header = nl > 0 && lr[0].header;
	int *row_of = tb_alloc((nl + 1) * sizeof *row_of);
	for (size_t i = 0; i < nl; i++) {
		if (lr[i].header && nrow == 1) {
			tb_trow_add(&rows[0], &lr[i], ncol);
			row_of[i] = 0;
			continue;
		}
		if (nrow > 0 && !lr[i].header && !rows[nrow - 1].header &&
		    tb_continues_row(&lr[i], &lr[i - 1], &rows[nrow - 1], numeric, ncol, thr)) {
			tb_trow_add(&rows[nrow - 1], &lr[i], ncol);
			row_of[i] = nrow - 1;
			continue;
		}
		row_of[i] = nrow;
		tb_trow_init(&rows[nrow], ncol);
		rows[nrow].header = lr[i].header;
		rows[nrow].spanning = lr[i].spanning;
		rows[nrow].rpage = lr[i].line->page;
		tb_trow_add(&rows[nrow], &lr[i], ncol);
		nrow++;
	}

	/* a cell over all columns after the last row is running text, and so
	 * is a line in the first column alone ("Kommunstyrelsen beslutar"
	 * under a budget grid) */
	while (nrow > 1 && (rows[nrow - 1].spanning || only_first_cell(&rows[nrow - 1], ncol))) {
		nrow--;
		tb_trow_free(&rows[nrow], ncol);
	}

	/* acceptance: three rows, or a header of column names over one row
	 * that fills every column (an indicator with its one value) */
	int one_row = nrow == 2 && has_header && rows[0].header &&
		      (tb_is_header_line(c->l[0]) || c->l[0]->bold);
	for (int k = 0; one_row && k < tcol; k++)
		one_row = rows[1].has[k];
	int ok = nmulti >= 2 && tcol >= 2 && (nrow >= 3 || one_row);
	/* text of a drawing: the first column mostly one or two characters */
	int short0 = 0, all0 = 0, steps = 0, prev = -1;
	for (int r = 0; r < nrow; r++) {
		if (!rows[r].has[0] || rows[r].header)
			continue;
		const char *x = tb_buf_str(&rows[r].text[0]);
		all0++;
		short0 += tb_utf8_len(x, strlen(x)) <= 2;
		/* row numbers 1, 2, 3 ... are short and fine */
		int v = tb_all_digits(x, strlen(x)) && strlen(x) <= 4 ? atoi(x) : -2;
		steps += prev >= 0 && v == prev + 1;
		prev = v;
	}
	if (all0 > 0 && short0 * 2 >= all0 && steps * 10 < (all0 - 1) * 7)
		ok = 0;
	if (axis_ticks(rows, nrow))
		ok = 0;
	int multi_rows = 0, any_numeric = 0;
	for (int r = 0; r < nrow; r++) {
		int filled = 0;
		for (int k = 0; k < tcol; k++)
			filled += rows[r].has[k];
		multi_rows += filled >= 2;
	}
	for (int k = 0; k < tcol; k++) {
		int filled = 0;
		for (int r = 0; r < nrow; r++)
			filled += rows[r].has[k];
		if (filled == 0)
			ok = 0;
		any_numeric |= numeric[k];
	}
	if (multi_rows < 2)
		ok = 0;
	/* the page's header block (Datum | Dnr | Sida) */
	tb_line *fl = c->l[0], *ll = c->l[c->n - 1];
	if (fl->first_on_page && ll->page == fl->page && fl->page_h > 0 &&
	    ll->y1 < 0.15 * fl->page_h)
		ok = 0;
	if (!any_numeric) {
		/* words in columns: a header of short names over short cells, not
		 * two columns of running text */
		int vocab = has_header && tb_is_header_line(c->l[0]);
		if (!has_header || (!vocab && tcol < 3))
			ok = 0;
		size_t chars = 0, cells = 0;
		for (int r = 0; r < nrow; r++)
			for (int k = 0; k < tcol; k++) {
				if (!rows[r].has[k])
					continue;
				const char *x = tb_buf_str(&rows[r].text[k]);
				int words = 1;
				for (const char *p = x; *p; p++)
					words += *p == ' ';
				if (rows[r].header && words > 5)
					ok = 0;
				if (!rows[r].header) {
					chars += tb_utf8_len(x, strlen(x));
					cells++;
				}
			}
		if (cells > 0 && chars > 60 * cells)
			ok = 0;
	}
	if (getenv("PF_TABLES_DEBUG"))
		fprintf(stderr, "table? ok=%d nmulti=%zu ncol=%d nrow=%d multi_rows=%d numeric=%d header=%d\n",
			ok, nmulti, ncol, nrow, multi_rows, any_numeric, has_header);
	if (!ok)
		goto free_rows;

	t = tb_alloc(sizeof *t);
	t->ncol = tcol;
	t->nrow = nrow;
	t->has_header = has_header;
	t->row = tb_alloc((size_t)nrow * sizeof *t->row);
	t->page_start = c->l[0]->page;
	t->page_end = c->l[c->n - 1]->page;
	t->section = tb_strdup(c->l[0]->section);
	for (int r = 0; r < nrow; r++) {
		tb_row *tr = &t->row[r];
		tr->cell = tb_alloc((size_t)tcol * sizeof *tr->cell);
		tr->header = rows[r].header;
		tr->spanning = rows[r].spanning;
		tr->page = rows[r].rpage;
		for (int k = 0; k < tcol; k++) {
			tb_cell *cell = &tr->cell[k];
			cell->text = tb_collapse(tb_strdup(tb_buf_str(&rows[r].text[k])));
			if (rows[r].has[k] && *cell->text) {
				cell->page = rows[r].page[k];
				cell->x0 = rows[r].box[k][0], cell->y0 = rows[r].box[k][1];
				cell->x1 = rows[r].box[k][2], cell->y1 = rows[r].box[k][3];
			}
		}
	}
	for (size_t i = 0; i < nl; i++)
		if (row_of[i] < nrow)
			lr[i].line->used = 1;
	t->caption = find_caption(win, n, c);
	set_kind(t, numeric);
	if (strcmp(t->kind, "allocation") == 0)
		tb_allocations(t);

free_rows:
	free(row_of);
	for (int r = 0; r < nrow; r++)
		tb_trow_free(&rows[r], ncol);
	free(rows);
	free(numeric);
	for (size_t i = 0; i < nl; i++) {
		for (int k = 0; k < ncol && lr[i].cell; k++)
			tb_buf_free(&lr[i].cell[k].text);
		free(lr[i].cell);
	}
done:
	free(sp);
	free(lr);
	return t;
}
