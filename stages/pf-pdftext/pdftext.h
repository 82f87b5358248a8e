/*
 * pf-pdftext internals, shared by its three files:
 *
 *   main.c   options, reading the inputs, doc / end / error records
 *   page.c   one PopplerPage -> characters with boxes and styles
 *            (text, layout and attributes fetched once; rotation; NUL)
 *   lines.c  characters -> tokens -> lines -> spans, and the line records
 *   scan.c   is the text an OCR layer over a scanned image?
 *   trust.c  how far can a page's text layer be trusted?
 *   ocr.c    a page rendered and read by tesseract
 *
 * docs/pf-pdftext.md explains the thresholds and why they are what they are.
 */
#ifndef PF_PDFTEXT_H
#define PF_PDFTEXT_H

#include <glib.h>
#include <poppler.h>

#include "stream.h"

#define PT_STAGE "pf-pdftext"

/* Style bits of a character, decided once per poppler attribute range. */
enum { PT_BOLD = 1, PT_ITALIC = 2, PT_GLYPHLESS = 4 };

/* One character of the text layer, in the upright reading frame: points,
 * origin top-left, y downward, x in the direction the text reads. */
typedef struct pt_char {
	double x0, y0, x1, y1;
	double size;     /* font size in points, always > 0 */
	gunichar c;      /* U+0020 for every kind of white space */
	unsigned flags;  /* PT_BOLD | PT_ITALIC | PT_GLYPHLESS */
	unsigned font;   /* which font of the page: 1 + index of its name in the
			  * page's attribute ranges, 0 unknown */
} pt_char;

/* What page.c found on one page. */
typedef struct pt_page {
	pt_char *ch;
	size_t n;          /* characters in ch, white space included */
	double width, height; /* of the upright reading frame */
	int rotation;      /* 0, 90, 180 or 270: how the text is turned */
	long nonspace;     /* characters that are not white space */
	long glyphless;    /* of those, in the OCR font GlyphLessFont */
	int ocr;           /* the text is an OCR layer: mostly GlyphLessFont,
			    * or over the ink of a page-sized image (scan.c) */
	int big_image;     /* an image covers half the page (when looked for) */
	int unread_scan;   /* a scan with only a stamp of text: needs OCR */
	long lost;         /* characters lost after a U+0000 in the text */
} pt_page;

/* Reads the characters of `page` into *pg, fetching its text, layout and
 * attributes once each; with look_for_scan, also whether the text lies on a
 * scanned image (scan.c). (GLib aborts when memory runs out.) */
void pt_page_read(PopplerPage *page, pt_page *pg, int look_for_scan);
void pt_page_clear(pt_page *pg);

/* Gives pg the characters ch[0..n) (g_malloc'ed; pg owns them), in the
 * displayed page's coordinates of a width x height page: counts them,
 * finds the rotation and turns them upright, as pt_page_read does. */
void pt_page_set_chars(pt_page *pg, pt_char *ch, size_t n, double width, double height);

/* scan.c: is most of the text (ch[0..n), page coordinates, not yet turned
 * upright) over dark pixels of the page's images, one of which covers half
 * the page or more (TEXT_ON_INK)? Or is the page a scan with next to no
 * text, a stamp beside its ink (UNREAD)? Returns PT_SCAN_* bits. */
enum { PT_SCAN_BIG_IMAGE = 1, PT_SCAN_TEXT_ON_INK = 2, PT_SCAN_UNREAD = 4 };
int pt_text_on_scan(PopplerPage *page, const pt_char *ch, size_t n, long nonspace);
/* The resolution (dpi) of the scan that is the page: the largest of the
 * images that cover half the page or more; 0 when there is none. *ink gets
 * the share of the page that is that image's ink. */
double pt_scan_dpi(PopplerPage *page, double *ink);

/* Images of a page decoded at most, by scan.c and dash.c alike: a scan has
 * one or two (an MRC scan's background and stencil). */
#define PT_MAX_PAGE_IMAGES 8

/* A decoded image (cairo's pixels, not copied) and where the page draws it. */
typedef struct pt_picture {
	const unsigned char *data;
	int width, height, stride;
	cairo_format_t format;
	PopplerRectangle area;
} pt_picture;
/* Does image m cover half the page (w x h points) or more: can it be a
 * scan of it? */
int pt_covers_page(const PopplerImageMapping *m, double w, double h);
/* Fills *pic from the decoded image s that m draws; 0 when it is not one
 * we can read pixels of. */
int pt_picture_of(cairo_surface_t *s, const PopplerImageMapping *m, pt_picture *pic);
/* Is pixel (x, y), inside the picture, ink: opaque and dark? */
int pt_dark_pixel(const pt_picture *pic, int x, int y);

/* dash.c: on a scan's OCR text (ours or another engine's, pg upright as
 * pt_page_read or pt_ocr_page left it), each hyphen between two letters or
 * digits whose ink in the page's image is an en dash's becomes "–"
 * (docs/pf-pdftext.md, "Dashes on scans"). The image is decoded only when
 * the page has such a hyphen. Returns the number of hyphens changed. */
