"""Spoken and colloquial Chinese as trainees type it at a counter, on a hotline or in chat.

Held-out probes of ~30 replies each (Simplified and Traditional; 儿化, particles, 亲/大哥/阿姨,
搞定/弄好, sarcasm, reluctant promises), with each verdict decided from domain.md before the
reply was run. Every ``*_misfire`` case read wrongly before its fix; every ``*_stays`` case is a
near-miss guard that must keep its reading. The texts were written for these tests.

Misread per round (before that round's fixes): 12/32, 11/32, 13/32, 11/32, 17/30, 8/20. The spoken
range is wide, so each fresh set finds new wordings; the fixes are phrase families and folds, not
the probe sentences alone, and each was checked against every STC-3 helpdesk reply.

* Folding (simulator/text/folding.yaml ``spoken``): 儿化 (哪儿, 这儿, 事儿, 点儿), 咋, 啥, 咱们
  and the particles 啦 / 喽 are read as the written words the lexicon uses; 真 may sit inside a
  phrase like 真的.
* Left (strict xfail, with the reason): 回头 about something other than the case, a polite bare
  request (您 folds to 你), a bare 放心, and a fact phrase inside a rebuke.
"""

from __future__ import annotations

import pytest
from verdicts import SC, deltas, present

# ------------------------------------------------------------------ round 1 (12 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 又怎么啦？ / 我不知道 / mocking, as said: 咋, 哪儿, 啥 fold to the written words.
    ("又咋啦？", "forbidden_phrase"),
    ("我哪儿知道啊，系统又不是我弄的。", "forbidden_phrase"),
    ("行行行，你说啥就是啥。", "rudeness_sarcasm"),
    ("哎呀这有啥好气的，不就晚了两天嘛。", "rudeness_sarcasm"),
    ("你們這些客人就是事兒多。", "rudeness_sarcasm"),
    # §5 这不归我管, with the place (这儿) or an intensifier (真) inside it.
    ("这个我真管不了，你找别人去吧。", "not_my_job"),
    ("这不归我们这儿管哈，您打12315吧。", "not_my_job"),
    # §5 admit a mistake at once; §2.3 I will see it through (这事儿我盯着).
    ("亲，真的很抱歉哈，这事儿确实是我们搞砸了，我今天下班前一定给您处理好~", "ownership"),
    ("大哥，您说的我都记下了，我叫小李，这事儿我盯着，明天上午十点前给您回个话。", "ownership"),
    # §5 take notes; §3 promise an answer by an agreed time (给您回个话 is the answer).
    ("大哥，您说的我都记下了，我叫小李，这事儿我盯着，明天上午十点前给您回个话。", "concrete_action"),
    ("大哥，您说的我都记下了，我叫小李，这事儿我盯着，明天上午十点前给您回个话。", "time_commitment"),
    # §1 compensation where it is due: the refund already made.
    ("亲亲，钱已经给您退回去了哈，一般一到三个工作日到账，您留意一下哦~", "compensation"),
    # §5 打太极: cannot say, nothing promised.
    ("这个吧，我也说不好，可能得等技术那边看看。", "vague"),
    ("行吧行吧，我帮您问问，有消息再说。", "vague"),
    # The mistake denied (negated ownership) is a denial.
    ("这次不是我们搞砸的，是快递丢件了。", "deny_responsibility"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round1_a_rude_reply_is_no_question_misfire(rules):
    assert "asks_questions" not in present(rules, "又咋啦？")


def test_round1_sending_away_angers_every_customer_misfire(rules):
    # Read as nothing but a number before, it calmed the analytical customer.
    assert all(d > 0 for d in deltas(rules, "这不归我们这儿管哈，您打12315吧。"))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 真 inside another word (认真), 儿 in a word of its own (女儿, 去哪儿网), 啥 / 咋 asked.
    ("我们会认真处理您反映的问题，今天下午三点前给您回电。", "time_commitment", "not_my_job"),
    ("我女儿也遇到过这种情况，我特别理解您。", "acknowledge_feelings", "rudeness_sarcasm"),
    ("您好，去哪儿网已经为您核实了订单。", "concrete_action", "forbidden_phrase"),
    ("不好意思，您刚才说啥？信号不太好。", "apology", "rudeness_sarcasm"),
    ("请问是咋回事呢？能具体说说吗？", "fact_question", "forbidden_phrase"),
    ("没事儿，别担心，我马上帮您处理。", "reassure", "refusal"),
    # Watching it as a team, with no time, is no ownership.
    ("我们一直盯着这个问题，会尽快修复。", "vague", "ownership"),
])
def test_round1_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert want in got and not_want not in got, got


