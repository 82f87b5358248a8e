/*
 * pf-tables: what the files of table detection (detect.c, lines.c,
 * columns.c, rows.c, table.c, accept.c) share and the rest of the stage
 * does not need. tables.h says which file holds what; detect.c explains
 * the method.
 */
#ifndef PF_TABLES_DETECT_H
#define PF_TABLES_DETECT_H

#include "tables.h"

/* Columns of a table at most (boundaries: one fewer), and so the pieces a
 * span is split into. */
#define TB_MAX_COLUMNS 64

/* tb_line.kind */
enum { TB_L_TEXT, TB_L_MULTI, TB_L_LIST, TB_L_CAPTION, TB_L_HEADING };

/* A run of window lines that may be a table (detect.c). */
typedef struct cand {
	tb_line **l;
	size_t n, cap;
	size_t wfirst, wlast;    /* window indices of the first and last line */
	size_t *brk;             /* indices into l where a new page begins */
	size_t nbrk, capbrk;
} cand;

/* A column boundary (columns.c). */
typedef struct sep {
	double a, b, c;   /* the channel and its centre */
} sep;

/* One line's piece of a cell, and one line cut into cells (columns.c). */
typedef struct lcell {
	tb_buf text;
	int has;
	double x0, y0, x1, y1;
	long page;
} lcell;

typedef struct lrow {
	tb_line *line;
	lcell *cell;          /* ncol */
	int spanning;         /* one cell over columns [0, ncol) */
	int header;
	int brk;              /* first line after a page break */
} lrow;

/* A table row: its lines' cells joined (rows.c). */
typedef struct trow {
	tb_buf *text;        /* ncol */
	double (*box)[4];
	long *page;
	int *has;
	int header, spanning;
	long rpage;
} trow;

/* A candidate on its way to a table: what each step of tb_build_table
 * leaves for the next (table.c), and what accept.c judges. */
typedef struct build {
	cand *c;
	lrow *line;        /* the candidate's lines, repeated headers left out */
	size_t nline;
	size_t nmulti;     /* lines of two or more spans among them */
	sep *sep;          /* column boundaries */
	int nsep;
	int ncol;          /* nsep + 1: the width of every cell array */
	int tcol;          /* the table's columns: ncol less a margin column
			    * and columns that only dropped rows filled */
	int *numeric;      /* [ncol]: a column of numbers */
	trow *row;
	int nrow;
	int *row_of;       /* [nline]: the row each line went into */
	int has_header;
} build;

/* ---- lines.c ---- */
/* Median font size of lines l[0..n); 10 when there is none. */
double tb_median_size(tb_line **l, size_t n);
/* Sets l->kind. */
void tb_classify(tb_line *l);
int tb_line_has_number(const tb_line *l);
/* A number after the first span ("1000€" may label the label column): 1;
 * 2 when they are only years; 0 none. */
int tb_number_after_label(const tb_line *l);
/* The vertical white between line p and line l under it (negative when
 * they overlap), measured between spans one over the other. */
double tb_line_gap(const tb_line *p, const tb_line *l);
/* A header line: column names, no numbers ("Summa kr Kommentar"). */
int tb_is_header_line(const tb_line *l);

/* ---- columns.c ---- */
/* Column boundaries from the lines with two or more spans; at most
 * TB_MAX_COLUMNS - 1. */
int tb_find_separators(tb_line **ls, size_t n, sep **out);
/* The column x falls in. */
int tb_column_of(const sep *sp, int nsep, double x);
/* Adds a piece of text with its box to a cell. */
void tb_lcell_put(lcell *c, const char *text, size_t n, double x0, double x1, double y0,
		  double y1, long page);
/* Splits span s at the separators it crosses, at the spaces nearest to
 * them, into at most TB_MAX_COLUMNS pieces. */
int tb_split_span(const tb_span *s, const sep *sp, int nsep, size_t *from, size_t *to,
		  double *px0, double *px1, int *col, int *exact);
/* Puts line r->line's spans into cells; split: split spans over boundaries. */
void tb_fill_cells(lrow *r, const sep *sp, int nsep, int split);

/* ---- rows.c ---- */
void tb_trow_init(trow *r, int ncol);
void tb_trow_free(trow *r, int ncol);
/* Adds a line's cells to a row; one cell of a line to column k. */
void tb_trow_add(trow *r, const lrow *lr, int ncol);
void tb_trow_add_cell(trow *r, const lcell *c, int k);
/* Line r starts a row, but its lower-case first cell ends the label of
 * the row above (a label over two rows). */
int tb_label_goes_on(const lrow *r, const trow *above, int ncol);
/* Gap between two lines that separates rows, or NAN. */
double tb_row_gap_threshold(const lrow *lr, size_t n, double size);
/* Does line r continue the row built so far (cur)? */
int tb_continues_row(const lrow *r, const lrow *prev, const trow *cur, const int *numeric,
		     int ncol, double thr);

/* ---- table.c ---- */
/* Lower case without spaces and '|': a header line to compare. */
char *tb_norm_key(const char *s);
/* Leading header lines of a table. */
size_t tb_header_lines(tb_line **l, size_t n);
/* How many lines at l repeat the header with keys hkey[0..nh); 0: none. */
size_t tb_repeated_header(tb_line **l, size_t n, char **hkey, size_t nh);
/* Builds a table from candidate c, or returns NULL when it is not one. */
tb_table *tb_build_table(tb_line **win, size_t n, cand *c);
/* Tables set side by side and read as one (groups of columns whose label
 * columns share their labels with the first): appends each group as a table
 * of its own to *out, frees t and returns 1; 0 when t is one table. */
int tb_split_side_by_side(tb_table *t, tb_table ***out, size_t *nout, size_t *capout);

/* ---- accept.c ---- */
/* The rows built are a table (docs/pf-tables.md, step 8); PF_TABLES_DEBUG
 * in the environment prints the figures on stderr. */
int tb_is_table(const build *b);

#endif
