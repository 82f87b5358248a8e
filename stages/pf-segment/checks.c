/*
 * Completeness: does the document hold every § it should? A paragraph can
 * be lost anywhere - a page missing from the PDF, a heading the layout
 * rules did not read, a text layer that garbles the number - and nothing
 * downstream would notice. So the § numbers found are held against what
 * the protocol itself says ("Paragrafer 31–54", "§§ 1–12", "Ärenden
 * 13-24", its table of contents) and against themselves (gaps, a number
 * printed twice or out of order, pages of text without any §, titles
 * empty or repeated).
 *
 * Each check is one check record for the document (para_no and table_no
 * null; expected and actual are counts; detail says which §), written
 * whether it holds or not, and a warning record when it does not.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"
#include "segment.h"

#define STATE_PAGES 3      /* the statement of the § range is on the first pages */
#define TEXT_LINES 3       /* a page with this many text lines is a page of text */
#define LIST_MAX 12        /* § numbers named in a detail before "…" */

static long key_of(long no, char letter)
{
	return no * 32 + (letter ? letter - 'a' + 1 : 0);
}

static long key_no(long key)
{
	return key / 32;
}

void sg_checks_page(sg_checks *c)
{
	c->pages++;
	c->page_lines = 0;
}

/* "Paragrafer 31–54", "Paragrafer: §§ 31 - 54", "§§ 1–12", "Ärenden 13-24" */
static void find_statement(sg_checks *c, const sg_line *l)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new("(?:^|\\s)(?:paragrafer|paragraf|ärenden|§§)\\s*:?\\s*(?:§§?\\s*)?"
				 "([0-9]{1,5})\\s*(?:-|–|—|till)\\s*(?:§\\s*)?([0-9]{1,5})\\b",
				 G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
	GMatchInfo *mi;
	if (g_regex_match(re, l->text, 0, &mi)) {
		char *a = g_match_info_fetch(mi, 1), *b = g_match_info_fetch(mi, 2);
		long from = atol(a), to = atol(b);
		if (from > 0 && to >= from && to - from < 1000) {
			c->stated_from = from;
			c->stated_to = to;
			c->stated_page = l->page;
		}
		g_free(a);
		g_free(b);
	}
	g_match_info_free(mi);
}

/* A line of a table of contents: "10 § Title ..... 1", "§ 13 Title .... 4" */
static void find_toc(sg_checks *c, const sg_line *l)
{
	static GRegex *re;
	if (!re)
		re = g_regex_new("^(?:\\p{Lu}{1,8} )?(?:§\\s*([0-9]{1,5})\\s?([a-z])?|([0-9]{1,5})\\s?([a-z])?\\s*§)"
				 "\\.?\\s.*?(?:\\.{4,}|…{2,}|(?:\\. ){4,})\\s*[0-9]{1,4}$",
				 G_REGEX_OPTIMIZE, 0, NULL);
	GMatchInfo *mi;
	if (g_regex_match(re, l->text, 0, &mi)) {
		char *n1 = g_match_info_fetch(mi, 1), *l1 = g_match_info_fetch(mi, 2);
		char *n2 = g_match_info_fetch(mi, 3), *l2 = g_match_info_fetch(mi, 4);
		long no = *n1 ? atol(n1) : atol(n2);
		const char *letter = *n1 ? l1 : l2;
		if (no > 0 && no < 100000) {
			c->toc = g_renew(long, c->toc, c->ntoc + 1);
			c->toc[c->ntoc++] = key_of(no, letter && *letter ? *letter : 0);
		}
		g_free(n1);
		g_free(l1);
		g_free(n2);
		g_free(l2);
	}
	g_match_info_free(mi);
}

void sg_checks_line(sg_checks *c, const sg_line *l, int in_para)
{
	if (++c->page_lines == TEXT_LINES)
		c->text_pages++;
	if (c->stated_from == 0 && l->page <= STATE_PAGES)
		find_statement(c, l);
	if (!in_para)
		find_toc(c, l);
}

static void add_found(sg_checks *c, long no, char letter, long page, int refused)
{
	c->found = g_renew(struct sg_found, c->found, c->nfound + 1);
	c->found[c->nfound++] = (struct sg_found){ no, letter, page, NULL, refused, 0 };
}

void sg_checks_heading(sg_checks *c, long no, char letter, long page)
{
	add_found(c, no, letter, page, 0);
}

void sg_checks_refused(sg_checks *c, long no, char letter, long page)
{
	add_found(c, no, letter, page, 1);
}

void sg_checks_reread(sg_checks *c)
{
	if (c->nfound > 0)
		c->found[c->nfound - 1].reread = 1;
}

void sg_checks_para(sg_checks *c, const sg_para *p)
{
	for (size_t i = c->nfound; i-- > 0;)
		if (!c->found[i].refused && c->found[i].no == p->no && c->found[i].letter == p->letter) {
			g_free(c->found[i].title);
			c->found[i].title = g_strdup(p->title ? p->title : "");
			return;
		}
}

/* ---- writing ---- */

