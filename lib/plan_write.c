/*
 * The plan back into the client file, as splices into the original
 * bytes: a changed value is replaced where it stands, a missing key goes
 * in after the key that precedes it in client-format.md's order, and a
 * new session follows its siblings' style and indentation.  Sessions the
 * plan keeps are not touched at all, so they stay byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static const char *const session_keys[] = { "n", "kind", "start", "minutes",
	"practitioner", "shade", "status", "seq", "notes", NULL };

struct edits {
	const struct smp_doc *doc;
	const char *bytes;
	size_t len;
	const char *nl;
	struct smp_splice *v;
	size_t n, cap;
};

static void
edit(struct edits *e, size_t start, size_t end, const char *text)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		if ((e->v = realloc(e->v, e->cap * sizeof(*e->v))) == NULL)
			abort();
	}
	if ((e->v[e->n].text = strdup(text)) == NULL)
		abort();
	e->v[e->n].start = start;
	e->v[e->n].end = end;
	e->n++;
}

static void
edits_free(struct edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free((char *)e->v[i].text);
	free(e->v);
}

/* By position, keeping the order of edits made at the same place. */
static void
edits_sort(struct edits *e)
{
	for (size_t i = 1; i < e->n; i++) {
		struct smp_splice s = e->v[i];
		size_t j = i;

		for (; j > 0 && e->v[j - 1].start > s.start; j--)
			e->v[j] = e->v[j - 1];
		e->v[j] = s;
	}
}

static void
spaces(struct smp_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		smp_buf_str(b, " ");
}

static const struct smp_node *
key_node(const struct smp_node *map, const char *key)
{
	for (size_t i = 0; map != NULL && i < map->n; i++)
		if (strcmp(map->kids[2 * i]->str, key) == 0)
			return map->kids[2 * i];
	return NULL;
}

/* `key:` with nothing after it: an empty scalar has no extent of its own. */
static int
empty_value(const struct smp_node *v)
{
	return v->type == SMP_SCALAR && v->plain && v->len == 0;
}

/* Just past the ':' that follows key. */
static size_t
after_colon(const struct edits *e, const struct smp_node *key)
{
	size_t i = key->end;

	while (i < e->len && e->bytes[i] != ':')
		i++;
	return i < e->len ? i + 1 : key->end;
}

/* Where the text of key's value ends. */
static size_t
value_end(const struct edits *e, const struct smp_node *map,
    const struct smp_node *key)
{
	const struct smp_node *v = smp_map_get(map, key->str);

	return empty_value(v) ? after_colon(e, key) : smp_node_content_end(v);
}

/* Text that must start a line: a last line without a break gets one. */
static void
line_start(struct smp_buf *b, const struct edits *e, size_t at)
{
	if (at == e->len && e->len > 0 && e->bytes[e->len - 1] != '\n')
		smp_buf_str(b, e->nl);
}

/* A key the item lacks: after the nearest key before it in spec order. */
static void
insert_field(struct edits *e, const struct smp_node *map, const char *key,
    const char *value)
{
	const struct smp_node *prev = NULL;
	struct smp_buf b = { 0 };
	size_t at, i;

	for (i = 0; session_keys[i] != NULL && strcmp(session_keys[i], key); i++)
		;
	while (i-- > 0 && prev == NULL)
		prev = key_node(map, session_keys[i]);
	if (prev == NULL)
		prev = map->kids[0];	/* n is required; never here */
	at = value_end(e, map, prev);
	if (map->flow) {
		smp_buf_str(&b, ", ");
	} else {
		at = smp_doc_line_end(e->doc, at);
		line_start(&b, e, at);
		spaces(&b, map->kids[0]->col - 1);
	}
	smp_buf_str(&b, key);
	smp_buf_str(&b, ": ");
	smp_buf_str(&b, value);
	if (!map->flow)
		smp_buf_str(&b, e->nl);
	edit(e, at, at, b.data);
	smp_buf_free(&b);
}

static void
set_field(struct edits *e, const struct smp_node *map, const char *key,
    const char *value)
{
	const struct smp_node *k = key_node(map, key), *v;
	struct smp_buf b = { 0 };

	if (k == NULL) {
		insert_field(e, map, key, value);
		return;
	}
	v = smp_map_get(map, key);
	if (empty_value(v)) {
		size_t at = after_colon(e, k);

		smp_buf_str(&b, " ");
		smp_buf_str(&b, value);
		edit(e, at, at, b.data);
	} else {
		smp_buf_str(&b, value);
		/* a block scalar owns its line break: give it back */
		if (v->end > v->start && e->bytes[v->end - 1] == '\n')
			smp_buf_str(&b, e->nl);
		edit(e, v->start, v->end, b.data);
	}
	smp_buf_free(&b);
}

