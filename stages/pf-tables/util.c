/*
 * Memory, strings, UTF-8 case and the numbers found in table cells.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "tables.h"
#include "text.h"
#include "xalloc.h"

/* ---- memory ---- */

void *tb_alloc(size_t n)
{
	return pf_xcalloc(1, n);
}

void *tb_realloc(void *p, size_t n)
{
	return pf_xrealloc(p, n);
}

char *tb_strndup(const char *s, size_t n)
{
	char *d = tb_alloc(n + 1);
	memcpy(d, s, n);
	return d;
}

char *tb_strdup(const char *s)
{
	return s ? tb_strndup(s, strlen(s)) : NULL;
}

void tb_grow(void *arr, size_t *cap, size_t need, size_t size)
{
	void **a = arr;
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	*a = tb_realloc(*a, c * size);
	*cap = c;
}

/* ---- string builder ---- */

void tb_buf_add(tb_buf *b, const char *s, size_t n)
{
	tb_grow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void tb_buf_adds(tb_buf *b, const char *s)
{
	tb_buf_add(b, s, strlen(s));
}

void tb_buf_addc(tb_buf *b, char c)
{
	tb_buf_add(b, &c, 1);
}

const char *tb_buf_str(const tb_buf *b)
{
	return b->s ? b->s : "";
}

void tb_buf_free(tb_buf *b)
{
	free(b->s);
	*b = (tb_buf){ 0 };
}

/* ---- text ---- */

char *tb_collapse(char *s)
{
	return pf_collapse_inplace(s);
}

char *tb_lower(const char *s)
{
	size_t n = strlen(s);
	char *d = tb_strndup(s, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)d[i];
		if (c >= 'A' && c <= 'Z') {
			d[i] = (char)(c + 32);
		} else if (c == 0xc3 && i + 1 < n) {
			/* U+00C0..U+00DE except U+00D7: upper-case Latin-1 */
			unsigned char c2 = (unsigned char)d[i + 1];
			if (c2 >= 0x80 && c2 <= 0x9e && c2 != 0x97)
				d[i + 1] = (char)(c2 + 0x20);
			i++;
		}
	}
	return d;
}

int tb_first_class(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 'a' && c <= 'z')
		return 'l';
	if (c >= 'A' && c <= 'Z')
		return 'u';
	if (c >= '0' && c <= '9')
		return 'd';
	if (c == 0xc3) {
		unsigned char c2 = (unsigned char)s[1];
		if (c2 >= 0x80 && c2 <= 0x9e && c2 != 0x97)
			return 'u';
		if (c2 >= 0x9f && c2 <= 0xbf && c2 != 0xb7)
			return 'l';
	}
	return 'o';
}

size_t tb_utf8_len(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

size_t tb_utf8_offset(const char *s, size_t k)
{
	size_t i = 0, seen = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (seen == k)
				return i;
			seen++;
		}
	}
	return i;
}

int tb_starts_with_ci(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	char *l = tb_lower(s);
	int yes = strncmp(l, prefix, n) == 0;
	free(l);
	return yes;
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

int tb_has_word(const char *lower, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(lower, w); p; p = strstr(p + 1, w)) {
		if (p > lower && word_byte((unsigned char)p[-1]))
			continue;
		if (word_byte((unsigned char)p[n]))
			continue;
		return 1;
	}
	return 0;
}

int tb_all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* ---- numbers ---- */

int tb_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int tb_is_dash(const char *s)
{
	static const char *const dash[] = {
		"-", "\u2013", "\u2014", "\u2212", "..", "...", "n/a", "N/A", "n.a.",
		"x", "\u2026", NULL
	};
	for (const char *const *d = dash; *d; d++)
		if (strcmp(s, *d) == 0)
			return 1;
	return 0;
}

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* A minus sign at p: "-", "−" (U+2212) or "–" (U+2013); returns its length. */
static size_t minus_at(const char *p)
{
	if (*p == '-')
		return 1;
	if (strncmp(p, "\u2212", 3) == 0 || strncmp(p, "\u2013", 3) == 0)
		return 3;
	return 0;
}

/* Units a numeric cell may end with. */
static const char *const num_suffix[] = {
	"%", "\u2030", "kr", "tkr", "mnkr", "mkr", "Mkr", "mdkr", "kronor", "SEK", "sek",
	"\u20ac", "euro", "EUR", "e", "$", "st", "p", "pp", ":-", "*", "**", "km", "m",
	"ha", "h", NULL
};

