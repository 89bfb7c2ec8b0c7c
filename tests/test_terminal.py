"""`complaint-sim play` in a real pseudo-terminal (tmux): Chinese typing, backspace, /hint, Ctrl-C.

Locally this skips when tmux is missing; with CI=true it fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TIMEOUT = 30.0


def _script() -> str:
    exe = Path(sys.executable).with_name("complaint-sim")
    found = str(exe) if exe.exists() else shutil.which("complaint-sim")
    if not found:
        pytest.fail("the complaint-sim console script is not installed (pip install -e .)")
    return found


class Tmux:
    """One detached tmux server and pane running a shell."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"cs-{uuid.uuid4().hex[:8]}"
        self.env = env
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "110", "-y", "45",
                   "env -i " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " sh")

    def _tmux(self, *args: str) -> str:
        p = subprocess.run(["tmux", "-L", self.socket, "-u", *args], capture_output=True, timeout=TIMEOUT)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode("utf-8", "replace"))
        return p.stdout.decode("utf-8", "replace")

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def key(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-200")  # -J: join wrapped lines

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def wait_for_match(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.screen())
            if m:
                return m
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never appeared on screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=TIMEOUT)


@pytest.fixture()
def tmux(tmp_path):
    if not shutil.which("tmux"):
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is not installed (CI=true: the terminal test must run; see scripts/test.sh)")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "PS1": "$ ",
    }
    t = Tmux(env)
    yield t
    t.kill()


def test_chinese_typing_backspace_hint_and_ctrl_c(tmux, tmp_path):
    transcript, report = tmp_path / "t.jsonl", tmp_path / "r.html"
    cmd = [_script(), "play", "--scenario", "general-complaint", "--persona", "friendly", "--seed", "1",
           "--lang", "zh", "--trainee", "tester", "--transcript", str(transcript), "--report", str(report),
           "--db", str(tmp_path / "h.db")]
    tmux.type(shlex.join(cmd) + '; echo "EXIT-$?-END"')
    tmux.key("Enter")
    tmux.wait_for("客户：我已经联系你们两次了")
    tmux.wait_for("你 ›")

    # Type Chinese, then backspace over all of it: the line must come back empty.
    tmux.type("你好世界")
    tmux.wait_for("你 › 你好世界")
    tmux.key(*(["BSpace"] * 4))
    deadline = time.monotonic() + TIMEOUT
    while "你好" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "你好" not in tmux.screen()

    # A real reply, edited mid-way: type a wrong ending, backspace it, finish the line.
    tmux.type("您好，我理解您的心情啊啊")
    tmux.key("BSpace", "BSpace")
    tmux.type("，请问是什么时候开始的？")
    tmux.key("Enter")
    shown = tmux.wait_for("愤怒 35 → ")
    assert "体谅情感「我理解您的心情」" in shown
    assert "↓" in shown and "█" in shown  # the meter

    tmux.type("/hint")
    tmux.key("Enter")
    tmux.wait_for("提示：")

    # Ctrl-C in the middle of typing the next reply.
    tmux.type("我现在就")
    tmux.key("C-c")
    assert tmux.wait_for_match(r"EXIT-(\d+)-END").group(1) == "130"
    shown = tmux.screen()
    assert "已中断" in shown and f"报告：{report}" in shown
    assert "Traceback" not in shown and "Error" not in shown

    recs = [json.loads(x) for x in transcript.read_text("utf-8").splitlines()]
    assert [r["type"] for r in recs] == ["header", "turn", "footer"]
    assert recs[1]["text"] == "您好，我理解您的心情，请问是什么时候开始的？"  # backspace really erased
    assert recs[-1]["ended_by"] == "interrupted" and recs[-1]["complete"] is False and recs[-1]["hints"] == 1
    html = report.read_text("utf-8")
    assert "本次练习未完成" in html and "Ctrl-C" in html
    assert "您好，我理解您的心情" in html
