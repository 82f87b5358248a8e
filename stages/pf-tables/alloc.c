/*
 * Allocations ("fördelning av medel") and their checks.
 *
 * An allocation table has an amount column (its header names a money unit:
 * "Summa kr", "tkr", "mnkr") and a text column left of it. Each data row is
 * an allocation: recipient, amount in whole kronor (the header's unit, or
 * the cell's own: "1 800 tkr"), comment, and whether it is a total
 * ("Totalt ...", "Summa ..."). A row with nothing but its first cell (a
 * note like "Totalt kan rekvireras: 28 357 881 kr", a group label) is not
 * an allocation.
 *
 * Checks, one record each, never a correction:
 *   sum_equals_total        the data rows add up to the (last) total row
 *   decision_matches_table  the sums the paragraph's att-satser give to
 *                           recipients are the table's sums for them
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

static int is_total_label(const char *s)
{
	static const char *const words[] = { "totalt", "summa", "total", "totalsumma",
					     "s:a", "sammanlagt", "yhteensä", NULL };
	char *l = tb_lower(s);
	int yes = 0;
	for (const char *const *w = words; *w && !yes; w++) {
		size_t n = strlen(*w);
		yes = strncmp(l, *w, n) == 0 && (l[n] == '\0' || l[n] == ' ' || l[n] == ':');
	}
	free(l);
	return yes;
}

void tb_allocations(tb_table *t)
{
	t->alloc = tb_alloc((size_t)t->nrow * sizeof *t->alloc);
	t->nalloc = 0;
	for (int r = 0; r < t->nrow; r++) {
		const tb_row *row = &t->row[r];
		if (row->header || row->spanning)
			continue;
		const char *rec = t->row[r].cell[t->recipient_col].text;
		const char *amt = t->row[r].cell[t->amount_col].text;
		int others = 0;
		for (int k = 0; k < t->ncol; k++)
			if (k != t->recipient_col && *row->cell[k].text)
				others++;
		if (!others)
			continue;
		tb_allocation *a = &t->alloc[t->nalloc++];
		a->row = r;
		a->recipient = *rec ? tb_strdup(rec) : NULL;
		if (t->comment_col >= 0 && *row->cell[t->comment_col].text)
			a->comment = tb_strdup(row->cell[t->comment_col].text);
		double v, sc;
		if (*amt && !tb_is_dash(amt) && tb_parse_amount(amt, &v, &sc)) {
			a->amount = llround(v * (sc > 0 ? sc : t->scale));
			a->has_amount = 1;
		}
		a->is_total = *rec && is_total_label(rec);
	}
}

/* ---- amounts in att-satser ---- */

typedef struct damount {
	long long amount;
	char *recipient;     /* normalised, or NULL */
	int relevant;        /* from an att-sats that distributes money */
	int state;           /* D_* */
	int cand;            /* a row whose name resembles the recipient, or -1 */
} damount;

enum { D_OPEN, D_TOTAL, D_MATCHED, D_MISMATCH };

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Lower case, "a / b" as "a/b", no trailing punctuation, no leading
 * "samt"/"och"/"att". */
static char *norm_name(const char *s, size_t n)
{
	char *raw = tb_strndup(s, n);
	char *l = tb_lower(tb_collapse(raw));
	free(raw);
	size_t o = 0, len = strlen(l);
	for (size_t i = 0; i < len; i++) {
		if (l[i] == ' ' && ((i + 1 < len && l[i + 1] == '/') || (o > 0 && l[o - 1] == '/')))
			continue;
		l[o++] = l[i];
	}
	l[o] = '\0';
	while (o > 0 && strchr(".,;:- ", l[o - 1]))
		l[--o] = '\0';
	static const char *const lead[] = { "samt ", "och ", "att ", "varav ", "till ", "- ",
					    "\u2013 ", NULL };
	char *p = l;
	for (int again = 1; again;) {
		again = 0;
		for (const char *const *w = lead; *w; w++) {
			size_t k = strlen(*w);
			if (strncmp(p, *w, k) == 0) {
				p += k;
				again = 1;
			}
		}
	}
	char *r = tb_strdup(p);
	free(l);
	return r;
}

