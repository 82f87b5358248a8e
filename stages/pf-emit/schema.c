#include "schema.h"

#include <string.h>

#include "msg.h"
#include "records.h"

#define COLS(a) a, sizeof a / sizeof a[0]

/* Column descriptions for docs/schema.md, by column name. */
static const struct { const char *table, *column, *about; } column_docs[] = {
	{ NULL, "doc_id", "first 16 hex digits of the SHA-256 of the PDF's bytes" },
	{ "documents", "source", "the path (or archive member) the PDF was read from" },
	{ "documents", "sha256", "SHA-256 of the PDF's bytes, 64 hex digits" },
	{ "documents", "pages", "page count" },
	{ "documents", "producer", "the PDF's Producer" },
	{ "documents", "text_layer", "born_digital, ocr, mixed or none" },
	{ "documents", "organization", "the public body: \"Region Västernorrland\", \"Sundsvalls kommun\"" },
	{ "documents", "organ", "the meeting body: \"Hälso- och sjukvårdsnämnden\"" },
	{ "documents", "doc_type", "protokoll, protokollsutdrag, föredragningslista, kallelse or verksamhetsplan; null when the document does not say" },
	{ "documents", "meeting_date", "first day of the meeting" },
	{ "documents", "meeting_end_date", "last day of a meeting over several days, else null" },
	{ "documents", "place", "where the meeting was held" },
	{ "documents", "dnr", "the protocol's own diarienummer" },
	{ "documents", "quality", "can its rows be trusted: ok (every check held, no warning), warnings (a row in errors of severity warning), failed_checks (a check in checks failed: § paragraphs missing, sums that disagree), failed (an error row)" },
	{ "documents", "failed_checks", "rows of checks with ok false" },
	{ "documents", "warnings", "rows of errors of severity warning (a failed completeness check is also one)" },
	{ "documents", "text_trust", "how far the worst page's text layer can be trusted, in per cent (0-100; pf-pdftext's trust, docs/pf-pdftext.md); below 80 its text may be wrong, and with OCR on that page was read by OCR; null: no page has a text layer" },
	{ "documents", "ocr_pages", "pages pf-pdftext read by its own OCR (tesseract), not from the PDF's text layer" },
	{ "attendees", "seq", "order in the presence list, from 1" },
	{ "attendees", "name", "as printed" },
	{ "attendees", "party", "S, M, C, V, KD, SD, L, MP, SJVP, ... or null" },
	{ "attendees", "role", "ordförande, 1:e vice ordförande, 2:e vice ordförande, vice ordförande, ledamot, tjänstgörande ersättare, ersättare, tjänsteperson, sekreterare, justerare" },
	{ "attendees", "replaces", "whom a tjänstgörande ersättare replaces (name without party)" },
	{ "attendees", "note", "what else the list says: \"ej 21/3\", \"deltar via Teams\", a title" },
	{ NULL, "para_no", "the § number (the digits of \"§ 3a\", \"KS § 12\", \"39 §\")" },
	{ NULL, "para_letter", "the letter of a lettered paragraph, \"a\" for \"§ 3a\" / \"§ 3 a\", \"\" for none: ORDER BY para_no, para_letter gives 3, 3a, 3b, 4" },
	{ "tables", "para_letter", "as paragraphs.para_letter; null with para_no" },
	{ "allocations", "para_letter", "as paragraphs.para_letter; null with para_no" },
	{ "checks", "para_letter", "as paragraphs.para_letter; null with para_no" },
	{ "paragraphs", "title", "the paragraph's title, also when it wraps" },
	{ "paragraphs", "dnr", "Diarienummer / Dnr of the matter" },
	{ "paragraphs", "case_owner", "Ärendeansvarig" },
	{ "paragraphs", "officer", "Handläggare; several joined with \"; \"" },
	{ "paragraphs", "decided_by", "the body that decides or proposes: \"Finansutskottet\"" },
	{ "paragraphs", "page_start", "page of the heading" },
	{ "paragraphs", "page_end", "last page of the paragraph" },
	{ NULL, "seq", "order within the paragraph, from 1" },
	{ "sections", "heading", "as printed: \"Beslut:\", \"Ärendebeskrivning\"" },
	{ "sections", "text", "the section's text; paragraphs and bullets on lines of their own" },
	{ "decisions", "text", "one att-sats, from \"att\" to its end, \"; samt\" kept" },
	{ "amounts", "amount", "in units of its currency, scaled (tkr, mnkr, miljoner, miljarder); cents only where printed: 6425.10" },
	{ "amounts", "currency", "ISO 4217 as the text says it: SEK (kr, kronor, tkr, mnkr, mdkr), EUR (euro, €), USD (dollar); never assumed" },
	{ "amounts", "raw", "the text as printed: \"knappt 74 648 tkr\", \"ca 7 miljoner euro\"" },
	{ "amounts", "unit", "the unit as printed: kr, kronor, tkr, mnkr, miljoner kronor, euro, € ..." },
	{ "amounts", "recipient", "who gets it, where the text names one (before the sum, after it, or as its sentence's subject or object)" },
	{ "amounts", "page", "page of the sum" },
	{ "motions", "kind", "yrkande, reservation or omröstning (a vote)" },
	{ "motions", "name", "the member, as printed; null for a vote" },
	{ "motions", "party", "the member's party" },
	{ "motions", "text", "the sentence that says so" },
	{ "motions", "votes_yes", "a vote: ja-röster, where the text counts them" },
	{ "motions", "votes_no", "a vote: nej-röster" },
	{ "motions", "votes_abstain", "a vote: those who abstained (avstod, avstår, blanka)" },
	{ "tables", "table_no", "number of the table in the document, from 1" },
	{ "tables", "para_no", "the paragraph the table is in, null before the first" },
	{ "tables", "section", "the numbered section of a plan it is in, if any" },
	{ "tables", "caption", "\"Tabell 1. ...\" or the title line above it" },
	{ "tables", "kind", "allocation, indicator, list or other" },
	{ "tables", "page_start", "first page" },
	{ "tables", "page_end", "last page (a table broken over pages is one table)" },
	{ "tables", "n_rows", "rows, header included" },
	{ "tables", "n_cols", "columns" },
	{ NULL, "table_no", "the table, as in tables.table_no" },
	{ "table_cells", "row", "0 is the first row, the header where there is one" },
	{ "table_cells", "col", "from 0" },
	{ "table_cells", "text", "the cell's text, wrapped lines joined" },
	{ "table_cells", "page", "page of the cell" },
	{ "table_cells", "x0", "cell box in PDF points, origin top left (text, two decimals)" },
	{ "allocations", "row_no", "the data row, as table_cells.row" },
	{ "allocations", "recipient", "who gets the money" },
	{ "allocations", "amount_sek", "whole kronor (the header's unit applied: kr, tkr, mnkr)" },
	{ "allocations", "comment", "the comment column" },
	{ "allocations", "is_total", "true for a Totalt / Summa row" },
	{ "checks", "seq", "order of the document's checks, from 1" },
	{ "checks", "para_no", "the paragraph checked; null: the document (paragraph checks) or a table outside any §" },
	{ "checks", "table_no", "the table checked; null for the paragraph checks" },
	{ "checks", "check_name", "(the stream's `check` field; not `check`, a reserved word in SQL) sums: sum_equals_total, decision_matches_table; paragraphs (docs/pf-segment.md): paragraphs_found, paragraphs_stated, paragraphs_toc, paragraphs_in_sequence, paragraphs_unique, paragraphs_in_order, paragraph_titles, paragraphs_ocr_read; decisions (docs/pf-segment.md): decision_handling (this meeting's handling of the § found by its place alone)" },
	{ "checks", "expected", "sums: what the total row or the decision says, kronor; paragraphs: how many there should be (null: no number is stated); decision_handling: 1, a handling headed with this § or date" },
	{ "checks", "actual", "sums: what the rows add up to, kronor; paragraphs: how many were found; decision_handling: 0" },
	{ "checks", "ok", "false: a mismatch, reported (also as a warning in errors), never fixed" },
	{ "checks", "detail", "what failed, in words: \"missing §§ 14–15\"" },
	{ "errors", "source", "the input the problem is about" },
	{ "errors", "stage", "the stage that found it: pf-pdftext, pf-normalize, ..." },
	{ "errors", "severity", "error (the document or part of the stream is lost), warning, or skipped (paragraf run: a file of the inputs left out, not a document)" },
	{ "errors", "message", "one line" },
	{ NULL, NULL, NULL }
};

