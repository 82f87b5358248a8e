/*
 * pf-normalize — fix what PDF text extraction and OCR leave behind.
 *
 * Records in:  line (repaired), everything else passed through in order
 * Records out: line; furniture (a line that is a running header, footer,
 *              page number or signature row: same fields as line); trace
 *              (with --trace: one per changed line and kind of repair)
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 *
 * Furniture is found by comparing a page with its neighbours, and a word
 * hyphenated at the foot of a page goes on at the top of the next, so pages
 * are held in a window of WINDOW pages: memory is bounded by a few pages,
 * never by the document.
 */
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "normalize.h"
#include "records.h"
#include "stage.h"

#define WINDOW 5        /* pages held: two written, the one to write, two ahead */
#define AHEAD 2

static const char usage[] =
	"usage: pf-normalize [--stats] [--trace] [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and repairs the text\n"
	"of its line records: Unicode NFC, ligatures, odd spaces, dashes and quotes\n"
	"(to the canonical set of docs/pf-normalize.md), control characters, words\n"
	"hyphenated over a line break, numbers split over a line break, digits and\n"
	"the paragraph sign misread by OCR, and protocol words misread by OCR.\n"
	"Running headers, footers, page numbers and signature rows become furniture\n"
	"records. Other records pass through unchanged.\n"
	"\n"
	"  --stats   print the number of repairs of each kind on stderr\n"
	"  --trace   add a trace record (before, after) for every changed line\n"
	"\n"
	PF_EXIT_HELP_FILTER;

const char *const nz_repair_name[NZ_NREPAIR] = {
	[NZ_NFC] = "nfc", [NZ_LIGATURE] = "ligature", [NZ_SOFT_HYPHEN] = "soft_hyphen",
	[NZ_SPACE] = "space", [NZ_DASH] = "dash", [NZ_QUOTE] = "quote",
	[NZ_CONTROL] = "control", [NZ_BULLET] = "bullet", [NZ_WHITESPACE] = "whitespace",
	[NZ_OCR_DIGIT] = "ocr_digit", [NZ_PARAGRAPH_SIGN] = "paragraph_sign",
	[NZ_LEXICON] = "lexicon", [NZ_HYPHEN_JOIN] = "hyphen_join",
	[NZ_NUMBER_JOIN] = "number_join", [NZ_FURNITURE] = "furniture",
	[NZ_WORD_JOIN] = "word_join", [NZ_WORD_SPLIT] = "word_split",
	[NZ_OCR_SPACE] = "ocr_space", [NZ_OCR_SIGN] = "ocr_sign",
	[NZ_OCR_LETTER] = "ocr_letter",
};

/* A record held with its page: a line, or any other record kept verbatim. */
typedef struct item {
	nz_line *line;
	char *raw;
	size_t raw_len;
} item;

typedef struct page_buf {
	nz_page pg;
	char *raw;          /* the page record */
	size_t raw_len;
	item *items;
	size_t nitems;
	GPtrArray *traces;  /* trace records of this page's lines (--trace) */
	int marked, written;
	int ocr;            /* text_layer "ocr": words.c repairs its words */
} page_buf;

typedef struct state {
	nz_ctx cx;
	pf_writer *out;
	char *doc;          /* the document whose pages are held */
	nz_words *words;    /* dictionary and the document's words (words.c) */
	page_buf *win[WINDOW];
	int nwin;
} state;

char *nz_line_text(const nz_line *l)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < l->nspan; i++) {
		if (i)
			g_string_append_c(s, ' ');
		g_string_append(s, l->span[i].text);
	}
	return g_string_free(s, FALSE);
}

