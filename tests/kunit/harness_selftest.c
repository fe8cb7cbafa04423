// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel bugs on purpose, for the selftest of the debug-kernel harnesses
 * (tests/uml/selftest): tests/kunit/run and tests/uml/run must fail when
 * the kernel reports any of them. The parameter "fault" names the bug:
 * kasan (an out-of-bounds write), leak (objects nobody points to any more,
 * for kmemleak), lockdep (two locks taken in both orders), warn (a WARN);
 * none or nothing: no bug. One file, two builds:
 *
 *  - built into the debug kernel (tests/kunit/run puts it in the tree) it
 *    is the KUnit suite "harness_selftest", whose one case commits the bug
 *    that the kernel command line names (harness_selftest.fault=warn) and
 *    is skipped without one;
 *  - built as a module (tests/kunit/run --module DIR) it commits the bug
 *    when loaded: insmod harness_selftest.ko fault=warn.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *fault = "none";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "the bug to commit: none, kasan, leak, lockdep or warn");

/* Not a constant: the compiler must not see the overflow coming. */
static volatile size_t harness_size = 16;

static noinline void harness_kasan(void)
{
	char *p = kmalloc(harness_size, GFP_KERNEL);

	if (!p)
		return;
	p[harness_size] = 1;	/* one past the end */
	kfree(p);
}

static noinline void harness_leak(void)
{
	int i;

	/* Several, and filled: one stale copy of a pointer must not hide all. */
	for (i = 0; i < 4; i++) {
		void *p = kmalloc(200, GFP_KERNEL);

		if (p)
			memset(p, 0x5a, 200);
	}
}

static DEFINE_MUTEX(harness_a);
static DEFINE_MUTEX(harness_b);

static noinline void harness_lockdep(void)
{
	mutex_lock(&harness_a);
	mutex_lock(&harness_b);
	mutex_unlock(&harness_b);
	mutex_unlock(&harness_a);
	/* The other order: with a second thread, a deadlock. */
	mutex_lock(&harness_b);
	mutex_lock(&harness_a);
	mutex_unlock(&harness_a);
	mutex_unlock(&harness_b);
}

/* Commits the bug "fault" names; -EINVAL for a name it does not know. */
static int harness_fault(void)
{
	if (!strcmp(fault, "kasan"))
		harness_kasan();
	else if (!strcmp(fault, "leak"))
		harness_leak();
	else if (!strcmp(fault, "lockdep"))
		harness_lockdep();
	else if (!strcmp(fault, "warn"))
		WARN(1, "harness selftest: deliberate WARN\n");
	else if (strcmp(fault, "none"))
		return -EINVAL;
	return 0;
}

#ifdef MODULE

static int __init harness_init(void)
{
	return harness_fault();
}

static void __exit harness_exit(void)
{
}

module_init(harness_init);
module_exit(harness_exit);
MODULE_LICENSE("GPL");

#else /* built in: the KUnit suite */

#include <kunit/test.h>

static void harness_fault_case(struct kunit *test)
{
	if (!strcmp(fault, "none"))
		kunit_skip(test, "no bug asked for (harness_selftest.fault=kasan|leak|lockdep|warn: tests/uml/selftest)");
	KUNIT_EXPECT_EQ_MSG(test, harness_fault(), 0, "unknown fault %s", fault);
}

static struct kunit_case harness_selftest_cases[] = {
	{ .run_case = harness_fault_case, .name = "fault" },
	{}
};

static struct kunit_suite harness_selftest_suite = {
	.name = "harness_selftest",
	.test_cases = harness_selftest_cases,
};
kunit_test_suite(harness_selftest_suite);

#endif
