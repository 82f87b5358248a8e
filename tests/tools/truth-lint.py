#!/usr/bin/env python3
"""truth-lint: check truth CSV folders against fixtures/TRUTH.md's conventions.

  truth-lint.py DIR...      each DIR holds one folder per document

Checks what a hand-written truth file gets wrong most easily: the header, the
field count, doc_id = folder name, para_no as printed ("12", "3a"), seq counting
from 1 (per paragraph for decisions and amounts, per document for attendees),
role, doc_type, date, time (HH:MM) and currency from their lists, amount a plain number, no
whitespace to collapse. One line per problem on stderr, 'file:line: what'.
Exit codes: 0 clean, 1 problems found, 2 usage.
"""
import csv
import os
import re
import sys

HEADERS = {
    "documents": ["doc_id", "organization", "organ", "doc_type", "meeting_date", "meeting_time",
                  "meeting_end_time", "place"],
    "paragraphs": ["doc_id", "para_no", "title", "dnr"],
    "decisions": ["doc_id", "para_no", "seq", "text"],
    "attendees": ["doc_id", "seq", "name", "party", "role", "replaces", "note"],
    "amounts": ["doc_id", "para_no", "seq", "amount", "currency", "raw"],
}
ROLES = {"ordförande", "1:e vice ordförande", "2:e vice ordförande", "vice ordförande",
         "ledamot", "tjänstgörande ersättare", "ersättare", "tjänsteperson",
         "sekreterare", "justerare", "övrig"}
DOC_TYPES = {"protokoll", "protokollsutdrag", "föredragningslista", "kallelse"}
PARA_NO = re.compile(r"^[0-9]+[a-z]?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")

problems = 0


def report(path, line, what):
    global problems
    problems += 1
    print(f"{path}:{line}: {what}", file=sys.stderr)


def lint_file(path, table, doc):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows:
        report(path, 1, "no header")
        return
    header = rows[0]
    want = HEADERS[table]
    if header[:len(want)] != want:
        report(path, 1, f"header {','.join(header)}: want it to start {','.join(want)}")
        return
    seqs = {}
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            report(path, n, f"{len(row)} fields, header has {len(header)}")
            continue
        r = dict(zip(header, row))
        if r["doc_id"] != doc:
            report(path, n, f"doc_id '{r['doc_id']}' is not the folder name '{doc}'")
        for k, v in r.items():
            if v != " ".join(v.split()):
                report(path, n, f"{k}: whitespace not collapsed: {v!r}")
        if r.get("para_no") and not PARA_NO.match(r["para_no"]):
            report(path, n, f"para_no '{r['para_no']}': want digits and a letter ('3a')")
        if table == "documents":
            if r["doc_type"] not in DOC_TYPES:
                report(path, n, f"doc_type '{r['doc_type']}' not in {sorted(DOC_TYPES)}")
            if r["meeting_date"] and not DATE.match(r["meeting_date"]):
                report(path, n, f"meeting_date '{r['meeting_date']}': want YYYY-MM-DD")
            for k in ("meeting_time", "meeting_end_time"):
                if r[k] and not TIME.match(r[k]):
                    report(path, n, f"{k} '{r[k]}': want HH:MM")
            if r["meeting_end_time"] and not r["meeting_time"]:
                report(path, n, "meeting_end_time without meeting_time")
        if table == "attendees" and r["role"] not in ROLES:
            report(path, n, f"role '{r['role']}' not in TRUTH.md's list")
        if table == "amounts":
            if not AMOUNT.match(r["amount"]):
                report(path, n, f"amount '{r['amount']}': want digits, '.' for a fraction")
            if not CURRENCY.match(r["currency"]):
                report(path, n, f"currency '{r['currency']}': want an ISO 4217 code")
        if "seq" in r:
            key = r.get("para_no", "") if table != "attendees" else ""
            seqs[key] = seqs.get(key, 0) + 1
            if r["seq"] != str(seqs[key]):
                report(path, n, f"seq {r['seq']}: want {seqs[key]}")
    if table == "documents" and len(rows) != 2:
        report(path, 1, f"{len(rows) - 1} rows: want one")


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    for top in argv:
        if not os.path.isdir(top):
            print(f"truth-lint: no such folder '{top}'", file=sys.stderr)
            return 2
        for doc in sorted(os.listdir(top)):
            folder = os.path.join(top, doc)
            if not os.path.isdir(folder):
                continue
            for table in HEADERS:
                path = os.path.join(folder, table + ".csv")
                if os.path.exists(path):
                    try:
                        lint_file(path, table, doc)
                    except (csv.Error, UnicodeDecodeError) as e:
                        report(path, 0, f"unreadable: {e}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
