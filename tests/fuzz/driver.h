/*
 * What the stage fuzz targets share: running a stage's own main() in-process
 * on the fuzzer's bytes, and checking what it wrote.
 *
 * The fuzz build compiles every stage source with -Dmain=pf_fuzz_stage_main
 * (Makefile, "fuzzing"), so a target links the stage unchanged and calls its
 * main as the shell would, with the bytes as stdin.
 */
#ifndef PF_FUZZ_DRIVER_H
#define PF_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int pf_fuzz_stage_main(int argc, char **argv);

/* Where the targets' own complaints go: the real stderr, kept before
 * fz_quiet() points the stages' stderr at /dev/null. */
extern FILE *fz_report;

/* driver.c's LLVMFuzzerInitialize (weak: a target may define its own, and
 * then calls fz_quiet itself) just calls fz_quiet.
 *
 * Once, from LLVMFuzzerInitialize: the stages' messages (and poppler's,
 * glib's) go to /dev/null unless PF_FUZZ_VERBOSE=1; sanitizer and libFuzzer
 * reports are written to fd 2 directly and still show. */
void fz_quiet(void);

/* Runs pf_fuzz_stage_main(argc, argv) with stdin reading data[0..size).
 * With `capture`, stdout is a memory stream that the stage closes itself
 * (pf_stage_close); *out and *outlen are then what it wrote (free *out).
 * Returns the exit status. */
int fz_run_stage(int argc, char **argv, const uint8_t *data, size_t size,
		 int capture, char **out, size_t *outlen);

/* Aborts (a finding) unless status is an exit code the stage documents for
 * a stream it was given: 0, 1 or 3. */
void fz_check_status(const char *stage, int status);

/* Aborts unless buf[0..len) is a stream the reader takes to its end: what a
 * stage writes, the next stage must be able to read. */
void fz_check_stream(const char *stage, const char *buf, size_t len);

/* The whole check of a stream stage: runs it on data as its stdin, then
 * fz_check_status and fz_check_stream on what it did. */
void fz_stream_stage(int argc, char **argv, const uint8_t *data, size_t size);

#endif
