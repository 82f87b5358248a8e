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
 * till Föreningen Norden"), or when the sentence of the sum names who gets
 * it: the subject of a receiving verb ("Nykarleby stad fick …") or the
 * object of a granting one ("beviljar After Eights anhållan om …").
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

/* ---- who gets it, as the sentence of the sum says ---- */

/* A word of a sentence: its text without the , ; : after it, and that mark. */
typedef struct sg_word {
	const char *s;
	size_t n;
	char mark;           /* ',', ';', ':' or 0 */
} sg_word;

/* At most this many words of a name, and of the sentence before a sum. */
#define NAME_WORDS 6
#define SENTENCE_WORDS 80

static int word_is(const sg_word *w, const char *x)
{
	return strlen(x) == w->n && strncmp(w->s, x, w->n) == 0;
}

static int word_in(const sg_word *w, const char *const *list)
{
	for (const char *const *x = list; *x; x++)
		if (word_is(w, *x))
			return 1;
	return 0;
}

static int capitalised(const sg_word *w)
{
	return g_unichar_isupper(g_utf8_get_char(w->s));
}

/* "och" inside a name: "Hälso- och sjukvårdsförvaltningen". */
static int suspended_and(const sg_word *w, size_t i)
{
	return i > 0 && word_is(&w[i], "och") && w[i - 1].s[w[i - 1].n - 1] == '-';
}

/* A clause begins at word i: the sentence's start, after , ; : or after
 * "och", "att", "som", ... (not the "och" of a suspended compound). */
static int clause_starts(const sg_word *w, size_t i)
{
	return i == 0 || w[i - 1].mark || (word_in(&w[i - 1], sg_clause_openers) && !suspended_and(w, i - 1));
}

/* "Ekbys" in "Ekbys hembygdsförening": a capitalised genitive, whose
 * noun after it is part of the name. */
static int genitive(const sg_word *w)
{
	return capitalised(w) && w->n > 2 && w->s[w->n - 1] == 's' && !w->mark;
}

/* The words name a recipient: capitalised, the later ones too or a part of
 * a name ("Nykarleby stad", "Föreningen Musikcafé After Eight rf",
 * "Hälso- och sjukvårdsförvaltningen"), or the noun after a genitive
 * ("Ekbys hembygdsförening"); one word alone only when it is a
 * body ("Kommunen", "Stadsstyrelsen") or lone is set (an object just
 * after its verb). Never a clause word first ("I", "Till"). */
static int name_like(const sg_word *w, size_t n, int lone)
{
	if (n == 0 || n > NAME_WORDS || !capitalised(&w[0]))
		return 0;
	char *first = g_utf8_strdown(w[0].s, (gssize)w[0].n);
	int clause = clause_word(first, strlen(first));
	size_t fn = strlen(first);
	int body = sg_body_name(first, fn);
	for (const char *const *b = sg_body_nouns; *b && !body; b++)
		body = strcmp(first, *b) == 0;
	g_free(first);
	if (clause)
		return 0;
	if (n == 1)
		return body || lone;
	for (size_t i = 1; i < n; i++) {
		if (w[i - 1].mark)
			return 0;
		if (!capitalised(&w[i]) && !word_in(&w[i], sg_name_words) && !suspended_and(w, i) &&
		    !(i >= 2 && suspended_and(w, i - 1)) && !(i == n - 1 && genitive(&w[i - 1])))
			return 0;
	}
	return 1;
}

static char *join_words(const sg_word *w, size_t n)
{
	return g_strndup(w[0].s, (gsize)(w[n - 1].s + w[n - 1].n - w[0].s));
}

/* The subject of a receiving verb at v: the words from the start of its
 * clause ("Annika Lillqvist har tilldelats …"); or, after it, a name
 * coordinated with "och" that stands for a second subject of the same
 * verb ("… 350,01 € och Maria Kronqvist en ersättning på 116,67 €"); none
 * when a clause after the verb begins with another capitalised word. */
static char *subject_of(const sg_word *w, size_t n, size_t v)
{
	for (size_t k = n; k-- > v + 1;) {
		if (!word_is(&w[k], "och") && !w[k].mark)
			continue;
		size_t b = k + 1, e = b;
		while (e < n && e - b < NAME_WORDS && capitalised(&w[e]))
			e++;
		if (e > b + 1 && e < n && !capitalised(&w[e]) && name_like(w + b, e - b, 0))
			return join_words(w + b, e - b);
		/* "…, Länsstyrelsen gav 3 000 kr": another clause's subject */
		if (b < n && capitalised(&w[b]))
			return NULL;
		break;
	}
	size_t end = v;
	if (end > 0 && word_in(&w[end - 1], sg_receive_auxiliaries))
		end--;
	size_t b = end;
	while (b > 0 && !clause_starts(w, b))
		b--;
	return name_like(w + b, end - b, 0) ? join_words(w + b, end - b) : NULL;
}