static void
set_int(struct edits *e, const struct smp_node *map, const char *key, int v)
{
	char num[32];

	snprintf(num, sizeof(num), "%d", v);
	set_field(e, map, key, num);
}

static int
same_time(struct smp_time a, struct smp_time b)
{
	return smp_date_cmp(a.date, b.date) == 0 && a.hour == b.hour &&
	    a.min == b.min;
}

static int
same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The changed fields of a session already in the file. */
static void
item_edits(struct edits *e, const struct smp_session *old,
    const struct smp_session *s, const struct smp_protocol *proto)
{
	const struct smp_node *map = old->node;
	/* without the key, minutes follow the kind */
	int minutes = smp_node_is_null(smp_map_get(map, "minutes")) ?
	    proto->minutes[s->kind] : old->minutes;
	char when[17];

	if (s->kind != old->kind)
		set_field(e, map, "kind", smp_kind_names[s->kind]);
	if (!same_time(s->start, old->start)) {
		smp_time_format(s->start, when);
		set_field(e, map, "start", when);
	}
	if (s->minutes != minutes)
		set_int(e, map, "minutes", s->minutes);
	if (!same_text(s->practitioner, old->practitioner)) {
		struct smp_buf b = { 0 };

		smp_yaml_scalar(&b, s->practitioner, map->flow);
		set_field(e, map, "practitioner", b.data);
		smp_buf_free(&b);
	}
	if (s->shade != old->shade)
		set_int(e, map, "shade", s->shade);
	if (s->status != old->status)
		set_field(e, map, "status", smp_status_names[s->status]);
	if (s->seq != old->seq)
		set_int(e, map, "seq", s->seq);
}

/* One "key: value" pair of a new session; sep goes before all but n. */
static void
pair(struct smp_buf *b, const char *sep, const char *key, const char *value)
{
	if (strcmp(key, "n") != 0)
		smp_buf_str(b, sep);
	smp_buf_str(b, key);
	smp_buf_str(b, ": ");
	smp_buf_str(b, value);
}

static void
pair_int(struct smp_buf *b, const char *sep, const char *key, int v)
{
	char num[32];

	snprintf(num, sizeof(num), "%d", v);
	pair(b, sep, key, num);
}

/* A new session's pairs in spec order, seq only when above 0. */
static void
new_fields(struct smp_buf *b, const struct smp_session *s, const char *sep,
    int flow)
{
	char when[17];

	smp_time_format(s->start, when);
	pair_int(b, sep, "n", s->n);
	pair(b, sep, "kind", smp_kind_names[s->kind]);
	pair(b, sep, "start", when);
	pair_int(b, sep, "minutes", s->minutes);
	if (s->practitioner != NULL) {
		struct smp_buf v = { 0 };

		smp_yaml_scalar(&v, s->practitioner, flow);
		pair(b, sep, "practitioner", v.data);
		smp_buf_free(&v);
	}
	if (s->shade > 0)
		pair_int(b, sep, "shade", s->shade);
	pair(b, sep, "status", smp_status_names[s->status]);
	if (s->seq > 0)
		pair_int(b, sep, "seq", s->seq);
}

static void
block_item(struct smp_buf *b, const struct smp_session *s, int dash, int key,
    const char *nl)
{
	struct smp_buf sep = { 0 };

	smp_buf_str(&sep, nl);
	spaces(&sep, key);
	spaces(b, dash);
	smp_buf_str(b, "-");
	spaces(b, key - dash - 1);
	new_fields(b, s, sep.data, 0);
	smp_buf_str(b, nl);
	smp_buf_free(&sep);
}

static void
flow_item(struct smp_buf *b, const struct smp_session *s)
{
	smp_buf_str(b, "{");
	new_fields(b, s, ", ", 1);
	smp_buf_str(b, "}");
}

/* Where a new top-level key goes: the end, or before a document marker
 * (... or ---) that follows the mapping. */
static size_t
top_end(const struct edits *e, const struct smp_node *top)
{
	size_t at = smp_doc_line_end(e->doc, smp_node_content_end(top));

	for (size_t i = at; i < e->len; ) {
		const char *nl;

		if (e->len - i >= 3 && (memcmp(e->bytes + i, "...", 3) == 0 ||
		    memcmp(e->bytes + i, "---", 3) == 0))
			return at;
		if ((nl = memchr(e->bytes + i, '\n', e->len - i)) == NULL)
			break;
		i = (size_t)(nl - e->bytes) + 1;
	}
	return e->len;
}

