// SPDX-License-Identifier: GPL-2.0
/*
 * The subcommands against an in-memory kernel behind the backend
 * operations: read-modify-write with the generation, retries on ESTALE,
 * nothing sent on bad input, restore/flush without generation, output.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../ctl/backend.h"
#include "../../ctl/commands.h"
#include "../../ctl/diff.h"
#include "../../ctl/save.h"
#include "unit.h"

static struct fake {
	struct ef_backend be;
	struct ef_config state;
	int opens, gets, sets, rule_dumps, resets;
	int stale_next;			/* refuse this many SETs: ESTALE */
	int skew_next;			/* rule dumps that report another generation */
	int fail_errno;			/* refuse SET with this */
	int fail_next;			/* ... only this many times (0: always) */
	const char *fail_msg;
	bool get_fails;			/* refuse GET_CONFIG */
	bool open_fails;
	bool last_with_gen;
	struct ef_set_how last_how;
	struct ef_check check;		/* what SET_CONFIG answers */
	bool pending;			/* a change waits for confirmation */
	struct ef_config before;	/* ... and this is what it replaced */
	int confirms, reverts, verdicts;
	struct ef_verdict verdict;	/* what VERDICT answers (rule: 0 or 1) */
	struct ef_query last_query;
} fk;

static int fake_get_config(struct ef_backend *be, struct ef_config *cfg)
{
	fk.gets++;
	if (fk.get_fails) {
		snprintf(be->err, sizeof(be->err), "cannot dump");
		return -EIO;
	}
	ef_config_free(cfg);
	ef_config_copy(cfg, &fk.state);
	cfg->has_generation = true;
	return 0;
}

static int fake_set_config(struct ef_backend *be, const struct ef_config *cfg,
			   const struct ef_set_how *how, struct ef_check *check)
{
	bool with_gen = how->with_gen;
	size_t i;

	fk.sets++;
	fk.last_with_gen = with_gen;
	fk.last_how = *how;
	if (fk.stale_next > 0) {
		fk.stale_next--;
		fk.state.generation++;	/* someone else changed it */
	}
	if (with_gen && cfg->generation != fk.state.generation) {
		snprintf(be->err, sizeof(be->err), "stale generation %u",
			 cfg->generation);
		return -ESTALE;
	}
	if (fk.fail_errno) {
		snprintf(be->err, sizeof(be->err), "%s", fk.fail_msg);
		if (fk.fail_next && !--fk.fail_next)
			fk.fail_errno = 0;
		return -(fk.fail_errno ? fk.fail_errno : EINVAL);
	}
	if (fk.pending && !how->check_only) {
		snprintf(be->err, sizeof(be->err),
			 "a change waits for confirmation: confirm or revert it first");
		return -EBUSY;
	}
	if (check) {
		*check = fk.check;
		check->generation = fk.state.generation;
	}
	if (how->check_only)
		return 0;
	if (how->confirm) {
		fk.pending = true;
		ef_config_free(&fk.before);
		ef_config_copy(&fk.before, &fk.state);
	}
	ef_config_free(&fk.state);
	ef_config_copy(&fk.state, cfg);
	for (i = 0; i < fk.state.nbindings; i++)
		fk.state.bindings[i].ifindex = strcmp(fk.state.bindings[i].ifname, "gone0") ? 1 : 0;
	fk.state.generation = cfg->generation + 1000;
	return 0;
}

static int fake_get_rules(struct ef_backend *be, struct ef_rules *rules)
{
	char err[EF_ERRLEN];

	(void)be;
	fk.rule_dumps++;
	ef_rules_free(rules);
	if (parse_canned_rules(rules, err))
		return -EPROTO;
	rules->generation = fk.state.generation;
	if (fk.skew_next > 0) {
		fk.skew_next--;
		rules->generation++;
	}
	return 0;
}

static int fake_reset(struct ef_backend *be)
{
	(void)be;
	fk.resets++;
	return 0;
}

static int fake_confirm(struct ef_backend *be, bool revert)
{
	if (!fk.pending) {
		snprintf(be->err, sizeof(be->err),
			 "no change waits for confirmation");
		return -ENOENT;
	}
	fk.pending = false;
	if (revert) {
		fk.reverts++;
		ef_config_free(&fk.state);
		ef_config_copy(&fk.state, &fk.before);
	} else {
		fk.confirms++;
	}
	return 0;
}

static int fake_verdict(struct ef_backend *be, const struct ef_query *q,
			struct ef_verdict *v)
{
	(void)be;
	fk.verdicts++;
	fk.last_query = *q;
	*v = fk.verdict;
	ef_rules_init(&v->rule);
	if (fk.verdict.rule.n)
		*ef_rules_add(&v->rule) = fk.verdict.rule.v[0];
	return 0;
}

static void fake_close(struct ef_backend *be)
{
	(void)be;
}

static struct ef_backend *fake_open(char *err, size_t errlen)
{
	fk.opens++;
	if (fk.open_fails) {
		snprintf(err, errlen, "the edgefw module is not loaded (modprobe edgefw)");
		return NULL;
	}
	fk.be.get_config = fake_get_config;
	fk.be.set_config = fake_set_config;
	fk.be.get_rules = fake_get_rules;
	fk.be.reset_counters = fake_reset;
	fk.be.confirm = fake_confirm;
	fk.be.verdict = fake_verdict;
	fk.be.close = fake_close;
	return &fk.be;
}

static void fake_reset_all(void)
{
	ef_config_free(&fk.state);
	ef_config_free(&fk.before);
	ef_rules_free(&fk.verdict.rule);
	memset(&fk, 0, sizeof(fk));
	fk.state.generation = 1;
	ef_backend_open = fake_open;
}

static char *out, *err;

