/*
 * Allocation that cannot fail (xalloc.h): out of memory is a message and
 * exit 3 in every program.
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "stage.h"
#include "xalloc.h"

_Static_assert(PF_EXIT_NO_MEMORY == PF_EXIT_IO, "out of memory is a stage's exit 3");

void pf_out_of_memory(void)
{
	pf_msg("out of memory");
	exit(PF_EXIT_NO_MEMORY);
}

void *pf_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		pf_out_of_memory();
	return p;
}

void *pf_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		pf_out_of_memory();
	return p;
}

void *pf_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		pf_out_of_memory();
	return p;
}

char *pf_xstrdup(const char *s)
{
	return s ? pf_xstrndup(s, strlen(s)) : NULL;
}

char *pf_xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);
	if (!d)
		pf_out_of_memory();
	return d;
}
