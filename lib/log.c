/*
 * smp-heal --log: one new item at the end of the client's healing list,
 * whatever shape the list has (absent, null, [] or block), and nothing
 * else in the file touched.
 */
#include <string.h>

#include "smp.h"

static void
spaces(struct smp_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		smp_buf_str(b, " ");
}

/* "- date: D\n  session: N\n  note: T\n" at the given indentation. */
static void
block_item(struct smp_buf *b, const struct smp_log_entry *e, int dash,
    int key, const char *nl)
{
	char date[11], num[32];

	smp_date_format(e->date, date);
	spaces(b, dash);
	smp_buf_str(b, "-");
	spaces(b, key - dash - 1);
	smp_buf_str(b, "date: ");
	smp_buf_str(b, date);
	smp_buf_str(b, nl);
	if (e->session > 0) {
		snprintf(num, sizeof(num), "%d", e->session);
		spaces(b, key);
		smp_buf_str(b, "session: ");
		smp_buf_str(b, num);
		smp_buf_str(b, nl);
	}
	spaces(b, key);
	smp_buf_str(b, "note: ");
	smp_yaml_scalar(b, e->note, 0);
	smp_buf_str(b, nl);
}

static void
flow_item(struct smp_buf *b, const struct smp_log_entry *e)
{
	char date[11], num[32];

	smp_date_format(e->date, date);
	smp_buf_str(b, ", {date: ");
	smp_buf_str(b, date);
	if (e->session > 0) {
		snprintf(num, sizeof(num), ", session: %d", e->session);
		smp_buf_str(b, num);
	}
	smp_buf_str(b, ", note: ");
	smp_yaml_scalar(b, e->note, 1);
	smp_buf_str(b, "}");
}

/* Text that starts at a line start: a file without a final newline
 * gets one first. */
static void
line_start(struct smp_buf *b, const struct smp_doc *doc, size_t at,
    const char *nl)
{
	size_t len;
	const char *bytes = smp_doc_bytes(doc, &len);

	if (at == len && len > 0 && bytes[len - 1] != '\n' &&
	    bytes[len - 1] != '\r')
		smp_buf_str(b, nl);
}

/* The key node whose value is v in map. */
static const struct smp_node *
key_of(const struct smp_node *map, const struct smp_node *v)
{
	for (size_t i = 0; i < map->n; i++)
		if (map->kids[2 * i + 1] == v)
			return map->kids[2 * i];
	return NULL;
}

static int
append_to_block(const struct smp_doc *doc, const struct smp_node *list,
    const struct smp_log_entry *e, struct smp_buf *text, size_t *at)
{
	const struct smp_node *first = list->kids[0];
	int dash = list->col - 1;
	int key = first->type == SMP_MAP ? first->col - 1 : dash + 2;

	*at = smp_doc_line_end(doc, smp_node_content_end(list));
	line_start(text, doc, *at, smp_doc_newline(doc));
	block_item(text, e, dash, key, smp_doc_newline(doc));
	return SMP_OK;
}

/* The innermost last value of n: where the file's text ends. */
static const struct smp_node *
last_leaf(const struct smp_node *n)
{
	while (n->type != SMP_SCALAR && !n->flow && n->n > 0)
		n = n->kids[(n->type == SMP_MAP ? 2 * n->n : n->n) - 1];
	return n;
}

/* Where a new top-level key goes: the end of the file, or before a
 * document marker (... or ---) that follows the mapping.  A file that
 * ends inside a | or > block without a line break would see that text
 * change if we added one: then the key goes before the last key. */
