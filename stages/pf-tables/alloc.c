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

/* A subset of v[idx[0..n)] (n <= 16) summing to want: its mask, or 0. */
static unsigned subset_sum(const long long *v, size_t n, long long want, int min_size)
{
	if (n > 16)
		n = 16;
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

tb_check *tb_checks(tb_table **tables, size_t nt, char **dec, size_t nd, size_t *nout)
{
	tb_check *out = NULL;
	size_t n = 0, cap = 0;
	/* sum_equals_total */
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
		tb_grow(&out, &cap, n + 1, sizeof *out);
		out[n++] = (tb_check){ t, "sum_equals_total", 1, 1, want, sum, sum == want };
	}

	/* decision_matches_table */
	damount *d = NULL;
	size_t ndam = 0, capd = 0;
	for (size_t i = 0; i < nd; i++)
		decision_amounts(dec[i], distributes(dec[i]), &d, &ndam, &capd);
	trow_ref *rows = NULL;
	size_t nr = 0, capr = 0;
	long long *totals = NULL;
	size_t ntot = 0, captot = 0;
	int first_alloc = -1;
	for (size_t ti = 0; ti < nt; ti++) {
		tb_table *t = tables[ti];
		if (strcmp(t->kind, "allocation") != 0)
			continue;
		if (first_alloc < 0)
			first_alloc = (int)ti;
		for (int i = 0; i < t->nalloc; i++) {
			tb_allocation *a = &t->alloc[i];
			if (!a->has_amount)
				continue;
			if (a->is_total) {
				tb_grow(&totals, &captot, ntot + 1, sizeof *totals);
				totals[ntot++] = a->amount;
				continue;
			}
			tb_grow(&rows, &capr, nr + 1, sizeof *rows);
			rows[nr++] = (trow_ref){ (int)ti,
						 a->recipient ? norm_name(a->recipient, strlen(a->recipient)) : NULL,
						 a->amount, 0 };
		}
		/* sums written in note rows: "Totalt kan rekvireras: 28 357 881 kr" */
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
				tb_grow(&totals, &captot, ntot + 1, sizeof *totals);
				totals[ntot++] = x[q].amount;
				free(x[q].recipient);
			}
			free(x);
		}
	}
	group *g = NULL;
	size_t ng = 0, capg = 0;
	if (first_alloc >= 0 && ndam > 0) {
		/* 1. the same recipient: the sums of its rows */
		for (size_t i = 0; i < ndam; i++) {
			if (d[i].state != D_OPEN || !d[i].recipient)
				continue;
			long long sd = 0, st = 0, rv[16];
			size_t ri[16], nri = 0;
			for (size_t j = i; j < ndam; j++)
				if (d[j].state == D_OPEN && d[j].recipient &&
				    strcmp(d[j].recipient, d[i].recipient) == 0)
					sd += d[j].amount;
			for (size_t r = 0; r < nr; r++)
				if (!rows[r].used && rows[r].name &&
				    strcmp(rows[r].name, d[i].recipient) == 0 && nri < 16) {
					ri[nri] = r;
					rv[nri++] = rows[r].amount;
					st += rows[r].amount;
				}
			if (nri == 0)
				continue;
			int relevant = 0;
			for (size_t j = i; j < ndam; j++)
				if (d[j].state == D_OPEN && d[j].recipient &&
				    strcmp(d[j].recipient, d[i].recipient) == 0)
					relevant |= d[j].relevant;
			unsigned mask = (1u << nri) - 1;
			if (sd != st)
				mask = subset_sum(rv, nri, sd, 1);
			if (!mask && !relevant)
				continue;
			long long got = 0;
			for (size_t q = 0; q < nri; q++)
				if (!mask || (mask & (1u << q))) {
					rows[ri[q]].used = 1;
					got += rv[q];
				}
			for (size_t j = ndam; j-- > i;)
				if (d[j].state == D_OPEN && d[j].recipient &&
				    strcmp(d[j].recipient, d[i].recipient) == 0)
					d[j].state = mask ? D_MATCHED : D_MISMATCH;
			add_group(&g, &ng, &capg, rows[ri[0]].table, sd, got, mask != 0);
		}
		/* 2. the sum to be requisitioned or the total */
		for (size_t i = 0; i < ndam; i++)
			for (size_t k = 0; k < ntot; k++)
				if (d[i].state == D_OPEN && d[i].amount == totals[k])
					d[i].state = D_TOTAL;
		/* 3. a recipient written another way, same amount */
		for (size_t i = 0; i < ndam; i++) {
			if (d[i].state != D_OPEN)
				continue;
			for (size_t r = 0; r < nr; r++) {
				if (rows[r].used || !related(d[i].recipient, rows[r].name))
					continue;
				if (rows[r].amount == d[i].amount) {
					rows[r].used = 1;
					d[i].state = D_MATCHED;
					add_group(&g, &ng, &capg, rows[r].table, d[i].amount,
						  rows[r].amount, 1);
					break;
				}
				if (d[i].cand < 0)
					d[i].cand = (int)r;
			}
		}
		/* 4. the same amount under another name */
		for (size_t i = 0; i < ndam; i++) {
			if (d[i].state != D_OPEN)
				continue;
			for (size_t r = 0; r < nr; r++)
				if (!rows[r].used && rows[r].amount == d[i].amount) {
					rows[r].used = 1;
					d[i].state = D_MATCHED;
					add_group(&g, &ng, &capg, rows[r].table, d[i].amount,
						  rows[r].amount, 1);
					break;
				}
		}
		/* 5. several att-sats sums making one row, or the other way round */
		for (size_t r = 0; r < nr; r++) {
			if (rows[r].used)
				continue;
			size_t di[16], ndi = 0;
			long long dv[16];
			for (size_t i = 0; i < ndam && ndi < 16; i++)
				if (d[i].state == D_OPEN) {
					di[ndi] = i;
					dv[ndi++] = d[i].amount;
				}
			unsigned mask = subset_sum(dv, ndi, rows[r].amount, 2);
			if (!mask)
				continue;
			rows[r].used = 1;
			for (size_t q = 0; q < ndi; q++)
				if (mask & (1u << q))
					d[di[q]].state = D_MATCHED;
			add_group(&g, &ng, &capg, rows[r].table, rows[r].amount, rows[r].amount, 1);
		}
		for (size_t i = 0; i < ndam; i++) {
			if (d[i].state != D_OPEN)
				continue;
			size_t ri[16], nri = 0;
			long long rv[16];
			for (size_t r = 0; r < nr && nri < 16; r++)
				if (!rows[r].used) {
					ri[nri] = r;
					rv[nri++] = rows[r].amount;
				}
			unsigned mask = subset_sum(rv, nri, d[i].amount, 2);
			if (!mask)
				continue;
			for (size_t q = 0; q < nri; q++)
				if (mask & (1u << q))
					rows[ri[q]].used = 1;
			d[i].state = D_MATCHED;
			add_group(&g, &ng, &capg, rows[ri[0]].table, d[i].amount, d[i].amount, 1);
		}
		/* 6. what the att-satser give and the table does not */
		for (size_t i = 0; i < ndam; i++) {
			if (d[i].state != D_OPEN || !d[i].relevant)
				continue;
			if (d[i].cand >= 0 && !rows[d[i].cand].used) {
				rows[d[i].cand].used = 1;
				add_group(&g, &ng, &capg, rows[d[i].cand].table, d[i].amount,
					  rows[d[i].cand].amount, 0);
			} else {
				add_group(&g, &ng, &capg, first_alloc, d[i].amount, 0, 0);
			}
			d[i].state = D_MISMATCH;
		}
	}
	for (size_t ti = 0; ti < nt; ti++) {
		long long e = 0, a = 0;
		int ok = 1, any = 0;
		for (size_t i = 0; i < ng; i++) {
			if (g[i].table != (int)ti)
				continue;
			any = 1;
			e += g[i].expected;
			a += g[i].actual;
			ok &= g[i].ok;
		}
		if (!any)
			continue;
		tb_grow(&out, &cap, n + 1, sizeof *out);
		out[n++] = (tb_check){ tables[ti], "decision_matches_table", 1, 1, e, a, ok };
	}
	for (size_t i = 0; i < ndam; i++)
		free(d[i].recipient);
	free(d);
	for (size_t r = 0; r < nr; r++)
		free(rows[r].name);
	free(rows);
	free(totals);
	free(g);
	/* table order: the checks of each table together */
	tb_check *sorted = tb_alloc((n + 1) * sizeof *sorted);
	size_t k = 0;
	for (size_t ti = 0; ti < nt; ti++)
		for (size_t i = 0; i < n; i++)
			if (out[i].table == tables[ti])
				sorted[k++] = out[i];
	free(out);
	*nout = k;
	return sorted;
}
