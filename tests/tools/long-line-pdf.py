#!/usr/bin/env python3
"""Writes a one-page PDF whose first text line is N words "€€€" (Helvetica,
WinAnsi: 9 bytes of UTF-8 and a space each, 10 N - 1 bytes in all) after
PREFIX (ASCII, glued to the first word; it moves where the line's byte count
falls in a character), set so small that they fit the page, and a second
line "Slut". For the line length limit of pf-pdftext (docs/pf-pdftext.md,
"Limits").

usage: long-line-pdf.py N [PREFIX] > FILE.pdf"""
import sys
import zlib

n = int(sys.argv[1])
prefix = sys.argv[2].encode('ascii') if len(sys.argv) > 2 else b''
# a Helvetica "€" is 0.556 em wide, a space 0.278: 4 N glyphs in 520 pt
size = min(10.0, 520.0 / (n * (3 * 0.556 + 0.278)))
content = (b'BT /F1 %.5f Tf 30 700 Td (' % size + prefix + b' '.join([b'\x80\x80\x80'] * n) +
           b') Tj ET\nBT /F1 10 Tf 30 650 Td (Slut) Tj ET\n')
data = zlib.compress(content)
objs = [
    b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
    b'/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data + b'\nendstream',
]
out = bytearray(b'%PDF-1.4\n')
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
x = len(out)
out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
for o in offs:
    out += b'%010d 00000 n \n' % o
out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
sys.stdout.buffer.write(out)
