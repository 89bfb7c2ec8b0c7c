"""Held-out English probe rounds: British speech, Indian and Singapore desk English, support bots.

tests/test_verdicts_en.py ended on spoken British English as the weakest English (18 of 25
misread). These rounds write fresh replies as UK contact-centre agents, Indian, Singapore and US
support desks and templated support bots type them, good and bad, polite to rude, with sarcasm.
Each reply's verdict (the behaviours it must and must not show, and for the analytical customer
on the general complaint whether anger must fall or rise) was written down from domain.md before
the set was run. Misreads were fixed as phrase families, never one sentence at a time.

Misread when first run:
- round 1: 29 of 35;
- round 2 (written after round 1's fixes): 26 of 33;
- round 3 (written after round 2's fixes): 24 of 32;
- round 4 (written after round 3's fixes): 21 of 31;
- round 5 (written after round 4's fixes): 23 of 30.

``*_misfire`` cases failed before their fix (checked with the fix stashed); ``*_stays`` cases are
look-alikes and right readings that must keep their reading. Strict xfails name why a case is
left.

One expectation was corrected after the run, not the engine: "I understand your frustration.
Unfortunately, I am unable to process refunds." was expected to show negative_language; the
lexicon reads "unable to" before the refund as a refusal of it (rules/behaviours.yaml
``refusers``), which is §5 refusing outright, also right. Its misread (anger fell) stands.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


def _probe(rules, text, must, must_not, direction):
    present = counted(rules, text)
    assert must <= present, (sorted(must - present), sorted(present))
    assert not (must_not & present), (sorted(must_not & present), sorted(present))
    if direction is not None:
        turn = step(start(rules, SC, "analytical"), text)
        moved = turn.anger_after - turn.anger_before
        assert (moved < 0) if direction == "down" else (moved > 0), (moved, turn.changes)


# ------------------------------------------------------------------ round 1: the probe
ROUND1 = [
    ("I'm ever so sorry about this, I'll get it sorted today.", {"apology", "ownership"}, {"empty_apology"}, "down"),
    ("I'll pop a note on your account so the next person sees it.", {"concrete_action"}, set(), "down"),
    ("Kindly revert with your order ID so we can check.", {"fact_question"}, {"rush_calm_down"}, "down"),
    ("Please do the needful and share a copy of the invoice.", {"fact_question"}, {"rush_calm_down"}, None),
    ("We regret the inconvenience caused and have escalated this to the concerned team.", {"apology"}, set(), None),
    ("Your concern has been noted and forwarded to the concerned department.", {"handover"}, set(), None),
    ("It is what it is, I'm afraid.", {"hide_behind_policy"}, set(), "up"),
    ("Not being funny, but you did sign the contract.", {"lecture"}, set(), "up"),
    ("Love, it's not my department, you'll want to ring accounts.", {"pass_the_buck"}, set(), "up"),
    ("I'll chase that up with the warehouse first thing tomorrow and give you a bell by 10.",
     {"concrete_action", "follow_up", "time_commitment"}, set(), "down"),
    ("I'll give you a bell back this afternoon.", {"follow_up", "time_commitment"}, set(), "down"),
    ("Sorry, I'm only the messenger.", {"not_my_job"}, set(), "up"),
    ("Blimey, I'm sorry, that's our cock-up.", {"apology", "ownership"}, {"empty_apology"}, "down"),
    ("We've made a right hash of this. Let me put it right.", {"ownership"}, set(), "down"),
    ("I understand your frustration. Unfortunately, I am unable to process refunds. Is there anything else I can help you with?",
     {"acknowledge_feelings", "refusal"}, set(), "up"),
    ("I'm sorry to hear that. Could you please provide more details about the issue?", {"apology", "fact_question"}, {"empty_apology"}, "down"),
    ("As an AI assistant, I don't have access to your account details.", {"negative_language"}, set(), "up"),
    ("I'm not able to action that from my end.", {"negative_language"}, set(), "up"),
    ("You'll want to take that up with Royal Mail.", {"pass_the_buck"}, set(), "up"),
    ("Sorry, you've lost me - when did the engineer actually come out?", {"fact_question"}, set(), "down"),
    ("Right, I've had a word with the team leader and she's authorised a refund.",
     {"concrete_action", "compensation"}, {"unowned_handover"}, "down"),
    ("Steady on, there's no call for that language.", {"rush_calm_down"}, set(), "up"),
    ("Keep your hair on, I'm sorting it.", {"rush_calm_down"}, set(), None),
    ("Oh brilliant, another one who can't read a bill.", {"rudeness_sarcasm"}, set(), "up"),
    ("Cheers for your patience, I know it's been a faff.", {"thank_complaint"}, set(), "down"),
    ("Apologies for the delayed response. Please be informed that your request is under process.", {"apology", "vague"}, set(), None),
    ("We will revert within 24 hours.", {"follow_up", "time_commitment"}, set(), "down"),
    ("Sorry for the trouble lah, I check for you now ok?", {"apology", "concrete_action"}, {"empty_apology"}, "down"),
    ("Cannot lah, policy like that.", {"refusal"}, set(), "up"),
    ("No worries at all, I'll get that reset for you right now.", {"concrete_action"}, set(), "down"),
    ("Sorry for the wait! Just looking into that for you now.", {"hold_politely", "concrete_action"}, set(), "down"),
    ("Gosh, I'd be tearing my hair out too.", {"acknowledge_feelings"}, set(), "down"),
    ("Thanks for flagging - that's a genuine bug on our side, and I've raised it with the devs.",
     {"thank_complaint", "ownership", "concrete_action"}, set(), "down"),
    ("Honestly mate, it's a you problem.", {"blame_customer"}, set(), "up"),
    ("I'm afraid you'll need to wait for the engineer like everybody else.", {"rush_calm_down"}, set(), "up"),
]

# Read right on the first run: the rest of ROUND1 was misread.
ROUND1_RIGHT = {
    "I'm ever so sorry about this, I'll get it sorted today.",
    "We regret the inconvenience caused and have escalated this to the concerned team.",
    "Love, it's not my department, you'll want to ring accounts.",
    "Sorry, I'm only the messenger.",
    "I'm sorry to hear that. Could you please provide more details about the issue?",
    "I'm not able to action that from my end.",
}

# Left unfixed, with the reason (strict xfail: a fix must remove the entry).
LEFT = {
    # "Do the needful" names no fact; the request is carried by "share a copy of the invoice",
    # which an agent also says of what they will send ("I'll share a copy of the invoice with
    # you"), and "please share your…" also asks for feedback (tests/test_phrasings_world.py).
    "Please do the needful and share a copy of the invoice.",
}

# ------------------------------------------------------------------ round 2: the probe (written after round 1)
ROUND2 = [
    ("Thank you for contacting us. We sincerely apologize for the inconvenience. Your ticket number is 55821 and our team will get back to you within 2 business days.",
     {"apology", "thank_complaint", "time_commitment"}, set(), None),
    ("I completely understand how inconvenient this must be for you, and I want to assure you that we take this seriously.",
     {"acknowledge_feelings"}, set(), None),
    ("I've gone ahead and processed a full refund; it should reflect in 3-5 business days.", {"concrete_action", "compensation"}, set(), "down"),
    ("Per my last email, the engineer is booked for Tuesday.", {"argue"}, set(), "up"),
    ("As previously mentioned, we do not offer refunds on sale items.", {"argue", "negative_language"}, set(), "up"),
    ("Thanks for your patience while I looked into this. It turns out the payment bounced because of a bank error on our side.",
     {"thank_complaint", "explain_reason", "ownership"}, set(), "down"),
    ("I haven't the foggiest, sorry.", {"forbidden_phrase"}, set(), "up"),
    ("Search me, love.", {"forbidden_phrase"}, set(), "up"),
    ("That's one for the techies, I'm afraid - I'll have to pass you over.", {"handover", "unowned_handover"}, set(), "up"),
    ("Bless you for being so patient, I'm nearly there.", {"thank_complaint"}, set(), "down"),
    ("Ooh, that's not good at all. Let's get it sorted.", {"reassure"}, set(), "down"),
    ("Sorry, sir, my hands are tied.", {"negative_language"}, set(), "up"),
    ("There's literally nothing we can do, it's the manufacturer's issue.", {"refusal", "deny_responsibility"}, set(), "up"),
    ("Do you even know your own account number?", {"rudeness_sarcasm"}, {"fact_question"}, "up"),
    ("Can you give me a sec? I'm just pulling your account up.", {"hold_politely", "concrete_action"}, set(), "down"),
    ("I've put it through as urgent, so an engineer should be with you by Thursday lunchtime.", {"concrete_action", "time_commitment"}, set(), "down"),
    ("I'll get onto the courier now and come back to you within the hour.", {"concrete_action", "follow_up", "time_commitment"}, set(), "down"),
    ("Kindly bear with us as we are facing technical issues.", {"hold_politely", "excuse"}, set(), None),
    ("We apologize for the inconvenience. Please try again later.", {"apology"}, set(), "up"),
    ("Sorry, I didn't catch that - did you say the 14th or the 15th?", {"check_understanding"}, set(), "down"),
    ("Just to make sure I've understood: the engineer came, but left without fixing it?", {"check_understanding"}, set(), "down"),
    ("Oh dear, what a palaver. I'm so sorry.", {"acknowledge_feelings", "apology"}, set(), None),
    ("You're having a laugh, aren't you?", {"rudeness_sarcasm"}, set(), "up"),
    ("We got our wires crossed with the booking, sorry about that.", {"ownership", "apology"}, {"empty_apology"}, "down"),
    ("Traffic's been mental today, nothing I can do about that.", {"excuse", "negative_language"}, set(), "up"),
    ("That's between you and the bank, I'm afraid.", {"pass_the_buck"}, set(), "up"),
    ("I'm going to stay on the line with you while I get this sorted.", {"ownership"}, set(), "down"),
    ("Can I get your full name and the first line of your address, please?", {"fact_question"}, set(), "down"),
    ("Respectfully, you're not the only customer I'm dealing with today.", {"rush_calm_down"}, set(), "up"),
    ("I totally hear you - three missed appointments is not OK.", {"acknowledge_feelings"}, set(), "down"),
    ("I've refunded the callout charge as a goodwill gesture.", {"compensation", "concrete_action"}, set(), "down"),
    ("Hang fire a sec, I'm just checking with the depot.", {"hold_politely", "concrete_action"}, {"unowned_handover"}, "down"),
    ("It's been escalated to Tier 2 and they will contact you in due course.", {"handover", "vague"}, set(), "up"),
]

ROUND2_RIGHT = {
    "Thank you for contacting us. We sincerely apologize for the inconvenience. Your ticket number is 55821 and our team will get back to you within 2 business days.",
    "I completely understand how inconvenient this must be for you, and I want to assure you that we take this seriously.",
    "I've gone ahead and processed a full refund; it should reflect in 3-5 business days.",
    "Thanks for your patience while I looked into this. It turns out the payment bounced because of a bank error on our side.",
    "Kindly bear with us as we are facing technical issues.",
    "We apologize for the inconvenience. Please try again later.",
    "I totally hear you - three missed appointments is not OK.",
}

LEFT |= {
    # The sneer is read (rudeness_sarcasm) and anger rises, but "account number" inside it
    # still counts as a fact question: only the question-mark signal is dropped beside a
    # rebuke (simulator/engine/step.py), as tests/test_verdicts_zh_spoken.py leaves it for
    # 怎么回事 inside 我怎么知道… . Dropping a fact phrase beside any rebuke would also drop
    # "Are you sure? What's your account number?" asks, so it needs the clause, not the reply.
    "Do you even know your own account number?",
    # A refund already made is read as the compensation it is (§1), and anger falls; the same
    # words cannot count twice, so "I've refunded" is not also an action done (§7): an
    # "I've refunded" action phrase would swallow compensation's "refunded" (leftmost-longest)
    # and lose the grant (tests/test_compensation_mentions.py: "I've waived the late fee").
    "I've refunded the callout charge as a goodwill gesture.",
}

# ------------------------------------------------------------------ round 3: the probe (written after round 2)
ROUND3 = [
    ("Let me go ahead and pull up your account real quick.", {"concrete_action"}, set(), "down"),
    ("I can definitely help you with that!", {"willing_to_serve"}, set(), "down"),
    ("Totally hear you, that's super frustrating.", {"acknowledge_feelings"}, set(), "down"),
    ("We value your feedback and will use it to improve our services.", {"prevention"}, set(), None),
    ("I apologize for any confusion this may have caused.", {"apology", "empty_apology"}, set(), None),
    ("I'm unable to assist with that request.", {"negative_language"}, set(), "up"),
    ("I've escalated your concern to our specialist team, who will reach out within 24-48 hours.",
     {"concrete_action", "time_commitment"}, set(), "down"),
    ("Well, that's a first.", {"doubt_customer"}, set(), "up"),
    ("Congratulations, you've managed to break it.", {"blame_customer"}, set(), "up"),
    ("Sir, I am telling you only, the refund is not possible.", {"argue", "refusal"}, set(), "up"),
    ("I will surely check and revert by EOD.", {"concrete_action", "follow_up", "time_commitment"}, set(), "down"),
    ("Your complaint is registered and the reference number is SR12345.", {"concrete_action"}, set(), "down"),
    ("Sorry for the inconvenience caused, sir.", {"apology", "empty_apology"}, set(), None),
    ("I'll crack on with it now and ring you back at 3.", {"concrete_action", "follow_up", "time_commitment"}, set(), "down"),
    ("You've been passed from pillar to post, and that stops now - I'm looking after this personally.",
     {"acknowledge_feelings", "ownership"}, set(), "down"),
    ("Can, I arrange the technician for you tomorrow morning.", {"concrete_action", "time_commitment"}, set(), "down"),
    ("Sorry ah, system down today, cannot check.", {"apology", "excuse"}, set(), "up"),
    ("What's the make and model of the boiler?", {"fact_question"}, set(), "down"),
    ("Have you got the reference from the text we sent?", {"fact_question"}, set(), "down"),
    ("Honestly, some people just love to complain.", {"rudeness_sarcasm"}, set(), "up"),
    ("I'll knock the late fee off your bill.", {"compensation"}, set(), "down"),
    ("We'll chuck in a month's free broadband for the hassle.", {"compensation"}, set(), "down"),
    ("Nothing's showing on our system, so it's on your end.", {"blame_customer"}, set(), "up"),
    ("Cheers, that's really helpful - and which email address did you use to order?", {"fact_question"}, set(), "down"),
    ("Okay so the engineer's been and gone and it's still leaking? That's shocking, I'm so sorry.",
     {"apology", "acknowledge_feelings"}, set(), "down"),
    ("Right, let's start from the beginning - what happened when the engineer arrived?", {"fact_question"}, set(), "down"),
    ("It's literally one button.", {"lecture"}, set(), "up"),
    ("Hiya! Sorry to hear you've had a nightmare with this. I'll get it booked in for Friday and text you the slot.",
     {"apology", "concrete_action", "follow_up", "time_commitment"}, {"empty_apology"}, "down"),
    ("Your call may be recorded for training purposes. How can I help?", {"willing_to_serve"}, set(), None),
    ("If you're not happy, you're welcome to take your business elsewhere.", {"rudeness_sarcasm"}, set(), "up"),
    ("I'll have a word with the engineer's manager so it doesn't happen again.", {"concrete_action", "prevention"}, set(), "down"),
    ("Yeah, no, that's not how it works.", {"argue"}, set(), "up"),
]

ROUND3_RIGHT = {
    "I apologize for any confusion this may have caused.",
    "I'm unable to assist with that request.",
    "Sorry for the inconvenience caused, sir.",
    "Cheers, that's really helpful - and which email address did you use to order?",
    "Right, let's start from the beginning - what happened when the engineer arrived?",
    "Your call may be recorded for training purposes. How can I help?",
    "I'll have a word with the engineer's manager so it doesn't happen again.",
    "Yeah, no, that's not how it works.",
}

# ------------------------------------------------------------------ round 4: the probe (written after round 3)
ROUND4 = [
    ("No dramas, I'll sort you out with a new router today.", {"ownership", "time_commitment"}, set(), "down"),
    ("Np, ty for waiting!", {"hold_politely"}, set(), None),
    ("tbh idk why it did that", {"forbidden_phrase"}, set(), "up"),
    ("Looking at it rn, 2 mins.", {"concrete_action"}, set(), "down"),
    ("Your issue will be resolved within the TAT.", {"vague"}, set(), None),
    ("Sorry hor, the promo ended already, cannot give you the discount.", {"apology", "refusal"}, set(), "up"),
    ("It looks like your payment failed because the card expired.", {"explain_reason"}, {"blame_customer"}, None),
    ("Thanks for your message! A member of our team will be with you shortly.", {"unowned_handover", "vague"}, set(), None),
    ("Oh, so now it's our fault, is it?", set(), {"ownership"}, "up"),
    ("I'll keep an eye on it and update you every day until it's fixed.", {"ownership", "follow_up"}, set(), "down"),
    ("Happy to help! Could you DM us your order number?", {"willing_to_serve", "fact_question"}, set(), None),
    ("I've just had a look and you're right, you've been charged twice. I'm so sorry.",
     {"concrete_action", "acknowledge_feelings", "apology"}, {"empty_apology"}, "down"),
    ("Mate, I've told you three times already.", {"argue"}, set(), "up"),
    ("I'll get a replacement sent out to you today, first class.", {"concrete_action", "time_commitment"}, set(), "down"),
    ("Give me a bell if it plays up again.", {"follow_up"}, set(), None),
    ("Right, I've knocked 20 quid off this month's bill for the trouble.", {"compensation"}, set(), "down"),
    ("That's above my pay grade, you'd need to speak to a manager.", {"not_my_job"}, set(), "up"),
    ("I do apologise, we've clearly let you down here.", {"apology", "ownership"}, {"empty_apology"}, "down"),
    ("I'm not being funny, but it does say it on the website.", {"lecture"}, set(), "up"),
    ("Bear with me, the system's being a bit slow today.", {"hold_politely", "excuse"}, set(), None),
    ("Can I pop you on hold for two minutes while I speak to billing?", {"hold_politely", "concrete_action"}, {"unowned_handover"}, "down"),
    ("Honestly? No idea. Ring the manufacturer.", {"forbidden_phrase", "pass_the_buck"}, set(), "up"),
    ("I'll make sure you're not out of pocket.", {"compensation"}, set(), "down"),
    ("Please refrain from using abusive language.", {"rush_calm_down"}, set(), "up"),
    ("If you could stop ranting for a minute, I'll explain.", {"rush_calm_down"}, set(), "up"),
    ("Ah no, that's rotten luck - and on your birthday too. Let me see what I can do.", {"acknowledge_feelings", "can_do"}, set(), "down"),
    ("Unfortunately we're unable to offer compensation for delays under 24 hours, as per our terms.",
     {"refusal", "explain_reason"}, set(), None),
    ("Could you let me know a good time to call you back today?", {"fact_question"}, set(), "down"),
    ("We're on it! Our engineers are working flat out to restore service by 6pm.", {"concrete_action", "time_commitment"}, set(), "down"),
    ("Seriously? You waited three weeks to tell us?", {"blame_customer"}, set(), "up"),
    ("Sorry it's taken so long - that's on me, not you.", {"apology", "ownership"}, {"empty_apology", "blame_customer"}, "down"),
]

ROUND4_RIGHT = {
    "tbh idk why it did that",
    "Sorry hor, the promo ended already, cannot give you the discount.",
    "It looks like your payment failed because the card expired.",
    "Thanks for your message! A member of our team will be with you shortly.",
    "Happy to help! Could you DM us your order number?",
    "That's above my pay grade, you'd need to speak to a manager.",
    "I do apologise, we've clearly let you down here.",
    "Honestly? No idea. Ring the manufacturer.",
    "Unfortunately we're unable to offer compensation for delays under 24 hours, as per our terms.",
    "Sorry it's taken so long - that's on me, not you.",
}

# ------------------------------------------------------------------ round 5: the probe (written after round 4)
ROUND5 = [
    ("Hi Sam, Priya here from the billing team. I'm really sorry you've been charged twice - that's our mistake. I've refunded the duplicate payment and you'll see it back in your account within 3 working days. I'll email you the confirmation this afternoon.",
     {'apology', 'compensation', 'follow_up', 'introduce_self', 'ownership', 'time_commitment'}, {'empty_apology'}, 'down'),
    ("Good morning, thanks for holding. Can I start by taking the account holder's name?",
     {'fact_question', 'hold_politely'}, set(), 'down'),
    ('I appreciate your patience whilst we investigate.',
     {'thank_complaint'}, set(), None),
    ('We have received your request and will respond at the earliest.',
     {'vague'}, {'time_commitment'}, None),
    ('Please be advised that all sales are final.',
     {'hide_behind_policy'}, set(), 'up'),
    ("Gosh, three visits and it's still not fixed? I'd be livid. Let me get our senior engineer out to you first thing tomorrow.",
     {'acknowledge_feelings', 'concrete_action', 'time_commitment'}, set(), 'down'),
    ("You do realise you're on a pay-as-you-go tariff, right?",
     {'lecture'}, set(), 'up'),
    ("Look, I get that you're upset, but shouting isn't going to get it fixed any faster.",
     {'acknowledge_feelings', 'but_reversal', 'rudeness_sarcasm'}, set(), 'up'),
    ('Let me just double-check that for you.',
     {'concrete_action'}, set(), 'down'),
    ("I've logged a formal complaint on your behalf, reference C-2231, and my team leader will call you by Friday.",
     {'concrete_action', 'time_commitment'}, set(), 'down'),
    ("Sorry, it's only my second week.",
     {'excuse'}, set(), 'up'),
    ("Not gonna lie, that's a bit of a mess on our part.",
     {'ownership'}, set(), 'down'),
    ("I'm gonna need you to send me a photo of the damage.",
     {'fact_question'}, set(), None),
    ('Thank you for your patience and understanding in this matter.',
     {'thank_complaint'}, set(), None),
    ("Righto, I've cancelled that direct debit, so you won't be charged again.",
     {'concrete_action'}, set(), 'down'),
    ("I'm sorry, but that's simply not something we're able to do.",
     {'apology', 'but_reversal', 'negative_language'}, set(), 'up'),
    ("Just so you know, I've put a flag on your account so this doesn't happen again.",
     {'concrete_action', 'prevention'}, set(), 'down'),
    ("Honestly, I'm as frustrated as you are about this.",
     {'acknowledge_feelings'}, set(), 'down'),
    ('Maybe read the email properly next time?',
     {'lecture'}, set(), 'up'),
    ("Chill, it's only a fiver.",
     {'rudeness_sarcasm'}, set(), 'up'),
    ("We're experiencing a technical outage; our engineers are aware and working on a fix.",
     {'excuse'}, set(), None),
    ("I'll personally ring you every morning this week until it's sorted.",
     {'follow_up', 'ownership', 'time_commitment'}, set(), 'down'),
    ("That's a really reasonable ask, and I'll make it happen.",
     {'acknowledge_feelings', 'ownership'}, set(), 'down'),
    ("Hmm, that doesn't sound right to me - are you looking at the right bill?",
     {'doubt_customer'}, set(), 'up'),
    ("I'll be straight with you: the part is on back order until the 20th, but I can offer you a loan unit in the meantime.",
     {'can_do'}, set(), 'down'),
    ("There's a known issue with that model - we've had a few reports - and a fix is rolling out on Thursday.",
     {'explain_reason'}, set(), 'down'),
    ("Ugh, fine, I'll refund it.",
     {'compensation'}, set(), None),
    ("No worries, happens to the best of us! Let's get you back up and running.",
     {'reassure'}, {'blame_customer'}, 'down'),
    ('Your feedback has been noted.',
     set(), {'concrete_action'}, None),
    ('Sorry, what was your name again?',
     {'fact_question'}, set(), None),
]

ROUND5_RIGHT = {
    'I appreciate your patience whilst we investigate.',
    "I've logged a formal complaint on your behalf, reference C-2231, and my team leader will call you by Friday.",
    'Thank you for your patience and understanding in this matter.',
    "Righto, I've cancelled that direct debit, so you won't be charged again.",
    "I'll be straight with you: the part is on back order until the 20th, but I can offer you a loan unit in the meantime.",
    "Ugh, fine, I'll refund it.",
    'Your feedback has been noted.',
}

LEFT |= {
    # Ownership and the follow-up are read from the same words: "I'll personally" is
    # ownership (§2.3), and "ring you" after it cannot count as well (leftmost-longest; making
    # "personally" an intensifier would read "I'll ring you" and lose the ownership instead).
    # The commitment itself is read (time_commitment, from ownership and "this week").
    "I'll personally ring you every morning this week until it's sorted.",
}

PROBE = ROUND1 + ROUND2 + ROUND3 + ROUND4 + ROUND5
READ_RIGHT = ROUND1_RIGHT | ROUND2_RIGHT | ROUND3_RIGHT | ROUND4_RIGHT | ROUND5_RIGHT


@pytest.mark.parametrize(("text", "must", "must_not", "direction"), [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="left unfixed, see LEFT"))
    if case[0] in LEFT else case
    for case in PROBE if case[0] not in READ_RIGHT
])
def test_held_out_probe_misfire(rules, text, must, must_not, direction):
    _probe(rules, text, must, must_not, direction)


@pytest.mark.parametrize(("text", "must", "must_not", "direction"), [case for case in PROBE if case[0] in READ_RIGHT])
def test_held_out_probe_read_right_stays(rules, text, must, must_not, direction):
    _probe(rules, text, must, must_not, direction)


# ------------------------------------------------------------------ round 1: the families, in other words

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 take notes; §7 track it now, confirm with the responsible manager while the customer waits.
    ("I've popped a note on the file for the engineer.", "concrete_action"),
    ("Let me make a note of that on your account.", "concrete_action"),
    ("We've escalated it to the network team.", "concrete_action"),
    ("I've had a word with the depot manager.", "concrete_action"),
    ("Checking that for you now.", "concrete_action"),
    ("Ok I check with my supervisor.", "concrete_action"),
    # §3.1 the details a desk asks for; when, asked of anything.
    ("Please quote your booking reference.", "fact_question"),
    ("When was the meter last read?", "fact_question"),
    # §4 首问负责制: a team nobody names.
    ("Your complaint has been forwarded to the relevant team.", "handover"),
    # §5 我们向来都是这么做的.
    ("That's the way things are, sorry.", "hide_behind_policy"),
    # §1 "you should have…"; §5 lecturing.
    ("You did tick the box to accept the charges.", "lecture"),
    ("It's all in the small print.", "lecture"),
    # §3 promise an answer; §4 贯彻落实.
    ("I'll give you a shout when the part arrives.", "follow_up"),
    ("We shall revert to you by tomorrow.", "follow_up"),
    # §5 admit a mistake at once; §2.3.
    ("That was a glitch on our side, and I'm sorry.", "ownership"),
    ("We've made a mess of your booking.", "ownership"),
    ("Let me make this right for you.", "ownership"),
    # §5 我做不了.
    ("I'm not authorised to change the tariff.", "negative_language"),
    ("I do not have access to billing.", "negative_language"),
    # §4 不得推诿.
    ("You might want to contact your bank.", "pass_the_buck"),
    # §5 calm tone, let them vent; commanding tone.
    ("Pipe down and let me look.", "rush_calm_down"),
    ("No need to get stroppy.", "rush_calm_down"),
    ("You will have to wait for the next slot.", "rush_calm_down"),
    # §5 mocking; implying the customer is unimportant.
    ("Here we go again.", "rudeness_sarcasm"),
    # §3.5 thank them.
    ("Cheers for being so patient with us.", "thank_complaint"),
    # §2.2 换作是我也会着急.
    ("I'd be spitting feathers too.", "acknowledge_feelings"),
    ("What a faff for you.", "acknowledge_feelings"),
    # §5 打太极 (处理中).
    ("Your ticket is under review.", "vague"),
    # §5 refusing outright.
    ("No can do, sorry.", "refusal"),
    # §5 implying the customer is at fault.
    ("Sounds like a you problem.", "blame_customer"),
    # §5 可是 / 但是 after a kind sentence.
    ("I'm sorry you've had this. Unfortunately the engineer is off sick.", "but_reversal"),
])
def test_round1_families_misfire(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


def test_taking_it_up_oneself_is_no_buck_passing_misfire(rules):
    # §4 whoever takes it owns it: "I'll take it up with…" keeps the case; "you can take it up
    # with…" sends the customer away.
    present = counted(rules, "I'll take it up with the depot manager today.")
    assert "concrete_action" in present and "pass_the_buck" not in present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("Let me see if it's a bug on our side.", "ownership"),          # a check, no fault found
    ("Is there a problem on our end?", "ownership"),
    ("The courier made a mess of it.", "ownership"),                 # someone else's mess
    ("If this engineer can't fix it, I'll send another one who can.", "rudeness_sarcasm"),
    ("The settings will revert to the default tomorrow.", "follow_up"),  # revert: go back
    ("What sort of boiler is it?", "ownership"),                     # "sort" is no "I'll sort it"
    ("Because you signed a 24-month contract, the exit fee applies.", "lecture"),  # §7 the contract terms as the reason
    ("I can't get that done today.", "concrete_action"),             # refused, not done
    ("Your refund is in progress and will land by 5pm Friday.", "vague"),  # a time says when
    ("We don't have a policy like that.", "hide_behind_policy"),
    ("I'll send a copy of the invoice.", "fact_question"),
    ("I know it's been fixed, but the bill is still wrong.", "acknowledge_feelings"),
    ("You can take it up with the retailer.", "concrete_action"),
])
def test_round1_look_alikes_stays(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


def test_the_probe_is_mixed():
    assert len({t for t, *_ in PROBE}) == len(PROBE)
    assert sum(d == "down" for *_, d in PROBE) >= 20 and sum(d == "up" for *_, d in PROBE) >= 20
    assert {t for t, *_ in PROBE} - READ_RIGHT >= LEFT


# ------------------------------------------------------------------ round 2: the families, in other words

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 arguing: "as I said" in email English.
    ("As previously advised, the fee stands.", "argue"),
    ("Per my previous email, the fee stands.", "argue"),
    # §5 我不知道.
    ("Beats me, to be honest.", "forbidden_phrase"),
    ("Your guess is as good as mine.", "forbidden_phrase"),
    # §5 hand over; §4 owned only with a time.
    ("I'll pass you on to billing.", "handover"),
    ("Your case has been escalated to our second line support.", "handover"),
    # §3.5 thank them.
    ("Thanks ever so much for being so understanding.", "thank_complaint"),
    # §3 使客户放心.
    ("Let's get this sorted for you.", "reassure"),
    # §5 我不能.
    ("I'm sorry but our hands are tied.", "negative_language"),
    # §5 blaming others.
    ("That's the courier's problem, not ours.", "deny_responsibility"),
    # §4 不得推诿.
    ("That's between you and your insurer.", "pass_the_buck"),
    # §5 mocking.
    ("Did you even read the letter?", "rudeness_sarcasm"),
    ("You've got to be kidding me.", "rudeness_sarcasm"),
    # §3 put someone on hold politely.
    ("Give me two ticks and I'll have a look.", "hold_politely"),
    ("Hang on a sec while I check.", "hold_politely"),
    # §5 show urgency; §7 track it now.
    ("I'm just checking with the warehouse now.", "concrete_action"),
    ("I've flagged it as urgent with the engineers.", "concrete_action"),
    ("I've credited the overcharge back to your card.", "concrete_action"),
    ("Let me get onto the depot for you.", "concrete_action"),
    # §3.4 检验理解.
    ("Did you say it was the 3rd?", "check_understanding"),
    ("Sorry, I didn't catch that, could you say it again?", "check_understanding"),
    # §2.2.
    ("What an ordeal for you.", "acknowledge_feelings"),
    # §5 admit a mistake at once; §2.3 see it through.
    ("We mixed up your order with another customer's.", "ownership"),
    ("I'll stay on the line until it's working.", "ownership"),
    # §5 excuses (人手不够, 可能堵车).
    ("We're rushed off our feet today.", "excuse"),
    ("The engineer's stuck in traffic.", "excuse"),
    # §3.1.
    ("May I have your full name, please?", "fact_question"),
    ("Could I get the first line of your address?", "fact_question"),
    # §5 implying the customer is unimportant.
    ("You're not the only customer with a problem, you know.", "rush_calm_down"),
])
def test_round2_families_misfire(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


def test_holding_on_to_a_thing_is_no_hold_misfire(rules):
    # "Hold on" asks the customer to wait (§3); "hold on to the router" tells them to keep it.
    assert "hold_politely" not in counted(rules, "Hold on to the old router until the new one arrives.")


@pytest.mark.parametrize(("text", "behaviour"), [
    ("Please hang on to your receipt.", "hold_politely"),
    ("I've got a sec now if you'd like to go through it.", "hold_politely"),
    ("Between you and me, this happens a lot.", "pass_the_buck"),
])
def test_round2_look_alikes_stays(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


def test_a_but_outside_a_question_still_reverses_stays(rules):
    assert "but_reversal" in counted(rules, "I'm sorry, but I can't change that.")


# ------------------------------------------------------------------ round 3: the families, in other words
# Besides phrases: the full forms "I am", "I will", "we will" fold to the contractions the
# lexicon lists (folding.yaml ``english``); "definitely", "certainly", "surely", "literally",
# "so" and "super" are intensifiers a phrase may hold; a time range ("within 24-48 hours") and a
# bare hour after "by" / "at" that ends its clause ("at 3.") are concrete times (§3 promise an
# answer by an agreed time).

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 show urgency; §7 track it now.
    ("Let me go ahead and cancel that order for you.", "concrete_action"),
    ("I'll crack on with the paperwork.", "concrete_action"),
    ("Your complaint has been registered under reference 7781.", "concrete_action"),
    ("I arrange for you tomorrow, can?", "concrete_action"),
    # §2.1.
    ("I can certainly help with that.", "willing_to_serve"),
    # §2.2.
    ("That's so frustrating, I'm sorry.", "acknowledge_feelings"),
    ("That's appalling, I'm sorry.", "acknowledge_feelings"),
    ("You've been given the runaround, and I'm sorry.", "acknowledge_feelings"),
    ("You're so right.", "acknowledge_feelings"),
    # §1 质量监督型 wants to see improvement.
    ("Your feedback helps us improve.", "prevention"),
    # §3 promise an answer by an agreed time.
    ("Our engineer will reach out within 2-3 working days.", "time_commitment"),
    ("I'll ring you back at 4.", "time_commitment"),
    ("I'll email you within 2-3 days.", "time_commitment"),
    # The full forms read as the contractions.
    ("I am telling you, the order was never placed.", "argue"),
    ("I will definitely sort this.", "ownership"),
    ("We will surely fix this for you.", "reassure"),
    # §5 doubting the customer (没听说过).
    ("That's news to me.", "doubt_customer"),
    # §5 implying the customer is at fault.
    ("You've deleted the folder yourself.", "blame_customer"),
    ("The issue is on your side, not ours.", "blame_customer"),
    # §5 我们的系统出故障了.
    ("Our systems are down at the moment.", "excuse"),
    # §3.1.
    ("Do you have your receipt handy?", "fact_question"),
    ("What make is the washing machine?", "fact_question"),
    # §5 mocking; implying the customer is unimportant.
    ("Some customers just like to complain.", "rudeness_sarcasm"),
    ("Feel free to shop elsewhere.", "rudeness_sarcasm"),
    # §1 compensation where it is due.
    ("I'll take the late fee off your bill.", "compensation"),
    ("We'll throw in a free service for the trouble.", "compensation"),
    # §5 lecturing.
    ("It's not that difficult, mate.", "lecture"),
])
def test_round3_families_misfire(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("I'm looking at 3 bills here.", "concrete_time"),               # a count, not an hour
    ("I can see the charge went up by 5 on the 3rd of May.", "concrete_time"),
    ("That's shocking language, please stop.", "acknowledge_feelings"),  # a rebuke, no agreement
    ("It's not hard to fix, I'll do it now.", "lecture"),            # §3 这个很容易解决
    ("The engineer knocked off early.", "compensation"),
    ("Let me check whether the fault is on your side or ours.", "blame_customer"),  # §3.1 a check
    ("Could you pull up your settings menu and tap Wi-Fi?", "concrete_action"),
    ("So what happened next?", "rudeness_sarcasm"),                 # "so" skipped is no "so what"
])
def test_round3_look_alikes_stays(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


def test_the_full_forms_are_read_as_the_contractions_stays(rules):
    for full, short in [("I will call you back by 3pm.", "I'll call you back by 3pm."),
                        ("I am not able to change that.", "I'm not able to change that."),
                        ("We will look into it.", "We'll look into it.")]:
        assert counted(rules, full) == counted(rules, short), full


# ------------------------------------------------------------------ round 4: the families, in other words
# Besides phrases: chat shorthand folds to its words (folding.yaml ``english``: ty, tysm, np,
# rn, atm, tmrw, tmr, ur).

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 这件事由我负责跟进 / 我盯着.
    ("I'll get you sorted by Friday.", "ownership"),
    ("I'll keep tabs on the delivery for you.", "ownership"),
    # Chat shorthand.
    ("ty so much for ur patience", "thank_complaint"),
    ("np, looking at it rn", "concrete_action"),
    ("I'll call you back tmrw.", "time_commitment"),
    # §5 show urgency; §7 track it now.
    ("I've had a quick look at the account.", "concrete_action"),
    ("I'll get a new one sent to you.", "concrete_action"),
    ("Hold the line while I speak with accounts.", "concrete_action"),
    # §5 打太极.
    ("It will be done within the turnaround time.", "vague"),
    # §5 insisting on being right.
    ("So it's my fault now, is it?", "deny_responsibility"),
    # §5 arguing.
    ("I've already told you, the order shipped.", "argue"),
    # §4 贯彻落实 ("call me directly").
    ("Drop me a line if it happens again.", "follow_up"),
    # §1 compensation where it is due.
    ("I've taken ten pounds off your invoice.", "compensation"),
    # §5 lecturing.
    ("It's all on our website.", "lecture"),
    # §5 系统出故障了 as an excuse.
    ("Sorry, our system's playing up.", "excuse"),
    # §3 put someone on hold politely.
    ("I'm putting you on hold for a moment.", "hold_politely"),
    # §5 calm tone, let them vent.
    ("Stop moaning and listen.", "rush_calm_down"),
    # §2.2.
    ("Oh, what a shame, I'm sorry.", "acknowledge_feelings"),
    # §3.1.
    ("What time suits you for a call back?", "fact_question"),
    # §5 implying the customer is at fault.
    ("Why did you wait so long to report it?", "blame_customer"),
])
def test_round4_families_misfire(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("I know you waited three weeks for the engineer.", "blame_customer"),   # §2.2 the wait named
    ("I've told the engineer to call you first.", "argue"),                  # told someone else
    ("That's on our website too, if you'd like to read more later.", "rush_calm_down"),
    ("Whats ur order number", "rush_calm_down"),                             # "ur" is "your", a question
])
def test_round4_look_alikes_stays(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


# ------------------------------------------------------------------ round 5: the families, in other words

@pytest.mark.parametrize(("text", "behaviour"), [
    # §2.3 tell them your name.
    ("Hi, Tom here from customer services.", "introduce_self"),
    # §3.1 (拍照发).
    ("May I know your registered mobile number?", "fact_question"),
    ("Could you send us a photo of the meter?", "fact_question"),
    # §5 打太极.
    ("We will get back to you at the earliest.", "vague"),
    # §5 我们向来都是这么做的.
    ("Sorry, this was a final sale.", "hide_behind_policy"),
    # §5 show urgency, take notes.
    ("Let me get an engineer round to you this afternoon.", "concrete_action"),
    ("I'll double-check the meter readings now.", "concrete_action"),
    ("I've added a flag to your file.", "concrete_action"),
    # §5 lecturing.
    ("You are aware that the contract auto-renews?", "lecture"),
    # §2.2; §3 partial agreement.
    ("I get that this has been a pain.", "acknowledge_feelings"),
    ("That's a perfectly reasonable request.", "acknowledge_feelings"),
    # §5 mocking; 着急也没用, 这点小事.
    ("Getting cross won't make it go any faster.", "rudeness_sarcasm"),
    ("It's only a few quid, mate.", "rudeness_sarcasm"),
    # §5 calm tone, let them vent.
    ("Just chill for a second.", "rush_calm_down"),
    # §5 新来的.
    ("Sorry, I'm still getting used to the new system.", "excuse"),
    # §5 admit a mistake at once; §2.3.
    ("There's been a bit of a mess on our end, sorry.", "ownership"),
    ("Let me make that happen for you.", "ownership"),
    # §5 我不能.
    ("Sadly that's not something I'm able to change.", "negative_language"),
    # §5 doubting the customer.
    ("Are you looking at the correct account?", "doubt_customer"),
    # §3 给出原因.
    ("It's a known fault with that batch of routers.", "explain_reason"),
    # §3 这不是您的错.
    ("Happens to the best of us, honestly.", "reassure"),
])
def test_round5_families_misfire(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, sorted(present)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("I've attached a photo of the new part for you.", "fact_question"),   # given, not asked for
    ("The account holder can call us any time.", "fact_question"),
    ("Sorry you've had a chill in the house since Monday.", "rush_calm_down"),  # the cold, not "chill out"
    ("Is this a known issue?", "explain_reason"),                          # asked, no cause given
    ("Nothing's come through here from the engineer yet.", "introduce_self"),
    ("I'm calling from the depot about your delivery.", "introduce_self"),  # no name
    ("That's not fair on you, and I'm sorry.", "acknowledge_feelings"),
])
def test_round5_look_alikes_stays(rules, text, behaviour):
    assert behaviour not in counted(rules, text)


# ------------------------------------------------------------------ every persona
# The direction written for each probe reply holds for all four customer types (§1), not only
# the analytical one the probe steps, except where domain.md leaves it unclear.
PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]
UNCLEAR = {
    # §1 friendly: tolerant, "their anger shows little"; the bot's empathy line and "anything
    # else I can help you with?" outweigh a flat refusal for them, while it angers the rest.
    ("I understand your frustration. Unfortunately, I am unable to process refunds. Is there anything else I can help you with?",
     "friendly"),
}


@pytest.mark.parametrize(("text", "direction", "persona"), [
    (text, direction, persona)
    for text, _, _, direction in PROBE if direction is not None and text not in LEFT
    for persona in PERSONAS if (text, persona) not in UNCLEAR
])
def test_every_persona_moves_the_same_way_stays(rules, text, direction, persona):
    turn = step(start(rules, SC, persona), text)
    moved = turn.anger_after - turn.anger_before
    assert (moved < 0) if direction == "down" else (moved > 0), (moved, turn.changes)
