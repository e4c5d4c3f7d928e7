/*
 * The client file: read every field of client-format.md, check each
 * against its type and range, and keep the tree so a writer can splice.
 * Unknown keys are the clinic's own and are left alone.
 */
#include <string.h>

#include "smp.h"

const char *const smp_status_names[] = { "planned", "done", "cancelled",
	"no-show", NULL };
const char *const smp_goal_names[] = { "shaven-look", "density", "scar",
	"alopecia", NULL };
const char *const smp_skin_names[] = { "normal", "dry", "oily", NULL };
const char *const smp_level_names[] = { "low", "medium", "high", NULL };
const char *const smp_mode_names[] = { "clinic", "phone", "video", NULL };

/* The id goes into calendar UIDs and file names: keep it tame. */
int
smp_id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 64)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n;
}

/* A language tag like en, pl, pt-BR or pt_BR: it names a gettext catalog. */
int
smp_lang_valid(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

	if (n < 2 || n > 3)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n] != '-' && s[n] != '_')
		return 0;
	s += n + 1;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return n >= 2 && n <= 8 && s[n] == '\0';
}

static int
read_profile(struct smp_reader *r, const struct smp_node *top,
    struct smp_client *c)
{
	const struct smp_node *map = smp_map_get(top, "profile");
	struct smp_profile *p = &c->profile;
	int rc;

	p->goal = p->hair_color = p->skin = p->uv_exposure = p->sport = -1;
	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "profile", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "profile", 0);
	if ((rc = smp_read_enum(r, map, "goal", smp_goal_names, &p->goal)) ||
	    (rc = smp_read_enum(r, map, "hair_color", smp_hair_names,
	    &p->hair_color)) ||
	    (rc = smp_read_int(r, map, "norwood", 1, 7, &p->norwood)) ||
	    (rc = smp_read_int(r, map, "ludwig", 1, 3, &p->ludwig)) ||
	    (rc = smp_read_int(r, map, "fitzpatrick", 1, 6, &p->fitzpatrick)) ||
	    (rc = smp_read_enum(r, map, "skin", smp_skin_names, &p->skin)) ||
	    (rc = smp_read_enum(r, map, "uv_exposure", smp_level_names,
	    &p->uv_exposure)) ||
	    (rc = smp_read_enum(r, map, "sport", smp_level_names, &p->sport)) ||
	    (rc = smp_read_words(r, map, "conditions", c->doc, &p->conditions,
	    NULL)) ||
	    (rc = smp_read_words(r, map, "medication", c->doc, &p->medication,
	    NULL)))
		return rc;	/* the path is left at the error */
	smp_reader_pop(r, old);
	return SMP_OK;
}

static int
read_consultation(struct smp_reader *r, const struct smp_node *top,
    struct smp_client *c)
{
	const struct smp_node *map = smp_map_get(top, "consultation");
	struct smp_consultation *k = &c->consultation;
	int rc, dummy = 0;

	k->mode = -1;
	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "consultation", SMP_MAP)) != SMP_OK)
		return rc;
	k->present = 1;
	size_t old = smp_reader_push(r, "consultation", 0);
	if ((rc = smp_read_date(r, map, "date", &k->date, &dummy)) ||
	    (rc = smp_read_enum(r, map, "mode", smp_mode_names, &k->mode)) ||
	    (rc = smp_read_text(r, map, "practitioner", &k->practitioner)) ||
	    (rc = smp_read_words(r, map, "areas", c->doc, &k->areas, NULL)) ||
	    (rc = smp_read_number(r, map, "quote", &k->quote, &k->has_quote)) ||
	    (rc = smp_read_text(r, map, "notes", &k->notes)))
		return rc;	/* the path is left at the error */
	smp_reader_pop(r, old);
	return SMP_OK;
}

static int
read_plan(struct smp_reader *r, const struct smp_node *top,
    struct smp_client *c)
{
	const struct smp_node *map = smp_map_get(top, "plan");
	int rc;

	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "plan", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "plan", 0);
	rc = smp_read_int(r, map, "sessions", 2, 4, &c->plan_sessions);
	smp_reader_pop(r, old);
	return rc;
}

/* Fails with "missing" when a required key is absent or null. */
static int
require(struct smp_reader *r, const struct smp_node *map, const char *key)
{
	if (smp_node_is_null(smp_map_get(map, key)))
		return smp_reader_fail(r, map, key, "missing; this key is required");
	return SMP_OK;
}

