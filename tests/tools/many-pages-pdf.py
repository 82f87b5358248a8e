#!/usr/bin/env python3
"""Writes a PDF of N blank pages, for pf-pdftext's page limit
(--max-pages, docs/pf-pdftext.md, "Limits").

usage: many-pages-pdf.py N > FILE.pdf"""
import sys

n = int(sys.argv[1])
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % (i + 3) for i in range(n)) +
        b'] /Count %d >>' % n]
objs += [b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'] * n
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
