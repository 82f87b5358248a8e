/*
 * Characters -> tokens -> lines -> spans (docs/pf-pdftext.md, "Lines and
 * spans"). Pure geometry: nothing here knows about poppler.
 *
 * poppler's own text order cannot be trusted on table pages (it merges some
 * rows with no separator and splits others into column blocks), so lines are
 * rebuilt from the character boxes alone:
 *
 *  1. tokens: runs of characters, broken at white space and wherever the next
 *     character moves vertically, steps back or jumps forward;
 *  2. lines: tokens sorted by the bottom of their box (baseline + descent)
 *     and grouped while they sit on the same baseline or overlap enough;
 *  3. spans: each line, in x order, split where the gap between two tokens
 *     is much wider than this page's word space, or at an OCR'd table rule.
 */
#include <math.h>
#include <string.h>

#include "pdftext.h"
#include "records.h"

/* Token breaks, in em of the larger of the two characters. */
#define BREAK_DY 0.30      /* the next character moves this much vertically */
#define BREAK_BACK 0.05    /* ... starts this much left of the previous one */
#define BREAK_JUMP 0.15    /* ... starts this far right of the previous end */

/* Line grouping: same baseline within this many em, or vertical overlap of
 * at least this share of the smaller box. */
#define LINE_DY 0.25
#define LINE_OVERLAP 0.60

/* Word-space estimate: the median gap (in em) over gaps in this range; with
 * fewer samples than WS_MIN_SAMPLES the fallback for the page's kind. */
#define WS_LO 0.05
#define WS_HI 1.30
#define WS_MIN_SAMPLES 8
#define WS_FALLBACK_DIGITAL 0.28
#define WS_FALLBACK_OCR 0.75

/* Span splits, in em (s is the word space): always above
 * max(SPLIT_FACTOR s, s + SPLIT_ADD); from min(ALIGN_FACTOR s, s + ALIGN_ADD)
 * on when ALIGN_LINES other lines at most ALIGN_NEAR lines away have a column
 * edge within ALIGN_TOL points (ALIGN_TOL_OCR on OCR pages, whose word boxes
 * jitter by a pixel or two). */
#define SPLIT_FACTOR 2.5
#define SPLIT_ADD 0.35
#define ALIGN_FACTOR 1.8
#define ALIGN_ADD 0.25
#define ALIGN_TOL 0.5
#define ALIGN_TOL_OCR 1.0
#define ALIGN_LINES 2
#define ALIGN_NEAR 8
#define ALIGN_SCAN_MAX 1024

/* A line is justified prose, and never splits, when it has at least
 * JUSTIFIED_GAPS gaps and the widest is at most JUSTIFIED_RATIO times the
 * narrowest. */
#define JUSTIFIED_GAPS 3
#define JUSTIFIED_RATIO 1.2

/* A run of characters that belong together: a word, or a piece of one. */
typedef struct token {
	double x0, y0, x1, y1;
	double size;        /* the size most of its characters have */
	size_t text, len;   /* its UTF-8 text in the page's buffer */
	size_t seq;         /* position in text order */
	unsigned nchar, nbold, nitalic;
	unsigned bar : 1;   /* an OCR'd table rule "|": a column boundary */
	unsigned glued : 1; /* no white space before it in text order */
} token;

/* The most common of a few values, each with a weight. Values beyond the
 * first TALLY_MAX distinct ones are ignored: they cannot be the mode of a
 * token, and hardly of a line. */
#define TALLY_MAX 8
typedef struct tally {
	double v[TALLY_MAX];
	unsigned long w[TALLY_MAX];
	int k;
} tally;

static void tally_add(tally *t, double v, unsigned long w)
{
	for (int j = 0; j < t->k; j++) {
		if (fabs(t->v[j] - v) < 0.005) {
			t->w[j] += w;
			return;
		}
	}
	if (t->k < TALLY_MAX) {
		t->v[t->k] = v;
		t->w[t->k++] = w;
	}
}

