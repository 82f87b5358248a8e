/*
 * One § paragraph: its title (also when it wraps, or stands on the line
 * under "§ 31"), the labels under it (Diarienummer, Ärendeansvarig,
 * Handläggare), who decides and its sections; its decisions are decide.c's,
 * who moved, reserved and voted motions.c's.
 *
 * Geometry decides what words cannot: a new block starts where the gap to
 * the line above is wider than the paragraph's own line pitch allows, so
 * single- and double-spaced protocols read alike, and a prose line that
 * happens to begin with "att" is not a decision.
 */
#include <ctype.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

static const char *const section_headings[] = {
	"Beslut", "Förslag till beslut", "Ärendebeskrivning", "Ärendet", "Bakgrund",
	"Förvaltningens bedömning", "Ekonomisk fördelning", "Beslutsunderlag",
	"Beredning", "Yrkanden", "Yrkande", "Propositionsordning", "Proposition",
	"Reservationer", "Reservation", "Delges", "Sammanfattning",
	"Protokollsutdrag skickas till", "Beslutet skickas till", "Expedieras till",
	"Skickas till", "Jäv", "Särskilt yttrande", "Protokollsanteckning",
	"Ekonomiska konsekvenser", "Juridisk bedömning", "Konsekvensanalys",
	"Motivering", "Omedelbar justering", "Underlag", "Handlingar", "Information",
	"Förslag", "Föredragande", "Beslutsförslag",
	NULL
};

/* The known heading s names, without a trailing colon, case-insensitively;
 * also "<Organ>s beslut" ("Regionstyrelsens beslut"). */
static const char *known_heading(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	for (const char *const *h = section_headings; *h; h++)
		if (strlen(*h) == n && g_ascii_strncasecmp(*h, s, n) == 0)
			return *h;
	if (n > 8 && n < 60 && strncmp(s + n - 8, "s beslut", 8) == 0)
		return "beslut";
	return NULL;
}

int sg_is_section_heading(const char *text)
{
	return known_heading(text) != NULL;
}

int sg_is_decision_heading(const char *heading)
{
	return heading && (g_ascii_strncasecmp(heading, "Beslut", 6) == 0 ||
			   g_str_has_prefix(heading, "Förslag till beslut") ||
			   g_str_has_suffix(heading, "s beslut") ||
			   g_str_has_suffix(heading, "s beslut:"));
}

/* Where a bullet marker ("- ", "• ", "– ") ends, or s itself. */
static const char *after_bullet(const char *s)
{
	static const char *const marks[] = { "- ", "\u2022 ", "\u2013 ", "* ", NULL };
	for (const char *const *m = marks; *m; m++)
		if (g_str_has_prefix(s, *m))
			return s + strlen(*m);
	return s;
}

/* "att ...", also as a bullet: "- att vidare utreda ..." */
static int starts_att(const char *s)
{
	s = after_bullet(s);
	return (strncmp(s, "att ", 4) == 0 || strncmp(s, "Att ", 4) == 0);
}

static const char *const label_dnr[] = { "Diarienummer", "Dnr", "Diarienr", "Ärendenummer", NULL };
static const char *const label_owner[] = { "Ärendeansvarig", "Ärendansvarig", "Ansvarig", NULL };
static const char *const label_officer[] = { "Handläggare", "Handläggande tjänsteperson", NULL };

/* The value after one of the labels ("Dnr: X", "Dnr X", "Diarienummer: X"),
 * "" for a label with no value, NULL if the line is not that label. */
static const char *label(const char *s, const char *const *names)
{
	for (const char *const *lb = names; *lb; lb++) {
		size_t n = strlen(*lb);
		if (strncmp(s, *lb, n) != 0)
			continue;
		const char *v = s + n;
		if (*v != ':' && *v != ' ' && *v)
			continue;
		while (*v == ':' || *v == ' ')
			v++;
		return v;
	}
	return NULL;
}

static int is_label(const char *s)
{
	return label(s, label_dnr) || label(s, label_owner) || label(s, label_officer);
}

int sg_is_label(const char *s)
{
	return is_label(s);
}

/* A line that is a diarienummer and nothing else (heading.c). */
static int is_dnr_line(const sg_line *l)
{
	char *v = sg_dnr_value(l->text);
	g_free(v);
	return v != NULL;
}

