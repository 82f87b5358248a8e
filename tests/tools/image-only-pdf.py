#!/usr/bin/env python3
"""Writes an image-only PDF (no text layer at all) from grey page images,
one page each: what a scanner without OCR makes. The images are binary PGM
files (P5, 8 bits), as `pdftoppm -gray -r DPI` writes them; each page gets
the size the image has at DPI.

  pdftoppm -r 200 -gray in.pdf page
  image-only-pdf.py 200 page-*.pgm > scan.pdf

Used by tests/t1000 (OCR built in) and scripts/score-image-only (the image-
only versions of the scanned fixtures). usage: image-only-pdf.py DPI PGM..."""
import sys
import zlib

import tinypdf


def read_pgm(path):
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:             # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':  # a comment runs to the end of the line
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b'P5' or fields[3] != b'255':
        sys.exit('image-only-pdf.py: %s: not an 8-bit binary PGM' % path)
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    dpi = float(sys.argv[1])
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', None]
    kids = []
    for path in sys.argv[2:]:
        w, h, pixels = read_pgm(path)
        pw, ph = w * 72 / dpi, h * 72 / dpi
        n = len(objs) + 1
        kids.append(b'%d 0 R' % n)
        image = zlib.compress(pixels)
        content = b'q %.2f 0 0 %.2f 0 0 cm /Im Do Q\n' % (pw, ph)
        objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] '
                    b'/Resources << /XObject << /Im %d 0 R >> >> /Contents %d 0 R >>'
                    % (pw, ph, n + 2, n + 1))
        objs.append(b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream')
        objs.append(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace '
                    b'/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\n'
                    b'stream\n' % (w, h, len(image)) + image + b'\nendstream')
    objs[1] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (b' '.join(kids), len(kids))
    tinypdf.write(objs)


main()
