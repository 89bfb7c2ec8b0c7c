"""English replies the lexicon had not seen: an audit of the verdicts, and its fixes.

The lexicon grew from Chinese. This round probes English as contact-centre trainees and
support bots type it: contractions with and without the apostrophe, "going to" for "will",
British and US spelling, empathy and ownership in the words English speakers use. Every
``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that must keep
their reading. The last part is the held-out probe itself: replies written for this round,
each with the verdict domain.md gives it, written down before they were run.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply
from simulator.text.normalise import normalise

SC = "general-complaint"
PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


def first(rules, text, persona="analytical", scenario=SC):
    return step(start(rules, scenario, persona), text)


# ------------------------------------------------ 1. contractions typed without the apostrophe
# A trainee in a hurry types "ive booked", "ill check", "im sorry", "dont worry": the same
# words, so the same moves (§2, §3, §5). Folding (folding.yaml ``english``) restores the
# apostrophe on whole words only, so the lexicon's "i've", "i'll", "don't" read them.

@pytest.mark.parametrize(("text", "behaviours"), [
    ("ive logged it and ill call you back by 5pm today", {"concrete_action", "follow_up", "time_commitment"}),
    ("im so sorry, ive escalated this to my manager", {"apology", "concrete_action"}),
    ("dont worry, ill take care of it personally", {"reassure", "ownership"}),
    ("thats on us, sorry", {"ownership"}),
    ("i cant do anything about it", {"negative_language"}),
    ("youre right, thats on us", {"acknowledge_feelings", "ownership"}),
    ("ive checked your account and youre right", {"concrete_action", "acknowledge_feelings"}),
    ("Ill check that for u now", {"concrete_action"}),
    ("pls hold while i check your account", {"hold_politely", "concrete_action"}),
])
def test_contractions_without_apostrophes_verdict(rules, text, behaviours):
    present = counted(rules, text)
    assert behaviours <= present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    # "ill" the adjective, "its" the possessive, "id" and "wed" are left as typed.
    ("Our engineer was ill yesterday, so I've rebooked him.", "ownership"),
    ("Please send your ID and we'll take it from there.", "fact_question"),
])
def test_words_that_only_look_like_contractions_stay(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


def test_a_folded_contraction_quotes_what_was_typed():
    n = normalise("ive booked it")
    assert n.folded.startswith("i've booked")
    assert n.quote(0, len("i've booked")) == "ive booked"


# "should of" is how "should've" sounds: "you should of read the manual" lectures (§5).
@pytest.mark.parametrize("text", ["You should of kept the receipt.", "u should of checked first"])
def test_should_of_lectures_verdict(rules, text):
    assert "lecture" in counted(rules, text)


# ------------------------------------------------ 2. "going to" is the future "will"
# "I'm going to look into this now" commits like "I'll look into this now" (§5 show urgency,
# §2.3 I will see it through); "we're gonna fix this" like "we'll fix this" (§3 reassure).

@pytest.mark.parametrize(("text", "behaviour"), [
    ("I'm going to check your account right now.", "concrete_action"),
    ("I am going to take care of this personally.", "ownership"),
    ("im gonna look into it right now", "concrete_action"),
    ("We're going to fix this for you.", "reassure"),
    ("I'm going to sort this out for you.", "ownership"),
])
def test_going_to_is_will_verdict(rules, text, behaviour):
    assert behaviour in counted(rules, text)


def test_going_somewhere_is_no_promise_stays(rules):
    assert counted(rules, "I'm going to the warehouse later.").isdisjoint({"ownership", "concrete_action"})


# ------------------------------------------------ 3. acknowledging the feeling (§2.2 体谅情感)
# 换作是我也会着急 / 我能体会 in English: "I'd be furious too", "I appreciate this has been…",
# "I realise how…", "I can see how upsetting…", "totally understandable".

@pytest.mark.parametrize("text", [
    "Honestly, I'd be livid too.",
    "I would be annoyed as well if this happened to me.",
    "I appreciate this has been a long wait for you.",
    "I appreciate that this is really inconvenient.",
    "I realise how disruptive this has been.",
    "I realize this isn't what you wanted to hear.",
    "I can see how disappointing this is.",
    "I know how inconvenient this is.",
    "It's completely understandable that you're annoyed.",
    "Perfectly understandable.",
    "That must have been really worrying for you.",
])
def test_english_empathy_verdict(rules, text):
    assert "acknowledge_feelings" in counted(rules, text)


@pytest.mark.parametrize("text", [
    "I can see the payment on the 3rd.",
    "I know the engineer's name.",
])
def test_seeing_facts_is_no_empathy_stays(rules, text):
    assert "acknowledge_feelings" not in counted(rules, text)


# ------------------------------------------------ 4. owning it (§2.3 表示承担责任; §5 admit a mistake at once)

@pytest.mark.parametrize("text", [
    "We should have told you about the outage.",
    "We should've called you back on Monday.",
    "That should never have happened.",
    "This shouldn't have happened, and I'm sorry.",
    "We let you down here.",
    "I'll be looking after this for you from now on.",
    "I'll be your single point of contact.",
    "I will make this right.",
    "We messed up.",
])
def test_admitting_and_owning_verdict(rules, text):
    assert "ownership" in counted(rules, text)


@pytest.mark.parametrize("text", [
    "We should have the part in stock tomorrow.",
    "You should have told us earlier.",
])
def test_a_forecast_or_a_lecture_is_no_ownership_stays(rules, text):
    assert "ownership" not in counted(rules, text)


def test_admitting_it_is_not_an_empty_apology_verdict(rules):
    present = counted(rules, "We should've done better here, and I'm sorry.")
    assert "ownership" in present and "empty_apology" not in present


# ------------------------------------------------ 5. facts, reasons, actions (§3.1, §3, §5 urgency)

@pytest.mark.parametrize("text", [
    "What date did the money leave your account?",
    "Which day did the engineer come?",
    "How did you pay for it?",
    "Did you pay by direct debit?",
    "Can I ask which branch you visited?",
    "Around what time was the call?",
])
def test_english_fact_questions_verdict(rules, text):
    assert "fact_question" in counted(rules, text)


@pytest.mark.parametrize("text", [
    "The reason you were charged twice is a duplicated payment file.",
    "The reason why the line was cut is that the payment went to an old account.",
    "The cause of this was a duplicated payment file.",
])
def test_english_reasons_verdict(rules, text):
    assert "explain_reason" in counted(rules, text)


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Bear with me while I check your bill.", {"concrete_action", "hold_politely"}, set()),
    ("Give me a moment whilst I look at the notes.", {"concrete_action"}, set()),
    ("One moment while I check with my team leader.", {"concrete_action"}, {"unowned_handover"}),
    ("I've spoken to my manager and she has approved it.", {"concrete_action"}, {"unowned_handover"}),
    ("I've gone ahead and cancelled the duplicate order.", {"concrete_action"}, set()),
    ("I've found the fault and I've fixed it.", {"concrete_action"}, set()),
    ("I've reconnected your line.", {"concrete_action"}, set()),
])
def test_english_actions_verdict(rules, text, present, absent):
    got = counted(rules, text)
    assert present <= got and not (absent & got), sorted(got)


# ------------------------------------------------ 6. blame, reassurance, the §5 list

@pytest.mark.parametrize("text", [
    "Why didn't you back it up first?",
    "Why did you not call us sooner?",
    "It stopped working because you didn't install the update.",
    "You haven't updated the app, that's the problem.",
])
def test_english_blame_verdict(rules, text):
    assert "blame_customer" in counted(rules, text)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_reason_that_blames_does_not_calm_verdict(rules, persona):
    turn = first(rules, "It's because you didn't install the update.", persona)
    assert turn.anger_after >= turn.anger_before, turn.changes


@pytest.mark.parametrize("text", ["Please be assured we'll keep you posted.", "I can assure you this is being handled."])
def test_english_reassurance_verdict(rules, text):
    assert "reassure" in counted(rules, text)


# §5 怎么别人都没问题？ said as "it works fine for everyone else": the forbidden phrase, not the
# shorter "it works fine" (a denial) that starts at the same word.
@pytest.mark.parametrize("text", ["It works fine for everyone else.", "It's working fine for other customers."])
def test_everyone_else_is_fine_is_the_forbidden_phrase_verdict(rules, text):
    assert "forbidden_phrase" in counted(rules, text)


# ------------------------------------------------ 7. round two: phrase families a second held-out set missed
# A second set of fresh replies, run after round one, still found English the lexicon did not
# read. Each family below is the English of a move domain.md names.

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.2 换作是我也会着急 / 我能体会; intensifiers ("entirely", "totally") inside a phrase.
    ("I would be fed up too.", "acknowledge_feelings"),
    ("I can see why you'd feel let down.", "acknowledge_feelings"),
    ("I can totally see why you're cross.", "acknowledge_feelings"),
    ("That's entirely on me.", "ownership"),
    # §2.1 有什么可以帮您.
    ("Anything else I can help you with today?", "willing_to_serve"),
    # §3.1 the details a desk asks for.
    ("What's the postcode there?", "fact_question"),
    ("Can I take your details please?", "fact_question"),
    # §5 take notes, show urgency; §7 track it now.
    ("I've made a note of that on the file.", "concrete_action"),
    ("Your complaint has been logged.", "concrete_action"),
    ("I'll chase the courier for you.", "concrete_action"),
    # §3 promise an answer; §4 贯彻落实.
    ("I'll give you a ring when I hear back.", "follow_up"),
    ("I'll drop you an email once it's done.", "follow_up"),
    # §5 我不知道.
    ("I haven't got a clue what happened there.", "forbidden_phrase"),
    ("Not a clue, sorry.", "forbidden_phrase"),
    # §5 refusing outright; 我们的系统出故障了 as an excuse.
    ("Nope.", "refusal"),
    ("It's outside our control, unfortunately.", "excuse"),
    # §4 不得推诿.
    ("You'll have to ring the council about that.", "pass_the_buck"),
    ("You need to phone the insurer.", "pass_the_buck"),
    # §5 calm tone, let them vent; commanding tone.
    ("Don't talk to me like that.", "rush_calm_down"),
    ("There's no need to be rude.", "rush_calm_down"),
    ("Tell me your account number.", "rush_calm_down"),
    # §5 mocking: 生气也没用.
    ("Shouting at me isn't going to help.", "rudeness_sarcasm"),
    ("Getting angry won't help, sir.", "rudeness_sarcasm"),
    # §2.3 tell them your name: the call-centre greeting.
    ("You're through to Amir in billing.", "introduce_self"),
    ("Hi, you're speaking with Hannah.", "introduce_self"),
])
def test_round_two_families_verdict(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("Could you tell me your postcode?", "rush_calm_down"),   # a request, not an order
    ("You're through to the billing team.", "introduce_self"),  # no name
    ("Please tell me if the clue is on the receipt.", "forbidden_phrase"),
])
def test_round_two_look_alikes_stay(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


# ------------------------------------------------ 8. round three: English times (§3 promise by an agreed time)
# The concrete-time signal read "周三" and "下周" in Chinese but not "Wednesday" or "next week"
# without a "by"/"on" before them, nor "in 20 mins", "before 5" or "by close of business".

@pytest.mark.parametrize("text", [
    "I'll call you Wednesday to confirm.",
    "I'll ring u back in 20 mins.",
    "I'll email you the report before 5.",
    "I'll have it fixed by close of business.",
    "I'll get back to you next week with the result.",
    "I'll chase it and update you by EOD.",
])
def test_english_times_make_a_commitment_verdict(rules, text):
    present = counted(rules, text)
    assert "time_commitment" in present, sorted(present)


@pytest.mark.parametrize("text", [
    "Did you call us on Wednesday?",          # a date asked about (§3.1)
    "The price went up by 5 percent.",        # a number, no time
    "I'll look into it.",
])
def test_no_time_no_commitment_stays(rules, text):
    assert "time_commitment" not in counted(rules, text)


# ------------------------------------------------ 9. round three: phrase families a third held-out set missed

@pytest.mark.parametrize(("text", "behaviour"), [
    ("We've messed this up, I'm sorry.", "ownership"),                   # §5 admit a mistake at once
    ("Who did you deal with last time?", "fact_question"),               # §3.1
    ("When exactly did the bill arrive?", "fact_question"),
    ("That isn't something we can change.", "negative_language"),        # §5 我不能
    ("We don't do that here.", "negative_language"),
    ("You obviously didn't read the terms.", "blame_customer"),          # §5 implying fault
    ("Well, that's your problem.", "blame_customer"),
    ("You're the first customer to ever complain about this.", "doubt_customer"),  # §5 怎么别人都没问题
    ("Sorry, we're shut.", "forbidden_phrase"),                          # §5 我们下班了
    ("It'll get done when it gets done.", "vague"),                      # §5 打太极
    ("If you'd backed up like we advised, this wouldn't have happened.", "lecture"),  # §1 "you should have…"
    ("Thanks for bearing with me.", "hold_politely"),                    # §3 thank them after a hold
    ("It was my colleague who got it wrong, not me.", "deny_responsibility"),  # §5 blaming colleagues
    ("The courier is to blame here.", "deny_responsibility"),
])
def test_round_three_families_verdict(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


# ------------------------------------------------ 10. a hedged promise is no commitment
# §3 "promise an answer by an agreed time, and never miss it"; §5 vague, evasive language;
# §1 the analytical type: vague answers, over-promising. A time excuses "as soon as possible"
# (尽快，今天下午三点前给您回电 commits), but not a hedge on the promise itself: "I'll try to
# call you tomorrow", "I might be able to get someone out on Thursday", "hopefully by Friday"
# (也许明天能给您回电) leave the customer nothing to hold the company to. A hedge stays vague
# beside a time, and voids the commitment in its clause (vague ``hedges``).

HEDGED = [
    "I'll try to call you back tomorrow.",
    "I may be able to send an engineer on Friday.",
    "Hopefully I'll have an update for you by 5pm.",
    "I'll do my best to get it fixed by tomorrow morning.",
    "We're going to try and get someone out to you this afternoon.",
    "也许明天能给您回电。",
    "我们说不定下周一就能派工程师上门。",
]


@pytest.mark.parametrize("text", HEDGED)
def test_a_hedged_promise_is_vague_not_a_commitment_verdict(rules, text):
    present = counted(rules, text)
    assert "vague" in present and "time_commitment" not in present, sorted(present)


@pytest.mark.parametrize("text", [
    "I'll call you back by 3pm today.",
    "We'll fix it as soon as possible, and I'll call you back by 3pm today.",
    "我们会尽快处理，今天下午三点前给您回电。",
    "尽快在今天下午三点前给您回电。",
])
def test_a_firm_promise_stays(rules, text):
    present = counted(rules, text)
    assert "time_commitment" in present and "vague" not in present, sorted(present)


def test_a_hedge_in_another_clause_leaves_the_commitment_verdict(rules):
    # The promise is firm; the hedge about something else is still vague (§5).
    present = counted(rules, "I'll call you back by 3pm today. Hopefully it's a quick fix.")
    assert {"time_commitment", "vague"} <= present, sorted(present)
