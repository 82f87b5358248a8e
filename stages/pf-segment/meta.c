/*
 * What the document is: organization, organ, type, meeting dates, place and
 * the protocol's own dnr, from the page header (furniture) and the first
 * page. The header is preferred: it is the same on every page and printed
 * by the template, not typed by the secretary.
 */
#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

/* set_organ: a reading from a page trusted this much more, and at most
 * one edit in this many letters, replaces the first reading. */
#define ORGAN_TRUST_MARGIN 0.1
#define ORGAN_EDIT_SHARE 5

static const char *const months[] = {
	"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december", NULL
};

static int valid_date(int y, int m, int d)
{
	return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "2025-03-20" at p: returns the length read, or 0. */
static int iso_at(const char *p, int *y, int *m, int *d)
{
	int n = 0;
	if (sscanf(p, "%4d-%2d-%2d%n", y, m, d, &n) == 3 && n == 10 && valid_date(*y, *m, *d))
		return n;
	return 0;
}

/* The end of a range after a date: " – 21", "-21", " – 2025-03-21". */
static void range_end(const char *p, int y, int m, char *end)
{
	while (*p == ' ')
		p++;
	if (strncmp(p, "\u2013", 3) == 0)
		p += 3;
	else if (*p == '-')
		p++;
	else
		return;
	while (*p == ' ')
		p++;
	int y2, m2, d2, n = 0;
	if (iso_at(p, &y2, &m2, &d2)) {
		snprintf(end, 11, "%04d-%02d-%02d", y2, m2, d2);
	} else if (sscanf(p, "%2d%n", &d2, &n) == 1 && !isdigit((unsigned char)p[n]) &&
		   p[n] != ':' && p[n] != '.' && valid_date(y, m, d2)) {
		snprintf(end, 11, "%04d-%02d-%02d", y, m, d2);
	}
}

int sg_parse_date(const char *s, char *iso, char *end)
{
	iso[0] = end[0] = '\0';
	for (const char *p = s; *p; p++) {
		int y, m, d;
		if (isdigit((unsigned char)*p) && (p == s || !isdigit((unsigned char)p[-1]))) {
			int n = iso_at(p, &y, &m, &d);
			if (n) {
				snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
				range_end(p + n, y, m, end);
				return 1;
			}
			/* Finland: "28.3.2023", "28.03.2023" */
			int k2 = 0;
			if (sscanf(p, "%2d.%2d.%4d%n", &d, &m, &y, &k2) == 3 && k2 >= 8 &&
			    !isdigit((unsigned char)p[k2]) && valid_date(y, m, d)) {
				snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
				return 1;
			}
			/* "12 mars 2024", "tisdagen den 12 mars 2024" */
			int k = 0;
			char word[16];
			if (sscanf(p, "%2d %15[a-zåäö] %4d%n", &d, word, &y, &k) == 3) {
				for (m = 0; months[m]; m++)
					if (strcmp(word, months[m]) == 0)
						break;
				if (months[m] && valid_date(y, m + 1, d)) {
					snprintf(iso, 11, "%04d-%02d-%02d", y, m + 1, d);
					return 1;
				}
			}
		}
	}
	return 0;
}

static char *sentence_case(const char *s);
static char *find_organization(const char *s);

/* The length of the body's name in s, without the meeting's number after
 * it: "Direktionen, Nr 3", "Direktionen nr 2". */
static size_t organ_length(const char *s)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new(",? [Nn]r\\.? ?\\d+(/\\d+)?$", G_REGEX_OPTIMIZE, 0, NULL);
	GMatchInfo *mi;
	size_t n = strlen(s);
	if (g_regex_match(re, s, 0, &mi)) {
		int start;
		g_match_info_fetch_pos(mi, 0, &start, NULL);
		n = (size_t)start;
	}
	g_match_info_free(mi);
	return n;
}

/* "Hälso- och sjukvårdsnämnden", "HÄLSO- OCH SJUKVÅRDSNÄMNDEN", "Finansutskottet":
 * a line that names a decision-making body and nothing else. */
static int is_organ(const char *s)
{
	static const char *const endings[] = {
		"nämnden", "styrelsen", "utskottet", "fullmäktige", "sektionen",
		"direktionen", "rådet", "beredningen", "kommittén", "delegationen",
		"fullmäktiges presidium", "kommunstyrelse", "regionstyrelse", "arbetsutskott",
		"utskott", "förbundsstyrelsen", "direktionen", NULL
	};
	size_t n = organ_length(s);
	if (n < 6 || n > 80 || memchr(s, ':', n) || memchr(s, ',', n))
		return 0;
	char *low = g_utf8_strdown(s, (gssize)n);
	int yes = 0;
	size_t ln = strlen(low);
	for (const char *const *e = endings; *e && !yes; e++) {
		size_t en = strlen(*e);
		yes = ln >= en && strcmp(low + ln - en, *e) == 0;
	}
	/* a few words at most: "Hälso- och sjukvårdsnämnden", not a sentence */
	int words = 1;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	g_free(low);
	return yes && words <= 5 && g_unichar_isupper(g_utf8_get_char(s));
}

