"""The authoring tools as a trainer meets them: validate and lint report everything at once,
in the output language, with suggestions; lint reports on the trainer's folder; `new` names
its copy; every error prefix follows --lang."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FRIENDLY = (ROOT / "personas" / "friendly.yaml").read_text("utf-8")
GENERAL = (ROOT / "scenarios" / "general-complaint.yaml").read_text("utf-8")
LAST_FACT = "    - 我的单号是 A2317，登记的是我现在这个手机号，一直没收到任何通知。\n"


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    # The locale says English, so only --lang can make the output Chinese.
    return CliRunner().invoke(cli, list(args), env={"COMPLAINT_SIM_LANG": "en", **(env or {})})


def persona(**changes: str) -> str:
    text = FRIENDLY.replace("id: friendly", "id: grumpy", 1).replace("name: {zh: 友善型, en: Friendly}",
                                                                     "name: {zh: 暴躁型, en: Grumpy}", 1)
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def scenario(**changes: str) -> str:
    text = GENERAL.replace("id: general-complaint", "id: my-complaint", 1).replace(
        "  zh: 一般服务投诉\n  en: General service complaint", "  zh: 我的投诉\n  en: My complaint", 1)
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    """The QA folder: every kind of mistake in one persona and one scenario."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "persona.yaml").write_text(persona(**{
        "initial_anger: 35": "initial_anger: 135", "resolve_at: 25": "resolve_at: 80",
        "acknowledge_feelings: -10": "acknowledge_feelings: 10"}), "utf-8")
    (folder / "scenario.yaml").write_text(scenario(**{
        "stance: rational": "stance: rationl", "behaviours: [acknowledge_feelings]": "behaviours: [acknowledge_feeling]",
        LAST_FACT: ""}), "utf-8")
    return folder


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r".*\.yaml:\d+:\d+: ", line)]


# ----------------------------------------------------------------------------- 1, 2: every error, never a false ✓


def test_validate_reports_every_error_of_every_file_in_one_run(planted: Path) -> None:
    res = run("validate", str(planted), "--lang", "en")
    assert res.exit_code == 2
    p, s = planted / "persona.yaml", planted / "scenario.yaml"
    assert error_lines(res.stderr) == [
        f"{p}:35:16: initial_anger: input should be less than or equal to 100, got 135",
        f"{p}:40:15: thresholds.resolve_at: must be below escalate_at and walk_out_at",
        f"{p}:45:25: weights.acknowledge_feelings: a positive behaviour cannot anger the customer (got 10.0)",
        f"{s}:15:9: stance: must be one of 'quality', 'rational', 'negotiator' or 'victim', got 'rationl'"
        " (did you mean rational?)",
        f"{s}:44:18: needs[0].behaviours[0]: unknown behaviour 'acknowledge_feeling' (did you mean acknowledge_feelings?)",
    ]
    assert "2 of 2 files have errors." in res.stderr


def test_a_file_is_not_marked_valid_while_its_cross_file_checks_are_pending(tmp_path: Path) -> None:
    # The persona fails validation; the scenario's unknown behaviour is still found.
    (tmp_path / "persona.yaml").write_text(persona(**{"initial_anger: 35": "initial_anger: 135"}), "utf-8")
    (tmp_path / "scenario.yaml").write_text(scenario(**{
        "behaviours: [acknowledge_feelings]": "behaviours: [acknowledge_feeling]"}), "utf-8")
    res = run("validate", str(tmp_path), "--lang", "en")
    assert res.exit_code == 2
    assert "✓" not in res.output
    assert "scenario.yaml:45:18: needs[0].behaviours[0]: unknown behaviour 'acknowledge_feeling'" in res.stderr


