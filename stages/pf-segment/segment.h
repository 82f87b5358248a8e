/*
 * pf-segment internals.
 *
 *   main.c      the stream: documents, blocks (the preamble and each §
 *               paragraph), heading detection, writing records
 *   meta.c      document metadata: organization, organ, type, dates, place,
 *               dnr; Swedish and ISO dates
 *   attend.c    the presence blocks of the preamble
 *   heading.c   what a heading brings: its title and dnr, also from the
 *               lines just above it; the diarienummer's shape
 *   para.c      one paragraph: title, labels, sections, motions
 *   decide.c    what the meeting decided, in every form
 *   motions.c   who moved, who reserved, how votes went
 *   checks.c    completeness: the § numbers found against the protocol's
 *               own statement of them, gaps, duplicates, order, titles
 *   amounts.c   sums of money in running text
 *   vocab.c     the word lists all of them key on (vocab.h)
 *
 * A block is held whole (a paragraph is at most a few pages), analysed, and
 * written: its para record first, then its records as they came, then the
 * records found in it. Memory is bounded by the longest paragraph.
 */
#ifndef PF_SEGMENT_H
#define PF_SEGMENT_H

#include <stddef.h>

#include "stream.h"

#define SG_STAGE "pf-segment"

/* A line of the block, parsed. Furniture lines are kept apart (meta.c reads
 * them); the rest is the text of the block in reading order. */
typedef struct sg_span {
	double x0;
	char *text;          /* owned, whitespace collapsed */
} sg_span;

typedef struct sg_line {
	long page;
	double x0, y0, x1, y1, size;
	int bold;
	char *text;          /* owned, whitespace collapsed */
	sg_span *span;       /* at least one */
	int nspan;
	const char *first_span; /* span[0].text */
	double step;         /* how far below the previous text line (box middles) */
	int page_top;        /* the first text line of its page */
} sg_line;

/* One paragraph's findings, filled by para.c. title and dnr may come
 * filled from the lines above the heading (heading.c); para.c keeps them. */
typedef struct sg_para {
	long no;
	char letter;         /* "§ 3a": 'a', else 0 */
	char *title, *dnr, *case_owner, *officer, *decided_by;
	long page_start, page_end;
} sg_para;

struct sg_meta;

/* Anything found in a block is written through these, in order. */
typedef struct sg_out {
	pf_writer *w;
	const char *doc;
	const struct sg_meta *meta; /* what the document is, as far as known */
	long para_no;        /* 0 in the preamble */
	double right_margin; /* where the document's text column ends, 0 if unknown */
	long section_seq, decision_seq, amount_seq, motion_seq;
} sg_out;

/* A line that starts a new block: the first of its page, or further below
 * the line above it than 1.3 times the document's line pitch. */
int sg_new_block(const sg_line *l, double pitch);

/* ---- main.c helpers used by the others ---- */
char *sg_strdup_range(const char *s, size_t n);
int sg_starts_with_ci(const char *s, const char *prefix);
/* Collapses spaces and trims; returns s. */
char *sg_collapse(char *s);
/* The line pitch: the most common distance between the tops of two
 * consecutive lines of the document so far, so that "a gap" means the same
 * for single and double spacing. */
typedef struct sg_pitch {
	unsigned long count[200]; /* steps in half points, up to 100 pt */
} sg_pitch;
void sg_pitch_add(sg_pitch *p, const sg_line *prev, const sg_line *l);
double sg_pitch_get(const sg_pitch *p);

/* ---- heading.c ---- */
/* A § heading (lib/heading.h): "§ 29 Title", "§ 31", "§1.", "§ 3a.",
 * "KS § 12", "39 § Title". Returns 1 and sets *no and *rest (NULL when
 * nothing follows the number). */
int sg_parse_heading(const char *text, long *no, const char **rest);
/* The diarienummer a line is, labelled ("Dnr KS 2024/45", "Diarienummer:
 * 23RS13078") or bare ("NKBY/523/00.05.00/2022", "KS 2024/45", "25HSN701"),
 * newly allocated; NULL when the line is anything else. */
char *sg_dnr_value(const char *text);
/* The title of a heading line without a dnr printed beside it in a span
 * of its own ("§ 12 Title      Dnr KS 2024/45"); that dnr into *dnr. Both
 * newly allocated, NULL when absent. */
void sg_heading_split(const sg_line *l, char **title, char **dnr);
/* An OCR'd line that is a heading whose § tesseract misread ("KS 845
 * Title", "1138 = Title", "BUN 815a Title"), as the heading it is ("KS §
 * 45 Title", "113 § Title", "BUN § 15a Title"), when its number lies in
 * lo..hi or, with a letter, is `same` (the last heading's, -1 for none)
 * (and, need_organ, an organ's capitals come first); NULL otherwise.
 * Newly allocated. */
char *sg_ocr_heading(const char *text, long lo, long hi, long same, int need_organ);
/* The one number in lo..hi that is no with a digit lost in front ("§ 6"
 * for "§ 56"), or -1. */
long sg_ocr_lost_digit(long no, long lo, long hi);
/* A numbered agenda item's line, "1. Val av justerare", "12) Meddelanden":
 * a number of up to AGENDA_NO_DIGITS digits, "." or ")", then a title: a
 * capital first, at most AGENDA_TITLE_WORDS words, not ending in . , ; :
 * (a list item in running text is a sentence). Returns 1 and sets *no and
 * *title. Whether the line is an agenda item is main.c's to judge. */
#define AGENDA_NO_DIGITS 2
#define AGENDA_TITLE_WORDS 12
int sg_parse_agenda_item(const char *text, long *no, const char **title);

