"""Frozen, validated models of every content file.

These classes are the single source of truth for the file formats: the loader
validates YAML into them and ``complaint-sim schema`` publishes their JSON Schema.
Field descriptions end up in that schema, so they are written for trainers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,47}$"),
    Field(description="Lower-case id: letters, digits, '-' and '_', starting with a letter."),
]
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=400)]
Section = Annotated[
    str,
    StringConstraints(pattern=r"^§\d"),
    Field(description="The domain.md section this comes from, e.g. '§2.2' or '§5 负面语言'."),
]
Effect = Annotated[
    float,
    Field(ge=-50, le=50, description="Anger change in points (negative calms, positive angers)."),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SectionText(Strict):
    """A citation worded for each language's reports."""

    zh: Section
    en: Section


class Citation(str):
    """A domain.md citation: the string is its English wording, ``zh`` the Chinese one when given.

    A ``str``, so transcripts, JSON and comparisons see one stable citation; reports ask
    :meth:`worded` for the reader's language.
    """

    __slots__ = ("zh",)
    zh: str | None

    def __new__(cls, en: str, zh: str | None = None) -> Citation:
        self = super().__new__(cls, en)
        self.zh = zh
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Citation, (str(self), self.zh))

    def worded(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


def _citation(value: str | SectionText) -> Citation:
    return Citation(value.en, value.zh) if isinstance(value, SectionText) else Citation(value)


# Tags of the two spellings; the loader leaves them out of error locations.
CITATION_TAGS = ("§text", "§by-language")
if TYPE_CHECKING:  # what the validator returns, which is what code reads
    Cited = Citation
else:
    Cited = Annotated[
        Annotated[Section, Tag(CITATION_TAGS[0])] | Annotated[SectionText, Tag(CITATION_TAGS[1])],
        Discriminator(lambda v: CITATION_TAGS[1] if isinstance(v, dict | SectionText) else CITATION_TAGS[0]),
        AfterValidator(_citation),
        Field(description="The domain.md section this comes from: one citation (e.g. '§2.2 体谅情感'), "
              "or {zh, en} worded for each language's reports."),
    ]


class Text(Strict):
    """The same text in Chinese and English."""

    zh: Line
    en: Line


class Phrases(Strict):
    """Phrases per language, matched after normalisation (Traditional→Simplified, casefold)."""

    zh: list[Phrase] = Field(default_factory=list, max_length=400)
    en: list[Phrase] = Field(default_factory=list, max_length=400)


class Lines(Strict):
    """Alternative lines per language; one is picked with the session's seed."""

    zh: list[Line] = Field(min_length=1, max_length=50)
    en: list[Line] = Field(min_length=1, max_length=50)


# --------------------------------------------------------------------------- lexicon


class Derived(Strict):
    """A behaviour detected from other behaviours and signals in the same reply."""

    all_of: list[Id] = Field(default_factory=list, description="Every one of these must be present.")
    any_of: list[Id] = Field(default_factory=list, description="At least one of these must be present.")
    none_of: list[Id] = Field(default_factory=list, description="None of these may be present.")


class Setbacks(Strict):
    """What makes one of a behaviour's phrases the subject of a setback: reported, not done."""

    words: Phrases = Field(description="The setback (卡住, 没到账, failed, \"hasn't\").")
    between: Phrases = Field(
        default_factory=Phrases,
        description="Words that may stand between the phrase and the setback (还, 一直, is, still).",
    )


class Behaviour(Strict):
    """One thing a reply can do, with the phrases that show it."""

    id: Id
    name: Text
    polarity: Literal["positive", "negative", "neutral"]
    group: Literal["emotion", "problem", "language", "structure"] = Field(
        description="Score dimension it counts towards: emotion (§2), problem (§3/§4), "
        "language (§5) or structure (signals)."
    )
    section: Cited
    effect: Effect = Field(description="Default anger change; personas override it in `weights`.")
    reaction: Id = Field(
        description="Which reply pool the customer answers from when this is the biggest change."
    )
    negated_as: Id | None = Field(
        default=None,
        description="Behaviour the hit becomes when negated (不/没/not…); null cancels it.",
    )
    suppressed_by: list[Id] = Field(
        default_factory=list,
        description="Behaviours or signals that, present in the same reply, cancel this one.",
    )
    discounts_preceding: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Multiplies the calming effect of positive hits earlier in the reply "
        "(可是/但是 cancels what came before, §5).",
    )
    better: Text | None = Field(
        default=None, description="What to say instead (coaching), for negative behaviours."
    )
    example: Text | None = Field(
        default=None,
        description="A whole line a trainee could say instead (coaching runs the engine on it).",
    )
    stands_alone: bool = Field(
        default=True,
        description="The example and better lines read on their own, so coaching may add them to "
        "any reply; false when they answer something the customer said (a request, a claim) "
        "and only replace this behaviour's words.",
    )
    phrases: Phrases | None = None
    tone_words: Phrases | None = Field(
        default=None,
        description="Words whose sense depends on the reply around them (a laugh: 呵呵, haha): they "
        "count as this behaviour only in a reply with no calming move or with another harmful one; "
        "in a reply that only helps they are a friendly tone (呵呵，好的，马上帮您处理).",
    )
    light_tone_words: Phrases | None = Field(
        default=None,
        description="Words of a lighter tone (a hearty laugh: 哈哈, haha): they count as this behaviour "
        "only beside another harmful move (您自己没看说明书吧，哈哈); otherwise they laugh with the "
        "customer (嘿嘿，可以了就好，祝使用愉快).",
    )
    hedges: Phrases | None = Field(
        default=None,
        description="Phrases of this behaviour that hedge a promise (I'll try, might, 也许): a signal "
        "that suppresses the behaviour (a concrete time) does not excuse them, and a behaviour "
        "suppressed by this one is cancelled by them in their clause (a hedged time is no commitment).",
    )
    asked_only: Phrases | None = Field(
        default=None,
        description="Phrases that count as this behaviour only where they are asked for: in a question, or "
        "after a request in their clause (请提供您的订单号, \"what's your order number?\"); stated, they "
        "count as nothing (您的订单号已经处理了, \"your order number is 123\").",
    )
    look_alikes: Phrases | None = Field(
        default=None,
        description="Longer words that contain one of its phrases but mean something else (优惠活动 "
        "names a promotion, it gives nothing): they win the leftmost-longest choice and count as nothing.",
    )
    setbacks: Setbacks | None = Field(
        default=None,
        description="One of its phrases followed, in the same clause, by a setback word (with only "
        "`between` words in the gap) is the subject of a setback and counts as nothing: 您的退款卡住了, "
        "\"your refund hasn't gone through\" report the refund, they do not give it.",
    )
    derived: Derived | None = None


