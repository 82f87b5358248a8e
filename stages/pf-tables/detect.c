/*
 * Lines to tables.
 *
 * 1. Visual lines. A line that overlaps the previous one vertically by
 *    40 % of the lower of the two, with no span above another, is the same
 *    printed line: an OCR line cut in pieces by skew, or an amount centred
 *    between the two lines of its row. The two become one line.
 * 2. Runs. A table starts at a line of two or more spans (not a bullet or
 *    footnote item) or a header line ("Summa kr Kommentar"), and goes on
 *    while lines follow closely (a gap of at most one em) and do not stick
 *    out to the left of its columns. Single-span lines inside are cells
 *    that wrap, rows with one cell, or a cell over all columns; at its end
 *    they stay only when they continue a column.
 * 3. Page breaks. A run at the foot of a page (below it only furniture and
 *    smaller footnote lines) and a run at the top of the next page with the
 *    same left edge and size are one table; the repeated header is dropped.
 * 4. Columns. Over the lines with two or more spans, count for every x how
 *    many lines have a span there (ink) and how many have a gap between two
 *    spans there. A column boundary is where the gap count is high and the
 *    ink count minimal: a right-aligned amount column and a left-aligned
 *    comment column are told apart by the channel of white between them, not
 *    by where their text starts. A span over a boundary is split at the
 *    space nearest to it (header words set closer than any gap rule, "870
 *    243 Öronmärkta medel" glued by pf-pdftext); a single-span line over a
 *    boundary is a cell over several columns unless it splits into the
 *    numbers of the numeric columns.
 * 5. Rows. The gaps between lines of a table fall into two groups when
 *    cells wrap: line spacing inside a cell and padding between rows. A
 *    line after a row gap starts a row; a line after a line gap continues
 *    it, unless it puts a second number into a numeric cell. With one group
 *    only, a line starts a row unless it reads as a continuation (a lower-
 *    case start, the cell above ending in a hyphen, comma or conjunction, or
 *    nothing in the first column).
 * 6. Acceptance: at least two lines with several spans, two columns, three
 *    rows, and a numeric column or a header; the page's header block is not
 *    a table. Then caption, kind and, for allocation tables, the amount,
 *    recipient and comment columns.
 *
 * Here: steps 2 and 3 and tb_detect. lines.c: step 1 and the kinds of
 * lines; columns.c: the columns and cells of step 4; rows.c: the rows of
 * step 5; table.c: steps 4 to 6 put together for one run, with accept.c
 * for the acceptance of step 6. detect.h has what they share.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/* ---- runs ---- */

static void cand_add(cand *c, tb_line *l)
{
	tb_grow(&c->l, &c->cap, c->n + 1, sizeof *c->l);
	c->l[c->n++] = l;
}

static void cand_free(cand *c)
{
	free(c->l);
	free(c->brk);
}

/* Left edge of a run: the leftmost span of its body lines (header lines
 * may leave the first column empty). */
static double left_edge(const cand *c)
{
	double x = INFINITY;
	for (size_t i = 0; i < c->n; i++)
		if (c->l[i]->kind == TB_L_MULTI && !tb_is_header_line(c->l[i]) && c->l[i]->x0 < x)
			x = c->l[i]->x0;
	if (isinf(x))
		for (size_t i = 0; i < c->n; i++)
			if (c->l[i]->x0 < x)
				x = c->l[i]->x0;
	return x;
}

/* Half of m's spans or more start or end within 1 pt of where a span of
 * the run's lines win[i..last] of several spans starts or ends (true when
 * there is none yet). */
static int lines_up(tb_line **win, size_t i, size_t last, const tb_line *m)
{
	int hit = 0, refs = 0;
	for (size_t q = i; q <= last; q++)
		refs += win[q]->nspan >= 2;
	if (refs == 0)      /* only a header in one span ("Summa kr Kommentar") */
		return 1;
	for (int s = 0; s < m->nspan; s++) {
		int h = 0;
		for (size_t q = i; q <= last && !h; q++) {
			if (win[q]->nspan < 2)
				continue;
			for (int t = 0; t < win[q]->nspan && !h; t++)
				h = fabs(win[q]->span[t].x0 - m->span[s].x0) <= 1.0 ||
				    fabs(win[q]->span[t].x1 - m->span[s].x1) <= 1.0;
		}
		hit += h;
	}
	return 2 * hit >= m->nspan;
}

