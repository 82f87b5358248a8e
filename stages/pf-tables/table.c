/*
 * One run of lines to a table (steps 4 to 6 of detect.c): the header and
 * its repeats, columns, cells, rows, caption and kind; accept.c says
 * whether the rows are a table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

/*
 * The thresholds of step 6, by the names docs/pf-tables.md quotes (step 8's
 * are in accept.c).
 * Shares are per cent of a count, compared in whole numbers.
 */
/* a column is numeric when this share of its filled body cells are numbers */
#define TB_NUMERIC_COLUMN_PCT 60
/* a last column of single characters filling under this share of the lines
 * is a stamp in the margin */
#define TB_STAMP_COLUMN_PCT 30
/* a single span's ends are looked up this far (pt) inside its box, so that
 * an end on a boundary does not reach into the next column */
#define TB_SPAN_INSET 0.25

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

/* A note under a table of numbers ("Source: | Eurostat. EU Labour | Force
 * Survey"): words in a numeric column and no number in any. */
static int note_row(const trow *r, const int *numeric, int ncol)
{
	if (r->header)
		return 0;
	int words = 0;
	for (int k = 0; k < ncol; k++) {
		if (!numeric[k] || !r->has[k])
			continue;
		const char *x = tb_buf_str(&r->text[k]);
		if (tb_is_numeric(x))
			return 0;
		words++;
	}
	return words > 0;
}

/* Removes the columns of rows[0..nrow) that no row fills, moving the rest
 * left (the vacated slots at the end are left empty, so freeing with the
 * allocated width still works); returns the number of columns kept. */
static int drop_empty_columns(trow *rows, int nrow, int *numeric, int ncol)
{
	int kept = 0;
	for (int k = 0; k < ncol; k++) {
		int filled = 0;
		for (int r = 0; r < nrow && !filled; r++)
			filled = rows[r].has[k];
		if (!filled) {
			for (int r = 0; r < nrow; r++)
				tb_buf_free(&rows[r].text[k]);
			continue;
		}
		if (kept != k) {
			for (int r = 0; r < nrow; r++) {
				trow *x = &rows[r];
				x->text[kept] = x->text[k];
				x->text[k] = (tb_buf){ 0 };
				memcpy(x->box[kept], x->box[k], sizeof x->box[k]);
				x->page[kept] = x->page[k];
				x->has[kept] = x->has[k];
				x->has[k] = 0;
			}
			numeric[kept] = numeric[k];
		}
		kept++;
	}
	return kept;
}

/* ---- one candidate to a table, step by step ---- */

/* The candidate's lines into b->line, the header's repeats left out: after
 * a page break, or over the next part of a table that repeats it. */
static void collect_lines(build *b)
{
	cand *c = b->c;
	size_t nh = tb_header_lines(c->l, c->n);
	char **hkey = tb_alloc((nh + 1) * sizeof *hkey);
	for (size_t i = 0; i < nh; i++)
		hkey[i] = tb_norm_key(c->l[i]->text);
	b->line = tb_alloc((c->n + 1) * sizeof *b->line);
	size_t next_brk = 0;
	int pending_brk = 0;
	for (size_t i = 0; i < c->n; i++) {
		int brk = 0;
		while (next_brk < c->nbrk && c->brk[next_brk] == i) {
			brk = 1;
			next_brk++;
		}
		size_t skip = i >= nh && nh > 0 ? tb_repeated_header(c->l + i, c->n - i, hkey, nh) : 0;
		if (skip > 0) {
			for (size_t q = 0; q < skip; q++)
				c->l[i + q]->used = 1;
			i += skip - 1;
			pending_brk = 1;   /* the next kept line starts the page */
			continue;
		}
		lrow *l = &b->line[b->nline++];
		l->line = c->l[i];
		l->header = i < nh;
		l->brk = brk || pending_brk;
		pending_brk = 0;
	}
	for (size_t i = 0; i < nh; i++)
		free(hkey[i]);
	free(hkey);
}

