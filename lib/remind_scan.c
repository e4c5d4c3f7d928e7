/*
 * Finding the client files and handing them to worker threads.  The
 * calling thread walks the folders (and reads "-") and feeds a small
 * bounded queue; `jobs` workers take paths from it.  The queue keeps
 * memory flat however many files there are, and since the run sorts
 * everything it prints, the order the files are read in never shows.
 * Symbolic links to folders are not followed, so a link loop cannot trap
 * the walk.
 */
#define _GNU_SOURCE		/* getdents64, struct dirent64, O_DIRECTORY */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remind.h"

#define QUEUE 64			/* paths waiting for a worker */
#define MAX_DEPTH 64			/* folders inside folders */
#define LISTING (32 * 1024)		/* a folder's entries read at once */

/* The walking thread is one of the `jobs`: when the queue is full it
 * reads the file itself instead of waiting, so N jobs are N threads
 * busy, not N workers and a walker taking turns on N cores.  Wake-ups
 * cost a system call each: a worker is woken only when one sleeps. */
struct queue {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	char *items[QUEUE];
	size_t head, n;
	int idle;			/* workers waiting for a path */
	int done;
};

struct scanner {
	const struct smp_scan *scan;
	struct queue q;
	int threaded;
	/* a buffer of entries for each depth of folder, kept for the
	 * walk: see struct folder */
	char *listings[MAX_DEPTH + 1];
};

/* A worker thread: its number is its slot in the caller's per-thread
 * state (the walking thread is the last, jobs - 1). */
struct worker {
	struct scanner *sc;
	int index;
};

static void
fail(struct scanner *sc, const char *path, int code, const char *what,
    int err)
{
	struct smp_diag d;

	smp_diag_set(&d, code, path, 0, 0, NULL, "%s%s%s", what,
	    err ? ": " : "", err ? strerror(err) : "");
	sc->scan->fail(sc->scan->arg, &d, code);
}

/* One file for a worker, or read right here (one job, or a full queue). */
static void
hand(struct scanner *sc, const char *path)
{
	struct queue *q = &sc->q;
	char *copy;

	if (!sc->threaded) {
		sc->scan->file(sc->scan->arg, sc->scan->jobs - 1, path);
		return;
	}
	pthread_mutex_lock(&q->lock);
	if (q->n == QUEUE) {
		pthread_mutex_unlock(&q->lock);
		sc->scan->file(sc->scan->arg, sc->scan->jobs - 1, path);
		return;
	}
	if ((copy = strdup(path)) == NULL)
		abort();
	q->items[(q->head + q->n++) % QUEUE] = copy;
	if (q->idle > 0)
		pthread_cond_signal(&q->ready);
	pthread_mutex_unlock(&q->lock);
}

/* The next path, or NULL when there is none; wait: until the walk ends. */
static char *
take(struct queue *q, int wait)
{
	char *path = NULL;

	pthread_mutex_lock(&q->lock);
	while (wait && q->n == 0 && !q->done) {
		q->idle++;
		pthread_cond_wait(&q->ready, &q->lock);
		q->idle--;
	}
	if (q->n > 0) {
		path = q->items[q->head];
		q->head = (q->head + 1) % QUEUE;
		q->n--;
	}
	pthread_mutex_unlock(&q->lock);
	return path;
}

static void *
work(void *arg)
{
	const struct worker *w = arg;
	struct scanner *sc = w->sc;
	char *path;

	while ((path = take(&sc->q, 1)) != NULL) {
		sc->scan->file(sc->scan->arg, w->index, path);
		free(path);
	}
	return NULL;
}

