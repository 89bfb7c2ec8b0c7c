from hypothesis import given
from hypothesis import strategies as st

from simulator.text.normalise import normalise


def test_fullwidth_and_case_fold_to_ascii():
    n = normalise("ＨＥＬＬＯ　Ｗｏｒｌｄ！")
    assert n.folded == "hello world!"


def test_traditional_folds_to_simplified_with_taiwan_phrases():
    assert normalise("我們的軟體出問題了").folded == "我们的软件出问题了"
    assert normalise("這件事由我負責跟進").folded == "这件事由我负责跟进"


def test_whitespace_runs_collapse_and_map_back():
    n = normalise("我  理解\t\t您")
    assert n.folded == "我 理解 您"
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


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30))
def test_cjk_text_keeps_its_length(text):
    assert len(normalise(text).folded) == len(text)