# ------------------------------------------------------------------ round 2 (11 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 / §5 admit it: 咱们 is the company's "we".
    ("姐，您消消气，这事儿咱们这边确实有责任，我这就给您整明白。", "ownership"),
    # §3 a fix by an agreed time, in speech (弄利索, 师傅就上门).
    ("好嘞，没问题，下午四点前给您弄利索。", "time_commitment"),
    ("放心吧您嘞，明天一早师傅就上门。", "concrete_action"),
    # §5 blaming others by a guess, and 打太极: wait and see.
    ("应该是快递那边的问题吧，您再等两天看看。", "deny_responsibility"),
    ("应该是快递那边的问题吧，您再等两天看看。", "vague"),
    ("可能是師傅臨時有事吧，我也不太確定。", "excuse"),
    # §5 insisting on being right.
    ("这个嘛…系统显示是正常的呀。", "deny_responsibility"),
    # §5 lecturing: "can't you just…?"
    ("哎呀大姐，这都第几回了，您就不能看看说明书吗？", "lecture"),
    # §5 对不起，我们下班了, said of oneself.
    ("你爱咋咋地吧，我下班了。", "forbidden_phrase"),
    # §5 calm tone, let them vent; §5 arguing (講過 = 说过); §5 这不归我管.
    ("您别跟我嚷嚷，有本事投诉去。", "rush_calm_down"),
    ("不是跟你講過了嗎，等通知就好。", "argue"),
    ("我就一客服，我能有啥办法。", "not_my_job"),
    ("我就一客服，我能有啥办法。", "refusal"),
    # A near-miss found while guarding: the place between (我们这边没有责任).
    ("我们这边没有责任，是您自己摔坏的。", "deny_responsibility"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round2_a_rhetorical_rebuke_is_no_question_misfire(rules):
    text = "哎呀大姐，这都第几回了，您就不能看看说明书吗？"
    assert "asks_questions" not in present(rules, text)
    assert all(d > 0 for d in deltas(rules, text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 就不能…了吗 asks what happened; 咱们 invites; 下班前 is a deadline; 有什么办法 offered.
    ("您升级后就不能登录了吗？", "asks_questions", "lecture"),
    ("咱们一起看看怎么解决，您先别着急。", "acknowledge_feelings", "rudeness_sarcasm"),
    ("我今天下班前一定给您回电。", "time_commitment", "forbidden_phrase"),
    ("看看我有什么办法能帮您。", None, "refusal"),
    ("系统显示您的订单已经发货了，预计明天送到。", None, "deny_responsibility"),
    ("别担心，师傅已经在路上了。", "concrete_action", "rush_calm_down"),
])
def test_round2_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got, got


# ------------------------------------------------------------------ round 3 (13 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour", "scenario"), [
    # 啦 is 了: §2.2 给您添麻烦了.
    ("亲，给您添麻烦啦，我这边马上帮您加急，今晚八点前给您个准信儿~", "acknowledge_feelings", SC),
    # §5 admit a mistake at once, done to the customer; §1 compensation: 退给您.
    ("您这个情况我清楚了，是我们营业员给您办错了套餐，我现在就给您改回来，多扣的钱今天退给您。",
     "ownership", "billing-error"),
    ("您这个情况我清楚了，是我们营业员给您办错了套餐，我现在就给您改回来，多扣的钱今天退给您。",
     "compensation", "billing-error"),
    # §2.2 let them vent; §2.3 see it through (盯到底).
    ("阿姨您慢慢说，不着急，我听着呢。", "acknowledge_feelings", SC),
    ("大哥，这事儿您找我就对了，我给您盯到底。", "ownership", SC),
    # §5 hand over to a supervisor, kept: asking on the customer's behalf.
    ("您先别挂哈，我去问问我们主管能不能给您免了这个费用。", "concrete_action", SC),
    # §5 打太极, in speech.
    ("應該是可以啦，我幫您問問看好了。", "vague", SC),
    # §5 criticising or mocking; 对不起，我们下班了; refusing outright; commanding.
    ("你这不是没事找事吗？", "lecture", SC),  # the rhetorical 不是…吗 criticises
    ("哟，您可真会挑时候，我们刚要下班。", "rudeness_sarcasm", SC),
    ("哟，您可真会挑时候，我们刚要下班。", "forbidden_phrase", SC),
    ("這個不在保固範圍內，沒得談。", "refusal", SC),
    ("你别老打电话催了，催也没用。", "rudeness_sarcasm", SC),
    ("好了好了，知道了知道了，还有别的事吗？", "rush_calm_down", SC),
    ("都说了明天给你弄，你急啥？", "argue", SC),
])
def test_round3_misfire(rules, text, behaviour, scenario):
    assert behaviour in present(rules, text, scenario)


def test_round3_asking_a_supervisor_is_no_unowned_handover_misfire(rules):
    assert "unowned_handover" not in present(rules, "您先别挂哈，我去问问我们主管能不能给您免了这个费用。")


