# Writes a CSV file with its columns in reverse order (header too): the
# loaders must load it by the names of its columns, not their position.
# Fields are moved as written, quotes and all: "" (an empty string) must
# stay apart from an empty field (null).
import sys

data = open(sys.argv[1], encoding="utf-8", newline="").read()
out = []
record, field, quoted = [], [], False
for ch in data:
    if ch == '"':
        quoted = not quoted
    if not quoted and ch == ",":
        record.append("".join(field))
        field = []
    elif not quoted and ch == "\n":
        record.append("".join(field))
        out.append(",".join(reversed(record)))
        record, field = [], []
    else:
        field.append(ch)
sys.stdout.write("".join(line + "\n" for line in out))