/* "Förbundsstyrelsen, Räddningstjänstförbundet Mittland": a body, then the
 * organization it belongs to. */
static int is_organ_prefix(const char *s)
{
	char *o = g_strndup(s, (gsize)(strchr(s, ',') - s));
	char *org = find_organization(strchr(s, ',') + 1);
	int yes = org && is_organ(o);
	g_free(o);
	g_free(org);
	return yes;
}

/* The body's name in s, in sentence case when printed in capitals. */
static char *organ_name(const char *s)
{
	/* "Protokoll Regionstyrelsen" */
	for (size_t i = 0; sg_doc_types[i].word; i++) {
		size_t n = strlen(sg_doc_types[i].word);
		if (sg_starts_with_ci(s, sg_doc_types[i].word) && s[n] == ' ')
			s += n + 1;
	}
	char *name = g_strndup(s, organ_length(s));
	char *out = sentence_case(name);
	g_free(name);
	return out;
}

/* ALL CAPS in headers becomes "Hälso- och sjukvårdsnämnden". */
static char *sentence_case(const char *s)
{
	int lower = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		lower += g_unichar_islower(g_utf8_get_char(p));
	if (lower)
		return g_strdup(s);
	char *low = g_utf8_strdown(s, -1);
	gunichar first = g_unichar_toupper(g_utf8_get_char(low));
	char buf[8];
	int n = g_unichar_to_utf8(first, buf);
	char *out = g_strdup_printf("%.*s%s", n, buf, g_utf8_next_char(low));
	g_free(low);
	return out;
}

/* The first match of group 1 of the pattern in s (new string), or NULL.
 * The compiled pattern is kept in *re. */
static char *first_match(GRegex **re, const char *pattern, const char *s)
{
	if (!*re)
		*re = g_regex_new(pattern, G_REGEX_OPTIMIZE, 0, NULL);
	GMatchInfo *mi;
	char *found = NULL;
	if (g_regex_match(*re, s, 0, &mi))
		found = g_match_info_fetch(mi, 1);
	g_match_info_free(mi);
	return found;
}

/* "Region Västernorrland", "Sundsvalls kommun", "Nykarleby stad",
 * "Sveriges riksbank": the patterns of sg_organization_patterns. */
static char *find_organization(const char *s)
{
	static GRegex *re;
	if (!re) {
		char *alts = g_strjoinv("|", (char **)sg_organization_patterns);
		char *pattern = g_strdup_printf("(?i:\\b(%s)\\b)", alts);
		re = g_regex_new(pattern, G_REGEX_OPTIMIZE, 0, NULL);
		g_free(alts);
		g_free(pattern);
	}
	GMatchInfo *mi;
	char *found = NULL;
	if (g_regex_match(re, s, 0, &mi))
		found = g_match_info_fetch(mi, 1);
	g_match_info_free(mi);
	return found;
}

/* "25HSN3", "23RS11831", "NLL-00286-2024", "KS 2024/123". */
static char *find_dnr(const char *s)
{
	static GRegex *re;
	return first_match(&re, "\\b(\\d{2}[[:upper:]]{2,5}\\d{1,6}|[[:upper:]]{2,5}-\\d{2,6}-\\d{4}|"
			   "[[:upper:]]{2,4} ?\\d{4}/\\d{1,5}(:\\d+)?)\\b", s);
}

static void set(char **field, char *value)
{
	if (!*field)
		*field = value;
	else
		g_free(value);
}

/* How many edits (a letter left out, added or changed) turn a into b,
 * compared without case; at most limit + 1 is counted. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	glong na, nb;
	char *la = g_utf8_casefold(a, -1), *lb = g_utf8_casefold(b, -1);
	gunichar *ua = g_utf8_to_ucs4_fast(la, -1, &na), *ub = g_utf8_to_ucs4_fast(lb, -1, &nb);
	size_t *row = g_new(size_t, (gsize)nb + 1), dist;
	for (glong j = 0; j <= nb; j++)
		row[j] = (size_t)j;
	for (glong i = 1; i <= na; i++) {
		size_t diag = row[0], best = row[0] = (size_t)i;
		for (glong j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t v = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + (ua[i - 1] != ub[j - 1]));
			row[j] = v;
			diag = up;
			best = MIN(best, v);
		}
		if (best > limit)
			break;
	}
	dist = row[nb];
	g_free(row), g_free(ua), g_free(ub), g_free(la), g_free(lb);
	return dist;
}

/* A body read again on a page whose text layer is trusted more (by
 * ORGAN_TRUST_MARGIN) replaces the first reading when the two are close
 * spellings of one name: at most one edit in ORGAN_EDIT_SHARE letters. A
 * broken ToUnicode map on the cover gives "Rådet för funktinnshndrade"
 * where the table of contents prints "Rådet för funktionshindrade". */
