/*
 * One run of smp-remind.  Workers turn each file into sorted records:
 *
 *   listing  "DATE ID \1 KIND N \1 PATH" -> the line, in the chosen format
 *   clients  "ID \1 PATH"                -> where the id stands; where its
 *                                          events wait in the spool
 *   errors   "PATH"                      -> the exit code and the message
 *
 * and once every file is read, the records come back in order: the
 * clients (which finds the ids used twice and writes the feed), the
 * diagnostics, then the listing.  Records sort by what they say, so the
 * output is the same whatever the number of threads or the folder order,
 * and with the sorter spilling to disk, memory stays flat.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remind.h"

#define SORT_LIMIT (32 * 1024)	/* bytes a sorter holds before it spills */

struct run {
	const struct smp_remind_opts *o;
	struct smp_date to;
	struct smp_sorter *listing, *clients, *errors;
	struct smp_spool *events;	/* the feed's, one block a client */
	pthread_mutex_t lock;		/* the zones and io_rc */
	struct smp_zone_span *zones;
	size_t nzones, capzones;
	struct smp_zones *known;	/* zone names found, one a thread */
	int io_rc;			/* a temporary file failed */
	struct smp_diag io_diag;
};

/* A failing temporary file is kept for the end, since a worker cannot
 * stop the run. */
static void
io_failed(struct run *r, const struct smp_diag *d)
{
	pthread_mutex_lock(&r->lock);
	if (r->io_rc == SMP_OK) {
		r->io_rc = SMP_CANTWRITE;
		r->io_diag = *d;
	}
	pthread_mutex_unlock(&r->lock);
}

/* Hands a record to a sorter. */
static void
keep(struct run *r, struct smp_sorter *s, const struct smp_buf *b)
{
	struct smp_diag d;

	if (smp_sorter_add(s, b->data, b->len, &d) != SMP_OK)
		io_failed(r, &d);
}

/* A diagnostic, kept to be printed in the order of the paths. */
static void
report(struct run *r, const struct smp_diag *d, int code)
{
	struct smp_buf b = { 0 };
	char *text = NULL, num[8];
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		abort();
	smp_diag_print(fp, r->o->prog, d);
	fclose(fp);
	smp_buf_str(&b, d->file);
	snprintf(num, sizeof(num), "%03d", code % 1000);
	smp_buf_add(&b, "", 1);
	smp_buf_add(&b, num, 3);
	smp_buf_add(&b, text, len);
	keep(r, r->errors, &b);
	smp_buf_free(&b);
	free(text);
}

static void
scan_failed(void *arg, const struct smp_diag *d, int code)
{
	report(arg, d, code);
}

/* Notes that a timed event in zone falls in year, for its VTIMEZONE. */
static void
use_zone(void *arg, const char *zone, int year)
{
	struct run *r = arg;
	struct smp_zone_span *z;
	size_t i;
	int first;

	if (smp_zone_is_utc(zone) || strlen(zone) >= sizeof(z->name))
		return;
	pthread_mutex_lock(&r->lock);
	for (i = 0; i < r->nzones; i++)
		if (strcmp(r->zones[i].name, zone) == 0)
			break;
	if ((first = i == r->nzones)) {
		if (i == r->capzones) {
			r->capzones = r->capzones ? 2 * r->capzones : 8;
			r->zones = realloc(r->zones, r->capzones * sizeof(*z));
			if (r->zones == NULL)
				abort();
		}
		z = &r->zones[r->nzones++];
		snprintf(z->name, sizeof(z->name), "%s", zone);
		z->first_year = z->last_year = year;
	}
	z = &r->zones[i];
	z->first_year = year < z->first_year ? year : z->first_year;
	z->last_year = year > z->last_year ? year : z->last_year;
	pthread_mutex_unlock(&r->lock);
	/* the zone's rules, read while the other threads read on (not
	 * after them, and not holding up their use_zone) */
	if (first)
		smp_zone_preload(zone);
}

/*
 * The numbers in records ("line:col" of an id, "offset:length" of a
 * client's events in the spool) are written and read by hand: every file
 * makes them, and snprintf and sscanf cost more than the rest of the
 * record.
 */
static void
put_pair(char *buf, unsigned long long a, unsigned long long b)
{
	char *p = smp_put_number(buf, a);

	*p++ = ':';
	*smp_put_number(p, b) = '\0';
}

