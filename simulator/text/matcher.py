"""One Aho-Corasick pass finds every phrase; negation is then read off the hits.

The automaton holds behaviour phrases, the scenario's need phrases, negators
and non-negators (words such as 不好意思 that contain 不 but do not negate).
Where behaviour phrases overlap, the leftmost-longest wins. A negator, or a
chain of them, shortly before a hit with no clause break between negates it
when their count is odd: the hit then counts as its ``negated_as`` behaviour or
not at all. A negative phrase ending in a negator (我不能, 我不会, 没有办法) that negates
the hit after it is absorbed, so 我不会让这件事拖下去 is a promise, not a refusal. One negation
makes one hit: a second hit negated by the same negator into the same behaviour merges into
the first (我不能马上给您退款 is one refusal). A hit directly followed, in the same clause,
by a phrase of its ``negated_as`` behaviour that starts with a negator is negated by it too
(退款是不行的, "refunds are not available"). A scenario need phrase in a negation's scope is
not met, and negated by a refusing negator (不能给您复机) it is refused: one refusal hit.

What some phrases do depends on the clause around them (found on real helpdesk replies,
benchmarks/stc3.py): a phrase typed as a chat emoji code ([呵呵]) is a picture, not words; a
refusal word in a question asks what happened (是升级后不行了吗？) and in a condition names
an outcome (如果重启后还是不行，…), unless a rule is stated (如…是无法办理的); a reason
word in a question asks for the cause; and "as … as possible" (尽快) is no vague promise
when it is the reply's purpose (为了尽快解决…，请…) or asked of the customer (建议您尽快充值);
您应该是… guesses (您应该是付了两次吧), it does not lecture; a step named in a fact question
(请问您有尝试过重新安装吗？) is asked about, not given.

Negation stays in its clause: a connective with a new subject (and I…, 而且我…) ends it, and
negators joined by a connective ("do not and will not", 不会也不能) negate once. A small set of
intensifiers (``folding.yaml``: 真的, 都, really, just…) may sit inside any phrase: the reply is
also read with them skipped, and phrases spanning a skipped word are kept (这个我真的不知道).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import ahocorasick

from simulator.content import models as m
from simulator.text.normalise import NormText, _folding, fold_phrase

# What ends a clause in folded text (full-width marks are already ASCII there).
CLAUSE_BREAKS = frozenset(",.!?;:。、…\n")

# Payload kinds stored in the automaton.
BEHAVIOUR, NEED, NEGATOR, NON_NEGATOR = "b", "n", "neg", "non"
# The behaviour id a look-alike word is stored under: no behaviour has it, and it sorts first.
_LOOK_ALIKE = ""


class Hit(NamedTuple):
    """A behaviour phrase found in a reply.

    ``start``/``end`` index the original text. ``counts_as`` is the behaviour the
    hit counts for after negation (``None``: cancelled). A named tuple, not a
    frozen dataclass: several are built for every reply of a batch, and a tuple
    is immutable at a fraction of the cost.
    """

    behaviour: str
    start: int
    end: int
    quote: str
    negated: bool = False
    counts_as: str | None = None
    derived: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "behaviour": self.behaviour,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "negated": self.negated,
            "counts_as": self.counts_as,
            "derived": self.derived,
        }


class NeedHit(NamedTuple):
    need: str
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class _Span:
    # Internal and short-lived, several per reply: a plain slotted class is much cheaper to
    # build than a frozen dataclass. Nothing compares or hashes spans; identity is what counts.
    start: int  # folded offsets
    end: int
    ident: str = ""


# English self-introductions by name (§2.3 tell them your name): "I'm Emily", "This is Emily
# from support", and the call-centre greeting "You're through to Emily" / "You're speaking with
# Emily". The name is a capitalised word: after "I'm" it ends the clause or comes before
# from/here/speaking; after "This is" only before those ("This is Great." is no name).
# Lower-case "i'm sorry" is never a name.
_NAME_FRAME = re.compile("i'm |i am |this is |im |through to |speaking with |speaking to |chatting with ")
_NAME_RE = re.compile(
    r"\b(?:(?:[Ii]['’]?m|I am) [A-Z][a-z]+(?=\s*(?:[,.!;:]|$)|\s+(?:from|here|speaking)\b)"
    r"|[Tt]his is [A-Z][a-z]+(?=\s+(?:from|here|speaking)\b)"
    r"|[Yy]ou(?:['’]re| are|re) (?:through to|speaking with|speaking to|chatting with) [A-Z][a-z]+\b)"
)
_NAME_BEHAVIOUR = "introduce_self"

# Frames: a behaviour said with other words inside it, which no list of literal phrases
# covers. Each is read in the folded text (您 is 你) within one clause; a hit is added only
# where no phrase was found, so the lexicon's own reading wins.
_BREAK = r"[^,.!?;:。、…\n]"
# The other parties a customer may be sent to (§4 不得推诿): the bank, the maker, the property
# manager, the courier, the seller, the platform, the carrier.
_PARTIES = ("银行", "厂家", "厂商", "原厂", "物业", "售后", "商家", "快递", "运营商", "平台", "店铺", "店家", "卖家")
_FRAMES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    # §1 独断型 "you should have…", §1 自我型 any hint that they are to blame, §5 lecturing: the
    # customer as the subject of 应该 / 早该 with words between (您当时签合同的时候应该看清楚条款的,
    # 你当初就应该问清楚). No other subject in between (我们当时应该…, 您的合同上应该写了: 的 ends
    # the 你, except in 的时候 "when"), no 不应该 (您不应该承担这个费用 sides with them), and not a
    # guess or a forecast: 应该是 / 会 / 能 / 可以 / 已经 / 有 / 收到 / a time (您明天应该会收到).
    # 本应 / 理应 are not the end of 基本 / 管理 / 处理 before 应用 ("an app": 您安装第三方管理应用).
    ("lecture", ("该", "应当", "本应", "理应"), re.compile(
        r"你(?![们的])(?:(?![你我他她它咱]|的(?!时候|话))" + _BREAK + r"){0,12}?(?<!不)"
        r"(?:应该|应当|早该|本该|(?:本应|理应)(?![用对])|就该)"
        r"(?!是|会|能|可以|可能|已|有|没|收到|到|在|快|马上|很快|就|明|今|后天|下|这|那|本周|月|周|几|[0-9一两三]|送|寄|发)"
    )),
    # §5 lecturing, criticising the customer: the rhetorical "can't you just…?" (您就不能看看说明书吗？,
    # 你就不能耐心点吗). Only with 就 right after the 你 and no 了 before the 吗: 您升级后就不能登录了吗？
    # asks what happened (§3.1).
    ("lecture", ("就不能",), re.compile(r"你们?就不能(?:(?!了)" + _BREAK + r"){1,12}?(?:吗|么|嘛)")),
    # §5 commanding tone (use requests and questions instead): a clause that opens with 把…给我
    # (你先把单号给我, 把截图发过来). 请您把… / 麻烦您把… open with the request and are not matched,
    # nor is an order softened into one by 一下 / 吧 / 好吗 after it (您把账号发我一下, 发给我吧).
    ("rush_calm_down", ("把",), re.compile(
        r"(?:^|(?<=[,.!?;:。\n ]))(?:那|那么|好|行)?你?(?:先|赶紧|马上|快点?|现在|赶快|立刻|直接)?把"
        + _BREAK + r"{1,10}?(?:发给我|给我|发过来|发我|报给我|拿过来|拿来|交给我|交上来)"
        r"(?!一下|吧|好吗|好不好|可以吗|行吗|可不可以|哈|哦|呢)"
    )),
    # §4 首问负责制 不得推诿: a clause that opens by telling the customer to call or contact
    # someone else ("That's handled by another team, call them.").
    ("pass_the_buck", ("call ", "contact ", "ring ", "phone ", "email ", "ask "), re.compile(
        r"(?:^|(?<=[,.!?;:] )|(?<=[,.!?;:]))(?:so |then |just |please )*(?:call|contact|ring|phone|email|ask) "
        r"(?:them|the bank|the manufacturer|that team|that department|the other team|another team|the other number)\b"
    )),
    # §5 这不归我管: a clause that ends in 我不管 (滞纳金退款我不管). Not 我不管多晚都会… (however
    # late), where 不管 is "regardless of" and the clause goes on.
    ("not_my_job", ("不管",), re.compile(r"我(?:可|才|就|也|是)?不管(?:了|啊|呀|的)?(?=\s*(?:[,.!?;:。\n]|$))")),
    # §5 admit a mistake at once, §2.3 take responsibility: the mistake named as ours with the
    # team or the time between (是我们仓库漏发了配件, 我们客服当时写错了地址). Not denied or
    # supposed (不是我们…, 如果是我们…), and nobody else inside (您, 他们, 快递, 银行), no finding
    # reported (我们查到是快递寄错了) and no negation (没).
    ("ownership", ("我们",), re.compile(
        r"(?<!不是)(?<!并非)(?<!如果是)(?<!要是)(?<!假如是)(?<!不)我们"
        r"(?:(?![你您他她它不没别]|们|快递|物流|厂家|厂商|银行|商家|第三方|查到|发现|显示)" + _BREAK + r"){0,6}?"
        r"(?:(?:给|为|帮)你)?"  # done to the customer (我们营业员给您办错了套餐) is still ours
        r"(?:漏发|发错|搞错|弄错|搞砸|弄砸|办砸|办错|开错|装错|换错|寄错|写错|算错|扣错|多扣|漏掉|漏了|漏录|漏记|录错|记错|输错|填错|忘了|忘记|疏忽了|失误了|操作失误|工作失误)"
    )),
    # §5 implying the customer is at fault, veiled as a counterfactual: had they acted sooner it
    # would not have happened (您要是早点联系我们也不至于这样, 你当初早些来就好了), across one comma.
    # Only the customer's sooner (早点 / 早些 right after 你 and its 要是 / 如果 / 当初), not the
    # agent's (我们要是早点通知您就好了) nor a wish for later (您早点休息).
    ("blame_customer", ("不至于", "不会", "就好了"), re.compile(
        r"你(?:要是|如果|若是|当时|当初|那时|那会儿)?(?:能|肯)?早(?:点|些|一点|一些)"
        r"[^.!?;:。\n]{0,16}?(?:也|就)(?:不至于|不会|好了)"
    )),
    # §5 可是 / 但是 after a kind sentence: a bare 但 opening a clause (退款可以，但运费得您自己出),
    # where the lexicon's 但是 / 但我们… do not reach. Not 不但 (no clause opens there), 但凡 ("if
    # only") or 但愿 ("hopefully"). The hit is the 但 alone, so a negation before the comma stays in
    # its clause.
    ("but_reversal", ("但",), re.compile(r"(?:(?<=[,.!?;:。\n])|(?<=[,.!?;:。\n] ))但(?![是凡愿])")),
    # §5 lecturing: advice for next time with words between (下次买东西前记得先看评价, 下次您记住先备份).
    # Not the agent's own next time (下次我会记得…) and not an invitation to come back to them
    # (下次再有问题记得直接找我, §2.3 own it).
    ("lecture", ("下次",), re.compile(
        r"下次(?:(?![我咱])" + _BREAK + r"){1,10}?(?:记得|记住)"
        r"(?!(?:直接|第一时间|随时|及时)?(?:找|联系|告诉|打给|致电|私信)(?:我|客服))"
    )),
    # §4 首问负责制 不得推诿: the customer sent to ask another party themself, politely
    # (这种情况您可以咨询一下银行那边, 建议您联系厂家售后). Not the agent doing it for them
    # (我帮您联系厂家, 替您问一下快递): 你 after 帮 / 替 / 给 / 为 is the one helped; nor spared it
    # (不会让您找快递的, 不用您自己联系厂家); nor a contact already made, named as a time
    # (请您私信您联系售后时所留电话).
    ("pass_the_buck", _PARTIES, re.compile(
        r"(?<![帮替给为跟和同让叫])(?<!不用)(?<!不必)(?<!无需)(?<!不需要)"
        r"你(?:可以|最好|还是|得|需要|要|直接|自己|再|先)*(?:去|再)?"
        r"(?:咨询|问问|问一下|询问|联系|找)(?:一下)?(?:当地的?|发卡|你的|购买的?)?"
        r"(?:" + "|".join(_PARTIES) + r")(?!时|的时候|那天|那次|之后|后)"
    )),
    # §5 我们向来都是这么做的: the company's rules cited in place of a reason, as a letter writes it
    # (根据我司相关规定, 按照公司有关规定, 依本公司規定; 我司 / 本公司 fold to 我们). Only the company's or
    # the platform's own rules: a law or a regulator's rule named (按电信服务规范相关规定, 根据公安部门…
    # 的相关规定) is a reason the customer can check (§3 给出原因).
    ("hide_behind_policy", ("规定",), re.compile(
        r"(?:根据|按照|依据|依照|遵照|按|依)(?:(?:我们|公司|平台)的?)?(?:相关|有关)?的?规定"
    )),
    # …and in English, a clause that opens with "(just) give/send/tell me the…" ("Could you tell
    # me your postcode?" opens with the request and is not matched).
    ("rush_calm_down", (" me ",), re.compile(
        r"(?:^|(?<=[,.!?;:] )|(?<=[,.!?;:]))(?:you )?(?:just |first )?(?:give|send|hand|tell) me (?:the|your)\b"
    )),
)

# Clause-sensitive senses (see the module docstring). Each names the behaviours it applies
# to; a behaviour the lexicon does not define is simply never affected.
# §5 refusing outright / 首问负责制: a refusal or a sending-away inside a question asks the
# customer what happened (还是到营业厅换的卡呢？); §3 给出原因: a reason word in a
# question asks for the cause (是什么操作导致的？). Either way the question is the move.
# §3.4 检验理解: a "but" inside a question restates the customer's story (the engineer came,
# but left without fixing it?); it takes back nothing the agent said. §3.1: a question about how
# often or how long it has happened (这种情况是百分百出现吗？在家里一直都是这样的吗？) promises
# nothing (§5 over-promising) and cites no rule (§5 我们向来都是这么做的).
_QUESTION_SCOPED = frozenset({"refusal", "pass_the_buck", "explain_reason", "but_reversal", "over_promise",
                              "hide_behind_policy"})
# A question the writer closed with a comma (请问…不能播放是什么情况呢，会有提示吗？): a clause
# that opens with 请问, or ends in 吗, or in 呢 after a question word, asks as a "?" does.
_ASKS = re.compile(
    r"^\s*请问|吗[~\s]*$|(?:什么|怎么|哪|几|多少|是否|有没有|是不是|还是)[^呢]*呢[~\s]*$"
)
# §5 refusing outright: "if it still fails, do X" gives the next step (§3.3), it refuses
# nothing. A rule stated with 是 (如办理了合约是不能销户的) still refuses.
_CONDITION_SCOPED = frozenset({"refusal"})
_CONDITION = re.compile(
    r"如果|假如|假若|倘若|如若|若是|万一|(?<![主需])要是|(?<![例比譬不犹诸一正])如(?![何下此今实意期同])"
    r"|(?<!倘)若(?!干)|\bif\b"
)
# …unless the agent is the subject of the refusal, after the condition (您要是还不满意我们也没有办法了,
# "if you're still not happy, there's nothing we can do"): the condition names the customer's
# case and the agent refuses in it. 如果我们无法处理，… still only names an outcome.
_CONDITION_THEN_AGENT = re.compile(r"(?:如果|假如|倘若|若是|万一|要是)..*?(?:我们|我|这边)(?:也|就|实在|真的|确实|都)*$")
# A condition may also close with 的话 after its words (重启后还不行的话，…: if it still fails).
_IF_SO = "的话"
# §5 vague language (打太极) is about when the company will act: 尽快 as the reply's purpose
# (为了尽快解决您的问题，请…) or asked of the customer (建议您尽快充值) promises nothing.
_PURPOSE_SCOPED = frozenset({"vague"})
_PURPOSE = re.compile(r"为了|\bin order to\b")
_ADVICE = re.compile(r"(?:建议|请)(?:您|你|亲)?$")
_AS_SOON = "尽"  # 尽快, 尽早, 尽量, 尽可能: "as … as possible"
# §5 lecturing ("you should have…"): 您应该 directly followed by 是 guesses at what happened
# (您应该是付了两次吧, "you probably paid twice"), it tells the customer nothing they should do.
_GUESS_SCOPED = frozenset({"lecture"})
_SHOULD, _GUESS = "应该", "是"
# §3.1 / §3.3: a step named in a fact question is asked about, not given (请问恢复出厂设置之后
# 还是不能保存吗？, "did you try restarting it?"): a clause that opens with 请问 or "did / have /
# do you", or ends in 吗, or asks whether it was tried or whether the step is done (是否有尝试, 有没有试,
# 试过, 是否已经升级至最新版本了呢; not 是否已经开启, whose clause may go on to give the step). A step offered
# as a question (您尝试清除数据试试呢？, 请您尝试一下是否有效呢？) still gives it.
_ASKED_SCOPED = frozenset({"gives_information"})
_ASKS_FACT = re.compile(r"^\s*(?:请问|(?:did|have|do) you\b)|吗[~\s]*$|是否有?尝试|是否已经?(?:升级|更新|重启|重新|安装|备份|清除|清理|恢复)|有没有(?:尝)?试|试过")
# A verb's potential complement in the negative (恢复不了, 修不好, 找不到): what the need's words
# say cannot be done is not done.
_CANNOT_COMPLEMENTS = ("不了", "不好", "不到", "不成", "不起来", "不出来")
_SCOPED = _QUESTION_SCOPED | _CONDITION_SCOPED | _PURPOSE_SCOPED | _GUESS_SCOPED | _ASKED_SCOPED
# §3.1 获取信息: a detail the agent needs (订单号, 截图, "order number") is fact-finding only where it
# is asked for: in a question, after a request earlier in its sentence (a list of details asked
# for runs across 、), or with a question word after it (您订单号多少). Stated (您的订单号已经处理了,
# 截图已经私信给您, "your order number is 123"), it asks nothing. The lexicon's ``asked_only`` phrases.
_REQUEST = re.compile(
    r"请|麻烦|劳烦|提供|告诉|告知|发给|发一下|发个|发张|发来|发过来|私信|留下|留个|说明|描述|截个图|截图给|截图发"
    r"|拍照|拍张|需要您|需要你|您把|你把|亲把|可以把|把您|把你的|可将|可以将|您将|你将|烦将|能否|可否|方便|核对|确认"
    r"|查一下您|要一下|给我|向您了解|了解一下|了解一些"
    r"|\b(?:please|kindly|could you|can you|would you|send|share|provide|give me|need your|need the|need a"
    r"|let me have|let me know|confirm|what's|what is|tell me)\b"
)
_ASKED_AFTER = re.compile(
    r"\s*(?:是|是你的|是您的)?(?:多少|什么|几|哪|啥)|\s*(?:please|\?)"
    r"|\s*(?:发给|发我|发一下|发过来|发送给|私信|提供|告诉|给我|给小|给我们|传给|拍给)"
)
_SENTENCE_BREAKS = ".!?;。\n"
# §5 refusing outright: a need phrase negated by a refusing negator (不能给您复机) is refused.
# Not when the negator forbids a harm or a repeat: 不能再让您失望, "can't let you down" promise.
_REFUSAL = "refusal"
_PROMISE = re.compile(r"\s*(?:会|will )?(?:再|让|使|令|叫|耽误|给你添|let\b|keep you\b|waste\b|again\b)")

# §5 "avoid negations" reads a negation in its own clause. Besides punctuation, a connective
# followed by a new subject starts one: in "that's not acceptable and I completely understand"
# or 这样不对而且我理解您 the "not" / 不 ends with its clause and the empathy after it stands.
_NEW_CLAUSE = re.compile(
    r"(?<![\w'])(?:and|but|so|or|yet|then)\s+(?:i|we|you|he|she|they|it|this|that|there)(?![\w])"
    r"|(?:而且|并且|但是|可是|所以|不过|然后|而|但)(?:我|你|他|她|它|这|那|咱|大家)"
)
# Negators joined by a connective negate the same words once, not twice: "I do not and will
# not refund", "can't and won't", 不会也不能退款 each refuse (§5 refusing outright). Stacked
# negators with nothing between them still count by parity (不是不能处理).
_COORDINATED = re.compile(r"(?<![\w'])(?:and|or|nor)(?![\w'])|也|或|而且|并且")
_HEAD = 8  # characters of what follows a gap that may hold the new clause's subject


@cache
def _intensifiers() -> re.Pattern[str] | None:
    """The words a phrase may hold inside it (``folding.yaml`` ``intensifiers``), as one regex."""
    words: Any = _folding().get("intensifiers") or {}
    zh = sorted((w for w in words.get("zh", []) if w), key=len, reverse=True)
    en = sorted((w for w in words.get("en", []) if w), key=len, reverse=True)
    parts = [*map(re.escape, zh)]
    if en:
        parts.append(r"(?<![\w'])(?:" + "|".join(map(re.escape, en)) + r") (?=\S)")
    if not parts:
        return None
    # Behind a look-ahead for the words' first characters, as the time patterns are: most
    # positions then fail one set test instead of every alternative (same matches).
    first = re.escape("".join(sorted({w[0] for w in (*zh, *en)})))
    return re.compile(f"(?=[{first}])(?:" + "|".join(parts) + ")")


def phrase_keys(phrases: m.Phrases) -> frozenset[str]:
    """Both languages' phrases as the matcher stores them (folded, stripped), empties left out."""
    return word_keys((*phrases.zh, *phrases.en))


