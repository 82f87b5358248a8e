/*
 * Running stages: one document's chain as a real pipe (fork/exec, pipes,
 * nothing on disk between stages), all its processes in one process group
 * so that a timeout kills the lot with one kill(-pgid). Every child asks
 * the kernel to kill it when the driver dies (PR_SET_PDEATHSIG): a driver
 * killed with -9 leaves no stage running on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "paragraf.h"

/* In the child, before exec: die with the driver, join the group, take
 * the default signal handling back, set up fds 0 1 2, close the rest. */
static void child_setup(pid_t parent, pid_t pgid, int in, int out, int err)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	setpgid(0, pgid);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	/* the driver keeps 0, 1, 2 open, so in, out, err are all above 2 */
	if ((in >= 0 && dup2(in, 0) < 0) || (out >= 0 && dup2(out, 1) < 0) ||
	    (err >= 0 && dup2(err, 2) < 0))
		_exit(127);
	close_range(3, ~0u, 0);
}

static void exec_stage(char *const argv[])
{
	execv(argv[0], argv);
	dprintf(2, "%s: cannot run '%s': %s\n", PG_PROG, argv[0], strerror(errno));
	_exit(127);
}

/* The feeder: writes the PDF's bytes into the first stage's stdin, then
 * ends. A stage that stops reading early is not the feeder's failure. */
static void feed_bytes(int fd, const pg_buf *b)
{
	signal(SIGPIPE, SIG_IGN);
	const char *p = b->data;
	size_t n = b->len;
	while (n > 0) {
		ssize_t put = write(fd, p, n);
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			_exit(errno == EPIPE ? 0 : 1);
		p += put;
		n -= (size_t)put;
	}
	_exit(0);
}

/* What the chain's first stage reads: one PDF (a path, or bytes on
 * stdin named source), or the paths of a batch. */
typedef struct chain_input {
	const char *source;
	pg_feed feed;
	char *const *paths;   /* PG_FEED_PATH: the files */
	size_t npaths;        /* more than one: a batch, after "--" */
	const pg_buf *bytes;  /* PG_FEED_SOURCE, PG_FEED_STDIN */
} chain_input;

