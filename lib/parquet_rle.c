/*
 * Definition levels of the Parquet writer: the RLE / bit-packed hybrid
 * encoding, bit width 1. Only lib/parquet.c calls this (parquet_internal.h).
 */
#include "parquet_internal.h"

static int bit_at(const unsigned char *b, size_t i)
{
	return b[i >> 3] >> (i & 7) & 1;
}

/* Length of the run of equal bits starting at i, scanning at most `limit`. */
static size_t run_length(const unsigned char *b, size_t n, size_t i, size_t limit)
{
	int v = bit_at(b, i);
	size_t j = i + 1;
	while (j < n && j - i < limit && bit_at(b, j) == v)
		j++;
	return j - i;
}

/*
 * Encodes n one-bit levels (Encodings.md, "Run Length Encoding / Bit-Packing
 * Hybrid"): runs of 8 or more equal levels become RLE runs (header
 * varint(len << 1), then the value in one byte); the rest go in bit-packed
 * runs (header varint(groups << 1 | 1), then groups of 8 levels, one byte
 * each, LSB first). A bit-packed run stops before a run of 16 or more, which
 * is then cheaper as RLE. Only the last group of all may be padded with
 * zeros: the reader knows the number of values from the page header.
 */
void pq_rle_levels(tc_buf *out, const unsigned char *bits, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t run = run_length(bits, n, i, SIZE_MAX);
		if (run >= 8) {
			tc_buf_uvarint(out, (uint64_t)run << 1);
			tc_buf_byte(out, (unsigned char)bit_at(bits, i));
			i += run;
			continue;
		}
		size_t start = i, groups = 0;
		while (i < n && groups < 63) { /* 63 groups keep the header one byte */
			if (groups > 0 && run_length(bits, n, i, 16) >= 16)
				break;
			i += 8;
			groups++;
		}
		if (i > n)
			i = n;
		tc_buf_uvarint(out, (uint64_t)groups << 1 | 1);
		for (size_t g = 0; g < groups; g++) {
			unsigned char byte = 0;
			for (size_t k = 0; k < 8; k++) {
				size_t j = start + 8 * g + k;
				if (j < n && bit_at(bits, j))
					byte |= (unsigned char)(1u << k);
			}
			tc_buf_byte(out, byte);
		}
	}
}
