#include "stage.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "msg.h"

static int run_one(const char *stage, FILE *in, const char *name, pf_writer *w,
		   pf_each_fn *each, void *ctx)
{
	pf_reader *r = pf_reader_new(in, name);
	const pf_record *rec;
	int got, status = 0;
	if (!r) {
		pf_msg("out of memory");
		return PF_EXIT_IO;
	}
	while ((got = pf_reader_next(r, &rec)) > 0) {
		if (each(ctx, w, rec) < 0) {
			status = PF_EXIT_IO;
			break;
		}
	}
	if (got < 0) {
		/* The rest of this input cannot be trusted: say so in the
		 * stream too, so that pf-emit records it in errors.csv. */
		pf_msg("%s", pf_reader_error(r));
		pf_put_error_record(w, NULL, strcmp(name, "-") ? name : NULL, stage,
				    "error", pf_reader_error(r));
		status = PF_EXIT_IO;
	}
	pf_reader_free(r);
	return status;
}

int pf_stage_run(const char *stage, char **files, int nfiles, pf_writer *w,
		 pf_each_fn *each, void *ctx)
{
	if (nfiles == 0)
		return run_one(stage, stdin, "-", w, each, ctx);
	for (int i = 0; i < nfiles; i++) {
		int status;
		if (strcmp(files[i], "-") == 0) {
			status = run_one(stage, stdin, "-", w, each, ctx);
		} else {
			FILE *in = fopen(files[i], "r");
			if (!in) {
				pf_msg("cannot open '%s': %s", files[i], strerror(errno));
				return PF_EXIT_IO;
			}
			status = run_one(stage, in, files[i], w, each, ctx);
			fclose(in);
		}
		if (status)
			return status;
	}
	return 0;
}

int pf_stage_close(pf_writer *w, int status)
{
	if (pf_writer_finish(w) < 0 || fclose(stdout) != 0) {
		pf_msg("cannot write output: %s", strerror(errno));
		return PF_EXIT_IO;
	}
	return status;
}

int pf_stage_main(int argc, char **argv, const char *stage, const char *usage,
		  pf_each_fn *each, pf_finish_fn *finish, void *ctx)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	pf_set_prog(argv[0]);
	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return PF_EXIT_OK;
		case 'V':
			printf("%s %s\n", stage, PF_VERSION);
			return PF_EXIT_OK;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", stage);
			return PF_EXIT_USAGE;
		}
	}
	pf_writer w;
	pf_writer_init(&w, stdout);
	int status = pf_stage_run(stage, argv + optind, argc - optind, &w, each, ctx);
	if (finish)
		finish(ctx, &w);
	return pf_stage_close(&w, status);
}
