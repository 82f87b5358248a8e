/*
 * Streaming Parquet writer (see parquet.h for the contract and
 * docs/parquet.md for the subset of the format).
 *
 * Layout of what we write:
 *   "PAR1"
 *   for each row group, for each column: one column chunk = a run of
 *     data pages (v1), each a Thrift PageHeader followed by the page body:
 *     [4-byte length + RLE/bit-packed definition levels, OPTIONAL only]
 *     [PLAIN values of the non-null rows]   (the whole body compressed)
 *   FileMetaData (Thrift compact), its length as 4 bytes LE, "PAR1"
 *
 * Memory: each column buffers its open page (values + level bits); a full
 * page is compressed into the column's chunk buffer; a full row group is
 * written to the file column after column and only its RowGroup metadata
 * (a few hundred bytes) is kept, already serialized, for the footer.
 *
 * The statistics (parquet_stats.c) and the level encoding (parquet_rle.c)
 * are in files of their own, shared through parquet_internal.h.
 */
#include "parquet.h"
#include "parquet_internal.h"
#include "thrift_compact.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* parquet.thrift enum values we use */
enum { T_BOOLEAN = 0, T_INT32 = 1, T_INT64 = 2, T_BYTE_ARRAY = 6 };
enum { CT_UTF8 = 0, CT_DECIMAL = 5, CT_DATE = 6, CT_TIME_MILLIS = 7 };
enum { LT_STRING = 1, LT_DECIMAL = 5, LT_DATE = 6, LT_TIME = 7 };
enum { TU_MILLIS = 1 }; /* TimeUnit */
enum { REP_REQUIRED = 0, REP_OPTIONAL = 1 };
enum { ENC_PLAIN = 0, ENC_RLE = 3 };
enum { PAGE_DATA = 0 };

/* Page sizes are i32 in PageHeader. Values are capped at 1 GiB and a page
 * is flushed before it would pass 1 GiB, so a page (plus gzip overhead)
 * always fits. */
#define MAX_STR_LEN (1u << 30)
#define PAGE_HARD_MAX ((size_t)1 << 30)
/* A TIME value is below this many milliseconds. */
#define PQ_DAY_MS 86400000

struct col {
	char *name;
	pq_type type;
	int required;
	int set; /* has a value (or null) in the current row */

	/* the open page */
	tc_buf values;      /* PLAIN-encoded non-null values */
	tc_buf levels;      /* definition levels, 1 bit per row, LSB first */
	uint32_t page_rows; /* rows (values + nulls) in the open page */
	uint32_t nbool;     /* BOOLEAN: values bit-packed into `values` so far */
	struct pq_stats page_st;

	/* the column chunk of the open row group: page headers + bodies */
	tc_buf chunk;
	uint64_t chunk_uncompressed; /* same, counting bodies uncompressed */
	uint64_t chunk_rows;
	struct pq_stats chunk_st;
};

struct pq_writer {
	FILE *out;
	uint64_t offset; /* bytes written = file offset of the next byte */
	struct col *cols;
	size_t ncols;

	pq_codec codec;
	size_t page_size, rg_size;
	uint64_t rg_rows_max;
	char *created_by;
	z_stream z;
	int z_ready;

	tc_buf body, zbuf, hdr; /* scratch for the page being flushed */
	tc_buf rgmeta;          /* serialized RowGroup structs, for the footer */
	uint32_t nrg;

	uint64_t rows, rg_rows;
	int row_open; /* some column was set since the last pq_end_row */
	int failed;
	char err[256];
};

/* ---- errors ---- */

static void copy_msg(char *dst, size_t size, const char *msg)
{
	if (dst && size)
		snprintf(dst, size, "%s", msg);
}

__attribute__((format(printf, 2, 3)))
static int fail(pq_writer *w, const char *fmt, ...)
{
	if (!w->failed) { /* keep the first error: later ones are its echoes */
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(w->err, sizeof w->err, fmt, ap);
		va_end(ap);
		w->failed = 1;
	}
	return -1;
}

/* ---- output ---- */

static int out_write(pq_writer *w, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, w->out) != n)
		return fail(w, "write failed: %s", strerror(errno));
	w->offset += n;
	return 0;
}

