#!/usr/bin/env python3
"""pt2dot: draw thpkernel's /proc/PID/ptdump text (docs/ptdump.md) with Graphviz.

Each process is a tree PGD -> PUD table -> PMD table -> huge page, or -> PTE
table -> 4 KiB pages; every PMD table has its deposited PTE tables beside it;
the physical pages sit on the right, so two processes (drawn one above the
other) that share a THP point at the same picture of it.

  pt2dot.py --steps LOG OUTDIR   every "=== PTDUMP step N ..." block of a serial
                                 log (user/thp_pictures): OUTDIR/stepN.svg, .png
  pt2dot.py [-o NAME] DUMP...    plain dumps (cat /proc/PID/ptdump > a.txt), one
                                 process each, in one picture NAME.svg and .png
  --dot                          write NAME.dot (or OUTDIR/stepN.dot) instead of
                                 running dot
"""
import argparse
import html
import re
import struct
import subprocess
import sys
import zlib

LEVELS = ("pgd", "pud", "pmd", "pte")
PTDUMP_RE = re.compile(r"^=== PTDUMP step (\d+): (.*) pid=(\d+) proc=(\S+) ===$")
VMSTAT_RE = re.compile(r"^=== VMSTAT step (\d+): (.*) ===$")
END = "=== END ==="

COLORS = ["#2b6cb0", "#2f855a", "#805ad5", "#b7791f"]     # one per process
TINTS = ["#ebf4ff", "#e6f6ec", "#f1ebfb", "#fbf3e1"]
DEPOSIT = "#c05621"
FONT = "DejaVu Sans"


class Entry:
    """One line of a dump: a page-table entry, or a run of PTEs."""

    def __init__(self, level, first, last, words, kv):
        self.level, self.first, self.last = level, first, last
        self.words, self.kv = words, kv
        self.children = []

    def hexval(self, key):
        return int(self.kv[key], 16)

    def index_text(self):
        return str(self.first) if self.first == self.last else f"{self.first}\u2013{self.last}"


class Dump:
    """One process's ptdump: its VMAs and its PGD entries (with their subtrees)."""

    def __init__(self, name):
        self.name, self.pid, self.comm = name, "?", "?"
        self.start, self.end = 0, 1 << 47
        self.vmas, self.pgds = [], []

    def in_vma(self, va):
        return any(lo <= va < hi for lo, hi, _ in self.vmas)


def split_words(tokens):
    kv = dict(t.split("=", 1) for t in tokens if "=" in t)
    return [t for t in tokens if "=" not in t], kv


def parse_dump(lines, name):
    """A Dump from the text of /proc/PID/ptdump. Lines it does not know (a
    kernel message in a serial log) are skipped."""
    d = Dump(name)
    last = {}
    for line in lines:
        t = line.split()
        if not t:
            continue
        if t[0] == "ptdump":
            _, kv = split_words(t[1:])
            d.pid, d.comm = kv.get("pid", "?"), kv.get("comm", "?")
            lo, hi = kv.get("range", "0x0-0x800000000000").split("-")
            d.start, d.end = int(lo, 16), int(hi, 16)
        elif t[0] == "vma" and len(t) >= 3:
            lo, hi = t[1].split("-")
            d.vmas.append((int(lo, 16), int(hi, 16), " ".join(t[2:])))
        elif t[0] in LEVELS and len(t) >= 2:
            level = LEVELS.index(t[0])
            first, _, last_i = t[1].partition("-")
            words, kv = split_words(t[2:])
            e = Entry(t[0], int(first), int(last_i or first), words, kv)
            if level == 0:
                d.pgds.append(e)
            elif level - 1 in last:
                last[level - 1].children.append(e)
            else:
                raise ValueError(f"{name}: {t[0]} line without its parent: {line.strip()}")
            last[level] = e
    return d


class Step:
    """One step of thp_pictures: its title, counters and dumps."""

    def __init__(self, number):
        self.number, self.title, self.vmstat, self.dumps = number, "", {}, []


