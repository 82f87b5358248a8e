/*
 * pf-pdftext — the first stage: PDF files in, the paragraf record stream out.
 *
 * Records in:  none (reads PDF files)
 * Records out: per document doc, then per page a page record and its line
 *              records, then end; error records for what could not be read
 * Exit codes:  0 every document read (maybe with warnings), 1 one or more
 *              documents could not be read, 2 usage error, 3 output could not
 *              be written
 *
 * docs/pf-pdftext.md describes the records and how lines and spans are made.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "pdftext.h"
#include "records.h"
#include "stage.h"

static const char usage[] =
	"usage: pf-pdftext [--ocr auto|never|always] [--no-trust] [--max-pages N]\n"
	"                  [--files-from LIST] [--source NAME] [FILE...]\n"
	"\n"
	"Reads PDF files (\"-\" reads one from stdin) and writes a paragraf stream:\n"
	"  doc    doc_id source sha256 pages producer title\n"
	"  page   doc_id page width height rotation chars text_layer trust text_source\n"
	"         ocr_image\n"
	"  line   doc_id page line x0 y0 x1 y1 size bold italic text, then the\n"
	"         spans of the line as x0 x1 text triples\n"
	"  end    doc_id pages_read lines text_layer trust ocr_pages\n"
	"  error  doc_id source stage severity message\n"
	"Points, origin top-left of the page turned so that its text reads upright.\n"
	"trust (0 to 1) says how far a page's text layer can be believed: the share\n"
	"of its words that hold up (the Swedish dictionary on Swedish pages, broken\n"
	"characters, impossible letter sequences); below " PT_TRUST_BAR_TEXT " a page gets a warning.\n"
	"A file that cannot be read gives an error record (severity error) and the\n"
	"other files still go through; a page without text or that cannot be read\n"
	"gives a warning record.\n"
	"\n"
	"  --ocr MODE         auto (default): OCR (tesseract, Swedish; a scan at its\n"
	"                     own resolution, else 300 dpi) the pages that are scans\n"
	"                     without text and the pages whose text layer is below\n"
	"                     the trust bar; never; always: every page, whatever its\n"
	"                     text layer. text_source is tesseract on the pages read\n"
	"                     so, text_layer ocr; ocr_image is typeset where OCR\n"
	"                     read the PDF's own fonts, scan where it read a scanned\n"
	"                     image\n"
	"  --no-trust         do not score text layers (trust is null): saves the\n"
	"                     dictionary's load, 0.1 s, and a few per cent a page;\n"
	"                     --ocr auto then reads only scans without text\n"
	"  --files-from LIST  also read the paths in LIST, one per line (\"-\": stdin)\n"
	"  --max-pages N      skip a document with more than N pages (default 10000)\n"
	"  --source NAME      call the PDF read from stdin NAME in the records\n"
	"                     (e.g. the archive member it came from)\n"
	"  --help             print this help\n"
	"  --version          print the version\n"
	"\n"
	PF_EXIT_HELP("one or more documents could not be read, or\n"
		     "needed OCR that cannot run (no tesseract language data): error\n"
		     "records of severity error were written; warnings alone are 0",
		     "the output could not be written");

#define DEFAULT_MAX_PAGES 10000

/* An input named on the command line, in order: a PDF path, or a list. */
typedef struct input {
	const char *path;
	FILE *list; /* --files-from: paths one per line; NULL for a PDF */
} input;

enum { OCR_AUTO, OCR_NEVER, OCR_ALWAYS };

typedef struct run {
	pf_writer w;
	long max_pages;
	const char *stdin_name; /* --source: what "-" is called in records */
	int failed; /* a document could not be read */
	int ocr_mode;        /* OCR_* (--ocr) */
	pt_trust *trust;     /* the dictionary, loaded on first need; NULL:
			      * --no-trust */
	pt_ocr *ocr;         /* tesseract, started on first need */
} run;

/* ---- reading the bytes ---- */

