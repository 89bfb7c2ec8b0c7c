"""Find, load and cross-check content: built-ins first, then trainers' folders.

Validation happens here, once, at the edge; everything downstream receives
frozen models it can trust.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.content import models as m
from simulator.content.yamlload import Located, load_yaml_file
from simulator.errors import ContentError, UnknownNameError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# A wheel carries the content inside the package (see pyproject's force-include); a
# source checkout or editable install keeps it at the repository root.
_BUNDLED = PACKAGE_DIR / "_content"
BUILTIN_ROOT = _BUNDLED if (_BUNDLED / "rules").is_dir() else PACKAGE_DIR.parent
CONTENT_DIRS = ("rules", "personas", "scenarios", "exemplars")


def builtin_path(*parts: str) -> Path:
    """Path of a built-in content file or folder (``reports``, ``rules`` …)."""
    return BUILTIN_ROOT.joinpath(*parts)


@dataclass(frozen=True)
class Content:
    """Everything the engine needs, validated and cross-checked."""

    lexicon: m.Lexicon
    engine: m.Engine
    scoring: m.Scoring
    personas: dict[str, m.Persona]
    scenarios: dict[str, m.Scenario]
    exemplars: dict[str, tuple[m.ExemplarSet, ...]] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def persona(self, pid: str) -> m.Persona:
        try:
            return self.personas[pid]
        except KeyError:
            raise UnknownNameError(
                f"unknown persona {pid!r}; choose from: {', '.join(sorted(self.personas))}"
            ) from None

    def scenario(self, sid: str) -> m.Scenario:
        try:
            return self.scenarios[sid]
        except KeyError:
            raise UnknownNameError(
                f"unknown scenario {sid!r}; choose from: {', '.join(sorted(self.scenarios))}"
            ) from None


def _pydantic_message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "missing required field"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}, got {err.get('input')!r}"
    msg = str(err["msg"])
    pattern = str(err.get("ctx", {}).get("pattern", ""))
    if kind == "string_pattern_mismatch" and pattern.startswith("^[a-z]"):
        msg = "must be a lower-case id (letters, digits, '-', '_', starting with a letter)"
    elif kind == "string_pattern_mismatch" and pattern.startswith("^§"):
        msg = f"must cite a domain.md section, starting with '§' and a number (e.g. '§2.2'), got {err.get('input')!r}"
    elif "input" in err and not isinstance(err["input"], (dict, list)):
        msg += f", got {err['input']!r}"
    return msg[0].lower() + msg[1:]


def validate_located(doc: Located, model: type[m.Strict]) -> Any:
    """Validate parsed YAML into ``model``; the first error becomes a ContentError."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors()
        # Report the error nearest the top of the file, so fixing goes top to bottom.
        # A missing field has no place of its own (it points at its parent), so it
        # ranks after errors that do.
        def order(e: Any) -> tuple[int, int, int]:
            line, col = doc.where(_clean_loc(e["loc"]))
            return (e["type"] == "missing", line or 0, col or 0)

        first = min(errors, key=order)
        loc = _clean_loc(first["loc"])
        raise doc.error(loc, _pydantic_message(dict(first))) from None


def _clean_loc(loc: Iterable[Any]) -> tuple[str | int, ...]:
    return tuple(p for p in loc if p != "[key]")


def load_file(path: str | Path) -> tuple[Located, Any]:
    """Load one content file of any kind; returns the parsed document and its model."""
    doc = load_yaml_file(path)
    if not isinstance(doc.data, dict):
        got = "null" if doc.data is None else type(doc.data).__name__
        raise ContentError(
            f"top level must be a mapping, got {got}",
            path=doc.path, line=1, column=1,
        )
    kind = doc.data.get("kind")
    if not isinstance(kind, str) or kind not in m.MODELS:
        raise doc.error(
            ("kind",), f"must be one of {', '.join(m.MODELS)}, got {kind!r}"
        ) if "kind" in doc.data else doc.error((), "missing required field 'kind'")
    return doc, validate_located(doc, m.MODELS[kind])


def iter_yaml(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into their ``*.yaml``/``*.yml`` files, sorted, recursively."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(_walk_yaml(p))
        elif p.exists():
            yield p
        else:
            raise ContentError("no such file or folder", path=str(p))


def _walk_yaml(top: Path) -> Iterator[Path]:
    """The YAML files under ``top`` (any case of extension); an unreadable folder is an error.

    Symbolic links to folders are followed, each real folder once. A link to a file
    that is gone is yielded, so reading it names it rather than skipping it.
    """

    def unreadable(exc: OSError) -> None:
        raise ContentError(f"cannot read folder ({exc.strerror or exc})", path=str(exc.filename or top))

    seen: set[str] = set()
    for folder, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(folder, d)) not in seen]
        for name in files:
            if name.lower().endswith((".yaml", ".yml")):
                yield Path(folder) / name


