/*
 * pf-emit — write the stream as warehouse tables (docs/schema.md).
 *
 * Records in:  doc, meta, end (documents); attendee, para, section,
 *              decision, amount, motion, error (one table each, the
 *              record's fields are the columns); others are ignored
 * Files out:   DIR/<table>.csv for every table of schema.c, always all of
 *              them (a table with no rows has its header), or .csv.gz
 * Exit codes:  0 ok; 1 the stream reported a failed document (errors.csv has
 *              a row of severity error); 2 usage error; 3 malformed stream
 *              or a file could not be written
 *
 * Every table is written to a temporary file in DIR and renamed into place
 * only when the whole stream was read, so a killed run never leaves a table
 * that looks complete.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "msg.h"
#include "records.h"
#include "stage.h"
#include "xalloc.h"

static const char usage_head[] =
	"usage: pf-emit --out DIR [--format csv|parquet|both] [--gzip] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and writes one file\n"
	"per table and format into DIR (created if missing). Every file is written,\n"
	"with its header row even when empty, and replaced atomically at the end of\n"
	"the stream. docs/schema.md describes every column. The tables:\n"
	"\n";
static const char usage[] =
	"\n"
	"  -o, --out DIR   where the tables go (required)\n"
	"  -f, --format F  csv (default), parquet, or both\n"
	"  -z, --gzip      write DIR/<table>.csv.gz instead of .csv\n"
	"  --from-csv DIR  write DIR/<table>.parquet from the DIR/<table>.csv that\n"
	"                  pf-emit or paragraf wrote (reads no stream), and exit\n"
	"  --schema D      print the tables as CREATE TABLE statements for D =\n"
	"                  postgres or duckdb, or as markdown, and exit\n"
	"\n"
	PF_EXIT_HELP("some document failed (see errors.csv)",
		     "malformed input stream, a file not written");

/* --help: the head, every table of schema.c with what it holds, the rest. */
static int print_usage(void)
{
	fputs(usage_head, stdout);
	for (size_t i = 0; i < em_ntables; i++)
		printf("  %-12s %s\n", em_tables[i].name, em_tables[i].about);
	fputs(usage, stdout);
	return fclose(stdout) == 0 ? PF_EXIT_OK : PF_EXIT_IO;
}

/* The open document's doc and meta records: its documents row is written
 * at its end record (the text layer is known only then). */
typedef struct held_doc {
	char *field[PF_DOC_NFIELD];
	char *meta[PF_META_NFIELD_ALL];
	int open;
	long failed_checks, warnings, errors; /* its rows in checks and errors */
	long checks;           /* checks.seq */
	char *para_no, *para_letter; /* the last para record's */
} held_doc;

#define MAX_FORMATS 3

typedef struct emit {
	em_sink *sink[32][MAX_FORMATS];
	int nformats;
	held_doc doc;
	int failed;        /* an error row of severity error was written */
} emit;

static void write_row(emit *e, const em_table *t, const char *const *v, size_t n)
{
	/* A row without its key (null, or not of the key's type) cannot go
	 * in: the warehouse's key is NOT NULL and Parquet's column REQUIRED,
	 * and one such row would lose the whole file. It becomes a warning
	 * row in errors instead; the other rows go on. */
	for (size_t i = 0; i < t->ncols; i++) {
		if (!t->cols[i].key || em_fits(t->cols[i].type, i < n ? v[i] : NULL))
			continue;
		char msg[256];
		snprintf(msg, sizeof msg, "%s row left out: key column %s is %s", t->name,
			 t->cols[i].name, i < n && v[i] ? "not of its type" : "null");
		pf_msg("warning: %s", msg);
		const char *ev[] = { n > 0 && em_fits(EM_ID, v[0]) ? v[0] : NULL, NULL,
				     "pf-emit", "warning", msg };
		write_row(e, em_table_named("errors"), ev, sizeof ev / sizeof ev[0]);
		return;
	}
	for (int f = 0; f < e->nformats; f++)
		em_sink_row(e->sink[t - em_tables][f], v, n);
	/* what documents.quality counts: rows about the open document */
	held_doc *d = &e->doc;
	if (!d->open || n == 0 || !v[0] || !d->field[PF_FIELD_DOC] ||
	    strcmp(v[0], d->field[PF_FIELD_DOC]) != 0)
		return;
	if (strcmp(t->name, "checks") == 0) {
		for (size_t i = 0; i < t->ncols && i < n; i++)
			if (strcmp(t->cols[i].name, "ok") == 0 && v[i] && strcmp(v[i], "false") == 0)
				d->failed_checks++;
	} else if (strcmp(t->name, "errors") == 0 && n > 3 && v[3]) {
		if (strcmp(v[3], "warning") == 0)
			d->warnings++;
		else
			d->errors++;
	}
}

