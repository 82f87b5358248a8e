/*
 * Messages on stderr, one line each, program name first:
 *   pf-pdftext: cannot open 'x.pdf': No such file or directory
 */
#ifndef PF_MSG_H
#define PF_MSG_H

/* Sets the name messages start with (the basename of argv[0]). */
void pf_set_prog(const char *argv0);
const char *pf_prog(void);

void pf_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage error, worded alike by every binary:
 *   pf-emit: --out DIR is required
 *   Try 'pf-emit --help' for more information.
 * `cmd` is what --help follows ("paragraf run"); NULL: the program's name.
 * Returns 2, the usage error exit code. */
int pf_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The usage error for what getopt_long returned as '?' or ':' (with
 * opterr = 0 and an optstring starting with ':'): "unknown option '-x'" or
 * "option '--out' needs an argument". Returns 2. */
int pf_bad_option(const char *cmd, char **argv, int ch);

/* The version every binary prints for --version. */
#ifndef PF_VERSION
#define PF_VERSION "0.1.0"
#endif

#endif
