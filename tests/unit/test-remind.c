/* smp-remind's library: the refresh due date of clinic-format.md, each
 * kind and when it applies, --kinds, the feed's event text, and the
 * sorter (runs on disk, merges of more runs than it merges at once). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remind.h"
#include "unit.h"

static int
parse_client(const char *yaml, const struct smp_clinic *k,
    struct smp_client *c)
{
	struct smp_doc *doc;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	if ((rc = smp_doc_parse("test.yaml", yaml, strlen(yaml), &doc, &d)) ==
	    SMP_OK)
		rc = smp_client_from_doc(doc, k, c, &d);
	if (rc != SMP_OK)
		fprintf(stderr, "parse: %d:%d: %s: %s\n", d.line, d.col, d.key,
		    d.msg);
	return rc;
}

#define HEAD "smp: 1\nid: c-7\nname: Ewa Nowak\n"
#define DONE2(a, b) "plan: {sessions: 2}\nsessions:\n" \
	"  - {n: 1, kind: base, start: " a " 10:00, status: done}\n" \
	"  - {n: 2, kind: touch-up, start: " b " 10:00, status: done}\n"

/* The worked example of clinic-format.md. */
static void
test_refresh_due(const struct smp_clinic *k)
{
	static const struct { const char *profile, *want; int factors, held; }
	cases[] = {
		{ "", "2029-02-28", 0, 0 },
		{ "profile: {sport: high}\n", "2028-08-28", 1, 0 },
		{ "profile: {sport: high, skin: oily}\n", "2028-02-28", 2, 0 },
		{ "profile: {sport: high, skin: oily, uv_exposure: high}\n",
		    "2027-08-28", 3, 0 },
		{ "profile: {sport: medium, uv_exposure: low}\n", "2029-02-28",
		    0, 0 },
	};
	char name[200], yaml[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct smp_client c;
		int factors = -1, held = -1;

		snprintf(yaml, sizeof(yaml), HEAD "%s" DONE2("2024-01-25",
		    "2024-02-29"), cases[i].profile);
		if (parse_client(yaml, k, &c) != SMP_OK) {
			CHECK("refresh due: client loads", 0);
			continue;
		}
		snprintf(name, sizeof(name), "refresh due from 2024-02-29, %d "
		    "factors: %s", cases[i].factors, cases[i].want);
		CHECK_STR(name, fmt(smp_refresh_due(&c, &k->protocol,
		    D(2024, 2, 29), &factors, &held)), cases[i].want);
		snprintf(name, sizeof(name), "refresh due: %d factors counted",
		    cases[i].factors);
		CHECK_INT(name, factors, cases[i].factors);
		CHECK_INT("refresh due: not held at the lower end", held, 0);
		smp_client_free(&c);
	}
}

/* Five factors of six months pass the lower end: held there. */
static void
test_refresh_held(void)
{
	static const char clinic[] = "smp-clinic: 1\nprotocol:\n"
	    "  refresh_factors:\n    - {sport: high}\n    - {skin: oily}\n"
	    "    - {uv_exposure: high}\n    - {goal: scar}\n    - {norwood: 7}\n";
	struct smp_clinic k;
	struct smp_client c;
	struct smp_doc *doc;
	struct smp_diag d;
	int factors, held;

	smp_diag_clear(&d);
	if (smp_doc_parse("clinic.yaml", clinic, strlen(clinic), &doc, &d) ||
	    smp_clinic_from_doc(doc, "UTC", NULL, &k, &d)) {
		CHECK("refresh held: clinic loads", 0);
		return;
	}
	if (parse_client(HEAD "profile: {sport: high, skin: oily, uv_exposure: "
	    "high, goal: scar, norwood: 7}\n" DONE2("2024-01-25", "2024-02-29"),
	    &k, &c) != SMP_OK) {
		CHECK("refresh held: client loads", 0);
		smp_clinic_free(&k);
		return;
	}
	CHECK_STR("refresh held: 2024-02-29 + 3 years", fmt(smp_refresh_due(&c,
	    &k.protocol, D(2024, 2, 29), &factors, &held)), "2027-02-28");
	CHECK_INT("refresh held: 5 factors", factors, 5);
	CHECK_INT("refresh held: held", held, 1);
	smp_client_free(&c);
	smp_clinic_free(&k);
}