/* The value a key column takes in the rows a warehouse already holds when a
 * loader adds the column (its DEFAULT in the DDL): a key column added to the
 * contract needs one here, or the loaders refuse such a warehouse, naming
 * the column. Other columns are added nullable and stay null there. */
static const struct { const char *column, *sql; } key_defaults[] = {
	{ "para_letter", "''" },   /* the paragraphs read before: none lettered */
	{ NULL, NULL }
};

static const char *key_default(const char *column)
{
	for (size_t i = 0; key_defaults[i].column; i++)
		if (strcmp(key_defaults[i].column, column) == 0)
			return key_defaults[i].sql;
	return NULL;
}

static const char *column_about(const char *table, const char *column)
{
	for (size_t i = 0; column_docs[i].column; i++)
		if (strcmp(column_docs[i].column, column) == 0 &&
		    (!column_docs[i].table || strcmp(column_docs[i].table, table) == 0))
			return column_docs[i].about;
	return "";
}

static const em_column documents[] = {
	{ "doc_id", EM_ID, 1 },        { "source", EM_TEXT, 0 },
	{ "sha256", EM_TEXT, 0 },      { "pages", EM_INT, 0 },
	{ "producer", EM_TEXT, 0 },    { "text_layer", EM_TEXT, 0 },
	{ "organization", EM_TEXT, 0 }, { "organ", EM_TEXT, 0 },
	{ "doc_type", EM_TEXT, 0 },    { "meeting_date", EM_DATE, 0 },
	{ "meeting_end_date", EM_DATE, 0 }, { "place", EM_TEXT, 0 },
	{ "dnr", EM_TEXT, 0 },         { "quality", EM_TEXT, 0 },
	{ "failed_checks", EM_INT, 0 }, { "warnings", EM_INT, 0 },
	{ "text_trust", EM_INT, 0 },   { "ocr_pages", EM_INT, 0 },
};
static const em_column attendees[] = {
	{ "doc_id", EM_ID, 1 }, { "seq", EM_INT, 1 }, { "name", EM_TEXT, 0 },
	{ "party", EM_TEXT, 0 }, { "role", EM_TEXT, 0 }, { "replaces", EM_TEXT, 0 },
	{ "note", EM_TEXT, 0 },
};
static const em_column paragraphs[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "title", EM_TEXT, 0 },
	{ "dnr", EM_TEXT, 0 }, { "case_owner", EM_TEXT, 0 }, { "officer", EM_TEXT, 0 },
	{ "decided_by", EM_TEXT, 0 }, { "page_start", EM_INT, 0 }, { "page_end", EM_INT, 0 },
	{ "para_letter", EM_TEXT, 1 },
};
static const em_column sections[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "heading", EM_TEXT, 0 }, { "text", EM_BLOCK, 0 },
	{ "para_letter", EM_TEXT, 1 },
};
static const em_column decisions[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "text", EM_TEXT, 0 },
	{ "para_letter", EM_TEXT, 1 },
};
static const em_column amounts[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "amount", EM_DECIMAL, 0 }, { "currency", EM_TEXT, 0 }, { "raw", EM_TEXT, 0 },
	{ "unit", EM_TEXT, 0 }, { "recipient", EM_TEXT, 0 }, { "page", EM_INT, 0 },
	{ "para_letter", EM_TEXT, 1 },
};
static const em_column motions[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "kind", EM_TEXT, 0 }, { "name", EM_TEXT, 0 }, { "party", EM_TEXT, 0 },
	{ "text", EM_TEXT, 0 }, { "votes_yes", EM_INT, 0 }, { "votes_no", EM_INT, 0 },
	{ "votes_abstain", EM_INT, 0 },
	{ "para_letter", EM_TEXT, 1 },
};
static const em_column tables[] = {
	{ "doc_id", EM_ID, 1 }, { "table_no", EM_INT, 1 }, { "para_no", EM_INT, 0 },
	{ "section", EM_TEXT, 0 }, { "caption", EM_TEXT, 0 }, { "kind", EM_TEXT, 0 },
	{ "page_start", EM_INT, 0 }, { "page_end", EM_INT, 0 }, { "n_rows", EM_INT, 0 },
	{ "n_cols", EM_INT, 0 },
	{ "para_letter", EM_TEXT, 0 },
};
static const em_column table_cells[] = {
	{ "doc_id", EM_ID, 1 }, { "table_no", EM_INT, 1 }, { "row", EM_INT, 1 },
	{ "col", EM_INT, 1 }, { "text", EM_TEXT, 0 }, { "page", EM_INT, 0 },
	{ "x0", EM_TEXT, 0 }, { "y0", EM_TEXT, 0 }, { "x1", EM_TEXT, 0 }, { "y1", EM_TEXT, 0 },
};
static const em_column allocations[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 0 }, { "table_no", EM_INT, 1 },
	{ "row_no", EM_INT, 1 }, { "recipient", EM_TEXT, 0 }, { "amount_sek", EM_BIGINT, 0 },
	{ "comment", EM_TEXT, 0 }, { "is_total", EM_BOOL, 0 },
	{ "para_letter", EM_TEXT, 0 },
};
static const em_column checks[] = {
	{ "doc_id", EM_ID, 1 }, { "seq", EM_INT, 1 }, { "para_no", EM_INT, 0 },
	{ "table_no", EM_INT, 0 }, { "check_name", EM_TEXT, 0 },
	{ "expected", EM_BIGINT, 0 }, { "actual", EM_BIGINT, 0 }, { "ok", EM_BOOL, 0 },
	{ "detail", EM_TEXT, 0 },
	{ "para_letter", EM_TEXT, 0 },
};
static const em_column errors[] = {
	{ "doc_id", EM_ID, 0 }, { "source", EM_TEXT, 0 }, { "stage", EM_TEXT, 0 },
	{ "severity", EM_TEXT, 0 }, { "message", EM_TEXT, 0 },
};

