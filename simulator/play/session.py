"""The practice session: brief, opening line, then reply → answer, meter and reason, until an outcome.

Order of work for every reply: judge it (pure engine step), append the turn to
the transcript and fsync it, and only then show the customer's answer. However
the session ends — an outcome, /quit, end of input, /restart, Ctrl-C, a closed
terminal or a crash — the same ending runs: footer, report (rendered from the
transcript, so ``complaint-sim report`` gives the same bytes), history row.
"""

from __future__ import annotations

import getpass
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator import paths
from simulator.console import fmt, meter, sparkline
from simulator.engine import Rulebook, SessionState, Turn, opening, start, step
from simulator.engine.state import headline_first
from simulator.errors import InputError, SimError
from simulator.history import SessionRow, record
from simulator.i18n import pick, t
from simulator.play.interrupts import interrupts_held, stop_signals_interrupt
from simulator.play.journal import Journal
from simulator.play.terminal import LineReader, Screen
from simulator.reasons import change_reason
from simulator.report import render_transcript
from simulator.report.transcript import footer_record, header_record, now, turn_record
from simulator.scoring import Scorecard, score_session

# Seeds drawn when none is given stay below 2**31 so they are easy to retype.
SEED_LIMIT = 2**31
COMMANDS = ("/hint", "/restart", "/quit", "/help")


@dataclass(frozen=True)
class SessionOptions:
    scenario: str | None = None
    persona: str | None = None
    seed: int | None = None
    lang: str = "zh"
    trainee: str | None = None
    report: str | None = None  # path; default: the user data dir
    transcript: str | None = None
    db: str | None = None  # history database; default: the user data dir
    history: bool = True
    content: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attempt:
    """One attempt at the scenario, as it ended."""

    transcript: Path
    report: Path | None
    ended_by: str
    outcome: str | None
    turns: int
    scorecard: Scorecard
    errors: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SessionResult:
    scenario: str
    persona: str
    seed: int
    attempts: tuple[Attempt, ...]

    @property
    def last(self) -> Attempt:
        return self.attempts[-1]


def default_trainee() -> str:
    try:
        return getpass.getuser() or "trainee"
    except Exception:  # no user name in this environment (containers, odd platforms)
        return "trainee"


def choose_pairing(rules: Rulebook, scenario: str | None, persona: str | None, seed: int) -> tuple[str, str]:
    """The scenario and persona asked for, or drawn from the seed (same seed, same draw)."""
    rng = np.random.default_rng([seed, 0x504C4159])  # salt: "PLAY", so replies use other streams
    scenarios = sorted(rules.content.scenarios)
    personas = sorted(rules.content.personas)
    s_pick = scenarios[int(rng.integers(len(scenarios)))]
    p_pick = personas[int(rng.integers(len(personas)))]
    sid = scenario or s_pick
    pid = persona or p_pick
    rules.content.scenario(sid)  # unknown names fail here, before anything is written
    rules.content.persona(pid)
    return sid, pid


def run_session(rules: Rulebook, opts: SessionOptions, reader: LineReader, screen: Screen) -> SessionResult:
    """Play until an outcome, /quit or end of input; /restart starts a new attempt."""
    seed = opts.seed if opts.seed is not None else secrets.randbelow(SEED_LIMIT)
    scenario, persona = choose_pairing(rules, opts.scenario, opts.persona, seed)
    trainee = opts.trainee or default_trainee()
    attempts: list[Attempt] = []
    while True:
        attempt = _attempt(rules, opts, reader, screen, scenario, persona, seed, trainee, len(attempts) + 1)
        attempts.append(attempt)
        if attempt.ended_by != "restart":
            return SessionResult(scenario, persona, seed, tuple(attempts))
        screen.line()
        screen.line(t("play.restarting", opts.lang), bold=True)


class _Session:
    """The mutable bits of one attempt, kept in one place."""

    def __init__(self, state: SessionState, journal: Journal) -> None:
        self.first = state
        self.state = state
        self.journal = journal
        self.turns: list[Turn] = []
        self.hints = 0

    def add(self, turn: Turn) -> None:
        """Keep a turn: on disk first (flushed and fsynced), then in memory, never only one."""
        with interrupts_held(reraise=True):
            self.journal.write(turn_record(turn.to_dict(), now()))
            self.turns.append(turn)
            self.state = turn.state


def _paths(opts: SessionOptions, stem: str, n: int) -> tuple[Path, Path]:
    def numbered(p: Path) -> Path:
        return p if n == 1 else paths.unique_path(p.with_name(f"{p.stem}-{n}{p.suffix}"))

    if opts.transcript:
        transcript = numbered(Path(opts.transcript))
    else:
        transcript = paths.unique_path(paths.sessions_dir() / f"{stem}.jsonl")
    report = numbered(Path(opts.report)) if opts.report else paths.reports_dir() / f"{transcript.stem}.html"
    return transcript, report