static void append_key(GString *s, long key)
{
	g_string_append_printf(s, "%ld", key_no(key));
	if (key % 32)
		g_string_append_c(s, (char)('a' + key % 32 - 1));
}

/* "§ 14", "§§ 14–16, 20", "§§ 1, 2, 3, …": sorted keys, runs of plain
 * numbers as ranges. */
static void append_keys(GString *s, const long *keys, size_t n)
{
	g_string_append(s, n == 1 ? "§ " : "§§ ");
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (shown == LIST_MAX) {
			g_string_append(s, ", …");
			break;
		}
		size_t j = i;
		while (j + 1 < n && keys[j] % 32 == 0 && keys[j + 1] == keys[j] + 32)
			j++;
		if (shown++)
			g_string_append(s, ", ");
		append_key(s, keys[i]);
		if (j > i) {
			g_string_append(s, j > i + 1 ? "–" : ", ");
			append_key(s, keys[j]);
			i = j;
		}
	}
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int has_key(const long *keys, size_t n, long key)
{
	return bsearch(&key, keys, n, sizeof *keys, cmp_long) != NULL;
}

typedef struct writing {
	pf_writer *w;
	const char *doc, *source;
} writing;

static void put_check(writing *wr, const char *name, long expected, int has_expected, long actual,
		      int ok, const char *detail)
{
	pf_writer *w = wr->w;
	pf_begin(w, PF_CHECK);
	pf_put_str(w, wr->doc);
	pf_put_null(w); /* para_no: the document as a whole */
	pf_put_null(w); /* table_no */
	pf_put_str(w, name);
	if (has_expected)
		pf_put_long(w, expected);
	else
		pf_put_null(w);
	pf_put_long(w, actual);
	pf_put_str(w, ok ? "true" : "false");
	pf_put_str(w, detail && *detail ? detail : NULL);
	pf_end(w);
	if (!ok)
		pf_put_error(w, wr->doc, wr->source, SG_STAGE, "warning", "check %s failed: %s", name,
			     detail);
}

/* Which of want[] are not in have[] (both sorted) into out; returns how many. */
static size_t missing(const long *want, size_t nwant, const long *have, size_t nhave, long *out)
{
	size_t n = 0;
	for (size_t i = 0; i < nwant; i++)
		if ((i == 0 || want[i] != want[i - 1]) && !has_key(have, nhave, want[i]))
			out[n++] = want[i];
	return n;
}

/* The found keys against an expected list: "missing ..., not listed ...". */
static int compare_lists(GString *d, const long *want, size_t nwant, const long *have, size_t nhave)
{
	long *miss = g_new(long, nwant + 1), *extra = g_new(long, nhave + 1);
	size_t nmiss = missing(want, nwant, have, nhave, miss);
	size_t nextra = missing(have, nhave, want, nwant, extra);
	if (nmiss) {
		g_string_append(d, "; missing ");
		append_keys(d, miss, nmiss);
	}
	if (nextra) {
		g_string_append(d, "; found but not listed ");
		append_keys(d, extra, nextra);
	}
	g_free(miss);
	g_free(extra);
	return nmiss == 0 && nextra == 0;
}

/* The § read where OCR misread the sign, a digit or the title's capital,
 * by their place in the sequence: said, not failed (written only when
 * there are any), so that a reader knows which numbers are inferred. */
static void write_reread(writing *wr, const sg_checks *c)
{
	long *keys = g_new(long, c->nfound + 1);
	size_t n = 0;
	for (size_t i = 0; i < c->nfound; i++)
		if (c->found[i].reread && !c->found[i].refused)
			keys[n++] = key_of(c->found[i].no, c->found[i].letter);
	if (n > 0) {
		qsort(keys, n, sizeof *keys, cmp_long);
		GString *d = g_string_new(NULL);
		append_keys(d, keys, n);
		g_string_append(d, " read by the sequence where OCR misread the heading");
		put_check(wr, "paragraphs_ocr_read", 0, 0, (long)n, 1, d->str);
		g_string_free(d, TRUE);
	}
	g_free(keys);
}

