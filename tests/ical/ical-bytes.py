#!/usr/bin/python3
"""Byte-level and policy checks on an .ics file, the things the parsers do not
check (tools.md, "Calendar output"): CRLF line ends, 75-octet lines, folds
that keep UTF-8 characters whole, escaping, required and forbidden
properties, unique UIDs, TZIDs backed by a VTIMEZONE of the file.

    /usr/bin/python3 ical-bytes.py FILE...

Prints FILE:LINE: message for each failure and exits 1 if there was any.
"""
import os
import re
import sys

MAX_OCTETS = 75  # per physical line, CRLF excluded (RFC 5545 3.1)
ZONEINFO = "/usr/share/zoneinfo"
IANA_RE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*\Z")
# Single-valued TEXT properties: an unescaped , or ; in them splits the value
# in some parsers (vobject reads "Sesja, 3" as "Sesja").
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "UID",
              "X-WR-CALNAME", "X-WR-CALDESC"}
UTC_PROPS = {"DTSTAMP", "LAST-MODIFIED", "CREATED", "COMPLETED"}  # RFC: UTC only
TIME_PROPS = {"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"}
NAME_RE = re.compile(r"[A-Za-z0-9-]+")
PARAM_VALUE_RE = re.compile(r'"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*')
TEXT_ESCAPE_RE = re.compile(r"\\[\\;,nN]|\\|[;,]")


class Prop:
    def __init__(self, lineno, name, params, value):
        self.lineno, self.name, self.params, self.value = lineno, name, params, value


class Comp:
    def __init__(self, lineno, name, parent):
        self.lineno, self.name, self.parent = lineno, name, parent
        self.props, self.children = [], []

    def all(self, name):
        return [p for p in self.props if p.name == name]

    def inside(self, name):
        c = self
        while c and c.name != name:
            c = c.parent
        return c is not None


def parse_line(text):
    """NAME *(;PARAM=VALUE[,VALUE]) : VALUE, or None if malformed."""
    m = NAME_RE.match(text)
    if not m:
        return None
    name, pos, params = m.group().upper(), m.end(), {}
    while pos < len(text) and text[pos] == ";":
        m = NAME_RE.match(text, pos + 1)
        if not m or text[m.end():m.end() + 1] != "=":
            return None
        pname, pos, values = m.group().upper(), m.end() + 1, []
        while True:
            v = PARAM_VALUE_RE.match(text, pos)
            values.append(v.group().strip('"'))
            pos = v.end()
            if text[pos:pos + 1] != ",":
                break
            pos += 1
        params[pname] = values
    if text[pos:pos + 1] != ":":
        return None
    return name, params, text[pos + 1:]


