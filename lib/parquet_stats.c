/*
 * Column statistics of the Parquet writer: null count and min/max per page
 * and per column chunk, and their Statistics struct (parquet.thrift). Only
 * lib/parquet.c calls these (parquet_internal.h).
 */
#include "parquet_internal.h"

#include <string.h>

/* A string min/max longer than this is not kept: the statistics of that
 * page and chunk then carry null_count only. Truncating the max correctly
 * (prefix + increment, still valid UTF-8) is not worth it here. */
#define STAT_STR_MAX 128

void pq_stats_reset(struct pq_stats *s)
{
	s->nulls = 0;
	s->has = 0;
	s->str_ok = 1;
	s->smin.len = s->smax.len = 0; /* keep the memory for the next page */
}

void pq_stats_free(struct pq_stats *s)
{
	tc_buf_free(&s->smin);
	tc_buf_free(&s->smax);
}

/* Unsigned byte-wise order with a shorter prefix first: Parquet's order for
 * UTF8 (and any BYTE_ARRAY). */
static int bytes_cmp(const void *a, size_t na, const void *b, size_t nb)
{
	size_t n = na < nb ? na : nb;
	int c = n ? memcmp(a, b, n) : 0; /* an empty buffer may be NULL */
	if (c)
		return c;
	return na < nb ? -1 : na > nb;
}

static void set_bytes(tc_buf *b, const void *p, size_t n)
{
	b->len = 0;
	tc_buf_put(b, p, n);
}

void pq_stats_int(struct pq_stats *s, int64_t v)
{
	if (!s->has || v < s->imin)
		s->imin = v;
	if (!s->has || v > s->imax)
		s->imax = v;
	s->has = 1;
}

void pq_stats_str(struct pq_stats *s, const char *p, size_t n)
{
	if (!s->str_ok)
		return;
	if (n > STAT_STR_MAX) {
		s->str_ok = 0;
		return;
	}
	if (!s->has || bytes_cmp(p, n, s->smin.data, s->smin.len) < 0)
		set_bytes(&s->smin, p, n);
	if (!s->has || bytes_cmp(p, n, s->smax.data, s->smax.len) > 0)
		set_bytes(&s->smax, p, n);
	s->has = 1;
}

/* Folds a page's statistics into its chunk's. */
void pq_stats_merge(struct pq_stats *into, const struct pq_stats *from, pq_type t)
{
	into->nulls += from->nulls;
	if (t == PQ_STRING) {
		if (!from->str_ok)
			into->str_ok = 0;
		if (into->str_ok && from->has) {
			pq_stats_str(into, (const char *)from->smin.data, from->smin.len);
			pq_stats_str(into, (const char *)from->smax.data, from->smax.len);
		}
		return;
	}
	if (from->has) {
		pq_stats_int(into, from->imin);
		pq_stats_int(into, from->imax);
	}
}

/* min/max PLAIN-encoded (without a length prefix for strings), as the
 * Statistics struct wants them. */
static size_t plain_stat(const struct pq_stats *s, pq_type t, int is_max,
			 unsigned char buf[8], const void **p)
{
	if (t == PQ_STRING) {
		const tc_buf *b = is_max ? &s->smax : &s->smin;
		*p = b->data ? (const void *)b->data : (const void *)"";
		return b->len;
	}
	uint64_t v = (uint64_t)(is_max ? s->imax : s->imin);
	size_t n = t == PQ_INT64 || t == PQ_DECIMAL2 ? 8 : t == PQ_BOOLEAN ? 1 : 4;
	for (size_t i = 0; i < n; i++)
		buf[i] = (v >> (8 * i)) & 0xff;
	*p = buf;
	return n;
}

/* Writes a Statistics struct as field `id` of the current struct. */
void pq_write_stats(tc_writer *tw, int16_t id, const struct pq_stats *s, pq_type t)
{
	tc_struct_begin(tw, id);
	tc_i64(tw, 3, (int64_t)s->nulls); /* null_count */
	if (s->has && (t != PQ_STRING || s->str_ok)) {
		unsigned char bmin[8], bmax[8];
		const void *pmin, *pmax;
		size_t nmax = plain_stat(s, t, 1, bmax, &pmax);
		size_t nmin = plain_stat(s, t, 0, bmin, &pmin);
		tc_binary(tw, 5, pmax, nmax); /* max_value */
		tc_binary(tw, 6, pmin, nmin); /* min_value */
	}
	tc_struct_end(tw);
}