/* Column boundaries from the body lines of two or more spans (from every
 * such line when fewer than two are body lines). 0: no columns. */
static int find_columns(build *b)
{
	tb_line **multi = tb_alloc((b->nline + 1) * sizeof *multi);
	size_t nm = 0;
	for (size_t i = 0; i < b->nline; i++) {
		b->nmulti += b->line[i].line->nspan >= 2;
		if (b->line[i].line->nspan >= 2 && !b->line[i].header)
			multi[nm++] = b->line[i].line;
	}
	if (nm < 2) {
		nm = 0;
		for (size_t i = 0; i < b->nline; i++)
			if (b->line[i].line->nspan >= 2)
				multi[nm++] = b->line[i].line;
	}
	b->nsep = b->nmulti >= 2 ? tb_find_separators(multi, nm, &b->sep) : 0;
	free(multi);
	b->ncol = b->nsep + 1;
	return b->nsep > 0;
}

/* Cells of the lines of several spans and of header lines; a header line
 * over another last, so that its spans can be set over the columns the
 * lines below give. */
static void fill_multi_span_cells(build *b)
{
	size_t last_h = 0;
	for (size_t i = 0; i < b->nline; i++)
		if (b->line[i].header)
			last_h = i;
	for (size_t i = 0; i < b->nline; i++) {
		lrow *l = &b->line[i];
		l->cell = tb_alloc((size_t)b->ncol * sizeof *l->cell);
		if ((l->line->nspan >= 2 || l->header) && !(l->header && i < last_h))
			tb_fill_cells(l, b->sep, b->nsep, 1);
	}
	for (size_t i = 0; i < last_h; i++)
		if (b->line[i].header)
			fill_upper_header(&b->line[i], b->line, b->nline, last_h, b->sep, b->nsep,
					  b->ncol);
}

/* b->numeric: TB_NUMERIC_COLUMN_PCT of a column's filled body cells are
 * numbers, and one of them is more than a dash. */
static void find_numeric_columns(build *b)
{
	b->numeric = tb_alloc((size_t)b->ncol * sizeof *b->numeric);
	for (int k = 0; k < b->ncol; k++) {
		int num = 0, real = 0, all = 0;
		for (size_t i = 0; i < b->nline; i++) {
			if (b->line[i].header || !b->line[i].cell[k].has)
				continue;
			const char *x = tb_buf_str(&b->line[i].cell[k].text);
			all++;
			if (tb_is_numeric(x)) {
				num++;
				real += !tb_is_dash(x);
			}
		}
		b->numeric[k] = real > 0 && num * 100 >= all * TB_NUMERIC_COLUMN_PCT;
	}
}

/* Span s over several columns is a row of numbers glued together (an OCR
 * row in one span): each split lands near a space, and every piece in a
 * numeric column is a number. */
static int glued_numbers(const build *b, const tb_span *s)
{
	size_t from[TB_MAX_COLUMNS], to[TB_MAX_COLUMNS];
	double px0[TB_MAX_COLUMNS], px1[TB_MAX_COLUMNS];
	int col[TB_MAX_COLUMNS], exact, fits = 1, nums = 0;
	int np = tb_split_span(s, b->sep, b->nsep, from, to, px0, px1, col, &exact);
	for (int p = 0; p < np; p++) {
		char *piece = tb_strndup(s->text + from[p], to[p] - from[p]);
		if (b->numeric[col[p]]) {
			if (tb_is_numeric(piece))
				nums++;
			else
				fits = 0;
		}
		free(piece);
	}
	return exact && fits && nums > 0;
}

/* Single-span body lines: a cell, a cell over columns, or a row of
 * numbers glued together. */
