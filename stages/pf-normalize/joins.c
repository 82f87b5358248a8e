/*
 * Words and numbers broken over two lines, joined again.
 *
 * "sjukvårdsför-" + "valtningen" is one word; "Hälso-" + "och sjukvården"
 * is a Swedish suspended compound and stays as printed. A number whose
 * thousands groups were split by the line break ("870" + "243 kr") becomes
 * one number again. The second part moves up to the first line, so that
 * each line's text stays in reading order; a line left empty is dropped.
 *
 * Only the span that continues the same column is looked at: in a table row
 * the hyphenated recipient goes on below itself, not in the amount column.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

/* Words after which a trailing hyphen marks a suspended compound. */
static const char *const conjunctions[] = {
	"och", "eller", "samt", "respektive", "resp.", "resp", "som", "men",
	"till", "utan", "liksom", "både", "än", NULL
};

static int is_conjunction(const char *w, size_t n)
{
	for (const char *const *c = conjunctions; *c; c++)
		if (strlen(*c) == n && strncmp(*c, w, n) == 0)
			return 1;
	return 0;
}

static size_t first_word_len(const char *s)
{
	const char *sp = strchr(s, ' ');
	return sp ? (size_t)(sp - s) : strlen(s);
}

/* The span of b that continues span s of a: it starts where s starts, give
 * or take an em, or b is a single span of running text under a's last. */
static nz_span *continuation(const nz_line *a, const nz_span *s, nz_line *b)
{
	double em = a->size > 0 ? a->size : 10;
	for (size_t i = 0; i < b->nspan; i++)
		if (fabs(b->span[i].x0 - s->x0) <= em)
			return &b->span[i];
	if (s == &a->span[a->nspan - 1] && b->nspan == 1 && a->nspan == 1 &&
	    fabs(b->x0 - a->x0) <= 3 * em)
		return &b->span[0];
	return NULL;
}

/* Moves the first `n` bytes of t (a whole number of words) to the end of s,
 * `glue` between them; the word is "sjukvårdsför" + "valtningen". */
static void move_words(nz_span *s, size_t keep, const char *glue, nz_span *t, size_t n)
{
	char *joined = g_strdup_printf("%.*s%s%.*s", (int)keep, s->text, glue, (int)n, t->text);
	const char *rest = t->text + n;
	while (*rest == ' ')
		rest++;
	char *left = g_strdup(rest);
	g_free(s->text);
	g_free(t->text);
	s->text = joined;
	t->text = left;
}

/* Drops spans left empty by a join; the line is dropped when none is left. */
static void drop_empty_spans(nz_line *l)
{
	size_t k = 0;
	for (size_t i = 0; i < l->nspan; i++) {
		if (l->span[i].text[0])
			l->span[k++] = l->span[i];
		else
			g_free(l->span[i].text);
	}
	l->nspan = k;
	if (k == 0)
		l->dropped = 1;
}

/* Trailing "-" (or a soft hyphen) after at least two letters. Returns the
 * length of the text without it, or 0. */
static size_t hyphenated(const char *t, int *soft)
{
	size_t n = strlen(t);
	*soft = n >= 2 && (unsigned char)t[n - 2] == 0xC2 && (unsigned char)t[n - 1] == 0xAD;
	size_t cut = *soft ? n - 2 : n > 0 && t[n - 1] == '-' ? n - 1 : 0;
	if (cut < 2)
		return 0;
	const char *prev = g_utf8_find_prev_char(t, t + cut);
	const char *prev2 = prev ? g_utf8_find_prev_char(t, prev) : NULL;
	if (!prev || !prev2 || !g_unichar_isalpha(g_utf8_get_char(prev)) ||
	    !g_unichar_isalpha(g_utf8_get_char(prev2)))
		return 0;
	return cut;
}

/* The word before the hyphen is an abbreviation ("IT-", "HME/HSE-"): the
 * hyphen belongs to the compound ("IT-stöd") and stays when joining. */
static int keeps_hyphen(const char *t, size_t cut)
{
	const char *w = t + cut;
	while (w > t && w[-1] != ' ')
		w--;
	int upper = 0, lower = 0;
	for (const char *p = w; p < t + cut; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		upper += g_unichar_isupper(c);
		lower += g_unichar_islower(c);
	}
	return lower == 0 || upper > 1;
}

/* A line broken after a slash ("AT/" + "BT läkare", "förvaltningen/" +
 * "projekt"): the slash binds the two words, no space between them. */
static size_t slashed(const char *t)
{
	size_t n = strlen(t);
	return n >= 2 && t[n - 1] == '/' && t[n - 2] != ' ' ? n : 0;
}

/* "Hälso- / och sjukvård" is a suspended compound, kept as printed; but
 * "lik- / som" is "liksom" broken at the line end: the joined word is one
 * the dictionary knows (no Swedish compound ends in a conjunction: it has
 * no "hälsooch", "barntill", "politisksom"). */
