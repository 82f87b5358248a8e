#!/usr/bin/env python3
"""Writes a paragraf stream from a page sketch, for stage tests that need
lines with geometry but not a PDF.

    === doc 00112233445566aa protokoll.pdf     a document (closes the last)
    === page                                   a new page (A4, 595.3 x 841.9)
    === page ocr                               ... with text_layer ocr (or born_digital)
    === page born_digital 0.81                 ... and the text layer's trust
    [b] § 24 Val av justerare                  [b] bold, [i] italic
    [x=300] indented text                      x0 of the line
    [s=24] Appendix title                      its size (10 unless given)
    [y=800] Ordförandens sign | Exp den        y0 of the line; " | " splits spans
    [f] HÄLSO- OCH SJUKVÅRDSNÄMNDEN            a furniture record
    Name (M) |@300 Ordförande                  @x places a span (" |@x" splits too)
    (an empty line)                            one line of vertical space

Lines are 10 pt, 14 pt apart; a character is 5 pt wide. Anything after
"  #" at the end of a sketch line is a comment.

usage: lines2stream.py SKETCH > STREAM"""
import re
import sys

PITCH, SIZE, CW = 14.0, 10.0, 5.0


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))


def num(v):
    return '%.2f' % v


class Writer:
    def __init__(self):
        self.out = ['stream\tparagraf\t1']
        self.doc = None

    def end_doc(self):
        if self.doc:
            self.out.append(f'end\t{self.doc}\t{self.page}\t{self.lines}\tborn_digital')
        self.doc = None

    def start_doc(self, doc, source):
        self.end_doc()
        self.doc, self.page, self.lines = doc, 0, 0
        self.out.append(f'doc\t{doc}\t{esc(source)}\t{doc * 4}\t\\N\tsketch\t\\N')

    def start_page(self, layer=''):
        self.page += 1
        self.no, self.y = 0, 60.0
        self.out.append(f'page\t{self.doc}\t{self.page}\t595.30\t841.90\t0\t1000'
                        + ''.join('\t' + f for f in layer.split()))

    def line(self, text):
        flags = {}
        while True:
            m = re.match(r'\[(b|i|f|[xys]=[\d.]+)\]\s?', text)
            if not m:
                break
            k = m.group(1)
            if '=' in k:
                a, v = k.split('=')
                flags[a] = float(v)
            else:
                flags[k] = True
            text = text[m.end():]
        x = flags.get('x', 57.0)
        size = flags.get('s', SIZE)
        y = flags.get('y', self.y)
        spans = []
        for part in re.split(r' \| ?(?=@)| \| ', text):
            m = re.match(r'@([\d.]+) ', part)
            if m:
                x = float(m.group(1))
                part = part[m.end():]
            spans.append((x, x + CW * len(part), part))
            x = x + CW * len(part) + 30
        self.no += 1
        self.lines += 1
        kind = 'furniture' if flags.get('f') else 'line'
        f = [kind, self.doc, str(self.page), str(self.no), num(spans[0][0]), num(y),
             num(spans[-1][1]), num(y + 1.2 * size), num(size), '1' if flags.get('b') else '0',
             '1' if flags.get('i') else '0', esc(' '.join(s[2] for s in spans))]
        for x0, x1, t in spans:
            f += [num(x0), num(x1), esc(t)]
        self.out.append('\t'.join(f))
        if 'y' not in flags:
            self.y = y + PITCH


def main():
    w = Writer()
    with open(sys.argv[1], encoding='utf-8') as fh:
        for raw in fh:
            line = re.sub(r'\s+#.*$', '', raw.rstrip('\n')) if '  #' in raw else raw.rstrip('\n')
            if line.startswith('=== doc '):
                _, _, doc, source = line.split(' ', 3)
                w.start_doc(doc, source)
            elif line.startswith('=== page'):
                w.start_page(line[len('=== page'):].strip())
            elif not line.strip():
                w.y += PITCH
            else:
                w.line(line)
    w.end_doc()
    sys.stdout.write('\n'.join(w.out) + '\n')


if __name__ == '__main__':
    main()
