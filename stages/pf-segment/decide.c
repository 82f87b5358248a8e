/*
 * What the meeting decided, in every form protocols write it:
 *
 *   Hälso- och sjukvårdsnämnden beslutar          <- a lead-in, then
 *   att fastställa ...;                           <- one row per att-sats
 *   Direktionen beslutade                         <- a lead-in, then
 *   • om obligationsköp enligt bilaga B,          <- one row per list item
 *   Direktionen beslutade enligt protokollsbilaga A.   <- a whole sentence
 *   Personalsektionens beslut: / Beslut:          <- a label, then prose:
 *   Ärendet antecknades för kännedom.             <- one row per printed paragraph
 *
 * Finland-Swedish protocols carry a matter's history inside its § ("Tidigare
 * behandling", "Stadsfullmäktige 8.9.2022, 43 §" ... "Stadsfullmäktiges
 * beslut: ..."): a decision under a marker that names another § and another
 * date is an earlier meeting's, not this one's. A rule line ("______") ends
 * such a block, and so does the end of the earlier decision's own text: the
 * handling is told in order, this meeting's last. An agenda
 * (föredragningslista) decides nothing.
 *
 * Reservations, motions and votes are written as motion records (motions.c).
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "records.h"
#include "segment.h"
#include "vocab.h"

/* The text under a label is set in one size: a line this many times
 * larger or smaller is not part of it. */
#define TEXT_SIZE_RATIO 1.25

typedef enum mode {
	M_NONE,     /* no decision open */
	M_CONTEXT,  /* att-satser may follow ("... beslutar", "Förslag till beslut") */
	M_LIST,     /* after a lead-in that ends with its verb: att-satser, list items */
	M_LABEL,    /* under a decision label: prose, att-satser, list items */
} mode;

typedef struct dstate {
	sg_out *out;
	mode mode;
	int history;        /* inside an earlier meeting's block */
	int history_label;  /* under that block's decision label: where its
			       text ends, so does the block */
	GString *row;       /* the decision being gathered */
	double item_x;      /* where the open row's first line starts */
	int row_att;        /* the open row is an att-sats */
	double text_x;      /* where the text under a decision label starts */
	double text_size;   /* and the size it is set in */
	int heading_ctx;    /* the section's heading says decision */
	int proposal;       /* under a proposal's heading ("Förslag till beslut",
			       "Kommundirektörens förslag:"): nothing is decided there */
} dstate;

/* Where a list marker ends ("• ", "- ", "1. ", "a) "), or s itself. */
static const char *after_marker(const char *s)
{
	for (const char *const *m = sg_bullet_marks; *m; m++)
		if (g_str_has_prefix(s, *m)) {
			s += strlen(*m);
			while (*s == ' ')
				s++;
			return s;
		}
	/* "1. ", "2) ", "a) " */
	const char *p = s;
	while (g_ascii_isdigit(*p))
		p++;
	if (p > s && p - s <= 2 && (*p == '.' || *p == ')') && p[1] == ' ')
		return p + 2;
	if (g_ascii_islower(s[0]) && s[1] == ')' && s[2] == ' ')
		return s + 3;
	return s;
}

static int is_item(const char *s)
{
	return after_marker(s) != s;
}

static int starts_att(const char *s)
{
	s = after_marker(s);
	return strncmp(s, "att ", 4) == 0 || strncmp(s, "Att ", 4) == 0;
}

/* "______", "––––––––", "-----": a rule drawn with characters. */
static int is_rule_line(const char *s)
{
	int n = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c != '_' && c != '-' && c != 0x2013 && c != 0x2014 && c != '=' && c != ' ')
			return 0;
		n += c != ' ';
	}
	return n >= 3;
}

/* "Bilaga: Motion ...", "Bilaga Personalsektionen, 28.03.2023 § 24": the
 * label of an appendix, which no decision goes on into. */
static int appendix_label(const char *s)
{
	for (const char *const *a = sg_appendix_words; *a; a++)
		if (g_str_has_prefix(s, *a) && !g_unichar_isalpha(g_utf8_get_char(s + strlen(*a))))
			return 1;
	return 0;
}

