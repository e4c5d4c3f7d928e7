/* Where a client's healing stands on a given day. */
#include <stdlib.h>
#include <string.h>

#include "smp.h"

static const char *const normal_now[] = {
	[SMP_UPCOMING] = "the treatment has not taken place yet",
	[SMP_FRESH] = "slight redness, usually gone the next day; "
	    "small crusts are forming",
	[SMP_CRUSTS] = "small crusts come off by themselves; do not pick them",
	[SMP_SETTLING] = "the dots look slightly darker at first, "
	    "then lighten as the skin renews",
	[SMP_STABLE] = "healing is complete; the pigment has settled",
};

const char *
smp_phase_normal(enum smp_phase p)
{
	return normal_now[p];
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct smp_mark *x = a, *y = b;
	int c = smp_date_cmp(x->date, y->date);

	if (c != 0)
		return c;
	return (int)x->what - (int)y->what;
}

static void
add_marks(const struct smp_healing_days *h, struct smp_healing_view *v)
{
	struct smp_date day0 = v->session->start.date;

	v->nmarks = 0;
	for (int m = 0; m < SMP_M_NEXT_TREATMENT; m++) {
		struct smp_mark *k = &v->marks[v->nmarks++];

		k->what = (enum smp_milestone)m;
		k->day = smp_milestone_day(h, k->what);
		k->date = smp_date_add_days(day0, k->day);
	}
	if (v->has_next) {
		struct smp_mark *k = &v->marks[v->nmarks++];

		k->what = SMP_M_NEXT_TREATMENT;
		k->date = v->next;
		k->day = smp_date_diff(v->next, day0);
	}
	qsort(v->marks, v->nmarks, sizeof(v->marks[0]), cmp_mark);
}

int
smp_heal_view(const struct smp_client *c, const struct smp_clinic *k, int n,
    struct smp_date today, struct smp_healing_view *out, struct smp_diag *d)
{
	const struct smp_healing_days *h = &k->protocol.healing;
	struct smp_healing_view v = { 0 };

	if (n > 0) {
		v.session = smp_session_find(c, n);
		if (v.session == NULL)
			return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
			    "%s has no session %d", c->id, n);
		if (v.session->status == SMP_CANCELLED ||
		    v.session->status == SMP_NO_SHOW)
			return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
			    "%s: session %d is %s; it has no healing", c->id, n,
			    smp_status_names[v.session->status]);
	} else if ((v.session = smp_latest_done(c)) == NULL)
		return smp_diag_set(d, SMP_NONE, c->path, 0, 0, NULL,
		    "%s has no treatment done yet", c->id);
	v.day = smp_date_diff(today, v.session->start.date);
	v.phase = smp_phase_on(h, v.day);
	v.has_next = smp_next_treatment(c, &k->protocol, v.session, &v.next,
	    &v.next_session);
	v.unbooked = v.has_next && v.next_session == NULL;
	add_marks(h, &v);
	*out = v;
	return SMP_OK;
}

static int
by_id(const void *a, const void *b)
{
	const struct smp_heal_row *x = a, *y = b;

	return strcmp(x->client->id, y->client->id);
}

int
smp_heal_list(char *const *paths, size_t n, const struct smp_clinic *k,
    struct smp_date today, struct smp_heal_list *out,
    void (*report)(const struct smp_diag *, void *), void *ctx)
{
	struct smp_heal_list l = { calloc(n ? n : 1, sizeof(*l.clients)),
		calloc(n ? n : 1, sizeof(*l.rows)), n, 0 };
	int worst = SMP_OK, stable = k->protocol.healing.stable_day;

	if (l.clients == NULL || l.rows == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct smp_diag d;
		struct smp_healing_view v;
		int rc;

		smp_diag_clear(&d);
		if ((rc = smp_client_load(paths[i], k, &l.clients[i], &d)) !=
		    SMP_OK) {
			report(&d, ctx);
			worst = rc > worst ? rc : worst;
			continue;
		}
		if (smp_heal_view(&l.clients[i], k, 0, today, &v, &d) == SMP_OK &&
		    v.day >= 0 && v.day <= stable) {
			l.rows[l.nrows].client = &l.clients[i];
			l.rows[l.nrows++].view = v;
		}
	}
	qsort(l.rows, l.nrows, sizeof(*l.rows), by_id);
	*out = l;
	return worst;
}

void
smp_heal_list_free(struct smp_heal_list *l)
{
	for (size_t i = 0; i < l->nclients; i++)
		if (l->clients[i].doc != NULL)
			smp_client_free(&l->clients[i]);
	free(l->clients);
	free(l->rows);
	memset(l, 0, sizeof(*l));
}
