/* The calendar writer with timed events on both sides of the daylight-
 * saving changes, in two zones.  The file is written to $WORK for
 * tests/cli/ical-lib.sh, which has the four parsers read it back. */
#include <stdlib.h>
#include <string.h>

#include "smp.h"
#include "unit.h"

static void
timed(struct smp_cal *cal, const char *uid, const char *zone,
    struct smp_time t, int minutes, const char *status, int seq)
{
	struct smp_diag d;
	struct smp_event e = { .uid = uid, .summary = "SMP session, Łukasz; test",
		.status = status, .sequence = seq, .start = t, .zone = zone,
		.minutes = minutes, .alarm = "-P1D", .last_modified = 1761998400 };

	CHECK(uid, smp_cal_add(cal, &e, &d) == SMP_OK);
}

int
main(void)
{
	const char *work = getenv("WORK");
	char path[512];
	struct smp_cal *cal = smp_cal_new(NULL, 1763769600);
	struct smp_diag d;
	struct smp_event all = { .uid = "c-1.shave-ok-1@x.example",
		.summary = "SMP: you may shave again", .all_day = 1,
		.date = { 2026, 3, 29 }, .alarm = "PT9H" };
	FILE *fp;
	char *text = NULL;
	size_t len = 0;

	/* Warsaw: CET to CEST on 2026-03-29, back on 2026-10-25 */
	timed(cal, "c-1.session-1@x.example", "Europe/Warsaw",
	    (struct smp_time){ { 2026, 3, 28 }, 10, 0 }, 180, "CONFIRMED", 0);
	timed(cal, "c-1.session-2@x.example", "Europe/Warsaw",
	    (struct smp_time){ { 2026, 3, 30 }, 10, 0 }, 150, "CANCELLED", 2);
	timed(cal, "c-1.session-3@x.example", "Europe/Warsaw",
	    (struct smp_time){ { 2026, 10, 26 }, 9, 0 }, 120, "CONFIRMED", 1);
	/* a second zone, in another year: each gets its own VTIMEZONE */
	timed(cal, "c-2.session-1@x.example", "America/New_York",
	    (struct smp_time){ { 2027, 7, 1 }, 16, 45 }, 120, "CONFIRMED", 0);
	CHECK("all-day event", smp_cal_add(cal, &all, &d) == SMP_OK);

	fp = open_memstream(&text, &len);
	CHECK("calendar written", smp_cal_write(cal, fp, &d) == SMP_OK);
	fclose(fp);
	smp_cal_free(cal);
	CHECK("TZID is the bare IANA name",
	    strstr(text, "DTSTART;TZID=Europe/Warsaw:20260328T100000\r\n") != NULL);
	CHECK("VTIMEZONE named like the events",
	    strstr(text, "TZID:Europe/Warsaw\r\n") != NULL &&
	    strstr(text, "TZID:America/New_York\r\n") != NULL);
	CHECK("no libical prefix", strstr(text, "freeassociation") == NULL);
	CHECK("VTIMEZONE cut down (no 19th century)",
	    strstr(text, "DTSTART:18") == NULL);
	CHECK("duration, not a local end", strstr(text, "DURATION:PT3H\r\n") != NULL);
	CHECK("no feed name in a one-client file",
	    strstr(text, "X-WR-CALNAME") == NULL);
	CHECK("private", strstr(text, "CLASS:PRIVATE\r\n") != NULL);
	CHECK("all-day VALUE=DATE with the day after as DTEND",
	    strstr(text, "DTSTART;VALUE=DATE:20260329\r\n") != NULL &&
	    strstr(text, "DTEND;VALUE=DATE:20260330\r\n") != NULL);
	snprintf(path, sizeof(path), "%s/lib-timed.ics", work ? work : "/tmp");
	fp = fopen(path, "w");
	CHECK("file for the parsers", fp != NULL && fwrite(text, 1, len, fp) == len);
	if (fp)
		fclose(fp);
	free(text);
	smp_cal_cleanup();
	UNIT_EXIT();
}
