/* smp-plan's library: words, kinds, shades, zones, the bookings, slots
 * and the course, without spawning a process. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "unit.h"

static struct smp_time
T(int y, int m, int d, int hh, int mm)
{
	struct smp_time t = { { y, m, d }, hh, mm };

	return t;
}

static int
clinic(const char *yaml, struct smp_clinic *k)
{
	struct smp_doc *doc;
	struct smp_diag d;

	if (smp_doc_parse("clinic.yaml", yaml, strlen(yaml), &doc, &d) != SMP_OK ||
	    smp_clinic_from_doc(doc, NULL, "UTC", k, &d) != SMP_OK) {
		fprintf(stderr, "clinic: %d:%d %s: %s\n", d.line, d.col, d.key,
		    d.msg);
		exit(2);
	}
	return 0;
}

static void
client(const char *yaml, const struct smp_clinic *k, struct smp_client *c)
{
	struct smp_doc *doc;
	struct smp_diag d;

	if (smp_doc_parse("c.yaml", yaml, strlen(yaml), &doc, &d) != SMP_OK ||
	    smp_client_from_doc(doc, k, c, &d) != SMP_OK) {
		fprintf(stderr, "client: %d:%d %s: %s\n", d.line, d.col, d.key,
		    d.msg);
		exit(2);
	}
}

static void
words(void)
{
	CHECK("word: exact", smp_word_match("keloid", "keloid"));
	CHECK("word: case", smp_word_match("Keloid scars", "KELOID"));
	CHECK("word: later word", smp_word_match("old keloid", "keloid"));
	CHECK("word: not a prefix", !smp_word_match("keloids", "keloid"));
	CHECK("word: not inside", !smp_word_match("pseudokeloid", "keloid"));
	CHECK("word: separators alike",
	    smp_word_match("active infection", "active-infection"));
	CHECK("word: underscore", smp_word_match("active_infection",
	    "active infection"));
	CHECK("word: longer entry", !smp_word_match("psoriasis",
	    "psoriasis-flare"));
	CHECK("word: hyphen ends a word", smp_word_match("keloid-prone",
	    "keloid"));
	CHECK("word: UTF-8 letter is a word byte",
	    !smp_word_match("keloid\xc3\xb3w", "keloid"));
	CHECK("word: empty entry", !smp_word_match("keloid", ""));
}

static void
kinds_and_shades(void)
{
	struct smp_clinic k;
	struct smp_client c;

	CHECK_INT("kind 2: first", smp_plan_kind(0, 2), SMP_BASE);
	CHECK_INT("kind 2: last", smp_plan_kind(1, 2), SMP_TOUCH_UP);
	CHECK_INT("kind 3: middle", smp_plan_kind(1, 3), SMP_INTENSIFICATION);
	CHECK_INT("kind 4: second", smp_plan_kind(1, 4), SMP_INTENSIFICATION);
	CHECK_INT("kind 4: third", smp_plan_kind(2, 4), SMP_INTENSIFICATION);
	CHECK_INT("kind 4: fourth", smp_plan_kind(3, 4), SMP_TOUCH_UP);
	CHECK_INT("kind: past the end", smp_plan_kind(4, 3), SMP_TOUCH_UP);
	clinic("smp-clinic: 1\n", &k);
	client("smp: 1\nid: a\nname: A\nprofile: {hair_color: white}\n", &k, &c);
	CHECK_INT("shade: white base stays 1",
	    smp_plan_shade(&c, &k.protocol, SMP_BASE), 1);
	smp_client_free(&c);
	client("smp: 1\nid: a\nname: A\nprofile: {hair_color: black}\n", &k, &c);
	CHECK_INT("shade: black base", smp_plan_shade(&c, &k.protocol,
	    SMP_BASE), 5);
	CHECK_INT("shade: black touch-up", smp_plan_shade(&c, &k.protocol,
	    SMP_TOUCH_UP), 6);
	smp_client_free(&c);
	client("smp: 1\nid: a\nname: A\n", &k, &c);
	CHECK_INT("shade: unknown hair", smp_plan_shade(&c, &k.protocol,
	    SMP_BASE), 0);
	smp_client_free(&c);
	smp_clinic_free(&k);
}

static void
zones(void)
{
	struct smp_zone w, u;
	time_t at;

	CHECK("zone: Warsaw", smp_zone_open(&w, "Europe/Warsaw") == 0);
	CHECK("zone: UTC", smp_zone_open(&u, "UTC") == 0);
	CHECK("zone: unknown", smp_zone_open(&u, "Europe/Atlantis") != 0);
	smp_zone_open(&u, "UTC");
	CHECK("instant: winter", smp_zone_instant(&w, T(2027, 1, 4, 9, 0),
	    &at) == 0 && at == 1799053200 - 3600);
	CHECK("instant: summer", smp_zone_instant(&w, T(2027, 7, 5, 9, 0),
	    &at) == 0 && at == 1814778000 - 7200);
	CHECK("instant: 02:30 on 2027-03-28 is skipped",
	    smp_zone_instant(&w, T(2027, 3, 28, 2, 30), &at) != 0);
	CHECK("instant: 03:00 on 2027-03-28 exists",
	    smp_zone_instant(&w, T(2027, 3, 28, 3, 0), &at) == 0);
	/* 2027-10-31 02:30 happens at 00:30 and 01:30 UTC: the first */
	CHECK("instant: a repeated time is the first",
	    smp_zone_instant(&w, T(2027, 10, 31, 2, 30), &at) == 0 &&
	    strcmp(fmt_time(smp_zone_local(&u, at)), "2027-10-31 00:30") == 0);
	CHECK_STR("local: back in Warsaw",
	    fmt_time(smp_zone_local(&w, 1799053200 - 3600)), "2027-01-04 09:00");
}

