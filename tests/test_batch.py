"""`batch` end to end: outputs, order, determinism across workers, atomic writes, exit codes, the report."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.batch import BatchOptions, engines, inputs, run_batch
from simulator.batch.kernel import WorkerContext, process_chunk
from simulator.batch.outputs import TMP_PREFIX
from simulator.cli import cli
from simulator.engine import play, start
from simulator.scoring import score_session

OUTPUTS = ("results.jsonl", "results.csv", "errors.jsonl", "summary.json", "report.html")


def write_sets(path: Path, rules, n: int = 60, bad: bool = True) -> Path:
    """A small cohort: every scenario, all personas, good and poor replies, a few bad lines."""
    exemplars = [s for sets in rules.content.exemplars.values() for s in sets]
    scenarios = list(rules.content.scenarios)
    personas = [*rules.content.personas, "all"]
    lines = []
    for i in range(n):
        ex = exemplars[i % len(exemplars)]
        lines.append(json.dumps({"id": f"s{i:03d}", "trainee": f"t{i % 7}", "scenario": scenarios[i % len(scenarios)],
                                 "persona": personas[i % len(personas)], "responses": list(ex.responses)[: 2 + i % 4]},
                                ensure_ascii=False))
        if bad and i % 20 == 5:
            lines.append('{"id": "broken", ')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def cohort(tmp_path_factory, rules):
    return write_sets(tmp_path_factory.mktemp("cohort") / "sets.jsonl", rules)


def read(out: Path, name: str) -> bytes:
    return (out / name).read_bytes()


def test_outputs_fields_and_input_order(rules, cohort, tmp_path):
    run = run_batch(BatchOptions(input=str(cohort), out_dir=str(tmp_path / "out"), progress=False), rules=rules)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS), "no temporary files left behind"
    rows = [json.loads(x) for x in read(out, "results.jsonl").decode().split("\n")[:-1]]
    lines = [r["line"] for r in rows]
    assert lines == sorted(lines), "results follow the input order"
    for key in ("id", "trainee", "scenario", "persona", "outcome", "final_anger", "anger", "score", "dimensions",
                "behaviours", "signals", "needs_met", "played", "unused", "seed", "passed"):
        assert key in rows[0]
    for r in rows:
        assert len(r["anger"]) == r["played"] + 1 and r["anger"][-1] == r["final_anger"]
        assert 0 <= r["score"] <= 100
    alls = [r for r in rows if r["id"] == "s004"]  # persona "all"
    assert [r["persona"] for r in alls] == sorted(rules.content.personas)
    errors = [json.loads(x) for x in read(out, "errors.jsonl").decode().split("\n")[:-1]]
    assert [(e["line"], e["code"]) for e in errors] == [(7, "bad_json"), (28, "bad_json"), (49, "bad_json")]
    summary = json.loads(read(out, "summary.json"))
    assert summary["totals"] == run.summary["totals"]
    assert summary["totals"]["sets"] == 60 and summary["totals"]["errors"] == 3
    assert summary["totals"]["results"] == len(rows)
    assert sum(h["count"] for h in summary["score"]["histogram"]) == len(rows)
    assert sum(p["results"] for p in summary["personas"]) == len(rows)


def test_results_csv_opens_in_excel(rules, cohort, tmp_path):
    run_batch(BatchOptions(input=str(cohort), out_dir=str(tmp_path), progress=False), rules=rules)
    raw = read(tmp_path, "results.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    jsonl = [json.loads(x) for x in read(tmp_path, "results.jsonl").decode().split("\n")[:-1]]
    assert [(r["id"], r["persona"], float(r["score"])) for r in table] == [(j["id"], j["persona"], j["score"]) for j in jsonl]
    assert set(table[0]) >= {"dim_emotion", "dim_outcome", "behaviours", "anger"}


def test_spreadsheet_formulas_are_defused(rules, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "=HYPERLINK(\"http://x\")", "trainee": "@me", "scenario": "general-complaint",
                               "persona": "friendly", "responses": ["您好"]}) + "\n")
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "o"), progress=False), rules=rules)
    row = list(csv.reader(io.StringIO(read(tmp_path / "o", "results.csv").decode("utf-8-sig"))))[1]
    assert row[1] == "'=HYPERLINK(\"http://x\")" and row[2] == "'@me"
    assert json.loads(read(tmp_path / "o", "results.jsonl"))["id"] == "=HYPERLINK(\"http://x\")", "JSON keeps it as typed"


def test_same_bytes_whatever_the_workers(rules, cohort, tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "CHUNK_SETS", 7)  # many chunks, so two workers really share them
    one = tmp_path / "one"
    two = tmp_path / "two"
    run_batch(BatchOptions(input=str(cohort), out_dir=str(one), workers=1, progress=False), rules=rules)
    run_batch(BatchOptions(input=str(cohort), out_dir=str(two), workers=2, progress=False), rules=rules)
    for name in OUTPUTS:
        assert read(one, name) == read(two, name), name


def test_results_do_not_depend_on_chunking(rules, cohort, tmp_path, monkeypatch):
    run_batch(BatchOptions(input=str(cohort), out_dir=str(tmp_path / "a"), progress=False), rules=rules)
    monkeypatch.setattr(inputs, "CHUNK_SETS", 3)
    run_batch(BatchOptions(input=str(cohort), out_dir=str(tmp_path / "b"), progress=False), rules=rules)
    for name in OUTPUTS:
        assert read(tmp_path / "a", name) == read(tmp_path / "b", name), name


# ----------------------------------------------------------------------------- batch equals play


RULES_PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_batch_result_equals_playing_the_set_alone(rules, data):
    phrases = [p for b in rules.content.lexicon.behaviours if b.phrases for p in (*b.phrases.zh[:6], *b.phrases.en[:3])]
    reply = st.lists(st.sampled_from([*phrases, "，", "。", "？", "您好", "ok", "!!!"]), max_size=6).map("".join)
    scenario = data.draw(st.sampled_from(sorted(rules.content.scenarios)))
    persona = data.draw(st.sampled_from([*RULES_PERSONAS, "all"]))
    responses = data.draw(st.lists(st.one_of(reply, st.text(max_size=30)), min_size=1, max_size=8))
    set_id = data.draw(st.text(min_size=1, max_size=12))  # hypothesis text has no lone surrogates
    record = {"id": set_id, "scenario": scenario, "persona": persona, "responses": responses}
    line = json.dumps(record).encode()
    from simulator.batch.kernel import Chunk
    from simulator.batch.sets import seed_for

    res = process_chunk(WorkerContext(rules, "en"), Chunk(0, (1,), (line,)))
    rows = [json.loads(x) for x in res.results.decode().split("\n")[:-1]]
    personas = RULES_PERSONAS if persona == "all" else [persona]
    assert [r["persona"] for r in rows] == personas
    for row, pid in zip(rows, personas, strict=True):
        state = start(rules, scenario, pid, seed=seed_for(set_id))
        turns = play(state, responses, with_reply=False)
        card = score_session(rules, scenario, pid, turns)
        assert row["anger"] == [state.anger, *(t.anger_after for t in turns)]
        assert row["score"] == card.total and row["passed"] == card.passed
        assert row["dimensions"] == {d.id: d.score for d in card.dimensions}
        assert row["outcome"] == (turns[-1].outcome.value if turns[-1].outcome else None)
        assert row["played"] == len(turns) and row["unused"] == len(responses) - len(turns)
        fired: dict[str, int] = {}
        for t in turns:
            for h in t.hits:
                if h.counts_as:
                    fired[h.counts_as] = fired.get(h.counts_as, 0) + 1
        assert row["behaviours"] == dict(sorted(fired.items()))
        assert row["needs_met"] == [n for t in turns for n in t.needs_met]


# ----------------------------------------------------------------------------- atomic output


def test_an_interrupted_run_leaves_the_old_results(rules, cohort, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_batch(BatchOptions(input=str(cohort), out_dir=str(out), progress=False), rules=rules)
    before = {name: read(out, name) for name in OUTPUTS}
    monkeypatch.setattr(inputs, "CHUNK_SETS", 5)
    calls = {"n": 0}
    real = engines.process_chunk

    def interrupted(ctx, chunk):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(ctx, chunk)

    monkeypatch.setattr(engines, "process_chunk", interrupted)
    other = write_sets(tmp_path / "other.jsonl", rules, n=40, bad=False)
    with pytest.raises(KeyboardInterrupt):
        run_batch(BatchOptions(input=str(other), out_dir=str(out), progress=False), rules=rules)
    assert {name: read(out, name) for name in OUTPUTS} == before
    assert not [p for p in out.iterdir() if p.name.startswith(TMP_PREFIX)], "the temporary folder is cleaned up"


def test_a_killed_run_never_leaves_half_a_file(rules, tmp_path):
    """SIGKILL mid-run (no clean-up at all): the files in place are still the complete old ones."""
    big = write_sets(tmp_path / "big.jsonl", rules, n=3000, bad=False)
    out = tmp_path / "out"
    small = write_sets(tmp_path / "small.jsonl", rules, n=5, bad=False)
    run_batch(BatchOptions(input=str(small), out_dir=str(out), progress=False), rules=rules)
    before = {name: read(out, name) for name in OUTPUTS}
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "batch", str(big), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = 30.0
    import time

    t0 = time.monotonic()
    while not any(p.name.startswith(TMP_PREFIX) for p in out.iterdir()):  # wait until it is writing
        assert time.monotonic() - t0 < deadline and proc.poll() is None
        time.sleep(0.02)
    time.sleep(0.3)
    proc.kill()
    proc.wait()
    assert {name: read(out, name) for name in OUTPUTS} == before


# ----------------------------------------------------------------------------- the command line


@pytest.fixture()
def runner():
    return CliRunner()


def invoke(runner, *args, input=None):
    return runner.invoke(cli, ["batch", *args], input=input, catch_exceptions=False)


def test_cli_exit_codes(runner, rules, tmp_path):
    good = write_sets(tmp_path / "good.jsonl", rules, n=12, bad=False)
    res = invoke(runner, str(good), "--out", str(tmp_path / "a"), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Scored 12 sets" in res.output
    mean = json.loads(read(tmp_path / "a", "summary.json"))["score"]["mean"]
    res = invoke(runner, str(good), "--out", str(tmp_path / "b"), "--fail-under", str(mean), "--lang", "en")
    assert res.exit_code == 0
    res = invoke(runner, str(good), "--out", str(tmp_path / "c"), "--fail-under", str(mean + 0.1), "--lang", "en")
    assert res.exit_code == 3 and f"mean score {mean} is below --fail-under" in res.output
    assert json.loads(read(tmp_path / "c", "summary.json"))["below_threshold"] is True
    bad = write_sets(tmp_path / "bad.jsonl", rules, n=12, bad=True)
    res = invoke(runner, str(bad), "--out", str(tmp_path / "d"), "--lang", "en")
    assert res.exit_code == 2 and "1 line could not be scored" in res.output
    assert (tmp_path / "d" / "results.jsonl").read_text().count("\n") >= 12, "good lines still scored"


def test_cli_reads_stdin_and_csv(runner, tmp_path):
    body = "id,scenario,persona,turn,response\na,general-complaint,friendly,1,您好，我理解您的心情。\n"
    res = invoke(runner, "-", "--out", str(tmp_path), "--lang", "en", input=body.encode("utf-8-sig"))
    assert res.exit_code == 0, res.output
    assert json.loads(read(tmp_path, "results.jsonl"))["id"] == "a"
    assert json.loads(read(tmp_path, "summary.json"))["format"] == "csv"


def test_cli_usage_errors(runner, tmp_path):
    res = runner.invoke(cli, ["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)])
    assert res.exit_code == 2 and "no such input file" in res.output
    src = tmp_path / "x.jsonl"
    src.write_text("")
    res = runner.invoke(cli, ["batch", str(src), "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path)])
    assert res.exit_code == 2 and "--scheduler only works with --engine dask" in res.output
    res = runner.invoke(cli, ["batch", str(src), "--out", str(tmp_path), "--lang", "en"])
    assert res.exit_code == 0 and "holds no response sets" in res.output


@pytest.mark.slow
def test_installed_console_script(rules, tmp_path):
    exe = shutil.which("complaint-sim") or str(Path(sys.executable).with_name("complaint-sim"))
    src = write_sets(tmp_path / "in.jsonl", rules, n=8, bad=False)
    env = {**os.environ, "COMPLAINT_SIM_LANG": "en"}
    proc = subprocess.run([exe, "batch", str(src), "--out", str(tmp_path / "out"), "--workers", "2"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Scored 8 sets" in proc.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)


# ----------------------------------------------------------------------------- the cohort report


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sections: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section":
            self.sections.append(a.get("id", ""))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)


def test_report_structure_links_and_escaping(rules, tmp_path):
    src = tmp_path / "in.jsonl"
    evil = "<script>alert(1)</script>"
    records = [{"id": f"x{i}", "trainee": evil if i == 0 else f"t{i % 3}", "scenario": "general-complaint",
                "persona": "domineering", "responses": ["你怎么一点常识都没有", "这不归我管"] if i % 2 else ["您好，我理解您的心情"]}
               for i in range(6)]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "o"), progress=False, lang="en"), rules=rules)
    html = read(tmp_path / "o", "report.html").decode()
    page = _Page()
    page.feed(html)
    assert page.sections == ["overview", "items", "worst", "trainees", "sets"]
    assert page.scripts == 0 and "&lt;script&gt;" in html, "typed text is escaped"
    assert all(link.startswith("#") and link[1:] in page.ids for link in page.links), "every link has its target"
    assert "set-1-domineering" in page.ids, "every set of a small run has its detail block"
    text = " ".join(page.text)
    assert "你怎么一点常识都没有" in text, "the most common phrases to avoid are listed"
    assert "Content-Security-Policy" in html and "http" not in html.split("<body>")[1], "self-contained"


def test_report_stays_small_for_a_large_cohort(rules, tmp_path):
    src = write_sets(tmp_path / "in.jsonl", rules, n=1500, bad=False)
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "o"), progress=False), rules=rules)
    html = read(tmp_path / "o", "report.html")
    assert html.count(b'<article class="set"') == 200, "only the weakest sets get detail blocks"
    assert len(html) < 1_500_000


def test_unwritable_output_and_unreadable_input(runner, rules, tmp_path):
    src = write_sets(tmp_path / "in.jsonl", rules, n=2, bad=False)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = runner.invoke(cli, ["batch", str(src), "--out", str(blocker / "out"), "--lang", "en"])
    assert res.exit_code == 2 and "cannot write to the output folder" in res.output
    assert blocker.read_text() == "not a folder"


def test_progress_line_only_when_asked(rules, cohort, tmp_path, capsys):
    from simulator.batch.progress import Progress

    stream = io.StringIO()
    p = Progress("en", 1000, stream=stream, enabled=True)
    p.update(10, 40, 1, 500, force=True)
    p.close()
    assert stream.getvalue().startswith("\r[██████████░░░░░░░░░░]  50%  10 sets · 40 responses") and stream.getvalue().endswith("\n")
    run_batch(BatchOptions(input=str(cohort), out_dir=str(tmp_path), progress=None), rules=rules)
    assert capsys.readouterr().err == "", "no progress line when stderr is not a terminal"


# ----------------------------------------------------------------------------- item analysis


def _nearest_rank(sorted_scores: list[float], q: float) -> float:
    import math

    return sorted_scores[max(1, math.ceil(q * len(sorted_scores))) - 1]


def test_separating_quarters_recomputed_from_the_results(rules, cohort, tmp_path):
    # An independent reading of results.jsonl must give the summary's top/bottom-quarter table.
    out = tmp_path / "out"
    run_batch(BatchOptions(input=str(cohort), out_dir=str(out), progress=False), rules=rules)
    rows = [json.loads(x) for x in read(out, "results.jsonl").splitlines()]
    scores = sorted(r["score"] for r in rows)
    low, high = _nearest_rank(scores, 0.25), _nearest_rank(scores, 0.75)
    assert low < high  # this cohort has a spread; ties are tested below
    bottom = [r for r in rows if r["score"] <= low]
    top = [r for r in rows if r["score"] >= high]
    quarters = json.loads(read(out, "summary.json"))["separating_quarters"]
    assert (quarters["bottom_max"], quarters["top_min"]) == (low, high)
    assert (quarters["bottom"], quarters["top"]) == (len(bottom), len(top))
    got = {r["rule"]: r for r in quarters["rules"]}
    assert set(got) == {rule for r in bottom + top for rule in (*r["behaviours"], *r["signals"])}
    for rule, g in got.items():
        in_top = sum(1 for r in top if rule in r["behaviours"] or rule in r["signals"])
        in_bottom = sum(1 for r in bottom if rule in r["behaviours"] or rule in r["signals"])
        assert (g["top"], g["bottom"]) == (in_top, in_bottom), rule
        assert g["difference"] == round(in_top / len(top) - in_bottom / len(bottom), 3), rule
    diffs = [abs(r["difference"]) for r in quarters["rules"]]
    assert diffs == sorted(diffs, reverse=True)


def test_a_row_leaning_against_its_sense_is_marked(rules, cohort, tmp_path):
    # A bad move commoner among high scorers (their sessions ran long enough for needs_ignored)
    # is not what set them apart: the report marks it and says so, instead of a bare green bar.
    from simulator.batch.render import cohort_data, cohort_html

    out = tmp_path / "out"
    run_batch(BatchOptions(input=str(cohort), out_dir=str(out), progress=False), rules=rules)
    summary = json.loads(read(out, "summary.json"))
    summary["separating_quarters"]["rules"] = [
        {"rule": "needs_ignored", "top": 9, "bottom": 2, "rate_top": 0.9, "rate_bottom": 0.2, "difference": 0.7},
        {"rule": "apology", "top": 8, "bottom": 1, "rate_top": 0.8, "rate_bottom": 0.1, "difference": 0.7},
        {"rule": "blame_customer", "top": 0, "bottom": 5, "rate_top": 0.0, "rate_bottom": 0.5, "difference": -0.5},
        {"rule": "fact_question", "top": 1, "bottom": 6, "rate_top": 0.1, "rate_bottom": 0.6, "difference": -0.5},
    ]
    rows = {r["rule"]: r["against"] for r in cohort_data(summary, rules, "en")["separating"]}
    assert rows == {"needs_ignored": True, "apology": False, "blame_customer": False, "fact_question": True}
    html = cohort_html(summary, rules, "en")
    assert html.count("†") == 3 and "leans against its own sense" in html  # two rows and the note
    summary["separating_quarters"]["rules"] = summary["separating_quarters"]["rules"][1:3]
    assert "†" not in cohort_html(summary, rules, "en")


def test_separating_behaviours_shown_when_nobody_passes(rules, tmp_path):
    # A hard cohort where every result fails: pass/fail cannot separate anything, the quarters can.
    replies = [["这不是我们的问题。"], ["好的。"], ["抱歉，请您稍等。"], ["这是公司规定，我们没办法。"],
               ["我理解您的心情，这不是我们的问题。"], ["你自己看说明书吧。"], ["请问您的订单号是多少？"], ["嗯。"]]
    src = tmp_path / "hard.jsonl"
    src.write_text("".join(json.dumps({"id": f"h{i}", "scenario": "general-complaint", "persona": "domineering",
                                       "responses": r}, ensure_ascii=False) + "\n" for i, r in enumerate(replies)),
                   "utf-8")
    run = run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "out"), progress=False), rules=rules)
    summary = run.summary
    assert summary["totals"]["passed"] == 0
    assert all(r["rate_passed"] == 0 for r in summary["separating"])  # the old table says nothing
    quarters = summary["separating_quarters"]
    assert quarters["top"] and quarters["bottom"] and quarters["rules"]
    assert any(r["difference"] for r in quarters["rules"])
    html = (tmp_path / "out" / "report.html").read_text("utf-8")
    assert quarters["rules"][0]["rule"] in html


def test_separating_quarters_with_every_score_tied(rules, tmp_path):
    src = tmp_path / "tied.jsonl"
    src.write_text("".join(json.dumps({"id": f"t{i}", "scenario": "general-complaint", "persona": "friendly",
                                       "responses": ["好的。"]}) + "\n" for i in range(5)), "utf-8")
    run = run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "out"), progress=False), rules=rules)
    quarters = run.summary["separating_quarters"]
    assert quarters["rules"] == [] and quarters["top"] == 0 and quarters["bottom"] == 0


def test_the_gate_compares_the_exact_mean_not_the_rounded_one(rules, tmp_path):
    # Scores are kept in tenths, so the exact mean is total / n; summary.json shows it
    # rounded (40.58 as 40.6). A gate between the two must go by the exact one.
    for n in range(5, 30):
        good = write_sets(tmp_path / f"good{n}.jsonl", rules, n=n, bad=False)
        invoke(CliRunner(), str(good), "--out", str(tmp_path / f"a{n}"), "--lang", "en")
        rows = [json.loads(x) for x in read(tmp_path / f"a{n}", "results.jsonl").splitlines()]
        exact = sum(round(r["score"] * 10) for r in rows) / len(rows) / 10
        shown = json.loads(read(tmp_path / f"a{n}", "summary.json"))["score"]["mean"]
        if abs(exact - shown) > 1e-9:
            break
    else:
        pytest.fail("no input size gave a mean that rounds")
    gate = (exact + shown) / 2
    res = invoke(CliRunner(), str(good), "--out", str(tmp_path / "b"), "--fail-under", repr(gate), "--lang", "en")
    assert res.exit_code == (3 if exact < gate else 0), (exact, shown, gate, res.output)


def test_histogram_splits_each_bar_into_passed_and_not(rules, tmp_path):
    # One warm greeting and nothing more scores above the pass mark but fails (the replies
    # ran out before the customer decided): its bar must not be drawn as a pass.
    greeting = "您好，我是客服小王，很高兴为您服务。非常抱歉，给您添麻烦了，这件事由我负责跟进。请问是什么时候开始的？"
    src = tmp_path / "greet.jsonl"
    src.write_text("".join(json.dumps({"id": f"g{i}", "scenario": "general-complaint", "persona": "friendly",
                                       "responses": [greeting]}, ensure_ascii=False) + "\n" for i in range(3)), "utf-8")
    run = run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "out"), progress=False), rules=rules)
    hist = run.summary["score"]["histogram"]
    assert run.summary["totals"]["passed"] == 0
    high = [h for h in hist if h["count"]]
    assert high and all(h["from"] >= 70 and h["passed"] == 0 for h in high)
    html = (tmp_path / "out" / "report.html").read_text("utf-8")
    bars = html.split('<div class="hist"')[1].split("</div>\n<div class=\"hist-x\"")[0]
    assert 'class="b pass"' not in bars and 'class="b"' in bars and "0 of 3 passed" in bars


def test_an_id_on_two_lines_is_scored_twice_and_reported(runner, rules, tmp_path):
    src = tmp_path / "dup.jsonl"
    lines = [{"id": "w1", "scenario": "general-complaint", "persona": "friendly", "responses": ["您好"]},
             {"id": "w2", "scenario": "general-complaint", "persona": "friendly", "responses": ["您好"]},
             {"id": "w1", "scenario": "general-complaint", "persona": "all", "responses": ["您好"]},
             {"id": "w1", "scenario": "general-complaint", "persona": "friendly", "responses": ["好的"]}]
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    res = invoke(runner, str(src), "--out", str(tmp_path / "out"), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "note: 2 lines repeat the id of an earlier line (e.g. 'w1' on lines 1 and 3)" in res.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary["repeated_ids"] == {"count": 2, "examples": [{"id": "w1", "line": 3, "first_line": 1},
                                                                {"id": "w1", "line": 4, "first_line": 1}]}
    assert summary["totals"]["sets"] == 4  # each line is still scored
    assert "2 lines repeat the id of an earlier line" in (tmp_path / "out" / "report.html").read_text("utf-8")
    one = run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "one"), progress=False), rules=rules)
    assert one.summary["repeated_ids"] == summary["repeated_ids"]
