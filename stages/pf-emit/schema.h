/*
 * The warehouse contract: every table pf-emit writes, its columns and their
 * types, and the stream record each row comes from. docs/schema.md and
 * schema.sql describe the same tables; tests check that they agree.
 */
#ifndef PF_EMIT_SCHEMA_H
#define PF_EMIT_SCHEMA_H

#include <stddef.h>
#include <stdio.h>

typedef enum em_type {
	EM_ID,      /* doc_id: 16 hex digits */
	EM_INT,     /* 32-bit integer */
	EM_BIGINT,  /* 64-bit integer (amounts in whole kronor) */
	EM_TEXT,    /* UTF-8, whitespace collapsed to single spaces */
	EM_BLOCK,   /* UTF-8, spaces collapsed, single line breaks kept */
	EM_DATE,    /* ISO 8601 date */
	EM_BOOL,    /* true / false */
	EM_DECIMAL, /* up to 16 digits with up to 2 after the point: money in
		       its currency's units ("6425.10", "7000000") */
	EM_TIME,    /* a time of day of the local clock, "HH:MM" */
} em_type;

typedef struct em_column {
	const char *name;
	em_type type;
	int key;          /* part of the natural (primary) key */
} em_column;

typedef struct em_table {
	const char *name;     /* file name without extension */
	const char *record;   /* stream record whose fields are the columns, in
			       * order from the doc id on; NULL: built by hand */
	const em_column *cols;
	size_t ncols;
	const char *about;    /* one line for docs and --help */
	const int *field;     /* [ncols]: the record field (lib/records.h) each
			       * column is filled from, or EM_FILLED; NULL for
			       * a table built by hand */
} em_table;

/* em_table.field of a column pf-emit fills itself (para_letter, checks.seq) */
#define EM_FILLED 0

/* The contract's version, stamped into a warehouse by the loaders
 * (paragraf_schema.version) so that they can tell an older warehouse, which
 * they upgrade, from a newer one, which they refuse. Raise it with every
 * change of a table, a column, a type or a key, and teach the loaders the
 * steps that cannot be inferred (docs/schema.md, "Upgrading a warehouse").
 *   1  the first release (commit 884c4e5)
 *   2  checks.check_name, seq, detail, key (doc_id, seq); para_letter;
 *      amounts.amount and currency for amount_sek; motions' votes;
 *      documents' quality, failed_checks, warnings, text_trust, ocr_pages
 *   3  documents.meeting_time and meeting_end_time (time) */
#define EM_CONTRACT_VERSION 3

extern const em_table em_tables[];
extern const size_t em_ntables;

/* Writes the contract as "postgres" or "duckdb" CREATE TABLE statements
 * or as "markdown" (docs/schema.md). Returns -1 for an unknown dialect. */
int em_print_schema(const char *dialect, FILE *out);

/* The table a record type fills, or NULL. */
const em_table *em_table_for_record(const char *type);
const em_table *em_table_named(const char *name);

#endif
