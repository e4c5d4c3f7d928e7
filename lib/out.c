/* Output helpers shared by every tool's formats. */
#include <errno.h>
#include <string.h>
#include <wchar.h>

#include "smp.h"

char *
smp_put_digits(char *p, unsigned long long n, int width)
{
	for (int i = width - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	return p + width;
}

char *
smp_put_number(char *p, unsigned long long n)
{
	int width = 1;

	for (unsigned long long m = n; m >= 10; m /= 10)
		width++;
	return smp_put_digits(p, n, width);
}

void
smp_tsv_field(FILE *fp, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\': fputs("\\\\", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: putc(*s, fp);
		}
}

void
smp_json_string(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	putc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\u%04x", c);
		else
			putc(c, fp);
	}
	putc('"', fp);
}

int
smp_display_width(const char *s)
{
	mbstate_t st;
	int width = 0;
	size_t len = strlen(s);

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2) {
			/* not text in this locale: count a column a byte */
			memset(&st, 0, sizeof(st));
			n = 1;
			w = 1;
		} else
			w = wcwidth(wc);
		if (n == 0)
			break;
		width += w > 0 ? w : 0;
		s += n;
		len -= n;
	}
	return width;
}

void
smp_print_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == '\t' || c == '\n' || c == '\r')
			smp_tsv_field(fp, (char[]){ (char)c, '\0' });
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			putc(c, fp);
	}
}

int
smp_text_width(const char *s)
{
	int extra = 0;

	/* each escape adds columns: "\\n" is 2 for 0 */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			extra += 2;
		else if (*p == '\\')
			extra += 1;
		else if (*p < 0x20 || *p == 0x7f)
			extra += 4;
	return smp_display_width(s) + extra;
}

void
smp_print_padded(FILE *fp, const char *s, int width)
{
	smp_print_text(fp, s);
	for (int w = smp_text_width(s); w < width; w++)
		putc(' ', fp);
}

int
smp_close_output(FILE *fp, const char *name, struct smp_diag *d)
{
	int flushed = fflush(fp) == 0;
	int e = errno, bad = !flushed || ferror(fp);

	if (fp != stdout && fclose(fp) != 0 && !bad) {
		bad = flushed = 0;
		e = errno;
	}
	if (!bad)
		return SMP_OK;
	if (flushed)	/* an earlier write failed, maybe on another thread */
		return smp_diag_set(d, SMP_CANTWRITE, name, 0, 0, NULL,
		    "cannot write: an earlier write failed");
	return smp_diag_set(d, SMP_CANTWRITE, name, 0, 0, NULL,
	    "cannot write: %s", strerror(e));
}

int
smp_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		int n = *p < 0x80 ? 0 : *p >= 0xc2 && *p <= 0xdf ? 1 :
		    *p >= 0xe0 && *p <= 0xef ? 2 : *p >= 0xf0 && *p <= 0xf4 ? 3 : -1;
		unsigned cp;

		if (n < 0)
			return 0;
		cp = n == 0 ? *p : *p & (0x3f >> n);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		/* overlong forms, surrogates and beyond U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		p += n + 1;
	}
	return 1;
}
