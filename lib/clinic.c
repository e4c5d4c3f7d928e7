/*
 * The clinic file.  The built-in defaults are themselves a clinic file
 * (share/smp/clinic.yaml, compiled in), so defaults and overrides go
 * through the same reader: a mapping merges key by key because a key
 * absent from the file leaves the field alone, and a list replaces the
 * default whole because it is read whole.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smp.h"

const char *const smp_kind_names[] = { "base", "intensification",
	"touch-up", "refresh", NULL };
const char *const smp_hair_names[] = { "white", "grey", "blond",
	"light-brown", "brown", "dark-brown", "black", NULL };
const char *const smp_weekday_names[] = { "mon", "tue", "wed", "thu", "fri",
	"sat", "sun", NULL };
static const char *const hemisphere_names[] = { "north", "south", NULL };
static const char *const price_names[] = { "base", "intensification",
	"touch-up", "refresh", "consultation", NULL };
static const char *const factor_keys[] = { "goal", "hair_color", "norwood",
	"ludwig", "fitzpatrick", "skin", "uv_exposure", "sport", NULL };

/* Healing numbers by name, so the reader is a loop over a table. */
static const struct {
	const char *key;
	size_t offset;
} healing_keys[] = {
#define H(k) { #k, offsetof(struct smp_healing_days, k) }
	H(redness_gone_day), H(crusts_from), H(crusts_until), H(rest_days),
	H(no_shave_days), H(water_only_days), H(sun_days), H(swim_days),
	H(assess_day), H(stable_day),
#undef H
};

static int
lookup(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Checks that every key of map is one of names (NULL-terminated). */
static int
known_keys(struct smp_reader *r, const struct smp_node *map,
    const char *const *names)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct smp_node *k = map->kids[2 * i];

		if (lookup(names, k->str) < 0) {
			char q[80];

			return smp_reader_fail(r, k, NULL, "unknown key %s",
			    smp_quote(q, sizeof(q), k->str));
		}
	}
	return SMP_OK;
}

/* "09:00-17:00" into minutes after midnight. */
static int
parse_hours(const char *s, struct smp_hours *h)
{
	int a, b, c, d;
	char tail;

	if (strlen(s) != 11 || sscanf(s, "%2d:%2d-%2d:%2d%c", &a, &b, &c, &d,
	    &tail) != 4 || s[2] != ':' || s[5] != '-' || s[8] != ':')
		return -1;
	if (a > 23 || b > 59 || c > 24 || d > 59 || (c == 24 && d != 0))
		return -1;
	h->open = a * 60 + b;
	h->close = c * 60 + d;
	return h->open < h->close ? 0 : -1;
}

static int
read_hours(struct smp_reader *r, const struct smp_node *top,
    struct smp_clinic *c)
{
	const struct smp_node *map = smp_map_get(top, "hours");
	int rc;

	if (map == NULL)
		return SMP_OK;
	if (!smp_node_is_null(map) && (rc = smp_expect(r, map, "hours", SMP_MAP)))
		return rc;
	for (int i = 0; i < 7; i++)
		c->hours[i].open = c->hours[i].close = -1;
	if (smp_node_is_null(map))
		return SMP_OK;
	size_t old = smp_reader_push(r, "hours", 0);
	if ((rc = known_keys(r, map, smp_weekday_names)) == SMP_OK)
		for (size_t i = 0; i < map->n && rc == SMP_OK; i++) {
			const struct smp_node *k = map->kids[2 * i];
			const struct smp_node *v = map->kids[2 * i + 1];
			int day = lookup(smp_weekday_names, k->str);
			char q[80];

			if (smp_node_is_null(v))
				continue;	/* listed but empty: closed */
			if (v->type != SMP_SCALAR ||
			    parse_hours(v->str, &c->hours[day]) != 0)
				rc = smp_reader_fail(r, v, k->str,
				    "%s is not opening hours (HH:MM-HH:MM)",
				    smp_quote(q, sizeof(q), v->str));
		}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_closed(struct smp_reader *r, const struct smp_node *top,
    struct smp_doc *doc, struct smp_clinic *c)
{
	const struct smp_node *list = smp_map_get(top, "closed");
	int rc = SMP_OK;

