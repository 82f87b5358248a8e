/*
 * pf-normalize — clean the text of line records.
 *
 * Records in:  line (and anything else, passed through unchanged)
 * Records out: line with whitespace collapsed in its text and span texts
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 *
 * The skeleton only collapses whitespace; OCR and typesetting repairs and
 * page furniture come with issue #4.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "records.h"
#include "stage.h"
#include "text.h"

static const char usage[] =
	"usage: pf-normalize [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and writes it with\n"
	"the text of every line record cleaned: runs of whitespace become one space,\n"
	"leading and trailing space is dropped. Other records pass through unchanged.\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 malformed input stream or write error.\n";

struct normalize {
	char *buf;
	size_t cap;
};

/* Writes field i of rec with its whitespace collapsed. */
static int put_clean(struct normalize *n, pf_writer *w, const pf_record *rec, size_t i)
{
	if (!rec->field[i]) {
		pf_put_null(w);
		return 0;
	}
	if (rec->len[i] + 1 > n->cap) {
		char *b = realloc(n->buf, rec->len[i] + 1);
		if (!b)
			return -1;
		n->buf = b;
		n->cap = rec->len[i] + 1;
	}
	size_t len = pf_collapse_space(rec->field[i], rec->len[i], n->buf);
	pf_put_strn(w, n->buf, len);
	return 0;
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	struct normalize *n = ctx;
	if (!pf_record_is(rec, PF_LINE)) {
		pf_put_raw(w, rec);
		return 0;
	}
	pf_begin(w, PF_LINE);
	for (size_t i = 1; i < rec->nfield; i++) {
		int is_text = i == PF_LINE_TEXT ||
			      (i >= PF_LINE_SPANS && (i - PF_LINE_SPANS) % PF_SPAN_FIELDS == 2);
		if (is_text) {
			if (put_clean(n, w, rec, i) < 0) {
				pf_msg("out of memory");
				return -1;
			}
		} else {
			pf_put_field(w, rec, i);
		}
	}
	pf_end(w);
	return 0;
}

int main(int argc, char **argv)
{
	struct normalize n = { 0 };
	int status = pf_stage_main(argc, argv, "pf-normalize", usage, each, &n);
	free(n.buf);
	return status;
}