def _attempt(
    rules: Rulebook, opts: SessionOptions, reader: LineReader, screen: Screen,
    scenario: str, persona: str, seed: int, trainee: str, n: int,
) -> Attempt:
    lang = opts.lang
    started = now()
    state = start(rules, scenario, persona, seed=seed, lang=lang)
    first_words = opening(state)
    transcript, report = _paths(opts, paths.session_stem(started, scenario, persona), n)
    header = header_record(
        scenario=scenario, persona=persona, lang=lang, seed=seed, trainee=trainee, started_at=started,
        opening=first_words, content=[str(Path(c).resolve()) for c in opts.content],
    )
    journal = Journal(transcript)
    journal.write(header)
    s = _Session(state, journal)
    ended_by = "eof"
    crash: BaseException | None = None
    try:
        with stop_signals_interrupt():
            _brief(rules, screen, s.state, first_words, seed)
            ended_by = _loop(rules, reader, screen, s)
    except KeyboardInterrupt:  # Ctrl-C, or Stopped (terminal closed, SIGTERM)
        ended_by = "interrupted"
        screen.line()
        screen.line(t("play.interrupted", lang), bold=True)
    except Exception as exc:  # a bug must not lose the session: end it, then report the error
        ended_by = "error"
        crash = exc
    with interrupts_held():
        attempt = _finish(rules, opts, screen, s, header, report, ended_by)
    if isinstance(crash, SimError):
        raise crash  # already a one-line message (a full disk, say); the session so far is saved
    if crash is not None:
        raise SimError(
            t("play.crashed", lang, error=f"{type(crash).__name__}: {crash}", transcript=attempt.transcript)
        ) from crash
    return attempt


def _brief(rules: Rulebook, screen: Screen, state: SessionState, first_words: str, seed: int) -> None:
    lang = state.lang
    pair = rules.pairing(state.scenario, state.persona)
    screen.line(t("play.title", lang, scenario=pick(pair.scenario.title, lang)), bold=True)
    screen.line(t("play.situation", lang, text=pick(pair.scenario.situation, lang)))
    screen.line(t("play.persona", lang, name=pick(pair.persona.name, lang), summary=pick(pair.persona.summary, lang)))
    screen.line(t("play.start_meter", lang, meter=meter(state.anger, rules.band(state.anger), colour=screen.colour),
                  band=t(f"report.band.{rules.band(state.anger)}", lang), patience=state.patience, seed=seed))
    screen.line(t("play.help_hint", lang), fg="cyan")
    screen.line()
    screen.line(t("play.customer_says", lang, text=first_words), bold=True)


def _toolbar(rules: Rulebook, s: _Session) -> str:
    st = s.state
    return t("play.toolbar", st.lang, anger=fmt(st.anger), band=t(f"report.band.{rules.band(st.anger)}", st.lang),
             turn=st.turn + 1, patience=st.patience)


def _loop(rules: Rulebook, reader: LineReader, screen: Screen, s: _Session) -> str:
    lang = s.state.lang
    while True:
        line = reader.read(t("play.prompt", lang), _toolbar(rules, s))
        if line is None:
            return "eof"
        text = line.strip()
        if not text:
            continue
        if not reader.interactive:
            screen.line(t("play.you_said", lang, n=s.state.turn + 1, text=text))
        if text.startswith("/"):
            command = text.split()[0].lower()
            if command == "/quit":
                return "quit"
            if command == "/restart":
                return "restart"
            if command == "/hint":
                _hint(rules, screen, s)
            elif command == "/help":
                screen.line(t("play.help", lang))
            else:
                screen.line(t("play.unknown_command", lang, command=command, commands=" ".join(COMMANDS)), fg="yellow")
            continue
        try:
            turn = step(s.state, text)
        except InputError as exc:  # e.g. a reply over the length limit: say so, keep playing
            screen.line(t("play.reply_refused", lang, message=exc), fg="yellow")
            continue
        s.add(turn)  # on disk before the customer answers
        _show_turn(rules, screen, turn)
        if turn.outcome is not None:
            return "outcome"


def _show_turn(rules: Rulebook, screen: Screen, turn: Turn) -> None:
    lang = turn.state.lang
    if turn.reply:
        screen.line(t("play.customer_says", lang, text=turn.reply), bold=True)
    band = rules.band(turn.anger_after)
    screen.line("  " + meter(turn.anger_after, band, turn.anger_before, colour=screen.colour)
                + "  " + t(f"report.band.{band}", lang))
    changes = headline_first(turn.changes, turn.anger_after - turn.anger_before)
    reason = change_reason(rules, changes[0], lang, turn.state.scenario) if changes else t("play.no_change", lang)
    more = t("play.more_reasons", lang, n=len(changes) - 1) if len(changes) > 1 else ""
    screen.line("  " + t("play.anger_line", lang, before=fmt(turn.anger_before), after=fmt(turn.anger_after),
                         reason=reason) + more)


