"""Report layout on phones and paper, and what the reports list (QA review of the session and cohort reports).

The browser tests use the real Chromium of tests/test_browser.py (skipped locally without it);
the others read the rendered HTML or the report data.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_browser import _open, browser  # noqa: F401  (the real-Chromium fixture)
from test_report import GOLDEN_CASES, write_transcript

from simulator.batch import BatchOptions, run_batch
from simulator.report import render_transcript

PHONE, DESKTOP = 400, 1280


def _session(rules, tmp: Path, name: str) -> Path:
    t = write_transcript(tmp / f"{name}.jsonl", rules, **GOLDEN_CASES[name])
    _html, out = render_transcript(rules, t, tmp / f"{name}.html")
    return out


def _cohort(rules, tmp: Path, lang: str, records: list[dict] | None = None) -> Path:
    if records is None:
        records = [{"id": f"bot-{i}", "trainee": "bot", "scenario": "general-complaint", "persona": "domineering",
                    "responses": ["你怎么一点常识都没有", "这不归我管"]} for i in range(3)]
        records += [{"id": f"w-{i}", "trainee": f"王芳{i}", "scenario": ["general-complaint", "renewal-fee"][i % 2],
                     "persona": "all", "responses": ["您好，我是客服小王。非常抱歉给您添麻烦了。",
                                                     "That's our policy, nothing I can do."][: 1 + i % 2]}
                    for i in range(4)]
    src = tmp / f"in-{lang}.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    out = tmp / f"out-{lang}"
    run_batch(BatchOptions(input=str(src), out_dir=str(out), progress=False, lang=lang), rules=rules)
    return out / "report.html"


_LAYOUT = """() => {
  const W = document.documentElement.clientWidth, outside = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.table-wrap, thead')) continue;  // a scroll box may be wider inside; headers may be hidden
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > W + 1 || r.left < -1)) outside.push(el.tagName + '.' + el.className + ' ' + el.textContent.slice(0, 30));
  }
  return {scroll: document.documentElement.scrollWidth, width: W, outside: outside.slice(0, 5)};
}"""


# ----------------------------------------------------------------------------- 1. tables on a phone


def test_session_tables_are_readable_on_a_phone_and_unchanged_on_a_desktop(browser, rules, tmp_path):  # noqa: F811
    for name in ("session-zh", "session-en"):
        path = _session(rules, tmp_path, name)
        page, errors, _ = _open(browser, path, viewport={"width": PHONE, "height": 900})
        try:
            lay = page.evaluate(_LAYOUT)
            assert lay["scroll"] <= lay["width"] and lay["outside"] == [], (name, lay)
            cells = page.locator(".dim table tbody td:nth-child(2)")
            assert cells.count() > 3
            for i in range(cells.count()):
                box = cells.nth(i).bounding_box()
                assert box and box["width"] >= 200, (name, "evidence squeezed", box, cells.nth(i).inner_text())
            # points, evidence, turn and source never overlap one another
            rows = page.evaluate("""() => [...document.querySelectorAll('.dim table tbody tr')].map(tr =>
                [...tr.children].filter(td => td.textContent.trim()).map(td => { const r = td.getBoundingClientRect();
                  return [r.left, r.top, r.right, r.bottom]; }))""")
            for boxes in rows:
                for i, a in enumerate(boxes):
                    for b in boxes[i + 1:]:
                        overlap = min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
                        assert not overlap, (name, boxes)
            assert errors == []
        finally:
            page.close()
        page, errors, _ = _open(browser, path, viewport={"width": DESKTOP, "height": 900})
        try:
            lay = page.evaluate(_LAYOUT)
            assert lay["scroll"] <= lay["width"] and lay["outside"] == [], (name, lay)
            table = page.locator(".dim table").first
            assert table.evaluate("t => getComputedStyle(t).display") == "table", "a real table on a desktop"
            head = page.locator(".dim table thead").first.bounding_box()
            assert head and head["height"] > 15, "column headings shown on a desktop"
        finally:
            page.close()


def test_cohort_tables_scroll_in_their_own_box_on_a_phone(browser, rules, tmp_path):  # noqa: F811
    for lang in ("zh", "en"):
        path = _cohort(rules, tmp_path, lang)
        page, errors, _ = _open(browser, path, viewport={"width": PHONE, "height": 900})
        try:
            lay = page.evaluate(_LAYOUT)
            assert lay["scroll"] <= lay["width"] and lay["outside"] == [], (lang, lay)
            boxes = page.locator(".table-wrap")
            assert boxes.count() == page.locator("main table").count(), "every table has its scroll box"
            wide = page.evaluate("""() => [...document.querySelectorAll('.table-wrap')].map(w =>
                [w.scrollWidth > w.clientWidth, getComputedStyle(w).overflowX,
                 w.querySelector('tbody td, tbody th').getBoundingClientRect().width])""")
            assert any(scrolls for scrolls, _o, _w in wide), "the outcome tables are wider than a phone"
            for _scrolls, overflow, first in wide:
                assert overflow == "auto" and first >= 100, (lang, wide)
            assert errors == []
        finally:
            page.close()
        page, _errors, _ = _open(browser, path, viewport={"width": DESKTOP, "height": 900})
        try:
            lay = page.evaluate(_LAYOUT)
            assert lay["scroll"] <= lay["width"] and lay["outside"] == [], (lang, lay)
            assert page.evaluate("""() => [...document.querySelectorAll('.table-wrap')]
                .every(w => w.scrollWidth <= w.clientWidth)"""), "nothing scrolls sideways on a desktop"
        finally:
            page.close()


# ----------------------------------------------------------------------------- 4. moves that round to nothing


def test_moves_that_round_to_zero_are_not_listed(rules, monkeypatch, tmp_path):
    import dataclasses
    import re

    from simulator.batch.render import cohort_data
    from simulator.engine import Change
    from simulator.report import build, session_html

    real = build.replay

    def with_crumbs(rules_, inp):  # every turn also moved anger by amounts that print as -0.0 and +0.0
        rp = real(rules_, inp)
        crumbs = (Change("apology", "behaviour", -0.04, -0.04, "§5", "calms"),
                  Change("negative_language", "behaviour", 0.03, 0.03, "§5", "angers"))
        return dataclasses.replace(rp, turns=tuple(x._replace(changes=(*x.changes, *crumbs)) for x in rp.turns))

    monkeypatch.setattr(build, "replay", with_crumbs)
    case = GOLDEN_CASES["session-en"]
    inp = build.SessionInput(scenario=case["scenario"], persona=case["persona"], lang="en", seed=case["seed"],
                             texts=tuple(case["texts"]))
    data = build.session_data(rules, inp)
    listed = [c["amount"] for x in data["turns"] for c in x["changes"]] + [w["amount"] for w in data["well"]]
    listed += [c["amount"] for im in data["improvements"] for c in (*im["fixes"], *im["adds"])]
    assert listed and not {"-0.0", "+0.0", "±0"} & set(listed), listed
    assert all(any(c.amount == -0.04 for c in x.changes) for x in with_crumbs(rules, inp).turns), "the data keeps them"
    html = session_html(rules, inp)
    assert not re.search(r'class="amt">(?:[-+]0\.0|±0)<', html)

    summary = json.loads((_cohort(rules, tmp_path, "en").parent / "summary.json").read_text("utf-8"))
    worst = summary["worst_replies"][0]
    worst["reasons"].append({"rule": "negative_language", "kind": "behaviour", "quote": "", "amount": 0.04})
    shown = cohort_data(summary, rules, "en")["worst"][0]["reasons"]
    assert shown and all(r["amount"] != "+0.0" for r in shown)


# ----------------------------------------------------------------------------- 6. a bot repeating itself


def test_identical_worst_replies_are_one_row_with_a_count_whatever_the_chunking(rules, tmp_path, monkeypatch):
    from simulator.batch import inputs

    bot = "你怎么一点常识都没有"
    records = [{"id": f"bot-{i:02d}", "trainee": "bot", "scenario": "general-complaint", "persona": "domineering",
                "responses": [bot, "这不归我管"]} for i in range(30)]
    records += [{"id": f"other-{i}", "scenario": "renewal-fee", "persona": "domineering", "responses": [bot]}
                for i in range(2)]  # the same words in another scenario are another row
    records += [{"id": f"w-{i}", "scenario": "general-complaint", "persona": "all",  # 23 more texts, 4 results each
                 "responses": ["您好。", f"这是规定，没办法。第{i}次"]} for i in range(23)]
    path = _cohort(rules, tmp_path, "en", records)
    summary = json.loads((path.parent / "summary.json").read_text("utf-8"))
    worst = summary["worst_replies"]
    keys = [(w["scenario"], w["text"]) for w in worst]
    assert len(keys) == len(set(keys)) == 25, "distinct replies fill the list"
    [row] = [w for w in worst if w["text"] == bot and w["scenario"] == "general-complaint"]
    assert row["count"] == 30 and row["id"] == "bot-00" and row["line"] == 1
    assert row["ids"] == [f"bot-{i:02d}" for i in range(10)], "the first ids, in input order"
    [other] = [w for w in worst if w["text"] == bot and w["scenario"] == "renewal-fee"]
    assert other["count"] == 2 and other["ids"] == ["other-0", "other-1"]
    old_fields = {"line", "id", "trainee", "scenario", "persona", "turn", "text", "delta", "anger_before",
                  "anger_after", "reasons"}
    assert all(old_fields <= set(w) for w in worst), "the old fields are all still there"
    html = path.read_text("utf-8")
    section = html.split('<section id="worst">')[1].split("</section>")[0]
    assert section.count(f"<p class=\"words\"><q>{bot}</q>") == 2 and "×30" in section and "×2<" in section

    monkeypatch.setattr(inputs, "CHUNK_SETS", 3)
    out = tmp_path / "chunked"
    run_batch(BatchOptions(input=str(path.parent.parent / "in-en.jsonl"), out_dir=str(out), workers=2,
                           progress=False, lang="en"), rules=rules)
    for name in ("summary.json", "report.html"):
        assert (out / name).read_bytes() == (path.parent / name).read_bytes(), name


# ----------------------------------------------------------------------------- 2. heading order


def _levels(html: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]


def test_headings_never_skip_a_level(rules, tmp_path):
    from click.testing import CliRunner

    from simulator.cli import cli

    pages = {name: _session(rules, tmp_path, name).read_text("utf-8") for name in GOLDEN_CASES}
    r = CliRunner().invoke(cli, ["demo", "--lang", "en", "--out", str(tmp_path / "demo")])
    assert r.exit_code == 0, r.output
    [demo] = (tmp_path / "demo").glob("*.html")
    pages["demo"] = demo.read_text("utf-8")
    pages["cohort"] = _cohort(rules, tmp_path, "zh").read_text("utf-8")
    for name, html in pages.items():
        levels = _levels(html)
        assert levels[0] == 1 and levels.count(1) == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, before, after)
    assert {3, 4} <= set(_levels(pages["session-en"])), "situation and coaching subheadings are still headings"


# ----------------------------------------------------------------------------- 5. singular and plural


def test_english_counts_take_singular_or_plural_and_no_message_says_s_in_brackets(rules, tmp_path):
    from simulator.i18n import messages, plural_id, t

    assert [k for k, v in messages().items() if "(s)" in v["en"]] == []
    done = {"mean": 50, "pass_rate": "0%", "out": "o"}
    assert "Scored 1 set (1 result, 1 response)" in t("batch.done", "en", sets=1, results=1, responses=1, **done)
    assert "Scored 2 sets (4 results, 0 responses)" in t("batch.done", "en", sets=2, results=4, responses=0, **done)
    assert t("batch.done", "zh", sets=1, results=1, responses=1, **done).startswith("已评估 1 组回复（1 个结果，1 条回复）")
    assert t("batch.lines_failed", "en", errors=1, path="e").startswith("1 line could not")
    assert t("batch.lines_failed", "en", errors=2, path="e").startswith("2 lines could not")
    assert t("report.note.extra_turns", "en", n=1) == "1 turn beyond the fastest"
    assert t("report.note.extra_turns", "en", n=3) == "3 turns beyond the fastest"
    assert t("report.chart.title", "en", n=1) == "Anger at the start and after the one reply"
    assert t("report.chart.title", "en", n=4) == "Anger at the start and after each of 4 replies"
    assert "turn 2 comes out" in t(plural_id("report.replay.differs", 1), "en", turns="2")
    assert "turns 2, 3 come out" in t(plural_id("report.replay.differs", 2), "en", turns="2, 3")

    src = tmp_path / "one-bad.jsonl"
    src.write_text(json.dumps({"id": "a", "scenario": "general-complaint", "persona": "friendly",
                               "responses": ["您好", "好的"]}) + '\n{"id": "broken", \n', "utf-8")
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "o"), progress=False, lang="en"), rules=rules)
    html = (tmp_path / "o" / "report.html").read_text("utf-8")
    assert "1 line could not be scored" in html and "(s)" not in html
    assert "2 replies played" in html


# ----------------------------------------------------------------------------- 3. printing


A4_CONTENT = (703, 1009)  # px at 96 dpi: A4 less the report's @page margins (186 × 267 mm)


def test_printing_keeps_only_small_blocks_whole(browser, rules, tmp_path):  # noqa: F811
    import re

    from click.testing import CliRunner

    from simulator.cli import cli

    r = CliRunner().invoke(cli, ["demo", "--lang", "en", "--out", str(tmp_path / "demo")])
    assert r.exit_code == 0, r.output
    [demo] = (tmp_path / "demo").glob("*.html")
    page, errors, _ = _open(browser, demo, viewport={"width": A4_CONTENT[0], "height": A4_CONTENT[1]})
    try:
        page.emulate_media(media="print")
        # a block kept whole that is taller than 40% of a page leaves that much blank when it does not fit
        big = page.evaluate("""(limit) => [...document.querySelectorAll('main *')].filter(el => {
            const s = getComputedStyle(el);
            return [s.breakInside, s.pageBreakInside].some(v => v && v.startsWith('avoid'))
                   && el.getBoundingClientRect().height > limit;
          }).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().height))""",
                            A4_CONTENT[1] * 0.4)
        assert big == []
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages >= 8 and errors == []
    finally:
        page.close()