/* ---- pages and row groups ---- */

static int compress_body(pq_writer *w)
{
	z_stream *z = &w->z;
	if (deflateReset(z) != Z_OK)
		return fail(w, "gzip: deflateReset failed");
	w->zbuf.len = 0;
	uLong bound = deflateBound(z, (uLong)w->body.len);
	if (tc_buf_reserve(&w->zbuf, bound) < 0)
		return fail(w, "out of memory");
	z->next_in = w->body.data;
	z->avail_in = (uInt)w->body.len;
	z->next_out = w->zbuf.data;
	z->avail_out = (uInt)bound;
	/* bound is enough for one Z_FINISH call by zlib's own guarantee */
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return fail(w, "gzip: deflate failed: %s", z->msg ? z->msg : "?");
	w->zbuf.len = bound - z->avail_out;
	return 0;
}

/* Moves the open page of c, if any, into its chunk buffer. */
static int flush_page(pq_writer *w, struct col *c)
{
	if (c->page_rows == 0)
		return 0;

	/* body: [levels][values] */
	tc_buf *body = &w->body;
	body->len = 0;
	if (!c->required) {
		tc_buf_le32(body, 0); /* length prefix, patched below */
		size_t at = body->len;
		pq_rle_levels(body, c->levels.data, c->page_rows);
		if (!body->oom) {
			uint32_t n = (uint32_t)(body->len - at);
			for (int k = 0; k < 4; k++)
				body->data[at - 4 + k] = (n >> (8 * k)) & 0xff;
		}
	}
	tc_buf_put(body, c->values.data, c->values.len);
	if (body->oom)
		return fail(w, "out of memory");

	const tc_buf *payload = body;
	if (w->codec == PQ_GZIP) {
		if (compress_body(w) < 0)
			return -1;
		payload = &w->zbuf;
	}

	/* PageHeader */
	tc_writer tw;
	w->hdr.len = 0;
	tc_init(&tw, &w->hdr);
	tc_i32(&tw, 1, PAGE_DATA);
	tc_i32(&tw, 2, (int32_t)body->len);     /* uncompressed_page_size */
	tc_i32(&tw, 3, (int32_t)payload->len);  /* compressed_page_size */
	tc_struct_begin(&tw, 5);                /* data_page_header */
	tc_i32(&tw, 1, (int32_t)c->page_rows);  /* num_values, nulls included */
	tc_i32(&tw, 2, ENC_PLAIN);
	tc_i32(&tw, 3, ENC_RLE);                /* definition levels */
	tc_i32(&tw, 4, ENC_RLE);                /* repetition levels (none) */
	pq_write_stats(&tw, 5, &c->page_st, c->type);
	tc_struct_end(&tw);
	if (tc_finish(&tw) < 0)
		return fail(w, "out of memory");

	tc_buf_put(&c->chunk, w->hdr.data, w->hdr.len);
	tc_buf_put(&c->chunk, payload->data, payload->len);
	if (c->chunk.oom)
		return fail(w, "out of memory");
	c->chunk_uncompressed += w->hdr.len + body->len;
	c->chunk_rows += c->page_rows;
	pq_stats_merge(&c->chunk_st, &c->page_st, c->type);
	if (c->chunk_st.smin.oom || c->chunk_st.smax.oom)
		return fail(w, "out of memory");

	c->values.len = c->levels.len = 0;
	c->page_rows = c->nbool = 0;
	pq_stats_reset(&c->page_st);
	return 0;
}

static int physical_type(pq_type t)
{
	switch (t) {
	case PQ_STRING: return T_BYTE_ARRAY;
	case PQ_INT64:
	case PQ_DECIMAL2: return T_INT64;
	case PQ_BOOLEAN: return T_BOOLEAN;
	case PQ_INT32:
	case PQ_DATE:
	case PQ_TIME: break;
	}
	return T_INT32;
}

/* Writes the open row group: every column's chunk in schema order, then
 * its RowGroup metadata into w->rgmeta. */
