/*
 * The course.  Done, cancelled and no-show sessions are history and stay
 * as they are.  A planned session keeps its slot while it still meets
 * every rule; the others are booked again (same n, seq + 1), missing ones
 * are added, and planned ones beyond a shortened course are cancelled.
 * One pass in n order suffices: each session's earliest date depends only
 * on the treatments before it.
 */
#include <stdlib.h>
#include <string.h>

#include "plan.h"

const char *const smp_plan_change_names[] = { "kept", "updated", "moved",
	"new", "cancelled", NULL };

enum smp_kind
smp_plan_kind(int place, int sessions)
{
	if (place == 0)
		return SMP_BASE;
	if (place >= sessions - 1)
		return SMP_TOUCH_UP;
	return SMP_INTENSIFICATION;
}

int
smp_plan_shade(const struct smp_client *c, const struct smp_protocol *p,
    enum smp_kind kind)
{
	int full;

	if (c->profile.hair_color < 0)
		return 0;
	full = p->shades[c->profile.hair_color];
	/* the base goes one step lighter: pigment darkens as it heals */
	if (kind == SMP_BASE && full > 1)
		return full - 1;
	return full;
}

/* What the pass carries from one session to the next. */
struct pass {
	const struct smp_client *c;
	const struct smp_clinic *k;
	const struct smp_plan_opts *o;
	struct smp_book *b;
	struct smp_plan *plan;
	struct smp_zone zone;		/* the client's */
	int fixed;			/* the practitioner was named */
	const struct smp_node *unknown;	/* ... in the consultation, but the
					   clinic has no such practitioner */
	int has_prev;
	struct smp_date prev;		/* the latest treatment so far */
};

static void
practitioner_ids(const struct smp_clinic *k, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < k->npractitioners && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "",
		    k->practitioners[i].id);
}

/* --practitioner, else the consultation's; -1 leaves the choice to the
 * earliest free slot.  A consultation's practitioner the clinic does not
 * list is an error only once something must be booked (unknown_error). */
static int
course_practitioner(struct pass *ps, struct smp_diag *d)
{
	const char *id = ps->o->practitioner;
	char ids[256], q[80];

	if (id == NULL && (id = ps->c->consultation.practitioner) != NULL &&
	    smp_practitioner_index(ps->k, id) < 0)
		ps->unknown = smp_map_get(smp_map_get(smp_doc_root(ps->c->doc),
		    "consultation"), "practitioner");
	if (id == NULL)
		return SMP_OK;
	ps->fixed = 1;
	if ((ps->plan->practitioner = smp_practitioner_index(ps->k, id)) >= 0 ||
	    ps->unknown != NULL)
		return SMP_OK;
	practitioner_ids(ps->k, ids, sizeof(ids));
	return smp_diag_set(d, SMP_USAGE, NULL, 0, 0, NULL,
	    "--practitioner %s is not one of the clinic's practitioners (%s)",
	    smp_quote(q, sizeof(q), id), ids);
}

static int
unknown_error(const struct pass *ps, struct smp_diag *d)
{
	const struct smp_node *at = ps->unknown;
	char ids[256], q[80];

	practitioner_ids(ps->k, ids, sizeof(ids));
	return smp_diag_set(d, SMP_INVALID, ps->c->path, at->line, at->col,
	    "consultation.practitioner", "%s is not one of the clinic's "
	    "practitioners (%s); name one with --practitioner",
	    smp_quote(q, sizeof(q), at->str), ids);
}

static int
count(const struct smp_plan *p)
{
	int n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->items[i].counts;
	return n;
}

static void
collect(struct smp_plan *p, const struct smp_client *c)
{
	/* room for the file's sessions and up to four new ones */
	p->items = calloc(c->nsessions + 4, sizeof(*p->items));
	if (p->items == NULL)
		abort();
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];
		struct smp_plan_item *it;

		if (!smp_in_course(s))
			continue;
		it = &p->items[p->n++];
		it->s = *s;
		it->index = (int)i;
		it->counts = s->status == SMP_PLANNED || s->status == SMP_DONE;
	}
}

