/*
 * paragraf — the batch driver: runs the stage binaries (pf-pdftext ...
 * pf-emit) as a pipe per document, N documents at a time, and merges their
 * tables deterministically; incremental, with a quarantine for documents
 * that fail. The only program that reads pipeline.conf.
 *
 * Commands:    run (run.c), inspect (inspect.c)
 * Exit codes:  0 ok; 1 some documents failed (run: quarantined, in
 *              errors.csv; inspect: the document failed); 2 usage or
 *              configuration error; 3 nothing could run (run: an input
 *              missing or unreadable, too); 4 run: no document in the
 *              inputs, the tables kept
 *
 * docs/driver.md is the manual.
 */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"

static const char usage[] =
	"usage: paragraf run [-j N] [-b N] [-c CONF] [--out DIR] [--force] [--allow-empty]\n"
	"                    INPUT...\n"
	"       paragraf inspect [-c CONF] [-n N] FILE.pdf\n"
	"       paragraf --help | --version\n"
	"\n"
	"Turns Swedish council protocols (PDF) into warehouse tables by running the\n"
	"stages pf-pdftext | pf-normalize | pf-segment | pf-tables | pf-emit as pipes,\n"
	"several at a time, each over one PDF or a batch of PDF files.\n"
	"\n"
	"  run      PDFs, folders and archives to tables in DIR: incremental (a rerun\n"
	"           runs only new and changed documents), deterministic (-j changes no\n"
	"           byte), failed documents quarantined and listed in errors.csv\n"
	"  inspect  what each stage makes of one PDF: records, tables, errors\n"
	"\n"
	"The stages and their options, the output formats, parallelism, the timeout\n"
	"per document and the state and quarantine folders are set in pipeline.conf\n"
	"(-c); the stage binaries are found next to paragraf. 'paragraf COMMAND\n"
	"--help' tells more; man paragraf, or docs/driver.md, is the manual.\n"
	"\n"
	"Exit status: 0 ok, 1 some documents or inputs failed (see errors.csv),\n"
	"2 usage or configuration error, 3 nothing could run (an input missing or\n"
	"unreadable...), 4 no document in the inputs; after 2, 3 and 4 the tables\n"
	"are as they were.\n";

/* Stages are connected to fds 0, 1 and 2 of their own; the driver keeps
 * its own open so that no pipe it makes can land on them. */
static void hold_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0)
			exit(PG_EXIT_CANNOT);
}

/* Archive member names are UTF-8 in the records whatever the locale: under
 * cron's C locale libarchive could not convert them, so take a UTF-8
 * LC_CTYPE (messages and numbers stay in C). */
static void utf8_ctype(void)
{
	if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int main(int argc, char **argv)
{
	pf_set_prog(PG_PROG);
	hold_std_fds();
	utf8_ctype();
	if (argc < 2) {
		fputs(usage, stderr);
		return PG_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("%s %s\n", PG_PROG, PF_VERSION);
		return fclose(stdout) == 0 ? PG_EXIT_OK : PG_EXIT_CANNOT;
	}
	int (*run)(int, char **, const char *) = strcmp(cmd, "run") == 0 ? pg_cmd_run :
						  strcmp(cmd, "inspect") == 0 ? pg_cmd_inspect :
										 NULL;
	if (!run) {
		return pf_usage_error(NULL, "unknown command '%s' (run, inspect)", cmd);
	}
	char *self = pg_self_dir(argv[0]);
	int status = run(argc - 1, argv + 1, self);
	free(self);
	return status;
}