@pytest.mark.parametrize("text", [
    "阿姨您慢慢说，不着急，我听着呢。",
    "大哥，这事儿您找我就对了，我给您盯到底。",
])
def test_round3_listening_and_owning_calm_every_customer_misfire(rules, text):
    assert all(d < 0 for d in deltas(rules, text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Another party's mistake reported, the customer's own, a refund not yet arrived.
    ("我们查到是快递给您寄错了。", None, "ownership"),
    ("是不是您自己办错了？", None, "ownership"),
    ("退给您的钱还没到账，我马上帮您催。", "concrete_action", "compensation"),
    # 好了好了 soothes; a hedged fact with a time is no stall.
    ("好了好了，别生气了，我马上帮您处理。", "concrete_action", "rush_calm_down"),
    ("这不是没问题了嘛，您再试试。", None, "rudeness_sarcasm"),
])
def test_round3_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got, got


@pytest.mark.xfail(strict=True, reason="回头 is read as a stall (§5 打太极) even when it is about the agent's "
                   "own expenses, not the customer's case; telling the two apart needs the clause's subject")
def test_round3_a_later_that_is_not_about_the_case_left(rules):
    assert all(d < 0 for d in deltas(rules, "这样吧，我自掏腰包先给您补上，回头公司报销。"))


# ------------------------------------------------------------------ round 4 (11 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour", "scenario"), [
    # §5 apologise: Taiwanese 歹勢.
    ("歹勢齁，讓您等這麼久，我現在馬上幫您查。", "apology", SC),
    # §1 compensation: 无门槛 negates nothing.
    ("亲，这边给您申请了五十元无门槛券作为补偿哒~", "compensation", SC),
    # §5 show urgency, take notes; §7 someone is on the way.
    ("物業這邊已經派師傅過去了，大概半小時內到，您看可以嗎？", "concrete_action", "property-repair"),
    ("老师您好，您反映的情况我都做了登记，明天上午十点之前我亲自给您回电话。", "concrete_action", SC),
    # §3 an answer by an agreed time, from the named colleague it was handed to.
    ("這邊幫您把電話轉給負責的同事，他姓陳，我已經把您的情況交代清楚了，十分鐘內他會打給您。",
     "time_commitment", SC),
    # §5 打太极; §5 excuses, guessed (§1 unfounded claims).
    ("我們會再跟廠商確認看看，有消息再跟您說。", "vague", SC),
    ("師傅可能在路上塞車了，您再等等喔。", "excuse", "engineer-no-show"),
    # §5 mocking; commanding; arguing.
    ("嫌贵您可以不续啊，又没人逼您。", "rudeness_sarcasm", "renewal-fee"),
    ("行了，别说了，我知道了。", "rush_calm_down", SC),
    ("我都跟你解释八百遍了！", "argue", SC),
])
def test_round4_misfire(rules, text, behaviour, scenario):
    assert behaviour in present(rules, text, scenario)


@pytest.mark.parametrize("text", [
    "亲，这边给您申请了五十元无门槛券作为补偿哒~",
    "這邊幫您把電話轉給負責的同事，他姓陳，我已經把您的情況交代清楚了，十分鐘內他會打給您。",
])
def test_round4_owned_help_calms_every_customer_misfire(rules, text):
    assert all(d < 0 for d in deltas(rules, text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # A courier dispatching is no agent's action; a call to watch for is no promise; a coupon
    # refused still refuses; a time keeps a result-promise from being vague.
    ("请关注工作人员打给您的电话。", None, "follow_up"),
    ("您的快递已经派送了。", None, "excuse"),
    ("无门槛券不能叠加使用，这个我们没法给您。", "negative_language", "compensation"),
    ("今天下午三点前有结果再给您回电。", "time_commitment", "vague"),
])
def test_round4_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and (not_want is None or not_want not in got), got


@pytest.mark.xfail(strict=True, reason="您 folds to 你 before matching, so a polite bare request with its purpose "
                   "(您把照片发过来，我帮您看看) reads like the commanding 你把…发过来 (§5); telling them apart "
                   "needs the politeness the fold removes")
def test_round4_a_polite_request_with_its_purpose_left(rules):
    assert "rush_calm_down" not in present(rules, "好滴亲，您把照片发过来，我帮您看看是哪儿的问题哈~")


