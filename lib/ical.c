/*
 * iCalendar output through libical, which escapes text, writes CRLF and
 * folds at 75 octets without splitting UTF-8.  What libical gets wrong for
 * calendar services is mended here: VTIMEZONEs carry the bare IANA name
 * (libical prefixes its own) and are cut to the years the events need
 * (libical's go back to 1880).
 */
#include <stdlib.h>
#include <string.h>

#include "smp_ical.h"

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
		    smp_date_ical(e->date)));
		icalcomponent_add_property(ev, icalproperty_new_dtend(
		    smp_date_ical(smp_date_add_days(e->date, 1))));
		return;
	}
	struct icaltimetype t = smp_date_ical(e->start.date);
	icalproperty *p;

	t.is_date = 0;		/* a null date leaves its time fields at -1 */
	t.hour = e->start.hour;
	t.minute = e->start.min;
	t.second = 0;
	/* UTC needs no VTIMEZONE (nor has one): its times carry a Z */
	if (smp_zone_is_utc(e->zone))
		t.zone = icaltimezone_get_utc_timezone();
	p = icalproperty_new_dtstart(t);
	if (!smp_zone_is_utc(e->zone))
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

	if (!e->all_day && !smp_zone_is_utc(e->zone) &&
	    (rc = use_zone(cal, e->zone, e->start.date.y, d)))
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

/*
 * The streaming writer, for a feed of a whole clinic.  Events are written
 * as text here, not built as libical components: they are made on worker
 * threads (libical 3.0's zone cache is not thread-safe, and a component
 * tree per event costs more than the event) and written as soon as they
 * are made, so memory does not grow with the clinic.  The rules are the
 * ones libical follows above: CRLF, folds at 75 octets that keep UTF-8
 * characters whole, TEXT escaped.  Only the VTIMEZONEs still come from
 * libical, on the calling thread.
 */

/* Appends one content line, folded: at most 75 octets a line, the
 * continuation lines starting with a space. */
static void
put_line(struct smp_buf *b, const char *s, size_t n)
{
	size_t room = 75;

	while (n > room) {
		size_t cut = room;

		/* back up to the start of a UTF-8 character */
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		smp_buf_add(b, s, cut);
		smp_buf_add(b, "\r\n ", 3);
		s += cut;
		n -= cut;
		room = 74;
	}
	smp_buf_add(b, s, n);
	smp_buf_add(b, "\r\n", 2);
}

/* TEXT as RFC 5545 escapes it; as libical does, a tab stays, a carriage
 * return and other control characters go (a TEXT value may hold none). */
static void
put_escaped(struct smp_buf *b, const char *s)
{
	while (*s != '\0') {
		unsigned char c;
		size_t run = 0;

		/* plain text goes in whole runs */
		while ((c = (unsigned char)s[run]) >= 0x20 && c != 0x7f &&
		    c != '\\' && c != ';' && c != ',')
			run++;
		if (run > 0) {
			smp_buf_add(b, s, run);
			s += run;
			continue;
		}
		s++;
		if (c == '\\' || c == ';' || c == ',') {
			char esc[2] = { '\\', (char)c };

			smp_buf_add(b, esc, 2);
		} else if (c == '\n')
			smp_buf_add(b, "\\n", 2);
		else if (c == '\t')
			smp_buf_add(b, "\t", 1);
	}
}

/* NAME:value with value escaped as TEXT, folded. */
static void
put_text(struct smp_buf *b, const char *name, const char *value)
{
	size_t start = b->len, n;
	char *copy;

	/* written in place; only a line too long to fit is folded */
	smp_buf_str(b, name);
	smp_buf_add(b, ":", 1);
	put_escaped(b, value);
	if ((n = b->len - start) <= 75) {
		smp_buf_add(b, "\r\n", 2);
		return;
	}
	if ((copy = malloc(n)) == NULL)
		abort();
	memcpy(copy, b->data + start, n);
	b->len = start;
	put_line(b, copy, n);
	free(copy);
}

