"""Subtle wrong moves in spoken and chat Chinese, and long replies that mix good moves with one bad one.

Held-out probes of ~30 replies a round: veiled blame (您当时应该先…, 一般人都不会…), sarcasm,
打官腔, polite 推诿 (这个不归我们管，您可以去问问…), lecturing, conditional help, an apology taken
back by a 但是, and 3–5 sentence replies where one bad move sits among good ones (the bad one
must still be read, the good ones must still count). Each verdict was decided from domain.md
before the reply was run. Every ``*_misfire`` case read wrongly before its fix; every ``*_stays``
case is a near-miss guard that must keep its reading (some were added with a round's fixes, to
fence them). The texts were written for these tests.

Misread per round (before that round's fixes): 24/35, 19/32 (round 2: spoken chat, 打官腔 with
相关规定, counterfactual blame, bare 但, long replies with an excuse or an order at the end), 16/32
(round 3: chat-shop 推诿 to the platform or the shop owner, 打官腔 with 相关流程 / 适时告知, a refund
talked out of, long good replies as guards; one misread was round 1's own family said with 这样),
18/30 (round 4: long 3–5 sentence replies with one bad move at the end, the trade's practice, the
price defended, the customer told off).

* Round 1. Lexicon (rules/behaviours.yaml): veiled blame as what ordinary users or ordinary use
  never do (一般人都不会这么…, 正常使用是不会…) and blame handed back (您也有责任) (§5 implying the
  customer is at fault); what other customers do first (其他客户都是先…) and advice for next time
  with words between (下次…记得, a frame in simulator/text/matcher.py) (§5 lecturing); sarcastic
  praise and jeers (真会挑时间, 您厉害, 您这么懂, 要不您来当…, 反正您是客户, 老人家都会) and the
  complaint dismissed (没必要投诉) (§5 mocking); the team's 只负责 (§5 这不归我管); the customer asked
  to see our 难处 (§5 excuses); 但这 / 但确实 (§5 但是 after a kind sentence); the customer's case
  called rare (您这种情况挺少见, 很少有人遇到: §5 怎么别人都没问题？); the quality vouched for (质量过硬:
  §5 insisting on being right); 不会受理 and help held back for a good review or a withdrawn
  complaint (§5 refusing outright · putting obstacles in the way); a benefit only considered
  (考虑给您: §5 打太极). Look-alikes: 您当时应该已经 / 是 / 会 guesses, it does not blame. Code
  (simulator/text/matcher.py): the customer sent to ask a bank, maker, courier, seller or
  after-sales themself (您可以咨询一下银行, 建议您联系厂家售后: §4 不得推诿), a frame behind the
  party names (not where the customer is spared it: 不会让您找快递的, a guard of the bot round that
  the first full run caught); a refusal word closed by 的话 names a condition (不行的话我马上安排工程师, §3.3).
* Round 1 audit (6,316 distinct STC-3 helpdesk replies, read before and after): 3 changed, all
  right by domain.md: 您可以咨询一下运营商 and 小沃建议您联系银行客服核实 send the customer away (§4
  不得推诿); 你厉害的... is sarcasm (§5). A fourth, 请您私信一下您联系售后时所留电话, read as
  推诿 until a contact already made (联系售后时) was kept out of the frame.
* Round 2. Lexicon: blame asked as a question (怎么不问清楚, 您是不是又…) (§5 implying the customer
  is at fault); other customers' good conduct (一般客户都挺配合的: §5 怎么别人都没问题？); the anger or
  the sum dismissed (犯不上, 为这点钱, 发火也没用) and a grudging 行了吧 (§5 mocking); 根据相关规定 /
  按照有关规定 and 每个客户都一样 (§5 hiding behind policy, 打官腔); 要求过分 (§5 arguing); the volume
  of other customers (人太多: §5 excuses); 已经催了 (§5 stress what was done); 一次性说完 (§5
  commanding tone); 您还得跟他们沟通 (§4 不得推诿); 有空多看看 / 多看看说明书 (§5 lecturing). Code
  (simulator/text/matcher.py): a counterfactual 您要是早点…也不至于 / 就好了 is blame (a frame behind
  不至于 / 不会 / 就好了); a bare 但 opening a clause is §5's 但是 after a kind sentence (a frame
  behind 但; not 但凡 / 但愿, and the hit is the 但 alone so a negation before the comma stays in
  its clause); and frame hits now take their clause's sense as phrase hits do (a 但 or a
  sending-away inside a question asks, it does not do).
* Round 2 audit: 15 more helpdesk replies changed, all gaining but_reversal for a bare 但 after an
  apology or a kind line; right by §5 (但因腾讯公司业务下线，无法实现继续赠送, 但现阶段来看，暂无法变更,
  但数量有限 take back what came before; 但请您放心 / 但会继续升级 are the same word after a kind
  sentence, which the lexicon's 但是 already counts). Two more, a 但 inside a fact question
  (请问您是缴费成功，但一直无人预约上门吗？), had lost their question until frame hits took the
  question sense. The punctuation-led phrase ",但" was tried first and dropped: a negation before
  the comma reached it. 认真研究 was tried as 打太极 and dropped: 28 replies answer a suggestion with
  我们会认真研究，努力改善, an intent to improve (§1).
* Round 3. Lexicon: 道个歉 (§2 apologise); 一般人不会这样 beside round 1's 这么 (§5 blame); 吼也解决不了
  (§5 mocking, as 生气也没用); 您还想我们怎么样 and 先别急着投诉 (§5 commanding); 写明了的, 不是我说您,
  一上来就给差评 (§5 lecturing); 不可能故意 (§5 insisting on being right); 我劝您还是算了吧 (§5 putting
  obstacles in the way); 相关流程 (§5 hiding behind policy) and 适时告知 (§5 打太极); 左右不了 (§5
  excuses); 只是客服 (§5 这不归我管); 问问其他同事 (§4 不得推诿); 我一步一步教您 (§2.1 我来帮您). Code:
  the sending-away frame's parties are one tuple and now hold 平台, 店铺, 店家, 卖家.
* Round 3 audit: 1 more helpdesk reply changed, right: 我教您一个办法查询 is §2.1 willingness.
* Round 4. Lexicon: 整个行业都这样 / 不是我们一家的问题 and 规则是平台定的，我们也只是执行 (§5 我们向来
  都是这么做的, hiding behind policy); 以后最好, 您这样骂人就不对了, 客服也是人, 不要重复提交, 都写着呢
  (§5 lecturing); 我知道您很生气 (§2.2); 别逗了, 能用多少钱, 没人强迫 (§5 mocking); 没法受理 beside
  round 1's 不会受理 (§5 refusing); 您先别急着下结论 (§5 commanding); 解释得很清楚了, 已经很不错了,
  一分钱一分货, 您这话说的 (§5 arguing); 就看技术那边 (§5 打太极); 打电话跟进 (§4 keep the customer
  informed); 跟我们没什么关系 (§5 denial); 是您手机设置的问题 (§5 blame).
* Round 4 audit: no helpdesk reply changed in the end. 您手机的问题 without 是 was tried first and
  read 请您私信…反馈您手机的问题 as blame; the device phrases now need the 是.
* Left (strict xfail, with the reason): a refusal conceded under 虽然 before an offer
  (虽然这不在保修范围内，但我可以帮您申请一次免费维修); 您的意见我们会认真研究 (see the audit); a
  reminder that blames (另外提醒您一下，下单时地址一定要填写完整); sarcasm carried by praise and the
  facts (您真是我见过最有耐心的客户了，都打了八次电话了); the record held against the customer
  (可是系统显示您确实已经签收了); a hand-over to a team with a time (他们会在48小时内联系您), which
  the lexicon reads as owned enough.
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

# ------------------------------------------------------------------ round 1 (24 of 35 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 implying the customer is at fault: what ordinary users never do, what ordinary use never
    # causes (so the customer misused it), and a share of the blame handed back after a 可是.
    ("一般人都不会这么操作的，您是第一个。", "blame_customer"),
    ("按理说正常使用是不会出现这种情况的。", "blame_customer"),
    ("我们很抱歉，可是您也有责任，您没有及时告诉我们。", "blame_customer"),
    # §5 lecturing: other customers held up as the example; advice for next time.
    ("其他客户都是先看说明书再使用的。", "lecture"),
    ("下次买东西前记得先看评价，就不会踩坑了。", "lecture"),
    # §5 mocking the customer: sarcastic praise, giving in with a jeer, the task any child can do.
    ("哇，您可真会挑时间，正好赶上我们系统升级。", "rudeness_sarcasm"),
    ("您说得都对，反正您是客户，您说了算。", "rudeness_sarcasm"),
    ("行，您厉害，那您说怎么办吧。", "rudeness_sarcasm"),
    ("您这么懂，要不您来当客服？", "rudeness_sarcasm"),
    ("这个其实很简单的，您按说明书一步一步来就行，很多老人家都会。", "rudeness_sarcasm"),
    # §5 the complaint treated as unimportant, after an apology and a 不过.
    ("抱歉抱歉，不过说实话这种小问题重启一下就好了，没必要投诉吧。", "rudeness_sarcasm"),
    # §4 首问负责制 不得推诿: the customer sent to ask someone else, politely.
    ("这个不归我们管，您可以去问问物业。", "pass_the_buck"),
    ("这种情况您可以咨询一下银行那边，他们比较清楚。", "pass_the_buck"),
    ("这个问题建议您联系厂家售后，我们这边只负责销售。", "pass_the_buck"),
    # §5 这不归我管, said of the team.
    ("这个问题建议您联系厂家售后，我们这边只负责销售。", "not_my_job"),
    # §5 excuses: the customer asked to understand the company's difficulties.
    ("理解您的心情，不过您也得理解我们的难处。", "excuse"),
    # §5 refusing outright, under a condition the agent sets.
    ("除非您能提供发票原件，否则我们是不会受理的。", "refusal"),
    # §5 可是 / 但是 after a kind sentence.
    ("不好意思啊，但这确实不是我们的问题。", "but_reversal"),
    # §5 insisting on being right: the quality vouched for instead of the fault looked into.
    ("我们的产品质量都是过硬的，出问题的概率非常低。", "deny_responsibility"),
    # §5 怎么别人都没问题？, said at the end of a long good reply.
    ("真的很抱歉，这件事是我们的失误。我已经帮您申请了全额退款，三个工作日内到账。以后有问题您直接找我，"
     "我的工号是1024。不过说句实话，您这种情况其实挺少见的。", "forbidden_phrase"),
    # §5 打太极: a benefit only "considered".
    ("您要是撤销投诉的话，我可以考虑给您申请一点补偿。", "vague"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize("text", [
    # §5 mocking: the agreement is a jeer, not an acknowledgement; it calmed every customer.
    "您说得都对，反正您是客户，您说了算。",
    # §5 mocking and dismissing, after an apology; it calmed three of the four.
    "抱歉抱歉，不过说实话这种小问题重启一下就好了，没必要投诉吧。",
    # §5 excuses after a 不过: the feeling acknowledged is taken back; it calmed every customer.
    "理解您的心情，不过您也得理解我们的难处。",
    # §5 怎么别人都没问题？ after the apology, refund and name: the jab buys off the good moves (§5 jabs).
    "真的很抱歉，这件事是我们的失误。我已经帮您申请了全额退款，三个工作日内到账。以后有问题您直接找我，"
    "我的工号是1024。不过说句实话，您这种情况其实挺少见的。",
])
def test_round1_calms_nobody_misfire(rules, text):
    assert all(d > 0 for d in deltas(rules, text))


@pytest.mark.parametrize("text", [
    # §5 putting obstacles in the way: help held back until the customer gives a good review or
    # drops the complaint. The domineering and self-centered customers cannot stand it (§1).
    "您先给我们五星好评，我再帮您申请退款。",
    "您要是撤销投诉的话，我可以考虑给您申请一点补偿。",
])
def test_round1_help_held_back_angers_the_demanding_misfire(rules, text):
    d = deltas(rules, text)
    assert d[1] > 0 and d[3] > 0  # domineering, self-centered


def test_round1_a_guess_at_what_was_received_is_no_blame_misfire(rules):
    # 您当时应该已经收到了 guesses at what happened; it tells the customer nothing they should have done.
    got = present(rules, "您当时应该已经收到了短信通知，我帮您再发一遍。")
    assert "blame_customer" not in got and "lecture" not in got


def test_round1_if_it_still_fails_names_the_next_step_misfire(rules):
    # §3.3 give the next step: 不行的话 names an outcome, it refuses nothing.
    text = "一般这种情况重启一下就能恢复，您可以先试试，不行的话我马上安排工程师。"
    assert "refusal" not in present(rules, text)
    assert all(d < 0 for d in deltas(rules, text))


@pytest.mark.xfail(strict=True, reason=(
    "judgement call: the refusal is real and §1 says domineering and self-centered customers react to "
    "refusals; reading a 虽然 concession as §5 'delivering bad news' well would also excuse 虽然…但是 "
    "refusals that offer nothing"))
def test_round1_bad_news_conceded_before_an_offer_misfire(rules):
    assert "refusal" not in present(rules, "虽然这不在保修范围内，但我可以帮您申请一次免费维修。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # The lexicon's 您当时应该 ("you should have…") stays.
    ("您当时应该先联系我们再自己拆机的。", "blame_customer", "reassure"),
    # 打官腔 and an unowned hand-over stay what they were (§5 打太极, §4 首问负责制).
    ("关于您反映的问题，我们高度重视，会按照相关规定妥善处理，请您耐心等待。", "vague", "time_commitment"),
    ("您的诉求我们已经收悉，将按程序转交相关部门研究处理。", "unowned_handover", "ownership"),
    ("这个得您自己去营业厅办理哦，线上我们处理不了呢。", "pass_the_buck", "can_do"),
    # An apology taken back by a 但是 / 可是 that hides behind policy or an excuse.
    ("非常抱歉给您带来不便，但是这个是公司规定，我们也没办法。", "but_reversal", "compensation"),
    ("对不起，让您久等了，可是现在是高峰期，大家都在排队。", "excuse", "reassure"),
    # A request for the invoice photo under 如果 is a fact asked, not a condition set (§3.1).
    ("如果您方便提供一下发票照片，我马上帮您申请换货。", "concrete_action", "refusal"),
    # Ordinary use named as the case the agent owns is no blame.
    ("正常使用的情况下出现这种问题，我们一定负责到底。", "ownership", "blame_customer"),
    # The agent contacting the maker for the customer is no sending-away (§4).
    ("我帮您联系厂家，今天下午三点前给您回复。", "time_commitment", "pass_the_buck"),
    # …nor is sparing the customer the contact (§4).
    ("不用您自己联系厂家，我来跟他们沟通，明天上午给您答复。", None, "pass_the_buck"),
    # A contact the customer already made, asked about (§3.1), sends nobody anywhere.
    ("您联系快递的时候对方怎么说的？", "asks_questions", "pass_the_buck"),
    # An invitation to come back to the agent next time is no lecture (§2.3 own it).
    ("下次再有问题记得直接找我，我的工号是2231。", "introduce_self", "lecture"),
    ("下次我会记得提前给您打电话确认。", "follow_up", "lecture"),
    # 不但 is "not only", no 但 after a kind sentence.
    ("我们不但给您退款，还会补偿运费。", "compensation", "but_reversal"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got


def test_round1_long_reply_with_one_lecture_reads_every_move_stays(rules):
    # §5 lecturing inside a reply that introduces, acknowledges, acts and times: the lecture is
    # read, the good moves still count (needs, scorecard), and the jab leaves nobody calmer.
    text = ("您好，我是客服小张，非常理解您现在的心情。这次配送延误确实给您添麻烦了。不过您下单的时候也应该"
            "留意一下预计送达时间的。我现在马上帮您联系快递加急，今天下午五点前给您回复。")
    got = present(rules, text)
    assert {"lecture", "introduce_self", "acknowledge_feelings", "concrete_action", "time_commitment"} <= got
    assert "pass_the_buck" not in got
    assert all(d > 0 for d in deltas(rules, text))


def test_round1_long_good_reply_calms_everyone_stays(rules):
    text = ("您好，非常抱歉让您遇到这样的问题，换作是我也会着急。请问您是什么时候发现无法开机的？购买的时候"
            "有没有拿到保修卡？我这边先帮您登记，明天上午十点前给您回电。")
    got = present(rules, text)
    assert {"apology", "acknowledge_feelings", "fact_question", "time_commitment"} <= got
    assert all(d < 0 for d in deltas(rules, text))


def test_round1_a_promise_with_no_time_stays_vague(rules):
    # §5 打太极 / §3 answer by an agreed time: 尽快 and 有结果会第一时间通知您 name no time.
    got = present(rules, "您好，您反映的情况我已经记录了。我们会尽快安排人员核实，有结果会第一时间通知您。感谢您的耐心。")
    assert "vague" in got and "time_commitment" not in got


# ------------------------------------------------------------------ round 2 (19 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 implying the customer is at fault: asked why they did not ask first, the slip called a
    # habit, and the counterfactual "had you called sooner" after a 但是.
    ("亲，您当初下单的时候怎么不问清楚呢？", "blame_customer"),
    ("您这边是不是又忘了充值了呀？", "blame_customer"),
    ("抱歉哈，但是话说回来，您要是早点联系我们也不至于这样。", "blame_customer"),
    # §5 怎么别人都没问题？: the other customers' good conduct held up.
    ("说实话，这种事情我们也是第一次遇到，一般客户都挺配合的。", "forbidden_phrase"),
    # §5 mocking: the anger and the sum dismissed, a grudging 行了吧.
    ("好的好的，您消消气，犯不上为这点钱生这么大气。", "rudeness_sarcasm"),
    ("我们也是按流程办事，您冲我发火也没用。", "rudeness_sarcasm"),
    ("是是是，都是我们的错，行了吧？", "rudeness_sarcasm"),
    # §5 hiding behind policy: 打官腔 with 相关规定; every customer the same.
    ("根据相关规定，此类问题需要您本人携带身份证到营业厅办理。", "hide_behind_policy"),
    ("不好意思让您久等了，不过我们这边确实也是按顺序处理的，每个客户都一样。", "hide_behind_policy"),
    # §5 arguing: the request called excessive.
    ("理解理解，不过您这个要求确实有点过分了。", "argue"),
    # §5 但 after a kind sentence, bare, opening its clause.
    ("退款可以，但运费得您自己出。", "but_reversal"),
    # §5 commanding, impatient, at the end of a reply that did the work.
    ("好的，已经帮您把订单取消了，钱会原路退回，三到五个工作日到账。您还有什么不满意的，一次性说完吧。",
     "rush_calm_down"),
    # §4 不得推诿: left to sort it out with the partner themself.
    ("这块业务是合作方负责的，我这边只能帮您记录一下，具体的您还得跟他们沟通。", "pass_the_buck"),
    # §5 lecturing: told to read the manual more.
    ("其实这种情况在说明书第三页有详细说明，建议您有空多看看。", "lecture"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize("text", [
    # Each calmed at least one customer before (the acknowledgement, the apology or the
    # ownership counted); the jab leaves everyone at least as angry (§5 jabs).
    "好的好的，您消消气，犯不上为这点钱生这么大气。",
    "是是是，都是我们的错，行了吧？",
    "好的，已经帮您把订单取消了，钱会原路退回，三到五个工作日到账。您还有什么不满意的，一次性说完吧。",
    "亲，您当初下单的时候怎么不问清楚呢？",
])
def test_round2_calms_nobody_misfire(rules, text):
    assert all(d > 0 for d in deltas(rules, text))


def test_round2_long_reply_with_an_excuse_reads_every_move_misfire(rules):
    # §5 excuses (报修的人太多, as 客户太多) after a 不过, in a reply that names the agent, apologises
    # and reports the engineer chased (§5 stress what was done: 已经催了, as 已经催促) with a time.
    text = ("您好，我是售后小刘。先跟您说声抱歉，这次的维修确实拖得太久了。我已经催了工程师，他明天上午会上门。"
            "不过也请您理解，最近报修的人实在太多了。")
    got = present(rules, text)
    assert {"excuse", "but_reversal", "introduce_self", "apology", "concrete_action", "time_commitment"} <= got


def test_round2_a_but_in_a_question_restates_the_story_stays(rules):
    # §3.4 a 但 inside a question restates what the customer said; it takes nothing back (found
    # on a real helpdesk reply when the bare 但 was added).
    got = present(rules, "请问您是缴费成功，但一直无人预约上门吗？")
    assert "but_reversal" not in got and "asks_questions" in got


@pytest.mark.xfail(strict=True, reason=(
    "judgement call: 我们会认真研究 was tried as §5 打太极 and dropped after the audit; on 28 real replies "
    "it answers a suggestion with an intent to improve, which §1 (expectation complaints) asks for"))
def test_round2_opinion_only_studied_misfire(rules):
    assert "vague" in present(rules, "感谢您对我司工作的关心与支持，您的意见我们会认真研究。")


@pytest.mark.xfail(strict=True, reason=(
    "out of reach: a reminder (另外提醒您一下…一定要…) is advice or a lecture depending on whether the "
    "customer's own slip caused the complaint, which the words do not say"))
def test_round2_reminder_that_blames_misfire(rules):
    text = ("您好，给您带来不便非常抱歉。我查了一下，您的订单已经在派送中，预计今天送达。另外提醒您一下，"
            "下单时地址一定要填写完整，不然很容易送错。")
    assert {"lecture", "blame_customer"} & present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "out of reach: sarcasm carried by praise (最有耐心的客户) that only the facts after it (八次电话) "
    "turn into a jeer; no phrase family reads it without also reading sincere praise"))
def test_round2_sarcastic_praise_misfire(rules):
    assert "rudeness_sarcasm" in present(rules, "您真是我见过最有耐心的客户了，都打了八次电话了。")


@pytest.mark.xfail(strict=True, reason=(
    "out of reach: contradicting the customer with the record (可是系统显示您确实已经签收了) is carried by "
    "可是 and 确实; the record alone (系统显示已签收) is information a good reply also gives"))
def test_round2_record_held_against_the_customer_misfire(rules):
    assert {"doubt_customer", "argue"} & present(rules, "很抱歉给您造成困扰，可是系统显示您确实已经签收了。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("哦，那您想怎么样嘛？", "rush_calm_down", "asks_questions"),
    ("这个问题呢，我们这边会向上级反映，至于什么时候有结果，这个不好说。", "vague", "time_commitment"),
    ("您反映的问题我们非常重视，目前正在积极协调中，请您再耐心等待一下。", "vague", "time_commitment"),
    ("这种事您得找快递公司，我们发出去就不归我们管了。", "not_my_job", "ownership"),
    ("您放心，这个我肯定给您办，不过得等我们领导批下来，具体多久我也说不准。", "vague", "time_commitment"),
    ("您要是不满意，那我们也没办法，规定就是这样。", "refusal", "reassure"),
    # Conditions of a return stated, and a screenshot asked for, are information (§3.3, §3.1).
    ("我们可以给您退款，前提是商品没有任何使用痕迹，而且包装要完好。", "compensation", "refusal"),
    ("只要您配合我们提供截图，问题很快就能解决。", "fact_question", "refusal"),
    # The customer's own company's finance desk is no party the agent passes the buck to.
    ("非常理解您的心情，发票的事情确实给您添麻烦了。我这边已经帮您登记了补开申请。至于报销的问题，"
     "您可以问问您公司财务那边。", "concrete_action", "pass_the_buck"),
    # The manual's steps walked through with the customer are no lecture.
    ("说明书第三页有详细的步骤，我现在一步一步带您操作，好吗？", "asks_questions", "lecture"),
    # Agreement with the customer, owned, is no sarcasm.
    ("您说得对，这确实是我们的问题，我马上给您处理。", "ownership", "rudeness_sarcasm"),
    # Other customers named for what they were given is no comparison against this one.
    ("其他客户遇到同样的问题，我们都是上门免费维修的，您这台也一样。", "compensation", "forbidden_phrase"),
    # The agent's own sooner is no blame.
    ("我们要是早点通知您就好了，这次是我们的疏忽。", None, "blame_customer"),
    ("您早点休息，明天上午十点前我给您回电。", "time_commitment", "blame_customer"),
    # 但凡 / 但愿 open no 但 clause.
    ("很抱歉，但愿这次更换后不会再出问题。", "apology", "but_reversal"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got


def test_round2_bad_news_with_the_reason_first_calms_stays(rules):
    # §3 give reasons (因为…) before the refusal, then an option with the cost carried (§5 delivering
    # bad news): the analytical and friendly customers are calmed.
    d = deltas(rules, "因为这款产品已经停产，原型号没办法再换了，非常抱歉。我可以为您换成升级款，差价由我们承担，您看可以吗？")
    assert d[0] < 0 and d[2] < 0


# ------------------------------------------------------------------ round 3 (16 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §4 不得推诿: sent to the platform, to another colleague, to the shop owner.
    ("亲亲，非常抱歉给您带来不好的体验呢~ 这边已经帮您登记了，我们会尽快处理的哈。至于赔偿的事情，"
     "这个我们这边做不了主，您可以问问平台客服哦~", "pass_the_buck"),
    ("这个我真不清楚，您问问其他同事吧。", "pass_the_buck"),
    ("不好意思哈，我们这边只是客服，没有权限处理退款，您得找店铺老板。", "pass_the_buck"),
    # §5 这不归我管: the desk named as only customer service.
    ("不好意思哈，我们这边只是客服，没有权限处理退款，您得找店铺老板。", "not_my_job"),
    # §2 apologise: 道个歉; then §5 但是 after it.
    ("您好，您说的情况我了解了。首先跟您道个歉。不过您的设备已经过了保修期，按规定是要收费的，这个我也没办法。",
     "apology"),
    ("您好，您说的情况我了解了。首先跟您道个歉。不过您的设备已经过了保修期，按规定是要收费的，这个我也没办法。",
     "but_reversal"),
    # §5 mocking: the anger told it fixes nothing.
    ("我理解您着急，但是您一直这样吼也解决不了问题啊。", "rudeness_sarcasm"),
    # §5 commanding: what more do you want; told not to complain yet.
    ("我们已经尽力了，您还想我们怎么样呢？", "rush_calm_down"),
    ("您先别急着投诉，我们先看看能不能解决嘛。", "rush_calm_down"),
    # §5 lecturing: the terms were written down; 不是我说您; criticised for rating at once.
    ("您的心情我能理解，可是您当时签合同的时候，这些条款都是写明了的。", "lecture"),
    ("不是我说您，这种东西买之前就该多比较比较。", "lecture"),
    ("好的，已经给您申请了补偿，不过也希望您以后有问题先联系客服，不要一上来就给差评。", "lecture"),
    # §5 insisting on being right: intent denied.
    ("我们公司一向都是以客户为中心的，不可能故意为难您。", "deny_responsibility"),
    # §5 putting obstacles in the way hoping the customer gives up: talked out of the refund.
    ("这个嘛，理论上是可以退的，但实际操作起来比较麻烦，我劝您还是算了吧。", "refusal"),
    # 打官腔: the rule named only as 相关流程 (§5 hiding behind policy), the answer "in due course"
    # (§5 打太极).
    ("本着对客户负责的态度，我们将依据相关流程对您的问题进行核实，核实结果将适时告知。", "hide_behind_policy"),
    ("本着对客户负责的态度，我们将依据相关流程对您的问题进行核实，核实结果将适时告知。", "vague"),
    # §5 excuses: the cause put beyond the company's control.
    ("理解您的不满，但这个价格是市场决定的，我们也左右不了。", "excuse"),
    # §2.1 我来帮您: taking the customer through it.
    ("您这个问题很常见，好多客户都遇到过，我一步一步教您设置，两分钟就好。", "willing_to_serve"),
    # Round 1's 一般人不会这么…, said with 这样 and in Traditional.
    ("說真的，一般人不會這樣用啦。", "blame_customer"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize("text", [
    # Each calmed at least one customer before (the acknowledgement counted alone).
    "您的心情我能理解，可是您当时签合同的时候，这些条款都是写明了的。",
    "您先别急着投诉，我们先看看能不能解决嘛。",
    "好的，已经给您申请了补偿，不过也希望您以后有问题先联系客服，不要一上来就给差评。",
])
def test_round3_calms_nobody_misfire(rules, text):
    assert all(d > 0 for d in deltas(rules, text))


def test_round3_a_cause_beyond_control_angers_the_demanding_misfire(rules):
    # §1 domineering and self-centered customers: the feeling acknowledged and then taken back by an
    # excuse; it calmed all four before.
    d = deltas(rules, "理解您的不满，但这个价格是市场决定的，我们也左右不了。")
    assert d[1] > 0 and d[3] > 0


def test_round3_long_reply_with_a_sending_away_angers_misfire(rules):
    # An apology and a note taken do not buy off a sending-away to the platform (§4) and a 尽快 (§5).
    d = deltas(rules, "亲亲，非常抱歉给您带来不好的体验呢~ 这边已经帮您登记了，我们会尽快处理的哈。至于赔偿的事情，"
                      "这个我们这边做不了主，您可以问问平台客服哦~")
    assert all(x > 0 for x in d)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("这个事情说白了就是您自己没注意看提示，不过没关系，我帮您处理一下。", "blame_customer", "reassure"),
    ("您好，这个问题我们已经反馈给相关部门了，他们会联系您的，请保持电话畅通。", "unowned_handover", "ownership"),
    ("您别激动，听我慢慢给您解释。", "rush_calm_down", "acknowledge_feelings"),
    ("哎，这种情况我们也很头疼，说实话我们也是受害者。", "excuse", "acknowledge_feelings"),
    ("这个呢，怎么说呢，情况比较复杂，涉及到多个部门，一时半会儿也说不清楚，您再等等吧。", "vague", "time_commitment"),
    ("嗯嗯，知道了，您说的我都记下了，回头有消息再通知您。", "vague", "time_commitment"),
    ("您这个问题很常见，好多人都问过，其实就是您没有打开定位权限。", "blame_customer", "gives_information"),
    ("您先冷静冷静，等您想清楚了再联系我们。", "rush_calm_down", "follow_up"),
    ("您當時應該先截圖的，不然我們也很難查。", "blame_customer", "reassure"),
    # A receipt asked for before a refund is a fact asked (§3.1), 走退款流程 no policy hidden behind.
    ("如果您能提供一下购买凭证，我这边马上给您走退款流程。", "concrete_action", "hide_behind_policy"),
    # A common problem named, with the fix walked through, compares the customer with nobody.
    ("您这个问题很常见，好多客户都遇到过，我一步一步教您设置，两分钟就好。", None, "forbidden_phrase"),
    # A suggestion thanked and passed on is no sarcasm (很有价值 is sincere).
    ("您反映的问题很有价值，我们会转给产品经理，感谢您的建议。", "thank_complaint", "rudeness_sarcasm"),
    # 您先别急 alone is empathy (§2.2 您别着急), not the order not to complain.
    ("您先别急，我马上帮您查。", "acknowledge_feelings", "rush_calm_down"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got


@pytest.mark.parametrize("text", [
    # Long good replies, every move counted, every customer calmer (§8 what a good response does).
    "我非常理解您的心情，换作是我也会生气。我马上帮您查一下物流，请您稍等。……抱歉让您久等了，包裹目前在中转站，"
    "预计明天送到，我会一直帮您盯着。",
    "您好，非常抱歉，这个问题确实是我们工程师的疏忽，我已经安排另一位工程师今天下午两点上门，费用全免，"
    "之后我会亲自回访确认。",
    "好的呢亲，已经为您加急处理了，明天中午12点前一定给您答复，请您放心。",
    "很抱歉给您添麻烦了，我叫小陈，工号8866，这件事我负责到底。您方便说一下是哪天下单的吗？",
    "我查了一下，您这个订单确实是我们发错货了，真的很抱歉。新的货今天已经给您补发了，单号我稍后发给您。"
    "旧的那件您不用寄回，就当是我们的一点心意。",
])
def test_round3_long_good_reply_calms_everyone_stays(rules, text):
    got = present(rules, text)
    assert not {"blame_customer", "but_reversal", "vague", "deny_responsibility", "lecture"} & got
    assert all(d < 0 for d in deltas(rules, text))


# ------------------------------------------------------------------ round 4 (18 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 我们向来都是这么做的, as the whole trade's practice, inside a long reply that introduces,
    # apologises and takes notes.
    ("您好，非常抱歉耽误您这么久。我是客服小周，您的问题我已经记下来了。您先别着急，不过说实话您这种情况"
     "也不是我们一家的问题，整个行业都这样。", "hide_behind_policy"),
    # …and as the platform's rule the agent only carries out.
    ("亲，这个真没办法哦，规则是平台定的，我们也只是执行。", "hide_behind_policy"),
    # §5 lecturing: advice for later at the end of a long good reply; told off for swearing, for
    # resubmitting; "it's written on the page".
    ("我明白您的意思，这事确实让人窝火。我这就去跟主管申请补偿，今天下班前给您个准信。另外多说一句，"
     "您这边以后最好保留好购物凭证，省得扯皮。", "lecture"),
    ("我知道您很生气，但您这样骂人就不对了，我们客服也是人。有问题我们可以好好沟通。", "lecture"),
    ("您好，这个问题我们已经在处理了，请您不要再重复提交工单了，否则会影响处理进度。", "lecture"),
    ("是这样的，您买的是特价商品，特价商品是不退不换的，页面上都写着呢。", "lecture"),
    # §2.2 recognise the feeling: 我知道您很生气.
    ("我知道您很生气，但您这样骂人就不对了，我们客服也是人。有问题我们可以好好沟通。", "acknowledge_feelings"),
    # §5 mocking: the customer laughed off, the sum made small; "nobody is forcing you".
    ("哈哈，您别逗了，这么点流量能用多少钱呀，我帮您查查。", "rudeness_sarcasm"),
    ("您要是觉得我们服务不好，可以不用嘛，又没人强迫您。", "rudeness_sarcasm"),
    # §5 refusing outright: 没法受理 (round 1's 不会受理 with 没法).
    ("您好，这个情况您得先去派出所开个证明，然后拿着证明到我们营业厅来办理，不然我们这边没法受理。", "refusal"),
    # §5 commanding: told not to judge yet.
    ("您先别急着下结论，等我们查清楚了再说也不迟。", "rush_calm_down"),
    # §5 arguing: the explanation insisted on, the price defended, the customer's words thrown back.
    ("我已经跟您解释得很清楚了，是您自己没听明白。", "argue"),
    ("理解您，我也是消费者，我懂这种感受。不过话说回来，这个价格买到这个质量已经很不错了。", "argue"),
    ("您这话说的，好像我们故意坑您似的。我们可是大公司，不会干这种事的。", "argue"),
    # §5 打太极: the date left to another team's pace.
    ("好的，这个问题我已经反馈了，至于什么时候能解决，就看技术那边的进度了。", "vague"),
    # §4 keep the customer informed: calls promised to follow it up.
    ("这是我们的工作失误，我向您郑重道歉。为了弥补，我们给您免了这个月的月租，并且我会每周给您打一次电话跟进，"
     "直到问题彻底解决。", "follow_up"),
    # §5 denial with 什么 inside (跟我们没什么关系).
    ("这个问题是厂家的设计缺陷，跟我们没什么关系，不过我可以帮您联系一下厂家。", "deny_responsibility"),
    # §5 implying the customer is at fault: the customer's own phone settings.
    ("嗯，您说的这个情况我们之前也遇到过，一般是您手机设置的问题，您回去自己检查一下吧。", "blame_customer"),
])
def test_round4_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize("text", [
    # Each calmed at least one customer before; the jab (or the denial) now leaves them angrier.
    "我明白您的意思，这事确实让人窝火。我这就去跟主管申请补偿，今天下班前给您个准信。另外多说一句，"
    "您这边以后最好保留好购物凭证，省得扯皮。",
    "哈哈，您别逗了，这么点流量能用多少钱呀，我帮您查查。",
    "您先别急着下结论，等我们查清楚了再说也不迟。",
    "您好，这个问题我们已经在处理了，请您不要再重复提交工单了，否则会影响处理进度。",
    "理解您，我也是消费者，我懂这种感受。不过话说回来，这个价格买到这个质量已经很不错了。",
    "这个问题是厂家的设计缺陷，跟我们没什么关系，不过我可以帮您联系一下厂家。",
])
def test_round4_calms_nobody_misfire(rules, text):
    assert all(d > 0 for d in deltas(rules, text))


def test_round4_long_reply_with_a_lecture_reads_every_good_move_misfire(rules):
    # The lecture at the end is read and the acknowledgement, the action and the time still count.
    text = ("我明白您的意思，这事确实让人窝火。我这就去跟主管申请补偿，今天下班前给您个准信。另外多说一句，"
            "您这边以后最好保留好购物凭证，省得扯皮。")
    assert {"lecture", "acknowledge_feelings", "concrete_action", "time_commitment"} <= present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "judgement call: the lexicon reads a hand-over with a time (他们会在48小时内联系您) as owned enough, "
    "and §5 counts handing over quickly to the right department as right; §4 首问负责制 would call it "
    "unowned, since nobody named follows it"))
def test_round4_timed_handover_to_a_team_is_unowned_misfire(rules):
    assert "unowned_handover" in present(rules, "您好，您的问题已经转交给专门的团队，他们会在48小时内联系您。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("亲，收到您的反馈啦，真的很抱歉让您失望了。我们已经安排仓库重新发货，预计后天到。至于您说的态度问题，"
     "那个客服是新来的，还不太懂事，您多包涵哈。", "excuse", "ownership"),
    ("您好，您说的问题我们非常重视。经过核查，这次延误是因为暴雨导致物流停运，属于不可抗力，我们这边也没办法。"
     "给您带来不便，敬请谅解。", "refusal", "compensation"),
    ("您好，您说的这个我们确实做不到，系统不支持。", "refusal", "can_do"),
    ("把订单号发我。", "rush_calm_down", "willing_to_serve"),
    # A polite request for the order number is no command (§5 use requests and questions).
    ("麻烦您把订单号发一下，我这边马上帮您查。", "fact_question", "rush_calm_down"),
    # Out of stock with alternatives offered refuses nothing (§5 delivering bad news).
    ("抱歉哦亲，这款已经卖断货了，要不您看看别的款式？我给您推荐几款类似的，价格也差不多。", "apology", "refusal"),
    # The phone's problem reported through a private message blames nobody (found on a real reply).
    ("您可以用私信的方式联系我们反馈您手机的问题，以便我们能及时帮您分析处理。", None, "blame_customer"),
    # 以后 about the company's own conduct is prevention, no lecture.
    ("这次是我们的疏忽，以后我们一定注意，保证不让您再遇到这种情况。", None, "lecture"),
])
def test_round4_stays(rules, text, want, not_want):
    got = present(rules, text)
    assert (want is None or want in got) and not_want not in got


@pytest.mark.parametrize("text", [
    "您好，关于您反映的扣费问题，我这边查到确实多扣了您20元，非常抱歉。这笔钱我已经给您退回原账户了，"
    "一般24小时内到账。如果您还有任何疑问，可以直接回复我。",
    "非常理解您的着急。这个问题我帮您升级给技术部门了，他们处理完会第一时间通知我，我再告诉您。"
    "您看明天中午前给您回个电话可以吗？",
    "您好，我是值班经理老王，刚刚看了您和同事的聊天记录，首先代表公司向您道歉。同事的处理方式确实有问题，"
    "这个我们内部会严肃处理。您的退款我现在就给您批，马上到账。",
    "哎呀，这个问题很好解决的，您别慌，我现在就远程帮您弄一下，五分钟搞定。",
    "明白了，您的意思是收到的商品和图片不一样，对吗？我先帮您登记退货，快递员明天上午上门取件，运费由我们承担。",
    "您的心情我完全理解，换成谁遇到这种事都会不高兴。我马上帮您重新安排师傅，今天下午四点前一定上门，"
    "到时候我也会打电话确认师傅到了没有。",
])
def test_round4_long_good_reply_calms_everyone_stays(rules, text):
    got = present(rules, text)
    assert not {"blame_customer", "but_reversal", "vague", "deny_responsibility", "lecture", "argue"} & got
    assert all(d < 0 for d in deltas(rules, text))
