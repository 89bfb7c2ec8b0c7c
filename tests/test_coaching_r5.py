"""Coaching read as one message a trainer would sign off (domain.md §2–§5).

A better reply opens with the introduction and the feelings, asks about the facts before
it answers, and does not contradict itself: no supervisor's approval beside a promise
already made, no second deadline beside the scenario's own, no "let me see what I can
do" after a firm commitment, no "if this is on our side" after "you're right, we got it
wrong". And where calming ties, the suggestion meets the need the turn could have met.
"""

from __future__ import annotations

import pytest

from simulator.coaching import candidates, improvements, repair
from simulator.content import load_content
from simulator.engine import Rulebook, start, step

RULES = Rulebook(load_content())
PERSONAS = sorted(RULES.content.personas)
SCENARIOS = sorted(RULES.content.scenarios)


def turn_of(text: str, scenario: str, persona: str = "analytical", lang: str = "zh"):
    state = start(RULES, scenario, persona, seed=0, lang=lang)
    return state, step(state, text)


def all_candidates(text: str, scenario: str, persona: str = "analytical", lang: str = "zh") -> list[str]:
    _, turn = turn_of(text, scenario, persona, lang)
    return candidates(RULES, turn, lang, scenario, persona)


def suggestion(text: str, scenario: str, persona: str = "analytical", lang: str = "zh"):
    state, turn = turn_of(text, scenario, persona, lang)
    found = improvements(RULES, state, [turn])
    assert found, text
    return found[0]


# ----------------------------------------------------------------------------- order


@pytest.mark.parametrize(("lang", "text", "feeling", "action"), [
    ("zh", "我马上帮您处理，不过需要主管批准才行。", "我理解您的心情", "我马上帮您处理"),
    ("zh", "我今天下午三点前给您回电，不过可能要等几天。", "我理解您的心情", "三点前"),
    ("en", "I'll handle it right away, but I need my manager's approval.", "I understand how you feel",
     "I'll handle it right away"),
])
def test_feelings_line_put_in_a_sentence_goes_before_its_action(lang, text, feeling, action):
    # "我马上帮您处理，我理解您的心情，同时…" acted first and empathised after (§2 先处理情感).
    _, turn = turn_of(text, "general-complaint", lang=lang)
    fixed, _ = repair(RULES, turn, lang)
    assert fixed.index(feeling) < fixed.index(action), fixed


def test_self_introduction_opens_the_reply():
    # The exemplar line "…谢谢您还愿意打进来，我是技术支持的小刘。" put the name last (§2.3).
    for text, lang, name, sorry in (("OK.", "en", "my name is Liu", "sorry"), ("好的。", "zh", "我是技术支持的小刘", "抱歉")):
        found = [c for c in all_candidates(text, "hotline-callback", "self-centered", lang) if name in c]
        assert found
        for c in found:
            assert c.index(name) < c.index(sorry), c


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_feelings_line_after_the_action(scenario):
    # "非常抱歉，我现在就帮您处理。我今天下午三点前给您回电。给您添麻烦了。"
    for text in ("系统出故障了，您再等等。", "抱歉，我们下班了。", "您冷静一点，我们会处理的。"):
        for c in all_candidates(text, scenario, "friendly"):
            for feeling in ("给您添麻烦了", "我理解您的心情", "您慢慢说"):
                if feeling in c and "回电" in c:
                    assert c.index(feeling) < c.index("回电"), c


def test_a_greeting_stays_first_when_lines_move_ahead():
    for c in all_candidates("您好，请问您的订单号是多少？", "engineer-no-show", "self-centered"):
        assert c.startswith("您好"), c
    for c in all_candidates("Hello, could I have your job number?", "engineer-no-show", "self-centered", "en"):
        assert c.startswith("Hello"), c


def test_a_question_finds_the_facts_before_the_answer():
    # §3: gather information (a hold while checking with the manager, §7) before the options.
    found = [c for c in all_candidates("我们会重新安排，到时候通知您。", "engineer-no-show") if "请您稍等" in c and "哪种方便" in c]
    assert found
    for c in found:
        assert c.index("请您稍等") < c.index("哪种方便"), c


