/*
 * pf-emit internals.
 *
 *   main.c     the stream: which record fills which table, documents rows
 *   schema.c   the tables and their columns (the warehouse contract)
 *   fromcsv.c  the merged CSV tables of a folder again as Parquet
 *   sink.c     writing one table in one format: CSV (libcsv), CSV.gz
 *              (zlib) or Parquet (lib/parquet.c), into a temporary file
 *              renamed into place on commit
 */
#ifndef PF_EMIT_H
#define PF_EMIT_H

#include "schema.h"

typedef struct em_sink em_sink;

/* Creates dir if missing; -1 (with a message) if it cannot. */
int em_make_dir(const char *dir);

typedef enum em_format { EM_CSV, EM_CSV_GZ, EM_PARQUET } em_format;

/* Opens DIR/<table>.csv (.csv.gz, .parquet) for writing through a temporary
 * file; CSV gets its header row. NULL (with a message) on failure. */
em_sink *em_sink_open(const em_table *t, const char *dir, em_format format);

/* Writes one row: v[i] is column i's value as it came in the stream, NULL
 * for null. Text columns are whitespace-collapsed here; a value that does
 * not fit its column's type is written as null. */
void em_sink_row(em_sink *s, const char *const *v, size_t n);

/* Is v a value of the type, not NULL: what a key column needs. */
int em_fits(em_type type, const char *v);

/* Finishes the file: renames it into place when `commit`, else removes
 * it. Frees s. Returns -1 (with a message) if anything failed to write. */
int em_sink_close(em_sink *s, int commit);

/* fromcsv.c: DIR/<table>.csv -> DIR/<table>.parquet for every table; 0 or
 * -1 (with messages) when a file is missing, malformed or not the table's. */
int em_from_csv(const char *dir);

#endif
