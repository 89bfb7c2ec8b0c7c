"""Traditional Chinese as Taiwan and Hong Kong service agents write it, in chat, email and at a counter.

Held-out probes of ~30 replies each (Taiwan service Mandarin: 造成您的困擾, 敬請見諒, 這邊幫您查詢,
專員會與您聯繫, 退費, 3個工作天內, 公司規定就是這樣; Hong Kong Cantonese: 唔好意思, 我哋會跟進,
幫你查下, 聽日, 呢個唔關我事), good and bad, with each verdict decided from domain.md before
the reply was run. Every ``*_misfire`` case read wrongly before its fix; every ``*_stays`` case
is a near-miss guard that must keep its reading. The texts were written for these tests.

Misread per round (before that round's fixes): 5/32, 11/32, 18/32 (round 3 leaned on Hong Kong
counter speech: 係咁, 講嘢, 整爛, 收線, code-mixed "check"), 18/32 (round 4: Hong Kong formal
written replies with 閣下 / 致電 / 轉介, Taiwan LINE chat, curt counter replies), 15/30 (round 5,
a mix; one, 用壞了才來怪我們, had read as ownership and calmed every customer).

Every fix was checked against every STC-3 helpdesk reply (6,529 distinct replies) read before
and after it; only changes that are right by domain.md were kept.

* Folding (simulator/text/folding.yaml): Cantonese 唔好 before the verbs the lexicon reads is
  "don't" (唔好擔心 → 不要担心, 唔好怪 → 不要怪), while 做得唔好 stays "not good"; 嘈 is 吵 (not in
  嘈雜); Taiwan 私訊 is 私信; and words OpenCC turns into other mainland words than the lexicon's
  are read as the lexicon's (截圖 → 截屏 → 截图, 最佳化 → 优化, 櫃枱 → 柜台). Every zh lexicon phrase
  was round-tripped through OpenCC s2twp / s2tw / s2hk and back to find these.
* Round 2 audit: 28 helpdesk replies changed reading, all right by domain.md (深感歉意 / 表示真诚的
  歉意 apologise, 已经通知… is an action taken, 望您耐心等候 with no time is a stall, a screenshot
  asked for is a fact question); three that named the phone's scrolling-screenshot feature read
  as fact questions until the feature names became look-alikes (one more, 滚屏截图, lost a wrong
  fact_question).
* Round 3 folds: 係 after 哋 / 佢 / 呢啲 and in 係咁 and 真係 (我哋系統 stays), 講嘢 → 说话, 整爛 →
  弄坏, sentence-final 喇 → 了, 真係唔該 is thanks. Code: a Chinese duration with 後 (十分鐘後,
  半小時後) is a concrete time, as "in 10 minutes" already was (simulator/text/signals.py).
* Round 3 audit: 34 more helpdesk replies changed reading: 22 gained concrete_action from the
  written 已為您 / 已幫您 (the lexicon already reads 已经为您 so; one, 如当地工作人员已为您跟进, is
  conditional and reads too kindly), 5 gained prevention (加强对…的培训, 内部检讨: right), 7 gained
  a neutral concrete_time from an instruction (充电半小时后再试: a specific, no commitment and
  no anger change). 无法保证 was kept out of the hedges after the audit (a consequence stated,
  使用超过规定数量的终端…将无法保证通信质量, took no promise back).
* Round 4 folds: 閣下 → 你, 都係 → 都是, 舖頭 → 门店, 去返 → 回, and 帳號 / 帳戶 / 轉帳 / 入帳 as the
  mainland writes them (账). Round 4 audit: 15 more helpdesk replies changed reading: asking for
  an order number, a machine number or contact details now reads as a fact question (as 请提供
  already did), 为您详细记录 takes notes, 交由专人 is a hand-over nobody owns, 已致电您 follows up;
  one is wrong (请问致电给您的号码是多少 reads as a follow-up). A bare 服务热线 was dropped after the
  audit: 10010是我司对外的统一服务热线 explains a busy line, it sends nobody there (it had marked
  19 real replies unowned hand-overs, 16 of them wrongly, and cost 8 their question), and so were 会员账号 (an
  instruction to log in) and 先看清楚再 (a step, 先看清楚提示再按确认).
* Round 5 fold: 但係 → 但是. Round 5 audit: 10 more helpdesk replies changed reading, all right:
  经核实… gives the facts found (as 经过核实 already did), 正在抢修 / 紧急抢修 is action (with
  预计两天内恢复, a time commitment), 为您保留数据 is action, 谢谢您的宝贵意见 thanks. A refusal
  reported of someone else (被银行拒绝, 拒绝交易) is a look-alike, not the agent refusing, and a
  refund someone was said to have promised (跟您说可以退款) gives nothing.
* Left (strict xfail, with the reason): a curt 好啦好啦，知道啦 brush-off, whose words also soothe;
  a time taken back in the next clause (…週五前完成維修，但不敢保證), which hedges reach only within
  their own clause; a statement about 您的帳號 read as asking for it (as in Simplified).
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

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


# ------------------------------------------------------------------ round 2 (11 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 apologise: the apology as a noun (致上歉意, 深感歉意, 為表歉意).
    ("針對此次造成您的不便，本公司致上最深的歉意。", "apology"),
    ("為表歉意，這次運費由我們吸收。", "apology"),
    # §7 track it now: someone told already (已通知).
    ("對於商品品質不佳一事，我們深感抱歉，已通知倉儲部門全面檢查同批商品。", "concrete_action"),
    # §5 blaming others: Taiwan's 原廠 is the maker.
    ("這個是原廠的問題，請您直接洽詢原廠客服。", "deny_responsibility"),
    # §5 我们向来都是这么做的: 系統設定 (OpenCC writes 系统设置).
    ("訂單成立後就無法取消，這是系統設定，我們也無能為力。", "hide_behind_policy"),
    # §5 calm tone, let them vent: 嘈 is Cantonese "make noise"; 好啦好啦 cuts them off.
    ("你唔好再嘈啦，我都話咗冇辦法。", "rush_calm_down"),
    # §5 admit a mistake at once (疏失, 我方); §2.3 處理到好 is 处理到底.
    ("我了解您的不滿，這件事確實是我們疏失，我是店長陳先生，會負責處理到好。", "ownership"),
    ("這是我方的疏失，我今天下午三點前把正確的發票寄給您。", "ownership"),
    # §5 这是不可能的, said with 根本.
    ("您說的根本不可能，我們的貨出廠前都有檢查過。", "forbidden_phrase"),
    # §3 thank them after a hold: 耐心等候.
    ("唔該晒你耐心等候，我哋已經搵到問題所在。", "hold_politely"),
    ("謝謝您耐心等候，已經幫您查到了，包裹明天會送到。", "hold_politely"),
    # …and a hold the phone stays on (唔好掛線).
    ("你先唔好掛線，我幫你查下。", "hold_politely"),
    # §5 mocking; implying the customer is unimportant.
    ("呢啲小事都要投訴，你都幾得意。", "rudeness_sarcasm"),
    # §5 坚持自己正确: 恕不負責.
    ("本公司恕不負責，請見諒。", "deny_responsibility"),
    # §3.1 a screenshot asked for (OpenCC writes 截圖 as 截屏).
    ("請您在截圖後私訊給我們。", "fact_question"),
    # §1 a fix so it does not happen again: 最佳化 is 优化.
    ("您說的這個情況我們會持續最佳化。", "prevention"),
    ("這種事根本不可能再發生，我們已經全面加強檢查。", "prevention"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "好啦好啦 / 知道啦 cut the customer off here, but the same words soothe in 好了好了，别生气了，"
    "我马上帮您处理 (tests/test_verdicts_zh_spoken.py), and Cantonese 你想點 is also the polite "
    "'how would you like it handled'; telling them apart needs the tone, not the words"))
def test_round2_a_curt_brush_off_in_cantonese_left(rules):
    assert "rush_calm_down" in present(rules, "好啦好啦，知道啦，你想點呀？")


def test_round2_empty_formal_apology_is_empty_misfire(rules):
    # §1 analytical: an apology without substance; it read as nothing before.
    assert "empty_apology" in present(rules, "針對此次造成您的不便，本公司致上最深的歉意。")


def test_round2_an_apology_with_a_step_taken_is_not_empty_misfire(rules):
    got = present(rules, "對於商品品質不佳一事，我們深感抱歉，已通知倉儲部門全面檢查同批商品。")
    assert "empty_apology" not in got


def test_round2_never_again_is_not_forbidden_stays(rules):
    # 根本不可能 is the §5 phrase; 根本不可能再發生 promises prevention.
    assert "forbidden_phrase" not in present(rules, "這種事根本不可能再發生，我們已經全面加強檢查。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # The settings screen is no policy (§3.3 steps).
    ("請進入系統設定，點選「一般」>「鍵盤」。", "gives_information", "hide_behind_policy"),
    # Small things taken on are no sneer (§2.3).
    ("這些小事交給我就好，您不用擔心。", "reassure", "rudeness_sarcasm"),
    # 我方 doing something is no blame of anyone.
    ("我方已經為您重新寄出商品，明天中午前送達。", "time_commitment", "deny_responsibility"),
    # The phone's screenshot feature asks for nothing (§3.1).
    ("我們已經修復了滾動截圖功能的問題。", None, "fact_question"),
    # 嘈雜 is Mandarin "noisy", not "stop shouting".
    ("環境太嘈雜，我聽唔清楚，麻煩你大聲啲。", None, "rush_calm_down"),
    # 恕不退換 refuses, and gives nothing (§5 refusing outright).
    ("商品已超過鑑賞期，恕不退換，敬請見諒。", "refusal", "compensation"),
    # A deadline keeps a hold from being a stall.
    ("我已經通知倉庫，今天下午四點前幫您重新出貨。", "time_commitment", "vague"),
    # Taiwan service Mandarin that reads already.
    ("您好，這邊是客服小美，很高興為您服務。", "introduce_self", "handover"),
    ("這邊幫您查詢一下物流資訊，請您稍候。", "concrete_action", "vague"),
    ("已為您轉交專責單位處理，將有專人與您聯絡。", "unowned_handover", "time_commitment"),
    ("我們會請專人於今日下班前與您聯絡，說明後續處理方式。", "time_commitment", "unowned_handover"),
    ("您的退費申請已核准，款項將於5個工作天內退回原付款帳戶。", "compensation", "refusal"),
    ("您當初下單時就應該確認清楚尺寸。", "lecture", "apology"),
    ("呢個要問返我哋經理先知，你聽日再打嚟啦。", "unowned_handover", "time_commitment"),
    ("這個問題我們之前從來沒遇過，會不會是您操作錯誤？", "blame_customer", "fact_question"),
    ("我們這邊沒有收到您的款項喔，您確定有匯款嗎？", "doubt_customer", "fact_question"),
    ("跟您報告一下，師傅已經在路上了，大約下午兩點會到府。", "time_commitment", "vague"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 3 (18 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 这件事由我负责跟进: 由我全權負責.
    ("您好，我是客服專員阿哲，這件事由我全權負責，有任何進度我會第一時間通知您。", "ownership"),
    # §5 对不起，我们下班了, as Taiwan and Hong Kong say it.
    ("抱歉，現在已經過了營業時間，請明天再來電。", "forbidden_phrase"),
    ("我哋收工喇，你聽日再打嚟啦。", "forbidden_phrase"),
    # §5 这是不可能的: the customer's problem called impossible.
    ("我們的產品都有經過嚴格檢驗，不可能會有這種問題。", "forbidden_phrase"),
    # §7 track it now: Hong Kong's English "check", and the written 已幫您.
    ("幫你check咗，你張單已經出咗貨，聽日就到。", "concrete_action"),
    ("好的，已幫您取消訂單，款項會原路退回。", "concrete_action"),
    # §1 compensation: the money sent back the way it came.
    ("好的，已幫您取消訂單，款項會原路退回。", "compensation"),
    # §3 an agreed time: "in ten minutes" (十分鐘後), as the English "in 10 minutes" is read.
    ("唔使急，我而家打去倉確認，十分鐘後覆你。", "time_commitment"),
    ("我半小時後回電給您，確認師傅到府的時間。", "time_commitment"),
    # §5 我们向来都是这么做的: 規矩係咁, 系統就係咁 (係咁 folds to 是这样).
    ("我哋公司嘅規矩係咁，冇得改。", "hide_behind_policy"),
    ("你打嚟都冇用，我哋系統就係咁。", "hide_behind_policy"),
    ("你打嚟都冇用，我哋系統就係咁。", "refusal"),
    # §5 implying the customer is at fault: 整爛 is 弄坏.
    ("你係咪自己整爛咗部機？", "blame_customer"),
    # §5 blaming the maker, and §4 sending the customer to them (呢啲係 folds to 这些是).
    ("呢啲係廠商嘅問題，你直接搵佢哋啦。", "deny_responsibility"),
    ("呢啲係廠商嘅問題，你直接搵佢哋啦。", "pass_the_buck"),
    # §5 arguing: the rhetorical 我不是已經講過…嗎 (its 不是 negated the phrase).
    ("我不是已經跟你講過三次了嗎？", "argue"),
    # §4 不得推诿: the website or the shop (門市) told to the customer.
    ("你可以上官網自己查，網站上都有寫。", "pass_the_buck"),
    ("你可以上官網自己查，網站上都有寫。", "lecture"),
    ("這我不清楚欸，你要問門市。", "pass_the_buck"),
    # §1 a fix so it does not happen again: Taiwan's 內部檢討, 加強對…的管理.
    ("這件事我們會內部檢討，並加強對外送夥伴的管理。", "prevention"),
    ("我們會加強對客服人員的培訓。", "prevention"),
    # §3.5 thank them: 真係唔該 is thanks, not "please".
    ("真係唔該你話俾我哋知，我哋會即刻改善。", "thank_complaint"),
    # §5 commanding tone; calm tone, let them vent: 講嘢 is 说话, 收線 hangs up.
    ("你再咁樣講嘢，我就收線喇。", "rush_calm_down"),
    ("先生，請你講嘢客氣啲。", "rush_calm_down"),
    # §3 an agreed time: the repair promised done (完成維修) by Friday.
    ("我們會在週五前完成維修，這點我可以保證。", "time_commitment"),
    # §5 vague; §1 over-promising: a time taken back in the same breath.
    ("我們會盡量在週五前完成維修，但不敢保證。", "vague"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "a hedge voids a time only in its own clause (vague ``hedges``): 不敢保證 after the comma "
    "does not reach 週五前, so the promise it takes back still counts as a time_commitment "
    "(the reply also reads vague and but_reversal, which halves it); reaching across the 但 "
    "needs the clause logic in simulator/engine/step.py"))
def test_round3_a_time_taken_back_in_the_next_clause_left(rules):
    assert "time_commitment" not in present(rules, "我們會盡量在週五前完成維修，但不敢保證。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # 我哋系統 stays 我们系统 (§5 excuse), 佢係 is 他是.
    ("我哋系統出咗問題，所以先延遲咗。", "excuse", "hide_behind_policy"),
    ("佢係我哋嘅工程師，聽日朝早十點會上門。", "concrete_time", "argue"),
    # 唔該 before a request is "please" (§3 put someone on hold politely).
    ("唔該你等陣，我幫你查下。", "hold_politely", "thank_complaint"),
    # A time in an instruction commits nothing.
    ("請您先充電半小時後再開機試試看。", "gives_information", "time_commitment"),
    # 不可能再出現 promises prevention, not §5 这是不可能的.
    ("以後不可能再出現這種問題，我們已經更換供應商。", "prevention", "forbidden_phrase"),
    # Staff told to speak politely is no rebuke of the customer; 門市 named is no sending-away.
    ("我們會要求門市人員說話客氣、耐心。", None, "rush_calm_down"),
    ("我們會要求門市人員說話客氣、耐心。", None, "pass_the_buck"),
    # A hand-over done still names nobody who owns it (§4).
    ("已為您轉交相關單位，將有專人與您聯絡。", "unowned_handover", "time_commitment"),
    # 真係 is "really"; 唔該晒 stays thanks.
    ("我哋係真心想幫你解決問題。", None, "rudeness_sarcasm"),
    ("係我哋嘅錯，真係唔好意思，我哋會全額退款俾你。", "ownership", "deny_responsibility"),
    # Taiwan and Hong Kong replies that read already.
    ("親愛的顧客您好，關於您反映的問題，我們已經轉請物流單位加速處理，預計明天下午前會有專人與您聯繫。",
     "time_commitment", "unowned_handover"),
    ("很抱歉我無法透露其他客人的資料。", "negative_language", "compensation"),
    ("麻煩您稍等一下，我去請我們主任過來跟您說明。", "hold_politely", "unowned_handover"),
    ("您的心情我完全可以理解，遇到這種狀況任誰都會不開心。", "acknowledge_feelings", "rudeness_sarcasm"),
    ("不好意思喔，這個優惠活動已經結束了。", "apology", "compensation"),
    ("我理解您的狀況，不過規定就是規定，真的沒辦法幫您退。", "hide_behind_policy", "compensation"),
    ("您好，您的維修單號是R12345，師傅會在週三上午十點到十二點之間到府。", "time_commitment", "vague"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 4 (18 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §3 an answer by an agreed time: Hong Kong's formal 閣下 (you), 回覆 with no object, 致電.
    ("閣下的投訴已收悉，本公司會於五個工作天內回覆。", "time_commitment"),
    ("我哋嘅同事會喺今日下晝四點前致電閣下。", "time_commitment"),
    # §4 a hand-over nobody owns: 客戶服務熱線, 由專人.
    ("如有查詢，請致電我們的客戶服務熱線。", "unowned_handover"),
    ("您所說的情況我們已經了解，稍後由專人回電給您。", "unowned_handover"),
    # §2.1 表达服务意愿: 有什麼可以為您服務.
    ("您好～這邊是官方LINE客服，請問有什麼可以為您服務的呢？", "willing_to_serve"),
    # §5 implying the customer is at fault: whatever they did wrong (轉錯).
    ("這筆款項我們查不到，是不是您轉錯帳號了？", "blame_customer"),
    # §5 arguing: "you have no grounds", "are you even listening".
    ("你冇理由要求我哋賠償。", "argue"),
    ("我已經第三次跟你解釋了，你到底有沒有在聽？", "argue"),
    # §5 lecturing; §1 "you should have…" / I told you so.
    ("您要不要先看清楚再來問？", "lecture"),
    ("早就說過這款不防水，是你自己拿去泡水的。", "lecture"),
    # §3.1 ask about the facts, with 您 inside; Taiwan's 訂單編號.
    ("麻煩您告訴我一下發生的時間和地點，我幫您詳細記錄。", "fact_question"),
    ("訂單編號是多少？我這邊馬上為您處理。", "fact_question"),
    # §5 take notes: 幫您詳細記錄.
    ("麻煩您告訴我一下發生的時間和地點，我幫您詳細記錄。", "concrete_action"),
    # §5 blaming others: the company said to have nothing to do with it.
    ("那是你們自己的事，跟我們公司無關。", "deny_responsibility"),
    # §5 refusing outright: 冇得退 (都係 folds to 都是).
    ("你講多幾次都係一樣，冇得退。", "refusal"),
    # §4 不得推诿: back to the shop (去返舖頭).
    ("唔好意思，呢個要你自己去返舖頭處理。", "pass_the_buck"),
    # §3.3 offer options and invite the customer's view.
    ("這部分我們可以幫您申請退費，也可以直接換一台新的給您，您比較喜歡哪一種？", "offer_options"),
    ("您偏好哪個時段？上午或下午都可以。", "offer_options"),
    # §4 贯彻落实 keep the customer informed.
    ("我們這邊會持續追蹤，有任何進度會主動跟您說。", "follow_up"),
    # §5 vague: 應該 hedges the time it goes with.
    ("你嘅單我哋已經跟緊，應該聽日會有結果。", "vague"),
])
def test_round4_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round4_no_grounds_for_compensation_gives_none_misfire(rules):
    assert "compensation" not in present(rules, "你冇理由要求我哋賠償。")


# Left in round 4 (您的账号 was a fact question wherever it stood); met on 2026-12-02 by the
# lexicon's ``asked_only``: a detail named is fact-finding only where it is asked for (§3.1).
def test_round4_the_account_named_in_a_statement_misfire(rules):
    assert "fact_question" not in present(rules, "您的帳號已經恢復正常了。")
    assert "fact_question" in present(rules, "請提供您的帳號。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # A hotline named as the busy one sends nobody there (§4).
    ("我們的服務熱線最近比較忙，讓您久等了。", "hold_politely", "unowned_handover"),
    # The account named in a step asks for nothing; asked for, it is a fact question (帳號 → 账号).
    ("請您先到設定裡登入會員帳號。", "gives_information", "fact_question"),
    ("請問您的帳號是多少？", "fact_question", "blame_customer"),
    # 都係 is 都是.
    ("都係我哋嘅錯，我今日內幫你換新。", "ownership", "deny_responsibility"),
    # A hedge in another clause leaves the commitment.
    ("我今天下午三點前一定回覆您，應該可以幫您處理好。", "time_commitment", "refusal"),
    # Reading the screen first is a step, not a lecture.
    ("請您先看清楚螢幕上的提示，再按確認。", None, "lecture"),
    # No progress yet, and a chase promised by a time.
    ("目前還沒有任何進度，我今天下班前再幫您催一次。", "time_commitment", "vague"),
    # The shop's own staff helping is no sending-away.
    ("我們門店的同事會協助您完成換貨。", None, "pass_the_buck"),
    ("閣下如有任何疑問，歡迎隨時致電本人。", None, "rudeness_sarcasm"),
    # 轉帳 / 入帳 read as 转账 / 入账.
    ("請您先轉帳，入帳後我們立即安排出貨。", "concrete_action", "refusal"),
    # Replies that read already.
    ("有關閣下所述情況，我們深表歉意，並已轉介相關部門跟進。", "apology", "ownership"),
    ("收到～已經幫您反映給出貨單位了喔，有消息會再通知您。", "vague", "time_commitment"),
    ("這位先生，你再這樣無理取鬧我要叫警衛了。", "rudeness_sarcasm", "reassure"),
    ("很抱歉，因為颱風影響，物流全面停擺，到貨時間會延後兩到三天。", "explain_reason", "empty_apology"),
    ("呢個係我哋嘅疏忽，我代表公司向你道歉，並會安排專人聽日聯絡你。", "time_commitment", "unowned_handover"),
    ("我明白你嘅不滿，不過我哋真係冇辦法幫你退錢。", "refusal", "compensation"),
    ("您的包裹目前卡在海關，我們無法控制，請您耐心等候。", "negative_language", "time_commitment"),
    ("您好，關於您的問題，我已請維修部的王工程師今天下午三點前回電給您，如果沒接到，請直接撥我的分機2031。",
     "time_commitment", "unowned_handover"),
    ("這個你問我也沒用，我只是工讀生。", "not_my_job", "reassure"),
    ("請冷靜一點，大聲也解決不了問題。", "rush_calm_down", "reassure"),
])
def test_round4_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 5 (15 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 I will see it through: 後續由我; §5 admit a mistake at once: the agent's own slip.
    ("您好，我是負責您這個案件的專員林小姐，後續由我直接跟您聯繫。", "ownership"),
    ("抱歉抱歉，是我打錯字了，正確金額是1,280元。", "ownership"),
    # §5 implying the customer is at fault: "you break it, then come and blame us".
    ("你們客人每次都這樣，東西用壞了才來怪我們。", "blame_customer"),
    # §3 give reasons: what the check found (查到是).
    ("我們這邊查到是您的信用卡被銀行拒絕交易，建議您聯繫發卡銀行。", "explain_reason"),
    # §2.2 知道您着急, with Cantonese 好 (very).
    ("我知道你好急，我哋會盡快處理。", "acknowledge_feelings"),
    # §5 implying the customer is unimportant: "go and complain then", "we don't need you".
    ("你唔滿意咪去消委會投訴囉。", "rudeness_sarcasm"),
    ("你要退就退啦，反正我哋都唔差你一個客。", "rudeness_sarcasm"),
    # §3.5 thank them: 寶貴意見 with 謝謝.
    ("我哋會將你嘅意見轉交管理層，多謝你嘅寶貴意見。", "thank_complaint"),
    # §5 show urgency: 幫您把…, 正在搶修.
    ("沒問題，我先幫您把訂單保留下來，您方便的時候再來取貨。", "concrete_action"),
    ("造成您的困擾，我們感到十分抱歉，目前工程師正在搶修中，預計下午五點前恢復。", "time_commitment"),
    # §3.1 which colleague (哪一位).
    ("請問上次是哪一位同事跟您說可以退款的？", "fact_question"),
    # §3 an answer by an agreed time: a full report promised.
    ("我們會在三個工作天內給您一個完整的調查報告。", "time_commitment"),
    # §4 不得推诿: the estate office; 但係 is 但是.
    ("我唔係推卸責任，但係呢件事真係要搵物業管理處。", "pass_the_buck"),
    # §5 可是 / 但是 after a kind sentence: Cantonese 但係 is 但是.
    ("我明白你嘅意思，但係我哋真係冇辦法。", "but_reversal"),
    # §1 a fix so it does not happen again: Taiwan's 教育訓練 (training).
    ("不好意思，我們的員工態度不好，我會向店長反映並加強教育訓練。", "prevention"),
    # §5 calm tone, let them vent: their manners policed.
    ("先生您講話可以客氣一點嗎？", "rush_calm_down"),
    # §3 an agreed time: a price held until Friday (幫您保留).
    ("我先幫您保留這個價格到週五。", "time_commitment"),
])
def test_round5_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round5_blaming_the_customer_calms_nobody_misfire(rules):
    # Read as 怪我们 (ownership) before, it calmed every customer.
    assert all(d > 0 for d in deltas(rules, "你們客人每次都這樣，東西用壞了才來怪我們。"))


def test_round5_the_bank_refusing_is_no_refusal_misfire(rules):
    assert "refusal" not in present(rules, "我們這邊查到是您的信用卡被銀行拒絕交易，建議您聯繫發卡銀行。")


def test_round5_a_card_the_bank_refused_is_no_refusal_misfire(rules):
    assert "refusal" not in present(rules, "您的卡被拒絕了，我幫您換一種付款方式。")


def test_round5_a_refund_someone_promised_is_asked_about_not_given_misfire(rules):
    assert "compensation" not in present(rules, "請問上次是哪一位同事跟您說可以退款的？")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # The agent's own refusal still refuses; a refund approved and processed is given.
    ("我們拒絕這種不合理的要求。", "refusal", "compensation"),
    ("經理說可以退款，我馬上幫您辦理。", "compensation", "refusal"),
    # Held until Friday is an action with a time.
    # The complaints body named as an option is no sneer.
    ("如果您對處理結果不滿意，可以向消委會申訴。", None, "rudeness_sarcasm"),
    ("顧客常常會怪我們出貨慢，所以我們這次多派了兩個人。", None, "blame_customer"),
    ("真的很謝謝您，您的意見對我們很寶貴。", None, "rudeness_sarcasm"),
    # At the repair, with no time yet: action and a stall, no commitment.
    ("我們的工程師目前正在搶修，但修復時間還不確定。", "vague", "time_commitment"),
    # Replies that read already.
    ("非常抱歉造成您的困擾，我們已經將您的訂單升級為優先處理，今天晚上八點前會幫您出貨。",
     "time_commitment", "empty_apology"),
    ("請您再給我們一次機會，這次我親自幫您處理到好。", "ownership", "vague"),
    ("這是上面的決定，我們基層員工也沒辦法。", "excuse", "reassure"),
    ("了解，先跟您確認一下，您是說收到的商品顏色跟訂單不符，對嗎？", "check_understanding", "argue"),
    ("您這樣說我們也很難做。", "excuse", "acknowledge_feelings"),
    ("這不是我能決定的，你找我也沒用。", "not_my_job", "reassure"),
    ("冇錯，係我哋寄錯咗貨，我而家即刻幫你安排換貨。", "ownership", "deny_responsibility"),
    ("我都唔知你講緊乜。", "forbidden_phrase", "acknowledge_feelings"),
    ("請您留下方便聯絡的時間，我們的技術人員會主動與您聯絡。", "unowned_handover", "time_commitment"),
    ("我明白您等了很久，真的很抱歉，我現在立刻幫您加急。", "concrete_action", "empty_apology"),
])
def test_round5_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got