int tb_is_numeric(const char *s)
{
	while (*s == ' ')
		s++;
	if (tb_is_dash(s))
		return 1;
	const char *p = s;
	int paren = 0;
	if (*p == '(') {
		paren = 1;
		p++;
	}
	if (*p == '+')
		p++;
	else
		p += minus_at(p);
	if (*p == '$' || *p == '\xc2' /* £ */)
		p += *p == '$' ? 1 : 2;
	else if (strncmp(p, "\u20ac", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	if (!isdig(*p))
		return 0;
	/* digit groups */
	int ngroup = 0;
	for (;;) {
		size_t d = 0;
		while (isdig(p[d]))
			d++;
		ngroup++;
		p += d;
		char sep = *p;
		if ((sep == ' ' || sep == ',' || sep == '.' || sep == '\'') && isdig(p[1])) {
			size_t nd = 0;
			while (isdig(p[1 + nd]))
				nd++;
			int last = !((p[1 + nd] == ' ' || p[1 + nd] == ',' || p[1 + nd] == '.' ||
				      p[1 + nd] == '\'') && isdig(p[2 + nd]));
			if (sep == ' ' && nd != 3)
				return 0;
			if (sep != ' ' && nd != 3 && !last)
				return 0;
			p++;
			continue;
		}
		break;
	}
	(void)ngroup;
	if (paren && *p == ')')
		p++;
	while (*p == ' ')
		p++;
	if (!*p)
		return 1;
	for (const char *const *u = num_suffix; *u; u++) {
		size_t n = strlen(*u);
		if (strncmp(p, *u, n) == 0) {
			const char *q = p + n;
			if (paren && *q == ')')
				q++;
			while (*q == ' ')
				q++;
			if (!*q)
				return 1;
		}
	}
	return 0;
}

static double unit_word_scale(const char *w, size_t n)
{
	static const struct {
		const char *w;
		double scale;
	} units[] = {
		{ "kr", 1 }, { "kronor", 1 }, { "sek", 1 }, { ":-", 1 },
		{ "tkr", 1e3 }, { "ksek", 1e3 }, { "tusen", 1e3 },
		{ "mnkr", 1e6 }, { "mkr", 1e6 }, { "msek", 1e6 }, { "miljoner", 1e6 },
		{ "miljon", 1e6 }, { "mdkr", 1e9 }, { "miljarder", 1e9 }, { "miljard", 1e9 },
	};
	char lw[16];
	if (n >= sizeof lw)
		return 0;
	for (size_t i = 0; i < n; i++)
		lw[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	lw[n] = '\0';
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(lw, units[i].w) == 0)
			return units[i].scale;
	return 0;
}

int tb_parse_amount(const char *s, double *value, double *scale)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	int neg = 0;
	size_t m = minus_at(p);
	if (m) {
		neg = 1;
		p += m;
		while (*p == ' ')
			p++;
	}
	if (!isdig(*p))
		return 0;
	double v = 0;
	int ndig = 0;
	/* integer part: digits, groups after single spaces (OCR may lose or
	 * add a space, so any group length) or after a dot of three digits */
	for (;;) {
		while (isdig(*p)) {
			v = v * 10 + (*p - '0');
			ndig++;
			p++;
		}
		if (*p == ' ' && isdig(p[1])) {
			p++;
			continue;
		}
		if (*p == '.' && isdig(p[1]) && isdig(p[2]) && isdig(p[3]) && !isdig(p[4])) {
			p++;
			continue;
		}
		break;
	}
	if (ndig > 15)
		return 0;
	if (*p == ',' && isdig(p[1])) {
		double f = 0.1;
		p++;
		while (isdig(*p)) {
			v += (*p - '0') * f;
			f /= 10;
			p++;
		}
	}
	while (*p == ' ')
		p++;
	*scale = 0;
	if (*p) {
		/* a unit word, possibly two ("miljoner kronor", "tusen kronor") */
		const char *w = p;
		size_t n = strcspn(w, " ");
		double sc = unit_word_scale(w, n);
		if (sc == 0 && strncmp(w, ":-", 2) == 0 && !w[2])
			sc = 1;
		if (sc == 0)
			return 0;
		p = w + n;
		while (*p == ' ')
			p++;
		if (*p) {
			n = strcspn(p, " ");
			if (unit_word_scale(p, n) != 1 || p[n])
				return 0;
		}
		*scale = sc;
	}
	*value = neg ? -v : v;
	return 1;
}

double tb_unit_scale(const char *header)
{
	char *l = tb_lower(header);
	double sc = 0;
	if (tb_has_word(l, "tkr") || tb_has_word(l, "ksek") || strstr(l, "tusen kr") ||
	    strstr(l, "tusental kr") || strstr(l, "1000 kr") || strstr(l, "1 000 kr"))
		sc = 1e3;
	else if (tb_has_word(l, "mnkr") || tb_has_word(l, "mkr") || tb_has_word(l, "msek") ||
		 strstr(l, "miljoner") || strstr(l, "mn kr") || strstr(l, "milj. kr") ||
		 strstr(l, "milj kr"))
		sc = 1e6;
	else if (tb_has_word(l, "mdkr") || strstr(l, "miljarder"))
		sc = 1e9;
	else if (tb_has_word(l, "kr") || tb_has_word(l, "kronor") || tb_has_word(l, "sek") ||
		 tb_has_word(l, "belopp") || tb_has_word(l, "summa"))
		sc = 1;
	free(l);
	return sc;
}
