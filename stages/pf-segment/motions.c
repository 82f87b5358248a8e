/*
 * Who moved, who reserved, how a vote went: one motion record each.
 *
 *   Glenn Nordlund (S) och Sara Nylund (S) yrkar bifall till förslaget.
 *       -> yrkande, Glenn Nordlund, S; yrkande, Sara Nylund, S
 *   Vice riksbankschef Karolina Ekholm reserverade sig mot beslutet ...
 *       -> reservation, Karolina Ekholm
 *   Omröstning begärdes. Med 8 ja-röster mot 5 nej-röster och 2 som avstod ...
 *       -> omröstning, yes 8, no 5, abstain 2
 *
 * Every sentence of the paragraph is read, under a "Yrkanden" or
 * "Reservationer" heading or not: the names are those printed before the
 * verb, with their party where one is printed, without a title in lower
 * case before them. The verbs are vocab.c's.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

static void write_motion(sg_out *out, const char *kind, const char *name, const char *party,
			 const char *text, long yes, long no, long abstain)
{
	pf_writer *w = out->w;
	pf_begin(w, PF_MOTION);
	pf_put_str(w, out->doc);
	pf_put_long(w, out->para_no);
	pf_put_long(w, ++out->motion_seq);
	pf_put_str(w, kind);
	pf_put_str(w, name);
	pf_put_str(w, party);
	pf_put_str(w, text);
	if (yes >= 0)
		pf_put_long(w, yes);
	else
		pf_put_null(w);
	if (no >= 0)
		pf_put_long(w, no);
	else
		pf_put_null(w);
	if (abstain >= 0)
		pf_put_long(w, abstain);
	else
		pf_put_null(w);
	pf_end(w);
}

/* The first of the verbs in s, as a word: its start. */
static const char *find_word(const char *s, const char *const *words)
{
	const char *best = NULL;
	for (const char *const *v = words; *v; v++) {
		size_t n = strlen(*v);
		for (const char *p = strstr(s, *v); p; p = strstr(p + 1, *v))
			if ((p == s || p[-1] == ' ') && !g_ascii_isalpha(p[n]) && (unsigned char)p[n] < 0x80) {
				if (!best || p < best)
					best = p;
				break;
			}
	}
	return best;
}

/* Capitalised name words ending just before `end`, back to a word in lower
 * case: "Vice riksbankschef Karolina Ekholm" -> "Karolina Ekholm". Names
 * joined by "och" or "," are each written. */
static void names_before(sg_out *out, const char *kind, const char *s, const char *end)
{
	char *head = g_strndup(s, (gsize)(end - s));
	char **words = g_strsplit(g_strstrip(head), " ", -1);
	int n = (int)g_strv_length(words);
	int last = n - 1;
	while (last >= 0) {
		int first = last;
		while (first >= 0 && (g_unichar_isupper(g_utf8_get_char(words[first])) ||
				      (first < last && (strcmp(words[first], "af") == 0 ||
							strcmp(words[first], "von") == 0))))
			first--;
		first++;
		if (last - first < 1)
			break;
		GString *name = g_string_new(NULL);
		for (int k = first; k <= last; k++)
			g_string_append_printf(name, "%s%s", k > first ? " " : "", words[k]);
		g_strdelimit(name->str, ",", ' ');
		g_strstrip(name->str);
		write_motion(out, kind, name->str, NULL, s, -1, -1, -1);
		g_string_free(name, TRUE);
		last = first - 1;
		if (last >= 0 && strcmp(words[last], "och") == 0)
			last--;
		else if (!(last >= 0 && g_str_has_suffix(words[last], ",")))
			break;
	}
	g_strfreev(words);
	g_free(head);
}

