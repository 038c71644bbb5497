# make bench: user/bench_*.c on thpkernel and on Debian's Linux 6.1 in the
# same QEMU machine (-mem-prealloc), RUNS rounds alternating the kernels, and
# three tables (median [min-max]): thpkernel / Linux, the latency percentiles
# of THP faults, collapses and splits (thpkernel only), thp_policy=linux /
# reserve; see scripts/bench.sh. Timing is reported, never judged.
#   make bench                    every benchmark, RUNS=3
#   make bench BENCH='fault_touch vma' RUNS=5
#   make bench BENCH='fault_touch collapse_rate split policies'   the latency and policy tables
#   make bench KERNELS=thpkernel  without Linux
# (not B=: B is the build directory of the main Makefile)
.PHONY: bench

bench: deps
	@scripts/bench.sh $(BENCH)
