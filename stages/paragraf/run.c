/*
 * paragraf run — the nightly batch.
 *
 *   1. configuration, output folder, the lock on the state folder
 *   2. the last stage's tables (run on an empty stream), the pipeline's
 *      fingerprint (each stage's name, binary SHA-256 and options)
 *   0. every input named is there and readable, else exit 3 before
 *      anything is touched
 *   3. the plan: documents in order, their SHA-256; unchanged ones (same
 *      bytes, source and fingerprint in the store) are reused; documents
 *      of the last run that could not be looked at now are kept; no
 *      document at all: exit 4, the tables as they were
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
 *
 * Here: steps 1 to 3 and 5. schedule.c runs step 4 (job slots, processes,
 * timeouts), finish.c judges and stores each finished document,
 * progress.c says how it goes; run.h has what they share.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "run.h"

static const char usage[] =
	"usage: paragraf run [-j N] [-b N] [-c CONF] [--out DIR] [--force] [--allow-empty]\n"
	"                    INPUT...\n"
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
	"in errors.csv and a copy in the quarantine folder; the others go on. A file\n"
	"left out (not a PDF or archive, hidden) is named in errors.csv as skipped.\n"
	"Documents of the last run whose file, folder or archive cannot be read now\n"
	"keep their rows; documents no longer in the inputs leave the tables.\n"
	"\n"
	"  -j, --jobs N      pipes at a time (default: [run] jobs; 0: one per CPU)\n"
	"  -b, --batch N     PDF files through one pipe at most (default: [run] batch,\n"
	"                    16; 1: a pipe per document); a batch that fails runs\n"
	"                    its documents again one by one\n"
	"  -c, --config CONF read CONF (default: the built-in pipeline.conf defaults)\n"
	"  -o, --out DIR     output folder (default: [output] dir, 'out')\n"
	"  -f, --force       run every document again, reuse nothing\n"
	"      --allow-empty inputs without any document give empty tables (without\n"
	"                    it such a run changes nothing and exits 4)\n"
	"  -h, --help        print this help\n"
	"  -V, --version     print the version\n"
	"\n"
	"Progress: a live line on a terminal, else one line per document on stderr;\n"
	"a summary at the end.\n"
	"\n"
	"Exit status: 0 every document went through; 1 some documents or inputs\n"
	"failed (see DIR/errors.csv), the tables hold all the others; 2 usage or\n"
	"configuration error; 3 nothing could run (an input missing or unreadable,\n"
	"stages missing, DIR not writable, another run holds the lock); 4 no\n"
	"document in the inputs. After 2, 3 and 4 the tables are as they were.\n";

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
			pg_sha256_free(&s);
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

/* ---- the store: reusing and pruning (finish.c writes into it) ---- */

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

/* ---- documents not seen this run ---- */

/* Can the stored rows of a document of the last run be kept as they are?
 * Its meta names it, and its tables have the headers the last stage writes
 * now (else merging them would fail). Sets the outcome, pages, stage and
 * message of d. */
static int keepable(runner *r, pg_doc *d)
{
	char *dir = pg_path_join(r->store, d->sha);
	char *file = pg_path_join(dir, "meta");
	pg_meta m;
	int ok = 0;
	if (pg_meta_read(file, &m) == 0 && strcmp(m.sha, d->sha) == 0 &&
	    strcmp(m.source, d->name) == 0) {
		int failed = strcmp(m.outcome, "ok") != 0;
		ok = 1;
		for (size_t i = 0; ok && i < r->t.n; i++) {
			if (failed && strcmp(r->t.name[i], "errors") != 0)
				continue;
			char *t = pg_xasprintf("%s/%s.csv", dir, r->t.name[i]);
			char *line = NULL;
			size_t cap = 0;
			FILE *f = fopen(t, "r");
			ssize_t n = f ? getline(&line, &cap, f) : -1;
			if (n > 0 && line[n - 1] == '\n')
				line[--n] = '\0';
			/* a failed document may have no errors.csv of its own */
			ok = f ? n >= 0 && strcmp(line, r->t.header[i]) == 0 : failed;
			if (f)
				fclose(f);
			free(line);
			free(t);
		}
		if (ok) {
			d->outcome = failed ? PG_REUSED_FAILED : PG_REUSED;
			d->pages = m.pages;
			if (failed) {
				d->stage = pg_xstrdup(m.stage ? m.stage : PG_PROG);
				d->message = pg_xstrdup(m.message ? m.message : "failed");
			}
		}
	}
	pg_meta_free(&m);
	free(file);
	free(dir);
	return ok;
}

