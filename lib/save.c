/*
 * Writing a client file safely: hold a lock for the whole read, change
 * and write; write a temporary file beside the old one, flush it, and
 * rename it over, so a crash or a full disk leaves the old file or the
 * new one and never a mix.  The lock is on the file's inode; since the
 * rename swaps the inode, a writer that waited re-checks that the name
 * still points at what it locked, and tries again if not.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "smp.h"

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
nap(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int
try_lock(struct smp_file *f, int *retry, struct smp_diag *d)
{
	struct stat now;

	*retry = 0;
	f->fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (f->fd < 0)
		return smp_diag_set(d, SMP_NOINPUT, f->name, 0, 0, NULL,
		    "cannot open: %s", strerror(errno));
	if (fstat(f->fd, &now) != 0 || !S_ISREG(now.st_mode)) {
		close(f->fd);
		f->fd = -1;
		return smp_diag_set(d, SMP_NOINPUT, f->name, 0, 0, NULL,
		    "is not a regular file");
	}
	if (flock(f->fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		close(f->fd);
		f->fd = -1;
		if (e == EWOULDBLOCK || e == EINTR) {
			*retry = 1;
			return SMP_RETRY;
		}
		return smp_diag_set(d, SMP_RETRY, f->name, 0, 0, NULL,
		    "cannot lock: %s", strerror(e));
	}
	if (fstat(f->fd, &f->st) != 0 || stat(f->path, &now) != 0 ||
	    !same_file(&f->st, &now)) {
		/* replaced while we waited: lock the new one */
		close(f->fd);
		f->fd = -1;
		*retry = 1;
		return SMP_RETRY;
	}
	return SMP_OK;
}

int
smp_file_lock(const char *name, int timeout_ms, struct smp_file *f,
    struct smp_diag *d)
{
	int rc, retry;
	long deadline = now_ms() + timeout_ms;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->name = name;
	/* through a symbolic link to the file it points to; the link stays */
	if (realpath(name, f->path) == NULL)
		return smp_diag_set(d, SMP_NOINPUT, name, 0, 0, NULL,
		    "cannot open: %s", strerror(errno));
	for (;;) {
		rc = try_lock(f, &retry, d);
		if (!retry)
			return rc;
		if (now_ms() >= deadline)
			return smp_diag_set(d, SMP_RETRY, name, 0, 0, NULL,
			    "locked by another program for %d s; try again",
			    timeout_ms / 1000);
		nap(10);
	}
}

void
smp_file_unlock(struct smp_file *f)
{
	if (f->fd >= 0)
		close(f->fd);	/* releases the lock */
	f->fd = -1;
}

/* The file must be as we locked it: no one wrote it without the lock. */
static int
unchanged(const struct smp_file *f, struct smp_diag *d)
{
	struct stat fd_now, path_now;

	if (fstat(f->fd, &fd_now) != 0 || stat(f->path, &path_now) != 0 ||
	    !same_file(&fd_now, &path_now) || fd_now.st_size != f->st.st_size ||
	    fd_now.st_mtim.tv_sec != f->st.st_mtim.tv_sec ||
	    fd_now.st_mtim.tv_nsec != f->st.st_mtim.tv_nsec)
		return smp_diag_set(d, SMP_RETRY, f->name, 0, 0, NULL,
		    "changed by another program while we worked; "
		    "nothing written, try again");
	return SMP_OK;
}

static int
write_all(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Flushes the folder, so the rename itself survives a crash. */
static void
sync_dir(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		slash[slash == dir] = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* A temporary name in the same folder that no tool takes for a client
 * file: hidden, and not ending in .yaml or .yml. */
static int
make_temp(const char *path, char *tmp, size_t size)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;

	if ((size_t)snprintf(tmp, size, "%.*s.%s.XXXXXX", dirlen, path,
	    slash ? slash + 1 : path) >= size)
		return -1;
	return mkstemp(tmp);
}

int
smp_file_replace(struct smp_file *f, const char *bytes, size_t len,
    struct smp_diag *d)
{
	char tmp[PATH_MAX + 16];
	int rc, fd, e, written;

	if ((fd = make_temp(f->path, tmp, sizeof(tmp))) < 0)
		return smp_diag_set(d, SMP_CANTWRITE, f->name, 0, 0, NULL,
		    "cannot create a file beside it: %s", strerror(errno));
	/* keep the owner where we may, and the permission bits always */
	if (fchown(fd, f->st.st_uid, f->st.st_gid) != 0) {
		/* not ours to give away: the new file stays ours */
	}
	written = fchmod(fd, f->st.st_mode & 07777) == 0 &&
	    write_all(fd, bytes, len) == 0 && fsync(fd) == 0;
	e = errno;
	/* closed before the last look, not after: one call less in the gap */
	if (close(fd) != 0 && written) {
		written = 0;
		e = errno;
	}
	if (!written) {
		unlink(tmp);
		return smp_diag_set(d, SMP_CANTWRITE, f->name, 0, 0, NULL,
		    "cannot write: %s; the file is unchanged", strerror(e));
	}
	/* last look, right before the rename: a program that ignores the
	 * lock can still slip in between, but only in this short gap */
	if ((rc = unchanged(f, d)) != SMP_OK) {
		unlink(tmp);
		return rc;
	}
	if (rename(tmp, f->path) != 0) {
		e = errno;
		unlink(tmp);
		return smp_diag_set(d, SMP_CANTWRITE, f->name, 0, 0, NULL,
		    "cannot replace: %s; the file is unchanged", strerror(e));
	}
	sync_dir(f->path);
	return SMP_OK;
}