long pt_scan_dashes(PopplerPage *page, pt_page *pg);

/* True when the page draws at least one image (a scan without OCR). */
int pt_page_has_images(PopplerPage *page);

/* A line's text is cut after this many bytes (docs/pf-pdftext.md, "Limits"):
 * a thousand times a line of a page, far below the 16 MiB a stream record
 * may have. */
#define PT_MAX_LINE_BYTES 65536

/* Builds the lines of a page from its characters and writes one line record
 * per line. `ocr` selects the fallback word space of OCR text. Returns the
 * number of lines written; *nclipped says how many were cut at
 * PT_MAX_LINE_BYTES. */
long pt_write_lines(pf_writer *w, const char *doc_id, long page_no,
		    const pt_page *pg, int ocr, long *nclipped);

/* A page whose text layer's trust is below this gets a warning, and with
 * --ocr auto is read by OCR instead (docs/pf-pdftext.md, "Trust"). */
#define PT_TRUST_BAR 0.80
#define PT_TRUST_BAR_TEXT "0.80"
/* Once a page of a document fell below the bar, a font of the document is
 * known to lie, and its later pages are read by OCR unless their text holds
 * up entirely: trust of at least this, and letters in one width each. */
#define PT_TRUST_BAR_SUSPECT 0.97
#define PT_ODD_SUSPECT 0.02

/* trust.c: the trust score of a page's text layer, 0 to 1 (-1: no text),
 * and what went into it. The dictionary is loaded on first need. */
typedef struct pt_trust pt_trust;
typedef struct pt_trust_detail {
	long words;        /* words of letters */
	long bad_chars;    /* U+FFFD, private use, lost after U+0000 */
	long impossible;   /* words no language here spells */
	long odd_widths;   /* letters in two widths in one font and size */
	double odd_share;  /* the largest share of those among one font's letters */
	int swedish;       /* enough Swedish function words to use the dictionary */
	long dict_words;   /* words looked up */
	double dict_share; /* share of those the dictionary knows; -1: none */
} pt_trust_detail;
pt_trust *pt_trust_new(void);
/* Does the word hold up: no letters at all (numbers, "§"), or a word the
 * dictionary knows? 0 without a dictionary. */
int pt_trust_word_ok(pt_trust *t, const char *word);
/* At the process's end: frees t but leaves the dictionary to the exit. */
void pt_trust_free(pt_trust *t);
double pt_trust_page(pt_trust *t, const pt_page *pg, pt_trust_detail *d);

/* ocr.c: renders the page and reads it with tesseract (swe) into *pg, as
 * pt_page_read would from a text layer (pg->ocr set). how: PT_OCR_SCAN, the
 * page's text, if any, is its scan's (or a stamp): rendered at the scan's
 * own resolution, else at 300 dpi; PT_OCR_OVER_LAYER, the words will be
 * laid over a born-digital layer's letters (pt_ocr_borrow_style and
 * pt_ocr_merge_layer): their letters fill each word's box, else they are
 * laid out as in ocrmypdf's layer. The engine is started on first use.
 * Returns PT_OCR_OK, PT_OCR_FAILED (this page: why says why) or
 * PT_OCR_UNAVAILABLE (no engine or no language data: why names the
 * package to install). */
enum { PT_OCR_SCAN = 1, PT_OCR_OVER_LAYER = 2 };
enum { PT_OCR_OK = 0, PT_OCR_FAILED = -1, PT_OCR_UNAVAILABLE = -2 };
typedef struct pt_ocr pt_ocr;
pt_ocr *pt_ocr_new(void);
void pt_ocr_free(pt_ocr *o);
int pt_ocr_page(pt_ocr *o, PopplerPage *page, unsigned how, pt_page *pg, char *why,
		size_t whylen);
/* A text layer that lies about its letters still tells the truth about
 * its fonts: gives each word OCR read on a page (ocr) the font size, bold,
 * italic and vertical extent of the layer's characters under it (layer),
 * so that headings stay bold and lines keep their typeset geometry. Both
 * pages as pt_page_read / pt_ocr_page left them (upright). */
void pt_ocr_borrow_style(pt_page *ocr, const pt_page *layer);

/* Where the layer's words under an OCR word all hold up, they replace it,
 * with their own boxes: OCR misreads what a layer that lies about some
 * letters has right ("1 §" as "18"). Holding up: no letters at all
 * (numbers, "§", dates), or six letters or more that the dictionary knows
 * where OCR's word is unknown. OCR for the rest. */
void pt_ocr_merge_layer(pt_page *ocr, const pt_page *layer, pt_trust *t);

/* NULL when OCR can run, else why not (starts the engine to find out). */
const char *pt_ocr_unavailable(pt_ocr *o);

#endif