void nz_note(nz_ctx *cx, enum nz_repair kind, const nz_line *l,
	     const char *before, const char *after)
{
	cx->count[kind]++;
	if (!cx->trace)
		return;
	char *rec = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&rec, &len);
	if (!mem)
		return;
	pf_writer w = { .out = mem };
	pf_begin(&w, "trace");
	pf_put_str(&w, cx->doc);
	pf_put_long(&w, l->page);
	pf_put_long(&w, l->no);
	pf_put_str(&w, nz_repair_name[kind]);
	pf_put_str(&w, before);
	pf_put_str(&w, after);
	fclose(mem);
	cx->trace_sink(cx->sink_arg, l->page, rec, len);
}

/* ---- reading a line and the repairs that need only the line ---- */

static nz_line *read_line(const pf_record *rec)
{
	nz_line *l = g_new0(nz_line, 1);
	pf_line_fields f;
	pf_line_fields_read(rec, &f);
	*l = (nz_line){ .page = f.page, .no = f.no, .x0 = f.x0, .y0 = f.y0, .x1 = f.x1,
			.y1 = f.y1, .size = f.size, .bold = f.bold, .italic = f.italic };
	/* a line without spans is one span */
	l->span = g_new0(nz_span, f.nspan ? f.nspan : 1);
	if (f.nspan == 0)
		l->span[l->nspan++] = (nz_span){ l->x0, l->x1, g_strdup(f.text) };
	for (size_t i = 0; i < f.nspan; i++) {
		nz_span *s = &l->span[l->nspan++];
		s->text = g_strdup(pf_line_span(rec, &f, i, &s->x0, &s->x1));
	}
	return l;
}

static void free_line(nz_line *l)
{
	for (size_t i = 0; i < l->nspan; i++)
		g_free(l->span[i].text);
	g_free(l->span);
	g_free(l);
}

/* Runs one repair over the line and traces it if the text changed. */
static void traced(nz_ctx *cx, nz_line *l, enum nz_repair kind, int (*repair)(nz_ctx *, nz_line *))
{
	char *before = nz_line_text(l);
	int n = repair(cx, l);
	if (n > 0) {
		char *after = nz_line_text(l);
		cx->count[kind] += (unsigned long)n - 1;
		nz_note(cx, kind, l, before, after);
		g_free(after);
	}
	g_free(before);
}

static int repair_digits(nz_ctx *cx, nz_line *l)
{
	(void)cx;
	int n = 0;
	for (size_t i = 0; i < l->nspan; i++)
		n += nz_repair_ocr_digits(&l->span[i].text);
	return n;
}

/* The document's text size so far: the size most characters have. */
static double body_size(const nz_ctx *cx, unsigned long *total)
{
	int best = 0;
	*total = 0;
	for (int i = 0; i < 64; i++) {
		*total += cx->size_chars[i];
		if (cx->size_chars[i] > cx->size_chars[best])
			best = i;
	}
	return best;
}

static int repair_sign(nz_ctx *cx, nz_line *l)
{
	unsigned long seen;
	double body = body_size(cx, &seen);
	int heading_sized = seen > 500 && l->size >= body + 1.5;
	return nz_repair_paragraph_sign(l, &cx->last_para, heading_sized);
}

static int repair_lexicon(nz_ctx *cx, nz_line *l)
{
	(void)cx;
	int n = 0;
	for (size_t i = 0; i < l->nspan; i++)
		n += nz_repair_lexicon(&l->span[i].text);
	return n;
}

/* Adds a line's repair counts to the totals and writes one trace record
 * for them, under the kind that changed it most (if any did). */
static void note_counts(nz_ctx *cx, const nz_line *l, const char *before,
			const unsigned long counts[NZ_NREPAIR])
{
	int top = -1;
	for (int k = 0; k < NZ_NREPAIR; k++) {
		cx->count[k] += counts[k];
		if (counts[k] && (top < 0 || counts[k] > counts[top]))
			top = k;
	}
	if (top >= 0) {
		char *after = nz_line_text(l);
		cx->count[top]--; /* nz_note counts it again */
		nz_note(cx, (enum nz_repair)top, l, before, after);
		g_free(after);
	}
}

/* The repairs that need only the line itself (and whether its page is
 * OCR'd). Character repairs are many small ones: each is counted, and the
 * line gets one trace record under the kind that changed it most. */
