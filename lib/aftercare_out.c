/*
 * The sheet's words: every sentence is an English msgid with {key}
 * placeholders, so that a catalog can put the date where its language
 * wants it.  The layouts are in aftercare_text.c and aftercare_html.c.
 */
#include <stdio.h>
#include <string.h>

#include "aftercare.h"

const char *const smp_sheet_formats[] = { "text", "markdown", "html", NULL };

static const char *const rule_msgid[SMP_NRULES] = {
	[SMP_R_REST] = N_("No gym, sauna or heavy exercise until {date}."),
	[SMP_R_SHAVE] = N_("No shaving until {date}."),
	[SMP_R_WATER] = N_("Wash your scalp with clean water only, no "
	    "shampoo, until {date}."),
	[SMP_R_BEDCLOTHES] = N_("Change your bedclothes, and wash your caps "
	    "and hats before you wear them again, so that only clean fabric "
	    "touches the treated skin."),
	/* TRANSLATORS: {date} is the day the crusts are gone. */
	[SMP_R_WINTER] = N_("Your treatment falls in winter, when hats are "
	    "worn most: wear only clean, loose ones, wash them often, and "
	    "keep tight woollen hats off your scalp until the crusts are "
	    "gone ({date})."),
	[SMP_R_REDNESS] = N_("A slight redness is normal; it is usually gone "
	    "by {date}."),
	[SMP_R_CRUSTS] = N_("Small crusts form and come off by themselves "
	    "between {from} and {to}. Do not pick or scratch them."),
	[SMP_R_COLOUR] = N_("The colour looks a little darker at first, then "
	    "lightens as the skin renews; by {date} the pigment has "
	    "settled."),
	[SMP_R_SUN] = N_("No direct sun on your scalp until {date}; after "
	    "that, always protect it with SPF 30 or higher."),
	[SMP_R_SWIM] = N_("No swimming pool, sea or steam room until "
	    "{date}."),
	[SMP_R_ASSESS] = N_("The result can be judged on {date}."),
	/* TRANSLATORS: {time} is the start, like 10:00. */
	[SMP_R_NEXT] = N_("Your next treatment: {date} at {time}."),
	[SMP_R_BOOK_NEXT] = N_("Your next treatment can follow from {date}; "
	    "please book it with us."),
};

/* The refresh line needs the plural of its upper number of years. */
static const char *
refresh_msg(const struct smp_sheet *s, const struct smp_words *w)
{
	unsigned long hi = (unsigned long)s->refresh_years[1];

	if (s->refresh_years[0] == s->refresh_years[1])
		return w->trn("Plan a refresh in about {to} year to keep the "
		    "look fresh.", "Plan a refresh in about {to} years to keep "
		    "the look fresh.", hi);
	/* TRANSLATORS: the plural form follows {to}, the upper number. */
	return w->trn("Plan a refresh in about {from} to {to} year to keep "
	    "the look fresh.", "Plan a refresh in about {from} to {to} years "
	    "to keep the look fresh.", hi);
}

void
smp_sheet_put(FILE *fp, const char *before, struct smp_buf *b,
    const char *after)
{
	fprintf(fp, "%s%s%s", before, b->data, after);
	b->len = 0;
	b->data[0] = '\0';
}

void
smp_sheet_sentence(struct smp_buf *b, int format, const struct smp_sheet *s,
    const struct smp_sheet_line *l, const struct smp_words *w)
{
	char a[64], bb[64], time[8], lo[12], hi[12];
	struct smp_arg args[] = {
		{ "date", a, SMP_ARG_DATE, l->a },
		{ "from", a, SMP_ARG_DATE, l->a },
		{ "to", bb, SMP_ARG_DATE, l->b },
		{ "time", time, SMP_ARG_TEXT, { 0, 0, 0 } },
	};

	smp_words_date(w, l->a, a, sizeof(a));
	smp_words_date(w, l->b, bb, sizeof(bb));
	snprintf(time, sizeof(time), "%02d:%02d", l->at.hour % 24,
	    l->at.min % 60);
	if (l->rule != SMP_R_REFRESH) {
		smp_sheet_fill(b, format, w->tr(NULL, rule_msgid[l->rule]),
		    args, 4, 0);
		return;
	}
	snprintf(lo, sizeof(lo), "%d", s->refresh_years[0]);
	snprintf(hi, sizeof(hi), "%d", s->refresh_years[1]);
	args[1] = (struct smp_arg){ "from", lo, SMP_ARG_TEXT, { 0, 0, 0 } };
	args[2] = (struct smp_arg){ "to", hi, SMP_ARG_TEXT, { 0, 0, 0 } };
	smp_sheet_fill(b, format, refresh_msg(s, w), args, 4, 0);
}

