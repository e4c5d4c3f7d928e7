/*
 * What smp-remind writes: a reminder as a TSV, JSON or text line, and a
 * client's events for the clinic's feed.  Both read only the id, the name
 * and contact details, and the sessions' dates, kinds and states: no
 * health field (profile, notes, aftercare, healing) is ever looked at.
 * Lines are made into a buffer on a worker thread and printed later, in
 * order, by the thread that merges them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "remind.h"

const char *const smp_remind_formats[] = { "tsv", "json", "text", NULL };

static const char *const weekday_names[] = { "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

/* What each kind means in the shared calendar, after the client's name. */
static const char *const kind_summary[SMP_R_NKINDS] = {
	[SMP_R_APPOINTMENT] = "session %d tomorrow",
	[SMP_R_ASSESSMENT] = "the result of session %d can be judged",
	[SMP_R_BOOK_NEXT] = "book the session after session %d",
	[SMP_R_REFRESH] = "refresh due (last session %d)",
	[SMP_R_REFRESH_OVERDUE] = "refresh overdue (last session %d)",
	[SMP_R_FADED] = "pigment faded (last session %d)",
};

static int
years_of(const struct smp_reminder *r, const struct smp_protocol *p)
{
	if (r->kind == SMP_R_FADED)
		return p->faded_years;
	if (r->kind == SMP_R_REFRESH && r->earliest)
		return p->refresh_years[0];
	return p->refresh_years[1];
}

void
smp_reminder_detail(const struct smp_reminder *r, const struct smp_client *c,
    const struct smp_clinic *k, char *buf, size_t size)
{
	const struct smp_session *s = r->from;
	const struct smp_protocol *p = &k->protocol;
	char when[17], date[11];
	int n;

	smp_time_format(s->start, when);
	smp_date_format(s->start.date, date);
	switch (r->kind) {
	case SMP_R_APPOINTMENT:
		snprintf(buf, size, "session %d (%s) on %s%s%s", s->n,
		    smp_kind_names[s->kind], when,
		    strcmp(c->timezone, k->timezone) ? " " : "",
		    strcmp(c->timezone, k->timezone) ? c->timezone : "");
		return;
	case SMP_R_ASSESSMENT:
	case SMP_R_BOOK_NEXT:
		snprintf(buf, size, "day %d after session %d on %s%s",
		    p->healing.assess_day, s->n, date, r->kind == SMP_R_BOOK_NEXT ?
		    "; the next session is not booked" : "");
		return;
	default:
		break;
	}
	n = snprintf(buf, size, "%d years after session %d on %s",
	    years_of(r, p), s->n, date);
	if (r->kind != SMP_R_REFRESH || r->factors == 0 || n < 0 ||
	    (size_t)n >= size)
		return;
	if (r->earliest)
		snprintf(buf + n, size - (size_t)n, ", the earliest (%d refresh "
		    "factor%s)", r->factors, r->factors == 1 ? "" : "s");
	else
		snprintf(buf + n, size - (size_t)n, ", %d months earlier for %d "
		    "refresh factor%s", 6 * r->factors, r->factors,
		    r->factors == 1 ? "" : "s");
}

/* The three contact fields as listed: the id in each when anonymous. */
static void
contacts(const struct smp_client *c, int anonymous, const char *f[3])
{
	f[0] = anonymous ? c->id : c->name;
	f[1] = anonymous ? c->id : c->email;
	f[2] = anonymous ? c->id : c->phone;
}

/*
 * The lines are made into a buffer, not through stdio (open_memstream
 * costs more than the line), with the escapes of smp_tsv_field,
 * smp_json_string and smp_print_text.
 */
static void
put_tsv(struct smp_buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" :
		    *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;

		if (esc != NULL)
			smp_buf_add(b, esc, 2);
		else
			smp_buf_add(b, s, 1);
	}
}

static void
put_json(struct smp_buf *b, const char *s)
{
	if (s == NULL) {
		smp_buf_str(b, "null");
		return;
	}
	smp_buf_add(b, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '"' || c == '\\')
			snprintf(esc, sizeof(esc), "\\%c", c);
		else if (c == '\n' || c == '\t' || c == '\r')
			snprintf(esc, sizeof(esc), "\\%c", c == '\n' ? 'n' :
			    c == '\t' ? 't' : 'r');
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		else {
			smp_buf_add(b, s, 1);
			continue;
		}
		smp_buf_str(b, esc);
	}
	smp_buf_add(b, "\"", 1);
}