static int
read_session(struct smp_reader *r, const struct smp_node *item,
    const struct smp_protocol *proto, struct smp_session *s)
{
	int rc, kind = -1, status = -1;

	if ((rc = smp_expect(r, item, NULL, SMP_MAP)) != SMP_OK)
		return rc;
	s->node = item;
	s->minutes = -1;
	if ((rc = require(r, item, "n")) || (rc = require(r, item, "kind")) ||
	    (rc = require(r, item, "start")) || (rc = require(r, item, "status")) ||
	    (rc = smp_read_int(r, item, "n", 1, 9999, &s->n)) ||
	    (rc = smp_read_enum(r, item, "kind", smp_kind_names, &kind)) ||
	    (rc = smp_read_time(r, item, "start", &s->start)) ||
	    (rc = smp_read_int(r, item, "minutes", 1, 24 * 60, &s->minutes)) ||
	    (rc = smp_read_text(r, item, "practitioner", &s->practitioner)) ||
	    (rc = smp_read_int(r, item, "shade", 1, 6, &s->shade)) ||
	    (rc = smp_read_enum(r, item, "status", smp_status_names, &status)) ||
	    (rc = smp_read_int(r, item, "seq", 0, 1000000, &s->seq)) ||
	    (rc = smp_read_text(r, item, "notes", &s->notes)))
		return rc;
	s->kind = (enum smp_kind)kind;
	s->status = (enum smp_session_status)status;
	if (s->minutes < 0)
		s->minutes = proto->minutes[s->kind];
	return SMP_OK;
}