/* Input read into memory (stdin, pipes) stops here: GByteArray counts in
 * guint, and a PDF this big from a pipe is not a council protocol. */
#define MAX_READ_BYTES (1u << 30)

/* Reads all of fd into memory. Returns NULL with errno set on failure. */
static GBytes *read_all(int fd)
{
	GByteArray *buf = g_byte_array_new();
	guint8 chunk[65536];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got > 0 && buf->len + (guint)got > MAX_READ_BYTES) {
			got = -1;
			errno = EFBIG;
		}
		if (got < 0) {
			int e = errno;
			g_byte_array_unref(buf);
			errno = e;
			return NULL;
		}
		if (got == 0)
			break;
		g_byte_array_append(buf, chunk, (guint)got);
	}
	return g_byte_array_free_to_bytes(buf);
}

/* The bytes of a file, mapped when it is a regular file (no copy), read
 * otherwise (stdin, pipes). Returns NULL with errno set on failure. */
static GBytes *load(const char *path, int from_stdin)
{
	if (from_stdin)
		return read_all(STDIN_FILENO);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	GBytes *bytes = NULL;
	if (fstat(fd, &st) < 0) {
		/* errno says why */
	} else if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
	} else {
		GMappedFile *map = NULL;
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			map = g_mapped_file_new_from_fd(fd, FALSE, NULL);
		if (map) {
			bytes = g_mapped_file_get_bytes(map);
			g_mapped_file_unref(map);
		} else {
			bytes = read_all(fd);
		}
	}
	int e = errno;
	close(fd);
	errno = e;
	return bytes;
}

/* A metadata string fit for the stream: valid UTF-8, control characters as
 * spaces, trimmed; NULL when nothing is left. Takes ownership of s. */
