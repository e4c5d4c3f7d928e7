/*
 * The other clients' bookings, from every client file of a folder.  A
 * folder may hold ten thousand files, and all a plan needs from each is
 * who is booked when, so each file goes through libyaml's event stream
 * once, keeping the id, the zone and each session's kind, start, minutes,
 * practitioner and status, and building no tree.  Anything unusual (a
 * value that does not read cleanly, an alias, a duplicate key that
 * matters, a clinic file's shape) sends the file through the full loader
 * instead, so its diagnostic is the one every tool gives.
 */
#define _DEFAULT_SOURCE 1	/* d_type: most entries need no stat() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "plan.h"

/* One session as the fast reader found it. */
struct found {
	int kind, status, minutes;
	struct smp_time start;
	char practitioner[128];
	int has_start;
};

#define ZONES 16

/* What the folder scan carries from file to file (buffers reused). */
struct scan {
	struct smp_book *b;
	const struct smp_client *me;
	struct stat self;
	char zones[ZONES][64];		/* names known to be zones */
	int nzones;
	const char *zone;		/* the file's */
	char *buf;
	size_t cap;
	struct found *found;
	size_t nfound, capfound;
	/* the file being read */
	yaml_parser_t parser;
	yaml_event_t ev;
	int have_ev, bad;		/* bad: the full loader must judge */
	char id[80], tz[128];
	int has_id, has_name, smp_ok, seen_sessions;
};

enum { FAST_OK, FAST_SKIP, FAST_FULL };	/* FULL: use the full loader */

/* The file's zone, if it is one: a folder uses a few, each looked up
 * once (libical's lookup is a search of every zone it knows). */
static int
use_zone(struct scan *s, const char *name)
{
	for (int i = 0; i < s->nzones; i++)
		if (strcmp(s->zones[i], name) == 0) {
			s->zone = s->zones[i];
			return 0;
		}
	if (!smp_zone_known(name))
		return -1;
	s->zone = name;
	if (s->nzones < ZONES && strlen(name) < sizeof(s->zones[0])) {
		memcpy(s->zones[s->nzones], name, strlen(name) + 1);
		s->zone = s->zones[s->nzones++];
	}
	return 0;
}

static void
book(struct scan *s, const char *practitioner, int status,
    struct smp_time start, int minutes)
{
	int p = smp_practitioner_index(s->b->clinic, practitioner);

	if (p < 0 || (status != SMP_PLANNED && status != SMP_DONE) ||
	    smp_date_cmp(start.date, s->b->horizon) < 0)
		return;
	smp_book_add_local(s->b, (size_t)p, s->zone, start, minutes);
}

/* The full loader: the exact diagnostic for a broken file, and the
 * bookings of a valid one the fast reader would not take. */
static int
load_full(struct scan *s, const char *path, struct smp_diag *d)
{
	struct smp_doc *doc;
	struct smp_client c;
	int rc;

	if ((rc = smp_doc_load(path, &doc, d)) != SMP_OK)
		return rc;
	if (smp_doc_is_clinic(doc)) {
		smp_doc_free(doc);
		return SMP_OK;
	}
	if ((rc = smp_client_from_doc(doc, s->b->clinic, &c, d)) != SMP_OK)
		return rc;
	if (strcmp(c.id, s->me->id) != 0 && use_zone(s, c.timezone) == 0)
		for (size_t i = 0; i < c.nsessions; i++)
			book(s, c.sessions[i].practitioner, c.sessions[i].status,
			    c.sessions[i].start, c.sessions[i].minutes);
	smp_client_free(&c);
	return SMP_OK;
}

/* ---- the fast reader ------------------------------------------------------ */

/* The next event; 0 at a syntax error or anything the loader refuses. */
static int
next(struct scan *s)
{
	yaml_event_t *ev = &s->ev;

	int ok;

	if (s->have_ev)
		yaml_event_delete(ev);
	s->have_ev = yaml_parser_parse(&s->parser, ev);
	if (!s->have_ev || ev->type == YAML_ALIAS_EVENT)
		ok = 0;
	else if (ev->type == YAML_SCALAR_EVENT)
		ok = ev->data.scalar.anchor == NULL && ev->data.scalar.tag == NULL;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		ok = ev->data.sequence_start.anchor == NULL &&
		    ev->data.sequence_start.tag == NULL;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		ok = ev->data.mapping_start.anchor == NULL &&
		    ev->data.mapping_start.tag == NULL;
	else
		ok = 1;
	s->bad |= !ok;
	return ok;
}

static const char *
text(const struct scan *s)
{
	return (const char *)s->ev.data.scalar.value;
}

