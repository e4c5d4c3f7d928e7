/*
 * The other clients' bookings, from every client file of a folder.  A
 * folder may hold ten thousand files, and all a plan needs from each is
 * who is booked when; smp_client_read reads each without building a
 * tree, and a broken file gets the diagnostic every tool gives it.
 */
#define _DEFAULT_SOURCE 1	/* d_type: most entries need no stat() */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan.h"

/* What the folder scan carries from file to file. */
struct scan {
	struct smp_book *b;
	const struct smp_client *me;
	struct stat self;
	struct smp_zones zones;		/* names known to be zones */
};

/* The planned and done sessions of another client that could clash. */
static void
book_client(struct scan *s, const struct smp_client *c)
{
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *v = &c->sessions[i];
		int p = smp_practitioner_index(s->b->clinic, v->practitioner);

		if (p < 0 || (v->status != SMP_PLANNED && v->status != SMP_DONE)
		    || smp_date_cmp(v->start.date, s->b->horizon) < 0)
			continue;
		smp_book_add_local(s->b, (size_t)p, c->timezone, v->start,
		    v->minutes);
	}
}

static int
load_other(struct scan *s, const char *path, struct smp_diag *d)
{
	struct smp_client c;
	int rc = smp_client_read(path, s->b->clinic, &s->zones, &c, d);

	if (rc == SMP_NONE)		/* a clinic file */
		return SMP_OK;
	if (rc != SMP_OK)
		return rc;
	if (strcmp(c.id, s->me->id) != 0)
		book_client(s, &c);
	smp_client_free(&c);
	return SMP_OK;
}

/* ---- the folder ------------------------------------------------------------ */

static int
yaml_name(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	if (e->d_name[0] == '.')
		return 0;
	return (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(e->d_name + n - 4, ".yml") == 0);
}

/* Bytewise, so that the first broken file reported is the same anywhere. */
static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* A regular file other than the client's own (a link is followed). */
static int
other_file(const struct scan *s, const struct dirent *e, const char *path)
{
	struct stat st;

#ifdef DT_REG
	/* the common case costs no system call */
	if (e->d_type == DT_REG && e->d_ino != s->self.st_ino)
		return 1;
	if (e->d_type != DT_REG && e->d_type != DT_LNK &&
	    e->d_type != DT_UNKNOWN)
		return 0;
#else
	(void)e;
#endif
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    !(st.st_dev == s->self.st_dev && st.st_ino == s->self.st_ino);
}

static int
scan_dir(struct scan *s, const char *dir, struct smp_diag *d)
{
	struct dirent **names;
	int n = scandir(dir, &names, yaml_name, by_name), rc = SMP_OK;
	int here = strcmp(dir, ".") == 0;

	if (n < 0)
		return smp_diag_set(d, SMP_NOINPUT, dir, 0, 0, NULL,
		    "cannot read the folder of client files: %s",
		    strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s%s%s", here ? "" : dir,
		    here ? "" : "/", names[i]->d_name);
		if (rc == SMP_OK && other_file(s, names[i], path))
			rc = load_other(s, path, d);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
smp_book_dir(struct smp_book *b, const char *dir,
    const struct smp_client *self, struct smp_diag *d)
{
	struct scan s = { .b = b, .me = self };
	int rc;

	if (stat(self->path, &s.self) != 0)
		memset(&s.self, 0, sizeof(s.self));
	rc = scan_dir(&s, dir, d);
	if (rc == SMP_INVALID) {
		size_t len = strlen(d->msg);

		snprintf(d->msg + len, sizeof(d->msg) - len,
		    " (another client's bookings are unknown; nothing planned)");
	}
	smp_book_sort(b);
	return rc;
}
