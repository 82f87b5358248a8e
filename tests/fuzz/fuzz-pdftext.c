/*
 * fuzz-pdftext: arbitrary bytes as a PDF file, through pf-pdftext's own
 * main(). The bytes are a memfd, so the stage maps them as it maps a file
 * and poppler reads them from memory (poppler_document_new_from_bytes);
 * nothing touches the disk. Covers main.c (doc, end and error records,
 * metadata cleaning, --max-pages), page.c (characters, boxes, fonts,
 * rotation, the recovery after a U+0000), trust.c (the trust score) and
 * lines.c (tokens, lines, word space, spans, the line length limit). OCR
 * is off (--ocr never): tesseract takes seconds a page and is not ours to
 * fuzz; an input with Swedish text loads the dictionary, 0.1 s, each run.
 *
 * poppler is not built with the sanitizers: ASan sees only what it does
 * through intercepted calls, and its own leaks are suppressed
 * (tests/lsan.supp). A finding whose stack is all poppler is
 * poppler's (tests/fuzz/README.md).
 *
 * Findings: a crash, leak or undefined behaviour in our code, an exit status
 * other than 0 or 1, or a stream the next stage could not read.
 */
#include "driver.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.pdf", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	for (size_t done = 0; done < size;) {
		ssize_t n = write(fd, data + done, size - done);
		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	char *argv[] = { "pf-pdftext", "--ocr", "never", path, NULL };
	char *out;
	size_t outlen;
	int status = fz_run_stage(4, argv, NULL, 0, 1, &out, &outlen);
	close(fd);
	if (status != 0 && status != 1) {
		fprintf(fz_report, "fuzz: pf-pdftext exited %d\n", status);
		abort();
	}
	fz_check_stream("pf-pdftext", out, outlen);
	free(out);
	return 0;
}
