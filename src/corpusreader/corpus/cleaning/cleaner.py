"""The cleaner: every raw line becomes title, body, metadata or boilerplate, with a reason.

It works from general signals, in this order:

1. and 2. (``units``): junk inside a line (hover cards, image file names) is
   cut out and kept; lines are grouped into units (hard-wrapped lines joined);
3. each unit is judged on its own (``signals``): chrome, protected, prose, heading;
4. zones: the article starts at the first prose or protected unit; the title is
   the heading just before it; everything above is page header; the article
   ends at the last end marker ("See also", "Share", a copyright line ...) that
   has no prose after it;
5. lines the corpus repeats on many pages (``template_lines``) are template;
6. metadata falls out of the same units (``page_metadata``).

Nothing is deleted: every removed piece is listed with its raw line and reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..model import Document, RawDocument, Removed
from ..text import KEPT_TEXT, ends_sentence, fold_spaces, line_key, script_of, text_key, words
from ..vocab import Protection, Reason, Role
from . import line_model, page_metadata
from . import metadata as meta
from . import signals as sig
from .inline import IMAGE_LINE, card_of
from .line_features import Zones
from .sites import site_of
from .units import Unit, read_units

MAX_TEMPLATE_LINE = 150


# -- 3: each unit on its own ---------------------------------------------------------


TEXT_CACHE = 8192
"""Unit texts whose judgement is kept: a site's menus and footers are judged once, not on every page."""
_NO_CHROME = (None, False)


class _Judged(NamedTuple):
    """What a unit's text alone says: the rules' judgement of it, short of the page's script and template."""

    protected: Protection | None
    prose: bool
    dateline: meta.Dateline | None
    chrome: Reason | None  # chrome the text shows whatever the page
    open: bool  # no chrome yet, but the page's script or template may make it chrome
    script: str | None  # the text's script where it does not end a sentence (else None: never other language)
    repeat_key: str  # the text's key for repeats in the page (``_mark_repeats``), and that key's without digits
    untailed: str


def _judged(text: str) -> _Judged:
    return _judged_text(text) if len(text) <= KEPT_TEXT else _judged_text.__wrapped__(text)


@lru_cache(maxsize=TEXT_CACHE)
def _judged_text(text: str) -> _Judged:
    protected = sig.protection(text)
    prose = sig.is_prose(text)
    dateline = meta.read_dateline(text)
    if not (dateline and dateline.iso):
        dateline = None
    chrome, open_ = _NO_CHROME if protected or dateline else _text_chrome(text)
    script = script_of(text) if open_ and not ends_sentence(text) else None
    key = fold_spaces(text).casefold()
    return _Judged(protected, prose, dateline, chrome, open_, script, key, _TAIL_OF_DIGITS.sub("", key))


def _text_chrome(text: str) -> tuple[Reason | None, bool]:
    """The chrome a unit's text shows on its own, and whether the page may still make it chrome."""
    if text.count(" ") > 40:
        return _NO_CHROME  # running text: chrome is short
    if sig.is_copyright(text):
        return Reason.COPYRIGHT, False
    if IMAGE_LINE.match(text):
        return Reason.IMAGE_FILE_NAME, False
    if sig.is_form_field(text):
        return Reason.FORM_FIELD, False
    n_words = len(words(text))
    if n_words > 12:
        return _NO_CHROME
    if sig.is_link_words(text):
        return Reason.LINK_BUTTONS, False
    if meta.is_date_header(text):
        return Reason.DATE_HEADER, False
    if sig.is_breadcrumb(text):
        return Reason.BREADCRUMB, False
    if sig.is_url_only(text):
        return Reason.LINK, False
    if sig.is_stray_number(text):
        return Reason.STRAY_NUMBER, False
    return None, True


def _chrome(unit: Unit, judged: _Judged, template: frozenset[str], script: str | None,
            raw_lines: list[str]) -> Reason | None:
    if not judged.open:
        return judged.chrome
    if script and judged.script not in (None, script):
        return Reason.OTHER_LANGUAGE
    if template and not unit.prose and _in_template(unit, template, raw_lines):
        return Reason.TEMPLATE
    return None


def _in_template(unit: Unit, template: frozenset[str], raw_lines: list[str]) -> bool:
    """The unit, or each of the raw lines it joins ("Legal / and technical / information"), stands on many pages."""
    return text_key(unit.text) in template or (
        len(unit.lines) > 1 and all(text_key(raw_lines[i]) in template for i in unit.lines))


def _judge(units: list[Unit], template: frozenset[str], raw_lines: list[str]) -> list[_Judged]:
    script = script_of(" ".join(u.text for u in units if len(u.text) > 60)[:4000])
    judgements = []
    for unit in units:
        judged = _judged(unit.text)
        judgements.append(judged)
        unit.protected, unit.prose, unit.dateline = judged.protected, judged.prose, judged.dateline
        if not unit.protected and not unit.dateline:
            unit.chrome = _chrome(unit, judged, template, script, raw_lines)
    return judgements


