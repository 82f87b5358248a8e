/*
 * One PopplerPage -> the characters of its text layer, each with its box,
 * font size and style, in the upright reading frame.
 *
 * The page's text, layout (one rectangle per character) and attributes (font
 * per range of characters) are fetched once each: the first call builds
 * poppler's text page and caches it, the other two are nearly free.
 */
#include <math.h>
#include <string.h>

#include "pdftext.h"

/* A font size outside this range is not believed: the box height is used. */
#define SIZE_MIN 0.5
#define SIZE_MAX 2000.0
#define SIZE_DEFAULT 10.0

/* Is `word` in the lower-cased font name? */
static int has(const char *name, const char *word)
{
	return strstr(name, word) != NULL;
}

/* Style bits from a font name ("ABCDEF+" prefixes are already gone):
 * Arial-BoldMT, Arial,Bold, TimesNewRomanPS-BoldItalicMT, Helvetica-Oblique,
 * MinionPro-BoldIt, Futura-Demi, GlyphLessFont (tesseract's OCR layer). */
static unsigned font_flags(const char *font)
{
	if (!font)
		return 0;
	char *name = g_ascii_strdown(font, -1);
	unsigned f = 0;
	if (has(name, "bold") || has(name, "black") || has(name, "heavy") ||
	    (has(name, "demi") && !has(name, "demilight")))
		f |= PT_BOLD;
	if (has(name, "italic") || has(name, "oblique"))
		f |= PT_ITALIC;
	/* Adobe's short style suffix: "-It", "-BoldIt", "-LightIt" */
	const char *style = strrchr(name, '-');
	if (style && g_str_has_suffix(style, "it"))
		f |= PT_ITALIC;
	if (has(name, "glyphless"))
		f |= PT_GLYPHLESS;
	g_free(name);
	return f;
}

/* What a character of the text becomes in the stream: every kind of white
 * space a plain space, control characters and broken code points U+FFFD
 * (the stream is UTF-8 text; a NUL or surrogate cannot travel in it). */