static void repair_line(nz_ctx *cx, nz_line *l, int ocr)
{
	unsigned long counts[NZ_NREPAIR] = { 0 };
	char *before = nz_line_text(l);
	for (size_t i = 0; i < l->nspan; i++) {
		l->span[i].text = nz_repair_chars(l->span[i].text, counts);
		if (ocr)
			l->span[i].text = nz_repair_ocr_punct(l->span[i].text, counts);
	}
	note_counts(cx, l, before, counts);
	g_free(before);
	traced(cx, l, NZ_OCR_DIGIT, repair_digits);
	traced(cx, l, NZ_PARAGRAPH_SIGN, repair_sign);
	/* range first: a size from the stream can be huge or nan, and a
	 * double that does not fit an int is undefined behaviour to cast */
	double sz = l->size + 0.5;
	if (sz >= 0 && sz < 64)
		for (size_t i = 0; i < l->nspan; i++)
			cx->size_chars[(int)sz] += strlen(l->span[i].text);
	traced(cx, l, NZ_LEXICON, repair_lexicon);
}

/* ---- writing ---- */

static void write_line(state *st, const nz_line *l)
{
	pf_writer *w = st->out;
	if (l->dropped)
		return;
	pf_begin(w, l->furniture ? "furniture" : PF_LINE);
	pf_put_str(w, st->doc);
	pf_put_long(w, l->page);
	pf_put_long(w, l->no);
	pf_put_coord(w, l->x0);
	pf_put_coord(w, l->y0);
	pf_put_coord(w, l->x1);
	pf_put_coord(w, l->y1);
	pf_put_coord(w, l->size);
	pf_put_long(w, l->bold);
	pf_put_long(w, l->italic);
	char *text = nz_line_text(l);
	pf_put_str(w, text);
	g_free(text);
	for (size_t i = 0; i < l->nspan; i++) {
		pf_put_coord(w, l->span[i].x0);
		pf_put_coord(w, l->span[i].x1);
		pf_put_str(w, l->span[i].text);
	}
	pf_end(w);
}

static void write_raw(pf_writer *w, const char *raw, size_t n)
{
	fwrite(raw, 1, n, w->out);
	putc('\n', w->out);
}

static void mark(state *st, int k)
{
	page_buf *pb = st->win[k];
	if (pb->marked)
		return;
	nz_page *others[WINDOW];
	size_t n = 0;
	for (int j = 0; j < st->nwin; j++)
		if (j != k)
			others[n++] = &st->win[j]->pg;
	nz_mark_furniture(&pb->pg, others, n);
	for (size_t i = 0; i < pb->pg.nline; i++) {
		nz_line *l = pb->pg.line[i];
		if (!l->furniture)
			continue;
		char *text = nz_line_text(l);
		nz_note(&st->cx, NZ_FURNITURE, l, text, text);
		g_free(text);
	}
	pb->marked = 1;
}

/* The first line of the page that is text, not furniture, or NULL. */
static nz_line *first_body_line(page_buf *pb)
{
	for (size_t i = 0; i < pb->pg.nline; i++)
		if (!pb->pg.line[i]->furniture && !pb->pg.line[i]->dropped)
			return pb->pg.line[i];
	return NULL;
}

/* The word repairs of an OCR'd line, counted and traced like repair_line's. */
static void repair_words(state *st, nz_line *l)
{
	unsigned long counts[NZ_NREPAIR] = { 0 };
	char *before = nz_line_text(l);
	if (nz_words_repair(st->words, l, counts) > 0)
		note_counts(&st->cx, l, before, counts);
	g_free(before);
}

/* Joins lines within page k, and its last line with the next page's first,
 * then writes the page. */
