/*
 * Character repairs inside one span, and the two OCR repairs that look at
 * tokens: digits read as letters, and the paragraph sign read as "$".
 *
 * The canonical set (docs/pf-normalize.md): every space character becomes
 * U+0020; hyphens and the minus sign become "-" (U+002D); figure, en, em
 * dashes and the horizontal bar become "–" (U+2013); every typographic
 * double quote becomes ” (U+201D, the Swedish quote), and typographic
 * single ones ’ (U+2019); on OCR'd pages also the ASCII " (a born-digital
 * page printed it), and a span of years gets its en dash;
 * bullets become • (U+2022); ligatures become their letters; control and
 * zero-width characters are dropped; the text is in NFC.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

/* What one code point becomes: `to` (NULL: dropped) and the kind of repair. */
static int map_char(gunichar c, const char **to)
{
	switch (c) {
	case 0xFB00: *to = "ff"; return NZ_LIGATURE;
	case 0xFB01: *to = "fi"; return NZ_LIGATURE;
	case 0xFB02: *to = "fl"; return NZ_LIGATURE;
	case 0xFB03: *to = "ffi"; return NZ_LIGATURE;
	case 0xFB04: *to = "ffl"; return NZ_LIGATURE;
	case 0xFB05: case 0xFB06: *to = "st"; return NZ_LIGATURE;
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
		*to = " "; return NZ_SPACE;
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
		*to = NULL; return NZ_CONTROL;
	case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
		*to = "-"; return NZ_DASH;
	case 0x2012: case 0x2014: case 0x2015: case 0xFE58:
		*to = "\u2013"; return NZ_DASH;
	/* Swedish uses ” for opening and closing (an ASCII " only on OCR'd
	 * pages: nz_repair_ocr_punct) */
	case 0x201C: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
	case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
		*to = "\u201D"; return NZ_QUOTE;
	case 0x2018: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
		*to = "\u2019"; return NZ_QUOTE;
	/* Word's Symbol and Wingdings bullets arrive in the private use area */
	case 0xF0B7: case 0xF0A7: case 0xF076: case 0xF0D8: case 0xF0FC:
	case 0x25CF: case 0x25AA: case 0x25A0: case 0x2023: case 0x2043: case 0x2219:
		*to = "\u2022"; return NZ_BULLET;
	}
	if (c >= 0x2000 && c <= 0x200A) {
		*to = " ";
		return NZ_SPACE;
	}
	if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*to = " ";
		return NZ_WHITESPACE;
	}
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
		*to = NULL;
		return NZ_CONTROL;
	}
	return -1;
}