/* Builds the run that starts at win[i]; returns the index after it. */
static size_t build_run(tb_line **win, size_t n, size_t i, cand *c)
{
	tb_line *first = win[i];
	double size = first->size > 0 ? first->size : 10;
	double minx = (first->kind == TB_L_MULTI && !tb_is_header_line(first)) ? first->x0 : INFINITY;
	size_t last_m = i, j = i + 1;
	int ns = 0;
	double maxx = first->x1;
	double max_gap = -INFINITY;   /* between the lines up to last_m */
	for (; j < n; j++) {
		tb_line *m = win[j], *p = win[j - 1];
		if (m->used || m->page != first->page)
			break;
		if (m->kind == TB_L_CAPTION || m->kind == TB_L_HEADING || m->kind == TB_L_LIST)
			break;
		/* OCR boxes hug the ink: a header is 1.2 em above its first row */
		double gap = m->y0 - p->y1;
		if (gap > 1.6 * (size > 6 ? size : 6) + 1)
			break;
		if (m->x1 > maxx)
			maxx = m->x1;
		if (m->kind == TB_L_MULTI || tb_is_header_line(m)) {
			/* after lines of one span, a line of several that does
			 * not line up with the run is something else: the
			 * signature grid under a table and a decision */
			if (ns > 0 && !lines_up(win, i, last_m, m))
				break;
			if (m->kind == TB_L_MULTI && !tb_is_header_line(m) && m->x0 < minx)
				minx = m->x0;
			for (size_t k = last_m + 1; k <= j; k++) {
				double g = win[k]->y0 - win[k - 1]->y1;
				if (g > max_gap)
					max_gap = g;
			}
			last_m = j;
			ns = 0;
			continue;
		}
		/* sticking out to the left is running text, unless it is short:
		 * a group label ("Lainakannan muutokset" over its rows) */
		if (!isinf(minx) && m->x0 < minx - 2.0 && m->x1 > minx + 0.5 * (maxx - minx))
			break;
		if (++ns > 8)
			break;
	}
	/* trailing single-span lines stay when they continue a column */
	size_t end = last_m;
	for (size_t k = last_m + 1; k < j; k++) {
		tb_line *m = win[k], *p = win[k - 1];
		double gap = m->y0 - p->y1;
		if (gap > (isinf(max_gap) ? 0.3 * size : max_gap) + 0.5)
			break;
		if (m->bold && !win[last_m]->bold)
			break;
		int aligned = 0;
		for (size_t q = i; q <= last_m && !aligned; q++) {
			if (win[q]->kind != TB_L_MULTI)
				continue;
			for (int s = 0; s < win[q]->nspan; s++)
				if (fabs(win[q]->span[s].x0 - m->x0) <= 2.0)
					aligned = 1;
		}
		if (!aligned)
			break;
		end = k;
	}
	c->wfirst = i;
	c->wlast = end;
	for (size_t k = i; k <= end; k++)
		cand_add(c, win[k]);
	return end + 1;
}

/* "3 Resterande 4 900 tkr ...": a footnote number and its text. */
static int is_footnote(const char *t)
{
	size_t d = 0;
	while (t[d] >= '0' && t[d] <= '9')
		d++;
	return d > 0 && d <= 2 && t[d] == ' ' && tb_first_class(t + d + 1) == 'u';
}

/* The lines of win after index `after` on the same page are footnotes at
 * most: smaller than size, or footnote items. */
static int at_page_foot(tb_line **win, size_t n, size_t after, double size)
{
	long page = win[after]->page;
	for (size_t k = after + 1; k < n && win[k]->page == page; k++) {
		if (win[k]->used)
			continue;
		if (win[k]->size <= 0.93 * size)
			continue;
		if (win[k]->kind == TB_L_LIST && win[k]->size <= size)
			continue;
		if (is_footnote(win[k]->text) && win[k]->size <= size)
			continue;
		return 0;
	}
	return 1;
}

static int at_page_top(tb_line **win, size_t first)
{
	long page = win[first]->page;
	for (size_t k = first; k-- > 0 && win[k]->page == page;)
		if (!win[k]->used)
			return 0;
	return 1;
}

static int continues(tb_line **win, size_t n, const cand *a, const cand *b)
{
	tb_line *la = a->l[a->n - 1], *fb = b->l[0];
	if (fb->page != la->page + 1)
		return 0;
	double sa = tb_median_size(a->l, a->n), sb = tb_median_size(b->l, b->n);
	if (fabs(sa - sb) > 1.0)
		return 0;
	if (!at_page_foot(win, n, a->wlast, sa) || !at_page_top(win, b->wfirst))
		return 0;
	double tol = 0.8 * sa > 4 ? 0.8 * sa : 4;
	return fabs(left_edge(a) - left_edge(b)) <= tol;
}

static size_t win_index(tb_line **win, size_t n, const tb_line *l)
{
	for (size_t i = 0; i < n; i++)
		if (win[i] == l)
			return i;
	return 0;
}

/* A header repeated on the same page starts another table with the same
 * columns (repeated after a page break, it continues the table). Cuts c
 * there, leaving up to three single-span lines above the repeat (its
 * title) to neither; returns the rest as *rest, or 0 when there is none. */