static void write_page(state *st, int k)
{
	page_buf *pb = st->win[k];
	mark(st, k);
	nz_line *prev = NULL;
	for (size_t i = 0; i < pb->pg.nline; i++) {
		nz_line *l = pb->pg.line[i];
		if (l->furniture || l->dropped)
			continue;
		if (prev)
			nz_join_lines(&st->cx, prev, l);
		prev = l;
	}
	if (prev && k + 1 < st->nwin) {
		mark(st, k + 1);
		nz_line *next = first_body_line(st->win[k + 1]);
		if (next)
			nz_join_lines(&st->cx, prev, next);
	}
	/* after the joins: a word hyphenated over two lines is whole by now */
	for (size_t i = 0; pb->ocr && i < pb->pg.nline; i++)
		if (!pb->pg.line[i]->furniture && !pb->pg.line[i]->dropped)
			repair_words(st, pb->pg.line[i]);
	if (pb->raw)
		write_raw(st->out, pb->raw, pb->raw_len);
	for (size_t i = 0; i < pb->nitems; i++) {
		if (pb->items[i].line)
			write_line(st, pb->items[i].line);
		else
			write_raw(st->out, pb->items[i].raw, pb->items[i].raw_len);
	}
	if (pb->traces) {
		for (guint i = 0; i < pb->traces->len; i++)
			write_raw(st->out, pb->traces->pdata[i], strlen(pb->traces->pdata[i]));
		g_ptr_array_set_size(pb->traces, 0);
	}
	pb->written = 1;
}

static void free_page(page_buf *pb)
{
	for (size_t i = 0; i < pb->nitems; i++) {
		if (pb->items[i].line)
			free_line(pb->items[i].line);
		g_free(pb->items[i].raw);
	}
	g_free(pb->items);
	if (pb->traces)
		g_ptr_array_free(pb->traces, TRUE);
	g_free(pb->pg.line);
	g_free(pb->raw);
	g_free(pb);
}

/* Writes every held page not yet written and forgets the document. */
static void flush_doc(state *st)
{
	for (int k = 0; k < st->nwin; k++)
		if (!st->win[k]->written)
			write_page(st, k);
	for (int k = 0; k < st->nwin; k++)
		free_page(st->win[k]);
	st->nwin = 0;
	g_free(st->doc);
	st->doc = NULL;
	st->cx.doc = NULL;
	st->cx.last_para = 0;
	memset(st->cx.size_chars, 0, sizeof st->cx.size_chars);
	nz_words_forget(st->words);
}

static void add_item(page_buf *pb, nz_line *line, const pf_record *rec)
{
	pb->items = g_renew(item, pb->items, pb->nitems + 1);
	item *it = &pb->items[pb->nitems++];
	it->line = line;
	it->raw = line ? NULL : g_memdup2(rec->raw, rec->raw_len);
	it->raw_len = line ? 0 : rec->raw_len;
	if (line) {
		pb->pg.line = g_renew(nz_line *, pb->pg.line, pb->pg.nline + 1);
		pb->pg.line[pb->pg.nline++] = line;
	}
}

/* A new page: write the middle of the window once enough pages follow it,
 * and forget the oldest once the window is full. */
static void start_page(state *st, const pf_record *rec)
{
	long v;
	double d;
	if (st->nwin == WINDOW) {
		free_page(st->win[0]);
		memmove(st->win, st->win + 1, (WINDOW - 1) * sizeof st->win[0]);
		st->nwin--;
	}
	page_buf *pb = g_new0(page_buf, 1);
	pb->pg.no = pf_field_long(rec, PF_PAGE_NO, &v) == 0 ? v : st->nwin + 1;
	pb->pg.width = pf_field_double(rec, PF_PAGE_WIDTH, &d) == 0 ? d : 595;
	pb->pg.height = pf_field_double(rec, PF_PAGE_HEIGHT, &d) == 0 ? d : 842;
	pb->raw = g_memdup2(rec->raw, rec->raw_len);
	pb->raw_len = rec->raw_len;
	const char *layer = pf_field(rec, PF_PAGE_LAYER);
	pb->ocr = layer && strcmp(layer, "ocr") == 0;
	st->win[st->nwin++] = pb;
	/* the page AHEAD before this one now has AHEAD pages after it */
	int k = st->nwin - 1 - AHEAD - 1;
	if (k >= 0 && !st->win[k]->written)
		write_page(st, k);
}

