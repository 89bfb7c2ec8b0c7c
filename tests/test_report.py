"""The HTML report: data building, rendering, golden files, escaping, `report` (simulator/report, simulator/coaching).

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_report.py`` (see tests/golden/README.md).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from simulator.cli import cli
from simulator.coaching import improvements, quoted_examples, repair
from simulator.content import load_content
from simulator.engine import Rulebook, start, step
from simulator.errors import InputError, UnknownNameError
from simulator.i18n import messages
from simulator.play.journal import Journal
from simulator.report import SessionInput, render_transcript, session_html
from simulator.report.build import diff_segments, labels, replay, segments
from simulator.report.transcript import footer_record, header_record, read_transcript, turn_record

GOLDEN = Path(__file__).parent / "golden"
START = "2025-03-01T14:25:01+08:00"

# The golden sessions: a mix of good and bad replies so every part of the report shows.
GOLDEN_CASES = {
    "session-zh": dict(
        scenario="general-complaint", persona="domineering", lang="zh", seed=11, ended_by="quit",
        texts=[
            "您好，我是客服小王。不过这不是我们的问题。",
            "对不起，给您添麻烦了，我们会尽快处理的。",
            "我理解您的心情，这件事由我负责跟进。请问是什么时候开始的？",
            "我现在就帮您处理，今天下午三点前给您回电。",
        ],
    ),
    "session-en": dict(
        scenario="billing-error", persona="friendly", lang="en", seed=5, ended_by="interrupted",
        texts=[
            "Sorry, that's our policy, but we'll look into it as soon as possible.",
            "I understand how frustrating this is. Could you send me the payment receipt?",
            "Because the payment was not matched to your account, I'll restore your line right now.",
        ],
    ),
}


def write_transcript(
    path: Path, rules: Rulebook, *, scenario: str, persona: str, lang: str, seed: int, texts: list[str],
    ended_by: str = "quit", trainee: str = "小王", footer: bool = True,
) -> Path:
    """A transcript exactly as `play` writes one, with fixed times and id."""
    t0 = datetime.fromisoformat(START)
    state = start(rules, scenario, persona, seed=seed, lang=lang)
    from simulator.engine import opening

    with Journal(path) as j:
        j.write(header_record(scenario=scenario, persona=persona, lang=lang, seed=seed, trainee=trainee,
                              started_at=t0, opening=opening(state), session_id="0" * 32))
        n = 0
        for n, text in enumerate(texts, 1):
            if state.over:
                break
            turn = step(state, text)
            j.write(turn_record(turn.to_dict(), t0 + timedelta(seconds=40 * n)))
            state = turn.state
        if footer:
            outcome = state.outcome.value if state.outcome else None
            j.write(footer_record(outcome=outcome, ended_at=t0 + timedelta(seconds=40 * n + 25),
                                  complete=outcome is not None, ended_by="outcome" if outcome else ended_by,
                                  turns=state.turn, hints=1))
    return path


class Page(HTMLParser):
    """Tags with their attributes, and the text, of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        out = []
        for t, a in self.tags:
            if t != tag:
                continue
            if all((a.get(k.rstrip("_")) or "").split().count(v) if k.endswith("_") else a.get(k) == v
                   for k, v in attrs.items()):
                out.append(a)
        return out

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "complaint-sim"


# ----------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_report_matches_golden_file(name, rules, tmp_path):
    path = write_transcript(tmp_path / f"{name}.jsonl", rules, **GOLDEN_CASES[name])
    html, _ = render_transcript(rules, path, None)
    gold = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        gold.parent.mkdir(exist_ok=True)
        gold.write_text(html, "utf-8", newline="\n")
        (GOLDEN / f"{name}.jsonl").write_bytes(path.read_bytes())
    assert gold.exists(), f"missing {gold}; run UPDATE_GOLDEN=1 pytest tests/test_report.py"
    expected = gold.read_text("utf-8")
    assert html == expected, f"{gold.name} differs; if the change is intended: UPDATE_GOLDEN=1 pytest tests/test_report.py"


def test_golden_transcripts_are_kept_beside_their_reports():
    for name in GOLDEN_CASES:
        assert (GOLDEN / f"{name}.jsonl").exists()
        assert read_transcript(GOLDEN / f"{name}.jsonl").header["session_id"] == "0" * 32


