/*
 * paragraf run: what run.c, schedule.c, finish.c and progress.c share
 * (paragraf.h says which file holds what; run.c describes the run).
 */
#ifndef PARAGRAF_RUN_H
#define PARAGRAF_RUN_H

#include "paragraf.h"

/* One document being run, or a batch of them (batch.c). */
typedef struct job {
	int used;
	size_t doc;
	size_t *batch;    /* a batch: its documents in plan order; NULL: doc alone */
	size_t nbatch;
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
	long batch;             /* PDFs per pipe: [run] batch or -b; 1: one */
	long batch_size;        /* what a batch holds this run (batch.c) */
	unsigned char *claimed; /* per document: taken by a batch */
	size_t *retry;          /* documents of failed batches, to run alone */
	size_t nretry, retry_next; /* queued, and started */
	pg_archive_cursor cur;
	size_t seq;
	int io_error;           /* the store could not be written */
	/* progress */
	int tty, drawn;
	long todo, done, failed_now, pages;
	double t0, last_draw;
} runner;

/* ---- schedule.c ---- */
/* SIGINT, SIGTERM, SIGHUP set pg_stop; SIGCHLD is blocked so that the loop
 * can wait for it with sigtimedwait. */
void pg_catch_signals(void);
/* Runs every PG_TODO document of the plan, r->njobs pipes at a time (in
 * batches where it can, after pg_batch_plan), until all are done or
 * pg_stop is set. */
void pg_run_all(runner *r);
/* Interrupted: kills every running chain and waits for its processes. */
void pg_stop_all(runner *r);

/* ---- batch.c ---- */
/* The documents of this run that go in batches, and how many in one:
 * min(batch, ceil(to run / jobs)); sets r->batch_size (1: no batches). */
void pg_batch_plan(runner *r);
/* Can document i go in a batch: a plain file, its name its path, and a
 * first stage that reads many PDFs (pf-pdftext)? */
int pg_batchable(const runner *r, size_t i);
/* Starts a batch of up to r->batch_size documents from i on (those to
 * run, batchable, not claimed yet) in a free job slot. Returns 1 if it
 * did, 0 if there was only i (the caller runs it alone). */
int pg_start_batch(runner *r, size_t i);
/* A batch whose processes have all ended: each document's rows into a
 * folder of its own, judged and stored as if run alone (pg_finish_job);
 * those it cannot vouch for go on r->retry. Frees the job's slot. */
void pg_finish_batch(runner *r, job *j);

/* ---- finish.c ---- */
/* A job whose processes have all ended: its verdict, the store, and for a
 * failed document its errors row and quarantine. Frees the job's slot. */
void pg_finish_job(runner *r, job *j);
/* Gives job j a folder of its own under the run's; -1 (said) if it
 * cannot be made (j->dir is set either way, for the caller to remove). */
int pg_job_dir(runner *r, job *j);
/* A file that cannot be had alone (a broken archive): link or copy it. */
void pg_quarantine_file(runner *r, const char *path);

/* ---- progress.c ---- */
/* Clears the live line (on a terminal) before something else is printed. */
void pg_progress_clear(runner *r);
/* Draws the live line: documents done, pages/s, ETA, failed. */
void pg_progress_draw(runner *r);
/* A document is done (r->done counts it already). */
void pg_progress_done(runner *r, const pg_doc *d, double secs);
/* The files left out, each named (at most ten; errors.csv has them all). */
void pg_progress_skipped(const runner *r);
/* What the plan holds, before the documents run. */
void pg_progress_plan(const runner *r);
/* The line at the end. */
void pg_progress_summary(runner *r, double secs);

#endif
