"""How long a 30-turn session report takes to render, and how big it is.

    python benchmarks/report.py [--turns 30] [--repeat 15] [--lang zh]

Builds a transcript of TURNS replies exactly as `complaint-sim play` writes one,
then times `render_transcript` end to end (read the transcript, replay the
engine, score, search the coaching counterfactuals, render the page) and each
stage alone. No built-in persona lasts 30 turns, so the session is played
against a copy of the friendly persona with patience 50 and no early exit; its
replies never ask about the facts, so the scenario is never resolved.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from simulator.content import builtin_path, load_content
from simulator.engine import Rulebook, opening, start, step
from simulator.play.journal import Journal
from simulator.report import from_transcript, render_transcript
from simulator.report.build import report_data
from simulator.report.render import render
from simulator.report.transcript import footer_record, header_record, read_transcript, turn_record

REPLIES = {
    "zh": [
        "您好，我是客服小王，很高兴为您服务。",
        "对不起，我们会尽快处理的。",
        "我理解您的心情，换作是我也会着急。",
        "这不归我管，你去找别的部门吧。",
        "这件事由我负责跟进，我现在就帮您处理。",
        "您应该早点联系我们的，但是我们会再看看。",
        "因为系统升级时漏掉了您的订单，第一种是今天下午三点前重新安排，第二种是明天上午上门。",
        "不好意思，请您耐心等待。",
        "我今天下午三点前给您回电，确认处理结果。",
        "感谢您的反馈，以后我们会加强检查，避免再发生。",
    ],
    "en": [
        "Hello, this is Sam from customer care and I'm glad to help.",
        "Sorry, we will handle it as soon as possible.",
        "I understand how frustrating this must be.",
        "That's not my job, go ask another department.",
        "I will personally take care of this and follow it through.",
        "You should have called us earlier, but we'll look into it.",
        "This happened because your order was missed during an upgrade; option one is this afternoon, option two is tomorrow.",
        "Sorry, please be patient.",
        "I'll call you back by 3 pm today with the result.",
        "Thank you for your feedback; we will make sure this doesn't happen again.",
    ],
}
BENCH_PERSONA = "bench-patient"


def patient_content(folder: Path) -> Path:
    """A copy of the friendly persona that stays for 50 turns and never walks out."""
    data = yaml.safe_load(builtin_path("personas", "friendly.yaml").read_text("utf-8"))
    data.update(id=BENCH_PERSONA, patience=50)
    data["thresholds"] = {"resolve_at": 0, "escalate_at": 101, "walk_out_at": 101}
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "bench-persona.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def write_session(rules: Rulebook, path: Path, turns: int, lang: str) -> Path:
    t0 = datetime.fromisoformat("2025-03-01T09:00:00+08:00")
    state = start(rules, "general-complaint", BENCH_PERSONA, seed=1, lang=lang)
    with Journal(path) as j:
        j.write(header_record(scenario="general-complaint", persona=BENCH_PERSONA, lang=lang, seed=1,
                              trainee="bench", started_at=t0, opening=opening(state), session_id="b" * 32))
        for n in range(1, turns + 1):
            turn = step(state, REPLIES[lang][(n - 1) % len(REPLIES[lang])])
            j.write(turn_record(turn.to_dict(), t0 + timedelta(seconds=30 * n)))
            state = turn.state
        if state.turn != turns:
            sys.exit(f"the session ended after {state.turn} turns, not {turns}")
        j.write(footer_record(outcome=None, ended_at=t0 + timedelta(seconds=30 * turns + 20), complete=False,
                              ended_by="quit", turns=turns))
    return path


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--turns", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rules = Rulebook(load_content([patient_content(folder / "content")]))
        transcript = write_session(rules, folder / "session.jsonl", args.turns, args.lang)
        out = folder / "report.html"
        html, _ = render_transcript(rules, transcript, out)  # warm-up: compiles matchers and templates
        inp = from_transcript(read_transcript(transcript))
        data = report_data(rules, inp)
        total = timed(lambda: render_transcript(rules, transcript, out), args.repeat)
        build = timed(lambda: report_data(rules, inp), args.repeat)
        page = timed(lambda: render("session.html", data), args.repeat)
        size = out.stat().st_size
        assert len(data["session"]["chart"]["points"]) == args.turns + 1

    def ms(xs: list[float]) -> str:
        return f"median {statistics.median(xs) * 1000:7.1f} ms   min {min(xs) * 1000:7.1f} ms"

    print(f"{args.turns}-turn report ({args.lang}), {args.repeat} runs each")
    print(f"  end to end (read, replay, score, coach, render, write): {ms(total)}")
    print(f"  report data (replay, score, coaching counterfactuals):  {ms(build)}")
    print(f"  Jinja rendering only:                                   {ms(page)}")
    print(f"  size: {size:,} bytes ({size / 1024:.1f} KiB), {len(html):,} characters")


if __name__ == "__main__":
    main()
