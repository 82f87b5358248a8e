#include "driver.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stream.h"

FILE *fz_report;

void fz_quiet(void)
{
	int fd = dup(2);
	fz_report = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fz_report)
		fz_report = stderr;
	setvbuf(fz_report, NULL, _IONBF, 0);
	const char *v = getenv("PF_FUZZ_VERBOSE");
	if (v && strcmp(v, "1") == 0)
		return;
	/* glibc's stdin, stdout and stderr are plain variables: the stages,
	 * glib and poppler write to whatever stderr is when they write */
	FILE *null = fopen("/dev/null", "w");
	if (null)
		stderr = null;
}

int fz_run_stage(int argc, char **argv, const uint8_t *data, size_t size,
		 int capture, char **out, size_t *outlen)
{
	FILE *saved_in = stdin, *saved_out = stdout;
	/* fmemopen refuses a zero size buffer on some libcs */
	FILE *in = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	*out = NULL;
	*outlen = 0;
	if (capture) {
		FILE *mem = open_memstream(out, outlen);
		if (!mem)
			abort();
		stdout = mem;
	}
	stdin = in;
	optind = 0; /* glibc: getopt starts over, as in a new process */
	int status = pf_fuzz_stage_main(argc, argv);
	/* the stage closed stdout itself (pf_stage_close); *out is final */
	stdin = saved_in;
	stdout = saved_out;
	fclose(in);
	return status;
}

void fz_check_status(const char *stage, int status)
{
	if (status == 0 || status == 1 || status == 3)
		return;
	fprintf(fz_report, "fuzz: %s exited %d on a stream\n", stage, status);
	abort();
}

void fz_check_stream(const char *stage, const char *buf, size_t len)
{
	FILE *in = len ? fmemopen((void *)buf, len, "r") : NULL;
	if (!len) {
		fprintf(fz_report, "fuzz: %s wrote nothing, not even a header\n", stage);
		abort();
	}
	if (!in)
		abort();
	pf_reader *r = pf_reader_new(in, stage);
	const pf_record *rec;
	int got;
	while ((got = pf_reader_next(r, &rec)) > 0)
		;
	if (got < 0) {
		fprintf(fz_report, "fuzz: %s wrote a stream the reader refuses: %s\n", stage,
			pf_reader_error(r));
		abort();
	}
	pf_reader_free(r);
	fclose(in);
}

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	return 0;
}

void fz_stream_stage(int argc, char **argv, const uint8_t *data, size_t size)
{
	char *out;
	size_t outlen;
	int status = fz_run_stage(argc, argv, data, size, 1, &out, &outlen);
	fz_check_status(argv[0], status);
	fz_check_stream(argv[0], out, outlen);
	free(out);
}
