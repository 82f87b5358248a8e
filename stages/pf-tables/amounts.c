/*
 * Amounts in table cells are not amounts of the running text
 * (fixtures/TRUTH.md, amounts.csv): the table has its own records, and a
 * budget of forty "1 000,00 €" rows is not forty sums the text names.
 * pf-segment, before us, cannot tell a table row from a line of prose and
 * reads every line; here the paragraph's amount records are held until its
 * tables are known, and those whose text lies in a row of one of them are
 * dropped (docs/pf-tables.md, "Amounts in tables").
 */
#include <stdlib.h>
#include <string.h>

#include "tables.h"

void tb_amount_hold(tb_amounts *a, const pf_record *rec)
{
	tb_grow(&a->a, &a->cap, a->n + 1, sizeof *a->a);
	tb_amount *x = &a->a[a->n++];
	*x = (tb_amount){ 0 };
	x->nfield = rec->nfield;
	x->field = tb_alloc((rec->nfield ? rec->nfield : 1) * sizeof *x->field);
	for (size_t i = 0; i < rec->nfield; i++)
		x->field[i] = rec->field[i] ? tb_strndup(rec->field[i], rec->len[i]) : NULL;
	long page;
	x->page = pf_field_long(rec, PF_AMOUNT_PAGE, &page) == 0 ? page : 0;
}

