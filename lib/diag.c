/* Diagnostics: filled where the error is found, printed only by main. */
#include <stdarg.h>
#include <string.h>

#include "smp.h"

void
smp_diag_clear(struct smp_diag *d)
{
	memset(d, 0, sizeof(*d));
}

/* After snprintf cut s short, drop a UTF-8 character it cut in half. */
static void
trim_utf8(char *s, size_t size)
{
	size_t n = strlen(s), i = n, need;

	if (n + 1 < size)
		return;		/* not cut */
	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || ((unsigned char)s[i - 1] & 0xc0) != 0xc0)
		return;
	need = (unsigned char)s[i - 1] >= 0xf0 ? 4 :
	    (unsigned char)s[i - 1] >= 0xe0 ? 3 : 2;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

int
smp_diag_set(struct smp_diag *d, int code, const char *file, int line,
    int col, const char *key, const char *fmt, ...)
{
	va_list ap;

	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	d->col = col;
	snprintf(d->key, sizeof(d->key), "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	trim_utf8(d->file, sizeof(d->file));
	trim_utf8(d->key, sizeof(d->key));
	trim_utf8(d->msg, sizeof(d->msg));
	return code;
}

/* Keys and paths come from hostile files: no control character may
 * reach the terminal or forge a second message line. */
static void
put_safe(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			putc(c, fp);
	}
}

void
smp_diag_print(FILE *fp, const char *prog, const struct smp_diag *d)
{
	fprintf(fp, "%s: ", prog);
	if (d->file[0] != '\0') {
		put_safe(fp, d->file);
		if (d->line > 0)
			fprintf(fp, ":%d:%d", d->line, d->col);
		fputs(": ", fp);
	}
	fputs("error: ", fp);
	if (d->key[0] != '\0') {
		put_safe(fp, d->key);
		fputs(": ", fp);
	}
	put_safe(fp, d->msg);
	putc('\n', fp);
}

/*
 * Values from a hostile file go into messages: keep them short and make
 * control characters visible so a message stays one line.
 */
const char *
smp_quote(char *buf, size_t size, const char *value)
{
	size_t o = 0, max = size > 8 ? size - 6 : 0;
	const unsigned char *s = (const unsigned char *)value;

	if (size < 8) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (; *s != '\0' && o < max; s++) {
		if (*s < 0x20 || *s == 0x7f || *s == '"' || *s == '\\') {
			if (o + 4 >= max)
				break;
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *s);
		} else
			buf[o++] = (char)*s;
	}
	if (*s != '\0') {
		/* do not leave half a UTF-8 character before the ellipsis */
		while (o > 1 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
			o--;
		if (o > 1 && ((unsigned char)buf[o - 1] & 0xc0) == 0xc0)
			o--;
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
