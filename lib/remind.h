/*
 * smp-remind: what is due across a clinic's client files, and the
 * calendar the clinic subscribes to.  The table of contents:
 *
 *   remind.c       the reminder kinds and their dates, for one client
 *   remind_out.c   a reminder as a TSV, JSON or text line; a client's
 *                  feed events
 *   remind_sort.c  sorting more records than memory should hold
 *   remind_spool.c the feed's events, waiting to be written in order
 *   remind_scan.c  finding the files (folders, stdin) and reading them on
 *                  worker threads
 *   remind_run.c   one run: every file into sorted records, then the
 *                  listing, the feed and the diagnostics in order
 *
 * Output is the same bytes for any number of threads and any directory
 * order: everything printed is sorted by what it says, never by when a
 * thread got to it.
 */
#ifndef SMP_REMIND_H
#define SMP_REMIND_H

#include <stdint.h>

#include "smp.h"

/* ---- remind.c: the kinds and their dates ----------------------------- */

/* In the order of tools.md's table, which is also the sort order. */
enum smp_remind_kind {
	SMP_R_APPOINTMENT, SMP_R_ASSESSMENT, SMP_R_BOOK_NEXT, SMP_R_REFRESH,
	SMP_R_REFRESH_OVERDUE, SMP_R_FADED, SMP_R_NKINDS
};
extern const char *const smp_remind_kind_names[];	/* NULL-terminated */
#define SMP_R_ALL ((1u << SMP_R_NKINDS) - 1)

struct smp_reminder {
	enum smp_remind_kind kind;
	struct smp_date date;
	const struct smp_session *from;	/* the session it counts from */
	int factors;			/* refresh: factors that matched */
	int earliest;			/* refresh: held at the lower end */
};

/* The refresh due date after a treatment on latest (clinic-format.md):
 * the upper end of refresh_years, 6 months earlier for each factor that
 * matches the client's profile, never before the lower end.  *factors
 * and *earliest (either may be NULL) say how it came about. */
struct smp_date smp_refresh_due(const struct smp_client *c,
    const struct smp_protocol *p, struct smp_date latest, int *factors,
    int *earliest);
/* 1 if every key of f matches the client's profile (defaults count). */
int smp_factor_matches(const struct smp_client *c, const struct smp_factor *f);

/* How many reminders smp_reminders can return for c at most. */
size_t smp_reminders_max(const struct smp_client *c);
/* The reminders of kinds (a bit per kind) dated from..to, both included,
 * into out (room for smp_reminders_max); returns how many.  Sorted by
 * date, then kind, then session. */
size_t smp_reminders(const struct smp_client *c, const struct smp_protocol *p,
    struct smp_date from, struct smp_date to, unsigned kinds,
    struct smp_reminder *out);
/* Parses "appointment,refresh" into a bit set; -1 with the bad word in
 * a diagnostic. */
int smp_remind_kinds_parse(const char *list, unsigned *out,
    struct smp_diag *d);

/* ---- remind_out.c: lines and events ---------------------------------- */

enum smp_remind_format { SMP_REMIND_TSV, SMP_REMIND_JSON, SMP_REMIND_TEXT };
extern const char *const smp_remind_formats[];	/* "tsv", "json", "text" */

/* What people read in the detail column ("day 28 after session 1 on
 * 2026-11-03"); never a health field. */
void smp_reminder_detail(const struct smp_reminder *r,
    const struct smp_client *c, const struct smp_clinic *k, char *buf,
    size_t size);
/* One listing line (with its newline) for r, appended to b.  anonymous:
 * the id where the name, email and phone would be.  The text format's
 * date headings are the caller's (smp_remind_text_heading). */
void smp_reminder_line(struct smp_buf *b, int format, int anonymous,
    const struct smp_reminder *r, const struct smp_client *c,
    const struct smp_clinic *k);
void smp_remind_text_heading(FILE *fp, struct smp_date date);

/* What the feed needs to know beyond the client. */
struct smp_feed_opts {
	const struct smp_clinic *clinic;
	struct smp_date today;
	int days;			/* cancelled sessions stay this long */
	int anonymous;
	time_t dtstamp, last_modified;
};
/* The client's events for the feed, appended to b: every planned
 * session, the cancelled and no-show ones of the last `days` days and
 * later, and the reminders rs.  Calls use(arg, zone, year) for each
 * timed event, so the caller can write the VTIMEZONEs. */
void smp_feed_events(struct smp_buf *b, const struct smp_feed_opts *o,
    const struct smp_client *c, const struct smp_reminder *rs, size_t n,
    void (*use)(void *arg, const char *zone, int year), void *arg);
/* 1 if the client has anything for the feed besides reminders. */
int smp_feed_has_sessions(const struct smp_client *c, struct smp_date today,
    int days);

/* ---- remind_sort.c: sorting beyond memory ----------------------------- */

