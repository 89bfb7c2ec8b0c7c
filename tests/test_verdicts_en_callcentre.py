"""Call-centre English as agents in India, the Philippines and the US type it.

"I do apologize for the inconvenience caused", "kindly do the needful", "I'd be more than happy
to assist", "rest assured", "as per policy", "I have escalated this to the concerned team",
"revert", "TAT", "ticket raised", "24-48 business hours"; scripted replies that sound polite but
stall, deflect or blame; and the passive-aggressive desk ("as I already mentioned", "per my
last message", "with all due respect"). Held-out probes of ~30 replies a round, good and bad,
with each verdict (what the reply must and must not show, and for clear cases whether it must
calm or anger every customer type) decided from domain.md before the reply was run. Every
``*_misfire`` case read wrongly before its fix; every ``*_stays`` case is a right reading or a
near-miss guard that must keep its reading. The texts were written for these tests.

Misread per round (before that round's fixes): 19/32 (round 1: the desk's stock phrases), 18/31
(round 2: polite stalls and deflections, the passive-aggressive desk, Philippine "po"), 17/31
(round 3: US scripted openings, security checks, Tagalog thanks, blame put on the customer),
13/30 (round 4: Indian letter English, "PFA", "token of apology", toll-free numbers, threats).

* Round 1. Lexicon (rules/behaviours.yaml): "as I already mentioned", "per my last message",
  "already informed to you" (§5 arguing); "as per policy / process / norms" (§5 我们向来都是这么做的,
  as 按规定); "place your call on hold" (§3); "beyond my scope" (§5 这不归我管); "you'll have to
  contact", "please raise a complaint with" (§4 不得推诿); "error / lapse at our end, from our
  side" (§5 admit a mistake at once); "your concern is valid" (§2.2); "cannot be processed /
  refunded / entertained" (§5 refusing outright); "a $20 credit to your account" (§1
  compensation); "I'll be handling" (§2.3); "the delivery partner's issue", "issue, not ours"
  (§5 blaming others); "ticket raised", "marked it for priority" (§5 show urgency, take notes;
  "the ticket raised by you" is a look-alike); "maybe you missed our SMS" (§5 implying the
  customer is at fault); "share your registered mobile number" (§3.1; "please share your
  feedback" asks for no fact, and an OTP sent to the registered number asks nothing). Signal
  (simulator/text/signals.py): "within 24-48 business hours", "within 48 hrs" are times (§3).
* Round 1 expectations corrected after the run, not the engine: "I'm sorry you feel that way."
  was expected as an empty apology; the lexicon lists it whole under deny_responsibility (§5
  insisting on being right, not admitting mistakes), which is also right, and anger rises for
  every customer. "…A ticket has been raised and the concerned team will get back to you." was
  expected as vague; it reads as unowned_handover (§4 whoever takes it owns it: a hand-over
  with no owner and no time), the same defect named more exactly. "Your concern is valid and I
  truly apologize on behalf of the company." was expected not to be an empty apology; the
  lexicon's empty_apology deliberately counts an acknowledgement as no substance (§1 analytical:
  empty apologies without substance), so it stays one.
* Round 2. Folds (simulator/text/folding.yaml): "I have" / "we have" as the perfect fold to
  "I've" / "we've" (desk English writes the full form: "I have escalated", "we have already
  replied"), as "I am" / "I will" already did; where "have" is a verb of its own ("can I have
  your…", "I have to decline", "I have another call", "I have no idea") longer keys fold to
  themselves. The lexicon's 50 "i have…" / "we have…" twins of "i've…" / "we've…" phrases
  folded to the same keys and were removed (concrete_action was at its 400-phrase cap).
  "already" is skipped like "just" ("I've already credited it" is "I've credited it").
  Lexicon: "kindly cooperate", "don't raise your voice", "please check back later" (§5
  commanding tone); "already replied to your query", "you were already informed" (§5 arguing;
  已经回复过您); "this is how the system works" (§5); "has been initiated", "I've reported it to
  his manager", "I've personally checked" (§5 stress what was done; §7 internal review); "you'll
  get an SMS", "she'll call you" (§4 keep the customer informed); "we are not authorized to"
  (§5 我不能); "whichever you prefer" (§3.3); "nothing can be done" (§5 refusing outright); "a
  system-generated issue" (§5 系统出故障了); "stay on the line until" (§2.3). Signal: a
  turnaround time stated ("the TAT for such requests is 7 working days") is a time (§4 state how
  long it will take).
* Round 2 expectation corrected: "there is nothing more I can do from my side" was expected as a
  refusal; the lexicon lists "nothing more I can do" under negative_language (§5 我不能), also
  right, and anger rises.
* Round 1 and 2 audit: every distinct STC-3 helpdesk reply (6,316) read before and after the
  rounds' changes: 0 changed (the data is Chinese; 95 replies hold English words, URLs and model
  names, none of the new phrases). As an English check, the 1,478 English replies written in
  the repository's other tests read before and after: 3 changed, all right: "…stay on the line
  until she picks up" now also shows ownership (§2.3), "applied a credit to your account" is
  compensation (§1), "my team leader will call you by Friday" a follow-up (§4). "we can either"
  (options) was tried and dropped: "I'm not sure we can either." read as options; "end to end"
  (ownership) was dropped as a bare phrase, "reported it to" and "personally checked" kept only
  with the agent as subject ("You reported it to the store?" asks), "system-generated" only with
  "issue" / "error" (the e-mail footer "this is a system-generated email" is no excuse).
* Round 3. Fold: Tagalog "salamat (po)" is "thank you" (§3.5 thank them). Signal: updates at a
  stated interval ("we'll update you every 24 hours") are a time (§4 keep the customer informed).
  Lexicon: "can you verify", "last four digits", "may I know who I'm speaking with", "could you
  elaborate" (§3.1); "any such request", "not received any such" (§5 doubting the customer);
  "has been dispatched / shipped" (§5 stress what was done); "I'm not the one who made the
  mistake" (§5 not admitting); "I can see the frustration", "sorry we've put you through this"
  (longer than the handover's "put you through"), "you've had to call / chase / wait" (§2.2);
  "that's not what I said" (§5 arguing), "read my message again" (§5 lecturing); "contact your
  bank", "you'll have to visit the service center" (§4 不得推诿); "share an update" (§4); "this
  delay is on us" (§5 admit a mistake); "you've entered the wrong…" (§5 implying the customer is
  at fault; "if you entered the wrong…, I can correct it" is a look-alike); "no need to get worked
  up" (§5 calm tone). "please verify your" was tried and dropped ("please verify your e-mail by
  clicking the link" instructs, it asks no fact); "check with your bank" was dropped by lint: it
  holds late-fix-release's need phrase "check with".
* Round 3 audit: STC-3 (6,316 replies) before and after: 0 changed. The 1,478 English replies of
  the other tests: 1 changed, right: "I'm really sorry you've had to chase this" now also
  acknowledges the feeling (§2.2).
* Round 4. Lexicon: "is deeply regretted" (§5 apologise); "thank you for your valuable feedback"
  (§3.5); "has been processed", "I'm escalating", "I'm checking with the technical team" (§5 show
  urgency; longer than the handover's "the technical team"; "once your return has been
  processed" is a look-alike: awaited, not done); "token of apology", "points to your account"
  (§1); "from the courier side", "from the manufacturer's end" (§5 blaming others); "not in our
  hands" (§5 excuse, as "out of my hands"); "do not use such language", "I'll have to disconnect
  the call" (§5 commanding tone); "not eligible" (§5 refusing outright); "call our toll-free
  number", "call customer care" (§4 不得推诿, as 请致电客服热线); "model number" (§3.1); "why are
  you calling again" (§5 又怎么啦). "as per our terms" was tried as hiding behind policy and
  dropped: lint found "per our terms" already an explain_reason phrase (§7 explain the contract
  terms), which the lexicon means.
* Round 4 expectations corrected: "Your request for a refund is not eligible as per our terms
  and conditions." was expected as hiding behind policy with anger rising for all; it reads as a
  refusal with the terms as its reason (§3 say why; §7 the contract terms), and the analytical
  customer, who "accepts a reasonable explanation" (§1), calms. "Sir, I already processed your
  refund yesterday, why are you calling again?" was expected as arguing; it is nearer §5's
  又怎么啦 (what is it now?), and reads as that forbidden phrase.
* Round 4 audit: STC-3 (6,316) before and after: 0 changed; the 1,478 English replies of the
  other tests: 0 changed.
* Left (strict xfail): "I will personally call you" (ownership wins the words, as in
  tests/test_verdicts_en_uk.py); "as per policy" that grants; "he should not have spoken to you
  that way" as ownership; "delivered as per our records" as doubt; "you were informed about…" as
  arguing; "Please DM us your order details" as a fact question; "check with your bank".
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

# ------------------------------------------------------------------ round 1 (19 of 32 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §3 promise an answer by an agreed time: "24-48 business hours" is a time, as "2 business days" is.
    ("Rest assured, I have escalated this to the concerned team and they will revert within 24-48 business hours.",
     "time_commitment"),
    # §3.1 ask about the facts: the registered number asked for, in Indian desk English.
    ("Kindly do the needful and share your registered mobile number so I can check.", "fact_question"),
    # §5 我们向来都是这么做的: the policy named as the answer (按规定 in English).
    ("As per policy, we cannot process a refund after 7 days.", "hide_behind_policy"),
    # §5 arguing: "as I said" in desk and email English, the customer blamed for not listening.
    ("As I already mentioned, the refund will be processed within 5-7 working days.", "argue"),
    ("Per my last message, the technician visit is scheduled for tomorrow.", "argue"),
    ("Please note that the same was already informed to you earlier.", "argue"),
    # §5 take notes, show urgency: the ticket raised.
    ("Ticket raised: SR-40921. I will personally call you tomorrow by 11 AM with an update.", "concrete_action"),
    # §3 put someone on hold politely.
    ("May I place your call on hold for 2 minutes while I check with my supervisor?", "hold_politely"),
    # §5 admit a mistake at once: the error placed "at our end".
    ("Thank you for your patience on the line. I have checked and the amount was deducted twice due to a technical error at our end.",
     "ownership"),
    # §5 这不归我管 / §4 不得推诿.
    ("Unfortunately this is beyond my scope, you'll have to contact the bank.", "not_my_job"),
    ("Unfortunately this is beyond my scope, you'll have to contact the bank.", "pass_the_buck"),
    # §2.2 recognise the feeling; §3 partial agreement.
    ("Your concern is valid and I truly apologize on behalf of the company.", "acknowledge_feelings"),
    # §5 refusing outright, in the passive.
    ("We regret to inform you that your request cannot be processed at this time.", "refusal"),
    # §1 compensation where it is due: a credit applied.
    ("I've gone ahead and applied a $20 credit to your account for the trouble.", "compensation"),
    # §2.3 这件事由我负责跟进.
    ("Hi, this is Rahul from the billing team, and I'll be handling your case end to end.", "ownership"),
    # §5 blaming others and not admitting; §4 不得推诿 (the customer sent to complain to them).
    ("That's the delivery partner's issue, not ours; please raise a complaint with them.", "deny_responsibility"),
    ("That's the delivery partner's issue, not ours; please raise a complaint with them.", "pass_the_buck"),
    # §5 show urgency: the order marked for priority.
    ("Your order got delayed because the warehouse missed the dispatch cut-off; I've now marked it for priority shipping.",
     "concrete_action"),
    # §5 implying the customer is at fault.
    ("Not sure why you weren't informed, maybe you missed our SMS.", "blame_customer"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "not_want"), [
    # §4 a hand-over owned with a time is no hand-over nobody owns.
    ("Rest assured, I have escalated this to the concerned team and they will revert within 24-48 business hours.",
     "unowned_handover"),
])
def test_round1_absent_misfire(rules, text, not_want):
    assert not_want not in present(rules, text)


@pytest.mark.parametrize(("text", "direction"), [
    ("Kindly do the needful and share your registered mobile number so I can check.", "down"),
    ("We regret to inform you that your request cannot be processed at this time.", "up"),
])
def test_round1_moves_every_customer_misfire(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the round's fixes.
    ("As informed by you, the charger was missing from the box.", None, "argue"),          # the customer cited
    ("As mentioned in your email, the charger was missing from the box.", None, "argue"),
    ("An OTP has been sent to your registered mobile number.", None, "fact_question"),     # given, not asked
    ("I'll contact the bank on your behalf and call you back by 4 pm.", "time_commitment", "pass_the_buck"),
    ("In case you missed our SMS, here is the tracking link again.", None, "blame_customer"),
    ("Is this about the ticket raised by you last week?", None, "concrete_action"),       # the customer's ticket
    ("We are checking the issue at our end and will update you by 6 pm.", "time_commitment", "ownership"),
    ("This is beyond the warranty period, so I'll arrange a paid repair at a discount.", None, "not_my_job"),
    ("I'll raise a complaint with the courier today and call you by 5 pm.", "time_commitment", "pass_the_buck"),
    ("The refund will be credited to your account within 5-7 working days.", "time_commitment", "refusal"),
    # Read right on the first run.
    ("I completely understand your frustration, and I'd be more than happy to assist you with this.",
     "acknowledge_feelings", "vague"),
    ("I completely understand your frustration, and I'd be more than happy to assist you with this.",
     "willing_to_serve", "refusal"),
    ("With all due respect, sir, you should have read the terms before purchasing.", "lecture", "ownership"),
    ("Sir, I have already told you twice, the system is showing the payment as successful.", "argue", "apology"),
    ("Please calm down, sir, shouting will not help.", "rush_calm_down", "reassure"),
    ("Sorry po for the delay, ma'am. I'll process the replacement today.", "time_commitment", "empty_apology"),
    ("Could you please confirm the date of delivery and the order ID?", "fact_question", "doubt_customer"),
    ("Kindly revert on the trail mail with the screenshot.", "fact_question", "rush_calm_down"),
    ("Just to confirm, you were charged on the 5th and again on the 7th, correct?", "check_understanding", "argue"),
    ("Your issue is under process. Please wait for some time.", "vague", "hold_politely"),
    ("Rest assured, we will get this resolved for you.", "reassure", "vague"),
    ("It's not possible from our end, sir. Kindly understand.", "refusal", "ownership"),
    ("I hear you, and honestly, I'd be upset too if I were in your shoes.", "acknowledge_feelings", "argue"),
    ("Going forward, I'll make sure this doesn't happen again, and I've added a note to your account.",
     "prevention", "vague"),
    ("May I place your call on hold for 2 minutes while I check with my supervisor?", "concrete_action",
     "unowned_handover"),
    # Expectations corrected after the run (see the module docstring).
    ("I'm sorry you feel that way.", "deny_responsibility", "ownership"),
    ("I do apologize for the inconvenience caused. A ticket has been raised and the concerned team will get back to you.",
     "unowned_handover", "time_commitment"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "direction"), [
    ("I completely understand your frustration, and I'd be more than happy to assist you with this.", "down"),
    ("Rest assured, I have escalated this to the concerned team and they will revert within 24-48 business hours.", "down"),
    ("As per policy, we cannot process a refund after 7 days.", "up"),
    ("With all due respect, sir, you should have read the terms before purchasing.", "up"),
    ("Ticket raised: SR-40921. I will personally call you tomorrow by 11 AM with an update.", "down"),
    ("Sir, I have already told you twice, the system is showing the payment as successful.", "up"),
    ("Please calm down, sir, shouting will not help.", "up"),
    ("May I place your call on hold for 2 minutes while I check with my supervisor?", "down"),
    ("Thank you for your patience on the line. I have checked and the amount was deducted twice due to a technical error at our end.",
     "down"),
    ("Sorry po for the delay, ma'am. I'll process the replacement today.", "down"),
    ("Could you please confirm the date of delivery and the order ID?", "down"),
    ("Please note that the same was already informed to you earlier.", "up"),
    ("I've gone ahead and applied a $20 credit to your account for the trouble.", "down"),
    ("Just to confirm, you were charged on the 5th and again on the 7th, correct?", "down"),
    ("Hi, this is Rahul from the billing team, and I'll be handling your case end to end.", "down"),
    ("Your issue is under process. Please wait for some time.", "up"),
    ("It's not possible from our end, sir. Kindly understand.", "up"),
    ("I hear you, and honestly, I'd be upset too if I were in your shoes.", "down"),
    ("Not sure why you weren't informed, maybe you missed our SMS.", "up"),
    ("I'm sorry you feel that way.", "up"),
    ("Going forward, I'll make sure this doesn't happen again, and I've added a note to your account.", "down"),
    ("Unfortunately this is beyond my scope, you'll have to contact the bank.", "up"),
    ("That's the delivery partner's issue, not ours; please raise a complaint with them.", "up"),
    ("Your order got delayed because the warehouse missed the dispatch cut-off; I've now marked it for priority shipping.",
     "down"),
])
def test_round1_moves_every_customer_stays(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.xfail(strict=True, reason=(
    "'I will personally' is ownership (§2.3) and 'call you' after it cannot count again "
    "(leftmost-longest), as tests/test_verdicts_en_uk.py leaves 'I'll personally ring you'; the "
    "commitment itself is read (time_commitment)"))
def test_round1_personally_call_is_follow_up(rules):
    assert "follow_up" in present(rules, "Ticket raised: SR-40921. I will personally call you tomorrow by 11 AM with an update.")


@pytest.mark.xfail(strict=True, reason=(
    "the policy named reads as the §5 phrase whatever follows, as 按规定 and 'our policy' already "
    "do in the lexicon; telling a policy that grants from one that refuses needs the clause"))
def test_round1_policy_that_grants_is_not_hiding(rules):
    assert "hide_behind_policy" not in present(rules, "As per policy, you are entitled to a full refund.")


# ------------------------------------------------------------------ round 2 (18 of 31 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 commanding tone: "kindly cooperate", "don't raise your voice".
    ("Sir, kindly cooperate. I am only trying to help you.", "rush_calm_down"),
    ("Please don't raise your voice, I am trying my best.", "rush_calm_down"),
    # §5 arguing: told it was answered already (已经回复过您了).
    ("We have already replied to your query on the 3rd. Kindly check your inbox.", "argue"),
    # §5 我们向来都是这么做的: "this is how the system works".
    ("I understand, but this is how the system works, sir.", "hide_behind_policy"),
    # §5 stress what was done ("already" is skipped like "just"); §4 keep the customer informed.
    ("I'm so sorry for the trouble, ma'am. I've already credited the 500 pesos back to your account, and you'll get an SMS once it reflects.",
     "concrete_action"),
    ("I'm so sorry for the trouble, ma'am. I've already credited the 500 pesos back to your account, and you'll get an SMS once it reflects.",
     "follow_up"),
    ("Your refund has been initiated and will reflect in your source account within 7-10 working days.", "concrete_action"),
    # §5 我不能: "we are not authorized to".
    ("Sorry, but we are not authorized to do that.", "negative_language"),
    # §3 promise an answer by an agreed time: a call promised for a named colleague, with a time.
    ("Let me loop in my supervisor, she'll call you within the next hour.", "time_commitment"),
    # §7 engineer was rude: promise an internal review.
    ("I truly regret the experience you had with our technician; he should not have spoken to you that way, and I've reported it to his manager.",
     "concrete_action"),
    # §3.3 options, the choice left to the customer.
    ("We can either send a replacement by Friday or issue a full refund today, whichever you prefer.", "offer_options"),
    # §5 refusing outright; 系统出故障了 as the excuse.
    ("This is a system-generated issue, nothing can be done manually.", "refusal"),
    ("This is a system-generated issue, nothing can be done manually.", "excuse"),
    # §4 state how long it will take: the turnaround time stated is a time.
    ("Kindly note that the TAT for such requests is 7 working days.", "concrete_time"),
    # §5 show urgency: the check made in person ("I have" read as "I've").
    ("I have personally checked with the warehouse and your parcel left this morning; it should reach you by tomorrow evening.",
     "concrete_action"),
    # §2.3 see it through: staying on the line until it works.
    ("No problem po, I'll reset your password right away and stay on the line until you can log in.", "ownership"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "not_want"), [
    ("I'm so sorry for the trouble, ma'am. I've already credited the 500 pesos back to your account, and you'll get an SMS once it reflects.",
     "empty_apology"),
    ("Let me loop in my supervisor, she'll call you within the next hour.", "unowned_handover"),
])
def test_round2_absent_misfire(rules, text, not_want):
    assert not_want not in present(rules, text)


@pytest.mark.parametrize(("text", "direction"), [
    ("We have already replied to your query on the 3rd. Kindly check your inbox.", "up"),
    ("I understand, but this is how the system works, sir.", "up"),
    ("Let me loop in my supervisor, she'll call you within the next hour.", "down"),
    ("I truly regret the experience you had with our technician; he should not have spoken to you that way, and I've reported it to his manager.",
     "down"),
    ("Unfortunately, we do not have any update at the moment. Please check back after 2 days.", "up"),
])
def test_round2_moves_every_customer_misfire(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the round's fixes: "have" as a verb of its own keeps its words; "already" in
    # a question is no action; a check asked of the customer is none of the agent's.
    ("Can I have your order ID, please?", "fact_question", "concrete_action"),
    ("I have to decline this request.", "refusal", "ownership"),
    ("I have no idea why it did that.", "forbidden_phrase", "concrete_action"),
    ("Have you already tried restarting the router?", None, "concrete_action"),
    ("Have you personally checked the fuse?", None, "concrete_action"),
    ("You reported it to the store last week?", None, "concrete_action"),
    ("This is a system-generated email, please do not reply.", None, "excuse"),
    ("Let me explain how it works: the refund goes to your card first.", None, "hide_behind_policy"),
    ("I'll check back with you tomorrow.", "time_commitment", "rush_calm_down"),
    ("I'm sorry you were informed wrongly about the charges.", "apology", "argue"),
    ("Someone will call you back.", "unowned_handover", "time_commitment"),
    # Read right on the first run.
    ("Thank you for reaching out! I'd be more than happy to look into this for you. May I have your account number, please?",
     "fact_question", "vague"),
    ("I apologize for the inconvenience this has caused you. Please be assured that your concern has been forwarded to the appropriate department.",
     "unowned_handover", "time_commitment"),
    ("Please be patient, your complaint is in queue and will be addressed in due course.", "vague", "time_commitment"),
    ("I will surely look into this and revert at the earliest.", "vague", "time_commitment"),
    ("As discussed over the call, we will send a technician on Saturday between 10 and 12.", "time_commitment", "argue"),
    ("That's weird, it's working fine on our end.", "deny_responsibility", "ownership"),
    ("You should have contacted us within 48 hours of delivery as mentioned in the T&C.", "lecture", "ownership"),
    ("Could you walk me through what happened when you tried to log in?", "fact_question", "blame_customer"),
    ("Hi, my name is Joy and I'll be your point of contact for this case.", "ownership", "vague"),
    ("Your request has been escalated to the concerned team. Kindly wait for their response.",
     "unowned_handover", "time_commitment"),
    ("I totally get it, waiting three days for an update is not okay.", "acknowledge_feelings", "argue"),
    ("Thanks for bearing with me! So to recap: the replacement ships tomorrow and I'll email you the tracking number.",
     "summarise", "vague"),
    ("Hold on, let me pull up your details.", "hold_politely", "rush_calm_down"),
    ("Kindly note that the TAT for such requests is 7 working days.", None, "vague"),
    # Expectation corrected after the run (see the module docstring).
    ("Ma'am, there is nothing more I can do from my side.", "negative_language", "ownership"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "direction"), [
    ("Thank you for reaching out! I'd be more than happy to look into this for you. May I have your account number, please?",
     "down"),
    ("Sir, kindly cooperate. I am only trying to help you.", "up"),
    ("Please be patient, your complaint is in queue and will be addressed in due course.", "up"),
    ("As discussed over the call, we will send a technician on Saturday between 10 and 12.", "down"),
    ("I'm so sorry for the trouble, ma'am. I've already credited the 500 pesos back to your account, and you'll get an SMS once it reflects.",
     "down"),
    ("Your refund has been initiated and will reflect in your source account within 7-10 working days.", "down"),
    ("Sorry, but we are not authorized to do that.", "up"),
    ("That's weird, it's working fine on our end.", "up"),
    ("You should have contacted us within 48 hours of delivery as mentioned in the T&C.", "up"),
    ("Could you walk me through what happened when you tried to log in?", "down"),
    ("Hi, my name is Joy and I'll be your point of contact for this case.", "down"),
    ("Your request has been escalated to the concerned team. Kindly wait for their response.", "up"),
    ("I totally get it, waiting three days for an update is not okay.", "down"),
    ("Ma'am, there is nothing more I can do from my side.", "up"),
    ("We can either send a replacement by Friday or issue a full refund today, whichever you prefer.", "down"),
    ("Thanks for bearing with me! So to recap: the replacement ships tomorrow and I'll email you the tracking number.", "down"),
    ("Please don't raise your voice, I am trying my best.", "up"),
    ("This is a system-generated issue, nothing can be done manually.", "up"),
    ("Hold on, let me pull up your details.", "down"),
    ("I have personally checked with the warehouse and your parcel left this morning; it should reach you by tomorrow evening.",
     "down"),
    ("No problem po, I'll reset your password right away and stay on the line until you can log in.", "down"),
])
def test_round2_moves_every_customer_stays(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.xfail(strict=True, reason=(
    "'he should not have spoken to you that way' admits the technician was wrong (§5 admit a "
    "mistake at once), but 'he shouldn't have' is as often the colleague blamed (§5 blaming "
    "colleagues); the lexicon lists only 'we / I should not have' as ownership"))
def test_round2_colleague_wrong_admitted_is_ownership(rules):
    assert "ownership" in present(rules, (
        "I truly regret the experience you had with our technician; he should not have spoken to you "
        "that way, and I've reported it to his manager."))


@pytest.mark.xfail(strict=True, reason=(
    "'as per our records' is also the neutral way to give a fact (as per our records, your plan "
    "renews on the 5th); doubting the customer (§5) here lies in 'Again, sir' and the contradiction, "
    "not in words a phrase can hold"))
def test_round2_delivered_as_per_records_doubts(rules):
    assert "doubt_customer" in present(rules, "Again, sir, the order was delivered as per our records.")


@pytest.mark.xfail(strict=True, reason=(
    "'you were informed about…' insists the customer was told (§5 insisting on being right), but "
    "the same words acknowledge the fact in 'I can see you were informed that the engineer would "
    "come on Tuesday, and he didn't'; only 'already / duly / clearly informed' are listed"))
def test_round2_you_were_informed_argues(rules):
    assert "argue" in present(rules, "Per our records, you were informed about the charges at the time of purchase.")


# ------------------------------------------------------------------ round 3 (17 of 31 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §3.1 ask about the facts: verified, asked who is speaking, asked to elaborate.
    ("For your security, can you please verify the last four digits of the card on file?", "fact_question"),
    ("I'd be glad to help! Before we proceed, may I know who I'm speaking with?", "fact_question"),
    ("Could you please elaborate on the issue you are facing?", "fact_question"),
    # §5 doubting the customer's honesty: "any such request".
    ("Kindly be informed that we have not received any such request from your end.", "doubt_customer"),
    # §3.5 thank them (Tagalog "salamat po"); §5 stress what was done (the unit dispatched).
    ("Salamat po for your patience! Your replacement unit has been dispatched and will arrive within 3-5 business days.",
     "thank_complaint"),
    ("Salamat po for your patience! Your replacement unit has been dispatched and will arrive within 3-5 business days.",
     "concrete_action"),
    ("Salamat po for your patience! Your replacement unit has been dispatched and will arrive within 3-5 business days.",
     "time_commitment"),
    # §5 not admitting, blaming colleagues: "I am not the one who made the mistake".
    ("Again, I am not the one who made the mistake, so please don't shout at me.", "deny_responsibility"),
    # §2.2 the feeling seen, the trouble owned, what they were made to do.
    ("I can see the frustration in your message, and I'm sorry we've put you through this.", "acknowledge_feelings"),
    ("I'm really sorry, I know this is the third time you've had to call us about this.", "acknowledge_feelings"),
    # §5 arguing and lecturing: "that's not what I said", "read my message again".
    ("That's not what I said, sir. Please read my message again.", "argue"),
    ("That's not what I said, sir. Please read my message again.", "lecture"),
    # §4 keep the customer informed: "share an update by EOD".
    ("Please do not worry, ma'am. I will escalate this on priority and share an update by EOD.", "follow_up"),
    # §5 implying the customer is at fault: the wrong detail put on them.
    ("It seems you have entered the wrong pin code while placing the order.", "blame_customer"),
    # §4 不得推诿; §7 send an engineer rather than the customer.
    ("You will have to visit the service center with the invoice.", "pass_the_buck"),
    # §5 admit a mistake at once: "this delay is on us".
    ("Let me be honest with you: this delay is on us, and I'm sorry.", "ownership"),
    # §5 calm tone, let them vent.
    ("No need to get so worked up, it's just a delay of two days.", "rush_calm_down"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "not_want"), [
    # "put you through this" is trouble caused, not a transfer (§5 hand over).
    ("I can see the frustration in your message, and I'm sorry we've put you through this.", "unowned_handover"),
    ("Let me be honest with you: this delay is on us, and I'm sorry.", "empty_apology"),
])
def test_round3_absent_misfire(rules, text, not_want):
    assert not_want not in present(rules, text)


@pytest.mark.parametrize(("text", "direction"), [
    ("Salamat po for your patience! Your replacement unit has been dispatched and will arrive within 3-5 business days.", "down"),
    ("I can see the frustration in your message, and I'm sorry we've put you through this.", "down"),
    ("Let me be honest with you: this delay is on us, and I'm sorry.", "down"),
    # §4 updates at a stated interval: "every 24 hours" is a time, so the team named is no hand-over nobody owns.
    ("Please bear with us while our technical team works on a permanent fix. We'll update you every 24 hours.", "down"),
])
def test_round3_moves_every_customer_misfire(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the round's fixes.
    ("If you entered the wrong pin code, I can correct it for you.", None, "blame_customer"),   # supposed, to put right
    ("If you've entered the wrong pin code, don't worry, I can change it.", "reassure", "blame_customer"),
    ("Please verify your email address by clicking the link we sent.", None, "fact_question"),  # an instruction
    ("Your replacement has not been dispatched yet, I'm sorry.", "apology", "concrete_action"),
    ("Let me put you through to my supervisor.", "handover", "acknowledge_feelings"),         # a transfer
    ("The delivery is on us.", None, "ownership"),
    ("I'll check back with the branch and share an update by 4 pm.", "time_commitment", "pass_the_buck"),
    # Read right on the first run.
    ("I sincerely apologize for the inconvenience. I have gone ahead and scheduled a technician for tomorrow between 9 AM and 12 PM.",
     "time_commitment", "empty_apology"),
    ("Just following up on my previous email, which you may have missed.", "blame_customer", "ownership"),
    ("Sorry for the inconvenience, ma'am, but that's the policy of the company.", "hide_behind_policy", "ownership"),
    ("Noted on this, sir. I'll check with the billing team and get back to you before 5 PM today.",
     "time_commitment", "unowned_handover"),
    ("Unfortunately, the warranty has lapsed, so the repair will be chargeable. However, I can offer you a 20% discount on the service fee.",
     "compensation", "refusal"),
    ("I will make sure this gets resolved today itself.", "time_commitment", "vague"),
    ("Hi there! I'm Mark, and I'll be assisting you today. I see you were double-charged, let me fix that for you right now.",
     "introduce_self", "blame_customer"),
    ("I'm afraid that's not possible, but what I can do is waive the delivery charge.", "can_do", "empty_apology"),
    ("We'll definitely look into it.", "vague", "time_commitment"),
    ("Your feedback is important to us and has been shared with the relevant team.", "unowned_handover", "time_commitment"),
    ("What is the exact error message you're seeing on the screen?", "fact_question", "doubt_customer"),
    ("I've shared your concern with my supervisor and she will call you back within 30 minutes.",
     "time_commitment", "unowned_handover"),
    ("As a goodwill gesture, we have added 5 GB of free data to your account.", "compensation", "refusal"),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "direction"), [
    ("I sincerely apologize for the inconvenience. I have gone ahead and scheduled a technician for tomorrow between 9 AM and 12 PM.",
     "down"),
    ("Just following up on my previous email, which you may have missed.", "up"),
    ("I'd be glad to help! Before we proceed, may I know who I'm speaking with?", "down"),
    ("Sorry for the inconvenience, ma'am, but that's the policy of the company.", "up"),
    ("Noted on this, sir. I'll check with the billing team and get back to you before 5 PM today.", "down"),
    ("Again, I am not the one who made the mistake, so please don't shout at me.", "up"),
    ("I will make sure this gets resolved today itself.", "down"),
    ("Please do not worry, ma'am. I will escalate this on priority and share an update by EOD.", "down"),
    ("Could you please elaborate on the issue you are facing?", "down"),
    ("Hi there! I'm Mark, and I'll be assisting you today. I see you were double-charged, let me fix that for you right now.",
     "down"),
    ("What is the exact error message you're seeing on the screen?", "down"),
    ("I've shared your concern with my supervisor and she will call you back within 30 minutes.", "down"),
    ("Sir, I'm not going to argue with you.", "up"),
    ("As a goodwill gesture, we have added 5 GB of free data to your account.", "down"),
    ("Kindly be informed that we have not received any such request from your end.", "up"),
    ("That's not what I said, sir. Please read my message again.", "up"),
    ("It seems you have entered the wrong pin code while placing the order.", "up"),
    ("You will have to visit the service center with the invoice.", "up"),
    ("No need to get so worked up, it's just a delay of two days.", "up"),
])
def test_round3_moves_every_customer_stays(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.xfail(strict=True, reason=(
    "'DM us' is read as a hand-over to a private channel (the lexicon's 私信 calibration on real "
    "helpdesk replies, §4 首问负责制), and 'your order details' is no listed fact noun: 'your order "
    "details have been emailed to you' gives them"))
def test_round3_details_asked_by_dm_are_a_fact_question(rules):
    assert "fact_question" in present(rules, (
        "We are extremely sorry to hear about your experience. Please DM us your order details so we can "
        "look into this."))


@pytest.mark.xfail(strict=True, reason=(
    "'check with your bank' sends the customer away (§4 不得推诿), but 'check with' is "
    "late-fix-release's need phrase (contact head office), and a negative phrase holding it would "
    "meet that need too (lint need-phrase-in-negative); 'contact your bank' reads"))
def test_round3_check_with_your_bank_passes_the_buck(rules):
    assert "pass_the_buck" in present(
        rules, "The refund was processed from our end on the 2nd; please check with your bank for the status.")


# ------------------------------------------------------------------ round 4 (13 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 apologise, in the letter's passive.
    ("The inconvenience caused is deeply regretted.", "apology"),
    # §5 stress what was done; "I'm escalating this now"; §1 compensation ("a token of apology").
    ("PFA the invoice as requested; the refund of Rs. 499 has been processed today.", "concrete_action"),
    ("Ma'am, I hear you. Three visits without a fix is unacceptable, and I'm escalating this to our service manager right now.",
     "concrete_action"),
    ("As a token of apology, we have credited 200 reward points to your account.", "compensation"),
    # §5 blaming others: "from the courier side", "from the manufacturer's end".
    ("Sir, please understand, the delay is from the courier side and not in our hands.", "deny_responsibility"),
    ("It's a known issue from the manufacturer's end, nothing we can do.", "deny_responsibility"),
    # §3.5 thank them.
    ("Thank you for your valuable feedback, we will definitely work on it.", "thank_complaint"),
    # §5 commanding tone: the line-cut threat.
    ("Kindly do not use such language, otherwise I will have to disconnect the call.", "rush_calm_down"),
    # §5 refusing outright: "not eligible".
    ("Your request for a refund is not eligible as per our terms and conditions.", "refusal"),
    # …with the terms as its reason (§3 when you cannot grant a request, say why; §7 explain the
    # contract terms): the expectation corrected after the run (see the module docstring).
    ("Your request for a refund is not eligible as per our terms and conditions.", "explain_reason"),
    # §4 不得推诿: sent to the toll-free line (请致电客服热线).
    ("For faster resolution, kindly call our toll-free number 1800-123-4567.", "unowned_handover"),
    # §3.1.
    ("What's the model number printed on the back of the unit?", "fact_question"),
    # §5 又怎么啦, said to a customer calling back.
    ("Sir, I already processed your refund yesterday, why are you calling again?", "forbidden_phrase"),
])
def test_round4_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round4_checking_with_a_team_is_no_unowned_handover_misfire(rules):
    # §3 put on hold politely while the agent checks (§7 confirm while the customer waits): the
    # team named is not the customer handed over.
    text = "Please hold the line, sir, I am checking with the technical team."
    assert "unowned_handover" not in present(rules, text)
    assert all(d < 0 for d in deltas(rules, text))


@pytest.mark.parametrize(("text", "direction"), [
    ("As a token of apology, we have credited 200 reward points to your account.", "down"),
    ("For faster resolution, kindly call our toll-free number 1800-123-4567.", "up"),
    ("It's a known issue from the manufacturer's end, nothing we can do.", "up"),
    ("Sir, I already processed your refund yesterday, why are you calling again?", "up"),
])
def test_round4_moves_every_customer_misfire(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the round's fixes.
    ("Once your return has been processed, you'll get an SMS.", "follow_up", "concrete_action"),  # awaited
    ("You can redeem your reward points on the app.", None, "compensation"),
    ("You are eligible for a full refund.", "compensation", "refusal"),
    ("The call got disconnected, sorry about that.", "apology", "rush_calm_down"),
    ("Thank you for calling our helpline today.", "thank_complaint", "unowned_handover"),
    ("I'm checking with the courier now.", "concrete_action", "handover"),
    # Read right on the first run.
    ("We will try our level best to resolve your issue at the earliest.", "vague", "time_commitment"),
    ("I request you to kindly share the screenshot of the error.", "fact_question", "rush_calm_down"),
    ("Your complaint has been forwarded to the concerned department and you will be contacted shortly.",
     "unowned_handover", "time_commitment"),
    ("I completely understand your concern. Let me check the status of your order right away.",
     "acknowledge_feelings", "vague"),
    ("I'm sorry, I'm new here and still learning the process.", "excuse", "ownership"),
    ("I have raised a priority ticket, reference number 88213, and I will personally call you by 4 PM.",
     "time_commitment", "vague"),
    ("Sir, this is not my department; I can only help you with billing.", "pass_the_buck", "ownership"),
    ("I apologise on behalf of our technician; I've arranged a different engineer for tomorrow morning.",
     "time_commitment", "empty_apology"),
    ("That's not possible, sir. The system doesn't allow it.", "hide_behind_policy", "explain_reason"),
    ("Please do not worry, your money is safe with us and will be refunded within 5-7 working days.",
     "time_commitment", "refusal"),
    ("Sure, ma'am! I've updated your delivery address, and you'll receive a confirmation email in a few minutes.",
     "follow_up", "vague"),
    ("I'll be honest, I don't have an answer right now, but I will find out and call you back before 6 PM.",
     "time_commitment", "vague"),
    ("Ugh, not this again. What is it now?", "forbidden_phrase", "fact_question"),
    ("I'll keep this ticket open and personally update you every morning until the part arrives.",
     "follow_up", "vague"),
    ("We appreciate your patience and understanding. Have a nice day!", "thank_complaint", "rush_calm_down"),
])
def test_round4_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "direction"), [
    ("We will try our level best to resolve your issue at the earliest.", "up"),
    ("I request you to kindly share the screenshot of the error.", "down"),
    ("PFA the invoice as requested; the refund of Rs. 499 has been processed today.", "down"),
    ("Your complaint has been forwarded to the concerned department and you will be contacted shortly.", "up"),
    ("Sir, please understand, the delay is from the courier side and not in our hands.", "up"),
    ("I completely understand your concern. Let me check the status of your order right away.", "down"),
    ("I'm sorry, I'm new here and still learning the process.", "up"),
    ("I have raised a priority ticket, reference number 88213, and I will personally call you by 4 PM.", "down"),
    ("Sir, this is not my department; I can only help you with billing.", "up"),
    ("Kindly do not use such language, otherwise I will have to disconnect the call.", "up"),
    ("I apologise on behalf of our technician; I've arranged a different engineer for tomorrow morning.", "down"),
    ("That's not possible, sir. The system doesn't allow it.", "up"),
    ("Please do not worry, your money is safe with us and will be refunded within 5-7 working days.", "down"),
    ("Ma'am, I hear you. Three visits without a fix is unacceptable, and I'm escalating this to our service manager right now.",
     "down"),
    ("Sure, ma'am! I've updated your delivery address, and you'll receive a confirmation email in a few minutes.", "down"),
    ("What's the model number printed on the back of the unit?", "down"),
    ("I'll be honest, I don't have an answer right now, but I will find out and call you back before 6 PM.", "down"),
    ("Ugh, not this again. What is it now?", "up"),
    ("I'll keep this ticket open and personally update you every morning until the part arrives.", "down"),
])
def test_round4_moves_every_customer_stays(rules, text, direction):
    moved = deltas(rules, text)
    assert all((d < 0) if direction == "down" else (d > 0) for d in moved), moved
