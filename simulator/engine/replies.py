"""What the customer says back: a seeded pick from the persona's pools.

The pool is chosen by the anger band after the reply and by the reaction of the
biggest change, so the customer visibly answers what was said; a session's seed
and the turn number fix the pick, so the same seed replays the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from simulator.content import models as m
from simulator.engine.state import Change, Outcome, headline_first
from simulator.text.normalise import fold_phrase, normalise

if TYPE_CHECKING:
    from simulator.engine.rulebook import Pairing, Rulebook
    from simulator.engine.state import SessionState

_MASK = (1 << 64) - 1
# Words a customer line quotes back: “…” / 「…」 in Chinese, '…' in English (an apostrophe
# inside a word, as in we'll or Don't, neither opens nor closes a quote).
_QUOTED = re.compile(r"[“「‘]([^”」’]+)[”」’]|(?:^|(?<=[\s(]))'(.+?)'(?=[\s?.!,;:]|$)")


def choose(pool: Sequence[str], seed: int, turn: int, salt: int = 0) -> str:
    """Pick one line with a generator derived from (seed, turn, salt)."""
    rng = np.random.default_rng([seed & _MASK, turn, salt])
    return pool[int(rng.integers(len(pool)))]


def quotes_said(line: str, said: str) -> bool:
    """Whether every word ``line`` quotes back (“尽快”, 'we'll try') is in what was ``said``.

    ``said`` is the reply's folded text; a customer never quotes words the trainee did not use.
    """
    return all(fold_phrase(a or b) in said for a, b in _QUOTED.findall(line))


def reply_for(
    pair: Pairing, rules: Rulebook, state: SessionState, anger: float, changes: list[Change],
    outcome: Outcome | None, asked: bool, text: str = "",
) -> str:
    """The customer's words after a reply: an ending, or a pick from the band × reaction pool."""
    lang = state.lang
    turn = state.turn + 1
    if outcome is not None:
        lines: m.Lines = getattr(pair.persona.endings, outcome.value)
        return choose(getattr(lines, lang), state.seed, turn)
    band: m.BandReplies = getattr(getattr(pair.persona.replies, lang), rules.band(anger))
    reaction = "unchanged"
    # The customer answers what the reply did: a need met is the consequence of a move
    # (empathy meeting "acknowledge the feeling"), so it speaks only when nothing else did.
    said = [c for c in changes if c.kind != "need"] or changes
    total = sum(c.amount for c in changes)
    # ...and to what moved it the way it went: a reply that calmed them overall is not
    # answered with the one jab in it ("An apology on its own isn't enough" as anger falls).
    if said:
        reaction = headline_first(said, total)[0].reaction
    # The "asked" lines lead into a fact ("听好了，我只说一次："): only a fact question gets one.
    pool = band.by_reaction.get(reaction) if reaction != "asked" or asked else None
    if pool and _QUOTED.search("".join(pool)):
        folded = normalise(text).folded
        pool = [line for line in pool if quotes_said(line, folded)]
    if not pool:
        pool = band.improved if total < 0 else band.worsened if total > 0 else band.unchanged
    line = choose(pool, state.seed, turn)
    if asked:
        facts = getattr(pair.scenario.facts, lang)
        line += (" " if lang == "en" else "") + facts[state.facts_told % len(facts)]
    return line
