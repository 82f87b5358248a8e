#!/usr/bin/env python3
"""Checks that pf-normalize lost nothing: every line of the input stream
reaches the output (as line or furniture) with the same text, unless trace
records show the chain of repairs from the input text to the output text.

usage: nothing-lost.py INPUT.stream OUTPUT.stream   (OUTPUT made with --trace)
Exit 0 when everything is accounted for; 1 with the differences listed."""
import sys


def unescape(f):
    if f == '\\N':
        return None
    out, i = [], 0
    while i < len(f):
        c = f[i]
        if c == '\\' and i + 1 < len(f):
            i += 1
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}.get(f[i], f[i]))
        else:
            out.append(c)
        i += 1
    return ''.join(out)


def records(path):
    with open(path, encoding='utf-8') as fh:
        for raw in fh:
            yield [unescape(f) for f in raw.rstrip('\n').split('\t')]


def collapse(s):
    return ' '.join((s or '').split())


def main():
    inp, out = sys.argv[1], sys.argv[2]
    before = {}
    for r in records(inp):
        if r[0] == 'line':
            before[(r[1], r[2], r[3])] = collapse(r[11])
    after, traces = {}, {}
    for r in records(out):
        if r[0] in ('line', 'furniture'):
            after[(r[1], r[2], r[3])] = collapse(r[11])
        elif r[0] == 'trace':
            traces.setdefault((r[1], r[2], r[3]), []).append((r[4], r[5], r[6]))
    bad = 0
    for key, text in before.items():
        chain = traces.get(key, [])
        cur = text
        for kind, b, a in chain:
            if collapse(b) != cur:
                print(f'{key}: trace {kind} starts from {b!r}, text was {cur!r}')
                bad += 1
            cur = collapse(a)
        got = after.get(key)
        if got is None and cur != '':
            print(f'{key}: line lost: {cur!r}')
            bad += 1
        elif got is not None and got != cur:
            print(f'{key}: untraced change: {cur!r} -> {got!r}')
            bad += 1
    for key in after:
        if key not in before:
            print(f'{key}: line appeared from nowhere')
            bad += 1
    print(f'{len(before)} lines in, {len(after)} out, '
          f'{sum(len(c) for c in traces.values())} traced repairs, {bad} problems')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
