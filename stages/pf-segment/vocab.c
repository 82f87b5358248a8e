/*
 * pf-segment's vocabulary (vocab.h). Add a word here and every rule that
 * reads the list knows it.
 */
#include <glib.h>
#include <string.h>

#include "vocab.h"

const char *const sg_body_endings[] = {
	"nämnden", "utskottet", "styrelsen", "fullmäktige", "sektionen", "direktionen",
	"rådet", "beredningen", "kommittén", "delegationen", "presidiet", NULL
};

int sg_body_name(const char *s, size_t n)
{
	if (n == 0 || n > 70)
		return 0;
	int words = 1;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	if (words > 5)
		return 0;
	/* "Finansutskottet föreslår att regionstyrelsen" is a clause */
	for (size_t i = 0; i + 4 <= n; i++)
		if (strncmp(s + i, " att ", 5) == 0 || strncmp(s + i, "föresl", 6) == 0)
			return 0;
	for (const char *const *e = sg_body_endings; *e; e++) {
		size_t en = strlen(*e);
		if (n >= en && g_ascii_strncasecmp(s + n - en, *e, en) == 0)
			return 1;
	}
	return 0;
}

const sg_group sg_attendance_groups[] = {
	{ "Ledamöter", "ledamot" },
	{ "Beslutande", "ledamot" },
	{ "Beslutande ledamöter", "ledamot" },
	{ "Beslutande ordinarie", "ledamot" },
	{ "Närvarande ledamöter", "ledamot" },
	{ "Ordinarie ledamöter", "ledamot" },
	{ "Ordinarie", "ledamot" },
	{ "Tjänstgörande ersättare", "tjänstgörande ersättare" },
	{ "Övriga ersättare", "ersättare" },
	{ "Ersättare", "ersättare" },
	{ "Närvarande ersättare", "ersättare" },
	{ "Ej tjänstgörande ersättare", "ersättare" },
	{ "Ej beslutande ersättare", "ersättare" },
	{ "Ej beslutande", "ersättare" },
	{ "Tjänstepersoner", "tjänsteperson" },
	{ "Tjänstemän", "tjänsteperson" },
	{ "Närvarande tjänstepersoner", "tjänsteperson" },
	{ "Övriga närvarande", "tjänsteperson" },
	{ "Övriga deltagare", "tjänsteperson" },
	{ "Övriga deltagande", "tjänsteperson" },
	{ "Övriga", "tjänsteperson" },
	{ "Närvarande", "ledamot" },
	{ "Deltagande", "ledamot" },
	{ "Sekreterare", "sekreterare" },
	{ "Protokollförare", "sekreterare" },
	/* no role: the people there are absent, or listed already */
	{ "Justerare", NULL },
	{ "Justerande", NULL },
	{ "Frånvarande", NULL },
	{ "Frånvarande ledamöter", NULL },
	{ "Anmält förhinder", NULL },
	{ "Ej närvarande", NULL },
	{ "Underskrifter", NULL },
	{ NULL, NULL }
};

const sg_role_word sg_role_words[] = {
	{ "1:e vice ordförande", "1:e vice ordförande" },
	{ "förste vice ordförande", "1:e vice ordförande" },
	{ "första vice ordförande", "1:e vice ordförande" },
	{ "2:e vice ordförande", "2:e vice ordförande" },
	{ "andre vice ordförande", "2:e vice ordförande" },
	{ "andra vice ordförande", "2:e vice ordförande" },
	{ "II vice ordförande", "2:e vice ordförande" },
	{ "I vice ordförande", "1:e vice ordförande" },
	{ "vice ordförande", "vice ordförande" },
	{ "viceordförande", "vice ordförande" },
	{ "biträdande ordförande", "vice ordförande" },
	{ "ordförande", "ordförande" },
	{ "sekreterare", "sekreterare" },
	{ "protokollförare", "sekreterare" },
	{ "prot.förare", "sekreterare" },
	{ "justerare", "justerare" },
	{ "tjänstgörande ersättare", "tjänstgörande ersättare" },
	{ "ledamot", "ledamot" },
	{ "medlem", "ledamot" },
	{ "ordinarie", "ledamot" },
	{ "ersättare", "ersättare" },
	{ NULL, NULL }
};