/*
 * The record field each column is filled from (pf-emit's fill_row), and
 * the check that the columns take them in the record's order, so that a
 * table reads like its record in docs/stream.md: a field moved, added or
 * removed in lib/records.h without the same change here fails the build.
 *
 * EM_IN_ORDER(a, b, c, ...): each field right after the one before it; the
 * last is the record's NFIELD, so that every field has its column.
 */
#define EM_NEXT_(a, b) ((b) == (a) + 1)
#define EM_ORD2_(a, b) EM_NEXT_(a, b)
#define EM_ORD3_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD2_(b, __VA_ARGS__))
#define EM_ORD4_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD3_(b, __VA_ARGS__))
#define EM_ORD5_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD4_(b, __VA_ARGS__))
#define EM_ORD6_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD5_(b, __VA_ARGS__))
#define EM_ORD7_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD6_(b, __VA_ARGS__))
#define EM_ORD8_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD7_(b, __VA_ARGS__))
#define EM_ORD9_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD8_(b, __VA_ARGS__))
#define EM_ORD10_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD9_(b, __VA_ARGS__))
#define EM_ORD11_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD10_(b, __VA_ARGS__))
#define EM_ORD12_(a, b, ...) (EM_NEXT_(a, b) && EM_ORD11_(b, __VA_ARGS__))
#define EM_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) n
#define EM_CAT_(a, b) a##b
#define EM_CAT(a, b) EM_CAT_(a, b)
#define EM_IN_ORDER(...) \
	EM_CAT(EM_ORD, EM_CAT(EM_NARGS_(__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), _))(__VA_ARGS__)
