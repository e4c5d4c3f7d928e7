/*
 * The aftercare sheet as data: which session it is for, and every rule
 * with its date from the clinic's protocol (clinic-format.md, "Counting
 * days and years").  Words and formats come later (aftercare_out.c).
 */
#include <string.h>

#include "aftercare.h"

/* Where each line goes, and the milestone that dates it. */
static const struct {
	enum smp_sheet_part part;
	enum smp_milestone from;	/* the line's date; NMILESTONES: none */
	int until;			/* a rule that holds through from - 1 */
} rule_table[SMP_NRULES] = {
	[SMP_R_REST] = { SMP_PART_FIRST_DAYS, SMP_M_REST_OVER, 1 },
	[SMP_R_SHAVE] = { SMP_PART_FIRST_DAYS, SMP_M_SHAVE_OK, 1 },
	[SMP_R_WATER] = { SMP_PART_FIRST_DAYS, SMP_M_SHAMPOO_OK, 1 },
	[SMP_R_BEDCLOTHES] = { SMP_PART_FIRST_DAYS, SMP_NMILESTONES, 0 },
	[SMP_R_WINTER] = { SMP_PART_FIRST_DAYS, SMP_M_CRUSTS_END, 0 },
	[SMP_R_REDNESS] = { SMP_PART_HEALING, SMP_M_REDNESS_GONE, 0 },
	[SMP_R_CRUSTS] = { SMP_PART_HEALING, SMP_M_CRUSTS_START, 0 },
	[SMP_R_COLOUR] = { SMP_PART_HEALING, SMP_M_STABLE, 0 },
	[SMP_R_SUN] = { SMP_PART_HEALING, SMP_M_SUN_OK, 1 },
	[SMP_R_SWIM] = { SMP_PART_HEALING, SMP_M_SWIM_OK, 1 },
	[SMP_R_ASSESS] = { SMP_PART_AHEAD, SMP_M_ASSESSMENT, 0 },
	[SMP_R_NEXT] = { SMP_PART_AHEAD, SMP_M_NEXT_TREATMENT, 0 },
	[SMP_R_BOOK_NEXT] = { SMP_PART_AHEAD, SMP_M_NEXT_TREATMENT, 0 },
	[SMP_R_REFRESH] = { SMP_PART_AHEAD, SMP_NMILESTONES, 0 },
};

/* Only the rules a client acts on go into the calendar. */
static const int rule_has_event[SMP_NRULES] = {
	[SMP_R_REST] = 1, [SMP_R_SHAVE] = 1, [SMP_R_WATER] = 1,
	[SMP_R_CRUSTS] = 1, [SMP_R_SUN] = 1, [SMP_R_SWIM] = 1,
	[SMP_R_ASSESS] = 1, [SMP_R_NEXT] = 1, [SMP_R_BOOK_NEXT] = 1,
};

int
smp_is_winter(struct smp_date d, const char *hemisphere)
{
	if (hemisphere != NULL && strcmp(hemisphere, "south") == 0)
		return d.m >= 6 && d.m <= 8;
	return d.m == 12 || d.m <= 2;
}

static int
usable(const struct smp_session *s)
{
	return s->status == SMP_DONE || s->status == SMP_PLANNED;
}

int
smp_sheet_session(const struct smp_client *c, int n, struct smp_date today,
    const struct smp_session **out, struct smp_diag *d)
{
	const struct smp_session *best = NULL;
	char date[11];

	if (n > 0) {
		if ((best = smp_session_find(c, n)) == NULL)
			return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
			    "%s has no session %d", c->id, n);
		if (!usable(best))
			return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
			    "%s: session %d is %s; it has no aftercare", c->id,
			    n, smp_status_names[best->status]);
		*out = best;
		return SMP_OK;
	}
	/* the sheet is printed on the day, often before the session is
	 * marked done: a planned session counts */
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];

		if (usable(s) && smp_date_cmp(s->start.date, today) <= 0 &&
		    (best == NULL ||
		    smp_date_cmp(s->start.date, best->start.date) >= 0))
			best = s;
	}
	smp_date_format(today, date);
	if (best == NULL)
		return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
		    "%s has no treatment done or planned on or before %s",
		    c->id, date);
	*out = best;
	return SMP_OK;
}

static const char *
practitioner_name(const struct smp_clinic *k, const char *id)
{
	if (id == NULL)
		return NULL;
	for (size_t i = 0; i < k->npractitioners; i++)
		if (strcmp(k->practitioners[i].id, id) == 0)
			return k->practitioners[i].name;
	return id;
}

static struct smp_date
mark_date(const struct smp_healing_view *v, enum smp_milestone m)
{
	for (size_t i = 0; i < v->nmarks; i++)
		if (v->marks[i].what == m)
			return v->marks[i].date;
	return v->session->start.date;
}

/* Whether a line belongs on this sheet at all. */
static int
applies(enum smp_rule r, const struct smp_sheet *s,
    const struct smp_healing_view *v)
{
	switch (r) {
	case SMP_R_WINTER:
		return s->winter;
	case SMP_R_NEXT:
		return v->has_next && v->next_session != NULL;
	case SMP_R_BOOK_NEXT:
		return v->has_next && v->next_session == NULL;
	default:
		return 1;
	}
}

static void
add_line(struct smp_sheet *s, enum smp_rule r, const struct smp_healing_view *v)
{
	struct smp_sheet_line *l = &s->lines[s->nlines++];

	memset(l, 0, sizeof(*l));
	l->rule = r;
	l->part = rule_table[r].part;
	l->event = rule_has_event[r] ? rule_table[r].from : SMP_NMILESTONES;
	if (rule_table[r].from != SMP_NMILESTONES) {
		l->a = mark_date(v, rule_table[r].from);
		l->event_date = l->a;
		if (rule_table[r].until)
			l->a = smp_date_add_days(l->a, -1);
	}
	if (r == SMP_R_CRUSTS)
		l->b = mark_date(v, SMP_M_CRUSTS_END);
	if (r == SMP_R_NEXT)
		l->at = v->next_session->start;
}

int
smp_sheet_build(const struct smp_client *c, const struct smp_clinic *k,
    int n, struct smp_date today, struct smp_sheet *out, struct smp_diag *d)
{
	struct smp_healing_view v;
	const struct smp_session *session;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = smp_sheet_session(c, n, today, &session, d)) != SMP_OK ||
	    (rc = smp_heal_view(c, k, session->n, today, &v, d)) != SMP_OK)
		return rc;
	out->client = c;
	out->clinic = k;
	out->session = session;
	out->practitioner = practitioner_name(k, session->practitioner);
	out->winter = smp_is_winter(session->start.date, k->hemisphere);
	out->refresh_years[0] = k->protocol.refresh_years[0];
	out->refresh_years[1] = k->protocol.refresh_years[1];
	out->personal = c->aftercare;
	for (int r = 0; r < SMP_NRULES; r++)
		if (applies((enum smp_rule)r, out, &v))
			add_line(out, (enum smp_rule)r, &v);
	return SMP_OK;
}
