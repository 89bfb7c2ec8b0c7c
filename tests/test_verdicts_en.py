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


# ------------------------------------------------ 11. the held-out probe
# The replies of this audit, each with the verdict domain.md gives it, written down before
# the set was run: behaviours it must show, must not show, and for the analytical customer on
# the general complaint whether anger must fall ("down") or rise ("up"). The first set was
# written before any fix (32 of 115 misread); the second after round one (18 of 35 misread);
# the third after round two (19 of 35 misread); the fourth after round three (11 of 35
# misread); the fifth after round four (18 of 25 misread): phrase lists do not carry over to new English
# wording on their own, so each round's misses were fixed as families, not sentences.
# MISREAD holds the replies that were misread when their set was first run: each is a
# ``*_verdict`` test that failed before its fix; the others are ``*_stays`` guards.
# One expectation was corrected, not the engine: "Nope." was expected to be too_short, which the
# limits define as three characters or fewer; it is read as the refusal it is (§5).

PROBE = [
    # --- first set (written before any fix)
    ("Hi, I'm really sorry you've had to chase this. My name is Priya and I'll be looking after your case from here.", {'apology', 'introduce_self', 'ownership'}, {'empty_apology'}, 'down'),
    ("I completely understand why you're frustrated, anyone would be.", {'acknowledge_feelings'}, set(), 'down'),
    ("That sounds really frustrating, I'm sorry.", {'acknowledge_feelings', 'apology'}, set(), None),
    ("I'll call you back by 3pm today with an update.", {'follow_up', 'time_commitment'}, {'vague'}, 'down'),
    ("I'll ring you back before 5 o'clock this afternoon.", {'follow_up', 'time_commitment'}, set(), 'down'),
    ('Could you tell me when you first noticed the problem?', {'fact_question'}, set(), 'down'),
    ('When did you first notice this?', {'fact_question'}, set(), 'down'),
    ('Whats ur order number', {'fact_question'}, {'rush_calm_down'}, None),
    ('Which date was the payment made on?', {'fact_question'}, set(), 'down'),
    ('Can I just check - did you pay by card or by bank transfer?', {'fact_question'}, {'doubt_customer'}, 'down'),
    ('So just to confirm, you were charged twice on the 3rd, is that right?', {'check_understanding'}, {'doubt_customer'}, 'down'),
    ('The reason this happened is that the payment was applied to an old account.', {'explain_reason'}, set(), 'down'),
    ("This happened because our engineer skipped the backup step. That was our mistake and I'm sorry.", {'apology', 'explain_reason', 'ownership'}, {'blame_customer', 'empty_apology'}, 'down'),
    ("I've escalated this to our billing team and I'll personally call you back by 4pm tomorrow.", {'concrete_action', 'follow_up', 'ownership', 'time_commitment'}, {'unowned_handover'}, 'down'),
    ('You have two options: we can send an engineer tomorrow morning, or I can book you in for Friday. Which would you prefer?', {'offer_options'}, set(), 'down'),
    ("I'm going to look into this right now for you.", {'concrete_action'}, {'vague'}, 'down'),
    ("I'm going to sort this out for you today.", {'ownership'}, set(), 'down'),
    ("Leave it with me, I'll sort it out.", {'ownership'}, set(), 'down'),
    ('Thanks for your patience while I checked that.', {'thank_complaint'}, set(), 'down'),
    ('Thank you for bringing this to our attention.', {'thank_complaint'}, set(), 'down'),
    ('Please hold for a moment while I check your account.', {'concrete_action', 'hold_politely'}, set(), 'down'),
    ('Sorry to keep you waiting, thanks for holding.', {'hold_politely'}, set(), None),
    ("To make sure this doesn't happen again, I've flagged it with our team lead for retraining.", {'prevention'}, set(), 'down'),
    ("Don't worry, we'll get this sorted for you.", {'reassure'}, set(), 'down'),
    ('Let me see what I can do for you.', {'can_do'}, set(), 'down'),
    ("I'm Tom from the support team and I'll be your point of contact until this is resolved.", {'introduce_self', 'ownership'}, set(), 'down'),
    ('This is Sarah speaking, how can I help?', {'introduce_self', 'willing_to_serve'}, set(), 'down'),
    ("I understand, and I apologise for the inconvenience. I'll get an engineer out to you tomorrow before noon.", {'acknowledge_feelings', 'apology', 'concrete_action', 'time_commitment'}, {'empty_apology'}, 'down'),
    ('i am so sorry for the trouble ive booked an engineer for tomorrow 9am', {'apology', 'concrete_action', 'time_commitment'}, {'empty_apology'}, 'down'),
    ('Let me transfer you to the right department.', {'handover', 'unowned_handover'}, set(), 'up'),
    ("I'll pass this on to our technical team.", {'handover', 'unowned_handover'}, set(), None),
    ("You'll need to contact the manufacturer about that.", {'pass_the_buck'}, set(), 'up'),
    ("That's not my department, you'll have to call billing.", {'pass_the_buck'}, set(), 'up'),
    ("That's not really my job.", {'not_my_job'}, set(), 'up'),
    ("It's not my problem.", {'not_my_job'}, set(), 'up'),
    ("I can't do anything about that.", {'negative_language'}, set(), 'up'),
    ("There's nothing I can do.", {'negative_language'}, set(), 'up'),
    ("Unfortunately that's just not possible.", {'refusal'}, set(), 'up'),
    ("No, we won't be doing that.", {'refusal'}, set(), 'up'),
    ("We don't offer that service.", {'negative_language'}, set(), 'up'),
    ('You should have read the terms before signing.', {'lecture'}, set(), 'up'),
    ('You should of checked the box before submitting.', {'lecture'}, set(), 'up'),
    ("If you'd read the email we sent you'd know this.", {'lecture'}, set(), 'up'),
    ('You must have entered the wrong card number.', {'blame_customer'}, set(), 'up'),
    ("It's because you didn't update the app.", {'blame_customer'}, set(), 'up'),
    ('Calm down, sir.', {'rush_calm_down'}, set(), 'up'),
    ("There's no need to shout.", {'rush_calm_down'}, set(), 'up'),
    ('Are you sure you paid it?', {'doubt_customer'}, set(), 'up'),
    ('Are you SURE you actually sent it?', {'doubt_customer'}, set(), 'up'),
    ("I don't know.", {'forbidden_phrase'}, set(), 'up'),
    ('No idea, sorry.', {'forbidden_phrase'}, set(), 'up'),
    ("We're closed now, call back tomorrow.", {'forbidden_phrase'}, {'time_commitment'}, 'up'),
    ('What is it now?', {'forbidden_phrase'}, set(), 'up'),
    ('It works fine for everyone else.', {'forbidden_phrase'}, set(), 'up'),
    ("Our system was down, that's why.", {'excuse'}, set(), 'up'),
    ("We've always done it this way.", {'hide_behind_policy'}, set(), 'up'),
    ("That's company policy, I'm afraid.", {'hide_behind_policy'}, set(), 'up'),
    ("We'll get back to you as soon as possible.", {'follow_up', 'vague'}, {'time_commitment'}, None),
    ('Someone will be in touch soon.', {'handover', 'unowned_handover', 'vague'}, {'follow_up'}, 'up'),
    ("We'll try to get it done sometime next week.", {'vague'}, {'time_commitment'}, None),
    ('It should be fixed soon hopefully.', {'vague'}, set(), 'up'),
    ("If I can, I'll try and call you tomorrow.", {'vague'}, {'time_commitment'}, None),
    ('I might be able to get someone out on Thursday.', {'vague'}, {'time_commitment'}, None),
    ('I promise it will never happen again.', {'over_promise'}, set(), None),
    ("I guarantee it'll be fixed in no time.", {'over_promise'}, set(), None),
    ('Oh great, another complaint. What now?', {'forbidden_phrase'}, set(), 'up'),
    ('Sure, whatever you say.', {'rudeness_sarcasm'}, set(), 'up'),
    ('I totally get how annoying this is, but rules are rules.', {'acknowledge_feelings', 'but_reversal', 'hide_behind_policy'}, set(), 'up'),
    ('I understand your frustration, however there is nothing we can do.', {'acknowledge_feelings', 'but_reversal', 'refusal'}, set(), 'up'),
    ("I'm sorry but you'll have to wait like everyone else.", {'apology', 'rush_calm_down'}, set(), 'up'),
    ('Sorry for the inconvenience.', {'apology', 'empty_apology'}, set(), None),
    ('I apologise. Let me pull up your account now.', {'apology', 'concrete_action'}, {'empty_apology'}, 'down'),
    ('Could you send me a screenshot of the error?', {'fact_question'}, {'rush_calm_down'}, 'down'),
    ('Give me your account number.', {'rush_calm_down'}, set(), 'up'),
    ('Kindly share your account number so I can check.', {'fact_question'}, {'rush_calm_down'}, 'down'),
    ("I'm not sure, maybe try restarting it?", {'vague'}, set(), None),
    ('Have you tried turning it off and on again?', set(), {'blame_customer', 'lecture'}, None),
    ("That's not what happened, our records show you cancelled.", {'argue'}, set(), 'up'),
    ("I hear what you're saying, and you're right, we should have called you back.", {'acknowledge_feelings', 'ownership'}, {'lecture'}, 'down'),
    ("We should've done better here, and I'm sorry.", {'apology', 'ownership'}, {'empty_apology', 'lecture'}, 'down'),
    ("That's on us, I'm sorry.", {'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ("I'll look into it and get back to you.", {'concrete_action', 'follow_up'}, set(), 'down'),
    ('Can you hold on a sec while I check with my supervisor?', {'concrete_action', 'hold_politely'}, {'unowned_handover'}, 'down'),
    ('Not my call, mate.', {'not_my_job'}, set(), 'up'),
    ('Pls be patient, we r working on it', {'vague'}, set(), 'up'),
    ("I've gone ahead and booked an engineer for tomorrow between 8 and 12.", {'concrete_action', 'time_commitment'}, set(), 'down'),
    ("I'm really sorry, that's totally unacceptable and I'd be furious too.", {'acknowledge_feelings', 'apology'}, set(), 'down'),
    ('I can see how upsetting this must be.', {'acknowledge_feelings'}, set(), 'down'),
    ('I know how annoying this must be.', {'acknowledge_feelings'}, set(), 'down'),
    ("Totally understandable that you're upset.", {'acknowledge_feelings'}, set(), 'down'),
    ('I appreciate this has been really frustrating for you.', {'acknowledge_feelings'}, set(), 'down'),
    ('I realise this has been a nightmare for you.', {'acknowledge_feelings'}, set(), 'down'),
    ("I'm sorry you feel that way.", {'deny_responsibility'}, {'apology'}, 'up'),
    ("Please be assured I'll keep you updated every step of the way.", {'follow_up', 'reassure'}, set(), 'down'),
    ("WHY DIDN'T YOU READ THE INSTRUCTIONS", {'blame_customer', 'shouting'}, set(), 'up'),
    ("I'm going to need you to calm down.", {'rush_calm_down'}, set(), 'up'),
    ('As I said before, the engineer will come on Tuesday.', {'argue'}, set(), 'up'),
    ('Hiya, sorry bout that! ill get it fixed asap', {'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ('im sorry, ill check that for you now', {'apology', 'concrete_action'}, {'empty_apology'}, 'down'),
    ('dont worry, ill sort it', {'ownership', 'reassure'}, set(), 'down'),
    ("I'll get this fixed for you by end of day today.", {'ownership', 'time_commitment'}, {'vague'}, 'down'),
    ("Honestly, it's not rocket science, just restart it.", {'lecture'}, set(), 'up'),
    ("It's not a big deal, these things happen.", {'excuse', 'rudeness_sarcasm'}, set(), 'up'),
    ("Thank you for waiting. I've found the issue and I've moved the payment across; your line will be back on within the hour.", {'concrete_action', 'hold_politely', 'time_commitment'}, set(), 'down'),
    ("I'm afraid we don't have any engineers available this week.", {'refusal'}, set(), 'up'),
    ("I'll have to check with someone and get back to you.", {'follow_up'}, set(), None),
    ("It's not our fault the courier lost it.", {'deny_responsibility'}, {'ownership'}, 'up'),
    ("We're not responsible for third-party delays.", {'deny_responsibility'}, set(), 'up'),
    ('Im not able to help with that.', {'negative_language'}, set(), 'up'),
    ("I won't be able to help with that, I'm afraid.", {'negative_language'}, set(), 'up'),
    ("We'll see what we can do.", {'vague'}, set(), None),
    ('Good question! Let me find out for you right away.', {'concrete_action'}, set(), 'down'),
    ("I'll find out and call you back within 2 hours.", {'follow_up', 'time_commitment'}, set(), 'down'),
    ("I'm glad you called, I'll make this right.", {'ownership'}, set(), 'down'),
    ("I'll make sure an engineer calls you before 11am tomorrow.", {'ownership', 'time_commitment'}, {'unowned_handover'}, 'down'),
    # --- second set (written after round one)
    ("Good afternoon, you're through to Jake. I'm sorry to hear the engineer didn't show up.", {'apology', 'introduce_self'}, set(), None),
    ("I completely get why you'd be fed up. Let me get this booked in for you now.", {'acknowledge_feelings', 'concrete_action'}, set(), 'down'),
    ('Ok so basically the payment bounced because the card had expired.', {'explain_reason'}, {'blame_customer'}, None),
    ('you need to ring the bank about that not us', {'pass_the_buck'}, set(), 'up'),
    ("Sorry mate, nothing I can do, the system won't let me.", {'apology', 'hide_behind_policy', 'negative_language'}, set(), 'up'),
    ("Honestly I haven't got a clue.", {'forbidden_phrase'}, set(), 'up'),
    ("I've no idea why it did that.", {'forbidden_phrase'}, set(), 'up'),
    ("We're gonna get this sorted today, I promise.", {'reassure'}, set(), 'down'),
    ("Right, I've put a note on your account and I'll ring you tomorrow at 10 to confirm.", {'concrete_action', 'follow_up', 'time_commitment'}, set(), 'down'),
    ('Could you pop the reference number in the chat for me?', {'fact_question'}, {'rush_calm_down'}, 'down'),
    ('Tell me your postcode.', {'rush_calm_down'}, set(), 'up'),
    ('What postcode is the property?', {'fact_question'}, set(), 'down'),
    ("Apologies for the mix-up, that's entirely on us.", {'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ("Thanks for your patience, I know it's been a long wait.", {'thank_complaint'}, set(), 'down'),
    ("I'm afraid that's just how it works.", {'hide_behind_policy'}, set(), 'up'),
    ("Look, I've already explained this twice.", {'argue'}, set(), 'up'),
    ("You'll just have to wait like everyone else.", {'rush_calm_down'}, set(), 'up'),
    ('Is there anything else I can help with today?', {'willing_to_serve'}, set(), None),
    ("If it's still not working by Friday, give me a call on my direct line and I'll sort it.", {'follow_up', 'ownership'}, set(), 'down'),
    ("I'd be gutted too, honestly.", {'acknowledge_feelings'}, set(), 'down'),
    ("I can totally see why you're annoyed.", {'acknowledge_feelings'}, set(), 'down'),
    ("We dropped the ball here and I'm sorry.", {'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ('Did you try switching it off and on?', set(), {'blame_customer'}, None),
    ("Unfortunately that's outside of our control.", {'excuse'}, set(), 'up'),
    ("We'll aim to have it back to you by the end of next week.", set(), set(), None),
    ("I'll personally chase the warehouse and email you before 5.", {'follow_up', 'ownership', 'time_commitment'}, set(), 'down'),
    ('ur account shows 2 payments, ill look into why', {'concrete_action'}, set(), 'down'),
    ('Nope.', {'refusal'}, set(), 'up'),
    ('we r looking into it', set(), set(), None),
    ("Please don't take that tone with me.", {'rush_calm_down'}, set(), 'up'),
    ("I understand you're upset but shouting at me won't help.", {'acknowledge_feelings', 'but_reversal'}, set(), 'up'),
    ("That's a really fair point and I'm sorry we missed it.", {'acknowledge_feelings', 'apology'}, set(), 'down'),
    ('Your case has been logged, reference 48213.', {'concrete_action'}, set(), None),
    ("I'll have an engineer with you by 2pm.", {'concrete_action', 'time_commitment'}, set(), 'down'),
    ("Let me just grab your details and I'll get this moving.", set(), set(), 'down'),
    # --- third set (written after round two)
    ("Hello, I'm Dan, thanks for getting in touch. I'm sorry the refund hasn't appeared yet.", {'apology', 'introduce_self', 'thank_complaint'}, set(), None),
    ('I can appreciate how annoying that is.', {'acknowledge_feelings'}, set(), 'down'),
    ("It's our error and I'll put it right today.", {'ownership'}, set(), 'down'),
    ("We've messed this up and I apologise.", {'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ('What was the name of the person you spoke to?', {'fact_question'}, set(), 'down'),
    ("When exactly did the engineer say he'd come?", {'fact_question'}, set(), 'down'),
    ("I'll be honest, that shouldn't have happened.", {'ownership'}, set(), 'down'),
    ('Just bear with me two minutes while I pull up your file.', {'concrete_action', 'hold_politely'}, set(), 'down'),
    ("I've rung the depot and a driver is on the way now.", {'concrete_action'}, set(), 'down'),
    ("i'll ring u back in 20 mins", {'follow_up', 'time_commitment'}, set(), 'down'),
    ("That's not something I can help with.", {'negative_language'}, set(), 'up'),
    ("We don't do that, sorry.", {'negative_language'}, set(), 'up'),
    ('Read the email we sent you.', {'lecture'}, set(), 'up'),
    ("You clearly didn't read the terms.", {'blame_customer'}, set(), 'up'),
    ("Yeah well that's your problem not mine.", {'blame_customer'}, set(), 'up'),
    ("Don't get shirty with me.", {'rush_calm_down'}, set(), 'up'),
    ("Are you sure you didn't cancel it yourself?", {'doubt_customer'}, set(), 'up'),
    ("You're the first person to ever complain about this.", {'doubt_customer'}, set(), 'up'),
    ('Nobody else has had this issue.', {'forbidden_phrase'}, set(), 'up'),
    ("Sorry, we're shut.", {'forbidden_phrase'}, set(), 'up'),
    ("That's just the way it is I'm afraid.", {'hide_behind_policy'}, set(), 'up'),
    ("It'll get done when it gets done.", {'vague'}, set(), 'up'),
    ("We're looking into it and will update you in due course.", {'vague'}, {'time_commitment'}, None),
    ('I hope to be able to call you by Friday.', set(), {'time_commitment'}, None),
    ("I'll do my best to get someone there by 5pm.", {'vague'}, {'time_commitment'}, None),
    ('I totally understand, let me see what options we have.', {'acknowledge_feelings'}, set(), 'down'),
    ('Would you prefer a call back or an email?', {'offer_options'}, set(), 'down'),
    ("To recap: I've logged it, the engineer comes Thursday 9-12, and I'll call you Wednesday to confirm.", {'concrete_action', 'follow_up', 'summarise', 'time_commitment'}, set(), 'down'),
    ("If you had backed up like we advised, this wouldn't have happened.", {'lecture'}, set(), 'up'),
    ('Cheers for bearing with me.', {'hold_politely'}, set(), None),
    ('My colleague messed it up, not me.', {'deny_responsibility'}, set(), 'up'),
    ("The courier's to blame here, not us.", {'deny_responsibility'}, set(), 'up'),
    ('Sorry for any inconvenience caused.', {'apology', 'empty_apology'}, set(), None),
    ("I'm so sorry. I've arranged a replacement to be delivered tomorrow before 1pm.", {'apology', 'concrete_action', 'time_commitment'}, {'empty_apology'}, 'down'),
    ('Ugh, what is it this time?', {'forbidden_phrase'}, set(), 'up'),
    # --- fourth set (written after round three)
    ("Hi Maria, thanks for reaching out. I'm really sorry your order arrived damaged. I've issued a replacement which will ship today.", {'apology', 'concrete_action', 'thank_complaint', 'time_commitment'}, {'empty_apology'}, 'down'),
    ('We apologize for any inconvenience this may have caused.', {'apology', 'empty_apology'}, set(), None),
    ('Your feedback is important to us and has been shared with the relevant team.', set(), {'time_commitment'}, None),
    ('I understand this has been frustrating. Could you please share the order number so I can look into it?', {'acknowledge_feelings', 'fact_question'}, set(), 'down'),
    ('Unfortunately, we are unable to process your request at this time.', {'negative_language'}, set(), 'up'),
    ('As per our policy, items must be returned within 30 days.', {'hide_behind_policy'}, set(), 'up'),
    ("I've gone ahead and applied a credit to your account.", {'concrete_action'}, set(), 'down'),
    ('Please allow 5-7 business days for the update to take effect.', set(), set(), None),
    ('Our team is currently experiencing high volumes.', {'excuse'}, set(), 'up'),
    ("Rest assured, I'm on it.", {'reassure'}, set(), 'down'),
    ("I'm on it right now and will text you by 6pm.", {'concrete_action', 'follow_up', 'time_commitment'}, set(), 'down'),
    ("You're absolutely right, and I'm sorry we let you down.", {'acknowledge_feelings', 'apology', 'ownership'}, {'empty_apology'}, 'down'),
    ("It's not that big a deal, it's just a scratch.", {'rudeness_sarcasm'}, set(), 'up'),
    ('Have you actually tried reading the FAQ?', {'lecture'}, set(), 'up'),
    ('What exactly do you want me to do about it?', {'rudeness_sarcasm'}, set(), 'up'),
    ("I'm not the person you need to speak to.", {'pass_the_buck'}, set(), 'up'),
    ('Let me connect you with someone who can help.', {'handover', 'unowned_handover'}, set(), None),
    ("I'll transfer you to my supervisor and stay on the line until she picks up.", {'handover'}, set(), None),
    ('I get it, being without internet for three days is awful.', {'acknowledge_feelings'}, set(), 'down'),
    ("Just so I'm clear, the technician never showed on Tuesday?", {'check_understanding'}, set(), 'down'),
    ('Could you walk me through what happened when you tried to log in?', {'fact_question'}, set(), 'down'),
    ('I can offer you two options: a full repair or a replacement. Which works better for you?', {'can_do', 'offer_options'}, set(), 'down'),
    ("The fault was on our side - a billing error - and it's been corrected.", {'ownership'}, set(), 'down'),
    ('Calm down and let me speak.', {'argue', 'rush_calm_down'}, set(), 'up'),
    ("I'm doing everything I can.", set(), set(), None),
    ("I don't have that information.", set(), set(), 'up'),
    ("That's above my pay grade, sorry.", {'not_my_job'}, set(), 'up'),
    ("I'll escalate this to our specialist team and personally update you tomorrow by noon.", {'concrete_action', 'follow_up', 'ownership', 'time_commitment'}, {'unowned_handover'}, 'down'),
    ('hi there sorry for the wait!! let me check that for you', {'concrete_action', 'hold_politely'}, set(), 'down'),
    ('No offense but this is kind of your fault.', {'blame_customer'}, set(), 'up'),
    ('Thanks so much for your patience, I really appreciate it.', {'thank_complaint'}, set(), None),
    ('Let me loop in our billing team and get back to you within 24 hours.', {'follow_up', 'time_commitment'}, {'unowned_handover'}, 'down'),
    ("It might take a few weeks, I can't say for sure.", {'vague'}, set(), 'up'),
    ("I assure you it won't happen again.", set(), set(), None),
    ("We'll credit your account.", set(), set(), None),
    # --- fifth set (written after round four)
    ("Morning! So sorry to hear about the leak. I'll get a plumber booked for first thing tomorrow and call you once it's confirmed.", {'apology', 'concrete_action', 'follow_up', 'time_commitment'}, {'empty_apology'}, 'down'),
    ("Ah, I see what's happened here - the direct debit was set up on the wrong date.", {'explain_reason'}, set(), 'down'),
    ("That's really not on, and I'm sorry.", {'acknowledge_feelings', 'apology'}, set(), 'down'),
    ("Leave it with me and I'll call you back before lunch.", {'follow_up', 'ownership'}, set(), 'down'),
    ('Could you confirm the email address on the account?', {'fact_question'}, set(), 'down'),
    ("I'm sorry but I've been told not to give refunds over the phone.", {'apology'}, set(), 'up'),
    ("Well you should've said something sooner.", {'lecture'}, set(), 'up'),
    ("I can't promise anything.", {'vague'}, set(), 'up'),
    ("Look mate, I don't make the rules.", {'hide_behind_policy'}, set(), 'up'),
    ("You're not listening to me.", {'argue'}, set(), 'up'),
    ('I hear your frustration and I want to fix this for you.', {'acknowledge_feelings'}, set(), 'down'),
    ('Let me have a quick look at your account.', {'concrete_action'}, set(), 'down'),
    ("I'll need to speak to my team lead about that.", set(), {'unowned_handover'}, None),
    ("Sadly there's nothing more I can do for you today.", {'negative_language'}, set(), 'up'),
    ("Honestly, I'd have been just as upset.", {'acknowledge_feelings'}, set(), 'down'),
    ('Would it help if I sent an engineer out on Saturday morning?', {'offer_options'}, set(), 'down'),
    ('Thank you for being so patient with us.', {'thank_complaint'}, set(), 'down'),
    ('Is it the same problem as last time or something new?', {'fact_question'}, set(), 'down'),
    ("We can't be held responsible for that.", {'deny_responsibility'}, set(), 'up'),
    ("You'll have to wait until Monday like everyone else.", {'rush_calm_down'}, set(), 'up'),
    ("I really do apologise, that's not the service we aim for.", {'apology'}, set(), 'down'),
    ("Sorry, I've got another call, can you ring back later?", set(), set(), 'up'),
    ('What seems to be the problem?', {'fact_question'}, set(), None),
    ("I know, I know. It's annoying.", {'acknowledge_feelings'}, set(), None),
    ("I'll raise it as a priority and you'll have an answer by Thursday.", {'concrete_action', 'time_commitment'}, set(), 'down'),
]

# Misread when first run (see above).
MISREAD = {
    "Ah, I see what's happened here - the direct debit was set up on the wrong date.",
    "Honestly, I'd have been just as upset.",
    "I can't promise anything.",
    'I hear your frustration and I want to fix this for you.',
    "I know, I know. It's annoying.",
    "I really do apologise, that's not the service we aim for.",
    "I'll raise it as a priority and you'll have an answer by Thursday.",
    'Is it the same problem as last time or something new?',
    'Let me have a quick look at your account.',
    "Look mate, I don't make the rules.",
    "Morning! So sorry to hear about the leak. I'll get a plumber booked for first thing tomorrow and call you once it's confirmed.",
    "Sadly there's nothing more I can do for you today.",
    "Sorry, I've got another call, can you ring back later?",
    'Thank you for being so patient with us.',
    "That's really not on, and I'm sorry.",
    "We can't be held responsible for that.",
    'What seems to be the problem?',
    'Would it help if I sent an engineer out on Saturday morning?',
    'Have you actually tried reading the FAQ?',
    "Hi Maria, thanks for reaching out. I'm really sorry your order arrived damaged. I've issued a replacement which will ship today.",
    "I'll escalate this to our specialist team and personally update you tomorrow by noon.",
    "I'm not the person you need to speak to.",
    "I'm on it right now and will text you by 6pm.",
    "It might take a few weeks, I can't say for sure.",
    "Just so I'm clear, the technician never showed on Tuesday?",
    'Our team is currently experiencing high volumes.',
    'Thanks so much for your patience, I really appreciate it.',
    "The fault was on our side - a billing error - and it's been corrected.",
    'What exactly do you want me to do about it?',
    "Apologies for the mix-up, that's entirely on us.",
    'Can I just check - did you pay by card or by bank transfer?',
    'Can you hold on a sec while I check with my supervisor?',
    'Cheers for bearing with me.',
    "Don't get shirty with me.",
    "Good afternoon, you're through to Jake. I'm sorry to hear the engineer didn't show up.",
    "Hi, I'm really sorry you've had to chase this. My name is Priya and I'll be looking after your case from here.",
    'Hiya, sorry bout that! ill get it fixed asap',
    "Honestly I haven't got a clue.",
    'I appreciate this has been really frustrating for you.',
    "I can totally see why you're annoyed.",
    "I completely get why you'd be fed up. Let me get this booked in for you now.",
    "I hear what you're saying, and you're right, we should have called you back.",
    'I might be able to get someone out on Thursday.',
    'I realise this has been a nightmare for you.',
    "I understand you're upset but shouting at me won't help.",
    "I'd be gutted too, honestly.",
    "I'll do my best to get someone there by 5pm.",
    "I'll personally chase the warehouse and email you before 5.",
    "I'm Tom from the support team and I'll be your point of contact until this is resolved.",
    "I'm afraid we don't have any engineers available this week.",
    "I'm glad you called, I'll make this right.",
    "I'm going to look into this right now for you.",
    "I'm going to sort this out for you today.",
    "I'm really sorry, that's totally unacceptable and I'd be furious too.",
    "I've gone ahead and booked an engineer for tomorrow between 8 and 12.",
    "If I can, I'll try and call you tomorrow.",
    "If you had backed up like we advised, this wouldn't have happened.",
    'Im not able to help with that.',
    'Is there anything else I can help with today?',
    'It works fine for everyone else.',
    "It'll get done when it gets done.",
    "It's because you didn't update the app.",
    "Let me just grab your details and I'll get this moving.",
    'My colleague messed it up, not me.',
    'Nope.',
    "Our system was down, that's why.",
    "Please be assured I'll keep you updated every step of the way.",
    "Please don't take that tone with me.",
    'Please hold for a moment while I check your account.',
    'Read the email we sent you.',
    "Right, I've put a note on your account and I'll ring you tomorrow at 10 to confirm.",
    "Sorry, we're shut.",
    'Tell me your postcode.',
    "Thank you for waiting. I've found the issue and I've moved the payment across; your line will be back on within the hour.",
    "That's not something I can help with.",
    "The courier's to blame here, not us.",
    'The reason this happened is that the payment was applied to an old account.',
    "To recap: I've logged it, the engineer comes Thursday 9-12, and I'll call you Wednesday to confirm.",
    "Totally understandable that you're upset.",
    "Unfortunately that's outside of our control.",
    "WHY DIDN'T YOU READ THE INSTRUCTIONS",
    "We don't do that, sorry.",
    "We should've done better here, and I'm sorry.",
    "We've messed this up and I apologise.",
    'What postcode is the property?',
    'What was the name of the person you spoke to?',
    "When exactly did the engineer say he'd come?",
    'Which date was the payment made on?',
    "Yeah well that's your problem not mine.",
    "You clearly didn't read the terms.",
    'You should of checked the box before submitting.',
    "You're the first person to ever complain about this.",
    'Your case has been logged, reference 48213.',
    'dont worry, ill sort it',
    'i am so sorry for the trouble ive booked an engineer for tomorrow 9am',
    "i'll ring u back in 20 mins",
    'im sorry, ill check that for you now',
    'you need to ring the bank about that not us',
}

# Left unfixed, with the reason (strict xfail: a fix must remove the entry).
LEFT = {
    # An excuse given as the reason (§5 系统出故障了) still earns explain_reason, which the
    # analytical type weighs more than the excuse costs. rules/engine.yaml keeps excuses out of
    # the jabs on purpose ("about the case, not the customer"); changing that is a weighting
    # decision for the whole engine, not an English-lexicon fix.
    "Our system was down, that's why.",
    # Bad news phrased as what is missing ("we don't have any … available") is no listed
    # refusal; a phrase for it would also read "we don't have any record of…" (a fact).
    "I'm afraid we don't have any engineers available this week.",
    # An imperative lecture ("Read the email…") looks like "I've read the email you sent";
    # only a clause-opening frame could tell them apart.
    "Read the email we sent you.",
    # A sarcastic question ("Have you actually tried reading the FAQ?") reads like the fact
    # question "Have you tried restarting it?" (§3.1); only the tone tells them apart.
    "Have you actually tried reading the FAQ?",
    # Agreeing that the failure is bad ("That's not on", "It's annoying") is said with words
    # that also rebuke the customer ("that's not on" of their language) or describe them; no
    # phrase reads them safely.
    "That's really not on, and I'm sorry.",
    "I know, I know. It's annoying.",
}


def _probe(rules, text, must, must_not, direction):
    present = counted(rules, text)
    assert must <= present, (sorted(must - present), sorted(present))
    assert not (must_not & present), (sorted(must_not & present), sorted(present))
    if direction is not None:
        turn = first(rules, text)
        moved = turn.anger_after - turn.anger_before
        assert (moved < 0) if direction == "down" else (moved > 0), (moved, turn.changes)


@pytest.mark.parametrize(("text", "must", "must_not", "direction"), [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="left unfixed, see LEFT"))
    if case[0] in LEFT else case
    for case in PROBE if case[0] in MISREAD
])
def test_held_out_probe_misread_verdict(rules, text, must, must_not, direction):
    _probe(rules, text, must, must_not, direction)


@pytest.mark.parametrize(("text", "must", "must_not", "direction"), [case for case in PROBE if case[0] not in MISREAD])
def test_held_out_probe_read_right_stays(rules, text, must, must_not, direction):
    _probe(rules, text, must, must_not, direction)


def test_the_probe_is_large_and_mixed():
    assert len(PROBE) >= 80
    assert all(t.isascii() or "’" in t for t, *_ in PROBE)
    assert sum(d == "down" for *_, d in PROBE) >= 30 and sum(d == "up" for *_, d in PROBE) >= 30
    assert {t for t, *_ in PROBE} >= MISREAD >= LEFT


# ------------------------------------------------ 12. round four: a fourth held-out set (support-bot and US forms)
# Run after round three: 11 of 35 misread (down from 19 of 35). Its families, each the English
# of a move domain.md names, tested here in other words.

@pytest.mark.parametrize(("text", "behaviour"), [
    ("I've issued a new invoice.", "concrete_action"),                       # §7 track it now
    ("I'm on it.", "concrete_action"),                                        # §5 show urgency
    ("The fee has been corrected.", "concrete_action"),
    ("We will email you once it ships.", "follow_up"),                        # §4 贯彻落实
    ("I'll log it and personally update you.", "ownership"),                # §2.3
    ("The error was on our end.", "ownership"),                               # §5 admit a mistake
    ("The mistake was ours.", "ownership"),
    ("We're experiencing higher than usual volumes.", "excuse"),              # §5 excuses
    ("You've come to the wrong department.", "pass_the_buck"),               # §4 不得推诿
    ("I'm not the right person to ask.", "pass_the_buck"),
    ("So I'm clear, you were billed twice?", "check_understanding"),          # §3.4
    ("Thank you so much for your patience.", "thank_complaint"),              # §3.5
    ("What do you want me to do about it?", "rudeness_sarcasm"),             # §5 mocking
    ("It could take a while, hard to say.", "vague"),                         # §5 打太极
])
def test_round_four_families_verdict(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


def test_what_can_i_do_for_you_stays(rules):
    # §2.1 offering to serve is no sneer, though it shares "do … for you".
    present = counted(rules, "What can I do for you today?")
    assert "willing_to_serve" in present and "rudeness_sarcasm" not in present


# An English fold never touches a word joined to Chinese: U盘 (a USB stick, common in §7's
# dongle and IT cases) is not "you盘".
@pytest.mark.parametrize(("text", "folded"), [("U盘坏了", "u盘坏了"), ("我的u盘读不出来", "我的u盘读不出来"), ("its系统", "its系统")])
def test_english_folds_leave_words_joined_to_chinese_verdict(text, folded):
    assert normalise(text).folded == folded


# ------------------------------------------------ 13. round five: a fifth held-out set (spoken British English)
# Run after round four: 18 of 25 misread. Phrase lists keep meeting new English; these are the
# families it found, tested in other words.

@pytest.mark.parametrize(("text", "behaviour"), [
    ("Here's what's happened: the meter reading was entered twice.", "explain_reason"),   # §3 give reasons
    ("I hear how upset you are.", "acknowledge_feelings"),                              # §2.2
    ("I'd have been furious as well.", "acknowledge_feelings"),
    ("Let me take a look at the booking.", "concrete_action"),                         # §5 urgency
    ("I'll raise this with the depot as a priority.", "concrete_action"),
    ("I'm sorry, we fell short here.", "ownership"),                                   # §5 admit a mistake
    ("That's not the level of service we aim for.", "ownership"),
    ("You'll have an answer from me tomorrow.", "follow_up"),                         # §3
    ("Would you like me to book a visit for Monday?", "offer_options"),                # §3.3
    ("Thanks for being patient with me.", "thank_complaint"),                          # §3.5
    ("What seems to be the issue with the boiler?", "fact_question"),                 # §3.1
    ("No promises, but I'll see.", "vague"),                                           # §5 打太极
    ("There's nothing else we can do.", "negative_language"),                          # §5 我不能
    ("I just follow the rules.", "hide_behind_policy"),                                # §5 我们向来都是这么做的
    ("We can't be held liable for that.", "deny_responsibility"),                      # §5 not admitting
    ("I've got another call, try again later.", "rush_calm_down"),                     # §5 我还有别的客户
])
def test_round_five_families_verdict(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)
