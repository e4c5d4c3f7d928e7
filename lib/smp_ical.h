/* Private to libsmp: the bridge between its dates and libical's, for the
 * files that use libical.  Not part of the public header, which keeps
 * libical's types out of every tool. */
#ifndef SMP_ICAL_H
#define SMP_ICAL_H

#include <libical/ical.h>

#include "smp.h"

/* d as a libical date (is_date set; the time fields are libical's -1). */
struct icaltimetype smp_date_ical(struct smp_date d);

#endif
