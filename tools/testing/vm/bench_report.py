#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Number crunching for tools/testing/vm/bench.sh (guest side of `make
# bench`).  Sub-commands:
#   tcp FILE          iperf3 -J client output -> "Mbit/s retransmits"
#   udp FILE          iperf3 -J --get-server-output client output of a UDP
#                     run -> "received_packets seconds sent_packets"
#   ping FILE         ping output (one "time=X ms" line per reply)
#                     -> "p50_us p99_us replies"
#   report TSV JSON   samples (one per line: round config metric value note)
#                     -> the table on stdout, raw numbers + summary as JSON
# A parse error prints "ERR <why>" and exits 1: bench.sh turns that into an
# n/a row with the reason, never into a number.

import json
import math
import statistics
import sys

# metric -> (unit, which direction is better, what it measures)
METRICS = {
    "vfvf_tcp1": ("Mbit/s", "higher", "VF0->VF1 TCP, 1 stream, via the NIC switch"),
    "vfvf_tcp4": ("Mbit/s", "higher", "VF0->VF1 TCP, 4 streams, via the NIC switch"),
    "vfvf_udp64_pps": ("pkt/s", "higher", "VF0->VF1 UDP 64 B payload, received by VF1's app"),
    "vfvf_udp64_cpu": ("ns/pkt", "lower", "guest sys+softirq CPU per received pkt (udp64)"),
    "vf_to_pf_tcp": ("Mbit/s", "higher", "VF0->PF0 TCP, 1 stream"),
    "pf_to_vf_tcp": ("Mbit/s", "higher", "PF0->VF0 TCP, 1 stream"),
    "pf_wire_tcp": ("Mbit/s", "higher", "PF0->PF1 TCP over the virtual wire"),
    "vfvf_ping_p50": ("us", "lower", "VF0->VF1 ICMP 64 B round trip, median"),
    "vfvf_ping_p99": ("us", "lower", "VF0->VF1 ICMP 64 B round trip, p99"),
}

CONFIGS = {
    "stock": "igb + igbvf",
    "ours": "iovnic_pf + iovnic_vf",
    "mix_pf": "iovnic_pf + igbvf",
    "mix_vf": "igb + iovnic_vf",
}


def err(why):
    print("ERR " + " ".join(str(why).split())[:200])
    sys.exit(1)


def load_iperf(path):
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        err("iperf3 output unreadable: %s" % e)
    if data.get("error"):
        err("iperf3: " + data["error"])
    return data


def cmd_tcp(path):
    end = load_iperf(path).get("end", {})
    rx = end.get("sum_received", {})
    if not rx.get("seconds"):
        err("iperf3 reported no received data")
    retr = end.get("sum_sent", {}).get("retransmits", "?")
    print("%.1f %s" % (rx["bits_per_second"] / 1e6, retr))


def cmd_udp(path):
    data = load_iperf(path)
    srv = data.get("server_output_json") or {}
    if srv.get("error"):
        err("iperf3 server: " + srv["error"])
    s = srv.get("end", {}).get("sum", {})
    if "packets" not in s or not s.get("seconds"):
        err("iperf3 server reported no UDP totals (server_output_json keys: %s)"
            % ",".join(sorted(srv)))
    sent = data.get("end", {}).get("sum", {}).get("packets", 0)
    # The receiver's count: datagrams it expected minus the gaps it saw.
    print("%d %.3f %d" % (s["packets"] - s.get("lost_packets", 0), s["seconds"], sent))


def percentile(sorted_vals, p):
    # nearest-rank
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


def cmd_ping(path):
    rtts = []
    with open(path) as f:
        for line in f:
            if "time=" in line:
                try:
                    rtts.append(float(line.split("time=")[1].split()[0]))
                except ValueError:
                    pass
    if len(rtts) < 20:
        err("only %d ping replies" % len(rtts))
    rtts.sort()
    print("%.0f %.0f %d" % (statistics.median(rtts) * 1000,
                            percentile(rtts, 99) * 1000, len(rtts)))


def fmt(v):
    if v is None:
        return "-"
    if v >= 1000:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def cell(s):
    vals = s["values"]
    if not vals:
        return "n/a", "-"
    return fmt(statistics.median(vals)), "%s-%s" % (fmt(min(vals)), fmt(max(vals)))


