/*
 * Typed reads of YAML nodes.  Every read knows the key path it is at, so
 * a wrong value is reported as "sessions[1].start" with its line and
 * column, however deep it sits.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"

/* Appends s to the path, cut short (as snprintf would) where it is full. */
static void
path_add(struct smp_reader *r, const char *s)
{
	size_t len = strlen(r->path), n = strlen(s);

	if (n > sizeof(r->path) - 1 - len)
		n = sizeof(r->path) - 1 - len;
	memcpy(r->path + len, s, n);
	r->path[len + n] = '\0';
}

size_t
smp_reader_push(struct smp_reader *r, const char *key, size_t index)
{
	size_t old = strlen(r->path);
	char num[32], *p = num + sizeof(num);

	/* by hand, not snprintf: this runs for every item of every file */
	if (key != NULL) {
		path_add(r, old ? "." : "");
		path_add(r, key);
		return old;
	}
	*--p = '\0';
	*--p = ']';
	do
		*--p = (char)('0' + index % 10);
	while ((index /= 10) > 0);
	*--p = '[';
	path_add(r, p);
	return old;
}

void
smp_reader_pop(struct smp_reader *r, size_t oldlen)
{
	r->path[oldlen] = '\0';
}

int
smp_reader_fail(struct smp_reader *r, const struct smp_node *at,
    const char *key, const char *fmt, ...)
{
	size_t old = key ? smp_reader_push(r, key, 0) : strlen(r->path);
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	smp_diag_set(r->diag, SMP_INVALID, r->file, at ? at->line : 0,
	    at ? at->col : 0, r->path, "%s", msg);
	smp_reader_pop(r, old);
	return SMP_INVALID;
}

static const char *const type_names[] = { "text", "a list", "a mapping" };

int
smp_expect(struct smp_reader *r, const struct smp_node *node, const char *key,
    enum smp_node_type t)
{
	if (node != NULL && node->type == t)
		return SMP_OK;
	if (node == NULL)
		return smp_reader_fail(r, NULL, key, "missing; must be %s",
		    type_names[t]);
	return smp_reader_fail(r, node, key, "is %s; must be %s",
	    type_names[node->type], type_names[t]);
}

/* The scalar under key, NULL when absent or null; *rc set on wrong type. */
static const struct smp_node *
scalar(struct smp_reader *r, const struct smp_node *map, const char *key,
    int *rc)
{
	const struct smp_node *n = smp_map_get(map, key);

	*rc = SMP_OK;
	if (smp_node_is_null(n))
		return NULL;
	if (n->type != SMP_SCALAR) {
		*rc = smp_expect(r, n, key, SMP_SCALAR);
		return NULL;
	}
	return n;
}

int
smp_read_text(struct smp_reader *r, const struct smp_node *map,
    const char *key, const char **out)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);

	if (n != NULL)
		*out = n->str;
	return rc;
}

/* Whole decimal numbers only: "3", "+3", "-3"; not "3.0", "0x3", " 3",
 * nor "010", which YAML 1.1 readers take for octal 8.  Returns -1 for
 * not a number, -2 for a leading zero, 1 for a number too large for a
 * long (as strtol's ERANGE), else 0.  By hand: every number of every
 * file comes through here. */
static int
parse_int(const char *s, long *out)
{
	int minus = *s == '-';
	const char *p = s + (minus || *s == '+');
	unsigned long v = 0, limit = minus ? (unsigned long)LONG_MAX + 1 :
	    (unsigned long)LONG_MAX;
	int big = 0;

	if (*p == '\0')
		return -1;
	for (const char *q = p; *q != '\0'; q++)
		if (*q < '0' || *q > '9')
			return -1;
	if (p[0] == '0' && p[1] != '\0')
		return -2;
	for (; *p != '\0' && !big; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (limit - d) / 10)
			big = 1;
		else
			v = v * 10 + d;
	}
	if (big)
		return 1;
	*out = minus ? (long)(0 - v) : (long)v;
	return 0;
}