/* "Stadsfullmäktige 8.9.2022, 43 §", "Personalsektionen 28.3.2023, 17 §":
 * a marker that heads one meeting's handling of the matter (OCR reads the
 * § after the number as 8: "9.5.2023, 218"). Returns 1 and the § number,
 * ISO date and the body (newly allocated, when body is not NULL) it names. */
static int history_marker(const char *s, long *no, char *iso, char **body)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new("^([[:upper:]][[:alpha:]-]+(?: [[:alpha:]-]+){0,4}),? "
				 "(\\d{1,2}\\.[\\d.]{1,4}\\.\\d{4}),? (?:(\\d{1,4}) ?[§8]|§ ?(\\d{1,4}))\\S{0,3}$",
				 G_REGEX_OPTIMIZE, 0, NULL);
	if (appendix_label(s))
		return 0;
	GMatchInfo *mi;
	int yes = g_regex_match(re, s, 0, &mi);
	if (yes) {
		char *date = g_match_info_fetch(mi, 2), *a = g_match_info_fetch(mi, 3),
		     *b = g_match_info_fetch(mi, 4);
		*no = strtol(a && *a ? a : b, NULL, 10);
		char end[11];
		if (!sg_parse_date(date, iso, end))
			iso[0] = '\0';
		if (body)
			*body = g_match_info_fetch(mi, 1);
		g_free(date), g_free(a), g_free(b);
	}
	g_match_info_free(mi);
	return yes;
}

/* "Personalsektionens beslut:", "Beslut:", "Nämndens beslut", "Beslut" as a
 * heading; the text after the colon, if any, in *rest. Not a proposal
 * ("Förslag till beslut"). */
static int decision_label(const char *s, const char **rest)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	*rest = NULL;
	if (colon) {
		const char *r = colon + 1;
		while (*r == ' ')
			r++;
		*rest = *r ? r : NULL;
	}
	for (const char *const *lb = sg_decision_labels; *lb; lb++)
		if (strlen(*lb) == n && g_ascii_strncasecmp(*lb, s, n) == 0)
			return 1;
	/* "<Organ>s beslut": one to five words, no clause */
	if (n > 8 && n < 70 && strncmp(s + n - 8, "s beslut", 8) == 0) {
		int words = 1;
		for (size_t i = 0; i < n; i++)
			words += s[i] == ' ';
		return words <= 6 && g_unichar_isupper(g_utf8_get_char(s));
	}
	return 0;
}

/* "Förslag till beslut", "Kommundirektörens förslag:", "Beslutsförslag":
 * a heading over what is proposed, not decided. */
static int proposal_label(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	for (const char *const *p = sg_proposal_labels; *p; p++) {
		size_t k = strlen(*p);
		if (n >= k && g_ascii_strncasecmp(s + n - k, *p, k) == 0 &&
		    (n == k || s[n - k - 1] == ' '))
			return 1;
	}
	return 0;
}

/* "Beslutet skickas till", "Protokollsutdrag till": who gets the decision
 * is not part of it. */
static int distribution_line(const char *s)
{
	for (const char *const *d = sg_distribution_leads; *d; d++)
		if (sg_starts_with_ci(s, *d))
			return 1;
	return 0;
}

/* A decision verb as a word in s: its start, and its end in *end. */
static const char *find_verb(const char *s, const char *const *verbs, const char **end)
{
	for (const char *p = s; *p; p++) {
		if (p > s && (g_ascii_isalpha(p[-1]) || (unsigned char)p[-1] >= 0x80))
			continue;
		for (const char *const *v = verbs; *v; v++) {
			size_t n = strlen(*v);
			if (g_ascii_strncasecmp(p, *v, n) == 0 && !g_ascii_isalpha(p[n]) &&
			    (unsigned char)p[n] < 0x80) {
				*end = p + n;
				return p;
			}
		}
	}
	return NULL;
}

static int ends_lead_in(const char *t, size_t n);

/* Words that may close a lead-in after its verb: "beslutade efter
 * omröstning", "beslutar enligt följande:", "beslutar Hälso- och
 * sjukvårdsnämnden" (the body after the verb). */