static void
put_plain(struct smp_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
			put_tsv(b, (char[]){ (char)c, '\0' });
			continue;
		}
		if (c >= 0x20 && c != 0x7f) {
			smp_buf_add(b, s, 1);
			continue;
		}
		snprintf(esc, sizeof(esc), "\\x%02x", c);
		smp_buf_str(b, esc);
	}
}

static void
line_tsv(struct smp_buf *b, const char *date, const char *kind,
    const char *id, const char *const f[3], const char *detail)
{
	smp_buf_str(b, date);
	smp_buf_add(b, "\t", 1);
	smp_buf_str(b, kind);
	smp_buf_add(b, "\t", 1);
	put_tsv(b, id);
	for (int i = 0; i < 3; i++) {
		smp_buf_add(b, "\t", 1);
		put_tsv(b, f[i]);
	}
	smp_buf_add(b, "\t", 1);
	put_tsv(b, detail);
	smp_buf_add(b, "\n", 1);
}

static void
line_json(struct smp_buf *b, const char *date, const char *kind,
    const char *id, const char *const f[3], const char *detail)
{
	static const char *const keys[3] = { ",\"name\":", ",\"email\":",
		",\"phone\":" };

	smp_buf_str(b, "{\"date\":\"");
	smp_buf_str(b, date);
	smp_buf_str(b, "\",\"kind\":\"");
	smp_buf_str(b, kind);
	smp_buf_str(b, "\",\"id\":");
	put_json(b, id);
	for (int i = 0; i < 3; i++) {
		smp_buf_str(b, keys[i]);
		put_json(b, f[i]);
	}
	smp_buf_str(b, ",\"detail\":");
	put_json(b, detail);
	smp_buf_str(b, "}\n");
}

/* Two lines under the date's heading: who, and what. */
static void
line_text(struct smp_buf *b, const char *kind, const struct smp_client *c,
    int anonymous, const char *detail)
{
	char col[24];

	snprintf(col, sizeof(col), "  %-16s", kind);
	smp_buf_str(b, col);
	put_plain(b, anonymous ? c->id : c->name);
	if (!anonymous) {
		smp_buf_str(b, " (");
		put_plain(b, c->id);
		smp_buf_str(b, ")");
		if (c->phone != NULL) {
			smp_buf_str(b, ", ");
			put_plain(b, c->phone);
		}
		if (c->email != NULL) {
			smp_buf_str(b, ", ");
			put_plain(b, c->email);
		}
	}
	snprintf(col, sizeof(col), "\n  %-16s", "");
	smp_buf_str(b, col);
	put_plain(b, detail);
	smp_buf_str(b, "\n");
}

void
smp_reminder_line(struct smp_buf *b, int format, int anonymous,
    const struct smp_reminder *r, const struct smp_client *c,
    const struct smp_clinic *k)
{
	char detail[512], date[11];
	const char *f[3], *kind = smp_remind_kind_names[r->kind];

	smp_reminder_detail(r, c, k, detail, sizeof(detail));
	smp_date_format(r->date, date);
	contacts(c, anonymous, f);
	if (format == SMP_REMIND_TSV)
		line_tsv(b, date, kind, c->id, f, detail);
	else if (format == SMP_REMIND_JSON)
		line_json(b, date, kind, c->id, f, detail);
	else
		line_text(b, kind, c, anonymous, detail);
}

void
smp_remind_text_heading(FILE *fp, struct smp_date date)
{
	char d[11];

	smp_date_format(date, d);
	fprintf(fp, "%s %s\n", d, weekday_names[smp_date_weekday(date)]);
}

/* ---- the feed ---------------------------------------------------------- */

int
smp_feed_has_sessions(const struct smp_client *c, struct smp_date today,
    int days)
{
	struct smp_date keep = smp_date_add_days(today, -days);

	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];

		if (s->status == SMP_PLANNED || ((s->status == SMP_CANCELLED ||
		    s->status == SMP_NO_SHOW) &&
		    smp_date_cmp(s->start.date, keep) >= 0))
			return 1;
	}
	return 0;
}

/*
 * The event's strings are put together by hand: three snprintf calls an
 * event cost as much as writing the event.  Each helper copies what fits
 * of its part and returns where the text ends; the caller ends it.
 */