static void hold(char **dst, const pf_record *rec, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(dst[i]);
		const char *f = pf_field(rec, i);
		dst[i] = pf_xstrdup(f);
	}
}

static void forget(char **dst, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(dst[i]);
		dst[i] = NULL;
	}
}

static void forget_doc_state(held_doc *d)
{
	free(d->para_no);
	free(d->para_letter);
	d->para_no = d->para_letter = NULL;
	d->failed_checks = d->warnings = d->errors = d->checks = 0;
}

/* The row of a record: each column from the record field schema.c names
 * for it (t->field), but for the two columns pf-emit fills itself. para_letter (every table with a
 * para_no): the letter of the last para record (its last field) when that
 * has the record's para_no - every record of a paragraph follows its para
 * record - else ""; null with a null para_no. checks.seq: the check's order
 * in its document. */
static size_t fill_row(emit *e, const em_table *t, const pf_record *rec, const char **v,
		       char *seq, size_t seqlen)
{
	held_doc *d = &e->doc;
	const char *para_no = NULL;
	int checks = strcmp(t->name, "checks") == 0;
	for (size_t i = 0; i < t->ncols; i++) {
		const char *name = t->cols[i].name;
		if (strcmp(name, "para_letter") == 0) {
			v[i] = !para_no ? NULL :
			       d->para_no && d->para_letter && strcmp(d->para_no, para_no) == 0 ?
				       d->para_letter : "";
		} else if (checks && strcmp(name, "seq") == 0) {
			snprintf(seq, seqlen, "%ld", ++d->checks);
			v[i] = seq;
		} else {
			v[i] = pf_field(rec, (size_t)t->field[i]);
			if (strcmp(name, "para_no") == 0)
				para_no = v[i];
		}
	}
	return t->ncols;
}

/* The end record's trust (0.00-1.00) as whole per cent, into buf; NULL
 * when absent (no text layer, or a stream from before the field). */
static const char *trust_pct(const char *trust, char *buf, size_t size)
{
	char *end;
	double t = trust ? strtod(trust, &end) : NAN;
	if (!trust || end == trust || *end || !(t >= 0 && t <= 1))
		return NULL;
	snprintf(buf, size, "%d", (int)lround(t * 100));
	return buf;
}

/* One documents row: doc record; text layer, trust and OCR'd pages from
 * the end record (NULL when the document never ended); metadata from the
 * meta record; quality from the document's rows in checks and errors. */
static void write_document(emit *e, const pf_record *end)
{
	held_doc *d = &e->doc;
	char failed[24], warnings[24], pct[8];
	const char *text_layer = end ? pf_field(end, PF_END_TEXT_LAYER) : NULL;
	snprintf(failed, sizeof failed, "%ld", d->failed_checks);
	snprintf(warnings, sizeof warnings, "%ld", d->warnings);
	/* a document whose stream ended before its end record is not whole */
	const char *quality = d->errors || !end ? "failed" :
			      d->failed_checks ? "failed_checks" : d->warnings ? "warnings" : "ok";
	const char *v[] = {
		d->field[PF_FIELD_DOC], d->field[PF_DOC_SOURCE], d->field[PF_DOC_SHA256],
		d->field[PF_DOC_PAGES], d->field[PF_DOC_PRODUCER], text_layer,
		d->meta[PF_META_ORGANIZATION], d->meta[PF_META_ORGAN], d->meta[PF_META_DOC_TYPE],
		d->meta[PF_META_DATE], d->meta[PF_META_END_DATE], d->meta[PF_META_TIME],
		d->meta[PF_META_END_TIME], d->meta[PF_META_PLACE],
		d->meta[PF_META_DNR], quality, failed, warnings,
		end ? trust_pct(pf_field(end, PF_END_TRUST), pct, sizeof pct) : NULL,
		end ? pf_field(end, PF_END_OCR_PAGES) : NULL,
	};
	write_row(e, em_table_named("documents"), v, sizeof v / sizeof v[0]);
	forget(d->field, PF_DOC_NFIELD);
	forget(d->meta, PF_META_NFIELD_ALL);
	forget_doc_state(d);
	d->open = 0;
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	emit *e = ctx;
	(void)w;
	const char *type = pf_field(rec, PF_FIELD_TYPE);
	if (pf_record_is(rec, PF_DOC)) {
		if (e->doc.open)
			write_document(e, NULL);
		hold(e->doc.field, rec, PF_DOC_NFIELD);
		e->doc.open = 1;
		return 0;
	}
	if (pf_record_is(rec, PF_META)) {
		hold(e->doc.meta, rec, PF_META_NFIELD_ALL);
		return 0;
	}
	if (pf_record_is(rec, PF_END)) {
		if (e->doc.open)
			write_document(e, rec);
		return 0;
	}
	const em_table *t = em_table_for_record(type);
	if (!t)
		return 0;
	if (pf_record_is(rec, PF_PARA)) {
		free(e->doc.para_no);
		free(e->doc.para_letter);
		const char *no = pf_field(rec, PF_PARA_NO), *letter = pf_field(rec, PF_PARA_LETTER);
		e->doc.para_no = pf_xstrdup(no);
		e->doc.para_letter = pf_xstrdup(letter ? letter : "");
	}
	const char *v[64];
	char seq[24];
	write_row(e, t, v, fill_row(e, t, rec, v, seq, sizeof seq));
	if (pf_record_is(rec, PF_ERROR)) {
		const char *severity = pf_field(rec, PF_ERROR_SEVERITY);
		if (severity && strcmp(severity, "error") == 0)
			e->failed = 1;
	}
	return 0;
}

