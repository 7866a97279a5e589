/*
 * ptyrun: run a command on a pseudo-terminal, type INPUT at it, and copy
 * everything it shows to standard output.  Exits with the command's status
 * (124 if it ran past the time limit).  The tests use it to drive the
 * interactive questions as a person at a terminal would.
 *
 *	ptyrun [-t SECONDS] INPUT COMMAND [ARG...]
 *
 * INPUT is typed one line at a time, each once the command has been quiet
 * for a moment; "\x04" in it is Ctrl-D.
 */
#include <sys/select.h>
#include <sys/wait.h>

#include <errno.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static pid_t child;

static void
timeout(int sig)
{
	(void)sig;
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

int
main(int argc, char **argv)
{
	struct termios tio;
	const char *in, *nl;
	int fd, status, secs = 10;

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
	while (*in != '\0') {
		if (drain(fd, 150) < 0)
			break;
		nl = strpbrk(in, "\n\004");
		nl = nl != NULL ? nl + 1 : in + strlen(in);
		if (write(fd, in, (size_t)(nl - in)) < 0)
			break;
		in = nl;
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
