/* Text for people: quoting values in messages, display widths. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "smp.h"
#include "unit.h"

static void
test_quote(void)
{
	char buf[80], small[16];

	CHECK_STR("quote: plain text", smp_quote(buf, sizeof(buf), "soon"),
	    "\"soon\"");
	CHECK_STR("quote: empty", smp_quote(buf, sizeof(buf), ""), "\"\"");
	CHECK_STR("quote: control characters made visible",
	    smp_quote(buf, sizeof(buf), "a\tb\nc"), "\"a\\x09b\\x0ac\"");
	CHECK_STR("quote: a quote and a backslash escaped",
	    smp_quote(buf, sizeof(buf), "a\"b\\c"), "\"a\\x22b\\x5cc\"");
	CHECK_STR("quote: DEL escaped", smp_quote(buf, sizeof(buf), "a\x7f"),
	    "\"a\\x7f\"");
	CHECK_STR("quote: UTF-8 kept", smp_quote(buf, sizeof(buf), "Wójcik"),
	    "\"Wójcik\"");
	CHECK_STR("quote: long text shortened with an ellipsis",
	    smp_quote(small, sizeof(small), "abcdefghijklmnopqrstuvwxyz"),
	    "\"abcdefghi...\"");
	CHECK_STR("quote: shortening never splits a UTF-8 character",
	    smp_quote(small, sizeof(small), "ąąąąąąąąąą"), "\"ąąąą...\"");
	CHECK("quote: shortened result fits the buffer",
	    strlen(smp_quote(small, sizeof(small),
	    "\x01\x02\x03\x04\x05\x06\x07\x08")) < sizeof(small));
	CHECK_STR("quote: a tiny buffer gets an empty string",
	    smp_quote(small, 4, "abc"), "");
	CHECK_STR("quote: returns buf", smp_quote(buf, sizeof(buf), "x") == buf ?
	    "same" : "other", "same");
}

static void
test_width(void)
{
	char buf[64];
	FILE *fp;

	CHECK_INT("width: ASCII", smp_display_width("Jan Kowalski"), 12);
	CHECK_INT("width: empty", smp_display_width(""), 0);
	CHECK_INT("width: \"Łukasz Wójcik\" is 13 columns",
	    smp_display_width("Łukasz Wójcik"), 13);
	CHECK_INT("width: CJK counts 2 a character (山田太郎 is 8)",
	    smp_display_width("山田太郎"), 8);
	CHECK_INT("width: mixed ASCII and CJK (Yamada 山田 is 11)",
	    smp_display_width("Yamada 山田"), 11);
	CHECK_INT("width: a combining accent counts 0 (Jose\\u0301 is 4)",
	    smp_display_width("Jose\xcc\x81"), 4);
	CHECK_INT("width: precomposed and combining agree",
	    smp_display_width("Jos\xc3\xa9"), smp_display_width("Jose\xcc\x81"));
	CHECK_INT("width: an invalid byte counts 1 column",
	    smp_display_width("a\xff" "b"), 3);
	CHECK_INT("width: a truncated UTF-8 sequence at the end counts 1",
	    smp_display_width("ab\xc5"), 3);

	fp = fmemopen(buf, sizeof(buf), "w");
	CHECK("padded: fmemopen", fp != NULL);
	if (fp == NULL)
		return;
	smp_print_padded(fp, "Łukasz", 8);
	putc('|', fp);
	smp_print_padded(fp, "山田", 6);
	putc('|', fp);
	smp_print_padded(fp, "toolong", 3);
	putc('|', fp);
	smp_print_padded(fp, "a\tb", 5);
	putc('|', fp);
	putc('\0', fp);
	fclose(fp);
	CHECK_STR("padded: pads by columns, not bytes; never cuts; escapes a tab", buf,
	    "Łukasz  |山田  |toolong|a\\tb |");
}

int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		printf("FAIL text: the C.UTF-8 locale is missing\n");
		return 1;
	}
	test_quote();
	test_width();
	UNIT_EXIT();
}
