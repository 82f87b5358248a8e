/*
 * pf-emit — write the stream as warehouse tables (docs/schema.md).
 *
 * Records in:  doc, end, para, error (others are read and ignored)
 * Files out:   DIR/documents.csv, DIR/paragraphs.csv, DIR/errors.csv
 * Exit codes:  0 ok; 1 the stream reported a failed document (errors.csv has
 *              a row of severity error); 2 usage error; 3 malformed stream
 *              or a file could not be written
 *
 * Every table is written to a temporary file in DIR and renamed into place
 * only when the whole stream was read, so a killed run never leaves a table
 * that looks complete. CSV is RFC 4180 through libcsv: a field is quoted only
 * when it must be, and null is an empty unquoted field.
 */
#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "records.h"
#include "stage.h"
#include "text.h"

static const char usage[] =
	"usage: pf-emit --out DIR [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and writes one CSV\n"
	"file per table into DIR (created if missing): documents.csv, paragraphs.csv,\n"
	"errors.csv. Files are replaced atomically at the end of the stream.\n"
	"\n"
	"  -o, --out DIR   where the tables go (required)\n"
	"\n"
	"Exit status: 0 ok, 1 some document failed (see errors.csv), 2 usage error,\n"
	"3 malformed input stream or a file could not be written.\n";

enum { T_DOCUMENTS, T_PARAGRAPHS, T_ERRORS, T_COUNT };

static const char *const documents_cols[] = {
	"doc_id", "source", "sha256", "pages", "producer", "text_layer",
	"organization", "organ", "doc_type", "meeting_date", "meeting_end_date",
	"place", "dnr", NULL
};
static const char *const paragraphs_cols[] = {
	"doc_id", "para_no", "title", "dnr", "case_owner", "officer",
	"decided_by", "page_start", "page_end", NULL
};
static const char *const errors_cols[] = {
	"doc_id", "source", "stage", "severity", "message", NULL
};

struct table {
	const char *name;
	const char *const *cols;
	char *path, *tmp;
	FILE *f;
	int ncol; /* columns written in the current row */
};

struct emit {
	struct table t[T_COUNT];
	char *scratch;     /* for whitespace collapsing */
	size_t scratch_cap;
	char *doc[PF_DOC_NFIELD]; /* the open document's doc record */
	int doc_open;
	int failed;        /* an error row of severity error was written */
	int write_error;
};

/* ---- CSV rows ---- */

static void row_sep(struct table *t)
{
	if (t->ncol++ > 0)
		putc(',', t->f);
}

static void col_null(struct table *t)
{
	row_sep(t);
}

/* A field is quoted only when RFC 4180 needs it, or when it is empty (so an
 * empty string stays distinct from null). */
static void col_str(struct table *t, const char *s)
{
	row_sep(t);
	if (!s)
		return;
	if (!*s || strpbrk(s, ",\"\r\n"))
		csv_fwrite(t->f, s, strlen(s));
	else
		fputs(s, t->f);
}

/* Text columns: whitespace collapsed, as the contract says. */
static void col_text(struct emit *e, struct table *t, const char *s)
{
	if (!s) {
		col_null(t);
		return;
	}
	size_t n = strlen(s);
	if (n + 1 > e->scratch_cap) {
		char *b = realloc(e->scratch, n + 1);
		if (!b) {
			e->write_error = ENOMEM;
			col_null(t);
			return;
		}
		e->scratch = b;
		e->scratch_cap = n + 1;
	}
	pf_collapse_space(s, n, e->scratch);
	col_str(t, e->scratch);
}

static void row_end(struct table *t)
{
	putc('\n', t->f);
	t->ncol = 0;
}

/* ---- files ---- */

static int open_tables(struct emit *e, const char *dir)
{
	static const struct { const char *name; const char *const *cols; } spec[T_COUNT] = {
		[T_DOCUMENTS] = { "documents", documents_cols },
		[T_PARAGRAPHS] = { "paragraphs", paragraphs_cols },
		[T_ERRORS] = { "errors", errors_cols },
	};
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		pf_msg("cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < T_COUNT; i++) {
		struct table *t = &e->t[i];
		t->name = spec[i].name;
		t->cols = spec[i].cols;
		if (asprintf(&t->path, "%s/%s.csv", dir, t->name) < 0 ||
		    asprintf(&t->tmp, "%s/.%s.csv.tmp%ld", dir, t->name, (long)getpid()) < 0) {
			pf_msg("out of memory");
			return -1;
		}
		t->f = fopen(t->tmp, "w");
		if (!t->f) {
			pf_msg("cannot create '%s': %s", t->tmp, strerror(errno));
			return -1;
		}
		for (const char *const *c = t->cols; *c; c++)
			col_str(t, *c);
		row_end(t);
	}
	return 0;
}

/* Closes every table; renames them into place when `commit`, else removes
 * the temporary files. Returns -1 if a file could not be written. */
