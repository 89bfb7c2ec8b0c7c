"""`drive`: the JSON-lines bot protocol with well-behaved, crashing, garbage-printing and silent bots."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator import drive as drive_mod
from simulator.batch.kernel import Chunk, WorkerContext, process_chunk
from simulator.cli import cli
from simulator.drive import DriveOptions, run_drive
from simulator.report.transcript import read_transcript

ROOT = Path(__file__).resolve().parent.parent
POLITE = f"{sys.executable} {ROOT / 'examples' / 'polite_bot.py'}"


@pytest.fixture(autouse=True)
def short_grace(monkeypatch):
    monkeypatch.setattr(drive_mod, "EXIT_GRACE", 0.3)


def bot(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), "utf-8")
    return f"{sys.executable} {path}"


CRASHES_ON_TURN_2 = """
    import json, sys
    sys.stdin.readline()
    print(json.dumps({"response": "您好，我理解您的心情。"}), flush=True)
    sys.stdin.readline()
    sys.stderr.write("Traceback (most recent call last): KeyError: 'order'\\n")
    sys.exit(3)
"""
GARBAGE = """
    import sys
    sys.stdin.readline()
    print("Sure! Here is my answer: we will fix it", flush=True)
    sys.stdin.read()
"""
SILENT = """
    import sys, time
    sys.stdin.readline()
    time.sleep(30)
"""
NO_RESPONSE_FIELD = """
    import json, sys
    for line in sys.stdin:
        print(json.dumps({"reply": "hi"}), flush=True)
"""
ECHO_PROTOCOL = """
    import json, sys
    seen = []
    for line in sys.stdin:
        msg = json.loads(line)
        seen.append(msg)
        print(json.dumps({"response": "您好，我理解您的心情。" if msg["turn"] == 1 else "因为系统出错，我现在就处理"}), flush=True)
    with open(sys.argv[1], "w") as f:
        json.dump(seen, f)
