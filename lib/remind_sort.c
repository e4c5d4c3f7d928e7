/*
 * Sorting more records than memory should hold: an external merge sort.
 * Records gather in a batch of at most `limit` bytes; a full batch is
 * sorted and written as a run to an unlinked temporary file.  Runs are
 * merged FANIN at a time into longer ones as they pile up, by the thread
 * whose batch made the FANIN-th run of a level, outside the lock; reading
 * merges what is left, each run through a small window.  So a run of
 * 100,000 clients uses the same memory as a run of 1,000, the listing can
 * still be sorted by date whatever order the files were read in, and most
 * of the merging is done on every core while files are still being read.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remind.h"

#define FANIN 16
#define ROOM (FANIN * 4096)		/* bytes the last merge reads through */
#define SMALL_ROOM (FANIN * 1024)	/* the same, merging runs into a run */

struct rec { size_t off, len; };	/* a record in a batch's buffer */

/* qsort has no context argument in C11: the buffer rides along in each
 * element, which costs a pointer a record and keeps this reentrant. */
struct ref { const char *p; size_t len; };

/* Records not yet in a run. */
struct batch {
	char *buf;
	size_t used, cap;
	struct rec *recs;
	size_t nrecs, caprecs;
	struct ref *sorted;		/* kept from one spill to the next */
	size_t capsorted;
};

/* A run in the file: [start, end).  level: how many merges made it (0:
 * a batch); busy: still being written, or taken by a merge. */
struct run { off_t start, end; int level, busy; };