class Negation(Strict):
    max_gap: int = Field(
        ge=0, le=10, description="Most CJK characters or English words between negator and phrase."
    )
    negators: Phrases
    non_negators: Phrases = Field(
        default_factory=Phrases,
        description="Words that contain a negator but do not negate (不好意思, 无论, no problem).",
    )
    refusers: Phrases = Field(
        default_factory=Phrases,
        description=(
            "Negators that refuse what they negate (不能, 无法, can't): a scenario need phrase they"
            " negate is refused, not met, and counts as a refusal (不能给您复机)."
        ),
    )


class Signal(Strict):
    """A structural rule that is not a phrase: too short, repeated, shouting…"""

    id: Id
    name: Text
    polarity: Literal["positive", "negative", "neutral"]
    section: Cited
    effect: Effect
    reaction: Id


class SignalLimits(Strict):
    too_short_chars: int = Field(ge=0, le=50, description="Replies this short or shorter.")
    wall_of_text_chars: int = Field(ge=20, le=5000)
    shouting_exclamations: int = Field(ge=2, le=20)
    shouting_caps_ratio: float = Field(gt=0, le=1)
    needs_ignored_after: int = Field(ge=1, le=20, description="Turns before unmet needs count.")


class Lexicon(Strict):
    kind: Literal["lexicon"]
    version: Literal[1]
    negation: Negation
    behaviours: list[Behaviour] = Field(min_length=1)
    signals: list[Signal] = Field(default_factory=list)
    limits: SignalLimits


