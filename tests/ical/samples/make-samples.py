#!/usr/bin/python3
"""Write the hand-made sample calendars for the checker self-test.

good-basic.ics is built line by line (CRLF, folded at 75 octets on UTF-8
character boundaries); each bad-*.ics is good-basic.ics with one defect that
check-ics.sh must reject.  Re-run after editing: the outputs are committed.

    /usr/bin/python3 tests/ical/samples/make-samples.py [OUTDIR]

(selftest.sh writes them to a temporary OUTDIR to check the committed ones
are current.)
"""
import os
import re
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Warsaw
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def escape(text):
    return (text.replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\n", "\\n"))


def long_summary():
    """A summary with , ; newline and Polish letters, padded so that a naive
    cut at octet 75 of the SUMMARY line falls inside the two-byte 'Ł'."""
    tail = "Łukasz Wójcik, zgoda; podpis\npo zabiegu: krem z filtrem SPF 50, bez sauny"
    head = "Sesja 2; laser, twarz\nKlient: "
    pad = 74 - len(("SUMMARY:" + escape(head)).encode())
    assert pad >= 0
    return head + "x" * pad + tail


def event(uid, when, summary, status=None, seq=None, triggers=()):
    lines = ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20250101T120000Z"] + when
    lines.append("SUMMARY:" + escape(summary))
    if status:
        lines.append("STATUS:" + status)
    if seq is not None:
        lines.append("SEQUENCE:%d" % seq)
    lines += ["CLASS:PRIVATE", "LAST-MODIFIED:20250101T120000Z"]
    for trigger in triggers:  # the text after TRIGGER: ":-P1D", ";VALUE=..."
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder",
                  "TRIGGER" + trigger, "END:VALARM"]
    return lines + ["END:VEVENT"]


def calendar(tz=VTIMEZONE, extra_head=(), events=None):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//smp-tools//ical checker samples//EN", *extra_head]
    if tz:
        lines += tz.split("\n")
    for ev in events if events is not None else EVENTS:
        lines += ev
    return lines + ["END:VCALENDAR"]


UID = "c-0042.session-2@smp-center.example"
EVENTS = [
    # Summer (CEST, UTC+2), with the long folded summary and a -P1D alarm.
    event(UID, ["DTSTART;TZID=Europe/Warsaw:20250612T100000",
                "DTEND;TZID=Europe/Warsaw:20250612T113000"],
          long_summary(), "CONFIRMED", 2, [":-P1D"]),
    # Winter (CET, UTC+1), end given as DURATION.
    event("c-0042.session-3@smp-center.example",
          ["DTSTART;TZID=Europe/Warsaw:20251120T090000", "DURATION:PT1H30M"],
          "Sesja 3", "CANCELLED", 1),
    # All-day reminder, DTEND the day after, alarm at 09:00 that day.
    event("c-0042.shave-ok-2@smp-center.example",
          ["DTSTART;VALUE=DATE:20250619", "DTEND;VALUE=DATE:20250620"],
          "Można golić", None, None, [":PT9H"]),
    # UTC start, no STATUS/SEQUENCE/alarm.
    event("c-0042.assessment-1@smp-center.example",
          ["DTSTART:20250301T080000Z", "DTEND:20250301T090000Z"],
          "Konsultacja"),
    # The normalisation rules: DURATION on a DATE, weeks as days, alarms
    # sorted, an absolute trigger, \ and | in a summary.
    event("c-0042.other-1@smp-center.example",
          ["DTSTART;VALUE=DATE:20251231", "DURATION:P1W"], "back\\slash | pipe",
          None, None, [":-PT1H30M", ";VALUE=DATE-TIME:20251230T070000Z", ":-P1W"]),
]


def fold(line, limit=75, split_chars=False):
    """Fold one logical line: at most `limit` octets per physical line
    (continuations count their leading space).  split_chars=True cuts at the
    octet limit even inside a UTF-8 character (for the bad sample)."""
    data, out, first = line.encode(), [], True
    while True:
        room = limit if first else limit - 1
        if len(data) <= room:
            out.append((b"" if first else b" ") + data)
            return out
        cut = room
        while not split_chars and (data[cut] & 0xC0) == 0x80:
            cut -= 1  # back off to the start of the character
        out.append((b"" if first else b" ") + data[:cut])
        data, first = data[cut:], False


def render(lines, **kw):
    return b"".join(p + b"\r\n" for line in lines for p in fold(line, **kw))


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    good = calendar()
    write("good-basic.ics", render(good))
    # The naive fold really would split a character here, or the test is moot.
    assert b"\r\n \x81" in render(good, split_chars=True), "Ł not at the fold"

    text = render(good)
    write("bad-bare-lf.ics", text.replace(b"SEQUENCE:2\r\n", b"SEQUENCE:2\n"))
    write("bad-bare-cr.ics", text.replace(b"SEQUENCE:2\r\n", b"SEQUENCE:2\r"))
    write("bad-no-final-crlf.ics", text[:-2])
    write("bad-fold-utf8.ics", render(good, split_chars=True))
    write("bad-76-octets.ics", render(good, limit=76))
    write("bad-dup-uid.ics", render(calendar(events=EVENTS + [EVENTS[0]])))
    write("bad-tzid-no-vtimezone.ics", render(calendar(tz=None)))
    prefixed = "/freeassociation.sourceforge.net/Europe/Warsaw"
    write("bad-prefixed-tzid.ics", text.replace(b"Europe/Warsaw", prefixed.encode()))
    write("bad-method.ics", render(calendar(extra_head=["METHOD:PUBLISH"])))
    write("bad-no-class.ics", text.replace(b"CLASS:PRIVATE\r\n", b"", 1))
    write("bad-floating.ics", text.replace(b"DTSTART;TZID=Europe/Warsaw:20251120",
                                          b"DTSTART:20251120"))
    write("bad-unescaped-comma.ics", text.replace(b"SUMMARY:Sesja 3", b"SUMMARY:Sesja, 3"))
    # Parses in every parser, all agree, but the zone is an hour off: only the
    # comparison against the system tzdata catches it.
    write("bad-wrong-vtimezone.ics", re.sub(rb"TZOFFSET(FROM|TO):\+0(\d)00",
                                            lambda m: b"TZOFFSET%s:+0%d00" % (m[1], int(m[2]) + 1),
                                            text))
    write("bad-parse-error.ics", text.replace(b"DTSTART;TZID=Europe/Warsaw:20251120T090000",
                                              b"DTSTART;TZID=Europe/Warsaw:2025-11-20 09:00"))


if __name__ == "__main__":
    main()
