/*
 * What a § heading brings with it: its number (lib/heading.c), its title
 * and its diarienummer, wherever the layout puts it - after the title in a
 * span of its own, on a line of its own above the heading (Nykarleby's
 * right-aligned "NKBY/523/00.05.00/2022") or below it.
 *
 * A dnr is known by its shape, not by a producer's line breaks: a label
 * ("Dnr", "Diarienummer:") and any value, or a bare code of capitals and
 * digits joined by / . : - ("KS 2024/45", "25HSN701"). A bare code counts
 * only next to a heading (the callers see to that), so a case number in
 * running text stays text.
 */
#include <glib.h>
#include <string.h>

#include "heading.h"
#include "segment.h"

int sg_parse_heading(const char *text, long *no, const char **rest)
{
	pf_heading h;
	if (!pf_parse_heading(text, &h))
		return 0;
	*no = h.no;
	*rest = h.rest;
	return 1;
}

static const char *const dnr_labels[] = {
	"Diarienummer", "Diarienr", "Dnr", "Ärendenummer", "Ärendenr", "Vårt dnr", NULL
};

/* The value after a dnr label, or NULL when text has none. */
static const char *after_dnr_label(const char *text)
{
	for (const char *const *lb = dnr_labels; *lb; lb++) {
		size_t n = strlen(*lb);
		if (g_ascii_strncasecmp(text, *lb, n) != 0)
			continue;
		const char *v = text + n;
		if (*v == '.')
			v++;
		if (*v != ':' && *v != ' ')
			continue;
		while (*v == ':' || *v == ' ')
			v++;
		return v;
	}
	return NULL;
}

char *sg_dnr_value(const char *text)
{
	static GRegex *bare, *labelled;
	if (!bare) {
		/* "KS 2024/45", "KS-2024-00045", "NKBY/523/00.05.00/2022",
		 * "NLL-00286-2024", "25HSN701", "2024/123" */
		bare = g_regex_new("^(?:(?:\\p{Lu}{1,8}[ /-]?)?[0-9]{1,6}(?:[/.:-][0-9]{1,6})*[/:-][0-9]{1,6}"
				   "|\\p{Lu}{1,8}[ /-]?[0-9]{4}[.:/-][0-9]+"
				   "|[0-9]{2}\\p{Lu}{2,6}[0-9]{1,6})$",
				   G_REGEX_OPTIMIZE, 0, NULL);
		/* after a label: any one or two words with a digit */
		labelled = g_regex_new("^[[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*(?: [[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*)?$"
				       "|^\\p{Lu}{1,8} [[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*$",
				       G_REGEX_OPTIMIZE, 0, NULL);
	}
	const char *v = after_dnr_label(text);
	if (v) {
		if (!*v || !g_regex_match(labelled, v, 0, NULL))
			return NULL;
		return g_strdup(v);
	}
	/* a date is no dnr: "2024-01-15", "15.3.2024" have no capitals and no / */
	if (!g_regex_match(bare, text, 0, NULL))
		return NULL;
	int upper = 0, slash = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		upper += g_unichar_isupper(c);
		slash += c == '/';
	}
	/* without capitals: "2024/123", a year and a serial */
	static GRegex *year; /* compiled once, not per line */
	if (!year)
		year = g_regex_new("(^|/)[0-9]{4}(/|$)", G_REGEX_OPTIMIZE, 0, NULL);
	if (!upper && (!slash || !g_regex_match(year, text, 0, NULL)))
		return NULL;
	return g_strdup(text);
}

void sg_heading_split(const sg_line *l, char **title, char **dnr)
{
	pf_heading h;
	*title = *dnr = NULL;
	if (!pf_parse_heading(l->text, &h) || !h.rest)
		return;
	size_t n = strlen(h.rest);
	/* a dnr in a span of its own at the end of the line */
	if (l->nspan > 1) {
		const char *last = l->span[l->nspan - 1].text;
		size_t ln = strlen(last);
		char *v = sg_dnr_value(last);
		if (v && ln <= n && strcmp(h.rest + n - ln, last) == 0) {
			*dnr = v;
			n -= ln;
		} else {
			g_free(v);
		}
	}
	while (n > 0 && h.rest[n - 1] == ' ')
		n--;
	if (n > 0)
		*title = g_strndup(h.rest, n);
}

/* ---- OCR's § ---- */

/* tesseract reads a § as 8, 3, 5, S or $, and runs it into the number
 * beside it: "KS 845 Val av justerare", "KS 8 47 ...", "BUN 8514 ...",
 * "1138 = Arvoden ..." (113 §), and drops a digit into it: "§ 6 VAL AV
 * JUSTERARE" for "§ 56". Which reading is meant only the document can
 * say: the number must be the one expected next (after the last heading,
 * or the first of the range the protocol states). */
static int sign_like(const char *s, size_t n)
{
	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("8$35S", s[i]))
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t n)
{
	if (n == 0 || n > 5)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return 0;
	return 1;
}

/* The title after the number: specks OCR made of the gap (= : ; | » ”)
 * skipped; it must start with a capital. */
