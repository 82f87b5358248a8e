#!/usr/bin/env bash
# pf-segment: stream in, stream out. t0300/protocol.sketch is the input,
# drawn as lines with geometry (tests/tools/lines2stream.py): read it beside
# the golden output.
. "$(dirname "$0")/test-lib.sh"
IN=$TESTDIR/streams

segment() {
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/protocol.sketch" >in &&
	"$PF_BIN/pf-segment" in >out
}

test_expect_success 'the sketch converter still makes the committed input' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/protocol.sketch" >in &&
	test_cmp "$GOLDEN/in-protocol.stream" in
'

test_expect_success 'everything found in the protocol (golden)' '
	segment &&
	grep -v -E "^(line|page|furniture)	" out >found &&
	test_golden "$GOLDEN/found.stream" found
'

test_expect_success 'the input passes through unchanged, in order' '
	segment &&
	grep -E "^(line|page|furniture|doc|end|stream)	" out >passed &&
	test_cmp in passed
'

test_expect_success 'a para record comes before its heading line' '
	segment &&
	grep -n -E "^para	0a0b0c0d0e0f1011	24|§ 24 Val" out | cut -d: -f1 >order &&
	sort -n order >sorted && test_cmp sorted order && test_line_count 2 order
'

fields() { stream_records "$1" out | cut -f"$2"; }

test_expect_success 'headings: "§ N Title", wrapped title, "§ 31" alone, "39 §"' '
	segment &&
	fields para 3,4 >actual &&
	cat >expect <<-\EOF_ &&
	24	Val av justerare
	25	Fastställande av föredragningslista
	29	Övergripande fördelning, medel inom överenskommelsen Ökad tillgänglighet i hälso- och sjukvården 2024
	31	Riktlinje Hantering av politiska motioner
	39	Sammanträdets laglighet och beslutförhet
	40	Val av protokolljusterare
	EOF_
	test_cmp expect actual
'

test_expect_success '"§ 44" in an agenda item or in running text is not a heading' '
	segment &&
	! fields para 3 | grep -q "^44$"
'

test_expect_success 'labels: dnr, ärendeansvarig (also misspelt), several handläggare, empty' '
	segment &&
	fields para 3,5,6,7 | grep -E "^(29|31)	" >actual &&
	printf "29\t23RS11831\tAnette Hägglund Sundin\tMartin Bylund; Eva Ek\n31\t24RS77\tPer Ek\t\\\\N\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'who decides: "X beslutar", "X föreslår att ...", "beslutar X", "Xs beslut"' '
	segment &&
	fields para 3,8 >actual &&
	printf "24\tHälso- och sjukvårdsnämnden\n25\tHälso- och sjukvårdsnämnden\n29\tFinansutskottet\n31\tRegionstyrelsen\n39\tPersonalsektionen\n40\t\\\\N\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'decisions: every att-sats in order, "; samt" kept, prose "att" lines not' '
	segment &&
	fields decision 3,4,5 >actual &&
	cat >expect <<-\EOF_ &&
	24	1	att utse Pia Lundin (SJVP) att jämte ordföranden justera protokollet.
	25	1	att fastställa upprättat förslag till föredragningslista.
	29	1	att Region Västernorrland rekvirerar 28 357 881 kr i enlighet med överenskommelsen;
	29	2	att medlen fördelas enligt förslag; Hälso- och sjukvårdsförvaltningen 17 587 638 kr, Regionledningsförvaltningen 2 800 000 kr, Hälso- och sjukvårdsförvaltningen/barn- och ungdomspsykiatri 870 243 kr; samt
	29	3	att information om återrapporteringen ska lämnas till regionstyrelsen.
	31	1	att fastställa riktlinjen.
	39	1	Sammanträdet konstaterades vara lagligt sammankallat.
	EOF_
	test_cmp expect actual
'

# t0300/decisions.sketch: the forms real protocols write decisions in
test_expect_success 'decisions: lead-ins with list items, a whole sentence, labels over prose' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/decisions.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records decision out | cut -f2- >actual &&
	cat >expect <<-\EOF_ &&
	2a2b2c2d2e2f3031	3	1	Direktionen beslutade enligt protokollsbilaga A.
	2a2b2c2d2e2f3031	4	1	om obligationsköp i penningpolitiskt syfte enligt protokollsbilaga B,
	2a2b2c2d2e2f3031	4	2	att offentliggöra beslutet i ett pressmeddelande måndagen den 16 mars 2020 senast kl. 20:00, samt
	2a2b2c2d2e2f3031	4	3	i enlighet med protokollsbilaga C.
	3a3b3c3d3e3f4041	4	1	Stadsstyrelsens beslut antecknades för kännedom.
	3a3b3c3d3e3f4041	5	1	Ungdomsfullmäktige håller möte enligt följande:
	3a3b3c3d3e3f4041	5	2	20.2.2023 kl. 16.15
	3a3b3c3d3e3f4041	5	3	20.3.2023 kl. 16.15
	3a3b3c3d3e3f4041	5	4	Mötena hålls i stadshuset. Alla medlemmar deltar om de har möjlighet att komma till mötena.
	EOF_
	test_cmp expect actual
