# make pictures: the course note's figures, drawn from the running kernel.
# Boots user/thp_pictures (THP fault, fork, split of A's PMD, of B's PMD,
# reclaim splits the page), which prints both processes' /proc/PID/ptdump
# after each step; scripts/pt2dot.py draws each step with Graphviz into
# docs/pictures/stepN.svg and stepN.png. See docs/ptdump.md.
.PHONY: pictures pictures-deps

PICTURES_CMDLINE := $(strip $(CMDLINE) init=/bin/thp_pictures)

# Graphviz's dot: installed when root, otherwise the apt line is printed.
pictures-deps: deps
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "pictures: installing graphviz"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "pictures: Graphviz's dot is missing. Run:"; \
	    echo "  sudo apt-get install -y graphviz"; exit 1; \
	  fi; }

# The boot gets its own initramfs and ISO: other builds may replace
# build/thpkernel.iso meanwhile.
pictures: pictures-deps
	@$(MAKE) --no-print-directory -s kernel user
	@scripts/mkinitramfs.sh $(B)/rootfs $(B)/pictures.cpio
	@CMDLINE='$(PICTURES_CMDLINE)' scripts/mkiso.sh $(B)/kernel.elf $(B)/pictures.cpio $(B)/pictures.iso
	@echo "pictures: booting $(PICTURES_CMDLINE) (serial log: $(B)/pictures.serial)"
	@SERIAL_LOG=$(B)/pictures.serial TIMEOUT=300 scripts/run-qemu.sh $(B)/pictures.iso \
	  </dev/null >$(B)/pictures.out 2>&1 || { \
	  echo "pictures: thp_pictures failed (exit $$?); the end of $(B)/pictures.serial:"; \
	  tail -n 20 $(B)/pictures.serial; exit 1; }
	@mkdir -p docs/pictures
	@scripts/pt2dot.py --steps $(B)/pictures.serial docs/pictures