static const char *ocr_title(const char *p)
{
	while (*p == ' ' || (*p && strchr("=:;.,|-'\"", *p)))
		p++;
	if (g_str_has_prefix(p, "\u00bb") || g_str_has_prefix(p, "\u201d"))
		return ocr_title(p + strlen(g_str_has_prefix(p, "\u00bb") ? "\u00bb" : "\u201d"));
	return g_unichar_isupper(g_utf8_get_char(p)) ? p : NULL;
}

/* The § number OCR left: digits and perhaps a letter ("15a", a lettered
 * heading), in lo..hi, or the number `same` again with a letter ("15b"
 * after "15a": same is the last heading's number, -1 for none). */
typedef struct ocr_no {
	long lo, hi, same;
	long no;
	char letter;
} ocr_no;

static int number_at(const char *s, size_t n, ocr_no *o)
{
	char letter = 0;
	if (n > 1 && s[n - 1] >= 'a' && s[n - 1] <= 'z')
		letter = s[--n];
	if (!all_digits(s, n))
		return 0;
	long v = atol(s);
	if (!((v >= o->lo && v <= o->hi) || (letter && v == o->same)))
		return 0;
	o->no = v;
	o->letter = letter;
	return 1;
}

/* Which tokens of a, b make the number and the sign; *first: the number
 * stands before the sign. Returns how many tokens, 0 when none does. */
static int sign_and_number(const char *a, const char *b, int organ, ocr_no *o, int *first)
{
	size_t an = strlen(a), bn = strlen(b);
	*first = 0;
	for (size_t k = 1; k <= 2; k++) {
		/* "845", "8514", "815a": the sign run into the number after it */
		if (an > k && sign_like(a, k) && number_at(a + k, an - k, o))
			return 1;
		/* "1138": the number run into the sign after it */
		if (!organ && an > k && an - k < 8 && sign_like(a + an - k, k)) {
			char num[8];
			memcpy(num, a, an - k);
			num[an - k] = 0;
			if (number_at(num, an - k, o))
				return *first = 1;
		}
	}
	/* "8 47", "8 15a" and "113 8" */
	if (sign_like(a, an) && number_at(b, bn, o))
		return 2;
	if (!organ && sign_like(b, bn) && number_at(a, an, o)) {
		*first = 1;
		return 2;
	}
	return 0;
}

char *sg_ocr_heading(const char *text, long lo, long hi, long same, int need_organ)
{
	char **tok = g_strsplit(text, " ", 5);
	int n = (int)g_strv_length(tok), t = 0;
	const char *org = "";
	char *out = NULL;
	/* an organ's capitals first: "KS", "BUN" */
	static GRegex *caps; /* compiled once, not per heading */
	if (!caps)
		caps = g_regex_new("^\\p{Lu}{2,8}$", G_REGEX_OPTIMIZE, 0, NULL);
	if (n > 1 && g_regex_match(caps, tok[0], 0, NULL) && !sign_like(tok[0], strlen(tok[0])))
		org = tok[t++];
	if (need_organ && !*org) {
		g_strfreev(tok);
		return NULL;
	}
	ocr_no o = { .lo = lo, .hi = hi, .same = same };
	int first;
	int used = sign_and_number(t < n ? tok[t] : "", t + 1 < n ? tok[t + 1] : "", *org != 0, &o, &first);
	if (used) {
		/* the rest of the line after the tokens used */
		const char *p = text;
		for (int k = 0; k < t + used; k++) {
			p = strchr(p, ' ');
			p = p ? p + 1 : text + strlen(text);
		}
		const char *title = ocr_title(p);
		char letter[2] = { o.letter, 0 };
		if (title && *title)
			out = first ? g_strdup_printf("%ld%s \u00a7 %s", o.no, letter, title) :
				      g_strdup_printf("%s%s\u00a7 %ld%s %s", org, *org ? " " : "", o.no, letter, title);
	}
	g_strfreev(tok);
	return out;
}

long sg_ocr_lost_digit(long no, long lo, long hi)
{
	char want[24];
	long found = -1;
	int n = snprintf(want, sizeof want, "%ld", no);
	for (long m = lo; m <= hi; m++) {
		char s[24];
		int k = snprintf(s, sizeof s, "%ld", m);
		if (k == n + 1 && strcmp(s + 1, want) == 0) {
			if (found >= 0)
				return -1;
			found = m;
		}
	}
	return found;
}

/* ---- numbered agenda items ---- */

int sg_parse_agenda_item(const char *text, long *no, const char **title)
{
	const char *p = text;
	long v = 0;
	int digits = 0;
	/* "1.", "12.", "3)": no leading zero, no "3.1" */
	while (g_ascii_isdigit(*p) && digits < AGENDA_NO_DIGITS)
		v = v * 10 + (*p++ - '0'), digits++;
	if (digits == 0 || text[0] == '0' || (*p != '.' && *p != ')') || p[1] != ' ')
		return 0;
	p += 2;
	while (*p == ' ')
		p++;
	/* title-like: a capital first, a few words, no sentence's end */
	if (!g_unichar_isupper(g_utf8_get_char(p)))
		return 0;
	size_t len = strlen(p);
	int words = 1;
	for (const char *c = p; *c; c++)
		words += *c == ' ';
	if (words > AGENDA_TITLE_WORDS || strchr(".,;:", p[len - 1]))
		return 0;
	*no = v;
	*title = p;
	return 1;
}
