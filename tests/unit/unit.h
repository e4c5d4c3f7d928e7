/* A tiny unit-test harness: each check prints one PASS or FAIL line,
 * which tests/run.sh counts. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

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

#endif