static int
wanted(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* What a folder entry is; symbolic links are looked through, and a link
 * to a folder is reported as a link so that the walk passes it by. */
static int
entry_type(const char *path, unsigned char d_type, int *err)
{
	struct stat st;

	*err = 0;
	if (d_type == DT_UNKNOWN) {
		if (lstat(path, &st) != 0) {
			*err = errno;
			return DT_UNKNOWN;
		}
		d_type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ?
		    DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
	}
	if (d_type != DT_LNK)
		return d_type;
	if (stat(path, &st) != 0) {
		*err = errno;
		return DT_UNKNOWN;
	}
	return S_ISDIR(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG :
	    DT_UNKNOWN;
}

/*
 * A folder's entries through getdents64, into the scanner's buffer for
 * its depth, where readdir would read into a DIR that opendir allocates
 * and closedir frees, 32 KiB a folder.  Freed and asked for again, that
 * memory comes back from the allocator as other pieces, new pages each
 * time for the first few: the memory touched grew with the number of
 * folders.  These buffers are taken once a depth and kept.
 */
struct folder {
	int fd;
	char *buf;
	size_t at, have;		/* entries waiting: buf[at..have) */
};

static int
folder_open(struct scanner *sc, struct folder *f, const char *path,
    int depth)
{
	char **listing = &sc->listings[depth];

	if (*listing == NULL && (*listing = malloc(LISTING)) == NULL)
		abort();
	*f = (struct folder){ .buf = *listing };
	f->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return f->fd < 0 ? -1 : 0;
}

/* The next entry; NULL at the end (errno 0) or on an error. */
static const struct dirent64 *
folder_next(struct folder *f)
{
	const struct dirent64 *e;

	if (f->at == f->have) {
		ssize_t n = getdents64(f->fd, f->buf, LISTING);

		if (n <= 0) {
			errno = n < 0 ? errno : 0;
			return NULL;
		}
		f->at = 0;
		f->have = (size_t)n;
	}
	e = (const struct dirent64 *)(void *)(f->buf + f->at);
	f->at += e->d_reclen;
	return e;
}

static void walk(struct scanner *sc, char *path, size_t len, int depth);

/* The entry name of the folder at path[0..len). */
static void
visit(struct scanner *sc, char *path, size_t len, const struct dirent64 *e,
    int depth)
{
	size_t n = strlen(e->d_name), at = len;
	int type, err;

	if (e->d_name[0] == '.')	/* hidden, and . and .. */
		return;
	if (at > 0 && path[at - 1] != '/')
		path[at++] = '/';
	if (at + n >= PATH_MAX) {
		path[len] = '\0';
		fail(sc, path, SMP_NOINPUT, "a name in this folder is too long",
		    0);
		return;
	}
	memcpy(path + at, e->d_name, n + 1);
	type = entry_type(path, e->d_type, &err);
	if (type == DT_DIR)
		walk(sc, path, at + n, depth + 1);
	else if (!wanted(e->d_name) || type == DT_LNK)
		;	/* not a client file, or a link to a folder */
	else if (type == DT_REG)
		hand(sc, path);
	else
		fail(sc, path, SMP_NOINPUT, err ? "cannot open" :
		    "not a regular file", err);
	path[len] = '\0';
}

static void
walk(struct scanner *sc, char *path, size_t len, int depth)
{
	struct folder f;
	const struct dirent64 *e;

	if (depth > MAX_DEPTH) {
		fail(sc, path, SMP_NOINPUT, "folders nested too deep; "
		    "not searched", 0);
		return;
	}
	if (folder_open(sc, &f, path, depth) != 0) {
		fail(sc, path, SMP_NOINPUT, "cannot open the folder", errno);
		return;
	}
	while ((e = folder_next(&f)) != NULL)
		visit(sc, path, len, e, depth);
	if (errno != 0)
		fail(sc, path, SMP_NOINPUT, "cannot read the folder", errno);
	close(f.fd);
}

/* A path the user named: a folder is searched, anything else is read,
 * whatever its name (a named link to a folder is followed too). */
static void
named(struct scanner *sc, const char *arg)
{
	struct stat st;
	char path[PATH_MAX];
	size_t len = strlen(arg);

	if (stat(arg, &st) != 0) {
		fail(sc, arg, SMP_NOINPUT, "cannot open", errno);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		hand(sc, arg);
		return;
	}
	if (len >= sizeof(path)) {
		fail(sc, arg, SMP_NOINPUT, "the name is too long", 0);
		return;
	}
	memcpy(path, arg, len + 1);
	walk(sc, path, len, 0);
}

static void
from_stdin(struct scanner *sc, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (fp == NULL)
		return;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0)
			named(sc, line);
	}
	free(line);
}

static void
search(struct scanner *sc, char *const *paths, size_t npaths)
{
	for (size_t i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0)
			from_stdin(sc, sc->scan->stdin_paths);
		else
			named(sc, paths[i]);
	}
	for (int i = 0; i <= MAX_DEPTH; i++)
		free(sc->listings[i]);
}

void
smp_scan_paths(const struct smp_scan *scan, char *const *paths,
    size_t npaths)
{
	struct scanner sc = { .scan = scan, .threaded = scan->jobs > 1 };
	pthread_t *threads;
	struct worker *workers;
	int started = 0;

	if (!sc.threaded) {
		search(&sc, paths, npaths);
		return;
	}
	pthread_mutex_init(&sc.q.lock, NULL);
	pthread_cond_init(&sc.q.ready, NULL);
	threads = calloc((size_t)scan->jobs, sizeof(*threads));
	workers = calloc((size_t)scan->jobs, sizeof(*workers));
	if (threads == NULL || workers == NULL)
		abort();
	/* this thread is the last of the jobs */
	for (; started < scan->jobs - 1; started++) {
		workers[started] = (struct worker){ &sc, started };
		if (pthread_create(&threads[started], NULL, work,
		    &workers[started]) != 0)
			break;
	}
	if (started == 0)
		sc.threaded = 0;	/* no threads to be had: read here */
	search(&sc, paths, npaths);
	/* the walk is over, the queue still full: empty it with the
	 * workers rather than wait for them on an idle core */
	for (char *path; sc.threaded && (path = take(&sc.q, 0)) != NULL;
	    free(path))
		scan->file(scan->arg, scan->jobs - 1, path);
	pthread_mutex_lock(&sc.q.lock);
	sc.q.done = 1;
	pthread_cond_broadcast(&sc.q.ready);
	pthread_mutex_unlock(&sc.q.lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	free(workers);
	pthread_cond_destroy(&sc.q.ready);
	pthread_mutex_destroy(&sc.q.lock);
}