def parse_log(text):
    """The steps of a serial log of user/thp_pictures, in order."""
    steps, cur, lines = {}, None, []
    for line in text.splitlines():
        line = line.rstrip("\r")
        m = VMSTAT_RE.match(line)
        if m:
            steps.setdefault(int(m[1]), Step(int(m[1]))).vmstat = split_words(m[2].split())[1]
            continue
        m = PTDUMP_RE.match(line)
        if m:
            cur, lines = m, []
            continue
        if cur and line == END:
            step = steps.setdefault(int(cur[1]), Step(int(cur[1])))
            step.title = cur[2]
            step.dumps.append(parse_dump(lines, cur[4]))
            cur = None
        elif cur:
            lines.append(line)
    return [steps[n] for n in sorted(steps)]


# ---- the physical side: THPs and blocks of 4 KiB pages --------------------------

class Frames:
    """The right side of the picture: one THP (512 frames), or the 4 KiB pages
    of one 2 MiB-aligned block of frames (a THP that was split, or plain pages)."""

    def __init__(self, lo, thp):
        self.lo, self.hi, self.thp = lo, lo + 511, thp
        self.counts = {}              # the THP's counts, from any line that names it
        self.huge = []                # (process, entry): huge PMDs that map it
        self.runs = []                # (process, entry, first pfn, last pfn)

    def node(self):
        return f"frames_{self.lo:x}"


def collect_frames(dumps):
    """Which frames the dumps map: {key: Frames}, and for each PTE run the
    (Frames, first, last) pieces it points at."""
    frames, pieces = {}, {}

    def get(key, lo, thp):
        if key not in frames:
            frames[key] = Frames(lo, thp)
        return frames[key]

    for p, d in enumerate(dumps):
        for pmd in walk(d, "pmd"):
            if "HUGE" in pmd.words and "thp" in pmd.kv:
                f = get(("thp", pmd.hexval("thp")), pmd.hexval("thp"), True)
                f.counts = pmd.kv
                f.huge.append((p, pmd))
        for pte in walk(d, "pte"):
            lo, _, hi = pte.kv["pfn"].partition("-")
            lo, hi = int(lo, 16), int(hi or lo, 16)
            if "thp" in pte.kv:
                head = int(pte.kv["thp"].split("+")[0], 16)
                f = get(("thp", head), head, True)
                f.counts = pte.kv
                parts = [(f, lo, hi)]
            elif "zero" in pte.words or "nopage" in pte.words:
                continue
            else:
                parts = []
                for block in range(lo >> 9, (hi >> 9) + 1):
                    f = get(("pages", block), block << 9, False)
                    parts.append((f, max(lo, f.lo), min(hi, f.hi)))
            for f, a, b in parts:
                f.runs.append((p, pte, a, b))
            pieces[id(pte)] = parts
    return frames, pieces


def walk(d, level):
    """Every entry of one level in a dump."""
    todo = list(d.pgds)
    while todo:
        e = todo.pop(0)
        if e.level == level:
            yield e
        todo[0:0] = e.children


def intervals(f):
    """Split f's frames at every run boundary: [(lo, hi, [runs covering it])]."""
    cuts = {f.lo, f.hi + 1}
    for _, _, a, b in f.runs:
        cuts |= {a, b + 1}
    cuts = sorted(cuts)
    out = []
    for lo, nxt in zip(cuts, cuts[1:]):
        out.append((lo, nxt - 1, [r for r in f.runs if r[2] <= lo and r[3] >= nxt - 1]))
    return out


# ---- labels ------------------------------------------------------------------

def esc(s):
    return html.escape(str(s), quote=True)


def span(lo, hi, unit):
    return f"{unit} {lo}" if lo == hi else f"{unit}s {lo}\u2013{hi}"


def pfn_span(lo, hi):
    return f"pfn {lo:#x}" if lo == hi else f"pfn {lo:#x}\u2013{hi:#x}"


def small(text, color="#555555"):
    return f'<FONT POINT-SIZE="9" COLOR="{color}">{esc(text)}</FONT>'


def flags_text(e):
    return e.kv.get("flags", "-").replace(",", " ")


def table(header, rows, tint, border="#444444", dashed=False):
    """An HTML-like table: header cell (port hdr) and rows [(port, html)]."""
    style = ' STYLE="dashed"' if dashed else ""
    out = [f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" COLOR="{border}"{style}>',
           f'<TR><TD PORT="hdr" BGCOLOR="{tint}" ALIGN="LEFT">{header}</TD></TR>']
    for port, cell in rows:
        p = f' PORT="{port}"' if port else ""
        out.append(f'<TR><TD{p} ALIGN="LEFT" BALIGN="LEFT" BORDER="1" SIDES="T" COLOR="#bbbbbb">{cell}</TD></TR>')
    out.append("</TABLE>")
    return "<" + "".join(out) + ">"