static void fill_single_span_cells(build *b)
{
	for (size_t i = 0; i < b->nline; i++) {
		lrow *l = &b->line[i];
		if (l->line->nspan >= 2 || l->header)
			continue;
		const tb_span *s = &l->line->span[0];
		int a = tb_column_of(b->sep, b->nsep, s->x0 + TB_SPAN_INSET);
		int z = tb_column_of(b->sep, b->nsep, s->x1 - TB_SPAN_INSET);
		if (a == z) {
			tb_fill_cells(l, b->sep, b->nsep, 0);
		} else if (glued_numbers(b, s)) {
			tb_fill_cells(l, b->sep, b->nsep, 1);
		} else {
			/* a cell over the columns it reaches; only one from the
			 * first column makes a row of its own */
			tb_lcell_put(&l->cell[a], s->text, strlen(s->text), s->x0, s->x1, s->y0,
				     s->y1, l->line->page);
			l->spanning = a == 0;
		}
	}
}

/* A last column of single characters in under TB_STAMP_COLUMN_PCT of the
 * lines (a stamp set vertically in the margin) is dropped: b->tcol. */
static void drop_stamp_column(build *b)
{
	int ncol = b->ncol;
	b->tcol = ncol;
	if (ncol <= 2)
		return;
	int filled = 0, single = 1;
	for (size_t i = 0; i < b->nline; i++) {
		lcell *m = &b->line[i].cell[ncol - 1];
		if (!m->has)
			continue;
		filled++;
		single &= tb_utf8_len(m->text.s, m->text.len) <= 1;
	}
	if (single && (size_t)filled * 100 < b->nline * TB_STAMP_COLUMN_PCT) {
		b->tcol = ncol - 1;
		for (size_t i = 0; i < b->nline; i++) {
			tb_buf_free(&b->line[i].cell[ncol - 1].text);
			b->line[i].cell[ncol - 1].has = 0;
		}
	}
}

/* The lines into rows: b->row, b->row_of. */
static void group_rows(build *b)
{
	lrow *line = b->line;
	int ncol = b->ncol;
	double size = tb_median_size(b->c->l, b->c->n);
	double thr = tb_row_gap_threshold(line, b->nline, size);
	trow *rows = b->row = tb_alloc((b->nline + 1) * sizeof *b->row);
	b->row_of = tb_alloc((b->nline + 1) * sizeof *b->row_of);
	b->has_header = b->nline > 0 && line[0].header;
	int nrow = 0;
	for (size_t i = 0; i < b->nline; i++) {
		if (line[i].header && nrow == 1) {
			tb_trow_add(&rows[0], &line[i], ncol);
			b->row_of[i] = 0;
			continue;
		}
		if (nrow > 0 && !line[i].header && !rows[nrow - 1].header &&
		    tb_continues_row(&line[i], &line[i - 1], &rows[nrow - 1], b->numeric, ncol, thr)) {
			tb_trow_add(&rows[nrow - 1], &line[i], ncol);
			b->row_of[i] = nrow - 1;
			continue;
		}
		b->row_of[i] = nrow;
		tb_trow_init(&rows[nrow], ncol);
		rows[nrow].header = line[i].header;
		rows[nrow].spanning = line[i].spanning;
		rows[nrow].rpage = line[i].line->page;
		int label_up = nrow > 0 && !line[i].header && !line[i].spanning && !line[i].brk &&
			       line[i].line->page == line[i - 1].line->page &&
			       tb_label_goes_on(&line[i], &rows[nrow - 1], ncol);
		if (label_up) {
			tb_trow_add_cell(&rows[nrow - 1], &line[i].cell[0], 0);
			line[i].cell[0].has = 0;
		}
		tb_trow_add(&rows[nrow], &line[i], ncol);
		if (label_up)
			line[i].cell[0].has = 1;
		nrow++;
	}
	b->nrow = nrow;
}

/* A cell over all columns after the last row is running text, and so is a
 * line in the first column alone ("Kommunstyrelsen beslutar" under a budget
 * grid) and a note in words under numbers; a column that only the rows left
 * out filled was theirs. */
