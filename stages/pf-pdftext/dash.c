/*
 * Hyphen or en dash inside a word of a scan's OCR text ("JANUARI-APRIL"
 * for a printed "JANUARI–APRIL"): tesseract writes a hyphen for either,
 * and the text cannot tell them apart (the same protocols print
 * "januari-augusti" and "2022-2023" with real hyphens). The pixels can: a
 * dash's ink is a thin bar at half the x-height, and an en dash's is about
 * twice as wide as a hyphen's (docs/pf-pdftext.md, "Dashes on scans").
 *
 * In the word's box in the scan, a dash's columns are those whose ink lies
 * only in one thin band above the baseline; letters' columns have ink
 * elsewhere too. The runs of such columns are the word's dashes, in order;
 * where there are as many as the word has dashes, each hyphen between two
 * letters or digits whose run is an en dash's wide becomes "–". Anything
 * less clean (no run, a run too many, a run that touches letters on both
 * sides) leaves the text as it is.
 */
#include <math.h>
#include <stdlib.h>

#include "pdftext.h"

/* Measured on the zoo's and the fixtures' scans (200 dpi, 1 bit, skewed and
 * noised; the width of the run of dash columns over the font size of the
 * OCR layer): 520 hyphens at 0.16 to 0.32 em, 78 en dashes at 0.34 to
 * 0.65 em (0.38 and up but for one). */
#define DASH_EN_MIN_EM 0.36
/* A dash column's ink is at most this tall (and 2 pixels at least). */
#define DASH_THIN_EM 0.15
/* A dash's middle lies this far above the baseline (a hyphen's and an en
 * dash's are at 0.11 to 0.30 em; a capital H's bar is higher). */
#define DASH_LIFT_MIN_EM 0.10
#define DASH_LIFT_MAX_EM 0.40
/* Rows looked at: from the baseline up by this; above the cap height, not
 * up to the descenders of the line above. */
#define DASH_BAND_EM 0.75
/* The columns of one dash have their middles this close (skew and noise
 * shift them a pixel or so). */
#define DASH_STEP_EM 0.05
/* Narrower runs are a letter's stroke (the bar of a "4" past its stem). */
#define DASH_MIN_EM 0.15
/* The word's box is widened by this many of its characters' widths on the
 * left and right: an OCR layer's letters share the box of the word and the
 * space after it (ocr.c), so the ink runs on past the last letter's box. */
#define DASH_WIDEN_LEFT 0.5
#define DASH_WIDEN_RIGHT 1.0
/* Too few pixels to an em to tell 0.3 em from 0.5, and more than a word. */
#define DASH_MIN_EM_PX 12.0
#define DASH_MAX_COLUMNS 4096
#define DASH_MAX_RUNS 16
/* Characters of one word: baselines and the gap between them within this. */
#define DASH_SAME_LINE_EM 0.3

/* Hyphens, dashes and the minus sign: what a dash's ink may have been
 * read as. */
