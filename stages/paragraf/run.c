/*
 * paragraf run — the nightly batch.
 *
 *   1. configuration, output folder, the lock on the state folder
 *   2. the last stage's tables (run on an empty stream), the pipeline's
 *      fingerprint (each stage's name, binary SHA-256 and options)
 *   3. the plan: documents in order, their SHA-256; unchanged ones (same
 *      bytes, source and fingerprint in the store) are reused
 *   4. the others run, N at a time, each as its own chain of processes;
 *      each finished document goes into the store at once (so a killed run
 *      keeps what it finished), a failed one also into quarantine
 *   5. the merged tables, the state file, the store pruned
 *
 * Folders under STATE (default DIR/.paragraf):
 *   state.tsv          source, sha256, outcome, size, mtime of every input
 *   docs/<sha256>/     a document's tables as the last stage wrote them,
 *                      meta (source, fingerprint, outcome), and for a failed
 *                      document the driver's own errors rows
 *   tmp/<pid>/         this run's work; removed at the end
 *   lock               flock()ed while a run uses the folder
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"

static const char usage[] =
	"usage: paragraf run [-j N] [-c CONF] [--out DIR] [--force] INPUT...\n"
	"\n"
	"Runs the stage chain on every PDF of the inputs and writes the merged tables\n"
	"into DIR. An INPUT is a PDF, a folder (walked recursively for *.pdf and\n"
	"archives; names starting with '.' are skipped) or an archive (.zip, .tar,\n"
	".tar.gz, .tgz, .tar.bz2, .tar.xz, .tar.zst, .7z, ...: its members ending in\n"
	".pdf are read straight from it, named ARCHIVE:MEMBER). Rows are in input\n"
	"order: paths sorted, archive members in archive order; -j does not change a\n"
	"byte of the output.\n"
	"\n"
	"A rerun skips documents whose bytes, name and pipeline are unchanged (their\n"
	"stored rows are merged again) and runs new and changed ones. A document that\n"
	"fails in any stage (exit status, error record, crash, timeout) gets its row\n"
	"in errors.csv and a copy in the quarantine folder; the others go on.\n"
	"\n"
	"  -j, --jobs N      documents at a time (default: [run] jobs; 0: one per CPU)\n"
	"  -c, --config CONF read CONF (default: the built-in pipeline.conf defaults)\n"
	"  -o, --out DIR     output folder (default: [output] dir, 'out')\n"
	"  -f, --force       run every document again, reuse nothing\n"
	"  -h, --help        print this help\n"
	"\n"
	"Progress: a live line on a terminal, else one line per document on stderr;\n"
	"a summary at the end.\n"
	"\n"
	"Exit status: 0 every document went through, 1 some documents failed and are\n"
	"quarantined (see DIR/errors.csv), 2 usage or configuration error, 3 nothing\n"
	"could run (stages missing, DIR not writable, another run holds the lock).\n";

/* One document being run. */
typedef struct job {
	int used;
	size_t doc;
	pg_chain ch;
	char *dir;
	pg_buf bytes;
	double start, deadline;
	int timed_out;
	size_t hung;      /* the stage blamed for a timeout */
} job;

typedef struct runner {
	pg_conf *c;
	pg_plan *p;
	pg_tables t;
	char *out, *state, *store, *tmp, *qdir;
	char fp[65];
	int use_source;
	int force;
	job *jobs;
	long njobs, running;
	pg_archive_cursor cur;
	size_t seq;
	int io_error;           /* the store could not be written */
	/* progress */
	int tty, drawn;
	long todo, done, failed_now, pages;
	double t0, last_draw;
} runner;

/* ---- signals ---- */

static void on_stop(int sig)
{
	pg_stop = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* children are reaped in the main loop, woken by sigtimedwait */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
}

/* ---- the pipeline's fingerprint ---- */

