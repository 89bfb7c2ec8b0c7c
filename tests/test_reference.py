"""docs/reference.md is generated from the schema; the committed copy must match."""

from __future__ import annotations

from pathlib import Path

from simulator.authoring.reference import reference
from simulator.authoring.scaffold import documented_models
from simulator.content.catalog import SCHEMA_KINDS

DOC = Path(__file__).resolve().parents[1] / "docs" / "reference.md"


def test_committed_reference_is_current() -> None:
    # Regenerate with: python -m simulator.authoring.reference > docs/reference.md
    assert DOC.read_text("utf-8") == reference("en") + "\n"


def test_reference_covers_every_kind_and_field() -> None:
    text = reference("en")
    for kind in SCHEMA_KINDS:
        assert f"## `kind: {kind}`" in text
    assert "`needs[].phrases`" in text and "`thresholds.walk_out_at`" in text
    assert "`behaviours[].derived.any_of`" in text and "`sets[].responses`" in text
    assert len(documented_models()) >= 20


def test_reference_in_chinese() -> None:
    text = reference("zh")
    assert text.startswith("# 内容文件字段参考")
    assert "| 字段 | 类型 |" in text
