/* smp-heal: where a client's healing stands today; the healing log. */
#include <getopt.h>
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

static int
one_client(struct smp_cli *cli, const char *path, int session)
{
	struct smp_client c;
	struct smp_healing_view v;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	if ((rc = smp_client_load(path, &cli->clinic, &c, &d)) != SMP_OK)
		return smp_cli_fail(prog, &d, rc);
	rc = smp_heal_view(&c, &cli->clinic, session, cli->today, &v, &d);
	if (rc == SMP_OK && cli->ics != NULL) {
		struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);

		rc = smp_heal_events(cal, &c, &cli->clinic, &v,
		    smp_last_modified(c.mtime, cli->sde, cli->dtstamp), 0, &d);
		if (rc == SMP_OK)
			rc = smp_cli_write_calendar(cli, cal, &d);
		smp_cal_free(cal);
	}
	if (rc == SMP_OK && smp_cli_stdout_free(cli))
		smp_heal_print(stdout, cli->format, &c, &v, cli->today);
	smp_client_free(&c);
	return rc == SMP_OK ? SMP_OK : smp_cli_fail(prog, &d, rc);
}

static void
report(const struct smp_diag *d, void *ctx)
{
	(void)ctx;
	smp_diag_print(stderr, prog, d);
}

/* The front desk's list: who is healing now, one line a client. */
static int
many_clients(struct smp_cli *cli, char **paths, int n)
{
	struct smp_heal_list l;
	struct smp_diag d;
	int rc = SMP_OK, worst;

	smp_diag_clear(&d);
	worst = smp_heal_list(paths, (size_t)n, &cli->clinic, cli->today, &l,
	    report, NULL);
	if (cli->ics != NULL) {
		struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);

		for (size_t i = 0; i < l.nrows && rc == SMP_OK; i++)
			rc = smp_heal_events(cal, l.rows[i].client, &cli->clinic,
			    &l.rows[i].view, smp_last_modified(
			    l.rows[i].client->mtime, cli->sde, cli->dtstamp), 1,
			    &d);
		if (rc == SMP_OK)
			rc = smp_cli_write_calendar(cli, cal, &d);
		smp_cal_free(cal);
	}
	if (rc == SMP_OK && smp_cli_stdout_free(cli))
		smp_heal_print_list(stdout, cli->format, l.rows, l.nrows);
	if (rc != SMP_OK)
		worst = smp_cli_fail(prog, &d, rc);
	else if (worst == SMP_OK && l.nrows == 0)
		worst = SMP_NONE;
	smp_heal_list_free(&l);
	return worst;
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
		return smp_cli_fail(prog, &d, rc);
	smp_date_format(e.date, date);
	if (e.session > 0)
		printf("%s: logged on %s for session %d\n", path, date, e.session);
	else
		printf("%s: logged on %s\n", path, date);
	return SMP_OK;
}

struct args {
	int session;
	const char *note;
};

/* The options; -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, struct smp_cli *cli, struct args *a)
{
	static const struct option longopts[] = {
		{ "session", 1, NULL, 's' }, { "log", 1, NULL, 'l' },
		SMP_CLI_LONGOPTS, { 0 }
	};
	int opt, files;

	while ((opt = getopt_long(argc, argv, SMP_CLI_SHORTOPTS "s:l:",
	    longopts, NULL)) != -1) {
		if (smp_cli_option(cli, opt, optarg))
			continue;
		switch (opt) {
		case 's':
			if ((a->session = smp_cli_number(optarg, 1, 9999)) > 0)
				break;
			fprintf(stderr, "%s: --session \"%.40s\" is not a "
			    "session number\n", prog, optarg);
			return SMP_USAGE;
		case 'l':
			a->note = optarg;
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
	files = argc - optind;
	if (files == 0 || ((a->session > 0 || a->note) && files > 1)) {
		fprintf(stderr, "%s: %s\n", prog, files == 0 ?
		    "no client file given" : a->note ?
		    "--log takes one client file" :
		    "--session takes one client file");
		usage(stderr);
		return SMP_USAGE;
	}
	if (a->note != NULL && (cli->ics != NULL || cli->format_arg != NULL)) {
		fprintf(stderr, "%s: --log writes the file; it takes no "
		    "--ics or --format\n", prog);
		return SMP_USAGE;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct smp_cli cli = { 0 };
	struct args a = { 0, NULL };
	struct smp_diag d;
	int rc;

	smp_cli_start(argv, prog);
	if ((rc = parse(argc, argv, &cli, &a)) >= 0)
		return rc;
	argc -= optind;
	argv += optind;
	smp_diag_clear(&d);
	if ((rc = smp_cli_format(&cli, smp_heal_formats, &d)) != SMP_OK ||
	    (rc = smp_cli_setup(&cli, smp_getenv, time(NULL), &d)) != SMP_OK) {
		smp_cli_free(&cli);
		return smp_cli_fail(prog, &d, rc);
	}
	if (a.note != NULL)
		rc = log_note(&cli, argv[0], a.session, a.note);
	else if (argc == 1)
		rc = one_client(&cli, argv[0], a.session);
	else
		rc = many_clients(&cli, argv, argc);
	if (smp_close_output(stdout, "standard output", &d) != SMP_OK)
		rc = smp_cli_fail(prog, &d, SMP_CANTWRITE);
	smp_cli_free(&cli);
	return rc;
}