static char *
cat(char *p, const char *end, const char *s)
{
	while (*s != '\0' && p < end)
		*p++ = *s++;
	return p;
}

static char *
cat_int(char *p, const char *end, int n)
{
	char digits[16], *q = digits + sizeof(digits);

	*--q = '\0';
	do
		*--q = (char)('0' + (unsigned)n % 10);
	while ((n = (int)((unsigned)n / 10)) > 0);
	return cat(p, end, q);
}

/* <id>.<what>-<n>@<uid_domain> (tools.md) */
static void
make_uid(char *buf, size_t size, const char *id, const char *what, int n,
    const char *domain)
{
	const char *end = buf + size - 1;
	char *p = cat(buf, end, id);

	p = cat(p, end, ".");
	p = cat(p, end, what);
	p = cat(p, end, "-");
	p = cat_int(p, end, n);
	p = cat(p, end, "@");
	*cat(p, end, domain) = '\0';
}

static void
session_event(struct smp_buf *b, const struct smp_feed_opts *o,
    const struct smp_client *c, const struct smp_session *s)
{
	char uid[256], summary[512], desc[256], *p;
	const char *send = summary + sizeof(summary) - 1;
	const char *dend = desc + sizeof(desc) - 1;
	int planned = s->status == SMP_PLANNED;
	struct smp_event e = {
		.uid = uid, .summary = summary, .description = desc,
		.status = planned ? "CONFIRMED" : "CANCELLED",
		.sequence = s->seq, .last_modified = o->last_modified,
		.start = s->start, .zone = c->timezone, .minutes = s->minutes,
		.alarm = planned ? "-P1D" : NULL,
	};

	make_uid(uid, sizeof(uid), c->id, "session", s->n,
	    o->clinic->uid_domain);
	p = cat(summary, send, o->anonymous ? c->id : c->name);
	p = cat(p, send, ": SMP session ");
	p = cat_int(p, send, s->n);
	p = cat(p, send, " (");
	p = cat(p, send, smp_kind_names[s->kind]);
	p = cat(p, send, planned ? ")" : "), ");
	*cat(p, send, planned ? "" : smp_status_names[s->status]) = '\0';
	p = cat_int(desc, dend, s->minutes);
	p = cat(p, dend, " minutes");
	if (s->practitioner != NULL) {
		p = cat(p, dend, ", practitioner ");
		p = cat(p, dend, s->practitioner);
	}
	*p = '\0';
	smp_event_text(b, &e, o->dtstamp);
}

static void
reminder_event(struct smp_buf *b, const struct smp_feed_opts *o,
    const struct smp_client *c, const struct smp_reminder *r)
{
	char uid[256], summary[512], what[128], desc[512];
	struct smp_event e = {
		.uid = uid, .summary = summary, .description = desc,
		.status = "CONFIRMED", .sequence = r->from->seq,
		.last_modified = o->last_modified, .all_day = 1,
		.date = r->date, .alarm = "PT9H",
	};
	char *p;

	make_uid(uid, sizeof(uid), c->id, smp_remind_kind_names[r->kind],
	    r->from->n, o->clinic->uid_domain);
	snprintf(what, sizeof(what), kind_summary[r->kind], r->from->n);
	p = cat(summary, summary + sizeof(summary) - 1,
	    o->anonymous ? c->id : c->name);
	p = cat(p, summary + sizeof(summary) - 1, ": ");
	*cat(p, summary + sizeof(summary) - 1, what) = '\0';
	smp_reminder_detail(r, c, o->clinic, desc, sizeof(desc));
	smp_event_text(b, &e, o->dtstamp);
}

void
smp_feed_events(struct smp_buf *b, const struct smp_feed_opts *o,
    const struct smp_client *c, const struct smp_reminder *rs, size_t n,
    void (*use)(void *arg, const char *zone, int year), void *arg)
{
	struct smp_date keep = smp_date_add_days(o->today, -o->days);

	for (size_t i = 0; i < c->nsessions; i++) {
		const struct smp_session *s = &c->sessions[i];

		if (s->status == SMP_DONE || (s->status != SMP_PLANNED &&
		    smp_date_cmp(s->start.date, keep) < 0))
			continue;
		session_event(b, o, c, s);
		use(arg, c->timezone, s->start.date.y);
	}
	for (size_t i = 0; i < n; i++)
		reminder_event(b, o, c, &rs[i]);
}
