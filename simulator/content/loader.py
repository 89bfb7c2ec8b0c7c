"""Find, load and cross-check content: built-ins first, then trainers' folders.

Validation happens here, once, at the edge; everything downstream receives
frozen models it can trust.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.content import models as m
from simulator.content.problems import Problem, pydantic_texts, sort_key, suggestion, texts
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
            raise unknown_name("persona", pid, self.personas) from None

    def scenario(self, sid: str) -> m.Scenario:
        try:
            return self.scenarios[sid]
        except KeyError:
            raise unknown_name("scenario", sid, self.scenarios) from None


def unknown_name(what: str, name: str, known: Iterable[str]) -> UnknownNameError:
    """``unknown persona 'x' (did you mean y?); choose from: …`` in both languages (``.texts``)."""
    worded = texts("content.unknown_choose", what=texts(f"content.what.{what}"), name=repr(name),
                   suggest=suggestion(name, known), choices=", ".join(sorted(known)))
    err = UnknownNameError(worded["en"])
    err.texts = worded  # type: ignore[attr-defined]
    return err


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


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The field names a model allows at ``loc`` (the parent of an unknown field), for suggestions."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, m.BaseModel):
            info = tp.model_fields.get(str(part))
            if info is None:
                return []
            tp = info.annotation
        else:
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if not args:
                return []
            tp = args[-1]  # list[X] → X, dict[K, V] → V
    tp = _unwrap(tp)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, m.BaseModel) else []


def _unwrap(tp: Any) -> Any:
    """``X | None`` and ``Annotated[X, …]`` → ``X``."""
    while True:
        args = typing.get_args(tp)
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = args[0]
        elif args and type(None) in args and len(args) == 2:
            tp = next(a for a in args if a is not type(None))
        else:
            return tp


def validation_problems(doc: Located, model: type[m.Strict]) -> tuple[Any, list[Problem]]:
    """Validate parsed YAML into ``model``: the model, or None and every error, in both languages."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors()
    out: list[Problem] = []
    for e in sorted(errors, key=_order(doc)):
        loc = _clean_loc(e["loc"])
        english = _pydantic_message(dict(e))
        allowed = _fields_at(model, loc[:-1]) if e["type"] == "extra_forbidden" else []
        # An unknown field is the key's fault: point at the key, not at its value.
        out.append(doc.problem_texts(loc, pydantic_texts(dict(e), english, allowed), key=e["type"] == "extra_forbidden"))
    return None, out


def _order(doc: Located) -> Callable[[Any], tuple[int, int, int]]:
    # Top of the file first, so fixing goes top to bottom. A missing field has no place
    # of its own (it points at its parent), so it ranks after errors that do.
    def order(e: Any) -> tuple[int, int, int]:
        line, col = doc.where(_clean_loc(e["loc"]))
        return (e["type"] == "missing", line or 0, col or 0)

    return order


def validate_located(doc: Located, model: type[m.Strict]) -> Any:
    """Validate parsed YAML into ``model``; the first error becomes a ContentError."""
    value, problems = validation_problems(doc, model)
    if problems:
        raise problems[0]
    return value


def _clean_loc(loc: Iterable[Any]) -> tuple[str | int, ...]:
    return tuple(p for p in loc if p != "[key]" and p not in m.CITATION_TAGS)


def _kind_problem(doc: Located) -> Problem | None:
    if not isinstance(doc.data, dict):
        got = "null" if doc.data is None else type(doc.data).__name__
        return Problem(texts("content.not_mapping", got=got), path=doc.path, line=1, column=1)
    kind = doc.data.get("kind")
    if not isinstance(kind, str) or kind not in m.MODELS:
        if "kind" not in doc.data:
            return doc.problem((), "content.missing_kind")
        worded = texts("content.bad_kind", kinds=", ".join(m.MODELS), got=repr(kind))
        tail = suggestion(kind, m.MODELS) if isinstance(kind, str) else {}
        return doc.problem_texts(("kind",), {lg: worded[lg] + tail.get(lg, "") for lg in worded})
    return None


def parse_file(path: str | Path) -> tuple[Located | None, Any, list[ContentError]]:
    """Load one content file of any kind: its document, its model, and every error in it.

    The document is None when the YAML cannot be read; the model is None when there are errors.
    """
    try:
        doc = load_yaml_file(path)
    except ContentError as exc:
        return None, None, [exc]
    bad = _kind_problem(doc)
    if bad is not None:
        return doc, None, [bad]
    model, problems = validation_problems(doc, m.MODELS[doc.data["kind"]])
    return doc, model, list(problems)


