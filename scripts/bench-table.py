#!/usr/bin/env python3
"""Print the benchmark tables of scripts/bench.sh as Markdown.

usage: bench-table.py RESULTS.tsv [LABEL=OTHER.tsv ...] [--skip PREFIX ...]

RESULTS.tsv has one line per measured value:
    kernel  run  name  value  unit  accelerator
(kernel is "thpkernel" or "linux"). Three tables:

1. thpkernel next to Linux: for every benchmark name each kernel's median with
   [min-max] over the runs, the ratio of the medians and the ratio of the
   minimums (thpkernel / Linux: below 1 means thpkernel took less time, except
   for a "_rate" line; the minimum is the run least disturbed by other work on
   the host), the issue's target and the accelerator.
2. Latency percentiles (the "lat_LABEL_p50/_p99/_count" values): the median and
   99th percentile of one THP operation's duration, from thpkernel's
   /sys/kernel/debug/thp/latency, which Linux does not have.
3. thp_policy=linux vs thp_policy=reserve (the "policy_NAME_POLICY" values of
   bench_policies), both on thpkernel, with Linux 6.1's own policy beside them.

Each LABEL=OTHER.tsv adds a column to table 1 with the thpkernel values of
another run (e.g. a kernel with a fix, measured with THP_KERNEL=...
KERNELS=thpkernel) and its ratio to the Linux medians of RESULTS.tsv.
--skip PREFIX leaves out the benchmarks whose names start with PREFIX.
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


def cell(values, whole=False):
    if not values:
        return "-"
    f = (lambda x: f"{x:.0f}") if whole else fmt   # whole: counts
    med = statistics.median(values)
    if len(values) == 1:
        return f"{f(med)} (1 run)"
    return f"{f(med)} [{f(min(values))}-{f(max(values))}]"


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


# Table 2: what each latency label measured (the benchmark and the histogram).
LATENCY = OrderedDict([
    ("fault_4k", "one 4 KiB fault (fault_touch, MADV_NOHUGEPAGE; histogram fault_4k)"),
    ("fault_2m", "one 2 MiB fault (fault_touch, MADV_HUGEPAGE; fault_2m)"),
    ("collapse_khugepaged", "one collapse by khugepaged (collapse_rate; collapse)"),
    ("collapse_madv", "one collapse by MADV_COLLAPSE (collapse_rate; collapse)"),
    ("split_pmd", "one PMD split by a munmap (split; split_pmd)"),
    ("split_page", "one page split by reclaim (split; split_page)"),
])

# Table 3: what each policy measurement is (bench_policies.c).
POLICY = OrderedDict([
    ("fault_touch", "first touch, one write per 4 KiB, MADV_HUGEPAGE"),
    ("fault_p50", "one fault of that touch: median"),
    ("fault_p99", "one fault of that touch: 99th percentile"),
    ("fault_max", "one fault of that touch: the slowest"),
    ("make_thp", "4 KiB pages into THPs: khugepaged's copies (linux) / promotions (reserve), kernel time"),
    ("make_thp_p50", "the same, per THP: median"),
    ("khugepaged", "khugepaged collapsing the range, wall clock"),
    ("tlb", "dependent random reads over the range, per read"),
    ("sparse_rss", "sparse (one write per 64 KiB): Rss"),
    ("sparse_taken", "sparse: memory taken from the free lists"),
])


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def groups(data, prefix, suffixes, known):
    """The BASEs of the names PREFIX + BASE + "_" + SUFFIX in data, with their unit:
    those of known first, in its order, then the others as they come."""
    found = OrderedDict()
    for name in data:
        if name.startswith(prefix):
            base, _, suffix = name[len(prefix):].rpartition("_")
            if suffix in suffixes:
                found.setdefault(base, data[name]["unit"])
    return OrderedDict([(b, found[b]) for b in known if b in found] +
                       [(b, u) for b, u in found.items() if b not in known])


def latency_table(data):
    labels = groups(data, "lat_", ("p50", "p99", "count"), LATENCY)
    if not labels:
        return
    print()
    print("Latency of one THP operation on thpkernel (`/sys/kernel/debug/thp/latency`, ours: Linux has no such")
    print("file): median and 99th percentile, estimated within the histogram's power-of-two buckets; each cell")
    print("is the median [min-max] over the runs.")
    print()
    rows = [("operation (benchmark; histogram)", "events", "median (us)", "99th percentile (us)", "accel")]
    for label in labels:
        get = lambda what: data.get(f"lat_{label}_{what}", {})
        accel = set()
        for what in ("p50", "p99", "count"):
            accel |= get(what).get("accel", set())
        rows.append((LATENCY.get(label, label), cell(get("count").get("thpkernel", []), whole=True),
                     cell(get("p50").get("thpkernel", [])), cell(get("p99").get("thpkernel", [])),
                     "/".join(sorted(accel))))
    table(rows)


def policy_table(data):
    metrics = groups(data, "policy_", ("linux", "reserve"), POLICY)
    if not metrics:
        return
    print()
    print("thpkernel's two THP policies (bench_policies; docs/policies.md), switched at run time in one boot;")
    print("Linux 6.1 (its only policy) beside them. Median [min-max] over the runs.")
    print()
    rows = [("measurement", "thp_policy=linux", "thp_policy=reserve", "reserve/linux", "Linux 6.1")]
    for m, unit in metrics.items():
        lin = data.get(f"policy_{m}_linux", {})
        res = data.get(f"policy_{m}_reserve", {})
        t_lin, t_res = lin.get("thpkernel", []), res.get("thpkernel", [])
        r = f"{fmt(statistics.median(t_res) / statistics.median(t_lin))}x" if t_lin and t_res and \
            statistics.median(t_lin) else "-"
        rows.append((f"{POLICY.get(m, m)} ({unit})", cell(t_lin), cell(t_res), r,
                     cell(lin.get("linux", []))))
    table(rows)


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
    data = OrderedDict((n, d) for n, d in data.items() if not any(n.startswith(p) for p in skip))
    extra = []
    for a in args[1:]:
        label, _, path = a.partition("=")
        extra.append((label, load(path)))

    # boot_to_init and host_load last: they come from every boot
    last = [n for n in ("boot_to_init", "host_load") if n in data]
    names = [n for n in data if n not in last and not n.startswith(("lat_", "policy_"))] + last
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
    if len(rows) > 1:
        table(rows)
    latency_table(data)
    policy_table(data)


if __name__ == "__main__":
    main()
