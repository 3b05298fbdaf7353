"""The metadata of a cleaned page, read off its judged units: date, place, speaker, source URL."""

from __future__ import annotations

import re
from collections import Counter

from ..data import word_list
from ..vocab import Protection, Reason, Role
from . import metadata as meta
from . import signals as sig
from .units import Unit


def date_and_place(units: list[Unit], title: int | None, end: int) -> tuple[str | None, str | None]:
    for i, unit in enumerate(units[:end]):
        if unit.dateline and unit.dateline.iso and not sig.labelled(unit.text):
            return unit.dateline.iso, unit.dateline.place or _place_under(units, i)
    for unit in units:
        label = sig.labelled(unit.text)
        if label and "date" in label[0] or label and label[0].startswith(("published", "posted", "опубликовано")):
            found = meta.find_dates(label[1])
            if found and found[0].iso:
                return found[0].iso, None
    for unit in units[: end]:
        if unit.reason == Reason.REPEATED_LINE or unit.role == Role.TITLE:
            found = [d for d in meta.find_dates(unit.text) if d.iso]
            if found:
                return found[-1].iso, None
    return None, None


_PLACE_REASONS = (Reason.PLACE, Reason.TEMPLATE)


def _place_under(units: list[Unit], i: int) -> str | None:
    """The place a page header states under its date line (or under the time below it).

    A place the corpus repeats ("The Kremlin, Moscow") is template as well as the page's place.
    """
    for j in (i + 1, i + 2):
        if j >= len(units) or (j == i + 2 and not meta.is_time(units[i + 1].text)):
            return None
        below = units[j]
        if below.reason in _PLACE_REASONS and meta.is_place(below.text) and not meta.is_genre(below.text):
            return below.text
    return None


def speaker(units: list[Unit], title: int | None) -> str | None:
    """The speaker of a transcript: of the names that start with a given name or an initial, the
    one on the most speaker lines, the first on a tie (a Direct Line's hosts take turns asking, the
    one who answers speaks most; an interview's two speak alike: the first). Else the first named
    on two lines or more (``Great Patriotic War:`` once is a heading), else who signs, else the
    person named in the title."""
    named = [name for unit in units if unit.role == Role.BODY and unit.protected == Protection.SPEAKER_LINE
             and (who := sig.speaker_of(unit.text)) and (name := meta.speaker_name(who))]
    counts = Counter(named)
    people = [n for n in named if _person_like(n)]
    found = max(people, key=lambda n: (counts[n], -people.index(n)), default=None) or \
        next((n for n in named if counts[n] > 1), None)
    if found:
        return found
    for unit in units:
        if unit.role == Role.BODY and unit.protected == Protection.SIGNATURE:
            name = meta.person_in(unit.text)
            if name:
                return name
    return meta.person_in(units[title].text) if title is not None else None


def _person_like(name: str) -> bool:
    """A name that starts with a given name or an initial (``Vladimir Putin``, ``В.Путин``)."""
    first = name.split()[0]
    return first.title() in word_list("given_names") or bool(re.match(r"^[A-ZА-ЯЁ]\.", first))


def source_url(units: list[Unit]) -> str | None:
    found: list[str] = []
    for i, unit in enumerate(units):
        label = sig.labelled(unit.text)
        if not label or label[0] not in sig.LINK_LABELS:
            continue
        url = meta.url_in(label[1])
        if not url and i + 1 < len(units) and sig.is_url_only(units[i + 1].text):
            url = meta.url_in(units[i + 1].text)
        if url:
            found.append(url)
    full = [u for u in found if u.startswith(("http://", "https://"))]
    return next(iter(full or found), None)