/* Every "N kr" in an att-sats, with the words before it. */
static void decision_amounts(const char *text, int relevant, damount **out, size_t *n,
			     size_t *cap)
{
	size_t len = strlen(text), last_end = 0;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(text[i]))
			continue;
		if (i > 0) {
			unsigned char pc = (unsigned char)text[i - 1];
			/* inside a word, a dnr, a decimal or another number */
			if (is_digit((char)pc) || pc == ',' || pc == '.' || pc == '/' || pc >= 0x80 ||
			    (pc >= 'a' && pc <= 'z') || (pc >= 'A' && pc <= 'Z')) {
				while (i + 1 < len && is_digit(text[i + 1]))
					i++;
				continue;
			}
		}
		size_t j = i;
		double v = 0;
		for (;;) {
			while (j < len && is_digit(text[j]))
				v = v * 10 + (text[j++] - '0');
			if (j + 3 < len && text[j] == ' ' && is_digit(text[j + 1]) &&
			    is_digit(text[j + 2]) && is_digit(text[j + 3]) &&
			    (j + 4 >= len || !is_digit(text[j + 4]))) {
				j++;
				continue;
			}
			break;
		}
		if (j < len && text[j] == ',' && j + 1 < len && is_digit(text[j + 1])) {
			double f = 0.1;
			for (j++; j < len && is_digit(text[j]); j++, f /= 10)
				v += (text[j] - '0') * f;
		}
		size_t u = j;
		while (u < len && text[u] == ' ')
			u++;
		static const struct {
			const char *w;
			double scale;
		} units[] = {
			{ "miljoner kronor", 1e6 }, { "miljarder kronor", 1e9 }, { "tusen kronor", 1e3 },
			{ "kronor", 1 }, { "kr", 1 }, { "tkr", 1e3 }, { "mnkr", 1e6 }, { "mkr", 1e6 },
			{ "Mkr", 1e6 }, { "mdkr", 1e9 }, { "miljoner", 1e6 }, { "miljarder", 1e9 },
			{ "SEK", 1 }, { "MSEK", 1e6 },
		};
		double scale = 0;
		size_t ul = 0;
		for (size_t k = 0; k < sizeof units / sizeof units[0] && scale == 0; k++) {
			size_t wl = strlen(units[k].w);
			if (strncmp(text + u, units[k].w, wl) == 0 &&
			    !((text[u + wl] >= 'a' && text[u + wl] <= 'z') ||
			      (unsigned char)text[u + wl] >= 0x80)) {
				scale = units[k].scale;
				ul = wl;
			}
		}
		if (scale == 0) {
			i = j;
			continue;
		}
		int neg = 0;
		size_t start = i;
		if (start > 0 && text[start - 1] == '-')
			neg = 1;
		/* the name before it, back to a delimiter or the last amount */
		size_t b = start;
		while (b > last_end && !strchr(";:(),", text[b - 1]))
			b--;
		tb_grow(out, cap, *n + 1, sizeof **out);
		damount *d = &(*out)[(*n)++];
		*d = (damount){ 0 };
		d->amount = llround((neg ? -v : v) * scale);
		/* "att anvisa 581 000 kronor till Närsjukvårdsområde Söder för ..." */
		size_t a = u + ul;
		while (a < len && text[a] == ' ')
			a++;
		size_t to = 0;
		if (strncmp(text + a, "till ", 5) == 0)
			to = 5;
		else if (strncmp(text + a, "åt ", 4) == 0)
			to = 4;
		if (to) {
			size_t e = a + to;
			while (e < len && !strchr(";:(),.", text[e]) &&
			       strncmp(text + e, " för ", 5) != 0 && strncmp(text + e, " att ", 5) != 0 &&
			       strncmp(text + e, " som ", 5) != 0 && strncmp(text + e, " inom ", 6) != 0 &&
			       strncmp(text + e, " med ", 5) != 0)
				e++;
			d->recipient = norm_name(text + a + to, e - a - to);
		} else {
			d->recipient = norm_name(text + b, start - b);
		}
		if (!*d->recipient) {
			free(d->recipient);
			d->recipient = NULL;
		}
		d->relevant = relevant;
		d->cand = -1;
		last_end = u + ul;
		i = last_end;
	}
}

