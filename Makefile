# thpkernel: every build, run, test and debug entry point.
#
#   make run      build the kernel, the user programs and the ISO; boot in QEMU
#   make test     host unit tests, the in-guest suite, the GDB smoke test
#   make debug    QEMU halted with its GDB stub;   make gdb   attach GDB
#
# Variables that work for every run/test/bench target:
#   CMDLINE='init=/bin/prog args ...'   kernel command line
#   ROOTFS_EXTRA=DIR                    DIR's files are added to the initramfs
#   QEMU_EXTRA='...'                    appended to QEMU's command line
#   MEM=1G SMP=1 ACCEL=tcg|kvm          machine size and accelerator
#   CROSS=x86_64-elf-                   cross toolchain prefix

CROSS   ?=
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
NM      := $(CROSS)nm
STRIP   := $(CROSS)strip
MUSLCC  ?= musl-gcc
HOSTCC  ?= gcc

B := build

# every core by default (make -jN on the command line still wins)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc)
endif

CMDLINE      ?=
ROOTFS_EXTRA ?=
QEMU_EXTRA   ?=
MEM          ?= 1G
SMP          ?= 1
ACCEL        ?= auto
export CMDLINE ROOTFS_EXTRA QEMU_EXTRA MEM SMP ACCEL STRIP

# ---- kernel --------------------------------------------------------------
KSRC := $(wildcard boot/*.S arch/x86_64/*.c arch/x86_64/*.S kernel/*.c kernel/fs/*.c mm/*.c lib/*.c)
KOBJ := $(patsubst %,$(B)/%.o,$(basename $(KSRC)))

KCFLAGS := -std=gnu11 -O2 -g -DCONFIG_DEBUG_VM -fno-asynchronous-unwind-tables -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration \
	-ffreestanding -fno-builtin -fno-stack-protector -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-Iinclude -Iarch/x86_64/include -MMD -MP
KASFLAGS := $(KCFLAGS) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld

.PHONY: all kernel user iso run test debug gdb debug-int clean deps host-test

all: $(B)/thpkernel.iso

kernel: $(B)/kernel.elf

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -c $< -o $@

# Two links: the first finds every function's address, the second embeds
# the sorted symbol table (kallsyms) that panic backtraces print from. The
# table sits in the last section, so it cannot move any other symbol.
$(B)/kernel.elf: $(KOBJ) linker.ld scripts/gen-kallsyms.sh
	@scripts/gen-kallsyms.sh $(NM) /dev/null > $(B)/kallsyms0.S
	@$(CC) $(KASFLAGS) -c $(B)/kallsyms0.S -o $(B)/kallsyms0.o
	@$(LD) $(KLDFLAGS) -o $(B)/kernel.pass1 $(KOBJ) $(B)/kallsyms0.o
	@scripts/gen-kallsyms.sh $(NM) $(B)/kernel.pass1 > $(B)/kallsyms.S
	@$(CC) $(KASFLAGS) -c $(B)/kallsyms.S -o $(B)/kallsyms.o
	@$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/kallsyms.o
	@$(NM) -n $(B)/kernel.pass1 | grep -v -e kallsyms -e " _end$$" > $(B)/nm1; $(NM) -n $@ | grep -v -e kallsyms -e " _end$$" > $(B)/nm2; \
	 cmp -s $(B)/nm1 $(B)/nm2 || { echo "kallsyms moved symbols"; exit 1; }

-include $(KOBJ:.o=.d)

# ---- user programs (static musl; same binaries run on Linux) -------------
# Each function in a section of its own, and the linker drops those nobody
# calls: a program then carries only the parts of user/lib it uses (the
# initramfs shrinks by a third, and GRUB reads it at every boot).
UCFLAGS := -static -O2 -g -Wall -Wextra -Iuser/lib -ffunction-sections -fdata-sections -Wl,--gc-sections
ULIB    := $(B)/user/libuser.a
ULIBOBJ := $(patsubst user/lib/%.c,$(B)/user/lib/%.o,$(wildcard user/lib/*.c))
UPROGS  := $(patsubst user/%.c,$(B)/rootfs/bin/%,$(wildcard user/*.c))
UTESTS  := $(patsubst user/tests/%.c,$(B)/rootfs/bin/tests/%,$(wildcard user/tests/*.c))

user: $(UPROGS) $(UTESTS)

# user/lib (testlib, bench) is compiled once and linked from an archive
$(B)/user/lib/%.o: user/lib/%.c $(wildcard user/lib/*.h)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSLCC) $(UCFLAGS) -c -o $@ $<

$(ULIB): $(ULIBOBJ)
	@rm -f $@
	@$(AR) rcs $@ $^

$(B)/rootfs/bin/%: user/%.c $(ULIB) $(wildcard user/lib/*.h)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSLCC) $(UCFLAGS) -o $@ $< $(ULIB)

$(B)/rootfs/bin/tests/%: user/tests/%.c $(ULIB) $(wildcard user/lib/*.h)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSLCC) $(UCFLAGS) -o $@ $< $(ULIB)

# ---- initramfs and ISO ---------------------------------------------------
# Rebuilt on every run: CMDLINE and ROOTFS_EXTRA change between runs.
iso $(B)/thpkernel.iso: $(B)/kernel.elf user FORCE
	@scripts/mkinitramfs.sh $(B)/rootfs $(B)/initramfs.cpio
	@scripts/mkiso.sh $(B)/kernel.elf $(B)/initramfs.cpio $(B)/thpkernel.iso

FORCE:

deps:
	@scripts/install-deps.sh

# ---- run, debug ----------------------------------------------------------
# make can only exit 0, 1 or 2; `make run` must exit with init's status, so
# the boot records it and a tiny make plugin (scripts/make-exit.c) exits.
-load $(B)/make-exit.so(make_exit_gmk_setup)
$(B)/make-exit.so: scripts/make-exit.c
	@mkdir -p $(B)
	@$(HOSTCC) -shared -fPIC -O2 -o $@ $<

run: run-boot
	@$(exit-status $(file <$(B)/run.status))

.PHONY: run-boot
run-boot: deps
	@$(MAKE) --no-print-directory -s all
	@scripts/run-qemu.sh $(B)/thpkernel.iso; echo $$? >$(B)/run.status

debug: deps
	@$(MAKE) --no-print-directory -s all
	scripts/debug.sh qemu $(B)/thpkernel.iso

gdb:
	scripts/debug.sh gdb $(B)/kernel.elf

# QEMU logs every interrupt and CPU reset: a triple fault shows its cause.
debug-int: deps
	@$(MAKE) --no-print-directory -s all
	QEMU_EXTRA="$(QEMU_EXTRA) -no-reboot -no-shutdown -d int,cpu_reset -D qemu.log" scripts/run-qemu.sh $(B)/thpkernel.iso

# ---- tests ---------------------------------------------------------------
host-test:
	@scripts/host-tests.sh

test: deps
	@tests/run-all.sh

clean:
	rm -rf $(B) iso

# More targets (bench, test-linux, fuzz, stress, labs, pictures) live in
# mk/*.mk, one file per topic.
-include $(wildcard mk/*.mk)
