// SPDX-License-Identifier: GPL-2.0
/*
 * A module that misbehaves on purpose, for tests/vm/selftest.sh: loaded
 * on the debug kernel it must make the run fail with the report that
 * names what it did.
 *
 *   insmod l7faulty.ko leak=1   16 objects lost: a kmemleak report
 *   insmod l7faulty.ko oob=1    a read past a kmalloc'd object: KASAN
 *
 * Leaks are 16 objects, not one: the last pointer can stay in a stale
 * stack slot that kmemleak scans, and that one is then not reported.
 */
#include <linux/module.h>
#include <linux/slab.h>

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "lose 16 allocations");
static bool oob;
module_param(oob, bool, 0444);
MODULE_PARM_DESC(oob, "read one byte past an allocation");

#define L7FAULTY_LEAKS 16

/*
 * Not __init: the module stays loaded, and the leak's backtrace names
 * this function only while its code is still there.
 */
static noinline int l7faulty_leak(void)
{
	char *p;
	int i;

	for (i = 0; i < L7FAULTY_LEAKS; i++) {
		p = kmalloc(128, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		/* In use, then forgotten. */
		memset(p, 0x6c, 128);
	}
	return 0;
}

static int __init l7faulty_init(void)
{
	char *p;

	if (leak && l7faulty_leak())
		return -ENOMEM;
	if (oob) {
		p = kmalloc(16, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		/* Hidden from the compiler, which would refuse the access. */
		OPTIMIZER_HIDE_VAR(p);
		pr_info("l7faulty: the byte after the object: %d\n", READ_ONCE(p[16]));
		kfree(p);
	}
	return 0;
}

static void __exit l7faulty_exit(void)
{
}

module_init(l7faulty_init);
module_exit(l7faulty_exit);
MODULE_DESCRIPTION("Leaks or reads out of bounds on request, for the test bed's selftest");
MODULE_LICENSE("GPL");