/* ---- rows of the paragraph's allocation tables ---- */

typedef struct trow_ref {
	int table;           /* index into the paragraph's tables */
	char *name;          /* normalised recipient, or NULL */
	long long amount;
	int used;
} trow_ref;

typedef struct group {
	int table;
	long long expected, actual;
	int ok;
} group;

/* Names that are the same recipient written another way:
 * "…/barn- och ungdomspsykiatri" and "… / Barn- och ungdomspsykiatrin",
 * "Ambulanssjukvården" and "Hälso- och sjukvårdsförvaltningen/Ambulanssjukvården". */
static int related(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t la = strlen(a), lb = strlen(b);
	const char *s = la <= lb ? a : b, *l = la <= lb ? b : a;
	size_t ls = la <= lb ? la : lb, ll = la <= lb ? lb : la;
	if (ls < 5)
		return 0;
	if (strncmp(l, s, ls) == 0 &&
	    (strchr(" /,-(", l[ls]) || ls * 100 >= ll * 85))
		return 1;
	if (strcmp(l + ll - ls, s) == 0 && (l[ll - ls - 1] == '/' || l[ll - ls - 1] == ' '))
		return 1;
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	if (sa && sb && strcmp(sa, sb) == 0 && strlen(sa) > 5)
		return 1;
	return 0;
}

/* Subset sums are tried over this many amounts at most (2^16 subsets, a
 * mask in an unsigned). */
#define TB_SUBSET_MAX 16

/* A subset of v[0..n) (n <= TB_SUBSET_MAX) of min_size amounts or more
 * summing to want: its mask, or 0. */
static unsigned subset_sum(const long long *v, size_t n, long long want, int min_size)
{
	if (n > TB_SUBSET_MAX)
		n = TB_SUBSET_MAX;
	for (unsigned m = 1; m < (1u << n); m++) {
		long long s = 0;
		int k = 0;
		for (size_t i = 0; i < n; i++)
			if (m & (1u << i)) {
				s += v[i];
				k++;
			}
		if (k >= min_size && s == want)
			return m;
	}
	return 0;
}

static void add_group(group **g, size_t *n, size_t *cap, int table, long long e, long long a,
		      int ok)
{
	tb_grow(g, cap, *n + 1, sizeof **g);
	(*g)[(*n)++] = (group){ table, e, a, ok };
}

static int distributes(const char *text)
{
	char *l = tb_lower(text);
	int yes = strstr(l, "fördel") != NULL || strstr(l, "tilldela") != NULL ||
		  strstr(l, "anslå") != NULL || strstr(l, "anvisa") != NULL;
	free(l);
	return yes;
}

/* ---- the checks ---- */

/* The checks found so far, in the order found. */
typedef struct check_list {
	tb_check *c;
	size_t n, cap;
} check_list;

static void add_check(check_list *out, tb_table *t, const char *name, long long expected,
		      long long actual, int ok)
{
	tb_grow(&out->c, &out->cap, out->n + 1, sizeof *out->c);
	out->c[out->n++] = (tb_check){ t, name, 1, 1, expected, actual, ok };
}

/* sum_equals_total: the data rows of an allocation table add up to its last
 * total row (or its subtotals do). */
