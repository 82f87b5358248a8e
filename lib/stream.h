/*
 * The paragraf record stream: what every stage reads and writes.
 * docs/stream.md is the specification; this is its only implementation.
 *
 * A stream is UTF-8 text, one record per line, fields separated by TAB and
 * escaped like PostgreSQL's COPY text format ("\\" "\t" "\n" "\r", "\N" is
 * null). Field 0 is the record type, field 1 the document id. The stream
 * begins with the header record "stream<TAB>paragraf<TAB>1"; a header in the
 * middle (from `cat a b`) is checked and skipped.
 *
 * Nothing here exits or writes to stdout: errors come back to the caller.
 */
#ifndef PF_STREAM_H
#define PF_STREAM_H

#include <stddef.h>
#include <stdio.h>

#define PF_STREAM_FORMAT "paragraf"
#define PF_STREAM_VERSION 1
#define PF_STREAM_STR_(x) #x
#define PF_STREAM_STR(x) PF_STREAM_STR_(x)
/* The header record as bytes: what pf_writer_init writes, for a program
 * that writes a stream by other means (the driver's probes). */
#define PF_STREAM_HEADER "stream\t" PF_STREAM_FORMAT "\t" PF_STREAM_STR(PF_STREAM_VERSION) "\n"

/* A stream line longer than this is malformed: it keeps a hostile or broken
 * upstream from making a stage allocate without bound. */
#define PF_MAX_RECORD_BYTES (16u << 20)

typedef struct pf_record {
	const char *raw;   /* the line as read, without its '\n' */
	size_t raw_len;
	char **field;      /* unescaped fields; NULL where the field is \N */
	size_t *len;       /* byte length of each field (0 for null) */
	size_t nfield;
	unsigned long lineno; /* 1-based line number in the input */
} pf_record;

typedef struct pf_reader pf_reader;

/* Reads records from `in`; `name` is used in messages ("-" reads as
 * "<stdin>"). Returns NULL only when out of memory. */
pf_reader *pf_reader_new(FILE *in, const char *name);
void pf_reader_free(pf_reader *r);

/* Reads the next record. Returns 1 and points *rec at it (valid until the
 * next call), 0 at a clean end of stream, -1 when the stream is malformed or
 * unreadable: pf_reader_error() then says why, with the line number. */
int pf_reader_next(pf_reader *r, const pf_record **rec);
const char *pf_reader_error(const pf_reader *r);

/* Field access. pf_field returns NULL for a null or absent field. */
const char *pf_field(const pf_record *rec, size_t i);
int pf_record_is(const pf_record *rec, const char *type);
/* Parse field i as a number; return 0 on success, -1 if null, absent or not
 * a number (then *out is left alone). */
int pf_field_long(const pf_record *rec, size_t i, long *out);
int pf_field_double(const pf_record *rec, size_t i, double *out);

/* Writer. A write error is sticky and reported by pf_writer_close. */
typedef struct pf_writer {
	FILE *out;
	int nfield;  /* fields written in the current record */
} pf_writer;

/* Starts a stream on `out`: writes the header record. */
void pf_writer_init(pf_writer *w, FILE *out);
void pf_begin(pf_writer *w, const char *type);
void pf_put_str(pf_writer *w, const char *s);            /* NULL writes \N */
void pf_put_strn(pf_writer *w, const char *s, size_t n);
void pf_put_null(pf_writer *w);
void pf_put_long(pf_writer *w, long v);
void pf_put_coord(pf_writer *w, double v);              /* fixed "%.2f" */
void pf_end(pf_writer *w);
/* Pass a record through byte for byte. */
void pf_put_raw(pf_writer *w, const pf_record *rec);
/* Copy field i of rec (null when absent). */
void pf_put_field(pf_writer *w, const pf_record *rec, size_t i);
/* Write fields [from, rec->nfield) of rec after the fields already put:
 * for re-emitting a record whose leading fields a stage rewrote. */
void pf_put_fields(pf_writer *w, const pf_record *rec, size_t from);
/* Flushes; returns 0, or -1 if any write failed (errno is set). Does not
 * close the FILE. */
int pf_writer_finish(pf_writer *w);

/* Writes an error record (see docs/stream.md) and the same message on
 * stderr as "prog: source: message". doc and source may be NULL. severity is
 * "error" or "warning". */
void pf_put_error(pf_writer *w, const char *doc, const char *source,
		  const char *stage, const char *severity, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The same error record without the message on stderr. */
void pf_put_error_record(pf_writer *w, const char *doc, const char *source,
			 const char *stage, const char *severity, const char *message);

#endif