static int lead_in_tail(const char *t)
{
	while (*t == ' ')
		t++;
	size_t n = strlen(t);
	while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
		n--;
	if (n == 0)
		return 1;
	for (const char *const *w = sg_lead_in_tails; *w; w++)
		if (strlen(*w) == n && g_ascii_strncasecmp(*w, t, n) == 0)
			return 1;
	return sg_body_name(t, n) || ends_lead_in(t, n);
}

/* Text that ends where the decisions are about to follow: "... på
 * utskottets förslag", "att föreslå regionfullmäktige besluta". */
static int ends_lead_in(const char *t, size_t n)
{
	while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
		n--;
	for (const char *const *w = sg_lead_in_ends; *w; w++) {
		size_t k = strlen(*w);
		if (n >= k && strncmp(t + n - k, *w, k) == 0 && (n == k || t[n - k - 1] == ' '))
			return 1;
	}
	return 0;
}

/* The subject is the body that met: its name, or a plain "Nämnden",
 * "Direktionen". */
static int is_meeting_body(const sg_out *out, const char *s, size_t n)
{
	const char *organ = out->meta ? out->meta->organ : NULL;
	if (organ && strlen(organ) == n && sg_starts_with_ci(s, organ))
		return 1;
	for (const char *const *e = sg_body_endings; *e; e++)
		if (strlen(*e) == n && sg_starts_with_ci(s, *e))
			return 1;
	return 0;
}

/* The body that met at s: its name, or a bare "Nämnden", as the first
 * words of s. */
static int starts_with_body(const sg_out *out, const char *s)
{
	const char *organ = out->meta ? out->meta->organ : NULL;
	size_t n = strcspn(s, " ,.:;");
	if (organ && sg_starts_with_ci(s, organ) && strchr(" ,.:;", s[strlen(organ)]))
		return 1;
	return is_meeting_body(out, s, n);
}

/* Who proposes is the body that met ("Finansutskottet föreslår att
 * regionstyrelsen beslutar", "... föreslår finansutskottet"): its
 * proposal to another body is its decision. An official's or the
 * chair's ("Förvaltningen föreslår att ...") is not. v: the verb in s,
 * end: where it ends. */
static int body_proposes(const sg_out *out, const char *s, const char *v, const char *end)
{
	const char *subject = s;
	for (const char *p = s; p + 1 < v; p++)
		if (strchr(".!?", *p) && p[1] == ' ')
			subject = p + 2;
	size_t n = (size_t)(v - subject);
	while (n > 0 && subject[n - 1] == ' ')
		n--;
	while (*end == ' ')
		end++;
	return (n > 0 && is_meeting_body(out, subject, n)) || (n == 0 && v == s) ||
	       starts_with_body(out, end);
}

/* s proposes, and not the body that met: "Förvaltningen föreslår". */
static int other_proposes(const sg_out *out, const char *s)
{
	const char *end, *v = find_verb(s, sg_proposal_verbs, &end);
	return v && !find_verb(s, sg_decision_verbs, &end) && !body_proposes(out, s, v, end);
}

typedef enum lead { L_NONE, L_LIST, L_ATT, L_SENTENCE } lead;

/* A line saying the body decides: L_LIST when the decisions follow on the
 * next lines, L_ATT with *att at an att-sats on the same line, L_SENTENCE
 * when the sentence is the decision ("Direktionen beslutade enligt
 * protokollsbilaga A."). The subject must be a body for L_SENTENCE, so
 * that "Regeringen beslutade i mars ..." in running prose is not one. */
static lead lead_in(const sg_out *out, const char *s, const char **att)
{
	const char *end, *v = find_verb(s, sg_decision_verbs, &end);
	int proposes = 0;
	if (!v && (v = find_verb(s, sg_proposal_verbs, &end)))
		proposes = 1;
	if (!v || (proposes && !body_proposes(out, s, v, end)))
		return L_NONE;
	if (lead_in_tail(end))
		return L_LIST;
	const char *a = strstr(end, " att ");
	if (a && a - end <= 1) {
		/* "beslutar att föreslå regionfullmäktige besluta": still a lead-in */
		if (ends_lead_in(a, strlen(a)))
			return L_LIST;
		*att = a + 1;
		return L_ATT;
	}
	size_t subject = (size_t)(v - s);
	while (subject > 0 && s[subject - 1] == ' ')
		subject--;
	if (!proposes && subject > 0 && is_meeting_body(out, s, subject))
		return L_SENTENCE;
	return L_NONE;
}

