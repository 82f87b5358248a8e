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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "pf-segment", NULL };
	fz_stream_stage(1, argv, data, size);
	return 0;
}
