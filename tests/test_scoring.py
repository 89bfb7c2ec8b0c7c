"""The scorecard's pass rule and N/A rules (simulator/scoring.py, rules/scoring.yaml)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from simulator.engine import Outcome, play, start
from simulator.scoring import score_session

BOT = Path(__file__).resolve().parents[1] / "examples" / "polite_bot.py"


def _bot_script(lang: str) -> list[str]:
    spec = importlib.util.spec_from_file_location("polite_bot", BOT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return list(mod.SCRIPT[lang])


def test_a_lost_customer_fails_whatever_the_points(rules):
    # The example bot is polite and generic: on a billing error it never restores the
    # line or refunds the fee, repeats its closing line and the customer's patience runs
    # out. Its replies earn most points, but the complaint was not handled (§6).
    lines = _bot_script("zh")
    turns = play(start(rules, "billing-error", "analytical", seed=1), lines + [lines[-1]] * 10, with_reply=False)
    assert turns[-1].outcome is Outcome.UNRESOLVED
    card = score_session(rules, "billing-error", "analytical", turns)
    assert card.total >= card.pass_mark
    assert not card.passed
    assert "unresolved" in rules.content.scoring.fail_outcomes


def test_replies_that_run_out_are_judged_unresolved(rules):
    # A bot that greets well once and stops has not handled the complaint (§4 达成共识):
    # it must not pass a --min-pass-rate gate on its good first words.
    one = ["您好，我是客服小王，很高兴为您服务。非常抱歉，给您添麻烦了，这件事由我负责跟进。请问是什么时候开始的？"]
    turns = play(start(rules, "general-complaint", "friendly", seed=1), one, with_reply=False)
    assert turns[-1].outcome is None
    card = score_session(rules, "general-complaint", "friendly", turns)
    assert card.total >= card.pass_mark
    assert not card.passed


def test_an_instant_escalation_does_not_outscore_a_later_one(rules):
    insult = "你怎么一点常识都没有？这不归我管，我们向来都是这么做的。"
    instant = play(start(rules, "hotline-callback", "domineering", seed=1), [insult], with_reply=False)
    later = play(start(rules, "hotline-callback", "domineering", seed=1), ["请问您是什么时候打的电话？", insult, insult],
                 with_reply=False)
    assert instant[-1].outcome is Outcome.ESCALATED and len(instant) == 1
    assert later[-1].outcome is Outcome.ESCALATED and len(later) > 1
    a = score_session(rules, "hotline-callback", "domineering", instant)
    b = score_session(rules, "hotline-callback", "domineering", later)
    assert a.dimension("problem").score is not None  # the reply could have addressed the problem
    assert a.total <= b.total
    assert not a.passed and not b.passed
