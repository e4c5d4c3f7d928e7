/*
 * The healing protocol as data: each milestone names the clinic number it
 * comes from and whether that number is a day ("crusts_from") or a rule
 * that lifts the day after it ends ("rest_days": day N holds, N+1 lifts).
 */
#include <stddef.h>

#include "smp.h"

const char *const smp_milestone_names[] = { "treatment", "redness-gone",
	"rest-over", "shave-ok", "shampoo-ok", "crusts-start", "crusts-end",
	"sun-ok", "swim-ok", "assessment", "stable", "next-treatment", NULL };

const char *const smp_phase_names[] = { "upcoming", "fresh", "crusts",
	"settling", "stable", NULL };

#define NONE ((size_t)-1)
static const struct {
	size_t offset;			/* into smp_healing_days, NONE: day 0 */
	int lifts;			/* a rule: its milestone is day N + 1 */
} milestone_rule[SMP_NMILESTONES] = {
#define DAY(k) { offsetof(struct smp_healing_days, k), 0 }
#define RULE(k) { offsetof(struct smp_healing_days, k), 1 }
	[SMP_M_TREATMENT] = { NONE, 0 },
	[SMP_M_REDNESS_GONE] = DAY(redness_gone_day),
	[SMP_M_REST_OVER] = RULE(rest_days),
	[SMP_M_SHAVE_OK] = RULE(no_shave_days),
	[SMP_M_SHAMPOO_OK] = RULE(water_only_days),
	[SMP_M_CRUSTS_START] = DAY(crusts_from),
	[SMP_M_CRUSTS_END] = DAY(crusts_until),
	[SMP_M_SUN_OK] = RULE(sun_days),
	[SMP_M_SWIM_OK] = RULE(swim_days),
	[SMP_M_ASSESSMENT] = DAY(assess_day),
	[SMP_M_STABLE] = DAY(stable_day),
	[SMP_M_NEXT_TREATMENT] = { NONE, 0 },
#undef DAY
#undef RULE
};

int
smp_milestone_day(const struct smp_healing_days *h, enum smp_milestone m)
{
	if (m == SMP_M_NEXT_TREATMENT)
		return -1;
	if (milestone_rule[m].offset == NONE)
		return 0;
	return *(const int *)((const char *)h + milestone_rule[m].offset) +
	    milestone_rule[m].lifts;
}

enum smp_phase
smp_phase_on(const struct smp_healing_days *h, int day)
{
	if (day < 0)
		return SMP_UPCOMING;
	if (day < h->crusts_from)
		return SMP_FRESH;
	if (day <= h->crusts_until)
		return SMP_CRUSTS;
	if (day < h->stable_day)
		return SMP_SETTLING;
	return SMP_STABLE;
}

int
smp_in_course(const struct smp_session *s)
{
	return s->kind != SMP_REFRESH;
}

int
smp_course_done(const struct smp_client *c)
{
	int done = 0;

	for (size_t i = 0; i < c->nsessions; i++)
		done += smp_in_course(&c->sessions[i]) &&
		    c->sessions[i].status == SMP_DONE;
	return done;
}

int
smp_course_complete(const struct smp_client *c)
{
	return smp_course_done(c) >= c->plan_sessions;
}

const struct smp_session *
smp_latest_done(const struct smp_client *c)
{
	const struct smp_session *best = NULL;

	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];

		if (s->status == SMP_DONE && (best == NULL ||
		    smp_date_cmp(s->start.date, best->start.date) >= 0))
			best = s;
	}
	return best;
}

const struct smp_session *
smp_session_find(const struct smp_client *c, int n)
{
	for (size_t i = 0; i < c->nsessions; i++)
		if (c->sessions[i].n == n)
			return &c->sessions[i];
	return NULL;
}

int
smp_next_treatment(const struct smp_client *c, const struct smp_protocol *p,
    const struct smp_session *s, struct smp_date *out,
    const struct smp_session **next)
{
	*next = NULL;
	/* the next session that took place or is booked, cancelled aside */
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *t = &c->sessions[i];

		if (t != s && (t->status == SMP_PLANNED || t->status == SMP_DONE) &&
		    smp_date_cmp(t->start.date, s->start.date) > 0 &&
		    (*next == NULL ||
		    smp_date_cmp(t->start.date, (*next)->start.date) < 0))
			*next = t;
	}
	if (*next != NULL) {
		*out = (*next)->start.date;
		return 1;
	}
	if (smp_course_complete(c) || !smp_in_course(s))
		return 0;
	*out = smp_date_add_days(s->start.date, p->interval_days);
	return 1;
}
