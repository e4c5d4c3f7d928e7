/* Civil dates and local times: parsing, arithmetic, weekdays, "today". */
#include <stdio.h>
#include <string.h>

#include "smp.h"
#include "unit.h"

static void
parse_ok(const char *name, const char *s, int y, int m, int d)
{
	struct smp_date out = { 0, 0, 0 };
	char n[160];

	snprintf(n, sizeof(n), "date parse accepts %s (%s): status", s, name);
	CHECK_INT(n, smp_date_parse(s, &out), 0);
	snprintf(n, sizeof(n), "date parse accepts %s (%s): value", s, name);
	CHECK(n, out.y == y && out.m == m && out.d == d);
}

static void
parse_bad(const char *name, const char *s)
{
	struct smp_date out = { 1, 2, 3 };
	char n[160];

	snprintf(n, sizeof(n), "date parse rejects \"%s\" (%s)", s, name);
	CHECK_INT(n, smp_date_parse(s, &out), -1);
}

static void
time_ok(const char *name, const char *s, int y, int m, int d, int hh, int mm)
{
	struct smp_time out;
	char n[160];

	memset(&out, 0, sizeof(out));
	snprintf(n, sizeof(n), "time parse accepts %s (%s): status", s, name);
	CHECK_INT(n, smp_time_parse(s, &out), 0);
	snprintf(n, sizeof(n), "time parse accepts %s (%s): value", s, name);
	CHECK(n, out.date.y == y && out.date.m == m && out.date.d == d &&
	    out.hour == hh && out.min == mm);
}

static void
time_bad(const char *name, const char *s)
{
	struct smp_time out;
	char n[160];

	memset(&out, 0, sizeof(out));
	snprintf(n, sizeof(n), "time parse rejects \"%s\" (%s)", s, name);
	CHECK_INT(n, smp_time_parse(s, &out), -1);
}

static void
test_parse(void)
{
	parse_ok("ordinary", "2026-11-22", 2026, 11, 22);
	parse_ok("leap day of a leap year", "2024-02-29", 2024, 2, 29);
	parse_ok("leap day of 2000", "2000-02-29", 2000, 2, 29);
	parse_ok("last day of the year", "2026-12-31", 2026, 12, 31);
	parse_ok("first day of the year", "2027-01-01", 2027, 1, 1);
	parse_bad("February 30", "2026-02-30");
	parse_bad("leap day of a common year", "2025-02-29");
	parse_bad("leap day of 2100", "2100-02-29");
	parse_bad("leap day of 1900", "1900-02-29");
	parse_bad("April 31", "2026-04-31");
	parse_bad("month 13", "2026-13-01");
	parse_bad("month 0", "2026-00-10");
	parse_bad("day 0", "2026-01-00");
	parse_bad("day 32", "2026-01-32");
	parse_bad("single-digit month and day", "2026-1-5");
	parse_bad("single-digit day", "2026-01-5");
	parse_bad("two-digit year", "26-01-05");
	parse_bad("no separators", "20260105");
	parse_bad("slashes", "2026/01/05");
	parse_bad("trailing junk", "2026-01-05x");
	parse_bad("trailing space", "2026-01-05 ");
	parse_bad("leading space", " 2026-01-05");
	parse_bad("a time where a date belongs", "2026-01-05 10:00");
	parse_bad("empty", "");
	parse_bad("signed month", "2026-+1-05");
	parse_bad("letters", "yyyy-mm-dd");

	time_ok("space separator", "2026-11-10 10:00", 2026, 11, 10, 10, 0);
	time_ok("'T' separator", "2026-11-10T09:05", 2026, 11, 10, 9, 5);
	time_ok("midnight", "2026-11-10 00:00", 2026, 11, 10, 0, 0);
	time_ok("last minute of the day", "2026-11-10 23:59", 2026, 11, 10,
	    23, 59);
	time_ok("on a leap day", "2024-02-29 12:30", 2024, 2, 29, 12, 30);
	time_bad("hour 24", "2026-11-10 24:10");
	time_bad("hour 24 exactly", "2026-11-10 24:00");
	time_bad("minute 60", "2026-11-10 10:60");
	time_bad("impossible date", "2026-02-30 10:00");
	time_bad("single-digit hour", "2026-11-10 9:00");
	time_bad("no minutes", "2026-11-10 10");
	time_bad("seconds", "2026-11-10 10:00:00");
	time_bad("zone suffix", "2026-11-10 10:00Z");
	time_bad("other separator", "2026-11-10_10:00");
	time_bad("lowercase t separator", "2026-11-10t10:00");
	time_bad("date only", "2026-11-10");
	time_bad("short date", "2026-1-5 10:00");
	time_bad("trailing space", "2026-11-10 10:00 ");
	time_bad("empty", "");
}

