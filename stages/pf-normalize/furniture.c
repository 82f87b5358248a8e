/*
 * Page furniture: running headers and footers, page numbers and the
 * signature row. Found by position and repetition, not by a word list:
 * a line near the top or bottom of a page whose text (digits masked)
 * comes back at about the same height on a neighbouring page is furniture.
 * Page numbers and the signature row are also recognised on their own, so
 * that a one-page document loses its footer too. A § heading never is
 * furniture (lib/heading.h), nor a label that runs on into the text below
 * it. On OCR'd pages a running header also takes the logo specks above it.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heading.h"
#include "normalize.h"

#define BAND 0.20          /* top and bottom share of the page looked at */
#define MAX_MASKED 160     /* bytes of masked text compared */
#define STRONG_REPEATS 2   /* pages a running header comes back on to carry the lines before it */
#define RUN_ON_GAP 0.5     /* a gap below this share of the size: lines of one text */
#define RUN_ON_SIZE 1.0    /* pt: sizes this close: the same text */

static int in_band(const nz_page *pg, const nz_line *l)
{
	return l->y1 <= BAND * pg->height || l->y0 >= (1 - BAND) * pg->height;
}

/* Lower-cased text with every short digit run (a page number) replaced by
 * "#", spaces dropped: "Sida 4(54)" and "Sida 12(54)" look the same, but
 * "Dnr 24RS1759" and "Dnr 23RS13078" do not. */
static size_t mask(const nz_line *l, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < l->nspan; i++) {
		for (const char *p = l->span[i].text; *p && o < MAX_MASKED; p++) {
			size_t run = 0;
			while (g_ascii_isdigit(p[run]))
				run++;
			if (run > 0 && run <= 3) {
				out[o++] = '#';
				p += run - 1;
			} else if (run > 3) {
				for (size_t k = 0; k < run && o < MAX_MASKED; k++)
					out[o++] = p[k];
				p += run - 1;
			} else if (*p != ' ') {
				out[o++] = (char)g_ascii_tolower(*p);
			}
		}
	}
	out[o] = '\0';
	return o;
}

/* Edit distance of two short byte strings, for OCR'd furniture that comes
 * out a little different on every page. */
static size_t byte_distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[MAX_MASKED + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
		}
	}
	return row[nb];
}

static int similar(const char *a, size_t na, const char *b, size_t nb)
{
	if (na == 0 || nb == 0)
		return 0;
	size_t longer = na > nb ? na : nb, diff = na > nb ? na - nb : nb - na;
	size_t allowed = longer / 8;
	if (diff > allowed)
		return 0;
	return allowed == 0 ? strcmp(a, b) == 0 : byte_distance(a, na, b, nb) <= allowed;
}

/* "Sida 4(54)", "Sida 4 av 54", "4(22)", "4 (22)", "4/22", "- 4 -", or the
 * page's own number alone. */
static int is_page_number(const nz_line *l, long page)
{
	if (l->nspan != 1)
		return 0;
	const char *p = l->span[0].text;
	int prefixed = 1;
	if (g_ascii_strncasecmp(p, "sida ", 5) == 0 || g_ascii_strncasecmp(p, "page ", 5) == 0)
		p += 5;
	else if (g_ascii_strncasecmp(p, "sid ", 4) == 0)
		p += 4;
	else
		prefixed = 0;
	int dash = *p == '-';
	if (dash) {
		p++;
		if (*p == ' ')
			p++;
	}
	char *end;
	long n = strtol(p, &end, 10);
	if (end == p)
		return 0;
	p = end;
	if (!*p)
		return prefixed || n == page;
	if (dash)
		return strcmp(p, " -") == 0 || strcmp(p, "-") == 0;
	while (*p == ' ')
		p++;
	if (*p == '(' || *p == '/') {
		p++;
	} else if (strncmp(p, "av ", 3) == 0 || strncmp(p, "of ", 3) == 0) {
		p += 3;
	} else {
		return 0;
	}
	while (*p == ' ')
		p++;
	strtol(p, &end, 10);
	if (end == p)
		return 0;
	p = end;
	while (*p == ' ')
		p++;
	return *p == '\0' || strcmp(p, ")") == 0;
}

