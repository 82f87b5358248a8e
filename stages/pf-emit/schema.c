#include "schema.h"

#include <string.h>

#define COLS(a) a, sizeof a / sizeof a[0]

static const em_column documents[] = {
	{ "doc_id", EM_ID, 1 },        { "source", EM_TEXT, 0 },
	{ "sha256", EM_TEXT, 0 },      { "pages", EM_INT, 0 },
	{ "producer", EM_TEXT, 0 },    { "text_layer", EM_TEXT, 0 },
	{ "organization", EM_TEXT, 0 }, { "organ", EM_TEXT, 0 },
	{ "doc_type", EM_TEXT, 0 },    { "meeting_date", EM_DATE, 0 },
	{ "meeting_end_date", EM_DATE, 0 }, { "place", EM_TEXT, 0 },
	{ "dnr", EM_TEXT, 0 },
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
};
static const em_column sections[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "heading", EM_TEXT, 0 }, { "text", EM_BLOCK, 0 },
};
static const em_column decisions[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "text", EM_TEXT, 0 },
};
static const em_column amounts[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "amount_sek", EM_BIGINT, 0 }, { "raw", EM_TEXT, 0 }, { "unit", EM_TEXT, 0 },
	{ "recipient", EM_TEXT, 0 }, { "page", EM_INT, 0 },
};
static const em_column motions[] = {
	{ "doc_id", EM_ID, 1 }, { "para_no", EM_INT, 1 }, { "seq", EM_INT, 1 },
	{ "kind", EM_TEXT, 0 }, { "name", EM_TEXT, 0 }, { "party", EM_TEXT, 0 },
	{ "text", EM_TEXT, 0 },
};
static const em_column errors[] = {
	{ "doc_id", EM_ID, 0 }, { "source", EM_TEXT, 0 }, { "stage", EM_TEXT, 0 },
	{ "severity", EM_TEXT, 0 }, { "message", EM_TEXT, 0 },
};

const em_table em_tables[] = {
	{ "documents", NULL, COLS(documents), "one row per document read" },
	{ "attendees", "attendee", COLS(attendees), "who was present, in the order listed" },
	{ "paragraphs", "para", COLS(paragraphs), "one row per § paragraph" },
	{ "sections", "section", COLS(sections), "headed parts of a paragraph with their text" },
	{ "decisions", "decision", COLS(decisions), "one row per att-sats" },
	{ "amounts", "amount", COLS(amounts), "sums of money in the text, in whole kronor" },
	{ "motions", "motion", COLS(motions), "who moved (yrkande) or reserved (reservation)" },
	{ "errors", "error", COLS(errors), "every problem with a document, by stage" },
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
