#!/usr/bin/env python3
"""Writes a PDF of N blank pages, for pf-pdftext's page limit
(--max-pages, docs/pf-pdftext.md, "Limits").

usage: many-pages-pdf.py N > FILE.pdf"""
import sys

import tinypdf

n = int(sys.argv[1])
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % (i + 3) for i in range(n)) +
        b'] /Count %d >>' % n]
objs += [b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'] * n
tinypdf.write(objs)
