/*
 * pf-emit --from-csv DIR: the CSV tables of DIR (as pf-emit or the batch
 * driver wrote them) written again as DIR/<table>.parquet. The driver
 * merges many documents' tables as CSV, which concatenates; Parquet files
 * do not, so they are made from the merged CSV, through the same sinks and
 * type checks as from the stream.
 *
 * libcsv reads strictly: CSV_STRICT and CSV_STRICT_FINI refuse malformed
 * quoting and a cut-off last field, CSV_EMPTY_IS_NULL gives NULL for an
 * empty unquoted field (our null) and "" for a quoted one (an empty
 * string), and CSV_APPEND_NULL terminates every field.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "msg.h"
#include "xalloc.h"

#define MAX_COLS 64

typedef struct reader {
	const em_table *t;
	em_sink *sink;
	char *field[MAX_COLS];
	size_t nfield;
	long row;          /* rows read, the header included */
	int bad;           /* a row that does not fit the table */
	const char *path;
} reader;

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;
	(void)len;
	if (r->nfield < MAX_COLS)
		r->field[r->nfield] = pf_xstrdup(s);
	r->nfield++;
}

static void on_row(int c, void *data)
{
	reader *r = data;
	(void)c;
	size_t n = r->nfield < MAX_COLS ? r->nfield : MAX_COLS;
	if (r->nfield != r->t->ncols) {
		if (!r->bad)
			pf_msg("'%s' row %ld: %zu fields, the table has %zu", r->path, r->row + 1,
			       r->nfield, r->t->ncols);
		r->bad = 1;
	} else if (r->row == 0) {
		/* the header must name the contract's columns, in order */
		for (size_t i = 0; i < n; i++)
			if (!r->field[i] || strcmp(r->field[i], r->t->cols[i].name) != 0) {
				pf_msg("'%s': column %zu is '%s', the table has '%s'", r->path, i + 1,
				       r->field[i] ? r->field[i] : "", r->t->cols[i].name);
				r->bad = 1;
				break;
			}
	} else if (!r->bad) {
		em_sink_row(r->sink, (const char *const *)r->field, n);
	}
	for (size_t i = 0; i < n; i++) {
		free(r->field[i]);
		r->field[i] = NULL;
	}
	r->nfield = 0;
	r->row++;
}

/* One table: DIR/<t>.csv -> DIR/<t>.parquet. Returns 0 or -1. */
static int convert(const em_table *t, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.csv", dir, t->name);
	FILE *in = fopen(path, "rb");
	if (!in) {
		pf_msg("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	reader r = { .t = t, .path = path };
	r.sink = em_sink_open(t, dir, EM_PARQUET);
	if (!r.sink) {
		fclose(in);
		return -1;
	}
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
	/* keep spaces inside unquoted fields as they are */
	csv_set_space_func(&p, NULL);
	char buf[65536];
	size_t got;
	int rc = 0;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
		if (csv_parse(&p, buf, got, on_field, on_row, &r) != got) {
			pf_msg("'%s': %s", path, csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && (ferror(in) || csv_fini(&p, on_field, on_row, &r) != 0)) {
		pf_msg("'%s': %s", path, ferror(in) ? strerror(errno) : csv_strerror(csv_error(&p)));
		rc = -1;
	}
	csv_free(&p);
	fclose(in);
	/* a row cut off by a parse error never reached on_row */
	for (size_t i = 0; i < r.nfield && i < MAX_COLS; i++)
		free(r.field[i]);
	if (r.bad || r.row == 0)
		rc = -1;
	if (r.row == 0)
		pf_msg("'%s' has no header row", path);
	if (em_sink_close(r.sink, rc == 0) < 0)
		rc = -1;
	return rc;
}

int em_from_csv(const char *dir)
{
	int rc = 0;
	for (size_t i = 0; i < em_ntables; i++)
		if (convert(&em_tables[i], dir) < 0)
			rc = -1;
	return rc;
}