/* 0 when s is "A:B" and both fit. */
static int
get_pair(const char *s, unsigned long long *a, unsigned long long *b)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*a = strtoull(s, &end, 10);
	if (*end != ':' || end[1] < '0' || end[1] > '9')
		return -1;
	*b = strtoull(end + 1, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static void
listing_record(struct run *r, struct smp_buf *b, const struct smp_client *c,
    const char *path, const struct smp_reminder *rm)
{
	char date[11], kind[16];

	smp_date_format(rm->date, date);
	/* \1, the kind's digit, the session's number in four, \1 */
	kind[0] = kind[6] = '\001';
	kind[1] = (char)('0' + rm->kind);
	smp_put_digits(kind + 2, (unsigned)rm->from->n % 10000, 4);
	kind[7] = '\0';
	b->len = 0;
	smp_buf_str(b, date);
	smp_buf_str(b, c->id);
	smp_buf_str(b, kind);
	smp_buf_str(b, path);
	smp_buf_add(b, "", 1);
	smp_reminder_line(b, r->o->format, r->o->anonymous, rm, c, r->o->clinic);
}

/* The feed's events of c, into the spool; "" if there are none, else
 * "AT:LENGTH" for the record. */
static void
spool_events(struct run *r, int worker, const struct smp_client *c,
    const struct smp_reminder *rs, size_t n, char where[64])
{
	const struct smp_remind_opts *o = r->o;
	struct smp_feed_opts f = { o->clinic, o->today, o->days, o->anonymous,
		o->dtstamp, 0 };
	struct smp_buf ev = { 0 };
	struct smp_diag d;
	uint64_t at;

	where[0] = '\0';
	if (n == 0 && !smp_feed_has_sessions(c, o->today, o->days))
		return;
	f.last_modified = smp_last_modified(c->mtime, o->sde, o->dtstamp);
	smp_feed_events(&ev, &f, c, rs, n, use_zone, r);
	if (smp_spool_put(r->events, worker, ev.data, ev.len, &at, &d) != SMP_OK)
		io_failed(r, &d);
	else
		put_pair(where, at, ev.len);
	smp_buf_free(&ev);
}

static void
client_record(struct run *r, int worker, struct smp_buf *b,
    const struct smp_client *c, const char *path,
    const struct smp_reminder *rs, size_t n)
{
	char pos[32], where[64] = "";

	if (r->o->ics != NULL)
		spool_events(r, worker, c, rs, n, where);
	b->len = 0;
	smp_buf_str(b, c->id);
	smp_buf_add(b, "\001", 1);
	smp_buf_str(b, path);
	put_pair(pos, (unsigned)c->id_line, (unsigned)c->id_col);
	smp_buf_add(b, "", 1);
	smp_buf_add(b, pos, strlen(pos) + 1);
	smp_buf_add(b, where, strlen(where) + 1);	/* read as a string */
}

static void
list_client(struct run *r, int worker, const struct smp_client *c,
    const char *path)
{
	const struct smp_remind_opts *o = r->o;
	struct smp_reminder few[32], *rs = few;
	struct smp_buf b = { 0 };
	size_t n;

	/* a client with dozens of planned sessions is rare: the stack */
	if (smp_reminders_max(c) > sizeof(few) / sizeof(few[0]) &&
	    (rs = malloc(smp_reminders_max(c) * sizeof(*rs))) == NULL)
		abort();
	n = smp_reminders(c, &o->clinic->protocol, o->today, r->to, o->kinds,
	    rs);
	for (size_t i = 0; i < n; i++) {
		listing_record(r, &b, c, path, &rs[i]);
		keep(r, r->listing, &b);
	}
	client_record(r, worker, &b, c, path, rs, n);
	keep(r, r->clients, &b);
	smp_buf_free(&b);
	if (rs != few)
		free(rs);
}

/* A worker's part: one file into records. */
static void
one_file(void *arg, int worker, const char *path)
{
	struct run *r = arg;
	struct smp_client c;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_client_read(path, r->o->clinic, &r->known[worker], &c, &d);
	if (rc == SMP_NONE)		/* a clinic file among clients */
		return;
	if (rc != SMP_OK) {
		report(r, &d, rc);
		return;
	}
	list_client(r, worker, &c, path);
	smp_client_free(&c);
}

/* ---- the feed file: written beside its target, then renamed --------- */

struct feed_out {
	FILE *fp;
	int in_place;			/* a device or a pipe: no rename */
	char path[PATH_MAX], tmp[PATH_MAX + 64];
	char buf[64 * 1024];		/* a feed is megabytes: few writes */
};

/* A subscriber fetching the feed while cron rewrites it gets the old one
 * or the new one, never half: the new one is a hidden file in the same
 * folder until it is complete. */
static int
feed_open(struct feed_out *f, const char *path, struct smp_diag *d)
{
	struct stat st;
	const char *base;
	int fd, exists;

	f->in_place = 0;
	if (strcmp(path, "-") == 0) {
		f->fp = stdout;
		return SMP_OK;
	}
	if (realpath(path, f->path) == NULL)
		snprintf(f->path, sizeof(f->path), "%s", path);
	base = strrchr(f->path, '/');
	snprintf(f->tmp, sizeof(f->tmp), "%.*s.%s.tmp-%ld",
	    base ? (int)(base - f->path + 1) : 0, f->path,
	    base ? base + 1 : f->path, (long)getpid());
	/* a FIFO or a device is written as it is: a file renamed over it
	 * would take its place (/dev/full, as root, became a file) */
	exists = stat(f->path, &st) == 0;
	f->in_place = exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
	if (f->in_place)
		fd = open(f->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	else
		fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		    O_NOFOLLOW, 0666);
	if (fd < 0 || (f->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return smp_diag_set(d, SMP_CANTWRITE, path, 0, 0, NULL,
		    "cannot open for writing: %s", strerror(e));
	}
	setvbuf(f->fp, f->buf, _IOFBF, sizeof(f->buf));
	if (exists && S_ISREG(st.st_mode))
		fchmod(fd, st.st_mode & 07777);	/* the web server reads it */
	return SMP_OK;
}

/* ok: the feed is whole; if not, d already says why and stays. */
static int
feed_close(struct feed_out *f, const char *path, int ok, struct smp_diag *d)
{
	struct smp_diag ignored;
	int rc = smp_close_output(f->fp, path, ok ? d : &ignored);

	if (f->fp == stdout || f->in_place)
		return ok ? rc : SMP_CANTWRITE;
	if (ok && rc == SMP_OK && rename(f->tmp, f->path) != 0)
		rc = smp_diag_set(d, SMP_CANTWRITE, path, 0, 0, NULL,
		    "cannot replace: %s", strerror(errno));
	if (!ok || rc != SMP_OK)
		unlink(f->tmp);
	return ok ? rc : SMP_CANTWRITE;
}

/* ---- reading the records back ------------------------------------------ */

/* Paths whose id another file (earlier by path) already has. */
struct dups {
	char **paths;
	size_t n, cap;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_dup(const struct dups *dups, const char *path)
{
	return dups->n > 0 && bsearch(&path, dups->paths, dups->n,
	    sizeof(char *), cmp_str) != NULL;
}

struct clients_pass {
	struct run *r;
	struct dups *dups;
	struct smp_buf first;		/* key of the first file of this id */
	size_t idlen;
	struct smp_feed_writer *feed;	/* or NULL */
	struct smp_diag *diag;
};

/* The client's events, from the spool to the feed's writer. */
static int
write_events(struct clients_pass *w, const char *where)
{
	unsigned long long at, len;
	char *room;

	if (w->feed == NULL || get_pair(where, &at, &len) != 0)
		return 0;
	room = smp_feed_writer_room(w->feed, len);
	if (smp_spool_read(w->r->events, at, len, room, w->diag) != SMP_OK)
		return SMP_CANTWRITE;
	smp_feed_writer_commit(w->feed, len);
	return 0;
}

static void
dup_found(struct clients_pass *w, const char *key, const char *pos)
{
	struct smp_diag d;
	char q[80];
	int line = 0, col = 0;
	const char *path = strchr(key, '\001') + 1;
	struct dups *dups = w->dups;

	sscanf(pos, "%d:%d", &line, &col);
	snprintf(q, sizeof(q), "%.*s", (int)w->idlen, key);
	smp_diag_set(&d, SMP_INVALID, path, line, col, "id",
	    "\"%s\" is already the id of %s; ids must be unique", q,
	    w->first.data + w->idlen + 1);
	report(w->r, &d, SMP_INVALID);
	if (dups->n == dups->cap) {
		dups->cap = dups->cap ? 2 * dups->cap : 16;
		if ((dups->paths = realloc(dups->paths,
		    dups->cap * sizeof(char *))) == NULL)
			abort();
	}
	if ((dups->paths[dups->n++] = strdup(path)) == NULL)
		abort();
}

static int
on_client(void *arg, const char *rec, size_t len)
{
	struct clients_pass *w = arg;
	size_t keylen = strlen(rec), idlen = strcspn(rec, "\001");
	const char *pos = rec + keylen + 1;
	const char *where = pos + strlen(pos) + 1;

	if (rec[len - 1] != '\0')	/* three strings, as client_record made */
		return smp_diag_set(w->diag, SMP_CANTWRITE, NULL, 0, 0, NULL,
		    "a sort record is damaged");

	if (w->first.len == keylen && memcmp(w->first.data, rec, keylen) == 0)
		return 0;	/* the same file named twice */
	if (w->first.len > 0 && idlen == w->idlen &&
	    memcmp(w->first.data, rec, idlen) == 0) {
		dup_found(w, rec, pos);
		return 0;
	}
	w->first.len = 0;
	smp_buf_add(&w->first, rec, keylen);
	w->idlen = idlen;
	return write_events(w, where);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct smp_zone_span *)a)->name,
	    ((const struct smp_zone_span *)b)->name);
}

