#include "records.h"

#include <string.h>

int pf_record_min_fields(const char *type)
{
	static const struct {
		const char *type;
		int nfield;
	} known[] = {
		{ PF_DOC, PF_DOC_NFIELD },     { PF_PAGE, PF_PAGE_LAYER }, /* text_layer came later: optional */
		{ PF_LINE, PF_LINE_NFIELD },   { PF_END, PF_END_NFIELD },
		{ PF_PARA, PF_PARA_LETTER }, /* letter came later: optional */
		{ PF_ERROR, PF_ERROR_NFIELD },
		{ PF_FURNITURE, PF_LINE_NFIELD }, { PF_TRACE, PF_TRACE_NFIELD },
		{ PF_META, PF_META_NFIELD },   { PF_ATTENDEE, PF_ATTENDEE_NFIELD },
		{ PF_SECTION, PF_SECTION_NFIELD }, { PF_DECISION, PF_DECISION_NFIELD },
		{ PF_AMOUNT, PF_AMOUNT_NFIELD }, { PF_MOTION, PF_MOTION_NFIELD },
		{ PF_TABLE, PF_TABLE_NFIELD }, { PF_CELL, PF_CELL_NFIELD },
		{ PF_ALLOCATION, PF_ALLOCATION_NFIELD }, { PF_CHECK, PF_CHECK_DETAIL }, /* detail came later: optional */
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].type, type) == 0)
			return known[i].nfield;
	return 0;
}

/* A coordinate or size: a finite number of at most PF_COORD_MAX points, or
 * -1 as for an absent field. No page is that big, and the geometry code
 * must never meet nan, inf or 1e300 (a cast to an integer is undefined, a
 * grid sized by an extent is unbounded): fuzz-tables found both. */
static int coord(const pf_record *rec, size_t i, double *out)
{
	double d;
	if (pf_field_double(rec, i, &d) < 0 || !(d >= -PF_COORD_MAX && d <= PF_COORD_MAX))
		return -1;
	*out = d;
	return 0;
}

void pf_line_fields_read(const pf_record *rec, pf_line_fields *f)
{
	long v;
	double d;
	f->page = pf_field_long(rec, PF_LINE_PAGE, &v) == 0 ? v : 0;
	f->no = pf_field_long(rec, PF_LINE_NO, &v) == 0 ? v : 0;
	double *box[] = { &f->x0, &f->y0, &f->x1, &f->y1, &f->size };
	for (size_t i = 0; i < 5; i++)
		*box[i] = coord(rec, PF_LINE_X0 + i, &d) == 0 ? d : 0;
	f->bold = pf_field_long(rec, PF_LINE_BOLD, &v) == 0 && v;
	f->italic = pf_field_long(rec, PF_LINE_ITALIC, &v) == 0 && v;
	f->text = pf_field(rec, PF_LINE_TEXT) ? pf_field(rec, PF_LINE_TEXT) : "";
	f->nspan = rec->nfield > PF_LINE_SPANS ? (rec->nfield - PF_LINE_SPANS) / PF_SPAN_FIELDS : 0;
}

const char *pf_line_span(const pf_record *rec, const pf_line_fields *f, size_t i,
			 double *x0, double *x1)
{
	size_t at = PF_LINE_SPANS + i * PF_SPAN_FIELDS;
	double d;
	*x0 = coord(rec, at, &d) == 0 ? d : f->x0;
	*x1 = coord(rec, at + 1, &d) == 0 ? d : f->x1;
	const char *t = pf_field(rec, at + 2);
	return t ? t : "";
}
