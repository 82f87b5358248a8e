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
 *  punct  "2021 ;" -> "2021;": a lone , ; : . or ) after a space, on a
 *         scan only (on the PDF's own fonts rendered, tesseract sees the
 *         space that is printed: "VBL ,", "delta .");
 *  sum    "1750 000" -> "1 750 000" where it is a sum for certain;
 *  sign   "2022, 8 267" -> "2022, § 267": a decision cited as year, §;
 *  quote  "§ 28 ”Ansökan ..." -> "§ 28 Ansökan ...": a speck read as a
 *         quotation mark before a title, with none to close it;
 *  %      "45 96" -> "45 %": tesseract reads a per cent sign as 94, 96,
 *         90 or Yo. Apart from the number it is certain (no thousands
 *         group has two digits); run into it ("6094" for "60%") only in a
 *         document that shows the misreading apart and has no % of its own;
 *  /      "projektåtgärder" -> "projekt/åtgärder": a slash OCR lost, where
 *         the document writes the same letters with the slash elsewhere
 *         and never without;
 *  letter "SIVP" -> "SJVP": one letter of a pair OCR confuses (I/J, g/q,
 *         i/l, I/l) in a word that is not in the dictionary and occurs
 *         once, where the document has the other spelling three times.
 *
 * The dictionary is loaded on the first OCR'd page (or the first hyphen
 * before a conjunction, joins.c), so most born-digital runs do not pay for
 * it; without it (not installed) only the dictionary-free rules
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
	GHashTable *slashed; /* "ab" -> "a/b", for each a/b in the document */
	size_t percent_signs;    /* % in the document's text so far */
	size_t percent_misreads; /* "45 96": a number, then a % misread apart */
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
	ws->slashed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return ws;
}

/* The dictionary outlives nz_words_free: the process ends next, and freeing
 * its 200 000 blocks one by one cost 50 ms, a document's whole pf-normalize
 * time. Held here it stays reachable, so leak checkers do not count it. */
static Hunhandle *volatile kept_dictionary; /* volatile: a store never read is otherwise dropped */

void nz_words_free(nz_words *ws)
{
	if (!ws)
		return;
	if (ws->dict)
		kept_dictionary = ws->dict;
	g_hash_table_destroy(ws->seen);
	g_hash_table_destroy(ws->known);
	g_hash_table_destroy(ws->slashed);
	g_free(ws);
}

void nz_words_forget(nz_words *ws)
{
	g_hash_table_remove_all(ws->seen);
	g_hash_table_remove_all(ws->slashed);
	ws->percent_signs = ws->percent_misreads = 0;
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
			"(Debian: hunspell-sv; or set PF_DICTIONARY): OCR'd words and "
			"words hyphenated before a conjunction are not rejoined\n", NZ_STAGE, base);
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

