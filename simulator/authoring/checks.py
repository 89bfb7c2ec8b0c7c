"""Static checks: what can be told from the content without playing a session.

Each ``check_*`` function reads validated content and the parsed files, and
yields findings; none of them runs the engine (see ``reach`` and ``coverage``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from simulator.content import models as m
from simulator.content.loader import Content
from simulator.content.yamlload import Located
from simulator.engine import Rulebook
from simulator.i18n import LANGS
from simulator.text.matcher import phrase_keys
from simulator.text.normalise import fold_phrase, normalise

from .findings import Finding, at, local
from .sources import Sources

BANDS = ("calm", "annoyed", "angry", "furious")
GRADES = ("good", "mediocre", "bad")
# The "never" value of escalate_at / walk_out_at (models.Thresholds: "101: never").
NEVER = 101.0
# Anger is clamped to 0–100 (engine.step.ANGER_MAX), so a threshold above 100 is never reached.
ANGER_MAX = 100.0
# A need's change is always shown with this reaction (engine.step._needs).
NEED_REACTION = "action"
# Fields whose {zh, en} hold phrase lists, which need not match one to one.
PHRASE_FIELDS = frozenset({
    "phrases", "negators", "non_negators", "tone_words", "light_tone_words", "look_alikes", "words", "between", "hedges",
    "asked_only",
    "frames",
})

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def looks_wrong(lang: str, text: str) -> bool:
    """Chinese text without a Chinese character, or English text with one."""
    if lang == "zh":
        return bool(text.strip()) and not has_cjk(text)
    return lang == "en" and has_cjk(text)




def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "'")


def polarity_of(content: Content) -> dict[str, str]:
    lex = content.lexicon
    out: dict[str, str] = {b.id: b.polarity for b in lex.behaviours}
    out.update({s.id: s.polarity for s in lex.signals})
    return out


# ----------------------------------------------------------------------------- lexicon


def check_lexicon(rules: Rulebook, src: Sources) -> Iterator[Finding]:
    """Phrases: duplicates, opposite polarity, negated forms; behaviours that do nothing."""
    content = rules.content
    lex = content.lexicon
    doc = src.lexicon
    polarity = polarity_of(content)
    first: dict[str, str] = {}  # folded phrase -> behaviour listing it first
    tokens = negation_tokens(lex)
    for i, b in enumerate(lex.behaviours):
        if b.phrases is None:
            continue
        langs_with = [lang for lang in LANGS if getattr(b.phrases, lang)]
        if not langs_with:
            yield at("behaviour-no-phrases", doc, ("behaviours", i, "phrases"), behaviour=b.id)
        else:
            for lang in LANGS:
                if lang not in langs_with:
                    yield at("missing-translation", doc, ("behaviours", i, "phrases"),
                             what=b.id, problem=local("lint.translation.no_phrases", language=lang))
        own: set[str] = set()
        for lang in LANGS:
            for j, phrase in enumerate(getattr(b.phrases, lang)):
                path = ("behaviours", i, "phrases", lang, j)
                key = fold_phrase(phrase)
                if not key:
                    yield at("phrase-empty", doc, path, behaviour=b.id)
                    continue
                if lang == "en" and has_cjk(phrase):
                    yield at("wrong-language", doc, path, language=lang, text=phrase)
                if key in own:
                    yield at("phrase-repeated", doc, path, phrase=phrase, behaviour=b.id)
                    continue
                own.add(key)
                other = first.setdefault(key, b.id)
                if other != b.id:
                    pair = {polarity[other], b.polarity}
                    code = "phrase-opposite-polarity" if pair == {"positive", "negative"} else "phrase-duplicate"
                    # Leftmost-longest breaks a tie between equal spans by behaviour id.
                    yield at(code, doc, path, phrase=phrase, behaviour=b.id, other=other,
                             winner=min(other, b.id), polarity=b.polarity, other_polarity=polarity[other])
                    continue
                neg = _negated_form(rules, tokens, key, b.id)
                if neg is not None:
                    rest, other, means = neg
                    yield at("phrase-negated", doc, path, phrase=phrase, behaviour=b.id, rest=rest, other=other,
                             means=local("lint.negated.means", means=means) if means else
                             local("lint.negated.self", behaviour=b.id))
    yield from _inert_rules(content, src)


def negation_tokens(lex: m.Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The folded negators and non-negators of a lexicon."""
    neg = lex.negation
    return phrase_keys(neg.negators), phrase_keys(neg.non_negators)


