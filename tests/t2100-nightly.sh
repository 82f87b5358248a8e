#!/usr/bin/env bash
# paragraf run in a nightly job must never lose the tables (docs/driver.md,
# "Exit status" and "What a run does to the tables"). Every case runs a
# first night that works, then a night that goes wrong, and looks at what
# is left:
#
# - an inbox that does not exist, or cannot be read: exit 3, and the output
#   folder (tables, store, quarantine) is byte for byte as it was;
# - an empty inbox: exit 4, the same; --allow-empty empties the tables;
# - one bad file among good ones: exit 1, the good ones in the tables;
# - an archive, a subfolder or a file of the inbox that cannot be read
#   now: exit 1, an error row, and the documents of the last night from it
#   keep their rows; a document really gone leaves the tables;
# - every file left out is named once in errors.csv, as skipped;
# - a copy of pipeline.conf (-c) writes where the defaults write.
#
# Permissions mean nothing to root: the unreadable cases run paragraf as
# nobody when the tests run as root.
. "$(dirname "$0")/test-lib.sh"

PDF=$TESTDIR/pdf
PARAGRAF=$PF_BIN/paragraf

# Everything in DIR: files with size, mode, mtime and SHA-256, folders by
# name (a run makes and removes its own tmp/ in the state folder).
snapshot() { # DIR
	(cd "$1" && find . -type d | LC_ALL=C sort &&
		find . -type f -printf '%p %s %m %T@\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# Runs a command as a user for whom permissions count. nobody must reach the
# programs too: a checkout under /root (a fresh machine's) is closed to it, so
# the driver and its stages run from a copy in the trash folder (the driver
# finds its stages beside itself).
if test "$(id -u)" = 0; then
	as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
	chmod 711 "$TRASH"
	mkdir "$TRASH/.bin" && cp "$PF_BIN"/paragraf "$PF_BIN"/pf-* "$TRASH/.bin/" &&
		chmod 755 "$TRASH/.bin" "$TRASH/.bin"/* || exit 1
	PARAGRAF=$TRASH/.bin/paragraf
else
	as_user() { "$@"; }
fi

# inbox/ with two good PDFs in a subfolder and one at the top
make_inbox() {
	mkdir -p inbox/2024 &&
	cp "$PDF/protocol.pdf" inbox/2024/protocol.pdf &&
	cp "$PDF/rotated.pdf" inbox/2024/rotated.pdf &&
	cp "$PDF/table.pdf" inbox/table.pdf
}

sources() { # DIR: the sources of documents.csv
	cut -d, -f2 "$1/documents.csv" | tail -n +2
}

# ---- the inbox is not there, or cannot be read ----

test_expect_success 'a missing inbox: exit 3 before anything is touched' '
	make_inbox &&
	"$PARAGRAF" run --out out inbox 2>log1 &&
	snapshot out >before &&
	test_expect_code 3 "$PARAGRAF" run --out out no-such-inbox 2>log2 &&
	snapshot out >after &&
	test_cmp before after &&
	cat >expect <<-\EOF &&
	paragraf: cannot read input '"'"'no-such-inbox'"'"': No such file or directory
	paragraf: nothing was run: the tables in '"'"'out'"'"' are as they were
	EOF
	test_cmp expect log2
'

test_expect_success 'a missing inbox next to a good one: exit 3 all the same' '
	make_inbox &&
	"$PARAGRAF" run --out out inbox 2>log1 &&
	snapshot out >before &&
	test_expect_code 3 "$PARAGRAF" run --out out inbox /srv/paragraf/no-such-share 2>log2 &&
	snapshot out >after && test_cmp before after &&
	test_grep "cannot read input ./srv/paragraf/no-such-share.: No such file" log2
'

test_expect_success 'an inbox that cannot be read: exit 3, the output as it was' '
	make_inbox && chmod -R a+rwX . &&
	as_user "$PARAGRAF" run --out out inbox 2>log1 &&
	test_line_count 4 out/documents.csv &&
	snapshot out >before &&
	chmod 000 inbox &&
	test_expect_code 3 as_user "$PARAGRAF" run --out out inbox 2>log2 &&
	chmod 755 inbox &&
	snapshot out >after && test_cmp before after &&
	test_grep "^paragraf: cannot read input .inbox.: Permission denied$" log2
'

# ---- no document ----

test_expect_success 'an empty inbox: exit 4, the last tables stay; --allow-empty empties them' '
	make_inbox &&
	"$PARAGRAF" run --out out inbox 2>log1 &&
	snapshot out >before &&
	rm -r inbox/* && echo "a note" >inbox/readme.txt &&
	test_expect_code 4 "$PARAGRAF" run --out out inbox 2>log2 &&
	snapshot out >after && test_cmp before after &&
	cat >expect <<-\EOF &&
	paragraf: skipped '"'"'inbox/readme.txt'"'"': neither PDF nor archive
	paragraf: no documents in the inputs: the tables in '"'"'out'"'"' are as they were (--allow-empty writes empty tables)
	EOF
	test_cmp expect log2 &&
	"$PARAGRAF" run --allow-empty --out out inbox 2>log3 &&
	test_line_count 1 out/documents.csv &&
	test_line_count 1 out/paragraphs.csv &&
	test_grep "^,inbox/readme.txt,paragraf,skipped," out/errors.csv &&
	ls out/.paragraf/docs >stored && test_line_count 0 stored
'

# ---- one bad file among good ones ----

test_expect_success 'one bad file among good ones: exit 1, the good ones in the tables' '
	make_inbox &&
	"$PARAGRAF" run --out out inbox 2>log1 &&
	cp "$PDF/corrupt.pdf" inbox/2024/minutes.pdf &&
	test_expect_code 1 "$PARAGRAF" run --out out inbox 2>log2 &&
	sources out >actual &&
	printf "%s\n" inbox/2024/protocol.pdf inbox/2024/rotated.pdf inbox/table.pdf >expect &&
	test_cmp expect actual &&
	test_grep "^e1ba190bf7cf1ae7,inbox/2024/minutes.pdf,pf-pdftext,error,damaged PDF" out/errors.csv &&
	test_grep "4 documents: 0 done, 3 unchanged, 1 failed" log2 &&
	test_grep "1 failed: see .out/errors.csv.; 1 copy in .out/quarantine.$" log2 &&
	cmp "$PDF/corrupt.pdf" out/quarantine/e1ba190bf7cf1ae7-minutes.pdf
'

# ---- a part of the inbox cannot be read: its documents are kept ----

test_expect_success 'an archive that breaks: exit 1, its documents of the last night kept' '
	make_inbox &&
	(cd inbox && bsdtar --format zip -cf ../in.zip 2024 table.pdf) && rm -r inbox &&
	"$PARAGRAF" run --out out in.zip 2>log1 &&
	cp out/documents.csv documents.before &&
	test_line_count 4 documents.before &&
	# cut short: what can be read of it is, the rest is kept
	head -c 300 in.zip >broken && cp broken in.zip &&
	test_expect_code 1 "$PARAGRAF" run --out out in.zip 2>log2 &&
	test_cmp documents.before out/documents.csv &&
	test_grep "^,in.zip,paragraf,error,cannot read archive after .*; the 2 documents of the last run from it are kept$" \
		out/errors.csv &&
	ls out/.paragraf/docs >stored && test_line_count 3 stored &&
	# not an archive at all: every member kept, night after night
	echo "not a zip" >in.zip &&
	test_expect_code 1 "$PARAGRAF" run --out out in.zip 2>log3 &&
	test_cmp documents.before out/documents.csv &&
	test_grep "^,in.zip,paragraf,error,cannot read archive: .*; the 3 documents of the last run from it are kept$" \
		out/errors.csv &&
	test_grep "3 documents: 0 to run, 0 unchanged, 3 kept from the last run; 1 input unreadable" log3 &&
	test_expect_code 1 "$PARAGRAF" run --out out in.zip 2>log4 &&
	test_cmp documents.before out/documents.csv
'

test_expect_success 'a subfolder that cannot be read: its documents kept; one really gone leaves' '
	make_inbox && chmod -R a+rwX . &&
	as_user "$PARAGRAF" run --out out inbox 2>log1 &&
	test_line_count 4 out/documents.csv &&
	grep -v ",inbox/table.pdf," out/documents.csv >expect &&
	chmod 000 inbox/2024 && rm inbox/table.pdf &&
	test_expect_code 1 as_user "$PARAGRAF" run --out out inbox 2>log2 &&
	chmod 755 inbox/2024 &&
	test_cmp expect out/documents.csv &&
	test_grep "^,inbox/2024,paragraf,error,cannot read folder: Permission denied; the 2 documents of the last run from it are kept$" \
		out/errors.csv &&
	test_grep "failed .inbox/2024.: cannot read folder: Permission denied; the 2 documents" log2 &&
	! grep -q "cop.* in " log2 &&
	# readable again, with one of the two gone: it leaves the tables
	rm inbox/2024/rotated.pdf &&
	as_user "$PARAGRAF" run --out out inbox 2>log3 &&
	sources out >actual && echo inbox/2024/protocol.pdf >expect && test_cmp expect actual &&
	test_line_count 1 out/errors.csv
'

test_expect_success 'a PDF that cannot be read: its rows of the last night kept, with an error row' '
	make_inbox && chmod -R a+rwX . &&
	as_user "$PARAGRAF" run --out out inbox 2>log1 &&
	cp out/documents.csv documents.before &&
	# touched (a file of unchanged size and mtime is not read: its hash is known)
	touch -d "2001-01-01" inbox/table.pdf && chmod 000 inbox/table.pdf &&
	test_expect_code 1 as_user "$PARAGRAF" run --out out inbox 2>log2 &&
	test_cmp documents.before out/documents.csv &&
	test_grep "^,inbox/table.pdf,paragraf,error,cannot read: Permission denied; its rows of the last run are kept$" \
		out/errors.csv &&
	test_grep "3 documents: 0 done, 2 unchanged, 0 failed, 1 kept from the last run" log2 &&
	test_grep "1 input could not be read: the documents of the last run from them are kept" log2
'

# ---- every file left out is named ----

test_expect_success 'every file left out is named once in errors.csv, as skipped' '
	make_inbox &&
	echo "a note" >inbox/notes.txt &&
	echo "half" >inbox/.upload.pdf.part &&
	mkdir inbox/.snapshot && cp "$PDF/table.pdf" inbox/.snapshot/old.pdf &&
	ln -s /nonexistent inbox/dangling.pdf &&
	mkdir elsewhere && ln -s "$PWD/elsewhere" inbox/linked &&
	mkfifo inbox/pipe.pdf &&
	mkdir -p z/__MACOSX z/docs && cp "$PDF/mixed.pdf" z/docs/t.pdf &&
	echo x >z/__MACOSX/._t.pdf && echo x >z/docs/list.xlsx &&
	(cd z && tar -cf inner.tar docs/list.xlsx && bsdtar --format zip -cf ../inbox/in.zip docs __MACOSX inner.tar) &&
	"$PARAGRAF" run --out out inbox inbox/notes.txt 2>log &&
	grep ",paragraf,skipped," out/errors.csv >actual &&
	cat >expect <<-\EOF &&
	,inbox/.snapshot,paragraf,skipped,hidden: the name starts with '"'"'.'"'"'
	,inbox/.upload.pdf.part,paragraf,skipped,hidden: the name starts with '"'"'.'"'"'
	,inbox/dangling.pdf,paragraf,skipped,a symbolic link to nothing
	,inbox/in.zip:docs/list.xlsx,paragraf,skipped,not a PDF (the name does not end in .pdf)
	,inbox/in.zip:__MACOSX/._t.pdf,paragraf,skipped,a macOS resource fork (__MACOSX/)
	,inbox/in.zip:inner.tar,paragraf,skipped,an archive inside an archive: not opened
	,inbox/linked,paragraf,skipped,a symbolic link to a folder: not followed
	,inbox/notes.txt,paragraf,skipped,neither PDF nor archive
	,inbox/pipe.pdf,paragraf,skipped,not a regular file
	EOF
	test_cmp expect actual &&
	test_grep "^paragraf: skipped .inbox/notes.txt.: neither PDF nor archive$" log &&
	grep -c "skipped .inbox/notes.txt." log >n && echo 1 >one && test_cmp one n &&
	test_line_count 5 out/documents.csv
'

# ---- the configuration's folder ----

test_expect_success 'a copy of pipeline.conf writes where the defaults write (./out)' '
	make_inbox &&
	mkdir conf && cp "$PF_ROOT/pipeline.conf" conf/copy.conf &&
	"$PARAGRAF" run -c conf/copy.conf inbox 2>log &&
	test -f out/documents.csv && ! test -e conf/out
'

test_done
