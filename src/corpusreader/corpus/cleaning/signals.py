"""What one line looks like: page chrome, protected text, prose or a heading.

Each test here looks at the text of one unit (a line, or hard-wrapped lines
joined) and knows nothing of any particular site. The word lists (in
``data/``) are the vocabulary of web page chrome in English and Russian.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import word_list
from ..text import KEPT_TEXT, ends_sentence, is_capitalised, is_title_case, might_hold, needles, words
from ..vocab import Protection

# -- link words: share widgets, menus, "go back" ------------------------------------

STRONG_LINK_WORDS = word_list("link_words")
WEAK_LINK_WORDS = word_list("link_filler_words")
END_MARKERS = word_list("end_markers")


def _tokens(text: str) -> tuple[str, ...]:
    return _cached_tokens(text) if len(text) <= KEPT_TEXT else _cached_tokens.__wrapped__(text)


@lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.strip(".,:;!?()[]«»\"'“”‘’|/·•").lower() for t in text.split())


def is_link_words(text: str) -> bool:
    """A short line made only of widget and menu words, at least one of them telling."""
    tokens = [t for t in _tokens(text) if t]
    if not tokens or len(tokens) > 7:
        return False
    return all(t in STRONG_LINK_WORDS or t in WEAK_LINK_WORDS for t in tokens) and any(
        t in STRONG_LINK_WORDS for t in tokens
    )


def as_phrase(text: str) -> str:
    """The line's words in lower case without their punctuation, as the word lists write a phrase."""
    return _phrase(text) if len(text) <= KEPT_TEXT else _phrase.__wrapped__(text)


@lru_cache(maxsize=4096)
def _phrase(text: str) -> str:
    return " ".join(_tokens(text)).strip()


def is_end_marker(text: str) -> bool:
    return as_phrase(text) in END_MARKERS or is_copyright(text)


# -- notices, links, forms -----------------------------------------------------------

_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)\s|copyright\b)|all rights reserved|все права защищены|licensed under|"
    r"creative commons|\bcc[ -]by\b|свидетельство о регистрации|эл\.?\s*№\s*фс|фс\s?77-\d",
    re.I,
)
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$|^\s*[\w-]+(?:\.[\w-]+)+/\S*\s*$", re.I)
_LABELLED = re.compile(
    r"^\s*(?P<label>source|direct link|original|link|url|permalink|источник|ссылка|"
    r"publication date|published(?: on| in sections)?|last updated(?: at| on)?|updated|date|"
    r"posted(?: on)?|tags|topics|keywords|views|author|photo|дата публикации|опубликовано|теги|"
    r"просмотров|автор|фото)\s*:?\s*(?P<value>.*)$",
    re.I,
)
_FORM_FIELD = re.compile(
    r"^\s*(?:search(?: this (?:web)?site)?|enter (?:your )?\S+|type (?:your )?\S+|submit|send|"
    r"post comment|(?:your )?(?:name|e-?mail|message|comment|website)\s*\*?:?|"
    r"save my name, email, and website.*|your email address will not be published.*|"
    r"required fields are marked.*|найти|искать|отправить)\s*$",
    re.I,
)
# Labels of a line that gives the page's address. The cleaner calls a line with one of
# SOURCE_LABELS "metadata: source_url"; the source URL is looked for after any of LINK_LABELS
# ("Direct link: en.kremlin.ru/..." stays "publication details" while giving the URL).
SOURCE_LABELS = frozenset({"source", "original", "permalink", "url", "источник"})
LINK_LABELS = SOURCE_LABELS | {"direct link", "link", "ссылка"}
_BULLET = re.compile(r"^\s*(?:[•·▪►▸◦●■□‣⁃∙]|[-*–—](?=\s))\s*")
_BREADCRUMB = re.compile(r"\S\s+(?:>|»|›|/|\|)\s+\S")


_COPYRIGHT_WORDS = needles(("©", "(c)", "copyright", "all rights reserved", "все права защищены", "licensed under",
                            "creative commons", "cc by", "cc-by", "свидетельство о регистрации", "фс"))
"""One of these stands in the text, in lower case, wherever ``_COPYRIGHT`` matches it."""


def is_copyright(text: str) -> bool:
    """A copyright or licence notice. The costliest test of a line (a long alternation searched through the
    whole text), asked by the rules and the line model's features alike: once a text up to ``KEPT_TEXT``, and
    only where the text in lower case holds one of the notice's words."""
    if not might_hold(text, _COPYRIGHT_WORDS):
        return False
    return _copyright(text) if len(text) <= KEPT_TEXT else bool(_COPYRIGHT.search(text))


@lru_cache(maxsize=4096)
def _copyright(text: str) -> bool:
    return bool(_COPYRIGHT.search(text))


def is_url_only(text: str) -> bool:
    return bool(_URL_ONLY.match(text))


def labelled(text: str) -> tuple[str, str] | None:
    """A ``Label: value`` line of publication details, as (label, value). Asked of a unit many times: once a
    text."""
    return _labelled(text) if len(text) <= KEPT_TEXT else _labelled.__wrapped__(text)


@lru_cache(maxsize=4096)
def _labelled(text: str) -> tuple[str, str] | None:
    match = _LABELLED.match(text)
    if not match:
        return None
    label, value = match.group("label").lower(), match.group("value").strip()
    rest = text[match.end("label") :].lstrip()
    if not rest.startswith(":") and label not in ("direct link", "published in sections", "last updated at"):
        return None
    if len(words(value)) > 12:
        return None
    return label, value


