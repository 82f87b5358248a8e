/*
 * One table file. Values are checked against their column's type and text
 * is cleaned here, once, whatever the format. A CSV row is built in memory
 * with libcsv's csv_write (RFC 4180 quoting) and written whole, to a FILE
 * or through zlib's gzFile, so plain and gzip output share every line of
 * the formatting; a Parquet row goes to lib/parquet.c typed.
 *
 * A field is quoted only when it must be or when it is an empty string, so
 * that "" (empty) and nothing (null) stay apart, as PostgreSQL's COPY ...
 * CSV reads them.
 */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "emit.h"
#include "msg.h"
#include "parquet.h"
#include "xalloc.h"

struct em_sink {
	const em_table *t;
	em_format format;
	char *path, *tmp;
	FILE *f;
	gzFile gz;
	pq_writer *pq;
	char *row, *field;  /* row buffer and scratch for one value */
	size_t row_len, row_cap, field_cap;
	int failed;
};

int em_make_dir(const char *dir)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		pf_msg("cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static void grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	*buf = pf_xrealloc(*buf, c);
	*cap = c;
}

static void append(em_sink *s, const char *p, size_t n)
{
	grow(&s->row, &s->row_cap, s->row_len + n + 1);
	memcpy(s->row + s->row_len, p, n);
	s->row_len += n;
}

static void put_field(em_sink *s, int first, const char *v)
{
	if (!first)
		append(s, ",", 1);
	if (!v)
		return;
	size_t n = strlen(v);
	if (n > 0 && !strpbrk(v, ",\"\r\n")) {
		append(s, v, n);
		return;
	}
	/* csv_write says how much room it needs: at most 2n + 2 */
	grow(&s->field, &s->field_cap, 2 * n + 3);
	size_t k = csv_write(s->field, s->field_cap, v, n);
	append(s, s->field, k);
}

/* Collapses whitespace: all of it for EM_TEXT; for EM_BLOCK spaces and
 * tabs collapse but a line break stays (runs of them become one). */
static char *clean_text(em_sink *s, const char *v, int keep_breaks)
{
	size_t n = strlen(v);
	grow(&s->field, &s->field_cap, n + 1);
	char *out = s->field;
	size_t o = 0;
	int pending = 0; /* 1 space, 2 line break */
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (isspace((unsigned char)c)) {
			int kind = keep_breaks && c == '\n' ? 2 : 1;
			if (o > 0 && kind > pending)
				pending = kind;
			continue;
		}
		if (pending)
			out[o++] = pending == 2 ? '\n' : ' ';
		pending = 0;
		out[o++] = c;
	}
	out[o] = '\0';
	return pf_xstrdup(out);
}

/* Digits that fit the column: a number out of range would be cut to 32
 * bits in Parquet and refused by the warehouse's COPY in CSV. */
static int is_integer(const char *v, em_type type)
{
	const char *p = v + (*v == '-');
	if (!*p)
		return 0;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	errno = 0;
	long long n = strtoll(v, NULL, 10);
	if (errno)
		return 0;
	return type == EM_BIGINT || (n >= INT32_MIN && n <= INT32_MAX);
}

/* "6425.10", "-177000000", "12.5": a number the warehouse's numeric(18,2)
 * takes; *hundredths gets it scaled (Parquet's DECIMAL(18,2)). */
static int decimal_value(const char *v, int64_t *hundredths)
{
	const char *p = v + (*v == '-');
	int64_t n = 0;
	int digits = 0, frac = -1;
	for (; *p; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || (frac >= 0 && frac == 2) || digits >= 16)
			return 0;
		n = n * 10 + (*p - '0');
		if (frac >= 0)
			frac++;
		else
			digits++;
	}
	if (digits == 0 || frac == 0)
		return 0;
	for (int k = frac < 0 ? 0 : frac; k < 2; k++)
		n *= 10;
	*hundredths = *v == '-' ? -n : n;
	return 1;
}

/* A date of the calendar, as Parquet's and the warehouse's date types take
 * it (2025-02-30 is none). */
