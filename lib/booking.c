/*
 * Booking real slots.  Opening hours, closed dates and working days are
 * in clinic time; a client's sessions are in the client's zone.  Both
 * meet as instants (time_t), converted by libical, so a session keeps its
 * place across a daylight-saving change and against clients who live in
 * another zone.
 */
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "plan.h"

/* When an observance (STANDARD or DAYLIGHT) of a VTIMEZONE changes the
 * clock: its first change, its last, or no last (a rule without end). */
struct span {
	struct icaltimetype first, last;
	int endless;
};

static void
stretch(struct span *sp, struct icaltimetype t)
{
	if (icaltime_compare(t, sp->last) > 0)
		sp->last = t;
}

static void
span_of(icalcomponent *o, struct span *sp)
{
	icalproperty *p = icalcomponent_get_first_property(o,
	    ICAL_DTSTART_PROPERTY);

	sp->first = sp->last = p ? icalproperty_get_dtstart(p) :
	    icaltime_null_time();
	sp->endless = 0;
	for (p = icalcomponent_get_first_property(o, ICAL_RDATE_PROPERTY); p;
	    p = icalcomponent_get_next_property(o, ICAL_RDATE_PROPERTY)) {
		struct icaldatetimeperiodtype r = icalproperty_get_rdate(p);

		stretch(sp, icaltime_is_null_time(r.time) ? r.period.start :
		    r.time);
	}
	for (p = icalcomponent_get_first_property(o, ICAL_RRULE_PROPERTY); p;
	    p = icalcomponent_get_next_property(o, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype r = icalproperty_get_rrule(p);

		if (icaltime_is_null_time(r.until))
			sp->endless = 1;
		else
			stretch(sp, r.until);
	}
}

static struct icaltimetype
ical_day(struct smp_date day)
{
	struct icaltimetype d = icaltime_null_time();

	d.year = day.y;
	d.month = day.m;
	d.day = day.d;
	return d;
}

/* Calls fn for each observance that may set the zone's offset on day or
 * later: each one that changes the clock on day or later, and the last
 * one before. */
static void
relevant(icaltimezone *tz, struct smp_date day,
    void (*fn)(icalcomponent *, void *), void *arg)
{
	icalcomponent *vtz = icaltimezone_get_component(tz), *o, *last = NULL;
	struct icaltimetype d = ical_day(day), latest = icaltime_null_time();
	struct span sp;

	if (vtz == NULL)
		return;		/* UTC */
	for (o = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); o;
	    o = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		span_of(o, &sp);
		if (sp.endless || icaltime_compare(sp.last, d) >= 0)
			fn(o, arg);
		else if (last == NULL || icaltime_compare(sp.last, latest) >= 0) {
			latest = sp.last;
			last = o;
		}
	}
	if (last != NULL)
		fn(last, arg);
}

static void
widen(icalcomponent *o, void *arg)
{
	struct smp_zone *z = arg;
	icalproperty *to = icalcomponent_get_first_property(o,
	    ICAL_TZOFFSETTO_PROPERTY);
	int offset = to ? icalproperty_get_tzoffsetto(to) : 0;

	if (offset < z->lo)
		z->lo = offset;
	if (offset > z->hi)
		z->hi = offset;
}

/* The UTC offsets the zone may have on day or later, read from its
 * observances without expanding a rule. */
static void
offset_range(struct smp_zone *z, struct smp_date day)
{
	z->lo = 24 * 3600;
	z->hi = -24 * 3600;
	relevant(z->tz, day, widen, z);
	if (z->lo > z->hi)
		z->lo = z->hi = 0;	/* no observance at all: UTC */
}

int
smp_zone_open(struct smp_zone *z, const char *name)
{
	z->name = name;
	z->lo = z->hi = 0;
	if (name != NULL && strcmp(name, "UTC") == 0)
		z->tz = icaltimezone_get_utc_timezone();
	else
		z->tz = name ? icaltimezone_get_builtin_timezone(name) : NULL;
	return z->tz != NULL ? 0 : -1;
}

