"""Reachability: can a persona be calmed in a scenario, how fast at best, can it be driven away?

A reply is abstracted as the set of *moves* it makes: a behaviour, a need
phrase, a structural signal (a concrete time, a question mark, shouting). Each
move has one sample phrase from the content, checked to count as that move and
nothing else. A synthetic reply joins its moves' phrases with clause breaks
(so no negation crosses from one to the next) and is judged by the real engine
(``simulator.engine.step``); nothing here estimates anger on its own except to
rank which combinations are worth trying.

The search is a beam search, one depth per turn, up to the customer's patience:

- *best play* tries the most calming combinations of up to ``MAX_MOVES`` moves
  (prefixes of the moves ranked by their calming effect now, a cover of the
  unmet needs, the emotion steps alone) and keeps the ``BEAM_BEST`` calmest
  states with the most needs met;
- *worst play* sends the most angering single phrase each turn, and packs
  several only when that never drives the customer away;
- *trivial* tries replies that show no behaviour (a neutral sentence, "OK.").

A bounded search can miss a cleverer path, so "cannot resolve" means "no path
found among the most calming replies of up to four moves": a warning worth
reading, not a proof.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from simulator.engine import Outcome, Rulebook, SessionState, start, step
from simulator.engine.step import scaled
from simulator.i18n import LANGS
from simulator.text.normalise import normalise
from simulator.text.signals import read_signals, reply_key

from .findings import Finding, at, by_lang, local
from .sources import Sources

# A reply of two or three sentences makes about four moves; the good exemplars
# make two to six (introduce, willing, apologise, acknowledge…).
MAX_MOVES = 4
# How fast a customer can be driven away is measured with one bad phrase per
# reply (the worst there is, each time): "walks out after three bad replies" is
# something a trainer can picture. Packing several at once is only tried when
# that fails, to tell "hard to drive away" from "never leaves".
WORST_MOVES = 1
# States kept per turn. On the built-in content a beam of 64 finds the same
# fewest turns for every pairing; eight keeps unresolvable pairings cheap.
BEAM_BEST = 8
BEAM_WORST = 3
# Sample phrases tried per behaviour when looking for one that counts as it alone.
PHRASES_TRIED = 60

# Pieces the engine reads as structural signals (simulator/text/signals.py), not
# as lexicon phrases: code, not content, decides what they are.
SIGNAL_TEXT: dict[str, dict[str, str]] = {
    "concrete_time": {"zh": "今天下午三点前", "en": "by 3 pm today"},
    "concrete_number": {"zh": "1024", "en": "1024"},
    "shouting": {"zh": "！！！", "en": "!!!"},
}
# asks_questions is shown by ending the reply with a question mark.
QUESTION = "asks_questions"
SEP = {"zh": "，", "en": ", "}
END = {"zh": "。", "en": "."}
ASK = {"zh": "？", "en": "?"}
# Replies that show no behaviour: if one of them resolves the complaint, anything does.
NEUTRAL = {"zh": ("嗯，您接着说。", "好的。"), "en": ("I see, go on.", "OK.")}


@dataclass(frozen=True)
class Move:
    """One thing a synthetic reply does, with the sample words that do it."""

    key: str
    parts: tuple[str, ...]  # sample words, one clause each
    rules: tuple[str, ...]  # behaviours and signals it counts as
    needs: tuple[str, ...]  # scenario needs it meets


@dataclass(frozen=True)
class Reach:
    """What the search found for one persona in one scenario in one language."""

    scenario: str
    persona: str
    lang: str
    patience: int
    resolve_turns: int | None
    resolve_replies: tuple[str, ...]
    leave_turns: int | None  # one bad phrase per reply
    leave_outcome: str | None
    leave_replies: tuple[str, ...]
    leave_packed: int | None  # up to MAX_MOVES bad phrases per reply
    trivial_reply: str | None
    steps: int = 0


@dataclass
class _Vocab:
    calming: list[Move] = field(default_factory=list)
    angering: list[Move] = field(default_factory=list)
    question: bool = False


# ----------------------------------------------------------------------------- vocabulary


def _counted(rules: Rulebook, sid: str, text: str) -> tuple[list[str], list[str]]:
    hits, needs = rules.matcher(sid).scan(normalise(text))
    return [h.counts_as for h in hits if h.counts_as], [n.need for n in needs]


def vocabulary(rules: Rulebook, sid: str, lang: str) -> _Vocab:
    """Sample moves for one scenario and language: every behaviour, need and signal that can be shown."""
    content = rules.content
    scenario = content.scenario(sid)
    lex = content.lexicon
    by_behaviour: dict[str, list[str]] = {}
    for need in scenario.needs:
        for rid in need.behaviours:
            by_behaviour.setdefault(rid, []).append(need.id)
    moves: dict[str, Move] = {}
    for b in lex.behaviours:
        if b.phrases is None:
            continue
        chosen: Move | None = None
        for phrase in getattr(b.phrases, lang)[:PHRASES_TRIED]:
            counted, needs = _counted(rules, sid, phrase)
            if counted != [b.id]:
                continue
            move = Move(b.id, (phrase,), (b.id,), tuple(dict.fromkeys(needs + by_behaviour.get(b.id, []))))
            if not needs:
                chosen = move
                break
            chosen = chosen or move
        if chosen is not None:
            moves[b.id] = chosen
    limits = lex.limits
    signal_ids = {s.id for s in lex.signals}
    for sig, texts in SIGNAL_TEXT.items():
        if sig not in signal_ids:
            continue
        found = {s.kind for s in read_signals(normalise(texts[lang]), limits)}
        counted, needs = _counted(rules, sid, texts[lang])
        if sig in found and not counted and not needs:
            moves[sig] = Move(sig, (texts[lang],), (sig,), tuple(by_behaviour.get(sig, [])))
    for need in scenario.needs:
        for phrase in getattr(need.phrases, lang):
            counted, met = _counted(rules, sid, phrase)
            if need.id not in met or any(rules.rules[c].polarity == "negative" for c in counted):
                continue
            for c in counted:
                met += by_behaviour.get(c, [])
            key = f"need:{need.id}"
            moves[key] = Move(key, (phrase,), tuple(counted), tuple(dict.fromkeys(met)))
            break
    # Derived behaviours (a time commitment is a concrete time plus an action) are
    # shown by a bundle of the moves they are derived from.
    for beh in lex.behaviours:
        d = beh.derived
        if d is None:
            continue
        parts = [moves.get(x) for x in d.all_of]
        if d.any_of:
            parts.append(next((moves[x] for x in d.any_of if x in moves), None))
        if any(p is None for p in parts):
            continue
        ps = [p for p in parts if p is not None]
        bundle = tuple(dict.fromkeys([n for p in ps for n in p.needs] + by_behaviour.get(beh.id, [])))
        moves[f"derived:{beh.id}"] = Move(
            f"derived:{beh.id}", tuple(dict.fromkeys(x for p in ps for x in p.parts)),
            tuple(dict.fromkeys([r for p in ps for r in p.rules] + [beh.id])), bundle,
        )
    vocab = _Vocab(question=QUESTION in signal_ids)
    polarity = {r.id: r.polarity for r in rules.rules.values()}
    for mv in moves.values():
        pols = {polarity[r] for r in mv.rules}
        if "negative" in pols and "positive" not in pols:
            vocab.angering.append(mv)
        elif "negative" not in pols:
            vocab.calming.append(mv)
    return vocab


# ----------------------------------------------------------------------------- estimating


def _amount(rules: Rulebook, state: SessionState, rid: str) -> float:
    """A rule's effect now, scaled as the engine scales it (a ranking aid only)."""
    pair = rules.pairing(state.scenario, state.persona)
    ff = rules.content.engine.feelings_first
    problem_first = rules.rules[rid].group == "problem" and not state.emotion_shown and state.anger >= ff.min_anger
    return scaled(pair, rid, state.uses(rid), ff.factor if problem_first else None, None)[1]


