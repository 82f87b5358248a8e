/*
 * The merged tables. Which tables there are, and their header lines, the
 * last stage says itself: it is run once on an empty stream. Each
 * document's rows are in the store (STATE/docs/<sha256>/<table>.csv, as
 * that stage wrote them); merging copies them, without parsing, after one
 * header line, in plan order, so the bytes depend only on the inputs — not
 * on -j or on which documents were reused.
 *
 * All tables are written to temporary files in DIR first; only when every
 * one was written (and synced) are they renamed into place, so a failed
 * or killed merge leaves the previous tables as they were.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "stream.h"
#include "xalloc.h"

/* ---- the tables of the last stage ---- */

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pg_tables_probe(pg_tables *t, const pg_conf *c, const char *tmp)
{
	memset(t, 0, sizeof *t);
	const pg_stage *last = &c->stage[c->nstage - 1];
	char *dir = pg_path_join(tmp, "probe");
	char *stream = pg_path_join(tmp, "probe.stream");
	char *errpath = pg_path_join(tmp, "probe.stderr");
	int rc = -1;
	static const char header[] = PF_STREAM_HEADER;
	if (pg_write_atomic(stream, header, sizeof header - 1) < 0) {
		pf_msg("cannot write '%s': %s", stream, strerror(errno));
		goto done;
	}
	int in = open(stream, O_RDONLY | O_CLOEXEC);
	int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	char **argv = pg_xcalloc(last->nopt + 4, sizeof *argv);
	size_t n = 0;
	argv[n++] = last->path;
	for (size_t i = 0; i < last->nopt; i++)
		argv[n++] = last->opt[i];
	argv[n++] = "--out";
	argv[n++] = dir;
	int timed_out;
	int status = in < 0 || err < 0 ? -1 : pg_run_program(argv, in, -1, err, 60, &timed_out);
	free(argv);
	if (in >= 0)
		close(in);
	if (err >= 0)
		close(err);
	if (status > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 2 && last->options_line) {
		char *why = pg_stderr_line(errpath);
		fprintf(stderr, "%s: bad configuration '%s' line %d: options of '%s': the stage "
			"rejects them: %s\n", pf_prog(), c->file, last->options_line, last->name,
			why ? why : "exit status 2 (usage error)");
		free(why);
		rc = PG_EXIT_USAGE;
		goto done;
	}
	if (status != 0) {
		char buf[128];
		char *why = pg_stderr_line(errpath);
		pf_msg("the last stage '%s' cannot write tables: %s%s%s", last->name,
		       status < 0 ? "it could not be started" : pg_status_text(status, buf, sizeof buf),
		       why ? ": " : "", why ? why : "");
		free(why);
		goto done;
	}
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 4 || strcmp(de->d_name + len - 4, ".csv") != 0)
			continue;
		t->name = pg_xrealloc(t->name, (t->n + 1) * sizeof *t->name);
		t->name[t->n++] = pf_xstrndup(de->d_name, len - 4);
	}
	if (d)
		closedir(d);
	if (t->n == 0) {
		pf_msg("the last stage '%s' wrote no CSV table into '%s'", last->name, dir);
		goto done;
	}
	qsort(t->name, t->n, sizeof *t->name, by_str);
	t->header = pg_xcalloc(t->n, sizeof *t->header);
	rc = 0;
	for (size_t i = 0; i < t->n; i++) {
		char *file = pg_xasprintf("%s/%s.csv", dir, t->name[i]);
		pg_buf b = { 0 };
		if (pg_read_file(file, &b, 1 << 20) < 0 || !memchr(b.data, '\n', b.len)) {
			pf_msg("the last stage '%s' wrote no header line in '%s'", last->name, file);
			rc = -1;
		} else {
			t->header[i] = pf_xstrndup(b.data, (size_t)((char *)memchr(b.data, '\n', b.len) - b.data));
		}
		pg_buf_free(&b);
		free(file);
	}
	if (pg_tables_index(t, "errors") < 0) {
		pf_msg("the last stage '%s' writes no errors table: the driver needs one",
		       last->name);
		rc = -1;
	}
done:
	pg_rmtree(dir);
	unlink(stream);
	unlink(errpath);
	free(dir);
	free(stream);
	free(errpath);
	return rc;
}

void pg_tables_free(pg_tables *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->name[i]);
		if (t->header)
			free(t->header[i]);
	}
	free(t->name);
	free(t->header);
	memset(t, 0, sizeof *t);
}

int pg_tables_index(const pg_tables *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			return (int)i;
	return -1;
}

