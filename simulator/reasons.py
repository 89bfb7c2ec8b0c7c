"""Words for why anger moved: rule name, quoted words, multipliers. Pure, localised."""

from __future__ import annotations

from simulator.content.models import Citation
from simulator.engine.rulebook import Rulebook
from simulator.engine.state import Change
from simulator.i18n import t


def rule_name(
    rules: Rulebook, rule_id: str, lang: str, scenario: str | None = None, kind: str = "behaviour"
) -> str:
    """The display name of a behaviour, signal, need (``kind="need"``), ``drift`` or ``jab``."""
    if kind == "need" and scenario is not None:
        for need in rules.content.scenario(scenario).needs:
            if need.id == rule_id:
                return t("rule.need", lang, need=getattr(need.description, lang))
    if rule_id in ("drift", "jab") and kind == rule_id:
        return t(f"rule.{rule_id}", lang)
    if rule_id in rules.rules:
        return str(getattr(rules.rules[rule_id].name, lang))
    return rule_id


def cited(section: str, lang: str) -> str:
    """A citation in the reader's language: built-in citations carry a Chinese wording."""
    return section.worded(lang) if isinstance(section, Citation) else section


def factor_text(why: str, x: float, lang: str) -> str:
    """One multiplier in words; stance and nature name which one applies (谈判型)."""
    kind, _, arg = why.partition(":")
    shown = f"{x:g}" if x == round(x, 2) else f"{x:.2f}"
    if kind == "repeat":
        return t("factor.repeat", lang, n=arg, x=shown)
    if kind in ("stance", "nature") and arg:
        return t(f"factor.{kind}_named", lang, name=t(f"{kind}.{arg}", lang), x=shown)
    if kind in ("feelings_first", "but_after", "stance", "nature"):
        return t(f"factor.{kind}", lang, x=shown)
    return f"{why} ×{shown}"


def quote_marks(text: str, lang: str) -> str:
    return f"「{text}」" if lang == "zh" else f' "{text}"'


def change_reason(rules: Rulebook, change: Change, lang: str, scenario: str | None = None) -> str:
    """One line, e.g. ``体谅情感「我理解您的心情」 重复第2次 ×0.5``."""
    text = rule_name(rules, change.rule, lang, scenario, change.kind)
    if change.quote:
        q = change.quote if len(change.quote) <= 40 else change.quote[:39] + "…"
        text += quote_marks(q, lang)
    extra = [factor_text(why, x, lang) for why, x in change.factors]
    return " ".join([text, *extra])


def shown(amount: float) -> bool:
    """Whether a move is worth a row: its amount is not zero at the one decimal shown (no "-0.0", "±0")."""
    return f"{amount:.1f}" not in ("0.0", "-0.0")


def signed(x: float) -> str:
    return f"{x:+.1f}".replace("+0.0", "±0")
