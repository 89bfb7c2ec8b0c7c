"""Coaching findings from a QA review (simulator/coaching.py and the lexicon's lines).

A better reply must not keep the words it should replace, must not say one thing twice,
must not itself do what it coaches against, and must be written the way the trainee wrote.
"""

from __future__ import annotations

import pytest

from simulator.coaching import improvements
from simulator.content import load_content
from simulator.engine import Rulebook, start, step
from simulator.text.normalise import normalise

RULES = Rulebook(load_content())
SC = "general-complaint"


def suggestion(text: str, lang: str = "zh", persona: str = "self-centered") -> str:
    state = start(RULES, SC, persona, lang=lang)
    found = improvements(RULES, state, [step(state, text)])
    assert found, text
    return found[0].suggestion


def test_blaming_sentence_is_not_kept():
    # §5 implying the customer is at fault: the lecture frame finds it, so coaching replaces it.
    assert "应该看清楚" not in suggestion("您当时签合同的时候应该看清楚条款的。")


def test_lecture_tip_does_not_lecture():
    # §5 lecturing: "下次您可以……" tells the customer what to do next time, as "您应该" does.
    lecture = next(b for b in RULES.content.lexicon.behaviours if b.id == "lecture")
    for line in (lecture.better.zh, lecture.example.zh):
        assert "下次您可以" not in line and "下次你可以" not in line, line
    for line in (lecture.better.en, lecture.example.en):
        assert "next time you" not in line.lower(), line


@pytest.mark.parametrize("text", ["我来帮您处理。系统出故障了。", "我來幫您處理。系統出故障了。"])
def test_better_reply_does_not_repeat_itself(text):
    folded = normalise(suggestion(text)).folded
    assert folded.count("帮你处理") <= 1, folded


@pytest.mark.parametrize("text", ["這不歸我管，你去找銷售。", "您當時簽合同的時候應該看清楚條款的。",
                                  "系統出故障了，你再等等。"])
def test_added_lines_follow_traditional_input(text):
    import opencc

    better = suggestion(text)
    assert opencc.OpenCC("s2t").convert(better) == better, better


def test_a_but_word_alone_after_a_rewrite_leaves_no_stray_mark():
    # Found by hypothesis: "人为原因。不过？" repaired to "…操作的？？". Once the first sentence is
    # rewritten, the but-word of the next goes (§5), and with it the sentence it was.
    from simulator.coaching import repair

    state = start(RULES, "dongle-defect", "analytical", seed=0, lang="zh")
    base, _ = repair(RULES, step(state, "人为原因。不过？"), "zh")
    assert "？？" not in base and base.count("？") <= 1, base