/* A course shorter than what is planned: the last planned ones go. */
static void
drop_surplus(struct smp_plan *p)
{
	int n = count(p);

	for (size_t i = p->n; i-- > 0 && n > p->sessions; ) {
		struct smp_plan_item *it = &p->items[i];

		if (it->counts && it->s.status == SMP_PLANNED) {
			it->s.status = SMP_CANCELLED;
			it->s.seq++;
			it->change = SMP_PLAN_DROPPED;
			it->counts = 0;
			n--;
		}
	}
}

static void
add_missing(struct smp_plan *p, const struct smp_client *c)
{
	int top = 0;

	for (size_t i = 0; i < c->nsessions; i++)
		top = c->sessions[i].n > top ? c->sessions[i].n : top;
	for (int n = count(p); n < p->sessions; n++) {
		struct smp_plan_item *it = &p->items[p->n++];

		memset(it, 0, sizeof(*it));
		it->s.n = ++top;
		it->s.status = SMP_PLANNED;
		it->change = SMP_PLAN_NEW;
		it->counts = 1;
		it->index = -1;
	}
}

static void
book_session(struct pass *ps, const struct smp_session *s)
{
	int p = smp_practitioner_index(ps->k, s->practitioner);
	time_t at;

	if (p >= 0 && smp_zone_instant(&ps->zone, s->start, &at) == 0)
		smp_book_add(ps->b, (size_t)p, at, at + (time_t)s->minutes * 60);
}

/* The client's own bookings that this plan does not move. */
static void
book_fixed(struct pass *ps)
{
	for (size_t i = 0; i < ps->c->nsessions; i++) {
		const struct smp_session *s = &ps->c->sessions[i];

		if (s->status == SMP_DONE ||
		    (s->status == SMP_PLANNED && !smp_in_course(s)))
			book_session(ps, s);
	}
}

static struct smp_date
earliest(const struct pass *ps)
{
	struct smp_date e = ps->o->from, after;

	if (ps->has_prev) {
		after = smp_date_add_days(ps->prev, ps->k->protocol.interval_days);
		if (smp_date_cmp(after, e) > 0)
			e = after;
	}
	return e;
}

static int
still_fits(const struct pass *ps, const struct smp_plan_item *it,
    int minutes)
{
	int p = smp_practitioner_index(ps->k, it->s.practitioner);

	if (p < 0 || (ps->fixed && p != ps->plan->practitioner))
		return 0;
	if (smp_date_cmp(it->s.start.date, earliest(ps)) < 0)
		return 0;
	return smp_slot_ok(ps->b, (size_t)p, &ps->zone, it->s.start, minutes);
}

/* Kind, length and shade by the rules; 1 if any of them changed. */
static int
apply(struct smp_plan_item *it, enum smp_kind kind, int minutes, int shade)
{
	int changed = it->s.kind != kind || it->s.minutes != minutes ||
	    (shade > 0 && it->s.shade != shade);

	it->s.kind = kind;
	it->s.minutes = minutes;
	if (shade > 0)
		it->s.shade = shade;
	return changed;
}

/* The practitioner with the earliest slot; ties go to the first listed. */
static int
choose(const struct pass *ps, struct smp_date from, int minutes)
{
	int best = -1;
	time_t best_at = 0;

	for (size_t p = 0; p < ps->k->npractitioners; p++) {
		struct smp_time t;
		time_t at;

		if (smp_slot_find(ps->b, p, &ps->zone, from, minutes, &t) !=
		    SMP_OK || smp_zone_instant(&ps->zone, t, &at) != 0)
			continue;
		if (best < 0 || at < best_at) {
			best = (int)p;
			best_at = at;
		}
	}
	return best;
}

static int
no_slot(const struct pass *ps, const struct smp_plan_item *it,
    enum smp_kind kind, struct smp_date from, struct smp_diag *d)
{
	const struct smp_node *at = it->index >= 0 ? it->s.node : NULL;
	int p = ps->plan->practitioner;
	char key[32], date[11];