void pg_error_row(pg_buf *row, const char *errors_header, const char *sha, const char *source,
		  const char *stage, const char *severity, const char *message)
{
	char id[17];
	if (sha && sha[0])
		snprintf(id, sizeof id, "%.16s", sha);
	pg_csv r;
	pg_csv_init(&r, errors_header, strlen(errors_header));
	pg_csv_next(&r);
	for (size_t i = 0; i < r.nfield; i++) {
		const char *col = pg_csv_field(&r, i), *v = NULL;
		if (strcmp(col, "doc_id") == 0)
			v = sha && sha[0] ? id : NULL;
		else if (strcmp(col, "source") == 0)
			v = source;
		else if (strcmp(col, "stage") == 0)
			v = stage;
		else if (strcmp(col, "severity") == 0)
			v = severity;
		else if (strcmp(col, "message") == 0)
			v = message;
		pg_csv_put(row, v, i == 0);
	}
	pg_buf_addc(row, '\n');
	pg_csv_free(&r);
}

/* ---- writing one merged file ---- */

typedef struct out_file {
	char *path, *tmp;
	int fd;
	FILE *f;             /* csv */
	struct archive *gz;  /* csv.gz: libarchive's raw format, gzip filter */
	int failed;
	char *why;
} out_file;

static void out_fail(out_file *o, const char *why)
{
	if (!o->failed) {
		o->failed = 1;
		o->why = pg_xstrdup(why);
	}
}