def _mark(unit: Unit, role: Role, reason: Reason | None = None) -> None:
    if not unit.role:
        unit.role, unit.reason = role, reason


# -- 4: zones ------------------------------------------------------------------------


def _article_start(units: list[Unit]) -> int | None:
    for i, unit in enumerate(units):
        if unit.chrome:
            continue
        if unit.prose or (unit.protected and not unit.dateline):
            return i
    return None


def _leads_in(units: list[Unit], i: int) -> bool:
    """A short sentence ending in a colon that opens the prose under it ("The message reads, in part:")."""
    text = units[i].text.rstrip()
    following = units[i + 1] if i + 1 < len(units) else None
    return bool(text.endswith(":") and 3 <= len(words(text)) <= 15 and text[:1].isupper() and not sig.is_bullet(text)
                and following and following.prose and not following.chrome and not sig.labelled(text))


def _keep_lead_ins(units: list[Unit]) -> None:
    """A formula the corpus repeats is no template where it leads into the article's text."""
    for i, unit in enumerate(units):
        if unit.chrome in (None, Reason.TEMPLATE) and not unit.protected and _leads_in(units, i):
            unit.chrome = None
            unit.prose = True


_TAIL_OF_DIGITS = re.compile(r"[\s\d.,/:-]+$")


def _mark_repeats(units: list[Unit], judgements: list[_Judged]) -> None:
    """Flag each unit that says again what an earlier one said, perhaps with a date glued on."""
    seen: dict[str, list[str]] = {}
    for unit, judged in zip(units, judgements):
        key, untailed = judged.repeat_key, judged.untailed
        earlier = seen.get(untailed, [])
        unit.repeat = any(
            key == e or (key.startswith(e) and not _TAIL_OF_DIGITS.sub("", key[len(e) :])) for e in earlier
        )
        if len(key) >= 8 and key not in earlier:
            seen.setdefault(untailed, []).append(key)


def _find_title(units: list[Unit], start: int | None) -> int | None:
    """The heading just above the article's first prose, skipping chrome and metadata.

    A heading the corpus repeats (many meetings are called "Security Council
    meeting") can still be the title, but a heading of its own is preferred.
    """
    if start is None:  # no running text at all: the line over the date, else the first heading
        over_date = _title_over_date(units, len(units))
        if over_date is not None:
            return over_date
        return next((i for i, u in enumerate(units) if not _not_a_title(units, i) and sig.is_headline(u.text)), None)
    group: list[int] = []
    passed = False  # over a line that is neither the page's metadata nor its title said again
    for i in range(start - 1, -1, -1):
        unit = units[i]
        # a heading the corpus repeats is a title only next to the article (a site line stands apart)
        soft = unit.chrome == Reason.TEMPLATE and sig.is_headline(unit.text) and not passed
        skip = (unit.chrome and not soft) or _not_a_title(units, i)
        if skip:
            if group:
                break
            passed = passed or not _by_the_title(units, i)
            continue
        if unit.protected or unit.prose or not sig.is_headline(unit.text):
            break
        group.insert(0, i)
    own = [i for i in group if units[i].chrome != Reason.TEMPLATE]
    if not (group and group[-1] == start - 1):  # no heading next to the text: the line over the date
        over_date = _title_over_date(units, start)
        if over_date is not None:
            return over_date
    if not group:
        return None
    for i in own:
        if len(words(units[i].text)) >= 3:
            return i
    return own[0] if own else group[-1]


def _by_the_title(units: list[Unit], i: int) -> bool:
    """What a page header puts between its title and the text: date, time, place, the title again."""
    unit = units[i]
    return bool(unit.dateline or meta.is_time(unit.text) or _is_header_place(units, i) or unit.repeat
                or sig.labelled(unit.text) or not any(ch.isalnum() for ch in unit.text))


def _title_over_date(units: list[Unit], start: int) -> int | None:
    """The page's own line just above its date line (a headline may be a whole sentence)."""
    for i in range(1, min(start + 2, len(units))):
        if not units[i].dateline:
            continue
        above = units[i - 1]
        longest = 70 if ends_sentence(above.text) else 150  # a headline with no final stop may run long
        # a headline may quote its speaker ("Putin: We will respond"), with no final stop
        quoted = above.protected == Protection.SPEAKER_LINE and not ends_sentence(above.text)
        if above.chrome or (above.protected and not quoted) or _not_a_title(units, i - 1) or \
                not 3 <= len(words(above.text)) <= longest:
            return None
        return i - 1 if above.text.rstrip()[-1:] not in ",;:" else None
    return None


