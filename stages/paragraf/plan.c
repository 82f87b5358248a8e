/*
 * Inputs to documents. The order of the documents is the order of the
 * merged tables, so it depends on nothing but the inputs: every PDF and
 * archive found is sorted by its path (byte order), and the members of an
 * archive keep the archive's order. Archives are read with libarchive,
 * member by member, into memory: nothing is unpacked to disk. A file that is
 * left out (not a PDF, hidden...) keeps its place too, as a skipped input:
 * it is named in errors.csv, so that nothing in the inputs goes unmentioned.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paragraf.h"

volatile int pg_stop;

/* A PDF or an archive found, before sorting. */
typedef struct entry {
	char *path;
	int archive;
	char *error;    /* it could not be looked at */
	const char *skip; /* it is left out, and why */
} entry;

typedef struct entries {
	entry *e;
	size_t n, cap;
} entries;

static const char *const archive_suffixes[] = {
	".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
	".tar.zst", ".tzst", ".tar.lz", ".tar.lzma", ".7z", ".cpio", ".iso", NULL,
};

int pg_is_archive_name(const char *name)
{
	for (const char *const *s = archive_suffixes; *s; s++)
		if (pg_ends_with_ci(name, *s))
			return 1;
	return 0;
}

static void add_entry(entries *es, char *path, int archive, char *error)
{
	if (es->n == es->cap) {
		es->cap = es->cap ? 2 * es->cap : 64;
		es->e = pg_xrealloc(es->e, es->cap * sizeof *es->e);
	}
	es->e[es->n++] = (entry){ path, archive, error, NULL };
}

/* The reasons a file is left out, as errors.csv gives them. */
static const char skip_hidden[] = "hidden: the name starts with '.'";
static const char skip_macos[] = "a macOS resource fork (__MACOSX/)";
static const char skip_other[] = "neither PDF nor archive";
static const char skip_not_pdf[] = "not a PDF (the name does not end in .pdf)";
static const char skip_nested[] = "an archive inside an archive: not opened";
static const char skip_special[] = "not a regular file";
static const char skip_dangling[] = "a symbolic link to nothing";
static const char skip_dir_link[] = "a symbolic link to a folder: not followed";

static void add_skipped(entries *es, char *path, const char *why)
{
	add_entry(es, path, 0, NULL);
	es->e[es->n - 1].skip = why;
}

static int skipped_folder(const pg_plan *p, const struct stat *st)
{
	for (int i = 0; i < p->nskip; i++)
		if (p->skip_dev[i] == st->st_dev && p->skip_ino[i] == st->st_ino)
			return 1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a folder: PDFs and archives by name. Hidden names, symbolic links
 * to folders (loops) and other files are left out, as skipped inputs; the
 * driver's own folders (output, state, quarantine) silently. */
static void walk(pg_plan *p, entries *es, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		add_entry(es, pg_xstrdup(dir), 0,
			  pg_xasprintf("cannot read folder: %s", strerror(errno)));
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			names = pg_xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = pg_xstrdup(de->d_name);
		}
		errno = 0;
	}
	if (errno) {
		/* a folder read halfway is a folder that could not be read */
		add_entry(es, pg_xstrdup(dir), 0,
			  pg_xasprintf("cannot read folder: %s", strerror(errno)));
		closedir(d);
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && !pg_stop; i++) {
		char *path = pg_path_join(dir, names[i]);
		struct stat st, lst;
		free(names[i]);
		int hidden = pg_basename(path)[0] == '.';
		if (stat(path, &st) < 0) {
			if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
				add_skipped(es, path, hidden ? skip_hidden : skip_dangling);
			else
				add_entry(es, path, 0,
					  pg_xasprintf("cannot open: %s", strerror(errno)));
		} else if (S_ISDIR(st.st_mode) && skipped_folder(p, &st)) {
			free(path);
		} else if (hidden) {
			add_skipped(es, path, skip_hidden);
		} else if (S_ISDIR(st.st_mode)) {
			if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
				add_skipped(es, path, skip_dir_link);
			} else {
				walk(p, es, path);
				free(path);
			}
		} else if (S_ISREG(st.st_mode) && pg_ends_with_ci(path, ".pdf")) {
			add_entry(es, path, 0, NULL);
		} else if (S_ISREG(st.st_mode) && pg_is_archive_name(path)) {
			add_entry(es, path, 1, NULL);
		} else {
			add_skipped(es, path, S_ISREG(st.st_mode) ? skip_other : skip_special);
		}
	}
	free(names);
}