/* the field list of a table as long as its column list */
#define EM_SAME_LENGTH(a, b) (sizeof a / sizeof a[0] == sizeof b / sizeof b[0])

static const int attendees_field[] = {
	PF_FIELD_DOC, PF_ATTENDEE_SEQ, PF_ATTENDEE_NAME, PF_ATTENDEE_PARTY,
	PF_ATTENDEE_ROLE, PF_ATTENDEE_REPLACES, PF_ATTENDEE_NOTE,
};
_Static_assert(EM_SAME_LENGTH(attendees_field, attendees), "attendees: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_ATTENDEE_SEQ, PF_ATTENDEE_NAME,
			   PF_ATTENDEE_PARTY, PF_ATTENDEE_ROLE, PF_ATTENDEE_REPLACES,
			   PF_ATTENDEE_NOTE, PF_ATTENDEE_NFIELD),
	       "attendees: the columns follow the attendee record's fields in lib/records.h");
static const int paragraphs_field[] = {
	PF_FIELD_DOC, PF_PARA_NO, PF_PARA_TITLE, PF_PARA_DNR, PF_PARA_CASE_OWNER,
	PF_PARA_OFFICER, PF_PARA_DECIDED_BY, PF_PARA_PAGE_START, PF_PARA_PAGE_END,
	EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(paragraphs_field, paragraphs), "paragraphs: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_PARA_NO, PF_PARA_TITLE, PF_PARA_DNR,
			   PF_PARA_CASE_OWNER, PF_PARA_OFFICER, PF_PARA_DECIDED_BY,
			   PF_PARA_PAGE_START, PF_PARA_PAGE_END, PF_PARA_LETTER,
			   PF_PARA_NFIELD),
	       "paragraphs: the columns follow the para record's fields in lib/records.h");
static const int sections_field[] = {
	PF_FIELD_DOC, PF_SECTION_PARA, PF_SECTION_SEQ, PF_SECTION_HEADING, PF_SECTION_TEXT,
	EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(sections_field, sections), "sections: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_SECTION_PARA, PF_SECTION_SEQ,
			   PF_SECTION_HEADING, PF_SECTION_TEXT, PF_SECTION_NFIELD),
	       "sections: the columns follow the section record's fields in lib/records.h");
static const int decisions_field[] = {
	PF_FIELD_DOC, PF_DECISION_PARA, PF_DECISION_SEQ, PF_DECISION_TEXT, EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(decisions_field, decisions), "decisions: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_DECISION_PARA, PF_DECISION_SEQ,
			   PF_DECISION_TEXT, PF_DECISION_NFIELD),
	       "decisions: the columns follow the decision record's fields in lib/records.h");
