/* smp-heal's outputs: text for the front desk, TSV and JSON for scripts,
 * iCalendar for the client's own calendar. */
#include <stdlib.h>
#include <string.h>

#include "smp.h"

const char *const smp_heal_formats[] = { "text", "tsv", "json", NULL };

/* What each milestone means, for people. */
static const char *const milestone_text[SMP_NMILESTONES] = {
	[SMP_M_TREATMENT] = "treatment",
	[SMP_M_REDNESS_GONE] = "redness gone",
	[SMP_M_REST_OVER] = "gym, sauna and heavy exercise again",
	[SMP_M_SHAVE_OK] = "shaving again",
	[SMP_M_SHAMPOO_OK] = "shampoo again",
	[SMP_M_CRUSTS_START] = "crusts start to come off",
	[SMP_M_CRUSTS_END] = "crusts gone",
	[SMP_M_SUN_OK] = "sun again, with SPF 30+",
	[SMP_M_SWIM_OK] = "pool, sea and steam room again",
	[SMP_M_ASSESSMENT] = "the result can be judged",
	[SMP_M_STABLE] = "stable: healing complete",
	[SMP_M_NEXT_TREATMENT] = "next treatment",
};

static const char *const milestone_summary[SMP_NMILESTONES] = {
	[SMP_M_TREATMENT] = "SMP treatment",
	[SMP_M_REDNESS_GONE] = "SMP: the redness should be gone",
	[SMP_M_REST_OVER] = "SMP: gym and sauna are fine again",
	[SMP_M_SHAVE_OK] = "SMP: you may shave again",
	[SMP_M_SHAMPOO_OK] = "SMP: shampoo is fine again",
	[SMP_M_CRUSTS_START] = "SMP: crusts start to come off",
	[SMP_M_CRUSTS_END] = "SMP: crusts should be gone",
	[SMP_M_SUN_OK] = "SMP: sun is fine again (SPF 30+)",
	[SMP_M_SWIM_OK] = "SMP: pool, sea and steam room are fine again",
	[SMP_M_ASSESSMENT] = "SMP: the result can be judged",
	[SMP_M_STABLE] = "SMP: healing complete",
	[SMP_M_NEXT_TREATMENT] = "SMP: next treatment",
};

static void
print_next(FILE *fp, const struct smp_healing_view *v)
{
	char date[11];

	if (!v->has_next) {
		fputs("Next treatment: none, the course is complete\n", fp);
		return;
	}
	smp_date_format(v->next, date);
	if (v->next_session != NULL)
		fprintf(fp, "Next treatment: %s (session %d, %s)\n", date,
		    v->next_session->n, smp_status_names[v->next_session->status]);
	else
		fprintf(fp, "Next treatment: %s at the earliest "
		    "(not booked yet)\n", date);
}

static void
print_text(FILE *fp, const struct smp_client *c,
    const struct smp_healing_view *v, struct smp_date today)
{
	char date[11];

	smp_date_format(v->session->start.date, date);
	smp_print_text(fp, c->name);
	fputs(" (", fp);
	smp_print_text(fp, c->id);
	fprintf(fp, "): session %d, %s, on %s\n", v->session->n,
	    smp_kind_names[v->session->kind], date);
	smp_date_format(today, date);
	fprintf(fp, "%s: day %d, %s\n", date, v->day,
	    smp_phase_names[v->phase]);
	fprintf(fp, "Normal now: %s.\n\n", smp_phase_normal(v->phase));
	for (size_t i = 0; i < v->nmarks; i++) {
		const struct smp_mark *m = &v->marks[i];

		smp_date_format(m->date, date);
		fprintf(fp, "%s  day %3d  %s%s\n", date, m->day,
		    milestone_text[m->what],
		    m->what == SMP_M_NEXT_TREATMENT && v->unbooked ?
		    " (earliest; not booked)" : "");
	}
	fputc('\n', fp);
	print_next(fp, v);
}