const char *
smp_part_title(enum smp_sheet_part p, const struct smp_words *w)
{
	static const char *const titles[SMP_NPARTS] = {
		[SMP_PART_FIRST_DAYS] = N_("The first days"),
		[SMP_PART_HEALING] = N_("While the skin heals"),
		[SMP_PART_AHEAD] = N_("What comes next"),
	};

	return w->tr(NULL, titles[p]);
}

static const char *const kind_msgid[SMP_NKINDS] = {
	NC_("session kind", "base"), NC_("session kind", "intensification"),
	NC_("session kind", "touch-up"), NC_("session kind", "refresh"),
};

/* The lines above the rules: who, which treatment, who did it. */
size_t
smp_sheet_header(struct smp_buf *out, int format, const struct smp_sheet *s,
    const struct smp_words *w)
{
	const struct smp_session *t = s->session;
	char date[64], n[12];
	struct smp_arg args[] = {
		{ "name", s->client->name, SMP_ARG_TEXT, { 0, 0, 0 } },
		{ "date", date, SMP_ARG_DATE, t->start.date },
		{ "n", n, SMP_ARG_TEXT, { 0, 0, 0 } },
		{ "kind", w->tr("session kind", kind_msgid[t->kind]),
		    SMP_ARG_TEXT, { 0, 0, 0 } },
	};
	size_t k = 0;

	smp_words_date(w, t->start.date, date, sizeof(date));
	snprintf(n, sizeof(n), "%d", t->n);
	smp_sheet_fill(&out[k++], format, w->tr(NULL, N_("Name: {name}")),
	    args, 1, 0);
	/* TRANSLATORS: {kind} is one of the session kinds (base, ...). */
	smp_sheet_fill(&out[k++], format, w->tr(NULL, N_("Treatment: {date}, "
	    "session {n} ({kind})")), args, 4, 0);
	if (s->practitioner != NULL) {
		args[0].value = s->practitioner;
		smp_sheet_fill(&out[k++], format,
		    w->tr(NULL, N_("Practitioner: {name}")), args, 1, 0);
	}
	return k;
}

/* The sheet's fixed words, filled for format (no placeholders). */
void
smp_sheet_words(struct smp_buf *b, int format, enum smp_sheet_word which,
    const struct smp_words *w)
{
	static const char *const words[SMP_NWORDS] = {
		[SMP_W_TITLE] = N_("Aftercare after your SMP treatment"),
		[SMP_W_INTRO] = N_("These dates are yours, counted from your "
		    "treatment day. “Until” a date means up to and "
		    "including that day."),
		[SMP_W_PERSONAL] = N_("From your practitioner"),
		[SMP_W_WARNING] = N_("If the redness grows, or the skin swells, "
		    "hurts or weeps, call us or see a doctor."),
	};

	smp_sheet_fill(b, format, w->tr(NULL, words[which]), NULL, 0, 0);
}

void
smp_sheet_print(FILE *fp, int format, int width, const struct smp_sheet *s,
    const struct smp_words *w)
{
	if (format == SMP_SHEET_HTML)
		smp_sheet_html(fp, s, w);
	else if (format == SMP_SHEET_MARKDOWN)
		smp_sheet_markdown(fp, s, w);
	else
		smp_sheet_text(fp, width, s, w);
}