static size_t
top_end(const struct smp_doc *doc, const struct smp_node *top)
{
	size_t len, at = smp_doc_line_end(doc, smp_node_content_end(top));
	const char *bytes = smp_doc_bytes(doc, &len);
	const struct smp_node *leaf = last_leaf(top);
	const struct smp_node *last_key = top->n ? top->kids[2 * (top->n - 1)] :
	    top;

	if (len > 0 && bytes[len - 1] != '\n' && bytes[len - 1] != '\r' &&
	    leaf->type == SMP_SCALAR && leaf->start < len &&
	    (bytes[leaf->start] == '|' || bytes[leaf->start] == '>'))
		return last_key->start - (size_t)(last_key->col - 1);
	for (size_t i = at; i < len; i = smp_doc_line_end(doc, i + 1))
		if (len - i >= 3 && (memcmp(bytes + i, "...", 3) == 0 ||
		    memcmp(bytes + i, "---", 3) == 0))
			return at;
	return len;
}

int
smp_log_append(const struct smp_doc *doc, const struct smp_log_entry *e,
    struct smp_buf *out, struct smp_diag *d)
{
	const struct smp_node *top = smp_doc_root(doc);
	const struct smp_node *list = smp_map_get(top, "healing");
	const char *nl = smp_doc_newline(doc);
	struct smp_buf text = { 0 };
	struct smp_splice s[2];
	size_t n = 0, len;
	int rc = SMP_OK;

	smp_doc_bytes(doc, &len);
	if (top->flow)
		return smp_diag_set(d, SMP_INVALID, smp_doc_name(doc), top->line,
		    top->col, NULL, "written as one {...} mapping; "
		    "tools add to block-style files only");
	if (list == NULL) {
		/* a new top-level key at the end, indented like its siblings */
		s[n].start = s[n].end = top_end(doc, top);
		line_start(&text, doc, s[n].start, nl);
		spaces(&text, top->col - 1);
		smp_buf_str(&text, "healing:");
		smp_buf_str(&text, nl);
		block_item(&text, e, top->col + 1, top->col + 3, nl);
	} else if (list->type == SMP_SEQ && list->flow && list->n > 0) {
		s[n].start = s[n].end = smp_node_content_end(list->kids[list->n - 1]);
		flow_item(&text, e);
	} else if (list->type == SMP_SEQ && !list->flow) {
		s[n].end = 0;
		rc = append_to_block(doc, list, e, &text, &s[n].start);
		s[n].end = s[n].start;
	} else {
		/* null or []: drop the value, put a block list under the key */
		const struct smp_node *k = key_of(top, list);
		size_t eol = smp_doc_line_end(doc, list->len || list->flow ?
		    list->end : k->end);

		if (list->len > 0 || list->flow) {
			const char *bytes = smp_doc_bytes(doc, &len);

			size_t after = list->end;

			while (after < len && bytes[after] == ' ')
				after++;
			/* "healing: ~" becomes "healing:", not "healing: ";
			 * before a comment, the spacing stays as it was */
			s[n].start = list->start;
			while ((after == len || bytes[after] == '\n' ||
			    bytes[after] == '\r') && s[n].start > k->end &&
			    (bytes[s[n].start - 1] == ' ' ||
			    bytes[s[n].start - 1] == '\t'))
				s[n].start--;
			s[n].end = list->end;
			s[n++].text = "";
		}
		s[n].start = s[n].end = eol;
		line_start(&text, doc, eol, nl);
		block_item(&text, e, k->col - 1 + 2, k->col - 1 + 4, nl);
	}
	s[n].text = text.data ? text.data : "";
	if (rc == SMP_OK && smp_splice(doc, s, n + 1, out) != 0)
		rc = smp_diag_set(d, SMP_INVALID, smp_doc_name(doc), 0, 0,
		    "healing", "cannot find where to add the entry");
	smp_buf_free(&text);
	return rc;
}

/* The key of the old document whose value the new one changed, or NULL
 * when only the healing list grew by its last item. */
