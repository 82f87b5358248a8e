#include "stage.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "records.h"

/* The record count of the document being read (PF_MAX_DOC_RECORDS). A
 * document is the run of records with one document id; records with a null
 * id count for the document they are in. */
typedef struct doc_limit {
	unsigned long max, count;
	char doc[32];     /* its id, "" before the first (ids are 16 hex digits:
			   * the reader refuses others) */
	int cut;          /* over the limit: the rest of it is left out */
	int failed;       /* a document was cut */
} doc_limit;

/* Is rec to be left out? Counts it, and says so once when its document
 * goes over the limit. */
static int over_limit(doc_limit *lim, const char *stage, const char *source,
		      pf_writer *w, const pf_record *rec)
{
	const char *doc = pf_field(rec, PF_FIELD_DOC);
	if (pf_record_is(rec, PF_DOC) || (doc && strcmp(doc, lim->doc) != 0)) {
		snprintf(lim->doc, sizeof lim->doc, "%s", doc ? doc : "");
		lim->count = 0;
		lim->cut = 0;
	}
	if (!lim->cut && ++lim->count > lim->max) {
		lim->cut = 1;
		lim->failed = 1;
		pf_put_error(w, *lim->doc ? lim->doc : NULL, source, stage, "error",
			     "document %s has more than %lu records (PF_MAX_DOC_RECORDS): the rest of it is left out",
			     *lim->doc ? lim->doc : "without id", lim->max);
	}
	/* its end record still goes on, so that the next stages close it */
	return lim->cut && !pf_record_is(rec, PF_END);
}

static int run_one(const char *stage, FILE *in, const char *name, pf_writer *w,
		   pf_each_fn *each, void *ctx, doc_limit *lim)
{
	pf_reader *r = pf_reader_new(in, name);
	const pf_record *rec;
	int got, status = 0;
	if (!r) {
		pf_msg("out of memory");
		return PF_EXIT_IO;
	}
	const char *source = strcmp(name, "-") ? name : NULL;
	while ((got = pf_reader_next(r, &rec)) > 0) {
		if (over_limit(lim, stage, source, w, rec))
			continue;
		if (each(ctx, w, rec) < 0) {
			status = PF_EXIT_IO;
			break;
		}
	}
	if (got < 0) {
		/* The rest of this input cannot be trusted: say so in the
		 * stream too, so that pf-emit records it in errors.csv. */
		pf_msg("%s", pf_reader_error(r));
		pf_put_error_record(w, NULL, source, stage, "error", pf_reader_error(r));
		status = PF_EXIT_IO;
	}
	pf_reader_free(r);
	return status;
}

int pf_stage_run(const char *stage, char **files, int nfiles, pf_writer *w,
		 pf_each_fn *each, void *ctx)
{
	doc_limit lim = { .max = PF_MAX_DOC_RECORDS };
	const char *env = getenv("PF_MAX_DOC_RECORDS");
	if (env && *env) {
		char *end;
		errno = 0;
		unsigned long v = strtoul(env, &end, 10);
		if (errno || *end || v < 1 || env[0] == '-') {
			pf_msg("PF_MAX_DOC_RECORDS must be a whole number from 1, not '%s'", env);
			return PF_EXIT_USAGE;
		}
		lim.max = v;
	}
	int status = 0;
	if (nfiles == 0)
		status = run_one(stage, stdin, "-", w, each, ctx, &lim);
	for (int i = 0; i < nfiles && !status; i++) {
		if (strcmp(files[i], "-") == 0) {
			status = run_one(stage, stdin, "-", w, each, ctx, &lim);
		} else {
			FILE *in = fopen(files[i], "r");
			if (!in) {
				pf_msg("cannot open '%s': %s", files[i], strerror(errno));
				return PF_EXIT_IO;
			}
			status = run_one(stage, in, files[i], w, each, ctx, &lim);
			fclose(in);
		}
	}
	return status ? status : lim.failed ? PF_EXIT_DOCS_FAILED : 0;
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
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return PF_EXIT_OK;
		case 'V':
			printf("%s %s\n", stage, PF_VERSION);
			return PF_EXIT_OK;
		default:
			return pf_bad_option(stage, argv, c);
		}
	}
	pf_writer w;
	pf_writer_init(&w, stdout);
	int status = pf_stage_run(stage, argv + optind, argc - optind, &w, each, ctx);
	if (finish)
		finish(ctx, &w);
	return pf_stage_close(&w, status);
}
