"""What content there is (``list``), whether files are valid (``validate``), and the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.content import models as m
from simulator.content.loader import Checked, Content, builtin_files, check_files, iter_yaml
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

    Returns the files checked and every error found, so a trainer sees all problems
    in one run. :func:`validate_report` also says which files could not be fully checked.
    """
    report = validate_report(paths)
    return list(report.files), list(report.errors)


def validate_report(paths: list[str]) -> Checked:
    """Every error of ``paths`` (the built-ins when empty): each file's own, then the cross-file ones.

    A trainer's files are checked against the built-in lexicon and rules; the built-ins
    themselves are context (an error in one, caused by a trainer's rules file, is reported).
    """
    files = [str(p) for p in (iter_yaml(paths) if paths else builtin_files())]
    mine = set(files)
    context = [str(f) for f in builtin_files() if str(f) not in mine] if paths else []
    report = check_files(context + files)
    return Checked(tuple(files), report.errors, frozenset(f for f in report.unchecked if f in mine),
                   report.content, report.parsed)


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
