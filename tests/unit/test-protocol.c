/* The healing protocol: milestone days, phases, the healing view, the
 * course.  Numbers from clinic-format.md, "Counting days and years". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smp.h"
#include "unit.h"



static int
load_client(const char *yaml, const struct smp_clinic *k,
    struct smp_client *c, struct smp_diag *d)
{
	char path[64];
	int rc;

	write_temp(yaml, path, sizeof(path));
	smp_diag_clear(d);
	rc = smp_client_load(path, k, c, d);
	unlink(path);
	if (rc != SMP_OK)
		fprintf(stderr, "load: %s:%d:%d: %s: %s\n", d->file, d->line,
		    d->col, d->key, d->msg);
	return rc;
}

static const int builtin_days[SMP_M_NEXT_TREATMENT] = {
	[SMP_M_TREATMENT] = 0, [SMP_M_REDNESS_GONE] = 1,
	[SMP_M_REST_OVER] = 5, [SMP_M_SHAVE_OK] = 5, [SMP_M_SHAMPOO_OK] = 5,
	[SMP_M_CRUSTS_START] = 4, [SMP_M_CRUSTS_END] = 7, [SMP_M_SUN_OK] = 29,
	[SMP_M_SWIM_OK] = 29, [SMP_M_ASSESSMENT] = 28, [SMP_M_STABLE] = 30,
};

static void
check_days(const char *what, const struct smp_healing_days *h,
    const int *want)
{
	char name[160];

	for (int m = 0; m < SMP_M_NEXT_TREATMENT; m++) {
		snprintf(name, sizeof(name), "%s: %s is day %d", what,
		    smp_milestone_names[m], want[m]);
		CHECK_INT(name, smp_milestone_day(h, (enum smp_milestone)m),
		    want[m]);
	}
	snprintf(name, sizeof(name), "%s: next-treatment has no fixed day",
	    what);
	CHECK_INT(name, smp_milestone_day(h, SMP_M_NEXT_TREATMENT), -1);
}

static void
check_phase(const char *what, const struct smp_healing_days *h, int day,
    enum smp_phase want)
{
	char name[160];

	snprintf(name, sizeof(name), "%s: day %d is %s", what, day,
	    smp_phase_names[want]);
	CHECK_STR(name, smp_phase_names[smp_phase_on(h, day)],
	    smp_phase_names[want]);
}

static void
test_builtin(const struct smp_clinic *k)
{
	const struct smp_healing_days *h = &k->protocol.healing;

	CHECK_STR("milestone names: first is treatment", smp_milestone_names[0],
	    "treatment");
	CHECK_STR("milestone names: next-treatment",
	    smp_milestone_names[SMP_M_NEXT_TREATMENT], "next-treatment");
	check_days("built-in protocol", h, builtin_days);

	check_phase("built-in phases", h, -1, SMP_UPCOMING);
	check_phase("built-in phases", h, -30, SMP_UPCOMING);
	check_phase("built-in phases", h, 0, SMP_FRESH);
	check_phase("built-in phases", h, 1, SMP_FRESH);
	check_phase("built-in phases", h, 3, SMP_FRESH);
	check_phase("built-in phases", h, 4, SMP_CRUSTS);
	check_phase("built-in phases", h, 7, SMP_CRUSTS);
	check_phase("built-in phases", h, 8, SMP_SETTLING);
	check_phase("built-in phases", h, 28, SMP_SETTLING);
	check_phase("built-in phases", h, 29, SMP_SETTLING);
	check_phase("built-in phases", h, 30, SMP_STABLE);
	check_phase("built-in phases", h, 400, SMP_STABLE);
}

static void
test_override(void)
{
	static const char text[] = "smp-clinic: 1\nprotocol:\n  healing:\n"
	    "    rest_days: 2\n    crusts_from: 3\n";
	int want[SMP_M_NEXT_TREATMENT];
	struct smp_clinic k;
	struct smp_diag d;
	char path[64];
	int rc;

	memcpy(want, builtin_days, sizeof(want));
	want[SMP_M_REST_OVER] = 3;
	want[SMP_M_CRUSTS_START] = 3;
	write_temp(text, path, sizeof(path));
	smp_diag_clear(&d);
	rc = smp_clinic_load(path, 1, "UTC", NULL, &k, &d);
	unlink(path);
	CHECK_INT("clinic healing override: loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	check_days("clinic healing override", &k.protocol.healing, want);
	check_phase("clinic healing override", &k.protocol.healing, 2,
	    SMP_FRESH);
	check_phase("clinic healing override", &k.protocol.healing, 3,
	    SMP_CRUSTS);
	CHECK_INT("clinic healing override: interval stays 28",
	    k.protocol.interval_days, 28);
	CHECK_INT("clinic healing override: sessions stay 3",
	    k.protocol.sessions, 3);
	smp_clinic_free(&k);
}

#define HEAD "smp: 1\nid: c-7\nname: Ewa Nowak\n"
#define S1_DONE "sessions:\n  - n: 1\n    kind: base\n" \
	"    start: 2026-11-03 10:00\n    status: done\n"
#define S2_PLANNED "  - n: 2\n    kind: intensification\n" \
	"    start: 2026-12-01 10:00\n    status: planned\n"

static void
check_marks(const char *what, const struct smp_healing_view *v,
    const enum smp_milestone *order, const char *const *dates, size_t n)
{
	char name[200];

	snprintf(name, sizeof(name), "%s: %zu marks", what, n);
	CHECK_INT(name, v->nmarks, n);
	for (size_t i = 0; i < n && i < v->nmarks; i++) {
		snprintf(name, sizeof(name), "%s: mark %zu is %s", what, i,
		    smp_milestone_names[order[i]]);
		CHECK_STR(name, smp_milestone_names[v->marks[i].what],
		    smp_milestone_names[order[i]]);
		snprintf(name, sizeof(name), "%s: mark %zu (%s) on %s", what,
		    i, smp_milestone_names[order[i]], dates[i]);
		CHECK_STR(name, fmt(v->marks[i].date), dates[i]);
	}
}

static const struct smp_mark *
find_mark(const struct smp_healing_view *v, enum smp_milestone m)
{
	for (size_t i = 0; i < v->nmarks; i++)
		if (v->marks[i].what == m)
			return &v->marks[i];
	return NULL;
}

static void
test_view_planned(const struct smp_clinic *k)
{
	static const enum smp_milestone order[] = { SMP_M_TREATMENT,
		SMP_M_REDNESS_GONE, SMP_M_CRUSTS_START, SMP_M_REST_OVER,
		SMP_M_SHAVE_OK, SMP_M_SHAMPOO_OK, SMP_M_CRUSTS_END,
		SMP_M_ASSESSMENT, SMP_M_NEXT_TREATMENT, SMP_M_SUN_OK,
		SMP_M_SWIM_OK, SMP_M_STABLE };
	static const char *const dates[] = { "2026-11-03", "2026-11-04",
		"2026-11-07", "2026-11-08", "2026-11-08", "2026-11-08",
		"2026-11-10", "2026-12-01", "2026-12-01", "2026-12-02",
		"2026-12-02", "2026-12-03" };
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	const struct smp_mark *m;
	int rc;

	rc = load_client(HEAD S1_DONE S2_PLANNED, k, &c, &d);
	CHECK_INT("heal view (planned next): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	memset(&v, 0, sizeof(v));
	rc = smp_heal_view(&c, k, 0, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view (planned next): status", rc, SMP_OK);
	if (rc != SMP_OK) {
		smp_client_free(&c);
		return;
	}
	CHECK("heal view (planned next): latest done is session 1",
	    v.session != NULL && v.session->n == 1);
	CHECK_INT("heal view (planned next): 2026-11-08 is day 5", v.day, 5);
	CHECK_STR("heal view (planned next): phase on day 5 is crusts",
	    smp_phase_names[v.phase], "crusts");
	check_marks("heal view (planned next)", &v, order, dates,
	    sizeof(order) / sizeof(order[0]));
	m = find_mark(&v, SMP_M_ASSESSMENT);
	CHECK_STR("heal view (planned next): assessment 2026-12-01",
	    m ? fmt(m->date) : "(none)", "2026-12-01");
	CHECK_INT("heal view (planned next): assessment is day 28",
	    m ? m->day : -99, 28);
	m = find_mark(&v, SMP_M_STABLE);
	CHECK_STR("heal view (planned next): stable 2026-12-03",
	    m ? fmt(m->date) : "(none)", "2026-12-03");
	m = find_mark(&v, SMP_M_REST_OVER);
	CHECK_INT("heal view (planned next): rest-over mark is day 5",
	    m ? m->day : -99, 5);
	m = find_mark(&v, SMP_M_NEXT_TREATMENT);
	CHECK_INT("heal view (planned next): next-treatment mark is day 28",
	    m ? m->day : -99, 28);
	CHECK_INT("heal view (planned next): has next", v.has_next, 1);
	CHECK_STR("heal view (planned next): next 2026-12-01", fmt(v.next),
	    "2026-12-01");
	CHECK("heal view (planned next): next session is session 2",
	    v.next_session != NULL && v.next_session->n == 2);
	CHECK_INT("heal view (planned next): booked, not unbooked",
	    v.unbooked, 0);

	/* The same client on other days. */
	smp_heal_view(&c, k, 0, D(2026, 11, 3), &v, &d);
	CHECK_STR("heal view (planned next): treatment day is fresh",
	    smp_phase_names[v.phase], "fresh");
	CHECK_INT("heal view (planned next): treatment day is day 0", v.day,
	    0);
	smp_heal_view(&c, k, 0, D(2026, 12, 3), &v, &d);
	CHECK_INT("heal view (planned next): 2026-12-03 is day 30", v.day, 30);
	CHECK_STR("heal view (planned next): 2026-12-03 is stable",
	    smp_phase_names[v.phase], "stable");

	/* Session 2 asked for by number: not yet taken place. */
	rc = smp_heal_view(&c, k, 2, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view of planned session 2: status", rc, SMP_OK);
	CHECK("heal view of planned session 2: session is 2",
	    v.session != NULL && v.session->n == 2);
	CHECK_INT("heal view of planned session 2: day -23", v.day, -23);
	CHECK_STR("heal view of planned session 2: upcoming",
	    smp_phase_names[v.phase], "upcoming");

	smp_diag_clear(&d);
	rc = smp_heal_view(&c, k, 5, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view of a missing session 5: SMP_NONE", rc, SMP_NONE);
	CHECK("heal view of a missing session 5: has a message",
	    d.msg[0] != '\0');

	CHECK_INT("course (planned next): one done", smp_course_done(&c), 1);
	CHECK_INT("course (planned next): not complete with 1 of 3",
	    smp_course_complete(&c), 0);
	CHECK("latest done (planned next): session 1, not the planned 2",
	    smp_latest_done(&c) != NULL && smp_latest_done(&c)->n == 1);
	smp_client_free(&c);
}

static void
test_view_interval(const struct smp_clinic *k)
{
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	const struct smp_mark *m;
	int rc;

	rc = load_client(HEAD S1_DONE, k, &c, &d);
	CHECK_INT("heal view (interval next): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	memset(&v, 0, sizeof(v));
	rc = smp_heal_view(&c, k, 0, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view (interval next): status", rc, SMP_OK);
	CHECK_INT("heal view (interval next): has next", v.has_next, 1);
	CHECK_STR("heal view (interval next): next is 28 days on, 2026-12-01",
	    fmt(v.next), "2026-12-01");
	CHECK("heal view (interval next): next session is NULL",
	    v.next_session == NULL);
	CHECK_INT("heal view (interval next): unbooked", v.unbooked, 1);
	CHECK_INT("heal view (interval next): 12 marks", v.nmarks, 12);
	m = find_mark(&v, SMP_M_NEXT_TREATMENT);
	CHECK_STR("heal view (interval next): next-treatment mark 2026-12-01",
	    m ? fmt(m->date) : "(none)", "2026-12-01");
	smp_client_free(&c);

	/* A cancelled session 2 is not the next treatment. */
	rc = load_client(HEAD S1_DONE "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-05 10:00\n    status: cancelled\n", k, &c, &d);
	CHECK_INT("heal view (cancelled 2): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	rc = smp_heal_view(&c, k, 0, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view (cancelled 2): status", rc, SMP_OK);
	CHECK_STR("heal view (cancelled 2): next from the interval, 2026-12-01",
	    fmt(v.next), "2026-12-01");
	CHECK("heal view (cancelled 2): next session is NULL",
	    v.next_session == NULL);
	smp_diag_clear(&d);
	CHECK_INT("heal view of cancelled session 2 by number: SMP_NONE",
	    smp_heal_view(&c, k, 2, D(2026, 11, 8), &v, &d), SMP_NONE);
	smp_client_free(&c);

	/* Two booked: the earlier one is next, whatever the list order. */
	rc = load_client(HEAD S1_DONE "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-29 10:00\n    status: planned\n"
	    "  - n: 3\n    kind: touch-up\n"
	    "    start: 2026-12-08 10:00\n    status: planned\n", k, &c, &d);
	CHECK_INT("heal view (two planned): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	rc = smp_heal_view(&c, k, 0, D(2026, 11, 8), &v, &d);
	CHECK_INT("heal view (two planned): status", rc, SMP_OK);
	CHECK_STR("heal view (two planned): next is the earlier, 2026-12-08",
	    fmt(v.next), "2026-12-08");
	CHECK("heal view (two planned): next session is 3",
	    v.next_session != NULL && v.next_session->n == 3);
	smp_client_free(&c);

	/* Looking back at session 1 after session 2 took place. */
	rc = load_client(HEAD S1_DONE "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-03 10:00\n    status: done\n", k, &c, &d);
	CHECK_INT("heal view (session 1 of 2 done): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	rc = smp_heal_view(&c, k, 1, D(2026, 12, 10), &v, &d);
	CHECK_INT("heal view (session 1 of 2 done): status", rc, SMP_OK);
	CHECK_INT("heal view (session 1 of 2 done): day 37", v.day, 37);
	CHECK_STR("heal view (session 1 of 2 done): next is the done 2",
	    fmt(v.next), "2026-12-03");
	CHECK("heal view (session 1 of 2 done): next session is 2",
	    v.next_session != NULL && v.next_session->n == 2);
	CHECK_INT("heal view (session 1 of 2 done): not unbooked",
	    v.unbooked, 0);
	smp_client_free(&c);
}

static void
test_view_complete(const struct smp_clinic *k)
{
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	int rc;

	rc = load_client(HEAD "plan:\n  sessions: 2\n" S1_DONE
	    "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-01 10:00\n    status: done\n", k, &c, &d);
	CHECK_INT("heal view (course complete): client loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	CHECK_INT("course complete: plan sessions 2", c.plan_sessions, 2);
	CHECK_INT("course complete: 2 done", smp_course_done(&c), 2);
	CHECK_INT("course complete: 2 of 2 done is complete",
	    smp_course_complete(&c), 1);
	CHECK("latest done (course complete): session 2",
	    smp_latest_done(&c) != NULL && smp_latest_done(&c)->n == 2);
	memset(&v, 0, sizeof(v));
	rc = smp_heal_view(&c, k, 0, D(2026, 12, 10), &v, &d);
	CHECK_INT("heal view (course complete): status", rc, SMP_OK);
	CHECK("heal view (course complete): view of session 2",
	    v.session != NULL && v.session->n == 2);
	CHECK_INT("heal view (course complete): day 9", v.day, 9);
	CHECK_STR("heal view (course complete): settling",
	    smp_phase_names[v.phase], "settling");
	CHECK_INT("heal view (course complete): no next", v.has_next, 0);
	CHECK_INT("heal view (course complete): 11 marks, no next-treatment",
	    v.nmarks, 11);
	CHECK("heal view (course complete): no next-treatment mark",
	    find_mark(&v, SMP_M_NEXT_TREATMENT) == NULL);
	smp_client_free(&c);
}

static void
test_course(const struct smp_clinic *k)
{
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	int rc;

	/* A refresh does not count towards the course. */
	rc = load_client(HEAD "plan:\n  sessions: 2\n" S1_DONE
	    "  - n: 2\n    kind: refresh\n"
	    "    start: 2029-11-03 10:00\n    status: done\n", k, &c, &d);
	CHECK_INT("course with a refresh: client loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("course with a refresh: refresh not in the course",
		    smp_in_course(&c.sessions[1]), 0);
		CHECK_INT("course with a refresh: base is in the course",
		    smp_in_course(&c.sessions[0]), 1);
		CHECK_INT("course with a refresh: one course treatment done",
		    smp_course_done(&c), 1);
		CHECK_INT("course with a refresh: not complete",
		    smp_course_complete(&c), 0);
		CHECK("latest done with a refresh: the refresh (latest date)",
		    smp_latest_done(&c) != NULL &&
		    smp_latest_done(&c)->n == 2);
		smp_client_free(&c);
	}

	/* Cancelled and no-show sessions are not done. */
	rc = load_client(HEAD "plan:\n  sessions: 2\n" S1_DONE
	    "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-01 10:00\n    status: no-show\n"
	    "  - n: 3\n    kind: intensification\n"
	    "    start: 2026-12-08 10:00\n    status: cancelled\n", k, &c, &d);
	CHECK_INT("course with no-show: client loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("course with no-show: one done", smp_course_done(&c),
		    1);
		CHECK_INT("course with no-show: not complete",
		    smp_course_complete(&c), 0);
		CHECK("latest done with no-show: session 1",
		    smp_latest_done(&c) != NULL &&
		    smp_latest_done(&c)->n == 1);
		CHECK("session find: 3", smp_session_find(&c, 3) != NULL &&
		    smp_session_find(&c, 3)->n == 3);
		CHECK("session find: 4 is NULL", smp_session_find(&c, 4) == NULL);
		smp_client_free(&c);
	}

	/* Three of a default plan of three. */
	rc = load_client(HEAD S1_DONE
	    "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-12-01 10:00\n    status: done\n"
	    "  - n: 3\n    kind: touch-up\n"
	    "    start: 2026-12-29 10:00\n    status: done\n", k, &c, &d);
	CHECK_INT("course of three: client loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("course of three: plan defaults to the clinic's 3",
		    c.plan_sessions, 3);
		CHECK_INT("course of three: complete", smp_course_complete(&c),
		    1);
		CHECK("latest done of three: session 3",
		    smp_latest_done(&c) != NULL &&
		    smp_latest_done(&c)->n == 3);
		smp_client_free(&c);
	}

	/* Latest by date, not by place in the list. */
	rc = load_client(HEAD "sessions:\n"
	    "  - n: 1\n    kind: base\n    start: 2026-11-10 10:00\n"
	    "    status: done\n"
	    "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-11-03 10:00\n    status: done\n", k, &c, &d);
	CHECK_INT("latest done out of date order: client loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK("latest done out of date order: session 1 (2026-11-10)",
		    smp_latest_done(&c) != NULL &&
		    smp_latest_done(&c)->n == 1);
		smp_client_free(&c);
	}

	/* Only a consultation: nothing done, nothing to view. */
	rc = load_client(HEAD "consultation:\n  date: 2026-11-02\n", k, &c, &d);
	CHECK_INT("consultation only: client loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK("latest done, consultation only: NULL",
		    smp_latest_done(&c) == NULL);
		CHECK_INT("course, consultation only: not complete",
		    smp_course_complete(&c), 0);
		smp_diag_clear(&d);
		CHECK_INT("heal view, consultation only: SMP_NONE",
		    smp_heal_view(&c, k, 0, D(2026, 11, 8), &v, &d), SMP_NONE);
		smp_client_free(&c);
	}
}

int
main(void)
{
	struct smp_clinic k;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_clinic_load(NULL, 0, "UTC", NULL, &k, &d);
	CHECK_INT("built-in clinic loads", rc, SMP_OK);
	if (rc != SMP_OK)
		UNIT_EXIT();
	test_builtin(&k);
	test_override();
	test_view_planned(&k);
	test_view_interval(&k);
	test_view_complete(&k);
	test_course(&k);
	smp_clinic_free(&k);
	smp_cal_cleanup();
	UNIT_EXIT();
}
