/* smp-aftercare: the personal aftercare sheet a client takes home. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "aftercare.h"

#ifndef SMP_LOCALEDIR
#define SMP_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *prog = "smp-aftercare";

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: smp-aftercare [OPTIONS] CLIENT.yaml\n"
	    "The dated aftercare sheet for the client's latest treatment, in the\n"
	    "client's language.\n\n"
	    "  -c, --clinic FILE   the clinic file\n"
	    "      --today DATE    act as of DATE (YYYY-MM-DD; also $SMP_TODAY)\n"
	    "  -f, --format FMT    text (default), markdown or html\n"
	    "      --ics FILE      also write the dated rules as iCalendar (- = stdout)\n"
	    "  -s, --session N     the sheet for session N\n"
	    "  -w, --width N       wrap text at N columns (default 72)\n"
	    "  -h, --help          this help\n"
	    "  -V, --version       the version\n"
	    "Language: the client's lang, else the clinic's; catalogs from\n"
	    "$SMP_LOCALEDIR, else the installed ones.\n"
	    "Exit: 0 ok, 1 no such treatment, 2 usage, 65 invalid file,\n"
	    "66 no file, 73 cannot write.\n"
	    "See smp-aftercare(1).\n");
}

static int
write_ics(const struct smp_cli *cli, const struct smp_sheet *s,
    const struct smp_words *w, struct smp_diag *d)
{
	struct smp_cal *cal = smp_cal_new(NULL, cli->dtstamp);
	int rc;

	rc = smp_sheet_events(cal, s, w, smp_last_modified(s->client->mtime,
	    cli->sde, cli->dtstamp), d);
	if (rc == SMP_OK)
		rc = smp_cli_write_calendar(cli, cal, d);
	smp_cal_free(cal);
	return rc;
}

static int
sheet(struct smp_cli *cli, const char *path, int session, int width)
{
	const char *dir = getenv("SMP_LOCALEDIR");
	struct smp_client c;
	struct smp_sheet s;
	struct smp_diag d;
	int rc;

	smp_diag_clear(&d);
	if ((rc = smp_client_load(path, &cli->clinic, &c, &d)) != SMP_OK)
		return smp_cli_fail(prog, &d, rc);
	rc = smp_sheet_build(&c, &cli->clinic, session, cli->today, &s, &d);
	if (rc == SMP_OK && smp_catalog_setup(dir != NULL && *dir != '\0' ?
	    dir : SMP_LOCALEDIR, c.lang) != 0)
		fprintf(stderr, "%s: warning: no C.UTF-8 locale; the sheet is "
		    "in English\n", prog);
	if (rc == SMP_OK && cli->ics != NULL)
		rc = write_ics(cli, &s, &smp_catalog, &d);
	if (rc == SMP_OK && smp_cli_stdout_free(cli))
		smp_sheet_print(stdout, cli->format, width, &s, &smp_catalog);
	smp_client_free(&c);
	return rc == SMP_OK ? SMP_OK : smp_cli_fail(prog, &d, rc);
}

static int
bad_number(const char *opt, const char *arg, const char *what)
{
	fprintf(stderr, "%s: %s \"%.40s\" is not %s\n", prog, opt, arg, what);
	return SMP_USAGE;
}

/* getopt's own messages name argv[0], which a wrapper (valgrind) changes. */
static int
bad_option(int opt, const char *arg)
{
	fprintf(stderr, "%s: %s \"%.40s\"\n", prog, opt == ':' ?
	    "no value given for" : "unknown option", arg);
	usage(stderr);
	return SMP_USAGE;
}

struct args {
	int session, width;
};

/* The options; -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, struct smp_cli *cli, struct args *a)
{
	static const struct option longopts[] = {
		{ "session", 1, NULL, 's' }, { "width", 1, NULL, 'w' },
		SMP_CLI_LONGOPTS, { 0 }
	};
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":" SMP_CLI_SHORTOPTS "s:w:",
	    longopts, NULL)) != -1) {
		if (smp_cli_option(cli, opt, optarg))
			continue;
		if (opt == 's' && (a->session = smp_cli_number(optarg, 1, 9999)) < 0)
			return bad_number("--session", optarg,
			    "a session number");
		if (opt == 'w' && (a->width = smp_cli_number(optarg,
		    SMP_SHEET_MIN_WIDTH, SMP_SHEET_MAX_WIDTH)) < 0)
			return bad_number("--width", optarg,
			    "a width from 20 to 1000");
		if (opt == 'h' || opt == 'V') {
			if (opt == 'h')
				usage(stdout);
			else
				printf("smp-aftercare (smp-tools) %s\n",
				    SMP_VERSION);
			return SMP_OK;
		}
		if (opt == '?' || opt == ':')
			return bad_option(opt, argv[optind - 1]);
	}
	if (argc - optind == 1)
		return -1;
	fprintf(stderr, "%s: %s\n", prog, argc == optind ?
	    "no client file given" : "one client file at a time");
	usage(stderr);
	return SMP_USAGE;
}

int
main(int argc, char **argv)
{
	struct smp_cli cli = { 0 };
	struct args a = { 0, SMP_SHEET_WIDTH };
	struct smp_diag d;
	int rc;

	smp_cli_start(argv, prog);
	if ((rc = parse(argc, argv, &cli, &a)) >= 0)
		return rc;
	smp_diag_clear(&d);
	if ((rc = smp_cli_format(&cli, smp_sheet_formats, &d)) != SMP_OK ||
	    (rc = smp_cli_setup(&cli, smp_getenv, time(NULL), &d)) != SMP_OK) {
		smp_cli_free(&cli);
		return smp_cli_fail(prog, &d, rc);
	}
	rc = sheet(&cli, argv[optind], a.session, a.width);
	if (smp_close_output(stdout, "standard output", &d) != SMP_OK)
		rc = smp_cli_fail(prog, &d, SMP_CANTWRITE);
	smp_cli_free(&cli);
	return rc;
}
