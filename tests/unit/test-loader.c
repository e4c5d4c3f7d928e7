/* The client and clinic loaders: every kind of bad value is an error
 * with file, line, column and key (client-format.md, "Rules"); good
 * files read as the spec says; the clinic file merges over the defaults
 * (clinic-format.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smp.h"
#include "unit.h"

static struct smp_clinic clinic;	/* the built-in defaults, zone UTC */


/* Loads yaml as a client file; path receives the temp file's name. */
static int
load_client(const char *yaml, const struct smp_clinic *k,
    struct smp_client *c, struct smp_diag *d, char *path, size_t size)
{
	int rc;

	write_temp(yaml, path, size);
	smp_diag_clear(d);
	memset(c, 0, sizeof(*c));
	rc = smp_client_load(path, k, c, d);
	unlink(path);
	return rc;
}

/* A client file that must fail with 65 at line:col naming key. */
static void
bad_client(const char *what, const char *yaml, int line, int col,
    const char *key)
{
	struct smp_client c;
	struct smp_diag d;
	char path[64], name[200];
	int rc = load_client(yaml, &clinic, &c, &d, path, sizeof(path));

	snprintf(name, sizeof(name), "client %s: status 65", what);
	CHECK_INT(name, rc, SMP_INVALID);
	if (rc == SMP_OK) {
		smp_client_free(&c);
		return;
	}
	snprintf(name, sizeof(name), "client %s: diag names the file", what);
	CHECK_STR(name, d.file, path);
	snprintf(name, sizeof(name), "client %s: line %d", what, line);
	CHECK_INT(name, d.line, line);
	snprintf(name, sizeof(name), "client %s: column %d", what, col);
	CHECK_INT(name, d.col, col);
	snprintf(name, sizeof(name), "client %s: key \"%s\"", what, key);
	CHECK_STR(name, d.key, key);
	snprintf(name, sizeof(name), "client %s: has a message", what);
	CHECK(name, d.msg[0] != '\0');
}

#define HEAD "smp: 1\nid: c-1\nname: Jan\n"		/* lines 1-3 */
#define SESSION1 "sessions:\n  - n: 1\n    kind: base\n" \
	"    start: 2026-01-10 10:00\n    status: done\n"	/* lines 4-8 */

