# SPDX-License-Identifier: GPL-2.0
#
# edgefw top-level Makefile. The module itself is described by Kbuild; this
# file only drives kbuild, the CLI, installation, DKMS and the test layers.
#
#   make [KVER=6.1|6.12|6.1.0-56-amd64 | KDIR=/path/to/build]   module + edgectl
#   make check           everything CI runs
#   make help            all targets
#
# Every target a user runs installs the Debian packages it needs first
# (tests/deps, through the `deps` prerequisite; tests/pkg/run checks that
# each `make` command in the README does).

# Kernel to build against. Default: the running kernel if its headers are
# installed, else Debian's 6.1 kernel (the VMs' kernel; this host's own
# kernel cannot load modules and has no headers). KVER=6.1 / KVER=6.12: the
# Debian kernel of that series (tests/kver). Resolved once, when a recipe
# first needs it, not when this file is read: by then tests/deps has run
# apt-get update, and a fresh machine's stale package lists name an older
# kernel (or none).
ifeq ($(origin KVER),undefined)
KVER = $(eval KVER := $$(shell r=$$$$(uname -r); if [ -d /lib/modules/$$$$r/build ]; then echo $$$$r; else tests/kver 6.1; fi))$(KVER)
else ifneq ($(filter 6.1 6.12,$(KVER)),)
kseries := $(KVER)
override KVER = $(eval override KVER := $$(shell tests/kver $(kseries)))$(KVER)
endif
KDIR ?= /lib/modules/$(KVER)/build

# The project's one version (module, edgectl, DKMS, packages).
VERSION := $(shell cat VERSION)

PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# Units of packages go to /lib/systemd/system; a local install to /etc.
ifeq ($(PREFIX),/usr)
SYSTEMDUNITDIR ?= /lib/systemd/system
else
SYSTEMDUNITDIR ?= /etc/systemd/system
endif

SHELL := /bin/bash

KBUILD = $(MAKE) -C $(KDIR) M=$(CURDIR) CONFIG_EDGEFW=m

.PHONY: all deps module ctl clean install install-files deb dkms-install \
	dkms-remove check demo style sparse kunit unit vm-check bench soak mutants \
	help kdir

all: module ctl

# Installs (or finds present) every Debian package the build and the tests
# need; a prerequisite of everything that needs one of them.
deps:
	tests/deps

kdir: deps
	@test -n "$(KVER)" || { echo "cannot tell which kernel to build for: set KVER= or KDIR=, or run tests/deps" >&2; exit 1; }
	@test -d "$(KDIR)" || { echo "no kernel build tree at $(KDIR): install linux-headers-$(KVER) (tests/deps) or set KDIR=" >&2; exit 1; }

module: kdir
	$(KBUILD) modules

ctl: deps
	$(MAKE) -C ctl

