/*
 * Civil dates and local times.  Arithmetic goes through libical's
 * icaltimetype so that month lengths and leap years have one source.
 */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include "smp_ical.h"

struct icaltimetype
smp_date_ical(struct smp_date d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d.y;
	t.month = d.m;
	t.day = d.d;
	return t;
}

static struct smp_date
from_ical(struct icaltimetype t)
{
	struct smp_date d = { t.year, t.month, t.day };

	return d;
}

int
smp_date_valid(struct smp_date d)
{
	return d.y >= 1900 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	    d.d >= 1 && d.d <= icaltime_days_in_month(d.m, d.y);
}

/* Reads exactly n digits. */
static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
parse_date_prefix(const char *s, struct smp_date *out)
{
	struct smp_date d;

	if (digits(s, 4, &d.y) || s[4] != '-' || digits(s + 5, 2, &d.m) ||
	    s[7] != '-' || digits(s + 8, 2, &d.d) || !smp_date_valid(d))
		return -1;
	*out = d;
	return 0;
}

int
smp_date_parse(const char *s, struct smp_date *out)
{
	if (strlen(s) != 10)
		return -1;
	return parse_date_prefix(s, out);
}

int
smp_time_parse(const char *s, struct smp_time *out)
{
	struct smp_time t;

	if (strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') ||
	    parse_date_prefix(s, &t.date) || digits(s + 11, 2, &t.hour) ||
	    s[13] != ':' || digits(s + 14, 2, &t.min) || t.hour > 23 ||
	    t.min > 59)
		return -1;
	*out = t;
	return 0;
}

/* By hand, not snprintf: smp-remind formats dates for every reminder. */
void
smp_date_format(struct smp_date d, char buf[11])
{
	char *p = smp_put_digits(buf, (unsigned)d.y % 10000, 4);

	*p++ = '-';
	p = smp_put_digits(p, (unsigned)d.m % 100, 2);
	*p++ = '-';
	p = smp_put_digits(p, (unsigned)d.d % 100, 2);
	*p = '\0';
}

void
smp_time_format(struct smp_time t, char buf[17])
{
	char *p = buf + 10;

	smp_date_format(t.date, buf);
	*p++ = ' ';
	p = smp_put_digits(p, (unsigned)t.hour % 100, 2);
	*p++ = ':';
	p = smp_put_digits(p, (unsigned)t.min % 100, 2);
	*p = '\0';
}

struct smp_date
smp_date_add_days(struct smp_date d, int days)
{
	struct icaltimetype t = smp_date_ical(d);

	icaltime_adjust(&t, days, 0, 0, 0);
	return from_ical(t);
}

struct smp_date
smp_date_add_months(struct smp_date d, int months)
{
	int m = d.y * 12 + (d.m - 1) + months;
	struct smp_date r = { m / 12, m % 12 + 1, d.d };
	int last = icaltime_days_in_month(r.m, r.y);

	if (r.d > last)
		r.d = last;
	return r;
}

int
smp_date_cmp(struct smp_date a, struct smp_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar.  Not
 * through time_t: libical's icaltime_as_timet gives 0 before 1902. */
static long
civil_days(struct smp_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int
smp_date_diff(struct smp_date a, struct smp_date b)
{
	return (int)(civil_days(a) - civil_days(b));
}

int
smp_date_weekday(struct smp_date d)
{
	/* libical: 1 = Sunday .. 7 = Saturday */
	return (icaltime_day_of_week(smp_date_ical(d)) + 5) % 7;
}

/* The shape of an IANA name (Europe/Warsaw, Etc/GMT+1, America/Port-au-
 * Prince).  libical reads the name as a path under zoneinfo, so nothing
 * else (no "..", no leading '/') may reach it. */
static int
iana_shaped(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return 0;
	for (const char *part = name; ; ) {
		size_t len = strspn(part, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_+-");

		if (len == 0 || !isalpha((unsigned char)part[0]))
			return 0;
		if (part[len] == '\0')
			return 1;
		if (part[len] != '/')
			return 0;
		part += len + 1;
	}
}

/* libical 3.0's cache of built-in zones is global and fills itself on
 * lookups without a lock of its own; threads reading client files take
 * turns here.  The one piece of global state in the library. */
static pthread_mutex_t zone_lookups = PTHREAD_MUTEX_INITIALIZER;

int
smp_zone_known(const char *name)
{
	int known;

	if (name == NULL || !iana_shaped(name))
		return 0;
	if (strcmp(name, "UTC") == 0)
		return 1;
	pthread_mutex_lock(&zone_lookups);
	known = icaltimezone_get_builtin_timezone(name) != NULL;
	pthread_mutex_unlock(&zone_lookups);
	return known;
}

void
smp_zone_preload(const char *name)
{
	icaltimezone *z;

	if (name == NULL || !iana_shaped(name) || strcmp(name, "UTC") == 0)
		return;
	pthread_mutex_lock(&zone_lookups);
	if ((z = icaltimezone_get_builtin_timezone(name)) != NULL)
		icaltimezone_get_component(z);	/* reads the zoneinfo file */
	pthread_mutex_unlock(&zone_lookups);
}

int
smp_zone_known_cached(struct smp_zones *z, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < z->n; i++)
		if (strcmp(z->name[i], name) == 0)
			return 1;
	if (!smp_zone_known(name))
		return 0;
	if (z->n < SMP_ZONES_CACHED && len < sizeof(z->name[0]))
		memcpy(z->name[z->n++], name, len + 1);
	return 1;
}

static icaltimezone *
zone_named(const char *name)
{
	if (strcmp(name, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	return icaltimezone_get_builtin_timezone(name);
}

int
smp_date_today(const char *zone, time_t now, struct smp_date *out)
{
	icaltimezone *z = zone_named(zone);

	if (z == NULL)
		return -1;
	*out = from_ical(icaltime_from_timet_with_zone(now, 0, z));
	return 0;
}
