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

/* What each kind means in the shared calendar, after the client's name:
 * the words around the session's number. */
static const char *const kind_summary[SMP_R_NKINDS][2] = {
	[SMP_R_APPOINTMENT] = { "session ", " tomorrow" },
	[SMP_R_ASSESSMENT] = { "the result of session ", " can be judged" },
	[SMP_R_BOOK_NEXT] = { "book the session after session ", "" },
	[SMP_R_REFRESH] = { "refresh due (last session ", ")" },
	[SMP_R_REFRESH_OVERDUE] = { "refresh overdue (last session ", ")" },
	[SMP_R_FADED] = { "pigment faded (last session ", ")" },
};

/*
 * Text is put together with these, not snprintf: smp-remind makes a few
 * lines for every reminder of a clinic, and vsnprintf was most of their
 * cost.  Each stops at end, where the caller puts the NUL.
 */
static char *
cat(char *p, const char *end, const char *s)
{
	while (*s != '\0' && p < end)
		*p++ = *s++;
	return p;
}

static char *
cat_int(char *p, const char *end, int n)	/* n >= 0 */
{
	char digits[24];

	*smp_put_number(digits, (unsigned)n) = '\0';
	return cat(p, end, digits);
}

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
	const char *end = buf + size - 1;
	char when[17], date[11], *o;

	smp_time_format(s->start, when);
	smp_date_format(s->start.date, date);
	switch (r->kind) {
	case SMP_R_APPOINTMENT:	/* session 2 (intensification) on ... */
		o = cat_int(cat(buf, end, "session "), end, s->n);
		o = cat(cat(cat(o, end, " ("), end, smp_kind_names[s->kind]),
		    end, ") on ");
		o = cat(o, end, when);
		if (strcmp(c->timezone, k->timezone) != 0)
			o = cat(cat(o, end, " "), end, c->timezone);
		break;
	case SMP_R_ASSESSMENT:	/* day 28 after session 1 on ... */
	case SMP_R_BOOK_NEXT:
		o = cat_int(cat(buf, end, "day "), end, p->healing.assess_day);
		o = cat_int(cat(o, end, " after session "), end, s->n);
		o = cat(cat(o, end, " on "), end, date);
		if (r->kind == SMP_R_BOOK_NEXT)
			o = cat(o, end, "; the next session is not booked");
		break;
	default:		/* 5 years after session 3 on ... */
		o = cat_int(buf, end, years_of(r, p));
		o = cat_int(cat(o, end, " years after session "), end, s->n);
		o = cat(cat(o, end, " on "), end, date);
		if (r->kind != SMP_R_REFRESH || r->factors == 0)
			break;
		if (r->earliest)
			o = cat_int(cat(o, end, ", the earliest ("), end,
			    r->factors);
		else {
			o = cat_int(cat(o, end, ", "), end, 6 * r->factors);
			o = cat_int(cat(o, end, " months earlier for "), end,
			    r->factors);
		}
		o = cat(o, end, r->factors == 1 ? " refresh factor" :
		    " refresh factors");
		if (r->earliest)
			o = cat(o, end, ")");
		break;
	}
	*o = '\0';
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
	char uid[256], summary[512], desc[512];
	const char *send = summary + sizeof(summary) - 1;
	struct smp_event e = {
		.uid = uid, .summary = summary, .description = desc,
		.status = "CONFIRMED", .sequence = r->from->seq,
		.last_modified = o->last_modified, .all_day = 1,
		.date = r->date, .alarm = "PT9H",
	};
	char *p;

	make_uid(uid, sizeof(uid), c->id, smp_remind_kind_names[r->kind],
	    r->from->n, o->clinic->uid_domain);
	p = cat(summary, send, o->anonymous ? c->id : c->name);
	p = cat(cat(p, send, ": "), send, kind_summary[r->kind][0]);
	p = cat_int(p, send, r->from->n);
	*cat(p, send, kind_summary[r->kind][1]) = '\0';
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