/* A record is a key (text without NUL, then a NUL) and any bytes after
 * it; records sort by key bytewise, then by the rest.  A sorter holds up
 * to limit bytes, then writes them as a sorted run to an unlinked file
 * in tmpdir; reading merges the runs, so memory stays within limit plus
 * a few buffers however much goes through.  add is thread-safe. */
struct smp_sorter;
struct smp_sorter *smp_sorter_new(size_t limit, const char *tmpdir);
int smp_sorter_add(struct smp_sorter *s, const char *rec, size_t len,
    struct smp_diag *d);
/* Calls fn on every record in order; fn returns 0 to go on.  Once. */
int smp_sorter_each(struct smp_sorter *s,
    int (*fn)(void *arg, const char *rec, size_t len), void *arg,
    struct smp_diag *d);
void smp_sorter_free(struct smp_sorter *s);
/* The sorter's and the spool's temporary file: unless *fd is open
 * already, a new one in dir, unlinked at once so that it goes with the
 * process however it ends.  smp_temp_fail: the diagnostic for a failed
 * what ("create", "write") in dir, from errno. */
int smp_temp_open(int *fd, const char *dir, struct smp_diag *d);
/* n bytes at `at` (pwrite, whole); 0, or -1 with errno set. */
int smp_temp_write(int fd, const void *p, size_t n, off_t at);
int smp_temp_fail(struct smp_diag *d, const char *what, const char *dir);

/* ---- remind_spool.c: the feed's events until they are written ------ */

/* An unlinked temporary file in tmpdir that blocks are added to from
 * `threads` threads (thread: 0 .. threads - 1, each its own), and read
 * back by where they went (*at) once smp_spool_flush has run. */
struct smp_spool;
struct smp_spool *smp_spool_new(const char *tmpdir, int threads);
int smp_spool_put(struct smp_spool *s, int thread, const char *p, size_t n,
    uint64_t *at, struct smp_diag *d);
int smp_spool_flush(struct smp_spool *s, struct smp_diag *d);
/* Block [at, at + n) into to, which has room for n. */
int smp_spool_read(struct smp_spool *s, uint64_t at, size_t n, char *to,
    struct smp_diag *d);
void smp_spool_free(struct smp_spool *s);

/* ---- remind_feed.c: the feed, written on a thread of its own -------- */

/* The writer starts on the head of the feed (smp_feed_begin: zones must
 * stay as they are until finish), on a thread of its own if threaded;
 * the caller asks for room for n bytes
 * of events, fills it, and commits what it filled; finish writes the end
 * (smp_feed_end), waits for the thread and gives its status (the first
 * failure, into d; path names the feed in it). */
struct smp_feed_writer;
struct smp_feed_writer *smp_feed_writer_start(FILE *fp, const char *path,
    const char *name, const struct smp_zone_span *zones, size_t nzones,
    int threaded);
char *smp_feed_writer_room(struct smp_feed_writer *w, size_t n);
void smp_feed_writer_commit(struct smp_feed_writer *w, size_t n);
int smp_feed_writer_finish(struct smp_feed_writer *w, struct smp_diag *d);

/* ---- remind_scan.c: the files ----------------------------------------- */

/* file is called for every file found, on one of `jobs` threads (the
 * calling thread is one of them: it walks, and reads a file itself when
 * the workers are behind); arg is the caller's, and worker (0 .. jobs - 1)
 * says which thread it is, for state of the thread's own.  fail is called
 * on the calling thread for a path that cannot be searched or opened. */
struct smp_scan {
	void (*file)(void *arg, int worker, const char *path);
	void (*fail)(void *arg, const struct smp_diag *d, int code);
	void *arg;
	int jobs;
	FILE *stdin_paths;		/* for "-" */
};
/* Finds the client files of paths (files; folders searched for *.yaml
 * and *.yml, no dot names, no symbolic links to folders; "-" reads
 * paths from stdin_paths, one a line) and hands each to scan->file. */
void smp_scan_paths(const struct smp_scan *scan, char *const *paths,
    size_t npaths);

/* ---- remind_run.c: one run -------------------------------------------- */

struct smp_remind_opts {
	const struct smp_clinic *clinic;
	struct smp_date today;
	int days;			/* the window is today .. today + days */
	unsigned kinds;
	int format;			/* enum smp_remind_format */
	int anonymous;
	int jobs;
	const char *ics;		/* --ics FILE, "-" or NULL */
	const char *sde;		/* $SOURCE_DATE_EPOCH */
	time_t dtstamp;
	const char *tmpdir;		/* for the sorter's runs and the spool */
	const char *prog;		/* for diagnostics */
	size_t sort_limit;		/* bytes a sorter holds; 0: default */
};

/* Scans paths, prints the listing to out (unless the feed goes to
 * stdout), writes the feed, and prints diagnostics to err, all sorted.
 * Returns the exit status: the worst diagnostic's code, else SMP_NONE
 * when nothing is due, else SMP_OK. */
int smp_remind_run(const struct smp_remind_opts *o, char *const *paths,
    size_t npaths, FILE *stdin_paths, FILE *out, FILE *err);

#endif
