// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest side of `make pktcost`: opens a measuring window of the pktcost
 * plugin, sleeps, closes it, and prints the guest's own counters as they
 * were at both ends.
 *
 *   pktcost_mark TAG SECONDS FILE...
 *
 * Each FILE (/proc/interrupts, /proc/PID/net/dev, ...) is read into memory
 * just before the order, so the guest's counters and the plugin's are taken
 * microseconds apart; nothing is printed, forked or allocated while the
 * window is open.  Output:
 *
 *   == begin CLOCK_MONOTONIC-seconds
 *   -- FILE
 *   <contents>
 *   == end ...
 *
 * The order is a CPUID with EAX = 0x564e4f49, EBX = 1 (begin) or 2 (end),
 * RCX/RDX = address/length of TAG (see pktcost_plugin.c).  Without the
 * plugin it is an ordinary CPUID: the tool then still gives the guest's
 * counters (interrupts, softirqs, packets).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PKTCOST_MAGIC	0x564e4f49u
#define ORDER_BEGIN	1
#define ORDER_END	2
#define SNAP_SIZE	(1 << 20)

struct snap {
	char buf[SNAP_SIZE];
	size_t len;
	struct timespec at;
};

static struct snap snaps[2];

static void add(struct snap *s, const char *text, size_t n)
{
	if (n > sizeof(s->buf) - s->len) {
		fprintf(stderr, "pktcost_mark: more than %d bytes to keep\n", SNAP_SIZE);
		exit(1);
	}
	memcpy(s->buf + s->len, text, n);
	s->len += n;
}

static void add_file(struct snap *s, const char *path)
{
	char head[512];
	ssize_t r;
	int fd;

	snprintf(head, sizeof(head), "-- %s\n", path);
	add(s, head, strlen(head));
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(head, sizeof(head), "!! %s\n", strerror(errno));
		add(s, head, strlen(head));
		return;
	}
	/* /proc files come in pieces: read until end of file */
	while ((r = read(fd, s->buf + s->len, sizeof(s->buf) - s->len)) > 0)
		s->len += r;
	close(fd);
	if (s->len == sizeof(s->buf)) {
		fprintf(stderr, "pktcost_mark: %s does not fit\n", path);
		exit(1);
	}
	if (s->len && s->buf[s->len - 1] != '\n')
		add(s, "\n", 1);
}

static void order(uint32_t op, const char *tag)
{
	uint64_t a = PKTCOST_MAGIC, b = op, c = (uintptr_t)tag, d = strlen(tag);

	__asm__ volatile("cpuid" : "+a"(a), "+b"(b), "+c"(c), "+d"(d) : : "memory");
}

static void take(struct snap *s, uint32_t op, const char *tag,
		 char **files, int nfiles)
{
	int i;

	for (i = 0; i < nfiles; i++)
		add_file(s, files[i]);
	clock_gettime(CLOCK_MONOTONIC, &s->at);
	order(op, tag);
}

static void print(const char *name, const struct snap *s)
{
	printf("== %s %ld.%09ld\n", name, (long)s->at.tv_sec, s->at.tv_nsec);
	fwrite(s->buf, 1, s->len, stdout);
}

int main(int argc, char **argv)
{
	struct timespec nap;
	char *end;
	double secs;

	if (argc < 3) {
		fprintf(stderr, "usage: pktcost_mark TAG SECONDS FILE...\n");
		return 2;
	}
	secs = strtod(argv[2], &end);
	if (*end || secs <= 0 || secs > 3600) {
		fprintf(stderr, "pktcost_mark: bad SECONDS %s\n", argv[2]);
		return 2;
	}
	nap.tv_sec = (time_t)secs;
	nap.tv_nsec = (long)((secs - nap.tv_sec) * 1e9);

	take(&snaps[0], ORDER_BEGIN, argv[1], argv + 3, argc - 3);
	while (nanosleep(&nap, &nap) && errno == EINTR)
		;
	take(&snaps[1], ORDER_END, argv[1], argv + 3, argc - 3);

	print("begin", &snaps[0]);
	print("end", &snaps[1]);
	return fflush(stdout) ? 1 : 0;
}