/* A row with no word in it ("–", a logo's stray mark) decides nothing. */
static int has_word(const char *s)
{
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (g_unichar_isalpha(g_utf8_get_char(p)) && g_unichar_isalpha(g_utf8_get_char(g_utf8_next_char(p))))
			return 1;
	return 0;
}

static void flush(dstate *st)
{
	if (st->row->len && !st->history && !st->proposal && has_word(st->row->str)) {
		pf_writer *w = st->out->w;
		pf_begin(w, PF_DECISION);
		pf_put_str(w, st->out->doc);
		pf_put_long(w, st->out->para_no);
		pf_put_long(w, ++st->out->decision_seq);
		pf_put_str(w, sg_collapse(st->row->str));
		pf_end(w);
	}
	g_string_truncate(st->row, 0);
	st->row_att = 0;
}

static void start(dstate *st, const sg_line *l, const char *text, int att)
{
	flush(st);
	g_string_assign(st->row, text);
	st->item_x = l->x0;
	st->row_att = att;
}

/* Appends a wrapped line; a word hyphenated over a page break ("Fröj-" /
 * "dö.") is joined without its hyphen, as on one page pf-normalize does,
 * and a range broken at its dash ("2024–" / "2027") with it. */
static void append(dstate *st, const char *text)
{
	GString *r = st->row;
	if (r->len >= 2 && r->str[r->len - 1] == '-' && g_ascii_isalpha(r->str[r->len - 2]) &&
	    g_unichar_islower(g_utf8_get_char(text)) && !sg_is_conjunction(text)) {
		g_string_truncate(r, r->len - 1);
		g_string_append(r, text);
		return;
	}
	/* "2024–" over "2027": a range broken at its dash */
	if (r->len >= 2 && g_ascii_isdigit(text[0]) &&
	    (g_str_has_suffix(r->str, "\u2013") || g_str_has_suffix(r->str, "-"))) {
		const char *dash = g_utf8_prev_char(r->str + r->len);
		if (dash > r->str && g_ascii_isdigit(dash[-1])) {
			g_string_append(r, text);
			return;
		}
	}
	g_string_append_printf(r, "%s%s", r->len ? " " : "", text);
}

/* The line before ends a printed paragraph: it stops well short of the
 * text's right edge, or it ends a sentence and the first word of this line
 * would have fitted after it. */
static int forced_break(const sg_line *prev, const sg_line *l, double right)
{
	if (!prev || right <= prev->x0)
		return 1;
	if (prev->x1 - prev->x0 < 0.6 * (right - prev->x0))
		return 1;
	size_t pl = strlen(prev->text);
	if (pl == 0 || !strchr(".!?:", prev->text[pl - 1]))
		return 0;
	long all = g_utf8_strlen(l->text, -1);
	const char *sp = strchr(l->text, ' ');
	long first = sp ? g_utf8_strlen(l->text, sp - l->text) : all;
	double word = all > 0 ? (l->x1 - l->x0) * (double)first / (double)all : 0;
	return prev->x1 + 0.3 * l->size + word < right;
}

/* The right edge of the text on a page: the document's, or further where
 * the paragraph's lines there reach further. */
static double right_edge(sg_line *const *lines, size_t n, long page, double margin)
{
	double right = margin;
	for (size_t i = 0; i < n; i++)
		if (lines[i]->page == page)
			right = fmax(right, lines[i]->x1);
	return right;
}

/* A gap above l: wider than the document's pitch allows, and than its own
 * type (a document whose appendices are set small has a small pitch). */
static int gap_above(const sg_line *l, const sg_line *prev, double pitch)
{
	return sg_new_block(l, pitch) && l->step > 1.45 * fmax(l->size, prev->size);
}

