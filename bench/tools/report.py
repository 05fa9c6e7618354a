#!/usr/bin/env python3
"""Turns the JSON files that bench/run.sh collected into RESULTS.md, results.json and
throughput.png (matplotlib, no network), and prints the main table. With --from-json it rewrites
RESULTS.md and the chart from a results.json (e.g. after a change of this script)."""
import argparse
import glob
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ORDER = ["client-credentials-rs256", "client-credentials-es256", "refresh", "sso-hop", "sign-in", "api-call",
         "introspection", "discovery"]


def load(path, default=None):
    return json.load(open(path)) if os.path.exists(path) else default


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def met(result):
    return result["ops_per_cpu_s"] is not None and result["ops_per_cpu_s"] >= result["target"] and result["errors"] == 0


def cluster_section(cluster):
    """The figures of bench/cluster.sh: the same scenarios on SQLite, PostgreSQL, and two instances behind nginx."""
    first = cluster["runs"][0]
    out = ["## Scale-out (issue 6): one instance on SQLite, one and two on PostgreSQL", ""]
    out.append(f"Written by `bench/cluster.sh` on {cluster['date']}, commit `{cluster['commit']}`, load average at the end "
               f"{' '.join(cluster['load_average_at_end'])} (at the start of each run: "
               + ", ".join(' '.join(r['machine'].get('load_average_at_start', [])) for r in cluster["runs"])
               + f"). {first['warmup_s']} s warm-up, {first['duration_s']} s measured, "
               "8 connections; every server-side process (instances, nginx) pinned to core 1, wrk to core 0. "
               "*Per server CPU-s* counts the identity server processes (summed over the instances); *incl. "
               "nginx + PostgreSQL* adds the CPU of nginx and of the PostgreSQL backends serving the bench's "
               "database (PostgreSQL is the machine's shared service, not pinned). The 1-instance PostgreSQL run "
               "talks to the instance directly; the 2-instance run goes through nginx (round-robin, no stickiness).")
    out.append("")
    out.append("| configuration | scenario | ops/s | p50 ms | p99 ms | server CPU s per 1,000 ops | ops per server CPU-s "
               "| ops per CPU-s incl. nginx + PostgreSQL | peak RSS MB (largest instance) | errors | other load on core 1 |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for run in cluster["runs"]:
        for r in sorted(run["results"], key=lambda r: ORDER.index(r["scenario"])):
            total = r.get("ops_per_total_cpu_s") if r.get("support_processes") else None
            out.append(f"| {run['what']} | {r['scenario']} | {fmt(r['ops_per_s'])} | {fmt(r['p50_ms'], 1)} | "
                       f"{fmt(r['p99_ms'], 1)} | {fmt(r['cpu_s_per_1000_ops'], 3)} | **{fmt(r['ops_per_cpu_s'])}** | "
                       f"{fmt(total) if total else '– (no other process)'} | {fmt(r['peak_rss_mb'])} | {r['errors']} | "
                       f"{r['server_core_other_load'] * 100:.0f}% |")
    out.append("")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", help="folder of JSON files written by run.sh")
    parser.add_argument("--from-json", help="a results.json written earlier: rewrite RESULTS.md and the chart from it")
    parser.add_argument("--out")
    parser.add_argument("--duration", type=int)
    parser.add_argument("--warmup", type=int)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cluster", help="bench/cluster.json (bench/cluster.sh): adds the Scale-out section")
    parser.add_argument("--cluster-table", help="print the Scale-out section of this cluster.json and stop")
    args = parser.parse_args()
    if args.cluster_table:
        print("\n".join(cluster_section(json.load(open(args.cluster_table)))))
        return

    results = {}
    if args.from_json:
        saved = json.load(open(args.from_json))
        machine, crypto = saved["machine"], saved["crypto"]
        growth, prune = saved["growth"], saved["prune"]
        args.duration, args.warmup, args.quick = saved["duration_s"], saved["warmup_s"], saved["quick"]
        for result in saved["results"]:
            results[(result["phase"], result["scenario"])] = result
    else:
        machine = load(os.path.join(args.results, "machine.json"), {})
        crypto = load(os.path.join(args.results, "crypto.json"), {})
        growth = load(os.path.join(args.results, "growth.json"))
        prune = load(os.path.join(args.results, "prune.json"))
        for path in glob.glob(os.path.join(args.results, "*-*.json")):
            if path.endswith((".wrk.json", ".warmup.json")):
                continue
            result = json.load(open(path))
            if "scenario" in result:
                results[(result["phase"], result["scenario"])] = result
    machine["wrk"] = " ".join(machine.get("wrk", "").split()[:2])

    def ordered(phase):
        return [results[(phase, name)] for name in ORDER if (phase, name) in results]

    empty, grown = ordered("empty"), ordered("grown")
    connections = sorted({r["connections"] for r in empty + grown})
    lines = []
    add = lines.append
    add("# Benchmark results")
    add("")
    add(f"Written by `bench/run.sh{' --quick' if args.quick else ''}` on {machine.get('date', '?')}, commit "
        f"`{machine.get('commit', '?')}`{' (with uncommitted changes)' if machine.get('dirty') else ''}. "
        "Regenerate with `bench/run.sh` (about 15 minutes); how it measures is in the script's header "
        "and in the README's *Benchmark* section; where the time goes is in [PROFILE.md](PROFILE.md).")
    if args.quick:
        add("")
        add(f"**Quick mode**: {args.warmup} s warm-up and {args.duration} s per scenario and a small growth; "
            "for trying the command out, not for comparing numbers.")
    add("")
    add("## Machine")
    add("")
    add("| CPU | cores | RAM | OS | .NET (SDK / ASP.NET Core runtime) | load generator | load average at start |")
    add("| --- | --- | --- | --- | --- | --- | --- |")
    add(f"| {machine.get('cpu', '?')} | {machine.get('cores', '?')} | {machine.get('ram_gib', '?')} GiB | "
        f"{machine.get('os', '?')} (kernel {machine.get('kernel', '?')}) | {machine.get('dotnet_sdk', '?')} / "
        f"{machine.get('aspnetcore_runtime', '?')} | {machine.get('wrk', '?')} | "
        f"{' '.join(machine.get('load_average_at_start', []))} |")
    add("")
    add(f"Server process (the identity server, or ClientAppB for the API call) pinned to core 1, wrk to core 0, "
        f"{'/'.join(map(str, connections))} connections (one per wrk thread; 4 for the sign-in, whose cost is the "
        f"password hash), {args.warmup} s warm-up then {args.duration} s measured, a fresh server process per "
        "scenario and, on the empty database, a fresh copy of it (the warm-up lets the runtime compile the hot path "
        "to tier-1, as in a long-running server: the sign-in, at a few operations per second, warms up 4 times "
        "as long, discovery and the API call half as long). *Per server CPU-second* = completed operations / "
        "(user + system CPU time of the server process during the measured run), the figure issue 5's targets are "
        "set in; it depends less on other load on the machine than operations per second and latencies do, but "
        "not nothing: on this shared machine repeated runs of one scenario differed by 20–50%. "
        "*Other load* is the share of core 1 that other processes took during the run (this machine is shared: "
        "when it is high, ops/s and latencies are pessimistic). An operation counts only when every response "
        "of it was checked: status, and a real token (JWT with the expected algorithm, a new refresh token) or "
        "the expected body. The servers run in the Development environment, the only one that allows plain http "
        "on loopback (the bench replaces the demo settings); on the request path that adds only ASP.NET Core's "
        "developer exception page middleware, a try/catch.")
    add("")

    def scenario_table(rows, title):
        add(f"## {title}")
        add("")
        add("| scenario | ops/s | p50 ms | p99 ms | server CPU s per 1,000 ops | ops per server CPU-s | target | met | "
            "peak RSS MB | errors | other load on core 1 |")
        add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
        for r in rows:
            add(f"| {r['scenario']}: {r['what']} | {fmt(r['ops_per_s'])} | {fmt(r['p50_ms'], 1)} | "
                f"{fmt(r['p99_ms'], 1)} | {fmt(r['cpu_s_per_1000_ops'], 3)} | **{fmt(r['ops_per_cpu_s'])}** | "
                f"≥ {r['target']:,} | {'yes' if met(r) else '**no**'} | {fmt(r['peak_rss_mb'])}"
                f"{' (ClientAppB)' if r['measured_process'] != 'IdentityServer' else ''} | {r['errors']} | "
                f"{r['server_core_other_load'] * 100:.0f}% |")
        add("")

    scenario_table(empty, "Empty database")
    rss = [r["peak_rss_mb"] for r in empty + grown if r["measured_process"] == "IdentityServer"]
    if rss:
        add(f"Identity server peak RSS under load: at most **{max(rss):.0f} MB** (target ≤ 300 MB: "
            f"{'met' if max(rss) <= 300 else '**not met**'}).")
        add("")

    if grown and growth:
        scenario_table(grown, f"Grown database ({growth['users']:,} users, {growth['tokens']:,} tokens, "
                              f"{growth['authorizations']:,} authorizations)")
        add("Against the empty database (target: within 20%):")
        add("")
        d_empty, d_grown = results.get(("empty", "discovery")), results.get(("grown", "discovery"))
        if d_empty and d_grown and d_empty["ops_per_cpu_s"] and d_grown["ops_per_cpu_s"]:
            noise = d_grown["ops_per_cpu_s"] / d_empty["ops_per_cpu_s"] - 1
            add(f"Discovery never touches the database, yet it differs by {noise * 100:+.0f}% between the two phases "
                "of this run: differences of that size are the machine's noise. `bench/ab-growth.sh SCENARIO` "
                "measures the two databases in interleaved rounds for a fair comparison.")
            add("")
        add("| scenario | ops per server CPU-s, empty | grown | change | within 20% |")
        add("| --- | ---: | ---: | ---: | --- |")
        for g in grown:
            e = results.get(("empty", g["scenario"]))
            if not e or not e["ops_per_cpu_s"] or not g["ops_per_cpu_s"]:
                continue
            change = g["ops_per_cpu_s"] / e["ops_per_cpu_s"] - 1
            add(f"| {g['scenario']} | {fmt(e['ops_per_cpu_s'])} | {fmt(g['ops_per_cpu_s'])} | {change * 100:+.0f}% | "
                f"{'yes' if change >= -0.2 else '**no**'} |")
        add("")
        mb = 1024 * 1024
        per_token = (growth["bytes_after_tokens"] - growth["bytes_after_authorizations"]) / growth["tokens"] * 100000
        per_auth = (growth["bytes_after_authorizations"] - growth["bytes_after_users"]) / growth["authorizations"] * 100000
        per_user = (growth["bytes_after_users"] - growth["bytes_empty"]) / growth["users"] * 100000
        add("Database size (SQLite file after a checkpoint): empty "
            f"{growth['bytes_empty'] / mb:.1f} MB, grown {growth['bytes_after_tokens'] / mb:,.0f} MB. "
            f"**Per 100,000 tokens: {per_token / mb:.0f} MB** (a code flow writes 4 token rows, 2 of them with a "
            f"~2.5 KB encrypted payload); per 100,000 authorizations: {per_auth / mb:.0f} MB; per 100,000 users: "
            f"{per_user / mb:.0f} MB. Inserting the tokens took {growth.get('token_insert_ms', 0) / 1000:.0f} s.")
        add("")
    if prune:
        add("## Pruning")
        add("")
        if prune.get("job") == "TokenPruner":
            add("The identity server's scheduled pruning job (`TokenPruning:*`, once per cluster under a job lease) "
                f"on the grown database, its first pass at start with no other traffic: retention {prune['threshold_days']} days "
                "(removes tokens and authorizations created before it that are expired, redeemed, revoked or, for "
                f"ad-hoc authorizations, without tokens), each kind for at most {prune['budget_seconds']:g} s "
                "(`TokenPruning:MaxPassDuration`; the rest waits for the next pass).")
        else:
            add("OpenIddict's own `PruneAsync` on the grown database, with the server stopped, "
                f"threshold {prune['threshold_days']} days (removes tokens and authorizations created before it that "
                f"are expired, redeemed, revoked or, for ad-hoc authorizations, without tokens), each pass stopped "
                f"after {prune['budget_seconds']:g} s at most.")
        add("")
        add("| what | rows before | removed | seconds | rows removed per second | pass finished |")
        add("| --- | ---: | ---: | ---: | ---: | --- |")
        for kind, key in (("tokens", "token"), ("authorizations", "authorization")):
            removed = prune[f"{kind}_before"] - prune[f"{kind}_after"]
            seconds = prune[f"{key}_seconds"]
            add(f"| {kind} | {prune[f'{kind}_before']:,} | {removed:,} | {seconds:.1f} | "
                f"{fmt(removed / seconds if seconds else None)} | {'yes' if prune[f'{kind}_finished'] else 'no (time limit)'} |")
        add("")
    if crypto:
        add("## Unit costs of the server's cryptography (one core, `bench/tool crypto`)")
        add("")
        add("| operation | CPU ms | per CPU-second |")
        add("| --- | ---: | ---: |")
        for value in crypto.values():
            add(f"| {value['what']} | {value['cpu_ms']:.4f} | {fmt(1000 / value['cpu_ms'] if value['cpu_ms'] else None)} |")
        add("")

    if args.cluster and os.path.exists(args.cluster):
        lines.extend(cluster_section(json.load(open(args.cluster))))

    missed = [r for r in empty + grown if not met(r)]
    add("## Targets not met")
    add("")
    if not missed:
        add("None.")
    for r in missed:
        achieved = r["ops_per_cpu_s"] or 0
        add(f"- {r['phase']} / {r['scenario']}: {achieved:,.0f} ops per server CPU-second against ≥ {r['target']:,} "
            f"({(achieved / r['target'] - 1) * 100:+.0f}%)"
            f"{'; ' + str(r['errors']) + ' errors' if r['errors'] else ''}. See PROFILE.md for what bounds it.")
    add("")
    add("![Operations per server CPU-second per scenario](throughput.png)")
    add("")

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "RESULTS.md"), "w") as file:
        file.write("\n".join(lines))
    with open(os.path.join(args.out, "results.json"), "w") as file:
        json.dump({"machine": machine, "quick": args.quick, "duration_s": args.duration, "warmup_s": args.warmup,
                   "results": empty + grown, "growth": growth, "prune": prune, "crypto": crypto}, file, indent=1)
    chart(empty, grown, os.path.join(args.out, "throughput.png"), machine, args.quick)

    print()
    print(f"{'phase':6} {'scenario':25} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ops/CPU-s':>10} {'target':>7} "
          f"{'RSS MB':>7} {'errors':>6} {'other':>5}")
    for r in empty + grown:
        print(f"{r['phase']:6} {r['scenario']:25} {r['ops_per_s']:9.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} "
              f"{(r['ops_per_cpu_s'] or 0):10.0f} {r['target']:7d} {r['peak_rss_mb']:7.0f} {r['errors']:6d} "
              f"{r['server_core_other_load'] * 100:4.0f}%")