def _not_a_title(units: list[Unit], i: int) -> bool:
    """Metadata, publishing bodies and repeats, which a title search passes over."""
    unit = units[i]
    if not any(ch.isalnum() for ch in unit.text):
        return True  # stray punctuation says nothing
    return bool(unit.dateline or meta.is_time(unit.text) or sig.labelled(unit.text) or sig.is_publisher(unit.text)
                or unit.repeat or _is_header_place(units, i) or (unit.chrome and unit.chrome != Reason.TEMPLATE))


def _is_header_place(units: list[Unit], i: int) -> bool:
    """A place standing under a page's date or time line."""
    previous = units[i - 1] if i else None
    return bool(previous and (previous.dateline or meta.is_time(previous.text)) and meta.is_place(units[i].text))


def _article_end(units: list[Unit], start: int) -> int:
    """The first end marker after which nothing reads as the article's text."""
    last_text = start
    for i in range(start, len(units)):
        unit = units[i]
        if unit.chrome or (unit.repeat and len(words(unit.text)) <= 20):
            continue
        if unit.prose or (unit.protected and unit.protected != Protection.SIGNATURE):
            last_text = i
    for i in range(last_text + 1, len(units)):
        if sig.is_end_marker(units[i].text):
            return _before_tags(units, last_text, i)
    return _before_tags(units, last_text, len(units))


def _before_tags(units: list[Unit], last_text: int, end: int) -> int:
    """The article ends before the page's tags: short bullet lines (``• Uganda``, ``• Shoigu Sergei``),
    perhaps under a one-word heading, between its last text and the end found, unless its last
    line introduces them (``The agenda:``)."""
    between = units[last_text + 1 : end]
    if not between or units[last_text].text.rstrip().endswith(":"):
        return end
    tags = [u for u in between if sig.is_bullet(u.text)]
    if not tags or not all(_is_tag(u.text) for u in tags):
        return end
    headings = [u for u in between if not sig.is_bullet(u.text)]
    if any(len(words(u.text)) > 2 or u.text.rstrip()[-1:] in ".:!?" or u.protected for u in headings):
        return end
    return last_text + 1


def _is_tag(text: str) -> bool:
    found = words(sig.without_bullet(text))
    return 1 <= len(found) <= 4 and not ends_sentence(text) and text.rstrip()[-1:] not in ":;,"


# -- 5: the roles --------------------------------------------------------------------


def _header_metadata(units: list[Unit], i: int, start: int | None) -> Reason | None:
    """Date, time and place lines that a page header puts by the title (a dateline with its place
    too, above the first prose)."""
    unit = units[i]
    if unit.dateline and unit.dateline.iso and (unit.dateline.place is None or (start is not None and i < start)):
        return Reason.DATE
    if meta.is_time(unit.text):
        return Reason.TIME
    previous = units[i - 1] if i else None
    if previous and previous.role == Role.REMOVED and meta.is_place(unit.text):
        # the time above may be template too ("13:00" stands on many pages, digits masked)
        if previous.reason in (Reason.DATE, Reason.TIME) or previous.dateline or meta.is_time(previous.text):
            return Reason.PLACE
    return None


def _second_prose(units: list[Unit], start: int | None) -> int:
    """Where the article's header zone ends: its second piece of prose."""
    seen = 0
    for i in range(start or 0, len(units)):
        if units[i].prose and not units[i].chrome and not units[i].repeat:
            seen += 1
            if seen == 2:
                return i
    return len(units)


def _assign(units: list[Unit], start: int | None, title: int | None, end: int) -> None:
    top = title if title is not None else (start if start is not None else 0)
    header_end = _second_prose(units, start)
    text_start = _text_after(units, start, title)
    for i, unit in enumerate(units):
        label = sig.labelled(unit.text)
        if i == title:
            unit.chrome = None
            _mark(unit, Role.TITLE)
        elif unit.repeat and title is not None and _repeats(unit, units[title]):
            _mark(unit, Role.REMOVED, Reason.TITLE_REPEATED)
        elif unit.repeat and len(words(unit.text)) <= 20 and not unit.protected:
            _mark(unit, Role.REMOVED, Reason.REPEATED_LINE)
        elif i < top:
            reason = _header_reason(unit)
            _mark(unit, Role.REMOVED if reason else Role.BODY, reason)
        elif i >= end:
            _mark(unit, Role.REMOVED, unit.chrome or _metadata_reason(unit, label) or Reason.AFTER_ARTICLE)
        elif unit.protected:
            _mark(unit, Role.BODY)
        elif unit.chrome and unit.chrome != Reason.LINK:
            _mark(unit, Role.REMOVED, unit.chrome)
        elif label:
            _mark(unit, Role.REMOVED, _metadata_reason(unit, label) or Reason.PUBLICATION_DETAILS)
        else:
            reason = _header_metadata(units, i, text_start) if i < header_end else None
            _mark(unit, Role.REMOVED if reason else Role.BODY, reason)


