"""The scorecard's pass rule and N/A rules (simulator/scoring.py, rules/scoring.yaml)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from simulator.engine import Outcome, play, start
from simulator.engine.step import read_reply
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


# §5 "apologise early, briefly and sincerely": an apology with nothing behind it (empty_apology)
# is not the §2/§8 apology step; one with substance is. rules/scoring.yaml ``emptied_by``.
EMPTY_SORRY = "非常抱歉，给您带来不便。"
SORRY_AND_ACT = "非常抱歉，我现在就帮您查一下订单。"


def _emotion(rules, replies, persona="friendly"):
    turns = play(start(rules, "general-complaint", persona, seed=1), replies, with_reply=False)
    dim = score_session(rules, "general-complaint", persona, turns).dimension("emotion")
    return dim.score, {e.rule: e for e in dim.evidence}


def test_an_empty_apology_earns_no_apology_step(rules):
    score, ev = _emotion(rules, [EMPTY_SORRY])
    # The report still quotes it, with why it earned nothing.
    assert ev["apology"].note == "emptied" and ev["apology"].points < 0
    assert (ev["apology"].turn, ev["apology"].quote) == (1, "非常抱歉")
    assert score == 0


def test_an_apology_with_substance_earns_the_step(rules):
    score, ev = _emotion(rules, [SORRY_AND_ACT])
    assert ev["apology"].points > 0 and ev["apology"].turn == 1
    assert score > 0


def test_a_later_sincere_apology_counts_at_its_own_turn(rules):
    _, ev = _emotion(rules, [EMPTY_SORRY, SORRY_AND_ACT])
    assert ev["apology"].points > 0 and ev["apology"].turn == 2


def test_emptied_by_names_known_behaviours(tmp_path):
    from simulator.content.loader import build_content, builtin_files
    from simulator.errors import ContentError

    src = next(f for f in builtin_files() if f.name == "scoring.yaml")
    bad = tmp_path / "scoring.yaml"
    bad.write_text(src.read_text("utf-8").replace("emptied_by: {apology: empty_apology}",
                                                  "emptied_by: {apology: hollow_sorry}"), "utf-8")
    line = next(i for i, x in enumerate(bad.read_text("utf-8").splitlines(), 1) if x.startswith("emptied_by"))
    with pytest.raises(ContentError, match=rf"scoring\.yaml:{line}:\d+: emptied_by\.apology: unknown behaviour 'hollow_sorry'"):
        build_content([f for f in builtin_files() if f.name != "scoring.yaml"] + [bad])


# §3.3 提供信息: information the customer can use (steps, what the record shows) is a §3 technique.
def test_information_given_is_a_problem_technique(rules):
    text = "您可以在设置中关闭后台自启动，再重启一下手机。"
    assert "gives_information" in read_reply(rules, "general-complaint", text).present
    turns = play(start(rules, "general-complaint", "analytical", seed=1), [text], with_reply=False)
    dim = score_session(rules, "general-complaint", "analytical", turns).dimension("problem")
    assert any(e.rule == "gives_information" and e.points > 0 for e in dim.evidence)
