/*
 * iCalendar output through libical, which escapes text, writes CRLF and
 * folds at 75 octets without splitting UTF-8.  What libical gets wrong for
 * calendar services is mended here: VTIMEZONEs carry the bare IANA name
 * (libical prefixes its own) and are cut to the years the events need
 * (libical's go back to 1880).
 */
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "smp.h"

#define PRODID "-//smp-tools//smp-tools " SMP_VERSION "//EN"
#define MAX_ZONES 16

struct zone_use {
	char name[64];
	int first_year, last_year;
};

struct smp_cal {
	icalcomponent *events;		/* a holder: VEVENTs in order */
	const char *feed_name;
	time_t dtstamp;
	struct zone_use zones[MAX_ZONES];
	int nzones;
};

struct smp_cal *
smp_cal_new(const char *feed_name, time_t dtstamp)
{
	struct smp_cal *cal = calloc(1, sizeof(*cal));

	if (cal == NULL)
		abort();
	icalerror_set_errors_are_fatal(0);
	cal->events = icalcomponent_new(ICAL_XROOT_COMPONENT);
	cal->feed_name = feed_name;
	cal->dtstamp = dtstamp;
	return cal;
}

void
smp_cal_free(struct smp_cal *cal)
{
	if (cal == NULL)
		return;
	icalcomponent_free(cal->events);
	free(cal);
}

void
smp_cal_cleanup(void)
{
	icaltimezone_free_builtin_timezones();
}

static struct icaltimetype
utc_time(time_t t)
{
	return icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
}

static struct icaltimetype
ical_date(struct smp_date d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d.y;
	t.month = d.m;
	t.day = d.d;
	return t;
}

/* Records that zone is used in year, so its VTIMEZONE covers it. */
static int
use_zone(struct smp_cal *cal, const char *zone, int year, struct smp_diag *d)
{
	int i;

	for (i = 0; i < cal->nzones; i++)
		if (strcmp(cal->zones[i].name, zone) == 0)
			break;
	if (i == cal->nzones) {
		if (i == MAX_ZONES || strlen(zone) >= sizeof(cal->zones[i].name))
			return smp_diag_set(d, SMP_INVALID, NULL, 0, 0, NULL,
			    "too many time zones in one calendar");
		snprintf(cal->zones[i].name, sizeof(cal->zones[i].name), "%s",
		    zone);
		cal->zones[i].first_year = cal->zones[i].last_year = year;
		cal->nzones++;
	}
	if (year < cal->zones[i].first_year)
		cal->zones[i].first_year = year;
	if (year > cal->zones[i].last_year)
		cal->zones[i].last_year = year;
	return SMP_OK;
}

static void
add_times(icalcomponent *ev, const struct smp_event *e)
{
	if (e->all_day) {
		icalcomponent_add_property(ev, icalproperty_new_dtstart(
		    ical_date(e->date)));
		icalcomponent_add_property(ev, icalproperty_new_dtend(
		    ical_date(smp_date_add_days(e->date, 1))));
		return;
	}
	struct icaltimetype t = ical_date(e->start.date);
	icalproperty *p;

	t.is_date = 0;		/* a null date leaves its time fields at -1 */
	t.hour = e->start.hour;
	t.minute = e->start.min;
	t.second = 0;
	p = icalproperty_new_dtstart(t);
	icalproperty_add_parameter(p, icalparameter_new_tzid(e->zone));
	icalcomponent_add_property(ev, p);
	/* a duration stays right across a daylight-saving change */
	icalcomponent_add_property(ev, icalproperty_new_duration(
	    icaldurationtype_from_int(e->minutes * 60)));
}

static void
add_alarm(icalcomponent *ev, const struct smp_event *e)
{
	icalcomponent *alarm;

	if (e->alarm == NULL)
		return;
	alarm = icalcomponent_vanew(ICAL_VALARM_COMPONENT,
	    icalproperty_new_action(ICAL_ACTION_DISPLAY),
	    icalproperty_new_description(e->summary),
	    icalproperty_new_trigger(icaltriggertype_from_string(e->alarm)),
	    (void *)0);
	icalcomponent_add_component(ev, alarm);
}

