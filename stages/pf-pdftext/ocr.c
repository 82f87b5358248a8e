/*
 * OCR of one page: poppler renders it onto a cairo image surface, a scan at
 * its own resolution (as ocrmypdf reads it), anything else at 300 dpi;
 * tesseract (its C API, language swe) reads the grey image, and its words
 * become characters with boxes as if they had been a text layer
 * (docs/pf-pdftext.md, "OCR"). lines.c then makes lines and spans of them
 * exactly as of an OCR layer in a PDF.
 *
 * The characters are laid out the way poppler sees the invisible layer
 * that ocrmypdf (tesseract 5's PDF renderer) writes: the word's letters and
 * a space after them share its box evenly, from the word's baseline up by
 * the font size tesseract estimates for it, in whole points; a word set
 * sideways has its letters stacked along its box. So a scan read here and
 * the same scan OCR'd by ocrmypdf give the stages after us the same
 * geometry, and their thresholds hold for both. Words to be laid over a
 * born-digital layer's letters have their letters fill the word's box.
 *
 * libtesseract is opened (dlopen) on the first page that needs OCR, not
 * linked: linked, it and the ~40 libraries it needs were loaded and
 * relocated at every start, ~12 ms a document, though a born-digital
 * document never reads a page by OCR. Its header still gives the types.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <tesseract/capi.h>

#include "pdftext.h"

#define OCR_DPI 300.0
/* A scan is read at its own resolution, as ocrmypdf reads it: its pixels
 * as they are, not re-sampled (tesseract's font sizes, and so the line
 * geometry the stages after us were tuned on, come from those pixels).
 * One below OCR_SCAN_MIN_DPI or above OCR_DPI is rendered at OCR_DPI. */
#define OCR_SCAN_MIN_DPI 150.0
/* The scan's resolution holds when the page's ink is the scan's: the
 * image's ink is at least this share of the ink on the rendered page. An
 * MRC scan (a background image at a low resolution, the text in masks at
 * a higher one, which poppler-glib does not list) has next to none of it
 * in the background: the Nykarleby agenda's scanned text pages, 150 dpi
 * under 300 dpi masks, 7 and 12 % (a map, 81 %: its ink is the map's); a
 * page scanned as one image, 100 %. */
#define OCR_SCAN_OWN_INK 0.5
/* Dark: luminance below this (0-255); counted on a grid of this many
 * pixels a side (as scan.c counts an image's ink). */
#define OCR_INK_LUMA 128
#define OCR_INK_GRID 256
#define OCR_LANGUAGE "swe"
#define OCR_PACKAGE "tesseract-ocr-swe"
/* the engine, by its soname; PF_TESSERACT names another (a path or a
 * soname) */
#define OCR_LIBRARY "libtesseract.so.5"
#define OCR_LIBRARY_PACKAGE "libtesseract5"
/* where Debian's tesseract 5 looks when TESSDATA_PREFIX is not set */
#define OCR_DEFAULT_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
/* A rendered page may have at most this many pixels (a grey byte each, and
 * cairo's 4 bytes during rendering): an A4 page at 300 dpi has 8.7 million;
 * a bigger page is rendered at a lower resolution. cairo's own limit is
 * 32767 pixels a side. */
#define OCR_MAX_PIXELS (60.0 * 1000 * 1000)
#define OCR_MAX_SIDE 32767.0
/* A page's size in pixels is rounded up, but not for less than this. */
#define OCR_PIXEL_SLACK 0.01
/* tesseract's size when it has none (its PDF renderer's default) */
#define OCR_DEFAULT_SIZE 8

/* The functions of tesseract's C API used here, looked up in the library
 * when it is opened, and called as tess.Name(...). */
#define TESS_FUNCTIONS(X)                                                                    \
	X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIEnd) X(TessBaseAPISetVariable) \
	X(TessBaseAPIInit3) X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage)               \
	X(TessBaseAPISetSourceResolution) X(TessBaseAPIRecognize) X(TessBaseAPIClear)         \
	X(TessBaseAPIGetIterator) X(TessResultIteratorGetPageIteratorConst)                   \
	X(TessResultIteratorGetUTF8Text) X(TessResultIteratorWordFontAttributes)              \
	X(TessResultIteratorNext) X(TessResultIteratorDelete) X(TessPageIteratorBoundingBox)  \
	X(TessPageIteratorBaseline) X(TessDeleteText)
#define TESS_POINTER(name) __typeof__(name) *name;
static struct {
	TESS_FUNCTIONS(TESS_POINTER)
} tess;

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
		tess.TessBaseAPIEnd(o->api);
		tess.TessBaseAPIDelete(o->api);
	}
	g_free(o);
}

