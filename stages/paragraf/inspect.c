/*
 * paragraf inspect — what each stage makes of one PDF, for debugging.
 *
 * Runs the chain of pipeline.conf one stage at a time, each stage's output
 * kept in a temporary folder (removed at the end), and prints after every
 * stage: its exit, the record count per type (and the change against the
 * stage before), the first records of every type it added or changed, and
 * what it said on stderr; then the tables the last stage wrote with their
 * first rows, and the errors. Output on stdout; exit 0 when the document
 * went through, 1 when it failed, 2 usage, 3 the stages could not run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "stream.h"
#include "xalloc.h"

static const char usage[] =
	"usage: paragraf inspect [-c CONF] [-n N] FILE.pdf\n"
	"\n"
	"Runs the stage chain on one PDF, one stage at a time, and shows what each\n"
	"stage made of it: its exit status, the number of records of each type (with\n"
	"the change against the stage before), the first N records of every type it\n"
	"added or changed, its messages; then the tables written, with their first N\n"
	"rows, and the errors.\n"
	"\n"
	"  -c, --config CONF  read CONF (default: the built-in pipeline.conf defaults)\n"
	"  -n, --lines N      records and rows shown per type and table (default 3)\n"
	"  -h, --help         print this help\n"
	"  -V, --version      print the version\n"
	"\n"
	"Exit status: 0 the document went through, 1 it failed in some stage, 2 usage\n"
	"or configuration error, 3 the stages could not run.\n";

#define SHOW_WIDTH 160
#define MAX_TYPES 64

typedef struct type_count {
	char name[32];
	long count;
	char **sample;
	size_t nsample;
} type_count;

typedef struct counts {
	type_count t[MAX_TYPES];
	size_t n;
	char *error;       /* the stream was malformed here */
} counts;

static void counts_free(counts *c)
{
	for (size_t i = 0; i < c->n; i++) {
		for (size_t k = 0; k < c->t[i].nsample; k++)
			free(c->t[i].sample[k]);
		free(c->t[i].sample);
	}
	free(c->error);
	memset(c, 0, sizeof *c);
}

static long count_of(const counts *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->t[i].name, name) == 0)
			return c->t[i].count;
	return -1;
}

/* A line cut to SHOW_WIDTH bytes at a UTF-8 boundary, TABs as " | ". */
static void show(const char *indent, const char *s, size_t n)
{
	pg_buf b = { 0 };
	size_t i = 0;
	for (; i < n && b.len < SHOW_WIDTH; i++) {
		if (s[i] == '\t')
			pg_buf_adds(&b, " | ");
		else if (s[i] == '\n')
			pg_buf_adds(&b, "\\n");
		else
			pg_buf_addc(&b, s[i]);
	}
	if (i < n) {
		while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xc0) == 0x80)
			b.len--;
		if (b.len > 0 && (unsigned char)b.data[b.len - 1] >= 0xc0)
			b.len--;
		b.data[b.len] = '\0';
		pg_buf_adds(&b, " …");
	}
	printf("%s%s\n", indent, b.data ? b.data : "");
	pg_buf_free(&b);
}

/* Counts the records of a stream file by type, keeping the first `keep`
 * raw lines of each. */
static void count_stream(const char *file, size_t keep, counts *c)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		c->error = pg_xasprintf("cannot read '%s': %s", file, strerror(errno));
		return;
	}
	pf_reader *r = pf_reader_new(f, file);
	const pf_record *rec;
	int got;
	while (r && (got = pf_reader_next(r, &rec)) > 0) {
		const char *type = pf_field(rec, 0);
		if (!type)
			continue;
		size_t i = 0;
		while (i < c->n && strcmp(c->t[i].name, type) != 0)
			i++;
		if (i == c->n) {
			if (c->n == MAX_TYPES)
				continue;
			snprintf(c->t[c->n++].name, sizeof c->t[0].name, "%s", type);
		}
		type_count *t = &c->t[i];
		t->count++;
		if (t->nsample < keep) {
			t->sample = pg_xrealloc(t->sample, (t->nsample + 1) * sizeof *t->sample);
			t->sample[t->nsample++] = pf_xstrndup(rec->raw, rec->raw_len);
		}
	}
	if (r && got < 0)
		c->error = pg_xstrdup(pf_reader_error(r));
	pf_reader_free(r);
	fclose(f);
}