static const int amounts_field[] = {
	PF_FIELD_DOC, PF_AMOUNT_PARA, PF_AMOUNT_SEQ, PF_AMOUNT_VALUE, PF_AMOUNT_CURRENCY,
	PF_AMOUNT_RAW, PF_AMOUNT_UNIT, PF_AMOUNT_RECIPIENT, PF_AMOUNT_PAGE, EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(amounts_field, amounts), "amounts: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_AMOUNT_PARA, PF_AMOUNT_SEQ, PF_AMOUNT_VALUE,
			   PF_AMOUNT_CURRENCY, PF_AMOUNT_RAW, PF_AMOUNT_UNIT,
			   PF_AMOUNT_RECIPIENT, PF_AMOUNT_PAGE, PF_AMOUNT_NFIELD),
	       "amounts: the columns follow the amount record's fields in lib/records.h");
static const int motions_field[] = {
	PF_FIELD_DOC, PF_MOTION_PARA, PF_MOTION_SEQ, PF_MOTION_KIND, PF_MOTION_NAME,
	PF_MOTION_PARTY, PF_MOTION_TEXT, PF_MOTION_YES, PF_MOTION_NO, PF_MOTION_ABSTAIN,
	EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(motions_field, motions), "motions: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_MOTION_PARA, PF_MOTION_SEQ, PF_MOTION_KIND,
			   PF_MOTION_NAME, PF_MOTION_PARTY, PF_MOTION_TEXT, PF_MOTION_YES,
			   PF_MOTION_NO, PF_MOTION_ABSTAIN, PF_MOTION_NFIELD),
	       "motions: the columns follow the motion record's fields in lib/records.h");
static const int tables_field[] = {
	PF_FIELD_DOC, PF_TABLE_NO, PF_TABLE_PARA, PF_TABLE_SECTION, PF_TABLE_CAPTION,
	PF_TABLE_KIND, PF_TABLE_PAGE_START, PF_TABLE_PAGE_END, PF_TABLE_ROWS,
	PF_TABLE_COLS, EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(tables_field, tables), "tables: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_TABLE_NO, PF_TABLE_PARA, PF_TABLE_SECTION,
			   PF_TABLE_CAPTION, PF_TABLE_KIND, PF_TABLE_PAGE_START,
			   PF_TABLE_PAGE_END, PF_TABLE_ROWS, PF_TABLE_COLS,
			   PF_TABLE_NFIELD),
	       "tables: the columns follow the table record's fields in lib/records.h");
static const int table_cells_field[] = {
	PF_FIELD_DOC, PF_CELL_TABLE, PF_CELL_ROW, PF_CELL_COL, PF_CELL_TEXT, PF_CELL_PAGE,
	PF_CELL_X0, PF_CELL_Y0, PF_CELL_X1, PF_CELL_Y1,
};
_Static_assert(EM_SAME_LENGTH(table_cells_field, table_cells), "table_cells: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_CELL_TABLE, PF_CELL_ROW, PF_CELL_COL,
			   PF_CELL_TEXT, PF_CELL_PAGE, PF_CELL_X0, PF_CELL_Y0, PF_CELL_X1,
			   PF_CELL_Y1, PF_CELL_NFIELD),
	       "table_cells: the columns follow the cell record's fields in lib/records.h");
static const int allocations_field[] = {
	PF_FIELD_DOC, PF_ALLOCATION_PARA, PF_ALLOCATION_TABLE, PF_ALLOCATION_ROW,
	PF_ALLOCATION_RECIPIENT, PF_ALLOCATION_SEK, PF_ALLOCATION_COMMENT,
	PF_ALLOCATION_IS_TOTAL, EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(allocations_field, allocations), "allocations: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_ALLOCATION_PARA, PF_ALLOCATION_TABLE,
			   PF_ALLOCATION_ROW, PF_ALLOCATION_RECIPIENT, PF_ALLOCATION_SEK,
			   PF_ALLOCATION_COMMENT, PF_ALLOCATION_IS_TOTAL,
			   PF_ALLOCATION_NFIELD),
	       "allocations: the columns follow the allocation record's fields in lib/records.h");
static const int checks_field[] = {
	PF_FIELD_DOC, EM_FILLED, PF_CHECK_PARA, PF_CHECK_TABLE, PF_CHECK_NAME,
	PF_CHECK_EXPECTED, PF_CHECK_ACTUAL, PF_CHECK_OK, PF_CHECK_DETAIL, EM_FILLED,
};
_Static_assert(EM_SAME_LENGTH(checks_field, checks), "checks: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_CHECK_PARA, PF_CHECK_TABLE, PF_CHECK_NAME,
			   PF_CHECK_EXPECTED, PF_CHECK_ACTUAL, PF_CHECK_OK,
			   PF_CHECK_DETAIL, PF_CHECK_NFIELD),
	       "checks: the columns follow the check record's fields in lib/records.h");
