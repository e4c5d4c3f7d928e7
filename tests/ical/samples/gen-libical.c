/* gen-libical: write good-libical.ics the way the tools build calendars with
 * libical 3.0.16 (notes/libraries.md): the builtin Europe/Warsaw VTIMEZONE
 * cloned, truncated and renamed to the bare IANA name, the
 * TZID parameter set by hand, libical's own serializer doing CRLF and folds.
 *
 *   cc -std=c11 -o /tmp/gen-libical tests/ical/samples/gen-libical.c \
 *      $(pkg-config --cflags --libs libical)
 *   /tmp/gen-libical > tests/ical/samples/good-libical.ics
 *   /tmp/gen-libical utc-rdate > tests/ical/samples/bad-vtimezone-utc-rdate.ics
 *   /tmp/gen-libical until > tests/ical/samples/bad-vtimezone-until.ics
 *
 * The two bad files show how the truncation can go wrong (the event sits at
 * 01:30-04:30 on 2026-03-29, the day clocks go forward at 02:00):
 * - utc-rdate: ms_compatible=0 with an end makes libical 3.0.16 write the
 *   last onsets as RDATEs in UTC, which RFC 5545 3.6.5 forbids (local time
 *   only): Python icalendar fails, vobject moves the change by an hour.
 * - until: cut at the end of 2026, the RRULEs end with UNTIL=...Z in 2026;
 *   vobject (dateutil's tzical drops the Z) then loses each rule's last
 *   onset, so every 2026 time after 29 March is an hour off there.
 * good-libical.ics keeps ms_compatible=1 and no end cut (an end on 1 January
 * two years after the last event's year would do: all UNTILs fall after it). */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZONE "Europe/Warsaw"

static icalproperty *local_time(icalproperty *p)
{
    icalproperty_add_parameter(p, icalparameter_new_tzid(ZONE));
    return p;
}

static icalcomponent *event(const char *uid, icalproperty *start, icalproperty *end,
                            const char *summary, const char *trigger)
{
    icalcomponent *ev = icalcomponent_vanew(
        ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid),
        icalproperty_new_dtstamp(icaltime_from_string("20250101T120000Z")), start, end,
        icalproperty_new_summary(summary), icalproperty_new_class(ICAL_CLASS_PRIVATE), (void *)0);
    if (trigger) {
        struct icaltriggertype tr = {icaltime_null_time(), icaldurationtype_from_string(trigger)};
        icalcomponent_add_component(
            ev, icalcomponent_vanew(ICAL_VALARM_COMPONENT,
                                    icalproperty_new_action(ICAL_ACTION_DISPLAY),
                                    icalproperty_new_description("Przypomnienie"),
                                    icalproperty_new_trigger(tr), (void *)0));
    }
    return ev;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "good";
    int ms_compatible = strcmp(mode, "utc-rdate") != 0;
    struct icaltimetype cut_end = strcmp(mode, "good") == 0 ? icaltime_null_time()
                                  : icaltime_from_string("20270101T000000Z");
    icalerror_set_errors_are_fatal(0);
    icalcomponent *vtz =
        icalcomponent_new_clone(icaltimezone_get_component(icaltimezone_get_builtin_timezone(ZONE)));
    icaltimezone_truncate_vtimezone(vtz, icaltime_from_string("20250101T000000Z"), cut_end,
                                    ms_compatible);
    icalproperty_set_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY), ZONE);

    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//smp-tools//ical checker samples//EN"), vtz, (void *)0);

    /* 01:30 on the day of the spring change, half an hour before it. */
    icalcomponent *ev = event("c-0042.session-1@smp-center.example",
                              local_time(icalproperty_new_dtstart(icaltime_from_string("20260329T013000"))),
                              local_time(icalproperty_new_dtend(icaltime_from_string("20260329T043000"))),
                              "Łukasz Wójcik; sesja 1, „zgoda”\nżółć ĄĘŚĆŻŹŃÓŁ ąęśćżźńół — długi opis "
                              "żeby zawinąć wiersz kilka razy",
                              "-P1D");
    icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(ev, icalproperty_new_sequence(3));
    icalcomponent_add_component(cal, ev);

    struct icaltimetype day = icaltime_from_string("20261231"), next = day;
    icaltime_adjust(&next, 1, 0, 0, 0); /* DTEND the day after, across a year */
    icalcomponent_add_component(cal, event("c-0042.refresh-1@smp-center.example",
                                           icalproperty_new_dtstart(day),
                                           icalproperty_new_dtend(next), "Odświeżenie", "PT9H"));

    char *s = icalcomponent_as_ical_string_r(cal);
    fputs(s, stdout);
    free(s);
    icalcomponent_free(cal);
    icaltimezone_free_builtin_timezones();
    return 0;
}
