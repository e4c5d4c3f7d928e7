/*
 * The options every tool shares (tools.md): the clinic file, the date to
 * act as of, the output format and the calendar file.  The environment
 * comes in as a lookup function so that the library reads no globals.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"

int
smp_cli_option(struct smp_cli *cli, int opt, const char *arg)
{
	switch (opt) {
	case 'c':
		cli->clinic_path = arg;
		return 1;
	case SMP_OPT_TODAY:
		cli->today_arg = arg;
		return 1;
	case 'f':
		cli->format_arg = arg;
		return 1;
	case SMP_OPT_ICS:
		cli->ics = arg;
		return 1;
	default:
		return 0;
	}
}

int
smp_cli_format(struct smp_cli *cli, const char *const *names,
    struct smp_diag *d)
{
	const char *f = cli->format_arg ? cli->format_arg : names[0];

	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(f, names[i]) == 0) {
			cli->format = i;
			return SMP_OK;
		}
	return smp_diag_set(d, SMP_USAGE, NULL, 0, 0, NULL,
	    "unknown format \"%.40s\" (try --help)", f);
}

int
smp_cli_setup(struct smp_cli *cli, const char *(*env)(const char *),
    time_t now, struct smp_diag *d)
{
	char path[1024], zone[128];
	int must_exist, rc;
	const char *today = cli->today_arg ? cli->today_arg : env("SMP_TODAY");

	cli->sde = env("SOURCE_DATE_EPOCH");
	if ((rc = smp_dtstamp(cli->sde, now, &cli->dtstamp, d)) != SMP_OK)
		return rc;
	if (today != NULL && today[0] != '\0' &&
	    smp_date_parse(today, &cli->today) != 0)
		return smp_diag_set(d, SMP_USAGE, NULL, 0, 0, NULL,
		    "%s \"%.40s\" is not a date (YYYY-MM-DD)",
		    cli->today_arg ? "--today" : "$SMP_TODAY", today);
	smp_clinic_locate(cli->clinic_path, env, path, sizeof(path),
	    &must_exist);
	smp_system_zone(zone, sizeof(zone));
	rc = smp_clinic_load(path, must_exist, env("TZ"), zone, &cli->clinic, d);
	if (rc != SMP_OK)
		return rc;
	cli->have_clinic = 1;
	if ((today == NULL || today[0] == '\0') &&
	    smp_date_today(cli->clinic.timezone, now, &cli->today) != 0)
		return smp_diag_set(d, SMP_INVALID, cli->clinic.path, 0, 0,
		    "timezone", "cannot tell today's date in %s",
		    cli->clinic.timezone);
	return SMP_OK;
}

void
smp_cli_free(struct smp_cli *cli)
{
	if (cli->have_clinic)
		smp_clinic_free(&cli->clinic);
	cli->have_clinic = 0;
	smp_cal_cleanup();
}

/* The process-wide settings every tool wants before anything else:
 * they belong to main, which calls this first. */
void
smp_cli_start(char **argv, const char *prog)
{
	argv[0] = (char *)prog;	/* getopt's messages name the tool */
	/* past `ulimit -f`, fail the write (and clean up) instead of dying */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");	/* display widths of names */
}

const char *
smp_getenv(const char *name)
{
	return getenv(name);
}

int
smp_cli_fail(const char *prog, const struct smp_diag *d, int rc)
{
	smp_diag_print(stderr, prog, d);
	return rc;
}

int
smp_cli_number(const char *arg, int lo, int hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	return (int)v;
}

int
smp_cli_write_calendar(const struct smp_cli *cli, struct smp_cal *cal,
    struct smp_diag *d)
{
	FILE *fp;
	int rc;

	if ((rc = smp_open_output(cli->ics, &fp, d)) != SMP_OK)
		return rc;
	if ((rc = smp_cal_write(cal, fp, d)) != SMP_OK)
		snprintf(d->file, sizeof(d->file), "%s", cli->ics);
	if (smp_close_output(fp, cli->ics, d) != SMP_OK && rc == SMP_OK)
		rc = SMP_CANTWRITE;
	return rc;
}

int
smp_cli_stdout_free(const struct smp_cli *cli)
{
	return cli->ics == NULL || strcmp(cli->ics, "-") != 0;
}