/* One line of the scan for decisions, with what is around it. */
typedef struct dline {
	sg_line *const *lines;
	size_t n;
	double pitch;
	const sg_line *l, *prev;   /* prev: NULL on the first line of the body */
	const char *s;             /* l->text */
	int block;                 /* l starts a block: a page or a gap above */
	int page_turn;             /* l is the first line of a new page */
	int prev_ends;             /* the line above ends a clause or a lead-in */
} dline;

/* The text under a decision label ends. Under an earlier meeting's label
 * ("Stadsstyrelsens beslut:" after "Stadsstyrelsen 26.9.2022, 202 §") so
 * does that meeting's handling: the next is this meeting's, the handling
 * being told in order. */
static void end_label(dstate *st)
{
	flush(st);
	if (st->mode == M_LABEL && st->history_label)
		st->history = st->history_label = 0;
	st->mode = M_NONE;
}

/* Writes the check that this meeting's handling of the § was taken from
 * its place alone: the last marker, the body's own, names neither the §
 * nor the meeting's date (a misprint, a text layer that garbles digits). */
static void check_handling(const dstate *st, const char *marker)
{
	pf_writer *w = st->out->w;
	pf_begin(w, PF_CHECK);
	pf_put_str(w, st->out->doc);
	pf_put_long(w, st->out->para_no);
	pf_put_null(w); /* table_no */
	pf_put_str(w, "decision_handling");
	pf_put_long(w, 1);
	pf_put_long(w, 0);
	pf_put_str(w, "false");
	char *detail = g_strdup_printf("§ %ld: no handling is headed with this § or the meeting's date; "
				       "the last, \"%s\", taken as this meeting's", st->out->para_no, marker);
	pf_put_str(w, detail);
	g_free(detail);
	pf_end(w);
}

/* A handling marker at line i (history_marker): whose handling does it
 * head? This meeting's when it names this § or the meeting's date; also,
 * since the handling is told in order, when it is the last marker of the
 * § and names the body that met (with a check record saying so). */
static int current_handling(const dstate *st, const dline *d, size_t i, long no, const char *iso,
			    const char *body)
{
	const char *date = st->out->meta ? st->out->meta->date : NULL;
	if (no == st->out->para_no || (date && strcmp(date, iso) == 0))
		return 1;
	if (!is_meeting_body(st->out, body, strlen(body)))
		return 0;
	long k;
	char other[11];
	for (size_t j = i + 1; j < d->n; j++)
		if (history_marker(d->lines[j]->text, &k, other, NULL))
			return 0;
	check_handling(st, d->s);
	return 1;
}

/* A line that ends what came before and is no decision itself: a rule,
 * the mark of an earlier meeting's history ("Tidigare behandling"), a
 * distribution list. 1 when line i is one. */
static int boundary_line(dstate *st, const dline *d, size_t i)
{
	const char *s = d->s;
	long no;
	char iso[11], *body;
	if (appendix_label(s)) {
		end_label(st);
		return 1;
	}
	if (is_rule_line(s)) {
		flush(st);
		st->mode = M_NONE;
		st->history = st->history_label = 0;
		return 1;
	}
	if (history_marker(s, &no, iso, &body)) {
		flush(st);
		st->mode = M_NONE;
		st->history = !current_handling(st, d, i, no, iso, body);
		st->history_label = 0;
		g_free(body);
		return 1;
	}
	if (sg_starts_with_ci(s, "Tidigare behandling")) {
		flush(st);
		st->mode = M_NONE;
		st->history = 1;
		st->history_label = 0;
		return 1;
	}
	if (distribution_line(s)) {
		end_label(st);
		return 1;
	}
	return 0;
}

/* Does the line above end a clause, a lead-in, a heading or a label, so
 * that line i may start something new? */
static int prev_line_ends(const dstate *st, const dline *d, size_t i)
{
	const char *att = NULL, *rest;
	const sg_line *prev = d->prev;
	return !prev || d->block || strchr(";:,.", prev->text[strlen(prev->text) - 1]) ||
	       g_str_has_suffix(prev->text, "samt") || g_str_has_suffix(prev->text, "och") ||
	       lead_in(st->out, prev->text, &att) == L_LIST ||
	       (ends_lead_in(prev->text, strlen(prev->text)) && !other_proposes(st->out, prev->text)) ||
	       sg_is_heading_line(d->lines, i - 1, d->n) || decision_label(prev->text, &rest);
}

