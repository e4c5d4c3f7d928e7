/*
 * The feed's events wait here, one block a client, while their small
 * sort records go through the sorter: the bulk of the feed is written
 * once and read once, instead of going through every merge pass.
 *
 * Writing costs no system call a client: each thread fills a window of
 * the file of its own (reserved under the lock) and writes it whole when
 * it is full.  The blocks are read back in id order, which is all over
 * the file, one pread a block: a map of the file would save the calls but
 * hold on to the pages it touched, and memory must stay flat.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remind.h"

#define REGION (64 * 1024)	/* what a thread gathers before it writes */

struct region {
	char *buf;			/* NULL until the thread's first block */
	off_t base;			/* where buf goes in the file */
	size_t used;
};

struct smp_spool {
	pthread_mutex_t lock;
	int fd;				/* -1 until the first block */
	off_t end;			/* all space handed out */
	struct region *regions;		/* one a thread */
	int threads;
	char tmpdir[512];
};

struct smp_spool *
smp_spool_new(const char *tmpdir, int threads)
{
	struct smp_spool *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->regions = calloc((size_t)threads,
	    sizeof(*s->regions))) == NULL)
		abort();
	pthread_mutex_init(&s->lock, NULL);
	s->fd = -1;
	s->threads = threads;
	snprintf(s->tmpdir, sizeof(s->tmpdir), "%s",
	    tmpdir && *tmpdir ? tmpdir : "/tmp");
	return s;
}

void
smp_spool_free(struct smp_spool *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		close(s->fd);
	for (int i = 0; i < s->threads; i++)
		free(s->regions[i].buf);
	free(s->regions);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* n bytes of the file for the caller alone, from *at. */
static int
reserve(struct smp_spool *s, size_t n, off_t *at, struct smp_diag *d)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = smp_temp_open(&s->fd, s->tmpdir, d)) == SMP_OK) {
		*at = s->end;
		s->end += (off_t)n;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int
flush_region(struct smp_spool *s, struct region *g, struct smp_diag *d)
{
	size_t n = g->used;

	g->used = 0;
	if (n > 0 && smp_temp_write(s->fd, g->buf, n, g->base) != 0)
		return smp_temp_fail(d, "write", s->tmpdir);
	return SMP_OK;
}

int
smp_spool_put(struct smp_spool *s, int thread, const char *p, size_t n,
    uint64_t *at, struct smp_diag *d)
{
	struct region *g = &s->regions[thread];
	off_t where;

	if (n > REGION) {		/* a block bigger than a window */
		if (reserve(s, n, &where, d) != SMP_OK)
			return SMP_CANTWRITE;
		if (smp_temp_write(s->fd, p, n, where) != 0)
			return smp_temp_fail(d, "write", s->tmpdir);
		*at = (uint64_t)where;
		return SMP_OK;
	}
	if (g->buf == NULL || g->used + n > REGION) {
		if (g->buf == NULL && (g->buf = malloc(REGION)) == NULL)
			abort();
		if (flush_region(s, g, d) != SMP_OK)
			return SMP_CANTWRITE;
		if (reserve(s, REGION, &g->base, d) != SMP_OK)
			return SMP_CANTWRITE;
	}
	memcpy(g->buf + g->used, p, n);
	*at = (uint64_t)g->base + g->used;
	g->used += n;
	return SMP_OK;
}

int
smp_spool_flush(struct smp_spool *s, struct smp_diag *d)
{
	for (int i = 0; i < s->threads; i++)
		if (flush_region(s, &s->regions[i], d) != SMP_OK)
			return SMP_CANTWRITE;
	/* the last windows were not filled: the file covers them anyway */
	if (s->fd >= 0 && ftruncate(s->fd, s->end) != 0)
		return smp_temp_fail(d, "write", s->tmpdir);
	return SMP_OK;
}

int
smp_spool_read(struct smp_spool *s, uint64_t at, size_t n, char *to,
    struct smp_diag *d)
{
	for (size_t done = 0; done < n; ) {
		ssize_t r = pread(s->fd, to + done, n - done,
		    (off_t)(at + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return smp_diag_set(d, SMP_CANTWRITE, s->tmpdir, 0, 0,
			    NULL, "cannot read back a temporary file");
		done += (size_t)r;
	}
	return SMP_OK;
}