def load_file(path: str | Path) -> tuple[Located, Any]:
    """Load one content file of any kind; returns the parsed document and its model (first error raised)."""
    doc, model, problems = parse_file(path)
    if problems:
        raise problems[0]
    assert doc is not None
    return doc, model


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
    """Load and cross-check ``files``; the first error is raised."""
    parsed = [load_file(f) for f in files]

    def fail(err: ContentError) -> None:
        raise err

    content = _assemble(parsed, [], fail)
    assert content is not None
    return content


@dataclass(frozen=True)
class Checked:
    """Every file's errors at once (see :func:`check_files`)."""

    files: tuple[str, ...]
    errors: tuple[ContentError, ...]
    # Files with no error found whose cross-file checks could not all run, because of
    # another file's errors: not to be called valid.
    unchecked: frozenset[str]
    content: Content | None
    parsed: tuple[tuple[Located, Any], ...]


def check_files(files: Iterable[str | Path]) -> Checked:
    """Every error of every file in one pass: each file's own errors, then the cross-file ones.

    Files that fail validation still get the cross-file checks their raw data allows
    (unknown ids, the sign of weights, the order of thresholds). When a file cannot be
    read, or a rules file (lexicon, engine, scoring) fails, cross-file results are
    incomplete: the files with no error found are listed as ``unchecked``.
    """
    names = [str(f) for f in files]
    parsed: list[tuple[Located, Any]] = []
    partial: list[Located] = []
    errors: list[ContentError] = []
    own_bad: set[str] = set()
    blind = False  # some failed file could have affected anything
    for f in names:
        doc, model, problems = parse_file(f)
        errors.extend(problems)
        if problems:
            own_bad.add(f)
        if model is not None and doc is not None:
            parsed.append((doc, model))
        elif doc is not None and isinstance(doc.data, dict) and doc.data.get("kind") in ("persona", "scenario", "exemplars"):
            partial.append(doc)
        else:
            blind = True
    cross: list[ContentError] = []
    content = None
    if not blind or any(isinstance(model, m.Lexicon) for _, model in parsed):
        try:
            content = _assemble(parsed, partial, cross.append, lenient=bool(own_bad))
        except ContentError as exc:  # a rules file missing: nothing else can be checked
            cross.append(exc)
    else:
        blind = True
    seen = {(e.path, e.line, e.column, e.field) for e in errors}
    errors.extend(e for e in cross if (e.path, e.line, e.column, e.field) not in seen)
    errors.sort(key=sort_key)
    bad = {e.path for e in errors}
    unchecked: frozenset[str] = frozenset()
    if blind:
        unchecked = frozenset(f for f in names if f not in bad)
    elif own_bad:
        # An exemplars file whose scenario is in a file that failed could not be checked.
        known = set(content.scenarios) if content is not None else set()
        unchecked = frozenset(doc.path for doc, model in parsed if doc.path not in bad
                              and isinstance(model, m.Exemplars) and model.scenario not in known)
    return Checked(tuple(names), tuple(errors), unchecked, None if errors else content, tuple(parsed))


Sink = Callable[[ContentError], None]


