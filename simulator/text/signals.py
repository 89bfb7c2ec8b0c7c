"""Structural signals: what a reply does that no phrase shows.

Too short, shouting, a wall of text, questions asked, a concrete time or number
mentioned. Session-level signals (a repeated reply, needs still ignored) are
decided by the engine, which knows the history; this module only reads one reply.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from simulator.content import models as m
from simulator.text.matcher import CLAUSE_BREAKS
from simulator.text.normalise import NormText

_CN_NUM = "0-9零〇一二两三四五六七八九十百半"
# §3 "promise an answer by an agreed time": clock times, dates, deadlines and
# durations in Chinese and English. "Right now" words (马上, 立刻, immediately) are not
# here: they show urgency (§5), which concrete_action credits, but agree no time the
# customer can hold the company to, and counting them again as a time paid one word
# three times (action, time, commitment) and let 马上 excuse a vague 尽快. 十分钟后 / 半小时后
# is "in ten minutes" / "in half an hour", as the English pattern reads it. A range written in
# figures (3-5个工作日, 3至5天), the written reply's span, is one as "within 24-48 hours" is:
# 款项预计3-5个工作日原路退回 says when. Not a spoken 一到两个工作日, "a day or two", which the English
# pattern does not read either; and short numbers only (010-82149985 工作日 is a phone number).
_TIME_ZH_BODY = rf"""(
      (今天|今日|今晚|明天|明早|明日|后天|本周|这周|下周|周[一二三四五六日天]|星期[一二三四五六日天]|月底|月初)
        (上午|下午|晚上|中午|早上|傍晚)?([{_CN_NUM}]+[点时](半|[{_CN_NUM}]+分?)?)?(之前|前|以前|内)?
    | (上午|下午|晚上|中午|早上|傍晚)[{_CN_NUM}]+[点时](半|[{_CN_NUM}]+分?)?(之前|前|以前)?
    | [{_CN_NUM}]+[点时](半|[{_CN_NUM}]+分)?(之前|前|以前)
    | [{_CN_NUM}]+\s*(个)?(小时|分钟|工作日|天|日|周|星期)(之内|以内|内)
    | (?<![0-9\-])[0-9]{{1,3}}\s*[-~至到]\s*[0-9]{{1,3}}(个)?(小时|分钟|工作日|天|日|周|星期)
    | [{_CN_NUM}]+\s*(个)?(小时|分钟)后
    | [{_CN_NUM}]+月[{_CN_NUM}]+[日号]
    )"""
# As 周三 / 下周 / 5点前 in Chinese: a weekday alone ("I'll call you Wednesday"), next week or a
# weekday, a bare hour after "before" ("before 5"), and the office deadlines "close of
# business" / "end of play" / EOD / COB; a range ("within 24-48 hours"), and a bare hour after
# "by" / "at" that ends its clause ("I'll ring you back at 3.", not "looking at 3 bills"); a
# desk's "within 24-48 business hours" or "within 48 hrs" is a duration as "2 business days" is,
# and so is a turnaround time stated ("the TAT is 7 working days") and updates promised at a
# stated interval ("every 24 hours").
_TIME_EN_BODY = r"""\b(today|tonight|tomorrow|this\s(morning|afternoon|evening|week)|end\sof\s(the\s)?(day|week)
        |(by|before|on)\s(noon)
        |((by|before|this|next|on)\s)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)
        |next\sweek
        |(by|before)\s(close\sof\sbusiness|end\sof\splay|eod|cob)
        |before\s\d{1,2}(:\d{2})?(?!\d|[.,:]\d|\s?(%|percent|days?|weeks?|months?|years?|pounds?|dollars?|euros?))
        |\d{1,2}(:\d{2})?\s?(am|pm|o'clock)
        |within\s(\d+|\d+\s?[-–]\s?\d+|an?|one|two|three|24|48)\s(minutes?|hours?|hrs?|days?|(business|working)\s(days?|hours?|hrs?))
        |(by|at)\s\d{1,2}(:\d{2})?(?=\s?[.,;!?]|\s?$|\s(today|tomorrow|tonight|this|latest|at\slatest)\b)
        |(within|in|over)\sthe\s(next|coming)\s((\d+|one|two|three|ten|fifteen|thirty|24|48)\s)?
            (minutes?|hours?|days?|business\sdays?|working\sdays?)
        |within\sthe\s(hour|day)
        |every\s(\d+|two|three|four|six|twelve)\s(hours?|hrs?|days?)
        |(tat|turnaround\stime)(\s[a-z]+){0,4}\s(is|of|will\sbe)\s(\d+|\d+\s?[-–]\s?\d+)\s(hours?|hrs?|days?|(business|working)\s(days?|hours?|hrs?))
        |in\s(\d+|an?|one|two|ten|fifteen|thirty)\s(minutes?|mins?|hours?|hrs?))\b"""
# Each pattern behind a look-ahead for the characters a match can start with: the regex
# engine then rejects most positions with one set test instead of trying every
# alternative there (about 3.5 times faster on Chinese replies, same matches).
_TIME_ZH = re.compile(f"(?=[今明后本这下周星月上晚中早傍{_CN_NUM}])" + _TIME_ZH_BODY, re.VERBOSE)
_TIME_EN = re.compile(r"(?=[tebowi\dmfsna])" + _TIME_EN_BODY, re.VERBOSE)
# Words every match of each pattern contains. Trying the patterns at every position
# is the costly part; most replies contain none of these and skip it.
_TIME_ZH_ANCHOR = re.compile(r"[今明周月点时内]|后天|星期|分钟后|[0-9]\s*[-~至到]")
_LATIN_LETTER = re.compile("[a-z]")  # the text is folded: no capitals left
_TIME_EN_ANCHOR = re.compile(r"day|night|tomorrow|morning|afternoon|evening|week|noon|\d|minute|hour|eod|cob|business|play")


def find_time(text: str, pos: int = 0) -> re.Match[str] | None:
    """The first concrete time in folded text from ``pos``: Chinese forms win a tie at the same position."""
    # Every Chinese form holds a Chinese character and every English one a Latin letter,
    # so a reply in one language never pays for the other's search.
    zh = _TIME_ZH.search(text, pos) if not text.isascii() and _TIME_ZH_ANCHOR.search(text, pos) else None
    en = _TIME_EN.search(text, pos) if _LATIN_LETTER.search(text, pos) and _TIME_EN_ANCHOR.search(text, pos) else None
    if en is None or (zh is not None and zh.start() <= en.start()):
        return zh
    return en


# §3 "promise an answer by an agreed time": a time in a clause that reports what was done
# (4月27号已经办理成功, 今天下午工作人员有联系过您) or asks the customer about it (您今天充了几次？)
# is no time promised. The next time in the reply may still be one.
_CLAUSE_BREAKS = "".join(sorted(CLAUSE_BREAKS))
_DONE = re.compile(r"已经|已|过您|过了|联系过|成功(?!后|之后|以后)|完毕|完成了|消耗完")
_ASKED = re.compile(r"\?|吗\s*$|^\s*请问|有无|有没有|是否")
# …unless the time itself looks ahead (已经为您安排明天上午上门, 已登记，48小时内联系您): an
# arrangement made for a coming time is a promise.
_AHEAD = re.compile(r"明|后天|下(?!午)|内|前|后")


def promised_time(text: str) -> re.Match[str] | None:
    """The first concrete time not in a clause that reports the past or asks (see ``_DONE``)."""
    t = find_time(text)
    # Chat Chinese often parts its clauses with a space (帮您查了下 我今天帮您反馈); English
    # parts its words with one.
    breaks = _CLAUSE_BREAKS if text.isascii() else _CLAUSE_BREAKS + " "
    while t is not None:
        lo = max(text.rfind(c, 0, t.start()) for c in breaks) + 1
        hi = min((i for i in (text.find(c, t.end()) for c in breaks) if i >= 0), default=len(text))
        clause = text[lo:hi + 1]
        # A time offered in a question (明天上午十点给您回电可以吗？, "shall I call you by 5pm?")
        # asks the customer to agree to it (§3): only a time that does not look ahead, asked
        # about in Chinese, is a fact asked for.
        reported = _DONE.search(clause) or (not text.isascii() and _ASKED.search(clause))
        if not reported or _AHEAD.search(t.group()):
            return t
        t = find_time(text, hi)
    return None


# Fewer capitals than this are initials or an acronym, not shouting.
_SHOUT_MIN_LETTERS = 8
# The unit is optional, and so is the space before it: "3 " alone would quote the space.
_NUMBER = re.compile(r"\d+(\.\d+)?(?:\s?(?:%|元|块|次|个|位|单|号|gb|mb|usd|yuan|dollars?))?")


class Signal(NamedTuple):
    """One structural signal with the part of the reply it points at (original offsets)."""

    kind: str
    value: int
    start: int = 0
    end: int = 0
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "start": self.start, "end": self.end, "quote": self.quote}


# Everything but letters and digits: ``[\W_]`` is exactly ``not str.isalnum()`` (both use
# Python's Unicode alphanumeric test), and one C-level substitution is faster than testing
# each character in Python, which matters on every reply of a batch.
_NOT_ALNUM = re.compile(r"[\W_]+")
# Latin letters as ``c.isascii() and c.isalpha()`` sees them, and the capitals among them.
_NOT_LATIN = re.compile(r"[^A-Za-z]+")
_NOT_CAPITAL = re.compile(r"[^A-Z]+")
# Exclamation marks in a row, spaces between them allowed (text is folded: ！ is already !).
_BANG_RUN = re.compile(r"!(?:\s*!)*")


_LATIN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")


def spoken_units(folded: str, key: str) -> int:
    """How long a reply is to say: each Chinese character and each English word counts one.

    §4 measures speech in characters (90–100 a minute). An English word takes about as
    long to say as a Chinese character or two, while it is five or six letters: counting
    letters made a 40-word English reply as long as a 220-character Chinese one.
    """
    non_latin = len(key) - len(key.encode("ascii", "ignore"))  # letters and digits outside ASCII: 汉字
    return non_latin + len(_LATIN_WORD.findall(folded))


def reply_key(norm: NormText) -> str:
    """What two replies share when one repeats the other: letters and digits only."""
    return _NOT_ALNUM.sub("", norm.folded)


def read_signals(norm: NormText, limits: m.SignalLimits, key: str | None = None) -> list[Signal]:
    """Signals readable from one reply alone (``key``: its :func:`reply_key`, if already known)."""
    text = norm.folded
    original = norm.original
    out: list[Signal] = []
    if key is None:
        key = reply_key(norm)
    content = len(key)  # letters and digits
    if content <= limits.too_short_chars:
        out.append(Signal("too_short", 1, 0, len(original), original))
    # Exclamation marks shout when they pile up (好了没有！！！), not when each closes its own
    # polite sentence (您好！……谢谢！), the usual style of written Chinese service replies.
    bangs = text.count("!")
    if bangs >= limits.shouting_exclamations:
        bangs = max(r.count("!") for r in _BANG_RUN.findall(text))
    # Every Latin letter typed is still an ASCII letter or digit once folded, so the key's
    # ASCII characters bound the count from above: most Chinese replies stop here.
    latin_bound = len(key.encode("ascii", "ignore"))
    capitals = False
    caps = 0
    if latin_bound >= _SHOUT_MIN_LETTERS and latin_bound * 2 >= content:
        letters = _NOT_LATIN.sub("", original)
        caps = len(_NOT_CAPITAL.sub("", letters))
        # Capitals shout only in a mostly-Latin reply: WIFI or VIP inside Chinese is not shouting.
        capitals = (len(letters) >= _SHOUT_MIN_LETTERS and len(letters) * 2 >= content
                    and caps / len(letters) >= limits.shouting_caps_ratio)
    if bangs >= limits.shouting_exclamations or capitals:
        out.append(Signal("shouting", bangs or caps, 0, len(original), original))
    if len(original) >= limits.wall_of_text_chars:  # a reply never has more units than characters
        units = spoken_units(text, key)
        if units >= limits.wall_of_text_chars:
            out.append(Signal("wall_of_text", units, 0, len(original), original))
    questions = text.count("?")
    if questions:
        pos = text.index("?")
        s, e = norm.span(pos, pos + 1)
        out.append(Signal("asks_questions", questions, s, e, original[s:e]))
    t = promised_time(text)
    if t:
        s, e = norm.span(t.start(), t.end())
        out.append(Signal("concrete_time", 1, s, e, original[s:e]))
    n = _NUMBER.search(text)
    if n:
        s, e = norm.span(n.start(), n.end())
        out.append(Signal("concrete_number", 1, s, e, original[s:e]))
    return out
