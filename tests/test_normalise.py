from hypothesis import assume, given
from hypothesis import strategies as st

from simulator.text.normalise import _folding, normalise


def test_fullwidth_and_case_fold_to_ascii():
    n = normalise("ＨＥＬＬＯ　Ｗｏｒｌｄ！")
    assert n.folded == "hello world!"


def test_traditional_folds_to_simplified_with_taiwan_phrases():
    assert normalise("我們的軟體出問題了").folded == "我们的软件出问题了"
    assert normalise("這件事由我負責跟進").folded == "这件事由我负责跟进"


def test_whitespace_runs_collapse_and_map_back():
    n = normalise("我  理解\t\t您")
    assert n.folded == "我 理解 你"  # 您 reads as 你
    start = n.folded.index("理解")
    assert n.quote(start, start + 2) == "理解"
    assert n.span(start, start + 2) == (3, 5)


def test_expanding_characters_map_back_to_the_whole_original():
    n = normalise("㈱会社")
    assert n.folded.startswith("(株)")
    assert n.quote(0, 3) == "㈱"


def test_zero_width_characters_are_dropped():
    n = normalise("对\u200b不起")
    assert n.folded == "对不起"
    assert n.quote(0, 3) == "对\u200b不起"


def test_curly_apostrophes_become_straight():
    assert normalise("I don’t know").folded == "i don't know"


@given(st.text(max_size=60))
def test_every_folded_span_maps_inside_the_original(text):
    n = normalise(text)
    for i in range(len(n.folded)):
        s, e = n.span(i, i + 1)
        assert 0 <= s <= e <= len(text)


# Cantonese words that fold to a Mandarin word of another length (咩 → 什么) are the one
# intended exception: their span maps back to the whole typed word instead.
# (Compared with the word as typed: normalise(k) is already the Mandarin word, so comparing it
# with normalise(v) missed 嬲 → 生气, which hypothesis found.)
_RESIZED = [k for k, v in _folding()["cantonese"].items() if len(k) != len(normalise(v).folded)]


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30))
def test_cjk_text_keeps_its_length(text):
    assume(not any(normalise(k).folded in normalise(text).folded for k in _RESIZED))
    assert len(normalise(text).folded) == len(text)


def test_cantonese_folds_to_mandarin_and_maps_back():
    n = normalise("對唔住，我哋聽日下晝三點前覆你")
    assert n.folded == "对不起,我们明天下午三点前回复你"
    start = n.folded.index("回复你")
    assert n.quote(start, start + 3) == "覆你"  # a longer Mandarin word points at the whole Cantonese one
    assert n.quote(0, 3) == "對唔住"
    assert n.quote(n.folded.index("明天"), n.folded.index("明天") + 2) == "聽日"


def test_mandarin_with_characters_cantonese_also_uses_is_left_alone():
    # 係 becomes 系 under OpenCC; 系统 and 关系 must not turn into 是统 or 关是.
    assert normalise("我們的系統和關係").folded == "我们的系统和关系"
    assert normalise("你们几时发货").folded == "你们什么时候发货"  # literary Mandarin, same meaning


_CANTONESE = ["唔", "冇", "嘅", "哋", "係", "佢", "咗", "對唔住", "聽日", "下晝", "覆你", "點解", "邊個", "而家", "唔該晒", "嬲"]


@given(st.lists(st.sampled_from([*_CANTONESE, "我", "你", "您", "，", "。", " ", "  ", "ok", "Ｏｋ", "\u200b", "㈱"]), max_size=12))
def test_every_folded_character_points_into_the_typed_text(pieces):
    text = "".join(pieces)
    n = normalise(text)
    for i in range(len(n.folded)):
        s, e = n.span(i, i + 1)
        assert 0 <= s < e <= len(text)
    if n.starts is not None and n.folded:
        assert list(n.starts) == sorted(n.starts)  # offsets never run backwards