static int is_alnum_byte(unsigned char c)
{
	/* a byte of a multi-byte character counts as a letter: what follows
	 * a currency word is a space or punctuation in ASCII */
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

/* The first place in text where raw stands as a whole (not inside a longer
 * number or word) and that no earlier amount took; -1 when there is none. */
static long find_free(const char *text, const unsigned char *taken, const char *raw)
{
	size_t n = strlen(raw), len = strlen(text);
	if (n == 0)
		return -1;
	for (const char *p = strstr(text, raw); p; p = strstr(p + 1, raw)) {
		size_t at = (size_t)(p - text);
		unsigned char before = at ? (unsigned char)text[at - 1] : ' ';
		unsigned char after = at + n < len ? (unsigned char)text[at + n] : ' ';
		int free_ = 1;
		for (size_t k = at; k < at + n && free_; k++)
			free_ = !taken[k];
		/* "1 000 €" is not in "11 000 €" nor in "2,1 000 €" */
		if (free_ && !(before >= '0' && before <= '9') && before != ',' && before != '.' &&
		    !(is_alnum_byte(after) && is_alnum_byte((unsigned char)raw[n - 1])))
			return (long)at;
	}
	return -1;
}

/* The row's filled cells joined by one space: the row as its line read,
 * "Finansiering totalt | 192 250,00 €" giving the amount "totalt 192 250,00
 * €" with the qualifier from the cell before. */
static char *row_text(const tb_row *r, int ncol, long *page)
{
	tb_buf b = { 0 };
	*page = r->page;
	for (int k = 0; k < ncol; k++) {
		const tb_cell *c = &r->cell[k];
		if (!c->text || !*c->text)
			continue;
		if (b.len)
			tb_buf_addc(&b, ' ');
		tb_buf_adds(&b, c->text);
		if (*page <= 0)
			*page = c->page;
	}
	return b.s ? b.s : tb_strdup("");
}

/* One table's rows as text, with the places amounts have taken. */
typedef struct rows {
	int n;
	char **text;
	long *page;
	unsigned char **taken;
	size_t *undo_row, *undo_at, *undo_len, nundo; /* one trial's places */
} rows;

static const char *raw_of(const tb_amount *x)
{
	return x->nfield > PF_AMOUNT_RAW ? x->field[PF_AMOUNT_RAW] : NULL;
}

/* Takes a free place for x in the first row that has one; 0 when none. */
static int take(rows *r, const tb_amount *x)
{
	const char *raw = raw_of(x);
	for (int i = 0; raw && i < r->n; i++) {
		long at = r->page[i] == x->page ? find_free(r->text[i], r->taken[i], raw) : -1;
		if (at < 0)
			continue;
		size_t len = strlen(raw);
		memset(r->taken[i] + at, 1, len);
		r->undo_row[r->nundo] = (size_t)i;
		r->undo_at[r->nundo] = (size_t)at;
		r->undo_len[r->nundo++] = len;
		return 1;
	}
	return 0;
}

/* How many amounts from `from` on, one after the other (those another
 * table took left out), find a place in the rows; with `keep` they are
 * marked dropped and keep their places, else everything is as before. */
static size_t run_from(tb_amounts *a, rows *r, size_t from, int keep)
{
	size_t len = 0;
	r->nundo = 0;
	for (size_t k = from; k < a->n; k++) {
		if (a->a[k].drop)
			continue;
		if (!take(r, &a->a[k]))
			break;
		len++;
		if (keep)
			a->a[k].drop = 1;
	}
	if (!keep)
		for (size_t u = 0; u < r->nundo; u++)
			memset(r->taken[r->undo_row[u]] + r->undo_at[u], 0, r->undo_len[u]);
	return len;
}

/*
 * pf-segment wrote the paragraph's amounts in reading order, and a table's
 * rows are lines one after the other: its amounts come as one run. So the
 * longest run of amounts the rows hold is taken first, then the next: the
 * table's "1 300,00 €" is the one among its neighbours, not the same sum
 * in a sentence above it.
 */
static void drop_in_table(tb_amounts *a, const tb_table *t)
{
	rows r = { .n = t->nrow };
	r.text = tb_alloc((size_t)(t->nrow + 1) * sizeof *r.text);
	r.page = tb_alloc((size_t)(t->nrow + 1) * sizeof *r.page);
	r.taken = tb_alloc((size_t)(t->nrow + 1) * sizeof *r.taken);
	r.undo_row = tb_alloc((a->n + 1) * sizeof *r.undo_row);
	r.undo_at = tb_alloc((a->n + 1) * sizeof *r.undo_at);
	r.undo_len = tb_alloc((a->n + 1) * sizeof *r.undo_len);
	for (int i = 0; i < t->nrow; i++) {
		r.text[i] = row_text(&t->row[i], t->ncol, &r.page[i]);
		r.taken[i] = tb_alloc(strlen(r.text[i]) + 1);
	}
	for (;;) {
		size_t best = 0, best_len = 0;
		/* a start inside a run found gives a part of it: skip to its end */
		for (size_t k = 0; k < a->n; k++) {
			size_t len = a->a[k].drop ? 0 : run_from(a, &r, k, 0);
			if (len > best_len)
				best = k, best_len = len;
			if (len > 1)
				k += len - 1;
		}
		if (best_len == 0)
			break;
		run_from(a, &r, best, 1);
	}
	for (int i = 0; i < t->nrow; i++) {
		free(r.text[i]);
		free(r.taken[i]);
	}
	free(r.text), free(r.page), free(r.taken);
	free(r.undo_row), free(r.undo_at), free(r.undo_len);
}

void tb_amounts_in_tables(tb_amounts *a, tb_table *const *tables, size_t ntables)
{
	if (a->n == 0)
		return;
	for (size_t t = 0; t < ntables; t++)
		drop_in_table(a, tables[t]);
}

void tb_amounts_write(tb_amounts *a, pf_writer *w)
{
	long dropped = 0;
	for (size_t i = 0; i < a->n; i++) {
		tb_amount *x = &a->a[i];
		char *end = NULL;
		const char *s = x->nfield > PF_AMOUNT_SEQ ? x->field[PF_AMOUNT_SEQ] : NULL;
		long seq = s ? strtol(s, &end, 10) : 0;
		if (x->drop) {
			dropped++;
		} else {
			/* seq closes the gaps the dropped ones left */
			pf_begin(w, PF_AMOUNT);
			for (size_t k = 1; k < x->nfield; k++)
				if (k == PF_AMOUNT_SEQ && s && *s && !*end)
					pf_put_long(w, seq - dropped);
				else
					pf_put_str(w, x->field[k]);
			pf_end(w);
		}
		for (size_t k = 0; k < x->nfield; k++)
			free(x->field[k]);
		free(x->field);
	}
	a->n = 0;
}

void tb_amounts_free(tb_amounts *a)
{
	free(a->a);
	*a = (tb_amounts){ 0 };
}