/*
 * The short lines are put together by hand: vsnprintf for each was the
 * larger part of the cost of an event.
 */
static char *
text(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *
ymd(char *p, struct smp_date d)
{
	p = smp_put_digits(p, (unsigned)d.y, 4);
	p = smp_put_digits(p, (unsigned)d.m, 2);
	return smp_put_digits(p, (unsigned)d.d, 2);
}

/* The civil date of a day count from 1970-01-01 (Howard Hinnant's
 * days_from_civil, inverted): gmtime_r takes libc's time zone lock on
 * every call, and every event has two stamps. */
static struct smp_date
civil(long long days)
{
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;

	return (struct smp_date){ (int)(yoe + era * 400 + (m <= 2)), (int)m,
	    (int)d };
}

/* NAME:YYYYMMDDTHHMMSSZ; times here are from 1970 to 9999 (smp_dtstamp). */
static void
put_stamp(struct smp_buf *b, const char *name, time_t t)
{
	char line[64], *p = text(line, name);
	long long secs = t > 0 ? (long long)t : 0;
	unsigned s = (unsigned)(secs % 86400);

	*p++ = ':';
	p = ymd(p, civil(secs / 86400));
	*p++ = 'T';
	p = smp_put_digits(p, s / 3600, 2);
	p = smp_put_digits(p, s / 60 % 60, 2);
	p = smp_put_digits(p, s % 60, 2);
	*p++ = 'Z';
	put_line(b, line, (size_t)(p - line));
}

static void
put_date(struct smp_buf *b, const char *name, struct smp_date d)
{
	char line[64], *p = text(line, name);

	p = text(p, ";VALUE=DATE:");
	p = ymd(p, d);
	put_line(b, line, (size_t)(p - line));
}

/* DURATION as libical writes it: P1D, PT3H, PT2H30M, PT45M. */
static void
put_duration(struct smp_buf *b, int minutes)
{
	char line[64], *p = text(line, "DURATION:P");
	unsigned h = (unsigned)minutes / 60, m = (unsigned)minutes % 60;

	if (minutes % 1440 == 0) {
		p = smp_put_number(p, (unsigned)minutes / 1440);
		*p++ = 'D';
	} else {
		*p++ = 'T';
		if (h > 0) {
			p = smp_put_number(p, h);
			*p++ = 'H';
		}
		if (m > 0) {
			p = smp_put_number(p, m);
			*p++ = 'M';
		}
	}
	put_line(b, line, (size_t)(p - line));
}

/* DTSTART and DTEND, or DTSTART with its zone and a DURATION (which stays
 * right across a daylight-saving change), as smp_cal_add writes them. */
static void
put_times(struct smp_buf *b, const struct smp_event *e)
{
	const struct smp_time *t = &e->start;
	char line[256], *p = text(line, "DTSTART");
	int utc;

	if (e->all_day) {
		put_date(b, "DTSTART", e->date);
		put_date(b, "DTEND", smp_date_add_days(e->date, 1));
		return;
	}
	utc = smp_zone_is_utc(e->zone);
	/* UTC needs no VTIMEZONE: its times carry a Z */
	if (!utc && strlen(e->zone) < 200) {	/* IANA names: 64 at most */
		p = text(p, ";TZID=");
		p = text(p, e->zone);
	}
	*p++ = ':';
	p = ymd(p, t->date);
	*p++ = 'T';
	p = smp_put_digits(p, (unsigned)t->hour, 2);
	p = smp_put_digits(p, (unsigned)t->min, 2);
	p = text(p, utc ? "00Z" : "00");
	put_line(b, line, (size_t)(p - line));
	put_duration(b, e->minutes);
}

void
smp_event_text(struct smp_buf *b, const struct smp_event *e, time_t dtstamp)
{
	char seq[32], *p = text(seq, "SEQUENCE:");

	smp_buf_add(b, "BEGIN:VEVENT\r\n", 14);
	put_text(b, "UID", e->uid);
	put_stamp(b, "DTSTAMP", dtstamp);
	put_times(b, e);
	put_text(b, "SUMMARY", e->summary);
	if (e->description != NULL)
		put_text(b, "DESCRIPTION", e->description);
	if (e->status != NULL)
		smp_buf_str(b, strcmp(e->status, "CANCELLED") == 0 ?
		    "STATUS:CANCELLED\r\n" : "STATUS:CONFIRMED\r\n");
	p = smp_put_number(p, e->sequence > 0 ? (unsigned)e->sequence : 0);
	put_line(b, seq, (size_t)(p - seq));
	if (e->last_modified > 0)
		put_stamp(b, "LAST-MODIFIED", e->last_modified);
	smp_buf_add(b, "CLASS:PRIVATE\r\n", 15);
	if (e->all_day)		/* a reminder, not time taken */
		smp_buf_add(b, "TRANSP:TRANSPARENT\r\n", 20);
	if (e->alarm != NULL) {
		smp_buf_add(b, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n", 30);
		put_text(b, "DESCRIPTION", e->summary);
		smp_buf_str(b, "TRIGGER:");
		smp_buf_str(b, e->alarm);
		smp_buf_str(b, "\r\n");
		smp_buf_add(b, "END:VALARM\r\n", 12);
	}
	smp_buf_add(b, "END:VEVENT\r\n", 12);
}

int
smp_zone_is_utc(const char *zone)
{
	return strcmp(zone, "UTC") == 0;
}

/* 1 written, 0 an output error, -1 no zone data. */
static int
put_vtimezone(FILE *fp, const struct smp_zone_span *z)
{
	struct zone_use u = { .first_year = z->first_year,
		.last_year = z->last_year };
	icalcomponent *vtz;
	char *text;
	int ok;

	snprintf(u.name, sizeof(u.name), "%s", z->name);
	if (smp_zone_is_utc(z->name))
		return 1;
	if ((vtz = vtimezone(&u)) == NULL)
		return -1;
	text = icalcomponent_as_ical_string_r(vtz);
	ok = text != NULL && fputs(text, fp) >= 0;
	free(text);
	icalcomponent_free(vtz);
	return ok;
}

int
smp_feed_begin(FILE *fp, const char *feed_name, const struct smp_zone_span *z,
    size_t nzones, struct smp_diag *d)
{
	struct smp_buf b = { 0 };
	int ok;

	icalerror_set_errors_are_fatal(0);
	smp_buf_str(&b, "BEGIN:VCALENDAR\r\n");
	put_line(&b, "PRODID:" PRODID, strlen("PRODID:" PRODID));
	smp_buf_str(&b, "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\n");
	put_text(&b, "X-WR-CALNAME", feed_name);
	smp_buf_str(&b, "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"
	    "X-PUBLISHED-TTL:PT1H\r\n");
	ok = fwrite(b.data, 1, b.len, fp) == b.len;
	smp_buf_free(&b);
	for (size_t i = 0; i < nzones && ok == 1; i++)
		if ((ok = put_vtimezone(fp, &z[i])) < 0)
			return smp_diag_set(d, SMP_INVALID, NULL, 0, 0, NULL,
			    "no time zone data for %s", z[i].name);
	if (!ok)
		return smp_diag_set(d, SMP_CANTWRITE, NULL, 0, 0, NULL,
		    "cannot write the calendar");
	return SMP_OK;
}

int
smp_feed_end(FILE *fp, struct smp_diag *d)
{
	if (fputs("END:VCALENDAR\r\n", fp) < 0)
		return smp_diag_set(d, SMP_CANTWRITE, NULL, 0, 0, NULL,
		    "cannot write the calendar");
	return SMP_OK;
}
