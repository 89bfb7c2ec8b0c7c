"""Replies as agents write them outside the team's own phrasing: Taiwan and Hong Kong
written Chinese, Cantonese mixed in, English in several registers, and helpdesk-style
replies paraphrased from real customer-service dialogues (the STC-3 data's style, not its text).

Each case carries the behaviour domain.md gives it (§2 feelings, apology, ownership, §3 facts,
options, times, §4 首问负责制, §5 wrong moves and 服务忌语). Traditional input is converted
by OpenCC and Cantonese words by ``simulator/text/folding.yaml``; the lexicon does the rest.
A wrong move only has to be caught as some wrong move, and the derived empty_apology does not
count for that: the wrong words themselves must be read. Look-alikes check that the stems
added for these phrasings do not fire where the words mean something else.
"""

from __future__ import annotations

import pytest

from simulator.content import load_content
from simulator.engine import Rulebook
from simulator.engine.step import read_reply
from simulator.text.normalise import normalise

RULES = Rulebook(load_content())
WRONG_MOVES = RULES.negative_ids - {"empty_apology"}


def counted(text: str) -> set[str]:
    reading = read_reply(RULES, "general-complaint", text)
    return {h.counts_as for h in reading.hits if h.counts_as} | {s.kind for s in reading.signals}


# ----------------------------------------------------------------------------- good moves

TAIWAN = [
    ("造成您的不便，請您見諒。", {"apology"}),
    ("造成您的困擾，我們深感抱歉。", {"apology"}),
    ("還請您多多包涵。", {"apology"}),
    ("感謝您的諒解。", {"thank_complaint"}),
    ("您先不要著急，我來幫您確認一下。", {"acknowledge_feelings"}),
    ("我了解您的意思，我先幫您查一下。", {"acknowledge_feelings", "concrete_action"}),
    ("我非常能體會您的感受。", {"acknowledge_feelings"}),
    ("我們很樂意協助您解決這個問題。", {"willing_to_serve"}),
    ("我們這邊會幫您處理，請您放心。", {"willing_to_serve", "reassure"}),
    ("真的非常抱歉，是我們的疏失。", {"apology", "ownership"}),
    ("這是我們這邊的問題，我會負責處理到好。", {"ownership"}),
    ("麻煩您提供訂單編號，我這邊幫您查詢。", {"fact_question", "concrete_action"}),
    ("請問您是在哪一間門市購買的呢？", {"fact_question"}),
    ("麻煩您把發票拍照傳給我們。", {"fact_question"}),
    ("請問您當時是跟哪位客服聯絡的？", {"fact_question"}),
    ("我們會在三個工作天內回覆您處理結果。", {"follow_up", "concrete_time"}),
    ("我這邊先幫您登記，再請專人跟您聯絡。", {"concrete_action", "follow_up"}),
    ("我們已經為您安排技術人員明天上午到府維修。", {"concrete_action", "time_commitment"}),
    ("這個問題我們會持續追蹤，有任何進度會第一時間通知您。", {"follow_up"}),
    ("很高興為您服務，請問有什麼可以幫您的嗎？", {"willing_to_serve"}),
]

HONG_KONG = [
    ("我係客服主任陳小姐，呢個case由我負責。", {"introduce_self", "ownership"}),
    ("多謝你嘅耐心。", {"thank_complaint"}),
    ("明白晒，換著係我都會好嬲。", {"acknowledge_feelings"}),
    ("唔好意思要你等咗咁耐。", {"hold_politely"}),
    ("我哋會喺兩個工作天內聯絡你。", {"follow_up", "concrete_time"}),
    ("我哋會喺三個工作天內退返錢俾你。", {"compensation", "time_commitment"}),
    ("你打嚟嘅時候同邊個同事傾過？", {"fact_question"}),
    ("我而家幫你睇吓個訂單。", {"willing_to_serve"}),
    ("係我哋做得唔好，真係好抱歉。", {"ownership", "apology"}),
    ("呢單嘢我會親自跟進，有消息即刻通知你。", {"ownership", "follow_up"}),
    ("你唔使擔心，我哋一定幫你搞掂。", {"reassure"}),
    ("我哋會將你嘅意見轉交有關部門。", {"handover"}),
]

ENGLISH = [
    ("Cheers for flagging this, I'll get it sorted for you today.", {"thank_complaint", "ownership"}),
    ("Thank you for contacting us. I understand your concern.", {"thank_complaint", "acknowledge_feelings"}),
    ("Thanks for getting in touch, and sorry you've had this trouble.", {"thank_complaint", "apology"}),
    ("I appreciate you bringing this to our attention.", {"thank_complaint"}),
    ("I completely appreciate how frustrating this must be.", {"acknowledge_feelings"}),
    ("Gosh, I can only imagine how stressful that was.", {"acknowledge_feelings"}),
    ("Totally understand, that's super annoying.", {"acknowledge_feelings"}),
    ("My bad, I sent you the wrong link. Here's the right one.", {"ownership"}),
    ("That's an error on our end, I'm really sorry.", {"ownership", "apology"}),
    ("I'm so sorry, that was a mistake on our part and I'll sort it today.", {"ownership", "time_commitment"}),
    ("I hear you, and I'm going to get this fixed for you today.", {"acknowledge_feelings", "ownership"}),
    ("Leave it with me and I'll come back to you by end of day.", {"ownership", "follow_up", "time_commitment"}),
    ("Let me just pull up your account.", {"concrete_action"}),
    ("Ugh, how annoying! I'm pulling up your order now.", {"acknowledge_feelings", "concrete_action"}),
    ("Let me just check that for you.", {"concrete_action"}),
    ("We take this very seriously and we will investigate.", {"concrete_action"}),
    ("I'll get an engineer out to you first thing tomorrow.", {"concrete_action", "time_commitment"}),
    ("Could you please confirm the postcode on the account?", {"fact_question"}),
    ("Kindly provide your registered mobile number for verification.", {"fact_question"}),
    ("Per our terms and conditions, the warranty runs for twelve months.", {"explain_reason"}),
]

