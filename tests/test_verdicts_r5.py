"""Chinese readings found weak in the last audit, each grounded in domain.md.

* §3 给出原因: a cause named with 原因 or 所致 (因系统升级原因, 是此应用的更新所致) is a
  reason given; looking for the reason, or not knowing it, gives none.
* §5 admit a mistake at once / §2.3 take responsibility: the mistake named as ours with the
  team between (是我们仓库漏发了配件) owns it, and an apology with it is not empty (§1).
* §4 首问负责制: another team named as the one who will do it (售后会为您处理好的) hands the
  case over; nobody here owns it.
* §3.3 give information and options: a product or a setting recommended as the way out
  (建议您使用原装充电器) is information the customer can use.

Each ``*_misfire`` case read wrongly before its fix; each ``*_stays`` case is a guard. The
texts were written for these tests (some paraphrase real helpdesk replies in STC-3).
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"


def present(rules, text):
    return read_reply(rules, SC, text).present


@pytest.mark.parametrize("text", [
    "非常抱歉，因系统升级原因，您的订单延迟发货了。",
    "很抱歉，可能是系统原因，短信没有发出去。",
    "您好，闪退是此应用的更新所致，建议您下载之前的版本。",
    "因涉及较多客观原因，暂时无法确认开通时间。",
    "非常抱歉，因系統升級原因，您的訂單延遲發貨了。",
])
def test_a_cause_named_with_yuanyin_is_a_reason_misfire(rules, text):
    assert "explain_reason" in present(rules, text)


@pytest.mark.parametrize("text", [
    "我们会尽快查明原因。",
    "请问是什么原因呢？",
    "目前原因不明，我们还在排查。",
    "让工作人员为您查询一下原因哦。",
    "我们需为您查明详细原因再作改善。",
    "暂不确定具体是哪方面的原因。",
    "为了帮助您尽快核实相关原因，请提供号码。",
])
def test_looking_for_the_reason_gives_none_stays(rules, text):
    assert "explain_reason" not in present(rules, text)


def test_the_named_cause_keeps_the_apology_from_being_empty_misfire(rules):
    got = present(rules, "非常抱歉，因系统升级原因，您的订单延迟发货了。")
    assert "empty_apology" not in got and "apology" in got


@pytest.mark.parametrize("text", [
    "对不起，是我们仓库漏发了配件。",
    "抱歉，我们客服当时写错了您的地址。",
    "非常抱歉，是我们系统多扣了您一个月的费用。",
    "對不起，是我們倉庫漏發了配件。",
])
def test_our_mistake_named_is_ownership_misfire(rules, text):
    got = present(rules, text)
    assert "ownership" in got and "empty_apology" not in got


@pytest.mark.parametrize("text", [
    "这不是我们漏发的，是快递丢的。",
    "我们这边查到是快递漏发了。",
    "我们已经帮您把漏发的配件补寄了。",
    "您是不是忘了付款？",
])
def test_no_admission_without_our_mistake_stays(rules, text):
    assert "ownership" not in present(rules, text)


def test_denying_the_mistake_is_still_denial_stays(rules):
    assert "deny_responsibility" in present(rules, "这不是我们漏发的，是快递丢的。")


@pytest.mark.parametrize("text", [
    "很抱歉，售后会为您处理好的。",
    "您提交要求后，售后人员会电话联系您。",
    "这个问题技术那边会跟进的。",
])
def test_another_team_doing_it_is_an_unowned_handover_misfire(rules, text):
    assert "unowned_handover" in present(rules, text)


def test_another_team_with_an_owner_and_a_time_stays(rules):
    got = present(rules, "我会亲自跟进，售后会在今天下午三点前联系您。")
    assert "unowned_handover" not in got and "ownership" in got


@pytest.mark.parametrize("text", [
    "抱歉给您添麻烦了，建议您使用原装充电器和数据线。",
    "建议您选择手机自带的播放器再试一下。",
    "抱歉，我们推荐您使用新款路由器，信号更稳定。",
])
def test_a_recommended_way_out_gives_information_misfire(rules, text):
    got = present(rules, text)
    assert "gives_information" in got and "empty_apology" not in got


def test_recommending_a_private_message_is_a_handover_not_information_stays(rules):
    got = present(rules, "为了保护您的隐私，建议您使用私信方式告诉我们号码。")
    assert "gives_information" not in got and "handover" in got


def test_the_named_cause_calms_the_analytical_customer_misfire(rules):
    bare = step(start(rules, SC, "analytical"), "非常抱歉，您的订单延迟发货了。")
    cause = step(start(rules, SC, "analytical"), "非常抱歉，因系统升级原因，您的订单延迟发货了。")
    assert cause.state.anger < bare.state.anger - 5


# §1 empty apologies are those without substance. A scenario need's own phrase is substance:
# 复机 restores the line the customer came about, 补录 credits the payment.
@pytest.mark.parametrize("text", [
    "对不起，线路已经复机了。",
    "真的对不起，三百元已经补录到您的账户。",
    "您的线路已经复机了，停机耽误您做生意，真的对不起。",
])
def test_an_apology_beside_a_need_met_is_not_empty_misfire(rules, text):
    got = read_reply(rules, "billing-error", text).present
    assert "apology" in got and "empty_apology" not in got, got


@pytest.mark.parametrize("text", ["对不起，给您添麻烦了。", "对不起，耽误您做生意了。"])
def test_an_apology_beside_a_stock_acknowledgement_stays_empty_stays(rules, text):
    # billing-error's apologise need is met by apology phrases: naming the harm is the §2.2
    # step, no substance.
    assert "empty_apology" in read_reply(rules, "billing-error", text).present


def test_a_need_phrase_does_not_own_a_handover_stays(rules):
    assert "unowned_handover" in read_reply(rules, "billing-error", "这个要找技术部给您复机。").present


@pytest.mark.parametrize("text", ["以后我们会双重核对缴费记录。", "今后我们会提前通知您。"])
def test_how_it_will_be_from_now_on_is_prevention_misfire(rules, text):
    assert "prevention" in present(rules, text)


def test_our_clerk_missing_the_payment_is_ownership_misfire(rules):
    assert "ownership" in present(rules, "非常抱歉，是我们营业厅漏录了您的缴费。")


@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 take notes, show urgency: the check already made, in speech.
    ("不好意思让您久等了，刚才我核实了一下，是银行那边延迟了。", "concrete_action"),
    # §1 compensation where it is due: the fee let off in speech.
    ("您看这样行不行：我先给您复机，滞纳金免了，三百元今天下午到账。", "compensation"),
    ("滞纳金我给您免掉。", "compensation"),
])
def test_spoken_forms_misfire(rules, text, behaviour):
    assert behaviour in read_reply(rules, "billing-error", text).present


def test_a_fee_not_let_off_is_a_refusal_stays(rules):
    got = read_reply(rules, "billing-error", "我们不能给您免掉滞纳金。").present
    assert "refusal" in got and "compensation" not in got


@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 arguing: the customer blamed for not listening.
    ("我已经跟您说过三遍了！", "argue"),
    ("我不是跟你说过了吗？", "argue"),
    # §5 mocking: a sarcastic give-in.
    ("行行行，您说什么就是什么。", "rudeness_sarcasm"),
    # §5 a hostile rhetorical question is no fact-finding.
    ("你到底想不想解决问题？", "rush_calm_down"),
])
def test_impatience_and_sarcasm_misfire(rules, text, behaviour):
    got = present(rules, text)
    assert behaviour in got and "asks_questions" not in got, got


@pytest.mark.parametrize("text", ["之前跟您说过的方案，我今天下午三点前给您落实。", "请问您还想不想保留这个号码？"])
def test_plain_reference_and_questions_stay(rules, text):
    assert rules.negative_ids.isdisjoint(present(rules, text))


# Lines coaching offers must read as what they are (found by the coaching review): a fix line
# with a deadline is a follow-up with a time (§3); §5 我们向来都是这么做的 in its other wordings;
# a guessed excuse for a colleague (§5; §1 unfounded claims).
@pytest.mark.parametrize(("text", "behaviour"), [
    ("我今天下午三点前给您确切答复。", "time_commitment"),
    ("I'll have a firm answer for you by 3 pm today.", "time_commitment"),
    ("If this is on our side, I'll see it through.", "ownership"),
    ("我们一向都是这样处理的。", "hide_behind_policy"),
    ("工程师可能临时有事。", "excuse"),
    ("What do you want then?", "rudeness_sarcasm"),
])
def test_coaching_review_readings_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_a_colleague_held_up_with_a_fix_is_no_guess_stays(rules):
    assert "excuse" not in present(rules, "师傅临时有事来不了，我马上给您另约今天下午四点。")


# Spoken Chinese as trainees type it (held-out probe of colloquial replies, 2026-12-02).
@pytest.mark.parametrize(("text", "behaviour"), [
    ("哎呀真不好意思，这事儿是我们没弄好，我这就给您重新安排。", "ownership"),       # §2.3 / §5 admit it
    ("您放一百个心，我保证明天中午之前给您搞定。", "time_commitment"),             # §3 a fix by a time
    ("您放一百个心，我保证明天中午之前给您搞定。", "reassure"),
    ("大哥您消消气，我知道您等了好几天了，换我也急。", "acknowledge_feelings"),    # §2.2
    ("你们自己不看说明书，怪谁呢？", "blame_customer"),                           # §5 blaming the customer
    ("我们这边核实过了，确实是我们多收了您二十块，马上退给您。", "ownership"),
    ("我们这边核实过了，确实是我们多收了您二十块，马上退给您。", "concrete_action"),
    ("不好意思，我不太清楚，您问问别人吧。", "forbidden_phrase"),                 # §5 我不知道
    ("不好意思，我不太清楚，您问问别人吧。", "pass_the_buck"),                    # §4 不得推诿
    ("这个月底之前肯定给您修好，您看行吗？", "time_commitment"),
    ("好吧好吧，那我给您反映一下。", "vague"),                                    # §5 打太极
])
def test_spoken_chinese_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize("text", ["具体原因目前还不清楚，我们正在排查。", "您说的这个情况我帮您修好了。"])
def test_spoken_chinese_without_the_trigger_stays(rules, text):
    assert "forbidden_phrase" not in present(rules, text)


# Found by the real-reply diff audit of this round: 可能会 describing what may happen is an
# explanation (§3), not a hedged promise (§5 打太极); before a promise it still hedges.
@pytest.mark.parametrize("text", ["由于月初是出账期，可能会导致数据错误，建议您3号再查询。", "用户量较大，可能会出现此情况。"])
def test_what_may_happen_is_no_hedge_misfire(rules, text):
    assert "vague" not in present(rules, text)


def test_a_hedged_call_back_stays_vague_stays(rules):
    assert "vague" in present(rules, "我们可能会明天给您回电。")


def test_a_need_is_quoted_in_whole_words_misfire(rules):
    # The need phrase 点前给您 cuts across the time and the action; the trainee is shown both.
    turn = step(start(rules, SC, "analytical"), "我今天下午三点前给您回电。")
    quotes = {c.rule: c.quote for c in turn.changes if c.kind == "need"}
    assert quotes.get("fix_with_time") == "我今天下午三点前给您回电", quotes
    change = next(c for c in turn.changes if c.rule == "fix_with_time")
    assert turn.text[change.start:change.end] == change.quote


@pytest.mark.parametrize(("text", "behaviour"), [
    ("真是过意不去，我马上帮您处理。", "apology"),                                  # §5 apologise
    ("以后缴费要是没到账，直接打我这个号码，我的工号是1024。", "follow_up"),         # §3 留下联系电话
])
def test_counter_speech_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)
