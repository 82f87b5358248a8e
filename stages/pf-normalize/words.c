/*
 * Words that OCR cut in two or ran together, repaired with a Swedish
 * dictionary (hunspell's sv_SE, Debian's hunspell-sv) and the document's own
 * words. Only on OCR'd pages (the page record's text_layer): born-digital
 * text is as its author wrote it, and a document with a broken font map
 * ("beslut at" for "beslut att") must not be "corrected" into other words.
 *
 * tesseract breaks a word where the ink has a gap ("sjukvård snämndens",
 * "ambulan sverksamheten") and misses a narrow space ("Valav"). The rules:
 *
 *  join   "a b" -> "ab" when a or b is not a word, ab is one (the dictionary
 *         knows Swedish compounds) or occurs whole elsewhere in the
 *         document, and b starts in lower case;
 *  split  "Valav" -> "Val av" when the token is not a word, not in the
 *         document elsewhere, and is a word followed by one of a few short
 *         function words;
 *  code   "24HSN54 03" -> "24HSN5403": a code ending in digits and a digit
 *         group starting with 0 (no number starts with 0);
 *  punct  "2021 ;" -> "2021;": a lone , ; : . or ) after a space;
 *  sum    "1750 000" -> "1 750 000" where it is a sum for certain;
 *  sign   "2022, 8 267" -> "2022, § 267": a decision cited as year, §;
 *  quote  "§ 28 ”Ansökan ..." -> "§ 28 Ansökan ...": a speck read as a
 *         quotation mark before a title, with none to close it.
 *
 * The dictionary is loaded on the first OCR'd page, so born-digital runs do
 * not pay for it; without it (not installed) only the dictionary-free rules
 * run, after one warning.
 */
#include <ctype.h>
#include <glib.h>
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

#define DEFAULT_DICTIONARY "/usr/share/hunspell/sv_SE"

struct nz_words {
	Hunhandle *dict;
	int tried;          /* 1 once loading was attempted */
	GHashTable *seen;   /* the document's words -> count */
	GHashTable *known;  /* word -> 1 + (dictionary has it): hunspell's
			     * compound check is slow, and words repeat */
};

/* The cache of dictionary answers is dropped when it grows past this. */
#define KNOWN_MAX 200000

/* Short words tesseract runs into the word before. Longer ones ("till",
 * "för") are left: the longer the tail, the likelier the whole is a name. */
static const char *const function_words[] = { "av", "i", "och", "på", "om", "med", "att" };

nz_words *nz_words_new(void)
{
	nz_words *ws = g_new0(nz_words, 1);
	ws->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ws->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return ws;
}

void nz_words_free(nz_words *ws)
{
	if (!ws)
		return;
	if (ws->dict)
		Hunspell_destroy(ws->dict);
	g_hash_table_destroy(ws->seen);
	g_hash_table_destroy(ws->known);
	g_free(ws);
}

void nz_words_forget(nz_words *ws)
{
	g_hash_table_remove_all(ws->seen);
}

static int load(nz_words *ws)
{
	if (ws->tried)
		return ws->dict != NULL;
	ws->tried = 1;
	const char *base = getenv("PF_DICTIONARY");
	if (!base || !*base)
		base = DEFAULT_DICTIONARY;
	char *aff = g_strconcat(base, ".aff", NULL), *dic = g_strconcat(base, ".dic", NULL);
	if (g_file_test(aff, G_FILE_TEST_EXISTS) && g_file_test(dic, G_FILE_TEST_EXISTS))
		ws->dict = Hunspell_create(aff, dic);
	if (!ws->dict)
		fprintf(stderr, "%s: warning: no Swedish dictionary at %s.{aff,dic} "
			"(Debian: hunspell-sv; or set PF_DICTIONARY): OCR'd words are "
			"not rejoined\n", NZ_STAGE, base);
	g_free(aff);
	g_free(dic);
	return ws->dict != NULL;
}

