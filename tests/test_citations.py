"""Every citation in the built-in content quotes domain.md: a reader can find its words there.

A citation is ``§N`` or ``§N.M`` followed by fragments joined with " · ", several citations
joined with "; ". Each fragment of the English wording must occur in section N of domain.md
(in item M of its numbered list, for ``§N.M``), emphasis marks dropped and whitespace
collapsed. So a reader who looks a reason up finds the brief's own words, and a paraphrase
that drifted from the brief fails here rather than in front of a trainer. The Chinese
wording (reports in Chinese) must cite the same sections in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator.scoring import AGREEMENT, FAST_HANDLING, OUTCOME_SECTION

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT.parent / "shared" / "domain.md"
CONTENT = [*sorted((ROOT / "rules").glob("*.yaml")), *sorted((ROOT / "personas").glob("*.yaml")),
           *sorted((ROOT / "scenarios").glob("*.yaml"))]
CITATION = re.compile(r"§(\d+)(?:\.(\d+))?(?: (.+))?$")


def _flat(text: str) -> str:
    return " ".join(text.replace("**", "").replace("*", "").split())


def _sections(markdown: str) -> dict[str, str]:
    """``"2"`` → the text of section 2, ``"2.1"`` → the text of item 1 of its numbered list."""
    out: dict[str, str] = {}
    for block in re.split(r"^## ", markdown, flags=re.M)[1:]:
        number = block.split(".", 1)[0]
        out[number] = _flat(block)
        for item in re.split(r"^(?=\d+\. )", block, flags=re.M)[1:]:
            out[f"{number}.{item.split('.', 1)[0]}"] = _flat(item)
    return out


def _citations(node: object, where: str) -> list[tuple[str, str, str | None]]:
    """(where, English or only wording, Chinese wording) of every ``section`` under ``node``."""
    if isinstance(node, dict):
        section = node.get("section")
        found = [(where, section, None)] if isinstance(section, str) else []
        if isinstance(section, dict):
            found = [(where, section["en"], section["zh"])]
        return found + [c for k, v in node.items() if k != "section" for c in _citations(v, f"{where}.{k}")]
    if isinstance(node, list):
        return [c for i, v in enumerate(node) for c in _citations(v, f"{where}[{i}]")]
    return []


def _all_citations() -> list[tuple[str, str, str | None]]:
    in_code = [(f"scoring.{name}", str(c), c.zh) for name, c in
               (("AGREEMENT", AGREEMENT), ("OUTCOME_SECTION", OUTCOME_SECTION), ("FAST_HANDLING", FAST_HANDLING))]
    return in_code + [c for path in CONTENT for c in _citations(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)]


def _numbers(citation: str) -> list[str]:
    return re.findall(r"§(\d+(?:\.\d+)?)", citation)


@pytest.fixture(scope="module")
def sections() -> dict[str, str]:
    if not DOMAIN.exists():
        pytest.skip(f"{DOMAIN} is not here (it sits beside the project in the repository layout)")
    return _sections(DOMAIN.read_text(encoding="utf-8"))


def test_the_content_has_citations_to_check():
    cited = _all_citations()
    assert len(cited) > 60 and {w.split(".")[0] for w, _, _ in cited} >= {"behaviours", "scoring", "analytical"}
    assert sum(zh is not None for _, _, zh in cited) > 60


@pytest.mark.parametrize(("where", "citation", "zh"), _all_citations(),
                         ids=lambda v: v if v and "§" not in v else "")
def test_every_citation_quotes_its_section(sections, where, citation, zh):
    if zh is not None:
        assert _numbers(zh) == _numbers(citation), f"{where}: the Chinese wording {zh!r} cites other sections"
    for part in citation.split("; "):
        m = CITATION.match(part)
        assert m, f"{where}: {part!r} is not '§N' or '§N.M' followed by words"
        number = m[1] if m[2] is None else f"{m[1]}.{m[2]}"
        assert number in sections, f"{where}: domain.md has no §{number}"
        for fragment in (m[3] or "").split(" · "):
            assert _flat(fragment) in sections[number], f"{where}: {fragment!r} is not in domain.md §{number}"


def test_a_paraphrase_fails(sections):
    """The check itself: domain.md's words pass, a drifted paraphrase or a wrong number does not."""
    assert "Express willingness to serve (表达服务意愿)" in sections["2.1"]
    assert "Express willingness to serve" not in sections["2.2"]
    assert _flat("promise an answer by an agreed\n  time") in sections["3"]
    assert "promise a reply at a time agreed" not in sections["3"]


def test_a_citation_is_its_english_string_and_keeps_its_chinese_wording(rules):
    import json
    import pickle

    section = rules.rules["apology"].section
    assert section == "§5 apologise early, briefly and sincerely · admit a mistake at once"
    assert json.dumps({"section": section}, ensure_ascii=False) == f'{{"section": "{section}"}}'
    copy = pickle.loads(pickle.dumps(section))
    assert copy == section and copy.worded("zh") == "§5 及早、简短、真诚地道歉 · 立即承认错误"
    assert copy.worded("en") == str(section)
