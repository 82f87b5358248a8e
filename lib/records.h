/*
 * Record types of the paragraf stream and the index of each field, so that
 * no stage counts TAB-separated fields by hand. docs/stream.md describes
 * each type with an example. Field 0 is always the type, field 1 the doc id.
 */
#ifndef PF_RECORDS_H
#define PF_RECORDS_H

#include "stream.h"

#define PF_FIELD_TYPE 0
#define PF_FIELD_DOC 1

/* doc: a document begins (pf-pdftext) */
#define PF_DOC "doc"
enum { PF_DOC_SOURCE = 2, PF_DOC_SHA256, PF_DOC_PAGES, PF_DOC_PRODUCER,
       PF_DOC_TITLE, PF_DOC_NFIELD };

/* page: one page of the document (pf-pdftext) */
#define PF_PAGE "page"
enum { PF_PAGE_NO = 2, PF_PAGE_WIDTH, PF_PAGE_HEIGHT, PF_PAGE_ROTATION,
       PF_PAGE_CHARS, PF_PAGE_LAYER, PF_PAGE_NFIELD };
/* fields a newer pf-pdftext adds; streams written before them lack them */
enum { PF_PAGE_TRUST = PF_PAGE_NFIELD, PF_PAGE_TEXT_SOURCE, PF_PAGE_OCR_IMAGE };

/* line: one text line with its geometry, then its spans as triples
 * (x0, x1, text) from PF_LINE_SPANS on (pf-pdftext) */
#define PF_LINE "line"
enum { PF_LINE_PAGE = 2, PF_LINE_NO, PF_LINE_X0, PF_LINE_Y0, PF_LINE_X1,
       PF_LINE_Y1, PF_LINE_SIZE, PF_LINE_BOLD, PF_LINE_ITALIC, PF_LINE_TEXT,
       PF_LINE_SPANS };
#define PF_LINE_NFIELD PF_LINE_SPANS
#define PF_SPAN_FIELDS 3 /* x0, x1, text */

/* end: a document ends (pf-pdftext) */
#define PF_END "end"
enum { PF_END_PAGES = 2, PF_END_LINES, PF_END_TEXT_LAYER, PF_END_NFIELD };
/* fields a newer pf-pdftext adds; streams written before them lack them */
enum { PF_END_TRUST = PF_END_NFIELD, PF_END_OCR_PAGES };

/* furniture: a line that is a running header, footer, page number or
 * signature row (pf-normalize); the same fields as line */
#define PF_FURNITURE "furniture"

/* trace: one repair pf-normalize made (--trace) */
#define PF_TRACE "trace"
enum { PF_TRACE_PAGE = 2, PF_TRACE_LINE, PF_TRACE_KIND, PF_TRACE_BEFORE,
       PF_TRACE_AFTER, PF_TRACE_NFIELD };

/* meta: what the document is (pf-segment, before its end record) */
#define PF_META "meta"
enum { PF_META_ORGANIZATION = 2, PF_META_ORGAN, PF_META_DOC_TYPE,
       PF_META_DATE, PF_META_END_DATE, PF_META_PLACE, PF_META_DNR,
       PF_META_NFIELD };
/* fields a newer pf-segment adds, at the end so that streams written
 * before them stay readable (they lack them): the meeting's start and end
 * times, "HH:MM" */
enum { PF_META_TIME = PF_META_NFIELD, PF_META_END_TIME, PF_META_NFIELD_ALL };

/* attendee: one person present (pf-segment) */
#define PF_ATTENDEE "attendee"
enum { PF_ATTENDEE_SEQ = 2, PF_ATTENDEE_NAME, PF_ATTENDEE_PARTY,
       PF_ATTENDEE_ROLE, PF_ATTENDEE_REPLACES, PF_ATTENDEE_NOTE,
       PF_ATTENDEE_NFIELD };

/* para: a § paragraph, written before its lines (pf-segment); letter is
 * "a" for "§ 3a", "" for none */
#define PF_PARA "para"
enum { PF_PARA_NO = 2, PF_PARA_TITLE, PF_PARA_DNR, PF_PARA_CASE_OWNER,
       PF_PARA_OFFICER, PF_PARA_DECIDED_BY, PF_PARA_PAGE_START,
       PF_PARA_PAGE_END, PF_PARA_LETTER, PF_PARA_NFIELD };

