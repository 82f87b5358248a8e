#include "text.h"

#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t pf_collapse_space(const char *s, size_t n, char *out)
{
	size_t o = 0;
	int pending = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_space(s[i])) {
			pending = o > 0;
			continue;
		}
		if (pending)
			out[o++] = ' ';
		pending = 0;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return o;
}

char *pf_collapse_inplace(char *s)
{
	/* safe in place: the output never runs ahead of the input */
	pf_collapse_space(s, strlen(s), s);
	return s;
}
