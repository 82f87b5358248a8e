/*
 * pf-tables — tables from line and span geometry, allocations and checks.
 *
 * Records in:  line (read), para, decision and amount (read), page (a
 *              page break), furniture (never a table row), everything else
 * Records out: every input record unchanged and in order (but the amount
 *              records whose sum stands in a table's row, amounts.c),
 *              plus for each table: table, its cell records (every grid
 *              position), for an allocation table its allocation records,
 *              and check records (sum_equals_total, decision_matches_table)
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 *
 * Lines are held in a window from the last page break (or the start of a
 * table still open at the foot of the previous page); at each page break
 * the tables that ended are taken out. A paragraph's tables are held until
 * its decision records have gone by (they follow its lines), i.e. until the
 * next para or end record, and written there with the checks; its amount
 * records with them, just before, less those its tables hold. Memory is
 * bounded by a paragraph's tables and amounts and one page of lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docframe.h"
#include "msg.h"
#include "records.h"
#include "stage.h"
#include "tables.h"

static const char usage[] =
	"usage: pf-tables [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and finds the tables\n"
	"in its lines by their geometry: table (number, paragraph, section, caption,\n"
	"kind, pages, size), cell (every grid position with its text and box),\n"
	"allocation (recipient, amount in kronor, comment, total) for tables with an\n"
	"amount column, and check (the rows add up to the total; the att-satser give\n"
	"the recipients the table's sums). Every input record passes through\n"
	"unchanged, but amount records of sums in a table's row: those are the\n"
	"table's. docs/pf-tables.md describes the records.\n"
	"\n"
	PF_EXIT_HELP_FILTER;

typedef struct state {
	pf_writer *w;
	pf_docframe frame;       /* frame.doc: the document being read */
	long para_no;            /* the open paragraph, 0 before the first */
	char *section;           /* numbered section heading seen last */
	tb_line **win;           /* lines not yet taken into tables */
	size_t nwin, capwin;
	tb_table **held;         /* the paragraph's finished tables */
	size_t nheld, capheld;
	char **dec;              /* the paragraph's att-satser */
	size_t ndec, capdec;
	tb_amounts amounts;      /* the paragraph's amounts, until its tables are known */
	long table_no;
	double page_w, page_h;
	int page_has_text;
} state;

/* ---- writing ---- */

static void put_bool(pf_writer *w, int v)
{
	pf_put_str(w, v ? "true" : "false");
}

static void put_opt_str(pf_writer *w, const char *s)
{
	pf_put_str(w, s && *s ? s : NULL);
}

/* v when the value is there, else null */
static void put_opt_long(pf_writer *w, int has, long v)
{
	if (has)
		pf_put_long(w, v);
	else
		pf_put_null(w);
}

static void write_table(state *st, tb_table *t, const tb_check *checks, size_t nchecks)
{
	pf_writer *w = st->w;
	t->no = ++st->table_no;
	pf_begin(w, TB_TABLE);
	pf_put_str(w, st->frame.doc);
	pf_put_long(w, t->no);
	put_opt_long(w, t->para_no > 0, t->para_no);
	put_opt_str(w, t->section);
	put_opt_str(w, t->caption);
	pf_put_str(w, t->kind);
	pf_put_long(w, t->page_start);
	pf_put_long(w, t->page_end);
	pf_put_long(w, t->nrow);
	pf_put_long(w, t->ncol);
	pf_end(w);
	for (int r = 0; r < t->nrow; r++) {
		for (int k = 0; k < t->ncol; k++) {
			const tb_cell *c = &t->row[r].cell[k];
			pf_begin(w, TB_CELL);
			pf_put_str(w, st->frame.doc);
			pf_put_long(w, t->no);
			pf_put_long(w, r);
			pf_put_long(w, k);
			pf_put_str(w, c->text);
			if (c->page > 0) {
				pf_put_long(w, c->page);
				pf_put_coord(w, c->x0);
				pf_put_coord(w, c->y0);
				pf_put_coord(w, c->x1);
				pf_put_coord(w, c->y1);
			} else {
				for (int i = 0; i < 5; i++)
					pf_put_null(w);
			}
			pf_end(w);
		}
	}
	for (int i = 0; i < t->nalloc; i++) {
		const tb_allocation *a = &t->alloc[i];
		pf_begin(w, TB_ALLOCATION);
		pf_put_str(w, st->frame.doc);
		put_opt_long(w, t->para_no > 0, t->para_no);
		pf_put_long(w, t->no);
		pf_put_long(w, a->row);
		pf_put_str(w, a->recipient);
		put_opt_long(w, a->has_amount, (long)a->amount);
		pf_put_str(w, a->comment);
		put_bool(w, a->is_total);
		pf_end(w);
	}
	for (size_t i = 0; i < nchecks; i++) {
		const tb_check *c = &checks[i];
		if (c->table != t)
			continue;
		pf_begin(w, TB_CHECK);
		pf_put_str(w, st->frame.doc);
		put_opt_long(w, t->para_no > 0, t->para_no);
		pf_put_long(w, t->no);
		pf_put_str(w, c->name);
		put_opt_long(w, c->has_expected, (long)c->expected);
		put_opt_long(w, c->has_actual, (long)c->actual);
		put_bool(w, c->ok);
		pf_put_null(w); /* detail: expected and actual say it */
		pf_end(w);
	}
}

