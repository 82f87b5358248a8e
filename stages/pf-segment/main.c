/*
 * pf-segment — the structure of a protocol.
 *
 * Records in:  line (read), furniture (read for metadata), the rest
 * Records out: the input unchanged, plus attendee and meta (before each
 *              end record), and per § paragraph: para
 *              (before its lines), then section, decision, motion and
 *              amount records after them; at each document's end, check
 *              records of its § paragraphs (checks.c) and a warning error
 *              record for each that failed
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 *
 * A document is cut into blocks: the preamble (everything before the first
 * paragraph heading) and one block per paragraph. Each block is held until
 * the next heading, so that a title wrapping over lines, the labels under
 * it and the decisions at its end are seen together.
 */
#include <ctype.h>
#include <getopt.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docframe.h"
#include "heading.h"
#include "msg.h"
#include "records.h"
#include "segment.h"
#include "vocab.h"
#include "stage.h"
#include "text.h"

static const char usage[] =
	"usage: pf-segment [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and adds what the\n"
	"protocol is made of: meta (organization, organ, type, dates and times,\n"
	"place, dnr), attendee, and for every § paragraph para, section, decision\n"
	"(att-satser), motion (yrkanden, reservationer, omröstningar) and amount\n"
	"records; at each document's end, check records of its § paragraphs and a\n"
	"warning for each that failed. All input records pass through unchanged.\n"
	"docs/stream.md describes the records.\n"
	"\n"
	PF_EXIT_HELP_FILTER;

/* Metadata is looked for in the page header of the first pages (and in
 * the preamble, and for the organization further in). */
#define META_PAGES 2
/* A numbered agenda item stands where the first stood: x within this
 * share of its size (docs/pf-segment.md). */
#define AGENDA_X_TOL 0.5

typedef struct item {
	sg_line *line;      /* a text or furniture line of the block, or NULL */
	int furniture;      /* line is furniture: kept out of the analysis */
	char *raw;          /* the record as read */
	size_t raw_len;
} item;

typedef struct state {
	pf_writer *w;
	pf_docframe frame;   /* frame.doc: the document being segmented */
	sg_meta meta;
	sg_attendance attendance; /* held to the end: "Vid protokollet" names the secretary */
	int after_secretary_label; /* the last text line was "Vid protokollet" */
	item *items;
	size_t nitems;
	long para_no;       /* the open block's paragraph; 0 for the preamble */
	char para_letter;   /* its letter ("§ 3a"), or 0 */
	size_t head_item;   /* the heading's item; those before it came from above */
	char *above_title, *above_dnr; /* found above the open block's heading */
	long last_no;       /* the last heading's number, -1 before the first */
	char last_letter;
	sg_checks checks;   /* the headings of the document, for checks.c */
	char *source;       /* the open document's PDF, for warnings */
	int page_ocr;       /* the page being read is OCR'd */
	int bold_headings;  /* headings seen that were bold */
	double head_x0, head_size; /* where the last heading stood, its size */
	int head_bold;      /* and whether it was bold */
	int numbered;       /* the paragraphs are numbered agenda items */
	size_t pending;     /* agenda item 1 waiting for item 2: its item + 1 */
	double page_left;   /* the leftmost text line of the page so far */
	sg_pitch pitch;     /* of the document so far */
	unsigned long right[1001]; /* right ends of long lines, in points */
	const sg_line *prev;/* the previous text line, for gaps */
} state;

/* ---- small helpers shared with the other files ---- */

char *sg_strdup_range(const char *s, size_t n)
{
	return g_strndup(s, n);
}

/* Case-folds the first strlen(prefix) bytes of s and all of prefix and
 * compares them. Folding is per character, so an equal ASCII head folds
 * equally and only the rest from the first non-ASCII byte needs folding. */
static int casefold_equal(const char *s, size_t s_len, const char *prefix)
{
	char *a = g_utf8_casefold(s, (gssize)s_len);
	char *b = g_utf8_casefold(prefix, -1);
	int yes = strcmp(a, b) == 0;
	g_free(a);
	g_free(b);
	return yes;
}