static int flush_row_group(pq_writer *w)
{
	if (w->rg_rows == 0)
		return 0;
	for (size_t i = 0; i < w->ncols; i++)
		if (flush_page(w, &w->cols[i]) < 0)
			return -1;

	tc_writer tw;
	tc_init(&tw, &w->rgmeta);
	uint64_t rg_start = w->offset, total_unc = 0, total_comp = 0;
	tc_list_begin(&tw, 1, TC_STRUCT, (uint32_t)w->ncols); /* columns */
	for (size_t i = 0; i < w->ncols; i++) {
		struct col *c = &w->cols[i];
		uint64_t chunk_start = w->offset;
		if (out_write(w, c->chunk.data, c->chunk.len) < 0)
			return -1;
		total_unc += c->chunk_uncompressed;
		total_comp += c->chunk.len;

		tc_elem_struct_begin(&tw);               /* ColumnChunk */
		tc_i64(&tw, 2, 0);                       /* file_offset: 0, as the spec asks */
		tc_struct_begin(&tw, 3);                 /* meta_data */
		tc_i32(&tw, 1, physical_type(c->type));
		tc_list_begin(&tw, 2, TC_I32, c->required ? 1 : 2); /* encodings */
		tc_elem_i32(&tw, ENC_PLAIN);
		if (!c->required)
			tc_elem_i32(&tw, ENC_RLE);
		tc_list_begin(&tw, 3, TC_BINARY, 1);     /* path_in_schema */
		tc_elem_string(&tw, c->name);
		tc_i32(&tw, 4, (int32_t)w->codec);
		tc_i64(&tw, 5, (int64_t)c->chunk_rows);  /* num_values */
		tc_i64(&tw, 6, (int64_t)c->chunk_uncompressed);
		tc_i64(&tw, 7, (int64_t)c->chunk.len);
		tc_i64(&tw, 9, (int64_t)chunk_start);    /* data_page_offset */
		pq_write_stats(&tw, 12, &c->chunk_st, c->type);
		tc_struct_end(&tw);                      /* meta_data */
		tc_struct_end(&tw);                      /* ColumnChunk */

		c->chunk.len = 0;
		c->chunk_uncompressed = c->chunk_rows = 0;
		pq_stats_reset(&c->chunk_st);
	}
	tc_i64(&tw, 2, (int64_t)total_unc);   /* total_byte_size */
	tc_i64(&tw, 3, (int64_t)w->rg_rows);  /* num_rows */
	tc_i64(&tw, 5, (int64_t)rg_start);    /* file_offset */
	tc_i64(&tw, 6, (int64_t)total_comp);  /* total_compressed_size */
	if (w->nrg <= INT16_MAX)              /* ordinal is an i16 */
		tc_i16(&tw, 7, (int16_t)w->nrg);
	if (tc_finish(&tw) < 0)
		return fail(w, "out of memory");
	w->nrg++;
	w->rg_rows = 0;
	return 0;
}

