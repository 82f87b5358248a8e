/*
 * How far can a page's text layer be trusted? (docs/pf-pdftext.md, "Trust")
 *
 * A PDF's text layer can lie: a font whose ToUnicode map is broken draws
 * "beslutförhet" and hands out "beslutfrhet". The page looks perfect, so
 * nothing but the words themselves gives it away. The score is the share
 * of the page's words that hold up:
 *
 *  - on a Swedish page (enough of its words are Swedish function words,
 *    which survive most broken maps), the share of a sample of its longer
 *    words that the Swedish dictionary (hunspell-sv) knows;
 *  - less the share of characters mapped to U+FFFD or a private-use code
 *    point, or lost after a U+0000, and of words with letter sequences no
 *    language here writes (no vowel in five letters, a letter three times
 *    over, six consonants or four vowels in a row).
 *
 * A page in another language is scored by the characters and sequences
 * alone: a dictionary of the wrong language would call every word wrong.
 * poppler-glib does not say which fonts lack a ToUnicode map; what such a
 * font does to the text (letters missing, U+FFFD, private-use code points)
 * is what the score sees.
 */
#include <hunspell.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pdftext.h"

#define DEFAULT_DICTIONARY "/usr/share/hunspell/sv_SE"

/* Words of a page looked up in the dictionary: a sample spread over the
 * page. Each lookup costs 5-20 µs (hunspell's compound check), a page has
 * hundreds of words; 32 keep the check within a few per cent of the
 * stage's time and still tell 0.95 from 0.6 (binomial: ±0.08 at 0.6). */
#define DICT_SAMPLE 32
/* Words shorter than this are not looked up: mostly function words and
 * abbreviations ("kr", "st", "ca"), which tell nothing. */
#define DICT_MIN_LETTERS 4
/* A page is Swedish when at least this share of its words, and at least
 * SWEDISH_MIN of them, are Swedish function words (about 25 % in running
 * Swedish text; Norwegian, Danish and English share few of these). */
#define SWEDISH_SHARE 0.06
#define SWEDISH_MIN 3
/* A few words decide nothing: the share is taken as if this many more
 * words had been looked up and known (9 known of 9 gives 1.0, 2 of 4
 * gives 0.8, 13 of 32 gives 0.50). */
#define DICT_PRIOR 6
/* Penalties per share of bad characters, of impossible words, and of
 * letters in a second width in one font above ODD_FREE (WeasyPrint's
 * ligatures give up to 4 % in one font, LibreOffice and Word none, the
 * broken Calibri subsets of the Nykarleby protocols 1-15 %). */
#define BAD_CHAR_WEIGHT 3.0
#define IMPOSSIBLE_WEIGHT 2.0
#define ODD_WEIGHT 3.0
#define ODD_FREE 0.02
/* The dictionary cache is dropped when it grows past this. */
#define KNOWN_MAX 100000

/* The letter classes of the code points below LATIN_N (nearly every
 * character of a page here), looked up in a table made from GLib's own
 * answers: the same answers, without a call each (GLib's calls were half
 * the score's cost). */
#define LATIN_N 256
enum { CL_ALPHA = 1, CL_ALNUM = 2, CL_LOWER = 4, CL_VOWEL = 8 };

/* One slot of odd_widths' table: a letter in one font and size. */
typedef struct widths_slot widths_slot;

struct pt_trust {
	Hunhandle *dict;
	int tried;         /* loading the dictionary was attempted */
	GHashTable *known; /* word -> 1 + (dictionary knows it) */
	GHashTable *swedish; /* swedish_words, as a set */
	size_t swedish_len;  /* the longest of them, in characters */
	unsigned char cls[LATIN_N]; /* CL_* of each code point */
	gunichar lower[LATIN_N];    /* g_unichar_tolower of each */
	widths_slot *slots;  /* odd_widths' table (open addressing), kept */
	size_t nslots;       /* a power of two */
	unsigned page;       /* slots of another page are free */
};