static int out_open(out_file *o, const char *dir, const char *table, int gzip)
{
	memset(o, 0, sizeof *o);
	o->path = pg_xasprintf("%s/%s.%s", dir, table, gzip ? "csv.gz" : "csv");
	o->tmp = pg_xasprintf("%s/.paragraf-%s.%s.tmp", dir, table, gzip ? "csv.gz" : "csv");
	o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (o->fd < 0) {
		out_fail(o, strerror(errno));
		return -1;
	}
	if (!gzip) {
		o->f = fdopen(o->fd, "wb");
		if (!o->f)
			out_fail(o, strerror(errno));
		return o->f ? 0 : -1;
	}
	/* no timestamp in the gzip header: equal tables, equal bytes */
	struct archive_entry *e = archive_entry_new();
	o->gz = archive_write_new();
	if (!e || !o->gz || archive_write_add_filter_gzip(o->gz) != ARCHIVE_OK ||
	    archive_write_set_format_raw(o->gz) != ARCHIVE_OK ||
	    archive_write_set_options(o->gz, "gzip:!timestamp,gzip:compression-level=9") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(o->gz, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(o->gz, o->fd) != ARCHIVE_OK) {
		out_fail(o, o->gz ? archive_error_string(o->gz) : "out of memory");
	} else {
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_pathname(e, table);
		if (archive_write_header(o->gz, e) != ARCHIVE_OK)
			out_fail(o, archive_error_string(o->gz));
	}
	if (e)
		archive_entry_free(e);
	return o->failed ? -1 : 0;
}

static void out_write(out_file *o, const char *p, size_t n)
{
	if (o->failed || n == 0)
		return;
	if (o->f) {
		if (fwrite(p, 1, n, o->f) != n)
			out_fail(o, strerror(errno));
	} else if (archive_write_data(o->gz, p, n) != (la_ssize_t)n) {
		out_fail(o, archive_error_string(o->gz));
	}
}

/* Flushes, syncs and closes; the file stays under its temporary name. */
static void out_close(out_file *o)
{
	if (o->f) {
		if (fflush(o->f) != 0 || ferror(o->f))
			out_fail(o, strerror(errno));
		if (!o->failed && fsync(o->fd) < 0)
			out_fail(o, strerror(errno));
		if (fclose(o->f) != 0)
			out_fail(o, strerror(errno));
		o->f = NULL;
	} else if (o->gz) {
		if (archive_write_close(o->gz) != ARCHIVE_OK)
			out_fail(o, archive_error_string(o->gz));
		archive_write_free(o->gz);
		o->gz = NULL;
		if (!o->failed && fsync(o->fd) < 0)
			out_fail(o, strerror(errno));
		close(o->fd);
	} else if (o->fd >= 0) {
		close(o->fd);
	}
	o->fd = -1;
}

static void out_free(out_file *o, int keep)
{
	if (!keep && o->tmp)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	free(o->why);
}

/* ---- merging ---- */

/* Copies the rows of a stored table file (everything after its header,
 * which must be the header the last stage writes now) to every output. */
static int copy_rows(out_file *o, int no, const char *file, const char *header, int must_exist,
		     char **why)
{
	pg_buf b = { 0 };
	if (pg_read_file(file, &b, (size_t)-1 / 2) < 0) {
		int e = errno;
		pg_buf_free(&b);
		if (e == ENOENT && !must_exist)
			return 0;
		*why = pg_xasprintf("cannot read stored rows '%s': %s", file, strerror(e));
		return -1;
	}
	size_t hl = strlen(header);
	if (b.len < hl + 1 || memcmp(b.data, header, hl) != 0 || b.data[hl] != '\n') {
		*why = pg_xasprintf("stored rows '%s' do not have the header the last stage "
				    "writes now: run again with --force", file);
		pg_buf_free(&b);
		return -1;
	}
	for (int i = 0; i < no; i++)
		out_write(&o[i], b.data + hl + 1, b.len - hl - 1);
	pg_buf_free(&b);
	return 0;
}

static void write_all(out_file *o, int no, const char *p, size_t n)
{
	for (int i = 0; i < no; i++)
		out_write(&o[i], p, n);
}

/* One table: every document's rows in plan order. */
static int merge_table(out_file *o, int no, const char *store, const pg_tables *t, size_t ti,
		       const pg_plan *p, char **why)
{
	const char *table = t->name[ti];
	int is_errors = strcmp(table, "errors") == 0;
	write_all(o, no, t->header[ti], strlen(t->header[ti]));
	write_all(o, no, "\n", 1);
	for (size_t i = 0; i < p->ndoc; i++) {
		const pg_doc *d = &p->doc[i];
		pg_buf row = { 0 };
		int rc = 0;
		char *file = NULL;
		switch (d->outcome) {
		case PG_OK:
		case PG_REUSED:
			file = pg_xasprintf("%s/%s/%s.csv", store, d->sha, table);
			rc = copy_rows(o, no, file, t->header[ti], 1, why);
			break;
		case PG_FAILED:
		case PG_REUSED_FAILED:
			if (!is_errors)
				break;
			if (d->error) {
				/* never reached a stage: the driver says why */
				pg_error_row(&row, t->header[ti], d->sha, d->name, PG_PROG, "error",
					     d->error);
				break;
			}
			file = pg_xasprintf("%s/%s/%s.csv", store, d->sha, table);
			rc = copy_rows(o, no, file, t->header[ti], 0, why);
			free(file);
			file = pg_xasprintf("%s/%s/driver-errors.rows", store, d->sha);
			if (rc == 0 && pg_read_file(file, &row, 1 << 20) < 0 && errno != ENOENT) {
				*why = pg_xasprintf("cannot read '%s': %s", file, strerror(errno));
				rc = -1;
			}
			break;
		case PG_DUPLICATE:
			if (is_errors) {
				char *msg = pg_xasprintf("the same file as '%s': not read again",
							 p->doc[d->dup_of].name);
				pg_error_row(&row, t->header[ti], d->sha, d->name, PG_PROG, "warning",
					     msg);
				free(msg);
			}
			break;
		case PG_SKIPPED:
			/* left out: named once, so that no input goes unmentioned */
			if (is_errors)
				pg_error_row(&row, t->header[ti], NULL, d->name, PG_PROG, "skipped",
					     d->skip);
			break;
		case PG_TODO:
			break;
		}
		write_all(o, no, row.data, row.len);
		pg_buf_free(&row);
		free(file);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Runs "<last stage> --from-csv OUT"; 0, or -1 with a message. */
static int to_parquet(const pg_conf *c, const char *out)
{
	const char *emit = c->stage[c->nstage - 1].path;
	pid_t pid = fork();
	if (pid < 0) {
		pf_msg("cannot start '%s': %s", emit, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execl(emit, emit, "--from-csv", out, (char *)NULL);
		pf_msg("cannot run '%s': %s", emit, strerror(errno));
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			pf_msg("cannot wait for '%s': %s", emit, strerror(errno));
			return -1;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		pf_msg("'%s --from-csv %s' failed: the Parquet tables were not written", emit, out);
		return -1;
	}
	return 0;
}

int pg_merge(const pg_conf *c, const char *out, const char *store, const pg_tables *t,
	     const pg_plan *p)
{
	int formats[2], nf = 0;
	if (c->formats & PG_FMT_CSV)
		formats[nf++] = 0;
	if (c->formats & PG_FMT_CSV_GZ)
		formats[nf++] = 1;
	size_t nout = t->n * (size_t)nf;
	out_file *o = pg_xcalloc(nout, sizeof *o);
	int rc = 0;
	for (size_t ti = 0; ti < t->n && rc == 0 && !pg_stop; ti++) {
		out_file *mine = &o[ti * (size_t)nf];
		for (int f = 0; f < nf; f++)
			out_open(&mine[f], out, t->name[ti], formats[f]);
		char *why = NULL;
		if (merge_table(mine, nf, store, t, ti, p, &why) < 0) {
			pf_msg("%s", why);
			rc = -1;
		}
		free(why);
		for (int f = 0; f < nf; f++) {
			out_close(&mine[f]);
			if (mine[f].failed) {
				pf_msg("cannot write '%s': %s", mine[f].tmp, mine[f].why);
				rc = -1;
			}
		}
	}
	if (pg_stop)
		rc = -1;
	/* all or nothing: rename only when every table was written */
	for (size_t i = 0; i < nout && rc == 0; i++) {
		if (rename(o[i].tmp, o[i].path) < 0) {
			pf_msg("cannot rename '%s': %s", o[i].tmp, strerror(errno));
			rc = -1;
		}
	}
	/* Parquet files do not concatenate: the last stage writes them from
	 * the merged CSV (pf-emit --from-csv), atomically too */
	if (rc == 0 && (c->formats & PG_FMT_PARQUET) && to_parquet(c, out) < 0)
		rc = -1;
	int dfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	for (size_t i = 0; i < nout; i++)
		out_free(&o[i], 0);
	free(o);
	return rc;
}