struct smp_sorter {
	pthread_mutex_t lock;
	size_t limit;
	struct batch b;
	int fd;				/* the runs; -1 until the first */
	off_t fend;			/* file space handed out */
	struct run *runs;
	size_t nruns, capruns;
	int failed;			/* a run could not be written */
	struct smp_diag failure;
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

static void
batch_free(struct batch *b)
{
	free(b->buf);
	free(b->recs);
	free(b->sorted);
	*b = (struct batch){ 0 };
}

void
smp_sorter_free(struct smp_sorter *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		close(s->fd);
	pthread_mutex_destroy(&s->lock);
	batch_free(&s->b);
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

int
smp_temp_write(int fd, const void *p, size_t n, off_t at)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = pwrite(fd, c, n, at);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
		at += w;
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

/* A run is records as [u32 length][bytes], in order.  It is written at
 * its own place in the file (several threads write runs at once) through
 * a buffer, so a run of small records is a few large writes. */
struct out { int fd; char buf[4096]; size_t n; off_t at; int bad; };

static void
out_flush(struct out *o)
{
	o->bad |= smp_temp_write(o->fd, o->buf, o->n, o->at);
	o->at += (off_t)o->n;
	o->n = 0;
}

static void
out_put(struct out *o, const void *p, size_t n)
{
	if (o->n + n > sizeof(o->buf)) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			o->bad |= smp_temp_write(o->fd, p, n, o->at);
			o->at += (off_t)n;
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

static void
out_rec(struct out *o, const char *p, size_t len)
{
	uint32_t n = (uint32_t)len;

	out_put(o, &n, sizeof(n));
	out_put(o, p, len);
}

static int
to_run(void *arg, const char *rec, size_t len)
{
	out_rec(arg, rec, len);
	return 0;
}

/* 0, or -1 with errno set */
static int
out_end(struct out *o)
{
	out_flush(o);
	return o->bad ? -1 : 0;
}

/* ---- runs -------------------------------------------------------------- */

/* Space for a run of n bytes at the end of the file, busy until it is
 * written.  Caller holds the lock. */
static off_t
run_reserve(struct smp_sorter *s, off_t n, int level)
{
	off_t at = s->fend;

	s->runs = grow(s->runs, &s->capruns, s->nruns + 1, sizeof(*s->runs));
	s->runs[s->nruns++] = (struct run){ at, at + n, level, 1 };
	s->fend += n;
	return at;
}

/* The run starting at `start` (one always does).  Caller holds the lock. */
static struct run *
run_at(struct smp_sorter *s, off_t start)
{
	size_t i = 0;

	while (s->runs[i].start != start)
		i++;
	return &s->runs[i];
}

/* The order of the runs does not matter: records compare whole, so
 * merging them in any grouping gives the same sequence. */
static void
run_drop(struct smp_sorter *s, off_t start)
{
	*run_at(s, start) = s->runs[--s->nruns];
}

/* The batch's records in order, valid until the next call. */
static struct ref *
batch_sorted(struct batch *b)
{
	struct ref *refs;

	b->sorted = grow(b->sorted, &b->capsorted, b->nrecs + 1,
	    sizeof(*b->sorted));
	refs = b->sorted;
	for (size_t i = 0; i < b->nrecs; i++)
		refs[i] = (struct ref){ b->buf + b->recs[i].off, b->recs[i].len };
	qsort(refs, b->nrecs, sizeof(*refs), cmp_ref);
	return refs;
}

/* The batch, sorted, as the run at `at`; 0, or -1 with errno set. */
static int
batch_write(int fd, struct batch *b, off_t at)
{
	struct ref *refs = batch_sorted(b);
	struct out o = { .fd = fd, .at = at };

	for (size_t i = 0; i < b->nrecs; i++)
		out_rec(&o, refs[i].p, refs[i].len);
	return out_end(&o);
}

static off_t
batch_size(const struct batch *b)
{
	return (off_t)(b->used + b->nrecs * sizeof(uint32_t));
}

/* ---- merging ------------------------------------------------------------ */

struct cursor {
	int fd;
	off_t pos, end;			/* what is left of the run */
	char *win;			/* a window of the merge's room, */
	int own;			/* or, for a longer record, its own */
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
	if (n > c->cap) {
		char *own = malloc(n);

		if (own == NULL)
			abort();
		memcpy(own, c->win, c->have);
		if (c->own)
			free(c->win);
		c->win = own;
		c->own = 1;
		c->cap = n;
	}
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
	/* a length past the run's end: the file is not what was written */
	if ((off_t)n > c->end - c->pos + (off_t)(c->have - c->at) ||
	    window(c, n) != 0)
		return -1;
	c->rec = c->win + c->at;
	c->len = n;
	return 0;
}

/* The cursors that have a record, as a heap: the smallest on top. */
struct heap { struct cursor *c[FANIN]; size_t n; };

static void
sift_down(struct heap *h, size_t i)
{
	for (;;) {
		size_t kid = 2 * i + 1, least = i;
		struct cursor *t;

		for (; kid <= 2 * i + 2 && kid < h->n; kid++)
			if (cmp_bytes(h->c[kid]->rec, h->c[kid]->len,
			    h->c[least]->rec, h->c[least]->len) < 0)
				least = kid;
		if (least == i)
			return;
		t = h->c[i];
		h->c[i] = h->c[least];
		h->c[least] = t;
		i = least;
	}
}

/* Merges n (at most FANIN) runs into fn, in order, reading them through
 * the caller's room of `size` bytes, shared out among them; -1 on a read
 * error.  All of the room is used however many runs there are (fewer
 * runs, wider windows). */
static int
merge(int fd, const struct run *runs, size_t n, char *room, size_t size,
    int (*fn)(void *, const char *, size_t), void *arg, int *rc)
{
	struct cursor cur[FANIN];
	struct heap h = { .n = 0 };
	int bad = 0;
	size_t window = n > 0 ? size / n : size;

	for (size_t i = 0; i < n; i++) {
		cur[i] = (struct cursor){ .fd = fd, .pos = runs[i].start,
			.end = runs[i].end, .win = room + i * window,
			.cap = window };
		bad |= advance(&cur[i]);
		if (cur[i].rec != NULL)
			h.c[h.n++] = &cur[i];
	}
	for (size_t i = h.n / 2; i-- > 0; )
		sift_down(&h, i);
	while (!bad && *rc == SMP_OK && h.n > 0) {
		struct cursor *top = h.c[0];

		*rc = fn(arg, top->rec, top->len);
		bad |= advance(top);
		if (top->rec == NULL)
			h.c[0] = h.c[--h.n];
		sift_down(&h, 0);
	}
	for (size_t i = 0; i < n; i++)
		if (cur[i].own)
			free(cur[i].win);
	return bad ? -1 : 0;
}

static int
read_failed(const struct smp_sorter *s, struct smp_diag *d)
{
	return smp_diag_set(d, SMP_CANTWRITE, s->tmpdir, 0, 0, NULL,
	    "cannot read back a temporary file");
}

/* Merges n runs into one more run at `at`, through the room given. */
static int
merge_into(const struct smp_sorter *s, const struct run *runs, size_t n,
    off_t at, char *room, size_t size, struct smp_diag *d)
{
	struct out o = { .fd = s->fd, .at = at };
	int rc = SMP_OK;

	if (merge(s->fd, runs, n, room, size, to_run, &o, &rc) != 0)
		return read_failed(s, d);
	if (out_end(&o) != 0)
		return smp_temp_fail(d, "write", s->tmpdir);
	return SMP_OK;
}

/* Space for the run that the FANIN runs in take merge into. */
static off_t
reserve_merged(struct smp_sorter *s, const struct run take[FANIN], int level)
{
	off_t size = 0;

	for (size_t i = 0; i < FANIN; i++)
		size += take[i].end - take[i].start;
	return run_reserve(s, size, level);
}

/* FANIN runs of one level that are ready, taken (busy) into take, and
 * the run they merge into reserved; 0 if no level has that many.
 * Caller holds the lock. */
static int
take_level(struct smp_sorter *s, struct run take[FANIN], off_t *at)
{
	size_t count[32] = { 0 }, n = 0;
	int level = 0;

	for (size_t i = 0; i < s->nruns; i++)
		if (!s->runs[i].busy && s->runs[i].level < 32)
			count[s->runs[i].level]++;
	while (level < 32 && count[level] < FANIN)
		level++;
	if (level == 32)
		return 0;
	for (size_t i = 0; i < s->nruns && n < FANIN; i++)
		if (!s->runs[i].busy && s->runs[i].level == level) {
			s->runs[i].busy = 1;
			take[n++] = s->runs[i];
		}
	*at = reserve_merged(s, take, level + 1);
	return 1;
}

/* The run at `start` is whole (rc: SMP_OK), or is not and stays busy,
 * never merged; smp_sorter_each then gives the first failure.  Caller
 * holds the lock. */
static void
run_ready(struct smp_sorter *s, off_t start, int rc, const struct smp_diag *d)
{
	if (rc == SMP_OK)
		run_at(s, start)->busy = 0;
	else if (!s->failed) {
		s->failed = 1;
		s->failure = *d;
	}
}

/* The batch as one more run; its room stays for the next batch.  Caller
 * holds the lock, or is the only thread left. */
static int
spill(struct smp_sorter *s, struct smp_diag *d)
{
	off_t at;
	int rc;

	if ((rc = smp_temp_open(&s->fd, s->tmpdir, d)) != SMP_OK)
		return rc;
	at = run_reserve(s, batch_size(&s->b), 0);
	if (batch_write(s->fd, &s->b, at) != 0)
		rc = smp_temp_fail(d, "write", s->tmpdir);
	s->b.used = s->b.nrecs = 0;
	run_ready(s, at, rc, d);
	return rc;
}

/*
 * While FANIN runs of one level are ready, merges them into one run of
 * the next level, outside the lock (the caller holds it before and
 * after): the merging is done on every core while files are still being
 * read, not in the single-threaded end, which is left fewer than FANIN
 * runs a level.
 */
static int
merge_levels(struct smp_sorter *s, struct smp_diag *d)
{
	struct run take[FANIN];
	off_t at;
	int rc = SMP_OK;
	/* a small room, beside the reading of files.  On the stack, not
	 * malloc's: a thread's stack keeps the pages it touched, where a
	 * piece freed and asked for again may come back as new pages, and
	 * with hundreds of merges that grew with the clinic */
	char room[SMALL_ROOM];

	while (rc == SMP_OK && !s->failed && take_level(s, take, &at)) {
		pthread_mutex_unlock(&s->lock);
		rc = merge_into(s, take, FANIN, at, room, sizeof(room), d);
		pthread_mutex_lock(&s->lock);
		for (size_t i = 0; i < FANIN; i++)
			run_drop(s, take[i].start);
		run_ready(s, at, rc, d);
	}
	return rc;
}

int
smp_sorter_add(struct smp_sorter *s, const char *rec, size_t len,
    struct smp_diag *d)
{
	struct batch *b = &s->b;
	int rc = SMP_OK, spilled = 0;

	if (memchr(rec, '\0', len) == NULL)
		abort();	/* no key: the caller's bug, and strcmp would run off */
	pthread_mutex_lock(&s->lock);
	if (b->used + len > s->limit && b->nrecs > 0) {
		rc = spill(s, d);
		spilled = 1;
	}
	/* the whole limit at once, not doubling up to it: every step of
	 * the doubling would be a new piece of memory to touch */
	b->buf = grow(b->buf, &b->cap,
	    b->used + len > s->limit ? b->used + len : s->limit, 1);
	b->recs = grow(b->recs, &b->caprecs, b->nrecs + 1, sizeof(*b->recs));
	memcpy(b->buf + b->used, rec, len);
	b->recs[b->nrecs++] = (struct rec){ b->used, len };
	b->used += len;
	if (spilled && rc == SMP_OK)
		rc = merge_levels(s, d);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int
by_size(const void *a, const void *b)
{
	const struct run *x = a, *y = b;
	off_t m = x->end - x->start, n = y->end - y->start;

	return (m > n) - (m < n);
}

/* What the threads left: the last batch as a run, and while there are
 * more than FANIN runs, the smallest FANIN merged into one, through the
 * room of the last merge. */
static int
last_runs(struct smp_sorter *s, char *room, size_t size, struct smp_diag *d)
{
	int rc;

	if (s->b.nrecs > 0 && (rc = spill(s, d)) != SMP_OK)
		return rc;
	batch_free(&s->b);
	while (s->nruns > FANIN) {
		struct run take[FANIN];
		off_t at;

		qsort(s->runs, s->nruns, sizeof(*s->runs), by_size);
		memcpy(take, s->runs, sizeof(take));
		at = reserve_merged(s, take, 0);
		if ((rc = merge_into(s, take, FANIN, at, room, size, d)) !=
		    SMP_OK)
			return rc;
		for (size_t i = 0; i < FANIN; i++)
			run_drop(s, take[i].start);
	}
	return SMP_OK;
}

int
smp_sorter_each(struct smp_sorter *s,
    int (*fn)(void *arg, const char *rec, size_t len), void *arg,
    struct smp_diag *d)
{
	int rc = SMP_OK;
	char room[ROOM];

	if (s->failed) {
		*d = s->failure;
		return SMP_CANTWRITE;
	}
	if (s->nruns == 0) {
		/* it all fits: sort in place, no file */
		struct ref *refs = batch_sorted(&s->b);

		for (size_t i = 0; i < s->b.nrecs && rc == SMP_OK; i++)
			rc = fn(arg, refs[i].p, refs[i].len);
		return rc;
	}
	/* one room on the stack for all of the end's merges, and for every
	 * sorter's: the same pages each time */
	if ((rc = last_runs(s, room, sizeof(room), d)) != SMP_OK)
		return rc;
	if (merge(s->fd, s->runs, s->nruns, room, sizeof(room), fn, arg,
	    &rc) != 0)
		return read_failed(s, d);
	return rc;
}
