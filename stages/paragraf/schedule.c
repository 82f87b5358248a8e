/*
 * paragraf run, step 4: the documents to run, N at a time. A job slot per
 * running document (or batch of them, batch.c), its chain of processes
 * started, reaped (woken by SIGCHLD) and killed at its deadline; on a
 * signal every chain is stopped.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "msg.h"
#include "paragraf.h"
#include "run.h"

/* ---- signals ---- */

static void on_stop(int sig)
{
	pg_stop = sig;
}

void pg_catch_signals(void)
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

/* ---- starting documents ---- */

/* A document that fails before any stage runs (its bytes cannot be had). */
static void fail_early(runner *r, pg_doc *d, char *why)
{
	d->error = why;
	d->outcome = PG_FAILED;
	d->stage = pg_xstrdup(PG_PROG);
	d->message = pg_xstrdup(why);
	if (d->member || d->archive_error)
		pg_quarantine_file(r, d->path);
	r->failed_now++;
	r->done++;
	pg_progress_done(r, d, 0);
}

int pg_job_dir(runner *r, job *j)
{
	j->dir = pg_xasprintf("%s/%zu", r->tmp, r->seq++);
	if (pg_mkdirs(j->dir) == 0)
		return 0;
	pf_msg("cannot create '%s': %s", j->dir, strerror(errno));
	return -1;
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
	int started = pg_job_dir(r, j) == 0 &&
		      pg_chain_start(&j->ch, r->c, j->dir, d->name,
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
				if (j->ch.running == 0 && j->batch)
					pg_finish_batch(r, j);
				else if (j->ch.running == 0)
					pg_finish_job(r, j);
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
		pg_progress_draw(r);
}

/* The next document of the plan to run from *next on, not taken by a
 * batch; 0 when there is none left. */
static int next_todo(const runner *r, size_t *next)
{
	while (*next < r->p->ndoc &&
	       (r->p->doc[*next].outcome != PG_TODO || r->claimed[*next]))
		(*next)++;
	return *next < r->p->ndoc;
}

/* Every document to run: in batches where it can (batch.c), else alone;
 * the documents of a batch that failed alone, before the rest. */
void pg_run_all(runner *r)
{
	size_t next = 0;
	while (!pg_stop) {
		int retry = r->retry_next < r->nretry;
		int work = retry || next_todo(r, &next);
		if (!work && r->running == 0)
			break;
		if (!work || r->running >= r->njobs) {
			wait_event(r);
			continue;
		}
		if (retry) {
			start_job(r, r->retry[r->retry_next++]);
		} else {
			size_t i = next++;
			if (!pg_start_batch(r, i))
				start_job(r, i);
		}
	}
	pg_archive_close(&r->cur);
}

/* Interrupted: stop every chain and wait for them, so that nothing keeps
 * writing into the state folder after the driver is gone. */
void pg_stop_all(runner *r)
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
		free(j->batch);
		pg_buf_free(&j->bytes);
	}
	pg_archive_close(&r->cur);
}