/* The clients in id order: ids used twice, and the feed's events. */
static int
clients_pass(struct run *r, struct feed_out *feed, struct dups *dups,
    struct smp_diag *d)
{
	struct clients_pass w = { r, dups, { 0 }, 0, NULL, d };
	int rc, frc = SMP_OK;

	if (feed != NULL) {
		if (r->nzones > 1)
			qsort(r->zones, r->nzones, sizeof(*r->zones), by_name);
		w.feed = smp_feed_writer_start(feed->fp, r->o->ics,
		    r->o->clinic->name, r->zones, r->nzones, r->o->jobs > 1);
	}
	rc = smp_sorter_each(r->clients, on_client, &w, d);
	/* the writer's failure first: a head it could not write stopped
	 * the feed before any client */
	if (w.feed != NULL && (frc = smp_feed_writer_finish(w.feed, d)) !=
	    SMP_OK)
		rc = frc;
	smp_buf_free(&w.first);
	if (dups->n > 1)
		qsort(dups->paths, dups->n, sizeof(char *), cmp_str);
	return rc;
}

struct errors_pass {
	FILE *fp;
	struct smp_buf prev;
	int worst;
};

static int
on_error(void *arg, const char *rec, size_t len)
{
	struct errors_pass *w = arg;
	size_t keylen = strlen(rec);
	int code = atoi((char[4]){ rec[keylen + 1], rec[keylen + 2],
	    rec[keylen + 3], '\0' });

	if (w->prev.len == len && memcmp(w->prev.data, rec, len) == 0)
		return 0;	/* the same file named twice */
	w->prev.len = 0;
	smp_buf_add(&w->prev, rec, len);
	w->worst = code > w->worst ? code : w->worst;
	fwrite(rec + keylen + 4, 1, len - keylen - 4, w->fp);
	return 0;
}

