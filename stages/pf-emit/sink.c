/*
 * One table file. A row is built in memory with libcsv's csv_write (RFC
 * 4180 quoting) and written whole, to a FILE or through zlib's gzFile, so
 * plain and gzip output share every line of the formatting.
 *
 * A field is quoted only when it must be or when it is an empty string, so
 * that "" (empty) and nothing (null) stay apart, as PostgreSQL's COPY ...
 * CSV reads them.
 */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "emit.h"
#include "msg.h"

struct em_sink {
	const em_table *t;
	char *path, *tmp;
	FILE *f;
	gzFile gz;
	char *row, *field;  /* row buffer and scratch for one value */
	size_t row_len, row_cap, field_cap;
	int failed;
};

int em_make_dir(const char *dir)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		pf_msg("cannot create '%s': %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

static void grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	char *b = realloc(*buf, c);
	if (!b) {
		pf_msg("out of memory");
		exit(3);
	}
	*buf = b;
	*cap = c;
}

static void append(em_sink *s, const char *p, size_t n)
{
	grow(&s->row, &s->row_cap, s->row_len + n + 1);
	memcpy(s->row + s->row_len, p, n);
	s->row_len += n;
}

static void put_field(em_sink *s, int first, const char *v)
{
	if (!first)
		append(s, ",", 1);
	if (!v)
		return;
	size_t n = strlen(v);
	if (n > 0 && !strpbrk(v, ",\"\r\n")) {
		append(s, v, n);
		return;
	}
	/* csv_write says how much room it needs: at most 2n + 2 */
	grow(&s->field, &s->field_cap, 2 * n + 3);
	size_t k = csv_write(s->field, s->field_cap, v, n);
	append(s, s->field, k);
}

/* Collapses whitespace: all of it for EM_TEXT; for EM_BLOCK spaces and
 * tabs collapse but a line break stays (runs of them become one). */
static char *clean_text(em_sink *s, const char *v, int keep_breaks)
{
	size_t n = strlen(v);
	grow(&s->field, &s->field_cap, n + 1);
	char *out = s->field;
	size_t o = 0;
	int pending = 0; /* 1 space, 2 line break */
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (isspace((unsigned char)c)) {
			int kind = keep_breaks && c == '\n' ? 2 : 1;
			if (o > 0 && kind > pending)
				pending = kind;
			continue;
		}
		if (pending)
			out[o++] = pending == 2 ? '\n' : ' ';
		pending = 0;
		out[o++] = c;
	}
	out[o] = '\0';
	return strdup(out);
}

static int is_integer(const char *v)
{
	const char *p = v + (*v == '-');
	if (!*p)
		return 0;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return strlen(v) <= 20;
}

static int is_date(const char *v)
{
	int y, m, d, n = 0;
	return sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && !v[n] &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

void em_sink_row(em_sink *s, const char *const *v, size_t n)
{
	s->row_len = 0;
	for (size_t i = 0; i < s->t->ncols; i++) {
		const char *val = i < n ? v[i] : NULL;
		char *owned = NULL;
		if (val) {
			switch (s->t->cols[i].type) {
			case EM_INT:
			case EM_BIGINT:
				if (!is_integer(val))
					val = NULL;
				break;
			case EM_DATE:
				if (!is_date(val))
					val = NULL;
				break;
			case EM_BOOL:
				val = strcmp(val, "1") == 0 || strcmp(val, "true") == 0 ? "true" : "false";
				break;
			case EM_TEXT:
			case EM_BLOCK:
				val = owned = clean_text(s, val, s->t->cols[i].type == EM_BLOCK);
				break;
			case EM_ID:
				break;
			}
		}
		put_field(s, i == 0, val);
		free(owned);
	}
	append(s, "\n", 1);
	if (s->gz) {
		if (gzwrite(s->gz, s->row, (unsigned)s->row_len) != (int)s->row_len)
			s->failed = 1;
	} else if (fwrite(s->row, 1, s->row_len, s->f) != s->row_len) {
		s->failed = 1;
	}
}

em_sink *em_csv_open(const em_table *t, const char *dir, int gzip)
{
	em_sink *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->t = t;
	const char *ext = gzip ? "csv.gz" : "csv";
	if (asprintf(&s->path, "%s/%s.%s", dir, t->name, ext) < 0 ||
	    asprintf(&s->tmp, "%s/.%s.%s.tmp%ld", dir, t->name, ext, (long)getpid()) < 0) {
		pf_msg("out of memory");
		return NULL;
	}
	s->f = fopen(s->tmp, "wb");
	if (s->f && gzip) {
		/* gzdopen on our FILE's descriptor: mtime 0, so equal input
		 * gives equal bytes */
		s->gz = gzdopen(dup(fileno(s->f)), "wb9");
		if (!s->gz) {
			fclose(s->f);
			s->f = NULL;
		}
	}
	if (!s->f) {
		pf_msg("cannot create '%s': %s", s->tmp, strerror(errno));
		free(s->path);
		free(s->tmp);
		free(s);
		return NULL;
	}
	const char *names[64];
	for (size_t i = 0; i < t->ncols; i++)
		names[i] = t->cols[i].name;
	/* the header goes through the same path as the rows, untyped */
	em_table plain = *t;
	em_column cols[64];
	for (size_t i = 0; i < t->ncols; i++)
		cols[i] = (em_column){ t->cols[i].name, EM_ID, 0 };
	plain.cols = cols;
	s->t = &plain;
	em_sink_row(s, names, t->ncols);
	s->t = t;
	return s;
}

int em_sink_close(em_sink *s, int commit)
{
	int rc = 0;
	if (s->gz && gzclose(s->gz) != Z_OK)
		s->failed = 1;
	int bad = ferror(s->f);
	if (fclose(s->f) != 0 || bad || s->failed) {
		pf_msg("cannot write '%s': %s", s->tmp, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (commit && rc == 0) {
		if (rename(s->tmp, s->path) < 0) {
			pf_msg("cannot rename '%s': %s", s->tmp, strerror(errno));
			rc = -1;
		}
	} else {
		unlink(s->tmp);
	}
	free(s->tmp);
	free(s->path);
	free(s->row);
	free(s->field);
	free(s);
	return rc;
}
