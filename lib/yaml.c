/*
 * A YAML document as a small tree of nodes that remember where they stand
 * in the bytes, so the writer can splice without re-emitting (libyaml's
 * emitter drops comments).  Client files are hand-edited and may be
 * hostile: the size and nesting are capped here because libyaml 0.2.5
 * caps neither, and anchors and aliases are refused outright.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "smp.h"

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct smp_doc {
	char *name;
	char *bytes;
	size_t len;
	struct smp_node *root;
	struct chunk *chunks;
};

static void *take(struct smp_doc *doc, size_t size);

void *
smp_doc_alloc(struct smp_doc *doc, size_t size)
{
	return memset(take(doc, size), 0, size);
}

char *
smp_doc_strdup(struct smp_doc *doc, const char *s, size_t len)
{
	char *copy = take(doc, len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* size bytes that live as long as doc, not zeroed (text copied in). */
static void *
take(struct smp_doc *doc, size_t size)
{
	struct chunk *c = doc->chunks;
	size_t a = sizeof(max_align_t);

	size = (size + a - 1) / a * a;
	if (c == NULL || c->size - c->used < size) {
		size_t cap = size > 16384 ? size : 16384;

		/* not calloc: zeroing 16 KiB a file costs more than zeroing
		 * what is used, piece by piece */
		c = malloc(sizeof(*c) + cap);
		if (c == NULL)
			abort();	/* out of memory: nothing sane to do */
		c->used = 0;
		c->size = cap;
		c->next = doc->chunks;
		doc->chunks = c;
	}
	c->used += size;
	return (char *)c->data + c->used - size;
}

