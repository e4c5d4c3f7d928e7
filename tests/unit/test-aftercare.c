/* The aftercare sheet: which session, the dates of every rule (the
 * example of clinic-format.md, "Counting days and years"), winter, the
 * words and dates of a language, escaping, and wrapping by display
 * width.  Needs $BUILD/locale for the Polish catalog (tests/run.sh). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "unit.h"

static struct smp_clinic clinic;

static int
client(const char *yaml, struct smp_client *c)
{
	struct smp_doc *doc;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_doc_parse("test.yaml", yaml, strlen(yaml), &doc, &d);
	if (rc == SMP_OK)
		rc = smp_client_from_doc(doc, &clinic, c, &d);
	if (rc != SMP_OK)
		fprintf(stderr, "client: %d:%d: %s: %s\n", d.line, d.col, d.key,
		    d.msg);
	return rc;
}

static const char jan[] =
    "smp: 1\nid: c-1\nname: Jan\nsessions:\n"
    "  - {n: 1, kind: base, start: 2026-11-03 10:00, status: done}\n"
    "  - {n: 2, kind: intensification, start: 2026-11-20 10:00,"
    " status: cancelled}\n"
    "  - {n: 3, kind: intensification, start: 2026-12-01 10:00,"
    " status: planned}\n"
    "  - {n: 4, kind: touch-up, start: 2027-01-12 09:00, status: no-show}\n";

static const struct smp_sheet_line *
line(const struct smp_sheet *s, enum smp_rule r)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->lines[i].rule == r)
			return &s->lines[i];
	return NULL;
}

static void
test_winter(void)
{
	CHECK("winter: 30 November is autumn in the north",
	    !smp_is_winter(D(2026, 11, 30), "north"));
	CHECK("winter: 1 December is winter in the north",
	    smp_is_winter(D(2026, 12, 1), "north"));
	CHECK("winter: 29 February is winter in the north",
	    smp_is_winter(D(2028, 2, 29), "north"));
	CHECK("winter: 1 March is spring in the north",
	    !smp_is_winter(D(2027, 3, 1), "north"));
	CHECK("winter: 31 May is autumn in the south",
	    !smp_is_winter(D(2026, 5, 31), "south"));
	CHECK("winter: 1 June is winter in the south",
	    smp_is_winter(D(2026, 6, 1), "south"));
	CHECK("winter: 31 August is winter in the south",
	    smp_is_winter(D(2026, 8, 31), "south"));
	CHECK("winter: 1 September is spring in the south",
	    !smp_is_winter(D(2026, 9, 1), "south"));
	CHECK("winter: January is summer in the south",
	    !smp_is_winter(D(2027, 1, 15), "south"));
	CHECK("winter: no hemisphere means north",
	    smp_is_winter(D(2027, 1, 15), NULL));
}

static int
session_on(const struct smp_client *c, int n, struct smp_date today)
{
	const struct smp_session *s;
	struct smp_diag d;

	if (smp_sheet_session(c, n, today, &s, &d) != SMP_OK)
		return -1;
	return s->n;
}

static void
test_session(void)
{
	struct smp_client c;

	if (client(jan, &c) != SMP_OK)
		return;
	CHECK_INT("session: none before the first treatment",
	    session_on(&c, 0, D(2026, 11, 2)), -1);
	CHECK_INT("session: the treatment day itself",
	    session_on(&c, 0, D(2026, 11, 3)), 1);
	CHECK_INT("session: a cancelled one later is skipped",
	    session_on(&c, 0, D(2026, 11, 25)), 1);
	CHECK_INT("session: a planned one counts on its day",
	    session_on(&c, 0, D(2026, 12, 1)), 3);
	CHECK_INT("session: a no-show is skipped",
	    session_on(&c, 0, D(2027, 2, 1)), 3);
	CHECK_INT("session: --session names a future one",
	    session_on(&c, 3, D(2026, 11, 5)), 3);
	CHECK_INT("session: --session of a cancelled one",
	    session_on(&c, 2, D(2026, 12, 5)), -1);
	CHECK_INT("session: --session of a missing one",
	    session_on(&c, 7, D(2026, 12, 5)), -1);
	smp_client_free(&c);
}

/* clinic-format.md: treatment on 2026-11-03: no gym through 2026-11-07,
 * crusts 2026-11-07 to 2026-11-10, judged 2026-12-01, stable 2026-12-03. */
