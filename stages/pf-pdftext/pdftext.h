/*
 * pf-pdftext internals, shared by its three files:
 *
 *   main.c   options, reading the inputs, doc / end / error records
 *   page.c   one PopplerPage -> characters with boxes and styles
 *            (text, layout and attributes fetched once; rotation; NUL)
 *   lines.c  characters -> tokens -> lines -> spans, and the line records
 *   scan.c   is the text an OCR layer over a scanned image?
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

/* scan.c: is most of the text (ch[0..n), page coordinates, not yet turned
 * upright) over dark pixels of the page's images, one of which covers half
 * the page or more (TEXT_ON_INK)? Or is the page a scan with next to no
 * text, a stamp beside its ink (UNREAD)? Returns PT_SCAN_* bits. */
enum { PT_SCAN_BIG_IMAGE = 1, PT_SCAN_TEXT_ON_INK = 2, PT_SCAN_UNREAD = 4 };
int pt_text_on_scan(PopplerPage *page, const pt_char *ch, size_t n, long nonspace);

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

#endif