/* Keeps a trace record with the held page of its line, so that it comes
 * out after that page's records; a page already written (a join reaching
 * back) or not held gets it with the page being written now. */
static void trace_sink(void *arg, long page, char *record, size_t len)
{
	state *st = arg;
	page_buf *pb = NULL;
	(void)len;
	for (int k = 0; k < st->nwin && !pb; k++)
		if (st->win[k]->pg.no == page && !st->win[k]->written)
			pb = st->win[k];
	for (int k = 0; k < st->nwin && !pb; k++)
		if (!st->win[k]->written)
			pb = st->win[k];
	if (!pb) {
		write_raw(st->out, record, strlen(record));
		free(record);
		return;
	}
	if (!pb->traces)
		pb->traces = g_ptr_array_new_with_free_func(free);
	g_ptr_array_add(pb->traces, record);
}

static int same_doc(const state *st, const char *doc)
{
	return st->doc && doc && strcmp(st->doc, doc) == 0;
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	state *st = ctx;
	const char *doc = pf_field(rec, PF_FIELD_DOC);
	st->out = w;
	if (st->nwin > 0 && doc && !same_doc(st, doc))
		flush_doc(st);
	if (pf_record_is(rec, PF_PAGE) && doc) {
		if (!st->doc) {
			st->doc = g_strdup(doc);
			st->cx.doc = st->doc;
		}
		start_page(st, rec);
	} else if (pf_record_is(rec, PF_LINE) && st->nwin > 0) {
		nz_line *l = read_line(rec);
		repair_line(&st->cx, l, st->win[st->nwin - 1]->ocr);
		if (st->win[st->nwin - 1]->ocr)
			for (size_t i = 0; i < l->nspan; i++)
				nz_words_learn(st->words, l->span[i].text);
		add_item(st->win[st->nwin - 1], l, NULL);
	} else if (pf_record_is(rec, PF_END) || st->nwin == 0) {
		if (st->nwin > 0)
			flush_doc(st);
		if (pf_record_is(rec, PF_LINE)) {
			/* a line before any page record: repaired, not held */
			nz_line *l = read_line(rec);
			char *d = st->doc;
			st->doc = (char *)doc;
			st->cx.doc = doc;
			repair_line(&st->cx, l, 0);
			write_line(st, l);
			st->doc = d;
			st->cx.doc = d;
			free_line(l);
		} else {
			pf_put_raw(w, rec);
		}
	} else {
		add_item(st->win[st->nwin - 1], NULL, rec);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stats", no_argument, NULL, 's' },
		{ "trace", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, stats = 0, trace = 0;
	pf_set_prog(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (c) {
		case 's': stats = 1; break;
		case 't': trace = 1; break;
		case 'h': fputs(usage, stdout); return PF_EXIT_OK;
		case 'V': puts("pf-normalize " PF_VERSION); return PF_EXIT_OK;
		default:
			return pf_bad_option(NULL, argv, c);
		}
	}
	state st = { 0 };
	pf_writer w;
	pf_writer_init(&w, stdout);
	st.out = &w;
	st.cx.trace = trace;
	st.cx.trace_sink = trace_sink;
	st.cx.sink_arg = &st;
	st.words = nz_words_new();
	int status = pf_stage_run(NZ_STAGE, argv + optind, argc - optind, &w, each, &st);
	if (st.nwin > 0)
		flush_doc(&st);
	nz_words_free(st.words);
	if (stats)
		for (int k = 0; k < NZ_NREPAIR; k++)
			fprintf(stderr, "pf-normalize: %-15s %lu\n", nz_repair_name[k], st.cx.count[k]);
	return pf_stage_close(&w, status);
}
