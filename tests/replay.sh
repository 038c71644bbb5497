#!/usr/bin/env bash
# The replay check of make test: one seed, one run. Boots thpstress twice with
# the same seed and the same jitter= (QEMU counting instructions, -icount), each
# process doing a fixed number of operations, and compares the 14 event counts
# the two runs print (scripts/stress.sh --replay; docs/reliability.md §3).
# Prints exactly one line, PASS or FAIL with the counts that differ; the
# consoles and stress.sh's report are kept in build/test-logs/replay-*.
# Environment: REPLAY_SEED (1), REPLAY_OPS (operations per process, 1200),
# REPLAY_PROCS (2); about 45 s under TCG on this project's machines.
set -uo pipefail
cd "$(dirname "$0")/.."
name=stress_replay_same_seed_same_event_counts
logs=build/test-logs
mkdir -p "$logs"
log=$logs/replay-stress.log

# SECONDS is only thpstress's limit (in the guest's clock): -n ends the runs.
OPS=${REPLAY_OPS:-1200} ICOUNT=5 JITTER=${REPLAY_SEED:-1} TIMEOUT=150 \
	SERIAL_PREFIX=$logs/replay STRESS_ARGS= CMDLINE= \
	scripts/stress.sh --replay 600 "${REPLAY_PROCS:-2}" "${REPLAY_SEED:-1}" >"$log" 2>&1
rc=$?

# what went wrong, from stress.sh's report: crashes, time-outs, failed runs,
# operations or event counts that differ between the runs
why=$(sed -n -e 's/^stress\.sh: FAIL \(.*\);.*/\1/p' \
	-e 's/^thpstress: FAIL.*/thpstress failed/p' \
	-e 's/^  operations: DIFFER.*/operations differ/p' \
	-e 's/^  \([a-z_]*\) *run 1: \([^ ]*\) *run 2: \(.*\)$/\1 \2 vs \3/p' "$log" |
	awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')
if [ "$rc" -eq 0 ] && grep -c '^stress\.sh: replay: all [0-9]* event counts match' "$log" >/dev/null; then
	echo "PASS $name"
else
	echo "FAIL $name: ${why:-stress.sh exited $rc} (see $log)"
fi