def frames_label(f, dumps, known_thps):
    names = lambda runs: " and ".join(sorted({dumps[r[0]].name for r in runs}))
    rows = []
    if f.thp:
        c = f.counts
        queue = c.get("deferred_split", "?")
        header = (f"<B>THP</B>: one 2 MiB compound page, {pfn_span(f.lo, f.hi)}<BR/>"
                  + small(f"compound_mapcount {c.get('compound_mapcount', '?')}   "
                          f"refcount {c.get('refcount', '?')}   deferred split queue: {queue}", "#333333"))
        huge_by = " and ".join(sorted({dumps[p].name for p, _ in f.huge}))
        for lo, hi, runs in intervals(f):
            what = span(lo - f.lo, hi - f.lo, "subpage")
            if runs:
                text = f"{what}: PTEs of {names(runs)}"
                if huge_by:
                    text += f" + huge PMD{'s' if len(f.huge) > 1 else ''} of {huge_by}"
                detail = f"{pfn_span(lo, hi)}   mapcount {runs[0][1].kv.get('mapcount', '?')} each"
            elif huge_by:
                text = f"{what}: mapped only by the huge PMD{'s' if len(f.huge) > 1 else ''} of {huge_by}"
                detail = f"{pfn_span(lo, hi)}   mapcount {c.get('compound_mapcount', '?')} each"
            else:
                text = f"<B>{what}: mapped by nobody</B>"
                detail = f"{pfn_span(lo, hi)}   mapcount 0; freed when the THP is split"
                rows.append((f"f{lo:x}", f'<FONT COLOR="#c53030">{text}</FONT><BR/>{small(detail)}'))
                continue
            rows.append((f"f{lo:x}", f"{esc(text)}<BR/>{small(detail)}"))
        return table(header, rows, "#fefcbf", "#975a16")
    former = f.lo in known_thps
    if former:
        header = (f"<B>4 KiB pages</B>: the former THP {f.lo:#x} after split_huge_page<BR/>"
                  + small("512 separate pages now, each with its own refcount and mapcount", "#333333"))
    else:
        header = "<B>4 KiB pages</B>"
    for lo, hi, runs in intervals(f):
        if runs:
            r = runs[0][1].kv
            text = f"{pfn_span(lo, hi)}: PTEs of {names(runs)}"
            each = "s" if hi > lo else ""
            detail = (f"{hi - lo + 1} page{each}   mapcount {r.get('mapcount', '?')}   "
                      f"refcount {r.get('refcount', '?')}" + (" each" if each else ""))
            rows.append((f"f{lo:x}", f"{esc(text)}<BR/>{small(detail)}"))
        elif former:
            text = f"<B>{pfn_span(lo, hi)}: not mapped, freed by the split</B>"
            rows.append((f"f{lo:x}", f'<FONT COLOR="#c53030">{text}</FONT>'))
    return table(header, rows, "#edf2f7", "#4a5568")


class Picture:
    """The DOT text of one picture: node lines (inside clusters) and edges."""

    def __init__(self):
        self.lines = []
        self.edges = []

    def node(self, name, label):
        self.lines.append(f"    {name} [label={label}];")

    def edge(self, tail, head, attrs):
        a = ", ".join(f'{k}="{v}"' for k, v in attrs.items())
        self.edges.append(f"  {tail}:e -> {head}:w [{a}];")


def entry_row(e, text=""):
    """A table row for entry e: index, address, what it maps, flags below."""
    return (f"e{e.first}", f"[{e.index_text()}] va {int(e.kv['va'], 16):#x}{text}<BR/>{small(flags_text(e))}")