static int
read_sessions(struct smp_reader *r, const struct smp_node *top,
    const struct smp_protocol *proto, struct smp_client *c)
{
	const struct smp_node *list = smp_map_get(top, "sessions");
	int rc = SMP_OK;

	if (smp_node_is_null(list))
		return SMP_OK;
	if ((rc = smp_expect(r, list, "sessions", SMP_SEQ)) != SMP_OK)
		return rc;
	c->sessions = smp_doc_alloc(c->doc, (list->n + 1) * sizeof(*c->sessions));
	c->nsessions = list->n;
	size_t old = smp_reader_push(r, "sessions", 0);
	for (size_t i = 0; i < list->n && rc == SMP_OK; i++) {
		size_t mid = smp_reader_push(r, NULL, i);
		struct smp_session *s = &c->sessions[i];

		rc = read_session(r, list->kids[i], proto, s);
		if (rc == SMP_OK && i > 0 && s->n <= s[-1].n)
			rc = smp_reader_fail(r, smp_map_get(list->kids[i], "n"),
			    "n", "%d %s; session numbers must go up", s->n,
			    s->n == s[-1].n ? "is used twice" :
			    "comes after a higher number");
		smp_reader_pop(r, mid);
	}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_healing(struct smp_reader *r, const struct smp_node *top,
    struct smp_client *c)
{
	const struct smp_node *list = smp_map_get(top, "healing");
	int rc = SMP_OK, dummy;

	if (smp_node_is_null(list))
		return SMP_OK;
	if ((rc = smp_expect(r, list, "healing", SMP_SEQ)) != SMP_OK)
		return rc;
	c->healing = smp_doc_alloc(c->doc, (list->n + 1) * sizeof(*c->healing));
	c->nhealing = list->n;
	size_t old = smp_reader_push(r, "healing", 0);
	for (size_t i = 0; i < list->n && rc == SMP_OK; i++) {
		const struct smp_node *item = list->kids[i];
		struct smp_log_entry *e = &c->healing[i];
		size_t mid = smp_reader_push(r, NULL, i);

		if ((rc = smp_expect(r, item, NULL, SMP_MAP)) ||
		    (rc = require(r, item, "date")) ||
		    (rc = smp_read_date(r, item, "date", &e->date, &dummy)) ||
		    (rc = smp_read_int(r, item, "session", 1, 9999, &e->session)) ||
		    (rc = smp_read_text(r, item, "note", &e->note)))
			break;
		smp_reader_pop(r, mid);
	}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_identity(struct smp_reader *r, const struct smp_node *top,
    struct smp_client *c)
{
	int rc, version = 0;
	const struct smp_node *id;
	char q[80];

	if ((rc = require(r, top, "smp")) ||
	    (rc = smp_read_int(r, top, "smp", 1, 99, &version)))
		return rc;
	if (version != 1)
		return smp_reader_fail(r, smp_map_get(top, "smp"), "smp",
		    "format %d is newer than this version of smp-tools reads "
		    "(1); upgrade smp-tools", version);
	if ((rc = require(r, top, "id")) || (rc = require(r, top, "name")) ||
	    (rc = smp_read_text(r, top, "id", &c->id)) ||
	    (rc = smp_read_text(r, top, "name", &c->name)) ||
	    (rc = smp_read_text(r, top, "email", &c->email)) ||
	    (rc = smp_read_text(r, top, "phone", &c->phone)) ||
	    (rc = smp_read_text(r, top, "timezone", &c->timezone)) ||
	    (rc = smp_read_text(r, top, "lang", &c->lang)))
		return rc;
	id = smp_map_get(top, "id");
	c->id_line = id->line;
	c->id_col = id->col;
	if (!smp_id_valid(c->id))
		return smp_reader_fail(r, id, "id",
		    "%s is not an id: 1 to 64 of A-Z a-z 0-9 . _ -",
		    smp_quote(q, sizeof(q), c->id));
	if (c->timezone != NULL && !smp_zone_known(c->timezone))
		return smp_reader_fail(r, smp_map_get(top, "timezone"),
		    "timezone", "%s is not a known time zone (like Europe/Warsaw)",
		    smp_quote(q, sizeof(q), c->timezone));
	if (c->lang != NULL && !smp_lang_valid(c->lang))
		return smp_reader_fail(r, smp_map_get(top, "lang"), "lang",
		    "%s is not a language tag (like en or pl)",
		    smp_quote(q, sizeof(q), c->lang));
	return SMP_OK;
}

int
smp_doc_is_clinic(const struct smp_doc *doc)
{
	const struct smp_node *top = smp_doc_root(doc);

	return top != NULL && top->type == SMP_MAP && top->n > 0 &&
	    strcmp(top->kids[0]->str, "smp-clinic") == 0;
}

static int
read_client(struct smp_reader *r, const struct smp_node *top,
    const struct smp_clinic *clinic, struct smp_client *c)
{
	int rc;

	if (top == NULL || top->type != SMP_MAP)
		return smp_reader_fail(r, top, NULL, top == NULL ?
		    "empty: a client file is a mapping that starts with smp: 1" :
		    "not a mapping: a client file starts with smp: 1");
	if (smp_doc_is_clinic(c->doc))
		return smp_reader_fail(r, top, NULL,
		    "a clinic file, not a client file");
	if ((rc = read_identity(r, top, c)) ||
	    (rc = read_profile(r, top, c)) ||
	    (rc = read_consultation(r, top, c)) ||
	    (rc = read_plan(r, top, c)) ||
	    (rc = read_sessions(r, top, &clinic->protocol, c)) ||
	    (rc = smp_read_words(r, top, "aftercare", c->doc, &c->aftercare,
	    NULL)) ||
	    (rc = read_healing(r, top, c)))
		return rc;
	return SMP_OK;
}

int
smp_client_from_doc(struct smp_doc *doc, const struct smp_clinic *clinic,
    struct smp_client *out, struct smp_diag *d)
{
	struct smp_client c = { .doc = doc, .path = smp_doc_name(doc) };
	struct smp_reader r = { .file = c.path, .diag = d };
	int rc = read_client(&r, smp_doc_root(doc), clinic, &c);

	if (rc != SMP_OK) {
		smp_doc_free(doc);
		return rc;
	}
	smp_client_defaults(&c, clinic);
	*out = c;
	return SMP_OK;
}

void
smp_client_defaults(struct smp_client *c, const struct smp_clinic *clinic)
{
	if (c->timezone == NULL)
		c->timezone = clinic->timezone;
	if (c->lang == NULL)
		c->lang = clinic->lang;
	if (c->plan_sessions == 0)
		c->plan_sessions = clinic->protocol.sessions;
}

int
smp_client_load(const char *path, const struct smp_clinic *clinic,
    struct smp_client *out, struct smp_diag *d)
{
	char *bytes;
	size_t len;
	time_t mtime;
	struct smp_doc *doc;
	int rc = smp_file_read(path, &bytes, &len, &mtime, d);

	if (rc != SMP_OK)
		return rc;
	doc = smp_doc_wrap(path, bytes, len);
	if ((rc = smp_doc_build(doc, d)) != SMP_OK) {
		smp_doc_free(doc);
		return rc;
	}
	rc = smp_client_from_doc(doc, clinic, out, d);
	if (rc == SMP_OK)
		out->mtime = mtime;
	return rc;
}

void
smp_client_free(struct smp_client *c)
{
	smp_doc_free(c->doc);
	memset(c, 0, sizeof(*c));
}

const char *
smp_profile_value(const struct smp_client *c, const char *key)
{
	static const char *const numbers[] = { NULL, "1", "2", "3", "4", "5",
		"6", "7" };
	const struct smp_profile *p = &c->profile;

	if (strcmp(key, "goal") == 0)
		return p->goal < 0 ? NULL : smp_goal_names[p->goal];
	if (strcmp(key, "hair_color") == 0)
		return p->hair_color < 0 ? NULL : smp_hair_names[p->hair_color];
	if (strcmp(key, "skin") == 0)
		return p->skin < 0 ? NULL : smp_skin_names[p->skin];
	/* uv_exposure and sport default to medium (client-format.md) */
	if (strcmp(key, "uv_exposure") == 0)
		return smp_level_names[p->uv_exposure < 0 ? 1 : p->uv_exposure];
	if (strcmp(key, "sport") == 0)
		return smp_level_names[p->sport < 0 ? 1 : p->sport];
	if (strcmp(key, "norwood") == 0)
		return numbers[p->norwood];
	if (strcmp(key, "ludwig") == 0)
		return numbers[p->ludwig];
	if (strcmp(key, "fitzpatrick") == 0)
		return numbers[p->fitzpatrick];
	return NULL;
}
