/*
 * pipeline.conf: INI-style, read only by the driver.
 *
 *   [pipeline]  stages = the chain in order; bin = where the binaries are
 *   [stage NAME] path = the binary; options = its options (shell-like words);
 *               [stage pf-pdftext] also ocr = auto | never | always
 *   [output]    dir, formats, state, quarantine
 *   [run]       jobs, batch, timeout
 *
 * The built-in defaults are those of the repository's pipeline.conf; a file
 * only says what differs. Every line is checked: an unknown section or key,
 * a key given twice, a bad value, a stage section for a stage not in the
 * chain, a binary that cannot be executed, an option the driver sets itself
 * — each is reported as "bad configuration 'FILE' line N: ..." and the
 * command exits 2. Relative paths of programs (bin, path) are relative to
 * the file's folder; the output folder (dir) to the current folder, as
 * --out is, so a copy of the defaults writes where the defaults do; state
 * and quarantine to the output folder.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "stream.h"

static const char *const default_chain[] = {
	"pf-pdftext", "pf-normalize", "pf-segment", "pf-tables", "pf-emit",
};
#define DEFAULT_TIMEOUT (10 * 60.0)
#define DEFAULT_BATCH 16
#define MAX_TIMEOUT (7 * 24 * 3600.0)
#define MAX_ERRORS 20

/* What a [stage NAME] section said. */
typedef struct stage_sect {
	char *name;
	int line;             /* of the section header */
	char *path;
	int path_line;
	char **opt;
	size_t nopt;
	int options_line;
	char *ocr;            /* [stage pf-pdftext] ocr: auto, never, always */
	int ocr_line;
} stage_sect;

typedef struct parser {
	const char *file;
	char *dir;            /* the file's folder */
	int errors;
	char section[16];     /* pipeline, stage, output, run, or "" */
	stage_sect *cur;      /* the open [stage NAME] */
	stage_sect sect[PG_MAX_STAGES * 2];
	size_t nsect;
	char *seen[64];       /* "section.key" already set, for duplicates */
	int seen_line[64];
	size_t nseen;
	char **msg;           /* the errors, printed in line order at the end */
	int *msg_line;
	size_t nmsg;
	char **chain;         /* [pipeline] stages, NULL: the default */
	size_t nchain;
	int stages_line;
	char *bin;
	int bin_line;
} parser;

__attribute__((format(printf, 3, 4)))
static void conf_error(parser *p, int line, const char *fmt, ...)
{
	if (++p->errors > MAX_ERRORS)
		return;
	va_list ap;
	char *text;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	p->msg = pg_xrealloc(p->msg, (p->nmsg + 1) * sizeof *p->msg);
	p->msg_line = pg_xrealloc(p->msg_line, (p->nmsg + 1) * sizeof *p->msg_line);
	p->msg[p->nmsg] = text ? text : pg_xstrdup("out of memory");
	p->msg_line[p->nmsg++] = line;
}