/* The offset range read from a zone's observances holds every offset
 * libical's full expansion gives over the next three years. */
static void
ranges(void)
{
	static const char *const names[] = { "Europe/Warsaw", "Europe/London",
		"Europe/Dublin", "Europe/Lisbon", "America/New_York",
		"America/Mexico_City", "Asia/Tokyo", "Africa/Casablanca",
		"Australia/Lord_Howe", "Antarctica/Troll", "Pacific/Apia",
		"America/Sao_Paulo", "Asia/Kolkata", "UTC", NULL };
	struct smp_zone z, u;
	char name[80];

	smp_zone_open(&u, "UTC");
	for (int i = 0; names[i] != NULL; i++) {
		int ok = smp_zone_open_from(&z, names[i], D(2026, 11, 20)) == 0;
		time_t at;

		smp_zone_instant(&u, T(2026, 11, 20, 0, 0), &at);
		for (int h = 0; ok && h < 3 * 366 * 24; h += 3) {
			struct smp_time local = smp_zone_local(&z, at + h * 3600);
			struct smp_time utc = smp_zone_local(&u, at + h * 3600);
			time_t a, b;
			int off;

			smp_zone_instant(&u, local, &a);
			smp_zone_instant(&u, utc, &b);
			off = (int)(a - b);
			ok = off >= z.lo && off <= z.hi;
		}
		snprintf(name, sizeof(name), "range: %s [%d, %d] holds every "
		    "offset", names[i], z.lo, z.hi);
		CHECK(name, ok);
	}
	smp_zone_open_from(&z, "Asia/Tokyo", D(2026, 11, 20));
	CHECK("range: no daylight saving, no doubt", z.lo == z.hi &&
	    z.lo == 9 * 3600);
	smp_zone_open_from(&z, "Europe/Warsaw", D(2026, 11, 20));
	CHECK("range: Warsaw +1..+2", z.lo == 3600 && z.hi == 7200);
}