/* Every "Name (PARTY)" before the verb; the plain names when none. */
static void movers(sg_out *out, const char *kind, const char *s, const char *verb)
{
	static GRegex *person;
	if (!person)
		person = g_regex_new("((?:[[:upper:]][[:alpha:]-]+ ){1,3}[[:upper:]][[:alpha:]-]+) "
				     "\\(([[:upper:]]{1,5})\\)", G_REGEX_OPTIMIZE, 0, NULL);
	GMatchInfo *mi;
	int found = 0;
	g_regex_match_full(person, s, (gssize)(verb - s), 0, 0, &mi, NULL);
	while (g_match_info_matches(mi)) {
		char *name = g_match_info_fetch(mi, 1), *party = g_match_info_fetch(mi, 2);
		write_motion(out, kind, name, party, s, -1, -1, -1);
		found++;
		g_free(name);
		g_free(party);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	if (!found)
		names_before(out, kind, s, verb);
}

/* "8 ja-röster", "5 nej", "2 avstod": the number before one of the words. */
static long count_before(const char *s, const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		for (const char *p = strstr(s, *w); p; p = strstr(p + 1, *w)) {
			size_t wn = strlen(*w);
			if (g_ascii_isalpha(p[wn]) || (unsigned char)p[wn] >= 0x80)
				continue; /* "9 januari" is no "ja" */
			const char *q = p;
			while (q > s && q[-1] == ' ')
				q--;
			/* "2 som avstod" */
			if (q - s >= 4 && strncmp(q - 4, " som", 4) == 0)
				for (q -= 4; q > s && q[-1] == ' ';)
					q--;
			const char *d = q;
			while (d > s && g_ascii_isdigit(d[-1]))
				d--;
			if (d < q)
				return strtol(d, NULL, 10);
		}
	return -1;
}

/* The sentences of text: a break after ".", "!" or "?" before a capital,
 * and every newline. The pattern is compiled once (JIT): compiled per
 * paragraph it cost more than the rest of the stage. */
static char **split_sentences(const char *text)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new("(?<=[.!?])\\s+(?=[[:upper:]])|\n", G_REGEX_OPTIMIZE, 0, NULL);
	return g_regex_split(re, text, 0);
}

void sg_find_motions(sg_line *const *lines, size_t n, size_t body, double pitch, sg_out *out)
{
	static const char *const yes_words[] = { "ja-röster", "ja-röst", "röster för", "ja", NULL };
	static const char *const no_words[] = { "nej-röster", "nej-röst", "röster emot", "nej", NULL };
	static const char *const abstain_words[] = { "avstod", "avstår", "avstående", "blanka",
						     "nedlagda", NULL };
	GString *text = g_string_new(NULL);
	/* a heading or a new block ends a sentence too */
	for (size_t i = body; i < n; i++) {
		int apart = i > body && (sg_new_block(lines[i], pitch) || sg_is_heading_line(lines, i, n) ||
					 sg_is_heading_line(lines, i - 1, n));
		g_string_append_printf(text, "%s%s", !text->len ? "" : apart ? "\n" : " ", lines[i]->text);
	}
	char **sentences = split_sentences(text->str);
	for (char **s = sentences; *s; s++) {
		const char *verb;
		if ((verb = find_word(*s, sg_reserve_verbs)))
			movers(out, "reservation", *s, verb);
		else if ((verb = find_word(*s, sg_motion_verbs)))
			movers(out, "yrkande", *s, verb);
		char *low = g_utf8_strdown(*s, -1);
		if (find_word(low, sg_vote_words)) {
			/* the counts may follow in the next sentence */
			char *both = g_strdup_printf("%s %s", low, s[1] ? s[1] : "");
			char *lboth = g_utf8_strdown(both, -1);
			write_motion(out, "omröstning", NULL, NULL, *s, count_before(lboth, yes_words),
				     count_before(lboth, no_words), count_before(lboth, abstain_words));
			g_free(both);
			g_free(lboth);
		}
		g_free(low);
	}
	g_strfreev(sentences);
	g_string_free(text, TRUE);
}