static const int errors_field[] = {
	PF_FIELD_DOC, PF_ERROR_SOURCE, PF_ERROR_STAGE, PF_ERROR_SEVERITY, PF_ERROR_MESSAGE,
};
_Static_assert(EM_SAME_LENGTH(errors_field, errors), "errors: a field for every column");
_Static_assert(EM_IN_ORDER(PF_FIELD_DOC, PF_ERROR_SOURCE, PF_ERROR_STAGE,
			   PF_ERROR_SEVERITY, PF_ERROR_MESSAGE, PF_ERROR_NFIELD),
	       "errors: the columns follow the error record's fields in lib/records.h");

const em_table em_tables[] = {
	{ "documents", NULL, COLS(documents), "one row per document read", NULL },
	{ "attendees", PF_ATTENDEE, COLS(attendees), "who was present, in the order listed", attendees_field },
	{ "paragraphs", PF_PARA, COLS(paragraphs), "one row per § paragraph", paragraphs_field },
	{ "sections", PF_SECTION, COLS(sections), "headed parts of a paragraph with their text", sections_field },
	{ "decisions", PF_DECISION, COLS(decisions), "one row per att-sats", decisions_field },
	{ "amounts", PF_AMOUNT, COLS(amounts), "sums of money in the text, with their currency", amounts_field },
	{ "motions", PF_MOTION, COLS(motions), "who moved (yrkande), who reserved (reservation), how votes went (omröstning)", motions_field },
	{ "tables", PF_TABLE, COLS(tables), "one row per table found in a document", tables_field },
	{ "table_cells", PF_CELL, COLS(table_cells), "every cell of every table, with page and box", table_cells_field },
	{ "allocations", PF_ALLOCATION, COLS(allocations), "the rows of allocation tables, typed", allocations_field },
	{ "checks", PF_CHECK, COLS(checks), "what was checked: a table's sums (rows against the Totalt row, tables against decisions) and the document's § paragraphs (none missing, none twice, titles)", checks_field },
	{ "errors", PF_ERROR, COLS(errors), "every problem with a document, by stage", errors_field },
};
const size_t em_ntables = sizeof em_tables / sizeof em_tables[0];

const em_table *em_table_for_record(const char *type)
{
	for (size_t i = 0; i < em_ntables; i++)
		if (em_tables[i].record && strcmp(em_tables[i].record, type) == 0)
			return &em_tables[i];
	return NULL;
}

const em_table *em_table_named(const char *name)
{
	for (size_t i = 0; i < em_ntables; i++)
		if (strcmp(em_tables[i].name, name) == 0)
			return &em_tables[i];
	return NULL;
}

static const char *sql_type(em_type t, int duckdb)
{
	switch (t) {
	case EM_ID: return duckdb ? "VARCHAR" : "text";
	case EM_INT: return duckdb ? "INTEGER" : "integer";
	case EM_BIGINT: return duckdb ? "BIGINT" : "bigint";
	case EM_DATE: return duckdb ? "DATE" : "date";
	case EM_BOOL: return duckdb ? "BOOLEAN" : "boolean";
	case EM_DECIMAL: return duckdb ? "DECIMAL(18,2)" : "numeric(18,2)";
	default: return duckdb ? "VARCHAR" : "text";
	}
}

static const char *doc_type(em_type t)
{
	switch (t) {
	case EM_ID: return "text (16 hex)";
	case EM_INT: return "integer";
	case EM_BIGINT: return "bigint";
	case EM_DATE: return "date";
	case EM_BOOL: return "boolean";
	case EM_DECIMAL: return "numeric(18,2)";
	case EM_BLOCK: return "text (lines)";
	default: return "text";
	}
}

/* Column names that are SQL key words are quoted in the DDL. No column is
 * named after a reserved one ("check" was: `select check from checks`
 * fails), so a warehouse user never has to quote. */
static const char *sql_name(const char *name, char *buf, size_t n)
{
	static const char *const reserved[] = { "check", "row", "col", NULL };
	for (const char *const *r = reserved; *r; r++)
		if (strcmp(*r, name) == 0) {
			snprintf(buf, n, "\"%s\"", name);
			return buf;
		}
	return name;
}

