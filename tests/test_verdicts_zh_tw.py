"""Traditional Chinese as Taiwan and Hong Kong service agents write it, in chat, email and at a counter.

Held-out probes of ~30 replies each (Taiwan service Mandarin: 造成您的困擾, 敬請見諒, 這邊幫您查詢,
專員會與您聯繫, 退費, 3個工作天內, 公司規定就是這樣; Hong Kong Cantonese: 唔好意思, 我哋會跟進,
幫你查下, 聽日, 呢個唔關我事), good and bad, with each verdict decided from domain.md before
the reply was run. Every ``*_misfire`` case read wrongly before its fix; every ``*_stays`` case
is a near-miss guard that must keep its reading. The texts were written for these tests.

Misread per round (before that round's fixes): 5/32.

Every fix was checked against every STC-3 helpdesk reply (6,529 distinct replies) read before
and after it; only changes that are right by domain.md were kept.

* Folding (simulator/text/folding.yaml): Cantonese 唔好 before the verbs the lexicon reads is
  "don't" (唔好擔心 → 不要担心, 唔好怪 → 不要怪), while 做得唔好 stays "not good"; Taiwan 私訊 is
  私信.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"
PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]


def present(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


def deltas(rules, text, scenario=SC):
    return [(t := step(start(rules, scenario, p), text)).anger_after - t.anger_before for p in PERSONAS]


# ------------------------------------------------------------------ round 1 (5 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 implying the customer is at fault: the customer's own misreading, in Cantonese.
    ("你自己睇唔清楚，唔好怪我哋。", "blame_customer"),
    ("你自己都睇唔清楚張單，仲嚟投訴？", "blame_customer"),
    # §5 这不是我应该做的: the desk's job named as only the phone.
    ("客服人員只負責接聽電話，退費的事要找財務部。", "not_my_job"),
    # §5 我们的网站/系统出故障了 (as an excuse): the system "being updated".
    ("我們的系統最近在更新，所以訊息回覆比較慢。", "excuse"),
    # §2.2 您别着急, as Taiwan writes it.
    ("您先不要急，這邊先幫您登記。", "acknowledge_feelings"),
    ("您不用急，我先幫您查一下。", "acknowledge_feelings"),
    # §3.5 thank them: for the letter, the word sent, the feedback (回饋).
    ("謝謝您的來信告知，也很抱歉讓您有不好的購物體驗。", "thank_complaint"),
    ("感謝您的回饋，我們已經請工程師今天下午到府檢修。", "thank_complaint"),
    # §3 reassure / §2.2 您别着急 in Cantonese: 唔好 before a verb is "don't".
    ("唔好擔心，我一定幫你搞掂。", "reassure"),
    ("唔好急，我而家幫你查。", "acknowledge_feelings"),
    # §4 a private message is a hand-over (私訊 is 私信).
    ("請您私訊提供手機號碼。", "handover"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round1_refund_named_in_a_brush_off_is_no_compensation_misfire(rules):
    # §1 compensation is what is given; 退費的事 is the topic of the sending-away.
    assert "compensation" not in present(rules, "客服人員只負責接聽電話，退費的事要找財務部。")


def test_round1_brush_off_angers_every_customer_misfire(rules):
    # Read as a refund before, it calmed three of the four.
    assert all(d > 0 for d in deltas(rules, "客服人員只負責接聽電話，退費的事要找財務部。"))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 好唔好 asks the customer's view (§3.3), 唔好意思 apologises: neither is "don't".
    ("我哋聽日再幫你換一部新機，好唔好？", "offer_options", "refusal"),
    ("唔好意思，我而家幫你查。", "apology", "negative_language"),
    # 做得唔好 is "did badly": owned, not "don't".
    ("係我哋做得唔好，真係好抱歉。", "ownership", "deny_responsibility"),
    # A system update that will improve things is no excuse (§5 excuse is for a failure now).
    ("我們會在後續的系統更新中持續優化。", "prevention", "excuse"),
    # Not seeing a screen is no blame.
    ("如果您看不清楚螢幕上的字，我可以念給您聽。", None, "blame_customer"),
    # A refund made, and one owned with a time, stay compensation; 負責到底 is no 只負責.
    ("退費已經幫您辦好了，3個工作天內入帳。", "compensation", "not_my_job"),
    ("這件事我負責到底，退費的部分我今天下午五點前回覆您。", "time_commitment", "not_my_job"),
    ("這件事我負責到底，退費的部分我今天下午五點前回覆您。", "compensation", "refusal"),
    # Cantonese that reads already (folding.yaml ``cantonese``).
    ("唔好意思，我哋會跟進，聽日下晝三點前覆你。", "time_commitment", "vague"),
    ("呢個唔關我事，你自己去問商場。", "pass_the_buck", "concrete_action"),
    ("即刻幫你搞掂，唔使擔心。", "reassure", "refusal"),
    ("你咁樣講就唔啱喇，我哋冇錯。", "argue", "apology"),
    # Taiwan service Mandarin that reads already.
    ("專員會於3個工作天內與您聯繫。", "time_commitment", "unowned_handover"),
    ("我們會儘速處理，請您耐心等候。", "vague", "time_commitment"),
    ("跟您說聲抱歉，這次是我們出貨疏失，我會親自追蹤到貨進度，明天中午前回覆您。", "ownership", "empty_apology"),
    ("公司規定就是這樣，我也沒辦法。", "hide_behind_policy", "compensation"),
    ("這是您個人使用不當造成的，保固不包含。", "blame_customer", "reassure"),
    ("蛤？你要退貨喔？已經超過七天鑑賞期了耶，不行啦。", "refusal", "compensation"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got