/* The signature row: "Ordförandens sign | Justerandens sign | Exp den |
 * Utdragsbestyrkande", in any order and split, at the foot of the page. */
static int is_signature_row(const nz_line *l)
{
	static const char *const words[] = {
		"Ordförandens sign", "Justerandens sign", "Justerandes sign",
		"Utdragsbestyrkande", "Exp den", "Sekreterarens sign", NULL
	};
	int hits = 0;
	char *text = nz_line_text(l);
	for (const char *const *w = words; *w; w++)
		hits += strstr(text, *w) != NULL;
	g_free(text);
	return hits >= 2;
}

/* On how many of the neighbouring pages does the line's text (page numbers
 * masked) come back at about the same height? */
static int repeats(const nz_page *pg, const nz_line *l, nz_page *const *others, size_t nothers)
{
	char a[MAX_MASKED + 1], b[MAX_MASKED + 1];
	size_t na = mask(l, a);
	double tol = fmax(6.0, 0.02 * pg->height);
	int count = 0;
	for (size_t k = 0; k < nothers; k++) {
		const nz_page *o = others[k];
		if (!o)
			continue;
		for (size_t i = 0; i < o->nline; i++) {
			const nz_line *m = o->line[i];
			if (!in_band(o, m) || fabs(m->y0 - l->y0) > tol)
				continue;
			size_t nb = mask(m, b);
			if (similar(a, na, b, nb)) {
				count++;
				break;
			}
		}
	}
	return count;
}

/* A line the § heading rule reads ("§ 35", "KS § 12 Title", "13 §") is
 * never furniture: where every § starts a page of its own, its heading sits
 * at the same height on every page with a number that changes, just like
 * a running header with a page number. pf-segment tells a heading from a
 * running header that repeats one by their order. */
static int is_heading(const nz_line *l)
{
	char *text = nz_line_text(l);
	pf_heading h;
	int yes = pf_parse_heading(text, &h);
	g_free(text);
	return yes;
}

/* Why a line is furniture: on its own (a page number, the signature row),
 * by repetition, or carried by a running header below it (skipped). */
enum { NOT_FURNITURE, BY_ITSELF, BY_REPETITION, SKIPPED };

static int qualifies(nz_page *pg, const nz_line *l, int bottom, nz_page *const *others, size_t nothers)
{
	if (l->furniture)
		return BY_ITSELF;
	if (is_heading(l))
		return NOT_FURNITURE;
	if (is_page_number(l, pg->no) || (bottom && is_signature_row(l)))
		return BY_ITSELF;
	return repeats(pg, l, others, nothers) > 0 ? BY_REPETITION : NOT_FURNITURE;
}

static int by_y0(const void *a, const void *b)
{
	const nz_line *x = *(nz_line *const *)a, *y = *(nz_line *const *)b;
	return (x->y0 > y->y0) - (x->y0 < y->y0);
}

/* The page's lines ordered from one edge inwards: from the top, or with
 * bottom from the foot. */
typedef struct edge {
	nz_page *pg;
	nz_line **by;      /* sorted by y0 */
	size_t n;
	int bottom;
	nz_page *const *others;
	size_t nothers;
} edge;

static nz_line *at(const edge *e, size_t k)
{
	return e->bottom ? e->by[e->n - 1 - k] : e->by[k];
}

static int in_edge_band(const edge *e, size_t k)
{
	if (k >= e->n)
		return 0;
	const nz_line *l = at(e, k);
	return e->bottom ? l->y0 >= (1 - BAND) * e->pg->height : l->y1 <= BAND * e->pg->height;
}

/* The vertical gap between f (nearer the edge) and g (inwards of it). */
static double gap_between(const edge *e, const nz_line *f, const nz_line *g)
{
	return e->bottom ? f->y0 - g->y1 : g->y0 - f->y1;
}