static void
test_bad_clients(void)
{
	/* sessions[1] starts on line 9: "  - n: 2" */
	bad_client("impossible date 2026-02-30 in sessions[1].start",
	    HEAD SESSION1 "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-02-30 10:00\n    status: planned\n",
	    11, 12, "sessions[1].start");
	bad_client("time 24:10",
	    HEAD "sessions:\n  - n: 1\n    kind: base\n"
	    "    start: 2026-01-10 24:10\n    status: done\n",
	    7, 12, "sessions[0].start");
	bad_client("start with a date only",
	    HEAD "sessions:\n  - n: 1\n    kind: base\n"
	    "    start: 2026-01-10\n    status: done\n",
	    7, 12, "sessions[0].start");
	bad_client("unknown timezone Europe/Atlantis",
	    HEAD "timezone: Europe/Atlantis\n", 4, 11, "timezone");
	bad_client("minutes: soon",
	    HEAD SESSION1 "    minutes: soon\n", 9, 14, "sessions[0].minutes");
	bad_client("minutes: 0 (out of range)",
	    HEAD SESSION1 "    minutes: 0\n", 9, 14, "sessions[0].minutes");
	bad_client("a block mapping where a list belongs (profile.conditions)",
	    HEAD "profile:\n  conditions:\n    psoriasis: yes\n",
	    6, 5, "profile.conditions");
	bad_client("a flow mapping where a list belongs (profile.conditions)",
	    HEAD "profile: {conditions: {psoriasis: yes}}\n",
	    4, 23, "profile.conditions");
	bad_client("a list where a mapping belongs (profile)",
	    HEAD "profile: [goal]\n", 4, 10, "profile");
	bad_client("a list where text belongs (name)",
	    "smp: 1\nid: c-1\nname: [Jan, Kowalski]\n", 3, 7, "name");
	bad_client("a mapping where a list belongs (sessions)",
	    HEAD "sessions:\n  n: 1\n", 5, 3, "sessions");
	bad_client("a list item that is not text (profile.medication[1])",
	    HEAD "profile:\n  medication: [a, {b: c}]\n", 5, 19,
	    "profile.medication[1]");
	bad_client("wrong enum kind: basic",
	    HEAD "sessions:\n  - n: 1\n    kind: basic\n"
	    "    start: 2026-01-10 10:00\n    status: done\n",
	    6, 11, "sessions[0].kind");
	bad_client("wrong enum status: finished",
	    HEAD "sessions:\n  - n: 1\n    kind: base\n"
	    "    start: 2026-01-10 10:00\n    status: finished\n",
	    8, 13, "sessions[0].status");
	bad_client("wrong enum profile.hair_color: ginger",
	    HEAD "profile:\n  hair_color: ginger\n", 5, 15,
	    "profile.hair_color");
	bad_client("norwood 9 out of range 1..7",
	    HEAD "profile:\n  norwood: 9\n", 5, 12, "profile.norwood");
	bad_client("norwood 0 out of range 1..7",
	    HEAD "profile:\n  norwood: 0\n", 5, 12, "profile.norwood");
	bad_client("fitzpatrick 3.5 is not whole",
	    HEAD "profile:\n  fitzpatrick: 3.5\n", 5, 16, "profile.fitzpatrick");
	bad_client("shade 7 out of range 1..6",
	    HEAD SESSION1 "    shade: 7\n", 9, 12, "sessions[0].shade");
	bad_client("plan.sessions 5 out of range 2..4",
	    HEAD "plan:\n  sessions: 5\n", 5, 13, "plan.sessions");
	bad_client("consultation.quote: cheap",
	    HEAD "consultation:\n  quote: cheap\n", 5, 10,
	    "consultation.quote");
	bad_client("healing[0].date impossible",
	    HEAD "healing:\n  - date: 2026-11-31\n    note: itch\n", 5, 11,
	    "healing[0].date");
	bad_client("healing[1] without date",
	    HEAD "healing:\n  - date: 2026-11-14\n  - note: itch\n", 6, 5,
	    "healing[1].date");
	bad_client("duplicate top-level key (at the second key)",
	    HEAD "email: a@example.org\nphone: 1\nemail: b@example.org\n",
	    6, 1, "email");
	bad_client("duplicate key in profile (at the second key)",
	    HEAD "profile:\n  goal: scar\n  skin: dry\n  goal: density\n",
	    7, 3, "profile.goal");
	bad_client("duplicate key in sessions[0] (at the second key)",
	    HEAD SESSION1 "    kind: refresh\n", 9, 5, "sessions[0].kind");
	bad_client("duplicate session n",
	    HEAD SESSION1 "  - n: 1\n    kind: intensification\n"
	    "    start: 2026-02-10 10:00\n    status: planned\n",
	    9, 8, "sessions[1].n");
	bad_client("sessions out of order",
	    HEAD "sessions:\n  - n: 2\n    kind: base\n"
	    "    start: 2026-01-10 10:00\n    status: done\n"
	    "  - n: 1\n    kind: intensification\n"
	    "    start: 2026-02-10 10:00\n    status: planned\n",
	    9, 8, "sessions[1].n");
	bad_client("session without status",
	    HEAD "sessions:\n  - n: 1\n    kind: base\n"
	    "    start: 2026-01-10 10:00\n", 5, 5, "sessions[0].status");
	bad_client("missing id", "smp: 1\nname: Jan\n", 1, 1, "id");
	bad_client("null id", "smp: 1\nid: ~\nname: Jan\n", 1, 1, "id");
	bad_client("missing name", "smp: 1\nid: c-1\n", 1, 1, "name");
	bad_client("missing smp", "id: c-1\nname: Jan\n", 1, 1, "smp");
	bad_client("smp: 2", "smp: 2\nid: c-1\nname: Jan\n", 1, 6, "smp");
	bad_client("smp: one", "smp: one\nid: c-1\nname: Jan\n", 1, 6, "smp");
	bad_client("bad id \"c 42\"", "smp: 1\nid: c 42\nname: Jan\n", 2, 5,
	    "id");
	bad_client("bad id with a slash", "smp: 1\nid: ../c-42\nname: Jan\n",
	    2, 5, "id");
	bad_client("65-character id",
	    "smp: 1\nid: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\nname: Jan\n", 2, 5, "id");
	bad_client("bad lang", HEAD "lang: polish!\n", 4, 7, "lang");
	bad_client("a top-level list", "- smp: 1\n- id: c-1\n", 1, 1, "");
	bad_client("a top-level scalar", "just text\n", 1, 1, "");
	bad_client("a clinic file passed as a client",
	    "smp-clinic: 1\nname: SMP clinic\n", 1, 1, "");
	bad_client("YAML syntax error (mapping value out of place)",
	    "smp: 1\nid: c-1\n  name: Jan\n", 3, 7, "");
	bad_client("YAML syntax error (unclosed flow list)",
	    "smp: 1\nid: [c-1\nname: Jan\n", 3, 5, "");
	bad_client("an alias", HEAD "email: &e a@b.org\nphone: *e\n", 4, 8,
	    "email");
}

