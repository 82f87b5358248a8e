/*
 * pf-segment's vocabulary: every Swedish word list the rules key on, in
 * one place (vocab.c), so that a user can read and extend it. Lists end
 * with NULL; matching is case-insensitive unless a list says otherwise.
 */
#ifndef PF_SEGMENT_VOCAB_H
#define PF_SEGMENT_VOCAB_H

#include <stddef.h>

/* ---- bodies ---- */
/* Endings of a body's name: "...nämnden", "...styrelsen", "Direktionen". */
extern const char *const sg_body_endings[];
/* One to five words ending in a body word, not a clause. */
int sg_body_name(const char *s, size_t n);

/* ---- attendance (attend.c) ---- */
/* A group heading of a presence list and the role it gives its people. */
typedef struct sg_group {
	const char *heading;
	const char *role;
} sg_group;
extern const sg_group sg_attendance_groups[];
/* Role words printed with a person, most specific first, and the role. */
typedef struct sg_role_word {
	const char *word;
	const char *role;
} sg_role_word;
extern const sg_role_word sg_role_words[];
/* Words in a person's note that make them a guest (role övrig): a member
 * of another body ("fullmäktiges ordförande"), a representative. */
extern const char *const sg_guest_words[];
/* Words of an official's title: a person with one and no role word is
 * staff (tjänsteperson), also in a list of members. */
extern const char *const sg_staff_words[];
/* The signature label over the minute-taker's name ("Vid protokollet"). */
extern const char *const sg_secretary_labels[];

/* ---- metadata (meta.c) ---- */
/* The public bodies a protocol belongs to, as regular expressions
 * (case-insensitive): "Region X", "X kommun", "Sveriges riksbank". */
extern const char *const sg_organization_patterns[];
/* Document types: the word that names it (lower case), the same in capitals,
 * whether it counts inside a line ("Penningpolitiskt protokoll") or only as
 * the line's first word, and the type written. First match wins. */
typedef struct sg_doc_type {
	const char *word, *caps;
	int inside;
	const char *type;
} sg_doc_type;
extern const sg_doc_type sg_doc_types[];

/* ---- money (amounts.c) ---- */
/* A currency as printed after a sum, its ISO 4217 code and the scale the
 * word itself carries ("tkr": thousands). */
typedef struct sg_currency_word {
	const char *word;
	const char *currency;
	double scale;
} sg_currency_word;
extern const sg_currency_word sg_currency_words[];
/* Words printed before a sum that belong to it ("knappt", "ca", "upp till"):
 * regular expressions, kept in raw. */
extern const char *const sg_amount_qualifiers[];
/* Words that make the text before a sum a clause rather than a recipient. */
extern const char *const sg_clause_words[];
/* An exchange rate: a currency named (lower case) and one of these verbs
 * before the sum ("En euro kostar nu över 11 kronor"). */
extern const char *const sg_rate_verbs[];
extern const char *const sg_currency_names[];

/* ---- recipients named in the sentence of a sum (amounts.c) ---- */
/* Verbs whose subject gets the money: "Nykarleby stad fick …", "Annika
 * Lillqvist har tilldelats …", "Region X erhåller …". */
extern const char *const sg_receive_verbs[];
/* Auxiliaries between that subject and the verb ("har tilldelats"). */
extern const char *const sg_receive_auxiliaries[];
/* Verbs whose object gets the money: "beviljar Föreningen X 5 000 kr". */
extern const char *const sg_grant_verbs[];
/* Nouns after a genitive whose owner gets the money: "After Eights anhållan". */
extern const char *const sg_request_nouns[];
/* Lower-case words that belong to a name ("Nykarleby stad", "… rf"). */
extern const char *const sg_name_words[];
/* One word that names a body by itself ("Kommunen", "Föreningen"): its
 * endings, besides sg_body_endings. */
extern const char *const sg_body_nouns[];
/* Words after which a clause begins ("och", "att", "som"). */
extern const char *const sg_clause_openers[];

/* ---- decisions (decide.c) ---- */
/* Verbs that say the body decided: "beslutar", "beslutade", "beslöt". */
extern const char *const sg_decision_verbs[];
/* Verbs of a proposal that att-satser may follow: "föreslår". */
extern const char *const sg_proposal_verbs[];
/* Labels over a decision: "Beslut", "Nämndens beslut" (and any "<X>s beslut"). */
extern const char *const sg_decision_labels[];
/* What may close a lead-in after its verb: "efter omröstning", "enligt
 * följande", an "att" whose items follow ("Nämnden beslutade att" over
 * "– godkänna ..."). */
extern const char *const sg_lead_in_tails[];
/* The last words of a heading over a proposal ("Förslag till beslut",
 * "Kommundirektörens förslag:"): nothing under it is a decision. */
extern const char *const sg_proposal_labels[];
/* Words that end a lead-in: "... besluta", "... på utskottets förslag". */
extern const char *const sg_lead_in_ends[];
/* Lines that say who gets the decision, not what it is. */
extern const char *const sg_distribution_leads[];
/* The first word of an appendix's label ("Bilaga: Motion ...", "Bilaga
 * Personalsektionen, 28.03.2023 § 24"), as printed: no decision goes on
 * into it, and it is not the marker of a meeting's handling. */
extern const char *const sg_appendix_words[];
/* List markers before decision items (with their space). */
extern const char *const sg_bullet_marks[];
/* "och", "eller", "samt": a hyphen before them is a suspended compound. */
int sg_is_conjunction(const char *word);

/* ---- motions (motions.c) ---- */
/* Verbs of a reservation, a motion (yrkande) and a vote. */
extern const char *const sg_reserve_verbs[];
extern const char *const sg_motion_verbs[];
extern const char *const sg_vote_words[];

/* ---- agendas (main.c, para.c) ---- */
/* The document types that list what a meeting will handle: their items
 * may be numbered "1." ... rather than by §, and they decide nothing. */
extern const char *const sg_agenda_types[];
int sg_is_agenda_type(const char *doc_type);

#endif