'

# t0300/handling.sketch: a matter's handling told in order, proposals, items
test_expect_success 'decisions: the handling of this meeting, not an official proposal, items after "att"' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/handling.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records decision out | cut -f2- >actual &&
	cat >expect <<-\EOF_ &&
	5a5b5c5d5e5f6061	16	1	Stadsdirektörens förslag godkändes.
	5a5b5c5d5e5f6061	17	1	Rådet ger ett positivt utlåtande.
	5a5b5c5d5e5f6061	18	1	Personalrapporten antecknades för kännedom.
	6a6b6c6d6e6f7071	15	1	anta lokalförsörjningsplanen för 2025–2030
	6a6b6c6d6e6f7071	15	2	uppdra åt förvaltningschefen att utreda saken.
	6a6b6c6d6e6f7071	16	1	att begära dispens för jourpass.
	6a6b6c6d6e6f7071	17	1	Barn- och utbildningsnämnden beslutade enligt förvaltningens förslag med de ändringar som framgår av bilaga 2.
	EOF_
	test_cmp expect actual
'

test_expect_success 'decisions: a handling found by its place alone fails a decision_handling check' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/handling.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records check out | grep decision_handling | cut -f3-8 >actual &&
	printf "16\t\\\\N\tdecision_handling\t1\t0\tfalse\n" >expect &&
	test_cmp expect actual &&
	stream_records check out | grep decision_handling | cut -f9 | grep -F "the last, \"Personalsektionen 28.3.3023, 11 §\", taken as"
'

test_expect_success 'amounts carry their currency; rates and prices per unit are not sums' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/decisions.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records amount out | cut -f3,5-7,9 >actual &&
	cat >expect <<-\EOF_ &&
	5	7000000	EUR	ca 7 miljoner euro	\N
	5	6425.10	EUR	6 425,10 €	Föreningen Norden
	EOF_
	test_cmp expect actual
'

test_expect_success 'motions: reservations without a party, votes with their counts' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/decisions.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records motion out | cut -f3,5,6,9- >actual &&
	cat >expect <<-\EOF_ &&
	3	reservation	Martin Flodén	\N	\N	\N
	4	omröstning	\N	\N	\N	\N
	5	omröstning	\N	8	5	2
	5	reservation	Per Jansson	\N	\N	\N
	5	reservation	Karolina Ekholm	\N	\N	\N
	EOF_
	test_cmp expect actual
'

test_expect_success 'an agenda decides nothing; the header names organ, number and type' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/decisions.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records meta out | cut -f2-5 >actual &&
	printf "%s\t%s\t%s\t%s\n" 2a2b2c2d2e2f3031 "SVERIGES RIKSBANK" Direktionen protokoll \
		3a3b3c3d3e3f4041 "\\N" Ungdomsfullmäktige protokoll \
		4a4b4c4d4e4f5051 "\\N" Stadsstyrelsen föredragningslista >expect &&
	test_cmp expect actual
'

test_expect_success 'amounts: every form, with recipients; years, dates, dnr, § and % are not money' '
	segment &&
	fields amount 5,6,7,8,9 >actual &&
	cat >expect <<-\EOF_ &&
	28357881	SEK	28 357 881 kr	kr	\N
	17587638	SEK	17 587 638 kr	kr	Hälso- och sjukvårdsförvaltningen
	2800000	SEK	2 800 000 kr	kr	Regionledningsförvaltningen
	870243	SEK	870 243 kr	kr	Hälso- och sjukvårdsförvaltningen/barn- och ungdomspsykiatri
	28000000	SEK	drygt 28 mnkr	mnkr	Region Västernorrland
	870000	SEK	870 tkr	tkr	Region Västernorrland
	74648000	SEK	knappt 74 648 tkr	tkr	\N
	-177000000	SEK	-177 miljoner kronor	miljoner kronor	\N
	4398000	SEK	4 398 000 kronor	kronor	\N
	2100000	SEK	2,1 mnkr	mnkr	\N
	EOF_
	test_cmp expect actual
