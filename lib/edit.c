/*
 * Byte-preserving edits.  libyaml's emitter would drop every comment, so
 * a change is spliced into the original bytes at positions the parser
 * recorded; everything around it stays as the person wrote it.  New
 * lines take the file's line ending and its siblings' indentation.
 */
#include <stdlib.h>
#include <string.h>

#include "smp.h"

void
smp_buf_add(struct smp_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->data = realloc(b->data, b->cap)) == NULL)
			abort();
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
smp_buf_str(struct smp_buf *b, const char *s)
{
	smp_buf_add(b, s, strlen(s));
}

void
smp_buf_free(struct smp_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Words a YAML 1.1 reader takes for booleans or null. */
static const char *const yaml11_words[] = { "y", "Y", "yes", "Yes", "YES",
	"n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
	"FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
	"~", NULL };

/* Looks like a number, a date or a sexagesimal (12:30) to YAML 1.1. */
static int
numberish(const char *s)
{
	if (strchr("0123456789+-.", s[0]) == NULL)
		return 0;
	return strspn(s, "0123456789abcdefABCDEFxXoO_.:+-eE") == strlen(s);
}

static int
needs_quotes(const char *s, int flow)
{
	size_t n = strlen(s);

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || numberish(s))
		return 1;
	for (int i = 0; yaml11_words[i] != NULL; i++)
		if (strcmp(s, yaml11_words[i]) == 0)
			return 1;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) != NULL)
		return 1;
	if (strstr(s, ": ") || strstr(s, " #") || s[n - 1] == ':')
		return 1;
	if (flow && strpbrk(s, ",[]{}") != NULL)
		return 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

void
smp_yaml_scalar(struct smp_buf *b, const char *s, int flow)
{
	if (!needs_quotes(s, flow)) {
		smp_buf_str(b, s);
		return;
	}
	smp_buf_str(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char esc[8];

		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			smp_buf_add(b, esc, 2);
		} else if (*p == '\n')
			smp_buf_str(b, "\\n");
		else if (*p == '\t')
			smp_buf_str(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f) {
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
			smp_buf_str(b, esc);
		} else
			smp_buf_add(b, (const char *)p, 1);
	}
	smp_buf_str(b, "\"");
}

const char *
smp_doc_newline(const struct smp_doc *doc)
{
	size_t len;
	const char *bytes = smp_doc_bytes(doc, &len);
	const char *nl = memchr(bytes, '\n', len);

	return nl != NULL && nl > bytes && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Where a node's own text ends: a block collection's end mark lies at
 * the next token, past any comments, so ask its last child instead. */
size_t
smp_node_content_end(const struct smp_node *n)
{
	if (n->type == SMP_SCALAR || n->flow || n->n == 0)
		return n->end;
	return smp_node_content_end(n->kids[(n->type == SMP_MAP ? 2 * n->n :
	    n->n) - 1]);
}

/* The offset just past the end of the line holding offset at. */
size_t
smp_doc_line_end(const struct smp_doc *doc, size_t at)
{
	size_t len;
	const char *bytes = smp_doc_bytes(doc, &len);

	if (at > 0 && at <= len && bytes[at - 1] == '\n')
		return at;	/* a block scalar ends with its line break */
	while (at < len && bytes[at] != '\n')
		at++;
	return at < len ? at + 1 : len;
}

int
smp_splice(const struct smp_doc *doc, const struct smp_splice *s, size_t n,
    struct smp_buf *out)
{
	size_t len, pos = 0;
	const char *bytes = smp_doc_bytes(doc, &len);

	for (size_t i = 0; i < n; i++) {
		if (s[i].start < pos || s[i].end < s[i].start || s[i].end > len)
			return -1;	/* splices must be in order */
		smp_buf_add(out, bytes + pos, s[i].start - pos);
		smp_buf_str(out, s[i].text);
		pos = s[i].end;
	}
	smp_buf_add(out, bytes + pos, len - pos);
	return 0;
}
