/*
 * paragraf run: a document whose chain has ended. Which stage failed and
 * why (exit statuses, crashes, the timeout, the errors rows of the
 * stream), then its folder into the store, and a failed one's errors row
 * and its PDF into quarantine.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "run.h"

/* ---- quarantine ---- */

static void quarantine_bytes(runner *r, const pg_doc *d, const pg_buf *bytes)
{
	if (pg_mkdirs(r->qdir) < 0) {
		pf_msg("cannot create quarantine folder '%s': %s", r->qdir, strerror(errno));
		return;
	}
	char *file = pg_xasprintf("%s/%.16s-%s", r->qdir, d->sha,
				  pg_basename(d->member ? d->member : d->path));
	struct stat st;
	if (stat(file, &st) < 0 && pg_write_atomic(file, bytes->data, bytes->len) < 0)
		pf_msg("cannot quarantine '%s' as '%s': %s", d->name, file, strerror(errno));
	free(file);
}

/* A file that cannot be had alone (a broken archive): link or copy it. */
void pg_quarantine_file(runner *r, const char *path)
{
	if (pg_mkdirs(r->qdir) < 0)
		return;
	char *file = pg_path_join(r->qdir, pg_basename(path));
	struct stat st;
	if (stat(file, &st) < 0 && link(path, file) < 0) {
		pg_buf b = { 0 };
		if (pg_read_file(path, &b, (size_t)-1 / 2) < 0 ||
		    pg_write_atomic(file, b.data, b.len) < 0)
			pf_msg("cannot quarantine '%s': %s", path, strerror(errno));
		pg_buf_free(&b);
	}
	free(file);
}

/* ---- the store ---- */

/* Moves a finished document's folder to STORE/<sha>, replacing an older
 * one. A run killed in between leaves no entry: the next run redoes it. */
static int install(runner *r, const char *from, const char *sha)
{
	char *to = pg_path_join(r->store, sha);
	char *old = pg_xasprintf("%s/old-%zu", r->tmp, r->seq++);
	int rc = 0;
	if (rename(to, old) < 0 && errno != ENOENT)
		rc = -1;
	if (rc == 0 && rename(from, to) < 0)
		rc = -1;
	if (rc < 0) {
		pf_msg("cannot store '%s': %s", to, strerror(errno));
		r->io_error = 1;
	}
	pg_rmtree(old);
	free(old);
	free(to);
	return rc;
}

/* ---- finishing a document ---- */

typedef struct verdict {
	int failed;
	long culprit;          /* stage index, or -1; nstage: the driver */
	char *message;         /* the driver's message about the culprit */
	int driver_row;        /* the driver writes an errors row */
	char *first_stage, *first_message; /* the first error row of the stream */
	long pages, documents;
} verdict;

/* Reads the errors table of one document: how many rows of severity error
 * and which stages wrote them. */
static int stream_errors(const char *file, verdict *v, char ***stages, size_t *nstages)
{
	pg_buf b = { 0 };
	int n = 0;
	*stages = NULL;
	*nstages = 0;
	if (pg_read_file(file, &b, 16 << 20) < 0) {
		pg_buf_free(&b);
		return 0;
	}
	pg_csv r;
	pg_csv_init(&r, b.data, b.len);
	int stage = -1, severity = -1, message = -1;
	if (pg_csv_next(&r) > 0) {
		stage = pg_csv_find(&r, "stage");
		severity = pg_csv_find(&r, "severity");
		message = pg_csv_find(&r, "message");
	}
	while (severity >= 0 && pg_csv_next(&r) > 0) {
		if (strcmp(pg_csv_field(&r, (size_t)severity), "error") != 0)
			continue;
		n++;
		const char *s = stage >= 0 ? pg_csv_field(&r, (size_t)stage) : "";
		if (!v->first_stage) {
			v->first_stage = pg_xstrdup(s);
			v->first_message = pg_xstrdup(message >= 0 ? pg_csv_field(&r, (size_t)message) : "");
		}
		*stages = pg_xrealloc(*stages, (*nstages + 1) * sizeof **stages);
		(*stages)[(*nstages)++] = pg_xstrdup(s);
	}
	pg_csv_free(&r);
	pg_buf_free(&b);
	return n;
}

/* Rows and pages in the document's documents table. */
static void count_documents(const char *file, verdict *v)
{
	pg_buf b = { 0 };
	if (pg_read_file(file, &b, 16 << 20) == 0) {
		pg_csv r;
		pg_csv_init(&r, b.data, b.len);
		int pages = pg_csv_next(&r) > 0 ? pg_csv_find(&r, "pages") : -1;
		while (pg_csv_next(&r) > 0) {
			v->documents++;
			if (pages >= 0)
				v->pages += strtol(pg_csv_field(&r, (size_t)pages), NULL, 10);
		}
		pg_csv_free(&r);
	}
	pg_buf_free(&b);
}

static int named(const pg_stage *s, const char *name)
{
	return strcmp(s->name, name) == 0 || strcmp(pg_basename(s->path), name) == 0;
}

/* Which stage failed and why, from the exit of every process and the
 * errors rows the stream carried to the last stage. */
