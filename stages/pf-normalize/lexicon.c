/*
 * Heading and label words of protocols, repaired by edit distance. The
 * terms live in lexicon.txt (compiled in by the Makefile as nz_lexicon[]),
 * so that adding a word needs no code.
 */
#include <glib.h>
#include <string.h>

#include "normalize.h"

extern const char *const nz_lexicon[];
extern const size_t nz_lexicon_n;

#define MAX_TERM 64 /* code points; longer text is no heading */

/* Lower-cased code points of s[0..n) into out; returns how many, or -1 if
 * more than MAX_TERM. */
static int fold(const char *s, size_t n, gunichar *out)
{
	int k = 0;
	for (const char *p = s; p < s + n; p = g_utf8_next_char(p)) {
		if (k == MAX_TERM)
			return -1;
		out[k++] = g_unichar_tolower(g_utf8_get_char(p));
	}
	return k;
}

/* Levenshtein distance, giving up (returning limit + 1) past `limit`. */
static int distance(const gunichar *a, int na, const gunichar *b, int nb, int limit)
{
	int row[MAX_TERM + 1];
	if (na - nb > limit || nb - na > limit)
		return limit + 1;
	for (int j = 0; j <= nb; j++)
		row[j] = j;
	for (int i = 1; i <= na; i++) {
		int diag = row[0], best = row[0] = i;
		for (int j = 1; j <= nb; j++) {
			int up = row[j];
			int v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[nb];
}

static int allowed_edits(int len)
{
	return len >= 10 ? 2 : len >= 5 ? 1 : 0;
}

/* The lexicon's terms lower-cased, folded once on first use (not once per
 * span looked up). */
typedef struct folded_term {
	gunichar c[MAX_TERM];
	int n;         /* code points, -1 if longer than MAX_TERM */
} folded_term;

static const folded_term *folded_lexicon(void)
{
	static folded_term *terms;
	if (!terms) {
		terms = g_new(folded_term, nz_lexicon_n ? nz_lexicon_n : 1);
		for (size_t i = 0; i < nz_lexicon_n; i++)
			terms[i].n = fold(nz_lexicon[i], strlen(nz_lexicon[i]), terms[i].c);
	}
	return terms;
}

/* The term s[0..n) is closest to, or NULL if none is near enough or s is
 * already a term (in any case). */
static const char *closest_term(const char *s, size_t n)
{
	gunichar a[MAX_TERM];
	int na = fold(s, n, a);
	if (na < 5)
		return NULL;
	const folded_term *lex = folded_lexicon();
	const char *best = NULL;
	int best_d = allowed_edits(na) + 1;
	for (size_t i = 0; i < nz_lexicon_n; i++) {
		const gunichar *b = lex[i].c;
		int nb = lex[i].n;
		int limit = allowed_edits(nb);
		if (nb < 0 || limit == 0)
			continue;
		/* Swedish inflects at the end ("Ärenden", "Handläggaren"):
		 * a word that differs in its last two letters is another
		 * form of the term, not a misreading of it. (Checked before
		 * the distance, which cannot be 0 then: s is not the term.) */
		if (na < 2 || a[na - 1] != b[nb - 1] || a[na - 2] != b[nb - 2])
			continue;
		int d = distance(a, na, b, nb, limit);
		if (d == 0)
			return NULL;
		if (d <= limit && d < best_d) {
			best = nz_lexicon[i];
			best_d = d;
		}
	}
	return best;
}

static int word_count(const char *s, size_t n)
{
	int words = n > 0;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	return words;
}

/* Heading-shaped: a few words starting with a letter. The whole span is
 * tried ("Ultdragsbestyrkande", "Beslut:"), then the label before a colon
 * ("Diarienumer: 23RS11831"). */
int nz_repair_lexicon(char **text)
{
	char *s = *text;
	size_t n = strlen(s);
	if (n == 0 || !g_unichar_isalpha(g_utf8_get_char(s)))
		return 0;
	const char *colon = strchr(s, ':');
	size_t label = colon ? (size_t)(colon - s) : n;
	if (word_count(s, label) > 4)
		return 0;
	/* "Beslut:" at the end, or a label followed by its value */
	const char *term = closest_term(s, label);
	if (!term)
		return 0;
	char *fixed = g_strconcat(term, s + label, NULL);
	g_free(s);
	*text = fixed;
	return 1;
}