def _value(rules: Rulebook, state: SessionState, move: Move, needs: dict[str, float]) -> float:
    v = sum(_amount(rules, state, r) for r in move.rules)
    return v + sum(needs[n] for n in move.needs if n not in state.needs_met)


def _text(moves: Iterable[Move], lang: str, ask: bool) -> str:
    parts = dict.fromkeys(x for mv in moves for x in mv.parts)
    return SEP[lang].join(parts) + (ASK[lang] if ask else END[lang])


def _fit(moves: list[Move], lang: str, ask: bool, limit: int) -> str:
    """The reply for ``moves``, dropping moves from the end until it is not a wall of text."""
    while moves:
        text = _text(moves, lang, ask)
        if len(text) < limit:
            return text
        moves = moves[:-1]
    return ""


def _best_candidates(rules: Rulebook, vocab: _Vocab, lang: str) -> Callable[[SessionState], list[str]]:
    scenario_needs: dict[str, dict[str, float]] = {}
    limit = rules.limits.wall_of_text_chars

    def candidates(state: SessionState) -> list[str]:
        needs = scenario_needs.setdefault(
            state.scenario, {n.id: n.effect for n in rules.content.scenario(state.scenario).needs}
        )
        ranked = sorted(
            ((v, mv) for mv in vocab.calming if (v := _value(rules, state, mv, needs)) < 0),
            key=lambda x: (x[0], x[1].key),
        )
        top = [mv for _, mv in ranked]
        groups: list[list[Move]] = [top[:k] for k in range(1, MAX_MOVES + 1)]
        cover: list[Move] = []
        for need in needs:
            if need in state.needs_met or any(need in mv.needs for mv in cover):
                continue
            best = next((mv for mv in top if need in mv.needs), None)
            if best is not None:
                cover.append(best)
        if cover:
            rest = [mv for mv in top if mv not in cover]
            groups.append((cover + rest)[:MAX_MOVES])
            groups.append(cover[:MAX_MOVES])
        emotion = [mv for mv in top if all(rules.rules[r].group == "emotion" for r in mv.rules if r in rules.rules)]
        if emotion:
            groups.append(emotion[:MAX_MOVES])
        out: list[str] = []
        for g in groups:
            for ask in ((False, True) if vocab.question else (False,)):
                text = _fit(list(g), lang, ask, limit)
                if text and text not in out and reply_key(normalise(text)) not in state.seen:
                    out.append(text)
        return out

    return candidates