class ProcessDrawing:
    """One process's page tables, as a cluster of pic; deposited_before: the
    PTE tables that were on its deposit lists in the step before."""

    def __init__(self, pic, p, d, pieces, deposited_before):
        self.pic, self.d, self.pieces, self.deposited_before = pic, d, pieces, deposited_before
        self.P = f"p{p}"
        self.color, self.tint = COLORS[p % len(COLORS)], TINTS[p % len(TINTS)]
        self.edge_attrs = {"color": self.color, "penwidth": "1.5"}

    def table(self, header, rows):
        return table(header, rows, self.tint, self.color)

    def edge(self, tail, head, **attrs):
        self.pic.edge(tail, head, dict(self.edge_attrs, **attrs))

    def draw(self):
        d, P = self.d, self.P
        vmas = ", ".join(f"{lo:#x}\u2013{hi:#x} {perm}" for lo, hi, perm in d.vmas) or "none"
        self.pic.lines += [
            f"  subgraph cluster_{P} {{",
            f'    label=<<B>process {esc(d.name)}</B> (pid {esc(d.pid)})<BR/>{small("VMAs: " + vmas)}>;',
            f'    color="{self.color}"; penwidth=2; fontcolor="{self.color}"; margin=12; peripheries=1;']
        self.pic.node(f"{P}_pgd", self.table("<B>PGD</B> (the root: CR3)<BR/>" + small("each entry covers 512 GiB"),
                                             [entry_row(g) for g in d.pgds]))
        for g in d.pgds:
            pud_node = f"{P}_pud{g.hexval('pfn'):x}"
            self.edge(f"{P}_pgd:e{g.first}", f"{pud_node}:hdr")
            self.pic.node(pud_node, self.table(f"<B>PUD table</B> pfn {g.hexval('pfn'):#x}<BR/>"
                                               + small("each entry covers 1 GiB"), [entry_row(u) for u in g.children]))
            for u in g.children:
                if "HUGE" not in u.words:
                    pmd_node = f"{P}_pmd{u.hexval('pfn'):x}"
                    self.edge(f"{pud_node}:e{u.first}", f"{pmd_node}:hdr")
                    self.pmd_table(u, pmd_node)
        self.pic.lines.append("  }")

    def pmd_table(self, pud, pmd_node):
        """The PMD table pud points to, its deposit list beside it, and below it."""
        rows = []
        for m in pud.children:
            if "HUGE" in m.words:
                zero = ", the huge zero page" if "zero" in m.words else ""
                rows.append(entry_row(m, f": <B>huge PMD</B> (PS bit): maps 2 MiB itself{zero}"))
            else:
                rows.append(entry_row(m, ": points to a PTE table"))
        self.pic.node(pmd_node, self.table(f"<B>PMD table</B> pfn {pud.hexval('pfn'):#x}<BR/>"
                                           + small("each entry covers 2 MiB"), rows))

        # the deposited PTE tables: pmd_huge_pte of the PMD table's struct page
        dep = pud.kv.get("deposited", "none")
        dep_node = f"{self.P}_dep{pud.hexval('pfn'):x}"
        if dep == "none":
            rows = [(None, small("none (pmd_huge_pte is NULL)", "#333333"))]
        else:
            rows = [(None, f"PTE table pfn {x}<BR/>{small('empty, kept for a later split of a huge PMD')}")
                    for x in dep.split(",")]
        self.pic.node(dep_node, table(f'<FONT COLOR="{DEPOSIT}"><B>deposited PTE tables</B></FONT><BR/>'
                                      + small("this PMD table's pmd_huge_pte list"), rows, "#fffaf0", DEPOSIT,
                                      dashed=True))
        self.pic.lines.append(f"    {{ rank=same; {pmd_node}; {dep_node}; }}")
        self.pic.edges.append(f'  {pmd_node}:n -> {dep_node}:s [style=dashed, color="{DEPOSIT}", '
                              f'fontcolor="{DEPOSIT}", label="pmd_huge_pte", fontsize=9];')

        for m in pud.children:
            if "HUGE" in m.words:
                if "thp" in m.kv:
                    self.edge(f"{pmd_node}:e{m.first}", f"frames_{m.hexval('thp'):x}:hdr",
                              penwidth="3", label="2 MiB", fontcolor=self.color)
                continue
            pte_node = f"{self.P}_pte{m.hexval('pfn'):x}"
            self.edge(f"{pmd_node}:e{m.first}", f"{pte_node}:hdr")
            self.pte_table(m, pte_node)

    def pte_table(self, pmd, pte_node):
        """The PTE table pmd points to: its runs, and the entries of the range
        the dump does not list (not present), with the reason."""
        d, base = self.d, int(pmd.kv["va"], 16)
        last = min(511, (d.end - 1 - base) >> 12)
        rows, i = [], max(0, (d.start - base) >> 12)
        for r in pmd.children + [None]:
            stop = r.first if r else last + 1
            if i < stop:
                why = "no VMA here" if not d.in_vma(base + (i << 12)) else "not present"
                idx = str(i) if i == stop - 1 else f"{i}\u2013{stop - 1}"
                rows.append((None, f'<FONT COLOR="#c53030">[{idx}] empty: {why}</FONT>'))
            if r is None:
                break
            n = r.last - r.first + 1
            rows.append(entry_row(r, ": the shared zero page" if "zero" in r.words else
                                  f": {n} page{'s' if n > 1 else ''}"))
            i = r.last + 1
        pfn = pmd.hexval("pfn")
        note = ""
        if pfn in self.deposited_before:
            note = "<BR/>" + small("deposited before this step: the PMD split took it from pmd_huge_pte", DEPOSIT)
        self.pic.node(pte_node, self.table(f"<B>PTE table</B> pfn {pfn:#x}{note}<BR/>"
                                           + small("each entry maps 4 KiB"), rows))
        for r in pmd.children:
            for f, lo, _ in self.pieces.get(id(r), []):
                self.edge(f"{pte_node}:e{r.first}", f"{f.node()}:f{lo:x}")


