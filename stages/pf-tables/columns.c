/*
 * Columns and the cells of one line (step 4 of detect.c): column
 * boundaries from the channels of white between spans, and a line's spans
 * put into the columns, split at a boundary they cross.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/* ---- columns ---- */

/* Column boundaries from the lines with two or more spans. */
int tb_find_separators(tb_line **ls, size_t n, sep **out)
{
	*out = NULL;
	if (n == 0)
		return 0;
	double xmin = INFINITY, xmax = -INFINITY;
	for (size_t i = 0; i < n; i++)
		for (int s = 0; s < ls[i]->nspan; s++) {
			if (ls[i]->span[s].x0 < xmin)
				xmin = ls[i]->span[s].x0;
			if (ls[i]->span[s].x1 > xmax)
				xmax = ls[i]->span[s].x1;
		}
	if (!(xmax > xmin))
		return 0;
	double step = 0.5;
	if ((xmax - xmin) / step > 8000)
		step = (xmax - xmin) / 8000;
	size_t ncell = (size_t)((xmax - xmin) / step) + 1;
	int *ink = tb_alloc(ncell * sizeof *ink), *gap = tb_alloc(ncell * sizeof *gap);
	/* cell c stands for x = xmin + (c + 0.5) * step */
	for (size_t i = 0; i < n; i++) {
		const tb_line *l = ls[i];
		for (int s = 0; s < l->nspan; s++) {
			long a = (long)ceil((l->span[s].x0 - xmin) / step - 0.5);
			long b = (long)floor((l->span[s].x1 - xmin) / step - 0.5);
			for (long c = a < 0 ? 0 : a; c <= b && c < (long)ncell; c++)
				ink[c]++;
			if (s + 1 == l->nspan)
				continue;
			a = (long)floor((l->span[s].x1 - xmin) / step - 0.5) + 1;
			b = (long)ceil((l->span[s + 1].x0 - xmin) / step - 0.5) - 1;
			for (long c = a < 0 ? 0 : a; c <= b && c < (long)ncell; c++)
				gap[c]++;
		}
	}
	int th_ink = (int)(n / 4);
	int th_gap = n <= 6 ? 2 : (int)ceil(0.15 * (double)n);
	if (th_gap < 2)
		th_gap = 2;
	size_t nsep = 0, cap = 0;
	for (size_t c = 0; c < ncell;) {
		if (!(gap[c] >= 1 && ink[c] <= th_ink)) {
			c++;
			continue;
		}
		size_t e = c;
		int min_ink = ink[c];
		while (e < ncell && gap[e] >= 1 && ink[e] <= th_ink) {
			if (ink[e] < min_ink)
				min_ink = ink[e];
			e++;
		}
		/* the cores: where the ink is least */
		for (size_t k = c; k < e;) {
			if (ink[k] != min_ink) {
				k++;
				continue;
			}
			size_t f = k;
			int maxgap = 0;
			while (f < e && ink[f] == min_ink) {
				if (gap[f] > maxgap)
					maxgap = gap[f];
				f++;
			}
			double a = xmin + (double)k * step, b = xmin + (double)f * step;
			if (maxgap >= th_gap && b - a >= 1.0) {
				tb_grow(out, &cap, nsep + 1, sizeof **out);
				(*out)[nsep++] = (sep){ a, b, (a + b) / 2 };
			}
			k = f;
		}
		c = e;
	}
	free(ink);
	free(gap);
	if (nsep > TB_MAX_COLUMNS - 1)
		nsep = TB_MAX_COLUMNS - 1;
	return (int)nsep;
}

/* ---- cells of one line ---- */