static void set_organ(sg_meta *m, char *value)
{
	if (!m->organ) {
		m->organ = value;
		m->organ_trust = m->trust;
		return;
	}
	size_t len = MAX(g_utf8_strlen(m->organ, -1), g_utf8_strlen(value, -1));
	size_t limit = len / ORGAN_EDIT_SHARE;
	if (m->trust >= m->organ_trust + ORGAN_TRUST_MARGIN && g_utf8_collate(m->organ, value) != 0 &&
	    edit_distance(m->organ, value, limit) <= limit) {
		g_free(m->organ);
		m->organ = value;
		m->organ_trust = m->trust;
		return;
	}
	g_free(value);
}

static void doc_type(sg_meta *m, const char *s)
{
	if (m->doc_type)
		return;
	for (size_t i = 0; sg_doc_types[i].word; i++) {
		const char *w = sg_doc_types[i].word;
		size_t n = strlen(w);
		/* the type as the document's title: "PROTOKOLL", "Föredragningslista
		 * 16/2022", "Kallelse till sammanträde"; or "... protokoll" */
		int title = sg_starts_with_ci(s, w) && (s[n] == '\0' || s[n] == ' ' || s[n] == ',');
		char *low = g_utf8_strdown(s, -1);
		int inside = sg_doc_types[i].inside && strstr(low, w);
		g_free(low);
		if (title || inside || (sg_doc_types[i].inside && strstr(s, sg_doc_types[i].caps))) {
			m->doc_type = g_strdup(sg_doc_types[i].type);
			return;
		}
	}
}

void sg_meta_line(sg_meta *m, const sg_line *l, int furniture)
{
	const char *s = l->text;
	/* "Organ Personalsektionen", "Organ: Kommunstyrelsen" */
	if (g_str_has_prefix(s, "Organ ") || g_str_has_prefix(s, "Organ:")) {
		const char *v = s + 5;
		while (*v == ' ' || *v == ':')
			v++;
		/* the label says it is the body: "Rådet för funktionshindrade" */
		int words = 1;
		for (const char *c = v; *c; c++)
			words += *c == ' ';
		if (is_organ(v) || (*v && words <= 6 && !strchr(v, ':')))
			set_organ(m, organ_name(v));
	}
	doc_type(m, s);
	set(&m->organization, find_organization(s));
	if (is_organ(s)) {
		set_organ(m, organ_name(s));
	} else if (m->organ == NULL && strchr(s, ',') && is_organ_prefix(s)) {
		/* "Förbundsstyrelsen, Räddningstjänstförbundet Mittland" */
		char *o = g_strndup(s, (gsize)(strchr(s, ',') - s));
		set_organ(m, organ_name(o));
		g_free(o);
	} else if (m->organ == NULL) {
		/* a header in columns: "FJÄRDBY | Bildningsnämnden | PROTOKOLL 4/2024" */
		for (int i = 0; i < l->nspan && l->nspan > 1 && !m->organ; i++)
			if (is_organ(l->span[i].text))
				set_organ(m, organ_name(l->span[i].text));
	}
	if (furniture) {
		char iso[11], end[11];
		if (!m->date && sg_parse_date(s, iso, end)) {
			m->date = g_strdup(iso);
			m->end_date = end[0] ? g_strdup(end) : NULL;
		}
		set(&m->dnr, find_dnr(s));
		m->from_header = 1;
	}
}

/* The value of "Label: value" or "Label value" when the line starts with
 * one of the labels, or NULL. */
static const char *label_value(const char *s, const char *const *labels)
{
	for (const char *const *lb = labels; *lb; lb++) {
		size_t n = strlen(*lb);
		if (g_ascii_strncasecmp(s, *lb, n) == 0 && (s[n] == ':' || s[n] == ' ' || !s[n])) {
			const char *v = s + n;
			while (*v == ':' || *v == ' ')
				v++;
			return v;
		}
	}
	return NULL;
}

/* "Plats och tid: Kommunhuset, rum Eken, 2024-08-20 kl. 13.15–16.00" and
 * "Tid och plats: kl. 18.30–21.45, Folkets hus, Stora salen": the place
 * without the date and time before or after it. */
