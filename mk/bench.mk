# make bench: user/bench_*.c on thpkernel and on Debian's Linux 6.1 in the
# same QEMU machine (-mem-prealloc), RUNS rounds alternating the kernels, and
# one table (median [min-max], ratio thpkernel/Linux); see scripts/bench.sh.
# Timing is reported, never judged.
#   make bench                    every benchmark, RUNS=3
#   make bench B='fault_touch vma' RUNS=5
#   make bench KERNELS=thpkernel  without Linux
.PHONY: bench

bench: deps
	@scripts/bench.sh $(B)
