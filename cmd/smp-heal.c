/* smp-heal: where a client's healing stands today. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "smp.h"

static const char *prog = "smp-heal";

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smp-heal [OPTIONS] CLIENT.yaml...\n"
	    "       smp-heal --log TEXT [--session N] [--today DATE] CLIENT.yaml\n"
	    "Where the healing after the latest treatment stands; with several\n"
	    "files, who is healing now.\n\n"
	    "  -c, --clinic FILE   the clinic file\n"
	    "      --today DATE    act as of DATE (YYYY-MM-DD; also $SMP_TODAY)\n"
	    "  -f, --format FMT    text (default), tsv or json\n"
	    "      --ics FILE      also write the milestones as iCalendar (- = stdout)\n"
	    "  -s, --session N     the timeline of session N (one client only)\n"
	    "  -l, --log TEXT      add TEXT to the client's healing log, dated today\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n"
	    "Exit: 0 ok, 1 nothing found, 2 usage, 65 invalid file, 66 no file,\n"
	    "73 cannot write, 75 file locked or changed: try again.\n"
	    "See smp-heal(1).\n");
}

static const char *
env(const char *name)
{
	return getenv(name);
}

static int
fail(const struct smp_diag *d, int rc)
{
	smp_diag_print(stderr, prog, d);
	return rc;
}

/* Writes the calendar to --ics, or does nothing without it. */
static int
write_ics(const struct smp_cli *cli, struct smp_cal *cal, struct smp_diag *d)
{
	FILE *fp;
	int rc;

	if ((rc = smp_open_output(cli->ics, &fp, d)) != SMP_OK)
		return rc;
	rc = smp_cal_write(cal, fp, d);
	if (rc != SMP_OK)
		snprintf(d->file, sizeof(d->file), "%s", cli->ics);
	if (smp_close_output(fp, cli->ics, d) != SMP_OK && rc == SMP_OK)
		rc = SMP_CANTWRITE;
	return rc;
}

static int
one_client(struct smp_cli *cli, const char *path, int session)
{
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	if ((rc = smp_client_load(path, &cli->clinic, &c, &d)) != SMP_OK)
		return fail(&d, rc);
	rc = smp_heal_view(&c, &cli->clinic, session, cli->today, &v, &d);
	if (rc == SMP_OK && cli->ics != NULL) {
		struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);

		rc = smp_heal_events(cal, &c, &cli->clinic, &v,
		    smp_last_modified(c.mtime, cli->sde, cli->dtstamp), 0, &d);
		if (rc == SMP_OK)
			rc = write_ics(cli, cal, &d);
		smp_cal_free(cal);
	}
	if (rc == SMP_OK && (cli->ics == NULL || strcmp(cli->ics, "-") != 0))
		smp_heal_print(stdout, cli->format, &c, &v, cli->today);
	smp_client_free(&c);
	return rc == SMP_OK ? SMP_OK : fail(&d, rc);
}

static int
by_id(const void *a, const void *b)
{
	const struct smp_heal_row *x = a, *y = b;

	return strcmp(x->client->id, y->client->id);
}

/* Loads every client and keeps those healing today; worst status wins. */
static int
collect(struct smp_cli *cli, char **paths, int n, struct smp_client *clients,
    struct smp_heal_row *rows, size_t *nrows)
{
	int worst = SMP_OK;
	int stable = cli->clinic.protocol.healing.stable_day;

	for (int i = 0; i < n; i++) {
		struct smp_diag d;
		struct smp_healing_view v;
		int rc;

		smp_diag_clear(&d);
		if ((rc = smp_client_load(paths[i], &cli->clinic, &clients[i],
		    &d)) != SMP_OK) {
			fail(&d, rc);
			worst = rc > worst ? rc : worst;
			continue;
		}
		if (smp_heal_view(&clients[i], &cli->clinic, 0, cli->today,
		    &v, &d) == SMP_OK && v.day >= 0 && v.day <= stable) {
			rows[*nrows].client = &clients[i];
			rows[*nrows].view = v;
			(*nrows)++;
		}
	}
	qsort(rows, *nrows, sizeof(*rows), by_id);
	return worst;
}