/* The object of a granting verb at v, the name just after it ("beviljar
 * Föreningen Norden 5 000 kr"), the owner of a request ("beviljar After
 * Eights anhållan om …" gives "After Eight"). The verb must follow its
 * subject ("Stadsstyrelsen beviljar") or "att" ("att bevilja"): after a
 * fronted adverbial the subject comes after the verb ("Därefter beviljade
 * nämnden …") and is no object. */
static char *object_of(const sg_word *w, size_t n, size_t v)
{
	size_t b = v;
	while (b > 0 && !clause_starts(w, b))
		b--;
	if (w[v].mark || !((v > 0 && word_is(&w[v - 1], "att")) || name_like(w + b, v - b, 0)))
		return NULL;
	size_t e = v + 1;
	while (e < n && e - v - 1 < NAME_WORDS && !w[e - 1].mark &&
	       (capitalised(&w[e]) || (e > v + 1 && word_in(&w[e], sg_name_words))))
		e++;
	/* "bevilja Ekbys hembygdsförening ett bidrag", not "After Eights anhållan" */
	if (e > v + 1 && e < n && genitive(&w[e - 1]) && !capitalised(&w[e]) &&
	    !word_in(&w[e], sg_request_nouns) && !clause_word(w[e].s, w[e].n))
		e++;
	if (!name_like(w + v + 1, e - v - 1, 1))
		return NULL;
	char *name = join_words(w + v + 1, e - v - 1);
	size_t len = strlen(name);
	if (e < n && word_in(&w[e], sg_request_nouns) && len > 2 && name[len - 1] == 's')
		name[len - (name[len - 2] == ':' ? 2 : 1)] = '\0';
	return name;
}

/* The recipient the sentence of a sum names: the subject of a receiving
 * verb (sg_receive_verbs) or the object of a granting one
 * (sg_grant_verbs), whichever comes last before the sum and after the
 * last "att" (att-satser run on without a full stop). The sentence
 * begins at the last cut before the sum at the latest (text_cuts). */
static char *recipient_in_sentence(const char *text, size_t at, const GArray *cuts)
{
	size_t cut = 0;
	for (guint i = 0; i < cuts->len; i++)
		if (g_array_index(cuts, size_t, i) <= at)
			cut = g_array_index(cuts, size_t, i);
	text += cut;
	at -= cut;
	size_t from = at;
	while (from > 0 && !(from >= 2 && strchr(".!?", text[from - 2]) && text[from - 1] == ' ' &&
			     g_unichar_isupper(g_utf8_get_char(text + from))))
		from--;
	sg_word w[SENTENCE_WORDS];
	size_t n = 0;
	for (const char *p = text + from; p < text + at;) {
		while (p < text + at && *p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (p >= text + at || len == 0)
			break;
		if (p + len > text + at)
			len = (size_t)(text + at - p);
		if (n == SENTENCE_WORDS) /* keep the words nearest the sum */
			memmove(w, w + 1, --n * sizeof *w);
		w[n] = (sg_word){ p, len, 0 };
		if (strchr(",;:", p[len - 1]) && len > 1)
			w[n].mark = p[len - 1], w[n].n--;
		n++;
		p += len;
	}
	for (size_t v = n; v-- > 0;) {
		if (word_in(&w[v], sg_receive_verbs))
			return subject_of(w, n, v);
		if (word_in(&w[v], sg_grant_verbs))
			return object_of(w, n, v);
		/* the sum is in an att-clause of another verb: "att omfördela …
		 * med beloppet 78 448 000 kronor från X", after "att tilldela Y" */
		if (word_is(&w[v], "att"))
			return NULL;
	}
	return NULL;
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

/* Where the text of the lines stops being one run of sentences: after the
 * heading (lines[0]) and after a bold line (a title, a label); at every
 * span of a line but its first (text in columns side by side, a table
 * row), and at the start of a line after such a line. A sentence read for
 * a recipient never reaches back over a cut: two columns of a bilingual
 * page run together in one line ("… koulutussuunnitelmaan. Uudenkaarlepyyn"
 * over "Nykarleby stad fick …"). */
static GArray *text_cuts(sg_line *const *lines, size_t n, const size_t *line_start, const char *text)
{
	GArray *cuts = g_array_new(FALSE, FALSE, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		if (i == 1 || (i > 0 && (lines[i - 1]->nspan > 1 || (lines[i - 1]->bold && !lines[i]->bold))))
			g_array_append_val(cuts, line_start[i]);
		const char *line = text + line_start[i], *p = line;
		for (int k = 0; k < lines[i]->nspan; k++) {
			const char *at = strstr(p, lines[i]->span[k].text);
			if (!at)
				break;
			size_t pos = (size_t)(at - text);
			if (k > 0)
				g_array_append_val(cuts, pos);
			p = at + strlen(lines[i]->span[k].text);
		}
	}
	return cuts;
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
	GArray *cuts = text_cuts(lines, n, line_start, text->str);
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
			if (!who)
				who = recipient_in_sentence(text->str, (size_t)s0, cuts);
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
	g_array_free(cuts, TRUE);
	g_free(line_start);
	g_string_free(text, TRUE);
}