static int by_order(const void *a, const void *b)
{
	const pg_known *x = *(const pg_known *const *)a, *y = *(const pg_known *const *)b;
	return (x->order > y->order) - (x->order < y->order);
}

/* Was the document `name` of the last run under the input `in` that could
 * not be read: the same file, a file in the folder, a member of the
 * archive? */
static int under(const char *name, const char *in)
{
	size_t n = strlen(in);
	return strncmp(name, in, n) == 0 && (name[n] == '\0' || name[n] == '/' || name[n] == ':');
}

/* Documents of the last run that this run could not look at (their file,
 * folder or archive could not be read, or not to its end) keep their rows:
 * a share that fails halfway must not empty the tables. Only a document
 * that is really gone leaves them. They are put right after the input that
 * failed, in the order of the last run, and its error says so. */
static void keep_unseen(runner *r, const pg_known *known, size_t nknown)
{
	pg_plan *p = r->p;
	size_t nfail = 0;
	for (size_t i = 0; i < p->ndoc; i++)
		nfail += p->doc[i].error != NULL;
	if (!nfail || !nknown)
		return;
	const pg_known **prev = pg_xmalloc(nknown * sizeof *prev);
	for (size_t k = 0; k < nknown; k++)
		prev[k] = &known[k];
	qsort(prev, nknown, sizeof *prev, by_order);
	/* what this run has: names seen, and bytes (doc ids) */
	GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *shas = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < p->ndoc; i++) {
		if (p->doc[i].error)
			continue;
		g_hash_table_add(names, p->doc[i].name);
		if (p->doc[i].sha[0])
			g_hash_table_add(shas, p->doc[i].sha);
	}
	/* room for every kept one: pointers into doc stay valid */
	size_t cap = p->ndoc + nknown, n = 0;
	pg_doc *doc = pg_xcalloc(cap, sizeof *doc);
	size_t *moved = pg_xmalloc((p->ndoc + 1) * sizeof *moved);
	for (size_t i = 0; i < p->ndoc; i++) {
		moved[i] = n;
		doc[n++] = p->doc[i];
		pg_doc *failed = &doc[n - 1];
		if (!failed->error)
			continue;
		long kept = 0;
		for (size_t k = 0; k < nknown; k++) {
			const pg_known *o = prev[k];
			if (!under(o->name, failed->name) || g_hash_table_contains(names, o->name) ||
			    g_hash_table_contains(shas, o->sha))
				continue;
			pg_doc *d = &doc[n];
			memset(d, 0, sizeof *d);
			d->name = pg_xstrdup(o->name);
			d->path = pg_xstrdup(o->name);
			memcpy(d->sha, o->sha, sizeof d->sha);
			d->member_no = -1;
			d->dup_of = -1;
			d->pages = -1;
			if (!keepable(r, d)) {
				free(d->name);
				free(d->path);
				continue;
			}
			d->kept = 1;
			if (o->stat_known) {
				d->size = o->size;
				d->mtime_s = o->mtime_s;
				d->mtime_ns = o->mtime_ns;
			}
			g_hash_table_add(names, d->name);
			g_hash_table_add(shas, d->sha);
			n++;
			kept++;
		}
		if (kept) {
			/* the file itself, or what was in the folder or archive */
			char *msg = kept == 1 && strcmp(doc[n - 1].name, failed->name) == 0 ?
				pg_xasprintf("%s; its rows of the last run are kept", failed->error) :
				pg_xasprintf("%s; the %ld document%s of the last run from it %s kept",
					     failed->error, kept, kept == 1 ? "" : "s",
					     kept == 1 ? "is" : "are");
			free(failed->error);
			failed->error = msg;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (doc[i].dup_of >= 0 && !doc[i].kept)
			doc[i].dup_of = (long)moved[doc[i].dup_of];
	g_hash_table_destroy(names);
	g_hash_table_destroy(shas);
	free(moved);
	free(prev);
	free(p->doc);
	p->doc = doc;
	p->ndoc = n;
	p->cap = cap;
}

/* Every input named must be there and readable before anything is touched:
 * an inbox on a share that did not mount must not empty the tables. */
static int check_inputs(char **inputs, int n, const char *out)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		int e = 0;
		if (stat(inputs[i], &st) < 0) {
			e = errno;
		} else if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(inputs[i]);
			if (!d) {
				e = errno;
			} else {
				errno = 0;
				if (!readdir(d) && errno)
					e = errno;
				closedir(d);
			}
		} else {
			int fd = open(inputs[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0)
				e = errno;
			else
				close(fd);
		}
		if (e) {
			pf_msg("cannot read input '%s': %s", inputs[i], strerror(e));
			bad++;
		}
	}
	if (bad)
		pf_msg("nothing was run: the tables in '%s' are as they were", out);
	return bad ? PG_EXIT_CANNOT : 0;
}