static int suspended(nz_ctx *cx, const char *s, size_t cut, const char *t, size_t wl)
{
	if (!is_conjunction(t, wl))
		return 0;
	const char *w = s + cut;
	while (w > s && w[-1] != ' ')
		w--;
	char *joined = g_strdup_printf("%.*s%.*s", (int)(s + cut - w), w, (int)wl, t);
	int word = cx->words && nz_words_known(cx->words, joined);
	g_free(joined);
	return !word;
}

static void join_hyphen(nz_ctx *cx, nz_line *a, nz_span *s, nz_line *b, nz_span *t)
{
	int soft;
	size_t cut = hyphenated(s->text, &soft), slash = slashed(s->text);
	if ((!cut && !slash) || !t->text[0])
		return;
	size_t wl = first_word_len(t->text);
	gunichar c = g_utf8_get_char(t->text);
	if (!slash && !soft && (!g_unichar_islower(c) || suspended(cx, s->text, cut, t->text, wl)))
		return;
	char *before_a = nz_line_text(a), *before_b = nz_line_text(b);
	int hyphen = !slash && !soft && keeps_hyphen(s->text, cut);
	move_words(s, slash ? slash : hyphen ? cut + 1 : cut, "", t, wl);
	drop_empty_spans(b);
	char *after_a = nz_line_text(a), *after_b = nz_line_text(b);
	nz_note(cx, NZ_HYPHEN_JOIN, a, before_a, after_a);
	nz_note(cx, NZ_HYPHEN_JOIN, b, before_b, after_b);
	g_free(before_a), g_free(before_b), g_free(after_a), g_free(after_b);
}

/* Is s[0..n) a group of exactly three digits? */
static int group3(const char *s, size_t n)
{
	return n == 3 && g_ascii_isdigit(s[0]) && g_ascii_isdigit(s[1]) && g_ascii_isdigit(s[2]);
}

int nz_unit_word(const char *w, size_t n)
{
	static const char *const units[] = { "kr", "kr.", "kr,", "kr;", "kronor", "tkr",
					     "mnkr", "mkr", "miljoner", "miljarder", "kr)", NULL };
	for (const char *const *u = units; *u; u++)
		if (strlen(*u) == n && strncmp(*u, w, n) == 0)
			return 1;
	return 0;
}

/* "… 870" + "243 kr, …": a span ending in a 1-3 digit group that is not a
 * year or a § number, and a continuation starting with 3-digit groups
 * followed by a money word. */
static void join_number(nz_ctx *cx, nz_line *a, nz_span *s, nz_line *b, nz_span *t)
{
	const char *text = s->text;
	size_t n = strlen(text);
	size_t i = n;
	while (i > 0 && g_ascii_isdigit(text[i - 1]))
		i--;
	if (n - i < 1 || n - i > 3 || (i > 0 && text[i - 1] != ' '))
		return;
	/* "§ 12" or "sid. 4" are not amounts; a group after another group is */
	if (i >= 3 && strncmp(text + i - 3, "\u00a7 ", 3) == 0)
		return;
	const char *p = t->text;
	size_t moved = 0;
	for (;;) {
		size_t wl = first_word_len(p);
		if (!group3(p, wl))
			break;
		moved = (size_t)(p - t->text) + wl;
		if (!p[wl])
			break;
		p += wl + 1;
	}
	if (!moved)
		return;
	const char *next = t->text + moved;
	while (*next == ' ')
		next++;
	if (!nz_unit_word(next, first_word_len(next)))
		return;
	char *before_a = nz_line_text(a), *before_b = nz_line_text(b);
	move_words(s, n, " ", t, moved);
	drop_empty_spans(b);
	char *after_a = nz_line_text(a), *after_b = nz_line_text(b);
	nz_note(cx, NZ_NUMBER_JOIN, a, before_a, after_a);
	nz_note(cx, NZ_NUMBER_JOIN, b, before_b, after_b);
	g_free(before_a), g_free(before_b), g_free(after_a), g_free(after_b);
}

void nz_join_lines(nz_ctx *cx, nz_line *a, nz_line *b)
{
	if (a->nspan == 0 || b->nspan == 0 || a->dropped || b->dropped)
		return;
	/* b must be the next line of the same text: just below a */
	double em = a->size > 0 ? a->size : 10;
	if (b->page == a->page && (b->y0 < a->y0 || b->y0 - a->y1 > 1.5 * em))
		return;
	for (size_t i = 0; i < a->nspan && !b->dropped; i++) {
		nz_span *s = &a->span[i];
		nz_span *t = continuation(a, s, b);
		if (!t)
			continue;
		join_hyphen(cx, a, s, b, t);
		/* the join may have dropped an emptied span of b: look again */
		if (b->dropped || !(t = continuation(a, s, b)))
			continue;
		join_number(cx, a, s, b, t);
	}
}
