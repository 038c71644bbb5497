# GDB helpers for thpkernel: look at processes, VMAs, page tables, struct
# pages and the THP counters of a stopped kernel (make debug / make gdb load
# this file; see scripts/gdb/README.md). Commands: thp-ps, thp-vmas, thp-pt,
# thp-page, thp-stat, thp-fault, and a stop hook that explains page faults.
#
# Everything is read from memory through the kernel's own symbols and DWARF
# types; the constants below that are C macros (and so not in the DWARF)
# are copied from the header named next to them.

import struct

import gdb

# arch/x86_64/include/asm/page.h
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PMD_SHIFT = 21
PMD_SIZE = 1 << PMD_SHIFT
PMD_MASK = ~(PMD_SIZE - 1) & 0xffffffffffffffff
HPAGE_PMD_NR = 512
PAGE_OFFSET = 0xffff888000000000
START_KERNEL_MAP = 0xffffffff80000000
TASK_SIZE = 0x00007ffffffff000

# arch/x86_64/include/asm/pgtable_types.h: the entry bits
_PAGE_PRESENT = 1 << 0
_PAGE_PSE = 1 << 7
_PAGE_GLOBAL = 1 << 8
_PAGE_PROTNONE = _PAGE_GLOBAL		# with _PAGE_PRESENT clear
_PAGE_NX = 1 << 63
PTE_PFN_MASK = 0x000ffffffffff000
PMD_PFN_MASK = PTE_PFN_MASK & PMD_MASK

# include/linux/sched.h: task->state
TASK_STATES = [(0, "R"), (1, "S"), (2, "D"), (4, "T"), (16, "Z"), (32, "X")]

# include/linux/mm_types.h (+ VM_WIPEONFORK, VM_DONTDUMP from mm/madvise.c),
# named as /proc/PID/smaps's VmFlags line names them
VM_SHARED = 0x8
VM_PFNMAP, VM_IO, VM_DONTEXPAND, VM_HUGETLB = 0x400, 0x4000, 0x40000, 0x400000
VM_HUGEPAGE, VM_NOHUGEPAGE = 0x20000000, 0x40000000
VM_SPECIAL = VM_IO | VM_DONTEXPAND | VM_PFNMAP
VM_FLAG_NAMES = [
    (0x1, "rd"), (0x2, "wr"), (0x4, "ex"), (0x8, "sh"), (0x10, "mr"), (0x20, "mw"),
    (0x40, "me"), (0x80, "ms"), (0x100, "gd"), (0x400, "pf"), (0x2000, "lo"),
    (0x4000, "io"), (0x8000, "sr"), (0x10000, "rr"), (0x20000, "dc"), (0x40000, "de"),
    (0x100000, "ac"), (0x200000, "nr"), (0x400000, "ht"), (0x2000000, "wf"),
    (0x4000000, "dd"), (0x20000000, "hg"), (0x40000000, "nh"),
]
MMF_DISABLE_THP = 1			# a bit number of mm->flags

# arch/x86_64/include/asm/traps.h: the page-fault vector and error code
X86_TRAP_PF = 14
X86_PF_BITS = [(1 << 1, "write", "read"), (1 << 2, "user", "kernel"),
               (1 << 3, "reserved-bit", None), (1 << 4, "fetch", None)]

# arch/x86_64/include/asm/boot.h
KERNEL_STACK_SIZE = 16384

LIST_LIMIT = 100000			# a longer list is taken to be corrupt


class ThpError(Exception):
    """A problem to report in one line (bad argument, unreadable memory)."""


# --- reading the kernel ---------------------------------------------------

def kglobal(name):
    """The gdb.Value of a kernel global or file-static variable, whatever
    frame is selected (a local of the same name does not hide it)."""
    sym = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if sym is None:
        raise ThpError("no symbol %s: is build/kernel.elf loaded?" % name)
    return sym.value()


def ktype(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise ThpError("no type %s: is build/kernel.elf loaded?" % name)


_offsets = {}


def offsetof(struct_name, field):
    """Byte offset of field (which may sit in an anonymous union) in struct."""
    key = (struct_name, field)
    if key not in _offsets:
        expr = "(unsigned long)&((struct %s *)0)->%s" % (struct_name, field)
        _offsets[key] = int(gdb.parse_and_eval(expr))
    return _offsets[key]


def container_of(addr, struct_name, field):
    """The struct_name * whose field lives at addr."""
    return ptr(addr - offsetof(struct_name, field), "struct " + struct_name)


def ptr(addr, type_name):
    return gdb.Value(addr & 0xffffffffffffffff).cast(ktype(type_name).pointer())


def u64(addr):
    return struct.unpack("<Q", read(addr, 8))[0]


def read(addr, length):
    """length bytes of kernel virtual memory at addr, or ThpError."""
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, length))
    except gdb.MemoryError:
        raise ThpError("cannot read %d bytes at %#x" % (length, addr))


def atomic(v):
    """The value of an atomic_t / atomic_long_t."""
    return int(v["counter"])


def list_nodes(head_addr):
    """The addresses of the list_heads linked on the list at head_addr
    (not including the head itself)."""
    node = u64(head_addr)
    for _ in range(LIST_LIMIT):
        if node == head_addr:
            return
        if node == 0:
            raise ThpError("list at %#x: NULL next pointer" % head_addr)
        yield node
        node = u64(node)
    raise ThpError("list at %#x: more than %d entries (corrupt?)" % (head_addr, LIST_LIMIT))