static int is_date(const char *v)
{
	int32_t days;
	return pq_parse_date(v, strlen(v), &days) == 0;
}

/* A time of day, "HH:MM" or "HH:MM:SS", 00:00 to 23:59:59. */
static int is_time(const char *v)
{
	int32_t ms;
	return pq_parse_time(v, strlen(v), &ms) == 0;
}

int em_fits(em_type type, const char *v)
{
	if (!v)
		return 0;
	switch (type) {
	case EM_INT:
	case EM_BIGINT:
		return is_integer(v, type);
	case EM_DATE:
		return is_date(v);
	case EM_TIME:
		return is_time(v);
	case EM_DECIMAL: {
		int64_t h;
		return decimal_value(v, &h);
	}
	default:
		return 1;
	}
}

/* The value as the column's type allows it: NULL when it does not fit;
 * text cleaned into *owned (the caller frees it). */
static const char *typed(em_sink *s, em_type type, const char *val, char **owned)
{
	*owned = NULL;
	if (!val)
		return NULL;
	switch (type) {
	case EM_INT:
	case EM_BIGINT:
		return is_integer(val, type) ? val : NULL;
	case EM_DATE:
		return is_date(val) ? val : NULL;
	case EM_TIME:
		return is_time(val) ? val : NULL;
	case EM_DECIMAL: {
		int64_t h;
		return decimal_value(val, &h) ? val : NULL;
	}
	case EM_BOOL:
		return strcmp(val, "1") == 0 || strcmp(val, "true") == 0 ? "true" : "false";
	case EM_TEXT:
	case EM_BLOCK:
		return *owned = clean_text(s, val, type == EM_BLOCK);
	case EM_ID:
		break;
	}
	return val;
}

static void parquet_value(em_sink *s, size_t col, em_type type, const char *val)
{
	if (!val) {
		pq_set_null(s->pq, col);
		return;
	}
	int32_t days, ms;
	switch (type) {
	case EM_INT:
		pq_set_i32(s->pq, col, (int32_t)strtol(val, NULL, 10));
		break;
	case EM_BIGINT:
		pq_set_i64(s->pq, col, strtoll(val, NULL, 10));
		break;
	case EM_DATE:
		if (pq_parse_date(val, strlen(val), &days) == 0)
			pq_set_date(s->pq, col, days);
		else
			pq_set_null(s->pq, col);
		break;
	case EM_TIME:
		if (pq_parse_time(val, strlen(val), &ms) == 0)
			pq_set_time(s->pq, col, ms);
		else
			pq_set_null(s->pq, col);
		break;
	case EM_BOOL:
		pq_set_bool(s->pq, col, strcmp(val, "true") == 0);
		break;
	case EM_DECIMAL: {
		int64_t h;
		if (decimal_value(val, &h))
			pq_set_decimal2(s->pq, col, h);
		else
			pq_set_null(s->pq, col);
		break;
	}
	default:
		pq_set_str(s->pq, col, val, strlen(val));
	}
}

void em_sink_row(em_sink *s, const char *const *v, size_t n)
{
	s->row_len = 0;
	for (size_t i = 0; i < s->t->ncols; i++) {
		char *owned;
		const char *val = typed(s, s->t->cols[i].type, i < n ? v[i] : NULL, &owned);
		if (s->pq)
			parquet_value(s, i, s->t->cols[i].type, val);
		else
			put_field(s, i == 0, val);
		free(owned);
	}
	if (s->pq) {
		if (pq_end_row(s->pq) < 0)
			s->failed = 1;
		return;
	}
	append(s, "\n", 1);
	if (s->gz) {
		if (gzwrite(s->gz, s->row, (unsigned)s->row_len) != (int)s->row_len)
			s->failed = 1;
	} else if (fwrite(s->row, 1, s->row_len, s->f) != s->row_len) {
		s->failed = 1;
	}
}

