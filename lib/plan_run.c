/*
 * One run of smp-plan.  With --write the client file stays locked from
 * the read to the rename, so the plan is made from exactly the bytes it
 * replaces; without it nothing is locked and nothing written.
 */
#include <string.h>
#include <sys/stat.h>

#include "plan.h"

/* The folder of path: where the other clients are by default. */
static void
folder_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

static int
plan_loaded(const struct smp_plan_request *rq, struct smp_plan_run *out,
    struct smp_diag *d)
{
	struct smp_book book;
	char dir[4096];
	int rc;

	if ((rc = smp_client_load(rq->path, rq->clinic, &out->client, d)))
		return rc;
	out->ncontra = smp_plan_screen(&out->client, rq->clinic, out->contra,
	    SMP_MAX_CONTRA);
	if (out->ncontra > 0 && !rq->force)
		return smp_diag_set(d, SMP_REFUSED, rq->path, 0, 0, NULL,
		    "a contraindication; no plan");
	if ((rc = smp_book_init(&book, rq->clinic, d)) != SMP_OK)
		return rc;
	/* no slot is asked for before --from, nor a kept session; a day
	 * more covers a client east of the clinic */
	book.horizon = smp_date_add_days(rq->opts.from, -2);
	if (rq->dir == NULL)
		folder_of(rq->path, dir, sizeof(dir));
	else
		snprintf(dir, sizeof(dir), "%s", rq->dir);
	rc = smp_book_dir(&book, dir, &out->client, d);
	if (rc == SMP_OK)
		rc = smp_plan_course(&out->client, rq->clinic, &rq->opts, &book,
		    &out->plan, d);
	smp_book_free(&book);
	return rc;
}

/* Splices, checks and replaces; a plan that changes nothing is not
 * written, so the file keeps its time. */
static int
store(const struct smp_plan_request *rq, struct smp_plan_run *out,
    struct smp_file *f, struct smp_diag *d)
{
	struct smp_buf b = { 0 };
	size_t len;
	const char *old = smp_doc_bytes(out->client.doc, &len);
	struct stat st;
	int rc = smp_plan_splice(&out->client, rq->clinic, &out->plan, &b, d);

	if (rc == SMP_OK && (b.len != len || memcmp(b.data, old, len) != 0)) {
		if ((rc = smp_plan_reads_back(&out->client, &out->plan,
		    rq->clinic, &b, d)) == SMP_OK)
			rc = smp_file_replace(f, b.data, b.len, d);
		if (rc == SMP_OK) {
			out->written = 1;
			if (stat(rq->path, &st) == 0)
				out->client.mtime = st.st_mtime;
		}
	}
	smp_buf_free(&b);
	return rc;
}

int
smp_plan_run(const struct smp_plan_request *rq, struct smp_plan_run *out,
    struct smp_diag *d)
{
	struct smp_file f;
	int rc;

	memset(out, 0, sizeof(*out));
	out->plan.practitioner = -1;
	if (!rq->write)
		return plan_loaded(rq, out, d);
	if ((rc = smp_file_lock(rq->path, SMP_LOCK_WAIT_MS, &f, d)) != SMP_OK)
		return rc;
	rc = plan_loaded(rq, out, d);
	if (rc == SMP_OK)
		rc = store(rq, out, &f, d);
	smp_file_unlock(&f);
	return rc;
}

void
smp_plan_run_free(struct smp_plan_run *r)
{
	smp_plan_free(&r->plan);
	if (r->client.doc != NULL)
		smp_client_free(&r->client);
}
