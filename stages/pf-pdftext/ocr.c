/*
 * OCR of one page: poppler renders it onto a cairo image surface at 300 dpi,
 * tesseract (its C API, language swe) reads the grey image, and its words
 * become characters with boxes as if they had been a text layer
 * (docs/pf-pdftext.md, "OCR"). lines.c then makes lines and spans of them
 * exactly as of an OCR layer in a PDF.
 *
 * The characters are laid out the way poppler sees the invisible layer that
 * ocrmypdf (tesseract's PDF renderer) writes: each word's box divided
 * evenly among its letters, from the word's baseline up by the font size
 * tesseract estimates for its line, in whole points. So a scan read here
 * and the same scan OCR'd by ocrmypdf give the stages after us the same
 * geometry, and their thresholds hold for both.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <tesseract/capi.h>

#include "pdftext.h"

#define OCR_DPI 300.0
#define OCR_LANGUAGE "swe"
#define OCR_PACKAGE "tesseract-ocr-swe"
/* where Debian's tesseract 5 looks when TESSDATA_PREFIX is not set */
#define OCR_DEFAULT_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
/* A rendered page may have at most this many pixels (a grey byte each, and
 * cairo's 4 bytes during rendering): an A4 page at 300 dpi has 8.7 million;
 * a bigger page is rendered at a lower resolution. cairo's own limit is
 * 32767 pixels a side. */
#define OCR_MAX_PIXELS (60.0 * 1000 * 1000)
#define OCR_MAX_SIDE 32767.0
/* tesseract's size when it has none (its PDF renderer's default) */
#define OCR_DEFAULT_SIZE 8

struct pt_ocr {
	TessBaseAPI *api;
	int state;       /* 0 not tried, 1 ready, -1 unavailable */
	char why[256];   /* why it is unavailable */
};

pt_ocr *pt_ocr_new(void)
{
	return g_new0(pt_ocr, 1);
}

void pt_ocr_free(pt_ocr *o)
{
	if (!o)
		return;
	if (o->api) {
		TessBaseAPIEnd(o->api);
		TessBaseAPIDelete(o->api);
	}
	g_free(o);
}

/*
 * One thread per process: the driver's -j gives the parallelism, and
 * tesseract's OpenMP threads on top of it only contend for the same cores.
 * OMP_THREAD_LIMIT is read when libgomp is loaded, before main, so the
 * API's equivalent is used: no parallel region is active beyond level 0,
 * and each runs on one thread. Looked up at run time, since whether
 * libtesseract was built with OpenMP at all is the distribution's choice.
 */
static void one_thread(void)
{
	void (*set_levels)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
	if (set_levels)
		set_levels(0);
}

static int start(pt_ocr *o)
{
	if (o->state)
		return o->state > 0;
	o->state = -1;
	const char *dir = getenv("TESSDATA_PREFIX");
	if (!dir || !*dir)
		dir = OCR_DEFAULT_TESSDATA;
	char *data = g_strdup_printf("%s/%s.traineddata", dir, OCR_LANGUAGE);
	int have = g_file_test(data, G_FILE_TEST_IS_REGULAR);
	g_free(data);
	if (!have) {
		g_snprintf(o->why, sizeof o->why,
			   "no tesseract language data '%s' in %s: install the Debian package %s",
			   OCR_LANGUAGE, dir, OCR_PACKAGE);
		return 0;
	}
	one_thread();
	o->api = TessBaseAPICreate();
	/* tesseract's chatter ("Estimating resolution", "Detected N diacritics")
	 * is not for our stderr, which holds one line per problem */
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(o->api, dir, OCR_LANGUAGE) != 0) {
		g_snprintf(o->why, sizeof o->why,
			   "tesseract cannot load language '%s' from %s: reinstall the Debian "
			   "package %s", OCR_LANGUAGE, dir, OCR_PACKAGE);
		return 0;
	}
	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	o->state = 1;
	return 1;
}

const char *pt_ocr_unavailable(pt_ocr *o)
{
	return start(o) ? NULL : o->why;
}

/* Renders the page in grey, one byte a pixel, on white; NULL when cairo
 * cannot make the surface. *dpi is the resolution used. */
