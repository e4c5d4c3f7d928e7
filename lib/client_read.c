/*
 * A client file read straight from libyaml's events into the model,
 * building no tree.  smp-remind reads every file of a clinic each
 * morning and writes none; for it the tree and the lookups in it cost
 * half as much again as libyaml's own parse.
 *
 * The reader takes only what it is sure of.  A value it cannot read
 * cleanly, a key of the clinic's own whose value is not plain text, an
 * alias, a tag, a second document: anything odd, and it gives up, and the
 * file goes through the full loader (smp_client_load's checks and
 * messages).  So a file means the same here as in every other tool, and a
 * broken one gets the one diagnostic.  tests/unit/test-client-read.c
 * holds the two readers to the same answers on every client file the
 * tests have, and tests/fuzz/fuzz-client.c on whatever the fuzzer makes.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "smp.h"

enum type {
	T_TEXT, T_ID, T_VERSION, T_INT, T_ENUM, T_DATE, T_TIME, T_NUMBER,
	T_WORDS, T_MAP, T_SESSIONS, T_HEALING
};

/* A key of a mapping and where its value goes: at bytes into the struct
 * being filled (T_MAP: into the struct its fields fill). */
struct field {
	const char *key;
	size_t len;			/* of key */
	enum type type;
	size_t at;
	int required;
	int min, max;			/* T_INT */
	const char *const *names;	/* T_ENUM */
	const struct field *fields;	/* T_MAP, T_SESSIONS, T_HEALING */
	size_t flag;			/* T_NUMBER, flagged T_MAP: an int set to 1 */
	int flagged;
};

/* F(key, type, offset, more designated fields) */
#define F(name, kind, ...) \
	{ .key = name, .len = sizeof(name) - 1, .type = kind, .at = __VA_ARGS__ }
#define CLIENT(f) offsetof(struct smp_client, f)
#define PROFILE(f) offsetof(struct smp_profile, f)
#define CONSULT(f) offsetof(struct smp_consultation, f)
#define SESSION(f) offsetof(struct smp_session, f)
#define ENTRY(f) offsetof(struct smp_log_entry, f)

static const struct field profile_fields[] = {
	F("goal", T_ENUM, PROFILE(goal), .names = smp_goal_names),
	F("hair_color", T_ENUM, PROFILE(hair_color), .names = smp_hair_names),
	F("norwood", T_INT, PROFILE(norwood), .min = 1, .max = 7),
	F("ludwig", T_INT, PROFILE(ludwig), .min = 1, .max = 3),
	F("fitzpatrick", T_INT, PROFILE(fitzpatrick), .min = 1, .max = 6),
	F("skin", T_ENUM, PROFILE(skin), .names = smp_skin_names),
	F("uv_exposure", T_ENUM, PROFILE(uv_exposure),
	    .names = smp_level_names),
	F("sport", T_ENUM, PROFILE(sport), .names = smp_level_names),
	F("conditions", T_WORDS, PROFILE(conditions)),
	F("medication", T_WORDS, PROFILE(medication)),
	{ .key = NULL }
};

static const struct field consultation_fields[] = {
	F("date", T_DATE, CONSULT(date)),
	F("mode", T_ENUM, CONSULT(mode), .names = smp_mode_names),
	F("practitioner", T_TEXT, CONSULT(practitioner)),
	F("areas", T_WORDS, CONSULT(areas)),
	F("quote", T_NUMBER, CONSULT(quote), .flag = CONSULT(has_quote)),
	F("notes", T_TEXT, CONSULT(notes)),
	{ .key = NULL }
};

static const struct field plan_fields[] = {	/* into the client itself */
	F("sessions", T_INT, CLIENT(plan_sessions), .min = 2, .max = 4),
	{ .key = NULL }
};

static const struct field session_fields[] = {
	F("n", T_INT, SESSION(n), .required = 1, .min = 1, .max = 9999),
	F("kind", T_ENUM, SESSION(kind), .required = 1,
	    .names = smp_kind_names),
	F("start", T_TIME, SESSION(start), .required = 1),
	F("minutes", T_INT, SESSION(minutes), .min = 1, .max = 24 * 60),
	F("practitioner", T_TEXT, SESSION(practitioner)),
	F("shade", T_INT, SESSION(shade), .min = 1, .max = 6),
	F("status", T_ENUM, SESSION(status), .required = 1,
	    .names = smp_status_names),
	F("seq", T_INT, SESSION(seq), .min = 0, .max = 1000000),
	F("notes", T_TEXT, SESSION(notes)),
	{ .key = NULL }
};

static const struct field entry_fields[] = {
	F("date", T_DATE, ENTRY(date), .required = 1),
	F("session", T_INT, ENTRY(session), .min = 1, .max = 9999),
	F("note", T_TEXT, ENTRY(note)),
	{ .key = NULL }
};

