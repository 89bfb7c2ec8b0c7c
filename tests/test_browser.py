"""The report in a real browser: Debian's Chromium, driven by Playwright, with CJK fonts.

Locally these tests skip when Chromium is missing; with CI=true they fail, so a
CI image without it cannot pass silently. The screenshot is saved under
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_report import GOLDEN_CASES, write_transcript

from simulator.report import render_transcript, write_page

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

pytestmark = pytest.mark.slow


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run; see scripts/test.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        _missing("Debian's chromium is not installed (apt-get install chromium)")
    if not any(Path(f).exists() for f in CJK_FONTS):
        _missing("no CJK font installed (apt-get install fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path, **kw):
    page = browser.new_page(**kw)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page, errors, requests


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, rules) -> tuple[Path, int]:
    tmp = tmp_path_factory.mktemp("browser")
    case = GOLDEN_CASES["session-zh"]
    t = write_transcript(tmp / "t.jsonl", rules, **case)
    html, out = render_transcript(rules, t, tmp / "report.html")
    return out, len(case["texts"])


def test_report_loads_offline_lays_out_cjk_and_charts_every_turn(browser, report_file):
    path, turns = report_file
    page, errors, requests = _open(browser, path, viewport={"width": 1100, "height": 900})
    try:
        assert errors == []
        assert requests == [path.resolve().as_uri()]  # the page itself, nothing else
        # CJK text is laid out: real boxes, glyphs wider than they are thin
        for selector in ("h1", ".scorebox .verdict", "ol.timeline li.turn .said"):
            box = page.locator(selector).first.bounding_box()
            assert box and box["width"] > 10 and box["height"] > 10, selector
        width_of_four = page.evaluate(
            """() => { const s = document.createElement('span'); s.textContent = '愤怒变化';
                       document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }""")
        assert width_of_four > 4 * 8  # four full-width glyphs, not zero-width or collapsed
        font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
        assert "Noto Sans CJK SC" in font
        # one chart point per turn, plus the start, drawn inside the chart
        points = page.locator("svg.anger-chart circle.point")
        assert points.count() == turns + 1
        chart = page.locator("svg.anger-chart").bounding_box()
        assert chart and chart["width"] > 300 and chart["height"] > 100
        for i in range(points.count()):
            b = points.nth(i).bounding_box()
            assert b and chart["x"] <= b["x"] <= chart["x"] + chart["width"]
        xs = [points.nth(i).bounding_box()["x"] for i in range(points.count())]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        # the data table is there for screen readers and on demand
        page.locator("details.chart-data summary").first.click()
        assert page.locator("details.chart-data tbody tr").count() == turns + 1
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        page.close()


def test_report_prints_on_a4(browser, report_file):
    path, _ = report_file
    page, errors, _ = _open(browser, path)
    try:
        page.emulate_media(media="print")
        assert page.locator("details.chart-data").first.is_hidden()
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        assert errors == []
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert boxes, "no pages in the PDF"
        for w, h in boxes:  # A4 is 595.3 × 841.9 points
            assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "report.pdf").write_bytes(pdf)
    finally:
        page.close()


def test_payloads_stay_text_in_the_browser(browser, rules, tmp_path):
    t = write_transcript(tmp_path / "x.jsonl", rules, scenario="general-complaint", persona="friendly", lang="zh",
                         seed=1, texts=['<img src=x onerror="document.title=1">我理解您的心情', '"><script>document.title=2</script>'],
                         trainee='<b onmouseover="document.title=3">x</b>')
    html, _ = render_transcript(rules, t, None)
    path = write_page(tmp_path / "x.html", html)
    page, errors, requests = _open(browser, path)
    try:
        assert errors == [] and requests == [path.resolve().as_uri()]
        assert page.title() not in ("1", "2", "3")
        assert page.locator("img").count() == 0 and page.locator("script").count() == 0
        assert "<script>document.title=2</script>" in page.locator("ol.timeline").inner_text()
    finally:
        page.close()


def test_history_page_and_demo_load_cleanly(browser, tmp_path):
    from click.testing import CliRunner

    from simulator.cli import cli

    out = tmp_path / "demo"
    r = CliRunner().invoke(cli, ["demo", "--lang", "zh", "--out", str(out)])
    assert r.exit_code == 0, r.output
    [demo] = list(out.glob("*.html"))
    page, errors, requests = _open(browser, demo)
    try:
        assert errors == [] and requests == [demo.resolve().as_uri()]
        assert page.locator("section.session").count() == 4
    finally:
        page.close()
