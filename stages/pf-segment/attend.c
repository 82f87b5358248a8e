/*
 * Who was there: the presence blocks of the preamble.
 *
 *   Ledamöter                         <- a group heading gives the role
 *   Viktoria Jansson (M) Ordförande   <- name, party, role or note
 *   Mikael Johansson (S) för Kristina Nilsson (S)   <- replaces
 *   Beslutande: Anna Öberg (S), ordförande, Erik Åström (M)   <- inline list
 *   [X] Lindvall Mikael, ordförande   <- ticked lists: only ticked were there
 *   NÄRVARANDE: Stefan Ingves, ordförande           <- one list of everyone,
 *               Per Jansson, per telefon               its groups apart by a
 *               ---                                    rule or a blank line:
 *               Susanne Eberstein, fullmäktiges        the members first, then
 *               ordförande                             guests and staff
 *
 * A group ends at the first line that is neither a person, nor the wrapped
 * end of the person above it, nor a rule between groups; a page break does
 * not end it. A ticked list is read under a heading the text layer garbled.
 * The words (group headings, role words, guests) are vocab.c's.
 *
 * People are held until the document ends: the minute-taker is often named
 * only under "Vid protokollet" at its end (sg_attendance_secretary).
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

/* A ticked list under a heading that could not be read ("Benlutande
 * irdhnarhe"): ticked boxes are the members present. */
static const sg_group ticked_group = { "", "ledamot" };

/* The group a heading line opens ("Ledamöter", "Beslutande:"), and in *rest
 * what follows the colon on the same line (an inline list), or NULL. */
