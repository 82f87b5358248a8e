/*
 * The frame every filter stage shares: read the inputs named on the command
 * line (stdin when none) as one stream, hand each record to the stage, and
 * turn I/O failures into the documented exit codes:
 *
 *   0  every document went through
 *   1  this stage wrote an error record for one or more documents
 *   2  usage error
 *   3  an input stream was malformed or unreadable, or output failed
 */
#ifndef PF_STAGE_H
#define PF_STAGE_H

#include "stream.h"

enum { PF_EXIT_OK = 0, PF_EXIT_DOCS_FAILED = 1, PF_EXIT_USAGE = 2, PF_EXIT_IO = 3 };

/* The "Exit status" paragraph of a stage's --help: the codes above worded
 * once. `failed` says what exit 1 means in that stage, `cannot` what makes
 * exit 3 besides running out of memory (lib/xalloc.h). */
#define PF_EXIT_HELP(failed, cannot)                                  \
	"Exit status: 0 ok, 1 " failed ",\n"                          \
	"2 usage error, 3 " cannot " or out of memory.\n"
/* exit 1 and 3 of a filter stage, which reads the stream and writes it on */
#define PF_EXIT_HELP_FILTER                                                        \
	PF_EXIT_HELP("a document got an error record (more than\n"               \
		     "PF_MAX_DOC_RECORDS records: the rest of it was left out)",   \
		     "malformed input stream, write error")

/* Records one document may have in the stream a stage reads (docs/stream.md,
 * "Limits"); the environment variable PF_MAX_DOC_RECORDS overrides it. The
 * records past it are left out, with an error record: a hostile PDF or
 * stream cannot make a stage hold a document without bound (pf-segment holds
 * a whole preamble, about 600 bytes a line). 150 times the 200-page stress
 * protocol; 100 lines on each of pf-pdftext's --max-pages 10000 pages. */
#define PF_MAX_DOC_RECORDS 1000000ul

/* Called for every record; returns 0 to go on, -1 to stop (the stage has
 * said why on stderr). */
typedef int pf_each_fn(void *ctx, pf_writer *w, const pf_record *rec);

/* Runs `each` over the records of files[0..nfiles) (none: stdin), writing to
 * w. On a malformed stream it writes an error record naming `stage`, prints
 * the message with file and line, and returns PF_EXIT_IO. A document with
 * more than PF_MAX_DOC_RECORDS records gets an error record, its further
 * records except its end record are not handed to `each`, the rest of the
 * stream goes on, and the result is PF_EXIT_DOCS_FAILED. Otherwise 0;
 * PF_EXIT_USAGE for a bad PF_MAX_DOC_RECORDS. */
int pf_stage_run(const char *stage, char **files, int nfiles, pf_writer *w,
		 pf_each_fn *each, void *ctx);

/* Flushes and closes stdout; returns `status`, or PF_EXIT_IO if the output
 * could not be written (with a message). */
int pf_stage_close(pf_writer *w, int status);



/* Called once after the last record, before the output is closed: for a
 * stage that holds records back (a stream may end without an end record). */
typedef void pf_finish_fn(void *ctx, pf_writer *w);

/* The whole main of a stage whose only options are --help and --version:
 * parses them, writes the header, runs `each` and then `finish` (may be
 * NULL), closes. `usage` goes to stdout for --help and to stderr for a bad
 * option. Returns the exit code. */
int pf_stage_main(int argc, char **argv, const char *stage, const char *usage,
		  pf_each_fn *each, pf_finish_fn *finish, void *ctx);
#endif