/*
 * One thread per process: the driver's -j gives the parallelism, and
 * tesseract's OpenMP threads on top of it only contend for the same cores.
 * OMP_THREAD_LIMIT would be read when libgomp is loaded (with libtesseract,
 * its dependency), so the API's equivalent is used: no parallel region is
 * active beyond level 0, and each runs on one thread. Looked up among
 * libtesseract's libraries, since whether it was built with OpenMP at all
 * is the distribution's choice.
 */
static void one_thread(void *lib)
{
	void (*set_levels)(int) = (void (*)(int))dlsym(lib, "omp_set_max_active_levels");
	if (set_levels)
		set_levels(0);
}

/* Opens libtesseract and fills tess; 0 with why said when it cannot. The
 * library stays open for the process: a C++ library with OpenMP threads
 * is not one to unload. */
static int open_library(pt_ocr *o)
{
	const char *name = getenv("PF_TESSERACT");
	if (!name || !*name)
		name = OCR_LIBRARY;
	void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		g_snprintf(o->why, sizeof o->why,
			   "cannot load the tesseract library (%s): install the Debian package %s",
			   dlerror(), OCR_LIBRARY_PACKAGE);
		return 0;
	}
	const char *missing = NULL;
#define TESS_LOOKUP(f) \
	if (!(tess.f = (__typeof__(tess.f))dlsym(lib, #f)) && !missing) \
		missing = #f;
	TESS_FUNCTIONS(TESS_LOOKUP)
#undef TESS_LOOKUP
	if (missing) {
		g_snprintf(o->why, sizeof o->why,
			   "the tesseract library %s has no %s: install the Debian package %s", name,
			   missing, OCR_LIBRARY_PACKAGE);
		return 0;
	}
	one_thread(lib);
	return 1;
}

static int start(pt_ocr *o)
{
	if (o->state)
		return o->state > 0;
	o->state = -1;
	if (!open_library(o))
		return 0;
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
	o->api = tess.TessBaseAPICreate();
	/* tesseract's chatter ("Estimating resolution", "Detected N diacritics")
	 * is not for our stderr, which holds one line per problem */
	tess.TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	if (tess.TessBaseAPIInit3(o->api, dir, OCR_LANGUAGE) != 0) {
		g_snprintf(o->why, sizeof o->why,
			   "tesseract cannot load language '%s' from %s: reinstall the Debian "
			   "package %s", OCR_LANGUAGE, dir, OCR_PACKAGE);
		return 0;
	}
	tess.TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	o->state = 1;
	return 1;
}

const char *pt_ocr_unavailable(pt_ocr *o)
{
	return start(o) ? NULL : o->why;
}

/* Renders the page in grey at about d dpi, one byte a pixel, on white; NULL
 * when cairo cannot make the surface. *dpi is the resolution used. */
static guint8 *render_grey(PopplerPage *page, double w, double h, double d, int *pw, int *ph,
			   double *dpi)
{
	double px = w * d / 72 * h * d / 72;
	if (px > OCR_MAX_PIXELS)
		d *= sqrt(OCR_MAX_PIXELS / px);
	if (fmax(w, h) * d / 72 > OCR_MAX_SIDE)
		d = OCR_MAX_SIDE * 72 / fmax(w, h);
	/* a scan's page 1654.0000001 pixels wide is its image's 1654 */
	int iw = (int)ceil(w * d / 72 - OCR_PIXEL_SLACK), ih = (int)ceil(h * d / 72 - OCR_PIXEL_SLACK);
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

/* The share of the rendered page that is ink. */
static double grey_ink(const guint8 *grey, int iw, int ih)
{
	long dark = 0, seen = 0;
	for (int y = 0; y < ih; y += ih / OCR_INK_GRID + 1)
		for (int x = 0; x < iw; x += iw / OCR_INK_GRID + 1, seen++)
			dark += grey[(size_t)y * (size_t)iw + (size_t)x] < OCR_INK_LUMA;
	return seen ? (double)dark / (double)seen : 0;
}

/* Renders the page for OCR: a scan (scan) at its own resolution when that
 * lies between OCR_SCAN_MIN_DPI and OCR_DPI and the page's ink is its
 * ink, else at OCR_DPI. As render_grey. */
static guint8 *render_for_ocr(PopplerPage *page, double w, double h, int scan, int *pw,
			      int *ph, double *dpi)
{
	double ink = 0, d = scan ? pt_scan_dpi(page, &ink) : 0;
	if (d >= OCR_SCAN_MIN_DPI && d < OCR_DPI) {
		guint8 *grey = render_grey(page, w, h, d, pw, ph, dpi);
		double page_ink = grey ? grey_ink(grey, *pw, *ph) : 0;
		if (grey && ink >= OCR_SCAN_OWN_INK * page_ink)
			return grey;
		g_free(grey);
	}
	return render_grey(page, w, h, OCR_DPI, pw, ph, dpi);
}

int pt_ocr_page(pt_ocr *o, PopplerPage *page, unsigned how, pt_page *pg, char *why,
		size_t whylen)
{
	memset(pg, 0, sizeof *pg);
	if (!start(o)) {
		g_strlcpy(why, o->why, whylen);
		return PT_OCR_UNAVAILABLE;
	}
	double w, h, dpi;
	int iw, ih;
	poppler_page_get_size(page, &w, &h);
	guint8 *grey = render_for_ocr(page, w, h, how & PT_OCR_SCAN, &iw, &ih, &dpi);
	if (!grey) {
		g_snprintf(why, whylen, "cannot render the page for OCR (%.0f x %.0f points)", w, h);
		return PT_OCR_FAILED;
	}
	tess.TessBaseAPISetImage(o->api, grey, iw, ih, 1, iw);
	tess.TessBaseAPISetSourceResolution(o->api, (int)lround(dpi));
	if (tess.TessBaseAPIRecognize(o->api, NULL) != 0) {
		tess.TessBaseAPIClear(o->api);
		g_free(grey);
		g_snprintf(why, whylen, "tesseract could not read the page");
		return PT_OCR_FAILED;
	}

	double k = 72 / dpi; /* pixels to points */
	GArray *chars = g_array_new(FALSE, FALSE, sizeof(pt_char));
	TessResultIterator *ri = tess.TessBaseAPIGetIterator(o->api);
	if (ri) {
		const TessPageIterator *pi = tess.TessResultIteratorGetPageIteratorConst(ri);
		do {
			char *text = tess.TessResultIteratorGetUTF8Text(ri, RIL_WORD);
			int l, t, r, b;
			if (!text || !g_utf8_validate(text, -1, NULL) ||
			    !tess.TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) {
				tess.TessDeleteText(text);
				continue;
			}
			BOOL bold, italic, under, mono, serif, caps;
			int size = 0, font_id;
			tess.TessResultIteratorWordFontAttributes(ri, &bold, &italic, &under, &mono,
							     &serif, &caps, &size, &font_id);
			if (size <= 0)
				size = OCR_DEFAULT_SIZE;
			/* the baseline under the word's middle; the box's bottom
			 * when tesseract has none */
			int bx1, by1, bx2, by2, up = 0, down = 0;
			double base = b;
			if (tess.TessPageIteratorBaseline(pi, RIL_WORD, &bx1, &by1, &bx2, &by2)) {
				double mid = (l + r) / 2.0;
				base = bx2 != bx1 ? by1 + (double)(by2 - by1) * (mid - bx1) / (bx2 - bx1)
						  : (by1 + by2) / 2.0;
				/* a word set sideways (a margin's text, or what
				 * tesseract makes of a column of list numbers) */
				up = abs(by2 - by1) > abs(bx2 - bx1) && by2 < by1;
				down = abs(by2 - by1) > abs(bx2 - bx1) && by2 > by1;
			}
			if (chars->len > 0)
				add_char(chars, ' ', 0, 0, 0, 0, size);
			long n = g_utf8_strlen(text, -1);
			const char *p = text;
			double y1 = base * k, y0 = y1 - size;
			/* as ocrmypdf's layer: the renderer writes a space after
			 * the word and stretches the n + 1 glyphs over the word's
			 * length. Over a born-digital layer the letters fill the
			 * word's box, which finds the layer's letters under it
			 * (pt_ocr_borrow_style, _merge_layer). */
			double share = (double)n + (how & PT_OCR_OVER_LAYER ? 0 : 1);
			for (long i = 0; i < n; i++, p = g_utf8_next_char(p)) {
				gunichar c = g_utf8_get_char(p);
				if (g_unichar_isspace(c) || c < 0x20)
					c = ' ';
				double f0 = (double)i / share, f1 = (double)(i + 1) / share;
				if (up || down) /* turned along its baseline: stacked */
					add_char(chars, c, l * k, (up ? b - (b - t) * f1 : t + (b - t) * f0) * k,
						 r * k, (up ? b - (b - t) * f0 : t + (b - t) * f1) * k, size);
				else
					add_char(chars, c, (l + (r - l) * f0) * k, y0,
						 (l + (r - l) * f1) * k, y1, size);
			}
			tess.TessDeleteText(text);
		} while (tess.TessResultIteratorNext(ri, RIL_WORD));
		tess.TessResultIteratorDelete(ri);
	}
	tess.TessBaseAPIClear(o->api);
	g_free(grey);

	size_t n = chars->len;
	pt_page_set_chars(pg, (pt_char *)(void *)g_array_free(chars, FALSE), n, w, h);
	pg->ocr = 1;
	return PT_OCR_OK;
}

/* Sorting the layer's characters by the middle of their box, top down. */
static int by_mid_y(const void *a, const void *b)
{
	const pt_char *x = a, *y = b;
	double mx = x->y0 + x->y1, my = y->y0 + y->y1;
	return mx < my ? -1 : mx > my;
}

/* The first of the layer's characters (sorted by the y of their middles)
 * whose middle is at y0 or below. */
static size_t first_below(const pt_char *lc, size_t nl, double y0)
{
	size_t lo = 0, hi = nl;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((lc[mid].y0 + lc[mid].y1) / 2 < y0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The text layer's characters but spaces, top to bottom by their middles
 * (g_free it); *n gets their count. */
static pt_char *layer_letters(const pt_page *layer, size_t *n)
{
	pt_char *lc = g_new(pt_char, layer->n);
	size_t nl = 0;
	for (size_t i = 0; i < layer->n; i++)
		if (layer->ch[i].c != ' ')
			lc[nl++] = layer->ch[i];
	qsort(lc, nl, sizeof *lc, by_mid_y);
	*n = nl;
	return lc;
}

void pt_ocr_borrow_style(pt_page *ocr, const pt_page *layer)
{
	if (ocr->rotation != layer->rotation || layer->nonspace == 0)
		return;
	size_t nl;
	pt_char *lc = layer_letters(layer, &nl);

	/* each OCR word: the layer's characters whose middle lies in its box */
	for (size_t i = 0; i < ocr->n;) {
		while (i < ocr->n && ocr->ch[i].c == ' ')
			i++;
		size_t j = i;
		double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
		for (; j < ocr->n && ocr->ch[j].c != ' '; j++) {
			x0 = fmin(x0, ocr->ch[j].x0), x1 = fmax(x1, ocr->ch[j].x1);
			y0 = fmin(y0, ocr->ch[j].y0), y1 = fmax(y1, ocr->ch[j].y1);
		}
		if (j == i)
			break;
		size_t lo = first_below(lc, nl, y0);
		size_t n = 0, bold = 0, italic = 0;
		double ly0 = INFINITY, ly1 = -INFINITY, size = 0;
		for (size_t k = lo; k < nl && (lc[k].y0 + lc[k].y1) / 2 <= y1; k++) {
			double mx = (lc[k].x0 + lc[k].x1) / 2;
			if (mx < x0 || mx > x1)
				continue;
			n++;
			bold += (lc[k].flags & PT_BOLD) != 0;
			italic += (lc[k].flags & PT_ITALIC) != 0;
			ly0 = fmin(ly0, lc[k].y0), ly1 = fmax(ly1, lc[k].y1);
			size = fmax(size, lc[k].size);
		}
		if (n > 0) {
			unsigned flags = (2 * bold > n ? PT_BOLD : 0) | (2 * italic > n ? PT_ITALIC : 0);
			for (size_t k = i; k < j; k++) {
				ocr->ch[k].flags = flags;
				ocr->ch[k].size = size;
				ocr->ch[k].y0 = ly0;
				ocr->ch[k].y1 = ly1;
			}
		}
		i = j;
	}
	g_free(lc);
}

/* The layer's characters (no white space) under the box, in x order, not
 * yet used; marks them used. */
static size_t under(pt_char *lc, unsigned char *used, size_t nl, double x0, double y0,
		    double x1, double y1, size_t *out)
{
	size_t lo = first_below(lc, nl, y0), n = 0;
	for (size_t k = lo; k < nl && (lc[k].y0 + lc[k].y1) / 2 <= y1; k++) {
		double mx = (lc[k].x0 + lc[k].x1) / 2;
		if (!used[k] && mx >= x0 && mx <= x1)
			out[n++] = k;
	}
	/* x order (insertion sort: a word has few letters) */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && lc[out[b]].x0 < lc[out[b - 1]].x0; b--) {
			size_t tmp = out[b];
			out[b] = out[b - 1];
			out[b - 1] = tmp;
		}
	return n;
}

/* The layer's characters lc[idx[0..n)] spell word but for case, and
 * differ from it: tesseract mistakes the case of letters whose capital
 * has the small letter's shape (p P, s S, o O, c C, v V, w W, x X, z Z),
 * which a lying map gets right as long as it gets the letter right. */
static int same_but_case(const pt_char *lc, const size_t *idx, size_t n, const char *word)
{
	GString *layer = g_string_new(NULL);
	for (size_t k = 0; k < n; k++)
		g_string_append_unichar(layer, lc[idx[k]].c);
	int same = strcmp(layer->str, word) != 0;
	if (same) {
		char *a = g_utf8_casefold(layer->str, -1), *b = g_utf8_casefold(word, -1);
		same = strcmp(a, b) == 0;
		g_free(a);
		g_free(b);
	}
	g_string_free(layer, TRUE);
	return same;
}

/* A word of letters from a lying layer replaces OCR's only from this
 * length on: short words a broken map makes are often words too. */
#define MERGE_MIN_LETTERS 6

void pt_ocr_merge_layer(pt_page *ocr, const pt_page *layer, pt_trust *t)
{
	if (ocr->rotation != layer->rotation || layer->nonspace == 0)
		return;
	size_t nl;
	pt_char *lc = layer_letters(layer, &nl);
	unsigned char *used = g_new0(unsigned char, nl ? nl : 1);
	size_t *idx = g_new(size_t, nl ? nl : 1);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(pt_char));
	GString *word = g_string_new(NULL);

	for (size_t i = 0; i < ocr->n;) {
		if (ocr->ch[i].c == ' ') {
			g_array_append_val(out, ocr->ch[i]);
			i++;
			continue;
		}
		size_t j = i;
		double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
		for (; j < ocr->n && ocr->ch[j].c != ' '; j++) {
			x0 = fmin(x0, ocr->ch[j].x0), x1 = fmax(x1, ocr->ch[j].x1);
			y0 = fmin(y0, ocr->ch[j].y0), y1 = fmax(y1, ocr->ch[j].y1);
		}
		size_t n = under(lc, used, nl, x0, y0, x1, y1, idx);
		/* OCR's word, for comparison */
		GString *ocr_word = g_string_new(NULL);
		for (size_t k = i; k < j; k++)
			g_string_append_unichar(ocr_word, ocr->ch[k].c);
		int ocr_known = -1; /* asked only when needed */
		/* the same letters in another case: the layer's, which are the
		 * font's ("193 § presentation" read off "Presentation") */
		int same = n > 0 && same_but_case(lc, idx, n, ocr_word->str);
		/* the layer's words there: split where its letters do not touch */
		int ok = n > 0;
		g_string_truncate(word, 0);
		for (size_t k = 0; k <= n && ok && !same; k++) {
			const pt_char *c = k < n ? &lc[idx[k]] : NULL;
			if (k > 0 && (!c || c->x0 - lc[idx[k - 1]].x1 > 0.15 * c->size)) {
				int letters = (int)g_utf8_strlen(word->str, -1);
				int has_letter = 0;
				for (const char *p = word->str; *p; p = g_utf8_next_char(p))
					has_letter |= g_unichar_isalpha(g_utf8_get_char(p)) != 0;
				if (has_letter) {
					/* a lying map makes words too ("ar" for "är",
					 * "for" for "för"): a word of the layer wins
					 * only when it is long, known, and OCR's is not */
					if (ocr_known < 0)
						ocr_known = pt_trust_word_ok(t, ocr_word->str);
					ok = letters >= MERGE_MIN_LETTERS && !ocr_known &&
					     pt_trust_word_ok(t, word->str);
				}
				g_string_truncate(word, 0);
			}
			if (c)
				g_string_append_unichar(word, c->c);
		}
		g_string_free(ocr_word, TRUE);
		if (ok) {
			for (size_t k = 0; k < n; k++) {
				const pt_char *c = &lc[idx[k]];
				if (k > 0 && c->x0 - lc[idx[k - 1]].x1 > 0.15 * c->size) {
					pt_char sp = *c;
					sp.c = ' ';
					g_array_append_val(out, sp);
				}
				g_array_append_val(out, *c);
				used[idx[k]] = 1;
			}
		} else {
			g_array_append_vals(out, ocr->ch + i, j - i);
		}
		i = j;
	}
	g_free(ocr->ch);
	ocr->n = out->len;
	ocr->ch = (pt_char *)(void *)g_array_free(out, FALSE);
	ocr->nonspace = 0;
	for (size_t i = 0; i < ocr->n; i++)
		ocr->nonspace += ocr->ch[i].c != ' ';
	g_string_free(word, TRUE);
	g_free(idx);
	g_free(used);
	g_free(lc);
}
