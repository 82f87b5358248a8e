/*
 * Sums of money in running text, normalised to whole kronor:
 *   "28 357 881 kr", "7 100 tkr", "knappt 74 648 tkr", "drygt 2,9 miljarder",
 *   "-177 miljoner kronor", "4 398 000 kronor", "2,1 mnkr".
 * A number is money only with a unit after it, so years, dnr, dates,
 * percentages and § numbers never are. A recipient is taken when the words
 * just before the sum name one ("Hälso- och sjukvårdsförvaltningen 17 587
 * 638 kr"), not when they are a clause ("Regionen rekvirerar 28 357 881 kr").
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "segment.h"

static GRegex *amount_re(void)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new(
			"(?<![\\d,.])"
			"(?:(knappt|drygt|cirka|ca\\.?|omkring|närmare|nästan|runt|över|minst|högst|totalt) )?"
			"(?:(-|\u2013) ?)?"
			"(\\d{1,3}(?: \\d{3})+|\\d+)(?:,(\\d+))? ?"
			"(kronor|kr|tkr|tusen kronor|mnkr|mkr|Mkr|MSEK|msek|mdkr|miljoner kronor|miljoner|"
			"miljon kronor|miljon|miljarder kronor|miljarder|miljard kronor|miljard|SEK|kSEK)"
			"(?![[:alpha:]])",
			G_REGEX_OPTIMIZE, 0, NULL);
	return re;
}

static double unit_scale(const char *unit)
{
	if (!strcmp(unit, "tkr") || !strcmp(unit, "tusen kronor") || !strcmp(unit, "kSEK"))
		return 1e3;
	if (g_str_has_prefix(unit, "milj") && strstr(unit, "miljard") == NULL)
		return 1e6;
	if (!strcmp(unit, "mnkr") || !strcmp(unit, "mkr") || !strcmp(unit, "Mkr") ||
	    !g_ascii_strcasecmp(unit, "msek"))
		return 1e6;
	if (strstr(unit, "miljard") || !strcmp(unit, "mdkr"))
		return 1e9;
	return 1;
}

/* Words that make the text before a sum a clause, not a name. */
static int clause_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"rekvirerar", "erhåller", "får", "fick", "har", "är", "var", "blir", "med", "till",
		"av", "om", "för", "uppgår", "totalt", "varav", "summa", "kostnad", "kostnaden",
		"beviljas", "tilldelas", "på", "i", "inom", "under", "belopp", "beloppet", "att",
		"som", "ett", "en", "den", "det", "de", "vilket", "motsvarar", "ökar", "minskar",
		"budget", "ram", "ramen", "sammanlagt", "omfattar", "samt", NULL
	};
	for (const char *const *x = words; *x; x++)
		if (strlen(*x) == n && strncmp(*x, w, n) == 0)
			return 1;
	return 0;
}

/* The name just before position `at` in text, back to the last , ; : or
 * start, or NULL when those words are not a name. */
static char *recipient(const char *text, size_t at)
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
		char *sign = g_match_info_fetch(mi, 2), *num = g_match_info_fetch(mi, 3);
		char *frac = g_match_info_fetch(mi, 4), *unit = g_match_info_fetch(mi, 5);
		double v = 0;
		for (const char *p = num; *p; p++)
			if (*p != ' ')
				v = v * 10 + (*p - '0');
		if (frac && *frac)
			v += strtod(frac, NULL) / pow(10, (double)strlen(frac));
		v *= unit_scale(unit);
		if (sign && *sign)
			v = -v;
		size_t li = 0;
		while (li + 1 < n && line_start[li + 1] <= (size_t)sn)
			li++;
		char *raw = g_strndup(text->str + s0, (gsize)(e0 - s0));
		char *who = recipient(text->str, (size_t)s0);

		pf_writer *w = out->w;
		pf_begin(w, PF_AMOUNT);
		pf_put_str(w, out->doc);
		pf_put_long(w, out->para_no);
		pf_put_long(w, ++out->amount_seq);
		pf_put_long(w, (long)llround(v));
		pf_put_str(w, raw);
		pf_put_str(w, unit);
		pf_put_str(w, who);
		pf_put_long(w, lines[li]->page);
		pf_end(w);
		g_free(raw), g_free(who), g_free(sign), g_free(num), g_free(frac), g_free(unit);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	g_free(line_start);
	g_string_free(text, TRUE);
}
