/*
 * paragraf — the batch driver's internals (docs/driver.md is the manual).
 *
 *   main.c      the commands (run, inspect), --help, --version
 *   conf.c      pipeline.conf: the stage chain, the output, the run
 *   plan.c      inputs (PDFs, folders, archives) to the ordered list of
 *               documents, with their SHA-256
 *   spawn.c     one document's stage chain: fork/exec, pipes, a process
 *               group per document
 *   run.c       the run command: setup, the plan, reuse, merge, the end
 *   schedule.c  run: N documents at a time, reaping, timeouts, signals
 *   batch.c     run: several PDFs through one pipe, its tables split per
 *               document, a batch that fails run again one by one
 *   finish.c    run: which stage failed a document and why, the store,
 *               quarantine
 *   progress.c  run: the live line, a line per document, the summary
 *   run.h       what the four run files share
 *   state.c     state.tsv and each stored document's meta file
 *   merge.c     the merged tables in DIR (csv, csv.gz), written atomically
 *   inspect.c   the inspect command
 *   csv.c       reading and writing CSV rows as pf-emit writes them
 *   sha256.c    SHA-256 (GLib's GChecksum)
 *   util.c      memory, buffers, files and folders, time
 *
 * Only the driver reads pipeline.conf; the stages know nothing of it.
 */
#ifndef PARAGRAF_H
#define PARAGRAF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <glib.h>

#define PG_PROG "paragraf"

/* Exit codes of the driver (docs/driver.md, --help). */
enum {
	PG_EXIT_OK = 0,       /* every document went through */
	PG_EXIT_FAILED = 1,   /* some documents are quarantined (errors.csv) */
	PG_EXIT_USAGE = 2,    /* bad option or configuration */
	PG_EXIT_CANNOT = 3,   /* nothing could run: an input missing or
				 unreadable, stages missing, output not
				 writable, another run holds the lock */
	PG_EXIT_EMPTY = 4,    /* the inputs hold no document: the last
				 tables are kept (run --allow-empty) */
};

#define PG_MAX_STAGES 16
#define PG_MAX_JOBS 256
/* Documents through one pipe at most ([run] batch, run -b). */
#define PG_MAX_BATCH 1024
/* A PDF larger than this is not read (pf-pdftext's own limit for stdin). */
#define PG_MAX_PDF_BYTES (1ull << 30)

/* ---- util.c ---- */

/* Allocation that cannot fail: lib/xalloc.h's, out of memory ends the
 * driver with exit 3 (PG_EXIT_CANNOT). */
void *pg_xmalloc(size_t n);
void *pg_xcalloc(size_t n, size_t size);
void *pg_xrealloc(void *p, size_t n);
char *pg_xstrdup(const char *s);
char *pg_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

