"""Formal written Chinese: replies by email, letter, app ticket or an official Weibo / WeChat account.

The register of 尊敬的客户，您好；对于给您造成的不便深表歉意；经核查；特此说明；我司；烦请；敬请谅解；
如有疑问请致电, in Simplified and in Traditional (Taiwan's 台端 / 敬啟者 / 謹此致歉, Hong Kong's 閣下 /
本公司 / 個案), with the boilerplate that sounds polite but stalls (另行通知, 静候), shifts blame (与我司
无关) or hides behind policy (根据我司相关规定, 最终解释权). Held-out probes of ~30 replies a round, good
and bad, with each verdict decided from domain.md before the reply was run. Every ``*_misfire`` case
read wrongly before its fix; every ``*_stays`` case is a near-miss guard that must keep its reading.
The texts were written for these tests.

Misread per round (before that round's fixes): 17/33, 17/32 (round 2: Taiwan's 台端 / 此乃 / 尚無違失,
Hong Kong's 個別事件, the mainland letter's 系人为损坏 / 不再另行答复 / 后果自负 / 本人将亲自), 19/32
(round 3: app tickets, official-account statements, 3-5个工作日, 不可抗力, 行业惯例, 请自便).

* Round 1. Folding (simulator/text/folding.yaml ``formal``): the company's written "we", 我司 /
  本公司 / 我公司 / 敝司, is 我们, so 与我司无关 denies (§5), 我司无法干预 is 我们无法 (§5 负面语言) and
  经本公司核实 gives the facts found like 经我们核实 (日本公司 stays). Code (simulator/text/matcher.py):
  the company's rules cited in place of a reason, 根据 / 按照 / 依据 (我们 / 公司 / 平台)(相关 / 有关)规定,
  is a frame behind the anchor 规定 (§5 我们向来都是这么做的); a law or a regulator's rule
  (按电信服务规范相关规定) is not. Lexicon: 不予 refuses (§5); 最终解释权 hides behind policy (§5);
  请您自行 / 自行协商 pass the buck (§4, as 请自行 already did); 另行 (另行通知, with no time) and 静候
  stall (§5 打太极; 另行收费 is a look-alike); 请勿重复投诉 commands (§5); 不属于我司受理范围 is 这不归我管
  (§5); 深表同情 acknowledges (§2.2); 感谢您对… / 感谢您的监督 / 来函 thank (§3.5); 本人是 / 本人系 /
  本人工号 introduce (§2.3; 您本人, 机主本人, 本人是否 are the customer); 经核查 / 经调查 / 经我们核实
  give the facts found (§3); 给予答复 / 书面答复 / 以书面回复 promise the answer, so with a time they
  commit (§3); 已私信您 is the account's own follow-up, not a hand-over (§4 贯彻落实); 扣抵 credits
  an overcharge (§1 compensation).
* Round 1 audit (6,316 distinct STC-3 helpdesk replies, read before and after): 210 changed. 203
  gained thank_complaint from 感谢您对…的支持 / 关注 / 监督 / 肯定 (each checked: all thank the
  customer, as the lexicon's 感谢您的支持 already did; §3.5 thank them); 3 gained follow_up and lost
  an unowned hand-over from 已私信您 / 会私信您 (right: the account wrote to them, §4); 2 gained
  explain_reason from 经核查 / 经我们调查 (right: the facts found, §3); 1 gained vague from 请静候
  with no time (right, §5 delaying); 1 gained but_reversal, as 我司 folds to 我们 and 但我们 is the
  lexicon's "but": …人员安排不足等情况，但我司已经逐步增加了营业厅的人员 (the nearest call: a "yes-but"
  after an admission, read as the lexicon reads 但我们 everywhere).
* Round 2. Folds: Taiwan's 台端 is 你 (as 閣下; 平台端 / 后台端 stay), 此乃 is 这是 (此乃系統預設 hides
  behind the setting like 这是系统预设, §5). Code: the policy frame also opens with 依 (依本公司規定).
  Lexicon: 個別事件 / 纯属个案 are the §5 就您有问题 (as 个别现象); 尚無違失 / 并无不当 deny (§5 insisting on
  being right); 无法满足 / 不再另行答复 / 不再受理 refuse (§5); 时间无法确定 stalls (§5 打太极; a bare
  无法确定 states what is not yet known); 我司的难处 excuses (§5, as 我们也很为难); 批评教育 / 以此为鉴 /
  提升服务质量 prevent a repeat (§7 internal review; §1 质量监督型); 后果自负 commands (§5); 紧急排查 /
  全力修复 act now (§5 show urgency); 本人将亲自 / 亲自督办 own it (§2.3); 向您通报 follows up (§4);
  系人为损坏 blames as 是人为损坏 does (§5); an agreement's article cited (第八条约定, 根据协议) gives the
  contract terms (§7).
* Round 2 audit: 6 more helpdesk replies changed, all right: 5 gained prevention from 提升 / 提高服务质量
  (three of them also promise training, and lose an empty_apology they no longer are), 1 gained
  concrete_action from 我们正在尽全力修复 (work under way, §5 show urgency). A draft that read 协议约定 as
  a reason was narrowed: 办理时协议约定中已有相应说明 points to the small print, it explains nothing.
* Round 3. Code: a short range of days or hours written in figures (3-5个工作日, 3至5天, 1~3个小时)
  is a concrete time, as "within 24-48 hours" is in English (simulator/text/signals.py; behind the
  anchor "a digit, then - ~ 至 到"; 010-82149985 工作日 is a phone number). A first draft also read
  the spoken 一到两个工作日 ("a day or two", which the English pattern does not read) and made the
  billing-error calibration's mediocre 恢复使用大概要一到两个工作日，请您耐心等待 a time, so the
  mediocre set calmed the friendly customer as fully as the good one (calibrate --check failed); the
  range is now figures only. A step asked about as done (是否已经升级至最新
  版本了呢) is asked, not given (matcher ``_ASKS_FACT``; 是否已经开启 stays, its clause may go on to give
  the step). Speed (simulator/text/normalise.py): the 我司 fold sent 622 of 6,787 STC-3 replies
  down the word-fold path (146 before), and normalising cost 16 → 21 µs a reply; a reply whose
  folded words all keep their length (我司 → 我们, 唔 → 不) now needs no offset map, and one holding
  only Chinese keys is scanned with their pattern alone: back to ~14 µs, with the same folded text
  and the same span for every character on 10,752 replies and test strings. Lexicon: 停职 / 成立调查组 (§7 an internal review); 感谢您拨冗 (§3.5); 烦请告知 / 请您告知
  (§3.1; not a bare 请告知); 因已 / 因目前 / 现答复如下 / 经技术部门确认 give the reason or the facts
  (§3; not 因系统 / 因天气, which would win over the excuses 系统故障 / 天气原因); 退款申请 is the topic,
  not a refund (§1; 退款申请已通过 is one); 行业惯例 / 行业通行 hide behind policy (§5); 与事实不符 /
  多次向您解释 argue (§5); 与本产品无关 / 不承担相关责任 deny (§5); 请联系卖家 / 咨询发卡行 pass the
  buck (§4); 不可抗力 excuses (§5); 未能提供任何协助 / 恕未能 refuse (§5); 请自便 / 请勿再纠缠 mock
  (§5); 酌情考虑 stalls (§5); 更新至最新版本 / 更新后重试 give the step (§3.3).
* Round 3 audit: 45 more helpdesk replies changed. 22 gained fact_question from 烦请告知 / 请您告知
  (all ask for facts, §3.1), and 2 more lost a follow_up that 告知您 inside 烦请告知您… had read; 8
  gained gives_information from 升级到最新版本 (steps, §3.3); 4 gained explain_reason (因目前…,
  经确认…: reasons and facts found, one no longer an empty apology); 9 gained a concrete time from a
  range: 2 neutral (请您稍后3-5分钟测试, 每月1-3日为出账期), 4 right commitments (a refund or a
  return with its 1-5 / 6-24 / 1-3 / 2-3 span), and 3 the nearest calls, where the span is a
  process time beside someone's 尽快 (普通快递3-5天左右可以收到…会尽快联系您; 1-2个工作日的质检时间;
  7-15个工作日左右才有结果…售后会尽快与您联系): they read as commitments, as the same replies with
  3天内 already did. A draft that asked "是否已…" of any step lost a step given in the same
  unpunctuated clause (是否已经开启 如果开启后…双击屏幕), and was narrowed to the step verbs.
* Review of round 1's fixes (near-misses written afterwards, each read wrongly before its fix):
  the bare 另行 stalled 另行安排上门时间 (an option) and 另行补发 (goods sent: now compensation, §1);
  自行与 passed the buck in 我司将自行与快递公司协商, where the company does it itself, as the old
  自行处理 did in 我们会自行处理 (§4: nobody is sent anywhere). 另行安排 / 另行预约 / 另行寄出 are
  look-alikes, 我们自行 / 我们会自行 too, and 自行与 is only the customer's (您自行与, 请自行与). Audit:
  no helpdesk reply changed.
* Left (strict xfail, with the reason): 因天气原因延误 after checking with the courier, where the
  lexicon lists 天气原因 as an excuse (§5) though the facts were checked and a date given;
  请您核实后再反馈 after a finding that denies the charge, which lectures here but is a plain
  request elsewhere.
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

# ------------------------------------------------------------------ round 1 (17 of 33 misread)


@pytest.mark.parametrize(("text", "behaviour"), [
    # §3 promise an answer by an agreed time: the letter's written answer, with a time.
    ("我司将于3个工作日内给予书面答复。", "time_commitment"),
    ("閣下的投訴已收悉，本公司會於十個工作天內以書面回覆。", "time_commitment"),
    # §5 我们向来都是这么做的: the company's rules cited in place of a reason; §5 refusing outright.
    ("根据我司相关规定，该业务一经办理不予退订，敬请谅解。", "hide_behind_policy"),
    ("根据我司相关规定，该业务一经办理不予退订，敬请谅解。", "refusal"),
    ("本公司保留对本次活动的最终解释权。", "hide_behind_policy"),
    # §5 blaming others, not admitting: 我司 is the company's "we".
    ("此事系第三方合作商家所致，与我司无关。", "deny_responsibility"),
    # §4 不得推诿: told to settle it with the third party themselves.
    ("请您自行与第三方商家协商解决。", "pass_the_buck"),
    # §5 delaying (打太极): "you will be notified separately", with no time.
    ("您反映的问题我司已记录，后续如有进展将另行通知。", "vague"),
    ("本行已將台端之申訴轉交相關單位處理，如有進一步消息將另行通知。", "vague"),
    # §3.5 thank them; §6 only about 4% complain.
    ("感谢您对我司工作的监督与支持！", "thank_complaint"),
    # §5 commanding tone: the letter's 别再催了.
    ("请勿重复投诉，以免影响处理进度。", "rush_calm_down"),
    # §2.2 acknowledge the feelings, as a letter writes it.
    ("对于您的遭遇，我们深表同情。", "acknowledge_feelings"),
    # §2.3 tell them your name or staff number: a letter's 我 is 本人.
    ("本人是本次投诉的专属客服经理，工号1024，将全程跟进直至问题解决。", "introduce_self"),
    # §5 这不归我管: outside what "we" handle.
    ("您所反映的问题不属于我司受理范围，请向当地工商部门反映。", "not_my_job"),
    # §5 负面语言 我不能: 我司无法 is 我们无法.
    ("此为系统自动扣费，我司无法干预。", "negative_language"),
    # §1 compensation where it is due: the overcharge credited on the next bill.
    ("敬啟者：有關台端反映之帳單問題，經查係本公司作業疏失所致，溢收款項將於下期帳單中全數扣抵，謹此致歉。",
     "compensation"),
    # §3 给出原因 / §3.3 the facts found (经本公司核实 is 经我们核实).
    ("經本公司核實，閣下所述情況屬實，本公司將全額退還相關費用。", "explain_reason"),
    # §4 贯彻落实: the official account has written to them already.
    ("@用户 您好，关于您反映的问题已私信您，请注意查收。", "follow_up"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round1_policy_and_refusal_anger_every_customer_misfire(rules):
    # It read as a bare apology before, and calmed the self-centered customer.
    assert all(d > 0 for d in deltas(rules, "根据我司相关规定，该业务一经办理不予退订，敬请谅解。"))


def test_round1_a_message_sent_is_no_unowned_handover_misfire(rules):
    # §4 首问负责制: the customer is sent nowhere; the account wrote to them.
    assert "unowned_handover" not in present(rules, "@用户 您好，关于您反映的问题已私信您，请注意查收。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # §1 analytical: an apology without substance, however formal.
    ("尊敬的客户：您好！对于给您造成的不便，我们深表歉意，敬请谅解。", "empty_apology", "time_commitment"),
    # The facts found, the refund and its time (§3, §1).
    ("经核查，您反映的重复扣费系我司系统故障所致，多扣的50元将于3个工作日内退回您的原支付账户。",
     "time_commitment", "refusal"),
    ("经核查，您反映的重复扣费系我司系统故障所致，多扣的50元将于3个工作日内退回您的原支付账户。",
     "explain_reason", "vague"),
    # On record, then told to wait with no time (§5 take notes; §5 delaying).
    ("您好，您的工单已受理，工单编号为GD20240301，请耐心等待处理结果。", "vague", "time_commitment"),
    ("您好，您的工单已受理，工单编号为GD20240301，请耐心等待处理结果。", "concrete_action", "refusal"),
    # §3.1 ask about the facts.
    ("烦请您提供订单号及收件人手机号码，以便我司为您核实处理。", "fact_question", "pass_the_buck"),
    # §1 a fix so it does not happen again (整改).
    ("对于您反映的情况，我司高度重视，已责成相关部门限期整改。", "prevention", "ownership"),
    # §3 an action with a time.
    ("我司已安排工程师于明日上午10时前上门检修，届时请保持电话畅通。", "time_commitment", "vague"),
    ("该问题我司正在积极协调处理中，请您耐心等候。", "vague", "time_commitment"),
    # The facts found; 您本人 is the customer, no introduction (§2.3), and nothing is given (§1).
    ("经核查，您的账户于3月1日产生的费用系您本人订购的流量包所致，扣费无误，特此说明。",
     "explain_reason", "introduce_self"),
    ("经核查，您的账户于3月1日产生的费用系您本人订购的流量包所致，扣费无误，特此说明。",
     None, "compensation"),
    ("请您本人携带身份证原件办理过户手续。", None, "introduce_self"),
    ("请问您本人是机主吗？", "fact_question", "introduce_self"),
    # §4: the hotline named, nobody owning it.
    ("如有疑问，请致电我司客服热线10086。", "unowned_handover", "follow_up"),
    # An apology with a gift is no empty apology (§1 compensation).
    ("给您带来的困扰，我们深表歉意。为表诚意，我司将赠送您一个月会员权益。", "compensation", "empty_apology"),
    ("针对您反映的问题，我司已成立专项小组进行调查，调查结果将于本周五前书面告知您。",
     "time_commitment", "vague"),
    ("我司已知悉您的诉求，将尽快研究处理。", "vague", "time_commitment"),
    # Taiwan and Hong Kong letters.
    ("台端所述情事，本公司將儘速查明後回覆。", "vague", "time_commitment"),
    ("有關閣下查詢，本公司恕難提供進一步資料。", "refusal", "apology"),
    ("本公司對事件引起的不便深表歉意，並已即時停止涉事員工的前線工作，以作內部調查。", "prevention", "empty_apology"),
    ("經本公司核實，閣下所述情況屬實，本公司將全額退還相關費用。", "compensation", "doubt_customer"),
    ("敬啟者：有關台端反映之帳單問題，經查係本公司作業疏失所致，溢收款項將於下期帳單中全數扣抵，謹此致歉。",
     "ownership", "empty_apology"),
    # 另行 with a time says when; 另行收费 is no stall.
    ("我们将在明天上午10点前另行通知您。", "time_commitment", "vague"),
    ("上门服务需另行收费。", None, "vague"),
    # 日本公司 is a Japanese company, not "we" (folding.yaml ``formal``).
    ("这是日本公司的产品。", None, "ownership"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 2 (17 of 32 misread)


@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 我们向来都是这么做的: the company's rules, opened with 依; 此乃系統預設 (Taiwan).
    ("依本公司規定，已開通之服務恕不退費。", "hide_behind_policy"),
    ("此乃系統預設，恕無法更改。", "hide_behind_policy"),
    # §3.1 ask about the facts: 台端 is Taiwan's written "you".
    ("煩請台端提供發票影本，以利本公司進一步查證。", "fact_question"),
    # §5 怎么别人都没问题 / 就您有问题, as a Hong Kong letter says it.
    ("有關事件純屬個別事件，本公司一向重視產品質素。", "forbidden_phrase"),
    # §5 insisting on being right: "no fault was found".
    ("台端所陳情事，本公司已詳予調查，尚無違失，特此函復。", "deny_responsibility"),
    # §5 refusing outright: the request cannot be met; no further answer will be given.
    ("您的诉求我司已知悉，但鉴于公司规定，暂无法满足，望理解。", "refusal"),
    ("对于您的投诉，我司已按程序处理完毕，不再另行答复。", "refusal"),
    # §5 打太极: the time left open.
    ("此事需待上级部门审批后方可答复，具体时间无法确定。", "vague"),
    # §5 excuses (我们也很为难).
    ("请您理解我司的难处。", "excuse"),
    # §7 an internal review; §1 质量监督型 wants to see improvement.
    ("本次事件系我司工作人员操作失误所致，对此我们深表歉意，并已对当事员工进行批评教育。", "prevention"),
    ("我司将以此为鉴，进一步提升服务质量。", "prevention"),
    # §5 commanding tone, with a threat.
    ("请您务必于本月底前携带相关证件至营业厅办理，逾期后果自负。", "rush_calm_down"),
    # §5 show urgency: the check under way now.
    ("您好，针对您反馈的问题，技术同事已在紧急排查中，预计今晚22:00前修复，届时将第一时间通知您。", "concrete_action"),
    # §2.3 I will see it through (本人 is the letter's 我), with a time (§3).
    ("本人将亲自督办此事，并于本周三前向您书面通报处理进展。", "ownership"),
    ("本人将亲自督办此事，并于本周三前向您书面通报处理进展。", "time_commitment"),
    # §3 a time, and a call promised to 台端.
    ("本公司已詳閱台端來函，並已責成門市主管於三日內親自致電台端說明。", "time_commitment"),
    # §5 implying the customer is at fault: 系 is the letter's 是 (是人为损坏).
    ("经检测，该机屏幕碎裂系人为损坏所致，不在保修范围内，维修需自费。", "blame_customer"),
    # §7 explain the contract terms (the reason).
    ("您好，根据《用户服务协议》第八条约定，账号注销后数据无法恢复，敬请谅解。", "explain_reason"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round2_a_closed_door_angers_every_customer_stays(rules):
    # It read as nothing before (which angers too); read as a refusal it must still anger all.
    assert all(d > 0 for d in deltas(rules, "对于您的投诉，我司已按程序处理完毕，不再另行答复。"))


def test_round2_the_agreement_cited_is_no_empty_apology_misfire(rules):
    # §7: the contract term is the reason given; it read as a bare apology before.
    assert "empty_apology" not in present(rules, "您好，根据《用户服务协议》第八条约定，账号注销后数据无法恢复，敬请谅解。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Hong Kong letters with an action and a time (§3), and an action with a vague time (§5).
    ("本公司已即時跟進，並已為閣下安排於明天下午兩時至四時上門更換。", "time_commitment", "vague"),
    ("本公司將盡快安排技術人員與閣下聯絡，以安排維修事宜。", "vague", "time_commitment"),
    ("本公司已將閣下的個案轉介至相關部門跟進，並會於五個工作天內回覆閣下。", "time_commitment", "unowned_handover"),
    # §1 compensation; 经研究 is no 研究一下 stall.
    ("鉴于您的情况特殊，我司经研究决定为您办理一次性免费维修。", "compensation", "vague"),
    ("为弥补给您造成的损失，我司将向您账户返还50元话费。", "compensation", "refusal"),
    ("此乃我司的疏失，我们深感抱歉，将立即为您重新补发。", "ownership", "empty_apology"),
    ("我们已对相关责任人进行了严肃处理并在全公司通报。", "prevention", "deny_responsibility"),
    # §3 an answer by an agreed time; §3.1 facts asked.
    ("如您对处理结果仍有异议，可直接回复本邮件，我将在24小时内给您答复。", "time_commitment", "refusal"),
    ("烦请您于方便时提供故障截图，以便我们进一步核查。", "fact_question", "vague"),
    ("请问您方便接听电话的时间是？", "fact_question", "refusal"),
    ("造成您的不便，敬請見諒。若有任何問題，歡迎來電客服專線0800-000-123，將有專人為您服務。",
     "unowned_handover", "time_commitment"),
    ("目前该问题已上报总部，请您耐心等待总部回复。", "vague", "time_commitment"),
    ("感謝您寶貴的意見，我們會轉知相關單位參考改進。", "prevention", "refusal"),
    # A manual's steps are no company rule (the policy frame).
    ("依照说明书规定的步骤重新设置即可恢复。", None, "hide_behind_policy"),
    ("依照說明書的規定操作即可。", None, "hide_behind_policy"),
    # 不再 of the customer's need, or in a condition, refuses nothing (§5).
    ("如您不再需要该业务，可发送短信TD至10086退订。", None, "refusal"),
    ("如您不再回复，工单将在48小时后自动关闭。", None, "refusal"),
    # The warranty term blames nobody; what is not yet known is a fact, not 打太极.
    ("非人为损坏一年内可免费保修。", "compensation", "blame_customer"),
    ("目前无法确定是否为硬件问题，需要送检。", None, "vague"),
    # 平台端 is the platform's side, not 台端 "you"; 您本人 is the customer.
    ("平台端已经为您处理好了。", "concrete_action", "refusal"),
    ("您本人负责保管密码。", None, "ownership"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 3 (19 of 32 misread)


@pytest.mark.parametrize(("text", "behaviour"), [
    # §7 an internal review: the staff member suspended, an inquiry set up.
    ("您好，我是负责处理您投诉的专员张敏，已详细了解您的情况。对于配送员的不当行为，我们深表歉意，已对其停职调查，"
     "并将在3个工作日内将调查结果告知您。", "prevention"),
    ("关于网传我司员工辱骂顾客一事，我司高度重视，已第一时间成立调查组，调查结果将及时向社会公布。", "prevention"),
    # §3.5 thank them.
    ("感谢您拨冗来函，我们已认真阅读您反映的问题。", "thank_complaint"),
    # §3.1 ask about the facts.
    ("烦请您告知具体的下单时间及商品名称，以便我们为您查询。", "fact_question"),
    # §1 compensation with its time (§3): a range is a span.
    ("我们已为您办理退款，款项预计3-5个工作日原路退回。", "time_commitment"),
    # §5 excuses ("beyond our control"); §5 我们向来都是这么做的.
    ("物流延误属不可抗力，本公司不承担相关责任。", "excuse"),
    ("此为行业通行做法，并非针对您个人。", "hide_behind_policy"),
    # §5 arguing.
    ("您的说法与事实不符。", "argue"),
    ("我方已多次向您解释，请勿再纠缠。", "argue"),
    # §5 mocking, implying the customer is unimportant.
    ("我方已多次向您解释，请勿再纠缠。", "rudeness_sarcasm"),
    ("如您坚持投诉，请自便。", "rudeness_sarcasm"),
    # §5 blaming others, not admitting.
    ("您所述情况系运营商网络原因所致，与本产品无关。", "deny_responsibility"),
    # §4 不得推诿.
    ("该商品由第三方卖家发货，售后问题请联系卖家。", "pass_the_buck"),
    # §5 refusing outright.
    ("閣下所述之情況，本公司未能提供任何協助，敬請原諒。", "refusal"),
    # §3 give reasons: the letter's 因.
    ("您好！来信收悉。关于您提出的退款申请，因已超过七天无理由退货期限，我司无法为您办理，敬请谅解。", "explain_reason"),
    ("关于您来函所提事项，现答复如下：一、扣费系您开通的彩铃业务产生；二、该业务已于今日为您取消。", "explain_reason"),
    # §3.3 the step to get the fix.
    ("感谢您的耐心等待，经技术部门确认，该问题已在4.2.1版本修复，请更新后重试。", "gives_information"),
    # §5 打太极.
    ("该需求已记录，后续版本将酌情考虑。", "vague"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round3_the_refund_application_refused_is_no_refund_misfire(rules):
    # §1 compensation is what is given: 退款申请 is the topic of the refusal.
    got = present(rules, "您好！来信收悉。关于您提出的退款申请，因已超过七天无理由退货期限，我司无法为您办理，敬请谅解。")
    assert "compensation" not in got
    assert "refusal" in got


def test_round3_a_refund_application_under_review_is_no_refund_misfire(rules):
    # A near-miss written for the look-alike that read wrongly too: nothing is given yet (§1).
    assert "compensation" not in present(rules, "关于您提出的退款申请，我们正在审核。")


def test_round3_what_was_confirmed_is_no_unowned_handover_misfire(rules):
    # §4: 经技术部门确认 reports what the team found; nobody is sent anywhere.
    assert "unowned_handover" not in present(rules, "感谢您的耐心等待，经技术部门确认，该问题已在4.2.1版本修复，请更新后重试。")


@pytest.mark.parametrize(("text", "not_want"), [
    # §5 delaying is when nothing is arranged; 另行 of an arrangement or a shipment is not.
    ("如您不方便，我们可以另行安排上门时间。", "vague"),
    ("我们已为您另行补发一件，请注意查收。", "vague"),
    # §4 不得推诿: the company doing it itself sends nobody anywhere.
    ("我司将自行与快递公司协商，无需您操作。", "pass_the_buck"),
    ("我们会自行处理，请您放心。", "pass_the_buck"),
])
def test_round3_review_of_round1_misfire(rules, text, not_want):
    assert not_want not in present(rules, text)


def test_round3_goods_sent_again_separately_are_compensation_stays(rules):
    assert "compensation" in present(rules, "我们已为您另行补发一件，请注意查收。")


@pytest.mark.parametrize("text", [
    "请您自行与第三方商家协商解决。",
    "您可自行与商家协商。",
])
def test_round3_the_customer_sent_to_settle_it_stays(rules, text):
    assert "pass_the_buck" in present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "天气原因 is listed as an excuse (§5), and it is one when it is all the reply says; here the "
    "facts were checked with the courier and a new date given, which §7 asks for. Telling the two "
    "apart needs more than the words (因天气 cannot be read as a reason without beating the excuse "
    "everywhere)"))
def test_round3_the_weather_checked_with_the_courier_left(rules):
    got = present(rules, "您好，经与快递公司核实，您的包裹因天气原因延误，预计明日送达，给您带来不便深表歉意。")
    assert "explain_reason" in got
    assert "empty_apology" not in got


@pytest.mark.xfail(strict=True, reason=(
    "请您核实后再反馈 after 系统并无您所述的扣费记录 tells the customer to check their own claim before "
    "coming back (§5 lecturing; doubting the customer); the same words are a plain request after a "
    "question (请您核实收货地址后再反馈给我们), so they cannot be listed as a lecture"))
def test_round3_check_it_yourself_before_you_come_back_left(rules):
    assert "lecture" in present(rules, "经核查，系统并无您所述的扣费记录，请您核实后再反馈。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # §2.3, §3: introduced, apologised, a time.
    ("您好，我是负责处理您投诉的专员张敏，已详细了解您的情况。对于配送员的不当行为，我们深表歉意，已对其停职调查，"
     "并将在3个工作日内将调查结果告知您。", "introduce_self", "empty_apology"),
    ("为表歉意，我们将为您的账户充值50元话费作为补偿。", "compensation", "empty_apology"),
    ("您的意见我们已转达产品部门，产品经理将于下周一前给您书面回复。", "time_commitment", "unowned_handover"),
    ("如需进一步协助，请回复本邮件，我会亲自跟进。", "ownership", "pass_the_buck"),
    ("本公司已於即日起暫停該名員工之服務，並將加強教育訓練，以杜絕類似情事再度發生。", "prevention", "refusal"),
    # The customer's own deadline to appeal is no commitment of the company's (§3).
    ("如台端對本案處理結果仍有疑義，得於收到本函之次日起三十日內，向本公司提出申覆。", None, "time_commitment"),
    ("如台端對本案處理結果仍有疑義，得於收到本函之次日起三十日內，向本公司提出申覆。", None, "pass_the_buck"),
    ("造成不便，敬請台端諒察。", "empty_apology", "time_commitment"),
    ("本公司已就此事展開內部調查，並會於調查完成後盡快通知閣下結果。", "prevention", "time_commitment"),
    ("本公司已就此事展開內部調查，並會於調查完成後盡快通知閣下結果。", "vague", "refusal"),
    ("您好，您反映的情况已收到，已转交当地客服核实处理，请您保持电话畅通。", "unowned_handover", "time_commitment"),
    ("对于您的无理要求，我司不予理睬。", "argue", "compensation"),
    ("对于您的无理要求，我司不予理睬。", "refusal", "apology"),
    ("这是我司的失误，我们将承担全部责任，并于今日内为您补发新品。", "time_commitment", "deny_responsibility"),
    ("您提交的工单已处理完毕，如仍有问题请重新提交工单。", None, "time_commitment"),
    ("您的留言我们已收到，客服将在1个工作日内回复您。", "time_commitment", "vague"),
    ("请您提供相关证明材料，否则我司无法受理。", "fact_question", "compensation"),
    # 因系统故障 stays the §5 system excuse; a bare 请告知 asks nothing.
    ("因系统故障，您的订单未能及时处理。", "excuse", "explain_reason"),
    ("如有需要请告知。", None, "fact_question"),
    # A refund application granted is a refund (§1).
    ("您的退款申请已通过，款项将于3个工作日内退回。", "time_commitment", "refusal"),
    # A phone number before office hours is no range of days.
    ("客服电话：010-82149985 工作日09:00-18:00", None, "concrete_time"),
    # A spoken "a day or two" is no agreed time: the wait stays 打太极 (§5; the billing-error
    # calibration's mediocre line).
    ("恢复使用大概要一到两个工作日，请您耐心等待。", "vague", "concrete_time"),
    # Whether the update is done is asked, not given (§3.1 / §3.3).
    ("当前手机是否已经升级至最新版本了呢？", "asks_questions", "gives_information"),
    ("我们会酌情为您减免部分费用。", "compensation", "vague"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got