static void
test_dates(void)
{
	struct smp_client c;
	struct smp_sheet s;
	struct smp_diag d;
	const struct smp_sheet_line *l;

	if (client(jan, &c) != SMP_OK)
		return;
	if (smp_sheet_build(&c, &clinic, 1, D(2026, 11, 3), &s, &d) != SMP_OK) {
		CHECK("dates: the sheet builds", 0);
		return;
	}
	l = line(&s, SMP_R_REST);
	CHECK_STR("dates: no gym until day 4", fmt(l->a), "2026-11-07");
	CHECK_STR("dates: its event the day after", fmt(l->event_date),
	    "2026-11-08");
	CHECK_STR("dates: the event is rest-over",
	    smp_milestone_names[l->event], "rest-over");
	CHECK_STR("dates: no shaving until day 4",
	    fmt(line(&s, SMP_R_SHAVE)->a), "2026-11-07");
	CHECK_STR("dates: the shaving event is shave-ok",
	    smp_milestone_names[line(&s, SMP_R_SHAVE)->event], "shave-ok");
	CHECK_STR("dates: crusts from day 4", fmt(line(&s, SMP_R_CRUSTS)->a),
	    "2026-11-07");
	CHECK_STR("dates: crusts to day 7", fmt(line(&s, SMP_R_CRUSTS)->b),
	    "2026-11-10");
	CHECK_STR("dates: redness gone on day 1",
	    fmt(line(&s, SMP_R_REDNESS)->a), "2026-11-04");
	CHECK_STR("dates: no sun until day 28", fmt(line(&s, SMP_R_SUN)->a),
	    "2026-12-01");
	CHECK_STR("dates: sun-ok on day 29",
	    fmt(line(&s, SMP_R_SUN)->event_date), "2026-12-02");
	CHECK_STR("dates: judged on day 28", fmt(line(&s, SMP_R_ASSESS)->a),
	    "2026-12-01");
	CHECK_STR("dates: stable on day 30", fmt(line(&s, SMP_R_COLOUR)->a),
	    "2026-12-03");
	CHECK_STR("dates: the next is the planned session 3, not the "
	    "cancelled 2", fmt(line(&s, SMP_R_NEXT)->a), "2026-12-01");
	CHECK_INT("dates: at its time", line(&s, SMP_R_NEXT)->at.hour, 10);
	CHECK("dates: booked, so no booking line",
	    line(&s, SMP_R_BOOK_NEXT) == NULL);
	CHECK("dates: November has no winter line",
	    line(&s, SMP_R_WINTER) == NULL);
	CHECK("dates: bedclothes have no calendar event",
	    line(&s, SMP_R_BEDCLOTHES)->event == SMP_NMILESTONES);
	CHECK_INT("dates: refresh years from the protocol",
	    s.refresh_years[1], 5);
	if (smp_sheet_build(&c, &clinic, 3, D(2026, 12, 1), &s, &d) == SMP_OK) {
		CHECK("dates: December brings the winter line",
		    line(&s, SMP_R_WINTER) != NULL);
		CHECK_STR("dates: winter names the day the crusts are gone",
		    fmt(line(&s, SMP_R_WINTER)->a), "2026-12-08");
		CHECK_STR("dates: nothing booked after 3: book from day 28",
		    fmt(line(&s, SMP_R_BOOK_NEXT)->a), "2026-12-29");
	}
	smp_client_free(&c);
}

static void
test_english_words(void)
{
	char buf[64];

	smp_words_date(&smp_english, D(2026, 11, 22), buf, sizeof(buf));
	CHECK_STR("words: English date", buf, "22 November 2026");
	smp_words_date(&smp_english, D(2027, 5, 1), buf, sizeof(buf));
	CHECK_STR("words: May", buf, "1 May 2027");
	smp_words_date(&smp_english, D(2027, 5, 1), buf, 6);
	CHECK_STR("words: a short buffer cuts the date", buf, "1 May");
	CHECK_STR("words: English tag", smp_words_lang(&smp_english), "en");
	smp_words_date(&smp_english, D(0, 0, 0), buf, sizeof(buf));
	CHECK_STR("words: no date, no words", buf, "");
}

/* A catalog that writes dates the American way. */
static const char *
us_tr(const char *ctx, const char *msgid)
{
	if (ctx != NULL && strcmp(ctx, "date") == 0)
		return "{month} {day}, {year}";
	return msgid;
}

static void
test_date_order(void)
{
	struct smp_words us = { us_tr, smp_english.trn };
	char buf[64];

	smp_words_date(&us, D(2026, 11, 22), buf, sizeof(buf));
	CHECK_STR("words: a catalog orders the date", buf, "November 22, 2026");
}

static void
fill(struct smp_buf *b, int format, const char *tmpl, const char *v, int keep)
{
	struct smp_arg a[] = {
		{ "v", v, SMP_ARG_TEXT, { 0, 0, 0 } },
		{ "date", "7 November 2026", SMP_ARG_DATE, { 2026, 11, 7 } },
	};

	b->len = 0;
	smp_sheet_fill(b, format, tmpl, a, 2, keep);
}