static void
test_format(void)
{
	struct smp_date d;
	struct smp_time t;
	char buf[17];

	smp_date_parse("2026-01-05", &d);
	CHECK_STR("date format pads month and day", fmt(d), "2026-01-05");
	CHECK_STR("date format of a leap day", fmt(D(2024, 2, 29)),
	    "2024-02-29");
	smp_time_parse("2026-01-05T09:05", &t);
	smp_time_format(t, buf);
	CHECK_STR("time format writes a space and pads the hour", buf,
	    "2026-01-05 09:05");
}

static void
test_valid(void)
{
	CHECK_INT("date valid: 2024-02-29", smp_date_valid(D(2024, 2, 29)), 1);
	CHECK_INT("date valid: 2026-02-29 is not", smp_date_valid(D(2026, 2, 29)),
	    0);
	CHECK_INT("date valid: 2026-04-31 is not", smp_date_valid(D(2026, 4, 31)),
	    0);
	CHECK_INT("date valid: month 13 is not", smp_date_valid(D(2026, 13, 1)),
	    0);
	CHECK_INT("date valid: day 0 is not", smp_date_valid(D(2026, 1, 0)), 0);
}

static void
add_days(const char *name, struct smp_date d, int n, const char *want)
{
	char label[160];

	snprintf(label, sizeof(label), "add days: %s", name);
	CHECK_STR(label, fmt(smp_date_add_days(d, n)), want);
}

static void
test_add_days(void)
{
	add_days("zero", D(2026, 11, 3), 0, "2026-11-03");
	add_days("within a month", D(2026, 11, 3), 4, "2026-11-07");
	add_days("28 across a month end", D(2026, 11, 3), 28, "2026-12-01");
	add_days("30 across a month end", D(2026, 11, 3), 30, "2026-12-03");
	add_days("out of a 31-day month", D(2026, 1, 31), 1, "2026-02-01");
	add_days("out of a 30-day month", D(2026, 4, 30), 1, "2026-05-01");
	add_days("across a year end", D(2026, 12, 31), 1, "2027-01-01");
	add_days("back across a year end", D(2027, 1, 1), -1, "2026-12-31");
	add_days("into a leap day", D(2024, 2, 28), 1, "2024-02-29");
	add_days("past a leap day", D(2024, 2, 28), 2, "2024-03-01");
	add_days("common February", D(2026, 2, 28), 1, "2026-03-01");
	add_days("back into a leap day", D(2024, 3, 1), -1, "2024-02-29");
	add_days("back into a common February", D(2023, 3, 1), -1,
	    "2023-02-28");
	add_days("2100 is not a leap year", D(2100, 2, 28), 1, "2100-03-01");
	add_days("2000 is a leap year", D(2000, 2, 28), 1, "2000-02-29");
	add_days("a leap year has 366 days", D(2024, 1, 1), 366, "2025-01-01");
	add_days("a common year has 365 days", D(2025, 1, 1), 365,
	    "2026-01-01");
	add_days("many months back", D(2026, 11, 22), -330, "2025-12-27");
	add_days("ten years on", D(2026, 1, 1), 3652, "2036-01-01");
}

static void
add_months(const char *name, struct smp_date d, int n, const char *want)
{
	char label[160];

	snprintf(label, sizeof(label), "add months: %s", name);
	CHECK_STR(label, fmt(smp_date_add_months(d, n)), want);
}