static void print_counts(const counts *now, const counts *before, int first)
{
	for (size_t i = 0; i < now->n; i++) {
		const type_count *t = &now->t[i];
		long was = first ? -1 : count_of(before, t->name);
		if (was < 0 && !first)
			printf("   %-12s %8ld  (new)\n", t->name, t->count);
		else if (!first && was != t->count)
			printf("   %-12s %8ld  (%+ld)\n", t->name, t->count, t->count - was);
		else
			printf("   %-12s %8ld\n", t->name, t->count);
	}
	for (size_t i = 0; !first && i < before->n; i++)
		if (count_of(now, before->t[i].name) < 0)
			printf("   %-12s %8d  (was %ld)\n", before->t[i].name, 0, before->t[i].count);
	for (size_t i = 0; i < now->n; i++) {
		const type_count *t = &now->t[i];
		if (!first && count_of(before, t->name) == t->count)
			continue;
		for (size_t k = 0; k < t->nsample; k++)
			show("     ", t->sample[k], strlen(t->sample[k]));
	}
	if (now->error)
		printf("   malformed stream: %s\n", now->error);
}

static void print_stderr(const char *file, size_t max)
{
	pg_buf b = { 0 };
	if (pg_read_file(file, &b, 1 << 20) == 0 && b.len) {
		size_t lines = 0;
		for (char *line = b.data, *next; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (lines++ < max)
				show("   stderr: ", line, strlen(line));
		}
		if (lines > max)
			printf("   stderr: ... %zu more lines\n", lines - max);
	}
	pg_buf_free(&b);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tables in dir with their first rows; returns the number of error
 * rows of severity error in errors.csv. */
static int print_tables(const char *dir, size_t keep)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] != '.' && len > 4 && strcmp(de->d_name + len - 4, ".csv") == 0) {
			names = pg_xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = pg_xstrdup(de->d_name);
		}
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_str);
	if (n == 0)
		printf("   (no tables written)\n");
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		char *file = pg_path_join(dir, names[i]);
		pg_buf b = { 0 };
		pg_read_file(file, &b, 64 << 20);
		pg_csv r;
		pg_csv_init(&r, b.data ? b.data : "", b.len);
		long rows = -1;
		pg_buf shown = { 0 };
		int severity = -1, stage = -1, message = -1;
		int is_errors = strcmp(names[i], "errors.csv") == 0;
		while (pg_csv_next(&r) > 0) {
			if (rows < 0 && is_errors) {
				severity = pg_csv_find(&r, "severity");
				stage = pg_csv_find(&r, "stage");
				message = pg_csv_find(&r, "message");
			} else if (rows >= 0 && is_errors && severity >= 0) {
				const char *sev = pg_csv_field(&r, (size_t)severity);
				failed += strcmp(sev, "error") == 0;
				pg_buf_printf(&shown, "   ! %s %s: %s\n", sev,
					      stage >= 0 ? pg_csv_field(&r, (size_t)stage) : "?",
					      message >= 0 ? pg_csv_field(&r, (size_t)message) : "");
			} else if (rows >= 0 && (size_t)rows < keep) {
				/* the row as written, its quoted line breaks as \n */
				size_t len = (size_t)(r.p - r.row_start);
				while (len > 0 && (r.row_start[len - 1] == '\n' || r.row_start[len - 1] == '\r'))
					len--;
				pg_buf_add(&shown, r.row_start, len);
				pg_buf_addc(&shown, '\0');
			}
			rows++;
		}
		printf("   %-18s %6ld row%s\n", names[i], rows < 0 ? 0 : rows, rows == 1 ? "" : "s");
		if (is_errors && shown.len)
			fputs(shown.data, stdout);
		for (size_t k = 0; !is_errors && k < shown.len; k += strlen(shown.data + k) + 1)
			show("     ", shown.data + k, strlen(shown.data + k));
		pg_buf_free(&shown);
		pg_csv_free(&r);
		pg_buf_free(&b);
		free(file);
		free(names[i]);
	}
	free(names);
	return failed;
}

/* The options into *conf_file and *keep, optind at the PDF. Returns -1 to
 * go on, or the exit status (--help, --version, a usage error). */
static int parse_inspect_options(int argc, char **argv, const char **conf_file, long *keep)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "lines", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:n:hV", longopts, NULL)) != -1) {
		char *end;
		switch (ch) {
		case 'c': *conf_file = optarg; break;
		case 'n':
			*keep = strtol(optarg, &end, 10);
			if (!*optarg || *end || *keep < 0 || *keep > 1000) {
				return pf_usage_error("paragraf inspect", "-n needs a whole number "
						      "from 0 to 1000, not '%s'", optarg);
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
		case 'V':
			printf("%s %s\n", PG_PROG, PF_VERSION);
			return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
		default:
			return pf_bad_option("paragraf inspect", argv, ch);
		}
	}
	if (argc - optind != 1)
		return pf_usage_error("paragraf inspect", "inspect takes one PDF file");
	return -1;
}

