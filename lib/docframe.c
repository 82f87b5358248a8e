#include "docframe.h"

#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "xalloc.h"

static void end_open(pf_docframe *f)
{
	if (!f->doc)
		return;
	f->end_doc(f->ctx, f->doc);
	free(f->doc);
	f->doc = NULL;
}

int pf_docframe_step(pf_docframe *f, pf_writer *w, const pf_record *rec)
{
	const char *doc = pf_field(rec, PF_FIELD_DOC);
	if (pf_record_is(rec, PF_DOC)) {
		end_open(f);
		f->doc = pf_xstrdup(doc);
	} else if (pf_record_is(rec, PF_END) || (f->doc && doc && strcmp(doc, f->doc) != 0)) {
		end_open(f);
	} else if (f->doc) {
		return 0;
	}
	pf_put_raw(w, rec);
	return 1;
}

void pf_docframe_finish(pf_docframe *f)
{
	end_open(f);
}
