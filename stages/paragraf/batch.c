/*
 * paragraf run: batches. Starting a pipe of five processes costs more than
 * reading a born-digital PDF of a few pages, so plain PDF files go through
 * one pipe several at a time ([run] batch, run -b): pf-pdftext gets their
 * paths, and every stage streams the documents one after the other (each
 * record carries its doc_id). When the pipe has ended, the last stage's
 * tables are split by doc_id into a folder per document, holding the very
 * bytes a pipe of its own would have written, and finish.c judges and
 * stores each document as usual.
 *
 * What the batch cannot vouch for runs again alone, the old way:
 *   - every document of it, when a process was killed by a signal, exited
 *     with 2 or more, the batch ran past its timeout ([run] timeout times
 *     its documents), or a row names no document of the batch (or none);
 *   - only the documents with rows of severity error, or without a
 *     documents row, when the pipe ended with 0 or 1 (a stage's exit 1 is
 *     a document that failed).
 * So a failure is judged, reported and quarantined exactly as when the
 * document runs alone, and one bad PDF costs the others nothing.
 *
 * Batched: files named by their path (not archive members, which are read
 * into memory one by one), when the chain's first stage is pf-pdftext. A
 * batch holds min(batch, ceil(documents to run / jobs)) documents, so that
 * -j 2 keeps two cores busy on a small run.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "msg.h"
#include "paragraf.h"
#include "run.h"

/* ---- planning and starting ---- */

void pg_batch_plan(runner *r)
{
	r->claimed = pg_xcalloc(r->p->ndoc + 1, 1);
	r->retry = pg_xcalloc(r->p->ndoc + 1, sizeof *r->retry);
	r->nretry = r->retry_next = 0;
	r->batch_size = 1;
	if (r->batch <= 1 || strcmp(r->c->stage[0].name, "pf-pdftext") != 0)
		return;
	size_t files = 0;
	for (size_t i = 0; i < r->p->ndoc; i++)
		files += r->p->doc[i].outcome == PG_TODO && pg_batchable(r, i);
	long per_job = (r->todo + r->njobs - 1) / r->njobs;
	if (files >= 2)
		r->batch_size = r->batch < per_job ? r->batch : per_job;
	if (r->batch_size < 1)
		r->batch_size = 1;
}

int pg_batchable(const runner *r, size_t i)
{
	const pg_doc *d = &r->p->doc[i];
	/* pf-pdftext names a file after its path: that must be the source */
	return !d->member && d->path && strcmp(d->name, d->path) == 0 &&
	       strcmp(d->path, "-") != 0 && d->sha[0];
}

/* Is the doc_id of document k that of one of docs[0..n)? Two such would
 * share their rows: the second waits for another batch. */
static int same_id(const runner *r, const size_t *docs, size_t n, size_t k)
{
	for (size_t m = 0; m < n; m++)
		if (strncmp(r->p->doc[docs[m]].sha, r->p->doc[k].sha, 16) == 0)
			return 1;
	return 0;
}

static void run_alone(runner *r, size_t doc)
{
	r->retry[r->nretry++] = doc;
}

int pg_start_batch(runner *r, size_t i)
{
	if (r->batch_size < 2 || !pg_batchable(r, i))
		return 0;
	size_t *docs = pg_xmalloc((size_t)r->batch_size * sizeof *docs), n = 0;
	for (size_t k = i; k < r->p->ndoc && n < (size_t)r->batch_size; k++)
		if (r->p->doc[k].outcome == PG_TODO && !r->claimed[k] && pg_batchable(r, k) &&
		    !same_id(r, docs, n, k))
			docs[n++] = k;
	if (n < 2) {
		free(docs);
		return 0;
	}
	job *j = NULL;
	for (long k = 0; k < r->njobs && !j; k++)
		if (!r->jobs[k].used)
			j = &r->jobs[k];
	char **paths = pg_xcalloc(n, sizeof *paths);
	for (size_t m = 0; m < n; m++) {
		paths[m] = r->p->doc[docs[m]].path;
		r->claimed[docs[m]] = 1;
	}
	j->used = 1;
	j->doc = docs[0];
	j->batch = docs;
	j->nbatch = n;
	int started = pg_job_dir(r, j) == 0 &&
		      pg_chain_start_files(&j->ch, r->c, j->dir, paths, n) == 0;
	free(paths);
	if (!started) {
		/* each alone: the old path says what is wrong */
		for (size_t m = 0; m < n; m++)
			run_alone(r, docs[m]);
		pg_rmtree(j->dir);
		free(j->dir);
		free(docs);
		memset(j, 0, sizeof *j);
		return 1;
	}
	j->start = pg_now();
	j->deadline = r->c->timeout > 0 ? j->start + r->c->timeout * (double)n : 0;
	r->running++;
	return 1;
}