static guint8 *render_grey(PopplerPage *page, double w, double h, int *pw, int *ph,
			   double *dpi)
{
	double d = OCR_DPI;
	double px = w * d / 72 * h * d / 72;
	if (px > OCR_MAX_PIXELS)
		d *= sqrt(OCR_MAX_PIXELS / px);
	if (fmax(w, h) * d / 72 > OCR_MAX_SIDE)
		d = OCR_MAX_SIDE * 72 / fmax(w, h);
	int iw = (int)ceil(w * d / 72), ih = (int)ceil(h * d / 72);
	if (iw < 1 || ih < 1)
		return NULL;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, d / 72, d / 72);
	poppler_page_render(page, cr);
	int ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_flush(s);
	guint8 *grey = NULL;
	if (ok) {
		const guint8 *data = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		grey = g_malloc((size_t)iw * (size_t)ih);
		for (int y = 0; y < ih; y++) {
			const guint32 *row = (const guint32 *)(const void *)(data + (size_t)y * stride);
			guint8 *out = grey + (size_t)y * iw;
			for (int x = 0; x < iw; x++) {
				guint32 p = row[x];
				guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
				out[x] = (guint8)((299 * r + 587 * g + 114 * b) / 1000);
			}
		}
	}
	cairo_surface_destroy(s);
	*pw = iw;
	*ph = ih;
	*dpi = d;
	return grey;
}

/* Appends one character to the growing array. */
static void add_char(GArray *chars, gunichar c, double x0, double y0, double x1, double y1,
		     double size)
{
	pt_char ch = { .x0 = x0, .y0 = y0, .x1 = x1, .y1 = y1, .size = size, .c = c };
	g_array_append_val(chars, ch);
}

int pt_ocr_page(pt_ocr *o, PopplerPage *page, pt_page *pg, char *why, size_t whylen)
{
	memset(pg, 0, sizeof *pg);
	if (!start(o)) {
		g_strlcpy(why, o->why, whylen);
		return PT_OCR_UNAVAILABLE;
	}
	double w, h, dpi;
	int iw, ih;
	poppler_page_get_size(page, &w, &h);
	guint8 *grey = render_grey(page, w, h, &iw, &ih, &dpi);
	if (!grey) {
		g_snprintf(why, whylen, "cannot render the page for OCR (%.0f x %.0f points)", w, h);
		return PT_OCR_FAILED;
	}
	TessBaseAPISetImage(o->api, grey, iw, ih, 1, iw);
	TessBaseAPISetSourceResolution(o->api, (int)lround(dpi));
	if (TessBaseAPIRecognize(o->api, NULL) != 0) {
		TessBaseAPIClear(o->api);
		g_free(grey);
		g_snprintf(why, whylen, "tesseract could not read the page");
		return PT_OCR_FAILED;
	}

	double k = 72 / dpi; /* pixels to points */
	GArray *chars = g_array_new(FALSE, FALSE, sizeof(pt_char));
	TessResultIterator *ri = TessBaseAPIGetIterator(o->api);
	if (ri) {
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(ri);
		do {
			char *text = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
			int l, t, r, b;
			if (!text || !g_utf8_validate(text, -1, NULL) ||
			    !TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) {
				TessDeleteText(text);
				continue;
			}
			BOOL bold, italic, under, mono, serif, caps;
			int size = 0, font_id;
			TessResultIteratorWordFontAttributes(ri, &bold, &italic, &under, &mono,
							     &serif, &caps, &size, &font_id);
			if (size <= 0)
				size = OCR_DEFAULT_SIZE;
			/* the baseline under the word's middle; the box's bottom
			 * when tesseract has none */
			int bx1, by1, bx2, by2;
			double base = b;
			if (TessPageIteratorBaseline(pi, RIL_WORD, &bx1, &by1, &bx2, &by2)) {
				double mid = (l + r) / 2.0;
				base = bx2 != bx1 ? by1 + (double)(by2 - by1) * (mid - bx1) / (bx2 - bx1)
						  : (by1 + by2) / 2.0;
			}
			if (chars->len > 0)
				add_char(chars, ' ', 0, 0, 0, 0, size);
			long n = g_utf8_strlen(text, -1);
			const char *p = text;
			double y1 = base * k, y0 = y1 - size;
			for (long i = 0; i < n; i++, p = g_utf8_next_char(p)) {
				gunichar c = g_utf8_get_char(p);
				if (g_unichar_isspace(c) || c < 0x20)
					c = ' ';
				double x0 = (l + (double)(r - l) * (double)i / (double)n) * k;
				double x1 = (l + (double)(r - l) * (double)(i + 1) / (double)n) * k;
				add_char(chars, c, x0, y0, x1, y1, size);
			}
			TessDeleteText(text);
		} while (TessResultIteratorNext(ri, RIL_WORD));
		TessResultIteratorDelete(ri);
	}
	TessBaseAPIClear(o->api);
	g_free(grey);

	size_t n = chars->len;
	pt_page_set_chars(pg, (pt_char *)(void *)g_array_free(chars, FALSE), n, w, h);
	pg->ocr = 1;
	return PT_OCR_OK;
}