/* Prints the errors in line order (insertion sort: stable, few). */
static void print_errors(parser *p)
{
	for (size_t i = 1; i < p->nmsg; i++)
		for (size_t k = i; k > 0 && p->msg_line[k - 1] > p->msg_line[k]; k--) {
			char *m = p->msg[k];
			int l = p->msg_line[k];
			p->msg[k] = p->msg[k - 1];
			p->msg_line[k] = p->msg_line[k - 1];
			p->msg[k - 1] = m;
			p->msg_line[k - 1] = l;
		}
	for (size_t i = 0; i < p->nmsg; i++) {
		fprintf(stderr, "%s: bad configuration '%s' line %d: %s\n", pf_prog(), p->file,
			p->msg_line[i], p->msg[i]);
		free(p->msg[i]);
	}
	free(p->msg);
	free(p->msg_line);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Cuts an inline comment: '#' or ';' at the start or after white space,
 * outside quotes. */
static void cut_comment(char *s)
{
	char quote = 0;
	for (char *p = s; *p; p++) {
		if (quote) {
			if (*p == '\\' && quote == '"' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if ((*p == '#' || *p == ';') && (p == s || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			return;
		}
	}
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

/* Splits s into words like a shell without expansions: white space
 * separates, '...' is literal, "..." takes \" and \\, a backslash outside
 * quotes takes the next character as it is. Returns -1 (with *why) for an
 * unterminated quote. */
static int split_words(const char *s, char ***out, size_t *nout, const char **why)
{
	char **w = NULL;
	size_t n = 0;
	pg_buf cur = { 0 };
	int in_word = 0;
	for (const char *p = s;; p++) {
		if (!*p || isspace((unsigned char)*p)) {
			if (in_word) {
				w = pg_xrealloc(w, (n + 1) * sizeof *w);
				w[n++] = pg_xstrdup(cur.data ? cur.data : "");
				cur.len = 0;
				if (cur.data)
					cur.data[0] = '\0';
				in_word = 0;
			}
			if (!*p)
				break;
			continue;
		}
		in_word = 1;
		if (*p == '\'' || *p == '"') {
			char q = *p++;
			pg_buf_add(&cur, "", 0);
			for (; *p && *p != q; p++) {
				if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				pg_buf_addc(&cur, *p);
			}
			if (!*p) {
				*why = q == '"' ? "a double quote is not closed" :
						  "a single quote is not closed";
				pg_buf_free(&cur);
				free_words(w, n);
				return -1;
			}
		} else if (*p == '\\' && p[1]) {
			pg_buf_addc(&cur, *++p);
		} else {
			pg_buf_addc(&cur, *p);
		}
	}
	pg_buf_free(&cur);
	*out = w;
	*nout = n;
	return 0;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._+-", *p))
			return 0;
	return 1;
}

/* Rejects a second "section.key"; returns 0 if it is new. */
static int first_time(parser *p, int line, const char *key)
{
	char *id = pg_xasprintf("%s%s%s.%s", p->section, p->cur ? " " : "",
				p->cur ? p->cur->name : "", key);
	for (size_t i = 0; i < p->nseen; i++) {
		if (strcmp(p->seen[i], id) == 0) {
			conf_error(p, line, "'%s' is set twice (first on line %d)", key,
				   p->seen_line[i]);
			free(id);
			return -1;
		}
	}
	if (p->nseen < sizeof p->seen / sizeof p->seen[0]) {
		p->seen_line[p->nseen] = line;
		p->seen[p->nseen++] = id;
	} else {
		free(id);
	}
	return 0;
}

static char *relative_to(const char *dir, const char *path)
{
	return path[0] == '/' || !dir ? pg_xstrdup(path) : pg_path_join(dir, path);
}

static int parse_timeout(const char *v, double *out)
{
	char *end;
	errno = 0;
	double t = strtod(v, &end);
	if (end == v || errno || !isfinite(t) || t < 0)
		return -1;
	if (strcmp(end, "h") == 0)
		t *= 3600;
	else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
		t *= 60;
	else if (*end && strcmp(end, "s") != 0)
		return -1;
	if (t > MAX_TIMEOUT)
		return -1;
	*out = t;
	return 0;
}

/* [pipeline] stages = the chain: 2 to PG_MAX_STAGES names, none twice. */
static void set_stages(parser *p, int line, const char *value)
{
	const char *why = NULL;
	char **w;
	size_t n;
	if (split_words(value, &w, &n, &why) < 0) {
		conf_error(p, line, "stages: %s", why);
		return;
	}
	int bad = 0;
	if (n < 2 || n > PG_MAX_STAGES) {
		conf_error(p, line, "stages: needs 2 to %d stages (one that reads PDFs "
			   "first, one that writes tables last), not %zu",
			   PG_MAX_STAGES, n);
		bad = 1;
	}
	for (size_t i = 0; i < n && !bad; i++) {
		if (!valid_name(w[i])) {
			conf_error(p, line, "stages: '%s' is not a stage name (letters, "
				   "digits, '.', '_', '+', '-')", w[i]);
			bad = 1;
		}
		for (size_t j = 0; j < i && !bad; j++)
			if (strcmp(w[i], w[j]) == 0) {
				conf_error(p, line, "stages: '%s' is named twice", w[i]);
				bad = 1;
			}
	}
	if (bad) {
		free_words(w, n);
		return;
	}
	p->chain = w;
	p->nchain = n;
	p->stages_line = line;
}

static void set_pipeline_key(parser *p, int line, const char *key, const char *value)
{
	if (strcmp(key, "stages") == 0) {
		set_stages(p, line, value);
	} else if (strcmp(key, "bin") == 0) {
		free(p->bin);
		p->bin = *value ? relative_to(p->dir, value) : NULL;
		p->bin_line = line;
		struct stat st;
		if (p->bin && stat(p->bin, &st) < 0)
			conf_error(p, line, "bin: cannot use '%s': %s", p->bin, strerror(errno));
		else if (p->bin && !S_ISDIR(st.st_mode))
			conf_error(p, line, "bin: '%s' is not a folder", p->bin);
	} else {
		conf_error(p, line, "unknown key '%s' in [pipeline] (known: stages, bin)", key);
	}
}

static void set_stage_key(parser *p, int line, const char *key, const char *value)
{
	const char *why = NULL;
	stage_sect *s = p->cur;
	if (strcmp(key, "path") == 0) {
		if (!*value) {
			conf_error(p, line, "path: is empty (leave it out for '%s' next to "
				   "paragraf or in bin)", s->name);
			return;
		}
		s->path = pg_xstrdup(value);
		s->path_line = line;
	} else if (strcmp(key, "options") == 0) {
		if (split_words(value, &s->opt, &s->nopt, &why) < 0)
			conf_error(p, line, "options: %s", why);
		s->options_line = line;
	} else if (strcmp(key, "ocr") == 0 && strcmp(s->name, "pf-pdftext") == 0) {
		/* pf-pdftext's --ocr, a key of its own: nightly jobs over
		 * scans are configured here, not by an option string */
		if (strcmp(value, "auto") && strcmp(value, "never") && strcmp(value, "always"))
			conf_error(p, line, "ocr: '%s' is not auto, never or always", value);
		else
			s->ocr = pg_xstrdup(value);
		s->ocr_line = line;
	} else {
		conf_error(p, line, "unknown key '%s' in [stage %s] (known: path, options%s)", key,
			   s->name, strcmp(s->name, "pf-pdftext") == 0 ? ", ocr" : "");
	}
}

/* [output] formats = csv, csv.gz, parquet (Parquet is made from the merged
 * CSV, which is kept). */
static void set_formats(parser *p, pg_conf *c, int line, const char *value)
{
	const char *why = NULL;
	char **w;
	size_t n;
	int formats = 0;
	if (split_words(value, &w, &n, &why) < 0) {
		conf_error(p, line, "formats: %s", why);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(w[i], "csv") == 0)
			formats |= PG_FMT_CSV;
		else if (strcmp(w[i], "csv.gz") == 0)
			formats |= PG_FMT_CSV_GZ;
		else if (strcmp(w[i], "parquet") == 0)
			/* made from the merged CSV, which is kept */
			formats |= PG_FMT_PARQUET | PG_FMT_CSV;
		else
			conf_error(p, line, "formats: unknown format '%s' (csv, csv.gz, parquet)",
				   w[i]);
	}
	if (n == 0)
		conf_error(p, line, "formats: name at least one (csv, csv.gz, parquet)");
	free_words(w, n);
	if (formats)
		c->formats = formats;
}

static void set_output_key(parser *p, pg_conf *c, int line, const char *key, const char *value)
{
	char **slot = strcmp(key, "dir") == 0	       ? &c->out :
		      strcmp(key, "state") == 0	       ? &c->state :
		      strcmp(key, "quarantine") == 0 ? &c->quarantine :
						       NULL;
	if (slot) {
		if (!*value) {
			conf_error(p, line, "%s: is empty", key);
			return;
		}
		free(*slot);
		*slot = pg_xstrdup(value);
	} else if (strcmp(key, "formats") == 0) {
		set_formats(p, c, line, value);
	} else {
		conf_error(p, line, "unknown key '%s' in [output] (known: dir, formats, state, "
			   "quarantine)", key);
	}
}

static void set_run_key(parser *p, pg_conf *c, int line, const char *key, const char *value)
{
	if (strcmp(key, "jobs") == 0) {
		char *end;
		errno = 0;
		long j = strtol(value, &end, 10);
		if (!*value || *end || errno || j < 0 || j > PG_MAX_JOBS)
			conf_error(p, line, "jobs: '%s' is not a whole number from 0 (one per "
				   "CPU) to %d", value, PG_MAX_JOBS);
		else
			c->jobs = j;
	} else if (strcmp(key, "batch") == 0) {
		char *end;
		errno = 0;
		long b = strtol(value, &end, 10);
		if (!*value || *end || errno || b < 1 || b > PG_MAX_BATCH)
			conf_error(p, line, "batch: '%s' is not a whole number from 1 (one "
				   "document per pipe) to %d", value, PG_MAX_BATCH);
		else
			c->batch = b;
	} else if (strcmp(key, "timeout") == 0) {
		if (parse_timeout(value, &c->timeout) < 0)
			conf_error(p, line, "timeout: '%s' is not a time such as 90, 90s, 10m "
				   "or 1h (0: none; at most 7 days)", value);
	} else {
		conf_error(p, line, "unknown key '%s' in [run] (known: jobs, batch, timeout)", key);
	}
}

static void set_key(parser *p, pg_conf *c, int line, const char *key, const char *value)
{
	if (!*p->section) {
		conf_error(p, line, "'%s' is outside a section: start with [pipeline], [stage NAME], "
			   "[output] or [run]", key);
		return;
	}
	if (first_time(p, line, key) < 0)
		return;
	if (strcmp(p->section, "pipeline") == 0)
		set_pipeline_key(p, line, key, value);
	else if (strcmp(p->section, "stage") == 0)
		set_stage_key(p, line, key, value);
	else if (strcmp(p->section, "output") == 0)
		set_output_key(p, c, line, key, value);
	else if (strcmp(p->section, "run") == 0)
		set_run_key(p, c, line, key, value);
}

static void open_section(parser *p, int line, char *name)
{
	p->cur = NULL;
	p->section[0] = '\0';
	char *sp = strpbrk(name, " \t");
	if (sp) {
		*sp = '\0';
		char *arg = trim(sp + 1);
		if (strcmp(name, "stage") != 0 || !valid_name(arg)) {
			conf_error(p, line, "unknown section '[%s %s]' (known: [pipeline], "
				   "[stage NAME], [output], [run])", name, arg);
			return;
		}
		for (size_t i = 0; i < p->nsect; i++)
			if (strcmp(p->sect[i].name, arg) == 0) {
				conf_error(p, line, "[stage %s] appears twice (first on line %d)", arg,
					   p->sect[i].line);
				return;
			}
		if (p->nsect == sizeof p->sect / sizeof p->sect[0]) {
			conf_error(p, line, "too many [stage] sections");
			return;
		}
		p->cur = &p->sect[p->nsect++];
		p->cur->name = pg_xstrdup(arg);
		p->cur->line = line;
		strcpy(p->section, "stage");
		return;
	}
	if (strcmp(name, "pipeline") && strcmp(name, "output") && strcmp(name, "run")) {
		conf_error(p, line, "unknown section '[%s]' (known: [pipeline], [stage NAME], "
			   "[output], [run])", name);
		return;
	}
	snprintf(p->section, sizeof p->section, "%s", name);
}

static void parse_file(parser *p, pg_conf *c, FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	int line = 0;
	while (getline(&buf, &cap, f) >= 0) {
		line++;
		char *s = trim(buf);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');
			if (!close || *trim(close + 1)) {
				conf_error(p, line, "a section header is '[name]' alone on its line");
				continue;
			}
			*close = '\0';
			open_section(p, line, trim(s + 1));
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			conf_error(p, line, "expected 'key = value' or '[section]', not '%s'", s);
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *value = eq + 1;
		cut_comment(value);
		value = trim(value);
		if (!*key) {
			conf_error(p, line, "a key is missing before '='");
			continue;
		}
		if (!*p->section && p->errors) /* the section header was bad */
			continue;
		set_key(p, c, line, key, value);
	}
	free(buf);
}

/* Which line to blame for a stage's binary: its path, else bin, else the
 * chain; 0 when the defaults alone chose it. */
static int blame_line(const parser *p, const stage_sect *s, int in_file_chain)
{
	if (s && s->path_line)
		return s->path_line;
	if (p->bin_line)
		return p->bin_line;
	return in_file_chain ? p->stages_line : 0;
}

/* Options the driver sets itself must not be in the configuration. */
static const char *reserved_option(const char *opt, int first, int last)
{
	static const char *const reader[] = { "--source", "--files-from", NULL };
	static const char *const writer[] = { "--out", "-o", "--gzip", "-z", "--format", "-f",
					      NULL };
	const char *const *list = first ? reader : last ? writer : NULL;
	for (; list && *list; list++) {
		size_t n = strlen(*list);
		if (strncmp(opt, *list, n) == 0 && (!opt[n] || opt[n] == '=' || (n == 2 && opt[n])))
			return *list;
	}
	return NULL;
}

static int build_chain(parser *p, pg_conf *c, const char *self_dir)
{
	int missing_default = 0;
	size_t n = p->chain ? p->nchain : sizeof default_chain / sizeof default_chain[0];
	const char *bin = p->bin ? p->bin : self_dir;
	for (size_t i = 0; i < n; i++) {
		pg_stage *st = &c->stage[i];
		st->name = pg_xstrdup(p->chain ? p->chain[i] : default_chain[i]);
		stage_sect *s = NULL;
		for (size_t k = 0; k < p->nsect; k++)
			if (strcmp(p->sect[k].name, st->name) == 0)
				s = &p->sect[k];
		if (s && s->path)
			st->path = strchr(s->path, '/') ? relative_to(p->dir, s->path) :
							  pg_path_join(bin, s->path);
		else
			st->path = pg_path_join(bin, st->name);
		if (s) {
			st->opt = s->opt;
			st->nopt = s->nopt;
			st->options_line = s->options_line;
			s->opt = NULL;
			s->nopt = 0;
			for (size_t k = 0; k < st->nopt; k++) {
				const char *r = reserved_option(st->opt[k], i == 0, i == n - 1);
				if (r)
					conf_error(p, s->options_line, "options of '%s': %s is set by "
						   "paragraf itself%s", st->name, r,
						   i == 0 ? "" : " (formats are set in [output])");
				if (s->ocr && strncmp(st->opt[k], "--ocr", 5) == 0)
					conf_error(p, s->options_line, "options of '%s': --ocr is set "
						   "by the ocr key (line %d)", st->name, s->ocr_line);
			}
			if (s->ocr && strcmp(s->ocr, "auto") == 0) {
				/* the stage's default: the same options (and state)
				 * as without the key */
				free(s->ocr);
				s->ocr = NULL;
			}
			if (s->ocr) {
				/* the key becomes the stage's option */
				st->opt = realloc(st->opt, (st->nopt + 3) * sizeof *st->opt);
				if (!st->opt)
					abort();
				st->opt[st->nopt++] = pg_xstrdup("--ocr");
				st->opt[st->nopt++] = s->ocr;
				st->opt[st->nopt] = NULL;
				s->ocr = NULL;
			}
		}
		c->nstage++;
		struct stat sb;
		int bad = stat(st->path, &sb) < 0 ? errno : !S_ISREG(sb.st_mode) ? EISDIR :
			  access(st->path, X_OK) < 0 ? errno : 0;
		if (!bad)
			continue;
		int line = blame_line(p, s, p->chain != NULL);
		if (line)
			conf_error(p, line, "stage '%s': cannot run '%s': %s", st->name, st->path,
				   strerror(bad));
		else {
			pf_msg("cannot find stage '%s': cannot run '%s': %s", st->name, st->path,
			       strerror(bad));
			missing_default = 1;
		}
	}
	for (size_t k = 0; k < p->nsect; k++) {
		int found = 0;
		for (size_t i = 0; i < n; i++)
			found |= strcmp(p->sect[k].name, c->stage[i].name) == 0;
		if (!found)
			conf_error(p, p->sect[k].line, "[stage %s]: '%s' is not in the chain "
				   "([pipeline] stages)", p->sect[k].name, p->sect[k].name);
	}
	return missing_default;
}

int pg_conf_load(pg_conf *c, const char *file, const char *self_dir)
{
	memset(c, 0, sizeof *c);
	c->out = pg_xstrdup("out");
	c->formats = PG_FMT_CSV;
	c->state = pg_xstrdup(".paragraf");
	c->quarantine = pg_xstrdup("quarantine");
	c->jobs = 0;
	c->batch = DEFAULT_BATCH;
	c->timeout = DEFAULT_TIMEOUT;

	parser p = { .file = file ? file : "(defaults)" };
	if (file) {
		FILE *f = fopen(file, "r");
		if (!f) {
			pf_msg("cannot read configuration '%s': %s", file, strerror(errno));
			return PG_EXIT_USAGE;
		}
		c->file = pg_xstrdup(file);
		p.dir = pg_dirname(file);
		parse_file(&p, c, f);
		fclose(f);
	}
	int missing = build_chain(&p, c, self_dir);
	print_errors(&p);
	if (p.errors > MAX_ERRORS)
		pf_msg("%d more configuration errors not shown", p.errors - MAX_ERRORS);

	for (size_t i = 0; i < p.nsect; i++) {
		free(p.sect[i].name);
		free(p.sect[i].path);
		free(p.sect[i].ocr);
		free_words(p.sect[i].opt, p.sect[i].nopt);
	}
	for (size_t i = 0; i < p.nseen; i++)
		free(p.seen[i]);
	free_words(p.chain, p.nchain);
	free(p.bin);
	free(p.dir);
	if (p.errors)
		return PG_EXIT_USAGE;
	return missing ? PG_EXIT_CANNOT : 0;
}

int pg_conf_check_options(const pg_conf *c, const char *tmp)
{
	int rc = 0;
	char *input = pg_path_join(tmp, "check.stream");
	char *errpath = pg_path_join(tmp, "check.stderr");
	static const char header[] = PF_STREAM_HEADER;
	for (size_t i = 0; i + 1 < c->nstage; i++) {
		const pg_stage *st = &c->stage[i];
		if (!st->nopt || !st->options_line)
			continue;
		/* the first stage gets an empty PDF (a failed document, exit 1),
		 * the others a stream with nothing but its header */
		if (pg_write_atomic(input, header, i == 0 ? 0 : sizeof header - 1) < 0)
			break;
		char **argv = pg_xcalloc(st->nopt + 5, sizeof *argv);
		size_t n = 0;
		argv[n++] = st->path;
		for (size_t k = 0; k < st->nopt; k++)
			argv[n++] = st->opt[k];
		if (i == 0) {
			argv[n++] = "--source";
			argv[n++] = "options-check.pdf";
			argv[n++] = "-";
		}
		int in = open(input, O_RDONLY | O_CLOEXEC);
		int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		int timed_out;
		int status = in < 0 || err < 0 ? -1 : pg_run_program(argv, in, -1, err, 30, &timed_out);
		if (in >= 0)
			close(in);
		if (err >= 0)
			close(err);
		free(argv);
		if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 2) {
			char *why = pg_stderr_line(errpath);
			fprintf(stderr, "%s: bad configuration '%s' line %d: options of '%s': the stage "
				"rejects them: %s\n", pf_prog(), c->file, st->options_line, st->name,
				why ? why : "exit status 2 (usage error)");
			free(why);
			rc = PG_EXIT_USAGE;
		}
	}
	unlink(input);
	unlink(errpath);
	free(input);
	free(errpath);
	return rc;
}

void pg_conf_free(pg_conf *c)
{
	for (size_t i = 0; i < c->nstage; i++) {
		free(c->stage[i].name);
		free(c->stage[i].path);
		free_words(c->stage[i].opt, c->stage[i].nopt);
	}
	free(c->file);
	free(c->out);
	free(c->state);
	free(c->quarantine);
	memset(c, 0, sizeof *c);
}