static int fingerprint(runner *r)
{
	pg_sha256 s;
	pg_sha256_init(&s);
	const char *mode = r->use_source ? "paragraf pipeline 1 stdin\n" : "paragraf pipeline 1 path\n";
	pg_sha256_update(&s, mode, strlen(mode));
	for (size_t i = 0; i < r->c->nstage; i++) {
		const pg_stage *st = &r->c->stage[i];
		char hex[65];
		if (pg_sha256_file(st->path, hex) < 0) {
			pf_msg("cannot read stage '%s' at '%s': %s", st->name, st->path, strerror(errno));
			return -1;
		}
		pg_sha256_update(&s, st->name, strlen(st->name) + 1);
		pg_sha256_update(&s, hex, 65);
		for (size_t k = 0; k < st->nopt; k++)
			pg_sha256_update(&s, st->opt[k], strlen(st->opt[k]) + 1);
		pg_sha256_update(&s, "\n", 1);
	}
	pg_sha256_hex(&s, r->fp);
	return 0;
}

/* Does the first stage take --source NAME (read from stdin under a name)?
 * pf-pdftext does; a stand-in may not, and then gets the file's path. */
static int probe_source(runner *r)
{
	char *file = pg_path_join(r->tmp, "help");
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	char *argv[] = { r->c->stage[0].path, "--help", NULL };
	int timed_out, yes = 0;
	if (fd >= 0) {
		pg_run_program(argv, -1, fd, fd, 30, &timed_out);
		close(fd);
		pg_buf b = { 0 };
		if (pg_read_file(file, &b, 1 << 20) == 0)
			yes = strstr(b.data, "--source") != NULL;
		pg_buf_free(&b);
	}
	unlink(file);
	free(file);
	return yes;
}

/* ---- progress ---- */

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}


static void clear_line(runner *r)
{
	if (r->tty && r->drawn) {
		fputs("\r\033[K", stderr);
		r->drawn = 0;
	}
}

static void draw(runner *r)
{
	if (!r->tty || r->todo == 0)
		return;
	double el = pg_now() - r->t0;
	char eta[32] = "", rate[32] = "";
	if (r->done > 0 && r->done < r->todo) {
		char d[24];
		snprintf(eta, sizeof eta, ", ETA %s",
			 pg_fmt_duration(el / (double)r->done * (double)(r->todo - r->done), d, sizeof d));
	}
	if (el > 0.2)
		snprintf(rate, sizeof rate, ", %.1f pages/s", (double)r->pages / el);
	fprintf(stderr, "\r\033[K%s: %ld/%ld documents%s%s, %ld failed", PG_PROG, r->done, r->todo,
		rate, eta, r->failed_now);
	fflush(stderr);
	r->drawn = 1;
	r->last_draw = pg_now();
}

static void log_done(runner *r, const pg_doc *d, double secs)
{
	clear_line(r);
	if (d->outcome == PG_FAILED)
		fprintf(stderr, "%s: [%ld/%ld] failed '%s': %s: %s\n", PG_PROG, r->done, r->todo,
			d->name, d->stage ? d->stage : PG_PROG, d->message ? d->message : "failed");
	else if (!r->tty)
		fprintf(stderr, "%s: [%ld/%ld] ok '%s' (%ld page%s, %.2f s)\n", PG_PROG, r->done,
			r->todo, d->name, d->pages, plural(d->pages), secs);
	draw(r);
}

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
static void quarantine_file(runner *r, const char *path)
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

/* Can the stored rows of d be used? */
static void try_reuse(runner *r, pg_doc *d)
{
	char *dir = pg_path_join(r->store, d->sha);
	char *file = pg_path_join(dir, "meta");
	pg_meta m;
	if (pg_meta_read(file, &m) == 0 && strcmp(m.sha, d->sha) == 0 &&
	    strcmp(m.source, d->name) == 0 && strcmp(m.pipeline, r->fp) == 0) {
		int ok = strcmp(m.outcome, "ok") == 0;
		/* a timeout depends on the machine's load: try it again */
		int failed = strcmp(m.outcome, "failed") == 0;
		for (size_t i = 0; ok && i < r->t.n; i++) {
			char *t = pg_xasprintf("%s/%s.csv", dir, r->t.name[i]);
			ok = access(t, R_OK) == 0;
			free(t);
		}
		if (ok || failed) {
			d->outcome = ok ? PG_REUSED : PG_REUSED_FAILED;
			d->pages = m.pages;
			if (failed) {
				d->stage = m.stage ? pg_xstrdup(m.stage) : NULL;
				d->message = m.message ? pg_xstrdup(m.message) : NULL;
			}
		}
	}
	pg_meta_free(&m);
	free(file);
	free(dir);
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

static void finish_job(runner *r, job *j)
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
	log_done(r, d, pg_now() - j->start);

	free(v.message);
	free(v.first_stage);
	free(v.first_message);
	pg_rmtree(j->dir);
	free(j->dir);
	pg_buf_free(&j->bytes);
	memset(j, 0, sizeof *j);
	r->running--;
}

