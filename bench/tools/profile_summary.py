#!/usr/bin/env python3
"""One scenario's profile in a few lines: CPU per operation, allocations and GCs per operation,
disk syncs per operation, SQL per operation, and the top of the perf breakdown."""
import csv
import collections
import json
import os
import sys

folder = sys.argv[1]
name = os.path.basename(folder)
wrk = json.load(open(os.path.join(folder, "wrk.json")))
cpu = json.load(open(os.path.join(folder, "cpu.json")))["server_cpu_s"]
ops = wrk["operations"]
print(f"== {name}: {ops} operations in {wrk['duration_s']:.1f} s, {ops / wrk['duration_s']:.0f}/s, "
      f"server CPU {cpu:.2f} s = {1000 * cpu / ops:.3f} ms per operation ({ops / cpu:.0f} per CPU-second), "
      f"{wrk['check_errors'] + wrk['socket_errors']} errors")

counters = os.path.join(folder, "counters.csv")
if os.path.exists(counters):
    series = collections.defaultdict(list)
    with open(counters) as file:
        for row in csv.DictReader(file):
            key = f"{row.get('Provider', '')}/{row.get('Counter Name', '')}"
            try:
                series[key].append(float(row.get("Mean/Increment", "nan")))
            except ValueError:
                pass
    seconds = wrk["duration_s"]
    rate = ops / seconds
    for key, values in sorted(series.items()):
        values = [v for v in values if v == v]
        if not values:
            continue
        mean = sum(values) / len(values)
        print(f"  counter {key}: mean {mean:,.2f}" + (f" ({mean / rate:,.2f} per operation)" if rate else ""))

strace = os.path.join(folder, "strace.txt")
if os.path.exists(strace):
    for line in open(strace):
        parts = line.split()
        if len(parts) >= 5 and parts[-1] in ("fsync", "fdatasync", "pwrite64", "pread64") and parts[3].isdigit():
            sql_ops = json.load(open(os.path.join(folder, "sql-wrk.json")))["operations"]
            if sql_ops:
                print(f"  syscall {parts[-1]}: {int(parts[3]) / sql_ops:.2f} per operation (strace, 1 connection)")

for part in ("sql-summary.txt", "perf-summary.txt"):
    path = os.path.join(folder, part)
    if os.path.exists(path):
        lines = open(path).read().splitlines()
        print("\n".join("  " + line for line in lines[:45]))