def builtin_files() -> list[Path]:
    return list(iter_yaml(BUILTIN_ROOT / d for d in CONTENT_DIRS))


def load_content(extra: Iterable[str | Path] = ()) -> Content:
    """Load the built-in content, then each ``--content`` folder or file on top.

    A trainer's persona or scenario with a built-in id replaces the built-in one.
    """
    return build_content(builtin_files() + list(iter_yaml(extra)))


def build_content(files: Iterable[Path]) -> Content:
    single: dict[str, tuple[Located, Any]] = {}
    personas: dict[str, tuple[Located, m.Persona]] = {}
    scenarios: dict[str, tuple[Located, m.Scenario]] = {}
    exemplars: dict[str, dict[str, m.ExemplarSet]] = {}
    exemplar_docs: list[tuple[Located, m.Exemplars]] = []
    set_docs: dict[tuple[str, str], Located] = {}
    for f in files:
        doc, model = load_file(f)
        if isinstance(model, m.Persona):
            _check_replace(doc, ("id",), "persona", model.id, personas.get(model.id, (None,))[0])
            personas[model.id] = (doc, model)
        elif isinstance(model, m.Scenario):
            _check_replace(doc, ("id",), "scenario", model.id, scenarios.get(model.id, (None,))[0])
            scenarios[model.id] = (doc, model)
        elif isinstance(model, m.Exemplars):
            exemplar_docs.append((doc, model))
            # A trainer's set with a shipped set's id replaces it; new ids add to them.
            mine: set[str] = set()
            for i, s in enumerate(model.sets):
                if s.id in mine:
                    raise doc.error(("sets", i, "id"), f"duplicate exemplar set id {s.id!r}")
                mine.add(s.id)
                _check_replace(doc, ("sets", i, "id"), "exemplar set", s.id, set_docs.get((model.scenario, s.id)))
                set_docs[(model.scenario, s.id)] = doc
            exemplars.setdefault(model.scenario, {}).update({s.id: s for s in model.sets})
        else:
            single[model.kind] = (doc, model)
    for kind in ("lexicon", "engine", "scoring"):
        if kind not in single:
            raise ContentError(f"no {kind} file found among the content files")
    lex_doc, lexicon = single["lexicon"]
    check_lexicon(lex_doc, lexicon)
    ids = {b.id: b.polarity for b in lexicon.behaviours} | {s.id: s.polarity for s in lexicon.signals}
    check_engine(*single["engine"], ids)
    check_scoring(*single["scoring"], ids)
    for doc, persona in personas.values():
        check_persona(doc, persona, ids)
    for doc, scenario in scenarios.values():
        check_scenario(doc, scenario, ids)
    if not personas or not scenarios:
        raise ContentError("content needs at least one persona and one scenario")
    for doc, ex in exemplar_docs:
        if ex.scenario not in scenarios:
            raise doc.error(("scenario",), f"unknown scenario {ex.scenario!r}")
    sources = {("persona", k): v[0].path for k, v in personas.items()}
    sources.update({("scenario", k): v[0].path for k, v in scenarios.items()})
    sources.update({(k, k): v[0].path for k, v in single.items()})
    return Content(
        lexicon=lexicon,
        engine=single["engine"][1],
        scoring=single["scoring"][1],
        personas={k: v[1] for k, v in sorted(personas.items())},
        scenarios={k: v[1] for k, v in sorted(scenarios.items())},
        exemplars={k: tuple(v.values()) for k, v in sorted(exemplars.items())},
        sources=sources,
    )


def _check_replace(doc: Located, loc: tuple[str | int, ...], what: str, ident: str, earlier: Located | None) -> None:
    """A file may replace a built-in's id; two of the trainer's own files may not share one.

    Otherwise one of the two would be dropped without a word. The same file named
    twice (a folder and a file in it) is one file.
    """
    if earlier is None or earlier.path == doc.path:
        return
    first = Path(earlier.path).resolve()
    if first == Path(doc.path).resolve() or first in _builtin_set():
        return
    line, _ = earlier.where(loc)
    raise doc.error(loc, f"duplicate {what} id {ident!r}: {earlier.path}" + (f":{line}" if line else "") + " has it too")


def _builtin_set() -> frozenset[Path]:
    return frozenset(f.resolve() for f in builtin_files())


def _unknown(doc: Located, loc: tuple[str | int, ...], name: str, what: str = "behaviour or signal") -> ContentError:
    return doc.error(loc, f"unknown {what} {name!r}")


