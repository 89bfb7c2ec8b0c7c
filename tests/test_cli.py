"""The core commands through click's CliRunner, and the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_help_lists_the_core_commands(runner):
    out = run(runner, "--help").output
    for name in ("list", "validate", "schema", "demo", "explain"):
        assert name in out


def test_list_json_has_every_persona_and_scenario(runner):
    data = json.loads(run(runner, "list", "--json").output)
    assert {p["id"] for p in data["personas"]} == {"friendly", "domineering", "analytical", "self-centered"}
    assert "general-complaint" in {s["id"] for s in data["scenarios"]}


def test_list_text_in_both_languages(runner):
    zh = run(runner, "list", "--lang", "zh").output
    en = run(runner, "list", "--lang", "en").output
    assert "独断型" in zh and "客户类型" in zh
    assert "Domineering" in en and "Personas" in en and "客户类型" not in en


def test_validate_builtins_passes(runner):
    res = run(runner, "validate", "--lang", "en")
    assert res.exit_code == 0
    assert "are valid" in res.output


def test_validate_bad_file_names_file_line_and_field(runner):
    bad = FIXTURES / "bad" / "unknown-field.yaml"
    res = runner.invoke(cli, ["validate", str(bad), "--lang", "en"])
    assert res.exit_code == 2
    assert f"{bad}:12:1: mood: unknown field" in res.stderr
    assert "Traceback" not in res.output + res.stderr


def test_schema_is_json_with_every_kind(runner, tmp_path):
    data = json.loads(run(runner, "schema").output)
    assert {"persona", "scenario", "lexicon", "engine", "scoring", "exemplars"} <= set(data)
    persona = json.loads(run(runner, "schema", "--kind", "persona").output)
    assert persona["properties"]["kind"]["const"] == "persona"
    run(runner, "schema", "--out", str(tmp_path))
    assert (tmp_path / "scenario.schema.json").exists()


def test_explain_json_fields(runner):
    res = run(runner, "explain", "我不能给您退款，但是我理解您的心情", "--persona", "self-centered", "--json")
    data = json.loads(res.output)
    assert {"anger_before", "anger_after", "hits", "signals", "changes"} <= set(data)
    hit = data["hits"][0]
    assert {"behaviour", "start", "end", "negated"} <= set(hit)
    assert hit["negated"] is True and hit["counts_as"] == "refusal"
    assert data["anger_after"] > data["anger_before"]
    assert all(c["reason"] for c in data["changes"])


def test_explain_text_shows_reasons(runner):
    out = run(runner, "explain", "我理解您的心情", "-p", "friendly", "--lang", "zh").output
    assert "体谅情感" in out and "「我理解您的心情」" in out and "愤怒" in out


def test_explain_stdin_gives_one_json_object_per_line(runner):
    res = run(runner, "explain", "-", "-p", "analytical", input="对不起\nI will call you back by 3pm today.\n\n")
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert len(lines) == 3
    assert lines[0]["text"] == "对不起" and lines[2]["text"] == ""
    assert any(h["counts_as"] == "time_commitment" for h in lines[1]["hits"])


def test_explain_without_persona_reads_once_and_shows_every_customer(runner, rules):
    # The first thing a new user types (the top-level help points at `explain`) needs no
    # persona: the reading once (it does not depend on the customer), then each type's anger.
    text = "非常抱歉，我现在就帮您查一下订单，今天下午三点前给您回电。"
    out = run(runner, "explain", text, "--lang", "en").output
    assert out.count("Behaviours found") == 1
    names = [p.name.en for p in rules.content.personas.values()]
    assert all(n in out for n in names)
    assert out.index("How each customer type takes it") < min(out.index(n) for n in names)
    assert out.count("Customer: ") == len(names)  # each customer answers


def test_explain_json_without_persona_matches_each_single_persona(runner, rules):
    text = "这不归我管，你自己去营业厅问吧。"
    many = json.loads(run(runner, "explain", text, "--json", "--lang", "en").output)
    assert many["text"] == text and many["scenario"] == "general-complaint"
    assert [d["persona"] for d in many["personas"]] == list(rules.content.personas)
    for d in many["personas"]:
        one = json.loads(run(runner, "explain", text, "-p", d["persona"], "--json", "--lang", "en").output)
        assert one == d
    assert all(d["anger_after"] > d["anger_before"] for d in many["personas"])


def test_explain_several_personas_and_stdin(runner):
    res = run(runner, "explain", "-", "-p", "friendly", "-p", "analytical", input="对不起\nsorry\n")
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert [[d["persona"] for d in x["personas"]] for x in lines] == [["friendly", "analytical"]] * 2
    assert [x["text"] for x in lines] == ["对不起", "sorry"]


def test_unknown_persona_is_one_line_and_exit_2(runner):
    res = runner.invoke(cli, ["explain", "hi", "-p", "grumpy", "--lang", "en"])
    assert res.exit_code == 2
    assert res.stderr.strip().startswith("error: unknown persona 'grumpy'; choose from:")
    assert "Traceback" not in res.stderr


def test_content_dir_adds_a_persona(runner):
    res = run(runner, "list", "--json", "--content", str(FIXTURES / "good"))
    assert "calm-customer" in {p["id"] for p in json.loads(res.output)["personas"]}


def test_content_dir_with_a_bad_file_fails_cleanly(runner, tmp_path):
    shutil.copy(FIXTURES / "bad" / "duplicate-key.yaml", tmp_path)
    res = runner.invoke(cli, ["list", "--content", str(tmp_path), "--lang", "en"])
    assert res.exit_code == 2
    assert "duplicate-key.yaml:11:1: patience: duplicate key" in res.stderr


def test_demo_plays_every_persona_and_orders_good_over_bad(runner):
    good = json.loads(run(runner, "demo", "--json", "--lang", "zh").output)
    bad = json.loads(run(runner, "demo", "--json", "--set", "bad-zh").output)
    assert [r["persona"] for r in good] == sorted(r["persona"] for r in good)
    for g, b in zip(good, bad, strict=True):
        assert g["anger"][0] == b["anger"][0]
        assert g["score"] > b["score"]
        assert g["anger"][-1] < b["anger"][-1]


def test_demo_text_output(runner):
    out = run(runner, "demo", "--lang", "en", "-p", "analytical").output
    assert "Analytical" in out and "outcome" in out and "→" in out


def test_demo_same_seed_same_bytes(runner):
    a = run(runner, "demo", "--json", "--seed", "7").output
    b = run(runner, "demo", "--json", "--seed", "7").output
    assert a == b


def test_installed_console_script_runs():
    exe = shutil.which("complaint-sim", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert exe, "the complaint-sim console script is not installed"
    res = subprocess.run([exe, "list", "--json"], capture_output=True, text=True, timeout=60, cwd="/")
    assert res.returncode == 0, res.stderr
    assert len(json.loads(res.stdout)["scenarios"]) >= 8
    mod = subprocess.run([sys.executable, "-m", "simulator", "--version"], capture_output=True, text=True, timeout=60)
    assert mod.returncode == 0 and "complaint-sim" in mod.stdout


def test_validate_accepts_content_dirs(runner):
    res = run(runner, "validate", "--content", str(FIXTURES / "good"), "--lang", "en")
    assert res.exit_code == 0
    assert "calm-customer.yaml" in res.output and "All 1 files are valid." in res.output


def test_every_command_and_option_has_chinese_help():
    import click
    import yaml

    import simulator.cli as cli_module

    table = yaml.safe_load((Path(cli_module.__file__).parent / "locale" / "help" / "zh.yaml").read_text("utf-8"))
    missing = []
    for name, command in cli.commands.items():
        if name not in table:
            missing.append(name)
        for p in command.params:
            if isinstance(p, click.Option) and p.help and f"{name}.{p.name}" not in table and f"option.{p.name}" not in table:
                missing.append(f"{name}.{p.name}")
    assert missing == []


def test_help_is_chinese_under_a_chinese_locale():
    env = dict(os.environ, COMPLAINT_SIM_LANG="zh")
    res = subprocess.run([sys.executable, "-m", "simulator", "explain", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0
    assert "显示 TEXT 作为第一句回复会被如何判定" in res.stdout and "人格 id" in res.stdout