/* Writes tables[0..n) with their checks and frees them. */
static void write_tables(state *st, tb_table **tables, size_t n)
{
	size_t nchecks = 0;
	tb_check *checks = tb_checks(tables, n, st->dec, st->ndec, &nchecks);
	for (size_t i = 0; i < n; i++) {
		write_table(st, tables[i], checks, nchecks);
		tb_table_free(tables[i]);
	}
	free(checks);
}

/* ---- the window ---- */

static void detect(state *st, int final)
{
	tb_table **out = NULL;
	size_t nout = 0, cap = 0;
	size_t keep = tb_detect(st->win, st->nwin, final, &out, &nout, &cap);
	for (size_t i = 0; i < nout; i++)
		out[i]->para_no = st->para_no;
	if (st->para_no > 0) {
		/* held until the paragraph's decisions have been seen */
		for (size_t i = 0; i < nout; i++) {
			tb_grow(&st->held, &st->capheld, st->nheld + 1, sizeof *st->held);
			st->held[st->nheld++] = out[i];
		}
	} else if (nout > 0) {
		write_tables(st, out, nout);
	}
	free(out);
	for (size_t i = 0; i < keep; i++)
		tb_line_free(st->win[i]);
	if (keep > 0 && keep < st->nwin)
		memmove(st->win, st->win + keep, (st->nwin - keep) * sizeof *st->win);
	st->nwin -= keep;
}

static void close_para(state *st)
{
	detect(st, 1);
	for (size_t i = 0; i < st->nwin; i++)
		tb_line_free(st->win[i]);
	st->nwin = 0;
	/* amounts in the paragraph's tables are the tables' (amounts.c) */
	tb_amounts_in_tables(&st->amounts, st->held, st->nheld);
	tb_amounts_write(&st->amounts, st->w);
	if (st->nheld > 0)
		write_tables(st, st->held, st->nheld);
	st->nheld = 0;
	for (size_t i = 0; i < st->ndec; i++)
		free(st->dec[i]);
	st->ndec = 0;
	free(st->section);
	st->section = NULL;
}

static void end_doc(void *ctx, const char *doc)
{
	state *st = ctx;
	(void)doc;
	close_para(st);
	st->para_no = 0;
	st->page_has_text = 0;
	st->table_no = 0; /* tables are numbered per document */
}

/* ---- reading ---- */

/* "3.2 Ekonomi", "4 Uppföljning": a numbered heading of a plan. */
static int is_section_heading(const tb_line *l)
{
	const char *t = l->text;
	size_t d = 0, levels = 0;
	if (!l->bold || strlen(t) > 100)
		return 0;
	for (;;) {
		size_t k = 0;
		while (t[d + k] >= '0' && t[d + k] <= '9')
			k++;
		if (k == 0 || k > 2)
			return 0;
		d += k;
		levels++;
		if (t[d] == '.' && t[d + 1] >= '0' && t[d + 1] <= '9' && levels < 4) {
			d++;
			continue;
		}
		break;
	}
	if (t[d] == '.')
		d++;
	if (t[d] != ' ')
		return 0;
	return tb_first_class(t + d + 1) == 'u';
}