	if (list == NULL)
		return SMP_OK;
	c->nclosed = 0;
	if (smp_node_is_null(list))
		return SMP_OK;
	if ((rc = smp_expect(r, list, "closed", SMP_SEQ)) != SMP_OK)
		return rc;
	c->closed = smp_doc_alloc(doc, (list->n + 1) * sizeof(*c->closed));
	size_t old = smp_reader_push(r, "closed", 0);
	for (size_t i = 0; i < list->n && rc == SMP_OK; i++) {
		const struct smp_node *v = list->kids[i];
		char q[80];
		size_t mid = smp_reader_push(r, NULL, i);

		if (v->type != SMP_SCALAR ||
		    smp_date_parse(v->str, &c->closed[c->nclosed++]) != 0)
			rc = smp_reader_fail(r, v, NULL,
			    "%s is not a date (YYYY-MM-DD)",
			    smp_quote(q, sizeof(q), v->str));
		smp_reader_pop(r, mid);
	}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_days(struct smp_reader *r, const struct smp_node *map,
    struct smp_doc *doc, unsigned *mask)
{
	const char **days = NULL;
	int rc = smp_read_words(r, map, "days", doc, &days, NULL);

	if (rc != SMP_OK || days == NULL)
		return rc;
	*mask = 0;
	for (size_t i = 0; days[i] != NULL; i++) {
		int d = lookup(smp_weekday_names, days[i]);
		char q[80];

		if (d < 0)
			return smp_reader_fail(r, smp_map_get(map, "days")->kids[i],
			    "days", "%s is not a weekday (mon..sun)",
			    smp_quote(q, sizeof(q), days[i]));
		*mask |= 1u << d;
	}
	return SMP_OK;
}

static int
read_practitioner(struct smp_reader *r, const struct smp_node *item,
    struct smp_doc *doc, struct smp_practitioner *p)
{
	int rc;

	if ((rc = smp_expect(r, item, NULL, SMP_MAP)) != SMP_OK)
		return rc;
	p->days = 0x7f;
	if ((rc = smp_read_text(r, item, "id", &p->id)) != SMP_OK ||
	    (rc = smp_read_text(r, item, "name", &p->name)) != SMP_OK ||
	    (rc = read_days(r, item, doc, &p->days)) != SMP_OK)
		return rc;
	if (p->id == NULL)
		return smp_reader_fail(r, item, "id", "missing");
	if (p->name == NULL)
		p->name = p->id;
	return SMP_OK;
}

static int
read_practitioners(struct smp_reader *r, const struct smp_node *top,
    struct smp_doc *doc, struct smp_clinic *c)
{
	const struct smp_node *list = smp_map_get(top, "practitioners");
	int rc = SMP_OK;

	if (list == NULL)
		return SMP_OK;
	if ((rc = smp_expect(r, list, "practitioners", SMP_SEQ)) != SMP_OK)
		return rc;
	c->practitioners = smp_doc_alloc(doc, (list->n + 1) *
	    sizeof(*c->practitioners));
	c->npractitioners = list->n;
	size_t old = smp_reader_push(r, "practitioners", 0);
	for (size_t i = 0; i < list->n && rc == SMP_OK; i++) {
		size_t mid = smp_reader_push(r, NULL, i);

		rc = read_practitioner(r, list->kids[i], doc, &c->practitioners[i]);
		for (size_t j = 0; j < i && rc == SMP_OK; j++)
			if (strcmp(c->practitioners[j].id, c->practitioners[i].id) == 0)
				rc = smp_reader_fail(r, smp_map_get(list->kids[i], "id"),
				    "id", "the same id as practitioners[%zu]", j);
		smp_reader_pop(r, mid);
	}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_prices(struct smp_reader *r, const struct smp_node *top,
    struct smp_clinic *c)
{
	const struct smp_node *map = smp_map_get(top, "prices");
	int rc;

	if (map == NULL)
		return SMP_OK;
	memset(c->has_price, 0, sizeof(c->has_price));
	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "prices", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "prices", 0);
	rc = known_keys(r, map, price_names);
	for (int i = 0; price_names[i] != NULL && rc == SMP_OK; i++)
		rc = smp_read_number(r, map, price_names[i], &c->prices[i],
		    &c->has_price[i]);
	smp_reader_pop(r, old);
	return rc;
}

/* A mapping of names to whole numbers within a range, e.g. minutes. */
static int
read_int_table(struct smp_reader *r, const struct smp_node *top,
    const char *key, const char *const *names, int min, int max, int *out)
{
	const struct smp_node *map = smp_map_get(top, key);
	int rc;

	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, key, SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, key, 0);
	rc = known_keys(r, map, names);
	for (int i = 0; names[i] != NULL && rc == SMP_OK; i++)
		rc = smp_read_int(r, map, names[i], min, max, &out[i]);
	smp_reader_pop(r, old);
	return rc;
}

static int
read_healing(struct smp_reader *r, const struct smp_node *proto,
    struct smp_healing_days *h)
{
	const struct smp_node *map = smp_map_get(proto, "healing");
	int rc = SMP_OK;

	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "healing", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "healing", 0);
	for (size_t i = 0; i < sizeof(healing_keys) / sizeof(healing_keys[0]) &&
	    rc == SMP_OK; i++)
		rc = smp_read_int(r, map, healing_keys[i].key, 0, 365,
		    (int *)((char *)h + healing_keys[i].offset));
	smp_reader_pop(r, old);
	return rc;
}

