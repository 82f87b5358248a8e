/*
 * fuzz-stream: lib/stream.c on arbitrary bytes.
 *
 * The reader takes the bytes; every record it accepts is written back twice,
 * field by field (pf_begin, pf_put_field) and byte for byte (pf_put_raw),
 * and both streams are read again: they must give the same records, field
 * for field, null for null. When the reader stops at a malformed line, the
 * error record a stage writes with its message must be a record the reader
 * takes too. Field accessors are called on every field.
 *
 * Findings: a crash, leak or undefined behaviour (the sanitizers), a field
 * with a NUL inside its length, a round trip that changes a record, or an
 * error message that makes a malformed stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stream.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz-stream: %s\n", what);
	abort();
}

/* One record in a form that compares with memcmp: the field count, then
 * per field a null flag, its length and its bytes. */
static void canon(FILE *c, const pf_record *rec)
{
	fwrite(&rec->nfield, sizeof rec->nfield, 1, c);
	for (size_t i = 0; i < rec->nfield; i++) {
		const char *f = pf_field(rec, i);
		char null = f == NULL;
		fwrite(&null, 1, 1, c);
		if (!f) {
			if (rec->len[i] != 0)
				fail("null field with a length");
			continue;
		}
		if (strlen(f) != rec->len[i])
			fail("field length is not its strlen (NUL inside a field)");
		fwrite(&rec->len[i], sizeof rec->len[i], 1, c);
		fwrite(f, 1, rec->len[i], c);
		long l;
		double d;
		(void)pf_field_long(rec, i, &l);
		(void)pf_field_double(rec, i, &d);
	}
}

static FILE *memin(const void *buf, size_t len)
{
	FILE *f = len ? fmemopen((void *)buf, len, "r") : fopen("/dev/null", "r");
	if (!f)
		abort();
	return f;
}

/* Reads the whole stream buf, writing the canonical form of its records to
 * c; returns what pf_reader_next returned last. */
static int read_all(const char *buf, size_t len, FILE *c)
{
	FILE *in = memin(buf, len);
	pf_reader *r = pf_reader_new(in, "again");
	const pf_record *rec;
	int got;
	while ((got = pf_reader_next(r, &rec)) > 0)
		canon(c, rec);
	if (got < 0) {
		fprintf(stderr, "fuzz-stream: %s\n", pf_reader_error(r));
		fail("a stream written back is refused");
	}
	pf_reader_free(r);
	fclose(in);
	return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cbuf = NULL, *fbuf = NULL, *rbuf = NULL, *ebuf = NULL;
	size_t clen = 0, flen = 0, rlen = 0, elen = 0;
	FILE *c = open_memstream(&cbuf, &clen);
	FILE *fo = open_memstream(&fbuf, &flen);
	FILE *ro = open_memstream(&rbuf, &rlen);
	pf_writer fw, rw;
	pf_writer_init(&fw, fo);
	pf_writer_init(&rw, ro);

	FILE *in = memin(data, size);
	pf_reader *r = pf_reader_new(in, "fuzz");
	const pf_record *rec;
	int got;
	while ((got = pf_reader_next(r, &rec)) > 0) {
		canon(c, rec);
		pf_begin(&fw, pf_field(rec, 0));
		pf_put_fields(&fw, rec, 1);
		pf_end(&fw);
		pf_put_raw(&rw, rec);
	}
	if (got < 0) {
		/* what lib/stage.c writes for a malformed input */
		FILE *eo = open_memstream(&ebuf, &elen);
		pf_writer ew;
		pf_writer_init(&ew, eo);
		pf_put_error_record(&ew, NULL, "fuzz", "pf-fuzz", "error", pf_reader_error(r));
		fclose(eo);
		char *dbuf = NULL;
		size_t dlen = 0;
		FILE *d = open_memstream(&dbuf, &dlen);
		read_all(ebuf, elen, d);
		fclose(d);
		free(dbuf);
		free(ebuf);
	}
	pf_reader_free(r);
	fclose(in);
	fclose(c);
	fclose(fo);
	fclose(ro);

	char *c2 = NULL, *c3 = NULL;
	size_t c2len = 0, c3len = 0;
	FILE *f2 = open_memstream(&c2, &c2len), *f3 = open_memstream(&c3, &c3len);
	read_all(fbuf, flen, f2);
	read_all(rbuf, rlen, f3);
	fclose(f2);
	fclose(f3);
	if (c2len != clen || memcmp(c2, cbuf, clen) != 0)
		fail("records written field by field read back different");
	if (c3len != clen || memcmp(c3, cbuf, clen) != 0)
		fail("records passed through raw read back different");
	free(cbuf);
	free(fbuf);
	free(rbuf);
	free(c2);
	free(c3);
	return 0;
}