static int split_repeat(tb_line **win, size_t n, cand *c, cand *rest)
{
	size_t nh = tb_header_lines(c->l, c->n);
	if (nh == 0)
		return 0;
	char **hkey = tb_alloc(nh * sizeof *hkey);
	for (size_t q = 0; q < nh; q++)
		hkey[q] = tb_norm_key(c->l[q]->text);
	size_t at = 0;
	for (size_t i = nh + 1; i < c->n && !at; i++) {
		int brk = 0;
		for (size_t b = 0; b < c->nbrk; b++)
			brk |= c->brk[b] == i;
		if (!brk && c->l[i]->page == c->l[i - 1]->page &&
		    tb_repeated_header(c->l + i, c->n - i, hkey, nh))
			at = i;
	}
	for (size_t q = 0; q < nh; q++)
		free(hkey[q]);
	free(hkey);
	if (!at)
		return 0;
	size_t cut = at;
	while (cut > nh + 1 && at - cut < 3 && c->l[cut - 1]->nspan == 1 &&
	       c->l[cut - 1]->page == c->l[at]->page)
		cut--;
	*rest = (cand){ 0 };
	for (size_t i = at; i < c->n; i++)
		cand_add(rest, c->l[i]);
	for (size_t b = 0; b < c->nbrk; b++)
		if (c->brk[b] > at) {
			tb_grow(&rest->brk, &rest->capbrk, rest->nbrk + 1, sizeof *rest->brk);
			rest->brk[rest->nbrk++] = c->brk[b] - at;
		}
	rest->wfirst = win_index(win, n, c->l[at]);
	rest->wlast = c->wlast;
	c->n = cut;
	size_t kb = 0;
	for (size_t b = 0; b < c->nbrk; b++)
		if (c->brk[b] < cut)
			c->brk[kb++] = c->brk[b];
	c->nbrk = kb;
	c->wlast = win_index(win, n, c->l[cut - 1]);
	return 1;
}

size_t tb_detect(tb_line **win, size_t n, int final, tb_table ***out, size_t *nout,
		 size_t *capout)
{
	for (size_t i = 0; i < n; i++)
		tb_classify(win[i]);
	/* runs */
	cand *runs = NULL;
	size_t nruns = 0, capruns = 0;
	for (size_t i = 0; i < n;) {
		tb_line *l = win[i];
		if (l->used || !(l->kind == TB_L_MULTI || (l->kind == TB_L_TEXT && tb_is_header_line(l)))) {
			i++;
			continue;
		}
		tb_grow(&runs, &capruns, nruns + 1, sizeof *runs);
		cand *c = &runs[nruns++];
		*c = (cand){ 0 };
		i = build_run(win, n, i, c);
	}
	/* tables continued over a page break */
	size_t m = 0;
	for (size_t i = 0; i < nruns; i++) {
		if (m > 0 && continues(win, n, &runs[m - 1], &runs[i])) {
			cand *a = &runs[m - 1];
			tb_grow(&a->brk, &a->capbrk, a->nbrk + 1, sizeof *a->brk);
			a->brk[a->nbrk++] = a->n;
			for (size_t k = 0; k < runs[i].n; k++)
				cand_add(a, runs[i].l[k]);
			a->wlast = runs[i].wlast;
			cand_free(&runs[i]);
			continue;
		}
		runs[m++] = runs[i];
	}
	nruns = m;
	if (getenv("PF_TABLES_DEBUG"))
		for (size_t i = 0; i < nruns; i++) {
			fprintf(stderr, "run %zu (final %d):\n", i, final);
			for (size_t k = 0; k < runs[i].n; k++)
				fprintf(stderr, "  %ld/%ld %s\n", runs[i].l[k]->page, runs[i].l[k]->no,
					runs[i].l[k]->text);
		}
	/* a table at the foot of the last page may go on */
	size_t keep = n;
	size_t upto = nruns;
	if (!final && nruns > 0 && n > 0) {
		cand *lastc = &runs[nruns - 1];
		tb_line *ll = lastc->l[lastc->n - 1];
		if (ll->page == win[n - 1]->page &&
		    at_page_foot(win, n, lastc->wlast, tb_median_size(lastc->l, lastc->n))) {
			upto = nruns - 1;
			keep = lastc->wfirst >= 3 ? lastc->wfirst - 3 : 0;
		}
	}
	for (size_t i = 0; i < upto; i++) {
		cand part = runs[i], rest;
		runs[i] = (cand){ 0 };
		for (int more = 1; more;) {
			more = split_repeat(win, n, &part, &rest);
			tb_table *t = tb_build_table(win, n, &part);
			if (t && !tb_split_side_by_side(t, out, nout, capout)) {
				tb_grow(out, capout, *nout + 1, sizeof **out);
				(*out)[(*nout)++] = t;
			}
			cand_free(&part);
			if (more)
				part = rest;
		}
	}
	for (size_t i = 0; i < nruns; i++)
		cand_free(&runs[i]);
	free(runs);
	return keep;
}
