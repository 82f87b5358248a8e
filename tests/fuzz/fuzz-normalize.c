/*
 * fuzz-normalize: arbitrary bytes as the stream pf-normalize reads, through
 * its own main() with --trace. Covers its record handling: the page window,
 * the line repairs (characters, OCR digits, the paragraph sign, lexicon),
 * joins over lines and pages, furniture, and trace records kept with their
 * page.
 *
 * Findings: a crash, leak or undefined behaviour (the sanitizers), an exit
 * status other than 0, 1 or 3, or output that the next stage could not read.
 */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "pf-normalize", "--trace", NULL };
	fz_stream_stage(2, argv, data, size);
	return 0;
}