def legend():
    items = [
        ("arrow", "from a table entry to the table or the pages it points to"),
        ("[n] va", "entry n of a table (512 entries each) and the first virtual address it maps; "
                   "pfn: the physical frame (4 KiB) a table or page sits in"),
        ("huge PMD", "a PMD entry with the PS bit: it maps a whole 2 MiB THP, no PTE table below it"),
        ("deposited PTE table", "an empty PTE table put aside when the huge PMD was made "
                                "(pgtable_trans_huge_deposit), so that splitting that PMD (split_huge_pmd) "
                                "needs no allocation"),
        ("THP", "a transparent huge page: one compound page of 512 frames (order 9), "
                "mapped by huge PMDs or by PTEs"),
        ("compound_mapcount", "how many huge PMDs map the THP"),
        ("mapcount", "how many page-table entries map one 4 KiB page: its PTEs + the huge PMDs of its THP"),
        ("refcount", "references to a page; a THP keeps all of them in its head page: "
                     "one per huge PMD, one per PTE"),
        ("deferred split queue", "THPs that lost part of their mappings; reclaim splits them "
                                 "(split_huge_page) and frees the subpages nobody maps"),
        ("flags", "P present, RW writable (missing after fork: copy on write), US user, A accessed, "
                  "D dirty, PS huge, NX no execute"),
    ]
    rows = "".join(f'<TR><TD ALIGN="LEFT" VALIGN="TOP"><B>{esc(k)}</B></TD><TD ALIGN="LEFT">{esc(v)}</TD></TR>'
                   for k, v in items)
    return (f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT" COLSPAN="2">'
            f'<FONT POINT-SIZE="11"><B>How to read it</B></FONT></TD></TR>{rows}</TABLE>>')


def counters_text(vmstat, before):
    parts = []
    for k, v in vmstat.items():
        delta = int(v) - int(before.get(k, v))
        parts.append(f"{k} {v}" + (f" ({delta:+d})" if delta else ""))
    return "/proc/vmstat: " + "   ".join(parts)


def picture(title, dumps, vmstat=None, vmstat_before=None, known_thps=(), deposited_before=None):
    """The DOT text of one picture of the given dumps."""
    frames, pieces = collect_frames(dumps)
    pic = Picture()
    sub = small(counters_text(vmstat, vmstat_before or {}), "#333333") if vmstat else ""
    pic.lines += ["digraph ptdump {",
                  f'  graph [rankdir=LR, newrank=true, bgcolor=white, fontname="{FONT}", nodesep=0.3, ranksep=0.45, '
                  f'labelloc=b, labeljust=l, fontsize=10, label={legend()}];',
                  f'  node [shape=plaintext, fontname="{FONT}", fontsize=10];',
                  f'  edge [fontname="{FONT}", fontsize=9, arrowsize=0.7];',
                  "  subgraph cluster_all {",
                  f'  label=<<FONT POINT-SIZE="15"><B>{esc(title)}</B></FONT><BR/>{sub}>; '
                  'labelloc=t; labeljust=c; peripheries=0;']
    for p, d in enumerate(dumps):
        ProcessDrawing(pic, p, d, pieces, (deposited_before or {}).get(d.name, set())).draw()
    pic.lines += ["  subgraph cluster_memory {",
                  '    label=<<B>physical memory</B>>; color="#999999"; style=dashed; peripheries=1;']
    for f in sorted(frames.values(), key=lambda f: f.lo):
        pic.node(f.node(), frames_label(f, dumps, known_thps))
    pic.lines.append("  }")
    pic.lines.append("  }")
    return "\n".join(pic.lines + pic.edges + ["}", ""])