/* Appends the FileMetaData, its length and the closing magic. */
static int write_footer(pq_writer *w)
{
	tc_buf meta = { 0 };
	tc_writer tw;
	tc_init(&tw, &meta);
	tc_i32(&tw, 1, 1); /* version: 1, what the spec advises for readers' sake */
	tc_list_begin(&tw, 2, TC_STRUCT, (uint32_t)w->ncols + 1); /* schema */
	tc_elem_struct_begin(&tw); /* the root: a group holding every column */
	tc_string(&tw, 4, "schema");
	tc_i32(&tw, 5, (int32_t)w->ncols);
	tc_struct_end(&tw);
	for (size_t i = 0; i < w->ncols; i++) {
		const struct col *c = &w->cols[i];
		tc_elem_struct_begin(&tw);
		tc_i32(&tw, 1, physical_type(c->type));
		tc_i32(&tw, 3, c->required ? REP_REQUIRED : REP_OPTIONAL);
		tc_string(&tw, 4, c->name);
		/* both the old converted_type and the LogicalType, so that old
		 * and new readers agree */
		if (c->type == PQ_STRING || c->type == PQ_DATE) {
			int is_str = c->type == PQ_STRING;
			tc_i32(&tw, 6, is_str ? CT_UTF8 : CT_DATE);
			tc_struct_begin(&tw, 10);
			tc_struct_begin(&tw, is_str ? LT_STRING : LT_DATE);
			tc_struct_end(&tw);
			tc_struct_end(&tw);
		} else if (c->type == PQ_DECIMAL2) {
			tc_i32(&tw, 6, CT_DECIMAL);
			tc_i32(&tw, 7, 2);  /* scale */
			tc_i32(&tw, 8, 18); /* precision: what INT64 holds */
			tc_struct_begin(&tw, 10);
			tc_struct_begin(&tw, LT_DECIMAL);
			tc_i32(&tw, 1, 2);
			tc_i32(&tw, 2, 18);
			tc_struct_end(&tw);
			tc_struct_end(&tw);
		} else if (c->type == PQ_TIME) {
			/* local time: the spec asks for TIME_MILLIS here too, for
			 * the readers that know only converted types */
			tc_i32(&tw, 6, CT_TIME_MILLIS);
			tc_struct_begin(&tw, 10);
			tc_struct_begin(&tw, LT_TIME);
			tc_bool(&tw, 1, 0);            /* isAdjustedToUTC */
			tc_struct_begin(&tw, 2);       /* unit */
			tc_struct_begin(&tw, TU_MILLIS);
			tc_struct_end(&tw);
			tc_struct_end(&tw);
			tc_struct_end(&tw);
			tc_struct_end(&tw);
		}
		tc_struct_end(&tw);
	}
	tc_i64(&tw, 3, (int64_t)w->rows);
	tc_list_begin(&tw, 4, TC_STRUCT, w->nrg); /* row_groups, serialized already */
	tc_buf_put(&meta, w->rgmeta.data, w->rgmeta.len);
	tc_string(&tw, 6, w->created_by);
	/* column_orders: TYPE_ORDER for every column. Required for readers to
	 * trust min_value/max_value. */
	tc_list_begin(&tw, 7, TC_STRUCT, (uint32_t)w->ncols);
	for (size_t i = 0; i < w->ncols; i++) {
		tc_elem_struct_begin(&tw);
		tc_struct_begin(&tw, 1);
		tc_struct_end(&tw);
		tc_struct_end(&tw);
	}
	int rc = tc_finish(&tw);
	if (rc == 0 && meta.len > UINT32_MAX)
		rc = -1;
	if (rc < 0) {
		tc_buf_free(&meta);
		return fail(w, "out of memory");
	}
	tc_buf tail = { 0 };
	tc_buf_le32(&tail, (uint32_t)meta.len);
	tc_buf_put(&tail, "PAR1", 4);
	rc = tail.oom ? fail(w, "out of memory") : 0;
	if (rc == 0)
		rc = out_write(w, meta.data, meta.len);
	if (rc == 0)
		rc = out_write(w, tail.data, tail.len);
	tc_buf_free(&meta);
	tc_buf_free(&tail);
	return rc;
}

/* ---- public API ---- */

void pq_options_init(pq_options *o)
{
	memset(o, 0, sizeof *o);
	o->codec = PQ_GZIP;
	o->gzip_level = 6;
	o->page_size = (size_t)1 << 20;
	o->row_group_size = (size_t)64 << 20;
	o->row_group_rows = (uint64_t)1 << 20;
	o->created_by = "paragraf";
}

static void free_writer(pq_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; w->cols && i < w->ncols; i++) {
		struct col *c = &w->cols[i];
		free(c->name);
		tc_buf_free(&c->values);
		tc_buf_free(&c->levels);
		tc_buf_free(&c->chunk);
		pq_stats_free(&c->page_st);
		pq_stats_free(&c->chunk_st);
	}
	free(w->cols);
	free(w->created_by);
	if (w->z_ready)
		deflateEnd(&w->z);
	tc_buf_free(&w->body);
	tc_buf_free(&w->zbuf);
	tc_buf_free(&w->hdr);
	tc_buf_free(&w->rgmeta);
	free(w);
}

static int open_fail(pq_writer *w, char *err, size_t errsize, const char *msg)
{
	copy_msg(err, errsize, msg ? msg : w->err);
	free_writer(w);
	return -1;
}

