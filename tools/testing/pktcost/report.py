#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The table of `make pktcost`.

usage: report.py RUNDIR... [--details FILE]

RUNDIR is what tools/testing/pktcost/pktcost left: meta, plugin.out (the
plugin's windows) and guest/ (guest.sh's files).  Several RUNDIRs pool
their rounds.  Every figure is per packet the receiving netdev counted
(rx_packets) in the window; "value" is the mean over rounds, "spread" is
(max - min) / mean over rounds.
"""
import bisect
import collections
import os
import re
import statistics
import sys

SCENARIOS = [
    ("udp64", "VF0 -> VF1, UDP, 64-byte datagrams, as fast as the sender can"),
    ("udp64r", "VF0 -> VF1, UDP, 64-byte datagrams at a fixed rate"),
    ("tcp1", "VF0 -> VF1, TCP, one stream"),
    ("wire", "PF0 -> PF1, TCP, one stream, over the wire"),
    ("idle", "no traffic: per second, not per packet"),
]
CONFIGS = ("stock", "ours")
TX_ROLES, RX_ROLES = ("PF0", "VF0"), ("PF1", "VF1")


def read_plugin(path):
    """{tag: {"cpu": {v: {...}}, "tb": {v: {pc: n}}, "mmio": [...], "us": n}}."""
    wins, cur = {}, None
    if not os.path.exists(path):
        return wins
    with open(path) as f:
        for line in f:
            p = line.split()
            if not p:
                continue
            if p[0] == "end":
                cur = {"tag": p[2], "cpu": {}, "mmio": [],
                       "tb": collections.defaultdict(dict),
                       "us": int(p[4].split("=")[1])}
            elif cur is None:
                continue
            elif p[0] == "cpu":
                cur["cpu"][int(p[1])] = {k: int(v) for k, v in
                                         (x.split("=") for x in p[2:])}
            elif p[0] == "tb":
                cur["tb"][int(p[1])][int(p[2], 16)] = int(p[3])
            elif p[0] == "mmio":
                cur["mmio"].append((int(p[1]), int(p[2], 16), p[3],
                                    int(p[4], 16), int(p[5])))
            elif p[0] == "done":
                wins[cur["tag"]] = cur
                cur = None
    return wins


def read_window(path):
    """pktcost_mark's output: {"begin"/"end": (time, {file: text})}."""
    res, phase, fname, text = {}, None, None, []

    def close():
        if phase and fname:
            res[phase][1][fname] = "".join(text)

    with open(path) as f:
        for line in f:
            if line.startswith("== "):
                close()
                _, phase, t = line.split()
                res[phase] = (float(t), {})
                fname, text = None, []
            elif line.startswith("-- "):
                close()
                fname, text = line[3:].rstrip("\n"), []
            elif not line.startswith("!! "):
                text.append(line)
    close()
    return res


def table_rows(text, skip):
    """Lines "name: n n n ..." -> {name: [ints]} (the leading ints only)."""
    res = {}
    for line in text.splitlines()[skip:]:
        if ":" not in line:
            continue
        name, rest = line.split(":", 1)
        vals = []
        for x in rest.split():
            if not x.isdigit():
                break
            vals.append(int(x))
        res[name.strip()] = vals
    return res


def delta(a, b):
    return {k: [y - x for x, y in zip(a[k], b[k])] for k in b if k in a}


def read_setup(path):
    s = {"fns": {}, "bars": []}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p[0] == "config":
                s["config"], s["drivers"] = p[1], {p[2], p[3]}
                if p[2].startswith("iovnic"):
                    s["drivers"].add("iovnic_lib")
            elif p[0] == "fn":
                s["fns"][p[1]] = {"bdf": p[2], "dev": p[3], "ns": p[4],
                                  "cpu": int(p[5]), "driver": p[6],
                                  "irqs": [] if p[7] in "*-" else p[7].split(","),
                                  "pid": p[8] if len(p) > 8 else None}
            elif p[0] == "bar":
                s["bars"].append((int(p[3], 16), int(p[4], 16), p[1], int(p[2])))
    # smallest first: a VF's BAR lies inside its PF's VF BAR
    s["bars"].sort(key=lambda b: b[1] - b[0])
    return s


