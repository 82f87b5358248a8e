/*
 * pf-emit internals.
 *
 *   main.c     the stream: which record fills which table, documents rows
 *   schema.c   the tables and their columns (the warehouse contract)
 *   sink.c     writing one table: CSV (libcsv) or CSV.gz (zlib), into a
 *              temporary file renamed into place on commit
 */
#ifndef PF_EMIT_H
#define PF_EMIT_H

#include "schema.h"

typedef struct em_sink em_sink;

/* Creates dir if missing; -1 (with a message) if it cannot. */
int em_make_dir(const char *dir);

/* Opens DIR/<table>.csv (or .csv.gz) for writing through a temporary file
 * and writes the header row. NULL (with a message) on failure. */
em_sink *em_csv_open(const em_table *t, const char *dir, int gzip);

/* Writes one row: v[i] is column i's value as it came in the stream, NULL
 * for null. Text columns are whitespace-collapsed here; a value that does
 * not fit its column's type is written as null. */
void em_sink_row(em_sink *s, const char *const *v, size_t n);

/* Finishes the file: renames it into place when `commit`, else removes
 * it. Frees s. Returns -1 (with a message) if anything failed to write. */
int em_sink_close(em_sink *s, int commit);

#endif
