/*
 * A small streaming Parquet writer: flat tables of STRING, INT32, INT64,
 * DATE, BOOLEAN, DECIMAL(18,2) and TIME columns, each OPTIONAL (null is a real null) or
 * REQUIRED. Rows go in one at a time; pages and row groups are flushed as
 * they fill, so memory stays bounded by about
 *     row_group_size + ncols * page_size
 * whatever the number of rows. docs/parquet.md says which subset of the
 * format is written and why.
 *
 *     pq_column cols[] = { { "doc_id", PQ_STRING, 1 }, { "amount", PQ_INT64, 0 } };
 *     pq_options o;
 *     pq_options_init(&o);
 *     o.created_by = "paragraf version " PF_VERSION;
 *     char err[256];
 *     pq_writer *w = pq_open(f, cols, 2, &o, err, sizeof err);
 *     if (!w) ... err says why ...
 *     pq_set_str(w, 0, "abc", 3);      // column 1 left unset: null
 *     if (pq_end_row(w) < 0) ... pq_error(w) says why ...
 *     if (pq_close(w, err, sizeof err) < 0) ... the file is not valid ...
 *
 * Errors are sticky: after the first failure every call returns -1 (and
 * writes nothing more), pq_error() keeps the first message and pq_close()
 * frees the writer and returns -1 without writing a footer, so a half
 * written file never looks like a valid one ("PAR1" at its end).
 *
 * Output is deterministic: the same rows and options give the same bytes
 * (no timestamps; created_by is whatever the caller passes).
 */
#ifndef PF_PARQUET_H
#define PF_PARQUET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum pq_type {
	PQ_STRING,  /* BYTE_ARRAY, UTF8 / STRING: bytes are written as given */
	PQ_INT32,   /* INT32 */
	PQ_INT64,   /* INT64 */
	PQ_DATE,    /* INT32 days since 1970-01-01, DATE */
	PQ_BOOLEAN, /* BOOLEAN */
	PQ_DECIMAL2, /* INT64 hundredths, DECIMAL(18,2): money with its cents */
	PQ_TIME,    /* INT32 milliseconds since midnight, TIME(MILLIS) of the
		       local clock (isAdjustedToUTC false): a meeting's time */
} pq_type;

typedef enum pq_codec {
	PQ_UNCOMPRESSED = 0, /* the values are Parquet's CompressionCodec ids */
	PQ_GZIP = 2,
} pq_codec;

typedef struct pq_column {
	const char *name; /* UTF-8, non-empty; copied by pq_open */
	pq_type type;
	int required;     /* 1: REQUIRED, every row must set it; 0: OPTIONAL */
} pq_column;

typedef struct pq_options {
	pq_codec codec;          /* default PQ_GZIP */
	int gzip_level;          /* 1..9, default 6 */
	size_t page_size;        /* a column's page is flushed when its
				    uncompressed buffer reaches this; default 1 MiB */
	size_t row_group_size;   /* a row group is flushed when its buffered
				    bytes (compressed pages + open pages) reach
				    this; default 64 MiB */
	uint64_t row_group_rows; /* ... or when it has this many rows;
				    default 1,048,576 */
	const char *created_by;  /* FileMetaData.created_by; default "paragraf";
				    copied by pq_open */
} pq_options;

typedef struct pq_writer pq_writer;

/* Fills o with the defaults above. Never fails. */
void pq_options_init(pq_options *o);

/* Starts a Parquet file on out, which must be at offset 0 (a new file or a
 * pipe: the writer never seeks, it counts the bytes it writes to compute
 * the offsets in the footer). Writes the leading "PAR1" at once. opt may be
 * NULL for the defaults. out stays the caller's: pq_close flushes it but
 * does not close it.
 * Returns the writer, or NULL with a message in err (errsize bytes, may be
 * 0) when the schema or options are invalid (no columns, an empty or
 * duplicate name, an unknown type or codec), memory is short, or the
 * header cannot be written. */