/* ---- starting documents ---- */

/* A document that fails before any stage runs (its bytes cannot be had). */
static void fail_early(runner *r, pg_doc *d, char *why)
{
	d->error = why;
	d->outcome = PG_FAILED;
	d->stage = pg_xstrdup(PG_PROG);
	d->message = pg_xstrdup(why);
	if (d->member || d->archive_error)
		quarantine_file(r, d->path);
	r->failed_now++;
	r->done++;
	log_done(r, d, 0);
}

static void start_job(runner *r, size_t i)
{
	pg_doc *d = &r->p->doc[i];
	job *j = NULL;
	for (long k = 0; k < r->njobs && !j; k++)
		if (!r->jobs[k].used)
			j = &r->jobs[k];
	char *err = NULL;
	pg_buf bytes = { 0 };
	if (d->member) {
		if (pg_archive_read(&r->cur, d->path, d->member_no, d->member, &bytes, &err) < 0) {
			pg_buf_free(&bytes);
			fail_early(r, d, err);
			return;
		}
	} else if (pg_read_file(d->path, &bytes, PG_MAX_PDF_BYTES) < 0) {
		pg_buf_free(&bytes);
		fail_early(r, d, pg_xasprintf("cannot read: %s", strerror(errno)));
		return;
	}
	/* the bytes the stages get are the ones hashed */
	pg_sha256 s;
	pg_sha256_init(&s);
	pg_sha256_update(&s, bytes.data, bytes.len);
	pg_sha256_hex(&s, d->sha);
	d->size = (long long)bytes.len;

	j->used = 1;
	j->doc = i;
	j->bytes = bytes;
	j->dir = pg_xasprintf("%s/%zu", r->tmp, r->seq++);
	int started = 0;
	if (pg_mkdirs(j->dir) < 0)
		pf_msg("cannot create '%s': %s", j->dir, strerror(errno));
	else
		started = pg_chain_start(&j->ch, r->c, j->dir, d->name,
					 r->use_source ? PG_FEED_SOURCE :
					 d->member ? PG_FEED_STDIN : PG_FEED_PATH,
					 d->path, &j->bytes) == 0;
	if (!started) {
		pg_rmtree(j->dir);
		free(j->dir);
		pg_buf_free(&j->bytes);
		memset(j, 0, sizeof *j);
		fail_early(r, d, pg_xstrdup("cannot start the stages"));
		r->io_error = 1;
		return;
	}
	j->start = pg_now();
	j->deadline = r->c->timeout > 0 ? j->start + r->c->timeout : 0;
	r->running++;
}

/* ---- the loop ---- */

static void reap(runner *r)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (long k = 0; k < r->njobs; k++) {
			job *j = &r->jobs[k];
			if (j->used && pg_chain_reaped(&j->ch, pid, status)) {
				if (j->ch.running == 0)
					finish_job(r, j);
				break;
			}
		}
	}
}

/* Waits for a child to end, a deadline, a signal or the next redraw. */
static void wait_event(runner *r)
{
	double now = pg_now(), wait = r->tty ? 0.5 : 30;
	for (long k = 0; k < r->njobs; k++) {
		job *j = &r->jobs[k];
		if (!j->used || j->timed_out || !j->deadline)
			continue;
		if (now >= j->deadline) {
			j->timed_out = 1;
			j->hung = 0;
			while (j->hung < r->c->nstage && j->ch.proc[j->hung].done)
				j->hung++;
			if (j->hung == r->c->nstage)
				j->hung = r->c->nstage - 1;
			pg_chain_kill(&j->ch);
		} else if (j->deadline - now < wait) {
			wait = j->deadline - now;
		}
	}
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	struct timespec ts = { (time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9) };
	sigtimedwait(&chld, NULL, &ts);
	reap(r);
	if (r->tty && pg_now() - r->last_draw >= 0.5)
		draw(r);
}

