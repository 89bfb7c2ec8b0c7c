"""More wrong verdicts from QA review, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that
must keep their reading (false-positive guards, in zh, Traditional zh and en).
"""

from __future__ import annotations

import pytest

from simulator.engine.step import read_reply

SC = "general-complaint"


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


# ------------------------------------------------ 1. negation stops at a new clause
# §5 "avoid negations": a negation belongs to its clause. A connective followed by a new
# subject (and I…, 而且我…) starts one, so §2.2 empathy after it stands.

NEW_CLAUSE = [
    ("That's not acceptable and I completely understand your frustration.", "acknowledge_feelings"),
    ("That should never have happened and I completely understand your frustration.",
     "acknowledge_feelings"),
    ("It isn't right but I understand how you feel.", "acknowledge_feelings"),
    ("这样不对而且我理解您的心情", "acknowledge_feelings"),
    ("這樣不對而且我理解您的心情", "acknowledge_feelings"),
    ("I'm not sorry and I won't refund you.", "refusal"),  # won't refund is its own refusal
    ("I don't and we won't refund that.", "refusal"),
]


@pytest.mark.parametrize(("text", "expected"), NEW_CLAUSE)
def test_negation_stops_at_a_new_clause_verdict(rules, text, expected):
    assert expected in counted(rules, text)


# Negators joined by a connective negate once (§5 refusing outright), not twice by parity.
COORDINATED = ["I do not and will not refund you.", "I can't and won't refund you.", "我们不会也不能给您退款",
               "我們不會也不能給您退款"]


@pytest.mark.parametrize("text", COORDINATED)
def test_coordinated_negators_refuse_once_verdict(rules, text):
    present = counted(rules, text)
    assert "refusal" in present and "compensation" not in present, present


@pytest.mark.parametrize(("text", "absent"), [
    ("I don't understand why that happened.", "acknowledge_feelings"),   # plain negation
    ("我不理解您为什么这么说", "acknowledge_feelings"),
    ("我們不能給您退款", "compensation"),
    ("we can't really offer a refund", "compensation"),
    ("I don't think I understand what you need.", "acknowledge_feelings"),
])
def test_real_negation_stays(rules, text, absent):
    assert absent not in counted(rules, text)


def test_stacked_negators_still_count_by_parity_stays(rules):
    # 不是不能 (stacked, nothing between) is no refusal; "not … and it's not" is no new clause
    # for 退款 either.
    assert "refusal" not in counted(rules, "不是不能退款，我来帮您申请")


# ------------------------------------------------ 2. an intensifier does not hide a §5 phrase
# §5 服务忌语 and the wrong behaviours: 这个我真的不知道 still says 我不知道. The matcher skips a
# small set of intensifiers (folding.yaml) inside phrases; the §5 item 怎么别人都没问题 gets its
# other wordings.

HIDDEN = [
    ("这个我真的不知道", "forbidden_phrase"),             # §5 我不知道
    ("這個我真的不知道", "forbidden_phrase"),
    ("这个我确实不知道", "forbidden_phrase"),
    ("I really don't know.", "forbidden_phrase"),
    ("Honestly, I don't really know.", "forbidden_phrase"),
    ("系统最近出故障了", "excuse"),                      # §5 我们的网站/系统出故障了
    ("系統最近出故障了", "excuse"),
    ("You really should have backed up your files.", "lecture"),  # §1 独断型 "you should have"
    ("You should really have backed up your files.", "lecture"),
    ("您当时是不是没有按照说明书操作", "doubt_customer"),  # §5 doubting / implying fault
    ("您當時是不是沒有按照說明書操作", "doubt_customer"),
    ("To be honest, other customers haven't had this problem.", "forbidden_phrase"),  # 怎么别人都没问题
    ("No one else has had this problem.", "forbidden_phrase"),
    ("Nobody else is having this issue.", "forbidden_phrase"),
    ("其他客户确实都没有这个问题", "forbidden_phrase"),
    ("別人都好好的", "forbidden_phrase"),
    ("这个操作确实是没按照说明书来的", "blame_customer"),
]


