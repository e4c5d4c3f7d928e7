/* smp-plan: plan, book, screen and quote a client's course. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static const char *prog = "smp-plan";

enum { OPT_FROM = SMP_OPT_FIRST_OWN, OPT_SESSIONS, OPT_FORCE };

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smp-plan [OPTIONS] CLIENT.yaml\n"
	    "Plans and books the client's course of treatments and prints it.\n\n"
	    "  -c, --clinic FILE        the clinic file\n"
	    "      --today DATE         act as of DATE (YYYY-MM-DD; also $SMP_TODAY)\n"
	    "  -f, --format FMT         text (default), tsv or json\n"
	    "      --ics FILE           also write the course as iCalendar (- = stdout)\n"
	    "      --from DATE          the first session on or after DATE\n"
	    "                           (default: the day after today)\n"
	    "      --sessions N         a course of N treatments (2..4)\n"
	    "  -p, --practitioner ID    book with this practitioner\n"
	    "  -d, --dir DIR            the other clients' files (default: the\n"
	    "                           client file's folder)\n"
	    "  -q, --quote              each session's price and the total\n"
	    "  -w, --write              store the planned sessions in the file\n"
	    "      --force              plan despite a contraindication\n"
	    "  -h, --help               this help\n"
	    "  -V, --version            the version\n"
	    "Exit: 0 ok, 1 a session cannot be placed, 2 usage, 3 a\n"
	    "contraindication, 65 invalid file, 66 no file, 73 cannot write,\n"
	    "75 file locked or changed: try again.\n"
	    "See smp-plan(1).\n");
}

static int
bad_arg(const char *opt, const char *arg, const char *what)
{
	char q[80];

	fprintf(stderr, "%s: %s %s is not %s\n", prog, opt,
	    smp_quote(q, sizeof(q), arg), what);
	return SMP_USAGE;
}

static int
write_ics(const struct smp_cli *cli, const struct smp_plan_run *r,
    struct smp_diag *d)
{
	struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);
	int rc = smp_plan_events(cal, r, &cli->clinic, smp_last_modified(
	    r->client.mtime, cli->sde, cli->dtstamp), d);

	if (rc == SMP_OK)
		rc = smp_cli_write_calendar(cli, cal, d);
	smp_cal_free(cal);
	return rc;
}

static int
plan(struct smp_cli *cli, struct smp_plan_request *rq, int quote)
{
	struct smp_plan_run r;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	rc = smp_plan_run(rq, &r, &d);
	if (rc == SMP_REFUSED)
		smp_plan_print_contra(stderr, prog, &r, 0);
	else if (rc != SMP_OK)
		smp_cli_fail(prog, &d, rc);
	else {
		smp_plan_print_contra(stderr, prog, &r, 1);
		if (cli->ics != NULL && (rc = write_ics(cli, &r, &d)) != SMP_OK)
			smp_cli_fail(prog, &d, rc);
	}
	if (rc == SMP_OK && quote && cli->format != SMP_PLAN_TEXT &&
	    !smp_plan_has_prices(&cli->clinic))
		fprintf(stderr, "%s: note: the clinic file sets no prices; "
		    "nothing to quote\n", prog);
	if (rc == SMP_OK && smp_cli_stdout_free(cli))
		smp_plan_print(stdout, cli->format, &r, &cli->clinic, quote);
	smp_plan_run_free(&r);
	return rc;
}

struct args {
	struct smp_plan_request rq;
	int quote, has_from;
};

/* Options of smp-plan's own; 0 if opt is not one of them. */
static int
own_option(int opt, const char *arg, struct args *a, int *rc)
{
	struct smp_plan_request *rq = &a->rq;

	switch (opt) {
	case OPT_FROM:
		if (smp_date_parse(arg, &rq->opts.from) != 0)
			*rc = bad_arg("--from", arg, "a date (YYYY-MM-DD)");
		a->has_from = 1;
		return 1;
	case OPT_SESSIONS:
		if ((rq->opts.sessions = smp_cli_number(arg, 2, 4)) < 0)
			*rc = bad_arg("--sessions", arg, "a number from 2 to 4");
		return 1;
	case OPT_FORCE:
		rq->force = 1;
		return 1;
	case 'p':
		rq->opts.practitioner = arg;
		return 1;
	case 'd':
		rq->dir = arg;
		return 1;
	case 'q':
		a->quote = 1;
		return 1;
	case 'w':
		rq->write = 1;
		return 1;
	default:
		return 0;
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", 1, NULL, OPT_FROM }, { "sessions", 1, NULL, OPT_SESSIONS },
		{ "force", 0, NULL, OPT_FORCE }, { "practitioner", 1, NULL, 'p' },
		{ "dir", 1, NULL, 'd' }, { "quote", 0, NULL, 'q' },
		{ "write", 0, NULL, 'w' }, SMP_CLI_LONGOPTS, { 0 }
	};
	struct smp_cli cli = { 0 };
	struct args a = { 0 };
	struct smp_diag d;
	int opt, rc = SMP_OK;

	smp_cli_start(argv, prog);
	smp_diag_clear(&d);
	while ((opt = getopt_long(argc, argv, SMP_CLI_SHORTOPTS "p:d:qw",
	    longopts, NULL)) != -1) {
		if (smp_cli_option(&cli, opt, optarg) ||
		    own_option(opt, optarg, &a, &rc)) {
			if (rc != SMP_OK)
				return rc;
			continue;
		}
		if (opt == 'h' || opt == 'V') {
			if (opt == 'h')
				usage(stdout);
			else
				printf("smp-plan (smp-tools) %s\n", SMP_VERSION);
			return SMP_OK;
		}
		usage(stderr);
		return SMP_USAGE;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "%s: %s\n", prog, argc == optind ?
		    "no client file given" : "one client file at a time");
		usage(stderr);
		return SMP_USAGE;
	}
	if ((rc = smp_cli_format(&cli, smp_plan_formats, &d)) != SMP_OK ||
	    (rc = smp_cli_setup(&cli, smp_getenv, time(NULL), &d)) != SMP_OK) {
		smp_cli_free(&cli);
		return smp_cli_fail(prog, &d, rc);
	}
	a.rq.path = argv[optind];
	a.rq.clinic = &cli.clinic;
	if (!a.has_from)
		a.rq.opts.from = smp_date_add_days(cli.today, 1);
	rc = plan(&cli, &a.rq, a.quote);
	if (smp_close_output(stdout, "standard output", &d) != SMP_OK)
		rc = smp_cli_fail(prog, &d, SMP_CANTWRITE);
	smp_cli_free(&cli);
	return rc;
}
