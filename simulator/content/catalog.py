"""What content there is (``list``), whether files are valid (``validate``), and the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.content import models as m
from simulator.content.loader import Content, build_content, builtin_files, iter_yaml, load_file
from simulator.errors import ContentError

SCHEMA_KINDS = ("persona", "scenario", "lexicon", "engine", "scoring", "exemplars")


def catalog(content: Content) -> dict[str, list[dict[str, Any]]]:
    """Plain rows describing every persona and scenario."""
    personas = [
        {
            "id": p.id, "name": p.name.model_dump(), "initial_anger": p.initial_anger,
            "patience": p.patience, "section": p.section,
            "source": content.sources.get(("persona", p.id), ""),
        }
        for p in content.personas.values()
    ]
    scenarios = [
        {
            "id": s.id, "title": s.title.model_dump(), "severity": s.severity, "stance": s.stance,
            "nature": s.nature, "needs": [n.id for n in s.needs], "section": s.section,
            "source": content.sources.get(("scenario", s.id), ""),
        }
        for s in content.scenarios.values()
    ]
    return {"personas": personas, "scenarios": scenarios}


def validate_paths(paths: list[str]) -> tuple[list[str], list[ContentError]]:
    """Validate files one by one, then cross-check them together with the built-ins.

    Returns the files checked and every error found (one per bad file, plus any
    cross-file error), so a trainer sees all problems in one run.
    """
    files = [str(p) for p in (iter_yaml(paths) if paths else builtin_files())]
    errors: list[ContentError] = []
    good: list[Path] = []
    for f in files:
        try:
            load_file(f)
            good.append(Path(f))
        except ContentError as exc:
            errors.append(exc)
    if not errors:
        try:
            # A trainer's files are checked against the built-in lexicon and rules.
            build_content((builtin_files() if paths else []) + good)
        except ContentError as exc:
            errors.append(exc)
    return files, errors


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """JSON Schema of one content kind, or of all of them keyed by kind."""
    if kind is not None:
        schema = m.MODELS[kind].model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"complaint-sim-{kind}.schema.json"
        return schema
    return {k: json_schema(k) for k in SCHEMA_KINDS}


def write_schemas(out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        p = out / f"{kind}.schema.json"
        p.write_text(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n", "utf-8")
        written.append(p)
    return written