/* A sentence that leads in (L_SENTENCE), over its wrapped lines from line
 * *i to its end or the att-satser or items after it; *i moves to its last
 * line, *items says whether they follow. */
static GString *lead_in_sentence(const dline *d, size_t *i, int *items)
{
	sg_line *const *lines = d->lines;
	size_t j = *i;
	GString *sentence = g_string_new(d->s);
	while (j + 1 < d->n && !gap_above(lines[j + 1], lines[j], d->pitch) &&
	       lines[j + 1]->page == d->l->page && !g_str_has_suffix(sentence->str, ".") &&
	       !g_str_has_suffix(sentence->str, ":") && !starts_att(lines[j + 1]->text) &&
	       !is_item(lines[j + 1]->text))
		g_string_append_printf(sentence, " %s", lines[++j]->text);
	*items = j + 1 < d->n && (starts_att(lines[j + 1]->text) || is_item(lines[j + 1]->text));
	*i = j;
	return sentence;
}

/* The sentence that leads in: the decision itself when it ends and no
 * att-satser or items follow ("Direktionen beslutade enligt
 * protokollsbilaga A."), else a lead-in over them. Under a label it stays
 * there: a lead-in ("... att föreslå regionstyrelsen besluta") is left out
 * and the label's att-satser and items follow it, any other sentence opens
 * the label's prose (more of the printed paragraph may follow, also on the
 * next page). */
static void sentence_line(dstate *st, const dline *d, size_t *i)
{
	int items;
	GString *sentence = lead_in_sentence(d, i, &items);
	if (st->mode == M_LABEL) {
		if (st->text_x < 0)
			st->text_x = d->l->x0, st->text_size = d->l->size;
		if (items)
			flush(st);
		else
			start(st, d->l, sentence->str, 0);
	} else if (g_str_has_suffix(sentence->str, ".") && !items) {
		start(st, d->l, sentence->str, 0);
		flush(st);
		st->mode = M_CONTEXT;
	} else {
		flush(st);
		st->mode = M_LIST;
	}
	g_string_free(sentence, TRUE);
}

/* Lead-ins, decision labels, headings and sentences: the lines that set
 * the mode. 1 when line *i was one (*i may move past a sentence's lines). */
static int mode_line(dstate *st, const dline *d, size_t *i)
{
	const char *s = d->s, *att = NULL, *rest;
	lead li = d->prev_ends && !starts_att(s) ? lead_in(st->out, s, &att) : L_NONE;
	if (li == L_LIST) {
		/* a bold "Direktionen beslutade" reads like a heading: it is a lead-in */
		flush(st);
		st->mode = M_LIST;
		return 1;
	}
	if (li == L_ATT) {
		start(st, d->l, att, 1);
		st->mode = M_LIST;
		return 1;
	}
	if (decision_label(s, &rest) || sg_is_heading_line(d->lines, *i, d->n)) {
		end_label(st);
		st->proposal = proposal_label(s);
		st->heading_ctx = sg_is_decision_heading(s) && !st->proposal;
		st->mode = decision_label(s, &rest) ? M_LABEL : st->heading_ctx ? M_CONTEXT : M_NONE;
		st->text_x = -1;
		st->history_label = st->history && st->mode == M_LABEL;
		/* "Personalsektionens beslut: Förslaget godkändes." */
		if (st->mode == M_LABEL && rest) {
			start(st, d->l, rest, 0);
			st->text_x = d->l->x0, st->text_size = d->l->size;
		}
		return 1;
	}
	if (li == L_SENTENCE) {
		sentence_line(st, d, i);
		return 1;
	}
	if (starts_att(s) && ends_lead_in(s, strlen(s)) && *i + 1 < d->n &&
	    starts_att(d->lines[*i + 1]->text)) {
		/* "att föreslå regionfullmäktige besluta" over att-satser */
		flush(st);
		st->mode = M_LIST;
		return 1;
	}
	return 0;
}

/* An att-sats starts a row where it starts a block, follows the end of a
 * clause or lead-in (; : , . samt och "... besluta") or is a list item (a
 * prose line that happens to begin with "att" does neither); where items
 * are taken, so does a list item of any marker, the marker left out. 1
 * when line d started a row. */
