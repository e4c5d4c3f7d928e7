#!/usr/bin/env node
// Print the canonical event list of an .ics file as parsed by Mozilla's
// ical.js (format: tests/ical/README.md).
//
//   node ical-js.js FILE
//
// The file's VTIMEZONEs are registered with ICAL.TimezoneService and a TZID
// with no VTIMEZONE in the file is an error, so every local time converts
// through the file's own zone.  Exit 1 with a message on stderr on failure.
'use strict';
const fs = require('fs');
const ICAL = require('ical.js'); // resolved from tests/ical/node_modules

const pad = (n, w = 2) => String(n).padStart(w, '0');

// D:YYYYMMDD, U:...Z (UTC instant), or F:... for a floating time.
function fmtTime(t, prop) {
  if (t.isDate) return `D:${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}`;
  const tzid = prop && prop.getParameter('tzid');
  if (tzid && !ICAL.TimezoneService.has(tzid))
    throw new Error(`no VTIMEZONE in the file for TZID: ${tzid}`);
  let kind = 'U';
  if (!tzid && t.zone !== ICAL.Timezone.utcTimezone) kind = 'F';
  else t = t.convertToZone(ICAL.Timezone.utcTimezone);
  return `${kind}:${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T` +
    `${pad(t.hour)}${pad(t.minute)}${pad(t.second)}${kind === 'U' ? 'Z' : ''}`;
}

// Total signed seconds as [-]P[<d>D][T[<h>H][<m>M][<s>S]] (same as C/Python).
function fmtDuration(secs) {
  const s = Math.abs(secs);
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
  const m = Math.floor(s % 3600 / 60), sec = s % 60;
  let out = (secs < 0 ? '-' : '') + 'P' + (d ? `${d}D` : '');
  if (h || m || sec || !d)
    out += 'T' + (h ? `${h}H` : '') + (m ? `${m}M` : '') + (sec || !s ? `${sec}S` : '');
  return out;
}

// END from DTSTART + DURATION: exact seconds, in UTC (rule shared by all).
function fmtEnd(start, secs) {
  const m = /^([DUF]):(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d))?/.exec(start);
  if (m[1] === 'D') secs = Math.trunc(secs / 86400) * 86400;
  const ms = Date.UTC(+m[2], m[3] - 1, +m[4], +(m[5] || 0), +(m[6] || 0), +(m[7] || 0)) + secs * 1000;
  const d = new Date(ms);
  const day = `${m[1]}:${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  if (m[1] === 'D') return day;
  return `${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}` +
    (m[1] === 'U' ? 'Z' : '');
}

const text = (s) => (s == null ? '' : String(s))
  .replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '\\n');

function eventLine(vevent) {
  const ev = new ICAL.Event(vevent);
  const ps = vevent.getFirstProperty('dtstart');
  const pe = vevent.getFirstProperty('dtend');
  const start = ps ? fmtTime(ps.getFirstValue(), ps) : '';
  let end = '';
  if (pe) end = fmtTime(pe.getFirstValue(), pe);
  else if (ps && vevent.hasProperty('duration'))
    end = fmtEnd(start, vevent.getFirstPropertyValue('duration').toSeconds());
  const triggers = vevent.getAllSubcomponents('valarm').map((a) => {
    const p = a.getFirstProperty('trigger');
    if (!p) throw new Error(`VALARM without TRIGGER in ${ev.uid}`);
    const v = p.getFirstValue();
    return v instanceof ICAL.Duration ? fmtDuration(v.toSeconds()) : fmtTime(v, p);
  }).sort();
  return [text(ev.uid), start, end, text(vevent.getFirstPropertyValue('status')),
    String(ev.sequence || 0), text(ev.summary), 'A:' + triggers.join(',')].join('|');
}

function main() {
  if (process.argv.length !== 3) throw new Error('usage: node ical-js.js FILE');
  const file = process.argv[2];
  // Decoded the way a client would: a broken UTF-8 sequence shows as U+FFFD.
  const cal = new ICAL.Component(ICAL.parse(fs.readFileSync(file).toString('utf8')));
  if (cal.name !== 'vcalendar') throw new Error('not a VCALENDAR');
  for (const vtz of cal.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(vtz);
  const lines = cal.getAllSubcomponents('vevent').map(eventLine);
  lines.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const l of lines) process.stdout.write(l + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write(`ical-js: ${process.argv[2]}: ${e.message}\n`);
  process.exit(1);
}