/* The scalar into buf (NUL-terminated); 0 if it does not fit. */
static int
copy(const struct scan *s, char *buf, size_t size)
{
	size_t n = s->ev.data.scalar.length;

	if (n >= size)
		return 0;
	memcpy(buf, s->ev.data.scalar.value, n + 1);
	return 1;
}

static int
is_null(const struct scan *s)
{
	const char *v = text(s);

	return s->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

/* Past the value that starts with the current event. */
static int
skip_value(struct scan *s)
{
	int depth = 0;

	do {
		if (s->ev.type == YAML_SEQUENCE_START_EVENT ||
		    s->ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > SMP_MAX_DEPTH)
				return 0;
		} else if (s->ev.type == YAML_SEQUENCE_END_EVENT ||
		    s->ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > 0 && !next(s))
			return 0;
	} while (depth > 0);
	return 1;
}

static int
lookup(const char *const *names, const char *v)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return -1;
}

/* Whole minutes as the loader takes them, plain and simple; else -1. */
static int
minutes_of(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 4 || v[0] == '0' || strspn(v, "0123456789") != n)
		return -1;
	n = (size_t)atoi(v);
	return n >= 1 && n <= 24 * 60 ? (int)n : -1;
}

static int
session_value(struct scan *s, struct found *f, const char *key)
{
	const char *v = text(s);

	if (strcmp(key, "kind") == 0)
		return (f->kind = lookup(smp_kind_names, v)) >= 0;
	if (strcmp(key, "status") == 0)
		return (f->status = lookup(smp_status_names, v)) >= 0;
	if (strcmp(key, "start") == 0)
		return (f->has_start = smp_time_parse(v, &f->start) == 0);
	if (strcmp(key, "minutes") == 0)
		return is_null(s) || (f->minutes = minutes_of(v)) > 0;
	if (strcmp(key, "practitioner") == 0)
		return is_null(s) || copy(s, f->practitioner,
		    sizeof(f->practitioner));
	return 1;
}

static struct found *
new_found(struct scan *s)
{
	if (s->nfound == s->capfound) {
		s->capfound = s->capfound ? 2 * s->capfound : 16;
		s->found = realloc(s->found, s->capfound * sizeof(*s->found));
		if (s->found == NULL)
			abort();
	}
	memset(&s->found[s->nfound], 0, sizeof(*s->found));
	s->found[s->nfound].kind = s->found[s->nfound].status = -1;
	return &s->found[s->nfound++];
}

/* One session mapping; the keys that matter must be there, once. */
static int
read_session(struct scan *s)
{
	static const char *const keys[] = { "kind", "status", "start",
		"minutes", "practitioner", NULL };
	struct found *f = new_found(s);
	unsigned seen = 0;

	if (s->ev.type != YAML_MAPPING_START_EVENT)
		return 0;
	while (next(s) && s->ev.type == YAML_SCALAR_EVENT) {
		int k = lookup(keys, text(s));

		/* a merge key would bring in values unseen here */
		if (strcmp(text(s), "<<") == 0 || !next(s))
			return 0;
		if (k < 0) {
			if (!skip_value(s))
				return 0;
			continue;
		}
		if ((seen & (1u << k)) || s->ev.type != YAML_SCALAR_EVENT ||
		    !session_value(s, f, keys[k]))
			return 0;
		seen |= 1u << k;
	}
	if (s->ev.type != YAML_MAPPING_END_EVENT || f->kind < 0 ||
	    f->status < 0 || !f->has_start)
		return 0;
	if (f->minutes == 0)
		f->minutes = s->b->clinic->protocol.minutes[f->kind];
	return 1;
}

static int
read_sessions(struct scan *s)
{
	if (s->ev.type == YAML_SCALAR_EVENT)
		return is_null(s);
	if (s->ev.type != YAML_SEQUENCE_START_EVENT)
		return 0;
	while (next(s) && s->ev.type != YAML_SEQUENCE_END_EVENT)
		if (!read_session(s))
			return 0;
	return !s->bad;
}

/* A top-level scalar worth keeping, into buf; 0 if it does not fit. */
static int
keep(struct scan *s, char *buf, size_t size, int *has)
{
	if (s->ev.type != YAML_SCALAR_EVENT || *has)
		return 0;
	*has = !is_null(s);
	return copy(s, buf, size);
}

