/*
 * pf-segment — the structure of a protocol: § paragraphs (and, with issue
 * #5, meeting metadata, attendance, sections, decisions and amounts).
 *
 * Records in:  line (read, passed through), everything else passed through
 * Records out: the input, plus a para record after each paragraph heading
 * Exit codes:  see lib/stage.h (0 ok, 2 usage, 3 malformed stream or I/O)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "records.h"
#include "stage.h"

static const char usage[] =
	"usage: pf-segment [--help] [--version] [STREAM...]\n"
	"\n"
	"Reads a paragraf stream (stdin when no STREAM is named) and adds a para\n"
	"record after every line that opens a paragraph (\"§ 29 Title\").\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 malformed input stream or write error.\n";

/* "§ 29 Title", "§29. Title", "§ 3a Title": the number, and where the title
 * starts (NULL when the line holds the number alone). Returns 0 if the line
 * is not a heading. */
static int parse_heading(const char *text, long *no, const char **title)
{
	static const char sign[] = "\xc2\xa7"; /* § */
	const char *p = text;
	char *end;
	if (strncmp(p, sign, 2) != 0)
		return 0;
	p += 2;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	*no = strtol(p, &end, 10);
	p = end;
	if (*p >= 'a' && *p <= 'z' && (p[1] == ' ' || p[1] == '.' || !p[1]))
		p++;
	if (*p == '.')
		p++;
	if (*p && *p != ' ')
		return 0;
	while (*p == ' ')
		p++;
	*title = *p ? p : NULL;
	return 1;
}

static int each(void *ctx, pf_writer *w, const pf_record *rec)
{
	(void)ctx;
	long no;
	const char *title, *text;
	pf_put_raw(w, rec);
	if (!pf_record_is(rec, PF_LINE) || !(text = pf_field(rec, PF_LINE_TEXT)))
		return 0;
	if (!parse_heading(text, &no, &title))
		return 0;
	pf_begin(w, PF_PARA);
	pf_put_field(w, rec, PF_FIELD_DOC);
	pf_put_long(w, no);
	pf_put_str(w, title);
	pf_put_field(w, rec, PF_LINE_PAGE);
	pf_end(w);
	return 0;
}

int main(int argc, char **argv)
{
	return pf_stage_main(argc, argv, "pf-segment", usage, each, NULL);
}
