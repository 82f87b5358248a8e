/*
 * Is a page's text an OCR layer over a scan? tesseract's layer says so by its
 * font (GlyphLessFont, page.c); other OCR engines (Acrobat, ABBYY, macOS
 * Preview) set theirs in ordinary fonts, invisible (render mode 3), which
 * poppler-glib does not report. What they all share: the page is one big
 * image, and the ink of each word is in the image, under the word's box.
 *
 * A born-digital page can lie on a big image too (a letterhead drawn as a
 * page-sized picture, white but for a logo); its text is drawn in white
 * space of the image, so the ink test tells the two apart.
 */
#include <cairo.h>
#include <math.h>
#include <string.h>

#include "pdftext.h"

/* Only an image covering this share of the page can be a scan of it. */
#define SCAN_MIN_COVER 0.5
/* A character's box is inked when this share of its pixels is dark. */
#define INK_MIN_SHARE 0.04
/* Dark: luminance below this (0-255). */
#define INK_LUMA 128
/* Characters looked at per page, spread over the page's text. */
#define SAMPLE_MAX 400
/* Pixels looked at per character box, per axis. */
#define PIXELS_PER_AXIS 8
/* A page that is mostly a scan without a text layer of its own: the ink
 * of its images covers this share of the page, and its text (a stamp the
 * publisher added, "Bilaga ... § 191") has at most this many characters. */
#define UNREAD_MIN_INK 0.01
#define UNREAD_MAX_CHARS 100
/* The ink of the image a scan's resolution is read from is counted on a
 * grid of this many pixels a side. */
#define SCAN_INK_GRID 256
/* The smallest image worth decoding. */
#define MIN_IMAGE_SHARE 0.05

/* The share of the page (w x h) that image m covers. */
static double page_share(const PopplerImageMapping *m, double w, double h)
{
	double x0 = MAX(MIN(m->area.x1, m->area.x2), 0), x1 = MIN(MAX(m->area.x1, m->area.x2), w);
	double y0 = MAX(MIN(m->area.y1, m->area.y2), 0), y1 = MIN(MAX(m->area.y1, m->area.y2), h);
	return x1 > x0 && y1 > y0 ? (x1 - x0) * (y1 - y0) / (w * h) : 0;
}

int pt_covers_page(const PopplerImageMapping *m, double w, double h)
{
	return page_share(m, w, h) >= SCAN_MIN_COVER;
}

/* Images smaller than this share of the page (logos, signatures) are not
 * decoded: they hold too little of the text to matter. */
static int big_enough(const PopplerImageMapping *m, double w, double h)
{
	return page_share(m, w, h) >= MIN_IMAGE_SHARE;
}

/* A stencil (a scanner's 1-bit foreground mask) comes as black with
 * alpha; a photo or gray scan as RGB. */
int pt_dark_pixel(const pt_picture *pic, int x, int y)
{
	const unsigned char *row = pic->data + (size_t)y * (size_t)pic->stride;
	if (pic->format == CAIRO_FORMAT_A8)
		return row[x] >= 128;
	guint32 p;
	memcpy(&p, row + (size_t)x * 4, 4);
	unsigned a = pic->format == CAIRO_FORMAT_ARGB32 ? p >> 24 : 255;
	unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
	/* premultiplied: a dark opaque pixel has low colour and high alpha */
	return a >= 128 && (r * 299 + g * 587 + b * 114) / 1000 < INK_LUMA * a / 255;
}

/* Is the character's box (page points) over ink of the picture? */
static int inked(const pt_char *c, const pt_picture *pic)
{
	const PopplerRectangle *area = &pic->area;
	double aw = area->x2 - area->x1, ah = area->y2 - area->y1;
	double px0 = (c->x0 - area->x1) / aw * pic->width, px1 = (c->x1 - area->x1) / aw * pic->width;
	double py0 = (c->y0 - area->y1) / ah * pic->height, py1 = (c->y1 - area->y1) / ah * pic->height;
	int dark = 0, seen = 0;
	/* doubles are checked before they become ints: a hostile file's boxes
	 * and image areas may be anywhere (or NaN) */
	for (int j = 0; j < PIXELS_PER_AXIS; j++) {
		double yd = py0 + (py1 - py0) * (j + 0.5) / PIXELS_PER_AXIS;
		if (!(yd >= 0 && yd < pic->height))
			continue;
		for (int i = 0; i < PIXELS_PER_AXIS; i++) {
			double xd = px0 + (px1 - px0) * (i + 0.5) / PIXELS_PER_AXIS;
			if (!(xd >= 0 && xd < pic->width))
				continue;
			seen++;
			dark += pt_dark_pixel(pic, (int)xd, (int)yd);
		}
	}
	return seen > 0 && dark >= INK_MIN_SHARE * seen;
}

int pt_picture_of(cairo_surface_t *s, const PopplerImageMapping *m, pt_picture *pic)
{
	*pic = (pt_picture){ .format = cairo_image_surface_get_format(s), .area = m->area };
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    !(pic->format == CAIRO_FORMAT_RGB24 || pic->format == CAIRO_FORMAT_ARGB32 ||
	      pic->format == CAIRO_FORMAT_A8) ||
	    m->area.x2 == m->area.x1 || m->area.y2 == m->area.y1)
		return 0;
	cairo_surface_flush(s);
	pic->data = cairo_image_surface_get_data(s);
	pic->width = cairo_image_surface_get_width(s);
	pic->height = cairo_image_surface_get_height(s);
	pic->stride = cairo_image_surface_get_stride(s);
	return pic->data != NULL;
}

