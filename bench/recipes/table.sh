#!/usr/bin/env bash
# Prints bench/recipes/results.csv as the markdown table of results.md: one row per benchmark and
# candidate, mean R@1 on val (what candidates are selected on) and test, then test R@1 / mMP@5 per
# domain, training wall time with the machine's load, steps and epochs. The thumbnail baseline's
# row comes first in each benchmark. notes.md, when present, follows the tables.
set -euo pipefail
exec python3 - "$(dirname "${BASH_SOURCE[0]}")" <<'PY'
import csv, os, sys
from collections import OrderedDict
here = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(here, "results.csv"))))
runs = OrderedDict()
for r in rows:
    key = (r["bench"], r["candidate"])
    runs.setdefault(key, {"meta": r, "val": {}, "test": {}})
    runs[key]["meta"] = r  # the last run of a candidate wins
    runs[key][r["split"]][r["domain"]] = (float(r["r_at_1"]), float(r["mmp_at_5"]))
cpus = sorted({r["cpu"] for r in rows})
print("# Recipe candidates\n")
print("Machine: " + "; ".join(cpus) + ". Selected on val; test reported once per candidate.")
print("R@1 and mMP@5, merged protocol, exact search, cosine ranking. Train wall time is measured on the"
      " (possibly shared) machine, with the 1-minute load average at its start and end; train CPU time"
      " (user + sys, all threads) is what the run cost: on an idle 2-core machine its wall time would lie between"
      " half of that and all of it.\n")
for bench in dict.fromkeys(b for b, _ in runs):
    keys = sorted((k for k in runs if k[0] == bench), key=lambda k: (k[1] != "thumbnail",))
    domains = [d for d in runs[keys[0]]["test"] if d != "mean"]
    print(f"## {bench}\n")
    print("| bench | candidate | config + overrides | val R@1 | test R@1 | "
          + " | ".join(f"{d} R@1 / mMP@5" for d in domains)
          + " | train wall time | train CPU time | load start-end | steps / epochs |")
    print("|" + "---|" * (9 + len(domains)))
    for k in keys:
        run, m = runs[k], runs[k]["meta"]
        t = run["test"]
        cells = [f"{t[d][0]:.3f} / {t[d][1]:.3f}" if d in t else "" for d in domains]
        config = m["config"] if m["candidate"] != "thumbnail" else "(8x8 grey, L2-normalised)"
        if m["overrides"].strip():
            config += " " + m["overrides"].strip()
        mins = lambda secs: f"{int(secs) // 60}m{int(secs) % 60:02d}s" if secs else "-"
        load = f"{m['load_start']}-{m['load_end']}" if m["load_end"] else "-"
        steps = f"{m['steps']} / {m['epochs']}" if m["steps"] else "-"
        val = run["val"].get("mean", (float("nan"),))[0]
        print(f"| {bench} | {m['candidate']} | {config} | {val:.3f} | {t['mean'][0]:.3f} | "
              + " | ".join(cells) + f" | {mins(m['train_seconds'])} | {mins(m['cpu_seconds'])} | {load} | {steps} |")
    print()
notes = os.path.join(here, "notes.md")
if os.path.exists(notes):
    print(open(notes).read().rstrip())
PY