pq_writer *pq_open(FILE *out, const pq_column *cols, size_t ncols,
		   const pq_options *opt, char *err, size_t errsize)
{
	pq_options defaults;
	pq_options_init(&defaults);
	if (!opt)
		opt = &defaults;

	char msg[200];
	if (!out || !cols || ncols == 0) {
		copy_msg(err, errsize, "no output or no columns");
		return NULL;
	}
	if (ncols > INT32_MAX - 1) {
		copy_msg(err, errsize, "too many columns");
		return NULL;
	}
	for (size_t i = 0; i < ncols; i++) {
		const pq_column *c = &cols[i];
		if (!c->name || !*c->name) {
			snprintf(msg, sizeof msg, "column %zu: empty name", i + 1);
			copy_msg(err, errsize, msg);
			return NULL;
		}
		if ((unsigned)c->type > PQ_TIME) {
			snprintf(msg, sizeof msg, "column '%.100s': unknown type %d", c->name, (int)c->type);
			copy_msg(err, errsize, msg);
			return NULL;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(cols[j].name, c->name) == 0) {
				snprintf(msg, sizeof msg, "column '%.100s' appears twice", c->name);
				copy_msg(err, errsize, msg);
				return NULL;
			}
	}
	if (opt->codec != PQ_UNCOMPRESSED && opt->codec != PQ_GZIP) {
		copy_msg(err, errsize, "unknown codec (UNCOMPRESSED and GZIP are supported)");
		return NULL;
	}
	if (opt->codec == PQ_GZIP && (opt->gzip_level < 1 || opt->gzip_level > 9)) {
		copy_msg(err, errsize, "gzip level must be 1..9");
		return NULL;
	}
	if (opt->page_size == 0 || opt->page_size > PAGE_HARD_MAX ||
	    opt->row_group_size == 0 || opt->row_group_rows == 0) {
		copy_msg(err, errsize, "page size must be 1..2^30 bytes, row group size and rows > 0");
		return NULL;
	}

	pq_writer *w = calloc(1, sizeof *w);
	if (!w) {
		copy_msg(err, errsize, "out of memory");
		return NULL;
	}
	w->out = out;
	w->codec = opt->codec;
	w->page_size = opt->page_size;
	w->rg_size = opt->row_group_size;
	w->rg_rows_max = opt->row_group_rows;
	w->created_by = strdup(opt->created_by ? opt->created_by : "paragraf");
	w->cols = calloc(ncols, sizeof *w->cols);
	if (!w->created_by || !w->cols) {
		open_fail(w, err, errsize, "out of memory");
		return NULL;
	}
	w->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		struct col *c = &w->cols[i];
		c->type = cols[i].type;
		c->required = cols[i].required != 0;
		pq_stats_reset(&c->page_st);
		pq_stats_reset(&c->chunk_st);
		if (!(c->name = strdup(cols[i].name))) {
			open_fail(w, err, errsize, "out of memory");
			return NULL;
		}
	}
	if (w->codec == PQ_GZIP) {
		/* windowBits 15 + 16: gzip framing, which Parquet's GZIP means
		 * (RFC 1952), not the zlib framing deflateInit would give */
		if (deflateInit2(&w->z, opt->gzip_level, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK) {
			open_fail(w, err, errsize, "gzip: deflateInit2 failed");
			return NULL;
		}
		w->z_ready = 1;
	}
	if (out_write(w, "PAR1", 4) < 0) {
		open_fail(w, err, errsize, NULL);
		return NULL;
	}
	return w;
}

const char *pq_error(const pq_writer *w)
{
	return w->err;
}

uint64_t pq_rows(const pq_writer *w)
{
	return w->rows;
}

/* Common checks of the setters: the column, its type, and that it is not
 * set yet in this row. Returns the column, or NULL (writer failed). */
static struct col *col_for(pq_writer *w, size_t col, int type_ok, const char *what)
{
	if (w->failed)
		return NULL;
	if (col >= w->ncols) {
		fail(w, "row %llu: no column %zu (there are %zu)",
		     (unsigned long long)w->rows + 1, col, w->ncols);
		return NULL;
	}
	struct col *c = &w->cols[col];
	if (!type_ok) {
		fail(w, "row %llu, column '%s': %s does not fit its type",
		     (unsigned long long)w->rows + 1, c->name, what);
		return NULL;
	}
	if (c->set) {
		fail(w, "row %llu, column '%s': set twice", (unsigned long long)w->rows + 1, c->name);
		return NULL;
	}
	c->set = 1;
	w->row_open = 1;
	return c;
}

