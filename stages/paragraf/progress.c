/*
 * paragraf run: what it says on stderr. On a terminal a live line
 * (documents, pages/s, ETA, failed) redrawn at most every half second,
 * else one line per document; the plan before and a summary at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paragraf.h"
#include "run.h"

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

void pg_progress_clear(runner *r)
{
	if (r->tty && r->drawn) {
		fputs("\r\033[K", stderr);
		r->drawn = 0;
	}
}

void pg_progress_draw(runner *r)
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

void pg_progress_done(runner *r, const pg_doc *d, double secs)
{
	pg_progress_clear(r);
	if (d->outcome == PG_FAILED)
		fprintf(stderr, "%s: [%ld/%ld] failed '%s': %s: %s\n", PG_PROG, r->done, r->todo,
			d->name, d->stage ? d->stage : PG_PROG, d->message ? d->message : "failed");
	else if (!r->tty)
		fprintf(stderr, "%s: [%ld/%ld] ok '%s' (%ld page%s, %.2f s)\n", PG_PROG, r->done,
			r->todo, d->name, d->pages, plural(d->pages), secs);
	pg_progress_draw(r);
}

/* The documents of the plan by outcome. */
typedef struct tally {
	long ok, reused, failed, failed_before, dups, todo, skipped;
	long unreadable; /* inputs whose bytes could not be had: no document */
	long kept;       /* not seen this run, the last run's rows kept */
	long copies;     /* of failed: with a copy in quarantine */
} tally;

static tally count_outcomes(const pg_plan *p)
{
	tally t = { 0 };
	for (size_t i = 0; i < p->ndoc; i++) {
		const pg_doc *d = &p->doc[i];
		if (d->kept) {
			t.kept++;
			continue;
		}
		switch (d->outcome) {
		case PG_REUSED: t.reused++; break;
		case PG_OK: t.ok++; break;
		case PG_REUSED_FAILED: t.failed_before++; t.failed++; t.copies++; break;
		case PG_FAILED:
			if (d->error)
				t.unreadable++;
			else
				t.failed++;
			/* a file or folder that could not be read has no copy */
			t.copies += !d->error || d->archive_error || d->member;
			break;
		case PG_DUPLICATE: t.dups++; break;
		case PG_SKIPPED: t.skipped++; break;
		case PG_TODO: t.todo++; break;
		}
	}
	return t;
}

void pg_progress_skipped(const runner *r)
{
	const pg_plan *p = r->p;
	long n = 0;
	for (size_t i = 0; i < p->ndoc; i++) {
		if (!p->doc[i].skip)
			continue;
		if (n++ < 10)
			fprintf(stderr, "%s: skipped '%s': %s\n", PG_PROG, p->doc[i].name,
				p->doc[i].skip);
	}
	if (n > 10)
		fprintf(stderr, "%s: ... %ld files left out in all: each is in errors.csv as skipped\n",
			PG_PROG, n);
}

void pg_progress_plan(const runner *r)
{
	const pg_plan *p = r->p;
	pg_progress_skipped(r);
	tally t = count_outcomes(p);
	long docs = t.todo + t.reused + t.failed_before + t.kept + t.dups;
	fprintf(stderr, "%s: %ld document%s: %ld to run, %ld unchanged", PG_PROG, docs,
		plural(docs), t.todo, t.reused + t.failed_before);
	if (t.kept)
		fprintf(stderr, ", %ld kept from the last run", t.kept);
	if (t.dups)
		fprintf(stderr, ", %ld duplicate%s", t.dups, plural(t.dups));
	if (t.unreadable)
		fprintf(stderr, "; %ld input%s unreadable", t.unreadable, plural(t.unreadable));
	fprintf(stderr, "; %ld at a time", r->njobs);
	if (r->batch_size > 1)
		fprintf(stderr, ", up to %ld files a pipe", r->batch_size);
	fputc('\n', stderr);
}

/* The documents in the tables by their quality column (documents.csv in
 * each one's store folder): how many a nightly job can trust as they are. */
typedef struct quality {
	long ok, warnings, failed_checks, other;
} quality;

static quality count_quality(const runner *r)
{
	quality q = { 0 };
	for (size_t i = 0; i < r->p->ndoc; i++) {
		const pg_doc *d = &r->p->doc[i];
		if (d->outcome != PG_OK && d->outcome != PG_REUSED)
			continue;
		char *file = pg_xasprintf("%s/%s/documents.csv", r->store, d->sha);
		pg_buf b = { 0 };
		if (pg_read_file(file, &b, 16 << 20) == 0) {
			pg_csv c;
			pg_csv_init(&c, b.data, b.len);
			int col = pg_csv_next(&c) > 0 ? pg_csv_find(&c, "quality") : -1;
			while (col >= 0 && pg_csv_next(&c) > 0) {
				const char *v = pg_csv_field(&c, (size_t)col);
				*(strcmp(v, "ok") == 0 ? &q.ok : strcmp(v, "warnings") == 0 ? &q.warnings :
				  strcmp(v, "failed_checks") == 0 ? &q.failed_checks : &q.other) += 1;
			}
			pg_csv_free(&c);
		}
		pg_buf_free(&b);
		free(file);
	}
	return q;
}

void pg_progress_summary(runner *r, double secs)
{
	tally t = count_outcomes(r->p);
	char d[32];
	pg_progress_clear(r);
	long docs = t.ok + t.reused + t.failed + t.kept + t.dups;
	fprintf(stderr, "%s: %ld document%s: %ld done, %ld unchanged, %ld failed", PG_PROG,
		docs, plural(docs), t.ok, t.reused, t.failed);
	if (t.failed_before)
		fprintf(stderr, " (%ld in an earlier run)", t.failed_before);
	if (t.kept)
		fprintf(stderr, ", %ld kept from the last run", t.kept);
	if (t.dups)
		fprintf(stderr, ", %ld duplicate%s", t.dups, plural(t.dups));
	fprintf(stderr, "; %ld page%s in %s", r->pages, plural(r->pages),
		pg_fmt_duration(secs, d, sizeof d));
	if (secs > 0 && r->pages > 0)
		fprintf(stderr, " (%.1f pages/s)", (double)r->pages / secs);
	fputc('\n', stderr);
	quality q = count_quality(r);
	if (q.ok + q.warnings + q.failed_checks + q.other > 0) {
		fprintf(stderr, "%s: quality: %ld ok, %ld with warnings, %ld with failed checks", PG_PROG,
			q.ok, q.warnings, q.failed_checks);
		if (q.other)
			fprintf(stderr, ", %ld other", q.other);
		fprintf(stderr, " (documents.quality; see '%s/checks.csv')\n", r->out);
	}
	if (t.unreadable)
		fprintf(stderr, "%s: %ld input%s could not be read%s\n", PG_PROG, t.unreadable,
			plural(t.unreadable), t.kept ? ": the documents of the last run from them are kept" : "");
	t.failed += t.unreadable;
	if (t.failed && t.copies)
		fprintf(stderr, "%s: %ld failed: see '%s/errors.csv'; %ld cop%s in '%s'\n", PG_PROG,
			t.failed, r->out, t.copies, t.copies == 1 ? "y" : "ies", r->qdir);
	else if (t.failed)
		fprintf(stderr, "%s: %ld failed: see '%s/errors.csv'\n", PG_PROG, t.failed, r->out);
}