static void judge(runner *r, job *j, verdict *v)
{
	const pg_conf *c = r->c;
	char *emit = pg_path_join(j->dir, "emit");
	char *errfile = pg_path_join(emit, "errors.csv");
	char **err_stages;
	size_t nerr_stages;
	int error_rows = stream_errors(errfile, v, &err_stages, &nerr_stages);
	char buf[160];
	v->culprit = -1;

	if (j->timed_out) {
		char d[32];
		v->culprit = (long)j->hung;
		v->message = pg_xasprintf("timed out after %s: killed",
					  pg_fmt_duration(c->timeout, d, sizeof d));
	}
	/* a crash first (a broken pipe is what the stages after it get) */
	for (size_t i = 0; v->culprit < 0 && i < c->nstage; i++) {
		int st = j->ch.proc[i].status;
		if (WIFSIGNALED(st) && WTERMSIG(st) != SIGPIPE) {
			v->culprit = (long)i;
			v->message = pg_xasprintf("crashed: %s", pg_status_text(st, buf, sizeof buf));
		}
	}
	/* then an exit status above 1: usage, malformed stream, output;
	 * exit 1 is a document that failed, which the error rows say */
	for (int pass = 0; pass < 3 && v->culprit < 0; pass++) {
		for (size_t i = 0; v->culprit < 0 && i < c->nstage; i++) {
			int st = j->ch.proc[i].status;
			int hit = pass == 0 ? WIFEXITED(st) && WEXITSTATUS(st) >= 2 :
				  pass == 1 ? WIFEXITED(st) && WEXITSTATUS(st) == 1 && !error_rows :
					      WIFSIGNALED(st);
			if (!hit)
				continue;
			char *errpath = pg_xasprintf("%s/stderr.%zu", j->dir, i);
			char *last = pg_stderr_line(errpath);
			v->culprit = (long)i;
			v->message = pg_xasprintf("%s%s%s%s", pg_status_text(st, buf, sizeof buf),
						  pass == 1 ? " without an error record" : "",
						  last ? ": " : "", last ? last : "");
			free(last);
			free(errpath);
		}
	}
	if (v->culprit < 0 && j->ch.has_feeder) {
		int st = j->ch.proc[c->nstage].status;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			v->culprit = (long)c->nstage;
			v->message = pg_xasprintf("could not give the PDF to '%s': %s", c->stage[0].name,
						  pg_status_text(st, buf, sizeof buf));
		}
	}
	v->failed = v->culprit >= 0 || error_rows > 0;
	if (!v->failed) {
		char *docs = pg_path_join(emit, "documents.csv");
		count_documents(docs, v);
		free(docs);
		if (pg_tables_index(&r->t, "documents") >= 0 && v->documents == 0) {
			v->failed = 1;
			v->culprit = (long)c->nstage;
			v->message = pg_xstrdup("no error, but no documents row either");
		}
	}
	/* the driver writes a row unless the stream already has the culprit's
	 * own error row (an exit status the stage explained) */
	if (v->culprit >= 0) {
		v->driver_row = 1;
		int st = v->culprit < (long)c->nstage ? j->ch.proc[v->culprit].status : 0;
		if (!j->timed_out && v->culprit < (long)c->nstage && WIFEXITED(st))
			for (size_t k = 0; k < nerr_stages; k++)
				if (named(&c->stage[v->culprit], err_stages[k]))
					v->driver_row = 0;
	}
	for (size_t k = 0; k < nerr_stages; k++)
		free(err_stages[k]);
	free(err_stages);
	free(errfile);
	free(emit);
}

/* Removes from a failed document's folder everything but what merging
 * reads: errors.csv (and meta, driver-errors.rows written after). */
static void keep_errors_only(const char *emit)
{
	DIR *d = opendir(emit);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, "errors.csv") == 0)
			continue;
		char *f = pg_path_join(emit, de->d_name);
		pg_rmtree(f);
		free(f);
	}
	if (d)
		closedir(d);
}

void pg_finish_job(runner *r, job *j)
{
	pg_doc *d = &r->p->doc[j->doc];
	const pg_conf *c = r->c;
	verdict v = { 0 };
	judge(r, j, &v);

	char *emit = pg_path_join(j->dir, "emit");
	pg_mkdirs(emit);
	const char *stage_name = v.culprit < 0 ? NULL :
				 v.culprit < (long)c->nstage ? c->stage[v.culprit].name : PG_PROG;
	if (v.failed) {
		d->outcome = PG_FAILED;
		d->stage = pg_xstrdup(stage_name ? stage_name : v.first_stage ? v.first_stage : PG_PROG);
		d->message = pg_xstrdup(v.message ? v.message : v.first_message ? v.first_message : "failed");
		keep_errors_only(emit);
		if (v.driver_row) {
			pg_buf row = { 0 };
			int ei = pg_tables_index(&r->t, "errors");
			pg_error_row(&row, r->t.header[ei], d->sha, d->name, stage_name, "error", v.message);
			char *f = pg_path_join(emit, "driver-errors.rows");
			if (pg_write_atomic(f, row.data, row.len) < 0) {
				pf_msg("cannot write '%s': %s", f, strerror(errno));
				r->io_error = 1;
			}
			free(f);
			pg_buf_free(&row);
		}
		quarantine_bytes(r, d, &j->bytes);
		r->failed_now++;
	} else {
		d->outcome = PG_OK;
		d->pages = v.pages;
		r->pages += v.pages;
	}
	char *mf = pg_path_join(emit, "meta");
	if (pg_meta_write(mf, d->name, d->sha, r->fp,
		       j->timed_out ? "timeout" : v.failed ? "failed" : "ok", d->stage, d->message,
		       d->pages) < 0) {
		pf_msg("cannot write '%s': %s", mf, strerror(errno));
		r->io_error = 1;
	} else {
		install(r, emit, d->sha);
	}
	free(mf);
	free(emit);
	r->done++;
	pg_progress_done(r, d, pg_now() - j->start);

	free(v.message);
	free(v.first_stage);
	free(v.first_message);
	pg_rmtree(j->dir);
	free(j->dir);
	pg_buf_free(&j->bytes);
	memset(j, 0, sizeof *j);
	r->running--;
}