static void check_sums(tb_table **tables, size_t nt, check_list *out)
{
	for (size_t ti = 0; ti < nt; ti++) {
		tb_table *t = tables[ti];
		if (strcmp(t->kind, "allocation") != 0)
			continue;
		int last = -1;
		for (int i = 0; i < t->nalloc; i++)
			if (t->alloc[i].is_total && t->alloc[i].has_amount)
				last = i;
		if (last < 0)
			continue;
		long long sum = 0, subtotals = 0;
		int nsub = 0;
		for (int i = 0; i < t->nalloc; i++) {
			if (!t->alloc[i].has_amount || i == last)
				continue;
			if (t->alloc[i].is_total) {
				subtotals += t->alloc[i].amount;
				nsub++;
			} else {
				sum += t->alloc[i].amount;
			}
		}
		long long want = t->alloc[last].amount;
		if (sum != want && nsub > 0 && subtotals == want)
			sum = subtotals;
		add_check(out, t, "sum_equals_total", want, sum, sum == want);
	}
}

/* decision_matches_table: the sums of the att-satser matched against the
 * rows of the paragraph's allocation tables, in steps 1 to 6 below. */
typedef struct matching {
	damount *d;           /* the att-satser's sums */
	size_t nd, capd;
	trow_ref *rows;       /* allocation rows with an amount, not totals */
	size_t nr, capr;
	long long *totals;    /* total rows, and sums written in note rows */
	size_t ntot, captot;
	group *g;             /* what matched or did not: the checks' parts */
	size_t ng, capg;
	int first_alloc;      /* the first allocation table, or -1 */
} matching;

static void add_total(matching *m, long long amount)
{
	tb_grow(&m->totals, &m->captot, m->ntot + 1, sizeof *m->totals);
	m->totals[m->ntot++] = amount;
}

/* Sums written in note rows: "Totalt kan rekvireras: 28 357 881 kr". */
static void note_row_totals(matching *m, const tb_table *t)
{
	for (int r = 0; r < t->nrow; r++) {
		if (t->row[r].header)
			continue;
		int only = 1;
		for (int k = 1; k < t->ncol; k++)
			only &= !*t->row[r].cell[k].text;
		if (!only && !t->row[r].spanning)
			continue;
		damount *x = NULL;
		size_t nx = 0, capx = 0;
		decision_amounts(t->row[r].cell[0].text, 0, &x, &nx, &capx);
		for (size_t q = 0; q < nx; q++) {
			add_total(m, x[q].amount);
			free(x[q].recipient);
		}
		free(x);
	}
}

/* The rows and totals of every allocation table. */
static void collect_rows(matching *m, tb_table **tables, size_t nt)
{
	m->first_alloc = -1;
	for (size_t ti = 0; ti < nt; ti++) {
		tb_table *t = tables[ti];
		if (strcmp(t->kind, "allocation") != 0)
			continue;
		if (m->first_alloc < 0)
			m->first_alloc = (int)ti;
		for (int i = 0; i < t->nalloc; i++) {
			tb_allocation *a = &t->alloc[i];
			if (!a->has_amount)
				continue;
			if (a->is_total) {
				add_total(m, a->amount);
				continue;
			}
			tb_grow(&m->rows, &m->capr, m->nr + 1, sizeof *m->rows);
			m->rows[m->nr++] = (trow_ref){
				(int)ti, a->recipient ? norm_name(a->recipient, strlen(a->recipient)) : NULL,
				a->amount, 0
			};
		}
		note_row_totals(m, t);
	}
}

/* The open sums of the att-satser for the same recipient as d[i], from i on. */
static int same_recipient(const matching *m, size_t i, size_t j)
{
	return m->d[j].state == D_OPEN && m->d[j].recipient &&
	       strcmp(m->d[j].recipient, m->d[i].recipient) == 0;
}

/* Step 1: a recipient's sums against the sums of the rows under its name
 * (a subset of them when they do not add up). */
