/*
 * Sorting more records than memory should hold: an external merge sort.
 * Records gather in a buffer of at most `limit` bytes; a full buffer is
 * sorted and written as a run to an unlinked temporary file; reading
 * merges the runs, at most FANIN at a time (more are first merged into
 * longer runs), each through a small window.  So a run of 100,000 clients
 * uses the same memory as a run of 1,000, and the listing can still be
 * sorted by date, whatever order the files were read in.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remind.h"

#define FANIN 16
#define WINDOW 4096			/* bytes a run cursor reads at once */

struct rec { size_t off, len; };	/* a record in the buffer */
struct run { off_t start, end; };	/* a run in the file */

struct smp_sorter {
	pthread_mutex_t lock;
	size_t limit;
	char *buf;
	size_t used, cap;
	struct rec *recs;
	size_t nrecs, caprecs;
	int fd;				/* the runs; -1 until the first */
	off_t fend;
	struct run *runs;
	size_t nruns, capruns;
	char tmpdir[512];
};

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = need > 2 * *cap ? need : 2 * *cap;
	if ((p = realloc(p, *cap * size)) == NULL)
		abort();	/* out of memory: nothing sane to do */
	return p;
}

struct smp_sorter *
smp_sorter_new(size_t limit, const char *tmpdir)
{
	struct smp_sorter *s = calloc(1, sizeof(*s));

	if (s == NULL)
		abort();
	pthread_mutex_init(&s->lock, NULL);
	s->limit = limit;
	s->fd = -1;
	snprintf(s->tmpdir, sizeof(s->tmpdir), "%s",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	return s;
}

void
smp_sorter_free(struct smp_sorter *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s->buf);
	free(s->recs);
	free(s->runs);
	free(s);
}