/* The empty file has no line to point at: 65, no key. */
static void
test_empty(void)
{
	static const char *const texts[] = { "", "# only a comment\n",
		"\n\n" };
	static const char *const names[] = { "empty file",
		"file with only a comment", "file of blank lines" };

	for (int i = 0; i < 3; i++) {
		struct smp_client c;
		struct smp_diag d;
		char path[64], name[200];
		int rc = load_client(texts[i], &clinic, &c, &d, path,
		    sizeof(path));

		snprintf(name, sizeof(name), "client %s: status 65", names[i]);
		CHECK_INT(name, rc, SMP_INVALID);
		if (rc == SMP_OK) {
			smp_client_free(&c);
			continue;
		}
		snprintf(name, sizeof(name), "client %s: diag names the file",
		    names[i]);
		CHECK_STR(name, d.file, path);
		snprintf(name, sizeof(name), "client %s: no key", names[i]);
		CHECK_STR(name, d.key, "");
		snprintf(name, sizeof(name), "client %s: has a message",
		    names[i]);
		CHECK(name, d.msg[0] != '\0');
	}
}

static void
test_missing_client(void)
{
	struct smp_client c;
	struct smp_diag d;

	smp_diag_clear(&d);
	CHECK_INT("client file that does not exist: status 66",
	    smp_client_load("/nonexistent/smp/c-1.yaml", &clinic, &c, &d),
	    SMP_NOINPUT);
}

