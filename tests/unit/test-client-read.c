/* smp_client_read, the reader that builds no tree, against the full
 * loader: on every YAML file the tests and examples have, and on
 * thousands of variants of each client file (a line dropped, a line
 * twice, a value swapped for an awkward one), both must give the same
 * client, or the same status and the same diagnostic.  And the fast
 * reader must really be the one reading the ordinary files. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"
#include "unit.h"
#include "same-client.h"

static struct smp_clinic clinic;

struct corpus {
	char **paths;
	size_t n, cap;
};
static struct corpus corpus;

static int
collect(const char *path, const struct stat *st, int type, struct FTW *f)
{
	size_t len = strlen(path);

	(void)st;
	(void)f;
	if (type != FTW_F || (!(len > 5 && strcmp(path + len - 5, ".yaml") ==
	    0) && !(len > 4 && strcmp(path + len - 4, ".yml") == 0) &&
	    strstr(path, "/fuzz/regress/") == NULL))
		return 0;
	if (corpus.n == corpus.cap) {
		corpus.cap = corpus.cap ? 2 * corpus.cap : 256;
		corpus.paths = realloc(corpus.paths, corpus.cap * sizeof(char *));
	}
	corpus.paths[corpus.n++] = strdup(path);
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (fp == NULL)
		return NULL;
	for (;;) {
		buf = realloc(buf, cap = cap + 65536);
		size_t r = fread(buf + *len, 1, cap - *len, fp);

		*len += r;
		if (r == 0 || *len > SMP_MAX_FILE + 1)
			break;
	}
	fclose(fp);
	return buf;
}

/* The variants of a file, one line changed each; returns how many
 * disagreed, with the first in first. */
static const char *const values[] = { "~", "\"\"", "x", "[]", "{}", "0",
	"-1", "010", "99999", "2026-02-30", "2026-02-28 25:00", "[a, ~]",
	"{a: 1}", "&a x", "!t x", "'1'", "\"a\\0b\"", "<<", "1.5", "null",
	"1", "2", "3", "4", "5", "6", "7", "8", "+3", "1440", "1441", "9999",
	"10000", "1000000", "1000001", "-0", "1e3", "0x10", ".5", "inf",
	"2026-01-05T10:00", "2026-01-05 10:00", "base", "done", "Europe/Warsaw",
	"pl", "pt-BR", "c-1", NULL };
/* and keys, some known and some the clinic's own */
static const char *const keys[] = { "smp", "id", "name", "timezone",
	"lang", "profile", "consultation", "plan", "sessions", "aftercare",
	"healing", "n", "kind", "start", "minutes", "status", "seq", "shade",
	"date", "session", "note", "quote", "norwood", "goal", "conditions",
	"<<", "smp-clinic", "other", "'id'", NULL };

static int
try(const char *bytes, size_t len, char *first, size_t size, int *tried)
{
	char why[600];
	int fast;

	(*tried)++;
	if (same_reading(bytes, len, &clinic, why, sizeof(why), &fast)[0] ==
	    '\0')
		return 0;
	if (first[0] == '\0')
		snprintf(first, size, "%.600s in:\n%.*s", why, (int)len, bytes);
	return 1;
}

static int
variants(const char *text, size_t len, char *first, size_t size, int *tried)
{
	char *buf = malloc(2 * len + 128);
	int bad = 0;

	for (size_t at = 0; at < len; ) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		const char *colon = memchr(text + at, ':', end - at);

		/* without the line; with it twice */
		memcpy(buf, text, at);
		memcpy(buf + at, text + end, len - end);
		bad += try(buf, len - (end - at), first, size, tried);
		memcpy(buf, text, end);
		memcpy(buf + end, text + at, len - at);
		bad += try(buf, len + (end - at), first, size, tried);
		/* its value swapped */
		for (int v = 0; colon != NULL && values[v] != NULL; v++) {
			size_t head = (size_t)(colon - text) + 1, n;

			memcpy(buf, text, head);
			n = head + (size_t)sprintf(buf + head, " %s\n", values[v]);
			memcpy(buf + n, text + end, len - end);
			bad += try(buf, n + len - end, first, size, tried);
		}
		/* its key swapped (after the indent and any "- ") */
		for (int k = 0; colon != NULL && keys[k] != NULL; k++) {
			size_t from = at + strspn(text + at, " -"), n;

			if (from >= (size_t)(colon - text))
				break;
			memcpy(buf, text, from);
			n = from + (size_t)sprintf(buf + from, "%s", keys[k]);
			memcpy(buf + n, colon, len - (size_t)(colon - text));
			bad += try(buf, n + len - (size_t)(colon - text), first,
			    size, tried);
		}
		at = end;
	}
	free(buf);
	return bad;
}

