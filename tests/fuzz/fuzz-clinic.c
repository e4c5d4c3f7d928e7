/* libFuzzer: any bytes as a clinic file. */
#include <stdint.h>

#include "smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smp_diag d;
	struct smp_doc *doc;
	struct smp_clinic clinic;

	if (size > SMP_MAX_FILE)
		return 0;
	smp_diag_clear(&d);
	if (smp_doc_parse("clinic.yaml", (const char *)data, size, &doc, &d) !=
	    SMP_OK)
		return 0;
	if (smp_clinic_from_doc(doc, "Europe/Warsaw", NULL, &clinic, &d) ==
	    SMP_OK)
		smp_clinic_free(&clinic);
	return 0;
}