static const struct field client_fields[] = {
	F("smp", T_VERSION, 0, .required = 1),
	F("id", T_ID, CLIENT(id), .required = 1),
	F("name", T_TEXT, CLIENT(name), .required = 1),
	F("email", T_TEXT, CLIENT(email)),
	F("phone", T_TEXT, CLIENT(phone)),
	F("timezone", T_TEXT, CLIENT(timezone)),
	F("lang", T_TEXT, CLIENT(lang)),
	F("profile", T_MAP, CLIENT(profile), .fields = profile_fields),
	F("consultation", T_MAP, CLIENT(consultation),
	    .fields = consultation_fields, .flag = CONSULT(present),
	    .flagged = 1),
	F("plan", T_MAP, 0, .fields = plan_fields),
	F("sessions", T_SESSIONS, 0, .fields = session_fields),
	F("aftercare", T_WORDS, CLIENT(aftercare)),
	F("healing", T_HEALING, 0, .fields = entry_fields),
	{ .key = NULL }
};

#define UNKNOWN_KEYS 8		/* the clinic's own keys in one mapping */

struct reader {
	yaml_parser_t parser;
	yaml_event_t ev;
	int have;			/* ev holds an event to delete */
	int bad;			/* an event the full loader must judge */
	size_t values;
	struct smp_client *c;
	const struct smp_clinic *clinic;
};

/* Whether ev is one the fast reader may take. */
static int
acceptable(struct reader *r, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return 0;
	case YAML_SCALAR_EVENT:
		/* the file has no NUL: only an escape can make one */
		return ++r->values < SMP_MAX_NODES &&
		    ev->data.scalar.anchor == NULL &&
		    ev->data.scalar.tag == NULL &&
		    (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
		    memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) == NULL);
	case YAML_SEQUENCE_START_EVENT:
		return ++r->values < SMP_MAX_NODES &&
		    ev->data.sequence_start.anchor == NULL &&
		    ev->data.sequence_start.tag == NULL;
	case YAML_MAPPING_START_EVENT:
		return ++r->values < SMP_MAX_NODES &&
		    ev->data.mapping_start.anchor == NULL &&
		    ev->data.mapping_start.tag == NULL;
	default:	/* a second document fails read_document */
		return 1;
	}
}

/* The next event; 0 (and for good) where the full loader must judge. */
static int
next(struct reader *r)
{
	if (r->bad)
		return 0;
	if (r->have)
		yaml_event_delete(&r->ev);
	r->have = yaml_parser_parse(&r->parser, &r->ev);
	r->bad = !r->have || !acceptable(r, &r->ev);
	return !r->bad;
}

static const char *
text(const struct reader *r)
{
	return (const char *)r->ev.data.scalar.value;
}

static int
is_null(const struct reader *r)
{
	/* most values are longer than "null": no call for them */
	return r->ev.type == YAML_SCALAR_EVENT &&
	    r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    r->ev.data.scalar.length <= 4 &&
	    smp_text_is_null(text(r), r->ev.data.scalar.length, 1);
}

static char *
copy(const struct reader *r)
{
	return smp_doc_strdup(r->c->doc, text(r), r->ev.data.scalar.length);
}

/* A vector that grows, for the items of a list until its end; the
 * first few (most lists) need no allocation. */
struct vec {
	char *data;
	size_t n, cap, size;
	max_align_t room[64];
};

static void
vec_init(struct vec *v, size_t size)
{
	v->data = (char *)v->room;
	v->n = 0;
	v->size = size;
	v->cap = sizeof(v->room) / size;
}

static void
vec_free(struct vec *v)
{
	if (v->data != (char *)v->room)
		free(v->data);
}

static void *
vec_add(struct vec *v)
{
	if (v->n == v->cap) {
		char *bigger = malloc(2 * v->cap * v->size);

		if (bigger == NULL)
			abort();
		memcpy(bigger, v->data, v->n * v->size);
		vec_free(v);
		v->data = bigger;
		v->cap *= 2;
	}
	memset(v->data + v->n * v->size, 0, v->size);
	return v->data + v->n++ * v->size;
}


/* The items, and a zeroed one after them, moved into the document. */
static void *
vec_keep(struct smp_doc *doc, struct vec *v)
{
	void *kept = smp_doc_alloc(doc, (v->n + 1) * v->size);

	if (v->n > 0)
		memcpy(kept, v->data, v->n * v->size);
	vec_free(v);
	return kept;
}

static int read_map(struct reader *r, const struct field *fields, char *base);

