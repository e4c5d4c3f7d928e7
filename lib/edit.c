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
	"~", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
	"-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<", "=", NULL };

/* Looks like a number, a sexagesimal (12:30) or a timestamp
 * (2026-11-22 10:00:00) to YAML 1.1. */
static int
numberish(const char *s)
{
	size_t n = strlen(s);

	if (strchr("0123456789+-.", s[0]) == NULL)
		return 0;
	return strspn(s, "0123456789abcdefABCDEFxXoO_.:+-eE") == n ||
	    strspn(s, "0123456789-:. tTzZ+") == n;
}

/* The code point at *p (valid UTF-8), advancing *p past it. */
static unsigned
next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	int n = *s < 0x80 ? 0 : *s < 0xe0 ? 1 : *s < 0xf0 ? 2 : 3;
	unsigned cp = n == 0 ? *s : *s & (0x3f >> n);

	for (int i = 1; i <= n && s[i] != '\0'; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	*p = s + n + 1;
	return cp;
}

/* Characters YAML will not take raw: controls (C0, DEL, C1), and the
 * line and paragraph separators and BOM that libyaml reads as breaks. */
static int
unprintable(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
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
	/* inside [ ] libyaml takes any ':' for a key's end */
	if (flow && strpbrk(s, ",[]{}:#?") != NULL)
		return 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; )
		if (unprintable(next_cp(&p)))
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
	for (const unsigned char *p = (const unsigned char *)s; *p; ) {
		const unsigned char *start = p;
		unsigned cp = next_cp(&p);
		char esc[16];

		if (cp == '"' || cp == '\\')
			snprintf(esc, sizeof(esc), "\\%c", (char)cp);
		else if (cp == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (cp == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else if (unprintable(cp))
			snprintf(esc, sizeof(esc), "\\u%04x", cp);
		else {
			smp_buf_add(b, (const char *)start, (size_t)(p - start));
			continue;
		}
		smp_buf_str(b, esc);
	}
	smp_buf_str(b, "\"");
}

const char *
smp_doc_newline(const struct smp_doc *doc)
{
	size_t len;
	const char *bytes = smp_doc_bytes(doc, &len);
	const char *end = memchr(bytes, '\n', len);
	const char *cr = memchr(bytes, '\r', end ? (size_t)(end - bytes) : len);

	/* the first line break decides: CRLF, LF or an old Mac's CR */
	if (cr == NULL)
		return "\n";
	return cr + 1 == end ? "\r\n" : "\r";
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

/* The offset just past the end of the line holding offset at; LF, CRLF
 * and a lone CR all end a line, as they do for libyaml. */
size_t
smp_doc_line_end(const struct smp_doc *doc, size_t at)
{
	size_t len;
	const char *bytes = smp_doc_bytes(doc, &len);

	if (at > 0 && at <= len && (bytes[at - 1] == '\n' ||
	    (bytes[at - 1] == '\r' && (at == len || bytes[at] != '\n'))))
		return at;	/* a block scalar ends with its line break */
	while (at < len && bytes[at] != '\n' && bytes[at] != '\r')
		at++;
	if (at + 1 < len && bytes[at] == '\r' && bytes[at + 1] == '\n')
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
