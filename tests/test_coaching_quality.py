"""Coaching read as a demanding contact-centre trainer would (domain.md §3, §5, §7).

A better reply follows the scenario's own line of action, does not say one thing twice
in other words, leaves no half-sentence behind, and does nothing the report coaches against.
"""

from __future__ import annotations

from simulator.coaching import improvements
from simulator.content import load_content
from simulator.engine import Rulebook, start, step

RULES = Rulebook(load_content())


def best(text: str, scenario: str, lang: str = "zh", persona: str = "analytical"):
    state = start(RULES, scenario, persona, lang=lang)
    found = improvements(RULES, state, [step(state, text)])
    assert found, text
    return found[0]


def test_engineer_no_show_gets_its_own_line_of_action():
    # §7 on-site engineer never came: "someone is on the way" or a firm slot tomorrow,
    # not the generic "我今天下午三点前给您回电" after a fact question.
    for text, lang in (("请问您是什么时候开始出现这个问题的？", "zh"), ("我们会尽快处理的，您等通知吧。", "zh"),
                       ("When did this problem start?", "en")):
        for persona in ("friendly", "domineering", "analytical", "self-centered"):
            s = best(text, "engineer-no-show", lang, persona).suggestion
            assert "三点前给您回电" not in s and "call you back by 3 pm" not in s, s


def test_english_paraphrase_is_not_said_twice():
    # "I'll sort it out for you right away" next to "Let me sort this out for you now".
    for persona in ("friendly", "domineering", "analytical", "self-centered"):
        s = best("You should have read the terms before signing.", "billing-error", "en", persona).suggestion
        assert s.lower().count("sort") <= 1, s


def test_no_half_sentence_left_by_an_echo_cut():
    # "Because an exception needs a supervisor's approval, what I can do is ask for one" lost
    # its first clause, leaving "What I can do is ask for one right away." (one what?); in
    # Chinese the cut left "因为特殊处理需要主管批准。" with no main clause.
    for persona in ("friendly", "domineering", "analytical", "self-centered"):
        en = best("We can't refund that, it's company policy.", "billing-error", "en", persona).suggestion
        assert "ask for one" not in en, en
        zh = best("这个我们不能退，公司规定就是这样。", "billing-error", "zh", persona).suggestion
        assert "因为特殊处理需要主管批准。" not in zh, zh


def test_suggestion_does_not_do_what_is_coached_against():
    # A better reply whose replay trips a negative behaviour (an unowned handover, an
    # apology with nothing behind it) is no model to copy.
    cases = [("對不起，這不歸我管，您去找銷售部門吧。", "data-loss", "zh", "friendly"),
             ("對不起，這不歸我管，您去找銷售部門吧。", "general-complaint", "zh", "friendly")]
    for text, scenario, lang, persona in cases:
        cf = best(text, scenario, lang, persona).counterfactual
        bad = [h.counts_as for h in cf.hits if h.counts_as and RULES.rules[h.counts_as].polarity == "negative"]
        assert not bad, (cf.text, bad)


def test_exemplar_text_offered_out_of_context_stands_alone():
    # A good exemplar's later turn ("查到了，是因为…", "总结一下：…", "我确认一下…") offered for
    # a bare "对不起" claims a cause nobody found or sums up what nobody agreed (§3.4, §3.5);
    # "并安排他重新参加培训" no longer says who he is.
    import re

    scenarios = sorted(RULES.content.scenarios)
    for scenario in scenarios:
        for persona in ("friendly", "domineering", "analytical", "self-centered"):
            state = start(RULES, scenario, persona, lang="zh")
            turns = [step(state, "您好，我是客服小王，我理解您的心情。")]
            turns.append(step(turns[-1].state, "对不起。"))
            for imp in improvements(RULES, state, turns):
                assert not re.search(r"查到了|总结一下|我确认一下|(?<!其)[他她]", imp.suggestion), imp.suggestion
