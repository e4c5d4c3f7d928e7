/*
 * The reminder kinds of tools.md and their dates, for one client.  Pure
 * date arithmetic over the client model: no files, no output, so the unit
 * tests can walk each kind across its boundaries.
 */
#include <stdlib.h>
#include <string.h>

#include "remind.h"

const char *const smp_remind_kind_names[] = { "appointment", "assessment",
	"book-next", "refresh", "refresh-overdue", "faded", NULL };

int
smp_factor_matches(const struct smp_client *c, const struct smp_factor *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const char *v = smp_profile_value(c, f->keys[i]);

		if (v == NULL || strcmp(v, f->values[i]) != 0)
			return 0;
	}
	return 1;
}

struct smp_date
smp_refresh_due(const struct smp_client *c, const struct smp_protocol *p,
    struct smp_date latest, int *factors, int *earliest)
{
	struct smp_date due, lower;
	int m = 0, held;

	for (size_t i = 0; i < p->nfactors; i++)
		m += smp_factor_matches(c, &p->factors[i]);
	/* all factors at once from the upper end: 2029-02-28 - 6 months
	 * is 2028-08-28, not a month-end walked back step by step */
	due = smp_date_add_months(smp_date_add_months(latest,
	    12 * p->refresh_years[1]), -6 * m);
	lower = smp_date_add_months(latest, 12 * p->refresh_years[0]);
	held = smp_date_cmp(due, lower) < 0;
	if (factors != NULL)
		*factors = m;
	if (earliest != NULL)
		*earliest = held;
	return held ? lower : due;
}

size_t
smp_reminders_max(const struct smp_client *c)
{
	return c->nsessions + SMP_R_NKINDS;
}

/* Where reminders are collected, with the window and kinds they pass. */
struct collect {
	struct smp_reminder *out;
	size_t n;
	struct smp_date from, to;
	unsigned kinds;
};

static void
add(struct collect *k, enum smp_remind_kind kind, struct smp_date date,
    const struct smp_session *from)
{
	struct smp_reminder *r;

	if (!(k->kinds & 1u << kind) || smp_date_cmp(date, k->from) < 0 ||
	    smp_date_cmp(date, k->to) > 0)
		return;
	r = &k->out[k->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->date = date;
	r->from = from;
}

/* A planned session after the latest treatment: the next one is booked. */
static int
next_booked(const struct smp_client *c, struct smp_date latest)
{
	for (size_t i = 0; i < c->nsessions; i++)
		if (c->sessions[i].status == SMP_PLANNED &&
		    smp_date_cmp(c->sessions[i].start.date, latest) > 0)
			return 1;
	return 0;
}

/* The kinds that count from the latest treatment. */
static void
from_latest(struct collect *k, const struct smp_client *c,
    const struct smp_protocol *p, const struct smp_session *latest,
    int planned)
{
	struct smp_date l = latest->start.date;
	int complete = smp_course_complete(c);

	if (!complete) {
		struct smp_date judge = smp_date_add_days(l,
		    p->healing.assess_day);

		add(k, SMP_R_ASSESSMENT, judge, latest);
		if (!next_booked(c, l))
			add(k, SMP_R_BOOK_NEXT, judge, latest);
	}
	if (planned)		/* the appointment covers the rest */
		return;
	if (complete && (k->kinds & 1u << SMP_R_REFRESH)) {
		size_t before = k->n;
		int factors, earliest;
		struct smp_date due = smp_refresh_due(c, p, l, &factors,
		    &earliest);

		add(k, SMP_R_REFRESH, due, latest);
		if (k->n > before) {
			k->out[before].factors = factors;
			k->out[before].earliest = earliest;
		}
	}
	add(k, SMP_R_REFRESH_OVERDUE, smp_date_add_months(l,
	    12 * p->refresh_years[1]), latest);
	add(k, SMP_R_FADED, smp_date_add_months(l, 12 * p->faded_years),
	    latest);
}

static int
by_date_kind(const void *a, const void *b)
{
	const struct smp_reminder *x = a, *y = b;
	int c = smp_date_cmp(x->date, y->date);

	if (c != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->from->n > y->from->n) - (x->from->n < y->from->n);
}

size_t
smp_reminders(const struct smp_client *c, const struct smp_protocol *p,
    struct smp_date from, struct smp_date to, unsigned kinds,
    struct smp_reminder *out)
{
	struct collect k = { out, 0, from, to, kinds };
	const struct smp_session *latest = smp_latest_done(c);
	int planned = 0;

	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];

		if (s->status != SMP_PLANNED)
			continue;
		planned++;
		add(&k, SMP_R_APPOINTMENT, smp_date_add_days(s->start.date, -1),
		    s);
	}
	if (latest != NULL)
		from_latest(&k, c, p, latest, planned);
	qsort(out, k.n, sizeof(*out), by_date_kind);
	return k.n;
}

int
smp_remind_kinds_parse(const char *list, unsigned *out, struct smp_diag *d)
{
	const char *p = list;

	*out = 0;
	for (;;) {
		size_t n = strcspn(p, ",");
		int i;

		for (i = 0; smp_remind_kind_names[i] != NULL; i++)
			if (strlen(smp_remind_kind_names[i]) == n &&
			    strncmp(p, smp_remind_kind_names[i], n) == 0)
				break;
		if (smp_remind_kind_names[i] == NULL)
			return smp_diag_set(d, -1, NULL, 0, 0, "--kinds",
			    "\"%.*s\" is not a kind (appointment, assessment, "
			    "book-next, refresh, refresh-overdue, faded)",
			    (int)(n > 40 ? 40 : n), p);
		*out |= 1u << i;
		if (p[n] == '\0')
			return SMP_OK;
		p += n + 1;
	}
}