void
smp_heal_print(FILE *fp, int format, const struct smp_client *c,
    const struct smp_healing_view *v, struct smp_date today)
{
	char date[11];

	if (format == SMP_HEAL_TEXT) {
		print_text(fp, c, v, today);
		return;
	}
	for (size_t i = 0; i < v->nmarks; i++) {
		const struct smp_mark *m = &v->marks[i];

		smp_date_format(m->date, date);
		if (format == SMP_HEAL_TSV)
			fprintf(fp, "%s\t%d\t%s\n", date, m->day,
			    smp_milestone_names[m->what]);
		else
			fprintf(fp, "{\"date\":\"%s\",\"day\":%d,"
			    "\"milestone\":\"%s\"}\n", date, m->day,
			    smp_milestone_names[m->what]);
	}
}

static void
print_row_text(FILE *fp, const struct smp_heal_row *r, int idw, int namew)
{
	const struct smp_healing_view *v = &r->view;
	char date[11] = "-";

	if (v->has_next)
		smp_date_format(v->next, date);
	smp_print_padded(fp, r->client->id, idw + 2);
	smp_print_padded(fp, r->client->name, namew + 2);
	fprintf(fp, "session %-3d day %-3d %-9s next %s\n", v->session->n,
	    v->day, smp_phase_names[v->phase], date);
}

static void
print_row_data(FILE *fp, int format, const struct smp_heal_row *r)
{
	const struct smp_healing_view *v = &r->view;
	char date[11];

	smp_date_format(v->next, date);
	if (format == SMP_HEAL_TSV) {
		smp_tsv_field(fp, r->client->id);
		fputc('\t', fp);
		smp_tsv_field(fp, r->client->name);
		fprintf(fp, "\t%d\t%d\t%s\t%s\n", v->session->n, v->day,
		    smp_phase_names[v->phase], v->has_next ? date : "");
		return;
	}
	fputs("{\"id\":", fp);
	smp_json_string(fp, r->client->id);
	fputs(",\"name\":", fp);
	smp_json_string(fp, r->client->name);
	fprintf(fp, ",\"session\":%d,\"day\":%d,\"phase\":\"%s\",\"next\":",
	    v->session->n, v->day, smp_phase_names[v->phase]);
	smp_json_string(fp, v->has_next ? date : NULL);
	fputs("}\n", fp);
}

void
smp_heal_print_list(FILE *fp, int format, const struct smp_heal_row *rows,
    size_t n)
{
	int idw = 0, namew = 0;

	for (size_t i = 0; i < n && format == SMP_HEAL_TEXT; i++) {
		int w = smp_text_width(rows[i].client->id);

		idw = w > idw ? w : idw;
		w = smp_text_width(rows[i].client->name);
		namew = w > namew ? w : namew;
	}
	for (size_t i = 0; i < n; i++) {
		if (format == SMP_HEAL_TEXT)
			print_row_text(fp, &rows[i], idw, namew);
		else
			print_row_data(fp, format, &rows[i]);
	}
}

int
smp_heal_events(struct smp_cal *cal, const struct smp_client *c,
    const struct smp_clinic *k, const struct smp_healing_view *v,
    time_t last_modified, int with_name, struct smp_diag *d)
{
	for (size_t i = 0; i < v->nmarks; i++) {
		const struct smp_mark *m = &v->marks[i];
		char uid[256], summary[512];
		struct smp_event e = {
			.uid = uid, .summary = summary, .all_day = 1,
			.date = m->date, .sequence = v->session->seq,
			.last_modified = last_modified, .status = "CONFIRMED",
		};
		int rc;

		snprintf(uid, sizeof(uid), "%s.%s-%d@%s", c->id,
		    smp_milestone_names[m->what], v->session->n, k->uid_domain);
		snprintf(summary, sizeof(summary), "%s%s%s",
		    with_name ? c->name : "", with_name ? ": " : "",
		    m->what == SMP_M_NEXT_TREATMENT && v->unbooked ?
		    "SMP: the next treatment can be booked from today" :
		    milestone_summary[m->what]);
		if ((rc = smp_cal_add(cal, &e, d)) != SMP_OK)
			return rc;
	}
	return SMP_OK;
}