/* Runs the inputs through each(). pf-emit is the sink, so the error record
 * the stage frame writes for a malformed stream goes to a memory stream and
 * is read back through each() into errors.csv like any other. */
static int run(emit *e, char **files, int nfiles)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *own = open_memstream(&mem, &memlen);
	if (!own) {
		pf_msg("out of memory");
		return PF_EXIT_IO;
	}
	pf_writer w;
	pf_writer_init(&w, own);
	int status = pf_stage_run("pf-emit", files, nfiles, &w, each, e);
	fclose(own);
	FILE *back = fmemopen(mem, memlen, "r");
	pf_reader *r = back ? pf_reader_new(back, "pf-emit") : NULL;
	const pf_record *rec;
	while (r && pf_reader_next(r, &rec) > 0)
		each(e, NULL, rec);
	pf_reader_free(r);
	if (back)
		fclose(back);
	free(mem);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "gzip", no_argument, NULL, 'z' },
		{ "format", required_argument, NULL, 'f' },
		{ "schema", required_argument, NULL, 's' },
		{ "from-csv", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *format = "csv";
	int c, gzip = 0;
	pf_set_prog(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:zf:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			return em_from_csv(optarg) == 0 ? PF_EXIT_OK : PF_EXIT_IO;
		case 's':
			if (em_print_schema(optarg, stdout) < 0) {
				return pf_usage_error(NULL, "--schema must be postgres, duckdb or "
						      "markdown, not '%s'", optarg);
			}
			return fclose(stdout) == 0 ? PF_EXIT_OK : PF_EXIT_IO;
		case 'o': dir = optarg; break;
		case 'z': gzip = 1; break;
		case 'f': format = optarg; break;
		case 'h': return print_usage();
		case 'V': puts("pf-emit " PF_VERSION); return PF_EXIT_OK;
		default:
			return pf_bad_option(NULL, argv, c);
		}
	}
	if (!dir)
		return pf_usage_error(NULL, "--out DIR is required");
	emit e = { 0 };
	em_format formats[MAX_FORMATS];
	if (strcmp(format, "csv") == 0 || strcmp(format, "both") == 0)
		formats[e.nformats++] = gzip ? EM_CSV_GZ : EM_CSV;
	if (strcmp(format, "parquet") == 0 || strcmp(format, "both") == 0)
		formats[e.nformats++] = EM_PARQUET;
	if (e.nformats == 0) {
		return pf_usage_error(NULL, "--format must be csv, parquet or both, not '%s'", format);
	}
	if (em_make_dir(dir) < 0)
		return PF_EXIT_IO;

	int status = PF_EXIT_OK, opened = 1;
	for (size_t i = 0; i < em_ntables && opened; i++)
		for (int f = 0; f < e.nformats && opened; f++)
			if (!(e.sink[i][f] = em_sink_open(&em_tables[i], dir, formats[f])))
				opened = 0, status = PF_EXIT_IO;
	if (opened) {
		status = run(&e, argv + optind, argc - optind);
		if (e.doc.open)
			write_document(&e, NULL);
	}
	/* Even after a malformed stream, what was read is committed: errors.csv
	 * says where the stream broke, so nothing is silently dropped. A file
	 * that could not be opened or written commits nothing. */
	for (size_t i = 0; i < em_ntables; i++)
		for (int f = 0; f < e.nformats; f++)
			if (e.sink[i][f] && em_sink_close(e.sink[i][f], opened) < 0)
				status = PF_EXIT_IO;
	forget(e.doc.field, PF_DOC_NFIELD);
	forget(e.doc.meta, PF_META_NFIELD_ALL);
	forget_doc_state(&e.doc);
	if (status == PF_EXIT_OK && e.failed)
		status = PF_EXIT_DOCS_FAILED;
	return status;
}
