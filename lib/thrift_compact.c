#include "thrift_compact.h"

#include <stdlib.h>
#include <string.h>

/* Doubling growth: amortized O(1) appends; a buffer is reused page after
 * page (len reset to 0), so it settles at the largest size needed. */
int tc_buf_reserve(tc_buf *b, size_t n)
{
	if (b->oom)
		return -1;
	if (n <= b->cap - b->len)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	unsigned char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void tc_buf_put(tc_buf *b, const void *p, size_t n)
{
	if (n == 0 || tc_buf_reserve(b, n) < 0)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void tc_buf_byte(tc_buf *b, unsigned char c)
{
	tc_buf_put(b, &c, 1);
}

void tc_buf_le32(tc_buf *b, uint32_t v)
{
	unsigned char x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };
	tc_buf_put(b, x, 4);
}

void tc_buf_le64(tc_buf *b, uint64_t v)
{
	unsigned char x[8];
	for (int i = 0; i < 8; i++)
		x[i] = (v >> (8 * i)) & 0xff;
	tc_buf_put(b, x, 8);
}

/* ULEB128: 7 bits a byte, low bits first, high bit set on all but the last. */
void tc_buf_uvarint(tc_buf *b, uint64_t v)
{
	unsigned char x[10];
	size_t n = 0;
	while (v >= 0x80) {
		x[n++] = (v & 0x7f) | 0x80;
		v >>= 7;
	}
	x[n++] = (unsigned char)v;
	tc_buf_put(b, x, n);
}

void tc_buf_free(tc_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* Zigzag maps signed to unsigned so that small magnitudes stay short:
 * 0, -1, 1, -2 ... -> 0, 1, 2, 3 ... The shift is done on the unsigned
 * value to stay clear of signed-overflow undefined behaviour. */
static uint64_t zigzag64(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

void tc_init(tc_writer *w, tc_buf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

/* Short form when the id grows by 1..15 over the previous field of the
 * same struct (the usual case: we write fields in id order). */
static void field_header(tc_writer *w, int16_t id, int type)
{
	int16_t delta = id - w->last_id[w->depth];
	if (delta > 0 && delta <= 15) {
		tc_buf_byte(w->out, (unsigned char)(delta << 4 | type));
	} else {
		/* long form: type byte, then the id itself as a zigzag i16 */
		tc_buf_byte(w->out, (unsigned char)type);
		tc_buf_uvarint(w->out, zigzag64(id));
	}
	w->last_id[w->depth] = id;
}

void tc_i16(tc_writer *w, int16_t id, int16_t v)
{
	field_header(w, id, TC_I16);
	tc_buf_uvarint(w->out, zigzag64(v));
}

void tc_i32(tc_writer *w, int16_t id, int32_t v)
{
	field_header(w, id, TC_I32);
	tc_buf_uvarint(w->out, zigzag64(v));
}

void tc_i64(tc_writer *w, int16_t id, int64_t v)
{
	field_header(w, id, TC_I64);
	tc_buf_uvarint(w->out, zigzag64(v));
}

/* A bool field has no value bytes: the type nibble itself says true/false. */
void tc_bool(tc_writer *w, int16_t id, int v)
{
	field_header(w, id, v ? TC_TRUE : TC_FALSE);
}

void tc_binary(tc_writer *w, int16_t id, const void *p, size_t n)
{
	field_header(w, id, TC_BINARY);
	tc_buf_uvarint(w->out, n);
	tc_buf_put(w->out, p, n);
}

void tc_string(tc_writer *w, int16_t id, const char *s)
{
	tc_binary(w, id, s, strlen(s));
}

/* A nested struct starts its own field-id sequence from 0. */
static void push(tc_writer *w)
{
	if (w->depth + 1 >= TC_MAX_DEPTH) {
		w->overflow = 1;
		return;
	}
	w->last_id[++w->depth] = 0;
}

void tc_struct_begin(tc_writer *w, int16_t id)
{
	field_header(w, id, TC_STRUCT);
	push(w);
}

void tc_elem_struct_begin(tc_writer *w)
{
	push(w);
}

void tc_struct_end(tc_writer *w)
{
	tc_buf_byte(w->out, TC_STOP);
	if (w->depth > 0)
		w->depth--;
}

void tc_list_begin(tc_writer *w, int16_t id, int elem_type, uint32_t n)
{
	field_header(w, id, TC_LIST);
	/* size and element type share a byte when the size fits in 4 bits
	 * (0xf marks the long form, so 15 itself goes long) */
	if (n < 15) {
		tc_buf_byte(w->out, (unsigned char)(n << 4 | elem_type));
	} else {
		tc_buf_byte(w->out, (unsigned char)(0xf0 | elem_type));
		tc_buf_uvarint(w->out, n);
	}
}

/* List elements are bare values: the list header gave their type. */
void tc_elem_i32(tc_writer *w, int32_t v)
{
	tc_buf_uvarint(w->out, zigzag64(v));
}

void tc_elem_string(tc_writer *w, const char *s)
{
	size_t n = strlen(s);
	tc_buf_uvarint(w->out, n);
	tc_buf_put(w->out, s, n);
}

int tc_finish(tc_writer *w)
{
	tc_buf_byte(w->out, TC_STOP);
	return (w->out->oom || w->overflow || w->depth != 0) ? -1 : 0;
}
