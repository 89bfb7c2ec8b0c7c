"""The engine's rules, one by one, in Chinese and English, on the built-in content."""

from __future__ import annotations

import pytest

from simulator.engine import Outcome, opening, play, start, step
from simulator.errors import InputError, UnknownNameError

GC = "general-complaint"


def first(rules, text, persona="domineering", scenario=GC, **kw):
    return step(start(rules, scenario, persona, **kw), text)


def changes_by_rule(turn):
    out = {}
    for c in turn.changes:
        out.setdefault(c.rule, []).append(c)
    return out


@pytest.mark.parametrize("text", ["非常抱歉给您带来不便", "I'm really sorry about this"])
def test_apology_calms_every_persona(rules, text):
    for pid in rules.content.personas:
        turn = first(rules, text, pid)
        assert changes_by_rule(turn)["apology"][0].amount < 0


@pytest.mark.parametrize("text", ["你怎么一点常识都没有", "Don't you have any common sense"])
def test_forbidden_phrase_angers_every_persona_with_the_quote(rules, text):
    for pid in rules.content.personas:
        turn = first(rules, text, pid)
        (change,) = changes_by_rule(turn)["forbidden_phrase"]
        assert change.amount > 0
        assert change.quote.lower() in text.lower() and change.quote
        assert text[change.start:change.end] == change.quote
        assert turn.anger_after > turn.anger_before


def test_every_change_has_a_reason_section_and_kind(rules):
    turn = first(rules, "对不起，我理解您的心情，但是这是公司规定，我不能给您退款。", "self-centered")
    assert turn.changes
    for c in turn.changes:
        assert c.rule and c.section.startswith("§") and c.kind in {"behaviour", "signal", "need", "drift"}
    total = round(sum(c.amount for c in turn.changes), 2)
    assert turn.anger_after == pytest.approx(min(100, max(0, turn.anger_before + total)))


def test_negated_commitment_is_ownership_not_negative_language(rules):
    turn = first(rules, "我不会让这件事拖下去", "analytical")
    assert [(h.behaviour, h.negated, h.counts_as) for h in turn.hits] == [("delay", True, "ownership")]
    assert turn.anger_after < turn.anger_before


def test_double_negation_is_not_a_refusal(rules):
    turn = first(rules, "不是不能处理", "domineering")
    assert not any(h.counts_as in ("refusal", "negative_language") for h in turn.hits)


def test_negated_refund_counts_as_refusal(rules):
    turn = first(rules, "我不能给您退款", "self-centered")
    assert [h.counts_as for h in turn.hits] == ["refusal"]
    assert turn.anger_after > turn.anger_before


def test_repeats_are_worth_less(rules):
    s = start(rules, GC, "friendly")
    a = step(s, "对不起。")
    b = step(a.state, "真的对不起。")
    c = step(b.state, "实在对不起。")
    amounts = [changes_by_rule(t)["apology"][0].amount for t in (a, b, c)]
    assert amounts[0] < amounts[1] < amounts[2] < 0  # less calming each time
    factor = rules.content.personas["friendly"].repeat_factor
    assert amounts[2] == pytest.approx(amounts[0] * factor**2, abs=0.01)


def test_feelings_first_halves_problem_moves_while_venting(rules):
    direct = first(rules, "请问是什么时候开始的？", "domineering")
    fq = changes_by_rule(direct)["fact_question"][0]
    assert ("feelings_first", rules.content.engine.feelings_first.factor) in fq.factors
    after_empathy = first(rules, "我理解您的心情，请问是什么时候开始的？", "domineering")
    fq2 = changes_by_rule(after_empathy)["fact_question"][0]
    assert all(why != "feelings_first" for why, _ in fq2.factors)
    assert fq2.amount < fq.amount


def test_but_halves_the_kind_words_before_it(rules):
    plain = first(rules, "我理解您的心情。", "friendly")
    but = first(rules, "我理解您的心情，但是我们也没办法。", "friendly")
    kind = changes_by_rule(but)["acknowledge_feelings"][0]
    assert any(why == "but_after" for why, _ in kind.factors)
    assert kind.amount == pytest.approx(changes_by_rule(plain)["acknowledge_feelings"][0].amount * 0.5)


