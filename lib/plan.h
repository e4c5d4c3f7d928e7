/*
 * smp-plan: the treatment course, booked.
 *
 * booking.c   zones and real slots: opening hours, closed dates, the
 *             practitioners' days, who is already booked when
 * booking_scan.c  the other clients' bookings, read from their folder
 *             through libyaml's events (no tree: it is the hot path)
 * plan.c      the course: what is kept, what is planned again, what is
 *             added, with which practitioner
 * plan_screen.c  contraindications
 * plan_write.c   the sessions block spliced back into the client file
 * plan_run.c  one whole run: load (under the lock with --write), screen,
 *             plan, write
 * plan_out.c  text, TSV, JSON, the quote and the calendar
 *
 * As in smp.h: no global state, no clock; fallible calls return an exit
 * status and fill a struct smp_diag.
 */
#ifndef SMP_PLAN_H
#define SMP_PLAN_H

#include "smp.h"

/* ---- booking.c: zones and real slots ------------------------------------ */

#define SMP_SLOT_DAYS 365	/* how far ahead a slot is looked for */
#define SMP_SLOT_STEP 15	/* slots start on a quarter hour */

/* An IANA zone looked up once (libical's, owned by libical). */
struct smp_zone {
	const char *name;
	void *tz;
	int lo, hi;			/* UTC offsets it may have, s east */
};

/* -1 if libical does not know the zone. */
int smp_zone_open(struct smp_zone *z, const char *name);
/* The same, with lo and hi the offsets the zone may have on day or
 * later, read from its observances.  libical expands a zone's history
 * (slowly: ICU walks every rule) on its first conversion; the range
 * lets most bookings in a zone be judged without one. */
int smp_zone_open_from(struct smp_zone *z, const char *name,
    struct smp_date day);
/* The instant of a local time: -1 for a time a daylight-saving change
 * skips; a repeated time means its first occurrence. */
int smp_zone_instant(const struct smp_zone *z, struct smp_time t,
    time_t *out);
struct smp_time smp_zone_local(const struct smp_zone *z, time_t t);
/* The same, where a skipped time means the end of the gap (for times
 * others wrote, which still take their hour). */
time_t smp_zone_instant_lenient(const struct smp_zone *z, struct smp_time t);

/* A booking, half-open.  Bookings from other files keep their local
 * time and zone, and start and end are the earliest it may start and the
 * latest it may end at the offsets the zone may have: the exact instant
 * is worked out only where that range leaves a doubt. */
struct smp_busy {
	time_t start, end;
	const struct smp_zone *zone;	/* NULL: start and end are exact */
	struct smp_time local;
};

/* Who is booked when, per practitioner of the clinic (by index). */
struct smp_book {
	const struct smp_clinic *clinic;
	struct smp_zone clinic_zone;
	struct smp_busy **busy;		/* [npractitioners], sorted by start */
	size_t *n, *cap;
	time_t longest;			/* bounds the overlap search */
	struct smp_date horizon;	/* smp_book_dir skips sessions before
					   it: no slot asked for can meet them */
	struct smp_zone **zones;	/* the zones of the bookings */
	size_t nzones;
};

/* Index of the practitioner with this id in the clinic file, or -1. */
int smp_practitioner_index(const struct smp_clinic *k, const char *id);
int smp_book_init(struct smp_book *b, const struct smp_clinic *k,
    struct smp_diag *d);
void smp_book_free(struct smp_book *b);
/* Practitioner p is taken for [start, end). */
void smp_book_add(struct smp_book *b, size_t p, time_t start, time_t end);
/* Practitioner p is taken for minutes from start, local to the zone
 * named (kept by the book).  For many at once: unordered, so call
 * smp_book_sort after the last.  -1 for a zone libical does not know. */
int smp_book_add_local(struct smp_book *b, size_t p, const char *zone,
    struct smp_time start, int minutes);
void smp_book_sort(struct smp_book *b);
/* 1 if p has nothing booked that overlaps [start, end). */
int smp_book_is_free(const struct smp_book *b, size_t p, time_t start,
    time_t end);
/* booking_scan.c: the sessions of every other client file (*.yaml,
 * *.yml) in dir that are planned or done; self (the client being
 * planned) is left out, by file and by id.  A file whose sessions cannot
 * be read is an error: its bookings are unknown. */
int smp_book_dir(struct smp_book *b, const char *dir,
    const struct smp_client *self, struct smp_diag *d);

/* 1 if a session of minutes at start (local to zone) is a real slot for
 * practitioner p: a day the clinic is open and p works, inside the
 * opening hours, not on a closed date, and free. */
int smp_slot_ok(const struct smp_book *b, size_t p, const struct smp_zone *zone,
    struct smp_time start, int minutes);
/* The earliest such slot on a quarter hour whose local date (in zone) is
 * from or later, within SMP_SLOT_DAYS; SMP_NONE if there is none. */
int smp_slot_find(const struct smp_book *b, size_t p,
    const struct smp_zone *zone, struct smp_date from, int minutes,
    struct smp_time *out);

/* ---- plan.c: the course --------------------------------------------------- */