static int
read_refresh_years(struct smp_reader *r, const struct smp_node *proto,
    struct smp_protocol *p)
{
	const struct smp_node *list = smp_map_get(proto, "refresh_years");
	long v[2];

	if (smp_node_is_null(list))
		return SMP_OK;
	if (list->type != SMP_SEQ || list->n != 2)
		return smp_reader_fail(r, list, "refresh_years",
		    "must be a list of two years, like [3, 5]");
	for (int i = 0; i < 2; i++) {
		const struct smp_node *n = list->kids[i];
		char *end;

		v[i] = n->type == SMP_SCALAR ? strtol(n->str, &end, 10) : -1;
		if (n->type != SMP_SCALAR || *end != '\0' || n->len == 0 ||
		    v[i] < 1 || v[i] > 50)
			return smp_reader_fail(r, n, "refresh_years",
			    "must be whole years from 1 to 50");
	}
	if (v[0] > v[1])
		return smp_reader_fail(r, list, "refresh_years",
		    "the first year must not be after the second");
	p->refresh_years[0] = (int)v[0];
	p->refresh_years[1] = (int)v[1];
	return SMP_OK;
}

static int
read_factor(struct smp_reader *r, const struct smp_node *item,
    struct smp_doc *doc, struct smp_factor *f)
{
	int rc;

	if ((rc = smp_expect(r, item, NULL, SMP_MAP)) != SMP_OK ||
	    (rc = known_keys(r, item, factor_keys)) != SMP_OK)
		return rc;
	f->n = item->n;
	f->keys = smp_doc_alloc(doc, (item->n + 1) * sizeof(*f->keys));
	f->values = smp_doc_alloc(doc, (item->n + 1) * sizeof(*f->values));
	for (size_t i = 0; i < item->n; i++) {
		const struct smp_node *v = item->kids[2 * i + 1];

		f->keys[i] = item->kids[2 * i]->str;
		if (v->type != SMP_SCALAR || smp_node_is_null(v))
			return smp_reader_fail(r, v, f->keys[i], "must be text");
		f->values[i] = v->str;
	}
	return SMP_OK;
}

static int
read_factors(struct smp_reader *r, const struct smp_node *proto,
    struct smp_doc *doc, struct smp_protocol *p)
{
	const struct smp_node *list = smp_map_get(proto, "refresh_factors");
	int rc = SMP_OK;

	if (list == NULL)
		return SMP_OK;
	p->nfactors = 0;
	if (smp_node_is_null(list))
		return SMP_OK;
	if ((rc = smp_expect(r, list, "refresh_factors", SMP_SEQ)) != SMP_OK)
		return rc;
	p->factors = smp_doc_alloc(doc, (list->n + 1) * sizeof(*p->factors));
	p->nfactors = list->n;
	size_t old = smp_reader_push(r, "refresh_factors", 0);
	for (size_t i = 0; i < list->n && rc == SMP_OK; i++) {
		size_t mid = smp_reader_push(r, NULL, i);

		rc = read_factor(r, list->kids[i], doc, &p->factors[i]);
		smp_reader_pop(r, mid);
	}
	smp_reader_pop(r, old);
	return rc;
}

static int
read_protocol(struct smp_reader *r, const struct smp_node *top,
    struct smp_doc *doc, struct smp_protocol *p)
{
	const struct smp_node *proto = smp_map_get(top, "protocol");
	int rc;

