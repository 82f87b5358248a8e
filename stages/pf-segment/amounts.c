/*
 * Sums of money in running text, in units of the currency the text names:
 *   "28 357 881 kr", "7 100 tkr", "knappt 74 648 tkr", "ca 7 miljoner euro",
 *   "-177 miljoner kronor", "6 425,10 €", "upp till 300 miljarder svenska kronor".
 * A number is money only with a currency after it (or "€" before it), so
 * years, dnr, dates, percentages, § numbers and "37 miljoner" are never
 * money; no currency is assumed, in a Finland-Swedish document nor any
 * other. A price per unit or time ("20 euro/timme", "30 dollar per fat",
 * "per invånare 0,97€") and an exchange rate ("En euro kostar nu över 11
 * kronor") are not sums. The currency words are vocab.c's.
 *
 * A recipient is taken when the words just before the sum name one
 * ("Hälso- och sjukvårdsförvaltningen 17 587 638 kr"), not when they are a
 * clause ("Regionen rekvirerar 28 357 881 kr"), or after it ("... 5 000 kr
 * till Föreningen Norden").
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

static GRegex *amount_re(void)
{
	static GRegex *re;
	if (!re) {
		char *quals = g_strjoinv("|", (char **)sg_amount_qualifiers);
		/* the longest first: "svenska kronor" before "kronor" before "kr" */
		GString *units = g_string_new(NULL);
		for (size_t len = 40; len > 0; len--)
			for (const sg_currency_word *c = sg_currency_words; c->word; c++)
				if (strlen(c->word) == len) {
					char *e = g_regex_escape_string(c->word, -1);
					g_string_append_printf(units, "%s%s", units->len ? "|" : "", e);
					g_free(e);
				}
		char *pattern = g_strdup_printf(
			"(?<![\\d,.])"
			"(?:(%s) )?"                           /* 1 qualifier */
			"(?:(-|\u2013) ?)?"                    /* 2 minus */
			"(\\d{1,3}(?:[ \u00a0]\\d{3})+|\\d+)"  /* 3 digits */
			"(?:[,.](\\d+))?"                      /* 4 fraction */
			"(?: ?(tusen|miljoner|miljon|miljarder|miljard))?" /* 5 scale */
			"(?: ?(%s))?"                          /* 6 currency */
			"(?: euro)?"                           /* "7 282,73€ euro" */
			"(?![[:alpha:]\\d])",
			quals, units->str);
		re = g_regex_new(pattern, G_REGEX_OPTIMIZE, 0, NULL);
		g_free(quals);
		g_string_free(units, TRUE);
		g_free(pattern);
	}
	return re;
}

static const sg_currency_word *currency_of(const char *unit)
{
	for (const sg_currency_word *c = sg_currency_words; c->word; c++)
		if (strcmp(c->word, unit) == 0)
			return c;
	return NULL;
}

/* Words that make the text before a sum a clause, not a name. */
static int clause_word(const char *w, size_t n)
{
	for (const char *const *x = sg_clause_words; *x; x++)
		if (strlen(*x) == n && strncmp(*x, w, n) == 0)
			return 1;
	return 0;
}

/* The name just before position `at` in text, back to the last , ; : or
 * start, or NULL when those words are not a name. */
static char *recipient_before(const char *text, size_t at)
{
	size_t start = at;
	while (start > 0 && !strchr(",;:(", text[start - 1]))
		start--;
	char *phrase = g_strndup(text + start, at - start);
	g_strstrip(phrase);
	int ok = *phrase && g_unichar_isupper(g_utf8_get_char(phrase));
	int words = 0;
	for (char *w = phrase; ok && *w;) {
		size_t n = strcspn(w, " ");
		ok = !clause_word(w, n);
		words++;
		w += n;
		while (*w == ' ')
			w++;
	}
	if (!ok || words > 10) {
		g_free(phrase);
		return NULL;
	}
	return phrase;
}

/* "... 5 000 kr till Föreningen Norden i Nykarleby": capitalised words
 * after "till". */
static char *recipient_after(const char *p)
{
	if (!g_str_has_prefix(p, " till ") && !g_str_has_prefix(p, " åt "))
		return NULL;
	p = strchr(p + 1, ' ') + 1;
	const char *e = p;
	int words = 0;
	while (*e && g_unichar_isupper(g_utf8_get_char(e)) && words < 6) {
		e += strcspn(e, " ,.;:)");
		words++;
		if (*e != ' ' || !g_unichar_isupper(g_utf8_get_char(e + 1)))
			break;
		e++;
	}
	return words ? g_strndup(p, (gsize)(e - p)) : NULL;
}

/* A price per unit or time: "/timme", " per månad" just after the sum,
 * "per invånare" just before it. */