/* The kinds of one client over a long window, as "date kind n" words. */
static void
kinds_of(const char *yaml, const struct smp_clinic *k, struct smp_date from,
    struct smp_date to, unsigned kinds, char *out, size_t size)
{
	struct smp_client c;
	struct smp_reminder *rs;
	size_t n, o = 0;

	out[0] = '\0';
	if (parse_client(yaml, k, &c) != SMP_OK) {
		snprintf(out, size, "(does not load)");
		return;
	}
	rs = calloc(smp_reminders_max(&c), sizeof(*rs));
	n = smp_reminders(&c, &k->protocol, from, to, kinds, rs);
	for (size_t i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%s %s %d",
		    i ? ", " : "", fmt(rs[i].date),
		    smp_remind_kind_names[rs[i].kind], rs[i].from->n);
	free(rs);
	smp_client_free(&c);
}

static void
test_kinds(const struct smp_clinic *k)
{
	static const struct { const char *what, *yaml, *want; } cases[] = {
		{ "consultation only: nothing", HEAD, "" },
		{ "planned only: appointment the day before",
		  HEAD "sessions:\n  - {n: 1, kind: base, start: 2026-03-01 "
		  "10:00, status: planned}\n",
		  "2026-02-28 appointment 1" },
		{ "mid-course booked: appointment and assessment",
		  HEAD "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 "
		  "10:00, status: done}\n  - {n: 2, kind: intensification, "
		  "start: 2026-02-10 10:00, status: planned}\n",
		  "2026-02-02 assessment 1, 2026-02-09 appointment 2" },
		{ "mid-course unbooked: assessment, book-next, overdue, faded",
		  HEAD "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 "
		  "10:00, status: done}\n",
		  "2026-02-02 assessment 1, 2026-02-02 book-next 1, "
		  "2031-01-05 refresh-overdue 1, 2036-01-05 faded 1" },
		{ "a cancelled session books nothing",
		  HEAD "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 "
		  "10:00, status: done}\n  - {n: 2, kind: intensification, "
		  "start: 2026-02-10 10:00, status: cancelled}\n",
		  "2026-02-02 assessment 1, 2026-02-02 book-next 1, "
		  "2031-01-05 refresh-overdue 1, 2036-01-05 faded 1" },
		{ "a planned session before the latest does not book the next",
		  HEAD "sessions:\n  - {n: 1, kind: base, start: 2026-01-05 "
		  "10:00, status: planned}\n  - {n: 2, kind: intensification, "
		  "start: 2026-02-10 10:00, status: done}\n",
		  "2026-01-04 appointment 1, 2026-03-10 assessment 2, "
		  "2026-03-10 book-next 2" },
		{ "complete: refresh, overdue, faded",
		  HEAD DONE2("2026-01-05", "2026-02-10"),
		  "2031-02-10 refresh 2, 2031-02-10 refresh-overdue 2, "
		  "2036-02-10 faded 2" },
		{ "complete with a refresh planned: only the appointment",
		  HEAD DONE2("2026-01-05", "2026-02-10") "  - {n: 3, kind: "
		  "refresh, start: 2029-06-01 10:00, status: planned}\n",
		  "2029-05-31 appointment 3" },
		{ "a refresh done starts the clock again",
		  HEAD DONE2("2026-01-05", "2026-02-10") "  - {n: 3, kind: "
		  "refresh, start: 2030-06-01 10:00, status: done}\n",
		  "2035-06-01 refresh 3, 2035-06-01 refresh-overdue 3, "
		  "2040-06-01 faded 3" },
	};
	char got[512], name[200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kinds_of(cases[i].yaml, k, D(2025, 1, 1), D(2045, 1, 1),
		    SMP_R_ALL, got, sizeof(got));
		snprintf(name, sizeof(name), "kinds: %s", cases[i].what);
		CHECK_STR(name, got, cases[i].want);
	}
	/* the window's ends are both in */
	kinds_of(cases[1].yaml, k, D(2026, 2, 28), D(2026, 2, 28), SMP_R_ALL,
	    got, sizeof(got));
	CHECK_STR("window: a one-day window holds its day", got,
	    "2026-02-28 appointment 1");
	kinds_of(cases[1].yaml, k, D(2026, 3, 1), D(2026, 3, 14), SMP_R_ALL,
	    got, sizeof(got));
	CHECK_STR("window: the day before is out", got, "");
	kinds_of(cases[3].yaml, k, D(2025, 1, 1), D(2045, 1, 1),
	    1u << SMP_R_BOOK_NEXT | 1u << SMP_R_FADED, got, sizeof(got));
	CHECK_STR("kinds: a mask keeps only those", got,
	    "2026-02-02 book-next 1, 2036-01-05 faded 1");
}

