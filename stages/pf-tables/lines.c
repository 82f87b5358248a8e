/*
 * Lines: a line record's spans, one visual line from its pieces (step 1 of
 * detect.c), and what kind of line it is (text, several spans, list item,
 * caption, heading, a header of column names).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tables.h"

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
	if (n != 3 || !tb_all_digits(t, 3))
		return 0;
	/* a must end in digits only, b is groups of three */
	for (const char *p = t; *p;) {
		size_t k = strcspn(p, " ");
		if (k != 3 || !tb_all_digits(p, 3))
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

double tb_median_size(tb_line **l, size_t n)
{
	double *s = tb_alloc((n + 1) * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = l[i]->size;
	qsort(s, n, sizeof *s, tb_cmp_double);
	double m = n ? s[n / 2] : 10;
	free(s);
	return m > 0 ? m : 10;
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

void tb_classify(tb_line *l)
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

int tb_line_has_number(const tb_line *l)
{
	for (int i = 0; i < l->nspan; i++)
		if (tb_is_numeric(l->span[i].text) && !tb_is_dash(l->span[i].text))
			return 1;
	return 0;
}

/* "2024": a year, in a header the name of a column. */
static int is_year(const char *t)
{
	return strlen(t) == 4 && tb_all_digits(t, 4) && (t[0] == '1' || t[0] == '2') &&
	       (strncmp(t, "19", 2) == 0 || strncmp(t, "20", 2) == 0);
}

/* A number after the first span ("1000€" may label the label column): 1;
 * 2 when the numbers are all years ("2024" over "Kostnader | Intäkter" may
 * name columns); 0 none. */
int tb_number_after_label(const tb_line *l)
{
	int years = 0;
	for (int i = 1; i < l->nspan; i++)
		if (tb_is_numeric(l->span[i].text)) {
			if (!is_year(l->span[i].text))
				return 1;
			years = 1;
		}
	return years ? 2 : 0;
}

/* The white between line p and the line l under it: between spans one over
 * the other where there are such, so that a cell set in the middle of its
 * row (merged into the line beside it, step 1) does not make the gap under
 * that line look negative. */
double tb_line_gap(const tb_line *p, const tb_line *l)
{
	double gap = INFINITY;
	for (int i = 0; i < p->nspan; i++)
		for (int j = 0; j < l->nspan; j++) {
			const tb_span *a = &p->span[i], *b = &l->span[j];
			if (b->x0 < a->x1 && b->x1 > a->x0 && b->y0 - a->y1 < gap)
				gap = b->y0 - a->y1;
		}
	return isinf(gap) ? l->y0 - p->y1 : gap;
}

/* Words that name a column. */
static const char *const header_words[] = {
	"summa", "kr", "tkr", "mnkr", "mkr", "kommentar", "kommentarer", "mottagare",
	"belopp", "anmärkning", "indikator", "utfall", "målnivå", "målvärde", "namn",
	"typ", "antal", "andel", "budget", "prognos", "avvikelse", "kostnad", "kostnader",
	"intäkter", "beskrivning", "åtgärd", "ansvarig", "totalt", "amount", "total", "name",
	"description", "år", "avsändare", "ämne", "ärende", NULL
};

/* A header line: column names, no numbers ("Summa kr Kommentar"). */
int tb_is_header_line(const tb_line *l)
{
	size_t n = strlen(l->text);
	if (n == 0 || n > 90 || l->text[n - 1] == '.' || tb_line_has_number(l))
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
