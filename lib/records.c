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
		{ PF_PARA, PF_PARA_NFIELD },   { PF_ERROR, PF_ERROR_NFIELD },
		{ PF_FURNITURE, PF_LINE_NFIELD }, { PF_TRACE, PF_TRACE_NFIELD },
		{ PF_META, PF_META_NFIELD },   { PF_ATTENDEE, PF_ATTENDEE_NFIELD },
		{ PF_SECTION, PF_SECTION_NFIELD }, { PF_DECISION, PF_DECISION_NFIELD },
		{ PF_AMOUNT, PF_AMOUNT_NFIELD }, { PF_MOTION, PF_MOTION_NFIELD },
		{ PF_TABLE, PF_TABLE_NFIELD }, { PF_CELL, PF_CELL_NFIELD },
		{ PF_ALLOCATION, PF_ALLOCATION_NFIELD }, { PF_CHECK, PF_CHECK_NFIELD },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].type, type) == 0)
			return known[i].nfield;
	return 0;
}