int
smp_zone_open_from(struct smp_zone *z, const char *name, struct smp_date day)
{
	if (smp_zone_open(z, name) != 0)
		return -1;
	if (z->tz != icaltimezone_get_utc_timezone())
		offset_range(z, day);
	return 0;
}

/* A local time read as if it were UTC: the seconds a wall clock shows. */
static time_t
wall(struct smp_time t)
{
	struct icaltimetype it = icaltime_null_time();

	it.year = t.date.y;
	it.month = t.date.m;
	it.day = t.date.d;
	it.hour = t.hour;
	it.minute = t.min;
	return icaltime_as_timet(it);
}

static int
offset_at(const struct smp_zone *z, time_t t)
{
	struct icaltimetype u = icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
	int dst = 0;

	return icaltimezone_get_utc_offset_of_utc_time(z->tz, &u, &dst);
}

/* The instants whose local time is t: the offset in force a day before
 * and a day after gives each candidate; a candidate counts only if its
 * own offset agrees.  None: skipped; two: repeated, the first wins. */
int
smp_zone_instant(const struct smp_zone *z, struct smp_time t, time_t *out)
{
	time_t w = wall(t);
	int off[2] = { offset_at(z, w - 86400), offset_at(z, w + 86400) };
	int found = 0;

	for (int i = 0; i < 2; i++) {
		time_t u = w - off[i];

		if (offset_at(z, u) == off[i] && (!found || u < *out)) {
			*out = u;
			found = 1;
		}
	}
	return found ? 0 : -1;
}

/* Where a skipped time falls, an opening or closing time, or a session
 * someone wrote there, means the end of the gap: the instant the clock
 * jumps. */
time_t
smp_zone_instant_lenient(const struct smp_zone *z, struct smp_time t)
{
	time_t u;

	if (smp_zone_instant(z, t, &u) == 0)
		return u;
	return wall(t) - offset_at(z, wall(t) - 86400);
}

static time_t
bound_instant(const struct smp_zone *z, struct smp_date day, int minute)
{
	struct smp_time t = { day, minute / 60, minute % 60 };

	if (minute >= 24 * 60) {
		t.date = smp_date_add_days(day, 1);
		t.hour = t.min = 0;
	}
	return smp_zone_instant_lenient(z, t);
}

struct smp_time
smp_zone_local(const struct smp_zone *z, time_t t)
{
	struct icaltimetype it = icaltime_from_timet_with_zone(t, 0, z->tz);
	struct smp_time r = { { it.year, it.month, it.day }, it.hour,
		it.minute };

	return r;
}