void
smp_doc_free(struct smp_doc *doc)
{
	if (doc == NULL)
		return;
	for (struct chunk *c = doc->chunks, *next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(doc->bytes);
	free(doc->name);
	free(doc);
}

const struct smp_node *smp_doc_root(const struct smp_doc *doc) { return doc->root; }
const char *smp_doc_name(const struct smp_doc *doc) { return doc->name; }

const char *
smp_doc_bytes(const struct smp_doc *doc, size_t *len)
{
	*len = doc->len;
	return doc->bytes;
}

const struct smp_node *
smp_map_get(const struct smp_node *map, const char *key)
{
	if (map == NULL || map->type != SMP_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->kids[2 * i]->str;

		/* two bytes settle most misses without a call (start,
		 * status, shade and seq share the first) */
		if (k[0] == key[0] && (k[0] == '\0' || k[1] == key[1]) &&
		    strcmp(k, key) == 0)
			return map->kids[2 * i + 1];
	}
	return NULL;
}

int
smp_node_equal(const struct smp_node *a, const struct smp_node *b)
{
	size_t kids;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->type != b->type || a->len != b->len || a->n != b->n ||
	    memcmp(a->str, b->str, a->len) != 0 ||
	    (a->type == SMP_SCALAR && a->plain != b->plain))
		return 0;
	kids = a->type == SMP_MAP ? 2 * a->n : a->type == SMP_SEQ ? a->n : 0;
	for (size_t i = 0; i < kids; i++)
		if (!smp_node_equal(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

int
smp_text_is_null(const char *s, size_t len, int plain)
{
	if (!plain)
		return 0;
	if (len > 4 || (len > 0 && s[0] != '~' && s[0] != 'n' && s[0] != 'N'))
		return 0;	/* most values: no compare needed */
	return len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

int
smp_node_is_null(const struct smp_node *n)
{
	if (n == NULL)
		return 1;
	return n->type == SMP_SCALAR && smp_text_is_null(n->str, n->len,
	    n->plain);
}

/* ---- building the tree from libyaml's events ------------------------ */

struct frame {
	struct smp_node *node;
	size_t base;			/* first kid in the kid stack */
};

struct builder {
	struct smp_doc *doc;
	struct smp_diag *diag;
	struct frame frames[SMP_MAX_DEPTH + 1];
	int depth;
	struct smp_node **kids;		/* children of open collections */
	size_t nkids, capkids;
	size_t origin;			/* 3 after a BOM, which marks skip */
	struct wide *wide;		/* the characters of several bytes */
	size_t nwide, capwide, at;	/* at: where the last lookup ended */
	size_t nodes;
};

/*
 * libyaml's marks count characters, the tree keeps bytes.  A character of
 * several bytes is rare in a client file (a name, a note), so the builder
 * lists those once, and a mark becomes a byte offset with a look at that
 * short list instead of a walk over the text.
 */
struct wide {
	size_t index;			/* the character's index */
	size_t extra;			/* bytes beyond one a character, so far */
};

static void
add_wide(struct builder *b, size_t index, size_t extra)
{
	if (b->nwide == b->capwide) {
		b->capwide = b->capwide ? 2 * b->capwide : 16;
		b->wide = realloc(b->wide, b->capwide * sizeof(*b->wide));
		if (b->wide == NULL)
			abort();
	}
	b->wide[b->nwide].index = index;
	b->wide[b->nwide++].extra = extra;
}

/* One pass over the bytes, eight at a time while they are ASCII.  A
 * character is a byte that continues none and the continuation bytes
 * after it, as libyaml's reader counts (it stops at anything invalid
 * before a mark could lie beyond). */
static void
find_wide(struct builder *b)
{
	const unsigned char *s = (const unsigned char *)b->doc->bytes;
	size_t len = b->doc->len, p = b->origin, index = 0, extra = 0;
	uint64_t w;

	while (p < len) {
		size_t q = p + 1;

		if (p + 8 <= len && (memcpy(&w, s + p, 8),
		    (w & 0x8080808080808080ULL) == 0) &&
		    (p + 8 == len || (s[p + 8] & 0xc0) != 0x80)) {
			p += 8;
			index += 8;
			continue;
		}
		while (q < len && (s[q] & 0xc0) == 0x80)
			q++;
		if (q - p > 1) {
			extra += q - p - 1;
			add_wide(b, index, extra);
		}
		index++;
		p = q;
	}
}

/* The byte offset of character index i (marks mostly move forward). */
static size_t
byte_at(struct builder *b, size_t i)
{
	size_t at = b->at, off;

	while (at > 0 && b->wide[at - 1].index >= i)
		at--;
	while (at < b->nwide && b->wide[at].index < i)
		at++;
	b->at = at;
	off = b->origin + i + (at > 0 ? b->wide[at - 1].extra : 0);
	return off < b->doc->len ? off : b->doc->len;
}

/* The key path of the value being built, for messages. */
static void
path_of(const struct builder *b, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < b->depth && o < size; i++) {
		const struct frame *f = &b->frames[i];
		size_t n = b->nkids - f->base;

		if (i + 1 < b->depth)
			n = b->frames[i + 1].base - f->base;
		if (f->node->type == SMP_SEQ)
			o += (size_t)snprintf(buf + o, size - o, "[%zu]", n);
		else if (n % 2 == 1)
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
			    o ? "." : "", b->kids[f->base + n - 1]->str);
	}
}

static int
fail_at(struct builder *b, yaml_mark_t m, const char *fmt, const char *what)
{
	char key[160];

	path_of(b, key, sizeof(key));
	return smp_diag_set(b->diag, SMP_INVALID, b->doc->name,
	    (int)m.line + 1, (int)m.column + 1, key, fmt, what);
}

static struct smp_node *
new_node(struct builder *b, enum smp_node_type t, yaml_mark_t m)
{
	struct smp_node *n = smp_doc_alloc(b->doc, sizeof(*n));

	b->nodes++;
	n->type = t;
	n->line = (int)m.line + 1;
	n->col = (int)m.column + 1;
	n->start = byte_at(b, m.index);
	n->str = "";
	return n;
}

static void
push_kid(struct builder *b, struct smp_node *n)
{
	if (b->depth == 0) {
		b->doc->root = n;
		return;
	}
	if (b->nkids == b->capkids) {
		/* a client file has a few hundred values: one allocation */
		b->capkids = b->capkids ? 2 * b->capkids : 512;
		b->kids = realloc(b->kids, b->capkids * sizeof(*b->kids));
		if (b->kids == NULL)
			abort();
	}
	b->kids[b->nkids++] = n;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct smp_node *x = *(struct smp_node *const *)a;
	const struct smp_node *y = *(struct smp_node *const *)b;
	int c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The first key (in the file) that an earlier key of a small map has:
 * the pairs cost less than sorting for the maps client files have. */
static const struct smp_node *
small_duplicate(const struct smp_node *map)
{
	for (size_t j = 1; j < map->n; j++) {
		const char *k = map->kids[2 * j]->str;

		for (size_t i = 0; i < j; i++)
			if (map->kids[2 * i]->str[0] == k[0] &&
			    strcmp(map->kids[2 * i]->str, k) == 0)
				return map->kids[2 * j];
	}
	return NULL;
}

/* Sorting finds duplicates in n log n even in a hostile 100k-key map. */
static int
check_duplicates(struct builder *b, struct smp_node *map)
{
	size_t n = map->n;
	struct smp_node **keys;
	const struct smp_node *dup = NULL;

	if (n < 2)
		return SMP_OK;
	if (n <= 16) {
		dup = small_duplicate(map);
		goto found;
	}
	keys = malloc(n * sizeof(*keys));
	if (keys == NULL)
		abort();
	for (size_t i = 0; i < n; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (size_t i = 1; i < n; i++)
		if (strcmp(keys[i]->str, keys[i - 1]->str) == 0 &&
		    (dup == NULL || keys[i]->start < dup->start))
			dup = keys[i];
	free(keys);
found:
	if (dup == NULL)
		return SMP_OK;
	{
		char path[160], q[80];

		path_of(b, path, sizeof(path));
		snprintf(path + strlen(path), sizeof(path) - strlen(path),
		    "%s%s", path[0] ? "." : "", dup->str);
		return smp_diag_set(b->diag, SMP_INVALID, b->doc->name,
		    dup->line, dup->col, path, "duplicate key %s",
		    smp_quote(q, sizeof(q), dup->str));
	}
}

static int
open_collection(struct builder *b, yaml_event_t *ev, enum smp_node_type t)
{
	struct smp_node *n;

	if (b->depth == SMP_MAX_DEPTH)
		return fail_at(b, ev->start_mark,
		    "nested deeper than %s levels", "32");
	n = new_node(b, t, ev->start_mark);
	if (t == SMP_SEQ)
		n->flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	else
		n->flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	b->frames[b->depth].node = n;
	b->frames[b->depth].base = b->nkids;
	b->depth++;
	return SMP_OK;
}

static int
close_collection(struct builder *b, yaml_event_t *ev)
{
	struct frame *f = &b->frames[b->depth - 1];
	struct smp_node *n = f->node;
	size_t count = b->nkids - f->base;

	n->end = byte_at(b, ev->end_mark.index);
	n->kids = smp_doc_alloc(b->doc, (count ? count : 1) * sizeof(*n->kids));
	if (count > 0)
		memcpy(n->kids, b->kids + f->base, count * sizeof(*n->kids));
	n->n = n->type == SMP_MAP ? count / 2 : count;
	if (n->type == SMP_MAP) {
		int rc = check_duplicates(b, n);

		if (rc != SMP_OK)
			return rc;
	}
	b->nkids = f->base;
	b->depth--;
	push_kid(b, n);
	return SMP_OK;
}

static int
add_scalar(struct builder *b, yaml_event_t *ev)
{
	struct smp_node *n = new_node(b, SMP_SCALAR, ev->start_mark);
	size_t len = ev->data.scalar.length;

	/* the file has no NUL (find_nul): only an escape can make one */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(ev->data.scalar.value, '\0', len) != NULL)
		return fail_at(b, ev->start_mark, "%s", "text holds a NUL character");
	/* YAML 1.1 readers merge "<<" keys: others would see other data */
	if (len == 2 && memcmp(ev->data.scalar.value, "<<", 2) == 0 &&
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    b->depth > 0 && b->frames[b->depth - 1].node->type == SMP_MAP &&
	    (b->nkids - b->frames[b->depth - 1].base) % 2 == 0)
		return fail_at(b, ev->start_mark, "%s",
		    "merge keys (<<) are not allowed in these files");
	/* a key must be text: a collection here is caught in add_kid */
	n->str = smp_doc_strdup(b->doc, (const char *)ev->data.scalar.value,
	    len);
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->end = byte_at(b, ev->end_mark.index);
	push_kid(b, n);
	return SMP_OK;
}

/* A mapping key that is itself a list or mapping cannot be a field name. */
static int
collection_is_key(const struct builder *b)
{
	const struct frame *f;

	if (b->depth == 0)
		return 0;
	f = &b->frames[b->depth - 1];
	return f->node->type == SMP_MAP && (b->nkids - f->base) % 2 == 0;
}

/* Line and column (1-based, in characters) of byte offset at, counting
 * LF, CRLF and CR as line breaks and a leading BOM as nothing, as
 * libyaml's own marks do. */
static void
locate(const struct smp_doc *doc, size_t at, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)doc->bytes;
	size_t i = doc->len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	*line = *col = 1;
	for (; i < at && i < doc->len; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			(*line)++;
			*col = 1;
		} else if (s[i] != '\r' && (s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* The lead byte of the character a reader error is about: libyaml
 * points at the bad trailing octet, a reader wants the character. */
static size_t
broken_char(const struct smp_doc *doc, const yaml_parser_t *p)
{
	const unsigned char *s = (const unsigned char *)doc->bytes;
	size_t at = p->problem_offset;

	if (p->problem == NULL || (strstr(p->problem, "trailing") == NULL &&
	    strstr(p->problem, "incomplete") == NULL))
		return at;
	while (at > 0 && (s[at - 1] & 0xc0) == 0x80)
		at--;
	if (at > 0 && (s[at - 1] & 0xc0) == 0xc0)
		at--;
	return at;
}

static int
parser_error(struct builder *b, yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "cannot be parsed";
	yaml_mark_t m = p->problem_mark;
	const char *doc = b->doc->name;

	if (p->error == YAML_READER_ERROR) {
		int line, col;

		locate(b->doc, broken_char(b->doc, p), &line, &col);
		return smp_diag_set(b->diag, SMP_INVALID, doc, line, col, NULL,
		    "not valid UTF-8 text (%s)", problem);
	}
	if (p->context && strstr(p->context, "quoted scalar") &&
	    strstr(problem, "end of stream"))
		return smp_diag_set(b->diag, SMP_INVALID, doc,
		    (int)p->context_mark.line + 1, (int)p->context_mark.column + 1,
		    NULL, "YAML syntax: a quote that is never closed");
	if (m.index < b->doc->len && strstr(problem, "cannot start any token") &&
	    b->doc->bytes[byte_at(b, m.index)] == '\t')
		return smp_diag_set(b->diag, SMP_INVALID, doc, (int)m.line + 1,
		    (int)m.column + 1, NULL,
		    "YAML syntax: a tab character; indent with spaces");
	if (p->context)
		return smp_diag_set(b->diag, SMP_INVALID, doc, (int)m.line + 1,
		    (int)m.column + 1, NULL, "YAML syntax: %s %s", problem,
		    p->context);
	return smp_diag_set(b->diag, SMP_INVALID, doc, (int)m.line + 1,
	    (int)m.column + 1, NULL, "YAML syntax: %s", problem);
}

static int
has_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor != NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor != NULL;
	default:
		return 0;
	}
}

/* Tags (!!str, !x) change what a value means and where a writer may
 * splice; client and clinic files need none. */
static int
has_tag(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.tag != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.tag != NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.tag != NULL;
	default:
		return 0;
	}
}

/* One event into the tree; *done set at the end of the stream. */
static int
take_event(struct builder *b, yaml_event_t *ev, int *docs, int *done)
{
	/* a client file has hundreds of values; a million is an attack that
	 * would cost memory before any other check could see it */
	if (b->nodes >= SMP_MAX_NODES)
		return fail_at(b, ev->start_mark, "more than %s values; "
		    "not a client or clinic file", SMP_MAX_NODES_TEXT);
	if (ev->type == YAML_ALIAS_EVENT || has_anchor(ev))
		return fail_at(b, ev->start_mark, "%s",
		    "anchors and aliases are not allowed in these files");
	if (has_tag(ev))
		return fail_at(b, ev->start_mark, "%s",
		    "tags (!...) are not allowed in these files");
	if ((ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT) && collection_is_key(b))
		return fail_at(b, ev->start_mark, "%s",
		    "a key must be plain text, not a list or mapping");
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return fail_at(b, ev->start_mark, "%s",
			    "a second YAML document; one file holds one");
		return SMP_OK;
	case YAML_SCALAR_EVENT:
		return add_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, ev, SMP_SEQ);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, ev, SMP_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b, ev);
	case YAML_STREAM_END_EVENT:
		*done = 1;
		return SMP_OK;
	default:
		return SMP_OK;
	}
}

