/* Whether two readers of one client file agree: the full loader
 * (smp_doc_parse, smp_client_from_doc) and smp_client_parse, which reads
 * straight from libyaml's events when it can.  Shared by
 * test-client-read.c and the fuzz target fuzz-client.c. */
#ifndef SAME_CLIENT_H
#define SAME_CLIENT_H

#include <stdio.h>
#include <string.h>

#include "smp.h"

static int
same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_words(const char **a, const char **b)
{
	if (a == NULL || b == NULL)
		return a == b;
	for (; *a != NULL && *b != NULL; a++, b++)
		if (strcmp(*a, *b) != 0)
			return 0;
	return *a == *b;
}

static int
same_date(struct smp_date a, struct smp_date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

static int
same_session(const struct smp_session *a, const struct smp_session *b)
{
	return a->n == b->n && a->kind == b->kind &&
	    same_date(a->start.date, b->start.date) &&
	    a->start.hour == b->start.hour && a->start.min == b->start.min &&
	    a->minutes == b->minutes && same_text(a->practitioner,
	    b->practitioner) && a->shade == b->shade &&
	    a->status == b->status && a->seq == b->seq &&
	    same_text(a->notes, b->notes);
}

static int
same_profile(const struct smp_profile *a, const struct smp_profile *b)
{
	return a->goal == b->goal && a->hair_color == b->hair_color &&
	    a->skin == b->skin && a->uv_exposure == b->uv_exposure &&
	    a->sport == b->sport && a->norwood == b->norwood &&
	    a->ludwig == b->ludwig && a->fitzpatrick == b->fitzpatrick &&
	    same_words(a->conditions, b->conditions) &&
	    same_words(a->medication, b->medication);
}

static int
same_consultation(const struct smp_consultation *a,
    const struct smp_consultation *b)
{
	return a->present == b->present && same_date(a->date, b->date) &&
	    a->mode == b->mode && same_text(a->practitioner, b->practitioner) &&
	    same_text(a->notes, b->notes) && same_words(a->areas, b->areas) &&
	    a->quote == b->quote && a->has_quote == b->has_quote;
}

/* "" when a and b hold the same client, else the first field that
 * differs, into why. */
static const char *
same_client(const struct smp_client *a, const struct smp_client *b,
    char *why, size_t size)
{
	const char *what = "";

	if (!same_text(a->id, b->id) || a->id_line != b->id_line ||
	    a->id_col != b->id_col)
		what = "id";
	else if (!same_text(a->name, b->name) || !same_text(a->email,
	    b->email) || !same_text(a->phone, b->phone))
		what = "name, email or phone";
	else if (!same_text(a->timezone, b->timezone) ||
	    !same_text(a->lang, b->lang))
		what = "timezone or lang";
	else if (!same_profile(&a->profile, &b->profile))
		what = "profile";
	else if (!same_consultation(&a->consultation, &b->consultation))
		what = "consultation";
	else if (a->plan_sessions != b->plan_sessions)
		what = "plan";
	else if (a->nsessions != b->nsessions ||
	    (a->sessions == NULL) != (b->sessions == NULL))
		what = "number of sessions";
	else if (!same_words(a->aftercare, b->aftercare))
		what = "aftercare";
	else if (a->nhealing != b->nhealing ||
	    (a->healing == NULL) != (b->healing == NULL))
		what = "number of healing entries";
	for (size_t i = 0; what[0] == '\0' && i < a->nsessions; i++)
		if (!same_session(&a->sessions[i], &b->sessions[i]))
			what = "a session";
	for (size_t i = 0; what[0] == '\0' && i < a->nhealing; i++)
		if (!same_date(a->healing[i].date, b->healing[i].date) ||
		    a->healing[i].session != b->healing[i].session ||
		    !same_text(a->healing[i].note, b->healing[i].note))
			what = "a healing entry";
	snprintf(why, size, "%s", what);
	return why;
}

/* The full loader's answer for bytes: SMP_NONE for a clinic file, as
 * smp_client_parse gives. */
static int
full_read(const char *name, const char *bytes, size_t len,
    const struct smp_clinic *k, struct smp_client *c, struct smp_diag *d)
{
	struct smp_doc *doc;
	int rc = smp_doc_parse(name, bytes, len, &doc, d);

	if (rc != SMP_OK)
		return rc;
	if (smp_doc_is_clinic(doc)) {
		smp_doc_free(doc);
		return SMP_NONE;
	}
	return smp_client_from_doc(doc, k, c, d);
}

/* "" when both readers agree on bytes (the same client, or the same
 * status and diagnostic), else what differs.  *fast says whether
 * smp_client_parse read it without the full loader. */
static const char *
same_reading(const char *bytes, size_t len, const struct smp_clinic *k,
    char *why, size_t size, int *fast)
{
	struct smp_client a, b;
	struct smp_diag da, db;
	int ra, rb;

	smp_diag_clear(&da);
	smp_diag_clear(&db);
	ra = full_read("t.yaml", bytes, len, k, &a, &da);
	rb = smp_client_parse("t.yaml", bytes, len, k, NULL, &b, &db);
	*fast = rb == SMP_OK && smp_doc_root(b.doc) == NULL;
	snprintf(why, size, "%s", "");
	if (ra != rb)
		snprintf(why, size, "status %d, fast reader %d", ra, rb);
	else if (ra == SMP_OK)
		same_client(&a, &b, why, size);
	else if (da.line != db.line || da.col != db.col ||
	    strcmp(da.key, db.key) != 0 || strcmp(da.msg, db.msg) != 0)
		snprintf(why, size, "diagnostic %d:%d %.60s %.200s / %d:%d %.60s %.200s",
		    da.line, da.col, da.key, da.msg, db.line, db.col, db.key,
		    db.msg);
	if (ra == SMP_OK)
		smp_client_free(&a);
	if (rb == SMP_OK)
		smp_client_free(&b);
	return why;
}

#endif
