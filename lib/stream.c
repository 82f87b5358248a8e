/*
 * Reading and writing the record stream (docs/stream.md).
 *
 * The reader keeps its own buffer instead of getline() so that a line longer
 * than PF_MAX_RECORD_BYTES is refused before it is all in memory.
 */
#include "stream.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "records.h"

struct pf_reader {
	FILE *in;
	char *name;
	char *buf;            /* input buffer: [start, end) is unread */
	size_t cap, start, end;
	int eof;
	char *text;           /* unescaped field bytes, each NUL-terminated */
	size_t text_cap;
	char **field;
	size_t *len;
	size_t field_cap;
	pf_record rec;
	unsigned long lineno;
	int seen_header;
	char err[512];
};

pf_reader *pf_reader_new(FILE *in, const char *name)
{
	pf_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->in = in;
	r->name = strdup(strcmp(name, "-") == 0 ? "<stdin>" : name);
	r->cap = 64 * 1024;
	r->buf = malloc(r->cap);
	if (!r->name || !r->buf) {
		pf_reader_free(r);
		return NULL;
	}
	return r;
}

void pf_reader_free(pf_reader *r)
{
	if (!r)
		return;
	free(r->name);
	free(r->buf);
	free(r->text);
	free(r->field);
	free(r->len);
	free(r);
}

const char *pf_reader_error(const pf_reader *r)
{
	return r->err;
}

/* Bytes in a UTF-8 sequence that starts with c (valid input assumed). */
static size_t utf8_seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Drops a character that snprintf cut in two at the end of s: a message
 * goes into an error record, and the stream must stay valid UTF-8. */
static void trim_cut_char(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && i - 1 + utf8_seq_len((unsigned char)s[i - 1]) > n)
		s[i - 1] = '\0';
}

__attribute__((format(printf, 2, 3)))
static int fail(pf_reader *r, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, sizeof r->err, "malformed stream '%s' line %lu: ",
			 r->name, r->lineno);
	if (n < 0 || (size_t)n >= sizeof r->err) {
		trim_cut_char(r->err);
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
	va_end(ap);
	trim_cut_char(r->err);
	return -1;
}

/* At most this many bytes of a field are quoted in a message. */
#define QUOTE_MAX 40

/* The start of field s for a message: whole characters up to QUOTE_MAX
 * bytes, up to the first control character, "..." when cut; so that a
 * hostile field cannot make the message long or more than one line. */
static const char *quote(char buf[QUOTE_MAX + 4], const char *s)
{
	size_t i = 0;
	while (s[i] && (unsigned char)s[i] >= 0x20 && s[i] != 0x7f) {
		size_t k = utf8_seq_len((unsigned char)s[i]);
		if (i + k > QUOTE_MAX)
			break;
		i += k;
	}
	memcpy(buf, s, i);
	strcpy(buf + i, s[i] ? "..." : "");
	return buf;
}

/* Finds the next line; returns 1 with line and n set (the '\n' replaced by
 * NUL), 0 at end of input, -1 on error. */
static int read_line(pf_reader *r, char **line, size_t *n)
{
	size_t scanned = r->start;
	for (;;) {
		char *nl = memchr(r->buf + scanned, '\n', r->end - scanned);
		size_t pending = (nl ? (size_t)(nl - r->buf) : r->end) - r->start;
		if (pending > PF_MAX_RECORD_BYTES) {
			r->lineno++;
			return fail(r, "record longer than %u bytes", PF_MAX_RECORD_BYTES);
		}
		if (nl) {
			*line = r->buf + r->start;
			*n = (size_t)(nl - *line);
			*nl = '\0';
			r->start = (size_t)(nl - r->buf) + 1;
			r->lineno++;
			return 1;
		}
		if (r->eof) {
			if (r->start < r->end) {
				r->lineno++;
				return fail(r, "last record has no newline (truncated stream?)");
			}
			return 0;
		}
		/* Make room: drop what was consumed, then grow if still full. */
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->start = 0;
		}
		scanned = r->end;
		if (r->end == r->cap) {
			char *nb = realloc(r->buf, r->cap * 2);
			if (!nb)
				return fail(r, "out of memory");
			r->buf = nb;
			r->cap *= 2;
		}
		size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->in);
		r->end += got;
		if (got == 0) {
			if (ferror(r->in))
				return fail(r, "read error: %s", strerror(errno));
			r->eof = 1;
		}
	}
}

