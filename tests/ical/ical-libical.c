/* ical-libical: parse an .ics file with libical and print the canonical
 * event list (format: tests/ical/README.md), one of four independent parsers
 * that check-ics.sh compares.
 *
 *   ical-libical [--builtin] FILE
 *
 * TZID parameters are resolved against the VTIMEZONEs in the file itself, not
 * libical's builtin zones, so a missing or wrong VTIMEZONE shows up.  With
 * --builtin they are resolved against the system tzdata instead: check-ics.sh
 * diffs the two outputs to catch a VTIMEZONE that is wrong or cut too short.
 *
 * Exit 0 with the list on stdout; exit 1 with a message on stderr if the file
 * does not parse cleanly or a TZID cannot be resolved. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int use_builtin;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "ical-libical: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open", path);
    size_t cap = 65536, len = 0, n;
    char *buf = malloc(cap + 1);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    if (!buf || ferror(f))
        die("cannot read", path);
    fclose(f);
    buf[len] = '\0';
    if (strlen(buf) != len)
        die("NUL byte in", path);
    return buf;
}

/* Print every X-LIC-ERROR in the tree: libical never rejects a bad value, it
 * records it as such a property. */
static void print_errors(icalcomponent *c)
{
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        fprintf(stderr, "ical-libical: error in %s: %s\n",
                icalcomponent_kind_to_string(icalcomponent_isa(c)), icalproperty_get_xlicerror(p));
    for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
         k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        print_errors(k);
}

/* The zone a date-time property is in: UTC, the file's VTIMEZONE named by its
 * TZID, or NULL for a floating time. */
static icaltimezone *zone_of(icalcomponent *cal, icalproperty *p, struct icaltimetype t)
{
    icalparameter *par = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (!par)
        return icaltime_is_utc(t) ? icaltimezone_get_utc_timezone() : NULL;
    const char *tzid = icalparameter_get_tzid(par);
    icaltimezone *z = use_builtin ? icaltimezone_get_builtin_timezone(tzid)
                                  : icalcomponent_get_timezone(cal, tzid);
    if (!z)
        die(use_builtin ? "no system zone for TZID" : "no VTIMEZONE in the file for TZID", tzid);
    return z;
}

/* D:YYYYMMDD, U:YYYYMMDDTHHMMSSZ, or F:YYYYMMDDTHHMMSS for a floating time
 * (which ical-bytes.py rejects; shown so the parsers can still be compared). */
static void fmt_time(char *out, size_t n, struct icaltimetype t, icaltimezone *z)
{
    if (t.is_date) {
        snprintf(out, n, "D:%04d%02d%02d", t.year, t.month, t.day);
        return;
    }
    if (z) {
        t.zone = z;
        t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    }
    snprintf(out, n, "%s:%04d%02d%02dT%02d%02d%02d%s", z ? "U" : "F", t.year, t.month, t.day,
             t.hour, t.minute, t.second, z ? "Z" : "");
}

/* A duration as total signed seconds, formatted the same way by every checker:
 * [-]P[<d>D][T[<h>H][<m>M][<s>S]], weeks folded into days, PT0S for zero. */
static void fmt_duration(char *out, size_t n, int secs)
{
    unsigned s = secs < 0 ? -(unsigned)secs : (unsigned)secs;
    unsigned d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
    int k = snprintf(out, n, "%sP", secs < 0 ? "-" : "");
    if (d)
        k += snprintf(out + k, n - k, "%uD", d);
    if (h || m || sec || !d)
        k += snprintf(out + k, n - k, "T");
    if (h)
        k += snprintf(out + k, n - k, "%uH", h);
    if (m)
        k += snprintf(out + k, n - k, "%uM", m);
    if (sec || !s)
        snprintf(out + k, n - k, "%uS", sec);
}

/* Text field: backslash, newline and '|' escaped so a field stays one field. */
static void put_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\\' || *s == '|')
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b); /* bytewise */
}

static int cmp_trig(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static char *event_line(icalcomponent *cal, icalcomponent *ev)
{
    char start[40] = "", end[40] = "", trig[16][40];
    icalproperty *ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    icalproperty *pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty *pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    icalproperty *pq = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
    icalproperty *pt = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
    if (ps) {
        struct icaltimetype t = icalproperty_get_dtstart(ps);
        icaltimezone *z = zone_of(cal, ps, t);
        fmt_time(start, sizeof start, t, z);
        if (pe) {
            struct icaltimetype e = icalproperty_get_dtend(pe);
            fmt_time(end, sizeof end, e, zone_of(cal, pe, e));
        } else if (pd) {
            /* END = start + the duration's exact seconds (weeks and days as
             * 24 h; RFC 5545 would keep days nominal across a DST change), in
             * UTC, the rule all four checkers share. */
            int secs = icaldurationtype_as_int(icalproperty_get_duration(pd));
            if (!t.is_date && z) {
                t.zone = z;
                t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
                z = icaltimezone_get_utc_timezone();
            }
            icaltime_adjust(&t, t.is_date ? secs / 86400 : 0, 0, 0, t.is_date ? 0 : secs);
            fmt_time(end, sizeof end, t, z);
        }
    }
    int nt = 0;
    for (icalcomponent *a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
         a; a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
        if (nt == 16)
            die("more than 16 VALARMs in", icalcomponent_get_uid(ev));
        icalproperty *p = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
        if (!p)
            die("VALARM without TRIGGER in", icalcomponent_get_uid(ev));
        struct icaltriggertype tr = icalproperty_get_trigger(p);
        if (!icaltime_is_null_time(tr.time))
            fmt_time(trig[nt++], sizeof trig[0], tr.time, zone_of(cal, p, tr.time));
        else
            fmt_duration(trig[nt++], sizeof trig[0], icaldurationtype_as_int(tr.duration));
    }
    qsort(trig, nt, sizeof trig[0], cmp_trig); /* alarm order carries no meaning */

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    put_text(f, icalcomponent_get_uid(ev));
    fprintf(f, "|%s|%s|", start, end);
    if (pt)
        put_text(f, icalproperty_get_value_as_string(pt));
    fprintf(f, "|%d|", pq ? icalproperty_get_sequence(pq) : 0);
    put_text(f, icalcomponent_get_summary(ev));
    fputs("|A:", f);
    for (int i = 0; i < nt; i++)
        fprintf(f, "%s%s", i ? "," : "", trig[i]);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--builtin") == 0)
        use_builtin = 1;
    else if (argc != 2)
        die("usage: ical-libical [--builtin] FILE", NULL);
    icalerror_set_errors_are_fatal(0);

    char *text = slurp(argv[argc - 1]);
    icalcomponent *cal = icalparser_parse_string(text);
    free(text);
    if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
        die("not a single VCALENDAR", argv[argc - 1]);
    if (icalcomponent_count_errors(cal) > 0) {
        print_errors(cal);
        die("parse errors in", argv[argc - 1]);
    }

    size_t n = 0, cap = 16;
    char **lines = malloc(cap * sizeof *lines);
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (n == cap)
            lines = realloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = event_line(cal, ev);
    }
    qsort(lines, n, sizeof *lines, cmp_str);
    for (size_t i = 0; i < n; i++) {
        puts(lines[i]);
        free(lines[i]);
    }
    free(lines);
    icalcomponent_free(cal);
    icaltimezone_free_builtin_timezones();
    icalmemory_free_ring(); /* the buffers behind the non-_r getters */
    return 0;
}