def chart(empty, grown, path, machine, quick):
    names = [r["scenario"] for r in empty]
    grown_by_name = {r["scenario"]: r for r in grown}
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    y = range(len(names))
    height = 0.38 if grown else 0.6
    ax.barh([i - (height / 2 if grown else 0) for i in y], [r["ops_per_cpu_s"] or 0 for r in empty], height,
            label="empty database", color="#3b6ea8")
    if grown:
        ax.barh([i + height / 2 for i in y], [(grown_by_name.get(n) or {}).get("ops_per_cpu_s") or 0 for n in names],
                height, label="grown database", color="#e08a2c")
    for i, r in enumerate(empty):
        ax.plot([r["target"]] * 2, [i - 0.45, i + 0.45], color="black", linewidth=2,
                label="target (issue 5)" if i == 0 else None)
        ax.text((r["ops_per_cpu_s"] or 1) * 1.08, i - (height / 2 if grown else 0), f"{r['ops_per_cpu_s'] or 0:,.0f}",
                va="center", fontsize=8)
        g = (grown_by_name.get(r["scenario"]) or {}).get("ops_per_cpu_s")
        if g:
            ax.text(g * 1.08, i + height / 2, f"{g:,.0f}", va="center", fontsize=8, color="#7a4a10")
    ax.set_xscale("log")
    ax.set_yticks(list(y))
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.set_xlabel("operations per server CPU-second (log scale; higher is better)")
    ax.set_title(f"Sso identity server, {machine.get('date', '')}, commit {machine.get('commit', '')}"
                 f"{' (QUICK MODE)' if quick else ''}", fontsize=10)
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.set_xlim(right=max([r["target"] for r in empty] + [r["ops_per_cpu_s"] or 0 for r in empty]) * 4)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)


if __name__ == "__main__":
    main()
