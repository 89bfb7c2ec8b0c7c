"""click's own words (usage line, headings, usage errors) follow the CLI's language."""

from __future__ import annotations

import ast
import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from simulator.cli import cli
from simulator.click_i18n import catalog, translators

CATALOG = Path(__file__).resolve().parents[1] / "simulator" / "locale" / "click" / "zh.yaml"
CLICK_SOURCE = Path(click.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def invoke(lang: str, *args: str) -> click.testing.Result:
    runner = CliRunner(env={"COMPLAINT_SIM_LANG": lang})
    return runner.invoke(cli, list(args), prog_name="complaint-sim")


def test_help_page_headings_are_chinese() -> None:
    out = invoke("zh", "--help").output
    for word in ("用法: complaint-sim [OPTIONS] COMMAND [ARGS]...", "选项:", "命令:",
                 "显示此帮助信息并退出。", "显示版本并退出。"):
        assert word in out
    for word in ("Usage:", "Options:", "Commands:", "Show this message and exit.", "Show the version and exit."):
        assert word not in out


def test_command_help_page_is_chinese() -> None:
    out = invoke("zh", "drive", "--help").output  # drive has required options
    assert out.startswith("用法: complaint-sim drive [OPTIONS]")
    assert "[必填]" in out and "显示此帮助信息并退出。" in out and "[required]" not in out


@pytest.mark.parametrize(("args", "words"), [
    (["--x"], ["错误：没有选项 '--x'。"]),
    (["explain"], ["错误：缺少参数 'TEXT'"]),
    (["nope"], ["错误：没有命令 'nope'。"]),
    (["lis"], ["您是不是想用 'list'？"]),
    (["demo", "--seed", "abc"], ["'--seed' 的值无效：'abc' 不是有效的数值。"]),
    (["list", "--lang", "xx"], ["'--lang' 的值无效：'xx' 不在 'zh', 'en' 之中。"]),
])
def test_usage_errors_are_chinese(args: list[str], words: list[str]) -> None:
    res = invoke("zh", *args)
    assert res.exit_code == 2
    assert res.stderr.startswith("用法: complaint-sim")
    assert "查看帮助。" in res.stderr and "--help" in res.stderr
    for word in words:
        assert word in res.stderr
    assert "Error:" not in res.stderr and "Try '" not in res.stderr


# Exactly click's English, as it printed before the CLI learned Chinese.
ENGLISH_ERRORS = {
    ("--x",): "Usage: complaint-sim [OPTIONS] COMMAND [ARGS]...\n"
              "Try 'complaint-sim --help' for help.\n\nError: No such option '--x'.\n",
    ("explain",): "Usage: complaint-sim explain [OPTIONS] TEXT\n"
                  "Try 'complaint-sim explain --help' for help.\n\nError: Missing argument 'TEXT'.\n",
    ("lis",): "Usage: complaint-sim [OPTIONS] COMMAND [ARGS]...\n"
              "Try 'complaint-sim --help' for help.\n\nError: No such command 'lis'. Did you mean 'list'?\n",
}


def test_english_is_unchanged_before_and_after_a_chinese_run() -> None:
    before = {args: invoke("en", *args).stderr for args in ENGLISH_ERRORS}
    help_before = [invoke("en", *a).output for a in (["--help"], ["drive", "--help"])]
    for args in [*ENGLISH_ERRORS, ("--help",), ("drive", "--help")]:
        invoke("zh", *args)
    after = {args: invoke("en", *args).stderr for args in ENGLISH_ERRORS}
    help_after = [invoke("en", *a).output for a in (["--help"], ["drive", "--help"])]
    assert before == after == ENGLISH_ERRORS
    assert help_before == help_after
    assert "Usage: complaint-sim [OPTIONS] COMMAND [ARGS]...\n" in help_after[0]
    assert "Options:\n  --version   Show the version and exit.\n  -h, --help  Show this message and exit.\n" in help_after[0]
    assert "\nCommands:\n" in help_after[0]
    assert "[required]" in help_after[1]


def test_click_is_itself_again_after_a_chinese_run() -> None:
    invoke("zh", "--x")
    for name in ("core", "exceptions", "formatting", "parser", "types", "decorators"):
        module = sys.modules[f"click.{name}"]
        assert getattr(module, "_", gettext.gettext) is gettext.gettext
        assert getattr(module, "ngettext", gettext.ngettext) is gettext.ngettext


def test_the_whole_process_speaks_chinese() -> None:
    # In a real process both the commands' help (locale/help) and click's words are Chinese.
    env = dict(os.environ, COMPLAINT_SIM_LANG="zh")
    res = subprocess.run([sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0
    assert res.stdout.startswith("用法: complaint-sim") and "面对脚本化的客户人格练习处理投诉" in res.stdout
    assert "Usage:" not in res.stdout and "Show this message" not in res.stdout


# ----------------------------------------------------------------------------- the catalog


def _click_messages() -> tuple[dict[str, str | None], set[str]]:
    """click's message ids (singular → plural id, None for ``_``) and every string literal in its source."""
    ids: dict[str, str | None] = {}
    literals: set[str] = set()
    for path in CLICK_SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if node.func.id == "_" and args and args[0]:
                ids[args[0]] = None
            elif node.func.id == "ngettext" and len(args) >= 2 and args[0] and args[1]:
                ids[args[0]] = args[1]
    return ids, literals


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _raw_catalog() -> dict[str, object]:
    return yaml.safe_load(CATALOG.read_text("utf-8"))


def test_every_catalog_id_is_still_a_click_message() -> None:
    # An upgrade of click that rewords a message shows up here, not as stray English.
    # ("required" is passed to _() through a variable, so it is only a literal.)
    ids, literals = _click_messages()
    assert [key for key in _raw_catalog() if key not in ids and key not in literals] == []
    assert [key for key, value in _raw_catalog().items() if isinstance(value, dict) and not ids.get(key)] == []


def test_translations_use_only_the_ids_placeholders_and_are_chinese() -> None:
    ids, _ = _click_messages()
    bad = []
    for key, value in _raw_catalog().items():
        plural = ids.get(key)
        allowed = _fields(key) | (_fields(plural) if plural else set())
        forms = [value["one"], value["other"]] if isinstance(value, dict) else [value]
        for form in forms:
            if not _fields(form) <= allowed or not CJK.search(form):
                bad.append((key, form))
    assert bad == []


def test_the_words_users_meet_are_translated() -> None:
    table = catalog("zh")
    for key in ("Usage:", "Options", "Commands", "Show this message and exit.", "Show the version and exit.",
                "Error: {message}", "Try '{command} {option}' for help.", "No such option {name!r}.",
                "No such command {name!r}.", "Missing argument", "Invalid value for {param_hint}: {message}",
                "Did you mean {possibility}?", "required"):
        assert key in table, key


def test_plural_forms_follow_n() -> None:
    _, ngettext = translators(catalog("zh"))
    assert ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1).startswith("您")
    assert ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2).startswith("（")
    assert ngettext("not in the catalog", "not in the catalogs", 2) == "not in the catalogs"
    assert catalog("en") == {}
