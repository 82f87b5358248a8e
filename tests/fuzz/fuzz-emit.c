/*
 * fuzz-emit: arbitrary bytes as the stream pf-emit reads, through its own
 * main() with --format both, then `pf-emit --from-csv` over what it wrote.
 * Covers the record-to-table mapping, the documents rows held from doc to
 * end, value checks and cleaning in the sinks, the CSV and Parquet writers
 * (lib/parquet.c), and the strict CSV reader of --from-csv.
 *
 * Findings: a crash, leak or undefined behaviour (the sanitizers), an exit
 * status other than 0, 1 or 3, or CSV tables that --from-csv refuses (the
 * batch driver makes its Parquet files that way from pf-emit's CSV).
 */
#include "driver.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static void remove_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	/* tmpfs when there is one: every run writes a dozen files */
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/pf-fuzz-emit.XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		abort();
	/* a unique name; pf-emit makes the folder, and each run removes it,
	 * since libFuzzer ends a campaign without running atexit handlers */
	remove_dir();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *emit[] = { "pf-emit", "--format", "both", "--out", dir, NULL };
	char *from_csv[] = { "pf-emit", "--from-csv", dir, NULL };
	char *out;
	size_t outlen;
	int status = fz_run_stage(5, emit, data, size, 0, &out, &outlen);
	fz_check_status("pf-emit", status);
	status = fz_run_stage(3, from_csv, NULL, 0, 0, &out, &outlen);
	if (status != 0) {
		fprintf(fz_report, "fuzz: pf-emit --from-csv refused the CSV pf-emit wrote in %s\n",
			dir);
		abort();
	}
	remove_dir();
	return 0;
}