static int per_unit(const char *text, size_t start, size_t end)
{
	const char *after = text + end;
	while (*after == ' ')
		after++;
	if (*after == '/' || g_str_has_prefix(after, "per ") || g_str_has_prefix(after, "i månaden") ||
	    g_str_has_prefix(after, "i timmen") || g_str_has_prefix(after, "om året") ||
	    g_str_has_prefix(after, "i år "))
		return 1;
	/* "per invånare 0,97€": "per" and one word just before */
	size_t k = start;
	for (int words = 0; k > 0 && words < 2; words++) {
		while (k > 0 && text[k - 1] == ' ')
			k--;
		while (k > 0 && text[k - 1] != ' ')
			k--;
	}
	/* "per 31.8.2022, ca 41 miljoner euro" is a date, not a unit */
	return strncmp(text + k, "per ", 4) == 0 && g_unichar_isalpha(g_utf8_get_char(text + k + 4));
}

/* An exchange rate: "En euro kostar nu över 11 kronor", "dollarn motsvarar
 * 10 kronor": a currency word and a rate verb in the words before. */
static int exchange_rate(const char *text, size_t start)
{
	/* back to the start of the sentence, at most 80 bytes */
	size_t from = start;
	while (from > 0 && start - from < 80 && !strchr(".;", text[from - 1]))
		from--;
	char *before = g_utf8_strdown(text + from, (gssize)(start - from));
	int rate = 0, money = 0;
	for (const char *const *v = sg_rate_verbs; *v; v++)
		rate |= strstr(before, *v) != NULL;
	for (const char *const *c = sg_currency_names; *c; c++)
		money |= strstr(before, *c) != NULL;
	g_free(before);
	return rate && money;
}

/* digits[,fraction] x scale in the currency's units, as text: "6425.10",
 * "7000000"; cents are kept only where printed and not scaled away. */
static char *value_text(const char *num, const char *frac, double scale, int minus)
{
	GString *digits = g_string_new(NULL);
	for (const char *p = num; *p; p++)
		if (g_ascii_isdigit(*p))
			g_string_append_c(digits, *p);
	char *out;
	if (scale == 1) {
		if (frac && *frac)
			out = g_strdup_printf("%s%s.%.2s%s", minus ? "-" : "", digits->str, frac,
					      strlen(frac) == 1 ? "0" : "");
		else
			out = g_strdup_printf("%s%s", minus ? "-" : "", digits->str);
	} else {
		double v = strtod(digits->str, NULL);
		if (frac && *frac)
			v += strtod(frac, NULL) / pow(10, (double)strlen(frac));
		out = g_strdup_printf("%s%.0f", minus ? "-" : "", v * scale);
	}
	g_string_free(digits, TRUE);
	return out;
}

void sg_find_amounts(sg_line *const *lines, size_t n, sg_out *out)
{
	GString *text = g_string_new(NULL);
	size_t *line_start = g_new(size_t, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (text->len)
			g_string_append_c(text, ' ');
		line_start[i] = text->len;
		g_string_append(text, lines[i]->text);
	}
	GMatchInfo *mi;
	g_regex_match(amount_re(), text->str, 0, &mi);
	while (g_match_info_matches(mi)) {
		int s0, e0, sn, en;
		g_match_info_fetch_pos(mi, 0, &s0, &e0);
		g_match_info_fetch_pos(mi, 3, &sn, &en);
		char *minus = g_match_info_fetch(mi, 2);
		char *num = g_match_info_fetch(mi, 3), *frac = g_match_info_fetch(mi, 4);
		char *scale_word = g_match_info_fetch(mi, 5), *unit = g_match_info_fetch(mi, 6);
		const sg_currency_word *cur = unit && *unit ? currency_of(unit) : NULL;
		if (cur && !per_unit(text->str, (size_t)s0, (size_t)e0) &&
		    !exchange_rate(text->str, (size_t)s0)) {
			double scale = cur->scale;
			if (scale_word && *scale_word)
				scale *= g_str_has_prefix(scale_word, "tusen") ? 1e3
					 : g_str_has_prefix(scale_word, "miljard") ? 1e9 : 1e6;
			char *value = value_text(num, frac, scale, minus && *minus);
			size_t li = 0;
			while (li + 1 < n && line_start[li + 1] <= (size_t)sn)
				li++;
			char *raw = g_strndup(text->str + s0, (gsize)(e0 - s0));
			char *who = recipient_before(text->str, (size_t)s0);
			if (!who)
				who = recipient_after(text->str + e0);
			char *unit_printed = g_strdup_printf("%s%s%s", scale_word ? scale_word : "",
							     scale_word && *scale_word ? " " : "", unit);

			pf_writer *w = out->w;
			pf_begin(w, PF_AMOUNT);
			pf_put_str(w, out->doc);
			pf_put_long(w, out->para_no);
			pf_put_long(w, ++out->amount_seq);
			pf_put_str(w, value);
			pf_put_str(w, cur->currency);
			pf_put_str(w, raw);
			pf_put_str(w, unit_printed);
			pf_put_str(w, who);
			pf_put_long(w, lines[li]->page);
			pf_end(w);
			g_free(value), g_free(raw), g_free(who), g_free(unit_printed);
		}
		g_free(minus), g_free(num), g_free(frac), g_free(scale_word), g_free(unit);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	g_free(line_start);
	g_string_free(text, TRUE);
}