/* The first byte of the case-folded character at p ("Ä" -> 0xc3, "ẖ" ->
 * 'h'): where two folded strings first differ needs no more. */
static unsigned char folded_first_byte(const char *p)
{
	char *f = g_utf8_casefold(p, g_utf8_skip[*(const guchar *)p]);
	unsigned char b = (unsigned char)f[0];
	g_free(f);
	return b;
}

int sg_starts_with_ci(const char *s, const char *prefix)
{
	/* the fast path: most calls decide on ASCII bytes (called ~10^5
	 * times a document; casefolding whole strings was a third of the
	 * stage's time) */
	size_t i = 0;
	for (; prefix[i]; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)prefix[i];
		if (a >= 0x80 || b >= 0x80)
			break;
		if (g_ascii_tolower(a) != g_ascii_tolower(b))
			return 0; /* also where s ends: a prefix never folds to nothing */
	}
	if (!prefix[i])
		return 1;
	if (!s[i] || folded_first_byte(s + i) != folded_first_byte(prefix + i))
		return 0; /* "Ärendet" is no "Beslutet" */
	size_t n = i + strlen(prefix + i);
	return casefold_equal(s + i, strnlen(s + i, n - i), prefix + i);
}

char *sg_collapse(char *s)
{
	return pf_collapse_inplace(s);
}

void sg_pitch_add(sg_pitch *p, const sg_line *prev, const sg_line *l)
{
	if (!prev || prev->page != l->page)
		return;
	double step = l->step;
	/* a step smaller than the type is no line pitch: an amount set
	 * between the two lines of its table row */
	if (step >= 0.8 * l->size && step < 3 * l->size && step < 100)
		p->count[(int)(step * 2 + 0.5)]++;
}

int sg_new_block(const sg_line *l, double pitch)
{
	/* 1.3: a blank line is 2 pitches, paragraph spacing 1.4 and more; OCR
	 * jitter moves lines up to about a fifth of a pitch */
	return l->page_top || l->step > 1.3 * pitch;
}

/* The smallest step that is common: in a protocol of one-line paragraphs
 * the step between paragraphs can be the most frequent one, but the pitch
 * is the step inside a paragraph. The lowest peak of the histogram that
 * holds 15 % of the highest, averaged over +-20 % around it (OCR spreads
 * the steps of one pitch over several points). */
double sg_pitch_get(const sg_pitch *p)
{
	unsigned long most = 0;
	for (int i = 0; i < 200; i++)
		if (p->count[i] > most)
			most = p->count[i];
	if (most == 0)
		return 14;
	int peak = -1;
	for (int i = 1; i < 199 && peak < 0; i++)
		if (p->count[i] * 100 >= most * 15 && p->count[i] >= p->count[i - 1] &&
		    p->count[i] >= p->count[i + 1])
			peak = i;
	if (peak < 0)
		return 14;
	double sum = 0, n = 0;
	for (int i = (int)(peak * 0.8); i <= (int)(peak * 1.2 + 0.5) && i < 200; i++) {
		sum += (double)p->count[i] * i;
		n += (double)p->count[i];
	}
	return sum / n / 2.0;
}

/* ---- headings ---- */

/* "3" < "3a" < "3b" < "4" */
static long order_key(long no, char letter)
{
	return no * 32 + (letter ? letter - 'a' + 1 : 0);
}

/* A § line opens a paragraph when the layout says it is a heading: bold in
 * a document whose headings are bold; otherwise when its number follows the
 * last one closely, so that "§ 44" in an agenda list under § 25 is text.
 * A line whose bold "KF § 24" shares it with a plain dnr is not bold as a
 * whole: it is a heading still where it stands as the headings stand, in
 * their size, opening a block. On an OCR'd page, where weight and size are
 * guesses, the number expected next standing there is enough. */
