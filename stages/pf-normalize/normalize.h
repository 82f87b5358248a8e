/*
 * pf-normalize internals.
 *
 *   main.c       options, the page window, writing records, --stats/--trace
 *   chars.c      character repairs: NFC, ligatures, spaces, dashes, quotes,
 *                control characters, bullets; OCR digits; the OCR'd "§"
 *   lexicon.c    protocol vocabulary repaired by edit distance (lexicon.txt)
 *   joins.c      words and numbers broken over two lines joined again
 *   furniture.c  running headers, footers, page numbers, signature rows
 *   words.c      OCR'd words cut in two or run together (hunspell sv_SE)
 *
 * Every change is a repair of one kind, counted, and with --trace written as
 * a trace record (before, after) so that a user can audit it.
 */
#ifndef PF_NORMALIZE_H
#define PF_NORMALIZE_H

#include <stddef.h>

#include "stream.h"

#define NZ_STAGE "pf-normalize"

/* The kinds of repair; names in nz_repair_name (main.c) are what --stats and
 * trace records print. */
enum nz_repair {
	NZ_NFC, NZ_LIGATURE, NZ_SOFT_HYPHEN, NZ_SPACE, NZ_DASH, NZ_QUOTE,
	NZ_CONTROL, NZ_BULLET, NZ_WHITESPACE, NZ_OCR_DIGIT, NZ_PARAGRAPH_SIGN,
	NZ_LEXICON, NZ_HYPHEN_JOIN, NZ_NUMBER_JOIN, NZ_FURNITURE,
	NZ_WORD_JOIN, NZ_WORD_SPLIT, NZ_OCR_SPACE, NZ_OCR_SIGN, NZ_OCR_LETTER, NZ_NREPAIR
};
extern const char *const nz_repair_name[NZ_NREPAIR];

typedef struct nz_span {
	double x0, x1;
	char *text;        /* owned, UTF-8 */
} nz_span;

typedef struct nz_line {
	long page, no;
	double x0, y0, x1, y1, size;
	int bold, italic;
	nz_span *span;
	size_t nspan;
	int furniture;     /* 1: a furniture record, not a line */
	int dropped;       /* all its words moved to the line before */
} nz_line;

/* Counts and the optional trace sink. */
typedef struct nz_ctx {
	unsigned long count[NZ_NREPAIR];
	int trace;         /* --trace */
	const char *doc;   /* the current document id, for trace records */
	long last_para;    /* the last § number seen in the document */
	unsigned long size_chars[64]; /* characters per font size (whole pt) */
	/* where a trace record goes: main keeps it with the line's page */
	void (*trace_sink)(void *arg, long page, char *record, size_t len);
	void *sink_arg;
	struct nz_words *words; /* the dictionary, for joins (words.c) */
} nz_ctx;

/* Records one repair: counts it and, with --trace, writes a trace record. */
void nz_note(nz_ctx *cx, enum nz_repair kind, const nz_line *l,
	     const char *before, const char *after);

/* chars.c: repairs inside one span's text. Returns a new string (the
 * input is freed) and counts what it changed into counts[]. */
char *nz_repair_chars(char *text, unsigned long counts[NZ_NREPAIR]);
/* On OCR'd scans (not typeset pages OCR re-read, ocr_image): the hyphen
 * of a span of years ("2022-2024") becomes the en dash, an ASCII " the ”
 * Swedish prints. Takes and returns text like nz_repair_chars. */
char *nz_repair_ocr_punct(char *text, unsigned long counts[NZ_NREPAIR]);
/* chars.c: "$ 29 Title" -> "§ 29 Title" at the start of a line that has the
 * shape of a paragraph heading. Returns 1 if it changed the first span. */
int nz_repair_paragraph_sign(nz_line *l, long *last_para, int heading_sized);
/* chars.c: O/l/I/S inside otherwise-numeric tokens. Returns repairs made. */
int nz_repair_ocr_digits(char **text);

/* lexicon.c: a heading- or label-shaped span near a lexicon term becomes
 * the term. Returns 1 if it changed the text. */
int nz_repair_lexicon(char **text);

/* joins.c: joins a word hyphenated at the end of a span in `a` with its end
 * at the start of the matching span of `b` (the next line), and a number
 * whose thousands groups were split over the two lines. */
void nz_join_lines(nz_ctx *cx, nz_line *a, nz_line *b);
/* joins.c: is w[0..n) a money word that may follow an amount (kr, tkr,
 * kronor, mnkr, miljoner, ...)? */
int nz_unit_word(const char *w, size_t n);

/* words.c: the dictionary (loaded on first use) and the document's words. */
typedef struct nz_words nz_words;
nz_words *nz_words_new(void);
/* Does the dictionary know w (loaded on first use)? 0 without one. */
int nz_words_known(nz_words *ws, const char *w);
/* At the process's end: frees ws but leaves the dictionary to the exit. */
void nz_words_free(nz_words *ws);
/* Adds the words of a line of the document; nz_words_forget at its end. */
void nz_words_learn(nz_words *ws, const char *text);
void nz_words_forget(nz_words *ws);
/* Repairs the words of an OCR'd line (scan: read from a scanned image, not
 * the PDF's own fonts); counts into counts[], returns the number of spans
 * changed. */
int nz_words_repair(nz_words *ws, nz_line *l, int scan, unsigned long counts[NZ_NREPAIR]);

/* furniture.c: a page's lines with the fields furniture detection needs. */
typedef struct nz_page {
	long no;
	double width, height;
	int ocr;           /* text_layer ocr: its furniture is compared loosely */
	nz_line **line;    /* in reading order, pointers into main's window */
	size_t nline;
} nz_page;

/* Marks the furniture lines of `pg`, comparing it with its neighbours
 * (pages before and after it in the document, any of them may be NULL). */
void nz_mark_furniture(nz_page *pg, nz_page *const *others, size_t nothers);

/* Utility: the line's text, spans joined by one space (new string). */
char *nz_line_text(const nz_line *l);

#endif