typedef struct pg_buf {
	char *data;   /* always NUL-terminated when len > 0 or after any append */
	size_t len, cap;
} pg_buf;
void pg_buf_add(pg_buf *b, const void *p, size_t n);
void pg_buf_addc(pg_buf *b, char c);
void pg_buf_adds(pg_buf *b, const char *s);
void pg_buf_printf(pg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pg_buf_free(pg_buf *b);

/* "dir/name" (no doubled slash). */
char *pg_path_join(const char *dir, const char *name);
/* The part after the last '/'. */
const char *pg_basename(const char *path);
/* The folder of a path ("." when it has none), newly allocated. */
char *pg_dirname(const char *path);
/* 1 if s ends with suffix, ignoring ASCII case. */
int pg_ends_with_ci(const char *s, const char *suffix);

/* mkdir -p. Returns 0, or -1 with errno set. */
int pg_mkdirs(const char *path);
/* rm -rf (does not follow symbolic links). Returns 0, or -1 with errno. */
int pg_rmtree(const char *path);
/* Reads a whole file, at most max bytes (more: -1 with EFBIG). Returns 0
 * or -1 with errno set; b is appended to. */
int pg_read_file(const char *path, pg_buf *b, size_t max);
/* Calls fn with the file's bytes, 64 KiB at a time; 0, or -1 with errno set
 * (when the file cannot be read, or fn returned -1 and set errno). */
int pg_each_chunk(const char *path, int (*fn)(void *ctx, const void *p, size_t n), void *ctx);
/* Writes data to path through path.tmp, fsync and rename: readers see the
 * old file or the new one, never a part. Returns 0 or -1 with errno. */
int pg_write_atomic(const char *path, const void *data, size_t n);
/* The last non-empty line of a file (at most max bytes of it), or NULL. */
char *pg_last_line(const char *path, size_t max);
/* What a program said on stderr, in one line: the first non-empty line of
 * the file that is not a "Try '... --help'" hint; NULL if none. */
char *pg_stderr_line(const char *path);
/* Seconds on the monotonic clock. */
double pg_now(void);
/* "1.2 s", "3m05s", "2h10m" into buf. */
const char *pg_fmt_duration(double s, char *buf, size_t n);
/* The folder the running binary is in (from /proc/self/exe, else argv0). */
char *pg_self_dir(const char *argv0);
/* Number of CPUs this process may run on. */
long pg_ncpus(void);

/* ---- sha256.c ---- */

typedef struct pg_sha256 {
	GChecksum *c;
} pg_sha256;
void pg_sha256_init(pg_sha256 *s);
void pg_sha256_update(pg_sha256 *s, const void *data, size_t n);
/* Finishes, frees and writes 64 lower-case hex digits and a NUL to hex. */
void pg_sha256_hex(pg_sha256 *s, char hex[65]);
/* Frees a sum that will not be finished (an error on the way). */
void pg_sha256_free(pg_sha256 *s);
/* SHA-256 of a file's bytes into hex; 0, or -1 with errno set. */
int pg_sha256_file(const char *path, char hex[65]);

/* ---- csv.c ---- */

/* Appends one field of a row as pf-emit writes it (RFC 4180): quoted only
 * when it holds a comma, quote, CR or LF, or is the empty string (so that
 * "" and null stay apart); NULL (null) writes nothing. `first` leaves out
 * the comma before it. */
void pg_csv_put(pg_buf *row, const char *v, int first);

/* A reader over CSV text in memory. */
typedef struct pg_csv {
	const char *p, *end;
	pg_buf text;        /* the current row's fields, each NUL-terminated */
	size_t *off;        /* offset of each field in text */
	size_t nfield, cap;
	const char *row_start; /* where the current row began in the input */
} pg_csv;
void pg_csv_init(pg_csv *r, const char *data, size_t len);
/* Reads the next row: 1, 0 at the end, -1 if the text is not CSV (an
 * unterminated quote). */
int pg_csv_next(pg_csv *r);
const char *pg_csv_field(const pg_csv *r, size_t i); /* "" when absent */
/* Index of the column named `name` in the current row, or -1. */
int pg_csv_find(const pg_csv *r, const char *name);
void pg_csv_free(pg_csv *r);

/* ---- conf.c ---- */

enum { PG_FMT_CSV = 1, PG_FMT_CSV_GZ = 2, PG_FMT_PARQUET = 4 };

typedef struct pg_stage {
	char *name;    /* as written in the chain, e.g. pf-pdftext */
	char *path;    /* the binary that runs */
	char **opt;    /* its options from the configuration, in order */
	size_t nopt;
	int options_line; /* where the options were set, 0: not in a file */
} pg_stage;

typedef struct pg_conf {
	char *file;                /* the file read, NULL for the built-in defaults */
	pg_stage stage[PG_MAX_STAGES];
	size_t nstage;             /* stage[0] reads PDFs, the last writes tables */
	char *out;                 /* [output] dir */
	int formats;               /* PG_FMT_* bits */
	char *state;               /* [output] state, relative to out */
	char *quarantine;          /* [output] quarantine, relative to out */
	long jobs;                 /* [run] jobs; 0: one per CPU */
	long batch;                /* [run] batch: PDFs per pipe; 1: one */
	double timeout;            /* [run] timeout in seconds; 0: none */
} pg_conf;

/* Sets c to the built-in defaults (the same as the repository's
 * pipeline.conf), then reads `file` over them when it is not NULL.
 * `self_dir` is where the stage binaries are unless the file says
 * otherwise. Every problem is reported with the file and line. Returns 0,
 * PG_EXIT_USAGE for a configuration error, or PG_EXIT_CANNOT when a stage
 * binary of the defaults is missing. */
int pg_conf_load(pg_conf *c, const char *file, const char *self_dir);
/* Runs every stage but the last once on an empty input with its options
 * (the first on an empty PDF): a stage that exits 2 rejects its options,
 * reported as a configuration error at the options' line. tmp is a
 * scratch folder. Returns 0 or PG_EXIT_USAGE. */
int pg_conf_check_options(const pg_conf *c, const char *tmp);
void pg_conf_free(pg_conf *c);

/* ---- plan.c ---- */

typedef enum pg_outcome {
	PG_TODO,        /* to be run */
	PG_REUSED,      /* unchanged: the stored rows are used (ok) */
	PG_REUSED_FAILED, /* unchanged and failed before: stays failed */
	PG_OK,          /* run now, went through */
	PG_FAILED,      /* run now (or could not be read), quarantined */
	PG_DUPLICATE,   /* the same bytes as an earlier input */
	PG_SKIPPED,     /* not a document: left out, named in errors.csv */
} pg_outcome;

typedef struct pg_doc {
	char *name;         /* the source: the path, or ARCHIVE:MEMBER */
	char *path;         /* the file to read: the PDF, or the archive */
	char *member;       /* the member's path in the archive, NULL for a file */
	long member_no;     /* its index among the archive's entries */
	char sha[65];       /* SHA-256, "" when the bytes could not be read */
	long long size;     /* bytes; for a file also its mtime: */
	long long mtime_s;
	long mtime_ns;
	char *error;        /* why it could not be read, or NULL */
	const char *skip;   /* why it is left out (PG_SKIPPED), or NULL */
	int kept;           /* not seen this run (its file, folder or archive
			       could not be read): the last run's rows kept */
	int archive_error;  /* error is about the archive as a whole */
	long dup_of;        /* index of the first input with the same bytes, or -1 */
	pg_outcome outcome;
	char *stage;        /* failed: the stage it failed in */
	char *message;      /* failed: why */
	long pages;         /* pages read (documents.csv), -1 unknown */
} pg_doc;

/* A document of the previous state.tsv. A file whose size and mtime are
 * known keeps its hash without being read again; a document whose file,
 * folder or archive cannot be read now keeps its rows (run.c). */
typedef struct pg_known {
	char *name;
	char sha[65];
	long long size, mtime_s;
	long mtime_ns;
	int stat_known;      /* size and mtime are those of a file */
	size_t order;        /* its line in state.tsv: the previous plan order */
} pg_known;

typedef struct pg_plan {
	pg_doc *doc;
	size_t ndoc, cap;
	const pg_known *known; /* sorted by name */
	size_t nknown;
	dev_t skip_dev[3];   /* folders not to walk into: out, state, quarantine */
	ino_t skip_ino[3];
	int nskip;
} pg_plan;

/* Expands the inputs into p->doc: sorted by path, folders walked
 * recursively (*.pdf and archives), archive members ending in .pdf in
 * archive order. Every document gets its SHA-256 (members read from the
 * archive, never unpacked to disk); one that cannot be read gets `error`
 * instead. Later inputs with the bytes of an earlier one get dup_of.
 * Every file left out (not a PDF or archive, hidden, a link to a folder,
 * an archive in an archive) is in p->doc too, in its place, with `skip`.
 * Returns 0, or -1 when interrupted (pg_stop). */
int pg_plan_inputs(pg_plan *p, char **inputs, int n);
void pg_plan_free(pg_plan *p);
/* The documents of the plan, not counting the files left out. */
size_t pg_plan_documents(const pg_plan *p);
/* 1 if the name is that of an archive paragraf reads (.zip, .tar.gz...). */
int pg_is_archive_name(const char *name);

/* Reading members back: an archive held open at its next entry. */
typedef struct pg_archive_cursor {
	char *path;
	void *a;            /* struct archive * */
	long next_no;       /* index of the entry the next header read gives */
	int broken;
} pg_archive_cursor;
/* Reads member `no` (named `member`) of archive `path` into b, moving on
 * from where the cursor is (members are read in archive order). Returns 0,
 * or -1 with a message in *err (allocated). */
int pg_archive_read(pg_archive_cursor *cur, const char *path, long no, const char *member,
		    pg_buf *b, char **err);
void pg_archive_close(pg_archive_cursor *cur);

/* Set by SIGINT, SIGTERM and SIGHUP during a run: the signal number. */
extern volatile int pg_stop;

/* ---- spawn.c ---- */

typedef struct pg_proc {
	pid_t pid;
	int status;   /* from waitpid */
	int done;
} pg_proc;

/* One document's chain: stage i is proc[i]; the feeder that writes the
 * PDF to the first stage's stdin (when there is one) is proc[nstage]. */
typedef struct pg_chain {
	pg_proc proc[PG_MAX_STAGES + 1];
	size_t nproc;
	size_t nstage;
	int has_feeder;
	pid_t pgid;
	int running;     /* processes not reaped yet */
} pg_chain;

/* How the first stage gets the PDF. */
typedef enum pg_feed {
	PG_FEED_PATH,    /* the file's path as its argument */
	PG_FEED_SOURCE,  /* `--source NAME -`, the bytes on stdin */
	PG_FEED_STDIN,   /* `-`, the bytes on stdin (a stage without --source) */
} pg_feed;

/* Starts the chain of c on one document in a new process group: stage i's
 * stdout is stage i+1's stdin (pipes), each stage's stderr goes to
 * dir/stderr.<i>, the last stage writes its tables into dir/emit. The
 * first stage gets `path`, or `bytes` on stdin named `source` (see
 * pg_feed). Children die with the driver (PR_SET_PDEATHSIG). Returns 0,
 * or -1 with a message. */
int pg_chain_start(pg_chain *ch, const pg_conf *c, const char *dir, const char *source,
		   pg_feed feed, const char *path, const pg_buf *bytes);
/* The chain of c on several PDF files at once (a batch, batch.c): the
 * first stage gets their paths after "--", as pf-pdftext takes them;
 * the rest as pg_chain_start. Returns 0, or -1 with a message. */
int pg_chain_start_files(pg_chain *ch, const pg_conf *c, const char *dir,
			 char *const *paths, size_t npaths);
/* Records the exit of pid if it is one of ch's; returns 1 if it was. */
int pg_chain_reaped(pg_chain *ch, pid_t pid, int status);
/* SIGKILL to the whole process group. */
void pg_chain_kill(pg_chain *ch);

/* Runs one program to its end with the given fds (-1: /dev/null), killing
 * it after timeout seconds (0: none). Returns the waitpid status, or -1
 * if it could not start. *timed_out is set when it was killed. */
int pg_run_program(char *const argv[], int in, int out, int err, double timeout,
		   int *timed_out);

/* "exited with status 3", "killed by signal 11 (Segmentation fault)". */
const char *pg_status_text(int status, char *buf, size_t n);

/* ---- merge.c ---- */

/* The tables the last stage writes: names and header lines, found by
 * running it on an empty stream. */
typedef struct pg_tables {
	char **name;    /* "documents", ... sorted */
	char **header;  /* the header line without its LF */
	size_t n;
} pg_tables;

/* Runs the last stage on an empty stream in tmp/probe to learn its tables.
 * Returns 0, PG_EXIT_USAGE (with the configuration's file and line) when
 * the stage rejects its options, or -1 with a message. */
int pg_tables_probe(pg_tables *t, const pg_conf *c, const char *tmp);
void pg_tables_free(pg_tables *t);
int pg_tables_index(const pg_tables *t, const char *name);

/* Writes every table in every format of c into out: header once, then the
 * rows of each document in plan order, from the store (docs/<sha>/), each
 * through a temporary file; renames them all into place only when all
 * were written. Returns 0, or -1 with a message (nothing replaced). */
int pg_merge(const pg_conf *c, const char *out, const char *store, const pg_tables *t,
	     const pg_plan *p);

/* The errors row the driver writes for a document, in the columns of the
 * errors table's header (doc_id, source, stage, severity, message; any
 * other column null). Appends it with its LF to row. */
void pg_error_row(pg_buf *row, const char *errors_header, const char *sha, const char *source,
		  const char *stage, const char *severity, const char *message);

/* ---- state.c ---- */

/* A stored document's meta file. */
typedef struct pg_meta {
	char *source, *sha, *pipeline, *outcome, *stage, *message;
	long pages;          /* -1: unknown */
} pg_meta;

/* Reads a meta file: 0, or -1 when it is missing or lacks a field. */
int pg_meta_read(const char *file, pg_meta *m);
void pg_meta_free(pg_meta *m);
/* Writes it atomically; NULL values are left out. 0, or -1 with errno. */
int pg_meta_write(const char *file, const char *source, const char *sha, const char *fp,
		  const char *outcome, const char *stage, const char *message, long pages);

/* The documents of the previous state.tsv that had bytes (a SHA-256), in
 * its order, or nothing when it is missing or of another version. */
void pg_state_load(const char *file, pg_known **out, size_t *nout);
int pg_known_cmp(const void *a, const void *b);  /* by name, for qsort */
/* Writes DIR/state.tsv for the documents of p. 0, or -1 with a message. */
int pg_state_write(const char *dir, const char *fp, const pg_plan *p);

/* ---- run.c, inspect.c ---- */

int pg_cmd_run(int argc, char **argv, const char *self_dir);
int pg_cmd_inspect(int argc, char **argv, const char *self_dir);

#endif