const char *const sg_guest_words[] = {
	"fullmäktiges", "fullmäktige", "representant", "repr.", "observatör", "gäst",
	"revisor", NULL
};

const char *const sg_staff_words[] = {
	"föredragande", "direktör", "chef", "tjänsteman", "tjänsteperson", "handläggare",
	"controller", "strateg", "samordnare", "koordinator", "jurist", NULL
};

const char *const sg_secretary_labels[] = {
	"Vid protokollet", "Vid protokollet:", NULL
};

const char *const sg_organization_patterns[] = {
	"Region [[:upper:]][[:alpha:]]+", "Landstinget i [[:upper:]][[:alpha:]]+",
	"[[:upper:]][[:alpha:]]+ (?:kommun|stad|landsting)", "Sveriges riksbank",
	"Länsstyrelsen i [[:upper:]][[:alpha:]]+(?: län)?",
	"[[:upper:]][[:alpha:]]*förbundet [[:upper:]][[:alpha:]]+", NULL
};

const sg_doc_type sg_doc_types[] = {
	{ "protokollsutdrag", "PROTOKOLLSUTDRAG", 1, "protokollsutdrag" },
	{ "utdrag ur protokoll", "UTDRAG UR PROTOKOLL", 1, "protokollsutdrag" },
	{ "föredragningslista", "FÖREDRAGNINGSLISTA", 0, "föredragningslista" },
	{ "dagordning", "DAGORDNING", 0, "föredragningslista" },
	{ "kallelse", "KALLELSE", 0, "kallelse" },
	{ "protokoll", "PROTOKOLL", 1, "protokoll" },
	{ "verksamhetsplan", "VERKSAMHETSPLAN", 0, "verksamhetsplan" },
	{ NULL, NULL, 0, NULL }
};

const sg_currency_word sg_currency_words[] = {
	{ "kr", "SEK", 1 }, { "kronor", "SEK", 1 }, { "svenska kronor", "SEK", 1 },
	{ "SEK", "SEK", 1 }, { "tkr", "SEK", 1e3 }, { "kSEK", "SEK", 1e3 },
	{ "mnkr", "SEK", 1e6 }, { "mkr", "SEK", 1e6 }, { "Mkr", "SEK", 1e6 },
	{ "MSEK", "SEK", 1e6 }, { "msek", "SEK", 1e6 }, { "mdkr", "SEK", 1e9 },
	{ "euro", "EUR", 1 }, { "euros", "EUR", 1 }, { "euroa", "EUR", 1 }, { "€", "EUR", 1 },
	{ "EUR", "EUR", 1 }, { "dollar", "USD", 1 }, { "amerikanska dollar", "USD", 1 },
	{ "USD", "USD", 1 }, { "pund", "GBP", 1 }, { "GBP", "GBP", 1 },
	{ "norska kronor", "NOK", 1 }, { "NOK", "NOK", 1 }, { "danska kronor", "DKK", 1 },
	{ "DKK", "DKK", 1 }, { NULL, NULL, 0 }
};

const char *const sg_amount_qualifiers[] = {
	"knappt", "drygt", "cirka", "ca\\.?", "omkring", "närmare", "nästan", "runt", "över",
	"minst", "högst", "totalt", "upp till", "sammantaget", "sammanlagt", "maximalt", NULL
};

const char *const sg_clause_words[] = {
	"rekvirerar", "erhåller", "får", "fick", "har", "är", "var", "blir", "med", "till",
	"av", "om", "för", "uppgår", "totalt", "varav", "summa", "kostnad", "kostnaden",
	"beviljas", "tilldelas", "på", "i", "inom", "under", "belopp", "beloppet", "att",
	"som", "ett", "en", "den", "det", "de", "vilket", "motsvarar", "ökar", "minskar",
	"budget", "ram", "ramen", "sammanlagt", "omfattar", "samt", NULL
};

const char *const sg_rate_verbs[] = {
	"kostar", "motsvarar", "växelkurs", "kurs", NULL
};

const char *const sg_currency_names[] = {
	"euro", "dollar", "krona", "kronor", "kronan", "pund", NULL
};

