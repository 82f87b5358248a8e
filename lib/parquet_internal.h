/*
 * What lib/parquet.c shares with the two encoders it calls and nothing else
 * includes: column statistics (parquet_stats.c) and the RLE / bit-packed
 * hybrid encoding of definition levels (parquet_rle.c).
 */
#ifndef PF_PARQUET_INTERNAL_H
#define PF_PARQUET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "parquet.h"
#include "thrift_compact.h"

/* The statistics of a page or a column chunk. Zeroed, then pq_stats_reset,
 * before first use. */
struct pq_stats {
	uint64_t nulls;
	int has;       /* at least one non-null value seen: min/max valid */
	int str_ok;    /* strings: every value was short enough to keep min/max */
	int64_t imin, imax;  /* INT32, INT64, DATE, TIME, BOOLEAN */
	tc_buf smin, smax;   /* STRING */
};

/* ---- parquet_stats.c ---- */
/* Empties s for the next page or chunk, keeping its memory. */
void pq_stats_reset(struct pq_stats *s);
void pq_stats_free(struct pq_stats *s);
/* Counts a value of an integer-like column (every type but STRING). */
void pq_stats_int(struct pq_stats *s, int64_t v);
/* Counts a string value; smin.oom / smax.oom say when memory ran out. */
void pq_stats_str(struct pq_stats *s, const char *p, size_t n);
/* Folds a page's statistics into its chunk's. */
void pq_stats_merge(struct pq_stats *into, const struct pq_stats *from, pq_type t);
/* Writes a Statistics struct as field `id` of the current struct. */
void pq_write_stats(tc_writer *tw, int16_t id, const struct pq_stats *s, pq_type t);

/* ---- parquet_rle.c ---- */
/* Appends n one-bit definition levels (bits: LSB first) RLE / bit-packed
 * hybrid encoded, without the length prefix. */
void pq_rle_levels(tc_buf *out, const unsigned char *bits, size_t n);

#endif