static int accept_heading(const state *st, const sg_line *l, const pf_heading *h)
{
	if (st->last_no >= 0 && order_key(h->no, h->letter) <= order_key(st->last_no, st->last_letter))
		return 0;
	if (l->bold)
		return 1;
	int follows = st->last_no < 0 || h->no <= st->last_no + 3;
	if (st->bold_headings == 0)
		return follows;
	if (!follows || st->last_no < 0 || fabs(l->x0 - st->head_x0) >= 0.5 * l->size ||
	    !sg_new_block(l, sg_pitch_get(&st->pitch)))
		return 0;
	if (l->nspan > 1 && fabs(l->size - st->head_size) < 0.25)
		return 1;
	/* tesseract reads neither weight nor size surely, nor always the gap
	 * that makes a span: on an OCR'd page the heading expected next,
	 * standing where the headings stand, is one without them */
	return st->page_ocr && h->no == st->last_no + 1 && !h->letter && h->rest;
}

/* A line the heading rule reads but the order refuses, set like the
 * accepted headings (bold where they are, opening a block): a § printed
 * twice or out of order, which checks.c reports. A running header that
 * repeats the open heading word for word is no such line. */
static void note_refused(state *st, const sg_line *l, const pf_heading *h)
{
	if (st->last_no < 0 || (st->bold_headings > 0 && !l->bold) ||
	    !sg_new_block(l, sg_pitch_get(&st->pitch)))
		return;
	/* the open heading's number alone again: a label in the margin */
	if (!h->rest && h->no == st->last_no && h->letter == st->last_letter)
		return;
	for (size_t i = st->head_item; i < st->nitems; i++)
		if (st->items[i].line && !st->items[i].furniture &&
		    strcmp(st->items[i].line->text, l->text) == 0)
			return;
	sg_checks_refused(&st->checks, h->no, h->letter, l->page);
}

/* tesseract tells p from P, s from S ... by their size alone, and after a
 * raised "193 §" it may take a title's capital for the small letter: "193
 * § presentation av ..." for the printed "193 § Presentation av ...". A
 * bold line whose number lies in lo..hi is read as that heading, the
 * letter a capital (a § title starts with one). Returns 1 when it is. */
#define OCR_CASE_LETTERS "copsuvwxz"
static int ocr_capital(sg_line *l, long lo, long hi)
{
	const char *p = l->text;
	while (*p && !(*p >= 'a' && *p <= 'z'))
		p++;
	if (!l->bold || !*p || !strchr(OCR_CASE_LETTERS, *p))
		return 0;
	char *t = g_strdup(l->text);
	t[p - l->text] = (char)(*p - 'a' + 'A');
	pf_heading h;
	if (!pf_parse_heading(t, &h) || h.rest != t + (p - l->text) || h.no < lo || h.no > hi) {
		g_free(t);
		return 0;
	}
	g_free(l->text);
	l->text = t;
	return 1;
}

/* On an OCR'd page: a heading whose § tesseract misread ("KS 845 Val av
 * justerare"), whose title's capital it read small (ocr_capital) or whose
 * number lost a digit into it ("§ 6" for "§ 56") is
 * read as the heading expected next - after the last heading, or in the
 * range the protocol states - by rewriting the line's text (the record
 * passes through as read). Returns 1 when it did. */
static int ocr_heading(state *st, sg_line *l)
{
	long lo = 1, hi = 99999;
	int context = 1;
	if (st->last_no >= 0)
		lo = st->last_no + 1, hi = st->last_no + 3;
	else if (st->checks.stated_from > 0)
		lo = st->checks.stated_from, hi = st->checks.stated_to;
	else
		context = 0;
	pf_heading h;
	if (pf_parse_heading(l->text, &h)) {
		long m;
		if (context && st->checks.stated_from > 0 &&
		    (h.no < st->checks.stated_from || h.no > st->checks.stated_to) &&
		    (m = sg_ocr_lost_digit(h.no, lo, hi)) > 0) {
			char *t = h.rest ? g_strdup_printf("\u00a7 %ld %s", m, h.rest) :
					   g_strdup_printf("\u00a7 %ld", m);
			g_free(l->text);
			l->text = t;
			return 1;
		}
		return 0;
	}
	if (context && ocr_capital(l, lo, hi))
		return 1;
	/* the first heading of a document that states no range: only where
	 * an organ's capitals ("BUN 512 VAL AV ...") say it is one */
	char *t = sg_ocr_heading(l->text, lo, hi, st->last_no, !context);
	if (!t)
		return 0;
	g_free(l->text);
	l->text = t;
	return 1;
}