static void
test_corpus(void)
{
	size_t nfast = 0, nexamples = 0, nexamples_fast = 0;
	int tried = 0, bad_variants = 0;
	char first[4096] = "";

	nftw("tests", collect, 16, FTW_PHYS);
	nftw("share/examples", collect, 16, FTW_PHYS);
	CHECK("the corpus has over 200 files", corpus.n > 200);
	for (size_t i = 0; i < corpus.n; i++) {
		size_t len;
		char *bytes = slurp(corpus.paths[i], &len), why[600], name[700];
		int fast, example = strstr(corpus.paths[i],
		    "share/examples/clients/") != NULL;

		if (bytes == NULL)
			continue;
		same_reading(bytes, len, &clinic, why, sizeof(why), &fast);
		snprintf(name, sizeof(name), "both readers agree on %.200s%s%.400s",
		    corpus.paths[i], why[0] ? ": " : "", why);
		CHECK(name, why[0] == '\0');
		nfast += fast;
		nexamples += example;
		nexamples_fast += example && fast;
		if (fast && len < 20000)
			bad_variants += variants(bytes, len, first,
			    sizeof(first), &tried);
		free(bytes);
		free(corpus.paths[i]);
	}
	free(corpus.paths);
	if (first[0] != '\0')
		printf("first disagreement: %s\n", first);
	printf("# %d variants, %zu of %zu files read by the fast reader\n",
	    tried, nfast, corpus.n);
	CHECK("over 20,000 variants tried", tried > 20000);
	CHECK_INT("variants on which the readers disagree", bad_variants, 0);
	CHECK("the example clients are all read by the fast reader",
	    nexamples > 0 && nexamples_fast == nexamples);
	CHECK("over 100 files read by the fast reader", nfast > 100);
}

