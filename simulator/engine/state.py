"""The values a session is made of: state, changes, turns. All immutable."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any, NamedTuple

# At run time, not only for the type checker: the compiled build (mypyc) resolves a named
# tuple's field types when the module loads.
from simulator.engine.rulebook import Rulebook
from simulator.text.matcher import Hit, NeedHit
from simulator.text.signals import Signal


class Outcome(StrEnum):
    """How a session ended."""

    RESOLVED = "resolved"
    ESCALATED = "escalated"  # asked for a manager
    WALKED_OUT = "walked_out"
    UNRESOLVED = "unresolved"  # patience ran out


class Change(NamedTuple):
    """One move of the anger meter and the rule behind it.

    ``rule`` is a behaviour, signal or need id, ``drift``, or ``jab`` (the kind words a
    jab cancelled); ``quote`` and ``start``/``end`` point at the words that triggered it
    (empty for drift);
    ``factors`` lists every multiplier applied to ``base``, in order. A named
    tuple: immutable, and cheap enough to build several per reply in a batch.
    """

    rule: str
    kind: str  # behaviour | signal | need | drift | jab
    amount: float
    base: float
    section: str
    reaction: str
    quote: str = ""
    start: int = 0
    end: int = 0
    factors: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "amount": self.amount,
            "base": self.base,
            "factors": [{"why": why, "times": x} for why, x in self.factors],
            "section": self.section,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


class SessionState(NamedTuple):
    """Everything that carries from one turn to the next.

    A named tuple, not a frozen dataclass: a batch builds one for every reply and
    persona, and a frozen dataclass spends most of its construction setting fields
    one by one through ``object.__setattr__``.
    """

    rules: Rulebook
    scenario: str
    persona: str
    lang: str
    seed: int
    anger: float
    patience: int
    turn: int = 0
    needs_met: frozenset[str] = frozenset()
    counts: tuple[tuple[str, int], ...] = ()
    seen: frozenset[str] = frozenset()
    emotion_shown: bool = False
    facts_told: int = 0
    outcome: Outcome | None = None

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def uses(self, rule: str) -> int:
        """How often the rule was used in earlier replies (a repeated calming move shrinks)."""
        for key, n in self.counts:
            if key == rule:
                return n
        return 0


class Turn(NamedTuple):
    """What one trainee reply did: the evidence, the changes, the new state (a named tuple, as the state)."""

    index: int  # type: ignore[assignment]  # shadows tuple.index(), which nothing calls on a turn
    text: str
    hits: tuple[Hit, ...]
    needs: tuple[NeedHit, ...]
    signals: tuple[Signal, ...]
    changes: tuple[Change, ...]
    anger_before: float
    anger_after: float
    needs_met: tuple[str, ...]
    outcome: Outcome | None
    reply: str | None
    state: SessionState

    @property
    def delta(self) -> float:
        return round(self.anger_after - self.anger_before, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.index,
            "text": self.text,
            "anger_before": self.anger_before,
            "anger_after": self.anger_after,
            "hits": [h.to_dict() for h in self.hits],
            "needs": [{"need": n.need, "start": n.start, "end": n.end, "quote": n.quote} for n in self.needs],
            "needs_met": list(self.needs_met),
            "signals": [s.to_dict() for s in self.signals],
            "changes": [c.to_dict() for c in self.changes],
            "outcome": self.outcome.value if self.outcome else None,
            "reply": self.reply,
        }


def headline_first(changes: Sequence[Change], net: float) -> list[Change]:
    """The changes biggest first, those that moved anger the way it went (``net``) ahead of the others.

    Whatever speaks for a reply leads with the first: the line under "anger 52 → 50.4" and
    the customer's answer are about the credits that outweighed a penalty, not the penalty.
    """
    return sorted(changes, key=lambda c: (net * c.amount < 0, -abs(c.amount)))