class Syms:
    """Kernel address -> (module or "vmlinux", function)."""

    def __init__(self, paths):
        rows = []
        for path in paths:
            with open(path) as f:
                for line in f:
                    p = line.split()
                    a = int(p[0], 16)
                    if a:
                        rows.append((a, p[3].strip("[]") if len(p) > 3 else "vmlinux", p[2]))
        rows.sort()
        self.addr = [r[0] for r in rows]
        self.rows = rows

    def __call__(self, pc):
        i = bisect.bisect_right(self.addr, pc) - 1
        # past the last symbol of an area by more than any function is long
        if i < 0 or pc - self.addr[i] > 0x8000:
            return ("?", "?")
        return self.rows[i][1:]


def reg_name(role, off):
    """Name of a register of an 82576 VF (BAR 0) or PF (BAR 0), where known."""
    vf = {0x0000: "CTRL", 0x0008: "STATUS", 0x1520: "EICS", 0x1524: "EIMS",
          0x1528: "EIMC", 0x152c: "EIAC", 0x1530: "EIAM", 0x1580: "EICR",
          0x0c40: "V2PMAILBOX", 0x1700: "IVAR0", 0x1740: "IVAR_MISC"}
    if role.startswith("VF"):
        if off in vf:
            return vf[off]
        if 0x0800 <= off < 0x0840:
            return "VMBMEM"
        if 0x1680 <= off < 0x1690:
            return "EITR%d" % ((off - 0x1680) // 4)
        for base, names in ((0x2800, {0x10: "RDH", 0x18: "RDT"}),
                            (0x3800, {0x10: "TDH", 0x18: "TDT"})):
            if base <= off < base + 0x400 and (off - base) % 0x100 in names:
                return "%s%d" % (names[(off - base) % 0x100], (off - base) // 0x100)
        return ""
    pf = {0x0000: "CTRL", 0x0008: "STATUS", 0x00c0: "ICR", 0x00d0: "IMS",
          0x00d8: "IMC", 0x1520: "EICS", 0x1524: "EIMS", 0x1528: "EIMC",
          0x152c: "EIAC", 0x1530: "EIAM", 0x1580: "EICR"}
    if off in pf:
        return pf[off]
    if 0x1680 <= off < 0x16a8:
        return "EITR%d" % ((off - 0x1680) // 4)
    for base, names in ((0xc000, {0x10: "RDH", 0x18: "RDT"}),
                        (0xe000, {0x10: "TDH", 0x18: "TDT"})):
        if base <= off < base + 0x400 and (off - base) % 0x40 in names:
            return "%s%d" % (names[(off - base) % 0x40], (off - base) // 0x40)
    if 0x4000 <= off < 0x4200:
        return "stats"
    return ""


def measure(tag, txns, rxns, win, setup, plug, syms):
    """The figures of one window (totals; divided later)."""
    beg, end = win["begin"], win["end"]
    m = {"tag": tag, "secs": end[0] - beg[0]}
    fn_by_ns = {f["ns"]: (r, f) for r, f in setup["fns"].items()}
    _, tx = fn_by_ns[txns]
    _, rx = fn_by_ns[rxns]
    m["tx_cpu"], m["rx_cpu"] = tx["cpu"], rx["cpu"]

    def dev(phase, f):
        rows = table_rows(phase[1].get("/proc/%s/net/dev" % f["pid"], ""), 2)
        return rows.get(f["dev"])

    rb, re_ = dev(beg, rx), dev(end, rx)
    if rb and re_:
        m["rx"] = re_[1] - rb[1]
    tb_, te = dev(beg, tx), dev(end, tx)
    if tb_ and te:
        m["tx"] = te[9] - tb_[9]
    sb = beg[1].get("/proc/%s/net/snmp" % rx["pid"], "").splitlines()
    se = end[1].get("/proc/%s/net/snmp" % rx["pid"], "").splitlines()
    for a, b in ((sb, "b"), (se, "e")):
        for i in range(0, len(a) - 1, 2):
            if a[i].startswith("Udp:"):
                kv = dict(zip(a[i].split()[1:], a[i + 1].split()[1:]))
                m["udp_" + b] = int(kv.get("RcvbufErrors", 0))
    if "udp_b" in m and "udp_e" in m:
        m["udp_drop"] = m["udp_e"] - m["udp_b"]

    irq = delta(table_rows(beg[1]["/proc/interrupts"], 1),
                table_rows(end[1]["/proc/interrupts"], 1))
    m["nic_irqs"] = sum(sum(irq.get(i, [])) for f in setup["fns"].values()
                        for i in f["irqs"])
    sq = delta(table_rows(beg[1]["/proc/softirqs"], 1),
               table_rows(end[1]["/proc/softirqs"], 1))
    m["net_rx"] = sum(sq.get("NET_RX", []))
    if plug is None:
        return m

    drivers = setup["drivers"]
    m["drv"], m["kern"], m["funcs"] = {}, {}, collections.Counter()
    for cpu, tbs in plug["tb"].items():
        d = 0
        for pc, n in tbs.items():
            mod, fn = syms(pc)
            if mod in drivers:
                d += n
                m["funcs"][(cpu, mod, fn)] += n
        m["drv"][cpu] = d
    for cpu, c in plug["cpu"].items():
        m["kern"][cpu] = c["kernel"]
        m.setdefault("user", 0)
        m["user"] += c["user"]
        m.setdefault("kmem", 0)
        m["kmem"] += c["kmem"]
        m.setdefault("lost", 0)
        m["lost"] += c["overflow"] + c["unresolved"]
    m["mmio"] = {"R": 0, "W": 0, ("R", "tx"): 0, ("W", "tx"): 0,
                 ("R", "rx"): 0, ("W", "rx"): 0}
    m["regs"], m["other_io"] = collections.Counter(), 0
    role_of = {f["bdf"]: r for r, f in setup["fns"].items()}
    for cpu, pa, rw, pc, n in plug["mmio"]:
        bar = next((b for b in setup["bars"] if b[0] <= pa <= b[1]), None)
        if bar is None:
            m["other_io"] += n
            continue
        m["mmio"][rw] += n
        m["mmio"][(rw, "tx" if cpu == tx["cpu"] else "rx")] += n
        role = role_of.get(bar[2], bar[2])
        m["regs"][(role, bar[3], pa - bar[0], rw, syms(pc)[1])] += n
    return m


def load(run):
    g = os.path.join(run, "guest")
    plug = read_plugin(os.path.join(run, "plugin.out"))
    ksyms = os.path.join(g, "kernel.syms")
    out = collections.defaultdict(lambda: collections.defaultdict(list))
    wpath = os.path.join(g, "windows")
    if not os.path.exists(wpath):
        return out
    for line in open(wpath):
        tag, txns, rxns = line.split()
        rnd, cfg, scen = tag.split("-", 2)
        wfile = os.path.join(g, tag + ".win")
        sfile = os.path.join(g, "%s-%s.setup" % (rnd, cfg))
        if not os.path.exists(wfile) or not os.path.exists(sfile):
            continue
        syms = None
        if plug:
            syms = Syms([ksyms, os.path.join(g, "%s-%s.modsyms" % (rnd, cfg))])
        m = measure(tag, txns, rxns, read_window(wfile), read_setup(sfile),
                    plug.get(tag), syms)
        out[scen][cfg].append(m)
    return out


# (label, key, per): per packet (or per second for idle)
def rows(plugin, exact):
    r = [("packets received per second", lambda m: m.get("rx") and m["rx"] / m["secs"], False),
         # above 1: frames the receiver's ring had no room for (a flood)
         ("packets sent (above 1: lost on the way)", lambda m: m.get("tx"), True)]
    if plugin:
        r += [
            ("driver insns, sender CPU", lambda m: m["drv"].get(m["tx_cpu"], 0), True),
            ("  the same per packet SENT", lambda m: m["drv"].get(m["tx_cpu"], 0) / m["tx"], False),
            ("driver insns, receiver CPU", lambda m: m["drv"].get(m["rx_cpu"], 0), True),
            ("driver insns, both", lambda m: sum(m["drv"].values()), True),
            ("kernel insns, both", lambda m: sum(m["kern"].values()), True),
        ]
        if exact:
            r += [("kernel memory accesses, both", lambda m: m["kmem"], True)]
        r += [
            ("MMIO reads (82576 BARs)", lambda m: m["mmio"]["R"], True),
            ("MMIO writes (82576 BARs)", lambda m: m["mmio"]["W"], True),
            ("MMIO writes, sender CPU", lambda m: m["mmio"][("W", "tx")], True),
            ("MMIO writes, receiver CPU", lambda m: m["mmio"][("W", "rx")], True),
        ]
    r += [
        ("NIC interrupts", lambda m: m["nic_irqs"], True),
        ("NET_RX softirqs", lambda m: m["net_rx"], True),
        ("datagrams dropped by the receiving socket", lambda m: m.get("udp_drop"), True),
    ]
    return r


def value(m, fn, per, scen):
    try:
        v = fn(m)
    except (KeyError, TypeError):
        return None
    if v is None:
        return None
    if not per:
        return v
    n = m["secs"] if scen == "idle" else m.get("rx")
    return v / n if n else None


def fmt(v):
    if v is None:
        return "-"
    if abs(v) >= 1000:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3f" % v


def spread(vs):
    if len(vs) < 2 or not statistics.fmean(vs):
        return None
    return (max(vs) - min(vs)) / abs(statistics.fmean(vs))


HEADLINE = ["driver insns, both", "kernel insns, both", "MMIO reads (82576 BARs)",
            "MMIO writes (82576 BARs)", "NIC interrupts", "NET_RX softirqs"]


def main(argv):
    details = None
    if "--details" in argv:
        i = argv.index("--details")
        details = argv[i + 1]
        del argv[i:i + 2]
    if not argv:
        print(__doc__)
        return 2
    res = collections.defaultdict(lambda: collections.defaultdict(list))
    for run in argv:
        for scen, byc in load(run).items():
            for cfg, ms in byc.items():
                res[scen][cfg] += ms
    meta = {}
    mpath = os.path.join(argv[0], "meta")
    if os.path.exists(mpath):
        for line in open(mpath):
            k, _, v = line.rstrip("\n").partition(" ")
            meta[k] = v
    plugin = os.path.exists(os.path.join(argv[0], "plugin.out"))
    exact = "memops=on" in meta.get("plugin", "")
    out = []
    p = out.append
    p("pktcost: commit %s, %s, QEMU %s TCG, plugin %s" % (
        meta.get("commit", "?"),
        "finished " + meta["finished"] if "finished" in meta else "started " + meta.get("started", meta.get("date", "?")),
        meta.get("qemu", "?"),
        meta.get("plugin", "?").replace("1 ", "on: ", 1).replace("0 ", "OFF (", 1)))
    p("  %s; %d run(s); per packet received by the receiving netdev; value = mean over rounds,"
      % (meta.get("rounds", "?"), len(argv)))
    p("  spread = (max-min)/mean over rounds")
    summary = {}
    for scen, title in SCENARIOS:
        if scen not in res:
            continue
        byc = res[scen]
        p("")
        p("== %s: %s" % (scen, title))
        p("%-44s %10s %10s %7s %8s %8s %4s" % ("metric", "stock", "ours", "o/s", "sp.stock", "sp.ours", "n"))
        for label, fn, per in rows(plugin, exact):
            mean, sp, n = {}, {}, {}
            for c in CONFIGS:
                vs = [v for v in (value(m, fn, per, scen) for m in byc.get(c, [])) if v is not None]
                mean[c] = statistics.fmean(vs) if vs else None
                sp[c] = spread(vs)
                n[c] = len(vs)
                summary[(scen, label, c)] = (mean[c], min(vs) if vs else None,
                                             max(vs) if vs else None, sp[c])
            if mean["stock"] is None and mean["ours"] is None:
                continue
            ratio = mean["ours"] / mean["stock"] if mean["stock"] and mean["ours"] is not None else None
            p("%-44s %10s %10s %7s %8s %8s %4s" % (
                label, fmt(mean["stock"]), fmt(mean["ours"]),
                "-" if ratio is None else "%.2f" % ratio,
                "-" if sp["stock"] is None else "%.1f%%" % (100 * sp["stock"]),
                "-" if sp["ours"] is None else "%.1f%%" % (100 * sp["ours"]),
                "%d/%d" % (n["stock"], n["ours"])))
        for c in CONFIGS:
            for m in byc.get(c, []):
                if m.get("lost"):
                    p("  note: %s: %d kernel insns or accesses not attributed" % (m["tag"], m["lost"]))
                if m.get("other_io"):
                    p("  note: %s: %d I/O accesses from module code outside the 82576 BARs"
                      % (m["tag"], m["other_io"]))

    if plugin:
        p("")
        p("ours/stock of the means (range of the per-round ratios), per packet received:")
        p("| scenario | " + " | ".join(HEADLINE) + " |")
        p("|---" * (len(HEADLINE) + 1) + "|")
        for scen, _ in SCENARIOS:
            if scen not in res or scen == "idle":
                continue
            cells = []
            for label in HEADLINE:
                fn, per = next((f, pp) for lab, f, pp in rows(True, exact) if lab == label)
                s = summary.get((scen, label, "stock"), (None,))[0]
                o = summary.get((scen, label, "ours"), (None,))[0]
                if not s or o is None:
                    cells.append("-")
                    continue
                # the same round's stock and ours: how far the ratio moves
                pair = collections.defaultdict(dict)
                for c in CONFIGS:
                    for m in res[scen].get(c, []):
                        pair[m["tag"].split("-")[0]][c] = value(m, fn, per, scen)
                rs = [x["ours"] / x["stock"] for x in pair.values()
                      if x.get("stock") and x.get("ours") is not None]
                cells.append("%.2f (%.2f-%.2f)" % (o / s, min(rs), max(rs)) if len(rs) > 1
                             else "%.2f" % (o / s))
            p("| %s | %s |" % (scen, " | ".join(cells)))
    print("\n".join(out))

    if details and plugin:
        write_details(details, res)
    return 0


def write_details(path, res):
    d = []
    q = d.append
    for scen, _ in SCENARIOS:
        for c in CONFIGS:
            ms = [m for m in res.get(scen, {}).get(c, []) if m.get("rx") and "funcs" in m]
            if not ms:
                continue
            q("==== %s %s: %d rounds" % (scen, c, len(ms)))
            for m in ms:
                q("  %s: %.0f pkt/s, %d pkts, window %.2fs, driver insns/pkt %s, MMIO W/pkt %s, irqs/pkt %s"
                  % (m["tag"], m["rx"] / m["secs"], m["rx"], m["secs"],
                     fmt(sum(m["drv"].values()) / m["rx"]), fmt(m["mmio"]["W"] / m["rx"]),
                     fmt(m["nic_irqs"] / m["rx"])))
            funcs, regs = collections.Counter(), collections.Counter()
            for m in ms:
                for k, n in m["funcs"].items():
                    funcs[k] += n / m["rx"] / len(ms)
                for k, n in m["regs"].items():
                    regs[k] += n / m["rx"] / len(ms)
            q("  driver functions, insns/pkt (mean; cpu0 = sender, cpu1 = receiver):")
            for (cpu, mod, fn), v in funcs.most_common(15):
                q("    %9.1f  cpu%d %s [%s]" % (v, cpu, fn, mod))
            q("  MMIO/pkt by register (function BAR offset name dir <- code):")
            for (role, bar, off, rw, fn), v in regs.most_common(15):
                q("    %9.4f  %s BAR%d 0x%05x %-10s %s <- %s"
                  % (v, role, bar, off, reg_name(role, off) if bar == 0 else "", rw, fn))
            q("")
    with open(path, "w") as f:
        f.write("\n".join(d) + "\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