def _assemble(parsed: list[tuple[Located, Any]], partial: list[Located], sink: Sink,
              lenient: bool = False) -> Content | None:
    """Cross-check validated files (and the raw data of ``partial`` ones); report each error to ``sink``.

    ``lenient``: other files failed, so errors that may only mean "that file is missing"
    (an exemplars file's unknown scenario, no persona at all) are not reported.
    """
    single: dict[str, tuple[Located, Any]] = {}
    personas: dict[str, tuple[Located, m.Persona]] = {}
    scenarios: dict[str, tuple[Located, m.Scenario]] = {}
    exemplars: dict[str, dict[str, m.ExemplarSet]] = {}
    exemplar_docs: list[tuple[Located, m.Exemplars]] = []
    set_docs: dict[tuple[str, str], Located] = {}
    for doc, model in parsed:
        if isinstance(model, m.Persona):
            _check_replace(doc, ("id",), "persona", model.id, personas.get(model.id, (None,))[0], sink)
            personas[model.id] = (doc, model)
        elif isinstance(model, m.Scenario):
            _check_replace(doc, ("id",), "scenario", model.id, scenarios.get(model.id, (None,))[0], sink)
            scenarios[model.id] = (doc, model)
        elif isinstance(model, m.Exemplars):
            exemplar_docs.append((doc, model))
            # A trainer's set with a shipped set's id replaces it; new ids add to them.
            mine: set[str] = set()
            for i, s in enumerate(model.sets):
                if s.id in mine:
                    sink(doc.problem(("sets", i, "id"), "content.duplicate_in_file",
                                     what=texts("content.what.exemplar_set"), id=repr(s.id)))
                mine.add(s.id)
                _check_replace(doc, ("sets", i, "id"), "exemplar_set", s.id, set_docs.get((model.scenario, s.id)), sink)
                set_docs[(model.scenario, s.id)] = doc
            exemplars.setdefault(model.scenario, {}).update({s.id: s for s in model.sets})
        else:
            single[model.kind] = (doc, model)
    for kind in ("lexicon", "engine", "scoring"):
        if kind not in single:
            raise Problem(texts("content.no_kind", kind=kind))
    lex_doc, lexicon = single["lexicon"]
    for err in lexicon_problems(lex_doc, lexicon):
        sink(err)
    ids = {b.id: b.polarity for b in lexicon.behaviours} | {s.id: s.polarity for s in lexicon.signals}
    for err in engine_problems(*single["engine"], ids):
        sink(err)
    for err in scoring_problems(*single["scoring"], ids):
        sink(err)
    for doc, _ in personas.values():
        for err in persona_problems(doc, doc.data, ids):
            sink(err)
    for doc, _ in scenarios.values():
        for err in scenario_problems(doc, doc.data, ids):
            sink(err)
    for doc in partial:
        kind, ident = doc.data.get("kind"), doc.data.get("id")
        known: dict[str, Any] = personas if kind == "persona" else scenarios if kind == "scenario" else {}
        if isinstance(ident, str) and ident in known:
            _check_replace(doc, ("id",), kind, ident, known[ident][0], sink)
        check = {"persona": persona_problems, "scenario": scenario_problems}.get(doc.data.get("kind"))
        for err in check(doc, doc.data, ids) if check else ():
            sink(err)
    if not personas or not scenarios:
        if not lenient:
            sink(Problem(texts("content.need_both")))
        return None
    failed_scenarios = {d.data.get("id") for d in partial if d.data.get("kind") == "scenario"}
    for doc, ex in exemplar_docs:
        if ex.scenario not in scenarios and not (lenient and (ex.scenario in failed_scenarios or not failed_scenarios)):
            sink(doc.problem(("scenario",), "content.unknown", what=texts("content.what.scenario"),
                             name=repr(ex.scenario), suggest=suggestion(ex.scenario, scenarios)))
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


def _check_replace(doc: Located, loc: tuple[str | int, ...], what: str, ident: str, earlier: Located | None,
                   sink: Sink) -> None:
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
    sink(doc.problem(loc, "content.duplicate_id", what=texts(f"content.what.{what}"), id=repr(ident),
                     other=earlier.path + (f":{line}" if line else "")))


def _builtin_set() -> frozenset[Path]:
    return frozenset(f.resolve() for f in builtin_files())


def _unknown(doc: Located, loc: tuple[str | int, ...], name: object, ids: Iterable[str],
             what: str = "ref") -> Problem:
    return doc.problem(loc, "content.unknown", what=texts(f"content.what.{what}"), name=repr(name),
                       suggest=suggestion(name, ids))


def lexicon_problems(doc: Located, lex: m.Lexicon) -> Iterator[Problem]:
    ids: dict[str, tuple[str | int, ...]] = {}
    for i, b in enumerate(lex.behaviours):
        if b.id in ids:
            yield doc.problem(("behaviours", i, "id"), "content.duplicate_in_file",
                              what=texts("content.what.behaviour"), id=repr(b.id))
        ids[b.id] = ("behaviours", i)
    for i, s in enumerate(lex.signals):
        if s.id in ids:
            yield doc.problem(("signals", i, "id"), "content.duplicate_lexicon_id", id=repr(s.id))
        ids[s.id] = ("signals", i)
    for i, s in enumerate(lex.signals):
        yield from _sign(doc, ("signals", i, "effect"), s.polarity, s.effect)
    for i, b in enumerate(lex.behaviours):
        base = ("behaviours", i)
        yield from _sign(doc, base + ("effect",), b.polarity, b.effect)
        if (b.phrases is None) == (b.derived is None):
            yield doc.problem(base, "content.phrases_or_derived")
        if b.negated_as is not None and b.negated_as not in ids:
            yield _unknown(doc, base + ("negated_as",), b.negated_as, ids)
        for j, ref in enumerate(b.suppressed_by):
            if ref not in ids:
                yield _unknown(doc, base + ("suppressed_by", j), ref, ids)
        if b.derived is not None:
            d = b.derived
            if not (d.all_of or d.any_of):
                yield doc.problem(base + ("derived",), "content.derived_needs")
            for key in ("all_of", "any_of", "none_of"):
                for j, ref in enumerate(getattr(d, key)):
                    if ref not in ids:
                        yield _unknown(doc, base + ("derived", key, j), ref, ids)
                    elif ref == b.id:
                        yield doc.problem(base + ("derived", key, j), "content.derived_self")