static gunichar clean(gunichar c)
{
	if (c == (gunichar)-1 || c == (gunichar)-2 || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	if (g_unichar_isspace(c))
		return ' ';
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 0xFFFD;
	return c;
}

/* Reads one character at *p and moves past it without ever passing the
 * terminating NUL, even on malformed UTF-8. */
static gunichar next_char(const char **p)
{
	const char *s = *p;
	gunichar c = g_utf8_get_char_validated(s, -1);
	int skip = g_utf8_skip[(unsigned char)*s];
	int i = 1;
	while (i < skip && s[i])
		i++;
	*p = s + i;
	return c;
}

static int finite_rect(const PopplerRectangle *r)
{
	return isfinite(r->x1) && isfinite(r->y1) && isfinite(r->x2) && isfinite(r->y2);
}

static void set_box(pt_char *c, const PopplerRectangle *r)
{
	c->x0 = fmin(r->x1, r->x2);
	c->x1 = fmax(r->x1, r->x2);
	c->y0 = fmin(r->y1, r->y2);
	c->y1 = fmax(r->y1, r->y2);
}

static int same_rect(const PopplerRectangle *a, const PopplerRectangle *b)
{
	return fabs(a->x1 - b->x1) < 0.01 && fabs(a->y1 - b->y1) < 0.01 &&
	       fabs(a->x2 - b->x2) < 0.01 && fabs(a->y2 - b->y2) < 0.01;
}

/* Asks poppler for the text of `area` and gives it to the characters of
 * ch[i, j) whose rectangle it matches exactly and that are still unknown
 * (U+0000). Returns how many it recovered. */
static size_t recover_area(PopplerPage *page, PopplerRectangle *area, pt_char *ch,
			   const PopplerRectangle *rect, size_t i, size_t j)
{
	size_t got = 0;
	char *text = poppler_page_get_text_for_area(page, area);
	PopplerRectangle *r2 = NULL;
	guint n2 = 0;
	if (!poppler_page_get_text_layout_for_area(page, area, &r2, &n2))
		n2 = 0;
	const char *p = text ? text : "";
	for (guint k = 0; k < n2 && *p; k++) {
		gunichar c = clean(next_char(&p));
		for (size_t m = i; m < j; m++) {
			if (ch[m].c == 0 && same_rect(&rect[m], &r2[k])) {
				ch[m].c = c;
				got++;
				break;
			}
		}
	}
	g_free(text);
	g_free(r2);
	return got;
}

/* Tries per rough line before giving up on the rest of it. */
#define NUL_TRIES 8

/*
 * A U+0000 in the text (a broken font maps a glyph to NUL) ends the C string
 * poppler returns while the rectangles go on. The characters after it are
 * recovered line by line: the unknown rectangles are grouped into rough
 * lines, and poppler's text and layout of each line's area (shrunk
 * vertically, so the neighbouring lines stay out) are matched back to the
 * rectangles by their exact coordinates. Another NUL in the line ends that
 * text again: the area then restarts just after the first character still
 * unknown (the NUL itself, which becomes a space). Returns how many
 * characters could not be recovered (they become spaces too). */
static long recover_after_nul(PopplerPage *page, pt_char *ch, const PopplerRectangle *rect,
			      size_t from, size_t n)
{
	long lost = 0;
	size_t i = from;
	while (i < n) {
		/* a rough line: consecutive rectangles on about one baseline */
		const PopplerRectangle *first = &rect[i];
		double h = fabs(first->y2 - first->y1);
		PopplerRectangle line = *first;
		size_t j = i + 1;
		while (j < n && fabs(rect[j].y2 - first->y2) <= fmax(0.5 * h, 0.5)) {
			line.x1 = fmin(line.x1, fmin(rect[j].x1, rect[j].x2));
			line.x2 = fmax(line.x2, fmax(rect[j].x1, rect[j].x2));
			line.y1 = fmin(line.y1, fmin(rect[j].y1, rect[j].y2));
			line.y2 = fmax(line.y2, fmax(rect[j].y1, rect[j].y2));
			j++;
		}
		double shrink = 0.25 * (line.y2 - line.y1);
		line.y1 += shrink;
		line.y2 -= shrink;
		line.x1 -= 1;
		line.x2 += 1;

		PopplerRectangle area = line;
		size_t u = i;
		recover_area(page, &area, ch, rect, i, j);
		for (int tries = 0; tries < NUL_TRIES; tries++) {
			while (u < j && ch[u].c != 0)
				u++;
			if (u == j)
				break;
			/* ch[u] is where the text stopped: a NUL glyph. Ask
			 * again from just after it (selection goes by the
			 * middle of a character's box). */
			area.x1 = (rect[u].x1 + rect[u].x2) / 2 + 0.01;
			recover_area(page, &area, ch, rect, i, j);
			ch[u++].c = ' ';
		}
		for (size_t m = i; m < j; m++) {
			/* a zero-width box is a line end, not a lost letter */
			if (ch[m].c == 0 && fabs(rect[m].x2 - rect[m].x1) > 0.01)
				lost++;
		}
		i = j;
	}
	return lost;
}

/* Most characters advance right on an upright page; on a page shown turned
 * (/Rotate, or content drawn sideways) they advance down (90), left (180)
 * or up (270) in the displayed frame. glib has no getter for /Rotate, so
 * the direction is read from the characters of each word. */
static int text_rotation(const pt_char *ch, size_t n)
{
	unsigned long votes[4] = { 0, 0, 0, 0 };
	for (size_t i = 1; i < n; i++) {
		const pt_char *a = &ch[i - 1], *b = &ch[i];
		if (a->c == ' ' || b->c == ' ' || !a->c || !b->c)
			continue;
		double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2;
		double dy = (b->y0 + b->y1 - a->y0 - a->y1) / 2;
		if (fabs(dx) > fabs(dy))
			votes[dx > 0 ? 0 : 2]++;
		else if (fabs(dy) > fabs(dx))
			votes[dy > 0 ? 1 : 3]++;
	}
	int best = 0;
	for (int r = 1; r < 4; r++)
		if (votes[r] > votes[best])
			best = r;
	return best * 90;
}

/* Turns the boxes so that the text reads left to right, top to bottom, in
 * a frame of *w x *h points (the displayed page turned back). */
static void turn_upright(pt_char *ch, size_t n, int rotation, double *w, double *h)
{
	double W = *w, H = *h;
	for (size_t i = 0; i < n; i++) {
		pt_char *c = &ch[i];
		double x0 = c->x0, y0 = c->y0, x1 = c->x1, y1 = c->y1;
		switch (rotation) {
		case 90: /* text runs down, lines stack leftwards */
			c->x0 = y0, c->x1 = y1, c->y0 = W - x1, c->y1 = W - x0;
			break;
		case 180:
			c->x0 = W - x1, c->x1 = W - x0, c->y0 = H - y1, c->y1 = H - y0;
			break;
		case 270: /* text runs up, lines stack rightwards */
			c->x0 = H - y1, c->x1 = H - y0, c->y0 = x0, c->y1 = x1;
			break;
		}
	}
	if (rotation == 90 || rotation == 270) {
		*w = H;
		*h = W;
	}
}

void pt_page_read(PopplerPage *page, pt_page *pg, int look_for_scan)
{
	memset(pg, 0, sizeof *pg);
	poppler_page_get_size(page, &pg->width, &pg->height);

	char *text = poppler_page_get_text(page);
	PopplerRectangle *rect = NULL;
	guint nrect = 0;
	if (!poppler_page_get_text_layout(page, &rect, &nrect))
		nrect = 0;
	GList *attrs = poppler_page_get_text_attributes(page);

	pt_char *ch = g_new0(pt_char, nrect ? nrect : 1);
	const char *p = text ? text : "";
	size_t n = 0;
	for (; n < nrect && *p; n++)
		ch[n].c = clean(next_char(&p));
	if (n < nrect) {
		/* ch[n] is the NUL itself, the rest is unknown */
		pg->lost = recover_after_nul(page, ch, rect, n, nrect);
	}
	n = nrect;

	for (size_t i = 0; i < n; i++) {
		if (finite_rect(&rect[i]))
			set_box(&ch[i], &rect[i]);
		else
			ch[i].c = ' ';
	}

	/* font per attribute range: one name check per range, not per char */
	GHashTable *fonts = g_hash_table_new(g_str_hash, g_str_equal);
	for (GList *l = attrs; l; l = l->next) {
		const PopplerTextAttributes *a = l->data;
		unsigned f = font_flags(a->font_name);
		const char *fname = a->font_name ? a->font_name : "";
		unsigned id = GPOINTER_TO_UINT(g_hash_table_lookup(fonts, fname));
		if (!id) {
			id = g_hash_table_size(fonts) + 1;
			g_hash_table_insert(fonts, (gpointer)fname, GUINT_TO_POINTER(id));
		}
		if (a->start_index < 0 || a->end_index < a->start_index)
			continue;
		size_t end = MIN((size_t)a->end_index + 1, n);
		for (size_t i = (size_t)a->start_index; i < end; i++) {
			ch[i].size = a->font_size;
			ch[i].flags = f;
			ch[i].font = id;
		}
	}
	g_hash_table_destroy(fonts);

	for (size_t i = 0; i < n; i++) {
		pt_char *c = &ch[i];
		if (c->c == 0)
			c->c = ' '; /* lost after a NUL */
		if (!(c->size >= SIZE_MIN && c->size <= SIZE_MAX)) {
			double h = c->y1 - c->y0;
			c->size = h >= SIZE_MIN && h <= SIZE_MAX ? h : SIZE_DEFAULT;
		}
		if (c->c != ' ') {
			pg->nonspace++;
			pg->glyphless += (c->flags & PT_GLYPHLESS) != 0;
		}
	}

	/* before turning: the image's mapping is in page coordinates */
	pg->ocr = pg->nonspace > 0 && 2 * pg->glyphless > pg->nonspace;
	if (!pg->ocr && pg->nonspace > 0 && look_for_scan) {
		int scan = pt_text_on_scan(page, ch, n, pg->nonspace);
		pg->big_image = (scan & PT_SCAN_BIG_IMAGE) != 0;
		pg->ocr = (scan & PT_SCAN_TEXT_ON_INK) != 0;
		pg->unread_scan = (scan & PT_SCAN_UNREAD) != 0;
	}
	pg->rotation = text_rotation(ch, n);
	turn_upright(ch, n, pg->rotation, &pg->width, &pg->height);
	pg->ch = ch;
	pg->n = n;

	g_free(text);
	g_free(rect);
	poppler_page_free_text_attributes(attrs);
}

void pt_page_set_chars(pt_page *pg, pt_char *ch, size_t n, double width, double height)
{
	pg->width = width;
	pg->height = height;
	for (size_t i = 0; i < n; i++)
		pg->nonspace += ch[i].c != ' ';
	pg->rotation = text_rotation(ch, n);
	turn_upright(ch, n, pg->rotation, &pg->width, &pg->height);
	pg->ch = ch;
	pg->n = n;
}

void pt_page_clear(pt_page *pg)
{
	g_free(pg->ch);
	memset(pg, 0, sizeof *pg);
}

int pt_page_has_images(PopplerPage *page)
{
	GList *images = poppler_page_get_image_mapping(page);
	int any = images != NULL;
	poppler_page_free_image_mapping(images);
	return any;
}