static void
test_good_clients(void)
{
	struct smp_client c;
	struct smp_diag d;
	char path[64];
	int rc;

	rc = load_client(HEAD
	    "referral: friend\n"
	    "photos: {before: a.jpg}\n"
	    "profile:\n  goal: shaven-look\n  consent: signed\n"
	    "  conditions: [psoriasis]\n"
	    "consultation:\n  date: 2026-11-02\n  room: 2\n  quote: 1500.00\n"
	    "plan:\n  sessions: 4\n  budget: {max: 3000}\n"
	    "sessions:\n  - n: 1\n    kind: base\n    start: 2026-11-10T10:00\n"
	    "    status: done\n    photos: [a, b]\n    x-clinic: {k: v}\n"
	    "healing:\n  - date: 2026-11-14\n    session: 1\n    mood: fine\n"
	    "aftercare:\n  - Sleep on a clean pillowcase.\n",
	    &clinic, &c, &d, path, sizeof(path));
	CHECK_INT("client unknown keys at every level: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("client unknown keys: plan.sessions 4 read",
		    c.plan_sessions, 4);
		CHECK_INT("client unknown keys: goal read", c.profile.goal, 0);
		CHECK("client unknown keys: conditions read",
		    c.profile.conditions != NULL &&
		    c.profile.conditions[0] != NULL &&
		    strcmp(c.profile.conditions[0], "psoriasis") == 0 &&
		    c.profile.conditions[1] == NULL);
		CHECK("client unknown keys: consultation quote 1500",
		    c.consultation.has_quote && c.consultation.quote == 1500.0);
		CHECK_INT("client unknown keys: one session", c.nsessions, 1);
		CHECK_INT("client unknown keys: 'T' start hour",
		    c.nsessions ? c.sessions[0].start.hour : -1, 10);
		CHECK_INT("client unknown keys: one healing entry",
		    c.nhealing, 1);
		CHECK_INT("client unknown keys: healing entry session",
		    c.nhealing ? c.healing[0].session : -1, 1);
		CHECK_STR("client unknown keys: aftercare read",
		    c.aftercare ? c.aftercare[0] : NULL,
		    "Sleep on a clean pillowcase.");
		smp_client_free(&c);
	}

	rc = load_client(HEAD "phone: 600100200\n", &clinic, &c, &d, path,
	    sizeof(path));
	CHECK_INT("client phone: 600100200 loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("client phone: 600100200 reads as the text",
		    c.phone, "600100200");
		smp_client_free(&c);
	}

	rc = load_client("smp: 1\nid: 0042\nname: 1234\n", &clinic, &c, &d,
	    path, sizeof(path));
	CHECK_INT("client numeric-looking id and name: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("client id 0042 stays as written", c.id, "0042");
		CHECK_STR("client name 1234 reads as text", c.name, "1234");
		smp_client_free(&c);
	}

	rc = load_client(HEAD SESSION1 "    minutes: \"90\"\n    seq: '2'\n",
	    &clinic, &c, &d, path, sizeof(path));
	CHECK_INT("client quoted numbers: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("client quoted minutes \"90\" reads as 90",
		    c.sessions[0].minutes, 90);
		CHECK_INT("client quoted seq '2' reads as 2", c.sessions[0].seq,
		    2);
		smp_client_free(&c);
	}

	rc = load_client(HEAD "email: ~\nphone:\nlang: null\ntimezone: ~\n"
	    "profile: ~\nsessions:\n", &clinic, &c, &d, path, sizeof(path));
	CHECK_INT("client null fields: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK("client email: ~ is absent", c.email == NULL);
		CHECK("client phone: (nothing) is absent", c.phone == NULL);
		CHECK_STR("client lang: null falls back to the clinic's",
		    c.lang, "en");
		CHECK_STR("client timezone: ~ falls back to the clinic's",
		    c.timezone, "UTC");
		CHECK_INT("client profile: ~ leaves goal absent",
		    c.profile.goal, -1);
		CHECK_INT("client sessions: (nothing) means none",
		    c.nsessions, 0);
		smp_client_free(&c);
	}

	rc = load_client(HEAD "email: \"~\"\nphone: 'null'\n", &clinic, &c, &d,
	    path, sizeof(path));
	CHECK_INT("client quoted ~ and null: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("client quoted \"~\" is text, not null", c.email, "~");
		CHECK_STR("client quoted 'null' is text, not null", c.phone,
		    "null");
		smp_client_free(&c);
	}

	rc = load_client(HEAD SESSION1
	    "  - n: 2\n    kind: intensification\n"
	    "    start: 2026-02-10 10:00\n    status: planned\n"
	    "  - n: 3\n    kind: touch-up\n"
	    "    start: 2026-03-10 10:00\n    status: planned\n"
	    "  - n: 7\n    kind: refresh\n"
	    "    start: 2029-03-10 10:00\n    status: planned\n",
	    &clinic, &c, &d, path, sizeof(path));
	CHECK_INT("client minutes defaults: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_INT("client minutes default for base is 180",
		    c.sessions[0].minutes, 180);
		CHECK_INT("client minutes default for intensification is 150",
		    c.sessions[1].minutes, 150);
		CHECK_INT("client minutes default for touch-up is 120",
		    c.sessions[2].minutes, 120);
		CHECK_INT("client minutes default for refresh is 120",
		    c.sessions[3].minutes, 120);
		CHECK_INT("client session numbers may skip (n 7)",
		    c.sessions[3].n, 7);
		CHECK_INT("client seq defaults to 0", c.sessions[0].seq, 0);
		CHECK_INT("client shade defaults to 0 (absent)",
		    c.sessions[0].shade, 0);
		CHECK("client practitioner defaults to NULL",
		    c.sessions[0].practitioner == NULL);
		CHECK_INT("client plan.sessions defaults to the clinic's 3",
		    c.plan_sessions, 3);
		CHECK_STR("client lang defaults to the clinic's en", c.lang,
		    "en");
		CHECK_STR("client timezone defaults to the clinic's UTC",
		    c.timezone, "UTC");
		CHECK_INT("client uv_exposure absent is -1",
		    c.profile.uv_exposure, -1);
		CHECK_STR("client profile value uv_exposure defaults to medium",
		    smp_profile_value(&c, "uv_exposure"), "medium");
		CHECK_STR("client profile value sport defaults to medium",
		    smp_profile_value(&c, "sport"), "medium");
		CHECK("client profile value skin absent is NULL",
		    smp_profile_value(&c, "skin") == NULL);
		smp_client_free(&c);
	}

	rc = load_client(HEAD "timezone: America/New_York\nlang: pl\n"
	    "profile:\n  hair_color: dark-brown\n  norwood: 5\n  sport: high\n",
	    &clinic, &c, &d, path, sizeof(path));
	CHECK_INT("client own zone and lang: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("client own timezone is kept", c.timezone,
		    "America/New_York");
		CHECK_STR("client own lang is kept", c.lang, "pl");
		CHECK_INT("client hair_color dark-brown is index 5",
		    c.profile.hair_color, 5);
		CHECK_INT("client norwood 5", c.profile.norwood, 5);
		CHECK_STR("client profile value norwood", smp_profile_value(&c,
		    "norwood"), "5");
		CHECK_STR("client profile value sport high",
		    smp_profile_value(&c, "sport"), "high");
		smp_client_free(&c);
	}

	{
		char id[80];

		memset(id, 'a', 64);
		id[64] = '\0';
		char text[200];

		snprintf(text, sizeof(text), "smp: 1\nid: %s\nname: Jan\n", id);
		rc = load_client(text, &clinic, &c, &d, path, sizeof(path));
		CHECK_INT("client 64-character id loads", rc, SMP_OK);
		if (rc == SMP_OK)
			smp_client_free(&c);
	}
}