static int
find_nul(struct smp_doc *doc, struct smp_diag *d)
{
	const char *nul = memchr(doc->bytes, '\0', doc->len);
	int line, col;

	if (nul == NULL)
		return SMP_OK;
	locate(doc, (size_t)(nul - doc->bytes), &line, &col);
	return smp_diag_set(d, SMP_INVALID, doc->name, line, col, NULL,
	    "a NUL byte: this is not a text file");
}

int
smp_doc_build(struct smp_doc *doc, struct smp_diag *d)
{
	struct builder b = { .doc = doc, .diag = d };
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = SMP_OK, docs = 0, done = 0;

	/* libyaml would take UTF-16 too; these files are UTF-8 */
	if (doc->len >= 2 && ((unsigned char)doc->bytes[0] == 0xff ||
	    (unsigned char)doc->bytes[0] == 0xfe))
		return smp_diag_set(d, SMP_INVALID, doc->name, 1, 1, NULL,
		    "not UTF-8 text (UTF-16?); save the file as UTF-8");
	if ((rc = find_nul(doc, d)) != SMP_OK)
		return rc;
	if (doc->len >= 3 && memcmp(doc->bytes, "\xef\xbb\xbf", 3) == 0)
		b.origin = 3;
	find_wide(&b);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)doc->bytes,
	    doc->len);
	while (!done && rc == SMP_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_error(&b, &parser);
			break;
		}
		rc = take_event(&b, &ev, &docs, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.kids);
	free(b.wide);
	return rc;
}