static void
bookings(void)
{
	struct smp_clinic k;
	struct smp_book b;
	struct smp_diag d;

	clinic("smp-clinic: 1\ntimezone: UTC\n", &k);
	smp_book_init(&b, &k, &d);
	smp_book_add(&b, 0, 1000, 2000);
	smp_book_add(&b, 0, 5000, 6000);
	smp_book_add(&b, 0, 3000, 4000);	/* out of order: kept sorted */
	CHECK("busy: sorted", b.busy[0][1].start == 3000);
	CHECK("free: before", smp_book_is_free(&b, 0, 0, 1000));
	CHECK("free: ends where one begins", smp_book_is_free(&b, 0, 2000,
	    3000));
	CHECK("busy: overlaps the end", !smp_book_is_free(&b, 0, 1999, 2500));
	CHECK("busy: inside", !smp_book_is_free(&b, 0, 3100, 3200));
	CHECK("busy: around", !smp_book_is_free(&b, 0, 500, 7000));
	smp_book_add(&b, 0, 0, 100000);		/* a long one reaches far */
	CHECK("busy: a long interval found", !smp_book_is_free(&b, 0, 90000,
	    90001));
	smp_book_free(&b);
	smp_clinic_free(&k);
}

/* Bookings kept in local time: judged from the offset range where that
 * is certain, exactly where it is not. */
static void
local_bookings(void)
{
	struct smp_clinic k;
	struct smp_book b;
	struct smp_zone w;
	struct smp_diag d;
	time_t at;

	clinic("smp-clinic: 1\ntimezone: UTC\n", &k);
	smp_book_init(&b, &k, &d);
	b.horizon = D(2027, 1, 1);
	smp_zone_open(&w, "Europe/Warsaw");
	/* 10:00-11:00 in Warsaw in winter is 09:00-10:00 UTC */
	CHECK("local: added", smp_book_add_local(&b, 0, "Europe/Warsaw",
	    T(2027, 1, 4, 10, 0), 60) == 0);
	CHECK("local: unknown zone", smp_book_add_local(&b, 0,
	    "Europe/Atlantis", T(2027, 1, 4, 10, 0), 60) != 0);
	smp_book_sort(&b);
	smp_zone_instant(&w, T(2027, 1, 4, 10, 0), &at);
	CHECK("local: busy at its exact hour", !smp_book_is_free(&b, 0, at,
	    at + 60));
	CHECK("local: free the hour before, though the guess spans it",
	    smp_book_is_free(&b, 0, at - 3600, at));
	CHECK("local: free right after", smp_book_is_free(&b, 0, at + 3600,
	    at + 7200));
	CHECK("local: busy across", !smp_book_is_free(&b, 0, at - 7200,
	    at + 7200));
	smp_book_free(&b);
	smp_clinic_free(&k);
}