def _worst_candidates(
    rules: Rulebook, vocab: _Vocab, lang: str, moves: int
) -> Callable[[SessionState], list[str]]:
    def candidates(state: SessionState) -> list[str]:
        ranked = sorted(
            ((sum(max(0.0, _amount(rules, state, r)) for r in mv.rules), mv) for mv in vocab.angering),
            key=lambda x: (-x[0], x[1].key),
        )
        top = [mv for v, mv in ranked if v > 0]
        if moves == 1:
            return [_text([mv], lang, False) for mv in top[:BEAM_WORST]]
        return list(dict.fromkeys(_text(top[:k], lang, False) for k in range(1, moves + 1)))

    return candidates


# ----------------------------------------------------------------------------- searching


def _search(
    state: SessionState, candidates: Callable[[SessionState], list[str]], goal: Callable[[Outcome], bool],
    rank: Callable[[SessionState], tuple[float, ...]], beam: int,
) -> tuple[int | None, Outcome | None, tuple[str, ...], int]:
    frontier: list[tuple[SessionState, tuple[str, ...]]] = [(state, ())]
    steps = 0
    for depth in range(1, state.patience + 1):
        nxt: dict[tuple[object, ...], tuple[SessionState, tuple[str, ...]]] = {}
        for st, path in frontier:
            for text in candidates(st):
                turn = step(st, text, with_reply=False)
                steps += 1
                if turn.outcome is not None and goal(turn.outcome):
                    return depth, turn.outcome, path + (text,), steps
                if turn.outcome is None:
                    s = turn.state
                    key = (s.anger, s.needs_met, s.emotion_shown, s.counts)
                    nxt.setdefault(key, (s, path + (text,)))
        frontier = sorted(nxt.values(), key=lambda x: rank(x[0]))[:beam]
        if not frontier:
            break
    return None, None, (), steps


def reach(rules: Rulebook, sid: str, pid: str, lang: str, vocab: _Vocab | None = None) -> Reach:
    """Search one pairing in one language."""
    vocab = vocab or vocabulary(rules, sid, lang)
    first = start(rules, sid, pid, lang=lang)
    n_needs = len(rules.content.scenario(sid).needs)
    best = _search(
        first, _best_candidates(rules, vocab, lang), lambda o: o is Outcome.RESOLVED,
        lambda s: (n_needs - len(s.needs_met), s.anger), BEAM_BEST,
    )
    leaves = lambda o: o in (Outcome.WALKED_OUT, Outcome.ESCALATED)  # noqa: E731
    worst = _search(first, _worst_candidates(rules, vocab, lang, WORST_MOVES), leaves,
                    lambda s: (-s.anger,), BEAM_WORST)
    packed = worst
    if worst[0] is None:
        packed = _search(first, _worst_candidates(rules, vocab, lang, MAX_MOVES), leaves,
                         lambda s: (-s.anger,), BEAM_WORST)
    trivial = None
    for text in NEUTRAL[lang]:
        counted, _ = _counted(rules, sid, text)
        if counted:
            continue  # it does something under this lexicon, so it proves nothing
        # (A need met by such a reply is the point: a need phrase anything contains.)
        if step(first, text, with_reply=False).outcome is Outcome.RESOLVED:
            trivial = text
            break
    return Reach(
        scenario=sid, persona=pid, lang=lang, patience=first.patience,
        resolve_turns=best[0], resolve_replies=best[2],
        leave_turns=worst[0], leave_outcome=worst[1].value if worst[1] else None, leave_replies=worst[2],
        leave_packed=packed[0], trivial_reply=trivial, steps=best[3] + worst[3] + (packed[3] if packed is not worst else 0),
    )