/* What the fast reader must hand to the full loader, by name. */
static void
test_handed_over(void)
{
	static const struct { const char *what, *yaml; } cases[] = {
		{ "an alias", "smp: 1\nid: &i c-1\nname: *i\n" },
		{ "a tag", "smp: 1\nid: !x c-1\nname: J\n" },
		{ "a key twice", "smp: 1\nid: c-1\nname: J\nname: K\n" },
		{ "a clinic's key twice", "smp: 1\nid: c-1\nname: J\nx: 1\nx: 2\n" },
		{ "a merge key", "smp: 1\nid: c-1\nname: J\n<<: {a: 1}\n" },
		{ "a merge key to text", "smp: 1\nid: c-1\nname: J\n<<: x\n" },
		{ "a second document", "smp: 1\nid: c-1\nname: J\n---\nsmp: 1\n" },
		{ "a clinic file", "smp-clinic: 1\nname: Studio\n" },
		{ "a NUL escape", "smp: 1\nid: c-1\nname: \"J\\0\"\n" },
		{ "a list under a clinic's key", "smp: 1\nid: c-1\nname: J\nx: [1]\n" },
		{ "format 2", "smp: 2\nid: c-1\nname: J\n" },
		{ "a bad id", "smp: 1\nid: c 1\nname: J\n" },
		{ "an unknown zone", "smp: 1\nid: c-1\nname: J\ntimezone: Mars/Base\n" },
		{ "a bad language", "smp: 1\nid: c-1\nname: J\nlang: english\n" },
		{ "numbers going down", "smp: 1\nid: c-1\nname: J\nsessions:\n"
		    "  - {n: 2, kind: base, start: 2026-01-05 10:00, status: done}\n"
		    "  - {n: 1, kind: base, start: 2026-02-05 10:00, status: done}\n" },
		{ "a session without a status", "smp: 1\nid: c-1\nname: J\n"
		    "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 10:00}\n" },
		{ "nothing", "" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char why[600], name[700];
		int fast;

		same_reading(cases[i].yaml, strlen(cases[i].yaml), &clinic, why,
		    sizeof(why), &fast);
		snprintf(name, sizeof(name), "%.100s: the full loader's answer%s%.500s",
		    cases[i].what, why[0] ? ": " : "", why);
		CHECK(name, why[0] == '\0' && !fast);
	}
}

/* Every whole-number field at both ends of its range and one beyond:
 * the same answer from both readers, and the fast one reads the values
 * in range itself. */
static void
test_bounds(void)
{
	static const struct { const char *where; int min, max; } fields[] = {
		{ "plan:\n  sessions: %d\n", 2, 4 },
		{ "profile:\n  norwood: %d\n", 1, 7 },
		{ "profile:\n  ludwig: %d\n", 1, 3 },
		{ "profile:\n  fitzpatrick: %d\n", 1, 6 },
		{ "sessions:\n  - {n: %d, kind: base, start: 2026-01-05 10:00, "
		    "status: done}\n", 1, 9999 },
		{ "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 10:00, "
		    "status: done, minutes: %d}\n", 1, 1440 },
		{ "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 10:00, "
		    "status: done, shade: %d}\n", 1, 6 },
		{ "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 10:00, "
		    "status: done, seq: %d}\n", 0, 1000000 },
		{ "healing:\n  - {date: 2026-01-06, session: %d}\n", 1, 9999 },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		int v[4] = { fields[i].min - 1, fields[i].min, fields[i].max,
			fields[i].max + 1 };

		for (int j = 0; j < 4; j++) {
			char yaml[300], why[600], name[900];
			int n = snprintf(yaml, sizeof(yaml), "smp: 1\nid: c-1\n"
			    "name: J\n"), fast;

			snprintf(yaml + n, sizeof(yaml) - (size_t)n,
			    fields[i].where, v[j]);
			same_reading(yaml, strlen(yaml), &clinic, why,
			    sizeof(why), &fast);
			snprintf(name, sizeof(name), "%d in: %s%s%s", v[j],
			    yaml + n, why[0] ? ": " : "", why);
			for (char *p = name; (p = strchr(p, '\n')) != NULL; )
				*p = ' ';
			CHECK(name, why[0] == '\0' && fast == (j == 1 || j == 2));
		}
	}
}

/* Reading the same zone twice through a cache: one entry, same answer;
 * an unknown zone is not remembered. */
static void
test_zone_cache(void)
{
	const char *good = "smp: 1\nid: c-1\nname: J\ntimezone: Europe/Warsaw\n";
	const char *bad = "smp: 1\nid: c-1\nname: J\ntimezone: Europe/Nowhere\n";
	struct smp_zones zones = { .n = 0 };
	struct smp_client c;
	struct smp_diag d;

	for (int i = 0; i < 2; i++) {
		CHECK_INT("a known zone reads through the cache",
		    smp_client_parse("z.yaml", good, strlen(good), &clinic,
		    &zones, &c, &d), SMP_OK);
		smp_client_free(&c);
	}
	CHECK_INT("the cache holds the zone once", zones.n, 1);
	CHECK_INT("an unknown zone is still refused",
	    smp_client_parse("z.yaml", bad, strlen(bad), &clinic, &zones, &c,
	    &d), SMP_INVALID);
	CHECK_STR("and named as the loader names it", d.key, "timezone");
	CHECK_INT("and not remembered", zones.n, 1);
}

int
main(void)
{
	struct smp_diag d;

	if (smp_clinic_from_doc(NULL, "UTC", NULL, &clinic, &d) != SMP_OK) {
		printf("FAIL the built-in clinic defaults load\n");
		return 1;
	}
	test_corpus();
	test_handed_over();
	test_bounds();
	test_zone_cache();
	smp_clinic_free(&clinic);
	UNIT_EXIT();
}
