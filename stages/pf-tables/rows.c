/*
 * Rows (step 5 of detect.c): the text of a cell over several lines, and
 * which line starts a row and which continues the one above.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/* ---- text of a cell over lines ---- */

static int ends_open(const char *t)
{
	static const char *const words[] = {
		"och", "eller", "samt", "för", "med", "i", "av", "till", "på", "som", "inom",
		"mellan", "vid", "från", "under", "om", "enligt", "inkl", "exkl", "the", "and",
		"of", "for", "in", "to", "og", "til", "ja", "tai", "sekä", NULL
	};
	size_t n = strlen(t);
	if (n == 0)
		return 0;
	char last = t[n - 1];
	if (last == '-' || last == ',' || last == '/' || last == '(' || last == '&')
		return 1;
	const char *w = strrchr(t, ' ');
	w = w ? w + 1 : t;
	char *low = tb_lower(w);
	int open = 0;
	for (const char *const *x = words; *x && !open; x++)
		open = strcmp(low, *x) == 0;
	free(low);
	return open;
}

static int is_conjunction_start(const char *t)
{
	static const char *const words[] = {
		"och", "eller", "samt", "respektive", "resp.", "som", "men", "till", "utan",
		"liksom", "både", "än", NULL
	};
	size_t n = strcspn(t, " ");
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == n && strncmp(*w, t, n) == 0)
			return 1;
	return 0;
}

/* Appends a cell's next line: "Barn-" + "och unga" keeps the space (a
 * suspended compound), "löne-" + "kartläggning" joins. */
static void join_text(tb_buf *b, const char *next)
{
	if (!*next)
		return;
	if (b->len == 0) {
		tb_buf_adds(b, next);
		return;
	}
	char last = b->s[b->len - 1];
	int glue = last == '-' && b->len >= 2 && b->s[b->len - 2] != ' ' &&
		   tb_first_class(next) == 'l' && !is_conjunction_start(next);
	if (!glue)
		tb_buf_addc(b, ' ');
	tb_buf_adds(b, next);
}

/* ---- rows ---- */

void tb_trow_init(trow *r, int ncol)
{
	r->text = tb_alloc((size_t)ncol * sizeof *r->text);
	r->box = tb_alloc((size_t)ncol * sizeof *r->box);
	r->page = tb_alloc((size_t)ncol * sizeof *r->page);
	r->has = tb_alloc((size_t)ncol * sizeof *r->has);
}

void tb_trow_free(trow *r, int ncol)
{
	for (int k = 0; k < ncol; k++)
		tb_buf_free(&r->text[k]);
	free(r->text);
	free(r->box);
	free(r->page);
	free(r->has);
}

void tb_trow_add(trow *r, const lrow *lr, int ncol)
{
	for (int k = 0; k < ncol; k++) {
		const lcell *c = &lr->cell[k];
		if (!c->has)
			continue;
		join_text(&r->text[k], tb_buf_str(&c->text));
		if (!r->has[k]) {
			r->box[k][0] = c->x0, r->box[k][1] = c->y0;
			r->box[k][2] = c->x1, r->box[k][3] = c->y1;
			r->page[k] = c->page;
			r->has[k] = 1;
		} else if (c->page == r->page[k]) {
			if (c->x0 < r->box[k][0])
				r->box[k][0] = c->x0;
			if (c->y0 < r->box[k][1])
				r->box[k][1] = c->y0;
			if (c->x1 > r->box[k][2])
				r->box[k][2] = c->x1;
			if (c->y1 > r->box[k][3])
				r->box[k][3] = c->y1;
		}
	}
}

/* Gap between two lines that separates rows, or NAN when the table's gaps
 * do not fall into a line-spacing and a row-spacing group. */
double tb_row_gap_threshold(const lrow *lr, size_t n, double size)
{
	double *g = tb_alloc((n + 1) * sizeof *g);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		if (lr[i].header || lr[i - 1].header || lr[i].line->page != lr[i - 1].line->page)
			continue;
		g[k++] = tb_line_gap(lr[i - 1].line, lr[i].line);
	}
	double thr = NAN;
	if (k >= 2) {
		qsort(g, k, sizeof *g, tb_cmp_double);
		/* the split with the largest between-group variance */
		double total = 0;
		for (size_t i = 0; i < k; i++)
			total += g[i];
		double best = -1, sum = 0;
		size_t bi = 0;
		for (size_t i = 1; i < k; i++) {
			sum += g[i - 1];
			double m1 = sum / (double)i, m2 = (total - sum) / (double)(k - i);
			double v = (double)i * (double)(k - i) * (m2 - m1) * (m2 - m1);
			if (v > best) {
				best = v;
				bi = i;
			}
		}
		double lo_max = g[bi - 1], hi_min = g[bi];
		double m1 = 0;
		for (size_t i = 0; i < bi; i++)
			m1 += g[i];
		m1 /= (double)bi;
		double need = 0.12 * size > 1.2 ? 0.12 * size : 1.2;
		if (m1 <= 0.35 * size && hi_min - lo_max >= need)
			thr = (lo_max + hi_min) / 2;
	}
	free(g);
	return thr;
}

static int first_col(const lrow *r, int ncol)
{
	for (int k = 0; k < ncol; k++)
		if (r->cell[k].has)
			return k;
	return -1;
}

/* Does line r continue the row built so far (cur)? */
int tb_continues_row(const lrow *r, const lrow *prev, const trow *cur, const int *numeric,
		     int ncol, double thr)
{
	if (r->brk || r->spanning)
		return 0;
	if (r->line->page != prev->line->page)
		return 0;
	/* a second number in a numeric cell: a new row */
	for (int k = 0; k < ncol; k++)
		if (numeric[k] && r->cell[k].has && cur->has[k] &&
		    tb_is_numeric(tb_buf_str(&r->cell[k].text)))
			return 0;
	int fc = first_col(r, ncol);
	if (fc < 0)
		return 1;
	double gap = tb_line_gap(prev->line, r->line);
	if (cur->spanning) {
		/* a long first cell wrapped ("… på Svalbard og" over "Jan Mayen |
		 * 0 | 2"), not a group label over the next row */
		if (fc != 0 || (!isnan(thr) && gap > thr))
			return 0;
		return tb_first_class(tb_buf_str(&r->cell[0].text)) == 'l' ||
		       ends_open(tb_buf_str(&cur->text[0]));
	}
	/* a cell of the line above reaches well down beside this line (set in
	 * the middle of a row of two lines): the same row */
	if (r->line->y0 - prev->line->y1 < -0.25 * r->line->size)
		return 1;
	if (!isnan(thr))
		return gap <= thr;
	/* no two groups of gaps: read the text */
	const char *t = tb_buf_str(&r->cell[fc].text);
	if (cur->has[fc]) {
		if (tb_first_class(t) == 'l')
			return 1;
		if (ends_open(tb_buf_str(&cur->text[fc])))
			return 1;
	}
	if (!r->cell[0].has && cur->has[0]) {
		for (int k = 0; k < ncol; k++)
			if (r->cell[k].has && tb_is_numeric(tb_buf_str(&r->cell[k].text)))
				return 0;
		return 1;
	}
	return 0;
}