static void
test_fill(void)
{
	struct smp_buf b = { 0 };

	fill(&b, SMP_SHEET_HTML, "<{v}>", "a<b>&\"c'", 0);
	CHECK_STR("fill: html escapes ours and theirs", b.data,
	    "&lt;a&lt;b&gt;&amp;&quot;c&#39;&gt;");
	fill(&b, SMP_SHEET_HTML, "until {date}.", "", 0);
	CHECK_STR("fill: html marks a date", b.data,
	    "until <time datetime=\"2026-11-07\">7 November 2026</time>.");
	fill(&b, SMP_SHEET_HTML, "{v}", "one\ntwo\x01", 1);
	CHECK_STR("fill: html line break, control as U+FFFD", b.data,
	    "one<br>\ntwo\xef\xbf\xbd");
	fill(&b, SMP_SHEET_HTML, "{v}", "wraz z odnową, a potem", 0);
	CHECK_STR("fill: html keeps one-letter words with the next", b.data,
	    "wraz z&nbsp;odnową, a&nbsp;potem");
	fill(&b, SMP_SHEET_MARKDOWN, "{v}", "1. *a* [b](c) <d> & `e` #f", 0);
	CHECK_STR("fill: markdown escapes markup", b.data,
	    "1\\. \\*a\\* \\[b\\](c) \\<d\\> \\& \\`e\\` #f");
	fill(&b, SMP_SHEET_MARKDOWN, "{v}", "x\n- y\n  # z\n3) w", 1);
	CHECK_STR("fill: markdown escapes what starts a block", b.data,
	    "x\\\n  \\- y\\\n    \\# z\\\n  3\\) w");
	fill(&b, SMP_SHEET_MARKDOWN, "by {date}", "", 0);
	CHECK_STR("fill: markdown bolds a date", b.data,
	    "by **7 November 2026**");
	fill(&b, SMP_SHEET_TEXT, "{v}", "a\tb\nc\x1b[0m\xc2\x85", 0);
	CHECK_STR("fill: text shows control characters", b.data,
	    "a b\\nc\\x1b[0m\\u0085");
	fill(&b, SMP_SHEET_TEXT, "{v}", "a\r\nb", 1);
	CHECK_STR("fill: text keeps a CRLF as one line break", b.data, "a\nb");
	fill(&b, SMP_SHEET_TEXT, "until {date}", "", 0);
	CHECK_STR("fill: text glues a date", b.data,
	    "until 7\x1fNovember\x1f" "2026");
	fill(&b, SMP_SHEET_TEXT, "{nope} {v", "x", 0);
	CHECK_STR("fill: unknown placeholders stay", b.data, "{nope} {v");
	smp_buf_free(&b);
}

static char *
wrap(const char *s, int width, const char *lead, int *widest)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	int w = smp_wrap(fp, s, width, lead);

	fclose(fp);
	if (widest != NULL)
		*widest = w;
	return out;
}

static void
check_wrap(const char *name, const char *s, int width, const char *lead,
    const char *want)
{
	char *got = wrap(s, width, lead, NULL);

	CHECK_STR(name, got, want);
	free(got);
}

static void
test_wrap(void)
{
	int widest;
	char *out;

	check_wrap("wrap: at spaces, hanging indent", "aaa bbb ccc ddd", 9,
	    "- ", "- aaa bbb\n  ccc ddd\n");
	check_wrap("wrap: Polish letters are one column each",
	    "Łukasz Wójcik żółć", 15, "", "Łukasz Wójcik\nżółć\n");
	check_wrap("wrap: CJK is two columns and breaks anywhere",
	    "山田太郎山田太郎", 10, "", "山田太郎山\n田太郎\n");
	check_wrap("wrap: no line starts with 。", "山田太郎。山田", 8, "",
	    "山田太\n郎。山田\n");
	check_wrap("wrap: combining marks stay with their letter",
	    "Zoe\xcc\x88 Zoe\xcc\x88 Zoe\xcc\x88", 7, "",
	    "Zoe\xcc\x88 Zoe\xcc\x88\nZoe\xcc\x88\n");
	check_wrap("wrap: a long word breaks between characters",
	    "abcdefghij", 4, "", "abcd\nefgh\nij\n");
	check_wrap("wrap: a glued date moves whole",
	    "until 7\x1fNovember\x1f" "2026.", 16, "",
	    "until\n7 November 2026.\n");
	check_wrap("wrap: a one-letter word keeps to the next",
	    "wraz z odnową", 9, "", "wraz\nz odnową\n");
	check_wrap("wrap: newlines start lines", "a b\nc", 20, "- ",
	    "- a b\n  c\n");
	check_wrap("wrap: no trailing spaces", "a   \n\nb", 20, "",
	    "a\n\nb\n");
	out = wrap("山田 abc", 40, "", &widest);
	CHECK_INT("wrap: returns the widest line", widest, 8);
	free(out);
}