int
smp_practitioner_index(const struct smp_clinic *k, const char *id)
{
	if (id == NULL)
		return -1;
	for (size_t i = 0; i < k->npractitioners; i++)
		if (strcmp(k->practitioners[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
smp_book_init(struct smp_book *b, const struct smp_clinic *k,
    struct smp_diag *d)
{
	size_t n = k->npractitioners;

	memset(b, 0, sizeof(*b));
	b->clinic = k;
	if (smp_zone_open(&b->clinic_zone, k->timezone) != 0)
		return smp_diag_set(d, SMP_INVALID, k->path, 0, 0, "timezone",
		    "\"%s\" is not a known time zone", k->timezone);
	b->busy = calloc(n, sizeof(*b->busy));
	b->n = calloc(n, sizeof(*b->n));
	b->cap = calloc(n, sizeof(*b->cap));
	if (b->busy == NULL || b->n == NULL || b->cap == NULL)
		abort();
	return SMP_OK;
}

void
smp_book_free(struct smp_book *b)
{
	if (b->busy != NULL)
		for (size_t i = 0; i < b->clinic->npractitioners; i++)
			free(b->busy[i]);
	for (size_t i = 0; i < b->nzones; i++) {
		free((char *)b->zones[i]->name);
		free(b->zones[i]);
	}
	free(b->zones);
	free(b->busy);
	free(b->n);
	free(b->cap);
	memset(b, 0, sizeof(*b));
}

static void
append(struct smp_book *b, size_t p, const struct smp_busy *v)
{
	if (b->n[p] == b->cap[p]) {
		b->cap[p] = b->cap[p] ? 2 * b->cap[p] : 64;
		b->busy[p] = realloc(b->busy[p], b->cap[p] * sizeof(**b->busy));
		if (b->busy[p] == NULL)
			abort();
	}
	b->busy[p][b->n[p]++] = *v;
	if (v->end - v->start > b->longest)
		b->longest = v->end - v->start;
}

/* The book's own copy of a zone, so that its bookings can point at it. */
static const struct smp_zone *
book_zone(struct smp_book *b, const char *name)
{
	struct smp_zone *z;

	for (size_t i = 0; i < b->nzones; i++)
		if (strcmp(b->zones[i]->name, name) == 0)
			return b->zones[i];
	if ((z = calloc(1, sizeof(*z))) == NULL ||
	    (name = strdup(name)) == NULL)
		abort();
	if (smp_zone_open_from(z, name, b->horizon) != 0) {
		free((char *)name);
		free(z);
		return NULL;
	}
	b->zones = realloc(b->zones, (b->nzones + 1) * sizeof(*b->zones));
	if (b->zones == NULL)
		abort();
	b->zones[b->nzones++] = z;
	return z;
}

int
smp_book_add_local(struct smp_book *b, size_t p, const char *zone,
    struct smp_time start, int minutes)
{
	const struct smp_zone *z = book_zone(b, zone);
	struct smp_busy v = { .zone = z, .local = start };

	if (z == NULL)
		return -1;
	/* the earliest it may start and the latest it may end */
	v.start = wall(start) - z->hi;
	v.end = wall(start) - z->lo + (time_t)minutes * 60;
	append(b, p, &v);
	return 0;
}

/* The first interval that starts at t or later. */
static size_t
first_from(const struct smp_busy *v, size_t n, time_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
smp_book_add(struct smp_book *b, size_t p, time_t start, time_t end)
{
	struct smp_busy v = { .start = start, .end = end };
	size_t at;

	append(b, p, &v);
	at = first_from(b->busy[p], b->n[p] - 1, start);
	memmove(&b->busy[p][at + 1], &b->busy[p][at],
	    (b->n[p] - 1 - at) * sizeof(**b->busy));
	b->busy[p][at] = v;
}

enum { NO, YES, MAYBE };

/* Whether booking v overlaps [start, end), as far as the range of its
 * zone's offsets tells. */
static int
overlap(const struct smp_busy *v, time_t start, time_t end)
{
	time_t spread;

	if (v->end <= start || v->start >= end)
		return NO;
	if (v->zone == NULL)
		return YES;
	spread = v->zone->hi - v->zone->lo;
	/* at the latest start and at the earliest end it may have */
	if (v->start + spread < end && v->end - spread > start)
		return YES;
	return MAYBE;
}

static int
overlap_exactly(const struct smp_busy *v, time_t start, time_t end)
{
	time_t at = smp_zone_instant_lenient(v->zone, v->local);
	time_t len = v->end - v->start - (v->zone->hi - v->zone->lo);

	return at < end && at + len > start;
}

/* Certain answers first: a zone's first exact conversion makes libical
 * expand its whole history, which a certain overlap elsewhere spares;
 * the clinic's own zone is expanded anyway. */
int
smp_book_is_free(const struct smp_book *b, size_t p, time_t start,
    time_t end)
{
	const struct smp_busy *v = b->busy[p];
	/* nothing that may start earlier than this can reach start */
	size_t first = first_from(v, b->n[p], start - b->longest), i;
	int doubt = 0;

	for (i = first; i < b->n[p] && v[i].start < end; i++) {
		int o = overlap(&v[i], start, end);

		if (o == YES)
			return 0;
		if (o == MAYBE && v[i].zone->tz == b->clinic_zone.tz &&
		    overlap_exactly(&v[i], start, end))
			return 0;
		doubt |= o == MAYBE && v[i].zone->tz != b->clinic_zone.tz;
	}
	for (i = first; doubt && i < b->n[p] && v[i].start < end; i++)
		if (v[i].zone != NULL && v[i].zone->tz != b->clinic_zone.tz &&
		    overlap(&v[i], start, end) == MAYBE &&
		    overlap_exactly(&v[i], start, end))
			return 0;
	return 1;
}

static int
by_start(const void *a, const void *b)
{
	const struct smp_busy *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void
smp_book_sort(struct smp_book *b)
{
	for (size_t p = 0; p < b->clinic->npractitioners; p++)
		if (b->n[p] > 1)	/* qsort wants an array, even empty */
			qsort(b->busy[p], b->n[p], sizeof(**b->busy), by_start);
}

/* The opening hours of day for practitioner p, or NULL when it is shut,
 * a closed date, or a day p does not work. */
static const struct smp_hours *
open_day(const struct smp_book *b, size_t p, struct smp_date day)
{
	const struct smp_clinic *k = b->clinic;
	int w = smp_date_weekday(day);

	if (k->hours[w].open < 0 || !(k->practitioners[p].days & (1u << w)))
		return NULL;
	for (size_t i = 0; i < k->nclosed; i++)
		if (smp_date_cmp(k->closed[i], day) == 0)
			return NULL;
	return &k->hours[w];
}

/* A session of minutes from instant at, checked in clinic time. */
static int
fits(const struct smp_book *b, size_t p, time_t at, int minutes)
{
	struct smp_date day = smp_zone_local(&b->clinic_zone, at).date;
	const struct smp_hours *h = open_day(b, p, day);
	time_t end = at + (time_t)minutes * 60;

	return h != NULL && at >= bound_instant(&b->clinic_zone, day, h->open) &&
	    end <= bound_instant(&b->clinic_zone, day, h->close) &&
	    smp_book_is_free(b, p, at, end);
}

int
smp_slot_ok(const struct smp_book *b, size_t p, const struct smp_zone *zone,
    struct smp_time start, int minutes)
{
	time_t at;

	if (smp_zone_instant(zone, start, &at) != 0)
		return 0;
	return fits(b, p, at, minutes);
}

/* A quarter hour of a clinic day as a session start in the client's
 * zone: offered only if it exists, fits, and its local time there names
 * this very instant (a repeated time means the first). */
static int
candidate(const struct smp_book *b, size_t p, const struct smp_zone *zone,
    struct smp_time t, struct smp_date from, int minutes,
    struct smp_time *out)
{
	time_t at, back;
	struct smp_time local;

	if (smp_zone_instant(&b->clinic_zone, t, &at) != 0 ||
	    !fits(b, p, at, minutes))
		return 0;
	local = smp_zone_local(zone, at);
	if (smp_date_cmp(local.date, from) < 0 ||
	    smp_zone_instant(zone, local, &back) != 0 || back != at)
		return 0;
	*out = local;
	return 1;
}

int
smp_slot_find(const struct smp_book *b, size_t p,
    const struct smp_zone *zone, struct smp_date from, int minutes,
    struct smp_time *out)
{
	/* a client east of the clinic may start on the clinic's day before */
	for (int i = -1; i <= SMP_SLOT_DAYS; i++) {
		struct smp_date day = smp_date_add_days(from, i);
		const struct smp_hours *h = open_day(b, p, day);

		if (h == NULL)
			continue;
		for (int m = (h->open + SMP_SLOT_STEP - 1) / SMP_SLOT_STEP *
		    SMP_SLOT_STEP; m + minutes <= h->close + 60;
		    m += SMP_SLOT_STEP) {
			struct smp_time t = { day, m / 60, m % 60 };

			if (m < 24 * 60 &&
			    candidate(b, p, zone, t, from, minutes, out))
				return SMP_OK;
		}
	}
	return SMP_NONE;
}