/* ---- the batch's end ---- */

/* Did the pipe as a whole fail (a signal, exit 2 or more, the timeout)?
 * Then why, else NULL. */
static char *batch_broke(const runner *r, const job *j)
{
	char buf[160], d[32];
	if (j->timed_out)
		return pg_xasprintf("timed out after %s",
				    pg_fmt_duration(r->c->timeout * (double)j->nbatch, d, sizeof d));
	for (size_t i = 0; i < j->ch.nproc; i++) {
		int st = j->ch.proc[i].status;
		const char *name = i < r->c->nstage ? r->c->stage[i].name : PG_PROG;
		if (WIFSIGNALED(st))
			return pg_xasprintf("%s crashed: %s", name, pg_status_text(st, buf, sizeof buf));
		if (!WIFEXITED(st) || WEXITSTATUS(st) >= 2)
			return pg_xasprintf("%s %s", name, pg_status_text(st, buf, sizeof buf));
	}
	return NULL;
}

/* The last stage's tables of a batch, split by document. */
typedef struct split {
	size_t n;            /* documents of the batch */
	GHashTable *ids;     /* doc_id -> index + 1 */
	char (*id)[17];
	pg_buf *head;        /* per table: the header line as written */
	pg_buf *rows;        /* per table and document: [t * n + k] */
	long *errors;        /* per document: rows of severity error */
	long *documents;     /* per document: documents rows, and pages */
	long *pages;
} split;

static void split_init(split *s, const runner *r, const job *j)
{
	size_t n = j->nbatch;
	s->n = n;
	s->id = pg_xcalloc(n, sizeof *s->id);
	s->ids = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t k = 0; k < n; k++) {
		memcpy(s->id[k], r->p->doc[j->batch[k]].sha, 16);
		g_hash_table_insert(s->ids, s->id[k], GSIZE_TO_POINTER(k + 1));
	}
	s->head = pg_xcalloc(r->t.n, sizeof *s->head);
	s->rows = pg_xcalloc(r->t.n * n, sizeof *s->rows);
	s->errors = pg_xcalloc(n, sizeof *s->errors);
	s->documents = pg_xcalloc(n, sizeof *s->documents);
	s->pages = pg_xcalloc(n, sizeof *s->pages);
}

static void split_free(split *s, const runner *r)
{
	for (size_t t = 0; t < r->t.n; t++) {
		pg_buf_free(&s->head[t]);
		for (size_t k = 0; k < s->n; k++)
			pg_buf_free(&s->rows[t * s->n + k]);
	}
	g_hash_table_destroy(s->ids);
	free(s->id);
	free(s->head);
	free(s->rows);
	free(s->errors);
	free(s->documents);
	free(s->pages);
}

/* One table's rows to their documents, each row's bytes as they are.
 * Returns 0, or -1 when a row belongs to no document of the batch (or the
 * file is not CSV). */
static int split_table(const runner *r, split *s, size_t t, const pg_buf *b)
{
	pg_csv c;
	pg_csv_init(&c, b->data ? b->data : "", b->len);
	int rc = pg_csv_next(&c) > 0 ? 0 : -1;
	int id = -1, sev = -1, pages = -1;
	int documents = strcmp(r->t.name[t], "documents") == 0;
	if (rc == 0) {
		pg_buf_add(&s->head[t], c.row_start, (size_t)(c.p - c.row_start));
		id = pg_csv_find(&c, "doc_id");
		if (strcmp(r->t.name[t], "errors") == 0)
			sev = pg_csv_find(&c, "severity");
		if (documents)
			pages = pg_csv_find(&c, "pages");
	}
	int got;
	while (rc == 0 && (got = pg_csv_next(&c)) != 0) {
		gpointer x = got > 0 && id >= 0 ?
				     g_hash_table_lookup(s->ids, pg_csv_field(&c, (size_t)id)) : NULL;
		if (!x) {
			rc = -1;
			break;
		}
		size_t k = GPOINTER_TO_SIZE(x) - 1;
		pg_buf_add(&s->rows[t * s->n + k], c.row_start, (size_t)(c.p - c.row_start));
		if (sev >= 0 && strcmp(pg_csv_field(&c, (size_t)sev), "error") == 0)
			s->errors[k]++;
		if (documents) {
			s->documents[k]++;
			if (pages >= 0)
				s->pages[k] += strtol(pg_csv_field(&c, (size_t)pages), NULL, 10);
		}
	}
	pg_csv_free(&c);
	return rc;
}