static void run_all(runner *r)
{
	for (size_t i = 0; i < r->p->ndoc && !pg_stop; i++) {
		if (r->p->doc[i].outcome != PG_TODO)
			continue;
		while (r->running >= r->njobs && !pg_stop)
			wait_event(r);
		if (!pg_stop)
			start_job(r, i);
	}
	while (r->running > 0 && !pg_stop)
		wait_event(r);
	pg_archive_close(&r->cur);
}

/* Interrupted: stop every chain and wait for them, so that nothing keeps
 * writing into the state folder after the driver is gone. */
static void stop_all(runner *r)
{
	for (long k = 0; k < r->njobs; k++)
		if (r->jobs[k].used)
			pg_chain_kill(&r->jobs[k].ch);
	for (long k = 0; k < r->njobs; k++) {
		job *j = &r->jobs[k];
		if (!j->used)
			continue;
		for (size_t i = 0; i < j->ch.nproc; i++)
			if (!j->ch.proc[i].done)
				waitpid(j->ch.proc[i].pid, NULL, 0);
		free(j->dir);
		pg_buf_free(&j->bytes);
	}
	pg_archive_close(&r->cur);
}

/* ---- setup and the end ---- */

static void remove_stale_temps(const char *out)
{
	DIR *d = opendir(out);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (strncmp(de->d_name, ".paragraf-", 10) == 0 && n > 4 &&
		    strcmp(de->d_name + n - 4, ".tmp") == 0) {
			char *f = pg_path_join(out, de->d_name);
			unlink(f);
			free(f);
		}
	}
	if (d)
		closedir(d);
}

static int by_sha_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes stored documents that are no input of this run any more. */
static void prune(runner *r)
{
	const char **keep = pg_xcalloc(r->p->ndoc + 1, sizeof *keep);
	size_t n = 0;
	for (size_t i = 0; i < r->p->ndoc; i++)
		if (r->p->doc[i].sha[0] && !r->p->doc[i].error)
			keep[n++] = r->p->doc[i].sha;
	qsort(keep, n, sizeof *keep, by_sha_str);
	DIR *d = opendir(r->store);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *name = de->d_name;
		if (name[0] == '.' || bsearch(&name, keep, n, sizeof *keep, by_sha_str))
			continue;
		char *f = pg_path_join(r->store, name);
		pg_rmtree(f);
		free(f);
	}
	if (d)
		closedir(d);
	free(keep);
}

static void add_skip(pg_plan *p, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0 && p->nskip < 3) {
		p->skip_dev[p->nskip] = st.st_dev;
		p->skip_ino[p->nskip++] = st.st_ino;
	}
}

typedef struct tally {
	long ok, reused, failed, failed_before, dups, todo;
} tally;

static tally count_outcomes(const pg_plan *p)
{
	tally t = { 0 };
	for (size_t i = 0; i < p->ndoc; i++) {
		switch (p->doc[i].outcome) {
		case PG_REUSED: t.reused++; break;
		case PG_OK: t.ok++; break;
		case PG_REUSED_FAILED: t.failed_before++; /* fall through */
		case PG_FAILED: t.failed++; break;
		case PG_DUPLICATE: t.dups++; break;
		case PG_TODO: t.todo++; break;
		}
	}
	return t;
}