/* Words only Swedish writes (not Norwegian, Danish, English, French:
 * "som", "det", "de", "en", "har", "om" are shared), most of which broken
 * maps leave alone (no v, ö, ti). */
static const char *const swedish_words[] = {
	"och", "att", "till", "inte", "enligt", "ska", "skall", "är", "ett", "från",
	"detta", "denna", "beslut", "också", "vid", "sig", "hade", "nämnden",
	"styrelsen", "kommunen", "samt",
};

static int vowel(gunichar c)
{
	c = g_unichar_tolower(c);
	return strchr("aeiouy", (int)(c < 0x80 ? c : 1)) != NULL || c == 0xE5 || c == 0xE4 ||
	       c == 0xF6 || c == 0xE9 || c == 0xE8 || c == 0xFC || c == 0xE6 || c == 0xF8 ||
	       c == 0xE1 || c == 0xE0 || c == 0xEA || c == 0xED || c == 0xF3;
}

static void make_classes(pt_trust *t)
{
	for (gunichar c = 0; c < LATIN_N; c++) {
		t->cls[c] = (g_unichar_isalpha(c) ? CL_ALPHA : 0) |
			    (g_unichar_isalnum(c) ? CL_ALNUM : 0) |
			    (g_unichar_islower(c) ? CL_LOWER : 0) | (vowel(c) ? CL_VOWEL : 0);
		t->lower[c] = g_unichar_tolower(c);
	}
}

static inline int has_class(const pt_trust *t, gunichar c, unsigned cl)
{
	if (c < LATIN_N)
		return (t->cls[c] & cl) != 0;
	switch (cl) {
	case CL_ALPHA:
		return g_unichar_isalpha(c) != 0;
	case CL_ALNUM:
		return g_unichar_isalnum(c) != 0;
	case CL_LOWER:
		return g_unichar_islower(c) != 0;
	default:
		return vowel(c);
	}
}

static inline gunichar lower(const pt_trust *t, gunichar c)
{
	return c < LATIN_N ? t->lower[c] : g_unichar_tolower(c);
}

pt_trust *pt_trust_new(void)
{
	pt_trust *t = g_new0(pt_trust, 1);
	t->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	t->swedish = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t k = 0; k < G_N_ELEMENTS(swedish_words); k++) {
		g_hash_table_add(t->swedish, (gpointer)swedish_words[k]);
		t->swedish_len = MAX(t->swedish_len, (size_t)g_utf8_strlen(swedish_words[k], -1));
	}
	make_classes(t);
	return t;
}

/* The dictionary outlives pt_trust_free: the process ends next, and freeing
 * its 200 000 blocks one by one cost 50 ms, as much as reading a page or
 * two. Held here it stays reachable, so leak checkers do not count it. */
static Hunhandle *volatile kept_dictionary; /* volatile: a store never read is otherwise dropped */

void pt_trust_free(pt_trust *t)
{
	if (!t)
		return;
	g_free(t->slots);
	if (t->dict)
		kept_dictionary = t->dict;
	g_hash_table_destroy(t->known);
	g_hash_table_destroy(t->swedish);
	g_free(t);
}

/* Loads the dictionary on first need (it costs ~100 ms: only a Swedish
 * page pays it). PF_DICTIONARY names another, as for pf-normalize. */
static int load(pt_trust *t)
{
	if (t->tried)
		return t->dict != NULL;
	t->tried = 1;
	const char *base = getenv("PF_DICTIONARY");
	if (!base || !*base)
		base = DEFAULT_DICTIONARY;
	char *aff = g_strconcat(base, ".aff", NULL), *dic = g_strconcat(base, ".dic", NULL);
	if (g_file_test(aff, G_FILE_TEST_EXISTS) && g_file_test(dic, G_FILE_TEST_EXISTS))
		t->dict = Hunspell_create(aff, dic);
	if (!t->dict)
		pf_msg("warning: no Swedish dictionary at %s.{aff,dic} (Debian: hunspell-sv; "
		       "or set PF_DICTIONARY): text layers are trusted by their characters only",
		       base);
	g_free(aff);
	g_free(dic);
	return t->dict != NULL;
}