/* The value with the largest weight; a tie goes to the larger value. */
static double tally_mode(const tally *t)
{
	int best = 0;
	for (int j = 1; j < t->k; j++)
		if (t->w[j] > t->w[best] || (t->w[j] == t->w[best] && t->v[j] > t->v[best]))
			best = j;
	return t->k ? t->v[best] : 0;
}

/* Does character b start a new token after a? */
static int breaks(const pt_char *a, const pt_char *b)
{
	double em = fmax(a->size, b->size);
	return fabs(b->y1 - a->y1) > BREAK_DY * em ||
	       b->x0 < a->x0 - BREAK_BACK * em ||
	       b->x0 - a->x1 > BREAK_JUMP * em;
}

/* Is the token's text only dashes (hyphen, figure/en/em dash, minus)? */
static int only_dashes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '-') {
			i++;
		} else if (i + 3 <= n && (unsigned char)s[i] == 0xe2 &&
			   (((unsigned char)s[i + 1] == 0x80 &&
			     (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x95) ||
			    ((unsigned char)s[i + 1] == 0x88 && (unsigned char)s[i + 2] == 0x92))) {
			i += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

static int is_bar(const char *s, size_t n)
{
	return (n == 1 && s[0] == '|') || (n == 3 && memcmp(s, "\xe2\x94\x82", 3) == 0);
}

/* OCR confuses the hyphen with the en dash (and reads "–-" or "—" for
 * either); the width of the word box it drew does not: a hyphen's ink is
 * about 0.15 em wide, an en dash's about 0.28 em. A word that is nothing but
 * dashes is re-read from that width. */
#define DASH_EN_EM 0.21

static void reread_dash(token *t, GString *buf)
{
	double em = t->size > 0 ? t->size : t->y1 - t->y0;
	t->text = buf->len;
	g_string_append(buf, t->x1 - t->x0 >= DASH_EN_EM * em ? "\xe2\x80\x93" : "-");
	t->len = buf->len - t->text;
}

/* Splits the characters into tokens; their text goes into buf. On an OCR
 * page a lone "|" is a table rule, not text. */
static token *build_tokens(const pt_page *pg, int ocr, GString *buf, size_t *ntok)
{
	token *tok = g_new(token, pg->n ? pg->n : 1);
	size_t nt = 0;
	const pt_char *prev = NULL;
	int after_space = 1;
	tally sizes = { .k = 0 };
	token *t = NULL;

	for (size_t i = 0; i < pg->n; i++) {
		const pt_char *c = &pg->ch[i];
		if (c->c == ' ') {
			after_space = 1;
			prev = NULL;
			continue;
		}
		if (!prev || breaks(prev, c)) {
			if (t)
				t->size = tally_mode(&sizes);
			t = &tok[nt];
			*t = (token){ .x0 = c->x0, .y0 = c->y0, .x1 = c->x1, .y1 = c->y1,
				      .text = buf->len, .seq = nt,
				      .glued = nt > 0 && !after_space };
			nt++;
			sizes.k = 0;
		}
		t->x0 = fmin(t->x0, c->x0);
		t->y0 = fmin(t->y0, c->y0);
		t->x1 = fmax(t->x1, c->x1);
		t->y1 = fmax(t->y1, c->y1);
		g_string_append_unichar(buf, c->c);
		t->len = buf->len - t->text;
		t->nchar++;
		t->nbold += (c->flags & PT_BOLD) != 0;
		t->nitalic += (c->flags & PT_ITALIC) != 0;
		tally_add(&sizes, c->size, 1);
		after_space = 0;
		prev = c;
	}
	if (t)
		t->size = tally_mode(&sizes);
	for (size_t i = 0; ocr && i < nt; i++) {
		tok[i].bar = is_bar(buf->str + tok[i].text, tok[i].len);
		if (tok[i].nchar <= 2 && only_dashes(buf->str + tok[i].text, tok[i].len))
			reread_dash(&tok[i], buf);
	}
	*ntok = nt;
	return tok;
}

/* qsort needs the token array: sorting is single-threaded, so a static is
 * enough. */
static const token *sort_tok;

static int by_bottom(const void *a, const void *b)
{
	const token *s = &sort_tok[*(const size_t *)a], *t = &sort_tok[*(const size_t *)b];
	if (s->y1 != t->y1)
		return s->y1 < t->y1 ? -1 : 1;
	if (s->x0 != t->x0)
		return s->x0 < t->x0 ? -1 : 1;
	return s->seq < t->seq ? -1 : s->seq > t->seq;
}

static int by_x(const void *a, const void *b)
{
	const token *s = &sort_tok[*(const size_t *)a], *t = &sort_tok[*(const size_t *)b];
	if (s->x0 != t->x0)
		return s->x0 < t->x0 ? -1 : 1;
	return s->seq < t->seq ? -1 : s->seq > t->seq;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Does token t belong on the line of token s, the one just above it? */
static int same_line(const token *s, const token *t)
{
	double em = fmax(s->size, t->size);
	if (fabs(t->y1 - s->y1) < LINE_DY * em)
		return 1;
	double hs = s->y1 - s->y0, ht = t->y1 - t->y0;
	double overlap = fmin(s->y1, t->y1) - fmax(s->y0, t->y0);
	return hs > 0 && ht > 0 && overlap >= LINE_OVERLAP * fmin(hs, ht);
}

/* Is b the continuation of a word a, with no space between them? */
static int glued(const token *a, const token *b)
{
	return b->glued && b->seq == a->seq + 1 &&
	       b->x0 - a->x1 <= BREAK_JUMP * fmax(a->size, b->size);
}

/* Gap between two x-adjacent tokens in em of their mean size. */
static double gap_em(const token *a, const token *b)
{
	return (b->x0 - a->x1) / ((a->size + b->size) / 2);
}

/* The page's word space in em: the median of the ordinary-looking gaps
 * between neighbouring tokens (docs/pf-pdftext.md). */
static double word_space(const token *tok, const size_t *ord, const size_t *line_start,
			 size_t nline, int ocr)
{
	GArray *gaps = g_array_new(FALSE, FALSE, sizeof(double));
	for (size_t l = 0; l < nline; l++) {
		for (size_t k = line_start[l] + 1; k < line_start[l + 1]; k++) {
			const token *a = &tok[ord[k - 1]], *b = &tok[ord[k]];
			if (a->bar || b->bar || glued(a, b))
				continue;
			double g = gap_em(a, b);
			if (g >= WS_LO && g <= WS_HI)
				g_array_append_val(gaps, g);
		}
	}
	double s = ocr ? WS_FALLBACK_OCR : WS_FALLBACK_DIGITAL;
	if (gaps->len >= WS_MIN_SAMPLES) {
		qsort(gaps->data, gaps->len, sizeof(double), cmp_double);
		s = g_array_index(gaps, double, (gaps->len - 1) / 2);
	}
	g_array_free(gaps, TRUE);
	return s;
}

/* A place on the page where a token starts (left edge) or ends (right
 * edge) next to a wide gap, on line `line`. */
typedef struct edge {
	double x;
	size_t line;
} edge;

static int cmp_edge(const void *a, const void *b)
{
	double x = ((const edge *)a)->x, y = ((const edge *)b)->x;
	return x < y ? -1 : x > y;
}

/* Do at least ALIGN_LINES other lines, no more than ALIGN_NEAR lines away,
 * have an edge within tol points of x? */
static int aligned(const GArray *edges, double x, size_t line, double tol)
{
	const edge *e = (const edge *)(const void *)edges->data;
	size_t lo = 0, hi = edges->len, count = 0;
	while (lo < hi) { /* the first edge at x - tol or right of it */
		size_t mid = lo + (hi - lo) / 2;
		if (e[mid].x < x - tol)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < edges->len && e[i].x <= x + tol; i++) {
		/* that many edges at one x are a column, whatever the lines;
		 * the cap keeps a hostile page from making this quadratic */
		if (i - lo >= ALIGN_SCAN_MAX)
			return 1;
		count += e[i].line != line &&
			 (e[i].line > line ? e[i].line - line : line - e[i].line) <= ALIGN_NEAR;
	}
	return count >= ALIGN_LINES;
}

/* Has the token a letter or digit (digits_only: a digit)? */
static int has_alnum(const token *t, const GString *buf, int digits_only)
{
	const char *p = buf->str + t->text, *end = p + t->len;
	for (; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (digits_only ? g_unichar_isdigit(c) : g_unichar_isalnum(c))
			return 1;
	}
	return 0;
}

/* Does the line look like justified prose: at least JUSTIFIED_GAPS gaps,
 * all within JUSTIFIED_RATIO of each other, between tokens mostly of
 * letters? A stretched line of a justified paragraph can have every gap
 * above the split threshold; a table row hardly has equal gaps except
 * between numbers of one width. */
static int justified(const token *tok, const GString *buf, const size_t *ord,
		     size_t from, size_t to)
{
	double lo = INFINITY, hi = 0;
	size_t gaps = 0, words = 0, n = to - from;
	for (size_t k = from; k < to; k++) {
		const token *t = &tok[ord[k]];
		if (t->bar)
			return 0;
		if (g_unichar_isalpha(g_utf8_get_char(buf->str + t->text)))
			words++;
		if (k == from || glued(&tok[ord[k - 1]], t))
			continue;
		double g = gap_em(&tok[ord[k - 1]], t);
		lo = fmin(lo, g);
		hi = fmax(hi, g);
		gaps++;
	}
	return gaps >= JUSTIFIED_GAPS && lo > 0 && hi <= JUSTIFIED_RATIO * lo && 2 * words > n;
}

/*
 * Decides where lines split into spans: cut[k] is set when a span starts at
 * token ord[k]. A gap splits when it is wider than max(2.5 s, s + 0.35) em
 * (s the page's word space), or, from min(1.8 s, s + 0.25) em on, when a
 * column edge supports it: the token after the gap starts, or the one before
 * it ends, where tokens next to wide gaps start or end on two other lines
 * nearby too. Both tokens must have a letter or digit (lone brackets of
 * "[ ]" check boxes line up too), and a right edge counts only after a
 * number (ragged prose ends line up by chance). That is a table column
 * whose cell padding is narrower than the first rule needs (LibreOffice's
 * default padding makes a 0.66 em gap at 9 pt, 2.4 s). On a scan, OCR boxes
 * hug the ink, which adds the side bearings (about 0.5 em) to every gap:
 * s is about 0.8 and the same padding 1.3 em, 1.6 s; hence s + 0.25 there.
 * A line of justified prose, whose equal gaps can all be wide, does not
 * split at all.
 */
static void mark_cuts(const token *tok, const GString *buf, const size_t *ord,
		      const size_t *line_start, size_t nline, double s, int ocr,
		      unsigned char *cut)
{
	double split_em = fmax(SPLIT_FACTOR * s, s + SPLIT_ADD);
	double align_em = fmin(ALIGN_FACTOR * s, s + ALIGN_ADD);
	double tol = ocr ? ALIGN_TOL_OCR : ALIGN_TOL;
	GArray *left = g_array_new(FALSE, FALSE, sizeof(edge));
	GArray *right = g_array_new(FALSE, FALSE, sizeof(edge));

	for (size_t l = 0; l < nline; l++) {
		size_t from = line_start[l], to = line_start[l + 1];
		if (justified(tok, buf, ord, from, to))
			continue;
		for (size_t k = from + 1; k < to; k++) {
			const token *a = &tok[ord[k - 1]], *b = &tok[ord[k]];
			/* next to a table rule is a column edge too */
			if (a->bar && !b->bar) {
				edge el = { b->x0, l };
				g_array_append_val(left, el);
			} else if (b->bar && !a->bar) {
				edge er = { a->x1, l };
				g_array_append_val(right, er);
			}
			if (a->bar || b->bar || glued(a, b))
				continue;
			double g = gap_em(a, b);
			if (g > split_em)
				cut[k] = 1;
			if (g >= align_em) {
				edge el = { b->x0, l }, er = { a->x1, l };
				g_array_append_val(left, el);
				g_array_append_val(right, er);
			}
		}
	}
	if (left->len > 1)
		qsort(left->data, left->len, sizeof(edge), cmp_edge);
	if (right->len > 1)
		qsort(right->data, right->len, sizeof(edge), cmp_edge);

	for (size_t l = 0; l < nline; l++) {
		for (size_t k = line_start[l] + 1; k < line_start[l + 1]; k++) {
			const token *a = &tok[ord[k - 1]], *b = &tok[ord[k]];
			if (cut[k] || a->bar || b->bar || glued(a, b) || gap_em(a, b) < align_em ||
			    !has_alnum(a, buf, 0) || !has_alnum(b, buf, 0))
				continue;
			cut[k] = aligned(left, b->x0, l, tol) ||
				 (has_alnum(a, buf, 1) && aligned(right, a->x1, l, tol));
		}
	}
	g_array_free(left, TRUE);
	g_array_free(right, TRUE);
}

typedef struct span {
	double x0, x1;
	size_t text, len; /* in the line's span buffer */
} span;

/* Writes the line made of tokens ord[from, to), a new span wherever cut[k]
 * is set; returns 1, or 0 when the line held nothing but table rules. */
static int write_line(pf_writer *w, const char *doc_id, long page_no, long line_no,
		      const token *tok, const GString *buf, const size_t *ord,
		      size_t from, size_t to, const unsigned char *cut, GArray *spans,
		      GString *stext, GString *ltext, long *nclipped)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	unsigned long nchar = 0, nbold = 0, nitalic = 0;
	tally sizes = { .k = 0 };
	const token *last = NULL;
	span *cur = NULL;

	g_array_set_size(spans, 0);
	g_string_truncate(stext, 0);
	for (size_t k = from; k < to; k++) {
		const token *t = &tok[ord[k]];
		if (t->bar) {
			cur = NULL; /* a column boundary: the next token opens a span */
			continue;
		}
		/* The text of a line stops at PT_MAX_LINE_BYTES, at a character
		 * boundary: the next stages refuse a record of 16 MiB, and hold
		 * lines. With this token and the space or span break before it,
		 * the line's text (ltext) has at most stext + spans + n bytes. */
		size_t n = t->len, used = stext->len + spans->len;
		int clipped = used + n > PT_MAX_LINE_BYTES;
		if (clipped) {
			n = used < PT_MAX_LINE_BYTES ? PT_MAX_LINE_BYTES - used : 0;
			while (n > 0 && ((unsigned char)buf->str[t->text + n] & 0xC0) == 0x80)
				n--;
			(*nclipped)++;
			if (n == 0)
				break;
		}
		x0 = fmin(x0, t->x0);
		y0 = fmin(y0, t->y0);
		x1 = fmax(x1, t->x1);
		y1 = fmax(y1, t->y1);
		nchar += t->nchar;
		nbold += t->nbold;
		nitalic += t->nitalic;
		tally_add(&sizes, t->size, t->nchar);
		if (cut[k])
			cur = NULL;
		if (!cur) {
			g_array_set_size(spans, spans->len + 1);
			cur = &g_array_index(spans, span, spans->len - 1);
			*cur = (span){ .x0 = t->x0, .x1 = t->x1, .text = stext->len };
		} else if (!glued(last, t)) {
			g_string_append_c(stext, ' ');
		}
		g_string_append_len(stext, buf->str + t->text, (gssize)n);
		cur->x1 = fmax(cur->x1, t->x1);
		cur->len = stext->len - cur->text;
		last = t;
		if (clipped)
			break;
	}
	if (spans->len == 0)
		return 0;

	g_string_truncate(ltext, 0);
	for (guint i = 0; i < spans->len; i++) {
		const span *s = &g_array_index(spans, span, i);
		if (i)
			g_string_append_c(ltext, ' ');
		g_string_append_len(ltext, stext->str + s->text, (gssize)s->len);
	}

	pf_begin(w, PF_LINE);
	pf_put_str(w, doc_id);
	pf_put_long(w, page_no);
	pf_put_long(w, line_no);
	pf_put_coord(w, x0);
	pf_put_coord(w, y0);
	pf_put_coord(w, x1);
	pf_put_coord(w, y1);
	pf_put_coord(w, tally_mode(&sizes));
	pf_put_long(w, 2 * nbold > nchar);
	pf_put_long(w, 2 * nitalic > nchar);
	pf_put_strn(w, ltext->str, ltext->len);
	for (guint i = 0; i < spans->len; i++) {
		const span *s = &g_array_index(spans, span, i);
		pf_put_coord(w, s->x0);
		pf_put_coord(w, s->x1);
		pf_put_strn(w, stext->str + s->text, s->len);
	}
	pf_end(w);
	return 1;
}

/* Groups the tokens into lines and spans and writes the line records;
 * returns how many were written. */
static long write_tokens(pf_writer *w, const char *doc_id, long page_no, const token *tok,
			 size_t nt, const GString *buf, int ocr, long *nclipped)
{
	long written = 0;

	/* Group into lines: ord[line_start[l], line_start[l + 1]) is line l. */
	size_t *ord = g_new(size_t, nt);
	size_t *line_start = g_new(size_t, nt + 1);
	size_t nline = 0;
	for (size_t i = 0; i < nt; i++)
		ord[i] = i;
	sort_tok = tok;
	qsort(ord, nt, sizeof *ord, by_bottom);
	line_start[nline++] = 0;
	/* Each token is compared with the one before it in bottom order, not
	 * with the line's first: on a slightly rotated scan a line's bottom
	 * drifts across the page, and OCR jitter moves single words. */
	for (size_t k = 1; k < nt; k++)
		if (!same_line(&tok[ord[k - 1]], &tok[ord[k]]))
			line_start[nline++] = k;
	line_start[nline] = nt;
	for (size_t l = 0; l < nline; l++)
		qsort(ord + line_start[l], line_start[l + 1] - line_start[l], sizeof *ord, by_x);
	sort_tok = NULL;

	double s = word_space(tok, ord, line_start, nline, ocr);
	unsigned char *cut = g_new0(unsigned char, nt);
	mark_cuts(tok, buf, ord, line_start, nline, s, ocr, cut);

	GArray *spans = g_array_new(FALSE, FALSE, sizeof(span));
	GString *stext = g_string_new(NULL), *ltext = g_string_new(NULL);
	for (size_t l = 0; l < nline; l++)
		written += write_line(w, doc_id, page_no, written + 1, tok, buf, ord,
				      line_start[l], line_start[l + 1], cut, spans, stext,
				      ltext, nclipped);
	g_array_free(spans, TRUE);
	g_string_free(stext, TRUE);
	g_string_free(ltext, TRUE);
	g_free(cut);
	g_free(ord);
	g_free(line_start);
	return written;
}

long pt_write_lines(pf_writer *w, const char *doc_id, long page_no,
		    const pt_page *pg, int ocr, long *nclipped)
{
	GString *buf = g_string_sized_new(pg->n + 16);
	size_t nt;
	token *tok = build_tokens(pg, ocr, buf, &nt);
	*nclipped = 0;
	long written = nt ? write_tokens(w, doc_id, page_no, tok, nt, buf, ocr, nclipped) : 0;
	g_free(tok);
	g_string_free(buf, TRUE);
	return written;
}