struct listing_pass {
	const struct smp_remind_opts *o;
	FILE *fp;			/* NULL: count only */
	const struct dups *dups;
	struct smp_buf prev;
	size_t count;
};

/* The text format's heading when the date changes. */
static void
heading(struct listing_pass *w, const char *key)
{
	char date[11];
	struct smp_date d;

	if (w->prev.len >= 10 && memcmp(w->prev.data, key, 10) == 0)
		return;
	memcpy(date, key, 10);
	date[10] = '\0';
	if (smp_date_parse(date, &d) != 0)
		return;
	if (w->count > 1)
		fputc('\n', w->fp);
	smp_remind_text_heading(w->fp, d);
}

static int
on_reminder(void *arg, const char *rec, size_t len)
{
	struct listing_pass *w = arg;
	size_t keylen = strlen(rec);
	const char *path = strchr(strchr(rec, '\001') + 1, '\001') + 1;

	if (w->prev.len == len && memcmp(w->prev.data, rec, len) == 0)
		return 0;	/* the same file named twice */
	if (is_dup(w->dups, path))
		return 0;
	w->count++;
	if (w->fp != NULL && w->o->format == SMP_REMIND_TEXT)
		heading(w, rec);
	w->prev.len = 0;
	smp_buf_add(&w->prev, rec, len);
	if (w->fp != NULL)
		fwrite(rec + keylen + 1, 1, len - keylen - 1, w->fp);
	return 0;
}

