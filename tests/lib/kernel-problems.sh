# shellcheck shell=bash
# What in a kernel log means a kernel bug: one extended regular expression
# for every harness that judges a log (tests/vm/guest and tests/vm/run,
# tests/uml/init and tests/uml/run). Source it; it sets KERNEL_PROBLEMS.
#
# Each report has a header line that matches (WARN: "WARNING:", BUG() and
# KASAN/UBSAN/lockdep: "BUG:"/"WARNING:"/"INFO:", the watchdogs: "soft
# lockup", "detected stalls", "blocked for more than"); the lines of its
# backtrace need not. "BUG " (with a space) is SLUB's object debugging.
KERNEL_PROBLEMS='Oops|WARNING:|BUG:|BUG |kernel BUG|KASAN|UBSAN|INFO:|cut here|Kernel panic|general protection|refcount_t:|list_(add|del) corruption|blocked for more than|rcu.*(stall|detected stalls)|soft lockup|suspected memory leak'