/* section: a headed part of a paragraph and its text (pf-segment) */
#define PF_SECTION "section"
enum { PF_SECTION_PARA = 2, PF_SECTION_SEQ, PF_SECTION_HEADING,
       PF_SECTION_TEXT, PF_SECTION_NFIELD };

/* decision: one att-sats (pf-segment) */
#define PF_DECISION "decision"
enum { PF_DECISION_PARA = 2, PF_DECISION_SEQ, PF_DECISION_TEXT,
       PF_DECISION_NFIELD };

/* amount: a sum of money in the text, in units of its currency (pf-segment) */
#define PF_AMOUNT "amount"
enum { PF_AMOUNT_PARA = 2, PF_AMOUNT_SEQ, PF_AMOUNT_VALUE, PF_AMOUNT_CURRENCY, PF_AMOUNT_RAW,
       PF_AMOUNT_UNIT, PF_AMOUNT_RECIPIENT, PF_AMOUNT_PAGE, PF_AMOUNT_NFIELD };

/* motion: who moved (yrkande), reserved (reservation), or how a vote
 * (omröstning) went: yes, no, abstain counts, null for the others (pf-segment) */
#define PF_MOTION "motion"
enum { PF_MOTION_PARA = 2, PF_MOTION_SEQ, PF_MOTION_KIND, PF_MOTION_NAME,
       PF_MOTION_PARTY, PF_MOTION_TEXT, PF_MOTION_YES, PF_MOTION_NO, PF_MOTION_ABSTAIN,
       PF_MOTION_NFIELD };

/* table, cell, allocation, check: what pf-tables finds */
#define PF_TABLE "table"
enum { PF_TABLE_NO = 2, PF_TABLE_PARA, PF_TABLE_SECTION, PF_TABLE_CAPTION,
       PF_TABLE_KIND, PF_TABLE_PAGE_START, PF_TABLE_PAGE_END, PF_TABLE_ROWS,
       PF_TABLE_COLS, PF_TABLE_NFIELD };
#define PF_CELL "cell"
enum { PF_CELL_TABLE = 2, PF_CELL_ROW, PF_CELL_COL, PF_CELL_TEXT, PF_CELL_PAGE,
       PF_CELL_X0, PF_CELL_Y0, PF_CELL_X1, PF_CELL_Y1, PF_CELL_NFIELD };
#define PF_ALLOCATION "allocation"
enum { PF_ALLOCATION_PARA = 2, PF_ALLOCATION_TABLE, PF_ALLOCATION_ROW,
       PF_ALLOCATION_RECIPIENT, PF_ALLOCATION_SEK, PF_ALLOCATION_COMMENT,
       PF_ALLOCATION_IS_TOTAL, PF_ALLOCATION_NFIELD };
/* check: a table's sums (pf-tables) or the document's § paragraphs
 * (pf-segment); detail says what failed */
#define PF_CHECK "check"
enum { PF_CHECK_PARA = 2, PF_CHECK_TABLE, PF_CHECK_NAME, PF_CHECK_EXPECTED,
       PF_CHECK_ACTUAL, PF_CHECK_OK, PF_CHECK_DETAIL, PF_CHECK_NFIELD };

/* error: something went wrong with a document (any stage) */
#define PF_ERROR "error"
enum { PF_ERROR_SOURCE = 2, PF_ERROR_STAGE, PF_ERROR_SEVERITY,
       PF_ERROR_MESSAGE, PF_ERROR_NFIELD };

/* The fixed fields of a line (or furniture) record, read once for the
 * stages that parse lines; an absent or unreadable field reads as 0, and so
 * does a coordinate or size that is not a finite number within
 * PF_COORD_MAX points. */
#define PF_COORD_MAX 1e6
typedef struct pf_line_fields {
	long page, no;
	double x0, y0, x1, y1, size;
	int bold, italic;
	const char *text;   /* "" when null */
	size_t nspan;       /* (x0, x1, text) triples after the text */
} pf_line_fields;
void pf_line_fields_read(const pf_record *rec, pf_line_fields *f);
/* Span i < f->nspan: its text ("" when null); x0 and x1 are the line's
 * where the span's are absent (or beyond PF_COORD_MAX). */
const char *pf_line_span(const pf_record *rec, const pf_line_fields *f, size_t i,
			 double *x0, double *x1);

/* The fewest fields a record of a known type may have; 0 for a type this
 * version does not know (those pass through unchecked). */
int pf_record_min_fields(const char *type);

#endif
