/* libFuzzer: any bytes as a client file.  It must end in SMP_OK or a
 * diagnostic, never a crash, a leak or a hang; and the reader that
 * builds no tree (smp_client_parse) must give the full loader's answer,
 * the same client or the same diagnostic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"
#include "same-client.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct smp_clinic clinic;
	static int ready;
	struct smp_diag d;
	struct smp_doc *doc;
	struct smp_client c;

	if (!ready) {
		if (smp_clinic_from_doc(NULL, "UTC", NULL, &clinic, &d) != SMP_OK)
			abort();
		ready = 1;
	}
	if (size > SMP_MAX_FILE)
		return 0;
	{
		char why[600];
		int fast;

		if (same_reading((const char *)data, size, &clinic, why,
		    sizeof(why), &fast)[0] != '\0') {
			fprintf(stderr, "the readers disagree: %s\n", why);
			abort();
		}
	}
	smp_diag_clear(&d);
	if (smp_doc_parse("fuzz.yaml", (const char *)data, size, &doc, &d) !=
	    SMP_OK)
		return 0;
	if (smp_client_from_doc(doc, &clinic, &c, &d) == SMP_OK) {
		struct smp_healing_view v;
		struct smp_date today = { 2026, 11, 22 };
		struct smp_log_entry e = { today, 0, "fuzz: note" };
		struct smp_buf b = { 0 };

		/* what the tools do with a valid client must not fail either:
		 * --log may refuse a file it cannot extend without changing
		 * a value (stray CRs; a block of text that ends the file with
		 * no line break), but never a plain LF file that ends in one */
		smp_heal_view(&c, &clinic, 0, today, &v, &d);
		if (smp_log_build(&c, &clinic, &e, &b, &d) != SMP_OK &&
		    memchr(data, '\r', size) == NULL && size > 0 &&
		    data[size - 1] == '\n') {
			fprintf(stderr, "--log refused: %s: %s\n", d.key, d.msg);
			abort();
		}
		smp_buf_free(&b);
		smp_client_free(&c);
	}
	return 0;
}