def tidy_png(path):
    """Two flaws of dot's cairo + gd PNG: the palette turns the white background
    into (252, 253, 251), and the last row and column, only partly covered by the
    background, come out grey. Make near-white colours white, and paint that row
    and column with the background's colour."""
    with open(path, "rb") as f:
        data = f.read()
    chunks, pos = [], 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append([kind, bytearray(data[pos + 8:pos + 8 + n])])
        pos += 12 + n
    header = next(body for kind, body in chunks if kind == b"IHDR")
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    palette = next((body for kind, body in chunks if kind == b"PLTE"), None)
    if depth != 8 or colour != 3 or palette is None:
        return
    for i in range(0, len(palette), 3):
        if min(palette[i:i + 3]) >= 248:
            palette[i:i + 3] = b"\xff\xff\xff"
    pixels = bytearray(zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT")))
    stride = width + 1                       # a filter byte, then one byte per pixel
    if all(pixels[y * stride] == 0 for y in range(height)):     # unfiltered rows only
        background = pixels[1]
        for y in range(height):
            pixels[y * stride + width] = background
        pixels[(height - 1) * stride + 1:height * stride] = bytes([background]) * width
    chunks = [c for c in chunks if c[0] != b"IDAT"]
    chunks.insert(len(chunks) - 1, [b"IDAT", bytearray(zlib.compress(bytes(pixels), 9))])
    out = bytearray(data[:8])
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(out)


def render(dot_text, out, only_dot):
    """Write out.dot, or run dot for out.svg and out.png."""
    if only_dot:
        with open(out + ".dot", "w") as f:
            f.write(dot_text)
        return
    # cairo draws the PNG, gd stores it with a palette: a third of the size
    for fmt in ("svg", "png:cairo:gd"):
        subprocess.run(["dot", f"-T{fmt}", "-o", f"{out}.{fmt.split(':')[0]}"],
                       input=dot_text.encode(), check=True)
    tidy_png(out + ".png")


def remember(dumps, known_thps):
    """What the next step's picture needs from this one: add the THPs seen to
    known_thps (a later block of 4 KiB pages there is a split THP), and return
    each process's deposited PTE tables (one in a PTE table later was withdrawn)."""
    deposited = {}
    for d in dumps:
        known_thps |= {m.hexval("thp") for m in walk(d, "pmd") if "thp" in m.kv}
        known_thps |= {int(r.kv["thp"].split("+")[0], 16) for r in walk(d, "pte") if "thp" in r.kv}
        for u in walk(d, "pud"):
            if u.kv.get("deposited", "none") != "none":
                deposited.setdefault(d.name, set()).update(int(x, 16) for x in u.kv["deposited"].split(","))
    return deposited


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", nargs=2, metavar=("LOG", "OUTDIR"))
    ap.add_argument("-o", "--out", default="ptdump")
    ap.add_argument("--dot", action="store_true")
    ap.add_argument("dumps", nargs="*")
    args = ap.parse_args()

    if args.steps:
        with open(args.steps[0], errors="replace") as f:
            steps = parse_log(f.read())
        if not steps:
            sys.exit(f"pt2dot: no '=== PTDUMP step' blocks in {args.steps[0]}")
        known_thps, before, deposited = set(), {}, {}
        for s in steps:
            dot = picture(f"Step {s.number}. {s.title}", s.dumps, s.vmstat, before, known_thps, deposited)
            render(dot, f"{args.steps[1]}/step{s.number}", args.dot)
            print(f"pt2dot: step {s.number}: {len(s.dumps)} process(es)")
            before, deposited = s.vmstat, remember(s.dumps, known_thps)
        return
    if not args.dumps:
        ap.error("give dump files, or --steps LOG OUTDIR")
    dumps = []
    for i, path in enumerate(args.dumps):
        with open(path, errors="replace") as f:
            dumps.append(parse_dump(f.read().splitlines(), chr(ord("A") + i)))
    render(picture("page tables: " + ", ".join(args.dumps), dumps), args.out, args.dot)


if __name__ == "__main__":
    main()