def leading_negator(tokens: tuple[frozenset[str], frozenset[str]], key: str) -> str | None:
    """The negator a folded phrase begins with, unless a non-negator (别担心, don't worry) covers it.

    Mirrors the matcher: the longest negator or non-negator at the start wins, and
    English tokens must end on a word boundary.
    """
    negators, non = tokens
    best = ""
    for tok in negators | non:
        if key.startswith(tok) and len(tok) > len(best):
            nxt = key[len(tok):len(tok) + 1]
            if nxt and _is_word(tok[-1]) and _is_word(nxt):
                continue
            best = tok
    return best if best in negators else None


def _negated_form(
    rules: Rulebook, tokens: tuple[frozenset[str], frozenset[str]], key: str, behaviour: str
) -> tuple[str, str, str] | None:
    """(rest, its behaviour, what negating it means) when ``key`` contradicts the lexicon's negation.

    A phrase that begins with a negator is matched whole, so its own negator never
    flips it: it only ever matches negated speech. That is right when the negation
    is its meaning (不推诿 is ownership), wrong when the lexicon itself says that
    negating the rest means the opposite: 不退款 listed as compensation, while
    退款's ``negated_as`` makes a negated refund a refusal. Also wrong: a phrase
    that is its own behaviour's phrase negated.
    """
    polarity = rules.rules[behaviour].polarity
    if polarity not in ("positive", "negative"):
        return None
    tok = leading_negator(tokens, key)
    if tok is None:
        return None
    rest = key[len(tok):].strip()
    if not rest:
        return None
    hits, _ = rules.bare_matcher.scan(normalise(rest))
    for h in hits:
        if not h.counts_as or h.negated:
            continue
        if h.counts_as == behaviour:
            return rest, behaviour, ""
        means = rules.rules[h.counts_as].negated_as
        if means is not None and {rules.rules[means].polarity, polarity} == {"positive", "negative"}:
            return rest, h.counts_as, means
    return None


def _readers(content: Content) -> set[str]:
    """Rule ids that something reads besides their own effect."""
    lex = content.lexicon
    out: set[str] = set()
    for b in lex.behaviours:
        out.update(b.suppressed_by)
        if b.negated_as:
            out.add(b.negated_as)
        if b.derived is not None:
            out.update(b.derived.all_of, b.derived.any_of, b.derived.none_of)
    for s in content.scenarios.values():
        for need in s.needs:
            out.update(need.behaviours)
    out.update(content.scoring.emotion_steps, content.scoring.problem_steps)
    out.update(content.scoring.emptied_by.keys(), content.scoring.emptied_by.values())
    for p in content.personas.values():
        out.update(p.valued, p.hated)
    return out


def _inert_rules(content: Content, src: Sources) -> Iterator[Finding]:
    lex = content.lexicon
    readers = _readers(content)
    weighed = {rid for p in content.personas.values() for rid, w in p.weights.items() if w}
    listed = {rid for p in content.personas.values() for rid in p.weights}
    places = [(("behaviours", i), b.id, b.effect) for i, b in enumerate(lex.behaviours)]
    places += [(("signals", i), s.id, s.effect) for i, s in enumerate(lex.signals)]
    for path, rid, effect in places:
        if not effect and rid not in weighed and rid not in readers:
            yield at("behaviour-inert", src.lexicon, path + ("effect",), behaviour=rid)
        elif effect and rid not in listed:
            yield at("behaviour-unweighed", src.lexicon, path + ("effect",), behaviour=rid, effect=effect)


