/*
 * Who was there: the presence blocks of the preamble.
 *
 *   Ledamöter                         <- a group heading gives the role
 *   Viktoria Jansson (M) Ordförande   <- name, party, role or note
 *   Mikael Johansson (S) för Kristina Nilsson (S)   <- replaces
 *   Beslutande: Anna Öberg (S), ordförande, Erik Åström (M)   <- inline list
 *   [X] Lindvall Mikael, ordförande   <- ticked lists: only ticked were there
 *
 * A group ends at the first line that is neither a person nor the wrapped
 * end of the person above it.
 */
#include <glib.h>
#include <string.h>

#include "records.h"
#include "segment.h"

typedef struct group {
	const char *heading;
	const char *role;
} group;

static const group groups[] = {
	{ "Ledamöter", "ledamot" },
	{ "Beslutande", "ledamot" },
	{ "Beslutande ledamöter", "ledamot" },
	{ "Närvarande ledamöter", "ledamot" },
	{ "Tjänstgörande ersättare", "tjänstgörande ersättare" },
	{ "Övriga ersättare", "ersättare" },
	{ "Ersättare", "ersättare" },
	{ "Närvarande ersättare", "ersättare" },
	{ "Ej tjänstgörande ersättare", "ersättare" },
	{ "Tjänstepersoner", "tjänsteperson" },
	{ "Tjänstemän", "tjänsteperson" },
	{ "Övriga närvarande", "tjänsteperson" },
	{ "Övriga deltagare", "tjänsteperson" },
	{ "Övriga deltagande", "tjänsteperson" },
	{ "Deltagande", "ledamot" },
	{ "Närvarande tjänstepersoner", "tjänsteperson" },
	{ "Sekreterare", "sekreterare" },
	{ "Justerare", "justerare" },
	{ "Justerande", "justerare" },
	{ NULL, NULL }
};

/* Role words that may follow a name, most specific first. */
static const struct { const char *word, *role; } role_words[] = {
	{ "1:e vice ordförande", "1:e vice ordförande" },
	{ "förste vice ordförande", "1:e vice ordförande" },
	{ "första vice ordförande", "1:e vice ordförande" },
	{ "2:e vice ordförande", "2:e vice ordförande" },
	{ "andre vice ordförande", "2:e vice ordförande" },
	{ "andra vice ordförande", "2:e vice ordförande" },
	{ "vice ordförande", "vice ordförande" },
	{ "ordförande", "ordförande" },
	{ "sekreterare", "sekreterare" },
	{ "justerare", "justerare" },
	{ "ledamot", "ledamot" },
	{ "ersättare", "ersättare" },
	{ NULL, NULL }
};

/* The group a heading line opens ("Ledamöter", "Beslutande:"), and in *rest
 * what follows the colon on the same line (an inline list), or NULL. */
static const group *group_of(const char *s, const char **rest)
{
	for (const group *g = groups; g->heading; g++) {
		size_t n = strlen(g->heading);
		if (g_ascii_strncasecmp(s, g->heading, n) != 0 &&
		    !sg_starts_with_ci(s, g->heading))
			continue;
		const char *p = s + n;
		while (*p == ' ')
			p++;
		if (*p == ':') {
			p++;
			while (*p == ' ')
				p++;
			*rest = *p ? p : NULL;
			return g;
		}
		if (!*p) {
			*rest = NULL;
			return g;
		}
	}
	return NULL;
}

typedef struct person {
	char *name, *party, *role, *replaces, *note;
} person;

static void person_clear(person *p)
{
	g_free(p->name), g_free(p->party), g_free(p->role), g_free(p->replaces), g_free(p->note);
	memset(p, 0, sizeof *p);
}

static GRegex *name_re(void)
{
	static GRegex *re;
	/* two to five name words: "Anna Dzikowska-Zasadowska", "Annri V
	 * Thimstrand", "Kerstin af Jochnick", then an optional (PARTY) */
	if (!re)
		re = g_regex_new("^([[:upper:]][[:alpha:]'-]*\\.?(?: (?:af|von|van|de|der|la))?"
				 "(?: [[:upper:]][[:alpha:]'-]*\\.?){1,4})"
				 "(?:\\s*\\(([[:upper:]15]{1,5}|-)\\))?(?=$|[ ,])",
				 G_REGEX_OPTIMIZE, 0, NULL);
	return re;
}

