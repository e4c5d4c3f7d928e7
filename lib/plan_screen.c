/*
 * Contraindications: the client's conditions and medication against the
 * clinic's refuse and postpone lists.  People write "Keloid scars" or
 * "active infection" where the list says "keloid" or "active-infection",
 * so an entry matches as whole words, ASCII case-insensitive, with space,
 * '-' and '_' alike; "psoriasis" alone does not match "psoriasis-flare".
 */
#include <string.h>

#include "plan.h"

/* Bytes of a word: ASCII letters and digits, and any UTF-8 byte, so that
 * a match never ends inside a non-ASCII letter. */
static int
word_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch >= 0x80;
}

static int
separator(unsigned char ch)
{
	return ch == ' ' || ch == '-' || ch == '_';
}

static unsigned char
lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

/* 1 if word matches text at t (same length, then a word boundary). */
static int
match_at(const unsigned char *t, const unsigned char *w)
{
	for (; *w != '\0'; t++, w++) {
		if (separator(*w) ? !separator(*t) : lower(*t) != lower(*w))
			return 0;
	}
	return !word_byte(*t);
}

int
smp_word_match(const char *text, const char *word)
{
	const unsigned char *t = (const unsigned char *)text;

	if (word == NULL || word[0] == '\0')
		return 0;
	for (size_t i = 0; t[i] != '\0'; i++)
		if ((i == 0 || !word_byte(t[i - 1])) &&
		    match_at(t + i, (const unsigned char *)word))
			return 1;
	return 0;
}

/* The node of the i-th word under profile.key, for line and column. */
static const struct smp_node *
word_node(const struct smp_client *c, const char *key, size_t i)
{
	const struct smp_node *n = smp_map_get(smp_map_get(
	    smp_doc_root(c->doc), "profile"), key);

	if (n != NULL && n->type == SMP_SEQ && i < n->n)
		return n->kids[i];
	return n;
}

/* Adds the client's words under key that one of list matches. */
static size_t
screen_key(const struct smp_client *c, const char *key, const char **words,
    const char **list, int refuse, struct smp_contra *out, size_t n,
    size_t max)
{
	for (size_t i = 0; words != NULL && words[i] != NULL && n < max; i++)
		for (size_t j = 0; list != NULL && list[j] != NULL; j++) {
			const struct smp_node *at;

			if (!smp_word_match(words[i], list[j]))
				continue;
			at = word_node(c, key, i);
			out[n] = (struct smp_contra){ .refuse = refuse,
				.value = words[i], .word = list[j],
				.line = at ? at->line : 0, .col = at ? at->col : 0 };
			snprintf(out[n].key, sizeof(out[n].key),
			    "profile.%s[%zu]", key, i);
			n++;
			break;	/* one entry names the problem */
		}
	return n;
}

size_t
smp_plan_screen(const struct smp_client *c, const struct smp_clinic *k,
    struct smp_contra *out, size_t max)
{
	const struct smp_profile *p = &c->profile;
	size_t n = 0;

	n = screen_key(c, "conditions", p->conditions, k->refuse, 1, out, n, max);
	n = screen_key(c, "medication", p->medication, k->refuse, 1, out, n, max);
	n = screen_key(c, "conditions", p->conditions, k->postpone, 0, out, n,
	    max);
	n = screen_key(c, "medication", p->medication, k->postpone, 0, out, n,
	    max);
	return n;
}