@pytest.mark.parametrize(("text", "expected"), HIDDEN)
def test_intensifier_does_not_hide_a_forbidden_move_verdict(rules, text, expected):
    assert expected in counted(rules, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("这件事我真的理解", "acknowledge_feelings"),   # intensifiers help good phrases too
    ("I really understand how you feel.", "acknowledge_feelings"),
    ("I truly understand your frustration.", "acknowledge_feelings"),
])
def test_intensifier_inside_a_good_phrase_verdict(rules, text, expected):
    assert expected in counted(rules, text)


@pytest.mark.parametrize(("text", "absent"), [
    ("It's not just my job, I'm glad to help.", "not_my_job"),   # "not just" keeps its just
    ("首都机场的网点都可以办理", "forbidden_phrase"),
    ("我是不是没说清楚？", "doubt_customer"),
    ("工程师是不是没有按时上门？", "doubt_customer"),
    ("工程師是不是沒有按時上門？", "blame_customer"),
    ("真的很抱歉，我马上帮您查", "doubt_customer"),
    ("Let me just check that for you.", "vague"),
])
def test_intensifier_look_alikes_stay(rules, text, absent):
    assert absent not in counted(rules, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Let me just check that for you.", "concrete_action"),
    ("真的假的", "doubt_customer"),
    ("我真的很抱歉", "apology"),
])
def test_phrases_holding_an_intensifier_stay(rules, text, expected):
    assert expected in counted(rules, text)


# ------------------------------------------------ 3. minimising the customer's problem
# §5 mocking the customer, implying the customer is unimportant, assuming the customer is easy
# to brush off: 没什么大不了 / 这有什么好生气的 / "not a huge deal" are rude, even in a kind reply.

MINIMISING = [
    "非常抱歉，没什么大不了的，我马上帮您查",
    "沒什麼大不了的，我幫您看看",
    "这有什么好生气的？我帮您查一下",
    "這有什麼好生氣的",
    "有什么好着急的，我来处理",
    "I'm sorry, it's not a huge deal, let me check.",
    "It's not the end of the world, I'll look into it.",
    "There's nothing to get upset about.",
    "Why are you so upset? I'm looking into it.",
]


@pytest.mark.parametrize("text", MINIMISING)
def test_minimising_the_problem_is_rude_verdict(rules, text):
    assert "rudeness_sarcasm" in counted(rules, text)


def test_minimising_angers_even_in_a_kind_reply_verdict(rules):
    from simulator.engine import start, step

    turn = step(start(rules, SC, "self-centered"), "非常抱歉，我理解您的心情。没什么大不了的，我马上帮您查。")
    assert any(c.rule == "rudeness_sarcasm" and c.amount > 0 for c in turn.changes)


@pytest.mark.parametrize("text", [
    "Don't worry, it's not a big problem to fix.",          # §3 别担心，这个很容易解决
    "别担心，问题不大，很容易解决",
    "別擔心，這個不是什麼大問題，我馬上處理",
    "有什么好的建议请告诉我",
    "我知道这件事让您很生气，非常抱歉",
])
def test_reassurance_look_alikes_stay(rules, text):
    assert "rudeness_sarcasm" not in counted(rules, text)


@pytest.mark.parametrize("text", ["Don't worry, it's not a big deal to fix."])
def test_easy_fix_is_reassurance_verdict(rules, text):
    assert "reassure" in counted(rules, text) and "rudeness_sarcasm" not in counted(rules, text)


# ------------------------------------------------ 4. common English good moves
# §5 show urgency / §7 track it now (done already, or had done), §3 a concrete time, §3.4
# 检验理解, §3 给出原因 (因为…).

