/*
 * parquet-write — test driver for lib/parquet.c: a small text table in, a
 * Parquet file out. tests/t0600-parquet.sh uses it; it is not installed.
 *
 * Input (a file, or stdin), UTF-8:
 *   line 1: the schema, comma-separated NAME:TYPE[:MODE]
 *           TYPE  string | int32 | int64 | date | time | bool
 *           MODE  optional (default) | required
 *           e.g.  doc_id:string:required,amount:int64,meeting:date
 *   then one row per line, fields separated by TAB, escaped as in the
 *   paragraf stream (PostgreSQL COPY text format): \N alone is null, and
 *   \\ \t \n \r stand for a backslash, TAB, newline, carriage return.
 *   An empty field is the empty string for a string column; for the other
 *   types it is an error (write \N for null).
 *     int32, int64  decimal, optional sign
 *     date          YYYY-MM-DD
 *     time          HH:MM or HH:MM:SS
 *     bool          true | false
 *
 * Usage:
 *   parquet-write [options] [INPUT] >OUT.parquet
 *   -o, --out FILE          write FILE instead of stdout (a pipe is fine:
 *                           the writer never seeks)
 *   -c, --codec gzip|none   page compression (default gzip)
 *   -l, --level N           gzip level 1..9 (default 6)
 *   -p, --page-size BYTES   flush a column's page at this size (default 1 MiB)
 *   -g, --row-group-size BYTES       ... a row group at this size (64 MiB)
 *   -r, --row-group-rows N  ... or at this many rows (default 1048576)
 *   -b, --created-by TEXT   FileMetaData.created_by (default
 *                           "paragraf version <PF_VERSION>")
 *   -s, --stats             at the end print "rows N max_rss_kib K" on
 *                           stderr (peak resident memory, to check that
 *                           memory stays flat however many rows go in)
 *
 * Exit status: 0 ok; 1 the writer failed (message on stderr); 2 usage
 * error; 3 malformed input (message names the line). On failure the output
 * file is incomplete and has no footer.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "msg.h"
#include "parquet.h"

static const char usage[] =
	"usage: parquet-write [-o OUT] [-c gzip|none] [-l LEVEL] [-p PAGE_BYTES]\n"
	"                     [-g ROW_GROUP_BYTES] [-r ROW_GROUP_ROWS] [-b CREATED_BY] [-s] [INPUT]\n";

/* Parses an unsigned decimal size with an optional k/M suffix (KiB/MiB). */
static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	if (*end == 'k')
		v <<= 10, end++;
	else if (*end == 'M')
		v <<= 20, end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* Undoes COPY escaping in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			s[o++] = s[i];
			continue;
		}
		char c = s[++i];
		s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
	}
	return o;
}

static int parse_schema(char *line, pq_column **cols, size_t *ncols)
{
	size_t n = 1;
	for (char *p = line; *p; p++)
		n += *p == ',';
	pq_column *c = calloc(n, sizeof *c);
	if (!c)
		return -1;
	size_t i = 0;
	for (char *tok = strtok(line, ","); tok; tok = strtok(NULL, ",")) {
		char *type = strchr(tok, ':');
		if (!type)
			goto bad;
		*type++ = '\0';
		char *mode = strchr(type, ':');
		if (mode)
			*mode++ = '\0';
		c[i].name = tok;
		if (strcmp(type, "string") == 0) c[i].type = PQ_STRING;
		else if (strcmp(type, "int32") == 0) c[i].type = PQ_INT32;
		else if (strcmp(type, "int64") == 0) c[i].type = PQ_INT64;
		else if (strcmp(type, "date") == 0) c[i].type = PQ_DATE;
		else if (strcmp(type, "time") == 0) c[i].type = PQ_TIME;
		else if (strcmp(type, "bool") == 0) c[i].type = PQ_BOOLEAN;
		else goto bad;
		if (!mode || strcmp(mode, "optional") == 0)
			c[i].required = 0;
		else if (strcmp(mode, "required") == 0)
			c[i].required = 1;
		else
			goto bad;
		i++;
	}
	if (i != n)
		goto bad;
	*cols = c;
	*ncols = n;
	return 0;
bad:
	free(c);
	return -1;
}

/* Sets one field; returns 0, -1 for a writer error, -3 for a bad value. */
static int set_field(pq_writer *w, size_t col, const pq_column *c, char *f, size_t len)
{
	if (len == 2 && f[0] == '\\' && f[1] == 'N')
		return pq_set_null(w, col);
	len = unescape(f, len);
	f[len] = '\0';
	if (c->type == PQ_STRING)
		return pq_set_str(w, col, f, len);
	if (c->type == PQ_DATE) {
		int32_t days;
		if (pq_parse_date(f, len, &days) < 0)
			return -3;
		return pq_set_date(w, col, days);
	}
	if (c->type == PQ_TIME) {
		int32_t ms;
		if (pq_parse_time(f, len, &ms) < 0)
			return -3;
		return pq_set_time(w, col, ms);
	}
	if (c->type == PQ_BOOLEAN) {
		if (strcmp(f, "true") == 0)
			return pq_set_bool(w, col, 1);
		if (strcmp(f, "false") == 0)
			return pq_set_bool(w, col, 0);
		return -3;
	}
	char *end;
	errno = 0;
	long long v = strtoll(f, &end, 10);
	if (len == 0 || *end || errno)
		return -3;
	return pq_set_i64(w, col, v);
}

