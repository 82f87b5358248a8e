/*
 * What a run leaves for the next one: STATE/state.tsv (every input with its
 * SHA-256 and outcome) and, in the store, each document's meta file (the
 * source, hash, pipeline fingerprint and outcome its rows were made with).
 * Both are TAB-separated text with \\ \t \n \r escaped, written through a
 * temporary file and a rename, so a reader never sees half of one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "paragraf.h"

/* ---- escaping for state.tsv and meta: \\ \t \n \r ---- */

static void put_escaped(pg_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\': pg_buf_adds(b, "\\\\"); break;
		case '\t': pg_buf_adds(b, "\\t"); break;
		case '\n': pg_buf_adds(b, "\\n"); break;
		case '\r': pg_buf_adds(b, "\\r"); break;
		default: pg_buf_addc(b, *s);
		}
	}
}

static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Splits a line at TABs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	while (n < max) {
		f[n++] = line;
		char *tab = strchr(line, '\t');
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* ---- a stored document's meta: "key<TAB>value" lines ---- */

void pg_meta_free(pg_meta *m)
{
	free(m->source);
	free(m->sha);
	free(m->pipeline);
	free(m->outcome);
	free(m->stage);
	free(m->message);
	memset(m, 0, sizeof *m);
}

int pg_meta_read(const char *file, pg_meta *m)
{
	memset(m, 0, sizeof *m);
	m->pages = -1;
	pg_buf b = { 0 };
	if (pg_read_file(file, &b, 1 << 20) < 0) {
		pg_buf_free(&b);
		return -1;
	}
	for (char *line = b.data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *f[2];
		if (split_tabs(line, f, 2) != 2)
			continue;
		unescape(f[1]);
		char **slot = strcmp(f[0], "source") == 0   ? &m->source :
			      strcmp(f[0], "sha256") == 0   ? &m->sha :
			      strcmp(f[0], "pipeline") == 0 ? &m->pipeline :
			      strcmp(f[0], "outcome") == 0  ? &m->outcome :
			      strcmp(f[0], "stage") == 0    ? &m->stage :
			      strcmp(f[0], "message") == 0  ? &m->message :
							      NULL;
		if (slot) {
			free(*slot);
			*slot = pg_xstrdup(f[1]);
		} else if (strcmp(f[0], "pages") == 0) {
			m->pages = strtol(f[1], NULL, 10);
		}
	}
	pg_buf_free(&b);
	return m->source && m->sha && m->pipeline && m->outcome ? 0 : -1;
}

int pg_meta_write(const char *file, const char *source, const char *sha, const char *fp,
		      const char *outcome, const char *stage, const char *message, long pages)
{
	pg_buf b = { 0 };
	const char *key[] = { "source", "sha256", "pipeline", "outcome", "stage", "message" };
	const char *val[] = { source, sha, fp, outcome, stage, message };
	for (size_t i = 0; i < 6; i++) {
		if (!val[i])
			continue;
		pg_buf_printf(&b, "%s\t", key[i]);
		put_escaped(&b, val[i]);
		pg_buf_addc(&b, '\n');
	}
	pg_buf_printf(&b, "pages\t%ld\n", pages);
	int rc = pg_write_atomic(file, b.data, b.len);
	pg_buf_free(&b);
	return rc;
}

/* ---- state.tsv ---- */

/* The first line; a file with another one is not read (a later format). */
static const char state_header[] = "# paragraf state 1\n";

/* Lines: source sha256 outcome size mtime stage message; "#" comments. */
void pg_state_load(const char *file, pg_known **out, size_t *nout)
{
	pg_buf b = { 0 };
	pg_known *k = NULL;
	size_t n = 0;
	*out = NULL;
	*nout = 0;
	if (pg_read_file(file, &b, (size_t)1 << 30) < 0 ||
	    strncmp(b.data, state_header, sizeof state_header - 1) != 0) {
		pg_buf_free(&b);
		return;
	}
	for (char *line = b.data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#')
			continue;
		char *f[8];
		if (split_tabs(line, f, 8) < 5 || strlen(f[1]) != 64)
			continue;
		char *dot;
		pg_known kn = { 0 };
		kn.order = n;
		if (strcmp(f[4], "-") != 0) {
			kn.size = strtoll(f[3], NULL, 10);
			kn.mtime_s = strtoll(f[4], &dot, 10);
			if (*dot == '.') {
				kn.mtime_ns = strtol(dot + 1, NULL, 10);
				kn.stat_known = 1;
			}
		}
		unescape(f[0]);
		kn.name = pg_xstrdup(f[0]);
		memcpy(kn.sha, f[1], 65);
		k = pg_xrealloc(k, (n + 1) * sizeof *k);
		k[n++] = kn;
	}
	pg_buf_free(&b);
	*out = k;
	*nout = n;
}

int pg_known_cmp(const void *a, const void *b)
{
	return strcmp(((const pg_known *)a)->name, ((const pg_known *)b)->name);
}

static const char *outcome_word(pg_outcome o)
{
	switch (o) {
	case PG_OK:
	case PG_REUSED: return "ok";
	case PG_FAILED:
	case PG_REUSED_FAILED: return "failed";
	case PG_DUPLICATE: return "duplicate";
	case PG_SKIPPED: return "skipped";
	case PG_TODO: break;
	}
	return "not-run";
}

int pg_state_write(const char *dir, const char *fp, const pg_plan *p)
{
	pg_buf b = { 0 };
	pg_buf_adds(&b, state_header);
	pg_buf_printf(&b, "# pipeline %s\n", fp);
	pg_buf_adds(&b, "# source\tsha256\toutcome\tsize\tmtime\tstage\tmessage\n");
	for (size_t i = 0; i < p->ndoc; i++) {
		const pg_doc *d = &p->doc[i];
		put_escaped(&b, d->name);
		pg_buf_printf(&b, "\t%s\t%s\t", d->sha[0] ? d->sha : "-", outcome_word(d->outcome));
		if (d->member)
			pg_buf_printf(&b, "%lld\t-\t", d->size);
		else if (d->mtime_s || d->mtime_ns)
			pg_buf_printf(&b, "%lld\t%lld.%09ld\t", d->size, d->mtime_s, d->mtime_ns);
		else
			pg_buf_adds(&b, "-\t-\t");
		put_escaped(&b, d->stage ? d->stage : "-");
		pg_buf_addc(&b, '\t');
		put_escaped(&b, d->message ? d->message : d->skip ? d->skip : "-");
		pg_buf_addc(&b, '\n');
	}
	char *file = pg_path_join(dir, "state.tsv");
	int rc = pg_write_atomic(file, b.data, b.len);
	if (rc < 0)
		pf_msg("cannot write '%s': %s", file, strerror(errno));
	free(file);
	pg_buf_free(&b);
	return rc;
}