/* Reads and splits every table the last stage wrote. 0, or -1. */
static int split_read(const runner *r, const job *j, split *s)
{
	int rc = 0;
	for (size_t t = 0; t < r->t.n && rc == 0; t++) {
		char *file = pg_xasprintf("%s/emit/%s.csv", j->dir, r->t.name[t]);
		pg_buf b = { 0 };
		rc = pg_read_file(file, &b, PG_MAX_PDF_BYTES) < 0 ? -1 : split_table(r, s, t, &b);
		pg_buf_free(&b);
		free(file);
	}
	return rc;
}

/* Which documents run again alone: those with error rows, or without a
 * documents row. Returns 1 when all must (a stage exited 1, which is a
 * document that failed, but no document has an error row). */
static int pick_alone(const runner *r, const job *j, const split *s, unsigned char *alone)
{
	int has_documents = pg_tables_index(&r->t, "documents") >= 0;
	long with_errors = 0;
	for (size_t k = 0; k < s->n; k++) {
		alone[k] = s->errors[k] > 0 || (has_documents && s->documents[k] == 0);
		with_errors += s->errors[k] > 0;
	}
	int exit1 = 0;
	for (size_t i = 0; i < j->ch.nproc; i++)
		exit1 |= WIFEXITED(j->ch.proc[i].status) && WEXITSTATUS(j->ch.proc[i].status) == 1;
	return exit1 && with_errors == 0;
}

static int write_table(const char *file, const pg_buf *head, const pg_buf *rows)
{
	FILE *f = fopen(file, "wb");
	if (!f)
		return -1;
	int bad = fwrite(head->data ? head->data : "", 1, head->len, f) != head->len ||
		  fwrite(rows->data ? rows->data : "", 1, rows->len, f) != rows->len;
	return fclose(f) != 0 || bad ? -1 : 0;
}

/* Document k of the batch as if its own pipe had run: its tables in a
 * folder of its own, every stage exited 0, its time its share of the
 * batch's; then finish.c judges and stores it. */
static void finish_one(runner *r, const job *j, const split *s, size_t k, double secs)
{
	job one;
	memset(&one, 0, sizeof one);
	one.used = 1;
	one.doc = j->batch[k];
	one.dir = pg_xasprintf("%s/%zu", r->tmp, r->seq++);
	char *emit = pg_path_join(one.dir, "emit");
	if (pg_mkdirs(emit) < 0) {
		pf_msg("cannot create '%s': %s", emit, strerror(errno));
		r->io_error = 1;
	}
	for (size_t t = 0; t < r->t.n && !r->io_error; t++) {
		char *file = pg_xasprintf("%s/%s.csv", emit, r->t.name[t]);
		if (write_table(file, &s->head[t], &s->rows[t * s->n + k]) < 0) {
			pf_msg("cannot write '%s': %s", file, strerror(errno));
			r->io_error = 1;
		}
		free(file);
	}
	free(emit);
	one.ch.nstage = one.ch.nproc = r->c->nstage;
	for (size_t i = 0; i < one.ch.nproc; i++)
		one.ch.proc[i].done = 1; /* status 0: exited 0 */
	one.start = pg_now() - secs;
	/* pg_finish_job frees a job slot: this one's, counted here */
	r->running++;
	pg_finish_job(r, &one);
}

void pg_finish_batch(runner *r, job *j)
{
	size_t n = j->nbatch;
	double secs = pg_now() - j->start;
	unsigned char *alone = pg_xcalloc(n, 1);
	split s;
	split_init(&s, r, j);
	char *why = batch_broke(r, j);
	if (!why && split_read(r, j, &s) < 0)
		why = pg_xstrdup("a row of its tables is of no document of the batch");
	if (!why && pick_alone(r, j, &s, alone))
		why = pg_xstrdup("a stage exited 1 without an error row");
	int all = why != NULL;
	if (all) {
		pg_progress_clear(r);
		fprintf(stderr, "%s: a batch of %zu documents from '%s': %s: each runs alone\n",
			PG_PROG, n, r->p->doc[j->batch[0]].name, why);
		free(why);
	}
	long pages = 0;
	for (size_t k = 0; k < n; k++)
		pages += alone[k] ? 0 : s.pages[k];
	for (size_t k = 0; k < n; k++) {
		if (all || alone[k]) {
			run_alone(r, j->batch[k]);
			continue;
		}
		/* its share of the batch's time, by pages */
		double share = pages > 0 ? (double)s.pages[k] / (double)pages : 1.0 / (double)n;
		finish_one(r, j, &s, k, secs * share);
	}
	split_free(&s, r);
	free(alone);
	pg_rmtree(j->dir);
	free(j->dir);
	free(j->batch);
	memset(j, 0, sizeof *j);
	r->running--;
}
