#!/usr/bin/env python3
"""Print the benchmark table of scripts/bench.sh as Markdown.

usage: bench-table.py RESULTS.tsv [LABEL=OTHER.tsv ...] [--skip PREFIX ...]

RESULTS.tsv has one line per measured value:
    kernel  run  name  value  unit  accelerator
(kernel is "thpkernel" or "linux"). For every benchmark name the table gives
each kernel's median with [min-max] over the runs, the ratio of the medians
and the ratio of the minimums (thpkernel / Linux: below 1 means thpkernel
took less time, except for a "_rate" line; the minimum is the run least
disturbed by other work on the host), the issue's target and the accelerator.

Each LABEL=OTHER.tsv adds a column with the thpkernel values of another run
(e.g. a kernel with a fix, measured with THP_KERNEL=... KERNELS=thpkernel)
and its ratio to the Linux medians of RESULTS.tsv. --skip PREFIX leaves out
the benchmarks whose names start with PREFIX.
"""
import statistics
import sys
from collections import OrderedDict

# Targets of issue 9 (thpkernel / Linux, same run).
TARGETS = {
    "fault_touch_thp": 0.5,
    "fault_touch_4k": 1.0,
    "collapse_khugepaged": 0.5,
    "boot_to_init": 0.15,
}


def fmt(x):
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def cell(values):
    if not values:
        return "-"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{fmt(med)} (1 run)"
    return f"{fmt(med)} [{fmt(min(values))}-{fmt(max(values))}]"


def load(path):
    data = OrderedDict()   # name -> {"unit", "accel", kernel -> [values]}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 6:
                continue
            kernel, _run, name, value, unit, accel = parts
            try:
                v = float(value)
            except ValueError:
                continue
            d = data.setdefault(name, {"unit": unit, "accel": set(), "thpkernel": [], "linux": []})
            d["accel"].add(accel)
            d.setdefault(kernel, []).append(v)
    return data


def ratio(a, b):
    if a and b and statistics.median(b) != 0:
        return f"{statistics.median(a) / statistics.median(b):.2f}x"
    return "-"


def main():
    args = sys.argv[1:]
    skip = []
    while "--skip" in args:
        i = args.index("--skip")
        skip.append(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__)
    data = load(args[0])
    extra = []
    for a in args[1:]:
        label, _, path = a.partition("=")
        extra.append((label, load(path)))

    # boot_to_init and host_load last: they come from every boot
    last = [n for n in ("boot_to_init", "host_load") if n in data]
    names = [n for n in data if n not in last and not any(n.startswith(p) for p in skip)] + last
    head = ["benchmark", "thpkernel median [min-max]", "Linux median [min-max]", "ratio thp/Linux",
            "ratio of mins"]
    for label, _ in extra:
        head += [f"{label} median [min-max]", f"ratio {label}/Linux"]
    rows = [tuple(head + ["target", "accel"])]
    for name in names:
        d = data[name]
        t, l = d["thpkernel"], d["linux"]
        r = r_min = "-"
        if name != "host_load":
            r = ratio(t, l)
            if t and l and min(l) != 0:
                r_min = f"{min(t) / min(l):.2f}x"
        row = [f"{name} ({d['unit']})", cell(t), cell(l), r, r_min]
        for _, other in extra:
            o = other.get(name, {}).get("thpkernel", [])
            row += [cell(o), ratio(o, l) if name != "host_load" else "-"]
        target = f"<= {TARGETS[name]}x" if name in TARGETS else ""
        rows.append(tuple(row + [target, "/".join(sorted(d["accel"]))]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