int nz_words_known(nz_words *ws, const char *w)
{
	return load(ws) && spelled(ws, w);
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

/* All digits, between min and max of them: s[0..n). */
static int digits_n(const char *s, size_t n, size_t min, size_t max)
{
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t min, size_t max)
{
	return digits_n(s, strlen(s), min, max);
}

/* Does tok[i] follow a 1-3 digit group, as the later groups of a grouped
 * sum ("4 398 994") do? */
static int after_group(GPtrArray *tok, guint i)
{
	return i > 0 && all_digits(tok->pdata[i - 1], 1, 3);
}

/* A number of 1-3 digits as a writer puts it before a per cent sign: no
 * leading zero, and not a thousands group after another group. */
static int percent_number(GPtrArray *tok, guint i)
{
	const char *t = tok->pdata[i];
	return all_digits(t, 1, 3) && (t[0] != '0' || t[1] == '\0') && !after_group(tok, i);
}

/* What tesseract makes of a per cent sign, apart and run into the number. */
static const char *const percent_apart[] = { "94", "96", "90", "Yo" };
static const char *const percent_run_in[] = { "946", "94", "96", "90" };

/* "45" "96" -> 1: tok[i] a number and tok[i + 1] a % misread (trailing
 * punctuation allowed); no money word or further group follows. */
static int percent_misread_apart(GPtrArray *tok, guint i)
{
	if (i + 1 >= tok->len || !percent_number(tok, i))
		return 0;
	const char *s = tok->pdata[i + 1];
	size_t n = core_len(s);
	int misread = 0;
	for (size_t k = 0; k < G_N_ELEMENTS(percent_apart) && !misread; k++)
		misread = n == strlen(percent_apart[k]) && strncmp(s, percent_apart[k], n) == 0;
	if (!misread || i + 2 >= tok->len || s[n] != '\0')
		return misread;
	const char *next = tok->pdata[i + 2];
	return !all_digits(next, 3, 3) && !nz_unit_word(next, strlen(next));
}

/* "6094" -> 2, the length of "60": a number of at most 100 with a %
 * misread run into it. Not a year, not part of a grouped sum, not before
 * a money word. 0: not one. */
static size_t percent_misread_run_in(GPtrArray *tok, guint i)
{
	const char *t = tok->pdata[i];
	size_t n = core_len(t);
	if (!digits_n(t, n, 3, 6) || after_group(tok, i))
		return 0;
	long v = strtol(t, NULL, 10);
	if (n == 4 && v >= 1900 && v < 2050)
		return 0;
	if (i + 1 < tok->len && t[n] == '\0') {
		const char *next = tok->pdata[i + 1];
		if (all_digits(next, 3, 3) || nz_unit_word(next, strlen(next)))
			return 0;
	}
	for (size_t k = 0; k < G_N_ELEMENTS(percent_run_in); k++) {
		size_t sl = strlen(percent_run_in[k]);
		if (n <= sl || n - sl > 3 || strncmp(t + n - sl, percent_run_in[k], sl) != 0)
			continue;
		size_t p = n - sl;
		long pv = 0;
		for (size_t j = 0; j < p; j++)
			pv = pv * 10 + (t[j] - '0');
		if ((t[0] == '0' && p > 1) || pv > 100)
			return 0;
		return p;
	}
	return 0;
}

void nz_words_learn(nz_words *ws, const char *text)
{
	for (const char *p = text; (p = strchr(p, '%')); p++)
		ws->percent_signs++;
	GPtrArray *tok = g_ptr_array_new_with_free_func(g_free);
	char **parts = g_strsplit(text, " ", -1);
	for (char **t = parts; *t; t++)
		g_ptr_array_add(tok, *t);
	g_free(parts);
	for (guint i = 0; i < tok->len; i++) {
		const char *t = tok->pdata[i];
		size_t a = lead_len(t), n = core_len(t);
		if (percent_misread_apart(tok, i))
			ws->percent_misreads++;
		const char *slash = n > a ? memchr(t + a, '/', n - a) : NULL;
		if (slash && all_letters(t + a, (size_t)(slash - t - a)) &&
		    all_letters(slash + 1, (size_t)(t + n - slash - 1))) {
			char *ab = g_strdup_printf("%.*s%.*s", (int)(slash - t - a), t + a,
						   (int)(t + n - slash - 1), slash + 1);
			g_hash_table_replace(ws->slashed, ab, g_strndup(t + a, n - a));
		}
		if (n <= a || !all_letters(t + a, n - a))
			continue;
		char *w = g_strndup(t + a, n - a);
		gpointer old = g_hash_table_lookup(ws->seen, w);
		g_hash_table_replace(ws->seen, w, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
	}
	g_ptr_array_free(tok, TRUE);
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

/* "1750 000" -> "1 750 000": OCR lost the space between the first thousands
 * groups. Only where the digits are a sum for certain: the whole span (a
 * table cell) or followed by kr, tkr, ... ("år 2024 100 personer" stays). */
static int regroup_thousands(GPtrArray *tok, unsigned long counts[NZ_NREPAIR])
{
	int changed = 0;
	for (guint i = 0; i + 1 < tok->len; i++) {
		const char *first = tok->pdata[i];
		if (!all_digits(first, 4, 6) || after_group(tok, i))
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

/* "a/b" for a token "ab" (keeping its punctuation) that the document writes
 * with the slash elsewhere and never without; NULL otherwise. */
static char *slash_restored(nz_words *ws, const char *t)
{
	size_t a = lead_len(t), n = core_len(t);
	if (n <= a || !all_letters(t + a, n - a))
		return NULL;
	char *w = g_strndup(t + a, n - a);
	const char *ab = seen_count(ws, w) <= 1 ? g_hash_table_lookup(ws->slashed, w) : NULL;
	g_free(w);
	return ab ? g_strdup_printf("%.*s%s%s", (int)a, t, ab, t + n) : NULL;
}

/* Letters tesseract takes for one another: read, meant (both ways). */
static const char confused_letters[][3] = { "IJ", "JI", "gq", "qg", "il", "li", "Il", "lI" };

/* The times a document's spelling must outnumber a one-off misreading. */
#define LETTER_WITNESSES 3

/* "SIVP" -> "SJVP" (keeping the token's punctuation); NULL: no repair. */
static char *letter_restored(nz_words *ws, const char *t)
{
	size_t a = lead_len(t), n = core_len(t);
	if (n <= a || n - a < 3 || !all_letters(t + a, n - a) || !ws->dict)
		return NULL;
	char *w = g_strndup(t + a, n - a), *best = NULL;
	size_t best_count = LETTER_WITNESSES - 1;
	if (seen_count(ws, w) <= 1 && !spelled(ws, w)) {
		for (size_t i = 0; i < n - a; i++) {
			char read = w[i];
			for (size_t k = 0; k < G_N_ELEMENTS(confused_letters); k++) {
				if (read != confused_letters[k][0])
					continue;
				w[i] = confused_letters[k][1];
				size_t c = seen_count(ws, w);
				if (c > best_count) {
					g_free(best);
					best = g_strdup(w);
					best_count = c;
				}
			}
			w[i] = read;
		}
	}
	g_free(w);
	if (!best)
		return NULL;
	char *out = g_strdup_printf("%.*s%s%s", (int)a, t, best, t + n);
	g_free(best);
	return out;
}

/* The %, / and letter repairs (see the top of the file). */
static int repair_misreads(nz_words *ws, GPtrArray *tok, unsigned long counts[NZ_NREPAIR])
{
	int changed = 0;
	int run_in = ws->percent_signs == 0 && ws->percent_misreads > 0;
	for (guint i = 0; i < tok->len; i++) {
		char *t = tok->pdata[i], *fixed = NULL;
		size_t p;
		int kind = NZ_OCR_SIGN;
		if (percent_misread_apart(tok, i)) {
			t = tok->pdata[++i];
			fixed = g_strconcat("%", t + core_len(t), NULL);
		} else if (run_in && (p = percent_misread_run_in(tok, i))) {
			fixed = g_strdup_printf("%.*s%%%s", (int)p, t, t + core_len(t));
		} else if (!(fixed = slash_restored(ws, t)) && (fixed = letter_restored(ws, t))) {
			kind = NZ_OCR_LETTER;
		}
		if (!fixed)
			continue;
		g_free(t);
		tok->pdata[i] = fixed;
		counts[kind]++;
		changed = 1;
	}
	return changed;
}

/* Repairs one span's text; returns a new string or NULL when nothing
 * changed. Counts go to counts[]. */
static char *repair_text(nz_words *ws, const char *text, int scan, unsigned long counts[NZ_NREPAIR])
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
		if (scan && *b && is_closing_punct(b) && *a)
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
	changed |= repair_misreads(ws, tok, counts);
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

int nz_words_repair(nz_words *ws, nz_line *l, int scan, unsigned long counts[NZ_NREPAIR])
{
	int n = 0;
	load(ws);
	if (stray_title_quote(l)) {
		counts[NZ_QUOTE]++;
		n++;
	}
	for (size_t i = 0; i < l->nspan; i++) {
		char *fixed = repair_text(ws, l->span[i].text, scan, counts);
		if (fixed) {
			g_free(l->span[i].text);
			l->span[i].text = fixed;
			n++;
		}
	}
	return n;
}