/* Length of the valid UTF-8 prefix of s[0..n). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3, cp = c & 0x07;
		} else {
			return i;
		}
		if (i + k >= n)
			return i; /* sequence cut short */
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		/* overlong, surrogate or beyond U+10FFFF */
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return i;
		i += k + 1;
	}
	return i;
}

static int grow_fields(pf_reader *r, size_t need)
{
	if (need <= r->field_cap)
		return 0;
	size_t cap = r->field_cap ? r->field_cap : 16;
	while (cap < need)
		cap *= 2;
	char **f = realloc(r->field, cap * sizeof *f);
	if (!f)
		return -1;
	r->field = f;
	size_t *l = realloc(r->len, cap * sizeof *l);
	if (!l)
		return -1;
	r->len = l;
	r->field_cap = cap;
	return 0;
}

/* Splits and unescapes the line into r->rec. */
static int split_fields(pf_reader *r, const char *line, size_t n)
{
	size_t nf = 1;
	for (size_t i = 0; i < n; i++)
		nf += line[i] == '\t';
	if (grow_fields(r, nf) < 0)
		return fail(r, "out of memory");
	if (r->text_cap < n + nf) {
		char *t = realloc(r->text, n + nf);
		if (!t)
			return fail(r, "out of memory");
		r->text = t;
		r->text_cap = n + nf;
	}
	char *out = r->text;
	size_t f = 0;
	const char *p = line, *end = line + n;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fend = tab ? tab : end;
		if (fend - p == 2 && p[0] == '\\' && p[1] == 'N') {
			r->field[f] = NULL;
			r->len[f] = 0;
		} else {
			char *start = out;
			for (const char *q = p; q < fend; q++) {
				if (*q != '\\') {
					*out++ = *q;
					continue;
				}
				if (++q == fend)
					return fail(r, "field %zu ends in a lone backslash", f + 1);
				switch (*q) {
				case 't': *out++ = '\t'; break;
				case 'n': *out++ = '\n'; break;
				case 'r': *out++ = '\r'; break;
				case 'b': *out++ = '\b'; break;
				case 'f': *out++ = '\f'; break;
				case 'v': *out++ = '\v'; break;
				case '\\': *out++ = '\\'; break;
				case 'N':
					return fail(r, "field %zu has \\N inside text", f + 1);
				default:
					/* COPY text format: any other escaped
					 * character stands for itself. */
					*out++ = *q;
				}
			}
			*out++ = '\0';
			r->field[f] = start;
			r->len[f] = (size_t)(out - start - 1);
		}
		f++;
		if (!tab)
			break;
		p = tab + 1;
	}
	r->rec.field = r->field;
	r->rec.len = r->len;
	r->rec.nfield = f;
	return 0;
}

static int is_doc_id(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == 16;
}

static int check_header(pf_reader *r)
{
	const pf_record *h = &r->rec;
	long version;
	if (h->nfield < 3 || !pf_field(h, 1) || strcmp(pf_field(h, 1), PF_STREAM_FORMAT) != 0)
		return fail(r, "header is not a '%s' stream header", PF_STREAM_FORMAT);
	char q[QUOTE_MAX + 4];
	if (pf_field_long(h, 2, &version) < 0 || version != PF_STREAM_VERSION)
		return fail(r, "stream version '%s', this program reads version %d",
			    quote(q, pf_field(h, 2) ? pf_field(h, 2) : ""), PF_STREAM_VERSION);
	r->seen_header = 1;
	return 0;
}