static void drop_trailing_text(build *b)
{
	int dropped = 0;
	while (b->nrow > 1 && (b->row[b->nrow - 1].spanning ||
			       only_first_cell(&b->row[b->nrow - 1], b->ncol) ||
			       note_row(&b->row[b->nrow - 1], b->numeric, b->ncol))) {
		b->nrow--;
		tb_trow_free(&b->row[b->nrow], b->ncol);
		dropped = 1;
	}
	if (dropped)
		b->tcol = drop_empty_columns(b->row, b->nrow, b->numeric, b->tcol);
}

/* The table of the accepted rows; their lines are marked used. */
static tb_table *make_table(const build *b, tb_line **win, size_t n)
{
	const cand *c = b->c;
	tb_table *t = tb_alloc(sizeof *t);
	t->ncol = b->tcol;
	t->nrow = b->nrow;
	t->has_header = b->has_header;
	t->row = tb_alloc((size_t)b->nrow * sizeof *t->row);
	t->page_start = c->l[0]->page;
	t->page_end = c->l[c->n - 1]->page;
	t->section = tb_strdup(c->l[0]->section);
	for (int r = 0; r < b->nrow; r++) {
		const trow *from = &b->row[r];
		tb_row *tr = &t->row[r];
		tr->cell = tb_alloc((size_t)b->tcol * sizeof *tr->cell);
		tr->header = from->header;
		tr->spanning = from->spanning;
		tr->page = from->rpage;
		for (int k = 0; k < b->tcol; k++) {
			tb_cell *cell = &tr->cell[k];
			cell->text = tb_collapse(tb_strdup(tb_buf_str(&from->text[k])));
			if (from->has[k] && *cell->text) {
				cell->page = from->page[k];
				cell->x0 = from->box[k][0], cell->y0 = from->box[k][1];
				cell->x1 = from->box[k][2], cell->y1 = from->box[k][3];
			}
		}
	}
	for (size_t i = 0; i < b->nline; i++)
		if (b->row_of[i] < b->nrow)
			b->line[i].line->used = 1;
	t->caption = find_caption(win, n, c);
	set_kind(t, b->numeric);
	if (strcmp(t->kind, "allocation") == 0)
		tb_allocations(t);
	return t;
}

static void build_free(build *b)
{
	free(b->row_of);
	for (int r = 0; r < b->nrow; r++)
		tb_trow_free(&b->row[r], b->ncol);
	free(b->row);
	free(b->numeric);
	for (size_t i = 0; i < b->nline; i++) {
		for (int k = 0; k < b->ncol && b->line[i].cell; k++)
			tb_buf_free(&b->line[i].cell[k].text);
		free(b->line[i].cell);
	}
	free(b->sep);
	free(b->line);
}

/* Builds a table from candidate c, or returns NULL when it is not one
 * (docs/pf-tables.md, steps 4 to 8). */
tb_table *tb_build_table(tb_line **win, size_t n, cand *c)
{
	build b = { .c = c };
	tb_table *t = NULL;
	collect_lines(&b);
	if (find_columns(&b)) {
		fill_multi_span_cells(&b);
		find_numeric_columns(&b);
		fill_single_span_cells(&b);
		drop_stamp_column(&b);
		group_rows(&b);
		drop_trailing_text(&b);
		if (tb_is_table(&b))
			t = make_table(&b, win, n);
	}
	build_free(&b);
	return t;
}

/* ---- tables side by side ---- */

static int body_numeric(const tb_table *t, int k)
{
	int num = 0, real = 0, all = 0;
	for (int r = 0; r < t->nrow; r++) {
		const char *x = t->row[r].cell[k].text;
		if (t->row[r].header || !*x)
			continue;
		all++;
		if (tb_is_numeric(x)) {
			num++;
			real += !tb_is_dash(x);
		}
	}
	return real > 0 && num * 5 >= all * 3;
}

/* How many of column k's body texts are also in column 0, in another row
 * (the same labels: "Spain", "Germany" ... in each of three tables set side
 * by side); *filled gets how many k has. */