/* Splits the words after a name into role, replaces and note. */
static void describe(person *p, const char *rest, const char *group_role)
{
	GString *note = g_string_new(NULL);
	char **parts = g_strsplit(rest, ",", -1);
	for (char **part = parts; *part; part++) {
		char *t = g_strstrip(*part);
		if (!*t)
			continue;
		if (g_str_has_prefix(t, "för ")) {
			/* "för Kristina Nilsson (S)" */
			char *who = g_strdup(t + 4);
			char *paren = strchr(who, '(');
			if (paren)
				*paren = '\0';
			p->replaces = g_strdup(g_strstrip(who));
			g_free(who);
			continue;
		}
		int matched = 0;
		for (int i = 0; role_words[i].word && !matched; i++) {
			if (g_ascii_strcasecmp(t, role_words[i].word) == 0 ||
			    sg_starts_with_ci(t, role_words[i].word)) {
				if (strlen(t) == strlen(role_words[i].word)) {
					if (!p->role)
						p->role = g_strdup(role_words[i].role);
					matched = 1;
				}
			}
		}
		if (matched)
			continue;
		/* "1:e vice ordförande ej 21/3" in one part: role then note */
		for (int i = 0; role_words[i].word && !matched; i++) {
			size_t n = strlen(role_words[i].word);
			if (sg_starts_with_ci(t, role_words[i].word) && t[n] == ' ' && !p->role) {
				p->role = g_strdup(role_words[i].role);
				t += n + 1;
			}
		}
		/* a title with a role in it: "Nämndsekreterare" */
		char *low = g_utf8_strdown(t, -1);
		if (!p->role && strstr(low, "sekreterare"))
			p->role = g_strdup("sekreterare");
		g_free(low);
		if (note->len)
			g_string_append(note, ", ");
		g_string_append(note, t);
	}
	g_strfreev(parts);
	if (!p->role)
		p->role = g_strdup(group_role);
	p->note = note->len ? g_string_free(note, FALSE) : (g_string_free(note, TRUE), NULL);
}

/* Parses "Name (P) rest" at the start of s; returns what it consumed or 0.
 * Without a party, a last capitalised word followed by lower case is the
 * start of a title, not a name: "Hanna Wahlund Stabschef hälso- och ...". */
static size_t parse_name(const char *s, person *p)
{
	GMatchInfo *mi;
	size_t used = 0;
	if (g_regex_match(name_re(), s, 0, &mi)) {
		char *name = g_match_info_fetch(mi, 1), *party = g_match_info_fetch(mi, 2);
		int end;
		g_match_info_fetch_pos(mi, 0, NULL, &end);
		char *last = strrchr(name, ' ');
		if ((!party || !*party) && last && s[end] == ' ' &&
		    g_unichar_islower(g_utf8_get_char(s + end + 1)) && strchr(name, ' ') != last) {
			end -= (int)strlen(last);
			*last = '\0';
		}
		/* OCR reads (S) as (5) and (L) as (1) */
		for (char *c = party; c && *c; c++)
			*c = *c == '5' ? 'S' : *c == '1' ? 'L' : *c;
		if (strchr(name, ' ')) {
			p->name = name;
			p->party = party && *party ? party : (g_free(party), NULL);
			used = (size_t)end;
		} else {
			g_free(name);
			g_free(party);
		}
	}
	g_match_info_free(mi);
	return used;
}

static void write_person(sg_out *out, long *seq, const person *p)
{
	pf_writer *w = out->w;
	pf_begin(w, PF_ATTENDEE);
	pf_put_str(w, out->doc);
	pf_put_long(w, ++*seq);
	pf_put_str(w, p->name);
	pf_put_str(w, p->party);
	pf_put_str(w, p->role);
	pf_put_str(w, p->replaces);
	pf_put_str(w, p->note);
	pf_end(w);
}

/* "Anna Öberg (S), ordförande, Erik Åström (M), René Lindqvist (C)": names
 * with what follows each up to the next name. */
