"""Speaker lines of a transcript (``Vladimir Putin: Good afternoon``): where the speaker's name ends.

The reading pane and the Markdown and HTML exports set the name off in bold; the
cleaner's own test of a speaker line (``signals.speaker_of``) decides what is one.
"""

from __future__ import annotations

import re

from .cleaning.signals import speaker_of

_QA = re.compile(r"^\s*(?:question|answer|q|a|вопрос|ответ)\s*:", re.I)


def speaker_end(paragraph: str) -> int:
    """The offset just past the colon of a speaker line's name (0: not a speaker line)."""
    qa = _QA.match(paragraph)
    if qa:
        return qa.end()
    who = speaker_of(paragraph)
    if who is None:
        return 0
    colon = paragraph.find(":", paragraph.find(who) + len(who))
    return colon + 1 if colon >= 0 else 0