/* A list of text, NULL-terminated. */
static int
read_words(struct reader *r, const char ***out)
{
	struct vec v;

	vec_init(&v, sizeof(char *));

	while (next(r) && r->ev.type == YAML_SCALAR_EVENT && !is_null(r))
		*(char **)vec_add(&v) = copy(r);
	if (r->bad || r->ev.type != YAML_SEQUENCE_END_EVENT) {
		vec_free(&v);
		return 0;
	}
	*out = vec_keep(r->c->doc, &v);
	return 1;
}

/* Sessions with their numbers going up, and the protocol's length where
 * a session has none. */
static int
sessions_done(struct reader *r, struct vec *v)
{
	struct smp_session *s = (struct smp_session *)v->data;

	for (size_t i = 0; i < v->n; i++) {
		if (i > 0 && s[i].n <= s[i - 1].n)
			return 0;
		if (s[i].minutes == 0)	/* absent: 0 is out of range */
			s[i].minutes = r->clinic->protocol.minutes[s[i].kind];
	}
	r->c->sessions = vec_keep(r->c->doc, v);
	r->c->nsessions = v->n;
	return 1;
}

/* A list of mappings: the sessions or the healing log. */
static int
read_items(struct reader *r, const struct field *f)
{
	struct vec v;

	vec_init(&v, f->type == T_SESSIONS ? sizeof(struct smp_session) :
	    sizeof(struct smp_log_entry));

	while (next(r) && r->ev.type == YAML_MAPPING_START_EVENT)
		if (!read_map(r, f->fields, vec_add(&v))) {
			vec_free(&v);
			return 0;
		}
	if (r->bad || r->ev.type != YAML_SEQUENCE_END_EVENT) {
		vec_free(&v);
		return 0;
	}
	if (f->type == T_SESSIONS)
		return sessions_done(r, &v);
	r->c->healing = vec_keep(r->c->doc, &v);
	r->c->nhealing = v.n;
	return 1;
}

/* A scalar value into p. */
static int
read_scalar(struct reader *r, const struct field *f, char *p, char *base)
{
	const char *v = text(r);
	int version;

	switch (f->type) {
	case T_ID:
		r->c->id_line = (int)r->ev.start_mark.line + 1;
		r->c->id_col = (int)r->ev.start_mark.column + 1;
		/* FALLTHROUGH */
	case T_TEXT:
		*(char **)p = copy(r);
		return 1;
	case T_VERSION:
		return smp_int_in(v, 1, 1, &version) == 0;
	case T_INT:
		return smp_int_in(v, f->min, f->max, (int *)p) == 0;
	case T_ENUM:
		return (*(int *)p = smp_enum_index(f->names, v)) >= 0;
	case T_DATE:
		return smp_date_parse(v, (struct smp_date *)p) == 0;
	case T_TIME:
		return smp_time_parse(v, (struct smp_time *)p) == 0;
	case T_NUMBER:
		*(int *)(base + f->flag) = 1;
		return smp_number_parse(v, (double *)p) == 0;
	default:
		return 0;
	}
}

/* The value of f, whose first event is the current one; null is absent. */
static int
read_value(struct reader *r, const struct field *f, char *base)
{
	enum yaml_event_type_e t = r->ev.type;

	if (is_null(r))
		return 1;	/* absent (read_map checks the required) */
	switch (f->type) {
	case T_MAP:
		if (t != YAML_MAPPING_START_EVENT)
			return 0;
		if (f->flagged)
			*(int *)(base + f->at + f->flag) = 1;
		return read_map(r, f->fields, base + f->at);
	case T_SESSIONS:
	case T_HEALING:
		return t == YAML_SEQUENCE_START_EVENT && read_items(r, f);
	case T_WORDS:
		return t == YAML_SEQUENCE_START_EVENT &&
		    read_words(r, (const char ***)(base + f->at));
	default:
		return t == YAML_SCALAR_EVENT &&
		    read_scalar(r, f, base + f->at, base);
	}
}

/* A key of the clinic's own: its value must be text, and the key must not
 * be a merge key or another's twin. */
static int
other_key(struct reader *r, char seen[][64], int *nseen)
{
	const char *key = text(r);
	size_t len = r->ev.data.scalar.length;

	if (*nseen == UNKNOWN_KEYS || len >= sizeof(seen[0]) ||
	    strcmp(key, "<<") == 0 || strcmp(key, "smp-clinic") == 0)
		return 0;
	for (int i = 0; i < *nseen; i++)
		if (strcmp(seen[i], key) == 0)
			return 0;
	memcpy(seen[(*nseen)++], key, len + 1);
	return next(r) && r->ev.type == YAML_SCALAR_EVENT;
}

/* Whether the current scalar is f's key; no call for most misses. */
static int
is_key(const struct field *f, const struct reader *r)
{
	const char *v = text(r);

	return f->len == r->ev.data.scalar.length && f->key[0] == v[0] &&
	    memcmp(f->key, v, f->len) == 0;
}