struct smp_doc *
smp_doc_wrap(const char *name, char *bytes, size_t len)
{
	struct smp_doc *doc = calloc(1, sizeof(*doc));

	if (doc == NULL || (doc->name = strdup(name)) == NULL)
		abort();
	doc->bytes = bytes;
	doc->len = len;
	return doc;
}

/* Parses bytes (len + 1 long, NUL-terminated), which the doc then owns. */
static int
parse_owned(const char *name, char *bytes, size_t len, struct smp_doc **out,
    struct smp_diag *d)
{
	struct smp_doc *doc = smp_doc_wrap(name, bytes, len);
	int rc = smp_doc_build(doc, d);

	if (rc != SMP_OK) {
		smp_doc_free(doc);
		return rc;
	}
	*out = doc;
	return SMP_OK;
}

int
smp_doc_parse(const char *name, const char *bytes, size_t len,
    struct smp_doc **out, struct smp_diag *d)
{
	char *copy = malloc(len + 1);

	if (copy == NULL)
		abort();
	memcpy(copy, bytes, len);
	copy[len] = '\0';
	return parse_owned(name, copy, len, out, d);
}

/* Reads at most SMP_MAX_FILE + 1 bytes, so a huge file costs nothing. */
int
smp_file_read(const char *path, char **buf, size_t *len, time_t *mtime,
    struct smp_diag *d)
{
	/* non-blocking, so a FIFO or device cannot hang us before fstat */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	size_t limit = SMP_MAX_FILE + 1, size, n = 0;
	char *p;

