/*
 * smp-aftercare: the personal aftercare sheet a client takes home
 * (tools.md, "smp-aftercare").
 *
 * The sheet is built once as data (which rule, which dates), then
 * written in a language and a format.  Words come in through a struct
 * smp_words, so the library itself never touches gettext's process-wide
 * state except in smp_catalog_setup, which main calls once.
 */
#ifndef SMP_AFTERCARE_H
#define SMP_AFTERCARE_H

#include "smp.h"

/* ---- aftercare.c: the sheet as data ------------------------------------ */

/* Every line of the sheet, in the order it is printed. */
enum smp_rule {
	SMP_R_REST, SMP_R_SHAVE, SMP_R_WATER, SMP_R_BEDCLOTHES, SMP_R_WINTER,
	SMP_R_REDNESS, SMP_R_CRUSTS, SMP_R_COLOUR, SMP_R_SUN, SMP_R_SWIM,
	SMP_R_ASSESS, SMP_R_NEXT, SMP_R_BOOK_NEXT, SMP_R_REFRESH,
	SMP_NRULES
};

enum smp_sheet_part { SMP_PART_FIRST_DAYS, SMP_PART_HEALING, SMP_PART_AHEAD,
	SMP_NPARTS };

struct smp_sheet_line {
	enum smp_rule rule;
	enum smp_sheet_part part;
	/* "until" rules: a is the last day the rule holds; crusts: a..b;
	 * others: the day the line names.  Undated lines leave them 0. */
	struct smp_date a, b;
	struct smp_time at;		/* SMP_R_NEXT: the session's start */
	enum smp_milestone event;	/* its event; SMP_NMILESTONES: none */
	struct smp_date event_date;	/* "until" rules: a + 1 */
};

struct smp_sheet {
	const struct smp_client *client;
	const struct smp_clinic *clinic;
	const struct smp_session *session;
	const char *practitioner;	/* the clinic's name for the id, else
					 * the id; NULL when there is none */
	int winter;			/* in the clinic's winter */
	int refresh_years[2];
	struct smp_sheet_line lines[SMP_NRULES];
	size_t nlines;
	const char **personal;		/* the client's `aftercare`, verbatim;
					 * NULL-terminated, or NULL */
};

/* The session a sheet is for: n > 0 names it; 0 means the latest on or
 * before today that is done or planned.  SMP_NONE with a diagnostic when
 * there is none (or it was cancelled or missed). */
int smp_sheet_session(const struct smp_client *c, int n, struct smp_date today,
    const struct smp_session **out, struct smp_diag *d);
/* Builds the sheet; it points into c and k, which must outlive it. */
int smp_sheet_build(const struct smp_client *c, const struct smp_clinic *k,
    int n, struct smp_date today, struct smp_sheet *out, struct smp_diag *d);
/* 1 if d falls in winter: Dec-Feb in the north, Jun-Aug in the south. */
int smp_is_winter(struct smp_date d, const char *hemisphere);

/* ---- aftercare_lang.c: words and dates in the client's language --------- */

struct smp_words {
	/* msgid's translation in context ctx (NULL: none), else msgid */
	const char *(*tr)(const char *ctx, const char *msgid);
	/* the same, with the plural form for n */
	const char *(*trn)(const char *msgid, const char *plural,
	    unsigned long n);
};
extern const struct smp_words smp_english;	/* the msgids themselves */
extern const struct smp_words smp_catalog;	/* gettext's catalogs */

#define SMP_TEXTDOMAIN "smp-tools"
/* Makes smp_catalog read SMP_TEXTDOMAIN from localedir in language lang
 * ("pt-BR" finds pt_BR, then pt); English where there is no catalog or
 * lang is no tag.  Process-wide (locale, $LANGUAGE): main calls it once,
 * before any output.  -1 if no UTF-8 locale can be set. */
int smp_catalog_setup(const char *localedir, const char *lang);
/* d as the language writes it ("22 November 2026", "22 listopada 2026");
 * "" for a date that is not valid (a line's unused date). */
void smp_words_date(const struct smp_words *w, struct smp_date d, char *buf,
    size_t size);
/* The language tag the words are in ("en" for English). */
const char *smp_words_lang(const struct smp_words *w);

