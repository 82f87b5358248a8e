/*
 * The § heading rule, shared by pf-normalize (a line this rule takes is
 * never page furniture) and pf-segment (which lines open a paragraph).
 */
#ifndef PF_HEADING_H
#define PF_HEADING_H

/* What a heading line says. */
typedef struct pf_heading {
	long no;            /* the § number, 1..99999 */
	char letter;        /* 'a'..'z' for "§ 3a" / "§ 3 b", else 0 */
	const char *rest;   /* the title after the number, NULL when none */
} pf_heading;

/*
 * Does text (whitespace collapsed) read as a § heading? The forms:
 *   "§ 12 Title", "§12", "§1. Title", "§ 3a. Title", "§ 3 b Title"
 *   "KS § 12 Title", "BUN § 3" (an organ's capitals before the sign)
 *   "12 § Title", "12§ Title" (Finland-Swedish: the number first)
 *   "5 § – Title", "§ 12 - Title" (a dash before the title, left out)
 * Not headings: a reference in running text ("§ 12 i kommunallagen", a
 * lower-case word after the number), a table of contents ("§ 13 Title
 * .... 1"), a margin reference to another meeting ("KU § 317 06-12-05": a
 * date after the number), "§§ 1–12". Returns 1 and fills *h, else 0.
 */
int pf_parse_heading(const char *text, pf_heading *h);

#endif