	snprintf(key, sizeof(key), "sessions[%d]", it->index);
	smp_date_format(from, date);
	return smp_diag_set(d, SMP_NONE, ps->c->path, at ? at->line : 0,
	    at ? at->col : 0, at ? key : NULL, "session %d (%s) cannot be "
	    "placed: no free slot with %s within %d days of %s", it->s.n,
	    smp_kind_names[kind], p >= 0 ? ps->k->practitioners[p].id :
	    "any practitioner", SMP_SLOT_DAYS, date);
}

static int
book_anew(struct pass *ps, struct smp_plan_item *it, enum smp_kind kind,
    int minutes, int shade, struct smp_diag *d)
{
	struct smp_date from = earliest(ps);
	struct smp_time t;
	int p = ps->plan->practitioner;

	if (ps->unknown != NULL)
		return unknown_error(ps, d);
	if (p < 0)
		p = choose(ps, from, minutes);
	if (p < 0 || smp_slot_find(ps->b, (size_t)p, &ps->zone, from, minutes,
	    &t) != SMP_OK)
		return no_slot(ps, it, kind, from, d);
	ps->plan->practitioner = p;
	if (it->index < 0)
		it->change = SMP_PLAN_NEW;
	else if (smp_date_cmp(t.date, it->s.start.date) != 0 ||
	    t.hour != it->s.start.hour || t.min != it->s.start.min) {
		it->was = it->s.start;
		it->s.seq++;
		it->change = SMP_PLAN_MOVED;
	} else
		it->change = SMP_PLAN_UPDATED;	/* same time, now bookable */
	it->s.start = t;
	it->s.practitioner = ps->k->practitioners[p].id;
	apply(it, kind, minutes, shade);
	book_session(ps, &it->s);
	return SMP_OK;
}

static int
settle(struct pass *ps, struct smp_plan_item *it, enum smp_kind kind,
    struct smp_diag *d)
{
	const struct smp_protocol *proto = &ps->k->protocol;
	int shade = smp_plan_shade(ps->c, proto, kind);
	int minutes = it->index >= 0 && kind == it->s.kind ? it->s.minutes :
	    proto->minutes[kind];

	if (it->index >= 0 && still_fits(ps, it, minutes)) {
		if (apply(it, kind, minutes, shade))
			it->change = SMP_PLAN_UPDATED;
		book_session(ps, &it->s);
		return SMP_OK;
	}
	return book_anew(ps, it, kind, minutes, shade, d);
}

static int
walk(struct pass *ps, struct smp_diag *d)
{
	int place = 0, rc;

	for (size_t i = 0; i < ps->plan->n; i++) {
		struct smp_plan_item *it = &ps->plan->items[i];

		if (!it->counts)
			continue;
		if (it->s.status == SMP_PLANNED && (rc = settle(ps, it,
		    smp_plan_kind(place, ps->plan->sessions), d)) != SMP_OK)
			return rc;
		place++;
		if (!ps->has_prev || smp_date_cmp(it->s.start.date, ps->prev) > 0)
			ps->prev = it->s.start.date;
		ps->has_prev = 1;
	}
	return SMP_OK;
}

int
smp_plan_course(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_plan_opts *o, struct smp_book *b, struct smp_plan *out,
    struct smp_diag *d)
{
	struct pass ps = { .c = c, .k = k, .o = o, .b = b, .plan = out };
	int rc;

	memset(out, 0, sizeof(*out));
	out->practitioner = -1;
	out->sessions = o->sessions > 0 ? o->sessions : c->plan_sessions;
	out->store_sessions = o->sessions;
	if (smp_zone_open(&ps.zone, c->timezone) != 0)
		return smp_diag_set(d, SMP_INVALID, c->path, 0, 0, "timezone",
		    "\"%s\" is not a known time zone", c->timezone);
	if ((rc = course_practitioner(&ps, d)) != SMP_OK)
		return rc;
	collect(out, c);
	drop_surplus(out);
	add_missing(out, c);
	book_fixed(&ps);
	return walk(&ps, d);
}

void
smp_plan_free(struct smp_plan *p)
{
	free(p->items);
	memset(p, 0, sizeof(*p));
	p->practitioner = -1;
}