def _hint(rules: Rulebook, screen: Screen, s: _Session) -> None:
    """The persona's strategy first, then its tips in turn, and the first need still open."""
    lang = s.state.lang
    pair = rules.pairing(s.state.scenario, s.state.persona)
    tips = [pick(pair.persona.strategy, lang), *getattr(pair.persona.hints, lang)]
    screen.line(t("play.hint", lang, tip=tips[s.hints % len(tips)]), fg="cyan")
    open_needs = [n for n in pair.scenario.needs if n.id not in s.state.needs_met]
    if open_needs:
        screen.line(t("play.hint_need", lang, need=pick(open_needs[0].description, lang)), fg="cyan")
    s.hints += 1


def _finish(
    rules: Rulebook, opts: SessionOptions, screen: Screen, s: _Session, header: dict[str, Any],
    report: Path, ended_by: str,
) -> Attempt:
    journal = s.journal
    lang = s.state.lang
    last = s.turns[-1] if s.turns else None
    outcome = last.outcome.value if last and last.outcome else None
    complete = outcome is not None
    ended_at = now()
    errors: list[str] = []
    try:
        journal.write(footer_record(outcome=outcome, ended_at=ended_at, complete=complete, ended_by=ended_by,
                                    turns=len(s.turns), hints=s.hints))
    except SimError as exc:
        errors.append(t("play.footer_failed", lang, error=exc))
    finally:
        journal.close()
    card = score_session(rules, s.state.scenario, s.state.persona, s.turns, complete=complete)
    written: Path | None = None
    try:
        _, written = render_transcript(rules, journal.path, report, lang=lang)
    except Exception as exc:  # the transcript is safe; a report bug must not cost the history row
        errors.append(t("play.report_failed", lang, error=exc))
    if opts.history:
        try:
            record(opts.db or paths.history_db(), SessionRow(
                session_id=header["session_id"], trainee=header["trainee"], scenario=header["scenario"],
                persona=header["persona"], lang=lang, seed=header["seed"], started_at=header["started_at"],
                ended_at=ended_at.isoformat(), turns=len(s.turns), outcome=outcome, complete=complete,
                ended_by=ended_by, total=card.total if s.turns else None, pass_mark=card.pass_mark,
                passed=card.passed if s.turns else None, transcript=str(journal.path.resolve()),
                report=str(written.resolve()) if written else None, version=header["version"],
                anger_start=s.first.anger, anger_end=s.state.anger,
                dimensions=tuple((d.id, d.score, d.weight) for d in card.dimensions),
            ))
        except Exception as exc:  # e.g. a locked or damaged database: say so, keep the session
            errors.append(t("play.history_failed", lang, error=exc))
    _summary(rules, screen, s, card, ended_by, journal.path, written)
    for e in errors:
        screen.line(e, fg="yellow", err=True)
    return Attempt(journal.path, written, ended_by, outcome, len(s.turns), card, tuple(errors))


def _summary(
    rules: Rulebook, screen: Screen, s: _Session, card: Scorecard, ended_by: str,
    transcript: Path, report: Path | None,
) -> None:
    lang = s.state.lang
    screen.line()
    label = t(f"outcome.{card.outcome or 'incomplete'}", lang)
    screen.line(t("play.ended", lang, outcome=label), bold=True)
    if card.outcome in (None, "incomplete"):
        screen.line(t(f"report.status.{ended_by}", lang))
    if s.turns:
        complete = card.outcome not in (None, "incomplete")
        key = "report.partial" if not complete else "report.passed" if card.passed else "report.failed"
        colour = "yellow" if not complete else "green" if card.passed else "red"
        screen.line(t("play.score", lang, score=fmt(card.total), pass_mark=fmt(card.pass_mark), verdict=t(key, lang)),
                    fg=colour, bold=True)
        for d in card.dimensions:
            value = fmt(d.score) if d.score is not None else t("report.na", lang)
            screen.line("  " + t("play.dimension", lang, name=pick(d.name, lang), score=value))
        values = [s.first.anger] + [x.anger_after for x in s.turns]
        screen.line("  " + t("play.trajectory", lang, spark=sparkline(values),
                             trajectory=" → ".join(fmt(v) for v in values)))
    else:
        screen.line(t("play.no_turns", lang))
    if report is not None:
        screen.line(t("session.report_written", lang, path=report))
    screen.line(t("session.transcript_written", lang, path=transcript))