'

# t0300/recipients.sketch: who gets a sum, as its sentence says; a
# subject after its verb, an applicant and a common noun are not named,
# two columns run together in one line are not one sentence, and a sum
# in an att-clause of another verb is not the last att-clause's
test_expect_success 'amounts: the recipient a sentence names, by its verb' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/recipients.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	fields amount 3,7,9 >actual &&
	cat >expect <<-\EOF_ &&
	20	350,01 €	Annika Lillqvist
	20	116,67 €	Maria Kronqvist
	20	6 425,10 euro	Nykarleby stad
	20	7 283,73 euro	After Eight
	20	45 000 kr	Ekbys hembygdsförening
	20	totalt 120 000 €	\N
	20	5 000 kr	\N
	20	7 282,73 euro	\N
	20	12 000 kr	\N
	20	5 000 kr	Kommunen
	20	3 000 kr	\N
	21	6 425,10 euro	Kustby stad
	21	6 425,10 €	\N
	22	3 000 000 kronor	Närsjukvårdsområde Väster
	22	78 448 000 kronor	\N
	EOF_
	test_cmp expect actual
'

test_expect_success 'attendance: groups, roles, replaces, notes, wrapped titles' '
	segment &&
	stream_records attendee out | grep 0a0b0c0d0e0f1011 | cut -f3- >actual &&
	cat >expect <<-\EOF_ &&
	1	Viktoria Jansson	M	ordförande	\N	\N
	2	Kristina Nilsson	S	1:e vice ordförande	\N	ej beslutsmötet 21/3
	3	Pia Lundin	SJVP	2:e vice ordförande	\N	\N
	4	Torgny Jarl	S	ledamot	\N	\N
	5	Dennis Moström	C	ledamot	\N	ej 21/3
	6	Mikael Johansson	S	tjänstgörande ersättare	Kristina Nilsson	\N
	7	Awat Derafsh	SJVP	ersättare	\N	ej 21/3
	8	Anna Dzikowska-Zasadowska	M	ersättare	\N	\N
	9	Annri V Thimstrand	\N	tjänsteperson	\N	Omr. dir. Folktandvården/tf. hälso- och sjukvårdsdirektör
	10	Hanna Wahlund	\N	tjänsteperson	\N	Stabschef hälso- och sjukvård
	11	Maria Öhman	\N	sekreterare	\N	Nämndsekreterare
	EOF_
	test_cmp expect actual
'

test_expect_success 'attendance: ticked lists in two columns, inline "Beslutande:" list' '
	segment &&
	stream_records attendee out | grep 1a1b1c1d1e1f2021 | cut -f4,6,8 >actual &&
	cat >expect <<-\EOF_ &&
	Frostdahl-Blomqvist Siw	ordförande	på distans
	Forsbacka Sabina	ersättare	\N
	Wik Tobias	ledamot	\N
	Norrgård Martin	tjänsteperson	stadsdirektör och föredragande
	Anna Öberg	ordförande	\N
	Erik Åström	ledamot	\N
	René Lindqvist	ledamot	\N
	EOF_
	test_cmp expect actual
'