void sg_checks_write(sg_checks *c, pf_writer *w, const char *doc, const char *source,
		     const char *doc_type)
{
	writing wr = { w, doc, source };
	long *keys = g_new(long, c->nfound + 1), *nums = g_new(long, c->nfound + 1);
	size_t nkeys = 0, nnums = 0;
	for (size_t i = 0; i < c->nfound; i++)
		if (!c->found[i].refused) {
			keys[nkeys++] = key_of(c->found[i].no, c->found[i].letter);
			nums[nnums++] = key_of(c->found[i].no, 0);
		}
	qsort(keys, nkeys, sizeof *keys, cmp_long);
	qsort(nums, nnums, sizeof *nums, cmp_long);
	size_t distinct = 0;
	for (size_t i = 0; i < nnums; i++)
		if (i == 0 || nums[i] != nums[i - 1])
			nums[distinct++] = nums[i];
	GString *d = g_string_new(NULL);

	/* pages of text, no paragraph: lost, in minutes; an agenda, a notice
	 * or a plan numbers its items as it likes */
	int minutes = !doc_type || (strcmp(doc_type, "föredragningslista") != 0 &&
				    strcmp(doc_type, "kallelse") != 0 &&
				    strcmp(doc_type, "verksamhetsplan") != 0);
	int found_ok = nkeys > 0 || c->text_pages < 2 || !minutes;
	g_string_printf(d, "%zu § found on %ld pages (%ld with text)", nkeys, c->pages, c->text_pages);
	put_check(&wr, "paragraphs_found", 0, 0, (long)nkeys, found_ok, found_ok ? NULL : d->str);

	if (c->stated_from > 0) {
		long n = c->stated_to - c->stated_from + 1;
		long *want = g_new(long, (size_t)n);
		for (long k = 0; k < n; k++)
			want[k] = key_of(c->stated_from + k, 0);
		g_string_printf(d, "page %ld states §§ %ld–%ld", c->stated_page, c->stated_from,
				c->stated_to);
		size_t inside = 0;
		for (size_t i = 0; i < distinct; i++)
			inside += has_key(want, (size_t)n, nums[i]);
		int ok = compare_lists(d, want, (size_t)n, nums, distinct);
		put_check(&wr, "paragraphs_stated", n, 1, (long)inside, ok, ok ? NULL : d->str);
		g_free(want);
	}

	if (c->ntoc >= 2) {
		qsort(c->toc, c->ntoc, sizeof *c->toc, cmp_long);
		g_string_printf(d, "the table of contents lists %zu §", c->ntoc);
		size_t listed = 0;
		for (size_t i = 0; i < c->ntoc; i++)
			listed += has_key(keys, nkeys, c->toc[i]);
		int ok = compare_lists(d, c->toc, c->ntoc, keys, nkeys);
		put_check(&wr, "paragraphs_toc", (long)c->ntoc, 1, (long)listed, ok, ok ? NULL : d->str);
	}

	/* gaps: an extract (protokollsutdrag) holds only some § by design */
	if (distinct > 0 && !(doc_type && strcmp(doc_type, "protokollsutdrag") == 0)) {
		long first = key_no(nums[0]), last = key_no(nums[distinct - 1]);
		long span = last - first + 1;
		g_string_printf(d, "found §§ %ld–%ld", first, last);
		int ok = (long)distinct == span;
		if (!ok && span < 100000) {
			long *gap = g_new(long, (size_t)(span - (long)distinct) + 1);
			size_t ngap = 0;
			for (long k = first; k <= last; k++)
				if (!has_key(nums, distinct, key_of(k, 0)))
					gap[ngap++] = key_of(k, 0);
			g_string_append(d, "; missing ");
			append_keys(d, gap, ngap);
			g_free(gap);
		}
		put_check(&wr, "paragraphs_in_sequence", span, 1, (long)distinct, ok, ok ? NULL : d->str);
	}

	/* printed twice, and out of order: the headings the order refused */
	GString *dd = g_string_new(NULL), *ld = g_string_new(NULL);
	long ndup = 0, nlate = 0;
	for (size_t i = 0; i < c->nfound; i++) {
		const struct sg_found *f = &c->found[i];
		if (!f->refused)
			continue;
		long k = key_of(f->no, f->letter);
		int again = has_key(keys, nkeys, k);
		GString *s = again ? dd : ld;
		*(again ? &ndup : &nlate) += 1;
		g_string_append(s, s->len ? "; § " : "§ ");
		append_key(s, k);
		g_string_append_printf(s, " %s on page %ld, kept as text",
				       again ? "again" : "out of order", f->page);
	}
	put_check(&wr, "paragraphs_unique", 0, 1, ndup, ndup == 0, dd->str);
	put_check(&wr, "paragraphs_in_order", 0, 1, nlate, nlate == 0, ld->str);
	g_string_free(dd, TRUE);
	g_string_free(ld, TRUE);

	/* titles: empty, or the same as another paragraph's */
	g_string_truncate(d, 0);
	long bad = 0;
	for (size_t i = 0; i < c->nfound; i++) {
		const struct sg_found *f = &c->found[i];
		if (f->refused || !f->title)
			continue;
		const struct sg_found *same = NULL;
		for (size_t j = 0; *f->title && !same && j < i; j++)
			if (!c->found[j].refused && c->found[j].title &&
			    strcmp(c->found[j].title, f->title) == 0)
				same = &c->found[j];
		if (*f->title && !same)
			continue;
		bad++;
		g_string_append(d, d->len ? "; § " : "§ ");
		append_key(d, key_of(f->no, f->letter));
		g_string_append(d, same ? " repeats the title of § " : " has no title");
		if (same)
			append_key(d, key_of(same->no, same->letter));
	}
	put_check(&wr, "paragraph_titles", 0, 1, bad, bad == 0, d->str);
	write_reread(&wr, c);

	g_string_free(d, TRUE);
	g_free(keys);
	g_free(nums);
}

void sg_checks_clear(sg_checks *c)
{
	for (size_t i = 0; i < c->nfound; i++)
		g_free(c->found[i].title);
	g_free(c->found);
	g_free(c->toc);
	memset(c, 0, sizeof *c);
}