def test_a_file_that_cannot_be_fully_checked_says_so(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("kind: persona\nid: x\nfoo: [\n", "utf-8")
    (tmp_path / "scenario.yaml").write_text(scenario(), "utf-8")
    res = run("validate", str(tmp_path), "--lang", "en")
    assert res.exit_code == 2
    assert "✓" not in res.output
    assert f"? {tmp_path / 'scenario.yaml'}: not fully checked" in res.output
    zh = run("validate", str(tmp_path), "--lang", "zh")
    assert "未完全检查" in zh.output


# ----------------------------------------------------------------------------- 3: suggestions


def test_unknown_field_and_ids_get_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(persona(**{"initial_anger: 35": "anger_stat: 35"}), "utf-8")
    res = run("validate", str(tmp_path / "p.yaml"), "--lang", "en")
    assert "anger_stat: unknown field (did you mean initial_anger?)" in res.stderr
    res = run("new", "persona", "mine", "--from", "friendy", "--dir", str(tmp_path), "--lang", "en")
    assert res.exit_code == 2
    assert "unknown persona 'friendy' (did you mean friendly?)" in res.stderr
    res = run("calibrate", "-s", "general-complaint", "-p", "analitical", "--lang", "zh")
    assert "是不是想写 analytical" in res.stderr


def test_a_value_in_the_wrong_case_and_a_misindented_line_get_a_hint(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(scenario(**{"severity: general": "severity: Major"}), "utf-8")
    res = run("validate", str(tmp_path / "s.yaml"), "--lang", "en")
    assert "got 'Major' (did you mean major?)" in res.stderr
    (tmp_path / "s.yaml").write_text(scenario(**{"\nseverity: general": "\n severity: general"}), "utf-8")
    res = run("validate", str(tmp_path / "s.yaml"), "--lang", "en")
    assert "invalid YAML: did not find expected key (check the indentation" in res.stderr
    res = run("validate", str(tmp_path / "s.yaml"), "--lang", "zh")
    assert "检查这一行和上一行的缩进" in res.stderr


# ----------------------------------------------------------------------------- 4: lint shows every load error


def test_lint_reports_every_load_error_at_once(planted: Path) -> None:
    res = run("lint", str(planted), "--json", "--lang", "en")
    assert res.exit_code == 2
    found = json.loads(res.output)
    assert [f["code"] for f in found] == ["invalid"] * 5
    assert [f["line"] for f in found] == [35, 40, 45, 15, 44]


# ----------------------------------------------------------------------------- 5: messages in the output language


def test_validate_and_lint_messages_are_chinese_under_lang_zh(planted: Path) -> None:
    res = run("validate", str(planted), "--lang", "zh")
    text = "\n".join(error_lines(res.stderr))
    assert "应小于或等于 100，实际是 135" in text
    assert "必须是 'quality'、'rational'、'negotiator'、'victim' 之一，实际是 'rationl'（是不是想写 rational？）" in text
    assert "正面行为不能激怒客户（实际是 10.0）" in text
    assert "未知的行为 'acknowledge_feeling'（是不是想写 acknowledge_feelings？）" in text
    assert not re.search(r"must|cannot|should|unknown", text)
    lint = run("lint", str(planted), "--lang", "zh")
    assert "必须低于 escalate_at 和 walk_out_at" in lint.output
    assert not re.search(r"must|cannot|should|unknown", "\n".join(error_lines(lint.output)))


def test_pydantic_messages_are_translated_by_type(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(persona(**{"patience: 8": "patience: eight", "drift: 1": "drift: 1\nmood: sad",
                                                "walk_out_at: 75": "walk_out_at: 75\n  spare: 1"}), "utf-8")
    res = run("validate", str(tmp_path / "p.yaml"), "--lang", "zh")
    text = "\n".join(error_lines(res.stderr))
    assert "patience: 应为整数，实际是 'eight'" in text
    assert "mood: 未知字段" in text and "thresholds.spare: 未知字段" in text
    (tmp_path / "p.yaml").write_text(persona(**{"patience: 8 ": "# patience: 8 "}), "utf-8")
    assert "patience: 缺少必填字段" in run("validate", str(tmp_path / "p.yaml"), "--lang", "zh").stderr


# ----------------------------------------------------------------------------- 6: error prefixes


def test_error_prefix_follows_lang_not_the_locale(tmp_path: Path) -> None:
    res = run("new", "persona", "mine", "--from", "nobody", "--dir", str(tmp_path), "--lang", "zh")
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：") and "error:" not in res.stderr
    res = run("list", "--content", str(tmp_path / "missing"), "--lang", "zh")
    assert "error:" not in res.stderr
    (tmp_path / "bad.yaml").write_text(persona(**{"initial_anger: 35": "initial_anger: 135"}), "utf-8")
    res = run("list", "--content", str(tmp_path / "bad.yaml"), "--lang", "zh")
    assert res.stderr.startswith("错误：") and "应小于或等于 100" in res.stderr
    res = run("list", "--content", str(tmp_path / "bad.yaml"), env={"COMPLAINT_SIM_LANG": "zh"}, )
    assert res.stderr.startswith("错误：")
    res = run("list", "--content", str(tmp_path / "bad.yaml"), "--lang", "en", env={"COMPLAINT_SIM_LANG": "zh"})
    assert res.stderr.startswith("error: ") and "less than or equal to 100" in res.stderr


# ----------------------------------------------------------------------------- 7: lint reports on the folder given


def test_lint_reports_only_on_the_folder_named_and_counts_like_validate(tmp_path: Path) -> None:
    (tmp_path / "persona.yaml").write_text(persona(), "utf-8")
    (tmp_path / "scenario.yaml").write_text(scenario(), "utf-8")
    found = json.loads(run("lint", str(tmp_path), "--json", "--lang", "en").output)
    assert found and {Path(f["file"]).parent for f in found} == {tmp_path}
    text = run("lint", str(tmp_path), "--lang", "en").output
    assert "files: 2 |" in text
    assert "All 2 files are valid." in run("validate", str(tmp_path), "--lang", "en").output
    every = run("lint", str(tmp_path), "--all", "--json", "--lang", "en")
    assert any(Path(f["file"]).parent != tmp_path for f in json.loads(every.output))
    assert "files: 2 |" not in run("lint", str(tmp_path), "--all", "--lang", "en").output


# ----------------------------------------------------------------------------- 8: new names its copy


def test_new_gives_the_copy_a_placeholder_name_and_lint_warns_on_shared_names(tmp_path: Path) -> None:
    assert run("new", "persona", "impatient-boss", "--dir", str(tmp_path), "--lang", "zh").exit_code == 0
    assert run("new", "scenario", "late-parcel", "--dir", str(tmp_path), "--lang", "en").exit_code == 0
    listed = run("list", "--content", str(tmp_path), "--lang", "zh").output
    assert listed.count("友善型") == 1 and listed.count("一般服务投诉") == 1
    assert "impatient-boss（待命名）" in listed
    assert "impatient-boss (to be named)" in run("list", "--content", str(tmp_path), "--lang", "en").output
    # A copy that keeps the original's name is flagged.
    (tmp_path / "twin.yaml").write_text(FRIENDLY.replace("id: friendly", "id: twin", 1), "utf-8")
    found = json.loads(run("lint", str(tmp_path / "twin.yaml"), "--json", "--lang", "en").output)
    dup = [f for f in found if f["code"] == "name-duplicate"]
    assert {f["field"] for f in dup} == {"name.zh", "name.en"}
    assert all(f["severity"] == "warning" and "friendly" in f["message"] for f in dup)


# ----------------------------------------------------------------------------- 9: reach summary names personas


def test_reach_summary_names_personas_in_the_output_language(tmp_path: Path) -> None:
    (tmp_path / "scenario.yaml").write_text(scenario(), "utf-8")
    zh = run("lint", str(tmp_path), "--lang", "zh").output
    line = next(x for x in zh.splitlines() if "[reach-summary]" in x)
    assert "分析型" in line and "友善型" in line and "analytical" not in line
    en = run("lint", str(tmp_path), "--lang", "en").output
    line = next(x for x in en.splitlines() if "[reach-summary]" in x)
    assert "Analytical" in line and "分析型" not in line