/* Records the definition level of the row just added to c's page. */
static void add_level(struct col *c, int present)
{
	if (!c->required) {
		if (c->page_rows % 8 == 0)
			tc_buf_byte(&c->levels, 0);
		if (present && !c->levels.oom)
			c->levels.data[c->page_rows / 8] |= (unsigned char)(1u << (c->page_rows % 8));
	}
	c->page_rows++;
}

static int check_mem(pq_writer *w, const struct col *c)
{
	if (c->values.oom || c->levels.oom || c->page_st.smin.oom || c->page_st.smax.oom)
		return fail(w, "out of memory");
	return 0;
}

int pq_set_str(pq_writer *w, size_t col, const char *s, size_t len)
{
	struct col *c = col_for(w, col, col < w->ncols && w->cols[col].type == PQ_STRING, "a string");
	if (!c)
		return -1;
	if (len > MAX_STR_LEN)
		return fail(w, "row %llu, column '%s': string of %zu bytes is longer than 1 GiB",
			    (unsigned long long)w->rows + 1, c->name, len);
	/* pq_end_row keeps a page under page_size (<= 1 GiB); one huge value
	 * on top could pass the 2 GiB an i32 page size can say, so such a
	 * value starts a page of its own */
	if (c->page_rows > 0 && c->values.len + c->levels.len + 4 + len > PAGE_HARD_MAX &&
	    flush_page(w, c) < 0)
		return -1;
	tc_buf_le32(&c->values, (uint32_t)len);
	tc_buf_put(&c->values, s, len);
	pq_stats_str(&c->page_st, s, len);
	add_level(c, 1);
	return check_mem(w, c);
}

/* INT32, INT64, DATE, TIME and BOOLEAN values, already range-checked. */
static int put_int(pq_writer *w, struct col *c, int64_t v)
{
	switch (c->type) {
	case PQ_INT64:
	case PQ_DECIMAL2:
		tc_buf_le64(&c->values, (uint64_t)v);
		break;
	case PQ_BOOLEAN:
		/* PLAIN booleans are bit-packed, LSB first */
		if (c->nbool % 8 == 0)
			tc_buf_byte(&c->values, 0);
		if (v && !c->values.oom)
			c->values.data[c->values.len - 1] |= (unsigned char)(1u << (c->nbool % 8));
		c->nbool++;
		break;
	default:
		tc_buf_le32(&c->values, (uint32_t)(int32_t)v);
		break;
	}
	pq_stats_int(&c->page_st, v);
	add_level(c, 1);
	return check_mem(w, c);
}

int pq_set_i64(pq_writer *w, size_t col, int64_t v)
{
	int ok = col < w->ncols && (w->cols[col].type == PQ_INT64 || w->cols[col].type == PQ_INT32);
	struct col *c = col_for(w, col, ok, "an integer");
	if (!c)
		return -1;
	if (c->type == PQ_INT32 && (v < INT32_MIN || v > INT32_MAX))
		return fail(w, "row %llu, column '%s': %lld does not fit in INT32",
			    (unsigned long long)w->rows + 1, c->name, (long long)v);
	return put_int(w, c, v);
}

int pq_set_i32(pq_writer *w, size_t col, int32_t v)
{
	return pq_set_i64(w, col, v);
}

int pq_set_decimal2(pq_writer *w, size_t col, int64_t hundredths)
{
	struct col *c = col_for(w, col, col < w->ncols && w->cols[col].type == PQ_DECIMAL2, "a decimal");
	if (!c)
		return -1;
	if (hundredths <= -1000000000000000000LL || hundredths >= 1000000000000000000LL)
		return fail(w, "row %llu, column '%s': %lld hundredths do not fit in DECIMAL(18,2)",
			    (unsigned long long)w->rows + 1, c->name, (long long)hundredths);
	return put_int(w, c, hundredths);
}