static void
test_kinds_parse(void)
{
	struct smp_diag d;
	unsigned k;

	CHECK_INT("--kinds: one", smp_remind_kinds_parse("faded", &k, &d),
	    SMP_OK);
	CHECK_INT("--kinds: one bit", k, 1u << SMP_R_FADED);
	CHECK_INT("--kinds: all six", smp_remind_kinds_parse("appointment,"
	    "assessment,book-next,refresh,refresh-overdue,faded", &k, &d),
	    SMP_OK);
	CHECK_INT("--kinds: all bits", k, SMP_R_ALL);
	CHECK("--kinds: unknown word", smp_remind_kinds_parse("refresh,x", &k,
	    &d) != SMP_OK);
	CHECK("--kinds: a prefix is not a kind", smp_remind_kinds_parse(
	    "refresh-over", &k, &d) != SMP_OK);
	CHECK("--kinds: empty", smp_remind_kinds_parse("", &k, &d) != SMP_OK);
	CHECK("--kinds: trailing comma", smp_remind_kinds_parse("faded,", &k,
	    &d) != SMP_OK);
}

/* Each physical line at most 75 octets, CRLF, folds between characters. */
static int
well_folded(const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\r')
			continue;
		if (s[i + 1] != '\n' || i - start > 75)
			return 0;
		if (i + 2 < len && s[i + 2] == ' ' &&
		    ((unsigned char)s[i + 3] & 0xc0) == 0x80)
			return 0;	/* a continuation starts mid-character */
		start = i + 2;
	}
	return len >= 2 && s[len - 2] == '\r' && s[len - 1] == '\n';
}

