/* A tiny unit-test harness: each check prints one PASS or FAIL line,
 * which tests/run.sh counts. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smp.h"

static int unit_failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("PASS %s\n", name);				\
	else {								\
		printf("FAIL %s (%s:%d: %s)\n", name, __FILE__,		\
		    __LINE__, #cond);					\
		unit_failed++;						\
	}								\
} while (0)

#define CHECK_INT(name, got, want) do {					\
	long long g_ = (got), w_ = (want);				\
	if (g_ == w_)							\
		printf("PASS %s\n", name);				\
	else {								\
		printf("FAIL %s (%s:%d: got %lld, want %lld)\n", name,	\
		    __FILE__, __LINE__, g_, w_);			\
		unit_failed++;						\
	}								\
} while (0)

#define CHECK_STR(name, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		printf("PASS %s\n", name);				\
	else {								\
		printf("FAIL %s (%s:%d: got \"%s\", want \"%s\")\n",	\
		    name, __FILE__, __LINE__, g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
		unit_failed++;						\
	}								\
} while (0)

#define UNIT_EXIT() return unit_failed ? 1 : 0

/* Helpers the tests share; unused ones are fine. */
#define UNIT_HELPER static __attribute__((unused))

UNIT_HELPER struct smp_date
D(int y, int m, int d)
{
	return (struct smp_date){ y, m, d };
}

/* A buffer for a date or a time as text for CHECK_STR: one of a small
 * ring, so several fit in one check. */
UNIT_HELPER char *
unit_slot(void)
{
	static char ring[8][17];	/* a time's 16 characters and a NUL */
	static int i;

	return ring[i++ % 8];
}

UNIT_HELPER const char *
fmt(struct smp_date d)
{
	char *b = unit_slot();

	smp_date_format(d, b);
	return b;
}

UNIT_HELPER const char *
fmt_time(struct smp_time t)
{
	char *b = unit_slot();

	smp_time_format(t, b);
	return b;
}


/* Writes text to a new file in /tmp; the path goes into buf. */
UNIT_HELPER void
write_temp(const char *text, char *buf, size_t size)
{
	int fd;
	size_t len = strlen(text);

	snprintf(buf, size, "/tmp/smp-unit-XXXXXX");
	fd = mkstemp(buf);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		perror("smp unit test: temp file");
		exit(2);
	}
	close(fd);
}

#endif