def test_time_commitment_needs_a_concrete_time(rules):
    vague = first(rules, "我会尽快给您回电", "analytical")
    concrete = first(rules, "我会在今天下午三点前给您回电", "analytical")
    assert "vague" in changes_by_rule(vague)
    assert "time_commitment" not in changes_by_rule(vague)
    assert "time_commitment" in changes_by_rule(concrete)
    assert "vague" not in changes_by_rule(concrete)
    assert concrete.anger_after < vague.anger_after


def test_time_commitment_in_english(rules):
    turn = first(rules, "I will call you back by 3pm today.", "analytical")
    assert "time_commitment" in changes_by_rule(turn)


def test_empty_apology_only_without_substance(rules):
    bare = first(rules, "对不起。", "analytical")
    assert "empty_apology" in changes_by_rule(bare)
    full = first(rules, "对不起，因为系统升级漏了您的订单，我现在就帮您处理。", "analytical")
    assert "empty_apology" not in changes_by_rule(full)


def test_short_reply_and_repeat_are_signals(rules):
    s = start(rules, GC, "friendly")
    a = step(s, "嗯")
    assert "too_short" in {x.kind for x in a.signals}
    b = step(a.state, "我理解您的心情，这件事由我负责跟进。")
    c = step(b.state, "我理解您的心情，这件事由我负责跟进！")
    assert "repeated" in {x.kind for x in c.signals}
    assert "repeated" not in {x.kind for x in b.signals}


def test_shouting_and_wall_of_text(rules):
    assert "shouting" in {x.kind for x in first(rules, "你听好了!!!", "friendly").signals}
    assert "shouting" in {x.kind for x in first(rules, "THIS IS NOT OUR PROBLEM", "friendly").signals}
    wall = "我们公司的流程是这样的，" * 30
    assert "wall_of_text" in {x.kind for x in first(rules, wall, "domineering").signals}


@pytest.mark.parametrize("text", ["你听好了！！！", "你到底想怎样! ! !", "Listen to me!!!"])
def test_exclamation_marks_in_a_row_shout(rules, text):
    signal = next(x for x in first(rules, text, "friendly").signals if x.kind == "shouting")
    assert signal.value == 3


@pytest.mark.parametrize("text", [
    # Written Chinese service style: one ！ closing each polite sentence (real helpdesk replies).
    "您好！很抱歉给您带来不便！请您留意查看哦！谢谢！",
    "Hello! Thanks for waiting! I've fixed it! Have a good day!",
    "您好！！谢谢！",  # two in a row: emphatic, not yet shouting
])
def test_polite_exclamation_marks_do_not_shout(rules, text):
    assert "shouting" not in {x.kind for x in first(rules, text, "friendly").signals}


def test_rhetorical_question_in_a_rebuke_earns_nothing(rules):
    turn = first(rules, "又怎么啦？", "friendly")
    assert "asks_questions" not in {x.kind for x in turn.signals}


def test_needs_met_by_phrase_or_behaviour_once(rules):
    s = start(rules, GC, "friendly")
    a = step(s, "非常抱歉给您添麻烦了")
    assert a.needs_met
    need = a.needs_met[0]
    b = step(a.state, "非常抱歉给您添麻烦了，真的")
    assert need not in b.needs_met
    assert need in b.state.needs_met


def test_needs_ignored_fires_after_the_limit(rules):
    s = start(rules, GC, "self-centered")
    limit = rules.limits.needs_ignored_after
    turns = play(s, ["好的"] * limit)
    assert "needs_ignored" not in {x.kind for t in turns[:-1] for x in t.signals}
    assert "needs_ignored" in {x.kind for x in turns[-1].signals}


def test_drift_applies_only_when_nothing_calmed(rules):
    calm = first(rules, "非常抱歉，我理解您的心情", "domineering")
    assert "drift" not in changes_by_rule(calm)
    idle = first(rules, "嗯嗯好的好的", "domineering")
    assert changes_by_rule(idle)["drift"][0].amount == rules.content.personas["domineering"].drift


