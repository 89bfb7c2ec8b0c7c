"""Which rules the shipped exemplars exercise: a rule no exemplar fires is untested tuning.

Every exemplar set is played against every persona; a behaviour or signal
counts as fired when some reply shows it (a counted hit or a signal), a need
when some reply of its scenario meets it, the feelings-first rule when it
scales some change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from simulator.engine import Rulebook

from .calibrate import run_set
from .findings import Finding, at
from .sources import Sources

FEELINGS_FIRST = "feelings_first"


@dataclass
class Fired:
    rules: set[str] = field(default_factory=set)
    needs: dict[str, set[str]] = field(default_factory=dict)  # scenario -> needs met
    feelings_first: bool = False
    replies: int = 0


def fired(rules: Rulebook) -> Fired:
    out = Fired()
    content = rules.content
    for sid, sets in content.exemplars.items():
        met = out.needs.setdefault(sid, set())
        for ex in sets:
            for pid in content.personas:
                for turn in run_set(rules, sid, pid, ex).turns:
                    out.replies += 1
                    out.rules.update(h.counts_as for h in turn.hits if h.counts_as)
                    out.rules.update(s.kind for s in turn.signals)
                    met.update(turn.needs_met)
                    if any(why == FEELINGS_FIRST for c in turn.changes for why, _ in c.factors):
                        out.feelings_first = True
    return out


def coverage_findings(rules: Rulebook, src: Sources) -> Iterator[Finding]:
    content = rules.content
    if not content.exemplars:
        return
    f = fired(rules)
    lex = content.lexicon
    for i, b in enumerate(lex.behaviours):
        if b.id not in f.rules:
            yield at("rule-never-fires", src.lexicon, ("behaviours", i, "id"), rule=b.id)
    for i, s in enumerate(lex.signals):
        if s.id not in f.rules:
            yield at("rule-never-fires", src.lexicon, ("signals", i, "id"), rule=s.id)
    if not f.feelings_first:
        yield at("rule-never-fires", src.engine, (FEELINGS_FIRST,), rule=FEELINGS_FIRST)
    for sid, doc in src.scenarios.items():
        if sid not in f.needs:
            continue  # no exemplars: reported as no-exemplars
        for i, need in enumerate(content.scenario(sid).needs):
            if need.id not in f.needs[sid]:
                yield at("need-never-met", doc, ("needs", i, "id"), scenario=sid, need=need.id)