int
smp_cal_add(struct smp_cal *cal, const struct smp_event *e, struct smp_diag *d)
{
	icalcomponent *ev;
	int rc;

	if (!e->all_day && (rc = use_zone(cal, e->zone, e->start.date.y, d)))
		return rc;
	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    utc_time(cal->dtstamp)));
	add_times(ev, e);
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	if (e->description != NULL)
		icalcomponent_add_property(ev,
		    icalproperty_new_description(e->description));
	if (e->status != NULL)
		icalcomponent_add_property(ev, icalproperty_new_status(
		    strcmp(e->status, "CANCELLED") == 0 ? ICAL_STATUS_CANCELLED :
		    ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	if (e->last_modified > 0)
		icalcomponent_add_property(ev, icalproperty_new_lastmodified(
		    utc_time(e->last_modified)));
	icalcomponent_add_property(ev,
	    icalproperty_new_class(ICAL_CLASS_PRIVATE));
	if (e->all_day)		/* a reminder, not time taken */
		icalcomponent_add_property(ev,
		    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	add_alarm(ev, e);
	icalcomponent_add_component(cal->events, ev);
	return SMP_OK;
}

/* libical's VTIMEZONE for zone, renamed to the IANA name and cut down. */
static icalcomponent *
vtimezone(const struct zone_use *z)
{
	icaltimezone *tz = icaltimezone_get_builtin_timezone(z->name);
	icalcomponent *vtz;
	struct icaltimetype from = icaltime_null_time(), until;

	if (tz == NULL)
		return NULL;
	vtz = icalcomponent_new_clone(icaltimezone_get_component(tz));
	from.year = z->first_year - 1;
	from.month = from.day = 1;
	from.zone = icaltimezone_get_utc_timezone();
	until = from;
	until.year = z->last_year + 2;
	/* ms_compatible: recurring rules, which every client reads alike */
	icaltimezone_truncate_vtimezone(vtz, from, until, 1);
	icalproperty_set_tzid(icalcomponent_get_first_property(vtz,
	    ICAL_TZID_PROPERTY), z->name);
	return vtz;
}

static void
add_x(icalcomponent *cal, const char *name, const char *value, int duration)
{
	icalproperty *p = icalproperty_new_x(value);

	icalproperty_set_x_name(p, name);
	if (duration)
		icalproperty_add_parameter(p,
		    icalparameter_new_value(ICAL_VALUE_DURATION));
	icalcomponent_add_property(cal, p);
}

static icalcomponent *
assemble(struct smp_cal *cal)
{
	icalcomponent *root = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_prodid(PRODID), icalproperty_new_version("2.0"),
	    icalproperty_new_calscale("GREGORIAN"), (void *)0);
	icalcomponent *ev;

	if (cal->feed_name != NULL) {
		add_x(root, "X-WR-CALNAME", cal->feed_name, 0);
		add_x(root, "REFRESH-INTERVAL", "PT1H", 1);
		add_x(root, "X-PUBLISHED-TTL", "PT1H", 0);
	}
	for (int i = 0; i < cal->nzones; i++) {
		icalcomponent *vtz = vtimezone(&cal->zones[i]);

		if (vtz != NULL)
			icalcomponent_add_component(root, vtz);
	}
	while ((ev = icalcomponent_get_first_component(cal->events,
	    ICAL_VEVENT_COMPONENT)) != NULL) {
		icalcomponent_remove_component(cal->events, ev);
		icalcomponent_add_component(root, ev);
	}
	return root;
}

int
smp_cal_write(struct smp_cal *cal, FILE *fp, struct smp_diag *d)
{
	icalcomponent *root = assemble(cal);
	char *text = icalcomponent_as_ical_string_r(root);
	size_t len = text ? strlen(text) : 0;
	int ok = text != NULL && fwrite(text, 1, len, fp) == len;

	free(text);
	icalcomponent_free(root);
	if (!ok)
		return smp_diag_set(d, SMP_CANTWRITE, NULL, 0, 0, NULL,
		    "cannot write the calendar");
	return SMP_OK;
}
