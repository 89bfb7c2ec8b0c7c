"""Engine speed: per-turn latency of step, throughput on one core, CLI start-up.

Run: python benchmarks/engine.py [--turns N] [--startup-runs N]
Budgets (issue 3): step median and p99 under 5 ms; `complaint-sim --help` under 300 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from which_build import build_kind  # noqa: I001 (first: it decides which simulator is imported)

from simulator.content import load_content  # noqa: E402
from simulator.engine import Rulebook, play, start, step  # noqa: E402
from simulator.scoring import score_session  # noqa: E402


def corpus(rules: Rulebook) -> list[str]:
    """Realistic replies: every exemplar line, zh and en, good to bad."""
    lines = [r for sets in rules.content.exemplars.values() for s in sets for r in s.responses]
    return lines or ["您好，我理解您的心情，这件事由我负责跟进。"]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def bench_step(rules: Rulebook, texts: list[str], turns: int) -> dict[str, float]:
    personas = list(rules.content.personas)
    state = start(rules, "general-complaint", personas[0])
    times = []
    for i in range(turns):
        if state.over or state.turn >= 3:
            state = start(rules, "general-complaint", personas[i % len(personas)], seed=i)
        text = texts[i % len(texts)]
        t0 = time.perf_counter()
        turn = step(state, text)
        times.append(time.perf_counter() - t0)
        state = turn.state
    return {"median_ms": statistics.median(times) * 1e3, "p99_ms": pct(times, 0.99) * 1e3}


def bench_throughput(rules: Rulebook, texts: list[str], seconds: float = 3.0) -> float:
    """Responses per second through normalise → match → anger → score, no replies."""
    personas = list(rules.content.personas)
    sets = [texts[i:i + 5] for i in range(0, len(texts), 5)]
    done = 0
    t0 = time.perf_counter()
    k = 0
    while time.perf_counter() - t0 < seconds:
        pid = personas[k % len(personas)]
        replies = sets[k % len(sets)]
        turns = play(start(rules, "general-complaint", pid, seed=k), replies, with_reply=False)
        score_session(rules, "general-complaint", pid, turns)
        done += len(turns)
        k += 1
    return done / (time.perf_counter() - t0)


def bench_startup(runs: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "simulator", "--help"]
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return {"median_ms": statistics.median(times) * 1e3, "max_ms": max(times) * 1e3}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--turns", type=int, default=5000)
    ap.add_argument("--startup-runs", type=int, default=10)
    args = ap.parse_args()
    t0 = time.perf_counter()
    rules = Rulebook(load_content())
    rules.matcher("general-complaint")
    load = time.perf_counter() - t0
    texts = corpus(rules)
    s = bench_step(rules, texts, args.turns)
    rps = bench_throughput(rules, texts)
    up = bench_startup(args.startup_runs)
    print(f"build                  : {build_kind()}")
    print(f"content load + compile : {load * 1e3:8.1f} ms")
    print(f"step latency (with reply): median {s['median_ms']:.3f} ms, p99 {s['p99_ms']:.3f} ms  (budget 5 ms)")
    print(f"throughput, one core    : {rps:,.0f} responses/s (normalise → match → anger → score)")
    print(f"`--help` start-up       : median {up['median_ms']:.0f} ms, max {up['max_ms']:.0f} ms  (budget 300 ms)")


if __name__ == "__main__":
    main()