static void print_sql(FILE *out, int duckdb)
{
	char q[64];
	/* the loaders read the version from the first line */
	fprintf(out, "-- paragraf %s warehouse schema (%s), contract version %d.\n"
		"-- Generated by `pf-emit --schema %s`; docs/schema.md describes every column.\n"
		"-- Primary keys are the natural keys.\n",
		PF_VERSION, duckdb ? "DuckDB" : "PostgreSQL", EM_CONTRACT_VERSION,
		duckdb ? "duckdb" : "postgres");
	for (size_t i = 0; i < em_ntables; i++) {
		const em_table *t = &em_tables[i];
		fprintf(out, "\n-- %s\nCREATE TABLE IF NOT EXISTS %s (\n", t->about, t->name);
		int keys = 0;
		for (size_t c = 0; c < t->ncols; c++) {
			keys += t->cols[c].key;
			const char *fill = t->cols[c].key ? key_default(t->cols[c].name) : NULL;
			fprintf(out, "    %-17s %s%s%s%s%s\n", sql_name(t->cols[c].name, q, sizeof q),
				sql_type(t->cols[c].type, duckdb),
				t->cols[c].key ? " NOT NULL" : "", fill ? " DEFAULT " : "",
				fill ? fill : "", c + 1 < t->ncols || keys ? "," : "");
		}
		if (keys) {
			fputs("    PRIMARY KEY (", out);
			for (size_t c = 0, k = 0; c < t->ncols; c++)
				if (t->cols[c].key)
					fprintf(out, "%s%s", k++ ? ", " : "",
						sql_name(t->cols[c].name, q, sizeof q));
			fputs(")\n", out);
		}
		fputs(");\n", out);
	}
}

/* The upgrade path, for docs/schema.md: what scripts/load-postgres
 * (sql/upgrade-postgres.sql) and scripts/load-duckdb (duckdb/load.mjs) do
 * to a warehouse of an earlier contract. */
static const char upgrading[] =
	"\n## Upgrading a warehouse\n\n"
	"Install the new paragraf and let the nightly job run: scripts/load-postgres\n"
	"and scripts/load-duckdb (paragraf-load-postgres, paragraf-load-duckdb when\n"
	"installed) bring a warehouse of any earlier contract to this one inside the\n"
	"transaction of the load. Either the upgrade and the load both happen, or,\n"
	"when the loader refuses or anything fails, nothing at all changes. Rows of\n"
	"documents that are not in the load stay, migrated. Nothing needs doing by\n"
	"hand, and nothing is said when all is well.\n\n"
	"The loaders stamp the warehouse with the contract version in a table of\n"
	"their own, `paragraf_schema`, a row each time a loader created or upgraded\n"
	"it (not a table pf-emit writes):\n\n"
	"| column | type | |\n|---|---|---|\n"
	"| version | integer | the contract version the warehouse was brought to |\n"
	"| release | text | the paragraf release of the loader |\n"
	"| stamped_at | timestamp | when (PostgreSQL: with time zone; DuckDB: local time) |\n\n"
	"A load then, in this order:\n\n"
	"1. **Refuses a newer warehouse.** A `paragraf_schema.version` above this\n"
	"   contract's means columns this loader does not know: it stops with exit 1,\n"
	"   names the version, and changes nothing. Load with the paragraf that made it.\n"
	"2. **Runs the steps that cannot be inferred**, each only while a table still\n"
	"   has its old shape, so that a warehouse without a stamp (every one made\n"
	"   before version 2) gets exactly the steps it needs. From version 1 (the\n"
	"   first release) to 2:\n"
	"   - `checks.\"check\"` is renamed `check_name`;\n"
	"   - `checks` gets `seq` and the key (doc_id, seq): the rows already there are\n"
	"     numbered per document in the order of table_no, then check_name; `detail`\n"
	"     stays null for them;\n"
	"   - `amounts.amount_sek` (whole kronor) becomes `amount` numeric(18,2) with\n"
	"     `currency` SEK, which every old amount was;\n"
	"   - where para_letter may be null (tables, allocations, checks) it is `''`\n"
	"     for the old rows that have a para_no (no paragraph was lettered then),\n"
	"     null for the others.\n"
	"3. **Runs the generic steps**, from the contract itself, so that a new column\n"
	"   in stages/pf-emit/schema.c needs no hand-written step: a column the table\n"
	"   lacks is added, nullable (the old rows get null: documents.quality,\n"
	"   failed_checks and warnings, motions' votes were not assessed then), or for\n"
	"   a key column with the contract's DEFAULT (para_letter `''`); NOT NULL\n"
	"   becomes what the contract says; the primary key becomes the contract's\n"
	"   (para_letter joins the keys of paragraphs, sections, decisions, amounts and\n"
	"   motions). DuckDB cannot change a key in place, so there the table is made\n"
	"   anew from the contract and its rows moved over by name.\n"
	"4. **Keeps a column the contract does not have** when it is harmless: a\n"
	"   column of your own that is nullable or has a default stays with its\n"
	"   values (new rows get null or the default). A column the contract replaced\n"
	"   is migrated, not kept: `amount_sek` would be null for every new row, and a\n"
	"   sum over it would silently miss them. A column that was NOT NULL only\n"
	"   because it was in the old key is kept, nullable.\n"
	"5. **Refuses what it cannot migrate**, naming table and column, with exit 1\n"
	"   and nothing changed: a contract column of another type (converting could\n"
	"   lose values: convert it yourself, e.g. `ALTER TABLE documents ALTER COLUMN\n"
	"   pages TYPE integer USING pages::integer`); a column the contract does not\n"
	"   have that is NOT NULL without a default (no new row could be loaded: drop\n"
	"   it or `ALTER ... DROP NOT NULL`); a key column the contract added without a\n"
	"   default, on a table that has rows; nulls in a column the contract makes NOT\n"
	"   NULL.\n"
	"6. Creates the tables that are missing, stamps the version, and loads.\n\n"
	"Every file is loaded by the names in its header row (Parquet: its column\n"
	"names), never by position: a table whose columns are in another order than\n"
	"the file's, as an upgraded PostgreSQL table's are (added columns come last),\n"
	"gets every value in its own column. A file with a column the contract does\n"
	"not have (written by a newer pf-emit) is refused, naming file and column.\n\n"
	"**Changing the contract.** Raise EM_CONTRACT_VERSION in\n"
	"stages/pf-emit/schema.h with every change of a table, column, type or key,\n"
	"and run `make schema`. An added nullable column needs nothing more; an added\n"
	"key column needs a default in schema.c's key_defaults. A rename, a changed\n"
	"type or meaning, a changed key that old rows cannot fill needs a step in\n"
	"both sql/upgrade-postgres.sql and scripts/duckdb/load.mjs (explicitSteps),\n"
	"written as \"if the table still has the old shape\", and a case in\n"
	"tests/t0700-warehouse.sh that upgrades a warehouse of the release before.\n";

