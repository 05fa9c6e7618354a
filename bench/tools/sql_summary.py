#!/usr/bin/env python3
"""Counts the SQL commands EF Core ran (its Database.Command log) per completed operation of a
wrk run: commands, and statements by kind (a SaveChanges may batch several into one command)."""
import collections
import json
import re
import sys

log, wrk = sys.argv[1], json.load(open(sys.argv[2]))
ops = wrk["operations"]
commands = 0
kinds = collections.Counter()
tables = collections.Counter()
block = None
blocks = []
for line in open(log, errors="replace"):
    if re.match(r"^(info|warn|fail|dbug|trce|crit): ", line):
        if block is not None:
            blocks.append(block)
        block = [] if "Microsoft.EntityFrameworkCore.Database.Command" in line else None
        continue
    if block is not None:
        block.append(line.rstrip("\n"))
if block is not None:
    blocks.append(block)
for block in blocks:
    if not block or "Executed DbCommand" not in block[0]:
        continue
    commands += 1
    for line in block[1:]:
        statement = re.match(r"^      (SELECT|INSERT|UPDATE|DELETE|PRAGMA|WITH)\b(.*)", line)
        if statement:
            kind = statement.group(1)
            kinds[kind] += 1
            table = re.search(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"', line + " " + " ".join(block[1:3]))
            tables[(kind, table.group(1) if table else "?")] += 1
print(f"operations: {ops}, EF commands: {commands} ({commands / ops:.2f} per operation)" if ops else "no operations")
if ops:
    writes = sum(count for kind, count in kinds.items() if kind in ("INSERT", "UPDATE", "DELETE"))
    print(f"statements per operation: " + ", ".join(f"{kind} {count / ops:.2f}" for kind, count in kinds.most_common())
          + f"; writes {writes / ops:.2f}")
    for (kind, table), count in sorted(tables.items(), key=lambda item: -item[1]):
        print(f"  {count / ops:5.2f}  {kind:6} {table}")