/* A mapping, whose start is the current event, to its end. */
static int
read_map(struct reader *r, const struct field *fields, char *base)
{
	unsigned long seen = 0, given = 0, required = 0;
	char others[UNKNOWN_KEYS][64];
	int nothers = 0, nfields, i = 0, j;

	for (nfields = 0; fields[nfields].key != NULL; nfields++)
		required |= (unsigned long)fields[nfields].required << nfields;
	while (next(r) && r->ev.type == YAML_SCALAR_EVENT) {
		/* keys mostly come in the table's order: look on from the
		 * last one found */
		for (j = 0; j < nfields; j++, i = (i + 1) % nfields)
			if (is_key(&fields[i], r))
				break;
		if (j == nfields) {
			if (!other_key(r, others, &nothers))
				return 0;
			continue;
		}
		if (seen & (1ul << i) || !next(r))
			return 0;
		seen |= 1ul << i;
		given |= (unsigned long)!is_null(r) << i;
		if (!read_value(r, &fields[i], base))
			return 0;
		i = (i + 1) % nfields;
	}
	return !r->bad && r->ev.type == YAML_MAPPING_END_EVENT &&
	    (given & required) == required;
}

static int
read_document(struct reader *r, struct smp_zones *zones)
{
	struct smp_client *c = r->c;

	c->profile.goal = c->profile.hair_color = c->profile.skin = -1;
	c->profile.uv_exposure = c->profile.sport = c->consultation.mode = -1;
	if (!next(r) || r->ev.type != YAML_STREAM_START_EVENT ||
	    !next(r) || r->ev.type != YAML_DOCUMENT_START_EVENT ||
	    !next(r) || r->ev.type != YAML_MAPPING_START_EVENT ||
	    !read_map(r, client_fields, (char *)c) ||
	    !next(r) || r->ev.type != YAML_DOCUMENT_END_EVENT ||
	    !next(r) || r->ev.type != YAML_STREAM_END_EVENT)
		return 0;
	return smp_id_valid(c->id) && (c->lang == NULL ||
	    smp_lang_valid(c->lang)) && (c->timezone == NULL ||
	    (zones ? smp_zone_known_cached(zones, c->timezone) :
	    smp_zone_known(c->timezone)));
}

/* 1 with c filled, 0 if the full loader must read the file. */
static int
read_fast(struct smp_client *c, const struct smp_clinic *clinic,
    struct smp_zones *zones, const char *bytes, size_t len)
{
	struct reader r = { .c = c, .clinic = clinic };
	int ok;

	/* what the full loader refuses before libyaml sees a byte */
	if ((len > 0 && ((unsigned char)bytes[0] == 0xff ||
	    (unsigned char)bytes[0] == 0xfe)) || memchr(bytes, '\0', len))
		return 0;
	yaml_parser_initialize(&r.parser);
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)bytes,
	    len);
	ok = read_document(&r, zones);
	if (r.have)
		yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.parser);
	return ok;
}

/* The fast reader, else the full loader, over bytes the doc takes. */
static int
read_owned(const char *name, char *bytes, size_t len,
    const struct smp_clinic *clinic, struct smp_zones *zones,
    struct smp_client *out, struct smp_diag *d)
{
	struct smp_doc *doc = smp_doc_wrap(name, bytes, len);
	int rc;

	*out = (struct smp_client){ .doc = doc, .path = smp_doc_name(doc) };
	if (read_fast(out, clinic, zones, bytes, len)) {
		smp_client_defaults(out, clinic);
		return SMP_OK;
	}
	if ((rc = smp_doc_build(doc, d)) == SMP_OK && smp_doc_is_clinic(doc))
		rc = SMP_NONE;
	if (rc != SMP_OK) {
		smp_doc_free(doc);
		return rc;
	}
	return smp_client_from_doc(doc, clinic, out, d);
}

int
smp_client_parse(const char *name, const char *bytes, size_t len,
    const struct smp_clinic *clinic, struct smp_zones *zones,
    struct smp_client *out, struct smp_diag *d)
{
	char *copy = malloc(len + 1);

	if (copy == NULL)
		abort();
	memcpy(copy, bytes, len);
	copy[len] = '\0';
	return read_owned(name, copy, len, clinic, zones, out, d);
}

int
smp_client_read(const char *path, const struct smp_clinic *clinic,
    struct smp_zones *zones, struct smp_client *out, struct smp_diag *d)
{
	char *bytes;
	size_t len;
	time_t mtime;
	int rc = smp_file_read(path, &bytes, &len, &mtime, d);

	if (rc != SMP_OK)
		return rc;
	if ((rc = read_owned(path, bytes, len, clinic, zones, out, d)) ==
	    SMP_OK)
		out->mtime = mtime;
	return rc;
}
