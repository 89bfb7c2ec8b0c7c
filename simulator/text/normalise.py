"""Fold a reply into the one form the lexicon is written in, keeping a way back.

Folding is NFKC (full-width → half-width), casefold, Traditional → Simplified
Chinese (OpenCC, so zh-TW and HK users share the zh-CN lexicon), Cantonese words
and spoken ones (儿化, 咋, 啥) to written Mandarin and 您 to 你 (``folding.yaml``),
curly quotes to straight ones and whitespace runs to one space. Every folded
character remembers the span of the original text it came from, so hits can be
highlighted in what the trainee actually typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

# Marks a character whose folded form is not exactly one character; its presence
# sends the text down the slow path that tracks offsets one by one. U+FFFF is a
# noncharacter, so it never stands for itself in real input.
_IRREGULAR = "\uffff"
_SPACE = " "
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=8)
def converter(config: str) -> Any:
    """An OpenCC converter for ``config`` (``tw2sp``, ``s2hk``…), built once."""
    import opencc  # deferred: only replies need it, not ``--help``

    return opencc.OpenCC(config)


def _converters() -> tuple[Any, Any]:
    # tw2sp converts Taiwan phrasing too (軟體→软件, 滑鼠→鼠标); tw2s is the
    # character-level fallback when a phrase conversion changes the length.
    return converter("tw2sp"), converter("tw2s")


def _fold_char(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch.isspace():
        return _SPACE
    out = unicodedata.normalize("NFKC", ch).casefold().translate(_QUOTES)
    out = _folding()["characters"].get(out, out)
    if any(c.isspace() for c in out):
        out = "".join(_SPACE if c.isspace() else c for c in out)
    return out


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled lazily; 1:1 characters map to their fold."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        value = folded if len(folded) == 1 and folded != _IRREGULAR else _IRREGULAR
        self[code] = value
        return value


_TABLE = _FoldTable()


class NormText(NamedTuple):
    """A reply as typed (``original``) and as folded for matching (``folded``).

    ``starts[i]``/``ends[i]`` give the original span of folded character ``i``;
    both are ``None`` when folding kept every character in place. A named tuple:
    one is built for every reply (and phrase) folded.
    """

    original: str
    folded: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded ``[start, end)`` span back to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def quote(self, start: int, end: int) -> str:
        """The original words behind a folded span."""
        s, e = self.span(start, end)
        return self.original[s:e]


def _to_simplified(text: str) -> str | None:
    """Phrase-level Traditional→Simplified when it keeps the length, else None."""
    if text.isascii():
        return text
    phrase, _ = _converters()
    out: str = phrase.convert(text)  # type: ignore[attr-defined]
    return out if len(out) == len(text) else None


@lru_cache(maxsize=65536)
def fold_phrase(phrase: str) -> str:
    """A phrase as the matcher stores it: folded and stripped, so 請稍等 and 请稍等 are one key.

    Cached and bounded: lexicon phrases, tone words and quoted hits repeat a great deal
    (every scenario's automaton holds the same three thousand phrases).
    """
    return normalise(phrase).folded.strip()


def normalise(text: str) -> NormText:
    """Fold ``text`` for matching, with an offset map back to the original."""
    folded = text.translate(_TABLE)
    if _IRREGULAR not in folded and "  " not in folded:
        simplified = _to_simplified(folded)
        if simplified is not None:
            return _to_mandarin(NormText(text, simplified))
    return _to_mandarin(_normalise_slow(text))


@lru_cache(maxsize=1)
def _folding() -> dict[str, dict[str, str]]:
    import yaml  # deferred like OpenCC: only replies need it

    data: dict[str, dict[str, str]] = yaml.safe_load(
        resources.files("simulator.text").joinpath("folding.yaml").read_text("utf-8")
    )
    return data


# An English key is a whole word (or words): not inside "illness", "will" or "it's", nor
# joined to a Chinese word (U盘, a USB stick, is not "you盘"): \w covers both.
_EN_BEFORE = r"(?<![\w'\-])"
_EN_AFTER = r"(?![\w'\-])"
# A code-mixed English word (``folding.yaml`` ``code_mixed``) ends at ASCII letters only: the
# Chinese beside it is what makes it one.
_ASCII_BEFORE = r"(?<![a-z0-9'\-])"
_ASCII_AFTER = r"(?![a-z0-9'\-])"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@lru_cache(maxsize=1)
def _word_folds() -> tuple[re.Pattern[str], dict[str, str], tuple[re.Pattern[str], ...]]:
    """One pattern for the word folds: Cantonese words anywhere, English ones as whole words.

    Also the probes that tell cheaply whether a reply holds any key at all (most hold none):
    the Cantonese keys alone start with literals, so the regex engine skips ahead to their
    first characters; the English ones, behind their whole-word guard, go behind a look-ahead
    for their first letters. Probing with the combined pattern cost four times as much.
    """
    folding = _folding()
    # Spoken Mandarin (儿化, 咋, 啥) folds like Cantonese: Chinese words, anywhere.
    # …and so does formal written Chinese (我司, 本公司: the company's "we").
    cantonese = {**folding["cantonese"], **(folding.get("spoken") or {}), **(folding.get("formal") or {})}
    english = folding.get("english") or {}
    mixed = folding.get("code_mixed") or {}
    words = {**cantonese, **english, **mixed}
    # Longest first, so at each position the longest key wins (对唔住 before 唔, "im going to"
    # before "im"). A Cantonese and an English key never start at the same character.
    def alternatives(table: dict[str, str]) -> str:
        return "|".join(re.escape(k) for k in sorted(table, key=lambda k: (-len(k), k)))

    def led(table: dict[str, str], body: str) -> re.Pattern[str]:
        # Behind a look-ahead for the keys' first letters: with the look-behinds of a word guard
        # first, the engine would try every key at every character.
        first = re.escape("".join(sorted({k[0] for k in table if k})))
        return re.compile(f"(?=[{first}])(?:{body})")

    pattern = alternatives(cantonese)
    probes = [re.compile(pattern)]
    if english:
        guarded = f"{_EN_BEFORE}(?:{alternatives(english)}){_EN_AFTER}"
        pattern += f"|{guarded}"
        probes.append(led(english, guarded))
    if mixed:
        # An English word typed inside Chinese (我帮您check一下, 明天call您): only beside a Chinese
        # character, so an English sentence keeps its own words for the English phrases; before
        # Chinese, only when no English word goes before it ("Let me check 一下" keeps "let me check").
        keys = alternatives(mixed)
        inside = (
            f"(?:(?<=[{_HAN}])|(?<=[{_HAN}] ))(?:{keys}){_ASCII_AFTER}"
            f"|{_ASCII_BEFORE}(?<![a-z0-9'\\-] )(?:{keys})(?= ?[{_HAN}])"
        )
        pattern += f"|{inside}"
        probes.append(led(mixed, inside))
    return re.compile(pattern), words, tuple(probes)


def _to_mandarin(norm: NormText) -> NormText:
    """Replace Cantonese, spoken and English folded words, keeping the map back to the original."""
    pattern, words, probes = _word_folds()
    text = norm.folded
    found = [p.search(text) is not None for p in probes]
    if not any(found):
        return norm
    if sum(found) == 1:
        # Only one kind of key occurs (Chinese, English or code-mixed: no two kinds start at the
        # same character): scan with its own probe, not the combined pattern, whose English word
        # guards make the engine try every key at every character (200 µs for an English reply
        # holding "I have", against a few µs).
        pattern = probes[found.index(True)]
    old_starts, old_ends = norm.starts, norm.ends
    found_words = [(m.start(), m.end(), words[m.group()]) for m in pattern.finditer(text)]
    pieces: list[str] = []
    if old_starts is None and all(len(word) == b - a for a, b, word in found_words):
        # Every character still in its place so far, and each word found folds to one as long
        # (我司 → 我们, 唔 → 不, 嘅 → 的): they all stay in place, and no offset map is needed.
        last = 0
        for a, b, word in found_words:
            pieces += (text[last:a], word)
            last = b
        pieces.append(text[last:])
        return NormText(norm.original, "".join(pieces))

    starts: list[int] = []
    ends: list[int] = []

    def keep_places(a: int, b: int) -> None:
        # Characters a..b keep their places: copied a slice at a time, not one by one (a
        # reply whose folds change length, "i have" → "i've", pays this for every character).
        if old_starts is None or old_ends is None:
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        else:
            starts.extend(old_starts[a:b])
            ends.extend(old_ends[a:b])

    last = 0
    for a, b, word in found_words:
        keep_places(last, a)
        pieces.append(text[last:a])
        if len(word) == b - a:  # character for character: each keeps its own place
            keep_places(a, b)
        else:  # every character of the Mandarin word stands for the whole Cantonese one
            s = a if old_starts is None else old_starts[a]
            e = b if old_ends is None else old_ends[b - 1]
            starts.extend([s] * len(word))
            ends.extend([e] * len(word))
        pieces.append(word)
        last = b
    keep_places(last, len(text))
    pieces.append(text[last:])
    return NormText(norm.original, "".join(pieces), tuple(starts), tuple(ends))


def _normalise_slow(text: str) -> NormText:
    _, chars = _converters()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        for c in piece:
            if c == _SPACE and out and out[-1] == _SPACE:
                ends[-1] = i + 1  # a whitespace run folds into one space
                continue
            if c == _IRREGULAR:
                continue
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
    folded = "".join(out)
    simplified = _to_simplified(folded)
    if simplified is None:
        simplified = "".join(chars.convert(c) if not c.isascii() else c for c in folded)  # type: ignore[attr-defined]
        if len(simplified) != len(folded):  # a character converted to two: keep it as typed
            simplified = folded
    return NormText(text, simplified, tuple(starts), tuple(ends))