"""


def opts(tmp_path, agent, **kw):
    return DriveOptions(agent=agent, scenario=kw.pop("scenario", "general-complaint"), persona=kw.pop("persona", "domineering"),
                        out_dir=str(tmp_path / "out"), turn_timeout=kw.pop("turn_timeout", 5.0), lang=kw.pop("lang", "en"), **kw)


def test_the_example_bot_plays_every_run(rules, tmp_path):
    run = run_drive(opts(tmp_path, POLITE, runs=2, seed=5), rules=rules)
    assert run.failed == []
    out = tmp_path / "out"
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text("utf-8").split("\n")[:-1]]
    assert [(r["id"], r["seed"], r["outcome"]) for r in rows] == [("run-001", 5, "resolved"), ("run-002", 6, "resolved")]
    for r in run.runs:
        tr = read_transcript(r.transcript)  # the session report's own transcript format
        assert tr.header["seed"] == r.seed and tr.footer["outcome"] == "resolved" and tr.footer["ended_by"] == "outcome"
        assert len(tr.turns) == rows[0]["played"]
        assert r.report is not None and r.report.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (out / "report.html").exists() and (out / "errors.jsonl").read_text() == ""
    page = (out / "report.html").read_text("utf-8")
    # The cohort page in a bot's words: runs of the bot under test, not a batch's sets and lines.
    assert "<h1>Bot under test: " in page and "Bot test report" in page
    assert ">runs<" in page and "Cohort report" not in page and ">sets<" not in page


def test_drive_results_match_batch_for_the_same_replies(rules, tmp_path):
    run = run_drive(opts(tmp_path, POLITE), rules=rules)
    row = dict(run.runs[0].row)
    texts = [t.text for t in run.runs[0].turns]
    line = json.dumps({"id": "run-001", "trainee": row["trainee"], "scenario": "general-complaint",
                       "persona": "domineering", "responses": texts}).encode()
    res = process_chunk(WorkerContext(rules, "en"), Chunk(0, (1,), (line,)))
    batch_row = json.loads(res.results)
    assert {**batch_row, "seed": row["seed"]} == row, "a bot's session scores exactly as the same replies in a batch"


def test_protocol_messages(rules, tmp_path):
    log = tmp_path / "seen.json"
    agent = bot(tmp_path, "echo", ECHO_PROTOCOL) + f" {log}"
    run = run_drive(opts(tmp_path, agent, persona="friendly", lang="zh"), rules=rules)
    assert run.failed == []
    seen = json.loads(log.read_text())  # written after stdin closed: the bot saw the end of input
    assert [m["turn"] for m in seen] == list(range(1, len(run.runs[0].turns) + 1))
    assert set(seen[0]) == {"customer", "turn", "scenario", "persona", "lang", "run"}
    assert seen[0]["customer"] == read_transcript(run.runs[0].transcript).header["opening"]
    assert seen[1]["customer"] == run.runs[0].turns[0].reply, "each next line is the customer's reply"


@pytest.mark.parametrize(("body", "code", "message"), [
    (CRASHES_ON_TURN_2, "exited", "the bot exited (status 3) before answering turn 2; its standard error: "
                                  "Traceback (most recent call last): KeyError: 'order'"),
    (GARBAGE, "garbage", "turn 1: the bot printed something that is not a JSON line: Sure! Here is my answer: we will fix it"),
    (NO_RESPONSE_FIELD, "no_response", "turn 1: the bot's line has no text field 'response': {\"reply\": \"hi\"}"),
])
def test_a_misbehaving_bot_ends_its_run_with_a_message(rules, tmp_path, body, code, message):
    run = run_drive(opts(tmp_path, bot(tmp_path, code, body)), rules=rules)
    [r] = run.failed
    assert (r.code, r.error) == (code, message)
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").split("\n")[:-1]]
    assert errors == [{"line": 1, "id": "run-001", "run": 1, "code": f"bot_{code}", "reason": message,
                       "transcript": "runs/run-001.jsonl"}]
    tr = read_transcript(r.transcript)
    assert tr.footer["ended_by"] == "error" and tr.footer["complete"] is False and tr.footer["error"] == message
    assert r.report is not None and r.report.exists(), "even a failed run gets its report"


def test_a_silent_bot_times_out_and_is_stopped(rules, tmp_path):
    t0 = time.monotonic()
    run = run_drive(opts(tmp_path, bot(tmp_path, "silent", SILENT), turn_timeout=1.0), rules=rules)
    assert time.monotonic() - t0 < 10, "never a hang"
    [r] = run.failed
    assert r.error == "the bot did not answer turn 1 within 1 s"


def test_cli_exit_codes(tmp_path):
    runner = CliRunner()
    base = ["drive", "--scenario", "general-complaint", "--persona", "domineering", "--lang", "en", "--turn-timeout", "5"]
    res = runner.invoke(cli, [*base, "--agent", POLITE, "--out", str(tmp_path / "a")], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "run 1/1: resolved, score" in res.output
    res = runner.invoke(cli, [*base, "--agent", POLITE, "--out", str(tmp_path / "b"), "--fail-under", "99.9"])
    assert res.exit_code == 3 and "is below --fail-under 99.9" in res.output
    res = runner.invoke(cli, [*base, "--agent", bot(tmp_path, "crash", CRASHES_ON_TURN_2), "--out", str(tmp_path / "c")])
    assert res.exit_code == 1 and "run 1/1 failed: the bot exited (status 3)" in res.output
    assert "Traceback" not in res.output.replace("Traceback (most recent call last): KeyError", ""), "no traceback of ours"
    res = runner.invoke(cli, [*base, "--agent", "no-such-bot-anywhere", "--out", str(tmp_path / "d")])
    assert res.exit_code == 2 and "cannot start the bot 'no-such-bot-anywhere'" in res.output
    res = runner.invoke(cli, [*base, "--agent", POLITE, "--persona", "nobody", "--out", str(tmp_path / "e")])
    assert res.exit_code == 2 and "unknown persona 'nobody'" in res.output


def test_a_polite_bot_that_loses_every_customer_fails_the_pass_rate_gate(tmp_path):
    # On a billing error the example bot never restores the line or refunds the fee: each
    # run ends unresolved, which fails whatever the points (fail_outcomes), so its mean
    # score alone would wave it through CI while --min-pass-rate stops it.
    runner = CliRunner()
    base = ["drive", "--scenario", "billing-error", "--persona", "analytical", "--lang", "en", "--runs", "2",
            "--agent", POLITE]
    res = runner.invoke(cli, [*base, "--out", str(tmp_path / "a"), "--fail-under", "70"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "2 of 2 runs completed, 0 passed" in res.output
    res = runner.invoke(cli, [*base, "--out", str(tmp_path / "b"), "--fail-under", "70", "--min-pass-rate", "50"])
    assert res.exit_code == 3 and "pass rate 0.0% is below --min-pass-rate 50%" in res.output
    summary = json.loads((tmp_path / "b" / "summary.json").read_text("utf-8"))
    assert summary["below_pass_rate"] is True and summary["below_threshold"] is False
