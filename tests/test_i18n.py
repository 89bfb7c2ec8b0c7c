"""Localisation completeness: every message in both languages, every id used exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator.authoring.findings import CODES
from simulator.authoring.scaffold import documented_fields
from simulator.i18n import LANGS, default_lang, messages, t

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "simulator"
LOCALE = SOURCE / "locale"
CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD = re.compile(r"\{(\w+)[^}]*\}")
# t("literal.id", …) and t(f"prefix.{…}", …) in the source.
LITERAL = re.compile(r"""\bt\(\s*"([a-z][\w.\-]*)"\s*[,)]""")
PREFIX = re.compile(r"""\bt\(\s*f"([a-z][\w.\-]*\.)\{""")


def _sources() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def test_every_message_has_both_languages() -> None:
    missing = [
        f"{key}.{lang}" for key, entry in messages().items() for lang in LANGS
        if not str(entry.get(lang, "")).strip()
    ]
    assert missing == []


def test_no_message_id_is_defined_twice() -> None:
    seen: dict[str, str] = {}
    for path in sorted(LOCALE.glob("*.yaml")):
        for key in yaml.safe_load(path.read_text("utf-8")) or {}:
            assert key not in seen, f"{key} in {path.name} and {seen[key]}"
            seen[key] = path.name


def test_both_languages_take_the_same_fields() -> None:
    bad = [key for key, entry in messages().items()
           if set(FIELD.findall(entry["zh"])) != set(FIELD.findall(entry["en"]))]
    assert bad == []


def test_chinese_side_is_chinese() -> None:
    # No mixed-language screens: a zh message with words in it has Chinese in it.
    bad = [key for key, entry in messages().items()
           if re.search(r"[A-Za-z]{3}", FIELD.sub("", entry["zh"])) and not CJK.search(entry["zh"])]
    assert bad == []


def test_every_literal_id_used_in_the_source_exists() -> None:
    known = messages()
    missing = []
    for path in _sources():
        text = path.read_text("utf-8")
        missing += [f"{path.relative_to(ROOT)}: {mid}" for mid in LITERAL.findall(text) if mid not in known]
    assert missing == []


def test_every_id_prefix_used_in_the_source_has_messages() -> None:
    known = messages()
    missing = []
    for path in _sources():
        for prefix in PREFIX.findall(path.read_text("utf-8")):
            if not any(k.startswith(prefix) for k in known):
                missing.append(f"{path.relative_to(ROOT)}: {prefix}*")
    assert missing == []


def test_the_scan_finds_the_calls() -> None:
    # Guard the regexes themselves: they see the calls in this package.
    text = (SOURCE / "commands" / "authoring.py").read_text("utf-8")
    assert "new.written" in LITERAL.findall(text)
    assert "lint.severity." in PREFIX.findall(text)


def test_lint_codes_have_message_and_hint() -> None:
    known = messages()
    missing = [k for code in CODES for k in (f"lint.{code}", f"lint.{code}.hint") if k not in known]
    assert missing == []


def test_dynamic_ids_of_the_authoring_tools_exist() -> None:
    known = messages()
    ids = [f"calibrate.grade.{g}" for g in ("good", "mediocre", "bad")]
    ids += [f"calibrate.lang.{lang}" for lang in LANGS]
    ids += [f"lint.severity.{s}" for s in ("error", "warning", "info")]
    ids += [f"lint.reach.{o}" for o in ("escalated", "walked_out")]
    ids += [f"new.kind.{k}" for k in ("scenario", "persona")]
    ids += [f"outcome.{o}" for o in ("resolved", "escalated", "walked_out", "unresolved", "none")]
    ids += [f"authoring.field.{cls.__name__}.{name}" for cls, name in documented_fields()]
    assert [i for i in ids if i not in known] == []


def test_unknown_id_fails_loudly() -> None:
    with pytest.raises(KeyError):
        t("no.such.message", "en")


@pytest.mark.parametrize(("value", "lang"), [("zh_CN.UTF-8", "zh"), ("en_GB.UTF-8", "en"), ("C", "en")])
def test_default_language_follows_the_locale(monkeypatch, value: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    for var in ("COMPLAINT_SIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", value)
    assert default_lang() == lang
