/*
 * pf-tables — tables from line and span geometry.
 *
 * Records in:  everything (reads line and para records)
 * Records out: everything, unchanged
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 *
 * The skeleton passes the stream through; table detection and allocations
 * come with issue #6.
 */
#include <stdio.h>

#include "msg.h"
#include "stage.h"

static const char usage[] =
	"usage: pf-tables [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and finds the tables\n"
	"in it. This version passes every record through unchanged.\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 malformed input stream or write error.\n";

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	(void)ctx;
	pf_put_raw(w, rec);
	return 0;
}

int main(int argc, char **argv)
{
	return pf_stage_main(argc, argv, "pf-tables", usage, each, NULL, NULL);
}