/* Every word on the sheet comes from the words it is given. */
static const char *
marked_tr(const char *ctx, const char *msgid)
{
	static char ring[16][512];
	static int i;
	char *b = ring[i++ % 16];

	(void)ctx;
	snprintf(b, 512, "@%s", msgid);
	return b;
}

static const char *
marked_trn(const char *msgid, const char *plural, unsigned long n)
{
	return marked_tr(NULL, n == 1 ? msgid : plural);
}

static void
test_all_translated(void)
{
	struct smp_words marked = { marked_tr, marked_trn };
	struct smp_client c;
	struct smp_sheet s;
	struct smp_diag d;
	char *out = NULL, *line, *save;
	size_t len = 0;
	FILE *fp;
	int bad = 0;

	if (client(jan, &c) != SMP_OK ||
	    smp_sheet_build(&c, &clinic, 3, D(2026, 12, 1), &s, &d) != SMP_OK)
		return;
	fp = open_memstream(&out, &len);
	smp_sheet_print(fp, SMP_SHEET_TEXT, 1000, &s, &marked);
	fclose(fp);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strchr(line, '@') == NULL && strspn(line, "=-") !=
		    strlen(line) && strcmp(line, "SMP clinic") != 0) {
			fprintf(stderr, "untranslated: %s\n", line);
			bad++;
		}
	CHECK_INT("words: every line of the sheet goes through the catalog",
	    bad, 0);
	free(out);
	smp_client_free(&c);
}

static void
refresh(int lo, int hi, char *buf, size_t size)
{
	struct smp_sheet s = { .refresh_years = { lo, hi } };
	struct smp_sheet_line l = { .rule = SMP_R_REFRESH };
	struct smp_buf b = { 0 };

	smp_sheet_sentence(&b, SMP_SHEET_TEXT, &s, &l, &smp_catalog);
	snprintf(buf, size, "%s", b.data);
	smp_buf_free(&b);
}

/* The real Polish catalog: genitive months, three plural forms. */
static void
test_polish(void)
{
	const char *build = getenv("BUILD");
	char dir[1024], buf[256];

	snprintf(dir, sizeof(dir), "%s/locale", build ? build : "build");
	CHECK_INT("pl: catalog set up", smp_catalog_setup(dir, "pl"), 0);
	smp_words_date(&smp_catalog, D(2026, 11, 22), buf, sizeof(buf));
	CHECK_STR("pl: 22 listopada 2026", buf, "22 listopada 2026");
	smp_words_date(&smp_catalog, D(2027, 9, 1), buf, sizeof(buf));
	CHECK_STR("pl: 1 września 2027", buf, "1 września 2027");
	CHECK_STR("pl: tag", smp_words_lang(&smp_catalog), "pl");
	refresh(3, 5, buf, sizeof(buf));
	CHECK("pl: 3–5 lat", strstr(buf, "za około 3–5 lat,") != NULL);
	refresh(2, 4, buf, sizeof(buf));
	CHECK("pl: 2–4 lata", strstr(buf, "za około 2–4 lata,") != NULL);
	refresh(10, 12, buf, sizeof(buf));
	CHECK("pl: 10–12 lat", strstr(buf, "za około 10–12 lat,") != NULL);
	refresh(20, 22, buf, sizeof(buf));
	CHECK("pl: 20–22 lata", strstr(buf, "za około 20–22 lata,") != NULL);
	refresh(1, 1, buf, sizeof(buf));
	CHECK("pl: 1 rok", strstr(buf, "za około 1 rok,") != NULL);
	refresh(4, 4, buf, sizeof(buf));
	CHECK("pl: 4 lata", strstr(buf, "za około 4 lata,") != NULL);
}

int
main(void)
{
	struct smp_diag d;

	setlocale(LC_ALL, "C.UTF-8");
	if (smp_clinic_from_doc(NULL, NULL, "UTC", &clinic, &d) != SMP_OK) {
		printf("FAIL aftercare: built-in clinic: %s\n", d.msg);
		return 1;
	}
	test_winter();
	test_session();
	test_dates();
	test_english_words();
	test_date_order();
	test_fill();
	test_wrap();
	test_all_translated();
	test_polish();		/* last: the catalog is process-wide */
	smp_clinic_free(&clinic);
	UNIT_EXIT();
}