static int known(pt_trust *t, const char *w)
{
	gsize v = GPOINTER_TO_SIZE(g_hash_table_lookup(t->known, w));
	if (v)
		return v == 2;
	int ok = Hunspell_spell(t->dict, w) != 0;
	if (g_hash_table_size(t->known) >= KNOWN_MAX)
		g_hash_table_remove_all(t->known);
	g_hash_table_insert(t->known, g_strdup(w), GSIZE_TO_POINTER(ok ? 2 : 1));
	return ok;
}

/* U+FFFD, or a private-use code point outside U+F020-U+F0FF, where symbol
 * fonts (Word's bullets, Wingdings) are mapped on purpose. */
static int bad_char(gunichar c)
{
	if (c == 0xFFFD)
		return 1;
	if (c >= 0xF020 && c <= 0xF0FF)
		return 0;
	return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000;
}

/* A word (letters only) no language written here spells: no vowel in five
 * letters or more, a letter three times running, six consonants or four
 * vowels in a row. */
static int impossible(const pt_trust *t, const gunichar *w, size_t n)
{
	size_t vowels = 0, run_c = 0, run_v = 0, same = 1;
	for (size_t i = 0; i < n; i++) {
		int v = has_class(t, w[i], CL_VOWEL);
		vowels += v;
		run_c = v ? 0 : run_c + 1;
		run_v = v ? run_v + 1 : 0;
		same = i && lower(t, w[i]) == lower(t, w[i - 1]) ? same + 1 : 1;
		if (run_c >= 6 || run_v >= 4 || same >= 3)
			return 1;
	}
	return n >= 5 && vowels == 0;
}

/* A word of the page: its letters (punctuation at either end stripped). */
typedef struct word {
	size_t from, n; /* in the page's letter buffer */
	int letters;    /* letters only (after stripping) */
	int lookup;     /* fit for the dictionary: not a name, acronym, first
			 * part of a compound ("Hälso-") or abbreviation ("inkl.") */
} word;

/* A character's advance in one font and size is always the same; a
 * ToUnicode map that gives two glyphs one letter (the "ti" ligature as
 * "t") makes that letter come in two widths. Per font, size and letter:
 * the first width seen, a second one, and how many letters had each or
 * yet another (one probe of an open-addressing table a letter: sorting
 * them cost 5 % of the stage, a GLib hash table a third of the score). */
typedef struct widths {
	double w0, w1;     /* em */
	long n0, n1, other;
	unsigned font;
} widths;

struct widths_slot {
	guint64 key;   /* font, size and letter (odd_widths) */
	unsigned page; /* the slot holds a letter of this page (pt_trust.page) */
	widths s;
};

/* Widths within 20 % (or 0.03 em) of each other are one width. (fmax
 * written out: the call to libm was a tenth of the score's time.) */
static int same_width(double a, double b)
{
	double near = 0.2 * a;
	return fabs(a - b) <= (near > 0.03 ? near : 0.03);
}

/* The page's slot of key, or the free slot where it goes. */
static widths_slot *probe(pt_trust *t, guint64 key)
{
	size_t mask = t->nslots - 1;
	size_t k = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
	while (t->slots[k].page == t->page && t->slots[k].key != key)
		k = (k + 1) & mask;
	return &t->slots[k];
}

/* Doubles the table, keeping the page's slots. */
static void grow(pt_trust *t)
{
	widths_slot *old = t->slots;
	size_t nold = t->nslots;
	t->nslots = MAX(nold * 2, 256);
	t->slots = g_new0(widths_slot, t->nslots);
	for (size_t k = 0; k < nold; k++)
		if (old[k].page == t->page)
			*probe(t, old[k].key) = old[k];
	g_free(old);
}