static char *clean_meta(char *s)
{
	if (!s)
		return NULL;
	char *v = g_utf8_make_valid(s, -1);
	g_free(s);
	for (char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	g_strstrip(v);
	if (!*v) {
		g_free(v);
		return NULL;
	}
	return v;
}

/* Does a PDF header appear where readers look for one? */
static int looks_like_pdf(const guint8 *data, gsize len)
{
	gsize n = MIN(len, 1024);
	for (gsize i = 0; i + 5 <= n; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

/* ---- one document ---- */

typedef struct layer_count {
	long text_pages, ocr_pages, textless_pages;
	int big_images;     /* a page of the document lay on a page-sized image */
	double trust;       /* the worst page's trust; -1: no page has text */
	long ocred;         /* pages read by our own OCR */
	double ocr_seconds; /* the time they took */
	int ocr_off;        /* OCR cannot run: said once for the document */
	int lied;           /* a page's text layer fell below the trust bar */
	long watched;       /* pages with a text layer read so far (scan watch) */
} layer_count;

/* Finding a page's images costs one more pass over its content (docs/
 * pf-pdftext.md), so a document is watched for scans on its first text
 * pages and then every SCAN_WATCH_EVERY-th, and on every page once one of
 * them lay on a page-sized image. */
#define SCAN_WATCH_FIRST 3
#define SCAN_WATCH_EVERY 8

static int look_for_scan(const layer_count *c)
{
	return c->big_images || c->watched < SCAN_WATCH_FIRST ||
	       c->watched % SCAN_WATCH_EVERY == 0;
}

static const char *text_layer(const layer_count *c)
{
	if (c->text_pages == 0)
		return "none";
	if (c->textless_pages > 0 || (c->ocr_pages > 0 && c->ocr_pages < c->text_pages))
		return "mixed";
	return c->ocr_pages > 0 ? "ocr" : "born_digital";
}

/* A page read and scored but not yet written. A doubtful page (below)
 * waits for the next page that settles it, since a lying font is often
 * first seen plainly a page or two after the first page it spoils
 * (docs/pf-pdftext.md, "Trust"). At most MAX_HELD pages wait: the memory
 * of a few pages. */
#define MAX_HELD 8
typedef struct held_page {
	PopplerPage *page; /* a reference of our own; NULL: none held */
	long no;
	pt_page pg;
	double trust;      /* -1: no text */
	pt_trust_detail td;
	int images;        /* no text, but images: a scan without OCR */
	int below_bar;     /* trust below PT_TRUST_BAR: a font of this page lies */
} held_page;

/* Does the page's text hold up entirely: what a page next to a lying one
 * must show to be believed? */
static int holds_up(const held_page *h)
{
	return h->trust >= PT_TRUST_BAR_SUSPECT && h->td.odd_share <= PT_ODD_SUSPECT;
}

/* Is the page's text layer to be trusted? Below the bar it is not; and a
 * page that does not hold up entirely is not either when its document lied
 * before it or the next page lies. An OCR layer of another engine is
 * judged by the bar alone (its letters are spread evenly, not typeset). */
static int trusted(const held_page *h, const layer_count *layer, int next_lies)
{
	if (h->trust < 0)
		return 1;
	if (h->below_bar)
		return 0;
	if (h->pg.ocr)
		return 1;
	return !(layer->lied || next_lies) || holds_up(h);
}

/* Why the page should be OCR'd (a short phrase), or NULL. */
static const char *ocr_reason(const run *r, const held_page *h, int trust_ok)
{
	if (r->ocr_mode == OCR_ALWAYS)
		return "--ocr always";
	if (r->ocr_mode == OCR_NEVER)
		return NULL;
	if (h->pg.nonspace == 0)
		return h->images ? "no text layer" : NULL;
	if (h->pg.unread_scan)
		return "a scan with only a stamp of text";
	/* another engine's OCR layer is kept unless it is below the bar:
	 * reading the scan again costs seconds a page */
	if (!trust_ok)
		return "text layer not to be trusted";
	return NULL;
}

/* Reads the page with tesseract into *pg (replacing the text layer) when it
 * should be; returns 1 when it did. A page that cannot be OCR'd keeps its
 * text layer and gets a warning; OCR that cannot run at all is one error
 * of severity error for the document. */
static int maybe_ocr(run *r, const char *id, const char *source, PopplerPage *page, long no,
		     pt_page *pg, const char *why_ocr, layer_count *layer)
{
	if (!why_ocr || layer->ocr_off)
		return 0;
	char why[512];
	pt_page opg;
	gint64 t0 = g_get_monotonic_time();
	/* a scan (its text, if any, is the scan's, or a stamp) is read at its
	 * own resolution; OCR's words are laid over the letters of a
	 * born-digital layer (a stamp's too) below */
	int over_layer = pg->nonspace > 0 && !pg->ocr;
	unsigned how = (pg->nonspace == 0 || pg->ocr || pg->unread_scan ? PT_OCR_SCAN : 0) |
		       (over_layer ? PT_OCR_OVER_LAYER : 0);
	int st = pt_ocr_page(r->ocr, page, how, &opg, why, sizeof why);
	layer->ocr_seconds += (double)(g_get_monotonic_time() - t0) / 1e6;
	if (st == PT_OCR_UNAVAILABLE) {
		layer->ocr_off = 1;
		r->failed = 1;
		pf_put_error(&r->w, id, source, PT_STAGE, "error",
			     "page %ld needs OCR (%s), which cannot run: %s", no, why_ocr, why);
		return 0;
	}
	if (st == PT_OCR_FAILED) {
		pf_put_error(&r->w, id, source, PT_STAGE, "warning", "page %ld: OCR failed: %s",
			     no, why);
		return 0;
	}
	/* a born-digital layer that lies about its letters: its fonts are
	 * still the page's (an OCR layer's are not) */
	if (over_layer) {
		pt_ocr_borrow_style(&opg, pg);
		if (r->ocr_mode != OCR_ALWAYS)
			pt_ocr_merge_layer(&opg, pg, r->trust);
	}
	pt_page_clear(pg);
	*pg = opg;
	layer->ocred++;
	return 1;
}

/* Is the page doubtful: its text layer neither below the bar nor holding
 * up entirely, in a document that has not lied yet? Whether it is OCR'd
 * depends then on the pages after it. */
static int doubtful(const held_page *h, const layer_count *layer)
{
	return h->trust >= 0 && !h->pg.ocr && !h->below_bar && !holds_up(h) && !layer->lied;
}

/* Writes the pages held, in order, OCR'ing them first when the page after
 * them lies (they are doubtful); returns their lines. */
static long write_page(run *r, const char *id, const char *source, held_page *h,
		       layer_count *layer, int next_lies);
static long write_held(run *r, const char *id, const char *source, held_page *held,
		       int *nheld, layer_count *layer, int next_lies)
{
	long lines = 0;
	for (int k = 0; k < *nheld; k++)
		lines += write_page(r, id, source, &held[k], layer, next_lies);
	*nheld = 0;
	return lines;
}

/* Reads and scores one page into *h, which holds a reference to it. */
static void read_page(run *r, PopplerPage *page, long no, layer_count *layer, held_page *h)
{
	memset(h, 0, sizeof *h);
	h->page = g_object_ref(page);
	h->no = no;
	pt_page_read(page, &h->pg, look_for_scan(layer));
	layer->big_images |= h->pg.big_image;
	layer->watched += h->pg.nonspace > 0;
	h->td.dict_share = -1;
	h->trust = r->trust ? pt_trust_page(r->trust, &h->pg, &h->td) : -1;
	h->images = h->pg.nonspace == 0 && pt_page_has_images(page);
	h->below_bar = h->trust >= 0 && h->trust < PT_TRUST_BAR;
}

/* Writes the page record and the lines of the held page, OCR'd first when
 * it should be, and lets it go; returns its lines. next_lies: the page
 * after it is below the trust bar. */
static long write_page(run *r, const char *id, const char *source, held_page *h,
		       layer_count *layer, int next_lies)
{
	long no = h->no, lines = 0;
	pt_page *pg = &h->pg;
	const pt_trust_detail *td = &h->td;

	if (h->trust >= 0 && (layer->trust < 0 || h->trust < layer->trust))
		layer->trust = h->trust;
	int trust_ok = trusted(h, layer, next_lies);
	const char *why_ocr = ocr_reason(r, h, trust_ok);
	if (!trust_ok) {
		char dict[96] = "";
		if (td->dict_share >= 0)
			g_snprintf(dict, sizeof dict, "%ld of %ld words in the dictionary, ",
				   lround(td->dict_share * (double)td->dict_words), td->dict_words);
		pf_put_error(&r->w, id, source, PT_STAGE, "warning",
			     "page %ld: the text layer is not to be trusted (trust %.2f%s: %s%ld "
			     "broken characters, %ld impossible words, %.0f %% of a font's letters "
			     "in a second width)%s", no, h->trust,
			     h->below_bar ? "" : ", a page next to it lies",
			     dict, td->bad_chars, td->impossible, 100 * td->odd_share,
			     why_ocr ? ": read by OCR instead" : r->ocr_mode == OCR_NEVER ?
			     ": OCR is off (--ocr never)" : "");
	}
	if (h->below_bar)
		layer->lied = 1;
	int unread_scan = pg->unread_scan;
	/* a born-digital layer, not a stamp on a scan: OCR reads the PDF's own
	 * fonts rendered, not a scanned image (ocr_image below) */
	int typeset = pg->nonspace > 0 && !pg->ocr && !unread_scan;
	int ocred = maybe_ocr(r, id, source, h->page, no, pg, why_ocr, layer);
	int ocr = pg->ocr;

	pf_begin(&r->w, PF_PAGE);
	pf_put_str(&r->w, id);
	pf_put_long(&r->w, no);
	pf_put_coord(&r->w, pg->width);
	pf_put_coord(&r->w, pg->height);
	pf_put_long(&r->w, pg->rotation);
	pf_put_long(&r->w, pg->nonspace);
	pf_put_str(&r->w, pg->nonspace == 0 ? "none" : ocr ? "ocr" : "born_digital");
	if (h->trust >= 0)
		pf_put_coord(&r->w, h->trust);
	else
		pf_put_null(&r->w);
	pf_put_str(&r->w, ocred ? "tesseract" : "pdf");
	if (pg->nonspace > 0 && ocr)
		pf_put_str(&r->w, ocred && typeset ? "typeset" : "scan");
	else
		pf_put_null(&r->w);
	pf_end(&r->w);

	/* a scan's OCR text: its hyphens may be en dashes (the pixels say) */
	if (pg->nonspace > 0 && ocr && !(ocred && typeset))
		pt_scan_dashes(h->page, pg);
	if (pg->nonspace > 0) {
		layer->text_pages++;
		layer->ocr_pages += ocr;
		long clipped;
		lines = pt_write_lines(&r->w, id, no, pg, ocr, &clipped);
		if (clipped > 0)
			pf_put_error(&r->w, id, source, PT_STAGE, "warning",
				     "page %ld: %ld line%s longer than %d bytes cut there", no,
				     clipped, clipped == 1 ? "" : "s", PT_MAX_LINE_BYTES);
		if (pg->unread_scan) {
			/* the publisher's stamp on a scanned attachment is all
			 * the text: the page reads as good as textless */
			layer->textless_pages++;
			pf_put_error(&r->w, id, source, PT_STAGE, "warning",
				     "page %ld: a scanned image with only %ld characters of text "
				     "beside its ink: needs OCR", no, pg->nonspace);
		}
	} else if (ocred) {
		/* a picture without words: nothing to read, but say so */
		pf_put_error(&r->w, id, source, PT_STAGE, "warning",
			     "page %ld: OCR found no text on the page", no);
	} else if (h->images || unread_scan) {
		/* a blank page (no text, no image) needs nothing */
		layer->textless_pages++;
		pf_put_error(&r->w, id, source, PT_STAGE, "warning",
			     "page %ld: no text layer: needs OCR", no);
	}
	if (pg->lost > 0)
		pf_put_error(&r->w, id, source, PT_STAGE, "warning",
			     "page %ld: %ld characters lost after a U+0000 in the text (broken font)",
			     no, pg->lost);
	pt_page_clear(pg);
	g_object_unref(h->page);
	h->page = NULL;
	return lines;
}

/* Reads one PDF and writes its records. Returns 0, or -1 when it could not
 * be read at all: an error record says why. A page that cannot be read, or
 * has no text, gives a warning record and the rest goes on. */
static int do_document(run *r, const char *source, int from_stdin)
{
	pf_writer *w = &r->w;
	GBytes *bytes = load(source, from_stdin);
	if (!bytes) {
		pf_put_error(w, NULL, source, PT_STAGE, "error", "cannot open: %s",
			     strerror(errno));
		return -1;
	}

	gsize len;
	const guint8 *data = g_bytes_get_data(bytes, &len);
	char sha[65], id[17];
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, data ? data : (const guint8 *)"", (gssize)len);
	g_strlcpy(sha, g_checksum_get_string(ck), sizeof sha);
	g_checksum_free(ck);
	g_strlcpy(id, sha, sizeof id);

	if (len == 0) {
		pf_put_error(w, id, source, PT_STAGE, "error", "empty file");
		g_bytes_unref(bytes);
		return -1;
	}

	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		if (g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
			pf_put_error(w, id, source, PT_STAGE, "error", "encrypted: needs a password");
		else
			pf_put_error(w, id, source, PT_STAGE, "error", "%s: %s",
				     looks_like_pdf(data, len) ? "damaged PDF" : "not a PDF",
				     err ? err->message : "unknown error");
		g_clear_error(&err);
		g_bytes_unref(bytes);
		return -1;
	}

	int npages = poppler_document_get_n_pages(doc);
	if (npages <= 0 || npages > r->max_pages) {
		if (npages <= 0)
			pf_put_error(w, id, source, PT_STAGE, "error", "damaged PDF: no pages");
		else
			pf_put_error(w, id, source, PT_STAGE, "error",
				     "too many pages: %d (--max-pages %ld)", npages, r->max_pages);
		g_object_unref(doc);
		g_bytes_unref(bytes);
		return -1;
	}

	char *producer = clean_meta(poppler_document_get_producer(doc));
	char *title = clean_meta(poppler_document_get_title(doc));
	pf_begin(w, PF_DOC);
	pf_put_str(w, id);
	pf_put_str(w, source);
	pf_put_str(w, sha);
	pf_put_long(w, npages);
	pf_put_str(w, producer);
	pf_put_str(w, title);
	pf_end(w);
	g_free(producer);
	g_free(title);

	layer_count layer = { .trust = -1 };
	long lines = 0, pages_read = 0;
	held_page held[MAX_HELD];
	int nheld = 0;
	for (int i = 0; i < npages && !ferror(w->out); i++) {
		/* each page is fetched once and let go once written: poppler
		 * re-extracts a page fetched again, and live pages cost memory */
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page) {
			/* the document is there, one page of it is not */
			lines += write_held(r, id, source, held, &nheld, &layer, 0);
			pf_put_error(w, id, source, PT_STAGE, "warning",
				     "page %d: cannot read the page (damaged PDF)", i + 1);
			continue;
		}
		held_page *h = &held[nheld];
		read_page(r, page, i + 1, &layer, h);
		g_object_unref(page);
		pages_read++;
		if (doubtful(h, &layer)) {
			/* wait for a page that settles it */
			if (++nheld == MAX_HELD)
				lines += write_held(r, id, source, held, &nheld, &layer, 0);
			continue;
		}
		/* h settles the pages held before it: they lie with it or hold
		 * up with it; then it is written itself */
		lines += write_held(r, id, source, held, &nheld, &layer, h->below_bar);
		lines += write_page(r, id, source, h, &layer, 0);
	}
	lines += write_held(r, id, source, held, &nheld, &layer, 0);

	pf_begin(w, PF_END);
	pf_put_str(w, id);
	pf_put_long(w, pages_read);
	pf_put_long(w, lines);
	pf_put_str(w, text_layer(&layer));
	if (layer.trust >= 0)
		pf_put_coord(w, layer.trust);
	else
		pf_put_null(w);
	pf_put_long(w, layer.ocred);
	pf_end(w);
	if (layer.ocred > 0)
		/* the cost of OCR, per document: seconds do not belong in the
		 * stream (the same input gives the same bytes) */
		pf_msg("%s: OCR read %ld page%s in %.1f s (%.1f s a page)", source, layer.ocred,
		       layer.ocred == 1 ? "" : "s", layer.ocr_seconds,
		       layer.ocr_seconds / (double)layer.ocred);

	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}

/* Reads the paths of a --files-from list, one per line; empty lines are
 * skipped and a trailing CR is dropped. */
static void do_list(run *r, FILE *list)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, list)) > 0 && !ferror(r->w.out)) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (do_document(r, line, 0) < 0)
			r->failed = 1;
	}
	if (ferror(list)) {
		pf_msg("cannot read the --files-from list: %s", strerror(errno));
		r->failed = 1;
	}
	free(line);
}