/* ---- setup and the end ---- */

static void add_skip(pg_plan *p, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0 && p->nskip < 3) {
		p->skip_dev[p->nskip] = st.st_dev;
		p->skip_ino[p->nskip++] = st.st_ino;
	}
}

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

static char *relative_to_out(const char *out, const char *path)
{
	return path[0] == '/' ? pg_xstrdup(path) : pg_path_join(out, path);
}

/* The options of paragraf run. */
typedef struct run_opts {
	const char *conf_file, *out;
	long jobs;          /* -1: the configuration's */
	long batch;         /* -1: the configuration's */
	int force, allow_empty;
} run_opts;

/* The options into *o, optind at the first input. Returns -1 to go on,
 * or the exit status (--help, --version, a usage error). */
static int parse_run_options(int argc, char **argv, run_opts *o)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "batch", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "allow-empty", no_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":j:b:c:o:fhV", longopts, NULL)) != -1) {
		char *end;
		switch (ch) {
		case 'j':
			errno = 0;
			o->jobs = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || o->jobs < 0 || o->jobs > PG_MAX_JOBS)
				return pf_usage_error("paragraf run", "-j needs a whole number from 0 (one per CPU) to 256, "
						   "not '%s'", optarg);
			break;
		case 'b':
			errno = 0;
			o->batch = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || o->batch < 1 || o->batch > PG_MAX_BATCH)
				return pf_usage_error("paragraf run", "-b needs a whole number from 1 (a pipe per "
						   "document) to %d, not '%s'", PG_MAX_BATCH, optarg);
			break;
		case 'c': o->conf_file = optarg; break;
		case 'o': o->out = optarg; break;
		case 'f': o->force = 1; break;
		case 'E': o->allow_empty = 1; break;
		case 'h':
			fputs(usage, stdout);
			return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
		case 'V':
			printf("%s %s\n", PG_PROG, PF_VERSION);
			return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
		default:
			return pf_bad_option("paragraf run", argv, ch);
		}
	}
	if (optind >= argc)
		return pf_usage_error("paragraf run", "%s", "no input: name PDF files, folders or archives");
	return -1;
}

/* What a run holds until its end: the lock on the state folder. */
typedef struct run_lock {
	int fd;             /* the lock file, or -1 */
	int locked;
	char *tmp_root;     /* STATE/tmp */
} run_lock;