GOOD_MOVES = [
    ("I've checked your account and the payment of 300 is there.", "concrete_action"),
    ("I have checked the order history.", "concrete_action"),
    ("我查了一下，您的款项已经到账", "concrete_action"),
    ("I'll have it credited to your account.", "concrete_action"),
    ("I'll have your line restored.", "concrete_action"),
    ("I'll have it credited within the next hour.", "time_commitment"),
    ("I'll have your line restored within the next 24 hours.", "time_commitment"),
    ("I'll call you back within the hour.", "time_commitment"),
    ("Just to check I've got this right: you were charged twice?", "check_understanding"),
    ("Just to make sure I understand, you paid on the 3rd?", "check_understanding"),
    ("Let me make sure I've got this right.", "check_understanding"),
    ("The payment was delayed, which is why you got the reminder.", "explain_reason"),
    ("That is why the bill was higher.", "explain_reason"),
    ("The reason was a billing error on our side.", "explain_reason"),
    ("這就是為什麼您收到了提醒", "explain_reason"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD_MOVES)
def test_common_good_moves_verdict(rules, text, expected):
    assert expected in counted(rules, text)


@pytest.mark.parametrize(("text", "absent"), [
    ("I'll have to transfer you.", "concrete_action"),
    ("I haven't checked yet.", "concrete_action"),
    ("I can't check that.", "concrete_action"),
    ("in the next few days", "concrete_time"),        # vague, no agreed time
    ("within days", "concrete_time"),
    ("Why is that?", "explain_reason"),
])
def test_good_move_look_alikes_stay(rules, text, absent):
    assert absent not in counted(rules, text)


# ------------------------------------------------ 5. promises nobody owns; asking a supervisor
# §4 首问负责制 (whoever takes it owns it): "someone will…" / 会有人联系您 names no owner, so it is
# a hand-over, unowned without a concrete time. Asking one's own supervisor on the customer's
# behalf keeps the case (§5 right behaviours: hand over quickly to a supervisor when you cannot
# handle it alone).

UNOWNED = [
    "I'll make sure someone follows up with you.",
    "Someone from our team will call you.",
    "Somebody will get back to you.",
    "I'll have someone call you back.",
    "稍后会有专人联系您",
    "會有專人聯繫您",
    "后续会有工作人员跟您联系",
]


@pytest.mark.parametrize("text", UNOWNED)
def test_promise_nobody_owns_is_an_unowned_handover_verdict(rules, text):
    present = counted(rules, text)
    assert "unowned_handover" in present, present
    assert "ownership" not in present


@pytest.mark.parametrize("text", ["Someone will call you back by 3 pm today.", "会有专人今天下午三点前给您回电"])
def test_nameless_promise_with_a_time_stays(rules, text):
    present = counted(rules, text)
    assert "time_commitment" in present and "unowned_handover" not in present, present


KEEPS_IT = [
    "I can ask my manager about a discount.",
    "Let me check with my supervisor and I'll come straight back to you.",
    "I'll ask my manager whether we can waive the fee.",
    "我帮您问一下主管能不能减免",
    "我幫您問一下主管",
]


@pytest.mark.parametrize("text", KEEPS_IT)
def test_asking_a_supervisor_on_their_behalf_is_owned_verdict(rules, text):
    present = counted(rules, text)
    assert "unowned_handover" not in present and present & {"concrete_action", "can_do"}, present


@pytest.mark.parametrize("text", ["I'll transfer you to my manager.", "您可以拨打我们的客服热线", "Please send us a private message."])
def test_sending_the_customer_elsewhere_stays_unowned(rules, text):
    assert "unowned_handover" in counted(rules, text)


# ------------------------------------------------ 6. 您应该是… is a guess, not a lecture
# §5 lecturing ("you should have…"): 您应该 followed by 是 guesses at the facts (real helpdesk data).

@pytest.mark.parametrize("text", ["您应该是付了两次吧", "你应该是付了两次吧", "您應該是付了兩次吧", "您当初应该是在门店买的吧？"])
def test_should_be_is_a_guess_verdict(rules, text):
    assert "lecture" not in counted(rules, text)


@pytest.mark.parametrize("text", ["您应该先备份", "您应该知道这个规定", "您應該先備份", "You should have backed up."])
def test_should_still_lectures_stays(rules, text):
    assert "lecture" in counted(rules, text)
