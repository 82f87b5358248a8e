/*
 * Small text helpers shared by stages.
 */
#ifndef PF_TEXT_H
#define PF_TEXT_H

#include <stddef.h>

/* Collapses every run of ASCII whitespace in s[0..n) to one space and trims
 * both ends, writing into out (room for n + 1 bytes). Returns the new length. */
size_t pf_collapse_space(const char *s, size_t n, char *out);

/* The same in place; returns s. */
char *pf_collapse_inplace(char *s);

#endif
