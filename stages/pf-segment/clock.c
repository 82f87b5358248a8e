/*
 * The meeting's start and end time in a label's value ("Tid: 2024-05-14
 * kl. 09.00–16.00", "MÖTESTID: 13:00", "Sammanträdestid 30.1.2023 kl.
 * 16:15 – 18:35"). meta.c hands over only the values of the header block's
 * labels and the line the meeting's date was read from, never running text:
 * "mötet ajournerades kl. 14.20" in a § is not the meeting's time.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "segment.h"
#include "vocab.h"

#define HOUR_MAX 23
#define MINUTE_MAX 59

/* A clock time as printed: "13.15", "13:15", "13" (after "kl." only). */
typedef struct sg_clock {
	int h, m;
	int minutes;     /* the minutes are printed */
	int colon;       /* "13:15": a time by its form alone */
	const char *end; /* just after it */
} sg_clock;

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The dates of s put out of the way (each becomes " | "), so that their
 * digits are never read as a time: "2025-03-20 – 21", "28.3.2023",
 * "12 mars 2024". A new string. */
static char *without_dates(const char *s)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new("\\d{4}-\\d{1,2}-\\d{1,2}(?:\\s*[-\u2013\u2014]\\s*\\d{1,2}(?![\\d.:]))?|"
				 "\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}(?![\\d])|"
				 "\\d{1,2}\\.? (?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[[:alpha:]]*\\.? \\d{4}",
				 G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
	return g_regex_replace_literal(re, s, -1, 0, " | ", 0, NULL);
}

/* A clock time at p (a digit that no digit, '.', ':' or ',' comes
 * before): 1 with *t filled, or 0 when p holds something else ("2024",
 * "2,5", "1.5", "13.000", "25.00"). */
static int read_clock(const char *p, sg_clock *t)
{
	int n = 0, h = 0;
	while (digit(p[n]) && n < 3)
		h = h * 10 + (p[n++] - '0');
	if (n > 2 || h > HOUR_MAX)
		return 0;
	*t = (sg_clock){ .h = h, .end = p + n };
	const char *q = p + n;
	if ((*q == '.' || *q == ':') && digit(q[1]) && digit(q[2])) {
		int m = (q[1] - '0') * 10 + (q[2] - '0');
		/* "13.000" is a number, "1.05.2023" a date */
		if (m > MINUTE_MAX || digit(q[3]) || (q[3] == '.' && digit(q[4])))
			return 0;
		t->m = m;
		t->minutes = 1;
		t->colon = *q == ':';
		t->end = q + 3;
	} else if ((*q == '.' || *q == ',' || *q == ':') && digit(q[1])) {
		return 0;
	}
	return 1;
}

/* Just after "kl", "kl." or "klockan" (any case) and the spaces after it
 * when s starts with one at a word's start (bol: the string's start), else
 * NULL. */
static const char *after_marker(const char *bol, const char *s)
{
	static const char *const markers[] = { "klockan", "kl.", "kl", NULL };
	if (s > bol && g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(s))))
		return NULL;
	for (const char *const *mk = markers; *mk; mk++) {
		size_t n = strlen(*mk);
		if (g_ascii_strncasecmp(s, *mk, n) == 0 && !g_ascii_isalpha(s[n])) {
			s += n;
			while (*s == ' ')
				s++;
			return s;
		}
	}
	return NULL;
}

/* The end of a range after a time: "–16.00", " - kl. 16", " till 16.00",
 * "–ca 16.00". 1 with *t, or 0. */
static int range_end(const char *p, sg_clock *t)
{
	static const char *const dashes[] = { "\u2013", "\u2014", "-", "till ", NULL };
	static const char *const before[] = { "ca ", "ca. ", "cirka ", NULL };
	while (*p == ' ')
		p++;
	const char *q = NULL;
	for (const char *const *d = dashes; *d && !q; d++)
		if (strncmp(p, *d, strlen(*d)) == 0)
			q = p + strlen(*d);
	if (!q)
		return 0;
	while (*q == ' ')
		q++;
	for (const char *const *b = before; *b; b++)
		if (strncmp(q, *b, strlen(*b)) == 0)
			q += strlen(*b);
	const char *k = after_marker(q, q);
	if (k)
		q = k;
	return digit(*q) && read_clock(q, t);
}

/* Does s, up to end, name another event than the meeting? */
static int other_event(const char *s, const char *end)
{
	char *low = g_utf8_casefold(s, end - s);
	int yes = 0;
	for (const char *const *w = sg_time_other_events; *w && !yes; w++)
		yes = strstr(low, *w) != NULL;
	g_free(low);
	return yes;
}

/* The next time expression in s from p on that says it is a time: after
 * "kl.", with a colon, a range of two times with minutes, or (bare) any
 * time with minutes. 1 with *t1 (and *t2, *has_end), and *at where it
 * begins; 0 when there is none. */
static int next_time(const char *s, const char *p, int bare, sg_clock *t1, sg_clock *t2,
		     int *has_end, const char **at)
{
	while (*p) {
		const char *q = after_marker(s, p);
		int marker = q && digit(*q);
		if (!marker) {
			q = p;
			if (!digit(*p) || (p > s && (digit(p[-1]) || strchr(".:,", p[-1])))) {
				p++;
				continue;
			}
		}
		if (!read_clock(q, t1)) {
			for (p = q; digit(*p); p++)
				;
			continue;
		}
		*has_end = range_end(t1->end, t2) && (t2->minutes || marker);
		int ok = (t1->minutes || marker) &&
			 (marker || t1->colon || (*has_end && t1->minutes) || bare);
		if (ok) {
			*at = p;
			return 1;
		}
		p = t1->end;
	}
	return 0;
}

int sg_parse_time(const char *s, int bare, char start[6], char end[6])
{
	start[0] = end[0] = '\0';
	char *b = without_dates(s);
	sg_clock t1, t2;
	int has_end;
	const char *at;
	int found = next_time(b, b, bare, &t1, &t2, &has_end, &at) && !other_event(b, at);
	if (found) {
		snprintf(start, 6, "%02d:%02d", t1.h, t1.m);
		if (has_end)
			snprintf(end, 6, "%02d:%02d", t2.h, t2.m);
		/* a second time after it ("13.00–14.00 och 14.30–16.00"): when
		 * the meeting ended is not sure */
		sg_clock u1, u2;
		int more_end;
		const char *p = has_end ? t2.end : t1.end;
		if (next_time(b, p, bare, &u1, &u2, &more_end, &at))
			end[0] = '\0';
	}
	g_free(b);
	return found;
}
