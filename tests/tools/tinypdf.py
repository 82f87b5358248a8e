"""The smallest PDF file around a list of objects, for test tools that need
a PDF poppler reads but no PDF producer: tinypdf.write([obj1, obj2, ...])
numbers them 1, 2, ... (object 1 must be the catalog) and writes the file,
with its xref table, to stdout."""
import sys


def write(objs):
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