static int is_dash(gunichar c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static int digits(const pt_char *ch, size_t k, size_t n)
{
	for (size_t m = k; m < k + n; m++)
		if (ch[m].c < '0' || ch[m].c > '9')
			return 0;
	return 1;
}

/* Is ch[k] a hyphen of an ISO date, "2025-03-20", which has no en dash?
 * Every page's header has one: not measuring them spares decoding the
 * image of most pages. */
static int date_hyphen(const pt_char *ch, size_t i, size_t j, size_t k)
{
	for (size_t s = k >= i + 7 ? k - 7 : i; s <= k - 4 && s + 10 <= j; s++)
		if ((k == s + 4 || k == s + 7) && (s == i || !g_unichar_isalnum(ch[s - 1].c)) &&
		    digits(ch, s, 4) && ch[s + 4].c == '-' && digits(ch, s + 5, 2) &&
		    ch[s + 7].c == '-' && digits(ch, s + 8, 2) &&
		    (s + 10 == j || !g_unichar_isalnum(ch[s + 10].c)))
			return 1;
	return 0;
}

/* A hyphen between two letters or digits of one word, not of a date. */
static int inner_hyphen(const pt_char *ch, size_t i, size_t j, size_t k)
{
	return ch[k].c == '-' && k > i && k + 1 < j && g_unichar_isalnum(ch[k - 1].c) &&
	       g_unichar_isalnum(ch[k + 1].c) && !date_hyphen(ch, i, j, k);
}

/* The word ch[i, j) in the picture's pixels. */
typedef struct word_px {
	int x0, x1;      /* columns looked at */
	double y0, y1;   /* the box's rows */
	double em;       /* the font size, pixels */
} word_px;

static int word_in_picture(const pt_char *ch, size_t i, size_t j, const pt_picture *pic,
			   word_px *wp)
{
	const PopplerRectangle *a = &pic->area;
	double aw = a->x2 - a->x1, ah = a->y2 - a->y1;
	double x0 = ch[i].x0, x1 = ch[i].x1, y0 = ch[i].y0, y1 = ch[i].y1;
	for (size_t k = i + 1; k < j; k++) {
		x0 = fmin(x0, ch[k].x0), x1 = fmax(x1, ch[k].x1);
		y0 = fmin(y0, ch[k].y0), y1 = fmax(y1, ch[k].y1);
	}
	double cw = (x1 - x0) / (double)(j - i);
	double sx = pic->width / aw, sy = pic->height / ah;
	double px0 = (x0 - DASH_WIDEN_LEFT * cw - a->x1) * sx;
	double px1 = (x1 + DASH_WIDEN_RIGHT * cw - a->x1) * sx;
	wp->y0 = (y0 - a->y1) * sy;
	wp->y1 = (y1 - a->y1) * sy;
	wp->em = ch[i].size * sy;
	/* a hostile file's boxes may be anywhere (or NaN) */
	if (!(aw > 0 && ah > 0 && px0 >= 0 && px1 <= pic->width && px1 - px0 < DASH_MAX_COLUMNS &&
	      wp->y0 >= 0 && wp->y1 <= pic->height && wp->em >= DASH_MIN_EM_PX &&
	      wp->em <= pic->height))
		return 0;
	wp->x0 = (int)px0;
	wp->x1 = (int)px1;
	return wp->x1 > wp->x0;
}

/* The topmost and lowest ink rows of each column of the word within rows
 * [r0, r1); top[k] > bot[k] for a column without ink there. */
static void columns(const pt_picture *pic, const word_px *wp, int r0, int r1, int *top, int *bot)
{
	r0 = MAX(r0, 0);
	r1 = MIN(r1, pic->height);
	for (int x = wp->x0; x < wp->x1; x++) {
		int k = x - wp->x0;
		top[k] = r1, bot[k] = r0 - 1;
		for (int y = r0; y < r1; y++)
			if (pt_dark_pixel(pic, x, y)) {
				top[k] = MIN(top[k], y);
				bot[k] = y;
			}
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The baseline: the median bottom of the inked columns in the word's box
 * (and a little below it, for skew); -1 without ink. */
static int baseline(const pt_picture *pic, const word_px *wp, int *top, int *bot)
{
	int n = wp->x1 - wp->x0, m = 0;
	columns(pic, wp, (int)wp->y0, (int)ceil(wp->y1 + 0.1 * wp->em), top, bot);
	for (int k = 0; k < n; k++)
		if (top[k] <= bot[k])
			bot[m++] = bot[k];
	if (m == 0)
		return -1;
	qsort(bot, (size_t)m, sizeof *bot, cmp_int);
	return bot[m / 2];
}

/* A run of dash columns: [x0, x1) of the word's columns, its first middle. */
typedef struct run {
	int x0, x1;
	double mid;
} run;

/* Is column k a dash's: ink only in a thin band lifted off the baseline? */
static int dash_column(const int *top, const int *bot, int k, int base, double em)
{
	if (top[k] > bot[k] || bot[k] - top[k] + 1 > fmax(2, DASH_THIN_EM * em))
		return 0;
	double lift = base - (top[k] + bot[k]) / 2.0;
	return lift > DASH_LIFT_MIN_EM * em && lift < DASH_LIFT_MAX_EM * em;
}

/* Keeps the run when it is a dash's: wide enough, and clear of letters
 * on one side at least, unless the word has no letter with a bar between
 * two stems (a capital H's is a dash's, but for the stems: in a bold
 * heading the en dash of "januari–april" touches its letters). */
static int keep_run(const run *r, const int *top, const int *bot, int n, double em,
		    int barred)
{
	int empty_left = r->x0 > 0 && top[r->x0 - 1] > bot[r->x0 - 1];
	int empty_right = r->x1 < n && top[r->x1] > bot[r->x1];
	return r->x1 - r->x0 >= DASH_MIN_EM * em && (empty_left || empty_right || !barred);
}

/* The dash runs of the word, left to right, into runs[]; returns how many,
 * or -1 when there are more than DASH_MAX_RUNS. */
static int dash_runs(const int *top, const int *bot, int n, int base, double em, int barred,
		     run *runs)
{
	int nr = 0;
	run cur = { .x0 = -1 };
	for (int k = 0; k <= n; k++) {
		int dash = k < n && dash_column(top, bot, k, base, em);
		double mid = dash ? (top[k] + bot[k]) / 2.0 : 0;
		if (dash && cur.x0 >= 0 && fabs(mid - cur.mid) <= fmax(1.5, DASH_STEP_EM * em))
			continue;
		if (cur.x0 >= 0) {
			cur.x1 = k;
			if (keep_run(&cur, top, bot, n, em, barred)) {
				if (nr == DASH_MAX_RUNS)
					return -1;
				runs[nr++] = cur;
			}
		}
		cur = (run){ .x0 = dash ? k : -1, .mid = mid };
	}
	return nr;
}

/* Has the word ch[i, j) a letter whose bar between two stems lies where a
 * dash's ink does? */
static int has_barred_letter(const pt_char *ch, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (ch[k].c == 'H' || ch[k].c == 0x126 /* Ħ */ || ch[k].c == 0x41D /* Н */)
			return 1;
	return 0;
}

/* Measures the dashes of the word ch[i, j) in the picture and makes its
 * inner hyphens en dashes where their ink is an en dash's. Returns the
 * number changed, -1 when the measure is unsure. */
static long reread_word(pt_char *ch, size_t i, size_t j, const pt_picture *pic)
{
	word_px wp;
	if (!word_in_picture(ch, i, j, pic, &wp))
		return -1;
	int n = wp.x1 - wp.x0;
	int *top = g_new(int, n), *bot = g_new(int, n);
	run runs[DASH_MAX_RUNS];
	int base = baseline(pic, &wp, top, bot), nr = -1;
	if (base >= 0) {
		columns(pic, &wp, (int)floor(base - DASH_BAND_EM * wp.em), base + 2, top, bot);
		nr = dash_runs(top, bot, n, base, wp.em, has_barred_letter(ch, i, j), runs);
	}
	g_free(top);
	g_free(bot);
	int ndash = 0;
	for (size_t k = i; k < j; k++)
		ndash += is_dash(ch[k].c);
	if (nr != ndash)
		return -1;
	long changed = 0;
	for (size_t k = i, d = 0; k < j; k++) {
		if (!is_dash(ch[k].c))
			continue;
		const run *r = &runs[d++];
		if (inner_hyphen(ch, i, j, k) && r->x1 - r->x0 >= DASH_EN_MIN_EM * wp.em) {
			ch[k].c = 0x2013;
			changed++;
		}
	}
	return changed;
}

/* Does the word ch[i, j) have a hyphen between two letters or digits? */
static int has_inner_hyphen(const pt_char *ch, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (inner_hyphen(ch, i, j, k))
			return 1;
	return 0;
}

/* Does b go on the word of a: on its line, after it, without a gap? (A
 * layer may have no space between lines: "Datum" over "2025-03-20".) */
static int goes_on(const pt_char *a, const pt_char *b)
{
	double em = fmax(a->size, b->size);
	return b->c != ' ' && fabs(b->y1 - a->y1) <= DASH_SAME_LINE_EM * em && b->x0 >= a->x0 &&
	       b->x0 - a->x1 <= DASH_SAME_LINE_EM * em;
}

/* The end of the word that starts at i. */
static size_t word_end(const pt_page *pg, size_t i)
{
	if (i >= pg->n || pg->ch[i].c == ' ')
		return i;
	size_t j = i + 1;
	while (j < pg->n && goes_on(&pg->ch[j - 1], &pg->ch[j]))
		j++;
	return j;
}

static int page_has_candidate(const pt_page *pg)
{
	for (size_t i = 0; i < pg->n; i++) {
		size_t j = word_end(pg, i);
		if (has_inner_hyphen(pg->ch, i, j))
			return 1;
		i = MAX(j, i + 1) - 1;
	}
	return 0;
}

/* Re-reads the candidate words in one decoded image; done[w] marks the
 * words measured surely (in an earlier image). */
static long reread_in_picture(pt_page *pg, const pt_picture *pic, char *done)
{
	long changed = 0, w = 0;
	for (size_t i = 0; i < pg->n; i++, w++) {
		size_t j = word_end(pg, i);
		if (!done[w] && has_inner_hyphen(pg->ch, i, j)) {
			long c = reread_word(pg->ch, i, j, pic);
			if (c >= 0) {
				done[w] = 1;
				changed += c;
			}
		}
		i = MAX(j, i + 1) - 1;
	}
	return changed;
}

long pt_scan_dashes(PopplerPage *page, pt_page *pg)
{
	/* the characters are upright; the image is drawn on the page as shown */
	if (pg->rotation != 0 || !page_has_candidate(pg))
		return 0;
	double w, h;
	poppler_page_get_size(page, &w, &h);
	GList *images = poppler_page_get_image_mapping(page);
	char *done = g_new0(char, pg->n + 1);
	long changed = 0;
	int decoded = 0;
	for (GList *l = images; l && decoded < PT_MAX_PAGE_IMAGES; l = l->next) {
		const PopplerImageMapping *m = l->data;
		if (!pt_covers_page(m, w, h))
			continue;
		cairo_surface_t *s = poppler_page_get_image(page, m->image_id);
		pt_picture pic;
		if (s && pt_picture_of(s, m, &pic))
			changed += reread_in_picture(pg, &pic, done);
		if (s)
			cairo_surface_destroy(s);
		decoded++;
	}
	g_free(done);
	poppler_page_free_image_mapping(images);
	return changed;
}
