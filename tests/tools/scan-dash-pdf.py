#!/usr/bin/env python3
"""Writes a one-page scan with an OCR layer in Helvetica (invisible, over a
200 dpi gray image), for pf-pdftext's test of dashes on scans
(docs/pf-pdftext.md, "Dashes on scans"). The layer reads, as OCR writes it,
"Budget 2025-2027" and "Datum 2024-03-12" on two lines, every dash a
hyphen; the image prints the first dash as an en dash (0.5 em wide) and
the other two as hyphens (0.25 em). Letters and digits are drawn as boxes:
their columns have ink at the top and the bottom, a dash's only in a thin
bar at half the x-height.

usage: scan-dash-pdf.py > FILE.pdf"""
import zlib

import tinypdf

W, H = 300, 120                 # page, points
DPI = 200
S = DPI / 72                    # pixels per point
IW, IH = round(W * S), round(H * S)
SIZE = 12                       # font size, points
X0 = 20
LINES = [(50, 'Budget 2025-2027', {11: 0.5}), (90, 'Datum 2024-03-12', {})]
# Helvetica's advance widths, thousandths of an em
ADVANCE = {' ': 278, '-': 333}
HYPHEN_EM = 0.25


def advance(c):
    return ADVANCE.get(c, 556 if c.isdigit() else 600 if c.isupper() else 556)


def draw(rows, x0, y0, x1, y1):
    """Fills the box (points) with ink."""
    for y in range(round(y0 * S), round(y1 * S)):
        for x in range(round(x0 * S), round(x1 * S)):
            rows[y][x] = 0


def glyph(rows, c, x, base, wide):
    """Draws character c, advance from x on baseline base (points)."""
    em, a = SIZE, advance(c) * SIZE / 1000
    stroke = 0.09 * em
    if c == ' ':
        return
    if c == '-':
        ink = (wide or HYPHEN_EM) * em
        mid = x + a / 2
        draw(rows, mid - ink / 2, base - 0.29 * em, mid + ink / 2, base - 0.21 * em)
        return
    top = base - (0.72 if c.isupper() or c.isdigit() else 0.52) * em
    left, right = x + 0.06 * em, x + a - 0.06 * em
    draw(rows, left, top, left + stroke, base)
    draw(rows, right - stroke, top, right, base)
    draw(rows, left, top, right, top + stroke)
    draw(rows, left, base - stroke, right, base)


def image():
    rows = [bytearray([255] * IW) for _ in range(IH)]
    for base, text, wide in LINES:
        x = X0
        for i, c in enumerate(text):
            glyph(rows, c, x, base, wide.get(i))
            # an en dash is an en wide: what follows it moves on
            x += (0.556 * SIZE if i in wide else advance(c) * SIZE / 1000)
    return zlib.compress(b''.join(rows))


def content():
    out = b'q %d 0 0 %d 0 0 cm /Im Do Q\n' % (W, H)
    for base, text, _ in LINES:
        out += b'BT 3 Tr /F1 %d Tf %d %d Td (%s) Tj ET\n' % (SIZE, X0, H - base,
                                                           text.encode('ascii'))
    return out


def stream(entries, data):
    return b'<< %s /Length %d >>\nstream\n' % (entries, len(data)) + data + b'\nendstream'


data = content()
pixels = image()
tinypdf.write([
    b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] '
    b'/Resources << /Font << /F1 3 0 R >> /XObject << /Im 6 0 R >> >> '
    b'/Contents 5 0 R >>' % (W, H),
    stream(b'', data),
    stream(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray '
           b'/BitsPerComponent 8 /Filter /FlateDecode' % (IW, IH), pixels),
])
