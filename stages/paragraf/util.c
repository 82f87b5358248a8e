/*
 * Memory, buffers, paths, files and time for the driver. Out of memory ends
 * the driver with exit 3: there is nothing sensible to go on with.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"
#include "xalloc.h"

_Static_assert(PF_EXIT_NO_MEMORY == PG_EXIT_CANNOT, "out of memory is the driver's exit 3");

void *pg_xmalloc(size_t n)
{
	return pf_xmalloc(n);
}

void *pg_xcalloc(size_t n, size_t size)
{
	return pf_xcalloc(n, size);
}

void *pg_xrealloc(void *p, size_t n)
{
	return pf_xrealloc(p, n);
}

char *pg_xstrdup(const char *s)
{
	return pf_xstrdup(s);
}

char *pg_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		pf_out_of_memory();
	return s;
}

/* ---- buffers ---- */

static void buf_room(pg_buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->data = pg_xrealloc(b->data, cap);
	b->cap = cap;
}

void pg_buf_add(pg_buf *b, const void *p, size_t n)
{
	buf_room(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pg_buf_addc(pg_buf *b, char c)
{
	pg_buf_add(b, &c, 1);
}

void pg_buf_adds(pg_buf *b, const char *s)
{
	pg_buf_add(b, s, strlen(s));
}

void pg_buf_printf(pg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_room(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void pg_buf_free(pg_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ---- paths ---- */

char *pg_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n == 0)
		return pg_xstrdup(name);
	return pg_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

const char *pg_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *pg_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return pg_xstrdup(".");
	if (slash == path)
		return pg_xstrdup("/");
	return pf_xstrndup(path, (size_t)(slash - path));
}

int pg_ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* ---- files and folders ---- */

int pg_mkdirs(const char *path)
{
	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	char *p = pg_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	int e = errno;
	free(p);
	if (rc < 0) {
		errno = e;
		return -1;
	}
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	int rc = flag == FTW_DP ? rmdir(path) : unlink(path);
	return rc < 0 && errno != ENOENT ? -1 : 0;
}

int pg_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int pg_each_chunk(const char *path, int (*fn)(void *ctx, const void *p, size_t n), void *ctx)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char chunk[65536];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (got > 0 && fn(ctx, chunk, (size_t)got) < 0)) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
	}
	close(fd);
	return 0;
}

typedef struct bounded_buf {
	pg_buf *b;
	size_t max;
} bounded_buf;

static int add_bounded(void *ctx, const void *p, size_t n)
{
	bounded_buf *bb = ctx;
	if (bb->b->len + n > bb->max) {
		errno = EFBIG;
		return -1;
	}
	pg_buf_add(bb->b, p, n);
	return 0;
}

int pg_read_file(const char *path, pg_buf *b, size_t max)
{
	size_t before = b->len;
	bounded_buf bb = { b, before + max };
	if (pg_each_chunk(path, add_bounded, &bb) < 0)
		return -1;
	if (!b->data)
		pg_buf_add(b, "", 0);
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t put = write(fd, p, n);
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			return -1;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

int pg_write_atomic(const char *path, const void *data, size_t n)
{
	char *tmp = pg_xasprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	int rc = write_all(fd, data, n) < 0 || fsync(fd) < 0 ? -1 : 0;
	int e = errno;
	if (close(fd) < 0 && rc == 0)
		rc = -1, e = errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1, e = errno;
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	errno = e;
	return rc;
}

char *pg_last_line(const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		off_t from = st.st_size > (off_t)max ? st.st_size - (off_t)max : 0;
		size_t n = (size_t)(st.st_size - from);
		buf = pg_xmalloc(n + 1);
		ssize_t got = pread(fd, buf, n, from);
		n = got > 0 ? (size_t)got : 0;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
			n--;
		buf[n] = '\0';
		char *nl = strrchr(buf, '\n');
		if (nl)
			memmove(buf, nl + 1, strlen(nl + 1) + 1);
		if (!*buf) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

char *pg_stderr_line(const char *path)
{
	pg_buf b = { 0 };
	char *found = NULL;
	if (pg_read_file(path, &b, 64 << 10) < 0 && !b.data) {
		pg_buf_free(&b);
		return NULL;
	}
	for (char *line = b.data, *next; line && *line && !found; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t n = strlen(line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (n > 0 && strncmp(line, "Try '", 5) != 0)
			found = pf_xstrndup(line, n > 300 ? 300 : n);
	}
	pg_buf_free(&b);
	return found;
}

/* ---- time, the machine ---- */

double pg_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *pg_fmt_duration(double s, char *buf, size_t n)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, n, "%.1f s", s);
	else if (s < 3600)
		snprintf(buf, n, "%dm%02ds", (int)s / 60, (int)s % 60);
	else
		snprintf(buf, n, "%dh%02dm", (int)(s / 3600), (int)s % 3600 / 60);
	return buf;
}

char *pg_self_dir(const char *argv0)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		return pg_dirname(exe);
	}
	return pg_dirname(argv0);
}

long pg_ncpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}
