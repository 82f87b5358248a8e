/*
 * A growable byte buffer and a writer for the Thrift compact protocol, just
 * enough of it to serialize Parquet's PageHeader and FileMetaData
 * (parquet.thrift). There is no reader: paragraf only writes Parquet.
 *
 * The protocol in a nutshell: a struct is a sequence of fields, each a
 * header byte (field-id delta << 4 | type) followed by the value, ended by
 * a 0 byte; integers are zigzag varints, binary/string is varint length +
 * bytes, booleans live in the field header itself. Fields must be written
 * in increasing id order within a struct (the delta is what makes that
 * cheap; a larger jump or a decrease costs an extra varint, still valid).
 *
 * Errors: allocation failure sets tc_buf.oom and later writes do nothing,
 * so a caller checks once at the end instead of after every call. Writing
 * outside the struct/list shape that Thrift expects is a programming error
 * and is not detected.
 */
#ifndef PF_THRIFT_COMPACT_H
#define PF_THRIFT_COMPACT_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer. Zero-initialize ({0}) before first use. */
typedef struct tc_buf {
	unsigned char *data;
	size_t len, cap;
	int oom; /* 1 once an allocation failed; the contents are then unreliable */
} tc_buf;

/* Appends n bytes. On allocation failure sets b->oom and appends nothing. */
void tc_buf_put(tc_buf *b, const void *p, size_t n);
/* Appends one byte, same error behaviour as tc_buf_put. */
void tc_buf_byte(tc_buf *b, unsigned char c);
/* Appends v as 4 bytes little-endian (Parquet's length prefixes and INT32). */
void tc_buf_le32(tc_buf *b, uint32_t v);
/* Appends v as 8 bytes little-endian (INT64). */
void tc_buf_le64(tc_buf *b, uint64_t v);
/* Appends v as an unsigned LEB128 varint (used by the RLE level encoding too). */
void tc_buf_uvarint(tc_buf *b, uint64_t v);
/* Makes room for n more bytes without changing len; returns 0, or -1 (and
 * sets oom) when memory is short. */
int tc_buf_reserve(tc_buf *b, size_t n);
/* Frees the memory and zeroes the buffer; it can be reused afterwards. */
void tc_buf_free(tc_buf *b);

/* Compact protocol element types (the type nibble of a field header). */
enum {
	TC_STOP = 0,
	TC_TRUE = 1,
	TC_FALSE = 2,
	TC_BYTE = 3,
	TC_I16 = 4,
	TC_I32 = 5,
	TC_I64 = 6,
	TC_DOUBLE = 7,
	TC_BINARY = 8,
	TC_LIST = 9,
	TC_SET = 10,
	TC_MAP = 11,
	TC_STRUCT = 12,
};

/* Deepest nesting of structs the writer tracks; Parquet's footer needs 6. */
#define TC_MAX_DEPTH 16

/* A compact-protocol writer appending to a tc_buf it does not own. */
typedef struct tc_writer {
	tc_buf *out;
	int depth;
	int16_t last_id[TC_MAX_DEPTH]; /* last field id written, per open struct */
	int overflow; /* nesting went past TC_MAX_DEPTH: output is invalid */
} tc_writer;

/* Starts writing into out (appending to what it holds) at struct depth 0,
 * i.e. as if the caller had just opened the outermost struct. */
void tc_init(tc_writer *w, tc_buf *out);

/* Field writers: each writes a field header for `id` in the current struct
 * and then the value. Enums are written with tc_i32. */
void tc_i16(tc_writer *w, int16_t id, int16_t v);
void tc_i32(tc_writer *w, int16_t id, int32_t v);
void tc_i64(tc_writer *w, int16_t id, int64_t v);
void tc_bool(tc_writer *w, int16_t id, int v);
void tc_binary(tc_writer *w, int16_t id, const void *p, size_t n);
/* tc_string: tc_binary of a NUL-terminated string. */
void tc_string(tc_writer *w, int16_t id, const char *s);
/* Opens a struct-valued field; close it with tc_struct_end. A union is a
 * struct with exactly one field set. */
void tc_struct_begin(tc_writer *w, int16_t id);
/* Writes the STOP byte of the innermost open struct and returns to its parent. */
void tc_struct_end(tc_writer *w);
/* Writes the header of a list field holding n elements of elem_type (TC_*);
 * then write exactly n elements with the tc_elem_* calls below. */
void tc_list_begin(tc_writer *w, int16_t id, int elem_type, uint32_t n);

/* List elements: values without a field header. */
void tc_elem_i32(tc_writer *w, int32_t v);
void tc_elem_string(tc_writer *w, const char *s);
/* A struct element of a list: close it with tc_struct_end. */
void tc_elem_struct_begin(tc_writer *w);

/* Ends the outermost struct (writes its STOP byte). Returns 0, or -1 when
 * memory ran out or nesting overflowed: the output is then not usable. */
int tc_finish(tc_writer *w);

#endif
