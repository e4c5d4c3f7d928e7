/*
 * Sentences with {key} placeholders, escaped for the sheet's format.
 * Values from a file (the client's name and notes, the clinic's names)
 * are text, never markup: on a terminal their control characters are
 * made visible, in markdown its punctuation is backslash-escaped, in
 * html everything is an entity.  The words of a catalog get the same
 * escaping, so a translation cannot break the page either.
 */
#include <stdio.h>
#include <string.h>

#include "aftercare.h"

struct esc {
	struct smp_buf *b;
	int format;
	int keep_newlines;
	int bol;			/* markdown: at a line's start */
	int bol_digits;			/* and only digits since */
	int word;			/* html: letters since a space */
};

static void
add(struct esc *e, const char *s)
{
	smp_buf_str(e->b, s);
}

/* Length of the UTF-8 character at p and its code point. */
static size_t
decode(const char *p, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;

	*cp = n == 1 ? u[0] : u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;	/* cut short: the loader lets none in */
			return i;
		}
		*cp = *cp << 6 | (u[i] & 0x3f);
	}
	return n;
}

/* A control character: visible on a terminal, U+FFFD in a document. */
static void
put_control(struct esc *e, unsigned cp, const char *next)
{
	char buf[16];

	if (cp == '\r' && *next == '\n')
		return;			/* CRLF: the '\n' does it */
	if (cp == '\n' && e->keep_newlines) {
		add(e, e->format == SMP_SHEET_HTML ? "<br>\n" :
		    e->format == SMP_SHEET_MARKDOWN ? "\\\n  " : "\n");
		e->bol = 1;
		return;
	}
	if (cp == '\t' || (cp == '\n' && e->format != SMP_SHEET_TEXT)) {
		add(e, " ");
		return;
	}
	if (e->format != SMP_SHEET_TEXT)
		snprintf(buf, sizeof(buf), "\xef\xbf\xbd");
	else if (cp == '\n' || cp == '\r')
		snprintf(buf, sizeof(buf), "\\%c", cp == '\n' ? 'n' : 'r');
	else
		snprintf(buf, sizeof(buf), cp < 0x80 ? "\\x%02x" : "\\u%04x",
		    cp);
	add(e, buf);
}

/* Markdown: what could start a block at a line's beginning, and the
 * inline markup anywhere (CommonMark escapes any ASCII punctuation). */
static void
put_markdown(struct esc *e, char c)
{
	int escape = strchr("\\`*_[]<>|~&", c) != NULL ||
	    (e->bol && strchr("-+=#", c) != NULL) ||
	    (e->bol_digits && (c == '.' || c == ')'));

	e->bol_digits = (e->bol || e->bol_digits) && c >= '0' && c <= '9';
	e->bol = e->bol && c == ' ';
	if (escape)
		add(e, "\\");
	smp_buf_add(e->b, &c, 1);
}

/* A one-letter word ("a", "z", "w") keeps to the next one, as Polish
 * typesetting wants (smp_wrap does the same in text). */
static void
put_html(struct esc *e, char c)
{
	const char *ent = c == '&' ? "&amp;" : c == '<' ? "&lt;" :
	    c == '>' ? "&gt;" : c == '"' ? "&quot;" : c == '\'' ? "&#39;" :
	    c == ' ' && e->word == 1 ? "&nbsp;" : NULL;

	if (c == ' ')
		e->word = 0;
	else if (e->word >= 0 && ((c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z')))
		e->word++;
	else
		e->word = -1;

	if (ent != NULL)
		add(e, ent);
	else
		smp_buf_add(e->b, &c, 1);
}

static void
put_text(struct esc *e, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		unsigned cp;
		size_t n = decode(s, &cp);

		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			put_control(e, cp, s + n);
		else if (n > 1 || e->format == SMP_SHEET_TEXT) {
			smp_buf_add(e->b, s, n);
			e->bol = e->bol_digits = 0;
			e->word = -1;
		} else if (e->format == SMP_SHEET_MARKDOWN)
			put_markdown(e, *s);
		else
			put_html(e, *s);
		s += n;
	}
}

/* A date stays on one line: smp_wrap prints SMP_GLUE as a space. */
static void
put_glued(struct esc *e, const char *s)
{
	size_t start = e->b->len;

	put_text(e, s, strlen(s));
	for (size_t i = start; i < e->b->len; i++)
		if (e->b->data[i] == ' ')
			e->b->data[i] = SMP_GLUE;
}

static void
put_value(struct esc *e, const struct smp_arg *a)
{
	char iso[11];

	if (a->kind == SMP_ARG_DATE && e->format == SMP_SHEET_MARKDOWN)
		add(e, "**");
	if (a->kind == SMP_ARG_DATE && e->format == SMP_SHEET_HTML) {
		smp_date_format(a->date, iso);
		add(e, "<time datetime=\"");
		add(e, iso);
		add(e, "\">");
	}
	if (a->kind == SMP_ARG_DATE && e->format == SMP_SHEET_TEXT)
		put_glued(e, a->value);
	else
		put_text(e, a->value, strlen(a->value));
	if (a->kind == SMP_ARG_DATE && e->format == SMP_SHEET_MARKDOWN)
		add(e, "**");
	if (a->kind == SMP_ARG_DATE && e->format == SMP_SHEET_HTML)
		add(e, "</time>");
}

static const struct smp_arg *
find_arg(const char *t, const struct smp_arg *args, size_t nargs)
{
	for (size_t i = 0; i < nargs; i++) {
		size_t k = strlen(args[i].key);

		if (strncmp(t + 1, args[i].key, k) == 0 && t[k + 1] == '}')
			return &args[i];
	}
	return NULL;
}

void
smp_sheet_fill(struct smp_buf *b, int format, const char *tmpl,
    const struct smp_arg *args, size_t nargs, int keep_newlines)
{
	struct esc e = { b, format, keep_newlines, 1, 0, 0 };

	smp_buf_add(b, "", 0);
	while (*tmpl != '\0') {
		const struct smp_arg *a = *tmpl == '{' ?
		    find_arg(tmpl, args, nargs) : NULL;
		size_t run;

		if (a != NULL) {
			put_value(&e, a);
			tmpl += strlen(a->key) + 2;
			continue;
		}
		run = strcspn(tmpl + 1, "{") + 1;
		put_text(&e, tmpl, run);
		tmpl += run;
	}
}

void
smp_sheet_value(struct smp_buf *b, int format, const char *value,
    int keep_newlines)
{
	struct smp_arg a = { "v", value, SMP_ARG_TEXT, { 0, 0, 0 } };

	smp_sheet_fill(b, format, "{v}", &a, 1, keep_newlines);
}