static int year_at(const char *p)
{
	return (p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0') ?
		       g_ascii_isdigit(p[2]) && g_ascii_isdigit(p[3]) : 0;
}

/* A span of years: "2022-2024" -> "2022–2024" (a date "2024-03-06" has
 * no year after its first hyphen). */
static char *year_ranges(char *text, unsigned long counts[NZ_NREPAIR])
{
	size_t n = strlen(text), copied = 0;
	GString *r = NULL;
	for (size_t i = 4; i + 5 <= n; i++) {
		if (text[i] != '-' || !year_at(text + i - 4) || !year_at(text + i + 1))
			continue;
		/* whole numbers only: not "12022-2024", "2022-20245", "2022-2024-01" */
		if ((i >= 5 && g_ascii_isalnum(text[i - 5])) ||
		    (i + 5 < n && (g_ascii_isalnum(text[i + 5]) || text[i + 5] == '-')))
			continue;
		if (!r)
			r = g_string_sized_new(n + 8);
		g_string_append_len(r, text + copied, (gssize)(i - copied));
		g_string_append(r, "\u2013");
		copied = i + 1;
		counts[NZ_DASH]++;
	}
	if (!r)
		return text;
	g_string_append(r, text + copied);
	g_free(text);
	return g_string_free(r, FALSE);
}

/* Text made only of these code points is already in NFC, so the costly
 * g_utf8_normalize() is skipped for it: below U+0300 (Latin, Latin-1 with
 * å ä ö é, ...) and the general punctuation U+2002..U+20CF (dashes,
 * quotes, bullets, €) every character is a starter that is NFC on its own
 * and is never the second of a composition (NFC_Quick_Check=Yes). */
static int nfc_stable(gunichar c)
{
	return c < 0x300 || (c >= 0x2002 && c < 0x20D0);
}

/* Soft hyphens inside a word are dropped; one at the very end is kept for
 * joins.c, which knows whether the word goes on in the next line. */
char *nz_repair_chars(char *text, unsigned long counts[NZ_NREPAIR])
{
	int has_high = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || *p < 0x20 || *p == 0x7F || *p == '"')
			has_high = 1;
	if (has_high) {
		GString *out = g_string_sized_new(strlen(text));
		int nfc_maybe = 0; /* a code point NFC could change is kept */
		for (const char *p = text; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			const char *to;
			int kind = map_char(c, &to);
			if (c == 0x00AD && p[2] != '\0') {
				counts[NZ_SOFT_HYPHEN]++;
				continue;
			}
			if (kind < 0) {
				g_string_append_unichar(out, c);
				nfc_maybe |= !nfc_stable(c);
				continue;
			}
			counts[kind]++;
			if (to)
				g_string_append(out, to);
		}
		/* NFC last: the mappings above never produce combining marks */
		char *nfc = nfc_maybe ? g_utf8_normalize(out->str, (gssize)out->len, G_NORMALIZE_NFC) : NULL;
		if (nfc && strcmp(nfc, out->str) != 0) {
			counts[NZ_NFC]++;
			g_free(text);
			g_string_free(out, TRUE);
			text = nfc;
		} else {
			g_free(nfc);
			g_free(text);
			text = g_string_free(out, FALSE);
		}
	}
	/* runs of spaces become one, ends trimmed */
	size_t n = strlen(text), o = 0;
	int pending = 0;
	for (size_t i = 0; i < n; i++) {
		if (text[i] == ' ') {
			pending = o > 0;
			continue;
		}
		if (pending)
			text[o++] = ' ';
		pending = 0;
		text[o++] = text[i];
	}
	if (o != n) {
		counts[NZ_WHITESPACE]++;
		text[o] = '\0';
	}
	return text;
}

/* ASCII quotes become ”, the Swedish quote. */
static char *ascii_quotes(char *text, unsigned long counts[NZ_NREPAIR])
{
	if (!strchr(text, '"'))
		return text;
	GString *r = g_string_sized_new(strlen(text) + 8);
	for (const char *p = text; *p; p++) {
		if (*p == '"') {
			g_string_append(r, "\u201D");
			counts[NZ_QUOTE]++;
		} else {
			g_string_append_c(r, *p);
		}
	}
	g_free(text);
	return g_string_free(r, FALSE);
}

/* On an OCR'd page tesseract writes "-" for the en dash of a span of
 * years ("2022–2024") and " for the Swedish ”: they become what Swedish
 * prints. Only there: on a born-digital page the text layer says which
 * was printed, and a printed hyphen ("2022-2023" in a Nykarleby agenda)
 * or straight quote ("Miljoner soppåsar" in a Nykarleby heading) stays. */
char *nz_repair_ocr_punct(char *text, unsigned long counts[NZ_NREPAIR])
{
	return ascii_quotes(year_ranges(text, counts), counts);
}

/* Letters OCR engines read for digits, and the digit each stands for. */
static char digit_for(char c)
{
	switch (c) {
	case 'O': case 'o': return '0';
	case 'l': case 'I': return '1';
	case 'S': return '5';
	}
	return 0;
}

/* A token of digits with a few letters that must be digits: at least one
 * real digit, every other character a confusable letter, and not only
 * letters. Surrounding punctuation ("(", ".", ",", ";", ":", ")") is kept.
 * Also the year of a diarienummer ("2SHSN169" -> "25HSN169"): two digits,
 * two to five capitals, digits. */
int nz_repair_ocr_digits(char **text)
{
	char *s = *text;
	int repairs = 0;
	for (char *tok = s; *tok;) {
		char *end = tok;
		while (*end && *end != ' ')
			end++;
		char *a = tok, *b = end;
		while (a < b && strchr("(", *a))
			a++;
		while (b > a && strchr(".,;:)", b[-1]))
			b--;
		int digits = 0, letters = 0, other = 0;
		for (char *p = a; p < b; p++) {
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (digit_for(*p))
				letters++;
			else
				other++;
		}
		if (digits > 0 && letters > 0 && other == 0 && b - a >= 2) {
			for (char *p = a; p < b; p++)
				if (digit_for(*p))
					*p = digit_for(*p);
			repairs += letters;
		} else if (b - a >= 5 && g_ascii_isdigit(a[0]) && digit_for(a[1]) &&
			   g_ascii_isupper(a[2]) && g_ascii_isupper(a[3])) {
			/* a diarienummer's year: "2SHSN169" is 25HSN169 */
			const char *q = a + 2;
			while (q < b && g_ascii_isupper(*q))
				q++;
			int tail = q < b;
			for (const char *r = q; r < b; r++)
				tail &= g_ascii_isdigit(*r);
			if (tail && q - (a + 2) <= 5) {
				a[1] = digit_for(a[1]);
				repairs++;
			}
		}
		tok = *end ? end + 1 : end;
	}
	return repairs;
}