/* The lines just above an accepted heading on its page that belong to it:
 * a dnr printed over it, and the heading printed a second time with its
 * title ("14§ Lägesrapport" over a bold "14 §"). Returns the first item
 * that moves to the new paragraph (nitems when none does). */
static size_t look_above(const state *st, const sg_line *head, const pf_heading *h, char **title,
			 char **dnr)
{
	size_t cut = st->nitems;
	const sg_line *below = head;
	int seen = 0;
	for (size_t i = st->nitems; i-- > 0 && seen < 4;) {
		const sg_line *m = st->items[i].line;
		if (!m)
			continue;
		if (m->page != head->page || below->y0 - m->y1 > 2.5 * fmax(m->size, head->size))
			break;
		seen++;
		pf_heading mh;
		char *v = NULL, *t = NULL;
		if (!*dnr && (v = sg_dnr_value(m->text))) {
			*dnr = v;
		} else if (!*title && !h->rest && pf_parse_heading(m->text, &mh) &&
			   mh.no == h->no && mh.letter == h->letter && mh.rest) {
			sg_heading_split(m, &t, &v);
			*title = t;
			if (!*dnr)
				*dnr = v;
			else
				g_free(v);
		} else if (st->items[i].furniture) {
			continue;
		} else {
			break;
		}
		cut = i;
		below = m;
	}
	return cut;
}

/* ---- reading ---- */

static sg_line *read_line(const pf_record *rec, const sg_line *prev)
{
	sg_line *l = g_new0(sg_line, 1);
	pf_line_fields f;
	pf_line_fields_read(rec, &f);
	l->page = f.page;
	l->x0 = f.x0, l->y0 = f.y0, l->x1 = f.x1, l->y1 = f.y1, l->size = f.size;
	l->bold = f.bold;
	l->text = sg_collapse(g_strdup(f.text));
	l->span = g_new0(sg_span, f.nspan ? f.nspan : 1);
	if (f.nspan == 0)
		l->span[l->nspan++] = (sg_span){ l->x0, g_strdup(l->text) };
	for (size_t i = 0; i < f.nspan; i++) {
		double x1;
		sg_span *s = &l->span[l->nspan++];
		s->text = sg_collapse(g_strdup(pf_line_span(rec, &f, i, &s->x0, &x1)));
	}
	l->first_span = l->span[0].text;
	l->page_top = !prev || prev->page != l->page;
	/* the step of the box's middle: OCR boxes hug the ink, so a line
	 * without ascenders has a lower top, one without descenders a higher
	 * bottom; their mean moves least */
	l->step = l->page_top ? 0 : ((l->y0 - prev->y0) + (l->y1 - prev->y1)) / 2;
	return l;
}

static void free_line(sg_line *l)
{
	if (!l)
		return;
	g_free(l->text);
	for (int i = 0; i < l->nspan; i++)
		g_free(l->span[i].text);
	g_free(l->span);
	g_free(l);
}

static void add_item(state *st, sg_line *l, int furniture, const pf_record *rec)
{
	st->items = g_renew(item, st->items, st->nitems + 1);
	item *it = &st->items[st->nitems++];
	it->line = l;
	it->furniture = furniture;
	it->raw = g_memdup2(rec->raw, rec->raw_len);
	it->raw_len = rec->raw_len;
}

/* ---- writing a block ---- */

static void write_raw(pf_writer *w, const char *raw, size_t n)
{
	fwrite(raw, 1, n, w->out);
	putc('\n', w->out);
}