def reach_all(rules: Rulebook, scenarios: Iterable[str], personas: Iterable[str]) -> list[Reach]:
    """Every persona in every scenario, in both languages."""
    out: list[Reach] = []
    pids = list(personas)
    for sid in scenarios:
        for lang in LANGS:
            vocab = vocabulary(rules, sid, lang)
            out.extend(reach(rules, sid, pid, lang, vocab) for pid in pids)
    return out


# ----------------------------------------------------------------------------- findings


def reach_findings(rules: Rulebook, src: Sources, results: list[Reach]) -> Iterator[Finding]:
    content = rules.content
    by_scenario: dict[str, list[Reach]] = {}
    for r in results:
        by_scenario.setdefault(r.scenario, []).append(r)
    cannot_leave: dict[str, list[str]] = {}
    for sid, rs in by_scenario.items():
        doc = src.scenarios[sid]
        for lang in LANGS:
            here = [r for r in rs if r.lang == lang]
            if here and all(r.resolve_turns is None for r in here):
                yield at("scenario-unresolvable", doc, ("needs",), scenario=sid, language=lang,
                         subjects=[src.persona_file(r.persona) for r in here])
            trivial = [r for r in here if r.trivial_reply is not None]
            if trivial:
                yield at("scenario-trivial", doc, ("needs",), scenario=sid, language=lang,
                         personas=", ".join(r.persona for r in trivial), reply=trivial[0].trivial_reply,
                         subjects=[src.persona_file(r.persona) for r in trivial])
        unresolvable_langs = {
            lang for lang in LANGS if all(r.resolve_turns is None for r in rs if r.lang == lang)
        }
        for pid in dict.fromkeys(r.persona for r in rs):
            mine = [r for r in rs if r.persona == pid]
            failed = [r.lang for r in mine if r.resolve_turns is None and r.lang not in unresolvable_langs]
            if failed:
                yield at("persona-cannot-resolve", doc, ("needs",), scenario=sid, persona=pid,
                         language=", ".join(failed), patience=mine[0].patience,
                         subjects=[src.persona_file(pid)])
            t = content.persona(pid).thresholds
            if min(t.escalate_at, t.walk_out_at) <= 100 and any(r.leave_packed is None for r in mine):
                cannot_leave.setdefault(pid, []).append(sid)
        pids = list(dict.fromkeys(r.persona for r in rs))
        yield at("reach-summary", doc, ("id",), scenario=sid,
                 personas=[_summary(by_lang(content.persona(pid).name), [r for r in rs if r.persona == pid])
                           for pid in pids],
                 subjects=[src.persona_file(pid) for pid in pids])
    for pid, sids in cannot_leave.items():
        yield at("never-leaves", src.personas[pid], ("thresholds",), persona=pid,
                 scenarios=", ".join(sids), subjects=[src.scenario_file(s) for s in sids])


def _summary(pid: object, rs: list[Reach]) -> object:
    """One persona's line of a reach summary; ``pid`` is its display name (in each language)."""
    def turns(r: Reach) -> str:
        return str(r.resolve_turns) if r.resolve_turns is not None else "–"

    zh = next(r for r in rs if r.lang == "zh")
    en = next(r for r in rs if r.lang == "en")
    resolve = f"{turns(zh)}/{turns(en)}"
    left = [r for r in rs if r.leave_turns is not None]
    if left:
        fastest = min(left, key=lambda r: r.leave_turns or 0)
        return local("lint.reach.persona", persona=pid, resolve=resolve, leave=fastest.leave_turns,
                     outcome=local(f"lint.reach.{fastest.leave_outcome}"))
    if any(r.leave_packed is not None for r in rs):
        return local("lint.reach.packed", persona=pid, resolve=resolve)
    return local("lint.reach.stays", persona=pid, resolve=resolve)
