/*
 * floor DIR...: the least any tool can do with a folder of client files:
 * find them as smp-remind does (recursively, *.yaml and *.yml, no dot
 * names, no symlinked folders), read each, and run libyaml's parser over
 * it to the end, on one thread.  Nothing else: no tree, no checks.  The
 * bench divides smp-remind's time by this one.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

static char *buf;
static size_t cap;
static long files, events, failures;

static void
parse(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t r;
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	if (fd < 0) {
		failures++;
		return;
	}
	for (;;) {
		if (len == cap && (buf = realloc(buf, cap = cap ? 2 * cap : 65536))
		    == NULL)
			abort();
		if ((r = read(fd, buf + len, cap - len)) <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			failures++;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	files++;
}

static int
wanted(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

static void
walk(char *path, size_t len)
{
	DIR *dir = opendir(path);
	struct dirent *e;

	if (dir == NULL) {
		failures++;
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		unsigned char type = e->d_type;
		struct stat st;

		if (e->d_name[0] == '.' || len + n + 2 > 4096)
			continue;
		path[len] = '/';
		memcpy(path + len + 1, e->d_name, n + 1);
		if (type == DT_UNKNOWN && lstat(path, &st) == 0)
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ?
			    DT_LNK : DT_REG;
		if (type == DT_DIR)
			walk(path, len + 1 + n);
		else if (wanted(e->d_name) && type != DT_DIR)
			parse(path);
	}
	path[len] = '\0';
	closedir(dir);
}

int
main(int argc, char **argv)
{
	char path[4096];

	for (int i = 1; i < argc; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s", argv[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			walk(path, strlen(path));
		else
			parse(path);
	}
	printf("%ld files, %ld events, %ld failures\n", files, events, failures);
	free(buf);
	return failures != 0;
}
