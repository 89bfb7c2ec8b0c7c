"""Held-out whole sessions: complete trainee reply sequences played end to end.

Other rounds read single replies. Here a trainee's whole session (4–7 replies) is played with
``play(start(rules, scenario, persona, seed=1, lang=…), replies, with_reply=False)`` and scored
with ``score_session``: a good session (domain.md §2 then §3, and the scenario's needs from §7), a
mediocre one (a bare apology, a fact asked, vague promises with no time) and a bad one (§5:
refusing, doubting, blaming, lecturing, the forbidden phrases), for the same scenario and
persona, in Chinese and English. Each verdict was decided from domain.md before the sessions
were run: a good session resolves or ends calmer and scores well above a bad one (§6: a
complaint resolved brings the customer back); a bad one escalates or walks out — or, for the
friendly customer whose anger shows little (§1), at least ends angrier than it began; a mediocre
one sits between; scores order good > mediocre > bad. Where a session's replies were misread, the
misread reply is tested alone: every ``*_misfire`` case read wrongly before its fix, every
``*_stays`` case is a near-miss guard that must keep its reading. The texts were written for
these tests.

Sessions ended contrary to expectation, per round (before that round's fixes): 0/12 (round 1:
billing-error × self-centered in Chinese, engineer-no-show × domineering in English, data-loss ×
analytical in Chinese, hotline-callback × friendly in English), 0/12 (round 2: rude-engineer ×
domineering in Chinese, renewal-fee × analytical in English, dongle-defect × friendly in Chinese,
late-fix-release × self-centered in English), 1/12 (round 3: property-repair × analytical in
Traditional Chinese, general-complaint × domineering in British English, billing-error × friendly
in English, hotline-callback × self-centered in Hong Kong Cantonese with English words: the
friendly billing good session did not resolve and scored only 57.0 to the bad one's 35.8). Apart
from that, outcomes and order held; the misreads were inside the sessions: 8 of 60 replies in
round 1, 9 of 60 in round 2, 11 of 60 in round 3 (a reply that read nothing, or the wrong thing,
though the session still ended as expected), and they changed how far and how fast a session went
(a good one resolving a reply earlier, a bad one escalating on its first reply).

* Round 1. Lexicon (rules/behaviours.yaml): "which suits you better?" offers options (§3.3
  您看哪种方便？); "he'll be with you by 2:30" sends someone (§7 on-site engineer never came:
  "someone is on the way"); 哪一段时间 / 哪个时间段 asks when (§3.1); "we're about to close" is
  the §5 我们下班了; 你怎么知道你交了 doubts the customer (§5 doubting the customer's honesty);
  你交错号码了 / 您缴错 blames them (§5 implying the customer is at fault, with the 您转错 / 您打错
  family).
* Round 1 audit (6,316 distinct STC-3 helpdesk replies, read before and after): none changed.
* Round 2. Lexicon: 是不是您误会 / 是不是听错了 doubts the customer (§5 doubting, as 是不是记错了
  already did); 提示的是什么 / 他具体说了些什么 asks about the facts (§3.1); "I'm owning this" owns
  it (§2.3); "other customers are managing / cope" is the §5 怎么别人都没问题; 自己插坏 / 您摔坏 /
  您搞坏 blames the customer (§5, with 自己弄坏). Scenario (scenarios/late-fix-release.yaml): a bare
  "release date" no longer meets contact_head_office ("Release dates always change" contacts
  nobody, §7 contact head office about the fix date); "confirm the release date", "actual / firm
  release date" do, with "head office" and "development team" as before.
* Round 2 audit: none of the 6,316 replies changed (the scenario change does not touch the
  general-complaint reading the audit uses; calibrate --check stays ordered).
* Round 3. Lexicon: "I'm reconnecting / restoring" is action under way (§5 show urgency); "aren't
  our problem" denies (§5 insisting on being right, with "not our problem"); "proves nothing",
  "anyone can print one" doubts the customer's proof (§5 doubting honesty); "next time pay / use /
  just" lectures (§5, with "next time make sure"); 哪几户 / 到什么程度 / 多严重 asks (§3.1; §4
  listen and record in detail), as does the Cantonese 單號係幾多 (号系多少); 你們自己沒… / 您自己造成
  blames the customers (§5). Fold (simulator/text/folding.yaml ``cantonese``): 幾多 is 多少. Scenario
  (scenarios/billing-error.yaml): credit_and_refund met by the credit said as done ("credited the
  300", "cancelled the late fee"); apologise no longer met by a bare "lost orders" ("your lost
  orders aren't our problem" recognises no harm, §2.2), but by "sorry about the lost orders", "the
  orders you lost", "cost you orders". The three-way calibrate --check stays ordered.
* Round 3 audit: none of the 6,316 replies changed. (Across the three rounds the new Chinese
  surface forms — 误会, 听错, 什么程度, 哪几, 交错, 摔坏, 自己造成, 怎么知道 … — occur in none of the
  STC-3 helpdesk replies, which are Weibo telecom and e-commerce service posts; 时间段 occurs 18
  times, never as 哪个时间段 / 什么时间段; the English phrases cannot occur there.)
* Left (strict xfail): a scenario need met by a reply that refuses it or doubts the customer —
  "It's not my job to chase the engineers." meets track_now, 重新录入？这不归我们管。 meets
  reenter_at_cost: need phrases are read without the clause's refusal, and suppressing them needs
  per-clause work in the reading of every reply; likewise 换新的要收两百块钱 reads as compensation
  and meets replace_free though the replacement is charged.
* Not fixed, judged calls: 还有其他问题吗？ read as check_understanding (
  in the mediocre rude-engineer session); apologies that name the trouble but offer no action stay
  empty_apology, as the lexicon decides (§1 empty apologies without substance); 值班主管 in a
  self-introduction reads as a hand-over.
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

from simulator.engine import Outcome, play, start
from simulator.engine.step import read_reply
from simulator.scoring import score_session

FAILED = {Outcome.ESCALATED, Outcome.WALKED_OUT}


def _session(rules, scenario, persona, lang, replies):
    state = start(rules, scenario, persona, seed=1, lang=lang)
    turns = play(state, replies, with_reply=False)
    return state.anger, turns, score_session(rules, scenario, persona, turns)


def _check_triple(rules, scenario, persona, lang, good, mediocre, bad):
    a0, gt, gc = _session(rules, scenario, persona, lang, good)
    m0, mt, mc = _session(rules, scenario, persona, lang, mediocre)
    b0, bt, bc = _session(rules, scenario, persona, lang, bad)
    # Good: resolved, or at least calmer, and never a failure (§2, §3, §6).
    assert gt[-1].outcome == Outcome.RESOLVED or gt[-1].anger_after < a0
    assert gt[-1].outcome not in FAILED
    # Bad: escalates or walks out; the friendly customer's anger shows little (§1), so for them
    # ending angrier than they began is enough.
    if persona == "friendly":
        assert bt[-1].outcome in FAILED or bt[-1].anger_after > b0
    else:
        assert bt[-1].outcome in FAILED
    # Mediocre sits between: not resolved as well as the good one, not failing like the bad.
    assert mt[-1].outcome not in FAILED
    assert gc.total > mc.total > bc.total
    assert gc.total - bc.total >= 30


# ------------------------------------------------------------------ round 1 (0 of 12 sessions contrary)

ROUND1 = {
    # §7 telecom billing error; §1 self-centered: sincere apology for the company's fault, compensation.
    ("billing-error", "self-centered", "zh"): (
        ["真是对不起，钱交了却没到账还被停机，耽误您做生意了，换作是我也会很恼火。",
         "我是营业厅的值班主管陈静，这件事我来负责处理到底。麻烦您把那张收据给我看一下，我现在就核对流水号。",
         "查到了，您十五号的三百元确实交了，是我们系统入账漏了，责任在我们。我马上给您复机，十分钟内就能恢复通话。",
         "三百元我现在就给您补进账户，二十元滞纳金全部退还；停机两天的损失，我给您申请两个月的月租减免作为补偿。",
         "复机已经办好了，您试着打个电话看看？今天下午五点前我再打给您确认账户余额，谢谢您的耐心。"],
        ["您好，缴费没到账的问题我们这边看一下。",
         "您有收据吗？拿来我看看。",
         "嗯，确实有这笔钱，我们会处理的。",
         "滞纳金的事要等后台审核，审核通过了会退给您。",
         "复机的话一般要一到两个工作日。"],
        ["系统显示您欠费，停机是正常流程。",
         "你怎么知道你交了？说不定你交错号码了。",
         "滞纳金是系统自动扣的，我们向来都是这么做的，退不了。",
         "损失？那是你自己的生意，跟我们没关系。",
         "要投诉你去打热线，我这里处理不了。"]),
    # §7 on-site engineer never came; §1 domineering: immediate concrete action, choices.
    ("engineer-no-show", "domineering", "en"): (
        ["I'm so sorry — you took the morning off and nobody turned up or even called. That's not acceptable "
         "and I'd be furious too.",
         "My name is Priya, I'm the service coordinator and I'm personally taking this on. When did you book "
         "the visit, and do you have the job reference?",
         "Thanks. Please hold the line a moment while I get the dispatch manager on the other phone to find "
         "out what happened.",
         "Right, I've spoken to him: the engineer was sent to the wrong site. There's an engineer leaving now "
         "and he'll be with you by 2:30 this afternoon. Or if you'd rather, we can book the first slot "
         "tomorrow at 9 — which suits you better?",
         "I'll ring you at 2:45 to make sure he's arrived and the job's under way. Thank you for bearing "
         "with us."],
        ["Sorry about that.",
         "Can you give me the job number?",
         "OK, I can see the booking. The engineer must have been held up on another job.",
         "We'll try to get someone out to you sometime this week.",
         "Is there anything else I can help with?"],
        ["Our engineers are very busy, these things happen.",
         "Are you sure you actually booked it? I can't see anything obvious.",
         "You should have called us this morning if nobody showed up.",
         "Listen to me, there's nothing I can do about it today.",
         "If you're not happy you can put it in writing to head office."]),
    # §7 engineer lost data by skipping a backup; §1 analytical: facts, reasons, process, timeline.
    ("data-loss", "analytical", "zh"): (
        ["非常抱歉，工程师没有先备份就操作，导致您的数据丢失，这完全是我们公司的过失，给您带来这么大的麻烦，我很理解您现在的心情。",
         "我是技术服务部经理刘伟，这件事由我本人负责跟进到底，同时我已经把情况上报给了公司领导。",
         "请问丢失的是哪一段时间的数据？服务器上之前有没有做过其他备份？",
         "我已经安排数据恢复工程师，今天下午两点前到您公司尝试恢复。如果恢复不了，所有数据由我们安排人员重新录入，费用全部由公司承担。",
         "因为这次是我们的工程师没有按规程先备份，我们会在内部整改操作流程。明天上午十点前我给您回电，告诉您恢复的进展。您看这样安排可以吗？"],
        ["不好意思，数据的事给您添麻烦了。",
         "能说一下丢的主要是哪些数据吗？",
         "我们会尽量安排人帮您恢复。",
         "恢复不了的话，我们再商量怎么处理。",
         "有消息会通知您的。"],
        ["工程师操作前应该提醒过您备份吧？数据是您自己的，平时要自己备份。",
         "这种情况我们也没办法，数据丢了就是丢了。",
         "重新录入？这不归我们管。",
         "你听我说，工程师也是按规定做的，不是我们的问题。",
         "您要是不满意可以去走法律程序。"]),
    # §7 hotline always busy / promised call-back never came; §1 friendly: good service anyway.
    ("hotline-callback", "friendly", "en"): (
        ["I'm really sorry you couldn't get through and that the call-back you were promised never happened "
         "— that's a lot of wasted time on your side.",
         "I'm Tom from the support desk and I'll see this through myself. Can you tell me roughly when you "
         "called and which engineer you spoke to?",
         "Thanks, I've found the ticket from Tuesday — it was never passed on to an engineer. I'm chasing it now.",
         "I've booked Mei, our senior engineer, to call you back at 3 o'clock today. Does that time work for you?",
         "So to sum up: Mei calls you at 3, and I'll check with you afterwards that it's sorted. Thanks for "
         "your patience."],
        ["Sorry for the wait.",
         "What's your customer number?",
         "I'll pass a note to the engineers.",
         "Someone should call you back.",
         "Thanks for calling."],
        ["The line's busy because lots of people call. Nothing I can do about that.",
         "I don't know who you spoke to.",
         "Just call again later, someone might pick up.",
         "It's not my job to chase the engineers.",
         "Anything else? We're about to close."]),
}


@pytest.mark.parametrize("key", list(ROUND1), ids=["-".join(k) for k in ROUND1])
def test_round1_sessions_stays(rules, key):
    _check_triple(rules, *key, *ROUND1[key])


def test_round1_good_no_show_session_resolves_misfire(rules):
    # §7 "someone is on the way" with a slot and a choice: before the fix the fourth reply read
    # nothing, and the domineering customer was still at 12 when the replies ran out.
    _, turns, card = _session(rules, "engineer-no-show", "domineering", "en",
                              ROUND1[("engineer-no-show", "domineering", "en")][0])
    assert turns[-1].anger_after == 0
    assert card.total >= 75


def test_round1_friendly_bad_session_walks_out_misfire(rules):
    # §5 对不起，我们下班了 at the end of a brush-off session: the friendly customer leaves.
    _, turns, _ = _session(rules, "hotline-callback", "friendly", "en",
                           ROUND1[("hotline-callback", "friendly", "en")][2])
    assert turns[-1].outcome == Outcome.WALKED_OUT


@pytest.mark.parametrize(("text", "behaviour"), [
    # §3.3 您看哪种方便？ in English.
    ("I can send the engineer this afternoon or first thing tomorrow, which suits you better?", "offer_options"),
    ("We can call you at noon or at six. Which would suit you?", "offer_options"),
    # §7 someone is on the way, by a stated time.
    ("A technician will be with you by four o'clock today.", "concrete_action"),
    ("Our courier will be there within the hour with the replacement.", "concrete_action"),
    # §3.1 ask when: which stretch of time.
    ("网络最卡的是哪段时间？", "fact_question"),
    ("您方便说一下大概是哪个时间段打不通的吗？", "fact_question"),
    # §5 对不起，我们下班了.
    ("Sorry, we're about to close, can you ring back tomorrow?", "forbidden_phrase"),
    ("Please be quick, we're just about to close for the day.", "forbidden_phrase"),
    # §5 doubting the customer's honesty.
    ("您怎么确定您那天真的来过营业厅？", "doubt_customer"),
    ("你怎么知道你付了？", "doubt_customer"),
    # §5 implying the customer is at fault, before the facts.
    ("估计是您缴错账户了。", "blame_customer"),
    ("会不会是你充错号码了？", "blame_customer"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # The customer asked how they heard of something: a fact asked, no doubt.
    ("请问您是怎么知道这个活动的？", None, "doubt_customer"),
    # A payment they made, named: no blame.
    ("您交的三百元已经到账了，今天就给您复机。", None, "blame_customer"),
    # This period, not which one: no question.
    ("这段时间给您添麻烦了，真是不好意思。", "apology", "fact_question"),
    # The agent will be with them shortly on the line: no one sent.
    ("I'll be with you in a moment, please hold.", "hold_politely", "concrete_action"),
    # The customer's choice of suit, not the agent's offer.
    ("The blue one suits you better than the grey.", None, "offer_options"),
    # A closing time stated with the next step, no door shut on them: read already.
    ("Our branch opens at nine; I'll meet you there myself.", None, "forbidden_phrase"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


def test_round1_doubt_angers_every_customer_misfire(rules):
    assert all(d > 0 for d in deltas(rules, "你怎么知道你交了？拿出来看看。", "billing-error"))


@pytest.mark.xfail(strict=True, reason=(
    "a scenario need is met by its phrase even in a clause that refuses it (§4 不得推诿): suppressing "
    "need phrases under a refusal or not_my_job in the same clause needs per-clause work for every reply"))
@pytest.mark.parametrize(("text", "scenario", "need"), [
    ("It's not my job to chase the engineers.", "hotline-callback", "track_now"),
    ("重新录入？这不归我们管。", "data-loss", "reenter_at_cost"),
])
def test_round1_need_met_by_refusal(rules, text, scenario, need):
    assert need not in {h.need for h in read_reply(rules, scenario, text).need_hits}


# ------------------------------------------------------------------ round 2 (0 of 12 sessions contrary)

ROUND2 = {
    # §7 engineer was rude; §1 domineering: respect, acknowledgement, immediate action, choices.
    ('rude-engineer', 'domineering', 'zh'): (
        ['先跟您说声对不起，工程师那样跟您说话是完全不应该的，当着您同事的面被这么说，换谁都会觉得很难堪。',
         '您慢慢说，当时他具体说了些什么？我都记下来。',
         '我是服务部的主管周敏，这件事我亲自处理。工程师的态度问题，我今天就会提交内部调查，调查结果三天内告诉您。',
         '打印服务器的维修，我换一位资深工程师过去，明天上午九点到，您看九点方便吗，还是您定一个时间？',
         '再次向您道歉，感谢您把这件事告诉我们，我们一定改进。'],
        ['这个情况我了解了，不好意思。',
         '我们会跟工程师沟通一下。',
         '打印服务器的事我们再派人过去看看。',
         '具体时间要等调度安排。',
         '还有其他问题吗？'],
        ['我们的工程师一向很专业，是不是您误会他的意思了？',
         '他修了一整天也很辛苦，说话急了点也正常。',
         '您也别太较真了，这点小事。',
         '要换工程师得另外排期，最早下个月。',
         '您要投诉就去投诉吧。']),
    # §7 why pay again / leftover problem; §1 analytical: reasons, the terms, options.
    ('renewal-fee', 'analytical', 'en'): (
        ["I can see why that feels unfair — you're being asked to renew while the report export still isn't fixed. You're right that it should have been sorted before the contract ran out.",
         "I'm Daniel, your account manager, and I'll handle this myself. Could you tell me when the export problem was first reported and what reference you were given?",
         "Thanks. Your contract covered twelve months of support, which ended on 30 June; renewal is charged because the support team and updates carry on for the next year. But because this fault was logged while you were still covered, I'm applying today for a one-off free visit to fix it.",
         "For renewal, you've got two choices: the standard plan at 4,800 a year, or a basic plan at 2,900 with remote support only. Last year the contract covered 14 visits and three upgrades. Which would you prefer?",
         "So: free visit applied for today, I'll confirm the date by 5 pm tomorrow, and you decide on the plan in your own time. Does that cover everything?"],
        ['I understand.',
         'The contract has expired, so there is a fee for renewal.',
         'I can see if an engineer might look at the export issue.',
         'Renewal prices are on our website.',
         'Let me know what you decide.'],
        ["That's just how contracts work, everyone pays to renew.",
         "The export problem isn't our concern now that your contract has ended.",
         'You should have raised it before it expired.',
         "No, we can't give free visits. That's company policy.",
         "If it's too expensive, maybe our software isn't for you."]),
    # §7 dongle not detected, "is this pirated?"; §1 friendly: the best service anyway.
    ('dongle-defect', 'friendly', 'zh'): (
        ['很高兴为您服务，加密狗识别不了，设计部都没法开工，确实太耽误事了，给您添麻烦了。',
         '请问电脑上提示的是什么错误？是所有电脑都识别不到，还是只有一台？',
         '这个是加密狗的芯片老化导致的，您的软件是正版的，请放心。我今天下午安排工程师带一个新的加密狗上门，免费给您更换，不收任何费用。',
         '在换好之前，我先给您开一个七天的临时授权码，设计部马上就能继续用。',
         '我是技术支持小林，换完之后明天上午我再给您打电话确认一切正常，谢谢您的理解。'],
        ['您好，加密狗的问题是吧。',
         '您重新插拔一下试试。',
         '不行的话可以寄回来检测。',
         '检测完确认是质量问题可以换。',
         '好的，您先试试。'],
        ['识别不了？是不是你们用的盗版？',
         '加密狗一般不会坏，肯定是你们自己插坏的。',
         '换新的要收两百块钱，这是规定。',
         '工程师都很忙，没空上门。',
         '你自己上网查查怎么弄吧。']),
    # §7 promised fix late; §1 self-centered: sincere apology for the company's fault, a benefit.
    ('late-fix-release', 'self-centered', 'en'): (
        ["I'm sorry — we promised the fix in this release, it slipped, and nobody told you. Having your staff check everything by hand every day is a real burden, and that's on us.",
         "I'm Sarah from product support and I'm owning this. I'm contacting head office development right now to get the actual release date for the fix.",
         "In the meantime, I'll send you a script today that flags the affected records automatically, so your team doesn't have to check every entry by hand.",
         "I'll call you back by 4 pm today with the confirmed date from development.",
         "And from now on, if the date moves again, I'll personally let you know the same day. Thank you for being patient with us."],
        ['Apologies for the delay.',
         'The fix has been pushed to the next release.',
         'Development are working on it.',
         "We'll let you know when it's out.",
         'Thanks for your understanding.'],
        ["Release dates always change, that's software.",
         'We never guaranteed that date.',
         'Other customers are managing fine with manual checks.',
         "There's no workaround, you'll just have to wait.",
         "Calm down, it's only a few checks a day."]),
}


@pytest.mark.parametrize("key", list(ROUND2), ids=["-".join(k) for k in ROUND2])
def test_round2_sessions_stays(rules, key):
    _check_triple(rules, *key, *ROUND2[key])


def test_round2_bad_rude_engineer_session_escalates_at_once_misfire(rules):
    # §5 doubting the customer (是不是您误会了？) to a domineering customer who cannot stand being
    # doubted (§1): before the fix the first reply read nothing and the session ran three replies.
    _, turns, _ = _session(rules, "rude-engineer", "domineering", "zh",
                           ROUND2[("rude-engineer", "domineering", "zh")][2])
    assert len(turns) == 1 and turns[0].outcome == Outcome.ESCALATED


def test_round2_friendly_bad_dongle_session_walks_out_misfire(rules):
    # §1 friendly: careless service drains them; 是你们自己插坏的 is blame (§5), and they leave.
    _, turns, _ = _session(rules, "dongle-defect", "friendly", "zh",
                           ROUND2[("dongle-defect", "friendly", "zh")][2])
    assert turns[-1].outcome == Outcome.WALKED_OUT


@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 doubting the customer: what they heard or understood put in question.
    ("是不是您听错了？我们从来没说过免费。", "doubt_customer"),
    ("您是不是误会我们的规定了？", "doubt_customer"),
    # §3.1 ask about the facts: what the screen or the person said.
    ("您电脑上显示的是什么内容？", "fact_question"),
    ("当时前台的同事都说了什么？", "fact_question"),
    # §2.3 own it.
    ("I'm owning this until it's fixed, you won't be passed around.", "ownership"),
    # §5 怎么别人都没问题.
    ("Everyone else manages with the old version.", "forbidden_phrase"),
    ("Other customers cope with it without any trouble.", "forbidden_phrase"),
    # §5 implying the customer is at fault.
    ("这个屏幕应该是您摔坏的吧。", "blame_customer"),
    ("一看就是自己搞坏的。", "blame_customer"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round2_release_date_alone_contacts_nobody_misfire(rules):
    # §7 contact head office about the fix date: naming the release date is no contact.
    hits = read_reply(rules, "late-fix-release", "Release dates can move, I'm afraid.").need_hits
    assert "contact_head_office" not in {h.need for h in hits}


@pytest.mark.parametrize(("text", "scenario", "need"), [
    ("I'll confirm the release date with our developers and ring you by Friday.", "late-fix-release",
     "contact_head_office"),
    ("I'm calling head office now to get a firm release date.", "late-fix-release", "contact_head_office"),
])
def test_round2_need_stays(rules, text, scenario, need):
    assert need in {h.need for h in read_reply(rules, scenario, text).need_hits}


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Checking they were heard right: §3.4, no doubt.
    ("如果我没听错，您是上周五打的电话？", None, "doubt_customer"),
    # Broken by the courier, not by the customer.
    ("快递员把箱子摔坏了，我们马上给您补发。", "concrete_action", "blame_customer"),
    # Others with the same fault: no 别人都没问题.
    ("Other customers have reported the same fault, so we're fixing it for everyone.", None,
     "forbidden_phrase"),
    # What the agent's own screen shows, stated: no question.
    ("系统显示的是已经发货，我帮您催一下快递。", None, "fact_question"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.xfail(strict=True, reason=(
    "a replacement offered for a fee (换新的要收两百块钱) reads as compensation and meets replace_free: the fee "
    "in the same clause is not read against 换新, and that needs per-clause work for every reply"))
def test_round2_paid_replacement_is_no_free_replacement(rules):
    r = read_reply(rules, "dongle-defect", "换新的要收两百块钱，这是规定。")
    assert "compensation" not in r.present and "replace_free" not in {h.need for h in r.need_hits}


# ------------------------------------------------------------------ round 3 (1 of 12 sessions contrary)

ROUND3 = {
    # §7 property repairs not done, a collective (major) complaint, typed in Traditional characters.
    ('property-repair', 'analytical', 'zh'): (
        ['真的非常抱歉，屋頂漏水報修了四次、拖了兩個月都沒處理，這是我們物業管理的失職，讓各位業主受損又受氣。',
         '我是物業經理黃建國，這件事由我負責跟進到底，也已經向公司上級報告了。請問目前是哪幾戶受到影響？牆面和地板大概損壞到什麼程度？',
         '我都記錄下來了。維修隊今天下午就上屋頂檢查，防水工程會在本週五之前完工。',
         '因為漏水造成的牆面和地板損壞，我們下週一派人逐戶評估，由物業負責修復；無法修復的部分按評估結果賠償。',
         '之後每兩天我會在業主群裡更新一次進度，完工後我親自上門確認。謝謝各位的耐心。'],
        ['漏水的事情我們知道了，不好意思。',
         '維修隊最近比較忙，我們會盡快安排。',
         '請問是哪幾戶？',
         '損壞的部分要看情況再說。',
         '有進展再通知大家。'],
        ['下雨天漏水很正常，老房子都這樣。',
         '你們報修的單子我沒看到，是不是沒有填單？',
         '維修要排隊，這不是我能決定的。',
         '牆面損壞是你們自己沒及時處理造成的。',
         '五戶一起來也沒用，要投訴去找開發商。']),
    # §1 what every complainant needs; domineering: acknowledgement, immediate action, choices.
    ('general-complaint', 'domineering', 'en'): (
        ["You're absolutely right to be annoyed — you sorted this last week, you were told three days, and you've had to chase us twice. I'm sorry we've let you down.",
         "I'm Gareth, team leader here, and from now on this is mine to sort. Could you give me the reference from last Monday and the names of whoever you spoke to?",
         "Cheers. I can see it stalled because the job was never passed to the install team. I've just put it through as urgent.",
         "They can come tomorrow at 10 or Thursday at 2 — your call which suits you better. Either way I'll ring you tomorrow by noon to confirm it's booked.",
         "So: the install is booked, I'm your contact, and you'll hear from me by noon tomorrow. Thanks for sticking with us."],
        ['Sorry to hear that.',
         'Have you got a reference number?',
         'Right, it looks like it got missed.',
         "I'll put a note on the account for the team.",
         'They should be in touch soon.'],
        ['Well, three days was only ever an estimate.',
         "I can't see any record of you calling twice, to be honest.",
         "You'll need to calm down if you want me to help you.",
         "That's not my department, mate, you'll have to ring the installers.",
         "There's nothing more I can do today."]),
    # §7 payment not credited; §1 friendly: the best service anyway, no slack.
    ('billing-error', 'friendly', 'en'): (
        ["Thanks for coming in, and I'm sorry — you paid and still got cut off, and with a delivery business losing two days of orders that really hurts.",
         "I'm Amy and I'll take care of this from start to finish. Could I see your receipt with the transaction number?",
         "Found it: the 300 was paid on the 15th but never posted to your account — our mistake. I'm reconnecting your line now; it'll be working within fifteen minutes.",
         "I've credited the 300 and cancelled the 20 late fee, and I've put in for a month's rental credit for the lost business.",
         "I'll text you by 6 this evening once the credit shows on your account. Thanks for your patience today."],
        ['Hello, how can I help?',
         'Do you have the receipt?',
         "OK, I'll send this to billing.",
         'They usually sort these things out in a week or so.',
         "The late fee might be refunded once they've looked at it."],
        ["Our system says you didn't pay, so the line was suspended.",
         "A receipt doesn't prove anything, anyone can print one.",
         "The late fee is automatic. I can't remove it.",
         "Your lost orders aren't our problem.",
         "Next time pay online and you won't have this issue."]),
    # §7 promised call-back never came, in Hong Kong Cantonese chat with English words.
    ('hotline-callback', 'self-centered', 'zh'): (
        ['真係好抱歉，hotline一直打唔通，答應覆電又冇人打俾你，浪費咗你咁多時間。',
         '我係客服阿敏，呢單case我會親自follow到底。請問你係幾時打嚟㗎？當時係邊位工程師接嘅？',
         '我已經check咗記錄，張單冇轉到工程部，我而家即刻幫你跟進。',
         '我約咗陳工程師今日下晝三點前打電話俾你，如果三點前未收到，我會親自打返俾你。',
         '總之今日三點前會有工程師聯絡你，多謝你耐心等。'],
        ['唔好意思。',
         '你個客戶編號係幾多？',
         '我幫你留個言俾工程部。',
         '佢哋應該會覆你嘅。',
         '仲有冇其他嘢？'],
        ['打唔通好正常，好多人打嚟。',
         '我唔知你同邊個講過。',
         '你自己再打過啦。',
         '工程師幾時覆你唔關我事。',
         '我哋收工喇。']),
}


# The friendly billing triple ran contrary before the fixes: its good session did not resolve and
# scored 57.0 to the bad one's 35.8 (the reconnection and the credit read as nothing, the bad
# session's doubt and denial read as nothing), so it is the misfire; the other three held.
CONTRARY3 = ("billing-error", "friendly", "en")


@pytest.mark.parametrize("key", [k for k in ROUND3 if k != CONTRARY3],
                         ids=["-".join(k) for k in ROUND3 if k != CONTRARY3])
def test_round3_sessions_stays(rules, key):
    _check_triple(rules, *key, *ROUND3[key])


def test_round3_friendly_billing_sessions_misfire(rules):
    _check_triple(rules, *CONTRARY3, *ROUND3[CONTRARY3])


@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 show urgency: the work under way as the agent speaks.
    ("I'm reconnecting your broadband as we speak.", "concrete_action"),
    # §5 insisting on being right.
    ("Those roaming charges aren't our problem.", "deny_responsibility"),
    # §5 doubting the customer's honesty: their proof called worthless.
    ("A screenshot proves nothing, I'm afraid.", "doubt_customer"),
    # §5 lecturing: advice for next time.
    ("Next time use the app and it won't happen.", "lecture"),
    # §3.1 ask about the facts: how bad, which households.
    ("請問漏水已經到什麼程度了？", "fact_question"),
    ("没收到停水通知的是哪几家？", "fact_question"),
    ("你張單號係幾多？", "fact_question"),
    # §5 implying the customers are at fault.
    ("你們自己沒關好窗才會進水。", "blame_customer"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "scenario", "need", "met"), [
    # §7 payment not credited: the credit said as done.
    ("I've credited your account with the 300 this morning.", "billing-error", "credit_and_refund", True),
    # §2.2 recognise the harm: a denial names the lost orders but recognises nothing.
    ("Your lost orders aren't our problem.", "billing-error", "apologise", False),
])
def test_round3_need_misfire(rules, text, scenario, need, met):
    assert (need in {h.need for h in read_reply(rules, scenario, text).need_hits}) is met


@pytest.mark.parametrize(("text", "scenario", "need"), [
    ("I'm so sorry about the lost orders, that's our error.", "billing-error", "apologise"),
    ("I'll waive the late fee and credit the payment today.", "billing-error", "credit_and_refund"),
])
def test_round3_need_stays(rules, text, scenario, need):
    assert need in {h.need for h in read_reply(rules, scenario, text).need_hits}


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Said not to be their doing: reassurance, no blame.
    ("这不是您们自己造成的，是我们的施工问题。", None, "blame_customer"),
    # Proof accepted: no doubt.
    ("That proves you paid, thank you, I'll sort the credit now.", None, "doubt_customer"),
    # Next time they call, ask for me: an offer, no lecture.
    ("Next time you ring, ask for me, I'm Amy.", "introduce_self", "lecture"),
    # Unable to reconnect yet: no action claimed.
    ("I'm afraid I can't reconnect you until the payment clears.", None, "concrete_action"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got