pq_writer *pq_open(FILE *out, const pq_column *cols, size_t ncols,
		   const pq_options *opt, char *err, size_t errsize);

/* Set the value of column col (0-based) in the current row. Each column is
 * set at most once per row; an OPTIONAL column not set by pq_end_row is
 * null. The setter must fit the column's type:
 *   pq_set_str   PQ_STRING; s need not be NUL-terminated, len <= 2^30
 *   pq_set_i64   PQ_INT64, or PQ_INT32 when v fits in 32 bits
 *   pq_set_i32   PQ_INT32 or PQ_INT64
 *   pq_set_date  PQ_DATE, days since 1970-01-01 (negative before)
 *   pq_set_time  PQ_TIME, milliseconds since midnight, 0..86399999
 *   pq_set_bool  PQ_BOOLEAN, any nonzero is true
 *   pq_set_null  any OPTIONAL column
 * Return 0, or -1 (see pq_error) for a bad column index, a type mismatch,
 * a value out of range, null in a REQUIRED column, a column set twice, or
 * an earlier error. The writer is then in the error state. */
int pq_set_str(pq_writer *w, size_t col, const char *s, size_t len);
int pq_set_i64(pq_writer *w, size_t col, int64_t v);
int pq_set_i32(pq_writer *w, size_t col, int32_t v);
int pq_set_date(pq_writer *w, size_t col, int32_t days);
int pq_set_time(pq_writer *w, size_t col, int32_t ms);
/* A PQ_DECIMAL2 value in hundredths: 642510 is 6425.10. */
int pq_set_decimal2(pq_writer *w, size_t col, int64_t hundredths);
int pq_set_bool(pq_writer *w, size_t col, int v);
int pq_set_null(pq_writer *w, size_t col);

/* Ends the current row: unset OPTIONAL columns become null, full pages and
 * row groups are written to the file. Returns 0, or -1 (see pq_error) when
 * a REQUIRED column was not set, memory is short, compression fails, the
 * file cannot be written, or after an earlier error. */
int pq_end_row(pq_writer *w);

/* The first error message of w, or "" when there was none. The string
 * belongs to w and lives until pq_close. */
const char *pq_error(const pq_writer *w);

/* Number of rows ended so far. */
uint64_t pq_rows(const pq_writer *w);

/* Finishes the file: writes the last row group, the footer and the closing
 * "PAR1", and flushes out (it does not close it). A row begun but not ended
 * is an error. Always frees w (NULL is allowed and returns 0).
 * Returns 0 when the file is complete and valid; -1 with the message in err
 * (errsize bytes, may be 0) when it is not, including when w was already in
 * the error state: the file must then be thrown away. A table of zero rows
 * is a valid file with the schema and no row group. */
int pq_close(pq_writer *w, char *err, size_t errsize);

/* Frees w without finishing the file (no footer, so no reader takes it
 * for a complete one); for when the caller itself gives up. Does not touch
 * out beyond what was already written. NULL is allowed. Never fails. */
void pq_abort(pq_writer *w);

/* Parses an ISO date "YYYY-MM-DD" (exactly 10 bytes of s[0..len), year
 * 0001..9999, a real calendar day) into days since 1970-01-01.
 * Returns 0, or -1 for anything else (days is then untouched). */
int pq_parse_date(const char *s, size_t len, int32_t *days);

/* Parses a time of day "HH:MM" or "HH:MM:SS" (exactly 5 or 8 bytes of
 * s[0..len), 00:00 to 23:59:59) into milliseconds since midnight.
 * Returns 0, or -1 for anything else (ms is then untouched). */
int pq_parse_time(const char *s, size_t len, int32_t *ms);

/* Days since 1970-01-01 of a proleptic Gregorian date; no validation. */
int32_t pq_days_from_civil(int y, unsigned m, unsigned d);

#endif
