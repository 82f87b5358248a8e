/*
 * SHA-256 of documents and stages, through GLib's GChecksum (GLib comes
 * with poppler-glib anyway).
 */
#include <string.h>

#include "paragraf.h"

void pg_sha256_init(pg_sha256 *s)
{
	s->c = g_checksum_new(G_CHECKSUM_SHA256);
}

void pg_sha256_update(pg_sha256 *s, const void *data, size_t n)
{
	/* g_checksum_update takes a signed length */
	for (const unsigned char *p = data; n > 0;) {
		size_t k = n > (size_t)G_MAXSSIZE ? (size_t)G_MAXSSIZE : n;
		g_checksum_update(s->c, p, (gssize)k);
		p += k;
		n -= k;
	}
}

void pg_sha256_hex(pg_sha256 *s, char hex[65])
{
	memcpy(hex, g_checksum_get_string(s->c), 64);
	hex[64] = '\0';
	pg_sha256_free(s);
}

void pg_sha256_free(pg_sha256 *s)
{
	if (s->c)
		g_checksum_free(s->c);
	s->c = NULL;
}

static int add_chunk(void *ctx, const void *p, size_t n)
{
	pg_sha256_update(ctx, p, n);
	return 0;
}

int pg_sha256_file(const char *path, char hex[65])
{
	pg_sha256 s;
	pg_sha256_init(&s);
	if (pg_each_chunk(path, add_chunk, &s) < 0) {
		int e = errno;
		pg_sha256_free(&s);
		errno = e;
		return -1;
	}
	pg_sha256_hex(&s, hex);
	return 0;
}
