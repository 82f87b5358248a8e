/*
 * CSV as pf-emit writes it (RFC 4180): the driver reads a document's
 * errors.csv and documents.csv rows (which stage failed, how many pages)
 * and writes its own errors rows in the same form. Merging tables never
 * parses rows: it copies each file's bytes after the header line.
 */
#include <stdlib.h>
#include <string.h>

#include "paragraf.h"

void pg_csv_put(pg_buf *row, const char *v, int first)
{
	if (!first)
		pg_buf_addc(row, ',');
	if (!v)
		return;
	if (*v && !strpbrk(v, ",\"\r\n")) {
		pg_buf_adds(row, v);
		return;
	}
	pg_buf_addc(row, '"');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			pg_buf_addc(row, '"');
		pg_buf_addc(row, *p);
	}
	pg_buf_addc(row, '"');
}

void pg_csv_init(pg_csv *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + len;
}

static void new_field(pg_csv *r)
{
	if (r->nfield == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->off = pg_xrealloc(r->off, r->cap * sizeof *r->off);
	}
	r->off[r->nfield++] = r->text.len;
}

int pg_csv_next(pg_csv *r)
{
	r->text.len = 0;
	r->nfield = 0;
	r->row_start = r->p;
	if (r->p >= r->end)
		return 0;
	new_field(r);
	int quoted = 0;
	while (r->p < r->end) {
		char c = *r->p++;
		if (quoted) {
			if (c != '"') {
				pg_buf_addc(&r->text, c);
			} else if (r->p < r->end && *r->p == '"') {
				pg_buf_addc(&r->text, '"');
				r->p++;
			} else {
				quoted = 0;
			}
		} else if (c == '"') {
			quoted = 1;
		} else if (c == ',') {
			pg_buf_addc(&r->text, '\0');
			new_field(r);
		} else if (c == '\n') {
			break;
		} else if (c != '\r') {
			pg_buf_addc(&r->text, c);
		}
	}
	pg_buf_addc(&r->text, '\0');
	return quoted ? -1 : 1;
}

const char *pg_csv_field(const pg_csv *r, size_t i)
{
	return i < r->nfield ? r->text.data + r->off[i] : "";
}

int pg_csv_find(const pg_csv *r, const char *name)
{
	for (size_t i = 0; i < r->nfield; i++)
		if (strcmp(pg_csv_field(r, i), name) == 0)
			return (int)i;
	return -1;
}

void pg_csv_free(pg_csv *r)
{
	pg_buf_free(&r->text);
	free(r->off);
	r->off = NULL;
}