/* The clinic's zone is the client's default. */
static void
test_zone_default(void)
{
	struct smp_clinic k;
	struct smp_client c;
	struct smp_diag d;
	char path[64];
	int rc;

	smp_diag_clear(&d);
	rc = smp_clinic_load(NULL, 0, ":Europe/Warsaw", "America/New_York", &k,
	    &d);
	CHECK_INT("clinic zone from $TZ: loads", rc, SMP_OK);
	if (rc != SMP_OK)
		return;
	CHECK_STR("clinic zone from $TZ with a leading ':'", k.timezone,
	    "Europe/Warsaw");
	rc = load_client(HEAD, &k, &c, &d, path, sizeof(path));
	CHECK_INT("client under a Warsaw clinic: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("client timezone defaults to the clinic's Warsaw",
		    c.timezone, "Europe/Warsaw");
		smp_client_free(&c);
	}
	smp_clinic_free(&k);

	rc = smp_clinic_load(NULL, 0, "Mars/Olympus", "America/New_York", &k,
	    &d);
	CHECK_INT("clinic zone from localtime: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("clinic zone: unknown $TZ falls to the system zone",
		    k.timezone, "America/New_York");
		smp_clinic_free(&k);
	}
	rc = smp_clinic_load(NULL, 0, NULL, NULL, &k, &d);
	CHECK_INT("clinic zone from nothing: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("clinic zone: no $TZ and no system zone is UTC",
		    k.timezone, "UTC");
		smp_clinic_free(&k);
	}
}

/* Loads a clinic file from text (must_exist). */
static int
load_clinic(const char *yaml, struct smp_clinic *k, struct smp_diag *d,
    char *path, size_t size)
{
	int rc;

	write_temp(yaml, path, size);
	smp_diag_clear(d);
	memset(k, 0, sizeof(*k));
	rc = smp_clinic_load(path, 1, "UTC", NULL, k, d);
	unlink(path);
	return rc;
}

static void
bad_clinic(const char *what, const char *yaml, int line, int col,
    const char *key)
{
	struct smp_clinic k;
	struct smp_diag d;
	char path[64], name[200];
	int rc = load_clinic(yaml, &k, &d, path, sizeof(path));

	snprintf(name, sizeof(name), "clinic %s: status 65", what);
	CHECK_INT(name, rc, SMP_INVALID);
	if (rc == SMP_OK) {
		smp_clinic_free(&k);
		return;
	}
	snprintf(name, sizeof(name), "clinic %s: diag names the file", what);
	CHECK_STR(name, d.file, path);
	snprintf(name, sizeof(name), "clinic %s: line %d", what, line);
	CHECK_INT(name, d.line, line);
	snprintf(name, sizeof(name), "clinic %s: column %d", what, col);
	CHECK_INT(name, d.col, col);
	snprintf(name, sizeof(name), "clinic %s: key \"%s\"", what, key);
	CHECK_STR(name, d.key, key);
}

static void
test_bad_clinics(void)
{
	bad_clinic("protocol.interval_days: soon",
	    "smp-clinic: 1\nprotocol:\n  interval_days: soon\n", 3, 18,
	    "protocol.interval_days");
	bad_clinic("protocol.sessions: 5 out of range",
	    "smp-clinic: 1\nprotocol:\n  sessions: 5\n", 3, 13,
	    "protocol.sessions");
	bad_clinic("protocol.healing.rest_days: -1",
	    "smp-clinic: 1\nprotocol:\n  healing:\n    rest_days: -1\n", 4, 16,
	    "protocol.healing.rest_days");
	bad_clinic("protocol.minutes.base: long",
	    "smp-clinic: 1\nprotocol:\n  minutes: {base: long}\n", 3, 19,
	    "protocol.minutes.base");
	bad_clinic("hours.mon: 9-5",
	    "smp-clinic: 1\nhours:\n  mon: 9-5\n", 3, 8, "hours.mon");
	bad_clinic("hours.tue closing before opening",
	    "smp-clinic: 1\nhours:\n  mon: 09:00-17:00\n  tue: 17:00-09:00\n",
	    4, 8, "hours.tue");
	bad_clinic("a practitioner with days [funday]",
	    "smp-clinic: 1\npractitioners:\n  - id: anna\n"
	    "    days: [mon, funday]\n", 4, 17, "practitioners[0].days");
	bad_clinic("hemisphere: east",
	    "smp-clinic: 1\nhemisphere: east\n", 2, 13, "hemisphere");
	bad_clinic("timezone: Europe/Atlantis",
	    "smp-clinic: 1\ntimezone: Europe/Atlantis\n", 2, 11, "timezone");
	bad_clinic("closed: [2026-02-30]",
	    "smp-clinic: 1\nclosed: [2026-12-24, 2026-02-30]\n", 2, 22,
	    "closed[1]");
	bad_clinic("duplicate key (at the second key)",
	    "smp-clinic: 1\nname: A\ncurrency: PLN\nname: B\n", 4, 1, "name");
	bad_clinic("smp-clinic: 2", "smp-clinic: 2\n", 1, 13, "smp-clinic");
	bad_clinic("a file not starting with smp-clinic",
	    "name: A\nsmp-clinic: 1\n", 1, 1, "");
	bad_clinic("a client file passed as a clinic",
	    "smp: 1\nid: c-1\nname: Jan\n", 1, 1, "");
	bad_clinic("an empty file", "", 0, 0, "");
}