/* The page's widths of key; new ones zeroed (n0 + n1 + other == 0).
 * *nused counts the slots the page has taken: the table is kept at most
 * half full, so that a search soon ends at a free slot. */
static widths *widths_of(pt_trust *t, guint64 key, size_t *nused)
{
	if (2 * (*nused + 1) > t->nslots)
		grow(t);
	widths_slot *s = probe(t, key);
	if (s->page != t->page) {
		*s = (widths_slot){ .key = key, .page = t->page };
		++*nused;
	}
	return &s->s;
}

/* Frees the slots of the last page: they now belong to another page. */
static void widths_next_page(pt_trust *t)
{
	if (++t->page == 0) {
		if (t->slots)
			memset(t->slots, 0, t->nslots * sizeof *t->slots);
		t->page = 1;
	}
}

/* Letters whose width is not the usual width of that letter in that font
 * and size on the page; *worst is the largest share of such letters among
 * the letters of one font (of at least ODD_MIN_LETTERS). */
#define ODD_MIN_LETTERS 20
static long odd_widths(pt_trust *t, const pt_page *pg, double *worst)
{
	unsigned nfont = 0;
	for (size_t i = 0; i < pg->n; i++)
		nfont = MAX(nfont, pg->ch[i].font);
	long *letters = g_new0(long, nfont + 1), *odd_in = g_new0(long, nfont + 1);
	widths_next_page(t);
	size_t nused = 0;
	for (size_t i = 0; i < pg->n; i++) {
		const pt_char *c = &pg->ch[i];
		if (!has_class(t, c->c, CL_ALPHA) || c->size <= 0)
			continue;
		guint64 size = (guint64)(c->size * 4 + 0.5) & 0xffff;
		guint64 key = ((guint64)(c->font & 0xffff) << 48) | (size << 32) | c->c;
		double w = (c->x1 - c->x0) / c->size;
		widths *s = widths_of(t, key, &nused);
		if (s->n0 + s->n1 + s->other == 0)
			*s = (widths){ .w0 = w, .font = c->font };
		if (same_width(s->w0, w))
			s->n0++;
		else if (s->n1 == 0 || same_width(s->w1, w))
			s->w1 = w, s->n1++;
		else
			s->other++;
		letters[c->font]++;
	}
	long odd = 0;
	for (size_t k = 0; k < t->nslots; k++) {
		const widths *s = &t->slots[k].s;
		if (t->slots[k].page != t->page)
			continue;
		long all = s->n0 + s->n1 + s->other;
		long o = all >= 3 ? all - MAX(s->n0, s->n1) : 0;
		odd += o;
		odd_in[s->font] += o;
	}
	*worst = 0;
	for (unsigned f = 0; f <= nfont; f++)
		if (letters[f] >= ODD_MIN_LETTERS)
			*worst = fmax(*worst, (double)odd_in[f] / (double)letters[f]);
	g_free(letters);
	g_free(odd_in);
	return odd;
}