/* Characters OCR reads "§" as, alone or two together ("8&", "£"). */
static int sign_lookalike(gunichar c)
{
	return c == '$' || c == 'S' || c == '8' || c == '&' || c == '5' || c == 0x00A3 /* £ */ ||
	       c == 0x20AC /* € */ || c == '%';
}

/* "$ 29 Title", "S 29 Title", "8 29 Title", "& 29 Title", "&29 Title",
 * "£ 207 Title", "8& 211 Title": what OCR makes of "§ 29 Title". Only when
 * the number is followed by a capitalised title word (on the line or in the
 * next span) or by nothing, so that "S 3 st" or a table row starting with
 * "8 29 kr" stays. "829 Title", the sign read as an 8 glued to the number,
 * is taken only when 29 follows the last paragraph number closely (*last,
 * kept by the caller per document) or the line is set larger than the text
 * (`heading_sized`). A stray mark between number and title ("840 =
 * Återrapportering") goes. Every line that is, or becomes, a paragraph
 * heading updates *last. */
int nz_repair_paragraph_sign(nz_line *l, long *last, int heading_sized)
{
	if (l->nspan == 0)
		return 0;
	char *t = l->span[0].text;
	char *end;
	if (strncmp(t, "\u00a7", 2) == 0) {
		long no = strtol(t + 2 + (t[2] == ' '), &end, 10);
		if (end != t + 2 + (t[2] == ' '))
			*last = no;
		return 0;
	}
	/* one or two look-alikes, then an optional space, then the number */
	const char *p = t;
	int nsign = 0;
	gunichar first = g_utf8_get_char(p);
	while (nsign < 2 && *p && sign_lookalike(g_utf8_get_char(p))) {
		p = g_utf8_next_char(p);
		nsign++;
	}
	if (nsign == 0)
		return 0;
	int space = *p == ' ';
	if (space)
		p++;
	const char *num = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == num || p - num > 4)
		return 0;
	long no = strtol(num, NULL, 10);
	/* a digit or "S" glued to the number may be the number's own: the
	 * paragraph sequence or a heading-sized line must vouch for it */
	int vouched = (*last > 0 && no > *last && no <= *last + 3) || heading_sized;
	if (!space && nsign == 1 && (first == 'S' || first == '5' || first == '8') && !vouched)
		return 0;
	if (nsign == 2 && !(vouched || l->nspan > 1))
		return 0;
	int nlen = (int)(p - num);
	if (*p == '.')
		p++;
	/* a stray mark OCR read between number and title: "=", "=:", "|" */
	if (p[0] == ' ' && p[1] && strchr("=-|:.;~_", p[1])) {
		const char *q = p + 1;
		while (q - p <= 2 && *q && strchr("=-|:.;~_", *q))
			q++;
		if (*q == ' ')
			p = q;
	}
	const char *title = *p == ' ' ? p + 1 : *p == '\0' && l->nspan > 1 ? l->span[1].text : NULL;
	/* OCR may add a quote mark before the title */
	if (title && (strncmp(title, "\u201d", 3) == 0 || *title == '"'))
		title += *title == '"' ? 1 : 3;
	if (title) {
		gunichar c = g_utf8_get_char(title);
		const char *second = g_utf8_next_char(title);
		if (!g_unichar_isupper(c) || !g_unichar_isalpha(g_utf8_get_char(second)))
			return 0;
	} else if (*p != '\0') {
		return 0;
	}
	/* "§ N", then what follows the number (and the mark) */
	char *fixed = g_strdup_printf("\u00a7 %.*s%s", nlen, num, p);
	g_free(t);
	l->span[0].text = fixed;
	*last = no;
	return 1;
}