# ----------------------------------------------------------------------------- both languages


def check_translations(doc: Located, skip: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every {zh, en} pair in a file: present, different, each in its own language."""
    yield from _walk(doc, doc.data, (), None, skip)


def _walk(doc: Located, data: Any, path: tuple[str | int, ...], lang: str | None,
          skip: frozenset[str]) -> Iterator[Finding]:
    if isinstance(data, dict):
        keys = set(data)
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        if keys and keys <= set(LANGS) and name not in PHRASE_FIELDS and name not in skip:
            yield from _pair(doc, data, path)
        for k, v in data.items():
            if k in skip:
                continue
            if k in PHRASE_FIELDS:
                continue  # phrase lists are checked with the lexicon and the needs
            # A citation's English quotes domain.md, Chinese terms and all (§2.1 ... (表达服务意愿)).
            quoting = "section" in path
            yield from _walk(doc, v, path + (k,), None if quoting else k if k in LANGS else lang, skip)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk(doc, v, path + (i,), lang, skip)
    elif isinstance(data, str) and lang is not None and looks_wrong(lang, data):
        yield at("wrong-language", doc, path, language=lang, text=_short(data))


def _pair(doc: Located, data: dict[str, Any], path: tuple[str | int, ...]) -> Iterator[Finding]:
    what = ".".join(str(p) for p in path if isinstance(p, str)) or "?"
    zh, en = data.get("zh"), data.get("en")
    for lang, value in (("zh", zh), ("en", en)):
        empty = value is None or (isinstance(value, str) and not value.strip()) or (
            isinstance(value, list) and not any(isinstance(v, str) and v.strip() for v in value))
        if empty:
            yield at("missing-translation", doc, path + (lang,), what=what,
                     problem=local("lint.translation.empty", language=lang))
            return
    if isinstance(zh, str) and isinstance(en, str):
        if zh.strip() == en.strip():
            yield at("missing-translation", doc, path + ("en",), what=what,
                     problem=local("lint.translation.identical"))
    elif isinstance(zh, list) and isinstance(en, list):
        if len(zh) != len(en):
            yield at("missing-translation", doc, path, what=what,
                     problem=local("lint.translation.counts", zh=len(zh), en=len(en)))
        for j, (a, b) in enumerate(zip(zh, en, strict=False)):
            if isinstance(a, str) and isinstance(b, str) and a.strip() == b.strip():
                yield at("missing-translation", doc, path + ("en", j), what=what,
                         problem=local("lint.translation.identical"))


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# ----------------------------------------------------------------------------- scenarios


def negative_phrases(content: Content) -> list[tuple[str, str]]:
    """(folded phrase, behaviour) for every phrase of a negative behaviour."""
    return [
        (fold_phrase(p), b.id)
        for b in content.lexicon.behaviours
        if b.polarity == "negative" and b.phrases is not None
        for p in (*b.phrases.zh, *b.phrases.en)
        if fold_phrase(p)
    ]


def _inside_negative(key: str, negatives: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A negative phrase that contains ``key`` (on word boundaries for English)."""
    for phrase, bid in negatives:
        if phrase == key or key not in phrase:
            continue
        start = phrase.find(key)
        while start >= 0:
            end = start + len(key)
            before = phrase[start - 1] if start else ""
            after = phrase[end] if end < len(phrase) else ""
            if not (_is_word(key[0]) and before and _is_word(before)) and not (
                _is_word(key[-1]) and after and _is_word(after)
            ):
                return phrase, bid
            start = phrase.find(key, start + 1)
    return None


def check_scenario(rules: Rulebook, s: m.Scenario, doc: Located) -> Iterator[Finding]:
    """Needs: addressable in both languages, by behaviours that can address them."""
    content = rules.content
    polarity = polarity_of(content)
    signals = {x.id for x in content.lexicon.signals}
    negatives = negative_phrases(content)
    for i, need in enumerate(s.needs):
        base = ("needs", i)
        if need.effect > 0:
            yield at("need-effect-positive", doc, base + ("effect",), need=need.id, effect=need.effect)
        for j, ref in enumerate(need.behaviours):
            if ref in signals:
                yield at("need-signal", doc, base + ("behaviours", j), need=need.id, signal=ref)
            elif polarity.get(ref) == "negative":
                yield at("need-negative", doc, base + ("behaviours", j), need=need.id, behaviour=ref)
        for lang in LANGS:
            phrases = [p for p in getattr(need.phrases, lang) if fold_phrase(p)]
            by_behaviour = [b for b in need.behaviours if b not in signals and detectable(content, b, lang)]
            if not phrases and not by_behaviour:
                yield at("need-unaddressable", doc, base, need=need.id, language=lang)
            for j, phrase in enumerate(getattr(need.phrases, lang)):
                key = fold_phrase(phrase)
                if key and _too_common(key):
                    yield at("need-phrase-common", doc, base + ("phrases", lang, j), need=need.id, phrase=phrase)
                inside = _inside_negative(key, negatives) if key else None
                if inside is not None:
                    yield at("need-phrase-in-negative", doc, base + ("phrases", lang, j), need=need.id,
                             phrase=phrase, negative=inside[0], behaviour=inside[1])
                if lang == "en" and has_cjk(phrase):
                    yield at("wrong-language", doc, base + ("phrases", lang, j), language=lang, text=phrase)


def _too_common(key: str) -> bool:
    # One Chinese character or a one- or two-letter English word turns up in almost any reply.
    return len(key) == 1 or (key.isascii() and len(key) <= 2)


def detectable(content: Content, rid: str, lang: str, _seen: frozenset[str] = frozenset()) -> bool:
    """Whether a reply in ``lang`` can show behaviour ``rid`` at all."""
    lex = content.lexicon
    if any(s.id == rid for s in lex.signals):
        return True
    b = next((b for b in lex.behaviours if b.id == rid), None)
    if b is None or rid in _seen:
        return False
    if b.phrases is not None:
        return bool(getattr(b.phrases, lang))
    d = b.derived
    assert d is not None
    seen = _seen | {rid}
    return all(detectable(content, x, lang, seen) for x in d.all_of) and (
        not d.any_of or any(detectable(content, x, lang, seen) for x in d.any_of)
    )


# ----------------------------------------------------------------------------- personas


def check_persona(rules: Rulebook, p: m.Persona, doc: Located) -> Iterator[Finding]:
    content = rules.content
    yield from _thresholds(content, p, doc)
    polarity = polarity_of(content)
    for j, rid in enumerate(p.valued):
        if rid in p.hated:
            yield at("fit-conflict", doc, ("valued", j), behaviour=rid)
        elif polarity.get(rid) == "negative":
            yield at("fit-polarity", doc, ("valued", j), behaviour=rid, polarity="negative", key="valued")
    for j, rid in enumerate(p.hated):
        if polarity.get(rid) == "positive" and rid not in p.valued:
            yield at("fit-polarity", doc, ("hated", j), behaviour=rid, polarity="positive", key="hated")
    yield from _pools(content, p, doc)


def _thresholds(content: Content, p: m.Persona, doc: Located) -> Iterator[Finding]:
    t = p.thresholds
    leave = min(t.escalate_at, t.walk_out_at)
    used = sorted({s.severity for s in content.scenarios.values()})
    for sev in used:
        effect = content.engine.severity.get(sev)
        start = min(ANGER_MAX, max(0.0, p.initial_anger + (effect.anger if effect else 0)))
        if start >= leave:
            yield at("threshold-start", doc, ("initial_anger",), severity=sev, start=start, threshold=leave)
    for key in ("escalate_at", "walk_out_at"):
        value = getattr(t, key)
        if ANGER_MAX < value < NEVER:
            yield at("threshold-never", doc, ("thresholds", key), key=key, value=value)
    # The lower threshold ends the session first; on a tie the engine takes "escalated".
    pairs = sorted([(t.escalate_at, "escalate_at"), (t.walk_out_at, "walk_out_at")])
    (lo, lo_key), (hi, hi_key) = pairs
    if hi <= ANGER_MAX:
        yield at("threshold-shadowed", doc, ("thresholds", hi_key), key=hi_key, value=hi,
                 other=lo_key, other_value=lo)


def reactions_used(content: Content) -> set[str]:
    lex = content.lexicon
    return {b.reaction for b in lex.behaviours} | {s.reaction for s in lex.signals} | {NEED_REACTION}


def _pools(content: Content, p: m.Persona, doc: Located) -> Iterator[Finding]:
    used = reactions_used(content)
    have: dict[tuple[str, str], set[str]] = {}
    for lang in LANGS:
        for band in BANDS:
            have[(lang, band)] = set(getattr(getattr(p.replies, lang), band).by_reaction)
    everywhere = set().union(*have.values())
    for reaction in sorted(used):
        missing = [(lang, band) for (lang, band), keys in have.items() if reaction not in keys]
        if not missing:
            continue
        if len(missing) == len(have):
            yield at("reply-pool-fallback", doc, ("replies",), reaction=reaction)
        else:
            lang, band = missing[0]
            yield at("reply-pool-missing", doc, ("replies", lang, band, "by_reaction"), reaction=reaction,
                     where=", ".join(f"{lg}.{bd}" for lg, bd in missing))
    for reaction in sorted(everywhere - used):
        lang, band = next(k for k, v in have.items() if reaction in v)
        yield at("reply-pool-unused", doc, ("replies", lang, band, "by_reaction", reaction), reaction=reaction)


# ----------------------------------------------------------------------------- exemplars


def check_exemplars(content: Content, src: Sources) -> Iterator[Finding]:
    for sid, s_doc in src.scenarios.items():
        sets = content.exemplars.get(sid, ())
        if not sets:
            yield at("no-exemplars", s_doc, ("id",), scenario=sid)
            continue
        have = {(x.grade, x.lang) for x in sets}
        missing = [f"{g}/{lang}" for g in GRADES for lang in LANGS if (g, lang) not in have]
        if missing:
            yield at("exemplars-incomplete", s_doc, ("id",), scenario=sid, missing=", ".join(missing))
    for doc, ex in src.exemplars:
        for k, x in enumerate(ex.sets):
            for j, line in enumerate(x.responses):
                path = ("sets", k, "responses", j)
                if looks_wrong(x.lang, line):
                    yield at("wrong-language", doc, path, language=x.lang, text=_short(line))


def check_display_names(content: Content, src: Sources) -> Iterator[Finding]:
    """Two personas (or two scenarios) shown under one name in a language cannot be told apart in `list`."""
    groups = (
        ("persona", "name", {pid: (p.name, src.personas[pid]) for pid, p in content.personas.items()}),
        ("scenario", "title", {sid: (s.title, src.scenarios[sid]) for sid, s in content.scenarios.items()}),
    )
    for what, key, items in groups:
        for lang in LANGS:
            by_name: dict[str, list[str]] = {}
            for ident, (text, _) in items.items():
                by_name.setdefault(getattr(text, lang).strip(), []).append(ident)
            for name, idents in by_name.items():
                for ident in idents if len(idents) > 1 else ():
                    others = [i for i in idents if i != ident]
                    yield at("name-duplicate", items[ident][1], (key, lang), what=local(f"lint.what.{what}"),
                             key=key, name=name, language=lang, others=", ".join(others))