static void
test_missing_clinic(void)
{
	struct smp_clinic k;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_clinic_load("/nonexistent/smp/clinic.yaml", 1, "UTC", NULL,
	    &k, &d);
	CHECK_INT("clinic --clinic file missing: status 66", rc, SMP_NOINPUT);
	CHECK_STR("clinic --clinic file missing: diag names the file", d.file,
	    "/nonexistent/smp/clinic.yaml");
	if (rc == SMP_OK)
		smp_clinic_free(&k);

	rc = smp_clinic_load("/nonexistent/smp/clinic.yaml", 0, "UTC", NULL,
	    &k, &d);
	CHECK_INT("clinic file missing, not required: defaults", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK("clinic file missing, not required: no path",
		    k.path == NULL);
		smp_clinic_free(&k);
	}
}

static int
words_are(const char **got, const char *const *want)
{
	size_t i;

	if (got == NULL)
		return 0;
	for (i = 0; want[i] != NULL; i++)
		if (got[i] == NULL || strcmp(got[i], want[i]) != 0)
			return 0;
	return got[i] == NULL;
}

static void
test_defaults(void)
{
	static const char *const refuse[] = { "keloid", "active-infection",
		"chemotherapy", NULL };
	static const char *const postpone[] = { "sunburn", "psoriasis-flare",
		"eczema-flare", "pregnancy", "recent-hair-transplant", NULL };
	static const int shades[SMP_NSHADES] = { 1, 2, 2, 3, 4, 5, 6 };
	const struct smp_clinic *k = &clinic;
	const struct smp_protocol *p = &k->protocol;
	const struct smp_healing_days *h = &p->healing;
	char name[120];

	CHECK("clinic defaults: no path", k->path == NULL);
	CHECK_STR("clinic defaults: name", k->name, "SMP clinic");
	CHECK_STR("clinic defaults: uid_domain", k->uid_domain, "smp.invalid");
	CHECK_STR("clinic defaults: timezone from $TZ UTC", k->timezone, "UTC");
	CHECK_STR("clinic defaults: hemisphere", k->hemisphere, "north");
	CHECK_STR("clinic defaults: lang", k->lang, "en");
	CHECK_STR("clinic defaults: currency", k->currency, "EUR");
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "clinic defaults: %s opens 09:00",
		    smp_weekday_names[i]);
		CHECK_INT(name, k->hours[i].open, 540);
		snprintf(name, sizeof(name), "clinic defaults: %s closes 17:00",
		    smp_weekday_names[i]);
		CHECK_INT(name, k->hours[i].close, 1020);
	}
	CHECK("clinic defaults: sat closed",
	    k->hours[5].open == -1 && k->hours[5].close == -1);
	CHECK("clinic defaults: sun closed",
	    k->hours[6].open == -1 && k->hours[6].close == -1);
	CHECK_INT("clinic defaults: no closed dates", k->nclosed, 0);
	CHECK_INT("clinic defaults: one practitioner", k->npractitioners, 1);
	if (k->npractitioners == 1) {
		CHECK_STR("clinic defaults: practitioner id staff",
		    k->practitioners[0].id, "staff");
		CHECK_STR("clinic defaults: practitioner name Staff",
		    k->practitioners[0].name, "Staff");
		CHECK_INT("clinic defaults: staff works every day",
		    k->practitioners[0].days, 0x7f);
	}
	for (int i = 0; i <= SMP_NKINDS; i++) {
		snprintf(name, sizeof(name), "clinic defaults: no price %d", i);
		CHECK_INT(name, k->has_price[i], 0);
	}
	CHECK_INT("clinic defaults: protocol.sessions 3", p->sessions, 3);
	CHECK_INT("clinic defaults: protocol.interval_days 28",
	    p->interval_days, 28);
	CHECK_INT("clinic defaults: minutes base 180",
	    p->minutes[SMP_BASE], 180);
	CHECK_INT("clinic defaults: minutes intensification 150",
	    p->minutes[SMP_INTENSIFICATION], 150);
	CHECK_INT("clinic defaults: minutes touch-up 120",
	    p->minutes[SMP_TOUCH_UP], 120);
	CHECK_INT("clinic defaults: minutes refresh 120",
	    p->minutes[SMP_REFRESH], 120);
	for (int i = 0; i < SMP_NSHADES; i++) {
		snprintf(name, sizeof(name), "clinic defaults: shade %s %d",
		    smp_hair_names[i], shades[i]);
		CHECK_INT(name, p->shades[i], shades[i]);
	}
	CHECK_INT("clinic defaults: redness_gone_day 1", h->redness_gone_day, 1);
	CHECK_INT("clinic defaults: crusts_from 4", h->crusts_from, 4);
	CHECK_INT("clinic defaults: crusts_until 7", h->crusts_until, 7);
	CHECK_INT("clinic defaults: rest_days 4", h->rest_days, 4);
	CHECK_INT("clinic defaults: no_shave_days 4", h->no_shave_days, 4);
	CHECK_INT("clinic defaults: water_only_days 4", h->water_only_days, 4);
	CHECK_INT("clinic defaults: sun_days 28", h->sun_days, 28);
	CHECK_INT("clinic defaults: swim_days 28", h->swim_days, 28);
	CHECK_INT("clinic defaults: assess_day 28", h->assess_day, 28);
	CHECK_INT("clinic defaults: stable_day 30", h->stable_day, 30);
	CHECK_INT("clinic defaults: refresh_years from 3", p->refresh_years[0],
	    3);
	CHECK_INT("clinic defaults: refresh_years to 5", p->refresh_years[1], 5);
	CHECK_INT("clinic defaults: faded_years 10", p->faded_years, 10);
	CHECK_INT("clinic defaults: 3 refresh factors", p->nfactors, 3);
	if (p->nfactors == 3) {
		static const char *const keys[] = { "uv_exposure", "sport",
			"skin" };
		static const char *const values[] = { "high", "high", "oily" };

		for (int i = 0; i < 3; i++) {
			snprintf(name, sizeof(name),
			    "clinic defaults: factor %d is %s: %s", i, keys[i],
			    values[i]);
			CHECK(name, p->factors[i].n == 1 &&
			    strcmp(p->factors[i].keys[0], keys[i]) == 0 &&
			    strcmp(p->factors[i].values[0], values[i]) == 0);
		}
	}
	CHECK("clinic defaults: refuse list", words_are(k->refuse, refuse));
	CHECK("clinic defaults: postpone list",
	    words_are(k->postpone, postpone));
}