static void
test_event_text(void)
{
	char summary[400] = "";
	struct smp_buf b = { 0 };
	struct smp_event e = { .uid = "c-1.session-1@x.example",
		.summary = summary, .description = "a, b; c\\d\ne\rf\x01g",
		.status = "CANCELLED", .sequence = 3, .start = { { 2026, 3, 29 },
		2, 30 }, .zone = "Europe/Warsaw", .minutes = 150,
		.alarm = "-P1D" };

	for (int i = 0; i < 40; i++)
		strcat(summary, i % 3 ? "Łó" : "żź€");
	smp_event_text(&b, &e, 0);
	CHECK("event: folded at 75 octets between characters",
	    well_folded(b.data, b.len));
	CHECK("event: text escaped, CR and controls dropped",
	    strstr(b.data, "DESCRIPTION:a\\, b\\; c\\\\d\\nefg\r\n") != NULL);
	CHECK("event: zone on DTSTART",
	    strstr(b.data, "DTSTART;TZID=Europe/Warsaw:20260329T023000\r\n"));
	CHECK("event: duration in hours and minutes",
	    strstr(b.data, "DURATION:PT2H30M\r\n"));
	CHECK("event: cancelled", strstr(b.data, "STATUS:CANCELLED\r\n"));
	CHECK("event: sequence", strstr(b.data, "SEQUENCE:3\r\n"));
	CHECK("event: private", strstr(b.data, "CLASS:PRIVATE\r\n"));
	CHECK("event: the alarm", strstr(b.data, "TRIGGER:-P1D\r\n"));
	b.len = 0;
	e.zone = "UTC";
	e.alarm = NULL;
	e.minutes = 1440;
	smp_event_text(&b, &e, 0);
	CHECK("event: UTC with a Z", strstr(b.data,
	    "DTSTART:20260329T023000Z\r\n"));
	CHECK("event: a day", strstr(b.data, "DURATION:P1D\r\n"));
	CHECK("event: no alarm", strstr(b.data, "VALARM") == NULL);
	CHECK("event: DTSTAMP in UTC", strstr(b.data,
	    "DTSTAMP:19700101T000000Z\r\n"));
	b.len = 0;
	e.all_day = 1;
	e.zone = NULL;
	e.date = D(2028, 2, 29);
	e.last_modified = 1763769600;
	e.alarm = "PT9H";
	smp_event_text(&b, &e, 1763769600);
	CHECK("event: all day, DTEND the day after", strstr(b.data,
	    "DTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n"));
	CHECK("event: all day is transparent", strstr(b.data,
	    "TRANSP:TRANSPARENT\r\n"));
	CHECK("event: LAST-MODIFIED", strstr(b.data,
	    "LAST-MODIFIED:20251122T000000Z\r\n"));
	CHECK("event: 09:00 alarm", strstr(b.data, "TRIGGER:PT9H\r\n"));
	smp_buf_free(&b);
}

/* ---- the sorter ---------------------------------------------------------- */

struct collected {
	struct smp_buf all;
	size_t n;
};