struct smp_plan_opts {
	struct smp_date from;		/* the earliest date for a session */
	int sessions;			/* --sessions 2..4; 0: the client's */
	const char *practitioner;	/* --practitioner; NULL: choose */
};

enum smp_plan_change {
	SMP_PLAN_KEPT,			/* as in the file */
	SMP_PLAN_UPDATED,		/* same time; kind, shade or minutes set */
	SMP_PLAN_MOVED,			/* planned again: new slot, seq + 1 */
	SMP_PLAN_NEW,			/* added to the course */
	SMP_PLAN_DROPPED		/* cancelled: the course is shorter */
};
extern const char *const smp_plan_change_names[];

struct smp_plan_item {
	struct smp_session s;		/* as planned; s.node: NULL when new */
	enum smp_plan_change change;
	struct smp_time was;		/* the start before a move */
	int counts;			/* done or planned: part of the course */
	int index;			/* in the file's sessions list; -1: new */
};

struct smp_plan {
	struct smp_plan_item *items;	/* the course sessions, in n order */
	size_t n;
	int sessions;			/* the course's length */
	int store_sessions;		/* --sessions for plan.sessions; 0 */
	int practitioner;		/* index of who books; -1: nobody */
};

/* Kinds by place (0-based) in a course of `sessions`. */
enum smp_kind smp_plan_kind(int place, int sessions);
/* The shade for kind by the client's hair colour; 0 when unknown. */
int smp_plan_shade(const struct smp_client *c, const struct smp_protocol *p,
    enum smp_kind kind);
/* Plans the course of c; b holds the other clients' bookings and gets
 * this course's.  SMP_NONE when a session cannot be placed, SMP_USAGE
 * for an unknown --practitioner.  Free with smp_plan_free. */
int smp_plan_course(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_plan_opts *o, struct smp_book *b, struct smp_plan *out,
    struct smp_diag *d);
void smp_plan_free(struct smp_plan *p);

/* ---- plan_screen.c: contraindications ------------------------------------- */

struct smp_contra {
	int refuse;			/* 1: the refuse list; 0: postpone */
	const char *value;		/* the client's condition or medication */
	const char *word;		/* the clinic's entry it matches */
	char key[64];			/* "profile.conditions[0]" */
	int line, col;
};
#define SMP_MAX_CONTRA 16

/* 1 if word occurs in text as whole words, ASCII case-insensitive; a
 * space, '-' or '_' in word matches any of the three. */
int smp_word_match(const char *text, const char *word);
/* The client's matches, refuse list first; returns how many (<= max). */
size_t smp_plan_screen(const struct smp_client *c, const struct smp_clinic *k,
    struct smp_contra *out, size_t max);

/* ---- plan_write.c: the sessions block back into the file ----------------- */

/* The client file's bytes with the plan spliced in: changed values
 * replaced in place, missing keys added after their predecessors in spec
 * order, new sessions appended like their siblings; every other byte as
 * it was. */
int smp_plan_splice(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_plan *p, struct smp_buf *out, struct smp_diag *d);
/* The bytes must read back as the client with exactly the planned
 * sessions; otherwise nothing may be written. */
int smp_plan_reads_back(const struct smp_client *c, const struct smp_plan *p,
    const struct smp_clinic *k, const struct smp_buf *b, struct smp_diag *d);

/* ---- plan_run.c: one run of smp-plan -------------------------------------- */

struct smp_plan_request {
	const char *path;		/* the client file */
	const char *dir;		/* other clients; NULL: path's folder */
	const struct smp_clinic *clinic;
	struct smp_plan_opts opts;
	int force;			/* plan despite a contraindication */
	int write;			/* store the plan in the file */
};

struct smp_plan_run {
	struct smp_client client;
	struct smp_plan plan;
	struct smp_contra contra[SMP_MAX_CONTRA];
	size_t ncontra;
	int written;			/* the file was replaced */
};

/* Loads (under the file's lock with write), screens, plans and writes.
 * SMP_REFUSED leaves the matches in out->contra; on any failure nothing
 * is written.  Free with smp_plan_run_free, also after a failure. */
int smp_plan_run(const struct smp_plan_request *rq, struct smp_plan_run *out,
    struct smp_diag *d);
void smp_plan_run_free(struct smp_plan_run *r);

/* ---- plan_out.c: what smp-plan prints -------------------------------------- */

enum smp_plan_format { SMP_PLAN_TEXT, SMP_PLAN_TSV, SMP_PLAN_JSON };
extern const char *const smp_plan_formats[];

/* The course, one session a line; quote adds prices and the total. */
void smp_plan_print(FILE *fp, int format, const struct smp_plan_run *r,
    const struct smp_clinic *k, int quote);
/* 1 if the clinic file sets any price. */
int smp_plan_has_prices(const struct smp_clinic *k);
/* The contraindications, as errors or (forced) warnings. */
void smp_plan_print_contra(FILE *fp, const char *prog,
    const struct smp_plan_run *r, int forced);
/* Every session of the course as a timed event with a reminder a day
 * before. */
int smp_plan_events(struct smp_cal *cal, const struct smp_plan_run *r,
    const struct smp_clinic *k, time_t last_modified, struct smp_diag *d);

#endif