/* ---- para.c ---- */
/* Known section headings ("Beslut", "Ärendebeskrivning", ...), with or
 * without a trailing colon. */
int sg_is_section_heading(const char *text);
/* Analyses a paragraph whose heading is lines[0]; fills *p and writes its
 * section, decision and motion records through out. */
void sg_analyse_paragraph(sg_line *const *lines, size_t n, double pitch, sg_para *p,
			  sg_out *out);
void sg_para_clear(sg_para *p);
/* A label line: "Dnr ...", "Ärendeansvarig: ...", "Handläggare: ...". */
int sg_is_label(const char *s);
/* lines[i] heads a section: a known heading, or a short bold line above
 * plain text. */
int sg_is_heading_line(sg_line *const *lines, size_t i, size_t n);
/* A heading over decisions or proposed decisions ("Beslut", "Förslag till
 * beslut", "Regionstyrelsens beslut"). */
int sg_is_decision_heading(const char *heading);

/* ---- decide.c ---- */
/* Writes a decision record for everything the meeting decided in the
 * paragraph's lines from `body` (after the title) on. */
void sg_find_decisions(sg_line *const *lines, size_t n, size_t body, double pitch, sg_out *out);

/* ---- motions.c ---- */
/* Writes a motion record for every yrkande, reservation and vote in the
 * paragraph's lines from `body` on. */
void sg_find_motions(sg_line *const *lines, size_t n, size_t body, double pitch, sg_out *out);

/* ---- amounts.c ---- */
/* Writes an amount record for every sum of money in the lines. */
void sg_find_amounts(sg_line *const *lines, size_t n, sg_out *out);

/* ---- attend.c ---- */
typedef struct sg_attendee {
	char *name, *party, *role, *replaces, *note;
} sg_attendee;
typedef struct sg_attendance {
	sg_attendee *p;
	size_t n, cap;
} sg_attendance;
/* Adds the people of the presence blocks among the preamble's lines. */
void sg_find_attendees(sg_line *const *lines, size_t n, double pitch, sg_attendance *a);
/* The line under "Vid protokollet": staff named in it took the minutes. */
void sg_attendance_secretary(sg_attendance *a, const char *line);
void sg_attendance_write(sg_attendance *a, pf_writer *w, const char *doc);
void sg_attendance_clear(sg_attendance *a);

/* ---- checks.c ---- */
/* What the document says about its paragraphs and what was found, for the
 * completeness checks written at its end. */
typedef struct sg_checks sg_checks;
struct sg_checks {
	long pages, text_pages;   /* page records; pages with text lines */
	long page_lines;          /* text lines on the current page */
	long stated_from, stated_to; /* "Paragrafer 31–54", 0 when none */
	long stated_page;
	long *toc;                /* order keys of a table of contents' lines */
	size_t ntoc;
	struct sg_found {
		long no;
		char letter;
		long page;
		char *title;      /* NULL until the paragraph is analysed */
		int refused;      /* 1: printed again or out of order, kept as text */
		int reread;       /* 1: read from OCR's misreading of its § */
	} *found;
	size_t nfound;
};
/* A page record: a new page begins. */
void sg_checks_page(sg_checks *c);
/* Every text line, in order; in_para: after the first heading. */
void sg_checks_line(sg_checks *c, const sg_line *l, int in_para);
/* An accepted heading, and one the order refused. */
void sg_checks_heading(sg_checks *c, long no, char letter, long page);
void sg_checks_refused(sg_checks *c, long no, char letter, long page);
/* The heading accepted last was read from OCR's misreading of its §
 * (pf-segment's ocr_heading). */
void sg_checks_reread(sg_checks *c);
/* The analysed paragraph (its title). */
void sg_checks_para(sg_checks *c, const sg_para *p);
/* Writes the check records, and a warning for each that failed, naming
 * source (the PDF); doc_type "protokollsutdrag" skips the gap check,
 * "föredragningslista", "kallelse" and "verksamhetsplan" may have no §. */
void sg_checks_write(sg_checks *c, pf_writer *w, const char *doc, const char *source,
		     const char *doc_type);
void sg_checks_clear(sg_checks *c);

/* ---- meta.c ---- */
typedef struct sg_meta {
	char *organization, *organ, *doc_type, *date, *end_date, *place, *dnr;
	int from_header;     /* organ/dnr/date seen in furniture */
	double trust;        /* the text of the page being read: its text
			      * layer's trust (page record), 0 for OCR */
	double organ_trust;  /* the trust of the page organ was read on */
	char *org_candidate; /* an organization named in the text further in */
	int org_count;       /* how often */
} sg_meta;

/* Feeds a line of the document's first pages or a furniture line. */
void sg_meta_line(sg_meta *m, const sg_line *l, int furniture);
/* Feeds any later line: the organization where the first pages do not
 * name it (a letterhead on the back cover, running text). */
void sg_meta_later_line(sg_meta *m, const sg_line *l);
/* Feeds the preamble's lines once it is complete (Tid:, Plats:, ...). */
void sg_meta_preamble(sg_meta *m, sg_line *const *lines, size_t n, double pitch);
/* A "X beslutar" subject seen in a paragraph: a fallback for the organ. */
void sg_meta_decider(sg_meta *m, const char *decider);
void sg_meta_write(const sg_meta *m, pf_writer *w, const char *doc);
void sg_meta_clear(sg_meta *m);

/* "2025-03-20", "2025-03-20 – 21", "tisdagen den 12 mars 2024": the first
 * date in s as ISO into iso[11], and the end of a range into end[11] (empty
 * if none). Returns 1 if a date was found. */
int sg_parse_date(const char *s, char *iso, char *end);

#endif