static void
test_add_months(void)
{
	add_months("2024-02-29 + 12 (one year) is 2025-02-28", D(2024, 2, 29),
	    12, "2025-02-28");
	add_months("2024-02-29 + 60 (five years) is 2029-02-28",
	    D(2024, 2, 29), 60, "2029-02-28");
	add_months("2024-02-29 + 48 (to a leap year) stays the 29th",
	    D(2024, 2, 29), 48, "2028-02-29");
	add_months("2029-02-28 - 6 is 2028-08-28", D(2029, 2, 28), -6,
	    "2028-08-28");
	add_months("2026-08-31 - 6 is 2026-02-28", D(2026, 8, 31), -6,
	    "2026-02-28");
	add_months("2024-01-31 + 1 is 2024-02-29", D(2024, 1, 31), 1,
	    "2024-02-29");
	add_months("2026-01-31 + 1 is 2026-02-28", D(2026, 1, 31), 1,
	    "2026-02-28");
	add_months("2026-03-31 + 1 is 2026-04-30", D(2026, 3, 31), 1,
	    "2026-04-30");
	add_months("2024-03-31 - 1 is 2024-02-29", D(2024, 3, 31), -1,
	    "2024-02-29");
	add_months("zero keeps the date", D(2026, 8, 31), 0, "2026-08-31");
	add_months("forward across a year end", D(2026, 12, 15), 1,
	    "2027-01-15");
	add_months("forward across a year end to a short month",
	    D(2026, 12, 31), 2, "2027-02-28");
	add_months("back across a year end", D(2026, 1, 15), -1, "2025-12-15");
	add_months("back 13 across a year end", D(2026, 1, 31), -13,
	    "2024-12-31");
	add_months("back 24 is two years", D(2026, 3, 31), -24, "2024-03-31");
	add_months("back 14 to a leap February", D(2025, 4, 30), -14,
	    "2024-02-29");
	add_months("back 12 from January", D(2026, 1, 1), -12, "2025-01-01");
	add_months("back from December to December", D(2026, 12, 31), -12,
	    "2025-12-31");
}

static void
test_diff(void)
{
	CHECK_INT("date diff: same day is 0",
	    smp_date_diff(D(2026, 11, 3), D(2026, 11, 3)), 0);
	CHECK_INT("date diff: 2026-12-01 - 2026-11-03 is 28",
	    smp_date_diff(D(2026, 12, 1), D(2026, 11, 3)), 28);
	CHECK_INT("date diff: negative when a is earlier",
	    smp_date_diff(D(2026, 11, 3), D(2026, 12, 1)), -28);
	CHECK_INT("date diff: across a year end",
	    smp_date_diff(D(2027, 1, 1), D(2026, 12, 31)), 1);
	CHECK_INT("date diff: across a leap day",
	    smp_date_diff(D(2024, 3, 1), D(2024, 2, 28)), 2);
	CHECK_INT("date diff: across a common February",
	    smp_date_diff(D(2026, 3, 1), D(2026, 2, 28)), 1);
	CHECK_INT("date diff: a leap year",
	    smp_date_diff(D(2025, 1, 1), D(2024, 1, 1)), 366);
	CHECK_INT("date diff: across the spring clock change in Europe",
	    smp_date_diff(D(2026, 3, 30), D(2026, 3, 28)), 2);
	CHECK_INT("date diff: a century",
	    smp_date_diff(D(2100, 1, 1), D(2000, 1, 1)), 36525);
	CHECK_INT("date diff: across 1970-01-01",
	    smp_date_diff(D(1970, 1, 1), D(1969, 12, 31)), 1);
	/* smp_date_valid and smp_date_parse accept 1900..9999. */
	CHECK_INT("date diff: in 1901 (a year the parser accepts)",
	    smp_date_diff(D(1901, 1, 2), D(1901, 1, 1)), 1);
	CHECK_INT("date diff: inverse of add days over 1000 days",
	    smp_date_diff(smp_date_add_days(D(2026, 11, 22), 1000),
	    D(2026, 11, 22)), 1000);
}