# ----------------------------------------------------------------------------- determinism and the command


def test_same_transcript_same_bytes_and_play_report_equals_report_command(rules, tmp_path, data_home):
    t = tmp_path / "t.jsonl"
    r = CliRunner().invoke(cli, ["play", "-s", "general-complaint", "-p", "analytical", "--seed", "2",
                                 "--transcript", str(t), "--report", str(tmp_path / "played.html")],
                           input="您好，我理解您的心情\n请问是什么时候开始的？\n")
    assert r.exit_code == 0, r.output
    a = CliRunner().invoke(cli, ["report", str(t), "--out", str(tmp_path / "a.html")])
    b = CliRunner().invoke(cli, ["report", str(t), "--out", str(tmp_path / "b.html")])
    assert a.exit_code == b.exit_code == 0, a.output
    first = (tmp_path / "a.html").read_bytes()
    assert first == (tmp_path / "b.html").read_bytes() == (tmp_path / "played.html").read_bytes()
    assert str(tmp_path / "a.html") in a.output


def test_report_default_out_and_stdout(rules, tmp_path, data_home):
    t = write_transcript(tmp_path / "my-session.jsonl", rules, **GOLDEN_CASES["session-zh"])
    r = CliRunner().invoke(cli, ["report", str(t)])
    assert r.exit_code == 0, r.output
    target = data_home / "reports" / "my-session.html"
    assert target.exists()
    r2 = CliRunner().invoke(cli, ["report", str(t), "--out", "-"])
    assert r2.exit_code == 0
    assert r2.stdout_bytes == target.read_bytes()


def test_report_language_can_differ_from_the_session(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, **GOLDEN_CASES["session-zh"])
    r = CliRunner().invoke(cli, ["report", str(t), "--lang", "en", "--out", str(tmp_path / "en.html")])
    assert r.exit_code == 0
    page = Page((tmp_path / "en.html").read_text("utf-8"))
    assert page.find("html")[0]["lang"] == "en"
    assert "The three most valuable improvements" in page.all_text
    assert "您好，我是客服小王" in page.all_text  # the trainee's words stay as typed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty transcript"),
        ("not json\n", ":1: not valid JSON"),
        ('{"type":"turn","turn":1,"text":"x"}\n', ":1: the first line must be the header"),
        ('[1,2]\n', ":1: each line must be a JSON object"),
    ],
)
def test_bad_transcripts_fail_with_file_and_line(tmp_path, content, message):
    p = tmp_path / "bad.jsonl"
    p.write_text(content, "utf-8")
    r = CliRunner().invoke(cli, ["report", str(p)])
    assert r.exit_code == 2
    assert message in r.output and str(p) in r.output and "Traceback" not in r.output


def _header(**over) -> str:
    h = {"type": "header", "format": 1, "version": "0.1.0", "session_id": "x", "scenario": "general-complaint",
         "persona": "friendly", "lang": "zh", "seed": 1, "trainee": "t", "started_at": START}
    h.update(over)
    return json.dumps({k: v for k, v in h.items() if v is not None}, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_header(format=9), "transcript format 9 is not supported"),
        (_header(seed=None), "header: missing field 'seed'"),
        (_header(seed="1"), "header: 'seed' has the wrong type"),
        (_header(lang="fr"), "unknown language 'fr'"),
        (_header(started_at="yesterday"), "'started_at' is not an ISO 8601 time"),
        (_header() + '{"type":"turn","turn":2,"text":"x"}\n', ":2: turn: expected turn 1, got 2"),
        (_header() + '{"type":"turn","turn":1,"text":5}\n', ":2: turn: 'text' must be a string"),
        (_header() + '{"type":"footer","complete":"no","ended_at":"' + START + '"}\n', "'complete' must be true or false"),
        (_header() + '{"type":"footer","complete":true,"ended_at":"' + START + '"}\n{"type":"turn"}\n', ":3: nothing may follow the footer"),
        (_header() + _header(), ":2: a second header"),
        (_header() + '{"type":"note"}\n', ":2: unknown line type 'note'"),
    ],
)
def test_transcript_checks_name_the_line(tmp_path, body, message):
    p = tmp_path / "t.jsonl"
    p.write_text(body, "utf-8")
    with pytest.raises(InputError) as e:
        read_transcript(p)
    assert message in str(e.value) and str(p) in str(e.value)