static char *place_only(char *place)
{
	static GRegex *lead, *trail;
	if (!lead) {
		/* a weekday, a date, "kl. 18.30–21.45", each with its comma */
		lead = g_regex_new("^(?:(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?(?: den)?|\\d{4}-\\d{2}-\\d{2}|"
				   "\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{1,2} [[:lower:]]+ \\d{4}|"
				   "(?:kl\\.?|klockan)?\\s*\\d{1,2}[.:]\\d{2}(?:\\s*[\u2013-]\\s*\\d{1,2}[.:]\\d{2})?)"
				   "(?![[:alnum:]])[,\\s]*)+",
				   G_REGEX_OPTIMIZE, 0, NULL);
		trail = g_regex_new(",?\\s*(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\d{1,2}\\.\\d{4}|kl\\.?\\s*\\d|klockan\\s*\\d).*$",
				    G_REGEX_OPTIMIZE, 0, NULL);
	}
	char *rest = g_regex_replace_literal(lead, place, -1, 0, "", 0, NULL);
	char *cut = g_regex_replace_literal(trail, rest, -1, 0, "", 0, NULL);
	g_free(place);
	g_free(rest);
	g_strstrip(cut);
	if (!*cut) {
		g_free(cut);
		return NULL;
	}
	return cut;
}

void sg_meta_preamble(sg_meta *m, sg_line *const *lines, size_t n, double pitch)
{
	static const char *const date_labels[] = { "Datum och tid", "Sammanträdesdatum", "Tid",
						   "Datum", "Sammanträde", NULL };
	static const char *const place_labels[] = { "Plats och tid", "Tid och plats", "Datum och plats",
						    "Datum, tid och plats", "Sammanträdesplats", "Plats", NULL };
	static const char *const dnr_labels[] = { "Dnr", "Diarienummer", NULL };
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i]->text, *v;
		char iso[11], end[11];
		if (!m->date && (v = label_value(s, date_labels)) && sg_parse_date(v, iso, end)) {
			m->date = g_strdup(iso);
			m->end_date = end[0] ? g_strdup(end) : NULL;
		}
		if (!m->place && (v = label_value(s, place_labels)) && *v) {
			/* the place may go on over the next lines, up to a gap:
			 * under the value, or back at the margin in lower case
			 * ("Plats: Sammanträdesrummet Furan" / "samt Teams") */
			GString *place = g_string_new(v);
			for (size_t j = i + 1; j < n; j++) {
				const sg_line *c = lines[j];
				if (sg_new_block(c, pitch) || strchr(c->text, ':') ||
				    (c->x0 < lines[i]->x0 + 10 && !g_unichar_islower(g_utf8_get_char(c->text))))
					break;
				g_string_append_printf(place, " %s", c->text);
			}
			m->place = place_only(g_string_free(place, FALSE));
		}
		if (!m->dnr && (v = label_value(s, dnr_labels)))
			set(&m->dnr, find_dnr(v));
	}
	/* no labelled date: the first date on the first page */
	for (size_t i = 0; i < n && !m->date; i++) {
		char iso[11], end[11];
		if (lines[i]->page == 1 && sg_parse_date(lines[i]->text, iso, end)) {
			m->date = g_strdup(iso);
			m->end_date = end[0] ? g_strdup(end) : NULL;
		}
	}
}

void sg_meta_later_line(sg_meta *m, const sg_line *l)
{
	if (m->organization)
		return;
	char *org = find_organization(l->text);
	if (!org)
		return;
	/* a line that is the name alone is a letterhead or a logo's text; a
	 * name in running text counts once the text names it twice (it may
	 * name another body once) */
	if (strlen(org) == strlen(l->text) || (m->org_candidate && strcmp(m->org_candidate, org) == 0 &&
					       ++m->org_count >= 2)) {
		m->organization = org;
		return;
	}
	if (!m->org_candidate) {
		m->org_candidate = org;
		m->org_count = 1;
		return;
	}
	g_free(org);
}

void sg_meta_decider(sg_meta *m, const char *decider)
{
	if (!m->organ && is_organ(decider))
		m->organ = g_strdup(decider);
}

void sg_meta_write(const sg_meta *m, pf_writer *w, const char *doc)
{
	pf_begin(w, PF_META);
	pf_put_str(w, doc);
	pf_put_str(w, m->organization);
	pf_put_str(w, m->organ);
	pf_put_str(w, m->doc_type);
	pf_put_str(w, m->date);
	pf_put_str(w, m->end_date);
	pf_put_str(w, m->place);
	pf_put_str(w, m->dnr);
	pf_end(w);
}

void sg_meta_clear(sg_meta *m)
{
	g_free(m->organization);
	g_free(m->organ);
	g_free(m->doc_type);
	g_free(m->date);
	g_free(m->end_date);
	g_free(m->place);
	g_free(m->dnr);
	g_free(m->org_candidate);
	memset(m, 0, sizeof *m);
}