static const sg_group *group_of(const char *s, const char **rest)
{
	for (const sg_group *g = sg_attendance_groups; g->heading; g++) {
		size_t n = strlen(g->heading);
		if (g_ascii_strncasecmp(s, g->heading, n) != 0 &&
		    !sg_starts_with_ci(s, g->heading))
			continue;
		const char *p = s + n;
		/* the heading in capitals is as long in bytes but for Ö/Å/Ä,
		 * which have the same length in UTF-8 too */
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

/* "Närvarande", "Deltagande": one list of everyone present, whose later
 * groups are not members. */
static int mixed_group(const sg_group *g)
{
	return strcmp(g->heading, "Närvarande") == 0 || strcmp(g->heading, "Deltagande") == 0;
}

static void person_clear(sg_attendee *p)
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

static int has_guest_word(const char *t)
{
	char *low = g_utf8_strdown(t, -1);
	int yes = 0;
	for (const char *const *w = sg_guest_words; *w && !yes; w++)
		yes = strstr(low, *w) != NULL;
	g_free(low);
	return yes;
}

/* Splits the words after a name into role, replaces and note. */
static void describe(sg_attendee *p, const char *rest, const char *group_role)
{
	GString *note = g_string_new(NULL);
	char **parts = g_strsplit(rest, ",", -1);
	int guest = 0, staff = 0;
	for (char **part = parts; *part; part++) {
		char *t = g_strstrip(*part);
		if (!*t)
			continue;
		/* "(§ 1)", "(§ 1–3a)": present for those paragraphs */
		size_t tl = strlen(t);
		if (t[0] == '(' && t[tl - 1] == ')') {
			t[tl - 1] = '\0';
			t = g_strstrip(t + 1);
		}
		if (g_str_has_prefix(t, "för ") && g_unichar_isupper(g_utf8_get_char(t + strlen("för ")))) {
			/* "för Kristina Nilsson (S)" */
			char *who = g_strdup(t + strlen("för "));
			char *paren = strchr(who, '(');
			if (paren)
				*paren = '\0';
			p->replaces = g_strdup(g_strstrip(who));
			g_free(who);
			continue;
		}
		/* "fullmäktiges ordförande", "stadsstyrelsens representant": a
		 * guest, whatever the role word says */
		guest |= has_guest_word(t);
		int matched = 0;
		for (int i = 0; sg_role_words[i].word && !matched; i++)
			if (g_ascii_strcasecmp(t, sg_role_words[i].word) == 0 ||
			    (sg_starts_with_ci(t, sg_role_words[i].word) && strlen(t) == strlen(sg_role_words[i].word))) {
				if (!p->role)
					p->role = g_strdup(sg_role_words[i].role);
				matched = 1;
			}
		if (matched)
			continue;
		/* "1:e vice ordförande ej 21/3" in one part: role then note; but
		 * "sekreterare för rådet" is a role with its qualifier, kept whole */
		for (int i = 0; sg_role_words[i].word && !matched; i++) {
			size_t n = strlen(sg_role_words[i].word);
			if (sg_starts_with_ci(t, sg_role_words[i].word) && t[n] == ' ' && !p->role) {
				p->role = g_strdup(sg_role_words[i].role);
				matched = 1;
				/* "ersättare för Forsman": serving for a member */
				if (g_str_has_prefix(t + n + 1, "för ") &&
				    g_unichar_isupper(g_utf8_get_char(t + n + 1 + strlen("för ")))) {
					g_free(p->replaces);
					p->replaces = g_strdup(t + n + 1 + strlen("för "));
					char *paren = strchr(p->replaces, '(');
					if (paren)
						*paren = '\0';
					g_strchomp(p->replaces);
					if (strcmp(p->role, "ersättare") == 0) {
						g_free(p->role);
						p->role = g_strdup("tjänstgörande ersättare");
					}
					t = NULL;
					break;
				}
				if (!g_unichar_islower(g_utf8_get_char(t + n + 1)) ||
				    !(g_str_has_prefix(t + n + 1, "för ") || g_str_has_prefix(t + n + 1, "i ") ||
				      g_str_has_prefix(t + n + 1, "på ") || g_str_has_prefix(t + n + 1, "vid ")))
					t += n + 1;
			}
		}
		if (!t)
			continue;
		/* a title with a role in it: "Nämndsekreterare", "personalchef och
		 * protokollförare" */
		char *low = g_utf8_strdown(t, -1);
		for (const char *const *w = sg_staff_words; *w && !staff; w++)
			staff = strstr(low, *w) != NULL;
		if (!p->role && (strstr(low, "sekreterare") || strstr(low, "protokollförare") ||
				 strstr(low, "prot.förare")))
			p->role = g_strdup("sekreterare");
		g_free(low);
		if (note->len)
			g_string_append(note, ", ");
		g_string_append(note, t);
	}
	g_strfreev(parts);
	if (guest) {
		/* the whole printed tail: "ordförande, riksbanksfullmäktige" */
		g_free(p->role);
		p->role = g_strdup("övrig");
		while (*rest == ' ' || *rest == ',')
			rest++;
		g_string_assign(note, rest);
		g_strchomp(note->str);
		note->len = strlen(note->str);
	}
	if (!p->role && staff)
		p->role = g_strdup("tjänsteperson");
	if (!p->role)
		p->role = g_strdup(group_role);
	p->note = note->len ? g_string_free(note, FALSE) : (g_string_free(note, TRUE), NULL);
}

/* Parses "Name (P) rest" at the start of s; returns what it consumed or 0.
 * Without a party, a last capitalised word followed by lower case is the
 * start of a title, not a name: "Hanna Wahlund Stabschef hälso- och ...". */
static size_t parse_name(const char *s, sg_attendee *p)
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

/* Takes p over into the list (p is left empty). */
static void add_person(sg_attendance *a, sg_attendee *p)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->p = g_renew(sg_attendee, a->p, a->cap);
	}
	a->p[a->n++] = *p;
	memset(p, 0, sizeof *p);
}

/* "Anna Öberg (S), ordförande, Erik Åström (M), René Lindqvist (C)": names
 * with what follows each up to the next name. The last one is left in
 * *held with its words in *held_rest, as its note may wrap. */
static void inline_list(sg_attendance *a, const char *list, const char *role, sg_attendee *held,
			GString *held_rest)
{
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		sg_attendee next = { 0 };
		size_t used = parse_name(p, &next);
		if (used) {
			if (held->name) {
				describe(held, held_rest->str, role);
				add_person(a, held);
			}
			person_clear(held);
			*held = next;
			g_string_truncate(held_rest, 0);
			p += used;
			continue;
		}
		size_t n = strcspn(p, ",");
		if (held_rest->len)
			g_string_append_c(held_rest, ',');
		g_string_append_len(held_rest, p, (gssize)n);
		p += n;
	}
}