double pt_trust_page(pt_trust *t, const pt_page *pg, pt_trust_detail *d)
{
	memset(d, 0, sizeof *d);
	d->dict_share = -1;
	if (pg->nonspace == 0)
		return -1;

	GArray *words = g_array_new(FALSE, FALSE, sizeof(word));
	gunichar *buf = g_new(gunichar, pg->n + 1);
	size_t nbuf = 0;
	long bad = 0;
	for (size_t i = 0; i < pg->n;) {
		while (i < pg->n && pg->ch[i].c == ' ')
			i++;
		size_t from = i;
		while (i < pg->n && pg->ch[i].c != ' ') {
			bad += bad_char(pg->ch[i].c);
			i++;
		}
		size_t a = from, b = i;
		while (a < b && !has_class(t, pg->ch[a].c, CL_ALNUM))
			a++;
		while (b > a && !has_class(t, pg->ch[b - 1].c, CL_ALNUM))
			b--;
		if (a == b)
			continue;
		word w = { nbuf, b - a, 1, 1 };
		for (size_t k = a; k < b; k++) {
			buf[nbuf++] = pg->ch[k].c;
			w.letters &= has_class(t, pg->ch[k].c, CL_ALPHA);
		}
		gunichar after = b < i ? pg->ch[b].c : ' ';
		w.lookup = has_class(t, pg->ch[a].c, CL_LOWER) && after != '-' && after != 0x2010 &&
			   after != 0xAD && !(after == '.' && w.n <= 5);
		g_array_append_val(words, w);
	}

	/* Swedish? and the impossible words */
	long swedish = 0, lettered = 0, bogus = 0;
	GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint));
	char utf8[256];
	for (guint i = 0; i < words->len; i++) {
		const word *w = &g_array_index(words, word, i);
		if (!w->letters)
			continue;
		lettered++;
		if (w->n <= t->swedish_len) {
			char *p = utf8;
			for (size_t k = 0; k < w->n; k++)
				p += g_unichar_to_utf8(lower(t, buf[w->from + k]), p);
			*p = '\0';
			swedish += g_hash_table_contains(t->swedish, utf8);
		}
		if (w->n >= 3 && impossible(t, buf + w->from, w->n))
			bogus++;
		if (w->lookup && w->n >= DICT_MIN_LETTERS && w->n < 60)
			g_array_append_val(cand, i);
	}
	d->words = lettered;
	/* an OCR layer's letters are spread evenly over each word's box */
	if (!pg->ocr) {
		d->odd_widths = odd_widths(t, pg, &d->odd_share);
	}
	d->bad_chars = bad + pg->lost;
	d->impossible = bogus;
	d->swedish = lettered > 0 && swedish >= SWEDISH_MIN &&
		     swedish >= SWEDISH_SHARE * (double)lettered;

	double base = 1.0;
	if (d->swedish && cand->len > 0 && load(t)) {
		/* a sample spread evenly over the page */
		guint step = cand->len > DICT_SAMPLE ? cand->len / DICT_SAMPLE : 1;
		long asked = 0, ok = 0;
		for (guint k = 0; k < cand->len && asked < DICT_SAMPLE; k += step) {
			const word *w = &g_array_index(words, word, g_array_index(cand, guint, k));
			char *p = utf8;
			for (size_t m = 0; m < w->n; m++)
				p += g_unichar_to_utf8(buf[w->from + m], p);
			*p = '\0';
			asked++;
			ok += known(t, utf8);
		}
		d->dict_words = asked;
		d->dict_share = (double)ok / (double)asked;
		base = (double)(ok + DICT_PRIOR) / (double)(asked + DICT_PRIOR);
	}
	double score = base -
		       BAD_CHAR_WEIGHT * (double)d->bad_chars / (double)(pg->nonspace + pg->lost) -
		       (lettered ? IMPOSSIBLE_WEIGHT * (double)bogus / (double)lettered : 0) -
		       ODD_WEIGHT * fmax(0, d->odd_share - ODD_FREE);
	g_array_free(cand, TRUE);
	g_array_free(words, TRUE);
	g_free(buf);
	return score < 0 ? 0 : score > 1 ? 1 : score;
}

int pt_trust_word_ok(pt_trust *t, const char *w)
{
	int letters = 0;
	for (const char *p = w; *p; p = g_utf8_next_char(p))
		letters += g_unichar_isalpha(g_utf8_get_char(p)) != 0;
	if (!letters)
		return 1;
	if (!t || !load(t))
		return 0;
	/* the letters only, punctuation at either end stripped */
	const char *a = w, *b = w + strlen(w);
	while (a < b && !g_unichar_isalnum(g_utf8_get_char(a)))
		a = g_utf8_next_char(a);
	while (b > a && !g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(b))))
		b = g_utf8_prev_char(b);
	char *word = g_strndup(a, (gsize)(b - a));
	int ok = known(t, word);
	g_free(word);
	return ok;
}
