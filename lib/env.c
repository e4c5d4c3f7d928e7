/* What a tool's options and environment settle, as values. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"

int
smp_dtstamp(const char *sde, time_t now, time_t *out, struct smp_diag *d)
{
	char *end;
	long long v;

	if (sde == NULL || sde[0] == '\0') {
		*out = now;
		return SMP_OK;
	}
	errno = 0;
	v = strtoll(sde, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL)
		return smp_diag_set(d, SMP_USAGE, NULL, 0, 0, "SOURCE_DATE_EPOCH",
		    "\"%.40s\" is not a number of seconds since 1970", sde);
	*out = (time_t)v;
	return SMP_OK;
}

time_t
smp_last_modified(time_t mtime, const char *sde, time_t dtstamp)
{
	if (sde != NULL && sde[0] != '\0' && mtime > dtstamp)
		return dtstamp;
	return mtime;
}

int
smp_open_output(const char *path, FILE **out, struct smp_diag *d)
{
	if (strcmp(path, "-") == 0) {
		*out = stdout;
		return SMP_OK;
	}
	if ((*out = fopen(path, "w")) == NULL)
		return smp_diag_set(d, SMP_CANTWRITE, path, 0, 0, NULL,
		    "cannot open for writing: %s", strerror(errno));
	return SMP_OK;
}