int pf_reader_next(pf_reader *r, const pf_record **rec)
{
	for (;;) {
		char *line = NULL;
		size_t n = 0;
		int got = read_line(r, &line, &n);
		if (got <= 0) {
			if (got == 0 && !r->seen_header && r->lineno == 0)
				return 0; /* an empty stream is an empty stream */
			return got;
		}
		if (n == 0)
			return fail(r, "empty line");
		if (memchr(line, '\0', n))
			return fail(r, "NUL byte in record");
		if (utf8_valid_prefix((const unsigned char *)line, n) != n)
			return fail(r, "invalid UTF-8 at byte %zu",
				    utf8_valid_prefix((const unsigned char *)line, n) + 1);
		if (split_fields(r, line, n) < 0)
			return -1;
		r->rec.raw = line;
		r->rec.raw_len = n;
		r->rec.lineno = r->lineno;
		const char *type = r->rec.field[0];
		if (type && strcmp(type, "stream") == 0) {
			if (check_header(r) < 0)
				return -1;
			continue;
		}
		if (!r->seen_header)
			return fail(r, "stream does not begin with a header record (is this pf-pdftext output?)");
		if (!type || !*type)
			return fail(r, "record has no type");
		char qt[QUOTE_MAX + 4], qd[QUOTE_MAX + 4];
		if (r->rec.nfield < 2)
			return fail(r, "record '%s' has no document id field", quote(qt, type));
		if (r->rec.field[1] && !is_doc_id(r->rec.field[1]))
			return fail(r, "record '%s' has a bad document id '%s'", quote(qt, type),
				    quote(qd, r->rec.field[1]));
		int min = pf_record_min_fields(type);
		if ((size_t)min > r->rec.nfield)
			return fail(r, "record '%s' has %zu fields, needs at least %d",
				    quote(qt, type), r->rec.nfield, min);
		if ((strcmp(type, PF_LINE) == 0 || strcmp(type, PF_FURNITURE) == 0) &&
		    (r->rec.nfield - PF_LINE_SPANS) % PF_SPAN_FIELDS != 0)
			return fail(r, "line record has a partial span");
		*rec = &r->rec;
		return 1;
	}
}

const char *pf_field(const pf_record *rec, size_t i)
{
	return i < rec->nfield ? rec->field[i] : NULL;
}

int pf_record_is(const pf_record *rec, const char *type)
{
	return rec->field[0] && strcmp(rec->field[0], type) == 0;
}

int pf_field_long(const pf_record *rec, size_t i, long *out)
{
	const char *s = pf_field(rec, i);
	char *end;
	if (!s || !*s)
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

/* "-123.45", the shape pf_put_coord writes, without strtod: the digits
 * make an exact integer m (< 2^53) and m / 10^k is the correctly rounded
 * quotient, so the double is the one strtod would give. Returns 0, or -1
 * for any other shape (strtod then decides). */
static int parse_fixed(const char *s, double *out)
{
	int neg = *s == '-';
	const char *p = s + neg;
	uint64_t m = 0;
	int digits = 0, frac = -1;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			m = m * 10 + (uint64_t)(*p - '0');
			digits++;
			if (frac >= 0)
				frac++;
		} else if (*p == '.' && frac < 0) {
			frac = 0;
		} else {
			return -1;
		}
	}
	if (digits == 0 || digits > 15 || frac == 0 || frac > 2 || p[-1] == '.' ||
	    s[neg] == '.')
		return -1;
	double v = (double)m;
	if (frac == 1)
		v /= 10;
	else if (frac == 2)
		v /= 100;
	*out = neg ? -v : v;
	return 0;
}