/* A value for a {key} placeholder of a sentence: text (escaped like all
 * of it), or a date, marked up as one in markdown and html. */
enum smp_arg_kind { SMP_ARG_TEXT, SMP_ARG_DATE };
struct smp_arg {
	const char *key;		/* "date" for {date} */
	const char *value;
	enum smp_arg_kind kind;
	struct smp_date date;		/* SMP_ARG_DATE: the date value shows */
};

/* ---- aftercare_wrap.c: text wrapped by display width -------------------- */

/* Writes s wrapped at width columns: the first line after lead, the
 * others indented by the width of lead; '\n' in s starts a new line,
 * SMP_GLUE is a space that does not break (smp_sheet_fill puts it in
 * dates; a file's control characters never reach here raw).  Breaks at
 * spaces, beside wide (CJK) characters, and inside a word too long for
 * a line, never between a character and its combining marks.  Needs a
 * UTF-8 LC_CTYPE.  Returns the width of the widest line. */
#define SMP_GLUE '\x1f'
int smp_wrap(FILE *fp, const char *s, int width, const char *lead);

/* ---- aftercare_out.c: the sheet in text, markdown or html --------------- */

enum smp_sheet_format { SMP_SHEET_TEXT, SMP_SHEET_MARKDOWN, SMP_SHEET_HTML };
extern const char *const smp_sheet_formats[];
#define SMP_SHEET_WIDTH 72
#define SMP_SHEET_MIN_WIDTH 20
#define SMP_SHEET_MAX_WIDTH 1000

/* Writes the sheet; width counts display columns (text only). */
void smp_sheet_print(FILE *fp, int format, int width,
    const struct smp_sheet *s, const struct smp_words *w);

/* What the layouts (aftercare_text.c, aftercare_html.c) are made of.
 * Each appends words filled and escaped for format to a buffer. */
#ifndef N_
#define N_(msgid) msgid			/* a msgid for xgettext */
#endif
#ifndef NC_
#define NC_(ctx, msgid) msgid		/* one with a context */
#endif

enum smp_sheet_word { SMP_W_TITLE, SMP_W_INTRO, SMP_W_PERSONAL,
	SMP_W_WARNING, SMP_NWORDS };

void smp_sheet_words(struct smp_buf *b, int format, enum smp_sheet_word which,
    const struct smp_words *w);
const char *smp_part_title(enum smp_sheet_part p, const struct smp_words *w);
/* Name, treatment and practitioner, one buffer each of out[3]; returns
 * how many. */
size_t smp_sheet_header(struct smp_buf *out, int format,
    const struct smp_sheet *s, const struct smp_words *w);
/* Prints b between before and after (an html tag, a markdown list
 * mark and a line end), then empties b for the next part. */
void smp_sheet_put(FILE *fp, const char *before, struct smp_buf *b,
    const char *after);
/* One line's sentence. */
void smp_sheet_sentence(struct smp_buf *b, int format,
    const struct smp_sheet *s, const struct smp_sheet_line *l,
    const struct smp_words *w);

void smp_sheet_text(FILE *fp, int width, const struct smp_sheet *s,
    const struct smp_words *w);
void smp_sheet_markdown(FILE *fp, const struct smp_sheet *s,
    const struct smp_words *w);
void smp_sheet_html(FILE *fp, const struct smp_sheet *s,
    const struct smp_words *w);

/* ---- aftercare_fill.c: sentences escaped for a format -------------------- */

/* tmpl with its {key} placeholders filled, all of it escaped for format
 * (text: control characters made visible; markdown: punctuation that is
 * markup backslashed; html: entities), appended to b.  keep_newlines
 * turns '\n' into a line break, else it is "\n" or a space. */
void smp_sheet_fill(struct smp_buf *b, int format, const char *tmpl,
    const struct smp_arg *args, size_t nargs, int keep_newlines);
/* A value from a file alone, escaped the same way. */
void smp_sheet_value(struct smp_buf *b, int format, const char *value,
    int keep_newlines);

/* ---- aftercare_ics.c: the dated rules for the client's own calendar ----- */

/* One all-day event a dated rule, with a 09:00 alarm; no health data. */
int smp_sheet_events(struct smp_cal *cal, const struct smp_sheet *s,
    const struct smp_words *w, time_t last_modified, struct smp_diag *d);

#endif
