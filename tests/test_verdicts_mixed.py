"""Code-switched replies: Chinese and English mixed in one reply, as agents type them.

Hong Kong, Singapore, Malaysia and mainland offices write 我帮您check一下, 这个case我会follow up,
亲，refund已经process了, 我哋會儘快update你, 明天call您, 我们的policy是这样的, and switch language
sentence by sentence ("Sorry for the inconvenience. 我们马上处理。"), with full-width or
half-width punctuation and emoji. Held-out probes of ~30 replies a round, good and bad, with each
verdict decided from domain.md before the reply was run. Every ``*_misfire`` case read wrongly
before its fix; every ``*_stays`` case is a near-miss guard that must keep its reading. The texts
were written for these tests.

Misread per round (before that round's fixes): 16/32, 15/32 (round 2: Hong Kong and Malaysian
chat with 咗 / 俾 / 一係, Singapore "cannot", emoji), 8/30 (round 3: full-width and half-width
punctuation, sentence-by-sentence switching, Singapore and Malaysian English with Chinese),
12/30 (round 4: Hong Kong chat with 咗 / 極 / 㗎, English phrases running into Chinese).

* Round 1. Folding (simulator/text/folding.yaml ``code_mixed``, simulator/text/normalise.py): an
  English word typed beside a Chinese character (directly or across one space) folds to its
  Chinese (check → 查, follow up → 跟进, process → 处理, call → 致电, policy → 政策, job → 工作,
  feedback → 反馈, restart → 重启, read → 看, …), so the reply is read like its Chinese; an
  English sentence keeps its words (English phrases still read "I'll check and call you back").
  Cantonese 問返 is 问. Lexicon: urgency and work done (马上处理, 已经处理了, 已经批准, 正在修复:
  §5 show urgency, stress what was done); the customer asked what they tried (有没有重启, §3.1);
  told to get it straight before speaking (你自己查清楚, 清楚先再讲: §5 lecturing); update你 /
  call返你 (call返 folds to 回电给; §4 keep the customer informed); "ask other department" (§4 不得推诿). The lexicon's
  own code-mixed 已check / 已经check (now 已查) became the agent's own 我已经check过 / 我们已经check了:
  bare 已查 read a customer asked 是否已查询过 and a receipt 已查收 as action.
* Round 1 audit (6,316 distinct STC-3 helpdesk replies, read before and after): 8 changed, all
  right: 我们会马上处理并尽快回复您 shows urgency (6, an auto-reply), 工程师…正在修复中 is work in
  progress, 我查了下 a check made.
* Round 2. Folds: provide, handle, option, screenshot, customer, courier, maintenance, "order
  number", "customer service (hotline)"; Cantonese 有冇 is 有没有, a question
  ending in 咩 is 吗 (做咩 为什么), 一係…一係 is 要么…要么 (一系列 stays). Lexicon: 明白您好着急 (§2.2, 好
  for 很), an email promised (发个邮件给您, §4), 冷静先 in Cantonese order (§5 commanding), said it
  many times (讲了好多次, 听不明白吗: §5 arguing), 你们这种客户 (§5 mocking), 我们关门了 (§5 我们下班了),
  "cannot do" (§5 我做不了). "closed" was tried as a fold and dropped: 您的case我们已经closed了 is no
  closing time.
* Round 2 audit: 1 more reply changed, right: 现在还是这样咩？ asks whether it is still so (咩 → 吗).
* Round 3. Folds: fault → 错, mistake → 失误, describe → 描述, track → 查询, "tracking number" →
  运单号, wait → 等, "hang up" → 挂断, ship → 发, replacement → 换货. Lexicon: 政策就是这样 (§5 hiding
  behind policy), 听我讲先 (§5 你听我说), 什么时候开始有 / 描述一下 (§3.1), goods sent (已经发出了,
  已经寄出了: §5 stress what was done).
* Round 3 audit: 2 more replies changed, both right: 请您私信我描述一下 and 这个情况是从什么时候开始
  出现的 ask about the facts (§3.1).
* Round 4. Code (simulator/text/normalise.py): an English word before Chinese folds only when no
  English word goes before it, so "Let me check 一下" keeps "let me check" (it had folded to
  "let me 查一下" and read nothing). Folds: repair → 维修, investigate → 调查, try → 试. Lexicon: 你好烦
  (§5 mocking), 下次记得 (§5 lecturing: advice for next time), 防止再发生 (§1 a fix so it does not
  happen again). 帮您取消 / 为您取消 were tried as action and dropped after the audit.
* Round 4 audit: with 帮您取消, 3 replies changed, 2 wrongly (我就不帮您取消了 read as a refusal;
  建议亲可以致电当地10000号…尝试为您取消 as action); without it, none changed.
* Left (strict xfail): 您的order已经cancel了 — a bare 已经取消了 is as often the bad news itself
  (the flight was cancelled) as the work the agent did; "closed" (shop or case); 系统maintenance中 now
  reads like its Chinese 系统维护中, which the lexicon counts as the §5 system excuse even with a
  restore time; a rhetorical 你係咪有read過T&C先？; "point我" slang; 好啦好啦，know already; 我明白你的
  frustration，我会尽力帮你 reads like its Chinese, where 尽力 is vague; 我是Kelvin (an English name
  in a Chinese self-introduction); 我帮您cancel这张order; 你有冇try过reset个router？ reads like its
  Chinese bare question; the rhetorical 你係咪唔識用㗎？.
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

# ------------------------------------------------------------------ round 1 (16 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 I will see it through: follow up 到底.
    ("这个case我会follow up到底，有进展第一时间通知您。", "ownership"),
    # §5 stress what was done: the refund processed.
    ("亲，refund已经process了，3-5个工作日到账。", "concrete_action"),
    ("Your refund已经approve了，我会follow up直到到账为止。", "concrete_action"),
    # §4 keep the customer informed, in Cantonese and English.
    ("我哋會儘快update你。", "follow_up"),
    ("明天call您，跟您确认维修时间。", "follow_up"),
    ("OK啦，我call返你。", "follow_up"),
    # §5 hide_behind_policy: 我们的政策 in English.
    ("我们的policy是这样的，没办法。", "hide_behind_policy"),
    # §5 lecturing and commanding tone.
    ("你自己check清楚先再讲。", "lecture"),
    # §5 show urgency, after an English sentence.
    ("Sorry for the inconvenience. 我们马上处理。", "concrete_action"),
    # §4 不得推诿, in Singapore English.
    ("这个我也不知道，you ask other department la。", "pass_the_buck"),
    ("我唔知，你问返其他人啦。", "pass_the_buck"),
    # §7 work in progress.
    ("不好意思😅，系统出了点issue，我们正在fix。", "concrete_action"),
    # §3.1 ask about the facts: what they tried.
    ("你有没有restart过你的phone？", "fact_question"),
    # §5 implying the customer is at fault.
    ("你没有read清楚terms and conditions。", "blame_customer"),
    # §5 这不是我的工作.
    ("这个不是我的job，找你的sales吧。", "not_my_job"),
    # §3.5 thank them.
    ("多谢您的feedback，我们会改善的。", "thank_complaint"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Asked of the customer, or a receipt: no action (the lexicon's code-mixed check phrases).
    ("请问您是否已查询过账单明细？", "fact_question", "concrete_action"),
    ("我们已查收您的邮件，会在24小时内回复。", "time_commitment", "concrete_action"),
    # English sentences keep their English words, next to Chinese or not.
    ("I'll check and call you back tomorrow.", "time_commitment", "fact_question"),
    ("Sorry for the inconvenience. I will call you tomorrow. 谢谢。", "follow_up", "refusal"),
    # U盘 is no English word.
    ("请把U盘插好再试。", None, "concrete_action"),
    # An instruction is no action of the agent's.
    ("您先check一下邮箱有没有收到。", None, "concrete_action"),
    ("我check过了，您的refund明天到账。", "time_commitment", "refusal"),
    # Read already.
    ("我帮您check一下订单状态。", "concrete_action", "vague"),
    ("我会escalate给我的manager，今天下午五点前给您答复。", "time_commitment", "pass_the_buck"),
    ("这个不是我负责的department，你打去客服热线吧。", "not_my_job", "ownership"),
    ("I understand your frustration，我会亲自跟进这个问题。", "acknowledge_feelings", "argue"),
    ("请问您是什么时候place的order？", "fact_question", "blame_customer"),
    ("这是company policy，我也没办法。", "hide_behind_policy", "compensation"),
    ("Don't worry，我们一定帮您解决。", "reassure", "vague"),
    ("又怎么啦？I already told you 了。", "forbidden_phrase", "apology"),
    ("因为warehouse那边缺货，所以delay了，sorry。", "explain_reason", "blame_customer"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


def test_round1_policy_angers_every_customer_misfire(rules):
    assert all(d > 0 for d in deltas(rules, "我们的policy是这样的，没办法。"))


@pytest.mark.xfail(strict=True, reason=(
    "a bare 已经取消了 is as often the bad news itself (the flight was cancelled) as the work "
    "the agent did; only 已经为您取消 says who did it"))
def test_round1_cancelled_order_is_action(rules):
    assert "concrete_action" in present(rules, "您的order已经cancel了，退款会原路返回。")


# ------------------------------------------------------------------ round 2 (15 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.2 好 for 很 (Cantonese and chat).
    ("Hi 亲，明白您好着急，我是客服Amy，这单我负责到底。", "acknowledge_feelings"),
    # §4 keep the customer informed: an email promised.
    ("我send個email俾你確認。", "follow_up"),
    # §5 我做不了, and the customer sent to the hotline nobody owns (§4 不得推诿).
    ("这个要找customer service hotline，我这边handle不了。", "refusal"),
    ("这个要找customer service hotline，我这边handle不了。", "unowned_handover"),
    # §3.1 ask about the facts: the order number, a screenshot (有冇 is 有没有).
    ("麻烦您provide一下order number同埋收据，我帮您check。", "fact_question"),
    ("你有冇screenshot？可以send俾我睇下。", "fact_question"),
    # §5 arguing: "I've said it many times, don't you understand?" (咩 ending a question is 吗).
    ("我都讲咗好多次啦，你听唔明咩？", "argue"),
    # §3.3 offer options: 一係…一係 is 要么…要么.
    ("我哋有两个option：一係full refund，一係換新機，你想揀邊個？", "offer_options"),
    # §5 commanding tone: calm down first, in Cantonese order.
    ("Don't be so angry la，冷静先。", "rush_calm_down"),
    # §5 mocking, implying the customer is unimportant.
    ("你们这种customer我见多了。", "rudeness_sarcasm"),
    # §5 我做不了 in Singapore English.
    ("这件事我们cannot do，sorry。", "negative_language"),
    # §5 对不起，我们下班了, as 关门了.
    ("不好意思，我们已经关门了，明天再来吧。", "forbidden_phrase"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 一系列 stays a series; 做咩 asks why; 咩 inside a sentence stays 什么.
    ("这次出现了一系列issue，我来跟进。", "ownership", "offer_options"),
    ("你想要咩颜色？", None, "check_understanding"),
    # "closed" named of a case is no closing time (§5 我们下班了 is about the shop).
    ("您的case我们已经closed了，如有问题可以随时找我。", "follow_up", "forbidden_phrase"),
    # "cannot" in English only where it refuses.
    ("Sorry ah，the system down, 我都冇办法。", "excuse", "ownership"),
    # Read already.
    ("Sorry啊，我哋搞错咗，我而家即刻幫你re-send。", "ownership", "blame_customer"),
    ("我已经submit咗个ticket俾IT team，今日下午五点前会覆你。", "time_commitment", "unowned_handover"),
    ("唔好意思要你等咁耐🙏，我哋已经arrange咗technician聽日上午10點上門。", "time_commitment", "vague"),
    ("Noted，会尽快处理。", "vague", "time_commitment"),
    ("我哋會compensate你一張$50嘅voucher。", "compensation", "refusal"),
    ("你自己下单的时候没有tick那个option，不关我们事。", "deny_responsibility", "offer_options"),
    ("OK的，我明白您的意思，您是想要exchange新的，对吗？", "check_understanding", "argue"),
    ("您的complaint我已经record低咗，会跟manager反映，明天中午前回复您。", "time_commitment", "unowned_handover"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.xfail(strict=True, reason=(
    "read like its Chinese 系统维护中，所以…, which the lexicon takes as the §5 system excuse; a "
    "maintenance window with a restore time gives information, a question for the Chinese lexicon"))
def test_round2_maintenance_with_a_time_is_no_excuse(rules):
    assert "excuse" not in present(rules, "系统maintenance中，所以App用唔到，预计今晚12点前恢复。")


@pytest.mark.xfail(strict=True, reason=(
    "a rhetorical 你係咪有read過T&C先？ implies the customer did not read; as a question it reads "
    "like the fact question it is worded as"))
def test_round2_rhetorical_did_you_read_doubts(rules):
    assert {"blame_customer", "lecture", "doubt_customer"} & present(rules, "你系咪有read過T&C先？")


@pytest.mark.xfail(strict=True, reason=(
    "'point我' (blame me) is slang, and a sentence-initial 係 stays 系 (Mandarin 系统 / 关系 use it)"))
def test_round2_courier_blamed(rules):
    assert {"deny_responsibility", "pass_the_buck"} & present(rules, "你point我都冇用，系courier嘅问题。")


@pytest.mark.xfail(strict=True, reason=(
    "'closed' is said of a shop (§5 我们下班了) and of a case alike (您的case我们已经closed了); only "
    "the Chinese 我们关门了 / 我们已经关门 reads"))
def test_round2_we_are_closed(rules):
    assert "forbidden_phrase" in present(rules, "不好意思，我们已经closed了，明天再来吧。")


@pytest.mark.xfail(strict=True, reason="好啦好啦 brushes off, but its words also soothe (as in test_verdicts_zh_tw)")
def test_round2_curt_know_already(rules):
    assert {"rudeness_sarcasm", "vague"} & present(rules, "好啦好啦，know already。")


# ------------------------------------------------------------------ round 3 (8 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 admit a mistake at once: 我们的错.
    ("I'm sorry 😔 这个是我们的fault，我们会full refund给您。", "ownership"),
    # §7 track it now.
    ("请问您的tracking number是多少？我帮您track一下。", "concrete_action"),
    # §5 你听我说！, with 先 last.
    ("You 听我讲先la！", "argue"),
    # §3.1 能具体描述一下吗 / 什么时候开始的.
    ("麻烦你describe一下什么时候开始有这个issue？", "fact_question"),
    # §5 hiding behind policy: 政策就是这样 (係咁 is 是这样).
    ("你讲乜都冇用，policy就係咁。", "hide_behind_policy"),
    # §3 请您稍等，不要挂断.
    ("麻烦您wait一下，不要hang up，我去check。", "hold_politely"),
    # §5 stress what was done: the replacement shipped.
    ("感谢您的耐心等待！您的replacement已经ship出了，tracking number已发到您email。", "concrete_action"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round3_tracking_number_sent_is_no_question_misfire(rules):
    # §3.1 a fact question asks; a tracking number sent to the customer's email asks nothing.
    got = present(rules, "感谢您的耐心等待！您的replacement已经ship出了，tracking number已发到您email。")
    assert "fact_question" not in got


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # An instruction to track is no action of the agent's.
    ("您可以自己在App里track一下。", None, "concrete_action"),
    # English sentences keep their words: "wait" and "fault" beside no Chinese.
    ("Thanks for waiting. It's not your fault, 我们马上处理。", "concrete_action", "blame_customer"),
    ("Please wait a moment, don't hang up. 我帮您查。", "hold_politely", "refusal"),
    # Read already.
    ("非常抱歉!我会亲自follow up,明天下午3点前call您。", "time_commitment", "vague"),
    ("不好意思哦～我们的delivery partner出了问题，我马上帮您联系他们🙏", "concrete_action", "pass_the_buck"),
    ("这个你要自己contact the bank，我们帮不了。", "negative_language", "ownership"),
    ("Aiyo，你怎么不早点讲？现在too late了。", "blame_customer", "fact_question"),
    ("您的case我已经escalate给supervisor了，他今天之内会call您。", "time_commitment", "pass_the_buck"),
    ("We follow company policy，no refund for sale items.", "hide_behind_policy", "compensation"),
    ("这个是你自己弄坏的，warranty不cover。", "blame_customer", "ownership"),
    ("多谢你嘅patience，我哋已經幫你refund咗。", "compensation", "refusal"),
    ("我们下班了，明天再call吧。", "forbidden_phrase", "follow_up"),
    ("你确定你有pay吗？我们这边没有record。", "doubt_customer", "fact_question"),
    ("我是客服小陈，staff ID 1023，这个case由我负责。", "introduce_self", "vague"),
    ("因为系统upgrade，所以你的payment延迟了，sorry for the inconvenience。", "explain_reason", "excuse"),
    ("这个不是我们的problem，是manufacturer的问题。", "deny_responsibility", "ownership"),
    ("我已经把你的feedback pass给product team，并且会每周update你进度。", "follow_up", "unowned_handover"),
    ("Sorry，我唔係好清楚，你去问下branch啦。", "pass_the_buck", "concrete_action"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.xfail(strict=True, reason=(
    "reads like its Chinese 我会尽力帮你, which the lexicon counts as vague (§5 vague, evasive: an "
    "effort promised, nothing done); with the feeling acknowledged first it is kinder than that"))
def test_round3_best_effort_after_feelings_is_not_vague(rules):
    assert "vague" not in present(rules, "我明白你的frustration，我会尽力帮你。")


# ------------------------------------------------------------------ round 4 (12 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 show urgency: "Let me check" keeps its English when Chinese follows it.
    ("Let me check 一下。", "concrete_action"),
    ("I'll check 一下，稍等。", "concrete_action"),
    # §7 send someone: 上门维修.
    ("我们的technician明天morning会上门repair。", "concrete_action"),
    # §5 mocking the customer: 你好烦.
    ("你真系好烦，讲极都唔明。", "rudeness_sarcasm"),
    # §5 lecturing: advice for next time.
    ("下次你記得keep好張receipt啦。", "lecture"),
    # §1 a fix so it does not happen again.
    ("我哋會investigate呢件事，防止再發生。", "prevention"),
])
def test_round4_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # An English phrase before Chinese keeps its words ("please wait").
    ("Please wait 一下。", None, "refusal"),
    # Read already.
    ("我会send个SMS通知您进度。", "follow_up", "vague"),
    ("呢个系你自己setting错咗，唔关我哋事。", "deny_responsibility", "ownership"),
    ("我唔handle呢啲嘢嘅，你搵sales啦。", "pass_the_buck", "concrete_action"),
    ("Refund要7至14个working days，我会monitor住，有update即刻通知你。", "follow_up", "refusal"),
    ("請問你係幾時book嘅？", "fact_question", "blame_customer"),
    ("我哋會refund返啲差價俾你。", "compensation", "refusal"),
    ("我明白你嘅concern，换作是我都会担心。", "acknowledge_feelings", "argue"),
    ("这是你的problem，不是我们的。", "blame_customer", "ownership"),
    ("我会同我supervisor反映，今日内答复你。", "time_commitment", "unowned_handover"),
    ("係我哋嘅疏忽，真係好sorry。", "ownership", "empty_apology"),
    ("这个我们不负责，你去找shopee吧。", "deny_responsibility", "ownership"),
    ("唔好担心，我哋会solve到嘅。", "reassure", "refusal"),
    ("这是standard procedure，大家都是这样的。", "hide_behind_policy", "ownership"),
])
def test_round4_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.xfail(strict=True, reason=(
    "a self-introduction by an English name inside Chinese (我是Kelvin) has no frame: the name "
    "frame reads the English 'I'm Kelvin', and the Chinese phrases need 客服 / 工号"))
def test_round4_english_name_in_chinese_introduces(rules):
    assert "introduce_self" in present(rules, "Hello 您好，我是Kelvin，今日由我跟進你嘅complaint。")


@pytest.mark.xfail(strict=True, reason=(
    "a cancellation the agent makes (我帮您cancel这张order) was tried as action and dropped after the "
    "STC-3 audit: 我就不帮您取消了 (at the customer's wish) read as a refusal, and 致电10000…尝试为您"
    "取消 (the customer sent to call) as action"))
def test_round4_cancellation_made_is_action(rules):
    assert "concrete_action" in present(rules, "OK，我帮您cancel这张order，退款3个工作日内到账。")


@pytest.mark.xfail(strict=True, reason=(
    "reads like its Chinese 你有没有试过重启路由器？, which the lexicon leaves a bare question "
    "(only 请问… or 是否尝试 reads as a fact question)"))
def test_round4_what_did_you_try(rules):
    assert "fact_question" in present(rules, "你有冇try过reset个router？")


@pytest.mark.xfail(strict=True, reason=(
    "a rhetorical 你係咪唔識用㗎？ (don't you know how to use it?) mocks, but is worded as the question "
    "it pretends to be; 是不是不会用 is also asked in earnest"))
def test_round4_do_you_not_know_how(rules):
    assert {"rudeness_sarcasm", "blame_customer", "doubt_customer"} & present(rules, "你係咪唔識用㗎？")
