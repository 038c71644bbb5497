#!/usr/bin/env bash
# The conformance step of `make test`: the in-guest suite on Debian's own
# Linux 6.1 (scripts/test-linux.sh), so that every test of behaviour Linux
# shares is checked against Linux on every run, not only by `make test-linux`.
#
# Prints one line per test, as tests/run-all.sh counts them:
#   PASS linux:NAME             passed on Linux
#   FAIL linux:NAME (why)       failed there, or ran into trouble (no result,
#                               an ours-only test that did not skip, ...)
#   SKIP linux:NAME (reason)    not counted: ours only (user/tests/ours_only.txt),
#                               or the test says this Linux lacks the behaviour
# and a FAIL linux:fetch / linux:boot line when Linux could not be fetched or
# did not finish. Exit 1 when anything failed.
#
# On a clean clone (CI) the kernel package is not there yet:
# scripts/fetch-linux.sh downloads it (apt-get download, 70 MB; dpkg -x into
# build/linux/, nothing installed) and, as root on a machine whose apt cache
# is empty, runs apt-get update first. Measured on this project's machine:
# 12 s with the apt cache filled, 18 s from an empty one. Then the suite on
# Linux under TCG: about 2 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
log_dir=build/test-logs
mkdir -p "$log_dir"

t0=$(date +%s)
if ! ls build/linux/boot/vmlinuz-* >/dev/null 2>&1; then
	echo "linux: fetching Debian's Linux 6.1 package (scripts/fetch-linux.sh)"
	if ! scripts/fetch-linux.sh >"$log_dir/linux-fetch.log" 2>&1; then
		echo "FAIL linux:fetch (scripts/fetch-linux.sh failed; last lines of $log_dir/linux-fetch.log:)"
		tail -n 10 "$log_dir/linux-fetch.log" | sed 's/^/    /'
		exit 1
	fi
	echo "linux: fetched in $(($(date +%s) - t0)) s: $(tail -n 1 "$log_dir/linux-fetch.log")"
fi

# test-linux.sh packs its own initramfs from build/rootfs and keeps the
# console in build/test-logs/linux.serial; its lines are already in the form
# above. Anything else it prints (the banner, make's output) goes to the log.
SERIAL_LOG="$log_dir/linux.serial" scripts/test-linux.sh >"$log_dir/linux-run.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP) linux:' "$log_dir/linux-run.log"
# A run that printed no verdict at all (a build failure, a script error) must
# not pass silently.
if [ $rc -ne 0 ] && ! grep -q '^FAIL linux:' "$log_dir/linux-run.log"; then
	echo "FAIL linux:run (scripts/test-linux.sh exited $rc; last lines of $log_dir/linux-run.log:)"
	tail -n 15 "$log_dir/linux-run.log" | sed 's/^/    /'
fi
summary=$(grep '^test-linux: ' "$log_dir/linux-run.log" | tail -n 1)
echo "linux: ${summary#test-linux: }; $(($(date +%s) - t0)) s in all"
[ $rc -eq 0 ]