def cstring(v, limit=64):
    try:
        return v.string(length=limit).split("\0")[0]
    except (gdb.error, gdb.MemoryError, UnicodeDecodeError):
        return "?"


def evaluate(arg, what):
    """arg as a GDB expression (0x1000, $a, address, page): a gdb.Value
    that is a non-negative number or a pointer."""
    try:
        v = gdb.parse_and_eval(arg)
        code = v.type.strip_typedefs().code
        if code == gdb.TYPE_CODE_VOID:
            raise ThpError("%s %r has no value (a convenience variable never set?)" % (what, arg))
        if code not in (gdb.TYPE_CODE_PTR, gdb.TYPE_CODE_ARRAY) and int(v) < 0:
            raise ThpError("%s %r is negative (%d)" % (what, arg, int(v)))
        return v
    except gdb.error as e:
        raise ThpError("bad %s %r: %s" % (what, arg, e))


def parse_number(arg):
    """arg as a GDB expression -> int."""
    return int(evaluate(arg, "number or expression")) & 0xffffffffffffffff


def human_size(n):
    for unit, shift in (("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return "%d%s" % (n >> shift, unit)
    return "%dK" % (n >> 10) if n >= 1024 else "%dB" % n


# --- tasks and address spaces ----------------------------------------------

def tasks():
    """Every task on task_list, as struct task_struct * values."""
    head = int(kglobal("task_list").address)
    for node in list_nodes(head):
        yield container_of(node, "task_struct", "tasks")


def task_state(t):
    state = int(t["state"])
    for value, letter in TASK_STATES:
        if state == value:
            return letter
    return "?%d" % state


def task_name(t):
    return "pid %d (%s)" % (int(t["pid"]), cstring(t["comm"], 16))


def find_task(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise ThpError("no task with pid %d (thp-ps lists them)" % pid)


def current():
    t = kglobal("current_task")
    if int(t) == 0:
        raise ThpError("current_task is NULL (stopped before the scheduler started?)")
    return t


def resolve_mm(arg):
    """(task or None, mm) for a PID argument, an expression of type
    struct mm_struct *, or (arg None) the current task's address space --
    the one it borrows (active_mm) if it is a kernel thread."""
    if arg is not None:
        v = evaluate(arg, "PID")
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR and \
                str(v.type.target().strip_typedefs()) == "struct mm_struct":
            if int(v) == 0:
                raise ThpError("the mm is NULL")
            owner = v["owner"]
            return (owner if int(owner) else None), v
        t = find_task(int(v))
        if int(t["mm"]) == 0:
            raise ThpError("%s is a kernel thread: it has no address space" % task_name(t))
        return t, t["mm"]
    t = current()
    if int(t["mm"]):
        return t, t["mm"]
    mm = t["active_mm"]
    if int(mm) == 0:
        raise ThpError("current task %s has no mm and no active_mm" % task_name(t))
    owner = mm["owner"]
    return (owner if int(owner) else None), mm


def mm_title(t, mm):
    who = task_name(t) if t is not None else "no owner"
    return "%s, mm %#x, pgd %#x" % (who, int(mm), int(mm["pgd"]))


def vmas(mm):
    """The VMAs of mm in address order (the mm->mmap list)."""
    v = mm["mmap"]
    for _ in range(LIST_LIMIT):
        if int(v) == 0:
            return
        yield v
        v = v["vm_next"]
    raise ThpError("VMA list of mm %#x is longer than %d (corrupt?)" % (int(mm), LIST_LIMIT))


def find_vma(mm, addr):
    """Linux's find_vma through the rb-tree: the first VMA with vm_end > addr
    (it may start above addr), or None."""
    node = int(mm["mm_rb"]["rb_node"])
    found = None
    for _ in range(64):
        if node == 0:
            return found
        v = container_of(node, "vm_area_struct", "vm_rb")
        if int(v["vm_end"]) > addr:
            found = v
            if int(v["vm_start"]) <= addr:
                return found
            node = int(v["vm_rb"]["rb_left"])
        else:
            node = int(v["vm_rb"]["rb_right"])
    raise ThpError("VMA tree of mm %#x deeper than 64 (corrupt?)" % int(mm))


# --- THP policy ------------------------------------------------------------

def thp_flag(name):
    """Is bit name (enum transparent_hugepage_flag, include/linux/huge_mm.h)
    set in transparent_hugepage_flags?"""
    bit = int(gdb.parse_and_eval(name))
    return bool(int(kglobal("transparent_hugepage_flags")) & (1 << bit))


def thp_mode():
    """The enabled knob, as /sys/kernel/mm/transparent_hugepage/enabled."""
    if thp_flag("TRANSPARENT_HUGEPAGE_FLAG"):
        return "always"
    if thp_flag("TRANSPARENT_HUGEPAGE_REQ_MADV_FLAG"):
        return "madvise"
    return "never"


def defrag_mode():
    """The defrag knob, in defrag_show's order."""
    for name, flag in (("always", "DIRECT"), ("defer", "KSWAPD"),
                       ("defer+madvise", "KSWAPD_OR_MADV"), ("madvise", "REQ_MADV")):
        if thp_flag("TRANSPARENT_HUGEPAGE_DEFRAG_%s_FLAG" % flag):
            return name
    return "never"


def thp_reason(vma, mode):
    """Why vma may not use THP, or None: mm/huge_memory.c thp_vma_reason
    with enforce_sysfs, the same conditions in the same order."""
    flags = int(vma["vm_flags"])
    start, end = int(vma["vm_start"]), int(vma["vm_end"])
    mm = vma["vm_mm"]
    if flags & VM_NOHUGEPAGE:
        return "nohugepage"
    if int(mm) and int(mm["flags"]) & (1 << MMF_DISABLE_THP):
        return "prctl-disabled"
    if flags & (VM_SPECIAL | VM_HUGETLB):
        return "special"
    if flags & VM_SHARED:
        return "shared"
    haddr = (end - PMD_SIZE) & PMD_MASK
    if end - start < PMD_SIZE or haddr < start or haddr + PMD_SIZE > end:
        return "too-small"
    if mode == "never":
        return "never"
    if mode == "madvise" and not flags & VM_HUGEPAGE:
        return "madvise-not-requested"
    return None


def thp_eligibility(vma, mode):
    reason = thp_reason(vma, mode)
    if reason:
        return "no: " + reason
    if int(vma["anon_vma"]) == 0:
        return "yes (no anon_vma yet: khugepaged waits for a first fault)"
    return "yes"


def vm_flags_text(flags):
    return " ".join(name for bit, name in VM_FLAG_NAMES if flags & bit)


# --- page tables -------------------------------------------------------------

# A 48-bit virtual address splits into four 9-bit table indices and a
# 12-bit offset:  | PGD 47-39 | PUD 38-30 | PMD 29-21 | PTE 20-12 | offset |
# Each table is one 4 KiB page of 512 8-byte entries; bits 51-12 of an entry
# are the physical address of the next table, or of the page itself when
# PS (bit 7) is set in a PUD (1 GiB) or PMD (2 MiB) entry.
LEVELS = (("PGD", 39), ("PUD", 30), ("PMD", 21), ("PTE", 12))
NEXT_TABLE = {"PGD": "PUD table", "PUD": "PMD table", "PMD": "PTE table"}
PUD_PFN_MASK = PTE_PFN_MASK & ~((1 << 30) - 1)


def entry_flags(value, level):
    """The flag bits of a table entry as names; bit 7 is PS only in a PUD or
    PMD (PAT in a PTE), bit 8 is PROTNONE when the present bit is clear."""
    names = []
    for bit, name in ((0, "P"), (1, "RW"), (2, "US"), (3, "PWT"), (4, "PCD"),
                      (5, "A"), (6, "D")):
        if value & (1 << bit):
            names.append(name)
    if value & _PAGE_PSE:
        names.append("PAT" if level == "PTE" else "PS")
    if value & _PAGE_GLOBAL:
        names.append("G" if value & _PAGE_PRESENT else "PROTNONE")
    if value & _PAGE_NX:
        names.append("NX")
    return " ".join(names) if names else "-"


def leaf_present(value):
    """pmd_present / pte_present: mapped, even if PROT_NONE."""
    return bool(value & (_PAGE_PRESENT | _PAGE_PROTNONE))


def pmd_trans_huge(value):
    return leaf_present(value) and bool(value & _PAGE_PSE)


def walk(pgd_va, addr):
    """Walk addr's four levels from the PGD table at kernel address pgd_va.
    Returns a list of steps (level, index, entry address, entry value); the
    last step is the one that ends the walk (a PTE, a huge entry, or an
    entry that is not present)."""
    steps = []
    table = pgd_va
    for level, shift in LEVELS:
        index = (addr >> shift) & 511
        slot = table + index * 8
        value = u64(slot)
        steps.append((level, index, slot, value))
        if level in ("PGD", "PUD"):
            if not value & _PAGE_PRESENT or (level == "PUD" and value & _PAGE_PSE):
                break
        elif level == "PMD":
            if not leaf_present(value) or value & _PAGE_PSE:
                break
        table = PAGE_OFFSET + (value & PTE_PFN_MASK)
    return steps


def check_address(addr):
    top = addr >> 47
    if top not in (0, 0x1ffff):
        raise ThpError("%#x is not a canonical 48-bit address" % addr)


def entry_text(level, value, addr):
    """What one entry of addr's walk means, and the pfn of the 4 KiB frame
    that holds addr if the entry maps a page (None otherwise)."""
    if value == 0:
        return "none: nothing mapped here", None
    if not (leaf_present(value) if level in ("PMD", "PTE") else value & _PAGE_PRESENT):
        return "not present (a swap or junk entry?)", None
    if level == "PUD" and value & _PAGE_PSE:
        head = (value & PUD_PFN_MASK) >> PAGE_SHIFT
        return "huge: maps the 1 GiB page at pfn %#x" % head, head + ((addr >> PAGE_SHIFT) & 0x3ffff)
    if level == "PMD" and value & _PAGE_PSE:
        head = (value & PMD_PFN_MASK) >> PAGE_SHIFT
        return "huge (PS): maps the 2 MiB page at pfn %#x" % head, head + ((addr >> PAGE_SHIFT) & 511)
    target = (value & PTE_PFN_MASK) >> PAGE_SHIFT
    if level == "PTE":
        return "maps page pfn %#x" % target, target
    return "-> %s pfn %#x" % (NEXT_TABLE[level], target), None


def user_pfn(mm, addr):
    """The pfn that addr maps in mm, or None if nothing is mapped there."""
    check_address(addr)
    level, _, _, value = walk(int(mm["pgd"]), addr)[-1]
    return entry_text(level, value, addr)[1]


def deposited_tables(pmd_table_pfn):
    """The pfns of the PTE tables deposited with the PMD table at
    pmd_table_pfn: its struct page's pmd_huge_pte heads a ring of tables
    linked through their lru (mm/huge_memory.c pgtable_trans_huge_deposit)."""
    first = int(page_at(pmd_table_pfn)["pmd_huge_pte"])
    if first == 0:
        return []
    lru = offsetof("page", "lru")
    pfns, page = [], first
    for _ in range(HPAGE_PMD_NR + 1):
        pfns.append(page_pfn(page))
        page = u64(page + lru) - lru		# lru.next, back to its struct page
        if page == first:
            return pfns
    raise ThpError("deposit ring of PMD table pfn %#x has more than %d tables"
                   % (pmd_table_pfn, HPAGE_PMD_NR))


def huge_pmds_in_table(pmd_table_pfn):
    data = read(PAGE_OFFSET + (pmd_table_pfn << PAGE_SHIFT), PAGE_SIZE)
    return sum(1 for (e,) in struct.iter_unpack("<Q", data) if pmd_trans_huge(e))


# --- struct page -------------------------------------------------------------

def max_pfn():
    return int(kglobal("max_pfn"))


def mem_map():
    base = int(kglobal("mem_map"))
    if base == 0:
        raise ThpError("mem_map is NULL (stopped before free_area_init?)")
    return base


def page_at(pfn):
    if pfn >= max_pfn():
        raise ThpError("pfn %#x is beyond max_pfn %#x" % (pfn, max_pfn()))
    return ptr(mem_map() + pfn * ktype("struct page").sizeof, "struct page").dereference()


def is_struct_page(addr):
    size = ktype("struct page").sizeof
    off = addr - mem_map()
    return 0 <= off < max_pfn() * size and off % size == 0


def page_pfn(page_addr):
    """The pfn of the struct page at page_addr, or ThpError."""
    if not is_struct_page(page_addr):
        raise ThpError("%#x is not a struct page in mem_map" % page_addr)
    return (page_addr - mem_map()) // ktype("struct page").sizeof


def pg(name):
    """The mask of page flag name (enum pageflags, include/linux/page-flags.h)."""
    return 1 << int(gdb.parse_and_eval(name))


_pageflag_names = None


def page_flags_text(flags):
    global _pageflag_names
    if _pageflag_names is None:
        fields = ktype("enum pageflags").fields()
        _pageflag_names = [(f.enumval, f.name[3:]) for f in fields]
    names = [name for bit, name in _pageflag_names if flags & (1 << bit)]
    return "|".join(names) if names else "none"


def page_of_arg(arg):
    """The pfn an argument of thp-page names: a struct page * expression, a
    pfn (below max_pfn), a kernel address (direct map, kernel image,
    mem_map) or a user address of the current address space."""
    v = evaluate(arg, "PFN or address")
    n = int(v) & 0xffffffffffffffff
    if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR and \
            str(v.type.target().strip_typedefs()) == "struct page":
        return page_pfn(n), "struct page *"
    limit = max_pfn()
    if n < limit:
        return n, "pfn"
    base, size = mem_map(), ktype("struct page").sizeof
    if base <= n < base + limit * size:
        return (n - base) // size, "struct page in mem_map"
    if PAGE_OFFSET <= n < PAGE_OFFSET + (limit << PAGE_SHIFT):
        return (n - PAGE_OFFSET) >> PAGE_SHIFT, "direct-map address"
    if n >= START_KERNEL_MAP:
        return (n - START_KERNEL_MAP) >> PAGE_SHIFT, "kernel-image address"
    if n < TASK_SIZE:
        t, mm = resolve_mm(None)
        pfn = user_pfn(mm, n)
        if pfn is None:
            raise ThpError("user address %#x is not mapped in %s" % (n, mm_title(t, mm)))
        return pfn, "user address in %s" % (task_name(t) if t is not None else "mm %#x" % int(mm))
    raise ThpError("%#x is neither a pfn (< max_pfn %#x) nor a mapped address" % (n, limit))


def compound_info(pfn):
    """(head pfn, subpage index, order) of a compound page, or None."""
    page = page_at(pfn)
    ch = int(page["compound_head"])
    if ch & 1:
        head_pfn = page_pfn(ch - 1)
    elif int(page["flags"]) & pg("PG_head"):
        head_pfn = pfn
    else:
        return None
    order = int(page_at(head_pfn + 1)["compound_order"])
    return head_pfn, pfn - head_pfn, order


def on_deferred_split_queue(head_pfn):
    """The second tail page's deferred_list is linked (not pointing to itself)."""
    node = page_at(head_pfn + 2)["deferred_list"]
    return int(node["next"]) != int(node.address)


def mapcount_text(v, what):
    """A map count as stored (-1 = none) and as the number of maps."""
    return "%d (%s maps %d)" % (v, what, v + 1)


def table_deposit_text(pfn):
    """What a page-table page's pmd_huge_pte says. In a PMD table it heads
    the deposit ring; in a PTE table the same word is lru.prev, so it points
    8 bytes into a struct page (its own when the lru is self-linked: a table
    in use, or the only one deposited with its PMD table)."""
    page = page_at(pfn)
    v = int(page["pmd_huge_pte"])
    if v == 0:
        return "no deposited PTE tables"
    if is_struct_page(v):
        deps = deposited_tables(pfn)
        return "a PMD table with %d deposited PTE table%s [%s]" % (
            len(deps), "" if len(deps) == 1 else "s", ", ".join("%#x" % d for d in deps))
    lru = offsetof("page", "lru")
    if v - lru == int(page.address):
        return "a PTE table with a self-linked lru (in use, or deposited alone)"
    if is_struct_page(v - lru):
        return "a deposited PTE table, linked to pfn %#x on its ring" % page_pfn(v - lru)
    return "pmd_huge_pte %#x is not a struct page (corrupt?)" % v


def page_lines(pfn):
    """thp-page's full description of mem_map[pfn]."""
    page = page_at(pfn)
    flags = int(page["flags"])
    lines = ["page pfn %#x: (struct page *)%#x, physical %#x" % (pfn, int(page.address), pfn << PAGE_SHIFT),
             "  flags       %#x [%s]" % (flags, page_flags_text(flags)),
             "  _refcount   %d" % atomic(page["_refcount"]),
             "  _mapcount   %s" % mapcount_text(atomic(page["_mapcount"]), "PTE")]
    comp = compound_info(pfn)
    if comp:
        head_pfn, sub, order = comp
        head = page_at(head_pfn)
        first = page_at(head_pfn + 1)
        kind = "head" if sub == 0 else "tail %d" % sub
        what = "a THP" if order == 9 else "an order-%d compound page" % order
        lines.append("  compound    %s page of %s: head pfn %#x, order %d" % (kind, what, head_pfn, order))
        if sub:
            hflags = int(head["flags"])
            lines.append("  head        flags %#x [%s], _refcount %d, _mapcount %s"
                         % (hflags, page_flags_text(hflags), atomic(head["_refcount"]),
                            mapcount_text(atomic(head["_mapcount"]), "PTE")))
        lines.append("  compound_mapcount %s" % mapcount_text(atomic(first["compound_mapcount"]), "PMD"))
        if order >= 2:
            lines.append("  deferred split queue: %s" % ("yes" if on_deferred_split_queue(head_pfn) else "no"))
        owner = head
    else:
        lines.append("  compound    no (order-0 page)")
        owner = page
    if flags & pg("PG_table"):
        lines.append("  page table of mm %#x: %s" % (int(page["pt_mm"]), table_deposit_text(pfn)))
        return lines
    if flags & pg("PG_buddy"):
        lines.append("  free: on a buddy list, order %d" % int(page["private"]))
        return lines
    if flags & pg("PG_slab"):
        return lines
    mapping = int(owner["mapping"])
    if mapping & 1:
        lines.append("  anon        yes: anon_vma %#x, index %#x" % (mapping & ~1, int(owner["index"])))
    else:
        lines.append("  anon        no: mapping %#x, index %#x" % (mapping, int(owner["index"])))
    return lines


def page_summary(pfn):
    """One line about mem_map[pfn], for thp-pt and the fault hook."""
    page = page_at(pfn)
    comp = compound_info(pfn)
    if comp:
        head_pfn, sub, order = comp
        head, first = page_at(head_pfn), page_at(head_pfn + 1)
        text = "%s of order-%d head pfn %#x: refcount %d, PTE maps %d, PMD maps %d" % (
            "head" if sub == 0 else "tail %d" % sub, order, head_pfn, atomic(head["_refcount"]),
            atomic(page["_mapcount"]) + 1, atomic(first["compound_mapcount"]) + 1)
        if order >= 2:
            text += ", deferred split: %s" % ("yes" if on_deferred_split_queue(head_pfn) else "no")
        owner = head
    else:
        text = "order-0: refcount %d, maps %d" % (atomic(page["_refcount"]), atomic(page["_mapcount"]) + 1)
        owner = page
    text += ", anon" if int(owner["mapping"]) & 1 else ", not anon"
    return "pfn %#x: %s [%s]" % (pfn, text, page_flags_text(int(page["flags"])))


# --- counters ----------------------------------------------------------------

def counters(array_name, names_name):
    """[(name, value)] of vm_events / vm_node_stat and their text tables."""
    values, names = kglobal(array_name), kglobal(names_name)
    low, high = values.type.range()
    return [(cstring(names[i]), atomic(values[i])) for i in range(low, high + 1)]


# --- the commands ------------------------------------------------------------

class ThpCommand(gdb.Command):
    """Base: run(argv) does the work; any failure is one clear line."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)
        self.name = name

    def invoke(self, arg, from_tty):
        if gdb.selected_inferior().pid == 0:
            # without a target GDB would read the ELF file's initial values
            raise gdb.GdbError("%s: not connected to the kernel (make debug, then make gdb)" % self.name)
        try:
            self.run(gdb.string_to_argv(arg))
        except (ThpError, gdb.error, gdb.MemoryError) as e:
            raise gdb.GdbError("%s: %s" % (self.name, e))
        except Exception as e:	# a bug here must not end the session
            raise gdb.GdbError("%s: internal error: %s: %s" % (self.name, type(e).__name__, e))

    def usage(self, argv, low, high, text):
        if not low <= len(argv) <= high:
            raise ThpError("usage: %s %s" % (self.name, text or "(no arguments)"))


class ThpPs(ThpCommand):
    """List processes: pid, state, name, mm and resident anonymous memory.
Usage: thp-ps      (* marks the current task; kernel threads have no mm)"""

    def __init__(self):
        super().__init__("thp-ps")

    def run(self, argv):
        self.usage(argv, 0, 0, "")
        cur = int(kglobal("current_task"))
        print("    PID ST COMM             MM                        RSS")
        if not any(True for _ in tasks()):
            print("  (no tasks yet: sched_init has not run)")
        for t in tasks():
            mm = int(t["mm"])
            rss = "%d kB" % (atomic(t["mm"]["rss_anon"]) * 4) if mm else "-"
            print("%s %5d %-2s %-16s %-18s %10s" % (
                "*" if int(t) == cur else " ", int(t["pid"]), task_state(t),
                cstring(t["comm"], 16), "%#x" % mm if mm else "-", rss))


class ThpVmas(ThpCommand):
    """List a process's VMAs: range, size, smaps flags, anon_vma, THP eligibility.
Usage: thp-vmas [PID]     (default: the current task's address space)
Eligibility follows hugepage_vma_check; 'no: REASON' names the first
condition that fails (nohugepage, prctl-disabled, special, shared,
too-small, never, madvise-not-requested)."""

    def __init__(self):
        super().__init__("thp-vmas")

    def run(self, argv):
        t, mm = resolve_mm(" ".join(argv) if argv else None)
        mode = thp_mode()
        print("%s, %d VMAs, THP mode %s%s" % (
            mm_title(t, mm), int(mm["map_count"]), mode,
            ", THP disabled by prctl" if int(mm["flags"]) & (1 << MMF_DISABLE_THP) else ""))
        print("  %-33s %6s  %-26s %-18s %s" % ("range", "size", "flags", "anon_vma", "THP"))
        for v in vmas(mm):
            start, end = int(v["vm_start"]), int(v["vm_end"])
            anon = int(v["anon_vma"])
            print("  %016x-%016x %6s  %-26s %-18s %s" % (
                start, end, human_size(end - start), vm_flags_text(int(v["vm_flags"])),
                "%#x" % anon if anon else "-", thp_eligibility(v, mode)))


class ThpPt(ThpCommand):
    """Walk the page tables for one address of a process.
Usage: thp-pt ADDR [PID]    (ADDR and PID may be expressions: thp-pt address)
Prints each level's index, entry and flags, whether the PMD is huge, the
PTE tables deposited with the PMD table (pmd_huge_pte) against the number
of huge PMDs in it, and the final page. Sets $thp_pfn to that page's pfn
(-1 if none) and $thp_pmd to the PMD entry."""

    def __init__(self):
        super().__init__("thp-pt")

    def run(self, argv):
        self.usage(argv, 1, 2, "ADDR [PID]")
        addr = parse_number(argv[0])
        check_address(addr)
        t, mm = resolve_mm(argv[1] if len(argv) > 1 else None)
        gdb.set_convenience_variable("thp_pfn", -1)
        gdb.set_convenience_variable("thp_pmd", -1)
        print("thp-pt %#x in %s" % (addr, mm_title(t, mm)))
        pfn = pmd_table_pfn = None
        for level, index, slot, value in walk(int(mm["pgd"]), addr):
            text, pfn = entry_text(level, value, addr)
            print("  %s[%3d] = %#018x  %-24s %s" % (level, index, value, entry_flags(value, level), text))
            if level == "PMD":
                gdb.set_convenience_variable("thp_pmd", value)
                pmd_table_pfn = (slot - PAGE_OFFSET) >> PAGE_SHIFT
        if pmd_table_pfn is not None:
            self.print_deposits(pmd_table_pfn)
        if pfn is None:
            return
        gdb.set_convenience_variable("thp_pfn", pfn)
        if pfn < max_pfn():
            print("  page: " + page_summary(pfn))
        else:
            print("  page: pfn %#x is beyond max_pfn (not RAM)" % pfn)

    @staticmethod
    def print_deposits(table_pfn):
        if table_pfn >= max_pfn():
            print("  PMD table pfn %#x is beyond max_pfn: no struct page to look at" % table_pfn)
            return
        if not int(page_at(table_pfn)["flags"]) & pg("PG_table"):
            print("  PMD table pfn %#x is the kernel's (no PG_table): it keeps no deposits" % table_pfn)
            return
        try:
            deps = deposited_tables(table_pfn)
        except ThpError as e:
            print("  PMD table pfn %#x: deposit list unreadable: %s" % (table_pfn, e))
            return
        huge = huge_pmds_in_table(table_pfn)
        print("  PMD table pfn %#x: %d deposited PTE table%s%s; %d huge PMD%s in it (%s)" % (
            table_pfn, len(deps), "" if len(deps) == 1 else "s",
            (" [%s]" % ", ".join("%#x" % d for d in deps)) if deps else "",
            huge, "" if huge == 1 else "s",
            "counts match" if huge == len(deps) else "MISMATCH: one deposit per huge PMD expected"))


class ThpPage(ThpCommand):
    """Describe one struct page.
Usage: thp-page PFN|ADDR
A number below max_pfn is a pfn; otherwise a struct page pointer, a
kernel address (direct map or kernel image), or a user address of the
current address space (walked through its page tables). Prints flags,
_refcount, _mapcount, the compound head/order and compound_mapcount,
whether the THP is on the deferred split queue, and the anon_vma."""

    def __init__(self):
        super().__init__("thp-page")

    def run(self, argv):
        self.usage(argv, 1, 99, "PFN|ADDR")
        pfn, how = page_of_arg(" ".join(argv))
        if pfn >= max_pfn():
            raise ThpError("%s gives pfn %#x, beyond max_pfn %#x" % (how, pfn, max_pfn()))
        lines = page_lines(pfn)
        lines[0] += "  [from %s]" % how
        print("\n".join(lines))


class ThpStat(ThpCommand):
    """Show the THP counters, khugepaged's knobs and cursor, the split queue.
Usage: thp-stat"""

    def __init__(self):
        super().__init__("thp-stat")

    def run(self, argv):
        self.usage(argv, 0, 0, "")
        flags = int(kglobal("transparent_hugepage_flags"))
        print("THP: enabled %s, defrag %s, use_zero_page %d (transparent_hugepage_flags %#x)" % (
            thp_mode(), defrag_mode(), thp_flag("TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG"), flags))
        nodes = dict(counters("vm_node_stat", "vmstat_text"))
        for name in ("nr_free_pages", "nr_anon_pages", "nr_anon_transparent_hugepages",
                     "nr_page_table_pages", "nr_pgtable_deposited", "nr_huge_zero_pmds"):
            if name in nodes:
                print("  %-30s %d" % (name, nodes[name]))
        for name, value in counters("vm_events", "vm_event_text"):
            if name.startswith("thp_"):
                print("  %-30s %d" % (name, value))
        zero = int(kglobal("huge_zero_page"))
        print("deferred split queue: %d THPs; huge zero page: %s" % (
            int(kglobal("split_queue_len")), "pfn %#x" % page_pfn(zero) if zero else "not allocated"))
        self.print_khugepaged()

    @staticmethod
    def print_khugepaged():
        def knob(name):		# "?" if the compiler dropped the variable
            try:
                return str(int(kglobal("khugepaged_" + name)))
            except gdb.error:
                return "?"
        print("khugepaged: pages_to_scan %s, scan_sleep_millisecs %s, alloc_sleep_millisecs %s, defrag %s"
              % (knob("pages_to_scan"), knob("scan_sleep_millisecs"),
                 knob("alloc_sleep_millisecs"), knob("defrag")))
        print("  max_ptes_none %s, max_ptes_swap %s, max_ptes_shared %s"
              % (knob("max_ptes_none"), knob("max_ptes_swap"), knob("max_ptes_shared")))
        print("  pages_collapsed %s, full_scans %s" % (knob("pages_collapsed"), knob("full_scans")))
        thread = [t for t in tasks() if cstring(t["comm"], 16) == "khugepaged"]
        print("  thread: %s" % ("%s, state %s" % (task_name(thread[0]), task_state(thread[0]))
                                if thread else "not started"))
        mms = [container_of(n, "mm_struct", "khugepaged_slot")
               for n in list_nodes(int(kglobal("khugepaged_mm_head").address))]
        print("  registered mms: %s" % (", ".join(mm_label(m) for m in mms) or "none"))
        scan_mm = kglobal("scan_mm")
        if int(scan_mm):
            print("  cursor: %s, address %#x" % (mm_label(scan_mm), int(kglobal("scan_address"))))
        else:
            print("  cursor: idle (no mm being scanned)")
        names, count = kglobal("scan_result_names"), kglobal("scan_result_count")
        low, high = count.type.range()
        results = ["%s %d" % (cstring(names[i]), int(count[i]))
                   for i in range(low, high + 1) if int(count[i])]
        print("  scan results: %s" % (", ".join(results) or "none yet"))


class ThpRanges(ThpCommand):
    """khugepaged's last verdict for each 2 MiB range of a process (ours).
Usage: thp-ranges [PID]    (default: the current task's address space)
The same table as /proc/PID/thp_ranges: range start, the SCAN_* result of
hpage_collapse_scan_pmd (or MADV_COLLAPSE), when, and by whom. It answers
"why is this range not huge?" from inside the debugger."""

    def __init__(self):
        super().__init__("thp-ranges")

    def run(self, argv):
        self.usage(argv, 0, 1, "[PID]")
        t, mm = resolve_mm(argv[0] if argv else None)
        print(mm_title(t, mm))
        table = mm["thp_ranges"]
        if int(table) == 0:
            print("  no verdict yet: khugepaged has not scanned this mm, nor MADV_COLLAPSE run")
            return
        names = kglobal("scan_result_names")
        rows = []
        for i in range(int(table["nr"])):
            r = table["r"][i]
            rows.append((int(r["haddr"]), cstring(names[int(r["result"])]), int(r["ns"]),
                         "khugepaged" if int(r["by_khugepaged"]) else "MADV_COLLAPSE"))
        print("  %-16s %-28s %14s  %s" % ("range", "last result", "at (s)", "by"))
        for haddr, name, ns, by in sorted(rows):
            print("  %016x %-28s %14.6f  %s" % (haddr, name, ns / 1e9, by))


def mm_label(mm):
    owner = mm["owner"]
    return "mm %#x (%s)" % (int(mm), task_name(owner) if int(owner) else "no owner")


# --- page faults -------------------------------------------------------------

def error_code_text(code):
    words = ["protection" if code & 1 else "not-present"]
    for bit, yes, no in X86_PF_BITS:
        if code & bit:
            words.append(yes)
        elif no:
            words.append(no)
    return " ".join(words)


def fault_frame():
    """The do_page_fault frame among the newest few, or None."""
    try:
        frame = gdb.newest_frame()
    except gdb.error:
        return None
    for _ in range(32):
        if frame is None:
            return None
        if frame.name() == "do_page_fault":
            return frame
        try:
            frame = frame.older()
        except gdb.error:
            return None
    return None


def frame_int(frame, name):
    """An argument of frame as an int, or None if optimized out."""
    try:
        v = frame.read_var(name)
        if v.is_optimized_out:
            return None
        return int(v) & 0xffffffffffffffff
    except (gdb.error, gdb.MemoryError, ValueError):
        return None


def fault_pt_regs(addr):
    """The struct pt_regs at addr if it records a page fault (vector 14)."""
    if not addr:
        return None
    try:
        regs = ptr(addr, "struct pt_regs").dereference()
        return regs if int(regs["vector"]) == X86_TRAP_PF else None
    except (gdb.error, gdb.MemoryError):
        return None


def user_fault_regs():
    """The pt_regs of a page fault from user mode that the current task is
    handling: the entry code saves a user entry's registers at the top of
    the task's kernel stack (kernel/fork.c task_pt_regs). Only believed while
    the CPU is in kernel mode: in user mode that frame is an old one."""
    try:
        if int(gdb.parse_and_eval("$cs")) & 3:
            return None
        t = current()
        if int(t["mm"]) == 0 or int(t["stack"]) == 0:
            return None
        regs = fault_pt_regs(int(t["stack"]) + KERNEL_STACK_SIZE - ktype("struct pt_regs").sizeof)
        return regs if regs is not None and int(regs["cs"]) & 3 == 3 else None
    except (ThpError, gdb.error, gdb.MemoryError):
        return None


def find_fault():
    """(address, where it was read, error code or None) of the page fault
    being handled, or None when the CPU is not in the page-fault path.
    do_page_fault's arguments are exact in its own frame; in an outer frame
    they are believed only if regs->orig_rax agrees with error_code (without
    unwind tables GDB can read a frame's registers wrongly). Otherwise the
    address is CR2, which a later fault of another task may have replaced."""
    frame = fault_frame()
    if frame is not None:
        addr, code = frame_int(frame, "address"), frame_int(frame, "error_code")
        regs = fault_pt_regs(frame_int(frame, "regs"))
        consistent = regs is not None and int(regs["orig_rax"]) == code
        if addr is not None and code is not None and (frame == gdb.newest_frame() or consistent):
            return addr, "do_page_fault's address", code
    regs = user_fault_regs()
    if frame is None and regs is None:
        return None
    try:
        cr2 = int(gdb.parse_and_eval("$cr2")) & 0xffffffffffffffff
    except gdb.error:
        return None
    return cr2, "CR2", int(regs["orig_rax"]) if regs is not None else None


def fault_lines(fault):
    """What the page fault (address, source, error code) is about."""
    addr, source, code = fault
    code_text = "error %#x (%s)" % (code, error_code_text(code)) if code is not None \
        else "error code unknown"
    lines = ["page fault at %#x (%s), %s" % (addr, source, code_text)]
    if addr >= TASK_SIZE:
        lines.append("  a kernel address: no VMA (a kernel bug, or a fixup of a user copy)")
        return lines
    t = current()
    mm = t["mm"]
    if int(mm) == 0:
        lines.append("  %s is a kernel thread: no VMAs" % task_name(t))
        return lines
    vma = find_vma(mm, addr)
    if vma is None or int(vma["vm_start"]) > addr:
        below = " (the next starts at %#x)" % int(vma["vm_start"]) if vma is not None else ""
        lines.append("  in %s: no VMA covers it%s" % (task_name(t), below))
        return lines
    lines.append("  in %s: VMA %#x-%#x %s, THP %s" % (
        task_name(t), int(vma["vm_start"]), int(vma["vm_end"]),
        vm_flags_text(int(vma["vm_flags"])), thp_eligibility(vma, thp_mode())))
    return lines


class ThpFault(ThpCommand):
    """Explain the page fault being handled: address, error code, VMA.
Usage: thp-fault [on|off]
Prints CR2 (do_page_fault's address), the error code decoded (not-present
or protection, read or write, user or kernel, fetch) and the VMA that
covers the address. The same lines appear by themselves at every stop in
the page-fault path; 'thp-fault off' silences that, 'thp-fault on' restores it."""

    enabled = True

    def __init__(self):
        super().__init__("thp-fault")

    def run(self, argv):
        self.usage(argv, 0, 1, "[on|off]")
        if argv:
            if argv[0] not in ("on", "off"):
                raise ThpError("usage: thp-fault [on|off]")
            ThpFault.enabled = argv[0] == "on"
            print("thp-fault: the stop hook is %s" % argv[0])
            return
        fault = find_fault()
        if fault is None:
            raise ThpError("not stopped in the page-fault path")
        print("\n".join(fault_lines(fault)))


def on_stop(event):
    """gdb.events.stop: at a stop in the page-fault path, say what the
    fault is about; say nothing at any other stop."""
    if not ThpFault.enabled:
        return
    try:
        fault = find_fault()
        if fault is not None:
            print("\n".join(fault_lines(fault)))
    except Exception:	# a hook must never get in the way of a stop
        pass


def forget_layout(event):
    """gdb.events.new_objfile: another kernel may lay its structures out
    differently; look offsets and flag names up again."""
    global _pageflag_names
    _offsets.clear()
    _pageflag_names = None


for _cmd in (ThpPs, ThpVmas, ThpPt, ThpPage, ThpStat, ThpFault, ThpRanges):
    _cmd()

# sourcing this file again replaces its handlers instead of adding a second set
for _registry, _handler in getattr(gdb, "_thp_handlers", ()):
    _registry.disconnect(_handler)
gdb._thp_handlers = ((gdb.events.stop, on_stop), (gdb.events.new_objfile, forget_layout))
for _registry, _handler in gdb._thp_handlers:
    _registry.connect(_handler)
