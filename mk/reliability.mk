# Reliability: the system-call fuzzer and the THP stress test, each booted as init
# with debug_vm (docs/reliability.md). Short runs of both are in the in-guest suite
# (user/tests/fuzz_short.c, user/tests/stress_short.c).
#   make fuzz SEED=N CALLS=M [PROCS=4] [FUZZ_ARGS='-v -w 2 -o mmap,fork'] [ICOUNT=5]
#   make stress SECONDS=N [PROCS=4] [SEED=1] [JITTER=S] [STRESS_ARGS=-H] [ICOUNT=5]
#   make stress-replay SECONDS=N [PROCS=4] [SEED=1] [OPS=4000]: the same run twice,
#                     event counts compared (scripts/stress.sh --replay)
# ICOUNT=N runs QEMU with -icount shift=N,sleep=off: one seed, one interleaving.
SEED    ?= 1
CALLS   ?= 20000
PROCS   ?= 4
SECONDS ?= 60
export FUZZ_ARGS STRESS_ARGS JITTER OPS ICOUNT

.PHONY: fuzz stress stress-replay

fuzz: deps
	@scripts/fuzz.sh $(SEED) $(CALLS) $(PROCS)

stress: deps
	@scripts/stress.sh $(SECONDS) $(PROCS) $(SEED)

stress-replay: deps
	@scripts/stress.sh --replay $(SECONDS) $(PROCS) $(SEED)
