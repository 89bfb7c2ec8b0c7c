"""Formal written Chinese: replies by email, letter, app ticket or an official Weibo / WeChat account.

The register of 尊敬的客户，您好；对于给您造成的不便深表歉意；经核查；特此说明；我司；烦请；敬请谅解；
如有疑问请致电, in Simplified and in Traditional (Taiwan's 台端 / 敬啟者 / 謹此致歉, Hong Kong's 閣下 /
本公司 / 個案), with the boilerplate that sounds polite but stalls (另行通知, 静候), shifts blame (与我司
无关) or hides behind policy (根据我司相关规定, 最终解释权). Held-out probes of ~30 replies a round, good
and bad, with each verdict decided from domain.md before the reply was run. Every ``*_misfire`` case
read wrongly before its fix; every ``*_stays`` case is a near-miss guard that must keep its reading.
The texts were written for these tests.

Misread per round (before that round's fixes): 17/33.

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
