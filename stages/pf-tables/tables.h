/*
 * pf-tables internals.
 *
 *   main.c    the stream: documents, paragraphs, the window of lines,
 *             holding a paragraph's tables until its decisions are seen,
 *             writing table, cell, allocation and check records
 *   detect.c  lines to tables: the method, runs of aligned lines, tables
 *             continued over a page break, tb_detect
 *   lines.c   visual lines (the window), kinds of lines, header lines
 *   columns.c column boundaries, a line's spans into cells
 *   rows.c    a cell's text over lines, which line starts a row
 *   table.c   one run to a table: header, cells, rows, caption and kind
 *   accept.c  acceptance: whether a run's rows are a table (a page's
 *             header block, text of a drawing or a chart's axis is not)
 *   detect.h  the types and functions those six share
 *   alloc.c   allocation rows of a table with an amount column, and the
 *             checks (sum_equals_total, decision_matches_table)
 *   amounts.c pf-segment's amount records of sums in a table's rows,
 *             dropped: those are the table's
 *   util.c    memory, strings, UTF-8 case, numbers and amounts
 *
 * docs/pf-tables.md explains the method and its thresholds.
 */
#ifndef PF_TABLES_H
#define PF_TABLES_H

#include <stddef.h>

#include "records.h"
#include "stream.h"

#define TB_STAGE "pf-tables"

/* Records this stage writes: lib/records.h (PF_TABLE, PF_CELL, ...). */
#define TB_TABLE PF_TABLE
#define TB_CELL PF_CELL
#define TB_ALLOCATION PF_ALLOCATION
#define TB_CHECK PF_CHECK

/* ---- util.c ---- */
void *tb_alloc(size_t n);                 /* zeroed; out of memory: lib/xalloc.h */
void *tb_realloc(void *p, size_t n);
char *tb_strdup(const char *s);           /* NULL stays NULL */
char *tb_strndup(const char *s, size_t n);
/* Grows *arr (of element size `size`) so that it holds at least `need`. */
void tb_grow(void *arr, size_t *cap, size_t need, size_t size);

typedef struct tb_buf {
	char *s;
	size_t len, cap;
} tb_buf;
void tb_buf_add(tb_buf *b, const char *s, size_t n);
void tb_buf_adds(tb_buf *b, const char *s);
void tb_buf_addc(tb_buf *b, char c);
/* The text so far (never NULL); the buffer stays usable. */
const char *tb_buf_str(const tb_buf *b);
void tb_buf_free(tb_buf *b);

/* Collapses white space to single spaces and trims, in place; returns s. */
char *tb_collapse(char *s);
/* Lower case for ASCII and Latin-1 letters (Å Ä Ö É ...); new string. */
char *tb_lower(const char *s);
/* Class of the first character: 'l' lower-case letter, 'u' upper-case
 * letter, 'd' digit, 'o' anything else (also for ""). */
int tb_first_class(const char *s);
/* Number of UTF-8 characters in s[0..n). */
size_t tb_utf8_len(const char *s, size_t n);
/* Byte offset of character k of s (clamped to strlen). */
size_t tb_utf8_offset(const char *s, size_t k);
int tb_starts_with_ci(const char *s, const char *prefix); /* ASCII prefix */
/* The word w (lower case ASCII/Latin-1) occurs in lower-cased s as a whole
 * word. */
int tb_has_word(const char *lower, const char *w);
/* s[0..n) is one or more ASCII digits. */
int tb_all_digits(const char *s, size_t n);
/* For qsort over doubles, ascending. */
int tb_cmp_double(const void *a, const void *b);

/* A cell that holds a number: "17 587 638", "-1 205 203", "43,5 %",
 * "37,499.96", "(12)", "n/a", "-", "–". Dates, dnr and years with a word
 * are not numbers. */
int tb_is_numeric(const char *s);
/* "n/a", "-", "–", "—", "..": a numeric column's way of saying nothing. */
int tb_is_dash(const char *s);
/* An amount in a cell, Swedish style ("17 587 638", "1 234,5", "870 243
 * kr", "2,1 mnkr", "−177"): 1 with *value, and *scale when the text names
 * a unit (kr 1, tkr 1e3, mnkr 1e6, mdkr 1e9), else *scale = 0. 0 when the
 * text is not one amount. */
int tb_parse_amount(const char *s, double *value, double *scale);
/* The scale a header names: "Summa kr" 1, "tkr" 1e3, "mnkr"/"Mkr" 1e6;
 * 0 when it names no money unit. */