def test_domineering_escalates_friendly_walks_out(rules):
    insults = ["又怎么啦？你听我说！", "这是不可能的，你怎么一点常识都没有", "这不归我管", "我不知道"]
    dom = play(start(rules, GC, "domineering"), insults)
    assert dom[-1].outcome is Outcome.ESCALATED
    fr = play(start(rules, GC, "friendly"), insults * 2)
    assert fr[-1].outcome is Outcome.WALKED_OUT


def test_resolution_needs_every_need_met(rules):
    good = [ex for ex in rules.content.exemplars[GC] if ex.id == "good-zh"][0]
    turns = play(start(rules, GC, "friendly"), good.responses)
    assert turns[-1].outcome is Outcome.RESOLVED
    assert turns[-1].state.needs_met == {n.id for n in rules.content.scenarios[GC].needs}
    # Calm alone is not enough: sweet words that address nothing never resolve.
    sweet = play(start(rules, GC, "friendly"), ["很高兴为您服务"] * 10)
    assert all(t.outcome is not Outcome.RESOLVED for t in sweet)


def test_patience_ends_unresolved(rules):
    persona = rules.content.personas["analytical"]
    turns = play(start(rules, GC, "analytical"), [f"好的，第{i}次" for i in range(50)])
    assert len(turns) <= persona.patience
    assert turns[-1].outcome is not None


def test_major_severity_starts_angrier_with_less_patience(rules):
    major = [s for s in rules.content.scenarios.values() if s.severity == "major"][0]
    general = start(rules, GC, "analytical")
    s = start(rules, major.id, "analytical")
    assert s.anger > general.anger and s.patience < general.patience


def test_stepping_a_finished_session_is_an_error(rules):
    turns = play(start(rules, GC, "domineering"), ["这不归我管，你怎么一点常识都没有，这是不可能的"] * 6)
    assert turns[-1].state.over
    with pytest.raises(InputError, match="the session is over"):
        step(turns[-1].state, "对不起")


def test_bad_inputs(rules):
    s = start(rules, GC, "friendly")
    with pytest.raises(InputError, match="at most 5000 characters"):
        step(s, "啊" * 5001)
    with pytest.raises(InputError, match="must be text"):
        step(s, None)  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="unknown persona 'angry'; choose from: analytical"):
        start(rules, GC, "angry")
    with pytest.raises(UnknownNameError, match="unknown scenario 'nope'"):
        start(rules, "nope", "friendly")
    with pytest.raises(InputError, match="unknown language"):
        start(rules, GC, "friendly", lang="fr")


def test_state_is_immutable(rules):
    s = start(rules, GC, "friendly")
    before = (s.anger, s.turn, s.needs_met, s.counts)
    step(s, "非常抱歉，我理解您的心情")
    assert (s.anger, s.turn, s.needs_met, s.counts) == before
    with pytest.raises(AttributeError):
        s.anger = 3  # type: ignore[misc]


def test_replies_react_to_what_was_said_and_answer_fact_questions(rules):
    turn = first(rules, "请问是什么时候开始的？具体是哪天？", "friendly", lang="zh")
    facts = rules.content.scenarios[GC].facts.zh
    assert any(f in turn.reply for f in facts)
    en = first(rules, "When did this start?", "friendly", lang="en")
    assert any(f in en.reply for f in rules.content.scenarios[GC].facts.en)


def test_outcome_reply_comes_from_the_endings(rules):
    turns = play(start(rules, GC, "domineering", lang="en"), ["That's impossible. Don't you have any common sense?"] * 6)
    ending = turns[-1].outcome.value
    assert turns[-1].reply in getattr(rules.content.personas["domineering"].endings, ending).en


def test_opening_is_seeded(rules):
    lines = rules.content.scenarios[GC].opening.zh
    seen = {opening(start(rules, GC, "friendly", seed=k)) for k in range(30)}
    assert seen <= set(lines) and len(seen) == len(lines)


def test_acronyms_inside_chinese_are_not_shouting(rules):
    turn = first(rules, "建议您关闭WIFI后重启APP，再登录VIP账户看看", "friendly")
    assert "shouting" not in {x.kind for x in turn.signals}


def test_formulaic_first_moment_is_not_a_concrete_time(rules):
    turn = first(rules, "我们会第一时间与您联系", "analytical")
    assert "concrete_time" not in {x.kind for x in turn.signals}
    assert "time_commitment" not in {h.counts_as for h in turn.hits}