static void print_markdown(FILE *out)
{
	fprintf(out, "# The warehouse tables\n\n"
	      "Generated by `pf-emit --schema markdown` from stages/pf-emit/schema.c, the one\n"
	      "place the contract is written down; `make check` fails when this file, schema.sql\n"
	      "or schema-duckdb.sql disagree with it.\n\n"
	      "`pf-emit --out DIR` writes every table below as DIR/<table>.csv (RFC 4180,\n"
	      "header row, UTF-8 without BOM, LF; null is an empty unquoted field, an empty\n"
	      "string is `\"\"`), DIR/<table>.csv.gz with `--gzip`, and DIR/<table>.parquet\n"
	      "with `--format parquet` or `both` (null is a real null). Rows come in document\n"
	      "order, then in the order of the document; the same input gives the same bytes.\n"
	      "Every row carries doc_id, so a warehouse can replace one document's rows.\n"
	      "Text is UTF-8 with whitespace collapsed (sections.text keeps line breaks).\n"
	      "A value that does not fit its column's type (a number out of range, a date\n"
	      "not in the calendar) is null; a row whose key would be null is not written\n"
	      "but becomes a warning row in errors.\n"
	      "\n"
	      "No column is named after a reserved word of SQL. `checks.check` was, until\n"
	      "it became `checks.check_name` (`select check from checks` fails in\n"
	      "PostgreSQL and DuckDB).\n"
	      "\n"
	      "This is contract version %d (the first line of schema.sql says it). A\n"
	      "warehouse made by an earlier paragraf is upgraded by the next load: see\n"
	      "[Upgrading a warehouse](#upgrading-a-warehouse) at the end.\n",
	      EM_CONTRACT_VERSION);
	for (size_t i = 0; i < em_ntables; i++) {
		const em_table *t = &em_tables[i];
		fprintf(out, "\n## %s\n\n%s%s.\n\n| column | type | key | |\n|---|---|---|---|\n",
			t->name, t->about, t->record ? "" : " (from the doc, meta and end records)");
		for (size_t c = 0; c < t->ncols; c++)
			fprintf(out, "| %s | %s | %s | %s |\n", t->cols[c].name, doc_type(t->cols[c].type),
				t->cols[c].key ? "yes" : "", column_about(t->name, t->cols[c].name));
	}
	fputs(upgrading, out);
}

int em_print_schema(const char *dialect, FILE *out)
{
	if (strcmp(dialect, "postgres") == 0)
		print_sql(out, 0);
	else if (strcmp(dialect, "duckdb") == 0)
		print_sql(out, 1);
	else if (strcmp(dialect, "markdown") == 0)
		print_markdown(out);
	else
		return -1;
	return 0;
}