def test_a_two_sentence_line_is_not_split_by_the_ordering():
    # "Could you walk me through what you did? Let's find where it went wrong together." is one move.
    for persona in PERSONAS:
        for c in all_candidates("Our system is fine. You must have entered the wrong number.", "billing-error", persona, "en"):
            if "walk me through" in c:
                assert "walk me through what you did? Let's find where it went wrong together." in c, c


# ----------------------------------------------------------------------------- one message


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_supervisor_approval_beside_a_promise(persona):
    # "明天上午我安排工程师上门，免费更换…。这个要求我需要向主管申请，我今天下午三点前给您答复。"
    for scenario in SCENARIOS:
        for text in ("这是公司规定，我也没办法。", "我们向来都是这么做的。"):
            s = suggestion(text, scenario, persona).suggestion
            assert s.count("主管") <= 1, s  # approval asked for once, not twice in other words
    for c in all_candidates("这是公司规定，我也没办法。", "dongle-defect", persona):
        assert not ("主管" in c and "免费更换" in c), c
    for c in all_candidates("That's company policy, I can't do anything.", "dongle-defect", persona, "en"):
        assert not ("supervisor" in c and "free of charge" in c), c


def test_approval_line_goes_but_the_apology_before_it_stays():
    # "Sorry, because an exception needs a supervisor's approval…" beside a granted refund.
    for c in all_candidates("Sorry, that's our policy, but we'll look into it as soon as possible.", "billing-error", "analytical", "en"):
        if "supervisor" in c:
            assert "compensation" not in c and "refund" not in c, c
        assert "Sorry" in c, c  # the trainee's apology is not cut with the line after it


@pytest.mark.parametrize("persona", PERSONAS)
def test_one_deadline_per_reply(persona):
    # "我今天下午三点前给您回电。我马上为您补录入账并复机，十分钟内就能恢复通话。"
    for c in all_candidates("我们会重新安排，到时候通知您。", "billing-error", persona):
        assert not ("三点前" in c and "十分钟内" in c), c
    for c in all_candidates("有结果会通知您的。", "dongle-defect", persona):
        assert not ("三点前给您回电" in c and "明天上午" in c), c


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_let_me_see_after_a_firm_commitment(persona):
    # "…今天下午三点前给您开临时授权，大家先用起来。让我看看我能为您做什么，我马上帮您查。"
    for text in ("我不知道，您问别人吧。", "抱歉，我们下班了。"):
        for scenario in SCENARIOS:
            for c in all_candidates(text, scenario, persona):
                if "让我看看我能为您做什么" in c:
                    assert not any(t in c for t in ("给您回电", "明天上午", "十分钟内", "下周二前", "开临时授权")), c
    for c in all_candidates("I don't know.", "dongle-defect", persona, "en"):
        if "temporary licence by 3 pm" in c:
            assert "Let me see what I can do" not in c, c


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_hedge_after_an_admission(persona):
    # "You're right, we got this part wrong… If this is on our side, I'll see it through."
    for scenario in SCENARIOS:
        for c in all_candidates("Listen to me, this is not our fault.", scenario, persona, "en"):
            assert not ("You're right" in c and "If this is on our side" in c), c
        for c in all_candidates("您听我说，这个不是我们的问题。", scenario, persona):
            assert not ("确实是我们" in c and "如果是我们这边的问题" in c), c


# ----------------------------------------------------------------------------- the need


@pytest.mark.parametrize(("text", "lang"), [("系统出故障了，您再等等。", "zh"), ("系統出故障了，您再等等。", "zh"),
                                            ("The system is down, please wait.", "en")])
def test_where_calming_ties_the_suggestion_meets_an_open_need(text, lang):
    # Anger bottoms out at zero for several candidates; the shortest used to win, one that
    # met none of the dongle's needs (§7: send an engineer, replace it free).
    for persona in ("friendly", "domineering"):
        state, turn = turn_of(text, "dongle-defect", persona, lang)
        imp = improvements(RULES, state, [turn])[0]
        assert set(imp.counterfactual.state.needs_met) - set(state.needs_met), imp.suggestion