/* ---- recipients named in the sentence of a sum (amounts.c) ---- */
const char *const sg_receive_verbs[] = {
	"erhåller", "erhöll", "erhållit", "får", "fick", "fått", "tilldelas", "tilldelades",
	"tilldelats", "beviljas", "beviljades", "beviljats", "tillerkänns", "tillerkändes",
	"tillerkänts", NULL
};

const char *const sg_receive_auxiliaries[] = {
	"har", "hade", NULL
};

const char *const sg_grant_verbs[] = {
	"beviljar", "beviljade", "bevilja", "tilldelar", "tilldelade", "tilldela",
	"tillerkänner", "tillerkände", "tillerkänna", NULL
};

const char *const sg_request_nouns[] = {
	"ansökan", "anhållan", "begäran", "ansökning", "framställan", "framställning", NULL
};

const char *const sg_name_words[] = {
	"stad", "kommun", "region", "rf", "r.f.", "ry", "ab", "Ab", "AB", "kb", "ek.", "för.", NULL
};

const char *const sg_body_nouns[] = {
	"kommunen", "regionen", "staden", "föreningen", "förbundet", "bolaget", "församlingen",
	"skolan", "stiftelsen", NULL
};

const char *const sg_clause_openers[] = {
	"och", "att", "som", "samt", "men", "medan", "när", "då", "eftersom", "varav", "vilket",
	"där", NULL
};

const char *const sg_decision_verbs[] = {
	"beslutar", "beslutade", "beslöt", "beslutat", NULL
};

const char *const sg_proposal_verbs[] = {
	"föreslår", NULL
};

const char *const sg_decision_labels[] = {
	"Beslut", "Beslutet", "Nämndens beslut", "Styrelsens beslut", "Utskottets beslut",
	"Rådets beslut", "Direktionens beslut", "Mötets beslut", "Sammanträdets beslut", NULL
};

const char *const sg_lead_in_tails[] = {
	"efter omröstning", "enligt följande", "följande", "således", "därför", "därmed",
	"för sin del", "för egen del", "att", NULL
};

const char *const sg_proposal_labels[] = {
	"förslag till beslut", "förslag", "beslutsförslag", "förslag till yttrande", NULL
};

const char *const sg_lead_in_ends[] = {
	"besluta", "beslutar", "beslutade", "beslöt", "föreslå", "föreslår", "förslag", NULL
};

const char *const sg_distribution_leads[] = {
	"Beslutet skickas", "Beslutet delges", "Beslutet expedieras", "Beslutet meddelas",
	"Protokollsutdrag", "Utdrag till", "Expedieras", "Delges", "Kopia till", "Skickas till",
	NULL
};

const char *const sg_appendix_words[] = {
	"Bilaga", "Bilagor", "Protokollsbilaga", "Bil.", NULL
};

const char *const sg_bullet_marks[] = {
	"\u2022", "\uf0b7", "\u00b7", "\u25aa", "\u25cf", "- ", "\u2013 ", "* ", NULL
};

int sg_is_conjunction(const char *word)
{
	static const char *const words[] = { "och", "eller", "samt", "resp.", "respektive", "som", NULL };
	for (const char *const *w = words; *w; w++) {
		size_t n = strlen(*w);
		if (strncmp(word, *w, n) == 0 && (word[n] == ' ' || word[n] == '\0' || word[n] == ','))
			return 1;
	}
	return 0;
}

const char *const sg_reserve_verbs[] = {
	"reserverar sig", "reserverade sig", "reserverar", "reserverade", NULL
};

const char *const sg_motion_verbs[] = {
	"yrkar", "yrkade", "yrkande", NULL
};

const char *const sg_vote_words[] = {
	"omröstning", "votering", NULL
};

/* ---- agendas (main.c, para.c) ---- */

const char *const sg_agenda_types[] = { "föredragningslista", "kallelse", NULL };

int sg_is_agenda_type(const char *doc_type)
{
	for (const char *const *t = sg_agenda_types; doc_type && *t; t++)
		if (strcmp(doc_type, *t) == 0)
			return 1;
	return 0;
}