static const char *
changed_key(const struct smp_node *old, const struct smp_node *new)
{
	const struct smp_node *oh = smp_map_get(old, "healing");
	const struct smp_node *nh = smp_map_get(new, "healing");

	for (size_t i = 0; i < old->n; i++) {
		const char *k = old->kids[2 * i]->str;

		if (strcmp(k, "healing") != 0 &&
		    !smp_node_equal(old->kids[2 * i + 1], smp_map_get(new, k)))
			return k;
	}
	if (new->n != old->n + (oh == NULL) || nh == NULL || nh->type != SMP_SEQ)
		return "healing";
	for (size_t i = 0; oh != NULL && oh->type == SMP_SEQ && i < oh->n; i++)
		if (!smp_node_equal(oh->kids[i], nh->kids[i]))
			return "healing";
	return NULL;
}

/* The new bytes must read back as the same client plus this entry, every
 * other value untouched; else nothing is written (a bug or a corner of
 * YAML here must not cost a record). */
static int
reads_back(const struct smp_client *old, const struct smp_buf *b,
    const struct smp_clinic *k, const struct smp_log_entry *e,
    struct smp_diag *d)
{
	struct smp_doc *doc;
	struct smp_client c;
	const struct smp_log_entry *got;
	const char *key;
	char why[sizeof(d->msg)];
	int ok;

	if (smp_doc_parse(old->path, b->data, b->len, &doc, d) != SMP_OK ||
	    smp_client_from_doc(doc, k, &c, d) != SMP_OK) {
		snprintf(why, sizeof(why), "%s", d->msg);
		return smp_diag_set(d, SMP_INVALID, old->path, 0, 0, "healing",
		    "the file would not read back with the new entry (%s); "
		    "nothing written", why);
	}
	got = &c.healing[c.nhealing - 1];
	ok = c.nhealing == old->nhealing + 1 &&
	    smp_date_cmp(got->date, e->date) == 0 &&
	    got->session == e->session && got->note != NULL &&
	    strcmp(got->note, e->note) == 0;
	key = changed_key(smp_doc_root(old->doc), smp_doc_root(c.doc));
	smp_client_free(&c);
	if (key != NULL || !ok)
		return smp_diag_set(d, SMP_INVALID, old->path, 0, 0, key,
		    "adding the entry would change this value (does the file "
		    "end without a line break?); nothing written");
	return SMP_OK;
}

int
smp_log_build(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_log_entry *e, struct smp_buf *out, struct smp_diag *d)
{
	int rc = smp_log_append(c->doc, e, out, d);

	if (rc == SMP_OK)
		rc = reads_back(c, out, k, e, d);
	return rc;
}

static int
log_locked(const char *path, const struct smp_clinic *k,
    struct smp_log_entry *e, struct smp_file *f, struct smp_diag *d)
{
	struct smp_client c;
	struct smp_buf b = { 0 };
	int rc = smp_client_load(path, k, &c, d);

	if (rc != SMP_OK)
		return rc;	/* never write a file that has an error */
	if (e->session > 0 && smp_session_find(&c, e->session) == NULL)
		rc = smp_diag_set(d, SMP_NONE, path, 0, 0, NULL,
		    "%s has no session %d; nothing written", c.id, e->session);
	else if (e->session == 0 && smp_latest_done(&c) != NULL)
		e->session = smp_latest_done(&c)->n;
	if (rc == SMP_OK)
		rc = smp_log_build(&c, k, e, &b, d);
	if (rc == SMP_OK)
		rc = smp_file_replace(f, b.data, b.len, d);
	smp_buf_free(&b);
	smp_client_free(&c);
	return rc;
}

int
smp_log_write(const char *path, const struct smp_clinic *k,
    struct smp_log_entry *e, struct smp_diag *d)
{
	struct smp_file f;
	int rc;

	if (e->note == NULL || e->note[0] == '\0' || !smp_utf8_valid(e->note))
		return smp_diag_set(d, SMP_USAGE, NULL, 0, 0, NULL,
		    "--log needs a note in UTF-8 text");
	if ((rc = smp_file_lock(path, SMP_LOCK_WAIT_MS, &f, d)) != SMP_OK)
		return rc;
	rc = log_locked(path, k, e, &f, d);
	smp_file_unlock(&f);
	return rc;
}
