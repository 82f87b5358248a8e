/*
 * The document framing of a stage that holds a document's records until the
 * document ends (pf-segment, pf-tables): which document is open, and what
 * to do with the records around it.
 *
 *   doc record        ends the open document, opens this one
 *   end record        ends the open document
 *   another doc's id  ends the open document (a stream cut without its end)
 *   no open document  nothing to work on
 *
 * These records are written through unchanged, after the stage's end_doc
 * has written what it held; every other record belongs to the open
 * document and is the stage's.
 */
#ifndef PF_DOCFRAME_H
#define PF_DOCFRAME_H

#include "stream.h"

typedef struct pf_docframe {
	char *doc;                  /* the open document's id, or NULL */
	/* writes what the stage holds for doc and forgets it; doc is still
	 * set while it runs */
	void (*end_doc)(void *ctx, const char *doc);
	void *ctx;
} pf_docframe;

/* 1: rec was framing and has been written through; 0: rec belongs to the
 * open document f->doc, for the stage to handle. */
int pf_docframe_step(pf_docframe *f, pf_writer *w, const pf_record *rec);

/* At the end of the stream: ends a document left open. */
void pf_docframe_finish(pf_docframe *f);

#endif