def summarize(samples, rounds_asked):
    out = {}
    for smp in samples:
        key = (smp["metric"], smp["config"])
        s = out.setdefault(key, {"values": [], "notes": [], "rounds": 0})
        s["rounds"] += 1
        if smp["value"] is None:
            s["notes"].append(smp["note"])
        else:
            s["values"].append(smp["value"])
    for s in out.values():
        s["median"] = statistics.median(s["values"]) if s["values"] else None
        s["min"] = min(s["values"]) if s["values"] else None
        s["max"] = max(s["values"]) if s["values"] else None
    return out


def na_reason(s):
    if s is None:
        return "not run"
    if s["values"]:
        return None
    # the most frequent reason
    notes = s["notes"] or ["no result"]
    return max(set(notes), key=notes.count)


def cmd_report(tsv, jpath, meta_kv):
    samples = []
    with open(tsv) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            rnd, config, metric, value, note = parts[:5]
            samples.append({
                "round": int(rnd), "config": config, "metric": metric,
                "value": float(value) if value else None, "note": note,
            })
    meta = dict(kv.split("=", 1) for kv in meta_kv if "=" in kv)
    summ = summarize(samples, meta.get("rounds"))

    rows = []
    notes = []
    metrics = [m for m in METRICS if any(k[0] == m for k in summ)]
    for m in metrics:
        unit, better, _ = METRICS[m]
        st = summ.get((m, "stock"))
        for cfg in ("ours", "mix_pf", "mix_vf"):
            ot = summ.get((m, cfg))
            if cfg != "ours" and ot is None:
                continue
            name = m if cfg == "ours" else "%s [%s]" % (m, CONFIGS[cfg])
            smed, sspr = cell(st) if st else ("n/a", "-")
            omed, ospr = cell(ot) if ot else ("n/a", "-")
            ratio = "-"
            if st and ot and st["median"] and ot["median"] is not None:
                ratio = "%.2f" % (ot["median"] / st["median"])
            n = "%d/%d" % (len(st["values"]) if st else 0, len(ot["values"]) if ot else 0)
            rows.append([name, "%s %s" % (unit, "(hi)" if better == "higher" else "(lo)"),
                         smed, omed, ratio, sspr, ospr, n])
            for who, s in (("stock", st), (cfg, ot)):
                why = na_reason(s)
                if why and (who, m, why) not in [(a, b, c) for a, b, c in notes]:
                    notes.append((who, m, why))
    hdr = ["scenario", "unit", "stock med", "ours med", "ours/stock",
           "stock min-max", "ours min-max", "ok s/o"]
    widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
    line = "  ".join("%-*s" % (widths[i], hdr[i]) for i in range(len(hdr)))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join("%-*s" % (widths[i], r[i]) for i in range(len(r))))
    if notes:
        print()
        print("n/a reasons:")
        for who, m, why in notes:
            print("  %s %s (%s): %s" % (m, who, CONFIGS.get(who, who), why))

    summary = []
    for (m, cfg), s in sorted(summ.items()):
        summary.append({
            "metric": m, "config": cfg, "driver": CONFIGS.get(cfg, cfg),
            "unit": METRICS.get(m, ("?", "?", ""))[0],
            "better": METRICS.get(m, ("?", "?", ""))[1],
            "median": s["median"], "min": s["min"], "max": s["max"],
            "ok_rounds": len(s["values"]), "rounds": s["rounds"],
            "na_reason": na_reason(s),
        })
    doc = {
        "meta": meta,
        "metrics": {m: {"unit": u, "better": b, "what": w} for m, (u, b, w) in METRICS.items()},
        "configs": CONFIGS,
        "samples": samples,
        "summary": summary,
    }
    with open(jpath, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def main():
    if len(sys.argv) < 3:
        err("usage: bench_report.py tcp|udp|ping FILE | report TSV JSON [k=v...]")
    cmd = sys.argv[1]
    if cmd == "tcp":
        cmd_tcp(sys.argv[2])
    elif cmd == "udp":
        cmd_udp(sys.argv[2])
    elif cmd == "ping":
        cmd_ping(sys.argv[2])
    elif cmd == "report" and len(sys.argv) >= 4:
        cmd_report(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        err("unknown sub-command " + cmd)


if __name__ == "__main__":
    main()