static void summary(runner *r, double secs)
{
	tally t = count_outcomes(r->p);
	char d[32];
	clear_line(r);
	fprintf(stderr, "%s: %zu document%s: %ld done, %ld unchanged, %ld failed", PG_PROG,
		r->p->ndoc, plural((long)r->p->ndoc), t.ok, t.reused, t.failed);
	if (t.failed_before)
		fprintf(stderr, " (%ld in an earlier run)", t.failed_before);
	if (t.dups)
		fprintf(stderr, ", %ld duplicate%s", t.dups, plural(t.dups));
	fprintf(stderr, "; %ld page%s in %s", r->pages, plural(r->pages),
		pg_fmt_duration(secs, d, sizeof d));
	if (secs > 0 && r->pages > 0)
		fprintf(stderr, " (%.1f pages/s)", (double)r->pages / secs);
	fputc('\n', stderr);
	if (t.failed)
		fprintf(stderr, "%s: %ld failed: see '%s/errors.csv'; copies in '%s'\n", PG_PROG,
			t.failed, r->out, r->qdir);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", PG_PROG);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'paragraf run --help' for more information.\n", stderr);
	return PG_EXIT_USAGE;
}

static char *relative_to_out(const char *out, const char *path)
{
	return path[0] == '/' ? pg_xstrdup(path) : pg_path_join(out, path);
}

