"""`complaint-sim play`: the session loop, the journal, endings, paths (simulator/play, simulator/paths)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator import paths
from simulator.cli import cli
from simulator.engine import start, step
from simulator.errors import InputError
from simulator.play import PipeReader, Screen, SessionOptions, choose_pairing, run_session
from simulator.play.journal import Journal
from simulator.report.transcript import read_transcript

PLAY = ["play", "--scenario", "general-complaint", "--persona", "friendly", "--seed", "1", "--lang", "zh"]


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Every test gets its own user data directory."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home / "complaint-sim"


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- paths


def test_data_dir_honours_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.data_dir() == tmp_path / "complaint-sim"
    assert paths.history_db() == tmp_path / "complaint-sim" / "history.sqlite3"


def test_relative_xdg_data_home_is_ignored(monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert paths.data_dir().is_absolute()
    assert "relative" not in str(paths.data_dir())


def test_unique_path_numbers_collisions(tmp_path):
    p = tmp_path / "a.jsonl"
    assert paths.unique_path(p) == p
    p.write_text("x")
    assert paths.unique_path(p) == tmp_path / "a-2.jsonl"
    (tmp_path / "a-2.jsonl").write_text("x")
    assert paths.unique_path(p) == tmp_path / "a-3.jsonl"


# ----------------------------------------------------------------------------- the piped session


def test_piped_session_writes_transcript_report_and_history(data_home):
    r = CliRunner().invoke(cli, PLAY, input="您好\n我理解您的心情\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    # brief, opening line, the customer's answers, a meter and a one-line reason per reply
    assert "一般服务投诉" in out and "客户：" in out
    assert "愤怒 35 → 44" in out and "回复过短「您好」" in out
    assert "愤怒 44 → 26  体谅情感「我理解您的心情」" in out
    assert "[█████░░░░░░░░░░░░░░░] 26 ↓" in out  # readable without colour: bar, number, trend
    assert "\x1b[" not in out  # no colour codes into a pipe
    transcript = only(data_home / "sessions", "*.jsonl")
    report = only(data_home / "reports", "*.html")
    assert transcript.stem == report.stem
    assert f"报告：{report}" in out and f"记录：{transcript}" in out
    recs = lines(transcript)
    assert [x["type"] for x in recs] == ["header", "turn", "turn", "footer"]
    h = recs[0]
    assert (h["scenario"], h["persona"], h["lang"], h["seed"], h["format"]) == ("general-complaint", "friendly", "zh", 1, 1)
    assert h["opening"] in out
    assert [x["text"] for x in recs[1:3]] == ["您好", "我理解您的心情"]
    assert recs[2]["anger_before"] == 44.0 and recs[2]["anger_after"] == 26.0
    assert recs[-1]["complete"] is False and recs[-1]["ended_by"] == "eof" and recs[-1]["turns"] == 2
    assert (data_home / "history.sqlite3").exists()
    assert "（及格线 70）：未完成，不评定是否及格" in out  # an unfinished session is shown, not graded
    assert "本次练习未完成" in report.read_text("utf-8")


def test_turn_is_on_disk_before_the_customer_answers(tmp_path, rules):
    """The journal is flushed and fsynced before the answer is printed."""
    transcript = tmp_path / "t.jsonl"
    seen_on_disk: list[int] = []

    def echo(text, err=False, color=None):
        if text.startswith("客户：") and transcript.exists():
            seen_on_disk.append(sum(1 for x in lines(transcript) if x["type"] == "turn"))

    from io import StringIO

    opts = SessionOptions("general-complaint", "friendly", 1, "zh", "t", str(tmp_path / "r.html"), str(transcript),
                          history=False)
    run_session(rules, opts, PipeReader(StringIO("您好\n我理解您的心情\n")), Screen(echo, colour=False))
    # the opening line (0 turns), then after each reply the turn count already on disk
    assert seen_on_disk == [0, 1, 2]


def test_session_reaching_an_outcome_is_complete_and_passes(data_home, rules):
    good = next(s for s in rules.content.exemplars["general-complaint"] if s.id == "good-zh").responses
    r = CliRunner().invoke(cli, [*PLAY, "--no-history"], input="\n".join(good) + "\n")
    assert r.exit_code == 0, r.output
    recs = lines(only(data_home / "sessions", "*.jsonl"))
    footer = recs[-1]
    assert footer["complete"] is True and footer["ended_by"] == "outcome" and footer["outcome"] == "resolved"
    assert "已解决" in r.stdout and "（及格线 70）：通过" in r.stdout
    assert not (data_home / "history.sqlite3").exists()  # --no-history


def test_explicit_paths_and_trainee(tmp_path):
    t, rep, db = tmp_path / "out" / "s.jsonl", tmp_path / "out" / "s.html", tmp_path / "h.db"
    r = CliRunner().invoke(cli, [*PLAY, "--transcript", str(t), "--report", str(rep), "--db", str(db),
                                 "--trainee", "小王"], input="您好\n")
    assert r.exit_code == 0, r.output
    assert lines(t)[0]["trainee"] == "小王"
    assert rep.read_text("utf-8").startswith("<!DOCTYPE html>")
    from simulator.history import sessions

    [row] = sessions(db)
    assert row.trainee == "小王" and row.transcript == str(t.resolve()) and row.report == str(rep.resolve())


def test_existing_transcript_is_never_overwritten(tmp_path):
    t = tmp_path / "s.jsonl"
    t.write_text("keep me\n")
    r = CliRunner().invoke(cli, [*PLAY, "--transcript", str(t)], input="您好\n")
    assert r.exit_code == 2
    assert "already exists" in r.output and "Traceback" not in r.output
    assert t.read_text() == "keep me\n"


def test_commands_hint_help_unknown_and_quit(data_home):
    r = CliRunner().invoke(cli, [*PLAY, "--lang", "en"], input="/help\n/hint\n/hint\n/what\nHello\n/quit\nnot read\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "/restart" in out and "/quit" in out  # help
    assert out.count("Tip: ") == 2
    assert "Give the best service anyway" in out or "Tip: " in out
    assert "Still open: " in out  # the first need not yet met
    assert "unknown command /what" in out
    recs = lines(only(data_home / "sessions", "*.jsonl"))
    assert [x["text"] for x in recs if x["type"] == "turn"] == ["Hello"]
    assert recs[-1]["ended_by"] == "quit" and recs[-1]["hints"] == 2


def test_restart_ends_the_attempt_and_starts_again(data_home):
    r = CliRunner().invoke(cli, [*PLAY, "--lang", "en"], input="Hello\n/restart\nI understand\n")
    assert r.exit_code == 0, r.output
    ts = list((data_home / "sessions").glob("*.jsonl"))
    assert len(ts) == 2
    # Both attempts may start within the same second: tell them apart by how they ended.
    first, second = sorted((lines(t) for t in ts), key=lambda recs: recs[-1]["ended_by"] != "restart")
    assert first[-1]["ended_by"] == "restart" and [x["text"] for x in first if x["type"] == "turn"] == ["Hello"]
    assert second[-1]["ended_by"] == "eof" and [x["text"] for x in second if x["type"] == "turn"] == ["I understand"]
    assert first[0]["opening"] == second[0]["opening"]  # same scenario, customer and seed
    assert len(list((data_home / "reports").glob("*.html"))) == 2
    assert "Starting again" in r.stdout


def test_too_long_reply_is_refused_and_play_goes_on(data_home):
    r = CliRunner().invoke(cli, [*PLAY, "--lang", "en"], input="x" * 6000 + "\nHello\n")
    assert r.exit_code == 0, r.output
    assert "That reply was not counted" in r.stdout
    recs = lines(only(data_home / "sessions", "*.jsonl"))
    assert [x["text"] for x in recs if x["type"] == "turn"] == ["Hello"]


def test_ctrl_c_keeps_every_turn_and_writes_an_incomplete_report(tmp_path, rules):
    class Reader:
        interactive = True

        def __init__(self):
            self.replies = iter(["您好，我理解您的心情", "这件事由我负责跟进"])

        def read(self, prompt, toolbar=""):
            assert "愤怒" in toolbar  # the status toolbar shows the current anger
            try:
                return next(self.replies)
            except StopIteration:
                raise KeyboardInterrupt from None

    out: list[str] = []
    opts = SessionOptions("general-complaint", "friendly", 1, "zh", "t", str(tmp_path / "r.html"),
                          str(tmp_path / "t.jsonl"), db=str(tmp_path / "h.db"))
    result = run_session(rules, opts, Reader(), Screen(lambda text, **kw: out.append(text), colour=False))
    assert result.last.ended_by == "interrupted" and result.last.turns == 2
    recs = lines(tmp_path / "t.jsonl")
    assert [x["type"] for x in recs] == ["header", "turn", "turn", "footer"]
    assert recs[-1]["ended_by"] == "interrupted" and recs[-1]["complete"] is False
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "本次练习未完成" in html and "Ctrl-C" in html
    assert any("已中断" in x for x in out)


def test_ctrl_c_exit_code_is_130_and_no_traceback(monkeypatch, data_home):
    import simulator.play.terminal as terminal

    class Reader(terminal.PipeReader):
        def read(self, prompt, toolbar=""):
            raise KeyboardInterrupt

    monkeypatch.setattr(terminal, "PipeReader", Reader)
    r = CliRunner().invoke(cli, PLAY, input="")
    assert r.exit_code == 130
    assert "Traceback" not in r.output
    assert lines(only(data_home / "sessions", "*.jsonl"))[-1]["ended_by"] == "interrupted"


def test_a_crash_keeps_the_turns_writes_the_report_and_exits_with_one_line(monkeypatch, data_home):
    import simulator.play.session as session

    real = session.step
    calls = {"n": 0}

    def flaky(state, text, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom")
        return real(state, text, **kw)

    monkeypatch.setattr(session, "step", flaky)
    r = CliRunner().invoke(cli, PLAY, input="您好，我理解您的心情\n第二句\n")
    assert r.exit_code == 1
    assert "RuntimeError: boom" in r.stderr and "Traceback" not in r.output
    recs = lines(only(data_home / "sessions", "*.jsonl"))
    assert [x["type"] for x in recs] == ["header", "turn", "footer"]
    assert recs[-1]["ended_by"] == "error"
    assert "程序出错" in only(data_home / "reports", "*.html").read_text("utf-8")


def test_unknown_persona_is_one_line_and_writes_nothing(data_home):
    r = CliRunner().invoke(cli, ["play", "--persona", "nobody", "--seed", "1"], input="hi\n")
    assert r.exit_code == 2
    assert "unknown persona 'nobody'" in r.output and "Traceback" not in r.output
    assert not data_home.exists()


def test_negative_seed_is_rejected():
    r = CliRunner().invoke(cli, ["play", "--seed", "-1"], input="")
    assert r.exit_code == 2 and "-1" in r.output


# ----------------------------------------------------------------------------- determinism


def test_same_seed_same_pairing_and_words(data_home, rules):
    picks = {choose_pairing(rules, None, None, seed) for seed in range(40)}
    assert len(picks) > 4  # the seed really chooses
    assert choose_pairing(rules, None, None, 7) == choose_pairing(rules, None, None, 7)
    assert choose_pairing(rules, "billing-error", None, 7)[0] == "billing-error"
    runs = []
    for _ in range(2):
        r = CliRunner().invoke(cli, ["play", "--seed", "7", "--lang", "en", "--no-history"], input="Hello\nSorry\n")
        assert r.exit_code == 0, r.output
        runs.append([ln.split(" › ")[-1] for ln in r.stdout.splitlines() if "Customer: " in ln])
    assert runs[0] == runs[1]


def test_seed_is_drawn_and_recorded_when_not_given(data_home):
    r = CliRunner().invoke(cli, ["play", "--no-history", "--lang", "en"], input="Hello\n")
    assert r.exit_code == 0, r.output
    h = lines(only(data_home / "sessions", "*.jsonl"))[0]
    assert isinstance(h["seed"], int) and 0 <= h["seed"] < 2**31
    assert f"seed {h['seed']}" in r.stdout


# ----------------------------------------------------------------------------- the journal


def test_journal_appends_durable_lines(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    with Journal(tmp_path / "j.jsonl") as j:
        j.write({"type": "header", "text": "您好"})
        j.write({"type": "turn"})
        assert j.lines == 2
    assert len(synced) >= 2
    assert (tmp_path / "j.jsonl").read_text("utf-8") == '{"type":"header","text":"您好"}\n{"type":"turn"}\n'
    with pytest.raises(InputError, match="already exists"):
        Journal(tmp_path / "j.jsonl")


def test_transcript_round_trips_through_read(tmp_path, rules):
    from io import StringIO

    opts = SessionOptions("general-complaint", "analytical", 3, "en", "t", str(tmp_path / "r.html"),
                          str(tmp_path / "t.jsonl"), history=False)
    run_session(rules, opts, PipeReader(StringIO("I understand\nWhen did this start?\n")), Screen(lambda *a, **k: None))
    tr = read_transcript(tmp_path / "t.jsonl")
    assert tr.texts == ["I understand", "When did this start?"] and tr.footer is not None
    state = start(rules, "general-complaint", "analytical", seed=3, lang="en")
    for rec in tr.turns:
        turn = step(state, rec["text"])
        assert json.loads(json.dumps(turn.to_dict())) == {k: rec[k] for k in turn.to_dict()}
        state = turn.state


# ----------------------------------------------------------------------------- the installed script


def _script() -> str:
    exe = Path(sys.executable).with_name("complaint-sim")
    if exe.exists():
        return str(exe)
    import shutil

    found = shutil.which("complaint-sim")
    if not found:
        pytest.fail("the complaint-sim console script is not installed (pip install -e .)")
    return found


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    env.pop("NO_COLOR", None)
    return env


@pytest.mark.slow
def test_console_script_plays_the_readme_pipe(tmp_path):
    """`printf '您好\\n我理解您的心情\\n' | complaint-sim play ...` through the installed script."""
    p = subprocess.run(
        [_script(), "play", "--scenario", "general-complaint", "--persona", "friendly", "--seed", "1"],
        input="您好\n我理解您的心情\n".encode(), capture_output=True, env=_env(tmp_path), timeout=60,
    )
    out = p.stdout.decode("utf-8")
    assert p.returncode == 0, p.stderr.decode()
    assert "体谅情感「我理解您的心情」" in out or "Acknowledges the feelings" in out
    home = tmp_path / "xdg" / "complaint-sim"
    assert len(list((home / "sessions").glob("*.jsonl"))) == 1
    assert len(list((home / "reports").glob("*.html"))) == 1


@pytest.mark.slow
def test_sigterm_mid_session_keeps_turns_and_writes_incomplete_report(tmp_path):
    t = tmp_path / "t.jsonl"
    proc = subprocess.Popen(
        [_script(), "play", *PLAY[1:], "--transcript", str(t), "--report", str(tmp_path / "r.html")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path),
    )
    assert proc.stdin is not None
    proc.stdin.write("您好，我理解您的心情\n".encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if t.exists() and sum(1 for x in lines(t) if x["type"] == "turn") == 1:
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("the first turn never reached the transcript")
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in out + err
    recs = lines(t)
    assert recs[-1]["type"] == "footer" and recs[-1]["ended_by"] == "interrupted"
    assert "本次练习未完成" in (tmp_path / "r.html").read_text("utf-8")


def test_a_broken_history_database_warns_but_keeps_the_session(tmp_path, data_home):
    bad = tmp_path / "h.sqlite3"
    bad.write_text("not a database " * 100)
    r = CliRunner().invoke(cli, [*PLAY, "--db", str(bad)], input="您好\n")
    assert r.exit_code == 0, r.output
    assert "无法记入练习记录" in r.stderr and "not a usable" in r.stderr
    assert only(data_home / "reports", "*.html").exists()
    assert lines(only(data_home / "sessions", "*.jsonl"))[-1]["type"] == "footer"


def test_a_failing_disk_ends_the_session_with_one_line(monkeypatch, tmp_path):
    from simulator.play import journal as journal_mod

    real = journal_mod.Journal.write
    calls = {"n": 0}

    def write(self, record):
        calls["n"] += 1
        if calls["n"] == 2:  # the header goes through, the first turn hits a full disk
            raise InputError(f"{self.path}: cannot write the transcript: No space left on device")
        return real(self, record)

    monkeypatch.setattr(journal_mod.Journal, "write", write)
    t = tmp_path / "t.jsonl"
    r = CliRunner().invoke(cli, [*PLAY, "--transcript", str(t), "--report", str(tmp_path / "r.html")], input="您好\n")
    assert r.exit_code == 2  # InputError, passed through as it is
    assert "No space left on device" in r.stderr and "Traceback" not in r.output
    assert [x["type"] for x in lines(t)] == ["header", "footer"]  # the failed turn was never kept


def test_the_one_line_reason_moved_anger_the_way_it_went(rules):
    # A good fact question with the key need still open: the credit outweighs the
    # penalty, so the line under "anger 52 → 50.4" names the credit, not the penalty.
    from simulator.engine.state import Change, headline_first

    penalty = Change("needs_ignored", "signal", 6.0, 6.0, "§5", "angers")
    credit = Change("fact_question", "behaviour", -5.6, -5.6, "§3.1", "calms")
    small = Change("asks_questions", "signal", -2.0, -2.0, "§3.1", "calms")
    assert headline_first([penalty, credit, small], -1.6)[0] is credit
    assert headline_first([penalty, credit, small], +0.5)[0] is penalty
    assert [c.rule for c in headline_first([small, penalty, credit], 0.0)] == ["needs_ignored", "fact_question", "asks_questions"]