def engine_problems(doc: Located, eng: m.Engine, ids: dict[str, str]) -> Iterator[Problem]:
    below = [b.below for b in eng.bands]
    if [b.id for b in eng.bands] != ["calm", "annoyed", "angry", "furious"] or below != sorted(below):
        yield doc.problem(("bands",), "content.bands")
    for table in ("stances", "natures"):
        for key, mults in getattr(eng, table).items():
            for ref in mults:
                if ref not in ids:
                    yield _unknown(doc, (table, key, ref), ref, ids)
                elif mults[ref] <= 0:
                    yield doc.problem((table, key, ref), "content.multiplier")
    if eng.jabs is not None:
        for j, ref in enumerate(eng.jabs.behaviours):
            if ref not in ids:
                yield _unknown(doc, ("jabs", "behaviours", j), ref, ids, "behaviour")
            elif ids[ref] != "negative":
                yield doc.problem(("jabs", "behaviours", j), "content.jab_negative", id=repr(ref))


def scoring_problems(doc: Located, sc: m.Scoring, ids: dict[str, str]) -> Iterator[Problem]:
    dims = [d.id for d in sc.dimensions]
    if len(set(dims)) != len(dims):
        yield doc.problem(("dimensions",), "content.dimension_once")
    for key in ("emotion_steps", "problem_steps"):
        for j, ref in enumerate(getattr(sc, key)):
            if ref not in ids:
                yield _unknown(doc, (key, j), ref, ids, "behaviour")
    for step_id, by in sc.emptied_by.items():
        for ref in (step_id, by):
            if ref not in ids:
                yield _unknown(doc, ("emptied_by", step_id), ref, ids, "behaviour")


def _sign(doc: Located, loc: tuple[str | int, ...], polarity: str, effect: float) -> Iterator[Problem]:
    # The invariants trainees rely on: a bad behaviour never calms, a good one never angers.
    if polarity == "negative" and effect < 0:
        yield doc.problem(loc, "content.negative_calms", effect=float(effect))
    if polarity == "positive" and effect > 0:
        yield doc.problem(loc, "content.positive_angers", effect=float(effect))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def persona_problems(doc: Located, data: Any, ids: dict[str, str]) -> Iterator[Problem]:
    """Cross-file checks of a persona, on its raw data so a file that failed validation gets them too."""
    if not isinstance(data, dict):
        return
    weights = data.get("weights")
    for ref, effect in (weights.items() if isinstance(weights, dict) else ()):
        if ref not in ids:
            yield _unknown(doc, ("weights", ref), ref, ids)
        elif _number(effect):
            yield from _sign(doc, ("weights", ref), ids[ref], effect)
    for key in ("valued", "hated"):
        refs = data.get(key)
        for j, ref in enumerate(refs if isinstance(refs, list) else ()):
            if isinstance(ref, str) and ref not in ids:
                yield _unknown(doc, (key, j), ref, ids)
    t = data.get("thresholds")
    t = t if isinstance(t, dict) else {}
    resolve: Any = t.get("resolve_at")
    escalate: Any = t.get("escalate_at")
    walk: Any = t.get("walk_out_at")
    if not (_number(escalate) and _number(walk)):
        return
    if _number(resolve) and resolve >= min(escalate, walk):
        yield doc.problem(("thresholds", "resolve_at"), "content.resolve_order")
    if _number(data.get("initial_anger")) and data["initial_anger"] >= min(escalate, walk):
        yield doc.problem(("initial_anger",), "content.start_order")


def scenario_problems(doc: Located, data: Any, ids: dict[str, str]) -> Iterator[Problem]:
    """Cross-file checks of a scenario, on its raw data so a file that failed validation gets them too."""
    needs = data.get("needs") if isinstance(data, dict) else None
    seen: set[str] = set()
    for i, need in enumerate(needs if isinstance(needs, list) else ()):
        if not isinstance(need, dict):
            continue
        nid = need.get("id")
        if isinstance(nid, str) and nid in seen:
            yield doc.problem(("needs", i, "id"), "content.duplicate_in_file",
                              what=texts("content.what.need"), id=repr(nid))
        seen.add(str(nid))
        refs = need.get("behaviours")
        refs = refs if isinstance(refs, list) else []
        for j, ref in enumerate(refs):
            if isinstance(ref, str) and ref not in ids:
                yield _unknown(doc, ("needs", i, "behaviours", j), ref, ids, "behaviour")
        phrases = need.get("phrases")
        phrases = phrases if isinstance(phrases, dict) else {}
        if not (refs or phrases.get("zh") or phrases.get("en")):
            yield doc.problem(("needs", i), "content.need_unaddressed")