def test_later_turn_meets_a_need_still_open():
    # Multi-turn: after a greeting and an apology, a stalling reply's suggestion should do
    # what the scenario still needs, not repeat the apology.
    state = start(RULES, "dongle-defect", "domineering", seed=0, lang="zh")
    turns = [step(state, "您好，我是客服小王。")]
    turns.append(step(turns[-1].state, "非常抱歉，给您添麻烦了。"))
    turns.append(step(turns[-1].state, "系统出故障了，您再等等。"))
    imp = next(i for i in improvements(RULES, state, turns) if i.turn is turns[2])
    assert set(imp.counterfactual.state.needs_met) - set(turns[1].state.needs_met), imp.suggestion


# ----------------------------------------------------------------------------- script


@pytest.mark.parametrize("scenario", ["engineer-no-show", "hotline-callback", "billing-error"])
def test_script_neutral_reply_gets_lines_in_the_sessions_script(scenario):
    # "好的。" reads the same in both scripts; a trainee typing Traditional elsewhere in the
    # session got its better reply in Simplified.
    import opencc

    state = start(RULES, scenario, "analytical", seed=0, lang="zh")
    turns = [step(state, "這是公司規定，我也沒辦法。")]
    turns.append(step(turns[-1].state, "好的。"))
    found = [i for i in improvements(RULES, state, turns) if i.turn is turns[1]]
    assert found
    for imp in found:
        assert opencc.OpenCC("s2t").convert(imp.suggestion) == imp.suggestion, imp.suggestion


# ----------------------------------------------------------------------------- inside a sentence


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_apology_stays_when_its_deadline_gives_way(persona):
    # "不好意思，我今天下午三点前给您回电。明天上午我安排工程师上门…": the repaired clause's
    # generic call-back is a second deadline; the trainee's 不好意思 is kept.
    found = all_candidates("不好意思，这个问题我们会尽快处理。", "dongle-defect", persona)
    with_slot = [c for c in found if "明天上午我安排工程师上门" in c]
    assert with_slot
    for c in with_slot:
        assert "三点前给您回电" not in c, c
    assert any(c.startswith("不好意思") for c in with_slot)


def test_question_goes_before_options_joined_to_an_apology():
    # "不好意思，我能为您做的是：…您看哪种方便？请问您的报修单号是多少？"
    found = [c for c in all_candidates("不好意思，这个问题我们会尽快处理。", "engineer-no-show") if "报修单号" in c and "哪种方便" in c]
    assert found
    for c in found:
        assert c.startswith("不好意思") and c.index("报修单号") < c.index("哪种方便"), c
    found = [c for c in all_candidates("Sorry, we're closed.", "hotline-callback", "analytical", "en")
             if "When did you last get through" in c and "I've arranged" in c]
    assert found
    for c in found:
        assert c.index("When did you last get through") < c.index("I've arranged"), c


def test_a_bare_call_back_closes_the_reply():
    # "Sorry, I'll call you back by 3 pm today. I'll sort it out for you right away."
    for scenario in SCENARIOS:
        for c in all_candidates("Sorry, we'll look into this as soon as we can.", scenario, "analytical", "en"):
            if "I'll call you back by 3 pm today" in c and "right away" in c:
                assert c.index("right away") < c.index("I'll call you back by 3 pm today"), c


def test_a_bare_acknowledgement_opens_rather_than_closes():
    # "I'm sorry about that; I'll sort it out for you right away. Noted." read as a brush-off.
    for text, lang in (("Noted.", "en"), ("OK.", "en"), ("好的。", "zh")):
        for scenario in ("general-complaint", "dongle-defect", "billing-error"):
            for c in all_candidates(text, scenario, "analytical", lang):
                if c != text:
                    assert not c.endswith(text), c


def test_apology_comes_before_the_promise_to_see_it_through():
    # §2: acknowledge the feelings (step 2) before taking responsibility (step 3):
    # "我很愿意为您处理，这件事由我来跟进。我替孙工向您郑重道歉…" had them the other way round.
    found = [c for c in all_candidates("这不归我管，您去找售后吧。", "rude-engineer", "self-centered")
             if "这件事由我来跟进" in c and "郑重道歉" in c]
    assert found
    for c in found:
        assert c.index("郑重道歉") < c.index("这件事由我来跟进"), c
