/*
 * fuzz-tables: arbitrary bytes as the stream pf-tables reads, through its own
 * main(). Covers its record handling: the line window over pages, table
 * detection, cells, allocations, and the sum and decision checks.
 *
 * Findings: a crash, leak or undefined behaviour (the sanitizers), an exit
 * status other than 0, 1 or 3, or output that the next stage could not read.
 */
#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "pf-tables", NULL };
	fz_stream_stage(1, argv, data, size);
	return 0;
}
