#include "msg.h"

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