/* A word: letters only (UTF-8, any script), at least one. */
static int all_letters(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (const char *p = s; p < s + n; p = g_utf8_next_char(p))
		if (!g_unichar_isalpha(g_utf8_get_char(p)))
			return 0;
	return 1;
}

static int starts_lower(const char *s)
{
	return g_unichar_islower(g_utf8_get_char(s));
}

static int spelled(nz_words *ws, const char *w)
{
	if (!ws->dict)
		return 0;
	gsize v = GPOINTER_TO_SIZE(g_hash_table_lookup(ws->known, w));
	if (v)
		return v == 2;
	int ok = Hunspell_spell(ws->dict, w) != 0;
	if (g_hash_table_size(ws->known) >= KNOWN_MAX)
		g_hash_table_remove_all(ws->known);
	g_hash_table_insert(ws->known, g_strdup(w), GSIZE_TO_POINTER(ok ? 2 : 1));
	return ok;
}

static int is_closing_punct(const char *s)
{
	return ((s[0] == ',' || s[0] == ';' || s[0] == ':' || s[0] == '.' || s[0] == ')') &&
		s[1] == '\0');
}

/* Punctuation before a word: ( " ” */static size_t lead_len(const char *t)
{
	size_t n = 0;
	while (t[n]) {
		if (t[n] == '(' || t[n] == '"')
			n++;
		else if (strncmp(t + n, "\xe2\x80\x9d", 3) == 0)
			n += 3;
		else
			break;
	}
	return n;
}

/* The length of t without its trailing punctuation: . , ; : ) ! ? " ” */
static size_t core_len(const char *t)
{
	size_t n = strlen(t);
	while (n > 0) {
		if (strchr(".,;:)!?\"", t[n - 1]))
			n--;
		else if (n >= 3 && strncmp(t + n - 3, "\xe2\x80\x9d", 3) == 0)
			n -= 3;
		else
			break;
	}
	return n;
}

void nz_words_learn(nz_words *ws, const char *text)
{
	char **tok = g_strsplit(text, " ", -1);
	for (char **t = tok; *t; t++) {
		size_t a = lead_len(*t), n = core_len(*t);
		if (n <= a || !all_letters(*t + a, n - a))
			continue;
		char *w = g_strndup(*t + a, n - a);
		gpointer old = g_hash_table_lookup(ws->seen, w);
		g_hash_table_replace(ws->seen, w, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
	}
	g_strfreev(tok);
}

static size_t seen_count(nz_words *ws, const char *w)
{
	return GPOINTER_TO_SIZE(g_hash_table_lookup(ws->seen, w));
}

/* "a b" -> "ab"? a and b are whole tokens; only the end of a and the start
 * of b may carry punctuation. */
static int should_join(nz_words *ws, const char *a, const char *b)
{
	size_t al = lead_len(a), an = strlen(a), bn = core_len(b);
	if (lead_len(b) != 0 || !all_letters(a + al, an - al) || !all_letters(b, bn) ||
	    !starts_lower(b))
		return 0;
	char *aw = g_strndup(a + al, an - al), *bw = g_strndup(b, bn);
	char *ab = g_strconcat(aw, bw, NULL);
	int join = (!spelled(ws, aw) || !spelled(ws, bw)) &&
		   (spelled(ws, ab) || seen_count(ws, ab) > 0);
	g_free(aw);
	g_free(bw);
	g_free(ab);
	return join;
}

/* "Valav" -> the length of "Val" (0: no split). */
static size_t split_at(nz_words *ws, const char *t)
{
	size_t al = lead_len(t), n = core_len(t);
	if (n <= al || !all_letters(t + al, n - al) || g_utf8_strlen(t + al, n - al) < 5)
		return 0;
	char *w = g_strndup(t + al, n - al);
	size_t at = 0;
	if (!spelled(ws, w) && seen_count(ws, w) <= 1) {
		for (size_t i = 0; i < G_N_ELEMENTS(function_words) && !at; i++) {
			size_t fl = strlen(function_words[i]), wl = strlen(w);
			if (wl < fl + 3 || strcmp(w + wl - fl, function_words[i]) != 0)
				continue;
			char *head = g_strndup(w, wl - fl);
			if (g_utf8_strlen(head, -1) >= 3 && spelled(ws, head))
				at = al + wl - fl;
			g_free(head);
		}
	}
	g_free(w);
	return at;
}

/* "24HSN54" + "03": a code of letters and digits ending in a digit, then a
 * digit group that starts with 0. */
static int code_continues(const char *a, const char *b)
{
	size_t an = strlen(a), bn = strlen(b);
	int letters = 0;
	for (size_t i = 0; i < an; i++)
		letters += isalpha((unsigned char)a[i]) != 0;
	if (!letters || an < 3 || !isdigit((unsigned char)a[an - 1]) || !isdigit((unsigned char)a[0]))
		return 0;
	if (bn < 2 || b[0] != '0')
		return 0;
	for (size_t i = 0; i < bn; i++)
		if (!isdigit((unsigned char)b[i]))
			return 0;
	return 1;
}

/* "2022," "8" "267": a year and a comma, then 8 read for §, then 1-3 digits. */
static int cited_sign(const char *year, const char *eight, const char *no)
{
	size_t n = strlen(no);
	while (n > 0 && strchr(",.;)", no[n - 1]))
		n--;
	if (strlen(year) != 5 || year[4] != ',' || !(strncmp(year, "19", 2) == 0 || strncmp(year, "20", 2) == 0))
		return 0;
	for (int i = 2; i < 4; i++)
		if (!isdigit((unsigned char)year[i]))
			return 0;
	if (strcmp(eight, "8") != 0 || n < 1 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)no[i]))
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "1750 000" -> "1 750 000": OCR lost the space between the first thousands
 * groups. Only where the digits are a sum for certain: the whole span (a
 * table cell) or followed by kr, tkr, ... ("år 2024 100 personer" stays). */