/* Does the line hold a letter or a digit (not a rule drawn with "____")? */
static int has_text(const nz_line *l)
{
	for (size_t i = 0; i < l->nspan; i++)
		for (const char *p = l->span[i].text; *p; p = g_utf8_next_char(p))
			if (g_unichar_isalnum(g_utf8_get_char(p)))
				return 1;
	return 0;
}

/* Does the text go on from f (nearer the edge) into g: the next line
 * inwards, with letters, at the text's own line spacing, left edge and
 * size? Then f starts (or ends) the text, whatever the neighbouring pages
 * show: two pages that start with the same label are not furniture. */
static int runs_on(const edge *e, const nz_line *f, const nz_line *g)
{
	double size = fmax(f->size, g->size);
	return has_text(g) && gap_between(e, f, g) < RUN_ON_GAP * size &&
	       fabs(f->size - g->size) <= RUN_ON_SIZE && fabs(f->x0 - g->x0) <= size;
}

/* On an OCR'd page: the nearest line beyond the k-th (inwards, in the band,
 * no § heading on the way) that comes back on STRONG_REPEATS neighbouring
 * pages and stands apart from the lines before it, or 0. OCR reads a logo
 * above a running header as letters that differ from page to page; on a
 * born-digital page a logo has no text. */
static size_t strong_beyond(const edge *e, size_t k)
{
	if (!e->pg->ocr)
		return 0;
	for (size_t j = k; in_edge_band(e, j); j++) {
		const nz_line *l = at(e, j);
		if (is_heading(l))
			return 0;
		if (j > k && gap_between(e, at(e, j - 1), l) >= RUN_ON_GAP * l->size &&
		    repeats(e->pg, l, e->others, e->nothers) >= STRONG_REPEATS)
			return j;
	}
	return 0;
}

/* Marks the furniture at one edge of the page. Going inwards, lines are
 * furniture until the first one that is not; a line that is not can still
 * be, when a running header that comes back on STRONG_REPEATS pages lies
 * beyond it (OCR reads a logo above the header as letters that differ from
 * page to page). Then, from the innermost outwards, a line found by
 * repetition that runs on into the text below it is text after all. */
static void mark_edge(const edge *e)
{
	unsigned char *why = g_new0(unsigned char, e->n + 1);
	size_t k = 0;
	while (in_edge_band(e, k)) {
		why[k] = (unsigned char)qualifies(e->pg, at(e, k), e->bottom, e->others, e->nothers);
		if (why[k] != NOT_FURNITURE) {
			k++;
			continue;
		}
		size_t s = strong_beyond(e, k);
		if (s == 0)
			break;
		while (k < s)
			why[k++] = SKIPPED;
	}
	while (k > 0 && k < e->n && why[k - 1] != BY_ITSELF && runs_on(e, at(e, k - 1), at(e, k)))
		k--;
	for (size_t j = 0; j < k; j++)
		at(e, j)->furniture = 1;
	g_free(why);
}

/* Furniture sits at the edges: going down from the top of the page (and up
 * from the foot), lines are furniture until the first one that is not. A
 * label that comes back at the same height on every page ("Diarienummer:"
 * under each § heading on a page of its own) has text above it, so it is
 * not taken for a running header. */
void nz_mark_furniture(nz_page *pg, nz_page *const *others, size_t nothers)
{
	nz_line **by = g_new(nz_line *, pg->nline + 1);
	size_t n = 0;
	for (size_t i = 0; i < pg->nline; i++)
		if (pg->line[i]->nspan > 0 && !pg->line[i]->dropped)
			by[n++] = pg->line[i];
	qsort(by, n, sizeof *by, by_y0);
	edge top = { pg, by, n, 0, others, nothers }, foot = top;
	foot.bottom = 1;
	mark_edge(&top);
	mark_edge(&foot);
	g_free(by);
}