static void match_by_recipient(matching *m)
{
	damount *d = m->d;
	for (size_t i = 0; i < m->nd; i++) {
		if (d[i].state != D_OPEN || !d[i].recipient)
			continue;
		long long sd = 0, st = 0, rv[TB_SUBSET_MAX];
		size_t ri[TB_SUBSET_MAX], nri = 0;
		int relevant = 0;
		for (size_t j = i; j < m->nd; j++)
			if (same_recipient(m, i, j)) {
				sd += d[j].amount;
				relevant |= d[j].relevant;
			}
		for (size_t r = 0; r < m->nr; r++)
			if (!m->rows[r].used && m->rows[r].name &&
			    strcmp(m->rows[r].name, d[i].recipient) == 0 && nri < TB_SUBSET_MAX) {
				ri[nri] = r;
				rv[nri++] = m->rows[r].amount;
				st += m->rows[r].amount;
			}
		if (nri == 0)
			continue;
		unsigned mask = (1u << nri) - 1;
		if (sd != st)
			mask = subset_sum(rv, nri, sd, 1);
		if (!mask && !relevant)
			continue;
		long long got = 0;
		for (size_t q = 0; q < nri; q++)
			if (!mask || (mask & (1u << q))) {
				m->rows[ri[q]].used = 1;
				got += rv[q];
			}
		for (size_t j = m->nd; j-- > i;)
			if (same_recipient(m, i, j))
				d[j].state = mask ? D_MATCHED : D_MISMATCH;
		add_group(&m->g, &m->ng, &m->capg, m->rows[ri[0]].table, sd, got, mask != 0);
	}
}

/* Step 2: the sum to be requisitioned, or the total. */
static void match_totals(matching *m)
{
	for (size_t i = 0; i < m->nd; i++)
		for (size_t k = 0; k < m->ntot; k++)
			if (m->d[i].state == D_OPEN && m->d[i].amount == m->totals[k])
				m->d[i].state = D_TOTAL;
}

/* A row matched to sum d[i] of the att-satser, as it is. */
static void match_row(matching *m, size_t i, size_t r)
{
	m->rows[r].used = 1;
	m->d[i].state = D_MATCHED;
	add_group(&m->g, &m->ng, &m->capg, m->rows[r].table, m->d[i].amount, m->rows[r].amount, 1);
}

/* Step 3: a recipient written another way, the same amount; a row of a
 * related name with another amount is remembered for step 6. */
static void match_related_names(matching *m)
{
	for (size_t i = 0; i < m->nd; i++) {
		if (m->d[i].state != D_OPEN)
			continue;
		for (size_t r = 0; r < m->nr; r++) {
			if (m->rows[r].used || !related(m->d[i].recipient, m->rows[r].name))
				continue;
			if (m->rows[r].amount == m->d[i].amount) {
				match_row(m, i, r);
				break;
			}
			if (m->d[i].cand < 0)
				m->d[i].cand = (int)r;
		}
	}
}

/* Step 4: the same amount under another name. */
static void match_same_amount(matching *m)
{
	for (size_t i = 0; i < m->nd; i++) {
		if (m->d[i].state != D_OPEN)
			continue;
		for (size_t r = 0; r < m->nr; r++)
			if (!m->rows[r].used && m->rows[r].amount == m->d[i].amount) {
				match_row(m, i, r);
				break;
			}
	}
}

/* Step 5: several sums of the att-satser making one row, or the other way
 * round (subsets of TB_SUBSET_MAX amounts at most). */