/* ---- the run ------------------------------------------------------------ */

static void
free_run(struct run *r, struct dups *dups)
{
	smp_sorter_free(r->listing);
	smp_sorter_free(r->clients);
	smp_sorter_free(r->errors);
	smp_spool_free(r->events);
	pthread_mutex_destroy(&r->lock);
	free(r->zones);
	free(r->known);
	for (size_t i = 0; i < dups->n; i++)
		free(dups->paths[i]);
	free(dups->paths);
}

static void
scan(struct run *r, char *const *paths, size_t npaths, FILE *stdin_paths)
{
	size_t limit = r->o->sort_limit ? r->o->sort_limit : SORT_LIMIT;
	struct smp_scan s = { one_file, scan_failed, r, r->o->jobs,
		stdin_paths };
	struct smp_diag d;

	r->listing = smp_sorter_new(limit, r->o->tmpdir);
	r->clients = smp_sorter_new(limit, r->o->tmpdir);
	r->errors = smp_sorter_new(limit, r->o->tmpdir);
	r->events = smp_spool_new(r->o->tmpdir, r->o->jobs);
	if ((r->known = calloc((size_t)r->o->jobs, sizeof(*r->known))) == NULL)
		abort();
	smp_scan_paths(&s, paths, npaths);
	if (smp_spool_flush(r->events, &d) != SMP_OK)
		io_failed(r, &d);
}

/* What is left to print, after the scan; returns the exit status. */
static int
finish(struct run *r, struct feed_out *feed, FILE *out, FILE *err)
{
	const struct smp_remind_opts *o = r->o;
	struct dups dups = { 0 };
	struct errors_pass ep = { err, { 0 }, SMP_OK };
	struct listing_pass lp = { o, out, &dups, { 0 }, 0 };
	struct smp_diag d;
	int rc, frc = SMP_OK;

	smp_diag_clear(&d);
	rc = clients_pass(r, feed, &dups, &d);
	if (feed != NULL)
		frc = feed_close(feed, o->ics, rc == SMP_OK, &d);
	if (rc == SMP_OK && frc != SMP_OK)
		rc = frc;
	if (rc == SMP_OK)
		rc = smp_sorter_each(r->errors, on_error, &ep, &d);
	if (rc == SMP_OK)
		rc = smp_sorter_each(r->listing, on_reminder, &lp, &d);
	if (rc == SMP_OK && r->io_rc != SMP_OK) {
		rc = r->io_rc;
		d = r->io_diag;
	}
	if (rc != SMP_OK)
		smp_diag_print(err, o->prog, &d);
	smp_buf_free(&ep.prev);
	smp_buf_free(&lp.prev);
	free_run(r, &dups);
	if (rc != SMP_OK)
		return rc;
	if (ep.worst != SMP_OK)
		return ep.worst;
	return lp.count == 0 ? SMP_NONE : SMP_OK;
}

int
smp_remind_run(const struct smp_remind_opts *o, char *const *paths,
    size_t npaths, FILE *stdin_paths, FILE *out, FILE *err)
{
	struct run r = { .o = o };
	struct feed_out feed;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	/* an output that cannot be opened fails before the long scan */
	if (o->ics != NULL && (rc = feed_open(&feed, o->ics, &d)) != SMP_OK) {
		smp_diag_print(err, o->prog, &d);
		return rc;
	}
	pthread_mutex_init(&r.lock, NULL);
	r.to = smp_date_add_days(o->today, o->days);
	scan(&r, paths, npaths, stdin_paths);
	if (o->ics != NULL && strcmp(o->ics, "-") == 0)
		out = NULL;	/* the feed has stdout to itself */
	return finish(&r, o->ics != NULL ? &feed : NULL, out, err);
}