static int
collect(void *arg, const char *rec, size_t len)
{
	struct collected *c = arg;

	smp_buf_add(&c->all, rec, len);
	smp_buf_add(&c->all, "|", 1);
	c->n++;
	return 0;
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* n records through a sorter of `limit` bytes, against qsort. */
static void
check_sorter(const char *what, size_t n, size_t limit)
{
	struct smp_sorter *s = smp_sorter_new(limit, NULL);
	char **want = calloc(n, sizeof(char *)), name[160], rec[64];
	struct collected got = { { 0 }, 0 };
	struct smp_buf expect = { 0 };
	struct smp_diag d;
	unsigned seed = 12345;
	int rc = SMP_OK;

	for (size_t i = 0; i < n && rc == SMP_OK; i++) {
		int len;

		seed = seed * 1103515245 + 12345;
		/* keys that repeat, and payloads after the NUL */
		len = snprintf(rec, sizeof(rec), "k%05u", (seed >> 8) % 997);
		want[i] = malloc(sizeof(rec) + 8);
		snprintf(want[i], sizeof(rec) + 8, "%s:%zu", rec, i % 7);
		len += 1 + snprintf(rec + len + 1, sizeof(rec) - (size_t)len - 1,
		    "%zu", i % 7);
		rc = smp_sorter_add(s, rec, (size_t)len, &d);
	}
	snprintf(name, sizeof(name), "sorter %s: adds", what);
	CHECK_INT(name, rc, SMP_OK);
	qsort(want, n, sizeof(char *), cmp_line);
	for (size_t i = 0; i < n; i++) {
		char *colon = strchr(want[i], ':');

		smp_buf_add(&expect, want[i], (size_t)(colon - want[i]));
		smp_buf_add(&expect, "", 1);
		smp_buf_str(&expect, colon + 1);
		smp_buf_add(&expect, "|", 1);
		free(want[i]);
	}
	free(want);
	rc = smp_sorter_each(s, collect, &got, &d);
	snprintf(name, sizeof(name), "sorter %s: reads back", what);
	CHECK_INT(name, rc, SMP_OK);
	snprintf(name, sizeof(name), "sorter %s: %zu records", what, n);
	CHECK_INT(name, got.n, n);
	snprintf(name, sizeof(name), "sorter %s: in order", what);
	CHECK(name, got.all.len == expect.len && (n == 0 ||
	    memcmp(got.all.data, expect.data, expect.len) == 0));
	smp_buf_free(&got.all);
	smp_buf_free(&expect);
	smp_sorter_free(s);
}

/* Threads adding at once, as the scanner's do: runs are merged by one
 * thread, outside the lock, while the others add. */
struct adder {
	struct smp_sorter *s;
	int thread, threads, keys, pad, rc;
};

static void *
add_some(void *arg)
{
	struct adder *a = arg;
	struct smp_diag d;
	char rec[4096];

	/* every key twice, the keys of this thread from the top down, so
	 * that no batch arrives in order; pad bytes after the key make
	 * writing a run take a while, the time a merge must not read it */
	for (int pass = 0; pass < 2; pass++)
		for (int j = a->thread; j < a->keys && a->rc == SMP_OK;
		    j += a->threads) {
			int len = snprintf(rec, 16, "k%07d", a->keys - 1 - j);

			memset(rec + len + 1, 'a' + j % 3, (size_t)a->pad);
			len += 1 + a->pad;
			a->rc = smp_sorter_add(a->s, rec, (size_t)len, &d);
		}
	return NULL;
}

static int
check_order(void *arg, const char *rec, size_t len)
{
	struct collected *c = arg;
	char key[32];

	(void)len;
	snprintf(key, sizeof(key), "k%07zu", c->n / 2);
	c->n++;
	return strcmp(rec, key) == 0 ? 0 : 1;
}

static void
check_sorter_threads(const char *what, int threads, int keys, int pad,
    size_t limit)
{
	struct smp_sorter *s = smp_sorter_new(limit, NULL);
	struct adder a[8];
	pthread_t t[8];
	struct collected got = { { 0 }, 0 };
	struct smp_diag d;
	char name[160];
	int ok = 1;

	for (int i = 0; i < threads; i++) {
		a[i] = (struct adder){ s, i, threads, keys, pad, SMP_OK };
		pthread_create(&t[i], NULL, add_some, &a[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		ok &= a[i].rc == SMP_OK;
	}
	snprintf(name, sizeof(name), "sorter %s: adds", what);
	CHECK(name, ok);
	snprintf(name, sizeof(name), "sorter %s: reads back in order", what);
	CHECK_INT(name, smp_sorter_each(s, check_order, &got, &d), SMP_OK);
	snprintf(name, sizeof(name), "sorter %s: every record", what);
	CHECK_INT(name, (int)got.n, 2 * keys);
	smp_sorter_free(s);
}

static int
stop_at_three(void *arg, const char *rec, size_t len)
{
	(void)rec;
	(void)len;
	return ++*(int *)arg == 3 ? 99 : 0;
}

static void
test_sorter(void)
{
	struct smp_sorter *s;
	struct smp_diag d;
	int seen = 0;

	check_sorter("empty", 0, 1024);
	check_sorter("in memory", 500, 1 << 20);
	check_sorter("one run on disk", 500, 4096);
	/* 64-byte limit: thousands of runs, several merge passes */
	check_sorter("many runs", 3000, 64);
	check_sorter("records larger than the limit", 200, 1);
	/* merges while adding: a 64-byte limit makes a run of each record,
	 * so thousands of runs, merged into three levels and more */
	check_sorter_threads("8 threads, many runs", 8, 20000, 8, 64);
	check_sorter_threads("4 threads, long records", 4, 2000, 4000, 64);
	check_sorter_threads("2 threads, one level", 2, 3000, 8, 1024);
	check_sorter_threads("8 threads, in memory", 8, 2000, 8, 1 << 20);
	s = smp_sorter_new(1 << 20, NULL);
	for (int i = 0; i < 10; i++)
		smp_sorter_add(s, "a\0b", 3, &d);
	CHECK_INT("sorter: fn's status stops the walk",
	    smp_sorter_each(s, stop_at_three, &seen, &d), 99);
	CHECK_INT("sorter: stopped at the third", seen, 3);
	smp_sorter_free(s);
}

/* The whole run into two files: the listing and the diagnostics. */
static int
run_into(const struct smp_clinic *k, int jobs, size_t limit, int format,
    const char *ics, char *out, char *err)
{
	static char *paths[] = { "tests/data/remind/clinic",
		"tests/data/remind/extra", "tests/data/remind/kinds", NULL };
	struct smp_remind_opts o = { .clinic = k, .today = D(2026, 11, 22),
		.days = 3650, .kinds = SMP_R_ALL, .format = format,
		.jobs = jobs, .ics = ics, .dtstamp = 1763769600, .tmpdir = "/tmp",
		.prog = "test", .sort_limit = limit };
	FILE *fo = fopen(out, "w"), *fe = fopen(err, "w");
	int rc;

	if (fo == NULL || fe == NULL)
		return -1;
	rc = smp_remind_run(&o, paths, 3, NULL, fo, fe);
	fclose(fo);
	fclose(fe);
	return rc;
}

static int
same_file(const char *a, const char *b)
{
	FILE *x = fopen(a, "r"), *y = fopen(b, "r");
	int c, d, same = x != NULL && y != NULL;

	while (same && ((c = getc(x)) != EOF) | ((d = getc(y)) != EOF))
		same = c == d;
	if (x)
		fclose(x);
	if (y)
		fclose(y);
	return same;
}

/* A sorter of 64 bytes spills every record and merges in passes: the
 * bytes must not change, whatever the threads. */
static void
test_run_spilling(const struct smp_clinic *k)
{
	static const char *const fmt[] = { "tsv", "json", "text" };
	char name[160];

	for (int f = 0; f < 3; f++) {
		int a = run_into(k, 1, 0, f, "/tmp/smp-unit-remind-a.ics",
		    "/tmp/smp-unit-remind-a.out", "/tmp/smp-unit-remind-a.err");
		int b = run_into(k, 4, 64, f, "/tmp/smp-unit-remind-b.ics",
		    "/tmp/smp-unit-remind-b.out", "/tmp/smp-unit-remind-b.err");

		snprintf(name, sizeof(name), "run %s: 65 for the broken files, "
		    "both ways", fmt[f]);
		CHECK(name, a == SMP_INVALID && b == SMP_INVALID);
		snprintf(name, sizeof(name), "run %s: spilled on 4 threads, the "
		    "same listing", fmt[f]);
		CHECK(name, same_file("/tmp/smp-unit-remind-a.out",
		    "/tmp/smp-unit-remind-b.out"));
		snprintf(name, sizeof(name), "run %s: the same diagnostics",
		    fmt[f]);
		CHECK(name, same_file("/tmp/smp-unit-remind-a.err",
		    "/tmp/smp-unit-remind-b.err"));
		snprintf(name, sizeof(name), "run %s: the same feed", fmt[f]);
		CHECK(name, same_file("/tmp/smp-unit-remind-a.ics",
		    "/tmp/smp-unit-remind-b.ics"));
	}
	unlink("/tmp/smp-unit-remind-a.out");
	unlink("/tmp/smp-unit-remind-b.out");
	unlink("/tmp/smp-unit-remind-a.err");
	unlink("/tmp/smp-unit-remind-b.err");
	unlink("/tmp/smp-unit-remind-a.ics");
	unlink("/tmp/smp-unit-remind-b.ics");
}

int
main(void)
{
	struct smp_clinic k;
	struct smp_diag d;

	smp_diag_clear(&d);
	if (smp_clinic_load(NULL, 0, "UTC", NULL, &k, &d) != SMP_OK) {
		printf("FAIL remind: the built-in clinic loads\n");
		return 1;
	}
	test_refresh_due(&k);
	test_refresh_held();
	test_kinds(&k);
	test_kinds_parse();
	test_event_text();
	test_sorter();
	test_run_spilling(&k);
	smp_clinic_free(&k);
	smp_cal_cleanup();
	UNIT_EXIT();
}
