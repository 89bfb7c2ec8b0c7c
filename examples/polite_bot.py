#!/usr/bin/env python3
"""A tiny support bot for `complaint-sim drive`: scripted replies that follow domain.md.

Try it:

    complaint-sim drive --agent "python examples/polite_bot.py" --scenario general-complaint \
        --persona domineering --runs 3 --out drive-results

The protocol is JSON lines on standard input and output. For each turn the
simulator sends one line such as

    {"customer": "我上周就办了这件事……", "turn": 1, "scenario": "general-complaint",
     "persona": "domineering", "lang": "zh", "run": 1}

and the bot answers with exactly one line, ``{"response": "..."}``, flushed at
once. When the session is over the simulator closes standard input: the bot
then exits. Anything written to standard error is kept for debugging.

This bot ignores what the customer says and walks through the three steps of
handling feelings (§2), then the problem (§3): a real bot would read
``customer``. It uses only the standard library.
"""

from __future__ import annotations

import json
import sys

SCRIPT = {
    "zh": [
        "您好，我是客服小王，很高兴为您服务。非常抱歉给您添麻烦了，我理解您的心情。",
        "这件事由我负责跟进到底。请问是什么时候开始的？能具体描述一下吗？",
        "因为之前的单子漏派了，我现在就帮您处理。第一种是今天下午三点前安排，第二种是明天上午，您看哪种方便？",
        "我理解得对吗？您希望今天解决。我会在今天下午三点前给您回电确认结果，我的工号是1024。",
        "总结一下：今天下午三点前我给您回电。感谢您的反馈，我们会加强检查，避免再发生。",
    ],
    "en": [
        "Hello, this is Sam from customer care and I'm glad to help. I'm really sorry for the trouble; I understand how frustrating this is.",
        "I will personally take care of this and follow it through. Could you tell me when the problem started?",
        "This happened because your order was missed during a system upgrade. I'm fixing it right now: option one is this afternoon, option two is tomorrow morning. Which works better for you?",
        "Just to check I understood correctly: you need this settled today. I will call you back by 3pm today to confirm.",
        "To summarise, I'll call you before 3pm today with the result. Thank you for your feedback; we will review our checks so this doesn't happen again.",
    ],
}


def answer(message: dict) -> str:
    lines = SCRIPT.get(message.get("lang"), SCRIPT["en"])
    turn = int(message.get("turn", 1))
    return lines[min(turn, len(lines)) - 1]


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        print(json.dumps({"response": answer(message)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