/* Drops a null or [] value and says where block items under key go. */
static size_t
clear_value(struct edits *e, const struct smp_node *key,
    const struct smp_node *v)
{
	size_t start = v->start;

	if (empty_value(v))
		return smp_doc_line_end(e->doc, after_colon(e, key));
	/* "sessions: ~" becomes "sessions:", not "sessions: " */
	while (start > key->end && (e->bytes[start - 1] == ' ' ||
	    e->bytes[start - 1] == '\t'))
		start--;
	edit(e, start, v->end, "");
	return smp_doc_line_end(e->doc, v->end);
}

/* The new sessions after the last item of a list that has some, in the
 * style of its items: block, or { } in a block or a [ ] list. */
static void
append_to_list(struct edits *e, const struct smp_node *list,
    const struct smp_plan *p)
{
	const struct smp_node *first = list->kids[0];
	int flow_items = list->flow || first->flow, dash = list->col - 1;
	int col = first->type == SMP_MAP && !first->flow ? first->col - 1 :
	    dash + 2;
	size_t at = smp_node_content_end(list->kids[list->n - 1]);
	struct smp_buf b = { 0 };

	if (!list->flow) {
		at = smp_doc_line_end(e->doc, at);
		line_start(&b, e, at);
	}
	for (size_t i = 0; i < p->n; i++) {
		if (p->items[i].change != SMP_PLAN_NEW)
			continue;
		if (list->flow)
			smp_buf_str(&b, ", ");
		else if (flow_items) {
			spaces(&b, dash);
			smp_buf_str(&b, "- ");
		}
		if (flow_items)
			flow_item(&b, &p->items[i].s);
		else
			block_item(&b, &p->items[i].s, dash, col, e->nl);
		if (!list->flow && flow_items)
			smp_buf_str(&b, e->nl);
	}
	edit(e, at, at, b.data ? b.data : "");
	smp_buf_free(&b);
}

/* The new sessions as a block list: under `sessions:` when its value is
 * null or [], else under a new top-level key. */
static void
new_list(struct edits *e, const struct smp_node *top, const struct smp_plan *p)
{
	const struct smp_node *key = key_node(top, "sessions");
	struct smp_buf b = { 0 };
	size_t at;
	int dash;

	if (key == NULL) {
		at = top_end(e, top);
		line_start(&b, e, at);
		spaces(&b, top->col - 1);
		smp_buf_str(&b, "sessions:");
		smp_buf_str(&b, e->nl);
		dash = top->col - 1 + 2;
	} else {
		at = clear_value(e, key, smp_map_get(top, "sessions"));
		line_start(&b, e, at);
		dash = key->col - 1 + 2;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].change == SMP_PLAN_NEW)
			block_item(&b, &p->items[i].s, dash, dash + 2, e->nl);
	edit(e, at, at, b.data ? b.data : "");
	smp_buf_free(&b);
}

static void
append_items(struct edits *e, const struct smp_node *top,
    const struct smp_plan *p)
{
	const struct smp_node *list = smp_map_get(top, "sessions");

	if (list != NULL && list->type == SMP_SEQ && list->n > 0)
		append_to_list(e, list, p);
	else
		new_list(e, top, p);
}

/* `sessions: N` into a plan mapping that has other keys, or a new value. */
static void
plan_key(struct edits *e, const struct smp_client *c,
    const struct smp_node *plan, const char *num)
{
	const struct smp_node *k = key_node(plan, "sessions");
	struct smp_buf b = { 0 };
	size_t at;

	if (k != NULL) {
		if (smp_node_is_null(smp_map_get(plan, "sessions")) ||
		    c->plan_sessions != atoi(num))
			set_field(e, plan, "sessions", num);
		return;
	}
	at = value_end(e, plan, plan->kids[2 * (plan->n - 1)]);
	if (plan->flow)
		smp_buf_str(&b, ", ");
	else {
		at = smp_doc_line_end(e->doc, at);
		line_start(&b, e, at);
		spaces(&b, plan->kids[0]->col - 1);
	}
	smp_buf_str(&b, "sessions: ");
	smp_buf_str(&b, num);
	smp_buf_str(&b, plan->flow ? "" : e->nl);
	edit(e, at, at, b.data);
	smp_buf_free(&b);
}

/* A new `plan:` mapping: under the key when its value is null, else a
 * new key above the sessions, where a reader looks for it. */
static void
new_plan(struct edits *e, const struct smp_node *top, const char *num)
{
	const struct smp_node *key = key_node(top, "plan");
	const struct smp_node *s = key_node(top, "sessions");
	struct smp_buf b = { 0 };
	size_t at;
	int indent;

	if (key != NULL) {
		at = clear_value(e, key, smp_map_get(top, "plan"));
		line_start(&b, e, at);
		indent = key->col - 1 + 2;
	} else {
		at = s != NULL ? s->start - (size_t)(s->col - 1) : top_end(e, top);
		line_start(&b, e, at);
		spaces(&b, top->col - 1);
		smp_buf_str(&b, "plan:");
		smp_buf_str(&b, e->nl);
		indent = top->col - 1 + 2;
	}
	spaces(&b, indent);
	smp_buf_str(&b, "sessions: ");
	smp_buf_str(&b, num);
	smp_buf_str(&b, e->nl);
	edit(e, at, at, b.data);
	smp_buf_free(&b);
}