/* Run "edgectl words..." in-process; capture stdout and stderr. */
static int run(const char *line)
{
	char *copy = strdup(line), *argv[64], *p;
	int argc = 0, r;

	argv[argc++] = "edgectl";
	for (p = strtok(copy, " "); p && argc < 63; p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	free(out);
	free(err);
	redirect_begin();
	r = ef_cli(argc, argv, "test");
	redirect_end(&out, &err);
	free(copy);
	return r;
}

/* Run "restore [opts] FILE" of a file holding text. */
static int run_restore(const char *opts, const char *text)
{
	char path[] = "/tmp/edgectl-unit-XXXXXX", line[256];
	int fd = mkstemp(path), r;

	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		CHECK(!"write");
	close(fd);
	snprintf(line, sizeof(line), "restore %s%s%s", opts, *opts ? " " : "", path);
	r = run(line);
	unlink(path);
	return r;
}

static char *state_text(void)
{
	struct capture c;

	ef_save_text(capture_open(&c), &fk.state);
	capture_close(&c);
	return c.buf;
}

static void changes(void)
{
	char *text;

	fake_reset_all();
	CASE("commands: bind an existing interface: read, modify, write with generation");
	CHECK_INT(run("bind lo external"), 0);
	CHECK_STR(out, "");
	CHECK_STR(err, "");
	CHECK_INT(fk.gets, 1);
	CHECK_INT(fk.sets, 1);
	CHECK(fk.last_with_gen);
	CHECK_INT(fk.state.nbindings, 1);
	CHECK_INT(fk.state.generation, 1001);

	CASE("commands: bind --strict of an interface that does not exist: exit 1, nothing sent");
	CHECK_INT(run("bind --strict zz9nosuch0 external"), 1);
	CHECK_STR(err, "edgectl: no interface 'zz9nosuch0'\n");
	CHECK_INT(fk.opens, 1);
	CHECK_INT(fk.sets, 1);
	CHECK_INT(run("bind zz9nosuch0 --strict external"), 1);
	CHECK_INT(fk.opens, 1);

	CASE("commands: bind --strict of an interface that exists");
	CHECK_INT(run("bind --strict lo internal"), 0);
	CHECK_STR(err, "");
	CHECK_INT(fk.state.bindings[0].zone, EDGEFW_ZONE_INTERNAL);
	CHECK_INT(run("bind lo external"), 0);
	fk.opens = 1;
	fk.gets = fk.sets = 1;

	CASE("commands: bad input: exit 2, backend never opened");
	CHECK_INT(run("add-role access --ip 10.45.16.300"), 2);
	CHECK_STR(err, "edgectl: bad address '10.45.16.300' for --ip (a number is greater than 255)\n");
	CHECK_STR(out, "");
	CHECK_INT(fk.opens, 1);

	CASE("commands: add-role, then add-role merges");
	CHECK_INT(run("add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10"), 0);
	CHECK_INT(run("add-role av --ip 10.45.16.31 --media-range ocs2007"), 0);
	CHECK_INT(run("set-pool --front-end 192.168.10.90 --vip 192.168.10.190"), 0);
	CHECK_INT(run("http-redirect on"), 0);
	text = state_text();
	CHECK_STR(text, "profile lync2010\nbind lo external\n"
			"set-pool --front-end 192.168.10.90 --vip 192.168.10.190\n"
			"add-role av --ip 10.45.16.30 --ip 10.45.16.31 --internal-ip 172.25.33.10 --media-range ocs2007\n"
			"http-redirect on\nlog-drops off\nmode enforce\nstateless-media off\n");
	free(text);
	CHECK_INT(fk.sets, 5);

	CASE("commands: set-pool --vip alone keeps the Front Ends; del-pool --vip drops the VIP");
	CHECK_INT(run("set-pool --vip 192.168.10.191"), 0);
	CHECK_INT(fk.state.front_ends.n, 1);
	CHECK(fk.state.has_vip);
	CHECK_INT(run("del-pool --vip 192.168.10.191"), 0);
	CHECK_INT(fk.state.front_ends.n, 1);
	CHECK(!fk.state.has_vip);
	CHECK_INT(run("del-pool --vip 192.168.10.191"), 1);
	CHECK_STR(err, "edgectl: no VIP is configured\n");
	CHECK_INT(run("set-pool --vip 192.168.10.190"), 0);
	CHECK_INT(fk.sets, 5 + 3);
	fk.sets = 5;	/* as if this case had not run */
	fk.gets -= 4;

	CASE("commands: a change that changes nothing sends nothing");
	CHECK_INT(run("http-redirect on"), 0);
	CHECK_INT(run("add-role av --ip 10.45.16.30"), 0);
	CHECK_INT(run("bind lo external"), 0);
	CHECK_INT(fk.sets, 5);
	CHECK_INT(fk.gets, 8);

	CASE("commands: ESTALE once: read again and retry");
	fk.stale_next = 1;
	CHECK_INT(run("log-drops on"), 0);
	CHECK_STR(err, "");
	CHECK_INT(fk.sets, 7);
	CHECK(fk.state.flags & EDGEFW_F_LOG_DROPS);

	CASE("commands: ESTALE every time: give up after %d tries, exit 1", EF_SET_TRIES);
	fk.stale_next = 100;
	CHECK_INT(run("log-drops off"), 1);
	CHECK_INT(fk.sets, 7 + EF_SET_TRIES);
	CHECK_STR(err, "edgectl: the configuration kept changing while edgectl was changing it; try again (5 tries)\n");
	CHECK(fk.state.flags & EDGEFW_F_LOG_DROPS);
	fk.stale_next = 0;

	CASE("commands: kernel refusal: its message, one line, exit 1");
	fk.fail_errno = EINVAL;
	fk.fail_msg = "internal address family differs from the pool (role av, internal address fd00::1)";
	CHECK_INT(run("add-role av --internal-ip fd00::1"), 1);
	CHECK_STR(err, "edgectl: internal address family differs from the pool (role av, internal address fd00::1)\n");
	fk.fail_errno = 0;

	CASE("commands: input that does not match the state: exit 1, nothing sent");
	fk.sets = 0;
	CHECK_INT(run("del-role access"), 1);
	CHECK_STR(err, "edgectl: role access is not configured\n");
	CHECK_INT(run("del-role av --ip 10.45.16.32"), 1);
	CHECK_STR(err, "edgectl: address 10.45.16.32 is not configured for role av\n");
	CHECK_INT(run("unbind eth9"), 1);
	CHECK_STR(err, "edgectl: interface 'eth9' is not bound\n");
	CHECK_INT(run("add-role webconf --internal-ip 172.25.33.10"), 1);
	CHECK_INT(fk.sets, 0);

	CASE("commands: bind of an interface that does not exist: a warning naming it, then bound");
	fk.sets = 0;
	CHECK_INT(run("bind zz9nosuch0 external"), 0);
	CHECK_STR(err, "edgectl: warning: no interface 'zz9nosuch0': the binding takes effect when an interface of that name appears\n");
	CHECK_INT(fk.sets, 1);
	CHECK_INT(fk.state.nbindings, 2);
	CHECK_INT(run("unbind zz9nosuch0"), 0);
	CHECK_STR(err, "");

	CASE("commands: del-role and unbind");
	CHECK_INT(run("del-role av --ip 10.45.16.31"), 0);
	CHECK_INT(fk.state.roles[EDGEFW_ROLE_AV].addrs.n, 1);
	CHECK_INT(run("del-role av"), 0);
	CHECK(!fk.state.roles[EDGEFW_ROLE_AV].present);
	CHECK_INT(run("unbind lo"), 0);
	CHECK_INT(fk.state.nbindings, 0);

	CASE("commands: flush sends the empty configuration without generation");
	fk.sets = 0;
	CHECK_INT(run("flush"), 0);
	CHECK_INT(fk.sets, 1);
	CHECK(!fk.last_with_gen);
	CHECK(!ef_config_has_pool(&fk.state));
	CHECK_INT(fk.state.flags, 0);

	CASE("commands: module not loaded: one line, exit 1");
	fk.open_fails = true;
	CHECK_INT(run("http-redirect on"), 1);
	CHECK_STR(err, "edgectl: the edgefw module is not loaded (modprobe edgefw)\n");
	CHECK_INT(run("show"), 1);
	CHECK_STR(err, "edgectl: the edgefw module is not loaded (modprobe edgefw)\n");
	CHECK_STR(out, "");
	fk.open_fails = false;
}

static const char conf[] =
	"profile lync2010\n"
	"bind ext0 external\n"
	"bind gone0 internal\n"
	"set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
	"add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
	"add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007\n"
	"http-redirect on\n"
	"log-drops off\n"
	"mode enforce\n"
	"stateless-media off\n";

static void save_restore(void)
{
	char path[] = "/tmp/edgectl-unit-XXXXXX", line[128], expect[256];
	int fd, saved_in;

	fake_reset_all();
	fd = mkstemp(path);
	if (write(fd, conf, strlen(conf)) != (ssize_t)strlen(conf))
		CHECK(!"write");
	close(fd);

	CASE("commands: restore --strict of bindings of absent interfaces: exit 1, nothing sent");
	snprintf(line, sizeof(line), "restore --strict %s", path);
	CHECK_INT(run(line), 1);
	snprintf(expect, sizeof(expect), "edgectl: %s: no interface 'ext0'", path);
	CHECK(!strncmp(err, expect, strlen(expect)));
	CHECK(!strchr(err, '\n') || !strchr(err, '\n')[1]);	/* one line */
	CHECK_INT(fk.opens, 0);

	CASE("commands: restore FILE sends one SET without generation; save prints it back");
	snprintf(line, sizeof(line), "restore %s", path);
	CHECK_INT(run(line), 0);
	snprintf(expect, sizeof(expect), "edgectl: warning: %s: no interface 'ext0'", path);
	CHECK(!strncmp(err, expect, strlen(expect)));
	snprintf(expect, sizeof(expect), "edgectl: warning: %s: no interface 'gone0'", path);
	CHECK_CONTAINS(err, expect);
	CHECK_INT(fk.sets, 1);
	CHECK(!fk.last_with_gen);
	CHECK_INT(fk.gets, 0);
	CHECK_INT(run("save"), 0);
	CHECK_STR(out, conf);

	CASE("commands: restore from stdin ('-' and no FILE)");
	fake_reset_all();
	fd = open(path, O_RDONLY);
	saved_in = dup(0);
	dup2(fd, 0);
	close(fd);
	CHECK_INT(run("restore"), 0);
	dup2(saved_in, 0);
	close(saved_in);
	clearerr(stdin);
	CHECK_INT(fk.sets, 1);
	CHECK_INT(fk.state.nbindings, 2);

	CASE("commands: restore with a bad line: exit 2, names file and line, nothing sent");
	fake_reset_all();
	fd = open(path, O_WRONLY | O_APPEND);
	if (write(fd, "add-role av --ip 10.45.16.999\n", 30) != 30)
		CHECK(!"write");
	close(fd);
	CHECK_INT(run(line), 2);
	{
		char expect[256];

		snprintf(expect, sizeof(expect),
			 "edgectl: %s: line 11: bad address '10.45.16.999' for --ip (a number is greater than 255)\n", path);
		CHECK_STR(err, expect);
	}
	CHECK_INT(fk.opens, 0);
	CHECK_INT(fk.sets, 0);

	CASE("commands: restore of a file that does not exist: exit 2");
	CHECK_INT(run("restore /nonexistent/edgefw.conf"), 2);
	CHECK_STR(err, "edgectl: cannot open '/nonexistent/edgefw.conf': No such file or directory\n");
	CHECK_INT(run("restore a b"), 2);
	CHECK_STR(err, "edgectl: unexpected argument 'b' for restore\n");
	CHECK_INT(run("restore --force"), 2);
	CHECK_STR(err, "edgectl: unknown option '--force' for restore (expected --strict, --fail-closed, --check or --confirm)\n");
	unlink(path);

	CASE("commands: save -j is JSON; save with two arguments is refused");
	fake_reset_all();
	{
		FILE *f = fmemopen((void *)conf, strlen(conf), "r");
		char e[EF_ERRLEN];

		ef_restore_read(f, &fk.state, NULL, e, sizeof(e));
		fclose(f);
	}
	CHECK_INT(run("save -j"), 0);
	CHECK(json_valid(out));
	CHECK_INT(run("save --json"), 0);
	CHECK(json_valid(out));
	CHECK_INT(run("save a b"), 2);
	CHECK_STR(err, "edgectl: unexpected argument 'b' for save\n");
	CHECK_INT(run("save -"), 0);
	CHECK_STR(out, conf);
}

static char *slurp_path(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;

	if (!f)
		return strdup("(none)");
	if (getdelim(&text, &cap, '\0', f) < 0) {
		free(text);
		text = strdup("");
	}
	fclose(f);
	return text;
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

/* Run edgectl words while files may hold at most 64 bytes. */
static int run_small_files(const char *line)
{
	struct rlimit lim, small;
	void (*xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
	int r;

	getrlimit(RLIMIT_FSIZE, &lim);
	small = lim;
	small.rlim_cur = 64;
	setrlimit(RLIMIT_FSIZE, &small);
	r = run(line);
	setrlimit(RLIMIT_FSIZE, &lim);
	signal(SIGXFSZ, xfsz);
	return r;
}

static void save_file(void)
{
	char dir[] = "/tmp/edgectl-save-XXXXXX", path[64], line[128], *text;
	mode_t old_umask = umask(022);
	struct stat st;

	fake_reset_all();
	{
		FILE *f = fmemopen((void *)conf, strlen(conf), "r");
		char e[EF_ERRLEN];

		ef_restore_read(f, &fk.state, NULL, e, sizeof(e));
		fclose(f);
	}
	if (!mkdtemp(dir))
		CHECK(!"mkdtemp");
	snprintf(path, sizeof(path), "%s/edgefw.conf", dir);

	CASE("save FILE: what save prints, mode 0666 less the umask, nothing else left");
	snprintf(line, sizeof(line), "save %s", path);
	CHECK_INT(run(line), 0);
	CHECK_STR(out, "");
	CHECK_STR(err, "");
	text = slurp_path(path);
	CHECK_STR(text, conf);
	free(text);
	CHECK(!stat(path, &st) && (st.st_mode & 07777) == 0644);
	CHECK_INT(entries(dir), 1);

	CASE("save FILE keeps the permissions of the file it replaces");
	chmod(path, 0600);
	CHECK_INT(run("log-drops on"), 0);
	CHECK_INT(run(line), 0);
	text = slurp_path(path);
	CHECK_CONTAINS(text, "log-drops on\n");
	free(text);
	CHECK(!stat(path, &st) && (st.st_mode & 07777) == 0600);

	CASE("save -j FILE writes JSON");
	snprintf(line, sizeof(line), "save -j %s.json", path);
	CHECK_INT(run(line), 0);
	snprintf(line, sizeof(line), "%s.json", path);
	text = slurp_path(line);
	CHECK(json_valid(text));
	free(text);
	unlink(line);

	CASE("save FILE through a symbolic link replaces what it points to");
	snprintf(line, sizeof(line), "%s/link", dir);
	CHECK(!symlink("edgefw.conf", line));
	CHECK_INT(run("log-drops off"), 0);
	snprintf(line, sizeof(line), "save %s/link", dir);
	CHECK_INT(run(line), 0);
	snprintf(line, sizeof(line), "%s/link", dir);
	CHECK(!lstat(line, &st) && S_ISLNK(st.st_mode));
	unlink(line);
	text = slurp_path(path);
	CHECK_STR(text, conf);
	free(text);
	CHECK_INT(entries(dir), 1);

	CASE("save FILE: the kernel cannot be read: exit 1, FILE untouched");
	CHECK_INT(run("log-drops on"), 0);
	fk.get_fails = true;
	snprintf(line, sizeof(line), "save %s", path);
	CHECK_INT(run(line), 1);
	CHECK_STR(err, "edgectl: cannot dump\n");
	fk.get_fails = false;
	text = slurp_path(path);
	CHECK_STR(text, conf);
	free(text);
	CHECK_INT(entries(dir), 1);

	CASE("save FILE: a write fails (file size limit): exit 1, FILE untouched, nothing left");
	snprintf(line, sizeof(line), "save %s", path);
	CHECK_INT(run_small_files(line), 1);
	text = slurp_path(path);
	CHECK_STR(text, conf);
	free(text);
	CHECK_INT(entries(dir), 1);

	CASE("save FILE: FILE is a directory: exit 1, untouched, nothing left");
	snprintf(line, sizeof(line), "%s/d", dir);
	mkdir(line, 0755);
	snprintf(line, sizeof(line), "save %s/d", dir);
	CHECK_INT(run(line), 1);
	CHECK_CONTAINS(err, "edgectl: cannot replace '");
	snprintf(line, sizeof(line), "%s/d", dir);
	CHECK(!stat(line, &st) && S_ISDIR(st.st_mode));
	rmdir(line);
	CHECK_INT(entries(dir), 1);

	CASE("save FILE in a directory that does not exist: exit 1, one line");
	snprintf(line, sizeof(line), "save %s/nodir/edgefw.conf", dir);
	CHECK_INT(run(line), 1);
	snprintf(line, sizeof(line),
		 "edgectl: cannot create a new file next to '%s/nodir/edgefw.conf': No such file or directory\n",
		 dir);
	CHECK_STR(err, line);

	unlink(path);
	rmdir(dir);
	umask(old_umask);
	ef_config_free(&fk.state);
}

static void fail_closed(void)
{
	static const char bad_line[] =
		"bind zz9ext0 external\nadd-role av --ip 10.45.16.300\nbind zz9int0 internal\n";
	const char *last;

	CASE("restore --fail-closed of a good file: all of it, exit 0");
	fake_reset_all();
	CHECK_INT(run_restore("--fail-closed", conf), 0);
	CHECK(fk.state.roles[EDGEFW_ROLE_AV].present);
	CHECK(!strstr(err, "FAIL-CLOSED"));

	CASE("restore --fail-closed of a bad file: its bindings alone, one loud line, exit 1");
	fake_reset_all();
	CHECK_INT(run_restore("--fail-closed", "bind lo external\n"), 0);
	CHECK_INT(run_restore("--fail-closed", bad_line), 1);
	CHECK_INT(fk.state.nbindings, 2);
	CHECK_STR(fk.state.bindings[0].ifname, "zz9ext0");
	CHECK_STR(fk.state.bindings[1].ifname, "zz9int0");
	CHECK(!ef_config_has_pool(&fk.state));
	CHECK(!fk.state.roles[EDGEFW_ROLE_AV].present);
	CHECK_CONTAINS(err, "line 2: bad address '10.45.16.300' for --ip");
	last = strstr(err, "edgectl: FAIL-CLOSED: '");
	CHECK(last && strstr(last, "' could not be applied; in force instead: its bindings alone (zz9ext0 external, zz9int0 internal), every new flow on them is dropped\n"));
	CHECK(last && !strchr(last, '\n')[1]);	/* the last line */

	CASE("restore --fail-closed: the kernel refuses the file: its bindings alone");
	fake_reset_all();
	fk.fail_errno = E2BIG;
	fk.fail_next = 1;
	fk.fail_msg = "too big";
	CHECK_INT(run_restore("--fail-closed", conf), 1);
	CHECK_INT(fk.sets, 2);
	CHECK_INT(fk.state.nbindings, 2);
	CHECK(!fk.state.roles[EDGEFW_ROLE_AV].present);
	CHECK_CONTAINS(err, "edgectl: too big\n");
	CHECK_CONTAINS(err, "in force instead: its bindings alone (ext0 external, gone0 internal)");
	CHECK(strstr(err, "no interface 'gone0'") &&
	      !strstr(strstr(err, "no interface 'gone0'") + 1, "no interface 'gone0'"));	/* warned once */

	CASE("restore --fail-closed: the kernel refuses the bindings too: nothing changed, exit 1");
	fake_reset_all();
	CHECK_INT(run_restore("", "bind lo external\nhttp-redirect on\n"), 0);
	fk.fail_errno = EINVAL;
	fk.fail_msg = "refused";
	CHECK_INT(run_restore("--fail-closed", bad_line), 1);
	CHECK_CONTAINS(err, "' could not be applied, nor its bindings alone (refused); nothing changed\n");
	CHECK_INT(fk.state.nbindings, 1);
	CHECK(fk.state.flags & EDGEFW_F_HTTP_REDIRECT);

	CASE("restore --fail-closed: no binding can be read: nothing changed, exit 1");
	fake_reset_all();
	fk.sets = 0;
	CHECK_INT(run("restore --fail-closed /nonexistent/edgefw.conf"), 1);
	CHECK_STR(err, "edgectl: cannot open '/nonexistent/edgefw.conf': No such file or directory\n"
		       "edgectl: FAIL-CLOSED: '/nonexistent/edgefw.conf' could not be applied and holds no binding that could be read; nothing changed\n");
	CHECK_INT(run_restore("--fail-closed", "# nothing\n"), 1);
	CHECK_CONTAINS(err, "no statement");
	CHECK_CONTAINS(err, "holds no binding that could be read; nothing changed\n");
	CHECK_INT(run_restore("--fail-closed", "add-role av --ip 10.45.16.30\nlog-drops maybe\n"), 1);
	CHECK_INT(fk.sets, 0);
	CHECK_INT(fk.opens, 0);

	CASE("restore --fail-closed --strict: an absent interface: the bindings alone");
	fake_reset_all();
	CHECK_INT(run_restore("--fail-closed --strict", "bind zz9ext0 external\nadd-role av --ip 10.45.16.30\n"), 1);
	CHECK_INT(fk.state.nbindings, 1);
	CHECK(!fk.state.roles[EDGEFW_ROLE_AV].present);

	CASE("restore --fail-closed: no module: nothing changed, exit 1");
	fake_reset_all();
	fk.open_fails = true;
	CHECK_INT(run_restore("--fail-closed", bad_line), 1);
	CHECK_CONTAINS(err, "nor its bindings alone (the edgefw module is not loaded (modprobe edgefw)); nothing changed\n");
	ef_config_free(&fk.state);
	free(out);
	free(err);
	out = err = NULL;
}

static void reads(void)
{
	int fd, saved;

	CASE("commands: show prints configuration, rules and zones");
	fk.state.bindings[1].ifindex = 0;
	CHECK_INT(run("show"), 0);
	CHECK_STR(err, "");
	CHECK_CONTAINS(out, "gone0 (absent)");
	CHECK_CONTAINS(out, "USED FOR");
	CHECK_CONTAINS(out, "DROPPED-NO-RULE");
	CHECK_INT(run("show -j"), 0);
	CHECK(json_valid(out));

	CASE("commands: show --unused, -j show --unused");
	CHECK_INT(run("show --unused"), 0);
	CHECK(!strncmp(out, "ROLE ", 5));
	CHECK(!strstr(out, "INTERFACE"));
	CHECK_CONTAINS(out, "RTP: desktop sharing");
	CHECK(!strstr(out, "revocation"));
	CHECK_INT(run("-j show --unused"), 0);
	CHECK(json_valid(out));
	CHECK_CONTAINS(out, "\"packets\": 0,");
	CHECK(!strstr(out, "\"packets\": 12,"));

	CASE("commands: -j/--json before the subcommand");
	CHECK_INT(run("-j show"), 0);
	CHECK(json_valid(out));
	CHECK_INT(run("--json counters --reset"), 0);
	CHECK(json_valid(out));
	CHECK_INT(fk.resets, 1);
	fk.resets = 0;
	CHECK_INT(run("-j save"), 0);
	CHECK(json_valid(out));
	CHECK_INT(run("-j show -j"), 0);
	CHECK(json_valid(out));

	CASE("commands: show reads again until rules and configuration agree");
	fk.gets = fk.rule_dumps = 0;
	fk.skew_next = 2;
	CHECK_INT(run("show"), 0);
	CHECK_INT(fk.gets, 3);
	CHECK_INT(fk.rule_dumps, 3);

	CASE("commands: counters, counters -j, counters --reset");
	CHECK_INT(run("counters"), 0);
	CHECK_CONTAINS(out, "PACKETS");
	CHECK(!strstr(out, "USED FOR"));
	CHECK_INT(fk.resets, 0);
	CHECK_INT(run("counters --json --reset"), 0);
	CHECK(json_valid(out));
	CHECK_INT(fk.resets, 1);

	CASE("commands: bad options of read commands: exit 2");
	CHECK_INT(run("show --bogus"), 2);
	CHECK_STR(err, "edgectl: unknown option '--bogus' for show (expected -j/--json or --unused)\n");
	CHECK_INT(run("show all"), 2);
	CHECK_STR(err, "edgectl: unexpected argument 'all' for show\n");
	CHECK_INT(run("counters --zero"), 2);
	CHECK_STR(err, "edgectl: unknown option '--zero' for counters (expected -j/--json or --reset)\n");
	CHECK_INT(run("save --reset"), 2);
	CHECK_INT(fk.resets, 1);

	CASE("commands: a failed write of the output is an error");
	fd = open("/dev/full", O_WRONLY);
	if (fd >= 0) {
		free(out);
		free(err);
		redirect_begin();
		saved = dup(1);
		dup2(fd, 1);
		{
			char *argv[] = { "edgectl", "save", NULL };

			CHECK_INT(ef_cli(2, argv, "test"), 1);
		}
		__fpurge(stdout);
		dup2(saved, 1);
		close(saved);
		close(fd);
		redirect_end(&out, &err);
		CHECK_CONTAINS(err, "edgectl: cannot write the output: ");
		clearerr(stdout);
	}
	ef_config_free(&fk.state);
	free(out);
	free(err);
	out = err = NULL;
}

/*
 * One condition, one exit status, on the command line and in restore:
 * 2 for words wrong whatever the machine's state, 1 for the machine's
 * state (interfaces, the kernel) refusing words that are right.
 */
static void exit_status(void)
{
	static const struct {
		const char *what, *cmdline, *opts, *file;
		int fail_errno;
		bool no_module;
		int code;
	} same[] = {
		{ "a bad address", "add-role av --ip 10.45.16.300", "", "add-role av --ip 10.45.16.300\n", 0, false, 2 },
		{ "a bad zone", "bind lo dmz", "", "bind lo dmz\n", 0, false, 2 },
		{ "a bad interface name", "bind \"lo\" external", "", "bind \"lo\" external\n", 0, false, 2 },
		{ "an unknown option", "add-role av --port 443", "", "add-role av --port 443\n", 0, false, 2 },
		{ "a missing value", "set-pool --vip", "", "set-pool --vip\n", 0, false, 2 },
		{ "an absent interface", "bind zz9nosuch0 external", "", "bind zz9nosuch0 external\n", 0, false, 0 },
		{ "an absent interface, --strict", "bind --strict zz9nosuch0 external", "--strict", "bind zz9nosuch0 external\n", 0, false, 1 },
		{ "a kernel refusal", "add-role av --ip 10.45.16.30", "", "add-role av --ip 10.45.16.30\n", EINVAL, false, 1 },
		{ "a kernel limit", "add-role av --ip 10.45.16.30", "", "add-role av --ip 10.45.16.30\n", E2BIG, false, 1 },
		{ "no module", "add-role av --ip 10.45.16.30", "", "add-role av --ip 10.45.16.30\n", 0, true, 1 },
		{ "a combination the kernel refuses", "xmpp on", "", "xmpp on\n", 0, false, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		CASE("exit status: %s: %d on the command line and in restore",
		     same[i].what, same[i].code);
		fake_reset_all();
		fk.fail_errno = same[i].fail_errno;
		fk.fail_msg = "refused";
		fk.open_fails = same[i].no_module;
		CHECK_INT(run(same[i].cmdline), same[i].code);
		CHECK_INT(run_restore(same[i].opts, same[i].file), same[i].code);
		CHECK_INT(fk.sets, same[i].code == 0 ? 2 : same[i].fail_errno ? 2 : 0);
	}

	/* On the command line a statement meets the kernel's configuration;
	 * in a file it meets the file's own earlier statements. */
	CASE("exit status: a statement that does not fit: 1 against the kernel's configuration, 2 against the file's");
	fake_reset_all();
	CHECK_INT(run("unbind eth9"), 1);
	CHECK_INT(run("del-role av"), 1);
	CHECK_INT(run("del-pool"), 1);
	CHECK_INT(run_restore("", "unbind eth9\n"), 2);
	CHECK_INT(run_restore("", "del-role av\n"), 2);
	CHECK_INT(run_restore("", "del-pool\n"), 2);
	CHECK_INT(fk.sets, 0);
	ef_config_free(&fk.state);
	free(out);
	free(err);
	out = err = NULL;
}

static void safe_changes(void)
{
	char *before, *after;

	fake_reset_all();
	CASE("commands: a profile change that leaves a combination the kernel refuses: exit 1, nothing sent");
	CHECK_INT(run("add-role av --ip 10.45.16.30 --media-range ocs2007"), 0);
	CHECK_INT(run("profile sfb2019"), 1);
	CHECK_STR(err, "edgectl: media range ocs2007 of role av and profile sfb2019 do not go together: the Skype for Business tables have no inbound media rows (use standard or none)\n");
	CHECK_INT(fk.sets, 1);
	CHECK_INT(run("add-role av --media-range standard"), 0);
	CHECK_INT(run("profile sfb2015"), 0);
	CHECK_INT(run("xmpp on"), 0);
	CHECK_INT(fk.state.profile, EDGEFW_PROFILE_SFB2015);
	CHECK_INT(run("add-role av --media-range lync2010"), 1);
	CHECK_STR(err, "edgectl: media range lync2010 of role av and profile sfb2015 do not go together: lync2010 is TCP out only, the standard of Lync Server 2010; the standard of sfb2015, TCP and UDP out, is called standard\n");
	CHECK_INT(run("profile sfb2019"), 1);
	CHECK_STR(err, "edgectl: xmpp on and profile sfb2019 do not go together: the XMPP rows exist only in profile sfb2015\n");
	CHECK_INT(fk.state.profile, EDGEFW_PROFILE_SFB2015);

	CASE("commands: add-mgmt and del-mgmt change the management rules");
	CHECK_INT(run("add-mgmt --from 10.99.0.0/24 --tcp 22,443"), 0);
	CHECK_INT(fk.state.nmgmt, 2);
	CHECK_INT(run("del-mgmt --from 10.99.0.0/24 --tcp 443"), 0);
	CHECK_INT(fk.state.nmgmt, 1);
	CHECK_INT(run("del-mgmt --from 10.99.0.0/24 --tcp 443"), 1);
	CHECK_STR(err, "edgectl: management rule tcp 443 from 10.99.0.0/24 (internal) is not configured\n");

	CASE("commands: restore --check: the kernel checks, nothing changes, what it would do is said");
	fake_reset_all();
	fk.check = (struct ef_check){ .present = true, .before = 10, .after = 12,
				      .kept = 9, .kib = 3 };
	before = state_text();
	CHECK_INT(run_restore("--check", conf), 0);
	CHECK_CONTAINS(err, ": no interface 'gone0': the binding takes effect when an interface of that name appears\n");
	CHECK_STR(out, "valid: 12 rules (9 kept, 3 added, 1 removed), 3 KiB; nothing changed\n");
	CHECK(fk.last_how.check_only && !fk.last_how.with_gen && !fk.last_how.confirm);
	after = state_text();
	CHECK_STR(after, before);
	free(after);

	CASE("commands: restore --check: 1 when refused, 2 for a bad file, as restore");
	CHECK_INT(run_restore("--check", "profile sfb2019\nxmpp on\n"), 1);
	CHECK_CONTAINS(err, ": xmpp on and profile sfb2019 do not go together");
	CHECK_INT(run_restore("--check", "profile sfb2021\n"), 2);
	fk.fail_errno = EINVAL;
	fk.fail_msg = "the kernel says no";
	CHECK_INT(run_restore("--check", "mode audit\n"), 1);
	CHECK_STR(err, "edgectl: the kernel says no\n");
	fk.fail_errno = 0;
	after = state_text();
	CHECK_STR(after, before);
	free(after);
	free(before);

	CASE("commands: restore --confirm: in force, unconfirmed; other changes wait");
	CHECK_INT(run_restore("--confirm 60", "mode audit\n"), 0);
	CHECK_STR(out, "unconfirmed: the kernel puts the previous configuration back in 60 s unless 'edgectl confirm' comes first\n");
	CHECK_INT(fk.last_how.confirm, 60);
	CHECK(fk.pending);
	CHECK(fk.state.flags & EDGEFW_F_AUDIT);
	CHECK_INT(run_restore("--confirm 30", "mode enforce\n"), 1);
	CHECK_STR(err, "edgectl: a change waits for confirmation: confirm or revert it first\n");
	CHECK_INT(run("http-redirect on"), 1);
	CHECK_STR(err, "edgectl: a change waits for confirmation: confirm or revert it first\n");
	CHECK_INT(run_restore("--check", "mode enforce\n"), 0);

	CASE("commands: confirm keeps the change; then nothing waits");
	CHECK_INT(run("confirm"), 0);
	CHECK_STR(out, "confirmed: the configuration stays in force\n");
	CHECK_INT(fk.confirms, 1);
	CHECK(fk.state.flags & EDGEFW_F_AUDIT);
	CHECK_INT(run("confirm"), 1);
	CHECK_STR(err, "edgectl: no change waits for confirmation\n");
	CHECK_STR(out, "");
	CHECK_INT(run("revert"), 1);
	CHECK_STR(err, "edgectl: no change waits for confirmation\n");

	CASE("commands: revert puts the previous configuration back now");
	CHECK_INT(run_restore("--confirm 3600", "profile sfb2019\n"), 0);
	CHECK_INT(fk.state.profile, EDGEFW_PROFILE_SFB2019);
	CHECK_INT(run("revert"), 0);
	CHECK_STR(out, "reverted: the previous configuration is in force again\n");
	CHECK_INT(fk.reverts, 1);
	CHECK_INT(fk.state.profile, EDGEFW_PROFILE_LYNC2010);
	CHECK(fk.state.flags & EDGEFW_F_AUDIT);
	ef_config_free(&fk.state);
	ef_config_free(&fk.before);
}

/* Run "diff FILE" of a file holding text. */
static int run_diff(const char *text)
{
	char path[] = "/tmp/edgectl-unit-XXXXXX", line[64];
	int fd = mkstemp(path), r;

	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		CHECK(!"write");
	close(fd);
	snprintf(line, sizeof(line), "diff %s", path);
	r = run(line);
	unlink(path);
	return r;
}

static void diffs(void)
{
	char *a[] = { "a", "b", "c", "d" }, *b[] = { "a", "x", "c", "d", "e" };
	struct capture c;
	size_t n;

	CASE("diff: lines of save's text, longest common run kept");
	n = ef_diff_lines(capture_open(&c), a, 4, b, 5);
	CHECK_STR(capture_close(&c), "-b\n+x\n+e\n");
	CHECK_INT(n, 3);
	free(c.buf);
	n = ef_diff_lines(capture_open(&c), a, 4, a, 4);
	CHECK_STR(capture_close(&c), "");
	CHECK_INT(n, 0);
	free(c.buf);
	n = ef_diff_lines(capture_open(&c), a, 0, a, 2);
	CHECK_STR(capture_close(&c), "+a\n+b\n");
	free(c.buf);

	fake_reset_all();
	CHECK_INT(run_restore("", conf), 0);
	CASE("diff: the same configuration: exit 0, no line but the count");
	fk.sets = 0;
	CHECK_INT(run_diff(conf), 0);
	CHECK_STR(out, "0 rules added, 0 removed\n");
	CHECK(fk.last_how.check_only && fk.last_how.with_gen);
	CHECK_INT(fk.sets, 1);

	CASE("diff: differences in save's words, the kernel's count: exit 1, nothing changes");
	fk.check = (struct ef_check){ .present = true, .before = 20, .after = 23,
				      .kept = 19 };
	CHECK_INT(run_diff("bind ext0 external\nbind int0 internal\n"
			   "add-role access --ip 10.45.16.10 --ip 10.45.16.11 --internal-ip 172.25.33.10\n"
			   "add-mgmt --from 10.99.0.0/24 --tcp 22\n"), 1);
	CHECK_STR(out, "-bind gone0 internal\n"
		       "-set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190\n"
		       "-add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10\n"
		       "-add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007\n"
		       "-http-redirect on\n"
		       "+bind int0 internal\n"
		       "+add-role access --ip 10.45.16.10 --ip 10.45.16.11 --internal-ip 172.25.33.10\n"
		       "+add-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal\n"
		       "+http-redirect off\n"
		       "4 rules added, 1 removed\n");
	CHECK_INT(fk.state.nbindings, 2);
	CHECK_INT(fk.state.nmgmt, 0);

	CASE("diff: the kernel's count at the generation read: again after ESTALE");
	fk.stale_next = 1;
	fk.gets = fk.sets = 0;
	CHECK_INT(run_diff(conf), 0);
	CHECK_INT(fk.gets, 2);
	CHECK_INT(fk.sets, 2);

	CASE("diff: trouble is 2: a bad file, a refused combination, a refusal, no module, no file");
	CHECK_INT(run_diff("bind ext0 dmz\n"), 2);
	CHECK_INT(run_diff("xmpp on\n"), 2);
	CHECK_CONTAINS(err, "xmpp on and profile lync2010 do not go together");
	fk.fail_errno = ENOMEM;
	fk.fail_msg = "cannot build the rule set: out of memory";
	CHECK_INT(run_diff(conf), 2);
	CHECK_STR(err, "edgectl: cannot build the rule set: out of memory\n");
	CHECK_STR(out, "");
	fk.fail_errno = 0;
	fk.open_fails = true;
	CHECK_INT(run_diff(conf), 2);
	fk.open_fails = false;
	CHECK_INT(run("diff"), 2);
	CHECK_STR(err, "edgectl: diff needs a FILE ('-': standard input)\n");
	CHECK_INT(run("diff /nonexistent/edgefw.conf"), 2);
	ef_config_free(&fk.state);
}

static void verdicts(void)
{
	char b[EF_ADDRSTRLEN];
	struct ef_rule *r;
	const char *why;

	fake_reset_all();
	CASE("verdict: the words become the query");
	fk.verdict = (struct ef_verdict){ .present = true, .generation = 7,
					  .accept = true, .reason = EDGEFW_R_RULE,
					  .has_zone = true,
					  .zone = EDGEFW_ZONE_EXTERNAL };
	r = ef_rules_add(&fk.verdict.rule);
	r->role = EDGEFW_ROLE_AV;
	r->row = 12;
	r->used_for = "STUN/MSTURN: external user access to A/V sessions (UDP)";
	CHECK_INT(run("verdict in ext0 udp 198.51.100.7:40000 10.45.16.30:3478"), 0);
	CHECK_STR(fk.last_query.ifname, "ext0");
	CHECK_INT(fk.last_query.dir, EDGEFW_DIR_IN);
	CHECK_INT(fk.last_query.proto, IPPROTO_UDP);
	CHECK_STR(ef_addr_str(&fk.last_query.src, b), "198.51.100.7");
	CHECK_INT(fk.last_query.sport, 40000);
	CHECK_STR(ef_addr_str(&fk.last_query.dst, b), "10.45.16.30");
	CHECK_INT(fk.last_query.dport, 3478);

	CASE("verdict: an accepted packet: verdict, reason, zone, role, row, used for");
	CHECK_STR(out, "verdict   accept\n"
		       "reason    rule\n"
		       "zone      external\n"
		       "role      av\n"
		       "row       12\n"
		       "used for  STUN/MSTURN: external user access to A/V sessions (UDP)\n");
	CHECK_INT(run("verdict -j in ext0 udp 198.51.100.7:40000 10.45.16.30:3478"), 0);
	CHECK(json_valid(out));
	CHECK_STR(out, "{\n  \"json_schema_version\": 1,\n  \"generation\": 7,\n"
		       "  \"verdict\": \"accept\",\n  \"reason\": \"rule\",\n"
		       "  \"zone\": \"external\",\n  \"role\": \"av\",\n  \"row\": 12,\n"
		       "  \"used_for\": \"STUN/MSTURN: external user access to A/V sessions (UDP)\"\n}\n");

	CASE("verdict: IPv6 as [ADDR]:PORT; an address alone is port 0");
	CHECK_INT(run("verdict out int0 tcp [2001:db8:25:33::10]:50000 2001:db8:10::90"), 0);
	CHECK_INT(fk.last_query.dir, EDGEFW_DIR_OUT);
	CHECK_INT(fk.last_query.proto, IPPROTO_TCP);
	CHECK_STR(ef_addr_str(&fk.last_query.src, b), "2001:db8:25:33::10");
	CHECK_INT(fk.last_query.sport, 50000);
	CHECK_INT(fk.last_query.dport, 0);

	CASE("verdict: a management rule says so");
	r->kind = EDGEFW_RULE_MGMT;
	r->row = 1;
	r->proto = IPPROTO_TCP;
	r->has_src = !ef_addr_parse_any("10.99.0.0", &r->src, &why);
	r->src_plen = 24;
	r->dport_min = r->dport_max = 22;
	r->used_for = "management access (not in the reference)";
	fk.verdict.zone = EDGEFW_ZONE_INTERNAL;
	CHECK_INT(run("verdict in int0 tcp 10.99.0.1 172.25.33.10:22"), 0);
	CHECK_STR(out, "verdict   accept\n"
		       "reason    rule\n"
		       "zone      internal\n"
		       "role      management\n"
		       "row       1\n"
		       "rule      tcp 22 from 10.99.0.0/24\n"
		       "used for  management access (not in the reference)\n");
	CHECK_INT(run("-j verdict in int0 tcp 10.99.0.1 172.25.33.10:22"), 0);
	CHECK_CONTAINS(out, "\"role\": \"management\"");

	CASE("verdict: a dropped packet, audit, an interface not bound: exit 0 for any answer");
	ef_rules_free(&fk.verdict.rule);
	fk.verdict.accept = false;
	fk.verdict.reason = EDGEFW_R_NO_RULE;
	CHECK_INT(run("verdict in int0 udp 10.99.0.1 172.25.33.10:9999"), 0);
	CHECK_STR(out, "verdict   drop\n"
		       "reason    no-rule: no rule of the zone admits it\n"
		       "zone      internal\n");
	CHECK_INT(run("verdict -j in int0 udp 10.99.0.1 172.25.33.10:9999"), 0);
	CHECK_CONTAINS(out, "\"verdict\": \"drop\",\n  \"reason\": \"no-rule\",\n  \"zone\": \"internal\",\n"
			    "  \"role\": null,\n  \"row\": null,\n  \"used_for\": null\n");
	fk.verdict.accept = true;
	fk.verdict.reason = EDGEFW_R_AUDIT;
	CHECK_INT(run("verdict in int0 udp 10.99.0.1 172.25.33.10:9999"), 0);
	CHECK_CONTAINS(out, "reason    audit: no rule admits it; accepted and counted in audit mode\n");
	fk.verdict.reason = EDGEFW_R_UNBOUND;
	fk.verdict.has_zone = false;
	CHECK_INT(run("verdict in mgmt0 tcp 10.99.0.1 10.99.0.10:22"), 0);
	CHECK_STR(out, "verdict   accept\n"
		       "reason    unbound: mgmt0 is not bound, edgefw does not filter it\n");
	fk.verdict.reason = 42;
	CHECK_INT(run("verdict in mgmt0 tcp 10.99.0.1 10.99.0.10:22"), 0);
	CHECK_CONTAINS(out, "reason    42\n");

	CASE("verdict: bad words: exit 2, nothing asked");
	fk.verdicts = 0;
	CHECK_INT(run("verdict in ext0 tcp 1.2.3.4:5 [2001:db8::1]:443"), 2);
	CHECK_STR(err, "edgectl: source and destination are of different families (IPv4 and IPv6)\n");
	CHECK_INT(run("verdict in ext0 sctp 1.2.3.4 5.6.7.8"), 2);
	CHECK_INT(run("verdict in ext0 tcp 1.2.3.4 5.6.7.8 now"), 2);
	CHECK_INT(run("verdict in ext0 tcp 1.2.3.4"), 2);
	CHECK_STR(err, "edgectl: verdict needs a destination\n");
	CHECK_INT(fk.verdicts, 0);
}

void suite_commands(void)
{
	changes();
	save_restore();
	reads();
	exit_status();
	save_file();
	fail_closed();
	safe_changes();
	diffs();
	verdicts();
	fake_reset_all();
	free(out);
	free(err);
	out = err = NULL;
}