static void
slots(void)
{
	struct smp_clinic k;
	struct smp_book b;
	struct smp_zone z;
	struct smp_diag d;
	struct smp_time t;
	time_t at;

	clinic("smp-clinic: 1\ntimezone: Europe/Warsaw\n"
	    "hours: {mon: 09:00-17:00, fri: 09:10-12:00, sun: 01:00-05:00}\n"
	    "closed: [2027-05-10]\n"
	    "practitioners:\n  - {id: a, days: [mon, fri, sun]}\n", &k);
	smp_book_init(&b, &k, &d);
	smp_zone_open(&z, "Europe/Warsaw");
	CHECK("slot: Monday 09:00", smp_slot_find(&b, 0, &z, D(2027, 5, 1), 180,
	    &t) == SMP_OK && strcmp(fmt_time(t), "2027-05-02 01:00") == 0);
	CHECK("slot: from Monday", smp_slot_find(&b, 0, &z, D(2027, 5, 3), 180,
	    &t) == SMP_OK && strcmp(fmt_time(t), "2027-05-03 09:00") == 0);
	CHECK("slot: Friday opens 09:10, first quarter 09:15",
	    smp_slot_find(&b, 0, &z, D(2027, 5, 7), 120, &t) == SMP_OK &&
	    strcmp(fmt_time(t), "2027-05-07 09:15") == 0);
	CHECK("slot: too long for Friday", smp_slot_find(&b, 0, &z,
	    D(2027, 5, 7), 180, &t) == SMP_OK &&
	    strcmp(fmt_time(t), "2027-05-09 01:00") == 0);
	CHECK("slot: a closed Monday", smp_slot_find(&b, 0, &z, D(2027, 5, 10),
	    300, &t) == SMP_OK && strcmp(fmt_time(t), "2027-05-17 09:00") == 0);
	smp_zone_instant(&z, T(2027, 5, 3, 9, 0), &at);
	smp_book_add(&b, 0, at, at + 3 * 3600);
	CHECK("slot: after another", smp_slot_find(&b, 0, &z, D(2027, 5, 3),
	    300, &t) == SMP_OK && strcmp(fmt_time(t), "2027-05-03 12:00") == 0);
	CHECK("ok: ends at closing", smp_slot_ok(&b, 0, &z,
	    T(2027, 5, 3, 14, 0), 180));
	CHECK("ok: not past closing", !smp_slot_ok(&b, 0, &z,
	    T(2027, 5, 3, 14, 15), 180));
	CHECK("ok: not on another", !smp_slot_ok(&b, 0, &z,
	    T(2027, 5, 3, 11, 45), 60));
	CHECK("ok: not a day off", !smp_slot_ok(&b, 0, &z,
	    T(2027, 5, 4, 10, 0), 60));
	CHECK("ok: not a closed date", !smp_slot_ok(&b, 0, &z,
	    T(2027, 5, 10, 10, 0), 60));
	CHECK("ok: not a skipped time", !smp_slot_ok(&b, 0, &z,
	    T(2027, 3, 28, 2, 15), 30));
	CHECK("slot: the skipped hour is never offered",
	    smp_slot_find(&b, 0, &z, D(2027, 3, 28), 60, &t) == SMP_OK &&
	    strcmp(fmt_time(t), "2027-03-28 01:00") == 0);
	smp_zone_instant(&z, T(2027, 3, 28, 1, 0), &at);
	smp_book_add(&b, 0, at, at + 3600);
	CHECK("slot: after the gap", smp_slot_find(&b, 0, &z, D(2027, 3, 28),
	    60, &t) == SMP_OK && strcmp(fmt_time(t), "2027-03-28 03:00") == 0);
	smp_book_free(&b);
	smp_clinic_free(&k);
}