static int regroup_thousands(GPtrArray *tok, unsigned long counts[NZ_NREPAIR])
{
	int changed = 0;
	for (guint i = 0; i + 1 < tok->len; i++) {
		const char *first = tok->pdata[i];
		if (!all_digits(first, 4, 6) || (i > 0 && all_digits(tok->pdata[i - 1], 1, 3)))
			continue;
		guint j = i + 1;
		while (j < tok->len && all_digits(tok->pdata[j], 3, 3))
			j++;
		int whole_span = i == 0 && j == tok->len;
		int before_unit = j < tok->len && nz_unit_word(tok->pdata[j], strlen(tok->pdata[j]));
		if (j == i + 1 || !(whole_span || before_unit))
			continue;
		size_t n = strlen(first), head = n % 3 ? n % 3 : 3;
		GString *g = g_string_new_len(first, (gssize)head);
		for (size_t k = head; k < n; k += 3) {
			g_string_append_c(g, ' ');
			g_string_append_len(g, first + k, 3);
		}
		g_free(tok->pdata[i]);
		tok->pdata[i] = g_string_free(g, FALSE);
		counts[NZ_OCR_DIGIT]++;
		changed = 1;
	}
	return changed;
}

/* Repairs one span's text; returns a new string or NULL when nothing
 * changed. Counts go to counts[]. */
