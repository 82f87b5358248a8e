#!/usr/bin/env python3
"""Writes a three-page PDF whose text is in Helvetica (not tesseract's
GlyphLessFont) over a page-sized image, for pf-pdftext's test of OCR layers
by other engines (docs/pf-pdftext.md, text_layer):

  page 1  a gray scan: ink under every line of text, the text invisible
          (render mode 3), as Acrobat, ABBYY or macOS Preview write it -> ocr
  page 2  a white letterhead image with a dark logo in a corner, the same
          text visible over white -> born_digital
  page 3  a scanner's two-layer page: a white background image and a 1-bit
          stencil mask holding the ink, the text invisible -> ocr
  page 4  the gray scan with no OCR layer, only a publisher's stamp of text
          in its top margin -> born_digital, and a warning: needs OCR

With --plain N the three pages come after N plain born-digital pages (text,
no image), and each of them N times over: a run of scans late in a document.

usage: scan-layer-pdf.py [--plain N] > FILE.pdf"""
import sys
import zlib

import tinypdf

W, H = 595, 842          # page, points
PX = 2                   # points per image pixel (a 36 dpi scan)
IW, IH = W // PX, H // PX
LINES = ['Protokoll fort vid sammantrade', 'Paragraf 12 Val av justerare',
         'Beslut att utse Anna Ek att justera', 'Summa 17 587 638 kr']
X0, Y_TOP, PITCH, SIZE = 72, 120, 30, 12   # text: left, first baseline from top


def line_boxes():
    """(x0, y0, x1, y1) of each text line, image pixels, origin top-left."""
    for i, t in enumerate(LINES):
        base = Y_TOP + i * PITCH
        x1 = X0 + 0.56 * SIZE * len(t)
        yield (X0 // PX, (base - SIZE) // PX, int(x1) // PX + 1, (base + 3) // PX + 1)


def gray_image(ink_under_text, logo):
    rows = [bytearray([255] * IW) for _ in range(IH)]
    if ink_under_text:
        for x0, y0, x1, y1 in line_boxes():
            for y in range(y0, y1):
                for x in range(x0, x1):
                    if (x + y) % 3:   # strokes, not a solid bar
                        rows[y][x] = 20
    if logo:
        for y in range(10, 40):
            for x in range(10, 40):
                rows[y][x] = 0
    return b''.join(rows)


def stencil():
    """1 bit a pixel, rows padded to bytes; 0 paints (the default Decode)."""
    stride = (IW + 7) // 8
    rows = [bytearray([0xff] * stride) for _ in range(IH)]
    for x0, y0, x1, y1 in line_boxes():
        for y in range(y0, y1):
            for x in range(x0, x1):
                if (x + y) % 3:
                    rows[y][x // 8] &= ~(0x80 >> (x % 8)) & 0xff
    return b''.join(rows)


STAMP = b'BT /F1 9 Tf 380 %d Td (Bilaga Kommunstyrelsen 2023-03-28 \247 21) Tj ET\n' % (H - 30)


def text(mode):
    out = b''
    for i, t in enumerate(LINES):
        out += b'BT %d Tr /F1 %d Tf %d %d Td (%s) Tj ET\n' % (
            mode, SIZE, X0, H - (Y_TOP + i * PITCH), t.encode('ascii'))
    return out


def stream(dict_entries, data):
    data = zlib.compress(data)
    return (b'<< %s /Length %d /Filter /FlateDecode >>\nstream\n' % (dict_entries, len(data))
            + data + b'\nendstream')


def gray(data):
    return stream(b'/Type /XObject /Subtype /Image /Width %d /Height %d '
                  b'/ColorSpace /DeviceGray /BitsPerComponent 8' % (IW, IH), data)


full = b'q %d 0 0 %d 0 0 cm /Im Do Q\n' % (W, H)
pages = [
    (gray(gray_image(True, False)), None, full + text(3)),
    (gray(gray_image(False, True)), None, full + text(0)),
    (gray(gray_image(False, False)),
     stream(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ImageMask true '
            b'/BitsPerComponent 1' % (IW, IH), stencil()),
     full + b'q 0 g %d 0 0 %d 0 0 cm /Mask Do Q\n' % (W, H) + text(3)),
    (gray(gray_image(True, False)), None, full + STAMP),
]

plain = int(sys.argv[2]) if sys.argv[1:2] == ['--plain'] else 0
if plain:
    pages = [(None, None, text(0))] * plain + [p for p in pages for _ in range(plain)]

# objects: 1 catalog, 2 pages, 3 font, then per page: page, contents, image(s)
objs = [b'<< /Type /Catalog /Pages 2 0 R >>', None,
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']
kids = []
for image, mask, content in pages:
    n = len(objs) + 1
    kids.append(b'%d 0 R' % n)
    xobjects = b''
    if image:
        xobjects = b'/XObject << /Im %d 0 R' % (n + 2) + (b' /Mask %d 0 R' % (n + 3) if mask else b'') + b' >>'
    objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] '
                b'/Resources << /Font << /F1 3 0 R >> %s >> '
                b'/Contents %d 0 R >>' % (W, H, xobjects, n + 1))
    objs.append(stream(b'', content))
    if image:
        objs.append(image)
    if mask:
        objs.append(mask)
objs[1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(kids), len(kids))
tinypdf.write(objs)