int
smp_int_in(const char *s, int min, int max, int *out)
{
	long v;

	if (parse_int(s, &v) != 0 || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

int
smp_read_int(struct smp_reader *r, const struct smp_node *map,
    const char *key, int min, int max, int *out)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);
	long v;
	char q[80];

	if (n == NULL)
		return rc;
	switch (parse_int(n->str, &v)) {
	case -1:
		return smp_reader_fail(r, n, key, "%s is not a whole number",
		    smp_quote(q, sizeof(q), n->str));
	case -2:
		return smp_reader_fail(r, n, key, "%s has a leading zero, "
		    "which some programs read as octal; write it without",
		    smp_quote(q, sizeof(q), n->str));
	case 1:
		return smp_reader_fail(r, n, key, "%s is out of range %d..%d",
		    smp_quote(q, sizeof(q), n->str), min, max);
	}
	if (v < min || v > max)
		return smp_reader_fail(r, n, key, "%ld is out of range %d..%d",
		    v, min, max);
	*out = (int)v;
	return SMP_OK;
}

/* -1 unless s is a plain decimal number (no hex, no inf or nan). */
static int
parse_number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (s[0] == '\0' || strchr("+-.0123456789", s[0]) == NULL ||
	    *end != '\0' || errno != 0 || !isfinite(*out) ||
	    strpbrk(s, "xXpP") != NULL)
		return -1;
	return 0;
}

int
smp_number_parse(const char *s, double *out)
{
	return parse_number(s, out) == 0 && *out >= 0 ? 0 : -1;
}

int
smp_read_number(struct smp_reader *r, const struct smp_node *map,
    const char *key, double *out, int *present)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);
	char q[80];
	double v;

	if (n == NULL)
		return rc;
	if (parse_number(n->str, &v) != 0)
		return smp_reader_fail(r, n, key, "%s is not a number",
		    smp_quote(q, sizeof(q), n->str));
	if (v < 0)
		return smp_reader_fail(r, n, key, "%s is negative",
		    smp_quote(q, sizeof(q), n->str));
	*out = v;
	if (present)
		*present = 1;
	return SMP_OK;
}

int
smp_enum_index(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int
smp_read_enum(struct smp_reader *r, const struct smp_node *map,
    const char *key, const char *const *names, int *out)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);
	char q[80], list[200];
	size_t o = 0;
	int i;

	if (n == NULL)
		return rc;
	if ((i = smp_enum_index(names, n->str)) >= 0) {
		*out = i;
		return SMP_OK;
	}
	list[0] = '\0';
	for (i = 0; names[i] != NULL && o < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
		    i ? ", " : "", names[i]);
	return smp_reader_fail(r, n, key, "%s is not one of %s",
	    smp_quote(q, sizeof(q), n->str), list);
}

int
smp_read_date(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_date *out, int *present)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);
	char q[80];

	if (n == NULL)
		return rc;
	if (smp_date_parse(n->str, out) != 0)
		return smp_reader_fail(r, n, key,
		    "%s is not a date (YYYY-MM-DD)",
		    smp_quote(q, sizeof(q), n->str));
	if (present)
		*present = 1;
	return SMP_OK;
}

int
smp_read_time(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_time *out)
{
	int rc;
	const struct smp_node *n = scalar(r, map, key, &rc);
	char q[80];

	if (n == NULL)
		return rc;
	if (smp_time_parse(n->str, out) != 0)
		return smp_reader_fail(r, n, key,
		    "%s is not a date and time (YYYY-MM-DD HH:MM)",
		    smp_quote(q, sizeof(q), n->str));
	return SMP_OK;
}

int
smp_read_words(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_doc *doc, const char ***out, size_t *count)
{
	const struct smp_node *n = smp_map_get(map, key);
	const char **v;
	size_t old;

	if (smp_node_is_null(n))
		return SMP_OK;
	if (n->type != SMP_SEQ)
		return smp_expect(r, n, key, SMP_SEQ);
	v = smp_doc_alloc(doc, (n->n + 1) * sizeof(*v));
	old = smp_reader_push(r, key, 0);
	for (size_t i = 0; i < n->n; i++) {
		const struct smp_node *item = n->kids[i];

		if (item->type != SMP_SCALAR || smp_node_is_null(item)) {
			int rc;

			smp_reader_push(r, NULL, i);
			rc = smp_reader_fail(r, item, NULL, "must be text");
			smp_reader_pop(r, old);
			return rc;
		}
		v[i] = item->str;
	}
	smp_reader_pop(r, old);
	v[n->n] = NULL;
	*out = v;
	if (count)
		*count = n->n;
	return SMP_OK;
}