def word_keys(words: Iterable[str]) -> frozenset[str]:
    """Words as the matcher stores them (folded, stripped, with :func:`plural`), empties left out."""
    keys = frozenset(k for k in map(fold_phrase, words) if k)
    return keys | {p for k in keys if (p := plural(k))}


_VOWELS = frozenset("aeiou")


def plural(key: str) -> str | None:
    """The key with its last English word inflected by -s / -es / -ies, or None.

    Trainees write "your payment records", "the late fees", "two options": an English phrase
    listed in the singular must meet its plural (and a verb its third person: "he calls")
    without every list spelling both. Keys ending in a short word (no, ok), a digit or an
    apostrophe are left alone.
    """
    i = len(key)
    while i and key[i - 1].isascii() and key[i - 1].isalpha():
        i -= 1
    word = key[i:]
    if len(word) < 3 or (i and key[i - 1] == "'"):
        return None
    if word[-1] == "y" and word[-2] not in _VOWELS:
        return key[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return key + "es"
    return key + "s"


def _whole_words(auto: Any, text: str) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
    """``(start, end, payload)`` of each automaton match, ASCII-edged keys on word boundaries only.

    The payload starts ``(length, word_start, word_end)``, as :meth:`Matcher._scan` stores it
    (which keeps its own inline copy of this test: it is the hot loop).
    """
    n = len(text)
    for last, payload in auto.iter(text):
        end = last + 1
        start = end - payload[0]
        if (payload[1] and start > 0 and _is_word(text[start - 1])) or (payload[2] and end < n and _is_word(text[end])):
            continue
        yield start, end, payload


def _alternation(phrases: m.Phrases) -> str:
    """Folded phrases as one regex alternation, longest first; ASCII edges on word boundaries."""
    keys = sorted(phrase_keys(phrases), key=len, reverse=True)
    return "|".join(
        ("(?<![a-z0-9'])" if _is_word(k[0]) else "") + re.escape(k) + ("(?![a-z0-9'])" if _is_word(k[-1]) else "")
        for k in keys
    )


class _Literals:
    """Whether a text holds any of some folded phrases, ASCII-edged ones on word boundaries.

    The same answer as searching their :func:`_alternation`, in one automaton pass: the
    word-boundary look-behind in front of each English phrase keeps the regex engine from
    skipping ahead, so that search tried every phrase at every character (36 µs a reply).
    """

    def __init__(self, phrases: m.Phrases) -> None:
        self._auto = ahocorasick.Automaton()
        for key in phrase_keys(phrases):
            self._auto.add_word(key, (len(key), _is_word(key[0]), _is_word(key[-1])))
        self._auto.make_automaton()

    def search(self, text: str) -> bool:
        return next(_whole_words(self._auto, text), None) is not None


class _NeedFrames:
    """The scenario needs' word-group frames (``m.Frame``), found with one automaton pass.

    A frame is met in a clause holding a word of each of its groups; it reads as a need
    phrase running from its first word to its last, so negation and refusal treat it as
    they treat a phrase. A negator between the words (号码不能恢复) starts the span after
    it, where the negation reads it as negated.
    """

    def __init__(self, needs: list[m.Need]) -> None:
        self._auto = ahocorasick.Automaton()
        words: dict[str, list[tuple[str, int, int]]] = {}
        self._groups: dict[tuple[str, int], int] = {}
        for need in needs:
            for i, frame in enumerate(need.frames):
                for lang in ("zh", "en"):
                    groups = getattr(frame, lang)
                    frame_id = 2 * i + (lang == "en")
                    if groups:
                        self._groups[(need.id, frame_id)] = len(groups)
                    for g, group in enumerate(groups):
                        for key in word_keys(group):
                            words.setdefault(key, []).append((need.id, frame_id, g))
        for key, refs in words.items():
            self._auto.add_word(key, (len(key), _is_word(key[0]), _is_word(key[-1]), tuple(refs)))
        self._auto.make_automaton()

    def spans(self, text: str, negators: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
        """The frames met, as need spans ``(start, -length, need, end)`` in the folded text."""
        found: dict[tuple[str, int, int], list[tuple[int, int, int]]] = {}  # (need, frame, clause) → words
        for start, end, (_, _, _, refs) in _whole_words(self._auto, text):
            lo = clause_start(text, start)
            if clause_end(text, start) < end:
                continue  # a word across a clause break (a group word holding a comma)
            for need, frame_id, g in refs:
                found.setdefault((need, frame_id, lo), []).append((start, end, g))
        out: list[tuple[int, int, str, int]] = []
        for (need, frame_id, _), hits in found.items():
            if len({g for _, _, g in hits}) < self._groups[(need, frame_id)]:
                continue
            lo, hi = min(h[0] for h in hits), max(h[1] for h in hits)
            inside = [t[3] for t in negators if t[2] == NEGATOR and lo < t[0] and t[3] <= hi]
            if inside:
                after = [h[0] for h in hits if h[0] >= max(inside)]
                lo = min(after) if after else hi
            if lo < hi:
                out.append((lo, lo - hi, need, hi))
        return out


def _setback_frame(b: m.Behaviour) -> tuple[str, _Literals, re.Pattern[str]]:
    """A behaviour's setback frame: its phrase, then only ``between`` words, then a setback word,
    all in one clause (您的退款一直卡着, "the refund is still pending")."""
    assert b.setbacks is not None and b.phrases is not None
    words = _alternation(b.setbacks.words)
    between = _alternation(b.setbacks.between)
    gap = f"(?:\\s*(?:{between}))*" if between else ""
    return b.id, _Literals(b.setbacks.words), re.compile(f"(?:{_alternation(b.phrases)}){gap}\\s*(?:{words})")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "'")


class Matcher:
    """The compiled automaton for one lexicon plus one scenario's need phrases."""

    def __init__(self, lexicon: m.Lexicon, scenario: m.Scenario | None = None) -> None:
        self.max_gap = lexicon.negation.max_gap
        entries: dict[str, list[tuple[str, str]]] = {}

        def add(phrases: m.Phrases, kind: str, ident: str) -> None:
            for phrase in (*phrases.zh, *phrases.en):
                key = fold_phrase(phrase)
                if key:
                    entries.setdefault(key, []).append((kind, ident))

        self.negated_as = {b.id: b.negated_as for b in lexicon.behaviours}
        self._refusers = phrase_keys(lexicon.negation.refusers)
        self._refusal = _REFUSAL if any(b.id == _REFUSAL for b in lexicon.behaviours) else None
        self._names = any(b.id == _NAME_BEHAVIOUR for b in lexicon.behaviours)
        ids = {b.id for b in lexicon.behaviours}
        # Each frame's anchor words as one literal pattern: a C-level search per frame instead
        # of a generator over its anchors (a dozen frames now, run on every reply).
        self._frames = tuple(
            (bid, re.compile("|".join(map(re.escape, anchors))), rx) for bid, anchors, rx in _FRAMES if bid in ids
        )
        self.negative = frozenset(b.id for b in lexicon.behaviours if b.polarity == "negative")
        self._asked_only = {b.id: phrase_keys(b.asked_only) for b in lexicon.behaviours if b.asked_only is not None}
        self._scoped = _SCOPED | frozenset(self._asked_only)
        for b in lexicon.behaviours:
            if b.phrases is not None:
                add(b.phrases, BEHAVIOUR, b.id)
            if b.asked_only is not None:
                add(b.asked_only, BEHAVIOUR, b.id)  # read in its clause (see _REQUEST)
            if b.tone_words is not None:
                add(b.tone_words, BEHAVIOUR, b.id)  # read in the reply's company (engine.step)
            if b.light_tone_words is not None:
                add(b.light_tone_words, BEHAVIOUR, b.id)  # likewise
            if b.look_alikes is not None:
                add(b.look_alikes, BEHAVIOUR, _LOOK_ALIKE)
        add(lexicon.negation.negators, NEGATOR, "")
        add(lexicon.negation.non_negators, NON_NEGATOR, "")
        self._need_frames: _NeedFrames | None = None
        if scenario is not None:
            for need in scenario.needs:
                add(need.phrases, NEED, need.id)
            if any(need.frames for need in scenario.needs):
                self._need_frames = _NeedFrames(scenario.needs)
        # An English phrase meets its plural too (see ``plural``); a plural listed in its own
        # right keeps its own entry.
        for key, kinds in list(entries.items()):
            p = plural(key)
            if p and p not in entries:
                entries[p] = kinds
        auto = ahocorasick.Automaton()
        for key, kinds in entries.items():
            # ASCII-edged phrases must sit on word boundaries ("no" is not in "know").
            # The payload is pre-sorted by kind, each in lexicon order, so scan() only appends.
            behaviour_ids = tuple(ident for kind, ident in kinds if kind == BEHAVIOUR)
            need_ids = tuple(ident for kind, ident in kinds if kind == NEED)
            negation = tuple(kind for kind, _ in kinds if kind in (NEGATOR, NON_NEGATOR))
            auto.add_word(key, (len(key), _is_word(key[0]), _is_word(key[-1]), behaviour_ids, need_ids, negation))
        auto.make_automaton()
        self._auto = auto
        self._skip = _intensifiers()
        self._look_alikes = any(b.look_alikes is not None for b in lexicon.behaviours)
        self._setbacks = tuple(_setback_frame(b) for b in lexicon.behaviours if b.setbacks is not None and b.phrases)
        self.phrase_count = len(entries)

    def scan(self, norm: NormText) -> tuple[list[Hit], list[NeedHit]]:
        """Find behaviour hits (with negation resolved) and need hits in a reply."""
        hits, need_hits = self._scan(norm)
        if self._names and _NAME_FRAME.search(norm.folded):
            hits = _with_names(norm.original, hits)
        if self._frames:
            hits = self._with_frames(norm, hits)
        if self._setbacks:
            hits, need_hits = self._without_setbacks(norm, hits, need_hits)
        return hits, need_hits

    def _without_setbacks(
        self, norm: NormText, hits: list[Hit], need_hits: list[NeedHit]
    ) -> tuple[list[Hit], list[NeedHit]]:
        """Drop the hits (and need phrases) that a setback makes a report (see ``m.Setbacks``)."""
        text = norm.folded
        spans: list[tuple[str, int, int]] = []
        for bid, probe, rx in self._setbacks:
            # Only a phrase counting as itself can be a setback's subject: most replies hold none,
            # and then neither pattern runs (a long alternation costs a pass over the reply).
            if not any(h.counts_as == h.behaviour == bid for h in hits) or not probe.search(text):
                continue
            spans.extend((bid, *norm.span(m_.start(), m_.end())) for m_ in rx.finditer(text))
        if not spans:
            return hits, need_hits
        # A negated hit keeps its sense: 退款是不可能的 refuses (negated_as), it reports nothing.
        hits = [
            h for h in hits
            if not any(h.counts_as == h.behaviour == bid and s <= h.start and h.end <= e for bid, s, e in spans)
        ]
        need_hits = [n for n in need_hits if not any(s <= n.start and n.end <= e for _, s, e in spans)]
        return hits, need_hits

    def _with_frames(self, norm: NormText, hits: list[Hit]) -> list[Hit]:
        """Add a hit for each frame (see ``_FRAMES``) the phrases did not already read."""
        found: list[Hit] = []
        text = norm.folded
        for bid, anchors, rx in self._frames:
            if anchors.search(text) is None:
                continue  # cheaper than letting the pattern try every position
            for m_ in rx.finditer(text):
                if m_.end() == m_.start():
                    continue
                s, e = norm.span(m_.start(), m_.end())
                if any(h.start < e and s < h.end and (h.counts_as == bid or h.end >= e) for h in (*hits, *found)):
                    continue  # the lexicon found it, or a phrase already reads its last words
                # A frame's words take the sense of their clause as a phrase's do (a 但 inside a
                # question restates the customer's story: 您是缴费成功，但一直无人预约上门吗？).
                if bid in _SCOPED and self._sense(text, m_.start(), m_.end(), bid) is None:
                    continue
                found.append(Hit(bid, s, e, norm.original[s:e], False, bid))
        if not found:
            return hits
        return sorted([*hits, *found], key=lambda h: h.start)

    def _scan(self, norm: NormText) -> tuple[list[Hit], list[NeedHit]]:
        text = norm.folded
        n = len(text)
        emoji = "[" in text  # most replies hold no chat emoji code: skip that test per phrase
        # Plain tuples while scanning: (start, -length, id, end) sorts leftmost-longest as is.
        behaviours: list[tuple[int, int, str, int]] = []
        negators: list[tuple[int, int, str, int]] = []
        needs: list[tuple[int, int, str, int]] = []
        for last, (length, word_start, word_end, behaviour_ids, need_ids, negation) in self._auto.iter(text):
            end = last + 1
            start = end - length
            if word_start and start > 0 and _is_word(text[start - 1]):
                continue
            if word_end and end < n and _is_word(text[end]):
                continue
            if emoji and start > 0 and end < n and text[start - 1] == "[" and text[end] == "]":
                continue  # a chat emoji code such as [呵呵] is a picture, not words
            for ident in behaviour_ids:
                behaviours.append((start, -length, ident, end))
            if need_ids:
                for ident in need_ids:
                    needs.append((start, -length, ident, end))
            if negation:
                for kind in negation:
                    negators.append((start, -length, kind, end))
        if self._need_frames is not None:
            needs.extend(self._need_frames.spans(text, negators))
        if self._skip is not None and self._skip.search(text):
            behaviours.extend(self._skipping(text, negators))
        if negators:
            # An A-不-A question (能不能, 有没有, 可不可以) asks; the 不 in its middle starts no
            # refusal: 能不能退款 is not 不能退款.
            asked = {t[0] + 1 for t in negators if t[2] == NON_NEGATOR and _a_not_a(text, t[0], t[3])}
            if asked:
                behaviours = [b for b in behaviours if b[0] not in asked]
        chosen_t = _choose(behaviours)
        if self._look_alikes:
            # A look-alike (优惠活动 for 优惠) has won its place from the shorter phrase; it is no hit,
            # and a need phrase inside it is the same word, no more met ("the refund you mentioned"
            # does not "refund you").
            alike = [(t[0], t[3]) for t in chosen_t if t[2] == _LOOK_ALIKE]
            if alike:
                chosen_t = [t for t in chosen_t if t[2] != _LOOK_ALIKE]
                if needs:
                    needs = [t for t in needs if not any(t[0] < e and s < t[3] for s, e in alike)]
        if not any(t[2] == NEGATOR for t in negators):
            # No negator at all (only non-negators such as 不好意思, or none): nothing is
            # negated or absorbed, so every chosen phrase counts as itself. Same result as
            # the general path below, without its bookkeeping; most replies take this path.
            original, starts, ends = norm.original, norm.starts, norm.ends
            hits = []
            for start, _, ident, end in chosen_t:
                counts = self._sense(text, start, end, ident) if ident in self._scoped else ident
                if starts is not None and ends is not None:
                    start, end = starts[start], ends[end - 1]
                hits.append(Hit(ident, start, end, original[start:end], False, counts))
            if not needs:
                return hits, []
            return hits, self._needs(norm, _spans(needs), _spans(chosen_t), [], set())[0]
        chosen = _spans(chosen_t)
        # Negators may not straddle a behaviour phrase (不要 in 不要不这样 loses to the
        # phrase 要不这样), but one may end a phrase (the 不能 of 我不能). A non-negator that
        # starts inside a phrase still shields its negator (有没有 in 有没有办法, "can't wait" in
        # "i can't wait"); one that starts before a phrase does not (不高兴 + 高兴为您服务).
        tokens = _spans(_choose([
            t for t in negators
            if not any(
                t[0] < h.end and h.start < t[3]
                and not (h.start <= t[0] and (t[3] == h.end or t[2] != NEGATOR))
                for h in chosen
            )
        ]))
        neg_starts = {t[0] for t in negators if t[2] == NEGATOR}
        hits = self._resolve(norm, chosen, tokens, neg_starts)
        if not needs:
            return hits, []
        need_hits, refused = self._needs(norm, _spans(needs), chosen, tokens, neg_starts)
        if refused:
            # One refusal per stretch of words: 不能退款 already refuses through 退款, and the
            # negative phrase a refusal starts with (我不能, "we can't") is absorbed into it.
            refused = [
                r for r in refused
                if not any(h.counts_as == r.counts_as and h.start < r.end and r.start < h.end for h in hits)
            ]
            hits = sorted(
                [*(h for h in hits if not any(r.start <= h.start and h.end <= r.end for r in refused)), *refused],
                key=lambda h: h.start,
            )
        return hits, need_hits

    def _skipping(self, text: str, negators: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
        """Behaviour phrases found with the intensifiers skipped (这个我真的不知道 → 我不知道).

        Only phrases that span a skipped word are new; the others were found as typed. A word
        inside a non-negator ("not just", 不仅) is kept. Spans are in the folded text.
        """
        assert self._skip is not None
        shields = [(s, e) for s, _, kind, e in negators if kind == NON_NEGATOR]
        pieces: list[str] = []
        pos: list[int] = []
        last = 0
        for found in self._skip.finditer(text):
            a, b = found.span()
            if any(s < b and a < e for s, e in shields):
                continue
            pieces.append(text[last:a])
            pos.extend(range(last, a))
            last = b
        if not pieces:
            return []
        pieces.append(text[last:])
        pos.extend(range(last, len(text)))
        alt = "".join(pieces)
        n = len(alt)
        out: list[tuple[int, int, str, int]] = []
        for last_i, (length, word_start, word_end, behaviour_ids, _, _) in self._auto.iter(alt):
            if not behaviour_ids:
                continue
            end = last_i + 1
            start = end - length
            s, e = pos[start], pos[end - 1] + 1
            if e - s == length:
                continue  # spans no skipped word: found as typed
            if word_start and start > 0 and _is_word(alt[start - 1]):
                continue
            if word_end and end < n and _is_word(alt[end]):
                continue
            out.extend((s, s - e, ident, e) for ident in behaviour_ids)
        return out

    # ------------------------------------------------------------------ negation

    def _chain(self, text: str, start: int, chain_tokens: list[_Span]) -> tuple[list[_Span], bool]:
        """The negators chained before ``start``, nearest first, and whether they negate.

        They negate when their count is odd, counting negators joined by a connective
        ("do not and will not", 不会也不能) once.
        """
        used: list[_Span] = []
        joined = 0
        cursor = start
        for tok in reversed(chain_tokens):  # sorted by end, so nearest first
            if tok.end > cursor:
                continue
            if not self._close(text, tok.end, cursor):
                break
            if used and _COORDINATED.search(text, tok.end, cursor):
                joined += 1
            used.append(tok)
            cursor = tok.start
        return used, (len(used) - joined) % 2 == 1

    def _close(self, text: str, lo: int, hi: int) -> bool:
        """Whether a negator ending at ``lo`` reaches what starts at ``hi``."""
        if lo >= hi:  # the negator touches the phrase: the usual case, decided at once
            return True
        gap = text[lo:hi]
        if any(c in CLAUSE_BREAKS for c in gap):
            return False
        words = sum(1 for w in gap.split() if w.isascii())
        cjk = sum(1 for c in gap if not c.isascii() and not c.isspace())
        if words + cjk > self.max_gap:
            return False
        found = _NEW_CLAUSE.search(text, lo, hi + _HEAD)
        return found is None or found.start() >= hi

    def _resolve(
        self, norm: NormText, chosen: list[_Span], tokens: list[_Span], neg_starts: set[int]
    ) -> list[Hit]:
        text = norm.folded
        chain_tokens = _chain_tokens(tokens, chosen)
        absorbed: set[int] = set()
        resolved: list[Hit] = []
        folded: list[tuple[int, int]] = []  # each resolved hit's span in the folded text
        index = {id(h): i for i, h in enumerate(chosen)}
        by_negation: dict[tuple[int, str], int] = {}
        for i, h in enumerate(chosen):
            chain, negated = (
                self._chain(text, h.start, [t for t in chain_tokens if t is not h]) if chain_tokens else ([], False)
            )
            start = chain[-1].start if chain else h.start
            for t in chain:
                if id(t) in index:
                    absorbed.add(index[id(t)])
            counts_as = self.negated_as.get(h.ident) if negated else h.ident
            s, e = norm.span(start if negated else h.start, h.end)
            if negated and counts_as is not None:
                # One negation, one hit: 我不能马上给您退款 refuses once, not twice.
                first = by_negation.setdefault((id(chain[0]), counts_as), i)
                if first != i:
                    absorbed.add(i)
                    prev = resolved[first]
                    resolved[first] = prev._replace(end=e, quote=norm.original[prev.start:e])
            resolved.append(Hit(h.ident, s, e, norm.original[s:e], negated, counts_as))
            folded.append((start if negated else h.start, h.end))
        # Post-negation: a hit directly followed by its own negation (退款是不行的, "refunds are
        # not available") is that negation, one hit from the good word to the refusal.
        for i in range(len(chosen) - 1):
            h, nxt, hit = chosen[i], chosen[i + 1], resolved[i]
            target = self.negated_as.get(h.ident)
            if (
                target is not None and nxt.ident == target and nxt.start in neg_starts
                and not hit.negated and not resolved[i + 1].negated
                and i not in absorbed and i + 1 not in absorbed and self._close(text, h.end, nxt.start)
            ):
                s, e = norm.span(h.start, nxt.end)
                resolved[i] = Hit(h.ident, s, e, norm.original[s:e], True, target)
                folded[i] = (h.start, nxt.end)
                absorbed.add(i + 1)
        return [
            hit if hit.counts_as not in self._scoped else hit._replace(counts_as=self._sense(text, *folded[i], hit.counts_as))
            for i, hit in enumerate(resolved) if i not in absorbed
        ]

    def _sense(self, text: str, start: int, end: int, counts_as: str | None) -> str | None:
        """What a hit at folded ``[start, end)`` counts as in its clause (see the module docstring)."""
        if counts_as is None:
            return None
        asked_only = self._asked_only.get(counts_as)
        if asked_only is not None and text[start:end] in asked_only:
            at = clause_end(text, end)
            lo = clause_start(text, start)
            sentence = max(text.rfind(c, 0, start) for c in _SENTENCE_BREAKS) + 1
            if not ((at < len(text) and text[at] == "?") or _ASKS.search(text[lo:at])
                    or _REQUEST.search(text, sentence, start) or _ASKED_AFTER.match(text, end)):
                return None
        if counts_as in _GUESS_SCOPED and text.startswith(_GUESS, end) and text.endswith(_SHOULD, start, end):
            return None
        if counts_as in _QUESTION_SCOPED:
            at = clause_end(text, end)
            if at < len(text) and text[at] == "?":
                return None
            lo = clause_start(text, start)
            if _ASKS.search(text[lo:at]):
                return None
        if counts_as in _ASKED_SCOPED:
            at = clause_end(text, end)
            lo = clause_start(text, start)
            if _ASKS_FACT.search(text[lo:at]):
                return None
        if counts_as in _CONDITION_SCOPED or counts_as in _PURPOSE_SCOPED:
            before = text[clause_start(text, start):start]
            # 是 states a rule (如…是无法办理的); 还是 is "still" (如果重启后还是不行).
            stated = before.endswith("是") and not before.endswith("还是")
            if (counts_as in _CONDITION_SCOPED and not stated and _CONDITION.search(before)
                    and not _CONDITION_THEN_AGENT.search(before)):
                return None
            # …and a condition closed by 的话 after the refusal word (不行的话我马上安排工程师).
            if counts_as in _CONDITION_SCOPED and text.startswith(_IF_SO, end):
                return None
            if counts_as in _PURPOSE_SCOPED and (
                _PURPOSE.search(before) or (text.startswith(_AS_SOON, start) and _ADVICE.search(before))
            ):
                return None
        return counts_as

    def _needs(
        self, norm: NormText, needs: list[_Span], chosen: list[_Span], tokens: list[_Span], neg_starts: set[int]
    ) -> tuple[list[NeedHit], list[Hit]]:
        """The needs a reply meets, and the refusals it makes of them.

        A need phrase in a negation's scope is not met: a free negator or a phrase ending in
        one (我也没办法复机, "we can't reconnect") before it, or a negative phrase starting with
        a negator right after it in its clause (复机是不可能的). Negated by a refusing negator
        (``negation.refusers``: 不能给您复机, "unable to reconnect"), it is refused (§5
        refusing outright): a refusal hit from the negator to the need phrase.
        """
        text = norm.folded
        chain_tokens = _chain_tokens(tokens, chosen)
        out: list[NeedHit] = []
        refused: list[Hit] = []
        refused_by: set[int] = set()
        seen: set[str] = set()
        for span in sorted(needs, key=lambda s: (s.start, -s.end)):
            if span.ident in seen:
                continue
            # Inside a negative phrase the need's words are not addressed but denied:
            # 是我们的错 within 这不是我们的错 is no apology.
            if any(h.ident in self.negative and h.start <= span.start and span.end <= h.end for h in chosen):
                continue
            if chain_tokens:
                chain, negated = self._chain(text, span.start, chain_tokens)
                if negated:
                    lead = chain[0]
                    word = next(
                        (text[t.start:t.end] for t in tokens if t.ident == NEGATOR and t.end == lead.end), ""
                    )
                    if (
                        self._refusal is not None and id(lead) not in refused_by
                        and word in self._refusers and not _PROMISE.match(text, lead.end, span.end)
                    ):
                        counts = self._sense(text, chain[-1].start, span.end, self._refusal)
                        if counts is not None:
                            # A phrase ending in the negator (我不能, "we can't") is absorbed: one refusal.
                            refused_by.add(id(lead))
                            s, e = norm.span(chain[-1].start, span.end)
                            refused.append(Hit(self._refusal, s, e, norm.original[s:e], False, counts))
                    continue
            if text.startswith(_CANNOT_COMPLEMENTS, span.end):
                continue  # 数据恢复不了, 修不好: the verb with a "cannot" complement
            nxt = next((h for h in chosen if h.start >= span.end), None)
            if (
                nxt is not None and nxt.ident in self.negative and nxt.start in neg_starts
                and self._close(text, span.end, nxt.start)
            ):
                continue  # 复机是不可能的: the need is named to be refused
            seen.add(span.ident)
            s, e = norm.span(span.start, span.end)
            out.append(NeedHit(span.ident, s, e, norm.original[s:e]))
        return out, refused


def _with_names(original: str, hits: list[Hit]) -> list[Hit]:
    """Add a self-introduction hit for each "I'm Emily" no other hit covers."""
    found = [
        Hit(_NAME_BEHAVIOUR, m.start(), m.end(), m.group(), False, _NAME_BEHAVIOUR)
        for m in _NAME_RE.finditer(original)
        if not any(h.start < m.end() and m.start() < h.end for h in hits)
    ]
    if not found:
        return hits
    return sorted([*hits, *found], key=lambda h: h.start)


def clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` begins: just after the last clause break before it."""
    return max(text.rfind(c, 0, at) for c in CLAUSE_BREAKS) + 1


def clause_end(text: str, at: int) -> int:
    """The first clause break at or after ``at`` (the text's length when there is none)."""
    return next((i for i in range(at, len(text)) if text[i] in CLAUSE_BREAKS), len(text))


def _chain_tokens(tokens: list[_Span], chosen: list[_Span]) -> list[_Span]:
    """What can negate what follows it, by end: free negators, and hits that end in one (我不能)."""
    ending = [h for h in chosen if any(t.ident == NEGATOR and t.end == h.end and t.start >= h.start for t in tokens)]
    return sorted(_free_negators(tokens, chosen) + ending, key=lambda s: (s.end, s.start))


def _free_negators(tokens: list[_Span], chosen: list[_Span]) -> list[_Span]:
    """Negators that stand alone, not inside a behaviour phrase."""
    return [
        t for t in tokens
        if t.ident == NEGATOR and not any(h.start <= t.start and t.end <= h.end for h in chosen)
    ]


def _spans(found: list[tuple[int, int, str, int]]) -> list[_Span]:
    """Scan tuples ``(start, -length, id, end)`` as spans, for the negation bookkeeping."""
    return [_Span(start, end, ident) for start, _, ident, end in found]


def _a_not_a(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an A-不-A question word: 能不能, 有没有, 可不可以."""
    return end - start >= 3 and text[start + 1] in "不没" and text[start] == text[start + 2]


def _choose(spans: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """Leftmost-longest among ``(start, -length, id, end)`` spans; ties go to the smaller id."""
    out = []
    last_end = -1
    spans.sort()
    for sp in spans:
        if sp[0] >= last_end:
            out.append(sp)
            last_end = sp[3]
    return out