/* The share of the picture's pixels that are ink, from a grid x grid
 * sample of them. */
static double picture_ink(const pt_picture *pic, int grid)
{
	long dark = 0, seen = 0;
	for (int y = 0; y < pic->height; y += pic->height / grid + 1)
		for (int x = 0; x < pic->width; x += pic->width / grid + 1, seen++)
			dark += pt_dark_pixel(pic, x, y);
	return seen ? (double)dark / (double)seen : 0;
}

/* Marks the sampled characters that lie over ink of image m; returns the
 * share of the page that is ink of m (from a 64 x 64 grid of its pixels). */
static double mark_ink(PopplerPage *page, const PopplerImageMapping *m, double w, double h,
		       const pt_char *ch, const size_t *sample, size_t nsample, char *ink)
{
	cairo_surface_t *s = poppler_page_get_image(page, m->image_id);
	double ink_share = 0;
	if (!s)
		return 0;
	pt_picture pic;
	if (pt_picture_of(s, m, &pic)) {
		for (size_t i = 0; i < nsample; i++)
			if (!ink[i])
				ink[i] = (char)inked(&ch[sample[i]], &pic);
		ink_share = page_share(m, w, h) * picture_ink(&pic, 64);
	}
	cairo_surface_destroy(s);
	return ink_share;
}

int pt_text_on_scan(PopplerPage *page, const pt_char *ch, size_t n, long nonspace)
{
	double w, h;
	if (nonspace <= 0)
		return 0;
	poppler_page_get_size(page, &w, &h);
	GList *images = poppler_page_get_image_mapping(page);
	int big = 0;
	for (GList *l = images; l && !big; l = l->next)
		big = pt_covers_page(l->data, w, h);
	int on_scan = 0;
	if (big) {
		on_scan = PT_SCAN_BIG_IMAGE;
		/* every step-th character, so a long page costs no more than a short one */
		size_t step = (size_t)nonspace / SAMPLE_MAX + 1, k = 0, nsample = 0;
		size_t *sample = g_new(size_t, SAMPLE_MAX + 1);
		for (size_t i = 0; i < n && nsample <= SAMPLE_MAX; i++)
			if (ch[i].c != ' ' && k++ % step == 0)
				sample[nsample++] = i;
		char *ink = g_new0(char, nsample + 1);
		/* a scanner's page: a background image and a foreground mask;
		 * a character is inked when any image has ink under it */
		int decoded = 0;
		double page_ink = 0;
		for (GList *l = images; l && decoded < PT_MAX_PAGE_IMAGES; l = l->next)
			if (big_enough(l->data, w, h)) {
				page_ink += mark_ink(page, l->data, w, h, ch, sample, nsample, ink);
				decoded++;
			}
		size_t inked_n = 0;
		for (size_t i = 0; i < nsample; i++)
			inked_n += ink[i] != 0;
		if (nsample > 0 && 2 * inked_n > nsample)
			on_scan |= PT_SCAN_TEXT_ON_INK;
		else if (page_ink >= UNREAD_MIN_INK && nonspace <= UNREAD_MAX_CHARS)
			on_scan |= PT_SCAN_UNREAD;
		g_free(sample);
		g_free(ink);
	}
	poppler_page_free_image_mapping(images);
	return on_scan;
}

/* The resolution (dots per inch) at which image m is drawn, the larger of
 * its two axes (as ocrmypdf takes it); an image drawn turned a quarter is
 * measured turned, the way that gives it the squarer pixels; *ink gets the
 * share of the page (w x h) that is its ink. 0 when it cannot be decoded. */
static double image_dpi(PopplerPage *page, const PopplerImageMapping *m, double w, double h,
			double *ink)
{
	cairo_surface_t *s = poppler_page_get_image(page, m->image_id);
	double dpi = 0;
	double aw = fabs(m->area.x2 - m->area.x1) / 72, ah = fabs(m->area.y2 - m->area.y1) / 72;
	pt_picture pic;
	*ink = 0;
	if (s && pt_picture_of(s, m, &pic)) {
		double iw = pic.width, ih = pic.height;
		/* poppler gives the area in whole points; a scanner's resolution
		 * is a whole number of dpi */
		double x = round(iw / aw), y = round(ih / ah), tx = round(iw / ah), ty = round(ih / aw);
		if (x > 0 && y > 0 && tx > 0 && ty > 0)
			dpi = fmax(x, y) / fmin(x, y) <= fmax(tx, ty) / fmin(tx, ty) ? fmax(x, y)
										: fmax(tx, ty);
		*ink = page_share(m, w, h) * picture_ink(&pic, SCAN_INK_GRID);
	}
	if (s)
		cairo_surface_destroy(s);
	return dpi;
}

double pt_scan_dpi(PopplerPage *page, double *ink)
{
	double w, h, dpi = 0;
	*ink = 0;
	poppler_page_get_size(page, &w, &h);
	GList *images = poppler_page_get_image_mapping(page);
	int decoded = 0;
	for (GList *l = images; l && decoded < PT_MAX_PAGE_IMAGES; l = l->next)
		if (pt_covers_page(l->data, w, h)) {
			double i, d = image_dpi(page, l->data, w, h, &i);
			if (d > dpi)
				dpi = d, *ink = i;
			decoded++;
		}
	poppler_page_free_image_mapping(images);
	return dpi;
}
