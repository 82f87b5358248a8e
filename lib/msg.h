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

/* The version every binary prints for --version. */
#ifndef PF_VERSION
#define PF_VERSION "0.1.0"
#endif

#endif
