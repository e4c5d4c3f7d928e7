/*
 * libsmp: the library behind the smp-tools.
 *
 * The table of contents of the library.  Every function that can fail
 * returns one of the exit statuses below and, on failure, fills a
 * struct smp_diag; only a tool's main decides to print and exit.
 * Nothing here reads the clock or keeps global state: "today" and the
 * environment come in as arguments.
 */
#ifndef SMP_H
#define SMP_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#define SMP_VERSION "0.1.0"

/* Exit statuses (tools.md), also the return values of fallible calls. */
enum smp_status_code {
	SMP_OK = 0,
	SMP_NONE = 1,		/* nothing found */
	SMP_USAGE = 2,
	SMP_REFUSED = 3,	/* a contraindication */
	SMP_INVALID = 65,	/* a client or clinic file is invalid */
	SMP_NOINPUT = 66,
	SMP_CANTWRITE = 73,
	SMP_RETRY = 75		/* locked or changed under us */
};

/* ---- diag.c: diagnostics carried up as values ------------------------ */

struct smp_diag {
	char file[512];		/* as the user named it; "" for none */
	int line, col;		/* 1-based; 0 when there is none */
	char key[160];		/* "sessions[1].start"; "" for none */
	char msg[512];
};

void smp_diag_clear(struct smp_diag *d);
/* Fills d (key may be NULL) and returns code, for "return smp_diag_set(...)". */
int smp_diag_set(struct smp_diag *d, int code, const char *file, int line,
    int col, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* "prog: file:line:col: error: key: msg" on fp. */
void smp_diag_print(FILE *fp, const char *prog, const struct smp_diag *d);
/* Writes "value" quoted and shortened, for messages; returns buf. */
const char *smp_quote(char *buf, size_t size, const char *value);

/* ---- date.c: civil dates and local times (libical arithmetic) -------- */

struct smp_date { int y, m, d; };
struct smp_time { struct smp_date date; int hour, min; };

/* Parse "YYYY-MM-DD"; 0 on success, -1 if it is not a real date. */
int smp_date_parse(const char *s, struct smp_date *out);
/* Parse "YYYY-MM-DD HH:MM" (or 'T' between); 0 / -1 as above. */
int smp_time_parse(const char *s, struct smp_time *out);
void smp_date_format(struct smp_date d, char buf[11]);
void smp_time_format(struct smp_time t, char buf[17]);
struct smp_date smp_date_add_days(struct smp_date d, int days);
/* Calendar months and years: a day the target month lacks is its last. */
struct smp_date smp_date_add_months(struct smp_date d, int months);
int smp_date_diff(struct smp_date a, struct smp_date b);	/* a - b, days */
int smp_date_cmp(struct smp_date a, struct smp_date b);
int smp_date_weekday(struct smp_date d);	/* 0 = Monday .. 6 = Sunday */
int smp_date_valid(struct smp_date d);
/* Today in the named IANA zone at instant now; -1 if the zone is unknown. */
int smp_date_today(const char *zone, time_t now, struct smp_date *out);
/* 1 if name is a zone libical knows (the system's zoneinfo); safe to
 * call from several threads. */
int smp_zone_known(const char *name);
/* The same, remembering the names found, for a reader of many files
 * (libical's lookup searches every zone it has).  One per thread. */
#define SMP_ZONES_CACHED 16
struct smp_zones {
	char name[SMP_ZONES_CACHED][64];
	int n;
};
int smp_zone_known_cached(struct smp_zones *z, const char *name);
/* Reads the zone's rules now, on this thread, so that writing its
 * VTIMEZONE later costs half as much. */
void smp_zone_preload(const char *name);

/* ---- yaml.c: a YAML document as a tree with byte positions ----------- */

enum smp_node_type { SMP_SCALAR, SMP_SEQ, SMP_MAP };

struct smp_node {
	enum smp_node_type type;
	int line, col;			/* 1-based start */
	size_t start, end;		/* byte offsets in the source */
	int plain;			/* scalar written without quotes */
	int flow;			/* collection written [ ] or { } */
	const char *str;		/* scalar text, NUL-terminated */
	size_t len;
	size_t n;			/* items; pairs for a mapping */
	struct smp_node **kids;		/* seq: items; map: k0,v0,k1,v1.. */
};

struct smp_doc;				/* owns its nodes and the bytes */

#define SMP_MAX_FILE (1024 * 1024)	/* client and clinic files */
#define SMP_MAX_DEPTH 32
#define SMP_MAX_NODES 100000		/* values in one file */
#define SMP_MAX_NODES_TEXT "100,000"

/* Reads path (capped at SMP_MAX_FILE) and parses it.  Caller frees *out
 * with smp_doc_free.  Anchors, aliases, several documents, NUL bytes and
 * deep nesting are refused; duplicate keys are errors. */
int smp_doc_load(const char *path, struct smp_doc **out, struct smp_diag *d);
/* The two halves of smp_doc_load.  smp_file_read: the bytes of a regular
 * file (NUL-terminated; at most SMP_MAX_FILE) and its mtime (may be NULL).
 * smp_doc_wrap: a document that owns bytes, with no tree yet (a reader
 * that builds none still allocates from it); smp_doc_build: its tree. */
int smp_file_read(const char *path, char **bytes, size_t *len, time_t *mtime,
    struct smp_diag *d);
struct smp_doc *smp_doc_wrap(const char *name, char *bytes, size_t len);
int smp_doc_build(struct smp_doc *doc, struct smp_diag *d);
/* The same over bytes in memory (copied); name is used in diagnostics. */
int smp_doc_parse(const char *name, const char *bytes, size_t len,
    struct smp_doc **out, struct smp_diag *d);
void smp_doc_free(struct smp_doc *doc);
const struct smp_node *smp_doc_root(const struct smp_doc *doc);
const char *smp_doc_bytes(const struct smp_doc *doc, size_t *len);
const char *smp_doc_name(const struct smp_doc *doc);
/* A mapping's value for key, or NULL. */
const struct smp_node *smp_map_get(const struct smp_node *map, const char *key);
/* 1 if two nodes hold the same values (positions aside). */
int smp_node_equal(const struct smp_node *a, const struct smp_node *b);
/* 1 if the scalar is a YAML null (~, null, empty, plain). */
int smp_node_is_null(const struct smp_node *n);
int smp_text_is_null(const char *s, size_t len, int plain);

/* ---- schema.c: typed reads of a node, with the key path for errors --- */

struct smp_reader {
	const char *file;
	struct smp_diag *diag;
	char path[160];			/* key path of the current level */
};

/* Each returns SMP_OK, leaves *out alone when the key is absent or null,
 * and returns SMP_INVALID with a diagnostic for a value of the wrong type. */
int smp_read_text(struct smp_reader *r, const struct smp_node *map,
    const char *key, const char **out);
int smp_read_int(struct smp_reader *r, const struct smp_node *map,
    const char *key, int min, int max, int *out);
int smp_read_number(struct smp_reader *r, const struct smp_node *map,
    const char *key, double *out, int *present);
/* *out becomes the index of the value in the NULL-terminated names. */
int smp_read_enum(struct smp_reader *r, const struct smp_node *map,
    const char *key, const char *const *names, int *out);
int smp_read_date(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_date *out, int *present);
int smp_read_time(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_time *out);
/* A list of scalars; *out is NULL-terminated, allocated from doc. */
int smp_read_words(struct smp_reader *r, const struct smp_node *map,
    const char *key, struct smp_doc *doc, const char ***out, size_t *n);
/* The checks behind those reads, on text alone: 0 if s is a whole
 * number in min..max, a non-negative number; the index of s in names, or
 * -1. */
int smp_int_in(const char *s, int min, int max, int *out);
int smp_number_parse(const char *s, double *out);
int smp_enum_index(const char *const *names, const char *s);
/* Fails unless node (which may be NULL) is of type t; names the key. */
int smp_expect(struct smp_reader *r, const struct smp_node *node,
    const char *key, enum smp_node_type t);
int smp_reader_fail(struct smp_reader *r, const struct smp_node *at,
    const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Descend into key (or index when key is NULL); returns the old length. */
size_t smp_reader_push(struct smp_reader *r, const char *key, size_t index);
void smp_reader_pop(struct smp_reader *r, size_t oldlen);
/* Allocates size bytes that live as long as doc (zeroed). */
void *smp_doc_alloc(struct smp_doc *doc, size_t size);
/* A NUL-terminated copy of s[0..len) that lives as long as doc. */
char *smp_doc_strdup(struct smp_doc *doc, const char *s, size_t len);

/* ---- clinic.c: the clinic file over the built-in defaults ------------ */

enum smp_kind { SMP_BASE, SMP_INTENSIFICATION, SMP_TOUCH_UP, SMP_REFRESH,
	SMP_NKINDS };
extern const char *const smp_kind_names[];	/* "base", ... NULL */
enum { SMP_NSHADES = 7 };			/* hair colours */
extern const char *const smp_hair_names[];	/* "white" .. "black", NULL */
extern const char *const smp_weekday_names[];	/* "mon" .. "sun", NULL */

struct smp_hours { int open, close; };	/* minutes after midnight; -1 closed */

struct smp_practitioner {
	const char *id, *name;
	unsigned days;			/* bit 0 = Monday */
};

/* One refresh factor: profile key=value pairs that must all match. */
struct smp_factor {
	size_t n;
	const char **keys, **values;
};

/* The healing numbers, in days after the treatment (day 0). */
struct smp_healing_days {
	int redness_gone_day, crusts_from, crusts_until, rest_days;
	int no_shave_days, water_only_days, sun_days, swim_days;
	int assess_day, stable_day;
};

struct smp_protocol {
	int sessions, interval_days;
	int minutes[SMP_NKINDS];
	int shades[SMP_NSHADES];
	struct smp_healing_days healing;
	int refresh_years[2], faded_years;
	struct smp_factor *factors;
	size_t nfactors;
};

struct smp_clinic {
	const char *path;		/* the file read; NULL: built-in only */
	const char *name, *uid_domain, *timezone, *hemisphere, *lang;
	const char *currency;
	struct smp_hours hours[7];
	struct smp_date *closed;
	size_t nclosed;
	struct smp_practitioner *practitioners;
	size_t npractitioners;
	double prices[SMP_NKINDS + 1];	/* last: the consultation */
	int has_price[SMP_NKINDS + 1];
	struct smp_protocol protocol;
	const char **refuse, **postpone;	/* NULL-terminated */
	struct smp_doc *docs[2];	/* defaults, file: own the strings */
};

/* Where the clinic file is: explicit (--clinic), else $SMP_CLINIC, else
 * $XDG_CONFIG_HOME or $HOME/.config, else /etc.  env is a getenv-like
 * lookup.  Returns the path in buf, "" for none, *must_exist set when a
 * missing file is an error (66). */
void smp_clinic_locate(const char *explicit_path, const char *(*env)(const char *),
    char *buf, size_t size, int *must_exist);
/* Loads the built-in defaults, then path over them (path may be NULL or
 * ""; a missing file then means defaults only unless must_exist).
 * tzenv is $TZ, localtime the system's zone name (either may be NULL);
 * they settle `timezone: ~`.  Free with smp_clinic_free. */
int smp_clinic_load(const char *path, int must_exist, const char *tzenv,
    const char *localtime, struct smp_clinic *out, struct smp_diag *d);
/* The same over a parsed document (NULL: defaults only); takes doc. */
int smp_clinic_from_doc(struct smp_doc *doc, const char *tzenv,
    const char *localtime, struct smp_clinic *out, struct smp_diag *d);
void smp_clinic_free(struct smp_clinic *c);
/* The built-in defaults as YAML (the text of share/smp/clinic.yaml). */
extern const char smp_clinic_defaults[];
/* The system zone from /etc/localtime, in buf; "" if it cannot tell. */
void smp_system_zone(char *buf, size_t size);

/* ---- client.c: the client file --------------------------------------- */

enum smp_session_status { SMP_PLANNED, SMP_DONE, SMP_CANCELLED, SMP_NO_SHOW };
extern const char *const smp_status_names[];

struct smp_session {
	int n;
	enum smp_kind kind;
	struct smp_time start;
	int minutes;			/* protocol's when the file has none */
	const char *practitioner;	/* may be NULL */
	int shade;			/* 0 when absent */
	enum smp_session_status status;
	int seq;
	const char *notes;		/* health data */
	const struct smp_node *node;	/* where it stands in the file */
};

struct smp_log_entry {
	struct smp_date date;
	int session;			/* 0 when absent */
	const char *note;
};

struct smp_profile {
	int goal, hair_color, skin, uv_exposure, sport;	/* enum index; -1 absent */
	int norwood, ludwig, fitzpatrick;		/* 0 absent */
	const char **conditions, **medication;		/* NULL-terminated */
};

struct smp_consultation {
	int present;
	struct smp_date date;
	int mode;			/* -1 absent */
	const char *practitioner, *notes;
	const char **areas;
	double quote;
	int has_quote;
};

struct smp_client {
	const char *path;
	const char *id, *name, *email, *phone, *timezone, *lang;
	struct smp_profile profile;
	struct smp_consultation consultation;
	int plan_sessions;		/* the clinic protocol's when absent */
	struct smp_session *sessions;
	size_t nsessions;
	const char **aftercare;
	struct smp_log_entry *healing;
	size_t nhealing;
	int id_line, id_col;		/* where the id stands */
	time_t mtime;			/* of the file, for LAST-MODIFIED */
	struct smp_doc *doc;		/* owns everything above */
};

extern const char *const smp_goal_names[], *const smp_skin_names[],
    *const smp_level_names[], *const smp_mode_names[];

/* Loads and validates a client file; the clinic supplies defaults
 * (zone, language, session count, minutes).  Free with smp_client_free. */
int smp_client_load(const char *path, const struct smp_clinic *clinic,
    struct smp_client *out, struct smp_diag *d);
/* The same from a parsed document (takes ownership of doc). */
int smp_client_from_doc(struct smp_doc *doc, const struct smp_clinic *clinic,
    struct smp_client *out, struct smp_diag *d);
/* The same for a tool that reads many files and writes none: straight
 * from libyaml's events, building no tree (out->doc has no root and
 * sessions no nodes), with zone names looked up through zones (may be
 * NULL).  SMP_NONE for a clinic file, which is not an error here. */
int smp_client_read(const char *path, const struct smp_clinic *clinic,
    struct smp_zones *zones, struct smp_client *out, struct smp_diag *d);
/* The same over bytes in memory (copied), named name in messages. */
int smp_client_parse(const char *name, const char *bytes, size_t len,
    const struct smp_clinic *clinic, struct smp_zones *zones,
    struct smp_client *out, struct smp_diag *d);
void smp_client_free(struct smp_client *c);
/* The clinic's zone, language and session count where c has none. */
void smp_client_defaults(struct smp_client *c, const struct smp_clinic *clinic);
/* An id is 1 to 64 of A-Z a-z 0-9 . _ -; a language tag is like pl or
 * pt-BR. */
int smp_id_valid(const char *s);
int smp_lang_valid(const char *s);
/* 1 if the document's top mapping starts with smp-clinic (not a client). */
int smp_doc_is_clinic(const struct smp_doc *doc);
/* A profile field as text with its default ("medium"), for factors. */
const char *smp_profile_value(const struct smp_client *c, const char *key);

/* ---- protocol.c: the healing course, from the clinic's numbers ------- */

enum smp_milestone {
	SMP_M_TREATMENT, SMP_M_REDNESS_GONE, SMP_M_REST_OVER, SMP_M_SHAVE_OK,
	SMP_M_SHAMPOO_OK, SMP_M_CRUSTS_START, SMP_M_CRUSTS_END, SMP_M_SUN_OK,
	SMP_M_SWIM_OK, SMP_M_ASSESSMENT, SMP_M_STABLE, SMP_M_NEXT_TREATMENT,
	SMP_NMILESTONES
};
extern const char *const smp_milestone_names[];

enum smp_phase { SMP_UPCOMING, SMP_FRESH, SMP_CRUSTS, SMP_SETTLING,
	SMP_STABLE };
extern const char *const smp_phase_names[];

struct smp_mark {
	enum smp_milestone what;
	struct smp_date date;
	int day;
};

/* Day of a milestone after the treatment; -1 for next-treatment. */
int smp_milestone_day(const struct smp_healing_days *h, enum smp_milestone m);
enum smp_phase smp_phase_on(const struct smp_healing_days *h, int day);
/* 1 if s is a treatment of the course (base, intensification, touch-up). */
int smp_in_course(const struct smp_session *s);
int smp_course_done(const struct smp_client *c);	/* done course treatments */
int smp_course_complete(const struct smp_client *c);
/* The latest done session, or NULL. */
const struct smp_session *smp_latest_done(const struct smp_client *c);
const struct smp_session *smp_session_find(const struct smp_client *c, int n);
/* The next treatment after s: the next session done or planned after it
 * (*next), else the earliest allowed, s + interval_days (*next NULL);
 * returns 0 when there is none (the course is complete). */
int smp_next_treatment(const struct smp_client *c, const struct smp_protocol *p,
    const struct smp_session *s, struct smp_date *out,
    const struct smp_session **next);

/* ---- heal.c: where the healing stands -------------------------------- */

struct smp_healing_view {
	const struct smp_session *session;
	int day;
	enum smp_phase phase;
	struct smp_mark marks[SMP_NMILESTONES];
	size_t nmarks;			/* sorted by date, ties in enum order */
	int has_next;
	struct smp_date next;
	const struct smp_session *next_session;	/* NULL: earliest allowed */
	int unbooked;			/* next is only the earliest allowed */
};

/* The timeline of session n (0: the latest done) as of today; SMP_NONE
 * with a diagnostic when the client has no such treatment. */
int smp_heal_view(const struct smp_client *c, const struct smp_clinic *k,
    int n, struct smp_date today, struct smp_healing_view *out,
    struct smp_diag *d);
/* What a client should expect in a phase, in English, for people. */
const char *smp_phase_normal(enum smp_phase p);

/* ---- ical.c: iCalendar output ---------------------------------------- */

struct smp_cal;

struct smp_event {
	const char *uid;		/* full UID */
	const char *summary;
	const char *description;	/* may be NULL */
	const char *status;		/* "CONFIRMED", "CANCELLED" or NULL */
	int sequence;
	time_t last_modified;		/* 0: none */
	int all_day;
	struct smp_date date;		/* all-day events */
	struct smp_time start;		/* timed events, local to zone */
	const char *zone;		/* IANA name for timed events */
	int minutes;
	const char *alarm;		/* "-P1D", "PT9H" or NULL */
};

/* feed_name non-NULL makes a subscribed feed (X-WR-CALNAME etc.).
 * dtstamp is the DTSTAMP of every event (SOURCE_DATE_EPOCH or now). */
struct smp_cal *smp_cal_new(const char *feed_name, time_t dtstamp);
int smp_cal_add(struct smp_cal *cal, const struct smp_event *ev,
    struct smp_diag *d);
/* Writes the whole calendar to fp; SMP_CANTWRITE on an output error. */
int smp_cal_write(struct smp_cal *cal, FILE *fp, struct smp_diag *d);
void smp_cal_free(struct smp_cal *cal);
/* Releases libical's zone cache; call once at exit. */
void smp_cal_cleanup(void);

/* The streaming writer (a clinic's feed): header, VTIMEZONEs, then each
 * event written as soon as it is made, then the end.  A zone span is a
 * zone and the years its events fall in. */
struct smp_zone_span {
	char name[64];
	int first_year, last_year;
};
struct smp_buf;
/* Appends the VEVENT text of e (CRLF, folded, escaped) to b.  Touches no
 * libical state, so worker threads may call it. */
void smp_event_text(struct smp_buf *b, const struct smp_event *e,
    time_t dtstamp);
/* BEGIN:VCALENDAR, X-WR-CALNAME feed_name, REFRESH-INTERVAL,
 * X-PUBLISHED-TTL and one VTIMEZONE a zone, cut to its years.  Uses
 * libical's zone cache: one thread only. */
int smp_feed_begin(FILE *fp, const char *feed_name,
    const struct smp_zone_span *zones, size_t nzones, struct smp_diag *d);
int smp_feed_end(FILE *fp, struct smp_diag *d);
/* 1 for UTC, whose times are written with a Z and need no VTIMEZONE. */
int smp_zone_is_utc(const char *zone);

/* ---- out.c: output helpers ------------------------------------------- */

/* Numbers into text by hand, where snprintf would cost more than the
 * line (calendar events, records): n as width digits, zero-padded, or in
 * as many as it takes.  Both return the end; neither writes a NUL. */
char *smp_put_digits(char *p, unsigned long long n, int width);
char *smp_put_number(char *p, unsigned long long n);

/* A TSV field with \\ \t \n \r escaped. */
void smp_tsv_field(FILE *fp, const char *s);
/* A JSON string, or null for NULL. */
void smp_json_string(FILE *fp, const char *s);
/* Display width of UTF-8 text in terminal columns (wcwidth); needs a
 * UTF-8 LC_CTYPE. */
int smp_display_width(const char *s);
/* Text from a file for a terminal: control characters shown as \\n, \\t..
 * (TSV's escapes), so a hostile name cannot break a line. */
void smp_print_text(FILE *fp, const char *s);
int smp_text_width(const char *s);	/* display width as printed */
/* s as smp_print_text prints it, padded with spaces to width columns. */
void smp_print_padded(FILE *fp, const char *s, int width);
/* 1 if s is well-formed UTF-8. */
int smp_utf8_valid(const char *s);
/* Flushes and checks fp; SMP_CANTWRITE with a diagnostic on failure. */
int smp_close_output(FILE *fp, const char *name, struct smp_diag *d);

/* ---- env.c: what a tool's options settle ----------------------------- */

/* SOURCE_DATE_EPOCH if set and valid, else now; -1 with a diagnostic if
 * it is set but not a number. */
int smp_dtstamp(const char *sde, time_t now, time_t *out, struct smp_diag *d);
/* The client file's mtime, capped at SOURCE_DATE_EPOCH when that is set
 * (dtstamp is then its value). */
time_t smp_last_modified(time_t mtime, const char *sde, time_t dtstamp);
/* Opens --ics FILE ("-" = stdout); SMP_CANTWRITE on failure. */
int smp_open_output(const char *path, FILE **out, struct smp_diag *d);

/* ---- edit.c: byte-preserving edits -------------------------------------- */

struct smp_buf { char *data; size_t len, cap; };	/* NUL-terminated */
void smp_buf_add(struct smp_buf *b, const char *s, size_t n);
void smp_buf_str(struct smp_buf *b, const char *s);
void smp_buf_free(struct smp_buf *b);

/* Replace bytes [start, end) of the document with text. */
struct smp_splice { size_t start, end; const char *text; };
/* The document's bytes with the splices (in order, not overlapping)
 * applied, appended to out; -1 if they are out of order. */
int smp_splice(const struct smp_doc *doc, const struct smp_splice *s,
    size_t n, struct smp_buf *out);
/* s as a YAML scalar: plain where a YAML 1.1 reader would read it back
 * as the same text, else double-quoted.  flow: inside [ ] or { }. */
void smp_yaml_scalar(struct smp_buf *b, const char *s, int flow);
const char *smp_doc_newline(const struct smp_doc *doc);	/* "\n" or "\r\n" */
size_t smp_node_content_end(const struct smp_node *n);
size_t smp_doc_line_end(const struct smp_doc *doc, size_t at);

/* ---- save.c: locked, atomic replacement of a client file --------------- */

struct smp_file {
	const char *name;		/* as the user named it, for messages */
	char path[4096];		/* symbolic links resolved */
	int fd;				/* holds the lock */
	struct stat st;			/* as locked */
};

/* Locks the file for a read, change and write, waiting up to timeout_ms
 * for another writer (then SMP_RETRY). */
int smp_file_lock(const char *name, int timeout_ms, struct smp_file *f,
    struct smp_diag *d);
/* Replaces the locked file with bytes: temporary file, fsync, rename,
 * mode kept.  SMP_RETRY if someone changed it without the lock. */
int smp_file_replace(struct smp_file *f, const char *bytes, size_t len,
    struct smp_diag *d);
void smp_file_unlock(struct smp_file *f);

/* ---- log.c: the healing log --------------------------------------------- */

/* The document's bytes with e added at the end of `healing`. */
int smp_log_append(const struct smp_doc *doc, const struct smp_log_entry *e,
    struct smp_buf *out, struct smp_diag *d);
/* The same, checked: the result must read back as c plus e with every
 * other value unchanged, else SMP_INVALID and out is not to be used. */
int smp_log_build(const struct smp_client *c, const struct smp_clinic *k,
    const struct smp_log_entry *e, struct smp_buf *out, struct smp_diag *d);
#define SMP_LOCK_WAIT_MS 10000
/* Appends e to the client file at path under the lock; e->session 0
 * means the latest treatment done (left out when there is none). */
int smp_log_write(const char *path, const struct smp_clinic *k,
    struct smp_log_entry *e, struct smp_diag *d);

/* ---- cli.c: the options every tool has -------------------------------- */

enum { SMP_OPT_TODAY = 0x100, SMP_OPT_ICS, SMP_OPT_FIRST_OWN };

/* getopt_long entries for the shared options; end a tool's table with
 * SMP_CLI_LONGOPTS, { 0 }. */
#define SMP_CLI_SHORTOPTS "c:f:hV"
#define SMP_CLI_LONGOPTS \
	{ "clinic", 1, NULL, 'c' }, { "today", 1, NULL, SMP_OPT_TODAY }, \
	{ "format", 1, NULL, 'f' }, { "ics", 1, NULL, SMP_OPT_ICS }, \
	{ "help", 0, NULL, 'h' }, { "version", 0, NULL, 'V' }

struct smp_cli {
	const char *clinic_path, *today_arg, *format_arg, *ics;
	int format;			/* index into the tool's format names */
	struct smp_clinic clinic;
	int have_clinic;
	struct smp_date today;
	const char *sde;		/* $SOURCE_DATE_EPOCH */
	time_t dtstamp;
};

/* Takes a shared option; 0 if opt is not one of them. */
int smp_cli_option(struct smp_cli *cli, int opt, const char *arg);
/* Settles --format against names (the first is the default). */
int smp_cli_format(struct smp_cli *cli, const char *const *names,
    struct smp_diag *d);
/* Loads the clinic file and settles today and DTSTAMP. */
int smp_cli_setup(struct smp_cli *cli, const char *(*env)(const char *),
    time_t now, struct smp_diag *d);
void smp_cli_free(struct smp_cli *cli);
/* For main, first: tool name for getopt, SIGXFSZ ignored, UTF-8 ctype. */
void smp_cli_start(char **argv, const char *prog);
const char *smp_getenv(const char *name);	/* what main hands to setup */
/* Prints d as prog's diagnostic; returns rc. */
int smp_cli_fail(const char *prog, const struct smp_diag *d, int rc);
/* A whole number from lo to hi, else -1. */
int smp_cli_number(const char *arg, int lo, int hi);
/* Writes cal to --ics (the caller checked cli->ics is set). */
int smp_cli_write_calendar(const struct smp_cli *cli, struct smp_cal *cal,
    struct smp_diag *d);
/* 1 unless --ics - took standard output for the calendar alone. */
int smp_cli_stdout_free(const struct smp_cli *cli);

/* ---- heal_out.c: smp-heal's outputs -------------------------------------- */

enum smp_heal_format { SMP_HEAL_TEXT, SMP_HEAL_TSV, SMP_HEAL_JSON };
extern const char *const smp_heal_formats[];

/* One client's timeline and where it stands. */
void smp_heal_print(FILE *fp, int format, const struct smp_client *c,
    const struct smp_healing_view *v, struct smp_date today);
/* The "who is healing now" list: one line a client, already sorted. */
struct smp_heal_row {
	const struct smp_client *client;
	struct smp_healing_view view;
};
void smp_heal_print_list(FILE *fp, int format, const struct smp_heal_row *rows,
    size_t n);
/* Who is healing on today (day 0 to stable_day of the latest treatment)
 * among the files in paths, sorted by id.  A file that fails is passed
 * to report (and skipped); the worst status of those is returned.  The
 * caller frees with smp_heal_list_free. */
struct smp_heal_list {
	struct smp_client *clients;
	struct smp_heal_row *rows;
	size_t nclients, nrows;
};
int smp_heal_list(char *const *paths, size_t n, const struct smp_clinic *k,
    struct smp_date today, struct smp_heal_list *out,
    void (*report)(const struct smp_diag *, void *), void *ctx);
void smp_heal_list_free(struct smp_heal_list *l);
/* The milestones as all-day events; with_name prefixes the client's name
 * (a front-desk calendar of several clients). */
int smp_heal_events(struct smp_cal *cal, const struct smp_client *c,
    const struct smp_clinic *k, const struct smp_healing_view *v,
    time_t last_modified, int with_name, struct smp_diag *d);

#endif