static int shared_labels(const tb_table *t, int k, int *filled)
{
	int shared = 0;
	*filled = 0;
	for (int r = 0; r < t->nrow; r++) {
		const char *x = t->row[r].cell[k].text;
		if (t->row[r].header || !*x)
			continue;
		(*filled)++;
		for (int q = 0; q < t->nrow; q++)
			if (!t->row[q].header && strcmp(t->row[q].cell[0].text, x) == 0) {
				shared++;
				break;
			}
	}
	return shared;
}

/* Columns [c0, c1) of t as a table of their own; NULL when they hold fewer
 * than two rows. Trailing rows left empty are dropped. */
static tb_table *column_part(const tb_table *t, int c0, int c1)
{
	int nrow = t->nrow;
	for (; nrow > 0; nrow--) {
		int any = 0;
		for (int k = c0; k < c1; k++)
			any |= *t->row[nrow - 1].cell[k].text != '\0';
		if (any)
			break;
	}
	if (nrow < 2)
		return NULL;
	tb_table *p = tb_alloc(sizeof *p);
	p->para_no = t->para_no;
	p->section = tb_strdup(t->section);
	p->ncol = c1 - c0;
	p->nrow = nrow;
	p->has_header = t->has_header;
	p->row = tb_alloc((size_t)nrow * sizeof *p->row);
	p->page_start = p->page_end = 0;
	for (int r = 0; r < nrow; r++) {
		tb_row *d = &p->row[r];
		const tb_row *s = &t->row[r];
		d->header = s->header;
		d->spanning = 0;
		d->page = s->page;
		d->cell = tb_alloc((size_t)p->ncol * sizeof *d->cell);
		for (int k = c0; k < c1; k++) {
			d->cell[k - c0] = s->cell[k];
			d->cell[k - c0].text = tb_strdup(s->cell[k].text);
		}
		if (p->page_start == 0 || s->page < p->page_start)
			p->page_start = s->page;
		if (s->page > p->page_end)
			p->page_end = s->page;
	}
	int *numeric = tb_alloc((size_t)p->ncol * sizeof *numeric);
	for (int k = 0; k < p->ncol; k++)
		numeric[k] = body_numeric(p, k);
	set_kind(p, numeric);
	free(numeric);
	if (strcmp(p->kind, "allocation") == 0)
		tb_allocations(p);
	return p;
}

int tb_split_side_by_side(tb_table *t, tb_table ***out, size_t *nout, size_t *capout)
{
	/* groups of k columns, each a text column of labels shared with the
	 * first column and the values beside it */
	int k = 0;
	if (t->ncol >= 4 && !body_numeric(t, 0))
		for (int j = 2; j <= t->ncol / 2 && !k; j++) {
			int filled, shared = shared_labels(t, j, &filled);
			if (!body_numeric(t, j) && shared >= 3 && shared * 2 >= filled)
				k = j;
		}
	if (!k)
		return 0;
	int groups = 1;
	while ((groups + 1) * k <= t->ncol) {
		int filled, shared = shared_labels(t, groups * k, &filled);
		if (body_numeric(t, groups * k) || shared < 3 || shared * 2 < filled)
			break;
		groups++;
	}
	/* columns after the last group: the group's own when most rows fill
	 * them, else the labels of something beside the tables (a chart) */
	int end = groups * k, body = 0, fill = 0;
	for (int r = 0; r < t->nrow; r++) {
		if (t->row[r].header)
			continue;
		body++;
		for (int c = end; c < t->ncol; c++)
			if (*t->row[r].cell[c].text) {
				fill++;
				break;
			}
	}
	int last_to = fill * 2 >= body ? t->ncol : end;
	for (int g = 0; g < groups; g++) {
		tb_table *p = column_part(t, g * k, g + 1 == groups ? last_to : (g + 1) * k);
		if (!p)
			continue;
		if (g == 0) {
			p->caption = t->caption;
			t->caption = NULL;
		}
		tb_grow(out, capout, *nout + 1, sizeof **out);
		(*out)[(*nout)++] = p;
	}
	tb_table_free(t);
	return 1;
}