@pytest.mark.parametrize("text", ["我马上帮您查", "我现在就帮您处理", "立刻帮您安排", "I'll check it right away.",
                                  "I'm on it immediately.", "Let me check that right now."])
def test_urgency_words_are_action_not_an_agreed_time(rules, text):
    # §3 wants an answer "by an agreed time"; 马上 / right away show urgency (§5) and are
    # credited once, as concrete action, not again as a time and a time commitment.
    turn = first(rules, text, "analytical")
    assert "concrete_time" not in {x.kind for x in turn.signals}
    assert "time_commitment" not in {h.counts_as for h in turn.hits}
    assert "concrete_action" in {h.counts_as for h in turn.hits}


@pytest.mark.parametrize("text", ["我们尽快，马上处理。", "We'll do it as soon as possible, right away."])
def test_urgency_words_do_not_excuse_a_vague_answer(rules, text):
    assert "vague" in changes_by_rule(first(rules, text, "analytical"))


@pytest.mark.parametrize(("text", "need"), [
    ("我会尽快帮您查一下。", "restore_line"),  # an action, but not the one this need asks for
    ("我马上帮您查。", "credit_and_refund"),
    ("I'll call you back by 3pm tomorrow.", "restore_line"),
    ("明天之前一定回复您。", "restore_line"),
])
def test_a_generic_move_does_not_meet_a_specific_need(rules, text, need):
    turn = first(rules, text, "self-centered", scenario="billing-error")
    assert need not in turn.needs_met


@pytest.mark.parametrize(("text", "need"), [
    ("我马上给您复机，十分钟内恢复通话。", "restore_line"),
    ("I'm reconnecting your line now; it will be back within 10 minutes.", "restore_line"),
    ("请您把收据给我看一下，我核对缴费记录。", "check_payment"),
    ("20元滞纳金全额退还，300元今天补录入账。", "credit_and_refund"),
])
def test_saying_the_substance_meets_the_need(rules, text, need):
    turn = first(rules, text, "self-centered", scenario="billing-error")
    assert need in turn.needs_met


def test_an_apology_with_a_question_is_not_empty(rules):
    turn = first(rules, "很抱歉给您带来不便，请问无法使用时有什么提示？", "analytical")
    assert "empty_apology" not in {h.counts_as for h in turn.hits}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_customer_never_leads_into_a_fact_that_does_not_follow(rules, lang):
    # A question that is not a fact question (a rhetorical 你是不是没交？) picks no "asked"
    # line: those lead into a fact ("听好了，我只说一次：") that only a fact question brings.
    text = "你是不是没交？" if lang == "zh" else "Are you really sure?"
    for pid in rules.content.personas:
        for seed in range(6):
            turn = first(rules, text, pid, scenario="billing-error", seed=seed, lang=lang)
            assert not turn.reply.rstrip().endswith((":", "：")), (pid, seed, turn.reply)


def test_the_customer_answers_the_move_not_the_need_it_met(rules):
    # Empathy that meets a need is answered as empathy, not with "that step is reasonable".
    action_lines = set()
    for band in ("calm", "annoyed", "angry", "furious"):
        action_lines |= set(getattr(rules.content.personas["analytical"].replies.zh, band).by_reaction["action"])
    for seed in range(8):
        turn = first(rules, "我理解您的心情", "analytical", seed=seed, lang="zh")
        assert "apologise" in turn.needs_met
        assert turn.reply not in action_lines


def test_multipliers_name_the_stance_and_nature_they_come_from(rules):
    from simulator.reasons import change_reason

    turn = first(rules, "我马上帮您查", "analytical")
    change = changes_by_rule(turn)["concrete_action"][0]
    assert ("nature:solve", 1.2) in change.factors  # general-complaint: nature solve
    assert "投诉性质（解决问题）×1.2" in change_reason(rules, change, "zh", GC)
    assert "complaint nature: solve a problem ×1.2" in change_reason(rules, change, "en", GC)