def check(data):
    """Return a list of (line number, message)."""
    errors = []

    def err(lineno, msg):
        errors.append((lineno, msg))

    # Physical lines, numbered by any line end so numbers match an editor's.
    physical = []  # (lineno, decoded text)
    lines = re.findall(rb"([^\r\n]*)(\r\n|\r|\n|$)", data)
    if lines and lines[-1] == (b"", b""):
        lines.pop()  # the empty match at end of input
    for n, (raw, end) in enumerate(lines, 1):
        if end != b"\r\n":
            err(n, {b"\n": "bare LF line end", b"\r": "bare CR line end",
                    b"": "last line has no CRLF"}[end])
        if len(raw) > MAX_OCTETS:
            err(n, "%d octets, more than %d" % (len(raw), MAX_OCTETS))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(n, "not valid UTF-8 on its own (octet %d: a fold splitting a character?)"
                % (e.start + 1))
            text = raw.decode("utf-8", "replace")
        if not raw:
            err(n, "empty line")
        if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", text):
            err(n, "control character")
        physical.append((n, text))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        err(data.count(b"\n", 0, e.start) + 1, "file is not valid UTF-8 (octet %d)" % (e.start + 1))
    if not data.startswith(b"BEGIN:VCALENDAR\r\n"):
        err(1, "file does not start with BEGIN:VCALENDAR CRLF")
    if not data.endswith(b"\r\nEND:VCALENDAR\r\n"):
        err(len(lines), "file does not end with END:VCALENDAR CRLF")

    # Unfold: a line starting with space or tab continues the previous one.
    logical = []  # [lineno, text]
    for n, text in physical:
        if text[:1] in (" ", "\t") and logical:
            logical[-1][1] += text[1:]
        elif text:
            logical.append([n, text])

    # Build the component tree.
    root, cur = None, None
    for n, text in logical:
        parsed = parse_line(text)
        if parsed is None:
            err(n, "not a valid content line: %.40r" % text)
            continue
        name, params, value = parsed
        if name == "BEGIN":
            if cur is None and root is not None:
                err(n, "content after END:VCALENDAR")
            comp = Comp(n, value.upper(), cur)
            if cur:
                cur.children.append(comp)
            else:
                root = root or comp
            cur = comp
        elif name == "END":
            if cur is None or value.upper() != cur.name:
                err(n, "END:%s does not close %s" % (value, cur.name if cur else "anything"))
            else:
                cur = cur.parent
        elif cur is None:
            err(n, "property outside any component")
        else:
            cur.props.append(Prop(n, name, params, value))
    if cur is not None:
        err(len(lines), "BEGIN:%s (line %d) never ends" % (cur.name, cur.lineno))
    if root is None or root.name != "VCALENDAR":
        err(1, "no VCALENDAR")
        return errors

    for name, want in (("VERSION", "2.0"), ("PRODID", None)):
        found = root.all(name)
        if len(found) != 1:
            err(root.lineno, "VCALENDAR has %d %s properties, want exactly 1" % (len(found), name))
        elif want and found[0].value != want:
            err(found[0].lineno, "%s:%s, want %s" % (name, found[0].value, want))

    zones, used_tzids, uids = {}, [], {}
    stack = [root]
    while stack:
        comp = stack.pop()
        stack.extend(reversed(comp.children))  # visit in file order
        in_tz = comp.inside("VTIMEZONE")
        for p in comp.props:
            if p.name == "METHOD":
                err(p.lineno, "METHOD property (one-client files and feeds carry none)")
            if p.name in TEXT_PROPS:
                for m in TEXT_ESCAPE_RE.finditer(p.value):
                    if len(m.group()) == 1:
                        err(p.lineno, "%s: %s in text value" % (p.name, {
                            "\\": "bad backslash escape", ";": "unescaped ';'",
                            ",": "unescaped ','"}[m.group()]))
            for tzid in p.params.get("TZID", []):
                used_tzids.append((p.lineno, tzid))
            if p.name in UTC_PROPS and not p.value.endswith("Z"):
                err(p.lineno, "%s must be UTC (end in Z): %s" % (p.name, p.value))
            if p.name in TIME_PROPS and not in_tz and p.params.get("VALUE", [""])[0].upper() != "DATE":
                if "TZID" not in p.params and not all(v.endswith("Z") for v in p.value.split(",")):
                    err(p.lineno, "%s is a floating time (no TZID, no Z): %s" % (p.name, p.value))
            if comp.name in ("STANDARD", "DAYLIGHT") and p.name in ("DTSTART", "RDATE"):
                # RFC 5545 3.6.5: local time; libical's truncation with
                # ms_compatible=0 writes RDATEs in UTC, which parsers misread.
                if "TZID" in p.params or any(v.endswith("Z") for v in p.value.split(",")):
                    err(p.lineno, "%s in %s must be local time (no Z, no TZID): %s"
                        % (p.name, comp.name, p.value))
            if p.name == "TZID" and comp.name == "VTIMEZONE":
                if p.value in zones:
                    err(p.lineno, "second VTIMEZONE for %s (first at line %d)" % (p.value, zones[p.value]))
                zones.setdefault(p.value, p.lineno)
        if comp.name == "VTIMEZONE":
            if len(comp.all("TZID")) != 1:
                err(comp.lineno, "VTIMEZONE without exactly one TZID")
            if not any(c.name in ("STANDARD", "DAYLIGHT") for c in comp.children):
                err(comp.lineno, "VTIMEZONE with no STANDARD or DAYLIGHT")
        if comp.name in ("VEVENT", "VTODO", "VJOURNAL"):
            for name in ("UID", "DTSTAMP"):
                if len(comp.all(name)) != 1:
                    err(comp.lineno, "%s has %d %s properties, want exactly 1"
                        % (comp.name, len(comp.all(name)), name))
            for p in comp.all("UID"):
                if p.value in uids:
                    err(p.lineno, "UID %s appears twice (first at line %d)" % (p.value, uids[p.value]))
                uids.setdefault(p.value, p.lineno)
        if comp.name == "VEVENT":
            if [p.value for p in comp.all("CLASS")] != ["PRIVATE"]:
                err(comp.lineno, "VEVENT without exactly one CLASS:PRIVATE")
            start, end = comp.all("DTSTART"), comp.all("DTEND")
            if len(start) != 1:
                err(comp.lineno, "VEVENT without exactly one DTSTART")
            if end and comp.all("DURATION"):
                err(comp.lineno, "VEVENT with both DTEND and DURATION")
            date = lambda p: p.params.get("VALUE", [""])[0].upper() == "DATE"
            if start and end and date(start[0]) != date(end[0]):
                err(end[0].lineno, "DTEND and DTSTART differ in value type (DATE vs DATE-TIME)")

    for n, tzid in used_tzids:
        if tzid not in zones:
            err(n, "TZID=%s has no VTIMEZONE with TZID:%s in the file" % (tzid, tzid))
    for tzid in sorted({t for _, t in used_tzids} & set(zones)):
        if not IANA_RE.match(tzid):
            err(zones[tzid], "TZID %s is not an IANA name (no prefix such as /freeassociation...)" % tzid)
        elif os.path.isdir(ZONEINFO) and not os.path.isfile(os.path.join(ZONEINFO, tzid)):
            err(zones[tzid], "TZID %s is not a zone in %s" % (tzid, ZONEINFO))
    return errors


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: ical-bytes.py FILE...")
    failed = False
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            errors = check(f.read())
        for lineno, msg in sorted(dict.fromkeys(errors), key=lambda e: e[0]):
            print("%s:%d: %s" % (path, lineno, msg))
        failed |= bool(errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
