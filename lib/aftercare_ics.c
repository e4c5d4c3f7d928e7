/*
 * The dated rules for the client's own calendar: one all-day event on the
 * day each rule lifts or each date falls, with a 09:00 alarm.  Only the
 * generic rules go in, never the practitioner's notes or a condition: a
 * calendar is synced to services the client does not control.
 */
#include <stdio.h>

#include "aftercare.h"

static const char *
summary(enum smp_rule r, const struct smp_words *w)
{
	static const char *const text[SMP_NRULES] = {
		[SMP_R_REST] = NC_("calendar", "Gym and sauna are fine again"),
		[SMP_R_SHAVE] = NC_("calendar", "You may shave again"),
		[SMP_R_WATER] = NC_("calendar", "Shampoo is fine again"),
		[SMP_R_CRUSTS] = NC_("calendar", "Crusts come off now: do not "
		    "pick them"),
		[SMP_R_SUN] = NC_("calendar", "Sun is fine again, with "
		    "SPF 30+"),
		[SMP_R_SWIM] = NC_("calendar", "Pool, sea and steam room are "
		    "fine again"),
		[SMP_R_ASSESS] = NC_("calendar", "Result can be judged"),
		[SMP_R_NEXT] = NC_("calendar", "Next treatment"),
		[SMP_R_BOOK_NEXT] = NC_("calendar", "Book your next treatment"),
	};

	return w->tr("calendar", text[r]);
}

/* The description: plain text (the calendar writer escapes it). */
static void
description(struct smp_buf *b, const struct smp_sheet *s,
    const struct smp_sheet_line *l, const struct smp_words *w)
{
	char date[64], time[8];
	struct smp_arg args[] = {
		{ "date", date, SMP_ARG_TEXT, { 0, 0, 0 } },
		{ "time", time, SMP_ARG_TEXT, { 0, 0, 0 } },
	};

	smp_words_date(w, s->session->start.date, date, sizeof(date));
	snprintf(time, sizeof(time), "%02d:%02d", l->at.hour % 24,
	    l->at.min % 60);
	smp_sheet_fill(b, SMP_SHEET_TEXT, l->rule == SMP_R_NEXT ?
	    /* TRANSLATORS: an event's description; {time} is like 10:00. */
	    w->tr("calendar", "Your next SMP treatment, at {time}.") :
	    w->tr("calendar", "After your SMP treatment on {date}."),
	    args, 2, 0);
}

static int
add_event(struct smp_cal *cal, const struct smp_sheet *s,
    const struct smp_sheet_line *l, const struct smp_words *w,
    time_t last_modified, struct smp_diag *d)
{
	char uid[256];
	struct smp_buf desc = { 0 };
	struct smp_event e = {
		.uid = uid, .summary = summary(l->rule, w), .all_day = 1,
		.date = l->event_date, .sequence = s->session->seq,
		.last_modified = last_modified, .status = "CONFIRMED",
		.alarm = "PT9H",
	};
	int rc;

	snprintf(uid, sizeof(uid), "%s.%s-%d@%s", s->client->id,
	    smp_milestone_names[l->event], s->session->n,
	    s->clinic->uid_domain);
	description(&desc, s, l, w);
	e.description = desc.data;
	rc = smp_cal_add(cal, &e, d);
	smp_buf_free(&desc);
	return rc;
}

int
smp_sheet_events(struct smp_cal *cal, const struct smp_sheet *s,
    const struct smp_words *w, time_t last_modified, struct smp_diag *d)
{
	for (size_t i = 0; i < s->nlines; i++) {
		int rc;

		if (s->lines[i].event == SMP_NMILESTONES)
			continue;
		if ((rc = add_event(cal, s, &s->lines[i], w, last_modified,
		    d)) != SMP_OK)
			return rc;
	}
	return SMP_OK;
}