/* ---- options ---- */

static void close_lists(input *in, int n)
{
	for (int i = 0; i < n; i++)
		if (in[i].list && in[i].list != stdin)
			fclose(in[i].list);
}

/*
 * A scanned page decodes to some 15 MB (poppler_page_get_image, the render
 * for OCR). glibc gives blocks that big their own mmap and unmaps them on
 * free, so every page paid the kernel for faulting fresh zeroed memory
 * again: a third to two thirds of pf-pdftext's time on scans. Kept on the
 * heap, the next page reuses the same memory; peak memory does not grow.
 */
static void keep_big_blocks(void)
{
	mallopt(M_MMAP_THRESHOLD, 192 << 20);
	mallopt(M_TRIM_THRESHOLD, 384 << 20);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "max-pages", required_argument, NULL, 'm' },
		{ "files-from", required_argument, NULL, 'f' },
		{ "source", required_argument, NULL, 's' },
		{ "ocr", required_argument, NULL, 'o' },
		{ "no-trust", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	run r = { .max_pages = DEFAULT_MAX_PAGES };
	input *in = g_new0(input, argc > 0 ? argc : 1);
	int nin = 0, stdin_uses = 0, c, status, no_trust = 0;
	char *end;

	pf_set_prog(argv[0]);
	keep_big_blocks();
	opterr = 0;
	/* "-" first: operands come back in order, as option 1 */
	while ((c = getopt_long(argc, argv, "-:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			stdin_uses += strcmp(optarg, "-") == 0;
			in[nin++] = (input){ .path = optarg };
			break;
		case 'f':
			if (strcmp(optarg, "-") == 0) {
				stdin_uses++;
				in[nin++] = (input){ .path = optarg, .list = stdin };
				break;
			}
			in[nin].list = fopen(optarg, "r");
			if (!in[nin].list) {
				pf_msg("cannot open --files-from list '%s': %s", optarg,
				       strerror(errno));
				status = PF_EXIT_USAGE;
				goto done;
			}
			in[nin++].path = optarg;
			break;
		case 's':
			r.stdin_name = optarg;
			break;
		case 'T':
			no_trust = 1;
			break;
		case 'o':
			if (strcmp(optarg, "auto") == 0)
				r.ocr_mode = OCR_AUTO;
			else if (strcmp(optarg, "never") == 0)
				r.ocr_mode = OCR_NEVER;
			else if (strcmp(optarg, "always") == 0)
				r.ocr_mode = OCR_ALWAYS;
			else {
				status = pf_usage_error(NULL, "--ocr is auto, never or always, not '%s'", optarg);
				goto done;
			}
			break;
		case 'm':
			errno = 0;
			r.max_pages = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || r.max_pages < 1 || r.max_pages > INT_MAX) {
				status = pf_usage_error(NULL, "--max-pages needs a whole number from 1, not '%s'",
						     optarg);
				goto done;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			status = fclose(stdout) == 0 ? PF_EXIT_OK : PF_EXIT_IO;
			goto done;
		case 'V':
			printf("%s %s\n", PT_STAGE, PF_VERSION);
			status = fclose(stdout) == 0 ? PF_EXIT_OK : PF_EXIT_IO;
			goto done;
		default:
			status = pf_bad_option(NULL, argv, c);
			goto done;
		}
	}
	/* after "--" */
	for (; optind < argc; optind++) {
		stdin_uses += strcmp(argv[optind], "-") == 0;
		in[nin++] = (input){ .path = argv[optind] };
	}
	if (nin == 0) {
		status = pf_usage_error(NULL, "no input: name PDF files, \"-\" or --files-from LIST");
		goto done;
	}
	if (stdin_uses > 1) {
		status = pf_usage_error(NULL, "stdin (\"-\") can be read only once");
		goto done;
	}

	r.trust = no_trust ? NULL : pt_trust_new();
	r.ocr = pt_ocr_new();
	pf_writer_init(&r.w, stdout);
	for (int i = 0; i < nin && !ferror(stdout); i++) {
		if (in[i].list)
			do_list(&r, in[i].list);
		else if (strcmp(in[i].path, "-") == 0 ?
				 do_document(&r, r.stdin_name ? r.stdin_name : "-", 1) < 0 :
				 do_document(&r, in[i].path, 0) < 0)
			r.failed = 1;
	}
	status = pf_stage_close(&r.w, r.failed ? PF_EXIT_DOCS_FAILED : PF_EXIT_OK);
done:
	pt_trust_free(r.trust);
	pt_ocr_free(r.ocr);
	close_lists(in, nin);
	g_free(in);
	return status;
}