static void match_subset_sums(matching *m)
{
	damount *d = m->d;
	for (size_t r = 0; r < m->nr; r++) {
		if (m->rows[r].used)
			continue;
		size_t di[TB_SUBSET_MAX], ndi = 0;
		long long dv[TB_SUBSET_MAX];
		for (size_t i = 0; i < m->nd && ndi < TB_SUBSET_MAX; i++)
			if (d[i].state == D_OPEN) {
				di[ndi] = i;
				dv[ndi++] = d[i].amount;
			}
		unsigned mask = subset_sum(dv, ndi, m->rows[r].amount, 2);
		if (!mask)
			continue;
		m->rows[r].used = 1;
		for (size_t q = 0; q < ndi; q++)
			if (mask & (1u << q))
				d[di[q]].state = D_MATCHED;
		add_group(&m->g, &m->ng, &m->capg, m->rows[r].table, m->rows[r].amount,
			  m->rows[r].amount, 1);
	}
	for (size_t i = 0; i < m->nd; i++) {
		if (d[i].state != D_OPEN)
			continue;
		size_t ri[TB_SUBSET_MAX], nri = 0;
		long long rv[TB_SUBSET_MAX];
		for (size_t r = 0; r < m->nr && nri < TB_SUBSET_MAX; r++)
			if (!m->rows[r].used) {
				ri[nri] = r;
				rv[nri++] = m->rows[r].amount;
			}
		unsigned mask = subset_sum(rv, nri, d[i].amount, 2);
		if (!mask)
			continue;
		for (size_t q = 0; q < nri; q++)
			if (mask & (1u << q))
				m->rows[ri[q]].used = 1;
		d[i].state = D_MATCHED;
		add_group(&m->g, &m->ng, &m->capg, m->rows[ri[0]].table, d[i].amount, d[i].amount, 1);
	}
}

/* Step 6: what the att-satser give and the table does not: a mismatch,
 * against the related row of step 3 when there is one. */
static void match_left_over(matching *m)
{
	damount *d = m->d;
	for (size_t i = 0; i < m->nd; i++) {
		if (d[i].state != D_OPEN || !d[i].relevant)
			continue;
		if (d[i].cand >= 0 && !m->rows[d[i].cand].used) {
			m->rows[d[i].cand].used = 1;
			add_group(&m->g, &m->ng, &m->capg, m->rows[d[i].cand].table, d[i].amount,
				  m->rows[d[i].cand].amount, 0);
		} else {
			add_group(&m->g, &m->ng, &m->capg, m->first_alloc, d[i].amount, 0, 0);
		}
		d[i].state = D_MISMATCH;
	}
}

/* One decision_matches_table check per table: its groups summed. */
static void add_match_checks(const matching *m, tb_table **tables, size_t nt, check_list *out)
{
	for (size_t ti = 0; ti < nt; ti++) {
		long long e = 0, a = 0;
		int ok = 1, any = 0;
		for (size_t i = 0; i < m->ng; i++) {
			if (m->g[i].table != (int)ti)
				continue;
			any = 1;
			e += m->g[i].expected;
			a += m->g[i].actual;
			ok &= m->g[i].ok;
		}
		if (any)
			add_check(out, tables[ti], "decision_matches_table", e, a, ok);
	}
}

static void matching_free(matching *m)
{
	for (size_t i = 0; i < m->nd; i++)
		free(m->d[i].recipient);
	free(m->d);
	for (size_t r = 0; r < m->nr; r++)
		free(m->rows[r].name);
	free(m->rows);
	free(m->totals);
	free(m->g);
}

tb_check *tb_checks(tb_table **tables, size_t nt, char **dec, size_t nd, size_t *nout)
{
	check_list out = { 0 };
	check_sums(tables, nt, &out);

	matching m = { 0 };
	for (size_t i = 0; i < nd; i++)
		decision_amounts(dec[i], distributes(dec[i]), &m.d, &m.nd, &m.capd);
	collect_rows(&m, tables, nt);
	if (m.first_alloc >= 0 && m.nd > 0) {
		match_by_recipient(&m);
		match_totals(&m);
		match_related_names(&m);
		match_same_amount(&m);
		match_subset_sums(&m);
		match_left_over(&m);
	}
	add_match_checks(&m, tables, nt, &out);
	matching_free(&m);

	/* table order: the checks of each table together */
	tb_check *sorted = tb_alloc((out.n + 1) * sizeof *sorted);
	size_t k = 0;
	for (size_t ti = 0; ti < nt; ti++)
		for (size_t i = 0; i < out.n; i++)
			if (out.c[i].table == tables[ti])
				sorted[k++] = out.c[i];
	free(out.c);
	*nout = k;
	return sorted;
}
