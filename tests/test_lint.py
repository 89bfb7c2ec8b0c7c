"""lint: one fixture per finding kind, the built-in content, the command line.

The fixtures live in tests/fixtures/lint/. ``world/`` is a small complete content
set that lints clean on its own; each other folder is named after a finding code
and holds files that replace the world's files of the same name (or add new
ones) to plant exactly that problem.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.authoring.findings import CODES, Severity
from simulator.authoring.lint import lint_paths
from simulator.cli import cli

LINT = Path(__file__).resolve().parent / "fixtures" / "lint"
WORLD = LINT / "world"
FIXTURES = sorted(p.name for p in LINT.iterdir() if p.is_dir() and p.name != "world")


def world_with(fixture: str) -> list[Path]:
    """The world's files, with the fixture's files replacing those of the same name."""
    files = {p.name: p for p in WORLD.glob("*.yaml")}
    files.update({p.name: p for p in (LINT / fixture).glob("*.yaml")})
    return [files[name] for name in sorted(files)]


def lint_fixture(fixture: str):  # type: ignore[no-untyped-def]
    return lint_paths(world_with(fixture), with_builtins=False)


def test_the_world_is_clean() -> None:
    result = lint_paths([WORLD], with_builtins=False)
    assert not result.failed(strict=True)
    assert [f.code for f in result.findings] == ["reach-summary"]


def test_every_code_has_a_fixture() -> None:
    # reach-summary is a note every scenario gets; the world shows it.
    assert set(FIXTURES) == set(CODES) - {"reach-summary"}


@pytest.mark.parametrize("fixture", FIXTURES)
def test_fixture_raises_its_finding(fixture: str) -> None:
    result = lint_fixture(fixture)
    codes = {f.code for f in result.findings}
    assert fixture in codes, f"{fixture}: got {sorted(codes)}"
    finding = next(f for f in result.findings if f.code == fixture)
    assert finding.severity is CODES[fixture]
    # Every finding points into a file, with a line and column where the file has them.
    assert Path(finding.file).name.endswith(".yaml")
    assert finding.line is not None and finding.column is not None
    for lang in ("zh", "en"):
        assert finding.message(lang) and finding.hint(lang)
    assert result.failed(strict=True) is (CODES[fixture] is not Severity.INFO)


@pytest.mark.parametrize(
    ("fixture", "file", "line", "column", "field"),
    [
        ("phrase-opposite-polarity", "lexicon.yaml", 67, 29, "behaviours[6].phrases.zh[2]"),
        ("phrase-negated", "lexicon.yaml", 43, 28, "behaviours[3].phrases.zh[2]"),
        ("need-unaddressable", "scenario.yaml", 18, 5, "needs[1]"),
        ("threshold-shadowed", "persona.yaml", 13, 60, "thresholds.walk_out_at"),
        ("reply-pool-unused", "persona.yaml", 25, 119, "replies.zh.calm.by_reaction.apologies"),
        ("invalid", "scenario.yaml", 8, 1, "mood"),  # an unknown field: its key
    ],
)
def test_findings_point_at_the_place(fixture: str, file: str, line: int, column: int, field: str) -> None:
    finding = next(f for f in lint_fixture(fixture).findings if f.code == fixture)
    assert Path(finding.file).name == file
    assert (finding.line, finding.column, finding.field) == (line, column, field)


def test_messages_name_the_problem() -> None:
    f = next(f for f in lint_fixture("phrase-opposite-polarity").findings if f.code == "phrase-opposite-polarity")
    assert f.message("en") == (
        'phrase "抱歉" is listed under both refusal (negative) and apology (positive); it only ever counts as apology'
    )
    f = next(f for f in lint_fixture("need-unaddressable").findings if f.code == "need-unaddressable")
    assert f.message("en") == (
        "need refund cannot be met in en: no en phrase and no behaviour detectable in en addresses it"
    )
    f = next(f for f in lint_fixture("scenario-trivial").findings if f.code == "scenario-trivial")
    assert "嗯，您接着说。" in f.message("zh")


def test_phrase_negated_spares_negations_that_are_the_meaning() -> None:
    # The built-in lexicon has 不推诿, 不是您的错, not your fault…: negation is their meaning.
    result = lint_paths()
    assert not [f for f in result.findings if f.code == "phrase-negated"]


def test_scenario_unresolvable_is_an_error_and_names_the_language() -> None:
    found = [f for f in lint_fixture("scenario-unresolvable").findings if f.code == "scenario-unresolvable"]
    assert {dict(f.args)["language"] for f in found} == {"zh", "en"}
    assert all(f.severity is Severity.ERROR for f in found)


def test_persona_findings_reach_a_linted_persona_file(tmp_path: Path) -> None:
    # `lint stubborn.yaml` shows persona × scenario findings although they sit in scenario files.
    friendly = (Path(__file__).resolve().parents[1] / "personas" / "friendly.yaml").read_text("utf-8")
    stubborn = tmp_path / "stubborn.yaml"
    stubborn.write_text(friendly.replace("id: friendly", "id: stubborn", 1)
                        .replace("initial_anger: 35 ", "initial_anger: 70 ", 1)
                        .replace("patience: 8 ", "patience: 1 ", 1)
                        .replace("resolve_at: 25 ", "resolve_at: 2 ", 1)
                        .replace("walk_out_at: 75 ", "walk_out_at: 101 ", 1), "utf-8")
    result = lint_paths([stubborn])
    mine = [f for f in result.findings if f.code == "persona-cannot-resolve"]
    assert len(mine) >= 3  # found in the built-in scenario files…
    assert {Path(f.file).parent.name for f in mine} == {"scenarios"}
    assert all(dict(f.args)["persona"] == "stubborn" for f in mine)
    # …and nothing else about the built-in files (their reach-summary notes are not about it).
    assert {f.code for f in result.findings if Path(f.file) != stubborn} == {"persona-cannot-resolve"}


# ----------------------------------------------------------------------------- built-in content

@pytest.fixture(scope="module")
def builtin_lint():  # type: ignore[no-untyped-def]
    return lint_paths()


def test_builtin_content_passes_strict(builtin_lint) -> None:  # type: ignore[no-untyped-def]
    bad = [
        f"{f.where()} {f.code}: {f.message('en')}"
        for f in builtin_lint.findings
        if f.severity is not Severity.INFO
    ]
    assert bad == []


def test_builtin_scenarios_are_reachable(builtin_lint) -> None:  # type: ignore[no-untyped-def]
    summaries = [f for f in builtin_lint.findings if f.code == "reach-summary"]
    assert len(summaries) == 10
    assert not [f for f in builtin_lint.findings if f.code in ("scenario-unresolvable", "persona-cannot-resolve")]


# ----------------------------------------------------------------------------- command line


def test_cli_lint_text_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["lint", "--lang", "en"])
    assert ok.exit_code == 0, ok.output
    assert "Passed." in ok.output
    # A trainer's scenario with a need nobody can meet in English: an error, exit 1.
    bad = tmp_path / "bad.yaml"
    src = (Path(__file__).resolve().parents[1] / "scenarios" / "general-complaint.yaml").read_text("utf-8")
    bad.write_text(src.replace("id: general-complaint", "id: my-scenario", 1).replace(
        "      en: [when did you, reference number, order number, tell me what happened, tell me more]\n", "", 1).replace(
        "    behaviours: [fact_question]\n", "", 1), "utf-8")
    res = runner.invoke(cli, ["lint", str(bad), "--lang", "en"])
    assert res.exit_code == 1, res.output
    assert "need-unaddressable" in res.output and "hint:" in res.output
    assert "behaviours.yaml" not in res.output  # only findings about the file asked for


def test_cli_lint_content_is_context_not_subject(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    scenario = tmp_path / "mine.yaml"
    scenario.write_text((root / "scenarios" / "general-complaint.yaml").read_text("utf-8")
                        .replace("id: general-complaint", "id: mine", 1)
                        .replace("zh: 一般服务投诉", "zh: 我的投诉", 1)
                        .replace("en: General service complaint", "en: My complaint", 1), "utf-8")
    (tmp_path / "mine.exemplars.yaml").write_text((root / "exemplars" / "general-complaint.yaml").read_text("utf-8")
                                                  .replace("scenario: general-complaint", "scenario: mine", 1), "utf-8")
    alone = CliRunner().invoke(cli, ["lint", str(scenario), "--json", "--lang", "en"])
    assert "no-exemplars" in {f["code"] for f in json.loads(alone.output)}
    # With the folder as context the exemplars are found, and only the scenario is reported on.
    res = CliRunner().invoke(cli, ["lint", str(scenario), "--content", str(tmp_path), "--json", "--lang", "en"])
    assert res.exit_code == 0, res.output
    found = json.loads(res.output)
    assert [f["code"] for f in found] == ["reach-summary"]
    assert {Path(f["file"]).name for f in found} == {"mine.yaml"}


def test_cli_lint_json() -> None:
    res = CliRunner().invoke(cli, ["lint", "--json", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data and set(data[0]) >= {"file", "line", "column", "severity", "code", "message", "hint"}
    assert any(d["code"] == "reach-summary" for d in data)


def test_cli_lint_invalid_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("kind: scenario\nid: x\nfoo: [\n", "utf-8")
    res = CliRunner().invoke(cli, ["lint", str(bad), "--lang", "en"])
    assert res.exit_code == 2
    assert "[invalid]" in res.output


def test_cli_lint_strict_fails_on_warnings(tmp_path: Path) -> None:
    persona = (WORLD / "persona.yaml").read_text("utf-8")
    files = {p.name: p.read_text("utf-8") for p in WORLD.glob("*.yaml")}
    files["persona.yaml"] = persona.replace("walk_out_at: 101", "walk_out_at: 95")
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    result = lint_paths([tmp_path], with_builtins=False)
    assert not result.failed(strict=False) and result.failed(strict=True)