static void put_opt(pf_writer *w, long v)
{
	if (v > 0)
		pf_put_long(w, v);
	else
		pf_put_null(w);
}

static void write_para(pf_writer *w, const char *doc, const sg_para *p)
{
	char letter[2] = { p->letter, 0 };
	pf_begin(w, PF_PARA);
	pf_put_str(w, doc);
	pf_put_long(w, p->no);
	pf_put_str(w, p->title);
	pf_put_str(w, p->dnr);
	pf_put_str(w, p->case_owner);
	pf_put_str(w, p->officer);
	pf_put_str(w, p->decided_by);
	put_opt(w, p->page_start);
	put_opt(w, p->page_end);
	pf_put_str(w, letter);
	pf_end(w);
}

/* Where the document's text column ends: the right end that 95 % of its
 * long lines stay within (ragged right text ends anywhere near it; a few
 * wider lines, a table of contents, do not move it). 0 when unknown. */
static double right_margin(const state *st)
{
	unsigned long all = 0, seen = 0;
	for (int i = 0; i <= 1000; i++)
		all += st->right[i];
	for (int i = 0; i <= 1000; i++)
		if ((seen += st->right[i]) * 100 >= all * 95 && all > 0)
			return i;
	return 0;
}

/* Analyses the held block and writes it: para record, the records as read,
 * then what was found in it (gathered on a memory stream meanwhile). The
 * analysis sees the text lines from the heading on. */
static void close_block(state *st)
{
	size_t n = 0;
	sg_line **lines = g_new(sg_line *, st->nitems + 1);
	for (size_t i = st->head_item; i < st->nitems; i++)
		if (st->items[i].line && !st->items[i].furniture)
			lines[n++] = st->items[i].line;

	char *found = NULL;
	size_t found_len = 0;
	FILE *mem = open_memstream(&found, &found_len);
	pf_writer fw = { .out = mem };
	sg_out out = { .w = &fw, .doc = st->frame.doc, .meta = &st->meta, .para_no = st->para_no,
		       .right_margin = right_margin(st) };
	sg_para para = { .no = st->para_no, .letter = st->para_letter };
	para.title = st->above_title;
	para.dnr = st->above_dnr;
	st->above_title = st->above_dnr = NULL;
	if (st->para_no > 0) {
		sg_analyse_paragraph(lines, n, sg_pitch_get(&st->pitch), &para, &out);
		sg_find_amounts(lines, n, &out);
		if (para.decided_by)
			sg_meta_decider(&st->meta, para.decided_by);
		sg_checks_para(&st->checks, &para);
	} else if (n > 0) {
		sg_meta_preamble(&st->meta, lines, n, sg_pitch_get(&st->pitch));
		sg_find_attendees(lines, n, sg_pitch_get(&st->pitch), &st->attendance);
	}
	fclose(mem);

	if (st->para_no > 0)
		write_para(st->w, st->frame.doc, &para);
	for (size_t i = 0; i < st->nitems; i++) {
		write_raw(st->w, st->items[i].raw, st->items[i].raw_len);
		free_line(st->items[i].line);
		g_free(st->items[i].raw);
	}
	fwrite(found, 1, found_len, st->w->out);
	free(found);
	sg_para_clear(&para);
	g_free(lines);
	g_free(st->items);
	st->items = NULL;
	st->nitems = 0;
	st->head_item = 0;
	st->pending = 0;
	st->prev = NULL;
}

/* Opens the paragraph whose heading is l: the items from cut on move
 * into it, the heading's being the head-th of them (the count of them
 * when l is not yet added); title and dnr came from above it. */
static void open_at(state *st, size_t cut, size_t head, const pf_heading *h, const sg_line *l,
		    char *title, char *dnr)
{
	size_t moved = st->nitems - cut;
	item *tail = g_memdup2(st->items + cut, moved * sizeof *tail);
	st->nitems = cut;
	close_block(st);
	st->items = tail;
	st->nitems = moved;
	st->head_item = head;
	st->above_title = title;
	st->above_dnr = dnr;
	st->para_no = h->no;
	st->para_letter = h->letter;
	st->last_no = h->no;
	st->last_letter = h->letter;
	st->bold_headings += l->bold;
	st->head_x0 = l->x0;
	st->head_size = l->size;
	st->head_bold = l->bold;
	sg_checks_heading(&st->checks, h->no, h->letter, l->page);
}