# ------------------------------------------------------------------ round 5 (17 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour", "scenario"), [
    # §2.2 您别着急 / 您别生气 in other words.
    ("好的好的，您别上火，我马上给您查一下是哪个环节出的岔子。", "acknowledge_feelings", SC),
    # §5 admit a mistake at once (怪我们); §2.3 see it through (兜着); §3 a way to reach me.
    ("抱歉哈，那个师傅是我们新派的，没经验，这事儿怪我们，明天换个老师傅给您重新装。", "ownership", "rude-engineer"),
    ("放心，这事儿我给您兜着，有啥问题直接打我电话。", "ownership", SC),
    ("放心，这事儿我给您兜着，有啥问题直接打我电话。", "follow_up", SC),
    # §1 compensation: the fee absorbed.
    ("這個費用我幫您吸收掉，您不用再付了。", "compensation", "renewal-fee"),
    # §5 打太极; §5 我们向来都是这么做的 (走个流程).
    ("这个不太好办啊，我试着帮您争取一下吧。", "vague", SC),
    ("那我帮您登记一下，具体啥时候能修好我这边也不确定。", "vague", SC),
    ("嗯，了解，您说的这个我们内部会讨论一下。", "vague", SC),
    ("这事儿吧，得走个流程，您别急。", "hide_behind_policy", SC),
    # §5 mocking, commanding, lecturing ("I told you so").
    ("你这属于没事瞎折腾。", "rudeness_sarcasm", SC),
    ("您有完没完啊？", "rudeness_sarcasm", SC),
    ("那你想让我怎么办？我又变不出来。", "rush_calm_down", SC),
    ("你先搞清楚状况再来投诉好吗？", "lecture", SC),
    ("别跟我扯这些没用的。", "rudeness_sarcasm", SC),
    ("早跟你说了别买这款，你非不听。", "lecture", SC),
    ("我们又不是慈善机构。", "rudeness_sarcasm", SC),
    ("这都是小问题，至于闹这么大吗？", "rudeness_sarcasm", SC),
])
def test_round5_misfire(rules, text, behaviour, scenario):
    assert behaviour in present(rules, text, scenario)


@pytest.mark.parametrize("text", ["您有完没完啊？", "你先搞清楚状况再来投诉好吗？", "这都是小问题，至于闹这么大吗？"])
def test_round5_a_rebuking_question_angers_misfire(rules, text):
    assert "asks_questions" not in present(rules, text)
    assert all(d > 0 for d in deltas(rules, text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Tomorrow morning's call (明早跟您联系) is no "I told you so"; 不怪您 reassures, 不怪我们 denies.
    ("小仟明早跟您联系。", None, "lecture"),
    ("这不怪您，我马上帮您处理。", "reassure", "ownership"),
    ("这也不能怪我们吧。", "deny_responsibility", "ownership"),
    ("我们会争取尽快解决，今天下午三点前给您答复。", "time_commitment", "vague"),
])
def test_round5_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got, got


@pytest.mark.xfail(strict=True, reason="a bare 放心 is not listed: it also stands in statements (可以放心使用, "
                   "放心不下) not yet audited on real replies; 您放心 / 放心吧 are")
def test_round5_a_bare_fangxin_left(rules):
    assert "reassure" in present(rules, "放心，这事儿我给您兜着，有啥问题直接打我电话。")


@pytest.mark.xfail(strict=True, reason="a fact phrase (怎么回事) inside a §5 rebuke (我怎么知道…) still counts; "
                   "only the question-mark signal is dropped beside a rebuke (simulator/engine/step.py)")
def test_round5_a_fact_phrase_inside_a_rebuke_left(rules):
    assert "fact_question" not in present(rules, "我咋知道你那个快递咋回事儿？")


# ------------------------------------------------------------------ round 6 (8 of 20 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    ("您别急哈，先跟我说说是哪天下的单？", "fact_question"),               # §3.1 ask when
    ("你自己弄坏的还好意思来找我们？", "blame_customer"),                   # §5 implying their fault
    ("你自己弄坏的还好意思来找我们？", "rudeness_sarcasm"),
    ("這我也沒轍，你去問問別家吧。", "refusal"),                           # §5 refusing outright
    ("哪有那么多为什么，就这样。", "refusal"),
    ("你嚷嚷也没用，规定就是规定。", "hide_behind_policy"),                 # §5 我们向来都是这么做的
    ("你嚷嚷也没用，规定就是规定。", "rudeness_sarcasm"),                   # §5 着急也没用
    ("您这也太较真了吧。", "rudeness_sarcasm"),
    ("你就不能等两天吗？着急有啥用。", "rudeness_sarcasm"),
    ("我们这边可没错啊，是你没看清楚。", "deny_responsibility"),            # §5 insisting on being right
])
def test_round6_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 哪天方便 offers a choice, not a fact question; 不好意思 (an apology) is no 还好意思.
    ("您看哪天方便，我让师傅上门。", "offer_options", "fact_question"),
    ("真不好意思，让您久等了。", "apology", "rudeness_sarcasm"),
])
def test_round6_near_misses_stay(rules, text, want, not_want):
    got = present(rules, text)
    assert want in got and not_want not in got, got