def check_lexicon(doc: Located, lex: m.Lexicon) -> None:
    ids: dict[str, tuple[str | int, ...]] = {}
    for i, b in enumerate(lex.behaviours):
        if b.id in ids:
            raise doc.error(("behaviours", i, "id"), f"duplicate behaviour id {b.id!r}")
        ids[b.id] = ("behaviours", i)
    for i, s in enumerate(lex.signals):
        if s.id in ids:
            raise doc.error(("signals", i, "id"), f"duplicate id {s.id!r}")
        ids[s.id] = ("signals", i)
    for i, s in enumerate(lex.signals):
        _check_sign(doc, ("signals", i, "effect"), s.polarity, s.effect)
    for i, b in enumerate(lex.behaviours):
        base = ("behaviours", i)
        _check_sign(doc, base + ("effect",), b.polarity, b.effect)
        if (b.phrases is None) == (b.derived is None):
            raise doc.error(base, "give exactly one of 'phrases' or 'derived'")
        if b.negated_as is not None and b.negated_as not in ids:
            raise _unknown(doc, base + ("negated_as",), b.negated_as)
        for j, ref in enumerate(b.suppressed_by):
            if ref not in ids:
                raise _unknown(doc, base + ("suppressed_by", j), ref)
        if b.derived is not None:
            d = b.derived
            if not (d.all_of or d.any_of):
                raise doc.error(base + ("derived",), "needs 'all_of' or 'any_of'")
            for key in ("all_of", "any_of", "none_of"):
                for j, ref in enumerate(getattr(d, key)):
                    if ref not in ids:
                        raise _unknown(doc, base + ("derived", key, j), ref)
                    if ref == b.id:
                        raise doc.error(base + ("derived", key, j), "a behaviour cannot be derived from itself")


def check_engine(doc: Located, eng: m.Engine, ids: dict[str, str]) -> None:
    below = [b.below for b in eng.bands]
    if [b.id for b in eng.bands] != ["calm", "annoyed", "angry", "furious"] or below != sorted(below):
        raise doc.error(("bands",), "bands must be calm, annoyed, angry, furious with rising 'below'")
    for table in ("stances", "natures"):
        for key, mults in getattr(eng, table).items():
            for ref in mults:
                if ref not in ids:
                    raise _unknown(doc, (table, key, ref), ref)
                if mults[ref] <= 0:
                    raise doc.error((table, key, ref), "a multiplier must be above 0")


def check_scoring(doc: Located, sc: m.Scoring, ids: dict[str, str]) -> None:
    dims = [d.id for d in sc.dimensions]
    if len(set(dims)) != len(dims):
        raise doc.error(("dimensions",), "each dimension may appear only once")
    for key in ("emotion_steps", "problem_steps"):
        for j, ref in enumerate(getattr(sc, key)):
            if ref not in ids:
                raise _unknown(doc, (key, j), ref, "behaviour")


def _check_sign(doc: Located, loc: tuple[str | int, ...], polarity: str, effect: float) -> None:
    # The invariants trainees rely on: a bad behaviour never calms, a good one never angers.
    if polarity == "negative" and effect < 0:
        raise doc.error(loc, f"a negative behaviour cannot calm the customer (got {effect})")
    if polarity == "positive" and effect > 0:
        raise doc.error(loc, f"a positive behaviour cannot anger the customer (got {effect})")


def check_persona(doc: Located, p: m.Persona, ids: dict[str, str]) -> None:
    for ref, effect in p.weights.items():
        if ref not in ids:
            raise _unknown(doc, ("weights", ref), ref)
        _check_sign(doc, ("weights", ref), ids[ref], effect)
    for key in ("valued", "hated"):
        for j, ref in enumerate(getattr(p, key)):
            if ref not in ids:
                raise _unknown(doc, (key, j), ref)
    t = p.thresholds
    if t.resolve_at >= min(t.escalate_at, t.walk_out_at):
        raise doc.error(("thresholds", "resolve_at"), "must be below escalate_at and walk_out_at")
    if p.initial_anger >= min(t.escalate_at, t.walk_out_at):
        raise doc.error(("initial_anger",), "must be below escalate_at and walk_out_at, or the session ends before it starts")


def check_scenario(doc: Located, s: m.Scenario, ids: dict[str, str]) -> None:
    seen: set[str] = set()
    for i, need in enumerate(s.needs):
        if need.id in seen:
            raise doc.error(("needs", i, "id"), f"duplicate need id {need.id!r}")
        seen.add(need.id)
        for j, ref in enumerate(need.behaviours):
            if ref not in ids:
                raise _unknown(doc, ("needs", i, "behaviours", j), ref, "behaviour")
        if not (need.behaviours or need.phrases.zh or need.phrases.en):
            raise doc.error(("needs", i), "a need must list 'behaviours' or 'phrases' that address it")