void tb_lcell_put(lcell *c, const char *text, size_t n, double x0, double x1,
		  double y0, double y1, long page)
{
	/* OCR'd rules: a stray "|" at either end of a piece */
	while (n > 0 && (*text == '|' || *text == ' ')) {
		text++;
		n--;
	}
	while (n > 0 && (text[n - 1] == '|' || text[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	if (c->text.len)
		tb_buf_addc(&c->text, ' ');
	tb_buf_add(&c->text, text, n);
	if (!c->has) {
		c->x0 = x0, c->x1 = x1, c->y0 = y0, c->y1 = y1, c->page = page;
		c->has = 1;
		return;
	}
	if (x0 < c->x0)
		c->x0 = x0;
	if (x1 > c->x1)
		c->x1 = x1;
	if (y0 < c->y0)
		c->y0 = y0;
	if (y1 > c->y1)
		c->y1 = y1;
}

int tb_column_of(const sep *sp, int nsep, double x)
{
	int k = 0;
	while (k < nsep && sp[k].c < x)
		k++;
	return k;
}

/* Splits span s at the separators it crosses, at the spaces nearest to
 * them. Fills piece boundaries (byte offsets into s->text) and columns.
 * Returns the number of pieces; `exact` is cleared when a split had no
 * space within two characters of where it should be. */
int tb_split_span(const tb_span *s, const sep *sp, int nsep, size_t *from, size_t *to,
		  double *px0, double *px1, int *col, int *exact)
{
	const char *t = s->text;
	size_t len = strlen(t), nch = tb_utf8_len(t, len);
	double w = s->x1 - s->x0;
	int np = 0;
	size_t start = 0;
	double xs = s->x0;
	*exact = 1;
	int k0 = tb_column_of(sp, nsep, s->x0 + 0.25);
	for (int k = k0; k < nsep && sp[k].c < s->x1 - 0.25; k++) {
		if (nch == 0 || w <= 0)
			break;
		double est = (sp[k].c - s->x0) / w * (double)nch;
		size_t best = (size_t)-1;
		double bestd = INFINITY;
		size_t ci = 0;   /* characters before t[off] */
		for (size_t off = 0; off < len; off++) {
			if (((unsigned char)t[off] & 0xc0) == 0x80)
				continue;
			if (off > start && t[off] == ' ') {
				double d = fabs((double)ci + 0.5 - est);
				if (d < bestd) {
					bestd = d;
					best = off;
				}
			}
			ci++;
		}
		double lim = (double)nch / 4 > 3 ? (double)nch / 4 : 3;
		if (best == (size_t)-1 || bestd > lim)
			continue;   /* no word boundary there: the piece goes on */
		if (bestd > 2)
			*exact = 0;
		double xe = s->x0 + w * (double)tb_utf8_len(t, best) / (double)nch;
		from[np] = start;
		to[np] = best;
		px0[np] = xs;
		px1[np] = xe;
		col[np] = tb_column_of(sp, nsep, (xs + xe) / 2);
		np++;
		start = best + 1;
		xs = s->x0 + w * (double)tb_utf8_len(t, start) / (double)nch;
	}
	if (np == 0)
		*exact = 0;
	from[np] = start;
	to[np] = len;
	px0[np] = xs;
	px1[np] = s->x1;
	col[np] = tb_column_of(sp, nsep, (xs + s->x1) / 2);
	return np + 1;
}

/* Puts line l's spans into cells; split: split spans over boundaries. */
void tb_fill_cells(lrow *r, const sep *sp, int nsep, int split)
{
	tb_line *l = r->line;
	for (int i = 0; i < l->nspan; i++) {
		const tb_span *s = &l->span[i];
		int a = tb_column_of(sp, nsep, s->x0 + 0.25);
		int b = tb_column_of(sp, nsep, s->x1 - 0.25);
		if (a == b || !split) {
			int k = a == b ? a : tb_column_of(sp, nsep, (s->x0 + s->x1) / 2);
			tb_lcell_put(&r->cell[k], s->text, strlen(s->text), s->x0, s->x1, s->y0,
				     s->y1, l->page);
			continue;
		}
		size_t from[TB_MAX_COLUMNS], to[TB_MAX_COLUMNS];
		double px0[TB_MAX_COLUMNS], px1[TB_MAX_COLUMNS];
		int col[TB_MAX_COLUMNS], exact;
		int np = tb_split_span(s, sp, nsep, from, to, px0, px1, col, &exact);
		for (int p = 0; p < np; p++)
			tb_lcell_put(&r->cell[col[p]], s->text + from[p], to[p] - from[p], px0[p],
				     px1[p], s->y0, s->y1, l->page);
	}
}