int pq_set_date(pq_writer *w, size_t col, int32_t days)
{
	struct col *c = col_for(w, col, col < w->ncols && w->cols[col].type == PQ_DATE, "a date");
	return c ? put_int(w, c, days) : -1;
}

int pq_set_time(pq_writer *w, size_t col, int32_t ms)
{
	struct col *c = col_for(w, col, col < w->ncols && w->cols[col].type == PQ_TIME, "a time");
	if (!c)
		return -1;
	if (ms < 0 || ms >= PQ_DAY_MS)
		return fail(w, "row %llu, column '%s': %ld ms is not a time of day",
			    (unsigned long long)w->rows + 1, c->name, (long)ms);
	return put_int(w, c, ms);
}

int pq_set_bool(pq_writer *w, size_t col, int v)
{
	struct col *c = col_for(w, col, col < w->ncols && w->cols[col].type == PQ_BOOLEAN, "a boolean");
	return c ? put_int(w, c, v != 0) : -1;
}

int pq_set_null(pq_writer *w, size_t col)
{
	struct col *c = col_for(w, col, 1, "null");
	if (!c)
		return -1;
	if (c->required)
		return fail(w, "row %llu, column '%s': null in a REQUIRED column",
			    (unsigned long long)w->rows + 1, c->name);
	c->page_st.nulls++;
	add_level(c, 0);
	return check_mem(w, c);
}

int pq_end_row(pq_writer *w)
{
	if (w->failed)
		return -1;
	size_t buffered = 0;
	for (size_t i = 0; i < w->ncols; i++) {
		struct col *c = &w->cols[i];
		if (!c->set) {
			if (c->required)
				return fail(w, "row %llu, column '%s': no value in a REQUIRED column",
					    (unsigned long long)w->rows + 1, c->name);
			if (pq_set_null(w, i) < 0)
				return -1;
		}
		c->set = 0;
		if (c->values.len + c->levels.len >= w->page_size && flush_page(w, c) < 0)
			return -1;
		buffered += c->chunk.len + c->values.len + c->levels.len;
	}
	w->row_open = 0;
	w->rows++;
	w->rg_rows++;
	if (w->rg_rows >= w->rg_rows_max || buffered >= w->rg_size)
		return flush_row_group(w);
	return 0;
}

int pq_close(pq_writer *w, char *err, size_t errsize)
{
	if (!w)
		return 0;
	if (!w->failed && w->row_open)
		fail(w, "row %llu was begun but not ended", (unsigned long long)w->rows + 1);
	if (!w->failed && flush_row_group(w) == 0 && write_footer(w) == 0 &&
	    fflush(w->out) != 0)
		fail(w, "write failed: %s", strerror(errno));
	if (!w->failed && ferror(w->out))
		fail(w, "write failed");
	int rc = w->failed ? -1 : 0;
	copy_msg(err, errsize, w->err);
	free_writer(w);
	return rc;
}

void pq_abort(pq_writer *w)
{
	free_writer(w);
}

/* ---- dates ---- */

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no locale or time zone involved. */
int32_t pq_days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

int pq_parse_time(const char *s, size_t len, int32_t *ms)
{
	if ((len != 5 && len != 8) || s[2] != ':' || (len == 8 && s[5] != ':'))
		return -1;
	int v[3] = { 0, 0, 0 };
	for (size_t k = 0; k * 3 < len; k++)
		for (size_t i = k * 3; i < k * 3 + 2; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v[k] = v[k] * 10 + (s[i] - '0');
		}
	if (v[0] > 23 || v[1] > 59 || v[2] > 59)
		return -1;
	*ms = ((v[0] * 60 + v[1]) * 60 + v[2]) * 1000;
	return 0;
}

int pq_parse_date(const char *s, size_t len, int32_t *days)
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int v[3] = { 0, 0, 0 };
	static const int from[3] = { 0, 5, 8 }, to[3] = { 4, 7, 10 };
	for (int k = 0; k < 3; k++)
		for (int i = from[k]; i < to[k]; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v[k] = v[k] * 10 + (s[i] - '0');
		}
	int y = v[0], m = v[1], d = v[2];
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return -1;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	*days = pq_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}