def is_form_field(text: str) -> bool:
    return bool(_FORM_FIELD.match(text))


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def without_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1)


def is_breadcrumb(text: str) -> bool:
    parts = re.split(r"\s+(?:>|»|›|/|\|)\s+", text.strip())
    return len(parts) >= 3 and all(0 < len(words(p)) <= 4 for p in parts) and not ends_sentence(text)


def is_stray_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[\d\s.,/+-]{1,20}\s*", text))


# -- protected: what must never go ---------------------------------------------------

_SEPARATOR = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:[-–—_=~]\s*){3,}|(?:•\s*){3,})\s*$")
_OMISSION = re.compile(r"^\s*[<\[(]\s*(?:…|\.\.\.)\s*[>\])]\s*$")
_NOT_SPEAKERS = re.compile(
    r"^(?:source|direct link|link|url|date|tags|topics|keywords|photo|note|notes|updated|published|"
    r"author|translation|text|attachment|video|image|file|tel|phone|fax|e-?mail|address|website|"
    r"publication date|publication status|see also|read also|views|location|time|venue|theme|"
    r"subject|re|http|https|www)$",
    re.I,
)
_SPEAKER = re.compile(r"^\s*(?P<who>[A-ZА-ЯЁ][^:\n]{0,90}?)\s*:\s+\S")
_QA = re.compile(r"^\s*(?:question|answer|q|a|вопрос|ответ)\s*:", re.I)
_SALUTATION = re.compile(
    r"^\s*(?:dear|distinguished|esteemed|respected|honou?rable|excellenc|your excellenc|ladies and gentlemen|"
    r"colleagues|friends|mr\.?|mrs\.?|ms\.?|madam|sir|уважаем|дорог|коллеги|друзья|господин|дамы и господа)",
    re.I,
)
_THANKS = re.compile(r"^\s*(?:thank you|thanks|спасибо|благодарю)\b", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[ivxlc]{1,5}|[a-zа-я])[.)]\s+\S", re.I)
_SIGNATURE = re.compile(r"^\s*[A-ZА-ЯЁ][\w.’'\-]*(?:\s+[A-ZА-ЯЁ][\w.’'\-]*){0,3},\s*$")


def speaker_of(text: str) -> str | None:
    """The speaker of a transcript line ``Vladimir Putin: ...``, posts and all."""
    match = _SPEAKER.match(text)
    if not match:
        return None
    who = match.group("who").strip()
    found = words(who)
    if not 1 <= len(found) <= 10 or _NOT_SPEAKERS.match(who):
        return None
    particles = ("of", "the", "and", "for", "on", "de", "von", "van", "al", "bin")
    if not all(is_capitalised(w) or w.lower() in particles for w in found):
        return None
    if not is_capitalised(found[-1]):
        return None
    return who


def protection(text: str) -> Protection | None:
    """Why a unit must never be removed, or None: speaker lines, salutations,
    thanks, section breaks, numbered points, a name standing as a signature.

    Asked of each raw line and of each unit (the same text where a unit is one line): once a text."""
    return _protection(text) if len(text) <= KEPT_TEXT else _protection.__wrapped__(text)


@lru_cache(maxsize=4096)
def _protection(text: str) -> Protection | None:
    n_words = len(words(text))
    if _SEPARATOR.match(text):
        return Protection.SECTION_BREAK
    if _OMISSION.match(text):
        return Protection.OMISSION
    if _QA.match(text) or speaker_of(text):
        return Protection.SPEAKER_LINE
    if n_words <= 12 and _SALUTATION.match(text) and text.rstrip()[-1:] in ",!:.":
        return Protection.SALUTATION
    if n_words <= 10 and _THANKS.match(text):
        return Protection.THANKS
    if n_words >= 3 and _NUMBERED.match(text):
        return Protection.NUMBERED_POINT
    if _SIGNATURE.match(text):
        return Protection.SIGNATURE
    return None


# -- prose and headings --------------------------------------------------------------


def is_prose(text: str) -> bool:
    """Running text: a sentence of some length ending like one."""
    n = len(words(text))
    return (n >= 6 and ends_sentence(text)) or (n >= 25 and bool(re.search(r"[.!?]\s+[A-ZА-ЯЁ]", text)))


def is_headline(text: str) -> bool:
    """Could be a title: a few words or many, not a sentence, not a fragment."""
    found = words(text)
    if not 2 <= len(found) <= 70:
        return False
    stripped = text.rstrip()
    if stripped[-1:] in ",;:.-–—":
        return False
    if not (is_capitalised(found[0]) or stripped[:1] in "\"“«'‘" or len(found) >= 4):
        return False
    return not is_bullet(text)


INSTITUTION_NOUNS = word_list("institution_nouns")
GENRE_WORDS = word_list("genre_words")


def is_publisher(text: str) -> bool:
    """The name of a publishing body (``Permanent Mission of ... to the United Nations``):
    title case, short, naming an institution, no digits, not a kind of text."""
    found = words(text)
    if not 2 <= len(found) <= 14 or any(ch.isdigit() for ch in text) or ends_sentence(text):
        return False
    if any(w.lower() in GENRE_WORDS for w in found):
        return False
    return is_title_case(text) and any(w.lower() in INSTITUTION_NOUNS for w in found)