static int
top_value(struct scan *s, const char *key)
{
	char scratch[8];
	int has_tz = s->tz[0] != '\0', has_smp = 0;

	if (strcmp(key, "smp") == 0) {
		if (!keep(s, scratch, sizeof(scratch), &has_smp))
			return 0;
		s->smp_ok = strcmp(scratch, "1") == 0;
		return 1;
	}
	if (strcmp(key, "id") == 0)
		return keep(s, s->id, sizeof(s->id), &s->has_id);
	if (strcmp(key, "name") == 0)
		return s->ev.type == YAML_SCALAR_EVENT && !s->has_name &&
		    (s->has_name = !is_null(s));
	if (strcmp(key, "timezone") == 0)
		return keep(s, s->tz, sizeof(s->tz), &has_tz);
	if (strcmp(key, "sessions") == 0) {
		if (s->seen_sessions++)
			return 0;
		return read_sessions(s);
	}
	return skip_value(s);
}

/* The top mapping, then the end of the one document. */
static int
read_top(struct scan *s)
{
	int first = 1;

	if (!next(s) || !next(s) || s->ev.type != YAML_DOCUMENT_START_EVENT ||
	    !next(s) || s->ev.type != YAML_MAPPING_START_EVENT)
		return FAST_FULL;
	while (next(s) && s->ev.type == YAML_SCALAR_EVENT) {
		char key[16];

		if (first && strcmp(text(s), "smp-clinic") == 0)
			return FAST_SKIP;
		if (strcmp(text(s), "<<") == 0)
			return FAST_FULL;
		first = 0;
		if (!copy(s, key, sizeof(key)))
			key[0] = '\0';	/* long: none of ours */
		if (!next(s) || !top_value(s, key))
			return FAST_FULL;
	}
	if (!s->have_ev || s->ev.type != YAML_MAPPING_END_EVENT || !next(s) ||
	    s->ev.type != YAML_DOCUMENT_END_EVENT || !next(s) ||
	    s->ev.type != YAML_STREAM_END_EVENT)
		return FAST_FULL;
	return FAST_OK;
}

static int
read_bytes(struct scan *s, const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	*len = 0;
	if (fd < 0)
		return -1;
	for (;;) {
		if (*len == s->cap && (s->buf = realloc(s->buf, s->cap = s->cap ?
		    2 * s->cap : 65536)) == NULL)
			abort();
		if ((r = read(fd, s->buf + *len, s->cap - *len)) <= 0 ||
		    (*len += (size_t)r) > SMP_MAX_FILE)
			break;
	}
	close(fd);
	return r < 0 || *len > SMP_MAX_FILE ? -1 : 0;
}

/* What the full loader would refuse before parsing: not ours to judge. */
static int
plain_utf8_text(const char *b, size_t len)
{
	return memchr(b, '\0', len) == NULL && !(len >= 2 &&
	    ((unsigned char)b[0] == 0xff || (unsigned char)b[0] == 0xfe));
}

static int
fast_read(struct scan *s, const char *path)
{
	size_t len;
	int rc;

	if (read_bytes(s, path, &len) != 0 || !plain_utf8_text(s->buf, len))
		return FAST_FULL;
	s->nfound = 0;
	s->id[0] = s->tz[0] = '\0';
	s->has_id = s->has_name = s->smp_ok = s->seen_sessions = 0;
	s->have_ev = s->bad = 0;
	yaml_parser_initialize(&s->parser);
	yaml_parser_set_input_string(&s->parser, (unsigned char *)s->buf, len);
	rc = read_top(s);
	if (s->have_ev)
		yaml_event_delete(&s->ev);
	yaml_parser_delete(&s->parser);
	if (rc == FAST_OK && (s->bad || !s->smp_ok || !s->has_id ||
	    !s->has_name))
		rc = FAST_FULL;
	return rc;
}

/* The id as the loader allows it (it is in calendar UIDs). */
static int
tame_id(const char *id)
{
	size_t n = strlen(id);

	return n >= 1 && n <= 64 && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static int
load_other(struct scan *s, const char *path, struct smp_diag *d)
{
	int rc = fast_read(s, path);

	if (rc == FAST_SKIP)
		return SMP_OK;
	if (rc == FAST_FULL || !tame_id(s->id) ||
	    use_zone(s, s->tz[0] ? s->tz : s->b->clinic->timezone) != 0)
		return load_full(s, path, d);
	if (strcmp(s->id, s->me->id) == 0)
		return SMP_OK;
	for (size_t i = 0; i < s->nfound; i++)
		book(s, s->found[i].practitioner[0] ? s->found[i].practitioner :
		    NULL, s->found[i].status, s->found[i].start,
		    s->found[i].minutes);
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
	free(s.buf);
	free(s.found);
	return rc;
}