/* "Anna Berg, Per Ek och Eva Ny" -> "Anna Berg; Per Ek; Eva Ny" */
static char *names_list(const char *v)
{
	char *s = g_strdup(v);
	GString *out = g_string_new(NULL);
	static GRegex *sep; /* compiled once: per call it cost more than the split */
	if (!sep)
		sep = g_regex_new("\\s*(?:,|\\bsamt\\b|\\boch\\b)\\s*", G_REGEX_OPTIMIZE, 0, NULL);
	char **parts = g_regex_split(sep, s, 0);
	for (char **p = parts; *p; p++) {
		g_strstrip(*p);
		if (!**p)
			continue;
		if (out->len)
			g_string_append(out, "; ");
		g_string_append(out, *p);
	}
	g_strfreev(parts);
	g_free(s);
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* Capitalises the first letter: "finansutskottet" -> "Finansutskottet". */
static char *capitalised(const char *s, size_t n)
{
	char *t = g_strndup(s, n);
	g_strstrip(t);
	if (!*t) {
		g_free(t);
		return NULL;
	}
	gunichar c = g_unichar_toupper(g_utf8_get_char(t));
	char buf[8];
	int k = g_unichar_to_utf8(c, buf);
	char *out = g_strdup_printf("%.*s%s", k, buf, g_utf8_next_char(t));
	g_free(t);
	return out;
}

/* "Finansutskottet beslutar", "Finansutskottet föreslår att ...",
 * "... beslutar Hälso- och sjukvårdsnämnden", "Regionstyrelsens beslut". */
static char *decider(const char *s)
{
	const char *p;
	if ((p = strstr(s, " föreslår")) && sg_body_name(s, (size_t)(p - s)))
		return capitalised(s, (size_t)(p - s));
	if ((p = strstr(s, " beslutar")) && sg_body_name(s, (size_t)(p - s)))
		return capitalised(s, (size_t)(p - s));
	if ((p = strstr(s, "beslutar ")) && sg_body_name(p + 9, strlen(p + 9)))
		return capitalised(p + 9, strlen(p + 9));
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ':')
		n--;
	if (n > 8 && strncmp(s + n - 8, "s beslut", 8) == 0 && sg_body_name(s, n - 8))
		return capitalised(s, n - 8);
	return NULL;
}

/* Does the line end a block of its own (a gap below it, judged from the
 * next line) or start one? */
static int starts_block(sg_line *const *lines, size_t i, double pitch)
{
	const sg_line *l = lines[i];
	return i == 0 || l->page != lines[i - 1]->page || sg_new_block(l, pitch);
}

static int is_bullet(const char *s)
{
	return g_str_has_prefix(s, "\u2022") || g_str_has_prefix(s, "- ") ||
	       g_str_has_prefix(s, "\u2013 ") || g_str_has_prefix(s, "o ");
}

/* A line that heads a section: a known heading, or a short bold line
 * that is not a sentence (a heading not in any list). */
static int is_heading_line(sg_line *const *lines, size_t i, size_t n, int title_bold)
{
	const sg_line *l = lines[i];
	if (known_heading(l->text))
		return 1;
	if (!l->bold || title_bold == 2)
		return 0;
	size_t len = strlen(l->text);
	int words = 1;
	for (size_t k = 0; k < len; k++)
		words += l->text[k] == ' ';
	if (words > 8 || len == 0 || l->text[len - 1] == '.' || l->text[len - 1] == ',' ||
	    starts_att(l->text) || is_label(l->text))
		return 0;
	/* followed by text that is not bold */
	return i + 1 < n && !lines[i + 1]->bold;
}

int sg_is_heading_line(sg_line *const *lines, size_t i, size_t n)
{
	return is_heading_line(lines, i, n, 0);
}

static void write_section(sg_out *out, const char *heading, GString *text)
{
	if (!heading)
		return;
	char *t = g_strdup(text->str);
	g_strstrip(t);
	pf_writer *w = out->w;
	pf_begin(w, PF_SECTION);
	pf_put_str(w, out->doc);
	pf_put_long(w, out->para_no);
	pf_put_long(w, ++out->section_seq);
	pf_put_str(w, heading);
	pf_put_str(w, t);
	pf_end(w);
	g_free(t);
}

/* Width of the first word of l, estimated from its share of the characters
 * (a line record has no per-word boxes). */
