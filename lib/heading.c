#include "heading.h"

#include <stdlib.h>
#include <string.h>

static const char sign[] = "\xc2\xa7"; /* § */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An upper-case letter at p: A-Z, or Latin-1's À..Þ (Å, Ä, Ö) in UTF-8.
 * Returns its length in bytes, else 0. */
static int upper_at(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] >= 'A' && u[0] <= 'Z')
		return 1;
	if (u[0] == 0xc3 && u[1] >= 0x80 && u[1] <= 0x9e && u[1] != 0x97)
		return 2;
	return 0;
}

/* "KS ", "BUN ", "KS-AU ": an organ's capitals (1-6 letters, one hyphen)
 * and a space just before the sign. Returns where the sign is, else NULL. */
static const char *after_organ(const char *p)
{
	int letters = 0, hyphens = 0, k;
	while (*p && *p != ' ') {
		if ((k = upper_at(p)) > 0) {
			letters++;
			p += k;
		} else if (*p == '-' && letters > 0 && hyphens == 0) {
			hyphens++;
			p++;
		} else {
			return NULL;
		}
	}
	if (letters < 1 || letters > 8 || p[-1] == '-' || *p != ' ' ||
	    strncmp(p + 1, sign, 2) != 0)
		return NULL;
	return p + 1;
}

/* A date or a time where a title would start: "06-12-05", "2024-01-15",
 * "15.3.2024", "13.00" - a margin reference to another meeting. */
static int date_like(const char *p)
{
	int groups = 0;
	while (is_digit(*p)) {
		while (is_digit(*p))
			p++;
		groups++;
		if ((*p == '-' || *p == '.' || *p == '/' || *p == ':') && is_digit(p[1]))
			p++;
		else
			break;
	}
	return groups >= 2;
}

/* A lower-case letter after the number: "3a", "3 a", "3b." */
static int letter_at(const char *p, char *letter)
{
	if (*p < 'a' || *p > 'z')
		return 0;
	char c = p[1];
	/* "§ 3 i kommunallagen": a word follows, not a title */
	if (c == ' ' && p[2] >= 'a' && p[2] <= 'z')
		return 0;
	if (c != ' ' && c != '.' && c != ')' && c != '\0')
		return 0;
	*letter = *p;
	return 1;
}

int pf_parse_heading(const char *text, pf_heading *h)
{
	const char *p = text, *q;
	char *end;
	h->no = 0;
	h->letter = 0;
	h->rest = NULL;
	if ((q = after_organ(p)))
		p = q;
	if (strncmp(p, sign, 2) == 0) {
		/* "§ 12", "§12", "§ 3a.", "§ 3 b" */
		p += 2;
		while (*p == ' ')
			p++;
		if (!is_digit(*p))
			return 0;
		h->no = strtol(p, &end, 10);
		p = end;
		if (letter_at(p, &h->letter))
			p++;
		else if (*p == ' ' && letter_at(p + 1, &h->letter))
			p += 2;
		if (*p == '.' || *p == ')')
			p++;
	} else if (is_digit(*p) && p == text) {
		/* Finland-Swedish "39 § Title", "14§ Title" */
		h->no = strtol(p, &end, 10);
		p = end;
		if (letter_at(p, &h->letter))
			p++;
		if (*p == ' ')
			p++;
		if (strncmp(p, sign, 2) != 0)
			return 0;
		p += 2;
		if (*p == '.')
			p++;
	} else {
		return 0;
	}
	if (*p && *p != ' ')
		return 0;
	while (*p == ' ')
		p++;
	/* "5 § – Title", "§ 12 - Title": a dash between number and title */
	if ((strncmp(p, "\u2013 ", 4) == 0 || strncmp(p, "- ", 2) == 0) && upper_at(p + (*p == '-' ? 2 : 4)))
		p += *p == '-' ? 2 : 4;
	/* a reference in running text: "§ 12 att ...", "§ 4 om uppföljning" */
	if (*p && !upper_at(p) && !is_digit(*p) && *p != '"' && strncmp(p, "\u201d", 3) != 0 &&
	    strncmp(p, "\u201c", 3) != 0)
		return 0;
	/* "KU § 317 06-12-05": a reference to another meeting's § */
	if (date_like(p))
		return 0;
	/* a table of contents: "§ 13 Title ........ 1" */
	if (strstr(p, "....") || strstr(p, "\u2026\u2026") || strstr(p, ". . . ."))
		return 0;
	h->rest = *p ? p : NULL;
	return h->no > 0 && h->no < 100000;
}
