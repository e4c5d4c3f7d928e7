/*
 * The sheet as plain text (wrapped for a terminal or a plain printer)
 * and as markdown (for a mail or a chat, which wrap it themselves).
 */
#include <stdio.h>

#include "aftercare.h"

/* Prints b wrapped after lead, then empties it for the next use;
 * returns the widest line's width. */
static int
wrapped(FILE *fp, int width, struct smp_buf *b, const char *lead)
{
	int w = smp_wrap(fp, b->data, width, lead);

	b->len = 0;
	b->data[0] = '\0';
	return w;
}

static void
heading(FILE *fp, int width, struct smp_buf *b, char rule)
{
	int w = wrapped(fp, width, b, "");

	for (int i = 0; i < w; i++)
		putc(rule, fp);
	putc('\n', fp);
}

static int
part_used(const struct smp_sheet *s, enum smp_sheet_part p)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->lines[i].part == p)
			return 1;
	return 0;
}

static void
text_rules(FILE *fp, int width, const struct smp_sheet *s,
    const struct smp_words *w, struct smp_buf *b)
{
	for (int p = 0; p < SMP_NPARTS; p++) {
		if (!part_used(s, (enum smp_sheet_part)p))
			continue;
		fputc('\n', fp);
		smp_sheet_value(b, SMP_SHEET_TEXT,
		    smp_part_title((enum smp_sheet_part)p, w), 0);
		heading(fp, width, b, '-');
		for (size_t i = 0; i < s->nlines; i++)
			if (s->lines[i].part == (enum smp_sheet_part)p) {
				smp_sheet_sentence(b, SMP_SHEET_TEXT, s,
				    &s->lines[i], w);
				wrapped(fp, width, b, "- ");
			}
	}
}

void
smp_sheet_text(FILE *fp, int width, const struct smp_sheet *s,
    const struct smp_words *w)
{
	struct smp_buf b = { 0 }, head[3] = { { 0 } };
	size_t n = smp_sheet_header(head, SMP_SHEET_TEXT, s, w);

	smp_sheet_value(&b, SMP_SHEET_TEXT, s->clinic->name, 0);
	wrapped(fp, width, &b, "");
	fputc('\n', fp);
	smp_sheet_words(&b, SMP_SHEET_TEXT, SMP_W_TITLE, w);
	heading(fp, width, &b, '=');
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++) {
		wrapped(fp, width, &head[i], "");
		smp_buf_free(&head[i]);
	}
	fputc('\n', fp);
	smp_sheet_words(&b, SMP_SHEET_TEXT, SMP_W_INTRO, w);
	wrapped(fp, width, &b, "");
	text_rules(fp, width, s, w, &b);
	if (s->personal != NULL && s->personal[0] != NULL) {
		fputc('\n', fp);
		smp_sheet_words(&b, SMP_SHEET_TEXT, SMP_W_PERSONAL, w);
		heading(fp, width, &b, '-');
		for (size_t i = 0; s->personal[i] != NULL; i++) {
			smp_sheet_value(&b, SMP_SHEET_TEXT, s->personal[i], 1);
			wrapped(fp, width, &b, "- ");
		}
	}
	fputc('\n', fp);
	smp_sheet_words(&b, SMP_SHEET_TEXT, SMP_W_WARNING, w);
	wrapped(fp, width, &b, "");
	smp_buf_free(&b);
}

static void
md_rules(FILE *fp, const struct smp_sheet *s, const struct smp_words *w,
    struct smp_buf *b)
{
	for (int p = 0; p < SMP_NPARTS; p++) {
		if (!part_used(s, (enum smp_sheet_part)p))
			continue;
		smp_sheet_value(b, SMP_SHEET_MARKDOWN,
		    smp_part_title((enum smp_sheet_part)p, w), 0);
		smp_sheet_put(fp, "\n## ", b, "\n\n");
		for (size_t i = 0; i < s->nlines; i++)
			if (s->lines[i].part == (enum smp_sheet_part)p) {
				smp_sheet_sentence(b, SMP_SHEET_MARKDOWN, s,
				    &s->lines[i], w);
				smp_sheet_put(fp, "- ", b, "\n");
			}
	}
}

void
smp_sheet_markdown(FILE *fp, const struct smp_sheet *s,
    const struct smp_words *w)
{
	struct smp_buf b = { 0 }, head[3] = { { 0 } };
	size_t n = smp_sheet_header(head, SMP_SHEET_MARKDOWN, s, w);

	smp_sheet_value(&b, SMP_SHEET_MARKDOWN, s->clinic->name, 0);
	smp_sheet_put(fp, "", &b, "\n\n");
	smp_sheet_words(&b, SMP_SHEET_MARKDOWN, SMP_W_TITLE, w);
	smp_sheet_put(fp, "# ", &b, "\n\n");
	for (size_t i = 0; i < n; i++) {
		smp_sheet_put(fp, "", &head[i], i + 1 < n ? "\\\n" : "\n\n");
		smp_buf_free(&head[i]);
	}
	smp_sheet_words(&b, SMP_SHEET_MARKDOWN, SMP_W_INTRO, w);
	smp_sheet_put(fp, "", &b, "\n");
	md_rules(fp, s, w, &b);
	if (s->personal != NULL && s->personal[0] != NULL) {
		smp_sheet_words(&b, SMP_SHEET_MARKDOWN, SMP_W_PERSONAL, w);
		smp_sheet_put(fp, "\n## ", &b, "\n\n");
		for (size_t i = 0; s->personal[i] != NULL; i++) {
			smp_sheet_value(&b, SMP_SHEET_MARKDOWN,
			    s->personal[i], 1);
			smp_sheet_put(fp, "- ", &b, "\n");
		}
	}
	smp_sheet_words(&b, SMP_SHEET_MARKDOWN, SMP_W_WARNING, w);
	smp_sheet_put(fp, "\n---\n\n", &b, "\n");
	smp_buf_free(&b);
}