static double first_word_width(const sg_line *l)
{
	long all = g_utf8_strlen(l->text, -1);
	const char *sp = strchr(l->text, ' ');
	long first = sp ? g_utf8_strlen(l->text, sp - l->text) : all;
	return all > 0 ? (l->x1 - l->x0) * (double)first / (double)all : 0;
}

/* How many lines after the heading continue the title. */
static size_t title_lines(sg_line *const *lines, size_t n, const char *title, double pitch)
{
	const sg_line *h = lines[0];
	int alone = title == NULL;
	/* where the title's words start: the span after the number, or, in a
	 * heading of one span, estimated from the share of its characters */
	double title_x = h->x0;
	if (h->nspan > 1)
		title_x = h->span[1].x0;
	else if (title && *h->text)
		title_x = h->x0 + (h->x1 - h->x0) * (double)g_utf8_strlen(h->text, title - h->text) /
					   (double)g_utf8_strlen(h->text, -1);
	double right = 0;
	for (size_t i = 0; i < n; i++)
		if (lines[i]->x1 > right)
			right = lines[i]->x1;
	size_t k = 1;
	/* "§ 31" alone: the title is the next line */
	long no;
	const char *rest;
	if (alone && k < n && !is_label(lines[k]->text) && !known_heading(lines[k]->text) &&
	    !starts_att(lines[k]->text) && !sg_parse_heading(lines[k]->text, &no, &rest) &&
	    !is_dnr_line(lines[k]))
		k++;
	for (; k < n; k++) {
		const sg_line *prev = lines[k - 1], *l = lines[k];
		/* titles are set larger than the text: judge the step by their
		 * own size as well as by the document's pitch */
		double size = fmax(prev->size, l->size);
		if (l->page != prev->page || (sg_new_block(l, pitch) && l->step > 1.5 * size))
			break;
		/* a bold title may go on with "att beakta ..."; a plain line
		 * starting with "att" is a decision */
		if (is_label(l->text) || known_heading(l->text) ||
		    (starts_att(l->text) && !(h->bold && l->bold)) ||
		    g_str_has_suffix(l->text, ":") || sg_parse_heading(l->text, &no, &rest) ||
		    (is_dnr_line(l) && prev->x1 < 0.8 * right))
			break;
		/* bold headings go on in bold; plain ones (OCR) only after a
		 * line that was full (the next line's first word would not have
		 * fitted on it), and under the title's first words */
		int under = fabs(l->x0 - h->x0) < size || fabs(l->x0 - title_x) < 1.5 * size;
		int full = prev->x1 >= 0.8 * right ||
			   prev->x1 + 0.25 * size + first_word_width(l) > right;
		if (h->bold ? !l->bold : !full || !under)
			break;
	}
	return k;
}

/* A cell's text without the rule OCR reads at a ruled table's left edge
 * ("[Dnr", "|BUN 2024/19"). */
static const char *cell_text(const char *t)
{
	while (*t == '[' || *t == '|')
		t++;
	return t;
}

/* A dnr in a small table under the title: a head row with a span "Dnr"
 * (or "Diarienummer") over a row whose span in that column is a dnr
 * ("Dnr | Handläggare" over "BUN 2024/31 | Mats Wiklund"). */
static char *dnr_column(sg_line *const *lines, size_t n, size_t from)
{
	for (size_t i = from; i + 1 < n && i < from + 3; i++) {
		const sg_line *head = lines[i], *row = lines[i + 1];
		/* the table may break over the page: its row tops the next */
		if (head->nspan < 2 || (row->page != head->page && !row->page_top))
			continue;
		for (int k = 0; k < head->nspan; k++) {
			const char *t = cell_text(head->span[k].text);
			if (g_ascii_strcasecmp(t, "Dnr") != 0 && g_ascii_strcasecmp(t, "Dnr:") != 0 &&
			    g_ascii_strcasecmp(t, "Diarienummer") != 0 && g_ascii_strcasecmp(t, "Diarienummer:") != 0)
				continue;
			for (int j = 0; j < row->nspan; j++)
				if (fabs(row->span[j].x0 - head->span[k].x0) < row->size)
					return sg_dnr_value(cell_text(row->span[j].text));
		}
	}
	return NULL;
}

