/* smp-plan's outputs: text for the practitioner, TSV and JSON Lines for
 * scripts, the quote, and the course as the client's calendar. */
#include <string.h>

#include "plan.h"

const char *const smp_plan_formats[] = { "text", "tsv", "json", NULL };

static int
done_count(const struct smp_plan *p)
{
	int n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->items[i].counts && p->items[i].s.status == SMP_DONE;
	return n;
}

/* 1 if --write would change the file. */
static int
changes(const struct smp_plan_run *r)
{
	const struct smp_node *plan = smp_map_get(smp_doc_root(r->client.doc),
	    "plan");

	for (size_t i = 0; i < r->plan.n; i++)
		if (r->plan.items[i].change != SMP_PLAN_KEPT)
			return 1;
	return r->plan.store_sessions > 0 &&
	    (r->plan.store_sessions != r->client.plan_sessions ||
	    smp_node_is_null(smp_map_get(plan, "sessions")));
}

/* What changed in a session that kept its time, for people. */
static void
print_updated(FILE *fp, const struct smp_session *old,
    const struct smp_session *s)
{
	const char *sep = "updated: ";

	if (old->kind != s->kind) {
		fprintf(fp, "%skind (was %s)", sep, smp_kind_names[old->kind]);
		sep = ", ";
	}
	if (old->minutes != s->minutes) {
		fprintf(fp, "%sminutes", sep);
		sep = ", ";
	}
	if (old->practitioner == NULL ||
	    strcmp(old->practitioner, s->practitioner) != 0) {
		fprintf(fp, "%spractitioner", sep);
		sep = ", ";
	}
	if (old->shade != s->shade)
		fprintf(fp, "%sshade", sep);
}

static void
print_note(FILE *fp, const struct smp_plan_run *r,
    const struct smp_plan_item *it)
{
	char when[17];

	switch (it->change) {
	case SMP_PLAN_NEW:
		fputs("  new", fp);
		break;
	case SMP_PLAN_MOVED:
		smp_time_format(it->was, when);
		fprintf(fp, "  moved from %s", when);
		break;
	case SMP_PLAN_UPDATED:
		fputs("  ", fp);
		print_updated(fp, &r->client.sessions[it->index], &it->s);
		break;
	case SMP_PLAN_DROPPED:
		fprintf(fp, "  no longer needed in a course of %d",
		    r->plan.sessions);
		break;
	default:
		break;
	}
}

static int
id_width(const struct smp_plan *p)
{
	int w = 1;

	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].s.practitioner != NULL &&
		    smp_text_width(p->items[i].s.practitioner) > w)
			w = smp_text_width(p->items[i].s.practitioner);
	return w;
}

static void
print_line(FILE *fp, const struct smp_plan_run *r,
    const struct smp_plan_item *it, int idw)
{
	const struct smp_session *s = &it->s;
	char when[17], shade[16] = "-";

	smp_time_format(s->start, when);
	if (s->shade > 0)
		snprintf(shade, sizeof(shade), "%d", s->shade);
	fprintf(fp, "%4d  %-15s  %s  %3d min  ", s->n, smp_kind_names[s->kind],
	    when, s->minutes);
	smp_print_padded(fp, s->practitioner ? s->practitioner : "-", idw + 2);
	fprintf(fp, "shade %-2s %s", shade, smp_status_names[s->status]);
	if (it->change != SMP_PLAN_KEPT) {
		fprintf(fp, "%*s", 9 - (int)strlen(smp_status_names[s->status]),
		    "");
		print_note(fp, r, it);
	}
	fputc('\n', fp);
}

static void
print_header(FILE *fp, const struct smp_plan_run *r,
    const struct smp_clinic *k)
{
	const struct smp_plan *p = &r->plan;

	smp_print_text(fp, r->client.name);
	fputs(" (", fp);
	smp_print_text(fp, r->client.id);
	fprintf(fp, "): a course of %d, %d done", p->sessions, done_count(p));
	if (p->practitioner >= 0) {
		fputs(", with ", fp);
		smp_print_text(fp, k->practitioners[p->practitioner].name);
	}
	fputc('\n', fp);
}

static void
print_footer(FILE *fp, const struct smp_plan_run *r)
{
	if (done_count(&r->plan) >= r->plan.sessions)
		fputs("The course is complete.\n", fp);
	if (r->written) {
		fputs("Written to ", fp);
		smp_print_text(fp, r->client.path);
		fputs(".\n", fp);
	} else if (changes(r))
		fputs("Not written: --write stores this plan in the file.\n", fp);
}

int
smp_plan_has_prices(const struct smp_clinic *k)
{
	for (int i = 0; i <= SMP_NKINDS; i++)
		if (k->has_price[i])
			return 1;
	return 0;
}

static void
print_quote(FILE *fp, const struct smp_plan_run *r,
    const struct smp_clinic *k)
{
	double total = 0;
	int missing = 0;

	if (!smp_plan_has_prices(k)) {
		fputs("\nQuote: the clinic file sets no prices.\n", fp);
		return;
	}
	fputs("\nQuote, in ", fp);
	smp_print_text(fp, k->currency);
	fputs(":\n", fp);
	for (size_t i = 0; i < r->plan.n; i++) {
		const struct smp_session *s = &r->plan.items[i].s;

		if (!r->plan.items[i].counts)
			continue;
		fprintf(fp, "%4d  %-15s  ", s->n, smp_kind_names[s->kind]);
		if (k->has_price[s->kind]) {
			fprintf(fp, "%12.2f\n", k->prices[s->kind]);
			total += k->prices[s->kind];
		} else {
			fprintf(fp, "%12s\n", "no price");
			missing = 1;
		}
	}
	fprintf(fp, "%4s  %-15s  %12.2f%s\n", "", "total", total,
	    missing ? "  (without the sessions that have no price)" : "");
}

