#!/usr/bin/env bash
# t0950: the truth that make score measures against (fixtures/TRUTH.md).
#
# The hand-written truth of the real group and the generated truth of the zoo
# and the fixtures follow TRUTH.md's conventions (tests/tools/truth-lint.py);
# the generated truth is what its generator writes today (no hand edits that a
# regeneration would lose); and every zoo PDF prints what its truth says.
. "$(dirname "$0")/test-lib.sh"

LINT="python3 $PF_ROOT/tests/tools/truth-lint.py"
ZOO="python3 $PF_ROOT/scripts/fixtures/zoo.py"

test_expect_success 'every truth folder follows TRUTH.md' '
	$LINT "$PF_ROOT/fixtures/real" "$PF_ROOT/fixtures/zoo" "$PF_ROOT/fixtures/expected"
'

test_expect_success 'truth-lint finds what a hand edit gets wrong' '
	mkdir -p t/doc-a &&
	printf "%s\n" "doc_id,seq,name,party,role,replaces,note" \
		"doc-a,1,Anna Berg,S,ledamot,," "doc-a,3,Per Ek,,medlem,," >t/doc-a/attendees.csv &&
	printf "%s\n" "doc_id,para_no,seq,amount,currency,raw" \
		"doc-b,§ 4,1,1 500,kr,1 500 kr" >t/doc-a/amounts.csv &&
	printf "%s\n" "doc_id,organization,organ,doc_type,meeting_date,meeting_time,meeting_end_time,place" \
		"doc-a,X kommun,KS,protokoll,2024-03-12,9.15,16:00,Rum" >t/doc-a/documents.csv &&
	test_expect_code 1 $LINT t 2>err &&
	test_grep "documents.csv:2: meeting_time .9.15.: want HH:MM" err &&
	test_grep "attendees.csv:3: seq 3: want 2" err &&
	test_grep "attendees.csv:3: role .medlem." err &&
	test_grep "amounts.csv:2: doc_id .doc-b. is not the folder name" err &&
	test_grep "amounts.csv:2: para_no .§ 4." err &&
	test_grep "amounts.csv:2: amount .1 500." err &&
	test_grep "amounts.csv:2: currency .kr." err
'

test_expect_success 'the zoo truth is what scripts/fixtures/zoo.py writes' '
	for name in $($ZOO list); do
		$ZOO build "$name" "zoo/$name" work >/dev/null &&
		for f in "$PF_ROOT/fixtures/zoo/$name"/*.csv; do
			test_cmp "$f" "zoo/$name/$(basename "$f")" || exit 1
		done || exit 1
	done
'

test_expect_success 'every zoo PDF prints its truth' '
	for name in $($ZOO list); do
		for pdf in "$PF_ROOT/fixtures/zoo/$name/$name.pdf" \
			   "$PF_ROOT/fixtures/zoo/$name/$name-weasy.pdf"; do
			$ZOO check "$name" "$pdf" >out 2>&1 || { cat out; exit 1; }
		done
	done
'

test_expect_success 'the fixtures truth is what scripts/fixtures/gen.py writes' '
	for src in "$PF_ROOT"/fixtures/src/*.psrc; do
		doc=$(basename "$src" .psrc) &&
		python3 "$PF_ROOT/scripts/fixtures/gen.py" truth "$src" "exp/$doc" &&
		for f in "$PF_ROOT/fixtures/expected/$doc"/*.csv; do
			test_cmp "$f" "exp/$doc/$(basename "$f")" || exit 1
		done || exit 1
	done
'

test_done