	if (fd < 0)
		return smp_diag_set(d, SMP_NOINPUT, path, 0, 0, NULL,
		    "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;		/* no type: not a regular file */
	if (!S_ISREG(st.st_mode)) {
		int isdir = S_ISDIR(st.st_mode);

		close(fd);
		return smp_diag_set(d, SMP_NOINPUT, path, 0, 0, NULL,
		    isdir ? "is a directory" : "is not a regular file");
	}
	/* sized by fstat, but a file may grow while we read it */
	size = st.st_size > 0 && (size_t)st.st_size < limit ?
	    (size_t)st.st_size + 1 : 4096;
	if ((p = malloc(size + 1)) == NULL)
		abort();
	for (;;) {
		ssize_t r;

		if (n == size && size < limit) {
			size = size * 2 < limit ? size * 2 : limit;
			if ((p = realloc(p, size + 1)) == NULL)
				abort();
		}
		r = read(fd, p + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			free(p);
			return smp_diag_set(d, SMP_NOINPUT, path, 0, 0, NULL,
			    "cannot read: %s", strerror(e));
		}
		/* all fstat promised: no read for the end (one call a file
		 * less, which smp-remind feels); a file that grows after
		 * fstat is as if it had grown after the read */
		if (r == 0 || (n += (size_t)r) == limit ||
		    (st.st_size > 0 && n == (size_t)st.st_size))
			break;
	}
	close(fd);
	if (n == limit) {
		free(p);
		return smp_diag_set(d, SMP_INVALID, path, 0, 0, NULL,
		    "larger than %d KiB; not a client or clinic file",
		    SMP_MAX_FILE / 1024);
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	if (mtime != NULL)
		*mtime = st.st_mtime;
	return SMP_OK;
}

int
smp_doc_load(const char *path, struct smp_doc **out, struct smp_diag *d)
{
	char *bytes = NULL;
	size_t len = 0;
	int rc = smp_file_read(path, &bytes, &len, NULL, d);

	if (rc != SMP_OK)
		return rc;
	return parse_owned(path, bytes, len, out, d);
}