double tb_unit_scale(const char *header);

/* ---- lines ---- */
typedef struct tb_span {
	double x0, x1, y0, y1;
	char *text;          /* owned, white space collapsed */
	int src;             /* which source line of a merged line */
} tb_span;

typedef struct tb_line {
	long page, no;
	double x0, y0, x1, y1, size;
	double page_w, page_h;
	int bold;
	int nsrc;            /* source line records merged into this one */
	int first_on_page;   /* the first text line of its page */
	tb_span *span;
	int nspan;
	char *text;          /* the spans joined by one space */
	char *section;       /* numbered section heading current here, or NULL */
	int kind;            /* TB_L_* (detect.h) */
	int used;            /* belongs to a table already written */
} tb_line;

void tb_line_free(tb_line *l);
/* Makes l the spans joined, box updated; after spans change. */
void tb_line_refresh(tb_line *l);

/* ---- tables ---- */
typedef struct tb_cell {
	char *text;          /* owned; "" for an empty cell */
	long page;           /* 0 for an empty cell */
	double x0, y0, x1, y1;
} tb_cell;

typedef struct tb_row {
	tb_cell *cell;       /* ncol of them */
	int header;          /* the header row (row 0) */
	int spanning;        /* one cell over all columns */
	long page;
} tb_row;

typedef struct tb_allocation {
	int row;             /* the table row (row_no) */
	char *recipient, *comment;
	int has_amount;
	long long amount;
	int is_total;
} tb_allocation;

typedef struct tb_table {
	long para_no;        /* 0: before the first paragraph (null) */
	char *section, *caption;
	const char *kind;    /* "allocation", "indicator", "list", "other" */
	long page_start, page_end;
	int ncol, nrow;
	tb_row *row;
	int has_header;
	/* allocation tables */
	int amount_col, recipient_col, comment_col;
	double scale;
	tb_allocation *alloc;
	int nalloc;
	long no;             /* table_no, set when written */
} tb_table;

void tb_table_free(tb_table *t);

/* ---- lines.c, detect.c ---- */
/* Adds a line to the window, merging it into the window's last line when
 * the two are one visual line (an OCR line cut in pieces, an amount
 * centred between the two lines of its row). Takes ownership. */
void tb_window_add(tb_line ***win, size_t *n, size_t *cap, tb_line *l);

/* Finds the tables among win[0..n). With `final` 0 (a page break: more
 * lines of the same paragraph may follow) a table that reaches the foot of
 * the last page is left open. Appends the finished tables to *out and
 * returns the index of the first window line to keep for the next call
 * (n when nothing is open). */
size_t tb_detect(tb_line **win, size_t n, int final, tb_table ***out,
		 size_t *nout, size_t *capout);

/* ---- alloc.c ---- */
/* Fills t->alloc for an allocation table. */
void tb_allocations(tb_table *t);

/* One check record's content. */
typedef struct tb_check {
	tb_table *table;
	const char *name;    /* "sum_equals_total", "decision_matches_table" */
	int has_expected, has_actual;
	long long expected, actual;
	int ok;
} tb_check;

/* The checks of a paragraph's tables, given its att-satser. Returns a new
 * array of *n checks, in table order. */
tb_check *tb_checks(tb_table **tables, size_t ntables, char **decisions,
		    size_t ndecisions, size_t *n);

/* ---- amounts.c ---- */
/* A paragraph's amount records (pf-segment's), held until its tables are
 * known. */
typedef struct tb_amount {
	char **field;        /* the record's fields, owned; NULL for null */
	size_t nfield;
	long page;
	int drop;            /* its text is in a table's row */
} tb_amount;

typedef struct tb_amounts {
	tb_amount *a;
	size_t n, cap;
} tb_amounts;

/* Holds a copy of the amount record rec. */
void tb_amount_hold(tb_amounts *a, const pf_record *rec);
/* Marks the held amounts whose raw text stands in a row of one of the
 * tables, on the row's page: each place in a row takes one amount. */
void tb_amounts_in_tables(tb_amounts *a, tb_table *const *tables, size_t ntables);
/* Writes the held amounts not marked, their seq closing the gaps, and
 * forgets all of them (the array stays for the next paragraph). */
void tb_amounts_write(tb_amounts *a, pf_writer *w);
void tb_amounts_free(tb_amounts *a);

#endif
