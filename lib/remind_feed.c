/*
 * The feed written on a thread of its own.  Once the files are read, the
 * calling thread merges the client records and reads each client's
 * events back from the spool; writing them is the other half of that
 * work, and so is libical making the VTIMEZONEs of the head.  Here a
 * writer thread does that half: it writes the head while the caller
 * starts merging, then takes the events in chunks, two of them taking
 * turns, so one is filled while the other is written.  With one job
 * (--jobs 1: one thread) the same is done on the caller's thread.
 *
 * It also starts the kernel's writeback as it goes.  The feed is
 * published by renaming a new file over the old one, and ext4 writes a
 * file renamed over another out at the rename (auto_da_alloc), on the
 * caller's time; started here, that work is done beside the merging.
 */
#define _GNU_SOURCE		/* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "remind.h"

#define CHUNK (64 * 1024)

struct chunk {
	char *data;
	size_t len, cap;
	int full;			/* the writer's until written */
};

struct smp_feed_writer {
	FILE *fp;
	const char *path;		/* the feed's, for diagnostics */
	const char *name;		/* the clinic's, for X-WR-CALNAME */
	const struct smp_zone_span *zones;
	size_t nzones;
	int threaded;			/* else written on the caller's */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct chunk chunks[2];
	int filling;			/* the chunk the caller fills */
	int done;			/* no chunk after the full ones */
	int rc;				/* the writer's first failure */
	struct smp_diag diag;
};

static int
write_chunk(struct smp_feed_writer *w, const struct chunk *c)
{
	if (fwrite(c->data, 1, c->len, w->fp) != c->len || fflush(w->fp) != 0)
		return smp_diag_set(&w->diag, SMP_CANTWRITE, w->path, 0, 0,
		    NULL, "cannot write: %s", strerror(errno));
	/* a hint: a pipe has no pages to write out, and that is fine */
	sync_file_range(fileno(w->fp), 0, 0, SYNC_FILE_RANGE_WRITE);
	return SMP_OK;
}

static void *
writer(void *arg)
{
	struct smp_feed_writer *w = arg;
	int rc = smp_feed_begin(w->fp, w->name, w->zones, w->nzones, &w->diag);

	for (int next = 0; ; next = !next) {
		struct chunk *c = &w->chunks[next];

		pthread_mutex_lock(&w->lock);
		while (!c->full && !w->done)
			pthread_cond_wait(&w->changed, &w->lock);
		pthread_mutex_unlock(&w->lock);
		if (!c->full)
			break;
		if (rc == SMP_OK)	/* after a failure, chunks are dropped */
			rc = write_chunk(w, c);
		pthread_mutex_lock(&w->lock);
		c->full = 0;
		c->len = 0;
		pthread_cond_broadcast(&w->changed);
		pthread_mutex_unlock(&w->lock);
	}
	if (rc == SMP_OK)
		rc = smp_feed_end(w->fp, &w->diag);
	w->rc = rc;		/* read after pthread_join */
	return NULL;
}

struct smp_feed_writer *
smp_feed_writer_start(FILE *fp, const char *path, const char *name,
    const struct smp_zone_span *zones, size_t nzones, int threaded)
{
	struct smp_feed_writer *w = calloc(1, sizeof(*w));

	if (w == NULL)
		abort();
	*w = (struct smp_feed_writer){ .fp = fp, .path = path, .name = name,
		.zones = zones, .nzones = nzones, .threaded = threaded };
	for (int i = 0; i < 2; i++)
		if ((w->chunks[i].data = malloc(CHUNK)) == NULL)
			abort();
		else
			w->chunks[i].cap = CHUNK;
	if (threaded) {
		pthread_mutex_init(&w->lock, NULL);
		pthread_cond_init(&w->changed, NULL);
		if (pthread_create(&w->thread, NULL, writer, w) == 0)
			return w;
		/* no thread to be had: written on this one, as with -j 1 */
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->changed);
		w->threaded = 0;
	}
	w->rc = smp_feed_begin(fp, name, zones, nzones, &w->diag);
	return w;
}

/* Hands the chunk being filled to the writer and waits for the other;
 * without a writer thread, writes it. */
static void
hand_over(struct smp_feed_writer *w)
{
	struct chunk *next = &w->chunks[!w->filling];

	if (!w->threaded) {
		if (w->rc == SMP_OK)
			w->rc = write_chunk(w, &w->chunks[w->filling]);
		w->chunks[w->filling].len = 0;
		return;
	}

	pthread_mutex_lock(&w->lock);
	w->chunks[w->filling].full = 1;
	pthread_cond_broadcast(&w->changed);
	while (next->full)
		pthread_cond_wait(&w->changed, &w->lock);
	pthread_mutex_unlock(&w->lock);
	w->filling = !w->filling;
}

char *
smp_feed_writer_room(struct smp_feed_writer *w, size_t n)
{
	struct chunk *c = &w->chunks[w->filling];

	if (c->len > 0 && c->len + n > c->cap) {
		hand_over(w);
		c = &w->chunks[w->filling];
	}
	if (n > c->cap) {	/* a client with more events than a chunk */
		free(c->data);
		if ((c->data = malloc(n)) == NULL)
			abort();
		c->cap = n;
	}
	return c->data + c->len;
}

void
smp_feed_writer_commit(struct smp_feed_writer *w, size_t n)
{
	w->chunks[w->filling].len += n;
}

int
smp_feed_writer_finish(struct smp_feed_writer *w, struct smp_diag *d)
{
	int rc;

	if (w->chunks[w->filling].len > 0)
		hand_over(w);
	if (w->threaded) {
		pthread_mutex_lock(&w->lock);
		w->done = 1;
		pthread_cond_broadcast(&w->changed);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->changed);
	} else if (w->rc == SMP_OK)
		w->rc = smp_feed_end(w->fp, &w->diag);
	if ((rc = w->rc) != SMP_OK)
		*d = w->diag;
	for (int i = 0; i < 2; i++)
		free(w->chunks[i].data);
	free(w);
	return rc;
}