/* Key first (strcmp: keys hold no NUL), then the bytes after it. */
static int
cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = strcmp(a, b);
	size_t n = alen < blen ? alen : blen;

	if (c != 0)
		return c;
	if (n > 0 && (c = memcmp(a, b, n)) != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* qsort has no context argument in C11: the buffer rides along in each
 * element, which costs a pointer a record and keeps this reentrant. */
struct ref { const char *p; size_t len; };

static int
cmp_ref(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	return cmp_bytes(x->p, x->len, y->p, y->len);
}

int
smp_temp_fail(struct smp_diag *d, const char *what, const char *dir)
{
	return smp_diag_set(d, SMP_CANTWRITE, dir, 0, 0, NULL,
	    "cannot %s a temporary file: %s", what, strerror(errno));
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
smp_temp_open(int *fd, const char *dir, struct smp_diag *d)
{
	char path[600];

	if (*fd >= 0)
		return SMP_OK;
	snprintf(path, sizeof(path), "%s/smp-remind.XXXXXX", dir);
	if ((*fd = mkstemp(path)) < 0)
		return smp_temp_fail(d, "create", dir);
	unlink(path);		/* gone when we are, however we end */
	return SMP_OK;
}

/* A run is records as [u32 length][bytes], in order.  Writes through a
 * buffer so a run of small records is a few large writes. */
struct out { int fd; char buf[WINDOW]; size_t n; off_t pos; int bad; };

static void
out_put(struct out *o, const void *p, size_t n)
{
	if (o->n + n > sizeof(o->buf)) {
		o->bad |= write_all(o->fd, o->buf, o->n);
		o->n = 0;
		if (n > sizeof(o->buf)) {
			o->bad |= write_all(o->fd, p, n);
			o->pos += (off_t)n;
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
	o->pos += (off_t)n;
}

static void
out_rec(struct out *o, const char *p, size_t len)
{
	uint32_t n = (uint32_t)len;

	out_put(o, &n, sizeof(n));
	out_put(o, p, len);
}

static int
out_end(struct out *o)
{
	o->bad |= write_all(o->fd, o->buf, o->n);
	o->n = 0;
	return o->bad;
}

/* The buffer, sorted, as one more run.  Caller holds the lock. */
static int
spill(struct smp_sorter *s, struct smp_diag *d)
{
	struct ref *refs;
	struct out *o;
	int rc;

	if (s->nrecs == 0)
		return SMP_OK;
	if ((rc = smp_temp_open(&s->fd, s->tmpdir, d)) != SMP_OK)
		return rc;
	if ((refs = malloc(s->nrecs * sizeof(*refs))) == NULL ||
	    (o = malloc(sizeof(*o))) == NULL)
		abort();
	for (size_t i = 0; i < s->nrecs; i++)
		refs[i] = (struct ref){ s->buf + s->recs[i].off, s->recs[i].len };
	qsort(refs, s->nrecs, sizeof(*refs), cmp_ref);
	*o = (struct out){ .fd = s->fd, .pos = s->fend };
	if (lseek(s->fd, s->fend, SEEK_SET) < 0)
		o->bad = 1;
	for (size_t i = 0; i < s->nrecs; i++)
		out_rec(o, refs[i].p, refs[i].len);
	rc = out_end(o);
	s->runs = grow(s->runs, &s->capruns, s->nruns + 1, sizeof(*s->runs));
	s->runs[s->nruns++] = (struct run){ s->fend, o->pos };
	s->fend = o->pos;
	free(refs);
	free(o);
	s->used = s->nrecs = 0;
	return rc ? smp_temp_fail(d, "write", s->tmpdir) : SMP_OK;
}

int
smp_sorter_add(struct smp_sorter *s, const char *rec, size_t len,
    struct smp_diag *d)
{
	int rc = SMP_OK;

	if (memchr(rec, '\0', len) == NULL)
		abort();	/* no key: the caller's bug, and strcmp would run off */
	pthread_mutex_lock(&s->lock);
	if (s->used + len > s->limit && s->nrecs > 0)
		rc = spill(s, d);
	s->buf = grow(s->buf, &s->cap, s->used + len, 1);
	s->recs = grow(s->recs, &s->caprecs, s->nrecs + 1, sizeof(*s->recs));
	memcpy(s->buf + s->used, rec, len);
	s->recs[s->nrecs++] = (struct rec){ s->used, len };
	s->used += len;
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* ---- merging --------------------------------------------------------- */

struct cursor {
	int fd;
	off_t pos, end;			/* what is left of the run */
	char *win;
	size_t cap, have, at;		/* the window: win[at..have) */
	const char *rec;		/* the current record, NULL at the end */
	size_t len;
};

/* Makes n bytes from the current place readable in the window. */
static int
window(struct cursor *c, size_t n)
{
	ssize_t r;

	if (c->have - c->at >= n)
		return 0;
	if (c->have > c->at)
		memmove(c->win, c->win + c->at, c->have - c->at);
	c->have -= c->at;
	c->at = 0;
	c->win = grow(c->win, &c->cap, n > WINDOW ? n : WINDOW, 1);
	while (c->have < n) {
		size_t want = c->cap - c->have;

		if ((off_t)want > c->end - c->pos)
			want = (size_t)(c->end - c->pos);
		r = pread(c->fd, c->win + c->have, want, c->pos);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c->have += (size_t)r;
		c->pos += r;
	}
	return 0;
}

/* Steps to the next record; -1 on a read error. */
static int
advance(struct cursor *c)
{
	uint32_t n;

	c->at += c->rec ? c->len : 0;
	c->rec = NULL;
	if (c->pos == c->end && c->have == c->at)
		return 0;
	if (window(c, sizeof(n)) != 0)
		return -1;
	memcpy(&n, c->win + c->at, sizeof(n));
	c->at += sizeof(n);
	if (window(c, n) != 0)
		return -1;
	c->rec = c->win + c->at;
	c->len = n;
	return 0;
}

/* The cursor with the smallest record; FANIN is small, so a scan. */
static struct cursor *
smallest(struct cursor *c, size_t n)
{
	struct cursor *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (c[i].rec != NULL && (best == NULL ||
		    cmp_bytes(c[i].rec, c[i].len, best->rec, best->len) < 0))
			best = &c[i];
	return best;
}

/* Merges runs into fn, in order. */
static int
merge(struct smp_sorter *s, const struct run *runs, size_t n,
    int (*fn)(void *, const char *, size_t), void *arg, struct smp_diag *d)
{
	struct cursor cur[FANIN];
	struct cursor *best;
	int rc = SMP_OK, bad = 0;

	memset(cur, 0, sizeof(cur));
	for (size_t i = 0; i < n; i++) {
		cur[i].fd = s->fd;
		cur[i].pos = runs[i].start;
		cur[i].end = runs[i].end;
		bad |= advance(&cur[i]);
	}
	while (!bad && rc == SMP_OK && (best = smallest(cur, n)) != NULL) {
		rc = fn(arg, best->rec, best->len);
		bad |= advance(best);
	}
	for (size_t i = 0; i < n; i++)
		free(cur[i].win);
	if (bad)
		return smp_diag_set(d, SMP_CANTWRITE, s->tmpdir, 0, 0, NULL,
		    "cannot read back a temporary file");
	return rc;
}

static int
to_run(void *arg, const char *rec, size_t len)
{
	out_rec(arg, rec, len);
	return 0;
}

/* Merges the first FANIN runs into one at the end of the file. */
static int
merge_pass(struct smp_sorter *s, struct smp_diag *d)
{
	struct out *o = malloc(sizeof(*o));
	int rc;

	if (o == NULL)
		abort();
	*o = (struct out){ .fd = s->fd, .pos = s->fend };
	if (lseek(s->fd, s->fend, SEEK_SET) < 0)
		o->bad = 1;
	rc = merge(s, s->runs, FANIN, to_run, o, d);
	if (out_end(o) && rc == SMP_OK)
		rc = smp_temp_fail(d, "write", s->tmpdir);
	memmove(s->runs, s->runs + FANIN, (s->nruns - FANIN) * sizeof(*s->runs));
	s->nruns -= FANIN;
	s->runs[s->nruns++] = (struct run){ s->fend, o->pos };
	s->fend = o->pos;
	free(o);
	return rc;
}

int
smp_sorter_each(struct smp_sorter *s,
    int (*fn)(void *arg, const char *rec, size_t len), void *arg,
    struct smp_diag *d)
{
	int rc;

	if (s->nruns == 0) {
		/* it all fits: sort in place, no file */
		struct ref *refs = malloc((s->nrecs + 1) * sizeof(*refs));

		if (refs == NULL)
			abort();
		for (size_t i = 0; i < s->nrecs; i++)
			refs[i] = (struct ref){ s->buf + s->recs[i].off,
			    s->recs[i].len };
		qsort(refs, s->nrecs, sizeof(*refs), cmp_ref);
		rc = SMP_OK;
		for (size_t i = 0; i < s->nrecs && rc == SMP_OK; i++)
			rc = fn(arg, refs[i].p, refs[i].len);
		free(refs);
		return rc;
	}
	if ((rc = spill(s, d)) != SMP_OK)
		return rc;
	free(s->buf);
	free(s->recs);
	s->buf = NULL;
	s->recs = NULL;
	s->cap = s->caprecs = 0;
	while (s->nruns > FANIN)
		if ((rc = merge_pass(s, d)) != SMP_OK)
			return rc;
	return merge(s, s->runs, s->nruns, fn, arg, d);
}