def _text_after(units: list[Unit], start: int | None, title: int | None) -> int | None:
    """Where the text starts under the title (the title may be the page's first sentence)."""
    if start is None or title is None or title < start:
        return start
    after = _article_start(units[title + 1 :])
    return None if after is None else title + 1 + after


def _repeats(unit: Unit, earlier: Unit) -> bool:
    """The unit is the earlier one again, perhaps with a date glued on."""
    key, before = fold_spaces(unit.text).casefold(), fold_spaces(earlier.text).casefold()
    return key.startswith(before) and not _TAIL_OF_DIGITS.sub("", key[len(before):])


def _header_reason(unit: Unit) -> Reason | None:
    """Why a unit above the title is page header; None for text too long to be one."""
    if unit.dateline:
        return Reason.DATE
    if unit.chrome:
        return unit.chrome
    if sig.is_bullet(unit.text):
        return Reason.SITE_NAVIGATION
    if sig.is_publisher(unit.text):
        return Reason.PUBLISHER
    if _metadata_reason(unit, sig.labelled(unit.text)) == Reason.SOURCE_URL:
        return Reason.SOURCE_URL  # "Source: https://…" says where the page comes from wherever it stands
    if len(words(unit.text)) > 8:
        return None
    return Reason.PAGE_HEADER


def _metadata_reason(unit: Unit, label: tuple[str, str] | None) -> Reason | None:
    if label and label[0] in sig.SOURCE_LABELS and meta.url_in(label[1]):
        return Reason.SOURCE_URL
    if label:
        return Reason.PUBLICATION_DETAILS
    return None


# -- the whole -----------------------------------------------------------------------


def line_keys(raw: RawDocument) -> set[str]:
    """The keys of a document's lines short enough to be template."""
    return {line_key(line) for line in raw.text.splitlines() if 0 < len(line.strip()) <= MAX_TEMPLATE_LINE}


def template_from(key_sets: Sequence[set[str]], share: float = 0.01) -> frozenset[str]:
    """Lines (digits masked) that stand on many pages of the corpus: site template."""
    if len(key_sets) < 4:
        return frozenset()
    counts: Counter[str] = Counter()
    for keys in key_sets:
        counts.update(keys)
    threshold = max(3, math.ceil(len(key_sets) * share))
    return frozenset(key for key, count in counts.items() if count >= threshold)


def template_lines(raws: Sequence[RawDocument], share: float = 0.01) -> frozenset[str]:
    return template_from([line_keys(raw) for raw in raws], share)


def judge(raw_lines: list[str], template: frozenset[str] = frozenset()) -> tuple[list[Unit], list[Removed], Zones]:
    """Steps 1 to 5: the units with the rules' roles, the junk-only lines, the zones found."""
    units, removed = read_units(raw_lines)
    _mark_repeats(units, _judge(units, template, raw_lines))
    _keep_lead_ins(units)
    start = _article_start(units)
    title = _find_title(units, start)
    end = _article_end(units, start) if start is not None else len(units)
    _assign(units, start, title, end)
    return units, removed, Zones(start, title, end)


def clean(raw: RawDocument, template: frozenset[str] = frozenset()) -> Document:
    """Clean one document; ``template`` are the corpus's repeated lines, if known."""
    raw_lines = raw.text.splitlines()
    units, removed, zones = judge(raw_lines, template)
    title, end = line_model.relabel(units, raw_lines, zones, template), zones.end
    document = Document(path=raw.path, encoding=raw.encoding, size=raw.size, truncated=raw.truncated)
    for unit in units:
        if unit.role == Role.REMOVED:
            reason = unit.reason
            assert reason is not None, "a removed unit always has its reason"
            removed.extend(Removed(i + 1, raw_lines[i], reason) for i in unit.lines)
            continue
        paragraph = -1 if unit.role == Role.TITLE else len(document.paragraphs)
        if unit.role == Role.TITLE:
            document.title, document.title_line = unit.text, unit.lines[0] + 1
        else:
            document.paragraphs.append(unit.text)
            document.paragraph_lines.append(unit.lines[0] + 1)
        for line, cut, offset in unit.cuts:
            removed.append(Removed(line + 1, raw_lines[line][cut.start : cut.end], cut.reason, paragraph, offset))
            if cut.kind:
                document.cards.append(card_of(cut, paragraph))
    removed.sort(key=lambda r: (r.line, r.offset or 0))
    document.removed = removed
    document.date, document.place = page_metadata.date_and_place(units, title, end)
    document.speaker = page_metadata.speaker(units, title)
    document.source_url = page_metadata.source_url(units)
    document.site = meta.host_of(document.source_url) or site_of(raw_lines)
    return document