def test_a_reply_does_each_thing_once(rules):
    # Three vague words make one evasive answer (§5 打太极); both hits are still shown.
    turn = first(rules, "我们会尽快处理，大概过几天就好，请您耐心等待。", "analytical")
    assert len([h for h in turn.hits if h.counts_as == "vague"]) >= 2
    assert len(changes_by_rule(turn)["vague"]) == 1


def test_pasting_an_apology_many_times_is_one_apology(rules):
    once = first(rules, "非常抱歉。", "self-centered")
    pasted = first(rules, "非常抱歉。" * 50, "self-centered")
    assert len(changes_by_rule(pasted)["apology"]) == 1
    assert changes_by_rule(pasted)["apology"][0].amount == changes_by_rule(once)["apology"][0].amount


def test_language_points_are_lost_once_per_reply_per_behaviour(rules):
    from simulator.scoring import score_session

    turns = play(start(rules, GC, "analytical"), ["我们会尽快处理，大概过几天就好，请您耐心等待。"], with_reply=False)
    card = score_session(rules, GC, "analytical", turns)
    vague = [e for e in card.dimension("language").evidence if e.rule == "vague"]
    assert len(vague) == 1


def test_the_customer_answers_in_the_direction_anger_moved(rules):
    # An apology, ownership and a time with one harmful move in it calms the customer overall:
    # the answer comes from what calmed them, not from the harm. (Policy, not a jab: a jab at
    # the customer leaves them no calmer whatever surrounds it, rules/engine.yaml ``jabs``.)
    text = "非常抱歉给您添麻烦了，我理解您的心情。这件事由我负责，今天下午三点前给您回电。上门费是公司规定。"
    for seed in range(8):
        turn = first(rules, text, "self-centered", seed=seed)
        assert turn.anger_after < turn.anger_before
        negative = {c.reaction for c in turn.changes if c.amount > 0}
        positive = {c.reaction for c in turn.changes if c.amount < 0}
        band = getattr(rules.content.personas["self-centered"].replies.zh, rules.band(turn.anger_after))
        assert negative - positive, "the reply must hold a harmful move for this test to mean anything"
        biggest = max((c for c in turn.changes if c.kind != "need"), key=lambda c: abs(c.amount))
        assert biggest.amount > 0, "and the harm must be its biggest single move"
        for reaction in negative - positive:
            assert turn.reply not in band.by_reaction.get(reaction, []), (seed, reaction, turn.reply)


def test_wall_of_text_counts_words_in_english_and_characters_in_chinese(rules):
    limit = rules.limits.wall_of_text_chars
    english = ("I'm really sorry, you've called over ten times and the call-back you were promised never came. "
               "That's not acceptable and I completely understand your frustration. My name is Sam and I'll "
               "personally handle this from now on.")
    assert len(english) >= limit  # long in letters, short to say
    assert "wall_of_text" not in {s.kind for s in first(rules, english, "domineering", lang="en").signals}
    rambling = " ".join(["We value your call and the matter is being reviewed by the relevant team."] * 20)
    assert "wall_of_text" in {s.kind for s in first(rules, rambling, "domineering", lang="en").signals}
    chinese = "您好，" + "关于您反映的情况我们这边已经记录下来了，" * 12
    assert len(chinese) >= limit
    assert "wall_of_text" in {s.kind for s in first(rules, chinese, "domineering").signals}


def test_the_customer_never_quotes_words_the_trainee_did_not_say(rules):
    # The vague pools quote 'as soon as possible', 'we'll try', “尽快”…; a reply that was
    # vague in other words gets a line that quotes nothing it did not say.
    from simulator.engine.replies import _QUOTED, quotes_said
    from simulator.text.normalise import normalise

    replies = {"en": ["We will do our best.", "Maybe next week.", "We'll try to sort it.", "We'll look into it."],
               "zh": ["我们尽力吧。", "过几天再说。", "我们会尽快处理。", "再看看吧。"]}
    quoted = 0
    for persona in rules.content.personas:
        for lang, texts in replies.items():
            for text in texts:
                for seed in range(6):
                    turn = step(start(rules, "general-complaint", persona, seed=seed, lang=lang), text)
                    assert quotes_said(turn.reply, normalise(text).folded), (persona, text, turn.reply)
                    quoted += bool(_QUOTED.search(turn.reply))
    assert quoted, "some lines do quote back what was said"