int main(int argc, char **argv)
{
	pf_set_prog(argv[0]);
	static const struct option longopts[] = {
		{ "out", required_argument, 0, 'o' },
		{ "codec", required_argument, 0, 'c' },
		{ "level", required_argument, 0, 'l' },
		{ "page-size", required_argument, 0, 'p' },
		{ "row-group-size", required_argument, 0, 'g' },
		{ "row-group-rows", required_argument, 0, 'r' },
		{ "created-by", required_argument, 0, 'b' },
		{ "stats", no_argument, 0, 's' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	pq_options opt;
	pq_options_init(&opt);
	opt.created_by = "paragraf version " PF_VERSION;
	const char *out_path = NULL;
	int ch, stats = 0;
	unsigned long long v;
	while ((ch = getopt_long(argc, argv, "o:c:l:p:g:r:b:sh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out_path = optarg; break;
		case 'b': opt.created_by = optarg; break;
		case 'c':
			if (strcmp(optarg, "gzip") == 0)
				opt.codec = PQ_GZIP;
			else if (strcmp(optarg, "none") == 0)
				opt.codec = PQ_UNCOMPRESSED;
			else
				goto usage;
			break;
		case 'l':
			if (parse_size(optarg, &v) < 0 || v > 9)
				goto usage;
			opt.gzip_level = (int)v;
			break;
		case 'p':
			if (parse_size(optarg, &v) < 0)
				goto usage;
			opt.page_size = (size_t)v;
			break;
		case 'g':
			if (parse_size(optarg, &v) < 0)
				goto usage;
			opt.row_group_size = (size_t)v;
			break;
		case 'r':
			if (parse_size(optarg, &v) < 0)
				goto usage;
			opt.row_group_rows = v;
			break;
		case 's': stats = 1; break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			goto usage;
		}
	}
	if (argc - optind > 1)
		goto usage;

	FILE *in = stdin;
	if (optind < argc && !(in = fopen(argv[optind], "r"))) {
		pf_msg("cannot open '%s': %s", argv[optind], strerror(errno));
		return 3;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = getline(&line, &cap, in);
	if (len <= 0) {
		pf_msg("line 1: no schema");
		free(line);
		return 3;
	}
	if (line[len - 1] == '\n')
		line[--len] = '\0';
	char *schema = strdup(line);
	pq_column *cols;
	size_t ncols;
	if (!schema || parse_schema(schema, &cols, &ncols) < 0) {
		pf_msg("line 1: bad schema '%s' (NAME:TYPE[:MODE],...)", line);
		free(schema);
		free(line);
		return 3;
	}

	int rc = 0;
	FILE *out = stdout;
	if (out_path && !(out = fopen(out_path, "wb"))) {
		pf_msg("cannot create '%s': %s", out_path, strerror(errno));
		rc = 1;
		goto done;
	}
	char err[256];
	pq_writer *w = pq_open(out, cols, ncols, &opt, err, sizeof err);
	if (!w) {
		pf_msg("%s", err);
		rc = 1;
		goto done;
	}

	unsigned long lineno = 1;
	while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		size_t col = 0;
		char *f = line, *end = line + len;
		for (;;) {
			char *tab = memchr(f, '\t', (size_t)(end - f));
			size_t flen = tab ? (size_t)(tab - f) : (size_t)(end - f);
			if (col >= ncols) {
				pf_msg("line %lu: more than %zu fields", lineno, ncols);
				rc = 3;
				break;
			}
			int r = set_field(w, col, &cols[col], f, flen);
			if (r == -3) {
				pf_msg("line %lu: bad value for column '%s'", lineno, cols[col].name);
				rc = 3;
				break;
			}
			if (r < 0) {
				pf_msg("line %lu: %s", lineno, pq_error(w));
				rc = 1;
				break;
			}
			col++;
			if (!tab)
				break;
			f = tab + 1;
		}
		if (rc == 0 && col != ncols) {
			pf_msg("line %lu: %zu fields, expected %zu", lineno, col, ncols);
			rc = 3;
		}
		if (rc == 0 && pq_end_row(w) < 0) {
			pf_msg("line %lu: %s", lineno, pq_error(w));
			rc = 1;
		}
	}
	if (rc == 0 && ferror(in)) {
		pf_msg("read error: %s", strerror(errno));
		rc = 3;
	}
	uint64_t rows = pq_rows(w);
	if (rc != 0) {
		pq_abort(w); /* do not finish a file whose rows are wrong */
	} else if (pq_close(w, err, sizeof err) < 0) {
		pf_msg("%s", err);
		rc = 1;
	}
	if (out != stdout && fclose(out) != 0 && rc == 0) {
		pf_msg("cannot write '%s': %s", out_path, strerror(errno));
		rc = 1;
	}
	out = NULL;
	if (stats) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "rows %llu max_rss_kib %ld\n", (unsigned long long)rows, ru.ru_maxrss);
	}
done:
	if (out && out != stdout)
		fclose(out);
	free(line);
	free(cols);
	free(schema);
	if (in != stdin)
		fclose(in);
	return rc;
usage:
	fputs(usage, stderr);
	return 2;
}