int pg_cmd_run(int argc, char **argv, const char *self_dir)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "config", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf_file = NULL, *out_opt = NULL;
	long jobs = -1;
	int force = 0, ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":j:c:o:fh", longopts, NULL)) != -1) {
		char *end;
		switch (ch) {
		case 'j':
			errno = 0;
			jobs = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || jobs < 0 || jobs > PG_MAX_JOBS)
				return usage_error("-j needs a whole number from 0 (one per CPU) to 256, "
						   "not '%s'", optarg);
			break;
		case 'c': conf_file = optarg; break;
		case 'o': out_opt = optarg; break;
		case 'f': force = 1; break;
		case 'h':
			fputs(usage, stdout);
			return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
		case ':':
			return usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no input: name PDF files, folders or archives");

	pg_conf c;
	int rc = pg_conf_load(&c, conf_file, self_dir);
	if (rc) {
		pg_conf_free(&c);
		return rc;
	}
	runner r = { .c = &c, .force = force };
	pg_plan plan = { 0 };
	r.p = &plan;
	int lock = -1, locked = 0, status = PG_EXIT_CANNOT;
	if (jobs >= 0)
		c.jobs = jobs;
	r.njobs = c.jobs > 0 ? c.jobs : pg_ncpus();
	if (r.njobs > PG_MAX_JOBS)
		r.njobs = PG_MAX_JOBS;
	r.out = pg_xstrdup(out_opt ? out_opt : c.out);
	r.state = relative_to_out(r.out, c.state);
	r.qdir = relative_to_out(r.out, c.quarantine);
	r.store = pg_path_join(r.state, "docs");
	char *tmp_root = pg_path_join(r.state, "tmp");
	r.tmp = pg_xasprintf("%s/%ld", tmp_root, (long)getpid());
	r.tty = isatty(STDERR_FILENO);

	const char *bad = pg_mkdirs(r.out) < 0 ? r.out : pg_mkdirs(r.store) < 0 ? r.store : NULL;
	if (bad) {
		pf_msg("cannot create '%s': %s", bad, strerror(errno));
		goto done;
	}
	char *lock_file = pg_path_join(r.state, "lock");
	lock = open(lock_file, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			pf_msg("another paragraf run is using '%s'", r.state);
		else
			pf_msg("cannot lock '%s': %s", lock_file, strerror(errno));
		free(lock_file);
		goto done;
	}
	free(lock_file);
	locked = 1;
	/* what a killed run left behind */
	pg_rmtree(tmp_root);
	remove_stale_temps(r.out);
	if (pg_mkdirs(r.tmp) < 0) {
		pf_msg("cannot create '%s': %s", r.tmp, strerror(errno));
		goto done;
	}
	catch_signals();
	r.use_source = probe_source(&r);
	if (!r.use_source)
		pf_msg("warning: the first stage '%s' has no --source option: archive members are "
		       "named '-' in the tables", c.stage[0].name);
	if (pg_conf_check_options(&c, r.tmp)) {
		status = PG_EXIT_USAGE;
		goto done;
	}
	if ((rc = pg_tables_probe(&r.t, &c, r.tmp)) != 0 || fingerprint(&r) < 0) {
		status = rc == PG_EXIT_USAGE ? PG_EXIT_USAGE : PG_EXIT_CANNOT;
		goto done;
	}

	pg_known *known;
	size_t nknown;
	char *state_file = pg_path_join(r.state, "state.tsv");
	pg_state_load(state_file, &known, &nknown);
	free(state_file);
	if (nknown)
		qsort(known, nknown, sizeof *known, pg_known_cmp);
	plan.known = force ? NULL : known;
	plan.nknown = force ? 0 : nknown;
	add_skip(&plan, r.out);
	add_skip(&plan, r.state);
	add_skip(&plan, r.qdir);
	r.t0 = pg_now();
	int planned = pg_plan_inputs(&plan, argv + optind, argc - optind);
	for (size_t i = 0; i < nknown; i++)
		free(known[i].name);
	free(known);
	plan.known = NULL;

	for (size_t i = 0; planned == 0 && i < plan.ndoc; i++) {
		pg_doc *d = &plan.doc[i];
		if (d->error) {
			d->outcome = PG_FAILED;
			d->stage = pg_xstrdup(PG_PROG);
			d->message = pg_xstrdup(d->error);
			if (d->archive_error || d->member)
				quarantine_file(&r, d->path);
			clear_line(&r);
			fprintf(stderr, "%s: failed '%s': %s\n", PG_PROG, d->name, d->error);
		} else if (d->dup_of >= 0) {
			d->outcome = PG_DUPLICATE;
		} else {
			if (!force)
				try_reuse(&r, d);
			if (d->outcome == PG_TODO)
				r.todo++;
		}
	}
	if (planned == 0) {
		if (plan.ignored)
			fprintf(stderr, "%s: %ld file%s neither PDF nor archive left out\n", PG_PROG,
				plan.ignored, plural(plan.ignored));
		{
			tally t = count_outcomes(&plan);
			fprintf(stderr, "%s: %zu document%s: %ld to run, %ld unchanged", PG_PROG, plan.ndoc,
				plural((long)plan.ndoc), t.todo, t.reused + t.failed_before);
			if (t.dups)
				fprintf(stderr, ", %ld duplicate%s", t.dups, plural(t.dups));
			if (t.failed - t.failed_before)
				fprintf(stderr, ", %ld unreadable", t.failed - t.failed_before);
			fprintf(stderr, "; %ld at a time\n", r.njobs);
		}
		r.jobs = pg_xcalloc((size_t)r.njobs, sizeof *r.jobs);
		run_all(&r);
	}
	if (pg_stop) {
		clear_line(&r);
		stop_all(&r);
		goto interrupted;
	}
	if (r.io_error) {
		pf_msg("the state folder '%s' could not be written: the tables in '%s' are as they were",
		       r.state, r.out);
		goto done;
	}
	if (pg_merge(&c, r.out, r.store, &r.t, &plan) < 0 || pg_state_write(r.state, r.fp, &plan) < 0) {
		if (pg_stop)
			goto interrupted;
		goto done;
	}
	prune(&r);
	summary(&r, pg_now() - r.t0);
	status = PG_EXIT_OK;
	for (size_t i = 0; i < plan.ndoc; i++)
		if (plan.doc[i].outcome == PG_FAILED || plan.doc[i].outcome == PG_REUSED_FAILED)
			status = PG_EXIT_FAILED;
	goto done;
interrupted:
	pf_msg("interrupted by signal %d: the tables in '%s' are as they were", pg_stop, r.out);
done:
	clear_line(&r);
	if (locked)
		pg_rmtree(r.tmp);
	if (lock >= 0)
		close(lock);
	pg_tables_free(&r.t);
	pg_plan_free(&plan);
	free(r.jobs);
	free(tmp_root);
	free(r.out);
	free(r.state);
	free(r.qdir);
	free(r.store);
	free(r.tmp);
	int sig = pg_stop;
	pg_conf_free(&c);
	if (sig) {
		/* die by the signal, as the caller (shell, systemd) expects */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return status;
}
