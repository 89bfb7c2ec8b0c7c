"""``lint``: beyond validity, whether the content works as a training scenario.

Validation says a file is well formed; lint says whether it *plays*: can each
persona be calmed, how fast at best, can it be driven away, is any rule dead,
any phrase listed against its meaning, any translation missing. Findings carry
file:line:column, a severity and a hint; errors (and, with ``strict``, warnings)
fail the run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from simulator.content.problems import reason
from simulator.engine import Rulebook
from simulator.i18n import LANGS

from . import checks
from .coverage import coverage_findings
from .findings import Finding, LintResult, Severity
from .reach import reach_all, reach_findings
from .sources import Loaded, content_files, load_sources

# Parts of a file that hold ids or rules, not text for people: no translation check.
_NOT_TEXT = frozenset({"weights", "stances", "natures", "severity"})


def lint_paths(
    paths: Iterable[str | Path] = (), *, context: Iterable[str | Path] = (), with_builtins: bool = True,
    report_all: bool = False,
) -> LintResult:
    """Lint the built-in content, or ``paths`` loaded on top of it (findings about ``paths`` only).

    ``context`` folders or files are loaded too (a scenario's exemplars, the personas it is
    meant for) but not reported on, unless no ``paths`` are given. ``with_builtins=False``
    treats the files as a complete content set of their own. ``report_all`` reports on
    every file loaded, the built-ins included.

    A finding about ``paths`` is one in their files, or a warning or error in another file
    about one of them (a trainer's persona that cannot be calmed in a built-in scenario);
    notes in other files (their reach summaries) are left out. ``files`` are the files
    reported on, as ``validate`` counts them. When content does not load, every error of
    every file is reported at once, and nothing else.
    """
    began = time.perf_counter()
    extra = [str(p) for p in context]
    paths = [str(p) for p in paths] or extra
    files = content_files([*extra, *paths], with_builtins)
    mine = {str(Path(f).resolve()) for f in content_files(paths, with_builtins=False)} if paths else set()
    shown = [str(f) for f in files if report_all or not paths or str(Path(f).resolve()) in mine]
    loaded, errors = load_sources(files)
    if loaded is None:
        invalid = tuple(
            Finding(code="invalid", file=e.path or "<content>", line=e.line, column=e.column,
                    field=e.field, text=(f"{e.field}: " if e.field else "") + e.reason,
                    texts=tuple((lg, (f"{e.field}: " if e.field else "") + reason(e, lg)) for lg in LANGS))
            for e in errors
        )
        return LintResult(invalid, tuple(shown), time.perf_counter() - began, invalid=True)
    findings = list(lint_loaded(loaded))
    if paths and not report_all:
        findings = [f for f in findings if _about(f, mine)]
    findings.sort(key=Finding.sort_key)
    return LintResult(tuple(findings), tuple(shown), time.perf_counter() - began)


def _about(f: Finding, files: set[str]) -> bool:
    if str(Path(f.file).resolve()) in files:
        return True
    return f.severity is not Severity.INFO and any(str(Path(s).resolve()) in files for s in f.subjects)


def lint_loaded(loaded: Loaded) -> Iterable[Finding]:
    content, src = loaded.content, loaded.sources
    rules = Rulebook(content)
    yield from checks.check_lexicon(rules, src)
    for doc in (src.lexicon, src.scoring):
        yield from checks.check_translations(doc, _NOT_TEXT)
    for pid, doc in src.personas.items():
        yield from checks.check_persona(rules, content.persona(pid), doc)
        yield from checks.check_translations(doc, _NOT_TEXT)
    for sid, doc in src.scenarios.items():
        yield from checks.check_scenario(rules, content.scenario(sid), doc)
        yield from checks.check_translations(doc, _NOT_TEXT)
    yield from checks.check_display_names(content, src)
    yield from checks.check_exemplars(content, src)
    yield from reach_findings(rules, src, reach_all(rules, content.scenarios, content.personas))
    yield from coverage_findings(rules, src)