# Helpdesk-style replies, paraphrased from the way real service accounts answer complaints.
HELPDESK = [
    ("您好，请问是哪个号码出了问题呢？收到您的信息后我们会与您联系。", {"fact_question", "follow_up"}),
    ("亲，您别着急，我们这就帮您查，有结果第一时间回复您。",
     {"acknowledge_feelings", "concrete_action", "follow_up"}),
    ("如您方便，私信发一下手机号，我帮您看看。", {"willing_to_serve"}),
    ("感谢您指出的不足，我们会加以完善。", {"prevention"}),
    ("感谢您的谅解和支持。", {"thank_complaint"}),
    ("非常抱歉，给您造成困扰了。", {"apology"}),
    ("给您带来不便，还请见谅。", {"apology"}),
    ("我们会把您的建议反馈给有关部门。", {"handover"}),
]

RIGHT = [*TAIWAN, *HONG_KONG, *ENGLISH, *HELPDESK]


@pytest.mark.parametrize(("text", "behaviours"), RIGHT)
def test_a_good_move_in_other_words_is_recognised(text, behaviours):
    got = counted(text)
    assert behaviours <= got, (behaviours - got, got)


# ----------------------------------------------------------------------------- wrong moves

WRONG = [
    # Taiwan
    "這不是我們這邊負責的，請您洽詢原廠。",
    "這個我不清楚耶。",
    "我們會儘速處理。",
    "您這樣講就不對了。",
    "您確定有按照說明書操作嗎？",
    "很抱歉，這個要求我們恕難辦理。",
    "不好意思，我們的系統目前在維護中。",
    "這個部分我們沒有辦法幫您退款。",
    # Hong Kong
    "你係咪冇睇清楚條款？",
    "你做乜唔早啲講？",
    "我唔知喎，你自己問返間公司啦。",
    "呢個我唔識處理。",
    "呢啲唔關我事。",
    "我哋嘅系統出咗問題，所以延誤咗。",
    "你冷靜啲先，聽我講。",
    # English
    "We kindly request you to visit your nearest service centre.",
    "Kindly note that this is outside our remit.",
    "Please be advised that we do not accept returns on opened items.",
    "Unfortunately there isn't much we can do at this stage.",
    "You'll need to speak to the retailer about that.",
    "Sorry mate, computer says no.",
    "Sorry, the system won't let me do that.",
    "Chill out, it's only a tenner.",
    "You must've pressed the wrong button.",
    "Mate, that's just how it is, nothing I can do.",
    # helpdesk style
    "给您带来不便请您谅解，这个业务需要本人带证件到营业厅办理。",
    "您反映的问题已转给相关人员处理。",
    "由于系统出了点问题，部分订单发货延迟了。",
]


@pytest.mark.parametrize("text", WRONG)
def test_a_wrong_move_in_other_words_is_caught(text):
    assert counted(text) & WRONG_MOVES


# ----------------------------------------------------------------------------- look-alikes

INNOCENT = [
    # the plain words of a stem, meaning something else
    ("您確定要取消這筆訂單嗎？", {"doubt_customer"}),
    ("新系統出了更新版本，您可以升級試試。", {"excuse"}),
    ("請聽我講解一下退款的流程。", {"argue"}),
    ("我系統裡查到您的訂單了。", {"introduce_self"}),
    ("Could you pull up your settings menu and tap Wi-Fi?", {"concrete_action"}),
    ("Please share your feedback in the short survey.", {"fact_question"}),
    ("To fully understand what happened, may I ask when it started?", {"acknowledge_feelings"}),
    ("感谢您的支持与谅解。", {"apology"}),
    # negated or conditional: a good move, not the wrong one it looks like
    ("我們為什麼不早點通知您，這確實是我們的疏忽。", {"blame_customer"}),
    ("呢個問題我哋有辦法解決。", {"refusal"}),
    ("沒有問題，我馬上幫您處理。", {"refusal", "forbidden_phrase"}),
    ("不是我們這邊的問題。", {"ownership"}),
]


@pytest.mark.parametrize(("text", "not_these"), INNOCENT)
def test_a_look_alike_is_not_read_as_the_behaviour(text, not_these):
    got = counted(text)
    assert not (got & not_these), got & not_these


@pytest.mark.parametrize("text", [
    "我系統裡查到您的訂單了。",
    "我們為什麼不早點通知您，這確實是我們的疏忽。",
    "The engineer will come back to you tomorrow morning.",
    "Not only will I refund you, I'll also cover the postage.",
    "你唔使擔心費用，全部由我哋負責。",
])
def test_a_harmless_reply_is_not_a_wrong_move(text):
    assert not counted(text) & RULES.negative_ids


def test_a_denial_on_our_side_is_not_ownership():
    got = counted("不是我們這邊的問題，是物流的問題。")
    assert "deny_responsibility" in got and "ownership" not in got


# ----------------------------------------------------------------------------- folding


@pytest.mark.parametrize(("typed", "folded"), [
    ("我係客服", "我是客服"),       # 係 as the copula after 我
    ("我系統升級", "我系统升级"),    # Mandarin 系统 kept
    ("呢個係", "这个是"),
    ("多謝你", "谢谢你"),
    ("明白晒", "完全明白"),
    ("我唔知", "我不知道"),
    ("三個工作天內", "三个工作日内"),
])
def test_cantonese_and_taiwan_words_fold_to_the_lexicon_form(typed, folded):
    assert normalise(typed).folded == folded