# t0300/attendance.sketch: a label column list in groups apart by "---",
# the minute-taker named only under "Vid protokollet", a garbled heading;
# columns whose replaced member's name wraps ("för Tove" / "Berglund (S)")
# and that end at a line whose right span is no person; boxes as OCR reads
# them ("P4" ticked, "[]" empty), only where an empty box tells
test_expect_success 'attendance: groups, guests, "Vid protokollet", a garbled heading, columns, OCR boxes' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/attendance.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records attendee out | cut -f2- >actual &&
	cat >expect <<-\EOF_ &&
	5a5b5c5d5e5f6061	1	Stefan Ingves	\N	ordförande	\N	\N
	5a5b5c5d5e5f6061	2	Kerstin af Jochnick	\N	ledamot	\N	per telefon
	5a5b5c5d5e5f6061	3	Susanne Eberstein	\N	övrig	\N	fullmäktiges ordförande
	5a5b5c5d5e5f6061	4	Heidi Elmér	\N	tjänsteperson	\N	\N
	5a5b5c5d5e5f6061	5	Kerstin Haglund	\N	sekreterare	\N	\N
	5a5b5c5d5e5f6061	6	Mia Holmfeldt	\N	tjänsteperson	\N	§ 1–3a
	6a6b6c6d6e6f7071	1	Caldén Anna	\N	ordförande	\N	\N
	6a6b6c6d6e6f7071	2	Häggström Helena	\N	ledamot	\N	\N
	6a6b6c6d6e6f7071	3	Svenlin Johan	\N	sekreterare	\N	sekreterare för rådet
	6a6b6c6d6e6f7071	4	Hedman Sofia	\N	övrig	\N	stadsstyrelsens representant
	b0b1b2b3b4b5b6b7	1	Maja Lindström	S	ordförande	\N	\N
	b0b1b2b3b4b5b6b7	2	Henrik Wallin	M	ledamot	\N	\N
	b0b1b2b3b4b5b6b7	3	Ali Rahimi	S	ledamot	\N	\N
	b0b1b2b3b4b5b6b7	4	Jonas Stenlund	S	tjänstgörande ersättare	Tove Berglund	\N
	b0b1b2b3b4b5b6b7	5	Linnea Kero	S	ersättare	\N	\N
	b0b1b2b3b4b5b6b7	6	Lars Berg	C	ledamot	\N	Se bilaga 2
	d0d1d2d3d4d5d6d7	1	Sjöholm Göran	\N	ordförande	\N	\N
	d0d1d2d3d4d5d6d7	2	Strand Birgitta	\N	tjänstgörande ersättare	Forsman Tom	\N
	EOF_
	test_cmp expect actual
'

test_expect_success 'metadata from the page header and the first page' '
	segment &&
	stream_records meta out | cut -f3- >actual &&
	printf "Region Västernorrland\tHälso- och sjukvårdsnämnden\tprotokoll\t2025-03-20\t2025-03-21\tSammanträdesrummet Furan samt Teams\t25HSN3\n" >expect &&
	printf "NYKARLEBY STAD\tPersonalsektionen\tprotokoll\t2023-03-28\t\\\\N\t\\\\N\t\\\\N\n" >>expect &&
	test_cmp expect actual
'

# t0300/meta.sketch: a cover whose text layer is trusted less (0.81) than
# the next page's; places after the time and wrapped to the margin
test_expect_success 'metadata: a misread organ mended from a page trusted more; the place alone' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/meta.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	stream_records meta out | cut -f2,4,8 >actual &&
	cat >expect <<-\EOF_ &&
	7a7b7c7d7e7f8081	Rådet för funktionshindrade	Folkets hus, Stora salen
	8a8b8c8d8e8f9091	Kommunstyrelsen	Kommunhuset och digitalt via Teams
	9a9b9c9d9e9fa0a1	Rådet för funktinnshndrade	Stadshuset
	EOF_
	test_cmp expect actual
'

test_expect_success 'motions: who moved and who reserved' '
	segment &&
	fields motion 5,6,7 >actual &&
	printf "yrkande\tGlenn Nordlund\tS\nyrkande\tSara Nylund\tS\nreservation\tJonny Lundin\tC\nreservation\tMattias Rösberg\tSJVP\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'sections keep bullets on lines of their own' '
	segment &&
	stream_records section out | grep "Beslutsunderlag" | cut -f6 >actual &&
	printf "%s\n" "• Tjänsteskrivelse\\n• Riktlinje, bilaga" >expect &&
	test_cmp expect actual
'

test_expect_success 'a stream cut off before its end record still gives its paragraphs' '
	segment &&
	grep -v "^end" in | head -n 60 >cut &&
	"$PF_BIN/pf-segment" cut >out2 &&
	test_grep "^para	0a0b0c0d0e0f1011	24" out2 &&
	test_grep "^meta	0a0b0c0d0e0f1011" out2
'

# b.stream: "§31" alone, then "§ 3a." whose number goes backwards: text
test_expect_success 'the skeleton streams still segment' '
	"$PF_BIN/pf-segment" "$IN/a.stream" "$IN/b.stream" >out &&
	fields para 3,4 >actual &&
	printf "29\tÖvergripande fördelning, medel\n31\t\\\\N\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a plain (OCR) title wraps where its next word did not fit' '
	python3 "$TESTDIR/tools/lines2stream.py" "$GOLDEN/plain-title.sketch" >in &&
	"$PF_BIN/pf-segment" in >out &&
	fields para 3,4 >actual &&
	printf "%s\t%s\n" 213 "Fördelning av 2022 års bidrag till funktionshindersonsorganisationer" \
		214 "Val av justerare" >expect &&
	test_cmp expect actual
'

test_done