clean:
	if [ -d "$(KDIR)" ]; then $(KBUILD) clean; fi
	rm -f kmod/*.o kmod/.*.cmd *.o *.ko *.mod *.mod.c .*.cmd Module.symvers modules.order
	if [ -f ctl/Makefile ]; then $(MAKE) -C ctl clean; fi
	$(MAKE) -C tests/bench clean KDIR=$(KDIR)

install: ctl
	$(MAKE) install-files

# What `make install` puts in place, without building or installing build
# dependencies (debian/rules installs edgectl's package with it). The units
# name /usr/sbin/edgectl: they get the path of this PREFIX. Every unit in
# ctl/: edgefw.service, and the Prometheus textfile units (edgectl(8),
# PROMETHEUS), which are installed, not enabled.
UNITS := $(notdir $(wildcard ctl/*.service ctl/*.timer))
install-files:
	install -D -m 0755 ctl/edgectl $(DESTDIR)$(SBINDIR)/edgectl
	install -D -m 0644 docs/edgectl.8 $(DESTDIR)$(MANDIR)/man8/edgectl.8
	install -D -m 0644 ctl/edgectl.bash-completion $(DESTDIR)$(BASHCOMPDIR)/edgectl
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	for u in $(UNITS); do \
		sed 's|/usr/sbin/edgectl|$(SBINDIR)/edgectl|g' ctl/$$u \
			> $(DESTDIR)$(SYSTEMDUNITDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/$$u || exit 1; \
	done

# edgefw-dkms_$(VERSION)_all.deb and edgectl_$(VERSION)_amd64.deb in dist/,
# checked by lintian (scripts/deb).
deb: deps
	scripts/deb

# Registers the module sources with DKMS as edgefw/$(VERSION) and installs
# the module for $(KVER); previous versions are removed first.
dkms-install: kdir
	scripts/dkms install $(KVER)

dkms-remove: deps
	scripts/dkms remove

check: deps
	tests/check

vm-check: deps
	tests/check vm selftest

unit: deps
	tests/unit/run

kunit: deps
	tests/kunit/run

# Boots Debian's kernel with the module installed by DKMS and runs the demo.
demo: deps all dkms-install
	tests/vm/run --kernel $(KVER) tests/vm/demo.sh

# checkpatch.pl from the linux-source-6.1 package (unpacked once into the
# cache: only checkpatch and its data files, not the whole tree).
CHECKPATCH_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/edgefw/checkpatch
LINUX_SOURCE := /usr/src/linux-source-6.1.tar.xz
STYLE_FILES = $(wildcard kmod/*.[ch] uapi/linux/*.h)

# linux-source-6.1 (tests/deps) provides it.
$(LINUX_SOURCE): | deps

$(CHECKPATCH_DIR)/scripts/checkpatch.pl: $(LINUX_SOURCE)
	rm -rf $(CHECKPATCH_DIR) && mkdir -p $(CHECKPATCH_DIR)
	tar -xJf $(LINUX_SOURCE) -C $(CHECKPATCH_DIR) --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
	touch $@

style: deps $(CHECKPATCH_DIR)/scripts/checkpatch.pl
	$(CHECKPATCH_DIR)/scripts/checkpatch.pl --strict --no-tree --show-types -f $(STYLE_FILES)

# sparse over every file of the module (C=2 re-checks even if up to date);
# kbuild does not fail on sparse warnings, so look for them.
sparse: kdir
	@set -o pipefail; $(KBUILD) C=2 modules 2>&1 | tee .sparse.log || { rm -f .sparse.log; exit 1; }; \
	if grep -qE '(warning|error):' .sparse.log; then \
		rm -f .sparse.log; echo "make sparse: sparse found problems (above)" >&2; exit 1; fi; \
	rm -f .sparse.log

# The hostile and concurrency tests of make check, run longer: on both
# kernels, SOAK_MINUTES of fuzzing (a new seed each time) and of changes
# under traffic; then SOAK_MINUTES of fuzzing in the debug kernel (KASAN,
# kmemleak, lockdep, UBSAN) and allocation failure injection there.
SOAK_MINUTES ?= 10
SOAK_SEED ?= $(shell date +%s)
soak: all
	$(MAKE) -s -C tests/hostile
	set -e; for k in 6.1 6.12; do \
		EDGEFW_VM_TIMEOUT=$$(($(SOAK_MINUTES) * 120 + 600)) \
		tests/vm/run --kernel $$k tests/vm/t_hostile.sh \
			EDGEFW_FUZZ_SEED=$(SOAK_SEED) EDGEFW_FUZZ_COUNT=100000000 \
			EDGEFW_FUZZ_SECONDS=$$(($(SOAK_MINUTES) * 60)) EDGEFW_CHURN=5000; \
		EDGEFW_VM_TIMEOUT=$$(($(SOAK_MINUTES) * 120 + 600)) \
		tests/vm/run --kernel $$k tests/vm/t_stress.sh \
			EDGEFW_STRESS_P1=$$(($(SOAK_MINUTES) * 20)) \
			EDGEFW_STRESS_P2=$$(($(SOAK_MINUTES) * 20)) \
			EDGEFW_STRESS_P3=$$(($(SOAK_MINUTES) * 20)); \
	done
	EDGEFW_UML_TIMEOUT=$$(($(SOAK_MINUTES) * 120 + 600)) \
	tests/uml/run tests/uml/t_hostile.sh \
		EDGEFW_FUZZ_SEED=$(SOAK_SEED) EDGEFW_FUZZ_COUNT=100000000 \
		EDGEFW_FUZZ_SECONDS=$$(($(SOAK_MINUTES) * 60)) EDGEFW_CHURN=5000
	tests/uml/run tests/uml/t_failslab.sh

# The benchmarks (tests/bench/run), in instructions (qemu -icount) and in
# wall clock: classifier cost per lookup, control plane times, memory,
# packets per second against no filter, empty hooks and nftables, the A/V
# edge under a UDP flood, what the module costs namespaces that never use
# it; report in docs/bench/ (docs/BENCHMARKS.md
# explains it). Not part of check. Settings: BENCH_SESSIONS, BENCH_PARTS,
# BENCH_VARIANTS, BENCH_KINDS, BENCH_ROUNDS, BENCH_KERNEL, ...
bench: all
	tests/bench/run

# Deliberate faults the tests must notice (tests/mutants/list); slow: not
# part of check.
mutants: deps
	tests/mutants/run

help:
	@echo "targets:"
	@echo "  all (default)  module (edgefw.ko for KVER=$(KVER)) and ctl (ctl/edgectl)"
	@echo "  install        edgectl, man page, bash completion, systemd unit (PREFIX, DESTDIR)"
	@echo "  deb            Debian packages edgefw-dkms and edgectl in dist/ (lintian-checked)"
	@echo "  deps           install the Debian packages the build and the tests need"
	@echo "  dkms-install   register edgefw/$(VERSION) with DKMS and install it for KVER"
	@echo "  dkms-remove    unregister every version of edgefw from DKMS"
	@echo "  check          all test layers (tests/check); vm-check, unit, kunit: one layer"
	@echo "  demo           boot a VM with the module and run tests/vm/demo.sh"
	@echo "  soak           hostile and concurrency tests, SOAK_MINUTES (10) each, both kernels"
	@echo "  bench          benchmarks in VMs (about 1 h 50 min); report in docs/bench/"
	@echo "  mutants        deliberate faults the tests must notice (tests/mutants/list)"
	@echo "  style sparse   checkpatch --strict and sparse over the module"
	@echo "  clean"