static pg_doc *add_doc(pg_plan *p, char *name, const char *path)
{
	if (p->ndoc == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->doc = pg_xrealloc(p->doc, p->cap * sizeof *p->doc);
	}
	pg_doc *d = &p->doc[p->ndoc++];
	memset(d, 0, sizeof *d);
	d->name = name;
	d->path = pg_xstrdup(path);
	d->member_no = -1;
	d->dup_of = -1;
	d->pages = -1;
	return d;
}

static const pg_known *find_known(const pg_plan *p, const char *name)
{
	size_t lo = 0, hi = p->nknown;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(p->known[mid].name, name);
		if (c == 0)
			return &p->known[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void plan_file(pg_plan *p, const entry *e)
{
	pg_doc *d = add_doc(p, pg_xstrdup(e->path), e->path);
	if (e->skip) {
		d->skip = e->skip;
		return;
	}
	if (e->error) {
		d->error = pg_xstrdup(e->error);
		return;
	}
	struct stat st;
	if (stat(e->path, &st) < 0) {
		d->error = pg_xasprintf("cannot open: %s", strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		d->error = pg_xstrdup(S_ISDIR(st.st_mode) ? "cannot open: Is a directory" :
							    "cannot open: not a regular file");
		return;
	}
	d->size = st.st_size;
	d->mtime_s = st.st_mtim.tv_sec;
	d->mtime_ns = st.st_mtim.tv_nsec;
	if ((unsigned long long)st.st_size > PG_MAX_PDF_BYTES) {
		d->error = pg_xstrdup("too big: more than 1 GiB");
		return;
	}
	/* unchanged since the last run (size and mtime to the nanosecond, as
	 * git's index trusts them): its hash is known */
	const pg_known *k = find_known(p, d->name);
	if (k && k->stat_known && k->size == d->size && k->mtime_s == d->mtime_s && k->mtime_ns == d->mtime_ns) {
		memcpy(d->sha, k->sha, sizeof d->sha);
		return;
	}
	if (pg_sha256_file(e->path, d->sha) < 0) {
		d->sha[0] = '\0';
		d->error = pg_xasprintf("cannot read: %s", strerror(errno));
	}
}

/* ---- archives ---- */

static struct archive *open_archive(const char *path, char **err)
{
	struct archive *a = archive_read_new();
	if (!a) {
		*err = pg_xstrdup("cannot read archive: out of memory");
		return NULL;
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		*err = pg_xasprintf("cannot read archive: %s", archive_error_string(a) ?
			archive_error_string(a) : strerror(archive_errno(a)));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

static const char *member_name(struct archive_entry *e)
{
	const char *n = archive_entry_pathname_utf8(e);
	return n ? n : archive_entry_pathname(e);
}

/* Hidden files and macOS's __MACOSX/ resource forks ("._x.pdf") are not
 * documents. */
static int hidden_member(const char *name)
{
	for (const char *p = name; *p;) {
		if (*p == '.' || strncmp(p, "__MACOSX/", 9) == 0)
			return 1;
		const char *slash = strchr(p, '/');
		if (!slash)
			break;
		p = slash + 1;
	}
	return 0;
}

static const char *archive_msg(struct archive *a)
{
	const char *m = archive_error_string(a);
	return m ? m : "unknown error";
}

/* Reads the current entry's data: into b when b is not NULL, into the
 * hash when sha is not NULL. Returns 0, or -1 with *err, and *fatal when
 * the archive cannot go on. */
static int read_member(struct archive *a, pg_buf *b, pg_sha256 *sha, char **err, int *fatal)
{
	char chunk[65536];
	unsigned long long total = 0;
	for (;;) {
		la_ssize_t got = archive_read_data(a, chunk, sizeof chunk);
		if (got == 0)
			return 0;
		if (got < 0) {
			*fatal = got == ARCHIVE_FATAL;
			*err = pg_xasprintf("cannot read from the archive: %s", archive_msg(a));
			return -1;
		}
		total += (unsigned long long)got;
		if (total > PG_MAX_PDF_BYTES) {
			*err = pg_xstrdup("too big: more than 1 GiB");
			return -1;
		}
		if (b)
			pg_buf_add(b, chunk, (size_t)got);
		if (sha)
			pg_sha256_update(sha, chunk, (size_t)got);
	}
}

static void plan_archive(pg_plan *p, const entry *e)
{
	char *err = NULL;
	struct archive *a = e->error ? NULL : open_archive(e->path, &err);
	if (!a) {
		pg_doc *d = add_doc(p, pg_xstrdup(e->path), e->path);
		d->error = err ? err : pg_xstrdup(e->error);
		d->archive_error = 1;
		return;
	}
	struct archive_entry *ae;
	for (long no = 0; !pg_stop; no++) {
		int r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
			pg_doc *d = add_doc(p, pg_xstrdup(e->path), e->path);
			d->error = pg_xasprintf("cannot read archive after %ld entries: %s", no,
						archive_msg(a));
			d->archive_error = 1;
			break;
		}
		const char *name = member_name(ae);
		mode_t type = archive_entry_filetype(ae);
		if (type == AE_IFDIR)
			continue;
		if (!name) {
			/* not silently dropped: it may be a PDF */
			pg_doc *d = add_doc(p, pg_xasprintf("%s:#%ld", e->path, no + 1), e->path);
			d->error = pg_xstrdup("cannot read the member's name (not UTF-8?)");
			d->archive_error = 1;
			continue;
		}
		const char *skip = hidden_member(name) ? (strstr(name, "__MACOSX/") ? skip_macos :
										    skip_hidden) :
				   type != AE_IFREG		   ? skip_special :
				   pg_ends_with_ci(name, ".pdf")    ? NULL :
				   pg_is_archive_name(name)	   ? skip_nested :
								     skip_not_pdf;
		if (skip) {
			add_doc(p, pg_xasprintf("%s:%s", e->path, name), e->path)->skip = skip;
			continue;
		}
		pg_doc *d = add_doc(p, pg_xasprintf("%s:%s", e->path, name), e->path);
		d->member = pg_xstrdup(name);
		d->member_no = no;
		if (r == ARCHIVE_FAILED) {
			d->error = pg_xasprintf("cannot read from the archive: %s", archive_msg(a));
			continue;
		}
		pg_sha256 sha;
		int fatal = 0;
		pg_sha256_init(&sha);
		d->size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
		if (read_member(a, NULL, &sha, &d->error, &fatal) == 0)
			pg_sha256_hex(&sha, d->sha);
		else
			pg_sha256_free(&sha);
		if (fatal) {
			pg_doc *ad = add_doc(p, pg_xstrdup(e->path), e->path);
			ad->error = pg_xasprintf("cannot read archive after %ld entries: %s", no + 1,
						 archive_msg(a));
			ad->archive_error = 1;
			break;
		}
	}
	archive_read_free(a);
}

/* ---- the plan ---- */

static int by_path(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static int by_sha(const void *a, const void *b, void *ctx)
{
	const pg_doc *doc = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(doc[x].sha, doc[y].sha);
	return c ? c : (x > y) - (x < y);
}

int pg_plan_inputs(pg_plan *p, char **inputs, int n)
{
	entries es = { 0 };
	for (int i = 0; i < n && !pg_stop; i++) {
		struct stat st;
		if (stat(inputs[i], &st) < 0)
			add_entry(&es, pg_xstrdup(inputs[i]), 0,
				  pg_xasprintf("cannot open: %s", strerror(errno)));
		else if (S_ISDIR(st.st_mode))
			walk(p, &es, inputs[i]);
		else
			add_entry(&es, pg_xstrdup(inputs[i]), pg_is_archive_name(inputs[i]), NULL);
	}
	if (es.n)
		qsort(es.e, es.n, sizeof *es.e, by_path);
	for (size_t i = 0; i < es.n; i++) {
		/* the same path named twice (a file and its folder) is one input */
		if (!pg_stop && (i == 0 || strcmp(es.e[i].path, es.e[i - 1].path) != 0)) {
			if (es.e[i].archive)
				plan_archive(p, &es.e[i]);
			else
				plan_file(p, &es.e[i]);
		}
	}
	for (size_t i = 0; i < es.n; i++) {
		free(es.e[i].path);
		free(es.e[i].error);
	}
	free(es.e);
	if (pg_stop)
		return -1;

	/* the same bytes again: the first input in order is the document */
	size_t *idx = pg_xmalloc((p->ndoc + 1) * sizeof *idx);
	size_t k = 0;
	for (size_t i = 0; i < p->ndoc; i++)
		if (p->doc[i].sha[0] && !p->doc[i].error)
			idx[k++] = i;
	qsort_r(idx, k, sizeof *idx, by_sha, p->doc);
	for (size_t i = 1; i < k; i++)
		if (strcmp(p->doc[idx[i]].sha, p->doc[idx[i - 1]].sha) == 0)
			p->doc[idx[i]].dup_of = p->doc[idx[i - 1]].dup_of >= 0 ?
				p->doc[idx[i - 1]].dup_of : (long)idx[i - 1];
	free(idx);
	return 0;
}

size_t pg_plan_documents(const pg_plan *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ndoc; i++)
		n += !p->doc[i].skip;
	return n;
}

void pg_plan_free(pg_plan *p)
{
	for (size_t i = 0; i < p->ndoc; i++) {
		pg_doc *d = &p->doc[i];
		free(d->name);
		free(d->path);
		free(d->member);
		free(d->error);
		free(d->stage);
		free(d->message);
	}
	free(p->doc);
	p->doc = NULL;
	p->ndoc = p->cap = 0;
}

/* ---- reading members back ---- */

void pg_archive_close(pg_archive_cursor *cur)
{
	if (cur->a)
		archive_read_free(cur->a);
	free(cur->path);
	memset(cur, 0, sizeof *cur);
}

int pg_archive_read(pg_archive_cursor *cur, const char *path, long no, const char *member,
		    pg_buf *b, char **err)
{
	if (cur->a && (strcmp(cur->path, path) != 0 || no < cur->next_no))
		pg_archive_close(cur);
	if (!cur->a) {
		if (!(cur->a = open_archive(path, err)))
			return -1;
		cur->path = pg_xstrdup(path);
		cur->next_no = 0;
		cur->broken = 0;
	}
	if (cur->broken) {
		*err = pg_xstrdup("cannot read from the archive: it broke before this member");
		return -1;
	}
	struct archive_entry *ae;
	while (cur->next_no <= no) {
		int r = archive_read_next_header(cur->a, &ae);
		cur->next_no++;
		if (r == ARCHIVE_EOF || r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
			cur->broken = 1;
			*err = r == ARCHIVE_EOF ?
				pg_xstrdup("the archive changed while it was read: member gone") :
				pg_xasprintf("cannot read from the archive: %s", archive_msg(cur->a));
			return -1;
		}
		if (cur->next_no - 1 < no)
			continue;
		const char *name = member_name(ae);
		if (!name || strcmp(name, member) != 0) {
			*err = pg_xstrdup("the archive changed while it was read: another member "
					  "in its place");
			return -1;
		}
		if (r == ARCHIVE_FAILED) {
			*err = pg_xasprintf("cannot read from the archive: %s", archive_msg(cur->a));
			return -1;
		}
	}
	int fatal = 0;
	int rc = read_member(cur->a, b, NULL, err, &fatal);
	if (fatal)
		cur->broken = 1;
	if (rc == 0 && !b->data)
		pg_buf_add(b, "", 0);
	return rc;
}
