#include "msg.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *prog = "paragraf";

void pf_set_prog(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

const char *pf_prog(void)
{
	return prog;
}

void pf_msg(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int pf_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cmd ? cmd : prog);
	return 2;
}

int pf_bad_option(const char *cmd, char **argv, int ch)
{
	/* a short option inside a cluster (-xj) is named alone; a long one
	 * as written, without what follows '=' */
	char name[64];
	const char *arg = argv[optind - 1];
	if (optopt && (arg[0] != '-' || arg[1] != '-'))
		snprintf(name, sizeof name, "-%c", optopt);
	else
		snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
	if (ch == ':')
		return pf_usage_error(cmd, "option '%s' needs an argument", name);
	return pf_usage_error(cmd, "unknown option '%s'", name);
}
