#!/usr/bin/python3
"""Print the canonical event list of an .ics file as parsed by Python's
icalendar or vobject (format: tests/ical/README.md).

    /usr/bin/python3 ical-py.py icalendar|vobject FILE

Both libraries would resolve a TZID they know (Europe/Warsaw) from their own
tz database; this script instead converts every local time through the
VTIMEZONE in the file, so a missing or wrong VTIMEZONE shows up.  Exit 1 with
a message on stderr if the file does not parse cleanly.
"""
import datetime as dt
import sys

UTC = dt.timezone.utc


class Bad(Exception):
    pass


def fmt_time(value, tzid, zones):
    """D:YYYYMMDD, U:...Z (UTC instant), or F:... for a floating time."""
    if not isinstance(value, dt.datetime):
        return value.strftime("D:%Y%m%d")
    if tzid is not None:
        if tzid not in zones:
            raise Bad("no VTIMEZONE in the file for TZID: %s" % tzid)
        value = zones[tzid](value.replace(tzinfo=None))
    elif value.tzinfo is None:
        return value.strftime("F:%Y%m%dT%H%M%S")
    return value.astimezone(UTC).strftime("U:%Y%m%dT%H%M%SZ")


def fmt_duration(delta):
    """Total signed seconds as [-]P[<d>D][T[<h>H][<m>M][<s>S]] (as in C/JS)."""
    secs = int(delta.total_seconds())
    s = abs(secs)
    d, h, m, sec = s // 86400, s % 86400 // 3600, s % 3600 // 60, s % 60
    out = ("-" if secs < 0 else "") + "P" + ("%dD" % d if d else "")
    if h or m or sec or not d:
        out += "T" + ("%dH" % h if h else "") + ("%dM" % m if m else "")
        out += "%dS" % sec if sec or not s else ""
    return out


def fmt_end(start, duration):
    """END from DTSTART + DURATION: exact seconds, in UTC (shared rule)."""
    if start.startswith("D:"):
        day = dt.datetime.strptime(start, "D:%Y%m%d")
        return (day + dt.timedelta(days=int(duration.total_seconds()) // 86400)).strftime("D:%Y%m%d")
    if start.startswith("U:"):
        when = dt.datetime.strptime(start, "U:%Y%m%dT%H%M%SZ")
        return (when + duration).strftime("U:%Y%m%dT%H%M%SZ")
    when = dt.datetime.strptime(start, "F:%Y%m%dT%H%M%S")
    return (when + duration).strftime("F:%Y%m%dT%H%M%S")


def text(s):
    return (s or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def line(uid, start, end, status, seq, summary, triggers):
    return "|".join([text(uid), start, end, text(status), str(seq), text(summary),
                     "A:" + ",".join(sorted(triggers))])


def fmt_trigger(value, zones):
    if isinstance(value, dt.timedelta):
        return fmt_duration(value)
    return fmt_time(value, None, zones)


def local_until(vtz):
    """icalendar 4.0.3's to_tz() hands RRULE:...;UNTIL=<UTC> with a local
    DTSTART to dateutil, which refuses the mix, though RFC 5545 3.6.5 wants
    exactly that (UNTIL in UTC).  Rewrite UNTIL as the same instant in the
    local time before the onset (UTC + TZOFFSETFROM): same rule, no crash.
    (icalendar itself only calls to_tz() for TZIDs pytz does not know.)"""
    for sub in vtz.subcomponents:
        rule = sub.get("RRULE")
        if rule and "UNTIL" in rule and getattr(rule["UNTIL"][0], "tzinfo", None):
            until = rule["UNTIL"][0].astimezone(UTC).replace(tzinfo=None)
            rule["UNTIL"] = [until + sub["TZOFFSETFROM"].td]


def with_icalendar(data):
    import icalendar
    cal = icalendar.Calendar.from_ical(data)
    if cal.name != "VCALENDAR":
        raise Bad("not a VCALENDAR")
    for comp in cal.walk():
        if comp.errors:  # icalendar keeps going on bad values and notes them here
            raise Bad("%s: %s" % (comp.name, comp.errors))
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        local_until(vtz)
        tz = vtz.to_tz()  # a pytz-style zone built from the file's rules
        zones[str(vtz["TZID"])] = tz.localize
    out = []
    for ev in cal.subcomponents:
        if ev.name != "VEVENT":
            continue

        def when(name):
            prop = ev.get(name)
            return None if prop is None else fmt_time(prop.dt, prop.params.get("TZID"), zones)
        start = when("DTSTART") or ""
        end = when("DTEND")
        if end is None:
            end = fmt_end(start, ev["DURATION"].dt) if "DURATION" in ev and start else ""
        triggers = [fmt_trigger(a["TRIGGER"].dt, zones) for a in ev.walk("VALARM")]
        out.append(line(ev.get("UID"), start, end, ev.get("STATUS"),
                        int(ev.get("SEQUENCE", 0)), ev.get("SUMMARY"), triggers))
    return out


def with_vobject(data):
    import vobject
    cal = vobject.readOne(data.decode("utf-8"))
    if cal.name != "VCALENDAR":
        raise Bad("not a VCALENDAR")
    zones = {}
    for vtz in cal.contents.get("vtimezone", []):
        zones[vtz.tzid.value] = (lambda tz: lambda naive: naive.replace(tzinfo=tz))(vtz.gettzinfo())
    out = []
    for ev in cal.contents.get("vevent", []):
        def when(name):
            prop = ev.contents.get(name)
            if not prop:
                return None
            # vobject moves the TZID parameter here once it has resolved it
            tzid = (prop[0].params.get("X-VOBJ-ORIGINAL-TZID") or prop[0].params.get("TZID") or [None])[0]
            return fmt_time(prop[0].value, tzid, zones)
        start = when("dtstart") or ""
        end = when("dtend")
        if end is None:
            end = fmt_end(start, ev.duration.value) if "duration" in ev.contents and start else ""
        triggers = [fmt_trigger(a.trigger.value, zones) for a in ev.contents.get("valarm", [])]
        get = lambda name, default=None: ev.contents[name][0].value if name in ev.contents else default
        out.append(line(get("uid"), start, end, get("status"), int(get("sequence", 0)),
                        get("summary"), triggers))
    return out


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("icalendar", "vobject"):
        sys.exit("usage: ical-py.py icalendar|vobject FILE")
    which, path = sys.argv[1:]
    try:
        with open(path, "rb") as f:
            data = f.read()
        parse = with_icalendar if which == "icalendar" else with_vobject
        lines = parse(data)
    except Exception as e:  # any parser exception is a failed check
        sys.exit("ical-py %s: %s: %s: %s" % (which, path, type(e).__name__, e))
    for l in sorted(lines, key=lambda s: s.encode()):
        print(l)


if __name__ == "__main__":
    main()