static void
print_tsv(FILE *fp, const struct smp_plan_item *it,
    const struct smp_clinic *k, int quote)
{
	const struct smp_session *s = &it->s;
	char when[17];

	smp_time_format(s->start, when);
	fprintf(fp, "%d\t%s\t%s\t%d\t", s->n, smp_kind_names[s->kind], when,
	    s->minutes);
	smp_tsv_field(fp, s->practitioner ? s->practitioner : "");
	fputc('\t', fp);
	if (s->shade > 0)
		fprintf(fp, "%d", s->shade);
	fprintf(fp, "\t%s", smp_status_names[s->status]);
	if (quote) {
		fputc('\t', fp);
		if (it->counts && k->has_price[s->kind])
			fprintf(fp, "%.2f", k->prices[s->kind]);
	}
	fputc('\n', fp);
}

static void
print_json(FILE *fp, const struct smp_plan_item *it,
    const struct smp_clinic *k, int quote)
{
	const struct smp_session *s = &it->s;
	char when[17];

	smp_time_format(s->start, when);
	fprintf(fp, "{\"n\":%d,\"kind\":\"%s\",\"start\":\"%s\",\"minutes\":%d,"
	    "\"practitioner\":", s->n, smp_kind_names[s->kind], when,
	    s->minutes);
	smp_json_string(fp, s->practitioner);
	if (s->shade > 0)
		fprintf(fp, ",\"shade\":%d", s->shade);
	else
		fputs(",\"shade\":null", fp);
	fprintf(fp, ",\"status\":\"%s\"", smp_status_names[s->status]);
	if (quote) {
		if (it->counts && k->has_price[s->kind])
			fprintf(fp, ",\"price\":%.2f", k->prices[s->kind]);
		else
			fputs(",\"price\":null", fp);
		fputs(",\"currency\":", fp);
		smp_json_string(fp, k->currency);
	}
	fputs("}\n", fp);
}

void
smp_plan_print(FILE *fp, int format, const struct smp_plan_run *r,
    const struct smp_clinic *k, int quote)
{
	int idw = id_width(&r->plan);

	if (format == SMP_PLAN_TEXT)
		print_header(fp, r, k);
	for (size_t i = 0; i < r->plan.n; i++) {
		const struct smp_plan_item *it = &r->plan.items[i];

		if (format == SMP_PLAN_TEXT)
			print_line(fp, r, it, idw);
		else if (format == SMP_PLAN_TSV)
			print_tsv(fp, it, k, quote);
		else
			print_json(fp, it, k, quote);
	}
	if (format != SMP_PLAN_TEXT)
		return;
	if (quote)
		print_quote(fp, r, k);
	print_footer(fp, r);
}

/* ASCII case-insensitive equality, for "x is on the list" wording. */
static int
same_word(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

void
smp_plan_print_contra(FILE *fp, const char *prog,
    const struct smp_plan_run *r, int forced)
{
	for (size_t i = 0; i < r->ncontra; i++) {
		const struct smp_contra *m = &r->contra[i];
		char v[120], w[120];

		fprintf(fp, "%s: %s", prog, r->client.path);
		if (m->line > 0)
			fprintf(fp, ":%d:%d", m->line, m->col);
		fprintf(fp, ": %s: %s: %s", forced ? "warning" : "error",
		    m->key, smp_quote(v, sizeof(v), m->value));
		if (same_word(m->value, m->word))
			fputs(" is", fp);
		else
			fprintf(fp, " matches %s", smp_quote(w, sizeof(w), m->word));
		fprintf(fp, " on the clinic's %s list%s; %s\n",
		    m->refuse ? "refuse" : "postpone",
		    m->refuse ? "" : ": it must clear first",
		    forced ? "planned anyway (--force)" :
		    "no plan (--force plans anyway)");
	}
}

int
smp_plan_events(struct smp_cal *cal, const struct smp_plan_run *r,
    const struct smp_clinic *k, time_t last_modified, struct smp_diag *d)
{
	for (size_t i = 0; i < r->plan.n; i++) {
		const struct smp_session *s = &r->plan.items[i].s;
		int p = smp_practitioner_index(k, s->practitioner);
		char uid[256], summary[64], desc[512];
		struct smp_event e = {
			.uid = uid, .summary = summary, .description = desc,
			.status = s->status == SMP_PLANNED ||
			    s->status == SMP_DONE ? "CONFIRMED" : "CANCELLED",
			.sequence = s->seq, .last_modified = last_modified,
			.start = s->start, .zone = r->client.timezone,
			.minutes = s->minutes, .alarm = "-P1D",
		};
		int rc;

		snprintf(uid, sizeof(uid), "%s.session-%d@%s", r->client.id,
		    s->n, k->uid_domain);
		snprintf(summary, sizeof(summary), "SMP treatment %d: %s", s->n,
		    smp_kind_names[s->kind]);
		snprintf(desc, sizeof(desc), "%d minutes%s%s at %s", s->minutes,
		    p >= 0 ? " with " : "", p >= 0 ? k->practitioners[p].name :
		    "", k->name);
		if ((rc = smp_cal_add(cal, &e, d)) != SMP_OK)
			return rc;
	}
	return SMP_OK;
}
