/*
 * Text wrapped by display width, not bytes: "Łukasz" is 6 columns in 8
 * bytes, 山田 is 4 in 6, and a combining accent is 0.  Greedy filling,
 * which is what a reader of a printed sheet expects.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "aftercare.h"

/* A character with the combining marks that follow it: never split. */
struct cluster {
	const char *p;
	size_t len;
	int width;
	int space, wide, glued;		/* glued: no break before it */
};

/* CJK punctuation that must not start a line (a small kinsoku set). */
static int
no_break_before(wchar_t wc)
{
	static const wchar_t closing[] = L"\x3001\x3002\xff0c\xff0e\xff09"
	    L"\x300d\x300f\xff01\xff1f\xff1a\xff1b\x30fc";

	return wcschr(closing, wc) != NULL && wc != 0;
}

/* Splits one line of s (up to '\n' or the end) into clusters. */
static size_t
clusters(const char *s, size_t len, struct cluster *out)
{
	mbstate_t st;
	size_t n = 0;

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &st);
		int w;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
			wc = 0xfffd;
			w = 1;
		} else if (wc == SMP_GLUE)
			w = 1;
		else
			w = wcwidth(wc) < 0 ? 0 : wcwidth(wc);
		if (w == 0 && n > 0 && !out[n - 1].space) {
			out[n - 1].len += k;	/* a combining mark */
		} else {
			out[n] = (struct cluster){ s, k, w, wc == L' ', w == 2,
			    no_break_before(wc) };
			n++;
		}
		s += k;
		len -= k;
	}
	return n;
}

struct line {
	FILE *fp;
	int width, indent, col;
	int empty;			/* nothing printed on it yet */
	int widest;			/* the widest line so far */
};

static void
emit(struct line *l, const struct cluster *c, size_t n, int glue)
{
	if (l->empty) {
		for (int i = l->col; i < l->indent; i++)
			putc(' ', l->fp);
		l->col = l->indent;
	}
	for (int i = 0; i < glue; i++)
		putc(' ', l->fp);
	l->col += glue;
	for (size_t i = 0; i < n; i++) {
		if (*c[i].p == SMP_GLUE)
			putc(' ', l->fp);
		else
			fwrite(c[i].p, 1, c[i].len, l->fp);
		l->col += c[i].width;
	}
	l->empty = 0;
	l->widest = l->col > l->widest ? l->col : l->widest;
}

static void
newline(struct line *l)
{
	putc('\n', l->fp);
	l->col = 0;
	l->empty = 1;
}

/* A piece: clusters with no break opportunity inside. */
static size_t
piece_end(const struct cluster *c, size_t i, size_t n)
{
	size_t j = i + 1;

	if (c[i].wide)
		while (j < n && c[j].glued)
			j++;
	else
		while (j < n && !c[j].space && (!c[j].wide || c[j].glued))
			j++;
	return j;
}

/* A one-letter word ("a", "i", "z", "w") does not end a line: Polish
 * typesetting forbids it, and English loses nothing. */
static int
one_letter(const struct cluster *c, size_t i, size_t j)
{
	return j == i + 1 && c[i].len == 1 &&
	    iswalpha((wint_t)(unsigned char)*c[i].p) &&
	    (i == 0 || c[i - 1].space);
}

static size_t
keep_with_next(const struct cluster *c, size_t i, size_t j, size_t n)
{
	while (one_letter(c, i, j)) {
		size_t k = j;

		while (k < n && c[k].space)
			k++;
		if (k == j || k == n)
			break;
		i = k;
		j = piece_end(c, k, n);
	}
	return j;
}

static int
width_of(const struct cluster *c, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += c[i].width;
	return w;
}

static void put_piece(struct line *, const struct cluster *, size_t, int,
    int);

/* A piece too long for any line: break it where it was only glued (a
 * date, a one-letter word), and where it was not, between characters. */
static void
put_long(struct line *l, const struct cluster *c, size_t n, int glue,
    int loose)
{
	size_t i = 0;

	if (!loose) {
		for (; i < n; i++) {
			if (!l->empty && l->col + glue + c[i].width > l->width)
				newline(l);
			emit(l, &c[i], 1, l->empty ? 0 : glue);
			glue = 0;
		}
		return;
	}
	while (i < n) {
		size_t j = i;

		for (; i < n && (c[i].space || *c[i].p == SMP_GLUE); i++)
			glue++;
		for (j = i; j < n && !c[j].space && *c[j].p != SMP_GLUE; j++)
			;
		if (j > i)
			put_piece(l, &c[i], j - i, glue, 0);
		glue = 0;
		i = j;
	}
}

static void
put_piece(struct line *l, const struct cluster *c, size_t n, int glue,
    int loose)
{
	int w = width_of(c, n);

	if (l->indent + w > l->width) {
		put_long(l, c, n, glue, loose);
		return;
	}
	if (!l->empty && l->col + glue + w > l->width)
		newline(l);
	emit(l, c, n, l->empty ? 0 : glue);
}

static void
wrap_line(struct line *l, const char *s, size_t len)
{
	struct cluster *c = calloc(len + 1, sizeof(*c));
	size_t n, i = 0;

	if (c == NULL)
		abort();
	n = clusters(s, len, c);
	while (i < n) {
		int glue = 0;
		size_t j;

		for (; i < n && c[i].space; i++)
			glue++;
		if (i == n)
			break;
		j = keep_with_next(c, i, piece_end(c, i, n), n);
		put_piece(l, &c[i], j - i, glue, 1);
		i = j;
	}
	free(c);
}

int
smp_wrap(FILE *fp, const char *s, int width, const char *lead)
{
	struct line l = { fp, width, smp_display_width(lead), 0, 1, 0 };

	fputs(lead, fp);
	l.col = l.widest = l.indent;
	for (;;) {
		size_t len = strcspn(s, "\n");

		wrap_line(&l, s, len);
		if (s[len] == '\0')
			break;
		newline(&l);
		s += len + 1;
	}
	putc('\n', fp);
	return l.widest;
}
