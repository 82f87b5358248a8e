#!/usr/bin/env python3
"""Writes a one-page PDF whose text layer lies: the page shows Swedish text
in Helvetica, but the font's ToUnicode map gives other letters for å, ä, ö
and v (a, a, o and a space), as the broken Calibri subsets of real Finland-
Swedish minutes do ("beslutfrhet" for "beslutförhet"). Poppler draws the
glyphs right and extracts the map's letters: the text looks perfect and
reads wrong. For pf-pdftext's trust score and its OCR of such a page.

The last line's first letter is drawn as a small "p" that the map calls
"P": OCR reads the small letter the page shows, the layer has the capital,
as when tesseract takes a capital P for a small one ("193 § presentation").

usage: lying-pdf.py > FILE.pdf"""
import zlib

import tinypdf

W, H = 595, 842
LINES = [
    '\xa7 13 Sammantr\xe4dets laglighet och beslutf\xf6rhet',
    'Ordf\xf6randen konstaterar att sammantr\xe4det \xe4r lagligt',
    'sammankallat och beslutf\xf6rt. Val av justerare f\xf6rr\xe4ttas.',
    '\xa7 14 V\xe5rens m\xf6ten och verksamhetsber\xe4ttelse',
    'N\xe4mnden beslutar att godk\xe4nna verksamhetsber\xe4ttelsen',
    'f\xf6r \xe5r 2022 och att f\xf6rvaltningen ska redovisa',
    'v\xe5rens m\xf6testider till n\xe4sta sammantr\xe4de.',
    '\xa7 15 \xd6vriga \xe4renden i v\xe4lf\xe4rdsn\xe4mnden',
    'Inga \xf6vriga \xe4renden behandlades vid sammantr\xe4det.',
    '\x80resentationen av budgeten godk\xe4ndes.',
]
# the lie: code (WinAnsi) -> what the map says
LIES = {0xe5: 'a', 0xe4: 'a', 0xf6: 'o', 0x76: ' ', 0xc5: 'A', 0xc4: 'A', 0xd6: 'O',
        0x80: 'P'}


def esc(s):
    b = s.encode('latin-1')
    return b.replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)')


def tounicode():
    entries = []
    for code in range(0x20, 0x100):
        ch = LIES.get(code, bytes([code]).decode('cp1252', errors='replace'))
        if ch == '\ufffd':
            continue
        entries.append(b'<%02X> <%04X>' % (code, ord(ch)))
    body = b'\n'.join(entries)
    cmap = (b'/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n'
            b'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n'
            b'/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n'
            b'1 begincodespacerange <00> <FF> endcodespacerange\n'
            + b'%d beginbfchar\n' % len(entries) + body + b'\nendbfchar\n'
            b'endcmap CMapName currentdict /CMap defineresource pop end end\n')
    data = zlib.compress(cmap)
    return b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data + b'\nendstream'


content = b''
for i, t in enumerate(LINES):
    size = 14 if t.startswith('\xa7') else 12
    content += b'BT /F1 %d Tf 72 %d Td (%s) Tj ET\n' % (size, H - 100 - i * 24, esc(t))
data = zlib.compress(content)
tinypdf.write([
    b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] '
    b'/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>' % (W, H),
    b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data + b'\nendstream',
    b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding '
    b'<< /BaseEncoding /WinAnsiEncoding /Differences [128 /p] >> /ToUnicode 6 0 R >>',
    tounicode(),
])