static tb_line *read_line(state *st, const pf_record *rec)
{
	tb_line *l = tb_alloc(sizeof *l);
	pf_line_fields f;
	pf_line_fields_read(rec, &f);
	l->page = f.page, l->no = f.no;
	l->x0 = f.x0, l->y0 = f.y0, l->x1 = f.x1, l->y1 = f.y1, l->size = f.size;
	l->bold = f.bold;
	l->page_w = st->page_w;
	l->page_h = st->page_h;
	l->nsrc = 1;
	l->span = tb_alloc((f.nspan + 1) * sizeof *l->span);
	for (size_t i = 0; i < f.nspan; i++) {
		tb_span *s = &l->span[l->nspan];
		s->text = tb_collapse(tb_strdup(pf_line_span(rec, &f, i, &s->x0, &s->x1)));
		s->y0 = l->y0;
		s->y1 = l->y1;
		if (!*s->text) {
			free(s->text);
			continue;
		}
		l->nspan++;
	}
	if (l->nspan == 0) {
		l->span[0] = (tb_span){ l->x0, l->x1, l->y0, l->y1,
					tb_collapse(tb_strdup(f.text)), 0 };
		l->nspan = 1;
	}
	tb_line_refresh(l);
	l->x0 = l->span[0].x0;
	l->x1 = l->span[l->nspan - 1].x1;
	return l;
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	state *st = ctx;
	st->w = w;
	if (pf_docframe_step(&st->frame, w, rec))
		return 0;
	if (pf_record_is(rec, PF_PARA)) {
		close_para(st);
		long no;
		st->para_no = pf_field_long(rec, PF_PARA_NO, &no) == 0 && no > 0 ? no : 0;
		pf_put_raw(w, rec);
		return 0;
	}
	if (pf_record_is(rec, PF_PAGE)) {
		detect(st, 0);
		double d;
		st->page_w = pf_field_double(rec, PF_PAGE_WIDTH, &d) == 0 ? d : 0;
		st->page_h = pf_field_double(rec, PF_PAGE_HEIGHT, &d) == 0 ? d : 0;
		st->page_has_text = 0;
		pf_put_raw(w, rec);
		return 0;
	}
	if (pf_record_is(rec, PF_DECISION)) {
		long no;
		if (st->para_no > 0 && pf_field_long(rec, PF_DECISION_PARA, &no) == 0 &&
		    no == st->para_no && pf_field(rec, PF_DECISION_TEXT)) {
			tb_grow(&st->dec, &st->capdec, st->ndec + 1, sizeof *st->dec);
			st->dec[st->ndec++] = tb_strdup(pf_field(rec, PF_DECISION_TEXT));
		}
		pf_put_raw(w, rec);
		return 0;
	}
	if (pf_record_is(rec, PF_AMOUNT)) {
		long no;
		if (st->para_no > 0 && pf_field_long(rec, PF_AMOUNT_PARA, &no) == 0 &&
		    no == st->para_no)
			tb_amount_hold(&st->amounts, rec);
		else
			pf_put_raw(w, rec);
		return 0;
	}
	if (pf_record_is(rec, PF_LINE)) {
		tb_line *l = read_line(st, rec);
		pf_put_raw(w, rec);
		if (!*l->text) {
			tb_line_free(l);
			return 0;
		}
		if (is_section_heading(l)) {
			free(st->section);
			st->section = tb_strdup(l->text);
		}
		l->section = tb_strdup(st->section);
		l->first_on_page = !st->page_has_text;
		st->page_has_text = 1;
		tb_window_add(&st->win, &st->nwin, &st->capwin, l);
		return 0;
	}
	pf_put_raw(w, rec);
	return 0;
}

/* A stream cut off before its end record: what is held still goes out. */
static void finish(void *ctx, pf_writer *w)
{
	state *st = ctx;
	st->w = w;
	pf_docframe_finish(&st->frame);
	free(st->win);
	free(st->held);
	free(st->dec);
	free(st->section);
	tb_amounts_free(&st->amounts);
}

int main(int argc, char **argv)
{
	state st = { 0 };
	st.frame = (pf_docframe){ .end_doc = end_doc, .ctx = &st };
	return pf_stage_main(argc, argv, TB_STAGE, usage, each, finish, &st);
}