/* Opens the paragraph whose heading is l: the lines above the heading
 * that belong to it (look_above) move into it. */
static void open_paragraph(state *st, const pf_heading *h, const sg_line *l)
{
	char *title = NULL, *dnr = NULL;
	size_t cut = look_above(st, l, h, &title, &dnr);
	open_at(st, cut, st->nitems - cut, h, l, title, dnr);
}

/* ---- numbered agenda items ---- */

/* Is a text line among the items from `from` on left of x? */
static int text_left_of(const state *st, size_t from, double x)
{
	for (size_t i = from; i < st->nitems; i++)
		if (st->items[i].line && !st->items[i].furniture && st->items[i].line->x0 < x)
			return 1;
	return 0;
}

/* l is set as the item a was: at its x (AGENDA_X_TOL of the size), in its
 * size and weight, and no text of a's item stands left of it. */
static int set_as(const state *st, size_t from, const sg_line *l, double x0, double size, int bold)
{
	return fabs(l->x0 - x0) < AGENDA_X_TOL * size && fabs(l->size - size) < 0.25 &&
	       l->bold == bold && !text_left_of(st, from, x0 - AGENDA_X_TOL * size);
}

/* "1. Val av justerare" read as the heading "§ 1 Val av justerare" (only
 * pf-segment's copy of the text; the record passes through as read). */
static void as_heading(sg_line *l, long no, pf_heading *h)
{
	const char *title;
	long printed;
	sg_parse_agenda_item(l->text, &printed, &title);
	char *t = g_strdup_printf("\u00a7 %ld %s", no, title);
	g_free(l->text);
	l->text = t;
	pf_parse_heading(l->text, h);
}

/* An agenda's items numbered "1.", "2." ... with no § (a kallelse's
 * föredragningslista): in a document of an agenda type (vocab.c) that has
 * no § heading, a line sg_parse_agenda_item reads, opening a block. The
 * first, "1." with no text left of it on its page, waits for "2." set as
 * it is (set_as), so that a numbered line alone opens nothing; from then
 * on each item must be the next number, set as the first. A numbered list
 * in an item's text stands further in, or counts from 1 again: text.
 * Returns 1 when l opened a paragraph. */
static int agenda_item(state *st, sg_line *l)
{
	long no;
	const char *title;
	pf_heading h;
	if (!sg_is_agenda_type(st->meta.doc_type) || (st->last_no >= 0 && !st->numbered) ||
	    !sg_parse_agenda_item(l->text, &no, &title) || !sg_new_block(l, sg_pitch_get(&st->pitch)))
		return 0;
	if (!st->numbered && no == 1) {
		if (l->page_top || l->x0 < st->page_left + AGENDA_X_TOL * l->size)
			st->pending = st->nitems + 1;
		return 0;
	}
	if (!st->numbered) {
		sg_line *first = st->pending ? st->items[st->pending - 1].line : NULL;
		if (no != 2 || !first || !set_as(st, st->pending - 1, l, first->x0, first->size, first->bold))
			return 0;
		as_heading(first, 1, &h);
		open_at(st, st->pending - 1, 0, &h, first, NULL, NULL);
		st->numbered = 1;
	} else if (no != st->last_no + 1 ||
		   !set_as(st, st->head_item, l, st->head_x0, st->head_size, st->head_bold)) {
		return 0;
	}
	as_heading(l, no, &h);
	open_paragraph(st, &h, l);
	return 1;
}

