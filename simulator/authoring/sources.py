"""Content for linting: the validated models together with the parsed files they came from.

The loader gives frozen models; lint also needs every value's line and column,
so it keeps the parsed document of each persona, scenario and rules file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from simulator.content import models as m
from simulator.content.loader import Content, builtin_files, check_files, iter_yaml
from simulator.content.yamlload import Located
from simulator.errors import ContentError


@dataclass(frozen=True)
class Sources:
    """Where each content object came from (the file that won, when ids repeat)."""

    lexicon: Located
    engine: Located
    scoring: Located
    personas: dict[str, Located]
    scenarios: dict[str, Located]
    exemplars: tuple[tuple[Located, m.Exemplars], ...]

    def persona_file(self, pid: str) -> str:
        return self.personas[pid].path

    def scenario_file(self, sid: str) -> str:
        return self.scenarios[sid].path


@dataclass(frozen=True)
class Loaded:
    content: Content
    sources: Sources
    files: tuple[str, ...]


def content_files(paths: Iterable[str | Path], with_builtins: bool = True) -> list[Path]:
    """The files to load: the built-ins (unless told not to), then ``paths`` on top.

    A file named twice (a folder given as context and a file in it given to report
    on) is loaded once, at its last place.
    """
    extra = list(iter_yaml(paths))
    files = (builtin_files() if with_builtins or not extra else []) + extra
    last = {f.resolve(): i for i, f in enumerate(files)}
    return [f for i, f in enumerate(files) if last[f.resolve()] == i]


def load_sources(files: list[Path]) -> tuple[Loaded | None, list[ContentError]]:
    """Load and cross-check ``files``; on any error return every error instead (all files, in one pass)."""
    checked = check_files(files)
    if checked.errors or checked.content is None:
        return None, list(checked.errors)
    content = checked.content
    single: dict[str, Located] = {}
    personas: dict[str, Located] = {}
    scenarios: dict[str, Located] = {}
    exemplars: list[tuple[Located, m.Exemplars]] = []
    # Same precedence as the loader: a later file with the same id wins.
    for doc, model in checked.parsed:
        if isinstance(model, m.Persona):
            personas[model.id] = doc
        elif isinstance(model, m.Scenario):
            scenarios[model.id] = doc
        elif isinstance(model, m.Exemplars):
            exemplars.append((doc, model))
        elif isinstance(model, (m.Lexicon, m.Engine, m.Scoring)):
            single[model.kind] = doc
    sources = Sources(
        lexicon=single["lexicon"], engine=single["engine"], scoring=single["scoring"],
        personas=personas, scenarios=scenarios, exemplars=tuple(exemplars),
    )
    return Loaded(content, sources, tuple(str(f) for f in files)), []
