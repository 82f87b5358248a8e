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

import tinypdf

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
tinypdf.write(objs)