static void end_doc(void *ctx, const char *doc)
{
	state *st = ctx;
	close_block(st);
	sg_checks_write(&st->checks, st->w, doc, st->source, st->meta.doc_type);
	sg_checks_clear(&st->checks);
	sg_attendance_write(&st->attendance, st->w, doc);
	sg_attendance_clear(&st->attendance);
	st->after_secretary_label = 0;
	sg_meta_write(&st->meta, st->w, doc);
	sg_meta_clear(&st->meta);
	st->para_no = 0;
	st->para_letter = 0;
	st->last_no = -1;
	st->last_letter = 0;
	st->bold_headings = 0;
	st->numbered = 0;
	memset(&st->pitch, 0, sizeof st->pitch);
	memset(st->right, 0, sizeof st->right);
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	state *st = ctx;
	st->w = w;
	if (pf_record_is(rec, PF_DOC)) {
		g_free(st->source);
		st->source = g_strdup(pf_field(rec, PF_DOC_SOURCE));
	}
	if (pf_docframe_step(&st->frame, w, rec))
		return 0;
	int is_line = pf_record_is(rec, PF_LINE);
	if (!is_line && !pf_record_is(rec, PF_FURNITURE)) {
		add_item(st, NULL, 0, rec);
		if (pf_record_is(rec, PF_PAGE)) {
			const char *layer = pf_field(rec, PF_PAGE_LAYER);
			st->page_ocr = layer && strcmp(layer, "ocr") == 0;
			/* how far meta.c may believe what the page says */
			const char *trust = pf_field(rec, PF_PAGE_TRUST);
			st->meta.trust = st->page_ocr ? 0 : trust ? g_ascii_strtod(trust, NULL) : 1;
			sg_checks_page(&st->checks);
		}
		return 0;
	}
	sg_line *l = read_line(rec, is_line ? st->prev : NULL);
	if (!is_line) {
		if (l->page <= META_PAGES)
			sg_meta_line(&st->meta, l, 1);
		add_item(st, l, 1, rec);
		return 0;
	}
	sg_checks_line(&st->checks, l, st->para_no > 0);
	pf_heading h;
	int opened = 0;
	int reread = st->page_ocr && ocr_heading(st, l);
	if (pf_parse_heading(l->text, &h)) {
		opened = accept_heading(st, l, &h);
		if (opened)
			open_paragraph(st, &h, l);
		if (opened && reread)
			sg_checks_reread(&st->checks);
		else if (!opened)
			note_refused(st, l, &h);
	} else {
		opened = agenda_item(st, l);
	}
	if (l->page_top || l->x0 < st->page_left)
		st->page_left = l->x0;
	/* the preamble: the first pages, or a cover and summary before the
	 * header of the minutes; later lines only for the organization */
	if (!opened && st->para_no == 0)
		sg_meta_line(&st->meta, l, 0);
	else if (!opened)
		sg_meta_later_line(&st->meta, l);
	if (st->after_secretary_label)
		sg_attendance_secretary(&st->attendance, l->text);
	st->after_secretary_label = 0;
	for (const char *const *lb = sg_secretary_labels; *lb; lb++)
		st->after_secretary_label |= strcmp(l->text, *lb) == 0;
	sg_pitch_add(&st->pitch, st->prev, l);
	/* a table of contents' dotted leaders and rules drawn with "____"
	 * run past the text */
	if (l->x1 - l->x0 > 200 && l->x1 >= 0 && l->x1 <= 1000 && !strstr(l->text, "....") &&
	    !strstr(l->text, "\u2026\u2026") && strpbrk(l->text, "aeiouy"))
		st->right[(int)(l->x1 + 0.5)]++;
	add_item(st, l, 0, rec);
	st->prev = l;
	return 0;
}

/* A stream cut off before an end record: what is held still goes out. */
static void finish(void *ctx, pf_writer *w)
{
	state *st = ctx;
	st->w = w;
	pf_docframe_finish(&st->frame);
	g_free(st->source);
	st->source = NULL;
}

int main(int argc, char **argv)
{
	state st = { .last_no = -1 };
	st.frame = (pf_docframe){ .end_doc = end_doc, .ctx = &st };
	return pf_stage_main(argc, argv, SG_STAGE, usage, each, finish, &st);
}
