"""Real-data calibration: do the simulator's verdicts on real helpdesk replies agree with raters?

Run: python benchmarks/stc3.py [--data PATH] [--limit N] [--workers N] [--json]

Reads the NTCIR-14 STC-3 Chinese training dialogues (3,700 customer-helpdesk
conversations on Weibo, each rated by 19 annotators) from, in order: ``--data``,
``$COMPLAINT_SIM_STC3``, or ``../shared/data/stc3/train_data_cn.json`` next to the
repository. When the file is absent it says so and exits 0: the data is never
copied into the project (see ../shared/data/README.md for its licence).

Each dialogue's helpdesk turns (a turn's utterances joined with a space; empty
turns, whose emoji or images were not crawled, skipped) become one response set
for ``general-complaint``, played against every persona through ``run_batch``.
Reported: Spearman's rho between the raters' mean satisfaction S and (a) the mean
score over the personas, (b) the mean final anger, overall and per persona, with
95 % bootstrap intervals. A faithful simulator should at least not be
anti-correlated with S (score rho ≥ 0, anger rho ≤ 0); see the README's warning
that apologies are confounded with bad situations.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from which_build import ROOT  # noqa: I001 (first: it decides which simulator is imported)

from simulator.batch import BatchOptions, run_batch  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "stc3" / "train_data_cn.json"
ENV = "COMPLAINT_SIM_STC3"
SCENARIO = "general-complaint"
BOOTSTRAP = 1000


def find_data(explicit: str | None) -> Path | None:
    for candidate in (explicit, os.environ.get(ENV), str(DEFAULT)):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing their average rank (as Spearman's rho needs)."""
    order = np.argsort(x, kind="mergesort")
    sorted_x = x[order]
    r = np.empty(len(x), dtype=float)
    r[order] = np.arange(1, len(x) + 1)
    # Average the ranks within each run of equal values.
    starts = np.flatnonzero(np.r_[True, sorted_x[1:] != sorted_x[:-1]])
    ends = np.r_[starts[1:], len(x)]
    for s, e in zip(starts, ends, strict=True):
        if e - s > 1:
            r[order[s:e]] = (s + 1 + e) / 2
    return r


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    rx, ry = ranks(np.asarray(x, float)), ranks(np.asarray(y, float))
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def bootstrap(x: np.ndarray, y: np.ndarray, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    n = len(x)
    vals = [spearman(x[idx], y[idx]) for idx in (rng.integers(0, n, n) for _ in range(BOOTSTRAP))]
    lo, hi = np.nanpercentile(vals, [2.5, 97.5])
    return float(lo), float(hi)


def response_sets(dialogues: list[dict]) -> tuple[list[dict], dict[str, float], int]:
    sets, satisfaction, skipped = [], {}, 0
    for d in dialogues:
        turns = [" ".join(u for u in t["utterances"] if u).strip() for t in d["turns"] if t["sender"] == "helpdesk"]
        turns = [t for t in turns if t]
        if not turns:
            skipped += 1
            continue
        sets.append({"id": str(d["id"]), "scenario": SCENARIO, "persona": "all", "responses": turns})
        satisfaction[str(d["id"])] = float(np.mean([a["quality"]["S"] for a in d["annotations"]]))
    return sets, satisfaction, skipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help=f"path of train_data_cn.json (else ${ENV}, else {DEFAULT})")
    ap.add_argument("--limit", type=int, default=0, help="only the first N dialogues")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    path = find_data(args.data)
    if path is None:
        print(f"stc3: calibration data not found (looked at --data, ${ENV}, {DEFAULT}); skipped.")
        return
    dialogues = json.loads(path.read_text("utf-8"))
    if args.limit:
        dialogues = dialogues[: args.limit]
    sets, satisfaction, skipped = response_sets(dialogues)
    with tempfile.TemporaryDirectory(prefix="complaint-sim-stc3-") as tmp:
        src = Path(tmp) / "stc3.jsonl"
        src.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sets), "utf-8")
        run = run_batch(BatchOptions(input=str(src), out_dir=str(Path(tmp) / "out"), workers=args.workers,
                                     progress=False, lang="en"))
        rows = [json.loads(x) for x in (Path(tmp) / "out" / "results.jsonl").read_text("utf-8").split("\n")[:-1]]
    score: dict[str, list[float]] = defaultdict(list)
    anger: dict[str, list[float]] = defaultdict(list)
    per_persona: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for r in rows:
        score[r["id"]].append(r["score"])
        anger[r["id"]].append(r["final_anger"])
        per_persona[r["persona"]][r["id"]] = (r["score"], r["final_anger"])
    ids = sorted(score)
    s = np.array([satisfaction[i] for i in ids])
    mean_score = np.array([np.mean(score[i]) for i in ids])
    mean_anger = np.array([np.mean(anger[i]) for i in ids])
    figures = {
        "data": str(path), "dialogues": len(dialogues), "sets": len(ids), "skipped_no_helpdesk_text": skipped,
        "errors": run.summary["totals"]["errors"],
        "rho_score_S": spearman(mean_score, s), "ci_score_S": bootstrap(mean_score, s),
        "rho_anger_S": spearman(mean_anger, s), "ci_anger_S": bootstrap(mean_anger, s),
        "mean_score": float(mean_score.mean()), "outcomes": {p["id"]: p["outcomes"] for p in run.summary["personas"]},
        "per_persona": {
            p: {"rho_score_S": spearman(np.array([v[i][0] for i in ids]), s),
                "rho_anger_S": spearman(np.array([v[i][1] for i in ids]), s)}
            for p, v in sorted(per_persona.items())
        },
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(f"data      : {path} ({figures['dialogues']:,} dialogues; {figures['sets']:,} with helpdesk text, "
          f"{skipped} without)")
    print(f"score ~ S : rho = {figures['rho_score_S']:+.3f}  (95% CI {figures['ci_score_S'][0]:+.3f} … "
          f"{figures['ci_score_S'][1]:+.3f})  mean score over personas vs raters' mean satisfaction")
    print(f"anger ~ S : rho = {figures['rho_anger_S']:+.3f}  (95% CI {figures['ci_anger_S'][0]:+.3f} … "
          f"{figures['ci_anger_S'][1]:+.3f})  mean final anger vs satisfaction (negative is right)")
    for p, f in figures["per_persona"].items():
        print(f"  {p:<14}: score rho {f['rho_score_S']:+.3f}, anger rho {f['rho_anger_S']:+.3f}")
    print(f"mean score: {figures['mean_score']:.1f}; outcomes per persona: "
          + "; ".join(f"{p}: " + ", ".join(f"{k} {v}" for k, v in o.items() if v) for p, o in figures["outcomes"].items()))


if __name__ == "__main__":
    main()