/* "ordinarie   ersättare", "Ordinarie | Ersättare": column heads over a
 * list in two columns, each a short word, in lower case or a group's. */
static int column_heads(const sg_line *l)
{
	for (int i = 0; i < l->nspan; i++) {
		const char *t = l->span[i].text, *rest;
		if (strlen(t) > 40 || (!g_unichar_islower(g_utf8_get_char(t)) &&
				       !(l->nspan > 1 && group_of(t, &rest) && !rest)))
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
	char *low = g_utf8_strdown(heads->span[best].text, -1);
	const char *role = strstr(low, "tjänstgörande") ? "tjänstgörande ersättare"
			   : strstr(low, "ersättare") ? "ersättare" : group_role;
	g_free(low);
	return role;
}

static int is_ticked_line(const char *s)
{
	return s[0] == '[' && s[1] && s[2] == ']';
}

/* Names in the boxes of a ticked list, ticked or not, to read "ersättare
 * för Forsman" as the whole name printed in the list. */
static GPtrArray *boxed_names;

static void box_entry(sg_attendance *a, const char *box, double x0, const sg_line *heads,
		      const char *group_role)
{
	sg_attendee p = { 0 };
	const char *entry = box + 3;
	while (*entry == ' ' || *entry == ',')
		entry++;
	size_t used = parse_name(entry, &p);
	if (used) {
		g_ptr_array_add(boxed_names, g_strdup(p.name));
		if (box[1] != ' ') {
			describe(&p, entry + used, column_role(heads, x0, group_role));
			add_person(a, &p);
		}
	}
	person_clear(&p);
}

/* "[X] Frostdahl-Blomqvist Siw, ordförande   [ ] Palm Maria": each box is
 * one entry, its name and words in its span or in the spans after it
 * ("[X] | Sjöholm Göran | ordförande"); only ticked ones were there. The
 * line's text from `from` on (after a heading in a label column). */
static void ticked_line(sg_attendance *a, const sg_line *l, const char *from, const sg_line *heads,
			const char *group_role)
{
	GString *box = g_string_new(NULL);
	double box_x = l->x0;
	for (int i = 0; i < l->nspan; i++) {
		const char *t = l->span[i].text;
		if (from && i == 0 && l->nspan == 1)
			t = from;
		else if (from && strstr(t, "[") == NULL && !box->len)
			continue; /* the heading's own span */
		while (*t) {
			const char *open = strchr(t, '[');
			if (open && open[1] && open[2] == ']') {
				if (open > t && box->len)
					g_string_append_printf(box, ", %.*s", (int)(open - t), t);
				if (box->len)
					box_entry(a, box->str, box_x, heads, group_role);
				g_string_truncate(box, 0);
				box_x = l->span[i].x0;
				const char *next = strchr(open + 3, '[');
				size_t len = next ? (size_t)(next - open) : strlen(open);
				g_string_append_len(box, open, (gssize)len);
				t = open + len;
			} else {
				if (box->len)
					g_string_append_printf(box, ", %s", t);
				break;
			}
		}
	}
	if (box->len)
		box_entry(a, box->str, box_x, heads, group_role);
	g_string_free(box, TRUE);
}

/* "Forsman" -> "Forsman Tom": the whole name as a box of the list prints it. */
static void resolve_replaces(sg_attendance *a, size_t from)
{
	for (size_t i = from; i < a->n; i++) {
		char *r = a->p[i].replaces;
		if (!r || strchr(r, ' '))
			continue;
		for (guint k = 0; k < boxed_names->len; k++) {
			const char *name = g_ptr_array_index(boxed_names, k);
			size_t rn = strlen(r);
			if (strncmp(name, r, rn) == 0 && name[rn] == ' ') {
				a->p[i].replaces = g_strdup(name);
				g_free(r);
				break;
			}
		}
	}
}

/* The name of the member replaced, cut by the end of the line or column:
 * the words above end in "för" or "för Tove", and t is the rest of that
 * name, one capitalised word and perhaps the party ("Berglund (S)"), which
 * is no person's whole name. */
static int replaced_name_goes_on(const char *words, const char *t)
{
	static GRegex *tail, *rest;
	if (!tail) {
		tail = g_regex_new("(?:^|[ ,])för(?: [[:upper:]][[:alpha:]'-]*)?$", G_REGEX_OPTIMIZE, 0, NULL);
		rest = g_regex_new("^[[:upper:]][[:alpha:]'-]*(?:\\s*\\([[:upper:]15]{1,5}\\))?(?=$|[ ,])",
				   G_REGEX_OPTIMIZE, 0, NULL);
	}
	return g_regex_match(tail, words, 0, NULL) && g_regex_match(rest, t, 0, NULL);
}

/* "---", "______": a rule between the groups of one list. */
static int rule_line(const char *s)
{
	int n = 0;
	for (const char *p = s; *p; p++) {
		if (*p != '-' && *p != '_' && *p != ' ')
			return 0;
		n += *p != ' ';
	}
	return n >= 3;
}

/* A list in columns under heads ("Ordinarie ledamöter | Ersättare"): each
 * column read as a list of its own, left first, with the role of its head.
 * Consumes lines from i while their spans are people or the wrapped end of
 * the person above in that column; returns the first line it did not. */
static size_t column_list(sg_line *const *lines, size_t i, size_t n, const sg_line *heads,
			  const char *group_role, sg_attendance *a)
{
	enum { MAXCOL = 6 };
	int ncol = heads->nspan < MAXCOL ? heads->nspan : MAXCOL;
	GPtrArray *col[MAXCOL];   /* per column: sg_attendee*, with their words */
	GPtrArray *rest[MAXCOL];
	for (int c = 0; c < ncol; c++) {
		col[c] = g_ptr_array_new();
		rest[c] = g_ptr_array_new();
	}
	for (; i < n; i++) {
		const sg_line *l = lines[i];
		int ok = 1;
		guint had[MAXCOL];  /* a line that ends the list gives nobody */
		for (int c = 0; c < ncol; c++)
			had[c] = col[c]->len;
		for (int k = 0; k < l->nspan && ok; k++) {
			int c = 0;
			for (int h = 1; h < ncol; h++)
				if (heads->span[h].x0 <= l->span[k].x0 + 5)
					c = h;
			const char *t = l->span[k].text;
			GString *last = rest[c]->len ? g_ptr_array_index(rest[c], rest[c]->len - 1) : NULL;
			/* "tjänstgörande ersättare för" / "Tove Berglund (S)",
			 * "… för Tove" / "Berglund (S)" */
			if (last && (g_str_has_suffix(last->str, " för") || g_unichar_islower(g_utf8_get_char(t)) ||
				     replaced_name_goes_on(last->str, t))) {
				g_string_append_printf(last, " %s", t);
				continue;
			}
			sg_attendee *p = g_new0(sg_attendee, 1);
			size_t used = parse_name(t, p);
			if (!used) {
				g_free(p);
				ok = 0;
				break;
			}
			g_ptr_array_add(col[c], p);
			g_ptr_array_add(rest[c], g_string_new(t + used));
		}
		if (!ok) {
			for (int c = 0; c < ncol; c++)
				while (col[c]->len > had[c]) {
					sg_attendee *p = g_ptr_array_steal_index(col[c], col[c]->len - 1);
					person_clear(p);
					g_free(p);
					g_string_free(g_ptr_array_steal_index(rest[c], rest[c]->len - 1), TRUE);
				}
			break;
		}
	}
	for (int c = 0; c < ncol; c++) {
		const char *head = heads->span[c].text, *r;
		const sg_group *g = group_of(head, &r);
		char *low = g_utf8_strdown(head, -1);
		const char *role = g ? g->role : strstr(low, "ersättare") ? "ersättare" : group_role;
		for (guint k = 0; k < col[c]->len; k++) {
			sg_attendee *p = g_ptr_array_index(col[c], k);
			GString *w = g_ptr_array_index(rest[c], k);
			describe(p, w->str, role);
			add_person(a, p);
			g_free(p);
			g_string_free(w, TRUE);
		}
		g_free(low);
		g_ptr_array_free(col[c], TRUE);
		g_ptr_array_free(rest[c], TRUE);
	}
	return i;
}

/* OCR reads an empty box as "[]" and a ticked one as anything short ("P4",
 * "pd", "på"). In a list whose empty boxes read so, a line whose first
 * span is a word of at most OCR_BOX_CHARS letters standing where the empty
 * boxes stand (within OCR_BOX_X points), before a name in a span of its
 * own, is a ticked box. Returns the lines to read: lines[i], or a copy
 * with its box as "[X]" (ticked) or "[ ]" (empty). */
#define OCR_BOX_CHARS 3
#define OCR_BOX_X 5.0

static sg_line *box_copy(const sg_line *l, const char *box)
{
	sg_line *c = g_memdup2(l, sizeof *l);
	c->span = g_memdup2(l->span, (gsize)l->nspan * sizeof *l->span);
	c->span[0].text = (char *)box;
	c->first_span = box;
	const char *rest = l->text;
	if (g_str_has_prefix(rest, l->span[0].text))
		rest += strlen(l->span[0].text);
	while (*rest == ' ')
		rest++;
	c->text = g_strdup_printf("%s %s", box, rest);
	return c;
}

static int ticked_by_ocr(const sg_line *l, const GArray *empty_x)
{
	const char *t = l->first_span;
	if (l->nspan < 2 || strchr(t, ' ') || strchr(t, '[') || g_utf8_strlen(t, -1) > OCR_BOX_CHARS)
		return 0;
	int at_box = 0;
	for (guint k = 0; k < empty_x->len && !at_box; k++)
		at_box = fabs(g_array_index(empty_x, double, k) - l->span[0].x0) <= OCR_BOX_X;
	sg_attendee p = { 0 };
	int name = at_box && parse_name(l->span[1].text, &p);
	person_clear(&p);
	return name;
}

static sg_line **ocr_boxes(sg_line *const *lines, size_t n)
{
	sg_line **view = g_memdup2(lines, n * sizeof *lines);
	GArray *empty_x = g_array_new(FALSE, FALSE, sizeof(double));
	for (size_t i = 0; i < n; i++)
		if (lines[i]->nspan > 1 && strcmp(lines[i]->first_span, "[]") == 0)
			g_array_append_val(empty_x, lines[i]->span[0].x0);
	for (size_t i = 0; i < n && empty_x->len; i++) {
		if (lines[i]->nspan > 1 && strcmp(lines[i]->first_span, "[]") == 0)
			view[i] = box_copy(lines[i], "[ ]");
		else if (ticked_by_ocr(lines[i], empty_x))
			view[i] = box_copy(lines[i], "[X]");
	}
	g_array_free(empty_x, TRUE);
	return view;
}

static void read_lists(sg_line *const *lines, size_t n, double pitch, sg_attendance *a)
{
	const sg_group *g = NULL;
	const sg_line *heads = NULL;
	sg_attendee held = { 0 };   /* the last person, whose note may wrap */
	GString *held_rest = g_string_new(NULL);
	int sub = 0;                /* the group of a mixed list, from 0 */
	const char *role = NULL;
#define FLUSH()                                                     \
	do {                                                        \
		if (held.name) {                                    \
			describe(&held, held_rest->str, role);      \
			add_person(a, &held);                       \
		}                                                   \
		person_clear(&held);                                \
		g_string_truncate(held_rest, 0);                    \
	} while (0)
	for (size_t i = 0; i < n; i++) {
		const sg_line *l = lines[i];
		const char *s = l->text, *rest;
		if (l->nspan > 1 && column_heads(l) && !held.name) {
			const sg_group *hg = group_of(l->first_span, &rest);
			if (hg && !hg->role) {
				FLUSH();
				g = NULL;
				continue;
			}
			if (hg || g) {
				if (hg)
					g = hg, role = hg->role, sub = 0;
				heads = l;
				/* a list of names in columns (a ticked list reads its boxes) */
				if (i + 1 < n && !is_ticked_line(lines[i + 1]->text)) {
					i = column_list(lines, i + 1, n, heads, role, a) - 1;
					heads = NULL;
				}
				continue;
			}
		}
		const sg_group *ng = group_of(s, &rest);
		if (!ng && l->nspan > 1 && (ng = group_of(l->first_span, &rest)) && !rest &&
		    g_str_has_prefix(s, l->first_span)) {
			/* a label column: "Närvarande | [X] Granlund Mikael ordförande" */
			rest = s + strlen(l->first_span);
			while (*rest == ' ')
				rest++;
			if (!*rest)
				rest = NULL;
		}
		if (!ng && !g && is_ticked_line(s))
			ng = &ticked_group, rest = NULL, i--; /* read the line again in the group */
		if (ng && !ng->role) {
			/* "Frånvarande:", "Justerare:": the people listed there are
			 * absent or listed already */
			FLUSH();
			g = NULL;
			continue;
		}
		if (ng) {
			FLUSH();
			g = ng;
			role = g->role;
			sub = 0;
			heads = NULL;
			if (rest && is_ticked_line(rest))
				ticked_line(a, l, rest, heads, role); /* "Närvarande [X] Name" */
			else if (rest)
				inline_list(a, rest, role, &held, held_rest);
			continue;
		}
		if (!g)
			continue;
		if (rule_line(s)) {
			FLUSH();
			sub++;
			continue;
		}
		if (column_heads(l) && !held.name) {
			heads = l;
			continue;
		}
		if (is_ticked_line(s)) {
			FLUSH();
			ticked_line(a, l, NULL, heads, role);
			continue;
		}
		/* a name in a column of its own: the first span is the name */
		sg_attendee p = { 0 };
		size_t used = l->nspan > 1 ? parse_name(l->first_span, &p) : parse_name(s, &p);
		if (!used) {
			/* the wrapped end of the words after the person above */
			if (held.name && (g_unichar_islower(g_utf8_get_char(s)) ||
					  replaced_name_goes_on(held_rest->str, s))) {
				g_string_append_printf(held_rest, " %s", s);
				continue;
			}
			FLUSH();
			g = NULL;
			continue;
		}
		FLUSH();
		/* in one list of everyone present, a blank line or a rule parts
		 * the members from the others */
		if (mixed_group(g) && i > 0 && !l->page_top && sg_new_block(l, pitch) && a->n > 0)
			sub++;
		role = mixed_group(g) && sub > 0 ? "tjänsteperson" : g->role;
		/* used counts in the first span, which begins the text in
		 * pf-pdftext's lines but not in any stream */
		g_string_assign(held_rest, s + MIN(used, strlen(s)));
		held = p;
	}
	FLUSH();
#undef FLUSH
	g_string_free(held_rest, TRUE);
}

void sg_find_attendees(sg_line *const *lines, size_t n, double pitch, sg_attendance *a)
{
	size_t first = a->n;
	boxed_names = g_ptr_array_new_with_free_func(g_free);
	sg_line **view = ocr_boxes(lines, n);
	read_lists(view, n, pitch, a);
	for (size_t i = 0; i < n; i++)
		if (view[i] != lines[i]) {
			g_free(view[i]->text);
			g_free(view[i]->span);
			g_free(view[i]);
		}
	g_free(view);
	resolve_replaces(a, first);
	g_ptr_array_free(boxed_names, TRUE);
	boxed_names = NULL;
}

void sg_attendance_secretary(sg_attendance *a, const char *line)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->p[i].role && strcmp(a->p[i].role, "tjänsteperson") == 0 && strstr(line, a->p[i].name)) {
			g_free(a->p[i].role);
			a->p[i].role = g_strdup("sekreterare");
		}
}

void sg_attendance_write(sg_attendance *a, pf_writer *w, const char *doc)
{
	for (size_t i = 0; i < a->n; i++) {
		const sg_attendee *p = &a->p[i];
		pf_begin(w, PF_ATTENDEE);
		pf_put_str(w, doc);
		pf_put_long(w, (long)i + 1);
		pf_put_str(w, p->name);
		pf_put_str(w, p->party);
		pf_put_str(w, p->role);
		pf_put_str(w, p->replaces);
		pf_put_str(w, p->note);
		pf_end(w);
	}
}

void sg_attendance_clear(sg_attendance *a)
{
	for (size_t i = 0; i < a->n; i++)
		person_clear(&a->p[i]);
	g_free(a->p);
	memset(a, 0, sizeof *a);
}
