/*
 * ptyrun: run a command on a pseudo-terminal, type INPUT at it, and copy
 * everything it shows to standard output.  Exits with the command's status
 * (124 if it ran past the time limit, 60 seconds unless -t says; on
 * standard error it then tells how far it got and what the command was
 * doing).  The tests use it to drive the interactive questions as a
 * person at a terminal would.  The limit only stops a hang: a test waits
 * only as long as the program takes, so it is set far above that.
 *
 *	ptyrun [-t SECONDS] INPUT COMMAND [ARG...]
 *
 * INPUT is typed one line at a time; "\x04" in it is Ctrl-D.  Each line is
 * typed once the command waits for it: once the terminal has echoed the
 * line before and the command has shown something more, and a process of
 * the command is blocked reading its standard input (seen in
 * /proc/PID/syscall), with nothing more to show.  So a test waits only as
 * long as the program takes, however slow (valgrind, a busy machine).  A
 * program that reads again without showing anything gets its line after a
 * second; where /proc does not tell, a line is typed after 150 ms of quiet.
 */
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static pid_t child;
static volatile sig_atomic_t typed;	/* lines typed so far */
static int secs = 60;

/* Write s to standard error, from the signal handler too. */
static void
say(const char *s)
{
	ssize_t n = write(2, s, strlen(s));

	(void)n;
}

/* n in decimal into buf (at least 24 bytes), without stdio. */
static const char *
num(long n, char *buf)
{
	char *p = buf + 23;

	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0 && p > buf);
	return p;
}

/* Copy the first line of /proc/PID/NAME to standard error. */
static void
proc(const char *name)
{
	char path[64] = "/proc/", b[24], buf[256];
	ssize_t n;
	int f;

	strcat(path, num((long)child, b));
	strcat(path, "/");
	strcat(path, name);
	say("  ");
	say(name);
	say(": ");
	if ((f = open(path, O_RDONLY)) >= 0) {
		if ((n = read(f, buf, sizeof buf - 1)) > 0) {
			buf[n] = '\0';
			buf[strcspn(buf, "\n")] = '\0';
			say(buf);
		}
		close(f);
	}
	say("\n");
}

/* Past the time limit: say where the command stood, stop it, 124. */
static void
timeout(int sig)
{
	char b[24];

	(void)sig;
	say("ptyrun: the command had not ended after ");
	say(num(secs, b));
	say(" s, with ");
	say(num(typed, b));
	say(" lines typed\n");
	proc("stat");
	proc("syscall");
	proc("wchan");
	kill(child, SIGKILL);
	_exit(124);
}

/* Copy what the child shows until it is quiet for ms milliseconds. */
static int
drain(int fd, int ms)
{
	char buf[4096];
	fd_set r;
	struct timeval tv;
	ssize_t n;

	for (;;) {
		FD_ZERO(&r);
		FD_SET(fd, &r);
		tv.tv_sec = 0;
		tv.tv_usec = ms * 1000;
		if (select(fd + 1, &r, NULL, NULL, &tv) <= 0)
			return 0;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return -1;	/* EIO: the child has gone */
		fwrite(buf, 1, (size_t)n, stdout);
		/* At once: on a time-out, _exit must not lose what was shown,
		 * since that is what tells why it hung. */
		fflush(stdout);
	}
}

/*
 * Whether pid or a process below it is blocked in read(0, ...): 1 yes,
 * 0 no, -1 when /proc does not say (no /proc/PID/syscall).
 */
static int
reading(pid_t pid, int depth)
{
	char path[64], buf[4096], *p, *end;
	ssize_t n;
	long nr, fd, kid;
	int f;

	snprintf(path, sizeof path, "/proc/%ld/syscall", (long)pid);
	if ((f = open(path, O_RDONLY)) < 0)
		return -1;
	n = read(f, buf, sizeof buf - 1);
	close(f);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	nr = strtol(buf, &p, 10);
	if (p != buf && *p == ' ') {
		fd = strtol(p + 1, &end, 16);
		if (nr == SYS_read && fd == 0)
			return 1;
	}
	if (depth > 8)
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid,
	    (long)pid);
	if ((f = open(path, O_RDONLY)) < 0)
		return 0;
	n = read(f, buf, sizeof buf - 1);
	close(f);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = buf; (kid = strtol(p, &end, 10)) > 0; p = end) {
		if (reading((pid_t)kid, depth + 1) == 1)
			return 1;
	}
	return 0;
}

/*
 * Copy what the child shows until it waits for the next line: echo is how
 * many bytes the terminal echoes of the line typed before (-1 at the
 * start, when there was none).  0 when it waits, -1 when it has gone.
 */
static int
await(int fd, long echo)
{
	char buf[4096];
	fd_set r;
	struct timeval tv;
	ssize_t n;
	long shown = 0;
	int idle = 0, s;

	for (;;) {
		FD_ZERO(&r);
		FD_SET(fd, &r);
		tv.tv_sec = 0;
		tv.tv_usec = 5000;
		s = select(fd + 1, &r, NULL, NULL, &tv);
		if (s > 0) {
			n = read(fd, buf, sizeof buf);
			if (n <= 0)
				return -1;	/* EIO: the child has gone */
			fwrite(buf, 1, (size_t)n, stdout);
			fflush(stdout);	/* see drain */
			shown += n;
			idle = 0;
			continue;
		}
		if (s < 0 && errno != EINTR)
			return -1;
		idle += 5;
		switch (reading(child, 0)) {
		case -1:
			if (idle >= 150)
				return 0;
			break;
		case 1:
			if (echo < 0 || shown > echo || idle >= 1000)
				return 0;
			break;
		}
	}
}

int
main(int argc, char **argv)
{
	struct termios tio;
	const char *in, *nl, *p;
	long echo;
	int fd, status;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		secs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun [-t SECONDS] INPUT COMMAND "
		    "[ARG...]\n");
		return 2;
	}
	memset(&tio, 0, sizeof tio);
	cfmakeraw(&tio);
	tio.c_lflag = ICANON | ECHO | ISIG;
	tio.c_iflag = ICRNL;
	tio.c_oflag = OPOST | ONLCR;
	tio.c_cflag = CS8 | CREAD;
	tio.c_cc[VEOF] = 4;
	tio.c_cc[VINTR] = 3;
	tio.c_cc[VERASE] = 0x7f;
	tio.c_cc[VMIN] = 1;
	child = forkpty(&fd, NULL, &tio, NULL);
	if (child < 0) {
		perror("ptyrun: forkpty");
		return 1;
	}
	if (child == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	signal(SIGALRM, timeout);
	alarm((unsigned)secs);
	in = argv[1];
	for (echo = -1; *in != '\0'; in = nl) {
		if (await(fd, echo) < 0)
			break;
		nl = strpbrk(in, "\n\004");
		nl = nl != NULL ? nl + 1 : in + strlen(in);
		if (write(fd, in, (size_t)(nl - in)) < 0)
			break;
		typed++;
		/* Echoed as typed, Enter as CR LF, Ctrl-D not at all. */
		for (echo = 0, p = in; p < nl; p++)
			echo += *p == '\n' ? 2 : *p != '\004';
	}
	while (drain(fd, 1000) == 0)
		if (waitpid(child, &status, WNOHANG) == child)
			goto done;
	waitpid(child, &status, 0);
done:
	drain(fd, 10);
	fflush(stdout);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