int pf_field_double(const pf_record *rec, size_t i, double *out)
{
	const char *s = pf_field(rec, i);
	char *end;
	if (!s || !*s)
		return -1;
	if (parse_fixed(s, out) == 0)
		return 0;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

/* ---- writer ---- */

void pf_writer_init(pf_writer *w, FILE *out)
{
	/* stdio writes 4 KB at a time to a pipe, so the next stage woke for
	 * every 4 KB: 64 KB (a pipe's capacity) is a quarter of the context
	 * switches when the stages share a core. A terminal keeps its lines. */
	int fd = fileno(out);
	if (fd >= 0 && !isatty(fd))
		setvbuf(out, NULL, _IOFBF, 64 * 1024);
	w->out = out;
	w->nfield = 0;
	fputs(PF_STREAM_HEADER, out);
}

static void sep(pf_writer *w)
{
	if (w->nfield++ > 0)
		putc('\t', w->out);
}

void pf_begin(pf_writer *w, const char *type)
{
	w->nfield = 0;
	pf_put_str(w, type);
}

static void put_escaped(pf_writer *w, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (const char *p = s; p < end; p++) {
		char esc;
		switch (*p) {
		case '\\': esc = '\\'; break;
		case '\t': esc = 't'; break;
		case '\n': esc = 'n'; break;
		case '\r': esc = 'r'; break;
		default: continue;
		}
		fwrite(run, 1, (size_t)(p - run), w->out);
		putc('\\', w->out);
		putc(esc, w->out);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(end - run), w->out);
}

void pf_put_strn(pf_writer *w, const char *s, size_t n)
{
	sep(w);
	/* The stream is UTF-8 without NUL. What is not (a file name in
	 * another encoding, a cut message) goes out as U+FFFD per byte: a
	 * record the next stage would refuse loses the rest of the stream. */
	while (n > 0) {
		size_t ok = utf8_valid_prefix((const unsigned char *)s, n);
		const char *nul = memchr(s, '\0', ok);
		if (nul)
			ok = (size_t)(nul - s);
		put_escaped(w, s, ok);
		if (ok == n)
			break;
		fputs("\xef\xbf\xbd", w->out);
		s += ok + 1;
		n -= ok + 1;
	}
}

void pf_put_str(pf_writer *w, const char *s)
{
	if (!s)
		pf_put_null(w);
	else
		pf_put_strn(w, s, strlen(s));
}

void pf_put_null(pf_writer *w)
{
	sep(w);
	fputs("\\N", w->out);
}

/* Writes the digits of m after `sign` and, with `cents`, "." and the two
 * digits of m's last two places: what printf's "%ld" or "%.2f" writes, at a
 * fraction of its cost (these are most of every stage's output). */
static void put_digits(FILE *out, const char *sign, unsigned long long m, int cents)
{
	char buf[32], *p = buf + sizeof buf;
	if (cents) {
		*--p = (char)('0' + m % 10);
		*--p = (char)('0' + m / 10 % 10);
		*--p = '.';
		m /= 100;
	}
	do
		*--p = (char)('0' + m % 10);
	while (m /= 10);
	while (*sign)
		*--p = *sign++;
	fwrite(p, 1, (size_t)(buf + sizeof buf - p), out);
}

void pf_put_long(pf_writer *w, long v)
{
	sep(w);
	unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	put_digits(w->out, v < 0 ? "-" : "", m, 0);
}

void pf_put_coord(pf_writer *w, double v)
{
	sep(w);
	/* "-0.00" would make equal inputs print differently */
	if (v > -0.005 && v < 0.005)
		v = 0;
	/* The fast way when the rounding is clear: 100 v is computed with an
	 * error below 1e-7 for |v| < 1e7, so a fraction further than 1e-6
	 * from one half rounds the way printf rounds the exact value. Ties
	 * and near-ties, huge values, NaN and infinities go to printf. */
	double x = fabs(v) * 100;
	if (x < 1e9) {
		double whole = (double)(unsigned long long)x, frac = x - whole;
		if (fabs(frac - 0.5) > 1e-6) {
			unsigned long long m = (unsigned long long)whole + (frac > 0.5);
			if (m > 0 || v >= 0) {
				put_digits(w->out, v < 0 ? "-" : "", m, 1);
				return;
			}
		}
	}
	fprintf(w->out, "%.2f", v);
}

void pf_end(pf_writer *w)
{
	putc('\n', w->out);
	w->nfield = 0;
}

void pf_put_raw(pf_writer *w, const pf_record *rec)
{
	fwrite(rec->raw, 1, rec->raw_len, w->out);
	putc('\n', w->out);
}

void pf_put_field(pf_writer *w, const pf_record *rec, size_t i)
{
	if (i < rec->nfield && rec->field[i])
		pf_put_strn(w, rec->field[i], rec->len[i]);
	else
		pf_put_null(w);
}

void pf_put_fields(pf_writer *w, const pf_record *rec, size_t from)
{
	for (size_t i = from; i < rec->nfield; i++)
		pf_put_field(w, rec, i);
}

int pf_writer_finish(pf_writer *w)
{
	if (fflush(w->out) != 0 || ferror(w->out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

void pf_put_error_record(pf_writer *w, const char *doc, const char *source,
			 const char *stage, const char *severity, const char *message)
{
	pf_begin(w, PF_ERROR);
	pf_put_str(w, doc);
	pf_put_str(w, source);
	pf_put_str(w, stage);
	pf_put_str(w, severity);
	pf_put_str(w, message);
	pf_end(w);
}

void pf_put_error(pf_writer *w, const char *doc, const char *source,
		  const char *stage, const char *severity, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	trim_cut_char(msg);
	const char *prefix = strcmp(severity, "warning") == 0 ? "warning: " : "";
	if (source)
		pf_msg("%s%s: %s", prefix, source, msg);
	else
		pf_msg("%s%s", prefix, msg);
	pf_put_error_record(w, doc, source, stage, severity, msg);
}