static int close_tables(struct emit *e, int commit)
{
	int rc = 0;
	for (int i = 0; i < T_COUNT; i++) {
		struct table *t = &e->t[i];
		if (t->f) {
			int bad = ferror(t->f);
			if (fclose(t->f) != 0 || bad) {
				pf_msg("cannot write '%s': %s", t->tmp, strerror(errno ? errno : EIO));
				rc = -1;
			}
			t->f = NULL;
		}
	}
	for (int i = 0; i < T_COUNT; i++) {
		struct table *t = &e->t[i];
		if (!t->tmp)
			continue;
		if (commit && rc == 0) {
			if (rename(t->tmp, t->path) < 0) {
				pf_msg("cannot rename '%s': %s", t->tmp, strerror(errno));
				rc = -1;
			}
		} else {
			unlink(t->tmp);
		}
		free(t->tmp);
		free(t->path);
	}
	return rc;
}

/* ---- records ---- */

static void doc_clear(struct emit *e)
{
	for (int i = 0; i < PF_DOC_NFIELD; i++) {
		free(e->doc[i]);
		e->doc[i] = NULL;
	}
	e->doc_open = 0;
}

/* One documents row from the held doc record and the end record's text
 * layer (NULL when the document never ended). */
static void write_document(struct emit *e, const char *text_layer)
{
	struct table *t = &e->t[T_DOCUMENTS];
	col_str(t, e->doc[PF_FIELD_DOC]);
	col_text(e, t, e->doc[PF_DOC_SOURCE]);
	col_str(t, e->doc[PF_DOC_SHA256]);
	col_str(t, e->doc[PF_DOC_PAGES]);
	col_text(e, t, e->doc[PF_DOC_PRODUCER]);
	col_str(t, text_layer);
	/* organization .. dnr come with pf-segment's metadata (issue #5) */
	for (int i = 0; i < 7; i++)
		col_null(t);
	row_end(t);
	doc_clear(e);
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	struct emit *e = ctx;
	(void)w;
	if (pf_record_is(rec, PF_DOC)) {
		if (e->doc_open)
			write_document(e, NULL);
		for (int i = 0; i < PF_DOC_NFIELD; i++) {
			const char *f = pf_field(rec, (size_t)i);
			if (f && !(e->doc[i] = strdup(f))) {
				pf_msg("out of memory");
				return -1;
			}
		}
		e->doc_open = 1;
	} else if (pf_record_is(rec, PF_END)) {
		if (e->doc_open)
			write_document(e, pf_field(rec, PF_END_TEXT_LAYER));
	} else if (pf_record_is(rec, PF_PARA)) {
		struct table *t = &e->t[T_PARAGRAPHS];
		col_str(t, pf_field(rec, PF_FIELD_DOC));
		col_str(t, pf_field(rec, PF_PARA_NO));
		col_text(e, t, pf_field(rec, PF_PARA_TITLE));
		for (int i = 0; i < 4; i++) /* dnr .. decided_by: issue #5 */
			col_null(t);
		col_str(t, pf_field(rec, PF_PARA_PAGE));
		col_null(t);
		row_end(t);
	} else if (pf_record_is(rec, PF_ERROR)) {
		struct table *t = &e->t[T_ERRORS];
		const char *severity = pf_field(rec, PF_ERROR_SEVERITY);
		for (size_t i = PF_FIELD_DOC; i < PF_ERROR_NFIELD; i++)
			col_text(e, t, pf_field(rec, i));
		row_end(t);
		if (severity && strcmp(severity, "error") == 0)
			e->failed = 1;
	}
	return 0;
}

/* Runs the inputs through each(). pf-emit is the sink, so the error record
 * the stage frame writes for a malformed stream goes to a memory stream and
 * is read back through each() into errors.csv like any other. */
static int run(struct emit *e, char **files, int nfiles)
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL;
	int c;
	pf_set_prog(argv[0]);
	while ((c = getopt_long(argc, argv, "o:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'h': fputs(usage, stdout); return PF_EXIT_OK;
		case 'V': puts("pf-emit " PF_VERSION); return PF_EXIT_OK;
		default: fputs(usage, stderr); return PF_EXIT_USAGE;
		}
	}
	if (!dir) {
		pf_msg("--out DIR is required");
		fputs(usage, stderr);
		return PF_EXIT_USAGE;
	}

	struct emit e = { 0 };
	if (open_tables(&e, dir) < 0) {
		close_tables(&e, 0);
		return PF_EXIT_IO;
	}
	int status = run(&e, argv + optind, argc - optind);
	if (e.doc_open)
		write_document(&e, NULL);
	/* Even after a malformed stream, what was read is committed: errors.csv
	 * says where the stream broke, so nothing is silently dropped. */
	if (close_tables(&e, 1) < 0 || e.write_error)
		status = PF_EXIT_IO;
	doc_clear(&e);
	free(e.scratch);
	if (status == PF_EXIT_OK && e.failed)
		status = PF_EXIT_DOCS_FAILED;
	return status;
}