static char **stage_argv(const pg_conf *c, size_t i, const chain_input *ci, const char *emit)
{
	const pg_stage *s = &c->stage[i];
	char **argv = pg_xcalloc(s->nopt + ci->npaths + 7, sizeof *argv);
	size_t n = 0;
	argv[n++] = s->path;
	for (size_t k = 0; k < s->nopt; k++)
		argv[n++] = s->opt[k];
	if (i == 0 && ci->feed == PG_FEED_SOURCE) {
		argv[n++] = "--source";
		argv[n++] = (char *)ci->source;
	}
	if (i == 0 && ci->feed != PG_FEED_PATH)
		argv[n++] = "-";
	if (i == 0 && ci->feed == PG_FEED_PATH && ci->npaths > 1)
		argv[n++] = "--";
	for (size_t k = 0; i == 0 && ci->feed == PG_FEED_PATH && k < ci->npaths; k++)
		argv[n++] = ci->paths[k];
	if (i == c->nstage - 1) {
		argv[n++] = "--out";
		argv[n++] = (char *)emit;
	}
	return argv;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int chain_start(pg_chain *ch, const pg_conf *c, const char *dir, const chain_input *ci)
{
	memset(ch, 0, sizeof *ch);
	ch->nstage = c->nstage;
	pid_t parent = getpid();
	int fd[2], in = -1, feed_fd = -1, out = -1, err = -1, next_in = -1;
	char *emit = pg_path_join(dir, "emit");
	const char *failed = NULL;
	int use_stdin = ci->feed != PG_FEED_PATH;

	if (use_stdin) {
		if (pipe2(fd, O_CLOEXEC) < 0) {
			failed = "pipe";
			goto fail;
		}
		in = fd[0];
		feed_fd = fd[1];
	} else if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
		failed = "/dev/null";
		goto fail;
	}
	for (size_t i = 0; i < c->nstage; i++) {
		if (i + 1 < c->nstage) {
			if (pipe2(fd, O_CLOEXEC) < 0) {
				failed = "pipe";
				goto fail;
			}
			out = fd[1];
			next_in = fd[0];
		} else if ((out = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0) {
			failed = "/dev/null";
			goto fail;
		}
		char *errpath = pg_xasprintf("%s/stderr.%zu", dir, i);
		err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		free(errpath);
		if (err < 0) {
			failed = "stderr file";
			goto fail;
		}
		char **argv = stage_argv(c, i, ci, emit);
		pid_t pid = fork();
		if (pid == 0) {
			child_setup(parent, ch->pgid, in, out, err);
			exec_stage(argv);
		}
		free(argv);
		if (pid < 0) {
			failed = "fork";
			goto fail;
		}
		if (!ch->pgid)
			ch->pgid = pid;
		setpgid(pid, ch->pgid);
		ch->proc[ch->nproc++] = (pg_proc){ .pid = pid };
		ch->running++;
		close_fd(&in);
		close_fd(&out);
		close_fd(&err);
		in = next_in;
		next_in = -1;
	}
	if (use_stdin) {
		pid_t pid = fork();
		if (pid == 0) {
			child_setup(parent, ch->pgid, -1, feed_fd, -1);
			feed_bytes(1, ci->bytes);
		}
		if (pid < 0) {
			failed = "fork";
			goto fail;
		}
		setpgid(pid, ch->pgid);
		ch->proc[ch->nproc++] = (pg_proc){ .pid = pid };
		ch->running++;
		ch->has_feeder = 1;
		close_fd(&feed_fd);
	}
	free(emit);
	return 0;

fail:
	pf_msg("cannot start the stages for '%s'%s: %s: %s", ci->source,
	       ci->npaths > 1 ? " and the rest of its batch" : "", failed, strerror(errno));
	close_fd(&in);
	close_fd(&out);
	close_fd(&err);
	close_fd(&next_in);
	close_fd(&feed_fd);
	free(emit);
	pg_chain_kill(ch);
	for (size_t i = 0; i < ch->nproc; i++)
		waitpid(ch->proc[i].pid, NULL, 0);
	ch->nproc = 0;
	ch->running = 0;
	return -1;
}

int pg_chain_start(pg_chain *ch, const pg_conf *c, const char *dir, const char *source,
		   pg_feed feed, const char *path, const pg_buf *bytes)
{
	char *paths[] = { (char *)path };
	chain_input ci = { .source = source, .feed = feed, .paths = paths, .npaths = 1,
			   .bytes = bytes };
	return chain_start(ch, c, dir, &ci);
}

int pg_chain_start_files(pg_chain *ch, const pg_conf *c, const char *dir,
			 char *const *paths, size_t npaths)
{
	chain_input ci = { .source = paths[0], .feed = PG_FEED_PATH, .paths = paths,
			   .npaths = npaths };
	return chain_start(ch, c, dir, &ci);
}

int pg_chain_reaped(pg_chain *ch, pid_t pid, int status)
{
	for (size_t i = 0; i < ch->nproc; i++) {
		if (ch->proc[i].pid == pid && !ch->proc[i].done) {
			ch->proc[i].status = status;
			ch->proc[i].done = 1;
			ch->running--;
			return 1;
		}
	}
	return 0;
}

void pg_chain_kill(pg_chain *ch)
{
	if (ch->pgid > 0)
		kill(-ch->pgid, SIGKILL);
}

int pg_run_program(char *const argv[], int in, int out, int err, double timeout,
		   int *timed_out)
{
	pid_t parent = getpid();
	int null_in = in < 0 ? open("/dev/null", O_RDONLY | O_CLOEXEC) : -1;
	int null_out = out < 0 ? open("/dev/null", O_WRONLY | O_CLOEXEC) : -1;
	pid_t pid = fork();
	if (pid == 0) {
		child_setup(parent, 0, in >= 0 ? in : null_in, out >= 0 ? out : null_out, err);
		exec_stage(argv);
	}
	close_fd(&null_in);
	close_fd(&null_out);
	*timed_out = 0;
	if (pid < 0)
		return -1;
	setpgid(pid, pid);
	double deadline = timeout > 0 ? pg_now() + timeout : 0;
	long nap = 1000000; /* ns: 1 ms, growing to 50 ms */
	int status;
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			return -1;
		if (deadline && pg_now() >= deadline) {
			kill(-pid, SIGKILL);
			*timed_out = 1;
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			return status;
		}
		struct timespec ts = { 0, nap };
		nanosleep(&ts, NULL);
		if (nap < 50000000)
			nap *= 2;
	}
}

const char *pg_status_text(int status, char *buf, size_t n)
{
	if (WIFEXITED(status))
		snprintf(buf, n, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, n, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, n, "ended with wait status %d", status);
	return buf;
}