static void inline_list(sg_out *out, long *seq, const char *list, const char *role)
{
	const char *p = list;
	person cur = { 0 };
	GString *rest = g_string_new(NULL);
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		person next = { 0 };
		size_t used = parse_name(p, &next);
		if (used) {
			if (cur.name) {
				describe(&cur, rest->str, role);
				write_person(out, seq, &cur);
			}
			person_clear(&cur);
			cur = next;
			g_string_truncate(rest, 0);
			p += used;
			continue;
		}
		size_t n = strcspn(p, ",");
		if (rest->len)
			g_string_append_c(rest, ',');
		g_string_append_len(rest, p, (gssize)n);
		p += n;
	}
	if (cur.name) {
		describe(&cur, rest->str, role);
		write_person(out, seq, &cur);
	}
	person_clear(&cur);
	g_string_free(rest, TRUE);
}

/* "ordinarie   ersättare": column heads over a two-column ticked list. */
static int column_heads(const sg_line *l)
{
	for (int i = 0; i < l->nspan; i++) {
		const char *t = l->span[i].text;
		if (!g_unichar_islower(g_utf8_get_char(t)) || strlen(t) > 40)
			return 0;
	}
	return 1;
}

/* The role of the column a span sits in. */
static const char *column_role(const sg_line *heads, double x0, const char *group_role)
{
	if (!heads)
		return group_role;
	int best = 0;
	for (int i = 1; i < heads->nspan; i++)
		if (heads->span[i].x0 <= x0 + 5)
			best = i;
	return strstr(heads->span[best].text, "ersättare") ? "ersättare" : group_role;
}

/* "[X] Frostdahl-Blomqvist Siw, ordförande   [ ] Palm Maria": each span is
 * one box; only ticked ones were there. */
static void ticked_line(sg_out *out, long *seq, const sg_line *l, const sg_line *heads,
			const char *group_role)
{
	for (int i = 0; i < l->nspan; i++) {
		const char *t = l->span[i].text;
		/* a span may hold two boxes when the columns sit close */
		while (t && t[0] == '[' && t[1] && t[2] == ']') {
			const char *next = strstr(t + 3, "[");
			char *box = next ? g_strndup(t, (gsize)(next - t)) : g_strdup(t);
			g_strstrip(box);
			if (box[1] != ' ') {
				person p = { 0 };
				const char *entry = box + 3;
				while (*entry == ' ')
					entry++;
				size_t used = parse_name(entry, &p);
				if (used) {
					describe(&p, entry + used, column_role(heads, l->span[i].x0, group_role));
					write_person(out, seq, &p);
				}
				person_clear(&p);
			}
			g_free(box);
			t = next;
		}
	}
}

long sg_find_attendees(sg_line *const *lines, size_t n, sg_out *out)
{
	long seq = 0;
	const group *g = NULL;
	const sg_line *heads = NULL;
	person held = { 0 };   /* the last person, whose note may wrap */
	double held_x0 = 0;
	for (size_t i = 0; i < n; i++) {
		const sg_line *l = lines[i];
		const char *s = l->text, *rest;
		const group *ng = group_of(s, &rest);
		if (!ng && l->nspan > 1)
			ng = group_of(l->first_span, &rest);
		if (ng) {
			if (held.name)
				write_person(out, &seq, &held);
			person_clear(&held);
			g = ng;
			heads = NULL;
			if (rest)
				inline_list(out, &seq, rest, g->role);
			continue;
		}
		if (!g)
			continue;
		if (column_heads(l) && !held.name) {
			heads = l;
			continue;
		}
		if (s[0] == '[' && s[1] && s[2] == ']') {
			ticked_line(out, &seq, l, heads, g->role);
			continue;
		}
		/* a name in a column of its own: the first span is the name */
		person p = { 0 };
		size_t used = l->nspan > 1 ? parse_name(l->first_span, &p) : parse_name(s, &p);
		if (!used) {
			/* the wrapped end of the note above, under the note */
			if (held.name && l->x0 > held_x0 + 20 && g_unichar_islower(g_utf8_get_char(s))) {
				char *note = g_strdup_printf("%s %s", held.note ? held.note : "", s);
				g_free(held.note);
				held.note = sg_collapse(note);
				continue;
			}
			if (held.name)
				write_person(out, &seq, &held);
			person_clear(&held);
			g = NULL;
			continue;
		}
		if (held.name)
			write_person(out, &seq, &held);
		person_clear(&held);
		/* used counts in the first span, which begins the text in
		 * pf-pdftext's lines but not in any stream */
		describe(&p, s + MIN(used, strlen(s)), g->role);
		held = p;
		held_x0 = l->x0;
	}
	if (held.name)
		write_person(out, &seq, &held);
	person_clear(&held);
	return seq;
}
