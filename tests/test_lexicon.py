"""The shipped lexicon: every phrase is reachable, and each behaviour fires in zh and en."""

from __future__ import annotations

import pytest

from simulator.content import load_content
from simulator.text.normalise import normalise

CONTENT = load_content()
BEHAVIOURS = [b for b in CONTENT.lexicon.behaviours if b.phrases is not None]


@pytest.fixture(scope="module")
def matcher(rules):
    return rules.bare_matcher


@pytest.mark.parametrize("behaviour", BEHAVIOURS, ids=lambda b: b.id)
def test_every_phrase_typed_alone_is_found_as_its_behaviour(matcher, behaviour):
    assert behaviour.phrases is not None
    for phrase in (*behaviour.phrases.zh, *behaviour.phrases.en):
        hits, _ = matcher.scan(normalise(phrase))
        whole = [h for h in hits if h.start == 0 and h.end == len(phrase)]
        assert whole and whole[0].behaviour == behaviour.id, (phrase, hits)
        assert not whole[0].negated, phrase


@pytest.mark.parametrize("behaviour", BEHAVIOURS, ids=lambda b: b.id)
def test_each_behaviour_fires_inside_a_sentence_in_both_languages(matcher, behaviour):
    assert behaviour.phrases is not None
    zh = f"您好，{behaviour.phrases.zh[0]}。"
    en = f"Well, {behaviour.phrases.en[0]}."
    for text in (zh, en):
        hits, _ = matcher.scan(normalise(text))
        assert behaviour.id in {h.counts_as for h in hits}, (text, hits)


@pytest.mark.parametrize("scenario", sorted(CONTENT.scenarios))
def test_every_need_phrase_is_found_in_its_scenario(rules, scenario):
    m = rules.matcher(scenario)
    for need in CONTENT.scenarios[scenario].needs:
        for phrase in (*need.phrases.zh, *need.phrases.en):
            _, needs = m.scan(normalise(phrase))
            assert need.id in {n.need for n in needs}, (scenario, need.id, phrase)


def test_phrases_are_written_in_their_folded_form():
    # 您 is the one exception: service phrases are written politely, and folding reads
    # them as 你, so they match either way a trainee types them.
    for b in BEHAVIOURS:
        assert b.phrases is not None
        for phrase in (*b.phrases.zh, *b.phrases.en):
            assert normalise(phrase).folded == phrase.replace("您", "你"), (b.id, phrase)


def test_polite_and_plain_you_are_read_alike(matcher):
    for polite, plain in [("我理解您的心情", "我理解你的心情"), ("请问您", "请问你"), ("您先别生气", "你先别生气")]:
        got = [{h.counts_as for h in matcher.scan(normalise(t))[0]} for t in (polite, plain)]
        assert got[0] == got[1] != set()


def test_every_negative_behaviour_has_a_clean_example(matcher, rules):
    for b in CONTENT.lexicon.behaviours:
        if b.polarity != "negative":
            continue
        assert b.better is not None and b.example is not None, b.id
        for text in (b.example.zh, b.example.en):
            hits, _ = matcher.scan(normalise(text))
            bad = [h for h in hits if h.counts_as and rules.rules[h.counts_as].polarity == "negative"]
            assert not bad, (b.id, text, bad)