# --------------------------------------------------------------------------- persona


class Thresholds(Strict):
    resolve_at: float = Field(ge=0, le=100, description="Resolved once anger is at or below this and every need is met.")
    escalate_at: float = Field(ge=0, le=101, description="Asks for a manager at or above this (101: never).")
    walk_out_at: float = Field(ge=0, le=101, description="Walks out at or above this (101: never).")


class BandReplies(Strict):
    """Reply pools of one anger band, keyed by reaction (see behaviours' `reaction`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    improved: list[Line] = Field(min_length=1)
    worsened: list[Line] = Field(min_length=1)
    unchanged: list[Line] = Field(min_length=1)
    by_reaction: dict[Id, list[Line]] = Field(
        default_factory=dict, description="Pools for specific reactions, e.g. apology, offended."
    )


class LangReplies(Strict):
    calm: BandReplies
    annoyed: BandReplies
    angry: BandReplies
    furious: BandReplies


class Replies(Strict):
    zh: LangReplies
    en: LangReplies


class Endings(Strict):
    resolved: Lines
    escalated: Lines
    walked_out: Lines
    unresolved: Lines


class Persona(Strict):
    kind: Literal["persona"]
    id: Id
    name: Text
    section: Cited
    summary: Text
    strategy: Text = Field(description="The strategy a trainee must show (shown by /hint).")
    hints: Lines
    initial_anger: float = Field(ge=0, le=100)
    patience: int = Field(ge=1, le=50, description="Most turns before the session ends unresolved.")
    drift: float = Field(ge=-20, le=20, description="Anger added every turn as time passes.")
    repeat_factor: float = Field(
        gt=0, le=1, description="Each repeat of a calming behaviour is worth this times the last."
    )
    thresholds: Thresholds
    weights: dict[Id, Effect] = Field(
        default_factory=dict, description="Per behaviour or signal anger change, overriding the lexicon."
    )
    valued: list[Id] = Field(min_length=1, description="Behaviours this type rewards (persona-fit score).")
    hated: list[Id] = Field(min_length=1, description="Behaviours this type punishes (persona-fit score).")
    replies: Replies
    endings: Endings


# --------------------------------------------------------------------------- scenario


class Frame(Strict):
    """Words from each group in one clause: an act and its object read apart (恢复 … 电话).

    A need's phrases list whole wordings; a frame lists the parts, so 电话我这边已经恢复了 and
    "an engineer visit" meet the need without every arrangement of the words being listed.
    Negation reads the frame as it reads a phrase (电话恢复不了 meets nothing).
    """

    zh: list[list[Phrase]] = Field(default_factory=list, max_length=4)
    en: list[list[Phrase]] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _groups(self) -> Frame:
        for lang in ("zh", "en"):
            groups = getattr(self, lang)
            if len(groups) == 1:
                raise ValueError(f"{lang}: a frame needs two or more word groups (one group is a phrase list)")
            if any(not g for g in groups):
                raise ValueError(f"{lang}: a word group is empty")
        return self


class Need(Strict):
    """Something the customer needs addressed before the complaint is resolved."""

    id: Id
    description: Text
    section: Cited
    effect: Effect = Field(default=-8, description="Anger change the first time it is addressed.")
    behaviours: list[Id] = Field(
        default_factory=list, description="Behaviours that address this need."
    )
    phrases: Phrases = Field(default_factory=Phrases, description="Scenario phrases that address it.")
    frames: list[Frame] = Field(
        default_factory=list, max_length=8,
        description="Word groups that address it when a word of every group stands in one clause.",
    )


class Scenario(Strict):
    kind: Literal["scenario"]
    id: Id
    title: Text
    situation: Text
    section: Cited
    severity: Literal["general", "major"]
    stance: Literal["quality", "rational", "negotiator", "victim"] = Field(
        description="What the complainant wants (§1): quality=质量监督型 improvement, "
        "rational=理智型 a satisfactory answer, negotiator=谈判型 compensation, victim=受害型 sympathy."
    )
    nature: Literal["solve", "vent", "expectation", "defect"] = Field(
        description="Why they complain (§1): to solve a problem, to vent, out of an expectation, or a real defect."
    )
    opening: Lines
    facts: Lines = Field(description="What the customer tells when asked about the facts (§3.1).")
    needs: list[Need] = Field(min_length=1, max_length=12)


# --------------------------------------------------------------------------- engine and scoring


class Band(Strict):
    id: Literal["calm", "annoyed", "angry", "furious"]
    below: float = Field(gt=0, le=101)


class SeverityEffect(Strict):
    anger: float = Field(ge=-50, le=50)
    patience: int = Field(ge=-10, le=10)


class FeelingsFirst(Strict):
    min_anger: float = Field(ge=0, le=100)
    factor: float = Field(ge=0, le=1)
    section: Cited


class Jabs(Strict):
    behaviours: list[Id] = Field(min_length=1)
    section: Cited


class Engine(Strict):
    kind: Literal["engine"]
    bands: list[Band] = Field(min_length=4, max_length=4)
    severity: dict[Literal["general", "major"], SeverityEffect]
    stances: dict[Literal["quality", "rational", "negotiator", "victim"], dict[Id, float]] = Field(
        description="Multipliers on behaviours' effects by what the complainant wants (§1)."
    )
    natures: dict[Literal["solve", "vent", "expectation", "defect"], dict[Id, float]]
    feelings_first: FeelingsFirst
    jabs: Jabs | None = None


class Dimension(Strict):
    id: Literal["emotion", "problem", "language", "persona_fit", "outcome"]
    name: Text
    section: Cited
    weight: float = Field(ge=0, le=10)


class Scoring(Strict):
    kind: Literal["scoring"]
    pass_mark: float = Field(ge=0, le=100)
    dimensions: list[Dimension] = Field(min_length=5, max_length=5)
    emotion_steps: list[Id] = Field(min_length=1, description="The §2 three steps, as behaviours.")
    problem_steps: list[Id] = Field(min_length=1, description="The §3 problem-handling behaviours.")
    emptied_by: dict[Id, Id] = Field(
        default_factory=dict,
        description="A step (key) shown only in replies where this derived behaviour (value) also fired "
        "earns nothing: an apology with nothing behind it is no sincere apology (§5).",
    )
    language_penalty: float = Field(ge=0, le=100, description="Points off per negative language hit.")
    outcome_points: dict[Literal["resolved", "escalated", "walked_out", "unresolved"], float]
    fail_outcomes: list[Literal["escalated", "walked_out", "unresolved"]] = Field(
        default_factory=list,
        description="Outcomes that fail a session whatever its points: the customer was lost (§6).",
    )
    extra_turn_cost: float = Field(ge=0, le=50, description="Outcome points lost per turn beyond the fastest.")
    fastest_turns: int = Field(ge=1, le=10, description="Turns a model resolution takes.")
    hated_penalty: float = Field(ge=0, le=100, description="Persona-fit points lost per use of a behaviour this type hates.")
    feelings_first_penalty: float = Field(ge=0, le=100, description="Emotion points lost per problem move made before any feelings were handled.")


MODELS: dict[str, type[Strict]] = {
    "lexicon": Lexicon,
    "persona": Persona,
    "scenario": Scenario,
    "engine": Engine,
    "scoring": Scoring,
}


# --------------------------------------------------------------------------- exemplars


class ExemplarSet(Strict):
    """Canned trainee replies of a known quality, for the demo and calibration."""

    id: Id
    grade: Literal["good", "mediocre", "bad"]
    lang: Literal["zh", "en"]
    note: str = ""
    responses: list[Line] = Field(min_length=1, max_length=30)


class Exemplars(Strict):
    kind: Literal["exemplars"]
    scenario: Id
    sets: list[ExemplarSet] = Field(min_length=1)


MODELS["exemplars"] = Exemplars