static int item_line(dstate *st, const dline *d, int bulleted, int items)
{
	if (starts_att(d->s) && (d->block || d->prev_ends || bulleted)) {
		start(st, d->l, after_marker(d->s), 1);
		return 1;
	}
	if (items && bulleted) {
		start(st, d->l, after_marker(d->s), 0);
		return 1;
	}
	return 0;
}

/* A line under a decision label: att-satser, items, or prose in
 * paragraphs. 1 when taken, 0 when it ends the label's text. */
static int label_text_line(dstate *st, const dline *d, int bulleted)
{
	const sg_line *l = d->l;
	const char *s = d->s;
	/* the text under a label in a column of its own ends where a line
	 * starts left of it (the next label, an unseen heading), or is set
	 * in another size (an appendix's title on the next page) */
	if (st->text_x < 0) {
		st->text_x = l->x0;
		st->text_size = l->size;
	} else if (l->x0 < st->text_x - l->size || l->size > TEXT_SIZE_RATIO * st->text_size ||
		   l->size * TEXT_SIZE_RATIO < st->text_size) {
		end_label(st);
		return 0;
	}
	if (item_line(st, d, bulleted, 1))
		return 1;
	if (st->row->len && st->row_att && !d->block) {
		append(st, s);
		return 1;
	}
	/* prose: a printed paragraph ends at a gap or where its last line
	 * stopped short */
	const sg_line *prev = d->prev;
	if (!st->row->len || (d->block && !d->page_turn) ||
	    forced_break(prev, l, right_edge(d->lines, d->n, prev ? prev->page : l->page,
					     st->out->right_margin)))
		start(st, l, s, 0);
	else
		append(st, s);
	return 1;
}

/* A line in the current mode: 1 when taken, 0 when it ends the mode. */
static int mode_body_line(dstate *st, const dline *d)
{
	const sg_line *l = d->l;
	const char *s = d->s;
	int bulleted = is_item(s);
	switch (st->mode) {
	case M_NONE:
		return 0;
	case M_CONTEXT:
		if (item_line(st, d, bulleted, 0))
			return 1;
		if (st->row->len && !d->block) {
			append(st, s);
			return 1;
		}
		flush(st);
		return 0;
	case M_LIST:
		if (item_line(st, d, bulleted, 1))
			return 1;
		/* wrapped: under the item (hanging indent) or close below it */
		if (st->row->len && (!d->block || l->x0 > st->item_x + 2 || d->page_turn)) {
			append(st, s);
			return 1;
		}
		flush(st);
		st->mode = M_NONE;
		return 0;
	case M_LABEL:
		return label_text_line(st, d, bulleted);
	}
	return 0;
}

void sg_find_decisions(sg_line *const *lines, size_t n, size_t body, double pitch, sg_out *out)
{
	if (out->meta && out->meta->doc_type && strcmp(out->meta->doc_type, "föredragningslista") == 0)
		return;
	dstate st = { .out = out, .row = g_string_new(NULL) };
	for (size_t i = body; i < n; i++) {
		dline d = { .lines = lines, .n = n, .pitch = pitch, .l = lines[i], .s = lines[i]->text };
		d.prev = i > body ? lines[i - 1] : NULL;
		d.block = i == body || d.l->page != lines[i - 1]->page || gap_above(d.l, lines[i - 1], pitch);
		d.page_turn = i > body && d.l->page != lines[i - 1]->page;
		if (sg_is_label(d.s) || boundary_line(&st, &d, i))
			continue;
		d.prev_ends = prev_line_ends(&st, &d, i);
		if (mode_line(&st, &d, &i) || mode_body_line(&st, &d))
			continue;
		/* "X beslutar", "... föreslår ... beslutar", a "Beslut" word:
		 * att-satser may follow */
		st.mode = (st.heading_ctx || strstr(d.s, "beslutar") || strstr(d.s, "föreslår") ||
			   strstr(d.s, "Beslut")) && !other_proposes(out, d.s) ? M_CONTEXT : M_NONE;
	}
	flush(&st);
	g_string_free(st.row, TRUE);
}