static int
many_clients(struct smp_cli *cli, char **paths, int n)
{
	struct smp_client *clients = calloc((size_t)n, sizeof(*clients));
	struct smp_heal_row *rows = calloc((size_t)n, sizeof(*rows));
	size_t nrows = 0;
	struct smp_diag d;
	int rc, worst;

	if (clients == NULL || rows == NULL)
		abort();
	smp_diag_clear(&d);
	worst = collect(cli, paths, n, clients, rows, &nrows);
	rc = SMP_OK;
	if (cli->ics != NULL) {
		struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);

		for (size_t i = 0; i < nrows && rc == SMP_OK; i++)
			rc = smp_heal_events(cal, rows[i].client, &cli->clinic,
			    &rows[i].view, smp_last_modified(rows[i].client->mtime,
			    cli->sde, cli->dtstamp), 1, &d);
		if (rc == SMP_OK)
			rc = write_ics(cli, cal, &d);
		smp_cal_free(cal);
	}
	if (rc == SMP_OK && (cli->ics == NULL || strcmp(cli->ics, "-") != 0))
		smp_heal_print_list(stdout, cli->format, rows, nrows);
	for (int i = 0; i < n; i++)
		if (clients[i].doc != NULL)
			smp_client_free(&clients[i]);
	free(clients);
	free(rows);
	if (rc != SMP_OK)
		return fail(&d, rc);
	if (worst != SMP_OK)
		return worst;
	return nrows == 0 ? SMP_NONE : SMP_OK;
}

/* --log: one new healing-log entry, written under the file's lock. */
static int
log_note(struct smp_cli *cli, const char *path, int session, const char *note)
{
	struct smp_log_entry e = { cli->today, session, note };
	struct smp_diag d;
	char date[11];
	int rc;

	smp_diag_clear(&d);
	if ((rc = smp_log_write(path, &cli->clinic, &e, &d)) != SMP_OK)
		return fail(&d, rc);
	smp_date_format(e.date, date);
	if (e.session > 0)
		printf("%s: logged on %s for session %d\n", path, date, e.session);
	else
		printf("%s: logged on %s\n", path, date);
	return SMP_OK;
}

static int
parse_session(const char *arg, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > 9999)
		return -1;
	*out = (int)v;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "session", 1, NULL, 's' }, { "log", 1, NULL, 'l' },
		SMP_CLI_LONGOPTS, { 0 }
	};
	struct smp_cli cli = { 0 };
	struct smp_diag d;
	int opt, session = 0, rc;
	const char *note = NULL;

	/* past `ulimit -f`, fail the write (and clean up) instead of dying */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");	/* widths of names */
	smp_diag_clear(&d);
	while ((opt = getopt_long(argc, argv, SMP_CLI_SHORTOPTS "s:l:", longopts,
	    NULL)) != -1) {
		if (smp_cli_option(&cli, opt, optarg))
			continue;
		switch (opt) {
		case 's':
			if (parse_session(optarg, &session) != 0) {
				fprintf(stderr, "%s: --session \"%s\" is not "
				    "a session number\n", prog, optarg);
				return SMP_USAGE;
			}
			break;
		case 'l':
			note = optarg;
			break;
		case 'h':
			usage(stdout);
			return SMP_OK;
		case 'V':
			printf("smp-heal (smp-tools) %s\n", SMP_VERSION);
			return SMP_OK;
		default:
			usage(stderr);
			return SMP_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || ((session > 0 || note) && argc > 1)) {
		fprintf(stderr, "%s: %s\n", prog, argc == 0 ?
		    "no client file given" : note ? "--log takes one client file" :
		    "--session takes one client file");
		usage(stderr);
		return SMP_USAGE;
	}
	if (note != NULL && (cli.ics != NULL || cli.format_arg != NULL)) {
		fprintf(stderr, "%s: --log writes the file; it takes no "
		    "--ics or --format\n", prog);
		return SMP_USAGE;
	}
	if ((rc = smp_cli_format(&cli, smp_heal_formats, &d)) != SMP_OK ||
	    (rc = smp_cli_setup(&cli, env, time(NULL), &d)) != SMP_OK) {
		smp_cli_free(&cli);
		return fail(&d, rc);
	}
	if (note != NULL)
		rc = log_note(&cli, argv[0], session, note);
	else if (argc == 1)
		rc = one_client(&cli, argv[0], session);
	else
		rc = many_clients(&cli, argv, argc);
	if (smp_close_output(stdout, "standard output", &d) != SMP_OK)
		rc = fail(&d, SMP_CANTWRITE);
	smp_cli_free(&cli);
	return rc;
}
