/* libFuzzer: the parsers of dates, times and numbers from the command
 * line and the environment, and the YAML quoting of --log notes, which
 * must read back as the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_quoting(const char *s)
{
	struct smp_buf b = { 0 };
	struct smp_doc *doc;
	struct smp_diag d;
	const struct smp_node *v;

	if (!smp_utf8_valid(s))
		return;
	smp_buf_str(&b, "note: ");
	smp_yaml_scalar(&b, s, 0);
	smp_buf_str(&b, "\nflow: [");
	smp_yaml_scalar(&b, s, 1);
	smp_buf_str(&b, "]\n");
	if (smp_doc_parse("q", b.data, b.len, &doc, &d) != SMP_OK)
		abort();
	v = smp_map_get(smp_doc_root(doc), "note");
	if (v == NULL || v->type != SMP_SCALAR || strcmp(v->str, s) != 0)
		abort();
	v = smp_map_get(smp_doc_root(doc), "flow");
	if (v == NULL || v->n != 1 || strcmp(v->kids[0]->str, s) != 0)
		abort();
	smp_doc_free(doc);
	smp_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct smp_date date;
	struct smp_time t;
	struct smp_diag d;
	time_t stamp;
	char buf[17];

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (smp_date_parse(s, &date) == 0) {
		smp_date_format(date, buf);
		if (strcmp(buf, s) != 0 || !smp_date_valid(date))
			abort();
		smp_date_add_months(date, -6);
		smp_date_add_days(date, 365);
	}
	if (smp_time_parse(s, &t) == 0) {
		smp_time_format(t, buf);
		if (strncmp(buf, s, 10) != 0 || strcmp(buf + 11, s + 11) != 0)
			abort();
	}
	smp_dtstamp(s, 0, &stamp, &d);
	if (strlen(s) == size)
		check_quoting(s);
	free(s);
	return 0;
}