static pq_writer *parquet_open(em_sink *s)
{
	static const pq_type of[] = {
		[EM_ID] = PQ_STRING, [EM_INT] = PQ_INT32, [EM_BIGINT] = PQ_INT64,
		[EM_TEXT] = PQ_STRING, [EM_BLOCK] = PQ_STRING, [EM_DATE] = PQ_DATE,
		[EM_BOOL] = PQ_BOOLEAN, [EM_DECIMAL] = PQ_DECIMAL2, [EM_TIME] = PQ_TIME,
	};
	pq_column cols[64];
	for (size_t i = 0; i < s->t->ncols; i++)
		cols[i] = (pq_column){ s->t->cols[i].name, of[s->t->cols[i].type], s->t->cols[i].key };
	pq_options o;
	pq_options_init(&o);
	o.created_by = "paragraf version " PF_VERSION;
	/* nine tables open at once: keep each one's buffers small */
	o.page_size = 256 * 1024;
	o.row_group_size = 8u << 20;
	char err[256];
	pq_writer *w = pq_open(s->f, cols, s->t->ncols, &o, err, sizeof err);
	if (!w)
		pf_msg("cannot write '%s': %s", s->tmp, err);
	return w;
}

em_sink *em_sink_open(const em_table *t, const char *dir, em_format format)
{
	static const char *const ext[] = { [EM_CSV] = "csv", [EM_CSV_GZ] = "csv.gz",
					   [EM_PARQUET] = "parquet" };
	em_sink *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->t = t;
	s->format = format;
	if (asprintf(&s->path, "%s/%s.%s", dir, t->name, ext[format]) < 0 ||
	    asprintf(&s->tmp, "%s/.%s.%s.tmp%ld", dir, t->name, ext[format], (long)getpid()) < 0) {
		pf_msg("out of memory");
		return NULL;
	}
	s->f = fopen(s->tmp, "wb");
	if (s->f && format == EM_CSV_GZ) {
		/* gzdopen on our FILE's descriptor: mtime 0, so equal input
		 * gives equal bytes */
		s->gz = gzdopen(dup(fileno(s->f)), "wb9");
		if (!s->gz) {
			fclose(s->f);
			s->f = NULL;
		}
	}
	if (!s->f) {
		pf_msg("cannot create '%s': %s", s->tmp, strerror(errno));
		free(s->path);
		free(s->tmp);
		free(s);
		return NULL;
	}
	if (format == EM_PARQUET) {
		if (!(s->pq = parquet_open(s))) {
			fclose(s->f);
			unlink(s->tmp);
			free(s->path);
			free(s->tmp);
			free(s);
			return NULL;
		}
		return s;
	}
	/* the header goes through the same path as the rows, untyped */
	const char *names[64];
	em_column cols[64];
	for (size_t i = 0; i < t->ncols; i++) {
		names[i] = t->cols[i].name;
		cols[i] = (em_column){ t->cols[i].name, EM_ID, 0 };
	}
	em_table plain = *t;
	plain.cols = cols;
	s->t = &plain;
	em_sink_row(s, names, t->ncols);
	s->t = t;
	return s;
}

int em_sink_close(em_sink *s, int commit)
{
	int rc = 0;
	if (s->gz && gzclose(s->gz) != Z_OK)
		s->failed = 1;
	if (s->pq) {
		char err[256];
		if (!commit || s->failed)
			pq_abort(s->pq);
		else if (pq_close(s->pq, err, sizeof err) < 0) {
			pf_msg("cannot write '%s': %s", s->tmp, err);
			s->failed = 1;
		}
	}
	int bad = ferror(s->f);
	if (fclose(s->f) != 0 || bad || s->failed) {
		pf_msg("cannot write '%s': %s", s->tmp, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (commit && rc == 0) {
		if (rename(s->tmp, s->path) < 0) {
			pf_msg("cannot rename '%s': %s", s->tmp, strerror(errno));
			rc = -1;
		}
	} else {
		unlink(s->tmp);
	}
	free(s->tmp);
	free(s->path);
	free(s->row);
	free(s->field);
	free(s);
	return rc;
}