/* The title and dnr of the heading lines[0] (either may have come from
 * above it, heading.c) and how many lines they take: the title on the
 * heading's line or on the lines under it, a dnr on the line under the
 * heading or under the title. Returns the index of the first body line. */
static size_t heading_lines(sg_line *const *lines, size_t n, double pitch, sg_para *p)
{
	long no;
	const char *rest = NULL;
	char *title = NULL, *dnr = NULL;
	sg_parse_heading(lines[0]->text, &no, &rest);
	sg_heading_split(lines[0], &title, &dnr);
	if (!p->dnr)
		p->dnr = dnr, dnr = NULL;
	/* "§ 12" / "Dnr KS 2024/45" / "Title": the dnr between */
	size_t skip = 0;
	if (!title && n > 2 && !p->dnr && lines[1]->page == lines[0]->page && is_dnr_line(lines[1])) {
		p->dnr = sg_dnr_value(lines[1]->text);
		skip = 1;
	}
	size_t body = 1 + skip;
	if (!p->title) {
		sg_line **view = g_new(sg_line *, n);
		view[0] = lines[0];
		for (size_t i = 1 + skip; i < n; i++)
			view[i - skip] = lines[i];
		body = title_lines(view, n - skip, title ? rest : NULL, pitch) + skip;
		g_free(view);
		GString *t = g_string_new(title ? title : "");
		for (size_t i = 1 + skip; i < body; i++)
			g_string_append_printf(t, "%s%s", t->len ? " " : "", lines[i]->text);
		p->title = t->len ? sg_collapse(g_string_free(t, FALSE)) : (g_string_free(t, TRUE), NULL);
	}
	/* "§ 12 Title" / "KS 2024/45": a bare dnr under the title, unless the
	 * title reached across the text and wraps onto it ("..., DS 2021:31") */
	double right = 0;
	for (size_t i = 0; i < n; i++)
		right = fmax(right, lines[i]->x1);
	if (body < n && lines[body]->page == lines[0]->page && is_dnr_line(lines[body]) &&
	    lines[body - 1]->x1 < 0.8 * right && !label(lines[body]->text, label_dnr)) {
		if (!p->dnr)
			p->dnr = sg_dnr_value(lines[body]->text);
		body++;
	}
	if (!p->dnr)
		p->dnr = dnr_column(lines, n, body);
	g_free(title);
	g_free(dnr);
	return body;
}

void sg_analyse_paragraph(sg_line *const *lines, size_t n, double pitch, sg_para *p,
			  sg_out *out)
{
	if (n == 0)
		return;
	size_t body = heading_lines(lines, n, pitch, p);
	p->page_start = lines[0]->page;
	p->page_end = lines[n - 1]->page;

	const char *heading = NULL;
	GString *section = g_string_new(NULL);
	for (size_t i = body; i < n; i++) {
		const sg_line *l = lines[i];
		const char *v;
		if (!p->dnr && label(l->text, label_dnr))
			p->dnr = sg_dnr_value(l->text);
		if (!p->case_owner && (v = label(l->text, label_owner)))
			p->case_owner = *v ? g_strdup(v) : NULL;
		if (!p->officer && (v = label(l->text, label_officer)))
			p->officer = names_list(v);
		if (is_label(l->text))
			continue;
		if (!p->decided_by)
			p->decided_by = decider(l->text);

		int block = starts_block(lines, i, pitch);
		if (is_heading_line(lines, i, n, 0)) {
			write_section(out, heading, section);
			g_string_truncate(section, 0);
			heading = l->text; /* as printed: "Beslut:" */
			continue;
		}
		/* section text: lines joined, blocks and bullets on lines of their own */
		if (section->len)
			g_string_append(section, block || is_bullet(l->text) ? "\n" : " ");
		g_string_append(section, l->text);
	}
	write_section(out, heading, section);
	g_string_free(section, TRUE);
	/* an agenda's proposals are not decisions (fixtures/TRUTH.md) */
	if (!out->meta || !sg_is_agenda_type(out->meta->doc_type))
		sg_find_decisions(lines, n, body, pitch, out);
	sg_find_motions(lines, n, body, pitch, out);
}

void sg_para_clear(sg_para *p)
{
	g_free(p->title);
	g_free(p->dnr);
	g_free(p->case_owner);
	g_free(p->officer);
	g_free(p->decided_by);
}