static char *repair_text(nz_words *ws, const char *text, unsigned long counts[NZ_NREPAIR])
{
	GPtrArray *tok = g_ptr_array_new_with_free_func(g_free);
	char **parts = g_strsplit(text, " ", -1);
	for (char **p = parts; *p; p++)
		g_ptr_array_add(tok, g_strdup(*p));
	g_strfreev(parts);
	int changed = 0;

	for (guint i = 0; i + 1 < tok->len; i++) {
		char *a = tok->pdata[i], *b = tok->pdata[i + 1];
		int kind = -1;
		if (*b && is_closing_punct(b) && *a)
			kind = NZ_OCR_SPACE;
		else if (*a && *b && code_continues(a, b))
			kind = NZ_WORD_JOIN;
		else if (*a && *b && ws->dict && should_join(ws, a, b))
			kind = NZ_WORD_JOIN;
		else if (*a && *b && ws->dict && i + 2 < tok->len && all_letters(b, strlen(b))) {
			/* three pieces: "prestati onskrave n" */
			char *bc = g_strconcat(b, tok->pdata[i + 2], NULL);
			if (!spelled(ws, b) && should_join(ws, a, bc)) {
				g_free(tok->pdata[i + 1]);
				tok->pdata[i + 1] = bc;
				g_ptr_array_remove_index(tok, i + 2);
				b = bc;
				kind = NZ_WORD_JOIN;
				counts[kind]++;
			} else {
				g_free(bc);
			}
		}
		if (kind < 0)
			continue;
		tok->pdata[i] = g_strconcat(a, b, NULL);
		g_free(a);
		g_ptr_array_remove_index(tok, i + 1);
		counts[kind]++;
		changed = 1;
		i--; /* the joined word may go on with the next piece (wraps to 0) */
	}
	for (guint i = 0; i + 2 < tok->len; i++) {
		if (cited_sign(tok->pdata[i], tok->pdata[i + 1], tok->pdata[i + 2])) {
			g_free(tok->pdata[i + 1]);
			tok->pdata[i + 1] = g_strdup("\xc2\xa7");
			counts[NZ_PARAGRAPH_SIGN]++;
			changed = 1;
		}
	}
	changed |= regroup_thousands(tok, counts);
	for (guint i = 0; ws->dict && i < tok->len; i++) {
		char *t = tok->pdata[i];
		size_t at = split_at(ws, t);
		if (!at)
			continue;
		tok->pdata[i] = g_strndup(t, at);
		g_ptr_array_insert(tok, (gint)i + 1, g_strdup(t + at));
		g_free(t);
		counts[NZ_WORD_SPLIT]++;
		changed = 1;
		i++;
	}
	char *out = NULL;
	if (changed) {
		g_ptr_array_add(tok, NULL);
		out = g_strjoinv(" ", (char **)tok->pdata);
		g_ptr_array_remove_index(tok, tok->len - 1);
	}
	g_ptr_array_free(tok, TRUE);
	return out;
}

/* Quotation marks in s (after pf-normalize's quote repair: " and ”). */
static int count_quotes(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '"' || strncmp(s, "\xe2\x80\x9d", 3) == 0;
	return n;
}

/* "§ 28 ”Ansökan om ...": a speck read as a quotation mark before a
 * heading's title, with no mark to close it on the line. Returns 1 if it
 * removed one. */
static int stray_title_quote(nz_line *l)
{
	int quotes = 0;
	for (size_t i = 0; i < l->nspan; i++)
		quotes += count_quotes(l->span[i].text);
	if (quotes != 1 || l->nspan == 0)
		return 0;
	char *t = l->span[0].text, *q = NULL;
	size_t i = 0;
	if (strncmp(t, "\xc2\xa7 ", 3) != 0)
		return 0;
	for (i = 3; isdigit((unsigned char)t[i]); i++)
		;
	if (i > 3 && t[i] == ' ')
		q = t + i + 1;
	else if (i > 3 && t[i] == '\0' && l->nspan > 1)
		q = l->span[1].text;
	if (!q || !(*q == '"' || strncmp(q, "\xe2\x80\x9d", 3) == 0))
		return 0;
	size_t ql = *q == '"' ? 1 : 3;
	if (!g_unichar_isupper(g_utf8_get_char(q + ql)))
		return 0;
	memmove(q, q + ql, strlen(q + ql) + 1);
	return 1;
}

int nz_words_repair(nz_words *ws, nz_line *l, unsigned long counts[NZ_NREPAIR])
{
	int n = 0;
	load(ws);
	if (stray_title_quote(l)) {
		counts[NZ_QUOTE]++;
		n++;
	}
	for (size_t i = 0; i < l->nspan; i++) {
		char *fixed = repair_text(ws, l->span[i].text, counts);
		if (fixed) {
			g_free(l->span[i].text);
			l->span[i].text = fixed;
			n++;
		}
	}
	return n;
}
