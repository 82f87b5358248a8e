/*
 * Allocation that cannot fail: every program's one way of running out of
 * memory. On failure the program says "PROG: out of memory" on stderr and
 * exits 3, the code each program documents for "cannot go on" (PF_EXIT_IO
 * of the stages, PG_EXIT_CANNOT of the driver): a job that checks exit
 * codes sees a failure it knows, never an abort (134) or a silent NULL.
 *
 * This file is the one place in lib/ that ends the program: a stage cannot
 * do anything useful without the memory, and an error path at every strdup
 * is code no test reaches. Code that can recover (lib/stream.c's reader,
 * lib/parquet.c's writer report an error instead) uses malloc itself.
 */
#ifndef PF_XALLOC_H
#define PF_XALLOC_H

#include <stddef.h>

/* The exit status on running out of memory. */
#define PF_EXIT_NO_MEMORY 3

/* Says "out of memory" and exits PF_EXIT_NO_MEMORY. */
void pf_out_of_memory(void) __attribute__((noreturn));

/* malloc, calloc (zeroed), realloc: never NULL; a size of 0 is 1. */
void *pf_xmalloc(size_t n);
void *pf_xcalloc(size_t n, size_t size);
void *pf_xrealloc(void *p, size_t n);
/* A copy of s; NULL stays NULL. */
char *pf_xstrdup(const char *s);
/* A copy of s[0..n) (shorter when s ends before n), always terminated. */
char *pf_xstrndup(const char *s, size_t n);

#endif
