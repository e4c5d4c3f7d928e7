/* smp-remind: what is due across the clinic, and its calendar feed. */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "remind.h"

static const char *prog = "smp-remind";

enum { OPT_DAYS = SMP_OPT_FIRST_OWN, OPT_KINDS, OPT_ANONYMOUS };

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smp-remind [OPTIONS] [PATH...]\n"
	    "What is due from today through --days: appointments, assessments,\n"
	    "sessions to book, refreshes.  PATHs are client files or folders\n"
	    "(searched for *.yaml and *.yml; default .); - reads paths from stdin.\n\n"
	    "  -c, --clinic FILE   the clinic file\n"
	    "      --today DATE    act as of DATE (YYYY-MM-DD; also $SMP_TODAY)\n"
	    "      --days N        the window: today through today + N (default 14)\n"
	    "      --kinds LIST    only these kinds: appointment, assessment,\n"
	    "                      book-next, refresh, refresh-overdue, faded\n"
	    "  -f, --format FMT    tsv (default), json or text\n"
	    "      --anonymous     the client id where name, email and phone would be\n"
	    "      --ics FILE      also write the clinic's calendar feed (- = stdout)\n"
	    "  -j, --jobs N        read files on N threads (default: all processors)\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n"
	    "Exit: 0 ok, 1 nothing due, 2 usage, 65 invalid file, 66 cannot open,\n"
	    "73 cannot write.  See smp-remind(1).\n");
}

static int
bad_usage(const char *opt, const char *arg, const char *want)
{
	fprintf(stderr, "%s: %s \"%.40s\" is not %s\n", prog, opt, arg, want);
	return SMP_USAGE;
}

/* The options of smp-remind's own; SMP_OK, SMP_USAGE, or -1 to exit 0. */
static int
own_option(int opt, const char *arg, struct smp_remind_opts *o)
{
	struct smp_diag d;

	switch (opt) {
	case OPT_DAYS:
		if ((o->days = smp_cli_number(arg, 0, 3660)) < 0)
			return bad_usage("--days", arg, "a number of days "
			    "(0 to 3660)");
		return SMP_OK;
	case OPT_KINDS:
		if (smp_remind_kinds_parse(arg, &o->kinds, &d) != SMP_OK)
			return smp_cli_fail(prog, &d, SMP_USAGE);
		return SMP_OK;
	case OPT_ANONYMOUS:
		o->anonymous = 1;
		return SMP_OK;
	case 'j':
		if ((o->jobs = smp_cli_number(arg, 1, 256)) < 0)
			return bad_usage("--jobs", arg, "a number of threads "
			    "(1 to 256)");
		return SMP_OK;
	case 'h':
		usage(stdout);
		return -1;
	case 'V':
		printf("smp-remind (smp-tools) %s\n", SMP_VERSION);
		return -1;
	default:
		usage(stderr);
		return SMP_USAGE;
	}
}

/* Where long listings spill: $TMPDIR if it is a folder we may write. */
static const char *
tmpdir(void)
{
	const char *t = smp_getenv("TMPDIR");

	return t != NULL && t[0] != '\0' && access(t, W_OK | X_OK) == 0 ? t :
	    "/tmp";
}

static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "days", 1, NULL, OPT_DAYS }, { "kinds", 1, NULL, OPT_KINDS },
		{ "anonymous", 0, NULL, OPT_ANONYMOUS },
		{ "jobs", 1, NULL, 'j' }, SMP_CLI_LONGOPTS, { 0 }
	};
	static char *here[] = { ".", NULL };
	struct smp_cli cli = { 0 };
	struct smp_remind_opts o = { .days = 14, .kinds = SMP_R_ALL,
		.prog = prog, .jobs = default_jobs() };
	struct smp_diag d;
	int opt, rc;

	smp_cli_start(argv, prog);
	smp_diag_clear(&d);
	while ((opt = getopt_long(argc, argv, SMP_CLI_SHORTOPTS "j:", longopts,
	    NULL)) != -1)
		if (!smp_cli_option(&cli, opt, optarg) &&
		    (rc = own_option(opt, optarg, &o)) != SMP_OK)
			return rc < 0 ? SMP_OK : rc;
	if ((rc = smp_cli_format(&cli, smp_remind_formats, &d)) != SMP_OK ||
	    (rc = smp_cli_setup(&cli, smp_getenv, time(NULL), &d)) != SMP_OK) {
		smp_cli_free(&cli);
		return smp_cli_fail(prog, &d, rc);
	}
	o.clinic = &cli.clinic;
	o.today = cli.today;
	o.format = cli.format;
	o.ics = cli.ics;
	o.sde = cli.sde;
	o.dtstamp = cli.dtstamp;
	o.tmpdir = tmpdir();
	rc = smp_remind_run(&o, optind < argc ? argv + optind : here,
	    optind < argc ? (size_t)(argc - optind) : 1, stdin, stdout, stderr);
	if (smp_close_output(stdout, "standard output", &d) != SMP_OK)
		rc = smp_cli_fail(prog, &d, SMP_CANTWRITE);
	smp_cli_free(&cli);
	return rc;
}
