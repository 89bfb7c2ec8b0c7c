"""calibrate: graded exemplars order good < mediocre < bad on every built-in scenario."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.authoring.calibrate import GRADES, calibrate
from simulator.authoring.chart import render_html
from simulator.cli import cli
from simulator.content import load_content
from simulator.engine import Rulebook
from simulator.i18n import LANGS

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def calibrations(rules):  # type: ignore[no-untyped-def]
    return {sid: calibrate(rules, sid) for sid in SCENARIOS}


def test_every_builtin_scenario_has_graded_sets_in_both_languages(content) -> None:  # type: ignore[no-untyped-def]
    assert sorted(content.exemplars) == SCENARIOS
    for sid, sets in content.exemplars.items():
        assert {(s.grade, s.lang) for s in sets} == {(g, lang) for g in GRADES for lang in LANGS}, sid
        # The demo relies on these ids.
        assert {s.id for s in sets} >= {f"{g}-{lang}" for g in GRADES for lang in LANGS}, sid


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_grades_order_for_every_persona(calibrations, scenario: str) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for p in calibrations[scenario].personas:
        for o in p.orders:
            if not o.by_anger:
                problems.append(f"{p.persona}/{o.lang}: final anger {o.final}")
            if not o.by_score:
                problems.append(f"{p.persona}/{o.lang}: score {o.score}")
    assert problems == []


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_good_sets_resolve_and_bad_sets_do_not(calibrations, scenario: str) -> None:  # type: ignore[no-untyped-def]
    for p in calibrations[scenario].personas:
        assert p.too_hard == (), (p.persona, p.too_hard)
        assert p.too_easy == (), (p.persona, p.too_easy)


def test_trajectories_start_at_the_starting_anger(rules) -> None:  # type: ignore[no-untyped-def]
    cal = calibrate(rules, "data-loss", ["friendly"])
    pair = rules.pairing("data-loss", "friendly")
    for run in cal.runs():
        assert run.anger[0] == pair.initial_anger  # 35 + 10 for a major complaint
        assert len(run.anger) == len(run.turns) + 1


def test_unknown_scenario_and_missing_exemplars(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(cli, ["calibrate", "--scenario", "nope"])
    assert res.exit_code == 2 and "unknown scenario 'nope'" in res.output
    src = (ROOT / "scenarios" / "general-complaint.yaml").read_text("utf-8")
    (tmp_path / "mine.yaml").write_text(src.replace("id: general-complaint", "id: mine", 1), "utf-8")
    res = CliRunner().invoke(cli, ["calibrate", "-s", "mine", "--content", str(tmp_path)])
    assert res.exit_code == 2 and "no exemplar sets for scenario 'mine'" in res.output


# ----------------------------------------------------------------------------- command line


def test_cli_json_lists_runs() -> None:
    res = CliRunner().invoke(cli, ["calibrate", "-s", "rude-engineer", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert len(data) == 4 * 6
    for row in data:
        assert set(row) >= {"persona", "exemplar", "anger", "score", "grade", "lang", "outcome", "ordered"}
        assert isinstance(row["anger"], list) and row["anger"][0] > 0
        assert row["ordered"] is True


def test_cli_text_in_both_languages() -> None:
    en = CliRunner().invoke(cli, ["calibrate", "-s", "billing-error", "-p", "analytical", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert en.output.startswith("Calibration: Payment not credited, line cut off and a late fee charged")
    assert "✓" in en.output and "good-zh" in en.output and "▁" in en.output
    zh = CliRunner().invoke(cli, ["calibrate", "-s", "billing-error", "-p", "analytical", "--lang", "zh"])
    assert zh.output.startswith("校准：")
    assert "Calibration" not in zh.output and "final anger" not in zh.output


def test_trainer_sets_add_to_the_shipped_ones(tmp_path: Path) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text(
        "kind: exemplars\nscenario: general-complaint\nsets:\n"
        "  - id: shout-en\n    grade: bad\n    lang: en\n    responses: [\"NOT MY PROBLEM!!!\"]\n",
        "utf-8",
    )
    res = CliRunner().invoke(cli, ["calibrate", "-s", "general-complaint", "-p", "friendly", "--json",
                                   "--content", str(extra)])
    assert res.exit_code == 0, res.output
    assert {r["exemplar"] for r in json.loads(res.output)} == {
        "good-zh", "good-en", "mediocre-zh", "mediocre-en", "bad-zh", "bad-en", "shout-en"}


def test_check_fails_when_grades_do_not_order(tmp_path: Path) -> None:
    # A "good" set that is really bad puts the ordering out.
    fake = tmp_path / "fake.yaml"
    fake.write_text(
        "kind: exemplars\nscenario: general-complaint\nsets:\n"
        "  - id: good-en\n    grade: good\n    lang: en\n    responses: [\"I don't know. Not my job.\"]\n",
        "utf-8",
    )
    res = CliRunner().invoke(cli, ["calibrate", "-s", "general-complaint", "--check", "--lang", "en",
                                   "--content", str(fake)])
    assert res.exit_code == 1
    assert "out of order ✗" in res.output
    assert CliRunner().invoke(cli, ["calibrate", "-s", "general-complaint", "--check"]).exit_code == 0


# ----------------------------------------------------------------------------- the HTML chart


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_html_chart_structure(tmp_path: Path) -> None:
    out = tmp_path / "cal.html"
    res = CliRunner().invoke(cli, ["calibrate", "-s", "hotline-callback", "--html", str(out), "--lang", "zh"])
    assert res.exit_code == 0, res.output
    page = _parse(out.read_text("utf-8"))
    html = next(a for t, a in page.tags if t == "html")
    assert html["lang"] == "zh-CN"
    sections = [a for t, a in page.tags if t == "section"]
    assert [s["id"] for s in sections] == [f"persona-{p}" for p in ("analytical", "domineering", "friendly", "self-centered")]
    assert sum(1 for t, _ in page.tags if t == "svg") == 4
    lines = [a for t, a in page.tags if t == "polyline"]
    assert len(lines) == 4 * 6
    assert {a["class"].split()[1] for a in lines} == {"grade-good", "grade-mediocre", "grade-bad"}
    assert sum("dashed" in (a["class"] or "") for a in lines) == 4 * 3  # the English sets
    text = "".join(page.text)
    assert "校准" in text and "Calibration" not in text


def test_html_escapes_content(tmp_path: Path) -> None:
    src = (ROOT / "scenarios" / "general-complaint.yaml").read_text("utf-8")
    (tmp_path / "s.yaml").write_text(src.replace("  en: General service complaint", "  en: <script>alert(1)</script>", 1), "utf-8")
    rules = Rulebook(load_content([tmp_path]))
    html = render_html(rules, calibrate(rules, "general-complaint", ["friendly"]), "en")
    assert "<script>" not in html and "&lt;script&gt;" in html
