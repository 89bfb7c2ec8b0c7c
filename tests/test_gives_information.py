"""Steps and concrete information given to the customer (domain.md §3.3 提供信息).

§3.3 asks for information that is "clear, relevant, complete: who, what, where, when, why,
how"; §7 asks to keep the customer working meanwhile; §1 the analytical type wants specifics
(what, who, when, how). Real helpdesk replies (STC-3, benchmarks/stc3.py) give steps to try
or where to find something, and the lexicon read them as nothing: an apology followed by
steps counted as an empty apology (§1). Each ``*_misfire`` case failed before
``gives_information``; each guard is a reply that must not read as giving information. The
texts are paraphrases written for these tests, not quotes from the data.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"
INFO = "gives_information"


def counted(rules, text):
    return read_reply(rules, SC, text).present


GIVES = [
    "您可以尝试双击Home键关闭后台程序。",
    "您尝试清除一下应用的数据试试呢？",
    "请您备份后恢复出厂设置。",
    '您可以在"设置-账户"里修改密码。',
    "请您进入“设置-通用”页面，点击“还原”。",
    "操作步骤如下：先关机，再长按电源键十秒。",
    "此为我司系统显示问题，您的流量可以正常使用。",
    "Go to Settings > Account and tap Reset.",
    "You can try restarting the router.",
    "Here's how: open the app and click the gear icon.",
]


@pytest.mark.parametrize("text", GIVES)
def test_steps_and_facts_give_information_misfire(rules, text):
    assert INFO in counted(rules, text)


@pytest.mark.parametrize("text", [
    "抱歉给您带来不便，您可以尝试重启一下手机。",
    "非常抱歉，请您先备份数据，然后重新安装客户端。",
    "Sorry about that. You can try clearing the cache, then log in again.",
])
def test_apology_with_steps_is_not_empty_misfire(rules, text):
    present = counted(rules, text)
    assert "empty_apology" not in present and INFO in present, present


def test_steps_calm_the_analytical_customer_more_than_a_bare_apology_misfire(rules):
    bare = step(start(rules, SC, "analytical"), "抱歉给您带来不便。")
    steps = step(start(rules, SC, "analytical"), "抱歉给您带来不便，您可以尝试重启一下手机。")
    assert steps.state.anger < bare.state.anger
    assert any(c.rule == INFO for c in steps.changes)


# ------------------------------------------------------------------------------ guards

@pytest.mark.parametrize("text", [
    "您可以走了。",                              # a dismissal, not a step (§5)
    "You can't do that here.",
    "您不用尝试了，没用的。",                    # negated: nothing to do
    "请问您有尝试过重新安装吗？",                # §3.1 asks about the facts
    "您是否尝试过重启一下呢？",
    "Did you try restarting it?",
    "您可以通过私信告知您的姓名和电话。",        # sent to a private message, nothing given
    "建议您拨打客服热线咨询。",                  # a hand-over, not information
    "我们会不断简化业务办理流程。",
    "请您提供一下订单号。",                      # §3.1 asks for facts
])
def test_no_information_given(rules, text):
    assert INFO not in counted(rules, text)


def test_an_order_still_commands(rules):
    present = counted(rules, "你先把单号给我。")
    assert "rush_calm_down" in present and INFO not in present


@pytest.mark.parametrize("text", ["非常抱歉，给您添麻烦了。", "Sorry for the inconvenience."])
def test_stock_apology_still_empty(rules, text):
    assert "empty_apology" in counted(rules, text)
