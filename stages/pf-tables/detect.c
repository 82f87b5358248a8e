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
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

enum { TB_L_TEXT, TB_L_MULTI, TB_L_LIST, TB_L_CAPTION, TB_L_HEADING };

/* ---- lines ---- */

void tb_line_free(tb_line *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->nspan; i++)
		free(l->span[i].text);
	free(l->span);
	free(l->text);
	free(l->section);
	free(l);
}

void tb_line_refresh(tb_line *l)
{
	tb_buf b = { 0 };
	for (int i = 0; i < l->nspan; i++) {
		if (i)
			tb_buf_addc(&b, ' ');
		tb_buf_adds(&b, l->span[i].text);
	}
	free(l->text);
	l->text = tb_strdup(tb_buf_str(&b));
	tb_buf_free(&b);
	if (l->nspan > 0) {
		l->x0 = l->span[0].x0;
		l->x1 = l->span[l->nspan - 1].x1;
	}
}

static int cmp_span(const void *a, const void *b)
{
	const tb_span *s = a, *t = b;
	return (s->x0 > t->x0) - (s->x0 < t->x0);
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* "1750" + "000" from two OCR pieces of one line: one number. */
static int number_fragments(const tb_span *a, const tb_span *b, double size)
{
	size_t la = strlen(a->text);
	if (a->src == b->src || la == 0 || a->text[la - 1] < '0' || a->text[la - 1] > '9')
		return 0;
	if (b->x0 - a->x1 > 1.2 * size || b->x0 < a->x1 - 1)
		return 0;
	const char *t = b->text;
	size_t n = strcspn(t, " ");
	if (n != 3 || !all_digits(t, 3))
		return 0;
	/* a must end in digits only, b is groups of three */
	for (const char *p = t; *p;) {
		size_t k = strcspn(p, " ");
		if (k != 3 || !all_digits(p, 3))
			return 0;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 1;
}

static int same_visual_line(const tb_line *p, const tb_line *l)
{
	if (p->page != l->page || p->nsrc >= 6)
		return 0;
	double hp = p->y1 - p->y0, hl = l->y1 - l->y0;
	double h = hp < hl ? hp : hl;
	double ov = (p->y1 < l->y1 ? p->y1 : l->y1) - (p->y0 > l->y0 ? p->y0 : l->y0);
	if (h <= 0 || ov < 0.4 * h)
		return 0;
	for (int i = 0; i < p->nspan; i++)
		for (int j = 0; j < l->nspan; j++)
			if (l->span[j].x0 < p->span[i].x1 + 1 && l->span[j].x1 > p->span[i].x0 - 1)
				return 0;
	return 1;
}

void tb_window_add(tb_line ***win, size_t *n, size_t *cap, tb_line *l)
{
	if (*n > 0) {
		tb_line *p = (*win)[*n - 1];
		if (same_visual_line(p, l)) {
			int src = p->nsrc;
			p->span = tb_realloc(p->span, (size_t)(p->nspan + l->nspan) * sizeof *p->span);
			for (int j = 0; j < l->nspan; j++) {
				p->span[p->nspan] = l->span[j];
				p->span[p->nspan++].src = src;
			}
			l->nspan = 0;
			qsort(p->span, (size_t)p->nspan, sizeof *p->span, cmp_span);
			/* join OCR number pieces */
			for (int i = 0; i + 1 < p->nspan; i++) {
				if (!number_fragments(&p->span[i], &p->span[i + 1], p->size))
					continue;
				tb_buf b = { 0 };
				tb_buf_adds(&b, p->span[i].text);
				tb_buf_addc(&b, ' ');
				tb_buf_adds(&b, p->span[i + 1].text);
				free(p->span[i].text);
				free(p->span[i + 1].text);
				p->span[i].text = tb_strdup(tb_buf_str(&b));
				tb_buf_free(&b);
				p->span[i].x1 = p->span[i + 1].x1;
				if (p->span[i + 1].y0 < p->span[i].y0)
					p->span[i].y0 = p->span[i + 1].y0;
				if (p->span[i + 1].y1 > p->span[i].y1)
					p->span[i].y1 = p->span[i + 1].y1;
				memmove(&p->span[i + 1], &p->span[i + 2],
					(size_t)(p->nspan - i - 2) * sizeof *p->span);
				p->nspan--;
				i--;
			}
			if (l->y0 < p->y0)
				p->y0 = l->y0;
			if (l->y1 > p->y1)
				p->y1 = l->y1;
			if (l->size > p->size)
				p->size = l->size;
			p->nsrc++;
			tb_line_refresh(p);
			tb_line_free(l);
			return;
		}
	}
	tb_grow(win, cap, *n + 1, sizeof **win);
	(*win)[(*n)++] = l;
}

/* ---- line kinds ---- */

static int is_list_marker(const char *t, const tb_line *l)
{
	static const char *const bullets[] = {
		"\u2022", "\u25cf", "\u25cb", "\u25e6", "\u25aa", "\u25a0", "\u25a1", "\u2023",
		"-", "\u2013", "\u2014", "*", "o", "\u00b7", "\u2043", "\u27a2", "\u2713",
		"\u2714", "\u2192", ">", "\u00bb", "\uf0b7", "\uf0a7", "\uf0d8", NULL
	};
	for (const char *const *b = bullets; *b; b++)
		if (strcmp(t, *b) == 0)
			return 1;
	/* "1.", "2)", "a)", "(3)"; a footnote number "3" before its text */
	size_t n = strlen(t);
	const char *p = t;
	if (*p == '(')
		p++;
	size_t d = 0;
	while (p[d] >= '0' && p[d] <= '9')
		d++;
	if (d == 0 && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		d = 1;
	if (d == 0 || d > 2 || n > 4)
		return 0;
	const char *rest = p + d;
	if ((*rest == '.' || *rest == ')') && !rest[1])
		return l->nspan == 2;
	/* a bare number before text: a footnote */
	if (!*rest && p == t && p[0] >= '0' && p[0] <= '9' && l->nspan == 2)
		return tb_first_class(l->span[1].text) == 'u';
	return 0;
}

static int is_caption(const char *text)
{
	static const char *const words[] = { "tabell ", "table ", "taulukko ", "tabel ", "tab. ", NULL };
	for (const char *const *w = words; *w; w++) {
		if (tb_starts_with_ci(text, *w)) {
			const char *p = text + strlen(*w);
			return *p >= '0' && *p <= '9';
		}
	}
	return 0;
}

static int is_heading(const char *t)
{
	if (strncmp(t, "\u00a7", 2) == 0)
		return t[2] == ' ' || (t[2] >= '0' && t[2] <= '9');
	size_t d = 0;
	while (t[d] >= '0' && t[d] <= '9')
		d++;
	return d > 0 && d < 6 && strncmp(t + d, " \u00a7", 3) == 0;
}

static void classify(tb_line *l)
{
	if (l->nspan >= 2 && is_list_marker(l->span[0].text, l))
		l->kind = TB_L_LIST;
	else if (l->nspan >= 1 && (strncmp(l->text, "\u2022 ", 4) == 0 ||
				   strncmp(l->text, "\uf0b7 ", 4) == 0))
		l->kind = TB_L_LIST;
	else if (is_caption(l->text))
		l->kind = TB_L_CAPTION;
	else if (is_heading(l->text))
		l->kind = TB_L_HEADING;
	else if (l->nspan >= 2)
		l->kind = TB_L_MULTI;
	else
		l->kind = TB_L_TEXT;
}

static int line_has_number(const tb_line *l)
{
	for (int i = 0; i < l->nspan; i++)
		if (tb_is_numeric(l->span[i].text) && !tb_is_dash(l->span[i].text))
			return 1;
	return 0;
}

/* A number after the first span ("1000€" may label the label column). */
static int number_after_label(const tb_line *l)
{
	for (int i = 1; i < l->nspan; i++)
		if (tb_is_numeric(l->span[i].text))
			return 1;
	return 0;
}

/* Words that name a column. */
static const char *const header_words[] = {
	"summa", "kr", "tkr", "mnkr", "mkr", "kommentar", "kommentarer", "mottagare",
	"belopp", "anmärkning", "indikator", "utfall", "målnivå", "målvärde", "namn",
	"typ", "antal", "andel", "budget", "prognos", "avvikelse", "kostnad", "kostnader",
	"intäkter", "beskrivning", "åtgärd", "ansvarig", "totalt", "amount", "total", "name",
	"description", "år", NULL
};

/* A header line: column names, no numbers ("Summa kr Kommentar"). */
static int is_header_line(const tb_line *l)
{
	size_t n = strlen(l->text);
	if (n == 0 || n > 90 || l->text[n - 1] == '.' || line_has_number(l))
		return 0;
	char *low = tb_lower(l->text);
	int hits = 0, words = 1;
	for (const char *const *w = header_words; *w; w++)
		hits += tb_has_word(low, *w);
	for (const char *p = low; *p; p++)
		words += *p == ' ';
	free(low);
	if (l->nspan >= 2) {
		/* column names are short: not two columns of running text */
		for (int i = 0; i < l->nspan; i++) {
			int w = 1;
			for (const char *p = l->span[i].text; *p; p++)
				w += *p == ' ';
			if (w > 6)
				return 0;
		}
		return hits >= 1;
	}
	/* one span: mostly column names, not a title that names a few */
	return hits >= 2 && words <= 2 * hits + 1;
}

/* ---- runs ---- */

typedef struct cand {
	tb_line **l;
	size_t n, cap;
	size_t wfirst, wlast;    /* window indices of the first and last line */
	size_t *brk;             /* indices into l where a new page begins */
	size_t nbrk, capbrk;
} cand;

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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median_size(tb_line **l, size_t n)
{
	double *s = tb_alloc((n + 1) * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = l[i]->size;
	qsort(s, n, sizeof *s, cmp_double);
	double m = n ? s[n / 2] : 10;
	free(s);
	return m > 0 ? m : 10;
}

/* Left edge of a run: the leftmost span of its body lines (header lines
 * may leave the first column empty). */
static double left_edge(const cand *c)
{
	double x = INFINITY;
	for (size_t i = 0; i < c->n; i++)
		if (c->l[i]->kind == TB_L_MULTI && !is_header_line(c->l[i]) && c->l[i]->x0 < x)
			x = c->l[i]->x0;
	if (isinf(x))
		for (size_t i = 0; i < c->n; i++)
			if (c->l[i]->x0 < x)
				x = c->l[i]->x0;
	return x;
}

/* Builds the run that starts at win[i]; returns the index after it. */
static size_t build_run(tb_line **win, size_t n, size_t i, cand *c)
{
	tb_line *first = win[i];
	double size = first->size > 0 ? first->size : 10;
	double minx = (first->kind == TB_L_MULTI && !is_header_line(first)) ? first->x0 : INFINITY;
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
		if (m->kind == TB_L_MULTI || is_header_line(m)) {
			if (m->kind == TB_L_MULTI && !is_header_line(m) && m->x0 < minx)
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
	double sa = median_size(a->l, a->n), sb = median_size(b->l, b->n);
	if (fabs(sa - sb) > 1.0)
		return 0;
	if (!at_page_foot(win, n, a->wlast, sa) || !at_page_top(win, b->wfirst))
		return 0;
	double tol = 0.8 * sa > 4 ? 0.8 * sa : 4;
	return fabs(left_edge(a) - left_edge(b)) <= tol;
}

/* ---- columns ---- */

typedef struct sep {
	double a, b, c;   /* the channel and its centre */
} sep;

/* Column boundaries from the lines with two or more spans. */
static int find_separators(tb_line **ls, size_t n, sep **out)
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
	if (nsep > 63)
		nsep = 63;
	return (int)nsep;
}

/* ---- cells of one line ---- */

typedef struct lcell {
	tb_buf text;
	int has;
	double x0, y0, x1, y1;
	long page;
} lcell;

typedef struct lrow {
	tb_line *line;
	lcell *cell;          /* ncol */
	int spanning;         /* one cell over columns [0, ncol) */
	int header;
	int brk;              /* first line after a page break */
} lrow;

static void lcell_put(lcell *c, const char *text, size_t n, double x0, double x1,
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

static int column_of(const sep *sp, int nsep, double x)
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
static int split_span(const tb_span *s, const sep *sp, int nsep, size_t *from, size_t *to,
		      double *px0, double *px1, int *col, int *exact)
{
	const char *t = s->text;
	size_t len = strlen(t), nch = tb_utf8_len(t, len);
	double w = s->x1 - s->x0;
	int np = 0;
	size_t start = 0;
	double xs = s->x0;
	*exact = 1;
	int k0 = column_of(sp, nsep, s->x0 + 0.25);
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
		col[np] = column_of(sp, nsep, (xs + xe) / 2);
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
	col[np] = column_of(sp, nsep, (xs + s->x1) / 2);
	return np + 1;
}

/* Puts line l's spans into cells; split: split spans over boundaries. */
static void fill_cells(lrow *r, const sep *sp, int nsep, int split)
{
	tb_line *l = r->line;
	for (int i = 0; i < l->nspan; i++) {
		const tb_span *s = &l->span[i];
		int a = column_of(sp, nsep, s->x0 + 0.25), b = column_of(sp, nsep, s->x1 - 0.25);
		if (a == b || !split) {
			int k = a == b ? a : column_of(sp, nsep, (s->x0 + s->x1) / 2);
			lcell_put(&r->cell[k], s->text, strlen(s->text), s->x0, s->x1, s->y0,
				  s->y1, l->page);
			continue;
		}
		size_t from[64], to[64];
		double px0[64], px1[64];
		int col[64], exact;
		int np = split_span(s, sp, nsep, from, to, px0, px1, col, &exact);
		for (int p = 0; p < np; p++)
			lcell_put(&r->cell[col[p]], s->text + from[p], to[p] - from[p], px0[p],
				  px1[p], s->y0, s->y1, l->page);
	}
}

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

typedef struct trow {
	tb_buf *text;        /* ncol */
	double (*box)[4];
	long *page;
	int *has;
	int header, spanning;
	long rpage;
} trow;

static void trow_init(trow *r, int ncol)
{
	r->text = tb_alloc((size_t)ncol * sizeof *r->text);
	r->box = tb_alloc((size_t)ncol * sizeof *r->box);
	r->page = tb_alloc((size_t)ncol * sizeof *r->page);
	r->has = tb_alloc((size_t)ncol * sizeof *r->has);
}

static void trow_free(trow *r, int ncol)
{
	for (int k = 0; k < ncol; k++)
		tb_buf_free(&r->text[k]);
	free(r->text);
	free(r->box);
	free(r->page);
	free(r->has);
}

static void trow_add(trow *r, const lrow *lr, int ncol)
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
static double row_gap_threshold(const lrow *lr, size_t n, double size)
{
	double *g = tb_alloc((n + 1) * sizeof *g);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		if (lr[i].header || lr[i - 1].header || lr[i].line->page != lr[i - 1].line->page)
			continue;
		g[k++] = lr[i].line->y0 - lr[i - 1].line->y1;
	}
	double thr = NAN;
	if (k >= 2) {
		qsort(g, k, sizeof *g, cmp_double);
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
static int continues_row(const lrow *r, const lrow *prev, const trow *cur, const int *numeric,
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
	double gap = r->line->y0 - prev->line->y1;
	if (cur->spanning) {
		/* a long first cell wrapped ("… på Svalbard og" over "Jan Mayen |
		 * 0 | 2"), not a group label over the next row */
		if (fc != 0 || (!isnan(thr) && gap > thr))
			return 0;
		return tb_first_class(tb_buf_str(&r->cell[0].text)) == 'l' ||
		       ends_open(tb_buf_str(&cur->text[0]));
	}
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

static char *norm_key(const char *s)
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
static size_t header_lines(tb_line **l, size_t n)
{
	if (n < 3)
		return 0;
	size_t h = 0;
	if (l[0]->bold) {
		size_t nb = 0;
		/* bold lines; one with a number only as a wrapped header cell
		 * ("Målnivå" over "2026"), set as close as lines of one cell */
		while (h < n && h < 3 && l[h]->bold &&
		       (!line_has_number(l[h]) ||
			(h > 0 && l[h]->page == l[h - 1]->page &&
			 l[h]->y0 - l[h - 1]->y1 <= 0.3 * l[h]->size)))
			h++;
		for (size_t i = h; i < n; i++)
			nb += l[i]->bold;
		if (h > 0 && h < n && nb * 2 < n - h)
			return h;
		h = 0;
	}
	if (is_header_line(l[0])) {
		h = 1;
		while (h < n && h < 3 && !line_has_number(l[h]) && l[h]->page == l[0]->page &&
		       l[h]->y0 - l[h - 1]->y1 <= 0.3 * l[0]->size && l[h]->kind != TB_L_LIST &&
		       l[h]->nspan == 1)
			h++;
		return h;
	}
	/* column names over numbers: lines of several spans without a number */
	size_t withnum = 0;
	for (size_t i = 0; i < n; i++)
		withnum += line_has_number(l[i]);
	if (withnum * 3 < n)
		return 0;
	while (h < n && h < 4 && l[h]->nspan >= 2 && !number_after_label(l[h]))
		h++;
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
static size_t repeated_header(tb_line **l, size_t n, char **hkey, size_t nh)
{
	tb_buf want = { 0 }, got = { 0 };
	for (size_t q = 0; q < nh; q++)
		tb_buf_adds(&want, hkey[q]);
	size_t found = 0;
	for (size_t k = 0; k < n && k < 4; k++) {
		char *key = norm_key(l[k]->text);
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

/* Builds a table from candidate c, or returns NULL when it is not one. */
static tb_table *build_table(tb_line **win, size_t n, cand *c)
{
	/* the header, then repeated headers after page breaks dropped */
	size_t nh = header_lines(c->l, c->n);
	char **hkey = tb_alloc((nh + 1) * sizeof *hkey);
	for (size_t i = 0; i < nh; i++)
		hkey[i] = norm_key(c->l[i]->text);
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
		size_t skip = i >= nh && nh > 0 ? repeated_header(c->l + i, c->n - i, hkey, nh) : 0;
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
	int nsep = nmulti >= 2 ? find_separators(ml, nm, &sp) : 0;
	free(ml);
	int ncol = nsep + 1;
	tb_table *t = NULL;
	if (nsep == 0)
		goto done;

	/* cells: lines of several spans and header lines first */
	for (size_t i = 0; i < nl; i++) {
		lr[i].cell = tb_alloc((size_t)ncol * sizeof *lr[i].cell);
		if (lr[i].line->nspan >= 2 || lr[i].header)
			fill_cells(&lr[i], sp, nsep, 1);
	}
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
		int a = column_of(sp, nsep, s->x0 + 0.25), z = column_of(sp, nsep, s->x1 - 0.25);
		if (a == z) {
			fill_cells(&lr[i], sp, nsep, 0);
			continue;
		}
		size_t from[64], to[64];
		double px0[64], px1[64];
		int col[64], exact, fits = 1, nums = 0;
		int np = split_span(s, sp, nsep, from, to, px0, px1, col, &exact);
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
			fill_cells(&lr[i], sp, nsep, 1);
		} else {
			/* a cell over the columns it reaches; only one from the
			 * first column makes a row of its own */
			lcell_put(&lr[i].cell[a], s->text, strlen(s->text), s->x0, s->x1, s->y0,
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
	double size = median_size(c->l, c->n);
	double thr = row_gap_threshold(lr, nl, size);
	trow *rows = tb_alloc((nl + 1) * sizeof *rows);
	int nrow = 0;
	int has_header = nl > 0 && lr[0].header;
	int *row_of = tb_alloc((nl + 1) * sizeof *row_of);
	for (size_t i = 0; i < nl; i++) {
		if (lr[i].header && nrow == 1) {
			trow_add(&rows[0], &lr[i], ncol);
			row_of[i] = 0;
			continue;
		}
		if (nrow > 0 && !lr[i].header && !rows[nrow - 1].header &&
		    continues_row(&lr[i], &lr[i - 1], &rows[nrow - 1], numeric, ncol, thr)) {
			trow_add(&rows[nrow - 1], &lr[i], ncol);
			row_of[i] = nrow - 1;
			continue;
		}
		row_of[i] = nrow;
		trow_init(&rows[nrow], ncol);
		rows[nrow].header = lr[i].header;
		rows[nrow].spanning = lr[i].spanning;
		rows[nrow].rpage = lr[i].line->page;
		trow_add(&rows[nrow], &lr[i], ncol);
		nrow++;
	}

	/* a cell over all columns after the last row is running text */
	while (nrow > 1 && rows[nrow - 1].spanning) {
		nrow--;
		trow_free(&rows[nrow], ncol);
	}

	/* acceptance */
	int ok = nmulti >= 2 && tcol >= 2 && nrow >= 3;
	/* text of a drawing: the first column mostly one or two characters */
	int short0 = 0, all0 = 0, steps = 0, prev = -1;
	for (int r = 0; r < nrow; r++) {
		if (!rows[r].has[0] || rows[r].header)
			continue;
		const char *x = tb_buf_str(&rows[r].text[0]);
		all0++;
		short0 += tb_utf8_len(x, strlen(x)) <= 2;
		/* row numbers 1, 2, 3 ... are short and fine */
		int v = all_digits(x, strlen(x)) && strlen(x) <= 4 ? atoi(x) : -2;
		steps += prev >= 0 && v == prev + 1;
		prev = v;
	}
	if (all0 > 0 && short0 * 2 >= all0 && steps * 10 < (all0 - 1) * 7)
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
		int vocab = has_header && is_header_line(c->l[0]);
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
		trow_free(&rows[r], ncol);
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
	size_t nh = header_lines(c->l, c->n);
	if (nh == 0)
		return 0;
	char **hkey = tb_alloc(nh * sizeof *hkey);
	for (size_t q = 0; q < nh; q++)
		hkey[q] = norm_key(c->l[q]->text);
	size_t at = 0;
	for (size_t i = nh + 1; i < c->n && !at; i++) {
		int brk = 0;
		for (size_t b = 0; b < c->nbrk; b++)
			brk |= c->brk[b] == i;
		if (!brk && c->l[i]->page == c->l[i - 1]->page &&
		    repeated_header(c->l + i, c->n - i, hkey, nh))
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
		classify(win[i]);
	/* runs */
	cand *runs = NULL;
	size_t nruns = 0, capruns = 0;
	for (size_t i = 0; i < n;) {
		tb_line *l = win[i];
		if (l->used || !(l->kind == TB_L_MULTI || (l->kind == TB_L_TEXT && is_header_line(l)))) {
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
		    at_page_foot(win, n, lastc->wlast, median_size(lastc->l, lastc->n))) {
			upto = nruns - 1;
			keep = lastc->wfirst >= 3 ? lastc->wfirst - 3 : 0;
		}
	}
	for (size_t i = 0; i < upto; i++) {
		cand part = runs[i], rest;
		runs[i] = (cand){ 0 };
		for (int more = 1; more;) {
			more = split_repeat(win, n, &part, &rest);
			tb_table *t = build_table(win, n, &part);
			if (t) {
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
