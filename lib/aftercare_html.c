/*
 * The sheet as one self-contained html page, to print or to mail: the
 * style is inline and the page loads nothing (its Content-Security-Policy
 * says so too), so it looks the same offline and in any mail client.
 * Everything from a file goes through smp_sheet_fill's escaping.
 */
#include <stdio.h>

#include "aftercare.h"

static const char style[] =
    "  body { margin: 0; background: #f4f1ec; color: #222;\n"
    "    font: 16px/1.5 system-ui, \"Segoe UI\", \"Noto Sans\", "
    "\"DejaVu Sans\", sans-serif; }\n"
    "  main { max-width: 40em; margin: 2em auto; padding: 2em 2.5em;\n"
    "    background: #fff; border-radius: 6px; "
    "box-shadow: 0 1px 4px rgba(0,0,0,.12); }\n"
    "  .clinic { margin: 0; color: #5b6770; letter-spacing: .04em; }\n"
    "  h1 { margin: .2em 0 .6em; font-size: 1.6em; line-height: 1.2;\n"
    "    padding-bottom: .3em; border-bottom: 3px solid #2f6f73; }\n"
    "  h2 { margin: 1.4em 0 .4em; font-size: 1.15em; color: #2f6f73; }\n"
    "  .who { margin: 0 0 1em; }\n"
    "  .intro { color: #5b6770; font-size: .95em; }\n"
    "  ul { margin: 0; padding-left: 1.3em; }\n"
    "  li { margin: .35em 0; }\n"
    "  time { font-weight: 600; white-space: nowrap; }\n"
    "  .personal ul { list-style: none; padding: .6em 1em;\n"
    "    background: #eef5f5; border-left: 4px solid #2f6f73; }\n"
    "  .warning { margin-top: 2em; padding-top: .8em; "
    "border-top: 1px solid #ddd;\n"
    "    font-size: .95em; }\n"
    "  @page { size: A4; margin: 14mm 16mm; }\n"
    "  @media print {\n"
    "    body { background: none; font-size: 10.5pt; line-height: 1.4; }\n"
    "    main { margin: 0; padding: 0; max-width: none; box-shadow: none; }\n"
    "    h1 { font-size: 1.45em; }\n"
    "    h2 { margin-top: 1em; }\n"
    "    li { margin: .2em 0; }\n"
    "    .warning { margin-top: 1.2em; }\n"
    "    h2 { break-after: avoid; }\n"
    "    li, .personal ul { break-inside: avoid; }\n"
    "  }\n";

static void
head(FILE *fp, const struct smp_sheet *s, const struct smp_words *w,
    struct smp_buf *b)
{
	smp_sheet_value(b, SMP_SHEET_HTML, smp_words_lang(w), 0);
	smp_sheet_put(fp, "<!DOCTYPE html>\n<html lang=\"", b, "\">\n<head>\n");
	fputs("<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"robots\" content=\"noindex\">\n", fp);
	smp_sheet_words(b, SMP_SHEET_HTML, SMP_W_TITLE, w);
	smp_buf_str(b, " \xe2\x80\x93 ");
	smp_sheet_value(b, SMP_SHEET_HTML, s->client->name, 0);
	smp_sheet_put(fp, "<title>", b, "</title>\n");
	fprintf(fp, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
}

static void
rules(FILE *fp, const struct smp_sheet *s, const struct smp_words *w,
    struct smp_buf *b)
{
	for (int p = 0; p < SMP_NPARTS; p++) {
		int open = 0;

		for (size_t i = 0; i < s->nlines; i++) {
			if (s->lines[i].part != (enum smp_sheet_part)p)
				continue;
			if (!open++) {
				smp_sheet_value(b, SMP_SHEET_HTML,
				    smp_part_title((enum smp_sheet_part)p, w),
				    0);
				smp_sheet_put(fp, "<section>\n<h2>", b, "</h2>\n<ul>\n");
			}
			smp_sheet_sentence(b, SMP_SHEET_HTML, s, &s->lines[i],
			    w);
			smp_sheet_put(fp, "<li>", b, "</li>\n");
		}
		if (open)
			fputs("</ul>\n</section>\n", fp);
	}
}

static void
personal(FILE *fp, const struct smp_sheet *s, const struct smp_words *w,
    struct smp_buf *b)
{
	if (s->personal == NULL || s->personal[0] == NULL)
		return;
	smp_sheet_words(b, SMP_SHEET_HTML, SMP_W_PERSONAL, w);
	smp_sheet_put(fp, "<section class=\"personal\">\n<h2>", b, "</h2>\n<ul>\n");
	for (size_t i = 0; s->personal[i] != NULL; i++) {
		smp_sheet_value(b, SMP_SHEET_HTML, s->personal[i], 1);
		smp_sheet_put(fp, "<li>", b, "</li>\n");
	}
	fputs("</ul>\n</section>\n", fp);
}

void
smp_sheet_html(FILE *fp, const struct smp_sheet *s, const struct smp_words *w)
{
	struct smp_buf b = { 0 }, who[3] = { { 0 } };
	size_t n = smp_sheet_header(who, SMP_SHEET_HTML, s, w);

	head(fp, s, w, &b);
	smp_sheet_value(&b, SMP_SHEET_HTML, s->clinic->name, 0);
	smp_sheet_put(fp, "<p class=\"clinic\">", &b, "</p>\n");
	smp_sheet_words(&b, SMP_SHEET_HTML, SMP_W_TITLE, w);
	smp_sheet_put(fp, "<h1>", &b, "</h1>\n");
	fputs("<p class=\"who\">", fp);
	for (size_t i = 0; i < n; i++) {
		smp_sheet_put(fp, "", &who[i], i + 1 < n ? "<br>\n" : "</p>\n");
		smp_buf_free(&who[i]);
	}
	smp_sheet_words(&b, SMP_SHEET_HTML, SMP_W_INTRO, w);
	smp_sheet_put(fp, "<p class=\"intro\">", &b, "</p>\n");
	rules(fp, s, w, &b);
	personal(fp, s, w, &b);
	smp_sheet_words(&b, SMP_SHEET_HTML, SMP_W_WARNING, w);
	smp_sheet_put(fp, "<p class=\"warning\">", &b, "</p>\n");
	fputs("</main>\n</body>\n</html>\n", fp);
	smp_buf_free(&b);
}