def test_torn_last_line_is_skipped_with_a_warning(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, **GOLDEN_CASES["session-en"], footer=False)
    with open(t, "a", encoding="utf-8") as fh:
        fh.write('{"type":"turn","turn":4,"te')  # a crash mid-write
    tr = read_transcript(t)
    assert len(tr.turns) == 3 and tr.footer is None and "incomplete last line" in tr.warnings[0]
    page = Page(render_transcript(rules, t, None)[0])
    assert "The transcript has no ending" in page.all_text  # no footer: the crash banner
    assert "incomplete last line" in page.all_text


def test_unknown_persona_names_the_content_folder(rules, tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text(_header(persona="custom", content=["/trainer/personas"]), "utf-8")
    with pytest.raises(UnknownNameError, match="recorded with --content /trainer/personas"):
        render_transcript(rules, p, None)


# ----------------------------------------------------------------------------- replay


def test_changed_rules_still_render_and_say_so(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, **GOLDEN_CASES["session-zh"])
    recs = [json.loads(x) for x in t.read_text("utf-8").splitlines()]
    recs[2]["anger_after"] = 12.5  # as if the rules had moved since
    recs[2]["reply"] = "旧的回答"
    t.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    page = Page(render_transcript(rules, t, None)[0])
    assert page.find("div", class_="replay")
    assert "第 2 轮的结果不同" in page.all_text
    assert "当时记录：愤怒" in page.all_text and "旧的回答" in page.all_text


def test_replies_after_the_replayed_end_are_listed_not_scored(rules):
    good = next(s for s in rules.content.exemplars["general-complaint"] if s.id == "good-zh").responses
    inp = SessionInput("general-complaint", "friendly", "zh", 0, tuple([*good, "多出来的一句"]), recorded=())
    rp = replay(rules, inp)
    assert rp.turns[-1].outcome is not None and rp.after_end[-1] == "多出来的一句"
    page = Page(session_html(rules, inp))
    assert page.find("ol", class_="after-end") and "多出来的一句" in page.all_text


# ----------------------------------------------------------------------------- structure


def _zh_page(rules, tmp_path) -> tuple[Page, str]:
    t = write_transcript(tmp_path / "t.jsonl", rules, **GOLDEN_CASES["session-zh"])
    html = render_transcript(rules, t, None)[0]
    return Page(html), html


def test_page_is_self_contained_and_safe(rules, tmp_path):
    page, html = _zh_page(rules, tmp_path)
    [root] = page.find("html")
    assert root["lang"] == "zh-CN"
    [csp] = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert page.find("meta", charset="utf-8")
    assert len(page.find("style")) == 1
    for banned in ("script", "link", "img", "iframe", "object", "embed", "base"):
        assert not page.find(banned), banned
    for _, attrs in page.tags:
        for k, v in attrs.items():
            assert not k.startswith("on"), k
            if k in ("href", "src", "action", "xlink:href") and v:
                assert v.startswith("#"), v  # only in-page links: nothing to fetch
    assert "url(" not in html and "@import" not in html
    assert "@media print" in html and "size: A4" in html
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html


def test_chart_has_one_point_per_turn_and_a_data_table(rules, tmp_path):
    page, _ = _zh_page(rules, tmp_path)
    points = page.find("circle", class_="point")
    assert len(points) == 4 + 1  # the start, then each turn
    assert [p["data-turn"] for p in points] == ["0", "1", "2", "3", "4"]
    [svg] = page.find("svg", class_="anger-chart")
    assert svg["role"] == "img" and svg["aria-labelledby"]
    for ident in svg["aria-labelledby"].split():
        assert page.find("title", id=ident) or page.find("desc", id=ident)
    rows = [a for t, a in page.tags if t == "tr"]
    assert len(rows) >= 1 + 5  # the data table: header + start + 4 turns
    ys = [float(p["cy"]) for p in points]
    assert all(14 <= y <= 226 for y in ys)


def test_contents_are_all_there(rules, tmp_path):
    page, _ = _zh_page(rules, tmp_path)
    text = page.all_text
    for must in ("一般服务投诉", "独断型", "2025-03-01 14:25 (UTC+08:00)", "随机种子", "0.1.0", "及格线 70",
                 "愤怒变化", "逐轮回顾", "各项得分", "做得好的地方", "最值得改进的三点", "小王"):
        assert must in text, must
    assert len(page.find("li", class_="turn")) == 4
    assert len(page.find("div", class_="dim")) == 5
    assert not page.find("div", class_="na") and not page.find("div", class_="incomplete")
    assert "已解决" in text


def test_an_interrupted_session_says_so_and_leaves_the_outcome_unscored(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, **GOLDEN_CASES["session-en"])
    page = Page(render_transcript(rules, t, None)[0])
    assert page.find("div", class_="incomplete")
    assert "The session was interrupted (Ctrl-C" in page.all_text
    [na] = page.find("div", class_="na")
    assert na["id"].endswith("outcome")
    assert "Not applicable: the session ended before the customer decided" in page.all_text
    assert "incomplete" in page.all_text and "incomplete (interrupted)" not in page.all_text  # the status says why


def test_a_session_without_replies_renders(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, scenario="general-complaint", persona="friendly", lang="zh",
                         seed=1, texts=[], ended_by="quit")
    page = Page(render_transcript(rules, t, None)[0])
    assert len(page.find("circle", class_="point")) == 1
    assert "还没有任何回复" in page.all_text and "没有任何回复" in page.all_text  # N/A reasons
    assert len(page.find("div", class_="na")) == 5


def test_thirty_turns_chart_every_point_in_order(tmp_path):
    from simulator.content.loader import builtin_path

    data = yaml.safe_load(builtin_path("personas", "friendly.yaml").read_text("utf-8"))
    data.update(id="patient", patience=50)
    data["thresholds"] = {"resolve_at": 0, "escalate_at": 101, "walk_out_at": 101}
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "p.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    rules = Rulebook(load_content([tmp_path / "c"]))
    replies = ["您好，很高兴为您服务。", "对不起，我们会尽快处理的。", "我理解您的心情。", "这不归我管。"]
    t = write_transcript(tmp_path / "t.jsonl", rules, scenario="general-complaint", persona="patient", lang="zh",
                         seed=1, texts=[replies[i % 4] for i in range(30)])
    page = Page(render_transcript(rules, t, None)[0])
    points = page.find("circle", class_="point")
    assert len(points) == 31 and len(page.find("li", class_="turn")) == 30
    xs = [float(p["cx"]) for p in points]
    assert xs == sorted(xs) and len(set(xs)) == 31
    assert len(page.find("article", class_="improvement")) == 3


def test_quit_is_named_in_the_report(rules, tmp_path):
    t = write_transcript(tmp_path / "t.jsonl", rules, scenario="general-complaint", persona="friendly", lang="zh",
                         seed=1, texts=["您好"], ended_by="quit")
    assert "你在客户做出决定之前结束了练习（/quit）" in Page(render_transcript(rules, t, None)[0]).all_text


def test_hit_spans_are_highlighted_by_polarity_with_the_rule_on_hover(rules, tmp_path):
    page, _ = _zh_page(rules, tmp_path)
    marks = page.find("mark")
    classes = {c for m in marks for c in (m["class"] or "").split()}
    assert {"hl", "positive", "negative"} <= classes
    titles = " ".join(m.get("title") or "" for m in marks)
    assert "introduce_self" in titles and "§" in titles


def test_segments_follow_the_original_offsets(rules):
    text = "您好，我是客服小王。你听我说，这不是我们的问题。"
    state = start(rules, "general-complaint", "domineering", seed=1)
    turn = step(state, text)
    segs = segments(rules, text, turn.hits, turn.needs, "zh", "general-complaint")
    assert "".join(s["text"] for s in segs) == text  # nothing lost or added
    marked = {s["text"]: s["cls"] for s in segs if s["cls"]}
    for h in turn.hits:
        if h.counts_as:
            assert any(text[h.start:h.end] in k for k in marked)
    assert "negative" in marked.values() and "positive" in marked.values()


def test_segments_merge_overlaps_with_the_strongest_class(rules):
    from simulator.text.matcher import Hit

    text = "abcdef"
    hits = [Hit("apology", 0, 4, "abcd", counts_as="apology"),
            Hit("empty_apology", 2, 6, "cdef", counts_as="empty_apology", derived=True)]
    segs = segments(rules, text, hits, [], "en", "general-complaint")
    assert [(s["text"], s["cls"]) for s in segs] == [("ab", "positive"), ("cd", "negative"), ("ef", "negative")]
    assert "Apology" in segs[1]["title"] and "(derived)" in segs[1]["title"]


def test_labels_cannot_shadow_dict_methods():
    for lang in ("zh", "en"):
        for key in labels(lang):
            assert not hasattr(dict, key), key
        assert set(labels(lang, "history.")).isdisjoint(dir(dict))


def test_every_session_string_has_both_languages():
    for k, v in messages().items():
        if k.split(".")[0] in ("session", "report", "history", "play"):
            assert v.get("zh") and v.get("en"), k


# ----------------------------------------------------------------------------- escaping


PAYLOADS = ['<script>alert(1)</script>', '" onmouseover="alert(1)', "'><img src=x onerror=alert(1)>"]


def test_nothing_the_trainee_typed_becomes_markup(rules, tmp_path):
    texts = [f"我理解您的心情{PAYLOADS[0]}", f"对不起{PAYLOADS[1]}，我们会尽快处理", PAYLOADS[2]]
    t = write_transcript(tmp_path / "t.jsonl", rules, scenario="general-complaint", persona="friendly", lang="zh",
                         seed=1, texts=texts, trainee=PAYLOADS[1] + PAYLOADS[0])
    html = render_transcript(rules, t, None)[0]
    page = Page(html)
    assert not page.find("script") and not page.find("img")
    for _, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert PAYLOADS[0] in page.all_text and PAYLOADS[1] in page.all_text  # shown as text, intact


def test_content_text_in_attributes_is_escaped(tmp_path):
    """A trainer's need description lands in a highlight's title attribute: it must stay inside it."""
    from simulator.content.loader import builtin_path

    data = yaml.safe_load(builtin_path("scenarios", "general-complaint.yaml").read_text("utf-8"))
    data["id"] = "xss-scenario"
    data["needs"][0]["description"]["zh"] = 'x" onmouseover="alert(1)" data-x="<b>'
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "s.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    rules = Rulebook(load_content([tmp_path / "content"]))
    inp = SessionInput("xss-scenario", "friendly", "zh", 1, ("我理解您的心情，给您添麻烦了",))
    html = session_html(rules, inp)
    page = Page(html)
    titles = [m.get("title") or "" for m in page.find("mark")]
    assert any('onmouseover="alert(1)"' in t for t in titles)  # intact inside the attribute…
    for _, attrs in page.tags:
        assert "onmouseover" not in attrs and "data-x" not in attrs  # …and never an attribute itself


# ----------------------------------------------------------------------------- coaching


def test_three_improvements_each_proved_by_the_engine(rules):
    bad = ["你听我说！这是规定，但是我们会尽快处理的。", "对不起，我们会尽快处理的。", "不好意思，请您耐心等待。"]
    first = start(rules, "general-complaint", "analytical", seed=4)
    state, turns = first, []
    for text in bad:
        if state.over:
            break
        turn = step(state, text)
        turns.append(turn)
        state = turn.state
    found = improvements(rules, first, turns)
    assert 1 <= len(found) <= 3
    assert [x.gain for x in found] == sorted((x.gain for x in found), reverse=True)
    befores = [first] + [x.state for x in turns]
    for imp in found:
        assert imp.gain >= 0.5
        # the counterfactual is exactly what the engine says from the state before that turn
        again = step(befores[imp.turn.index - 1], imp.suggestion)
        assert again.anger_after == imp.counterfactual.anger_after
        assert imp.counterfactual.anger_after < imp.turn.anger_after
        assert imp.fixes  # what went wrong is named
        assert not any(c.amount > 0 and c.kind == "behaviour" and c.rule in {f.rule for f in imp.fixes}
                       for c in imp.counterfactual.changes)


def test_no_improvement_when_nothing_would_calm_more(rules):
    first = start(rules, "general-complaint", "friendly", seed=0)
    good = next(s for s in rules.content.exemplars["general-complaint"] if s.id == "good-zh").responses
    turns = []
    state = first
    for text in good:
        if state.over:
            break
        turns.append(step(state, text))
        state = turns[-1].state
    for imp in improvements(rules, first, turns):
        assert imp.gain >= 0.5


def test_repair_replaces_the_offending_clause(rules):
    state = start(rules, "general-complaint", "analytical", seed=1)
    turn = step(state, "对不起，我们会尽快处理的。")
    text, fixed = repair(rules, turn, "zh")
    assert "尽快" not in text and text.startswith("对不起，") and "vague" in fixed
    turn = step(state, "Sorry, but we'll handle it as soon as possible.".replace("Sorry, but", "Thanks, but"))
    text, fixed = repair(rules, turn, "en")
    assert "as soon as possible" not in text


def test_quoted_examples_keep_apostrophes():
    assert quoted_examples("e.g. 'Let me see what I can do for you' or 'I'll check that right now.'") == [
        "Let me see what I can do for you", "I'll check that right now."]
    assert quoted_examples("先体谅情绪：「我理解您的心情，您慢慢说」") == ["我理解您的心情，您慢慢说"]


def test_diff_segments_mark_cut_and_added_words():
    left, right = diff_segments("对不起，我们会尽快处理的。", "对不起，我今天下午三点前给您回电。")
    assert "".join(s["text"] for s in left) == "对不起，我们会尽快处理的。"
    assert "".join(s["text"] for s in right) == "对不起，我今天下午三点前给您回电。"
    assert left == [{"text": "对不起，", "changed": False}, {"text": "我们会尽快处理的。", "changed": True}]
    assert right[1] == {"text": "我今天下午三点前给您回电。", "changed": True}
    left, right = diff_segments("Sorry, we will try. Thanks.", "Sorry, I will call you by 3 pm. Thanks.")
    assert [s["changed"] for s in right] == [False, True, False]
    assert right[1]["text"] == "I will call you by 3 pm. "


def test_diff_segments_ignore_the_space_after_a_kept_clause():
    # The reply's last clause gains a space when a line is added after it: still the same clause.
    left, right = diff_segments("Sorry. Could you send the receipt?", "Sorry. Could you send the receipt? I'll call you.")
    assert left == [{"text": "Sorry. Could you send the receipt?", "changed": False}]
    assert right[-1] == {"text": "I'll call you.", "changed": True} and len(right) == 2


# ----------------------------------------------------------------------------- the demo writes a report


def test_demo_writes_one_report_and_prints_its_path(data_home, tmp_path):
    r = CliRunner().invoke(cli, ["demo", "--lang", "zh"])
    assert r.exit_code == 0, r.output
    [report] = list((data_home / "reports").glob("demo-*.html"))
    assert f"报告：{report}" in r.output
    page = Page(report.read_text("utf-8"))
    assert len(page.find("section", class_="session")) == 4  # one per persona
    # ids stay unique with four sessions on one page
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    assert len(page.find("circle", class_="point")) >= 4 * 2


def test_demo_report_dir_and_json(tmp_path, data_home):
    r = CliRunner().invoke(cli, ["demo", "--json", "-p", "friendly"])
    assert r.exit_code == 0
    json.loads(r.stdout)  # stdout stays pure JSON
    assert not (data_home / "reports").exists()  # no report unless asked for with --json
    r = CliRunner().invoke(cli, ["demo", "--json", "-p", "friendly", "--report-dir", str(tmp_path / "d")])
    assert r.exit_code == 0
    json.loads(r.stdout)
    [report] = list((tmp_path / "d").glob("*.html"))
    assert str(report) in r.stderr
    r = CliRunner().invoke(cli, ["demo", "-p", "friendly", "--no-report"])
    assert r.exit_code == 0 and not (data_home / "reports").exists()


def test_demo_report_is_deterministic(tmp_path):
    for d in ("a", "b"):
        assert CliRunner().invoke(cli, ["demo", "--lang", "en", "--out", str(tmp_path / d)]).exit_code == 0
    [a], [b] = (list((tmp_path / d).glob("*.html")) for d in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()


def test_a_kept_clause_is_not_struck_through_when_the_suggestion_adds_a_full_stop():
    # "我理解您的心情" kept and a line added after it: only the added line is new.
    from simulator.report.build import diff_segments

    was, better = diff_segments("我理解您的心情", "我理解您的心情。非常抱歉，我现在就帮您处理。")
    assert was == [{"text": "我理解您的心情", "changed": False}]
    assert [s["changed"] for s in better] == [False, True] and better[1]["text"].startswith("非常抱歉")
    was, better = diff_segments("I understand", "I understand. I'm sorry.")
    assert not any(s["changed"] for s in was) and better[-1] == {"text": "I'm sorry.", "changed": True}