static void
test_overrides(void)
{
	struct smp_clinic k;
	struct smp_diag d;
	char path[64];
	int rc;

	rc = load_clinic("smp-clinic: 1\nprotocol:\n  healing:\n"
	    "    rest_days: 2\n", &k, &d, path, sizeof(path));
	CHECK_INT("clinic rest_days only: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		const struct smp_protocol *p = &k.protocol;

		CHECK_STR("clinic rest_days only: path is the file", k.path,
		    path);
		CHECK_INT("clinic rest_days only: rest_days 2",
		    p->healing.rest_days, 2);
		CHECK_INT("clinic rest_days only: no_shave_days stays 4",
		    p->healing.no_shave_days, 4);
		CHECK_INT("clinic rest_days only: crusts_from stays 4",
		    p->healing.crusts_from, 4);
		CHECK_INT("clinic rest_days only: stable_day stays 30",
		    p->healing.stable_day, 30);
		CHECK_INT("clinic rest_days only: sessions stays 3",
		    p->sessions, 3);
		CHECK_INT("clinic rest_days only: interval stays 28",
		    p->interval_days, 28);
		CHECK_INT("clinic rest_days only: base minutes stay 180",
		    p->minutes[SMP_BASE], 180);
		CHECK_INT("clinic rest_days only: black shade stays 6",
		    p->shades[6], 6);
		CHECK_INT("clinic rest_days only: refresh factors stay 3",
		    p->nfactors, 3);
		CHECK_INT("clinic rest_days only: faded_years stays 10",
		    p->faded_years, 10);
		CHECK_STR("clinic rest_days only: name stays", k.name,
		    "SMP clinic");
		CHECK_STR("clinic rest_days only: uid_domain stays",
		    k.uid_domain, "smp.invalid");
		CHECK_INT("clinic rest_days only: mon hours stay 09:00",
		    k.hours[0].open, 540);
		CHECK_INT("clinic rest_days only: practitioners stay",
		    k.npractitioners, 1);
		CHECK("clinic rest_days only: refuse list stays",
		    k.refuse != NULL && k.refuse[0] != NULL &&
		    strcmp(k.refuse[0], "keloid") == 0);
		smp_clinic_free(&k);
	}

	rc = load_clinic("smp-clinic: 1\nhours:\n  mon: 10:00-14:00\n"
	    "  sat: 08:30-12:00\n", &k, &d, path, sizeof(path));
	CHECK_INT("clinic hours override: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK("clinic hours override: mon 10:00-14:00",
		    k.hours[0].open == 600 && k.hours[0].close == 840);
		CHECK("clinic hours override: sat 08:30-12:00",
		    k.hours[5].open == 510 && k.hours[5].close == 720);
		CHECK("clinic hours override: unlisted tue is closed",
		    k.hours[1].open == -1 && k.hours[1].close == -1);
		CHECK("clinic hours override: unlisted fri is closed",
		    k.hours[4].open == -1 && k.hours[4].close == -1);
		CHECK("clinic hours override: unlisted sun stays closed",
		    k.hours[6].open == -1);
		smp_clinic_free(&k);
	}

	rc = load_clinic("smp-clinic: 1\nname: SMP Center Warsaw\n"
	    "timezone: Europe/Warsaw\ncurrency: PLN\n"
	    "closed: [2026-12-24, 2026-12-25]\n"
	    "practitioners:\n"
	    "  - {id: anna, name: Anna Nowak, days: [mon, tue]}\n"
	    "  - {id: piotr, days: [sat]}\n"
	    "prices: {base: 2800, consultation: 0}\n"
	    "protocol:\n  minutes: {base: 200}\n"
	    "  refresh_factors:\n    - {skin: dry, sport: low}\n"
	    "contraindications:\n  refuse: [keloid]\n"
	    "x-our-own: {anything: [1, 2]}\n",
	    &k, &d, path, sizeof(path));
	CHECK_INT("clinic wide override: loads", rc, SMP_OK);
	if (rc == SMP_OK) {
		CHECK_STR("clinic wide override: name", k.name,
		    "SMP Center Warsaw");
		CHECK_STR("clinic wide override: timezone", k.timezone,
		    "Europe/Warsaw");
		CHECK_STR("clinic wide override: currency", k.currency, "PLN");
		CHECK_INT("clinic wide override: 2 closed dates", k.nclosed, 2);
		CHECK_INT("clinic wide override: 2 practitioners replace staff",
		    k.npractitioners, 2);
		if (k.npractitioners == 2) {
			CHECK_STR("clinic wide override: first practitioner",
			    k.practitioners[0].id, "anna");
			CHECK_INT("clinic wide override: anna works mon, tue",
			    k.practitioners[0].days, 0x3);
			CHECK_STR("clinic wide override: name defaults to id",
			    k.practitioners[1].name, "piotr");
			CHECK_INT("clinic wide override: piotr works sat",
			    k.practitioners[1].days, 1 << 5);
		}
		CHECK("clinic wide override: base price 2800",
		    k.has_price[SMP_BASE] && k.prices[SMP_BASE] == 2800);
		CHECK("clinic wide override: consultation price 0",
		    k.has_price[SMP_NKINDS] && k.prices[SMP_NKINDS] == 0);
		CHECK_INT("clinic wide override: no refresh price",
		    k.has_price[SMP_REFRESH], 0);
		CHECK_INT("clinic wide override: base minutes 200",
		    k.protocol.minutes[SMP_BASE], 200);
		CHECK_INT("clinic wide override: minutes merge, touch-up 120",
		    k.protocol.minutes[SMP_TOUCH_UP], 120);
		CHECK_INT("clinic wide override: factors replace the list",
		    k.protocol.nfactors, 1);
		CHECK_INT("clinic wide override: the factor has 2 keys",
		    k.protocol.nfactors ? k.protocol.factors[0].n : 0, 2);
		CHECK("clinic wide override: refuse replaced",
		    k.refuse && k.refuse[0] && !strcmp(k.refuse[0], "keloid") &&
		    k.refuse[1] == NULL);
		CHECK("clinic wide override: postpone kept",
		    k.postpone && k.postpone[0] &&
		    !strcmp(k.postpone[0], "sunburn"));
		CHECK_INT("clinic wide override: mon hours kept",
		    k.hours[0].open, 540);
		smp_clinic_free(&k);
	}
}

int
main(void)
{
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_clinic_load(NULL, 0, "UTC", NULL, &clinic, &d);
	CHECK_INT("clinic built-in defaults load", rc, SMP_OK);
	if (rc != SMP_OK)
		UNIT_EXIT();
	test_bad_clients();
	test_empty();
	test_missing_client();
	test_good_clients();
	test_zone_default();
	test_bad_clinics();
	test_missing_clinic();
	test_defaults();
	test_overrides();
	smp_clinic_free(&clinic);
	smp_cal_cleanup();
	UNIT_EXIT();
}