/* plan.sessions, for --sessions N. */
static void
store_sessions(struct edits *e, const struct smp_client *c,
    const struct smp_node *top, int n)
{
	const struct smp_node *plan = smp_map_get(top, "plan");
	char num[32], flow[48];

	snprintf(num, sizeof(num), "%d", n);
	if (plan != NULL && plan->type == SMP_MAP && plan->n > 0)
		plan_key(e, c, plan, num);
	else if (plan != NULL && plan->type == SMP_MAP) {
		snprintf(flow, sizeof(flow), "{sessions: %d}", n);	/* {} */
		edit(e, plan->start, plan->end, flow);
	} else
		new_plan(e, top, num);
}

static int
any_new(const struct smp_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].change == SMP_PLAN_NEW)
			return 1;
	return 0;
}

int
smp_plan_splice(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_plan *p, struct smp_buf *out, struct smp_diag *d)
{
	const struct smp_node *top = smp_doc_root(c->doc);
	struct edits e = { .doc = c->doc, .nl = smp_doc_newline(c->doc) };
	int rc = SMP_OK;

	e.bytes = smp_doc_bytes(c->doc, &e.len);
	if (top->flow)
		return smp_diag_set(d, SMP_INVALID, c->path, top->line, top->col,
		    NULL, "written as one {...} mapping; tools add to "
		    "block-style files only");
	if (p->store_sessions > 0)
		store_sessions(&e, c, top, p->store_sessions);
	for (size_t i = 0; i < p->n; i++) {
		const struct smp_plan_item *it = &p->items[i];

		if (it->index >= 0 && it->change != SMP_PLAN_KEPT)
			item_edits(&e, &c->sessions[it->index], &it->s,
			    &k->protocol);
	}
	if (any_new(p))
		append_items(&e, top, p);
	edits_sort(&e);
	if (smp_splice(c->doc, e.v, e.n, out) != 0)
		rc = smp_diag_set(d, SMP_INVALID, c->path, 0, 0, "sessions",
		    "cannot find where the sessions go; nothing written");
	edits_free(&e);
	return rc;
}

static int
same_session(const struct smp_session *a, const struct smp_session *b)
{
	return a->n == b->n && a->kind == b->kind &&
	    same_time(a->start, b->start) && a->minutes == b->minutes &&
	    same_text(a->practitioner, b->practitioner) &&
	    a->shade == b->shade && a->status == b->status &&
	    a->seq == b->seq && same_text(a->notes, b->notes);
}

/* Every session as planned, the others as they were, nothing else. */
static int
as_planned(const struct smp_client *old, const struct smp_client *c,
    const struct smp_plan *p)
{
	size_t added = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct smp_session *s = smp_session_find(c, p->items[i].s.n);

		added += p->items[i].index < 0;
		if (s == NULL || !same_session(s, &p->items[i].s))
			return 0;
	}
	for (size_t i = 0; i < old->nsessions; i++) {
		const struct smp_session *s = smp_session_find(c,
		    old->sessions[i].n);

		if (!smp_in_course(&old->sessions[i]) &&
		    (s == NULL || !same_session(s, &old->sessions[i])))
			return 0;
	}
	return c->nsessions == old->nsessions + added &&
	    strcmp(c->id, old->id) == 0 && c->nhealing == old->nhealing &&
	    (p->store_sessions == 0 || c->plan_sessions == p->store_sessions);
}

int
smp_plan_reads_back(const struct smp_client *c, const struct smp_plan *p,
    const struct smp_clinic *k, const struct smp_buf *b, struct smp_diag *d)
{
	struct smp_doc *doc;
	struct smp_client back;
	char why[sizeof(d->msg)];
	int ok;

	if (smp_doc_parse(c->path, b->data, b->len, &doc, d) != SMP_OK ||
	    smp_client_from_doc(doc, k, &back, d) != SMP_OK) {
		/* d->msg cannot be both source and target of the message */
		snprintf(why, sizeof(why), "%s", d->msg);
		return smp_diag_set(d, SMP_INVALID, c->path, 0, 0, "sessions",
		    "the plan would not read back (%.300s); nothing written",
		    why);
	}
	ok = as_planned(c, &back, p);
	smp_client_free(&back);
	if (!ok)
		return smp_diag_set(d, SMP_INVALID, c->path, 0, 0, "sessions",
		    "the plan would not read back as planned; nothing written");
	return SMP_OK;
}