/* Stage i of the chain on stage i-1's output in tmp (the first stage on the
 * PDF, the last one writing its tables into emit): how it went, its records
 * against the stage before (in *before) and its stderr. Returns 0 ok, 1
 * failed, -1 could not start. */
static int inspect_stage(const pg_conf *c, size_t i, const char *file, const char *tmp,
			 const char *emit, size_t keep, counts *before)
{
	const pg_stage *st = &c->stage[i];
	int last = i + 1 == c->nstage;
	char *out = pg_xasprintf("%s/out.%zu", tmp, i);
	char *err = pg_xasprintf("%s/err.%zu", tmp, i);
	char *in = i ? pg_xasprintf("%s/out.%zu", tmp, i - 1) : NULL;
	char **av = pg_xcalloc(st->nopt + 4, sizeof *av);
	size_t n = 0;
	av[n++] = st->path;
	for (size_t k = 0; k < st->nopt; k++)
		av[n++] = st->opt[k];
	if (i == 0)
		av[n++] = (char *)file;
	if (last) {
		av[n++] = "--out";
		av[n++] = (char *)emit;
	}
	int ifd = in ? open(in, O_RDONLY | O_CLOEXEC) : -1;
	int ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int efd = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int timed_out = 0;
	double t0 = pg_now();
	int status = ofd < 0 || efd < 0 || (in && ifd < 0) ? -1 :
		     pg_run_program(av, ifd, ofd, efd, c->timeout, &timed_out);
	double secs = pg_now() - t0;
	if (ifd >= 0)
		close(ifd);
	if (ofd >= 0)
		close(ofd);
	if (efd >= 0)
		close(efd);
	char buf[128];
	printf("\n== %zu/%zu %s: %s, %.2f s\n", i + 1, c->nstage, st->name,
	       status < 0 ? "could not start" :
	       timed_out ? "timed out, killed" : pg_status_text(status, buf, sizeof buf), secs);
	if (!last) {
		counts now = { 0 };
		count_stream(out, keep, &now);
		print_counts(&now, before, i == 0);
		counts_free(before);
		*before = now;
	}
	print_stderr(err, 10);
	free(av);
	free(in);
	free(out);
	free(err);
	return status < 0 ? -1 : status != 0;
}

int pg_cmd_inspect(int argc, char **argv, const char *self_dir)
{
	const char *conf_file = NULL;
	long keep = 3;
	int rc = parse_inspect_options(argc, argv, &conf_file, &keep);
	if (rc >= 0)
		return rc;
	const char *file = argv[optind];
	char sha[65];
	pg_buf bytes = { 0 };
	if (pg_read_file(file, &bytes, PG_MAX_PDF_BYTES) < 0) {
		pf_msg("cannot read '%s': %s", file, strerror(errno));
		pg_buf_free(&bytes);
		return PG_EXIT_USAGE;
	}
	pg_sha256 s;
	pg_sha256_init(&s);
	pg_sha256_update(&s, bytes.data, bytes.len);
	pg_sha256_hex(&s, sha);
	size_t size = bytes.len;
	pg_buf_free(&bytes);

	pg_conf c;
	rc = pg_conf_load(&c, conf_file, self_dir);
	if (rc) {
		pg_conf_free(&c);
		return rc;
	}
	const char *tmpdir = getenv("TMPDIR");
	char *tmp = pg_xasprintf("%s/paragraf-inspect.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmp)) {
		pf_msg("cannot create a temporary folder '%s': %s", tmp, strerror(errno));
		free(tmp);
		pg_conf_free(&c);
		return PG_EXIT_CANNOT;
	}
	printf("%s: %zu bytes, sha256 %s, doc id %.16s\n", file, size, sha, sha);

	int failed = 0, cannot = 0;
	counts before = { 0 };
	char *emit = pg_path_join(tmp, "emit");
	for (size_t i = 0; i < c.nstage; i++) {
		int how = inspect_stage(&c, i, file, tmp, emit, (size_t)keep, &before);
		if (how < 0)
			cannot = 1;
		else if (how > 0)
			failed = 1;
	}
	counts_free(&before);
	printf("\n== tables\n");
	if (print_tables(emit, (size_t)keep) > 0)
		failed = 1;
	printf("\nresult: %s\n", cannot ? "the stages could not run" : failed ? "failed" : "ok");
	pg_rmtree(tmp);
	free(emit);
	free(tmp);
	pg_conf_free(&c);
	if (fclose(stdout) != 0)
		return PG_EXIT_CANNOT;
	return cannot ? PG_EXIT_CANNOT : failed ? PG_EXIT_FAILED : PG_EXIT_OK;
}
