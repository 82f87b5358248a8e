/*
 * Record types of the paragraf stream and the index of each field, so that
 * no stage counts TAB-separated fields by hand. docs/stream.md describes
 * each type with an example. Field 0 is always the type, field 1 the doc id.
 */
#ifndef PF_RECORDS_H
#define PF_RECORDS_H

#define PF_FIELD_TYPE 0
#define PF_FIELD_DOC 1

/* doc: a document begins (pf-pdftext) */
#define PF_DOC "doc"
enum { PF_DOC_SOURCE = 2, PF_DOC_SHA256, PF_DOC_PAGES, PF_DOC_PRODUCER,
       PF_DOC_TITLE, PF_DOC_NFIELD };

/* page: one page of the document (pf-pdftext) */
#define PF_PAGE "page"
enum { PF_PAGE_NO = 2, PF_PAGE_WIDTH, PF_PAGE_HEIGHT, PF_PAGE_ROTATION,
       PF_PAGE_CHARS, PF_PAGE_NFIELD };

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

/* para: a § paragraph heading (pf-segment) */
#define PF_PARA "para"
enum { PF_PARA_NO = 2, PF_PARA_TITLE, PF_PARA_PAGE, PF_PARA_NFIELD };

/* error: something went wrong with a document (any stage) */
#define PF_ERROR "error"
enum { PF_ERROR_SOURCE = 2, PF_ERROR_STAGE, PF_ERROR_SEVERITY,
       PF_ERROR_MESSAGE, PF_ERROR_NFIELD };

/* The fewest fields a record of a known type may have; 0 for a type this
 * version does not know (those pass through unchecked). */
int pf_record_min_fields(const char *type);

#endif
