/*
 * Words in the client's language: the one place that touches gettext.
 * Everything else gets a struct smp_words and stays free of the
 * process-wide state gettext keeps (locale, $LANGUAGE, bound domains).
 */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "aftercare.h"

static const char *
english_tr(const char *ctx, const char *msgid)
{
	(void)ctx;
	return msgid;
}

static const char *
english_trn(const char *msgid, const char *plural, unsigned long n)
{
	return n == 1 ? msgid : plural;
}

const struct smp_words smp_english = { english_tr, english_trn };

/* msgfmt stores a context as "ctx\004msgid"; dgettext hands back its
 * own argument when there is no translation. */
static const char *
catalog_tr(const char *ctx, const char *msgid)
{
	char key[512];
	const char *t;

	if (ctx == NULL)
		return dgettext(SMP_TEXTDOMAIN, msgid);
	if ((size_t)snprintf(key, sizeof(key), "%s\004%s", ctx, msgid) >=
	    sizeof(key))
		return msgid;
	t = dgettext(SMP_TEXTDOMAIN, key);
	return t == key ? msgid : t;
}

static const char *
catalog_trn(const char *msgid, const char *plural, unsigned long n)
{
	return dngettext(SMP_TEXTDOMAIN, msgid, plural, n);
}

const struct smp_words smp_catalog = { catalog_tr, catalog_trn };

/* A tag becomes a catalog folder name: only letters, digits and '_',
 * so that no tag can name a path. */
static int
catalog_name(const char *lang, char *buf, size_t size)
{
	size_t n = 0;

	for (; lang != NULL && *lang != '\0'; lang++) {
		char c = *lang == '-' ? '_' : *lang;

		if (n + 1 >= size || strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", c) == NULL)
			return -1;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return n > 0 ? 0 : -1;
}

int
smp_catalog_setup(const char *localedir, const char *lang)
{
	char name[64];

	/* gettext ignores $LANGUAGE in the "C" locale; C.UTF-8 is on every
	 * glibc system, where pl_PL.UTF-8 is usually not generated */
	if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL &&
	    setlocale(LC_MESSAGES, "C.utf8") == NULL)
		return -1;
	if (catalog_name(lang, name, sizeof(name)) != 0)
		snprintf(name, sizeof(name), "en");
	if (setenv("LANGUAGE", name, 1) != 0)
		return -1;
	bindtextdomain(SMP_TEXTDOMAIN, localedir);
	bind_textdomain_codeset(SMP_TEXTDOMAIN, "UTF-8");
	return 0;
}

const char *
smp_words_lang(const struct smp_words *w)
{
	/* TRANSLATORS: your catalog's language tag (pl), for html's lang. */
	return w->tr("language tag", "en");
}

static const char *const month_names[12] = {
	/* TRANSLATORS: the month as it stands in a date (pl: stycznia). */
	NC_("month in a date", "January"), NC_("month in a date", "February"),
	NC_("month in a date", "March"), NC_("month in a date", "April"),
	NC_("month in a date", "May"), NC_("month in a date", "June"),
	NC_("month in a date", "July"), NC_("month in a date", "August"),
	NC_("month in a date", "September"), NC_("month in a date", "October"),
	NC_("month in a date", "November"), NC_("month in a date", "December"),
};

/* Appends src to buf[*n..size), truncating at a character boundary. */
static void
put(char *buf, size_t size, size_t *n, const char *src, size_t len)
{
	if (*n + len >= size)
		for (len = size - *n - 1; len > 0 &&
		    ((unsigned char)src[len] & 0xc0) == 0x80; len--)
			;
	memcpy(buf + *n, src, len);
	*n += len;
	buf[*n] = '\0';
}

void
smp_words_date(const struct smp_words *w, struct smp_date d, char *buf,
    size_t size)
{
	const char *t =
	    /* TRANSLATORS: a date in a sentence; {month} is a month below. */
	    w->tr("date", "{day} {month} {year}");
	char day[12], year[12];
	size_t n = 0;

	buf[0] = '\0';
	if (!smp_date_valid(d))
		return;			/* a line without this date */
	snprintf(day, sizeof(day), "%d", d.d);
	snprintf(year, sizeof(year), "%d", d.y);
	while (*t != '\0') {
		const char *v = strncmp(t, "{day}", 5) == 0 ? day :
		    strncmp(t, "{year}", 6) == 0 ? year :
		    strncmp(t, "{month}", 7) == 0 ?
		    w->tr("month in a date", month_names[d.m - 1]) : NULL;

		if (v == NULL) {
			size_t run = strcspn(t + 1, "{") + 1;

			put(buf, size, &n, t, run);
			t += run;
			continue;
		}
		put(buf, size, &n, v, strlen(v));
		t = strchr(t, '}') + 1;
	}
}