/* Every booking of a book as sortable lines. */
static size_t
book_lines(const struct smp_book *b, char **out, size_t max)
{
	size_t n = 0;

	for (size_t p = 0; p < b->clinic->npractitioners; p++)
		for (size_t i = 0; i < b->n[p] && n < max; i++) {
			const struct smp_busy *v = &b->busy[p][i];
			char line[160];

			snprintf(line, sizeof(line), "%zu %s %s %ld", p,
			    fmt_time(v->local), v->zone->name, (long)(v->end -
			    v->start - (v->zone->hi - v->zone->lo)));
			out[n++] = strdup(line);
		}
	return n;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder reader's fast path finds exactly the bookings the full
 * loader does, in files of every shape the writer tests use. */
static void
fast_reader(const char *dir)
{
	struct smp_clinic k;
	struct smp_book fast, full;
	struct smp_client me = { .path = "/nonexistent", .id = "nobody" };
	struct smp_diag d;
	char path[512], *a[256], *b[256], name[600];
	size_t na, nb;
	int same, rc;
	struct dirent **e;
	int n;

	snprintf(path, sizeof(path), "%s/clinic.yaml", dir);
	if (smp_clinic_load(path, 1, NULL, NULL, &k, &d) != SMP_OK) {
		printf("FAIL fast reader %s: no clinic\n", dir);
		return;
	}
	smp_book_init(&fast, &k, &d);
	smp_book_init(&full, &k, &d);
	fast.horizon = full.horizon = D(1900, 1, 1);
	rc = smp_book_dir(&fast, dir, &me, &d);
	n = scandir(dir, &e, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		struct smp_client c;
		size_t len = strlen(e[i]->d_name);

		snprintf(path, sizeof(path), "%s/%s", dir, e[i]->d_name);
		if (e[i]->d_name[0] != '.' && len > 5 &&
		    strcmp(e[i]->d_name + len - 5, ".yaml") == 0 &&
		    smp_client_load(path, &k, &c, &d) == SMP_OK) {
			for (size_t j = 0; j < c.nsessions; j++) {
				const struct smp_session *s = &c.sessions[j];
				int p = smp_practitioner_index(&k, s->practitioner);

				if (p >= 0 && (s->status == SMP_PLANNED ||
				    s->status == SMP_DONE))
					smp_book_add_local(&full, (size_t)p,
					    c.timezone, s->start, s->minutes);
			}
			smp_client_free(&c);
		}
		free(e[i]);
	}
	free(e);
	na = book_lines(&fast, a, 256);
	nb = book_lines(&full, b, 256);
	qsort(a, na, sizeof(*a), by_text);
	qsort(b, nb, sizeof(*b), by_text);
	same = rc == SMP_OK && na == nb && na > 0;
	for (size_t i = 0; i < na || i < nb; i++) {
		if (i < na && i < nb && strcmp(a[i], b[i]) != 0)
			same = 0;
		if (i < na)
			free(a[i]);
		if (i < nb)
			free(b[i]);
	}
	snprintf(name, sizeof(name), "fast reader: %s: %zu bookings as the "
	    "loader reads them", dir, na);
	CHECK(name, same);
	smp_book_free(&fast);
	smp_book_free(&full);
	smp_clinic_free(&k);
}

static const char *const plan_clinic =
    "smp-clinic: 1\ntimezone: Europe/Warsaw\n"
    "hours: {mon: 09:00-17:00, tue: 09:00-17:00, wed: 09:00-17:00,\n"
    "        thu: 09:00-17:00, fri: 09:00-17:00}\n"
    "practitioners:\n  - {id: a, days: [mon, tue, wed, thu, fri]}\n"
    "  - {id: b, days: [mon, tue, wed, thu, fri]}\n";

static int
plan(const char *yaml, struct smp_plan_opts *o, struct smp_plan *p,
    struct smp_diag *d)
{
	struct smp_clinic k;
	struct smp_client c;
	struct smp_book b;
	int rc;

	clinic(plan_clinic, &k);
	client(yaml, &k, &c);
	smp_book_init(&b, &k, d);
	rc = smp_plan_course(&c, &k, o, &b, p, d);
	/* the items point into c: keep what the checks need */
	for (size_t i = 0; i < p->n; i++)
		p->items[i].s.practitioner = p->items[i].s.practitioner &&
		    strcmp(p->items[i].s.practitioner, "a") == 0 ? "a" :
		    p->items[i].s.practitioner ? "b" : NULL;
	smp_book_free(&b);
	smp_client_free(&c);
	smp_clinic_free(&k);
	return rc;
}

static void
course(void)
{
	struct smp_plan_opts o = { .from = { 2027, 5, 1 } };
	struct smp_plan p;
	struct smp_diag d;

	CHECK("course: new", plan("smp: 1\nid: x\nname: X\n", &o, &p, &d) ==
	    SMP_OK && p.n == 3 && p.items[2].s.n == 3 &&
	    p.items[2].s.kind == SMP_TOUCH_UP &&
	    strcmp(fmt_time(p.items[0].s.start), "2027-05-03 09:00") == 0 &&
	    strcmp(fmt_time(p.items[1].s.start), "2027-05-31 09:00") == 0 &&
	    p.items[0].change == SMP_PLAN_NEW);
	smp_plan_free(&p);
	o.sessions = 2;
	CHECK("course: --sessions 2 cancels the last planned",
	    plan("smp: 1\nid: x\nname: X\nsessions:\n"
	    "  - {n: 1, kind: base, start: 2027-04-01 09:00, practitioner: a, status: done}\n"
	    "  - {n: 2, kind: intensification, start: 2027-05-03 09:00, practitioner: a, status: planned}\n"
	    "  - {n: 3, kind: touch-up, start: 2027-06-07 09:00, practitioner: a, status: planned, seq: 2}\n",
	    &o, &p, &d) == SMP_OK && p.n == 3 &&
	    p.items[2].change == SMP_PLAN_DROPPED &&
	    p.items[2].s.status == SMP_CANCELLED && p.items[2].s.seq == 3 &&
	    p.items[1].change == SMP_PLAN_UPDATED &&
	    p.items[1].s.kind == SMP_TOUCH_UP && p.items[1].s.minutes == 120 &&
	    p.store_sessions == 2);
	smp_plan_free(&p);
	o.sessions = 0;
	CHECK("course: too close to the last treatment: moved, seq + 1",
	    plan("smp: 1\nid: x\nname: X\nsessions:\n"
	    "  - {n: 1, kind: base, start: 2027-04-20 09:00, practitioner: a, status: done}\n"
	    "  - {n: 2, kind: intensification, start: 2027-05-03 09:00, practitioner: a, status: planned}\n",
	    &o, &p, &d) == SMP_OK && p.items[1].change == SMP_PLAN_MOVED &&
	    p.items[1].s.seq == 1 &&
	    strcmp(fmt_time(p.items[1].s.start), "2027-05-18 09:00") == 0 &&
	    strcmp(fmt_time(p.items[1].was), "2027-05-03 09:00") == 0);
	smp_plan_free(&p);
	CHECK("course: cancelled and no-show do not count; n goes on",
	    plan("smp: 1\nid: x\nname: X\nsessions:\n"
	    "  - {n: 1, kind: base, start: 2027-04-01 09:00, practitioner: a, status: done}\n"
	    "  - {n: 2, kind: intensification, start: 2027-04-20 09:00, practitioner: a, status: no-show}\n"
	    "  - {n: 5, kind: refresh, start: 2020-04-20 09:00, practitioner: a, status: done}\n",
	    &o, &p, &d) == SMP_OK && p.n == 4 && p.items[2].s.n == 6 &&
	    p.items[3].s.n == 7 && p.items[2].s.kind == SMP_INTENSIFICATION);
	smp_plan_free(&p);
	o.practitioner = "b";
	CHECK("course: --practitioner moves another's session",
	    plan("smp: 1\nid: x\nname: X\nsessions:\n"
	    "  - {n: 1, kind: base, start: 2027-05-03 09:00, practitioner: a, status: planned}\n",
	    &o, &p, &d) == SMP_OK && p.practitioner == 1 &&
	    p.items[0].change == SMP_PLAN_UPDATED &&
	    strcmp(p.items[0].s.practitioner, "b") == 0);
	smp_plan_free(&p);
	o.practitioner = "zed";
	CHECK("course: unknown --practitioner", plan("smp: 1\nid: x\nname: X\n",
	    &o, &p, &d) == SMP_USAGE && strstr(d.msg, "a, b") != NULL);
	smp_plan_free(&p);
}

int
main(void)
{
	words();
	kinds_and_shades();
	zones();
	ranges();
	bookings();
	local_bookings();
	slots();
	fast_reader("tests/data/plan/write");
	fast_reader("tests/data/plan/others");
	fast_reader("tests/data/plan/zones");
	fast_reader("tests/data/plan/course");
	course();
	smp_cal_cleanup();
	UNIT_EXIT();
}
