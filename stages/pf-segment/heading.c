/*
 * What a § heading brings with it: its number (lib/heading.c), its title
 * and its diarienummer, wherever the layout puts it - after the title in a
 * span of its own, on a line of its own above the heading (Nykarleby's
 * right-aligned "NKBY/523/00.05.00/2022") or below it.
 *
 * A dnr is known by its shape, not by a producer's line breaks: a label
 * ("Dnr", "Diarienummer:") and any value, or a bare code of capitals and
 * digits joined by / . : - ("KS 2024/45", "25HSN701"). A bare code counts
 * only next to a heading (the callers see to that), so a case number in
 * running text stays text.
 */
#include <glib.h>
#include <string.h>

#include "heading.h"
#include "segment.h"

int sg_parse_heading(const char *text, long *no, const char **rest)
{
	pf_heading h;
	if (!pf_parse_heading(text, &h))
		return 0;
	*no = h.no;
	*rest = h.rest;
	return 1;
}

static const char *const dnr_labels[] = {
	"Diarienummer", "Diarienr", "Dnr", "Ärendenummer", "Ärendenr", "Vårt dnr", NULL
};

/* The value after a dnr label, or NULL when text has none. */
static const char *after_dnr_label(const char *text)
{
	for (const char *const *lb = dnr_labels; *lb; lb++) {
		size_t n = strlen(*lb);
		if (g_ascii_strncasecmp(text, *lb, n) != 0)
			continue;
		const char *v = text + n;
		if (*v == '.')
			v++;
		if (*v != ':' && *v != ' ')
			continue;
		while (*v == ':' || *v == ' ')
			v++;
		return v;
	}
	return NULL;
}

char *sg_dnr_value(const char *text)
{
	static GRegex *bare, *labelled;
	if (!bare) {
		/* "KS 2024/45", "KS-2024-00045", "NKBY/523/00.05.00/2022",
		 * "NLL-00286-2024", "25HSN701", "2024/123" */
		bare = g_regex_new("^(?:(?:\\p{Lu}{1,8}[ /-]?)?[0-9]{1,6}(?:[/.:-][0-9]{1,6})*[/:-][0-9]{1,6}"
				   "|\\p{Lu}{1,8}[ /-]?[0-9]{4}[.:/-][0-9]+"
				   "|[0-9]{2}\\p{Lu}{2,6}[0-9]{1,6})$",
				   G_REGEX_OPTIMIZE, 0, NULL);
		/* after a label: any one or two words with a digit */
		labelled = g_regex_new("^[[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*(?: [[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*)?$"
				       "|^\\p{Lu}{1,8} [[:alnum:]/.:-]*[0-9][[:alnum:]/.:-]*$",
				       G_REGEX_OPTIMIZE, 0, NULL);
	}
	const char *v = after_dnr_label(text);
	if (v) {
		if (!*v || !g_regex_match(labelled, v, 0, NULL))
			return NULL;
		return g_strdup(v);
	}
	/* a date is no dnr: "2024-01-15", "15.3.2024" have no capitals and no / */
	if (!g_regex_match(bare, text, 0, NULL))
		return NULL;
	int upper = 0, slash = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		upper += g_unichar_isupper(c);
		slash += c == '/';
	}
	/* without capitals: "2024/123", a year and a serial */
	if (!upper && (!slash || !g_regex_match_simple("(^|/)[0-9]{4}(/|$)", text, 0, 0)))
		return NULL;
	return g_strdup(text);
}

void sg_heading_split(const sg_line *l, char **title, char **dnr)
{
	pf_heading h;
	*title = *dnr = NULL;
	if (!pf_parse_heading(l->text, &h) || !h.rest)
		return;
	size_t n = strlen(h.rest);
	/* a dnr in a span of its own at the end of the line */
	if (l->nspan > 1) {
		const char *last = l->span[l->nspan - 1].text;
		size_t ln = strlen(last);
		char *v = sg_dnr_value(last);
		if (v && ln < n && strcmp(h.rest + n - ln, last) == 0) {
			*dnr = v;
			n -= ln;
		} else {
			g_free(v);
		}
	}
	while (n > 0 && h.rest[n - 1] == ' ')
		n--;
	if (n > 0)
		*title = g_strndup(h.rest, n);
}