static void
test_weekday_cmp(void)
{
	CHECK_INT("weekday: 2026-11-22 is a Sunday (6)",
	    smp_date_weekday(D(2026, 11, 22)), 6);
	CHECK_INT("weekday: 2026-11-23 is a Monday (0)",
	    smp_date_weekday(D(2026, 11, 23)), 0);
	CHECK_INT("weekday: 2026-11-21 is a Saturday (5)",
	    smp_date_weekday(D(2026, 11, 21)), 5);
	CHECK_INT("weekday: 2024-02-29 is a Thursday (3)",
	    smp_date_weekday(D(2024, 2, 29)), 3);
	CHECK_INT("weekday: 2027-01-01 is a Friday (4)",
	    smp_date_weekday(D(2027, 1, 1)), 4);
	CHECK_INT("weekday: 2026-12-01 is a Tuesday (1)",
	    smp_date_weekday(D(2026, 12, 1)), 1);

	CHECK_INT("date cmp: equal", smp_date_cmp(D(2026, 11, 3),
	    D(2026, 11, 3)), 0);
	CHECK("date cmp: earlier day is negative",
	    smp_date_cmp(D(2026, 11, 3), D(2026, 11, 4)) < 0);
	CHECK("date cmp: later day is positive",
	    smp_date_cmp(D(2026, 11, 4), D(2026, 11, 3)) > 0);
	CHECK("date cmp: month outweighs day",
	    smp_date_cmp(D(2026, 1, 31), D(2026, 2, 1)) < 0);
	CHECK("date cmp: year outweighs month",
	    smp_date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
	CHECK("date cmp: year outweighs month, reversed",
	    smp_date_cmp(D(2026, 1, 1), D(2025, 12, 31)) > 0);
}

static void
today(const char *name, const char *zone, time_t now, const char *want)
{
	struct smp_date d = { 0, 0, 0 };
	char label[200];
	int rc = smp_date_today(zone, now, &d);

	snprintf(label, sizeof(label), "today: %s: status", name);
	CHECK_INT(label, rc, 0);
	snprintf(label, sizeof(label), "today: %s: date", name);
	CHECK_STR(label, rc == 0 ? fmt(d) : "(failed)", want);
}

static void
test_today(void)
{
	struct smp_date d = { 2000, 1, 1 };

	/* 2026-11-21T23:30:00Z */
	today("23:30Z is 2026-11-22 in Warsaw", "Europe/Warsaw", 1795303800,
	    "2026-11-22");
	today("23:30Z is 2026-11-21 in UTC", "UTC", 1795303800, "2026-11-21");
	/* 2026-11-21T23:00:00Z is midnight in Warsaw (CET, +1) */
	today("Warsaw midnight exactly is the new day", "Europe/Warsaw",
	    1795302000, "2026-11-22");
	today("a second before Warsaw midnight is the old day",
	    "Europe/Warsaw", 1795302000 - 1, "2026-11-21");
	/* 2026-07-01T22:30:00Z: summer time (CEST, +2) */
	today("22:30Z in July is the next day in Warsaw (summer time)",
	    "Europe/Warsaw", 1782945000, "2026-07-02");
	/* 2026-01-01T22:30:00Z: winter time (CET, +1) */
	today("22:30Z in January is the same day in Warsaw (winter time)",
	    "Europe/Warsaw", 1767306600, "2026-01-01");
	/* 2026-11-22T03:00:00Z is 22:00 the day before in New York */
	today("03:00Z is the day before in New York", "America/New_York",
	    1795316400, "2026-11-21");
	today("03:00Z is the same day in UTC", "UTC", 1795316400,
	    "2026-11-22");

	CHECK_INT("today: unknown zone Europe/Atlantis returns -1",
	    smp_date_today("Europe/Atlantis", 1795303800, &d), -1);
	CHECK_INT("today: empty zone name returns -1",
	    smp_date_today("", 1795303800, &d), -1);
}

static void
test_zone_known(void)
{
	CHECK_INT("zone known: Europe/Warsaw", smp_zone_known("Europe/Warsaw"),
	    1);
	CHECK_INT("zone known: America/New_York",
	    smp_zone_known("America/New_York"), 1);
	CHECK_INT("zone known: UTC", smp_zone_known("UTC"), 1);
	CHECK_INT("zone known: Europe/Atlantis is not",
	    smp_zone_known("Europe/Atlantis"), 0);
	CHECK_INT("zone known: wrong case europe/warsaw is not",
	    smp_zone_known("europe/warsaw"), 0);
	CHECK_INT("zone known: trailing space is not",
	    smp_zone_known("Europe/Warsaw "), 0);
	CHECK_INT("zone known: empty is not", smp_zone_known(""), 0);
	CHECK_INT("zone known: NULL is not", smp_zone_known(NULL), 0);
	/* A path is not an IANA zone name (client-format.md: an impossible
	 * zone is an error, not a guess). */
	CHECK_INT("zone known: a path /Europe/Warsaw is not a zone name",
	    smp_zone_known("/Europe/Warsaw"), 0);
	CHECK_INT("zone known: Europe//Warsaw is not a zone name",
	    smp_zone_known("Europe//Warsaw"), 0);
	CHECK_INT("zone known: a path with .. is not a zone name",
	    smp_zone_known("Europe/../Europe/Warsaw"), 0);
	CHECK_INT("zone known: a path to /etc/passwd is not a zone name",
	    smp_zone_known("../../../../etc/passwd"), 0);
}

int
main(void)
{
	test_parse();
	test_format();
	test_valid();
	test_add_days();
	test_add_months();
	test_diff();
	test_weekday_cmp();
	test_today();
	test_zone_known();
	smp_cal_cleanup();
	UNIT_EXIT();
}