/* The runner's job count and folders, from the options and configuration. */
static void setup_runner(runner *r, const run_opts *o, run_lock *lk)
{
	pg_conf *c = r->c;
	if (o->jobs >= 0)
		c->jobs = o->jobs;
	r->njobs = c->jobs > 0 ? c->jobs : pg_ncpus();
	if (r->njobs > PG_MAX_JOBS)
		r->njobs = PG_MAX_JOBS;
	r->batch = o->batch >= 0 ? o->batch : c->batch;
	r->out = pg_xstrdup(o->out ? o->out : c->out);
	r->state = relative_to_out(r->out, c->state);
	r->qdir = relative_to_out(r->out, c->quarantine);
	r->store = pg_path_join(r->state, "docs");
	lk->tmp_root = pg_path_join(r->state, "tmp");
	r->tmp = pg_xasprintf("%s/%ld", lk->tmp_root, (long)getpid());
	r->tty = isatty(STDERR_FILENO);
}

/* Step 1: the output and state folders, the lock, what a killed run left
 * behind cleared, this run's tmp folder. 0, or -1 said on stderr. */
static int open_state(runner *r, run_lock *lk)
{
	const char *bad = pg_mkdirs(r->out) < 0 ? r->out : pg_mkdirs(r->store) < 0 ? r->store : NULL;
	if (bad) {
		pf_msg("cannot create '%s': %s", bad, strerror(errno));
		return -1;
	}
	char *lock_file = pg_path_join(r->state, "lock");
	lk->fd = open(lock_file, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lk->fd < 0 || flock(lk->fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			pf_msg("another paragraf run is using '%s'", r->state);
		else
			pf_msg("cannot lock '%s': %s", lock_file, strerror(errno));
		free(lock_file);
		return -1;
	}
	free(lock_file);
	lk->locked = 1;
	/* what a killed run left behind */
	pg_rmtree(lk->tmp_root);
	remove_stale_temps(r->out);
	if (pg_mkdirs(r->tmp) < 0) {
		pf_msg("cannot create '%s': %s", r->tmp, strerror(errno));
		return -1;
	}
	return 0;
}

/* Step 2: the stages' options, the last stage's tables, the pipeline's
 * fingerprint. 0, or the exit status. */
static int probe_pipeline(runner *r)
{
	pg_catch_signals();
	r->use_source = probe_source(r);
	if (!r->use_source)
		pf_msg("warning: the first stage '%s' has no --source option: archive members are "
		       "named '-' in the tables", r->c->stage[0].name);
	if (pg_conf_check_options(r->c, r->tmp))
		return PG_EXIT_USAGE;
	int rc = pg_tables_probe(&r->t, r->c, r->tmp);
	if (rc != 0 || fingerprint(r) < 0)
		return rc == PG_EXIT_USAGE ? PG_EXIT_USAGE : PG_EXIT_CANNOT;
	return 0;
}

/* Step 3: the plan of the inputs against the last run's state; documents
 * of the last run not looked at now are kept. 0, or -1 when interrupted. */
static int plan_inputs(runner *r, char **inputs, int ninputs)
{
	pg_plan *plan = r->p;
	pg_known *known;
	size_t nknown;
	char *state_file = pg_path_join(r->state, "state.tsv");
	pg_state_load(state_file, &known, &nknown);
	free(state_file);
	if (nknown)
		qsort(known, nknown, sizeof *known, pg_known_cmp);
	plan->known = r->force ? NULL : known;
	plan->nknown = r->force ? 0 : nknown;
	add_skip(plan, r->out);
	add_skip(plan, r->state);
	add_skip(plan, r->qdir);
	r->t0 = pg_now();
	int planned = pg_plan_inputs(plan, inputs, ninputs);
	plan->known = NULL;
	if (planned == 0)
		keep_unseen(r, known, nknown);
	for (size_t i = 0; i < nknown; i++)
		free(known[i].name);
	free(known);
	return planned;
}

/* Each planned document's outcome before anything runs: left out, kept,
 * failed to read, a duplicate, reused from the store, or to run. */
static void judge_planned(runner *r)
{
	for (size_t i = 0; i < r->p->ndoc; i++) {
		pg_doc *d = &r->p->doc[i];
		if (d->skip) {
			d->outcome = PG_SKIPPED;
		} else if (d->kept) {
			continue;
		} else if (d->error) {
			d->outcome = PG_FAILED;
			d->stage = pg_xstrdup(PG_PROG);
			d->message = pg_xstrdup(d->error);
			if (d->archive_error || d->member)
				pg_quarantine_file(r, d->path);
			pg_progress_clear(r);
			fprintf(stderr, "%s: failed '%s': %s\n", PG_PROG, d->name, d->error);
		} else if (d->dup_of >= 0) {
			d->outcome = PG_DUPLICATE;
		} else {
			if (!r->force)
				try_reuse(r, d);
			if (d->outcome == PG_TODO)
				r->todo++;
		}
	}
}

static int interrupted(runner *r)
{
	pf_msg("interrupted by signal %d: the tables in '%s' are as they were", pg_stop, r->out);
	return PG_EXIT_CANNOT;
}

/* Steps 1 to 5 (the header of this file); the exit status. */
static int run_batch(runner *r, run_lock *lk, const run_opts *o, char **inputs, int ninputs)
{
	if (open_state(r, lk) < 0)
		return PG_EXIT_CANNOT;
	int status = probe_pipeline(r);
	if (status)
		return status;
	if (plan_inputs(r, inputs, ninputs) == 0) {
		judge_planned(r);
		if (pg_plan_documents(r->p) == 0 && !o->allow_empty) {
			/* an inbox that is empty tonight is more likely a share
			 * that did not mount than the end of all documents */
			pg_progress_skipped(r);
			pf_msg("no documents in the inputs: the tables in '%s' are as they were "
			       "(--allow-empty writes empty tables)", r->out);
			return PG_EXIT_EMPTY;
		}
		pg_batch_plan(r);
		pg_progress_plan(r);
		r->jobs = pg_xcalloc((size_t)r->njobs, sizeof *r->jobs);
		pg_run_all(r);
	}
	if (pg_stop) {
		pg_progress_clear(r);
		pg_stop_all(r);
		return interrupted(r);
	}
	if (r->io_error) {
		pf_msg("the state folder '%s' could not be written: the tables in '%s' are as they were",
		       r->state, r->out);
		return PG_EXIT_CANNOT;
	}
	if (pg_merge(r->c, r->out, r->store, &r->t, r->p) < 0 ||
	    pg_state_write(r->state, r->fp, r->p) < 0)
		return pg_stop ? interrupted(r) : PG_EXIT_CANNOT;
	prune(r);
	pg_progress_summary(r, pg_now() - r->t0);
	status = PG_EXIT_OK;
	for (size_t i = 0; i < r->p->ndoc; i++)
		if (r->p->doc[i].outcome == PG_FAILED || r->p->doc[i].outcome == PG_REUSED_FAILED)
			status = PG_EXIT_FAILED;
	return status;
}

int pg_cmd_run(int argc, char **argv, const char *self_dir)
{
	run_opts o = { .jobs = -1, .batch = -1 };
	int rc = parse_run_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	char **inputs = argv + optind;
	int ninputs = argc - optind;

	pg_conf c;
	rc = pg_conf_load(&c, o.conf_file, self_dir);
	if (!rc)
		rc = check_inputs(inputs, ninputs, o.out ? o.out : c.out);
	if (rc) {
		pg_conf_free(&c);
		return rc;
	}
	pg_plan plan = { 0 };
	runner r = { .c = &c, .p = &plan, .force = o.force };
	run_lock lk = { .fd = -1 };
	setup_runner(&r, &o, &lk);
	int status = run_batch(&r, &lk, &o, inputs, ninputs);

	pg_progress_clear(&r);
	if (lk.locked)
		pg_rmtree(r.tmp);
	if (lk.fd >= 0)
		close(lk.fd);
	pg_tables_free(&r.t);
	pg_plan_free(&plan);
	free(r.jobs);
	free(r.claimed);
	free(r.retry);
	free(lk.tmp_root);
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
