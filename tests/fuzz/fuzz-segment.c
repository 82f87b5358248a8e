/*
 * fuzz-segment: arbitrary bytes as the stream pf-segment reads, through its
 * own main(). Covers its record handling: documents and blocks, § headings,
 * metadata, attendance, paragraphs (title, labels, sections, decisions,
 * motions) and amounts.
 *
 * Findings: a crash, leak or undefined behaviour (the sanitizers), an exit
 * status other than 0, 1 or 3, or output that the next stage could not read.
 */
#include "driver.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "pf-segment", NULL };
	char *out;
	size_t outlen;
	int status = fz_run_stage(1, argv, data, size, 1, &out, &outlen);
	fz_check_status("pf-segment", status);
	fz_check_stream("pf-segment", out, outlen);
	free(out);
	return 0;
}