	if (smp_node_is_null(proto))
		return SMP_OK;
	if ((rc = smp_expect(r, proto, "protocol", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "protocol", 0);
	if ((rc = smp_read_int(r, proto, "sessions", 2, 4, &p->sessions)) ||
	    (rc = smp_read_int(r, proto, "interval_days", 1, 365,
	    &p->interval_days)) ||
	    (rc = read_int_table(r, proto, "minutes", smp_kind_names, 15, 720,
	    p->minutes)) ||
	    (rc = read_int_table(r, proto, "shades", smp_hair_names, 1, 6,
	    p->shades)) ||
	    (rc = read_healing(r, proto, &p->healing)) ||
	    (rc = read_refresh_years(r, proto, p)) ||
	    (rc = smp_read_int(r, proto, "faded_years", 1, 100,
	    &p->faded_years)) ||
	    (rc = read_factors(r, proto, doc, p)))
		return rc;	/* the path is left at the error */
	smp_reader_pop(r, old);
	return SMP_OK;
}

static int
read_contraindications(struct smp_reader *r, const struct smp_node *top,
    struct smp_doc *doc, struct smp_clinic *c)
{
	const struct smp_node *map = smp_map_get(top, "contraindications");
	int rc;

	if (smp_node_is_null(map))
		return SMP_OK;
	if ((rc = smp_expect(r, map, "contraindications", SMP_MAP)) != SMP_OK)
		return rc;
	size_t old = smp_reader_push(r, "contraindications", 0);
	if ((rc = smp_read_words(r, map, "refuse", doc, &c->refuse, NULL)) == 0)
		rc = smp_read_words(r, map, "postpone", doc, &c->postpone, NULL);
	smp_reader_pop(r, old);
	return rc;
}

static int
read_zone(struct smp_reader *r, const struct smp_node *top,
    struct smp_clinic *c)
{
	const struct smp_node *n = smp_map_get(top, "timezone");
	char q[80];

	if (n == NULL)
		return SMP_OK;
	if (smp_node_is_null(n)) {
		c->timezone = NULL;	/* settled from the environment */
		return SMP_OK;
	}
	if (n->type != SMP_SCALAR || !smp_zone_known(n->str))
		return smp_reader_fail(r, n, "timezone",
		    "%s is not a known time zone (like Europe/Warsaw)",
		    smp_quote(q, sizeof(q), n->str));
	c->timezone = n->str;
	return SMP_OK;
}

static int
read_clinic(struct smp_reader *r, const struct smp_node *top,
    struct smp_doc *doc, struct smp_clinic *c)
{
	int rc, hemi = -1;

	if ((rc = smp_read_text(r, top, "name", &c->name)) ||
	    (rc = smp_read_text(r, top, "uid_domain", &c->uid_domain)) ||
	    (rc = read_zone(r, top, c)) ||
	    (rc = smp_read_enum(r, top, "hemisphere", hemisphere_names, &hemi)) ||
	    (rc = smp_read_text(r, top, "lang", &c->lang)) ||
	    (rc = smp_read_text(r, top, "currency", &c->currency)) ||
	    (rc = read_hours(r, top, c)) ||
	    (rc = read_closed(r, top, doc, c)) ||
	    (rc = read_practitioners(r, top, doc, c)) ||
	    (rc = read_prices(r, top, c)) ||
	    (rc = read_protocol(r, top, doc, &c->protocol)) ||
	    (rc = read_contraindications(r, top, doc, c)))
		return rc;
	if (hemi >= 0)
		c->hemisphere = hemisphere_names[hemi];
	return SMP_OK;
}

/* The healing days must make a timeline that can be lived through. */
static int
check_consistency(struct smp_reader *r, const struct smp_node *top,
    const struct smp_clinic *c)
{
	const struct smp_healing_days *h = &c->protocol.healing;
	const struct smp_node *at = smp_map_get(top, "protocol");

	if (h->crusts_from > h->crusts_until)
		return smp_reader_fail(r, at, "protocol.healing",
		    "crusts_from (%d) is after crusts_until (%d)",
		    h->crusts_from, h->crusts_until);
	if (h->stable_day <= h->crusts_until)
		return smp_reader_fail(r, at, "protocol.healing",
		    "stable_day (%d) must come after crusts_until (%d)",
		    h->stable_day, h->crusts_until);
	if (c->practitioners == NULL || c->npractitioners == 0)
		return smp_reader_fail(r, smp_map_get(top, "practitioners"),
		    "practitioners", "the clinic needs at least one");
	return SMP_OK;
}

/* Parses one clinic document over c. */
static int
apply(struct smp_doc *doc, struct smp_clinic *c, struct smp_diag *d)
{
	const struct smp_node *top = smp_doc_root(doc);
	struct smp_reader r = { .file = smp_doc_name(doc), .diag = d };
	int v = 0, rc;

	if (top == NULL || top->type != SMP_MAP || top->n == 0 ||
	    strcmp(top->kids[0]->str, "smp-clinic") != 0)
		return smp_reader_fail(&r, top, NULL,
		    "not a clinic file: it must start with smp-clinic: 1");
	if ((rc = smp_read_int(&r, top, "smp-clinic", 1, 1, &v)) != SMP_OK)
		return rc;
	if (v != 1)
		return smp_reader_fail(&r, top->kids[1], "smp-clinic",
		    "must be 1");
	if ((rc = read_clinic(&r, top, doc, c)) != SMP_OK)
		return rc;
	return check_consistency(&r, top, c);
}

/* `timezone: ~`: $TZ when it names a zone, else the system's, else UTC. */
static const char *
settle_zone(const char *tzenv, const char *localtime)
{
	if (tzenv != NULL && tzenv[0] == ':')
		tzenv++;
	if (tzenv != NULL && smp_zone_known(tzenv))
		return tzenv;
	if (localtime != NULL && smp_zone_known(localtime))
		return localtime;
	return "UTC";
}

/* The defaults, then doc (which may be NULL) over them; takes doc. */
int
smp_clinic_from_doc(struct smp_doc *doc, const char *tzenv,
    const char *localtime, struct smp_clinic *out, struct smp_diag *d)
{
	struct smp_clinic c = { 0 };
	int rc;

	c.docs[1] = doc;
	rc = smp_doc_parse("(built-in clinic defaults)", smp_clinic_defaults,
	    strlen(smp_clinic_defaults), &c.docs[0], d);
	if (rc == SMP_OK)
		rc = apply(c.docs[0], &c, d);
	if (rc == SMP_OK && doc != NULL) {
		c.path = smp_doc_name(doc);
		rc = apply(doc, &c, d);
	}
	if (rc != SMP_OK) {
		smp_clinic_free(&c);
		return rc;
	}
	if (c.timezone == NULL) {
		const char *z = settle_zone(tzenv, localtime);
		char *copy = smp_doc_alloc(c.docs[0], strlen(z) + 1);

		c.timezone = strcpy(copy, z);
	}
	*out = c;
	return SMP_OK;
}

int
smp_clinic_load(const char *path, int must_exist, const char *tzenv,
    const char *localtime, struct smp_clinic *out, struct smp_diag *d)
{
	struct smp_doc *doc = NULL;

	if (path != NULL && path[0] != '\0' &&
	    (must_exist || access(path, F_OK) == 0)) {
		int rc = smp_doc_load(path, &doc, d);

		if (rc != SMP_OK)
			return rc;
	}
	return smp_clinic_from_doc(doc, tzenv, localtime, out, d);
}

void
smp_clinic_free(struct smp_clinic *c)
{
	smp_doc_free(c->docs[0]);
	smp_doc_free(c->docs[1]);
	memset(c, 0, sizeof(*c));
}

void
smp_clinic_locate(const char *explicit_path,
    const char *(*env)(const char *), char *buf, size_t size, int *must_exist)
{
	const char *v;

	*must_exist = 1;
	if (explicit_path != NULL) {
		snprintf(buf, size, "%s", explicit_path);
		return;
	}
	if ((v = env("SMP_CLINIC")) != NULL && v[0] != '\0') {
		snprintf(buf, size, "%s", v);
		return;
	}
	*must_exist = 0;
	if ((v = env("XDG_CONFIG_HOME")) != NULL && v[0] == '/')
		snprintf(buf, size, "%s/smp/clinic.yaml", v);
	else if ((v = env("HOME")) != NULL && v[0] != '\0')
		snprintf(buf, size, "%s/.config/smp/clinic.yaml", v);
	else
		buf[0] = '\0';
	if (buf[0] != '\0' && access(buf, F_OK) == 0)
		return;
	snprintf(buf, size, "/etc/smp/clinic.yaml");
	if (access(buf, F_OK) != 0)
		buf[0] = '\0';
}

void
smp_system_zone(char *buf, size_t size)
{
	char link[PATH_MAX];
	ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
	const char *z;
	FILE *fp;

	buf[0] = '\0';
	if (n > 0) {
		link[n] = '\0';
		if ((z = strstr(link, "zoneinfo/")) != NULL) {
			snprintf(buf, size, "%s", z + strlen("zoneinfo/"));
			return;
		}
	}
	/* Debian also names it in /etc/timezone */
	if ((fp = fopen("/etc/timezone", "r")) != NULL) {
		if (fgets(buf, (int)size, fp) == NULL)
			buf[0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		fclose(fp);
	}
}
